"""Who may do what with performance data, from the positions a person holds that day.

- The Subbag Program (its Kasubbag and staff) and the administrator manage indicators and targets.
- A division's contact (and its head) enters the actuals of the indicators their division answers for.
- The Kasubbag (or the administrator) checks submitted actuals or sends them back.

While a Plt or Plh acts for a Kasubbag or a Kabid, the acting holder has these powers, not the absent official,
who is told who has them and until when (manage_power, enter_power, check_power), as everywhere else
(holding.doing_own_work). The menus (pages) follow the work too: the input page is offered to the acting holder,
not to the absent official, who may still open the check page to read it ("view only").
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from kinerja.org.holding import acting_refusal, doing_own_work, held_and_stand_ins
from kinerja.org.models import Assignment, Office, Position, Unit

from .models import Indicator, IndicatorRevision


def _is_admin(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(getattr(user, "is_staff", False) or getattr(user, "is_superuser", False))


def _manages(p: Position) -> bool:
    return p.unit.kind == Unit.Kind.SUBSECTION and p.kind in (Position.Kind.UNIT_HEAD, Position.Kind.STAFF)


def _checks(p: Position) -> bool:
    return p.unit.kind == Unit.Kind.SUBSECTION and p.kind == Position.Kind.UNIT_HEAD


def _enters(p: Position) -> bool:
    # A Bidang's contact or head, and the Sekretariat's (its head is the Sekretaris): Unit.ASKED_FOR_DATA.
    return p.unit.kind in Unit.ASKED_FOR_DATA and p.kind in (Position.Kind.DIVISION_CONTACT, Position.Kind.UNIT_HEAD,
                                                             Position.Kind.SECRETARY)


def enters(position: Position) -> bool:
    """Whether the holder of `position` enters the figures of its unit (a Bidang's contact or head, the
    Sekretaris for the Sekretariat): those a figure returned to the unit goes to (returned.py). No query."""
    return _enters(position)


def _entering(held: list[Position]) -> list[Unit]:
    """The units whose actuals the holder of `held` enters: each Bidang of theirs, and the Sekretariat where it
    answers for an indicator, now or in an earlier year (IndicatorRevision: its figures of that year are still
    its own to enter and resubmit); one query, only for a Sekretariat's position: a Sekretaris whose unit has no
    indicator has nothing to enter and is offered no input page."""
    units = {p.unit_id: p.unit for p in held if _enters(p)}
    others = [pk for pk, unit in units.items() if unit.kind != Unit.Kind.DIVISION]
    if others:
        answering = set(Unit.objects.filter(
            Exists(Indicator.objects.filter(division_id=OuterRef("pk")))
            | Exists(IndicatorRevision.objects.filter(division_id=OuterRef("pk"))), pk__in=others,
        ).values_list("pk", flat=True))
        units = {pk: unit for pk, unit in units.items() if unit.kind == Unit.Kind.DIVISION or pk in answering}
    return list(units.values())


def _own_work(user: AbstractBaseUser | AnonymousUser, day: dt.date) -> tuple[list[Position], list[Assignment]]:
    """(the positions whose work is `user`'s on `day`, the acting assignments (Plt, Plh) of others to the
    positions they hold but do not work in meanwhile: doing_own_work). One query."""
    held, acting = held_and_stand_ins(user, day)
    return [a.position for a in doing_own_work(held, acting)], acting


def can_manage(user: AbstractBaseUser | AnonymousUser, day: dt.date) -> bool:
    """Indicator and target management: the subsection's head and staff, or the administrator; not a Kasubbag
    away while a Plt or Plh acts for them (manage_power)."""
    return manage_power(user, day)[0]


def manage_power(user: AbstractBaseUser | AnonymousUser, day: dt.date) -> tuple[bool, Assignment | None]:
    """(can_manage, else the acting assignment (Plt, Plh) through which someone manages indicators and targets
    meanwhile for `user`, a Kasubbag away: who, and until when; None when nobody acts for them). One query;
    none for the administrator."""
    if _is_admin(user):
        return True, None
    own, acting = _own_work(user, day)
    if any(_manages(p) for p in own):
        return True, None
    return False, next((a for a in acting if _manages(a.position)), None)


def manage_refusal(acting: Assignment | None) -> str:
    """Why one may not manage indicators and targets (`acting`: manage_power's): who does meanwhile and until
    when, else who may."""
    if acting is None:
        return _("Only the Subbag Program manages indicators and targets.")
    return acting_refusal(
        acting,
        _("You may not manage indicators and targets today: %(name)s (%(title)s) does the work of your position "
          "as %(position)s (%(term)s), and manages them meanwhile."))


def can_check(user: AbstractBaseUser | AnonymousUser, day: dt.date) -> bool:
    """Checking actuals: the Kasubbag (head of a subsection) or the administrator; not a Kasubbag away while a
    Plt or Plh acts for them (check_power)."""
    return check_power(user, day)[0]


def check_power(user: AbstractBaseUser | AnonymousUser, day: dt.date) -> tuple[bool, Assignment | None]:
    """(can_check, else the acting assignment (Plt, Plh) through which someone checks actuals meanwhile for
    `user`, a Kasubbag away: who, and until when; None when nobody acts for them). One query, as
    positions_held; none for the administrator."""
    if _is_admin(user):
        return True, None
    held, acting = held_and_stand_ins(user, day)
    if any(_checks(a.position) for a in doing_own_work(held, acting)):
        return True, None
    return False, next((a for a in acting if _checks(a.position)), None)


def check_refusal(acting: Assignment | None) -> str:
    """Why one may not check actuals (`acting`: check_power's): who checks them meanwhile and until when."""
    if acting is None:
        return _("Only the Kasubbag checks actuals.")
    return acting_refusal(
        acting,
        _("You may not check actuals today: %(name)s (%(title)s) does the work of your position as "
          "%(position)s (%(term)s), and checks them meanwhile."))


def divisions_of(user: AbstractBaseUser | AnonymousUser, day: dt.date) -> list[Unit]:
    """The divisions whose actuals `user` enters: as their data contact or their head (_entering); not those of
    a position a Plt or Plh acts for meanwhile (a Kabid away: enter_power)."""
    return _entering(_own_work(user, day)[0])


def data_units(office: Office, year: int) -> QuerySet[Unit]:
    """The units that supply the office's figures of `year`, as the dashboard's filter and the input page list
    them: those asked for data (the Bidang and the Sekretariat, Unit.ASKED_FOR_DATA) and any other unit an
    indicator of `year` names as of that year (the Subbag Program for its own; a unit that answered for one
    before a later year gave it to another: IndicatorRevision). One query."""
    answered = (Indicator.objects.in_year(year).filter(office=office, as_of_division_id__isnull=False)
                .values("as_of_division_id"))
    return (Unit.objects.filter(Q(kind__in=Unit.ASKED_FOR_DATA) | Q(pk__in=answered), office=office)
            .order_by("pk"))


def pages(user: AbstractBaseUser | AnonymousUser, day: dt.date,
          work: tuple[list[Assignment], list[Assignment]] | None = None) -> dict[str, bool]:
    """Which pages of the performance menu `user` may open on `day`, as the work of the day goes (a Plt or Plh
    acting for a Kabid or Kasubbag away has their input page, the absent official has not):
    "input" (the Subbag Program, or a division's contact or head, doing the work of their position),
    "check" (may open the check page: the Kasubbag, or the Subbag Program, who see the actuals under check; an
    absent Kasubbag reads on) and "checks" (may check there, not only look: check_power). `work`: the
    positions `user` holds on `day` and the stand-ins for them (holding.held_and_stand_ins), when the caller
    read them already (the navigation does, for every page: holding.work_today). No query then, but one
    for a Sekretariat's position (_entering)."""
    if _is_admin(user):
        return {"input": True, "check": True, "checks": True}
    held, acting = held_and_stand_ins(user, day) if work is None else work
    own = [a.position for a in doing_own_work(held, acting)]
    checks = any(_checks(p) for p in own)
    return {"input": any(_manages(p) for p in own) or bool(_entering(own)),
            "check": checks or any(_manages(a.position) or _checks(a.position) for a in held), "checks": checks}


def can_enter(user: AbstractBaseUser | AnonymousUser, division_id: int | None, day: dt.date) -> bool:
    """Whether `user` may enter actuals of an indicator of this division (the Subbag Program may
    enter for any division: it compiles what divisions send on paper); enter_power."""
    return enter_power(user, division_id, day)[0]


def enter_power(user: AbstractBaseUser | AnonymousUser, division_id: int | None, day: dt.date,
                ) -> tuple[bool, Assignment | None]:
    """(can_enter, else the acting assignment (Plt, Plh) through which someone enters them meanwhile for `user`,
    a Kabid or Kasubbag away: who, and until when; None when nobody acts for them). `division_id` None: an
    indicator no division answers for yet (the Subbag Program's). One query (two for a Sekretariat's
    position, _entering); none for the administrator."""
    if _is_admin(user):
        return True, None
    own, acting = _own_work(user, day)
    if any(_manages(p) for p in own) or (division_id is not None and any(u.pk == division_id for u in _entering(own))):
        return True, None
    return False, next((a for a in acting if _manages(a.position)
                        or (_enters(a.position) and a.position.unit_id == division_id)), None)


def entry_stand_in(user: AbstractBaseUser | AnonymousUser, day: dt.date) -> Assignment | None:
    """For the input page of someone who enters no actual today: the acting assignment (Plt, Plh) through which
    someone enters them meanwhile for them, a Kabid or Kasubbag away; None when nobody acts for them. One
    query."""
    if _is_admin(user):
        return None
    return next((a for a in _own_work(user, day)[1] if _manages(a.position) or _enters(a.position)), None)


def enter_refusal(acting: Assignment) -> str:
    """What a Kabid or Kasubbag away is told (`acting`: enter_power's, entry_stand_in's): who enters the
    actuals meanwhile, until when."""
    return acting_refusal(
        acting,
        _("You may not enter actuals today: %(name)s (%(title)s) does the work of your position as %(position)s "
          "(%(term)s), and enters them meanwhile."))
