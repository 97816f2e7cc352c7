"""Navigation by role. Apps add their entries to ENTRIES with the roles that see them; an entry whose
URL name is not (yet) installed is left out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kinerja.org.holding import today_in
from kinerja.org.roles import Role, roles_of

ALL = frozenset(Role)


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str | Promise
    roles: frozenset[Role] = ALL


ENTRIES: list[Entry] = [
    Entry("home", _("Home")),
    Entry("sop:list", _("SOPs")),
    Entry("workflow:inbox", _("Inbox"), ALL - {Role.AUDITOR}),
    Entry("workflow:case_list", _("Cases")),
    Entry("reports:dashboard", _("Performance data")),
    Entry("correspondence:letters", _("Letters"), frozenset({Role.HEAD, Role.SECRETARY, Role.UNIT_HEAD,
                                                              Role.ADMIN, Role.AUDITOR})),
]


@cache
def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def navigation(request: HttpRequest) -> list[dict[str, object]]:
    office = request.office  # type: ignore[attr-defined]
    roles = roles_of(request.user, today_in(office.time_zone))
    items = []
    for entry in ENTRIES:
        url = _url(entry.url_name)
        if url and roles & entry.roles:
            items.append({"url": url, "label": entry.label, "active": request.path == url
                          or (url != "/" and request.path.startswith(url))})
    return items
