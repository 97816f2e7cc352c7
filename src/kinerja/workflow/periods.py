"""What a case's period may say (actions.start_case checks it).

A case's period is free text ("Triwulan III 2025", "TW 3 2025", "Juni 2025", "Tahun 2025", "s.d. Triwulan II
2025", or anything an office writes for a permit or a leave request). The performance app reads the usual
forms to link the case to a year and a quarter (performance/requests.period_of, via
extensions.period_key); both read the text with kinerja.dates.read_period, so they agree on every form. A
text it does not read stays the case's own words. What this module refuses is only the impossible in a
form it recognises: a quarter outside I–IV, a semester outside I–II, a month outside 1–12, a month name
nobody uses after "Bulan", a year outside 2000–2100. A typo such as "Triwulan V 2025" or "Triwulan III
20255" would otherwise start a case about no period at all, which the divisions would be asked to report on.

A period someone types to start a case (the start page, kinerja case start) is held to more when the SOP
asks the divisions for their data of a period: it must be a year, a quarter, a semester or a month of one
year (check_typed_period); "kapan-kapan" left the answer page with no indicators. The page offers the
periods of the office's years (period_choices, office_years).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

from kinerja.dates import FIRST_YEAR, LAST_YEAR, is_year, read_period
from kinerja.errors import KinerjaError
from kinerja.sop.models import SopVersion, Step

# What a step that coordinates with the divisions must speak of for its case to be about a period (document
# words, not UI text): their data, reports, figures, proposals ("Menginventarisir bahan data kinerja dan
# berkoordinasi dengan bidang-bidang", "merekap usulan bidang-bidang"). Data, a report or a proposal of one
# application is not that: "memverifikasi data pemohon", "laporan hasil peninjauan lokasi usaha", "berkas
# permohonan", the words of a permit or a service SOP, whose cases are one applicant's each.
_APPLICATION = (r"(?:pemohon|permohonan|pengaju(?:an)?|pendaftar(?:an)?|pelamar|calon|peserta|penerima|nasabah|"
                r"wajib|usaha|lokasi|berkas|teknis|peninjauan|survei|survey|kunjungan|verifikasi|lapangan|"
                r"hasil\s+(?:peninjauan|survei|survey|verifikasi|kunjungan|pemeriksaan))")
_PERIOD_DATA_RE = re.compile(
    r"\b(?:(?:data|laporan|usulan)(?!\s+(?:(?:dan|serta)\s+\w+\s+)?" + _APPLICATION + r"\b)"
    r"|capaian|realisasi|kinerja|lakip|lkjip|rekap\w*)\b",
    re.IGNORECASE)


def gathers_period_data(steps: Iterable[Step]) -> bool:
    """Whether an SOP's steps ask the divisions for their data of a period: then each case names its period,
    and one case at a time is about it (actions.start_case). A step that coordinates with the divisions on
    one application ("Memverifikasi berkas dan lokasi usaha serta berkoordinasi dengan bidang-bidang terkait",
    in a permit SOP) asks for their view on it, not for data of a period: its cases need no period, and many
    run at once. So does one that speaks of the applicant's data ("Memverifikasi data pemohon serta
    berkoordinasi dengan bidang-bidang terkait")."""
    return any(s.coordinates_divisions and _PERIOD_DATA_RE.search(s.activity) for s in steps)


class BadPeriod(KinerjaError):
    """A period that names an impossible quarter, semester, month or year; the message names the value."""

    def __init__(self, text: str, problem: str) -> None:
        self.text, self.problem = text, problem
        super().__init__(_("Period “%(value)s”: %(problem)s") % {"value": text, "problem": problem})


def _check_year(text: str, year: str | None) -> None:
    if year is not None and not is_year(year):
        raise BadPeriod(text, _("the year %(year)s is not between %(first)d and %(last)d.") % {
            "year": year, "first": FIRST_YEAR, "last": LAST_YEAR})


