"""Pages of the engine: the inbox, the case list, the case page with its timeline and the task forms
(htmx: a form with an error comes back in place; success reloads the case page), notifications.

Thin: parse the form, call one action, show its KinerjaError on the form or a 403 page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.errors import KinerjaError, NotAllowed
from kinerja.org.access import office_or_404
from kinerja.org.holding import acting_or_all, holders, holdings, positions_held, stood_in_for
from kinerja.org.models import Assignment, Position, Unit
from kinerja.org.roles import Role, acting_for, roles_and_stand_ins
from kinerja.sop.models import Actor, Step
from kinerja.uploads import KeptFiles, PendingUploads
from kinerja.workflow.gantt import case_gantt_charts

from . import actions, extensions, forms, inbox, notify
from .access import (
    assignee_stands,
    can_act,
    can_answer,
    office_day,
    superior_stood_in,
    supervised_unit_ids,
    with_stands,
)
from .calendar import WorkCalendar
from .models import Case, DivisionRequest, Event, Notification, Task, TaskFile
from .periods import BadPeriod, check_typed_period
from .returns import sent_back


def _forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "workflow/forbidden.html", {"message": message}, status=403)


def _refuse(request: HttpRequest, task: Task, day: dt.date) -> HttpResponse | None:
    """The 403 page for someone who may not act on the open `task` on `day` (actions.refusal says who does it),
    else None. Checked before a task's form is read: the action would refuse too, naming only the position."""
    if task.status == Task.Status.OPEN and not can_act(task, request.user, day):
        return _forbidden(request, str(actions.refusal(task, request.user, day)))
    return None


def _done(request: HttpRequest, case: Case) -> HttpResponse:
    url = reverse("workflow:case", args=[case.pk])
    if request.htmx:  # type: ignore[attr-defined]
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@login_required
def inbox_page(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request)
    now = timezone.now()
    box = inbox.build(request.user, office, now, office_day(office, now))
    return render(request, "workflow/inbox.html", {"box": box, "now": now})


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request)
    cases = list(inbox.case_list(office)[:200])
    current = inbox.open_tasks_by_case(cases)
    rows = [(c, current.get(c.pk)) for c in cases]
    day = office_day(office)
    may_start, start_stood_in = _power(request, day, actions.STARTER_ROLES)
    return render(request, "workflow/case_list.html", {"rows": rows, "may_start": may_start,
                                                       "start_stood_in": start_stood_in, "now": timezone.now()})


def _power(request: HttpRequest, day: dt.date, roles: set[Role]) -> tuple[bool, Assignment | None]:
    """(whether the user has one of `roles` on `day` (roles_of), else the acting assignment through which a Plt
    or Plh has it meanwhile for them: the page says who, and until when). One query, as roles_of alone."""
    have, acting = roles_and_stand_ins(request.user, day)
    return bool(have & roles), acting_for(have, acting, roles)


@login_required
def case_start(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request)
    form = forms.StartCaseForm(request.POST or None, office=office)
    taken = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check_typed_period(data["version"], data["period"])  # "kapan-kapan": the field's error
            case = actions.start_case(data["version"].pk, user=request.user, title=data["title"], period=data["period"],
                                      trigger_note=data["trigger_note"], target_deadline=data["target_deadline"],
                                      unit=data.get("unit"), person=data.get("person"))
            return redirect("workflow:case", case.pk)
        except NotAllowed as e:
            return _forbidden(request, str(actions.start_refusal(e, data["version"], request.user)))
        except actions.PeriodTaken as e:
            taken = e  # shown with a link to the case that runs already
        except BadPeriod as e:
            form.add_error("period", str(e))
        except KinerjaError as e:
            form.add_error(None, str(e))
    return render(request, "workflow/case_start.html", {"form": form, "taken": taken})


