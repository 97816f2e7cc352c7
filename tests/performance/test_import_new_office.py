"""A new office's own workbooks, in layouts not met before: a Renstra whose Sasaran stand on rows of their own
with their code in the Kode column (SS.1 over IKS.1.1, IKS.1.2), the years' targets merged under "Target
Kinerja"; an IKU kept per triwulan (Target | Realisasi merged under each Triwulan) with numbers typed as text
("1.250,5", "12,5%"), a blank row inside a Sasaran merged over it, and a formula."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook, load_workbook

from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Indicator, Objective, Target
from tests.base import KinerjaTestCase
from tests.performance.import_page import UploadMixin

D = Decimal


def renstra(path: Path, *, sasaran_code: str = "SS.1") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Renstra 2025-2029"
    sheet["A1"] = "RENCANA STRATEGIS 2025-2029"
    sheet.merge_cells("A1:K1")
    sheet["A2"] = "Tabel 5.1 Indikator Kinerja"
    sheet.merge_cells("A2:K2")
    sheet.append([])
    sheet.append(["Kode", "Sasaran", "Indikator Sasaran", "Satuan", "Kondisi Awal (2024)", "Target Kinerja", None,
                  None, None, None, "Kondisi Akhir"])
    sheet.merge_cells("F4:J4")
    for column in "ABCDEK":
        sheet.merge_cells(f"{column}4:{column}5")
    sheet.append([None] * 5 + [2025, 2026, 2027, 2028, 2029])
    sheet.append([sasaran_code, "Meningkatnya kualitas kelembagaan koperasi"])
    sheet.append(["IKS.1.1", None, "Persentase koperasi aktif", "%", "58,5", "62,5", "65", "67,5", "70", "72,5", "72,5"])
    sheet.append(["IKS.1.2", None, "Nilai transaksi koperasi", "Rp juta", "1.100", "1.250,5", "1.400", "1.550", "1.700",
                  "1.850", "1.850"])
    sheet.append([])
    sheet.append(["SS.2", "Meningkatnya daya saing UMKM"])
    sheet.append(["IKS.2.1", None, "Persentase UMKM naik kelas", "%", "4,5%", "5%", "5,5%", "6%", "6,5%", "7%", "7%"])
    book.save(path)
    return path


class NewOfficeImportTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-new-office-"))

    def test_a_renstra_with_each_sasaran_on_its_own_coded_row(self) -> None:
        summary = import_file(renstra(self.dir / "renstra.xlsx"), self.office, 2025, user=self.staff)
        self.assertEqual((summary.rows, summary.objectives_created, summary.indicators_created), (3, 2, 3))
        objectives = {o.code: o.name for o in Objective.objects.filter(office=self.office)}
        self.assertEqual(objectives, {"SS.1": "Meningkatnya kualitas kelembagaan koperasi",
                                      "SS.2": "Meningkatnya daya saing UMKM"})
        found = {i.code: (i.objective.code, i.unit) for i in Indicator.objects.filter(office=self.office)}
        self.assertEqual(found, {"IKS.1.1": ("SS.1", "%"), "IKS.1.2": ("SS.1", "Rp juta"), "IKS.2.1": ("SS.2", "%")})
        targets = dict(Target.objects.filter(indicator__office=self.office, year=2025, kind="agreement")
                       .values_list("indicator__code", "value_number"))
        self.assertEqual(targets, {"IKS.1.1": D("62.5"), "IKS.1.2": D("1250.5"), "IKS.2.1": D("5")})
        self.assertIn("Kondisi Akhir (K)", summary.unread_columns)

    def test_a_sasaran_row_coded_otherwise_keeps_its_name_and_gets_a_code(self) -> None:
        import_file(renstra(self.dir / "renstra.xlsx", sasaran_code="T1.S1"), self.office, 2025, user=self.staff)
        names = dict(Objective.objects.filter(office=self.office).values_list("name", "code"))
        self.assertEqual(names["Meningkatnya kualitas kelembagaan koperasi"][0], "S")
        self.assertEqual(names["Meningkatnya daya saing UMKM"], "SS.2")

    def test_a_coded_row_with_figures_but_no_indicator_is_still_a_bad_row(self) -> None:
        path = renstra(self.dir / "renstra.xlsx")
        book = load_workbook(path)
        book.active["F6"] = "10"  # a figure on the Sasaran's row: an indicator whose name is missing
        book.save(path)
        with self.assertRaises(ImportFailed) as raised:
            import_file(path, self.office, 2025, user=self.staff)
        self.assertIn("renstra.xlsx, lembar Renstra 2025-2029, baris 6, kolom Indikator Sasaran (C): isinya kosong",
                      "\n".join(str(e) for e in raised.exception.errors))
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())
        self.assertFalse(Objective.objects.filter(office=self.office).exists())


def three_header_rows(path: Path) -> Path:
    """"Target 2025" and "Realisasi 2025" each merged over "Triwulan" merged over I … IV; a cover sheet before it;
    the Sasaran as a heading row numbered "I" in the No. column, its words merged across the row beside it."""
    book = Workbook()
    book.active.title = "Cover"
    book.active["B3"] = "LAPORAN KINERJA TRIWULANAN"
    sheet = book.create_sheet("Data")
    sheet["A1"] = "CAPAIAN KINERJA 2025"
    sheet.merge_cells("A1:L1")
    sheet.append([])
    sheet.append(["No", "Indikator Kinerja", "Satuan", "Target 2025", None, None, None, "Realisasi 2025", None, None,
                  None, "PJ"])
    sheet.append([None, None, None, "Triwulan", None, None, None, "Triwulan", None, None, None, None])
    sheet.append([None, None, None, "I", "II", "III", "IV", "I", "II", "III", "IV", None])
    for cells in ("D3:G3", "H3:K3", "D4:G4", "H4:K4", "A3:A5", "B3:B5", "C3:C5", "L3:L5"):
        sheet.merge_cells(cells)
    sheet.append(["I", "Sasaran 1: Meningkatnya kualitas kelembagaan koperasi"])
    sheet.merge_cells("B6:L6")
    sheet.append([1, "Persentase koperasi aktif", "%", "12,5%", "25%", "37,5%", "50%", "11%", "26,25%", None, None,
                  "Bidang Kelembagaan"])
    sheet.append([])
    sheet.append([2, "Nilai transaksi koperasi", "Rp juta", "1.250,5", "2.500", "3.750", "5.000", "1.300", "2.450,5",
                  None, None, "Kabid Pemberdayaan"])
    book.save(path)
    return path


class ThreeHeaderRowsTestCase(UploadMixin, KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.path = three_header_rows(Path(tempfile.mkdtemp(prefix="perf-new-office-")) / "tiga-baris.xlsx")

    def test_each_quarter_column_is_read_as_its_quarter(self) -> None:
        # Read as two header rows, TW I's column was the year's Target (12,5 instead of 50) and the other
        # quarters' columns were dropped without a word.
        summary = import_file(self.path, self.office, 2025, user=self.staff)
        self.assertEqual([meaning for meaning, _header in summary.columns if meaning.startswith(("Target", "Real"))],
                         [f"{kind} TW {q}" for kind in ("Target", "Realisasi") for q in ("I", "II", "III", "IV")])
        active = Indicator.objects.get(office=self.office, name="Persentase koperasi aktif")
        quarters = dict(active.targets.filter(year=2025, kind="quarter").values_list("quarter", "value_number"))
        self.assertEqual(quarters, {1: D("12.5"), 2: D(25), 3: D("37.5"), 4: D(50)})
        self.assertFalse(active.targets.filter(year=2025, kind="agreement", value_number=D("12.5")).exists())
        actuals = dict(active.actuals.filter(year=2025).values_list("quarter", "value_number"))
        self.assertEqual(actuals, {1: D(11), 2: D("26.25")})
        money = Indicator.objects.get(office=self.office, name="Nilai transaksi koperasi")
        self.assertEqual(money.targets.get(year=2025, kind="quarter", quarter=1).value_number, D("1250.5"))
        self.assertEqual(money.division.short_name, "Bidang Pemberdayaan")

    def test_the_heading_row_numbered_in_its_own_column_names_the_sasaran(self) -> None:
        # The "I" of the No. column was taken for the Sasaran's name.
        import_file(self.path, self.office, 2025, user=self.staff)
        self.assertEqual(list(Objective.objects.filter(office=self.office).values_list("code", "name")),
                         [("S1", "Meningkatnya kualitas kelembagaan koperasi")])

    def test_the_preview_names_the_division_each_row_was_given(self) -> None:
        # The Bidang as the file writes it ("Kabid Pemberdayaan") is matched to a unit: the preview shows which.
        self.client.force_login(self.staff)
        page = self.upload(self.path, dry_run="on").content.decode()
        self.assertIn('Nilai transaksi koperasi<br><small class="muted perf-preview-division">Bidang Pemberdayaan'
                      '</small>', page)
        self.assertIn('Persentase koperasi aktif<br><small class="muted perf-preview-division">Bidang Kelembagaan'
                      '</small>', page)
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())
