"""A Perjanjian Kinerja without a Satuan column, whose targets carry their unit ("70 %", "1.750 unit", "200 unit
usaha", "Rp 52.000.000.000", "1,5 juta orang"), as many PKs are typed: each new indicator takes the unit its value
is written with; an indicator kinerja has keeps its Satuan, converting a value written in Rupiah into "juta
rupiah" where it is kept so, and saying so; "Jumlah …" rows with such values are indicators, not subtotals."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from openpyxl import Workbook

from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Indicator, Objective, Target
from tests.base import KinerjaTestCase

SASARAN = "Meningkatnya daya saing koperasi dan UMKM"


class InlineUnitTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-inline-"))
        self.enterContext(translation.override("en"))

    def pk(self, rows: list[tuple[str, object]]) -> Path:
        book = Workbook()
        sheet = book.active
        sheet.append(["PERJANJIAN KINERJA TAHUN 2026"])
        sheet.append(["No", "Sasaran Strategis", "Indikator Kinerja", "Target"])
        for n, (name, target) in enumerate(rows, start=1):
            sheet.append([n, SASARAN if n == 1 else None, name, target])
        path = self.dir / "pk.xlsx"
        book.save(path)
        return path

    def saved(self, name: str) -> tuple[str, Decimal | str]:
        indicator = Indicator.objects.get(office=self.office, name=name)
        target = Target.objects.get(indicator=indicator, year=2026, quarter=None)
        return indicator.unit, target.value if target.value is not None else target.text

    def test_new_indicators_take_the_unit_written_with_their_value(self) -> None:
        rows = [("Persentase koperasi produsen sehat", "70 %"), ("Jumlah koperasi produsen", "1.750 unit"),
                ("Jumlah UMKM go ekspor", "200 unit usaha"), ("Nilai ekspor UMKM", "Rp 52.000.000.000"),
                ("Jumlah pengunjung pameran UMKM", "1,5 juta orang"), ("Persentase UMKM bersertifikat halal", "≥ 80 %")]
        summary = import_file(self.pk(rows), self.office, 2026)
        self.assertEqual((summary.rows, summary.indicators_created), (6, 6))
        self.assertEqual([self.saved(name) for name, _target in rows], [
            ("%", 70), ("unit", 1750), ("unit usaha", 200), ("Rp", 52000000000), ("orang", 1500000), ("%", 80)])
        self.assertEqual(summary.warnings, [])

    def test_an_indicator_kinerja_has_keeps_its_satuan(self) -> None:
        objective = Objective.objects.create(office=self.office, code="S1", name=SASARAN, plan_start_year=2025,
                                             plan_end_year=2029)
        for code, name, unit in (("IK-01", "Nilai omzet UMKM binaan", "juta rupiah"),
                                 ("IK-02", "Jumlah koperasi aktif", "unit"), ("IK-03", "Persentase koperasi sehat", "%")):
            Indicator.objects.create(office=self.office, objective=objective, code=code, name=name, unit=unit)
        summary = import_file(self.pk([("Nilai omzet UMKM binaan", "Rp 52.000.000.000"),
                                       ("Jumlah koperasi aktif", "1.750 koperasi"),
                                       ("Persentase koperasi sehat", "70")]), self.office, 2026)
        self.assertEqual(self.saved("Nilai omzet UMKM binaan"), ("juta rupiah", 52000))
        self.assertEqual(self.saved("Jumlah koperasi aktif"), ("unit", 1750))
        self.assertEqual(self.saved("Persentase koperasi sehat"), ("%", 70))
        self.assertEqual([str(w) for w in summary.warnings], [
            "pk.xlsx, sheet Sheet, row 3, column Target (D): the value is written in Rp and converted into juta rupiah, "
            "the Satuan kinerja has for this indicator",
            'pk.xlsx, sheet Sheet, row 4, column Target (D): the value is written with "koperasi"; the indicator keeps '
            "its Satuan in kinerja, unit (a Satuan column changes it)"])

    def test_a_new_indicator_with_a_bare_number_is_refused_and_nothing_saved(self) -> None:
        with self.assertRaises(ImportFailed) as raised:
            import_file(self.pk([("Jumlah koperasi produsen", "1.750 unit"), ("Jumlah koperasi syariah", "40")]),
                        self.office, 2026)
        self.assertEqual([str(e) for e in raised.exception.errors], [
            "pk.xlsx, sheet Sheet, row 4, column Satuan: the file has no Satuan column, and neither the value nor an "
            'indicator kinerja has gives one; write it with the value ("1.750 unit", "70 %") or add a Satuan column'])
        self.assertFalse(Indicator.objects.filter(office=self.office, name="Jumlah koperasi produsen").exists())