def _events(case: Case, tasks: list[Task]) -> list[Event]:
    """The case's timeline. An assignment (or reassignment) names whom the task went to, as `assigned_to`:
    its actor is whoever finished the step before, and "Task assigned · step 3 · <the JFU>" read as if
    step 3 were the JFU's."""
    events = list(case.events.select_related("actor__person").order_by("seq"))
    by_task = {t.pk: t for t in tasks}
    people = {p.pk: p for t in tasks for p in (t.assignee, t.done_by.person if t.done_by else None) if p is not None}
    positions = {t.position_id: t.position for t in tasks}
    # The divisions the coordinating step asked, with their requests (prefetched with the tasks): the events
    # hold their ids, the timeline names them.
    asked = {r.pk: r for t in tasks for r in t.requests.all()}
    divisions = {r.division_id: r.division.short_name or r.division.name for r in asked.values()}
    for event in events:
        data = event.data or {}
        if event.kind == Event.Kind.REQUESTS_SENT:
            event.division_names = ", ".join(divisions.get(pk, "?") for pk in data.get("divisions", []))
            event.due_at = dt.datetime.fromisoformat(data["due"]) if data.get("due") else None
            continue
        if event.kind == Event.Kind.COMPLETED_WITH_MISSING:
            event.division_names = ", ".join(divisions.get(pk, "?") for pk in data.get("missing_divisions") or [])
            continue
        if event.kind == Event.Kind.DUE_MOVED:
            # Moved over a day of the calendar (its "day"), or by a change of the office's hours or time zone.
            event.moved = (dt.datetime.fromisoformat(data["from"]), dt.datetime.fromisoformat(data["to"]),
                           dt.date.fromisoformat(data["day"]) if data.get("day") else None, data.get("change", ""))
            continue
        if event.kind == Event.Kind.REQUEST_ANSWERED:
            answered = asked.get(data.get("request"))
            event.division_names = divisions.get(data.get("division"), "")
            event.late = answered is not None and event.at > answered.due_at
            continue
        if event.kind == Event.Kind.TASK_ASSIGNED:
            person, position = people.get(data.get("assignee")), positions.get(data.get("position"))
        elif event.kind == Event.Kind.REASSIGNED:
            task = by_task.get(data.get("task"))
            person, position = people.get(data.get("to_person")), task.position if task else None
        else:
            continue
        event.assigned_to = person.full_name if person is not None else position.label if position else ""
    return events


