"""The engine's completion checks (extensions.register_completion_check): asked before a task of a guarded
case is completed, never for any other case (no query, bench/engine.py), never for a return."""

from __future__ import annotations

from django.db import connection

from kinerja.workflow import actions, extensions
from kinerja.workflow.extensions import CompletionHeld, CompletionHold
from kinerja.workflow.models import Case, Task

from .base import WorkflowTestCase, at

LOCK = 1 if connection.features.has_select_for_update else 0
WRITES = 1 if connection.vendor == "postgresql" else 4  # the notification of the new task: test_query_counts.py


class CompletionCheckTestCase(WorkflowTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.asked: list[int] = []
        # Only this test's check: the correspondence app's looks for documents the case does not have.
        theirs = extensions.unregister_completion_check("correspondence")
        if theirs is not None:
            self.addCleanup(extensions.register_completion_check, "correspondence", theirs)
        extensions.register_completion_check("test", self.check)
        self.addCleanup(extensions.unregister_completion_check, "test")

    def check(self, task: Task) -> CompletionHold | None:
        self.asked.append(task.pk)
        if task.step.number != 5:
            return None
        return CompletionHold("Langkah 5 diselesaikan dengan paraf di halaman dokumen.", "/documents/1/", "Paraf")

    def test_an_unguarded_case_is_not_checked_and_costs_no_query_more(self) -> None:
        case = self.start_case()
        step5 = self.run_to_step(case, 5)
        with self.assertNumQueries(3 + LOCK + WRITES):  # tests/workflow/test_query_counts.py
            actions.complete_task(step5.pk, user=self.secretary, verdict="ok", at=at(25, 10))
        self.assertEqual(self.asked, [])

    def test_a_guarded_case_is_checked_and_the_step_waits(self) -> None:
        case = self.start_case()
        step5 = self.run_to_step(case, 5)
        extensions.guard_case(case.pk)
        self.assertTrue(Case.objects.get(pk=case.pk).guarded)
        with self.assertRaises(CompletionHeld) as refused:
            actions.complete_task(step5.pk, user=self.secretary, verdict="ok", at=at(25, 10))
        self.assertEqual(str(refused.exception), "Langkah 5 diselesaikan dengan paraf di halaman dokumen.")
        self.assertEqual(self.asked, [step5.pk])
        self.assertEqual(self.open_task(case).pk, step5.pk)
        # Sending the work back is not held.
        actions.return_task(step5.pk, user=self.secretary, reason="Belum lengkap", at=at(25, 10))
        self.assertEqual(self.open_task(case).step.number, 4)

    def test_other_steps_of_a_guarded_case_complete(self) -> None:
        case = self.start_case()
        extensions.guard_case(case.pk)
        step4 = self.run_to_step(case, 4)
        actions.complete_task(step4.pk, user=self.subsection_head, verdict="ok", at=at(25, 10))
        self.assertEqual(self.open_task(case).step.number, 5)
        self.assertEqual(len(self.asked), 4)
