"""Who may do what with performance data, from the positions a person holds that day.

- The Subbag Program (its Kasubbag and staff) and the administrator manage indicators and targets.
- A division's contact (and its head) enters the actuals of the indicators their division answers for.
- The Kasubbag (or the administrator) checks submitted actuals or sends them back.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from kinerja.org.holding import positions_held
from kinerja.org.models import Position, Unit


def _held(user: AbstractBaseUser | AnonymousUser, day: dt.date) -> list[Position]:
    return [a.position for a in positions_held(user, day)]


def _is_admin(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(getattr(user, "is_staff", False) or getattr(user, "is_superuser", False))


def can_manage(user: AbstractBaseUser | AnonymousUser, day: dt.date) -> bool:
    """Indicator and target management: the subsection's head and staff, or the administrator."""
    if _is_admin(user):
        return True
    return any(p.unit.kind == Unit.Kind.SUBSECTION and p.kind in (Position.Kind.UNIT_HEAD, Position.Kind.STAFF)
               for p in _held(user, day))


def can_check(user: AbstractBaseUser | AnonymousUser, day: dt.date) -> bool:
    """Checking actuals: the Kasubbag (head of a subsection) or the administrator."""
    if _is_admin(user):
        return True
    return any(p.unit.kind == Unit.Kind.SUBSECTION and p.kind == Position.Kind.UNIT_HEAD for p in _held(user, day))


def divisions_of(user: AbstractBaseUser | AnonymousUser, day: dt.date) -> list[Unit]:
    """The divisions whose actuals `user` enters: as their data contact or their head."""
    found: dict[int, Unit] = {}
    for p in _held(user, day):
        if p.unit.kind == Unit.Kind.DIVISION and p.kind in (Position.Kind.DIVISION_CONTACT, Position.Kind.UNIT_HEAD):
            found[p.unit_id] = p.unit
    return list(found.values())


def can_enter(user: AbstractBaseUser | AnonymousUser, division_id: int | None, day: dt.date) -> bool:
    """Whether `user` may enter actuals of an indicator of this division (the Subbag Program may
    enter for any division: it compiles what divisions send on paper)."""
    if can_manage(user, day):
        return True
    return division_id is not None and any(u.pk == division_id for u in divisions_of(user, day))
