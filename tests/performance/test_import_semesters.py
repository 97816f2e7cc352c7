"""Realisasi given by the half-year, in columns of their own ("Realisasi Semester I", "Realisasi Semester II"):
kinerja keeps the year's figure and each quarter's, with no half-year to read them into, and a semester's
figure is neither a quarter's nor (for an indicator whose quarters add up) the year's. The columns are not
read, and the import says so in words with how to give the figures instead (the quarters' columns), on the
page and on the console, rather than only listing them among the columns not read."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

from django.core.management import call_command
from openpyxl import Workbook

from kinerja.performance.importer import import_file
from kinerja.performance.models import Actual, Indicator
from tests.base import KinerjaTestCase
from tests.performance.import_page import UploadMixin

NOTE = ("kinerja menyimpan angka tahunan dan angka setiap triwulan, bukan angka semester: {columns} tidak dibaca. "
        'Tuliskan angka setiap triwulan dalam kolom berjudul "{kind} TW I" … "{kind} TW IV"')


def semesters(path: Path, *, targets: bool = False) -> Path:
    book = Workbook()
    sheet = book.active
    kinds = ["TARGET SEMESTER I", "TARGET SEMESTER II"] if targets else []
    sheet.append(["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "SATUAN", "TARGET", *kinds, "REALISASI SEMESTER I",
                  "REALISASI SEMESTER II"])
    extra = [40, 85] if targets else []
    sheet.append([1, "Meningkatnya koperasi aktif", "Persentase koperasi aktif", "%", 85, *extra, 41, 86])
    sheet.append([2, "Meningkatnya koperasi aktif", "Jumlah koperasi sehat", "koperasi", 120, *extra, 50, 118])
    book.save(path)
    return path


class SemesterColumnsTestCase(UploadMixin, KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-semesters-"))
        self.addCleanup(shutil.rmtree, self.dir)

    def test_the_import_says_semester_figures_are_not_read_and_how_to_give_quarters(self) -> None:
        summary = import_file(semesters(self.dir / "smt.xlsx"), self.office, 2025)
        self.assertEqual(summary.unread_columns, ["NO (A)", "REALISASI SEMESTER I (F)", "REALISASI SEMESTER II (G)"])
        (note,) = summary.semester_notes
        self.assertTrue(note.startswith(NOTE.format(columns="REALISASI SEMESTER I (F), REALISASI SEMESTER II (G)",
                                                    kind="Realisasi")), note)
        self.assertEqual(Indicator.objects.filter(office=self.office, name="Jumlah koperasi sehat").count(), 1)
        self.assertFalse(Actual.objects.filter(indicator__name="Jumlah koperasi sehat").exists())

    def test_semester_targets_are_said_apart_from_semester_realisasi(self) -> None:
        summary = import_file(semesters(self.dir / "smt.xlsx", targets=True), self.office, 2025, dry_run=True)
        target, actual = summary.semester_notes
        self.assertIn('"Target TW I" … "Target TW IV"', target)
        self.assertIn("TARGET SEMESTER I (F), TARGET SEMESTER II (G) tidak dibaca", target)
        self.assertIn("REALISASI SEMESTER I (H), REALISASI SEMESTER II (I) tidak dibaca", actual)

    def test_the_console_and_the_page_say_it(self) -> None:
        path = semesters(self.dir / "smt.xlsx")
        out = io.StringIO()
        call_command("data", "import", str(path), "--year", "2025", "--office", self.office.code, "--dry-run",
                     stdout=out)
        self.assertIn(NOTE.format(columns="REALISASI SEMESTER I (F), REALISASI SEMESTER II (G)", kind="Realisasi"),
                      out.getvalue())
        self.client.force_login(self.subsection_head)
        page = self.upload(path, dry_run="on").content.decode()  # type: ignore[attr-defined]
        self.assertIn('<p class="perf-semester-columns">', page)
        self.assertIn("bukan angka semester: REALISASI SEMESTER I (F), REALISASI SEMESTER II (G) tidak dibaca", page)

    def test_a_file_without_semester_columns_says_nothing_of_them(self) -> None:
        path = semesters(self.dir / "smt.xlsx")
        summary = import_file(path, self.office, 2025, dry_run=True)
        summary.unread_columns = ["NO (A)", "Keterangan (F)"]
        self.assertEqual(summary.semester_notes, [])
