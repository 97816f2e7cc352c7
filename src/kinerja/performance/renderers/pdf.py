"""The Data Kinerja report as an A4 PDF, by WeasyPrint from a Django template.

HTML and CSS give the tables, page numbers and page breaks a printed report needs; the charts are the
dashboard's SVG, so paper and screen show the same picture.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML

from kinerja.performance import charts
from kinerja.performance.report import IndicatorRow, ReportData, YearValue

from .common import PREDICATE_CLASS, achievement_text, number, percent, remark


def _history(row: IndicatorRow, years: list[int]) -> list[dict[str, str]]:
    """One cell pair per year of the comparison, blank where the indicator has no value that year."""
    by_year = {h.year: h for h in row.history}
    found = [by_year.get(y) for y in years]
    return [{"actual": number(h.actual) if h else "–", "achievement": _past_achievement(h)} for h in found]


def _past_achievement(past: YearValue | None) -> str:
    if past is not None and past.met is not None:
        return "Tercapai" if past.met else "Tidak tercapai"
    return percent(past.achievement) if past is not None else "–"


def context(report: ReportData) -> dict[str, object]:
    """Everything printed, already formatted: the template only lays it out."""
    objectives = []
    n = 0
    for objective in report.objectives:
        rows = []
        for i in objective.indicators:
            n += 1
            rows.append({"no": n, "row": i, "target": number(i.target), "actual": number(i.actual),
                         "achievement": achievement_text(i), "predicate": i.predicate or "–",
                         "predicate_class": PREDICATE_CLASS.get(i.predicate or "", "p-none"), "remark": remark(i),
                         "history": _history(i, report.history_years)})
        objectives.append({"objective": objective, "rows": rows, "achievement": percent(objective.achievement),
                           "predicate": objective.predicate or "–"})
    budget = [{"row": b, "budget": number(b.budget), "spent": number(b.spent), "absorption": percent(b.absorption),
               "achievement": percent(b.achievement), "efficiency": number(b.efficiency, 2) if b.efficiency is not None
               else "–", "efficient": {True: "Efisien", False: "Tidak efisien", None: "–"}[b.efficient]}
              for b in report.budget]
    return {"report": report, "objectives": objectives, "budget": budget,
            "narratives": [i for i in report.indicators if i.obstacles or i.solutions],
            "chart": charts.data_uri(charts.achievement_by_objective(report))}


def render(report: ReportData) -> bytes:
    html = render_to_string("performance/reports/report_pdf.html", context(report))
    return HTML(string=html).write_pdf()
