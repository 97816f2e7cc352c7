"""`kinerja sop plan` of a document whose Waktu leaves a step without a time ("-", "Sesuai kebutuhan"): as the
import, it says which step and takes the time with --time; a stored version keeps its own times."""

from __future__ import annotations

import json
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

import kinerja.workflow.cli_plan  # noqa: F401  registers `sop plan` even where the app's ready() does not
from tests.base import KinerjaTestCase
from tests.sop.documents import sop_text

pytestmark = pytest.mark.usefixtures("english")

STEPS = [
    ("Mengajukan permohonan", "15 menit", "Pemohon"),
    ("Memeriksa kelengkapan berkas", "1 jam", "Petugas Loket"),
    ("Menyerahkan surat kepada pemohon", "-", "Petugas Loket"),
]
START = "2025-03-24T08:00:00+07:00"  # a Monday, in office hours


class PlanTimesTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.path = Path(self.enterContext(tempfile.TemporaryDirectory())) / "sop-waris.txt"
        self.path.write_text(sop_text(["Pemohon", "Petugas Loket"], STEPS, name="SURAT KETERANGAN AHLI WARIS"))

    def run_plan(self, *args: str) -> str:
        out = StringIO()
        call_command("sop", "plan", *args, stdout=out)
        return out.getvalue()

    def test_a_step_without_a_time_is_named_with_the_option_that_gives_it(self) -> None:
        with self.assertRaisesMessage(CommandError, 'Give its time with --time, for example --time "3=2 jam".'):
            self.run_plan(str(self.path), "--start", START)

    def test_the_time_given_with_time_is_planned(self) -> None:
        data = json.loads(self.run_plan(str(self.path), "--start", START, "--time", "3=15 menit", "--json"))
        self.assertEqual([s["due"] for s in data["steps"]],
                         ["2025-03-24T08:15:00+07:00", "2025-03-24T09:15:00+07:00", "2025-03-24T09:30:00+07:00"])

    def test_a_time_that_is_no_time_is_refused_naming_the_step(self) -> None:
        with self.assertRaisesMessage(CommandError, "the time given with --time 3=… cannot be read"):
            self.run_plan(str(self.path), "--start", START, "--time", "3=Sesuai kebutuhan")

    def test_a_stored_version_takes_no_time(self) -> None:
        call_command("sop", "import", str(self.path), "--office", self.office.code, "--time", "3=15 menit",
                     stdout=StringIO())
        version = self.office.sops.get().versions.get()
        with self.assertRaisesMessage(CommandError, "--time is for a document"):
            self.run_plan(str(version.pk), "--start", START, "--time", "3=1 jam")
