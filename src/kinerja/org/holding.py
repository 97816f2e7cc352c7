"""Who holds position P on date D, acting holders included. Every feature that asks "who may act"
comes here, so a Plt or Plh is honoured everywhere at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise

from .models import Assignment, Person, Position, Unit


def today_in(office_tz: str | None = None, at: dt.datetime | None = None) -> dt.date:
    """The date in the office's time zone now (or at `at`). (Every completion asks twice: the imports are
    the module's, not repeated here.)"""
    return (at or timezone.now()).astimezone(ZoneInfo(office_tz or "Asia/Jakarta")).date()


def holdings(position: Position, on: dt.date) -> list[Assignment]:
    """The assignments to `position` in force on `on`, acting ones first: while a Plt or Plh is in
    office, they act for the position."""
    return list(
        Assignment.objects.filter(Assignment.active_on(on), position=position)
        .select_related("person__user", "position")
        .annotate(acting_first=Case(When(kind__in=Assignment.ACTING_KINDS, then=Value(0)),
                                    default=Value(1), output_field=IntegerField()))
        .order_by("acting_first", "starts_on", "pk")
    )


def holders(position: Position, on: dt.date) -> list[Person]:
    """The people who hold `position` on `on`: the acting holder alone while one is in office,
    otherwise every definitive holder (several for a staff position)."""
    return acting_or_all(holdings(position, on))


def acting_or_all(found: list[Assignment]) -> list[Person]:
    """Of a position's assignments in force (holdings), the people who act for it: the acting holder
    alone while one is in office, otherwise every definitive holder."""
    acting = [a.person for a in found if a.is_acting]
    return acting or [a.person for a in found]


def stood_in_for(found: list[Assignment], user: AbstractBaseUser | AnonymousUser) -> list[Assignment]:
    """Of a position's assignments in force (holdings), the acting ones (Plt, Plh) when `user` is a
    definitive holder of the position: who does their work there meanwhile. Empty otherwise. No query."""
    if not any(not a.is_acting and a.person.user_id == user.pk for a in found):
        return []
    return [a for a in found if a.is_acting and a.person.user_id != user.pk]


def stand_ins(held: list[Assignment], on: dt.date) -> list[Assignment]:
    """The acting assignments (Plt, Plh) in force on `on` to the positions a person holds otherwise than
    acting (`held`: their assignments that day): while one is in office, its holder does the work of the
    position, and the person does not. With the acting holder and the position, for saying who and until
    when. One query; none when the person holds no position but acting ones."""
    own = {a.position_id for a in held} - {a.position_id for a in held if a.is_acting}
    if not own:
        return []
    return list(Assignment.objects.filter(Assignment.active_on(on), position_id__in=own,
                                          kind__in=Assignment.ACTING_KINDS)
                .select_related("person", "position").order_by("position_id", "starts_on", "pk"))


def acting_values(acting: Assignment) -> dict[str, str]:
    """What a refusal told to an official away names: who does the work of their position (name, the title as
    held: "Plh. Kepala Dinas"), the position, and the acting term in the pages' wording (term_phrase: "1 Des 2026
    s.d. 15 Des 2026"), not a date of its own."""
    return {"name": acting.person.full_name, "title": acting.title_as_held, "position": acting.position.title,
            "term": term_phrase(acting.starts_on, acting.ends_on)}


def acting_refusal(acting: Assignment, message: str | Promise, **values: str) -> str:
    """The refusal told to an official away of what a Plt or Plh (`acting`) does for them meanwhile: `message`
    (naming %(term)s) filled with acting_values and `values` (the step, the case, the unit). The term is
    term_phrase's whether or not the acting assignment ends on a set date ("1 Des 2026 s.d. 15 Des 2026",
    "sejak 1 Des 2026, tanpa tanggal akhir"), so a refusal and a page say an open term in one wording: a second
    message for an open term said "tanpa tanggal berakhir" where the pages said "tanpa tanggal akhir". No query."""
    return str(message) % {**acting_values(acting), **values}


