"""State changes of cases and tasks. One function per thing a person does; views, the CLI, the demo and
the benchmark call these and nothing else writes.

Each runs in one durable transaction that first locks the case row (select_for_update; on SQLite the
IMMEDIATE transaction mode takes the write lock at BEGIN), so two people pressing "Selesai" on one task
are serialised: the second sees the first's result and is told who did it and when. Every change appends
its audit event (audit.record) in the same transaction.

Starting a case and completing or returning a task read and write through fastsql.py (hand-written
SQL from the models' metadata; its docstring says why): a completion takes four statements on
SQLite (the task with everything it needs, the holders of its position and of the next one included;
the task's update; the new task; its events). On PostgreSQL the case lock comes first, in the same
round trip as the read, and the three writes are one statement (fastsql.combined_writes): three
statements in two round trips, the BEGIN with the lock and the read, the writes with the COMMIT
(kinerja/db/postgresql/base.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import File
from django.db import connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kinerja.errors import KinerjaError, NotAllowed
from kinerja.org.holding import (
    acting_refusal,
    at_work,
    head_above,
    holders,
    holdings,
    own_position,
    position_in_unit,
    stand_ins,
    stood_in_for,
)
from kinerja.org.models import Assignment, Office, Person, Position, Unit, name_of
from kinerja.org.roles import Role, acting_for, acting_for_roles, roles_and_stand_ins, roles_of
from kinerja.sop.models import Actor, SopVersion, Step
from kinerja.uploads import removed_on_failure, sha256_of

from . import audit, extensions, fastsql
from .access import (
    acting_superiors_of,
    assignee_stands,
    can_act,
    can_answer,
    doers,
    holder_id_list,
    holders_among,
    office_day,
    person_of,
    reassign_candidates,
    superior_stood_in,
    supervised_unit_ids,
    units_led,
)
from .calendar import WorkCalendar
from .models import Case, DivisionRequest, Event, Notification, Task, TaskFile
from .notify import notify, notify_new_work
from .periods import check_period, gathers_period_data
from .signals import request_answered

STARTER_ROLES = {Role.HEAD, Role.SECRETARY, Role.UNIT_HEAD, Role.ADMIN}
CANCEL_ROLES = {Role.HEAD, Role.SECRETARY}  # and whoever started the case


class TaskNotOpen(KinerjaError):
    """Somebody else already finished the task (or it was cancelled)."""

    def __init__(self, task: Task) -> None:
        self.task = task
        who = name_of(task.done_by) if task.done_by_id else _("somebody")
        when = _when(task, task.done_at) if task.done_at else ""
        messages = {
            Task.Status.DONE: _("This task was already completed by %(who)s on %(when)s."),
            Task.Status.RETURNED: _("This task was already returned for revision by %(who)s on %(when)s."),
            Task.Status.CANCELLED: _("This task was cancelled by %(who)s on %(when)s."),
        }
        super().__init__(messages[Task.Status(task.status)] % {"who": who, "when": when})


class AlreadyAssigned(KinerjaError):
    """A superior gives a task to the person who already has it: nothing would change but the trail and a
    notification, so it is refused. `person` lets a form show it next to the field."""

    def __init__(self, task: Task, person: Person) -> None:
        self.task, self.person = task, person
        super().__init__(capfirst(_("%(step)s of %(case)s is already assigned to %(person)s: choose someone else.") % {
            "step": _step_label(task.step), "case": task.case.title, "person": person.full_name}))


class NotTheirsToTake(KinerjaError):
    """A superior gives a task to someone outside access.reassign_candidates: above them or heading a unit
    beside them, in a unit they do not lead, or themselves. `person` lets a form show it next to the field."""

    def __init__(self, task: Task, person: Person, why: str, units: list[str]) -> None:
        self.task, self.person = task, person
        super().__init__(capfirst(_("%(person)s cannot be given %(step)s: %(why)s. Give it to someone below you "
                                    "in %(units)s or to another %(position)s.") % {
            "person": person.full_name, "step": _step_label(task.step), "why": why, "units": ", ".join(units),
            "position": task.position.label}))


def _when(task: Task, moment: dt.datetime) -> str:
    from zoneinfo import ZoneInfo

    local = moment.astimezone(ZoneInfo(task.case.office.time_zone or "Asia/Jakarta"))
    return date_format(local, "j F Y H:i")


def _step_label(step: Step) -> str:
    return _("step %(number)s") % {"number": step.display_number}


# --- internals ------------------------------------------------------------------------------------

def _lock_task(task_id: int, at: dt.datetime, reserve: bool = False) -> Task:
    """Lock the case, then the task (always in this order, so two actions never deadlock).

    The task comes with its case, office, step and position, the end of the case's audit chain, whether
    its step checks earlier work and the stamp of the office calendar, in one statement (fastsql.py).
    On PostgreSQL that statement runs after the case lock is held (a separate statement, so its snapshot
    is taken once the lock is ours; both in one round trip); on SQLite the IMMEDIATE transaction already
    holds the write lock. `reserve`: the action opens a task, whose id is taken now (fastsql.load_task)."""
    found = fastsql.load_task(task_id, lock=connection.features.has_select_for_update, at=at, reserve=reserve)
    if found is None:
        raise KinerjaError(_("There is no task %(id)s.") % {"id": task_id})
    task, task.loaded = found  # type: ignore[attr-defined]
    task.case._audit_last = task.loaded.last_event or (0, audit.GENESIS)  # type: ignore[attr-defined]
    return task


def _calendar(task: Task) -> WorkCalendar:
    return WorkCalendar.for_office(task.case.office, stamp=task.loaded.stamp)  # type: ignore[attr-defined]


def _check_can_act(task: Task, user: AbstractBaseUser, at: dt.datetime) -> None:
    if task.status != Task.Status.OPEN:
        raise TaskNotOpen(task)
    day = office_day(task.case.office, at)
    if not can_act(task, user, day, task.loaded.assignments):  # type: ignore[attr-defined]
        raise not_yours(task, day, task.loaded.assignments)  # type: ignore[attr-defined]


def not_yours(task: Task, day: dt.date,
              assignments: Iterable[tuple[int, str, dt.date, dt.date | None]] | None = None) -> NotAllowed:
    """The refusal of someone else's task. A task given to one of several holders (the Verifikator chosen by
    the step before, or by a superior) names that person: "belongs to Verifikator" would puzzle the other
    Verifikator who is refused."""
    values = {"step": _step_label(task.step), "case": task.case.title, "position": task.position.title}
    if assignee_stands(task, day, assignments):
        person = Person.objects.filter(pk=task.assignee_id).only("full_name").first()
        if person is not None:
            return NotAllowed(_("This task is not yours: %(step)s of %(case)s was given to %(person)s "
                                "(%(position)s).") % {**values, "person": person.full_name})
    return NotAllowed(_("This task is not yours: %(step)s of %(case)s belongs to %(position)s.") % values)


def refusal(task: Task, user: AbstractBaseUser | None, day: dt.date) -> NotAllowed:
    """Why `user` may not act on `task` on `day`, for the pages (completing, sending the requests to the
    divisions, completing without them). A definitive holder of its position while a Plt or Plh acts for it
    (a form opened before the acting period began) is told who does it and until when: "not yours: it
    belongs to Kepala Dinas" told the Kepala Dinas nothing. Anyone else: not_yours."""
    if user is not None and (task.assignee_id is None or not assignee_stands(task, day)):
        acting = stood_in_for(holdings(task.position, day), user)
        if acting:
            return NotAllowed(acting_refusal(
                acting[0],
                _("%(step)s of %(case)s is not yours to do today: %(name)s (%(title)s) does the work of your "
                  "position as %(position)s (%(term)s). It comes back to you when the acting period ends."),
                step=capfirst(_step_label(task.step)), case=task.case.title))
    return not_yours(task, day)


