"""The time left to a due date, or past it, in the office's own working days: on an office whose Friday is
short (07:30-11:00), a standard time of 1 hari started on Friday morning has "1 hari kerja" left, as the
calendar counted its due date, not the 3 h 30 min that a fixed 8 h 30 min day made of it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.org.models import OfficeHours
from kinerja.workflow.calendar import WorkCalendar
from kinerja.workflow.inbox import describe, describe_span

from .base import WorkflowTestCase, at
from .test_calendar_properties import CALENDARS, calendars, starts

LONG, SHORT = (dt.time(7, 30), dt.time(16, 0)), (dt.time(7, 30), dt.time(11, 0))
SHORT_FRIDAY = WorkCalendar(hours={0: LONG, 1: LONG, 2: LONG, 3: LONG, 4: SHORT})


def test_a_day_of_a_short_friday_is_one_working_day() -> None:
    with translation.override("id"):
        # 1 hari from Friday 09:00 is due on Monday at 09:00 (calendar.add): one working day away.
        friday = at(11, 9, month=4)
        due = SHORT_FRIDAY.add(friday, 1, "day")
        assert due == at(14, 9, month=4)
        assert describe_span(SHORT_FRIDAY, friday, due) == "1 hari kerja"
        assert describe(SHORT_FRIDAY.elapsed(friday, due), SHORT_FRIDAY.day_length) == "3 jam 30 menit jam kerja"
        # Late since Thursday 10:00, on Monday at 10:00: two working days (Friday and Monday), not 1 day 3 h 30 min.
        assert describe_span(SHORT_FRIDAY, at(10, 10, month=4), at(14, 10, month=4)) == "2 hari kerja"
        # Thursday 10:00 to Monday 09:00: Friday 10:00 is one day on, then 1 h on Friday and 1 h 30 min on Monday.
        assert describe_span(SHORT_FRIDAY, at(10, 10, month=4), at(14, 9, month=4)) == "1 hari kerja 2 jam 30 menit"
        # Thursday 14:00 + 1 hari ends at Friday's closing (11:00); from there to Monday 08:00, 30 minutes.
        assert describe_span(SHORT_FRIDAY, at(10, 14, month=4), at(14, 8, month=4)) == "1 hari kerja 30 menit"
        # Within a day, and nothing when the end is not after the start.
        assert describe_span(SHORT_FRIDAY, at(11, 9, month=4), at(11, 10, 15, month=4)) == "1 jam 15 menit jam kerja"
        assert describe_span(SHORT_FRIDAY, at(14, 9, month=4), at(11, 9, month=4)) == "0 menit jam kerja"


@settings(max_examples=200, deadline=None)
@given(calendars, starts, st.integers(min_value=0, max_value=300))
def test_n_hari_from_a_start_is_n_working_days_left(cal: WorkCalendar, start: dt.datetime, days: int) -> None:
    assert cal.span(start, cal.add(start, Decimal(days), "day")) == (days, dt.timedelta(0))


@settings(max_examples=200, deadline=None)
@given(calendars, starts, starts)
def test_the_days_and_the_rest_are_the_working_time_between(cal: WorkCalendar, a: dt.datetime,
                                                             b: dt.datetime) -> None:
    start, end = sorted([a, b])
    days, rest = cal.span(start, end)
    assert rest <= cal.elapsed(start, end)
    assert (rest == cal.elapsed(start, end)) == (days == 0)
    # The rest is less than a day: one more working day from the start would end after `end`.
    assert cal.add(start, Decimal(days + 1), "day") > end


@settings(max_examples=200, deadline=None)
@given(starts, starts)
def test_an_office_whose_days_are_all_alike_reads_as_before(a: dt.datetime, b: dt.datetime) -> None:
    cal = CALENDARS[0]
    start, end = sorted([a, b])
    assert describe_span(cal, start, end) == describe(cal.elapsed(start, end), cal.day_length)


class ShortFridayPagesTestCase(WorkflowTestCase):
    def test_the_case_page_and_the_inbox_say_one_working_day_left_on_friday_morning(self) -> None:
        OfficeHours.objects.filter(office=self.office, weekday=4).update(closes_at=dt.time(11, 0))
        case = self.start_case(at=at(11, 7, 56, month=4))
        step5 = self.run_to_step(case, 5, when=at(11, 8, month=4))  # opened at 08:04, 1 hari: Monday 08:04
        self.assertEqual(step5.due_at, at(14, 8, 4, month=4))
        self.enterContext(mock.patch("django.utils.timezone.now", return_value=at(11, 8, 4, month=4)))
        self.client.force_login(self.secretary)
        self.assertContains(self.client.get(f"/cases/{case.pk}/"), "sisa 1 hari kerja")
        self.assertEqual(self.client.get("/inbox/").context["box"].todo[0].time_left, "1 hari kerja")
