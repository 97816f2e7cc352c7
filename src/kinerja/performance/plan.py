"""The Rencana Aksi of an indicator: the rules an activity's values follow, shared by the importer
(importer.py reads them from a file) and the Target page (views.py edits them one by one), and the
edits themselves: add, change, remove and move an activity. Each edit is one transaction that locks
the indicator, so two people ordering the same plan at once do not give two activities one place.

Who edits: whoever manages the indicator's targets (access.can_manage, the Subbag Program). Targets
keep no history of their own (set_targets overwrites them), and neither do activities. A compiled or
signed Data Kinerja does not show the Rencana Aksi (report.py reads targets and actuals only), so an
edit never makes a compilation stale: activities stay editable after compiling, initials and the
signature, as targets do (changed_since_compiled still catches a change of the targets themselves).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kinerja.errors import KinerjaError

from .actions import FieldError, check_can_manage
from .models import ActionPlanItem, Indicator, RemovedActionPlanItem
from .numbers import NumberError, parse_number

MAX_ACTIVITY = 2000  # characters of an activity
MAX_NUMBER = Decimal(10) ** 16  # the models keep 20 digits, 4 of them decimals
TARGET_FIELDS = [f"target_q{q}" for q in range(1, 5)]


class ActivityValueError(KinerjaError):
    """A bad value of an activity: `problem` says what is wrong in the words the importer prints beside
    its cell; `detail` is the number reader's own explanation (which names the value), when it has one."""

    def __init__(self, problem: str, detail: str = "") -> None:
        self.problem, self.detail = problem, detail
        super().__init__(problem)


def activity_name(raw: object) -> str:
    """The activity as it is kept: its words with single spaces (a file's line breaks inside a cell, or
    a textarea's, are not part of it). Raises ActivityValueError when it is missing or too long."""
    name = " ".join(str(raw if raw is not None else "").split())
    if not name:
        raise ActivityValueError(_("the activity is missing: write what will be done"))
    if len(name) > MAX_ACTIVITY:
        raise ActivityValueError(_("at most %(count)d characters") % {"count": MAX_ACTIVITY})
    return name


def activity_number(raw: object, *, budget: bool = False) -> Decimal | None:
    """A quarter target (or, with `budget`, the budget) of an activity: None when empty, else the number
    written the Indonesian way. A budget is never negative. Raises ActivityValueError."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        number = parse_number(raw)
    except NumberError as e:
        raise ActivityValueError(_("the budget is a number") if budget
                                 else _("a quarter target of an activity is a number"), str(e)) from e
    if abs(number) >= MAX_NUMBER:
        raise ActivityValueError(_("the number is too large"))
    if budget and number < 0:
        raise ActivityValueError(_("a budget cannot be negative"))
    return number


# --- the edits ----------------------------------------------------------------------------------------

class ActivityErrors(KinerjaError):
    """Bad values of one activity; each FieldError names its field (name, quarter, target_q1 … target_q4,
    budget) and says the value typed."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__(" ".join(str(e) for e in errors))


def _labels() -> dict[str, str]:
    return {"name": pgettext("action plan", "Activity"), "quarter": _("Planned for"), "budget": _("Budget (Rp)"),
            "target_q1": _("Target TW I"), "target_q2": _("Target TW II"), "target_q3": _("Target TW III"),
            "target_q4": _("Target TW IV")}


def _read(name: str, quarter: int | None, targets: Sequence[str], budget: str) -> dict[str, object]:
    """The activity's fields from what was typed, every bad value reported at once."""
    labels = _labels()
    errors: list[FieldError] = []
    values: dict[str, object] = {}

    def fail(field: str, raw: str, e: ActivityValueError) -> None:
        if e.detail:  # the number reader's explanation names the value itself
            message = _("%(field)s: %(problem)s") % {"field": labels[field], "problem": e.detail}
        elif raw.strip():
            message = _("%(field)s “%(value)s”: %(problem)s") % {
                "field": labels[field], "value": raw.strip()[:60], "problem": e.problem}
        else:
            message = _("%(field)s: %(problem)s") % {"field": labels[field], "problem": e.problem}
        errors.append(FieldError(field, message))

    try:
        values["name"] = activity_name(name)
    except ActivityValueError as e:
        fail("name", name if len(name) <= MAX_ACTIVITY else name[:40] + "…", e)
    if quarter is not None and quarter not in (1, 2, 3, 4):
        errors.append(FieldError("quarter", _("%(field)s: the quarter is 1 to 4, not %(value)s")
                                 % {"field": labels["quarter"], "value": quarter}))
    values["quarter"] = quarter
    if len(targets) != 4:
        raise ValueError("four quarter targets, empty where there is none")
    for field, raw in zip(TARGET_FIELDS, targets, strict=True):
        try:
            values[field] = activity_number(raw)
        except ActivityValueError as e:
            fail(field, raw, e)
    try:
        values["budget"] = activity_number(budget, budget=True)
    except ActivityValueError as e:
        fail("budget", budget, e)
    if errors:
        raise ActivityErrors(errors)
    return values


