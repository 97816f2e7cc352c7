"""Indonesian number formatting groups thousands ("1.052"); an id written into a page with it breaks the
link, anchor or form value it is part of once the rows pass a thousand. Every id printed by a template
goes through |unlocalize (or stands inside {% url %}, which does not localize)."""

from __future__ import annotations

import re
from pathlib import Path

import kinerja

TEMPLATES = Path(kinerja.__file__).resolve().parent
BARE_ID = re.compile(r"\{\{\s*[\w.]+\.(?:pk|id)\s*\}\}")


def test_no_template_prints_a_bare_id() -> None:
    found = [f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()[:120]}"
             for path in sorted(TEMPLATES.rglob("templates/**/*.html"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if BARE_ID.search(line)]
    assert not found, "ids printed with thousands separators:\n" + "\n".join(found)


def test_the_check_finds_a_bare_id() -> None:
    assert BARE_ID.search('<option value="{{ d.pk }}">')
    assert not BARE_ID.search('<option value="{{ d.pk|unlocalize }}">')
