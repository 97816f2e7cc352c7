"""Workbooks of a new user whose Dinas exports its Pengukuran Kinerja from e-SAKIP (tests written while trying
kinerja with documents it had not seen): a title block over a header in two rows, "Target", "Realisasi" and
"Capaian (%)" each merged over TW I … TW IV, the Sasaran merged down over its indicators, numbers typed as text
the Indonesian way, a "Formulasi/Cara Perhitungan" column and a signature under the table. Each quarter's
Capaian was not read: a "waktu pelayanan" the file computes as negative came in as positive, its 6 days
against a target of 5 shown as 120% "Sangat Tinggi", and a wrong Capaian of a quarter went unnoticed."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from openpyxl import Workbook

from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Actual, Indicator
from tests.base import KinerjaTestCase
from tests.performance.import_page import UploadMixin

HIGHER, LOWER = Indicator.Polarity.HIGHER_IS_BETTER, Indicator.Polarity.LOWER_IS_BETTER
SASARAN_1 = "Meningkatnya pertumbuhan sektor industri"
SASARAN_2 = "Meningkatnya kualitas pelayanan perizinan"


def pengukuran_kinerja(path: Path, *, capaian_ikm_tw2: str = "106,67") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Pengukuran Kinerja"
    for row, line in enumerate(["PENGUKURAN KINERJA", "DINAS PERINDUSTRIAN DAN PERDAGANGAN", "TAHUN 2025"], 1):
        sheet.cell(row, 1, line)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=18)
    top = ["No", "Sasaran Strategis", "Indikator Kinerja", "Formulasi/Cara Perhitungan", "Satuan", "Target Tahunan",
           "Target", None, None, None, "Realisasi", None, None, None, "Capaian (%)", None, None, None]
    for column, label in enumerate(top, 1):
        sheet.cell(6, column, label)
        sheet.cell(7, column, ["TW I", "TW II", "TW III", "TW IV"][(column - 7) % 4] if column >= 7 else None)
    for column in range(1, 7):
        sheet.merge_cells(start_row=6, start_column=column, end_row=7, end_column=column)
    for cells in ("G6:J6", "K6:N6", "O6:R6"):
        sheet.merge_cells(cells)
    rows = [
        [1, SASARAN_1, "Jumlah IKM yang terdaftar", "Jumlah IKM terdaftar di SIINas", "unit", "1.250",
         "300", "600", "900", "1.250", "310", "640", None, None, "103,33", capaian_ikm_tw2, None, None],
        [2, None, "Persentase IKM yang menerapkan standar", "(IKM berstandar : IKM) x 100%", "%", "87,5",
         "20%", "40%", "60%", "87,5%", "22%", "41,5%", None, None, "110", "103,75", None, None],
        [3, SASARAN_2, "Waktu rata-rata pelayanan izin usaha", "Rata-rata hari proses izin", "hari", "5",
         "5", "5", "5", "5", "4", "6", None, None, "120", "80", None, None],
    ]
    for number, values in enumerate(rows, 8):
        for column, value in enumerate(values, 1):
            sheet.cell(number, column, value)
    sheet.merge_cells("B8:B9")
    sheet.cell(13, 15, "Pringsewu, 10 Juli 2025")
    sheet.cell(14, 15, "KEPALA DINAS")
    sheet.cell(17, 15, "NIP. 19700101 199503 1 001")
    book.save(path)
    return path


class EsakipTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-tryout-esakip-"))
        self.enterContext(translation.override("en"))

    def indicator(self, name: str) -> Indicator:
        return Indicator.objects.get(office=self.office, name=name)


class QuarterAchievementTestCase(EsakipTestCase):
    def test_a_quarter_s_capaian_that_fits_only_a_negative_indicator_tells_its_polarity(self) -> None:
        summary = import_file(pengukuran_kinerja(self.dir / "pk.xlsx"), self.office, 2025)
        waktu = self.indicator("Waktu rata-rata pelayanan izin usaha")
        # 4 days against 5 is 120% and 6 days 80% only by (2 × target − actual) ÷ target.
        self.assertEqual((waktu.polarity, waktu.negative_method), (LOWER, Indicator.NegativeMethod.STANDARD))
        self.assertEqual(self.indicator("Jumlah IKM yang terdaftar").polarity, HIGHER)
        self.assertNotIn("Waktu rata-rata pelayanan izin usaha", summary.assumed_positive)
        self.assertEqual(summary.mismatches, [])

    def test_the_quarter_capaian_columns_are_named_as_checked(self) -> None:
        summary = import_file(pengukuran_kinerja(self.dir / "pk.xlsx"), self.office, 2025, dry_run=True)
        read = dict(summary.columns)
        self.assertEqual(read["Capaian TW II (checked, not saved)"], "Capaian (%) TW II (P)")
        self.assertNotIn("Capaian (%) TW I (O)", summary.unread_columns)

    def test_a_wrong_capaian_of_a_quarter_is_a_mismatch_naming_its_cell(self) -> None:
        summary = import_file(pengukuran_kinerja(self.dir / "pk.xlsx", capaian_ikm_tw2="100"), self.office, 2025)
        self.assertEqual([(m.row, m.column, m.written, round(m.computed, 2)) for m in summary.mismatches],
                         [(8, "Capaian (%) TW II (P)", 100, Decimal("106.67"))])
        self.assertIn("row 8, column Capaian (%) TW II (P): the file says 100,00%, kinerja computes 106,67%",
                      str(summary.mismatches[0]))


class ObjectiveChangeTestCase(EsakipTestCase):
    """The e-SAKIP export of the next year groups an indicator kinerja has under another Sasaran: it moved
    silently, and every year's report counted it towards the other Sasaran."""

    def test_an_indicator_the_file_puts_under_another_sasaran_moves_and_says_so(self) -> None:
        import_file(pengukuran_kinerja(self.dir / "pk.xlsx"), self.office, 2025)
        book = Workbook()
        book.active.append(["Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target"])
        book.active.append([SASARAN_1, "Waktu rata-rata pelayanan izin usaha", "hari", "5"])
        book.active.append([SASARAN_1, "Jumlah IKM yang terdaftar", "unit", "1.250"])
        book.save(self.dir / "pk2.xlsx")
        summary = import_file(self.dir / "pk2.xlsx", self.office, 2025)
        waktu = self.indicator("Waktu rata-rata pelayanan izin usaha")
        self.assertEqual(waktu.objective.name, SASARAN_1)
        moved = [str(w) for w in summary.warnings if "moves from the Sasaran" in str(w)]
        self.assertEqual(moved, [
            f'pk2.xlsx, sheet Sheet, row 2, column Sasaran Strategis (A): the indicator {waktu.code} Waktu rata-rata '
            f'pelayanan izin usaha moves from the Sasaran "{SASARAN_2}" to "{SASARAN_1}" as the file says; its '
            f'achievement counts towards "{SASARAN_1}" from now on, in every year\'s report. If that is not meant, '
            'correct the Sasaran in the file and import it again'])


