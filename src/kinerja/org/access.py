"""The office a request acts for. Every office-owned query of a view filters by it, so another
office's id is a 404, never a 403 that confirms the record exists."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from .models import Office


def office_or_404(request: HttpRequest) -> Office:
    """The signed-in person's office (set by the web middleware); 404 for an account without one."""
    office = getattr(request, "office", None)
    if office is None:
        raise Http404
    return office
