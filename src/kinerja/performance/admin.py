"""The Django admin for performance data: where an administrator enters programs, activities and their
budget (pagu) and spending, and the office's efficiency threshold, which have no page of their own.
Actuals are read-only here: they change only through the actions, which keep their history. The earlier names
of indicators (IndicatorRevision) are read-mostly: an import of a later year or a change after a signature
writes them; the administrator may mend a typo in a name, unit or division, never add, move or delete one, and
only where no year it holds has a signed Data Kinerja (it shows them as signed: read-only then, saying why; the
list marks them "Terkunci (ditandatangani)")."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from kinerja.org.admin_scope import OfficeScopedAdmin, OfficeScopedInline

from . import signoff
from .models import Activity, Actual, IndicatorRevision, Objective, PerformanceSettings, Program, ReportVersion


class ActivityInline(OfficeScopedInline):
    model = Activity
    extra = 0


@admin.register(Program)
class ProgramAdmin(OfficeScopedAdmin):
    list_display = ["code", "name", "year", "budget", "spent", "office"]
    list_filter = ["office", "year"]
    inlines = [ActivityInline]
    filter_horizontal = ["objectives"]


@admin.register(Objective)
class ObjectiveAdmin(OfficeScopedAdmin):
    list_display = ["code", "name", "plan_start_year", "plan_end_year", "office"]
    list_filter = ["office"]


@admin.register(PerformanceSettings)
class PerformanceSettingsAdmin(OfficeScopedAdmin):
    list_display = ["office", "efficiency_threshold"]


@admin.register(Actual)
class ActualAdmin(OfficeScopedAdmin):
    list_display = ["indicator", "year", "quarter", "version", "status", "is_current"]
    list_filter = ["status", "year", "indicator__office"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(IndicatorRevision)
class IndicatorRevisionAdmin(OfficeScopedAdmin):
    list_display = ["indicator_code", "until", "name", "unit", "division", "locked"]
    list_filter = ["until_year", "indicator__office"]
    list_select_related = ["indicator", "division"]
    search_fields = ["indicator__code", "name"]
    fields = ["indicator", "until", "name", "unit", "polarity", "negative_method", "division"]
    readonly_fields = ["indicator", "until"]

    @admin.display(description=_("indicator code"), ordering="indicator__code")
    def indicator_code(self, obj: IndicatorRevision) -> str:
        return obj.indicator.code

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: IndicatorRevision | None = None) -> bool:
        # A year it holds is signed: its pages show these as signed; the admin sees them, read-only.
        return super().has_change_permission(request, obj) and (obj is None or _signed_with(obj) is None)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "",
                    extra_context: dict[str, Any] | None = None) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and request.method == "GET" and (signature := _signed_with(obj)) is not None:
            messages.warning(request, _(
                "Read only: %(document)s, signed by %(signer)s, %(position)s, on %(date)s, shows this name, unit, "
                "polarity and division of %(indicator)s; changing them here would change what the signed year's "
                "pages show.") % {"document": signature.version.document.title, "signer": signature.signer_name,
                                  "position": signature.signer_title, "indicator": obj.indicator.code,
                                  "date": date_format(localtime(signature.signed_at), "j F Y")})
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("valid until the year"), ordering="until_year")
    def until(self, obj: IndicatorRevision) -> str:
        return str(obj.until_year)  # 2025, not the number format's 2.025

    @admin.display(description=_("Locked (signed)"), boolean=True)
    def locked(self, obj: IndicatorRevision) -> bool:
        """Whether a year the revision holds has a signed Data Kinerja: its change form is read-only, saying why."""
        return _signed_with(obj) is not None

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        # The page's rows learn whether they are signed in two queries, not two per row (_signed_with).
        changelist = super().get_changelist_instance(request)
        _read_signed(list(changelist.result_list))
        return changelist


def _signed_with(revision: IndicatorRevision) -> Any:
    """The signature on a Data Kinerja of a year the revision holds (those after the indicator's previous
    revision, up to its own year), or None: read once per revision and request (two queries)."""
    if not hasattr(revision, "_signed_with"):
        before = (IndicatorRevision.objects.filter(indicator_id=revision.indicator_id, until_year__lt=revision.until_year)
                  .aggregate(year=Max("until_year"))["year"])
        revision._signed_with = signoff.signed_in_years(  # type: ignore[attr-defined]
            revision.indicator.office_id, None if before is None else before + 1, revision.until_year)
    return revision._signed_with  # type: ignore[attr-defined]


def _read_signed(revisions: list[IndicatorRevision]) -> None:
    """Sets _signed_with on each of `revisions` (a list page's rows) as _signed_with would, for all at once: the
    years each holds (those after its indicator's previous revision, up to its own), against the years of the
    offices' Data Kinerja that are signed. Marks a signed row True, not with its signature (the list says only
    that it is locked). Two queries."""
    from kinerja.correspondence.models import Signature

    if not revisions:
        return
    offices = {r.indicator.office_id for r in revisions}
    signed_years = set(ReportVersion.objects.filter(
        office_id__in=offices, pk__in=Signature.objects.filter(
            version__source_type__app_label=ReportVersion._meta.app_label,
            version__source_type__model=ReportVersion._meta.model_name).values("version__source_id"))
        .values_list("office_id", "year"))
    years: dict[int, list[int]] = {}
    for indicator_id, year in (IndicatorRevision.objects.filter(indicator_id__in={r.indicator_id for r in revisions})
                               .values_list("indicator_id", "until_year")):
        years.setdefault(indicator_id, []).append(year)
    for revision in revisions:
        before = max((y for y in years.get(revision.indicator_id, []) if y < revision.until_year), default=None)
        office = revision.indicator.office_id
        revision._signed_with = any(  # type: ignore[attr-defined]
            in_office == office and (before is None or year > before) and year <= revision.until_year
            for in_office, year in signed_years) or None
