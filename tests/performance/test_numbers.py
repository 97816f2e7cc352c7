"""Indonesian numbers in and out: "1.725" is one thousand seven hundred twenty-five."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from kinerja.performance.numbers import NumberError, format_number, format_plain, parse_number, parse_optional_number


@pytest.fixture(autouse=True)
def _english() -> object:
    with translation.override("en"):
        yield


@pytest.mark.parametrize(("text", "expected"), [
    ("1.725", Decimal("1725")),
    ("65,5", Decimal("65.5")),
    ("12,5%", Decimal("12.5")),
    ("12,5 %", Decimal("12.5")),
    ("1.725,50", Decimal("1725.50")),
    ("1.234.567", Decimal("1234567")),
    ("-3", Decimal("-3")),
    ("0", Decimal("0")),
    ("0,75", Decimal("0.75")),
    (" 88 ", Decimal("88")),
    ("Rp 1.500.000", Decimal("1500000")),
    ("1\u00a0725", Decimal("1725")),
    ("Rp 1.500.000.000,-", Decimal("1500000000")),  # an amount without its cents, as letters write it
    ("Rp. 850.000,--", Decimal("850000")),
    ("1.250,-", Decimal("1250")),
])
def test_it_reads_indonesian_text(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(("cell", "expected"), [
    (1725, Decimal("1725")), (65.5, Decimal("65.5")), (0.1, Decimal("0.1")), (Decimal("12.25"), Decimal("12.25")),
    # A formula's result as Excel shows it (15 significant digits), not its binary remainder.
    (0.1 + 0.2, Decimal("0.3")), (72.30000000000001, Decimal("72.3")), (1250000000.0, Decimal("1250000000")),
])
def test_it_passes_real_numbers_from_spreadsheet_cells(cell: object, expected: Decimal) -> None:
    assert parse_number(cell) == expected


@pytest.mark.parametrize(("text", "words"), [
    ("abc", '"abc" is not a number'),
    ("1,725.50", "English way"),
    ("1.5", "ambiguous"),
    ("12.50", "ambiguous"),
    ("1,2,3", "not a number"),
    ("1.72", "ambiguous"),
    ("", "missing"),
    ("WTP", '"WTP"'),
    ("NIP. 19680512 199003 1 007", '"NIP. 19680512 199003 1 007" is not a number'),  # quoted as written
])
def test_it_names_the_bad_value(text: str, words: str) -> None:
    with pytest.raises(NumberError) as caught:
        parse_number(text)
    assert words in str(caught.value)


def test_it_refuses_booleans() -> None:
    with pytest.raises(NumberError):
        parse_number(True)


def test_it_reads_an_empty_optional_value_as_none() -> None:
    assert parse_optional_number("  ") is None
    assert parse_optional_number(None) is None
    assert parse_optional_number("2,5") == Decimal("2.5")


@pytest.mark.parametrize(("value", "places", "text"), [
    (Decimal("1725.5"), 2, "1.725,50"),
    (Decimal("1725"), 0, "1.725"),
    (Decimal("90.625"), 2, "90,63"),
    (Decimal("-1234567.891"), 2, "-1.234.567,89"),
    (Decimal("0"), 2, "0,00"),
    (Decimal("-0.001"), 2, "0,00"),
    (None, 2, "–"),
])
def test_it_writes_indonesian_text(value: Decimal | None, places: int, text: str) -> None:
    assert format_number(value, places) == text


def test_it_writes_back_what_was_typed() -> None:
    assert format_plain(Decimal("65.5000")) == "65,5"
    assert format_plain(Decimal("1725.0000")) == "1.725"
    assert format_plain(None) == ""


@given(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False))
def test_formatting_then_parsing_gives_the_number_back(value: Decimal) -> None:
    assert parse_number(format_number(value, 2)) == value


@given(st.decimals(min_value=Decimal("0"), max_value=Decimal("1e9"), places=4, allow_nan=False))
def test_plain_formatting_reads_back(value: Decimal) -> None:
    assert parse_number(format_plain(value)) == value
