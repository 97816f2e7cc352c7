"""The Django admin scoped to an office: an office's administrator (staff, not superuser) sees, adds,
changes and deletes only their own office's rows, and every choice in a form (unit, position, person,
SOP, objective, …) offers only their office's. The city's operator (a superuser, `kinerja manage
createsuperuser`) sees every office, as in Django's own admin.

Django's admin checks model permissions (auth's Permission rows) and has no notion of a row's owner,
so the rule is written here, once, for every ModelAdmin and inline of kinerja: a staff user's right
comes from being the administrator of an office (org.roles gives them the admin role), not from
permission rows that would have to be granted model by model and could not be limited to an office.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.db import models
from django.http import HttpRequest

from .models import Office

# How a row reaches its office, for models without an `office` field of their own.
_PATHS: dict[str, str] = {
    "org.office": "pk",
    "org.assignment": "position__office",
    "org.positionalias": "position__office",
    "performance.activity": "program__office",
    "performance.actual": "indicator__office",
    "performance.indicatorrevision": "indicator__office",
    "sop.sopversion": "sop__office",
    "sop.step": "version__sop__office",
    "sop.actor": "version__sop__office",
    "auth.user": "person__office",
}


def office_path(model: type[models.Model]) -> str | None:
    """The lookup from `model` to its Office ("office", "position__office", "pk" for Office), or None
    when rows of the model belong to no office."""
    label = model._meta.label_lower
    if label in _PATHS:
        return _PATHS[label]
    names = {f.name for f in model._meta.get_fields()}
    return "office" if "office" in names else None


def office_of(request: HttpRequest) -> Office | None:
    person = getattr(request.user, "person", None)
    return person.office if person is not None else None


def scope(request: HttpRequest, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
    """`queryset` limited to the office of the request's administrator (everything for a superuser;
    nothing for a staff user who belongs to no office, or for rows of no office)."""
    if request.user.is_superuser:
        return queryset
    office, path = office_of(request), office_path(queryset.model)
    if office is None or path is None:
        return queryset.none()
    return queryset.filter(**{path: office.pk if path == "pk" else office})


class _Scoped:
    """What ModelAdmin and InlineModelAdmin share: office administrators act within their office."""

    def _is_office_admin(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and office_of(request) is not None)

    def _mine(self, request: HttpRequest, obj: models.Model | None) -> bool:
        if obj is None:
            return True
        return scope(request, type(obj)._default_manager.filter(pk=obj.pk)).exists()

    def _allowed(self, request: HttpRequest, obj: models.Model | None, django_says: bool) -> bool:
        if request.user.is_superuser:
            return django_says
        return self._is_office_admin(request) and self._mine(request, obj)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj, super().has_view_permission(request, obj))  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj, super().has_change_permission(request, obj))  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj, super().has_delete_permission(request, obj))  # type: ignore[misc]

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        return scope(request, super().get_queryset(request))  # type: ignore[misc]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs.setdefault("queryset", scope(request, db_field.remote_field.model._default_manager.all()))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs.setdefault("queryset", scope(request, db_field.remote_field.model._default_manager.all()))
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class OfficeScopedAdmin(_Scoped, admin.ModelAdmin):  # type: ignore[type-arg]
    # An office's administrator adds rows to their own office; only the city's operator adds offices.
    def has_add_permission(self, request: HttpRequest) -> bool:
        if request.user.is_superuser:
            return super().has_add_permission(request)
        return self._is_office_admin(request) and self.model is not Office

    def get_list_filter(self, request: HttpRequest) -> Any:
        """Filters by a related row (office, unit, position) offer only the rows in the office's list,
        not every office's (Django's own filter would list them all)."""
        filters = super().get_list_filter(request)
        if request.user.is_superuser:
            return filters
        return [(f, admin.RelatedOnlyFieldListFilter)
                if isinstance(f, str) and get_fields_from_path(self.model, f)[-1].is_relation else f
                for f in filters]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        office = office_of(request)
        if office is not None and office_path(self.model) == "office":
            initial.setdefault("office", office.pk)  # their only choice
        return initial

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or self._is_office_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if self.model is Office and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


class OfficeScopedInline(_Scoped, admin.TabularInline):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if request.user.is_superuser:
            return super().has_add_permission(request, obj)
        return self._is_office_admin(request) and self._mine(request, obj)
