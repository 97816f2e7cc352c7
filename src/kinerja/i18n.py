"""Compiles every django.po of the package to its django.mo (run by make). polib does it in Python,
so no GNU gettext is needed to serve the translations."""

from __future__ import annotations

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent


def compile_catalogues(root: Path = ROOT) -> list[Path]:
    done = []
    for po_path in root.rglob("locale/*/LC_MESSAGES/django.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            done.append(mo_path)
    return done


if __name__ == "__main__":
    compile_catalogues()