def _case_context(request: HttpRequest, case: Case, **forms_override: Any) -> dict[str, Any]:
    office = case.office
    now = timezone.now()
    day = office_day(office, now)
    cal = WorkCalendar.for_office(office)
    tasks = list(with_stands(case.tasks.select_related("step__actor", "position", "assignee", "done_by__person"), day)
                 .prefetch_related(Prefetch("requests", DivisionRequest.objects.select_related(
                     "division", "answered_by__person").order_by("division__pk")),
                     Prefetch("files", TaskFile.objects.order_by("pk")))
                 .order_by("opened_at", "pk"))
    current = next((t for t in tasks if t.status == Task.Status.OPEN), None)
    steps = list(Step.objects.filter(version=case.sop_version_id).select_related("actor__position").order_by("number"))
    ctx: dict[str, Any] = {"case": case, "tasks": tasks, "current": current, "steps": steps, "now": now,
                           # The audit events hold the steps' numbers; the timeline prints them as the SOP does.
                           "step_labels": {s.number: s.display_number for s in steps},
                           "day_length": cal.day_length,
                           "events": _events(case, tasks),
                           "records": extensions.case_records(case)}
    if case.status == Case.Status.OPEN:
        may_cancel, ctx["cancel_stood_in"] = ((True, None) if case.started_by_id == request.user.pk
                                              else _power(request, day, actions.CANCEL_ROLES))
        if may_cancel:
            ctx["cancel_form"] = forms_override.get("cancel_form") or forms.CancelForm()
    # Once the coordinating step is done, what the divisions sent stays on the page for the steps that
    # check and compile it (their last round of requests, with their figures as they stand).
    asked = next((t for t in reversed(tasks) if t.requests.all()), None)
    if asked is not None and asked is not current:
        sent = list(asked.requests.all())
        figures = extensions.answer_figures(case, sent)
        for r in sent:
            r.figures = figures.get(r.pk, "")  # type: ignore[attr-defined]
        ctx["answers"] = {"task": asked, "requests": sent, "answered": sum(1 for r in sent if r.answered_at)}
    # Where a decision's "Tidak" ended the procedure: that step's task, with its reason (already read).
    if case.status == Case.Status.ENDED:
        ctx["ended"] = next((t for t in reversed(tasks) if t.verdict == Task.Verdict.END), None)
    if case.status != Case.Status.OPEN:
        # The steps the closed case never ran (after its end, or skipped by a "Tidak"), as the SOP prints them.
        ran = {t.step_id for t in tasks}
        ctx["not_run"] = [s.display_number for s in steps if s.pk not in ran]
    if current is None:
        return ctx
    ctx["row"] = inbox.classify(current, cal, now)
    # What the step before handed over to this one (the Kasubbag's instruction to the JFU): its note and files.
    if (before := handed_over(current, tasks)) is not None:
        ctx["handed_over"] = before
        ctx["handed_over_instructs"] = before.position.kind in Position.HEAD_KINDS
    # Work sent back: the "Belum sesuai" that opened this round, with its reason, on the card of the task.
    ctx["sent_back"] = sent_back([current], tasks).get(current.pk)
    if current.assignee and assignee_stands(current, day):
        ctx["current_people"] = [current.assignee]
        ctx["doing"] = current.assignee.full_name
    else:
        found = holdings(current.position, day)
        ctx["current_people"] = acting_or_all(found)
        # "Plt. Kepala Dinas" over the acting holder's name: "Kepala Dinas" alone made them the head.
        ctx["current_title"] = next((a.title_as_held for a in found if a.is_acting), current.position.title)
        # A definitive holder looking for the task while a Plt or Plh does it: who, and until when.
        ctx["stood_in"] = stood_in_for(found, request.user)
        # Who does the step, for anyone else who opens the page: why they have no form to complete it.
        if ctx["current_people"]:
            ctx["doing"] = _("%(names)s (%(title)s)") % {
                "names": ", ".join(p.full_name for p in ctx["current_people"]), "title": ctx["current_title"]}
    answered = sum(1 for r in current.requests.all() if r.answered_at)
    ctx["progress"] = (answered, len(current.requests.all()))
    ctx["answerable"] = [r for r in current.requests.all() if not r.answered_at and can_answer(r, request.user, day)]
    # What each division answered beyond its note and files (the performance app: its figures).
    figures = extensions.answer_figures(case, list(current.requests.all()))
    for r in current.requests.all():
        r.figures = figures.get(r.pk, "")  # type: ignore[attr-defined]
    if can_act(current, request.user, day):
        ctx["mine"] = True
        # What the buttons lead to, said next to them: the next step, and where "Belum sesuai" sends the work.
        ctx["next_step"] = next((s for s in steps if s.number > current.step.number), None)
        ctx["back_step"] = current.step.returns_to.select_related("actor").first()
        ctx["branch_step"] = next((s for s in steps if s.pk == current.step.branch_to_id), None)
        ctx["complete_form"] = forms_override.get("complete_form") or _complete_form(
            current, ctx["next_step"], ctx["back_step"] is not None, ctx["branch_step"], case, day)
        ctx["is_decision"] = isinstance(ctx["complete_form"], forms.DecideForm)
        # A step done by an act elsewhere (the initials on the case's Data Kinerja): the page leads there,
        # and its form only sends the work back. No query unless the case is guarded.
        ctx["hold"] = extensions.completion_hold(current)
        if ctx["hold"] is not None and isinstance(ctx["complete_form"], forms.DecideForm):
            ctx["complete_form"].only_return()
        if current.step.coordinates_divisions:
            asked = {r.division_id for r in current.requests.all()}
            # Every division not asked yet is ticked: the step coordinates with all of them ("dengan bidang-bidang");
            # the Sekretariat is offered, not ticked (it is asked where it answers for figures of its own).
            # Three working days, but never after the step's own due time: a 2-hari step cannot wait 3 days.
            due = cal.add(now, 3, "day")
            if now < current.due_at < due:
                due = current.due_at
            ctx["requests_form"] = forms_override.get("requests_form") or forms.RequestsForm(
                office=office, initial={"due_at": due.astimezone(cal.tz)})
            divisions = ctx["requests_form"].fields["divisions"]
            divisions.queryset = divisions.queryset.exclude(pk__in=asked)
            if "requests_form" not in forms_override:
                ctx["requests_form"].initial["divisions"] = [u.pk for u in divisions.queryset
                                                             if u.kind == Unit.Kind.DIVISION]
            ctx["missing_form"] = forms_override.get("missing_form") or forms.MissingForm()
            # Said above the reason asked for: which divisions it is about (the list of answers is far above).
            ctx["unanswered"] = [r.division.short_name or r.division.name for r in current.requests.all()
                                 if r.answered_at is None and r.cancelled_at is None]
    held = positions_held(request.user, day)
    if current.position.unit_id not in supervised_unit_ids(request.user, office, day, held):
        # A superior away while a Plt or Plh acts for them: who reassigns meanwhile, and until when.
        ctx["superior_stood_in"] = superior_stood_in(request.user, office, day, current.position.unit_id, held)
        return ctx
    doing = ctx["current_people"]
    reassign = forms_override.get("reassign_form") or forms.ReassignForm(task=current, user=request.user)
    if len(doing) == 1:
        reassign.leave_out(doing[0].pk)
    if reassign.is_bound or not reassign.offers_nobody():
        ctx["reassign_form"] = reassign
    else:
        # An empty list to choose from says nothing: the page says why nobody is offered and what to do.
        ctx["reassign_nobody"] = True
    return ctx


