"""The Django admin, for administrators only, scoped to the administrator's office unless superuser
(admin_scope.py)."""

from __future__ import annotations

from django.contrib import admin

from .admin_scope import OfficeScopedAdmin, OfficeScopedInline
from .models import Assignment, Office, OfficeHours, Person, Position, PositionAlias, SpecialDay, Unit


class OfficeHoursInline(OfficeScopedInline):
    model = OfficeHours
    extra = 0


@admin.register(Office)
class OfficeAdmin(OfficeScopedAdmin):
    list_display = ["name", "code", "city", "time_zone", "is_demo"]
    inlines = [OfficeHoursInline]


@admin.register(Unit)
class UnitAdmin(OfficeScopedAdmin):
    list_display = ["name", "kind", "parent", "office"]
    list_filter = ["office", "kind"]


class AliasInline(OfficeScopedInline):
    model = PositionAlias
    extra = 0


@admin.register(Position)
class PositionAdmin(OfficeScopedAdmin):
    list_display = ["title", "short_title", "kind", "unit", "office"]
    list_filter = ["office", "kind"]
    inlines = [AliasInline]


@admin.register(Person)
class PersonAdmin(OfficeScopedAdmin):
    list_display = ["full_name", "nip", "grade", "office"]
    search_fields = ["full_name", "nip"]


@admin.register(Assignment)
class AssignmentAdmin(OfficeScopedAdmin):
    list_display = ["person", "position", "kind", "starts_on", "ends_on", "decree_number"]
    list_filter = ["kind", "position__office"]


@admin.register(SpecialDay)
class SpecialDayAdmin(OfficeScopedAdmin):
    list_display = ["date", "kind", "reason", "office"]
    list_filter = ["office", "kind"]
