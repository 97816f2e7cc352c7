"""The Django admin, for administrators only, scoped to the administrator's office unless superuser
(admin_scope.py)."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import actions
from .admin_scope import OfficeScopedAdmin, OfficeScopedInline
from .forms import PersonChangeForm, PersonCreationForm
from .holding import plh_warning, plh_without_holder, plt_beside_holder, plt_warning
from .models import Assignment, Office, OfficeHours, Person, Position, PositionAlias, SpecialDay, Unit

# The session key and the cookie that carry a first password's two halves across a redirect (response_add).
FIRST_PASSWORD_KEY = "org-first-password"

admin.site.site_header = admin.site.site_title = _("kinerja administration")
admin.site.index_title = _("Administration of the office")


class OfficeHoursForm(forms.ModelForm):  # type: ignore[type-arg]
    def has_changed(self) -> bool:
        # A new office's default hours are offered as filled rows (OfficeAdmin.get_formset_kwargs): saved as
        # shown, not skipped as untouched extra rows (which would keep only the days that were edited).
        return bool(self.initial and self.instance.pk is None) or super().has_changed()


class OfficeHoursInline(OfficeScopedInline):
    model = OfficeHours
    form = OfficeHoursForm
    extra = 0
    # A plain time box, not the admin's clock: beside it the admin notes how far the browser's clock is
    # from the server's (WIB), and an administrator in Makassar or Jayapura, told "1 hour ahead", would
    # type the hours in WIB. They are the office's own hours, in its time zone.
    formfield_overrides = {models.TimeField: {
        "widget": forms.TimeInput(attrs={"size": 6}),
        "help_text": _("As the office's clock shows them, in its time zone (WIB, WITA or WIT, above)."),
    }}

    def get_extra(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> int:
        # A new office shows the default hours (Monday to Friday, 07.30–16.00) to see and change.
        return len(actions.DEFAULT_HOURS) if obj is None else 0


@admin.register(Office)
class OfficeAdmin(OfficeScopedAdmin):
    list_display = ["name", "code", "city", "time_zone", "is_demo"]
    inlines = [OfficeHoursInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # The code names the office on the command line and the demo mark is printed on its documents:
        # the city's operator sets them, not the office's administrator.
        return [] if request.user.is_superuser else ["code", "is_demo"]

    def get_formset_kwargs(self, request: HttpRequest, obj: Any, inline: Any, prefix: str) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, OfficeHoursInline) and obj.pk is None:
            kwargs["initial"] = [{"weekday": day, "opens_at": opens, "closes_at": closes}
                                 for day, opens, closes in actions.DEFAULT_HOURS]
        return kwargs

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


class PasswordFilter(admin.SimpleListFilter):
    """Accounts without a password yet (as the organisation import makes them): the ones to give first
    passwords to, all at once with the action below."""

    title = _("password")
    parameter_name = "password"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("none", _("No password yet")), ("temporary", _("First password, not changed yet")),
                ("own", _("Own password"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Person]) -> QuerySet[Person]:
        no_password = {"user__password__startswith": UNUSABLE_PASSWORD_PREFIX}
        if self.value() == "none":
            return queryset.filter(**no_password)
        if self.value() == "temporary":
            return queryset.exclude(**no_password).filter(must_change_password=True)
        if self.value() == "own":
            return queryset.exclude(**no_password).filter(must_change_password=False)
        return queryset


@admin.register(Person)
class PersonAdmin(OfficeScopedAdmin):
    """A person is added with the account they sign in with, so the office's administrator needs no
    access to the accounts of other offices (the user list is the city's operator's)."""

    list_display = ["full_name", "nip", "grade", "username", "password_state", "office"]
    list_filter = [PasswordFilter]
    search_fields = ["full_name", "nip", "other_id", "user__username"]
    actions = ["give_first_passwords"]
    form = PersonChangeForm
    add_form = PersonCreationForm
    readonly_fields = ["username"]
    add_fieldsets = [
        (None, {"fields": ["office", "full_name", "nip", "other_id", "grade", "extra_role", "language"]}),
        (_("Account"), {"fields": ["username", "email", "password1", "password2"]}),
    ]
    fieldsets = [
        (None, {"fields": ["office", "full_name", "nip", "other_id", "grade", "extra_role", "language"]}),
        (_("Account"), {"fields": ["username", "active", "new_password1", "new_password2"]}),
    ]

    @admin.display(description=_("Username"), ordering="user__username")
    def username(self, obj: Person) -> str:
        return obj.user.username

    @admin.display(description=_("Password"))
    def password_state(self, obj: Person) -> str:
        if not obj.user.has_usable_password():
            return gettext("none yet")
        return gettext("first, to be changed") if obj.must_change_password else gettext("own")

    @admin.action(description=_("Give first passwords to the selected accounts without one"))
    def give_first_passwords(self, request: HttpRequest, queryset: QuerySet[Person]) -> TemplateResponse | None:
        """A random password for each selected account that has none, shown once on a page to print and
        hand out; each person chooses their own at the first sign-in. Only the hashes are kept."""
        given, skipped = actions.give_first_passwords(list(queryset.select_related("user")),
                                                      acting_user=request.user)
        for first in given:  # the history of each person says a first password was given, not which
            self.log_change(request, first.person, gettext("Gave a first password to hand out."))
        if not given:
            self.message_user(request, gettext("None of the selected accounts is without a password: nothing was "
                                               "changed."), messages.WARNING)
            return None
        return self._first_passwords_page(request, given, skipped)

    def _first_passwords_page(self, request: HttpRequest, given: list[actions.FirstPassword],
                              skipped: list[Person]) -> TemplateResponse:
        context = {**self.admin_site.each_context(request), "title": gettext("First passwords to hand out"),
                   "opts": self.model._meta, "given": given, "skipped": skipped,
                   "office": given[0].person.office,
                   "skipped_text": ngettext("%(n)d selected account already has a password or is locked, and was "
                                            "left as it was.",
                                            "%(n)d selected accounts already have a password or are locked, and "
                                            "were left as they were.", len(skipped)) % {"n": len(skipped)}}
        response = TemplateResponse(request, "admin/org/person/first_passwords.html", context)
        add_never_cache_headers(response)  # shown once: no copy in the browser's cache
        return response

    def response_add(self, request: HttpRequest, obj: Person, post_url_continue: str | None = None) -> Any:
        """Added without a password (the form's two fields left empty): "Save" gives the person a first
        password at once and shows it to print, as the action does for many; "Save and add another" leaves
        it for later, to print the first passwords of all the people entered on one page."""
        if obj.user.has_usable_password() or IS_POPUP_VAR in request.POST:
            return super().response_add(request, obj, post_url_continue)
        if "_addanother" in request.POST or "_continue" in request.POST:
            response = super().response_add(request, obj, post_url_continue)
            self.message_user(request, format_html(
                gettext("{name} has no password yet and cannot sign in. When everyone is entered, print their first "
                        "passwords at once: <a href=\"{url}\">People without a password</a>, tick them, then the "
                        "action “Give first passwords”."),
                name=obj.full_name, url=reverse("admin:org_person_changelist") + "?password=none"), messages.WARNING)
            return response
        given, skipped = actions.give_first_passwords([obj], acting_user=request.user)
        for first in given:
            self.log_change(request, first.person, gettext("Gave a first password to hand out."))
        if not given:  # the administrator's own account, or a locked one: said as the action says it
            return self._first_passwords_page(request, given, skipped)
        # Post/redirect/get: the page is shown by a GET, so reloading it does not send the add form again.
        # The password crosses the redirect split in two halves (a one-time pad): the session, kept in the
        # database, holds the password mixed with random bytes; a cookie of the browser, never in a log or the
        # browser's history as an address would be, holds those bytes. Neither half tells the password; the
        # page takes both away when it shows it, so a reload finds nothing to show (first_password_view).
        secret = given[0].password.encode()
        pad = secrets.token_bytes(len(secret))
        request.session[f"{FIRST_PASSWORD_KEY}-{obj.pk}"] = bytes(a ^ b for a, b in zip(secret, pad, strict=True)).hex()
        url = reverse("admin:org_person_first_password", args=[obj.pk])
        response = HttpResponseRedirect(url)
        response.set_cookie(FIRST_PASSWORD_KEY, pad.hex(), max_age=600, path=url, httponly=True, samesite="Strict",
                            secure=settings.SESSION_COOKIE_SECURE)
        return response

    def get_urls(self) -> list[Any]:
        return [path("<path:object_id>/first-password/", self.admin_site.admin_view(self.first_password_view),
                     name="org_person_first_password"), *super().get_urls()]

    def first_password_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The first password of a person just added, once (response_add); after that, and on a reload, a
        page saying it was shown and is kept nowhere, with the way to give a new one."""
        person = self.get_object(request, object_id)
        if person is None:
            raise Http404
        if not self.has_change_permission(request, person):
            raise PermissionDenied
        sealed = request.session.pop(f"{FIRST_PASSWORD_KEY}-{person.pk}", "")
        pad = request.COOKIES.get(FIRST_PASSWORD_KEY, "")
        password = ""
        try:
            if sealed and len(sealed) == len(pad):
                password = bytes(a ^ b for a, b in zip(bytes.fromhex(sealed), bytes.fromhex(pad), strict=True)).decode()
        except (ValueError, UnicodeDecodeError):
            password = ""  # a cookie not of this page: the password is not shown, the page says so
        if password and person.user.check_password(password):
            response = self._first_passwords_page(request, [actions.FirstPassword(person, person.user.username,
                                                                                  password)], [])
        else:
            context = {**self.admin_site.each_context(request), "title": gettext("First password already shown"),
                       "opts": self.model._meta, "person": person}
            response = TemplateResponse(request, "admin/org/person/first_password_shown.html", context)
            add_never_cache_headers(response)
        response.delete_cookie(FIRST_PASSWORD_KEY, path=request.path, samesite="Strict")
        return response

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
                                   password=data["password1"] or None, nip=obj.nip, other_id=obj.other_id,
                                   grade=obj.grade, email=data["email"],
                                   extra_role=obj.extra_role, language=obj.language,
                                   is_staff=request.user.is_superuser and data.get("is_staff", False),
                                   # Typed here by the administrator: the person chooses their own at the
                                   # first sign-in, as with a first password handed out. None: no password
                                   # yet, a first one is given to print (response_add).
                                   must_change_password=True)
        # The admin goes on with the form's instance (its log entry, the redirect): make it the saved row.
        obj.pk, obj.user = saved.pk, saved.user
        obj._state.adding = False


