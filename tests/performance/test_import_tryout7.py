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
