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
