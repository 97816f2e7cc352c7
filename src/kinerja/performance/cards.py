"""What a division's input form shows for each indicator of a period (a Card: its target, current
actual, form and achievement), shared by the input page (views.py) and the answer to a division
request (requests.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from .achievement import Result, evaluate, predicate_tone
from .forms import ActualForm
from .models import ActionPlanItem, Actual, Indicator, Target, period_name
from .numbers import format_plain
from .plausibility import allows_percent_sign

ANNUAL = 0  # the "quarter" of the period selector that means the whole year


@dataclass
class Period:
    year: int
    quarter: int  # 1..4, or ANNUAL

    @property
    def db_quarter(self) -> int | None:
        return self.quarter or None

    @property
    def query(self) -> str:
        return f"year={self.year}&quarter={self.quarter}"

    @property
    def label(self) -> str:
        return period_name(self.year, self.quarter)


def target_for(targets: list[Target], quarter: int | None) -> Target | None:
    """The target an actual of this period is measured against: the quarter's own target, else the
    year's performance agreement target."""
    by_slot = {(t.kind, t.quarter): t for t in targets}
    if quarter is not None and (Target.Kind.QUARTER, quarter) in by_slot:
        return by_slot[(Target.Kind.QUARTER, quarter)]
    return by_slot.get((Target.Kind.AGREEMENT, None)) or by_slot.get((Target.Kind.RENSTRA, None))


def annual_target(target: Target | None, quarter: int | None) -> bool:
    """Whether a quarter's figure is measured against the year's target (target_for), for want of a target of
    the quarter: the input and check pages label it so, as the dashboard and the reports do ("tahunan")."""
    return quarter is not None and target is not None and target.kind != Target.Kind.QUARTER


def evaluate_actual(indicator: Indicator, target: Target | None, actual: Actual | None) -> Result:
    return evaluate(target.value if target else None, actual.value if actual else None,
                    indicator.polarity, indicator.negative_method)


@dataclass
class Card:
    indicator: Indicator
    target: Target | None
    actual: Actual | None
    form: ActualForm
    result: Result
    editable: bool
    saved: bool = False
    errors: list[str] = field(default_factory=list)
    period_quarter: int | None = None
    # The period's Data Kinerja is signed: the card is read-only, and `may_correct` says whether the user may
    # correct its figure (or add the missing one) with a reason.
    locked: bool = False
    may_correct: bool = False

    @property
    def tone(self) -> str:
        return predicate_tone(self.result.predicate)

    @property
    def target_annual(self) -> bool:
        """A quarter's card measured against the year's target, for want of a target of the quarter (as the
        dashboard and the reports label it)."""
        return annual_target(self.target, self.period_quarter)

    @property
    def plan(self) -> list[tuple[ActionPlanItem, Decimal | None]]:
        """The Rencana Aksi activities of the period, each with its target of the quarter (None for the year,
        or where it has none): the year's activities and those planned for the quarter. Read from
        `year_plan` where the page prefetched it (the input page), else none."""
        quarter = self.period_quarter
        return [(a, a.quarter_targets[quarter - 1] if quarter else None)
                for a in getattr(self.indicator, "year_plan", [])
                if not quarter or a.quarter in (None, quarter)]


def input_card(indicator: Indicator, period: Period, form: ActualForm | None = None, errors: list[str] | None = None,
          saved: bool = False) -> Card:
    actual = indicator.current[0] if indicator.current else None
    target = target_for(indicator.year_targets, period.db_quarter)
    if form is None:
        form = ActualForm(initial={"value": format_plain(actual.value_number) if actual and actual.value_number is not None
                                   else (actual.value_text if actual else ""),
                                   "obstacles": actual.obstacles if actual else "",
                                   "solutions": actual.solutions if actual else ""},
                          prefix=f"i{indicator.pk}")
    if target is not None and target.value_number is None and target.value_text:
        form.for_text_target(target.value_text)
    elif not allows_percent_sign(indicator.unit):
        form.without_percent()
    return Card(indicator, target, actual, form, evaluate_actual(indicator, target, actual),
                editable=actual is None or (actual.is_editable and actual.is_current), saved=saved, errors=errors or [],
                period_quarter=period.db_quarter)


def period_indicators(period: Period) -> QuerySet[Indicator]:
    """The indicators measured in the period's year (Indicator.first_year), with the period's targets
    (`year_targets`) and current actual with its evidence (`current`): four queries for any number of indicators
    (indicators, targets, actuals, evidence)."""
    return (Indicator.objects.in_year(period.year).select_related("objective")
            .prefetch_related(
                Prefetch("targets", queryset=Target.objects.filter(year=period.year), to_attr="year_targets"),
                Prefetch("actuals", to_attr="current", queryset=Actual.objects.filter(
                    year=period.year, quarter=period.db_quarter, is_current=True).prefetch_related("evidence")))
            .order_by("objective__order", "order", "code"))


def annual_only(year: int) -> Q:
    """Indicators measured by the year alone in `year` (a Nilai SAKIP, an opini BPK): an annual target of the
    year, no quarter target and no quarterly actual of the year. A quarter has nothing to ask of them: the
    quarterly report does not call their realisasi missing, nor does the check page count them as lacking
    one. An indicator with a quarterly figure that year is measured by the quarters, against the annual
    target where it has no quarter targets (report.PARTIAL_NOTE)."""
    targets = Target.objects.filter(indicator=OuterRef("pk"), year=year)
    return (Exists(targets.filter(kind__in=[Target.Kind.AGREEMENT, Target.Kind.RENSTRA]))
            & ~Exists(targets.filter(kind=Target.Kind.QUARTER))
            & ~Exists(Actual.objects.filter(indicator=OuterRef("pk"), year=year, quarter__isnull=False, is_current=True)))
