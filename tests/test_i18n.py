"""Every user-facing string is in the Indonesian catalogue, translated.

makemessages runs on a copy of the package exactly as the developers run it (the shared catalogue in
src/kinerja/locale for the frame, one per domain app); any msgid it finds without an Indonesian
translation fails the test with its name. English is the language of the msgids themselves.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import kinerja

PACKAGE = Path(kinerja.__file__).resolve().parent
DOMAIN_APPS = ["sop", "workflow", "performance", "correspondence"]


def makemessages(cwd: Path, *ignore: str) -> None:
    (cwd / "locale").mkdir(exist_ok=True)
    # django-admin, not python -m django: the latter puts cwd first on sys.path, where
    # workflow/calendar.py would shadow the standard library.
    args = [str(Path(sys.executable).parent / "django-admin"), "makemessages", "-l", "id", "--no-obsolete"]
    for pattern in ignore:
        args += ["-i", pattern]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings",
           "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"makemessages in {cwd.name}: {done.stderr}"


def untranslated(po_path: Path) -> list[str]:
    if not po_path.exists():
        return []
    return [e.msgid for e in polib.pofile(str(po_path))
            if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="make test installs gettext")
def test_every_string_has_an_indonesian_translation(tmp_path: Path) -> None:
    copy = tmp_path / "kinerja"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    makemessages(copy, *(f"{app}/*" for app in DOMAIN_APPS), "formats/*")
    missing = {"kinerja": untranslated(copy / "locale/id/LC_MESSAGES/django.po")}
    for app in DOMAIN_APPS:
        makemessages(copy / app)
        missing[app] = untranslated(copy / app / "locale/id/LC_MESSAGES/django.po")
    assert {k: v for k, v in missing.items() if v} == {}


@pytest.mark.parametrize("po_path", sorted(PACKAGE.rglob("locale/id/LC_MESSAGES/django.po")),
                         ids=lambda p: p.relative_to(PACKAGE).parts[0])
def test_each_catalogue_passes_gettext_s_own_checks(po_path: Path) -> None:
    """`msgfmt --check`: format directives match between msgid and msgstr (an Indonesian message that drops
    %(n)s), plural forms and the header (language, plural rule) are right."""
    done = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po_path)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stderr, done.stderr


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="make test installs gettext")
@pytest.mark.parametrize("app", ["", *DOMAIN_APPS], ids=["kinerja", *DOMAIN_APPS])
def test_no_msgid_is_left_that_no_code_uses(tmp_path: Path, app: str) -> None:
    """A message the code no longer says (a note reworded) is removed from the catalogue with it, not left
    for translators to keep up. The shared catalogue (the frame and org) and each app's own."""
    copy = tmp_path / "kinerja"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    if app:
        makemessages(copy / app)
    else:
        makemessages(copy, *(f"{domain}/*" for domain in DOMAIN_APPS), "formats/*")
    catalogue = Path(app, "locale/id/LC_MESSAGES/django.po")
    used = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / catalogue)) if not e.obsolete}
    assert [e.msgid for e in polib.pofile(str(PACKAGE / catalogue)) if (e.msgctxt, e.msgid) not in used] == []
