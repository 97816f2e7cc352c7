"""The spreadsheets offices really keep: a title block above the header, a header in two rows under
merged groups, their own column names, several sheets, formulas, totals, and files that are not XLSX."""

from __future__ import annotations

import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from openpyxl import Workbook

from kinerja.errors import KinerjaError
from kinerja.performance.achievement import evaluate
from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Actual, Indicator, Objective
from tests.base import KinerjaTestCase

TITLE = ["PEMERINTAH KOTA BANDAR LAMPUNG", "DINAS KOPERASI DAN UKM", "PERJANJIAN KINERJA TAHUN 2025"]
SASARAN = "Meningkatnya kualitas kelembagaan koperasi"


def perjanjian_kinerja(path: Path) -> Path:
    """A Perjanjian Kinerja as printed: title, header in rows 5-6 with Target and Realisasi merged
    over TW I-IV, a row of column numbers, a Sasaran merged over its indicators, a blank row, a total."""
    book = Workbook()
    sheet = book.active
    sheet.title = "PK 2025"
    for row, title in enumerate(TITLE, start=1):
        sheet.cell(row, 1, title)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=14)
    sheet.append([])
    sheet.append(["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", None, None, None,
                  "Realisasi", None, None, None, "Capaian (%)", "Bidang/Penanggung Jawab"])
    sheet.append([None, None, None, None, "TW I", "TW II", "TW III", "TW IV", "TW I", "TW II", "TW III", "TW IV"])
    for column in "ABCDMN":
        sheet.merge_cells(f"{column}5:{column}6")
    sheet.merge_cells("E5:H5")
    sheet.merge_cells("I5:L5")
    sheet.append(list(range(1, 15)))
    sheet.append([1, SASARAN, "Persentase koperasi sehat", "%", 40, 50, 55, 60, "42,5", 51, "-", None, None,
                  "Bidang Kelembagaan"])
    sheet.append([None, None, "Jumlah koperasi aktif", "unit", 400, 420, 430, 450, 410, 425, None, None, None,
                  "Kelembagaan"])
    sheet.merge_cells("B8:B9")
    sheet.append([])
    sheet.append([2, "Menurunnya angka kemiskinan", "Angka kemiskinan", "%", "10,5", 10, "9,5", 9, "10,2", "9,8",
                  None, None, None, "Bidang Pemberdayaan"])
    sheet.append([None, "Jumlah"])
    book.save(path)
    return path


class ImportLayoutTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-layout-"))
        self.enterContext(translation.override("en"))

    def book(self, name: str, rows: list[list[object]], title: str = "IKU") -> Path:
        book = Workbook()
        book.active.title = title
        for row in rows:
            book.active.append(row)
        book.save(self.dir / name)
        return self.dir / name

    def refused(self, path: Path) -> str:
        with self.assertRaises(KinerjaError) as caught:
            import_file(path, self.office, 2025)
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())
        self.assertFalse(Actual.objects.exists())
        return str(caught.exception)

    def test_it_imports_a_perjanjian_kinerja_with_a_title_block_and_merged_quarters(self) -> None:
        summary = import_file(perjanjian_kinerja(self.dir / "pk.xlsx"), self.office, 2025)
        self.assertEqual((summary.rows, summary.sheet, summary.indicators_created), (3, "PK 2025", 3))
        healthy = Indicator.objects.get(name="Persentase koperasi sehat")
        self.assertEqual(healthy.division.short_name, "Bidang Kelembagaan")
        self.assertEqual({t.quarter: t.value_number for t in healthy.targets.filter(kind="quarter")},
                         {1: 40, 2: 50, 3: 55, 4: 60})
        # No Target column for the year: the year's target is the quarters' as the indicator adds them (TW IV).
        self.assertEqual(healthy.targets.get(kind="agreement").value_number, Decimal(60))
        # "-" is "no value yet", not an error and not zero.
        self.assertEqual({a.quarter: a.value_number for a in healthy.actuals.all()},
                         {1: Decimal("42.5"), 2: Decimal(51)})
        active = Indicator.objects.get(name="Jumlah koperasi aktif")
        self.assertEqual(active.objective.name, SASARAN)  # the merged Sasaran holds for it
        self.assertEqual(Objective.objects.filter(office=self.office).count(), 2)
        self.assertEqual(sorted(Indicator.objects.values_list("code", flat=True)), ["IK-01", "IK-02", "IK-03"])

    def test_a_total_row_with_its_sums_under_no_indicator_is_skipped(self) -> None:
        # "TOTAL" typed in the Sasaran column (not merged over the Indikator's), the quarter sums beside it.
        head = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi TW I",
                "Realisasi TW II"]
        rows = [head, [1, SASARAN, "Jumlah koperasi aktif", "unit", "1.250", 300, 650],
                [2, SASARAN, "Persentase koperasi sehat", "%", "75%", 20, "40,5"], [],
                [None, "TOTAL", None, None, None, 320, "690,5"]]
        summary = import_file(self.book("tw3.xlsx", rows, title="Capaian TW III"), self.office, 2025)
        self.assertEqual(summary.rows, 2)
        active = Indicator.objects.get(name="Jumlah koperasi aktif")
        self.assertEqual(active.targets.get().value_number, 1250)
        self.assertEqual({a.quarter: a.value_number for a in active.actuals.all()}, {1: 300, 2: 650})

    def test_a_realisasi_up_to_a_quarter_is_refused_for_an_indicator_adding_its_quarters_up(self) -> None:
        head = ["Sasaran", "Indikator", "Satuan", "Target"]
        import_file(self.book("pk.xlsx", [head, [SASARAN, "Jumlah wirausaha baru", "orang", 150],
                                          [SASARAN, "Jumlah koperasi aktif", "unit", 1250]]), self.office, 2025)
        Indicator.objects.filter(name="Jumlah wirausaha baru").update(quarter_aggregation="sum")
        rows = [[*head, "Realisasi TW II", "Realisasi s.d. TW III"],
                [SASARAN, "Jumlah wirausaha baru", "orang", 150, 40, 110],
                [SASARAN, "Jumlah koperasi aktif", "unit", 1250, 650, 980]]
        with self.assertRaises(KinerjaError) as caught:
            import_file(self.book("tw3.xlsx", rows), self.office, 2025)
        self.assertEqual(str(caught.exception).splitlines()[1:], [
            "  tw3.xlsx, sheet IKU, row 2, column Realisasi s.d. TW III (F): this column gives the realisasi up to "
            "Triwulan III, but the indicator adds its quarters up: its quarters before would be counted twice; write "
            'the realisasi of Triwulan III alone ("110")'])
        self.assertFalse(Actual.objects.exists())
        # An indicator whose year is its last quarter's value takes the realisasi up to TW III as TW III's.
        Indicator.objects.filter(name="Jumlah wirausaha baru").update(quarter_aggregation="last")
        import_file(self.book("tw3.xlsx", rows), self.office, 2025)
        self.assertEqual({a.quarter: a.value_number for a in Actual.objects.filter(indicator__name="Jumlah koperasi aktif")},
                         {2: 650, 3: 980})

    def test_it_reads_column_name_variants_and_indonesian_numbers(self) -> None:
        head = ["No", "Sasaran", "Indikator Kinerja Utama", "Satuan", "Target 2025", "Realisasi 2024",
                "Realisasi 2025", "Realisasi Anggaran", "Penanggung Jawab"]
        rows = [["PEMERINTAH KOTA METRO"], ["INDIKATOR KINERJA UTAMA TAHUN 2025"], [], head,
                [1, SASARAN, "Nilai penyaluran kredit", "Rupiah", "Rp 1.250.000.000", "1", "Rp 1.100.000.000",
                 "999", "Bidang UMKM"],
                [2, SASARAN, "Jumlah dokumen perencanaan", "dokumen", "12 dokumen", "1", "10 dokumen", "", ""],
                [3, SASARAN, "Persentase UMKM berizin", "%", "85,5%", "1", "80 %", "", ""]]
        import_file(self.book("iku.xlsx", rows), self.office, 2025)
        values = {i.name: (i.targets.get().value_number, i.actuals.get().value_number)
                  for i in Indicator.objects.filter(office=self.office)}
        self.assertEqual(values, {"Nilai penyaluran kredit": (Decimal(1250000000), Decimal(1100000000)),
                                  "Jumlah dokumen perencanaan": (Decimal(12), Decimal(10)),
                                  "Persentase UMKM berizin": (Decimal("85.5"), Decimal(80))})

    def test_it_imports_the_first_sheet_with_a_header_and_a_csv_under_a_title(self) -> None:
        book = Workbook()
        book.active.title = "Sampul"
        book.active["A1"] = "LAPORAN KINERJA"
        data = book.create_sheet("Data")
        data.append(["Sasaran", "Indikator", "Satuan", "Target", "Realisasi"])
        data.append([SASARAN, "Jumlah UMKM binaan", "orang", 100, 95])
        book.save(self.dir / "two.xlsx")
        self.assertEqual(import_file(self.dir / "two.xlsx", self.office, 2025).sheet, "Data")
        csv_path = self.dir / "iku.csv"
        csv_path.write_text("PERJANJIAN KINERJA TAHUN 2025\n\nSasaran Strategis;Indikator Kinerja;Satuan;Target\n"
                            f"{SASARAN};Jumlah wirausaha baru;orang;1.234\n", encoding="utf-8")
        import_file(csv_path, self.office, 2025)
        self.assertEqual(Indicator.objects.get(name="Jumlah wirausaha baru").targets.get().value_number, 1234)

    def test_a_capaian_that_fits_only_a_negative_indicator_makes_it_negative(self) -> None:
        head = ["Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)"]
        rows = [head, [SASARAN, "Waktu pelayanan izin", "hari", 5, 4, 120],
                [SASARAN, "Angka kemiskinan", "%", 10, 8, "125,00"],
                [SASARAN, "Jumlah koperasi aktif", "unit", 400, 420, 105], [SASARAN, "Indeks", "indeks", 80, 80, 100]]
        import_file(self.book("capaian.xlsx", rows), self.office, 2025)
        found = {i.name: (i.polarity, i.negative_method) for i in Indicator.objects.filter(office=self.office)}
        self.assertEqual(found["Waktu pelayanan izin"], ("lower_is_better", "standard"))
        self.assertEqual(found["Angka kemiskinan"], ("lower_is_better", "ratio"))
        self.assertEqual(found["Jumlah koperasi aktif"][0], "higher_is_better")
        self.assertEqual(found["Indeks"][0], "higher_is_better")
        waktu = Indicator.objects.get(name="Waktu pelayanan izin")
        result = evaluate(waktu.targets.get().value, waktu.actuals.get().value, waktu.polarity, waktu.negative_method)
        self.assertEqual(result.rounded, Decimal("120.00"))

    def test_it_reports_a_duplicate_indicator_name(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target"], [SASARAN, "Indeks kepuasan", "indeks", 80],
                [SASARAN, "Indeks  Kepuasan", "indeks", 82]]
        message = self.refused(self.book("dup.xlsx", rows))
        self.assertIn('dup.xlsx, sheet IKU, row 3, column Indikator (B): the indicator is also in row 2', message)

    def test_it_reports_a_formula_without_a_saved_value(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target", "Realisasi"],
                [SASARAN, "Indeks kepuasan", "indeks", 80, "=SUM(D2:D2)"]]
        message = self.refused(self.book("formula.xlsx", rows))
        self.assertIn("row 2, column Realisasi (E): the formula has no saved value", message)
        self.assertIn("=SUM(D2:D2)", message)

    def test_it_reports_a_quarter_that_does_not_exist_and_a_column_twice(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target", "Target", "Realisasi TW V"],
                [SASARAN, "Indeks kepuasan", "indeks", 80, 81, 5]]
        message = self.refused(self.book("period.xlsx", rows))
        self.assertIn("row 1, column Target (E): the same column is also in column D", message)
        self.assertIn("row 1, column Realisasi TW V (F): a year has four quarters", message)

    def test_it_reports_values_too_long_or_too_large_for_the_database(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target", "Realisasi"],
                [SASARAN, "Indeks kepuasan", "indeks " * 10, "1" * 17, "tercapai " * 10]]
        message = self.refused(self.book("long.xlsx", rows))
        self.assertIn("column Satuan (C): at most 60 characters", message)
        self.assertIn("column Target (D): the number is too large", message)

    def test_it_names_what_a_file_really_is(self) -> None:
        (self.dir / "empty.xlsx").write_bytes(b"")
        self.assertEqual(self.refused(self.dir / "empty.xlsx"), "empty.xlsx is empty.")
        # An Excel 97-2003 file and a password-protected XLSX are both OLE2 compound files.
        (self.dir / "old.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
        self.assertIn("old.xlsx is an Excel 97-2003 (.xls) file or a password-protected workbook",
                      self.refused(self.dir / "old.xlsx"))
        with zipfile.ZipFile(self.dir / "calc.xlsx", "w") as z:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        self.assertIn("calc.xlsx is an OpenDocument (.ods) spreadsheet", self.refused(self.dir / "calc.xlsx"))
        self.assertIn("no sheet (IKU) has a header row",
                      self.refused(self.book("title.xlsx", [["PERJANJIAN KINERJA TAHUN 2025"]])))

    def test_a_bad_row_after_good_ones_saves_nothing(self) -> None:
        path = perjanjian_kinerja(self.dir / "pk.xlsx")
        from openpyxl import load_workbook

        book = load_workbook(path)
        book.active["J11"] = "sembilan"
        book.save(path)
        with self.assertRaises(ImportFailed) as caught:
            import_file(path, self.office, 2025)
        self.assertIn("pk.xlsx, sheet PK 2025, row 11, column Realisasi TW II (J)", str(caught.exception))
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())

    def test_it_names_the_new_indicators_it_takes_as_positive(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Polaritas", "Target"],
                [SASARAN, "Angka kemiskinan", "%", "", 9], [SASARAN, "Waktu pelayanan", "hari", "Negatif", 5]]
        summary = import_file(self.book("polarity.xlsx", rows), self.office, 2025)
        self.assertEqual(summary.assumed_positive, ["Angka kemiskinan"])
        again = import_file(self.book("polarity.xlsx", rows), self.office, 2025)
        self.assertEqual(again.assumed_positive, [])  # an existing indicator keeps the polarity set on it

    def test_it_gives_an_indicator_to_a_subsection_or_the_secretariat_but_never_the_office(self) -> None:
        head = ["Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Bidang"]
        message = self.refused(self.book("office.xlsx", [head, [SASARAN, "Nilai SAKIP", "nilai", 70, 65,
                                                                "Dinas Koperasi dan UKM"]]))
        self.assertIn("no division, subsection or secretariat of the office has this name", message)
        rows = [head, [SASARAN, "Persentase dokumen perencanaan tepat waktu", "%", 100, 90, "Subbag PKA"],
                [SASARAN, "Nilai SAKIP", "nilai", 70, 65, "Sekretariat"],
                [SASARAN, "Jumlah koperasi aktif", "unit", 450, 430, "Kelembagaan"]]
        import_file(self.book("units.xlsx", rows), self.office, 2025)
        self.assertEqual({i.name: i.division.name for i in Indicator.objects.filter(office=self.office)},
                         {"Persentase dokumen perencanaan tepat waktu": "Subbagian Program, Keuangan dan Aset",
                          "Nilai SAKIP": "Sekretariat",
                          "Jumlah koperasi aktif": "Bidang Kelembagaan dan Pengawasan Koperasi"})
