"""The Django admin for performance data: where an administrator enters programs, activities and their
budget (pagu) and spending, and the office's efficiency threshold, which have no page of their own.
Actuals are read-only here: they change only through the actions, which keep their history. The earlier names
of indicators (IndicatorRevision) are read-mostly: an import of a later year or a change after a signature
writes them; the administrator may mend a typo in a name, unit or division, never add, move or delete one."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kinerja.org.admin_scope import OfficeScopedAdmin, OfficeScopedInline

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

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description=_("valid until the year"), ordering="until_year")
    def until(self, obj: IndicatorRevision) -> str:
        return str(obj.until_year)  # 2025, not the number format's 2.025
