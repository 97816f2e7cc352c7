"""Properties of working time: add then elapsed gives the duration back; due dates never go back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.workflow.calendar import WorkCalendar

WIB = ZoneInfo("Asia/Jakarta")
CALENDARS = [
    WorkCalendar(),
    WorkCalendar(time_zone="Asia/Makassar",
                 hours={0: (dt.time(8), dt.time(16, 30)), 1: (dt.time(8), dt.time(16, 30)),
                        2: (dt.time(8), dt.time(16, 30)), 3: (dt.time(8), dt.time(16, 30)),
                        4: (dt.time(8), dt.time(11, 30))},
                 office_holidays={dt.date(2025, 6, 17): "HUT Kota"},
                 office_working_days={dt.date(2025, 12, 26): "Cuti bersama dibatalkan",
                                      dt.date(2025, 3, 22): "Pengganti"}),
]

starts = st.datetimes(min_value=dt.datetime(2024, 12, 1), max_value=dt.datetime(2026, 12, 31),
                      timezones=st.just(WIB))
calendars = st.sampled_from(CALENDARS)


@settings(max_examples=300, deadline=None)
@given(calendars, starts, st.integers(min_value=0, max_value=60 * 24 * 8), st.sampled_from(["minute", "hour"]))
def test_it_gives_the_duration_back_as_elapsed_working_time(cal: WorkCalendar, start: dt.datetime,
                                                             minutes: int, unit: str) -> None:
    value = Decimal(minutes) if unit == "minute" else Decimal(minutes) / 60
    due = cal.add(start, value, unit)
    assert cal.elapsed(start, due) == dt.timedelta(minutes=minutes)
    assert due >= start


@settings(max_examples=300, deadline=None)
@given(calendars, starts, starts, st.sampled_from(["1", "2", "10", "0.5", "1.25", "5"]),
       st.sampled_from(["minute", "hour", "day", "week", "month"]))
def test_it_never_gives_a_later_start_an_earlier_due(cal: WorkCalendar, a: dt.datetime, b: dt.datetime,
                                                     value: str, unit: str) -> None:
    if unit == "month" and "." in value:
        value = "1"
    first, second = sorted([a, b])
    assert cal.add(first, Decimal(value), unit) <= cal.add(second, Decimal(value), unit)


def walked_elapsed(cal: WorkCalendar, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """Elapsed working time the slow way, day by day."""
    total, day = dt.timedelta(0), cal.local(start).date()
    while day <= cal.local(end).date():
        if cal.is_working_day(day):
            opens, closes = cal.opening(day)
            total += max(dt.timedelta(0), min(closes, end) - max(opens, start))
        day += dt.timedelta(days=1)
    return total if end > start else dt.timedelta(0)


@settings(max_examples=200, deadline=None)
@given(calendars, starts, starts)
def test_it_measures_long_spans_like_walking_every_day(cal: WorkCalendar, a: dt.datetime, b: dt.datetime) -> None:
    assert cal.elapsed(a, b) == walked_elapsed(cal, a, b)
