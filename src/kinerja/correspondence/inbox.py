"""Meeting follow-ups in their person in charge's inbox (registered with workflow.inbox_extensions in
CorrespondenceConfig.ready()): open ones of the positions the user holds, with the minutes as their
link, and the user's recently closed ones under "Done". One query, however many follow-ups.

`awaiting`: the letters and documents that wait for the user's own hand today (a disposition, initials,
a signature), by the rules the letter and document pages apply, for the home page; `Awaiting.cover` puts
a case's Data Kinerja on the listed task its initials or signature complete, instead of listing it twice.
`task_acts` (registered with workflow.inbox_extensions) does the same for the inbox's tasks, so the inbox
and the home page show the same button by the same rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.org.models import Assignment, Office, Position
from kinerja.workflow.calendar import WorkCalendar
from kinerja.workflow.inbox_extensions import Item, due_at

from .actions import DISPOSER_KINDS, required_positions, sign_refusal
from .models import Document, DocumentVersion, FollowUp, Initial, Letter, Signature

DONE_SHOWN = 20


def with_due_days(follow_ups: Iterable[FollowUp], office: Office) -> list[FollowUp]:
    """The follow-ups, each with `due_day`: the day it is due as its inbox item and reminders count it
    (a date the office is closed moves forward to the next working day, inbox_extensions.due_at), and
    `closed_reason`: why the office is closed on the date the meeting set ("" for a weekend). The minutes
    and follow-up pages show the date as decided, and this one beside it when it differs, so that their
    "Overdue" agrees with the inbox."""
    cal = WorkCalendar.current(office)
    rows = list(follow_ups)
    for f in rows:
        f.due_day = due_at(cal, f.due_on).date()  # type: ignore[attr-defined]
        f.closed_reason = cal.holiday_name(f.due_on) or ""  # type: ignore[attr-defined]
    return rows


def follow_up_items(user: AbstractBaseUser, office: Office, now: dt.datetime, day: dt.date) -> list[Item]:
    # Not those of a position a Plt or Plh acts for meanwhile: the acting holder sees and closes them
    # (holding.doing_own_work, as a subquery: the inbox's query count stays as it was).
    stood_in = Assignment.objects.filter(Assignment.active_on(day), position_id=OuterRef("position_id"),
                                         kind__in=Assignment.ACTING_KINDS)
    held = (Assignment.objects.filter(Assignment.active_on(day), person__user_id=user.pk)
            .filter(Q(kind__in=Assignment.ACTING_KINDS) | ~Exists(stood_in)).values("position_id"))
    recent = (FollowUp.objects.filter(office=office, done_by_id=user.pk).order_by("-done_at", "-pk")
              .values("pk")[:DONE_SHOWN])
    rows = (FollowUp.objects.filter(office=office)
            .filter(Q(status=FollowUp.Status.OPEN, position_id__in=held) | Q(pk__in=recent))
            .select_related("minutes", "position"))
    items = []
    for f in rows:
        is_open = f.status == FollowUp.Status.OPEN
        items.append(Item(
            kind=_("Meeting follow-up"), title=f.description, context=f.minutes.title,
            url=reverse("correspondence:minutes", args=[f.minutes_id]) + f"#follow-up-{f.pk}",
            due_on=f.due_on, opened_at=f.minutes.created_at, done_at=None if is_open else f.done_at,
            done_note=f.done_note,
            close_url=reverse("correspondence:follow_up_done", args=[f.pk]) if is_open else "",
            close_label=_("Mark done")))
    return items


class Listed(Protocol):
    """A task as a page lists it (the home page's OpenWork, the inbox's Row), which may carry the button to
    the act that completes it elsewhere."""

    @property
    def case_id(self) -> int | None: ...

    @property
    def position_id(self) -> int | None: ...

    act_url: str
    act_label: str


@dataclass
class Awaiting:
    """Letters to dispose, and newest versions of unsigned documents to initial or to sign."""

    letters: list[Letter] = field(default_factory=list)
    initials: list[DocumentVersion] = field(default_factory=list)
    signatures: list[DocumentVersion] = field(default_factory=list)
    # The head's positions the user signs in today (a task of theirs there waits for the signature).
    signing_position_ids: set[int] = field(default_factory=set)
    # The disposing positions the user holds today (a task of theirs in a letter's case waits for its disposition).
    disposing_position_ids: set[int] = field(default_factory=set)

    @property
    def count(self) -> int:
        return len(self.letters) + len(self.initials) + len(self.signatures)

    def cover(self, work: Sequence[Listed]) -> None:
        """The Kasubbag's step 4 ("check, compile and initial") is done by initialling the case's Data Kinerja
        (workflow_link): where such a task is listed, its line carries the button to the document, and the
        document leaves the lists of documents, so the same work is not shown twice. A document stays listed
        when no listed task of its case is the user's for the same act (the task is not among the nearest
        shown, or the document is not the case's Data Kinerja). Likewise the Sekretaris's step 1 of a case
        started by a head's letter is done by disposing of the letter (workflow_link.disposition_done): the
        task carries the button to the letter's page, where the disposition sheet is filled in. No query."""
        def disposed_by_task(letter: Letter) -> bool:
            if letter.case_id is None:
                return False
            tasks = [w for w in work if w.case_id == letter.case_id and w.position_id in self.disposing_position_ids]
            for task in tasks:
                task.act_url = reverse("correspondence:letter", args=[letter.pk])
                task.act_label = _("Dispose of letter %(agenda)s") % {"agenda": letter.agenda_number}
            return bool(tasks)

        self.letters = [letter for letter in self.letters if not disposed_by_task(letter)]

        def covered(version: DocumentVersion, positions: set[int], label: str) -> bool:
            document = version.document
            if document.case_id is None or document.kind not in Document.APPROVED_IN_CASE_KINDS:
                return False
            tasks = [w for w in work if w.case_id == document.case_id and w.position_id in positions]
            for task in tasks:
                task.act_url = reverse("correspondence:document", args=[document.pk])
                task.act_label = label % {"document": document.title}
            return bool(tasks)

        self.initials = [v for v in self.initials if not covered(
            v, {getattr(v, "awaited_position_id", None)}, _("Initial %(document)s"))]
        self.signatures = [v for v in self.signatures if not covered(
            v, self.signing_position_ids, _("Sign %(document)s"))]


