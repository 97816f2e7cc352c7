"""`kinerja sop plan` through the installed console script, as an administrator types it."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.test import SimpleTestCase


class PlanConsoleScriptTestCase(SimpleTestCase):
    """Through the installed `kinerja` script, as an administrator types it."""

    def run_kinerja(self, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "KINERJA_DATA_DIR": str(tmp), "KINERJA_DEBUG": "1"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        script = Path(sys.executable).parent / "kinerja"
        return subprocess.run([str(script), *args], env=env, capture_output=True, text=True, timeout=120, check=False)

    def test_it_exits_non_zero_with_a_clear_message(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            unknown = self.run_kinerja(Path(tmp), "sop", "plan", "9999", "--start", "2025-03-24T08:00:00+07:00")
            self.assertNotEqual(unknown.returncode, 0)
            self.assertIn("9999", unknown.stderr)
            self.assertNotIn("Traceback", unknown.stderr)
            bad = self.run_kinerja(Path(tmp), "sop", "plan", "9999", "--start", "besok pagi")
            self.assertNotEqual(bad.returncode, 0)
            self.assertIn("ISO 8601", bad.stderr)
            self.assertNotIn("Traceback", bad.stderr)
