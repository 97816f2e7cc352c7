"""SOP compliance: for an SOP and a year, per step how often it ran, how long it really took in working
time against its standard, how often it was on time, how often it sent work back, and where cases wait
now; and per division, how it delivered what a coordinating step asked of it (on time, late, never).
The evidence a SAKIP evaluator asks for (the SOP is followed, data is delivered on time).

Medians and percentiles are computed in Python from one query of the year's tasks: SQLite has no
percentile function and PostgreSQL's `percentile_cont` would split the code in two; a year of one SOP
is at most a few thousand rows.

A case a decision's "Tidak" ended (Step.ends_if_not, Case.Status.ENDED: a request refused, "tidak
memenuhi syarat: selesai") followed the SOP to its end by the shorter path the SOP itself draws. It
counts as started and as ended (`cases_ended`), apart from those finished after the last step and from
the cancelled ones, so neither the finished count nor the cancelled one is blurred by refusals. Its
deciding step's round counts as a run like any other (its working time against the standard, on time or
not) and in that step's `ends`; the steps after it never opened in that case, so they count no run, no
lateness and no waiting for it: a refusal is not a step skipped late.

A case runs on the SOP version it started on, whose standard times may differ from a later version's:
each round is judged against its own version's standard (its due date was set from it, and its working
time is compared with it in the chart). The report's rows are the steps of the newest version used; a
step whose standard differed between the versions that ran it says so ("berbeda per versi") and lists
the standard, runs and on-time rounds of each version (StepCompliance.by_version).
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.sop.models import Sop, Step

from .calendar import DAYS_PER_WEEK, WorkCalendar
from .gantt import clip_label
from .models import Case, DivisionRequest, Task
from .planning import standard_time


@dataclass
class VersionStandard:
    """A step's standard time in one SOP version, and how that version's cases did at the step."""

    version: int
    standard: str  # as that version writes it: "5 hari"
    standard_seconds: int | None
    runs: int = 0
    on_time: int = 0


@dataclass
class StepCompliance:
    number: int
    actor: str
    activity: str
    standard: str  # as the SOP writes it: "5 hari"; "berbeda per versi" when the versions run differ
    standard_seconds: int | None  # in working time; None for months (their length varies) or when versions differ
    runs: int = 0  # finished rounds (completed or sent back)
    median_seconds: int | None = None
    p90_seconds: int | None = None
    on_time: int = 0
    returns: int = 0  # rounds of this step that sent the work back ("belum sesuai")
    ends: int = 0  # rounds of this step whose "Tidak" ended the case (Step.ends_if_not)
    waiting: int = 0  # cases whose open task is at this step now
    overdue: int = 0  # of those, past their due date
    label: str = ""  # the number as the SOP prints it ("3.1"), when not `number`
    # Median and 90th percentile of each round's working time as a share of its own version's standard
    # (1.0 = exactly the standard); None where no round has a standard in working time.
    median_ratio: float | None = None
    p90_ratio: float | None = None
    # The versions whose cases had this step in the year, oldest first; filled whatever they say, shown
    # where `versions_differ`.
    by_version: list[VersionStandard] = field(default_factory=list)
    versions_differ: bool = False  # the standard is not the same in every version run (and the newest)
    # The actor is a party outside the office (Pemohon): its time is theirs, recorded by an officer, not the
    # office's own work, so the report names it as such.
    outside: bool = False

    @property
    def display_number(self) -> str:
        return self.label or str(self.number)

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.runs if self.runs else None

    @property
    def actor_shown(self) -> str:
        """The actor as a line of text (the CLI's table, the workbook): "Pemohon (pihak luar)" for an outside party."""
        return f"{self.actor} ({_('outside the office')})" if self.outside else self.actor

    @property
    def standard_shown(self) -> str:
        """The standard as a line of text (the CLI's table, the workbook): "5 hari"; where the versions
        differ, each version run with its own, "berbeda per versi (v1: 5 hari; v2: 2 hari)", or "v1: 5 hari"
        when only an older version than the newest ran the step."""
        if not self.versions_differ:
            return self.standard
        each = "; ".join(f"v{v.version}: {v.standard}" for v in self.by_version)
        return f"{self.standard} ({each})" if len({v.standard for v in self.by_version}) > 1 else each


@dataclass
class DivisionCompliance:
    """How one division delivered what the SOP's coordinating step asked of it (DivisionRequest) in the
    year's cases: the "data delivered on time" an evaluator asks for. Requests cancelled with their case
    are not counted."""

    name: str
    requested: int = 0
    on_time: int = 0  # answered by the request's due date
    late: int = 0  # answered after it
    unanswered: int = 0  # never answered: the step was completed without it
    waiting: int = 0  # not answered yet, the step still open
    overdue: int = 0  # of those, past the due date
    median_seconds: int | None = None  # working time from the request to the answer

    @property
    def on_time_share(self) -> float | None:
        """On time among the requests whose outcome is known (answered, or the step closed without it)."""
        settled = self.on_time + self.late + self.unanswered
        return self.on_time / settled if settled else None


@dataclass
class ComplianceReport:
    sop: Sop
    year: int
    time_zone: str
    generated_at: dt.datetime
    day_seconds: int
    cases_started: int = 0
    cases_finished: int = 0
    cases_open: int = 0
    cases_ended: int = 0  # ended at a decision's "Tidak", the last step's too (Case.Status.ENDED)
    steps: list[StepCompliance] = field(default_factory=list)
    divisions: list[DivisionCompliance] = field(default_factory=list)

    @property
    def time_zone_label(self) -> str:
        """WIB, WITA or WIT, as a civil servant names the office's clock ("Asia/Jakarta" is the database's name)."""
        return self.generated_at.astimezone(ZoneInfo(self.time_zone)).tzname() or self.time_zone

    def as_json(self) -> dict[str, Any]:
        return {
            "sop": {"id": self.sop.pk, "number": self.sop.number, "name": self.sop.name},
            "year": self.year, "time_zone": self.time_zone, "generated_at": self.generated_at.isoformat(),
            "working_day_seconds": self.day_seconds,
            "cases": {"started": self.cases_started, "finished": self.cases_finished, "open": self.cases_open,
                      "ended": self.cases_ended},
            "steps": [{**asdict(s), "on_time_share": _round(s.on_time_share), "median_ratio": _round(s.median_ratio),
                       "p90_ratio": _round(s.p90_ratio)} for s in self.steps],
            "divisions": [{**asdict(d), "on_time_share": _round(d.on_time_share)} for d in self.divisions],
        }


def standard_seconds(value: Decimal, unit: str, calendar: WorkCalendar) -> int | None:
    """A standard time in seconds of working time (a day is the office's normal day)."""
    day = calendar.day_length.total_seconds()
    per_unit = {"minute": 60, "hour": 3600, "day": day, "week": day * DAYS_PER_WEEK}.get(unit)
    return None if per_unit is None else int(Decimal(value) * Decimal(per_unit))


def percentile(values: list[Any], share: float) -> Any:
    """Nearest-rank percentile of sorted `values` (the value at or below which `share` of them lie)."""
    rank = max(1, math.ceil(share * len(values)))
    return values[rank - 1]


def compliance(sop: Sop, year: int, *, now: dt.datetime | None = None,
               calendar: WorkCalendar | None = None) -> ComplianceReport:
    """The compliance of `sop` for cases started in `year` (office time zone), across its versions.

    Six queries whatever the number of cases: the calendar (two), the steps, the cases, the tasks, the
    requests to the divisions."""
    now = now or timezone.now()
    calendar = calendar or WorkCalendar.for_office(sop.office)
    begin = dt.datetime(year, 1, 1, tzinfo=calendar.tz)
    end = dt.datetime(year + 1, 1, 1, tzinfo=calendar.tz)
    report = ComplianceReport(sop=sop, year=year, time_zone=calendar.time_zone, generated_at=now,
                              day_seconds=int(calendar.day_length.total_seconds()))

    cases = list(Case.objects.filter(sop_version__sop=sop, started_at__gte=begin, started_at__lt=end)
                 .values_list("pk", "status", "sop_version__version"))
    report.cases_started = len(cases)
    report.cases_finished = sum(1 for _pk, status, _v in cases if status == Case.Status.DONE)
    report.cases_open = sum(1 for _pk, status, _v in cases if status == Case.Status.OPEN)
    report.cases_ended = sum(1 for _pk, status, _v in cases if status == Case.Status.ENDED)
    # The steps as the newest version used in the year writes them (the version in force when unused).
    used = {v for _pk, _s, v in cases}
    steps = list(Step.objects.filter(version__sop=sop).select_related("actor", "version")
                 .order_by("-version__version", "number"))
    newest = max(used) if used else next((s.version.version for s in steps if s.version.status == "in_force"),
                                         steps[0].version.version if steps else None)
    rows: dict[int, StepCompliance] = {}
    standards: dict[tuple[int, int], VersionStandard] = {}  # (version, step number): that version's standard
    for step in steps:
        standards[step.version.version, step.number] = VersionStandard(
            version=step.version.version, standard=standard_time(step.duration_value, step.duration_unit),
            standard_seconds=standard_seconds(step.duration_value, step.duration_unit, calendar))
        if step.version.version == newest:
            rows[step.number] = StepCompliance(
                number=step.number, label=step.label, actor=step.actor.name, activity=step.activity,
                outside=step.actor.external, standard=standards[newest, step.number].standard,
                standard_seconds=standards[newest, step.number].standard_seconds)

    seconds: dict[int, list[int]] = defaultdict(list)
    ratios: dict[int, list[float]] = defaultdict(list)
    ran: dict[int, dict[int, VersionStandard]] = defaultdict(dict)  # step number: the versions that had it
    tasks = (Task.objects.filter(case__sop_version__sop=sop, case__started_at__gte=begin, case__started_at__lt=end)
             .values_list("step__number", "status", "opened_at", "due_at", "done_at", "working_seconds",
                          "case__status", "verdict", "case__sop_version__version"))
    for number, status, opened_at, due_at, done_at, worked, case_status, verdict, version in tasks:
        row = rows.get(number)
        if row is None:
            continue  # a step an older version had and the newest has not
        own = ran[number].setdefault(version, VersionStandard(**asdict(standards[version, number])))
        if status in (Task.Status.DONE, Task.Status.RETURNED) and done_at is not None:
            # On time by the round's own due date, set from its version's standard when it opened.
            row.runs += 1
            row.on_time += done_at <= due_at
            own.runs += 1
            own.on_time += done_at <= due_at
            row.returns += status == Task.Status.RETURNED
            row.ends += verdict == Task.Verdict.END
            if worked is None:
                worked = int(calendar.elapsed(opened_at, done_at).total_seconds())
            seconds[number].append(worked)
            if own.standard_seconds:
                ratios[number].append(worked / own.standard_seconds)
        elif status == Task.Status.OPEN and case_status == Case.Status.OPEN:
            row.waiting += 1
            row.overdue += now > due_at
    for number, values in seconds.items():
        values.sort()
        rows[number].median_seconds = _median(values)
        rows[number].p90_seconds = percentile(values, 0.9)
    for number, shares in ratios.items():
        shares.sort()
        rows[number].median_ratio = _median(shares)
        rows[number].p90_ratio = percentile(shares, 0.9)
    for number, versions in ran.items():
        row = rows[number]
        row.by_version = [versions[v] for v in sorted(versions)]
        seen = {(v.standard, v.standard_seconds) for v in row.by_version}
        row.versions_differ = len(seen | {(row.standard, row.standard_seconds)}) > 1
        if len(seen) > 1:
            row.standard, row.standard_seconds = _("differs by version"), None
        elif row.versions_differ:
            # Every round ran on an older version than the newest used: its standard is theirs.
            row.standard, row.standard_seconds = next(iter(seen))
    report.steps = [rows[n] for n in sorted(rows)]
    report.divisions = _divisions(sop, begin, end, now, calendar)
    return report


def _divisions(sop: Sop, begin: dt.datetime, end: dt.datetime, now: dt.datetime,
               calendar: WorkCalendar) -> list[DivisionCompliance]:
    """Per division, its requests in the cases of `sop` started between `begin` and `end`, the divisions
    in the order they were made (as the organisation page lists them)."""
    found: dict[int, DivisionCompliance] = {}
    answered: dict[int, list[int]] = defaultdict(list)
    requests = (DivisionRequest.objects
                .filter(task__case__sop_version__sop=sop, task__case__started_at__gte=begin,
                        task__case__started_at__lt=end, cancelled_at__isnull=True)
                .order_by("division__pk")
                .values_list("division_id", "division__name", "sent_at", "due_at", "answered_at", "task__status"))
    for division_id, name, sent_at, due_at, answered_at, task_status in requests:
        row = found.setdefault(division_id, DivisionCompliance(name=name))
        row.requested += 1
        if answered_at is not None:
            if answered_at <= due_at:
                row.on_time += 1
            else:
                row.late += 1
            answered[division_id].append(int(calendar.elapsed(sent_at, answered_at).total_seconds()))
        elif task_status == Task.Status.OPEN:
            row.waiting += 1
            row.overdue += now > due_at
        else:
            row.unanswered += 1
    for division_id, values in answered.items():
        values.sort()
        found[division_id].median_seconds = _median(values)
    return list(found.values())


def _median(values: list[Any]) -> Any:
    """The median of sorted `values`: whole seconds stay whole (int), shares are averaged as floats."""
    middle = len(values) // 2
    if len(values) % 2:
        return values[middle]
    both = values[middle - 1] + values[middle]
    return both // 2 if isinstance(both, int) else both / 2


def _round(share: float | None) -> float | None:
    return None if share is None else round(share, 4)


def duration_text(seconds: int | None, day_seconds: int) -> str:
    """Working time as an SOP would write it, in the active language: minutes under an hour, hours under
    a day, else days of the office's normal length ("12 menit", "3,5 jam", "4,2 hari"; "12 minutes",
    "3.5 hours", "4.2 days")."""
    if seconds is None:
        return "–"
    if seconds < 3600:
        minutes = round(seconds / 60)
        return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
    # The messages are written out in each call (not passed to a helper), so makemessages finds them.
    if seconds < day_seconds:
        count, n = _tenths(seconds / 3600)
        return ngettext("%(n)s hour", "%(n)s hours", count) % {"n": n}
    count, n = _tenths(seconds / day_seconds)
    return ngettext("%(n)s day", "%(n)s days", count) % {"n": n}


def _tenths(value: float) -> tuple[int, str]:
    """The count that chooses the plural (a fraction reads as a plural: "1.5 hours") and the number with
    one decimal in the language's own separator."""
    tenths = round(value, 1)
    return (int(tenths) if tenths == int(tenths) else 2), number_format(tenths, decimal_pos=1)


CHART_LABEL = 200
CHART_WIDTH = 440
CHART_ROW = 34
# On a phone (planning.css shows it below 600 px) each step's name stands on its own line above its bars,
# which take the whole width: 320 units fit the card on a 390 px screen unscaled, the text stays 11-12 px.
PHONE_WIDTH = 320
PHONE_ROW = 52
# A step's two bars (median above, 90th percentile below) and their values: the values, 10 units high, need the
# bars 2 apart at least; an arrow (a bar beyond the scale) juts ARROW past the bar's end, and a value stands
# VALUE_GAP clear of whichever ends the bar.
BAR_HEIGHT, BAR_GAP, ARROW, VALUE_GAP = 10, 13, 8, 5


def chart_svg(report: ComplianceReport, *, phone: bool = False) -> SafeString:
    """Per step, the median and 90th percentile of working time as a multiple of the standard (the
    dashed line is the standard; bars beyond the scale end in an arrow). Hand SVG: no JavaScript.
    `phone`: the narrow layout, the step's name above its bars instead of beside them."""
    ratios = [r for s in report.steps for r in (s.median_ratio, s.p90_ratio) if r]
    scale = min(5.0, max(2.0, math.ceil(max(ratios, default=1.0))))
    if phone:
        left, span, row, bars_at = 8, PHONE_WIDTH - 8 - 48, PHONE_ROW, 20
        width, label_chars = PHONE_WIDTH, 52
    else:
        left, span, row, bars_at = CHART_LABEL, CHART_WIDTH, CHART_ROW, 0
        width, label_chars = CHART_LABEL + CHART_WIDTH + 90, 30
    height = 40 + row * len(report.steps)
    title = _("Working time against the standard, %(year)s") % {"year": report.year}

    def x(ratio: float) -> float:
        return left + span * min(ratio, scale) / scale

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" font-family="sans-serif" font-size="11" aria-label="{escape(title)}">'
           f'<title>{escape(title)}</title>']
    for tick in range(int(scale) + 1):
        anchor = "start" if phone and tick == 0 else "middle"  # the phone's 0× would stick out on the left
        out.append(f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="22" y2="{height - 8}" stroke="#d0d0d0" '
                   f'stroke-width="0.5"/><text x="{x(tick):.1f}" y="16" text-anchor="{anchor}" '
                   f'fill="#666666">{tick}×</text>')
    # The texts go on after the bars and the standard's dashed line, each on a white halo: drawn before, the
    # line crossed a value or a name standing at 1× (on a phone the names stand over the bars' track).
    texts: list[str] = []
    halo = 'stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
    for n, step in enumerate(report.steps):
        top = 28 + row * n
        label = clip_label(f"{step.display_number}. {step.actor}", label_chars)
        if phone:
            texts.append(f'<text x="{left}" y="{top + 12}" fill="#222222" font-size="12" font-weight="600" {halo}>'
                         f'{label}</text>')
        else:
            texts.append(f'<text x="4" y="{top + 15}" fill="#222222">{label}</text>')
        against = _("the standard of each round's version") if step.standard_seconds is None else step.standard
        for offset, value, ratio, colour, name in (
                (bars_at, step.median_seconds, step.median_ratio, "#1565c0", _("median")),
                (bars_at + BAR_GAP, step.p90_seconds, step.p90_ratio, "#8fb3de", _("90th percentile"))):
            if ratio is None:
                continue
            tip = (f"{name}: {duration_text(value, report.day_seconds)} "
                   f"({number_format(round(ratio, 2), decimal_pos=2)}× {against})")
            end = x(ratio)
            out.append(f'<rect x="{left}" y="{top + offset}" width="{max(1.0, end - left):.1f}" '
                       f'height="{BAR_HEIGHT}" fill="{colour}"><title>{escape(tip)}</title></rect>')
            if ratio > scale:
                out.append(f'<path d="M{end:.1f} {top + offset - 2} l{ARROW} 7 l-{ARROW} 7 z" fill="{colour}"/>')
                end += ARROW  # the value stands clear of the arrow's tip, not on it
            shown = number_format(round(ratio, 1), decimal_pos=1)
            texts.append(f'<text x="{end + VALUE_GAP:.1f}" y="{top + offset + 9}" fill="#222222" font-size="10" '
                         f'{halo}>{shown}×</text>')
    out.append(f'<line x1="{x(1):.1f}" x2="{x(1):.1f}" y1="22" y2="{height - 8}" stroke="#c62828" stroke-width="1.5" '
               f'stroke-dasharray="4 3"><title>{escape(_("Standard time"))}</title></line>')
    out.extend(texts)
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped


