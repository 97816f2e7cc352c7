"""Telling people: an in-app Notification row (the page shows the unread count) and an e-mail through
Django's mail, in each person's own language, sent only once the transaction commits.

Reminders are mailed as they are made (they are made by the reminder run, in the worker). New work (a
task opened, returned or reassigned to somebody, a division's data request: NEW_WORK) is notified in
the action's own transaction, a row written with the action's other writes (fastsql.notify_new_task
on the engine's hot path), and e-mailed by the next reminder run (`mail_new_work`, from
send_due_reminders_task): each row is claimed by a guarded UPDATE of its `mailed_at`, so it is mailed
exactly once, also with two workers, and an action never waits for the mail server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kinerja.org.models import Office, Person, name_of

from .models import Case, DivisionRequest, Notification, Task
from .returns import sent_back


def local_moment(moment: dt.datetime, time_zone: str) -> str:
    """A moment as a person reads it in a message, in the office's time zone and the active language:
    "Senin, 24 November 2026 12.21 WIB" (not the database's UTC)."""
    local = moment.astimezone(ZoneInfo(time_zone))
    return f"{date_format(local, 'l, j F Y')} {local:%H.%M} {local.tzname()}"


def _message(kind: str, case: Case, task: Task | None) -> tuple[str, str]:
    step = f"{task.step.display_number}. {task.step.activity}" if task else ""
    subjects = {
        Notification.Kind.HALF: _("Half of the standard time has passed: %(case)s"),
        Notification.Kind.SOON: _("Due within one working hour: %(case)s"),
        Notification.Kind.OVERDUE: _("Overdue: %(case)s"),
        Notification.Kind.AT_RISK: _("Early warning, the deadline is at risk: %(case)s"),
    }
    subject = subjects[Notification.Kind(kind)] % {"case": case.title}
    lines = [subject, ""]
    if task is not None:
        lines.append(_("Step: %(step)s") % {"step": step})
        lines.append(_("Due: %(due)s") % {"due": local_moment(task.due_at, case.office.time_zone)})
    if case.target_deadline:
        lines.append(_("Target deadline: %(deadline)s") % {
            "deadline": local_moment(case.target_deadline, case.office.time_zone)})
    lines += ["", f"{settings.PUBLIC_URL}{reverse('workflow:case', args=[case.pk])}"]
    return subject, "\n".join(lines)


NEW_WORK = (Notification.Kind.ASSIGNED, Notification.Kind.RETURNED, Notification.Kind.REASSIGNED,
            Notification.Kind.REQUEST)


def _new_work_message(note: Notification) -> tuple[str, str]:
    """The e-mail about new work: what, the case, the step (its printed number), the due date, the link."""
    case, task, request = note.case, note.task, note.request
    assert case is not None and task is not None
    subjects = {
        Notification.Kind.ASSIGNED: _("New task: %(case)s"),
        Notification.Kind.RETURNED: _("Returned for revision: %(case)s"),
        Notification.Kind.REASSIGNED: _("Task reassigned to you: %(case)s"),
        Notification.Kind.REQUEST: _("Data request for %(division)s: %(case)s"),
    }
    subject = subjects[Notification.Kind(note.kind)] % {
        "case": case.title, "division": request.division.name if request else ""}
    lines = [subject, "", _("Step: %(step)s") % {"step": f"{task.step.display_number}. {task.step.activity}"}]
    if request is not None:
        lines.append(_("What to supply: %(what)s") % {"what": request.what})
    if note.kind == Notification.Kind.RETURNED:
        # What to fix: the "Belum sesuai" that opened this round (the case page's sent_back).
        back = sent_back([task]).get(task.pk)
        if back is not None:
            lines.append(_("Sent back from step %(n)s by %(who)s: %(reason)s") % {
                "n": back.step.display_number, "reason": back.reason,
                "who": name_of(back.done_by, none="?")})
    due = request.due_at if request is not None else task.due_at
    lines.append(_("Due: %(due)s") % {"due": local_moment(due, case.office.time_zone)})
    lines += ["", f"{settings.PUBLIC_URL}{reverse('workflow:case', args=[case.pk])}"]
    return subject, "\n".join(lines)


def mail_new_work(now: dt.datetime, limit: int = 500) -> list[int]:
    """E-mail the notifications of new work not mailed yet, each once (a guarded UPDATE claims it);
    those of work already done, cancelled or given to another person are marked and not sent. Returns the
    ids mailed."""
    mailed: list[int] = []
    pending = (Notification.objects.filter(kind__in=NEW_WORK, mailed_at__isnull=True)
               .select_related("user__person", "case__office", "task__step", "task__assignee", "request__division")
               .order_by("created_at", "pk")[:limit])
    for note in pending:
        if Notification.objects.filter(pk=note.pk, mailed_at__isnull=True).update(mailed_at=now) != 1:
            continue  # another worker has it
        task, request = note.task, note.request
        if task is None or task.status != Task.Status.OPEN or not _still_theirs(note, task) or (
                request is not None and (request.answered_at is not None or request.cancelled_at is not None)):
            continue  # done, cancelled or given to someone else before the mail went
        email = note.user.email
        if not email:
            continue
        person = getattr(note.user, "person", None)
        with translation.override((person.language if person else "") or "id"):
            subject, body = _new_work_message(note)
        send_mail(subject, body, None, [email], fail_silently=True)
        mailed.append(note.pk)
    return mailed


def _mail_after_commit(mails: list[tuple[str, str, str]]) -> None:
    def send() -> None:
        for subject, body, to in mails:
            send_mail(subject, body, None, [to], fail_silently=True)

    transaction.on_commit(send)


def notify(people: Iterable[Person], kind: str, case: Case, task: Task | None, at: dt.datetime) -> list[Notification]:
    """One notification and one e-mail per person (each person once)."""
    unique = list({p.pk: p for p in people}.values())
    rows = Notification.objects.bulk_create(
        Notification(user_id=p.user_id, kind=kind, case=case, task=task, created_at=at) for p in unique)
    mails = []
    for person in unique:
        email = person.user.email
        if email:
            with translation.override(person.language or "id"):
                mails.append((*_message(kind, case, task), email))
    _mail_after_commit(mails)
    return rows


def notify_outside_case(people: Iterable[Person], kind: str, office: Office, *, subject: str, url: str,
                        mail: Callable[[], tuple[str, str]], at: dt.datetime) -> list[Notification]:
    """The same for work outside a case (another app's inbox items). `subject` is what the work is (data,
    shown after the translated kind, e.g. "Overdue · Lengkapi bukti dukung"), `url` where it is, and
    `mail()` the e-mail's subject and text, called in each person's own language."""
    unique = list({p.pk: p for p in people}.values())
    # Mailed here, once the transaction commits: a kind of new work (a figure returned to its division) is marked
    # mailed, so mail_new_work, which mails a task's new work, leaves it alone.
    mailed = at if kind in NEW_WORK else None
    rows = Notification.objects.bulk_create(
        Notification(user_id=p.user_id, kind=kind, office=office, subject=subject[:400], url=url, created_at=at,
                     mailed_at=mailed)
        for p in unique)
    mails = []
    for person in unique:
        if person.user.email:
            with translation.override(person.language or "id"):
                mails.append((*mail(), person.user.email))
    _mail_after_commit(mails)
    return rows


def notify_new_work(users: Iterable[int], kind: str, task: Task, at: dt.datetime,
                    request: DivisionRequest | None = None) -> list[Notification]:
    """In-app notifications of new work for the users `users` (ids, each once), e-mailed by mail_new_work."""
    return Notification.objects.bulk_create(
        Notification(user_id=u, kind=kind, case_id=task.case_id, task=task, request=request, created_at=at)
        for u in dict.fromkeys(users))


def still_news() -> Q:
    """A notification that is news while unread: about no task (another app's item), about a task still
    open and still the user's, or an early warning (the case stays at risk after the task it named). New
    work, a return or a reminder about a task that is done, returned or cancelled (by the user or by another
    holder) is not: nothing is left to do about it; nor is one about a task a superior has since given to
    somebody else (reassigned after the notification, to another person). Read at query time, so
    completing or reassigning a task writes nothing more."""
    theirs = (Q(task__reassigned_at__isnull=True) | Q(task__reassigned_at__lte=F("created_at"))
              | Q(task__assignee__user_id=F("user_id")))
    return Q(task__isnull=True) | (Q(task__status=Task.Status.OPEN) & theirs) | Q(kind=Notification.Kind.AT_RISK)


def is_news(notification: Notification) -> bool:
    """still_news() for one notification read with its task (and the task's assignee)."""
    task = notification.task
    if notification.read_at is not None:
        return False
    if task is None or notification.kind == Notification.Kind.AT_RISK:
        return True
    return task.status == Task.Status.OPEN and _still_theirs(notification, task)


def _still_theirs(notification: Notification, task: Task) -> bool:
    """Whether `task` is still the work of the notified user: no superior gave it to another person since."""
    return (task.reassigned_at is None or task.reassigned_at <= notification.created_at
            or (task.assignee is not None and task.assignee.user_id == notification.user_id))


def unread_count(user: AbstractBaseUser) -> int:
    """How many of the user's notifications are unread news (the page frame's badge and the home page)."""
    return Notification.objects.filter(still_news(), user=user, read_at__isnull=True).count()
