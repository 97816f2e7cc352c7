"""Meeting follow-ups in their person in charge's inbox (registered with workflow.inbox_extensions in
CorrespondenceConfig.ready()): open ones of the positions the user holds, with the minutes as their
link, and the user's recently closed ones under "Done". One query, however many follow-ups."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.org.models import Assignment, Office
from kinerja.workflow.inbox_extensions import Item

from .models import FollowUp

DONE_SHOWN = 20


def follow_up_items(user: AbstractBaseUser, office: Office, now: dt.datetime, day: dt.date) -> list[Item]:
    held = Assignment.objects.filter(Assignment.active_on(day), person__user_id=user.pk).values("position_id")
    recent = (FollowUp.objects.filter(office=office, done_by_id=user.pk).order_by("-done_at", "-pk")
              .values("pk")[:DONE_SHOWN])
    rows = (FollowUp.objects.filter(office=office)
            .filter(Q(status=FollowUp.Status.OPEN, position_id__in=held) | Q(pk__in=recent))
            .select_related("minutes", "position"))
    items = []
    for f in rows:
        is_open = f.status == FollowUp.Status.OPEN
        items.append(Item(
            kind=_("Meeting follow-up"), title=f.description, context=f.minutes.title,
            url=reverse("correspondence:minutes", args=[f.minutes_id]) + f"#follow-up-{f.pk}",
            due_on=f.due_on, opened_at=f.minutes.created_at, done_at=None if is_open else f.done_at,
            done_note=f.done_note,
            close_url=reverse("correspondence:follow_up_done", args=[f.pk]) if is_open else "",
            close_label=_("Mark done")))
    return items
