"""The Data Kinerja of a seventh new user's office, built from its own files (a Perjanjian Kinerja with an
indicator in Rp and one with a target of 0, and the realisasi) and read back from the PDF and the DOCX."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import docx
import openpyxl
from django.utils import translation
from openpyxl import Workbook

from kinerja.performance.importer import import_file
from kinerja.performance.renderers import docx as docx_renderer
from kinerja.performance.renderers import pdf, xlsx
from kinerja.performance.report import build_report
from tests.base import KinerjaTestCase
from tests.performance.test_report_render import pdf_text

SASARAN = "Meningkatnya tertib niaga dan investasi"


class TryoutReportTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        folder = Path(tempfile.mkdtemp(prefix="perf-report-tryout7-"))
        self.enterContext(translation.override("en"))
        book = Workbook()
        sheet = book.active
        sheet.append(["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi"])
        sheet.append(["IK-01", SASARAN, "Nilai investasi industri", "Rp", "Positif", "Rp 12.500.000.000",
                      "Rp 13.125.000.000,50"])
        sheet.append(["IK-02", SASARAN, "Jumlah pelaku usaha yang melanggar tertib ukur", "orang", "Negatif", "0", "3"])
        sheet.append(["IK-03", SASARAN, "Jumlah pasar rakyat yang direvitalisasi", "pasar", "Positif", "0", "2"])
        sheet.append(["IK-04", SASARAN, "Persentase fluktuasi harga bahan pokok", "%", "Negatif", "7,5", "9"])
        book.save(folder / "pk.xlsx")
        import_file(folder / "pk.xlsx", self.office, 2027)
        self.report = build_report(self.office, 2027)

    def test_the_pdf_legend_says_how_a_zero_target_is_counted_as_its_rows_show(self) -> None:
        text = " ".join(pdf_text(pdf.render(self.report)).split())
        self.assertIn("orang 0 3 0,00% Sangat", text)  # the violators' row: target 0 missed (Sangat Rendah)
        self.assertIn("pasar 0 2 100,00% Sangat Tinggi", text)  # the markets' row: target 0 met
        self.assertNotIn("Target nol, target kosong atau target teks: tanpa persentase", text)
        self.assertIn("Target nol: 100% bila tercapai, 0% bila tidak", text)

    def test_the_docx_writes_rupiah_before_the_amount(self) -> None:
        document = docx.Document(io.BytesIO(docx_renderer.render(self.report)))
        paragraph = next(p.text for p in document.paragraphs if "Nilai investasi industri" in p.text)
        self.assertIn("dengan realisasi Rp13.125.000.000,50 dari target Rp12.500.000.000.", paragraph)
        self.assertNotIn(" Rp", paragraph.replace("realisasi Rp", "").replace("target Rp", ""))
        violators = next(p.text for p in document.paragraphs if "tertib ukur" in p.text)
        self.assertIn("realisasi 3 orang dari target 0 orang", violators)

    def test_a_row_prints_its_target_and_actual_with_the_same_decimals(self) -> None:
        # Target 7,5 and actual 9 of one indicator printed "7,50" beside "9": read as two kinds of figure.
        text = " ".join(pdf_text(pdf.render(self.report)).split())
        self.assertIn("% 7,50 9,00 80,00%", text)
        # A whole target prints as entered beside a decimal actual (test_report_whole_target.py).
        self.assertIn("Rp 12.500.000.000 13.125.000.000,50 105,00%", text)
        self.assertIn("orang 0 3 0,00%", text)  # whole numbers stay whole
        document = docx.Document(io.BytesIO(docx_renderer.render(self.report)))
        cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
        self.assertIn(["7,50", "9,00"], [row[4:6] for row in cells if len(row) > 5])
        paragraph = next(p.text for p in document.paragraphs if "fluktuasi" in p.text)
        self.assertIn("realisasi 9,00% dari target 7,50%", paragraph)
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.render(self.report)))["Capaian"]
        row = next(r for r in sheet.iter_rows(min_row=5) if r[1].value == "IK-04")
        self.assertEqual((row[6].value, row[7].value), (7.5, 9))
        self.assertEqual((row[6].number_format, row[7].number_format), ("#,##0.00", "#,##0.00"))
