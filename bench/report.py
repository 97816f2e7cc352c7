"""Benchmark of compiling one large office's Data Kinerja report (the compile that timed out a web worker).

The office: 70 indicators (7 sasaran × 10) with names of about 250 characters, 8 bidang, 5 years of
targets and quarterly actuals, generated in a temporary SQLite database (kinerja.performance.city with
long names, as tests/performance/test_report_large.py prints them). Measured, each the best of a few runs
with its CPU time beside the wall time (this machine is shared; the CPU time does not include waiting for
a core):

- the stages of one compile: reading the data (`build_report`), the PDF's first layout pass (the achievement
  table only, to find where a sasaran continues on the next page), its full layout, writing the PDF, the
  XLSX and the DOCX;
- `compile_report` end to end, and how long another connection's write waits when it starts half a second
  into a compile (SQLite lets one writer at a time: a compile that renders inside its transaction makes
  every other save of the office wait for it, or fail after the 20 s busy timeout);
- the compile page: the POST of the dashboard's "compile" button, through Django's test client, until its
  answer; then the worker's run of what it queued (`kinerja worker --batch`), when anything was queued.

Run: `.venv/bin/python bench/report.py` (or `make bench`); writes bench/results/report.json.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# bench/ is on the path: `python bench/X.py` and bench/run.py both run from it.
from _django import command_line, measure_in_child, setup

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "report.json"
YEAR = 2025
NAME = ("Persentase perempuan korban kekerasan fisik, psikis, seksual, penelantaran dan tindak pidana perdagangan "
        "orang yang mendapatkan layanan komprehensif sesuai standar pelayanan minimal bidang sosial di seluruh "
        "kecamatan Kabupaten Tulang Bawang Barat ({n})")
OBJECTIVE = ("Meningkatnya kualitas hidup dan peran perempuan serta terpenuhinya hak dan perlindungan khusus anak "
             "melalui penguatan kelembagaan dan layanan terpadu sasaran {k}")


def _timed(fn: Callable[[], object]) -> tuple[object, float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, time.perf_counter() - start, time.process_time() - cpu


def _best(fn: Callable[[], object], runs: int = 3) -> dict[str, float]:
    """Best wall time of `runs`, and the CPU time of that run."""
    best = (float("inf"), 0.0)
    for _ in range(runs):
        _value, wall, cpu = _timed(fn)
        best = min(best, (wall, cpu))
    return {"wall_s": round(best[0], 3), "cpu_s": round(best[1], 3)}


def _office() -> Any:
    from kinerja.performance.city import CitySize, generate_city
    from kinerja.performance.models import Indicator, Objective

    office = generate_city(YEAR, CitySize(offices=1, objectives=7, indicators_per_objective=10, divisions=8))[0]
    for objective in Objective.objects.filter(office=office):
        objective.name = OBJECTIVE.format(k=objective.code)
        objective.save(update_fields=["name"])
    for indicator in Indicator.objects.filter(office=office):
        indicator.name = NAME.format(n=indicator.code)
        indicator.save(update_fields=["name"])
    return office


def _compiler(office: Any) -> Any:
    """A person holding the office's Kasubbag Program position, who may compile."""
    from kinerja.org import actions as org_actions
    from kinerja.org.models import Position, Unit

    person = org_actions.add_person(office, username="bench-kasubbag", full_name="Penyusun Benchmark",
                                    password="bench-password-4821")
    position = Position.objects.get(office=office, kind=Position.Kind.UNIT_HEAD, unit__kind=Unit.Kind.SUBSECTION)
    org_actions.assign(person, position, starts_on=dt.date(YEAR, 1, 1))
    return person.user


