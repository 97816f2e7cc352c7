"""The Django admin, for administrators only, scoped to the administrator's office unless superuser
(admin_scope.py)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import actions
from .admin_scope import OfficeScopedAdmin, OfficeScopedInline
from .forms import PersonChangeForm, PersonCreationForm
from .models import Assignment, Office, OfficeHours, Person, Position, PositionAlias, SpecialDay, Unit

admin.site.site_header = admin.site.site_title = _("kinerja administration")
admin.site.index_title = _("Administration of the office")


class OfficeHoursInline(OfficeScopedInline):
    model = OfficeHours
    extra = 0


@admin.register(Office)
class OfficeAdmin(OfficeScopedAdmin):
    list_display = ["name", "code", "city", "time_zone", "is_demo"]
    inlines = [OfficeHoursInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # The code names the office on the command line and the demo mark is printed on its documents:
        # the city's operator sets them, not the office's administrator.
        return [] if request.user.is_superuser else ["code", "is_demo"]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if not change and not form.instance.hours.exists():
            actions.add_default_hours(form.instance)  # as an office made by actions.create_office


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
    """A person is added with the account they sign in with, so the office's administrator needs no
    access to the accounts of other offices (the user list is the city's operator's)."""

    list_display = ["full_name", "nip", "grade", "username", "office"]
    search_fields = ["full_name", "nip", "user__username"]
    form = PersonChangeForm
    add_form = PersonCreationForm
    readonly_fields = ["username"]
    add_fieldsets = [
        (None, {"fields": ["office", "full_name", "nip", "grade", "extra_role", "language"]}),
        (_("Account"), {"fields": ["username", "email", "password1", "password2"]}),
    ]
    fieldsets = [
        (None, {"fields": ["office", "full_name", "nip", "grade", "extra_role", "language"]}),
        (_("Account"), {"fields": ["username", "active", "new_password1", "new_password2"]}),
    ]

    @admin.display(description=_("Username"), ordering="user__username")
    def username(self, obj: Person) -> str:
        return obj.user.username

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("user", "office")

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = self.add_form
        form = super().get_form(request, obj, change=change, **kwargs)
        # base_fields is this request's copy: dropping a field here leaves the form class as it was.
        if not request.user.is_superuser:
            form.base_fields.pop("is_staff", None)
        if obj is not None and obj.user_id == request.user.pk:
            form.base_fields.pop("active", None)  # nobody locks themselves out
        return form

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None:
            if obj.user_id == request.user.pk:
                return [(name, {"fields": [f for f in options["fields"] if f != "active"]})
                        for name, options in self.fieldsets]
            return self.fieldsets
        if request.user.is_superuser:
            # Only the city's operator makes an office's administrator.
            return [*self.add_fieldsets[:1], (_("Account"), {"fields": [*self.add_fieldsets[1][1]["fields"],
                                                                         "is_staff"]})]
        return self.add_fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Person, form: Any, change: bool) -> None:
        if change:
            data = form.cleaned_data
            super().save_model(request, obj, form, change)
            actions.update_account(obj, active=data.get("active", True), password=data["new_password1"],
                                   acting_user=request.user)
            return
        data = form.cleaned_data
        saved = actions.add_person(obj.office, username=data["username"], full_name=obj.full_name,
                                   password=data["password1"], nip=obj.nip, grade=obj.grade, email=data["email"],
                                   extra_role=obj.extra_role, language=obj.language,
                                   is_staff=request.user.is_superuser and data.get("is_staff", False))
        # The admin goes on with the form's instance (its log entry, the redirect): make it the saved row.
        obj.pk, obj.user = saved.pk, saved.user
        obj._state.adding = False


@admin.register(Assignment)
class AssignmentAdmin(OfficeScopedAdmin):
    list_display = ["person", "position", "kind", "starts_on", "ends_on", "decree_number"]
    list_filter = ["kind", "position__office"]


@admin.register(SpecialDay)
class SpecialDayAdmin(OfficeScopedAdmin):
    list_display = ["date", "kind", "reason", "office"]
    list_filter = ["office", "kind"]
