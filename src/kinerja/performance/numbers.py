"""Numbers the Indonesian way: a dot groups thousands, a comma marks decimals ("1.725,50").

Hand-written because the readers at hand guess: Django's `sanitize_separators` and Babel's
`parse_decimal` accept "1.5" as one and a half or as fifteen depending on the active locale, and
neither rejects "1,725.50". A civil servant who types "1.5" must be told, not silently read as 15.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from kinerja.errors import KinerjaError

DASH = "–"
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_GROUPED_DECIMAL = re.compile(r"^\d{1,3}(\.\d{3})+,\d+$")
_PLAIN = re.compile(r"^\d+$")
_PLAIN_DECIMAL = re.compile(r"^\d+,\d+$")
_ENGLISH = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_NO_CENTS = re.compile(r",-+$")
EXCEL_DIGITS = 15  # Excel shows and computes with 15 significant digits


class NumberError(KinerjaError):
    """A value that is not a number written the Indonesian way; str(e) names the value."""

    def __init__(self, value: object, problem: str) -> None:
        self.value, self.problem = value, problem
        super().__init__(problem)


def parse_number(value: object) -> Decimal:
    """The exact number in `value`: a real number from a spreadsheet cell, or a text such as
    "1.725", "65,5", "12,5%", "1.725,50" or "-3". Raises NumberError naming the value otherwise."""
    if isinstance(value, bool):
        raise NumberError(value, _('"%(value)s" is not a number.') % {"value": value})
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return float_number(value)
    written = str(value if value is not None else "").strip()
    text = written.replace("\u00a0", "").replace(" ", "")
    if not text:
        raise NumberError(value, _("A number is missing."))
    body = text.removesuffix("%")
    if body[:2].lower() == "rp":
        body = body[2:].lstrip(".")
    body = _NO_CENTS.sub("", body)  # "Rp 1.500.000,-": an amount written without its cents
    sign = ""
    if body[:1] in "+-−":
        sign, body = ("-" if body[0] in "-−" else ""), body[1:]
    if _PLAIN.match(body):
        digits = body
    elif _PLAIN_DECIMAL.match(body):
        digits = body.replace(",", ".")
    elif _GROUPED.match(body) and not body.startswith("0"):
        digits = body.replace(".", "")
    elif _GROUPED_DECIMAL.match(body) and not body.startswith("0"):
        digits = body.replace(".", "").replace(",", ".")
    elif _ENGLISH.match(body):
        raise NumberError(value, _('"%(value)s" is written the English way; write it the Indonesian way, '
                                   'with a dot between thousands and a comma before decimals (1.725,50).')
                          % {"value": written})
    elif re.fullmatch(r"\d+\.\d+", body):
        raise NumberError(value, _('"%(value)s" is ambiguous: a dot separates thousands (1.725), a comma '
                                   'marks decimals (1,5).') % {"value": written})
    else:
        raise NumberError(value, _('"%(value)s" is not a number.') % {"value": written})
    try:
        return Decimal(sign + digits)
    except InvalidOperation as e:  # the patterns above leave only digits, so this is a safety net
        raise NumberError(value, _('"%(value)s" is not a number.') % {"value": text}) from e


def float_number(value: float) -> Decimal:
    """A spreadsheet's float as the spreadsheet shows it: at most 15 significant digits, so a formula's
    0.1 + 0.2 (0.30000000000000004 in binary) reads 0.3 and 65.5 stays 65.5."""
    return Decimal(f"{value:.{EXCEL_DIGITS}g}").normalize() + 0  # + 0: 1E+1 back to 10


def parse_optional_number(value: object) -> Decimal | None:
    """As parse_number, but an empty cell or field is None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_number(value)


def format_number(value: Decimal | int | float | None, places: int = 2) -> str:
    """"1.725,50" for Decimal("1725.5") with 2 places; "–" for None. Rounds half up."""
    if value is None:
        return DASH
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    quantum = Decimal(1).scaleb(-places) if places > 0 else Decimal(1)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    negative = rounded < 0
    whole, _dot, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    text = ".".join([whole, *groups])
    if places > 0:
        text += "," + fraction.ljust(places, "0")
    return ("-" if negative and rounded != 0 else "") + text


def format_plain(value: Decimal | None) -> str:
    """A number as typed back into a form: no trailing zeros ("65,5", "1.725"), "" for None."""
    if value is None:
        return ""
    normal = value.normalize()
    places = max(0, -normal.as_tuple().exponent) if isinstance(normal.as_tuple().exponent, int) else 0
    return format_number(value, places)


def value_places(value: Decimal) -> int:
    """The decimals a stored target or actual prints with: none for a whole number, else two, or as many as it
    was entered with up to the four kept (0,0125 is not 0,01)."""
    if value == value.to_integral_value():
        return 0
    exponent = value.normalize().as_tuple().exponent
    return min(max(-exponent, 2), 4) if isinstance(exponent, int) else 2


def format_value(value: Decimal | int | str | None, decimals: int | None = None) -> str:
    """A target or actual as every page and document prints it, the Indonesian way whatever the language of the
    page: 1250 → "1.250", 87.5 → "87,50", 0.0125 → "0,0125" (value_places, or `decimals`), a text target or
    actual ("WTP") as it is, "–" for none. The dashboard, the input, check and history pages (the `idnum`
    filter) and the PDF, DOCX and XLSX reports call this one function (the dashboard's floatformat printed
    "1,250" and "41.50" in English beside an Indonesian capaian)."""
    if value is None or value == "":
        return DASH
    if isinstance(value, str):
        return value
    number = Decimal(value)
    return format_number(number, value_places(number) if decimals is None else decimals)


def row_decimals(target: Decimal | str | None, actual: Decimal | str | None) -> tuple[int | None, int | None]:
    """The decimals of an indicator's target and of its actual as its row prints them: the actual with the most
    either needs (9,00 beside a target of 7,50), the target too unless it is a whole number, which prints as
    entered ("4" beside a realisasi of "3,75", not "4,00"); None where neither is a number."""
    shared = max((value_places(v) for v in (target, actual) if isinstance(v, Decimal)), default=None)
    whole = isinstance(target, Decimal) and value_places(target) == 0
    return (0 if whole else shared), shared


def format_row_values(target: Decimal | str | None, actual: Decimal | str | None) -> tuple[str, str]:
    """An indicator's target and actual as one row of a table prints them (row_decimals): ("4", "3,75"),
    ("7,50", "9,00"), ("WTP", "WTP")."""
    target_decimals, actual_decimals = row_decimals(target, actual)
    return format_value(target, target_decimals), format_value(actual, actual_decimals)


def format_percent(value: Decimal | float | None) -> str:
    """A capaian (or any percentage) as every page and document prints it, without the sign: rounded half
    up to two places and written the Indonesian way, whatever the language of the page: 87.5 → "87,50",
    99.995 → "100,00", 100/3 → "33,33", 1250 → "1.250,00"; "–" for none. The dashboard, the input page,
    the charts and the PDF and DOCX call this one function, so a figure reads the same everywhere (the
    dashboard's own floatformat printed "87.50" in English, a chart's label rounded half to even)."""
    return format_number(value, 2)
