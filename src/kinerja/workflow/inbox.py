"""The queries behind a person's inbox and the case pages, in a fixed number of queries whatever the
number of tasks (the inbox of a person with 10,000 tasks in history must stay fast)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.org.holding import positions_held, stand_ins
from kinerja.org.models import Assignment, Office, Person, Position

from .access import assignee_stands, assignee_stands_q, current_holders, person_of, supervised_unit_ids, with_stands
from .calendar import WorkCalendar
from .inbox_extensions import Extras, collect, task_acts
from .models import Case, DivisionRequest, Task

DONE_SHOWN = 20
WAITING_SHOWN = 50


def describe(delta: dt.timedelta, day_length: dt.timedelta) -> str:
    """Working time in words: whole working days of `day_length`, then hours and minutes; said to be working
    time (2 hari kerja 3 jam, 3 jam kerja, 2 menit jam kerja), as it counts only office hours: 2 minutes left on
    a Sunday evening are the first 2 of Monday's. For a length of time alone (the time a task took); the time
    between two moments (left to a due date, past it) is describe_span's, in the office's own days."""
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, max(1, int(day_length.total_seconds() // 60)))
    return _in_words(days, rest)


def describe_span(cal: WorkCalendar, start: dt.datetime, end: dt.datetime) -> str:
    """The working time from `start` to `end` in words, its days counted as the office's calendar counts a
    standard time's (WorkCalendar.span): on an office whose Friday closes at 11:00, a task of 1 hari opened on
    Friday at 09:00 has "1 hari kerja" left, not the 3 h 30 min a fixed length of a day made of it."""
    days, rest = cal.span(start, end)
    return _in_words(days, max(0, int(rest.total_seconds() // 60)))


def _in_words(days: int, minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    if not days and not mins and hours:
        return ngettext("%(n)d working hour", "%(n)d working hours", hours) % {"n": hours}
    parts = []
    if days:
        parts.append(ngettext("%(n)d working day", "%(n)d working days", days) % {"n": days})
    if hours:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if mins or not parts:
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", mins) % {"n": mins})
    if days:
        return " ".join(parts)
    return _("%(time)s of working time") % {"time": " ".join(parts)}


@dataclass
class Row:
    """A task as the inbox shows it."""

    task: Task
    state: str  # "todo", "soon" or "overdue"
    time_left: str = ""
    overdue_by: str = ""
    people: list[Person] = field(default_factory=list)
    # The page of the act that completes the task, when another app names one (inbox_extensions.task_acts):
    # "Paraf Data Kinerja Triwulan I 2025", as on the home page.
    act_url: str = ""
    act_label: str = ""

    @property
    def case_id(self) -> int:
        return self.task.case_id

    @property
    def position_id(self) -> int:
        return self.task.position_id

    @property
    def label(self) -> str:
        return {"todo": _("On time"), "soon": _("Due soon"), "overdue": _("Overdue")}[self.state]

    @property
    def progress(self) -> tuple[int, int]:
        return getattr(self.task, "answered_count", 0), getattr(self.task, "request_count", 0)


def with_progress(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """Each task's requests to the divisions, sent and answered, counted by a subquery per task: counted
    over a join instead, the query grouped by every column of the task and its related rows, which cost
    PostgreSQL more to plan than to run (bench/engine.py's inbox)."""
    def count(**answered: Any) -> Coalesce:
        requests = (DivisionRequest.objects.filter(task_id=OuterRef("pk"), **answered).order_by()
                    .values("task_id").annotate(n=Count("pk")).values("n"))
        return Coalesce(Subquery(requests), 0)
    return tasks.annotate(request_count=count(), answered_count=count(answered_at__isnull=False))


def classify(task: Task, cal: WorkCalendar, now: dt.datetime) -> Row:
    """Overdue after its due time; due soon once half of its standard time has passed."""
    if task.due_at <= now:
        return Row(task, "overdue", overdue_by=describe_span(cal, task.due_at, now))
    left = cal.elapsed(now, task.due_at)
    total = cal.elapsed(task.opened_at, task.due_at)
    state = "soon" if left * 2 <= total or left <= dt.timedelta(hours=1) else "todo"
    return Row(task, state, time_left=describe_span(cal, now, task.due_at))


@dataclass
class Inbox:
    todo: list[Row]
    soon: list[Row]
    overdue: list[Row]
    requests: list[DivisionRequest]
    waiting: list[Task]
    done: list[Task]
    answered: list[DivisionRequest]  # the user's answers to requests to their division, newest first
    team_attention: list[Row]  # overdue in the units the user supervises, or with nobody to do them
    supervises: bool
    extra: Extras = field(default_factory=Extras)  # other apps' items (inbox_extensions)
    # The Plt or Plh doing the tasks of a position the user holds, meanwhile (holding.stand_ins).
    stand_ins: list[Assignment] = field(default_factory=list)


def my_positions(user: AbstractBaseUser, day: dt.date, held: list[Assignment] | None = None) -> tuple[
        list[Assignment], list[int], list[Assignment]]:
    """Positions held (looked up unless the caller has them), those whose tasks are the user's (less
    those a Plt or Plh acts for), and those Plt or Plh's assignments (holding.stand_ins: who does the
    user's tasks meanwhile, until when)."""
    held = positions_held(user, day) if held is None else held
    acting = stand_ins(held, day)
    replaced = {a.position_id for a in acting}
    return held, sorted({a.position_id for a in held} - replaced), acting


TASK_RELATED = ("case", "step__actor", "position__unit", "assignee")
# The user's own open tasks: the page shows their case and step (with its actor), never their position or
# assignee (the user), so those are not read.
OWN_TASK_RELATED = ("case", "step__actor")


def build(user: AbstractBaseUser, office: Office, now: dt.datetime, day: dt.date) -> Inbox:
    cal = WorkCalendar.current(office)
    held, acting_ids, stood_in = my_positions(user, day)
    mine = _mine(user, acting_ids, day)
    rows = _open_rows(mine, office, cal, now)
    task_acts(user, office, held, rows)
    requests = _open_requests(held, office)
    # Both start from what an index narrows best, whatever the history's size: the few open tasks
    # (then "did I work on this case?" per case), and the person's own done tasks by date. A person
    # works in one office, so their done tasks need no office join. The user's own open tasks are left
    # out by their ids (read above): `mine` itself, with its subqueries on who holds what, made SQLite
    # start from every case of the office (93 ms for a person with 10,000 tasks done, bench/engine.py).
    own = [r.task.pk for r in rows]
    waiting = list(with_stands(Task.objects.filter(case__office=office, status=Task.Status.OPEN), day)
                   .filter(Exists(Task.objects.filter(case_id=OuterRef("case_id"), done_by=user)))
                   .exclude(pk__in=own).select_related("case", "step", "position", "assignee")
                   .order_by("due_at", "pk")[:WAITING_SHOWN])
    for t in waiting:
        # With whom it is: the person it was given to (chosen at the step before, or by a superior, who may
        # have given it outside the step's position), else the position.
        t.with_whom = t.assignee.full_name if assignee_stands(t, day) and t.assignee else t.position.label  # type: ignore[attr-defined]
    done = list(Task.objects.filter(done_by=user).select_related("case", "step").order_by("-done_at", "-pk")[:DONE_SHOWN])
    # A division's answer is its contact's work too: it is done once answered, as a task is once completed.
    answered = list(DivisionRequest.objects.filter(answered_by=user, task__case__office=office)
                    .select_related("task__case", "division").order_by("-answered_at", "-pk")[:DONE_SHOWN])
    # Not the units of a head position a Plt or Plh acts for meanwhile (its overdue tasks are theirs to
    # see): the replacements are read already, so no query more.
    units = supervised_unit_ids(user, office, day, held, stood_in)
    team: list[Row] = []
    if units:
        # Overdue, or not due yet but with nobody to do it: given to nobody (or to one who no longer holds
        # its position) and its position held by nobody today (a vacancy); only a superior's reassignment
        # moves such a task on.
        stands = assignee_stands_q(day)
        vacant = ~stands & ~Exists(
            Assignment.objects.filter(Assignment.active_on(day), position_id=OuterRef("position_id")))
        attention = list(with_stands(Task.objects.filter(case__office=office, status=Task.Status.OPEN,
                                                         position__unit_id__in=units), day)
                         .filter(Q(due_at__lt=now) | vacant)
                         .exclude(mine).select_related(*TASK_RELATED).order_by("due_at", "pk")[:100])
        people = current_holders({t.position_id for t in attention}, day) if attention else {}
        for t in attention:
            row = classify(t, cal, now)
            row.people = [t.assignee] if assignee_stands(t, day) else people.get(t.position_id, [])
            team.append(row)
    return Inbox(todo=[r for r in rows if r.state == "todo"], soon=[r for r in rows if r.state == "soon"],
                 overdue=[r for r in rows if r.state == "overdue"], requests=requests, waiting=waiting, done=done,
                 answered=answered, team_attention=team, supervises=bool(units),
                 extra=collect(user, office, now, day, cal, _own(held, acting_ids)),
                 stand_ins=stood_in)


def _own(held: list[Assignment], acting_ids: list[int]) -> list[Assignment]:
    """The assignments whose work is the user's today (my_positions' ids), for other apps' items. No query."""
    ids = set(acting_ids)
    return [a for a in held if a.position_id in ids]


def _mine(user: AbstractBaseUser, acting_ids: list[int], day: dt.date) -> Q:
    """The user's tasks (access.can_act as a condition): given to them while that stands, or of a position
    they act for and given to nobody, or to one who no longer holds it (moved to another post, left)."""
    stands = assignee_stands_q(day)
    return (Q(assignee=person_of(user)) & stands) | (Q(position_id__in=acting_ids) & ~stands)


def _open_rows(mine: Q, office: Office, cal: WorkCalendar, now: dt.datetime) -> list[Row]:
    """The user's open tasks, by due time, classified (overdue, due soon, on time)."""
    open_tasks = with_progress(Task.objects.filter(mine, case__office=office, status=Task.Status.OPEN)
                               .select_related(*OWN_TASK_RELATED).order_by("due_at", "pk"))
    return [classify(t, cal, now) for t in open_tasks]


def _open_requests(held: list[Assignment], office: Office) -> list[DivisionRequest]:
    """Unanswered requests to the divisions whose contact or head the user is (no query for anyone else)."""
    division_ids = [a.position.unit_id for a in held
                    if a.position.kind in (Position.Kind.DIVISION_CONTACT, Position.Kind.UNIT_HEAD)]
    if not division_ids:
        return []
    return list(DivisionRequest.objects.filter(division_id__in=division_ids, answered_at__isnull=True,
                                               task__status=Task.Status.OPEN, task__case__office=office)
                .select_related("task__case", "task__step", "division", "sent_by__person").order_by("due_at", "pk"))


@dataclass
class OpenWork:
    """One piece of open work as the home page lists it: a task or another app's item, with where it is done."""

    kind: str  # "Step 3", "Meeting follow-up"
    title: str
    context: str
    url: str
    due_at: dt.datetime | None
    state: str  # "todo", "soon" or "overdue"
    time_left: str = ""
    overdue_by: str = ""
    # A task's case and position, so another app can say where the act that completes it is done.
    case_id: int | None = None
    position_id: int | None = None
    act_url: str = ""  # the page of that act ("Paraf Data Kinerja Triwulan I 2025"), when an app names one
    act_label: str = ""

    @property
    def label(self) -> str:
        return {"todo": _("On time"), "soon": _("Due soon"), "overdue": _("Overdue")}[self.state]


@dataclass
class Summary:
    """What waits for a person now, for the home page: the inbox's open work counted by urgency, the
    nearest of it, and the requests to their divisions."""

    overdue: int
    soon: int
    todo: int
    nearest: list[OpenWork]
    requests: list[DivisionRequest]
    # The Plt or Plh doing the tasks of a position the user holds, meanwhile (holding.stand_ins).
    stand_ins: list[Assignment] = field(default_factory=list)

    @property
    def open_count(self) -> int:
        return self.overdue + self.soon + self.todo


NEAREST_SHOWN = 5
URGENCY = {"overdue": 0, "soon": 1, "todo": 2}


def summary(user: AbstractBaseUser, office: Office, now: dt.datetime, day: dt.date,
            held: list[Assignment] | None = None) -> Summary:
    """The inbox's open tasks, other apps' open items and division requests (the same queries and rules
    as build(), without what is done or waiting on others), in a fixed number of queries. `held`: the
    user's positions today when the caller has them already."""
    cal = WorkCalendar.current(office)
    held, acting_ids, stood_in = my_positions(user, day, held)
    rows = _open_rows(_mine(user, acting_ids, day), office, cal, now)
    extra = collect(user, office, now, day, cal, _own(held, acting_ids))
    work = [OpenWork(_("Step %(n)s") % {"n": r.task.step.display_number},
                    r.task.step.activity, r.task.case.title,
                    reverse("workflow:case", args=[r.task.case_id]) + f"#task-{r.task.pk}",
                    r.task.due_at, r.state, r.time_left, r.overdue_by, r.task.case_id, r.task.position_id)
            for r in rows]
    work += [OpenWork(i.kind, i.title, i.context, i.url, i.due_at, i.state, i.time_left, i.overdue_by,
                      act_url=i.act_url, act_label=i.act_label) for i in extra.open]
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    work.sort(key=lambda w: (URGENCY[w.state], w.due_at or far))
    count = {state: sum(1 for w in work if w.state == state) for state in URGENCY}
    return Summary(overdue=count["overdue"], soon=count["soon"], todo=count["todo"], nearest=work[:NEAREST_SHOWN],
                   requests=_open_requests(held, office), stand_ins=stood_in)


def case_list(office: Office) -> QuerySet[Case]:
    return Case.objects.filter(office=office).select_related("sop_version").order_by("-started_at", "-pk")


def open_tasks_by_case(cases: list[Case]) -> dict[int, Task]:
    found = (Task.objects.filter(case__in=[c.pk for c in cases], status=Task.Status.OPEN)
             .select_related("step", "position"))
    return {t.case_id: t for t in found}

