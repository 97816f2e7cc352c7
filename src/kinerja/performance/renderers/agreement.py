"""The Perjanjian Kinerja (performance agreement) form as an A4 PDF, by WeasyPrint.

The head of office promises the year's targets and the programs' budget to the mayor or regent; the
form is the same table every year (No | Sasaran | Indikator | Target, and Program | Anggaran), so it is
drawn from the report's data with its agreement targets.
"""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string

from kinerja.performance.numbers import format_value
from kinerja.performance.report import ReportData, Value

from . import layout

# The text width of an upright A4 page less the margins of print.css, in mm.
PORTRAIT_WIDTH = 210 - 14 - 16


def regional_head(city: str) -> str:
    """Who signs for the region: "Kota Bandar Lampung" → "Wali Kota Bandar Lampung", "Kabupaten X" → "Bupati X"."""
    for prefix, title in (("Kota ", "Wali Kota "), ("Kabupaten ", "Bupati "), ("Provinsi ", "Gubernur ")):
        if city.startswith(prefix):
            return title + city.removeprefix(prefix)
    return f"Kepala Daerah {city}".strip()


def with_unit(value: Value, unit: str) -> str:
    """"80%", "40 unit"; a text target ("WTP") and a missing one ("–") stand alone."""
    text = format_value(value)
    if not isinstance(value, Decimal) or not unit:
        return text
    return text + unit if unit == "%" else f"{text} {unit}"


def agreed_target(value: Value, unit: str, *, lower_is_better: bool) -> str:
    """The target as the agreement promises it: "≤ 5%" where lower is better (a ceiling, as the office's
    PK writes it), "80%" otherwise; a target of nothing ("0 kasus") and a text target stand as they are."""
    text = with_unit(value, unit)
    return f"≤ {text}" if lower_is_better and isinstance(value, Decimal) and value > 0 else text


def context(report: ReportData, splits: frozenset[str] = frozenset()) -> dict[str, object]:
    """What the form prints; `splits` are the rows that open a page inside a sasaran, where its cell is
    split and its name repeated (layout.render_split)."""
    rows = []
    n = 0
    for objective in report.objectives:
        ids = [f"pk-{n + k}" for k in range(1, len(objective.indicators) + 1)]
        for i, (span, continued) in zip(objective.indicators, layout.spans(ids, splits), strict=True):
            n += 1
            rows.append({"no": n, "id": f"pk-{n}", "objective": objective, "span": span, "continued": continued,
                         "indicator": i, "target": agreed_target(i.target, i.unit, lower_is_better=i.negative)})
    total = sum((b.budget for b in report.budget), Decimal(0))
    programs = [{"name": b.program, "budget": format_value(b.budget)} for b in report.budget]
    columns = [
        layout.fit([layout.Column("c-no", width=8), layout.Column("c-obj", share=2), layout.Column("c-ind", share=3),
                    layout.Column("c-target", texts=[r["target"] for r in rows], header="Target", least=22)],
                   PORTRAIT_WIDTH, sizes=(8.5, 8, 7.5), flexible_least=40).css("targets"),
        layout.fit([layout.Column("c-no", width=8), layout.Column("c-prog", share=1),
                    layout.Column("c-budget", texts=[p["budget"] for p in programs] + [format_value(total)],
                                  header="Anggaran (Rp)", least=30)],
                   PORTRAIT_WIDTH, sizes=(8.5, 8, 7.5), flexible_least=60).css("programs")]
    return {"report": report, "rows": rows, "regional_head": regional_head(report.city), "programs": programs,
            "total": format_value(total), "columns": "\n".join(columns)}


def render(report: ReportData) -> bytes:
    groups, n = [], 0
    for objective in report.objectives:
        groups.append([f"pk-{n + k}" for k in range(1, len(objective.indicators) + 1)])
        n += len(objective.indicators)
    # The form is short: laid out whole each time (`_part` is for long documents).
    document = layout.render_split(lambda splits, _part: render_to_string(
        "performance/reports/agreement_pdf.html", context(report, splits)), groups)
    return document.write_pdf()
