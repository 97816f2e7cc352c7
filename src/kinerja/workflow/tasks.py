"""Background tasks (django-tasks; its database backend in production, run by `kinerja worker`)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from .notify import mail_new_work
from .reminders import send_due_reminders


@task()
def send_due_reminders_task() -> int:
    """Send the reminders due now and the e-mails about new work not sent yet; returns how many."""
    now = timezone.now()
    return len(send_due_reminders(now)) + len(mail_new_work(now))
