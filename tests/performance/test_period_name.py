"""One spelling of a period (models.period_name): "Triwulan IV 2025", "s.d. Triwulan IV 2025" where the
figures are added up from Triwulan I (the report of a quarter), "Tahun 2025"; the input form, the history
page, the report and its evidence annex all spell it so."""

from __future__ import annotations

from django.test import SimpleTestCase

from kinerja.performance.cards import Period
from kinerja.performance.models import period_name, quarter_name
from kinerja.performance.report import ReportData

from .test_report_render import sample_report


class PeriodNameTestCase(SimpleTestCase):
    def test_the_official_spelling(self) -> None:
        self.assertEqual([quarter_name(q) for q in range(1, 5)],
                         ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"])
        self.assertEqual(period_name(2025, 4), "Triwulan IV 2025")
        self.assertEqual(period_name(2025, 2, cumulative=True), "s.d. Triwulan II 2025")
        self.assertEqual(period_name(2025, None), "Tahun 2025")
        self.assertEqual(period_name(2025, None, cumulative=True), "Tahun 2025")

    def test_the_input_form_and_the_report_use_it(self) -> None:
        self.assertEqual(Period(2025, 3).label, "Triwulan III 2025")
        self.assertEqual(Period(2025, 0).label, "Tahun 2025")
        report: ReportData = sample_report()
        report.quarter = 4
        self.assertEqual(report.period, "s.d. Triwulan IV 2025")  # figures added up from Triwulan I

    def test_inside_a_sentence_a_quarter_keeps_its_capitals(self) -> None:
        """The DOCX's running text lowered the whole period ("s.d. triwulan iv 2025"): only the year is a common noun
        there; Triwulan IV is a name, in the DOCX as in the PDF and XLSX."""
        import io
        import zipfile

        import docx
        from openpyxl import load_workbook

        from kinerja.performance.models import period_phrase
        from kinerja.performance.renderers import docx as docx_renderer
        from kinerja.performance.renderers import xlsx as xlsx_renderer

        self.assertEqual(period_phrase(2026, 4, cumulative=True), "s.d. Triwulan IV 2026")
        self.assertEqual(period_phrase(2026, 1), "Triwulan I 2026")
        self.assertEqual(period_phrase(2025, None), "tahun 2025")
        report: ReportData = sample_report()
        report.year, report.quarter = 2026, 4
        rendered = docx_renderer.render(report)
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(rendered)).paragraphs)
        self.assertIn("Capaian indikator Persentase koperasi aktif s.d. Triwulan IV 2026 sebesar 90,63%", text)
        self.assertIn("Capaian sasaran Meningkatnya kualitas koperasi s.d. Triwulan IV 2026 sebesar", text)
        with zipfile.ZipFile(io.BytesIO(rendered)) as z:
            xml = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
        self.assertNotIn("triwulan iv", xml)
        cells = [str(c.value) for s in load_workbook(io.BytesIO(xlsx_renderer.render(report))).worksheets
                 for row in s.iter_rows() for c in row if c.value]
        self.assertIn("s.d. Triwulan IV 2026", cells)
        self.assertFalse([c for c in cells if "triwulan iv" in c])
        report.quarter = None
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(docx_renderer.render(report))).paragraphs)
        self.assertIn("Capaian indikator Persentase koperasi aktif tahun 2026 sebesar", text)
