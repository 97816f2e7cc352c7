"""`kinerja sop plan` through the installed console script, as an administrator types it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.test import SimpleTestCase

from tests.workflow.test_plan import SEED_DUES

SEED = Path(__file__).resolve().parents[2] / "src/kinerja/sop/samples/sop-pengumpulan-data-kinerja.txt"


class PlanConsoleScriptTestCase(SimpleTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        # One data directory for the class: the first command creates and migrates its database.
        cls.tmp = tempfile.TemporaryDirectory()
        cls.addClassCleanup(cls.tmp.cleanup)

    def run_kinerja(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "KINERJA_DATA_DIR": self.tmp.name, "KINERJA_DEBUG": "1"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        env.pop("DATABASE_URL", None)
        script = Path(sys.executable).parent / "kinerja"
        return subprocess.run([str(script), *args], env=env, capture_output=True, text=True, timeout=300, check=False)

    @pytest.mark.own_sqlite
    def test_it_plans_the_seed_document_and_refuses_bad_input(self) -> None:
        done = self.run_kinerja("sop", "plan", str(SEED), "--start", "2025-03-24T08:00:00+07:00", "--json")
        self.assertEqual(done.returncode, 0, done.stderr)
        steps = json.loads(done.stdout)["steps"]
        self.assertEqual(steps[1], {"number": 2, "actor": "Kasubbag", "starts": "2025-03-24T08:02:00+07:00",
                                    "due": "2025-03-24T08:12:00+07:00"})
        self.assertEqual([s["due"] for s in steps], SEED_DUES)

        unknown = self.run_kinerja("sop", "plan", "9999", "--start", "2025-03-24T08:00:00+07:00")
        self.assertEqual(unknown.returncode, 1)
        self.assertIn("9999", unknown.stderr)
        self.assertNotIn("Traceback", unknown.stderr)

        bad = self.run_kinerja("sop", "plan", str(SEED), "--start", "besok pagi")
        self.assertEqual(bad.returncode, 1)
        self.assertIn("ISO 8601", bad.stderr)
        self.assertNotIn("Traceback", bad.stderr)

        missing = self.run_kinerja("sop", "plan", "/nowhere/sop.docx", "--start", "2025-03-24T08:00")
        self.assertEqual(missing.returncode, 1)
        self.assertIn("/nowhere/sop.docx", missing.stderr)
