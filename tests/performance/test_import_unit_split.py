"""A Pengukuran Kinerja or Perjanjian Kinerja whose "Target" (and "Realisasi") is merged over two columns,
"Volume | Satuan": the value and its unit, as the PK form of many regions has it. The unit under the target is
the indicator's Satuan; a second one under Realisasi is not read; nothing else changes how rows are read."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from openpyxl import Workbook

from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Actual, Indicator, Target
from tests.base import KinerjaTestCase

SASARAN_1 = "Meningkatnya kinerja pelayanan angkutan umum"
SASARAN_2 = "Menurunnya angka kecelakaan lalu lintas"


def split_book(path: Path, *, actual_unit: bool = False, value_word: str = "Volume",
               own_unit: bool = False) -> Path:
    """A title block, the header over two rows: No | Sasaran | Indikator | Target (Volume | Satuan) |
    Realisasi [(Volume | Satuan)] | Capaian, a row numbering the columns, Sasaran merged down over its
    indicators, and a signature under the table. `own_unit`: a Satuan column of its own too."""
    book = Workbook()
    sheet = book.active
    sheet.title = "PENGUKURAN KINERJA"
    for row, line in enumerate(["PENGUKURAN KINERJA", "DINAS PERHUBUNGAN", "TAHUN 2025"], start=1):
        sheet.cell(row, 1, line)
    top = ["No", "Sasaran Strategis", "Indikator Kinerja"] + (["Satuan"] if own_unit else []) + ["Target", None]
    sub = [None, None, None] + ([None] if own_unit else []) + [value_word, "Satuan"]
    top += ["Realisasi", None] if actual_unit else ["Realisasi"]
    sub += [value_word, "Satuan"] if actual_unit else [None]
    top += ["Capaian (%)"]
    sub += [None]
    sheet.append([])
    sheet.append(top)  # row 5
    sheet.append(sub)  # row 6
    for column, value in enumerate(top, start=1):
        if value and (value != "Target" and (value != "Realisasi" or not actual_unit)):
            sheet.merge_cells(start_row=5, start_column=column, end_row=6, end_column=column)
        elif value:
            sheet.merge_cells(start_row=5, start_column=column, end_row=5, end_column=column + 1)
    sheet.append([f"({n})" for n in range(1, len(top) + 1)])  # row 7
    rows = [(1, SASARAN_1, "Persentase armada angkutan umum yang laik jalan", "85", "%", "82,5", "%", "97,06"),
            (2, None, "Jumlah penumpang BRT", "1.250.000", "orang", "1.180.450", "orang", "94,44"),
            (3, SASARAN_2, "Jumlah simpang bersinyal yang berfungsi", "90", "simpang", "92", "simpang", "102,22")]
    for number, sasaran, name, target, unit, actual, actual_unit_value, achievement in rows:
        values = [number, sasaran, name] + ([unit] if own_unit else []) + [target, unit, actual]
        values += [actual_unit_value] if actual_unit else []
        sheet.append(values + [achievement])
    sheet.merge_cells("B8:B9")
    sheet.append([])
    sheet.append([None, None, None, "Bandar Lampung, 31 Desember 2025"])
    sheet.append([None, None, None, "KEPALA DINAS"])
    book.save(path)
    return path


class UnitSplitTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-split-"))
        self.enterContext(translation.override("en"))

    def figures(self) -> dict[str, tuple[str, Decimal, Decimal]]:
        found = {}
        for indicator in Indicator.objects.filter(office=self.office, name__in=[
                "Persentase armada angkutan umum yang laik jalan", "Jumlah penumpang BRT",
                "Jumlah simpang bersinyal yang berfungsi"]):
            target = Target.objects.get(indicator=indicator, year=2025, quarter=None).value
            actual = Actual.objects.filter(indicator=indicator, year=2025).latest("quarter").value
            found[indicator.name] = (indicator.unit, target, actual)
        return found

    def expected(self) -> dict[str, tuple[str, Decimal, Decimal]]:
        return {"Persentase armada angkutan umum yang laik jalan": ("%", Decimal(85), Decimal("82.5")),
                "Jumlah penumpang BRT": ("orang", Decimal(1250000), Decimal(1180450)),
                "Jumlah simpang bersinyal yang berfungsi": ("simpang", Decimal(90), Decimal(92))}

    def test_target_over_volume_and_satuan(self) -> None:
        summary = import_file(split_book(self.dir / "pk.xlsx"), self.office, 2025)
        self.assertEqual((summary.rows, summary.indicators_created), (3, 3))
        self.assertEqual(self.figures(), self.expected())
        self.assertEqual(summary.mismatches, [])  # the file's Capaian agrees

    def test_realisasi_over_volume_and_satuan_too(self) -> None:
        summary = import_file(split_book(self.dir / "pk.xlsx", actual_unit=True), self.office, 2025)
        self.assertEqual(self.figures(), self.expected())
        self.assertIn("Realisasi Satuan (G)", summary.unread_columns)

    def test_other_words_for_the_value(self) -> None:
        for word in ("Jumlah", "Kinerja", "Angka"):
            with self.subTest(word):
                import_file(split_book(self.dir / f"pk-{word}.xlsx", value_word=word), self.office, 2025)
                self.assertEqual(self.figures(), self.expected())

    def test_a_satuan_column_of_its_own_stays_the_satuan(self) -> None:
        summary = import_file(split_book(self.dir / "pk.xlsx", own_unit=True), self.office, 2025)
        self.assertEqual(self.figures(), self.expected())
        self.assertIn("Target Satuan (F)", summary.unread_columns)

    def test_without_a_split_the_satuan_is_still_missing(self) -> None:
        path = split_book(self.dir / "pk.xlsx")
        from openpyxl import load_workbook
        book = load_workbook(path)
        book.active["E6"] = "Keterangan"  # the second column under Target is no unit
        book.save(path)
        with self.assertRaises(ImportFailed) as caught:
            import_file(path, self.office, 2025)
        self.assertIn("row 8, column Satuan: the file has no Satuan column", str(caught.exception.errors[0]))
