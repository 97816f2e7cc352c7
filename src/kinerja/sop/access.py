"""Who may manage SOP documents: the administrator and the heads of the secretariat's subsections
(the Kasubbag Program keeps the office's SOPs). Everyone of the office may read them. While a Plt or Plh
acts for a Kasubbag, the acting holder manages the SOPs, and the absent Kasubbag is told so (manage_power)
and still reads them."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import gettext as _

from kinerja.org.holding import acting_refusal, doing_own_work, held_and_stand_ins, today_in
from kinerja.org.models import Assignment, Office, Position, Unit
from kinerja.org.roles import Role, roles_from


def _keeps_sops(position: Position, office: Office) -> bool:
    return (position.kind == Position.Kind.UNIT_HEAD and position.unit.kind == Unit.Kind.SUBSECTION
            and position.office_id == office.pk)


def may_manage(user: AbstractBaseUser | AnonymousUser, office: Office) -> bool:
    """Upload versions, put them in force, revoke them, link actors to positions."""
    return manage_power(user, office)[0]


def manage_power(user: AbstractBaseUser | AnonymousUser, office: Office) -> tuple[bool, Assignment | None]:
    """(may_manage, else the acting assignment (Plt, Plh) through which someone manages the SOPs meanwhile for
    `user`, a Kasubbag away: who, and until when; None when nobody acts for them). One query."""
    held, acting = held_and_stand_ins(user, today_in(office.time_zone))
    if Role.ADMIN in roles_from(user, held):
        return True, None
    if any(_keeps_sops(a.position, office) for a in doing_own_work(held, acting)):
        return True, None
    return False, next((a for a in acting if _keeps_sops(a.position, office)), None)


def manage_refusal(acting: Assignment) -> str:
    """What a Kasubbag away is told (`acting`: manage_power's): who manages the SOPs meanwhile, until when."""
    return acting_refusal(
        acting,
        _("You may not manage SOPs today: %(name)s (%(title)s) does the work of your position as %(position)s "
          "(%(term)s), and manages them meanwhile."))
