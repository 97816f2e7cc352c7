"""New indicators a file gives no Polaritas for are taken as Positif and listed for the user to check; those whose
name reads as lower-is-better ("Jumlah kecelakaan lalu lintas", a "waktu" counted in hari) are marked "probably
Negatif" with the words that say so, unless a word turns them round ("penurunan angka kemiskinan"). The hint
changes nothing saved: the user decides."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.utils import translation
from openpyxl import Workbook

from kinerja.performance.importer import import_file, likely_negative
from kinerja.performance.models import Indicator
from tests.base import KinerjaTestCase
from tests.performance.import_page import UploadMixin

SASARAN = "Meningkatnya keselamatan dan pelayanan"
ROWS = [("Jumlah kecelakaan lalu lintas", "kejadian"), ("Persentase penurunan angka kemiskinan", "%"),
        ("Rata-rata waktu pelayanan izin", "hari"), ("Jumlah wirausaha baru", "orang")]


class NegativeHintTestCase(UploadMixin, KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-hint-"))
        self.enterContext(translation.override("en"))
        book = Workbook()
        book.active.append(["Sasaran", "Indikator", "Satuan", "Target"])
        for name, unit in ROWS:
            book.active.append([SASARAN, name, unit, 10])
        self.path = self.dir / "iku.xlsx"
        book.save(self.path)

    def test_the_words(self) -> None:
        self.assertEqual(likely_negative("Angka kematian ibu"), "“kematian”")
        self.assertEqual(likely_negative("Persentase kasus yang diselesaikan"), "")
        self.assertEqual(likely_negative("Waktu rata-rata respons", "jam"), "“waktu”")
        self.assertEqual(likely_negative("Persentase waktu layanan daring", "%"), "")
        self.assertEqual(likely_negative("Jumlah koperasi tidak aktif"), "“tidak aktif”")

    def test_the_import_marks_them_and_saves_them_positive(self) -> None:
        summary = import_file(self.path, self.office, 2025)
        self.assertEqual(summary.assumed_positive, [name for name, _unit in ROWS])
        self.assertEqual(summary.likely_negative, {"Jumlah kecelakaan lalu lintas": "“kecelakaan”",
                                                   "Rata-rata waktu pelayanan izin": "“waktu”"})
        self.assertEqual({i.polarity for i in Indicator.objects.filter(office=self.office, objective__name=SASARAN)},
                         {Indicator.Polarity.HIGHER_IS_BETTER})

    def test_the_command_and_the_page_say_so(self) -> None:
        out = io.StringIO()
        call_command("data", "import", str(self.path), "--year", "2025", "--dry-run", "--office", self.office.code,
                     stdout=out)
        self.assertIn("  - Jumlah kecelakaan lalu lintas (probably Negatif: “kecelakaan”)\n", out.getvalue())
        self.assertIn("  - Jumlah wirausaha baru\n", out.getvalue())
        self.client.force_login(self.admin)
        page = self.upload(self.path, dry_run="on").content.decode()
        self.assertIn("Jumlah kecelakaan lalu lintas <strong>(kemungkinan Negatif: “kecelakaan”)</strong>", page)
        self.assertIn("<li>Jumlah wirausaha baru</li>", page)
