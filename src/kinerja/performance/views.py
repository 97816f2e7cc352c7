"""Pages of the performance data: indicator and target management (Subbag Program), each division's
quarterly input form, the Kasubbag's check screen and the history of an actual. Thin: each POST
calls one action; every query filters by request.office, so another office's id is a 404."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.errors import KinerjaError, NotAllowed
from kinerja.org.access import office_or_404
from kinerja.org.holding import today_in
from kinerja.org.models import Office, Unit
from kinerja.uploads import PendingUploads

from . import access, actions, checking, importer, plan, signoff
from .actions import FieldError, TargetErrors, target_field
from .cards import (
    ANNUAL,
    Card,
    Period,
    input_card,
    period_indicators,
)
from .forms import (
    ActivityForm,
    ActualForm,
    CorrectionForm,
    ImportForm,
    IndicatorForm,
    ObjectiveEditForm,
    ObjectiveForm,
    ReturnForm,
    TargetsForm,
)
from .models import (
    QUARTERS,
    ActionPlanItem,
    Actual,
    Evidence,
    Indicator,
    Objective,
    RemovedActionPlanItem,
    Target,
    actuals_as_of,
)
from .numbers import format_plain
from .plan import ActivityErrors
from .templatetags.perfdata import code_message, keep_code

# --- helpers ------------------------------------------------------------------------------------


def _today(request: HttpRequest) -> dt.date:
    return today_in(office_or_404(request).time_zone)


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        number = int(value or "")
    except ValueError:
        return default
    return number if low <= number <= high else default


def _period(request: HttpRequest) -> Period:
    today = _today(request)
    source = request.POST if request.method == "POST" else request.GET
    # By default the last quarter that has ended: its data is what the divisions are collecting.
    ended = (today.month - 1) // 3
    default_year, default_quarter = (today.year, ended) if ended else (today.year - 1, 4)
    year = _int(source.get("year"), default_year, 2000, 2100)
    quarter = _int(source.get("quarter"), default_quarter, 0, 4)
    return Period(year, quarter)


def _period_choices(today: dt.date) -> dict[str, Any]:
    return {"years": list(range(today.year + 1, today.year - 5, -1)),
            "quarters": [(ANNUAL, _("Whole year")), *QUARTERS]}


# --- indicators and targets ---------------------------------------------------------------------

@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request)
    today = _today(request)
    year = _int(request.GET.get("year"), today.year, 2000, 2100)
    # Four queries whatever the number of indicators: objectives, their indicators, the year's targets and
    # the year's Rencana Aksi activities.
    objectives = Objective.objects.filter(office=office).prefetch_related(Prefetch(
        "indicators", queryset=Indicator.objects.in_year(year).select_related("division").prefetch_related(
            Prefetch("targets", queryset=Target.objects.filter(year=year), to_attr="year_targets"),
            Prefetch("action_plan", queryset=ActionPlanItem.objects.filter(year=year), to_attr="year_plan"))))
    groups = []
    for objective in objectives:
        rows = []
        for indicator in objective.indicators.all():
            slots = {target_field(t.kind, t.quarter): t.value for t in indicator.year_targets}
            rows.append({"indicator": indicator, "targets": slots,
                         "quarters": [slots.get(f"quarter_{q}") for q in range(1, 5)],
                         "activities": indicator.year_plan})
        groups.append({"objective": objective, "rows": rows})
    may_manage, stood_in = access.manage_power(request.user, today)
    return render(request, "performance/indicator_list.html", {
        "groups": groups, "year": year, "can_manage": may_manage,
        # A Kasubbag away while a Plt or Plh acts for them: told who manages meanwhile (no query more).
        "manage_refusal": access.manage_refusal(stood_in) if stood_in is not None else "",
        **_period_choices(today)})


def _act(form: Any, call: Callable[[], Any]) -> tuple[bool, Any]:
    """Run the action `call` for a posted form: (True, its result), or (False, None) with its errors on the
    form (a field's beside the field, each of an activity's at its field, any other above the form). Not
    allowed is a 403; an activity removed a moment ago by someone else is a 404."""
    try:
        return True, call()
    except ActionPlanItem.DoesNotExist as e:
        raise Http404 from e
    except ActivityErrors as e:
        for error in e.errors:
            form.add_error(error.field, str(error))
    except FieldError as e:
        form.add_error(e.field if e.field in form.fields else None, str(e))
    except NotAllowed as e:
        raise PermissionDenied(str(e)) from e  # the 403 page says why (who acts meanwhile, for an official away)
    except KinerjaError as e:
        form.add_error(None, str(e))
    return False, None


def _require_manager(request: HttpRequest) -> Office:
    office = office_or_404(request)
    may, acting = access.manage_power(request.user, _today(request))
    if not may:
        raise PermissionDenied(access.manage_refusal(acting))
    return office


@login_required
def objective_new(request: HttpRequest) -> HttpResponse:
    office = _require_manager(request)
    # Proposed: the strategic plan running this year, the one its other objectives are of (a new one of
    # this year and the next four started a separate plan beside it).
    year = _today(request).year
    running = (Objective.objects.filter(office=office, plan_start_year__lte=year, plan_end_year__gte=year)
               .order_by("-plan_start_year").first())
    start, end = (running.plan_start_year, running.plan_end_year) if running else (year, year + 4)
    form = ObjectiveForm(request.POST or None, office=office, initial={"plan_start_year": start, "plan_end_year": end})
    if request.method == "POST" and form.is_valid():
        done, saved = _act(form, lambda: actions.add_objective(office, user=request.user, **form.cleaned_data))
        if done:
            messages.success(request, code_message(_("The objective %(code)s was saved."), code=saved.code))
            return redirect("performance:indicators")
    return render(request, "performance/objective_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def objective_edit(request: HttpRequest, objective_id: int) -> HttpResponse:
    office = _require_manager(request)
    objective = get_object_or_404(Objective, pk=objective_id, office=office)
    form = ObjectiveEditForm(request.POST or None, initial=ObjectiveEditForm.initial_for(objective))
    if request.method == "POST" and form.is_valid():
        done, saved = _act(form, lambda: actions.save_objective(office, user=request.user, objective_id=objective.pk,
                                                                **form.cleaned_data))
        if done:
            messages.success(request, code_message(_("The objective %(code)s was saved."), code=saved.code))
            return redirect("performance:indicators")
    return render(request, "performance/objective_form.html", {"form": form, "objective": objective},
                  status=400 if form.errors else 200)


@login_required
def indicator_edit(request: HttpRequest, indicator_id: int | None = None) -> HttpResponse:
    office = _require_manager(request)
    indicator = get_object_or_404(Indicator, pk=indicator_id, office=office) if indicator_id else None
    initial = IndicatorForm.initial_for(indicator) if indicator else None
    form = IndicatorForm(request.POST or None, office=office, initial=initial)
    # A new indicator is measured from the year of the list it was added from ("Tambah" on the list of 2026).
    year = None if indicator else (_int(request.GET.get("year"), 0, 2000, 2100) or None)
    if request.method == "POST" and form.is_valid():
        done, saved = _act(form, lambda: actions.save_indicator(
            office, user=request.user, indicator_id=indicator.pk if indicator else None, first_year=year,
            **form.cleaned_data))
        if done:
            messages.success(request, code_message(_("The indicator %(code)s was saved."), code=saved.code))
            return redirect(reverse("performance:indicators") + (f"?year={year}" if year else ""))
    return render(request, "performance/indicator_form.html", {"form": form, "indicator": indicator, "year": year})


@login_required
def indicator_targets(request: HttpRequest, indicator_id: int) -> HttpResponse:
    office = _require_manager(request)
    indicator = get_object_or_404(Indicator.objects.select_related("objective"), pk=indicator_id, office=office)
    year = _int(request.GET.get("year"), _today(request).year, 2000, 2100)
    if request.method == "POST":
        form = TargetsForm(request.POST)
        if form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if k != "renstra_end"}
            try:
                saved = actions.set_targets(indicator.pk, year, user=request.user, values=values,
                                            plan_end_value=form.cleaned_data["renstra_end"])
            except TargetErrors as e:
                for error in e.errors:
                    form.add_error(error.field if error.field != Target.Kind.RENSTRA_END else "renstra_end", str(error))
            except NotAllowed as e:
                raise PermissionDenied from e
            else:
                messages.success(request, code_message(_("The targets of %(code)s for %(year)d were saved."),
                                                       code=indicator.code, year=year))
                labels = {name: str(f.label) for name, f in form.fields.items()}
                for warning in actions.target_warnings(saved, labels):
                    messages.warning(request, warning)
                return redirect(f"{reverse('performance:indicators')}?year={year}")
        return _render_targets(request, indicator, year, form=form)
    if request.htmx:  # type: ignore[attr-defined]
        return _render_plan(request, indicator, year)  # the plan's Cancel: the list again, without a form open
    return _render_targets(request, indicator, year)


def _targets_form(indicator: Indicator, year: int) -> TargetsForm:
    found = {target_field(t.kind, t.quarter): t.value for t in indicator.targets.filter(year=year)}
    end = indicator.targets.filter(kind=Target.Kind.RENSTRA_END, year=indicator.objective.plan_end_year).first()
    initial = {k: format_plain(v) if not isinstance(v, str) else v for k, v in found.items()}
    if end:
        initial["renstra_end"] = format_plain(end.value_number) if end.value_number is not None else end.value_text
    return TargetsForm(initial=initial)


def _plan_context(indicator: Indicator, year: int, plan_form: ActivityForm | None = None,
                  editing: ActionPlanItem | None = None, notice: str = "") -> dict[str, Any]:
    """The Rencana Aksi section of the Target page: the year's activities (one query for any number), and
    the form to add one, or to change `editing`."""
    if plan_form is None:
        plan_form = (ActivityForm(initial=ActivityForm.initial_for(editing), prefix=f"a{editing.pk}") if editing
                     else ActivityForm(prefix="new"))
    return {"indicator": indicator, "year": year, "activities": list(indicator.action_plan.filter(year=year)),
            "removed": list(indicator.removed_activities.filter(year=year)),
            "plan_form": plan_form, "editing": editing, "notice": notice}


def _render_targets(request: HttpRequest, indicator: Indicator, year: int, *, form: TargetsForm | None = None,
                    status: int = 200, **plan: Any) -> HttpResponse:
    saved = _targets_form(indicator, year)
    return render(request, "performance/targets_form.html", {
        "form": form or saved, "end_year": indicator.objective.plan_end_year,
        # On paper the form's inputs are not printed (kinerja.css): the saved targets print as a table.
        "saved": [(field.label, name, saved.initial.get(name, "")) for name, field in saved.fields.items()],
        **_plan_context(indicator, year, **plan)}, status=status)


def _render_plan(request: HttpRequest, indicator: Indicator, year: int, **plan: Any) -> HttpResponse:
    # htmx swaps only 2xx answers: a refused form comes back with 200 and carries its errors itself.
    return render(request, "performance/partials/action_plan.html", _plan_context(indicator, year, **plan))


def _plan_done(request: HttpRequest, indicator: Indicator, year: int, notice: str) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        return _render_plan(request, indicator, year, notice=notice)
    messages.success(request, notice)
    return redirect(f"{reverse('performance:targets', args=[indicator.pk])}?year={year}#plan")


def _plan_refused(request: HttpRequest, indicator: Indicator, year: int, form: ActivityForm,
                  editing: ActionPlanItem | None = None) -> HttpResponse:
    """The form again with its errors and everything typed in it."""
    if request.htmx:  # type: ignore[attr-defined]
        return _render_plan(request, indicator, year, plan_form=form, editing=editing)
    return _render_targets(request, indicator, year, plan_form=form, editing=editing, status=400)


def _activity_for(request: HttpRequest, item_id: int) -> ActionPlanItem:
    office = _require_manager(request)
    return get_object_or_404(ActionPlanItem.objects.select_related("indicator__objective"), pk=item_id,
                             indicator__office=office)


@require_POST
@login_required
def activity_add(request: HttpRequest, indicator_id: int) -> HttpResponse:
    office = _require_manager(request)
    indicator = get_object_or_404(Indicator.objects.select_related("objective"), pk=indicator_id, office=office)
    year = _int(request.GET.get("year"), _today(request).year, 2000, 2100)
    form = ActivityForm(request.POST, prefix="new")
    if form.is_valid():
        done, item = _act(form, lambda: plan.add_activity(indicator.pk, year, user=request.user, **form.edit_values()))
        if done:
            return _plan_done(request, indicator, year,
                              _("Activity %(n)d was added to the action plan.") % {"n": item.order})
    return _plan_refused(request, indicator, year, form)


@login_required
def activity_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    """GET: the Target page with the activity's form open (only the plan's section, for htmx); POST: save it."""
    item = _activity_for(request, item_id)
    indicator, year = item.indicator, item.year
    if request.method != "POST":
        if request.htmx:  # type: ignore[attr-defined]
            return _render_plan(request, indicator, year, editing=item)
        return _render_targets(request, indicator, year, editing=item)
    form = ActivityForm(request.POST, prefix=f"a{item.pk}")
    if form.is_valid() and _act(form, lambda: plan.change_activity(item.pk, user=request.user,
                                                                 **form.edit_values()))[0]:
        return _plan_done(request, indicator, year, _("Activity %(n)d was saved.") % {"n": item.order})
    return _plan_refused(request, indicator, year, form, editing=item)


@contextmanager
def _refusals_as_http(model: Any) -> Iterator[None]:
    """A change of the plan refused as the page answers it: the row gone (`model`'s, removed or restored by
    someone else a moment ago) is a 404, a user who may not change the plan gets a 403."""
    try:
        yield
    except model.DoesNotExist as e:
        raise Http404 from e
    except NotAllowed as e:
        raise PermissionDenied from e


@require_POST
@login_required
def activity_remove(request: HttpRequest, item_id: int) -> HttpResponse:
    item = _activity_for(request, item_id)
    with _refusals_as_http(ActionPlanItem):
        plan.remove_activity(item.pk, user=request.user)
    return _plan_done(request, item.indicator, item.year,
                      _("Activity “%(name)s” was removed from the action plan.") % {"name": item.name[:80]})


@require_POST
@login_required
def activity_restore(request: HttpRequest, removed_id: int) -> HttpResponse:
    office = _require_manager(request)
    removed = get_object_or_404(RemovedActionPlanItem.objects.select_related("indicator__objective"), pk=removed_id,
                                indicator__office=office)
    with _refusals_as_http(RemovedActionPlanItem):
        plan.restore_activity(removed.pk, user=request.user)
    return _plan_done(request, removed.indicator, removed.year,
                      _("Activity “%(name)s” is back in the action plan.") % {"name": removed.name[:80]})


@require_POST
@login_required
def activity_move(request: HttpRequest, item_id: int) -> HttpResponse:
    item = _activity_for(request, item_id)
    up = request.POST.get("direction") != "down"
    with _refusals_as_http(ActionPlanItem):
        plan.move_activity(item.pk, user=request.user, up=up)
    notice = (_("Activity “%(name)s” was moved up.") if up else _("Activity “%(name)s” was moved down.")) % {
        "name": item.name[:80]}
    return _plan_done(request, item.indicator, item.year, notice)


# Upload: the file waits for the steps of one import (the check, the choice of a sheet, the import itself).
PENDING = PendingUploads("performance-import-pending", "performance_imports", "data")


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload the office's spreadsheet: check it (every bad row listed) or import it in one go. A workbook
    with several sheets of data asks which one; the file is kept for the next step, not uploaded again."""
    office = _require_manager(request)
    form = ImportForm(request.POST or None, request.FILES or None, initial={"year": _today(request).year})
    summary: importer.Summary | None = None
    problems: list[str] = []
    choose: importer.SeveralSheets | None = None
    unclear: importer.UnclearKind | None = None
    context: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # A new file is read from its first sheet of data again; the sheet chosen belongs to the file before.
        token, sheet = (PENDING.keep(request, data["file"]), "") if data["file"] else (data["upload"], data["sheet"])
        kind = "" if data["file"] else data["kind"]  # what the file before was said to be
        path = PENDING.path(request, token)
        if path is None:
            form.add_error("file", _("The file uploaded before is no longer kept; choose it again."))
        else:
            try:
                summary = importer.import_file(path, office, data["year"], user=request.user,
                                               dry_run=data["dry_run"], sheet=sheet or None, kind=kind or None)
            except importer.SeveralSheets as e:
                choose = e
            except importer.UnclearKind as e:
                unclear = e
            except importer.ImportFailed as e:
                problems = [str(error) for error in e.errors]
            except KinerjaError as e:
                problems = [str(e)]
            if summary is not None and not summary.dry_run:
                PENDING.forget(request, token)
                token = ""
            sheets = choose.sheets if choose else _header_sheets(path, data["year"]) if token else []
            form = ImportForm(sheets=sheets, ask_kind=unclear is not None, initial={
                "year": data["year"], "dry_run": data["dry_run"], "upload": token,
                "sheet": sheet or (summary.sheet if summary else ""), "kind": kind})
            context = {"kept": path.name if token else "", "sheets": sheets}
    return render(request, "performance/import.html",
                  {"form": form, "summary": summary, "problems": problems, "choose": choose, "unclear": unclear,
                   "guide": importer.guide(), **context},
                  status=400 if problems or form.errors else 200)


