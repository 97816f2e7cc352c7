"""`kinerja sop import | list | show`: thin callers of sop.actions (the `render` verb lives in
cli_render.py).

Every app's ready() imports this module to register its verbs, and every `kinerja` command and web
worker starts through ready(): the actions and the importers (python-docx, openpyxl, pypdf) are
imported inside the verbs that use them, so `kinerja case list` does not pay for reading Word files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.org.holding import holders, today_in
from kinerja.org.models import Office, Position
from kinerja.verbs import Verb, register

from .models import Actor, Sop, SopVersion

if TYPE_CHECKING:
    from .actions import VersionComparison
    from .importers import SeveralSops, SopImportError


def office_for(code: str | None) -> Office:
    """The office named by --office, or the only office of the installation."""
    if code:
        office = Office.objects.filter(code=code).first()
        if office is None:
            raise CommandError(_("There is no office with the code %(code)s.") % {"code": code})
        return office
    offices = list(Office.objects.all()[:2])
    if len(offices) == 1:
        return offices[0]
    if not offices:
        raise CommandError(_("There is no office yet: create one (or run `kinerja demo`)."))
    raise CommandError(_("There are several offices: choose one with --office CODE."))


def _actor_choice(text: str) -> tuple[str, str]:
    """STEP=NAME, STEP being the step's number as the SOP prints it ("3", "3.1", "3b")."""
    step, sep, name = text.partition("=")
    if not sep or not step.strip() or not name.strip():
        raise CommandError(_("--actor takes STEP=NAME, the step numbered as the SOP prints it, for example --actor "
                             "3=JFU or --actor 3.1=JFU (got “%(value)s”).") % {"value": text})
    return step.strip(), name.strip()


def time_choice(text: str) -> tuple[str, str]:
    """STEP=TIME, STEP numbered as the SOP prints it, TIME written as a Waktu cell is ("2 jam")."""
    step, sep, time = text.partition("=")
    if not sep or not step.strip() or not time.strip():
        raise CommandError(_("--time takes STEP=TIME, the step numbered as the SOP prints it and the time as a Waktu "
                             "cell writes it, for example --time \"3=2 jam\" or --time 3.1=30menit (got "
                             "“%(value)s”).") % {"value": text})
    return step.strip(), time.strip()


def add_import_arguments(parser: CommandParser) -> None:
    parser.add_argument("path", type=Path,
                        help=_("the SOP document: .txt, .csv, .docx, .xlsx or .pdf (with its text, not a scan)"))
    parser.add_argument("--json", action="store_true", help=_("print what was imported as JSON"))
    parser.add_argument("--dry-run", action="store_true", help=_("read and check the document, store nothing"))
    parser.add_argument("--actor", action="append", default=[], metavar="STEP=NAME",
                        help=_("the actor column of a step the importer cannot decide, the step numbered as the SOP "
                               "prints it: --actor 3.1=JFU (repeatable)"))
    parser.add_argument("--time", action="append", default=[], metavar="STEP=TIME",
                        help=_("the standard time of a step, in place of the document's (one it cannot read: "
                               "\"Setiap hari\", \"Menyesuaikan\", \"-\"), the step numbered as the SOP prints "
                               "it: --time \"3=2 jam\" (repeatable)"))
    parser.add_argument("--office", help=_("office code (default: the only office)"))
    add_choice_arguments(parser)
    parser.add_argument("--other-office", action="store_true",
                        help=_("store the document even though its header names another office or region than "
                               "the office it is imported into (refused without it)"))
    parser.add_argument("--draft", action="store_true",
                        help=_("store the version as a draft, not in force, whatever its effective date"))


