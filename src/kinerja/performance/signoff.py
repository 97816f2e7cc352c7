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

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet, Subquery
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from kinerja.errors import KinerjaError
from kinerja.org.models import Office, name_of

from .models import QUARTERS, Actual, ActualRevision, ReportVersion, actuals_as_of, period_name

# Figures the report reads or is waiting for that nobody has accepted yet.
UNCHECKED = (Actual.Status.SUBMITTED, Actual.Status.RETURNED)


def report_scope(year: int, quarter: int | None, prefix: str = "") -> Q:
    """The actuals a report of (year, quarter) reads and its signature locks (actions.lock_actuals);
    `prefix` ("actual__") for a query of the rows that point to them."""
    scope = Q(**{f"{prefix}year": year, f"{prefix}is_current": True})
    if quarter is not None:
        scope &= Q(**{f"{prefix}quarter__isnull": False, f"{prefix}quarter__lte": quarter})
    return scope


def is_correction(actual: Actual | None) -> bool:
    """Whether the actual is a correction of a signed period (correct_actual, add_missing_actual): it carries
    its reason, and goes on to be checked and compiled into a revision of the report."""
    return actual is not None and bool(actual.correction_reason)


def unchecked_actuals(office: Office, year: int, quarter: int | None) -> QuerySet[Actual]:
    """The query of unchecked(): the current actuals the report of (year, quarter) reads that are submitted but
    not checked, or returned to their division. The check page's view of them (check_url) lists this query, so
    the count a link gives and the page it opens agree."""
    return Actual.objects.filter(report_scope(year, quarter), indicator__office=office, status__in=UNCHECKED)


def unchecked(office: Office, year: int, quarter: int | None) -> list[Actual]:
    """The current actuals of the report's period that are submitted but not checked, or returned to their
    division, in the report's order. One query."""
    return list(actuals_as_of(unchecked_actuals(office, year, quarter), year)
                .select_related("indicator").order_by("indicator__order", "indicator__code", "quarter", "pk"))


# The check page's list of the figures that hold up the report of its period (unchecked_actuals): of a quarter's
# report, those of its quarter and of the quarters before it, which it reads too; of the year's, all of the year's.
REPORT_FILTER = "report"


def check_url(year: int, quarter: int | None) -> str:
    """The check page listing exactly the figures that hold up the Data Kinerja of (year, quarter), with their
    quarters: where every link saying how many figures of a report are unchecked leads."""
    from django.urls import reverse

    return f"{reverse('performance:check')}?year={year}&quarter={quarter or 0}&status={REPORT_FILTER}"


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


class NamesCodes(KinerjaError):
    """A refusal whose message names indicators by their `codes`, which the page keeps whole
    (perfdata.refusal_message): "IK-01" never broken at its hyphen."""

    def __init__(self, message: str, codes: list[str]) -> None:
        super().__init__(message)
        self.codes = codes


class FiguresNotChecked(NamesCodes):
    """Initials or a signature refused while figures are unchecked; `codes` are the indicators' codes it names."""


class CompilationChanged(NamesCodes):
    """Initials or a signature refused on a compiled Data Kinerja whose period's data changed since it was
    compiled (correspondence.actions.changed_since_compiled); `codes` are the changed indicators' codes
    (changed_codes)."""


def changed_codes(changed: list[str]) -> list[str]:
    """The indicator codes in changed_since_compiled's list, which names the budget and the objectives by a word
    and an indicator without a code by its name: a code has no space, a name that wraps is left to wrap."""
    words = {_("budget"), _("objectives")}
    return [c for c in changed if c not in words and not any(ch.isspace() for ch in c)]


def check_all_checked(office: Office, year: int, quarter: int | None, *, what: str) -> None:
    """Refuse `what` (initials, the signature) while a figure of the report is unchecked."""
    found = unchecked(office, year, quarter)
    if found:
        raise FiguresNotChecked(_("%(what)s refused: %(count)d figures of the Data Kinerja %(period)s are not checked yet: "
                             "%(figures)s. The Kasubbag checks them (Enter and check data) or the division "
                             "corrects the returned ones; nothing was saved.") % {
            "what": what, "count": len(found), "period": period_label(year, quarter), "figures": describe(found)},
            sorted({a.indicator.code for a in found if a.indicator.code}))


