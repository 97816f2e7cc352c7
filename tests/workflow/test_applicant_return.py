"""A service SOP whose decision sends an incomplete application back to the applicant ("Tidak: kembali ke
Pemohon"): the applicant's time to bring what was missing is theirs, not the officers'. The return opens a round
of the applicant's own step (an outside party's, recorded by the counter officer), so the days they take are
measured there; the counter officer's step opens again only when the applicant hands the application in again,
and its round is timed from then. The compliance report (`kinerja sop compliance`) and the case history say so.

The IUM SOP of test_service_sop, its step 4 returning to step 1 (Pemohon) rather than to step 2, built the same way."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

from django.core.management import call_command

from kinerja.workflow import actions
from kinerja.workflow.models import Case, Task

from .base import WorkflowTestCase, at
from .test_service_sop import KASI, build_ium

RETURNED = at(24, 8, 20)  # Monday: the Kasi finds the copy of the family card missing
HANDED_IN_AGAIN = at(26, 10)  # Wednesday: the applicant brings it; the counter officer records it


class ReturnToTheApplicantTests(WorkflowTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.ium, steps = build_ium(cls.office, cls.positions)
        steps[3].returns_to.add(steps[0])  # "Tidak: kembali ke Pemohon"
        assert steps[2].actor.name == KASI
        cls.case = Case.objects.get(pk=cls._run(cls))

    @staticmethod
    def _run(test: type[ReturnToTheApplicantTests]) -> int:
        case = actions.start_case(test.ium.pk, user=test.staff, title="IUM Warung Contoh",
                                  at=dt.datetime(2025, 3, 24, 8, 0, tzinfo=RETURNED.tzinfo))
        task = case.tasks.get(status=Task.Status.OPEN)
        for number, when in ((1, at(24, 8, 5)), (2, at(24, 8, 10)), (3, at(24, 8, 15))):
            assert task.step.number == number
            user = test.subsection_head if number == 3 else test.staff
            actions.complete_task(task.pk, user=user, note="dicatat", at=when,
                                  **({"next_user": test.staff} if number == 1 else {}))
            task = case.tasks.get(status=Task.Status.OPEN)
        actions.return_task(task.pk, user=test.subsection_head, reason="Fotokopi KK belum ada", at=RETURNED)
        again = case.tasks.get(status=Task.Status.OPEN)
        assert (again.step.number, again.round) == (1, 2), (again.step.number, again.round)
        actions.complete_task(again.pk, user=test.staff, note="Fotokopi KK diserahkan", next_user=test.staff,
                              at=HANDED_IN_AGAIN)
        task = case.tasks.get(status=Task.Status.OPEN)
        actions.complete_task(task.pk, user=test.staff, note="dicatat ulang", at=HANDED_IN_AGAIN + dt.timedelta(minutes=10))
        return case.pk

    def rounds(self, number: int) -> list[Task]:
        return list(self.case.tasks.filter(step__number=number).order_by("round"))

    def test_the_applicant_s_days_are_on_the_applicant_s_step_not_the_counter_officer_s(self) -> None:
        applicant, officer = self.rounds(1), self.rounds(2)
        self.assertEqual([t.round for t in applicant], [1, 2])
        self.assertEqual(applicant[1].opened_at, RETURNED)
        # Monday 08:20 to Wednesday 10:00: two working days and 1 h 40 min, the applicant's.
        day = 8.5 * 3600
        self.assertEqual(applicant[1].working_seconds, int(2 * day + 100 * 60))
        # The counter officer's second round runs from the handing in, ten minutes.
        self.assertEqual(officer[1].opened_at, HANDED_IN_AGAIN)
        self.assertEqual([t.working_seconds for t in officer], [300, 600])
        self.assertTrue(all(t.done_at <= t.due_at for t in officer))

    def test_the_compliance_report_counts_them_so(self) -> None:
        out = StringIO()
        call_command("sop", "compliance", str(self.ium.pk), "--year", "2025", "--json", stdout=out)
        steps = {s["number"]: s for s in json.loads(out.getvalue())["steps"]}
        self.assertEqual((steps[1]["outside"], steps[1]["runs"], steps[1]["on_time"]), (True, 2, 1))
        self.assertGreater(steps[1]["p90_seconds"], 2 * 8.5 * 3600)
        self.assertEqual((steps[2]["outside"], steps[2]["runs"], steps[2]["on_time"]), (False, 2, 2))
        self.assertLessEqual(steps[2]["p90_seconds"], 600)
        self.assertEqual((steps[4]["runs"], steps[4]["returns"]), (1, 1))

    def test_the_case_history_shows_the_wait_as_the_applicant_s(self) -> None:
        self.client.force_login(self.staff)
        page = self.client.get(f"/cases/{self.case.pk}/").content.decode()
        rows = {row.split('"', 1)[0]: row.split("</tr>", 1)[0] for row in page.split('<tr id="row-')[1:]}
        waited, recorded_again = (rows[str(t.pk)] for t in (self.rounds(1)[1], self.rounds(2)[1]))
        self.assertIn("dicatat atas nama Pemohon, pihak luar", waited)
        self.assertIn("terlambat", waited)  # past the applicant's own 15 minutes
        self.assertNotIn("pihak luar", recorded_again)
        self.assertNotIn("terlambat", recorded_again)
        self.assertIn("10 menit", recorded_again)