class DefinitionTestCase(EsakipTestCase):
    """The Formulasi/Cara Perhitungan and Sumber Data columns were "not read": the office typed each indicator's
    formula and data source again on its page, though the indicator has both fields."""

    def test_the_formula_and_data_source_columns_fill_the_indicator_s_own(self) -> None:
        book = Workbook()
        book.active.append(["Sasaran", "Indikator Kinerja", "Definisi Operasional", "Satuan", "Target", "Sumber Data"])
        book.active.append([SASARAN_1, "Jumlah IKM yang terdaftar", "Jumlah IKM terdaftar di SIINas", "unit", "1.250",
                            "SIINas Kemenperin"])
        book.active.append([SASARAN_1, "Persentase IKM yang menerapkan standar", None, "%", "87,5", None])
        book.save(self.dir / "iku.xlsx")
        summary = import_file(self.dir / "iku.xlsx", self.office, 2025)
        self.assertIn(("Formulasi", "Definisi Operasional (C)"), summary.columns)
        self.assertIn(("Sumber Data", "Sumber Data (F)"), summary.columns)
        ikm = self.indicator("Jumlah IKM yang terdaftar")
        self.assertEqual((ikm.definition, ikm.data_source), ("Jumlah IKM terdaftar di SIINas", "SIINas Kemenperin"))
        # An empty cell keeps what the indicator has (here: nothing), as the e-SAKIP file's formula below.
        import_file(pengukuran_kinerja(self.dir / "pk.xlsx"), self.office, 2025)
        ikm.refresh_from_db()
        self.assertEqual((ikm.definition, ikm.data_source), ("Jumlah IKM terdaftar di SIINas", "SIINas Kemenperin"))
        standard = self.indicator("Persentase IKM yang menerapkan standar")
        self.assertEqual((standard.definition, standard.data_source), ("(IKM berstandar : IKM) x 100%", ""))

    def test_a_data_source_too_long_is_refused_naming_its_cell_and_nothing_is_saved(self) -> None:
        book = Workbook()
        book.active.append(["Sasaran", "Indikator Kinerja", "Satuan", "Target", "Sumber Data"])
        book.active.append([SASARAN_1, "Jumlah IKM yang terdaftar", "unit", "1.250", "BPS " * 80])
        book.save(self.dir / "iku.xlsx")
        with self.assertRaises(ImportFailed) as failed:
            import_file(self.dir / "iku.xlsx", self.office, 2025)
        self.assertIn("iku.xlsx, sheet Sheet, row 2, column Sumber Data (E): a data source has at most 300 characters",
                      str(failed.exception))
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())


