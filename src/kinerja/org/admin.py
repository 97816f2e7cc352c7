"""The Django admin, for administrators only, scoped to the administrator's office unless superuser
(admin_scope.py)."""

from __future__ import annotations

import json
import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.auth import get_user_model
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

# The session key and the cookie that carry first passwords' two halves across a redirect (_sealed_redirect).
FIRST_PASSWORD_KEY = "org-first-password"


def _sealed_redirect(request: HttpRequest, url: str, key: str, secret: str) -> HttpResponseRedirect:
    """A redirect to the page at `url` that shows `secret` (first passwords) once, by a GET: reloading it
    does not send the form again. The secret crosses the redirect split in two halves (a one-time pad): the
    session, kept in the database, holds it mixed with random bytes under `key`; a cookie of the browser for
    that page alone, never in a log or the browser's history as an address would be, holds those bytes.
    Neither half tells the secret; the page takes both away when it shows it (_unsealed), so a reload finds
    nothing to show."""
    data = secret.encode()
    pad = secrets.token_bytes(len(data))
    request.session[key] = bytes(a ^ b for a, b in zip(data, pad, strict=True)).hex()
    response = HttpResponseRedirect(url)
    response.set_cookie(FIRST_PASSWORD_KEY, pad.hex(), max_age=600, path=url, httponly=True, samesite="Strict",
                        secure=settings.SESSION_COOKIE_SECURE)
    return response


def _unsealed(request: HttpRequest, key: str) -> str:
    """The secret of _sealed_redirect, once: its half in the session is taken away (the page deletes the
    cookie). "" once shown, or when the cookie is not this page's."""
    sealed = request.session.pop(key, "")
    pad = request.COOKIES.get(FIRST_PASSWORD_KEY, "")
    try:
        if sealed and len(sealed) == len(pad):
            return bytes(a ^ b for a, b in zip(bytes.fromhex(sealed), bytes.fromhex(pad), strict=True)).decode()
    except (ValueError, UnicodeDecodeError):
        pass
    return ""

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
    list_display = ["title", "short_title", "kind", "echelon", "unit", "office"]
    list_filter = ["office", "kind", "echelon"]
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
        # Post/redirect/get, as for one person added (response_add): the passwords are shown by a GET, so a
        # reload of that page does not send the action again and draw new ones (those printed would be wrong).
        # The address carries a random token, so two lists given in two tabs do not take each other's place.
        token = secrets.token_urlsafe(9)
        # Each with the hash it was saved as: a password replaced before the page is shown is not shown. (Its
        # hash, not check_password: that costs a deliberately slow hashing per person, for a hundred of them.)
        hashes = dict(get_user_model().objects.filter(pk__in=[first.person.user_id for first in given])
                      .values_list("pk", "password"))
        sealed = json.dumps({"given": [[first.person.pk, first.password, hashes[first.person.user_id]]
                                       for first in given], "skipped": len(skipped)})
        return _sealed_redirect(request, reverse("admin:org_person_first_passwords", args=[token]),
                                f"{FIRST_PASSWORD_KEY}s-{token}", sealed)

    def _first_passwords_page(self, request: HttpRequest, given: list[actions.FirstPassword],
                              skipped: int) -> TemplateResponse:
        context = {**self.admin_site.each_context(request), "title": gettext("First passwords to hand out"),
                   "opts": self.model._meta, "given": given, "skipped": skipped,
                   "office": given[0].person.office,
                   "skipped_text": ngettext("%(n)d selected account already has a password or is locked, and was "
                                            "left as it was.",
                                            "%(n)d selected accounts already have a password or are locked, and "
                                            "were left as they were.", skipped) % {"n": skipped}}
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
            return self._first_passwords_page(request, given, len(skipped))
        # Post/redirect/get: the page is shown by a GET, so reloading it does not send the add form again.
        return _sealed_redirect(request, reverse("admin:org_person_first_password", args=[obj.pk]),
                                f"{FIRST_PASSWORD_KEY}-{obj.pk}", given[0].password)

    def get_urls(self) -> list[Any]:
        return [path("<path:object_id>/first-password/", self.admin_site.admin_view(self.first_password_view),
                     name="org_person_first_password"),
                path("first-passwords/<str:token>/", self.admin_site.admin_view(self.first_passwords_view),
                     name="org_person_first_passwords"), *super().get_urls()]

    def first_password_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The first password of a person just added, once (response_add); after that, and on a reload, a
        page saying it was shown and is kept nowhere, with the way to give a new one."""
        person = self.get_object(request, object_id)
        if person is None:
            raise Http404
        if not self.has_change_permission(request, person):
            raise PermissionDenied
        password = _unsealed(request, f"{FIRST_PASSWORD_KEY}-{person.pk}")
        if password and person.user.check_password(password):
            response = self._first_passwords_page(request, [actions.FirstPassword(person, person.user.username,
                                                                                  password)], 0)
        else:
            response = self._already_shown(request, gettext("First password already shown"), person)
        response.delete_cookie(FIRST_PASSWORD_KEY, path=request.path, samesite="Strict")
        return response

    def first_passwords_view(self, request: HttpRequest, token: str) -> HttpResponse:
        """The first passwords the action just gave, once (give_first_passwords); after that, and on a reload,
        a page saying they were shown and are kept nowhere, with the way to give new ones."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        try:
            sealed = json.loads(_unsealed(request, f"{FIRST_PASSWORD_KEY}s-{token}") or "{}")
            passwords = {int(pk): (password, hashed) for pk, password, hashed in sealed.get("given", [])}
            skipped = int(sealed.get("skipped", 0))
        except (ValueError, TypeError, AttributeError):
            passwords, skipped = {}, 0  # not this page's halves: nothing is shown, the page says so
        # The administrator's own office only (get_queryset); a password replaced since is no longer the one
        # to hand out, and is left out.
        people = self.get_queryset(request).filter(pk__in=passwords).order_by("full_name")
        given = [actions.FirstPassword(person, person.user.username, passwords[person.pk][0]) for person in people
                 if person.user.password == passwords[person.pk][1]]
        if given:
            response = self._first_passwords_page(request, given, skipped)
        else:
            response = self._already_shown(request, gettext("First passwords already shown"), None)
        response.delete_cookie(FIRST_PASSWORD_KEY, path=request.path, samesite="Strict")
        return response

    def _already_shown(self, request: HttpRequest, title: str, person: Person | None) -> TemplateResponse:
        """The page of a first password (or, without `person`, of first passwords) shown once already: kept
        nowhere, with the way to give new ones."""
        context = {**self.admin_site.each_context(request), "title": title, "opts": self.model._meta, "person": person}
        response = TemplateResponse(request, "admin/org/person/first_password_shown.html", context)
        add_never_cache_headers(response)
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
