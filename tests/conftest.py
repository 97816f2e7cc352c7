"""Shared fixtures: an isolated MEDIA_ROOT, compiled catalogues, and Playwright on Debian's chromium.

A failing browser test leaves its screenshot in test-results/ (pytest-playwright's
--screenshot only-on-failure, set in pyproject.toml).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kinerja.i18n import compile_catalogues

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "test-results" / "screenshots"
KINERJA = Path(shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja")

# Playwright's sync API runs an event loop in the test thread; the ORM calls of a browser test
# are synchronous and safe there (NOTES.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config: pytest.Config) -> None:
    compile_catalogues()
    # Pages that render charts or PDFs on a loaded two-core CI machine can take longer than
    # Playwright's default 5 s; an assertion still fails, only later.
    from playwright.sync_api import expect

    expect.set_options(timeout=20_000)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked own_sqlite run the console script with DATABASE_URL removed, on a SQLite database of its
    own: on a PostgreSQL run they would do exactly what the SQLite run did, and they are the slowest tests
    (a process started per command). CI runs `make test` on both, so they still run once in every CI."""
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return
    skip = pytest.mark.skip(reason="the console script runs on its own SQLite database: run in the SQLite pass")
    for item in items:
        if item.get_closest_marker("own_sqlite"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture(autouse=True)
def _indonesian() -> Iterator[None]:
    """Every test starts in the installation's language: a request that chose English must not
    leave English active for the next test in the same thread."""
    from django.utils import translation

    translation.activate("id")
    yield
    translation.deactivate()


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English, for tests that read them (`pytestmark = pytest.mark.usefixtures("english")`)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium",
            "args": ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
                     "--disable-component-update", "--disable-sync", "--no-first-run"]}


@pytest.fixture
def shot(page) -> Iterator:  # type: ignore[no-untyped-def]
    """shot(name) saves a full-page screenshot under test-results/screenshots/."""
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    yield take


def run_kinerja(*args: str, data_dir: Path, env: dict[str, str] | None = None,
                input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `kinerja` console script as a user would, in its own data directory.

    DATABASE_URL is dropped unless given in `env`: the CLI under test gets a private SQLite
    database instead of the server the test run itself uses."""
    full_env = {k: v for k, v in os.environ.items()
                if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "KINERJA_SECRET_KEY", "KINERJA_HTTPS",
                             "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    full_env.update({"KINERJA_DATA_DIR": str(data_dir), **(env or {})})
    return subprocess.run([str(KINERJA), *args], capture_output=True, text=True, env=full_env, input=input,
                          timeout=300)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kinerja.sqlite3 that the console script itself created and migrated (`kinerja manage migrate`),
    once per test process. Console-script tests start from a copy of it (with_migrated_database) rather than
    have their first command migrate a database of its own, which takes 10-15 s on a two-core CI machine;
    the first-use test (tests/test_cli.py, fixture kinerja_first_use) still starts from nothing."""
    home = tmp_path_factory.mktemp("migrated")
    done = run_kinerja("manage", "migrate", "--verbosity", "0", data_dir=home)
    assert done.returncode == 0, done.stderr
    return home / "kinerja.sqlite3"


def with_migrated_database(data_dir: Path, template: Path) -> Path:
    """`data_dir` holding a copy of the migrated database `template` (SQLite's backup: a consistent copy)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    source, target = sqlite3.connect(template), sqlite3.connect(data_dir / "kinerja.sqlite3")
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return data_dir


@pytest.fixture
def kinerja_first_use(tmp_path: Path):  # type: ignore[no-untyped-def]
    """kinerja("sop", "list") runs the console script in a data directory that holds nothing yet."""
    return _runner(tmp_path / "data")


@pytest.fixture
def kinerja(tmp_path: Path, migrated_sqlite: Path):  # type: ignore[no-untyped-def]
    """kinerja("sop", "list") runs the console script in a data directory of this test, whose database
    is migrated and empty (no office yet), as after the first use of a new installation."""
    return _runner(with_migrated_database(tmp_path / "data", migrated_sqlite))


def _runner(data_dir: Path):  # type: ignore[no-untyped-def]
    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None):  # type: ignore[no-untyped-def]
        return run_kinerja(*args, data_dir=data_dir, env=env, input=input)

    run.data_dir = data_dir  # type: ignore[attr-defined]
    return run
