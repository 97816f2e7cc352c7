"""The demo cases: run through the real actions, in the states the issue asks for, loaded once."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from kinerja.workflow import audit, demo
from kinerja.workflow.models import Case, DivisionRequest, Event, Task

from .base import WIB, WorkflowTestCase

NOW = dt.datetime(2025, 11, 28, 10, 0, tzinfo=WIB)


class DemoTestCase(WorkflowTestCase):
    def load(self) -> None:
        with mock.patch("django.utils.timezone.now", return_value=NOW):
            demo.load(self.office)

    def test_it_adds_cases_in_every_state(self) -> None:
        self.load()
        cases = Case.objects.filter(office=self.office)
        finished = cases.filter(status=Case.Status.DONE)
        # The quarter being collected is the last that ended (III 2025); the four before it are finished.
        self.assertEqual(sorted(finished.values_list("period", flat=True)),
                         ["Triwulan I 2025", "Triwulan II 2025", "Triwulan III 2024", "Triwulan IV 2024"])
        # One open case per period: besides this month's and the year's, last month's (overdue at step 4) and the
        # month's before it (returned once by the Sekretaris); the letters demo runs the quarters.
        running = cases.filter(status=Case.Status.OPEN).exclude(period__in=["Tahun 2025", "11/2025"])
        self.assertEqual(set(running.values_list("period", flat=True)), {"10/2025", "09/2025"})
        self.assertTrue(all(c.finished_at < NOW for c in finished))
        open_tasks = Task.objects.filter(case__in=cases, status=Task.Status.OPEN)
        self.assertEqual(sorted(open_tasks.values_list("step__number", flat=True)), [1, 3, 4, 4])
        overdue = open_tasks.filter(due_at__lt=NOW)
        self.assertEqual(list(overdue.values_list("step__number", "round")), [(4, 1)])
        returned = Event.objects.filter(case__status=Case.Status.OPEN, kind=Event.Kind.RETURNED)
        self.assertEqual([(e.data["step"], e.actor.username) for e in returned], [(5, "sekretaris")])
        waiting = DivisionRequest.objects.filter(task__status=Task.Status.OPEN, answered_at__isnull=True)
        self.assertEqual(waiting.count(), 2)
        # A finished quarter was returned once, another completed before every division answered.
        self.assertEqual(Event.objects.filter(case__in=finished, kind=Event.Kind.RETURNED).count(), 1)
        self.assertEqual(Event.objects.filter(case__in=finished, kind=Event.Kind.COMPLETED_WITH_MISSING).count(), 1)
        self.assertEqual(audit.verify_all()[2], [])
        self.assertTrue(all(t.done_at <= NOW for t in Task.objects.exclude(done_at=None)))

    def test_it_loads_once(self) -> None:
        self.load()
        count = Case.objects.count()
        self.load()
        self.assertEqual(Case.objects.count(), count)

    def test_without_the_seed_sop_it_does_nothing(self) -> None:
        self.version.status = "superseded"
        self.version.save()
        self.load()
        self.assertFalse(Case.objects.exists())

    def test_answers_claim_no_data_they_do_not_carry(self) -> None:
        # Demo data is shown to people as it is: an answer without files or figures must not say that
        # the realisation and its evidence are attached.
        self.load()
        answered = DivisionRequest.objects.filter(task__case__office=self.office, answered_at__isnull=False)
        self.assertTrue(answered.exists())
        for request in answered:
            if not request.files.exists():
                self.assertNotIn("terlampir", request.note.lower(), request.note)