def add_choice_arguments(parser: CommandParser, *, to_plan: bool = False) -> None:
    """--sheet and --sop: which SOP of a document holding several to read (chosen_part reads them), to import
    it or, `to_plan`, to plan it (`kinerja sop plan`)."""
    if to_plan:
        sheet = _("of an Excel workbook holding several SOPs (one per sheet), the sheet of the one to plan")
        sop = _("of a document holding several SOPs (a Word or text file collecting them, or a workbook), the one "
                "to plan: its Nama SOP, its Nomor SOP or its place (1 for the first)")
    else:
        sheet = _("of an Excel workbook holding several SOPs (one per sheet), the sheet of the one to import")
        sop = _("of a document holding several SOPs (a Word or text file collecting them, or a workbook), the one "
                "to import: its Nama SOP, its Nomor SOP or its place (1 for the first)")
    parser.add_argument("--sheet", metavar="NAME", help=sheet)
    parser.add_argument("--sop", metavar="SOP", help=sop)


def chosen_part(path: Path, *, sheet: str | None, sop: str | None) -> str | None:
    """The `sheet` argument of the import actions for --sheet or --sop: of a workbook the sheet's name, of a
    Word, text or PDF document the chosen SOP's Nama SOP; None for none chosen (or the only SOP). A file that
    cannot be read is left to the import, which says why."""
    from .importers import is_workbook, resolve_choice

    if sheet is not None and sop is not None:
        raise CommandError(_("Choose the SOP with --sheet or with --sop, not both."))
    if sheet is not None and path.is_file() and not is_workbook(path):
        raise CommandError(_("%(file)s is not an Excel workbook: it has no sheets. To choose one of the SOPs of a "
                             "Word, text or PDF document, use --sop with its Nama SOP, its Nomor SOP or its place "
                             "(1 for the first).") % {"file": path.name})
    if sop is None or not path.is_file():
        return sheet
    return resolve_choice(path, sop)


def one_stop(sentence: str) -> str:
    """A sentence ending in a name abbreviated with a stop ("Kasi Angk.") ends with that stop, not two."""
    return sentence[:-1] if sentence.endswith("..") and not sentence.endswith("...") else sentence


def _write_unlinked(command: BaseCommand, unlinked: list[str]) -> None:
    command.stdout.write(one_stop(_("Actors not linked to a position yet: %(names)s.") % {"names": ", ".join(unlinked)}))


def sentences(problem: str, advice: str) -> str:
    """The importer's problem (a clause, often without a stop) and the option's advice, as two sentences."""
    return problem + ("" if problem.rstrip().endswith((".", "!", "?")) else ".") + " " + advice


def several_sops_error(e: SeveralSops) -> CommandError:
    """The refusal of a document holding several SOPs, with the option that chooses one."""
    if e.in_sheets:
        return CommandError(sentences(str(e), _("Choose it with --sheet NAME (or --sop with its Nama SOP, Nomor SOP or "
                                             "place).")))
    return CommandError(sentences(str(e), _("Choose it with --sop and its Nama SOP, its Nomor SOP or its place, for "
                                         "example --sop 2 for the second.")))


def handle_import(command: BaseCommand, *, path: Path, actor: list[str], **options: Any) -> None:
    from .importers import SeveralSops, SopImportError

    try:
        _import(command, path=path, actor=actor, **options)
    except SeveralSops as e:
        raise several_sops_error(e) from e
    except SopImportError as e:
        if not e.choosable:
            raise
        raise CommandError(advised(e)) from e


def advised(problem: SopImportError) -> str:
    """The importer's problem (or warning) with the option that settles it, where one does: an undecided actor
    (--actor), a standard time missing, unreadable or read with a warning (--time)."""
    from .importers.table import COLUMN_TIME

    if problem.choosable:
        return sentences(str(problem), _("Choose it with --actor %(step)s=NAME, NAME one of the actor columns.")
                         % {"step": problem.label or str(problem.step)})
    if problem.column == COLUMN_TIME and problem.step is not None:
        return sentences(str(problem), _("Give its time with --time, for example --time \"%(step)s=2 jam\".")
                         % {"step": problem.label or str(problem.step)})
    if problem.column == COLUMN_TIME:
        return sentences(str(problem), _("Give each step's time with --time, for example --time \"1=2 jam\" "
                                         "(repeat it for each step)."))
    return str(problem)


