"""What the document benchmarks (performance.py, report.py) share: Django set up in a process of their
own, on a fresh SQLite database in a temporary data directory. A module whose name starts with "_" is
not a benchmark (run.py skips it)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

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
