"""The target column of a quarterly Data Kinerja (PDF, XLSX, DOCX): the quarter's target where the indicator
has one (the quarters' targets added up for a count, as its realisasi are), never the year's; where it has
only the annual target, that one, labelled "tahunan" (in the XLSX, whose cell stays a number, in the
Keterangan); the check page labels it as the input page does."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import openpyxl
from django.template.loader import render_to_string

from kinerja.performance.models import Actual, Indicator, Objective, Target
from kinerja.performance.renderers import docx as docx_renderer
from kinerja.performance.renderers import pdf, xlsx
from kinerja.performance.report import build_report
from tests.base import TODAY, KinerjaTestCase

D = Decimal


class QuarterTargetColumnTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        objective = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya koperasi sehat",
                                             plan_start_year=2021, plan_end_year=2026)
        # A rate with its quarter targets: TW II's is 57,6 of the year's 60.
        cls.rate = Indicator.objects.create(office=objective.office, objective=objective, code="IK-08", order=1,
                                            name="Persentase koperasi sehat", unit="%")
        Target.objects.create(indicator=cls.rate, year=2025, kind="agreement", value_number=D(60))
        for q, v in ((1, D("55.8")), (2, D("57.6"))):
            Target.objects.create(indicator=cls.rate, year=2025, kind="quarter", quarter=q, value_number=v)
            Actual.objects.create(indicator=cls.rate, year=2025, quarter=q, value_number=v + 1, status="submitted")
        # A rate with only the year's target, 80, measured by the quarters.
        cls.yearly = Indicator.objects.create(office=objective.office, objective=objective, code="IK-09", order=2,
                                              name="Persentase UMKM naik kelas", unit="%")
        Target.objects.create(indicator=cls.yearly, year=2025, kind="agreement", value_number=D(80))
        Actual.objects.create(indicator=cls.yearly, year=2025, quarter=2, value_number=D(78), status="submitted")

    def setUp(self) -> None:
        super().setUp()
        self.report = build_report(self.office, 2025, 2, made_on=TODAY)

    def test_the_rows_hold_the_quarter_s_target_and_say_which_is_the_year_s(self) -> None:
        rows = {i.code: i for i in self.report.indicators}
        self.assertEqual((rows["IK-08"].target, rows["IK-08"].target_annual), (D("57.6"), False))
        self.assertEqual((rows["IK-09"].target, rows["IK-09"].target_annual), (D(80), True))
        year = {i.code: i for i in build_report(self.office, 2025, made_on=TODAY).indicators}
        self.assertEqual((year["IK-09"].target, year["IK-09"].target_annual), (D(80), False))  # the year: no label

    def test_the_pdf_prints_the_quarter_s_target_and_labels_the_year_s(self) -> None:
        context = pdf.context(self.report, main_only=True)
        rows = {r["row"].code: r for r in context["objectives"][0]["rows"]}
        self.assertEqual((rows["IK-08"]["target"], rows["IK-08"]["target_label"]), ("57,60", ""))
        self.assertEqual((rows["IK-09"]["target"], rows["IK-09"]["target_label"]), ("80", "tahunan"))
        html = render_to_string("performance/reports/report_pdf.html", context)
        self.assertIn('80<br><span class="target-label">tahunan</span>', html)
        self.assertIn("Target bertanda", html)
        self.assertNotIn(">60<", html)  # the year's target of IK-08 is not printed

    def test_the_xlsx_keeps_the_number_and_says_it_in_the_keterangan(self) -> None:
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.render(self.report)))["Capaian"]
        rows = {sheet.cell(r, 2).value: r for r in range(5, sheet.max_row + 1)}
        self.assertEqual(sheet.cell(rows["IK-08"], 7).value, 57.6)
        self.assertEqual(sheet.cell(rows["IK-09"], 7).value, 80)
        self.assertIn("Target tahunan", sheet.cell(rows["IK-09"], 11).value)
        self.assertNotIn("Target tahunan", sheet.cell(rows["IK-08"], 11).value or "")

    def test_the_docx_prints_the_label_under_the_year_s_target(self) -> None:
        document = docx.Document(io.BytesIO(docx_renderer.render(self.report)))
        table = document.tables[0]
        cells = {row.cells[2].text: row.cells[4].text for row in table.rows[1:]}
        self.assertEqual(cells["Persentase koperasi sehat"], "57,60")
        self.assertEqual(cells["Persentase UMKM naik kelas"], "80\n(tahunan)")

    def test_the_check_page_labels_the_year_s_target_as_the_input_page_does(self) -> None:
        self.client.force_login(self.subsection_head)
        page = self.client.get("/data/check/", {"year": 2025, "quarter": 2}).content.decode()
        cards = {code: page[page.index(f"<h2>{code} "):] for code in ("IK-08", "IK-09")}
        label = "(target tahunan; tidak ada target triwulan)"
        self.assertIn(label, cards["IK-09"][:cards["IK-09"].index("</article>")])
        self.assertNotIn(label, cards["IK-08"][:cards["IK-08"].index("</article>")])
        self.assertIn("<strong>57,60</strong>", page)  # IK-08 against its quarter's target
