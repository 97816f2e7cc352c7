"""fastsql's short cuts for datetimes on SQLite (issue 5, Benchmark): the text it writes and the value it
reads back must be exactly what Django's own SQLite adapter and converter give, for any moment in any
time zone, with or without microseconds."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import connection
from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.workflow import fastsql
from kinerja.workflow.models import Task

ZONES = st.sampled_from([dt.UTC, ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Makassar"), ZoneInfo("Asia/Jayapura"),
                         ZoneInfo("America/St_Johns"), dt.timezone(dt.timedelta(hours=5, minutes=45))])
MOMENTS = st.builds(lambda naive, zone: naive.replace(tzinfo=zone),
                    st.datetimes(min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(2099, 12, 31)), ZONES)


class SqliteDatetimeTestCase(SimpleTestCase):
    databases = {"default"}

    def setUp(self) -> None:
        if connection.vendor != "sqlite":
            self.skipTest("SQLite's text datetimes")
        connection.ensure_connection()
        self.field = Task._meta.get_field("due_at")
        self.write = fastsql._writer(self.field)
        self.converters = dict((i, funcs) for i, funcs, _col in fastsql.TASK.converters("sqlite"))
        self.index = fastsql.TASK.attnames.index("due_at")

    @settings(max_examples=300, deadline=None)
    @given(MOMENTS)
    def test_written_as_django_writes_it(self, moment: dt.datetime) -> None:
        task = Task(due_at=moment)
        self.assertEqual(self.write(task, connection, False), connection.ops.adapt_datetimefield_value(moment))

    @settings(max_examples=300, deadline=None)
    @given(MOMENTS)
    def test_read_back_as_django_reads_it(self, moment: dt.datetime) -> None:
        text = connection.ops.adapt_datetimefield_value(moment)
        col = self.field.get_col("t")
        expected = connection.ops.convert_datetimefield_value(text, col, connection)
        value = text
        for func in self.converters[self.index]:
            value = func(value, col, connection)
        self.assertEqual(value, expected)
        self.assertEqual(value, moment)
        self.assertEqual(value.utcoffset(), dt.timedelta(0))

    def test_the_short_cut_is_the_one_in_use(self) -> None:
        # Without it in use, the two tests above would only compare Django with itself.
        self.assertEqual(self.converters[self.index], [fastsql._sqlite_moment])

    def test_text_of_another_shape_is_left_to_djangos_converter(self) -> None:
        col = self.field.get_col("t")
        self.assertEqual(fastsql._sqlite_moment("2025-06-02 01:00:00+07:00", col, connection),
                         dt.datetime(2025, 6, 1, 18, 0, tzinfo=dt.UTC))

    @settings(max_examples=200, deadline=None)
    @given(st.lists(MOMENTS, min_size=1, max_size=6), st.lists(st.integers(0, 5), max_size=12))
    def test_remembered_texts_are_those_of_the_same_moment(self, moments: list[dt.datetime], order: list[int]) -> None:
        # The last two moments' texts are kept by identity: asking again, in any order, for the same
        # objects or for equal ones gives each its own text.
        task = Task()
        for i in [*range(len(moments)), *order]:
            moment = moments[i % len(moments)]
            for value in (moment, moment.replace()):  # the object itself, then an equal copy
                task.due_at = value
                self.assertEqual(self.write(task, connection, False), connection.ops.adapt_datetimefield_value(value))

    def test_a_moment_remembered_is_not_taken_for_another(self) -> None:
        first = dt.datetime(2025, 6, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
        task = Task(due_at=first)
        self.assertEqual(self.write(task, connection, False), "2025-06-02 01:00:00")
        task.due_at = first + dt.timedelta(microseconds=1)
        self.assertEqual(self.write(task, connection, False), "2025-06-02 01:00:00.000001")
        task.due_at = first
        self.assertEqual(self.write(task, connection, False), "2025-06-02 01:00:00")


class TextChoicesWrittenTestCase(SimpleTestCase):
    """A TextChoices member is written as a plain str of its value (sqlite3 and psycopg would otherwise
    adapt the subclass first); any other value as Django writes it."""

    databases = {"default"}

    def test_a_member_is_written_as_its_plain_text(self) -> None:
        write = fastsql._writer(Task._meta.get_field("status"))
        task = Task(status=Task.Status.OPEN)
        value = write(task, connection, True)
        self.assertIs(type(value), str)
        self.assertEqual(value, Task.Status.OPEN.value)
        for other in ("done", None):
            task.status = other
            self.assertEqual(write(task, connection, True),
                             Task._meta.get_field("status").get_db_prep_save(other, connection))


class ConnectionLookupTestCase(SimpleTestCase):
    """fastsql._db() reads the thread's connection without asking asyncio; it must be the one
    connections[alias] gives, in this thread, in another thread, and inside a running event loop."""

    databases = {"default"}

    def test_it_is_the_connection_django_gives(self) -> None:
        import asyncio
        import threading

        from django.db import DEFAULT_DB_ALIAS, connections

        connection.ensure_connection()
        self.assertIs(fastsql._db(), connections[DEFAULT_DB_ALIAS])
        seen: dict[str, object] = {}

        def other() -> None:
            seen["fastsql"] = fastsql._db()  # before Django made one in this thread
            seen["django"] = connections[DEFAULT_DB_ALIAS]
            seen["again"] = fastsql._db()
            connections[DEFAULT_DB_ALIAS].close()

        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        self.assertIs(seen["fastsql"], seen["django"])
        self.assertIs(seen["again"], seen["django"])
        self.assertIsNot(seen["django"], connections[DEFAULT_DB_ALIAS])

        async def in_loop() -> tuple[object, object]:
            return fastsql._db(), connections[DEFAULT_DB_ALIAS]

        ours, django_s = asyncio.run(in_loop())
        self.assertIs(ours, django_s)
