"""The frame around the domain pages: home (Beranda), language choice, health check, the favicon."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_POST

from kinerja.correspondence.inbox import awaiting
from kinerja.org import actions as org_actions
from kinerja.org.holding import doing_own_work, today_in
from kinerja.org.roles import Role, roles_from
from kinerja.org.setup import office_setup
from kinerja.workflow import inbox, notify

from .language import LANGUAGE_CHOSEN
from .nav import held_today


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Beranda: what waits for the signed-in person now, each with a link to where it is done (the inbox's
    tasks and requests, the letters and documents for their hand, unread notifications)."""
    office = request.office  # type: ignore[attr-defined]
    if office is None:
        return render(request, "web/no_office.html", status=403)
    now = timezone.now()
    day = today_in(office.time_zone)
    held = held_today(request)
    work = inbox.summary(request.user, office, now, day, held)
    # Letters and documents of a position a Plt or Plh acts for today wait for the acting holder, not here.
    desk = awaiting(request.user, office, doing_own_work(held, work.stand_ins))
    # A listed task that a document's initials or a letter's disposition complete links to it, listed once.
    desk.cover(work.nearest)
    unread = notify.unread_count(request.user)
    # The administrator of an office still being built sees what it lacks (org/setup.py).
    setup = office_setup(office, day) if Role.ADMIN in roles_from(request.user, held) else None
    return render(request, "web/home.html", {
        "today": day, "now": now, "held": held, "work": work, "desk": desk, "unread": unread,
        "nothing_waits": not (work.open_count or work.requests or desk.count or unread),
        "setup": setup if setup is not None and not setup.complete else None,
    })


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest("unknown language")
    person = getattr(request, "person", None)
    if person is not None:
        org_actions.set_language(person, language)
    else:
        # Chosen on the sign-in page: kept for whoever signs in next in this session (chosen_at_sign_in), not
        # for every later visitor of a shared office computer, whom the cookie alone would follow.
        request.session[LANGUAGE_CHOSEN] = language
    translation.activate(language)
    nxt = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(nxt, {request.get_host()}, require_https=request.is_secure()):
        nxt = "/"
    response = redirect(nxt)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax", secure=request.is_secure(), httponly=True)
    return response


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as e:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "detail": type(e).__name__}, status=503)
    return JsonResponse({"status": "ok"})


FAVICON = Path(__file__).parent / "static" / "kinerja" / "favicon.ico"


@cache_control(max_age=7 * 24 * 3600, public=True)
def favicon(request: HttpRequest) -> FileResponse:
    """/favicon.ico, which browsers and feed readers ask for whatever the page links: from the package
    itself, so it answers before `collectstatic` has run too."""
    return FileResponse(FAVICON.open("rb"), content_type="image/vnd.microsoft.icon")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change; a person who signed in with a password given by the
    administrator is let through to the other pages once they chose their own. Their first field asks for
    the password the administrator gave them: not an "old" password of their own."""

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        person = getattr(self.request, "person", None)
        if person is not None and person.must_change_password:
            # The password the administrator gave (a first one, or one replacing a forgotten password), in the
            # label and in its error alike: not an "old" password of the person's own.
            form.fields["old_password"].label = _("Password from the administrator")
            form.error_messages = {**form.error_messages, "password_incorrect": _(
                "This is not the password the administrator gave you. Type it exactly as given, hyphens "
                "included.")}
        return form

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        person = getattr(self.request, "person", None)
        if person is not None:
            org_actions.password_changed(person)
        return response