@admin.register(Assignment)
class AssignmentAdmin(OfficeScopedAdmin):
    list_display = ["person", "position", "kind", "starts_on", "ends_on", "decree_number"]
    list_filter = ["kind", "position__office"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        # Which of the two the decree makes, said where it is chosen (the rule of holding.plt_beside_holder).
        form.base_fields["kind"].help_text = gettext(
            "Plh: stands in while the definitive official is only temporarily away (leave, official travel, "
            "illness). Plt: the position is vacant, or its official permanently away (SE Kepala BKN 1/2021). "
            "Either needs the number of its decree.")
        return form

    def save_model(self, request: HttpRequest, obj: Assignment, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Saved, as the decree says, but said at once: most often a Plh typed as Plt (holding.plt_beside_holder).
        for plt, held in plt_beside_holder(obj):
            self.message_user(request, plt_warning(plt, held), messages.WARNING)
        # And a Plh over days without a definitive holder: most often a Plt typed as Plh (holding.plh_without_holder).
        for plh, gaps in plh_without_holder(obj):
            self.message_user(request, plh_warning(plh, gaps), messages.WARNING)


@admin.register(SpecialDay)
class SpecialDayAdmin(OfficeScopedAdmin):
    list_display = ["date", "kind", "reason", "office"]
    list_filter = ["office", "kind"]
