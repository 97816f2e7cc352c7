"""Printed numbers the Indonesian way (1.725,50; 90,63%) and the words the documents print, whatever
language the request or CLI runs in: a printed report is Indonesian in every case."""

from __future__ import annotations

from decimal import Decimal

from kinerja.performance.numbers import DASH, format_number
from kinerja.performance.report import IndicatorRow, Value


def places(value: Decimal) -> int:
    """The decimals a stored value is printed with: none for a whole number, else two, or as many as it
    was entered with up to the four kept (0,0125 is not 0,01)."""
    if value == value.to_integral_value():
        return 0
    exponent = value.normalize().as_tuple().exponent
    return min(max(-exponent, 2), 4) if isinstance(exponent, int) else 2


def number(value: Value, decimals: int | None = None) -> str:
    """1725 → "1.725", Decimal("1725.5") → "1.725,50", Decimal("0.0125") → "0,0125", text stays text,
    None → "–"."""
    if value is None:
        return DASH
    if isinstance(value, str):
        return value
    return format_number(value, places(value) if decimals is None else decimals)


def percent(value: Decimal | None) -> str:
    return DASH if value is None else number(value, 2) + "%"


def achievement_text(row: IndicatorRow) -> str:
    """What the Capaian column shows: a percentage, or for a text target whether it was met."""
    if row.is_text:
        if row.met is None:
            return DASH
        return "Tercapai" if row.met else "Tidak tercapai"
    return percent(row.achievement)


def remark(row: IndicatorRow) -> str:
    """Keterangan: the reason when there is no percentage, and the polarity when lower is better."""
    parts = []
    if row.negative:
        parts.append("Polaritas negatif")
    if row.note:
        parts.append(row.note)
    return "; ".join(parts)


PREDICATE_CLASS = {
    "Sangat Tinggi": "p-very-high",
    "Tinggi": "p-high",
    "Sedang": "p-medium",
    "Rendah": "p-low",
    "Sangat Rendah": "p-very-low",
}
PREDICATE_COLOUR = {
    "Sangat Tinggi": "#1b6e34",
    "Tinggi": "#3f9a4f",
    "Sedang": "#c99500",
    "Rendah": "#d4691b",
    "Sangat Rendah": "#b3261e",
}
NO_PREDICATE_COLOUR = "#8a96a3"