def _import(command: BaseCommand, *, path: Path, json: bool, dry_run: bool, actor: list[str],
            office: str | None, other_office: bool = False, draft: bool = False, sheet: str | None = None,
            sop: str | None = None, time: list[str] | None = None, **options: Any) -> None:
    from . import actions, origin

    target = office_for(office)
    sheet = chosen_part(path, sheet=sheet, sop=sop)
    times = dict(time_choice(t) for t in time or [])
    overrides = actions.actor_choices(path, office=target, chosen=dict(_actor_choice(a) for a in actor), sheet=sheet)
    read = actions.preview_import(path, office=target, actor_overrides=overrides, sheet=sheet)
    actions.set_times(read, times)
    foreign = origin.foreign_lines(target, read.lines)
    if foreign:
        warning = origin.foreign_warning(target, foreign)
        if not (other_office or dry_run):
            raise CommandError(warning + " " + _("Nothing was stored. To store it anyway, run the import again "
                                                 "with --other-office."))
        command.stderr.write(_("Warning: %(warning)s") % {"warning": warning})
    if renamed := actions.other_name_warning(actions.find_sop(target, read), read):
        command.stderr.write(_("Warning: %(warning)s") % {"warning": renamed})
    # What the web preview shows beside its step (labels read against the drawing, an arrow not placed):
    # on stderr, so --json output stays the document alone.
    # A time read with a warning (shared by merged steps, a range's longer end) is settled with --time too.
    for found in read.warnings:
        command.stderr.write(_("Check: %(warning)s") % {"warning": advised(found)})
    for decision in read.hand_decisions:  # kept from the version before, or lost
        command.stderr.write(_("Note: %(note)s") % {"note": decision})
    if read.problems:
        # Every problem at once, each with its option: one run of the command settles them all.
        if len(read.problems) == 1:
            raise CommandError(advised(read.problems[0])) from read.problems[0]
        raise CommandError(_("%(file)s cannot be imported yet:") % {"file": path.name} + "\n"
                           + "\n".join(f"- {advised(p)}" for p in read.problems)) from read.problems[0]
    if dry_run:
        if json:
            _print_json(command, read.as_json(None))
        else:
            command.stdout.write(_("%(file)s is readable: “%(name)s”, %(steps)d steps (nothing stored).")
                                 % {"file": path.name, "name": read.name, "steps": len(read.steps)})
            # As the upload preview says before saving: the check is for what the import would do.
            sop = actions.find_sop(target, read)
            plan = actions.link_plan(target, read, sop.versions.order_by("-version").first() if sop else None)
            unlinked = [name for name in read.actors if not plan[name].is_linked]
            if unlinked:
                command.stdout.write(_("Actors it would leave not linked to a position: %(names)s; a case can start "
                                       "once each is linked (kinerja sop link, or on the SOP's page).")
                                     % {"names": ", ".join(unlinked)})
        return
    version = actions.store_draft(read, office=target, user=None, source=path, in_force=not draft, sheet=sheet)
    previous = version.sop.versions.filter(version__lt=version.version).order_by("-version").first()
    if json:
        _print_json(command, actions.version_json(version))
        return
    command.stdout.write(_("Imported “%(name)s” as version %(version)d (id %(id)d, %(status)s).") % {
        "name": version.name, "version": version.version, "id": version.pk, "status": version.get_status_display()})
    if version.status == SopVersion.Status.DRAFT:
        command.stdout.write(_("It is a draft: put it in force on its page when it is checked."))
    _write_actor_kinds(command, version)
    unlinked = [a.name for a in version.actors.all() if not a.is_linked]
    if unlinked:
        _write_unlinked(command, unlinked)
        command.stdout.write(_("A case can start once every actor is linked: kinerja sop link %(id)d \"%(actor)s\" "
                               "POSITION (or on the SOP's page).") % {"id": version.pk, "actor": unlinked[0]})
    if previous is not None:
        _write_comparison(command, actions.compare_versions(previous, version), previous.version)


