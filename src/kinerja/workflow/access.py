"""Who may act on a task, answer a division's request or oversee a unit, asked of the org app on the day.

One place, so the actions, the inbox queries and the views apply the same rule: a task with a stored
assignee belongs to that person while the assignment stands (assignee_stands: a superior gave it to them,
or they still hold the task's position, or it is the own step of the employee the case is about); any
other task belongs to whoever holds its position that day (`holders`, so a Plt or Plh acts instead of
the absent official, and the JFU chosen for step 3 who has since moved to another post hands it back to
the JFU who remain)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet

from kinerja.org.holding import acting_or_all, at_work, doing_own_work, holders, positions_held, stand_ins, today_in
from kinerja.org.models import Assignment, Office, Person, Position, Unit

from . import fastsql
from .models import DivisionRequest, Task


def office_day(office: Office, at: dt.datetime | None = None) -> dt.date:
    return today_in(office.time_zone, at)


def person_of(user: AbstractBaseUser | AnonymousUser | None) -> Person | None:
    if user is None or not user.is_authenticated:
        return None
    return getattr(user, "person", None)


def can_act(task: Task, user: AbstractBaseUser | AnonymousUser | None, day: dt.date,
            assignments: Iterable[tuple[int, str, dt.date, dt.date | None]] | None = None) -> bool:
    """`assignments`: (person id, kind, starts on, ends on) of the task's position around `day`, when the
    caller read them already (fastsql.load_task does, with the task); else they are queried."""
    person = person_of(user)
    if person is None or person.office_id != task.case.office_id:
        return False
    if task.assignee_id is not None and assignee_stands(task, day, assignments):
        return task.assignee_id == person.pk
    if assignments is not None:
        return person.pk in holders_among(assignments, day)
    return person.pk in holder_ids(task.position_id, day)


def assignee_stands(task: Task, day: dt.date,
                    assignments: Iterable[tuple[int, str, dt.date, dt.date | None]] | None = None) -> bool:
    """Whether the person stored on `task` is the one to do it on `day`: a superior gave it to them
    (reassigned_at), or it is the own step of the employee the case is about, or they still hold the
    task's position. A holder chosen by the previous actor who has since moved to another post or left
    no longer is: the task follows the position again. `assignments`: those of the task's position around
    `day` (person id, kind, starts on, ends on), when the caller read them already; a task read with the
    annotation `stands_today` (assignee_stands_q) answers without a query too."""
    if task.assignee_id is None:
        return False
    if task.reassigned_at is not None or task.assignee_id == task.case.person_id:
        return True
    if hasattr(task, "stands_today"):
        return bool(task.stands_today)
    if assignments is not None:
        return any(pk == task.assignee_id and starts <= day and (ends is None or ends >= day)
                   for pk, _kind, starts, ends in assignments)
    return Assignment.objects.filter(Assignment.active_on(day), person_id=task.assignee_id,
                                     position_id=task.position_id).exists()


def assignee_stands_q(day: dt.date) -> Q:
    """assignee_stands as a condition on tasks, for the inbox's queries (one subquery, no extra query)."""
    return (Q(assignee__isnull=False) & (
        Q(reassigned_at__isnull=False)
        | Q(case__person_id__isnull=False, assignee_id=F("case__person_id"))
        | Exists(Assignment.objects.filter(Assignment.active_on(day), person_id=OuterRef("assignee_id"),
                                           position_id=OuterRef("position_id")))))


def with_stands(tasks: QuerySet[Task], day: dt.date) -> QuerySet[Task]:
    """`tasks` annotated with `stands_today` (assignee_stands_q), which assignee_stands then reads instead of
    querying: for pages that list tasks with who does them."""
    return tasks.annotate(stands_today=ExpressionWrapper(assignee_stands_q(day), output_field=BooleanField()))


def doers(task: Task, day: dt.date) -> list[Person]:
    """Who does `task` on `day`: its stored person while that stands, else the holders of its position."""
    if task.assignee_id is not None and assignee_stands(task, day):
        return [task.assignee] if task.assignee is not None else []
    return holders(task.position, day)


def holder_ids(position_id: int, day: dt.date) -> set[int]:
    """The ids of holders(position, day) in one lean query: this runs on every action, and the full
    holders() (people, users, ordering) costs several times more to build."""
    return set(holder_id_list(position_id, day))


def holder_id_list(position_id: int, day: dt.date) -> list[int]:
    """[p.pk for p in holders(position, day)], unordered: one id per assignment in force, as holders() counts."""
    rows = fastsql.holder_rows(position_id, day)  # Assignment.active_on(day), without the ORM's cost
    return _acting_or_all(rows)


