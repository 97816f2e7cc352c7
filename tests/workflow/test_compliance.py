"""SOP compliance of 2025: two cases of the seed SOP run through the engine's actions on a fixed clock,
one finished the same morning, one returned once by the Kasubbag and waiting at step 4; a 2024 case
stays out. Also the CLI, the page with its chart, the XLSX export and the case Gantt chart."""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

import kinerja.workflow.cli_compliance  # noqa: F401  registers `sop compliance` even where ready() does not
from kinerja.sop.models import SopVersion
from kinerja.workflow import actions
from kinerja.workflow.compliance import compliance, duration_text, percentile
from kinerja.workflow.gantt import case_gantt_svg
from kinerja.workflow.models import Case

from .base import START, WorkflowTestCase, at
from .seed import build_seed_sop

NOW = at(25, 12)


def start_numbered(test: type[WorkflowTestCase], when: dt.datetime) -> Case:
    """A case of the seed started at `when`, each its own period (one open case per period): the report
    counts by start, not by period."""
    test.started = getattr(test, "started", 0) + 1  # type: ignore[attr-defined]
    return actions.start_case(test.version.pk, user=test.secretary, title=f"Pengumpulan Data Kinerja {when:%d-%m-%Y}",
                              period=f"Pengumpulan ke-{test.started}", at=when)  # type: ignore[attr-defined]


