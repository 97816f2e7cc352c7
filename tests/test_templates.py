"""Django's {# … #} comment ends on the line it starts: one spread over two lines is not a comment but text,
printed into the page. Inside a PDF's <style> it became a CSS rule with an empty selector, and WeasyPrint
wrote "Invalid or unsupported selector" for every letter `kinerja demo` rendered. Longer comments use
{% comment %} … {% endcomment %}."""

from __future__ import annotations

from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "kinerja"
SUFFIXES = {".html", ".txt", ".css", ".xml", ".svg"}
TEMPLATES = sorted(p for p in PACKAGE.rglob("templates/**/*") if p.is_file() and p.suffix in SUFFIXES)


def unclosed_comments(text: str) -> list[int]:
    """Line numbers where a {# comment opens and is not closed on the same line."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        rest = line
        while "{#" in rest:
            rest = rest[rest.index("{#") + 2:]
            if "#}" not in rest:
                found.append(number)
                break
            rest = rest[rest.index("#}") + 2:]
    return found


def test_finds_templates():
    assert len(TEMPLATES) > 50


def test_the_check_sees_a_comment_spread_over_two_lines():
    assert unclosed_comments("a {# one #} b\n{# two\nlines #}\n{# x #}{# y") == [2, 4]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_comment_spreads_over_two_lines(path: Path):
    assert unclosed_comments(path.read_text(encoding="utf-8")) == [], \
        f"{path.relative_to(PACKAGE)}: a {{# comment spread over lines prints as text; use {{% comment %}}"