def _acting_or_all(rows: Iterable[tuple[int, str]]) -> list[int]:
    """The holders among assignments in force: the acting ones (Plt, Plh) where there are any."""
    rows = list(rows)
    acting = [pk for pk, kind in rows if kind in Assignment.ACTING_KINDS]
    return acting or [pk for pk, _kind in rows]


def holders_among(assignments: Iterable[tuple[int, str, dt.date, dt.date | None]], day: dt.date) -> list[int]:
    """holder_id_list from assignments already read: those in force on `day` (Assignment.active_on)."""
    return _acting_or_all((pk, kind) for pk, kind, starts, ends in assignments
                          if starts <= day and (ends is None or ends >= day))


def can_answer(request: DivisionRequest, user: AbstractBaseUser | AnonymousUser | None, day: dt.date) -> bool:
    """The division's data contact answers; its head (the Sekretaris for the Sekretariat) may answer for it."""
    return any(a.position.unit_id == request.division_id
               and a.position.kind in (Position.Kind.DIVISION_CONTACT, Position.Kind.UNIT_HEAD, Position.Kind.SECRETARY)
               for a in positions_held(user, day)) if user is not None else False


def supervised_unit_ids(user: AbstractBaseUser | AnonymousUser | None, office: Office, day: dt.date,
                        held: list[Assignment] | None = None, acting: list[Assignment] | None = None) -> set[int]:
    """Units whose overdue tasks `user` sees and may reassign: the head of office oversees every unit;
    the secretary and unit heads their own unit and the units under it. `held`: positions_held() if known;
    `acting`: holding.stand_ins(held) if known (units_led says why)."""
    return units_led(user, office, day, held, acting)[1]


def units_led(user: AbstractBaseUser | AnonymousUser | None, office: Office, day: dt.date,
              held: list[Assignment] | None = None, acting: list[Assignment] | None = None
              ) -> tuple[set[int], set[int]]:
    """(the units of the office whose head position `user` holds on `day`, those units and every unit
    under them): supervised_unit_ids with where the user stands in it.

    A head position a Plt or Plh acts for that day is left out: its superior's powers (reassigning, the
    unit's overdue tasks) are the acting holder's meanwhile, as its tasks are, and not the absent official's
    (superior_stood_in says who). `acting`: holding.stand_ins of `held` when the caller has them (the inbox
    does), else they are read (one query, only for someone holding a head position otherwise than acting)."""
    if user is None:
        return set(), set()
    held = [a for a in (positions_held(user, day) if held is None else held) if a.position.office_id == office.pk]
    heads = [a for a in held if a.position.kind in Position.HEAD_KINDS]
    if heads and any(not a.is_acting for a in heads):
        heads = doing_own_work(heads, stand_ins(heads, day) if acting is None else acting)
    roots = {a.position.unit_id for a in heads}
    if not roots:
        return set(), set()
    children = _children(office)
    if any(a.position.kind == Position.Kind.HEAD for a in heads):
        return roots, {pk for units in children.values() for pk in units}
    return roots, _and_under(roots, children)


