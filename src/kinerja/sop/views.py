"""SOP pages: the list with search, a version with its steps, flowchart and history, the upload with
its preview and corrections, the comparison of two versions. Thin: sop.actions changes the records."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kinerja.errors import KinerjaError
from kinerja.org.access import office_or_404
from kinerja.org.models import Office

from . import actions, origin, pending
from .access import manage_power, manage_refusal, may_manage
from .forms import LinkActorForm, RevokeForm, SaveForm, StepForm, UploadForm
from .importers import SeveralSops, SopDraft, SopImportError, document_sops
from .importers.table import COLUMN_ACTIVITY, COLUMN_NOTE, COLUMN_TIME
from .models import Actor, Sop, SopVersion
from .pending import PENDING


def _manager_office(request: HttpRequest) -> Office:
    office = office_or_404(request)
    allowed, acting = manage_power(request.user, office)
    if not allowed:
        # A Kasubbag away while a Plt or Plh acts for them: told who manages the SOPs meanwhile.
        if acting is not None:
            raise PermissionDenied(manage_refusal(acting))
        raise PermissionDenied
    return office


def _version(request: HttpRequest, pk: int) -> SopVersion:
    """The version, or 404 when it belongs to another office."""
    return get_object_or_404(SopVersion.objects.select_related("sop", "imported_by", "status_changed_by"),
                              pk=pk, sop__office=office_or_404(request))


@login_required
def sop_list(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request)
    query = request.GET.get("q", "").strip()
    sops = Sop.objects.filter(office=office).order_by("name").prefetch_related(
        Prefetch("versions", queryset=SopVersion.objects.order_by("-version").only(
            "pk", "sop_id", "version", "status", "effective_on", "name")))
    if query:
        sops = sops.filter(Q(name__icontains=query) | Q(number__icontains=query))
    rows = []
    for sop in sops:
        versions = list(sop.versions.all())
        if versions:
            current = next((v for v in versions if v.status == SopVersion.Status.IN_FORCE), versions[0])
            rows.append({"sop": sop, "current": current, "count": len(versions)})
    manager, acting = manage_power(request.user, office)
    return render(request, "sop/list.html", {"rows": rows, "query": query, "may_manage": manager,
                                             "manage_refusal": manage_refusal(acting) if acting is not None else ""})


@login_required
def sop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sop = get_object_or_404(Sop, pk=pk, office=office_or_404(request))
    versions = list(sop.versions.order_by("-version"))
    if not versions:
        raise Http404
    current = next((v for v in versions if v.status == SopVersion.Status.IN_FORCE), versions[0])
    return redirect("sop:version", pk=current.pk)


@login_required
def version_page(request: HttpRequest, pk: int, revoke_form: RevokeForm | None = None, status: int = 200) -> HttpResponse:
    version = _version(request, pk)
    office = office_or_404(request)
    steps = list(version.steps.select_related("actor", "branch_to").prefetch_related("returns_to").order_by("number"))
    actors = list(version.actors.select_related("position"))
    manager = may_manage(request.user, office)
    # One form per actor for a manager: the unlinked in their own card, the others to change the link.
    forms_of = {a.pk: LinkActorForm(office_id=office.pk, prefix=f"actor-{a.pk}",
                                    initial={"position": a.position_id, "external": a.external, "in_unit": a.in_unit})
                for a in actors}
    unlinked = [(a, forms_of[a.pk]) for a in actors if not a.is_linked]
    actor_rows = [(a, forms_of[a.pk] if manager and a.is_linked else None) for a in actors]
    return render(request, "sop/version.html", {
        "version": version, "sop": version.sop, "steps": steps, "actors": actors, "actor_rows": actor_rows,
        "manager": manager,
        "unlinked": unlinked if manager else [], "history": version.sop.versions.order_by("-version"),
        "revoke_form": revoke_form or RevokeForm(), "header": version.header,
        "blocks": _blocks(version.header), **_workbook_offer(request, office, version)}, status=status)


def _workbook_offer(request: HttpRequest, office: Office, version: SopVersion) -> dict[str, object]:
    """After saving an SOP of a workbook holding several (?workbook=its upload): the workbook still kept,
    and the next SOP of it to check. Nothing for a token this session no longer keeps."""
    token = request.GET.get("workbook", "")
    workbook = pending.pending_workbook(request, token, office) if token else None
    if workbook is None:
        return {}
    return {"workbook": workbook, "next_sheet": workbook.next_after_version(version.pk)}


def _blocks(header: dict[str, object]) -> list[tuple[str, object]]:
    # The SOP AP form's own headings: document words, printed as the sheet prints them.
    return [(title, header.get(key) or []) for key, title in actions.BLOCK_TITLES]


@login_required
def source(request: HttpRequest, pk: int) -> FileResponse:
    version = _version(request, pk)
    if not version.source_file:
        raise Http404
    return FileResponse(version.source_file.open("rb"), as_attachment=True, filename=version.source_name)


@login_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    new = _version(request, pk)
    other = request.GET.get("with", "")
    if other.isdigit():
        old = get_object_or_404(SopVersion, pk=int(other), sop=new.sop)
    else:
        old = new.sop.versions.filter(version__lt=new.version).order_by("-version").first()
        if old is None:
            messages.info(request, _("This is the first version: there is nothing to compare it with."))
            return redirect("sop:version", pk=new.pk)
    return render(request, "sop/compare.html", {
        "old": old, "new": new, "sop": new.sop, "diff": actions.compare_versions(old, new),
        "history": new.sop.versions.order_by("-version"), **_workbook_offer(request, office_or_404(request), new)})


@require_POST
@login_required
def put_in_force(request: HttpRequest, pk: int) -> HttpResponse:
    _manager_office(request)
    version = _version(request, pk)
    try:
        actions.put_in_force(version.pk, user=request.user)
        messages.success(request, _("Version %(version)d is now in force.") % {"version": version.version})
    except KinerjaError as e:
        messages.error(request, str(e))
    return redirect("sop:version", pk=version.pk)


@require_POST
@login_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    _manager_office(request)
    version = _version(request, pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            actions.revoke(version.pk, user=request.user, reason=form.cleaned_data["reason"])
        except KinerjaError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Version %(version)d is revoked.") % {"version": version.version})
            return redirect("sop:version", pk=version.pk)
    # The page again with the form open, its error next to the reason and the reason as typed.
    return version_page(request, pk, revoke_form=form, status=400)


@require_POST
@login_required
def link_actor(request: HttpRequest, pk: int) -> HttpResponse:
    office = _manager_office(request)
    actor = get_object_or_404(Actor.objects.select_related("version"), pk=pk, version__sop__office=office)
    form = LinkActorForm(request.POST, office_id=office.pk, prefix=f"actor-{actor.pk}")
    if form.is_valid():
        try:
            linked = actions.link_actor(actor.pk, position=form.cleaned_data["position"], user=request.user,
                                        external=form.cleaned_data["external"], in_unit=form.cleaned_data["in_unit"])
        except KinerjaError as e:
            messages.error(request, str(e))
            return redirect("sop:version", pk=actor.version_id)
        if linked.in_unit:
            messages.success(request, _("%(actor)s is %(role)s.") % {"actor": actor.name,
                                                                      "role": linked.get_in_unit_display()})
        elif linked.external and linked.position is not None:
            messages.success(request, _("%(actor)s is outside the office; %(position)s records its steps.") % {
                "actor": actor.name, "position": linked.position})
        else:
            messages.success(request, _("%(actor)s is linked to %(position)s.") % {
                "actor": actor.name, "position": form.cleaned_data["position"] or _("no position")})
    else:
        messages.error(request, _("Choose a position of the office."))
    return redirect("sop:version", pk=actor.version_id)


# Upload: the file waits between the preview and the save, so the user's corrections apply to the same bytes.

def _pending_path(request: HttpRequest, token: str) -> Path:
    path = PENDING.path(request, token)
    if path is None:
        raise Http404
    return path


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    office = _manager_office(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    example: SopVersion | None = None
    if request.method == "POST" and form.is_valid():
        token = PENDING.keep(request, form.cleaned_data["document"])
        try:
            actions.preview_import(_pending_path(request, token), office=office)
        except SeveralSops:
            return redirect("sop:preview", token=token)  # the preview asks which of them
        except SopImportError as e:
            PENDING.forget(request, token)
            form.add_error("document", str(e))
            # Not in the SOP AP form at all: the sheet of a stored SOP shows the form the document needs.
            example = actions.form_example(office) if e.expected_form else None
        else:
            return redirect("sop:preview", token=token)
    return render(request, "sop/upload.html", {"form": form, "example": example},
                  status=400 if form.errors else 200)


@login_required
def preview(request: HttpRequest, token: str) -> HttpResponse:
    office = _manager_office(request)
    path = _pending_path(request, token)
    if request.method == "POST" and "cancel" in request.POST:
        name = PENDING.name(request, token)
        saved = pending.forget(request, token)
        if saved:
            messages.info(request, ngettext(
                "Done with %(file)s: %(count)d SOP was saved from it. The uploaded file is no longer kept.",
                "Done with %(file)s: %(count)d SOPs were saved from it. The uploaded file is no longer kept.",
                saved) % {"file": name, "count": saved})
        else:
            messages.info(request, _("The upload was discarded."))
        return redirect("sop:list")
    # Of a workbook holding several SOPs, the sheet of the one chosen (in the address, so the form's post
    # keeps it); without one, the page lists them to choose from, marking those already saved.
    sheet = request.GET.get("sheet") or None
    if sheet is None and (workbook := pending.pending_workbook(request, token, office)) is not None:
        return render(request, "sop/choose_sheet.html", {"workbook": workbook, "token": token, "error": ""})
    try:
        draft = actions.preview_import(path, office=office, sheet=sheet)
    except SopImportError as e:
        if sheet is None:
            raise
        return render(request, "sop/choose_sheet.html", {
            "workbook": pending.pending_workbook(request, token, office), "token": token, "error": str(e)},
            status=400)
    listed = document_sops(path) if sheet is not None else []
    sheets = [(s.sheet, s.name) for s in listed]
    # Of a Word, text or PDF document of several SOPs, the place of the one chosen (by its Nama SOP).
    place = next((s.place for s in listed if s.place and s.sheet == sheet), 0)
    posted = request.POST if request.method == "POST" else None
    labels = {s.number: s.label for s in draft.steps if s.label}
    last = draft.steps[-1].number if draft.steps else None
    forms = [StepForm(posted, step=s, actors=draft.actors, labels=labels, last=last) for s in draft.steps]
    foreign = origin.foreign_lines(office, draft.lines)
    save_form = SaveForm(posted, foreign=bool(foreign))
    error = ""
    valid = all([*(f.is_valid() for f in forms), save_form.is_valid()]) if posted is not None else False
    untimed = [f.step.display_number for f in forms if posted is not None and f.lacks_time]
    if untimed:
        error = _("Nothing was saved: type the standard time (number and unit) of step %(steps)s.") % {
            "steps": ", ".join(untimed)}
    sop = actions.find_sop(office, draft)
    # Already stored from this very file (and sheet): said before the user checks every step, and the page
    # offers no save; a save posted all the same (a page left open, the address typed) is refused, saying so.
    refusal = actions.already_imported(sop, source=path, sheet=sheet,
                                       source_name=PENDING.name(request, token) or path.name)
    if posted is not None and refusal is not None:
        valid = False
        error = _("Nothing was saved: this document is stored already, as the notice above says. Open the stored "
                  "version, or discard this upload and upload the revised document.")
    if valid:
        file_name = PENDING.name(request, token) or path.name
        try:
            corrected = _corrected(path, office, forms, sheet)
            version = actions.store_draft(corrected, office=office, user=request.user, source=path,
                                          source_name=file_name, sheet=sheet,
                                          in_force="save_draft" not in posted)
        except KinerjaError as e:
            error = str(e)
        else:
            workbook = pending.record_saved(request, token, sheet, version, office)
            messages.success(request, _("“%(name)s” is stored as version %(version)d (%(status)s).") % {
                "name": version.name, "version": version.version, "status": version.get_status_display()})
            if workbook is None and len(sheets) > 1:
                messages.info(request, _("Every SOP of %(file)s is now stored; the uploaded file is no longer kept.")
                              % {"file": file_name})
            target = reverse("sop:compare" if version.version > 1 else "sop:version", kwargs={"pk": version.pk})
            # The page of the saved version offers the workbook's next SOP while some are left.
            return redirect(f"{target}?{urlencode({'workbook': token})}" if workbook is not None else target)
    current = latest = None
    if sop is not None:
        latest = sop.versions.order_by("-version").first()
        current = sop.versions.filter(status=SopVersion.Status.IN_FORCE).first() or latest
    problems: dict[int | None, list[str]] = {}
    if posted is None:
        for p in draft.problems:
            problems.setdefault(p.step, []).append(str(p))
    # What concerns the whole document rather than one step (a table without a Waktu column, a flowchart
    # symbol in a row that is no step): above the steps, on every showing of the page.
    document_checks = [str(p) for p in draft.problems if p.step is None] + [
        str(w) for w in draft.warnings if w.step is None]
    # What to check though nothing stops saving (a flowchart's labels against its arrows), beside its step.
    for f in forms:
        f.warnings = [str(w) for w in draft.warnings if w.step == f.step.number]
    plan = actions.link_plan(office, draft, latest)
    return render(request, "sop/preview.html", {
        "draft": draft, "rows": [(f, problems.get(f.step.number, [])) for f in forms], "error": error,
        "token": token, "document_checks": document_checks, "sheet": sheet, "sheets": sheets,
        "in_sheets": not place, "place": place,
        "saved_here": sheet in pending.saved_sheets(request, token), "refusal": refusal,
        "refusal_message": str(refusal) if refusal else None,  # a refused save's error, said by the notice
        "sop": sop, "current": current, "office": office, "other_name": actions.other_name_warning(sop, draft),
        "hand_decisions": draft.hand_decisions, "hand_lost": any(not d.kept for d in draft.hand_decisions),
        "foreign": foreign, "foreign_warning": origin.foreign_warning(office, foreign) if foreign else "",
        "save_form": save_form, "in_force_now": actions.goes_in_force(draft, office),
        "unlinked": [name for name in draft.actors if not plan[name].is_linked],
        "diff": actions.compare_versions(current, draft) if current else None,
        "header": draft.header(), "blocks": _blocks(draft.header()),
    }, status=400 if error or save_form.errors or (posted is not None and any(f.errors for f in forms)) else 200)


def _corrected(path: Path, office: Office, forms: list[StepForm], sheet: str | None) -> SopDraft:
    """The document read again with the user's actor choices, then their times and return targets. A return
    or branch target the user left as shown is the one read again: a return naming an actor ("dikembalikan
    kepada JFU") goes to that actor's latest earlier step, which an actor just chosen may have changed."""
    chosen = {f.step.number: f.cleaned_data["actor"] for f in forms if f.cleaned_data["actor"]}
    draft = actions.preview_import(path, office=office, actor_overrides=chosen, sheet=sheet)
    by_number = {f.step.number: f for f in forms}
    for step in draft.steps:
        data = by_number[step.number].cleaned_data
        step.duration_value, step.duration_unit = data["duration_value"], data["duration_unit"]
        changed = by_number[step.number].changed_data
        if {"returns_to", "branch_to", "ends_if_not"} & set(changed):  # the user settled this decision
            step.returns_to, step.branch_to = data["returns_to"], data["branch_to"]
        step.ends_if_not = data["ends_if_not"]
        step.inputs, step.output, step.note = data["inputs"].strip(), data["output"].strip(), data["note"].strip()
    # The user settled the times and return targets; only problems they cannot fix here remain.
    draft.problems = [p for p in draft.problems if p.column not in {COLUMN_TIME, COLUMN_ACTIVITY, COLUMN_NOTE}]
    return draft
