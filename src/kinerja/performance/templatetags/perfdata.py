"""Template filters for performance values: Indonesian numbers, percentages and predicate colours."""

from __future__ import annotations

from decimal import Decimal

from django import template

from kinerja.performance.achievement import predicate_tone, round_half_up
from kinerja.performance.numbers import DASH, format_number, format_plain

register = template.Library()


@register.filter
def idnum(value: Decimal | str | None) -> str:
    """A target or actual as typed: "1.725", "65,5", "WTP"; "–" when there is none."""
    if value is None or value == "":
        return DASH
    return value if isinstance(value, str) else format_plain(Decimal(value))


@register.filter
def pct(value: Decimal | None) -> str:
    """An achievement rounded half up to 2 places: "90,63"; "–" when there is none."""
    return format_number(round_half_up(value), 2) if value is not None else DASH


@register.filter
def tone(predicate: str | None) -> str:
    return predicate_tone(predicate)
