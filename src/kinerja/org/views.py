"""The organisation as people see it: units, positions and who holds them today; a person's page; and
the administrator's import of the organisation from a spreadsheet (importer.py)."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from pathlib import Path

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from kinerja.errors import KinerjaError
from kinerja.org.access import office_or_404
from kinerja.uploads import PendingUploads

from . import importer
from .admin_scope import scope
from .forms import ImportForm
from .holding import today_in
from .models import Assignment, Office, Person, Unit


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
    return render(request, "org/structure.html", {"rows": rows, "today": today,
                                                  "admin": request.user.is_staff or request.user.is_superuser})


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


# The file waits between the preview and the save, for its uploader only.
PENDING = PendingUploads("org-import-pending", "org_imports", "organisasi")


def _require_admin(request: HttpRequest) -> QuerySet[Office]:
    """The offices the user may administer (their own for an office's administrator, Django staff; every
    office for the city's operator, a superuser, who may belong to none); 404 for a user of no office who
    is not the operator, 403 for one who administers none."""
    if not request.user.is_superuser:
        office_or_404(request)
        if not request.user.is_staff:
            raise PermissionDenied
    return scope(request, Office.objects.all())


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload the organisation's spreadsheet: a preview of what saving would create and change (a dry
    run of the import itself), then Save, which imports the same kept file into the same office, from the
    same sheet. A preview of a workbook offers its sheets, to read one alone."""
    offices = _require_admin(request)
    own = getattr(request, "office", None)
    form = ImportForm(request.POST or None, request.FILES or None, offices=offices,
                      initial={"office": own.pk if own is not None else None})
    summary: importer.Summary | None = None
    problems: list[str] = []
    unread_note = ""
    people_note = ""
    hierarchy_notes: list[importer.ColumnNote] = []
    kept = ""
    sheets: list[str] = []
    accounts: list[tuple[str, str, int | None]] = []
    office: Office | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        office, sheet = data["office"], data["sheet"].strip()
        saving = bool(data["upload"]) and not data["file"] and "save" in request.POST
        token = PENDING.keep(request, data["file"]) if data["file"] else data["upload"]
        path = PENDING.path(request, token)
        if path is None:
            form.add_error("file", _("The file uploaded before is no longer kept; choose it again."))
        else:
            try:
                summary = importer.import_file(path, office, dry_run=not saving, sheet=sheet or None)
            except importer.ImportFailed as e:
                problems = [str(error) for error in e.errors]
                if getattr(e, "unread_columns", None):  # a header not known: the likely cause of the errors
                    unread_note = importer.columns_not_read(e.unread_columns)
                if getattr(e, "without_people", None):  # no column of a person: the names went unread
                    people_note = importer.without_people_note(e.without_people)
                # No column of the parent unit or superior, or those columns empty on every row.
                hierarchy_notes = importer.hierarchy_notes(getattr(e, "without_hierarchy", []),
                                                           getattr(e, "empty_hierarchy", []),
                                                           getattr(e, "unplaced_units", []))
            except KinerjaError as e:
                problems = [str(e)]
            if saving and summary is not None:
                PENDING.forget(request, token)
                # The new accounts, saved now: each links to its person's page, where the first password is given.
                pks = dict(Person.objects.filter(office=office, user__username__in=[
                    username for username, _name in summary.new_accounts]).values_list("user__username", "pk"))
                accounts = [(username, name, pks.get(username)) for username, name in summary.new_accounts]
            else:
                kept = PENDING.name(request, token) or ""
                sheets = importer.sheet_names(path)
            form = ImportForm(initial={"upload": token if kept else "", "office": office.pk, "sheet": sheet},
                              offices=offices)
            if len(sheets) > 1:  # the kept workbook's sheets, to preview one alone
                form.fields["sheet"].widget = forms.Select(choices=[("", _("Every sheet with the columns")),
                                                                    *((name, name) for name in sheets)])
    return render(request, "org/import.html", {"form": form, "summary": summary, "problems": problems, "kept": kept,
                                               "unread_note": unread_note,
                                               "without_people_note": importer.without_people_note(summary.without_people)
                                               if summary and summary.without_people else people_note,
                                               "hierarchy_notes": importer.hierarchy_notes(
                                                   summary.without_hierarchy, summary.empty_hierarchy,
                                                   summary.unplaced_units)
                                               if summary else hierarchy_notes,
                                               "placed_by_name_note": importer.placed_by_name_note(
                                                   summary.placed_by_name, summary.placed_by_order)
                                               if summary and (summary.placed_by_name or summary.placed_by_order)
                                               else "",
                                               "lone_units_note": importer.lone_units_note(summary.lone_units)
                                               if summary and summary.lone_units else "",
                                               "accounts": accounts, "sheets": sheets, "office": office,
                                               "several_offices": offices.count() > 1},
                  status=400 if problems or form.errors else 200)


@login_required
def template_download(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    with tempfile.TemporaryDirectory() as folder:
        data = importer.write_template(Path(folder) / "template-organisasi.xlsx").read_bytes()
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="template-organisasi.xlsx"'
    return response