def term_phrase(start: dt.date, end: dt.date | None) -> str:
    """An assignment's term (a Plt's or Plh's above all) in the one wording every page uses: "1 Des 2026 s.d.
    15 Des 2026", "sejak 1 Des 2026, tanpa tanggal akhir" when no end date is set, the day alone for one day.
    The template filter `term` (org/templatetags/people.py) says it of an assignment. No query."""
    from django.utils.translation import gettext as _

    if end is None:
        return _("since %(start)s, no end date") % {"start": date_format(start, "j M Y")}
    if end == start:
        return date_format(start, "j M Y")
    return _("%(start)s to %(end)s") % {"start": date_format(start, "j M Y"), "end": date_format(end, "j M Y")}


def doing_own_work(held: list[Assignment], acting: list[Assignment]) -> list[Assignment]:
    """Of a person's assignments of the day (`held`), those whose work is theirs to do: without the
    positions a Plt or Plh acts for meanwhile (`acting`, from stand_ins), whose letters, documents and tasks
    go to that acting holder. No query."""
    replaced = {a.position_id for a in acting}
    return [a for a in held if a.is_acting or a.position_id not in replaced]


def holder(position: Position, on: dt.date) -> Person | None:
    found = holders(position, on)
    return found[0] if found else None


def at_work(office_id: int, on: dt.date) -> QuerySet[Person]:
    """The office's people who work there on `on`: they hold a position (an administrator's account
    holds none) and may sign in (one who left may not)."""
    return Person.objects.filter(
        Exists(Assignment.objects.filter(Assignment.active_on(on), person_id=OuterRef("pk"))),
        office_id=office_id, user__is_active=True)


def positions_held(user: AbstractBaseUser | AnonymousUser, on: dt.date) -> list[Assignment]:
    """The assignments `user` holds on `on` (acting ones marked by their kind)."""
    if not user.is_authenticated:
        return []
    return list(Assignment.objects.filter(Assignment.active_on(on), person__user=user)
                .select_related("position__unit").order_by("position__pk"))


def held_and_stand_ins(user: AbstractBaseUser | AnonymousUser, on: dt.date) -> tuple[list[Assignment], list[Assignment]]:
    """(positions_held, the acting assignments (Plt, Plh) of others in force on `on` to the single-holder
    positions `user` holds otherwise than acting) in one query: while one is in office, its holder does the
    work of the position and has its powers (starting and cancelling cases, registering letters), by their own
    acting assignment, and `user` has not (doing_own_work). With the acting holder and the position, for saying
    who and until when. A Plh of a position several hold (JFU) works beside them, not for each of them, as
    stand_ins would have it."""
    if not user.is_authenticated:
        return [], []
    own = (Assignment.objects.filter(Assignment.active_on(on), person__user=user)
           .exclude(kind__in=Assignment.ACTING_KINDS).values("position_id"))
    rows = (Assignment.objects.filter(Assignment.active_on(on))
            .filter(Q(person__user=user)
                    | Q(kind__in=Assignment.ACTING_KINDS, position__single_holder=True, position_id__in=own))
            .select_related("person", "position__unit").order_by("position_id", "starts_on", "pk"))
    held: list[Assignment] = []
    acting: list[Assignment] = []
    for a in rows:
        (held if a.person.user_id == user.pk else acting).append(a)
    return held, acting


def work_today(request: HttpRequest) -> tuple[list[Assignment], list[Assignment]]:
    """held_and_stand_ins of the signed-in person today (the office's date), read once per request: the menu
    (web/nav.py) and the performance menu (perfdata.perf_sections) offer the pages of the work that is theirs
    today."""
    if not hasattr(request, "_work_today"):
        office = request.office  # type: ignore[attr-defined]
        request._work_today = held_and_stand_ins(request.user, today_in(office.time_zone))  # type: ignore[attr-defined]
    return request._work_today  # type: ignore[attr-defined]


def holds(user: AbstractBaseUser | AnonymousUser, positions: Iterable[Position], on: dt.date) -> bool:
    wanted = {p.pk for p in positions}
    return any(a.position_id in wanted for a in positions_held(user, on))


