"""Dates and times typed the Indonesian way (kinerja.dates), read by the importers and the forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from kinerja.dates import parse_date, parse_datetime
from kinerja.errors import KinerjaError
from kinerja.performance.requests import period_of
from kinerja.sop.importers import values
from kinerja.workflow.periods import check_period


@pytest.mark.parametrize(("text", "moment"), [
    ("20-03-2025 14.30", dt.datetime(2025, 3, 20, 14, 30)),
    ("20/03/2025 14:30", dt.datetime(2025, 3, 20, 14, 30)),
    ("20 Maret 2025 pukul 14.30 WIB", dt.datetime(2025, 3, 20, 14, 30)),
    ("20 Maret 2025, 08.05", dt.datetime(2025, 3, 20, 8, 5)),
    ("2025-03-20T14:30", dt.datetime(2025, 3, 20, 14, 30)),
    ("2025-03-20 14:30:15", dt.datetime(2025, 3, 20, 14, 30, 15)),
    # A date alone leaves the whole day: "by 20 Maret" is not the night before.
    ("20 Maret 2025", dt.datetime(2025, 3, 20, 23, 59)),
    ("20/03/2025", dt.datetime(2025, 3, 20, 23, 59)),
    ("", None),
])
def test_it_reads_a_date_and_time_as_typed(text: str, moment: dt.datetime | None) -> None:
    assert parse_datetime(text) == moment


@pytest.mark.parametrize("text", ["31/02/2025 10.00", "20-03-2025 25.00", "20 Maert 2025", "besok pagi", "1.234,5x"])
def test_it_refuses_what_is_not_a_date_and_time(text: str) -> None:
    with pytest.raises(ValueError, match="20 Maret 2025 14.30"):
        parse_datetime(text)


@pytest.mark.parametrize(("text", "day"), [
    ("Bandar Lampung, 29 November 2026", dt.date(2026, 11, 29)),
    ("Senin, 30 November 2026", dt.date(2026, 11, 30)),
    ("Bandar Lampung, Senin, 30-11-2026", dt.date(2026, 11, 30)),
    ("Jum'at 4 Desember 2026", dt.date(2026, 12, 4)),
    ("29 Nop 2026", dt.date(2026, 11, 29)),
    ("3 Peb 2026", dt.date(2026, 2, 3)),
])
def test_a_date_as_a_letter_writes_it(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["Bandar Lampung,", "Senin", "Bandar Lampung, besok", "Senin, 31 Nop 2026"])
def test_a_place_or_a_day_without_a_date_is_no_date(text: str) -> None:
    with pytest.raises(ValueError, match="9 Januari 2023"):
        parse_date(text)


def test_the_importers_still_read_dates_from_their_module() -> None:
    assert values.parse_date is parse_date
    assert values.parse_date("20 Maret 2025") == dt.date(2025, 3, 20)


@pytest.mark.parametrize(("text", "day"), [
    ("20/03/2025", dt.date(2025, 3, 20)), ("20-03-2025", dt.date(2025, 3, 20)), ("20.03.2025", dt.date(2025, 3, 20)),
    ("2025-03-20", dt.date(2025, 3, 20)),
])
def test_django_date_fields_read_indonesian_numeric_dates(text: str, day: dt.date) -> None:
    with translation.override("id"):
        assert forms.DateField().clean(text) == day


@pytest.mark.parametrize(("text", "moment"), [
    ("20/03/2025 14.30", dt.datetime(2025, 3, 20, 14, 30)), ("20-03-2025 14:30", dt.datetime(2025, 3, 20, 14, 30)),
    # Day first, as an office writes it (Django's own list read this as 4 March).
    ("03/04/2025 14.30", dt.datetime(2025, 4, 3, 14, 30)),
])
def test_django_datetime_fields_read_indonesian_numeric_times(text: str, moment: dt.datetime) -> None:
    with translation.override("id"):
        assert forms.DateTimeField().clean(text).replace(tzinfo=None) == moment


# A case's period as offices write it: what the performance app links the case to (year, quarter, month; None
# for no period it reports on), and whether the workflow refuses it as impossible. Both read it with
# kinerja.dates.read_period.
PERIODS = [
    ("Triwulan III 2025", (2025, 3, None), False),
    ("TRIWULAN iv Tahun 2025", (2025, 4, None), False),
    ("TW 3/2025", (2025, 3, None), False),
    ("Trw. 2/2025", (2025, 2, None), False),
    ("TW.IV 2024", (2024, 4, None), False),
    ("s.d. Triwulan II 2025", (2025, 2, None), False),
    ("Kuartal 1 2025", (2025, 1, None), False),
    ("Q3 2025", (2025, 3, None), False),
    ("Triwulan I 2025 (Sekretariat)", (2025, 1, None), False),
    ("Semester 1 2025", None, False),
    ("Smt. II/2025", None, False),
    ("TA 2025", (2025, None, None), False),
    ("Tahun Anggaran 2025", (2025, None, None), False),
    ("Tahun 2025.", (2025, None, None), False),
    ("2025", (2025, None, None), False),
    ("Bulan Maret 2025", (2025, 1, 3), False),
    ("Agt 2025", (2025, 3, 8), False),
    ("11/2026", (2026, 4, 11), False),
    ("Bulan 7/2025", (2025, 3, 7), False),
    ("TW IV", None, False),
    ("Triwulan I 2025 s.d. Triwulan II 2026", None, False),
    ("Renstra 2025-2029", None, False),
    ("Triwulan pertama 2025", None, False),
    ("Izin usaha CV Maju Jaya", None, False),
    ("", None, False),
    ("13/2025", None, True),
    ("Triwulan V 2025", None, True),
    ("TW 5/2025", None, True),
    ("Triwulan III 20255", None, True),
    ("Semester 3 2025", None, True),
    ("Bulan Maretz 2025", None, True),
    ("Juni 2205", None, True),
    ("Tahun 1925", None, True),
]


@pytest.mark.parametrize(("text", "linked", "refused"), PERIODS)
def test_the_workflow_and_the_performance_data_read_a_period_alike(
        text: str, linked: tuple[int, int | None, int | None] | None, refused: bool) -> None:
    found = period_of(text)
    assert (None if found is None else (found.year, found.quarter, found.month)) == linked
    if refused:
        with pytest.raises(KinerjaError):
            check_period(text)
    else:
        check_period(text)
