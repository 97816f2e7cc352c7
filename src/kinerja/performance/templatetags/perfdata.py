"""Template filters for performance values: Indonesian numbers, percentages and predicate colours; who
did something and which unit answers for an indicator, also when there is none (an import or a report
from the command line has no user, an imported indicator may have no division)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from kinerja.org.models import name_of
from kinerja.performance.achievement import predicate_tone
from kinerja.performance.models import quarter_name
from kinerja.performance.numbers import DASH, format_percent, format_row_values, format_value
from kinerja.performance.report import IndicatorRow
from kinerja.performance.signoff import NamesCodes, changed_codes

register = template.Library()


def code_html(code: str) -> SafeString:
    """An indicator's or objective's code kept on one line: "IK-01" is never broken at its hyphen."""
    return format_html('<span class="perf-code">{}</span>', code)


@register.filter
def keep_code(message: Any, code: str | None) -> SafeString:
    """`message` escaped, each mention of `code` in it kept on one line (code_html), so a refusal on a narrow card
    never splits "IK-01" into "IK-" and "01"."""
    return keep_codes(message, [code] if code else [])


def keep_codes(message: Any, codes: Iterable[str]) -> SafeString:
    """keep_code for a message naming several codes; a code inside a longer one ("IK-1" in "IK-10") is left as
    the longer one's part."""
    text = conditional_escape(message)
    escaped = sorted({conditional_escape(c) for c in codes if c}, key=len, reverse=True)
    if not escaped:
        return text
    found = re.compile(r"(?<![\w.-])(" + "|".join(re.escape(c) for c in escaped) + r")(?![\w-]|\.\w)")
    return mark_safe(found.sub(lambda m: code_html(m.group(1)), text))  # the message and the codes escaped above


def refusal_message(error: BaseException) -> SafeString:
    """A refusal for the messages block, escaped, the indicator codes it lists kept whole: those of
    signoff.NamesCodes (figures not checked, a compilation the data changed after), raised itself or as the
    cause of another refusal (initials, a signature)."""
    cause = error if isinstance(error, NamesCodes) else error.__cause__
    return keep_codes(error, cause.codes if isinstance(cause, NamesCodes) else [])


@register.filter
def changed_list(changed: list[str]) -> SafeString:
    """What changed since a compilation (correspondence.actions.changed_since_compiled), as a refusal names it:
    "IK-01, IK-04, anggaran", escaped, each code kept whole as refusal_message keeps it."""
    return keep_codes(", ".join(changed), changed_codes(changed))


def code_message(template: str, **params: Any) -> SafeString:
    """A message for the messages block of base.html, `template % params` with each part escaped and the
    `code` parameter kept on one line (code_html): "<span class="perf-code">IK-01</span> was saved."; a
    parameter already safe (keep_code of an error naming the code) is kept as it is. Django's message
    storage keeps a safe string safe across the redirect."""
    shown = {name: code_html(value) if name == "code" else conditional_escape(value) if isinstance(value, str) else value
             for name, value in params.items()}
    return mark_safe(conditional_escape(template) % shown)  # the template and every text part escaped above


@register.filter
def idnum(value: Decimal | str | None) -> str:
    """A target or actual as every page and document prints it (numbers.format_value): "1.725", "65,50",
    "WTP"; "–" when there is none."""
    return format_value(value)


@register.filter
def row_values(row: IndicatorRow) -> tuple[str, str]:
    """A report row's target and actual as the PDF and DOCX print them side by side (numbers.format_row_values):
    ("7,50", "9,00"). One filter for the pair, so a row is formatted once: `{% with v=i|row_values %}`."""
    return format_row_values(row.target, row.actual)


@register.filter
def quarter(number: int) -> str:
    """A quarter as the documents spell it: "Triwulan III" (models.quarter_name), never "Triwulan 3"."""
    return quarter_name(int(number))


@register.filter
def pct(value: Decimal | None) -> str:
    """An achievement rounded half up to 2 places: "90,63"; "–" when there is none (numbers.format_percent)."""
    return format_percent(value)


@register.filter
def tone(predicate: str | None) -> str:
    return predicate_tone(predicate)


@register.filter
def who(user: Any, none: str = DASH) -> str:
    """The person's full name, else the username; `none` when there is no user (the command line)."""
    return name_of(user, none=none)


@register.filter
def unit_label(unit: Any) -> str:
    """A unit's short name, else its name; "–" for none."""
    if unit is None:
        return DASH
    return unit.short_name or unit.name


@register.simple_tag(takes_context=True)
def perf_sections(context: template.Context) -> dict[str, bool]:
    """Which pages of the performance menu the signed-in person may open today, so the menu offers
    no page that answers 403 (the Kepala Dinas neither enters nor checks actuals), and the input page to
    whoever does the work today (a Plt or Plh, not the official away: access.pages)."""
    from kinerja.org.holding import today_in, work_today
    from kinerja.performance import access

    request = context.get("request")
    office = getattr(request, "office", None)
    if request is None or office is None:
        return {"input": False, "check": False, "checks": False}
    return access.pages(request.user, today_in(office.time_zone), work_today(request))
