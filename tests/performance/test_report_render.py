"""The report renderers read back: the XLSX with openpyxl, the PDF with pdftotext, the DOCX with
python-docx. The report is a plain ReportData here (no database), with each difficult kind of indicator:
positive and negative polarity, a zero target, a text target and one without an actual."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import openpyxl
from django.test import SimpleTestCase
from docx.enum.section import WD_ORIENT

from kinerja.performance.renderers import docx as docx_renderer
from kinerja.performance.renderers import pdf, xlsx
from kinerja.performance.report import (
    Approver,
    BudgetRow,
    EvidenceRow,
    IndicatorRow,
    ObjectiveRow,
    ReportData,
    YearValue,
)

D = Decimal
WIB = ZoneInfo("Asia/Jakarta")
# Two files for IK-01 (a quarter's and the year's, the file name long and without a space), one for IK-03.
EVIDENCE = {
    "IK-01": [EvidenceRow("Laporan_RAT_koperasi_aktif_triwulan_II_2025_final_revisi_ttd_kabid.pdf", 2,
                          "Bidang Kelembagaan", "Rina Wulandari", dt.datetime(2025, 7, 3, 9, 15, tzinfo=WIB), 1_310_720,
                          "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
              EvidenceRow("rekap-koperasi-aktif.xlsx", None, "Bidang Kelembagaan", "Rina Wulandari",
                          dt.datetime(2026, 1, 8, 14, 30, tzinfo=WIB), 12_700,
                          "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752")],
    "IK-03": [EvidenceRow("SK UMKM naik kelas.pdf", None, "Bidang UMKM", "Budi Santoso",
                          dt.datetime(2026, 1, 9, 8, 5, tzinfo=WIB), 850,
                          "fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13")],
}


def sample_report(extra: int = 0) -> ReportData:
    """A report of the kind the demo office makes; `extra` adds that many plain indicators."""
    s1 = [
        IndicatorRow("IK-01", "Meningkatnya kualitas koperasi", "Persentase koperasi aktif", "%", False,
                     D("80"), D("72.5"), D("90.63"), "Tinggi", division="Bidang Kelembagaan",
                     obstacles="Banyak koperasi belum RAT.", solutions="Pendampingan RAT daring.",
                     history=[YearValue(2023, D("70"), D("56"), D("80.00")),
                              YearValue(2024, D("75"), D("63.75"), D("85.00"))]),
        IndicatorRow("IK-02", "Meningkatnya kualitas koperasi", "Jumlah koperasi bermasalah", "unit", True,
                     D("40"), D("30"), D("125.00"), "Sangat Tinggi",
                     history=[YearValue(2023, D("45"), D("50"), D("88.89")), YearValue(2024, D("42"), D("44"), D("95.24"))]),
    ]
    s2 = [
        IndicatorRow("IK-03", "Meningkatnya daya saing UMKM", "Jumlah UMKM naik kelas", "UMKM", False,
                     D("1725.5"), D("1500"), D("86.93"), "Tinggi",
                     history=[YearValue(2023, None, None, None), YearValue(2024, D("1500"), D("1200"), D("80.00"))]),
        IndicatorRow("IK-04", "Meningkatnya daya saing UMKM", "Kasus sengketa UMKM", "kasus", True,
                     D("0"), D("2"), None, None, note="Target nol: capaian tidak dihitung"),
    ]
    s2 += [IndicatorRow(f"IK-{10 + n:02d}", "Meningkatnya daya saing UMKM", f"Indikator tambahan {n + 1}", "%", False,
                        D("100"), D("60"), D("60.00"), "Rendah") for n in range(extra)]
    s3 = [
        IndicatorRow("IK-05", "Akuntabilitas kinerja", "Opini BPK atas laporan keuangan", "opini", False,
                     "WTP", "WTP", None, None, met=True, history=[YearValue(2024, "WTP", "WDP", None, False)]),
        IndicatorRow("IK-06", "Akuntabilitas kinerja", "Nilai SAKIP", "nilai", False, D("70"), None, None, None,
                     note="Belum ada realisasi"),
    ]
    objectives = [
        ObjectiveRow(1, "Meningkatnya kualitas koperasi", s1, D("107.82"), "Sangat Tinggi"),
        ObjectiveRow(2, "Meningkatnya daya saing UMKM", s2, D("86.93") if not extra else D("70.00"), "Tinggi"),
        ObjectiveRow(3, "Akuntabilitas kinerja", s3, None, None),
    ]
    for row in (*s1, *s2, *s3):
        row.evidence = list(EVIDENCE.get(row.code, []))
    budget = [BudgetRow("Program Pemberdayaan Koperasi", D("1250000000"), D("1100000000.50"), D("88.00"),
                        D("107.82"), D("19.82"), True),
              BudgetRow("Program Pengembangan UMKM", D("900000000"), D("0"), D("0.00"), D("86.93"), D("86.93"), True),
              BudgetRow("Program Penunjang Urusan", D("0"), D("0"), None, None, None, None)]
    return ReportData(
        office_code="diskopukm-bdl", office_name="Dinas Koperasi dan UKM Kota Bandar Lampung",
        city="Kota Bandar Lampung", letterhead=["PEMERINTAH KOTA BANDAR LAMPUNG", "DINAS KOPERASI DAN UKM"],
        year=2025, quarter=None, objectives=objectives, budget=budget,
        initials=[Approver("subsection_head", "Kepala Sub Bagian Program, Keuangan dan Aset", "Contoh Kasubbag"),
                  Approver("secretary", "Sekretaris Dinas", "Contoh Sekretaris")],
        signer=Approver("head", "Kepala Dinas Koperasi dan UKM", "Dr. Contoh Kadis", "19750427 200003 2 001"),
        made_on=dt.date(2026, 1, 15), history_years=[2023, 2024], is_demo=True)


def pdf_text(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.pdf"
        path.write_bytes(data)
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                              text=True).stdout


class XlsxTestCase(SimpleTestCase):
    def setUp(self) -> None:
        self.book = openpyxl.load_workbook(io.BytesIO(xlsx.render(sample_report())))
        self.sheet = self.book["Capaian"]
        self.rows = {r[1].value: r for r in self.sheet.iter_rows(min_row=1) if r[1].value}

    def test_it_stores_numbers_as_numbers_with_number_formats(self) -> None:
        row = self.rows["IK-03"]
        target, actual, achievement = row[6], row[7], row[8]
        self.assertEqual(target.value, 1725.5)
        self.assertEqual(actual.value, 1500)
        self.assertEqual(achievement.value, 86.93)
        self.assertEqual(target.number_format, "#,##0.00")
        self.assertEqual(actual.number_format, "#,##0.00")  # 1.500,00 beside its target 1.725,50
        self.assertEqual(achievement.number_format, "#,##0.00")  # 1.250,00 for a far exceeded target

    def test_it_keeps_text_targets_as_text_and_leaves_missing_achievement_empty(self) -> None:
        self.assertEqual(self.rows["IK-05"][6].value, "WTP")
        self.assertIsNone(self.rows["IK-05"][8].value)
        self.assertIn("Tercapai", self.rows["IK-05"][10].value)
        self.assertEqual(self.rows["IK-04"][6].value, 0)
        self.assertIsNone(self.rows["IK-04"][8].value)
        self.assertIn("Target nol", self.rows["IK-04"][10].value)
        self.assertEqual(self.rows["IK-02"][5].value, "Negatif")
        self.assertEqual(self.rows["IK-01"][5].value, "Positif")

    def test_it_never_stores_a_number_as_text(self) -> None:
        for sheet in self.book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        compact = cell.value.replace(".", "").replace(",", "").replace("%", "")
                        self.assertFalse(compact.isdigit(), f"{sheet.title}!{cell.coordinate} = {cell.value!r}")

    def test_it_freezes_the_header_and_prints_on_a4(self) -> None:
        self.assertEqual(self.sheet.freeze_panes, "A5")
        self.assertEqual(int(self.sheet.page_setup.paperSize), 9)  # 9 is A4 in SpreadsheetML
        self.assertEqual(self.sheet.page_setup.orientation, "landscape")
        self.assertEqual(self.sheet.print_title_rows, "$4:$4")

    def test_it_has_the_comparison_and_budget_sheets(self) -> None:
        compare = self.book["Perbandingan"]
        header = [c.value for c in compare[4]]
        self.assertEqual(header[:3], ["No", "Kode", "Indikator"])
        self.assertIn("Capaian 2024 (%)", header)
        ik01 = next(r for r in compare.iter_rows(min_row=5) if r[1].value == "IK-01")
        self.assertEqual(ik01[header.index("Capaian 2024 (%)")].value, 85)
        budget = self.book["Anggaran"]
        first = [c.value for c in budget[5]]
        self.assertEqual(first[1:4], ["Program Pemberdayaan Koperasi", 1250000000, 1100000000.5])
        self.assertEqual(budget.cell(5, 5).number_format, "#,##0.00")


    def test_the_annex_lists_every_file_per_indicator_on_a_sheet_of_its_own(self) -> None:
        sheet = self.book["Bukti Dukung"]
        self.assertEqual(sheet.print_title_rows, "$4:$4")
        header = [c.value for c in sheet[4]]
        self.assertEqual(header, ["No", "Kode", "Sasaran", "Indikator", "Berkas", "Periode", "Bidang", "Diunggah oleh",
                                  "Waktu unggah", "Ukuran (byte)", "SHA-256"])
        rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=5)]
        self.assertEqual([r[1] for r in rows], ["IK-01", "IK-01", "IK-02", "IK-03", "IK-04", "IK-05", "IK-06"])
        first = rows[0]
        self.assertEqual(first[2:], ["S1. Meningkatnya kualitas koperasi", "Persentase koperasi aktif",
                                     EVIDENCE["IK-01"][0].name, "Triwulan II", "Bidang Kelembagaan", "Rina Wulandari",
                                     "03-07-2025 09.15 WIB", 1310720, EVIDENCE["IK-01"][0].sha256])
        self.assertEqual(rows[1][5], "Tahunan")
        self.assertEqual(rows[2][4:], ["Belum ada bukti dukung"] + [None] * 6)


class PdfTestCase(SimpleTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.data = pdf.render(sample_report())
        cls.text = pdf_text(cls.data)

    def test_it_is_an_a4_pdf_with_page_numbers(self) -> None:
        self.assertTrue(self.data.startswith(b"%PDF"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(self.data)
            f.flush()
            info = subprocess.run(["pdfinfo", f.name], check=True, capture_output=True, text=True).stdout
        self.assertIn("(A4)", info)
        self.assertIn("Halaman 2 dari", self.text)

    def test_it_prints_the_cover_and_the_table_the_indonesian_way(self) -> None:
        self.assertIn("DATA KINERJA", self.text)
        self.assertIn("TAHUN 2025", self.text)
        header = next(ln for ln in self.text.splitlines() if ln.strip().startswith("No") and "Sasaran" in ln)
        self.assertEqual(header.split(), ["No", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian",
                                          "Predikat", "Keterangan"])
        self.assertIn("1.725,50", self.text)
        self.assertIn("90,63%", self.text)
        self.assertIn("125,00%", self.text)

    def test_it_shows_zero_and_text_targets_without_a_percentage(self) -> None:
        line = next(ln for ln in self.text.splitlines() if "Kasus sengketa" in ln)
        self.assertIn("–", line)
        self.assertIn("Target nol", self.text)
        wtp = next(ln for ln in self.text.splitlines() if "Opini BPK" in ln and "WTP" in ln)
        self.assertIn("Tercapai", wtp)

    def test_it_has_comparison_budget_obstacles_and_room_for_the_approval_stamps(self) -> None:
        self.assertIn("Perbandingan dengan Tahun Sebelumnya", self.text)
        # A text target's earlier year: met or not, never a percentage.
        before_annex = self.text.split("Lampiran: Daftar Bukti Dukung")[0]
        opinion = [ln for ln in before_annex.splitlines() if "IK-05 Opini BPK" in ln][-1]
        self.assertEqual(opinion.split()[-5:], ["WDP", "Tidak", "tercapai", "WTP", "Tercapai"])
        self.assertIn("85,00%", self.text)
        self.assertIn("2024", self.text)
        self.assertNotIn("2.024", self.text)
        self.assertIn("1.250.000.000", self.text)
        self.assertIn("88,00%", self.text)
        self.assertIn("Efisien", self.text)
        self.assertIn("Pendampingan RAT daring.", self.text)
        # No boxes of its own: kinerja stamps the one initials box and the one signature block where the
        # report reserves their place (tests/correspondence/test_report_print.py).
        self.assertNotIn("Paraf", self.text)
        self.assertNotIn("NIP.", self.text)

    def test_the_annex_lists_every_file_with_its_uploader_time_size_and_hash(self) -> None:
        annex = " ".join(self.text.split("Lampiran: Daftar Bukti Dukung", 1)[1].split())
        for code in ("IK-01", "IK-03"):
            for e in EVIDENCE[code]:
                with self.subTest(e.name):
                    self.assertIn(e.sha256[:16], annex)
                    self.assertNotIn(e.sha256[:17], annex)
        for words in ("rekap-koperasi-aktif.xlsx", "SK UMKM naik kelas.pdf", "Rina Wulandari", "Budi Santoso",
                      "03-07-2025 09.15 WIB", "1,25 MB", "12,4 KB", "850 B", "Triwulan II", "Tahunan",
                      "S1. Meningkatnya kualitas koperasi", "S3. Akuntabilitas kinerja"):
            self.assertIn(words, annex)
        # A file name without spaces breaks inside its cell rather than running into the next one.
        self.assertIn("Laporan_RAT_koperasi", annex)
        self.assertEqual(annex.count("Belum ada bukti dukung"), 4)

    def test_the_annex_starts_a_page_after_the_obstacles(self) -> None:
        pages = self.text.split("\f")
        start = next(k for k, page in enumerate(pages) if "Lampiran: Daftar Bukti Dukung" in page)
        self.assertTrue(pages[start].strip().startswith("Lampiran: Daftar Bukti Dukung"))
        self.assertLess(next(k for k, page in enumerate(pages) if "Kendala dan Solusi" in page), start)

    def test_it_embeds_the_chart(self) -> None:
        self.assertIn("Capaian per Sasaran", self.text)


class PdfLegendTestCase(SimpleTestCase):
    """The legend under section I gives the formula of negative polarity each negative indicator uses
    (Indicator.negative_method), not always the standard one."""

    def legend(self, methods: dict[str, str]) -> str:
        from django.template.loader import render_to_string

        report = sample_report()
        for row in report.indicators:
            if row.code in methods:
                row.negative_method = methods[row.code]
        html = render_to_string("performance/reports/report_pdf.html", pdf.context(report, main_only=True))
        return " ".join(html.split("Predikat: ≥ 91")[1].split("</p>")[0].split())

    def test_the_standard_formula_alone(self) -> None:
        self.assertIn("Polaritas negatif: capaian = (2 × target − realisasi) ÷ target × 100.", self.legend({}))
        self.assertNotIn("target ÷ realisasi", self.legend({}))

    def test_an_office_using_the_ratio_gets_the_ratio(self) -> None:
        legend = self.legend({"IK-02": "ratio", "IK-04": "ratio"})
        self.assertIn("Polaritas negatif: capaian = target ÷ realisasi × 100.", legend)
        self.assertNotIn("2 × target", legend)

    def test_both_formulas_name_their_indicators(self) -> None:
        self.assertIn("Polaritas negatif: capaian = (2 × target − realisasi) ÷ target × 100 (IK-04); "
                      "target ÷ realisasi × 100 (IK-02).", self.legend({"IK-02": "ratio"}))

    def test_no_negative_indicator_no_formula(self) -> None:
        report = sample_report()
        for row in report.indicators:
            row.negative = False
        from django.template.loader import render_to_string

        html = render_to_string("performance/reports/report_pdf.html", pdf.context(report, main_only=True))
        self.assertNotIn("Polaritas negatif:", html)


class DocxTestCase(SimpleTestCase):
    def setUp(self) -> None:
        self.document = docx.Document(io.BytesIO(docx_renderer.render(sample_report())))
        self.text = "\n".join(p.text for p in self.document.paragraphs)

    def test_it_writes_one_paragraph_per_indicator_from_the_data(self) -> None:
        self.assertIn("Capaian indikator Persentase koperasi aktif tahun 2025 sebesar 90,63% (Tinggi), "
                      "naik dari 85,00% pada 2024", self.text)
        self.assertIn("Jumlah koperasi bermasalah", self.text)
        self.assertIn("polaritas negatif", self.text)
        self.assertIn("realisasi 30 unit dari target 40 unit", self.text)

    def test_it_explains_zero_and_text_targets(self) -> None:
        paragraph = next(p.text for p in self.document.paragraphs if "Kasus sengketa" in p.text)
        self.assertIn("tidak dihitung", paragraph)
        wtp = next(p.text for p in self.document.paragraphs if "Opini BPK" in p.text)
        self.assertIn("WTP", wtp)
        self.assertIn("tercapai", wtp)

    def test_the_annex_is_a_landscape_section_with_a_table_per_objective(self) -> None:
        headings = [p.text for p in self.document.paragraphs if p.style.name.startswith("Heading")]
        self.assertIn("Lampiran: Daftar Bukti Dukung", headings)
        annex = self.document.tables[-3:]
        self.assertEqual(self.document.sections[-1].orientation, WD_ORIENT.LANDSCAPE)
        rows = [[c.text.strip() for c in r.cells] for t in annex for r in t.rows[1:]]
        self.assertEqual(rows[0], ["IK-01 Persentase koperasi aktif", EVIDENCE["IK-01"][0].name, "Triwulan II",
                                   "Bidang Kelembagaan", "Rina Wulandari", "03-07-2025 09.15 WIB",
                                   EVIDENCE["IK-01"][0].sha256[:16], "1,25 MB"])
        self.assertEqual(rows[1][1:3], ["rekap-koperasi-aktif.xlsx", "Tahunan"])
        self.assertEqual([r[1] for r in rows].count("Belum ada bukti dukung"), 4)
        self.assertEqual([c.text for c in annex[0].rows[0].cells][:2], ["Indikator", "Berkas"])

    def test_it_is_chapter_three_with_the_tables(self) -> None:
        self.assertTrue(self.document.paragraphs[0].text.startswith("BAB III"))
        self.assertGreaterEqual(len(self.document.tables), 2)
        cells = [c.text for c in self.document.tables[0].rows[0].cells]
        self.assertEqual(cells[:3], ["No", "Sasaran", "Indikator"])
        self.assertIn("90,63", "".join(c.text for r in self.document.tables[0].rows for c in r.cells))
