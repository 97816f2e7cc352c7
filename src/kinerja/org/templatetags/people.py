"""Template filters about people: `{{ user|name_of }}` names whoever acted as every page, e-mail and report
does (org.models.name_of: the person's full name, else the username of an account without a person)."""

from __future__ import annotations

from typing import Any

from django import template

from kinerja.org.models import name_of as _name_of

register = template.Library()


@register.filter
def name_of(user: Any) -> str:
    return _name_of(user)
