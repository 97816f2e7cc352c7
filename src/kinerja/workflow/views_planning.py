"""Pages of planning and compliance: an SOP version's plan as a Gantt chart, and the SOP compliance
report with its chart and XLSX export. Thin: the work is in planning.py, gantt.py and compliance.py."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from kinerja.errors import KinerjaError
from kinerja.org.access import office_or_404
from kinerja.sop.models import SopVersion

from .calendar import FIRST_YEAR, LAST_YEAR, WorkCalendar, calendar_year
from .cli_plan import parse_start
from .compliance import ComplianceReport, chart_svg, compliance, duration_text, to_xlsx
from .gantt import plan_gantt_charts
from .planning import plan


@login_required
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    office = office_or_404(request)
    # Scoped to the user's office: another office's SOP is a 404.
    version = get_object_or_404(SopVersion.objects.select_related("sop"), pk=pk, sop__office=office)
    calendar = WorkCalendar.for_office(office)
    steps = list(version.steps.select_related("actor").order_by("number"))
    error = ""
    start_text = request.GET.get("start", "").strip()
    start = calendar.next_opening(timezone.now())
    if start_text:
        try:
            start = parse_start(start_text, calendar)
        except KinerjaError as e:
            error = str(e)
    planned = plan(steps, start, calendar) if steps else []
    rows = [(p, step, calendar.holiday_name(p.due.date())) for p, step in zip(planned, steps, strict=True)]
    return render(request, "workflow/planning/plan.html", {
        "version": version, "rows": rows, "start": calendar.local(start), "error": error,
        "start_value": start_text or f"{calendar.local(start):%Y-%m-%dT%H:%M}",
        "gantt": plan_gantt_charts(steps, start, calendar) if steps else None,
        "time_zone": calendar.local(start).tzname(), "finish": planned[-1].due if planned else None,
        "working_days": len(list(calendar.working_days(start.date(), planned[-1].due.date()))) if planned else 0,
    })


def _report(request: HttpRequest, pk: int) -> tuple[ComplianceReport, str]:
    """The report of the year asked for (?year=), or of this year with the error that names a year not
    understood (the same check as the calendar page's)."""
    office = office_or_404(request)
    version = get_object_or_404(SopVersion.objects.select_related("sop__office"), pk=pk, sop__office=office)
    calendar = WorkCalendar.for_office(office)
    this_year = calendar.local(timezone.now()).year
    error = ""
    try:
        year = calendar_year(request.GET.get("year", ""), this_year)
    except KinerjaError as e:
        error, year = str(e), this_year
    return compliance(version.sop, year, calendar=calendar), error


@login_required
def compliance_page(request: HttpRequest, pk: int) -> HttpResponse:
    report, error = _report(request, pk)
    rows = [(s, duration_text(s.median_seconds, report.day_seconds), duration_text(s.p90_seconds, report.day_seconds))
            for s in report.steps]
    divisions = [(d, duration_text(d.median_seconds, report.day_seconds)) for d in report.divisions]
    return render(request, "workflow/planning/compliance.html", {
        "report": report, "rows": rows, "divisions": divisions, "chart": chart_svg(report),
        "chart_phone": chart_svg(report, phone=True), "pk": pk,
        "versions_differ": any(s.versions_differ for s in report.steps),
        # Started but neither finished, open nor ended at a decision: cancelled (the count did not add up
        # without them).
        "cancelled": report.cases_started - report.cases_finished - report.cases_open - report.cases_ended,
        "years": range(max(report.year - 3, FIRST_YEAR), min(report.year + 2, LAST_YEAR + 1)), "error": error},
        status=400 if error else 200)


@login_required
def compliance_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    report, error = _report(request, pk)
    if error:  # a file of another year than the one asked for would be taken for it
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(to_xlsx(report),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="kepatuhan-sop-{report.sop.pk}-{report.year}.xlsx"'
    return response