def to_xlsx(report: ComplianceReport) -> bytes:
    """The report as a workbook: real numbers with number formats (durations in hours, shares as %)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _("Compliance")[:31]
    sheet.append([f"{report.sop.number} {report.sop.name}".strip()])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_("Year"), report.year, _("Cases started"), report.cases_started, _("finished"),
                  report.cases_finished, _("open"), report.cases_open, _("ended at a decision"), report.cases_ended])
    sheet.append([_("Working time in hours of office time (%(tz)s); a working day has %(hours)s hours.")
                  % {"tz": report.time_zone_label, "hours": f"{report.day_seconds / 3600:g}".replace(".", ",")}])
    sheet.append([])
    header = [_("No."), _("Actor"), _("Activity"), _("Standard time"), _("Standard (hours)"), _("Runs"),
              _("Median (hours)"), _("90th percentile (hours)"), _("On time"), _("Share on time"),
              _("Sent back"), _("Waiting now"), _("Overdue now"), _("Ended here")]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    first = sheet.max_row + 1
    for s in report.steps:
        # The number as the SOP prints it: a sub-step's "3.1" as text, a whole step's as a number.
        printed = s.display_number
        sheet.append([int(printed) if printed.isdigit() else printed, s.actor_shown, s.activity, s.standard_shown,
                      _hours(s.standard_seconds), s.runs,
                      _hours(s.median_seconds), _hours(s.p90_seconds), s.on_time, s.on_time_share, s.returns,
                      s.waiting, s.overdue, s.ends])
    for row in sheet.iter_rows(min_row=first, max_row=sheet.max_row):
        for index in (4, 6, 7):
            row[index].number_format = "0.00"
        row[9].number_format = "0.0%"
        # "berbeda per versi (v1: 5 hari; v2: 3 hari)" stays in its column, over several lines.
        row[3].alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate([5, 14, 60, 12, 12, 8, 12, 14, 9, 12, 10, 11, 11, 10], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=first, column=1)
    if report.divisions:
        divisions = book.create_sheet(_("Divisions")[:31])
        divisions.append([_("Requests to the divisions in the cases of %(year)s: answered by their due date, late, "
                            "never (the step completed without them), or still awaited.") % {"year": report.year}])
        divisions.append([])
        divisions.append([_("Division"), _("Requests"), _("On time"), _("Late"), _("Never answered"),
                          _("Awaited now"), _("Overdue now"), _("Share on time"), _("Median answer time (hours)")])
        for cell in divisions[divisions.max_row]:
            cell.font = Font(bold=True)
        start = divisions.max_row + 1
        for d in report.divisions:
            divisions.append([d.name, d.requested, d.on_time, d.late, d.unanswered, d.waiting, d.overdue,
                              d.on_time_share, _hours(d.median_seconds)])
        for row in divisions.iter_rows(min_row=start, max_row=divisions.max_row):
            row[7].number_format = "0.0%"
            row[8].number_format = "0.00"
        for index, width in enumerate([48, 10, 9, 8, 14, 12, 12, 12, 16], start=1):
            divisions.column_dimensions[get_column_letter(index)].width = width
        divisions.freeze_panes = divisions.cell(row=start, column=1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _hours(seconds: int | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 4)
