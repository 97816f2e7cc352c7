"""`kinerja data import` and `kinerja data template`: thin callers of importer.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from kinerja.errors import KinerjaError
from kinerja.org.models import Office
from kinerja.verbs import Verb, register

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
    parser.add_argument("path", type=Path, metavar="FILE", help="XLSX or CSV file")
    parser.add_argument("--year", type=int, required=True, help="year of the targets and actuals")
    parser.add_argument("--office", help="office code (needed when there are several)")
    parser.add_argument("--dry-run", action="store_true", help="check and count, save nothing")


def _import(command: BaseCommand, *, path: Path, year: int, office: str | None, dry_run: bool, **options: Any) -> None:
    summary = importer.import_file(path, office_for(office), year, dry_run=dry_run)
    lead = _("Checked (dry run, nothing saved)") if dry_run else _("Imported")
    command.stdout.write(_("%(lead)s %(file)s: %(rows)d rows, %(new)d new and %(changed)d changed indicators, "
                           "%(objectives)d new objectives, %(targets)d targets, %(actuals)d actuals.") % {
        "lead": lead, "file": path.name, "rows": summary.rows, "new": summary.indicators_created,
        "changed": summary.indicators_updated, "objectives": summary.objectives_created,
        "targets": summary.targets, "actuals": summary.actuals})
    if summary.sheet:
        command.stdout.write(_("Read the sheet %(sheet)s.") % {"sheet": summary.sheet})
    if summary.assumed_positive:
        command.stdout.write(_("The file has no Polaritas for these new indicators; they are taken as Positif "
                               "(higher is better). Set Negatif where lower is better:"))
        for name in summary.assumed_positive:
            command.stdout.write(f"  - {name}")


def _template_arguments(parser: CommandParser) -> None:
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="the .xlsx or .csv to write")


def _template(command: BaseCommand, *, output: Path, **options: Any) -> None:
    importer.write_template(output)
    command.stdout.write(_("Wrote the template %(file)s.") % {"file": output})


register("data", Verb(name="import", help="Import indicators, targets and actuals from an XLSX or CSV file.",
                      add_arguments=_import_arguments, handle=_import))
register("data", Verb(name="template", help="Write an empty import template (XLSX or CSV).",
                      add_arguments=_template_arguments, handle=_template))