def handed_over(current: Task, tasks: list[Task]) -> Task | None:
    """The task last done at an earlier step than `current`'s, whose note and files `current`'s performer works
    from (the Kasubbag's instruction to the JFU); `tasks`: the case's, in the order they opened. Work sent back
    to `current`'s step still shows it (the page shows the return's reason beside). None when it handed over
    neither a note nor a file."""
    before = [t for t in tasks if t.pk != current.pk and t.opened_at <= current.opened_at
              and t.status == Task.Status.DONE and t.step.number < current.step.number]
    if not before:
        return None
    task = before[-1]
    return task if task.note.strip() or any(f.request_id is None for f in task.files.all()) else None


def _completed(request: HttpRequest, task: Task) -> None:
    """The flash after a step is done: which, and who has the case's next step now."""
    nxt = getattr(task, "next_task", None)
    if nxt is None:
        message = _("Step %(n)s is done: the case is complete.") % {"n": task.step.display_number}
    else:
        position = nxt.position
        people = ([nxt.assignee] if nxt.assignee_id else
                  acting_or_all(holdings(position, office_day(task.case.office))))
        who = (_("%(names)s (%(title)s)") % {"names": ", ".join(p.full_name for p in people), "title": position.label}
               if people else position.label)
        message = _("Step %(n)s is done: step %(next)s now goes to %(who)s.") % {
            "n": task.step.display_number, "next": nxt.step.display_number, "who": who}
    messages.success(request, message)


def _complete_form(task: Task, next_step: Step | None, returns: bool, branch_step: Step | None, case: Case, day: Any,
                   data: Any = None, files: Any = None) -> forms.CompleteForm:
    """The form that completes `task`: a decision's (DecideForm) when the step may send the work back, its
    "Tidak" goes on to a later step or ends the procedure, else the plain one."""
    people = _next_people(next_step, case, day)
    ends = task.step.ends_if_not
    if not returns and branch_step is None and not ends:
        return forms.CompleteForm(data, files, next_people=people, step=task.step)
    return forms.DecideForm(data, files, next_people=people, step=task.step, returns=returns, branch_step=branch_step,
                            branch_people=_next_people(branch_step, case, day), ends=ends)


def _next_people(step: Step | None, case: Case, day: Any) -> list[Any]:
    """Who may do the next step, when its position has several holders (the performer picks one)."""
    if step is None or step.actor.in_unit == Actor.InUnit.PERSON:  # theirs: nobody to choose
        return []
    position = actions.position_for(step, case.unit_id, case.person_id, day)
    return holders(position, day) if position and not position.single_holder else []


def _case_for(request: HttpRequest, pk: int) -> Case:
    cases = Case.objects.select_related("office", "sop_version__sop", "started_by__person", "unit", "person")
    return get_object_or_404(cases, pk=pk, office=office_or_404(request))


