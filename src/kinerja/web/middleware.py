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
