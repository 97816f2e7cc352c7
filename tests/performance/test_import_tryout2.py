"""Workbooks of a second new user (tests written while trying kinerja with documents it had not seen): a
Perjanjian Kinerja whose Polaritas says the direction the indicator should move ("Meningkat", "Menurun"),
and a realisasi per triwulan whose Capaian adds the quarters up where kinerja's indicator takes the last."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.utils import translation
from openpyxl import Workbook

from kinerja.performance.importer import import_file
from kinerja.performance.models import Indicator
from tests.base import KinerjaTestCase

HIGHER, LOWER = Indicator.Polarity.HIGHER_IS_BETTER, Indicator.Polarity.LOWER_IS_BETTER
SASARAN = "Menurunnya angka kemiskinan pelaku usaha mikro"


class TryoutTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-tryout2-"))
        self.enterContext(translation.override("en"))

    def indicators(self) -> dict[str, Indicator]:
        return {i.name: i for i in Indicator.objects.filter(office=self.office)}


class DirectionPolarityTestCase(TryoutTestCase):
    def book(self) -> Path:
        book = Workbook()
        sheet = book.active
        sheet.append(["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Polaritas", "Target", "Realisasi"])
        sheet.append([1, SASARAN, "Persentase pelaku usaha miskin", "%", "Menurun", "12,5%", "10,00%"])
        sheet.append([2, SASARAN, "Jumlah pelaku usaha yang dilatih", "Orang", "Meningkat", "1.250", "1.300"])
        sheet.append([3, SASARAN, "Jumlah aduan layanan", "kasus", " menurun ", "10", "8"])
        path = self.dir / "pk.xlsx"
        book.save(path)
        return path

    def test_meningkat_and_menurun_are_read_as_the_polarity(self) -> None:
        import_file(self.book(), self.office, 2025)
        self.assertEqual({n: i.polarity for n, i in self.indicators().items() if n in (
            "Persentase pelaku usaha miskin", "Jumlah pelaku usaha yang dilatih", "Jumlah aduan layanan")}, {
            "Persentase pelaku usaha miskin": LOWER, "Jumlah pelaku usaha yang dilatih": HIGHER,
            "Jumlah aduan layanan": LOWER})
