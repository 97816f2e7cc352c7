"""The engine's hand-written SQL (workflow/fastsql.py) reads and writes rows exactly as the ORM does, so
the speed-ups of issue 5's benchmark change nothing a person or the audit trail sees."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import signals

from kinerja.errors import NotAllowed
from kinerja.sop.models import Step
from kinerja.workflow import access, actions, audit, fastsql
from kinerja.workflow.models import Case, Event, Task

from .base import WIB, WorkflowTestCase, at


class FastSqlTestCase(WorkflowTestCase):
    def test_a_loaded_task_equals_the_orm_one(self) -> None:
        case = self.start_case(target_deadline=dt.datetime(2025, 5, 1, 12, 0, tzinfo=WIB))
        step4 = self.run_to_step(case, 4)
        found = fastsql.load_task(step4.pk, lock=False, at=at(24, 9))
        assert found is not None
        task, loaded = found
        orm = Task.objects.select_related("case__office", "step", "position").get(pk=step4.pk)
        for model, ours, theirs in ((Task, task, orm), (Case, task.case, orm.case), (Step, task.step, orm.step)):
            for f in model._meta.concrete_fields:
                self.assertEqual(getattr(ours, f.attname), getattr(theirs, f.attname), f"{model.__name__}.{f.name}")
        self.assertEqual(task.case.office, orm.case.office)
        self.assertEqual(task.position, orm.position)
        self.assertIsInstance(task.step.duration_value, Decimal)
        self.assertTrue(loaded.step_checks)  # step 4 may send work back
        self.assertEqual(loaded.next_step.number, 5)
        self.assertEqual(loaded.next_step.earlier, 0)
        self.assertEqual(loaded.next_step.actor.position, self.built.positions["secretary"])
        last = case.events.order_by("-seq").first()
        self.assertEqual(loaded.last_event, (last.seq, last.hash))
        office = task.case.office
        self.assertEqual((office.name, office.time_zone), (orm.case.office.name, orm.case.office.time_zone))

    def test_the_last_step_has_no_next_step(self) -> None:
        case = self.start_case()
        step6 = self.run_to_step(case, 6)
        _task, loaded = fastsql.load_task(step6.pk, lock=False, at=at(25, 9))  # type: ignore[misc]
        self.assertIsNone(loaded.next_step)
        self.assertFalse(loaded.step_checks)
        actions.complete_task(step6.pk, user=self.secretary, at=at(25, 9))  # the Plh Kadis that week
        case.refresh_from_db()
        self.assertEqual(case.status, Case.Status.DONE)

    def test_written_rows_read_back_as_written(self) -> None:
        case = self.start_case()
        step1 = self.open_task(case)
        done = actions.complete_task(step1.pk, user=self.secretary, note="catatan ✓", at=at(24, 8, 1))
        again = Task.objects.get(pk=step1.pk)
        self.assertEqual((again.status, again.note, again.done_at, again.done_by_id, again.working_seconds),
                         (Task.Status.DONE, "catatan ✓", at(24, 8, 1), self.secretary.pk, 60))
        opened = Task.objects.get(pk=done.next_task.pk)
        self.assertEqual((opened.step.number, opened.status, opened.round, opened.opened_at, opened.due_at),
                         (2, Task.Status.OPEN, 1, at(24, 8, 1), at(24, 8, 11)))

    def test_event_data_is_hashed_as_the_database_gives_it_back(self) -> None:
        case = self.start_case()
        plain = {"task": 1, "files": ["ab", "cd"], "who": None, "ok": True, "note": "x"}
        odd = {"when": dt.date(2025, 3, 24), "pair": (1, 2), "kind": Task.Status.OPEN, 3: "three"}
        with audit.batch(case):
            kept = audit.record(case, Event.Kind.REASSIGNED, actor=self.secretary, at=at(24, 9), **plain)
            changed = audit.record(case, Event.Kind.REASSIGNED, actor=self.secretary, at=at(24, 9), data=odd)
        self.assertEqual(kept.data, plain)
        self.assertEqual(changed.data, {"data": {"when": "2025-03-24", "pair": [1, 2], "kind": "open", "3": "three"}})
        self.assertEqual(Event.objects.get(pk=changed.pk).data, changed.data)
        self.assertEqual(audit.verify_all()[2], [])

    def test_models_with_init_receivers_are_built_through_init(self) -> None:
        seen: list[int] = []

        def receiver(sender: type[Task], instance: Task, **kwargs: object) -> None:
            seen.append(instance.pk)

        case = self.start_case()
        step1 = self.open_task(case)
        signals.post_init.connect(receiver, sender=Task)
        try:
            task, _loaded = fastsql.load_task(step1.pk, lock=False, at=at(24, 9))  # type: ignore[misc]
            fresh = fastsql.new(Task, {"case_id": case.pk, "round": 2})
        finally:
            signals.post_init.disconnect(receiver, sender=Task)
        self.assertEqual(seen, [step1.pk, None])
        self.assertEqual((task.pk, fresh.status, fresh.note), (step1.pk, Task.Status.OPEN, ""))

    def test_a_new_instance_has_the_defaults_the_model_gives(self) -> None:
        # Constant defaults are taken once per model; a callable one (Event.data: dict) is called for each.
        from kinerja.workflow.models import DivisionRequest, Notification

        for model in (Task, Case, Event, Notification, DivisionRequest):
            ours, theirs = fastsql.new(model, {}), model()
            for f in model._meta.concrete_fields:
                self.assertEqual(getattr(ours, f.attname), getattr(theirs, f.attname), f"{model.__name__}.{f.name}")
        first, second = fastsql.new(Event, {}), fastsql.new(Event, {})
        first.data["x"] = 1
        self.assertEqual(second.data, {})

    def test_the_position_holders_come_with_the_task(self) -> None:
        # The Sekretaris is Plh Kepala Dinas from 24 to 30 March (tests/base.py): step 6 is hers that week,
        # the Kadis's before and after it; read at 00:30 WIB (17:30 UTC the day before) and at 23:30 WIB.
        case = self.start_case()
        step6 = self.run_to_step(case, 6)
        secretary, head = self.secretary.person.pk, self.head.person.pk
        for moment, day, holders in ((dt.datetime(2025, 3, 24, 0, 30, tzinfo=WIB), dt.date(2025, 3, 24), [secretary]),
                                     (dt.datetime(2025, 3, 30, 23, 30, tzinfo=WIB), dt.date(2025, 3, 30), [secretary]),
                                     (dt.datetime(2025, 3, 31, 0, 30, tzinfo=WIB), dt.date(2025, 3, 31), [head]),
                                     (dt.datetime(2025, 3, 23, 23, 30, tzinfo=WIB), dt.date(2025, 3, 23), [head])):
            task, loaded = fastsql.load_task(step6.pk, lock=False, at=moment)  # type: ignore[misc]
            self.assertEqual(access.holders_among(loaded.assignments, day), holders, moment)
            self.assertEqual(access.holders_among(loaded.assignments, day), access.holder_id_list(task.position_id, day))
        with self.assertRaises(NotAllowed):
            actions.complete_task(step6.pk, user=self.head, at=at(25, 9))
        actions.complete_task(step6.pk, user=self.secretary, at=at(25, 9))

    def test_sqlite_hands_datetimes_over_as_text(self) -> None:
        # Read as plain columns, Django's converter registered with sqlite3 parses them in Python before
        # fastsql's own converter sees them; the loaders read them as expressions, so the text arrives.
        from django.db import connection

        if connection.vendor != "sqlite":
            self.skipTest("SQLite's declared column types")
        case = self.start_case()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {fastsql.TASK.columns}, {fastsql.CASE.columns} FROM workflow_task t "
                           "JOIN workflow_case c ON c.id = t.case_id WHERE t.case_id = %s", [case.pk])
            row = cursor.fetchone()
        moments = [f.attname for f in fastsql.TASK.fields + fastsql.CASE.fields if type(f).__name__ == "DateTimeField"]
        values = dict(zip([f.attname for f in fastsql.TASK.fields + fastsql.CASE.fields], row, strict=True))
        self.assertIsInstance(values["opened_at"], str)
        self.assertTrue(all(value is None or type(value) is str for name, value in values.items() if name in moments))
        task = fastsql.TASK.build(connection, row)
        self.assertEqual(task.opened_at, Task.objects.get(pk=task.pk).opened_at)
        self.assertEqual(task.opened_at.tzinfo, dt.UTC)

    def test_sqlite_hands_every_column_over_without_its_declared_type(self) -> None:
        # Each column is read as an expression, so sqlite3 runs no converter registered for a declared
        # type (Django's "bool", "date") and builds no converter lookup for it: SQLite's own values
        # arrive, and build() converts them as the ORM does.
        from django.db import connection

        if connection.vendor != "sqlite":
            self.skipTest("SQLite's declared column types")
        case = self.start_case()
        loaders = (fastsql.CASE, fastsql.VERSION)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {fastsql.CASE.columns}, {fastsql.VERSION.columns} FROM workflow_case c "
                           "JOIN sop_sopversion v ON v.id = c.sop_version_id WHERE c.id = %s", [case.pk])
            row = cursor.fetchone()
        names = [f"{loader.model.__name__}.{f.attname}" for loader in loaders for f in loader.fields]
        values = dict(zip(names, row, strict=True))
        self.assertIs(type(values["Case.at_risk"]), int)  # Django's "bool" converter would give a bool
        self.assertIs(type(values["SopVersion.effective_on"]), str)  # its "date" converter, a date
        built_case = fastsql.CASE.build(connection, row)
        built_version = fastsql.VERSION.build(connection, row, fastsql.CASE.width)
        for ours in (built_case, built_version):
            theirs = type(ours).objects.get(pk=ours.pk)
            for f in type(ours)._meta.concrete_fields:
                self.assertEqual(getattr(ours, f.attname), getattr(theirs, f.attname), f.attname)
                self.assertIs(type(getattr(ours, f.attname)), type(getattr(theirs, f.attname)), f.attname)

    def test_named_parameters_are_numbered_for_sqlite(self) -> None:
        # sqlite3 would make, hash and look up a string per named parameter on every execute; numbered
        # ones are bound from a list by position, a name used twice taking the same number.
        sql, names = fastsql._sqlite_sql("SELECT %(a)s, %(b)s, %(a)s, '%%'", True)
        self.assertEqual((sql, names), ("SELECT ?1, ?2, ?1, '%'", ("a", "b")))
        self.assertEqual(fastsql._sqlite_sql("SELECT %s, '%%'", False), ("SELECT ?, '%'", ()))
        from django.db import connection

        if connection.vendor != "sqlite":
            self.skipTest("sqlite3's cursor")
        with fastsql._cursor(connection) as cursor:
            cursor.execute("SELECT %(a)s, %(b)s, %(a)s", {"b": "two", "a": 1, "unused": None})
            self.assertEqual(tuple(cursor.fetchone()), (1, "two", 1))

    def test_an_events_data_is_stored_as_the_text_it_was_hashed_with(self) -> None:
        # record() encodes the data once; on SQLite that text is what the row holds, so what was hashed is
        # what is stored. A value assigned after it was encoded is encoded again, as Django encodes it.
        from django.db import connection

        case = self.start_case()
        event = case.events.order_by("-seq").first()
        self.assertEqual(audit.digest(event), event.hash)
        with connection.cursor() as cursor:
            cursor.execute("SELECT data FROM workflow_event WHERE id = %s", [event.pk])
            stored = cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            self.assertEqual(stored, audit._ENCODER.encode(event.data))
        fresh = fastsql.new(Event, {"case_id": case.pk, "seq": event.seq + 1, "kind": event.kind, "at": event.at,
                                    "data": {"b": 1, "a": [True, None]}, "prev_hash": event.hash, "hash": "0" * 64})
        fastsql.encoded(fresh, "data", '{"a":[true,null],"b":1}')
        fastsql.insert([fresh])
        replaced = fastsql.new(Event, {"case_id": case.pk, "seq": event.seq + 2, "kind": event.kind, "at": event.at,
                                       "data": {"old": 1}, "prev_hash": fresh.hash, "hash": "1" * 64})
        fastsql.encoded(replaced, "data", '{"old":1}')
        replaced.data = {"new": 2}
        fastsql.insert([replaced])
        self.assertEqual(Event.objects.get(pk=fresh.pk).data, {"b": 1, "a": [True, None]})
        self.assertEqual(Event.objects.get(pk=replaced.pk).data, {"new": 2})
