"""Dates and times as Indonesians type and write them: "20 Maret 2025", "20/03/2025", "20-03-2025 14.30".

Shared by the SOP importer (dates of a document), the correspondence forms and the case forms (a browser
without a date picker gives a plain text box). Hand-written: Django's input formats are strptime patterns,
which read month names only in the server's C locale ("March", never "Maret" or "Agt"), and an office
writes the time with a dot (14.30).
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "maret": 3, "mar": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agus": 8, "agust": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nopember": 11, "nov": 11,
    "nop": 11, "desember": 12, "des": 12, "peb": 2, "pebr": 2, "febr": 2, "nopb": 11, "novb": 11, "okto": 10,
    # English month names appear in documents typed on English Word.
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "october": 10,
    "oct": 10, "december": 12, "dec": 12,
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
