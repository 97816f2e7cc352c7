"""Pages of the correspondence app: the register, dispositions, documents with their initials and
signature, minutes and follow-ups, and the public verification page. Thin: parse, call one action."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Subquery
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.errors import KinerjaError, NotAllowed
from kinerja.org.access import office_or_404
from kinerja.org.holding import doing_own_work, positions_held, stand_ins, today_in
from kinerja.org.models import Office
from kinerja.performance.models import ReportVersion
from kinerja.performance.signoff import check_url, incomplete_notes
from kinerja.performance.templatetags.perfdata import refusal_message
from kinerja.uploads import megabytes

from . import actions, forms, signing
from .inbox import with_due_days
from .models import Disposition, Document, DocumentVersion, FollowUp, Initial, Letter, Minutes, Signature
from .renderers.documents import disposition_pdf
from .verification import verify_pdf

# A request body above this is refused before any action reads its file.
BODY_MARGIN = 64 * 1024


def _too_large(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.KINERJA_MAX_UPLOAD_BYTES + BODY_MARGIN


class _DropFiles(FileUploadHandler):
    """Reads past every file of a request without keeping it, so its other fields can be read."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        return None

    def file_complete(self, file_size: int) -> None:
        return None


def _fields_of_too_large(request: HttpRequest) -> QueryDict:
    """The typed fields of a request whose file is over the limit, so the form shows them again and the
    user only chooses a smaller file. The file is dropped unstored, unless the CSRF check has already
    parsed the body (Django then deletes its temporary file after the response)."""
    try:
        request.upload_handlers = [_DropFiles(request)]
    except AttributeError:  # "You cannot set the upload handlers after the upload has been processed."
        pass
    return request.POST


def _too_large_message() -> str:
    return _("The file is larger than the limit of %(limit)s MB and was not stored.") % {
        "limit": megabytes(settings.KINERJA_MAX_UPLOAD_BYTES, 0)}


def _add_error(form: Form, e: KinerjaError) -> None:
    """The action's message next to the field it names (a bad date), else above the form."""
    field = getattr(e, "field", None)
    form.add_error(field if field in form.fields else None, str(e))


def _refused_on_form(form: Form, refusal: str) -> int:
    """A form sent by someone refused (the power lost since the page was opened: an acting period begun): the
    refusal above the form, which keeps what was typed, never a 403 page that loses it. The status to answer."""
    form.add_error(None, refusal)
    return 403


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


# Letters ------------------------------------------------------------------------------------------

@login_required
def letters(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request)
    rows = (Letter.objects.filter(office=office).annotate(disposition_count=Count("dispositions"))
            .order_by("-year", "-seq"))
    return render(request, "correspondence/letters.html", {
        "letters": rows, "can_register": actions.can_register(request.user, office)})


@login_required
def letter_new(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request)
    allowed, acting = actions.register_power(request.user, office)
    if not allowed and request.method != "POST":
        # Told who registers letters (a JFU), or who does meanwhile and until when (an official away while a Plt
        # or Plh acts for them); a form sent is refused on the form below, what was typed kept.
        raise PermissionDenied(actions.register_refusal(acting))
    today = today_in(office.time_zone)
    status = 200
    if request.method == "POST":
        # Photos of a letter's pages come several at once: no limit of one file on the whole request here; a
        # file over it is named under the field by the action (scans.scan_bytes), the typed fields kept, and
        # a request over the limit of a request never reaches this view (web/upload_limit.py).
        form = forms.LetterForm(request.POST, request.FILES)
        if not allowed:
            status = _refused_on_form(form, actions.register_refusal(acting))
        elif form.is_valid():
            data = form.cleaned_data
            notes: list[str] = []
            try:
                letter = actions.register_letter(office, actions.LetterInput(
                    number=data["number"], letter_date=data["letter_date"], sender=data["sender"],
                    subject=data["subject"], received_on=data["received_on"], classification=data["classification"],
                    kind=data["kind"], period=data["period"]), user=request.user, scan=data["scan"], notes=notes)
                for note in notes + _after_register(letter, request):
                    messages.info(request, note)
                messages.success(request, _("Registered as %(number)s.") % {"number": letter.agenda_number})
                return redirect("correspondence:letter", letter.pk)
            except NotAllowed as e:
                status = _refused_on_form(form, str(e))
            except KinerjaError as e:
                _add_error(form, e)
        if scans := request.FILES.getlist("scan"):
            # Another field's error stopped the action before it read the file: say now what is wrong with it
            # too (a .docx chosen), not only "choose it again", which refused it in the next round.
            if "scan" not in form.errors and (problem := actions.scan_problem(scans)):
                form.add_error("scan", problem)
            else:
                form.add_error("scan", _("Choose the file %(name)s again: a browser does not keep a chosen file after "
                                         "an error.") % {"name": ", ".join(scan.name for scan in scans)})
    else:
        form = forms.LetterForm(initial={"received_on": today, "letter_date": today})
    return render(request, "correspondence/letter_form.html", {"form": form}, status=status)


