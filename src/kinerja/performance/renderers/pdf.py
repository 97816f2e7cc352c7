"""The Data Kinerja report as an A4 PDF, by WeasyPrint from a Django template.

HTML and CSS give the tables, page numbers and page breaks a printed report needs; the charts are the
dashboard's SVG, so paper and screen show the same picture. The cover is portrait; the tables, as wide
as an office's figures make them, print on landscape pages with column widths measured from the
figures (layout.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.template.loader import render_to_string

from kinerja.performance import charts
from kinerja.performance.numbers import format_row_values, format_value
from kinerja.performance.report import BUDGET_IN_WHOLE_NOTE, IndicatorRow, ObjectiveRow, ReportData, YearValue

from . import layout
from .common import (
    ANNEX_TITLE,
    ANNUAL_TARGET_LEGEND,
    NO_EVIDENCE,
    PREDICATE_CLASS,
    SHORT_HASH,
    achievement_text,
    evidence_period,
    file_size,
    negative_legend,
    percent,
    remark,
    revision_text,
    short_hash,
    target_label,
    timestamp,
)

# The text width of a landscape A4 page less the margins of print.css, in mm.
LANDSCAPE_WIDTH = 297 - 14 - 16


def _history(row: IndicatorRow, years: list[int]) -> list[dict[str, str]]:
    """One cell pair per year of the comparison, blank where the indicator has no value that year."""
    by_year = {h.year: h for h in row.history}
    found = [by_year.get(y) for y in years]
    return [{"actual": format_value(h.actual) if h else "–", "achievement": _past_achievement(h)} for h in found]


def _past_achievement(past: YearValue | None) -> str:
    if past is not None and past.met is not None:
        return "Tercapai" if past.met else "Tidak tercapai"
    return percent(past.achievement) if past is not None else "–"


def _annex(objectives: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The annex's rows per sasaran: one per evidence file, or one saying there is none; the template
    prints the indicator above its first row (`first`) and each file on a line of its own."""
    groups = []
    for o in objectives:
        rows = []
        for r in o["rows"]:
            i = r["row"]
            for k, e in enumerate(i.evidence or [None]):
                file = None if e is None else {
                    "name": e.name, "period": evidence_period(e), "division": e.division or "–",
                    "uploaded_by": e.uploaded_by or "–", "uploaded_at": timestamp(e.uploaded_at),
                    "size": file_size(e.size), "hash": short_hash(e.sha256)}
                rows.append({"no": r["no"], "indicator": f"{i.code} {i.name}", "first": k == 0, "file": file})
        groups.append({"objective": o["objective"], "rows": rows})
    return groups


def _columns(objectives: list[dict[str, Any]], budget: list[dict[str, Any]], history_years: int) -> str:
    """The CSS of the three tables' column widths and type sizes, measured from what they print."""
    rows = [r for o in objectives for r in o["rows"]]
    subtotals = [o["achievement"] for o in objectives]
    main = layout.fit([
        layout.Column("c-no", width=8),
        layout.Column("c-obj", share=1),
        layout.Column("c-ind", share=3),
        layout.Column("c-unit", texts=_words(r["row"].unit for r in rows), header="Satuan", least=15),
        layout.Column("c-target", texts=[r["target"] for r in rows] + [r["target_label"] for r in rows],
                      header="Target", least=16),
        layout.Column("c-actual", texts=[r["actual"] for r in rows], header="Realisasi", least=16),
        layout.Column("c-ach", texts=[r["achievement"] for r in rows] + subtotals, header="Capaian (%)", least=16),
        layout.Column("c-pred", width=17),
        layout.Column("c-remark", width=32),
    ], LANDSCAPE_WIDTH, flexible_least=28)
    years = [[r["history"][k] for r in rows] for k in range(history_years)]
    years.append([{"actual": r["actual"], "achievement": r["achievement"]} for r in rows])
    compare = layout.fit([
        layout.Column("c-no", width=8),
        layout.Column("c-cind", share=1),
        layout.Column("c-cunit", texts=_words(r["row"].unit for r in rows), header="Satuan", least=14),
        *[column for k, cells in enumerate(years) for column in (
            layout.Column(f"c-y{k}-actual", texts=[c["actual"] for c in cells], header="Realisasi", least=14),
            layout.Column(f"c-y{k}-ach", texts=[c["achievement"] for c in cells], header="Capaian", least=14))],
    ], LANDSCAPE_WIDTH, sizes=(7.5, 7, 6.5, 6), flexible_least=45)
    money = layout.fit([
        layout.Column("c-no", width=8),
        layout.Column("c-prog", share=1),
        layout.Column("c-budget", texts=[b["budget"] for b in budget], header="Pagu (Rp)", least=22),
        layout.Column("c-spent", texts=[b["spent"] for b in budget], header="Realisasi (Rp)", least=22),
        layout.Column("c-abs", texts=[b["absorption"] for b in budget], header="Serapan (%)", least=16),
        layout.Column("c-bach", texts=[b["achievement"] for b in budget], header="Capaian Kinerja (%)", least=16),
        layout.Column("c-eff", texts=[b["efficiency"] for b in budget], header="Efisiensi (poin)", least=16),
        layout.Column("c-note", width=24),
    ], LANDSCAPE_WIDTH, flexible_least=50)
    return "\n".join([main.css("main"), compare.css("compare"), money.css("budget")])


