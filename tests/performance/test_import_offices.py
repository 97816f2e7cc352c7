"""Workbooks another office brings (tests/performance/office_books.py), imported as they are: what each
row becomes, what is not read and why, and the Capaian kinerja computes otherwise."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from openpyxl import load_workbook

from kinerja.errors import KinerjaError
from kinerja.performance.importer import ImportFailed, SeveralSheets, header_sheets, import_file
from kinerja.performance.models import Actual, Indicator, Objective
from tests.base import KinerjaTestCase
from tests.performance import office_books as books


class OfficeBooksTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-offices-"))
        self.enterContext(translation.override("en"))

    def indicators(self) -> dict[str, Indicator]:
        return {i.name: i for i in Indicator.objects.filter(office=self.office).select_related("objective", "division")}

    def targets(self) -> dict[str, Decimal | str]:
        return {name: i.targets.get(kind="agreement", year=2025).value for name, i in self.indicators().items()}

    def assertNothingSaved(self) -> None:  # noqa: N802
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())
        self.assertFalse(Objective.objects.filter(office=self.office).exists())
        self.assertFalse(Actual.objects.exists())

    def test_it_imports_a_perjanjian_kinerja_and_not_its_program_table_nor_its_signatures(self) -> None:
        summary = import_file(books.perjanjian_kinerja(self.dir / "pk.xlsx"), self.office, 2025)
        self.assertEqual((summary.rows, summary.objectives_created, summary.other_table), (5, 2, 13))
        self.assertEqual(self.targets(), {
            "Persentase koperasi aktif": Decimal(85),
            "Jumlah koperasi yang menerapkan RAT tepat waktu": Decimal(1250),
            "Nilai pinjaman dana bergulir yang tersalurkan": Decimal(1500000000),
            "Nilai SAKIP perangkat daerah": Decimal("72.5"),
            "Opini BPK atas laporan keuangan": "WTP"})
        # The Sasaran merged down over three rows holds for each of them.
        self.assertEqual({i.objective.name for i in self.indicators().values() if i.unit != "opini" and
                          i.unit != "nilai"}, {books.SASARAN_1})
        self.assertEqual(self.indicators()["Opini BPK atas laporan keuangan"].objective.name, books.SASARAN_3)

    def test_it_reads_the_year_asked_for_from_an_iku_table_over_the_renstra_years(self) -> None:
        path = books.iku_renstra(self.dir / "iku.xlsx")
        summary = import_file(path, self.office, 2025)
        self.assertEqual(summary.sheet, "IKU")  # the cover sheet before it has no header
        self.assertEqual(self.targets(), {"Persentase koperasi sehat": Decimal(64), "Jumlah koperasi aktif": 420,
                                          "Persentase usaha mikro naik kelas": Decimal("2.5")})
        self.assertEqual({n: i.division.short_name for n, i in self.indicators().items()},
                         {"Persentase koperasi sehat": "Bidang Kelembagaan",
                          "Jumlah koperasi aktif": "Bidang Kelembagaan",  # the Penanggung Jawab merged down
                          "Persentase usaha mikro naik kelas": "Bidang UMKM"})
        import_file(path, self.office, 2027)
        self.assertEqual({i.name: i.targets.get(year=2027, kind="agreement").value
                          for i in Indicator.objects.filter(office=self.office)},
                         {"Persentase koperasi sehat": 68, "Jumlah koperasi aktif": 440,
                          "Persentase usaha mikro naik kelas": Decimal("3.5")})
        # Every year of the Renstra is its plan's target too.
        self.assertEqual(dict(self.indicators()["Jumlah koperasi aktif"].targets.filter(kind="renstra")
                              .values_list("year", "value_number")),
                         {2025: 420, 2026: 430, 2027: 440, 2028: 450, 2029: 460})

    def test_it_imports_a_pengukuran_kinerja_with_capaian_formulas_and_warns_where_they_differ(self) -> None:
        summary = import_file(books.pengukuran_kinerja(self.dir / "pengukuran.xlsx"), self.office, 2025)
        found = self.indicators()
        self.assertEqual({n: i.actuals.get().value for n, i in found.items()}, {
            "Persentase koperasi sehat": Decimal("54.4"),
            "Jumlah koperasi aktif": 421,  # =300+121, the value Excel saved
            "Persentase koperasi tidak aktif": 18,
            "Jumlah wirausaha baru": 180,
            "Nilai transaksi produk UMKM": Decimal(1750500000)})
        self.assertEqual(found["Persentase koperasi tidak aktif"].polarity, "lower_is_better")
        # Row 10 is hidden in Excel: last year's indicator, not read, and said so.
        self.assertNotIn("Indeks kepuasan masyarakat (2024)", found)
        self.assertEqual(summary.hidden_rows, [10])
        # The notes and the signature under the table, one cell a row (some in the Realisasi column), are passed over.
        self.assertEqual(summary.unread_rows, [])
        # Every Capaian agrees with kinerja's but the one the office capped at 100%.
        [mismatch] = summary.mismatches
        self.assertEqual((mismatch.row, mismatch.column, mismatch.written, mismatch.computed),
                         (9, "% Capaian (H)", Decimal(100), Decimal(120)))
        self.assertEqual(str(mismatch), "pengukuran.xlsx, sheet Pengukuran Kinerja, row 9, column % Capaian (H): the "
                                        "file says 100,00%, kinerja computes 120,00% from the target, the actual and "
                                        "the polarity (Positive (higher is better))")

    def test_it_gives_the_indicators_under_a_division_heading_to_that_division(self) -> None:
        summary = import_file(books.rencana_aksi(self.dir / "ra.xlsx"), self.office, 2025)
        self.assertEqual(summary.rows, 3)  # the two headings are not indicators
        found = self.indicators()
        self.assertEqual({n: i.division.short_name for n, i in found.items()}, {
            "Persentase koperasi sehat": "Bidang Kelembagaan", "Jumlah koperasi aktif": "Bidang Kelembagaan",
            "Jumlah anggota koperasi yang dilatih": "Bidang Pemberdayaan"})
        healthy = found["Persentase koperasi sehat"]
        # "Target Triwulan" over I-IV; the cells shown as 10% … 64% hold 0.1 … 0.64.
        self.assertEqual({t.quarter: t.value for t in healthy.targets.filter(kind="quarter")},
                         {1: 10, 2: 25, 3: 50, 4: 64})
        self.assertEqual(healthy.targets.get(kind="agreement").value, 64)

    def test_it_takes_the_sasaran_from_heading_rows_when_the_table_has_no_sasaran_column(self) -> None:
        summary = import_file(books.lkjip_per_sasaran(self.dir / "lkjip.xlsx"), self.office, 2025)
        self.assertEqual(summary.rows, 3)  # no subtotal or average row
        self.assertEqual({n: (i.objective.name, i.division.short_name) for n, i in self.indicators().items()}, {
            "Persentase koperasi sehat": (books.SASARAN_1, "Bidang Kelembagaan"),
            "Jumlah koperasi aktif": (books.SASARAN_1, "Bidang Kelembagaan"),
            "Omzet UMKM binaan": (books.SASARAN_2, "Bidang UMKM")})
        self.assertEqual(self.indicators()["Omzet UMKM binaan"].actuals.get().value, Decimal(1300520000))
        self.assertEqual(summary.mismatches, [])

    def test_a_table_without_sasaran_column_nor_heading_names_the_missing_column_once(self) -> None:
        path = books.lkjip_per_sasaran(self.dir / "lkjip.xlsx")
        book = load_workbook(path)
        sheet = book.active
        for merged in [m for m in sheet.merged_cells.ranges if m.min_row in (5, 9)]:
            sheet.unmerge_cells(str(merged))
        sheet.delete_rows(9)
        sheet.delete_rows(5)
        book.save(path)
        with self.assertRaises(ImportFailed) as caught:
            import_file(path, self.office, 2025)
        self.assertEqual([str(e) for e in caught.exception.errors],
                         ["lkjip.xlsx, sheet Capaian IKU, row 4, column Sasaran: the column is missing"])
        self.assertNothingSaved()

    def test_an_indicator_row_under_a_heading_is_still_checked(self) -> None:
        path = books.rencana_aksi(self.dir / "ra.xlsx")
        book = load_workbook(path)
        book.active["D7"] = None  # no Satuan
        book.active["E10"] = "1.2OO"  # the letter O for a zero
        book.save(path)
        with self.assertRaises(ImportFailed) as caught:
            import_file(path, self.office, 2025)
        self.assertEqual([str(e) for e in caught.exception.errors], [
            "ra.xlsx, sheet Rencana Aksi 2025, row 7, column Satuan (D): a value is missing",
            'ra.xlsx, sheet Rencana Aksi 2025, row 10, column Target Tahunan (E): a number is needed here: '
            '"1.2OO" is not a number.'])
        self.assertNothingSaved()

    def test_a_workbook_with_several_sheets_of_data_asks_which_one(self) -> None:
        path = books.per_division(self.dir / "realisasi.xlsx")
        self.assertEqual(header_sheets(path, 2025), ["Kelembagaan", "UMKM"])
        with self.assertRaises(SeveralSheets) as caught:
            import_file(path, self.office, 2025)
        self.assertEqual(caught.exception.sheets, ["Kelembagaan", "UMKM"])
        self.assertIn("realisasi.xlsx has several sheets with performance data: Kelembagaan, UMKM", str(caught.exception))
        self.assertNothingSaved()
        with self.assertRaises(KinerjaError) as caught:
            import_file(path, self.office, 2025, sheet="Keuangan")
        self.assertEqual(str(caught.exception),
                         "realisasi.xlsx has no sheet named Keuangan; its sheets are Kelembagaan, UMKM.")
        self.assertNothingSaved()

        summary = import_file(path, self.office, 2025, sheet="umkm ")  # as Excel matches a sheet's name
        self.assertEqual((summary.sheet, summary.rows), ("UMKM", 2))
        self.assertEqual({i.code: {a.quarter: a.value for a in i.actuals.all()}
                          for i in Indicator.objects.filter(office=self.office)},
                         {"IK-05": {1: 25}, "IK-06": {1: Decimal(1250000000), 2: Decimal(2600000000)}})

    def test_a_sheet_without_a_header_or_a_csv_with_a_sheet_is_refused(self) -> None:
        path = books.iku_renstra(self.dir / "iku.xlsx")
        with self.assertRaises(KinerjaError) as caught:
            import_file(path, self.office, 2025, sheet="Sampul")
        self.assertIn("iku.xlsx, sheet Sampul: no header row with the columns", str(caught.exception))
        csv_path = self.dir / "iku.csv"
        csv_path.write_text("Sasaran;Indikator;Satuan;Target\nS;Indeks;indeks;80\n", encoding="utf-8")
        with self.assertRaises(KinerjaError) as caught:
            import_file(csv_path, self.office, 2025, sheet="IKU")
        self.assertIn("iku.csv is a CSV file, which has no sheets", str(caught.exception))
        self.assertNothingSaved()

    def test_a_header_printed_again_on_the_next_page_is_skipped(self) -> None:
        path = books.per_division(self.dir / "realisasi.xlsx")
        book = load_workbook(path)
        sheet = book["UMKM"]
        sheet.insert_rows(5, 3)  # a table copied from its print: page 2 repeats both header rows and a blank
        for row in (2, 3):
            for cell in sheet[row]:
                sheet.cell(row + 3, cell.column, cell.value)
        book.save(path)
        summary = import_file(path, self.office, 2025, sheet="UMKM")
        self.assertEqual((summary.rows, summary.other_table), (2, None))


class CapaianCheckTestCase(KinerjaTestCase):
    """A Capaian column beside Polaritas is checked against kinerja's own; a difference is a warning."""

    HEAD = "Sasaran;Indikator;Satuan;Polaritas;Target;Realisasi;Capaian (%)\n"

    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-capaian-"))
        self.enterContext(translation.override("en"))

    def csv(self, *rows: str) -> Path:
        path = self.dir / "capaian.csv"
        path.write_text(self.HEAD + "".join(f"{books.SASARAN_1};{row}\n" for row in rows), encoding="utf-8")
        return path

    def test_it_names_the_row_the_column_and_both_values_and_still_imports(self) -> None:
        path = self.csv("Waktu layanan izin;hari;Negatif;5;4;80", "Jumlah koperasi aktif;unit;Positif;400;420;105")
        for dry_run in (True, False):
            summary = import_file(path, self.office, 2025, dry_run=dry_run)
            self.assertEqual([str(m) for m in summary.mismatches], [
                "capaian.csv, row 2, column Capaian (%) (G): the file says 80,00%, kinerja computes 120,00% from the "
                "target, the actual and the polarity (Negative (lower is better))"])
        self.assertEqual(Indicator.objects.get(name="Waktu layanan izin").actuals.get().value, 4)

    def test_rounding_is_not_a_difference(self) -> None:
        # 421 ÷ 420 = 100,238…%: written 100, 100,2 or 100,24 is the same figure rounded.
        path = self.csv("Jumlah koperasi aktif;unit;Positif;420;421;100", "Jumlah UMKM;unit;Positif;420;421;100,2",
                        "Jumlah wirausaha;orang;Positif;420;421;100,24", "Jumlah pelatihan;kali;Positif;420;421;100,3")
        self.assertEqual([m.row for m in import_file(path, self.office, 2025).mismatches], [5])

    def test_a_negative_capaian_written_as_target_over_actual_sets_that_formula(self) -> None:
        path = self.csv("Angka kemiskinan;%;Negatif;10;8;125")  # (2 × 10 − 8) ÷ 10 would be 120
        self.assertEqual(import_file(path, self.office, 2025).mismatches, [])
        self.assertEqual(Indicator.objects.get(name="Angka kemiskinan").negative_method, "ratio")

    def test_without_polaritas_an_existing_indicator_is_checked_with_its_own(self) -> None:
        self.HEAD = "Sasaran;Indikator;Satuan;Target;Realisasi;Capaian (%)\n"
        import_file(self.csv("Waktu layanan izin;hari;5;4;"), self.office, 2025)
        Indicator.objects.filter(name="Waktu layanan izin").update(polarity="lower_is_better")
        summary = import_file(self.csv("Waktu layanan izin;hari;5;4;80"), self.office, 2025)
        self.assertEqual([(m.written, m.computed, m.polarity) for m in summary.mismatches],
                         [(Decimal(80), Decimal(120), "lower_is_better")])


