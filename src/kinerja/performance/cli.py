"""`kinerja data import` and `kinerja data template`: thin callers of importer.py."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kinerja.cli import output_file
from kinerja.errors import KinerjaError
from kinerja.org.models import Office
from kinerja.verbs import Verb, register

if TYPE_CHECKING:
    # Imported in the verbs (it brings openpyxl): ready() imports this module in every command and web worker.
    from . import importer


def office_for(code: str | None) -> Office:
    """The office named by --office, or the only office of the installation."""
    if code:
        office = Office.objects.filter(code=code).first()
        if office is None:
            raise KinerjaError(_("There is no office with the code %(code)s.") % {"code": code})
        return office
    offices = list(Office.objects.all()[:2])
    if len(offices) != 1:
        raise KinerjaError(_("Name the office with --office CODE (this installation has %(count)s).")
                           % {"count": Office.objects.count()})
    return offices[0]


def _import_arguments(parser: CommandParser) -> None:
    parser.add_argument("path", type=Path, metavar="FILE", help=_("the XLSX or CSV file to import"))
    parser.add_argument("--year", type=int, required=True, help=_("year of the targets and actuals"))
    parser.add_argument("--office", help=_("office code (needed when there are several)"))
    parser.add_argument("--dry-run", action="store_true", help=_("check and count, save nothing"))
    parser.add_argument("--sheet", metavar="NAME",
                        help=_("the sheet to import (needed when several sheets of the workbook have a header)"))
    parser.add_argument("--kind", choices=["agreement", "plan"],
                        help=_("what a file with a Kegiatan column is, where kinerja cannot tell: a Perjanjian Kinerja "
                               "(agreement) or a Rencana Aksi (plan)"))


def _import(command: BaseCommand, *, path: Path, year: int, office: str | None, dry_run: bool, sheet: str | None,
            kind: str | None = None, **options: Any) -> None:
    from . import importer

    try:
        summary = importer.import_file(path, office_for(office), year, dry_run=dry_run, sheet=sheet, kind=kind)
    except importer.SeveralSheets as e:
        raise KinerjaError(_("%(problem)s Name it with --sheet, for example --sheet \"%(sheet)s\".") % {
            "problem": e, "sheet": e.sheets[0]}) from e
    except importer.UnclearKind as e:
        raise KinerjaError(_("%(problem)s Name it with --kind agreement (a Perjanjian Kinerja) or --kind plan (a "
                             "Rencana Aksi).") % {"problem": e}) from e
    lead = _("Checked (dry run, nothing saved)") if dry_run else _("Imported")
    command.stdout.write(_("%(lead)s %(file)s: %(counts)s") % {"lead": lead, "file": path.name,
                                                                "counts": summary.counts})
    if summary.sheet:
        command.stdout.write(_("Read the sheet %(sheet)s.") % {"sheet": summary.sheet})
    # How each column was read, to check against the file (the page shows it with the first rows).
    command.stdout.write(_("Columns read: %(columns)s.") % {
        "columns": "; ".join(f"{meaning} ← {header}" for meaning, header in summary.columns)})
    if summary.unread_columns:
        command.stdout.write(_("Columns not read: %(columns)s.") % {"columns": "; ".join(summary.unread_columns)})
    for note in summary.semester_notes:  # with how to give them quarterly
        command.stdout.write(note)
    if summary.plan:
        change = summary.plan_change
        command.stdout.write(ngettext(
            "The Rencana Aksi of the year: %(count)d activity in the file.",
            "The Rencana Aksi of the year: %(count)d activities in the file.",
            summary.activities) % {"count": summary.activities} + " " + _(
            "Of the activities kinerja has: %(kept)d added by hand kept, %(edited)d edited by hand kept as edited; "
            "from the file %(added)d added, %(changed)d changed, %(removed)d imported before and no longer in the "
            "file removed, %(deleted)d removed on the Target page kept out.") % {
                "kept": change.kept, "edited": change.edited, "added": change.added, "changed": change.changed,
                "removed": change.removed, "deleted": change.deleted})
    if summary.activity_ignored:
        command.stdout.write(_("Read as a Perjanjian Kinerja: column %(column)s is not read (kinerja keeps no activity "
                               "with an indicator of the agreement).") % {"column": summary.activity_ignored})
    if summary.assumed_positive:
        command.stdout.write(_("The file has no Polaritas for these new indicators; they are taken as Positif "
                               "(higher is better). Set Negatif where lower is better:"))
        for name in summary.assumed_positive:
            hint = summary.likely_negative.get(name)
            command.stdout.write(f"  - {name}" + (" " + _("(probably Negatif: %(words)s)") % {"words": hint}
                                                  if hint else ""))
    if summary.polarities_read:
        command.stdout.write(_("The polarity of each new indicator, as the file gives it:"))
        for name, polarity, source in summary.polarities_read:
            command.stdout.write(f"  - {name}: {polarity}" + (" " + _("from %(source)s") % {"source": source}
                                                              if source else ""))
    for line in notes(summary):
        command.stdout.write(line)


def notes(summary: importer.Summary) -> list[str]:
    """What the user should know about an import that went through: what was not read, the values to check
    and the Capaian kinerja computes otherwise (warnings: the import is not stopped for them)."""
    lines = []
    if summary.hidden_rows:
        lines.append(_("Rows hidden in the sheet were not read: %(rows)s.") % {
            "rows": ", ".join(str(r) for r in summary.hidden_rows)})
    if summary.unread_rows:
        lines.append(_("Rows with a value but no indicator were not read: %(rows)s.") % {
            "rows": ", ".join(str(r) for r in summary.unread_rows)})
    if summary.total_rows:
        rows = "; ".join(_('row %(number)s "%(name)s"') % {"number": r, "name": n} for r, n in summary.total_rows)
        lines.append(" ".join([_("Rows named like a total were taken as totals and not read:"), rows + ".",
                               _("If one is an indicator, write its Satuan and target on its row, or add it in "
                                 "kinerja first.")]))
    lines += summary.unread_heading_lines
    if summary.other_table:
        lines.append(_("From row %(row)d on, another table under the indicators was not read.") % {
            "row": summary.other_table})
    if summary.notes_from:
        lines.append(_("From row %(row)d on, the notes and signatures under the table were not read.") % {
            "row": summary.notes_from})
    if summary.against_annual:
        lines.append(summary.against_annual_note)
        lines += [f"  - {name}" for name in summary.against_annual]
    if summary.warnings:
        lines.append(_("Warning: these values were imported as written; check them:"))
        lines += [f"  - {w}" for w in summary.warnings]
    if summary.mismatches:
        lines.append(_("Warning: the file's Capaian differs from the one kinerja computes; kinerja shows its own. "
                       "Check the target, the actual, the polarity and how the quarters add up of these rows:"))
        lines += [f"  - {m}" for m in summary.mismatches]
    return lines


def _template_arguments(parser: CommandParser) -> None:
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help=_("the .xlsx or .csv to write"))


def _template(command: BaseCommand, *, output: Path, **options: Any) -> None:
    from . import importer

    with output_file(output) as part:  # the template named as the output, for its .xlsx or .csv
        importer.write_template(part)
    command.stdout.write(_("Wrote the template %(file)s.") % {"file": output})


register("data", Verb(name="import", help=gettext_lazy("Import indicators, targets and actuals from an XLSX or CSV file."),
                      add_arguments=_import_arguments, handle=_import))
register("data", Verb(name="template", help=gettext_lazy("Write an empty import template (XLSX or CSV)."),
                      add_arguments=_template_arguments, handle=_template))
