"""A language chosen on the sign-in page, just before signing in, becomes the person's own, as the language
switch does for a person signed in; without that choice the person's saved language holds.

The choice is kept in the session of the sign-in page (LANGUAGE_CHOSEN), which Django carries over the
sign-in and drops at sign-out, not taken from the language cookie: on a shared office computer the cookie
still says what the previous person chose."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

LANGUAGE_CHOSEN = "kinerja_language_chosen"


def chosen_at_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """user_logged_in receiver (connected by the web app)."""
    session = getattr(request, "session", None)
    if session is None:
        return
    language = session.pop(LANGUAGE_CHOSEN, None)
    if language not in dict(settings.LANGUAGES):
        return
    from kinerja.org import actions
    from kinerja.org.models import Person

    person = Person.objects.filter(user=user).first()
    if person is not None and person.language != language:
        actions.set_language(person, language)