def _header_sheets(path: Path, year: int) -> list[str]:
    try:
        return importer.header_sheets(path, year)
    except KinerjaError:
        return []  # the import said what is wrong with the file


@login_required
def template_download(request: HttpRequest) -> HttpResponse:
    with tempfile.TemporaryDirectory() as folder:
        data = importer.write_template(Path(folder) / "template-data-kinerja.xlsx").read_bytes()
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="template-data-kinerja.xlsx"'
    return response


# --- the division's input form ------------------------------------------------------------------

# The input page's choice of the indicators no division answers for yet (imported without a Bidang): the Subbag
# Program, who compiles the office's data (access.can_manage), enters their actuals until one is assigned.
NO_DIVISION = "none"


def _division_query(division_id: int | None) -> str:
    """The input page's `division` parameter for an indicator of this division (or of none)."""
    return NO_DIVISION if division_id is None else str(division_id)


def _unassigned(office: Office, manager: bool, year: int) -> int:
    """How many of the office's indicators of `year` have no responsible division, for those who enter them (one
    query, only for the Subbag Program: `manager`, access.can_manage); 0 for anyone else."""
    if not manager:
        return 0
    return Indicator.objects.in_year(year).filter(office=office, as_of_division_id__isnull=True).count()


def _input_divisions(request: HttpRequest, office: Office, manager: bool, year: int) -> list[Unit]:
    """The units whose actuals of `year` the user enters; `manager`: access.can_manage, asked once per request."""
    if manager:
        # Every division and the Sekretariat, and the units (such as the Subbag Program itself) that answer for
        # an indicator in `year`.
        return list(access.data_units(office, year))
    return access.divisions_of(request.user, _today(request))