class ComplianceTestCase(WorkflowTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.build_cases()

    @classmethod
    def build_cases(cls) -> None:
        # Case 1: every step done one minute after the previous one.
        first = cls.start(START)
        cls.finish_quickly(first)
        # Case 2: step 1 an hour late, steps 2 and 3 in 10 minutes each, the Kasubbag sends it back at
        # 09:30, the JFU redoes step 3 by 09:40, and it waits at step 4.
        cls.second = second = cls.start(START)
        cls.done(second, 1, cls.secretary, at(24, 9, 0))
        cls.done(second, 2, cls.subsection_head, at(24, 9, 10), next_user=cls.staff)
        cls.done(second, 3, cls.staff, at(24, 9, 20))
        actions.return_task(second.tasks.get(step__number=4).pk, user=cls.subsection_head,
                            reason="Data Bidang UMKM belum lengkap", at=at(24, 9, 30))
        cls.done(second, 3, cls.staff, at(24, 9, 40))
        # A case of 2024 is not counted in 2025.
        cls.finish_quickly(cls.start(dt.datetime(2024, 12, 2, 8, 0, tzinfo=START.tzinfo)))

    @classmethod
    def start(cls, when: dt.datetime) -> Case:
        return start_numbered(cls, when)

    @classmethod
    def done(cls, case: Case, number: int, user, when: dt.datetime, **kwargs) -> None:  # type: ignore[no-untyped-def]
        task = case.tasks.get(step__number=number, status="open")
        actions.complete_task(task.pk, user=user, note="selesai", at=when, **kwargs)

    @classmethod
    def finish_quickly(cls, case: Case) -> None:
        # The Sekretaris is Plh Kadis from 24 to 30 March 2025; otherwise the Kadis signs.
        kadis = cls.secretary if dt.date(2025, 3, 24) <= case.started_at.date() <= dt.date(2025, 3, 30) else cls.head
        performers = [cls.secretary, cls.subsection_head, cls.staff, cls.subsection_head, cls.secretary, kadis]
        for number, user in enumerate(performers, start=1):
            kwargs = {"next_user": cls.staff} if number == 2 else {}
            cls.done(case, number, user, case.started_at + dt.timedelta(minutes=number), **kwargs)

    def test_it_counts_runs_working_time_on_time_returns_and_waiting(self) -> None:
        report = compliance(self.version.sop, 2025, now=NOW)
        self.assertEqual((report.cases_started, report.cases_finished, report.cases_open), (2, 1, 1))
        got = {s.number: (s.runs, s.median_seconds, s.p90_seconds, s.on_time, s.returns, s.waiting, s.overdue)
               for s in report.steps}
        self.assertEqual(got, {
            1: (2, (60 + 3600) // 2, 3600, 1, 0, 0, 0),  # 1 min and 60 min against 2 menit
            2: (2, (60 + 600) // 2, 600, 2, 0, 0, 0),  # 10 minutes is exactly on time
            3: (3, 600, 600, 3, 0, 0, 0),  # 1, 10 and (second round) 10 minutes
            4: (2, (60 + 600) // 2, 600, 2, 1, 1, 0),  # sent back once; case 2 waits here
            5: (1, 60, 60, 1, 0, 0, 0),
            6: (1, 60, 60, 1, 0, 0, 0),
        })
        self.assertEqual([s.standard for s in report.steps], ["2 menit", "10 menit", "5 hari", "5 hari", "1 hari", "1 hari"])
        self.assertEqual(report.steps[2].standard_seconds, 5 * 8.5 * 3600)
        self.assertEqual(report.steps[0].on_time_share, 0.5)

    def test_it_shows_overdue_waiting_cases(self) -> None:
        # Step 4 (5 hari from Monday 24 March 09:40) is due on Wednesday 9 April 09:40, after Lebaran.
        self.assertEqual(compliance(self.version.sop, 2025, now=at(9, 9, 40, month=4)).steps[3].overdue, 0)
        self.assertEqual(compliance(self.version.sop, 2025, now=at(9, 9, 41, month=4)).steps[3].overdue, 1)

    def test_it_counts_the_2024_case_in_2024_only(self) -> None:
        report = compliance(self.version.sop, 2024, now=NOW)
        self.assertEqual((report.cases_started, report.steps[0].runs, report.steps[3].waiting), (1, 1, 0))

    def test_it_needs_the_same_queries_for_3_cases_and_13(self) -> None:
        # Calendar hours and special days, cases, steps, tasks, requests to the divisions.
        with self.assertNumQueries(6):
            compliance(self.version.sop, 2025, now=NOW)
        for day in range(1, 11):
            self.finish_quickly(self.start(dt.datetime(2025, 5, 19, 8, 0, tzinfo=START.tzinfo)
                                           + dt.timedelta(days=day % 4)))
        with self.assertNumQueries(6):
            report = compliance(self.version.sop, 2025, now=NOW)
        self.assertEqual(report.cases_started, 12)

    def test_it_prints_json(self) -> None:
        out = StringIO()
        call_command("sop", "compliance", str(self.version.pk), "--year", "2025", "--json", stdout=out)
        data = json.loads(out.getvalue())
        self.assertEqual(data["cases"], {"started": 2, "finished": 1, "open": 1, "ended": 0})
        step4 = data["steps"][3]
        self.assertEqual((step4["number"], step4["runs"], step4["returns"], step4["waiting"], step4["on_time_share"]),
                         (4, 2, 1, 1, 1.0))
        self.assertEqual(data["steps"][0]["median_seconds"], 1830)

    def test_it_prints_a_table_and_writes_xlsx(self) -> None:
        path = self.settings_dir() / "kepatuhan.xlsx"
        out = StringIO()
        call_command("sop", "compliance", str(self.version.pk), "--year", "2025", "--xlsx", str(path), stdout=out)
        self.assertIn("2 menit", out.getvalue())
        self.assertIn("30 menit   1,0 jam          50%", out.getvalue())  # step 1: median 30,5 minutes, p90 1 hour
        header = next(line for line in out.getvalue().splitlines() if line.lstrip().startswith("No."))
        step1 = next(line for line in out.getvalue().splitlines() if line.startswith("  1  "))
        # Each value under its Indonesian header, however long: "Jumlah pelaksanaan" ends where the count does.
        self.assertEqual(step1.index("2 menit"), header.index("Waktu baku"))
        self.assertEqual(step1.index("50%") + 3, header.index("Tepat waktu") + len("Tepat waktu"))
        self.assertEqual(step1.index("  2  ") + 3, header.index("Jumlah pelaksanaan") + len("Jumlah pelaksanaan"))
        self.assertEqual(header.split(), ["No.", "Pelaksana", "Waktu", "baku", "Jumlah", "pelaksanaan", "Median", "P90",
                                          "Tepat", "waktu", "Dikembalikan", "Menunggu"])
        sheet = load_workbook(path).active
        header_row = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "No.")
        step1 = [c.value for c in sheet[header_row + 1]]
        self.assertEqual(step1[:2], [1, "Sekretaris"])
        self.assertAlmostEqual(step1[6], 1830 / 3600, places=4)  # median in hours, a real number
        self.assertEqual(step1[9], 0.5)
        self.assertEqual(sheet.cell(header_row + 1, 10).number_format, "0.0%")
        self.assertEqual(sheet.cell(header_row + 1, 7).number_format, "0.00")

    def settings_dir(self):  # type: ignore[no-untyped-def]
        import tempfile
        from pathlib import Path

        folder = Path(tempfile.mkdtemp())
        self.addCleanup(lambda: [p.unlink() for p in folder.iterdir()] and None)
        return folder

    def test_an_xlsx_that_cannot_be_written_is_one_clear_error(self) -> None:
        folder = self.settings_dir()
        for path, problem in [(folder / "none" / "k.xlsx", f"Tidak dapat menulis {folder / 'none' / 'k.xlsx'}: folder"),
                              (folder, f"Tidak dapat menulis {folder}: itu sebuah folder")]:
            with self.subTest(str(path)), self.assertRaisesMessage(CommandError, problem):
                call_command("sop", "compliance", str(self.version.pk), "--year", "2025", "--xlsx", str(path),
                             stdout=StringIO())
        self.assertFalse((folder / "none").exists())

    def test_it_refuses_an_unknown_sop_and_a_silly_year(self) -> None:
        with self.assertRaisesMessage(CommandError, "9999"):
            call_command("sop", "compliance", "9999", "--year", "2025", stdout=StringIO())
        with self.assertRaisesMessage(CommandError, "--year"):
            call_command("sop", "compliance", str(self.version.pk), "--year", "25", stdout=StringIO())

    def test_it_shows_the_page_with_a_chart(self) -> None:
        self.client.force_login(self.subsection_head)
        url = reverse("planning:compliance", kwargs={"pk": self.version.pk})
        response = self.client.get(url, {"year": 2025})
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn('<svg xmlns="http://www.w3.org/2000/svg" class="chart"', html)
        self.assertIn("1/2", html)  # step 1 on time once of twice
        self.assertNotIn('style="', html)
        self.assertNotIn("<script>", html)

    def test_a_phone_gets_the_chart_with_the_names_above_the_bars(self) -> None:
        import re

        from kinerja.workflow.compliance import PHONE_WIDTH, chart_svg

        self.client.force_login(self.subsection_head)
        url = reverse("planning:compliance", kwargs={"pk": self.version.pk})
        html = self.client.get(url, {"year": 2025}).content.decode()
        self.assertIn('class="chart-wrap chart-desktop"', html)
        self.assertIn('class="chart-wrap chart-phone"', html)
        report = compliance(self.version.sop, 2025, now=NOW)
        phone = str(chart_svg(report, phone=True))
        self.assertIn(f'viewBox="0 0 {PHONE_WIDTH} ', phone)
        label = r'<text x="([\d.]+)" y="([\d.]+)" fill="#222222" font-size="12"'
        median = r'<rect x="([\d.]+)" y="([\d.]+)" width="[\d.]+" height="10" fill="#1565c0"'
        labels = [(float(x), float(y)) for x, y in re.findall(label, phone)]
        bars = [(float(x), float(y)) for x, y in re.findall(median, phone)]
        self.assertEqual(len(labels), len(report.steps))
        self.assertEqual(len(bars), len([s for s in report.steps if s.median_seconds is not None]))
        for (label_x, label_y), (bar_x, bar_y) in zip(labels, bars, strict=False):
            self.assertEqual(label_x, bar_x)  # the name starts where its bars start, above them
            self.assertLess(label_y, bar_y)
        # Every value written beside a bar ends inside the drawing.
        widths = [float(x) for x in re.findall(r'<text x="([\d.]+)" y="[\d.]+" fill="#222222" font-size="10"', phone)]
        self.assertTrue(widths and max(widths) + 30 <= PHONE_WIDTH, widths)

    def test_the_values_stand_clear_of_the_bars_arrows_and_the_standard_line(self) -> None:
        # At 390 px a value beside a bar beyond the scale stood on the arrow's tip, and the dashed 1× line
        # crossed the values and the phone's step names drawn under it.
        import re

        from kinerja.workflow.compliance import ARROW, chart_svg

        report = compliance(self.version.sop, 2025, now=NOW)
        report.steps[0].median_ratio, report.steps[0].p90_ratio = 12.5, 20.0  # beyond the 5× scale: arrows
        for phone in (True, False):
            svg = str(chart_svg(report, phone=phone))
            bars = [float(x) + float(w) for x, w in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)]
            values = [float(x) for x in re.findall(r'<text x="([\d.]+)" y="[\d.]+" fill="#222222" font-size="10"', svg)]
            self.assertEqual(len(bars), len(values))
            arrows = svg.count("<path ")
            self.assertEqual(arrows, 2)
            for n, (end, value) in enumerate(zip(bars, values, strict=True)):
                self.assertGreaterEqual(value - end, (ARROW if n < arrows else 0) + 4, (phone, n, end, value))
            # Every text (the values, the names) comes after the standard's line, so the line runs under it.
            line = svg.index('stroke="#c62828"')
            self.assertLess(line, svg.index('font-size="10"'))
            self.assertLess(line, svg.index(f"1. {report.steps[0].actor}"))

    def test_the_page_writes_working_time_in_the_reader_s_language(self) -> None:
        self.client.force_login(self.subsection_head)
        url = reverse("planning:compliance", kwargs={"pk": self.version.pk})
        rows = {s.number: (median, p90) for s, median, p90 in self.client.get(url, {"year": 2025}).context["rows"]}
        self.assertEqual(rows[1], ("30 menit", "1,0 jam"))  # 1 min and 60 min
        self.assertContains(self.client.get(url, {"year": 2025}), ">15,2×</text>")  # the chart's ratio
        self.client.post("/language/", {"language": "en"})
        page = self.client.get(url, {"year": 2025})
        rows = {s.number: (median, p90) for s, median, p90 in page.context["rows"]}
        self.assertEqual(rows[1], ("30 minutes", "1.0 hour"))
        self.assertEqual(rows[3], ("10 minutes", "10 minutes"))
        self.assertContains(page, ">15.2×</text>")
        self.assertContains(page, "<title>median: 30 minutes (15.25× 2 menit)</title>")
        # The standard stays as the SOP writes it ("2 menit"): that is the document's text.
        self.assertContains(page, '<td data-label="Standard time">2 menit</td>\n      '
                                  '<td class="num" data-label="Runs">2</td>'
                                  '<td class="num" data-label="Median">30 minutes</td>')

    def test_it_downloads_xlsx(self) -> None:
        self.client.force_login(self.subsection_head)
        response = self.client.get(reverse("planning:compliance_xlsx", kwargs={"pk": self.version.pk}), {"year": 2025})
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet["B2"].value, 2025)
        # The office's clock as its staff name it, not the database's "Asia/Jakarta".
        self.assertEqual(sheet["A3"].value, "Waktu kerja dalam jam kerja kantor (WIB); satu hari kerja = 8,5 jam.")

    def test_a_year_not_understood_is_said_not_replaced_unsaid(self) -> None:
        self.client.force_login(self.subsection_head)
        page = self.client.get(reverse("planning:compliance", kwargs={"pk": self.version.pk}), {"year": "20O5"})
        self.assertContains(page, "20O5", status_code=400)
        self.assertEqual(page.context["error"], "Tahun 20O5: pilih tahun 2000 sampai 2100.")
        xlsx = self.client.get(reverse("planning:compliance_xlsx", kwargs={"pk": self.version.pk}), {"year": "1899"})
        self.assertEqual(xlsx.status_code, 400)
        self.assertIn("1899", xlsx.content.decode())
        self.assertNotIn("Content-Disposition", xlsx)

    def test_the_page_and_the_plan_name_the_office_s_clock_wib(self) -> None:
        self.client.force_login(self.subsection_head)
        page = self.client.get(reverse("planning:compliance", kwargs={"pk": self.version.pk}), {"year": 2025})
        self.assertContains(page, "Waktu kerja kantor (WIB), dihitung")
        plan = self.client.get(reverse("planning:plan", kwargs={"pk": self.version.pk}))
        self.assertContains(plan, "jam kerja kantor (WIB)")
        self.assertNotContains(plan, "Asia/Jakarta")

    def test_it_answers_404_for_another_office(self) -> None:
        self.client.force_login(self.outsider)
        for name in ("planning:compliance", "planning:compliance_xlsx"):
            self.assertEqual(self.client.get(reverse(name, kwargs={"pk": self.version.pk})).status_code, 404)

    def test_it_needs_the_same_queries_on_the_page_for_3_cases_and_13(self) -> None:
        self.client.force_login(self.subsection_head)
        url = reverse("planning:compliance", kwargs={"pk": self.version.pk})
        # session, user, person, version, hours, special days, cases, steps, tasks, requests to the divisions,
        # nav positions
        with self.assertNumQueries(11) as few:
            self.client.get(url, {"year": 2025})
        for day in range(10):
            self.finish_quickly(self.start(dt.datetime(2025, 5, 19, 8, 0, tzinfo=START.tzinfo)
                                           + dt.timedelta(days=day % 4)))
        with self.assertNumQueries(len(few.captured_queries)):
            self.client.get(url, {"year": 2025})

    def test_it_draws_a_case_against_its_plan(self) -> None:
        svg = case_gantt_svg(self.second, now=NOW)
        # Six planned bars, and five rounds: steps 1, 2, 3 (twice) and 4 (returned, then open).
        self.assertEqual(svg.count('fill-opacity="0.45"'), 6)
        self.assertEqual(svg.count("<title>Putaran"), 6)
        self.assertIn('fill="#c62828"', svg)  # step 1 was late
        self.assertIn('fill="#8e6c00"', svg)  # step 4 sent the work back
        self.assertIn('fill="#f0a202"', svg)  # step 4 is open again
        self.assertIn('stroke="#1565c0" stroke-width="1.5" stroke-dasharray', svg)  # the line of now

    def test_it_formats_working_time(self) -> None:
        day = int(8.5 * 3600)
        seconds = (None, 60, 1830, 3600, 5400, day, 3 * day)
        with translation.override("id"):
            self.assertEqual([duration_text(s, day) for s in seconds],
                             ["–", "1 menit", "30 menit", "1,0 jam", "1,5 jam", "1,0 hari", "3,0 hari"])
        with translation.override("en"):
            self.assertEqual([duration_text(s, day) for s in seconds],
                             ["–", "1 minute", "30 minutes", "1.0 hour", "1.5 hours", "1.0 day", "3.0 days"])
        self.assertEqual(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9)
        self.assertEqual(percentile([7], 0.9), 7)


class DivisionDeliveryTestCase(WorkflowTestCase):
    """Per division, how it delivered what step 3 asked of it: on time, late, never (the step completed
    without it), still awaited; cancelled requests left out. The page, the JSON, the table and the XLSX."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        d = cls.built.divisions
        # Case 1 (March): four divisions asked by Wednesday noon; the first answers on Tuesday, the second on
        # Thursday (late), the third never: step 3 is completed without it. The fourth is asked in case 2.
        first = cls.start(START)
        step3 = cls.to_step3(first)
        actions.send_division_requests(step3.pk, user=cls.staff, divisions=d[:3], what="Realisasi", due_at=at(26, 12),
                                       at=at(24, 9))
        requests = list(step3.requests.order_by("division__pk"))
        actions.answer_request(requests[0].pk, user=cls.contacts[0], note="Terlampir", at=at(25, 9))
        actions.answer_request(requests[1].pk, user=cls.contacts[1], note="Menyusul", at=at(27, 14))
        actions.complete_with_missing(step3.pk, user=cls.staff, reason="Tenggat rekap sudah lewat", at=at(31, 9))
        # Case 2: the first and the fourth division asked by 10 April; the case waits for both.
        second = cls.start(at(1, 8, month=4))
        step3 = cls.to_step3(second)
        actions.send_division_requests(step3.pk, user=cls.staff, divisions=[d[0], d[3]], what="Realisasi",
                                       due_at=at(10, 12, month=4), at=at(1, 9, month=4))
        # Case 3: asked, then cancelled with its case: not counted.
        third = cls.start(at(2, 8, month=4))
        step3 = cls.to_step3(third)
        actions.send_division_requests(step3.pk, user=cls.staff, divisions=d[1:2], what="Realisasi",
                                       due_at=at(10, 12, month=4), at=at(2, 9, month=4))
        actions.cancel_case(third.pk, user=cls.secretary, reason="Dobel", at=at(2, 10, month=4))

    @classmethod
    def start(cls, when: dt.datetime) -> Case:
        return start_numbered(cls, when)

    @classmethod
    def to_step3(cls, case: Case):  # type: ignore[no-untyped-def]
        """Steps 1 and 2 a minute apart from the case's start; the open task of step 3."""
        for number, user in ((1, cls.secretary), (2, cls.subsection_head)):
            task = case.tasks.get(step__number=number, status="open")
            actions.complete_task(task.pk, user=user, note="ok", at=case.started_at + dt.timedelta(minutes=number),
                                  **({"next_user": cls.staff} if number == 2 else {}))
        return case.tasks.get(step__number=3, status="open")

    def test_it_counts_each_divisions_answers(self) -> None:
        report = compliance(self.version.sop, 2025, now=at(11, 9, month=4))
        got = {d.name: (d.requested, d.on_time, d.late, d.unanswered, d.waiting, d.overdue) for d in report.divisions}
        names = [u.name for u in self.built.divisions]
        self.assertEqual(got, {names[0]: (2, 1, 0, 0, 1, 1), names[1]: (1, 0, 1, 0, 0, 0), names[2]: (1, 0, 0, 1, 0, 0),
                               names[3]: (1, 0, 0, 0, 1, 1)})
        self.assertEqual([d.name for d in report.divisions], names)  # in the order of the units
        first = report.divisions[0]
        self.assertEqual(first.on_time_share, 1.0)  # the awaited one is not settled yet
        self.assertEqual(report.divisions[1].on_time_share, 0.0)
        self.assertIsNone(report.divisions[3].on_time_share)
        # Monday 09:00 to Tuesday 09:00: one working day (8,5 hours of office time).
        self.assertEqual(first.median_seconds, int(8.5 * 3600))

    def test_the_page_json_table_and_xlsx_show_them(self) -> None:
        names = [u.name for u in self.built.divisions]
        self.client.force_login(self.subsection_head)
        page = self.client.get(reverse("planning:compliance", kwargs={"pk": self.version.pk}) + "?year=2025")
        self.assertContains(page, "Data dari bidang")
        html = page.content.decode()
        section = html[html.index('id="divisions"'):]
        for name in names:
            self.assertIn(name, section)
        out = StringIO()
        path = Path(self.enterContext(tempfile.TemporaryDirectory())) / "kepatuhan.xlsx"
        call_command("sop", "compliance", str(self.version.pk), "--year", "2025", "--json", "--xlsx", str(path),
                     stdout=out)
        data = json.loads(out.getvalue())
        self.assertEqual([(d["name"], d["requested"], d["late"], d["unanswered"]) for d in data["divisions"]],
                         [(names[0], 2, 0, 0), (names[1], 1, 1, 0), (names[2], 1, 0, 1), (names[3], 1, 0, 0)])
        sheet = load_workbook(path)["Bidang"]
        header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "Bidang")
        self.assertEqual([sheet.cell(header + 2, c).value for c in range(1, 6)], [names[1], 1, 0, 1, 0])
        self.assertEqual(sheet.cell(header + 1, 8).number_format, "0.0%")
        out = StringIO()
        call_command("sop", "compliance", str(self.version.pk), "--year", "2025", stdout=out)
        self.assertIn("Tidak pernah dijawab", out.getvalue())
        self.assertIn(names[2], out.getvalue())  # whole, however long


