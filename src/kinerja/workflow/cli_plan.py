"""`kinerja sop plan SOURCE --start ISO-8601 [--json] [--office CODE] [--sheet NAME | --sop SOP]
[--time STEP=TIME]`: the planned due date of every step of a stored SOP version or of an SOP document (of a
document holding several SOPs, the one chosen as `kinerja sop import` chooses it; a step's time it leaves out
given with --time, as the import takes it), in the office's working time."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.cli import parse_moment
from kinerja.errors import KinerjaError
from kinerja.verbs import Verb, register

from .cli_table import table

if TYPE_CHECKING:
    # Imported where used: ready() imports this module in every command and web worker, and the calendar
    # brings the holidays package.
    from .calendar import WorkCalendar
    from .planning import PlannedStep


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("source",
                        help=gettext_lazy("A stored SOP version id, or the path of an SOP document "
                                          "(.txt, .csv, .docx, .xlsx, .pdf)."))
    parser.add_argument("--start", required=True,
                        help=gettext_lazy("When the first step starts, ISO 8601, e.g. 2025-03-24T08:00:00+07:00."))
    parser.add_argument("--office", help=gettext_lazy("Office code whose calendar to use (default: the SOP's office)."))
    parser.add_argument("--json", action="store_true", help=gettext_lazy("Print JSON instead of a table."))
    parser.add_argument("--time", action="append", default=[], metavar="STEP=TIME",
                        help=gettext_lazy("of a document, the standard time of a step it leaves out or writes in a way "
                                          "that is no time (\"-\", \"Sesuai kebutuhan\"): --time \"7=15 menit\" "
                                          "(repeatable)"))
    from kinerja.sop.cli import add_choice_arguments

    add_choice_arguments(parser, to_plan=True)  # --sheet / --sop: which SOP of a document holding several


def parse_iso(text: str) -> dt.datetime:
    """An ISO 8601 date and time, naive when it has no offset."""
    return parse_moment(text, "--start", offset=False)


def parse_start(text: str, calendar: WorkCalendar) -> dt.datetime:
    """An ISO 8601 instant; without an offset it is read in the office's time zone."""
    moment = parse_iso(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=calendar.tz)


def load_source(source: str, office_code: str | None, *, sheet: str | None = None,
                sop: str | None = None, times: dict[str, str] | None = None) -> tuple[list[Any], WorkCalendar]:
    """The steps of SOURCE and the calendar to plan them in. `sheet` / `sop`: of a document holding
    several SOPs, the one to plan (as `kinerja sop import` chooses it). `times`: of a document, the standard
    times the user gives its steps (--time, step as printed → "15 menit"), as the import takes them: a
    document whose Waktu says "-" could be imported but not planned."""
    from kinerja.org.models import Office
    from kinerja.sop.models import SopVersion

    from .calendar import WorkCalendar

    office = None
    if office_code:
        office = Office.objects.filter(code=office_code).first()
        if office is None:
            raise KinerjaError(_("--office: there is no office with code %(code)r.") % {"code": office_code})
    if source.isdigit():
        version = SopVersion.objects.select_related("sop__office").filter(pk=int(source)).first()
        if version is None:
            raise KinerjaError(_("There is no stored SOP version with id %(id)s.") % {"id": source})
        if times:
            raise KinerjaError(_("--time is for a document: a stored version has its steps' times (change them by "
                                 "importing a revised document)."))
        steps: list[Any] = list(version.steps.select_related("actor").order_by("number"))
        office = office or version.sop.office
    else:
        path = Path(source)
        if not path.is_file():
            raise KinerjaError(_("%(source)s is neither a stored SOP version id nor an existing file.")
                               % {"source": source})
        from kinerja.sop.actions import set_times
        from kinerja.sop.cli import advised, chosen_part, several_sops_error
        from kinerja.sop.importers import SeveralSops, parse_document

        try:
            draft = parse_document(path, sheet=chosen_part(path, sheet=sheet, sop=sop))
        except SeveralSops as e:
            raise several_sops_error(e) from None
        set_times(draft, times or {})
        if draft.problems:  # with the option that settles it, as the import says it ("--time 7=2 jam")
            raise KinerjaError(advised(draft.problems[0]))
        steps = list(draft.steps)
    if not steps:
        raise KinerjaError(_("%(source)s has no steps to plan.") % {"source": source})
    return steps, WorkCalendar.for_office(office) if office else WorkCalendar()


def as_json(planned: list[PlannedStep]) -> dict[str, Any]:
    return {"steps": [{"number": p.number, **({"label": p.label} if p.label else {}), "actor": p.actor,
                       "starts": p.starts.isoformat(), "due": p.due.isoformat()} for p in planned]}


def handle(command: BaseCommand, *, source: str, start: str, office: str | None = None, json: bool = False,
           sheet: str | None = None, sop: str | None = None, time: list[str] | None = None, **options: Any) -> None:
    from kinerja.sop.cli import time_choice

    from .planning import plan

    parse_iso(start)  # a typo in the start is reported before the source is looked up
    times = dict(time_choice(t) for t in time or [])
    steps, calendar = load_source(source, office, sheet=sheet, sop=sop, times=times)
    planned = plan(steps, parse_start(start, calendar), calendar)
    if json:
        command.stdout.write(_dumps(as_json(planned)))
        return
    # The labels outside the f-string: xgettext does not see a gettext call inside one.
    number, actor, starts, due, standard = _("No."), _("Actor"), _("Starts"), _("Due"), _("Standard time")
    rows = [[p.display_number, p.actor, f"{p.starts:%Y-%m-%d %H:%M}", f"{p.due:%Y-%m-%d %H:%M}", p.standard_time]
            for p in planned]
    for line in table([number, actor, starts, due, standard], rows, right={0}):
        command.stdout.write(line)
    command.stdout.write(_("Times in %(tz)s.") % {"tz": calendar.time_zone})


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


register("sop", Verb(name="plan", help=gettext_lazy("Plan the due date of every step of an SOP from a start time."),
                     add_arguments=add_arguments, handle=handle))