def position_in_unit(unit_id: int, role: str) -> Position | None:
    """The position that plays `role` in a unit, for an SOP actor that stands for it in every unit
    ("Kepala Bidang": the head of the bidang the case is about). "head": the unit head's position;
    "staff": a staff position of the unit, else its data contact's. The first made when there are
    several."""
    # The Sekretariat's head is the Sekretaris (of kind SECRETARY, not UNIT_HEAD).
    kinds = ([Position.Kind.UNIT_HEAD, Position.Kind.SECRETARY] if role == "head"
             else [Position.Kind.STAFF, Position.Kind.DIVISION_CONTACT])
    first: dict[str, Position] = {}
    for position in Position.objects.filter(unit_id=unit_id, kind__in=kinds).order_by("pk"):
        first.setdefault(position.kind, position)
    return next((first[k] for k in kinds if k in first), None)


def head_above(unit: Unit) -> Position | None:
    """The head position of the nearest unit above `unit` that has one (a Kabid's superior: the Kepala Dinas of
    the office's unit; a Kasubbag's: the Sekretaris), for "Atasan Langsung" of a case about a unit's own head."""
    seen: set[int] = set()
    current = unit.parent
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        found = (Position.objects.filter(unit=current, kind__in=Position.HEAD_KINDS)
                 .order_by(Case(*[When(kind=k, then=Value(n)) for n, k in enumerate(Position.HEAD_KINDS)],
                                output_field=IntegerField()), "pk").first())
        if found is not None:
            return found
        current = current.parent
    return None


def own_position(person_id: int, on: dt.date) -> Position | None:
    """The position a person works in on `on`, for an SOP step done by the employee a case is about
    ("Pegawai yang bersangkutan"): their definitive position, else one they act in; the earliest held
    when there are several. None when they hold none that day."""
    found = (Assignment.objects.filter(Assignment.active_on(on), person_id=person_id).select_related("position")
             .annotate(acting_last=Case(When(kind__in=Assignment.ACTING_KINDS, then=Value(1)),
                                        default=Value(0), output_field=IntegerField()))
             .order_by("acting_last", "starts_on", "pk").first())
    return found.position if found is not None else None


def plt_beside_holder(assignment: Assignment) -> list[tuple[Assignment, Assignment]]:
    """The (Plt, definitive holding) pairs of `assignment`'s position that share days with it: for a Plt,
    the definitive holdings of the position on some of its days; for a definitive holding, the Plts. By SE
    Kepala BKN 1/2021 (after UU 30/2014 art. 14) a Plt (pelaksana tugas) is appointed when the official is
    permanently away (berhalangan tetap: the position is vacant) and a Plh (pelaksana harian) while the
    official is only temporarily away (leave, official travel), so such a pair is most often a Plh typed
    as Plt, or a holder who left and whose end was not entered. Not refused: the decree is what the office
    signed, and there are Plts beside a holder still on the books (one suspended, on long sick leave);
    the import and the admin say it before (or as) it is saved (plt_warning)."""
    if assignment.kind == Assignment.Kind.PLT:
        other = Assignment.Kind.DEFINITIVE
    elif assignment.kind == Assignment.Kind.DEFINITIVE:
        other = Assignment.Kind.PLT
    else:
        return []
    found = (Assignment.objects.filter(position_id=assignment.position_id, kind=other,
                                       starts_on__lte=assignment.ends_on or dt.date.max)
             .exclude(ends_on__lt=assignment.starts_on).exclude(pk=assignment.pk)
             .select_related("person", "position").order_by("starts_on", "pk"))
    return [(assignment, o) if other == Assignment.Kind.DEFINITIVE else (o, assignment) for o in found]


def _days(start: dt.date, end: dt.date) -> str:
    """Days of a holding as the warnings print them (end dt.date.max: open-ended), in term_phrase's wording."""
    return term_phrase(start, None if end == dt.date.max else end)


