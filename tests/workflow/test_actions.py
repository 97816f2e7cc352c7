"""Cases and tasks through the actions: start, complete, return, rounds, Plt, reassignment, refusals."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile

from kinerja.errors import KinerjaError, NotAllowed
from kinerja.sop.models import SopVersion
from kinerja.workflow import actions
from kinerja.workflow.models import Case, Event, Notification, Task

from .base import START, WIB, WorkflowTestCase, at
from .seed import build_seed_sop


class StartCaseTestCase(WorkflowTestCase):
    def test_it_opens_step_one_for_the_secretary_with_its_due_time(self) -> None:
        case = self.start_case()
        task = self.open_task(case)
        self.assertEqual(task.step.number, 1)
        self.assertEqual(task.position, self.positions["secretary"])
        # Single-holder position: nobody stored, the holder of the day acts.
        self.assertIsNone(task.assignee)
        self.assertEqual(task.due_at, at(24, 8, 2))
        self.assertEqual(list(case.events.values_list("kind", flat=True)), ["case_started", "task_assigned"])

    def test_it_refuses_a_superseded_version_with_the_reason(self) -> None:
        old = build_seed_sop(self.built, status=SopVersion.Status.SUPERSEDED, version=2, sop=self.version.sop)
        with self.assertRaisesMessage(KinerjaError, old.get_status_display().lower()):
            actions.start_case(old.pk, user=self.secretary, title="X", period="2025", at=START)
        self.assertFalse(Case.objects.exists())

    def test_it_refuses_a_revoked_or_draft_version(self) -> None:
        for number, status in ((3, SopVersion.Status.REVOKED), (4, SopVersion.Status.DRAFT)):
            version = build_seed_sop(self.built, status=status, version=number, sop=self.version.sop)
            with self.assertRaisesMessage(KinerjaError, version.get_status_display().lower()):
                actions.start_case(version.pk, user=self.secretary, title="X", period="2025", at=START)

    def test_it_refuses_staff_and_other_offices(self) -> None:
        for user in (self.staff, self.outsider):
            with self.assertRaises(NotAllowed):
                actions.start_case(self.version.pk, user=user, title="X", period="2025", at=START)

    def test_it_refuses_a_step_without_a_position(self) -> None:
        self.version.actors.filter(name="JFU").update(position=None)
        with self.assertRaisesMessage(KinerjaError, "langkah 3"):
            self.start_case()


class CompleteTaskTestCase(WorkflowTestCase):
    def test_it_records_the_output_and_opens_the_next_step(self) -> None:
        case = self.start_case()
        task = self.open_task(case)
        done = actions.complete_task(task.pk, user=self.secretary, note="Didisposisikan ke Kasubbag",
                                     files=[ContentFile(b"surat", name="disposisi.pdf")], at=at(24, 8, 1))
        self.assertEqual(done.status, Task.Status.DONE)
        self.assertEqual(done.working_seconds, 60)
        self.assertEqual(done.files.get().name, "disposisi.pdf")
        nxt = self.open_task(case)
        self.assertEqual((nxt.step.number, nxt.opened_at, nxt.due_at), (2, at(24, 8, 1), at(24, 8, 11)))

    def test_the_kasubbag_chooses_the_jfu(self) -> None:
        case = self.start_case()
        task = self.run_to_step(case, 2)
        actions.complete_task(task.pk, user=self.subsection_head, next_user=self.staff2, at=at(24, 9))
        step3 = self.open_task(case)
        self.assertEqual(step3.assignee, self.staff2.person)
        with self.assertRaises(NotAllowed):
            actions.complete_task(step3.pk, user=self.staff, at=at(24, 10))

    def test_choosing_someone_outside_the_position_is_refused(self) -> None:
        case = self.start_case()
        task = self.run_to_step(case, 2)
        with self.assertRaisesMessage(KinerjaError, "tidak menjabat"):
            actions.complete_task(task.pk, user=self.subsection_head, next_user=self.contacts[0], at=at(24, 9))
        self.assertEqual(self.open_task(case).pk, task.pk)

    def test_completing_a_task_that_is_not_yours_is_refused(self) -> None:
        task = self.open_task(self.start_case())
        with self.assertRaisesMessage(NotAllowed, "bukan tugas Anda"):
            actions.complete_task(task.pk, user=self.staff, at=at(24, 8, 1))

    def test_completing_twice_names_who_did_it_and_when(self) -> None:
        task = self.open_task(self.start_case())
        actions.complete_task(task.pk, user=self.secretary, at=at(24, 8, 1))
        with self.assertRaisesMessage(KinerjaError, "Contoh Sekretaris Demo"):
            actions.complete_task(task.pk, user=self.secretary, at=at(24, 8, 2))

    def test_the_last_step_finishes_the_case(self) -> None:
        case = self.start_case()
        task = self.run_to_step(case, 6)
        # The Sekretaris is Plh Kepala Dinas this week: step 6 is theirs, not the absent Kadis's.
        with self.assertRaises(NotAllowed):
            actions.complete_task(task.pk, user=self.head, at=at(25, 9))
        actions.complete_task(task.pk, user=self.secretary, note="Ditandatangani", at=at(25, 9))
        case.refresh_from_db()
        self.assertEqual((case.status, case.finished_at), (Case.Status.DONE, at(25, 9)))
        self.assertEqual(case.events.last().kind, Event.Kind.CASE_FINISHED)

    def test_an_open_task_follows_the_position_when_the_plt_ends(self) -> None:
        case = self.start_case()
        task = self.run_to_step(case, 6)
        # 31 March is Idul Fitri; on Tuesday 1 April the Plt has ended and the Kadis is back.
        actions.complete_task(task.pk, user=self.head, at=dt.datetime(2025, 4, 8, 9, tzinfo=WIB))
        self.assertEqual(Case.objects.get().status, Case.Status.DONE)


class ReturnTaskTestCase(WorkflowTestCase):
    def test_belum_sesuai_sends_the_work_back_with_a_fresh_due_date(self) -> None:
        case = self.start_case()
        step5 = self.run_to_step(case, 5)
        actions.return_task(step5.pk, user=self.secretary, reason="Capaian bidang UMKM belum ada", at=at(25, 10))
        step5.refresh_from_db()
        self.assertEqual((step5.status, step5.verdict), (Task.Status.RETURNED, Task.Verdict.NOT_OK))
        again = self.open_task(case)
        self.assertEqual((again.step.number, again.round, again.opened_at), (4, 2, at(25, 10)))
        # 5 hari over Lebaran: 26, 27 March, then 8, 9, 10 April (28 March to 7 April are off).
        self.assertEqual(again.due_at, at(10, 10, month=4))
        # Round 2 of step 4 leads to round 2 of step 5; every round stays.
        actions.complete_task(again.pk, user=self.subsection_head, verdict="ok", at=at(25, 11))
        self.assertEqual(self.open_task(case).round, 2)
        self.assertEqual(case.tasks.filter(step__number=4).count(), 2)
        self.assertEqual(case.events.filter(kind=Event.Kind.RETURNED).count(), 1)

    def test_a_return_needs_a_reason(self) -> None:
        step5 = self.run_to_step(self.start_case(), 5)
        with self.assertRaisesMessage(KinerjaError, "Alasan"):
            actions.return_task(step5.pk, user=self.secretary, reason="  ", at=at(25, 10))
        step5.refresh_from_db()
        self.assertEqual(step5.status, Task.Status.OPEN)

    def test_a_step_without_a_return_edge_cannot_return(self) -> None:
        task = self.open_task(self.start_case())
        with self.assertRaisesMessage(KinerjaError, "tidak dapat mengembalikan"):
            actions.return_task(task.pk, user=self.secretary, reason="x", at=at(24, 8, 1))

    def test_the_jfu_who_did_step_three_gets_it_back(self) -> None:
        case = self.start_case()
        step2 = self.run_to_step(case, 2)
        actions.complete_task(step2.pk, user=self.subsection_head, next_user=self.staff2, at=at(24, 9))
        actions.complete_task(self.open_task(case).pk, user=self.staff2, at=at(24, 10))
        actions.return_task(self.open_task(case).pk, user=self.subsection_head, reason="Kurang bukti", at=at(24, 11))
        self.assertEqual(self.open_task(case).assignee, self.staff2.person)

    def test_a_sesuai_verdict_is_the_only_one_complete_accepts(self) -> None:
        step5 = self.run_to_step(self.start_case(), 5)
        with self.assertRaisesMessage(KinerjaError, "Keputusan"):
            actions.complete_task(step5.pk, user=self.secretary, verdict="not_ok", at=at(25, 10))


class ReassignTestCase(WorkflowTestCase):
    def test_the_secretary_gives_the_kasubbags_task_to_a_jfu(self) -> None:
        case = self.start_case()
        task = self.run_to_step(case, 2)
        actions.reassign_task(task.pk, user=self.secretary, to_user=self.staff2, reason="Kasubbag dinas luar",
                              at=at(24, 9))
        task.refresh_from_db()
        self.assertEqual(task.assignee, self.staff2.person)
        with self.assertRaises(NotAllowed):
            actions.complete_task(task.pk, user=self.subsection_head, at=at(24, 10))
        actions.complete_task(task.pk, user=self.staff2, next_user=self.staff, at=at(24, 10))
        event = case.events.get(kind=Event.Kind.REASSIGNED)
        self.assertEqual(event.data["reason"], "Kasubbag dinas luar")

    def test_a_task_goes_only_to_someone_who_works_in_the_office(self) -> None:
        task = self.run_to_step(self.start_case(), 2)
        with self.assertRaisesMessage(KinerjaError, "admin tidak memegang jabatan"):
            actions.reassign_task(task.pk, user=self.secretary, to_user=self.admin, reason="x", at=at(24, 9))
        self.staff2.is_active = False
        self.staff2.save(update_fields=["is_active"])
        with self.assertRaisesMessage(KinerjaError, "jfu2 tidak memegang jabatan"):
            actions.reassign_task(task.pk, user=self.secretary, to_user=self.staff2, reason="x", at=at(24, 9))

    def test_staff_may_not_reassign_and_a_reason_is_required(self) -> None:
        task = self.run_to_step(self.start_case(), 2)
        with self.assertRaises(NotAllowed):
            actions.reassign_task(task.pk, user=self.staff, to_user=self.staff2, reason="x", at=at(24, 9))
        with self.assertRaisesMessage(KinerjaError, "Alasan"):
            actions.reassign_task(task.pk, user=self.secretary, to_user=self.staff2, reason="", at=at(24, 9))


    def test_a_task_is_not_given_to_the_person_who_already_has_it(self) -> None:
        # Step 2 is the Kasubbag's (its only holder); giving it to them again would only add an event to
        # the trail and a notification. Once the Sekretaris gave it to JFU 2, giving it to JFU 2 is refused too.
        case = self.start_case()
        task = self.run_to_step(case, 2)
        with self.assertRaisesMessage(KinerjaError, "Langkah 2 pada Pengumpulan Data Kinerja Triwulan I 2025 sudah "
                                                    f"ditugaskan kepada {self.subsection_head.person.full_name}"):
            actions.reassign_task(task.pk, user=self.secretary, to_user=self.subsection_head, reason="x", at=at(24, 9))
        actions.reassign_task(task.pk, user=self.secretary, to_user=self.staff2, reason="Dinas luar", at=at(24, 9))
        with self.assertRaisesMessage(KinerjaError, f"sudah ditugaskan kepada {self.staff2.person.full_name}"):
            actions.reassign_task(task.pk, user=self.secretary, to_user=self.staff2, reason="x", at=at(24, 10))
        self.assertEqual(case.events.filter(kind=Event.Kind.REASSIGNED).count(), 1)
        self.assertEqual(Notification.objects.filter(kind=Notification.Kind.REASSIGNED).count(), 1)
        task.refresh_from_db()
        self.assertEqual((task.assignee, task.reassigned_at), (self.staff2.person, at(24, 9)))


class CancelCaseTestCase(WorkflowTestCase):
    def test_the_secretary_cancels_with_a_reason(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        with self.assertRaisesMessage(KinerjaError, "Alasan"):
            actions.cancel_case(case.pk, user=self.secretary, reason="", at=at(24, 10))
        actions.cancel_case(case.pk, user=self.secretary, reason="Surat ditarik kembali", at=at(24, 10))
        case.refresh_from_db()
        step3.refresh_from_db()
        self.assertEqual((case.status, step3.status), (Case.Status.CANCELLED, Task.Status.CANCELLED))
        self.assertEqual(case.events.last().data, {"tasks": [step3.pk], "reason": "Surat ditarik kembali"})
        with self.assertRaisesMessage(KinerjaError, "dibatalkan oleh Contoh Sekretaris Demo"):
            actions.complete_task(step3.pk, user=self.staff, at=at(24, 11))

    def test_staff_may_not_cancel(self) -> None:
        case = self.start_case()
        with self.assertRaises(NotAllowed):
            actions.cancel_case(case.pk, user=self.staff, reason="x", at=at(24, 10))
