"""CLI verbs of the engine: `kinerja case start|list|show|complete|return|reassign` and `kinerja audit verify`.

Thin callers of actions.py; `--user` names the person acting (their username), as on the web. Times
are printed in ISO 8601 in the office's own time zone (WIB, WITA or WIT), as `kinerja sop plan` and
the web show them, not in the database's UTC.

The actions (and the working-time calendar with its holidays) are imported inside the verbs that change
a case: every `kinerja` command and web worker imports this module at start-up (appconfig.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.cli import parse_moment
from kinerja.errors import KinerjaError, NotAllowed
from kinerja.org.models import Office
from kinerja.sop.models import SopVersion, Step
from kinerja.verbs import Verb, register

from .models import Case, Task


def _user(username: str) -> Any:
    found = get_user_model().objects.filter(username=username).select_related("person").first()
    if found is None:
        raise KinerjaError(_("--user: there is no user %(name)s.") % {"name": username})
    return found


def _moment(value: str | None, option: str) -> dt.datetime | None:
    return parse_moment(value, option) if value else None


def _local(moment: dt.datetime, office: Office) -> str:
    """`moment` in ISO 8601 with the office's offset, to the second (2025-03-24T08:12:00+07:00), whatever
    fraction of a second the clock gave it."""
    return moment.astimezone(ZoneInfo(office.time_zone)).isoformat(timespec="seconds")


def _version(value: str) -> SopVersion:
    """A version id, or the name (part of it) of an SOP whose version in force is meant."""
    if value.isdigit():
        found = SopVersion.objects.filter(pk=int(value)).first()
    else:
        found = SopVersion.objects.filter(name__icontains=value, status=SopVersion.Status.IN_FORCE).first()
    if found is None:
        raise KinerjaError(_("SOP %(value)s: no such SOP version.") % {"value": value})
    return found


def _start_args(p: CommandParser) -> None:
    p.add_argument("sop", help=_("SOP version id, or part of the SOP's name (its version in force)"))
    p.add_argument("--user", required=True, help=_("username of the person starting the case"))
    p.add_argument("--title", required=True, help=_("the case's title, as the inbox shows it"))
    p.add_argument("--period", default="", help=_("what time the case is about, e.g. 'Triwulan III 2025' (required "
                                                  "by an SOP that asks the divisions for their data)"))
    p.add_argument("--trigger-note", default="", help=_("the letter that triggered the case"))
    p.add_argument("--target-deadline", help=_("ISO 8601 with offset"))
    p.add_argument("--at", help=_("ISO 8601 with offset (default now)"))
    p.add_argument("--unit", help=_("the bidang or seksi the case is about (name or short name), for an SOP whose "
                                    "actors stand for the head or staff of that unit (Kepala Bidang)"))
    p.add_argument("--person", help=_("username or NIP of the employee the case is about, for an SOP with an actor "
                                      "such as 'Pegawai yang bersangkutan' (default, when that actor begins: --user)"))


def _unit(version: Any, value: str | None) -> Any:
    if value is None:
        return None
    from kinerja.org.models import Unit

    units = list(Unit.objects.filter(office=version.sop.office_id).order_by("pk"))
    wanted = " ".join(value.split()).casefold()
    found = [u for u in units if wanted in (u.name.casefold(), u.short_name.casefold())]
    if len(found) != 1:
        raise KinerjaError(_("--unit %(value)s: no such unit; the units are %(units)s.") % {
            "value": value, "units": "; ".join(u.short_name or u.name for u in units)})
    return found[0]


def _person(version: Any, value: str | None) -> Any:
    if value is None:
        return None
    from django.db.models import Q

    from kinerja.org.models import Person

    found = Person.objects.filter(Q(user__username=value) | Q(nip=value), office=version.sop.office_id).first()
    if found is None:
        raise KinerjaError(_("--person %(value)s: no person of %(office)s has this username or NIP.") % {
            "value": value, "office": version.sop.office})
    return found


def _start(command: BaseCommand, *, sop: str, user: str, title: str, period: str, trigger_note: str,
           target_deadline: str | None, at: str | None, unit: str | None = None, person: str | None = None,
           **options: Any) -> None:
    from . import actions
    from .periods import check_typed_period

    version = _version(sop)
    starter, deadline, moment = _user(user), _moment(target_deadline, "--target-deadline"), _moment(at, "--at")
    check_typed_period(version, period)  # "kapan-kapan" for an SOP asking the divisions for data of a period
    try:
        case = actions.start_case(version.pk, user=starter, title=title, period=period, trigger_note=trigger_note,
                                  target_deadline=deadline, at=moment, unit=_unit(version, unit),
                                  person=_person(version, person))
    except NotAllowed as e:
        raise actions.start_refusal(e, version, starter, moment) from e
    task = case.tasks.get()
    command.stdout.write(_("Case %(case)d: %(title)s · task %(task)d, step %(step)s, due %(due)s") % {
        "case": case.pk, "title": case.title, "task": task.pk, "step": task.step.display_number,
        "due": _local(task.due_at, case.office)})


def _list_args(p: CommandParser) -> None:
    p.add_argument("--office", help=_("office code (default: every office)"))
    p.add_argument("--status", choices=[s.value for s in Case.Status], help=_("only the cases with this status"))


def _list(command: BaseCommand, *, office: str | None, status: str | None, **options: Any) -> None:
    cases = Case.objects.select_related("office").order_by("pk")
    if office:
        if not Office.objects.filter(code=office).exists():
            raise KinerjaError(_("--office: there is no office %(code)s.") % {"code": office})
        cases = cases.filter(office__code=office)
    if status:
        cases = cases.filter(status=status)
    current = {t.case_id: t for t in Task.objects.filter(case__in=cases, status=Task.Status.OPEN).select_related("step")}
    # Tab-separated, as the rows; the status as the code --status takes (open, done, …).
    command.stdout.write("\t".join([_("Case"), _("Status"), _("Title"), _("Period"), _("Open step")]))
    for case in cases:
        task = current.get(case.pk)
        where = _("step %(step)s, task %(task)d, due %(due)s") % {
            "step": task.step.display_number, "task": task.pk, "due": _local(task.due_at, case.office)} if task else ""
        risk = " " + _("at risk") if case.at_risk else ""
        command.stdout.write(f"{case.pk}\t{case.status}{risk}\t{case.title}\t{case.period}\t{where}")


def _show_args(p: CommandParser) -> None:
    p.add_argument("case", type=int, help=_("the case id (from `kinerja case list`)"))


def _show(command: BaseCommand, *, case: int, **options: Any) -> None:
    found = Case.objects.filter(pk=case).select_related("sop_version", "office", "unit", "person").first()
    if found is None:
        raise KinerjaError(_("There is no case %(id)s.") % {"id": case})
    unit = f" · {found.unit.name}" if found.unit else ""
    unit += f" · {found.person.full_name}" if found.person else ""
    period = f" ({found.period})" if found.period else ""
    command.stdout.write(f"{found.title}{period} · {found.sop_version} · {found.status}{unit}")
    for t in found.tasks.select_related("step__actor", "position", "done_by").order_by("opened_at", "pk"):
        done = " " + _("%(when)s by %(user)s") % {"when": _local(t.done_at, found.office),
                                                  "user": t.done_by.get_username()} if t.done_by else ""
        # An outside party's step (Pemohon) is the officer's to record, not their own work.
        who = t.position.label + (" (" + _("recorded for %(who)s, outside the office") % {"who": t.step.actor.name}
                                  + ")" if t.step.actor.external else "")
        command.stdout.write("  " + "\t".join([
            _("task %(task)d") % {"task": t.pk},
            _("step %(step)s, round %(round)d") % {"step": t.step.display_number, "round": t.round},
            t.status, who, _("due %(due)s") % {"due": _local(t.due_at, found.office)} + done]))
    # The events hold the steps' numbers (the order they run in); each is printed as the SOP prints it.
    labels = {s.number: s.display_number for s in found.sop_version.steps.all()}
    for e in found.events.select_related("actor").order_by("seq"):
        who = e.actor.get_username() if e.actor else "-"
        step = e.data.get("step")
        where = "" if step is None else _("step %(step)s") % {"step": labels.get(step, step)} + "\t"
        if e.data.get("to_step") is not None:
            where = _("step %(step)s → %(to)s") % {"step": labels.get(step, step),
                                                   "to": labels.get(e.data["to_step"], e.data["to_step"])} + "\t"
        command.stdout.write(f"  #{e.seq}\t{_local(e.at, found.office)}\t{e.kind}\t{who}\t{where}{e.data}")


def _complete_args(p: CommandParser) -> None:
    p.add_argument("task", type=int, help=_("the task id (from `kinerja case list` or `kinerja case show`)"))
    p.add_argument("--user", required=True, help=_("username of the person who did the task"))
    p.add_argument("--note", default="", help=_("a note for the case's timeline"))
    p.add_argument("--next-user", help=_("username of the person who does the next step (JFU)"))
    p.add_argument("--no", dest="branch", action="store_true",
                   help=_("answer 'Tidak' at a decision whose 'Tidak' goes on to a later step (the SOP's "
                          "'Tidak: lanjut ke langkah N'; that step opens and the steps between are not done) or "
                          "ends the procedure ('Tidak: proses selesai'; give --reason: the case ends there)"))
    p.add_argument("--reason", default="", help=_("why the answer is 'Tidak', where it ends the procedure (--no)"))
    p.add_argument("--at", help=_("ISO 8601 with offset (default now)"))


def _check_output(task_id: int, user: Any, note: str, at: dt.datetime | None, branch: bool) -> None:
    """A step whose output is a disposition needs it written (outputs.missing_output), as on the case page;
    the command sends no files. Only for whoever may do the step: anyone else is told it is not theirs."""
    from .access import can_act, office_day
    from .outputs import missing_output

    task = Task.objects.select_related("step", "case__office").filter(pk=task_id, status=Task.Status.OPEN).first()
    if task is None or branch or not can_act(task, user, office_day(task.case.office, at)):
        return
    if missing := missing_output(task.step, note, 0):
        raise KinerjaError(_("--note: %(problem)s") % {"problem": missing})


def _complete(command: BaseCommand, *, task: int, user: str, note: str, next_user: str | None, at: str | None,
              branch: bool = False, reason: str = "", **options: Any) -> None:
    from . import actions

    ends = branch and Step.objects.filter(tasks=task, ends_if_not=True).exists()
    if ends:
        done = actions.end_at_decision(task, user=_user(user), reason=reason, note=note, at=_moment(at, "--at"))
        command.stdout.write(_("Task %(task)d done (Tidak) · the case ended at step %(step)s, not continued: "
                               "%(reason)s") % {"task": done.pk, "step": done.step.display_number, "reason": done.reason})
        return
    if reason:
        raise KinerjaError(_("--reason: only a 'Tidak' that ends the procedure (--no) takes a reason here; to send "
                             "the work back, use 'kinerja case return'."))
    _check_output(task, _user(user), note, _moment(at, "--at"), branch)
    done = actions.complete_task(task, user=_user(user), note=note, next_user=_user(next_user) if next_user else None,
                                 at=_moment(at, "--at"), verdict=Task.Verdict.BRANCH if branch else None)
    nxt = Task.objects.filter(case_id=done.case_id, status=Task.Status.OPEN).select_related("step").first()
    if nxt is None:
        command.stdout.write(_("Task %(task)d done · the case is finished.") % {"task": done.pk})
        return
    command.stdout.write(_("Task %(task)d done · next: task %(next)d, step %(step)s, due %(due)s") % {
        "task": done.pk, "next": nxt.pk, "step": nxt.step.display_number, "due": _local(nxt.due_at, done.case.office)})


def _return_args(p: CommandParser) -> None:
    p.add_argument("task", type=int, help=_("the task id (from `kinerja case list` or `kinerja case show`)"))
    p.add_argument("--user", required=True, help=_("username of the person who returns the task"))
    p.add_argument("--reason", required=True, help=_("what is to be revised"))
    p.add_argument("--at", help=_("ISO 8601 with offset (default now)"))


def _return(command: BaseCommand, *, task: int, user: str, reason: str, at: str | None, **options: Any) -> None:
    from . import actions

    done = actions.return_task(task, user=_user(user), reason=reason, at=_moment(at, "--at"))
    nxt = Task.objects.get(case_id=done.case_id, status=Task.Status.OPEN)
    command.stdout.write(_("Task %(task)d returned · back to task %(next)d, step %(step)s, round %(round)d") % {
        "task": done.pk, "next": nxt.pk, "step": nxt.step.display_number, "round": nxt.round})


def _reassign_args(p: CommandParser) -> None:
    p.add_argument("task", type=int, help=_("the task id (from `kinerja case list` or `kinerja case show`)"))
    p.add_argument("--user", required=True, help=_("username of the superior who reassigns"))
    p.add_argument("--to", required=True, help=_("username of the person who takes the task over"))
    p.add_argument("--reason", required=True, help=_("why the task moves to that person"))
    p.add_argument("--at", help=_("ISO 8601 with offset (default now)"))


def _reassign(command: BaseCommand, *, task: int, user: str, to: str, reason: str, at: str | None,
              **options: Any) -> None:
    from . import actions

    moved = actions.reassign_task(task, user=_user(user), to_user=_user(to), reason=reason, at=_moment(at, "--at"))
    command.stdout.write(_("Task %(task)d, step %(step)s · now %(user)s · due %(due)s") % {
        "task": moved.pk, "step": moved.step.display_number, "user": to, "due": _local(moved.due_at, moved.case.office)})


def _verify_args(p: CommandParser) -> None:
    p.add_argument("--office", help=_("office code (default: every office)"))


def _verify(command: BaseCommand, *, office: str | None, **options: Any) -> None:
    from . import audit

    office_id = None
    if office:
        found = Office.objects.filter(code=office).first()
        if found is None:
            raise KinerjaError(_("--office: there is no office %(code)s.") % {"code": office})
        office_id = found.pk
    cases, events, breaks = audit.verify_all(office_id)
    if breaks:
        for b in breaks:
            command.stderr.write(_("BROKEN %(where)s") % {"where": b.describe()})
        raise CommandError(_("%(broken)d of %(cases)d audit chains are broken; first: %(where)s") % {
            "broken": len(breaks), "cases": cases, "where": breaks[0].describe()})
    command.stdout.write(_("OK: %(cases)d cases, %(events)d events, every chain intact.") % {
        "cases": cases, "events": events})


register("case", Verb("start", gettext_lazy("Start a case from the SOP version in force."), _start_args, _start))
register("case", Verb("list", gettext_lazy("List cases with their open step."), _list_args, _list))
register("case", Verb("show", gettext_lazy("Show a case: its tasks and its audit timeline."), _show_args, _show))
register("case", Verb("complete", gettext_lazy("Complete a task (Selesai / Sesuai)."), _complete_args, _complete))
register("case", Verb("return", gettext_lazy("Return a task for revision (Belum sesuai) with a reason."), _return_args,
                      _return))
register("case", Verb("reassign", gettext_lazy("A superior gives an open task of their unit to someone below them or to "
                                               "another holder of its position, with a reason (e.g. when nobody holds "
                                               "its position)."),
                      _reassign_args, _reassign))
register("audit", Verb("verify", gettext_lazy("Check every case's hash chain; exit 1 naming the first broken event."),
                       _verify_args, _verify))