def _assignee_for(step: Step, position: Position, day: dt.date, chosen: Person | None,
                  chosen_id: int | None = None,
                  assignments: list[tuple[int, str, dt.date, dt.date | None]] | None = None) -> int | None:
    """Single-holder positions: nobody stored (the holder of the day acts). Several holders: the
    chosen person, else the one proposed by `chosen_id` if they hold it, else the only holder, else
    nobody (every holder sees it until one takes it). Returns the person's id: only ids are stored and
    audited, so no Person rows are built. `assignments`: the position's, around `day`, when the caller
    read them already (fastsql.load_task reads those of the next step's)."""
    if position.single_holder:
        return None
    people = holder_id_list(position.pk, day) if assignments is None else holders_among(assignments, day)
    if chosen is not None:
        if chosen.pk not in people:
            raise KinerjaError(_("%(person)s does not hold %(position)s, who does %(step)s.") % {
                "person": chosen.full_name, "position": position.title, "step": _step_label(step)})
        return chosen.pk
    if chosen_id is not None and chosen_id in people:
        return chosen_id
    return people[0] if len(people) == 1 else None


def position_for(step: Step, unit_id: int | None, person_id: int | None = None,
                 day: dt.date | None = None) -> Position | None:
    """The position that does `step` in a case about the unit `unit_id` (Case.unit_id) and the employee
    `person_id` (Case.person_id): its actor's; for an actor of the unit of the case ("Kepala Bidang")
    that unit's head or staff; for the employee of the case ("Pegawai yang bersangkutan") the position
    that person holds on `day`."""
    actor = step.actor
    if actor.in_unit == Actor.InUnit.PERSON:
        return own_position(person_id, day) if person_id is not None and day is not None else None
    if actor.in_unit and unit_id is not None:
        found = position_in_unit(unit_id, actor.in_unit)
        if (found is not None and actor.in_unit == Actor.InUnit.HEAD and person_id is not None and day is not None
                and (own := own_position(person_id, day)) is not None and own.pk == found.pk):
            # A case about the unit's own head (their leave): their superior ("Atasan Langsung") is the head above.
            return head_above(found.unit)
        return found
    return actor.position


def _open_task(case: Case, step: Step, *, at: dt.datetime, cal: WorkCalendar, actor: AbstractBaseUser | None,
               chosen: Person | None = None, earlier: int | None = None, chosen_id: int | None = None,
               pk: int | None = None, assignments: list[tuple[int, str, dt.date, dt.date | None]] | None = None,
               notice: str = Notification.Kind.ASSIGNED) -> Task:
    """`earlier`: how many tasks the case already had for `step`, when the caller read it with the step.
    `pk`: the id reserved for the new task (fastsql.load_task's `reserve`), if any. `assignments`: those
    of the step's position around the day, if read with the task (_assignee_for). Whoever gets the task
    (but the person who opened it) is notified, of the kind `notice`, with the task's writes."""
    day = office_day(case.office, at)
    position = position_for(step, case.unit_id, case.person_id, day)
    if position is None:
        if step.actor.in_unit == Actor.InUnit.PERSON and case.person_id is not None:
            raise KinerjaError(_("%(step)s: %(person)s, the employee the case is about, holds no position on %(day)s.")
                               % {"step": _step_label(step), "person": case.person.full_name,
                                  "day": date_format(day, "DATE_FORMAT")})
        raise KinerjaError(_("%(step)s: the actor %(actor)s is not linked to a position of the office.") % {
            "step": _step_label(step), "actor": step.actor.name})
    if step.actor.in_unit:
        assignments = None  # those read with the task are of the actor's own position, which it has not
    if earlier is None:
        earlier = Task.objects.filter(case=case, step=step).count()
    if step.actor.in_unit == Actor.InUnit.PERSON:
        assignee: int | None = case.person_id  # their own step, whoever else holds the position
    else:
        assignee = _assignee_for(step, position, day, chosen, chosen_id, assignments)
    # (Their keys read as .id: Model.pk is a property that looks the key's field up on each read.)
    due = cal.add(at, Decimal(step.duration_value), step.duration_unit)
    task = fastsql.new(Task, {"id": pk, "case_id": case.id, "step_id": step.id, "position_id": position.id,
                              "assignee_id": assignee, "round": earlier + 1, "opened_at": at, "due_at": due},
                       {"case": case, "step": step, "position": position})
    fastsql.insert([task])
    fastsql.notify_new_task(task, notice, actor_id=actor.pk if actor is not None else None, day=day)
    audit.record(case, Event.Kind.TASK_ASSIGNED, actor=actor, at=at, task=task.id, step=step.number,
                 position=position.id, assignee=assignee, round=earlier + 1, due=due.isoformat())
    return task


