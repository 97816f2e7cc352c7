"""The office's working time: Lebaran 2025, Christmas and New Year 2025/26, office changes, WITA."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.test import SimpleTestCase

from kinerja.errors import KinerjaError
from kinerja.org.models import OfficeHours, SpecialDay
from kinerja.workflow.calendar import WorkCalendar
from tests.base import KinerjaTestCase

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")


def wib(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WIB)


class NationalCalendarTestCase(SimpleTestCase):
    def setUp(self) -> None:
        self.cal = WorkCalendar()

    def test_it_closes_for_lebaran_2025_and_its_cuti_bersama(self) -> None:
        for day in (28, 31):
            self.assertFalse(self.cal.is_working_day(dt.date(2025, 3, day)), day)
        for day in (1, 2, 3, 4, 7):
            self.assertFalse(self.cal.is_working_day(dt.date(2025, 4, day)), day)
        self.assertTrue(self.cal.is_working_day(dt.date(2025, 3, 27)))
        self.assertTrue(self.cal.is_working_day(dt.date(2025, 4, 8)))
        self.assertEqual(self.cal.holiday_name(dt.date(2025, 3, 31)), "Hari Raya Idul Fitri")
        self.assertEqual(self.cal.holiday_name(dt.date(2025, 4, 2)), "Cuti Bersama Hari Raya Idul Fitri")

    def test_it_carries_five_hari_over_lebaran(self) -> None:
        # Thursday 27 March 10:00 + 5 hari: the next working days are 8, 9, 10, 11 and 14 April.
        self.assertEqual(self.cal.add(wib(2025, 3, 27, 10, 0), 5, "day"), wib(2025, 4, 14, 10, 0))

    def test_it_carries_minutes_over_lebaran(self) -> None:
        # 30 minutes left at closing on Thursday 27 March carry on from Tuesday 8 April 07:30.
        self.assertEqual(self.cal.add(wib(2025, 3, 27, 15, 30), 60, "minute"), wib(2025, 4, 8, 8, 0))

    def test_it_skips_christmas_and_new_year_2025_26(self) -> None:
        self.assertFalse(self.cal.is_working_day(dt.date(2025, 12, 25)))
        self.assertFalse(self.cal.is_working_day(dt.date(2025, 12, 26)))  # cuti bersama Natal
        self.assertFalse(self.cal.is_working_day(dt.date(2026, 1, 1)))
        self.assertTrue(self.cal.is_working_day(dt.date(2026, 1, 2)))
        # Wednesday 24 December 09:00 + 3 hari: 29, 30, 31 December.
        self.assertEqual(self.cal.add(wib(2025, 12, 24, 9, 0), 3, "day"), wib(2025, 12, 31, 9, 0))
        # + 4 hari skips New Year's Day to Friday 2 January.
        self.assertEqual(self.cal.add(wib(2025, 12, 24, 9, 0), 4, "day"), wib(2026, 1, 2, 9, 0))
        self.assertEqual(self.cal.elapsed(wib(2025, 12, 24, 15, 0), wib(2025, 12, 29, 8, 30)),
                         dt.timedelta(hours=2))

    def test_it_counts_hours_inside_office_hours(self) -> None:
        # Monday 14:00 + 4 jam: 2 hours until 16:00, then 2 hours from Tuesday 07:30.
        self.assertEqual(self.cal.add(wib(2025, 3, 24, 14, 0), 4, "hour"), wib(2025, 3, 25, 9, 30))
        self.assertEqual(self.cal.add(wib(2025, 3, 24, 14, 0), Decimal("1.5"), "hour"), wib(2025, 3, 24, 15, 30))

    def test_it_counts_a_start_outside_hours_from_the_next_opening(self) -> None:
        # Friday 21 March 17:00 → Monday 24 March 07:30.
        self.assertEqual(self.cal.next_opening(wib(2025, 3, 21, 17, 0)), wib(2025, 3, 24, 7, 30))
        self.assertEqual(self.cal.add(wib(2025, 3, 21, 17, 0), 10, "minute"), wib(2025, 3, 24, 7, 40))
        self.assertEqual(self.cal.add(wib(2025, 3, 22, 10, 0), 1, "day"), wib(2025, 3, 25, 7, 30))
        self.assertEqual(self.cal.add(wib(2025, 3, 24, 6, 0), 2, "minute"), wib(2025, 3, 24, 7, 32))
        # At closing time exactly the office is shut.
        self.assertEqual(self.cal.next_opening(wib(2025, 3, 24, 16, 0)), wib(2025, 3, 25, 7, 30))
        self.assertEqual(self.cal.next_opening(wib(2025, 3, 24, 9, 0)), wib(2025, 3, 24, 9, 0))

    def test_it_counts_a_week_as_five_working_days(self) -> None:
        self.assertEqual(self.cal.add(wib(2025, 5, 5, 9, 0), 1, "week"), wib(2025, 5, 14, 9, 0))  # 12, 13 May off
        self.assertEqual(self.cal.add(wib(2025, 5, 5, 9, 0), 5, "day"), wib(2025, 5, 14, 9, 0))

    def test_it_counts_a_fraction_of_a_day_in_the_normal_day_length(self) -> None:
        # Half a day is 4 h 15 min of the 07:30–16:00 day: Monday 14:00 + 1 hari = Tuesday 14:00,
        # + 2 h to closing, + 2 h 15 min from Wednesday 07:30.
        self.assertEqual(self.cal.add(wib(2025, 3, 24, 14, 0), Decimal("1.5"), "day"), wib(2025, 3, 26, 9, 45))
        self.assertEqual(self.cal.add(wib(2025, 3, 24, 14, 0), Decimal("0.3"), "week"), wib(2025, 3, 26, 9, 45))

    def test_it_ends_a_month_on_the_same_date_moved_to_a_working_day(self) -> None:
        # 15 February is a Saturday: due when the office opens on Monday 17 February.
        self.assertEqual(self.cal.add(wib(2025, 1, 15, 10, 0), 1, "month"), wib(2025, 2, 17, 7, 30))
        self.assertEqual(self.cal.add(wib(2025, 2, 10, 10, 0), 1, "month"), wib(2025, 3, 10, 10, 0))
        # 31 January has no 31 February: the month's last day (Friday 28 February), at closing.
        self.assertEqual(self.cal.add(wib(2025, 1, 31, 10, 0), 1, "month"), wib(2025, 2, 28, 16, 0))
        # 28 February + 1 month = 28 March, cuti bersama Nyepi, then Lebaran: Tuesday 8 April at opening.
        self.assertEqual(self.cal.add(wib(2025, 2, 28, 10, 0), 1, "month"), wib(2025, 4, 8, 7, 30))
        # The case hypothesis found: 4 and 5 December both land on the weekend of 4-5 January.
        self.assertEqual(self.cal.add(wib(2024, 12, 4, 8, 0), 1, "month"), wib(2025, 1, 6, 7, 30))
        self.assertEqual(self.cal.add(wib(2024, 12, 5, 0, 0), 1, "month"), wib(2025, 1, 6, 7, 30))
        self.assertEqual(self.cal.add(wib(2025, 11, 10, 10, 0), 2, "month"), wib(2026, 1, 12, 7, 30))  # 10 Jan: Sat

    def test_it_refuses_a_fractional_month_and_an_unknown_unit(self) -> None:
        with self.assertRaisesMessage(KinerjaError, "1.5"):
            self.cal.add(wib(2025, 1, 15, 10, 0), Decimal("1.5"), "month")
        with self.assertRaisesMessage(KinerjaError, "'fortnight'"):
            self.cal.add(wib(2025, 1, 15, 10, 0), 1, "fortnight")

    def test_it_refuses_a_naive_datetime(self) -> None:
        with self.assertRaises(ValueError):
            self.cal.add(dt.datetime(2025, 3, 24, 8, 0), 1, "minute")

    def test_it_measures_elapsed_working_time(self) -> None:
        self.assertEqual(self.cal.elapsed(wib(2025, 3, 24, 8, 0), wib(2025, 3, 24, 8, 12)), dt.timedelta(minutes=12))
        # Friday 21 March 15:00 → Monday 24 March 08:00: 1 h on Friday, 30 min on Monday.
        self.assertEqual(self.cal.elapsed(wib(2025, 3, 21, 15, 0), wib(2025, 3, 24, 8, 0)),
                         dt.timedelta(hours=1, minutes=30))
        self.assertEqual(self.cal.elapsed(wib(2025, 3, 24, 9, 0), wib(2025, 3, 24, 8, 0)), dt.timedelta(0))
        # A whole Lebaran week has no working time at all.
        self.assertEqual(self.cal.elapsed(wib(2025, 3, 27, 16, 0), wib(2025, 4, 8, 7, 30)), dt.timedelta(0))

    def test_it_lists_working_days(self) -> None:
        days = list(self.cal.working_days(dt.date(2025, 3, 24), dt.date(2025, 4, 8)))
        self.assertEqual([d.day for d in days], [24, 25, 26, 27, 8])


class OfficeCalendarTestCase(KinerjaTestCase):
    def test_it_defaults_to_monday_to_friday_7_30_to_16_in_jakarta(self) -> None:
        cal = WorkCalendar.for_office(self.office)
        self.assertEqual(cal.time_zone, "Asia/Jakarta")
        self.assertEqual(cal.hours_on(dt.date(2025, 3, 24)), (dt.time(7, 30), dt.time(16, 0)))
        self.assertIsNone(cal.hours_on(dt.date(2025, 3, 22)))

    def test_it_closes_on_an_office_added_holiday(self) -> None:
        SpecialDay.objects.create(office=self.office, date=dt.date(2025, 6, 17), kind=SpecialDay.Kind.HOLIDAY,
                                  reason="HUT Kota Bandar Lampung")
        cal = WorkCalendar.for_office(self.office)
        self.assertFalse(cal.is_working_day(dt.date(2025, 6, 17)))
        self.assertEqual(cal.holiday_name(dt.date(2025, 6, 17)), "HUT Kota Bandar Lampung")
        self.assertEqual(cal.add(wib(2025, 6, 16, 10, 0), 1, "day"), wib(2025, 6, 18, 10, 0))
        # Another office keeps its day.
        self.assertTrue(WorkCalendar.for_office(self.other_office).is_working_day(dt.date(2025, 6, 17)))

    def test_an_office_holiday_on_a_national_one_is_named_as_both(self) -> None:
        # The plan page and the Gantt chart name a closed day by this: the national holiday is not hidden
        # by the office's own entry on the same date.
        SpecialDay.objects.create(office=self.office, date=dt.date(2025, 12, 25), kind=SpecialDay.Kind.HOLIDAY,
                                  reason="Keputusan Wali Kota: libur Natal")
        cal = WorkCalendar.for_office(self.office)
        self.assertEqual(cal.holiday_name(dt.date(2025, 12, 25)), "Hari Raya Natal; Keputusan Wali Kota: libur Natal")
        self.assertFalse(cal.is_working_day(dt.date(2025, 12, 25)))

    def test_it_opens_on_an_office_working_day_in_a_cuti_bersama(self) -> None:
        SpecialDay.objects.create(office=self.office, date=dt.date(2025, 12, 26), kind=SpecialDay.Kind.WORKING_DAY,
                                  reason="Cuti bersama dibatalkan")
        cal = WorkCalendar.for_office(self.office)
        self.assertTrue(cal.is_working_day(dt.date(2025, 12, 26)))
        self.assertIsNone(cal.holiday_name(dt.date(2025, 12, 26)))
        self.assertEqual(cal.add(wib(2025, 12, 24, 9, 0), 1, "day"), wib(2025, 12, 26, 9, 0))

    def test_it_opens_a_saturday_working_day_with_the_normal_hours(self) -> None:
        SpecialDay.objects.create(office=self.office, date=dt.date(2025, 3, 22), kind=SpecialDay.Kind.WORKING_DAY,
                                  reason="Pengganti hari kerja")
        cal = WorkCalendar.for_office(self.office)
        self.assertEqual(cal.hours_on(dt.date(2025, 3, 22)), (dt.time(7, 30), dt.time(16, 0)))
        self.assertEqual(cal.add(wib(2025, 3, 21, 15, 50), 20, "minute"), wib(2025, 3, 22, 7, 40))

    def test_it_keeps_a_wita_office_in_its_own_time(self) -> None:
        self.other_office.time_zone = "Asia/Makassar"
        self.other_office.save()
        for weekday in range(5):
            OfficeHours.objects.update_or_create(
                office=self.other_office, weekday=weekday,
                defaults={"opens_at": dt.time(8, 0), "closes_at": dt.time(16, 30) if weekday < 4 else dt.time(11, 30)})
        cal = WorkCalendar.for_office(self.other_office)
        # 08:00 WIB on Monday is 09:00 WITA: 10 minutes later is 09:10 WITA.
        due = cal.add(wib(2025, 3, 24, 8, 0), 10, "minute")
        self.assertEqual(due, dt.datetime(2025, 3, 24, 9, 10, tzinfo=WITA))
        self.assertEqual(due.utcoffset(), dt.timedelta(hours=8))
        # 06:30 WIB is 07:30 WITA, before the 08:00 opening.
        self.assertEqual(cal.next_opening(wib(2025, 3, 24, 6, 30)), dt.datetime(2025, 3, 24, 8, 0, tzinfo=WITA))
        # Thursday 15:00 WITA + 1 hari lands on Friday, which closes at 11:30.
        self.assertEqual(cal.add(dt.datetime(2025, 3, 20, 15, 0, tzinfo=WITA), 1, "day"),
                         dt.datetime(2025, 3, 21, 11, 30, tzinfo=WITA))
        # Friday 11:00 + 1 jam: 30 minutes on Friday, 30 from Monday 08:00.
        self.assertEqual(cal.add(dt.datetime(2025, 3, 21, 11, 0, tzinfo=WITA), 1, "hour"),
                         dt.datetime(2025, 3, 24, 8, 30, tzinfo=WITA))
        self.assertEqual(cal.day_length, dt.timedelta(hours=8, minutes=30))

    def test_it_loads_an_office_in_two_queries(self) -> None:
        with self.assertNumQueries(2):
            WorkCalendar.for_office(self.office)