def _input_indicators(office: Office, division: Unit | None, period: Period, only: int | None = None) -> list[Indicator]:
    # With the year's Rencana Aksi, which the cards show (one query more, for any number of indicators).
    # Of the division in the period's year: a later year may give an indicator to another one.
    rows = period_indicators(period).filter(office=office, as_of_division_id=division.pk if division else None)
    rows = rows.prefetch_related(
        Prefetch("action_plan", queryset=ActionPlanItem.objects.filter(year=period.year), to_attr="year_plan"))
    if only is not None:
        rows = rows.filter(pk=only)
    return list(rows)


def _lock_cards(request: HttpRequest, office: Office, period: Period, cards: list[Card]) -> str:
    """For a signed period: the notice the page shows instead of the inputs (who signed, when, how a figure is
    corrected), each card read-only but a correction under way, and on each the way to correct it when the
    user may. "" (cards untouched) while the period is not signed. One query."""
    signature = signoff.signing(office, period.year, period.db_quarter)
    if signature is None:
        return ""
    today = _today(request)
    checker = access.can_check(request.user, today)
    for card in cards:
        if signoff.is_correction(card.actual) and card.editable:
            continue  # a correction under way: the division completes it
        card.editable = False
        card.locked = True
        card.may_correct = checker or access.can_enter(request.user, card.indicator.division_id, today)
    return signoff.locked_notice(signature, period.year, period.db_quarter)


