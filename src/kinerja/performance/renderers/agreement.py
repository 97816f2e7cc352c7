"""The Perjanjian Kinerja (performance agreement) form as an A4 PDF, by WeasyPrint.

The head of office promises the year's targets and the programs' budget to the mayor or regent; the
form is the same table every year (No | Sasaran | Indikator | Target, and Program | Anggaran), so it is
drawn from the report's data with its agreement targets.
"""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string
from weasyprint import HTML

from kinerja.performance.report import ReportData, Value

from .common import number


def regional_head(city: str) -> str:
    """Who signs for the region: "Kota Bandar Lampung" → "Wali Kota Bandar Lampung", "Kabupaten X" → "Bupati X"."""
    for prefix, title in (("Kota ", "Wali Kota "), ("Kabupaten ", "Bupati "), ("Provinsi ", "Gubernur ")):
        if city.startswith(prefix):
            return title + city.removeprefix(prefix)
    return f"Kepala Daerah {city}".strip()


def with_unit(value: Value, unit: str) -> str:
    """"80%", "40 unit"; a text target ("WTP") and a missing one ("–") stand alone."""
    text = number(value)
    if not isinstance(value, Decimal) or not unit:
        return text
    return text + unit if unit == "%" else f"{text} {unit}"


def context(report: ReportData) -> dict[str, object]:
    rows = []
    n = 0
    for objective in report.objectives:
        for i in objective.indicators:
            n += 1
            rows.append({"no": n, "objective": objective, "first": i is objective.indicators[0],
                         "span": len(objective.indicators), "indicator": i, "target": with_unit(i.target, i.unit)})
    total = sum((b.budget for b in report.budget), Decimal(0))
    return {"report": report, "rows": rows, "regional_head": regional_head(report.city),
            "programs": [{"name": b.program, "budget": number(b.budget)} for b in report.budget],
            "total": number(total)}


def render(report: ReportData) -> bytes:
    return HTML(string=render_to_string("performance/reports/agreement_pdf.html", context(report))).write_pdf()
