"""Who may manage SOP documents: the administrator and the heads of the secretariat's subsections
(the Kasubbag Program keeps the office's SOPs). Everyone of the office may read them."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from kinerja.org.holding import positions_held, today_in
from kinerja.org.models import Office, Position, Unit
from kinerja.org.roles import Role, roles_of


def may_manage(user: AbstractBaseUser | AnonymousUser, office: Office) -> bool:
    """Upload versions, put them in force, revoke them, link actors to positions."""
    day = today_in(office.time_zone)
    if Role.ADMIN in roles_of(user, day):
        return True
    return any(a.position.kind == Position.Kind.UNIT_HEAD and a.position.unit.kind == Unit.Kind.SUBSECTION
               and a.position.office_id == office.pk for a in positions_held(user, day))
