"""What an acting holder (Plt, Plh) and the official they stand in for see and can do on a task of the
position, on the acting days and outside them: the case page, its completion form and the inbox.

The demo office's Sekretaris is Plh Kepala Dinas from Monday 24 to Sunday 30 March 2025 (tests/base.py):
step 6 (the Kepala Dinas checks and signs) is hers on those days, the Kepala Dinas's before and after."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from kinerja.org import actions as org_actions
from kinerja.org.models import Assignment
from kinerja.workflow import actions
from kinerja.workflow.models import Case, Task

from .base import START, WorkflowTestCase, at

ON_PLH_DAY = at(25, 10)  # Tuesday
AFTER = at(31, 10)  # Monday: the Plh ended on Sunday 30 March


class ActingHolderTestCase(WorkflowTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # One case at step 6 and one at step 4, run by their performers on Monday 24 March.
        cls.case = actions.start_case(cls.version.pk, user=cls.secretary, title="Data Kinerja Triwulan I 2025",
                                      period="Triwulan I 2025", at=START)
        cls.step6 = cls._run_to(cls.case, 6)
        cls.case4 = actions.start_case(cls.version.pk, user=cls.secretary, title="Data Kinerja Maret 2025",
                                       period="03/2025", at=START)
        cls.step4 = cls._run_to(cls.case4, 4)

    @classmethod
    def _plh_kasubbag(cls) -> None:
        """The second JFU as Plh Kasubbag on Tuesday 25 and Wednesday 26 March."""
        org_actions.assign(cls.staff2.person, cls.step4.position, starts_on=dt.date(2025, 3, 25),
                           ends_on=dt.date(2025, 3, 26), kind=Assignment.Kind.PLH, decree_number="SPT 800/46/2025")

    @classmethod
    def _january_at(cls, number: int) -> tuple[Case, Task]:
        """A case of January run to step `number` (its open task) on Monday 24 March."""
        case = actions.start_case(cls.version.pk, user=cls.secretary, title="Data Kinerja Januari 2025",
                                  period="01/2025", at=START)
        return case, cls._run_to(case, number)

    @classmethod
    def _run_to(cls, case, number: int) -> Task:  # type: ignore[no-untyped-def]
        performers = {1: cls.secretary, 2: cls.subsection_head, 3: cls.staff, 4: cls.subsection_head, 5: cls.secretary}
        moment = START
        task = case.tasks.get(status=Task.Status.OPEN)
        while task.step.number < number:
            moment += dt.timedelta(minutes=1)
            kwargs = {"next_user": cls.staff} if task.step.number == 2 else {}
            verdict = {"verdict": Task.Verdict.OK} if task.step.number in (4, 5) else {}
            actions.complete_task(task.pk, user=performers[task.step.number], note="ok", at=moment, **kwargs, **verdict)
            task = case.tasks.get(status=Task.Status.OPEN)
        return task

    def at_time(self, when: dt.datetime) -> None:
        self.enterContext(mock.patch("django.utils.timezone.now", return_value=when))

    def page(self, user, case=None):  # type: ignore[no-untyped-def]
        self.client.force_login(user)
        return self.client.get(f"/cases/{(case or self.case).pk}/")

    def inbox_tasks(self, user) -> list[int]:  # type: ignore[no-untyped-def]
        self.client.force_login(user)
        box = self.client.get("/inbox/").context["box"]
        return [row.task.pk for row in box.todo + box.soon + box.overdue]

    def complete(self, user, task: Task):  # type: ignore[no-untyped-def]
        self.client.force_login(user)
        return self.client.post(f"/tasks/{task.pk}/complete/", {"complete-note": "Ditandatangani"})


class OnThePlhDaysTests(ActingHolderTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.at_time(ON_PLH_DAY)

    def test_the_plh_has_the_completion_form_on_the_case_page(self) -> None:
        r = self.page(self.secretary)
        self.assertTrue(r.context["mine"])
        self.assertIsNotNone(r.context.get("complete_form"))
        self.assertContains(r, "Tugas Anda")
        self.assertContains(r, f'action="/tasks/{self.step6.pk}/complete/"')
        self.assertNotContains(r, "bukan oleh Anda")

    def test_the_plh_has_the_task_in_the_inbox_and_the_kadis_has_not(self) -> None:
        self.assertIn(self.step6.pk, self.inbox_tasks(self.secretary))
        self.assertNotIn(self.step6.pk, self.inbox_tasks(self.head))

    def test_the_plh_completes_it_from_the_case_page(self) -> None:
        r = self.complete(self.secretary, self.step6)
        self.assertEqual(r.status_code, 302)
        self.step6.refresh_from_db()
        self.assertEqual((self.step6.status, self.step6.done_by), (Task.Status.DONE, self.secretary))

    def test_the_kadis_sees_who_acts_for_him_and_no_completion_form(self) -> None:
        r = self.page(self.head)
        self.assertFalse(r.context.get("mine"))
        self.assertNotIn("complete_form", r.context)
        self.assertContains(r, f"sedang dijalankan oleh {self.secretary.person.full_name}")
        self.assertContains(r, "(Plh. Kepala Dinas Koperasi dan UKM), 24 Mar 2025 s.d. 30 Mar 2025.")
        self.assertNotContains(r, f'action="/tasks/{self.step6.pk}/complete/"')
        # Said again where the forms are (the Now card is far above them on a phone).
        actions_card = r.content.decode().split('id="actions"')[1]
        self.assertIn(f"Langkah 6 dikerjakan oleh {self.secretary.person.full_name} "
                      f"(Plh. {self.step6.position.title}), bukan oleh Anda.", actions_card)

    def test_the_kadis_posting_a_form_opened_before_is_told_who_acts_for_him_not_that_it_belongs_to_kadis(self) -> None:
        r = self.complete(self.head, self.step6)
        self.assertContains(r, "Langkah 6 pada Data Kinerja Triwulan I 2025 tidak Anda kerjakan hari ini: "
                               f"{self.secretary.person.full_name} (Plh. {self.step6.position.title}) menjalankan "
                               f"tugas jabatan Anda sebagai {self.step6.position.title} (24 Mar 2025 s.d. 30 Mar 2025).",
                            status_code=403)
        self.step6.refresh_from_db()
        self.assertEqual(self.step6.status, Task.Status.OPEN)

    def test_a_superior_who_does_not_hold_the_position_may_reassign_and_is_told_why_not_complete(self) -> None:
        # The Sekretaris on the Kasubbag's step 4: the reassign form, open, and no completion form.
        r = self.page(self.secretary, self.case4)
        self.assertFalse(r.context.get("mine"))
        self.assertNotIn("complete_form", r.context)
        self.assertIn("reassign_form", r.context)
        self.assertContains(r, f"Langkah 4 dikerjakan oleh {self.subsection_head.person.full_name} "
                               f"({self.step4.position.title}), bukan oleh Anda. Sebagai atasan")
        self.assertContains(r, 'name="reassign-reason"')

    def test_someone_else_is_told_who_does_the_step(self) -> None:
        r = self.page(self.staff)
        self.assertContains(r, f"Langkah 6 dikerjakan oleh {self.secretary.person.full_name} "
                               f"(Plh. {self.step6.position.title}), bukan oleh Anda.")
        self.assertNotContains(r, "Sebagai atasan")


class OutsideThePlhDaysTests(ActingHolderTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.at_time(AFTER)

    def test_the_kadis_has_the_task_again(self) -> None:
        r = self.page(self.head)
        self.assertTrue(r.context["mine"])
        self.assertIsNotNone(r.context.get("complete_form"))
        self.assertNotContains(r, "sedang dijalankan oleh")
        self.assertIn(self.step6.pk, self.inbox_tasks(self.head))

    def test_the_former_plh_sees_who_does_it_and_no_form(self) -> None:
        r = self.page(self.secretary)
        self.assertNotIn("complete_form", r.context)
        self.assertNotIn("reassign_form", r.context)  # the Sekretaris is not over the Kepala Dinas
        self.assertContains(r, f"Langkah 6 dikerjakan oleh {self.head.person.full_name} "
                               f"({self.step6.position.title}), bukan oleh Anda.")
        self.assertNotIn(self.step6.pk, self.inbox_tasks(self.secretary))
        self.assertEqual(self.complete(self.secretary, self.step6).status_code, 403)

    def test_the_kadis_completes_it(self) -> None:
        self.assertEqual(self.complete(self.head, self.step6).status_code, 302)
        self.step6.refresh_from_db()
        self.assertEqual(self.step6.done_by, self.head)

    def test_the_acting_days_are_the_office_s(self) -> None:
        # 00:30 on Monday in Bandar Lampung is still Sunday 30 March in UTC: the Plh is over.
        self.at_time(dt.datetime(2025, 3, 31, 0, 30, tzinfo=START.tzinfo))
        self.assertTrue(self.page(self.head).context["mine"])
        self.assertFalse(self.page(self.secretary).context.get("mine"))


class PlhOfAnotherPositionTests(ActingHolderTestCase):
    """A JFU as Plh Kasubbag for two days: step 4 is theirs on those days, and the Kasubbag is told so."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls._plh_kasubbag()

    def test_on_the_plh_days_the_plh_has_it_and_the_kasubbag_is_told_who(self) -> None:
        self.at_time(ON_PLH_DAY)
        r = self.page(self.staff2, self.case4)
        self.assertTrue(r.context["mine"])
        self.assertIsNotNone(r.context.get("complete_form"))
        self.assertIn(self.step4.pk, self.inbox_tasks(self.staff2))
        r = self.page(self.subsection_head, self.case4)
        self.assertNotIn("complete_form", r.context)
        self.assertContains(r, f"sedang dijalankan oleh {self.staff2.person.full_name}")
        self.assertNotIn(self.step4.pk, self.inbox_tasks(self.subsection_head))
        self.client.force_login(self.staff2)
        r = self.client.post(f"/tasks/{self.step4.pk}/complete/", {"complete-verdict": "ok", "complete-note": "Paraf"})
        self.assertEqual(r.status_code, 302)
        self.step4.refresh_from_db()
        self.assertEqual(self.step4.done_by, self.staff2)

    def test_the_day_after_it_is_the_kasubbag_s_again(self) -> None:
        self.at_time(at(27, 10))
        self.assertFalse(self.page(self.staff2, self.case4).context.get("mine"))
        self.assertNotIn(self.step4.pk, self.inbox_tasks(self.staff2))
        self.assertTrue(self.page(self.subsection_head, self.case4).context["mine"])
        self.assertIn(self.step4.pk, self.inbox_tasks(self.subsection_head))


