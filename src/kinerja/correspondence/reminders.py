"""A meeting follow-up tells its person in charge, in the app and by e-mail, once when it is due within
one working day and once when it is overdue, in the same reminder run as the engine's tasks (registered
with workflow.reminders in CorrespondenceConfig.ready()).

A follow-up is due when the office closes on its due date (inbox_extensions.due_at: a closed day moves
forward). Each reminder is claimed by a guarded UPDATE (`… WHERE warned_soon_at IS NULL`, `… WHERE
warned_overdue_at IS NULL`), which exactly one transaction wins, so two workers never tell anyone twice.
One that is already overdue when first seen gets the overdue reminder only.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.org.holding import holders
from kinerja.workflow.access import office_day
from kinerja.workflow.calendar import WorkCalendar
from kinerja.workflow.inbox_extensions import due_at
from kinerja.workflow.models import Notification
from kinerja.workflow.notify import local_moment, notify_outside_case

from .models import FollowUp

SOON, OVERDUE = "follow_up_soon", "follow_up_overdue"
# The superset of dates to look at: a working day before the close of the due date can be several
# calendar days before it (weekends, Lebaran's cuti bersama); the calendar decides.
LOOK_AHEAD = dt.timedelta(days=14)


def _mail(follow_up: FollowUp, due: dt.datetime, url: str, overdue: bool) -> tuple[str, str]:
    subject = (_("Follow-up overdue: %(what)s") if overdue else _("Follow-up due soon: %(what)s")) % {
        "what": follow_up.description}
    lines = [subject, "",
             _("Meeting: %(title)s") % {"title": follow_up.minutes.title},
             _("Due: %(due)s") % {"due": local_moment(due, follow_up.office.time_zone)},
             f"{settings.PUBLIC_URL}{url}"]
    return subject, "\n".join(lines)


def send_follow_up_reminders(now: dt.datetime) -> list[tuple[int, str]]:
    """Tell the holders of each follow-up's position that it is due within one working day, or overdue;
    returns (follow-up id, threshold) for those this call told."""
    sent: list[tuple[int, str]] = []
    calendars: dict[int, WorkCalendar] = {}
    candidates = (FollowUp.objects.filter(status=FollowUp.Status.OPEN, warned_overdue_at__isnull=True,
                                          due_on__lte=now.date() + LOOK_AHEAD)
                  .select_related("office", "position", "minutes").order_by("due_on", "pk"))
    for follow_up in candidates:
        office = follow_up.office
        cal = calendars.setdefault(office.pk, WorkCalendar.for_office(office))
        due = due_at(cal, follow_up.due_on)
        if now >= due:
            threshold, field, kind = OVERDUE, "warned_overdue_at", Notification.Kind.OVERDUE
        elif follow_up.warned_soon_at is None and cal.elapsed(now, due) <= cal.day_length:
            threshold, field, kind = SOON, "warned_soon_at", Notification.Kind.SOON_DAY
        else:
            continue
        url = reverse("correspondence:minutes", args=[follow_up.minutes_id]) + f"#follow-up-{follow_up.pk}"
        with transaction.atomic():
            claimed = (FollowUp.objects.filter(pk=follow_up.pk, status=FollowUp.Status.OPEN,
                                               warned_overdue_at__isnull=True)
                       .filter(**{f"{field}__isnull": True}).update(**{field: now}))
            if claimed != 1:
                continue
            notify_outside_case(holders(follow_up.position, office_day(office, now)), kind, office,
                                subject=follow_up.description, url=url,
                                mail=lambda f=follow_up, d=due, u=url, o=threshold == OVERDUE: _mail(f, d, u, o),
                                at=now)
        sent.append((follow_up.pk, threshold))
    return sent