def signing(office: Office, year: int, quarter: int | None) -> Any:
    """The signature (correspondence.Signature) on a Data Kinerja that locks the actuals of (year,
    quarter): a signed annual report locks the whole year, a signed quarterly report its quarter and those
    before it; the latest, when a revision was signed after a correction. None when no such report is
    signed. One query."""
    from kinerja.correspondence.models import Signature

    reports = ReportVersion.objects.filter(office=office, year=year)
    reports = reports.filter(Q(quarter__isnull=True) | Q(quarter__gte=quarter)) if quarter is not None \
        else reports.filter(quarter__isnull=True)
    # The content type by its natural key, joined: the same one query whether its cache is warm or not.
    return (Signature.objects.filter(version__source_type__app_label=ReportVersion._meta.app_label,
                                     version__source_type__model=ReportVersion._meta.model_name,
                                     version__source_id__in=reports.values("pk"))
            .select_related("version__document").order_by("-signed_at").first())


def latest_signed_year(office: Office) -> int | None:
    """The latest year of which a Data Kinerja (of the year or of a quarter) is signed; None if none is. One query."""
    from kinerja.correspondence.models import Signature

    signed = Signature.objects.filter(version__source_type__app_label=ReportVersion._meta.app_label,
                                      version__source_type__model=ReportVersion._meta.model_name,
                                      version__source_id=OuterRef("pk"))
    return ReportVersion.objects.filter(Exists(signed), office=office).aggregate(year=Max("year"))["year"]


def signed_in_years(office_id: int, first: int | None, last: int) -> Any:
    """The latest signature on a Data Kinerja (of a year or of a quarter) of a year from `first` (None: any year
    before) to `last`: what an indicator's attributes of those years (an IndicatorRevision) were signed with.
    None when none is signed. One query."""
    from kinerja.correspondence.models import Signature

    reports = ReportVersion.objects.filter(office_id=office_id, year__lte=last)
    if first is not None:
        reports = reports.filter(year__gte=first)
    return (Signature.objects.filter(version__source_type__app_label=ReportVersion._meta.app_label,
                                     version__source_type__model=ReportVersion._meta.model_name,
                                     version__source_id__in=reports.values("pk"))
            .select_related("version__document").order_by("-signed_at").first())


def locked_message(signature: Any, year: int, quarter: int | None) -> str:
    """Why a change of a signed period's figure is refused."""
    return locked_notice(signature, year, quarter) + " " + _("Nothing was saved.")


def locked_notice(signature: Any, year: int, quarter: int | None) -> str:
    """What a form for a signed period's figures says instead of its inputs: who signed what when, and how a
    figure is corrected."""
    return _("The figures of %(period)s are locked: %(document)s (version %(n)d) was signed by %(signer)s, "
             "%(position)s, on %(date)s. A change is a correction with its reason (History → Correct the locked "
             "actual; for an indicator without a figure, Add as a correction), made by the division that enters "
             "the indicator or by the Kasubbag; a new compilation of the report then becomes its revision, "
             "initialled and signed again.") % {
        "period": period_label(year, quarter), "document": signature.version.document.title,
        "n": signature.version.version, "signer": signature.signer_name, "position": signature.signer_title,
        "date": date_format(localtime(signature.signed_at), "j F Y")}


def check_not_signed(office: Office, year: int, quarter: int | None, actual: Actual | None) -> None:
    """Refuse a change of the figure (year, quarter) once its period's Data Kinerja is signed; a correction
    in progress (written by correct_actual or add_missing_actual) goes on to be checked and compiled again."""
    if is_correction(actual):
        return
    signature = signing(office, year, quarter)
    if signature is not None:
        raise KinerjaError(locked_message(signature, year, quarter))


def period_end(year: int, quarter: int | None) -> dt.date:
    """The last day of the period: of its quarter, or of the year."""
    month = 12 if quarter is None else quarter * 3
    return dt.date(year + (month == 12), 1 if month == 12 else month + 1, 1) - dt.timedelta(days=1)


def incomplete_notes(report: ReportVersion, today: dt.date, case_id: int | None = None) -> list[str]:
    """What a Data Kinerja put up for initials and the signature may still lack, said on its page before anyone
    initials or signs it (a warning, not a refusal: the head may sign a quarter's data before it ends, as a
    report due early asks): the period not ended yet, the indicators the compilation has no figure of, and the
    divisions that have not answered the case's requests for data. One query, for the case's requests."""
    from kinerja.workflow.models import DivisionRequest

    notes = []
    label = period_label(report.year, report.quarter)
    end = period_end(report.year, report.quarter)
    if end >= today:
        notes.append(_("%(period)s ends on %(date)s: its figures may not be final yet.") % {
            "period": label, "date": date_format(end, "j F Y")})
    indicators = (report.data or {}).get("indicators", [])
    missing = [i["code"] for i in indicators if i.get("actual") is None]
    if missing:
        notes.append(_("%(count)d of the %(total)d indicators have no figure in this compilation: %(codes)s.") % {
            "count": len(missing), "total": len(indicators), "codes": ", ".join(missing)})
    if case_id is not None:
        waiting = sorted({name for name in DivisionRequest.objects.filter(
            task__case_id=case_id, answered_at__isnull=True).values_list("division__name", flat=True)})
        if waiting:
            notes.append(_("Not answered the request for their data: %(divisions)s.") % {"divisions": ", ".join(waiting)})
    return notes


