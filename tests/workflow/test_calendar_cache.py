"""The office calendar the actions reuse between completions (calendar._CACHE, keyed by the stamp
fastsql.load_task reads with the task): reused while the office's calendar is unchanged, rebuilt as soon
as an admin adds a day or changes the hours or the time zone, however the rows were written."""

from __future__ import annotations

import datetime as dt

from kinerja.org.models import OfficeHours, SpecialDay
from kinerja.workflow import actions, fastsql
from kinerja.workflow.calendar import WorkCalendar

from .base import WIB, WorkflowTestCase


def june(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, 6, day, hour, minute, tzinfo=WIB)


class CalendarCacheTestCase(WorkflowTestCase):
    def stamp(self, task_id: int) -> str:
        found = fastsql.load_task(task_id, lock=False, at=june(16, 8))
        assert found is not None
        return found[1].stamp

    def step3_due(self, title: str) -> dt.datetime:
        """Start a case on Monday 16 June 2025 08:00 and complete steps 1 and 2; the due date of step 3 (5 hari)."""
        case = self.start_case(title, period=title, at=june(16, 8))
        return self.run_to_step(case, 3, when=june(16, 8)).due_at

    def test_a_holiday_added_between_two_completions_moves_the_next_due_date(self) -> None:
        self.assertEqual(self.step3_due("Sebelum"), june(23, 8, 2))
        SpecialDay.objects.create(office=self.office, date=dt.date(2025, 6, 17), kind=SpecialDay.Kind.HOLIDAY,
                                  reason="HUT Kota Bandar Lampung")
        self.assertEqual(self.step3_due("Sesudah"), june(24, 8, 2))

    def test_a_working_day_added_moves_it_back(self) -> None:
        SpecialDay.objects.create(office=self.office, date=dt.date(2025, 6, 17), kind=SpecialDay.Kind.HOLIDAY,
                                  reason="HUT Kota Bandar Lampung")
        self.assertEqual(self.step3_due("Libur"), june(24, 8, 2))
        SpecialDay.objects.filter(office=self.office, date=dt.date(2025, 6, 17)).update(kind=SpecialDay.Kind.WORKING_DAY)
        self.assertEqual(self.step3_due("Masuk lagi"), june(23, 8, 2))

    def test_the_calendar_is_reused_while_nothing_changes(self) -> None:
        case = self.start_case(at=june(16, 8))
        task = self.open_task(case)
        stamp = self.stamp(task.pk)
        first = WorkCalendar.for_office(self.office, stamp=stamp)
        with self.assertNumQueries(0):
            again = WorkCalendar.for_office(self.office, stamp=stamp)
        self.assertIs(again, first)
        self.assertEqual(self.stamp(task.pk), stamp)

    def test_the_stamp_changes_with_days_hours_and_time_zone(self) -> None:
        task = self.open_task(self.start_case(at=june(16, 8)))
        seen = [self.stamp(task.pk)]
        day = SpecialDay.objects.create(office=self.office, date=dt.date(2025, 6, 17), kind=SpecialDay.Kind.HOLIDAY,
                                        reason="HUT Kota")
        seen.append(self.stamp(task.pk))
        day.reason = "HUT Kota Bandar Lampung"
        day.save()
        seen.append(self.stamp(task.pk))
        # A bulk update sends no signal: the stamp is read from the rows, so it still changes.
        OfficeHours.objects.filter(office=self.office, weekday=4).update(closes_at=dt.time(11, 30))
        seen.append(self.stamp(task.pk))
        OfficeHours.objects.filter(office=self.office, weekday=4).delete()
        seen.append(self.stamp(task.pk))
        self.office.time_zone = "Asia/Makassar"
        self.office.save()
        seen.append(self.stamp(task.pk))
        self.assertEqual(len(set(seen)), len(seen), seen)
        cal = WorkCalendar.for_office(self.office, stamp=seen[-1])
        self.assertEqual(cal.time_zone, "Asia/Makassar")
        self.assertFalse(cal.is_working_day(dt.date(2025, 6, 17)))
        self.assertEqual(cal.holiday_name(dt.date(2025, 6, 17)), "HUT Kota Bandar Lampung")
        self.assertIsNone(cal.hours_on(dt.date(2025, 6, 20)))  # Friday has no hours any more

    def test_a_completion_after_the_change_uses_the_new_hours(self) -> None:
        case = self.start_case(at=june(16, 8))
        step1 = self.open_task(case)
        actions.complete_task(step1.pk, user=self.secretary, at=june(16, 8, 1))
        # The office now closes at 08:00 on Mondays.
        OfficeHours.objects.filter(office=self.office, weekday=0).update(closes_at=dt.time(8, 0))
        step2 = self.open_task(case)
        actions.complete_task(step2.pk, user=self.subsection_head, next_user=self.staff, at=june(16, 8, 2))
        step3 = self.open_task(case)
        self.assertEqual(step3.opened_at, june(16, 8, 2))
        self.assertEqual(step2.due_at, june(16, 8, 11))  # due date fixed when step 2 opened, before the change
        # Step 3 opens after Monday's closing: its 5 days count from the next opening, Tuesday 07:30.
        self.assertEqual(step3.due_at, june(24, 7, 30))

    def test_current_reads_only_the_stamp_and_sees_a_new_day(self) -> None:
        WorkCalendar.current(self.office)
        with self.assertNumQueries(1):
            cal = WorkCalendar.current(self.office)
        self.assertTrue(cal.is_working_day(dt.date(2025, 6, 17)))
        SpecialDay.objects.create(office=self.office, date=dt.date(2025, 6, 17), kind=SpecialDay.Kind.HOLIDAY,
                                  reason="HUT Kota Bandar Lampung")
        self.assertFalse(WorkCalendar.current(self.office).is_working_day(dt.date(2025, 6, 17)))
