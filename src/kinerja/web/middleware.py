"""Puts the signed-in person's office and language on the request. Every office-owned query in a
view filters by `request.office`, so an id from another office is a 404."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation


class OfficeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.person = None  # type: ignore[attr-defined]
        request.office = None  # type: ignore[attr-defined]
        if request.user.is_authenticated:
            from kinerja.org.models import Person

            # One query for the person and their office, which every page needs.
            person = Person.objects.select_related("office").filter(user=request.user).first()
            if person is not None:
                request.user.person = person  # fills the reverse one-to-one cache: no second query
                request.person = person  # type: ignore[attr-defined]
                request.office = person.office  # type: ignore[attr-defined]
                # The person's own choice wins over the browser's Accept-Language.
                translation.activate(person.language)
                request.LANGUAGE_CODE = person.language
        return self.get_response(request)


class FirstPasswordMiddleware:
    """A person signed in with the first password the administrator handed out (org.actions.
    give_first_passwords) chooses their own before any other page: every other address leads to the
    password change, except signing out, the language switch and static files."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        person = getattr(request, "person", None)
        if person is not None and person.must_change_password:
            from django.conf import settings
            from django.shortcuts import redirect
            from django.urls import reverse

            allowed = {reverse("password_change"), reverse("logout"), reverse("set_language")}
            if request.path not in allowed and not request.path.startswith(settings.STATIC_URL):
                if request.headers.get("HX-Request"):
                    # A part the page loads by itself (the notifications count in the header): nothing, not
                    # the password page swapped into it.
                    return HttpResponse(status=204)
                return redirect("password_change")
        return self.get_response(request)


class LanguageMiddleware:
    """Bahasa Indonesia unless the user chose English: the choice is the language cookie (set by the
    language switch) and, once signed in, the person's saved preference. The browser's
    Accept-Language is ignored on purpose: office computers often run English Windows."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class SessionEndedMiddleware:
    """When a session has ended (8 hours, or the browser was closed) and the person sends a form, Django's
    login_required answers with a redirect to the sign-in page whose `next` is the address the form was
    sent to, often an action that only takes POST. Two ways that lost what the person typed:

    - an htmx form (the task's decision, the Target page's activities) got the sign-in page itself back
      and put it where the form was: the typed text was gone, and signing in there led to a POST-only
      address;
    - a plain form led, after signing in, to that POST-only address instead of the page of the form.

    Here, for a person who is not signed in: an htmx request that would be sent to the sign-in page gets
    a 401 instead, with nothing swapped (HX-Reswap: none) and the sign-in address, whose `next` is the
    page the request came from, in X-Kinerja-Sign-In; static/kinerja/drafts.js tells the person and
    offers that address, and has kept what they typed in the browser, which it puts back once they are
    signed in again. A plain POST is sent to the sign-in page with `next` the page the form was on (the
    Referer, when it is this site's). GET requests keep Django's own redirect."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code not in (301, 302, 303, 307, 308) or request.user.is_authenticated:
            return response
        from urllib.parse import parse_qs, urlencode, urlsplit

        from django.conf import settings
        from django.contrib.auth import REDIRECT_FIELD_NAME
        from django.shortcuts import resolve_url
        from django.utils.http import url_has_allowed_host_and_scheme
        from django.utils.translation import gettext as _

        sign_in = resolve_url(settings.LOGIN_URL)
        location = urlsplit(response.get("Location", ""))
        # login_required's redirect names where it came from; signing out's does not, and is left alone.
        if location.path != sign_in or REDIRECT_FIELD_NAME not in parse_qs(location.query):
            return response
        htmx = getattr(request, "htmx", None)
        if htmx:
            page = htmx.current_url_abs_path or "/"
            ended = HttpResponse(_("Your session has ended, so this was not sent. Sign in again."), status=401,
                                 content_type="text/plain; charset=utf-8")
            ended["HX-Reswap"] = "none"
            ended["X-Kinerja-Sign-In"] = f"{sign_in}?{urlencode({'next': page})}"
            return ended
        referer = request.headers.get("Referer", "")
        if request.method == "POST" and url_has_allowed_host_and_scheme(
                referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            parts = urlsplit(referer)
            page = parts.path + (f"?{parts.query}" if parts.query else "")
            response["Location"] = f"{sign_in}?{urlencode({'next': page})}"
        return response


class MissingFileMiddleware:
    """A stored file (an uploaded letter, a signed PDF, evidence, a task's file) whose row is in the
    database but whose file is gone from the data directory (a partial restore, a disk cleaned by hand):
    the page that opens it says which file is missing and what to do, instead of a server error, and the
    log names its path for the administrator. Other missing files (a program, a template) stay errors."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, FileNotFoundError) or not exception.filename:
            return None
        import logging
        from pathlib import Path

        from django.core.files.storage import default_storage
        from django.shortcuts import render

        path = Path(str(exception.filename))
        if not path.resolve().is_relative_to(Path(default_storage.location).resolve()):
            return None
        logging.getLogger("kinerja").error("Stored file missing: %s (requested by %s)", path, request.path)
        return render(request, "web/missing_file.html", {"name": path.name}, status=404)
