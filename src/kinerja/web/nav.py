"""Navigation by role. Apps add their entries to ENTRIES with the roles that see them; an entry whose
URL name is not (yet) installed is left out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kinerja.org.holding import today_in, work_today
from kinerja.org.models import Assignment
from kinerja.org.roles import Role, roles_from

ALL = frozenset(Role)


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str | Promise
    roles: frozenset[Role] = ALL
    # The label by what the signed-in person can do on the page, when that differs by person (else `label`).
    label_of: Callable[[HttpRequest], str | Promise] | None = None


def _data_label(request: HttpRequest) -> str | Promise:
    """The performance data entry, named by what it offers the person: the Sekretaris and the Kepala Dinas, who
    neither enter nor check actuals (/data/input/ and /data/check/ answer 403), land on the indicators to read."""
    from kinerja.performance.access import pages

    can = pages(request.user, today_in(request.office.time_zone), work_today(request))  # type: ignore[attr-defined]
    if can["input"] and can["checks"]:
        return _("Enter and check data")
    if can["input"]:
        return _("Enter data")
    if can["checks"]:
        return _("Check data")
    if can["check"]:  # the Kasubbag away while a Plt or Plh checks: the check page to read
        return _("Data check (view only)")
    return _("Indicators and targets")


ENTRIES: list[Entry] = [
    Entry("home", _("Home")),
    Entry("sop:list", _("SOPs")),
    Entry("workflow:inbox", _("Inbox"), ALL - {Role.AUDITOR}),
    Entry("workflow:case_list", _("Cases")),
    Entry("reports:dashboard", _("Performance data")),
    Entry("performance:start", _("Enter and check data"), ALL - {Role.AUDITOR}, label_of=_data_label),
    Entry("correspondence:letters", _("Letters"), frozenset({Role.HEAD, Role.SECRETARY, Role.UNIT_HEAD,
                                                              Role.ADMIN, Role.AUDITOR})),
    # Staff record the coordination meeting's minutes (step 3) without the letter register.
    Entry("correspondence:minutes_list", _("Minutes"), frozenset({Role.STAFF})),
    Entry("correspondence:follow_ups", _("Follow-ups"), ALL - {Role.AUDITOR}),
    Entry("org:structure", _("Organisation")),
]


@cache
def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def held_today(request: HttpRequest) -> list[Assignment]:
    """The signed-in person's assignments today, looked up once per request (with the stand-ins for them:
    holding.work_today)."""
    return work_today(request)[0]


def roles_today(request: HttpRequest) -> set[Role]:
    return roles_from(request.user, held_today(request))


def navigation(request: HttpRequest) -> list[dict[str, object]]:
    roles = roles_today(request)
    items = []
    for entry in ENTRIES:
        url = _url(entry.url_name)
        if url and roles & entry.roles:
            label = entry.label_of(request) if entry.label_of else entry.label
            items.append({"url": url, "label": label, "active": request.path == url
                          or (url != "/" and request.path.startswith(url))})
    return items
