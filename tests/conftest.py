"""Shared fixtures: an isolated MEDIA_ROOT, compiled catalogues, and Playwright on Debian's chromium.

A failing browser test leaves its screenshot in test-results/ (pytest-playwright's
--screenshot only-on-failure, set in pyproject.toml).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kinerja.i18n import compile_catalogues

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "test-results" / "screenshots"

# Playwright's sync API runs an event loop in the test thread; the ORM calls of a browser test
# are synchronous and safe there (NOTES.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config: pytest.Config) -> None:
    compile_catalogues()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "files"


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