def _case_names(actor: Actor) -> str:
    """What each case names for an actor of the case, and how (the message has %(actor)s and %(role)s)."""
    if actor.in_unit == Actor.InUnit.PERSON:
        return _("%(actor)s is %(role)s: each case names that employee (kinerja case start … --person; the one "
                 "who starts it when this actor begins).")
    return _("%(actor)s is %(role)s: each case names its unit (kinerja case start … --unit).")


def _write_actor_kinds(command: BaseCommand, version: SopVersion) -> None:
    """Name the actors outside the office and who records their steps, and those of the unit of each
    case, with the way to change it."""
    for a in version.actors.exclude(in_unit="").order_by("order"):
        command.stdout.write((_case_names(a) + " " + _("To link one position instead: kinerja sop link %(id)d "
                                                       "\"%(actor)s\" POSITION.")) % {
            "actor": a.name, "role": a.get_in_unit_display(), "id": version.pk})
    for a in version.actors.filter(external=True).select_related("position").order_by("order"):
        if a.position is not None:
            command.stdout.write(_("%(actor)s is outside the office: %(position)s records its steps (to change: "
                                   "kinerja sop link %(id)d \"%(actor)s\" POSITION, or --inside if it is the "
                                   "office's own).") % {"actor": a.name, "position": a.position, "id": version.pk})
        else:
            command.stdout.write(_("%(actor)s is outside the office: link the position that records its steps.")
                                 % {"actor": a.name})


def _write_comparison(command: BaseCommand, diff: VersionComparison, old: int) -> None:
    from .importers.values import format_duration

    if diff.is_empty:
        command.stdout.write(_("Nothing changed since version %(old)d: neither the steps nor the identity block.")
                             % {"old": old})
        return
    command.stdout.write(_("Changes since version %(old)d:") % {"old": old})
    for field_change in diff.identity:  # the identity block first, as the SOP prints it above the steps
        if field_change.is_list:
            for item in field_change.removed:
                command.stdout.write(f"  - {field_change.title}: {item}")
            for item in field_change.added:
                command.stdout.write(f"  + {field_change.title}: {item}")
        else:
            command.stdout.write(f"  ~ {field_change.title}: {field_change.old or '-'} → {field_change.new or '-'}")
    for s in diff.added:
        command.stdout.write("  + " + _("step %(n)s added: %(text)s") % {"n": s.display_number, "text": s.activity[:70]})
    for s in diff.removed:
        command.stdout.write("  - " + _("step %(n)s removed: %(text)s") % {"n": s.display_number, "text": s.activity[:70]})
    for c in diff.changed:
        parts = []
        if c.actor_changed:
            parts.append(_("actor %(old)s → %(new)s") % {"old": c.old.actor, "new": c.new.actor})
        if c.time_changed:
            parts.append(_("time %(old)s → %(new)s") % {
                "old": format_duration(c.old.duration_value, c.old.duration_unit),
                "new": format_duration(c.new.duration_value, c.new.duration_unit)})
        if c.returns_changed:
            parts.append(_("returns to %(old)s → %(new)s") % {"old": c.old.returns_to_display or "-",
                                                             "new": c.new.returns_to_display or "-"})
        if c.branch_changed:
            parts.append(_("if not, on to step %(old)s → %(new)s") % {"old": c.old.branch_to_display or "-",
                                                                      "new": c.new.branch_to_display or "-"})
        if c.ends_changed:
            parts.append(_("if not, the procedure ends") if c.new.ends_if_not
                         else _("if not, the procedure no longer ends"))
        if c.activity_changed:
            parts.append(_("text changed"))
        was = " " + _("(was step %(n)s)") % {"n": c.old.display_number} if c.renumbered else ""
        command.stdout.write("  ~ " + _("step %(n)s: %(what)s") % {"n": c.new.display_number, "what": "; ".join(parts)}
                             + was)


