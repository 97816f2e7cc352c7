"""The Data Kinerja of a seventh new user's office, built from its own files (a Perjanjian Kinerja with an
indicator in Rp and one with a target of 0, and the realisasi) and read back from the PDF and the DOCX."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import docx
from django.utils import translation
from openpyxl import Workbook

from kinerja.performance.importer import import_file
from kinerja.performance.renderers import docx as docx_renderer
from kinerja.performance.renderers import pdf
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
