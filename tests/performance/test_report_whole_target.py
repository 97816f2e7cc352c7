"""A whole-number target beside a decimal realisasi: the printed Data Kinerja (PDF, DOCX, XLSX) prints the
target as it was entered ("4"), the realisasi with its own decimals ("3,75"), not the target as "4,00"."""

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

SASARAN = "Meningkatnya kualitas pelayanan perizinan"


class WholeTargetTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        folder = Path(tempfile.mkdtemp(prefix="perf-whole-target-"))
        self.enterContext(translation.override("en"))
        book = Workbook()
        sheet = book.active
        sheet.append(["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi"])
        sheet.append(["IK-01", SASARAN, "Indeks kepuasan pelaku usaha", "indeks", "Positif", "4", "3,75"])
        sheet.append(["IK-02", SASARAN, "Persentase izin terbit tepat waktu", "%", "Positif", "7,5", "9"])
        book.save(folder / "pk.xlsx")
        import_file(folder / "pk.xlsx", self.office, 2027)
        self.report = build_report(self.office, 2027)

    def test_the_pdf_prints_a_whole_target_whole_beside_a_decimal_actual(self) -> None:
        text = " ".join(pdf_text(pdf.render(self.report)).split())
        self.assertIn("indeks 4 3,75 93,75%", text)
        self.assertNotIn("4,00", text)
        self.assertIn("% 7,50 9,00 120,00%", text)  # a decimal target still shares the actual's decimals

    def test_the_docx_prints_a_whole_target_whole_in_the_table_and_the_text(self) -> None:
        document = docx.Document(io.BytesIO(docx_renderer.render(self.report)))
        cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
        self.assertIn(["4", "3,75"], [row[4:6] for row in cells if len(row) > 5])
        self.assertIn(["7,50", "9,00"], [row[4:6] for row in cells if len(row) > 5])
        paragraph = next(p.text for p in document.paragraphs if "kepuasan" in p.text)
        self.assertIn("realisasi 3,75 indeks dari target 4 indeks", paragraph)

    def test_the_xlsx_formats_a_whole_target_without_decimals(self) -> None:
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.render(self.report)))["Capaian"]
        row = next(r for r in sheet.iter_rows(min_row=5) if r[1].value == "IK-01")
        self.assertEqual((row[6].value, row[7].value), (4, 3.75))
        self.assertEqual((row[6].number_format, row[7].number_format), ("#,##0", "#,##0.00"))
