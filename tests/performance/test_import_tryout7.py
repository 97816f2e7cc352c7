"""Workbooks of a seventh new user, a Dinas whose divisions send their realisasi in files of their own: a division
numbers its rows IK-01, IK-02 as its own list (the office's IK-01 is another indicator), a division renames an
indicator in its copy of the table, and a file numbers the indicators "1.1", "1.2" as the Perjanjian Kinerja
does, where kinerja gave them codes of its own."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from openpyxl import Workbook

from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Actual, Indicator, Target
from tests.base import KinerjaTestCase

SASARAN_1 = "Meningkatnya kontribusi sektor industri"
SASARAN_2 = "Meningkatnya tertib niaga"
GROWTH = "Persentase pertumbuhan industri kecil menengah"
DOCUMENTS = "Jumlah dokumen perencanaan industri"
VIOLATORS = "Jumlah pelaku usaha yang melanggar tertib ukur"


class TryoutTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-tryout7-"))
        self.enterContext(translation.override("en"))
        self.book("pk.xlsx", ["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target"], [
            ["IK-01", SASARAN_1, GROWTH, "%", "Positif", "4,5"],
            ["IK-02", SASARAN_1, DOCUMENTS, "dokumen", "Positif", "3"],
            ["IK-03", SASARAN_2, VIOLATORS, "orang", "Negatif", "0"],
        ])
        import_file(self.dir / "pk.xlsx", self.office, 2027)

    def book(self, name: str, header: list[str], rows: list[list[object]]) -> Path:
        book = Workbook()
        sheet = book.active
        sheet.title = "Realisasi"
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        path = self.dir / name
        book.save(path)
        return path

    def state(self) -> list[tuple[str, str, str, object]]:
        return [(i.code, i.name, i.unit, i.targets.get(year=2027, kind=Target.Kind.AGREEMENT).value)
                for i in Indicator.objects.filter(office=self.office).order_by("code")]


class CodeOfAnotherIndicatorTestCase(TryoutTestCase):
    def test_a_code_naming_another_indicator_than_the_row_s_name_is_refused_and_nothing_is_saved(self) -> None:
        # The division numbered its own two rows IK-01 and IK-02: "IK-02" is Jumlah dokumen in kinerja, the row
        # names the violators, IK-03. Saved as it was, IK-02 took the violators' name, unit and target.
        path = self.book("realisasi-bidang.xlsx", ["No", "Kode", "Indikator", "Satuan", "Target", "Realisasi TW1"], [
            [1, "IK-01", GROWTH, "%", "4,5", "1,2"],
            [2, "IK-02", VIOLATORS, "orang", "0", "2"],
        ])
        before = self.state()
        with self.assertRaises(ImportFailed) as raised:
            import_file(path, self.office, 2027)
        self.assertEqual(self.state(), before)
        self.assertFalse(Actual.objects.filter(indicator__office=self.office, year=2027).exists())
        message = str(raised.exception)
        self.assertIn("realisasi-bidang.xlsx, sheet Realisasi, row 3, column Kode", message)
        self.assertIn('"IK-02"', message)
        self.assertIn(DOCUMENTS, message)  # what IK-02 is in kinerja
        self.assertIn("IK-03", message)  # where the row's indicator is
        self.assertNotIn("row 2", message)  # IK-01 is the row's own indicator

    def test_a_dry_run_says_the_same(self) -> None:
        path = self.book("realisasi.xlsx", ["Kode", "Indikator", "Satuan", "Target", "Realisasi"], [
            ["IK-03", GROWTH, "%", "4,5", "5"],
        ])
        with self.assertRaises(ImportFailed) as raised:
            import_file(path, self.office, 2027, dry_run=True)
        self.assertIn("IK-01", str(raised.exception))


class RenamedIndicatorTestCase(TryoutTestCase):
    def test_a_known_code_with_a_new_name_renames_the_indicator_and_says_so(self) -> None:
        path = self.book("realisasi.xlsx", ["Kode", "Indikator", "Satuan", "Target", "Realisasi"], [
            ["IK-02", "Jumlah dokumen perencanaan pembangunan industri", "dokumen", "3", "2"],
        ])
        summary = import_file(path, self.office, 2027)
        indicator = Indicator.objects.get(office=self.office, code="IK-02")
        self.assertEqual(indicator.name, "Jumlah dokumen perencanaan pembangunan industri")
        warnings = [str(w) for w in summary.warnings]
        self.assertEqual(len(warnings), 1, warnings)
        self.assertIn("row 2, column Indikator", warnings[0])
        self.assertIn(DOCUMENTS, warnings[0])
        self.assertIn("Jumlah dokumen perencanaan pembangunan industri", warnings[0])

    def test_a_code_of_the_pk_s_numbering_for_a_known_name_changes_the_code_and_says_so(self) -> None:
        path = self.book("realisasi.xlsx", ["Kode", "Indikator", "Satuan", "Target", "Realisasi"], [
            ["1.1", GROWTH, "%", "4,5", "5"],
        ])
        summary = import_file(path, self.office, 2027)
        self.assertEqual(Indicator.objects.get(office=self.office, name=GROWTH).code, "1.1")
        warnings = [str(w) for w in summary.warnings]
        self.assertEqual(len(warnings), 1, warnings)
        self.assertIn("column Kode", warnings[0])
        self.assertIn("IK-01", warnings[0])
        self.assertIn("1.1", warnings[0])

    def test_the_same_name_written_with_other_capitals_and_spaces_is_no_rename(self) -> None:
        path = self.book("realisasi.xlsx", ["Kode", "Indikator", "Satuan", "Target", "Realisasi"], [
            ["IK-01", "  persentase pertumbuhan  industri kecil menengah", "%", "4,5", "5"],
        ])
        summary = import_file(path, self.office, 2027)
        self.assertEqual(summary.warnings, [])
        self.assertEqual(Indicator.objects.get(office=self.office, code="IK-01").targets.get(
            year=2027, kind=Target.Kind.AGREEMENT).value, Decimal("4.5"))


class ObstaclesAndSolutionsTestCase(TryoutTestCase):
    """A division's realisasi with its Kendala and Solusi (Upaya) columns, as the report's chapter on obstacles
    needs them: they were "not read", and the division typed them again on the input page or they were lost."""

    HEADER = ["Kode", "Indikator", "Satuan", "Target", "Realisasi TW I", "Realisasi TW II", "Kendala",
              "Upaya / Solusi"]

    def test_the_kendala_and_solusi_go_with_the_latest_figure_of_the_row(self) -> None:
        path = self.book("realisasi.xlsx", self.HEADER, [
            ["IK-01", GROWTH, "%", "4,5", "1,2", "2,5", "Data BPS terlambat terbit", "Koordinasi dengan BPS"],
            ["IK-02", DOCUMENTS, "dokumen", "3", "1", "", "Tenaga perencana terbatas", ""],
        ])
        summary = import_file(path, self.office, 2027)
        self.assertIn(("Kendala", "Kendala (G)"), summary.columns)
        self.assertIn(("Solusi", "Upaya / Solusi (H)"), summary.columns)
        self.assertEqual(summary.unread_columns, [])
        growth = Actual.objects.get(indicator__code="IK-01", year=2027, quarter=2, is_current=True)
        self.assertEqual((growth.obstacles, growth.solutions), ("Data BPS terlambat terbit", "Koordinasi dengan BPS"))
        first = Actual.objects.get(indicator__code="IK-01", year=2027, quarter=1, is_current=True)
        self.assertEqual((first.obstacles, first.solutions), ("", ""))
        documents = Actual.objects.get(indicator__code="IK-02", year=2027, quarter=1, is_current=True)
        self.assertEqual(documents.obstacles, "Tenaga perencana terbatas")

    def test_an_empty_cell_keeps_what_the_division_wrote_before(self) -> None:
        header = ["Kode", "Indikator", "Satuan", "Target", "Realisasi", "Kendala", "Solusi"]
        import_file(self.book("a.xlsx", header, [["IK-01", GROWTH, "%", "4,5", "5", "Data terlambat", "Surati BPS"]]),
                    self.office, 2027)
        import_file(self.book("b.xlsx", header, [["IK-01", GROWTH, "%", "4,5", "5,5", "", None]]), self.office, 2027)
        actual = Actual.objects.get(indicator__code="IK-01", year=2027, quarter=None, is_current=True)
        self.assertEqual((actual.value_number, actual.obstacles, actual.solutions),
                         (Decimal("5.5"), "Data terlambat", "Surati BPS"))

    def test_a_kendala_without_any_realisasi_on_its_row_is_named_as_not_saved(self) -> None:
        header = ["Kode", "Indikator", "Satuan", "Target", "Realisasi", "Kendala", "Solusi"]
        summary = import_file(self.book("c.xlsx", header, [
            ["IK-02", DOCUMENTS, "dokumen", "3", "", "Data belum tersedia", ""]]), self.office, 2027)
        warnings = [str(w) for w in summary.warnings]
        self.assertEqual(len(warnings), 1, warnings)
        self.assertIn("c.xlsx, sheet Realisasi, row 2, column Kendala", warnings[0])
        self.assertIn("not saved", warnings[0])
        self.assertFalse(Actual.objects.filter(indicator__code="IK-02", year=2027).exists())

    def test_a_rencana_aksi_names_its_kendala_column_as_not_read(self) -> None:
        # Its rows are activities: a Kendala there belongs to no one realisasi.
        path = self.book("renaksi.xlsx", ["Kode", "Indikator", "Rencana Aksi", "Target TW I", "Target TW II",
                                          "Target TW III", "Target TW IV", "Kendala"], [
            ["IK-02", DOCUMENTS, "Penyusunan dokumen", 0, 1, 2, 3, "Tenaga perencana terbatas"],
        ])
        summary = import_file(path, self.office, 2027)
        self.assertTrue(summary.plan)
        self.assertIn("Kendala (H)", summary.unread_columns)
        self.assertNotIn("Kendala", [meaning for meaning, _header in summary.columns])


class RenamedWithoutSasaranTestCase(TryoutTestCase):
    def test_a_name_close_to_an_indicator_kinerja_has_is_named_with_it(self) -> None:
        # The division retyped the indicator's name; the file has no Sasaran (it names indicators kinerja has),
        # so it was refused as a new indicator without a Sasaran, and the user did not see why it was new.
        path = self.book("realisasi.xlsx", ["No", "Indikator", "Satuan", "Target", "Realisasi"], [
            [1, GROWTH, "%", "4,5", "5"],
            [2, "Jumlah dokumen perencanaan pembangunan industri", "dokumen", "3", "2"],
        ])
        with self.assertRaises(ImportFailed) as raised:
            import_file(path, self.office, 2027)
        message = str(raised.exception)
        self.assertIn("row 3, column Indikator", message)
        self.assertIn(f'IK-02 "{DOCUMENTS}"', message)
        self.assertNotIn("row 2", message)

    def test_a_name_like_none_stays_a_new_indicator_without_a_sasaran(self) -> None:
        path = self.book("realisasi.xlsx", ["No", "Indikator", "Satuan", "Target", "Realisasi"], [
            [1, "Jumlah pasar rakyat yang direvitalisasi", "pasar", "4", "5"],
        ])
        with self.assertRaises(ImportFailed) as raised:
            import_file(path, self.office, 2027)
        self.assertIn("column Sasaran", str(raised.exception))
        self.assertNotIn("IK-0", str(raised.exception))

    def test_every_row_renamed_names_each_beside_the_missing_sasaran(self) -> None:
        path = self.book("realisasi.xlsx", ["No", "Indikator", "Satuan", "Target", "Realisasi"], [
            [1, "Persentase pertumbuhan industri kecil dan menengah", "%", "4,5", "5"],
        ])
        with self.assertRaises(ImportFailed) as raised:
            import_file(path, self.office, 2027)
        self.assertIn('row 2, column Indikator', str(raised.exception))
        self.assertIn(f'IK-01 "{GROWTH}"', str(raised.exception))


class TargetChangedByRealisasiTestCase(TryoutTestCase):
    def test_a_division_s_file_that_changes_the_year_s_target_says_so(self) -> None:
        # The division typed 45 for the Perjanjian Kinerja's 4,5: the signed target changed without a word (the
        # only warning was that the actual was far from 45).
        path = self.book("realisasi.xlsx", ["Indikator", "Satuan", "Target", "Realisasi TW I"], [
            [GROWTH, "%", "45", "1,2"],
            [DOCUMENTS, "dokumen", "3", "1"],
        ])
        summary = import_file(path, self.office, 2027)
        changed = [str(w) for w in summary.warnings if "4,5" in str(w)]
        self.assertEqual(len(changed), 1, [str(w) for w in summary.warnings])
        self.assertIn("row 2, column Target", changed[0])
        self.assertIn("from 4,5 to 45", changed[0])
        self.assertFalse([w for w in summary.warnings if w.row == 3])  # the same target: no word

    def test_a_text_target_changed_says_so_too(self) -> None:
        self.book("pk2.xlsx", ["Kode", "Sasaran", "Indikator", "Satuan", "Target"], [
            ["IK-09", SASARAN_2, "Nilai SAKIP Perangkat Daerah", "predikat", "BB"]])
        import_file(self.dir / "pk2.xlsx", self.office, 2027)
        summary = import_file(self.book("pk3.xlsx", ["Kode", "Sasaran", "Indikator", "Satuan", "Target"], [
            ["IK-09", SASARAN_2, "Nilai SAKIP Perangkat Daerah", "predikat", "A"]]), self.office, 2027)
        self.assertEqual(len(summary.warnings), 1)
        self.assertIn("from BB to A", str(summary.warnings[0]))