def _render_input(request: HttpRequest, office: Office, period: Period, division: Unit | None,
                  divisions: list[Unit], unassigned: int, replace: Card | None = None,
                  status: int = 200) -> HttpResponse:
    """The input page of `division`, or with division None of the indicators no division answers for."""
    cards = [replace if replace and replace.indicator.pk == i.pk else input_card(i, period)
             for i in _input_indicators(office, division, period)]
    locked = _lock_cards(request, office, period, cards)
    return render(request, "performance/input.html", {
        "cards": cards, "period": period, "division": division, "divisions": divisions, "locked": locked,
        "unassigned": unassigned, "no_division": NO_DIVISION,
        "page_url": _input_page_url(request), **_period_choices(_today(request))}, status=status)


def _input_page_url(request: HttpRequest) -> str:
    """The input page's address as the browser shows it (for a card htmx swapped in, the page around it), or ""
    elsewhere: a form that leaves the page (removing an evidence file) comes back to it, with its year, quarter
    and division as they were, where drafts.js puts back what was typed in the cards (data-draft-scope)."""
    htmx = getattr(request, "htmx", None)
    url = (htmx.current_url_abs_path if htmx else None) or request.get_full_path()
    return url if _is_input_page(request, url) else ""


def _is_input_page(request: HttpRequest, url: str) -> bool:
    return (url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False)
            and urlsplit(url).path == reverse("performance:input") and not urlsplit(url).netloc)