def _words(texts: Iterable[str]) -> list[str]:
    """The words of `texts`: a column of units wraps between words, so its longest word must fit."""
    return sorted({w for t in texts for w in t.split()})


def context(report: ReportData, splits: frozenset[str] = frozenset(), *, main_only: bool = False) -> dict[str, object]:
    """Everything printed, already formatted: the template only lays it out. `splits` are the rows that
    open a page inside a sasaran, where its cell is split and its name repeated (layout.render_split);
    `main_only` stops after the table of section I, which is all that decides where they are."""
    objectives = []
    n = 0
    for objective in report.objectives:
        rows = []
        for i in objective.indicators:
            n += 1
            target, actual = format_row_values(i.target, i.actual)
            rows.append({"no": n, "id": f"ind-{n}", "row": i, "target": target, "target_label": target_label(i),
                         "actual": actual,
                         "achievement": achievement_text(i), "predicate": i.predicate or "–",
                         "predicate_class": PREDICATE_CLASS.get(i.predicate or "", "p-none"), "remark": remark(i),
                         "history": _history(i, report.history_years)})
        for row, (span, continued) in zip(rows, layout.spans([r["id"] for r in rows], splits), strict=True):
            row["span"], row["continued"] = span, continued
        objectives.append({"objective": objective, "rows": rows, "achievement": percent(objective.achievement),
                           "predicate": objective.predicate or "–"})
    budget = [{"row": b, "budget": format_value(b.budget), "spent": format_value(b.spent),
               "absorption": percent(b.absorption),
               "achievement": percent(b.achievement), "efficiency": format_value(b.efficiency, 2) if b.efficiency is not None
               else "–", "efficient": {True: "Efisien", False: "Tidak efisien", None: "–"}[b.efficient]}
              for b in report.budget]
    annex = _annex(objectives)
    return {"report": report, "revision": revision_text(report), "objectives": objectives, "budget": budget,
            "budget_note": BUDGET_IN_WHOLE_NOTE,
            "main_only": main_only, "negative_legend": negative_legend(report.indicators),
            "annual_target_legend": ANNUAL_TARGET_LEGEND if any(i.target_annual for i in report.indicators) else "",
            "narratives": [i for i in report.indicators if i.obstacles or i.solutions],
            "annex": annex, "annex_title": ANNEX_TITLE, "no_evidence": NO_EVIDENCE, "hash_digits": SHORT_HASH,
            "columns": _columns(objectives, budget, len(report.history_years)),
            "charts": [] if main_only else [{"uri": charts.data_uri(svg), "key": key}
                                            for svg, key in charts.print_charts(report)]}


def render(report: ReportData) -> bytes:
    groups = [[f"ind-{n}" for n in range(start, start + len(o.indicators))]
              for start, o in _starts(report)]
    document = layout.render_split(
        lambda splits, part: render_to_string("performance/reports/report_pdf.html",
                                              context(report, splits, main_only=part)), groups)
    return document.write_pdf()


def _starts(report: ReportData) -> list[tuple[int, ObjectiveRow]]:
    """The number of each objective's first indicator row, with the objective."""
    found, n = [], 1
    for o in report.objectives:
        found.append((n, o))
        n += len(o.indicators)
    return found
