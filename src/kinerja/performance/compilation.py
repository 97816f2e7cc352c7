"""Compiling the report in the background worker, for the web page.

Laying out a large office's report takes seconds to tens of seconds (bench/report.py), longer than a web
worker may take to answer. So the compile button only records a `ReportCompilation` and queues a task
(django-tasks, its database backend run by `kinerja worker`); the page it leads to follows the row until
it names the version made or what failed. The CLI and the demo still compile in their own process
(`report.compile_report`).

A worker that dies mid-compile (killed, the machine restarted) leaves its row "running". So that the page
need not follow it for long, the worker touches the row at every stage and, from a heartbeat thread, every
HEARTBEAT_EVERY while a stage runs (laying out a large office's PDF is one long call). A running row
untouched for STALLED_AFTER is stalled: its page says so and offers to compile again, and that press
starts a new compilation. A live worker is never taken for a dead one, so two presses still compile once.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import DatabaseError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kinerja.errors import KinerjaError, NotAllowed
from kinerja.org.holding import today_in
from kinerja.org.models import Office

from .models import ReportCompilation
from .report import compile_power, compile_refusal, compile_report

log = logging.getLogger(__name__)
# A queued compilation untouched for this long was cut off (the worker never ran, or lost the task): the next
# press starts another rather than waiting on it for ever. A busy worker may leave a queued one waiting a while.
STALE_AFTER = dt.timedelta(minutes=15)
# While a compilation runs, its worker touches the row this often, whatever the stage takes...
HEARTBEAT_EVERY = dt.timedelta(seconds=10)
# ...so a running one untouched for this long (six beats missed) lost its worker: stalled.
STALLED_AFTER = dt.timedelta(minutes=1)


def is_stalled(compilation: ReportCompilation, now: dt.datetime | None = None) -> bool:
    """Whether a running compilation's worker has stopped touching it (the worker died)."""
    now = now or timezone.now()
    return compilation.state == ReportCompilation.State.RUNNING and now - compilation.updated_at > STALLED_AFTER


def _cut_off(compilation: ReportCompilation, now: dt.datetime) -> bool:
    if compilation.state == ReportCompilation.State.RUNNING:
        return is_stalled(compilation, now)
    return now - compilation.updated_at >= STALE_AFTER


def request_compilation(office: Office, year: int, quarter: int | None, *,
                        user: AbstractBaseUser) -> ReportCompilation:
    """The compilation of this period that is queued or running, or a new one queued for the worker."""
    allowed, acting = compile_power(user, office, today_in(office.time_zone))
    if not allowed:
        raise NotAllowed(compile_refusal(acting))
    with transaction.atomic():
        # Lock the office: two presses at once must find one another's row, not both queue a compile.
        Office.objects.select_for_update().get(pk=office.pk)
        active = ReportCompilation.objects.filter(office=office, year=year, quarter=quarter,
                                                  state__in=ReportCompilation.ACTIVE).first()
        if active is not None:
            if not _cut_off(active, timezone.now()):
                return active
            ReportCompilation.objects.filter(pk=active.pk).update(
                state=ReportCompilation.State.FAILED, finished_at=timezone.now(),
                error=_("The compilation was interrupted (the background worker stopped); it was started again."))
        compilation = ReportCompilation.objects.create(office=office, year=year, quarter=quarter, requested_by=user)
        # After the commit: the worker must find the row its task names.
        transaction.on_commit(lambda: _enqueue(compilation.pk))
    return compilation


def _enqueue(compilation_id: int) -> None:
    from .tasks import compile_report_task

    compile_report_task.enqueue(compilation_id)


def _touch(compilation_id: int) -> None:
    """The heartbeat: the row is touched while it is still running (a row given up stays as it was)."""
    ReportCompilation.objects.filter(pk=compilation_id, state=ReportCompilation.State.RUNNING).update(
        updated_at=timezone.now())


@contextmanager
def _heartbeat(compilation_id: int) -> Iterator[None]:
    """Touch the row every HEARTBEAT_EVERY from a thread of its own while the body runs. The thread has its
    own database connection, closed when it ends; a failed touch is logged, never fatal to the compile."""
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(HEARTBEAT_EVERY.total_seconds()):
                try:
                    _touch(compilation_id)
                except DatabaseError:
                    log.warning("heartbeat of report compilation %s failed", compilation_id, exc_info=True)
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"compilation-{compilation_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def run_compilation(compilation_id: int) -> int | None:
    """The worker's part: compile, recording each stage, then the version or the error. Returns the
    version's id, or None when the compilation was not queued (already taken, or it failed)."""
    now = timezone.now()
    # Claim it once: a task run twice (two workers, a retry) must not lay the report out twice.
    claimed = ReportCompilation.objects.filter(pk=compilation_id, state=ReportCompilation.State.QUEUED).update(
        state=ReportCompilation.State.RUNNING, updated_at=now)
    if not claimed:
        return None
    compilation = ReportCompilation.objects.select_related("office", "requested_by__person").get(pk=compilation_id)
    rows = ReportCompilation.objects.filter(pk=compilation_id)

    def progress(stage: str) -> None:
        rows.update(stage=stage, updated_at=timezone.now())

    person = getattr(compilation.requested_by, "person", None)
    before = compilation.office.report_versions.filter(year=compilation.year, quarter=compilation.quarter) \
        .order_by("-number").values_list("pk", flat=True).first()
    # The error is stored as its words, in the language of the person who will read it.
    with translation.override(person.language if person is not None else settings.LANGUAGE_CODE):
        try:
            with _heartbeat(compilation_id):
                version = compile_report(compilation.office, compilation.year, compilation.quarter,
                                         user=compilation.requested_by, progress=progress)
        except KinerjaError as e:
            error = str(e)
        except Exception as e:
            log.exception("compiling report %s failed", compilation)
            error = _("%(error)s (%(kind)s)") % {"error": str(e) or _("no message"), "kind": type(e).__name__}
        else:
            rows.update(state=ReportCompilation.State.DONE, version=version, unchanged=version.pk == before,
                        finished_at=timezone.now())
            return version.pk
    rows.update(state=ReportCompilation.State.FAILED, error=error, finished_at=timezone.now())
    return None
