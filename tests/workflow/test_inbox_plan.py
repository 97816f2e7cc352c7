"""The partial indexes on open tasks (workflow_task_open_due, workflow_task_open_position) serve the
lookups that need them, with the status bound as a parameter as the ORM binds it: the reminders' and the
overdue lists' "open tasks by due time", and the inbox's "open tasks of these positions". On PostgreSQL
sequential scans are switched off for the check, so a small test table does not hide an index the
planner could not use; the other partial indexes on open tasks, which would also do, are dropped
for the check."""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.db.models import QuerySet

from kinerja.workflow.models import Task

from .base import WorkflowTestCase


def plan(queryset: QuerySet[Task], *without: str) -> str:
    """The query's plan; `without`: indexes dropped for the check (the DDL is rolled back with the
    savepoint on both databases): the other partial indexes on open tasks, any of which the planner may
    pick to scan the few open tasks of a small test table."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL enable_seqscan = off")
            for name in without:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        found = queryset.explain()
        transaction.set_rollback(True)
        return found


class OpenTaskIndexTestCase(WorkflowTestCase):
    def test_open_tasks_by_due_time_use_the_open_due_index(self) -> None:
        now = dt.datetime(2025, 3, 25, 9, 0, tzinfo=dt.UTC)
        found = plan(Task.objects.filter(status=Task.Status.OPEN, due_at__lt=now).order_by("due_at"),
                     "workflow_task_open_position", "workflow_task_one_open_per_step")
        self.assertIn("workflow_task_open_due", found)

    def test_open_tasks_of_positions_use_the_open_position_index(self) -> None:
        ids = [p.pk for p in self.positions.values()][:3]
        self.assertIn("workflow_task_open_position",
                      plan(Task.objects.filter(status=Task.Status.OPEN, position_id__in=ids),
                           "workflow_task_open_due", "workflow_task_one_open_per_step"))

    def test_done_tasks_do_not_use_them(self) -> None:
        # The indexes hold open tasks only: a lookup of done ones must not be answered from them.
        now = dt.datetime(2025, 3, 25, 9, 0, tzinfo=dt.UTC)
        found = plan(Task.objects.filter(status=Task.Status.DONE, due_at__lt=now))
        self.assertNotIn("workflow_task_open_due", found)
