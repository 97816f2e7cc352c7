"""Two workbooks laid out as a Dinas lays out its own tables, built with openpyxl here: a Diskominfo's Perjanjian
Kinerja with its realisasi per Triwulan (a title over merged cells, No / Sasaran / Indikator / Satuan / Target / Keterangan
merged over two header rows, "Realisasi" merged over Triwulan I … IV, "Target (%)" naming its unit, values typed as
"± 85", "42,5%", "85 persen", "≥ 90"), and a Bappeda's IKU monitoring (the Sasaran as a heading row, no Satuan column
but "Target 2025 (%)", an Arah column, a Keterangan). What must hold: each is read, or refused naming row, column and
value; a cumulative column beside the quarter's own is refused naming both columns; "Tetap" in Arah is refused."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django.test import TestCase
from openpyxl import Workbook
from openpyxl.styles import Font

from kinerja.org import actions as org
from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Actual, Indicator, Target

D = Decimal
LAYANAN = "Meningkatnya kualitas layanan informasi publik"
SPBE = "Meningkatnya tata kelola pemerintahan berbasis elektronik"
OPD = "Persentase OPD yang menyampaikan informasi publik"
ADUAN = "Persentase pengaduan yang ditindaklanjuti"
INDEKS = "Indeks SPBE"
SELARAS = "Persentase keselarasan program RPJMD dan Renja"
REKOMENDASI = "Persentase rekomendasi hasil evaluasi yang belum ditindaklanjuti"


def diskominfo(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "PK 2025"
    sheet.append(["PERJANJIAN KINERJA DAN REALISASI TAHUN 2025"])  # 1
    sheet.merge_cells("A1:J1")
    sheet.append(["DINAS KOMUNIKASI DAN INFORMATIKA KOTA CONTOH"])  # 2
    sheet.merge_cells("A2:J2")
    sheet.append([])  # 3
    sheet.append(["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target (%)", "Realisasi", None, None, None,
                  "Keterangan"])  # 4
    sheet.append([None, None, None, None, None, "Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", None])  # 5
    for column in "ABCDEJ":
        sheet.merge_cells(f"{column}4:{column}5")
    sheet.merge_cells("F4:I4")
    for cell in (*sheet[4], *sheet[5]):
        cell.font = Font(bold=True)
    sheet.append([1, LAYANAN, OPD, "%", "± 85", "20 %", "42,5%", "63", "85 persen", "Data sementara"])  # 6
    sheet.append([2, None, ADUAN, "%", "≥ 90", 88, "90,5", None, None, None])  # 7
    sheet.append([3, SPBE, INDEKS, "indeks", "3,5", None, None, "3,1", None, "Hasil evaluasi KemenPAN-RB"])  # 8
    sheet.merge_cells("B6:B7")  # one Sasaran over its two indicators
    book.save(path)
    return path


def bappeda(path: Path, *, cumulative: bool = False, arah: str = "Menurun") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Monev IKU"
    sheet.append(["MONITORING INDIKATOR KINERJA UTAMA (IKU) BAPPEDA TAHUN 2025"])  # 1
    sheet.append([])  # 2
    extra = ["Realisasi s.d. Triwulan III"] if cumulative else []
    sheet.append(["No", "Indikator Kinerja Utama", "Target 2025 (%)", "Realisasi", None, None, None, *extra, "Arah",
                  "Keterangan"])  # 3
    sheet.append([None, None, None, "Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV",
                  *[None for _ in extra], None, None])  # 4
    sheet.merge_cells("D3:G3")
    width = 9 + len(extra)
    for index in (1, 2, 3, *range(8, width + 1)):
        letter = "ABCDEFGHIJ"[index - 1]
        sheet.merge_cells(f"{letter}3:{letter}4")
    sheet.append(["Sasaran 1: Meningkatnya kualitas perencanaan pembangunan daerah"])  # 5
    sheet.merge_cells(f"A5:{'ABCDEFGHIJ'[width - 1]}5")
    sheet.append([1, SELARAS, "≥ 95", "90", "92,5", "94", None, *(["94"] if cumulative else []), "Meningkat",
                  "Angka sementara"])  # 6
    sheet.append([2, REKOMENDASI, "Maksimal 10 %", None, "12", "9,5", None, *(["9,5"] if cumulative else []), arah,
                  None])  # 7
    book.save(path)
    return path


class DinasLayoutsTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.office = org.create_office(code="kota", name="Pemerintah Kota Contoh", short_name="Kota", city="Contoh")
        org.add_unit(cls.office, "Sekretariat", "secretariat")

    def setUp(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="perf-dinas-"))

    def actuals(self, name: str) -> dict[int | None, Decimal]:
        return dict(Actual.objects.filter(indicator__office=self.office, indicator__name=name, year=2025)
                    .values_list("quarter", "value_number"))

    def test_the_diskominfo_pk_with_its_realisasi_per_triwulan(self) -> None:
        summary = import_file(diskominfo(self.dir / "pk.xlsx"), self.office, 2025)
        self.assertEqual((summary.rows, summary.indicators_created), (3, 3))
        # The estimate is kept as its number, with a warning naming row, column and value.
        self.assertEqual(len(summary.warnings), 1)
        warning = str(summary.warnings[0])
        for part in ("baris 6", "Target (%) (E)", '"± 85" dibaca sebagai 85'):
            self.assertIn(part, warning)
        indicators = {i.name: i for i in Indicator.objects.filter(office=self.office)}
        self.assertEqual({n: (i.unit, i.objective.name) for n, i in indicators.items()},
                         {OPD: ("%", LAYANAN), ADUAN: ("%", LAYANAN), INDEKS: ("indeks", SPBE)})
        self.assertEqual(dict(Target.objects.filter(indicator__office=self.office, year=2025, kind="agreement")
                              .values_list("indicator__name", "value_number")),
                         {OPD: D(85), ADUAN: D(90), INDEKS: D("3.5")})
        self.assertEqual(self.actuals(OPD), {1: D(20), 2: D("42.5"), 3: D(63), 4: D(85)})
        self.assertEqual(self.actuals(ADUAN), {1: D(88), 2: D("90.5")})
        self.assertEqual(self.actuals(INDEKS), {3: D("3.1")})
        self.assertIn("Keterangan (J)", summary.unread_columns)

    def test_the_bappeda_monitoring_takes_its_unit_from_the_target_header(self) -> None:
        summary = import_file(bappeda(self.dir / "monev.xlsx"), self.office, 2025)
        self.assertEqual((summary.rows, summary.warnings), (2, []))
        self.assertEqual(dict(Indicator.objects.filter(office=self.office).values_list("name", "unit")),
                         {SELARAS: "%", REKOMENDASI: "%"})
        self.assertEqual(dict(Indicator.objects.filter(office=self.office).values_list("name", "polarity")),
                         {SELARAS: Indicator.Polarity.HIGHER_IS_BETTER, REKOMENDASI: Indicator.Polarity.LOWER_IS_BETTER})
        self.assertEqual(self.actuals(SELARAS), {1: D(90), 2: D("92.5"), 3: D(94)})
        self.assertEqual(self.actuals(REKOMENDASI), {2: D(12), 3: D("9.5")})
        self.assertEqual(Indicator.objects.get(office=self.office, name=REKOMENDASI).objective.code, "S1")

    def test_a_cumulative_column_beside_the_quarter_s_own_is_refused_naming_both(self) -> None:
        with self.assertRaises(ImportFailed) as caught:
            import_file(bappeda(self.dir / "monev.xlsx", cumulative=True), self.office, 2025)
        problems = [str(e) for e in caught.exception.errors]
        self.assertEqual(len(problems), 1, problems)
        for part in ("baris 4", "Realisasi s.d. Triwulan III (H)", "Realisasi Triwulan III (F)"):
            self.assertIn(part, problems[0])
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())

    def test_tetap_in_the_arah_column_is_refused_naming_row_column_and_value(self) -> None:
        with self.assertRaises(ImportFailed) as caught:
            import_file(bappeda(self.dir / "monev.xlsx", arah="Tetap"), self.office, 2025)
        problems = [str(e) for e in caught.exception.errors]
        self.assertEqual(len(problems), 1, problems)
        for part in ("baris 7", "Arah (H)", '("Tetap")', "Positif atau Negatif"):
            self.assertIn(part, problems[0])
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())
