"""The seam between correspondence and the workflow engine: a data collection letter starts a case of
the SOP, the disposition completes step 1, initials and the signature complete the steps whose actor
makes them. The engine's actions run in their own durable transactions, so these are called after the
correspondence action has committed; a refusal by the engine is reported, never hidden, and the
letter or document stays saved.

Each function returns notes for the person who acted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from kinerja.errors import KinerjaError

from .actions import settings_of
from .models import Disposition, Document, DocumentVersion, Initial, Letter, Minutes, RequiredInitial, Signature


def start_case_for_letter(letter: Letter, *, user: AbstractBaseUser, at: dt.datetime | None = None) -> list[str]:
    """A letter on data collection starts a case of the office's data collection SOP (step 1 opens), now or
    `at` (the demo's fixed clock)."""
    from kinerja.sop.models import SopVersion
    from kinerja.workflow import actions as wf
    from kinerja.workflow.extensions import guard_case

    if letter.kind != Letter.Kind.DATA_COLLECTION:
        return []
    sop = settings_of(letter.office).data_collection_sop
    version = SopVersion.objects.filter(sop=sop, status=SopVersion.Status.IN_FORCE).first() if sop else None
    if version is None:
        return [_("No SOP in force is set for data collection letters, so no case was started; the letter is "
                  "registered.")]
    try:
        case = wf.start_case(version.pk, user=user, title=letter.subject, period=letter.period or str(letter.year), at=at,
                             trigger_note=_("Letter %(number)s of %(sender)s, agenda %(agenda)s") % {
                                 "number": letter.number, "sender": letter.sender, "agenda": letter.agenda_number})
    except wf.PeriodTaken as e:
        # The case of the letter's period is already running (started by hand, or by an earlier letter on
        # it): the letter joins it rather than starting a second collection of the same data.
        Letter.objects.filter(pk=letter.pk).update(case_id=e.case_id)
        letter.case_id = e.case_id
        guard_case(e.case_id)
        return [_("The letter is registered and linked to the case already open for its period, no. %(id)d.")
                % {"id": e.case_id}]
    except KinerjaError as e:
        return [_("The letter is registered, but the case did not start: %(error)s") % {"error": e}]
    Letter.objects.filter(pk=letter.pk).update(case_id=case.pk)
    letter.case_id = case.pk
    # Its steps that initial and sign wait for the Data Kinerja (completion_hold), compiled or not yet.
    guard_case(case.pk)
    return [_("Case started: %(case)s.") % {"case": case.title}]


def _complete_own_task(case_id: int | None, *, user: AbstractBaseUser, note: str,
                       approval: int | str | None = None, at: dt.datetime | None = None) -> list[str]:
    """Complete the open task of the case that `user` performs, if there is one. With `approval` (a position's
    initials or SIGNATURE), only the step that gives it (approval_steps) is completed."""
    from kinerja.workflow import actions as wf
    from kinerja.workflow.models import Case, Task

    if case_id is None:
        return []
    tasks = Task.objects.filter(case_id=case_id, status=Task.Status.OPEN).select_related("step").order_by("pk")
    if approval is not None:
        case = Case.objects.filter(pk=case_id).first()
        if case is None:
            return []
        required = list(RequiredInitial.objects.filter(office_id=case.office_id).order_by("order")
                        .values_list("position_id", flat=True))
        steps = [step_id for step_id, given in approval_steps(case, required).items() if given == approval]
        tasks = tasks.filter(step_id__in=steps)
    for task in tasks:
        try:
            wf.complete_task(task.pk, user=user, note=note, at=at)
        except KinerjaError:
            continue
        return [_("Step %(n)s of the case is complete.") % {"n": task.step.display_number}]
    return []


def disposition_done(disposition: Disposition, *, user: AbstractBaseUser, at: dt.datetime | None = None) -> list[str]:
    recipients = ", ".join(p.title for p in disposition.recipients.all())
    return _complete_own_task(disposition.letter.case_id, user=user, at=at,
                              note=_("Disposition to %(to)s: %(what)s") % {
                                  "to": recipients, "what": ", ".join(disposition.instruction_labels)})


def initial_done(initial: Initial, *, user: AbstractBaseUser) -> list[str]:
    """Initials on the case's Data Kinerja complete the step that gives them (the Kasubbag's step 4, the
    Sekretaris's step 5); initials on another document of the case (a data request, an attachment) complete
    nothing."""
    document: Document = initial.version.document
    if document.kind not in Document.APPROVED_IN_CASE_KINDS:
        return []
    return _complete_own_task(document.case_id, user=user, approval=initial.position_id,
                              note=_("Initialled %(doc)s v%(n)d, SHA-256 %(hash)s") % {
                                  "doc": document.title, "n": initial.version.version, "hash": initial.sha256})


def document_signed(signature: Signature, *, user: AbstractBaseUser) -> list[str]:
    """The head's signature on the case's Data Kinerja completes the step that signs it (step 6); a signed
    outgoing letter of the case completes nothing."""
    document: Document = signature.version.document
    if document.kind not in Document.APPROVED_IN_CASE_KINDS:
        return []
    return _complete_own_task(document.case_id, user=user, approval=SIGNATURE,
                              note=_("Signed %(doc)s v%(n)d, SHA-256 %(hash)s") % {
                                  "doc": document.title, "n": signature.version.version,
                                  "hash": signature.signed_sha256})


SIGNATURE = "signature"  # in approval_steps: the step whose actor signs (the head of office)


def approval_steps(case: Any, required: list[int]) -> dict[int, int | str]:
    """The steps of the case's SOP that give a document's approvals, as step id → the id of the position
    whose initials the step gives, or SIGNATURE. `required`: the positions whose initials a document needs,
    in their order (RequiredInitial). The approvals come in that order, the head's signature last, at the
    end of the procedure: the signature is the head's last step, each initial the last step of its position
    before the next approval's step (the seed SOP: the Kasubbag's step 4, the Sekretaris's step 5, the
    head's step 6; not the Kasubbag's step 2, nor the Sekretaris's step 1). One query, two or three with
    actors of the unit of the case ("Kepala Bidang"), whatever the number of steps."""
    from kinerja.org.holding import position_in_unit
    from kinerja.org.models import Position
    from kinerja.sop.models import Step

    in_unit: dict[str, Position | None] = {}
    steps = []
    for step in Step.objects.filter(version_id=case.sop_version_id).select_related("actor__position").order_by("number"):
        actor = step.actor
        if actor.in_unit and case.unit_id is not None:
            if actor.in_unit not in in_unit:
                in_unit[actor.in_unit] = position_in_unit(case.unit_id, actor.in_unit)
            position = in_unit[actor.in_unit]
        else:
            position = actor.position
        if position is not None:
            steps.append((step, position))
    found: dict[int, int | str] = {}
    limit = None
    heads = [step for step, position in steps if position.kind == Position.Kind.HEAD]
    if heads:
        found[heads[-1].pk], limit = SIGNATURE, heads[-1].number
    for position_id in reversed(required):
        before = [step for step, position in steps if position.pk == position_id and (limit is None or step.number < limit)]
        if before:
            found[before[-1].pk], limit = position_id, before[-1].number
    return found


def _approval(task: Any) -> tuple[list[Any], int | str | None]:
    """(the office's required initials' positions in their order, what the task's step gives of a document's
    approvals: the id of the position whose initials, SIGNATURE, or None). Two queries (approval_steps')."""
    case = task.case
    required = [r.position for r in RequiredInitial.objects.filter(office_id=case.office_id)
                .select_related("position").order_by("order")]
    return required, approval_steps(case, [p.pk for p in required]).get(task.step_id)


def completion_hold(task: Any) -> Any:
    """The engine's completion check (workflow.extensions): a step that initials or signs the case's Data
    Kinerja (approval_steps) is completed by the initials or the signature on the document's page, not by
    hand, while the document's newest version still lacks them. Only the Data Kinerja counts
    (Document.APPROVED_IN_CASE_KINDS): the initials on another document of the case never stand for it.
    Returning the work stays possible. Five queries at most: the case's documents (nothing more when all are
    signed), the required initials, the steps, the newest versions and their initials; one more for a
    signature still owed (who signs that day: _signing_as). With no Data Kinerja at all, a case that collects a
    period's performance data waits for one to be compiled (_nothing_compiled)."""
    from django.db.models import Exists, OuterRef
    from django.urls import reverse

    from kinerja.workflow.extensions import CompletionHold

    case = task.case
    documents = list(Document.objects.filter(office_id=case.office_id, case_id=case.pk,
                                             kind__in=Document.APPROVED_IN_CASE_KINDS)
                     .annotate(signed=Exists(Signature.objects.filter(version__document=OuterRef("pk")))).order_by("pk"))
    if not documents:
        return _nothing_compiled(task)
    documents = [document for document in documents if not document.signed]
    if not documents:
        return None
    required, approval = _approval(task)
    if approval is None:
        return None
    latest: dict[int, DocumentVersion] = {}
    for version in DocumentVersion.objects.filter(document__in=documents).order_by("document_id", "-version"):
        latest.setdefault(version.document_id, version)
    hashes = {version.pk: version.sha256 for version in latest.values()}
    # Initials count on the exact version they saw (as actions.missing_initials counts them).
    initialled = {(version_id, position_id) for version_id, position_id, sha in Initial.objects.filter(
        version__in=list(latest.values())).values_list("version_id", "position_id", "sha256") if hashes[version_id] == sha}
    for document in documents:
        version = latest.get(document.pk)
        if version is None:
            continue
        done = {position_id for version_id, position_id in initialled if version_id == version.pk}
        if approval == SIGNATURE:
            earlier = [p for p in required if p.pk not in done]
            message = _("Step %(step)s is completed by the signature of %(position)s on %(document)s (version "
                        "%(version)d), given on the document's page.")
            action = _("Sign %(document)s")
        elif approval in done:
            continue
        else:
            order = [p.pk for p in required]
            earlier = [p for p in required[:order.index(approval)] if p.pk not in done]
            message = _("Step %(step)s is completed by the initials of %(position)s on %(document)s (version "
                        "%(version)d), given on the document's page.")
            action = _("Initial %(document)s")
        # The signature is given in the capacity of the day: a Plh or Plt signs as "Plh. Kepala Dinas".
        position = _signing_as(task) if approval == SIGNATURE else task.position.title
        values = {"step": task.step.display_number, "position": position, "document": document.title,
                  "version": version.version}
        message %= values
        if earlier:
            # Their initials are given on the same page, or the work goes back with "Belum sesuai".
            message += " " + _("The initials of %(positions)s come first and are still missing.") % {
                "positions": ", ".join(p.title for p in earlier)}
            action = _("Open %(document)s")
        return CompletionHold(message, reverse("correspondence:document", args=[document.pk]), action % values)
    return None


def _nothing_compiled(task: Any) -> Any:
    """A guarded case (one the head's data collection letter started or joined: start_case_for_letter) that
    collects a period's performance data (performance.signoff.collected_period) has no Data Kinerja yet: its
    steps that initial and sign it (approval_steps) wait for it to be compiled and put up, rather than close
    the case with nothing approved. A case started by hand, from the SOP's page, is not guarded until a
    document joins it: an office may run that SOP with its report made elsewhere. A version compiled but not put
    up yet is named, with where it goes up. Five queries, only for a guarded case's task."""
    from zoneinfo import ZoneInfo

    from django.urls import reverse
    from django.utils.formats import date_format
    from django.utils.timezone import localtime

    from kinerja.performance.models import ReportVersion
    from kinerja.performance.signoff import collected_period, compile_url, period_label
    from kinerja.workflow.extensions import CompletionHold

    case = task.case
    period = collected_period(case)
    if period is None:
        return None
    approval = _approval(task)[1]
    if approval is None:
        return None
    values = {"step": task.step.display_number,
              "position": _signing_as(task) if approval == SIGNATURE else task.position.title,
              "period": period_label(period.year, period.quarter)}
    # Compiled already but not put up for initials: the case page says which version, and where it goes up.
    compiled = (ReportVersion.objects.filter(office_id=case.office_id, year=period.year, quarter=period.quarter)
                .only("number", "created_at").order_by("-number").first())
    if compiled is not None:
        values.update(n=compiled.number, date=date_format(localtime(compiled.created_at, ZoneInfo(
            case.office.time_zone)), "j F Y H.i"))
        if approval == SIGNATURE:
            message = _("Step %(step)s is completed by the signature of %(position)s on the Data Kinerja %(period)s. "
                        "Version %(n)d was compiled on %(date)s but is not put up for initials yet.")
        else:
            message = _("Step %(step)s is completed by the initials of %(position)s on the Data Kinerja %(period)s. "
                        "Version %(n)d was compiled on %(date)s but is not put up for initials yet.")
        message = (message % values + " " + _("Put the newest version up for initials (Letters → Documents, Compiled "
                                              "performance data); or send the work back with “Belum sesuai”."))
        return CompletionHold(message, f"{reverse('correspondence:documents')}#compiled-reports",
                              _("Put up version %(n)d for initials") % values)
    if approval == SIGNATURE:
        message = _("Step %(step)s is completed by the signature of %(position)s on the Data Kinerja %(period)s, "
                    "which has not been compiled for this case yet.")
    else:
        message = _("Step %(step)s is completed by the initials of %(position)s on the Data Kinerja %(period)s, "
                    "which has not been compiled for this case yet.")
    message = (message % values + " " + _("Compile it on the performance dashboard (Compile report version) and "
                                          "put it up for initials; or send the work back with “Belum sesuai”."))
    return CompletionHold(message, compile_url(period.year, period.quarter),
                          _("Compile the Data Kinerja %(period)s") % values)


def _signing_as(task: Any) -> str:
    """The title the step's signature is given under on the office's day: the acting holder's ("Plh. Kepala
    Dinas") while a Plt or Plh acts for the task's position (the step is theirs then), else the position's.
    One query, only for a signature still owed."""
    from kinerja.org.holding import holdings, today_in

    found = holdings(task.position, today_in(task.case.office.time_zone))
    return next((a.title_as_held for a in found if a.is_acting), task.position.title)


def follow_ups_recorded(minutes: Minutes, *, user: AbstractBaseUser) -> list[str]:
    """Follow-ups are not SOP steps: they reach their person in charge's inbox through
    workflow.inbox_extensions (see correspondence/inbox.py)."""
    count = minutes.follow_ups.count()
    return [_("%(count)d follow-ups are in the inbox of their persons in charge.") % {"count": count}] \
        if count else []


def case_records(case: Any) -> list[Any]:
    """The letters and documents of a case, for its page: the head's letter it started from, and the
    documents made for it with where they stand: signed by whom and when; else their newest version, whose
    initials it has (on its exact content) and whose it still awaits, or the head's signature (initials and
    the signature are given on the document's page, and complete the step of whoever gives them). Two queries,
    two more when a document awaits its approvals, whatever the number."""
    from django.db.models import Exists, F, Max, OuterRef, Subquery
    from django.urls import reverse
    from django.utils.formats import date_format
    from django.utils.timezone import localtime

    from kinerja.workflow.extensions import CaseRecord

    records = [CaseRecord(_("Letter %(number)s: %(subject)s") % {"number": letter.number, "subject": letter.subject},
                          reverse("correspondence:letter", args=[letter.pk]),
                          _("agenda %(agenda)s") % {"agenda": letter.agenda_number})
               for letter in Letter.objects.filter(office_id=case.office_id, case_id=case.pk).order_by("pk")]
    signatures = Signature.objects.filter(version__document=OuterRef("pk"))
    documents = list(Document.objects.filter(office_id=case.office_id, case_id=case.pk)
                     .annotate(newest=Max("versions__version"), signed=Exists(signatures),
                               signer=Subquery(signatures.values("signer_name")[:1]),
                               signer_title=Subquery(signatures.values("signer_title")[:1]),
                               signed_at=Subquery(signatures.values("signed_at")[:1]))
                     .order_by("pk"))
    waiting = [d for d in documents if not d.signed and d.takes_approvals and d.newest is not None]
    initials: dict[int, list[Initial]] = {}
    required: list[Any] = []
    if waiting:
        # The initials on each waiting document's newest version that count: on its exact content.
        for initial in (Initial.objects.filter(version__document__in=waiting, sha256=F("version__sha256"))
                        .select_related("version").order_by("created_at")):
            if initial.version.version == next(d.newest for d in waiting if d.pk == initial.version.document_id):
                initials.setdefault(initial.version.document_id, []).append(initial)
        required = [r.position for r in RequiredInitial.objects.filter(office_id=case.office_id)
                    .select_related("position").order_by("order")]
    for document in documents:
        if document.signed:
            note = _("signed by %(signer)s on %(date)s") % {
                "signer": f"{document.signer} ({document.signer_title})",
                "date": date_format(localtime(document.signed_at), "j F Y")}
        elif document in waiting:
            given = initials.get(document.pk, [])
            done = {i.position_id for i in given}
            missing = [p.title for p in required if p.pk not in done]
            parts = [_("version %(n)d, not signed yet") % {"n": document.newest}]
            if given:
                parts.append(_("initialled by %(names)s") % {"names": ", ".join(
                    f"{i.name} ({i.position_title})" for i in given)})
            parts.append(_("awaiting the initials of %(positions)s") % {"positions": ", ".join(missing)} if missing
                         else _("all initials given, awaiting the signature"))
            note = "; ".join(parts)
        else:
            note = _("version %(n)d") % {"n": document.newest or 0}
        records.append(CaseRecord(document.title, reverse("correspondence:document", args=[document.pk]), note))
    return records
