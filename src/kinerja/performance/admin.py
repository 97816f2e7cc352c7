"""The Django admin for performance data: where an administrator enters programs, activities and their
budget (pagu) and spending, and the office's efficiency threshold, which have no page of their own.
Actuals are read-only here: they change only through the actions, which keep their history. The earlier names
of indicators (IndicatorRevision) are read-mostly: an import of a later year or a change after a signature
writes them; the administrator may mend a typo in a name, unit or division, never add, move or delete one, and
only where no year it holds has a signed Data Kinerja (it shows them as signed: read-only then, saying why)."""

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
from .models import Activity, Actual, IndicatorRevision, Objective, PerformanceSettings, Program


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
    list_display = ["indicator_code", "until", "name", "unit", "division"]
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


def _signed_with(revision: IndicatorRevision) -> Any:
    """The signature on a Data Kinerja of a year the revision holds (those after the indicator's previous
    revision, up to its own year), or None: read once per revision and request (two queries)."""
    if not hasattr(revision, "_signed_with"):
        before = (IndicatorRevision.objects.filter(indicator_id=revision.indicator_id, until_year__lt=revision.until_year)
                  .aggregate(year=Max("until_year"))["year"])
        revision._signed_with = signoff.signed_in_years(  # type: ignore[attr-defined]
            revision.indicator.office_id, None if before is None else before + 1, revision.until_year)
    return revision._signed_with  # type: ignore[attr-defined]
