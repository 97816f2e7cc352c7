"""Work other apps put in a person's inbox, without the engine knowing those apps (imports go one way:
workflow never imports correspondence or performance).

An app registers a provider in its AppConfig.ready():

    inbox_extensions.register(my_provider)

A provider is called with (user, office, now, day) and returns `Item`s: open ones (with a due date,
shown with the time left or overdue in the office's working time, like the inbox's tasks; without one,
shown as to do) and recently done ones (shown under "Done"). It must answer in a constant number of
queries, however many items there are: the inbox page is measured (assertNumQueries).

A provider registered with `register_for_positions` is called with the positions whose work is the
user's today as well (user, office, now, day, own: their assignments, less those a Plt or Plh does
meanwhile, read by the inbox already), so it can answer without a query for those who hold none of
the positions its work goes to (a returned figure goes to its division's contact and head).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from kinerja.org.models import Assignment, Office

from .calendar import WorkCalendar


@dataclass
class Item:
    """One piece of work from another app, as the inbox shows it."""

    kind: str  # what it is, for the reader ("Meeting follow-up")
    title: str
    url: str  # where the work comes from (the minutes)
    context: str = ""  # e.g. the meeting's title
    due_on: dt.date | None = None  # due by the end of that working day
    opened_at: dt.datetime | None = None
    done_at: dt.datetime | None = None
    done_note: str = ""
    close_url: str = ""  # POST here with a "note" to close it from the inbox; empty: not closable here
    close_label: str = ""
    act_url: str = ""  # the page where the work is done, as a button ("Correct the figures"); empty: none
    act_label: str = ""
    # Filled in by collect():
    due_at: dt.datetime | None = None
    state: str = ""  # "todo", "soon" or "overdue" while open
    time_left: str = ""
    overdue_by: str = ""

    @property
    def label(self) -> str:
        return {"todo": _("On time"), "soon": _("Due soon"), "overdue": _("Overdue")}.get(self.state, "")


@dataclass
class Extras:
    open: list[Item] = field(default_factory=list)
    done: list[Item] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(1 for i in self.open if i.state == "overdue")

    @property
    def soon_count(self) -> int:
        return sum(1 for i in self.open if i.state == "soon")

    @property
    def todo_count(self) -> int:
        return sum(1 for i in self.open if i.state == "todo")


Provider = Callable[[AbstractBaseUser, Office, dt.datetime, dt.date], Iterable[Item]]
PositionsProvider = Callable[[AbstractBaseUser, Office, dt.datetime, dt.date, list[Assignment]], Iterable[Item]]

_providers: list[Provider] = []
_position_providers: list[PositionsProvider] = []

# The inbox's open tasks that an act on another app's page completes (the initials on the case's Data
# Kinerja) carry a button to that page. A provider is called with (user, office, held, rows): `held` the
# user's assignments today, `rows` the tasks (inbox.Row: case_id, position_id), whose act_url and act_label
# it sets. It must answer in a constant number of queries, however many tasks there are.
ActProvider = Callable[[AbstractBaseUser, Office, list[Assignment], Sequence[Any]], None]

_act_providers: list[ActProvider] = []


def register(provider: Provider) -> None:
    """Add a provider (once, however often ready() runs)."""
    if provider not in _providers:
        _providers.append(provider)


def unregister(provider: Provider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def register_for_positions(provider: PositionsProvider) -> None:
    """Add a provider called with the user's own positions too (once, however often ready() runs)."""
    if provider not in _position_providers:
        _position_providers.append(provider)


def register_task_acts(provider: ActProvider) -> None:
    """Add a provider of the buttons on tasks (once, however often ready() runs)."""
    if provider not in _act_providers:
        _act_providers.append(provider)


def task_acts(user: AbstractBaseUser, office: Office, held: list[Assignment], rows: Sequence[Any]) -> None:
    """Let each provider put its button on the tasks whose act is done on its page."""
    for provider in _act_providers:
        provider(user, office, held, rows)


def due_at(cal: WorkCalendar, day: dt.date) -> dt.datetime:
    """The end of `day`'s working hours; a date the office is closed moves forward to the next working
    day, as the engine's month durations do (calendar.py)."""
    for ahead in range(0, 31):
        candidate = day + dt.timedelta(days=ahead)
        if cal.is_working_day(candidate):
            return cal.opening(candidate)[1]
    raise ValueError(f"no working day in the 31 days from {day.isoformat()}")


def classify(item: Item, cal: WorkCalendar, now: dt.datetime) -> Item:
    """The inbox's rule for tasks: overdue after the due time; due soon once half of the time has passed."""
    from .inbox import describe_span

    if item.due_on is None:
        item.state = "todo"
        return item
    item.due_at = due_at(cal, item.due_on)
    if item.due_at <= now:
        item.state, item.overdue_by = "overdue", describe_span(cal, item.due_at, now)
        return item
    left = cal.elapsed(now, item.due_at)
    total = cal.elapsed(item.opened_at or now, item.due_at)
    item.state = "soon" if left * 2 <= total or left <= dt.timedelta(hours=1) else "todo"
    item.time_left = describe_span(cal, now, item.due_at)
    return item


def collect(user: AbstractBaseUser, office: Office, now: dt.datetime, day: dt.date, cal: WorkCalendar,
            own: list[Assignment] | None = None) -> Extras:
    """Every provider's items for the inbox: open ones by due date, done ones newest first. `own`: the
    assignments whose work is the user's today (inbox.my_positions), for register_for_positions' providers."""
    extras = Extras()
    items: list[Item] = []
    for provider in _providers:
        items.extend(provider(user, office, now, day))
    for with_positions in _position_providers:
        items.extend(with_positions(user, office, now, day, own or []))
    for item in items:
        if item.done_at is None:
            extras.open.append(classify(item, cal, now))
        else:
            extras.done.append(item)
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    extras.open.sort(key=lambda i: (i.due_at or far, i.title))
    extras.done.sort(key=lambda i: i.done_at or far, reverse=True)
    return extras
