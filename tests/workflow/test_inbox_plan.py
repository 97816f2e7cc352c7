"""The partial indexes on open tasks (workflow_task_open_due, workflow_task_open_position) serve the
lookups that need them, with the status bound as a parameter as the ORM binds it: the reminders' and the
overdue lists' "open tasks by due time", and the inbox's "open tasks of these positions". On PostgreSQL
sequential scans are switched off for the check, so a small test table does not hide an index the
planner could not use; where either partial index would do, the other one is dropped for the check."""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.db.models import QuerySet

from kinerja.workflow.models import Task

from .base import WorkflowTestCase


def plan(queryset: QuerySet[Task], without: str = "") -> str:
    """The query's plan; `without`: an index dropped for the check (the DDL is rolled back with the
    savepoint on both databases), so that the other one's use is not a matter of the planner's costs."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL enable_seqscan = off")
            if without:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(without)}")
        found = queryset.explain()
        transaction.set_rollback(True)
        return found


class OpenTaskIndexTestCase(WorkflowTestCase):
    def test_open_tasks_by_due_time_use_the_open_due_index(self) -> None:
        now = dt.datetime(2025, 3, 25, 9, 0, tzinfo=dt.UTC)
        self.assertIn("workflow_task_open_due", plan(Task.objects.filter(status=Task.Status.OPEN, due_at__lt=now)
                                                     .order_by("due_at"), without="workflow_task_open_position"))

    def test_open_tasks_of_positions_use_the_open_position_index(self) -> None:
        ids = [p.pk for p in self.positions.values()][:3]
        self.assertIn("workflow_task_open_position",
                      plan(Task.objects.filter(status=Task.Status.OPEN, position_id__in=ids),
                           without="workflow_task_open_due"))

    def test_done_tasks_do_not_use_them(self) -> None:
        # The indexes hold open tasks only: a lookup of done ones must not be answered from them.
        now = dt.datetime(2025, 3, 25, 9, 0, tzinfo=dt.UTC)
        found = plan(Task.objects.filter(status=Task.Status.DONE, due_at__lt=now))
        self.assertNotIn("workflow_task_open_due", found)