def _save_files(task: Task, files: Iterable[Any], user: AbstractBaseUser, at: dt.datetime,
                request: DivisionRequest | None = None) -> list[TaskFile]:
    saved = []
    for f in files:
        name = PurePath(f.name or "file").name
        if f.size is not None and f.size > settings.KINERJA_MAX_UPLOAD_BYTES:
            raise KinerjaError(_("%(file)s is larger than %(max)d MB.") % {
                "file": name, "max": settings.KINERJA_MAX_UPLOAD_BYTES // (1024 * 1024)})
        row = TaskFile(task=task, request=request, name=name, sha256=sha256_of(f), uploaded_at=at, uploaded_by=user)
        row.file.save(name, File(f, name=name), save=False)
        row.save()
        saved.append(row)
    return saved


def _finish(task: Task, *, status: str, user: AbstractBaseUser, at: dt.datetime, cal: WorkCalendar, note: str = "",
            verdict: str = "", reason: str = "") -> None:
    task.status, task.done_at, task.done_by = status, at, user
    task.working_seconds = max(0, int(cal.elapsed(task.opened_at, at).total_seconds()))
    task.note, task.verdict, task.reason = note, verdict, reason
    fastsql.update(task, ["status", "done_at", "done_by", "working_seconds", "note", "verdict", "reason"])


def _advance(task: Task, nxt: Step | None, *, user: AbstractBaseUser, at: dt.datetime, cal: WorkCalendar,
             next_user: AbstractBaseUser | None) -> Task | None:
    """Open the step `nxt` (the next one, or where a "Tidak" branch goes on to), or finish the case
    after its last step."""
    case = task.case
    if nxt is None:
        case.status, case.finished_at = Case.Status.DONE, at
        fastsql.update(case, ["status", "finished_at"])
        audit.record(case, Event.Kind.CASE_FINISHED, actor=user, at=at)
        return None
    chosen = person_of(next_user) if next_user is not None else None
    if next_user is not None and chosen is None:
        raise KinerjaError(_("%(user)s is not a person of this office.") % {"user": next_user.get_username()})
    # The step after the task was read with it (fastsql.load_task): its earlier rounds and its position's
    # assignments too. A branch's step was not: _open_task reads them.
    following = nxt is task.loaded.next_step  # type: ignore[attr-defined]
    new = _open_task(case, nxt, at=at, cal=cal, actor=user, chosen=chosen,
                     earlier=nxt.earlier if following else None,  # type: ignore[attr-defined]
                     pk=task.loaded.task_id,  # type: ignore[attr-defined]
                     assignments=task.loaded.next_assignments if following else None)  # type: ignore[attr-defined]
    check_at_risk(case, cal=cal, at=at)
    return new


def _version_steps(case: Case) -> list[Step]:
    return list(Step.objects.filter(version_id=case.sop_version_id).select_related("actor__position").order_by("number"))


def projected_finish(case: Case, cal: WorkCalendar, at: dt.datetime) -> dt.datetime | None:
    """When the case ends if its open step ends at its due date (or now, if overdue) and every later
    step takes exactly its standard time."""
    current = (Task.objects.filter(case=case, status=Task.Status.OPEN).select_related("step")
               .order_by("step__number").first())
    if current is None:
        return None
    moment = max(current.due_at, at)
    for step in _version_steps(case):
        if step.number > current.step.number:
            moment = cal.add(moment, Decimal(step.duration_value), step.duration_unit)
    return moment


def check_at_risk(case: Case, *, cal: WorkCalendar, at: dt.datetime) -> bool:
    """Early warning: flag the case once (guarded update) when the remaining standard time no longer
    fits before its target deadline, and tell the actors of the remaining steps and their superiors: the
    person an open task is given to (access.doers), every holder of the position of each step to come (the
    position of an open task too, when it has a later step)."""
    if case.target_deadline is None or case.at_risk or case.status != Case.Status.OPEN:
        return False
    finish = projected_finish(case, cal, at)
    if finish is None or finish <= case.target_deadline:
        return False
    if Case.objects.filter(pk=case.pk, at_risk=False).update(at_risk=True, at_risk_since=at) != 1:
        return False
    case.at_risk, case.at_risk_since = True, at
    audit.record(case, Event.Kind.AT_RISK, actor=None, at=at, projected=finish.isoformat(),
                 deadline=case.target_deadline.isoformat())
    open_tasks = list(Task.objects.filter(case=case, status=Task.Status.OPEN)
                      .select_related("step", "position", "assignee__user").order_by("step__number", "pk"))
    current = open_tasks[0] if open_tasks else None
    day = office_day(case.office, at)
    open_steps = {task.step_id for task in open_tasks}
    remaining = [(s.pk in open_steps, position_for(s, case.unit_id, case.person_id, day)) for s in _version_steps(case)
                 if current is not None and s.number >= current.step.number]
    positions = [p for _open, p in remaining if p is not None]
    # The open work is its doers' (the JFU the Kasubbag chose, not every JFU); the steps to come belong to
    # whoever holds their positions, since nobody is chosen for them yet: every JFU, for a later JFU step,
    # though one JFU has the open one (skipping the positions of the open tasks left the others untold).
    people: list[Person] = [p for task in open_tasks for p in doers(task, day)]
    for position in {p.pk: p for is_open, p in remaining if p is not None and not is_open}.values():
        people.extend(holders(position, day))
    people.extend(acting_superiors_of(positions, day))
    notify(people, Notification.Kind.AT_RISK, case, current, at)
    return True


# --- actions --------------------------------------------------------------------------------------

@transaction.atomic(durable=True)
def start_case(version_id: int, *, user: AbstractBaseUser, title: str, period: str = "", trigger_note: str = "",
               target_deadline: dt.datetime | None = None, at: dt.datetime | None = None,
               unit: Unit | int | None = None, person: Person | int | None = None) -> Case:
    """Start a run of an SOP version in force; its first step becomes a task (`case.first_task`).
    `unit`: the unit the case is about (a bidang, a seksi), which an SOP with actors such as "Kepala
    Bidang" needs: their steps go to that unit's head or staff. `person`: the employee the case is about,
    which an SOP with an actor such as "Pegawai yang bersangkutan" needs (their own request: when that
    actor does the first step, the one who starts the case, unless another is named). `period`: what the
    case is about in time (a quarter, a year), required only by an SOP with a step that asks the divisions
    for their data, which is data of a period (periods.gathers_period_data)."""
    at = at or timezone.now()
    found = fastsql.load_version(version_id)
    if found is None:
        raise KinerjaError(_("There is no SOP version %(id)s.") % {"id": version_id})
    version, steps = found.version, found.steps
    office = version.sop.office
    if version.status != SopVersion.Status.IN_FORCE:
        raise KinerjaError(_("%(sop)s is %(status)s: a case can only start from the version in force.") % {
            "sop": str(version), "status": version.get_status_display().lower()})
    starter = person_of(user)
    day = office_day(office, at)
    about = _person_concerned(office, steps, person, starter, day)
    if unit is None and about is not None:
        unit = _unit_of(about, day, steps)  # a leave request's "Atasan Langsung" is the employee's unit's head
    concerned = _unit_concerned(office, steps, unit)
    if starter is None or starter.office_id != office.pk or not (
            (steps and can_hold(user, steps[0], day, concerned, about)) or roles_of(user, day) & STARTER_ROLES):
        raise NotAllowed(_("Only the head of office, the secretary, a unit head or the actor of the first step "
                           "may start a case of %(sop)s.") % {"sop": version.name})
    if not steps:
        raise KinerjaError(_("%(sop)s has no steps.") % {"sop": str(version)})
    unlinked_steps: dict[str, list[str]] = {}
    outside: set[str] = set()
    for step in steps:
        if not step.actor.is_linked:
            unlinked_steps.setdefault(step.actor.name, []).append(step.display_number)
            if step.actor.external:
                outside.add(step.actor.name)
    unlinked = [(_("%(actor)s (step %(steps)s; outside the office: the position that records its steps)")
                 if name in outside else _("%(actor)s (step %(steps)s)")) % {"actor": name, "steps": ", ".join(numbers)}
                for name, numbers in unlinked_steps.items()]
    if unlinked:
        # Every one at once, with the way out: a case must not stop halfway at an actor nobody holds.
        raise KinerjaError(_("%(sop)s cannot start yet: these actors are not linked to a position of the office: "
                             "%(actors)s. Link each on the SOP's page, or with kinerja sop link %(id)d \"ACTOR\" "
                             "POSITION.") % {"sop": str(version), "actors": ", ".join(unlinked), "id": version.pk})
    if not title.strip():
        raise KinerjaError(_("Title: give the case a title."))
    period_data = gathers_period_data(steps)
    if not period.strip() and period_data:
        # Its divisions report data of a period (the performance app reads it: performance/requests.py);
        # any other SOP's case may have none.
        raise KinerjaError(_("Period: %(sop)s asks the divisions for their data of a period; say which "
                             "(e.g. Triwulan III 2025).") % {"sop": version.name})
    if period.strip():
        check_period(period)  # "Triwulan V 2025", "Triwulan III 20255": no period at all
    if period.strip() and period_data:
        _check_period_free(found.open_cases, version, period.strip(), concerned, about)
    if target_deadline is not None and target_deadline <= at:
        raise KinerjaError(_("Target deadline: %(value)s is not after the start.") % {"value": target_deadline.isoformat()})
    case = Case(id=found.case_id, office=office, sop_version=version, title=title.strip(), period=period.strip(),
                trigger_note=trigger_note.strip(), target_deadline=target_deadline, started_at=at, started_by=user,
                unit=concerned, person=about)
    case._audit_last = (0, audit.GENESIS)  # type: ignore[attr-defined]  # a new case has no events yet
    # On PostgreSQL the ids come reserved with the version, so the case, its first task and its events
    # go as one statement (fastsql.combined_writes); on SQLite one after the other.
    with fastsql.combined_writes():
        fastsql.insert([case])
        with audit.batch(case):
            audit.record(case, Event.Kind.CASE_STARTED, actor=user, at=at, sop_version=version.pk, title=case.title,
                         period=case.period, trigger_note=case.trigger_note,
                         target_deadline=target_deadline.isoformat() if target_deadline else None,
                         **({"unit": concerned.pk} if concerned is not None else {}),
                         **({"person": about.pk} if about is not None else {}))
            cal = WorkCalendar.for_office(office, stamp=found.stamp)
            # A holder of the first step's position who starts the case does that step themself: of a
            # position with several holders (the JFU) it is theirs, not every holder's (_assignee_for checks).
            case.first_task = _open_task(case, steps[0], at=at, cal=cal, actor=user, earlier=0,  # type: ignore[attr-defined]
                                         pk=found.task_id, chosen_id=starter.pk)
            check_at_risk(case, cal=cal, at=at)
    return case


class PeriodTaken(KinerjaError):
    """An open case of the same SOP is about the same period (and the same unit and person, where the
    SOP's cases are about one)."""

    def __init__(self, sop: str, case: fastsql.OpenCase) -> None:
        self.case_id = case.id
        super().__init__(_("Period: the case “%(title)s” (no. %(id)d) of %(sop)s about %(period)s is still open. "
                           "Continue that case, or cancel it, before starting another about the same period.") % {
            "title": case.title, "id": case.id, "sop": sop, "period": case.period})


def _check_period_free(open_cases: list[fastsql.OpenCase], version: SopVersion, period: str, unit: Unit | None,
                       person: Person | None) -> None:
    """Refuse a second open case of an SOP that asks the divisions for their data of a period (the data of
    one period is collected once; a second case would ask the divisions again and compile the period twice).
    Any version of the SOP counts; periods compare by what they mean (extensions.period_key)."""
    key = extensions.period_key(period)
    unit_id, person_id = (unit.pk if unit else None), (person.pk if person else None)
    for case in open_cases:
        if case.unit_id == unit_id and case.person_id == person_id and extensions.period_key(case.period) == key:
            raise PeriodTaken(version.name, case)


def _unit_concerned(office: Any, steps: list[Step], unit: Unit | int | None) -> Unit | None:
    """The unit a new case is about, checked: of the office, and with a position for each actor of the
    unit of the case; required when the SOP has such actors."""
    needed = {s.actor.name: (s.actor.in_unit, s.display_number) for s in reversed(steps)
              if s.actor.in_unit in (Actor.InUnit.HEAD, Actor.InUnit.STAFF)}
    if unit is None:
        if needed:
            raise KinerjaError(_("Unit concerned: choose the bidang or seksi the case is about; %(actors)s stand for "
                                 "its head or staff.") % {"actors": ", ".join(sorted(needed))})
        return None
    found = Unit.objects.filter(pk=unit.pk if isinstance(unit, Unit) else unit, office=office).first()
    if found is None:
        raise KinerjaError(_("Unit concerned: %(value)s is not a unit of %(office)s.") % {"value": unit, "office": office})
    missing = [_("%(actor)s (step %(step)s)") % {"actor": name, "step": number}
               for name, (role, number) in sorted(needed.items()) if position_in_unit(found.pk, role) is None]
    if missing:
        raise KinerjaError(_("Unit concerned: %(unit)s has no position for %(actors)s. Choose another unit, or add the "
                             "position (Admin → Positions).") % {"unit": found.name, "actors": ", ".join(missing)})
    return found


def _unit_of(person: Person, day: dt.date, steps: list[Step]) -> Unit | None:
    """The unit a case about `person` is about when none is chosen, for an SOP that has actors of the unit of the
    case as well as the employee's own (Atasan Langsung of Pegawai ybs): the unit of the position they work in."""
    if not any(s.actor.in_unit in (Actor.InUnit.HEAD, Actor.InUnit.STAFF) for s in steps):
        return None
    position = own_position(person.pk, day)
    if position is None or position.unit_id is None:
        return None
    return Unit.objects.filter(pk=position.unit_id).exclude(kind=Unit.Kind.OFFICE).first()


def _person_concerned(office: Any, steps: list[Step], person: Person | int | None, starter: Person | None,
                      day: dt.date) -> Person | None:
    """The employee a new case is about, checked: of the office and holding a position that day;
    required when the SOP has an actor that stands for them (the starter, when that actor begins)."""
    needed = sorted({s.actor.name for s in steps if s.actor.in_unit == Actor.InUnit.PERSON})
    if person is None:
        if not needed:
            return None
        if steps[0].actor.in_unit != Actor.InUnit.PERSON or starter is None:
            raise KinerjaError(_("Employee concerned: choose the employee the case is about; %(actors)s stand for "
                                 "them.") % {"actors": ", ".join(needed)})
        person = starter
    found = (person if isinstance(person, Person) and person.office_id == office.pk
             else Person.objects.filter(pk=person.pk if isinstance(person, Person) else person, office=office).first())
    if found is None:
        raise KinerjaError(_("Employee concerned: %(value)s is not a person of %(office)s.") % {
            "value": person, "office": office})
    if needed and own_position(found.pk, day) is None:
        raise KinerjaError(_("Employee concerned: %(person)s holds no position on %(day)s, so nobody could do "
                             "the steps of %(actors)s.") % {"person": found.full_name,
                                                           "day": date_format(day, "DATE_FORMAT"),
                                                           "actors": ", ".join(needed)})
    return found


def can_hold(user: AbstractBaseUser, step: Step, day: dt.date, unit: Unit | None = None,
             about: Person | None = None) -> bool:
    """Whether `user` does `step` on `day` in a case about `unit` and the employee `about`: the
    employee's own steps are theirs alone, whoever else holds their position (a colleague of the same
    staff position does not ask for another's leave)."""
    acting = person_of(user)
    if acting is None:
        return False
    if step.actor.in_unit == Actor.InUnit.PERSON:
        return about is not None and acting.pk == about.pk and own_position(about.pk, day) is not None
    position = position_for(step, unit.pk if unit else None)
    return position is not None and acting.pk in holder_id_list(position.pk, day)


@removed_on_failure
@transaction.atomic(durable=True)
def complete_task(task_id: int, *, user: AbstractBaseUser, note: str = "", files: Iterable[Any] = (),
                  next_user: AbstractBaseUser | None = None, verdict: str | None = None,
                  at: dt.datetime | None = None) -> Task:
    """Record the output (note, files, working time taken) and open the next step. On a step that checks
    earlier work the verdict is "ok" (Sesuai); "Belum sesuai" is return_task. On a decision whose "Tidak"
    skips ahead (Step.branch_to), verdict "branch" opens that step instead of the next, and the steps
    between are not run. The task returned carries `next_task`: the task opened, or None when this was the
    case's last step."""
    at = at or timezone.now()
    task = _lock_task(task_id, at, reserve=True)
    _check_can_act(task, user, at)
    if verdict == Task.Verdict.BRANCH:
        if task.step.branch_to_id is None:
            raise KinerjaError(_("%(step)s has no “Tidak” branch that goes on to a later step.")
                               % {"step": _step_label(task.step)})
    elif verdict == Task.Verdict.END:
        raise KinerjaError(_("Tidak ends the procedure: it needs a reason (end_at_decision)."))
    elif verdict not in (None, "", Task.Verdict.OK):
        raise KinerjaError(_("Verdict: %(value)s is not Sesuai; to send the work back, return the task with a reason.")
                           % {"value": verdict})
    if task.step.coordinates_divisions and task.loaded.unanswered:  # type: ignore[attr-defined]  # counted with the task
        missing = fastsql.unanswered_divisions(task.pk)
        if missing:
            raise KinerjaError(_("%(count)d divisions have not answered yet (%(names)s): wait for them, or complete "
                                 "the step with a reason.") % {"count": len(missing), "names": ", ".join(missing)})
    return _complete(task, user=user, note=note, files=files, next_user=next_user, at=at,
                     branch=verdict == Task.Verdict.BRANCH)


def _complete(task: Task, *, user: AbstractBaseUser, note: str, files: Iterable[Any],
              next_user: AbstractBaseUser | None, at: dt.datetime, reason: str = "",
              missing: list[int] | None = None, branch: bool = False) -> Task:
    extensions.check_completion(task)  # a step done by an act elsewhere (a signature); no query unless guarded
    cal = _calendar(task)
    # Read with the task (fastsql.load_task): the step after it, or the one the "Tidak" branch goes on to.
    target = _branch_target(task) if branch else task.loaded.next_step  # type: ignore[attr-defined]
    if branch:
        verdict = Task.Verdict.BRANCH
    elif task.loaded.step_checks or task.step.branch_to_id is not None or task.step.ends_if_not:  # type: ignore[attr-defined]
        verdict = Task.Verdict.OK
    else:
        verdict = ""
    with fastsql.combined_writes(), audit.batch(task.case):
        _finish(task, status=Task.Status.DONE, user=user, at=at, cal=cal, note=note.strip(), verdict=verdict, reason=reason)
        saved = _save_files(task, files, user, at)
        kind = Event.Kind.COMPLETED_WITH_MISSING if missing is not None else Event.Kind.COMPLETED
        extra: dict[str, Any] = {"missing_divisions": missing, "reason": reason} if missing is not None else {}
        if branch:
            extra["to_step"] = target.number
        audit.record(task.case, kind, actor=user, at=at, task=task.pk, step=task.step.number, round=task.round,
                     verdict=verdict, working_seconds=task.working_seconds, note=task.note,
                     files=[f.sha256 for f in saved], **extra)
        task.next_task = _advance(task, target, user=user, at=at, cal=cal, next_user=next_user)  # type: ignore[attr-defined]
    return task


def _branch_target(task: Task) -> Step:
    """The step a decision's "Tidak" goes on to (a rare path: read here rather than with every task;
    _open_task counts its earlier rounds)."""
    return Step.objects.select_related("actor__position").get(pk=task.step.branch_to_id)


@removed_on_failure
@transaction.atomic(durable=True)
def end_at_decision(task_id: int, *, user: AbstractBaseUser, reason: str, note: str = "", files: Iterable[Any] = (),
                    at: dt.datetime | None = None) -> Task:
    """"Tidak" at a decision whose "Tidak" ends the procedure (Step.ends_if_not: "Tidak: proses selesai",
    "permohonan ditolak (selesai)"): the task is done with the verdict "end" and the reason, and the case
    ends there (Case.Status.ENDED: finished, not continued at this step). Any other open task of the case
    and every unanswered request to a division are cancelled. One transaction; each change is audited."""
    at = at or timezone.now()
    task = _lock_task(task_id, at)
    _check_can_act(task, user, at)
    if not task.step.ends_if_not:
        raise KinerjaError(_("%(step)s has no “Tidak” that ends the procedure.") % {"step": _step_label(task.step)})
    if not reason.strip():
        raise KinerjaError(_("Reason: say why the procedure ends here (why the answer is Tidak)."))
    cal = _calendar(task)
    case = task.case
    with fastsql.combined_writes(), audit.batch(case):
        _finish(task, status=Task.Status.DONE, user=user, at=at, cal=cal, note=note.strip(), verdict=Task.Verdict.END,
                reason=reason.strip())
        saved = _save_files(task, files, user, at)
        audit.record(case, Event.Kind.COMPLETED, actor=user, at=at, task=task.pk, step=task.step.number,
                     round=task.round, verdict=Task.Verdict.END, working_seconds=task.working_seconds, note=task.note,
                     reason=task.reason, files=[f.sha256 for f in saved])
        others, requests = _close_open_work(case, user=user, at=at, also=task.pk)
        case.status, case.finished_at = Case.Status.ENDED, at
        fastsql.update(case, ["status", "finished_at"])
        audit.record(case, Event.Kind.CASE_ENDED, actor=user, at=at, step=task.step.number, reason=task.reason,
                     **({"tasks": others} if others else {}), **({"requests": requests} if requests else {}))
    task.next_task = None  # type: ignore[attr-defined]
    return task


def _close_open_work(case: Case, *, user: AbstractBaseUser, at: dt.datetime,
                     also: int | None = None) -> tuple[list[int], list[int]]:
    """Cancel the case's open tasks and the unanswered requests to the divisions of those (and of the task
    `also`, the one just closed), as the case stops: (the tasks' ids, the requests' ids). Requests left
    unanswered by an earlier round completed without every division are history, not touched."""
    tasks = list(case.tasks.filter(status=Task.Status.OPEN).values_list("pk", flat=True))
    if tasks:
        case.tasks.filter(pk__in=tasks).update(status=Task.Status.CANCELLED, done_at=at, done_by=user)
    waiting = DivisionRequest.objects.filter(task_id__in=[*tasks, *([also] if also else [])], answered_at__isnull=True,
                                             cancelled_at__isnull=True)
    requests = list(waiting.order_by("pk").values_list("pk", flat=True))
    if requests:
        DivisionRequest.objects.filter(pk__in=requests).update(cancelled_at=at)
    return tasks, requests


@removed_on_failure
@transaction.atomic(durable=True)
def return_task(task_id: int, *, user: AbstractBaseUser, reason: str, files: Iterable[Any] = (), note: str = "",
                at: dt.datetime | None = None) -> Task:
    """"Belum sesuai": close this task and send the work back to the return target step, which gets a
    fresh task with a fresh due date (the earlier rounds stay in the history): the returned task's
    `next_task`. `files` (say, the draft with the reviewer's notes on it) and an output `note` typed
    with the verdict are kept with the returned task, as a completion's are."""
    at = at or timezone.now()
    task = _lock_task(task_id, at, reserve=True)
    _check_can_act(task, user, at)
    if not reason.strip():
        raise KinerjaError(_("Reason: say what is not right, so it can be fixed."))
    target = fastsql.return_target(task.case_id, task.step_id)
    if target is None:
        raise KinerjaError(_("%(step)s cannot send work back: the SOP gives it no return.") % {
            "step": _step_label(task.step)})
    cal = _calendar(task)
    # The person who did the target step last time gets it back, if they still hold the position
    # (_assignee_for checks). A single-holder position needs nobody chosen, so nothing to look up. Read
    # before the writes, which any read would send first (one round trip more on PostgreSQL).
    position = position_for(target, task.case.unit_id, task.case.person_id, office_day(task.case.office, at))
    previous = (None if position is None or position.single_holder or target.actor.in_unit == Actor.InUnit.PERSON
                else fastsql.last_doer_person(task.case_id, target.pk))
    with fastsql.combined_writes(), audit.batch(task.case):
        _finish(task, status=Task.Status.RETURNED, user=user, at=at, cal=cal, verdict=Task.Verdict.NOT_OK,
                reason=reason.strip(), note=note.strip())
        saved = _save_files(task, files, user, at)
        audit.record(task.case, Event.Kind.RETURNED, actor=user, at=at, task=task.pk, step=task.step.number,
                     round=task.round, to_step=target.number, reason=task.reason, working_seconds=task.working_seconds,
                     **({"note": task.note} if task.note else {}),
                     **({"files": [f.sha256 for f in saved]} if saved else {}))
        if target.pk == task.step_id:
            fastsql.send_held()  # the step's returned round is closed before its next round opens
        task.next_task = _open_task(task.case, target, at=at, cal=cal, actor=user, chosen_id=previous,  # type: ignore[attr-defined]
                                    earlier=target.earlier, pk=task.loaded.task_id,  # type: ignore[attr-defined]
                                    notice=Notification.Kind.RETURNED)
        check_at_risk(task.case, cal=cal, at=at)
    return task


@transaction.atomic(durable=True)
def reassign_task(task_id: int, *, user: AbstractBaseUser, to_user: AbstractBaseUser, reason: str,
                  at: dt.datetime | None = None) -> Task:
    """A superior gives an open task of their unit to another person of the office, with a reason: to someone
    below them in the units they lead or another holder of the task's position (access.reassign_candidates says
    why), else NotTheirsToTake names the person and why not."""
    at = at or timezone.now()
    task = _lock_task(task_id, at)
    if task.status != Task.Status.OPEN:
        raise TaskNotOpen(task)
    office = task.case.office
    if task.position.unit_id not in supervised_unit_ids(user, office, office_day(office, at)):
        raise _not_superior(task, user, office_day(office, at))
    target = person_of(to_user)
    if target is None or target.office_id != office.pk:
        raise KinerjaError(_("%(user)s is not a person of this office.") % {"user": to_user.get_username()})
    if not at_work(office.pk, office_day(office, at)).filter(pk=target.pk).exists():
        raise KinerjaError(_("%(user)s holds no position in this office today, or may no longer sign in.")
                           % {"user": to_user.get_username()})
    day = office_day(office, at)
    if not reassign_candidates(task, user, day).filter(pk=target.pk).exists():
        raise _not_theirs(task, user, target, day)
    # Who does it now: its stored person while that stands, else the holders of its position. Giving it to
    # the only one would change nothing; giving it to one of several holders settles who does it.
    current = [p.pk for p in doers(task, day)]
    if current == [target.pk]:
        raise AlreadyAssigned(task, target)
    if not reason.strip():
        raise KinerjaError(_("Reason: say why the task moves to another person."))
    from .reminders import THRESHOLDS

    before = task.assignee_id
    # Reminders are sent once per task and threshold to whoever does it: a person new to the task is told
    # again those already sent (an overdue task: "overdue" once, the earlier ones claimed with it).
    reset = [] if target.pk in current else [kind for kind, f in THRESHOLDS if getattr(task, f) is not None]
    task.assignee, task.reassigned_at = target, at
    for kind, f in THRESHOLDS:
        if kind in reset:
            setattr(task, f, None)
    task.save(update_fields=["assignee", "reassigned_at", *(f for kind, f in THRESHOLDS if kind in reset)])
    audit.record(task.case, Event.Kind.REASSIGNED, actor=user, at=at, task=task.pk, step=task.step.number,
                 from_person=before, to_person=target.pk, reason=reason.strip(),
                 reminders_reset=[str(kind) for kind in reset])
    if target.user_id is not None and target.user_id != user.pk and target.pk != before:
        notify_new_work([target.user_id], Notification.Kind.REASSIGNED, task, at)
    return task


def _not_superior(task: Task, user: AbstractBaseUser, day: dt.date) -> NotAllowed:
    """The refusal of a reassignment by someone who does not oversee the task's unit on `day`. A superior away
    while a Plt or Plh acts for their position (a page opened before the acting period began) is told who
    reassigns meanwhile and until when: "only a superior may" told the superior nothing."""
    unit = task.position.unit
    acting = superior_stood_in(user, task.case.office, day, unit.pk)
    if acting is None:
        return NotAllowed(_("Only a superior of %(unit)s may reassign this task.") % {"unit": unit.name})
    return NotAllowed(capfirst(acting_refusal(
        acting,
        _("%(step)s of %(case)s is not yours to reassign today: %(name)s (%(title)s) does the work of your "
          "position as %(position)s (%(term)s), and gives the tasks of %(unit)s to others meanwhile."),
        step=_step_label(task.step), case=task.case.title, unit=unit.name)))


def _not_theirs(task: Task, user: AbstractBaseUser, target: Person, day: dt.date) -> NotTheirsToTake:
    """Why `target` is not among the reassign_candidates of `user`: away (a Plt or Plh does the work of the
    position they would be given it by: who, until when), themselves, above or beside them (a head position of
    their own units or of a unit above those), or outside the units they lead."""
    office = task.case.office
    if reassign_candidates(task, user, day, present_only=False).filter(pk=target.pk).exists():
        return NotTheirsToTake(task, target, _away(target, day), _led_names(user, office, day))
    roots, _led = units_led(user, office, day)
    units = dict(Unit.objects.filter(office=office).values_list("pk", "parent_id"))
    line: set[int] = set()
    for unit in roots:
        at_or_above: int | None = unit
        while at_or_above is not None and at_or_above not in line:
            line.add(at_or_above)
            at_or_above = units.get(at_or_above)
    held = list(Assignment.objects.filter(Assignment.active_on(day), person=target).select_related("position")
                .order_by("position_id"))
    titles = ", ".join(a.title_as_held for a in held)
    if target.user_id == user.pk:
        why = _("a superior hands a task down, not to themselves")
    elif any(a.position.kind in Position.HEAD_KINDS and a.position.unit_id in line for a in held):
        why = _("they are %(held)s, not below you") % {"held": titles}
    else:
        why = _("they are %(held)s, outside the units you lead") % {"held": titles}
    return NotTheirsToTake(task, target, why, _led_names(user, office, day, roots))


def _led_names(user: AbstractBaseUser, office: Office, day: dt.date, roots: set[int] | None = None) -> list[str]:
    """The names of the units `user` leads on `day` (units_led), for "give it to someone below you in …"."""
    if roots is None:
        roots = units_led(user, office, day)[0]
    return list(Unit.objects.filter(pk__in=roots).order_by("pk").values_list("name", flat=True))


def _away(target: Person, day: dt.date) -> str:
    """Why a person the rule would offer is not (reassign_candidates leaves out someone away): who acts for
    their position that day, and until when. Read only for that refusal."""
    held = list(Assignment.objects.filter(Assignment.active_on(day), person=target).select_related("position"))
    a = next(a for a in stand_ins(held, day) if a.position.single_holder)
    return acting_refusal(
        a,
        _("they are away: %(name)s (%(title)s) does the work of their position as %(position)s (%(term)s)"))


def _division_contacts(division: Unit, day: dt.date) -> list[Person]:
    """Who is told of a data request to `division`: the holders of its data contact positions, else
    (none held) its head's (the Sekretaris heads the Sekretariat)."""
    heads = (Position.Kind.UNIT_HEAD, Position.Kind.SECRETARY)
    positions = list(Position.objects.filter(unit=division, kind__in=[Position.Kind.DIVISION_CONTACT, *heads]))
    for kinds in ((Position.Kind.DIVISION_CONTACT,), heads):
        people = [p for position in positions if position.kind in kinds for p in holders(position, day)]
        if people:
            return people
    return []


@transaction.atomic(durable=True)
def send_division_requests(task_id: int, *, user: AbstractBaseUser, divisions: Iterable[Unit | int], what: str,
                           due_at: dt.datetime, at: dt.datetime | None = None) -> list[DivisionRequest]:
    """The performer of a coordinating step asks each division for its data, by a date."""
    at = at or timezone.now()
    task = _lock_task(task_id, at)
    _check_can_act(task, user, at)
    if not task.step.coordinates_divisions:
        raise KinerjaError(_("%(step)s does not coordinate with the divisions.") % {"step": _step_label(task.step)})
    ids = {d.pk if isinstance(d, Unit) else int(d) for d in divisions}
    units = list(Unit.objects.filter(pk__in=ids, office=task.case.office, kind__in=Unit.ASKED_FOR_DATA).order_by("pk"))
    if not ids or len(units) != len(ids):
        raise KinerjaError(_("Divisions: choose one or more divisions of this office."))
    if not what.strip():
        raise KinerjaError(_("What to supply: say what the divisions must send."))
    if due_at <= at:
        raise KinerjaError(_("Due: %(value)s is not in the future.") % {"value": due_at.isoformat()})
    already = set(task.requests.filter(division__in=units).values_list("division__name", flat=True))
    if already:
        raise KinerjaError(_("Already asked: %(names)s.") % {"names": ", ".join(sorted(already))})
    rows = DivisionRequest.objects.bulk_create(
        DivisionRequest(task=task, division=u, what=what.strip(), due_at=due_at, sent_at=at, sent_by=user) for u in units)
    audit.record(task.case, Event.Kind.REQUESTS_SENT, actor=user, at=at, task=task.pk, step=task.step.number,
                 divisions=[u.pk for u in units], what=what.strip(), due=due_at.isoformat())
    day = office_day(task.case.office, at)
    for request in rows:
        notify_new_work([p.user_id for p in _division_contacts(request.division, day)
                         if p.user_id is not None and p.user_id != user.pk],
                        Notification.Kind.REQUEST, task, at, request=request)
    return rows


def repeated_files(chosen: Iterable[Any], elsewhere: Iterable[tuple[Any, str]] = ()) -> list[tuple[Any, str]]:
    """Each of the files `chosen` for an answer (under Berkas) that repeats another file of the same answer by its
    content (uploads.sha256_of; the same scan chosen twice, or once more under another name): one chosen before
    it, or one sent in another part of the answer (`elsewhere`: each file with what it is for, "the evidence of
    IK-01 …"). With the message naming both files' names. The one check of answer_request and of the answer
    page's form (forms.same_files), so the command line and the page refuse the same files in the same words."""
    seen: dict[str, tuple[str, str | None]] = {sha256_of(f): (PurePath(f.name or "").name, where)
                                               for f, where in elsewhere}
    found: list[tuple[Any, str]] = []
    for f in chosen:
        name, digest = PurePath(f.name or "").name, sha256_of(f)
        if digest in seen:
            other, where = seen[digest]
            found.append((f, (_("%(name)s is chosen twice under Files (also as %(other)s): choose it once.")
                              if where is None else
                              _("%(name)s under Files is also chosen for %(where)s (as %(other)s): send it once."))
                          % {"name": name, "other": other, "where": where}))
            continue
        seen[digest] = (name, None)
    return found


@removed_on_failure
@transaction.atomic(durable=True)
def answer_request(request_id: int, *, user: AbstractBaseUser, note: str, files: Iterable[Any] = (),
                   at: dt.datetime | None = None,
                   extra: Callable[[DivisionRequest], dict[str, Any] | None] | None = None,
                   elsewhere: Iterable[tuple[Any, str]] = ()) -> DivisionRequest:
    """A division's contact answers its request with a note and files. `extra` (an answer part of
    extensions.py, e.g. the division's indicator actuals) saves its data inside this transaction, so an
    error there saves nothing; what it returns (ids and plain values) goes into the audit event. A file
    sent twice (repeated_files: the same content twice among `files`, or also among the files the parts send,
    `elsewhere`) is refused, naming the files, and nothing is saved."""
    at = at or timezone.now()
    files = list(files)
    found = DivisionRequest.objects.filter(pk=request_id).values_list("task_id", flat=True).first()
    if found is None:
        raise KinerjaError(_("There is no request %(id)s.") % {"id": request_id})
    task = _lock_task(found, at)
    request = DivisionRequest.objects.select_related("division", "answered_by__person").get(pk=request_id)
    if request.answered_at is not None:
        raise KinerjaError(_("%(division)s already answered: %(who)s on %(when)s.") % {
            "division": request.division.name, "who": name_of(request.answered_by),
            "when": _when(task, request.answered_at)})
    if request.cancelled_at is not None:
        raise KinerjaError(_("This request was cancelled on %(when)s: the case no longer needs the answer.")
                           % {"when": _when(task, request.cancelled_at)})
    if task.status != Task.Status.OPEN:
        raise TaskNotOpen(task)
    if not can_answer(request, user, office_day(task.case.office, at)):
        raise NotAllowed(_("Only the data contact or the head of %(division)s may answer this request.") % {
            "division": request.division.name})
    if not note.strip() and not files and extra is None:
        raise KinerjaError(_("Answer: write a note or attach the data."))
    if repeated := repeated_files(files, elsewhere):
        raise KinerjaError(" ".join(message for _f, message in repeated))
    request.answered_at, request.answered_by, request.note = at, user, note.strip()
    request.save(update_fields=["answered_at", "answered_by", "note"])
    # Answered: the division's notifications of the request are no longer news (nor mailed).
    Notification.objects.filter(request=request, read_at__isnull=True).update(read_at=at)
    saved = _save_files(task, files, user, at, request=request)
    added = (extra(request) or {}) if extra is not None else {}
    audit.record(task.case, Event.Kind.REQUEST_ANSWERED, actor=user, at=at, task=task.pk, request=request.pk,
                 division=request.division_id, note=request.note, files=[f.sha256 for f in saved], **added)
    transaction.on_commit(lambda: request_answered.send(sender=DivisionRequest, request=request))
    return request


@removed_on_failure
@transaction.atomic(durable=True)
def complete_with_missing(task_id: int, *, user: AbstractBaseUser, reason: str, note: str = "",
                          files: Iterable[Any] = (), next_user: AbstractBaseUser | None = None,
                          at: dt.datetime | None = None) -> Task:
    """Complete a coordinating step before every division answered; the reason and the divisions that
    did not answer are recorded."""
    at = at or timezone.now()
    task = _lock_task(task_id, at, reserve=True)
    _check_can_act(task, user, at)
    missing = list(task.requests.filter(answered_at__isnull=True).select_related("division").order_by("division__pk"))
    if not missing:
        raise KinerjaError(_("Every division has answered: complete the step normally."))
    if not reason.strip():
        raise KinerjaError(_("Reason: say why %(names)s did not answer.") % {
            "names": ", ".join(r.division.name for r in missing)})
    return _complete(task, user=user, note=note, files=files, next_user=next_user, at=at, reason=reason.strip(),
                     missing=[r.division_id for r in missing])


@transaction.atomic(durable=True)
def cancel_case(case_id: int, *, user: AbstractBaseUser, reason: str, at: dt.datetime | None = None) -> Case:
    """Stop a case that is no longer needed (a withdrawn letter, a duplicate): its open tasks are
    cancelled, nothing is deleted. The head of office, the secretary or whoever started it may."""
    at = at or timezone.now()
    case = Case.objects.select_for_update().select_related("office").filter(pk=case_id).first()
    if case is None:
        raise KinerjaError(_("There is no case %(id)s.") % {"id": case_id})
    if case.status != Case.Status.OPEN:
        raise KinerjaError(_("%(case)s is already %(status)s.") % {"case": case.title,
                                                                    "status": case.get_status_display().lower()})
    day = office_day(case.office, at)
    roles, stand_ins_of = roles_and_stand_ins(user, day)
    person = person_of(user)
    if person is None or person.office_id != case.office_id or not (
            roles & CANCEL_ROLES or case.started_by_id == user.pk):
        # An official away while a Plt or Plh acts for them is told who cancels meanwhile (no query more).
        acting = acting_for(roles, stand_ins_of, CANCEL_ROLES)
        if acting is not None and person is not None and person.office_id == case.office_id:
            raise NotAllowed(cancel_stood_in(case, acting))
        raise NotAllowed(_("Only the head of office, the secretary or whoever started %(case)s may cancel it.") % {
            "case": case.title})
    if not reason.strip():
        raise KinerjaError(_("Reason: say why the case is cancelled."))
    open_ids, requests = _close_open_work(case, user=user, at=at)
    case.status, case.finished_at = Case.Status.CANCELLED, at
    case.save(update_fields=["status", "finished_at"])
    audit.record(case, Event.Kind.CANCELLED, actor=user, at=at, tasks=open_ids, reason=reason.strip(),
                 **({"requests": requests} if requests else {}))
    return case


def cancel_stood_in(case: Case, acting: Assignment) -> str:
    """The refusal of a cancellation by a head of office or secretary away while a Plt or Plh acts for their
    position (acting: roles.acting_for_roles): who cancels cases meanwhile, and until when."""
    return acting_refusal(
        acting,
        _("%(case)s is not yours to cancel today: %(name)s (%(title)s) does the work of your position as "
          "%(position)s (%(term)s), and cancels cases meanwhile."),
        case=case.title)


def start_refusal(refused: NotAllowed, version: SopVersion, user: AbstractBaseUser, at: dt.datetime | None = None
                  ) -> NotAllowed:
    """What start_case's refusal (`refused`) tells a head of office, secretary or unit head away while a Plt or
    Plh acts for their position: who starts cases meanwhile, and until when ("only the head of office, the
    secretary, a unit head…" told the Kepala Dinas nothing). Anyone else: `refused` as it is. For the pages
    and the command that call start_case; two queries, on a refusal only."""
    acting = acting_for_roles(user, office_day(version.sop.office, at), STARTER_ROLES)
    if acting is None:
        return refused
    return NotAllowed(acting_refusal(
        acting,
        _("You may not start a case of %(sop)s today: %(name)s (%(title)s) does the work of your "
          "position as %(position)s (%(term)s), and starts cases meanwhile."),
        sop=version.name))


# What changed in an office's calendar besides a day (move_due_dates' `change`, kept in the audit event).
HOURS_CHANGED = "hours"
TIME_ZONE_CHANGED = "time_zone"


def move_due_dates(office_id: int, day: dt.date | None = None, *, change: str = "", at: dt.datetime | None = None
                   ) -> list[int]:
    """The office's calendar changed on `day` (an administrator added a regional holiday, or the office
    works on a national holiday after all), or, without a day, as a whole (`change`: HOURS_CHANGED, its
    hours of a weekday; TIME_ZONE_CHANGED, its time zone): every open task whose time runs over that day
    (every open task, without a day) gets the due date its step's standard time gives under the calendar
    as it is now, counted from its opening, as _open_task counted it. Each move is audited
    (Event.Kind.DUE_MOVED, with the day or the change) in its case's own transaction, the case locked
    first as every action locks it. Returns the ids of the tasks moved; run again, it moves nothing.

    Division requests keep theirs: their due date is one the performer chose, not a standard time."""
    if (day is None) == (change == ""):
        raise ValueError("move_due_dates needs either the day or the change of the calendar")
    at = at or timezone.now()
    office = Office.objects.filter(pk=office_id).first()
    if office is None:
        return []  # the office itself was deleted (its hours and days with it): no task left to move
    cal = WorkCalendar.for_office(office)
    cause = {"day": day.isoformat()} if day is not None else {"change": change}
    moved: list[int] = []
    candidates = (Task.objects.filter(case__office_id=office_id, status=Task.Status.OPEN)
                  .select_related("step").order_by("case_id", "pk"))
    for task in candidates:
        due = cal.add(task.opened_at, Decimal(task.step.duration_value), task.step.duration_unit)
        if due == task.due_at or (day is not None and not (task.opened_at.astimezone(cal.tz).date() <= day
                                                           <= max(due, task.due_at).astimezone(cal.tz).date())):
            continue  # its time does not run over the day: another change of the calendar, not this one
        with transaction.atomic():
            case = Case.objects.select_for_update().select_related("office").get(pk=task.case_id)
            locked = Task.objects.select_for_update().select_related("step").get(pk=task.pk)
            if locked.status != Task.Status.OPEN:
                continue
            due = cal.add(locked.opened_at, Decimal(locked.step.duration_value), locked.step.duration_unit)
            if due == locked.due_at:
                continue
            before = locked.due_at
            # A reminder sent for a moment the task no longer reaches (due soon, overdue) may come again.
            cleared = {f: None for f in ("warned_soon_at", "warned_overdue_at") if due > before}
            Task.objects.filter(pk=locked.pk).update(due_at=due, **cleared)
            audit.record(case, Event.Kind.DUE_MOVED, actor=None, at=at, task=locked.pk, step=locked.step.number,
                         **cause,
                         **{"from": before.astimezone(cal.tz).isoformat(), "to": due.astimezone(cal.tz).isoformat()})
            moved.append(locked.pk)
            check_at_risk(case, cal=cal, at=at)  # the later due date may no longer fit the target deadline
    return moved