def _children(office: Office) -> dict[int | None, list[int]]:
    """The office's units by the unit above them (None: the top)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in Unit.objects.filter(office=office).values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    return children


def _and_under(roots: set[int], children: dict[int | None, list[int]]) -> set[int]:
    found, todo = set(), list(roots)
    while todo:
        unit = todo.pop()
        if unit not in found:
            found.add(unit)
            todo.extend(children.get(unit, []))
    return found


def superior_stood_in(user: AbstractBaseUser | AnonymousUser | None, office: Office, day: dt.date, unit_id: int,
                      held: list[Assignment] | None = None) -> Assignment | None:
    """The acting assignment (Plt, Plh) in force on `day` to a head position `user` holds otherwise than acting,
    through which they would oversee `unit_id` but for it: who reassigns that unit's tasks meanwhile, and until
    when (units_led leaves such a position out). None when nobody acts for such a position. For a user who is
    not a superior of the unit by units_led; `held`: positions_held() if known."""
    if user is None:
        return None
    held = [a for a in (positions_held(user, day) if held is None else held) if a.position.office_id == office.pk]
    heads = [a for a in held if a.position.kind in Position.HEAD_KINDS and not a.is_acting]
    acting = stand_ins(heads, day) if heads else []
    if not acting:
        return None
    children = _children(office)
    return next((a for a in acting
                 if a.position.kind == Position.Kind.HEAD or unit_id in _and_under({a.position.unit_id}, children)),
                None)


def reassign_candidates(task: Task, user: AbstractBaseUser | AnonymousUser, day: dt.date,
                        held: list[Assignment] | None = None, present_only: bool = True) -> QuerySet[Person]:
    """The people a superior may give `task` to on `day`: the people of the units they lead who are below
    them, and the other holders of the task's position.

    Below them: anyone holding a position in those units but the head positions of the superior's own
    units (their own, or a Plt's/Plh's standing for it) and the superior themselves. An overdue task is handed
    down the line a civil servant answers along: a Kasubbag gives a JFU's task to another JFU of the Subbagian,
    not to the Kepala Dinas above him (who is not his to order) nor to a Bidang's staff (who answer to their
    Kabid). Taking it himself would leave the work he checks next done by himself. The holders of the task's
    position (another JFU, a Plh Kasubbag) do that work already by their post, whatever unit they sit in.
    Not someone away: an assignment counts while its work is theirs that day, not one to a position a Plt or
    Plh acts for (the absent Kepala Dinas is not offered his own step; the acting holder is, by the acting
    assignment). A Plh of a position several hold (JFU) works beside its holders, not for each of them.
    `present_only=False`: the people the rule would offer but for that, for saying why someone is not offered.
    No query for the rule beyond units_led's; the people come in one query (Exists on their assignments)."""
    office = task.case.office
    roots, led = units_led(user, office, day, held)
    below = (Q(position__unit_id__in=led) & ~Q(position__kind__in=Position.HEAD_KINDS, position__unit_id__in=roots)
             & ~Q(person__user_id=user.pk))
    fits = Assignment.objects.filter(Assignment.active_on(day), below | Q(position_id=task.position_id),
                                     person_id=OuterRef("pk"))
    if present_only:
        replaced = (Assignment.objects.filter(Assignment.active_on(day), position_id=OuterRef("position_id"),
                                              kind__in=Assignment.ACTING_KINDS)
                    .exclude(person_id=OuterRef("person_id")))
        fits = fits.filter(Q(kind__in=Assignment.ACTING_KINDS) | Q(position__single_holder=False) | ~Exists(replaced))
    return at_work(office.pk, day).filter(Exists(fits))


def _units_and_above(positions: list[Position]) -> set[int]:
    """The units of `positions` (of one office) and every unit above them."""
    parent = dict(Unit.objects.filter(office_id=positions[0].office_id).values_list("pk", "parent_id"))
    units: set[int] = set()
    for position in positions:
        unit: int | None = position.unit_id
        while unit is not None and unit not in units:
            units.add(unit)
            unit = parent.get(unit)
    return units


def superiors_of(positions: list[Position], day: dt.date) -> list[Person]:
    """The people holding the head positions of the units of `positions` and the units above them."""
    if not positions:
        return []
    units = _units_and_above(positions)
    found = (Assignment.objects.filter(Assignment.active_on(day), position__unit_id__in=units,
                                       position__kind__in=Position.HEAD_KINDS)
             .select_related("person__user"))
    return list({a.person.pk: a.person for a in found}.values())


def acting_superiors_of(positions: list[Position], day: dt.date) -> list[Person]:
    """superiors_of as holders() picks them, for those told of the work: in each head position the acting
    holder (Plt, Plh) alone while one is in office, else its holders. A definitive head is given no task while
    a Plt acts for him; neither is he told of a case at risk meanwhile."""
    if not positions:
        return []
    units = _units_and_above(positions)
    by_position: dict[int, list[Assignment]] = {}
    for a in (Assignment.objects.filter(Assignment.active_on(day), position__unit_id__in=units,
                                        position__kind__in=Position.HEAD_KINDS)
              .select_related("person__user").order_by("position_id", "starts_on", "pk")):
        by_position.setdefault(a.position_id, []).append(a)
    return list({p.pk: p for found in by_position.values() for p in acting_or_all(found)}.values())


def current_holders(position_ids: set[int], day: dt.date) -> dict[int, list[Person]]:
    """holders() for many positions in one query: acting holders alone where one is in office."""
    rows = (Assignment.objects.filter(Assignment.active_on(day), position_id__in=position_ids)
            .select_related("person").order_by("starts_on", "pk"))
    acting: dict[int, list[Person]] = {}
    definitive: dict[int, list[Person]] = {}
    for a in rows:
        (acting if a.is_acting else definitive).setdefault(a.position_id, []).append(a.person)
    return {pk: acting.get(pk) or definitive.get(pk, []) for pk in position_ids}