class SuperiorPowersWhileStoodInTests(ActingHolderTestCase):
    """While a Plh acts for a head position, its superior's powers (reassigning the unit's tasks, seeing its
    overdue ones) are the Plh's, not the absent official's: the Kepala Dinas on the Sekretaris's Plh days, the
    Kasubbag on the two days a JFU is Plh Kasubbag."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls._plh_kasubbag()
        # Step 2 (the Kasubbag's, 10 minutes) is overdue from 08:11 on Monday; step 3 is the first JFU's.
        cls.case2 = actions.start_case(cls.version.pk, user=cls.secretary, title="Data Kinerja Februari 2025",
                                       period="02/2025", at=START)
        cls.step2 = cls._run_to(cls.case2, 2)
        cls.case3, cls.step3 = cls._january_at(3)

    def setUp(self) -> None:
        super().setUp()
        self.at_time(ON_PLH_DAY)

    def reassign(self, user, task: Task, to):  # type: ignore[no-untyped-def]
        self.client.force_login(user)
        return self.client.post(f"/tasks/{task.pk}/reassign/",
                                {"reassign-to_person": to.person.pk, "reassign-reason": "Dinas luar"})

    def test_the_kadis_has_no_reassign_form_and_is_told_who_reassigns_until_when(self) -> None:
        r = self.page(self.head, self.case4)
        self.assertNotIn("reassign_form", r.context)
        self.assertNotIn("reassign_nobody", r.context)
        self.assertNotContains(r, 'name="reassign-reason"')
        self.assertContains(r, f"{self.secretary.person.full_name} (Plh. {self.step6.position.title}) menjalankan "
                               f"tugas jabatan Anda sebagai {self.step6.position.title} (24 Mar 2025 s.d. 30 Mar 2025): "
                               "selama itu dialah, bukan Anda, yang dapat mengalihkan tugas ini kepada orang lain.")

    def test_the_kadis_inbox_has_no_overdue_of_his_units_and_the_plh_s_has(self) -> None:
        self.client.force_login(self.head)
        box = self.client.get("/inbox/").context["box"]
        self.assertFalse(box.supervises)
        self.assertEqual(box.team_attention, [])
        self.client.force_login(self.secretary)
        box = self.client.get("/inbox/").context["box"]
        self.assertIn(self.step2.pk, [row.task.pk for row in box.team_attention])

    def test_the_kadis_posting_the_reassign_form_is_told_who_acts_and_until_when(self) -> None:
        r = self.reassign(self.head, self.step4, self.staff2)
        self.assertContains(r, "Langkah 4 pada Data Kinerja Maret 2025 tidak dapat Anda alihkan hari ini: "
                               f"{self.secretary.person.full_name} (Plh. {self.step6.position.title}) menjalankan "
                               f"tugas jabatan Anda sebagai {self.step6.position.title} (24 Mar 2025 s.d. 30 Mar 2025)",
                            status_code=403)
        self.step4.refresh_from_db()
        self.assertIsNone(self.step4.reassigned_at)

    def test_the_kasubbag_stood_in_for_by_a_jfu_gives_way_to_the_plh(self) -> None:
        r = self.page(self.subsection_head, self.case3)
        self.assertNotIn("reassign_form", r.context)
        self.assertContains(r, f"{self.staff2.person.full_name} (Plh. {self.step4.position.title}) menjalankan tugas "
                               f"jabatan Anda sebagai {self.step4.position.title} (25 Mar 2025 s.d. 26 Mar 2025)")
        self.assertEqual(self.reassign(self.subsection_head, self.step3, self.staff2).status_code, 403)
        self.assertIn("reassign_form", self.page(self.staff2, self.case3).context)
        self.assertEqual(self.reassign(self.staff2, self.step3, self.staff2).status_code, 302)
        self.step3.refresh_from_db()
        self.assertEqual(self.step3.assignee, self.staff2.person)

    def test_the_kadis_reassigns_again_once_the_plh_is_over(self) -> None:
        self.at_time(AFTER)
        self.assertIn("reassign_form", self.page(self.head, self.case4).context)
        self.assertEqual(self.reassign(self.head, self.step4, self.staff2).status_code, 302)

    def test_the_action_refuses_the_absent_kadis(self) -> None:
        with self.assertRaisesMessage(actions.NotAllowed, "(24 Mar 2025 s.d. 30 Mar 2025)"):
            actions.reassign_task(self.step4.pk, user=self.head, to_user=self.staff2, reason="x", at=ON_PLH_DAY)


class CoordinatingStepWhileStoodInTests(ActingHolderTestCase):
    """A Plh for the JFU's position on 25 and 26 March, over a coordinating step 3 given to no JFU in particular:
    a JFU who posts the requests to the divisions, or the completion without them, from a page opened before is
    told who does the step and until when, as the completion refusal does, not "not yours: it belongs to JFU"."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.case3 = actions.start_case(cls.version.pk, user=cls.secretary, title="Data Kinerja Januari 2025",
                                       period="01/2025", at=START)
        step1 = cls.case3.tasks.get(status=Task.Status.OPEN)
        actions.complete_task(step1.pk, user=cls.secretary, note="ok", at=START + dt.timedelta(minutes=1))
        step2 = cls.case3.tasks.get(status=Task.Status.OPEN)
        actions.complete_task(step2.pk, user=cls.subsection_head, note="ok", at=START + dt.timedelta(minutes=2))
        cls.step3 = cls.case3.tasks.get(status=Task.Status.OPEN)
        actions.send_division_requests(cls.step3.pk, user=cls.staff, divisions=cls.divisions[:1], what="Realisasi",
                                       due_at=at(27, 15), at=START + dt.timedelta(minutes=3))
        cls.plh = cls.contacts[0].person
        org_actions.assign(cls.plh, cls.step3.position, starts_on=dt.date(2025, 3, 25), ends_on=dt.date(2025, 3, 26),
                           kind=Assignment.Kind.PLH, decree_number="SPT 800/47/2025")

    def setUp(self) -> None:
        super().setUp()
        self.at_time(ON_PLH_DAY)
        self.client.force_login(self.staff)
        self.told = (f"Langkah 3 pada Data Kinerja Januari 2025 tidak Anda kerjakan hari ini: {self.plh.full_name} "
                     f"(Plh. {self.step3.position.title}) menjalankan tugas jabatan Anda sebagai "
                     f"{self.step3.position.title} (25 Mar 2025 s.d. 26 Mar 2025).")

    def test_the_task_is_given_to_no_jfu_in_particular(self) -> None:
        self.assertIsNone(self.step3.assignee_id)
        self.assertTrue(self.step3.step.coordinates_divisions)

    def test_sending_the_requests_tells_who_does_the_step(self) -> None:
        r = self.client.post(f"/tasks/{self.step3.pk}/requests/", {
            "requests-divisions": [self.divisions[1].pk], "requests-what": "Realisasi",
            "requests-due_at": "2025-03-27T15:00"})
        self.assertContains(r, self.told, status_code=403)
        self.assertNotContains(r, "bukan tugas Anda", status_code=403)
        self.assertEqual(self.step3.requests.count(), 1)

    def test_completing_without_every_division_tells_who_does_the_step(self) -> None:
        r = self.client.post(f"/tasks/{self.step3.pk}/complete-missing/", {
            "missing-reason": "Bidang belum menjawab", "missing-note": "Disusun tanpa Bidang I"})
        self.assertContains(r, self.told, status_code=403)
        self.step3.refresh_from_db()
        self.assertEqual(self.step3.status, Task.Status.OPEN)

    def test_the_plh_sends_them(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.client.post(f"/tasks/{self.step3.pk}/requests/", {
            "requests-divisions": [self.divisions[1].pk], "requests-what": "Realisasi",
            "requests-due_at": "2025-03-27T15:00"})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(self.step3.requests.count(), 2)


class ReassignCandidatesWhileStoodInTests(ActingHolderTestCase):
    """Whom a superior may give a task to leaves out whoever is away while a Plt or Plh acts for their position:
    the Kepala Dinas on the Sekretaris's Plh days, the Kasubbag on the two days a JFU is Plh Kasubbag. The acting
    holder is offered instead, under the acting title; a post naming the absent official is refused, naming who
    acts and until when."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls._plh_kasubbag()
        cls.case3, cls.step3 = cls._january_at(3)  # given to the first JFU at step 2

    def setUp(self) -> None:
        super().setUp()
        self.at_time(ON_PLH_DAY)

    def offered(self, user, case) -> dict[str, str]:  # type: ignore[no-untyped-def]
        """The people offered on the case page, by name, with the label the list shows."""
        field = self.page(user, case).context["reassign_form"].fields["to_person"]
        return {p.full_name: field.label_from_instance(p) for p in field.offered}

    def test_the_plh_kepala_dinas_is_not_offered_the_absent_kadis_for_his_step(self) -> None:
        # Step 6 was given to the first JFU by the Plh: the Kepala Dinas's position is the task's, but he is away.
        actions.reassign_task(self.step6.pk, user=self.secretary, to_user=self.staff, reason="Dinas luar",
                              at=ON_PLH_DAY)
        offered = self.offered(self.secretary, self.case)
        self.assertNotIn(self.head.person.full_name, offered)
        # The Plh is offered by the acting assignment, under the acting title.
        self.assertIn(f"Plh. {self.step6.position.label}", offered[self.secretary.person.full_name])

    def test_the_sekretaris_is_offered_the_plh_kasubbag_not_the_absent_kasubbag(self) -> None:
        offered = self.offered(self.secretary, self.case3)
        self.assertNotIn(self.subsection_head.person.full_name, offered)
        self.assertIn(f"Plh. {self.step4.position.label}", offered[self.staff2.person.full_name])
        # The day after, the Kasubbag is back and offered again.
        self.at_time(at(27, 10))
        self.assertIn(self.subsection_head.person.full_name, self.offered(self.secretary, self.case3))

    def test_a_post_naming_the_absent_kasubbag_is_refused_naming_who_acts_until_when(self) -> None:
        self.client.force_login(self.secretary)
        r = self.client.post(f"/tasks/{self.step3.pk}/reassign/", {
            "reassign-to_person": self.subsection_head.person.pk, "reassign-reason": "Mohon diperiksa"},
            headers={"HX-Request": "true"})
        errors = r.context["reassign_form"].errors["to_person"]
        self.assertEqual(errors, [
            f"{self.subsection_head.person.full_name} tidak dapat diberi langkah 3: ia sedang berhalangan: "
            f"{self.staff2.person.full_name} (Plh. {self.step4.position.title}) menjalankan tugas jabatannya sebagai "
            f"{self.step4.position.title} (25 Mar 2025 s.d. 26 Mar 2025). Berikan kepada bawahan Anda di "
            f"{self.step6.position.unit.name}, {self.step4.position.unit.parent.name} atau kepada JFU lainnya."])
        self.step3.refresh_from_db()
        self.assertEqual((self.step3.assignee, self.step3.reassigned_at), (self.staff.person, None))

    def test_the_action_refuses_the_absent_kadis_naming_the_plh(self) -> None:
        with self.assertRaisesMessage(actions.NotTheirsToTake,
                                      f"{self.head.person.full_name} tidak dapat diberi langkah 6: ia sedang "
                                      f"berhalangan: {self.secretary.person.full_name} (Plh. "
                                      f"{self.step6.position.title}) menjalankan tugas jabatannya sebagai "
                                      f"{self.step6.position.title} (24 Mar 2025 s.d. 30 Mar 2025)."):
            actions.reassign_task(self.step6.pk, user=self.secretary, to_user=self.head, reason="x", at=ON_PLH_DAY)
        self.step6.refresh_from_db()
        self.assertIsNone(self.step6.reassigned_at)


class PowersWhileStoodInTests(ActingHolderTestCase):
    """While a Plt or Plh acts for a position, the powers its role gives (starting and cancelling cases) are the
    acting holder's, and the absent official is told who has them and until when; he still reads the cases. The
    Kepala Dinas on the Sekretaris's Plh days; the Kasubbag on the two days a JFU is Plh Kasubbag."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls._plh_kasubbag()

    def setUp(self) -> None:
        super().setUp()
        self.at_time(ON_PLH_DAY)
        self.plh_kadis = (f"{self.secretary.person.full_name} (Plh. {self.step6.position.title}) menjalankan tugas "
                          f"jabatan Anda sebagai {self.step6.position.title}")
        self.plh_kadis_days = "24 Mar 2025 s.d. 30 Mar 2025"  # the term, as the pages and the refusals say it

    def start(self, user):  # type: ignore[no-untyped-def]
        self.client.force_login(user)
        return self.client.post("/cases/new/", {"version": self.version.pk, "title": "Data Kinerja April 2025",
                                                "period": "04/2025"})

    def test_the_kadis_may_not_start_a_case_and_is_told_who_does(self) -> None:
        r = self.start(self.head)
        self.assertContains(r, f"Anda tidak dapat memulai pelaksanaan {self.version.name} hari ini: {self.plh_kadis} "
                               f"({self.plh_kadis_days}), dan selama itu dialah yang memulai pelaksanaan SOP.",
                            status_code=403)
        self.assertFalse(self.case.office.cases.filter(title="Data Kinerja April 2025").exists())

    def test_the_case_list_says_who_starts_cases_instead_of_the_button(self) -> None:
        self.client.force_login(self.subsection_head)
        r = self.client.get("/cases/")
        self.assertFalse(r.context["may_start"])
        self.assertNotContains(r, 'href="/cases/new/"')
        self.assertContains(r, f"{self.staff2.person.full_name} (Plh. {self.step4.position.title}) menjalankan tugas "
                               f"jabatan Anda sebagai {self.step4.position.title} (25 Mar 2025 s.d. 26 Mar 2025): "
                               "selama itu dialah, bukan Anda, yang memulai pelaksanaan SOP.")
        self.assertContains(r, self.case.title)  # the cases are still his to read
        # The Plh Kasubbag has the power by the acting assignment; a JFU alone has not, and is told nothing.
        self.client.force_login(self.staff2)
        self.assertTrue(self.client.get("/cases/").context["may_start"])
        self.client.force_login(self.staff)
        r = self.client.get("/cases/")
        self.assertFalse(r.context["may_start"])
        self.assertIsNone(r.context["start_stood_in"])

    def test_the_kadis_may_not_cancel_and_is_told_who_does(self) -> None:
        r = self.page(self.head, self.case4)
        self.assertEqual(r.status_code, 200)  # he still reads the case
        self.assertNotIn("cancel_form", r.context)
        self.assertContains(r, f"{self.plh_kadis} ({self.plh_kadis_days}): selama itu dialah, bukan Anda, yang dapat "
                               "membatalkan pelaksanaan ini.")
        r = self.client.post(f"/cases/{self.case4.pk}/cancel/", {"cancel-reason": "Dobel"})
        self.assertContains(r, f"{self.case4.title} tidak dapat Anda batalkan hari ini: {self.plh_kadis} "
                               f"({self.plh_kadis_days}), dan selama itu dialah yang membatalkan pelaksanaan SOP.",
                            status_code=403)
        self.case4.refresh_from_db()
        self.assertEqual(self.case4.status, self.case4.Status.OPEN)
        with self.assertRaisesMessage(actions.NotAllowed, "(24 Mar 2025 s.d. 30 Mar 2025)"):
            actions.cancel_case(self.case4.pk, user=self.head, reason="Dobel", at=ON_PLH_DAY)
        # The Plh cancels it (as Sekretaris she could already; as Plh Kepala Dinas too).
        self.assertIn("cancel_form", self.page(self.secretary, self.case4).context)

    def test_the_absent_kadis_keeps_the_menus_to_read(self) -> None:
        self.client.force_login(self.head)
        r = self.client.get("/cases/")
        self.assertEqual({str(item["url"]) for item in r.context["nav"]} & {"/cases/", "/letters/"},
                         {"/cases/", "/letters/"})

    def test_once_the_plh_is_over_the_kadis_starts_and_cancels_again(self) -> None:
        self.at_time(AFTER)
        self.client.force_login(self.head)
        r = self.client.get("/cases/")
        self.assertTrue(r.context["may_start"])
        self.assertNotContains(r, "menjalankan tugas jabatan Anda")
        self.assertIn("cancel_form", self.page(self.head, self.case4).context)
        self.assertEqual(self.start(self.head).status_code, 302)