def _indicator(indicator_id: int, user: AbstractBaseUser) -> Indicator:
    indicator = Indicator.objects.select_for_update().select_related("office").get(pk=indicator_id)
    check_can_manage(indicator.office, user)
    return indicator


def _item(item_id: int, user: AbstractBaseUser) -> tuple[Indicator, ActionPlanItem]:
    """The activity, after locking its indicator (the lock every edit of a plan takes first)."""
    indicator_id = ActionPlanItem.objects.values_list("indicator_id", flat=True).get(pk=item_id)
    indicator = _indicator(indicator_id, user)
    return indicator, ActionPlanItem.objects.get(pk=item_id, indicator=indicator)


@transaction.atomic
def add_activity(indicator_id: int, year: int, *, user: AbstractBaseUser, name: str, quarter: int | None = None,
                 targets: Sequence[str] = ("", "", "", ""), budget: str = "") -> ActionPlanItem:
    """Add an activity at the end of the indicator's Rencana Aksi for the year."""
    indicator = _indicator(indicator_id, user)
    values = _read(name, quarter, targets, budget)
    last = ActionPlanItem.objects.filter(indicator=indicator, year=year).aggregate(last=Max("order"))["last"]
    return ActionPlanItem.objects.create(indicator=indicator, year=year, order=(last or 0) + 1, **values)


@transaction.atomic
def change_activity(item_id: int, *, user: AbstractBaseUser, name: str, quarter: int | None = None,
                    targets: Sequence[str] = ("", "", "", ""), budget: str = "") -> ActionPlanItem:
    """Change an activity's text, quarter, quarter targets and budget (its place stays).

    An imported activity that this really changes becomes the user's (source EDITED), keeping the words and
    quarter the file gave it: importing the plan again then recognises it by them and keeps it as the user
    left it (replace_imported). Saving the form without a change leaves it imported, so the file still
    updates it. One edited before stays the user's, with the file's words of the last import that named it."""
    _indicator_row, item = _item(item_id, user)
    values = _read(name, quarter, targets, budget)
    if item.source == ActionPlanItem.Source.IMPORTED and any(getattr(item, f) != v for f, v in values.items()):
        item.source = ActionPlanItem.Source.EDITED
        item.imported_name, item.imported_quarter = item.name, item.quarter
    for field, value in values.items():
        setattr(item, field, value)
    item.save()
    return item


@transaction.atomic
def remove_activity(item_id: int, *, user: AbstractBaseUser) -> ActionPlanItem:
    """Remove an activity from the plan; the ones after it move up a place. One that came from a file (imported,
    or imported and edited) is remembered as removed, so that importing the plan again leaves it out and the
    Target page can restore it (restore_activity)."""
    indicator, item = _item(item_id, user)
    if item.source != ActionPlanItem.Source.MANUAL:
        RemovedActionPlanItem.objects.create(
            indicator=indicator, year=item.year, source=item.source, imported_name=item.imported_name,
            imported_quarter=item.imported_quarter, name=item.name, **{f: getattr(item, f) for f in PLAN_FIELDS})
    item.delete()
    _renumber(indicator, item.year, [a.pk for a in ActionPlanItem.objects.filter(indicator=indicator, year=item.year)])
    return item


@transaction.atomic
def restore_activity(removed_id: int, *, user: AbstractBaseUser) -> ActionPlanItem:
    """Put an activity removed from the imported plan back, at the end of the plan, as it was when removed
    (imported, or edited with the file's words it was imported with); the next import puts it in its place."""
    indicator_id = RemovedActionPlanItem.objects.values_list("indicator_id", flat=True).get(pk=removed_id)
    indicator = _indicator(indicator_id, user)
    removed = RemovedActionPlanItem.objects.get(pk=removed_id, indicator=indicator)
    last = ActionPlanItem.objects.filter(indicator=indicator, year=removed.year).aggregate(last=Max("order"))["last"]
    item = ActionPlanItem.objects.create(
        indicator=indicator, year=removed.year, order=(last or 0) + 1, name=removed.name, source=removed.source,
        imported_name=removed.imported_name, imported_quarter=removed.imported_quarter,
        **{f: getattr(removed, f) for f in PLAN_FIELDS})
    removed.delete()
    return item


