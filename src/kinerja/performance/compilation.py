"""Compiling the report in the background worker, for the web page.

Laying out a large office's report takes seconds to tens of seconds (bench/report.py), longer than a web
worker may take to answer. So the compile button only records a `ReportCompilation` and queues a task
(django-tasks, its database backend run by `kinerja worker`); the page it leads to follows the row until
it names the version made or what failed. The CLI and the demo still compile in their own process
(`report.compile_report`).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kinerja.errors import KinerjaError, NotAllowed
from kinerja.org.holding import today_in
from kinerja.org.models import Office

from .models import ReportCompilation
from .report import compile_report, may_compile

log = logging.getLogger(__name__)
# An active compilation untouched for this long was cut off (the worker stopped or never ran): the next
# press starts another rather than waiting on it for ever. A stage of the largest office takes seconds.
STALE_AFTER = dt.timedelta(minutes=15)


def request_compilation(office: Office, year: int, quarter: int | None, *,
                        user: AbstractBaseUser) -> ReportCompilation:
    """The compilation of this period that is queued or running, or a new one queued for the worker."""
    if not may_compile(user, office, today_in(office.time_zone)):
        raise NotAllowed(_("Only the Kasubbag, the Sekretaris, the head of office or the administrator may "
                           "compile the report."))
    with transaction.atomic():
        # Lock the office: two presses at once must find one another's row, not both queue a compile.
        Office.objects.select_for_update().get(pk=office.pk)
        active = ReportCompilation.objects.filter(office=office, year=year, quarter=quarter,
                                                  state__in=ReportCompilation.ACTIVE).first()
        if active is not None:
            if timezone.now() - active.updated_at < STALE_AFTER:
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
