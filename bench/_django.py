"""What the document benchmarks (performance.py, report.py) share: Django set up in a process of their
own (measure_in_child), on a fresh SQLite database in a temporary data directory. A module whose name starts with "_" is
not a benchmark (run.py skips it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def setup(data_dir: str) -> None:
    """Django on a new database in `data_dir`, migrated. The data directory must be set before Django
    reads its settings."""
    os.environ["KINERJA_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    os.environ["KINERJA_HTTPS"] = "0"
    os.environ["KINERJA_ALLOWED_HOSTS"] = "testserver"
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def measure_in_child(script: str, results: Path) -> dict[str, Any]:
    """Run `script --measure` in a child process and write what it prints to `results`: bench/run.py
    imports every benchmark into one process, and Django reads KINERJA_DATA_DIR only once, at setup."""
    done = subprocess.run([sys.executable, script, "--measure"], capture_output=True, text=True, check=True, cwd=ROOT)
    found: dict[str, Any] = json.loads(done.stdout)
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps(found, indent=2) + "\n")
    return found


def command_line(main: Callable[[], dict[str, Any]], measure: Callable[[], dict[str, Any]]) -> None:
    """`python bench/X.py`: main() (measures in a child and writes the results); `--measure`: the child."""
    if sys.argv[1:] == ["--measure"]:
        print(json.dumps(measure()))
    else:
        print(json.dumps(main(), indent=2))