def _stages(office: Any) -> dict[str, Any]:
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from kinerja.performance.renderers import docx, pdf, xlsx
    from kinerja.performance.report import build_report

    report = build_report(office, YEAR)
    html = render_to_string("performance/reports/report_pdf.html", pdf.context(report, main_only=True))
    full = render_to_string("performance/reports/report_pdf.html", pdf.context(report))
    document = HTML(string=full).render()
    return {
        "build_report": _best(lambda: build_report(office, YEAR)),
        "pdf_first_pass": _best(lambda: HTML(string=html).render(), runs=2),
        "pdf_full_layout": _best(lambda: HTML(string=full).render(), runs=2),
        "pdf_write": _best(document.write_pdf, runs=2),
        "pdf_total": _best(lambda: pdf.render(report), runs=2),
        "pdf_pages": len(document.pages),
        "xlsx": _best(lambda: xlsx.render(report)),
        "docx": _best(lambda: docx.render(report)),
    }


def _forget_versions(office: Any) -> None:
    """Drop the compiled versions, so that the next compile renders again (the same figures would
    otherwise return the latest version at once)."""
    from kinerja.performance.models import ReportVersion

    ReportVersion.objects.filter(office=office).delete()


def _compile_with_a_writer(office: Any, user: Any) -> dict[str, Any]:
    """compile_report in a thread, and from this thread a write to another office's row half a second in."""
    from django.db import connection, transaction

    from kinerja.org.models import Office
    from kinerja.performance.report import compile_report

    other = Office.objects.exclude(pk=office.pk).first() or Office.objects.create(code="bench-other", name="Lain")
    done: dict[str, Any] = {}

    def run() -> None:
        try:
            _value, done["wall_s"], _cpu = _timed(lambda: compile_report(office, YEAR, user=user))
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.5)
    start = time.perf_counter()
    error = ""
    try:
        with transaction.atomic():
            Office.objects.filter(pk=other.pk).update(short_name="Kantor lain")
    except Exception as e:  # measured, not asserted: a busy timeout is a result
        error = repr(e)
    waited = time.perf_counter() - start
    thread.join()
    return {"compile_wall_s": round(done["wall_s"], 3), "other_write_waited_s": round(waited, 3),
            "other_write_error": error}


def _compile_page(office: Any, user: Any) -> dict[str, Any]:
    from django.core.management import call_command
    from django.test import Client
    from django_tasks_db.models import DBTaskResult

    client = Client()
    client.force_login(user)
    queued_before = DBTaskResult.objects.count()
    _response, wall, _cpu = _timed(lambda: client.post("/data/reports/compile/", {"year": YEAR}))
    response: Any = _response
    queued = DBTaskResult.objects.count() - queued_before
    worker = 0.0
    if queued:
        _value, worker, _cpu = _timed(lambda: call_command("db_worker", queue_name="*", batch=True, reload=False,
                                                           verbosity=0))
    return {"post_answered_s": round(wall, 3), "status": response.status_code, "tasks_queued": queued,
            "worker_batch_s": round(worker, 3)}


def main() -> dict[str, Any]:
    return measure_in_child(__file__, RESULTS)


def measure() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as data_dir:
        setup(data_dir)
        from kinerja.performance.models import Indicator
        from kinerja.performance.report import compile_report

        load = [os.getloadavg()]
        office = _office()
        user = _compiler(office)
        stages = _stages(office)

        def compile_anew() -> None:
            _forget_versions(office)
            compile_report(office, YEAR, user=user)

        whole = _best(compile_anew, runs=2)
        _forget_versions(office)
        writer = _compile_with_a_writer(office, user)
        _forget_versions(office)
        page = _compile_page(office, user)
        load.append(os.getloadavg())
        return {
            "name": "report",
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "database": "sqlite",
                        "load_average_before": load[0], "load_average_after": load[1]},
            "office": {"indicators": Indicator.objects.filter(office=office).count(), "sasaran": 7, "bidang": 8},
            "stages": stages,
            "compile_report": whole,
            "during_a_compile": writer,
            "compile_page": page,
        }


if __name__ == "__main__":
    command_line(main, measure)
