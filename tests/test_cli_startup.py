"""Start-up stays light: the heavy libraries (WeasyPrint, openpyxl, python-docx, pyHanko, holidays) are
imported inside the verbs that use them, never by `kinerja --help` or a group's help, which every command
and web worker pays for at start-up (apps' ready() imports each app's cli.py). One eager import in a
module that ready() reaches would add about a second to every `kinerja` command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("weasyprint", "openpyxl", "docx", "pyhanko", "holidays")

# The console script's main() in a fresh interpreter, then the heavy modules it left in sys.modules.
PROBE = """
import sys
from kinerja.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = {heavy!r}
print("LOADED:" + ",".join(sorted({{m.split(".")[0] for m in sys.modules}} & set(heavy))))
"""


@pytest.mark.parametrize("args", [("--help",), ("sop", "--help"), ("data", "--help"), ("case", "--help"),
                                  ("org", "--help")])
def test_help_imports_none_of_the_heavy_libraries(tmp_path: Path, args: tuple[str, ...]) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["KINERJA_DATA_DIR"] = str(tmp_path)
    done = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout  # the help was printed, so the commands were loaded
    loaded = done.stdout.rsplit("LOADED:", 1)[1].strip()
    assert loaded == "", f"kinerja {' '.join(args)} imported {loaded}"
