"""What a new office still lacks before its SOPs can run: the administrator's checklist on Beranda.

An office added by the city's operator starts empty (office hours only). Its administrator builds it
in the Django admin, or all at once from a spreadsheet (importer.py, offered beside the first three
steps), and the pages of kinerja, in an order the guide gives (docs/panduan/administrator.md): units,
positions, people and who holds what (at least the head of office: vacancies elsewhere are named but
ordinary), accounts its position holders can sign in with (the organisation import makes them without a
password), whose initials (paraf) a document needs before the head signs, then the SOP and the
performance indicators. Until every step is done, Beranda lists them with what is missing and where to
do it; an office that can work shows nothing. A fixed number of queries, whatever the size of the office.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Assignment, Office, Person, Position, Unit


@dataclass(frozen=True)
class SetupStep:
    label: str
    done: bool
    detail: str
    url: str
    action: str
    # A second way to do the step: the units, positions and people all at once from a spreadsheet.
    other_url: str = ""
    other_action: str = ""


@dataclass(frozen=True)
class Setup:
    steps: list[SetupStep]

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def complete(self) -> bool:
        return all(step.done for step in self.steps)


def _names(titles: list[str], total: int) -> str:
    shown = ", ".join(titles)
    return shown if total <= len(titles) else _("%(names)s and %(more)d more") % {"names": shown,
                                                                                 "more": total - len(titles)}


def office_setup(office: Office, day: dt.date) -> Setup:
    """The steps of building `office` as on `day`, each done or not, with what is missing."""
    from kinerja.correspondence.models import RequiredInitial
    from kinerja.performance.models import Indicator
    from kinerja.sop.models import SopVersion

    units = Unit.objects.filter(office=office).count()
    positions = list(Position.objects.filter(office=office).annotate(
        held=Exists(Assignment.objects.filter(Assignment.active_on(day), position=OuterRef("pk"))))
        .values_list("title", "kind", "held", "pk").order_by("pk"))
    people = Person.objects.filter(office=office).count()
    # Accounts that cannot sign in yet: made without a password (the organisation import makes every new
    # person's so), still allowed in. Those of today's holders are needed: their positions' tasks, initials
    # and signatures wait for them; the others are named only.
    no_password = list(Person.objects.filter(office=office, user__is_active=True,
                                             user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
                       .annotate(holds=Exists(Assignment.objects.filter(Assignment.active_on(day),
                                                                        person=OuterRef("pk"))))
                       .values_list("full_name", "holds"))
    needed = [name for name, holds in no_password if holds]
    others = [name for name, holds in no_password if not holds]
    # A holder whose account was locked (ticked off in the admin) cannot act for the position either.
    locked = list(Person.objects.filter(Exists(Assignment.objects.filter(Assignment.active_on(day),
                                                                          person=OuterRef("pk"))),
                                        office=office, user__is_active=False).values_list("full_name", flat=True))
    required = list(RequiredInitial.objects.filter(office=office).order_by("order")
                    .values_list("position__title", "position_id"))
    in_force = SopVersion.objects.filter(sop__office=office, status=SopVersion.Status.IN_FORCE).exists()
    indicators = Indicator.objects.filter(office=office).count()

    heads = [title for title, kind, _held, _pk in positions if kind == Position.Kind.HEAD]
    vacant = [title for title, _kind, held, _pk in positions if not held]
    held_pks = {pk for _title, _kind, held, pk in positions if held}
    required_vacant = [title for title, pk in required if pk not in held_pks]
    spreadsheet = (reverse("org:import"), _("Import from a spreadsheet"))
    steps = [
        SetupStep(_("Units"), units > 0,
                  ngettext("%(n)d unit", "%(n)d units", units) % {"n": units} if units else
                  _("None yet: the office itself, the Sekretariat, its Subbagian and the Bidang."),
                  reverse("admin:org_unit_changelist" if units else "admin:org_unit_add"),
                  _("Units") if units else _("Add a unit"), *spreadsheet),
        SetupStep(_("Positions"), bool(heads),
                  (ngettext("%(n)d position", "%(n)d positions", len(positions)) % {"n": len(positions)}
                   + ("" if heads else " · " + _("no head of office yet (kind: Head of office)")))
                  if positions else _("None yet: the head of office, the Sekretaris, each unit's head and the staff."),
                  reverse("admin:org_position_changelist" if positions else "admin:org_position_add"),
                  _("Positions") if positions else _("Add a position"), *spreadsheet),
        # Done once the head of office is held: a vacancy elsewhere is ordinary in a running office (a
        # Kasubbag retired, not yet replaced), so it is said but does not keep the checklist up.
        SetupStep(_("People and who holds each position"), any(held for _title, kind, held, _pk in positions
                                                               if kind == Position.Kind.HEAD),
                  ngettext("%(n)d person", "%(n)d people", people) % {"n": people}
                  + (" · " + ngettext("nobody holds %(names)s today", "nobody holds %(count)d positions today: "
                                      "%(names)s", len(vacant)) % {"count": len(vacant),
                                                                   "names": _names(vacant[:3], len(vacant))}
                     if vacant else ""),
                  reverse("admin:org_assignment_add"), _("Assign a position"), *spreadsheet),
        # Done when everyone holding a position today can sign in: a Kepala Dinas without a password
        # cannot sign, a Kasubbag without one cannot initial.
        SetupStep(_("Accounts to sign in with"), bool(held_pks) and not needed and not locked,
                  " · ".join(
                      ([ngettext("%(count)d position holder has no password yet and cannot sign in: %(names)s",
                                 "%(count)d position holders have no password yet and cannot sign in: %(names)s",
                                 len(needed)) % {"count": len(needed), "names": _names(needed[:3], len(needed))}]
                       if needed else [])
                      + ([ngettext("%(count)d position holder's account is locked: %(names)s",
                                   "%(count)d position holders' accounts are locked: %(names)s",
                                   len(locked)) % {"count": len(locked), "names": _names(locked[:3], len(locked))}]
                         if locked else [])
                      + ([ngettext("%(count)d other account has no password yet: %(names)s",
                                   "%(count)d other accounts have no password yet: %(names)s",
                                   len(others)) % {"count": len(others), "names": _names(others[:3], len(others))}]
                         if others else []))
                  or (_("Everyone holding a position today can sign in.") if held_pks
                      else _("Nobody holds a position yet.")),
                  reverse("admin:org_person_changelist") + ("?password=none" if no_password else ""),
                  _("Give first passwords") if no_password else _("People")),
        SetupStep(_("Required initials (paraf)"), bool(required) and not required_vacant,
                  (" → ".join(title for title, _pk in required)
                   + (" · " + ngettext("nobody holds %(names)s today", "nobody holds %(count)d positions today: "
                                       "%(names)s", len(required_vacant)) % {
                       "count": len(required_vacant), "names": _names(required_vacant[:3], len(required_vacant))}
                      if required_vacant else ""))
                  if required else _("None yet: the positions whose initials a letter or report needs before the "
                                     "head signs, in order (for example Kasubbag, then Sekretaris). Until then "
                                     "nothing can be signed."),
                  reverse("admin:correspondence_requiredinitial_changelist" if required
                          else "admin:correspondence_requiredinitial_add"),
                  _("Required initials") if required else _("Set the required initials")),
        SetupStep(_("An SOP in force"), in_force,
                  _("At least one is in force.") if in_force else
                  _("Upload the office's SOP document (Word, Excel, text or PDF) and save it."),
                  reverse("sop:upload"), _("Upload an SOP")),
        SetupStep(_("Performance indicators"), indicators > 0,
                  ngettext("%(n)d indicator", "%(n)d indicators", indicators) % {"n": indicators} if indicators else
                  _("Import the objectives, indicators and targets from the office's workbook."),
                  reverse("performance:import"), _("Import indicators")),
    ]
    return Setup(steps)
