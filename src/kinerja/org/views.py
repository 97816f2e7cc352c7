"""The organisation as people see it: units, positions and who holds them today; a person's page."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kinerja.org.access import office_or_404

from .holding import today_in
from .models import Assignment, Person, Unit


@login_required
def structure(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request)
    today = today_in(office.time_zone)
    # Three queries whatever the size of the office: units, positions, today's assignments.
    units = list(Unit.objects.filter(office=office).select_related("parent").prefetch_related("positions"))
    held = defaultdict(list)
    for a in (Assignment.objects.filter(Assignment.active_on(today), position__office=office)
              .select_related("person").order_by("kind", "starts_on")):
        held[a.position_id].append(a)
    rows = [{"unit": u, "above": above, "positions": [(p, held.get(p.pk, [])) for p in u.positions.all()]}
            for u, above in _as_tree(units)]
    return render(request, "org/structure.html", {"rows": rows, "today": today})


def _as_tree(units: list[Unit]) -> list[tuple[Unit, list[Unit]]]:
    """Each unit after its parent and before the parent's next child, with the units above it.
    An administrator enters units in any order (the Seksi of every Bidang last), so the order of entry
    would show a Seksi far from its Bidang."""
    children: dict[int | None, list[Unit]] = defaultdict(list)
    known = {u.pk for u in units}
    for u in units:
        children[u.parent_id if u.parent_id in known else None].append(u)
    found: list[tuple[Unit, list[Unit]]] = []

    def walk(parent: int | None, above: list[Unit]) -> None:
        for u in children.get(parent, []):
            found.append((u, above))
            walk(u.pk, [*above, u])

    walk(None, [])
    seen = {u.pk for u, _above in found}
    return found + [(u, []) for u in units if u.pk not in seen]  # a loop of parents, saved before Unit.clean


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    office = office_or_404(request)
    # Scoped to the user's office: another office's person is a 404, not a 403 that confirms it exists.
    someone = get_object_or_404(Person.objects.select_related("user"), pk=pk, office=office)
    assignments = someone.assignments.select_related("position__unit").order_by("-starts_on")
    return render(request, "org/person.html", {"someone": someone, "assignments": assignments,
                                               "today": today_in(office.time_zone)})
