"""Where a period's figures stand for sign-off: which of them are not checked yet, and whether the
period's Data Kinerja is signed (its figures then locked).

The status of an actual runs draft → submitted → checked → locked (actions): signing locks the checked
actuals of the period (actions.lock_actuals). So a Data Kinerja is initialled and signed only once every
figure it reads is checked: a submitted figure would be signed unchecked and stay changeable after the
signature, a returned one is being corrected by its division. And once the period is signed, its figures
change only by a correction with its reason (actions.correct_actual), which a new compilation then shows.

The scope of a report is that of lock_actuals: the year's actuals for an annual report, the quarters up
to the report's quarter for a quarterly one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from kinerja.errors import KinerjaError
from kinerja.org.models import Office

from .models import QUARTERS, Actual, ReportVersion

# Figures the report reads or is waiting for that nobody has accepted yet.
UNCHECKED = (Actual.Status.SUBMITTED, Actual.Status.RETURNED)


def report_scope(year: int, quarter: int | None) -> Q:
    """The actuals a report of (year, quarter) reads and its signature locks (actions.lock_actuals)."""
    scope = Q(year=year, is_current=True)
    if quarter is not None:
        scope &= Q(quarter__isnull=False, quarter__lte=quarter)
    return scope


def unchecked(office: Office, year: int, quarter: int | None) -> list[Actual]:
    """The current actuals of the report's period that are submitted but not checked, or returned to their
    division, in the report's order. One query."""
    return list(Actual.objects.filter(report_scope(year, quarter), indicator__office=office, status__in=UNCHECKED)
                .select_related("indicator").order_by("indicator__order", "indicator__code", "quarter", "pk"))


def period_label(year: int, quarter: int | None) -> str:
    if quarter is None:
        return str(year)
    return f"{dict(QUARTERS)[quarter]} {year}"


def describe(actuals: list[Actual]) -> str:
    """"IK-01 Triwulan III 2025 (submitted), IK-04 Triwulan II 2025 (returned: …)" for messages."""
    parts = []
    for a in actuals:
        state = a.get_status_display()
        if a.status == Actual.Status.RETURNED and a.return_reason:
            state = f"{state}: {a.return_reason}"
        parts.append(f"{a.indicator.code or a.indicator.name} {period_label(a.year, a.quarter)} ({state})")
    return ", ".join(parts)


def check_all_checked(office: Office, year: int, quarter: int | None, *, what: str) -> None:
    """Refuse `what` (initials, the signature) while a figure of the report is unchecked."""
    found = unchecked(office, year, quarter)
    if found:
        raise KinerjaError(_("%(what)s refused: %(count)d figures of the Data Kinerja %(period)s are not checked yet: "
                             "%(figures)s. The Kasubbag checks them (Enter and check data) or the division "
                             "corrects the returned ones; nothing was saved.") % {
            "what": what, "count": len(found), "period": period_label(year, quarter), "figures": describe(found)})


def signing(office: Office, year: int, quarter: int | None) -> Any:
    """The signature (correspondence.Signature) on a Data Kinerja that locks the actuals of (year,
    quarter): a signed annual report locks the whole year, a signed quarterly report its quarter and those
    before it. None when no such report is signed. One query."""
    from kinerja.correspondence.models import Signature

    reports = ReportVersion.objects.filter(office=office, year=year)
    reports = reports.filter(Q(quarter__isnull=True) | Q(quarter__gte=quarter)) if quarter is not None \
        else reports.filter(quarter__isnull=True)
    # The content type by its natural key, joined: the same one query whether its cache is warm or not.
    return (Signature.objects.filter(version__source_type__app_label=ReportVersion._meta.app_label,
                                     version__source_type__model=ReportVersion._meta.model_name,
                                     version__source_id__in=reports.values("pk"))
            .select_related("version__document").order_by("signed_at").first())


def locked_message(signature: Any, year: int, quarter: int | None) -> str:
    """Why a change of a signed period's figure is refused."""
    return locked_notice(signature, year, quarter) + " " + _("Nothing was saved.")


def locked_notice(signature: Any, year: int, quarter: int | None) -> str:
    """What a form for a signed period's figures says instead of its inputs."""
    return _("The figures of %(period)s are locked: %(document)s (version %(n)d) was signed on %(date)s. A change "
             "is a correction with its reason (History → Correct the locked actual), which a new compilation of the report "
             "then shows.") % {
        "period": period_label(year, quarter), "document": signature.version.document.title,
        "n": signature.version.version, "date": date_format(localtime(signature.signed_at), "j F Y")}


def check_not_signed(office: Office, year: int, quarter: int | None, actual: Actual | None) -> None:
    """Refuse a change of the figure (year, quarter) once its period's Data Kinerja is signed; a correction
    in progress (a new version written by correct_actual) goes on to be checked and compiled again."""
    if actual is not None and actual.version > 1 and actual.correction_reason:
        return
    signature = signing(office, year, quarter)
    if signature is not None:
        raise KinerjaError(locked_message(signature, year, quarter))


def case_records(case: Any) -> list[Any]:
    """Links from a data collection case to its period's figures (workflow.extensions.register_case_records):
    the check page, and the dashboard whose "Compile report version" compiles the report, both opened on the
    case's period (requests.period_of) with where the figures stand. For a case of the office's data
    collection SOP, or one that asked divisions for data; nothing for a case whose period names no year or
    quarter. Three or four queries, whatever the number of figures."""
    from django.urls import reverse

    from kinerja.correspondence.models import Document, RegisterSettings
    from kinerja.workflow.extensions import CaseRecord
    from kinerja.workflow.models import DivisionRequest

    from .requests import period_of

    found = period_of(case.period)
    if found is None:
        return []
    sop_id = RegisterSettings.objects.filter(office_id=case.office_id).values_list("data_collection_sop_id",
                                                                                    flat=True).first()
    if sop_id != case.sop_version.sop_id and not DivisionRequest.objects.filter(task__case_id=case.pk).exists():
        return []
    office = case.office
    year, quarter = found.year, found.quarter
    label = period_label(year, quarter)
    query = f"year={year}&quarter={quarter or 0}"
    signature = signing(office, year, quarter)
    if signature is not None:
        check_note = _("locked: %(document)s is signed") % {"document": signature.version.document.title}
    else:
        waiting = unchecked(office, year, quarter)
        returned = sum(1 for a in waiting if a.status == Actual.Status.RETURNED)
        check_note = (_("%(unchecked)d not checked yet, of which %(returned)d returned to their division")
                      % {"unchecked": len(waiting), "returned": returned} if returned else
                      _("%(unchecked)d not checked yet") % {"unchecked": len(waiting)} if waiting else
                      _("every submitted figure is checked"))
    dashboard = f"{reverse('reports:dashboard')}?year={year}" + (f"&quarter={quarter}" if quarter else "")
    return [
        CaseRecord(_("Check the performance figures of %(period)s") % {"period": label},
                   f"{reverse('performance:check')}?{query}", check_note),
        CaseRecord(_("Compile the Data Kinerja %(period)s") % {"period": label}, f"{dashboard}#compile",
                   _("Compile report version, on the performance data of that period")),
        # Until the compilation is put up: then the document itself is among the case's records.
        *([] if signature is not None or Document.objects.filter(
            case_id=case.pk, kind=Document.Kind.PERFORMANCE_DATA).exists() else [CaseRecord(
            _("Put the compiled Data Kinerja %(period)s up for initials") % {"period": label},
            f"{reverse('correspondence:documents')}#compiled-reports",
            _("Letters → Documents, Compiled performance data"))]),
    ]
