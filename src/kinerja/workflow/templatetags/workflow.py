"""Template filters of the case pages."""

from __future__ import annotations

import datetime as dt
import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from kinerja.workflow.inbox import describe

register = template.Library()


@register.filter
def working_time(seconds: int | None, day_length: dt.timedelta) -> str:
    """Working seconds in words (2 hari kerja 3 jam), with the office's length of a working day."""
    if seconds is None:
        return ""
    return describe(dt.timedelta(seconds=seconds), day_length)


@register.filter
def printed(number: int | None, labels: dict[int, str]) -> str:
    """A step's number as the SOP prints it ("3.1"), from the number an audit event holds (the order the
    engine runs the steps in): `labels` maps one to the other for the case's SOP version."""
    if number is None or number == "":
        return ""
    return labels.get(number, str(number))


# A checksum in a note (the SHA-256 of an initialled or signed version, 64 characters without a space): it
# widened the table of steps past its card. 32 hex characters or more, whole, not part of a longer word.
_HEX_RUN = re.compile(r"(?<![0-9A-Za-z])[0-9a-fA-F]{32,}(?![0-9A-Za-z])")


@register.filter(needs_autoescape=True)
def short_hashes(text: str | None, autoescape: bool = True) -> str:
    """`text` with each checksum shown by its first 12 characters: the whole value stays in the element (copied
    with it, read out by a screen reader) and in its title; the CSS (code.hash-short) cuts what shows."""
    if not text:
        return ""
    esc = conditional_escape if autoescape else str
    parts, start = [], 0
    for found in _HEX_RUN.finditer(text):
        parts.append(esc(text[start:found.start()]))
        parts.append(format_html('<code class="hash-short" title="{}">{}</code>', found[0], found[0]))
        start = found.end()
    parts.append(esc(text[start:]))
    return mark_safe("".join(str(p) for p in parts))  # each part escaped above


@register.filter
def kept_for(kept: dict[str, list[tuple[str, str]]] | None, name: str) -> list[tuple[str, str]]:
    """The files kept for the file input `name` from an earlier try of the answer page (token, file name)."""
    return (kept or {}).get(name, [])