@login_required
def case_page(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for(request, pk)
    ctx = _case_context(request, case)
    # Only the full page draws the chart; the htmx fragments of the same context do not need it.
    ctx["gantt"] = case_gantt_charts(case, now=ctx["now"])
    return render(request, "workflow/case.html", ctx)


def _task_for(request: HttpRequest, pk: int) -> Task:
    return get_object_or_404(Task.objects.select_related("case__office", "step", "position"), pk=pk,
                             case__office=office_or_404(request))


@login_required
def task_page(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_for(request, pk)
    return redirect(reverse("workflow:case", args=[task.case_id]) + f"#task-{task.pk}")


def _form_error(request: HttpRequest, case: Case, key: str, form: Any, task: Task | None = None) -> HttpResponse:
    if task is not None:
        task.refresh_from_db(fields=["status"])
    # A task's form comes back only on that task: the next step's form must not arrive filled in.
    ctx = _case_context(request, case, **({key: form} if task is None or task.status == Task.Status.OPEN else {}))
    if ctx.get(key) is not form:
        # The form is gone from the page (the task moved on, the case closed): its error and what was
        # typed are shown on their own, so the user learns why and can copy the text.
        ctx["stale_form"] = form
    template = "workflow/partials/actions.html" if request.htmx else "workflow/case.html"  # type: ignore[attr-defined]
    return render(request, template, ctx)


@require_POST
@login_required
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_for(request, pk)
    day = office_day(task.case.office)
    if refused := _refuse(request, task, day):
        return refused
    next_step = (Step.objects.filter(version=task.step.version_id, number__gt=task.step.number)
                 .select_related("actor__position").order_by("number").first())
    branch_step = (Step.objects.select_related("actor__position").get(pk=task.step.branch_to_id)
                   if task.step.branch_to_id else None)
    form = _complete_form(task, next_step, task.step.returns_to.exists(), branch_step, task.case, day,
                          request.POST, request.FILES)
    decision = isinstance(form, forms.DecideForm)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if decision and data["verdict"] == Task.Verdict.NOT_OK:
                actions.return_task(task.pk, user=request.user, reason=data["reason"], note=data.get("note", ""),
                                    files=request.FILES.getlist("files"))
            elif decision and data["verdict"] == Task.Verdict.END:
                actions.end_at_decision(task.pk, user=request.user, reason=data["reason"], note=data["note"],
                                        files=request.FILES.getlist("files"))
            else:
                branch = decision and data["verdict"] == Task.Verdict.BRANCH
                chosen = data.get("branch_user") if branch else data.get("next_user")
                done = actions.complete_task(task.pk, user=request.user, note=data["note"],
                                             files=request.FILES.getlist("files"), next_user=chosen.user if chosen else None,
                                             verdict=data["verdict"] if decision else None)
                _completed(request, done)
            return _done(request, task.case)
        except extensions.CompletionHeld:
            # The page's notice says what completes the step and leads there (as an alert now); what was
            # typed is shown apart, since the form on the page now only sends the work back.
            ctx = _case_context(request, task.case)
            ctx["stale_form"], ctx["hold_refused"] = form, True
            template = "workflow/partials/actions.html" if request.htmx else "workflow/case.html"  # type: ignore[attr-defined]
            return render(request, template, ctx)
        except NotAllowed as e:
            return _forbidden(request, str(e))
        except KinerjaError as e:
            form.add_error(None, str(e))
    if chosen := [f.name for f in request.FILES.getlist("files")]:
        form.add_error(None, _("Choose the files again (%(names)s): a browser does not keep a chosen file "
                               "after an error.") % {"names": ", ".join(chosen)})
    return _form_error(request, task.case, "complete_form", form, task)


@require_POST
@login_required
def send_requests(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_for(request, pk)
    if refused := _refuse(request, task, office_day(task.case.office)):
        return refused
    form = forms.RequestsForm(request.POST, office=task.case.office)
    if form.is_valid():
        try:
            actions.send_division_requests(task.pk, user=request.user, divisions=form.cleaned_data["divisions"],
                                           what=form.cleaned_data["what"], due_at=form.cleaned_data["due_at"])
            return _done(request, task.case)
        except NotAllowed as e:
            return _forbidden(request, str(e))
        except KinerjaError as e:
            form.add_error(None, str(e))
    return _form_error(request, task.case, "requests_form", form, task)


@require_POST
@login_required
def complete_missing(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_for(request, pk)
    if refused := _refuse(request, task, office_day(task.case.office)):
        return refused
    form = forms.MissingForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            done = actions.complete_with_missing(task.pk, user=request.user, reason=form.cleaned_data["reason"],
                                                 note=form.cleaned_data["note"], files=request.FILES.getlist("files"))
            _completed(request, done)
            return _done(request, task.case)
        except NotAllowed as e:
            return _forbidden(request, str(e))
        except KinerjaError as e:
            form.add_error(None, str(e))
    if chosen := [f.name for f in request.FILES.getlist("files")]:
        form.add_error(None, _("Choose the files again (%(names)s): a browser does not keep a chosen file "
                               "after an error.") % {"names": ", ".join(chosen)})
    return _form_error(request, task.case, "missing_form", form, task)


@require_POST
@login_required
def reassign(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_for(request, pk)
    form = forms.ReassignForm(request.POST, task=task, user=request.user)
    if form.is_valid():
        try:
            actions.reassign_task(task.pk, user=request.user, to_user=form.cleaned_data["to_person"].user,
                                  reason=form.cleaned_data["reason"])
            return _done(request, task.case)
        except (actions.AlreadyAssigned, actions.NotTheirsToTake) as e:
            form.add_error("to_person", str(e))
        except NotAllowed as e:
            return _forbidden(request, str(e))
        except KinerjaError as e:
            form.add_error(None, str(e))
    return _form_error(request, task.case, "reassign_form", form, task)


def _request_for(request: HttpRequest, pk: int) -> DivisionRequest:
    return get_object_or_404(DivisionRequest.objects.select_related("division", "task__case__office", "sent_by__person",
                                                                    "answered_by__person"),
                             pk=pk, task__case__office=office_or_404(request))


@login_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The answer page of a division's contact: a note and files, and each registered extension's part
    (extensions.py: the performance app adds the division's indicator actuals), saved in one action."""
    req = _request_for(request, pk)
    case = req.task.case
    posted = request.method == "POST"
    if not posted and (req.answered_at is not None or req.task.status != Task.Status.OPEN):
        # Nothing left to answer: the case page shows the answer. (A POST is refused by the action, with who and when.)
        return redirect(reverse("workflow:case", args=[case.pk]) + f"#request-{req.pk}")
    if not can_answer(req, request.user, office_day(case.office)):
        return _forbidden(request, _("Only the data contact or the head of %(division)s may answer this request.") % {
            "division": req.division.name})
    kept = KeptFiles(_answer_uploads(req, request.user), request) if posted else None
    files = kept.files if kept is not None else None
    form = forms.AnswerForm(request.POST if posted else None, files)
    parts = extensions.answer_parts(req, user=request.user, data=request.POST if posted else None, files=files)
    try:
        if kept is not None:
            # Every check runs, whatever failed before it: one submit tells every problem at once.
            valid = [form.is_valid()] + [p.is_valid() for p in parts]
            valid += [p.check() for p in parts]
            # The same file twice under Berkas, or there and in a part (an indicator's evidence): told with the rest.
            elsewhere = [chosen for p in parts if hasattr(p, "chosen_files") for chosen in p.chosen_files()]
            repeats, repeated = forms.same_files(files.getlist("files"), elsewhere)
            for problem in repeats:
                form.add_error(None, problem)
            valid.append(not repeats)
            if kept.refused:
                valid.append(False)
                form.add_error(None, _("A file kept from an earlier try is no longer there (or is not yours): "
                                       "choose it again."))
            # "hapus" of a kept file without JavaScript (answer_remove_kept is the htmx way): the file goes, and
            # the page comes back with everything typed and the other files kept, its problems told as after a
            # submit; nothing is sent.
            if all(valid) and not kept.removed:
                try:
                    actions.answer_request(req.pk, user=request.user, note=form.cleaned_data["note"],
                                           files=files.getlist("files"), extra=extensions.saving(parts, user=request.user),
                                           elsewhere=elsewhere)
                    kept.done()
                    return _done(request, case)
                except NotAllowed as e:
                    return _forbidden(request, str(e))
                except KinerjaError as e:
                    if not any(p.show_error(e) for p in parts):
                        form.add_error(None, str(e))
            kept.keep(lambda name, f: id(f) not in repeated and _upload_passed(parts, name, f),
                      lambda name: name != "files")
        summary = _error_summary(form, parts) if posted else []
        return render(request, "workflow/answer.html", {
            "req": req, "case": case, "form": form, "parts": parts, "now": timezone.now(),
            "kept_files": kept.shown if kept is not None else {},
            "removed_files": kept.removed if kept is not None else {},
            "error_summary": summary,
            "stylesheets": sorted({s for p in parts for s in getattr(p, "stylesheets", ())})},
            status=400 if kept is not None and (summary or not kept.removed) else 200)
    finally:
        if kept is not None:
            kept.close()


@require_POST
@login_required
def answer_remove_kept(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """"hapus" of a file kept from an earlier try of the answer page, at once (htmx): the kept copy goes and the
    file's line on the page says so. Only the uploader's own kept file of this request can go (_answer_uploads)."""
    req = _request_for(request, pk)
    if not can_answer(req, request.user, office_day(req.task.case.office)):
        return _forbidden(request, _("Only the data contact or the head of %(division)s may answer this request.") % {
            "division": req.division.name})
    pending = _answer_uploads(req, request.user)
    name = pending.name(request, token)
    pending.forget(request, token)
    return render(request, "workflow/partials/kept_removed.html", {"file_name": name})


def _answer_uploads(req: DivisionRequest, user: Any) -> PendingUploads:
    """The files a user chose for the answer to one request, kept between tries (their session's, this request's)."""
    return PendingUploads("answer-pending", f"answer_uploads_{req.pk}_{user.pk}", "berkas")


def _upload_passed(parts: list[Any], name: str, upload: Any) -> bool:
    """Whether a file chosen on the answer page passed its checks, so it is kept for the next try."""
    if name == "files":
        return forms.file_problem(upload) is None
    return next((r for p in parts if (r := p.upload_passed(name)) is not None), False)


def _error_summary(form: forms.AnswerForm, parts: list[Any]) -> list[tuple[str, str]]:
    """Every problem of a refused answer with the id of the place it is shown, for the list at the top."""
    found = [(str(e), "answer-errors") for e in form.non_field_errors()]
    found += [(str(e), form[name].id_for_label) for name, errs in form.errors.items() if name != "__all__" for e in errs]
    for part in parts:
        found += part.error_links() if hasattr(part, "error_links") else []
    return found


@login_required
def task_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A file handed in with a task's output or a division's answer, for anyone who may open its case.
    Stored files are never served as static files (urls.py): this is the only way to them."""
    stored = get_object_or_404(TaskFile, pk=pk, task__case__office=office_or_404(request))
    handle = stored.file.open("rb")  # gone from the disk: web.middleware.MissingFileMiddleware says so
    return FileResponse(handle, as_attachment=True, filename=stored.name)


@require_POST
@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for(request, pk)
    form = forms.CancelForm(request.POST)
    if form.is_valid():
        try:
            actions.cancel_case(case.pk, user=request.user, reason=form.cleaned_data["reason"])
            return _done(request, case)
        except NotAllowed as e:
            return _forbidden(request, str(e))
        except KinerjaError as e:
            form.add_error(None, str(e))
    return _form_error(request, case, "cancel_form", form)


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The unread count, a fragment the page frame loads with htmx."""
    return render(request, "workflow/partials/notifications.html", {"unread": notify.unread_count(request.user)})


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request)
    mine = Notification.objects.filter(Q(case__office=office) | Q(case__isnull=True, office=office), user=request.user)
    if request.method == "POST":
        mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("workflow:notification_list")
    shown = list(mine.select_related("case", "task__step", "task__assignee", "request__division")[:100])
    # A return says what to fix: the "Belum sesuai" that opened the returned round (the case page's sent_back).
    returned = [n for n in shown if n.kind == Notification.Kind.RETURNED and n.task is not None]
    backs = sent_back(n.task for n in returned)
    for n in returned:
        n.sent_back = backs.get(n.task_id)  # type: ignore[attr-defined]
    for n in shown:
        n.news = notify.is_news(n)  # type: ignore[attr-defined]
    return render(request, "workflow/notifications.html", {"items": shown})

