"""How fastsql.py sends a completion's statements (issue 5, Benchmark): on PostgreSQL prepared, the case
lock and the task read in one round trip, the writes held and sent as one statement (combined_writes);
on SQLite through the sqlite3 cursor itself. None of it may change what is written, what a later
statement reads, or how an error ends the action."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, connection, transaction

from kinerja.workflow import actions, audit, fastsql
from kinerja.workflow.models import Case, Event, Task

from .base import WorkflowTestCase, at

LOCK = 1 if connection.features.has_select_for_update else 0
WRITES = 1 if connection.vendor == "postgresql" else 4  # the notification of the new task: test_query_counts.py


class CombinedWritesTestCase(WorkflowTestCase):
    def test_a_held_write_is_read_by_the_next_statement(self) -> None:
        case = self.start_case()
        step1 = self.open_task(case)
        with transaction.atomic(), fastsql.combined_writes():
            step1.note = "ditahan"
            fastsql.update(step1, ["note"])
            # The ORM's read sends the held update first.
            self.assertEqual(Task.objects.get(pk=step1.pk).note, "ditahan")
            step1.note = "lagi"
            fastsql.update(step1, ["note"])
        self.assertEqual(Task.objects.get(pk=step1.pk).note, "lagi")

    def test_two_updates_of_one_row_are_both_applied_in_order(self) -> None:
        case = self.start_case()
        step1 = self.open_task(case)
        with transaction.atomic(), fastsql.combined_writes():
            step1.note, step1.reason = "pertama", "satu"
            fastsql.update(step1, ["note", "reason"])
            step1.note = "kedua"
            fastsql.update(step1, ["note"])
        self.assertEqual(Task.objects.values_list("note", "reason").get(pk=step1.pk), ("kedua", "satu"))

    def test_keys_of_held_inserts_are_set_when_the_block_ends(self) -> None:
        case = self.start_case()
        with transaction.atomic():
            with fastsql.combined_writes():
                case._audit_last = (2, Event.objects.get(case=case, seq=2).hash)  # type: ignore[attr-defined]
                with audit.batch(case):
                    first = audit.record(case, Event.Kind.REASSIGNED, actor=self.secretary, at=at(24, 9), step=1)
                    second = audit.record(case, Event.Kind.REASSIGNED, actor=self.secretary, at=at(24, 9), step=2)
            self.assertEqual([first.seq, second.seq], [3, 4])
            # Sent when the block ends, or (kinerja's PostgreSQL backend) with the next statement, which
            # this query is: its rows include them and the keys are set once it has run.
            stored = dict(Event.objects.filter(case=case, seq__gte=3).values_list("seq", "pk"))
            self.assertEqual(stored, {3: first.pk, 4: second.pk})
            self.assertIsNotNone(first.pk)
        self.assertEqual(audit.verify_all()[2], [])

    def test_keys_of_several_rows_are_those_stored_also_after_a_deleted_last_row(self) -> None:
        # On SQLite the keys come from the last rowid (no RETURNING); a deleted last row is never reused.
        case, other = self.start_case(), self.start_case(period="Triwulan IV 2025")
        Event.objects.filter(pk=Event.objects.filter(case=other).latest("pk").pk).delete()
        with transaction.atomic(), audit.batch(case):
            case._audit_last = Event.objects.filter(case=case).order_by("-seq").values_list("seq", "hash").first()
            made = [audit.record(case, Event.Kind.REASSIGNED, actor=self.secretary, at=at(24, 9), step=n) for n in (1, 2, 3)]
        stored = dict(Event.objects.filter(case=case, kind=Event.Kind.REASSIGNED).values_list("pk", "data"))
        self.assertEqual(stored, {e.pk: {"step": n} for e, n in zip(made, (1, 2, 3), strict=True)})
        self.assertEqual(len(stored), 3)

    def test_with_debug_on_every_statement_is_logged(self) -> None:
        # DEBUG (settings, as override_settings sets it) logs queries: fastsql's statements go through
        # Django's cursor then, so connection.queries shows them (the task's read among them).
        from django.test import override_settings

        if connection.vendor != "sqlite":
            self.skipTest("SQLite's cursor choice (PostgreSQL's statements are always Django's cursors)")
        case = self.start_case()
        step1 = self.open_task(case)
        connection.queries_log.clear()
        with override_settings(DEBUG=True):
            actions.complete_task(step1.pk, user=self.secretary, note="ok", at=at(24, 9))
            logged = [q["sql"] or "" for q in connection.queries]
        self.assertTrue(any(sql.startswith("SELECT") and '"workflow_task" t' in sql for sql in logged), logged)
        self.assertTrue(any('INSERT INTO "workflow_event"' in sql for sql in logged), logged)

    def test_an_error_in_the_held_writes_is_djangos_and_saves_nothing(self) -> None:
        case = self.start_case()
        before = Event.objects.filter(case=case).count()
        with self.assertRaises(IntegrityError), transaction.atomic(), fastsql.combined_writes():
            again = fastsql.new(Event, {"case_id": case.pk, "seq": 1, "kind": Event.Kind.REASSIGNED, "at": at(24, 9),
                                        "data": {}, "prev_hash": audit.GENESIS, "hash": "0" * 64})
            fastsql.insert([again], keys_later=True)  # seq 1 exists: (case, seq) is unique
        self.assertEqual(Event.objects.filter(case=case).count(), before)

    def test_the_event_names_the_task_opened(self) -> None:
        case = self.start_case()
        step1 = self.open_task(case)
        done = actions.complete_task(step1.pk, user=self.secretary, at=at(24, 8, 1))
        assigned = case.events.filter(kind=Event.Kind.TASK_ASSIGNED).order_by("-seq").first()
        self.assertEqual(assigned.data["task"], done.next_task.pk)
        self.assertEqual(Task.objects.get(pk=done.next_task.pk).step.number, 2)
        self.assertEqual(audit.verify_all()[2], [])

    def test_a_completion_that_puts_the_case_at_risk_flags_it_once(self) -> None:
        # Room at the start; step 1 done a month later leaves no room before 30 April: check_at_risk's
        # guarded ORM update runs inside the completion's combined writes and must count its row.
        case = self.start_case(target_deadline=at(30, 16, month=4))
        self.assertFalse(Case.objects.get(pk=case.pk).at_risk)
        step1 = self.open_task(case)
        with self.captureOnCommitCallbacks(execute=True):
            actions.complete_task(step1.pk, user=self.secretary, at=at(25, 10, month=4))
        case.refresh_from_db()
        self.assertTrue(case.at_risk)
        kinds = list(case.events.order_by("seq").values_list("kind", flat=True))
        self.assertEqual(kinds[-3:], [Event.Kind.COMPLETED, Event.Kind.TASK_ASSIGNED, Event.Kind.AT_RISK])
        self.assertEqual(audit.verify_all()[2], [])

    def test_every_statement_of_a_completion_passes_the_execute_wrappers(self) -> None:
        case = self.start_case()
        step1 = self.open_task(case)
        seen: list[str] = []

        def wrapper(execute: Any, sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
            seen.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(wrapper):
            actions.complete_task(step1.pk, user=self.secretary, at=at(24, 8, 1))
        # The savepoint pair of the action inside the test's transaction, the lock, the read, the writes.
        self.assertEqual(len(seen), 3 + LOCK + WRITES, seen)

    def test_a_foreign_key_is_written_from_the_instance_without_its_descriptor(self) -> None:
        # A foreign key's attname is a data descriptor whose __get__ runs in Python; the writer reads the
        # instance's own value, and a deferred one (not in the instance) still through the descriptor.
        from unittest import mock

        from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute

        case = self.start_case()
        task = self.open_task(case)
        write = fastsql._writer(Task._meta.get_field("case"))
        with mock.patch.object(ForeignKeyDeferredAttribute, "__get__", side_effect=AssertionError("read through")):
            self.assertEqual(write(task, connection, False), case.pk)
        deferred = Task.objects.only("id").get(pk=task.pk)
        self.assertNotIn("case_id", deferred.__dict__)
        self.assertEqual(write(deferred, connection, False), case.pk)

    def test_inserts_and_updates_name_their_parameters_once_in_the_order_of_their_values(self) -> None:
        # On the sqlite3 cursor their values are bound as a list, by position (_Raw.execute_in_order).
        from kinerja.workflow.models import Notification

        for model in (Task, Case, Event, Notification):
            for rows in (1, 3):
                for with_pk in (False, True):
                    sql, _writers, names = fastsql._insert_sql(model, rows, with_pk)
                    self.assertEqual(fastsql._sqlite_sql(sql, True)[1], tuple(names), (model, rows, with_pk))
        sql, _writers, keys = fastsql._update_sql(Task, ("status", "done_at", "note"))
        self.assertEqual(fastsql._sqlite_sql(sql, True)[1], (*keys, "pk"))
        if connection.vendor == "sqlite":
            case = self.start_case()
            task = self.open_task(case)
            task.note = "urut"
            with transaction.atomic():
                cursor = fastsql._cursor(connection)
                self.assertIs(type(cursor), fastsql._Raw)
                cursor.close()
                fastsql.update(task, ["note"])
            self.assertEqual(Task.objects.get(pk=task.pk).note, "urut")

    def test_the_sqlite3_cursor_checks_the_thread_without_a_lock_in_its_own_thread(self) -> None:
        import threading
        from unittest import mock

        from django.db import DatabaseError

        if connection.vendor != "sqlite":
            self.skipTest("the sqlite3 cursor itself")
        db = fastsql._db()
        # In its own thread, Django's check (whose first test takes a lock) is not needed.
        with mock.patch.object(type(db), "allow_thread_sharing", new_callable=mock.PropertyMock,
                               side_effect=AssertionError("the lock")):
            fastsql._Raw(db).close()
        # In another thread it is, and it refuses.
        failed: list[BaseException] = []

        def other() -> None:
            try:
                fastsql._Raw(db).close()
            except BaseException as e:  # noqa: BLE001
                failed.append(e)

        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        self.assertEqual([type(e) for e in failed], [DatabaseError])

    def test_writes_share_one_sqlite3_cursor_per_connection(self) -> None:
        import sqlite3

        if connection.vendor != "sqlite":
            self.skipTest("the sqlite3 cursor itself")
        db = fastsql._db()
        first = fastsql._write_cursor(db)
        with first as cursor:
            cursor.execute("SELECT %s", [1])
        self.assertIs(fastsql._write_cursor(db), first)  # kept, not closed by its block
        self.assertIsNot(fastsql._cursor(db), first)  # reads get their own
        db.__dict__["_kinerja_write_cursor"] = fastsql._Raw(db, kept=True)
        db.__dict__["_kinerja_write_cursor"].cursor = sqlite3.connect(":memory:").cursor()
        self.assertIsNot(fastsql._write_cursor(db), first)  # one of another connection is not used
        self.assertIs(fastsql._write_cursor(db).cursor.connection, db.connection)
        from django.test.utils import override_settings

        with override_settings(DEBUG=True):
            self.assertNotIsInstance(fastsql._write_cursor(db), fastsql._Raw)  # watched: Django's, logged
