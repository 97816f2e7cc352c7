"""Reminders: half-way, due within one working hour, overdue; each sent once per task and threshold.

`send_due_reminders(now)` is safe to run from several workers at once: each (task, threshold) is
claimed by a guarded UPDATE (`… WHERE warned_x_at IS NULL`), which exactly one transaction wins. A
task found past a later threshold has the earlier ones claimed with it, so nobody is told "half-way"
after "overdue". A task reassigned to someone new has the reminders already sent cleared
(actions.reassign_task), so they reach that person too, once; a task of a vacant position is not claimed
until somebody holds it or is given it. It also re-checks the early warning of
cases with a target deadline, since time passing alone can put a case at risk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.db.models import Q

from .access import doers, office_day
from .calendar import WorkCalendar
from .models import Case, Event, Notification, Task
from .notify import notify

# In order: a later threshold implies the earlier ones.
THRESHOLDS = [(Notification.Kind.HALF, "warned_half_at"), (Notification.Kind.SOON, "warned_soon_at"),
              (Notification.Kind.OVERDUE, "warned_overdue_at")]
SOON = dt.timedelta(hours=1)


# Other apps' reminders (for the work they put in the inbox, inbox_extensions.py), registered in their
# AppConfig.ready(): each is called with `now` by send_due_reminders and returns what it sent, as
# (id, threshold) pairs; each must send exactly once per item and threshold, also with two workers.
ReminderSender = Callable[[dt.datetime], list[tuple[int, str]]]
_senders: list[ReminderSender] = []


def register_sender(sender: ReminderSender) -> None:
    if sender not in _senders:
        _senders.append(sender)


def reached(task: Task, cal: WorkCalendar, now: dt.datetime) -> int:
    """How many thresholds `task` has passed at `now` (0: none, 3: overdue)."""
    if now >= task.due_at:
        return 3
    if cal.elapsed(now, task.due_at) <= SOON:
        return 2
    if cal.elapsed(task.opened_at, now) * 2 >= cal.elapsed(task.opened_at, task.due_at):
        return 1
    return 0


def send_due_reminders(now: dt.datetime) -> list[tuple[int, str]]:
    """Send what is due at `now`; returns the (task id, threshold) pairs this call sent."""
    # Here, not at the top: the correspondence app's ready() imports this module in every command and web
    # worker, and the actions and the audit chain are needed only when reminders are sent.
    from . import audit
    from .actions import check_at_risk

    sent: list[tuple[int, str]] = []
    calendars: dict[int, WorkCalendar] = {}
    pending = (Task.objects.filter(status=Task.Status.OPEN, case__status=Case.Status.OPEN)
               .filter(Q(warned_half_at=None) | Q(warned_soon_at=None) | Q(warned_overdue_at=None))
               .select_related("case__office", "step", "position", "assignee__user").order_by("due_at", "pk"))
    for task in pending:
        office = task.case.office
        cal = calendars.setdefault(office.pk, WorkCalendar.for_office(office))
        count = reached(task, cal, now)
        fields = [f for _kind, f in THRESHOLDS[:count] if getattr(task, f) is None]
        if not fields:
            continue
        kind = THRESHOLDS[count - 1][0]
        with transaction.atomic():
            # Case lock first, as every action takes it: the event chain needs it, and the same order
            # everywhere means no deadlock.
            case = Case.objects.select_for_update().get(pk=task.case_id)
            people = doers(task, office_day(office, now))
            if not people:
                # A vacant position (a new office that has not appointed its JFU yet): nobody to remind. Not
                # claimed, so whoever is appointed or given the task is reminded by a later run; the trail
                # does not say a reminder went out. The superiors see the task in their inbox meanwhile.
                continue
            claimed = (Task.objects.filter(pk=task.pk, status=Task.Status.OPEN, **{f"{f}__isnull": True for f in fields})
                       .update(**{f: now for f in fields}))
            if claimed != 1:
                continue
            audit.record(case, Event.Kind.REMINDER_SENT, actor=None, at=now, task=task.pk, step=task.step.number,
                         threshold=str(kind), due=task.due_at.isoformat())
            notify(people, kind, case, task, now)
        sent.append((task.pk, str(kind)))
    for case in Case.objects.filter(status=Case.Status.OPEN, at_risk=False, target_deadline__isnull=False).select_related(
            "office"):
        with transaction.atomic():
            locked = Case.objects.select_for_update().select_related("office").get(pk=case.pk)
            check_at_risk(locked, cal=calendars.setdefault(case.office_id, WorkCalendar.for_office(case.office)), at=now)
    for sender in _senders:
        sent.extend(sender(now))
    return sent