class ImportYearTestCase(KinerjaTestCase):
    def test_a_file_of_another_year_says_which_year_it_has(self) -> None:
        path = books.per_division(Path(tempfile.mkdtemp(prefix="perf-year-")) / "realisasi.xlsx")
        with translation.override("en"), self.assertRaises(ImportFailed) as caught:
            import_file(path, self.office, 2026, sheet="UMKM")
        self.assertEqual([str(e) for e in caught.exception.errors], [
            'realisasi.xlsx, sheet UMKM, row 3, column Target: the column of 2026 is missing; the file has '
            '"Target 2025": import it as that year'])
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())


class ImportCellHabitsTestCase(KinerjaTestCase):
    """What people type into cells: line breaks inside a name, a note's mark on a value, Excel's errors."""

    HEAD = ["Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Bidang"]

    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-cells-"))
        self.enterContext(translation.override("en"))

    def book(self, name: str, *rows: list[object]) -> Path:
        from openpyxl import Workbook

        book = Workbook()
        for row in [self.HEAD, *rows]:
            book.active.append(row)
        book.save(self.dir / name)
        return self.dir / name

    def test_a_name_wrapped_with_alt_enter_is_the_same_indicator_and_sasaran(self) -> None:
        import_file(self.book("a.xlsx", [books.SASARAN_1, "Persentase koperasi sehat", "%", 64, 60, "Bidang Kelembagaan"]),
                    self.office, 2025)
        summary = import_file(self.book("b.xlsx", ["Meningkatnya kualitas\nkelembagaan koperasi",
                                                   "Persentase koperasi\nsehat", "%", 64, 61, "Bidang\nKelembagaan"]),
                              self.office, 2025)
        self.assertEqual((summary.indicators_created, summary.indicators_updated, summary.indicators_unchanged,
                          summary.objectives_created, summary.actual_tally.changed), (0, 0, 1, 0, 1))
        self.assertEqual(Indicator.objects.get(office=self.office).actuals.get().value, 61)

    def test_a_value_with_a_note_mark_is_the_value_and_an_excel_error_is_named(self) -> None:
        import_file(self.book("c.xlsx", [books.SASARAN_1, "Angka pengangguran", "%", "9,5", "9,8*)", ""]),
                    self.office, 2025)
        self.assertEqual(Indicator.objects.get(office=self.office).actuals.get().value, Decimal("9.8"))
        with self.assertRaises(ImportFailed) as caught:
            import_file(self.book("d.xlsx", [books.SASARAN_1, "Angka pengangguran", "%", "9,5", "#DIV/0!", ""]),
                        self.office, 2025)
        self.assertEqual([str(e) for e in caught.exception.errors], [
            'd.xlsx, sheet Sheet, row 2, column Realisasi (E): the formula gives an error; correct it in Excel '
            '("#DIV/0!")'])

    def test_a_sasaran_heading_row_fills_an_empty_sasaran_column(self) -> None:
        path = self.dir / "lkjip.csv"
        path.write_text("CAPAIAN KINERJA 2025\nNo;Sasaran;Indikator;Satuan;Target;Realisasi\n"
                        f"SASARAN 1 : {books.SASARAN_1};;;;;\n1;;Persentase koperasi sehat;%;64;60\n"
                        f"Sasaran Strategis 2: {books.SASARAN_2};;;;;\n2;;Omzet UMKM binaan;Rupiah;1.250;1.300\n",
                        encoding="utf-8")
        import_file(path, self.office, 2025)
        self.assertEqual({i.name: i.objective.name for i in Indicator.objects.filter(office=self.office)},
                         {"Persentase koperasi sehat": books.SASARAN_1, "Omzet UMKM binaan": books.SASARAN_2})

    def test_a_row_with_a_target_but_no_indicator_is_named_as_not_read(self) -> None:
        path = self.book("e.xlsx", [books.SASARAN_3, "Nilai SAKIP", "nilai", "72,5", "", ""],
                         [books.SASARAN_3, "", "opini", "WTP", "", ""])
        summary = import_file(path, self.office, 2025)
        self.assertEqual((summary.rows, summary.unread_rows), (1, [3]))

    def test_the_year_merged_over_target_realisasi_and_capaian_picks_the_columns(self) -> None:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(["PENGUKURAN KINERJA TAHUN 2025"])
        sheet.append(["No", "Sasaran", "Indikator Kinerja", "Satuan", "Tahun 2024", None, None, "Tahun Anggaran 2025",
                      None, None])
        sheet.append([None, None, None, None, "Target", "Realisasi", "Capaian (%)", "Target", "Realisasi",
                      "Capaian (%)"])
        for column in "ABCD":
            sheet.merge_cells(f"{column}2:{column}3")
        sheet.merge_cells("E2:G2")
        sheet.merge_cells("H2:J2")
        sheet.append([1, books.SASARAN_1, "Persentase koperasi sehat", "%", 60, 58, "96,67", 64, 60, "90,00"])
        book.save(self.dir / "years.xlsx")
        summary = import_file(self.dir / "years.xlsx", self.office, 2025)
        healthy = Indicator.objects.get(office=self.office)
        self.assertEqual(([(t.year, t.value) for t in healthy.targets.all()], healthy.actuals.get().value),
                         ([(2025, 64)], 60))
        # 60 ÷ 64 is 93,75%: the file's 90,00 of 2025 is checked, its 96,67 of 2024 is not read.
        self.assertEqual([(m.column, m.written) for m in summary.mismatches], [("Capaian (%) 2025 (J)", 90)])
        import_file(self.dir / "years.xlsx", self.office, 2024)
        self.assertEqual(healthy.targets.get(year=2024).value, 60)

    def test_numbers_that_look_like_years_in_the_first_row_are_data(self) -> None:
        path = self.book("f.xlsx", [books.SASARAN_2, "Jumlah wirausaha baru", "orang", 2000, 2015, ""],
                         [books.SASARAN_2, "Jumlah UMKM binaan", "unit", 1990, 2030, ""])
        summary = import_file(path, self.office, 2025)
        self.assertEqual(summary.rows, 2)
        self.assertEqual(Indicator.objects.get(name="Jumlah wirausaha baru").actuals.get().value, 2015)
