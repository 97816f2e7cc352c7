"""A Dinas Perhubungan tries kinerja with its own workbooks (round5_books.py), through the import function, the
command line and the import page: a PK with cumulative quarter targets and the realisasi up to TW III, an IKU typed as
text with estimates ("± 85"), qualitative indicators (BB, WTP), a workbook of a Target and a Realisasi sheet, and an
LKjIP whose Keterangan says "Meningkat" / "Menurun" against last year. What the tryout found: "± 85" was no number; a
Keterangan of the trend against 2024 was read as the polarity (more accidents, "Meningkat", made them Positif); a
"Kondisi yang diharapkan" column was not read; "minimal BB" was refused for a Satuan "Nilai"; a realisasi of 72,5
beside a target of "BB" was saved as the text "72,5", never met; the grades were listed as taken as Positif."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase
from openpyxl import load_workbook

from kinerja.org import actions as org
from kinerja.performance.achievement import evaluate
from kinerja.performance.importer import ImportFailed, SeveralSheets, import_file
from kinerja.performance.models import Actual, Indicator, Target
from tests.base import KinerjaTestCase
from tests.performance import round5_books as books
from tests.performance.import_page import UploadMixin

D = Decimal
HIGHER, LOWER = Indicator.Polarity.HIGHER_IS_BETTER, Indicator.Polarity.LOWER_IS_BETTER


class Round5ImportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.office = org.create_office(code="dishub", name="Dinas Perhubungan Kota Bandar Lampung", short_name="Dishub",
                                       city="Bandar Lampung")
        org.add_unit(cls.office, "Sekretariat", "secretariat")
        org.add_unit(cls.office, "Bidang Angkutan", "division")

    def setUp(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="perf-round5-"))

    def values(self, model: type[Target] | type[Actual], **where: object) -> dict[str, Decimal | str]:
        found = model.objects.filter(indicator__office=self.office, year=2025, **where)
        return {name: number if number is not None else text
                for name, number, text in found.values_list("indicator__name", "value_number", "value_text")}

    def polarities(self) -> dict[str, str]:
        return dict(Indicator.objects.filter(office=self.office).values_list("name", "polarity"))

    def test_a_pk_with_cumulative_quarter_targets_and_the_realisasi_up_to_tw_iii(self) -> None:
        summary = import_file(books.pk_kumulatif(self.dir / "pk.xlsx"), self.office, 2025)
        self.assertEqual((summary.rows, summary.indicators_created, summary.mismatches), (3, 3, []))
        self.assertEqual(self.values(Target, kind="quarter", quarter=3),
                         {books.PENUMPANG: D(850000), books.HALTE: D(75), books.KECELAKAAN: D(90)})
        self.assertEqual(self.values(Target, kind="quarter", quarter=4)[books.PENUMPANG], D(1200000))
        self.assertEqual(self.values(Actual, quarter=3),
                         {books.PENUMPANG: D(870500), books.HALTE: D("72.5"), books.KECELAKAAN: D(84)})
        # Up to its quarter: each indicator's year is its last quarter, and the fourth quarter's target is the year's.
        self.assertEqual(set(Indicator.objects.filter(office=self.office).values_list("quarter_aggregation", flat=True)),
                         {Indicator.Aggregation.LAST})
        self.assertEqual(self.polarities()[books.KECELAKAAN], LOWER)  # its Capaian s.d. TW III of 106,67 says so
        self.assertEqual(summary.preview[2].polarity_source, "Capaian s.d. TW III (%) (K)")

    def test_the_realisasi_of_a_quarter_beside_the_one_up_to_it_is_refused_saying_which_to_keep(self) -> None:
        path = books.pk_kumulatif(self.dir / "pk.xlsx")
        book = load_workbook(path)
        sheet = book["PK 2025"]
        sheet["L4"], sheet["L6"], sheet["L7"], sheet["L8"] = "Realisasi TW III", 320500, "72,5", 24
        sheet.merge_cells("L4:L5")
        book.save(path)
        with self.assertRaises(ImportFailed) as raised:
            import_file(path, self.office, 2025)
        self.assertEqual([str(e) for e in raised.exception.errors], [
            'pk.xlsx, lembar PK 2025, baris 5, kolom Realisasi s.d. TW III (J): kolom ini memuat angka sampai dengan '
            'Triwulan III, sedangkan kolom Realisasi TW III (L) angka Triwulan III saja; kinerja menyimpan satu angka '
            'untuk tiap triwulan dan menjumlah triwulan-triwulannya seperti tertulis di halaman indikator ("Cara '
            'menjumlah triwulan"). Pertahankan salah satu dari kedua kolom itu di berkas: angka triwulan itu saja untuk '
            'indikator yang triwulannya dijumlahkan (jumlah, nilai uang), angka sampai dengan triwulan itu untuk '
            'indikator yang diukur sebagai tingkat (persentase, indeks); hapus kolom yang lain atau impor dalam berkas '
            'tersendiri'])
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())

    def test_figures_typed_as_text_the_indonesian_way_and_estimates(self) -> None:
        summary = import_file(books.iku_teks(self.dir / "iku.xlsx"), self.office, 2025)
        self.assertEqual(self.values(Target, kind="agreement"), {
            books.PENUMPANG: D(1250), books.HALTE: D(85), books.PJU: D(85), books.RETRIBUSI: D(1200000000),
            "Jumlah kendaraan yang diuji (KIR)": D(1500)})
        self.assertEqual(self.values(Actual, quarter=None), {
            books.PENUMPANG: D(1310), books.HALTE: D("85.5"), books.PJU: D("83.25"), books.RETRIBUSI: D(1125500000),
            "Jumlah kendaraan yang diuji (KIR)": D(1620)})
        self.assertEqual([str(w) for w in summary.warnings], [
            'iku.xlsx, lembar IKU, baris 6, kolom Target (E): "± 85" dibaca sebagai 85: kinerja menyimpan satu angka '
            'pasti; perbaiki berkasnya bila yang dimaksud angka lain',
            'iku.xlsx, lembar IKU, baris 7, kolom Target (E): "±85 %" dibaca sebagai 85: kinerja menyimpan satu angka '
            'pasti; perbaiki berkasnya bila yang dimaksud angka lain',
            'iku.xlsx, lembar IKU, baris 9, kolom Target (E): "kurang lebih 1.500" dibaca sebagai 1.500: kinerja '
            'menyimpan satu angka pasti; perbaiki berkasnya bila yang dimaksud angka lain'])
        self.assertEqual([(p.target, p.actual) for p in summary.preview][1:3], [("85", "85,5"), ("85", "83,25")])

    def test_other_ways_of_writing_an_estimate(self) -> None:
        path = books.iku_teks(self.dir / "iku.xlsx")
        book = load_workbook(path)
        book["IKU"]["E6"], book["IKU"]["F6"], book["IKU"]["E7"] = "+/- 85", "sekitar 86,5 %", "≥ ± 80"
        book.save(path)
        summary = import_file(path, self.office, 2025, dry_run=True)
        self.assertEqual([(p.target, p.actual) for p in summary.preview][1:3], [("85", "86,5"), ("80", "83,25")])
        self.assertEqual(summary.preview[2].polarity_source, "Target (E): “≥ ± 80”")
        self.assertEqual(len([w for w in summary.warnings if "dibaca sebagai" in w.message]), 4)

    def test_qualitative_indicators_keep_their_grade_and_opinion(self) -> None:
        summary = import_file(books.kualitatif(self.dir / "pk.xlsx"), self.office, 2025)
        self.assertEqual(self.values(Target, kind="agreement"),
                         {books.SAKIP: "BB", books.OPINI: "WTP", books.EVALUASI: "minimal BB"})
        actuals = self.values(Actual, quarter=None)
        self.assertEqual(actuals, {books.SAKIP: "B", books.OPINI: "Wajar Tanpa Pengecualian", books.EVALUASI: "A"})
        # "minimal BB" is met by BB or better: by A.
        self.assertEqual({name: evaluate(t, actuals[name]).met for name, t in self.values(Target, kind="agreement").items()},
                         {books.SAKIP: False, books.OPINI: True, books.EVALUASI: True})
        # Met on its scale whatever the polarity: not listed as taken as Positif.
        self.assertEqual(summary.assumed_positive, [])
        self.assertEqual(summary.warnings, [])

    def test_a_grade_target_with_any_comparison_the_importer_takes_is_met_as_it_says(self) -> None:
        # (target, realisasi, met): "at least" a grade is that grade or better, "more than" (di atas, >) better only.
        cases = [("Paling sedikit BB", "A", True), ("Tidak kurang dari BB", "BB", True),
                 ("Sekurang kurangnya BB", "BB", True), ("Di atas B", "B", False), ("> B", "BB", True)]
        path = books.kualitatif(self.dir / "pk.xlsx")
        book = load_workbook(path)
        for row, (target, actual, _met) in enumerate(cases, start=5):
            book["PK"].append([row - 1, books.SASARAN_3, f"Indikator {row}", "Nilai", target, actual])
        book.save(path)
        summary = import_file(path, self.office, 2025)
        self.assertEqual(summary.warnings, [])
        targets, actuals = self.values(Target, kind="agreement"), self.values(Actual, quarter=None)
        self.assertEqual({targets[f"Indikator {row}"]: evaluate(targets[f"Indikator {row}"], actuals[f"Indikator {row}"]).met
                          for row in range(5, 5 + len(cases))}, {target: met for target, _actual, met in cases})

    def test_a_number_beside_a_grade_target_is_refused_naming_the_cell(self) -> None:
        path = books.kualitatif(self.dir / "pk.xlsx")
        book = load_workbook(path)
        book["PK"]["F2"] = "72,5"  # the evaluation's score beside the target "BB"
        book["PK"]["F4"] = 81.2
        book.save(path)
        with self.assertRaises(ImportFailed) as raised:
            import_file(path, self.office, 2025)
        self.assertEqual([str(e) for e in raised.exception.errors], [
            'pk.xlsx, lembar PK, baris 2, kolom Realisasi (F): targetnya "BB", berupa teks (predikat, nilai huruf, '
            'opini), sedangkan nilai ini angka: kinerja menilai tercapai tidaknya target teks dengan membandingkan '
            'teks. Tulis nilai ini seperti targetnya ditulis (predikat yang sesuai dengan angkanya, misalnya "BB"), '
            'atau tulis targetnya sebagai angka juga ("72,5")',
            'pk.xlsx, lembar PK, baris 4, kolom Realisasi (F): targetnya "minimal BB", berupa teks (predikat, nilai '
            'huruf, opini), sedangkan nilai ini angka: kinerja menilai tercapai tidaknya target teks dengan '
            'membandingkan teks. Tulis nilai ini seperti targetnya ditulis (predikat yang sesuai dengan angkanya, '
            'misalnya "minimal BB"), atau tulis targetnya sebagai angka juga ("81.2")'])
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())

    def test_a_grade_beside_a_number_target_is_refused_naming_the_cell(self) -> None:
        path = books.kualitatif(self.dir / "pk.xlsx")
        book = load_workbook(path)
        book["PK"]["E4"] = "75,00"  # the Inspektorat's score as the target, its predikat as the realisasi
        book.save(path)
        with self.assertRaises(ImportFailed) as raised:
            import_file(path, self.office, 2025)
        self.assertEqual([str(e) for e in raised.exception.errors], [
            'pk.xlsx, lembar PK, baris 4, kolom Realisasi (F): nilai ini berupa predikat, nilai huruf atau opini, '
            'sedangkan targetnya angka (75,00): kinerja membandingkan angka dengan angka. Tulis nilai ini sebagai angka '
            'yang diwakilinya (skor hasil evaluasi), atau tulis targetnya sebagai predikat yang harus dicapai ("A")'])
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())

    def test_a_target_sheet_and_a_realisasi_sheet_with_totals_blank_rows_and_a_hidden_sheet(self) -> None:
        path = books.dua_lembar(self.dir / "kinerja.xlsx")
        with self.assertRaises(SeveralSheets) as raised:
            import_file(path, self.office, 2025)
        self.assertEqual(raised.exception.sheets, ["Target", "Realisasi"])  # not the hidden "Realisasi 2024"
        summary = import_file(path, self.office, 2025, sheet="Target")
        self.assertEqual((summary.rows, summary.total_rows, summary.unread_rows), (3, [], []))
        self.assertEqual(self.values(Target, kind="agreement"),
                         {books.PENUMPANG: D(1200000), books.HALTE: D(80), books.KECELAKAAN: D(120)})
        summary = import_file(path, self.office, 2025, sheet="Realisasi")
        self.assertEqual((summary.rows, summary.indicators_created, summary.total_rows), (3, 0, []))
        self.assertEqual(self.values(Actual, quarter=None),
                         {books.PENUMPANG: D(1185000), books.HALTE: D("77.5"), books.KECELAKAAN: D(131)})
        self.assertFalse(Indicator.objects.filter(name__in=["JUMLAH", "Rata-rata"]).exists())
        summary = import_file(path, self.office, 2024, sheet="Realisasi 2024", dry_run=True)  # named: read
        self.assertEqual(summary.preview[0].actual, "1.010.000")

    def test_a_keterangan_of_the_trend_against_last_year_is_not_the_polarity(self) -> None:
        summary = import_file(books.lkjip_tren(self.dir / "lkjip.xlsx"), self.office, 2025)
        # 140 accidents in 2024, 131 in 2025: "Menurun" says what happened, not that fewer is better.
        self.assertEqual(summary.assumed_positive, [books.KECELAKAAN, books.PJU, books.HALTE])
        self.assertEqual(summary.likely_negative, {books.KECELAKAAN: "“kecelakaan”"})
        self.assertEqual([p.polarity_source for p in summary.preview], ["", "", ""])
        self.assertIn("Keterangan (H)", summary.unread_columns)
        self.assertEqual([str(w) for w in summary.warnings], [
            'lkjip.xlsx, lembar Tabel 3.1, baris 2, kolom Keterangan (H): kolom ini hanya menyebut arah gerak realisasi '
            '("Meningkat", "Menurun") di samping Realisasi 2024 (E), realisasi tahun sebelumnya: dibaca sebagai tren '
            'terhadap tahun itu, bukan sebagai polaritas. Bila yang dimaksud polaritas, beri kolom ini judul '
            '"Polaritas" atau "Arah"'])

    def test_last_years_realisasi_named_without_its_year_tells_a_trend_too(self) -> None:
        for header in ("Realisasi Tahun Lalu", "Realisasi (n-1)"):
            with self.subTest(header):
                path = books.lkjip_tren(self.dir / "lkjip.xlsx")
                book = load_workbook(path)
                book["Tabel 3.1"]["E2"] = header
                book.save(path)
                summary = import_file(path, self.office, 2025, dry_run=True)
                self.assertEqual(len(summary.assumed_positive), 3)
                self.assertIn(f"di samping {header} (E), realisasi tahun sebelumnya", str(summary.warnings[0]))

    def test_the_same_keterangan_without_an_earlier_year_is_the_polarity(self) -> None:
        path = books.lkjip_tren(self.dir / "lkjip.xlsx")
        book = load_workbook(path)
        book["Tabel 3.1"].delete_cols(5)  # no Realisasi 2024: nothing to move against
        book.save(path)
        summary = import_file(path, self.office, 2025)
        self.assertEqual(self.polarities(), {books.KECELAKAAN: LOWER, books.PJU: HIGHER, books.HALTE: HIGHER})
        self.assertEqual(summary.preview[0].polarity_source, "Keterangan (G): “Menurun”")
        self.assertEqual(summary.warnings, [])

    def test_a_column_headed_as_the_direction_is_the_polarity_beside_last_year_too(self) -> None:
        for header in ("Kondisi yang diharapkan", "Arah"):
            with self.subTest(header):
                summary = import_file(books.pk_arah(self.dir / "pk.xlsx", header), self.office, 2025, dry_run=True)
                self.assertEqual([p.polarity_source for p in summary.preview],
                                 [f"{header} (F): “Menurun”", f"{header} (F): “Meningkat”"])
                self.assertEqual(summary.assumed_positive, [])
        path = books.pk_arah(self.dir / "pk.xlsx")
        book = load_workbook(path)
        book["PK"].insert_cols(5)
        book["PK"]["E1"], book["PK"]["E2"], book["PK"]["E3"] = "Realisasi 2024", 140, 78
        book.save(path)
        import_file(path, self.office, 2025)
        self.assertEqual(self.polarities(), {books.KECELAKAAN: LOWER, books.PJU: HIGHER})

    def test_a_policy_column_is_no_polarity(self) -> None:
        summary = import_file(books.pk_arah(self.dir / "pk.xlsx", "Arah Kebijakan"), self.office, 2025, dry_run=True)
        self.assertIn("Arah Kebijakan (F)", summary.unread_columns)
        self.assertEqual(summary.assumed_positive, [books.KECELAKAAN, books.PJU])

    def test_the_command_refuses_a_number_beside_a_grade_and_saves_nothing(self) -> None:
        path = books.kualitatif(self.dir / "pk.xlsx")
        book = load_workbook(path)
        book["PK"]["F3"] = "1"
        book.save(path)
        with self.assertRaisesMessage(CommandError, 'pk.xlsx, lembar PK, baris 3, kolom Realisasi (F): targetnya "WTP"'):
            call_command("data", "import", str(path), "--year", "2025", "--office", "dishub", stdout=StringIO())
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())


class Round5ImportPageTestCase(UploadMixin, KinerjaTestCase):
    """The LKjIP table and the IKU through the import page: checked first, with what was read and why, then imported."""

    def test_the_page_says_the_trend_and_the_estimate_then_imports(self) -> None:
        self.client.force_login(self.subsection_head)
        folder = Path(tempfile.mkdtemp(prefix="perf-round5-page-"))
        page = self.upload(books.lkjip_tren(folder / "lkjip.xlsx"), dry_run="on").content.decode()
        self.assertIn("dibaca sebagai tren terhadap tahun itu, bukan sebagai polaritas", page)
        self.assertIn(books.KECELAKAAN, page)
        self.assertFalse(Indicator.objects.filter(name=books.KECELAKAAN).exists())
        path = books.iku_teks(folder / "iku.xlsx")
        page = self.upload(path, dry_run="on").content.decode()
        self.assertIn("&quot;± 85&quot; dibaca sebagai 85", page)
        self.upload(path)
        self.assertEqual(Target.objects.get(indicator__name=books.HALTE, year=2025, kind="agreement").value_number, D(85))
