"""The performance dashboard and the report downloads: thin views over report.py.

Every view reads `request.office`; a report version of another office is a 404.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.errors import NotAllowed
from kinerja.org.access import office_or_404
from kinerja.org.holding import today_in
from kinerja.org.models import Office, Unit

from . import access, charts, signoff
from .compilation import STALLED_AFTER, is_stalled, request_compilation
from .models import ReportCompilation, ReportVersion, Target
from .renderers import agreement, pdf, xlsx
from .renderers import docx as docx_renderer
from .renderers.common import PREDICATE_CLASS
from .report import NO_DIVISION_PART, ReportData, build_report, compile_power, compile_refusal, file_stem, may_compile
from .views import NO_DIVISION

FORMATS = {
    "pdf": (pdf.render, "application/pdf"),
    "xlsx": (xlsx.render, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "docx": (docx_renderer.render, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


# How often the compilation page asks where the worker is.
POLL_SECONDS = 2
PROGRESS = "progress"  # the dashboard's count of quarterly counts compared with the annual target
ANNUAL = "annual"  # its count of indicators measured by the year alone, in a quarter (report.ANNUAL_ONLY_NOTE)
# A compilation still waiting for the worker after this long suggests the worker is not running.
WORKER_HINT_AFTER = dt.timedelta(minutes=1)


def _int(value: str | None, allowed: range | list[int]) -> int | None:
    return int(value) if value and value.isdigit() and int(value) in allowed else None


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    if office is None:
        return render(request, "web/no_office.html", status=403)
    today = today_in(office.time_zone)
    may_compile, stood_in = compile_power(request.user, office, today)
    years = sorted(set(Target.objects.filter(indicator__office=office).values_list("year", flat=True).distinct())
                   | {today.year}, reverse=True)
    year = _int(request.GET.get("year"), years) or (today.year - 1 if today.year - 1 in years else years[0])
    quarter = _int(request.GET.get("quarter"), range(1, 5))
    divisions, division, without_division = _division_filter(request, office, year)
    report = build_report(office, year, quarter, made_on=today, division_id=division.pk if division else None,
                          without_division=without_division, approvals=False)
    versions = list(ReportVersion.objects.filter(office=office, year=year, quarter=quarter)
                    .select_related("created_by__person").order_by("-number")[:10])
    # Which compilations were signed, and which signed one a signed revision replaced (one query).
    signatures = signoff.period_signatures(office, year, quarter)
    signed = {s.version.source_id: (s, signatures[k + 1].version.document if k + 1 < len(signatures) else None)
              for k, s in enumerate(signatures)}
    # Where each unsigned one stands: put up for initials, whose it has and whose it waits for (three queries).
    approval = signoff.approvals(office, year, quarter)
    for v in versions:
        v.signature, v.superseded_by = signed.get(v.pk, (None, None))  # type: ignore[attr-defined]
        v.approval = approval.get(v.pk)  # type: ignore[attr-defined]
    # A compile under way for this period: the page links it, so whoever comes back finds it.
    compiling = ReportCompilation.objects.filter(office=office, year=year, quarter=quarter,
                                                 state__in=ReportCompilation.ACTIVE).first()
    counts: dict[str, int] = {}
    for row in report.indicators:
        # A quarter's count against the annual target (report.PARTIAL_NOTE) has a percentage, not a predicate.
        key = PROGRESS if row.partial else ANNUAL if row.annual_only else row.predicate or "–"
        counts[key] = counts.get(key, 0) + 1
    period = {"year": year, **({"quarter": quarter} if quarter else {})}
    # The downloads of the report as it stands keep the filter: a division's page gives the division's report.
    shown = {**({"quarter": quarter} if quarter else {}),
             **({"division": division.pk} if division else {"division": NO_DIVISION} if without_division else {})}
    return render(request, "performance/reports/dashboard.html", {
        "report": report, "years": years, "year": year, "quarter": quarter, "quarters": range(1, 5),
        "divisions": divisions, "division": division, "versions": versions, "compiling": compiling,
        "no_division": NO_DIVISION, "without_division": without_division,
        "counts": [({"–": _("no achievement"), PROGRESS: _("progress against the annual target"),
                     ANNUAL: _("measured by the year only")}.get(name, name),
                    counts[name], PREDICATE_CLASS.get(name, "p-none"))
                   for name in ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah", PROGRESS, ANNUAL, "–")
                   if name in counts],
        "objectives": [{"objective": o, "class": PREDICATE_CLASS.get(o.predicate or "", "p-none"),
                        "rows": [{"row": i, "class": PREDICATE_CLASS.get(i.predicate or "", "p-none")}
                                 for i in o.indicators]} for o in report.objectives],
        "charts": charts.dashboard_charts(report),
        "keys": {"objectives": charts.objective_key(report), "indicators": charts.indicator_key(report)},
        "not_drawn": _not_drawn(report),
        "may_compile": may_compile,
        # Someone away while a Plt or Plh acts for them: told who compiles meanwhile (no query more).
        "compile_refusal": compile_refusal(stood_in) if stood_in is not None else "",
        **_unchecked(office, year, quarter),
        "query": urlencode(period),
        "download_query": f"?{urlencode(shown)}" if shown else "",
    })


def _not_drawn(report: ReportData) -> list[tuple[str, str, str]]:
    """(code, name, why) of each indicator the chart of targets and actuals leaves out (charts.not_drawn)."""
    why = {charts.ZERO_TARGET: _("target 0: met or not met, its achievement 100% or 0%, not a share of the target"),
           charts.TEXT_TARGET: _("a text target: met or not met"),
           charts.NO_TARGET: _("no target yet"),
           charts.ANNUAL_ONLY: _("measured by the year only")}
    return [(row.code, row.name, why[reason]) for row, reason in charts.not_drawn(report)]


def _division_filter(request: HttpRequest, office: Office, year: int) -> tuple[list[Unit], Unit | None, bool]:
    """The dashboard's choice of division, as its page and its downloads read it: the units listed, the one
    chosen, and whether "Tanpa bidang" is (the indicators no division answers for yet, whose actuals the Subbag
    Program enters). The units of `year`: a unit that answered for an indicator then is listed though a later
    year gave it to another."""
    divisions = list(access.data_units(office, year))  # the Bidang, the Sekretariat, any unit an indicator names
    division = next((d for d in divisions if str(d.pk) == request.GET.get("division")), None)
    return divisions, division, division is None and request.GET.get("division") == NO_DIVISION


@login_required
def download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    """The report as it stands now, rendered on request (not stored: compiling stores a version), of the
    dashboard's division where it is filtered: the division's part, named so in its title and its file name. A
    compiled version, which is initialled and signed, is always the whole office's (compile_view)."""
    office = office_or_404(request)
    if fmt not in FORMATS:
        raise Http404
    quarter = _int(request.GET.get("quarter"), range(1, 5))
    _divisions, division, without_division = _division_filter(request, office, year)
    render_fn, content_type = FORMATS[fmt]
    # A division's part is never initialled or signed (compiling takes the whole office): no room for the stamps.
    report = build_report(office, year, quarter, made_on=today_in(office.time_zone),
                          division_id=division.pk if division else None, without_division=without_division,
                          approvals=not (division or without_division))
    report.part = (division.name if division else NO_DIVISION_PART) if division or without_division else ""
    stem = f"data-kinerja-{office.code}-{year}-tw{quarter}" if quarter else f"data-kinerja-{office.code}-{year}"
    if report.part:
        stem += f"-{slugify(division.short_name or division.name) if division else 'tanpa-bidang'}"
    response = HttpResponse(render_fn(report), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


@login_required
def agreement_pdf(request: HttpRequest, year: int) -> HttpResponse:
    office = office_or_404(request)
    data = agreement.render(build_report(office, year, made_on=today_in(office.time_zone)))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="perjanjian-kinerja-{office.code}-{year}.pdf"'
    return response


@login_required
def version_file(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    version = get_object_or_404(ReportVersion, pk=pk, office=office_or_404(request))
    if fmt not in FORMATS or not getattr(version, fmt):
        raise Http404
    stem = file_stem(version.office, version.year, version.quarter, version.number)
    return FileResponse(getattr(version, fmt).open("rb"), as_attachment=True, filename=f"{stem}.{fmt}",
                        content_type=FORMATS[fmt][1])


@require_POST
@login_required
def compile_view(request: HttpRequest) -> HttpResponse:
    """Queue the compile (or find the one under way) and show its page: laying the report out can take
    longer than a web request may."""
    office = office_or_404(request)
    year = _int(request.POST.get("year"), range(2000, 2101))
    quarter = _int(request.POST.get("quarter"), range(1, 5))
    if year is None:
        raise Http404
    try:
        compilation = request_compilation(office, year, quarter, user=request.user)
    except NotAllowed as e:
        return HttpResponseForbidden(str(e))
    return redirect("reports:compilation", compilation.pk)


def _unchecked(office: Office, year: int, quarter: int | None) -> dict[str, object]:
    """The period's figures not checked yet (signoff.unchecked) and the check page listing exactly them."""
    return {"unchecked": signoff.unchecked(office, year, quarter),
            "check_url": signoff.check_url(year, quarter)}


def _put_up(user: object, compilation: ReportCompilation) -> dict[str, object]:
    """Where the version a finished compile made or found stands on its way to the initials, for its page: the
    document version it already is (put_up_as), else the offer to put it up ("Put up for initials", the documents
    page's action) to whoever may (report.may_compile) while it is current and may be put up, else why not
    (correspondence.actions.put_up_refusal)."""
    from kinerja.correspondence import actions as correspondence

    version = compilation.version
    if compilation.state != ReportCompilation.State.DONE or version is None:
        return {}
    put_up = correspondence.put_up_as(version)
    if put_up is not None:
        return {"put_up": put_up}
    if not may_compile(user, compilation.office, today_in(compilation.office.time_zone)):
        return {}
    refusal = correspondence.put_up_refusal(version)
    return {"put_up_refusal": refusal} if refusal else {"may_put_up": True}


@login_required
def compilation_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Where a compile is; htmx asks again every few seconds while it is queued or running (the partial
    alone), and the page refreshes itself without JavaScript."""
    compilation = get_object_or_404(ReportCompilation.objects.select_related("version", "office"), pk=pk,
                                    office=office_or_404(request))
    period = {"year": compilation.year, **({"quarter": compilation.quarter} if compilation.quarter else {})}
    stages = list(ReportCompilation.Stage)
    reached = stages.index(compilation.stage) if compilation.stage else -1
    context = {
        "compilation": compilation, "dashboard": f"{reverse('reports:dashboard')}?{urlencode(period)}",
        "poll_seconds": POLL_SECONDS,
        "stages": [(stage.label, "done" if k < reached else "current" if k == reached else "todo")
                   for k, stage in enumerate(stages)],
        "waiting_long": compilation.state == ReportCompilation.State.QUEUED
        and timezone.now() - compilation.requested_at > WORKER_HINT_AFTER,
        # Its worker stopped touching it (compilation.STALLED_AFTER): stop following it, offer to compile again.
        "stalled": is_stalled(compilation),
        "stalled_minutes": int(STALLED_AFTER.total_seconds() // 60),
        **_unchecked(compilation.office, compilation.year, compilation.quarter),
        **_put_up(request.user, compilation),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "performance/reports/partials/compilation_state.html", context)
    return render(request, "performance/reports/compilation.html", context)
