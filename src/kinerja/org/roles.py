"""Roles follow positions: what a person may see and do derives from the positions held that day,
plus the administrator (Django staff) and the read-only auditor (Inspektorat).

While a Plt or Plh acts for a position, its powers are the acting holder's (by the acting assignment) and
not the absent official's: roles_of, which the actions ask, leaves such a position out. The menus ask
roles_from of every position held, so what the absent official may read stays in reach."""

from __future__ import annotations

import datetime as dt
import enum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from .holding import doing_own_work, held_and_stand_ins
from .models import Assignment


class Role(enum.StrEnum):
    HEAD = "head"
    SECRETARY = "secretary"
    UNIT_HEAD = "unit_head"
    STAFF = "staff"
    DIVISION_CONTACT = "division_contact"
    ADMIN = "admin"
    AUDITOR = "auditor"


def roles_of(user: AbstractBaseUser | AnonymousUser, on: dt.date) -> set[Role]:
    """The roles `user` acts in on `on`, for what they may do that day (start or cancel a case, register a
    letter, compile the report): without those of a position a Plt or Plh acts for that day. One query."""
    return roles_and_stand_ins(user, on)[0]


def roles_and_stand_ins(user: AbstractBaseUser | AnonymousUser, on: dt.date) -> tuple[set[Role], list[Assignment]]:
    """(roles_of, the acting assignments (Plt, Plh) through which others have the roles of `user`'s positions
    meanwhile: holding.held_and_stand_ins): a page that refuses a power says who has it (acting_for) without
    another query. One query."""
    held, acting = held_and_stand_ins(user, on)
    return roles_from(user, doing_own_work(held, acting)), acting


def roles_from(user: AbstractBaseUser | AnonymousUser, held: list[Assignment]) -> set[Role]:
    """The roles of `user` given the assignments they hold (when the caller has them already)."""
    found = {Role(a.position.kind) for a in held}
    if user.is_staff or user.is_superuser:
        found.add(Role.ADMIN)
    person = getattr(user, "person", None)
    if person is not None and person.extra_role == "auditor":
        found.add(Role.AUDITOR)
    return found


def acting_for(roles: set[Role], acting: list[Assignment], wanted: set[Role]) -> Assignment | None:
    """Of roles_and_stand_ins (`roles`, `acting`), the acting assignment through which a Plt or Plh has one of
    `wanted` meanwhile for someone who has none of them: who has that power, and until when. None when the
    person has one, or nobody acts for a position that would give one. No query."""
    if roles & wanted:
        return None
    return next((a for a in acting if Role(a.position.kind) in wanted), None)


def acting_for_roles(user: AbstractBaseUser | AnonymousUser, on: dt.date, wanted: set[Role]) -> Assignment | None:
    """acting_for, read for `user` on `on` (for a refusal: start_case's, cancel_case's). One query."""
    return acting_for(*roles_and_stand_ins(user, on), wanted)