def collected_period(case: Any) -> Any:
    """The period (requests.CasePeriod) whose performance data `case` collects: a case of the office's data
    collection SOP, or one that asked the divisions for data, whose period names a year (and a quarter);
    else None. Two queries at most."""
    from django.db.models import Subquery

    from kinerja.correspondence.models import RegisterSettings
    from kinerja.sop.models import SopVersion
    from kinerja.workflow.models import DivisionRequest

    from .requests import period_of

    found = period_of(case.period)
    if found is None:
        return None
    # The version's SOP by a subquery: a task's case comes without its version (workflow.fastsql.load_task).
    if not RegisterSettings.objects.filter(office_id=case.office_id, data_collection_sop_id=Subquery(
            SopVersion.objects.filter(pk=case.sop_version_id).values("sop_id"))).exists() \
            and not DivisionRequest.objects.filter(task__case_id=case.pk).exists():
        return None
    return found


def compile_url(year: int, quarter: int | None) -> str:
    """The dashboard of the period, at its "Compile report version"."""
    from django.urls import reverse

    return f"{reverse('reports:dashboard')}?year={year}" + (f"&quarter={quarter}" if quarter else "") + "#compile"


def case_records(case: Any) -> list[Any]:
    """Links from a data collection case to its period's figures (workflow.extensions.register_case_records):
    the check page, and the dashboard whose "Compile report version" compiles the report, both opened on the
    case's period (collected_period) with where the figures stand. For a case of the office's data
    collection SOP, or one that asked divisions for data; nothing for a case whose period names no year or
    quarter. A case no longer open lists no work to do (compiling, putting up), only the figures; an open one names
    the period's newest compilation. Three or four queries, whatever the number of figures."""
    from django.urls import reverse

    from kinerja.correspondence.models import Document
    from kinerja.workflow.extensions import CaseRecord

    found = collected_period(case)
    if found is None:
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
    records = [CaseRecord(_("Check the performance figures of %(period)s") % {"period": label},
                          # Unsigned: the figures that hold up the period's report, as many as the note counts.
                          f"{reverse('performance:check')}?{query}" if signature is not None
                          else check_url(year, quarter), check_note)]
    if case.status != case.Status.OPEN:
        return records
    # In one query: whether the case's Data Kinerja is put up, and the period's newest compilation.
    newest = ReportVersion.objects.filter(office=office, year=year, quarter=quarter).order_by("-number")
    put_up, number, compiled_at = Office.objects.filter(pk=office.pk).annotate(
        put_up=Exists(Document.objects.filter(case_id=case.pk, kind=Document.Kind.PERFORMANCE_DATA)),
        number=Subquery(newest.values("number")[:1]), compiled_at=Subquery(newest.values("created_at")[:1]),
    ).values_list("put_up", "number", "compiled_at").get()
    compiled = {"n": number, "date": date_format(localtime(compiled_at, ZoneInfo(office.time_zone)), "j F Y H.i")} \
        if number is not None else None
    return [
        *records,
        CaseRecord(_("Compile the Data Kinerja %(period)s") % {"period": label}, compile_url(year, quarter),
                   _("Compile report version, on the performance data of that period")
                   + ("; " + _("the newest, version %(n)d, compiled on %(date)s") % compiled if compiled else "")),
        # Until the compilation is put up: then the document itself is among the case's records.
        *([] if signature is not None or put_up else [CaseRecord(
            _("Put the compiled Data Kinerja %(period)s up for initials") % {"period": label},
            f"{reverse('correspondence:documents')}#compiled-reports",
            _("version %(n)d, compiled on %(date)s, is not put up yet: Letters → Documents, Compiled performance data")
            % compiled if compiled else _("nothing compiled yet: compile it first")),
        ]),
    ]


# --- revisions ------------------------------------------------------------------------------------

@dataclass
class Correction:
    """One figure corrected (or added) after the period's Data Kinerja was signed, as its revision lists it."""

    indicator: str  # code
    name: str
    period: str
    before: str  # as written then, "" where the signed report had no figure
    after: str
    reason: str
    by: str
    at: dt.datetime