def _chosen_division(request: HttpRequest, divisions: list[Unit]) -> Unit | None:
    wanted = _int(request.GET.get("division"), 0, 0, 2**62)
    return next((d for d in divisions if d.pk == wanted), divisions[0] if divisions else None)


@login_required
def actual_input(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request)
    manager = access.can_manage(request.user, _today(request))
    period = _period(request)
    divisions = _input_divisions(request, office, manager, period.year)
    unassigned = _unassigned(office, manager, period.year)
    if not divisions and not unassigned:
        # A Kabid or Kasubbag away while a Plt or Plh acts for them: told who enters meanwhile (one query more).
        acting = access.entry_stand_in(request.user, _today(request))
        raise PermissionDenied(access.enter_refusal(acting) if acting is not None else "")
    show_unassigned = not divisions or (unassigned > 0 and request.GET.get("division") == NO_DIVISION)
    division = None if show_unassigned else _chosen_division(request, divisions)
    return _render_input(request, office, period, division, divisions, unassigned)


@require_POST
@login_required
def actual_save(request: HttpRequest, indicator_id: int) -> HttpResponse:
    office = office_or_404(request)
    period = _period(request)
    # As of the period's year, with its division then (a later year may give it to another); a later year's
    # indicator is no indicator of this one: no figure of it.
    indicator = get_object_or_404(Indicator.objects.in_year(period.year), pk=indicator_id, office=office)
    manager = access.can_manage(request.user, _today(request))
    divisions = _input_divisions(request, office, manager, period.year)
    if (not manager if indicator.division_id is None  # only the Subbag Program enters what no division answers for
            else indicator.division_id not in {d.pk for d in divisions}):
        # A Kabid or Kasubbag away while a Plt or Plh acts for them (a page opened before): told who enters.
        acting = access.enter_power(request.user, indicator.division_id, _today(request))[1]
        raise PermissionDenied(access.enter_refusal(acting) if acting is not None else "")
    form = ActualForm(request.POST, request.FILES, prefix=f"i{indicator.pk}")
    errors: list[str] = []
    if form.is_valid():
        data = form.cleaned_data
        warnings = ([] if actions.is_confirmed(data["value"], data["confirm"])
                    else actions.value_warnings(indicator, period.year, period.db_quarter, data["value"]))
        for warning in warnings:  # not saved until the user confirms the figure; the form keeps it
            form.add_error("confirm", warning)
    if form.is_valid():
        data = form.cleaned_data
        done, _saved = _act(form, lambda: actions.enter_actual(
            indicator.pk, period.year, period.db_quarter, user=request.user, value=data["value"],
            obstacles=data["obstacles"], solutions=data["solutions"], files=[data["file"]] if data["file"] else [],
            submit="submit" in request.POST))
        if done:
            if request.htmx:  # type: ignore[attr-defined]
                fresh = _input_indicators(office, indicator.division, period, only=indicator.pk)[0]
                saved = input_card(fresh, period, saved=True)
                _lock_cards(request, office, period, [saved])
                return render(request, "performance/partials/input_card.html",
                              {"card": saved, "period": period, "page_url": _input_page_url(request)})
            messages.success(request, code_message(_("%(code)s was saved."), code=indicator.code))
            return redirect(f"{reverse('performance:input')}?{period.query}"
                            f"&division={_division_query(indicator.division_id)}#i{indicator.pk}")
    if data_file := request.FILES.get(f"i{indicator.pk}-file"):
        errors.append(_("Choose the file %(name)s again: a browser does not keep a chosen file after an error.")
                      % {"name": data_file.name})
    current = _input_indicators(office, indicator.division, period, only=indicator.pk)[0]
    card = input_card(current, period, form=form, errors=errors)
    if request.htmx:  # type: ignore[attr-defined]
        # htmx swaps only 2xx answers; the card carries the error itself. Signed meanwhile: the card turns
        # read-only and shows what was typed, to be copied into the correction.
        notice = _lock_cards(request, office, period, [card])
        return render(request, "performance/partials/input_card.html",
                      {"card": card, "period": period, "card_notice": notice, "page_url": _input_page_url(request)})
    division = next((d for d in divisions if d.pk == indicator.division_id), None)
    return _render_input(request, office, period, division, divisions, _unassigned(office, manager, period.year),
                         replace=card,
                         status=400)