class QuarterlyAgainstAnnualTestCase(UploadMixin, EsakipTestCase):
    """A Dinas reports its quarterly progress against the targets of its Perjanjian Kinerja, which has none per
    quarter: an indicator measured by the year (shown as "Diukur tahunan" in each quarter) then gets quarterly
    realisasi. Accepted, as offices report so, and said: the import names each such indicator and what its
    quarters become; the dashboard and the input page label the target as the year's."""

    def setUp(self) -> None:
        super().setUp()
        book = Workbook()
        book.active.append(["Sasaran", "Indikator Kinerja", "Satuan", "Target", "Target TW I", "Target TW II"])
        book.active.append([SASARAN_1, "Angka kemiskinan", "%", "8,5", None, None])
        book.active.append([SASARAN_1, "Jumlah IKM yang terdaftar", "unit", "1.250", "300", "600"])
        book.save(self.dir / "pk.xlsx")
        import_file(self.dir / "pk.xlsx", self.office, 2025)
        book = Workbook()
        book.active.append(["Indikator Kinerja", "Realisasi TW I", "Realisasi TW II"])
        book.active.append(["Angka kemiskinan", "8,9", "8,7"])
        book.active.append(["Jumlah IKM yang terdaftar", "310", "640"])
        book.save(self.dir / "realisasi.xlsx")
        self.realisasi = self.dir / "realisasi.xlsx"
        self.code = self.indicator("Angka kemiskinan").code

    def test_the_import_names_each_indicator_measured_against_the_year_s_target(self) -> None:
        summary = import_file(self.realisasi, self.office, 2025)
        self.assertEqual(summary.against_annual, [f"{self.code} Angka kemiskinan (TW I, TW II)"])
        self.assertEqual(Actual.objects.filter(indicator__name="Angka kemiskinan", quarter__isnull=False).count(), 2)
        self.assertIn("each quarter is compared with the year's target", summary.against_annual_note)

    def test_an_indicator_named_jumlah_without_satuan_and_target_is_the_indicator_not_a_total_row(self) -> None:
        # "Jumlah IKM yang terdaftar" read as a subtotal row ("Jumlah …" with no Satuan and no target) was dropped
        # without a word: its realisasi never came in.
        summary = import_file(self.realisasi, self.office, 2025)
        self.assertEqual(summary.rows, 2)
        self.assertEqual(sorted(Actual.objects.filter(indicator__name="Jumlah IKM yang terdaftar")
                                .values_list("quarter", "value_number")), [(1, 310), (2, 640)])

    def test_the_page_s_check_says_it_before_anything_is_saved(self) -> None:
        self.client.force_login(self.subsection_head)
        with translation.override("id"):
            response = self.upload(self.realisasi, dry_run="on")
        self.assertContains(response, "setiap triwulan dibandingkan dengan target tahunan")
        self.assertContains(response, f"<li>{self.code} Angka kemiskinan (TW I, TW II)</li>", html=True)
        self.assertFalse(Actual.objects.filter(indicator__name="Angka kemiskinan").exists())

    def test_the_input_page_and_the_dashboard_label_the_target_as_the_year_s(self) -> None:
        import_file(self.realisasi, self.office, 2025)
        Indicator.objects.filter(office=self.office).update(division=self.built.divisions[0])
        self.client.force_login(self.contacts[0])
        page = self.client.get("/data/input/", {"year": 2025, "quarter": 2}).content.decode()
        self.assertEqual(page.count("(target tahunan; tidak ada target triwulan)"), 1)  # not the IKM's of TW II
        self.client.force_login(self.subsection_head)
        page = self.client.get("/data/dashboard/", {"year": 2025, "quarter": 2}).content.decode()
        self.assertInHTML('<td class="num" data-label="Target">8,50<br><span class="muted small">tahunan</span></td>', page)
        self.assertInHTML('<td class="num" data-label="Target">600</td>', page)