def _after_register(letter: Letter, request: HttpRequest) -> list[str]:
    from .workflow_link import start_case_for_letter

    return start_case_for_letter(letter, user=request.user)


def _letter(request: HttpRequest, letter_id: int) -> Letter:
    return get_object_or_404(Letter.objects.select_related("registered_by__person"), pk=letter_id,
                             office=office_or_404(request))


@login_required
def letter_detail(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = _letter(request, letter_id)
    return render(request, "correspondence/letter_detail.html", _letter_context(request, letter))


def _letter_context(request: HttpRequest, letter: Letter, form: forms.DispositionForm | None = None,
                    may_dispose: bool | None = None) -> dict[str, Any]:
    """What the letter page shows; `form`: the disposition form sent back with its errors, which keeps the
    SOP's hint (who the next step is for) as the first showing had it."""
    office = letter.office
    today = today_in(office.time_zone)
    held = positions_held(request.user, today)
    # Not an official away while a Plt or Plh disposes for them: told who does, instead of a form dispose_letter
    # refuses.
    disposing_as, stand_in = actions.working_capacities(request.user, office, actions.DISPOSER_KINDS)
    if may_dispose is None:
        may_dispose = bool(disposing_as)
    dispositions = list(letter.dispositions.prefetch_related("recipients"))
    # The head's letter waiting for its disposition: the SOP names who gets it next, ticked in advance.
    sop_next = actions.disposition_next_position(letter, request.user, today) if may_dispose and not dispositions else None
    if form is None and may_dispose:
        form = forms.DispositionForm(office=office, own=actions.own_positions(request.user, office, held),
                                     capacities=disposing_as,
                                     initial={"disposed_on": today, "recipients": [sop_next.pk] if sop_next else []})
    return {
        "letter": letter,
        "dispositions": dispositions,
        "documents": letter.documents.all(),
        "minutes_list": letter.minutes.all(),
        "sop_next": sop_next,
        "started_case": actions.started_case(letter),
        "form": form if may_dispose else None,
        "dispose_refusal": actions.dispose_refusal(stand_in) if stand_in is not None else "",
    }


@login_required
def letter_scan(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = _letter(request, letter_id)
    return FileResponse(letter.scan.open("rb"), content_type="application/pdf",
                        filename=f"surat-{letter.year}-{letter.seq:04d}.pdf", as_attachment=False)


@require_POST
@login_required
def dispose(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = _letter(request, letter_id)
    held = positions_held(request.user, today_in(letter.office.time_zone))
    form = forms.DispositionForm(request.POST, office=letter.office,
                                 own=actions.own_positions(request.user, letter.office, held),
                                 capacities=actions.working_capacities(request.user, letter.office,
                                                                       actions.DISPOSER_KINDS)[0])
    if form.is_valid():
        try:
            disposition = actions.dispose_letter(letter.pk, user=request.user, **form.cleaned_data)
            from .workflow_link import disposition_done

            for note in disposition_done(disposition, user=request.user):
                messages.info(request, note)
            messages.success(request, _("Disposition saved. Print the disposition sheet below."))
            return redirect("correspondence:letter", letter.pk)
        except NotAllowed as e:
            # No longer (or never) a disposer: the page without the form, saying why (once: an official away is
            # told who disposes in the form's place).
            context = _letter_context(request, letter, may_dispose=False)
            if context["dispose_refusal"] != str(e):
                messages.error(request, str(e))
            return render(request, "correspondence/letter_detail.html", context, status=403)
        except KinerjaError as e:
            _add_error(form, e)
    return render(request, "correspondence/letter_detail.html", _letter_context(request, letter, form, may_dispose=True),
                  status=400)


@login_required
def disposition_sheet(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = _letter(request, letter_id)
    dispositions = list(Disposition.objects.filter(letter=letter).prefetch_related("recipients"))
    if not dispositions:
        raise Http404
    return _pdf(disposition_pdf(letter, dispositions), f"disposisi-{letter.year}-{letter.seq:04d}.pdf")


# Documents ----------------------------------------------------------------------------------------

@login_required
def documents(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request)
    rows = list(Document.objects.filter(office=office).select_related("superseded_by")
                .prefetch_related(Prefetch("versions", queryset=DocumentVersion.objects.order_by("-version")),
                                  "versions__initials")
                .annotate(signed=Count("versions__signature"),
                          replaced=Exists(Signature.objects.filter(version__document__supersedes=OuterRef("pk"))))
                .order_by("-created_at"))
    # Where each unsigned document stands: whose initials its newest version awaits, or the head's signature.
    required = actions.required_positions(office)
    for row in rows:
        stage, missing = actions.approval_stage(row, required) if row.takes_approvals and not row.signed else ("", [])
        row.stage, row.awaiting = stage, [p.label for p in missing]  # type: ignore[attr-defined]
    from kinerja.performance.models import ReportVersion

    # The latest compilations of the performance data, to put up for initials and signing.
    # A compilation that is already the newest version of its document is not offered again: its version links
    # to the document (pressing the button changed nothing and said it was "ready for initials").
    newest = DocumentVersion.objects.filter(
        office=office, document__kind=Document.Kind.PERFORMANCE_DATA, source_id=OuterRef("pk"),
        source_type__app_label=ReportVersion._meta.app_label, source_type__model=ReportVersion._meta.model_name,
    ).exclude(Exists(DocumentVersion.objects.filter(document=OuterRef("document"), version__gt=OuterRef("version"))))
    reports = list(ReportVersion.objects.filter(office=office).exclude(pdf="")
                   .only("id", "office_id", "year", "quarter", "number", "created_at", "data")
                   .annotate(put_up_document=Subquery(newest.values("document_id")[:1]),
                             put_up_version=Subquery(newest.values("version")[:1]))
                   .order_by("-created_at")[:6])
    # A period whose Data Kinerja is signed takes no new version (take_report refuses): its compilations link
    # to the signed document instead of offering a button that can only fail; only the revision compiled after
    # a correction (Revisi N, N one more than the signed document's) is put up, as a new document.
    signed = _signed_periods(office)
    # The newest compilation of each period: an older one is outdated, and take_report refuses it (one query).
    newest_number = {(year, quarter): number for year, quarter, number in ReportVersion.objects.filter(office=office)
                     .order_by().values("year", "quarter").annotate(n=Max("number")).values_list("year", "quarter", "n")}
    for report in reports:
        newer = newest_number.get((report.year, report.quarter), report.number)
        report.newer_number = newer if newer > report.number else None  # type: ignore[attr-defined]
        document, revision = signed.get((report.year, report.quarter), (None, 0))
        if document is not None and report.revision_number == revision + 1:
            document = None
        report.signed_document_id = document  # type: ignore[attr-defined]
    return render(request, "correspondence/documents.html", {"documents": rows, "reports": reports})


def _signed_periods(office: Office) -> dict[tuple[int, int | None], tuple[int, int]]:
    """(year, quarter) → the latest signed Data Kinerja document of that period and its revision number, in
    one query (the report's content type is matched by name in it: a lookup of its own would be one query more
    whenever its cache is cold)."""
    from kinerja.performance.models import ReportVersion

    signed_version = DocumentVersion.objects.filter(
        office=office, document__kind=Document.Kind.PERFORMANCE_DATA, document__versions__signature__isnull=False,
        source_type__app_label=ReportVersion._meta.app_label, source_type__model=ReportVersion._meta.model_name,
        source_id=OuterRef("pk")).order_by("-document__revision")
    return {(year, quarter): (document, revision) for year, quarter, document, revision in
            ReportVersion.objects.filter(office=office).annotate(
                document=Subquery(signed_version.values("document_id")[:1]),
                revision=Subquery(signed_version.values("document__revision")[:1]))
            .filter(document__isnull=False).order_by("year", "quarter", "revision")  # the latest revision wins
            .values_list("year", "quarter", "document", "revision")}


@require_POST
@login_required
def take_report(request: HttpRequest, report_id: int) -> HttpResponse:
    from kinerja.performance.models import ReportVersion

    report = get_object_or_404(ReportVersion, pk=report_id, office=office_or_404(request))
    if (current := actions.put_up_as(report)) is not None:
        messages.info(request, _("%(report)s is already put up: it is version %(n)d of %(document)s.") % {
            "report": report, "n": current.version, "document": current.document.title})
        return redirect("correspondence:document", current.document_id)
    try:
        version = actions.take_report(report.pk, user=request.user)
    except KinerjaError as e:
        messages.error(request, str(e))
        return redirect("correspondence:documents")
    values = {"report": report, "n": version.version, "document": version.document.title}
    # "Ready for initials" only when it is: initials wait while a figure of its period is unchecked (initial_version).
    if unchecked := actions.unchecked_figures(version):
        messages.warning(request, _("%(report)s is version %(n)d of %(document)s. It cannot be initialled yet: "
                                    "%(count)d figures of its period are not checked.")
                         % {**values, "count": len(unchecked)})
    else:
        messages.success(request, _("%(report)s is version %(n)d of %(document)s, ready for initials.") % values)
    return redirect("correspondence:document", version.document_id)


@login_required
def document_new(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request)
    letter = _letter_param(request, office)
    allowed, acting = actions.outgoing_power(request.user, office)
    if not allowed and request.method != "POST":
        # Told who writes meanwhile (an official away while a Plt or Plh acts for them), not a form to fill in; a
        # form sent is refused on the form below, what was typed kept.
        raise PermissionDenied(actions.outgoing_refusal(acting))
    status = 200
    if request.method == "POST":
        form = forms.OutgoingForm(request.POST)
        if not allowed:
            status = _refused_on_form(form, actions.outgoing_refusal(acting))
        elif form.is_valid():
            try:
                version = actions.create_outgoing(office, actions.OutgoingInput(letter=letter, **form.cleaned_data),
                                                  user=request.user)
                messages.success(request, _("Created %(number)s.") % {"number": version.document.number})
                return redirect("correspondence:document", version.document_id)
            except NotAllowed as e:
                status = _refused_on_form(form, str(e))
            except KinerjaError as e:
                _add_error(form, e)
    else:
        form = forms.OutgoingForm(initial=actions.reply_initial(letter) if letter else {})
    return render(request, "correspondence/document_form.html", {"form": form, "letter": letter}, status=status)


def _letter_param(request: HttpRequest, office: Office) -> Letter | None:
    """The letter named by ?letter= (a reply, minutes of a meeting on it): 404 for one not in the register, a
    mangled link's "abc" or "12." included, as for a number that is no letter."""
    value = request.GET.get("letter", "")
    if not value:
        return None
    if not value.isascii() or not value.isdigit():
        raise Http404
    return get_object_or_404(Letter, pk=int(value), office=office)


def _document(request: HttpRequest, document_id: int) -> Document:
    return get_object_or_404(Document.objects.select_related("letter"), pk=document_id, office=office_or_404(request))


@login_required
def document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    document = _document(request, document_id)
    return render(request, "correspondence/document_detail.html", _document_context(request, document))


def _document_context(request: HttpRequest, document: Document,
                      revise_form: forms.ReviseForm | None = None) -> dict[str, Any]:
    """What the document page shows; `revise_form`: the change of text sent back with its errors, as typed."""
    office = document.office
    versions = list(document.versions.select_related("created_by__person")
                    .prefetch_related(Prefetch("initials", queryset=Initial.objects.order_by("created_at"))))
    # Minutes take no initials and no signature here: the page says so instead of offering them.
    no_approvals = actions.no_approvals(document)
    latest = versions[0] if versions and not no_approvals else None
    signature = Signature.objects.filter(version__document=document).first()
    required = actions.required_positions(office)
    today = today_in(office.time_zone)
    # The required positions the user initials in today: not one a Plt or Plh does the work of meanwhile.
    held, initial_stand_in = actions.initialling_as(request.user, office, required)
    done = {i.position_id for i in latest.initials.all()} if latest else set()
    mine = [p for p in required if p.pk in held and p.pk not in done]
    # Initials go in the SOP's order: the button waits until the earlier ones are on the version.
    waiting_for = [p for p in required[:required.index(mine[0])] if p.pk not in done] if mine else []
    # Who may sign today, said to everyone else (the Kadis while a Plt signs, the Kasubbag): the refusal names them.
    signer_title, sign_refusal = actions.signing_as(request.user, office)
    is_signer = not sign_refusal
    if is_signer and latest is not None and signature is None:
        # A certificate that cannot sign is said before the head types a password (signing.certificate_problem).
        sign_refusal = signing.certificate_problem()
        is_signer = not sign_refusal
    # A compilation whose period's data changed since cannot be initialled or signed: say so before anyone tries.
    changed = (actions.changed_since_compiled(latest) if latest is not None and signature is None
               and document.kind == Document.Kind.PERFORMANCE_DATA else [])
    # Nor while a figure of its period is unchecked (submitted, or returned to its division).
    unchecked = (actions.unchecked_figures(latest) if latest is not None and signature is None
                 and document.kind == Document.Kind.PERFORMANCE_DATA else [])
    # What the compilation may still lack (the period not over, indicators without a figure, divisions that have
    # not answered): said before anyone initials or signs, not refused.
    incomplete = (incomplete_notes(latest.source, today, document.case_id)
                  if latest is not None and signature is None and document.kind == Document.Kind.PERFORMANCE_DATA
                  and isinstance(latest.source, ReportVersion) else [])
    # A new version (a changed text, an uploaded PDF) only from who may write outgoing documents, as the actions ask;
    # minutes never take an uploaded one.
    may_change = actions.may_change(request.user, office) and not actions.no_upload(document)
    if revise_form is None and may_change and document.kind in Document.OUTGOING_KINDS:
        revise_form = forms.ReviseForm(initial={"title": document.title, "addressee": document.addressee,
                                                "addressee_place": document.addressee_place,
                                                "attachment": document.attachment, "body": document.body,
                                                "nature": document.nature, "copies_to": document.copies_to},
                                       kind=document.kind)
    return {
        "document": document, "versions": versions, "latest": latest, "signature": signature,
        "no_approvals": no_approvals,
        "required": [(p, p.pk in done) for p in required],
        "missing": [p for p in required if p.pk not in done],
        "can_initial": latest is not None and signature is None and bool(mine) and not waiting_for and not changed
        and not unchecked,
        "waiting_for": waiting_for if latest is not None and signature is None else [],
        "initial_refusal": actions.initial_refusal(initial_stand_in) if initial_stand_in is not None and latest
        is not None and signature is None else "",
        "may_change": may_change,
        "changed": changed, "unchecked": unchecked, "check_url": _check_url(latest) if unchecked else "",
        "incomplete": incomplete,
        "can_sign": latest is not None and signature is None and is_signer and not changed and not unchecked,
        "sign_refusal": sign_refusal if latest is not None and signature is None else "",
        "signer_title": signer_title,
        "sign_form": forms.SignForm(), "upload_form": forms.UploadVersionForm(),
        "revise_form": revise_form,
        "verify_url": reverse("correspondence:verify_token", args=[signature.token]) if signature else "",
        "compiled": bool(versions) and versions[0].source_id is not None,
        **_revisions(document, versions),
    }


def _revisions(document: Document, versions: list[DocumentVersion]) -> dict[str, Any]:
    """Where a Data Kinerja stands among its revisions: the signed document this revision replaces (with its
    signature and the corrections the revision lists), and the revision that replaces this one."""
    replaces = document.supersedes
    replaced_signature = (Signature.objects.filter(version__document=replaces).first()
                          if replaces is not None else None)
    revision = (versions[0].source.data.get("revision") if replaces is not None and versions
                and versions[0].source is not None else None)
    successor = getattr(document, "superseded_by", None)
    return {"replaces": replaces, "replaced_signature": replaced_signature,
            "corrections": revision["corrections"] if revision else [],
            "successor": successor,
            "successor_signature": Signature.objects.filter(version__document=successor).first()
            if successor is not None else None}


def _check_url(version: DocumentVersion) -> str:
    """The check page listing the figures that hold up the compiled report (of its quarter and the quarters
    before it; of the whole year for an annual report): the ones the page counts."""
    report = version.source
    return check_url(report.year, report.quarter)


def _version(request: HttpRequest, version_id: int) -> DocumentVersion:
    return get_object_or_404(DocumentVersion.objects.select_related("document", "office"), pk=version_id,
                             office=office_or_404(request))


@login_required
def version_pdf(request: HttpRequest, version_id: int) -> HttpResponse:
    """A print copy of a version: its file with the initials box as it stands. Minutes take no initials (their
    minute-taker and chair sign the columns they print): they print as recorded, without an empty box."""
    version = _version(request, version_id)
    name = f"dokumen-{version.document_id}-v{version.version}.pdf"
    if not version.document.takes_approvals:
        with version.file.open("rb") as f:
            return _pdf(f.read(), name)
    try:
        return _pdf(actions.print_copy(version), name)
    except KinerjaError as e:  # a damaged stored file: said on the document's page, not a server error
        messages.error(request, str(e))
        return redirect("correspondence:document", version.document_id)


@require_POST
@login_required
def initial(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    try:
        done = actions.initial_version(version.pk, user=request.user)
        from .workflow_link import initial_done

        for note in initial_done(done, user=request.user):
            messages.info(request, note)
        messages.success(request, _("Initialled version %(n)d as %(position)s.")
                         % {"n": version.version, "position": done.position_title})
    except KinerjaError as e:
        messages.error(request, refusal_message(e))
    return redirect("correspondence:document", version.document_id)


@require_POST
@login_required
def sign(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    form = forms.SignForm(request.POST)
    if form.is_valid():
        try:
            signature = actions.sign_version(
                version.pk, user=request.user, password=form.cleaned_data["password"],
                verify_url_for=lambda token: actions.verify_url(token, request))
            from .workflow_link import document_signed

            for note in document_signed(signature, user=request.user):
                messages.info(request, note)
            messages.success(request, _("Signed. The signed PDF is ready."))
        except KinerjaError as e:
            messages.error(request, refusal_message(e))
    else:
        messages.error(request, _("Enter your password to sign."))
    return redirect("correspondence:document", version.document_id)


@require_POST
@login_required
def revise(request: HttpRequest, document_id: int) -> HttpResponse:
    document = _document(request, document_id)
    if document.kind not in Document.OUTGOING_KINDS:
        raise Http404
    form = forms.ReviseForm(request.POST, kind=document.kind)
    if form.is_valid():
        try:
            version = actions.revise_outgoing(document.pk, user=request.user, **form.cleaned_data)
            messages.success(request, _("Version %(n)d saved; earlier initials no longer count.")
                             % {"n": version.version})
            return redirect("correspondence:document", document.pk)
        except NotAllowed as e:
            # Not one who may change it (or no longer): the page without the form, saying why.
            messages.error(request, str(e))
            return render(request, "correspondence/document_detail.html", _document_context(request, document),
                          status=403)
        except KinerjaError as e:
            _add_error(form, e)
            if Signature.objects.filter(version__document=document).exists():
                # Signed meanwhile: the page shows the signature, no form to change, so the refusal stands above.
                messages.error(request, str(e))
    # The page again with what was typed and the errors beside it: nothing saved, nothing lost.
    return render(request, "correspondence/document_detail.html", _document_context(request, document, form),
                  status=400)


@require_POST
@login_required
def upload_version(request: HttpRequest, document_id: int) -> HttpResponse:
    document = _document(request, document_id)
    if _too_large(request):
        messages.error(request, _too_large_message())
        return redirect("correspondence:document", document.pk)
    form = forms.UploadVersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            notes: list[str] = []
            content = actions.read_pdf_upload(form.cleaned_data["file"], field=_("New version"), notes=notes,
                                              signable=True)
            version = actions.add_version(document.pk, user=request.user, content=content,
                                          note=form.cleaned_data["note"])
            for note in notes:
                messages.info(request, note)
            messages.success(request, _("Version %(n)d saved; earlier initials no longer count.")
                             % {"n": version.version})
        except KinerjaError as e:
            messages.error(request, str(e))
    else:
        messages.error(request, _("Choose a PDF and say what changed."))
    return redirect("correspondence:document", document.pk)


@login_required
def signed_pdf(request: HttpRequest, document_id: int) -> HttpResponse:
    document = _document(request, document_id)
    signature = get_object_or_404(Signature, version__document=document)
    return FileResponse(signature.file.open("rb"), content_type="application/pdf",
                        filename=f"ditandatangani-{document.pk}.pdf", as_attachment=False)


# Minutes and follow-ups ---------------------------------------------------------------------------

@login_required
def minutes_list(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request)
    rows = (Minutes.objects.filter(office=office)
            .annotate(follow_up_count=Count("follow_ups")).order_by("-held_on", "-pk"))
    return render(request, "correspondence/minutes_list.html", {"minutes_list": rows})


@login_required
def minutes_new(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request)
    letter = _letter_param(request, office)
    allowed, acting = actions.minutes_power(request.user, office)
    if not allowed and request.method != "POST":
        # Told who records minutes meanwhile (an official away while a Plt or Plh acts for them); a form sent is
        # refused on the form below, what was typed kept.
        raise PermissionDenied(actions.minutes_refusal(acting))
    today = today_in(office.time_zone)
    status = 200
    if request.method == "POST" and {"add_rows", "add_outside", "set_date"} & set(request.POST):
        # More follow-up or outside-attendee rows, or the attendance as held on the date typed: the form again as
        # typed (unbound, so no "required" yet), nothing saved.
        rows, outside_rows = forms.follow_up_rows_sent(request.POST), forms.outside_rows_sent(request.POST)
        if "add_rows" in request.POST:
            rows += forms.FOLLOW_UP_ROWS
        elif "add_outside" in request.POST:
            outside_rows += forms.OUTSIDE_ROWS
        form = forms.MinutesForm(office=office, rows=rows, outside_rows=outside_rows, initial=request.POST.dict(),
                                 day=forms.meeting_day(request.POST, today))
    elif request.method == "POST":
        form = forms.MinutesForm(request.POST, office=office, rows=forms.follow_up_rows_sent(request.POST),
                                 outside_rows=forms.outside_rows_sent(request.POST),
                                 day=forms.meeting_day(request.POST, today))
        if not allowed:
            status = _refused_on_form(form, actions.minutes_refusal(acting))
        elif form.is_valid():
            d = form.cleaned_data
            try:
                minutes = actions.record_minutes(office, actions.MinutesInput(
                    title=d["title"], held_on=d["held_on"], place=d["place"], chair=d["chair"], agenda=d["agenda"],
                    discussion=d["discussion"], decisions=d["decisions"], present=d["present"], absent=d["absent"],
                    follow_ups=[actions.FollowUpInput(*f) for f in d["follow_ups"]], letter=letter,
                    outside=[actions.OutsideAttendeeInput(*g) for g in d["outside"]]),
                    user=request.user)
                from .workflow_link import follow_ups_recorded

                for note in follow_ups_recorded(minutes, user=request.user):
                    messages.info(request, note)
                messages.success(request, _("Minutes saved."))
                return redirect("correspondence:minutes", minutes.pk)
            except NotAllowed as e:
                status = _refused_on_form(form, str(e))
            except KinerjaError as e:
                _add_error(form, e)
    else:
        # Minutes of a meeting on a letter: its perihal as the meeting's title to start from.
        form = forms.MinutesForm(office=office, initial={"held_on": today, "title": letter.subject if letter else ""},
                                 day=today)
    return render(request, "correspondence/minutes_form.html", {"form": form, "letter": letter}, status=status)


@login_required
def minutes_detail(request: HttpRequest, minutes_id: int) -> HttpResponse:
    # Titles and names as kept on the minutes (held on the meeting's date), as the PDF prints them.
    minutes = get_object_or_404(Minutes.objects.select_related("document", "letter"), pk=minutes_id,
                                office=office_or_404(request))
    return render(request, "correspondence/minutes_detail.html", {
        "minutes": minutes, "attendance": minutes.attendance.all(), "outside": minutes.outside_attendees.all(),
        "follow_ups": with_due_days(minutes.follow_ups.all(), minutes.office),
        "today": today_in(minutes.office.time_zone)})


@login_required
def my_follow_ups(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request)
    day = today_in(office.time_zone)
    held = positions_held(request.user, day)
    # Not those of a position a Plt or Plh acts for meanwhile: the acting holder sees and closes them.
    mine = [a.position_id for a in doing_own_work(held, stand_ins(held, day))]
    rows = (FollowUp.objects.filter(office=office, position_id__in=mine).select_related("minutes", "position")
            .order_by("status", "due_on", "pk"))
    return render(request, "correspondence/follow_ups.html", {"follow_ups": with_due_days(rows, office),
                                                              "today": today_in(office.time_zone)})


@require_POST
@login_required
def follow_up_done(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    """Close a follow-up with a note (from the inbox, the follow-up list or the minutes page)."""
    follow_up = get_object_or_404(FollowUp, pk=follow_up_id, office=office_or_404(request))
    try:
        actions.complete_follow_up(follow_up.pk, user=request.user, note=request.POST.get("note", ""))
        messages.success(request, _("Follow-up marked done."))
    except (KinerjaError, NotAllowed) as e:
        messages.error(request, str(e))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                                require_https=request.is_secure()):
        return redirect(back)
    return redirect("correspondence:follow_ups")


# Public verification (no login) -------------------------------------------------------------------

def verify_page(request: HttpRequest, token: str | None = None) -> HttpResponse:
    signature = None
    if token is not None:
        signature = get_object_or_404(Signature.objects.select_related("version__document", "office"), token=token)
    verdict, form, status, error = None, forms.VerifyForm(), 200, ""
    if request.method == "POST":
        if _too_large(request):
            error, status = _too_large_message(), 413
        else:
            form = forms.VerifyForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                if upload.size > settings.KINERJA_MAX_UPLOAD_BYTES:
                    error, status = _too_large_message(), 413
                else:
                    verdict = verify_pdf(upload.read())
    # Opened from a QR code, the page names one document: a sound file of another document must not
    # read as the confirmation of this one.
    other_document = (signature is not None and verdict is not None and verdict.signature is not None
                      and verdict.signature.pk != signature.pk)
    return render(request, "correspondence/verify.html",
                  {"signature": signature, "verdict": verdict, "form": form, "error": error,
                   "other_document": other_document}, status=status)