class VersionsTestCase(WorkflowTestCase):
    """Version 2 of the seed shortens step 3 to 2 hari and lengthens step 5 to 2 hari. A case of version 1
    took 3 working days at step 3 (on time against its 5 hari) and waits at step 5; a case of version 2
    took about a day and a half at step 3 (on time against its 2 hari) and waits at step 4. Each is judged
    against its own version's standard, and the report says the standards differ."""

    def setUp(self) -> None:
        super().setUp()
        old = actions.start_case(self.version.pk, user=self.secretary, title="Data Kinerja TW I", period="TW I 2025",
                                 at=START)
        self.finish(old, {1: at(24, 8, 1), 2: at(24, 8, 2), 3: at(27, 8, 2), 4: at(27, 8, 10)})
        SopVersion.objects.filter(pk=self.version.pk).update(status=SopVersion.Status.SUPERSEDED)
        self.newer = build_seed_sop(self.built, version=2, sop=self.version.sop)
        self.newer.steps.filter(number__in=[3, 5]).update(duration_value=Decimal(2))
        new = actions.start_case(self.newer.pk, user=self.secretary, title="Data Kinerja TW II", period="TW II 2025",
                                 at=at(24, 10))
        self.finish(new, {1: at(24, 10, 1), 2: at(24, 10, 2), 3: at(25, 14)})

    def finish(self, case: Case, when: dict[int, dt.datetime]) -> None:
        users = {1: self.secretary, 2: self.subsection_head, 3: self.staff, 4: self.subsection_head}
        for number, moment in when.items():
            task = case.tasks.get(step__number=number, status="open")
            actions.complete_task(task.pk, user=users[number], note="ok", at=moment,
                                  **({"next_user": self.staff} if number == 2 else {}))

    def test_each_case_is_judged_against_its_own_version(self) -> None:
        report = compliance(self.version.sop, 2025, now=at(26, 9))
        step1, step3, step5 = report.steps[0], report.steps[2], report.steps[4]
        self.assertFalse(step1.versions_differ)
        self.assertEqual((step1.standard, step1.standard_shown), ("2 menit", "2 menit"))
        self.assertTrue(step3.versions_differ)
        self.assertEqual((step3.standard, step3.standard_seconds), ("berbeda per versi", None))
        self.assertEqual([(v.version, v.standard, v.runs, v.on_time) for v in step3.by_version],
                         [(1, "5 hari", 1, 1), (2, "2 hari", 1, 1)])
        self.assertEqual(step3.standard_shown, "berbeda per versi (v1: 5 hari; v2: 2 hari)")
        self.assertEqual((step3.runs, step3.on_time), (2, 2))
        # 3 of 5 days, and 12,47 hours of 17 (Monday 10:02 to 16:00, Tuesday 07:30 to 14:00): both under the
        # standard of their version (against version 2's 2 hari the first would read 1,5×).
        self.assertAlmostEqual(step3.p90_ratio, 12.4667 / 17, places=3)
        self.assertAlmostEqual(step3.median_ratio, (0.6 + 12.4667 / 17) / 2, places=3)
        # Step 5: only the case of version 1 reached it, so its standard is version 1's, and says so.
        self.assertTrue(step5.versions_differ)
        self.assertEqual((step5.standard, step5.standard_shown, step5.waiting), ("1 hari", "v1: 1 hari", 1))

    def test_the_page_table_json_and_xlsx_say_the_versions_differ(self) -> None:
        self.client.force_login(self.subsection_head)
        page = self.client.get(reverse("planning:compliance", kwargs={"pk": self.newer.pk}), {"year": 2025})
        self.assertContains(page, "berbeda per versi")
        self.assertContains(page, "v1: 5 hari")
        self.assertContains(page, "dinilai terhadap waktu baku versinya sendiri")
        out = StringIO()
        call_command("sop", "compliance", str(self.newer.pk), "--year", "2025", stdout=out)
        self.assertIn("berbeda per versi (v1: 5 hari; v2: 2 hari)", out.getvalue())
        out = StringIO()
        path = Path(self.enterContext(tempfile.TemporaryDirectory())) / "kepatuhan.xlsx"
        call_command("sop", "compliance", str(self.newer.pk), "--year", "2025", "--json", "--xlsx", str(path),
                     stdout=out)
        step3 = json.loads(out.getvalue())["steps"][2]
        self.assertEqual([(v["version"], v["standard"]) for v in step3["by_version"]], [(1, "5 hari"), (2, "2 hari")])
        self.assertIsNone(step3["standard_seconds"])
        sheet = load_workbook(path).active
        header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "No.")
        self.assertEqual([sheet.cell(header + 3, c).value for c in (4, 5)],
                         ["berbeda per versi (v1: 5 hari; v2: 2 hari)", None])
        self.assertTrue(sheet.cell(header + 3, 4).alignment.wrap_text)