@transaction.atomic
def move_activity(item_id: int, *, user: AbstractBaseUser, up: bool) -> list[ActionPlanItem]:
    """Move an activity one place up (or down) in its plan; at the top (bottom) it stays. Returns the plan."""
    indicator, item = _item(item_id, user)
    ids = list(ActionPlanItem.objects.filter(indicator=indicator, year=item.year).values_list("pk", flat=True))
    at = ids.index(item.pk)
    other = at - 1 if up else at + 1
    if 0 <= other < len(ids):
        ids[at], ids[other] = ids[other], ids[at]
        _renumber(indicator, item.year, ids)
    return list(ActionPlanItem.objects.filter(indicator=indicator, year=item.year))


@dataclass
class PlanChange:
    """What importing a plan did to an indicator's activities of a year (replace_imported)."""

    kept: int = 0  # added by hand on the page: left as they are
    edited: int = 0  # imported before, then edited on the page: left as the user edited them
    added: int = 0  # new in the file
    changed: int = 0  # imported before and in the file again, with another quarter target, budget or quarter
    removed: int = 0  # imported before and no longer in the file
    unchanged: int = 0  # imported before and in the file again as they are
    deleted: int = 0  # in the file, but removed on the page since an earlier import: kept out

    def __iadd__(self, other: PlanChange) -> PlanChange:
        for name in ("kept", "edited", "added", "changed", "removed", "unchanged", "deleted"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


PLAN_FIELDS = ("quarter", *TARGET_FIELDS, "budget")
Key = tuple[str, int | None]


def _match_key(name: str, quarter: int | None) -> Key:
    return " ".join(name.casefold().split()), quarter


def replace_imported(indicator: Indicator, year: int, activities: Sequence[dict[str, object]]) -> PlanChange:
    """The indicator's Rencana Aksi of the year as a file gives it (`activities`, in the file's order: each
    a dict of name, quarter, target_q1 … target_q4, budget). Only what an earlier import brought and nobody
    has edited since is replaced: such an activity that the file names again (the same words and quarter)
    is updated in place, one the file no longer names is removed, one the file adds is added.

    What users typed stays. An imported activity edited on the page (source EDITED) is the user's: the file
    does not overwrite it, and does not remove it when the file no longer names it. The file's activity it
    came from is recognised by the words and quarter the file gave it (imported_name, imported_quarter),
    or by its present words and quarter, so a renamed one is not added again beside the user's; it takes
    the file's place, keeps the user's values, and remembers the file's words of now. Activities added by
    hand on the page stay too; one the file names as well becomes the file's (no twin). Those the file does
    not name follow the file's, in their order.

    What users removed stays out. An activity of the file that was removed on the page since (a
    RemovedActionPlanItem with its words and quarter) is not added again: it is counted as deleted, and its
    row takes the file's values of now, for a restore to bring back; a removed one the file no longer names
    is forgotten (it would be removed anyway). An edited activity that the file now gives exactly as the user
    left it (the same words, quarter, quarter targets and budget) is the file's again (source IMPORTED):
    nothing of the user's is lost, and the file updates it from now on.
    Runs inside the caller's transaction; the indicator's row is locked, as the page's edits lock it."""
    Indicator.objects.select_for_update().filter(pk=indicator.pk).first()
    change = PlanChange()
    existing = list(ActionPlanItem.objects.filter(indicator=indicator, year=year))
    Source = ActionPlanItem.Source
    removals = list(RemovedActionPlanItem.objects.filter(indicator=indicator, year=year))
    # Which activity kinerja has is each of the file's: looked for pool by pool, for all of the file's at
    # once, so that a weaker match never takes what a stronger one of another activity would: an edited
    # activity by the words it was imported with, an untouched imported one, one removed on the page (before
    # the last two: an activity added by hand with a removed one's words stays the user's), an edited one by
    # its present words (the file took up the user's rename), one added by hand.
    pools: list[dict[Key, list[ActionPlanItem | RemovedActionPlanItem]]] = [{}, {}, {}, {}, {}]
    for item in existing:
        key = _match_key(item.name, item.quarter)
        if item.source == Source.EDITED:
            pools[0].setdefault(_match_key(item.imported_name, item.imported_quarter), []).append(item)
            pools[3].setdefault(key, []).append(item)
        else:
            pools[1 if item.source == Source.IMPORTED else 4].setdefault(key, []).append(item)
    for removal in removals:
        pools[2].setdefault(_match_key(*removal.file_key), []).append(removal)
    keys = [_match_key(str(values["name"]), values.get("quarter")) for values in activities]  # type: ignore[arg-type]
    found: list[ActionPlanItem | RemovedActionPlanItem | None] = [None] * len(activities)
    taken: set[int] = set()  # id() of the rows matched: the two tables' primary keys overlap
    for pool in pools:
        for n, key in enumerate(keys):
            if found[n] is None:
                found[n] = next((i for i in pool.get(key, []) if id(i) not in taken), None)
                if found[n] is not None:
                    taken.add(id(found[n]))
    order: list[ActionPlanItem] = []
    kept_out: list[RemovedActionPlanItem] = []
    for values, match in zip(activities, found, strict=True):
        if isinstance(match, RemovedActionPlanItem):  # the file's values of now, for a restore
            if match.source == Source.EDITED:
                match.imported_name, match.imported_quarter = str(values["name"]), values.get("quarter")  # type: ignore[assignment]
            else:
                match.name = str(values["name"])
                for f in PLAN_FIELDS:
                    setattr(match, f, values.get(f))
            kept_out.append(match)
            change.deleted += 1
            continue
        item = match
        if item is None:
            item = ActionPlanItem(indicator=indicator, year=year, source=Source.IMPORTED,
                                  name=values["name"], **{f: values.get(f) for f in PLAN_FIELDS})
            change.added += 1
        elif item.source == Source.EDITED and item.name == values["name"] and all(
                getattr(item, f) == values.get(f) for f in PLAN_FIELDS):
            # The file now says what the user typed: the file's again, nothing of the user's lost.
            item.source, item.imported_name, item.imported_quarter = Source.IMPORTED, "", None
            change.unchanged += 1
        elif item.source == Source.EDITED:  # the user's values stay; the file's words are remembered
            item.imported_name, item.imported_quarter = str(values["name"]), values.get("quarter")  # type: ignore[assignment]
            change.edited += 1
        else:
            differs = item.name != values["name"] or any(getattr(item, f) != values.get(f) for f in PLAN_FIELDS)
            if differs or item.source != Source.IMPORTED:
                change.changed += 1
            else:
                change.unchanged += 1
            item.name, item.source = values["name"], Source.IMPORTED
            for f in PLAN_FIELDS:
                setattr(item, f, values.get(f))
        order.append(item)
    stale = [item for item in existing if item.source == Source.IMPORTED and id(item) not in taken]
    change.removed = len(stale)
    ActionPlanItem.objects.filter(pk__in=[item.pk for item in stale]).delete()
    kept = [item for item in existing if item.source != Source.IMPORTED and id(item) not in taken]
    change.kept = sum(1 for item in kept if item.source == Source.MANUAL)
    change.edited += len(kept) - change.kept
    RemovedActionPlanItem.objects.filter(pk__in=[r.pk for r in removals if id(r) not in taken]).delete()
    RemovedActionPlanItem.objects.bulk_update(kept_out, ["name", "imported_name", "imported_quarter", *PLAN_FIELDS])
    # Out of the way of every place in use first (the places are unique, checked row by row on PostgreSQL).
    rows = ActionPlanItem.objects.filter(indicator=indicator, year=year)
    past = max(rows.aggregate(last=Max("order"))["last"] or 0, len(order) + len(kept)) + 1
    rows.update(order=F("order") + past)
    for n, item in enumerate([*order, *kept], start=1):
        item.order = n
        if item.pk is None:
            item.save()
    ActionPlanItem.objects.bulk_update([i for i in [*order, *kept] if i.pk is not None],
                                       ["order", "name", "source", "imported_name", "imported_quarter", *PLAN_FIELDS])
    return change


def _renumber(indicator: Indicator, year: int, ids: list[int]) -> None:
    """Places 1 … n in the order of `ids`. The places are unique and a database checks that row by row
    (PostgreSQL) within one UPDATE, so the plan first moves out of the way, past every place in use."""
    rows = ActionPlanItem.objects.filter(indicator=indicator, year=year)
    past = (rows.aggregate(last=Max("order"))["last"] or 0) + 1
    rows.update(order=F("order") + past)
    moved = list(rows.filter(pk__in=ids))
    place = {pk: n for n, pk in enumerate(ids, start=1)}
    for row in moved:
        row.order = place[row.pk]
    ActionPlanItem.objects.bulk_update(moved, ["order"])
