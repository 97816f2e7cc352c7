"""`kinerja org import` and `kinerja org template`: thin callers of importer.py."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.cli import output_file
from kinerja.errors import KinerjaError
from kinerja.verbs import Verb, register

from .models import Office

if TYPE_CHECKING:
    # Imported in the verbs: ready() imports this module in every command and web worker.
    from . import importer


def _import_arguments(parser: CommandParser) -> None:
    parser.add_argument("path", type=Path, metavar="FILE", help=_("the XLSX or CSV file to import"))
    parser.add_argument("--office", required=True, help=_("office code"))
    parser.add_argument("--dry-run", action="store_true", help=_("check and list the changes, save nothing"))
    parser.add_argument("--sheet", default=None, metavar="NAME",
                        help=_("read only this sheet of the workbook (default: every sheet with the columns)"))


def summary_lines(summary: importer.Summary) -> list[str]:
    """What an import did (or would do, on a dry run): the counts, each change, the new accounts."""
    c = summary.counts
    lines = [_("%(rows)d rows: units %(unit_new)d new, %(unit_changed)d changed; positions %(position_new)d new, "
               "%(position_changed)d changed; people %(person_new)d new, %(person_changed)d changed; holdings "
               "%(holding_new)d new, %(holding_changed)d changed; %(unchanged)d unchanged.")
             % {"rows": summary.rows, "unchanged": summary.unchanged, **c}]
    names = {"unit": _("Unit"), "position": _("Position"), "person": _("Person"), "holding": _("Holding")}
    for change in summary.changes:
        lead = _("new") if change.created else _("changed")
        lines.append(f"  {lead}: {names[change.what]} {change.label} ({change.where}): {'; '.join(change.details)}")
    if summary.without_people:
        from .importer import without_people_note

        lines.append(without_people_note(summary.without_people))
    if summary.without_hierarchy:
        from .importer import without_hierarchy_note

        lines.append(without_hierarchy_note(summary.without_hierarchy, summary.unplaced_units))
    if summary.empty_hierarchy:
        from .importer import empty_hierarchy_note

        lines.append(empty_hierarchy_note(summary.empty_hierarchy, summary.unplaced_units))
    if summary.placed_by_name or summary.placed_by_order:
        from .importer import placed_by_name_note

        lines.append(placed_by_name_note(summary.placed_by_name, summary.placed_by_order))
    if summary.position_warnings:
        lines.append(_("Check these positions:"))
        lines += [f"  - {line}" for line in summary.position_warnings]
    if summary.warnings:
        lines.append(_("Check these holdings:"))
        lines += [f"  - {line}" for line in summary.warnings]
    if summary.started_today:
        lines.append(_("Without Mulai, these holdings start on the day of the import:"))
        lines += [f"  - {line}" for line in summary.started_today]
    if summary.new_accounts:
        lines.append(_("New accounts (username = NIP, or made from the name without one) have no password yet and "
                       "cannot sign in: give them first passwords in the admin (People → the action “Give first "
                       "passwords”)."))
        lines += [f"  - {username} {name}" for username, name in summary.new_accounts]
    if summary.without_nip:
        lines.append(_("New people without a NIP, and how the next import finds them:"))
        lines += [f"  - {name} ({where}): {found_by}" for name, found_by, where in summary.without_nip]
    if summary.title_rows:
        lines.append(_("Title rows over a group of rows were not read as data: %(rows)s.") % {
            "rows": "; ".join(summary.title_rows)})
    if summary.signature_rows:
        lines.append(_("The signature block under the table was not read: %(rows)s.") % {
            "rows": "; ".join(summary.signature_rows)})
    if summary.total_rows:
        lines.append(_("Rows of totals were not read: %(rows)s.") % {"rows": "; ".join(summary.total_rows)})
    if summary.lone_units:
        from .importer import lone_units_note

        lines.append(lone_units_note(summary.lone_units))
    if summary.hidden_rows:
        lines.append(_("Rows hidden in the sheet were not read: %(rows)s.") % {"rows": "; ".join(summary.hidden_rows)})
    if summary.unread_columns:
        lines.append(_("Columns not read: %(columns)s.") % {"columns": "; ".join(summary.unread_columns)})
    if summary.ignored_columns:
        lines.append(_("Numbering and remark columns, left out on purpose: %(columns)s.") % {
            "columns": "; ".join(summary.ignored_columns)})
    if summary.remark_columns:
        lines.append(summary.remark_columns_note)
    return lines


def _import(command: BaseCommand, *, path: Path, office: str, dry_run: bool, sheet: str | None = None,
            **options: Any) -> None:
    found = Office.objects.filter(code=office).first()
    if found is None:
        raise KinerjaError(_("There is no office with the code %(code)s.") % {"code": office})
    from . import importer

    summary = importer.import_file(path, found, dry_run=dry_run, sheet=sheet)
    lead = _("Checked (dry run, nothing saved)") if dry_run else _("Imported")
    command.stdout.write(f"{lead} {path.name} → {found.name}.")
    if summary.sheets:
        command.stdout.write(_("Sheets read: %(sheets)s.") % {"sheets": ", ".join(summary.sheets)})
    for line in summary_lines(summary):
        command.stdout.write(line)


def _template_arguments(parser: CommandParser) -> None:
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help=_("the .xlsx to write"))


def _template(command: BaseCommand, *, output: Path, **options: Any) -> None:
    if output.suffix.lower() != ".xlsx":
        raise KinerjaError(_("%(file)s: the template is written as .xlsx.") % {"file": output.name})
    from . import importer

    with output_file(output) as part:
        importer.write_template(part)
    command.stdout.write(_("Wrote the template %(file)s.") % {"file": output})


register("org", Verb(name="import",
                     help=gettext_lazy("Import units, positions, people and who holds what from an XLSX or CSV file."),
                     add_arguments=_import_arguments, handle=_import))
register("org", Verb(name="template", help=gettext_lazy("Write the empty organisation template (XLSX)."),
                     add_arguments=_template_arguments, handle=_template))
