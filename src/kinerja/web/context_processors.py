"""What every page's frame needs: the office, today's positions and roles, and the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .nav import navigation


def shell(request: HttpRequest) -> dict[str, Any]:
    office = getattr(request, "office", None)
    if office is None:
        return {"office": None, "nav": []}
    return {"office": office, "nav": navigation(request)}
