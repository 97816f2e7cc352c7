"""Dates and times as Indonesians type and write them: "20 Maret 2025", "20/03/2025", "20-03-2025 14.30".

Shared by the SOP importer (dates of a document), the correspondence forms and the case forms (a browser
without a date picker gives a plain text box). Hand-written: Django's input formats are strptime patterns,
which read month names only in the server's C locale ("March", never "Maret" or "Agt"), and an office
writes the time with a dot (14.30).

Also the periods a case is about, as an office writes them ("Triwulan III 2025", "TW 3/2025", "Semester I
2025", "Bulan Maret 2025", "TA 2025"): `read_period` reads them once for the workflow, which refuses an
impossible one (workflow/periods.py), and for the performance data, which links the case to a quarter
(performance/requests.py). No date library reads "Trw. 2/2025" or a Roman quarter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "maret": 3, "mar": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agus": 8, "agust": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nopember": 11, "nov": 11,
    "nop": 11, "desember": 12, "des": 12, "peb": 2, "pebr": 2, "febr": 2, "nopb": 11, "novb": 11, "okto": 10,
    # English month names appear in documents typed on English Word.
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "october": 10,
    "aug": 8, "oct": 10, "december": 12, "dec": 12,
}
NONE_MARKS = {"", "-", "–", "—", "--", "n/a"}

# A time after the date: "14.30", "14:30", "14:30:00", "pukul 14.30", "jam 14.30 WIB"; ISO's "T" too.
_TIME_RE = re.compile(r"(?P<date>.+?)(?:,?\s*(?:pukul|jam|pk\.?)?\s*|t)(?P<h>\d{1,2})[.:](?P<m>\d{2})"
                      r"(?:[.:](?P<s>\d{2})(?:\.\d+)?)?(?:\s*(?:wib|wita|wit))?")


# What a letter writes before its date: the place ("Bandar Lampung, 29 November 2026") or the day of the
# week ("Senin, 30 November 2026", "Jum'at 4 Desember 2026").
_PLACE_RE = re.compile(r"[^\d,]+,\s*")
_WEEKDAY_RE = re.compile(r"(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad),?\s*")


def parse_date(text: str) -> dt.date | None:
    """"9 Januari 2023" → date; "-" or empty → None; also 09-01-2023, 9/1/2023, 9.1.2023 and 2023-01-09,
    and after a place or a day of the week ("Bandar Lampung, 29 Nop 2026", "Senin, 30 November 2026")."""
    cleaned = re.sub(r"\s+", " ", text.strip().lower()).rstrip(".")
    if cleaned in NONE_MARKS:
        return None
    while (m := _PLACE_RE.match(cleaned) or _WEEKDAY_RE.match(cleaned)) and m.end() < len(cleaned):
        cleaned = cleaned[m.end():]
    try:
        if m := re.fullmatch(r"(\d{1,2})[ -]([a-z]+)\.?,?[ -](\d{4})", cleaned):
            if m[2] not in MONTHS:
                raise ValueError
            return dt.date(int(m[3]), MONTHS[m[2]], int(m[1]))
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{2}:\d{2}(?::\d{2})?)?", cleaned):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", cleaned):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        pass
    raise ValueError(_("is not a date such as “9 Januari 2023” (or “-” for none)"))


def parse_datetime(text: str) -> dt.datetime | None:
    """"20-03-2025 14.30", "20 Maret 2025 pukul 14.30", "2025-03-20T14:30" → a naive datetime; empty → None.

    A date without a time means the end of that day: "by 20 Maret 2025" leaves the whole of the 20th."""
    cleaned = re.sub(r"\s+", " ", text.strip().lower()).rstrip(".")
    if cleaned in NONE_MARKS:
        return None
    m = _TIME_RE.fullmatch(cleaned)
    try:
        day = parse_date(m["date"] if m else cleaned)
        if day is None:
            raise ValueError
        if m is None:
            return dt.datetime.combine(day, dt.time(23, 59))
        return dt.datetime.combine(day, dt.time(int(m["h"]), int(m["m"]), int(m["s"] or 0)))
    except ValueError:
        raise ValueError(_("is not a date and time such as “20 Maret 2025 14.30”")) from None


# --- periods ---------------------------------------------------------------------------------------

FIRST_YEAR, LAST_YEAR = 2000, 2100
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# Any Roman letters or digits: "Triwulan V" and "TW 5" are read, to be refused, not taken for free text.
_NUMBER = r"(?P<n>[ivxlcdm]+|\d+)\b"
_YEAR_PREFIX = r"(?:(?:tahun anggaran|tahun|ta)\.?\s+)"
# A year written after a quarter, semester or month: "Triwulan III 2025", "Trw. 2/2025", "TW 1 Tahun 2025".
_YEAR_AFTER = rf"(?:\s*(?:/|-|\s)\s*{_YEAR_PREFIX}?(?P<y>\d+)\b)?"
_QUARTER = re.compile(rf"\b(?:triwulan|trw|tw|kuartal|quarter|q)\s*\.?\s*-?\s*{_NUMBER}{_YEAR_AFTER}")
_SEMESTER = re.compile(rf"\b(?:semester|smt)\s*\.?\s*-?\s*{_NUMBER}{_YEAR_AFTER}")
_MONTH_NAME = re.compile(r"^(?P<bulan>bulan\s+)?(?P<m>[a-z]+)\.?\s+(?:tahun\s+)?(?P<y>\d+)\.?$")
_MONTH_NUMBER = re.compile(r"^(?:bulan\s+)?(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4,})\.?$")
_YEAR_NAMED = re.compile(rf"\b{_YEAR_PREFIX}(?P<y>\d+)\b")
_WHOLE_YEAR = re.compile(r"^(?:(?:tahun anggaran|tahunan|tahun|ta|year|annual)\.?\s+)?(?P<y>\d+)"
                         r"(?:\s+(?:tahunan|annual))?\.?$")
_FOUR_DIGITS = re.compile(r"\b\d{4}\b")
# Words that read as a month name after "Bulan" without being one ("Bulan Tahun 2025" is no typo of a month).
_YEAR_WORDS = {"tahun", "ta", "anggaran", "year"}


@dataclass(frozen=True)
class Numbered:
    """A quarter, semester or month as the text writes it: `written` as typed ("iii", "3", "v", "maretz"),
    `value` the number it stands for (None: there is no such quarter, semester or month), `year` the year
    written with it, if any, as typed ("2025", "20255")."""

    written: str
    value: int | None
    year: str | None


@dataclass(frozen=True)
class WrittenPeriod:
    """What a period names, read by `read_period`; impossible numbers are kept, for the caller to refuse."""

    quarters: tuple[Numbered, ...] = ()
    semesters: tuple[Numbered, ...] = ()
    month: Numbered | None = None  # the whole text is a month: "Maret 2025", "11/2025", "Bulan Maretz 2025"
    years: tuple[str, ...] = ()  # years named as such ("Tahun 2025", "TA 2025", "2025"), as typed
    whole_year: bool = False  # the text is a year and nothing else ("Tahun 2025", "TA 2025", "2025")
    year: int | None = None  # the one year FIRST_YEAR-LAST_YEAR the text writes; None: none or several

    @property
    def possible(self) -> bool:
        """Every quarter, semester, month and year it names exists."""
        numbered = [*self.quarters, *self.semesters, *([self.month] if self.month else [])]
        return (all(n.value is not None for n in numbered)
                and all(is_year(y) for y in [*self.years, *(n.year for n in numbered if n.year)]))


def is_year(text: str) -> bool:
    return text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR


def read_period(text: str) -> WrittenPeriod:
    """What the period `text` names: its quarters ("Triwulan III 2025", "TW 3/2025", "Trw. 2/2025", "s.d.
    Triwulan II 2025", "Q3 2025"), semesters ("Semester I 2025"), a month ("Bulan Maret 2025", "11/2025"),
    its years ("Tahun 2025", "TA 2025", "2025"). Text it does not recognise reads as nothing."""
    words = " ".join((text or "").lower().replace(",", " ").split())

    def numbered(found: re.Match[str], limit: int) -> Numbered:
        n = found["n"]
        value = int(n) if n.isdigit() else _ROMAN.get(n)
        return Numbered(n, value if value is not None and 1 <= value <= limit else None, found["y"])

    month = None
    if found := _MONTH_NUMBER.match(words):
        month = Numbered(found["m"], int(found["m"]) if 1 <= int(found["m"]) <= 12 else None, found["y"])
    elif found := _MONTH_NAME.match(words):
        if found["m"] in MONTHS:
            month = Numbered(found["m"], MONTHS[found["m"]], found["y"])
        elif found["bulan"] and found["m"] not in _YEAR_WORDS:
            month = Numbered(found["m"], None, found["y"])  # "Bulan Maretz 2025": meant as a month, no month
    whole = _WHOLE_YEAR.match(words)
    years = [found["y"] for found in _YEAR_NAMED.finditer(words)]
    if whole and whole["y"] not in years:
        years.append(whole["y"])
    in_range = {y for y in _FOUR_DIGITS.findall(words) if is_year(y)}
    return WrittenPeriod(quarters=tuple(numbered(f, 4) for f in _QUARTER.finditer(words)),
                         semesters=tuple(numbered(f, 2) for f in _SEMESTER.finditer(words)),
                         month=month, years=tuple(years), whole_year=whole is not None,
                         year=int(in_range.pop()) if len(in_range) == 1 else None)