# --- the Kasubbag's check screen ----------------------------------------------------------------

# The last, "report", lists the figures that hold up the report of the period (signoff.check_url): not only those
# of the period's quarter, but of the quarters before it that its report reads too (checking.py).
STATUS_FILTERS = checking.TABS


def _status(source: Any) -> str:
    status = source.get("status", "submitted")
    return status if status in STATUS_FILTERS else "submitted"


@login_required
def check_list(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request)
    today = _today(request)
    if not access.pages(request.user, today)["check"]:
        raise PermissionDenied
    may_check, stood_in = access.check_power(request.user, today)
    period = _period(request)
    status = _status(request.GET)
    # Each tab's count and its list come from one condition (checking.tab_filter): one query for every count.
    counts = checking.tab_counts(office, period)
    # Named, not only counted: which indicators have no submitted figure yet (one query).
    missing = checking.missing_indicators(office, period)
    # Named, not only counted: nobody is asked for their figures until a division is assigned (one query).
    unassigned = list(Indicator.objects.in_year(period.year).filter(office=office, as_of_division_id__isnull=True)
                      .order_by("objective__order", "order", "code").only("pk", "code", "name"))
    # Three queries for any number of rows: actuals with their indicator, targets, evidence. The report's view:
    # each figure its report still waits for, of whichever quarter, is measured against the target of its own quarter.
    rows = checking.rows_of(checking.tab_actuals(office, status, period), period.year)
    return render(request, "performance/check.html", {
        "rows": rows, "period": period, "status": status, "counts": counts, "missing": missing,
        "unassigned_indicators": unassigned, "can_manage": access.can_manage(request.user, today),
        "no_division": NO_DIVISION, "filters": [(s, counts[s]) for s in STATUS_FILTERS],
        "report_summary": checking.status_summary(rows) if status == signoff.REPORT_FILTER else [],
        "report_filter": signoff.REPORT_FILTER, "report_period": signoff.period_label(period.year, period.db_quarter),
        "status_labels": dict(Actual.Status.choices), "can_check": may_check,
        # A Kasubbag away while a Plt or Plh acts for them: told who checks meanwhile (no query more).
        "check_refusal": access.check_refusal(stood_in) if stood_in is not None else "",
        **_period_choices(today)})


def _actual_for(request: HttpRequest, actual_id: int) -> Actual:
    # With the name and division of the actual's year (actuals_as_of), in the same query: the division that
    # answered for it then checks, is returned and corrects it, though a later year gave the indicator to another.
    return get_object_or_404(actuals_as_of(Actual.objects.select_related("indicator")), pk=actual_id,
                             indicator__office=office_or_404(request))


def _list_period(request: HttpRequest, actual: Actual, status: str) -> Period:
    """The period of the list the decision was taken on: the figure's own, or on the report's list, the period the
    form names (a figure of Triwulan III checked on the list of the report of Triwulan IV goes back to that list)."""
    quarter = actual.quarter or ANNUAL
    if status == signoff.REPORT_FILTER:
        quarter = _int(request.POST.get("quarter"), quarter, 0, 4)
    return Period(actual.year, quarter)


