"""A workbook whose title names one year ("PERJANJIAN KINERJA TAHUN 2027"), imported as another (the page
proposes this year; a PK for next year is made in December): refused, naming both years, before its targets
become this year's. A title naming the year asked for, several years (a Renstra), or none, and columns that
name their year themselves, import as before."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.utils import translation
from openpyxl import Workbook

from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Target
from tests.base import KinerjaTestCase


class TitleYearTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-year-"))
        self.enterContext(translation.override("en"))

    def pk(self, title: str, target_header: str = "Target") -> Path:
        book = Workbook()
        sheet = book.active
        sheet.append([title])
        sheet.append(["DINAS KOPERASI DAN UKM"])
        sheet.append(["Sasaran", "Indikator", "Satuan", target_header])
        sheet.append(["Meningkatnya koperasi sehat", "Persentase koperasi produsen sehat", "%", "70"])
        path = self.dir / "pk.xlsx"
        book.save(path)
        return path

    def test_a_title_of_another_year_is_refused(self) -> None:
        with self.assertRaises(ImportFailed) as raised:
            import_file(self.pk("PERJANJIAN KINERJA TAHUN 2027"), self.office, 2026)
        self.assertEqual([str(e) for e in raised.exception.errors], [
            "pk.xlsx, sheet Sheet, row 1, column A: the title names the year 2027, and the file is imported as 2026: "
            "choose the year 2027, or correct the title if the file is of 2026"])
        self.assertFalse(Target.objects.filter(indicator__office=self.office).exists())

    def test_what_still_imports(self) -> None:
        for title, year, header in (("PERJANJIAN KINERJA TAHUN 2027", 2027, "Target"),
                                    ("RENCANA STRATEGIS 2025-2029", 2026, "Target"),
                                    ("PERJANJIAN KINERJA", 2026, "Target"),
                                    ("PERJANJIAN KINERJA TAHUN 2027", 2026, "Target 2026")):
            with self.subTest(title=title, year=year):
                summary = import_file(self.pk(title, header), self.office, year)
                self.assertEqual(summary.targets, 1)
