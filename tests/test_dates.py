"""Dates and times typed the Indonesian way (kinerja.dates), read by the importers and the forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from kinerja.dates import parse_date, parse_datetime
from kinerja.sop.importers import values


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
