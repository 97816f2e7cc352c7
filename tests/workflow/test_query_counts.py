"""How many queries the engine's actions take, so the cost of a completion cannot creep back up
(issue 5, Benchmark: the speed itself is measured by bench/engine.py, not here).

The counts include the savepoint pair of the action's atomic block inside the test's transaction. On
PostgreSQL an action on a task takes one more: the case row lock (SELECT … FOR UPDATE) before the task is
read; SQLite's IMMEDIATE transaction holds the write lock from BEGIN, so there it is not needed. And on
PostgreSQL the writes of a start or a completion (the case or the task's update, the new task, the
events, the notification of whoever gets the new task) are one statement (fastsql.combined_writes), four
on SQLite (where a statement costs no round trip: the notification's INSERT … SELECT is one statement
more there, and none on PostgreSQL)."""

from __future__ import annotations

from django.db import connection

from kinerja.workflow import actions
from kinerja.workflow.models import Event, Task

from .base import START, WorkflowTestCase, at

LOCK = 1 if connection.features.has_select_for_update else 0
WRITES = 1 if connection.vendor == "postgresql" else 4


class QueryCountTestCase(WorkflowTestCase):
    def test_it_starts_a_case_in_a_fixed_number_of_queries(self) -> None:
        # The version, its steps and the open cases of its SOP (one period, one open case; on PostgreSQL
        # after the SOP's start lock, in the same round trip).
        with self.assertNumQueries(6 + LOCK + WRITES):
            case = self.start_case()
        self.assertEqual(list(case.events.values_list("seq", "kind")),
                         [(1, Event.Kind.CASE_STARTED), (2, Event.Kind.TASK_ASSIGNED)])

    def test_it_completes_a_task_in_a_fixed_number_of_queries(self) -> None:
        case = self.start_case()
        step1 = self.open_task(case)
        with self.assertNumQueries(3 + LOCK + WRITES):
            actions.complete_task(step1.pk, user=self.secretary, note="ok", at=at(24, 8, 1))
        self.assertEqual(self.open_task(case).step.number, 2)
        self.assertEqual(case.events.count(), 4)

    def test_choosing_the_next_person_costs_no_more_query(self) -> None:
        # The next position's holders come with the task (fastsql.load_task), not in a query of their own.
        case = self.start_case()
        step2 = self.run_to_step(case, 2)
        with self.assertNumQueries(3 + LOCK + WRITES):
            actions.complete_task(step2.pk, user=self.subsection_head, next_user=self.staff, at=at(24, 9))
        self.assertEqual(self.open_task(case).assignee, self.staff.person)

    def test_it_returns_a_task_in_a_fixed_number_of_queries(self) -> None:
        case = self.start_case()
        step5 = self.run_to_step(case, 5)
        with self.assertNumQueries(4 + LOCK + WRITES):
            actions.return_task(step5.pk, user=self.secretary, reason="Capaian bidang belum ada", at=at(25, 10))
        again = self.open_task(case)
        self.assertEqual((again.step.number, again.round, again.status), (4, 2, Task.Status.OPEN))

    def test_the_count_does_not_grow_with_the_case_history(self) -> None:
        case = self.start_case(at=START)
        step5 = self.run_to_step(case, 5)
        actions.return_task(step5.pk, user=self.secretary, reason="Belum lengkap", at=at(25, 10))
        step4 = self.open_task(case)
        with self.assertNumQueries(3 + LOCK + WRITES):
            actions.complete_task(step4.pk, user=self.subsection_head, verdict="ok", at=at(25, 11))
        self.assertEqual(self.open_task(case).round, 2)
