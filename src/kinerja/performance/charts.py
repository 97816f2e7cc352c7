"""Charts of the Data Kinerja report, drawn as SVG on the server by pygal.

The same SVG goes into the dashboard (as an <img> data URI, so the page's Content-Security-Policy
needs no inline script or style) and into the PDF, so what prints is what the page shows. pygal adds a
<script> with its config whatever the options; we strip it, with the comments that carry the date, and
replace its random chart id by a fixed one so an unchanged report renders to the same bytes.

A sasaran or an indicator is named by its number or code on the chart ("S1", "IK-01") and in full in a
key beside it (`objective_key`, `indicator_key`, printed by the page and the PDF as text): pygal neither
wraps an axis label nor a legend, so a name of 150 characters was cut to 30, and drawn whole it squeezed
the bars to nothing. Text under the chart wraps at any width, on an A4 page as on a phone.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Sequence
from decimal import Decimal

import pygal
from pygal.style import Style

from .numbers import format_percent
from .renderers.common import NO_PREDICATE_COLOUR, PREDICATE_COLOUR
from .report import IndicatorRow, ObjectiveRow, ReportData

_STYLE = Style(
    font_family="DejaVu Sans, sans-serif",
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1d2733",
    foreground_strong="#1d2733",
    foreground_subtle="#d5dbe2",
    # One colour per sasaran of the trend, for 16 of them: past its palette pygal darkens the first ones, and
    # from the ninth sasaran on draws them black or nearly (S9 and S11 the same #000000).
    colors=("#0b5c8a", "#e08a00", "#1e7d3a", "#7b3fa0", "#b3261e", "#3aa0c8", "#6b7c2e", "#c2417a",
            "#8c564b", "#00897b", "#3f51b5", "#b59a00", "#5e6e82", "#f07070", "#7cb342", "#e040fb"),
    # Large enough to read when the page shows the chart at half its width.
    label_font_size=17,
    major_label_font_size=17,
    value_font_size=16,
    value_label_font_size=16,
    legend_font_size=17,
    title_font_size=19,
)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


# What a chart without a value says (a division's part with no indicator yet): pygal's own is English ("No data"),
# in a document whose every other word is Indonesian.
NO_DATA = "Belum ada data"


def _config(**extra: object) -> dict[str, object]:
    # No truncation: the labels are numbers and codes (an indicator's code has at most 30 characters).
    return {"style": _STYLE, "disable_xml_declaration": True, "js": [], "tooltip_fancy_mode": False,
            "no_data_text": NO_DATA,
            "show_legend": True, "legend_at_bottom": True, "print_values": True, "width": 800,
            "height": 460, "truncate_label": -1, "truncate_legend": -1, "margin": 12, **extra}


def _finish(chart: pygal.graph.graph.Graph, name: str) -> str:
    svg = chart.render(is_unicode=True)
    svg = _SCRIPT.sub("", svg)
    svg = _COMMENT.sub("", svg)
    return _UUID.sub(f"kinerja-{name}", svg)


def _pct(value: float | None) -> str:
    return "" if value is None else format_percent(value) + "%"


def _axis(value: float) -> str:
    return f"{value:.0f}"


MAX_TICKS = 8


def nice_ticks(low: float, high: float, max_ticks: int = MAX_TICKS) -> list[float]:
    """Axis ticks from `low` to `high` (both included, rounded out to a tick) at a step of 1, 2 or 5 times a
    power of ten, the smallest that keeps them to `max_ticks`: 0–120 every 20, 0–740 every 100, 0–3 every 0,5."""
    if high <= low:
        high = low + 1
    step = 10.0 ** math.floor(math.log10((high - low) / max_ticks))
    while True:
        for factor in (1, 2, 5):
            first, last = math.floor(low / (step * factor)), math.ceil(high / (step * factor))
            if last - first + 1 <= max_ticks:
                return [round(n * step * factor, 10) for n in range(first, last + 1)]
        step *= 10


def _scale(values: list[float]) -> list[float]:
    """Axis ticks from 0 (or the lowest value) up to the largest value, at least 120 so 100 is visibly not
    the end, at a step that keeps them apart whatever the range (nice_ticks)."""
    return nice_ticks(min([0.0, *values]), max([120.0, *values]))


def achievement_by_objective(report: ReportData, objectives: Sequence[ObjectiveRow] | None = None, *,
                             width: int = 800) -> str:
    """One bar per objective (`objectives`, by default all of the report's), coloured by its predicate,
    labelled with the percentage. The axis runs to the largest achievement of the whole report, so the
    charts of a report split into several (print_charts) compare at one glance."""
    values = [float(o.achievement) for o in report.objectives if o.achievement is not None]
    shown = list(report.objectives if objectives is None else objectives)
    title = "Capaian per Sasaran (%)"
    if len(shown) < len(report.objectives):
        title += f" – {_objective_label(shown[0])} s.d. {_objective_label(shown[-1])}"
    chart = pygal.HorizontalBar(**_config(title=title, show_legend=False, width=width,
                                          height=max(220, 120 + 56 * len(shown)),
                                          value_formatter=_axis, formatter=_pct))
    chart.y_labels = _scale(values)
    # pygal draws the first bar at the bottom; reversed, S1 reads first from the top.
    objectives = list(reversed(shown))
    chart.x_labels = [_objective_label(o) for o in objectives]
    chart.add("Capaian", [
        {"value": float(o.achievement) if o.achievement is not None else None,
         "color": PREDICATE_COLOUR.get(o.predicate or "", NO_PREDICATE_COLOUR),
         "label": o.predicate or "–"}
        for o in objectives])
    return _finish(chart, "objectives")


# The printed report's chart of the sasaran: drawn as wide as the landscape page's text (267 mm) is at this
# many pixels, its labels (17 px) print at 11 pt whatever the number of sasaran; a chart of at most
# PRINT_PER_CHART sasaran (120 + 56 px each) is then at most 105 mm tall and fits a page with its key.
# One chart for all of them, scaled down to fit the page, printed 7 pt labels from eight sasaran on.
PRINT_WIDTH = 1160
PRINT_PER_CHART = 6


def print_charts(report: ReportData) -> list[tuple[str, list[tuple[str, str]]]]:
    """The printed report's charts of the sasaran, each with its key: one up to PRINT_PER_CHART sasaran,
    else as few charts as hold them, of about equal size (8 sasaran: 4 and 4, not 6 and 2)."""
    objectives = report.objectives
    count = max(1, -(-len(objectives) // PRINT_PER_CHART))
    size = max(1, -(-len(objectives) // count))
    groups = [objectives[k:k + size] for k in range(0, len(objectives), size)] or [[]]
    return [(achievement_by_objective(report, group, width=PRINT_WIDTH),
             [(_objective_label(o), o.name) for o in group]) for group in groups]


def _objective_label(objective: ObjectiveRow) -> str:
    return objective.label


def objective_key(report: ReportData) -> list[tuple[str, str]]:
    """(label on the charts, full name) of each sasaran, from the top."""
    return [(_objective_label(o), o.name) for o in report.objectives]


def _charted(report: ReportData) -> list[IndicatorRow]:
    """The indicators target_vs_actual draws: those with a numeric target other than zero, but in a quarter
    those measured by the year alone (their annual target beside no realisasi would read as one missing)."""
    return [i for i in report.indicators if isinstance(i.target, Decimal) and i.target != 0 and not i.annual_only]


# Why target_vs_actual leaves an indicator out (not_drawn), for the page to say under the chart.
ZERO_TARGET, TEXT_TARGET, NO_TARGET, ANNUAL_ONLY = "zero_target", "text_target", "no_target", "annual_only"


def not_drawn(report: ReportData) -> list[tuple[IndicatorRow, str]]:
    """The indicators target_vs_actual leaves out (_charted), each with why: a zero target (its actual is no share
    of it: the achievement is 100 or 0, met or not), a text target, no target, or measured by the year alone in a
    quarter. The page names them under the chart, so no indicator drops out of it unsaid."""
    drawn = {id(i) for i in _charted(report)}
    return [(i, ANNUAL_ONLY if i.annual_only else NO_TARGET if i.target is None else
             TEXT_TARGET if not isinstance(i.target, Decimal) else ZERO_TARGET)
            for i in report.indicators if id(i) not in drawn]


# After the code of a lower-is-better indicator on target_vs_actual: its bar past the target is worse, not
# better, and the key says so.
LOWER_IS_BETTER = " ↓"


def _indicator_label(row: IndicatorRow) -> str:
    return row.code + (LOWER_IS_BETTER if row.negative else "")


def indicator_key(report: ReportData) -> list[tuple[str, str]]:
    """(label on the chart, full name) of each indicator target_vs_actual draws, from the top; a
    lower-is-better one marked on both."""
    return [(_indicator_label(i), i.name + (" (polaritas negatif: semakin kecil realisasi, semakin baik)"
                                            if i.negative else "")) for i in _charted(report)]


def target_vs_actual(report: ReportData, *, width: int = 800) -> str:
    """Target and actual of each numeric indicator, the actual as a share of its target: indicators
    have different units, so the target is the common 100."""
    rows = list(reversed(_charted(report)))
    actuals = [float(i.actual / i.target * 100) if isinstance(i.actual, Decimal) and isinstance(i.target, Decimal)
               else None for i in rows]
    chart = pygal.HorizontalBar(**_config(title="Target dan Realisasi per Indikator (target = 100)", width=width,
                                          height=max(240, 140 + 44 * len(rows)), value_formatter=_axis,
                                          print_values=False))
    chart.y_labels = _scale([a for a in actuals if a is not None])
    chart.x_labels = [_indicator_label(i) for i in rows]
    chart.add("Target", [100.0 for _ in rows])
    chart.add("Realisasi", actuals)
    return _finish(chart, "indicators")


LEGEND_BOX = 12  # pygal's legend_box_size


def _legend_margin(count: int, columns: int) -> float:
    """The bottom margin that keeps every row of a legend at the bottom inside the drawing. pygal reserves
    count // columns rows (6 sasaran in 4 columns: 1) while it draws ceil(count / columns) (2), so the last row
    fell below the picture's edge; the rows it forgets are added here, each 1.5 times the legend's type high, as
    pygal spaces them."""
    forgotten = -(-count // columns) - count // columns
    row = 1.5 * max(_STYLE.legend_font_size, LEGEND_BOX)
    return float(_config()["margin"]) + forgotten * row  # type: ignore[arg-type]


def trend(report: ReportData, *, width: int = 800) -> str:
    """Achievement per objective over the years: the average of its indicators that have one."""
    years = [*report.history_years, report.year]
    count = max(len(report.objectives), 1)
    columns = min(count, 8 * width // 800)
    chart = pygal.Line(**_config(title="Tren Capaian per Sasaran (%)", value_formatter=_axis, width=width,
                                 print_values=False, dots_size=4, allow_interruptions=True,
                                 legend_at_bottom_columns=columns, margin_bottom=_legend_margin(count, columns)))
    chart.x_labels = [str(y) for y in years]
    seen: list[float] = []
    for objective in report.objectives:
        values: list[float | None] = []
        for year in years:
            if year == report.year:
                found = [i.achievement for i in objective.indicators if i.achievement is not None]
            else:
                found = [h.achievement for i in objective.indicators for h in i.history
                         if h.year == year and h.achievement is not None]
            values.append(float(sum(found) / len(found)) if found else None)
        chart.add(_objective_label(objective), values)
        seen += [v for v in values if v is not None]
    if seen:
        # Ticks around the values, at least 10 apart: pygal's own choice for a narrow range is a tick every 2.
        chart.y_labels = nice_ticks(min(seen), max(max(seen), min(seen) + 10))
    return _finish(chart, "trend")


# A phone shows the charts drawn this wide: their 17 px labels then read at about 14 px on a 390 px screen,
# and pygal wraps a title to the width it draws, so nothing is cut and nothing scrolls.
PHONE_WIDTH = 420


def dashboard_charts(report: ReportData) -> dict[str, str]:
    """The dashboard's charts as data URIs, each also drawn for a phone ("<name>_phone")."""
    found = {}
    for name, draw in (("objectives", achievement_by_objective), ("indicators", target_vs_actual), ("trend", trend)):
        found[name] = data_uri(draw(report))
        found[f"{name}_phone"] = data_uri(draw(report, width=PHONE_WIDTH))
    return found


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
