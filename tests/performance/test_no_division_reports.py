"""Indicators without a responsible division (entered by the Subbag Program) in what is compiled from the data:
the dashboard, its charts and the report's PDF, XLSX and DOCX list each of them once, beside the division's own,
counted once, and the documents compile."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import docx
import openpyxl
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.performance import charts
from kinerja.performance.models import Objective
from kinerja.performance.renderers import docx as docx_renderer
from kinerja.performance.renderers import pdf, xlsx
from kinerja.performance.report import build_report, compile_report
from tests.base import TODAY, KinerjaTestCase

from .test_report_build import actual, add_indicator, target
from .test_report_evidence import evidence
from .test_report_render import pdf_text

D = Decimal


def own_and_orphan(cls: type[KinerjaTestCase]) -> list[object]:
    """IK-01 of the office's first division (cls.own, cls.division) and IK-07 of none (cls.orphan), with their
    2025 targets; their first-quarter actuals are returned."""
    objective = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya kualitas koperasi",
                                         order=1, plan_start_year=2021, plan_end_year=2026)
    cls.division = cls.built.divisions[0]
    cls.own = add_indicator(objective, "IK-01", "Persentase koperasi aktif")
    cls.own.division = cls.division
    cls.own.save()
    cls.orphan = add_indicator(objective, "IK-07", "Jumlah koperasi sehat", "unit")
    figures = []
    for indicator, goal, got in ((cls.own, D("80"), D("72.5")), (cls.orphan, D("40"), D("38"))):
        target(indicator, 2025, goal)
        figures.append(actual(indicator, 2025, got, quarter=1))
    return figures


class NoDivisionReportTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for figure, code, sha in zip(own_and_orphan(cls), ("IK-01", "IK-07"), ("11", "77"), strict=True):
            evidence(figure, f"bukti {code}.pdf", user=cls.staff, sha256=sha * 32)

    def report(self):  # type: ignore[no-untyped-def]
        return build_report(self.office, 2025, 1, made_on=TODAY)

    def test_the_report_has_each_once_and_averages_both(self) -> None:
        report = self.report()
        self.assertEqual([(i.code, i.division) for i in report.indicators],
                         [("IK-01", "Bidang Kelembagaan"), ("IK-07", "")])
        self.assertEqual(report.objectives[0].achievement, D("92.81"))  # (90,63 + 95,00) / 2
        self.assertEqual([e["indicator"] for e in report.to_json()["evidence"]], ["IK-01", "IK-07"])

    def test_the_dashboard_lists_and_counts_each_once(self) -> None:
        self.client.force_login(self.subsection_head)
        page = self.client.get("/data/dashboard/?year=2025&quarter=1").content.decode()
        self.assertEqual((page.count('<td class="ind-code">IK-07</td>'), page.count('<td class="ind-code">IK-01</td>')),
                         (1, 1))
        counts = re.search(r'<ul class="plain counts">(.*?)</ul>', page, re.S)
        assert counts is not None
        self.assertEqual(sum(int(n) for n in re.findall(r"<strong>(\d+)</strong>", counts.group(1))), 2)
        self.assertIn("92,81%", page)
        # A division's own page leaves it out; "All divisions" has it.
        page = self.client.get(f"/data/dashboard/?year=2025&quarter=1&division={self.division.pk}").content.decode()
        self.assertIn('<td class="ind-code">IK-01</td>', page)
        self.assertFalse('<td class="ind-code">IK-07</td>' in page or "<dt>IK-07</dt>" in page)

    def test_the_dashboard_filters_the_indicators_of_no_division(self) -> None:
        self.client.force_login(self.subsection_head)
        page = self.client.get("/data/dashboard/?year=2025&quarter=1&division=none").content.decode()
        self.assertIn('<option value="none" selected>Tanpa bidang</option>', page)
        self.assertIn('<td class="ind-code">IK-07</td>', page)
        self.assertNotIn('<td class="ind-code">IK-01</td>', page)
        self.assertIn("95,00%", page)  # its Sasaran's average is its own
        page = self.client.get("/data/dashboard/?year=2025&quarter=1").content.decode()
        self.assertIn('<option value="none">Tanpa bidang</option>', page)
        self.orphan.division = self.division
        self.orphan.save()
        page = self.client.get("/data/dashboard/?year=2025&quarter=1&division=none").content.decode()
        self.assertIn("Setiap indikator periode ini sudah memiliki bidang penanggung jawab.", page)

    def test_the_no_division_filter_needs_the_same_queries_for_1_or_20_indicators(self) -> None:
        self.client.force_login(self.subsection_head)
        url = "/data/dashboard/?year=2025&quarter=1&division=none"
        self.client.get(url)  # warm the session and the content types
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        objective = self.orphan.objective
        for n in range(20):
            extra = add_indicator(objective, f"IK-X{n:02d}", f"Tambahan {n}")
            target(extra, 2025, D("10"))
            actual(extra, 2025, D("9"), quarter=1)
        with self.assertNumQueries(len(few.captured_queries)):
            page = self.client.get(url).content.decode()
        self.assertIn("Tambahan 19", page)

    def test_the_charts_draw_it_once(self) -> None:
        report = self.report()
        self.assertEqual(charts.indicator_key(report), [("IK-01", "Persentase koperasi aktif"),
                                                        ("IK-07", "Jumlah koperasi sehat")])
        drawn = charts.target_vs_actual(report)
        self.assertEqual(drawn.count(">IK-07<"), drawn.count(">IK-01<"))
        self.assertGreaterEqual(drawn.count(">IK-07<"), 1)

    def test_the_pdf_has_it_in_each_section_as_the_divisions_own(self) -> None:
        text = pdf_text(pdf.render(self.report()))
        self.assertEqual(text.count("IK-07 Jumlah koperasi sehat"), text.count("IK-01 Persentase koperasi aktif"))
        self.assertEqual(text.count("IK-07"), 4)  # the table, the comparison, the annex heading and its file
        self.assertRegex(text, r"bukti IK-07\.pdf · Triwulan I · – · Contoh Staf")
        # Its files are the Subbag Program's, not a division's: the annex does not say the divisions uploaded all.
        self.assertIn("Berkas bukti dukung yang diunggah untuk realisasi", text)

    def test_the_xlsx_has_one_row_per_sheet_with_a_dash_for_its_division(self) -> None:
        book = openpyxl.load_workbook(io.BytesIO(xlsx.render(self.report())))
        for title, code_column in (("Capaian", 2), ("Perbandingan", 2), ("Bukti Dukung", 2)):
            codes = [row[code_column - 1] for row in book[title].iter_rows(values_only=True)
                     if row[code_column - 1] in ("IK-01", "IK-07")]
            self.assertEqual(codes, ["IK-01", "IK-07"], title)
        row = next(r for r in book["Capaian"].iter_rows(values_only=True) if r[1] == "IK-07")
        # "–" where there is no division, as the PDF and the DOCX print it (an empty cell reads as forgotten).
        self.assertEqual((row[0], row[6], row[7], row[8], row[-1]), (2, 40, 38, 95, "–"))
        annex = next(r for r in book["Bukti Dukung"].iter_rows(values_only=True) if r[1] == "IK-07")
        self.assertEqual((annex[4], annex[6]), ("bukti IK-07.pdf", "–"))

    def test_the_docx_has_it_in_each_table(self) -> None:
        document = docx.Document(io.BytesIO(docx_renderer.render(self.report())))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        named = [c for c in cells if "Jumlah koperasi sehat" in c]
        self.assertEqual(len(named), len([c for c in cells if "Persentase koperasi aktif" in c]))
        self.assertGreaterEqual(len(named), 2)
        self.assertIn("bukti IK-07.pdf", cells)
        text = "\n".join(p.text for p in document.paragraphs)
        self.assertIn("Berkas bukti dukung yang diunggah untuk realisasi", text)

    def test_it_compiles_and_downloads_in_each_format(self) -> None:
        version = compile_report(self.office, 2025, 1, user=self.subsection_head)
        self.assertEqual([e["indicator"] for e in version.data["evidence"]], ["IK-01", "IK-07"])
        self.client.force_login(self.subsection_head)
        for fmt in ("pdf", "xlsx", "docx"):
            self.assertEqual(self.client.get(f"/data/reports/2025.{fmt}?quarter=1").status_code, 200, fmt)
            stored = self.client.get(f"/data/reports/versions/{version.pk}/{fmt}/")
            self.assertEqual(stored.status_code, 200, fmt)
            self.assertGreater(len(b"".join(stored.streaming_content)), 1000, fmt)
