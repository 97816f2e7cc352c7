"""What the Kasubbag's check page lists (views.check_list), as plain functions: each tab's figures, their counts,
the rows with their targets and achievement, and the indicators still without a submitted figure.

Each tab is one condition (`tab_filter`) on the office's actuals: its list is that condition, and its count in
the tab is that condition counted in one query (`tab_counts`), so "Dikirim (6)" always lists six. The status
tabs hold the figures of the period chosen; the last, "Menahan laporan" (signoff.REPORT_FILTER), the figures
its report still waits for, of whichever quarter the report reads (signoff.unchecked_actuals): its rows carry
their quarter and `status_summary` says how many of each status it lists."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from kinerja.org.models import Office

from . import signoff
from .achievement import predicate_tone
from .cards import Period, annual_only, annual_target, evaluate_actual, target_for
from .forms import ReturnForm
from .models import Actual, Indicator, Target, actuals_as_of

STATUS_TABS = ["submitted", "checked", "returned", "draft", "locked"]
TABS = [*STATUS_TABS, "all", signoff.REPORT_FILTER]


def _period_scope(period: Period) -> Q:
    return Q(year=period.year, quarter=period.db_quarter, is_current=True)


def tab_filter(tab: str, period: Period) -> Q:
    """The condition of a tab's list, on the office's actuals."""
    if tab == signoff.REPORT_FILTER:
        return signoff.report_scope(period.year, period.db_quarter) & Q(status__in=signoff.UNCHECKED)
    if tab == "all":
        return _period_scope(period)
    if tab not in STATUS_TABS:
        raise ValueError(f"no tab {tab!r} on the check page")
    return _period_scope(period) & Q(status=tab)


def tab_actuals(office: Office, tab: str, period: Period) -> QuerySet[Actual]:
    """A tab's figures (unordered, unjoined): what its list shows and its count counts."""
    return Actual.objects.filter(tab_filter(tab, period), indicator__office=office)


def tab_counts(office: Office, period: Period) -> dict[str, int]:
    """How many figures each tab lists, by the same conditions as the lists (tab_filter), in one query."""
    scope = tab_filter("all", period) | tab_filter(signoff.REPORT_FILTER, period)
    found = Actual.objects.filter(scope, indicator__office=office).aggregate(
        **{tab: Count("pk", filter=tab_filter(tab, period)) for tab in TABS})
    return {tab: found[tab] or 0 for tab in TABS}


def rows_of(actuals: QuerySet[Actual], year: int) -> list[dict[str, Any]]:
    """The rows the page shows for `actuals`, each measured against the target of its own quarter of `year`:
    three queries however many (the actuals with their indicator, their targets, their evidence)."""
    listed = actuals_as_of(actuals, year).select_related(
        "indicator__objective", "indicator__division", "entered_by__person").prefetch_related(
        "evidence", Prefetch("indicator__targets", queryset=Target.objects.filter(year=year),
                             to_attr="year_targets")).order_by("indicator__objective__order", "indicator__order",
                                                               "indicator__code", "quarter")
    rows = []
    for actual in listed:
        target = target_for(actual.indicator.year_targets, actual.quarter)
        result = evaluate_actual(actual.indicator, target, actual)
        rows.append({"actual": actual, "target": target, "result": result, "tone": predicate_tone(result.predicate),
                     "target_annual": annual_target(target, actual.quarter),
                     "return_form": ReturnForm(prefix=f"r{actual.pk}")})
    for i, row in enumerate(rows):  # where the page goes back to after a decision on the row: the next one
        row["next_id"] = rows[i + 1]["actual"].pk if i + 1 < len(rows) else None
    return rows


def status_summary(rows: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """(status label, how many) of the rows, in the statuses' order: the report tab's line saying what it lists."""
    counted = Counter(row["actual"].status for row in rows)
    return [(label, counted[code]) for code, label in Actual.Status.choices if counted[code]]


def missing_indicators(office: Office, period: Period) -> list[Indicator]:
    """The indicators the period asks a figure of (not those measured by the year alone, for a quarter) that have
    no submitted figure of it yet (none, or a draft), with their code, name and division: one query."""
    expected = Indicator.objects.in_year(period.year).filter(office=office)  # a later year's indicators are not owed
    if period.db_quarter is not None:
        expected = expected.exclude(annual_only(period.year))  # no quarter of theirs lacks a realisasi
    sent = Actual.objects.filter(_period_scope(period), indicator__office=office).exclude(status=Actual.Status.DRAFT)
    return list(expected.exclude(actuals__in=sent).select_related("division").order_by("objective__order", "order",
                                                                                       "code"))
