"""A new user's first spreadsheets (tests/performance/new_user_books.py), imported as they are through the
function the page and the console script call, and through the page: what each row becomes, what is
passed over and said so, and a bad cell named by file, sheet, row, column and value with nothing saved."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from decimal import Decimal
from pathlib import Path

from django.core.management import call_command
from django.utils import translation
from openpyxl import Workbook, load_workbook

from kinerja.errors import KinerjaError
from kinerja.performance.importer import ImportFailed, header_sheets, import_file
from kinerja.performance.models import Actual, Indicator, Objective, Target
from tests.base import KinerjaTestCase
from tests.performance import new_user_books as books
from tests.performance.import_page import UploadMixin
from tests.performance.office_books import cached

HIGHER, LOWER = Indicator.Polarity.HIGHER_IS_BETTER, Indicator.Polarity.LOWER_IS_BETTER


class NewUserTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-new-user-"))
        self.enterContext(translation.override("en"))

    def indicators(self) -> dict[str, Indicator]:
        return {i.name: i for i in Indicator.objects.filter(office=self.office).select_related("objective", "division")}

    def targets(self, year: int = 2025) -> dict[str, Decimal | str | None]:
        return {n: i.targets.get(kind=Target.Kind.AGREEMENT, year=year).value for n, i in self.indicators().items()}

    def quarters(self, name: str, kind: str) -> dict[int, Decimal]:
        indicator = self.indicators()[name]
        if kind == "target":
            return {t.quarter: t.value_number for t in indicator.targets.filter(kind=Target.Kind.QUARTER)}
        return {a.quarter: a.value_number for a in indicator.actuals.filter(is_current=True, quarter__isnull=False)}

    def refused(self, path: Path, year: int = 2025) -> ImportFailed:
        with self.assertRaises(ImportFailed) as caught:
            import_file(path, self.office, year)
        return caught.exception


class PerjanjianKinerjaTestCase(NewUserTestCase):
    def test_it_reads_numbered_sasaran_rows_and_stops_at_the_notes_and_signatures(self) -> None:
        summary = import_file(books.perjanjian_kinerja(self.dir / "pk.xlsx"), self.office, 2025)
        self.assertEqual((summary.rows, summary.objectives_created, summary.notes_from), (5, 3, 15))
        self.assertEqual(summary.unread_rows, [])
        self.assertEqual(self.targets(), {
            "Persentase koperasi aktif": Decimal("85.5"),
            "Jumlah koperasi yang melaksanakan RAT": 1250,
            "Persentase UMKM naik kelas": Decimal("12.5"),  # 0,125 shown as 12,5%
            "Nilai omzet UMKM binaan": 1250000000,  # the "a." row under 2.1 is an indicator too
            "Indeks kepuasan masyarakat": Decimal("82.5")})
        self.assertEqual({n: i.objective.name for n, i in self.indicators().items()}, {
            "Persentase koperasi aktif": books.SASARAN_1, "Jumlah koperasi yang melaksanakan RAT": books.SASARAN_1,
            "Persentase UMKM naik kelas": books.SASARAN_2, "Nilai omzet UMKM binaan": books.SASARAN_2,
            "Indeks kepuasan masyarakat": books.SASARAN_3})
        self.assertNotIn("PIHAK KEDUA,", self.indicators())

    def test_the_no_column_numbering_an_indicator_1_1_is_its_code(self) -> None:
        # A PK without a Kode column numbers each indicator under its Sasaran: "1.1" is how the office names it.
        # "a." (a sub-item) and "1." (the Sasaran's own row) are no code: the indicator gets a free one.
        path = books.perjanjian_kinerja(self.dir / "pk.xlsx")
        book = load_workbook(path)
        book["PK 2025"]["A13"] = 3.1  # typed as a number in Excel
        book.save(path)
        import_file(path, self.office, 2025)
        self.assertEqual({n: i.code for n, i in self.indicators().items()}, {
            "Persentase koperasi aktif": "1.1", "Jumlah koperasi yang melaksanakan RAT": "1.2",
            "Persentase UMKM naik kelas": "2.1", "Nilai omzet UMKM binaan": "IK-04",
            "Indeks kepuasan masyarakat": "3.1"})

    def test_an_indicator_kinerja_has_keeps_its_code_beside_a_numbered_no_column(self) -> None:
        # The numbering of the rows is no Kode: the file does not rename the indicator's code (IK-07).
        objective = Objective.objects.create(office=self.office, code="S1", name=books.SASARAN_1,
                                             plan_start_year=2025, plan_end_year=2029)
        Indicator.objects.create(office=self.office, objective=objective, code="IK-07", name="Persentase koperasi aktif",
                                 unit="%")
        summary = import_file(books.perjanjian_kinerja(self.dir / "pk.xlsx"), self.office, 2025)
        self.assertEqual(self.indicators()["Persentase koperasi aktif"].code, "IK-07")
        self.assertEqual(self.indicators()["Jumlah koperasi yang melaksanakan RAT"].code, "1.2")
        self.assertEqual([str(w) for w in summary.warnings if "code" in str(w)], [])

    def test_a_target_abc_is_named_by_sheet_row_column_and_value_and_nothing_is_saved(self) -> None:
        path = books.perjanjian_kinerja(self.dir / "pk-salah.xlsx")
        book = load_workbook(path)
        book["PK 2025"]["E13"] = "abc"  # the last indicator: the rows above it are good
        book.save(path)
        failed = self.refused(path)
        self.assertEqual([str(e) for e in failed.errors], [
            'pk-salah.xlsx, sheet PK 2025, row 13, column TARGET (E): a number is needed here: the Satuan is indeks, '
            'which is counted or measured in numbers ("abc")'])
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())
        self.assertFalse(Objective.objects.filter(office=self.office).exists())
        self.assertFalse(Target.objects.exists())

    def test_a_text_target_on_a_scale_or_with_a_satuan_of_words_is_still_a_text(self) -> None:
        path = self.dir / "pk-opini.xlsx"
        book = Workbook()
        book.active.append(["Sasaran", "Indikator", "Satuan", "Target"])
        book.active.append([books.SASARAN_3, "Opini BPK", "%", "WTP"])  # a wrong Satuan, a known scale: kept
        book.active.append([books.SASARAN_3, "Predikat SAKIP", "predikat", "Baik"])
        book.active.append([books.SASARAN_3, "Persentase ASN disiplin", "%", "abc"])
        book.save(path)
        failed = self.refused(path)
        self.assertEqual(len(failed.errors), 1)
        self.assertIn('row 4, column Target (D): a number is needed here: the Satuan is %', str(failed.errors[0]))
        book.active.delete_rows(4)
        book.save(path)
        import_file(path, self.office, 2025)
        self.assertEqual(self.targets(), {"Opini BPK": "WTP", "Predikat SAKIP": "Baik"})

    def test_a_bad_actual_in_a_realisasi_sheet_names_its_cell_and_saves_no_row(self) -> None:
        path = books.realisasi_spellings(self.dir / "realisasi.xlsx")
        book = load_workbook(path)
        book["Realisasi"]["G6"] = "Rp 1,250,000"  # written the English way
        book["Realisasi"]["I3"] = "seribu"
        book.save(path)
        cached(path, 1, {"H5": 15.0})  # openpyxl drops the values Excel saved with the formulas: as Excel saves it
        failed = self.refused(path)
        self.assertEqual([str(e) for e in failed.errors], [
            'realisasi.xlsx, sheet Realisasi, row 3, column TW-3 (I): a number is needed here: "seribu" is not a '
            'number.',
            'realisasi.xlsx, sheet Realisasi, row 6, column Realisasi TW I (G): a number is needed here: '
            '"Rp 1,250,000" is written the English way; write it the Indonesian way, with a dot between thousands '
            'and a comma before decimals (1.725,50).'])
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())
        self.assertFalse(Actual.objects.exists())


class IkuTestCase(NewUserTestCase):
    def test_it_reads_the_columns_by_their_names_in_any_order(self) -> None:
        path = books.iku(self.dir / "iku.xlsx")
        summary = import_file(path, self.office, 2025)
        self.assertEqual(summary.rows, 3)
        self.assertEqual(self.targets(), {"Persentase koperasi sehat": 64, "Persentase pertumbuhan omzet UMKM": 5,
                                          "Nilai SAKIP Dinas": 70})
        found = self.indicators()
        self.assertEqual(found["Nilai SAKIP Dinas"].objective.name, books.SASARAN_3)  # the Sasaran after the IKU
        self.assertEqual(found["Persentase koperasi sehat"].unit, "%")
        import_file(path, self.office, 2026)
        self.assertEqual(self.targets(2026), {"Persentase koperasi sehat": 66,
                                              "Persentase pertumbuhan omzet UMKM": Decimal("5.5"),
                                              "Nilai SAKIP Dinas": 72})

    def test_a_penanggung_jawab_written_as_the_head_of_a_unit_gives_that_unit(self) -> None:
        import_file(books.iku(self.dir / "iku.xlsx"), self.office, 2025)
        self.assertEqual({n: i.division.name for n, i in self.indicators().items()}, {
            "Persentase koperasi sehat": "Bidang Kelembagaan dan Pengawasan Koperasi",  # "Kabid Kelembagaan"
            "Persentase pertumbuhan omzet UMKM": "Bidang Usaha Mikro, Kecil dan Menengah",  # "Kepala Bidang UMKM"
            "Nilai SAKIP Dinas": "Sekretariat"})  # "Sekretaris"

    def test_the_head_of_office_is_no_penanggung_jawab(self) -> None:
        path = books.iku(self.dir / "iku.xlsx")
        book = load_workbook(path)
        book["IKU"]["I7"] = "Kepala Dinas"
        book.save(path)
        failed = self.refused(path)
        self.assertEqual([str(e) for e in failed.errors], [
            'iku.xlsx, sheet IKU, row 7, column Penanggung\nJawab (I): no division, subsection or secretariat of the '
            'office has this name; the office has "Bidang Kelembagaan", "Bidang Pemberdayaan", "Bidang UMKM", "Bidang '
            'Kewirausahaan", "Subbag PKA", "Subbag Umpeg", "Sekretariat" ("Kepala Dinas")'])


class RealisasiTestCase(NewUserTestCase):
    def test_quarters_merged_over_target_realisasi_and_percent(self) -> None:
        summary = import_file(books.realisasi_grouped(self.dir / "monev.xlsx"), self.office, 2025)
        self.assertEqual((summary.rows, summary.targets, summary.actuals), (2, 10, 4))
        self.assertEqual(self.targets(), {"Persentase koperasi aktif": 85, "Jumlah koperasi baru": 40})
        self.assertEqual(self.quarters("Persentase koperasi aktif", "target"), {1: 80, 2: 82, 3: 84, 4: 85})
        self.assertEqual(self.quarters("Persentase koperasi aktif", "actual"), {1: 78, 2: 81})  # "-" in TW III
        self.assertEqual(self.quarters("Jumlah koperasi baru", "actual"), {1: 12, 2: 19})

    def test_a_file_of_2025_imported_as_2026_says_so_though_its_quarters_have_no_year(self) -> None:
        failed = self.refused(books.realisasi_grouped(self.dir / "monev.xlsx"), year=2026)
        self.assertEqual([str(e) for e in failed.errors], [
            'monev.xlsx, sheet Monev 2025, row 5, column Target: the column of 2026 is missing; the file has "Target '
            'tahun 2025": import it as that year'])

    def test_quarters_merged_over_target_and_realisasi_without_a_year_column(self) -> None:
        path = self.dir / "monev-tw.xlsx"
        book = Workbook()
        sheet = book.active
        sheet.append(["Sasaran", "Indikator", "Satuan", "TW-1", None, "TW-2", None])
        sheet.append([None, None, None, "Target", "Realisasi", "Target", "Realisasi"])
        for column in "ABC":
            sheet.merge_cells(f"{column}1:{column}2")
        sheet.merge_cells("D1:E1")
        sheet.merge_cells("F1:G1")
        sheet.append([books.SASARAN_1, "Jumlah koperasi baru", "unit", 10, 12, 20, 19])
        book.save(path)
        import_file(path, self.office, 2025)
        self.assertEqual(self.quarters("Jumlah koperasi baru", "target"), {1: 10, 2: 20})
        self.assertEqual(self.quarters("Jumlah koperasi baru", "actual"), {1: 12, 2: 19})
        self.assertEqual(self.targets(), {"Jumlah koperasi baru": 20})  # TW II's, as the indicator adds its quarters

    def test_every_spelling_of_the_quarter_and_of_the_numbers(self) -> None:
        summary = import_file(books.realisasi_spellings(self.dir / "realisasi.xlsx"), self.office, 2025)
        self.assertEqual(summary.rows, 4)
        self.assertEqual(self.targets(), {"Jumlah anggota koperasi": 1500, "Persentase koperasi sehat": 90,
                                          "Jumlah unit usaha koperasi": 20, "Nilai kredit UMKM tersalurkan": 5000000000})
        self.assertEqual(self.quarters("Jumlah anggota koperasi", "actual"), {1: Decimal("1234.5"), 2: 1300})
        self.assertEqual(self.quarters("Persentase koperasi sehat", "actual"),
                         {1: Decimal("85.5"), 2: Decimal("85.5"), 3: 87})  # "85,5%", 0,855 and 0,87 shown as %
        self.assertEqual(self.quarters("Jumlah unit usaha koperasi", "actual"), {1: 12, 2: 15})  # "12 unit", =G5+3
        self.assertEqual(self.quarters("Nilai kredit UMKM tersalurkan", "actual"), {1: 1250000, 2: 2500000})
        # The hidden "Realisasi 2024" is last year's: not read (0 would be an actual of the year).
        self.assertFalse(Actual.objects.filter(quarter__isnull=True).exists())
        self.assertEqual({i.objective.name for i in self.indicators().values()}, {books.SASARAN_1, books.SASARAN_2})

    def test_a_quarter_without_target_or_realisasi_beside_both_is_named_not_guessed(self) -> None:
        path = self.dir / "tw.xlsx"
        book = Workbook()
        book.active.title = "Data"
        book.active.append(["Sasaran", "Indikator", "Satuan", "Target TW I", "Realisasi TW I", "TW II"])
        book.active.append([books.SASARAN_1, "Jumlah koperasi baru", "unit", 10, 12, 19])
        book.save(path)
        failed = self.refused(path)
        self.assertEqual([str(e) for e in failed.errors], [
            'tw.xlsx, sheet Data, row 1, column TW II (F): kinerja cannot tell whether this quarter\'s column holds '
            'targets or actuals; write "Target TW II" or "Realisasi TW II" in its header'])
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())

    def test_quarters_without_a_word_beside_a_year_target_are_named_too(self) -> None:
        path = self.dir / "tw.xlsx"
        book = Workbook()
        book.active.append(["Sasaran", "Indikator", "Satuan", "Target", "Triwulan I", "Triwulan II"])
        book.active.append([books.SASARAN_1, "Jumlah koperasi baru", "unit", 40, 12, 19])
        book.save(path)
        self.assertEqual([e.field for e in self.refused(path).errors], ["Triwulan I (E)", "Triwulan II (F)"])


class SheetsAndPolarityTestCase(NewUserTestCase):
    def test_the_one_sheet_with_data_among_a_cover_a_guide_and_a_chart(self) -> None:
        summary = import_file(books.several_sheets(self.dir / "data.xlsx"), self.office, 2025)
        self.assertEqual((summary.sheet, summary.rows, summary.actuals), ("Data TW II", 2, 4))
        self.assertEqual(self.quarters("Persentase koperasi aktif", "actual"), {1: 80, 2: Decimal("81.5")})

    def test_the_polaritas_written_out_in_words(self) -> None:
        summary = import_file(books.negative_words(self.dir / "pengukuran.xlsx"), self.office, 2025)
        self.assertEqual(summary.assumed_positive, [])
        self.assertEqual(summary.mismatches, [])  # the file's Capaian agrees with kinerja's for each polarity
        self.assertEqual({n: i.polarity for n, i in self.indicators().items()}, {
            "Persentase keluhan masyarakat": LOWER, "Rata-rata waktu penyelesaian izin": LOWER,
            "Angka pengangguran terbuka": LOWER, "Jumlah wirausaha baru": HIGHER, "Persentase koperasi aktif": HIGHER})

    def test_a_polaritas_saying_both_ways_is_a_bad_cell(self) -> None:
        path = books.negative_words(self.dir / "pengukuran.xlsx")
        book = load_workbook(path)
        book.active["D2"] = "Positif (-)"
        book.active["D3"] = "Semakin lambat semakin baik"  # slower is better: makes no sense, not guessed
        book.active["D4"] = "Semakin cepat semakin baik"  # faster, of a percentage: no direction to read
        book.save(path)
        self.assertEqual([str(e) for e in self.refused(path).errors], [
            'pengukuran.xlsx, sheet Pengukuran, row 2, column Polaritas (D): the polarity is Positif or Negatif '
            '("Positif (-)")',
            'pengukuran.xlsx, sheet Pengukuran, row 3, column Polaritas (D): the polarity is Positif or Negatif '
            '("Semakin lambat semakin baik")',
            'pengukuran.xlsx, sheet Pengukuran, row 4, column Polaritas (D): "faster is better" says lower is better '
            'only for a time, and the Satuan of this row is "%", not a time (bulan, detik, hari, jam, menit, minggu, '
            'pekan); write Positif or Negatif ("Semakin cepat semakin baik")'])


class ActualsOnlyTestCase(NewUserTestCase):
    def test_a_division_sends_actuals_of_indicators_kinerja_has(self) -> None:
        import_file(books.perjanjian_kinerja(self.dir / "pk.xlsx"), self.office, 2025)
        summary = import_file(books.actuals_only(self.dir / "bidang.xlsx"), self.office, 2025)
        # The indicators are found as kinerja has them: unchanged, only their figures are new.
        self.assertEqual((summary.indicators_created, summary.indicators_updated, summary.indicators_unchanged,
                          summary.targets, summary.actual_tally.added), (0, 0, 2, 0, 2))
        self.assertEqual(self.quarters("Persentase koperasi aktif", "actual"), {3: Decimal("84.2")})
        self.assertEqual(self.quarters("Jumlah koperasi yang melaksanakan RAT", "actual"), {3: 1180})
        # Their Sasaran and targets stay as the PK gave them.
        self.assertEqual(self.indicators()["Persentase koperasi aktif"].objective.name, books.SASARAN_1)
        self.assertEqual(self.targets()["Jumlah koperasi yang melaksanakan RAT"], 1250)

    def test_an_indicator_kinerja_does_not_have_is_named_and_nothing_is_saved(self) -> None:
        import_file(books.perjanjian_kinerja(self.dir / "pk.xlsx"), self.office, 2025)
        path = books.actuals_only(self.dir / "bidang.xlsx")
        book = load_workbook(path)
        book.active["B5"] = "Jumlah koperasi yang melaksanakan RAT tepat waktu"
        book.save(path)
        failed = self.refused(path)
        self.assertEqual([str(e) for e in failed.errors], [
            "bidang.xlsx, sheet Bidang Kelembagaan, row 5, column Nama Indikator (B): the office has no indicator with "
            "this code or name; a file without a Target column can only give the actuals of indicators kinerja "
            "already has (import the Perjanjian Kinerja first, or add a Target column) (\"Jumlah koperasi yang "
            "melaksanakan RAT tepat waktu\")"])
        self.assertFalse(Actual.objects.exists())  # not even row 4's


class HeaderTestCase(NewUserTestCase):
    """Headers laid out for print rather than for kinerja."""

    def book(self, rows: list[list[object]], merges: tuple[str, ...] = ()) -> Path:
        path = self.dir / "data.xlsx"
        book = Workbook()
        book.active.title = "Data"
        for row in rows:
            book.active.append(row)
        for merge in merges:
            book.active.merge_cells(merge)
        book.save(path)
        return path

    def test_a_header_cell_merged_over_two_columns_is_one_column(self) -> None:
        path = self.book([["No", "Sasaran Strategis", None, "Indikator Kinerja", None, "Satuan", "Target"],
                          [1, books.SASARAN_1, None, "Persentase koperasi aktif", None, "%", "85"],
                          [2, books.SASARAN_1, None, "Jumlah koperasi baru", None, "unit", "40"]],
                         ("B1:C1", "D1:E1", "B2:C2", "D2:E2", "B3:C3", "D3:E3"))
        import_file(path, self.office, 2025)
        self.assertEqual(self.targets(), {"Persentase koperasi aktif": 85, "Jumlah koperasi baru": 40})

    def test_two_header_cells_of_one_kind_not_merged_are_still_named(self) -> None:
        path = self.book([["Sasaran", "Indikator", "Indikator Kinerja", "Satuan", "Target"],
                          [books.SASARAN_1, "Persentase koperasi aktif", "Persentase koperasi aktif", "%", "85"]])
        self.assertEqual([str(e) for e in self.refused(path).errors], [
            "data.xlsx, sheet Data, row 1, column Indikator Kinerja (C): the same column is also in column B"])

    def test_sasaran_and_indikator_in_one_column(self) -> None:
        path = self.book([["No", "Sasaran Strategis / Indikator Kinerja", "Satuan", "Target 2025"],
                          ["I", books.SASARAN_1, None, None],
                          ["1", "Persentase koperasi aktif", "%", "85"],
                          ["II", books.SASARAN_2, None, "-"],
                          ["1", "Persentase UMKM naik kelas", "%", "12,5"]])
        import_file(path, self.office, 2025)
        self.assertEqual({n: (i.objective.name, t) for (n, i), t in zip(self.indicators().items(),
                                                                       self.targets().values(), strict=True)}, {
            "Persentase koperasi aktif": (books.SASARAN_1, 85),
            "Persentase UMKM naik kelas": (books.SASARAN_2, Decimal("12.5"))})

    def test_target_iku_of_the_year_is_the_target(self) -> None:
        path = self.book([["Sasaran", "Indikator", "Satuan", "Target IKU 2025", "Realisasi Kinerja 2025"],
                          [books.SASARAN_1, "Persentase koperasi aktif", "%", "85", "80,5"]])
        import_file(path, self.office, 2025)
        self.assertEqual(self.targets(), {"Persentase koperasi aktif": 85})

    def test_a_target_column_of_another_plan_is_named_not_taken_for_a_file_of_actuals(self) -> None:
        path = self.book([["Sasaran", "Indikator", "Satuan", "Target Akhir Renstra", "Realisasi 2025"],
                          [books.SASARAN_1, "Persentase koperasi aktif", "%", "90", "80,5"]])
        self.assertEqual([str(e) for e in self.refused(path).errors], [
            'data.xlsx, sheet Data, row 1, column Target: the column is missing; "Target akhir renstra" is not read as '
            'the target of the year (it names something else, or another plan); name the column of the year\'s '
            'target "Target" or "Target 2025"'])

    def test_without_a_header_the_row_closest_to_one_says_what_it_lacks(self) -> None:
        path = self.book([["DATA KINERJA 2025"], ["No", "Uraian", "Sat", "Target"],
                          [1, "Persentase koperasi aktif", "%", "85"]])
        with self.assertRaises(KinerjaError) as caught:
            import_file(path, self.office, 2025)
        self.assertEqual(str(caught.exception), (
            'data.xlsx, sheet Data: row 2 looks like the header (No | Uraian | Sat | Target), but kinerja finds no '
            'column Indikator ("Indikator Kinerja", "Nama Indikator", "Indikator Kinerja Utama") there; name the '
            'column so'))


class ExcelHabitsTestCase(NewUserTestCase):
    def test_a_value_excel_turned_into_a_date_is_named_as_a_date(self) -> None:
        path = self.dir / "tanggal.xlsx"
        book = Workbook()
        book.active.title = "Data"
        book.active.append(["Sasaran", "Indikator", "Satuan", "Target", "Realisasi"])
        book.active.append([books.SASARAN_1, "Persentase koperasi aktif", "%", "85", dt.datetime(2025, 5, 3)])
        book.active["E2"].number_format = "d-mmm"  # "3-5" typed, Excel shows 3-May
        book.save(path)
        self.assertEqual([str(e) for e in self.refused(path).errors], [
            "tanggal.xlsx, sheet Data, row 2, column Realisasi (E): Excel turned the value into a date (3 May 2025); "
            "format the cell as Number or Text and type the value again"])

    def test_a_hidden_sheet_is_not_offered_but_read_when_named_or_alone(self) -> None:
        path = self.dir / "pk.xlsx"
        book = Workbook()
        book.active.title = "PK 2025"
        book.active.append(["Sasaran", "Indikator", "Satuan", "Target"])
        book.active.append([books.SASARAN_1, "Persentase koperasi aktif", "%", "85"])
        old = book.create_sheet("PK lama")
        old.append(["Sasaran", "Indikator", "Satuan", "Target"])
        old.append([books.SASARAN_1, "Persentase koperasi aktif", "%", "80"])
        old.sheet_state = "hidden"
        book.save(path)
        self.assertEqual(header_sheets(path, 2025), ["PK 2025"])
        self.assertEqual(import_file(path, self.office, 2025).sheet, "PK 2025")
        self.assertEqual(self.targets(), {"Persentase koperasi aktif": 85})
        import_file(path, self.office, 2025, sheet="PK lama")
        self.assertEqual(self.targets(), {"Persentase koperasi aktif": 80})
        book["PK 2025"].delete_rows(1, 2)
        book.save(path)
        self.assertEqual(header_sheets(path, 2025), ["PK lama"])


class NewUserConsoleTestCase(NewUserTestCase):
    def test_the_console_says_how_each_column_was_read(self) -> None:
        out = io.StringIO()
        call_command("data", "import", str(books.realisasi_grouped(self.dir / "monev.xlsx")), "--year", "2025",
                     "--office", self.office.code, "--dry-run", stdout=out)
        lines = out.getvalue().splitlines()
        self.assertIn("Columns read: Sasaran ← Sasaran (B); Indikator ← Indikator Kinerja (C); Satuan ← Satuan (D); "
                      "Target ← Target Tahun 2025 (E); Target TW I ← Target Triwulan I (F); Realisasi TW I ← Realisasi "
                      "Triwulan I (G); Target TW II ← Target Triwulan II (I); Realisasi TW II ← Realisasi Triwulan II "
                      "(J); Target TW III ← Target Triwulan III (L); Realisasi TW III ← Realisasi Triwulan III (M); "
                      "Target TW IV ← Target Triwulan IV (O); Realisasi TW IV ← Realisasi Triwulan IV (P).", lines)
        self.assertIn("Columns not read: No (A); Triwulan I % (H); Triwulan II % (K); Triwulan III % (N); "
                      "Triwulan IV % (Q).", lines)
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())


class NewUserPageTestCase(UploadMixin, NewUserTestCase):
    """The same files through the upload page: checked first, then imported; what was passed over is said."""

    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.staff)
        self.enterContext(translation.override("id"))

    def test_each_file_is_checked_then_imported(self) -> None:
        for make, rows in ((books.perjanjian_kinerja, 5), (books.iku, 3), (books.realisasi_grouped, 2),
                           (books.realisasi_spellings, 4), (books.several_sheets, 2), (books.negative_words, 5)):
            with self.subTest(make.__name__):
                path = make(self.dir / f"{make.__name__}.xlsx")
                response = self.upload(path, dry_run="on")
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["summary"].rows, rows)
                self.assertContains(response, 'class="perf-import-now"')
                self.assertFalse(Indicator.objects.filter(office=self.office).exists())
                token = response.context["form"]["upload"].value()
                response = self.client.post("/data/import/", {"year": 2025, "upload": token,
                                                              "sheet": response.context["summary"].sheet})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(Indicator.objects.filter(office=self.office).count(), rows)
                Indicator.objects.filter(office=self.office).delete()
                Objective.objects.filter(office=self.office).delete()

    def test_the_check_shows_the_code_each_new_indicator_takes(self) -> None:
        # Without a Kode column a new indicator numbered "1.1" in the No. column takes 1.1 as its code: the check
        # shows it before the import, as it shows a free code (IK-04) for a row numbered "a.".
        response = self.upload(books.perjanjian_kinerja(self.dir / "pk.xlsx"), dry_run="on")
        self.assertEqual({r.name: r.code for r in response.context["summary"].preview}, {
            "Persentase koperasi aktif": "1.1", "Jumlah koperasi yang melaksanakan RAT": "1.2",
            "Persentase UMKM naik kelas": "2.1", "Nilai omzet UMKM binaan": "IK-04",
            "Indeks kepuasan masyarakat": "3.1"})
        self.assertContains(response, '<td class="nowrap perf-preview-code" data-label="Kode">1.1</td>'
                                      '<td class="perf-preview-objective" data-label="Sasaran">'
                                      '<span class="perf-code">S1</span> ' + books.SASARAN_1,
                            html=False)
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())

    def test_the_page_says_where_the_notes_start(self) -> None:
        response = self.upload(books.perjanjian_kinerja(self.dir / "pk.xlsx"), dry_run="on")
        self.assertContains(response, "Mulai baris 15, catatan dan tanda tangan di bawah tabel tidak dibaca.")

    def test_a_target_abc_is_listed_and_nothing_is_saved(self) -> None:
        path = books.perjanjian_kinerja(self.dir / "pk.xlsx")
        book = load_workbook(path)
        book["PK 2025"]["E7"] = "abc"
        book.save(path)
        response = self.upload(path)
        self.assertContains(response, "pk.xlsx, lembar PK 2025, baris 7, kolom SATUAN", status_code=400, count=0)
        self.assertContains(response, "pk.xlsx, lembar PK 2025, baris 7, kolom TARGET (E)", status_code=400)
        self.assertContains(response, "&quot;abc&quot;", status_code=400)
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())

    def test_the_check_shows_how_each_column_was_read_and_the_rows_as_read(self) -> None:
        response = self.upload(books.iku(self.dir / "iku.xlsx"), dry_run="on")
        summary = response.context["summary"]
        self.assertEqual(summary.columns, [("Indikator", "Indikator Kinerja Utama (B)"),
                                           ("Formulasi", "Formulasi/Cara Pengukuran (C)"), ("Satuan", "Satuan (D)"),
                                           ("Target", "Target 2025 (F)"), ("Sasaran", "Sasaran Strategis (H)"),
                                           ("Bidang", "Penanggung Jawab (I)")])
        self.assertEqual(summary.unread_columns, ["No. (A)", "Kondisi Awal 2024 (E)", "Target 2026 (G)"])
        self.assertContains(response, "<li><strong>Target</strong> ← Target 2025 (F)</li>", html=True)
        self.assertContains(response, "Kolom yang tidak dibaca: No. (A), Kondisi Awal 2024 (E), Target 2026 (G)")
        self.assertContains(response, '<tr><td class="num perf-preview-row" data-label="Baris">7</td>'
                                      '<td class="nowrap perf-preview-code" data-label="Kode">IK-03</td>'
                                      '<td class="perf-preview-objective" data-label="Sasaran"><span class="perf-code">'
                                      'S3</span> Meningkatnya kualitas pelayanan publik <small class="muted '
                                      'perf-preview-new">(baru)</small></td>'
                                      '<td class="perf-preview-name" data-label="Indikator">Nilai '
                                      'SAKIP Dinas<br><small class="muted perf-preview-division">Sekretariat</small>'
                                      '</td><td data-label="Satuan">nilai</td>'
                                      '<td data-label="Polaritas">–</td><td class="num" data-label="Target">70</td>'
                                      '<td class="num" data-label="Realisasi">–</td></tr>', html=True)

    def test_the_preview_shows_the_quarters_as_read_the_indonesian_way(self) -> None:
        response = self.upload(books.realisasi_spellings(self.dir / "realisasi.xlsx"), dry_run="on")
        self.assertEqual([(m, h) for m, h in response.context["summary"].columns if "TW" in m], [
            ("Realisasi TW I", "Realisasi TW I (G)"), ("Realisasi TW II", "Triwulan 2 (H)"),
            ("Realisasi TW III", "TW-3 (I)"), ("Realisasi TW IV", "Realisasi TW IV (J)")])
        self.assertContains(response, '<td class="num" data-label="Realisasi">1.500<br><small>TW I: 1.234,5</small>'
                                      '<br><small>TW II: 1.300</small></td>', html=True, count=0)
        self.assertContains(response, '<td class="num" data-label="Realisasi">–<br><small>TW I: 1.234,5</small>'
                                      '<br><small>TW II: 1.300</small></td>', html=True)
        self.assertContains(response, '<td class="num" data-label="Target">5.000.000.000</td>', html=True)