def plt_warning(plt: Assignment, held: Assignment) -> str:
    """What the administrator is told of a Plt beside a definitive holder (plt_beside_holder): who, which
    days, the rule, and the two ways out."""
    from django.utils.translation import gettext as _

    days = _days(max(plt.starts_on, held.starts_on), min(plt.ends_on or dt.date.max, held.ends_on or dt.date.max))
    return _("%(plt)s is Plt. %(position)s while %(holder)s still holds it definitively (%(days)s). A Plt is "
             "appointed when the position is vacant or its official is permanently away; an official who is "
             "only temporarily away (leave, official travel, illness) is stood in for by a Plh (SE Kepala BKN "
             "1/2021). If %(holder)s has left the position, enter the end of their assignment (the day before "
             "the Plt starts); if they are only away, make this a Plh. Meanwhile the Plt does the position's "
             "work and signs as Plt.") % {
        "plt": plt.person.full_name, "position": plt.position.title, "holder": held.person.full_name,
        "days": days}


def plh_without_holder(assignment: Assignment) -> list[tuple[Assignment, list[tuple[dt.date, dt.date]]]]:
    """The Plhs of `assignment`'s position with the days on which the position has no definitive holder
    (periods, the last one ending on dt.date.max when open-ended): for a Plh, itself; for a definitive
    holding (one just ended, or moved), the Plhs of the position from its start on. By SE Kepala BKN 1/2021 a
    Plh (pelaksana harian) stands in while the definitive official is only temporarily away (leave, official
    travel, illness); a vacant position, or one whose official is permanently away, gets a Plt. So a Plh over
    days without a holder is most often a Plt typed as Plh, or a holder whose assignment was not entered (or
    was ended too early). Not refused, as plt_beside_holder: the decree is what the office signed; said by
    the import and the admin (plh_warning). Two queries."""
    if assignment.kind == Assignment.Kind.PLH:
        plhs = [assignment]
    elif assignment.kind == Assignment.Kind.DEFINITIVE:
        plhs = list(Assignment.objects.filter(position_id=assignment.position_id, kind=Assignment.Kind.PLH)
                    .exclude(ends_on__lt=assignment.starts_on)
                    .select_related("person", "position").order_by("starts_on", "pk"))
    else:
        return []
    if not plhs:
        return []
    held = sorted(Assignment.objects.filter(position_id=assignment.position_id, kind=Assignment.Kind.DEFINITIVE)
                  .values_list("starts_on", "ends_on"))
    found = []
    for plh in plhs:
        gaps = uncovered_days(plh.starts_on, plh.ends_on or dt.date.max, held)
        if gaps:
            found.append((plh, gaps))
    return found


def uncovered_days(start: dt.date, end: dt.date, periods: list[tuple[dt.date, dt.date | None]]
                   ) -> list[tuple[dt.date, dt.date]]:
    """The parts of start..end (both included) that none of `periods` (start, end or None: open-ended),
    sorted by start, covers."""
    gaps: list[tuple[dt.date, dt.date]] = []
    day: dt.date | None = start  # the first day not yet known to be covered; None: past dt.date.max
    for period_start, period_end in periods:
        if day is None or day > end:
            break
        if (period_end or dt.date.max) < day:
            continue
        if period_start > day:
            gaps.append((day, min(end, period_start - dt.timedelta(days=1))))
        day = None if period_end is None or period_end == dt.date.max else max(day, period_end + dt.timedelta(days=1))
    if day is not None and day <= end:
        gaps.append((day, end))
    return gaps


def plh_warning(plh: Assignment, gaps: list[tuple[dt.date, dt.date]]) -> str:
    """What the administrator is told of a Plh over days without a definitive holder (plh_without_holder):
    who, which position and days, the rule, and the two ways out."""
    from django.utils.translation import gettext as _

    return _("%(plh)s is Plh. %(position)s on days the position has no definitive holder (%(days)s). A Plh stands "
             "in while the definitive official is only temporarily away (leave, official travel, illness); a vacant "
             "position, or one whose official is permanently away, gets a Plt (SE Kepala BKN 1/2021). If the "
             "position is vacant on those days, make this a Plt; if someone holds it definitively then, enter "
             "their assignment (or correct its dates). Meanwhile the Plh does the position's work and signs as "
             "Plh.") % {
        "plh": plh.person.full_name, "position": plh.position.title,
        "days": "; ".join(_days(start, end) for start, end in gaps)}
