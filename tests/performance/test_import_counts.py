"""What an import says it did, honestly counted: indicators and figures added, changed, and unchanged ("N tidak
berubah"); a row kinerja already has as the file gives it is not counted as changed."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from kinerja.performance.importer import import_file
from kinerja.performance.models import Actual, Indicator, Target
from tests.base import KinerjaTestCase
from tests.performance.test_import import GOOD, write_xlsx

COUNTS = ("indicators_created", "indicators_updated", "indicators_unchanged")


def tallies(summary: object) -> tuple[tuple[int, ...], tuple[int, int, int], tuple[int, int, int]]:
    t, a = summary.target_tally, summary.actual_tally  # type: ignore[attr-defined]
    return (tuple(getattr(summary, name) for name in COUNTS), (t.added, t.changed, t.unchanged),
            (a.added, a.changed, a.unchanged))


class ImportCountsTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-counts-"))

    def test_the_same_file_again_is_counted_unchanged(self) -> None:
        path = write_xlsx(self.dir / "pk.xlsx", GOOD)
        self.assertEqual(tallies(import_file(path, self.office, 2025)), ((4, 0, 0), (4, 0, 0), (4, 0, 0)))
        indicators = list(Indicator.objects.values_list("pk", "name", "unit", "polarity", "division_id"))
        summary = import_file(path, self.office, 2025)
        self.assertEqual(tallies(summary), ((0, 0, 4), (0, 0, 4), (0, 0, 4)))
        self.assertEqual(list(Indicator.objects.values_list("pk", "name", "unit", "polarity", "division_id")), indicators)
        self.assertEqual((Target.objects.count(), Actual.objects.count()), (4, 4))
        self.assertEqual(summary.count_lines, ["4 baris, 0 sasaran baru.", "Indikator: 0 baru, 0 diubah, 4 tidak berubah.",
                                               "Target: 0 baru, 0 diubah, 4 tidak berubah.",
                                               "Realisasi: 0 baru, 0 diubah, 4 tidak berubah."])

    def test_only_what_the_file_changes_is_counted_changed(self) -> None:
        import_file(write_xlsx(self.dir / "pk.xlsx", GOOD), self.office, 2025)
        rows = [list(r) for r in GOOD]
        rows[0][2] = "Jumlah koperasi aktif (RAT)"  # a new name
        rows[1][5] = "66"  # another target
        rows[2][6] = "24"  # another actual
        summary = import_file(write_xlsx(self.dir / "pk2.xlsx", rows), self.office, 2025)
        self.assertEqual(tallies(summary), ((0, 1, 3), (0, 1, 3), (0, 1, 3)))
        self.assertEqual(Indicator.objects.get(code="IK-01").name, "Jumlah koperasi aktif (RAT)")
        self.assertEqual(Target.objects.get(indicator__code="IK-02").value_number, 66)
        self.assertEqual(Actual.objects.get(indicator__code="IK-03").value_number, 24)

    def test_the_page_and_the_command_say_it(self) -> None:
        path = write_xlsx(self.dir / "pk.xlsx", GOOD)
        import_file(path, self.office, 2025)
        self.client.force_login(self.staff)
        page = self.client.post("/data/import/", {"year": 2025, "file": SimpleUploadedFile("pk.xlsx", path.read_bytes())})
        self.assertContains(page, "<li>Indikator: 0 baru, 0 diubah, 4 tidak berubah.</li>")
        self.assertContains(page, "<li>Realisasi: 0 baru, 0 diubah, 4 tidak berubah.</li>")
        out = io.StringIO()
        call_command("data", "import", str(path), "--year", "2025", "--office", self.office.code,
                     stdout=out)
        self.assertIn("Target: 0 baru, 0 diubah, 4 tidak berubah.", out.getvalue())
