"""Gantt charts of an SOP's plan and of a running case's plan against what happened, as server-side SVG.

Hand-written because the page must work without JavaScript under a strict Content-Security-Policy
(no inline style, no script): the JavaScript Gantt libraries draw in the browser, and pygal has no
time-range bars on a working-day axis. Colours are SVG presentation attributes, not CSS, so the chart
looks the same wherever it is embedded (the plan page, the case page).

The axis is one column per calendar day. Inside a working day, time is placed by its share of that
day's office hours (so 08:12 sits near the left edge of a 07:30–16:00 day); days off are grey and
holidays are tinted and carry their name as a tooltip. The days share about 900 px, a day off taking
a third of a working day's width (nothing is done on it), so a plan of a few hours (an SOP of minutes
and hours) gets wide days with the office's hours marked on them and a plan of weeks narrow ones; a
month's name is left out where it would overlap the next.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .calendar import WorkCalendar
from .models import Case, Task
from .planning import plan

LABEL_WIDTH = 190
HEADER = 44
HOURS_HEADER = 14  # the extra header line for the hours, when the days are wide enough to show them
CHART_WIDTH = 900  # what the days share
MIN_DAY, MAX_DAY = 14.0, 300.0  # a working day's width
OFF_DAY = 1 / 3  # a day off's width, as a share of a working day's (at least MIN_DAY)
HOUR_LABEL = 30.0  # the room an hour's label needs
NAME_CHAR = 6.5  # about the width of a character of a step's name (11 px sans-serif)
ROW = 30
BAR = 9
MIN_BAR = 3
# On a phone (gantt_svg(phone=True), shown below 600 px by planning.css and workflow.css) each step's name stands
# on its own line with its bars under it, across the whole width: 340 units fit the card on a 390 px screen
# unscaled, so the text stays 11-12 px and nothing scrolls sideways. The days are as narrow as they must be.
PHONE_WIDTH = 340
PHONE_ROW = 46
PHONE_MIN_DAY = 1.0
PHONE_LABEL = 56  # characters of a step's name on its own line
COLOURS = {
    "planned": "#8fb3de",
    "done": "#2e7d32",
    "late": "#c62828",
    "open": "#f0a202",
    "overdue": "#c62828",
    "returned": "#8e6c00",
    "working": "#ffffff",
    "background": "#ffffff",
    "off": "#e6e6e6",
    "holiday": "#f6d5d5",
    "grid": "#d0d0d0",
    "text": "#222222",
    "muted": "#666666",
    "now": "#1565c0",
    "not_run": "#9e9e9e",  # a planned step the case never ran (ended before it, or a "Tidak" skipped it)
    "ended": "#6d4c41",  # where a decision's "Tidak" ended the procedure
}


@dataclass(frozen=True)
class Bar:
    starts: dt.datetime
    ends: dt.datetime
    state: str  # a key of COLOURS
    title: str


@dataclass
class GanttRow:
    label: str
    planned: Bar | None = None
    actual: list[Bar] = field(default_factory=list)
    not_run: bool = False  # a step of a finished case that never ran: its plan greyed, marked "not run"


@dataclass(frozen=True)
class EndMark:
    """Where a case stopped before its last step ran to the end: a line at `at` through every row, and
    `label` beside it in the row of the step it stopped at (`row`, an index of the rows)."""

    at: dt.datetime
    row: int
    label: str
    title: str


def gantt_svg(rows: Sequence[GanttRow], calendar: WorkCalendar, *, title: str,
              now: dt.datetime | None = None, end: EndMark | None = None, phone: bool = False) -> SafeString:
    """An SVG chart of `rows` over every day their bars touch (office time zone). With `now`, its line is
    drawn, and its place is given as data-focus-x, where a box narrower than the chart scrolls it to
    (workflow/gantt.js: the chart opens at today, not at its first day).

    `phone`: the narrow layout, one row per step with the step's name on a line of its own and its bars under
    it across the whole width (PHONE_WIDTH), nothing to scroll; the desktop one has the names beside the bars."""
    moments = [m for r in rows for b in ([r.planned] if r.planned else []) + r.actual for m in (b.starts, b.ends)]
    if now is not None:
        moments.append(now)
    if not moments:
        return mark_safe("")
    local = [calendar.local(m) for m in moments]
    first, last = min(local).date(), max(local).date()
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    working = [calendar.hours_on(day) is not None for day in days]
    label_w, chart_w, min_day, row_h = ((0.0, PHONE_WIDTH - 12.0, PHONE_MIN_DAY, PHONE_ROW) if phone
                                        else (float(LABEL_WIDTH), float(CHART_WIDTH), MIN_DAY, ROW))
    units = working.count(True) + OFF_DAY * working.count(False)
    if phone:  # the days share the width exactly, a day off a third of a working day
        width = min(MAX_DAY, chart_w / units)
        widths = [width if works else width * OFF_DAY for works in working]
    else:
        width = max(min_day, min(MAX_DAY, chart_w / units))
        widths = [width if works else max(min_day, width * OFF_DAY) for works in working]
    lefts = list(accumulate(widths[:-1], initial=label_w + (4.0 if phone else 0.0)))
    hour_marks = _hour_marks(days, calendar, width)
    header = HEADER + (HOURS_HEADER if hour_marks else 0)
    total_w = PHONE_WIDTH if phone else label_w + sum(widths) + 8
    total_h = header + row_h * len(rows) + 8
    # Where a row's bars stand below its top: beside the name on a desktop, under it on a phone.
    planned_at, actual_at = (18, 20 + BAR) if phone else (4, 6 + BAR)

    def x(moment: dt.datetime) -> float:
        moment = calendar.local(moment)
        index = (moment.date() - first).days
        hours = calendar.hours_on(moment.date())
        if hours is None:
            share = 0.0
        else:
            opens, closes = calendar.opening(moment.date())
            share = min(1.0, max(0.0, (moment - opens) / (closes - opens)))
        return lefts[index] + widths[index] * share

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gantt{" gantt-phone" if phone else ""}" role="img" '
        f'viewBox="0 0 {total_w:.0f} {total_h}" '
        + (f'data-focus-x="{x(now):.0f}" ' if now is not None and not phone else "")
        + f'width="{total_w:.0f}" height="{total_h}" font-family="sans-serif" font-size="11" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for i, day in enumerate(days):
        left, wide = lefts[i], widths[i]
        holiday = calendar.holiday_name(day)
        fill = COLOURS["holiday"] if holiday else COLOURS["working"] if calendar.is_working_day(day) else COLOURS["off"]
        tip = f"{day:%d-%m-%Y}" + (f" · {holiday}" if holiday else "")
        out.append(f'<rect x="{left:.1f}" y="{HEADER - 16}" width="{wide:.1f}" height="{total_h - HEADER + 8}" '
                   f'fill="{fill}" stroke="{COLOURS["grid"]}" stroke-width="0.5"><title>{escape(tip)}</title></rect>')
        if wide >= 11 or not phone:  # on a phone a day's number only where it has room
            out.append(f'<text x="{left + wide / 2:.1f}" y="{HEADER - 4}" text-anchor="middle" font-size="9" '
                       f'fill="{COLOURS["muted"]}">{day.day}</text>')
    for moment, labelled in hour_marks:
        at = x(moment)
        out.append(f'<line class="gantt-hour" x1="{at:.1f}" x2="{at:.1f}" y1="{header - 2}" y2="{total_h}" '
                   f'stroke="{COLOURS["grid"]}" stroke-width="0.5" stroke-dasharray="2 3"/>')
        if labelled:
            out.append(f'<text x="{at:.1f}" y="{header - 4}" text-anchor="middle" font-size="8" '
                       f'fill="{COLOURS["muted"]}">{calendar.local(moment):%H.%M}</text>')
    for left, name in _month_labels(days, lefts):
        if phone and left + 7 * len(name) > total_w:  # a month begun near the end: its name ends at the edge
            out.append(f'<text x="{total_w - 2:.1f}" y="14" text-anchor="end" fill="{COLOURS["text"]}">'
                       f'{escape(name)}</text>')
            continue
        out.append(f'<text x="{left:.1f}" y="14" fill="{COLOURS["text"]}">{escape(name)}</text>')
    # The steps' names, drawn last in a group of their own on a background as wide as the longest name:
    # gantt.js moves the group along when a chart wider than its box is scrolled (on a phone), so each row
    # keeps its name in view; without JavaScript it stays at the start, where the days begin after it.
    # On a phone the names stand on their own lines above the bars, on a white halo over the days' grid.
    limit = PHONE_LABEL if phone else 30
    names = [clip_label(row.label, limit) for row in rows]
    if phone:
        labels = ["<g class=\"gantt-labels\">"]
    else:
        names_w = min(float(LABEL_WIDTH), max((NAME_CHAR * min(len(row.label), limit) + 12 for row in rows),
                                                 default=0.0))
        labels = [f'<g class="gantt-labels"><rect x="0" y="{header}" width="{names_w:.0f}" '
                  f'height="{ROW * len(rows)}" fill="{COLOURS["background"]}" fill-opacity="0.92"/>']
    for n, row in enumerate(rows):
        top = header + row_h * n
        fill = COLOURS["muted" if row.not_run else "text"]
        if phone:
            labels.append(f'<text x="4" y="{top + 13}" font-size="12" font-weight="600" fill="{fill}" '
                          f'stroke="{COLOURS["background"]}" stroke-width="3" stroke-linejoin="round" '
                          f'paint-order="stroke">{names[n]}</text>')
        else:
            labels.append(f'<text x="6" y="{top + ROW / 2 + 4:.0f}" fill="{fill}">{names[n]}</text>'
                          f'<line x1="0" x2="{names_w:.0f}" y1="{top + ROW}" y2="{top + ROW}" '
                          f'stroke="{COLOURS["grid"]}" stroke-width="0.5"/>')
        out.append(f'<line x1="0" x2="{total_w:.0f}" y1="{top + row_h}" y2="{top + row_h}" '
                   f'stroke="{COLOURS["grid"]}" stroke-width="0.5"/>')
        if row.planned:
            out.append(_bar(row.planned, x, top + planned_at, hollow=True))
        for bar in row.actual:
            out.append(_bar(bar, x, top + actual_at, hollow=False))
        if row.not_run and row.planned:
            # Said in words under the greyed plan, where its actual bar would be (inside the chart).
            words = _("not run")
            left = x(row.planned.starts)
            if left + 6 * len(words) > total_w - 4:
                left = total_w - 4 - 6 * len(words)
            out.append(f'<text class="gantt-not-run" x="{left:.1f}" y="{top + actual_at + BAR:.1f}" font-size="9" '
                       f'font-style="italic" fill="{COLOURS["muted"]}">{escape(words)}</text>')
    if end is not None:
        at = x(end.at)
        top = header + row_h * end.row
        out.append(f'<line class="gantt-end" x1="{at:.1f}" x2="{at:.1f}" y1="{header - 2}" y2="{total_h}" '
                   f'stroke="{COLOURS["ended"]}" stroke-width="2"><title>{escape(end.title)}</title></line>')
        # Beside the line, in the row of the step it stopped at; before the line where no room is after it.
        anchor, left = ("start", at + 4) if at + 4 + 6 * len(end.label) <= total_w else ("end", at - 4)
        label_y = top + actual_at + BAR if phone else top + ROW / 2 + 4
        out.append(f'<text class="gantt-end-label" x="{left:.1f}" y="{label_y:.0f}" text-anchor="{anchor}" '
                   f'font-size="10" font-weight="bold" fill="{COLOURS["ended"]}">{escape(end.label)}'
                   f'<title>{escape(end.title)}</title></text>')
    if now is not None:
        at = x(now)
        out.append(f'<line class="gantt-now" x1="{at:.1f}" x2="{at:.1f}" y1="{HEADER - 16}" y2="{total_h}" '
                   f'stroke="{COLOURS["now"]}" '
                   f'stroke-width="1.5" stroke-dasharray="4 3"><title>{escape(_("Now"))}</title></line>')
    out.extend(labels)
    out.append("</g></svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped


def _hour_marks(days: Sequence[dt.date], calendar: WorkCalendar, width: float) -> list[tuple[dt.datetime, bool]]:
    """The full hours inside each working day's office hours, with whether each gets its label (every
    1, 2, 3 or 4 hours, whichever leaves each label its room), when the days are wide enough for them:
    otherwise none."""
    marks: list[tuple[dt.datetime, bool]] = []
    for day in days:
        if calendar.hours_on(day) is None:
            continue
        opens, closes = calendar.opening(day)
        per_hour = width / ((closes - opens).total_seconds() / 3600)
        if per_hour * 4 < HOUR_LABEL:
            return []
        step = next(n for n in (1, 2, 3, 4) if per_hour * n >= HOUR_LABEL)
        hour = opens.replace(minute=0, second=0, microsecond=0)
        if hour < opens:
            hour += dt.timedelta(hours=1)
        while hour <= closes:
            # A label needs half its room on each side inside the day (else it runs into the next day's).
            inside = min(hour - opens, closes - hour).total_seconds() / 3600 * per_hour >= HOUR_LABEL / 2
            marks.append((hour, inside and hour.hour % step == 0))
            hour += dt.timedelta(hours=1)
    return marks


def clip_label(label: str, limit: int) -> SafeString:
    """A row's name for a chart, escaped: cut to `limit` characters with "…" where it is longer, the whole name
    kept as its tooltip. Two steps of one long actor ("3. Kepala Seksi Perekonomian dan Pembangunan", "4. …") were
    cut mid-word with nothing to say the name goes on."""
    if len(label) <= limit:
        return escape(label)
    return mark_safe(f"{escape(label[:limit - 1].rstrip())}…<title>{escape(label)}</title>")  # noqa: S308 (escaped)


def _month_labels(days: Sequence[dt.date], lefts: Sequence[float]) -> list[tuple[float, str]]:
    """(x, name) of each month the days show, at its first day; where two would overlap, the month with
    fewer days in the chart gives way."""
    labels: list[tuple[float, str, int]] = []
    for i, day in enumerate(days):
        if i == 0 or day.day == 1:
            shown = sum(1 for d in days[i:] if (d.year, d.month) == (day.year, day.month))
            labels.append((lefts[i] + 2, date_format(day, "M Y"), shown))
    kept: list[tuple[float, str, int]] = []
    for label in labels:
        if kept and kept[-1][0] + 7 * len(kept[-1][1]) > label[0]:  # about 7 px per character at 11 px
            if kept[-1][2] >= label[2]:
                continue
            kept.pop()
        kept.append(label)
    return [(left, name) for left, name, _shown in kept]


def _bar(bar: Bar, x: Any, top: float, *, hollow: bool) -> str:
    left, right = x(bar.starts), x(bar.ends)
    colour = COLOURS[bar.state]
    paint = f'fill="{colour}" fill-opacity="0.45" stroke="{colour}"' if hollow else f'fill="{colour}"'
    if bar.state == "not_run":  # greyed and dashed: a plan the case did not follow
        paint = f'fill="{colour}" fill-opacity="0.2" stroke="{colour}" stroke-dasharray="3 2"'
    return (f'<rect x="{left:.1f}" y="{top:.1f}" width="{max(MIN_BAR, right - left):.1f}" height="{BAR}" rx="2" '
            f'{paint}><title>{escape(bar.title)}</title></rect>')


def _span(starts: dt.datetime, ends: dt.datetime, calendar: WorkCalendar) -> str:
    a, b = calendar.local(starts), calendar.local(ends)
    return f"{a:%d-%m-%Y %H:%M} – {b:%d-%m-%Y %H:%M}"


def plan_rows(steps: Sequence[Any], start: dt.datetime, calendar: WorkCalendar) -> list[GanttRow]:
    """One row per step with its planned bar."""
    rows = []
    for p in plan(steps, start, calendar):
        label = f"{p.display_number}. {p.actor}"
        tip = _("Step %(number)s planned: %(span)s") % {"number": p.display_number, "span": _span(p.starts, p.due, calendar)}
        rows.append(GanttRow(label=label, planned=Bar(p.starts, p.due, "planned", tip)))
    return rows


def plan_gantt_svg(steps: Sequence[Any], start: dt.datetime, calendar: WorkCalendar, *,
                   phone: bool = False) -> SafeString:
    return gantt_svg(plan_rows(steps, start, calendar), calendar, title=_("Planned steps"), phone=phone)


@dataclass(frozen=True)
class Charts:
    """The same chart drawn twice, for the page to show one by the screen's width (planning.css, workflow.css):
    beside the steps' names on a wide screen and on paper, under them on a phone."""

    desktop: SafeString
    phone: SafeString


