"""`kinerja remind`: queue the reminder run (due-date reminders, and the e-mails about new work) for the
worker (django-tasks has no scheduler of its own).

Run it from cron every few minutes, or once with `--every SECONDS` as a long-running companion of
`kinerja worker` (`make run` can start both). `--now` sends in this process, without a worker."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from kinerja.verbs import KinerjaCommand
from kinerja.workflow.notify import mail_new_work
from kinerja.workflow.reminders import send_due_reminders
from kinerja.workflow.tasks import send_due_reminders_task


class Command(KinerjaCommand):
    help = "Queue the due-date reminders for the worker (once, or every N seconds with --every)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, metavar="SECONDS", help="keep queueing every SECONDS")
        parser.add_argument("--now", action="store_true", help="send in this process instead of queueing")

    def handle(self, *args: Any, every: int | None, now: bool, **options: Any) -> None:
        while True:
            if now:
                moment = timezone.now()
                sent = send_due_reminders(moment)
                mailed = mail_new_work(moment)
                self.stdout.write(f"{len(sent)} reminders sent, {len(mailed)} e-mails about new work.")
            else:
                result = send_due_reminders_task.enqueue()
                self.stdout.write(f"Queued reminders ({result.id}).")
            if not every:
                return
            time.sleep(max(10, every))
