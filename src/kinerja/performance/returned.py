"""A figure the Kasubbag returned to its division ("Kembalikan ke bidang", actions.return_actual) is open work
for the division until it sends the figure again: an item "Dikembalikan untuk diperbaiki" in the inbox and on
Beranda of the division's contact and head (the Sekretaris for the Sekretariat's figures), with the reason, who
returned it and a button to the figure's card on the input page; and, once per return, an in-app notification
and an e-mail to them (workflow.notify.notify_outside_case, in the return's transaction, mailed once it
commits). Once the division sends the figure again (actions.submit_actual, or add_missing_actual making it a
correction) the item goes, since the figure is no longer returned, and `resolve_returned` marks the return's
notifications read: nothing is left to do about them.

`returned_items` is registered with workflow.inbox_extensions (register_for_positions) in PerformanceConfig.ready():
it is given the positions whose work is the user's today (less those a Plt or Plh does meanwhile, who gets the
work instead), so it costs no query for a person who enters no division's figures, and one for those who do,
however many figures wait. Imports go one way: we import workflow, workflow never imports us."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.org.holding import holders
from kinerja.org.models import Assignment, Office, Person, Position, name_of

from .access import enters
from .models import Actual, ActualRevision, actuals_as_of, period_name

if TYPE_CHECKING:
    from kinerja.workflow.inbox_extensions import Item


def _period_url(actual: Actual) -> str:
    """The input page of the figure's period (views.actual_input): where correct_url begins."""
    return f"{reverse('performance:input')}?year={actual.year}&quarter={actual.quarter or 0}"


def correct_url(actual: Actual) -> str:
    """The figure's card on the input page, with its period and division chosen (views.actual_input)."""
    division = f"&division={actual.indicator.division_id}" if actual.indicator.division_id else ""
    return f"{_period_url(actual)}{division}#i{actual.indicator_id}"


def _label(actual: Actual) -> str:
    return f"{actual.indicator.code} {actual.indicator.name} · {period_name(actual.year, actual.quarter or 0)}"


def returned_actuals(office: Office, division_ids: Iterable[int]) -> QuerySet[Actual]:
    """The current figures of these divisions (in the figures' years) returned to them and not sent again, with
    their indicators' name and division of the figure's year, `returned_by` (who
    returned it: their full name, else the username, as name_of) and `returned_at` (the last return's revision):
    one query."""
    last = ActualRevision.objects.filter(actual_id=OuterRef("pk"), action=ActualRevision.Action.RETURNED).order_by(
        "-at", "-pk")
    # Of the division that answers for the figure's year (actuals_as_of): a later year may give the indicator to
    # another, and the figure stays the work of the one that entered it, under the name of its year.
    return (actuals_as_of(Actual.objects.filter(indicator__office=office, status=Actual.Status.RETURNED,
                                                is_current=True))
            .filter(as_of_division_id__in=list(division_ids))
            .annotate(returned_by=Subquery(last.annotate(who=Coalesce("user__person__full_name", "user__username"))
                                           .values("who")[:1]),
                      returned_at=Subquery(last.values("at")[:1]))
            .select_related("indicator")
            .order_by("year", "quarter", "indicator__order", "indicator__code", "pk"))


def returned_items(user: AbstractBaseUser, office: Office, now: dt.datetime, day: dt.date,
                   own: list[Assignment]) -> list[Item]:
    """The inbox's and Beranda's items for the figures returned to the divisions whose figures `user` enters
    today (`own`: the assignments whose work is theirs): none and no query for anyone else."""
    from kinerja.workflow.inbox_extensions import Item

    divisions = {a.position.unit_id for a in own if a.position.unit.office_id == office.pk and enters(a.position)}
    if not divisions:
        return []
    items = []
    for actual in returned_actuals(office, divisions):
        who = actual.returned_by or "?"  # type: ignore[attr-defined]
        url = correct_url(actual)
        items.append(Item(
            kind=_("Returned for revision"), context=_label(actual), url=url,
            title=_("Returned by %(who)s: %(reason)s") % {"who": who, "reason": actual.return_reason},
            opened_at=actual.returned_at,  # type: ignore[attr-defined]
            act_url=url, act_label=_("Correct the figures")))
    return items


def _receivers(actual: Actual, day: dt.date) -> list[Person]:
    """Who enters the data of the figure's division (of its year: `actual` read with actuals_as_of) today: the
    holders of its contact and head positions (the Sekretaris for the Sekretariat), a Plt or Plh alone while one
    acts (holding.holders)."""
    division_id = actual.indicator.division_id
    if division_id is None:
        return []
    positions = Position.objects.filter(unit_id=division_id).select_related("unit")
    people: dict[int, Person] = {}
    for position in positions:
        if enters(position):
            for person in holders(position, day):
                people.setdefault(person.pk, person)
    return list(people.values())


def notify_returned(actual: Actual, *, returned_by: AbstractBaseUser, day: dt.date, at: dt.datetime) -> int:
    """Tell the division (of the figure's year: `actual` read with actuals_as_of, as return_actual does, for its
    name and division then), in the app and by e-mail, that the Kasubbag returned its figure, with the reason and a
    link to correct it: once, for this return (called in return_actual's transaction; mailed once it commits).
    Returns how many people were told."""
    from kinerja.workflow.models import Notification
    from kinerja.workflow.notify import notify_outside_case

    office = actual.indicator.office
    url = correct_url(actual)

    def mail() -> tuple[str, str]:  # in each person's own language (notify_outside_case)
        subject = _("Returned for revision: %(indicator)s") % {"indicator": _label(actual)}
        lines = [subject, "",
                 _("Returned by %(who)s: %(reason)s") % {"who": name_of(returned_by, none="?"),
                                                        "reason": actual.return_reason},
                 _("Correct the figures and send them again:"),
                 f"{settings.PUBLIC_URL}{url}"]
        return subject, "\n".join(lines)

    people = _receivers(actual, day)
    notify_outside_case(people, Notification.Kind.RETURNED, office, subject=_label(actual), url=url, mail=mail, at=at)
    return len(people)


def resolve_returned(actual: Actual, *, at: dt.datetime) -> int:
    """Mark read the unread notifications of the returns of this figure (notify_returned's), now that the division
    sent it again; returns how many. A notification outside a case names its figure by its address only
    (correct_url): it is matched by the period and the card's anchor, whatever division the indicator has now."""
    from kinerja.workflow.models import Notification

    period = _period_url(actual)
    return Notification.objects.filter(
        Q(url__startswith=f"{period}&") | Q(url__startswith=f"{period}#"), url__endswith=f"#i{actual.indicator_id}",
        kind=Notification.Kind.RETURNED, case__isnull=True, office_id=actual.indicator.office_id,
        read_at__isnull=True).update(read_at=at)