def task_acts(user: AbstractBaseUser, office: Office, held: list[Assignment], rows: Sequence[Listed]) -> None:
    """The inbox's open tasks (`rows`) that the initials or the signature on their case's Data Kinerja, or the
    disposition of their case's letter, complete carry the button to the document or the letter, by Beranda's
    rules (awaiting, then Awaiting.cover). No query without tasks; with tasks, one for the cases' unsigned
    Data Kinerja and, for a disposer, one for their letters waiting for a disposition; when a Data Kinerja is
    found, its initials, the required initials and, for the head, who signs today: a fixed number, however
    many tasks."""
    if not rows:
        return
    awaiting(user, office, held, cases={r.case_id for r in rows if r.case_id is not None}).cover(rows)


def awaiting(user: AbstractBaseUser, office: Office, held: list[Assignment], *,
             cases: Collection[int] | None = None) -> Awaiting:
    """What waits for `user`'s hand today, given the positions they hold (`held`, today's assignments):

    - letters nobody has disposed yet, for a holder of a disposing position (the Sekretaris, the head);
    - the newest version of each unsigned document whose initials are the user's turn: a required
      position they hold has not initialled it and every earlier one has (the document page's order);
    - the newest version of each unsigned document with every required initial, for today's signer;

    only documents that go through initials and the signature (not minutes: Document.SIGNED_KINDS). A
    fixed number of queries, however many letters and documents; none for a user who holds none of those
    positions.

    With `cases` (the inbox's tasks, task_acts): only the letters and the Data Kinerja of those cases; the
    documents are looked up before the rest, which is read only when one is found."""
    found = Awaiting()
    mine = [a for a in held if a.position.office_id == office.pk]
    kinds = {a.position.kind for a in mine}
    held_ids = {a.position_id for a in mine}
    found.disposing_position_ids = {a.position_id for a in mine if a.position.kind in DISPOSER_KINDS}
    if found.disposing_position_ids and (cases is None or cases):
        letters = Letter.objects.filter(office=office, dispositions__isnull=True)
        if cases is not None:
            letters = letters.filter(case_id__in=cases)
        found.letters = list(letters.order_by("received_on", "seq"))
    newest = DocumentVersion.objects.filter(document_id=OuterRef("document_id")).order_by("-version").values("pk")[:1]
    versions = (DocumentVersion.objects.filter(office=office, pk=Subquery(newest),
                                               document__kind__in=Document.SIGNED_KINDS)
                .exclude(Exists(Signature.objects.filter(version__document_id=OuterRef("document_id"))))
                .select_related("document")
                .prefetch_related(Prefetch("initials", queryset=Initial.objects.only("version_id", "position_id")))
                .order_by("created_at", "pk"))
    if cases is not None:
        if not cases:
            return found
        versions = list(versions.filter(document__case_id__in=cases, document__kind__in=Document.APPROVED_IN_CASE_KINDS))
        if not versions:
            return found
    may_sign = Position.Kind.HEAD in kinds and not sign_refusal(user, office)
    if may_sign:
        found.signing_position_ids = {a.position_id for a in mine if a.position.kind == Position.Kind.HEAD}
    required = required_positions(office)
    if not required or not (may_sign or held_ids & {p.pk for p in required}):
        return found
    for version in versions:
        done = {i.position_id for i in version.initials.all()}
        missing = [p for p in required if p.pk not in done]
        if not missing:
            if may_sign:
                found.signatures.append(version)
        elif missing[0].pk in held_ids:  # the first initial still missing is the user's: their turn
            version.awaited_position_id = missing[0].pk  # type: ignore[attr-defined]
            found.initials.append(version)
    return found
