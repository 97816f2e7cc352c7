"""`kinerja data report` and `kinerja data agreement`: thin callers of report.py and the renderers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.cli import write_output
from kinerja.org.models import Office
from kinerja.verbs import Verb, register

from .cli import office_for

if TYPE_CHECKING:
    from .report import ReportData

FORMATS = ("docx", "pdf", "xlsx")


def render(fmt: str, report: ReportData) -> bytes:
    """The report in `fmt`. The renderers (WeasyPrint, openpyxl, python-docx) and report.py are imported
    in the verbs, not at the top: ready() imports this module in every command and web worker."""
    from .renderers import docx, pdf, xlsx

    return {"docx": docx.render, "pdf": pdf.render, "xlsx": xlsx.render}[fmt](report)


def _report_arguments(parser: CommandParser) -> None:
    parser.add_argument("--year", type=int, required=True, help=_("year of the report"))
    parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help=_("quarters 1 to Q of the year"))
    parser.add_argument("--office", help=_("office code (default: the only office)"))
    parser.add_argument("--all-offices", action="store_true",
                        help=_("every office on one XLSX sheet (the city's overview); needs --format xlsx"))
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--json", action="store_true", help=_("print the figures as JSON"))
    what.add_argument("--format", choices=FORMATS, help=_("write the report in this format"))
    what.add_argument("--compile", action="store_true",
                      help=_("store a new report version (PDF, XLSX, DOCX and its SHA-256) if the data changed"))
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help=_("the file to write (with --format)"))


def _report(command: BaseCommand, *, year: int, quarter: int | None, office: str | None, all_offices: bool,
            json: bool, format: str | None, compile: bool, output: Path | None, **options: Any) -> None:
    from .renderers import xlsx
    from .report import build_report, build_reports, compile_report

    if format and output is None:
        raise CommandError(_("--format needs -o FILE."))
    if all_offices:
        if format != "xlsx" or output is None:
            raise CommandError(_("--all-offices writes one XLSX: use it with --format xlsx -o FILE."))
        offices = list(Office.objects.order_by("name"))
        reports = build_reports(offices, year, quarter, approvals=False)
        city = offices[0].city if offices else ""
        write_output(output, xlsx.render_city(reports, city, year))
        command.stdout.write(_("Wrote %(file)s (%(offices)d offices, %(indicators)d indicators).") % {
            "file": output, "offices": len(reports), "indicators": sum(len(r.indicators) for r in reports)})
        return
    target = office_for(office)
    if compile:
        version = compile_report(target, year, quarter, user=None)
        command.stdout.write(_("Report version %(number)d, SHA-256 %(sha)s: %(pdf)s") % {
            "number": version.number, "sha": version.sha256, "pdf": version.pdf.path})
        return
    report = build_report(target, year, quarter)
    if json:
        _print_json(command, report.to_json())
        return
    assert format is not None and output is not None
    write_output(output, render(format, report))
    command.stdout.write(_("Wrote %(file)s (%(indicators)d indicators).") % {
        "file": output, "indicators": len(report.indicators)})


def _print_json(command: BaseCommand, data: object) -> None:
    command.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))


def _agreement_arguments(parser: CommandParser) -> None:
    parser.add_argument("--year", type=int, required=True, help=_("year of the performance agreement"))
    parser.add_argument("--office", help=_("office code (default: the only office)"))
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help=_("the PDF to write"))


def _agreement(command: BaseCommand, *, year: int, office: str | None, output: Path, **options: Any) -> None:
    from .renderers import agreement
    from .report import build_report

    report = build_report(office_for(office), year)
    write_output(output, agreement.render(report))
    command.stdout.write(_("Wrote %(file)s (%(indicators)d indicators).") % {
        "file": output, "indicators": len(report.indicators)})


register("data", Verb(name="report",
                      help=gettext_lazy("The Data Kinerja report as JSON, PDF, XLSX or DOCX, or a compiled version."),
                      add_arguments=_report_arguments, handle=_report))
register("data", Verb(name="agreement", help=gettext_lazy("The Perjanjian Kinerja form (targets and budget) as PDF."),
                      add_arguments=_agreement_arguments, handle=_agreement))
