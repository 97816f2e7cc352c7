"""A value written with its scale in the cell, as budgets and counts are typed ("Rp 1,2 miliar", "900 juta",
"1,5 juta" people): multiplied into the indicator's Satuan (Rupiah, or "juta rupiah" kept in juta), as a
header's "(Rp juta)" is. "M" and "T" are miliar to some and million to others: a money value using them is
refused with the ways to write it; a header scale and a cell scale together are refused too."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from openpyxl import Workbook

from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Indicator, Target
from tests.base import KinerjaTestCase

SASARAN = "Meningkatnya pendapatan asli daerah"


class CellScaleTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-scale-"))
        self.enterContext(translation.override("en"))

    def book(self, rows: list[tuple[str, str, object]], target: str = "Target") -> Path:
        book = Workbook()
        book.active.append(["Sasaran", "Indikator Kinerja", "Satuan", target])
        for name, unit, value in rows:
            book.active.append([SASARAN, name, unit, value])
        path = self.dir / "iku.xlsx"
        book.save(path)
        return path

    def targets(self) -> dict[str, Decimal]:
        return {i.name: Target.objects.get(indicator=i, year=2025, quarter=None).value
                for i in Indicator.objects.filter(office=self.office, objective__name=SASARAN)}

    def test_scale_words_in_cells(self) -> None:
        import_file(self.book([("Penerimaan pajak daerah", "Rp", "Rp 1,2 miliar"),
                               ("Retribusi parkir", "Rupiah", "Rp 900 juta"),
                               ("Nilai investasi", "Rp", "2,5 triliun"),
                               ("Belanja modal", "juta rupiah", "1,2 miliar"),
                               ("Jumlah penumpang", "orang", "1,5 juta"),
                               ("Jumlah kunjungan", "orang", "12 ribu")]), self.office, 2025)
        self.assertEqual(self.targets(), {
            "Penerimaan pajak daerah": Decimal("1.2E9"), "Retribusi parkir": Decimal("9E8"),
            "Nilai investasi": Decimal("2.5E12"), "Belanja modal": 1200, "Jumlah penumpang": 1500000,
            "Jumlah kunjungan": 12000})

    def test_m_in_an_amount_is_refused_with_the_ways_to_write_it(self) -> None:
        with self.assertRaises(ImportFailed) as raised:
            import_file(self.book([("Penerimaan pajak daerah", "Rp", "Rp 900 M")]), self.office, 2025)
        self.assertEqual([str(e) for e in raised.exception.errors], [
            'iku.xlsx, sheet Sheet, row 2, column Target (D): "M" is miliar to some and million to others; write the '
            'amount in full, or with the word: "900 miliar", "900 juta" ("Rp 900 M")'])

    def test_a_metre_is_no_scale(self) -> None:
        with self.assertRaises(ImportFailed) as raised:
            import_file(self.book([("Panjang jalan yang diperbaiki", "km", "900 m")]), self.office, 2025)
        self.assertNotIn("miliar", str(raised.exception))
        self.assertIn("a number is needed here", str(raised.exception))

    def test_a_header_scale_and_a_cell_scale_together_are_refused(self) -> None:
        with self.assertRaises(ImportFailed) as raised:
            import_file(self.book([("Penerimaan pajak daerah", "Rp", "1,2 miliar")], target="Target (Rp juta)"),
                        self.office, 2025)
        self.assertIn("the header gives the column's scale (juta) and the cell its own", str(raised.exception))
        self.assertFalse(Indicator.objects.filter(office=self.office, name="Penerimaan pajak daerah").exists())