@dataclass
class Revision:
    """What a new compilation of a signed period is: its revision number, the signed version it replaces and
    the corrections since that signature."""

    number: int
    document: str
    version: int
    signed_at: dt.datetime
    signer: str
    position: str
    signature_id: int
    signed_sha256: str
    corrections: list[Correction]

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "replaces": {
            "document": self.document, "version": self.version, "signed_at": self.signed_at.isoformat(),
            "signer": self.signer, "position": self.position, "signature": self.signature_id,
            "signed_sha256": self.signed_sha256},
            "corrections": [{"indicator": c.indicator, "name": c.name, "period": c.period, "before": c.before,
                             "after": c.after, "reason": c.reason, "by": c.by, "at": c.at.isoformat()}
                            for c in self.corrections]}


def period_signatures(office: Office, year: int, quarter: int | None) -> list[Any]:
    """The signatures on the Data Kinerja of exactly (year, quarter), the first one first: the signed report
    and each signed revision of it. One query."""
    from kinerja.correspondence.models import Signature

    reports = ReportVersion.objects.filter(office=office, year=year, quarter=quarter)
    return list(Signature.objects.filter(version__source_type__app_label=ReportVersion._meta.app_label,
                                         version__source_type__model=ReportVersion._meta.model_name,
                                         version__source_id__in=reports.values("pk"))
                .select_related("version__document").order_by("signed_at", "pk"))


def revision(office: Office, year: int, quarter: int | None) -> Revision | None:
    """The revision a compilation of (year, quarter) is, when the period's report is signed and figures it
    reads were corrected (correct_actual, add_missing_actual) since: Revisi 1 after the first signature,
    Revisi 2 after the signed Revisi 1. None otherwise. Two queries."""
    from .numbers import format_plain

    signatures = period_signatures(office, year, quarter)
    if not signatures:
        return None
    last = signatures[-1]
    found = list(ActualRevision.objects.filter(report_scope(year, quarter, "actual__"), actual__indicator__office=office,
                                               action=ActualRevision.Action.CORRECTED, at__gt=last.signed_at)
                 .select_related("actual__indicator", "user__person")
                 .order_by("actual__indicator__order", "actual__indicator__code", "actual__quarter", "at", "pk"))
    if not found:
        return None

    def plain(actual: Actual) -> str:
        return format_plain(actual.value_number) if actual.value_number is not None else actual.value_text

    zone = ZoneInfo(office.time_zone)
    corrections = [Correction(
        indicator=r.actual.indicator.code, name=r.actual.indicator.name,
        period=period_name(r.actual.year, r.actual.quarter),
        before=r.changes["value"][0] if "value" in r.changes else plain(r.actual), after=plain(r.actual),
        reason=r.reason, by=name_of(r.user), at=localtime(r.at, zone)) for r in found]
    return Revision(number=len(signatures), document=last.version.document.title, version=last.version.version,
                    signed_at=localtime(last.signed_at, zone), signer=last.signer_name, position=last.signer_title,
                    signature_id=last.pk, signed_sha256=last.signed_sha256, corrections=corrections)


@dataclass
class Approval:
    """Where a compiled version stands on its way to the head's signature, for the dashboard's list of
    versions: the document version it was put up as, whose initials it has (only those on its exact content
    count, as on the document's page) and whose it still needs, in the SOP's order."""

    document_id: int
    document_version: int
    replaced: bool  # a newer compilation became the document's next version: these initials no longer count
    initialled: list[str]
    missing: list[str]


def approvals(office: Office, year: int, quarter: int | None) -> dict[int, Approval]:
    """report version id → its Approval, for the compilations of exactly (year, quarter) put up for initials
    (correspondence.actions.take_report). Three queries, whether none, one or many were put up."""
    from kinerja.correspondence.models import DocumentVersion, Initial, RequiredInitial

    required = [r.position for r in RequiredInitial.objects.filter(office=office).select_related("position")
                .order_by("order")]
    reports = ReportVersion.objects.filter(office=office, year=year, quarter=quarter)
    taken = DocumentVersion.objects.filter(
        office=office, source_type__app_label=ReportVersion._meta.app_label,
        source_type__model=ReportVersion._meta.model_name, source_id__in=reports.values("pk"))
    newest = (DocumentVersion.objects.filter(document=OuterRef("document")).values("document")
              .annotate(n=Max("version")).values("n"))
    rows = list(taken.annotate(newest=Subquery(newest)).order_by("version"))
    done: dict[int, set[int]] = {}
    for version_id, position_id in (Initial.objects.filter(version__in=taken, sha256=F("version__sha256"))
                                    .values_list("version_id", "position_id")):
        done.setdefault(version_id, set()).add(position_id)
    return {version.source_id: Approval(
        document_id=version.document_id, document_version=version.version, replaced=version.version != version.newest,
        initialled=[p.label for p in required if p.pk in done.get(version.pk, set())],
        missing=[p.label for p in required if p.pk not in done.get(version.pk, set())]) for version in rows}
