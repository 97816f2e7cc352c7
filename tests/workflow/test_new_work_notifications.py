"""Nobody misses new work: a task opened for somebody, returned for revision or reassigned to them, and a
division's data request each give the person who gets it one in-app notification, written with the
action, and one e-mail, sent by the reminder run (notify.mail_new_work) exactly once."""

from __future__ import annotations

from django.core import mail

from kinerja.workflow import actions
from kinerja.workflow.models import Notification, Task
from kinerja.workflow.notify import mail_new_work
from kinerja.workflow.tasks import send_due_reminders_task

from .base import WorkflowTestCase, at


class NewWorkNotificationTestCase(WorkflowTestCase):
    def notes(self, **filters: object) -> list[tuple[int, str, int | None]]:
        return list(Notification.objects.filter(**filters).order_by("pk").values_list("user_id", "kind", "task_id"))

    def test_the_next_steps_holder_is_notified_once_but_not_whoever_acted(self) -> None:
        case = self.start_case()  # step 1 is the secretary's own: she started it, nobody is told
        self.assertEqual(self.notes(), [])
        step1 = self.open_task(case)
        actions.complete_task(step1.pk, user=self.secretary, at=at(24, 9))
        step2 = self.open_task(case)
        self.assertEqual(self.notes(), [(self.subsection_head.pk, Notification.Kind.ASSIGNED, step2.pk)])

    def test_the_jfu_chosen_at_step_two_is_notified_not_the_other_jfu(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)  # step 2 chooses self.staff
        self.assertEqual(self.notes(task=step3), [(self.staff.pk, Notification.Kind.ASSIGNED, step3.pk)])

    def test_nobody_chosen_tells_every_holder(self) -> None:
        case = self.start_case()
        step2 = self.run_to_step(case, 2)
        actions.complete_task(step2.pk, user=self.subsection_head, at=at(24, 10))
        step3 = self.open_task(case)
        self.assertIsNone(step3.assignee_id)
        self.assertEqual(sorted(u for u, _k, _t in self.notes(task=step3)), sorted([self.staff.pk, self.staff2.pk]))

    def test_an_acting_holder_is_told_instead_of_the_definitive_one(self) -> None:
        case = self.start_case()
        step6 = self.run_to_step(case, 6)  # the Kepala Dinas's step; the secretary is Plh that week
        self.assertEqual(self.notes(task=step6), [])  # the secretary opened it herself (step 5)
        self.assertNotIn(self.head.pk, [u for u, _k, _t in self.notes()])

    def test_a_return_tells_the_one_who_did_the_step_before(self) -> None:
        case = self.start_case()
        step4 = self.run_to_step(case, 4)
        returned = actions.return_task(step4.pk, user=self.subsection_head, reason="Angka belum cocok", at=at(24, 11))
        again = returned.next_task  # type: ignore[attr-defined]
        self.assertEqual(self.notes(task=again), [(self.staff.pk, Notification.Kind.RETURNED, again.pk)])

    def test_the_return_mail_says_who_sent_the_work_back_and_why(self) -> None:
        # It said only "Dikembalikan untuk diperbaiki", the step and a new due date: what to fix was on the
        # case page alone. It names the reviewer, their step and the reason, as the case page does.
        case = self.start_case()
        step4 = self.run_to_step(case, 4)
        actions.return_task(step4.pk, user=self.subsection_head, reason="Angka IK-02 belum cocok", at=at(24, 11))
        mail.outbox.clear()
        mail_new_work(at(24, 11, 5))
        [returned] = [m for m in mail.outbox if m.to == [self.staff.email]]
        self.assertIn("Dikembalikan untuk diperbaiki", returned.subject)
        self.assertIn(f"Dikembalikan dari langkah 4 oleh {self.subsection_head.person.full_name}", returned.body)
        self.assertIn("Angka IK-02 belum cocok", returned.body)

    def test_a_reassigned_task_tells_its_new_person(self) -> None:
        case = self.start_case()
        step2 = self.run_to_step(case, 2)
        actions.reassign_task(step2.pk, user=self.secretary, to_user=self.staff2, reason="Dinas luar", at=at(24, 9))
        self.assertEqual(self.notes(kind=Notification.Kind.REASSIGNED),
                         [(self.staff2.pk, Notification.Kind.REASSIGNED, step2.pk)])

    def test_each_divisions_contact_gets_its_request(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        requests = actions.send_division_requests(step3.pk, user=self.staff, divisions=self.divisions,
                                                  what="Realisasi indikator", due_at=at(27, 12), at=at(24, 9))
        got = list(Notification.objects.filter(kind=Notification.Kind.REQUEST).order_by("request_id")
                   .values_list("user_id", "request_id"))
        self.assertEqual(got, [(c.pk, r.pk) for c, r in zip(self.contacts, requests, strict=True)])

    def test_the_reminder_run_mails_each_once_in_the_persons_language(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        actions.send_division_requests(step3.pk, user=self.staff, divisions=self.divisions[:1],
                                       what="Realisasi indikator", due_at=at(27, 12), at=at(24, 9))
        mail.outbox.clear()
        mailed = mail_new_work(at(24, 9, 5))
        self.assertEqual(len(mailed), 2)  # step 3 (JFU), the request (contact); step 2 is done already
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), sorted([self.staff.email, self.contacts[0].email]))
        jfu = next(m for m in mail.outbox if m.to == [self.staff.email])
        self.assertIn(case.title, jfu.subject)
        self.assertIn(f"3. {step3.step.activity}", jfu.body)
        self.assertIn("Batas waktu", jfu.body)  # Indonesian: the person's language
        self.assertIn(f"/cases/{case.pk}/", jfu.body)
        request = next(m for m in mail.outbox if m.to == [self.contacts[0].email])
        self.assertIn("Realisasi indikator", request.body)
        self.assertIn("27 Maret 2025", request.body)
        self.assertEqual(mail_new_work(at(24, 9, 10)), [])  # nothing twice
        self.assertEqual(len(mail.outbox), 2)

    def test_work_already_done_is_not_mailed(self) -> None:
        case = self.start_case()
        step2 = self.run_to_step(case, 2)
        actions.complete_task(step2.pk, user=self.subsection_head, next_user=self.staff, at=at(24, 10))
        mail.outbox.clear()
        self.assertEqual(len(mail_new_work(at(24, 11))), 1)  # step 3's; step 2 is done already
        self.assertEqual(mail.outbox[0].to, [self.staff.email])
        self.assertFalse(Notification.objects.filter(mailed_at__isnull=True).exists())
        self.assertEqual(Task.objects.get(pk=step2.pk).status, Task.Status.DONE)

    def test_work_given_to_someone_else_before_the_mail_is_mailed_to_them_only(self) -> None:
        # JFU 1 is given step 3; before the reminder run mails it, the Kasubbag gives it to JFU 2.
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        actions.reassign_task(step3.pk, user=self.subsection_head, to_user=self.staff2, reason="JFU 1 cuti",
                              at=at(24, 9))
        mail.outbox.clear()
        mail_new_work(at(24, 10))
        self.assertEqual([m.to for m in mail.outbox if case.title in m.subject], [[self.staff2.email]])
        self.assertFalse(Notification.objects.filter(mailed_at__isnull=True).exists())

    def test_the_background_reminder_task_sends_them(self) -> None:
        case = self.start_case()
        self.run_to_step(case, 2)
        mail.outbox.clear()
        send_due_reminders_task.call()
        self.assertEqual([m.to for m in mail.outbox if "Tugas baru" in m.subject], [[self.subsection_head.email]])

    def test_an_answered_request_is_no_longer_unread(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        request = actions.send_division_requests(step3.pk, user=self.staff, divisions=self.divisions[:1],
                                                 what="Realisasi", due_at=at(27, 12), at=at(24, 9))[0]
        actions.answer_request(request.pk, user=self.contacts[0], note="Terlampir", at=at(24, 10))
        self.assertFalse(Notification.objects.filter(request=request, read_at__isnull=True).exists())
        mail.outbox.clear()
        mail_new_work(at(24, 11))
        self.assertNotIn([self.contacts[0].email], [m.to for m in mail.outbox])
