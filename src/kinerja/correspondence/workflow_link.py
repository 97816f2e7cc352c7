"""The seam between correspondence and the workflow engine: a data collection letter starts a case of
the SOP, the disposition completes step 1, initials and the signature complete the steps whose actor
makes them. The engine's actions run in their own durable transactions, so these are called after the
correspondence action has committed; a refusal by the engine is reported, never hidden, and the
letter or document stays saved.

Each function returns notes for the person who acted.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from kinerja.errors import KinerjaError

from .actions import settings_of
from .models import Disposition, Document, Initial, Letter, Minutes, Signature


def start_case_for_letter(letter: Letter, *, user: AbstractBaseUser) -> list[str]:
    """A letter on data collection starts a case of the office's data collection SOP (step 1 opens)."""
    from kinerja.sop.models import SopVersion
    from kinerja.workflow import actions as wf

    if letter.kind != Letter.Kind.DATA_COLLECTION:
        return []
    sop = settings_of(letter.office).data_collection_sop
    version = SopVersion.objects.filter(sop=sop, status=SopVersion.Status.IN_FORCE).first() if sop else None
    if version is None:
        return [_("No SOP in force is set for data collection letters, so no case was started; the letter is "
                  "registered.")]
    try:
        case = wf.start_case(version.pk, user=user, title=letter.subject, period=letter.period or str(letter.year),
                             trigger_note=_("Letter %(number)s of %(sender)s, agenda %(agenda)s") % {
                                 "number": letter.number, "sender": letter.sender, "agenda": letter.agenda_number})
    except KinerjaError as e:
        return [_("The letter is registered, but the case did not start: %(error)s") % {"error": e}]
    Letter.objects.filter(pk=letter.pk).update(case_id=case.pk)
    letter.case_id = case.pk
    return [_("Case started: %(case)s.") % {"case": case.title}]


def _complete_own_task(case_id: int | None, *, user: AbstractBaseUser, note: str) -> list[str]:
    """Complete the open task of the case that `user` performs, if there is one."""
    from kinerja.workflow import actions as wf
    from kinerja.workflow.models import Task

    if case_id is None:
        return []
    tasks = Task.objects.filter(case_id=case_id, status=Task.Status.OPEN).select_related("step").order_by("pk")
    for task in tasks:
        try:
            wf.complete_task(task.pk, user=user, note=note)
        except KinerjaError:
            continue
        return [_("Step %(n)d of the case is complete.") % {"n": task.step.number}]
    return []


def disposition_done(disposition: Disposition, *, user: AbstractBaseUser) -> list[str]:
    recipients = ", ".join(p.title for p in disposition.recipients.all())
    return _complete_own_task(disposition.letter.case_id, user=user,
                              note=_("Disposition to %(to)s: %(what)s") % {
                                  "to": recipients, "what": ", ".join(disposition.instruction_labels)})


def initial_done(initial: Initial, *, user: AbstractBaseUser) -> list[str]:
    document: Document = initial.version.document
    return _complete_own_task(document.case_id, user=user, note=_("Initialled %(doc)s v%(n)d, SHA-256 %(hash)s") % {
        "doc": document.title, "n": initial.version.version, "hash": initial.sha256})


def document_signed(signature: Signature, *, user: AbstractBaseUser) -> list[str]:
    document: Document = signature.version.document
    return _complete_own_task(document.case_id, user=user, note=_("Signed %(doc)s v%(n)d, SHA-256 %(hash)s") % {
        "doc": document.title, "n": signature.version.version, "hash": signature.signed_sha256})


def follow_ups_recorded(minutes: Minutes, *, user: AbstractBaseUser) -> list[str]:
    """Follow-ups are not SOP steps: they reach their person in charge's inbox through
    workflow.inbox_extensions (see correspondence/inbox.py)."""
    count = minutes.follow_ups.count()
    return [_("%(count)d follow-ups are in the inbox of their persons in charge.") % {"count": count}] \
        if count else []


def case_records(case: Any) -> list[Any]:
    """The letters and documents of a case, for its page: the head's letter it started from, and the
    documents made for it with where they stand (initials and the signature are given on the document's
    page, and complete the step of whoever gives them). Two queries, whatever the number."""
    from django.db.models import Count, Exists, OuterRef
    from django.urls import reverse

    from kinerja.workflow.extensions import CaseRecord

    records = [CaseRecord(_("Letter %(number)s: %(subject)s") % {"number": letter.number, "subject": letter.subject},
                          reverse("correspondence:letter", args=[letter.pk]),
                          _("agenda %(agenda)s") % {"agenda": letter.agenda_number})
               for letter in Letter.objects.filter(office_id=case.office_id, case_id=case.pk).order_by("pk")]
    documents = (Document.objects.filter(office_id=case.office_id, case_id=case.pk)
                 .annotate(version_count=Count("versions"),
                           signed=Exists(Signature.objects.filter(version__document=OuterRef("pk"))))
                 .order_by("pk"))
    for document in documents:
        note = (_("signed") if document.signed else
                _("version %(n)d, not signed yet: initials and the signature are given on its page")
                % {"n": document.version_count})
        records.append(CaseRecord(document.title, reverse("correspondence:document", args=[document.pk]), note))
    return records
