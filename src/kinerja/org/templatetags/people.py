"""Template filters about people: `{{ user|name_of }}` names whoever acted as every page, e-mail and report
does (org.models.name_of: the person's full name, else the username of an account without a person);
`{{ assignment|term }}` says its term in the one wording of every page (org.holding.term_phrase)."""

from __future__ import annotations

from typing import Any

from django import template

from kinerja.org.holding import term_phrase
from kinerja.org.models import name_of as _name_of

register = template.Library()


@register.filter
def name_of(user: Any) -> str:
    return _name_of(user)


@register.filter
def term(assignment: Any) -> str:
    """The term of an assignment (anything with starts_on and ends_on): "1 Des 2026 s.d. 15 Des 2026", "sejak
    1 Des 2026, tanpa tanggal akhir"."""
    return term_phrase(assignment.starts_on, assignment.ends_on)