def check_period(text: str) -> None:
    """Raise BadPeriod when `text` names an impossible quarter, semester, month or year; any other text,
    recognised or not, passes. kinerja.dates.read_period reads it, as it does for the performance app."""
    text = text.strip()
    read = read_period(text)
    for quarter in read.quarters:
        if quarter.value is None:
            raise BadPeriod(text, _("there is no quarter %(number)s; a year has quarters I–IV (Triwulan I to IV, "
                                    "TW 1 to 4).") % {"number": quarter.written.upper()})
        _check_year(text, quarter.year)
    for semester in read.semesters:
        if semester.value is None:
            raise BadPeriod(text, _("there is no semester %(number)s; a year has semesters I and II.") % {
                "number": semester.written.upper()})
        _check_year(text, semester.year)
    if (month := read.month) is not None:
        if month.value is None and month.written.isdigit():
            raise BadPeriod(text, _("there is no month %(number)s; months are 1 to 12.") % {"number": month.written})
        if month.value is None:
            raise BadPeriod(text, _("“%(month)s” is not a month; write e.g. Bulan Maret 2025.") % {
                "month": month.written})
        _check_year(text, month.year)
    for year in read.years:
        _check_year(text, year)


def is_data_period(text: str) -> bool:
    """Whether `text` names a period the divisions can report their data of: a year, a quarter ("Triwulan III
    2025", "s.d. Triwulan II 2025"), a semester or a month, of exactly one year that exists. "kapan-kapan",
    "TW IV" (which year?) or "Renstra 2025-2029" (several) are no such period: the answer page would ask the
    divisions for the figures of nothing (performance/requests.period_of reads the same text)."""
    read = read_period(text.strip())
    return (read.year is not None and read.possible
            and bool(read.quarters or read.semesters or read.month is not None or read.whole_year))


def check_data_period(text: str, sop: str) -> None:
    """Raise BadPeriod naming `text` unless it is a period of data (is_data_period); `sop` names the SOP."""
    check_period(text)  # an impossible quarter, month or year: its own message
    if not is_data_period(text):
        raise BadPeriod(text.strip(), _("%(sop)s asks the divisions for their data of a period: choose a year, a "
                                        "quarter or a month of one year from the list, e.g. Triwulan III 2025 or "
                                        "Tahun 2025.") % {"sop": sop})


def check_typed_period(version: SopVersion, text: str) -> None:
    """The check of a period someone types to start a case (the page, kinerja case start): for an SOP whose
    steps ask the divisions for their data of a period (gathers_period_data), the period must be one
    (check_data_period), else the case starts and its answer page asks for the figures of nothing. An empty
    period is actions.start_case's to refuse; other SOPs' cases keep their free text ("Permohonan CV Maju
    Jaya"), as does start_case itself for its other callers."""
    if text.strip() and gathers_period_data(version.steps.only("activity", "coordinates_divisions")
                                            .filter(coordinates_divisions=True)):
        check_data_period(text, version.name)


QUARTERS = ("I", "II", "III", "IV")


def period_choices(years: Iterable[int]) -> list[str]:
    """The periods offered on the form that starts a case, newest year first: each year's quarters from the
    last to the first, then the year ("Triwulan IV 2025" … "Triwulan I 2025", "Tahun 2025")."""
    return [name for year in sorted(set(years), reverse=True)
            for name in [*(f"Triwulan {q} {year}" for q in reversed(QUARTERS)), f"Tahun {year}"]]


def office_years(office_id: int, today_year: int) -> list[int]:
    """The years the office works with: this year and the one before (whose data is collected early in the
    year), every year its cases were about, and every year up to this one that an app built on the engine
    has data for (extensions.period_years: the performance app's targets), not a later one: a period is
    collected once it has passed."""
    from .extensions import period_years
    from .models import Case

    years = {today_year, today_year - 1} | {year for year in period_years(office_id) if year <= today_year}
    for text in Case.objects.filter(office_id=office_id).exclude(period="").values_list("period", flat=True).distinct():
        if (year := read_period(text).year) is not None:
            years.add(year)
    return sorted(years)
