"""Background tasks of the performance app (django-tasks; run by `kinerja worker`)."""

from __future__ import annotations

from django_tasks import task

from .compilation import run_compilation


@task()
def compile_report_task(compilation_id: int) -> int | None:
    """Compile the report a ReportCompilation asks for; returns the version's id."""
    return run_compilation(compilation_id)
