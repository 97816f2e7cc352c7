"""A standard time as people read it: the unit agrees with the number in English, and Indonesian has
one form."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from kinerja.sop.models import duration_display


def test_english_counts_its_units() -> None:
    with translation.override("en"):
        assert duration_display(Decimal("5"), "day") == "5 working days"
        assert duration_display(Decimal("1"), "day") == "1 working day"
        assert duration_display(Decimal("0.5"), "day") == "0.5 working days"
        assert duration_display(Decimal("2"), "minute") == "2 minutes"
        assert duration_display(Decimal("1"), "hour") == "1 hour"


def test_indonesian_has_one_form() -> None:
    with translation.override("id"):
        assert duration_display(Decimal("5"), "day") == "5 hari kerja"
        assert duration_display(Decimal("1.5"), "week") == "1,5 minggu"
        assert duration_display(Decimal("2"), "minute") == "2 menit"
