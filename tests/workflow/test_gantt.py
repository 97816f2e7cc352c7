"""The plan page and its Gantt chart: seed SOP over Lebaran, office scoping, a bad start."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation

from kinerja.sop.models import Step
from kinerja.workflow.calendar import WorkCalendar
from kinerja.workflow.gantt import Bar, GanttRow, gantt_svg, plan_gantt_svg
from tests.base import KinerjaTestCase
from tests.workflow.test_plan import seed_version

WIB = ZoneInfo("Asia/Jakarta")


class GanttSvgTestCase(SimpleTestCase):
    def test_it_marks_working_days_days_off_and_holidays(self) -> None:
        start = dt.datetime(2025, 3, 27, 9, 0, tzinfo=WIB)
        svg = gantt_svg([GanttRow("1. JFU", planned=Bar(start, start + dt.timedelta(days=12), "planned", "x"))],
                        WorkCalendar(), title="Rencana")
        # 27 March – 8 April: 13 day columns, each with its date as a tooltip.
        self.assertEqual(len(re.findall(r"<title>\d\d-\d\d-2025", svg)), 13)
        self.assertIn("<title>31-03-2025 · Hari Raya Idul Fitri</title>", svg)
        self.assertIn("<title>28-03-2025 · Cuti Bersama Hari Suci Nyepi</title>", svg)
        self.assertEqual(svg.count('fill="#f6d5d5" stroke'), 8)  # 28, 29 (Nyepi, a Saturday), 31 March, 1-4, 7 April
        self.assertEqual(svg.count('fill="#ffffff" stroke'), 2)  # 27 March and 8 April
        self.assertEqual(svg.count('fill="#e6e6e6" stroke'), 3)  # Sunday 30 March, 5 and 6 April
        self.assertNotIn("<script", svg)

    def test_the_steps_names_are_drawn_last_in_a_group_as_wide_as_the_longest(self) -> None:
        # gantt.js moves that group along when the chart scrolls on a phone: on top of the bars, on a
        # background no wider than the names need.
        start = dt.datetime(2025, 3, 24, 9, 0, tzinfo=WIB)
        rows = [GanttRow("1. Sekretaris", planned=Bar(start, start + dt.timedelta(hours=1), "planned", "x")),
                GanttRow("3. JFU", planned=Bar(start, start + dt.timedelta(days=5), "planned", "y"))]
        svg = gantt_svg(rows, WorkCalendar(), title="Rencana")
        group = re.search(r'<g class="gantt-labels"><rect x="0" y="\d+" width="(\d+)"(.*?)</g></svg>$', svg)
        self.assertIsNotNone(group)
        self.assertEqual(int(group[1]), round(6.5 * len("1. Sekretaris") + 12))
        self.assertEqual(re.findall(r">([^<>]+)</text>", group[2]), ["1. Sekretaris", "3. JFU"])
        self.assertNotIn("<rect", svg[group.end(1):].split("</g>")[0].split("/>", 1)[1])  # no bar inside it
        self.assertLess(svg.rindex("<rect"), svg.index('<g class="gantt-labels">') + 40)

    def test_it_escapes_labels(self) -> None:
        start = dt.datetime(2025, 3, 24, 9, 0, tzinfo=WIB)
        svg = gantt_svg([GanttRow("<b>", planned=Bar(start, start, "planned", "<i>"))], WorkCalendar(), title="&")
        self.assertIn("&lt;b&gt;", svg)
        self.assertNotIn("<b>", svg)
        self.assertNotIn("<i>", svg)

    def test_it_places_time_by_its_share_of_office_hours(self) -> None:
        class Draft:
            number, actor, duration_value, duration_unit = 1, "Sekretaris", Decimal("4.25"), "hour"

        svg = plan_gantt_svg([Draft()], dt.datetime(2025, 3, 24, 7, 30, tzinfo=WIB), WorkCalendar())
        # One day column (at its widest, 300 px after the 190 px labels); half the office day is half
        # the column.
        bar = re.search(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="9"', svg)
        assert bar is not None
        self.assertEqual((float(bar[1]), float(bar[2])), (190.0, 150.0))

    def test_it_marks_the_office_hours_when_the_plan_takes_hours(self) -> None:
        # Monday 24 March 2025, 15:00 to Tuesday 10:00: two working days of 07:30-16:00, 300 px each
        # (34.6 px an hour): a dotted line at every full hour from 08.00 to 16.00, each labelled but
        # those too close to the day's edge (16.00 would run into the next day's 08.00).
        start = dt.datetime(2025, 3, 24, 15, 0, tzinfo=WIB)
        svg = gantt_svg([GanttRow("1. JFU", planned=Bar(start, start + dt.timedelta(hours=19), "planned", "x"))],
                        WorkCalendar(), title="Rencana")
        self.assertEqual(svg.count('class="gantt-hour"'), 18)
        labels = re.findall(r'font-size="8" fill="#666666">(\d\d\.\d\d)</text>', svg)
        self.assertEqual(labels, [f"{h:02d}.00" for h in range(8, 16)] * 2)
        # The hours take a header line of their own: the first row starts 14 px lower.
        self.assertIn('<text x="6" y="77"', svg)

    def test_it_gives_a_day_off_a_third_of_a_working_day(self) -> None:
        # Thursday 27 February 2025 to Monday 3 March: three working days and a weekend share 900 px.
        start = dt.datetime(2025, 2, 27, 9, 0, tzinfo=WIB)
        svg = gantt_svg([GanttRow("1. JFU", planned=Bar(start, start + dt.timedelta(days=4), "planned", "x"))],
                        WorkCalendar(), title="Rencana")
        widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="28" width="([\d.]+)"', svg)]
        self.assertEqual(widths, [245.5, 245.5, 81.8, 81.8, 245.5])  # 900 / (3 + 2/3) = 245.45

    def test_it_leaves_out_the_hours_when_the_days_are_narrow(self) -> None:
        start = dt.datetime(2025, 3, 3, 9, 0, tzinfo=WIB)
        svg = gantt_svg([GanttRow("1. JFU", planned=Bar(start, start + dt.timedelta(days=20), "planned", "x"))],
                        WorkCalendar(), title="Rencana")
        self.assertNotIn("gantt-hour", svg)
        self.assertIn('<text x="6" y="63"', svg)

    def test_it_leaves_out_a_month_name_that_would_overlap_the_next(self) -> None:
        # 30 November – 16 December: November shows one day, so only "Des 2025" is named; over
        # 20 November – 16 December both have room.
        def months(first: dt.date) -> list[str]:
            start = dt.datetime.combine(first, dt.time(9, 0), WIB)
            ends = dt.datetime(2025, 12, 16, 9, 0, tzinfo=WIB)
            svg = gantt_svg([GanttRow("1. JFU", planned=Bar(start, ends, "planned", "x"))], WorkCalendar(),
                            title="Rencana")
            return re.findall(r'y="14" fill="#222222">([^<]+)</text>', svg)

        with translation.override("id"):
            self.assertEqual(months(dt.date(2025, 11, 30)), ["Des 2025"])
            self.assertEqual(months(dt.date(2025, 11, 20)), ["Nov 2025", "Des 2025"])

    def test_on_a_phone_each_name_stands_above_its_bars_across_the_whole_width(self) -> None:
        # Three weeks of plan fit 340 units (a 390 px screen's card) with no room set aside for the names:
        # each name on its own line, its planned bar under it, the days sharing the width.
        start = dt.datetime(2025, 3, 3, 9, 0, tzinfo=WIB)
        rows = [GanttRow("1. Kepala Sub Bagian Program dan Keuangan",
                         planned=Bar(start, start + dt.timedelta(days=2), "planned", "x")),
                GanttRow("2. JFU", planned=Bar(start + dt.timedelta(days=2), start + dt.timedelta(days=20),
                                               "planned", "y"))]
        svg = gantt_svg(rows, WorkCalendar(), title="Rencana", phone=True,
                        now=start + dt.timedelta(days=3))
        self.assertIn('viewBox="0 0 340 ', svg)
        self.assertIn('class="gantt gantt-phone"', svg)
        self.assertNotIn("data-focus-x", svg)  # nothing to scroll to
        days = [(float(x), float(w)) for x, w in re.findall(r'<rect x="([\d.]+)" y="28" width="([\d.]+)"', svg)]
        self.assertEqual(len(days), 21)
        self.assertAlmostEqual(days[0][0], 4.0)
        self.assertAlmostEqual(days[-1][0] + days[-1][1], 332.0, delta=0.3)
        names = re.findall(r'<text x="4" y="(\d+)" font-size="12" font-weight="600"[^>]*>([^<]+)</text>', svg)
        self.assertEqual([n for _y, n in names], ["1. Kepala Sub Bagian Program dan Keuangan", "2. JFU"])
        bars = [float(y) for y in re.findall(r'<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="9"', svg)]
        self.assertEqual(len(bars), 2)
        for (name_y, _name), bar_y in zip(names, bars, strict=True):
            self.assertGreater(bar_y, float(name_y))  # under its name, not beside it
        self.assertEqual(bars[1] - bars[0], 46)  # one row each
        # A month begun in the last days ends its name at the chart's edge instead of running past it.
        late = gantt_svg([GanttRow("1. JFU", planned=Bar(dt.datetime(2025, 11, 3, 9, 0, tzinfo=WIB),
                                                        dt.datetime(2025, 12, 1, 9, 0, tzinfo=WIB), "planned", "x"))],
                         WorkCalendar(), title="Rencana", phone=True)
        self.assertIn('<text x="338.0" y="14" text-anchor="end"', late)
        # The wide chart of the same rows is unchanged: names beside the bars, the days after 190 px.
        wide = gantt_svg(rows, WorkCalendar(), title="Rencana")
        self.assertNotIn("gantt-phone", wide)
        self.assertIn('<rect x="190.0" y="28"', wide)


class PlanPageTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.version = seed_version(cls.office, cls.positions)
        cls.url = reverse("planning:plan", kwargs={"pk": cls.version.pk})

    def setUp(self) -> None:
        self.client.force_login(self.secretary)

    def test_it_shows_the_seed_plan_and_its_gantt_chart(self) -> None:
        response = self.client.get(self.url, {"start": "2025-03-24T08:00"})
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("<svg", html)
        self.assertIn("Hari Raya Idul Fitri", html)
        self.assertIn("Sen 24 Mar 2025 08.12", html)  # step 2 due
        self.assertIn("Sen 21 Apr 2025 08.12", html)  # step 6 due, after Good Friday
        self.assertNotIn("<script>", html)
        self.assertNotIn('style="', html)
        # Drawn twice, the page's CSS showing one by the screen's width: the wide chart and the phone's.
        self.assertEqual(html.count('<svg xmlns="http://www.w3.org/2000/svg" class="gantt"'), 1)
        self.assertEqual(html.count('class="gantt gantt-phone"'), 1)
        self.assertIn('<div class="gantt-narrow"><svg', html)

    def test_it_shows_a_start_that_is_not_iso_8601_as_an_error(self) -> None:
        response = self.client.get(self.url, {"start": "besok"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "ISO 8601")

    def test_it_answers_404_for_another_office(self) -> None:
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_it_asks_a_stranger_to_sign_in(self) -> None:
        self.client.logout()
        self.assertEqual(self.client.get(self.url).status_code, 302)

    def test_it_needs_the_same_queries_for_6_steps_and_30(self) -> None:
        with self.assertNumQueries(9) as six:
            self.client.get(self.url, {"start": "2025-03-24T08:00"})
        step = self.version.steps.get(number=6)
        for number in range(7, 31):
            Step.objects.create(version=self.version, number=number, activity="Tambahan", actor=step.actor,
                                duration_value=Decimal(1), duration_unit="hour")
        # session, user, person+office, version, office hours, special days, steps with actors, nav positions,
        # whether the Sekretariat answers for an indicator (the menu's data entry: nav._data_label)
        with self.assertNumQueries(len(six.captured_queries)):
            response = self.client.get(self.url, {"start": "2025-03-24T08:00"})
        self.assertContains(response, "30. Kadis")