def _after_decision(request: HttpRequest, actual: Actual, notice: str = "", error: str = "",
                    reason: str = "") -> HttpResponse:
    """Back to the list the decision was taken on, where the user was. With htmx (check_row.html's forms), the
    figure's row is swapped in place with its new status and the notice, and the tabs' counts with it (the same
    queries as the page's, for one row); without, a redirect to the list at the next row (`next`, the row after
    it on the list as it was shown), the notice in the messages."""
    status = _status(request.POST)
    period = _list_period(request, actual, status)
    if getattr(request, "htmx", None):
        office = office_or_404(request)
        today = _today(request)
        rows = checking.rows_of(Actual.objects.filter(pk=actual.pk), actual.year)
        counts = checking.tab_counts(office, period)
        return render(request, "performance/partials/check_decided.html", {
            "row": rows[0] if rows else None, "period": period, "status": status, "notice": notice, "error": error,
            "filters": [(s, counts[s]) for s in STATUS_FILTERS], "report_filter": signoff.REPORT_FILTER,
            "status_labels": dict(Actual.Status.choices), "can_check": access.can_check(request.user, today),
            "decided": True, "reason": reason})  # the reason typed, kept in its box when the return failed
    if notice:
        messages.success(request, notice)
    if error:
        messages.error(request, error)
    anchor = ""
    following = _int(request.POST.get("next"), 0, 1, 2**62)
    if following and not error:
        anchor = f"#a{following}"
    elif error:
        anchor = f"#a{actual.pk}"  # the figure the error is about
    return redirect(f"{reverse('performance:check')}?{period.query}&status={status}{anchor}")


@require_POST
@login_required
def actual_check(request: HttpRequest, actual_id: int) -> HttpResponse:
    actual = _actual_for(request, actual_id)
    try:
        actions.check_actual(actual.pk, user=request.user)
    except NotAllowed as e:
        raise PermissionDenied(str(e)) from e  # who checks meanwhile, for a Kasubbag away
    except KinerjaError as e:
        return _after_decision(request, actual, error=keep_code(e, actual.indicator.code))
    return _after_decision(request, actual, notice=code_message(_("%(code)s was checked."), code=actual.indicator.code))


@require_POST
@login_required
def actual_return(request: HttpRequest, actual_id: int) -> HttpResponse:
    actual = _actual_for(request, actual_id)
    form = ReturnForm(request.POST, prefix=f"r{actual.pk}")
    reason = form.data.get(form.add_prefix("reason"), "")
    try:
        actions.return_actual(actual.pk, user=request.user, reason=reason)
    except NotAllowed as e:
        raise PermissionDenied(str(e)) from e  # who checks meanwhile, for a Kasubbag away
    except KinerjaError as e:
        # Without htmx the check screen is a redirect away: the reason typed travels in the message, to be copied.
        shown = _("%(code)s: %(error)s Your reason, not saved: “%(reason)s”") if reason.strip() else "%(code)s: %(error)s"
        return _after_decision(request, actual, error=code_message(
            shown, code=actual.indicator.code, error=keep_code(e, actual.indicator.code), reason=reason.strip()),
            reason=reason.strip())
    return _after_decision(request, actual, notice=code_message(_("%(code)s was returned to the division."),
                                                                code=actual.indicator.code))


# --- history and corrections --------------------------------------------------------------------

@login_required
def actual_history(request: HttpRequest, actual_id: int, form: CorrectionForm | None = None,
                   status: int = 200) -> HttpResponse:
    actual = _actual_for(request, actual_id)
    versions = list(Actual.objects.filter(indicator=actual.indicator, year=actual.year, quarter=actual.quarter)
                    .select_related("entered_by__person", "checked_by__person")
                    .prefetch_related("evidence", "revisions__user__person").order_by("-version"))
    labels = {"value": _("Actual"), "obstacles": _("Obstacles"), "solutions": _("Solutions"),
              "evidence": _("Evidence"), "version": _("Version")}
    for version in versions:
        for revision in version.revisions.all():
            revision.change_rows = [(labels.get(k, k), before, after) for k, (before, after) in revision.changes.items()]
    current = next((v for v in versions if v.is_current), None)
    today = _today(request)
    may_correct = (current is not None and current.status == Actual.Status.LOCKED
                   and (access.can_check(request.user, today)
                        or access.can_enter(request.user, actual.indicator.division_id, today)))
    if may_correct and form is None:
        form = CorrectionForm()
    # A refused correction stays on the page with its error even when no correction is possible any more
    # (someone corrected it a moment before): the user reads why and keeps the value and reason typed.
    shown = form if may_correct or (form is not None and form.errors) else None
    return render(request, "performance/history.html", {
        "actual": actual, "indicator": actual.indicator, "versions": versions, "current": current,
        "form": shown}, status=status)


