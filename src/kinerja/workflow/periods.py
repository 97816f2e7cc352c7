"""What a case's period may say (actions.start_case checks it).

A case's period is free text ("Triwulan III 2025", "TW 3 2025", "Juni 2025", "Tahun 2025", "s.d. Triwulan II
2025", or anything an office writes for a permit or a leave request). The performance app reads the usual
forms to link the case to a year and a quarter (performance/requests.period_of, via
extensions.period_key); a text it does not read stays the case's own words. What this module refuses is
only the impossible in a form it recognises: a quarter outside I–IV, a semester outside I–II, a month
outside 1–12, a month name nobody uses after "Bulan", a year outside 2000–2100. A typo such as "Triwulan V
2025" or "Triwulan III 20255" would otherwise start a case about no period at all, which the divisions
would be asked to report on.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from kinerja.dates import MONTHS
from kinerja.errors import KinerjaError

FIRST_YEAR, LAST_YEAR = 2000, 2100

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_NUMBER = r"(?P<n>[ivxlcdm]+|\d+)\b"
# A year written after a quarter, semester or month: "Triwulan III 2025", "Trw. 2/2025", "TW 1 Tahun 2025".
_YEAR_AFTER = r"(?:\s*(?:/|-|\s)\s*(?:(?:tahun anggaran|tahun|ta)\.?\s+)?(?P<y>\d+)\b)?"
_QUARTER = re.compile(rf"\b(?:triwulan|trw|tw|kuartal|quarter)\s*\.?\s*-?\s*{_NUMBER}{_YEAR_AFTER}")
_SEMESTER = re.compile(rf"\b(?:semester|smt)\s*\.?\s*-?\s*{_NUMBER}{_YEAR_AFTER}")
_YEAR = re.compile(r"\b(?:tahun anggaran|tahun|ta)\.?\s+(?P<y>\d+)\b")
_ONLY_YEAR = re.compile(r"^(?P<y>\d+)\.?$")
_MONTH_NAME = re.compile(r"^(?P<bulan>bulan\s+)?(?P<m>[a-z]+)\.?\s+(?:tahun\s+)?(?P<y>\d+)\.?$")
_MONTH_NUMBER = re.compile(r"^(?:bulan\s+)?(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4,})\.?$")
_YEAR_WORDS = {"tahun", "ta", "anggaran", "year"}


class BadPeriod(KinerjaError):
    """A period that names an impossible quarter, semester, month or year; the message names the value."""

    def __init__(self, text: str, problem: str) -> None:
        self.text, self.problem = text, problem
        super().__init__(_("Period “%(value)s”: %(problem)s") % {"value": text, "problem": problem})


def _number(text: str) -> int | None:
    """"3" → 3, "iii" → 3, "iv" → 4; None for Roman letters that are no quarter or semester ("v", "iiii"):
    every check here asks for 1–4 at most."""
    return int(text) if text.isdigit() else _ROMAN.get(text)


def _check_year(text: str, year: str | None) -> None:
    if year is not None and not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise BadPeriod(text, _("the year %(year)s is not between %(first)d and %(last)d.") % {
            "year": year, "first": FIRST_YEAR, "last": LAST_YEAR})


def check_period(text: str) -> None:
    """Raise BadPeriod when `text` names an impossible quarter, semester, month or year; any other text,
    recognised or not, passes."""
    text = text.strip()
    words = " ".join(text.lower().replace(",", " ").split())
    for found in _QUARTER.finditer(words):
        if _number(found["n"]) not in (1, 2, 3, 4):
            raise BadPeriod(text, _("there is no quarter %(number)s; a year has quarters I–IV (Triwulan I to IV, "
                                    "TW 1 to 4).") % {"number": found["n"].upper()})
        _check_year(text, found["y"])
    for found in _SEMESTER.finditer(words):
        if _number(found["n"]) not in (1, 2):
            raise BadPeriod(text, _("there is no semester %(number)s; a year has semesters I and II.") % {
                "number": found["n"].upper()})
        _check_year(text, found["y"])
    if found := _MONTH_NUMBER.match(words):
        if not 1 <= int(found["m"]) <= 12:
            raise BadPeriod(text, _("there is no month %(number)s; months are 1 to 12.") % {"number": found["m"]})
        _check_year(text, found["y"])
    if found := _MONTH_NAME.match(words):
        if found["m"] in MONTHS:
            _check_year(text, found["y"])
        elif found["bulan"] and found["m"] not in _YEAR_WORDS:
            raise BadPeriod(text, _("“%(month)s” is not a month; write e.g. Bulan Maret 2025.") % {
                "month": found["m"]})
    for found in _YEAR.finditer(words):
        _check_year(text, found["y"])
    if found := _ONLY_YEAR.match(words):
        _check_year(text, found["y"])
