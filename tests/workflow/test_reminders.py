"""Reminders (half-way, due within one working hour, overdue) once per task and threshold, and the
early warning when a case can no longer meet its target deadline."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from kinerja.errors import KinerjaError
from kinerja.org import demo
from kinerja.workflow import actions
from kinerja.workflow.models import Case, Event, Notification
from kinerja.workflow.notify import NEW_WORK
from kinerja.workflow.reminders import send_due_reminders
from tests.base import PASSWORD, TODAY

from .base import START, WorkflowTestCase, at
from .seed import build_seed_sop
from .test_concurrency import race


class RemindersTestCase(WorkflowTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.case = self.start_case()
        # Step 4 (Kasubbag, 5 hari) opens Monday 24 March 08:04, due 9 April 08:04 (Lebaran in between).
        self.task = self.run_to_step(self.case, 4)

    def send(self, moment: dt.datetime) -> list[tuple[int, str]]:
        with self.captureOnCommitCallbacks(execute=True):
            return [s for s in send_due_reminders(moment) if s[0] == self.task.pk]

    def test_each_threshold_is_sent_once(self) -> None:
        self.assertEqual(self.send(at(25, 12)), [])
        self.assertEqual(self.send(at(27, 10)), [(self.task.pk, "half")])
        self.assertEqual(self.send(at(27, 11)), [])
        self.assertEqual(self.send(at(9, 7, 30, month=4)), [(self.task.pk, "soon")])
        self.assertEqual(self.send(at(9, 9, month=4)), [(self.task.pk, "overdue")])
        self.assertEqual(self.send(at(10, 9, month=4)), [])
        # Reminders only: being given the task is a notification of its own (test_new_work_notifications.py).
        kasubbag = Notification.objects.filter(user=self.subsection_head).exclude(kind__in=NEW_WORK).order_by("pk")
        self.assertEqual([n.kind for n in kasubbag], ["half", "soon", "overdue"])
        self.assertEqual([m.to for m in mail.outbox], [["kasubbag@demo.invalid"]] * 3)
        self.assertIn("Terlambat", mail.outbox[-1].subject)
        # The due time as the Kasubbag reads it: in the office's time zone, in Indonesian.
        self.assertIn("Batas waktu: Rabu, 9 April 2025 08.03 WIB", mail.outbox[-1].body)
        self.assertIn(f"{settings.PUBLIC_URL}/cases/{self.case.pk}/", mail.outbox[-1].body)
        self.assertEqual(self.case.events.filter(kind=Event.Kind.REMINDER_SENT).count(), 3)

    def test_an_overdue_task_is_not_told_half_way_afterwards(self) -> None:
        self.assertEqual(self.send(at(10, 9, month=4)), [(self.task.pk, "overdue")])
        self.assertEqual(self.send(at(11, 9, month=4)), [])
        self.task.refresh_from_db()
        self.assertIsNotNone(self.task.warned_half_at)

    def test_a_reassigned_overdue_task_reminds_its_new_person_once(self) -> None:
        # The Kasubbag was told it is overdue; the Sekretaris gives it to JFU 2, who is told once too.
        self.assertEqual(self.send(at(9, 9, month=4)), [(self.task.pk, "overdue")])
        actions.reassign_task(self.task.pk, user=self.secretary, to_user=self.staff2, reason="Kasubbag cuti",
                              at=at(10, 9, month=4))
        self.assertEqual(self.send(at(10, 9, 5, month=4)), [(self.task.pk, "overdue")])
        self.assertEqual(self.send(at(11, 9, month=4)), [])
        reminded = Notification.objects.exclude(kind__in=NEW_WORK).order_by("pk")
        self.assertEqual([(n.user.username, n.kind) for n in reminded], [("kasubbag", "overdue"), ("jfu2", "overdue")])
        # The trail says the new person's reminders start again, and each one sent.
        reassigned = self.case.events.get(kind=Event.Kind.REASSIGNED)
        self.assertEqual(reassigned.data["reminders_reset"], ["half", "soon", "overdue"])
        self.assertEqual(self.case.events.filter(kind=Event.Kind.REMINDER_SENT).count(), 2)

    def test_a_task_given_back_to_the_same_person_is_refused_and_not_reminded_again(self) -> None:
        self.assertEqual(self.send(at(27, 10)), [(self.task.pk, "half")])
        with self.assertRaisesMessage(KinerjaError, "sudah ditugaskan kepada"):
            actions.reassign_task(self.task.pk, user=self.secretary, to_user=self.subsection_head, reason="Tetap",
                                  at=at(27, 11))
        self.assertEqual(self.send(at(27, 12)), [])

    def test_a_task_nobody_holds_is_reminded_to_whoever_is_appointed(self) -> None:
        # The Kasubbag left before step 4 fell due; nobody holds the position until a new one is appointed
        # on 10 April. The overdue reminder is not spent on nobody: the new Kasubbag gets it, once.
        from kinerja.org.models import Assignment

        kept = Assignment.objects.get(person__user=self.subsection_head)
        Assignment.objects.filter(pk=kept.pk).update(ends_on=dt.date(2025, 3, 31))
        self.assertEqual(self.send(at(9, 9, month=4)), [])
        self.assertFalse(self.case.events.filter(kind=Event.Kind.REMINDER_SENT).exists())
        Assignment.objects.create(person=self.staff2.person, position=kept.position, kind=kept.kind,
                                  starts_on=dt.date(2025, 4, 10))
        self.assertEqual(self.send(at(10, 9, month=4)), [(self.task.pk, "overdue")])
        self.assertEqual([(n.user.username, n.kind) for n in Notification.objects.exclude(kind__in=NEW_WORK)],
                         [("jfu2", "overdue")])
        self.assertEqual(self.send(at(11, 9, month=4)), [])

    def test_the_command_queues_the_run(self) -> None:
        out = StringIO()
        call_command("remind", stdout=out)
        self.assertIn("Queued reminders", out.getvalue())


class EarlyWarningTestCase(WorkflowTestCase):
    def test_a_case_that_cannot_meet_its_deadline_is_flagged_once(self) -> None:
        # 12 working days of standard time cannot fit before Friday 4 April.
        with self.captureOnCommitCallbacks(execute=True):
            case = self.start_case(target_deadline=at(4, 16, month=4))
        case.refresh_from_db()
        self.assertTrue(case.at_risk)
        told = set(Notification.objects.filter(kind="at_risk").values_list("user__username", flat=True))
        # Every remaining actor and the superiors of their units, nobody of the divisions. The Sekretaris acts
        # as Kadis (Plh) this week: the definitive Kadis is told nothing, as he is given no task meanwhile.
        self.assertEqual(told, {"sekretaris", "kasubbag", "jfu", "jfu2"})
        self.assertFalse([m for m in mail.outbox if "kadis@demo.invalid" in m.to])
        self.run_to_step(case, 3)
        self.assertEqual(case.events.filter(kind=Event.Kind.AT_RISK).count(), 1)

    def test_without_an_acting_head_the_kadis_is_told(self) -> None:
        from kinerja.org.models import Assignment

        Assignment.objects.filter(kind__in=[Assignment.Kind.PLT, Assignment.Kind.PLH]).delete()
        with self.captureOnCommitCallbacks(execute=True):
            self.start_case(target_deadline=at(4, 16, month=4))
        told = set(Notification.objects.filter(kind="at_risk").values_list("user__username", flat=True))
        self.assertEqual(told, {"sekretaris", "kasubbag", "jfu", "jfu2", "kadis"})

    def test_a_task_given_to_one_jfu_warns_that_jfu_not_every_jfu(self) -> None:
        # The Kasubbag gave step 3 to JFU 1; the case falls behind while JFU 1 works on it. JFU 2 has
        # nothing to do with this case: the warning is JFU 1's, and the superiors' as always (the Kadis too:
        # the Sekretaris's Plt ended on 30 March).
        case = self.start_case(target_deadline=at(30, 16, month=4))
        task = self.run_to_step(case, 3)
        self.assertEqual(task.assignee.user, self.staff)
        with self.captureOnCommitCallbacks(execute=True):
            send_due_reminders(at(25, 10, month=4))
        self.assertTrue(Case.objects.get(pk=case.pk).at_risk)
        told = set(Notification.objects.filter(kind="at_risk").values_list("user__username", flat=True))
        self.assertEqual(told, {"jfu", "kasubbag", "sekretaris", "kadis"})
        warned = [m for m in mail.outbox if "Peringatan dini" in m.subject]
        self.assertFalse([m for m in warned if "jfu2@demo.invalid" in m.to])

    def test_a_later_step_of_the_same_position_warns_every_holder(self) -> None:
        # Step 5 is a JFU's too here: JFU 1 has step 3 (the warning of the open work is hers), and step 5 may go
        # to either JFU, as any step to come goes to whoever holds its position: JFU 2 is told too.
        from kinerja.sop.models import Actor, Step

        jfu = Actor.objects.get(version=self.version, name="JFU")
        Step.objects.filter(version=self.version, number=5).update(actor=jfu)
        case = self.start_case(target_deadline=at(30, 16, month=4))
        self.assertEqual(self.run_to_step(case, 3).assignee.user, self.staff)
        with self.captureOnCommitCallbacks(execute=True):
            send_due_reminders(at(25, 10, month=4))
        self.assertTrue(Case.objects.get(pk=case.pk).at_risk)
        told = set(Notification.objects.filter(kind="at_risk").values_list("user__username", flat=True))
        self.assertEqual(told, {"jfu", "jfu2", "kasubbag", "sekretaris", "kadis"})

    def test_a_task_reassigned_by_a_superior_warns_the_new_person(self) -> None:
        case = self.start_case(target_deadline=at(30, 16, month=4))
        task = self.run_to_step(case, 3)
        actions.reassign_task(task.pk, user=self.subsection_head, to_user=self.staff2, reason="JFU 1 dinas luar",
                              at=at(25, 9))
        with self.captureOnCommitCallbacks(execute=True):
            send_due_reminders(at(25, 10, month=4))
        told = set(Notification.objects.filter(kind="at_risk").values_list("user__username", flat=True))
        self.assertEqual(told, {"jfu2", "kasubbag", "sekretaris", "kadis"})

    def test_a_case_with_room_is_not_flagged_until_time_runs_out(self) -> None:
        case = self.start_case(target_deadline=at(30, 16, month=4))
        self.assertFalse(Case.objects.get(pk=case.pk).at_risk)
        with self.captureOnCommitCallbacks(execute=True):
            send_due_reminders(at(25, 10, month=4))
        self.assertTrue(Case.objects.get(pk=case.pk).at_risk)


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_each_reminder_once() -> None:
    built = demo.build(password=PASSWORD, today=TODAY)
    version = build_seed_sop(built)
    secretary = built.people["sekretaris"].user
    cases = [actions.start_case(version.pk, user=secretary, title=f"Kasus {i}", period=f"Tahun {2001 + i}", at=START)
             for i in range(5)]
    moment = at(24, 9)
    results = race(lambda: send_due_reminders(moment), lambda: send_due_reminders(moment))
    assert not any(isinstance(r, Exception) for r in results), results
    sent = [s for r in results for s in r]
    assert sorted(sent) == sorted((c.tasks.get().pk, "overdue") for c in cases)
    assert Notification.objects.count() == 5
    assert len(mail.outbox) == 5
    assert Event.objects.filter(kind=Event.Kind.REMINDER_SENT).count() == 5
