"""The page "Kalender kerja": a new office's administrator checks the year against the decrees (which
cuti bersama to work on after all, which regional holiday to add) and staff see which days count."""

from __future__ import annotations

import datetime as dt
import re

from django.test import TestCase

from kinerja.errors import KinerjaError
from kinerja.org.holding import today_in
from kinerja.org.models import OfficeHours, SpecialDay
from kinerja.workflow.calendar import (
    COLLECTIVE_LEAVE,
    NATIONAL,
    OFFICE,
    WorkCalendar,
    calendar_year,
    national_holidays,
    year_calendar,
)
from tests.base import KinerjaTestCase


def weekdays(year: int, month: int) -> list[dt.date]:
    day, found = dt.date(year, month, 1), []
    while day.month == month:
        if day.weekday() < 5:
            found.append(day)
        day += dt.timedelta(days=1)
    return found


class YearCalendarTestCase(TestCase):
    """calendar.year_calendar, on a calendar built directly (no office, no query)."""

    def test_it_tells_national_holidays_from_cuti_bersama(self) -> None:
        found = {d.date: d for d in year_calendar(WorkCalendar(), 2025).days}
        christmas, leave = found[dt.date(2025, 12, 25)], found[dt.date(2025, 12, 26)]
        self.assertEqual((christmas.source, christmas.working), (NATIONAL, False))
        self.assertEqual(christmas.name, national_holidays(2025)[dt.date(2025, 12, 25)])
        self.assertEqual((leave.source, leave.working), (COLLECTIVE_LEAVE, False))
        self.assertIn("Cuti Bersama", leave.name)

    def test_it_says_which_days_off_fall_on_a_day_the_office_is_closed_anyway(self) -> None:
        found = year_calendar(WorkCalendar(), 2025).days
        self.assertEqual([d.date for d in found if not d.weekday_open],
                         [d for d in sorted(national_holidays(2025)) if d.weekday() >= 5])
        self.assertTrue(any(not d.weekday_open for d in found))

    def test_it_lists_every_national_day_in_date_order(self) -> None:
        days = year_calendar(WorkCalendar(), 2025).days
        self.assertEqual([d.date for d in days], sorted(national_holidays(2025)))

    def test_the_office_s_own_days_are_in_the_list_with_their_reasons(self) -> None:
        cal = WorkCalendar(office_holidays={dt.date(2025, 6, 17): "HUT Kota Bandar Lampung"},
                           office_working_days={dt.date(2025, 12, 26): "Cuti bersama Natal dibatalkan",
                                                dt.date(2025, 3, 15): "Sabtu masuk: pelayanan"})
        found = {d.date: d for d in year_calendar(cal, 2025).days}
        added = found[dt.date(2025, 6, 17)]
        self.assertEqual((added.name, added.source, added.working, added.reason),
                         ("HUT Kota Bandar Lampung", OFFICE, False, "HUT Kota Bandar Lampung"))
        revoked = found[dt.date(2025, 12, 26)]
        self.assertEqual((revoked.source, revoked.working, revoked.reason),
                         (COLLECTIVE_LEAVE, True, "Cuti bersama Natal dibatalkan"))
        self.assertIn("Cuti Bersama", revoked.name)  # what the day would have been
        saturday = found[dt.date(2025, 3, 15)]
        self.assertEqual((saturday.name, saturday.source, saturday.working), ("", OFFICE, True))

    def test_an_office_holiday_on_a_national_one_keeps_both(self) -> None:
        # The city also declares Christmas its own holiday (a regional decree listing it): the day is still
        # the national Hari Raya Natal, and the office's entry shows with it, not instead of it.
        cal = WorkCalendar(office_holidays={dt.date(2025, 12, 25): "Keputusan Wali Kota: libur Natal",
                                            dt.date(2025, 12, 26): "Libur daerah"})
        found = {d.date: d for d in year_calendar(cal, 2025).days}
        christmas, leave = found[dt.date(2025, 12, 25)], found[dt.date(2025, 12, 26)]
        self.assertEqual((christmas.name, christmas.source, christmas.working, christmas.office_holiday,
                          christmas.reason),
                         (national_holidays(2025)[dt.date(2025, 12, 25)], NATIONAL, False, True,
                          "Keputusan Wali Kota: libur Natal"))
        self.assertEqual((leave.source, leave.office_holiday, leave.reason), (COLLECTIVE_LEAVE, True, "Libur daerah"))
        self.assertIn("Cuti Bersama", leave.name)

    def test_each_month_counts_its_working_days(self) -> None:
        national = national_holidays(2025)
        plain = year_calendar(WorkCalendar(), 2025)
        for first, count in plain.months:
            self.assertEqual(count, len([d for d in weekdays(2025, first.month) if d not in national]), first)
        self.assertEqual(plain.working_days, sum(c for _m, c in plain.months))
        # December 2025: 23 weekdays less Christmas and the cuti bersama after it.
        self.assertEqual(plain.months[11], (dt.date(2025, 12, 1), 21))
        changed = year_calendar(WorkCalendar(office_holidays={dt.date(2025, 6, 17): "HUT Kota"},
                                             office_working_days={dt.date(2025, 12, 26): "Dibatalkan"}), 2025)
        self.assertEqual([c for _m, c in changed.months],
                         [c - (m.month == 6) + (m.month == 12) for m, c in plain.months])

    def test_it_gives_the_hours_of_every_weekday(self) -> None:
        cal = WorkCalendar(time_zone="Asia/Makassar", hours={0: (dt.time(8), dt.time(16)), 4: (dt.time(8), dt.time(11))})
        found = year_calendar(cal, 2026)
        self.assertEqual(found.time_zone, "Asia/Makassar")
        self.assertEqual(found.hours, [(0, (dt.time(8), dt.time(16))), (1, None), (2, None), (3, None),
                                       (4, (dt.time(8), dt.time(11))), (5, None), (6, None)])

    def test_a_year_outside_the_range_or_not_a_number_is_refused_by_name(self) -> None:
        self.assertEqual(calendar_year("", 2026), 2026)
        self.assertEqual(calendar_year(" 2027 ", 2026), 2027)
        for bad in ("1999", "2101", "abc", "-5", "20 26"):
            with self.assertRaisesMessage(KinerjaError, bad.strip()):
                calendar_year(bad, 2026)


class CalendarPageTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.url = f"/calendar/{self.office.code}/"

    def row(self, html: str, day: str) -> str:
        found = re.search(rf'<tr id="day-{day}"[^>]*>(.*?)</tr>', html, re.S)
        self.assertIsNotNone(found, day)
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()  # type: ignore[union-attr]

    def test_staff_read_the_year_s_days_off_and_where_they_come_from(self) -> None:
        SpecialDay.objects.create(office=self.office, date=dt.date(2025, 6, 17), kind=SpecialDay.Kind.HOLIDAY,
                                  reason="HUT Kota Bandar Lampung")
        SpecialDay.objects.create(office=self.office, date=dt.date(2025, 12, 26), kind=SpecialDay.Kind.WORKING_DAY,
                                  reason="SKB cuti bersama diubah")
        self.client.force_login(self.staff)
        html = self.client.get(self.url, {"year": "2025"}).content.decode()
        self.assertIn("<h1>Kalender kerja 2025</h1>", html)
        self.assertEqual(self.row(html, "2025-12-25"), "Kamis, 25 Desember Hari Raya Natal Libur nasional Libur")
        self.assertEqual(self.row(html, "2025-06-17"),
                         "Selasa, 17 Juni HUT Kota Bandar Lampung Ditambahkan kantor Libur")
        self.assertEqual(self.row(html, "2025-12-26"), "Jumat, 26 Desember Cuti Bersama Hari Raya Natal Cuti bersama "
                                                       "Hari kerja SKB cuti bersama diubah")
        # An office holiday on a national one: both, the national name and source and the office's reason.
        SpecialDay.objects.create(office=self.office, date=dt.date(2025, 8, 17), kind=SpecialDay.Kind.HOLIDAY,
                                  reason="Upacara HUT RI di kantor wali kota")
        html = self.client.get(self.url, {"year": "2025"}).content.decode()
        self.assertEqual(self.row(html, "2025-08-17"),
                         f"Minggu, 17 Agustus {national_holidays(2025)[dt.date(2025, 8, 17)]} Libur nasional, juga "
                         "ditambahkan kantor Libur Upacara HUT RI di kantor wali kota")
        # Dates in order, the office's day among the national ones.
        order = re.findall(r'<tr id="day-(\d{4}-\d\d-\d\d)"', html)
        self.assertEqual(order, sorted(order))
        self.assertIn("2025-06-17", order)
        # The office's hours with its time zone, and no administration for staff.
        self.assertIn("Zona waktu: WIB (Asia/Jakarta)", html)
        self.assertNotIn("/admin/", html.split("<main")[1])

    def test_the_months_count_the_working_days(self) -> None:
        self.client.force_login(self.staff)
        before = self.client.get(self.url, {"year": "2025"}).content.decode()
        SpecialDay.objects.create(office=self.office, date=dt.date(2025, 12, 26), kind=SpecialDay.Kind.WORKING_DAY,
                                  reason="SKB cuti bersama diubah")
        after = self.client.get(self.url, {"year": "2025"}).content.decode()
        december = r'<th scope="row">Desember</th><td class="num">(\d+)</td>'
        self.assertEqual(int(re.search(december, after).group(1)), int(re.search(december, before).group(1)) + 1)  # type: ignore[union-attr]

    def test_the_hours_are_the_office_s_in_its_time_zone(self) -> None:
        OfficeHours.objects.filter(office=self.office, weekday=4).update(closes_at=dt.time(11, 30))
        self.office.time_zone = "Asia/Makassar"
        self.office.save()
        self.client.force_login(self.staff)
        html = re.sub(r"\s+", " ", self.client.get(self.url).content.decode())
        self.assertIn("Zona waktu: WITA (Asia/Makassar)", html)
        self.assertIn('<th scope="row">Jumat</th><td>07.30–11.30</td>', html)
        self.assertIn('<th scope="row">Sabtu</th><td><span class="muted">Libur</span></td>', html)

    def test_it_shows_this_year_unless_asked_for_another(self) -> None:
        self.client.force_login(self.staff)
        year = today_in(self.office.time_zone).year
        r = self.client.get(self.url)
        self.assertContains(r, f"<h1>Kalender kerja {year}</h1>", html=True)
        self.assertContains(r, f'href="?year={year + 1}"')
        r = self.client.get(self.url, {"year": str(year + 1)})
        self.assertContains(r, f"<h1>Kalender kerja {year + 1}</h1>", html=True)
        self.assertContains(r, f'href="?year={year}"')  # back to this year

    def test_a_bad_year_is_named_and_this_year_shown(self) -> None:
        self.client.force_login(self.staff)
        r = self.client.get(self.url, {"year": "20266"})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "Tahun 20266: pilih tahun 2000 sampai 2100.", status_code=400)
        self.assertContains(r, f"Kalender kerja {today_in(self.office.time_zone).year}", status_code=400)

    def test_every_user_of_the_office_reads_it(self) -> None:
        for user in (self.head, self.contacts[0], self.auditor, self.admin):
            self.client.force_login(user)
            self.assertEqual(self.client.get(self.url).status_code, 200, user)

    def test_another_office_s_calendar_is_not_found(self) -> None:
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.get(f"/calendar/{self.other_office.code}/").status_code, 200)
        self.client.force_login(self.staff)
        self.assertEqual(self.client.get(f"/calendar/{self.other_office.code}/").status_code, 404)

    def test_signed_out_it_asks_to_sign_in(self) -> None:
        r = self.client.get(self.url)
        self.assertEqual(r.status_code, 302)
        self.assertIn("/login/", r["Location"])

    def test_the_administrator_is_led_to_the_admin_pages_that_change_it(self) -> None:
        day = SpecialDay.objects.create(office=self.office, date=dt.date(2025, 6, 17), kind=SpecialDay.Kind.HOLIDAY,
                                        reason="HUT Kota Bandar Lampung")
        self.client.force_login(self.admin)
        r = self.client.get(self.url, {"year": "2025"})
        self.assertContains(r, f'href="/admin/org/office/{self.office.pk}/change/"')
        self.assertContains(r, 'href="/admin/org/specialday/"')
        self.assertContains(r, f'href="/admin/org/specialday/{day.pk}/change/"')
        # A cuti bersama, to work on after all: the admin's form comes with the date and the kind.
        self.assertContains(r, 'href="/admin/org/specialday/add/?date=2025-12-26&amp;kind=working_day"')
        # Not on a holiday that falls on a Sunday, when the office is closed anyway.
        sunday = next(d for d in sorted(national_holidays(2025)) if d.weekday() == 6)
        self.assertNotContains(r, f"?date={sunday:%Y-%m-%d}&amp;kind=working_day")
        form = self.client.get("/admin/org/specialday/add/?date=2025-12-26&kind=working_day")
        self.assertContains(form, 'value="2025-12-26"')
        self.assertContains(form, '<option value="working_day" selected>', html=False)

    def test_a_constant_number_of_queries(self) -> None:
        def count(user) -> int:  # type: ignore[no-untyped-def]
            self.client.force_login(user)
            self.client.get(self.url, {"year": "2025"})  # the session's first read
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(self.url, {"year": "2025"}).status_code, 200)
            return len(queries)

        few = {u: count(u) for u in (self.staff, self.admin)}
        SpecialDay.objects.bulk_create(
            SpecialDay(office=self.office, date=dt.date(2025, 1, 1) + dt.timedelta(days=7 * n),
                       kind=SpecialDay.Kind.HOLIDAY, reason=f"Libur daerah {n}") for n in range(50))
        self.assertEqual({u: count(u) for u in (self.staff, self.admin)}, few)
        # Session, user, person and office, today's positions; the calendar's hours and special days;
        # for the administrator also the special days' ids.
        self.assertEqual(few[self.admin], few[self.staff] + 1)

    def test_the_organisation_page_and_the_inbox_link_to_it(self) -> None:
        self.client.force_login(self.staff)
        for page in ("/org/", "/inbox/"):
            self.assertContains(self.client.get(page), f'href="{self.url}"', msg_prefix=page)
