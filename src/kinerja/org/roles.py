"""Roles follow positions: what a person may see and do derives from the positions held that day,
plus the administrator (Django staff) and the read-only auditor (Inspektorat)."""

from __future__ import annotations

import datetime as dt
import enum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from .holding import positions_held
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
    if not user.is_authenticated:
        return set()
    return roles_from(user, positions_held(user, on))


def roles_from(user: AbstractBaseUser | AnonymousUser, held: list[Assignment]) -> set[Role]:
    """The roles of `user` given the assignments they hold (when the caller has them already)."""
    found = {Role(a.position.kind) for a in held}
    if user.is_staff or user.is_superuser:
        found.add(Role.ADMIN)
    person = getattr(user, "person", None)
    if person is not None and person.extra_role == "auditor":
        found.add(Role.AUDITOR)
    return found