def _print_json(command: BaseCommand, data: dict[str, Any]) -> None:
    command.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))


def add_list_arguments(parser: CommandParser) -> None:
    parser.add_argument("--office", help=_("office code (default: the only office)"))


def handle_list(command: BaseCommand, *, office: str | None, **options: Any) -> None:
    target = office_for(office)
    sops = Sop.objects.filter(office=target).prefetch_related("versions").order_by("number", "name")
    rows = []
    for sop in sops:
        versions = sorted(sop.versions.all(), key=lambda v: -v.version)
        current = next((v for v in versions if v.status == SopVersion.Status.IN_FORCE), versions[0] if versions else None)
        if current is None:
            continue
        rows.append((str(current.pk), sop.number or "-", sop.name, f"v{current.version}",
                     str(current.get_status_display()),
                     date_format(current.effective_on) if current.effective_on else "-"))
    if not rows:
        command.stdout.write(_("No SOPs yet. Import one with: kinerja sop import FILE"))
        return
    header = ("ID", _("Number"), _("Name"), _("Version"), _("Status"), _("Effective"))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    widths[2] = min(widths[2], 60)
    for row in [header, *rows]:
        command.stdout.write("  ".join(cell[:w].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def add_show_arguments(parser: CommandParser) -> None:
    parser.add_argument("id", type=int, help=_("the version id (from `kinerja sop list` or the import)"))
    parser.add_argument("--json", action="store_true", help=_("print the version as JSON"))


def handle_show(command: BaseCommand, *, id: int, json: bool, **options: Any) -> None:
    from . import actions
    from .importers.values import format_duration

    version = SopVersion.objects.select_related("sop").filter(pk=id).first()
    if version is None:
        raise CommandError(_("There is no SOP version with id %(id)d.") % {"id": id})
    if json:
        _print_json(command, actions.version_json(version))
        return
    w = command.stdout.write
    w(f"{version.name}")
    w(_("Number: %(number)s · version %(version)d · %(status)s") % {
        "number": version.number or "-", "version": version.version, "status": version.get_status_display()})
    w(_("Effective: %(date)s") % {"date": date_format(version.effective_on) if version.effective_on else "-"})
    if version.approved_by:
        approval = ", ".join(part for part in (version.approved_by, version.approved_by_name) if part)
        w(_("Approved by: %(approval)s") % {"approval": approval})
    actors = list(version.actors.select_related("position"))
    w(_("Actors:"))
    unlinked = _("(not linked to a position)")  # outside the f-string, where makemessages finds it
    for a in actors:
        if a.in_unit:
            w(f"  {a.name}: {a.get_in_unit_display()}")
        elif a.external:
            w("  " + _("%(actor)s: outside the office, recorded by %(position)s") % {
                "actor": a.name, "position": a.position or unlinked})
        else:
            w(f"  {a.name}: {a.position or unlinked}")
    w(_("Steps:"))
    for s in version.steps.select_related("actor", "branch_to").prefetch_related("returns_to").order_by("number"):
        back = [r.display_number for r in sorted(s.returns_to.all(), key=lambda r: r.number)]
        extra = (" ↩ " + ", ".join(back)) if back else ""
        if s.branch_to is not None:
            extra += " " + _("(if not: on to step %(n)s)") % {"n": s.branch_to.display_number}
        if s.ends_if_not:
            extra += " " + _("(if not: the procedure ends)")
        time = format_duration(s.duration_value, s.duration_unit)
        activity = s.activity.replace("\n", "\n      ")  # a sub-step on a line of its own, indented
        w(f"  {s.display_number:>2}. [{s.actor.name}] {activity} ({time}){extra}")


def add_link_arguments(parser: CommandParser) -> None:
    parser.add_argument("id", type=int, help=_("the version id (from `kinerja sop list` or the import)"))
    parser.add_argument("actor", help=_("the actor column as the SOP writes it"))
    parser.add_argument("position", nargs="?", default="",
                        help=_("title, short title or alias of a position of the office; leave it out to list them"))
    side = parser.add_mutually_exclusive_group()
    side.add_argument("--outside", dest="external", action="store_const", const=True, default=None,
                      help=_("the actor is outside the office (the applicant, another agency): the position records "
                             "its steps"))
    side.add_argument("--inside", dest="external", action="store_const", const=False,
                      help=_("the actor is the office's own (undoes --outside)"))
    parser.add_argument("--in-unit", choices=["head", "staff", "person"],
                        help=_("the actor is the head (or staff) of the unit each case is about (\"Kepala Bidang\"), "
                               "or the employee each case is about (person: \"Pegawai yang bersangkutan\"); "
                               "give no position"))


def handle_link(command: BaseCommand, *, id: int, actor: str, position: str, external: bool | None = None,
                in_unit: str | None = None, **options: Any) -> None:
    from . import actions

    version = SopVersion.objects.select_related("sop__office").filter(pk=id).first()
    if version is None:
        raise CommandError(_("There is no SOP version with id %(id)d.") % {"id": id})
    office = version.sop.office
    actors = list(version.actors.all())
    found = next((a for a in actors if actions.same_name(a.name, actor)), None)
    if found is None:
        raise CommandError(_("%(actor)s is not an actor of this SOP (%(actors)s).") % {
            "actor": actor, "actors": ", ".join(a.name for a in actors)})
    if in_unit:
        linked = actions.link_actor(found.pk, position=None, user=None, external=external, in_unit=in_unit)
        command.stdout.write(_case_names(linked) % {"actor": found.name, "role": linked.get_in_unit_display()})
        return
    target = actions.match_positions(office, [position])[position] if position.strip() else None
    if target is None:
        titles = sorted(f"{p.title} ({p.short_title})" if p.short_title else p.title
                        for p in Position.objects.filter(office=office))
        problem = (_("%(position)s is not one position of the office.") % {"position": position} + " "
                   if position.strip() else "")
        raise CommandError(problem + _(
            "Positions of %(office)s: %(positions)s. A position the office does not have yet is added by an "
            "administrator (Admin → Positions), then linked here.") % {
            "office": office, "positions": "; ".join(titles) or "-"})
    linked = actions.link_actor(found.pk, position=target, user=None, external=external, in_unit="")
    if linked.external:
        command.stdout.write(_("%(actor)s is outside the office; %(position)s records its steps.") % {
            "actor": found.name, "position": target})
    else:
        command.stdout.write(_("%(actor)s is linked to %(position)s.") % {"actor": found.name, "position": target})
    if not holders(target, today_in(office.time_zone)):
        command.stdout.write(_("Nobody holds %(position)s today: a case waits at its steps until an administrator "
                               "assigns someone (Admin → Assignments).") % {"position": target})
    unlinked = [a.name for a in version.actors.all() if not a.is_linked]
    if unlinked:
        _write_unlinked(command, unlinked)


register("sop", Verb(name="import",
                     help=gettext_lazy("Import an SOP document (.txt, .csv, .docx, .xlsx, .pdf) as a new version."),
                     add_arguments=add_import_arguments, handle=handle_import))
register("sop", Verb(name="list", help=gettext_lazy("List the SOPs of the office."), add_arguments=add_list_arguments,
                     handle=handle_list))
register("sop", Verb(name="link", help=gettext_lazy("Link an actor column of an SOP version to a position of the office."),
                     add_arguments=add_link_arguments, handle=handle_link))
register("sop", Verb(name="show", help=gettext_lazy("Show one SOP version."), add_arguments=add_show_arguments,
                     handle=handle_show))