@require_POST
@login_required
def actual_correct(request: HttpRequest, actual_id: int) -> HttpResponse:
    actual = _actual_for(request, actual_id)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        done, new = _act(form, lambda: actions.correct_actual(actual.pk, user=request.user,
                                                              value=form.cleaned_data["value"],
                                                              reason=form.cleaned_data["reason"]))
        if done:
            messages.success(request, _("Version %(n)d was created and waits for checking.") % {"n": new.version})
            return redirect("performance:history", actual_id=new.pk)
    return actual_history(request, actual_id, form=form, status=400)


@login_required
def actual_add_missing(request: HttpRequest, indicator_id: int) -> HttpResponse:
    """Add, as a correction with its reason, the figure an indicator lacked in a signed period's report."""
    office = office_or_404(request)
    period = _period(request)
    # As of the period's year: the division that answered for it then adds the figure (actions.add_missing_actual).
    indicator = get_object_or_404(Indicator.objects.as_of(period.year).select_related("division"), pk=indicator_id,
                                  office=office)
    today = _today(request)
    if not (access.can_check(request.user, today) or access.can_enter(request.user, indicator.division_id, today)):
        raise PermissionDenied
    signature = signoff.signing(office, period.year, period.db_quarter)
    if signature is None and request.method != "POST":
        messages.info(request, _("The Data Kinerja of %(period)s is not signed: enter the figure here.")
                      % {"period": period.label})
        return redirect(f"{reverse('performance:input')}?{period.query}"
                        f"&division={_division_query(indicator.division_id)}"
                        f"#i{indicator.pk}")
    current = (Actual.objects.filter(indicator=indicator, year=period.year, quarter=period.db_quarter, is_current=True)
               .first())
    if request.method != "POST" and current is not None and (
            signoff.is_correction(current) or current.status not in (Actual.Status.DRAFT, Actual.Status.RETURNED)):
        # Nothing missing any more (added meanwhile, or reported): its history says where it stands.
        messages.info(request, code_message(_("%(code)s already has a figure for %(period)s: %(status)s."),
                                            code=indicator.code, period=period.label,
                                            status=current.get_status_display()))
        return redirect("performance:history", actual_id=current.pk)
    form = CorrectionForm(request.POST or None)
    form.fields["value"].label = _("Actual to add")
    form.fields["reason"].label = _("Why the figure was missing from the signed report")
    if request.method == "POST" and form.is_valid():
        done, actual = _act(form, lambda: actions.add_missing_actual(
            indicator.pk, period.year, period.db_quarter, user=request.user, value=form.cleaned_data["value"],
            reason=form.cleaned_data["reason"]))
        if done:
            messages.success(request, code_message(
                _("The figure of %(code)s for %(period)s was added as a correction and waits "
                  "for checking; a new compilation of the report becomes its revision."),
                code=indicator.code, period=period.label))
            return redirect("performance:history", actual_id=actual.pk)
    return render(request, "performance/add_missing.html", {
        "indicator": indicator, "period": period, "form": form, "current": current,
        "notice": signoff.locked_notice(signature, period.year, period.db_quarter) if signature else ""},
        status=400 if form.errors else 200)


# --- evidence -----------------------------------------------------------------------------------

def _evidence_for(request: HttpRequest, evidence_id: int) -> Evidence:
    return get_object_or_404(Evidence.objects.select_related("actual__indicator"), pk=evidence_id,
                             actual__indicator__office=office_or_404(request))


@login_required
def evidence_download(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = _evidence_for(request, evidence_id)
    handle = evidence.file.open("rb")  # gone from the disk: web.middleware.MissingFileMiddleware says so
    return FileResponse(handle, as_attachment=True, filename=evidence.original_name,
                        content_type=evidence.content_type)


@require_POST
@login_required
def evidence_remove(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = _evidence_for(request, evidence_id)
    actual = evidence.actual
    try:
        actions.remove_evidence(evidence.pk, user=request.user)
    except NotAllowed as e:
        raise PermissionDenied from e
    except KinerjaError as e:
        messages.error(request, keep_code(e, actual.indicator.code))
    back = request.POST.get("next", "")
    if _is_input_page(request, back):  # the very page it was removed on, its filters as they were
        return redirect(f"{urlsplit(back)._replace(fragment='').geturl()}#i{actual.indicator_id}")
    quarter = actual.quarter or ANNUAL
    return redirect(f"{reverse('performance:input')}?year={actual.year}&quarter={quarter}"
                    f"&division={_division_query(actual.indicator.division_id)}#i{actual.indicator_id}")


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """/data/input/ for a division's contact, the check screen for the Kasubbag, else the indicators."""
    today = _today(request)
    if access.can_check(request.user, today):
        return redirect("performance:check")
    if access.divisions_of(request.user, today) and not access.can_manage(request.user, today):
        return redirect("performance:input")
    return redirect("performance:indicators")

