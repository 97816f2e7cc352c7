"""`kinerja sop compliance SOP --year Y [--json] [--xlsx FILE]`: per step of an SOP, runs, median and
90th percentile of working time against the standard, share on time, returns, and where cases wait."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.cli import write_output
from kinerja.errors import KinerjaError
from kinerja.sop.models import Sop, SopVersion
from kinerja.verbs import Verb, register

from .cli_table import table


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("sop", help=gettext_lazy("The SOP: the id of any of its versions (see `kinerja sop list`)."))
    parser.add_argument("--year", type=int, required=True, help=gettext_lazy("Cases started in this year."))
    parser.add_argument("--json", action="store_true", help=gettext_lazy("Print JSON instead of a table."))
    parser.add_argument("--xlsx", type=Path, help=gettext_lazy("Also write the report to this XLSX file."))


def sop_of(text: str) -> Sop:
    version = (SopVersion.objects.select_related("sop__office").filter(pk=int(text)).first()
               if text.isdigit() else None)
    if version is None:
        raise KinerjaError(_("There is no stored SOP version with id %(id)s.") % {"id": text})
    return version.sop


def handle(command: BaseCommand, *, sop: str, year: int, json: bool = False, xlsx: Path | None = None,
           **options: Any) -> None:
    # Here, not at the top: ready() imports this module in every command and web worker.
    from .compliance import compliance, duration_text, to_xlsx

    if not 2000 <= year <= 2100:
        raise KinerjaError(_("--year: %(year)s is not a year between 2000 and 2100.") % {"year": year})
    report = compliance(sop_of(sop), year)
    if xlsx is not None:
        write_output(xlsx, to_xlsx(report))
    if json:
        command.stdout.write(_dumps(report.as_json()))
        return
    command.stdout.write(f"{report.sop.name} · {year}: " + _("%(started)d cases started, %(finished)d finished, "
                         "%(open)d open.") % {"started": report.cases_started, "finished": report.cases_finished,
                                              "open": report.cases_open})
    if report.cases_ended:
        command.stdout.write(_("%(ended)d more ended at a decision whose “Tidak” ends the procedure.")
                             % {"ended": report.cases_ended})
    # The labels outside the f-string: xgettext does not see a gettext call inside one.
    labels = [_("No."), _("Actor"), _("Standard time"), _("Runs"), _("Median"), _("P90"), _("On time"), _("Sent back"),
              _("Waiting")]
    rows = [[s.display_number, s.actor_shown, s.standard_shown, str(s.runs),
             duration_text(s.median_seconds, report.day_seconds),
             duration_text(s.p90_seconds, report.day_seconds),
             "–" if s.on_time_share is None else f"{s.on_time_share:.0%}", str(s.returns), str(s.waiting)]
            for s in report.steps]
    for line in table(labels, rows, right={0, 3, 4, 5, 6, 7, 8}):
        command.stdout.write(line)
    if report.divisions:
        labels = [_("Division"), _("Requests"), _("On time"), _("Late"), _("Never answered"), _("Awaited now"),
                  _("Median")]
        rows = [[d.name, str(d.requested), str(d.on_time), str(d.late), str(d.unanswered), str(d.waiting),
                 duration_text(d.median_seconds, report.day_seconds)] for d in report.divisions]
        command.stdout.write("")
        for line in table(labels, rows, right={1, 2, 3, 4, 5, 6}):
            command.stdout.write(line)


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


register("sop", Verb(name="compliance", help=gettext_lazy("SOP compliance of a year: working time per step against "
                                                           "the standard, on time, returns, waiting cases."),
                     add_arguments=add_arguments, handle=handle))