def plan_gantt_charts(steps: Sequence[Any], start: dt.datetime, calendar: WorkCalendar) -> Charts:
    rows = plan_rows(steps, start, calendar)
    return Charts(gantt_svg(rows, calendar, title=_("Planned steps")),
                  gantt_svg(rows, calendar, title=_("Planned steps"), phone=True))


def case_gantt_svg(case: Case, *, now: dt.datetime | None = None, calendar: WorkCalendar | None = None,
                   phone: bool = False) -> SafeString:
    """case_gantt_charts' chart, for a wide screen or (`phone`) a narrow one."""
    charts = case_gantt_charts(case, now=now, calendar=calendar)
    return charts.phone if phone else charts.desktop


def case_gantt_charts(case: Case, *, now: dt.datetime | None = None,
                      calendar: WorkCalendar | None = None) -> Charts:
    """A running case's plan (from its start, every step at its standard time) against its tasks:
    one bar per round, green when done by its due date, red when late, amber while open. Once the case
    is closed, a step it never ran (after the decision whose "Tidak" ended it, or skipped by a "Tidak"
    that went on to a later step) keeps its plan greyed and marked "not run"; where a "Tidak" ended the
    procedure, a line marks the end in the deciding step's row. Four queries (steps, tasks, and the
    calendar's two) whatever the number of rounds, for both drawings."""
    now = now or timezone.now()
    calendar = calendar or WorkCalendar.for_office(case.office)
    steps = list(case.sop_version.steps.select_related("actor").order_by("number"))
    rows = plan_rows(steps, case.started_at, calendar)
    by_step = {s.pk: row for s, row in zip(steps, rows, strict=True)}
    ran: set[int] = set()
    end: EndMark | None = None
    for task in case.tasks.order_by("opened_at", "pk"):
        row = by_step.get(task.step_id)
        if row is None:
            continue
        ran.add(task.step_id)
        if task.verdict == Task.Verdict.END and task.done_at is not None and case.status == Case.Status.ENDED:
            step = next(s for s in steps if s.pk == task.step_id)
            end = EndMark(task.done_at, rows.index(row), _("Tidak: ended"),
                          _("The procedure ended at step %(n)s (Tidak), %(when)s: not continued.")
                          % {"n": step.display_number, "when": f"{calendar.local(task.done_at):%d-%m-%Y %H:%M}"})
        ends = task.done_at or now
        if task.status == "returned":
            state = "returned"
        elif task.done_at is not None:
            state = "done" if task.done_at <= task.due_at else "late"
        else:
            state = "overdue" if now > task.due_at else "open"
        tip = _("Round %(round)s: %(span)s, due %(due)s") % {
            "round": task.round, "span": _span(task.opened_at, ends, calendar),
            "due": f"{calendar.local(task.due_at):%d-%m-%Y %H:%M}"}
        row.actual.append(Bar(task.opened_at, max(ends, task.opened_at), state, tip))
    if case.status != Case.Status.OPEN:
        for step, row in zip(steps, rows, strict=True):
            if step.pk not in ran and row.planned is not None:
                row.not_run = True
                row.planned = Bar(row.planned.starts, row.planned.ends, "not_run",
                                  _("Step %(number)s planned: %(span)s · not run in this case") % {
                                      "number": step.display_number,
                                      "span": _span(row.planned.starts, row.planned.ends, calendar)})
    title = _("Plan and actual of %(case)s") % {"case": case.title}
    shown_now = now if case.status == "open" else None
    return Charts(gantt_svg(rows, calendar, title=title, now=shown_now, end=end),
                  gantt_svg(rows, calendar, title=title, now=shown_now, end=end, phone=True))
