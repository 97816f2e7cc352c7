"""The compiled Data Kinerja report: what one office achieved in one year (or quarter), as plain data.

`build_report()` reads the performance models once (a fixed number of queries, whatever the number of
indicators) into `ReportData`; the renderers (PDF, XLSX, DOCX), the charts, the dashboard and the JSON of
`kinerja data report` all draw from that one structure, so they can never disagree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.errors import KinerjaError, NotAllowed
from kinerja.org.holding import acting_refusal, holdings, today_in
from kinerja.org.models import Assignment, Office, Position, Unit, name_of
from kinerja.org.roles import Role, acting_for, roles_and_stand_ins
from kinerja.uploads import removed_on_failure

from . import access
from . import achievement as ach
from .cards import annual_only
from .models import (
    Activity,
    Actual,
    Evidence,
    Indicator,
    Objective,
    PerformanceSettings,
    Program,
    ReportCompilation,
    ReportVersion,
    Target,
    period_name,
    period_phrase,
)
from .signoff import Revision, revision

Value = Decimal | str | None
# Years before the report's year that the comparison shows (PermenPAN-RB 53/2014 asks for up to five).
HISTORY_YEARS = 5
# Actuals a division has not yet submitted are its own working copy, not the office's data.
REPORTED = (Actual.Status.SUBMITTED, Actual.Status.CHECKED, Actual.Status.LOCKED)
# The Keterangan printed when an indicator has no percentage: document text, Indonesian in every language.
# A quarterly report's count compared with the annual target (no quarter targets): progress through the
# year, printed without a predicate (_against_annual_target).
PARTIAL_NOTE = ("Dibandingkan dengan target tahunan (belum ada target triwulan): kemajuan sampai triwulan "
                "%(quarter)s, tanpa predikat")

# A quarterly report's row of an indicator measured by the year alone (cards.annual_only): no quarter of it
# is missing, its realisasi comes with the year's.
ANNUAL_ONLY_NOTE = "Diukur tahunan: tanpa target dan realisasi triwulan"

# A part of the data (a division's, the indicators without one) prints no budget: a program and its activities
# belong to the office, not to a division (Program has no division; the objectives it serves may be measured by
# several), so neither their pagu and spending nor the achievement set against them can be cut to one part.
BUDGET_IN_WHOLE_NOTE = ("Realisasi anggaran dimuat dalam Data Kinerja seluruh perangkat daerah: program dan "
                        "kegiatannya tidak terbagi per bidang.")

NO_ACHIEVEMENT_NOTE = {
    ach.NoAchievement.NO_TARGET: "Target belum ditetapkan",
    ach.NoAchievement.NO_ACTUAL: "Belum ada realisasi",
    ach.NoAchievement.ZERO_ACTUAL: "Realisasi nol: target ÷ realisasi tidak dapat dihitung",
    ach.NoAchievement.TEXT_ACTUAL: "Realisasi berupa teks, target berupa angka",
}


@dataclass
class YearValue:
    """One earlier year of an indicator, for the comparison with previous years."""

    year: int
    target: Value
    actual: Value
    achievement: Decimal | None
    met: bool | None = None  # for a text target


@dataclass
class EvidenceRow:
    """One bukti dukung file of an indicator's reported actual in the report's period, as the annex lists
    it: enough for an evaluator to match the file they are given (its name, size and SHA-256)."""

    name: str
    quarter: int | None  # None: the actual of the whole year
    division: str
    uploaded_by: str
    uploaded_at: dt.datetime  # in the office's time zone
    size: int
    sha256: str


@dataclass
class IndicatorRow:
    code: str
    objective: str
    name: str
    unit: str
    negative: bool  # lower is better
    target: Value
    actual: Value
    achievement: Decimal | None  # rounded half up to 2 places; None for text or zero/missing target
    predicate: str | None
    # Text targets are met or not; numbers get a percentage instead.
    met: bool | None = None
    # Why there is no achievement ("target nol", "belum ada realisasi"), or other remarks.
    note: str = ""
    division: str = ""
    obstacles: str = ""
    solutions: str = ""
    history: list[YearValue] = field(default_factory=list)
    strategic_target: Value = None
    progress: Decimal | None = None  # actual against the Renstra end-of-period target
    national_standard: Value = None
    evidence: list[EvidenceRow] = field(default_factory=list)
    # A quarterly report's count compared with the annual target: progress, printed without a predicate.
    partial: bool = False
    # Of a negative indicator, the formula of its achievement (Indicator.NegativeMethod): "standard" or "ratio".
    negative_method: str = "standard"
    # A quarterly report's indicator measured by the year alone (cards.annual_only): no realisasi is missing.
    annual_only: bool = False
    # A quarterly report's target that is the year's (Perjanjian Kinerja or Renstra), for want of a target of
    # the quarter: the documents label it "tahunan" beside the quarters' targets of other rows.
    target_annual: bool = False

    @property
    def is_text(self) -> bool:
        return isinstance(self.target, str)

    @property
    def actual_is_text(self) -> bool:
        return isinstance(self.actual, str)

    @property
    def previous(self) -> YearValue | None:
        """The latest earlier year with a value, for "naik dari 85,00% pada 2024"."""
        for past in reversed(self.history):
            if past.achievement is not None or past.actual is not None:
                return past
        return None


@dataclass
class ObjectiveRow:
    number: int  # its place among the office's objectives, from 1
    name: str
    indicators: list[IndicatorRow]
    achievement: Decimal | None  # average of its indicators that have one
    predicate: str | None
    code: str = ""  # the office's own code of it (S9, SS-2, 9), as the Renstra numbers it

    @property
    def label(self) -> str:
        """How the pages and documents name it: the office's own code ("S9", "SS-2"), "S9" for a code that
        is only its number ("9", "9."), its place ("S4") only where it has no code. An office whose Renstra
        has a sasaran 9 reads S9 on every page, whatever sasaran come before it."""
        code = self.code.strip().rstrip(".").strip()
        if not code:
            return f"S{self.number}"
        return f"S{code}" if code[0].isdigit() else code


@dataclass
class BudgetRow:
    program: str
    budget: Decimal
    spent: Decimal
    absorption: Decimal | None  # spent ÷ budget × 100
    achievement: Decimal | None  # of the objective(s) the program serves
    efficiency: Decimal | None  # achievement − absorption
    efficient: bool | None
    activities: list[BudgetRow] = field(default_factory=list)


@dataclass
class Approver:
    """A box in the approval block: the position as the office names it and its holder that day."""

    key: str  # subsection_head | secretary | head
    position: str
    name: str = ""
    nip: str = ""
    acting: str = ""  # "Plt." / "Plh."


@dataclass
class ReportData:
    office_code: str
    office_name: str
    city: str
    letterhead: list[str]
    year: int
    quarter: int | None
    objectives: list[ObjectiveRow]
    budget: list[BudgetRow]
    initials: list[Approver]
    signer: Approver | None
    made_on: dt.date
    history_years: list[int] = field(default_factory=list)
    is_demo: bool = False
    # A compilation after a correction of the signed period: which signed version it replaces, and why.
    revision: Revision | None = None
    # The dashboard's filter a download was made from: whose indicators alone it lists ("Bidang Koperasi",
    # NO_DIVISION_PART). Empty for the whole report, the only one compiled, initialled and signed.
    part: str = ""
    # Built for a part (the dashboard's filter): `budget` is empty, and the documents say BUDGET_IN_WHOLE_NOTE.
    budget_left_out: bool = False

    @property
    def indicators(self) -> list[IndicatorRow]:
        return [i for o in self.objectives for i in o.indicators]

    @property
    def period(self) -> str:
        """The period as the document names it: its figures are added up from Triwulan I ("s.d. Triwulan II
        2025"), or the year's ("Tahun 2025")."""
        return period_name(self.year, self.quarter, cumulative=True)

    @property
    def period_phrase(self) -> str:
        """The period inside a sentence: "tahun 2025", "s.d. Triwulan IV 2026" (models.period_phrase)."""
        return period_phrase(self.year, self.quarter, cumulative=True)

    @property
    def part_note(self) -> str:
        """What the documents print after the period of a part of the data (" · Bidang Koperasi saja"), so a
        division's download is never taken for the office's Data Kinerja; empty for the whole report."""
        return f" · {self.part} saja" if self.part else ""

    def to_json(self) -> dict[str, Any]:
        """Numbers as JSON numbers, text targets as strings, achievement null where there is none."""
        return {
            "office": self.office_code,
            "office_name": self.office_name,
            "year": self.year,
            "quarter": self.quarter,
            # The code only where it is not its place (S9 as the fourth): a version compiled before codes were
            # printed still compares equal (correspondence.actions.changed_since_compiled) wherever it prints the
            # same, and one that printed S4 for the office's S9 is told to be compiled again.
            "objectives": [{"number": o.number, **({"code": o.label} if o.label != f"S{o.number}" else {}),
                            "name": o.name, "achievement": _num(o.achievement), "predicate": o.predicate}
                           for o in self.objectives],
            "indicators": [{
                "code": i.code, "objective": i.objective, "name": i.name, "unit": i.unit,
                "polarity": "negative" if i.negative else "positive",
                "target": _num(i.target), "actual": _num(i.actual),
                "achievement": _num(i.achievement), "predicate": i.predicate, "met": i.met, "note": i.note,
                "division": i.division,
                "history": [{"year": h.year, "target": _num(h.target), "actual": _num(h.actual),
                             "achievement": _num(h.achievement), "met": h.met} for h in i.history],
            } for i in self.indicators],
            "approval": [{"role": a.key, "position": a.position, "name": a.name, "nip": a.nip, "acting": a.acting}
                         for a in [*self.initials, *([self.signer] if self.signer else [])]],
            "budget": [{"program": b.program, "budget": _num(b.budget), "spent": _num(b.spent),
                        "absorption": _num(b.absorption), "efficiency": _num(b.efficiency),
                        "efficient": b.efficient} for b in self.budget],
            # Beside the indicators, not in them: a version compiled before the annex existed still
            # compares equal indicator by indicator (correspondence.actions.changed_since_compiled).
            "evidence": [{"indicator": i.code, "name": e.name, "quarter": e.quarter, "division": e.division,
                          "uploaded_by": e.uploaded_by, "uploaded_at": e.uploaded_at.isoformat(),
                          "size": e.size, "sha256": e.sha256} for i in self.indicators for e in i.evidence],
            # Only in a revision: a compilation of an unsigned period keeps the keys it always had.
            **({"revision": self.revision.to_json()} if self.revision is not None else {}),
        }


def _num(value: Value) -> int | float | str | None:
    """Decimal → JSON number (an int when whole, so 1725 stays 1725); text stays text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _value(number: Decimal | None, text: str) -> Value:
    """A stored target/actual as the report holds it: Decimal without the storage's trailing zeros,
    text, or None."""
    if number is not None:
        return number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
    return text or None


@dataclass
class _Facts:
    """One indicator's stored values, grouped by year."""

    targets: dict[tuple[int, str, int | None], Value] = field(default_factory=dict)
    annual: dict[int, Value] = field(default_factory=dict)
    quarters: dict[int, dict[int, Value]] = field(default_factory=lambda: defaultdict(dict))
    narratives: dict[int, list[tuple[int, str, str]]] = field(default_factory=lambda: defaultdict(list))
    renstra_end: Value = None


def _year_target(facts: _Facts, indicator: Indicator, year: int, quarter: int | None) -> Value:
    """The target a report compares with: for a quarterly report (quarters 1..quarter) the quarters'
    targets added up as their actuals are (_year_actual: a count of the quarters "sum"s their own
    targets, a rate takes the quarter's), else the performance agreement's annual target, else the
    Renstra target of that year. A quarter target is the quarter's own, as the office enters it beside
    the quarter's actual (the input page compares those two)."""
    if quarter is not None and (year, Target.Kind.QUARTER, quarter) in facts.targets:
        own = facts.targets[(year, Target.Kind.QUARTER, quarter)]
        if not isinstance(own, Decimal):
            return own
        numeric = {q: v for (y, kind, q), v in facts.targets.items()
                   if y == year and kind == Target.Kind.QUARTER and q is not None and isinstance(v, Decimal)}
        added = ach.aggregate_quarters(numeric, indicator.quarter_aggregation, up_to=quarter)
        return _value(added, "") if added is not None else None
    for kind in (Target.Kind.AGREEMENT, Target.Kind.RENSTRA):
        if (year, kind, None) in facts.targets:
            return facts.targets[(year, kind, None)]
    return None


def _against_annual_target(facts: _Facts, indicator: Indicator, year: int, quarter: int | None,
                           achievement: Decimal | None) -> bool:
    """Whether a quarterly report (before the fourth quarter) compares an indicator whose quarters add up
    (a count: "sum") with the whole year's target, for want of quarter targets: its percentage then tells
    how far the year has come, not how well the quarter went, and a predicate ("Sangat Rendah" for a
    first quarter that did exactly its share) would misjudge it."""
    return (quarter is not None and quarter < 4 and achievement is not None
            and indicator.quarter_aggregation == Indicator.Aggregation.SUM
            and (year, Target.Kind.QUARTER, quarter) not in facts.targets)


def _year_actual(facts: _Facts, indicator: Indicator, year: int, quarter: int | None) -> Value:
    quarters = facts.quarters.get(year, {})
    numeric = {q: v for q, v in quarters.items() if isinstance(v, Decimal)}
    texts = [v for q, v in sorted(quarters.items()) if isinstance(v, str) and q <= (quarter or 4)]
    annual = facts.annual.get(year) if quarter is None else None
    value = ach.year_value(annual, numeric, indicator.quarter_aggregation, up_to=quarter or 4)
    if value is None and texts:
        return texts[-1]  # a text measured per quarter: the latest one stands
    return _value(value, "") if isinstance(value, Decimal) else value


def _evaluate(indicator: Indicator, target: Value, actual: Value) -> ach.Result:
    return ach.evaluate(target, actual, indicator.polarity, indicator.negative_method)


def _rounded(value: Decimal | None) -> Decimal | None:
    return ach.round_half_up(value) if value is not None else None


def _approvers(office: Office, day: dt.date) -> tuple[list[Approver], Approver | None]:
    """The initials (Kasubbag Program, Sekretaris) and the signer (Kepala Dinas) as positions of the
    office and their holders on `day`; the correspondence app fills the boxes."""
    positions = list(Position.objects.filter(office=office).select_related("unit").order_by("pk"))
    subsections = [p for p in positions if p.kind == Position.Kind.UNIT_HEAD and p.unit.kind == Unit.Kind.SUBSECTION]
    # The Kasubbag who compiles the data heads the subsection for programs (Program, Keuangan dan Aset).
    subsections.sort(key=lambda p: "program" not in p.unit.name.lower())
    chosen = [("subsection_head", subsections[:1]),
              ("secretary", [p for p in positions if p.kind == Position.Kind.SECRETARY][:1]),
              ("head", [p for p in positions if p.kind == Position.Kind.HEAD][:1])]
    found: dict[str, Approver] = {}
    for key, candidates in chosen:
        for position in candidates:
            held = holdings(position, day)
            first = held[0] if held else None
            found[key] = Approver(key, position.title, first.person.full_name if first else "",
                                  first.person.nip_display if first else "", first.acting_prefix if first else "")
    initials = [found[k] for k in ("subsection_head", "secretary") if k in found]
    return initials, found.get("head")


def build_reports(offices: Sequence[Office], year: int, quarter: int | None = None, *,
                  made_on: dt.date | None = None, approvals: bool = True,
                  division_id: int | None = None, without_division: bool = False) -> list[ReportData]:
    """The reports of several offices (a city) with the same queries as one: the number of queries
    does not grow with offices' indicators or years, only the approval block asks per office.
    `division_id` keeps the indicators one division answers for, `without_division` those no division answers for
    (the dashboard's filter)."""
    office_ids = [o.pk for o in offices]
    first_year = year - HISTORY_YEARS
    objectives = list(Objective.objects.filter(office_id__in=office_ids, plan_start_year__lte=year,
                                               plan_end_year__gte=year).order_by("office_id", "order", "code", "pk"))
    # Only the indicators measured in the year: one a later year's import added is not in this year's report.
    chosen = Indicator.objects.in_year(year).filter(objective__in=[o.pk for o in objectives])
    if division_id is not None:
        chosen = chosen.filter(as_of_division_id=division_id)
    elif without_division:
        chosen = chosen.filter(as_of_division_id__isnull=True)
    indicators = list(chosen.select_related("division").order_by("order", "code", "pk"))
    yearly = set(chosen.filter(annual_only(year)).values_list("pk", flat=True)) if quarter is not None else set()
    facts: dict[int, _Facts] = defaultdict(_Facts)
    for t in Target.objects.filter(indicator__office_id__in=office_ids).filter(
            Q(year__gte=first_year, year__lte=year) | Q(kind=Target.Kind.RENSTRA_END)).order_by("year").values_list(
            "indicator_id", "year", "kind", "quarter", "value_number", "value_text"):
        ind, y, kind, q, number, text = t
        if kind == Target.Kind.RENSTRA_END:
            facts[ind].renstra_end = _value(number, text)
        else:
            facts[ind].targets[(y, kind, q)] = _value(number, text)
    history_years: set[int] = set()
    for a in Actual.objects.filter(indicator__office_id__in=office_ids, is_current=True, status__in=REPORTED,
                                   year__gte=first_year, year__lte=year).order_by().values_list(
            "indicator_id", "year", "quarter", "value_number", "value_text", "obstacles", "solutions"):
        ind, y, q, number, text, obstacles, solutions = a
        value = _value(number, text)
        if q is None:
            facts[ind].annual[y] = value
        else:
            facts[ind].quarters[y][q] = value
        if y == year and (obstacles or solutions) and (q or 0) <= (quarter or 4):
            facts[ind].narratives[y].append((q or 0, obstacles, solutions))
        if y < year:
            history_years.add(y)
    # The bukti dukung of the actuals the report reads: the year's, or the quarters up to the report's.
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    period = Q(actual__quarter__isnull=False, actual__quarter__lte=quarter) if quarter is not None else Q()
    for e in Evidence.objects.filter(period, actual__indicator__in=chosen, actual__year=year, actual__is_current=True,
                                     actual__status__in=REPORTED).select_related(
            "actual", "uploaded_by__person").order_by("uploaded_at", "pk"):
        evidence[e.actual.indicator_id].append(e)
    # order_by() without the models' default orderings: those join the office table on every row.
    programs = list(Program.objects.filter(office_id__in=office_ids, year=year).order_by("order", "code").prefetch_related(
        Prefetch("activities", queryset=Activity.objects.order_by("code")),
        Prefetch("objectives", queryset=Objective.objects.only("pk").order_by())))
    thresholds = dict(PerformanceSettings.objects.filter(office_id__in=office_ids).values_list(
        "office_id", "efficiency_threshold"))

    by_objective: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        by_objective[indicator.objective_id].append(indicator)
    years = sorted(history_years)[-HISTORY_YEARS:]
    day = made_on or today_in(offices[0].time_zone if offices else None)
    reports = []
    part = division_id is not None or without_division
    for office in offices:
        rows: list[ObjectiveRow] = []
        exact: dict[int, Decimal | None] = {}
        # Numbered among all the office's objectives, so S2 stays S2 when a division filter hides S1.
        for number, objective in enumerate((o for o in objectives if o.office_id == office.pk), start=1):
            if part and not by_objective[objective.pk]:
                continue  # another division's objective
            zone = ZoneInfo(office.time_zone)
            items = [_indicator_row(i, objective, facts[i.pk], year, quarter, years,
                                    [_evidence_row(e, i, zone) for e in evidence[i.pk]], annual=i.pk in yearly)
                     for i in by_objective[objective.pk]]
            exact[objective.pk] = ach.objective_achievement(a for _row, a in items)
            mean = _rounded(exact[objective.pk])
            # An average that takes in progress against an annual target gets no predicate either.
            judged = not any(row.partial for row, _a in items)
            rows.append(ObjectiveRow(number, objective.name, [row for row, _a in items], mean,
                                     ach.predicate(mean) if judged else None, code=objective.code))
        budget = [] if part else [_budget_row(p, exact, thresholds.get(office.pk, Decimal(0)))
                                  for p in programs if p.office_id == office.pk]
        initials, signer = _approvers(office, day) if approvals else ([], None)
        reports.append(ReportData(
            office_code=office.code, office_name=office.name, city=office.city, letterhead=office.letterhead_lines,
            year=year, quarter=quarter, objectives=rows, budget=budget, initials=initials, signer=signer,
            made_on=day, history_years=years, is_demo=office.is_demo, budget_left_out=part))
    return reports


# The part of a download filtered to the indicators no division answers for (the dashboard's "Tanpa bidang").
NO_DIVISION_PART = "Indikator tanpa bidang"


def build_report(office: Office, year: int, quarter: int | None = None, *, made_on: dt.date | None = None,
                 division_id: int | None = None, without_division: bool = False, approvals: bool = True,
                 with_revision: bool = False) -> ReportData:
    """One office's report for a year, or for the quarters 1..`quarter` of it. `with_revision`: the compiled
    document, which says when it revises a signed one (signoff.revision, two queries more)."""
    report = build_reports([office], year, quarter, made_on=made_on, division_id=division_id,
                           without_division=without_division, approvals=approvals)[0]
    if with_revision:
        report.revision = revision(office, year, quarter)
    return report


def _division(indicator: Indicator) -> str:
    return indicator.division.short_name or indicator.division.name if indicator.division else ""


def _evidence_row(evidence: Evidence, indicator: Indicator, zone: ZoneInfo) -> EvidenceRow:
    return EvidenceRow(evidence.original_name, evidence.actual.quarter, _division(indicator), name_of(evidence.uploaded_by),
                       timezone.localtime(evidence.uploaded_at, zone), evidence.size, evidence.sha256)


def _indicator_row(indicator: Indicator, objective: Objective, facts: _Facts, year: int, quarter: int | None,
                   years: list[int], evidence: list[EvidenceRow], *, annual: bool = False,
                   ) -> tuple[IndicatorRow, Decimal | None]:
    """The row and its exact achievement (the objective averages exact values, not rounded ones). `annual`:
    a quarterly report's indicator measured by the year alone, whose row says so instead of "Belum ada
    realisasi"."""
    target = _year_target(facts, indicator, year, quarter)
    actual = _year_actual(facts, indicator, year, quarter)
    result = _evaluate(indicator, target, actual)
    rounded = _rounded(result.value)
    note = NO_ACHIEVEMENT_NOTE.get(result.reason, "") if result.reason is not None else ""
    partial = _against_annual_target(facts, indicator, year, quarter, rounded)
    if partial:
        note = PARTIAL_NOTE % {"quarter": quarter}
    if annual and actual is None:
        note = ANNUAL_ONLY_NOTE
    history = []
    for y in years:
        # A quarterly report compares with the same quarters of earlier years.
        past_target = _year_target(facts, indicator, y, quarter)
        past_actual = _year_actual(facts, indicator, y, quarter)
        if past_target is None and past_actual is None:
            continue
        past = _evaluate(indicator, past_target, past_actual)
        # Met or not is said in words for a text target only: a zero target's is its percentage, 100 or 0
        # (achievement._zero_target), as this year's column and every other document print it.
        history.append(YearValue(y, past_target, past_actual, _rounded(past.value),
                                 past.met if isinstance(past_target, str) else None))
    narratives = sorted(facts.narratives.get(year, []))
    progress = (ach.plan_progress(actual, facts.renstra_end, indicator.polarity, indicator.negative_method)
                if facts.renstra_end is not None else None)
    row = IndicatorRow(
        code=indicator.code, objective=objective.name, name=indicator.name, unit=indicator.unit,
        negative=indicator.is_negative, negative_method=indicator.negative_method, target=target, actual=actual,
        achievement=rounded,
        predicate=None if partial else ach.predicate(rounded), met=result.met, note=note, partial=partial,
        division=_division(indicator),
        obstacles=" ".join(dict.fromkeys(o for _q, o, _s in narratives if o)),
        solutions=" ".join(dict.fromkeys(s for _q, _o, s in narratives if s)),
        history=history, strategic_target=facts.renstra_end,
        progress=_rounded(progress.value) if progress is not None else None,
        national_standard=_value(indicator.national_standard, "") if indicator.national_standard is not None else None,
        evidence=sorted(evidence, key=lambda e: (e.quarter is None, e.quarter or 0)),
        annual_only=annual and actual is None,
        target_annual=(quarter is not None and target is not None
                       and (year, Target.Kind.QUARTER, quarter) not in facts.targets))
    return row, result.value


def _budget_row(program: Program, objective_achievement: dict[int, Decimal | None], threshold: Decimal) -> BudgetRow:
    absorption = ach.absorption(program.spent, program.budget)
    served = ach.mean(objective_achievement.get(o.pk) for o in program.objectives.all())
    efficiency = ach.efficiency(served, absorption, threshold)
    activities = [BudgetRow(f"{a.code} {a.name}", a.budget, a.spent, _rounded(ach.absorption(a.spent, a.budget)),
                            None, None, None) for a in program.activities.all()]
    return BudgetRow(f"{program.code} {program.name}", program.budget, program.spent, _rounded(absorption),
                     _rounded(served), _rounded(efficiency.value), efficiency.efficient, activities)


COMPILE_ROLES = {Role.SECRETARY, Role.HEAD, Role.ADMIN}


def may_compile(user: AbstractBaseUser | AnonymousUser, office: Office, day: dt.date) -> bool:
    """The Kasubbag compiles the report; the Sekretaris, the head and the administrator may too. Not one of
    them away while a Plt or Plh acts for them (compile_power)."""
    return compile_power(user, office, day)[0]


def compile_power(user: AbstractBaseUser | AnonymousUser, office: Office, day: dt.date
                  ) -> tuple[bool, Assignment | None]:
    """(may_compile, else the acting assignment (Plt, Plh) through which someone compiles meanwhile for `user`,
    away from their position: who, and until when; None when nobody acts for them). Two queries at most, as
    may_compile made."""
    allowed, acting = access.check_power(user, day)
    if allowed:
        return True, None
    roles, stand_ins = roles_and_stand_ins(user, day)
    if roles & COMPILE_ROLES:
        return True, None
    return False, acting or acting_for(roles, stand_ins, COMPILE_ROLES)


def compile_refusal(acting: Assignment | None) -> str:
    """Why one may not compile the report (`acting`: compile_power's): who compiles it meanwhile and until
    when, else who may."""
    if acting is None:
        return _("Only the Kasubbag, the Sekretaris, the head of office or the administrator may compile the report.")
    return acting_refusal(
        acting,
        _("You may not compile the report today: %(name)s (%(title)s) does the work of your position as "
          "%(position)s (%(term)s), and compiles it meanwhile."))


def file_stem(office: Office, year: int, quarter: int | None, number: int) -> str:
    period = f"{year}-tw{quarter}" if quarter else str(year)
    return f"data-kinerja-{office.code}-{period}-v{number}"


# Attempts at a version whose figures did not change while it was laid out (see compile_report).
COMPILE_ATTEMPTS = 3


@removed_on_failure
def compile_report(office: Office, year: int, quarter: int | None = None, *, user: AbstractBaseUser | None,
                   progress: Callable[[str], None] | None = None) -> ReportVersion:
    """Compile the report as a new version (PDF, XLSX, DOCX and the SHA-256 of the PDF), unless the
    latest version holds exactly the same figures: then that one is returned, so initials already
    given to it stay valid. `user` None is the CLI. `progress` hears each stage
    (ReportCompilation.Stage) as it begins.

    The documents are laid out outside any transaction: that takes seconds for a large office, and a
    transaction held that long keeps every other writer waiting (on SQLite the whole database). Only
    the storing is one short transaction, which reads the figures again under the office's lock and
    stores the version only if they are still those laid out; else they are laid out again."""
    day = today_in(office.time_zone)
    if user is not None:
        allowed, acting = compile_power(user, office, day)
        if not allowed:
            raise NotAllowed(compile_refusal(acting))
    # Imported here: the renderers import this module for ReportData.
    from .renderers import docx as docx_renderer
    from .renderers import pdf, xlsx

    def stage(name: str) -> None:
        if progress is not None:
            progress(name)

    for _attempt in range(COMPILE_ATTEMPTS):
        stage(ReportCompilation.Stage.READING)
        report = build_report(office, year, quarter, made_on=day, with_revision=True)
        data = report.to_json()
        latest = _latest_version(office, year, quarter)
        if latest is not None and latest.data == data:
            return latest
        stage(ReportCompilation.Stage.PDF)
        pdf_bytes = pdf.render(report)
        stage(ReportCompilation.Stage.XLSX)
        xlsx_bytes = xlsx.render(report)
        stage(ReportCompilation.Stage.DOCX)
        docx_bytes = docx_renderer.render(report)
        stage(ReportCompilation.Stage.SAVING)
        stored = _store_version(office, year, quarter, day, data, user=user, pdf_bytes=pdf_bytes,
                                xlsx_bytes=xlsx_bytes, docx_bytes=docx_bytes)
        if stored is not None:
            return stored
    raise KinerjaError(_("The figures changed while the report was being compiled, %(n)d times in a row; "
                         "compile it again once the data entry has finished.") % {"n": COMPILE_ATTEMPTS})


def _latest_version(office: Office, year: int, quarter: int | None) -> ReportVersion | None:
    return ReportVersion.objects.filter(office=office, year=year, quarter=quarter).order_by("-number").first()


@transaction.atomic
def _store_version(office: Office, year: int, quarter: int | None, day: dt.date, data: dict[str, Any], *,
                   user: AbstractBaseUser | None, pdf_bytes: bytes, xlsx_bytes: bytes,
                   docx_bytes: bytes) -> ReportVersion | None:
    """The new version, if the figures are still `data`; the latest version, if another compile stored
    these same figures meanwhile; None if the figures have changed since they were laid out."""
    # Lock the office: two compiles finishing at once must not both write version n + 1.
    Office.objects.select_for_update().get(pk=office.pk)
    latest = _latest_version(office, year, quarter)
    if latest is not None and latest.data == data:
        return latest
    if build_report(office, year, quarter, made_on=day, with_revision=True).to_json() != data:
        return None
    number = latest.number + 1 if latest else 1
    version = ReportVersion(office=office, year=year, quarter=quarter, number=number, created_by=user,
                            sha256=hashlib.sha256(pdf_bytes).hexdigest(), data=data)
    stem = file_stem(office, year, quarter, number)
    version.pdf.save(f"{stem}.pdf", ContentFile(pdf_bytes), save=False)
    version.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx_bytes), save=False)
    version.docx.save(f"{stem}.docx", ContentFile(docx_bytes), save=False)
    version.save()
    return version