class MonthlyColumnsTestCase(EsakipTestCase):
    """An e-Monev sheet with "Realisasi" merged over the months Jan … Jun: the first month's column was read as
    the year's realisasi (January's 100 against a target of 1.250) and the other months dropped."""

    def book(self, below: list[object]) -> Path:
        book = Workbook()
        sheet = book.active
        sheet.append(["Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi", None, None])
        sheet.append([None, None, None, None, *below])
        for column in "ABCD":
            sheet.merge_cells(f"{column}1:{column}2")
        sheet.merge_cells("E1:G1")
        sheet.append([SASARAN_1, "Jumlah IKM yang terdaftar", "unit", "1.250", 100, 200, 300])
        book.save(self.dir / "monev.xlsx")
        return self.dir / "monev.xlsx"

    def test_realisasi_merged_over_months_is_refused_naming_the_header_and_nothing_is_saved(self) -> None:
        with self.assertRaises(ImportFailed) as failed:
            import_file(self.book(["Jan", "Feb", "Mar"]), self.office, 2025)
        self.assertIn('monev.xlsx, sheet Sheet, row 1, column Realisasi (E): this header is merged over the columns '
                      'headed "Jan", "Feb", "Mar" below it, which kinerja does not read', str(failed.exception))
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())

    def test_quarters_under_it_are_still_read(self) -> None:
        import_file(self.book(["TW I", "TW II", "TW III"]), self.office, 2025)
        self.assertEqual(sorted(Actual.objects.values_list("quarter", "value_number")), [(1, 100), (2, 200), (3, 300)])


class TotalLikeRowTestCase(UploadMixin, EsakipTestCase):
    """A division's realisasi names a new indicator "Jumlah IKM baru binaan" without Satuan and target: read as a
    subtotal row and dropped without a word. It is still taken as a total (a "Jumlah Sasaran 1" is one), but said."""

    def test_a_row_named_like_a_total_with_a_value_is_named_and_a_bare_total_is_not(self) -> None:
        import_file(pengukuran_kinerja(self.dir / "pk.xlsx"), self.office, 2025)
        book = Workbook()
        book.active.append(["Indikator Kinerja", "Realisasi TW I"])
        book.active.append(["Waktu rata-rata pelayanan izin usaha", "4"])
        book.active.append(["Jumlah IKM baru binaan", "12"])
        book.active.append(["Jumlah", "16"])
        book.save(self.dir / "bidang.xlsx")
        summary = import_file(self.dir / "bidang.xlsx", self.office, 2025, dry_run=True)
        self.assertEqual((summary.rows, summary.total_rows), (1, [(3, "Jumlah IKM baru binaan")]))
        self.client.force_login(self.subsection_head)
        with translation.override("id"):
            response = self.upload(self.dir / "bidang.xlsx", dry_run="on")
        self.assertContains(response, 'Baris yang namanya seperti jumlah dianggap baris jumlah dan tidak dibaca: baris 3 '
                                      '"Jumlah IKM baru binaan".')
