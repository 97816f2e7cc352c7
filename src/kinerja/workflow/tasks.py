"""Background tasks (django-tasks; its database backend in production, run by `kinerja worker`)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from .reminders import send_due_reminders


@task()
def send_due_reminders_task() -> int:
    """Send the reminders due now; returns how many were sent."""
    return len(send_due_reminders(timezone.now()))
