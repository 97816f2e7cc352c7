"""State changes of SOP records: import a document as a new version, put a version in force, revoke
it, link an actor column to a position. Each is one transaction; the CLI, the upload page and the
demo call these and nothing else writes SOP records.

When a version is in force: an imported version goes in force at once when its effective date
(Tanggal efektif) is today or past, or when the document has none; it then supersedes the version
in force before it, and the user is shown what changed (compare_versions). A version whose effective
date is still ahead, or one the user stores as a draft (the upload's "save as draft", the CLI's
--draft), stays a draft until someone puts it in force (put_in_force). Revoking a version
leaves its SOP with none in force until another is put in force.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.errors import KinerjaError
from kinerja.org.holding import today_in
from kinerja.org.models import Office, Position
from kinerja.uploads import removed_on_failure

from .importers import ListedSop, SopDraft, SopImportError, StepDraft, is_workbook, parse_document, read_document
from .importers.flow import name_variants, normalise_name, squeeze_letters
from .importers.values import NORMAL_DAY_MINUTES
from .models import Actor, Sop, SopVersion, Step, duration_display
from .parties import is_case_person, is_outside_party, recorder_for, unit_role


class AlreadyImported(KinerjaError):
    def __init__(self, version: SopVersion, *, file_name: str = "", sheet: str = "", in_sheet: bool = True) -> None:
        # `sheet`: what chose the SOP of a document holding several, a workbook's sheet (`in_sheet`) or the
        # Nama SOP of one of a Word, text or PDF document's.
        self.version, self.file_name, self.sheet = version, file_name, sheet
        if sheet and not in_sheet:
            message = _("The SOP “%(sheet)s” of %(file)s is already stored as version %(version)d of “%(sop)s”.")
        elif sheet:
            message = _("Sheet “%(sheet)s” of %(file)s is already stored as version %(version)d of “%(sop)s”.")
        else:
            message = _("This document is already stored as version %(version)d of “%(sop)s”.")
        super().__init__(message % {"sheet": sheet, "file": file_name, "version": version.version, "sop": version.name})


# What SopVersion.source_sheet keeps of the part of a document an SOP was read from (a long Nama SOP is cut).
SHEET_LENGTH = 100


def same_source(version: SopVersion, sha256: str, sheet: str) -> bool:
    """Whether the version was imported from these bytes and, of a workbook holding several SOPs, from this
    sheet ("" for a document of one SOP). A version stored without a sheet came from a whole file: a
    document of one SOP, or one imported before sheets were recorded whose sheet could not be told; it
    stands for any sheet of those bytes, as every version of a file did then."""
    return version.source_sha256 == sha256 and (version.source_sheet == sheet or not version.source_sheet
                                                or not sheet)


def stored_from(sop: Sop, sha256: str, sheet: str) -> SopVersion | None:
    """The first version of `sop` imported from these bytes and this sheet (same_source), if any."""
    return next((v for v in sop.versions.filter(source_sha256=sha256).order_by("version")
                 if same_source(v, sha256, sheet)), None)


def already_imported(sop: Sop | None, *, source: Path, source_name: str = "",
                     sheet: str | None = None) -> AlreadyImported | None:
    """The refusal store_draft would give a draft read from `source` (`sheet` of it) whose SOP is `sop`
    (find_sop, which the caller has), or None: the upload preview says it before the user saves."""
    if sop is None:
        return None
    earlier = stored_from(sop, hashlib.sha256(Path(source).read_bytes()).hexdigest(), (sheet or "")[:SHEET_LENGTH])
    if earlier is None:
        return None
    return AlreadyImported(earlier, file_name=source_name or Path(source).name, sheet=sheet or "",
                           in_sheet=is_workbook(Path(source)))


def office_day_minutes(office: Office) -> int:
    """The office's normal working day in minutes, as its working-time calendar (workflow.calendar) counts a
    fraction of a day: the most common length of its weekdays' hours; 07:30-16:00 for an office without any."""
    lengths = Counter((dt.datetime.combine(dt.date.min, h.closes_at) - dt.datetime.combine(dt.date.min, h.opens_at))
                      for h in office.hours.order_by("weekday"))
    if not lengths:
        return NORMAL_DAY_MINUTES
    return int(lengths.most_common(1)[0][0].total_seconds() // 60)


def office_aliases(office: Office) -> dict[str, list[str]]:
    """Every name of every position of the office, mapped to its other names (Kadis → Kepala Dinas …)."""
    aliases: dict[str, list[str]] = {}
    for position in Position.objects.filter(office=office).prefetch_related("aliases"):
        names = position.names()
        for name in names:
            aliases.setdefault(name, []).extend(n for n in names if n != name)
    return aliases


def _key(name: str) -> str:
    return squeeze_letters(normalise_name(name))


def same_name(a: str, b: str) -> bool:
    """Whether two names of a position are the same, ignoring case, spacing and doubled letters."""
    return _key(a) == _key(b)


def match_positions(office: Office, actor_names: list[str]) -> dict[str, Position | None]:
    """The position each actor column stands for, by the first of these that finds exactly one:

    1. the position that has the column's name as its title, short title or alias (ignoring case,
       spacing and doubled letters);
    2. the one it names with its short title written out or shortened ("Kasubbag Umum" for "Kepala Sub
       Bagian Umum");
    3. the one whose name starts with the column's, word for word ("Kasubbag Program" for "Kepala Sub
       Bagian Program, Keuangan dan Aset"): SOPs shorten long titles so;
    4. for a staff column naming its unit ("Staf Program", "Pelaksana Subbag Umum", "Staf Pelaksana
       Subbagian Umum", "JFU Bidang Kewirausahaan"): the staff position of the one unit whose name has
       those words (its data contact's when it has no staff position);
    5. for a staff column naming no unit ("Staf", "Pelaksana", "Staf Pelaksana", "JFU", "Jabatan
       Fungsional Umum"): the one staff position in the units of the other columns the steps above
       found (the JFU of the Kasubbag's subsection), else the office's one staff position.

    A column naming a position by two of its names ("Pengadministrasi Umum / JFU") is matched by each
    name alone when the whole finds none; the names that find one must all find the same. "&" is "dan".

    Two candidates or none leave the actor unlinked, for the administrator to resolve."""
    positions = list(Position.objects.filter(office=office).prefetch_related("aliases").select_related("unit"))
    by_name: dict[str, set[Position]] = {}
    for position in positions:
        for name in position.names():
            by_name.setdefault(_key(name), set()).add(position)
    found: dict[str, Position | None] = {}
    for actor in actor_names:
        candidates = _candidates(actor, positions, by_name)
        if not candidates and "/" in actor:
            # "Pengadministrasi Umum / JFU": one position under two of its names, each tried alone.
            candidates = {p for part in _slash_parts(actor) for p in _candidates(part, positions, by_name)}
        found[actor] = next(iter(candidates)) if len(candidates) == 1 else None
    for actor in actor_names:
        if found[actor] is None and any(is_staff_name(part) for part in [actor, *_slash_parts(actor)]):
            found[actor] = _staff_of_context(positions, [p for p in found.values() if p is not None])
    return found


def _slash_parts(actor: str) -> list[str]:
    parts = [part.strip() for part in actor.split("/")]
    return parts if len(parts) > 1 and all(parts) else []


def _candidates(actor: str, positions: list[Position], by_name: dict[str, set[Position]]) -> set[Position]:
    """The positions steps 1 to 4 of match_positions find for one name."""
    candidates = by_name.get(_key(actor), set())
    if not candidates:
        candidates = {p for variant in name_variants(actor) for p in by_name.get(variant, set())}
    if not candidates:
        candidates = {p for variant in name_variants(actor) for key, ps in by_name.items()
                      if key.startswith(variant + " ") for p in ps}
    if not candidates:
        candidates = _staff_of_named_unit(actor, positions)
    return candidates


# A staff column's first words ("Staf", "Pelaksana", "JFU") and the words every unit's name may have
# ("Bidang", "Subbagian"), which name no unit by themselves.
_STAFF_WORD = (r"(?:staf|staff|pelaksana|jfu|jabatan fungsional umum|fungsional umum|pengadministrasi(?: umum)?|"
               r"operator|petugas|pengelola(?: data)?)")
_STAFF_WORDS = re.compile(rf"^{_STAFF_WORD}\s+(?:{_STAFF_WORD}\s+)*(?P<rest>.+)$")
# A staff column naming no unit: "Staf", "Pelaksana", "Staf Pelaksana", "JFU", "Jabatan Fungsional Umum"
# (not a function's own title, such as "Pengadministrasi Umum", which an office gives one unit's staff).
_GENERIC_STAFF = r"(?:staf|staff|pelaksana|jfu|(?:jabatan )?fungsional umum)"
_BARE_STAFF = re.compile(rf"{_GENERIC_STAFF}(?:\s+{_GENERIC_STAFF})*")


def is_staff_name(actor: str) -> bool:
    """Whether an actor column names the staff (JFU) without naming a unit: "Staf Pelaksana", "JFU"."""
    return bool(_BARE_STAFF.fullmatch(normalise_name(actor)))


def _staff_of_context(positions: list[Position], matched: list[Position]) -> Position | None:
    """The staff position a column naming no unit stands for: the one staff position of the units the
    SOP's other columns were matched in (the JFU beside its Kasubbag), else the office's only one."""
    staff = [p for p in positions if p.kind == Position.Kind.STAFF]
    units = {p.unit_id for p in matched if p.kind != Position.Kind.STAFF}
    near = [p for p in staff if p.unit_id in units]
    if len(near) == 1:
        return near[0]
    return staff[0] if len(staff) == 1 and not near else None


_UNIT_WORDS = {"bidang", "sub", "bagian", "subbagian", "subagian", "subbag", "subag", "seksi", "subbidang",
               "subidang", "unit", "kerja", "sekretariat", "dan", "terkait"}


def _staff_of_named_unit(actor: str, positions: list[Position]) -> set[Position]:
    match = _STAFF_WORDS.match(normalise_name(actor))
    if match is None:
        return set()
    words = {squeeze_letters(w) for w in match["rest"].split()} - _UNIT_WORDS
    if not words:
        return set()  # "Staf Bidang": of the unit each case is about (parties.unit_role)
    units = {p.unit for p in positions
             if words <= {squeeze_letters(w) for w in normalise_name(p.unit.name).split()}}
    if len(units) != 1:
        return set()
    unit = units.pop()
    for kind in (Position.Kind.STAFF, Position.Kind.DIVISION_CONTACT):
        staff = {p for p in positions if p.unit_id == unit.pk and p.kind == kind}
        if staff:
            return staff
    return set()


def preview_import(path: Path, *, office: Office, actor_overrides: dict[int, str] | None = None,
                   sheet: str | None = None) -> SopDraft:
    """What the document says, with step problems kept on the draft (the upload preview). `sheet`: of a
    workbook holding several SOPs, the sheet of the one to read (importers.SeveralSops without it)."""
    draft = parse_document(path, actor_overrides=actor_overrides, aliases=office_aliases(office), sheet=sheet,
                           day_minutes=office_day_minutes(office))
    draft.hand_decisions = carry_hand_decisions(draft, office)
    return draft


def form_example(office: Office) -> SopVersion | None:
    """A version of the office's SOPs whose “SOP sheet (PDF)” shows the SOP AP form a document must have (the
    upload page offers it beside the refusal of a document without the form): the SOP in force imported last,
    else the version imported last; None while the office has none."""
    versions = SopVersion.objects.filter(sop__office=office).order_by("-imported_at", "-pk")
    return versions.filter(status=SopVersion.Status.IN_FORCE).first() or versions.first()


Decision = tuple[tuple[int, ...], int | None, bool]  # returns_to (sorted), branch_to, ends_if_not


@dataclass(frozen=True)
class HandDecision:
    """A step's decision (where it returns work, where its "Tidak" goes on to or that it ends) set by hand in
    the upload preview of the stored version before: the document of that version, read again, says
    otherwise. `reason` is "" when the new draft keeps it, else why it is lost."""

    version: int
    step: str  # as printed
    actor: str
    decision: str  # described
    reason: str = ""

    @property
    def kept(self) -> bool:
        return not self.reason

    def __str__(self) -> str:
        facts = {"step": self.step, "actor": self.actor, "decision": self.decision, "version": self.version,
                 "reason": self.reason}
        if self.kept:
            return _("Step %(step)s (%(actor)s): “%(decision)s”, set by hand on version %(version)d, is kept, as "
                     "this document says there what the document of version %(version)d said.") % facts
        return _("Step %(step)s (%(actor)s): “%(decision)s”, set by hand on version %(version)d, will be lost: "
                 "%(reason)s.") % facts


def _describe(decision: Decision, printed: dict[int, str]) -> str:
    returns, branch, ends = decision
    parts = []
    if returns:
        parts.append(_("returns to step %(steps)s") % {"steps": ", ".join(printed.get(n, str(n)) for n in returns)})
    if branch is not None:
        parts.append(_("if not, on to step %(step)s") % {"step": printed.get(branch, str(branch))})
    if ends:
        parts.append(_("if not, the procedure ends"))
    return "; ".join(parts) or _("sends nothing back")


def carry_hand_decisions(draft: SopDraft, office: Office) -> list[HandDecision]:
    """Keep on a new version of a stored SOP the decisions its users set by hand on the version before.

    Those are the steps whose stored returns, "Tidak" branch or "Tidak" end differ from what the stored
    version's own document says, read again with the actors its steps were stored with. Re-importing the
    revised document must not drop them without a word: a hand-made decision is put on the draft's step of the
    same number and actor, where every step it names is still the same number and actor, and where the new
    document says there what the old one said (a document that now says something else was revised on
    purpose: it wins). Each hand-made decision is returned, kept or not, with the reason it is lost, for the
    upload preview and the command line to say. Nothing when the SOP is new, when the version before has no
    decision.

    What the version before's document said is read again from what the database keeps of it: its steps' texts
    and Ket. cells, each with the actor it was stored with, so the decisions are found when its file is gone or
    no longer readable as it was. A decision drawn as a flowchart's arrow is no words: read from the stored
    texts it looks set by hand, and is kept only where the new document says the same there (which needs no
    word: the new document's own reading is that decision)."""
    sop = find_sop(office, draft)
    previous = sop.versions.order_by("-version").first() if sop is not None else None
    if previous is None:
        return []
    old_steps = list(previous.steps.select_related("actor", "branch_to").prefetch_related("returns_to")
                     .order_by("number"))
    stored: dict[int, Decision] = {
        s.number: (tuple(sorted(r.number for r in s.returns_to.all())), s.branch_to.number if s.branch_to else None,
                   s.ends_if_not) for s in old_steps}
    if not any(r or b is not None or e for r, b, e in stored.values()):
        return []
    documented = _documented_decisions(previous, old_steps, office)
    printed = {s.number: s.display_number for s in old_steps}
    old_actor = {s.number: s.actor.name for s in old_steps}
    new_steps = {s.number: s for s in draft.steps}

    def same(number: int) -> bool:
        new = new_steps.get(number)
        return new is not None and _key(new.actor) == _key(old_actor[number])

    found = []
    for number, hand in stored.items():
        if hand == documented[number]:
            continue
        named = [*hand[0], *([hand[1]] if hand[1] is not None else [])]
        gone = [n for n in named if not same(n)]
        new = new_steps.get(number)
        reason = ""
        if new is None or not same(number):
            reason = _("this document has no step %(step)s of the %(actor)s") % {
                "step": printed[number], "actor": old_actor[number]}
        elif gone:
            reason = _("step %(step)s, which it names, is not the %(actor)s's in this document") % {
                "step": printed[gone[0]], "actor": old_actor[gone[0]]}
        elif (now := (tuple(sorted(new.returns_to)), new.branch_to, new.ends_if_not)) == hand:
            continue  # the new document says it itself: nothing is kept by hand, nothing lost
        elif now != documented[number]:
            reason = _("this document now says “%(decision)s” there, which is read instead") % {
                "decision": _describe(now, {s.number: s.display_number for s in draft.steps})}
        else:
            new.returns_to, new.branch_to, new.ends_if_not = list(hand[0]), hand[1], hand[2]
        found.append(HandDecision(previous.version, printed[number], old_actor[number], _describe(hand, printed),
                                  reason))
    return found


def _documented_decisions(previous: SopVersion, old_steps: list[Step], office: Office) -> dict[int, Decision]:
    """What the document of `previous` says of each step's returns, "Tidak" branch and end: its stored steps'
    texts and Ket. cells read again as the importer reads them (table.decide_returns), with the actors the steps
    were stored with and the office's aliases of its positions."""
    from .importers import flow
    from .importers.table import decide_returns

    actors = [a.name for a in previous.actors.order_by("order")]
    old = SopDraft(path=Path(previous.source_name or f"{previous.name}.txt"), name=previous.name, actors=actors)
    old.steps = [StepDraft(number=s.number, actor=s.actor.name, activity=s.activity, note=s.note,
                           label=s.label) for s in old_steps]
    decide_returns(old.path, old, flow.ActorMatcher(actors, office_aliases(office)))
    return {s.number: (tuple(sorted(s.returns_to)), s.branch_to, s.ends_if_not) for s in old.steps}


def actor_choices(path: Path, *, office: Office, chosen: dict[str, str], sheet: str | None = None) -> dict[int, str]:
    """The user's actor choices keyed by a step as the SOP prints it ("3.1", "3b", or "4" for the fifth step
    of a table with sub-steps; a plain number where the table has none), as the importer takes them
    (`actor_overrides`, by step number). The document is read once more to learn its numbering, the way
    its own "kembali ke langkah 3.1" is read (step_named). A printed number that no step has is an error
    naming it and the numbers the document has."""
    from .importers.table import COLUMN_NO, step_named

    if not chosen:
        return {}
    draft = preview_import(path, office=office, sheet=sheet)
    numbers = {s.number for s in draft.steps}
    found: dict[int, str] = {}
    for printed, name in chosen.items():
        number = step_named(draft, printed.strip())
        if number is None or number not in numbers:
            raise SopImportError(path, None, COLUMN_NO, None, _(
                "--actor %(value)s=%(name)s names step %(value)s, which the document does not have (its steps are "
                "numbered %(numbers)s)") % {"value": printed, "name": name,
                                           "numbers": ", ".join(s.display_number for s in draft.steps)},
                sheets=draft.sheets)
        found[number] = name
    return found


def set_times(draft: SopDraft, chosen: dict[str, str]) -> None:
    """The user's standard times (the CLI's --time) keyed by a step as the SOP prints it ("3", "3.1"), each
    written as a Waktu is ("2 jam", "1,5 hari"), put on the draft in place of what the document says or could
    not read ("Setiap hari", "Menyesuaikan", "-"), as the upload preview's time fields do: the steps' time
    problems and warnings go. A step the document does not have, or a time that cannot be read, is an error
    naming the step and the value."""
    from .importers.table import COLUMN_NO, COLUMN_TIME, step_named
    from .importers.values import parse_duration

    set_on: set[int] = set()
    for printed, text in chosen.items():
        number = step_named(draft, printed.strip())
        step = next((s for s in draft.steps if s.number == number), None)
        if step is None:
            raise SopImportError(draft.path, None, COLUMN_NO, printed, _(
                "--time %(value)s=%(time)s names step %(value)s, which the document does not have (its steps are "
                "numbered %(numbers)s)") % {"value": printed, "time": text,
                                           "numbers": ", ".join(s.display_number for s in draft.steps)},
                sheets=draft.sheets)
        try:
            step.duration_value, step.duration_unit = parse_duration(text, day_minutes=draft.day_minutes)
        except ValueError as e:
            raise SopImportError(draft.path, step.number, COLUMN_TIME, text, _(
                "the time given with --time %(step)s=… cannot be read: %(problem)s") % {
                "step": step.display_number, "problem": e}, label=step.label,
                heading=draft.headings.get(COLUMN_TIME, ""), sheets=draft.sheets) from None
        set_on.add(step.number)
    draft.problems = [p for p in draft.problems if not (p.column == COLUMN_TIME and (
        p.step in set_on or (p.step is None and all(s.duration_value is not None for s in draft.steps))))]
    draft.warnings = [w for w in draft.warnings if not (w.column == COLUMN_TIME and w.step in set_on)]


def find_sop(office: Office, draft: SopDraft | ListedSop) -> Sop | None:
    """The SOP a document (or a workbook's sheet) is a version of: same Nomor SOP, or the same name when it
    has no number."""
    return find_sops(office, [draft])[0]


def find_sops(office: Office, drafts: Sequence[SopDraft | ListedSop]) -> list[Sop | None]:
    """find_sop of each document (the sheets of a workbook), in one query; None for one naming nothing."""
    numbers = {d.number for d in drafts if d.number}
    names = {d.name for d in drafts if not d.number and d.name}
    if not numbers and not names:
        return [None] * len(drafts)
    condition = Q(number__in=numbers)
    for name in names:
        condition |= Q(number="", name__iexact=name)
    # The first by name, as Sop's ordering picks among SOPs sharing a number.
    candidates = list(Sop.objects.filter(condition, office=office).order_by("name", "pk"))

    def first(draft: SopDraft | ListedSop) -> Sop | None:
        if draft.number:
            return next((s for s in candidates if s.number == draft.number), None)
        name = draft.name.casefold()
        return next((s for s in candidates if not s.number and s.name.casefold() == name), None) if name else None

    return [first(d) for d in drafts]


def other_name_warning(sop: Sop | None, draft: SopDraft) -> str:
    """What to say when the document's Nomor SOP is that of a stored SOP of another name: saving makes it that
    SOP's next version, renamed, in place of the one in force. A revision may rename its SOP, but an office
    that starts a new SOP from a copy of another's document keeps the old number more often than not, and
    the stored SOP would be replaced without a word. "" when the names agree (letter case and spaces aside)."""
    if sop is None or not draft.number or _key(sop.name) == _key(draft.name):
        return ""
    latest = sop.versions.order_by("-version").first()
    return _("The Nomor SOP %(number)s is that of “%(stored)s”, already stored (version %(version)d): saved, this "
             "document becomes its version %(next)d, renamed “%(name)s”. If it is another SOP, correct its Nomor "
             "SOP in the document and upload it again.") % {
        "number": draft.number, "stored": sop.name, "version": latest.version if latest else 0,
        "next": (latest.version if latest else 0) + 1, "name": draft.name}


def import_sop(path: Path, *, office: Office, user: AbstractBaseUser | None,
               actor_overrides: dict[int, str] | None = None, dry_run: bool = False,
               in_force: bool = True, sheet: str | None = None) -> SopVersion:
    """Read the document and store it as the next version of its SOP (see the module docstring for
    when it goes in force; in_force=False keeps it a draft). With dry_run nothing is stored and the
    returned version is unsaved. `sheet`: of a workbook holding several SOPs, the one to import."""
    path = Path(path)
    draft = read_document(path, actor_overrides=actor_overrides, aliases=office_aliases(office), sheet=sheet,
                          day_minutes=office_day_minutes(office))
    draft.hand_decisions = carry_hand_decisions(draft, office)
    if dry_run:
        sop = find_sop(office, draft) or Sop(office=office, number=draft.number, name=draft.name)
        latest = sop.versions.order_by("-version").first() if sop.pk else None
        return _version_of(draft, sop, (latest.version if latest else 0) + 1)
    return store_draft(draft, office=office, user=user, source=path, in_force=in_force, sheet=sheet)


def _version_of(draft: SopDraft, sop: Sop, number: int) -> SopVersion:
    return SopVersion(sop=sop, version=number, name=draft.name, number=draft.number, created_on=draft.created_on,
                      revised_on=draft.revised_on, effective_on=draft.effective_on, approved_by=draft.approved_by,
                      approved_by_name=draft.approved_by_name, approved_by_nip=draft.approved_by_nip,
                      header=draft.header())


@removed_on_failure
@transaction.atomic
def store_draft(draft: SopDraft, *, office: Office, user: AbstractBaseUser | None, source: Path,
                source_name: str = "", in_force: bool = True, sheet: str | None = None) -> SopVersion:
    """Store a checked draft (read_document, or the upload preview after the user's corrections) as a
    new version, in one transaction: a problem anywhere stores nothing. It goes in force as the module
    docstring says; with in_force=False it stays a draft whatever its effective date, until someone puts
    it in force (put_in_force). `sheet`: of a workbook holding several SOPs, the one the draft was read
    from; the same sheet of the same file is refused once any version of the SOP was stored from it."""
    if draft.problems:
        raise draft.problems[0]
    for step in draft.steps:
        if step.actor not in draft.actors or step.duration_value is None:
            raise KinerjaError(_("Step %(step)d is not complete.") % {"step": step.number})
    data = Path(source).read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    sop = find_sop(office, draft)
    if sop is None:
        sop = Sop.objects.create(office=office, number=draft.number, name=draft.name)
    # Lock the SOP: two uploads of its next version at once must not both become version n+1.
    sop = Sop.objects.select_for_update().get(pk=sop.pk)
    latest = sop.versions.order_by("-version").first()
    sheet = (sheet or "")[:SHEET_LENGTH]
    source_name = source_name or Path(source).name
    earlier = stored_from(sop, sha256, sheet)
    if earlier is not None:
        raise AlreadyImported(earlier, file_name=source_name, sheet=sheet, in_sheet=is_workbook(Path(source)))
    if sop.name != draft.name:
        sop.name = draft.name
        sop.save(update_fields=["name"])
    version = _version_of(draft, sop, (latest.version if latest else 0) + 1)
    version.imported_by = user if user is not None and user.is_authenticated else None
    version.source_name = source_name
    version.source_sha256, version.source_sheet = sha256, sheet
    version.source_file.save(version.source_name, ContentFile(data), save=False)
    try:
        _store_rows(version, draft, office, latest)
    except BaseException:
        # The rows roll back with the transaction; the stored file must go with them.
        version.source_file.delete(save=False)
        raise
    if in_force and goes_in_force(draft, office):
        _put_in_force(version, user)
    return version


def goes_in_force(draft: SopDraft | SopVersion, office: Office) -> bool:
    """Whether storing the draft puts it in force at once: it has no effective date, or that date has come."""
    return draft.effective_on is None or draft.effective_on <= today_in(office.time_zone)


@dataclass(frozen=True)
class PlannedLink:
    """How an actor column will be linked when a draft is stored (see link_plan)."""

    position: Position | None
    external: bool
    in_unit: str

    @property
    def is_linked(self) -> bool:
        return self.position is not None or bool(self.in_unit)


def link_plan(office: Office, draft: SopDraft, previous: SopVersion | None) -> dict[str, PlannedLink]:
    """How each actor column of the draft is linked on storing it: the position its name matches
    (match_positions), an outside party recorded by the office's actor next to it, the unit's or the
    employee's of each case, or what its users decided on the version before for an actor of the same name.
    The upload preview shows the actors this leaves unlinked."""
    positions = match_positions(office, draft.actors)
    outside = {name: is_outside_party(name) for name in draft.actors}
    in_unit = dict.fromkeys(draft.actors, "")
    kept = set()
    if previous is not None:
        # A revised SOP keeps what its users decided on the version before for an actor of the same name:
        # its position, whether it is outside the office, whether it is the unit's of each case.
        before = {_key(a.name): a for a in previous.actors.select_related("position")}
        for name in draft.actors:
            old = before.get(_key(name))
            if old is not None and (old.position is not None or old.in_unit):
                kept.add(name)
                positions[name] = None if old.in_unit else positions[name] or old.position
                outside[name], in_unit[name] = old.external, old.in_unit
    for name in draft.actors:
        if name in kept:
            continue
        if positions[name] is None and not outside[name]:
            # "Kepala Bidang": the unit's, case by case; "Pegawai yang bersangkutan": the case's employee.
            in_unit[name] = unit_role(name) or (Actor.InUnit.PERSON if is_case_person(name) else "")
        elif outside[name] and positions[name] is None:
            # An outside party's steps are recorded by the office's actor next to them (parties.py).
            positions[name] = recorder_for(name, draft.steps, lambda s: s.actor, positions.get,
                                           lambda n: outside.get(n, False))
    return {name: PlannedLink(positions[name], outside[name], in_unit[name]) for name in draft.actors}


def _store_rows(version: SopVersion, draft: SopDraft, office: Office, previous: SopVersion | None) -> None:
    version.save()
    plan = link_plan(office, draft, previous)
    actors = Actor.objects.bulk_create(
        Actor(version=version, name=name, order=i, position=plan[name].position, external=plan[name].external,
              in_unit=plan[name].in_unit)
        for i, name in enumerate(draft.actors))
    actor_of = {a.name: a for a in actors}
    steps = Step.objects.bulk_create(
        Step(version=version, number=s.number, label=s.label, activity=s.activity, actor=actor_of[s.actor],
             inputs=s.inputs,
             duration_value=s.duration_value, duration_unit=s.duration_unit, output=s.output, note=s.note,
             coordinates_divisions=s.coordinates_divisions, ends_if_not=s.ends_if_not) for s in draft.steps)
    step_of = {s.number: s for s in steps}
    Step.returns_to.through.objects.bulk_create(
        Step.returns_to.through(from_step=step_of[s.number], to_step=step_of[target])
        for s in draft.steps for target in s.returns_to)
    branching = [s for s in draft.steps if s.branch_to is not None]
    for s in branching:
        step_of[s.number].branch_to = step_of[s.branch_to]
    Step.objects.bulk_update([step_of[s.number] for s in branching], ["branch_to"])


def _put_in_force(version: SopVersion, user: AbstractBaseUser | None) -> None:
    now = timezone.now()
    by = user if user is not None and user.is_authenticated else None
    SopVersion.objects.filter(sop_id=version.sop_id, status=SopVersion.Status.IN_FORCE).exclude(pk=version.pk).update(
        status=SopVersion.Status.SUPERSEDED, status_changed_at=now, status_changed_by=by)
    version.status, version.status_changed_at, version.status_changed_by = SopVersion.Status.IN_FORCE, now, by
    version.save(update_fields=["status", "status_changed_at", "status_changed_by"])


@transaction.atomic
def put_in_force(version_id: int, *, user: AbstractBaseUser | None) -> SopVersion:
    """Make a draft (or an earlier, superseded version) the one in force; the one before is superseded."""
    version = SopVersion.objects.select_for_update().select_related("sop").get(pk=version_id)
    # Lock the SOP too: two people putting two versions in force at once must leave exactly one.
    Sop.objects.select_for_update().get(pk=version.sop_id)
    if version.status == SopVersion.Status.IN_FORCE:
        raise KinerjaError(_("Version %(version)d is already in force.") % {"version": version.version})
    if version.status == SopVersion.Status.REVOKED:
        raise KinerjaError(_("Version %(version)d was revoked and cannot be put in force again.")
                           % {"version": version.version})
    _put_in_force(version, user)
    return version


@transaction.atomic
def revoke(version_id: int, *, user: AbstractBaseUser | None, reason: str) -> SopVersion:
    """Revoke (cabut) a version; its SOP has no version in force until another is put in force."""
    version = SopVersion.objects.select_for_update().get(pk=version_id)
    if not reason.strip():
        raise KinerjaError(_("Give the reason for revoking the SOP."))
    if version.status == SopVersion.Status.REVOKED:
        raise KinerjaError(_("Version %(version)d is already revoked.") % {"version": version.version})
    version.status, version.revoked_reason = SopVersion.Status.REVOKED, reason.strip()
    version.status_changed_at = timezone.now()
    version.status_changed_by = user if user is not None and user.is_authenticated else None
    version.save(update_fields=["status", "revoked_reason", "status_changed_at", "status_changed_by"])
    return version


@transaction.atomic
def link_actor(actor_id: int, *, position: Position | None, user: AbstractBaseUser | None,
               external: bool | None = None, in_unit: str | None = None) -> Actor:
    """Link an actor column to a position of the SOP's office (None unlinks it). `external`: mark the
    actor as a party outside the office (True), whose steps the position records, or as the office's own
    (False); None leaves it as it is. `in_unit` ("head" or "staff"): the actor is that of the unit each
    case is about, so no one position is linked; "person": the employee each case is about; "" ends
    that; None leaves it as it is."""
    actor = Actor.objects.select_for_update().select_related("version__sop").get(pk=actor_id)
    if position is not None and position.office_id != actor.version.sop.office_id:
        raise KinerjaError(_("%(position)s belongs to another office.") % {"position": position})
    if in_unit is not None:
        if in_unit not in ("", *Actor.InUnit.values):
            raise KinerjaError(_("Of the case: %(value)s is neither head, staff nor person.") % {"value": in_unit})
        actor.in_unit = in_unit
    if external is not None:
        actor.external = external
    if actor.in_unit and actor.external:
        raise KinerjaError(_("%(actor)s cannot be both outside the office and %(role)s.")
                           % {"actor": actor.name, "role": actor.get_in_unit_display()})
    actors = {a.pk: a for a in Actor.objects.select_for_update().filter(version_id=actor.version_id)}
    steps = list(Step.objects.filter(version_id=actor.version_id).order_by("number").values_list("actor_id", flat=True))
    before = _default_recorders(actors, steps)
    actor.position = None if actor.in_unit else position
    actor.save(update_fields=["position", "external", "in_unit"])
    actors[actor.pk] = actor
    # An outside party still recorded by the default (the office's actor next to it, parties.py) follows
    # this change; one whose recorder somebody chose keeps it.
    for pk, after in _default_recorders(actors, steps).items():
        other = actors[pk]
        if pk != actor.pk and other.position_id == before.get(pk) and after != other.position_id:
            other.position_id = after
            other.save(update_fields=["position"])
    return actor


def _default_recorders(actors: dict[int, Actor], steps: list[int]) -> dict[int, int | None]:
    """The default recorder (a position id) of each outside actor of a version, from its actors (by id)
    and the actor id of each of its steps in order (parties.recorder_for)."""
    def position_of(pk: int) -> int | None:
        return None if actors[pk].in_unit else actors[pk].position_id

    return {pk: recorder_for(pk, steps, lambda s: s, position_of, lambda n: actors[n].external)
            for pk, a in actors.items() if a.external}


@dataclass(frozen=True)
class StepFacts:
    number: int
    actor: str
    activity: str
    duration_value: Decimal | None  # None in a draft whose Waktu the user has not settled yet
    duration_unit: str
    returns_to: tuple[int, ...] = ()
    branch_to: int | None = None  # where a "Tidak" that skips ahead goes on to
    ends_if_not: bool = False  # the step's "Tidak" ends the procedure
    # The numbers as the SOP prints them ("3.1"), for the reader; the comparison itself goes by `number`.
    label: str = field(default="", compare=False)
    returns_to_shown: tuple[str, ...] = field(default=(), compare=False)
    branch_to_shown: str = field(default="", compare=False)

    @property
    def duration_display(self) -> str:
        return duration_display(self.duration_value, self.duration_unit)

    @property
    def display_number(self) -> str:
        """The step's number as printed: its label ("3.1") or its number."""
        return self.label or str(self.number)

    @property
    def returns_to_display(self) -> str:
        return ", ".join(self.returns_to_shown or map(str, self.returns_to))

    @property
    def branch_to_display(self) -> str:
        return self.branch_to_shown or ("" if self.branch_to is None else str(self.branch_to))


@dataclass(frozen=True)
class StepChange:
    number: int
    old: StepFacts
    new: StepFacts

    # The new numbers of the old version's return targets (those that are still there).
    renumber: dict[int, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def renumbered(self) -> bool:
        """The same step under another printed number (a step was added or removed before it)."""
        return self.old.display_number != self.new.display_number

    @property
    def actor_changed(self) -> bool:
        return normalise_name(self.old.actor) != normalise_name(self.new.actor)

    @property
    def time_changed(self) -> bool:
        return (self.old.duration_value, self.old.duration_unit) != (self.new.duration_value, self.new.duration_unit)

    @property
    def returns_changed(self) -> bool:
        """Whether the step returns to other steps: a target that was only renumbered is the same."""
        if not self.renumber:
            return self.old.returns_to != self.new.returns_to
        return tuple(sorted(self.renumber.get(n, -n) for n in self.old.returns_to)) != self.new.returns_to

    @property
    def branch_changed(self) -> bool:
        """Whether the step's "Tidak" goes on to another later step (or now does, or no longer)."""
        old = self.old.branch_to
        if old is not None and self.renumber:
            old = self.renumber.get(old, -old)
        return old != self.new.branch_to

    @property
    def ends_changed(self) -> bool:
        """Whether the step's "Tidak" now ends the procedure, or no longer does."""
        return self.old.ends_if_not != self.new.ends_if_not

    @property
    def activity_changed(self) -> bool:
        return normalise_name(self.old.activity) != normalise_name(self.new.activity)


# The identity block's headings as the SOP AP form prints them (document words, not UI text), in its order.
IDENTITY_TITLES = [("lines", "Kop"), ("name", "Nama SOP"), ("number", "Nomor SOP"),
                   ("created_on", "Tanggal Pembuatan"), ("revised_on", "Tanggal Revisi"),
                   ("effective_on", "Tanggal Efektif"), ("approved_by", "Disahkan oleh")]
BLOCK_TITLES = [("legal_basis", "Dasar Hukum"), ("qualifications", "Kualifikasi Pelaksana"),
                ("related_sops", "Keterkaitan"), ("equipment", "Peralatan/Perlengkapan"),
                ("warning", "Peringatan"), ("records", "Pencatatan dan Pendataan")]


@dataclass(frozen=True)
class IdentityChange:
    """A field of the identity block that differs between two versions: a value (`old` → `new`, "" for none),
    or a list (Dasar Hukum, Peralatan …) with the items it lost and gained."""

    title: str  # the form's own heading ("Nomor SOP", "Dasar Hukum")
    old: str = ""
    new: str = ""
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return bool(self.removed or self.added)


def identity_facts(source: SopVersion | SopDraft) -> dict[str, str | list[str]]:
    """The identity block of a version or a draft, by IDENTITY_TITLES' and BLOCK_TITLES' keys: dates in the
    user's language, the approval as one text (position, name, NIP), the letterhead and blocks as lists."""
    from django.utils.formats import date_format

    header = source.header() if isinstance(source, SopDraft) else (source.header or {})
    approval = ", ".join(part for part in (source.approved_by, source.approved_by_name) if part)
    if source.approved_by_nip:
        approval = ", ".join(part for part in (approval, f"NIP {source.approved_by_nip_display}") if part)
    facts: dict[str, str | list[str]] = {
        "lines": [str(line) for line in header.get("lines") or []], "name": source.name, "number": source.number,
        **{key: date_format(getattr(source, key)) if getattr(source, key) else ""
           for key in ("created_on", "revised_on", "effective_on")},
        "approved_by": approval}
    for key, _title in BLOCK_TITLES:
        facts[key] = [str(item) for item in header.get(key) or []]
    return facts


def compare_identity(old: SopVersion | SopDraft, new: SopVersion | SopDraft) -> list[IdentityChange]:
    """The identity block's fields that changed, in the form's order; a list compared item by item (ignoring
    case and spacing), so a law added to the Dasar Hukum is that item, not the whole block."""
    before, after = identity_facts(old), identity_facts(new)
    changes = []
    for key, title in IDENTITY_TITLES + BLOCK_TITLES:
        was, now = before[key], after[key]
        if isinstance(was, list) and isinstance(now, list):
            olds, news = {normalise_name(i): i for i in was}, {normalise_name(i): i for i in now}
            removed = tuple(i for k, i in olds.items() if k not in news)
            added = tuple(i for k, i in news.items() if k not in olds)
            if removed or added:
                changes.append(IdentityChange(title, removed=removed, added=added))
            elif was != now and [normalise_name(i) for i in was] != [normalise_name(i) for i in now]:
                changes.append(IdentityChange(title, "; ".join(was), "; ".join(now)))  # the same items reordered
        elif normalise_name(str(was)) != normalise_name(str(now)):
            changes.append(IdentityChange(title, str(was), str(now)))
    return changes


@dataclass
class VersionComparison:
    added: list[StepFacts] = field(default_factory=list)
    removed: list[StepFacts] = field(default_factory=list)
    changed: list[StepChange] = field(default_factory=list)
    actors_added: list[str] = field(default_factory=list)
    actors_removed: list[str] = field(default_factory=list)
    identity: list[IdentityChange] = field(default_factory=list)

    @property
    def steps_unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed or self.actors_added or self.actors_removed)

    @property
    def is_empty(self) -> bool:
        return self.steps_unchanged and not self.identity


def step_facts(source: SopVersion | SopDraft) -> tuple[list[str], list[StepFacts]]:
    """The actors' names and the steps' facts, their numbers also as printed (a sub-step's "3.1")."""
    def shown(numbers: dict[int, str], targets: list[int]) -> tuple[str, ...]:
        return tuple(numbers.get(n, str(n)) for n in sorted(targets))

    if isinstance(source, SopDraft):
        printed = {s.number: s.display_number for s in source.steps}
        return list(source.actors), [StepFacts(
            s.number, s.actor, s.activity, s.duration_value, s.duration_unit, tuple(sorted(s.returns_to)), s.branch_to,
            ends_if_not=s.ends_if_not, label=s.label, returns_to_shown=shown(printed, list(s.returns_to)),
            branch_to_shown=printed.get(s.branch_to, str(s.branch_to)) if s.branch_to is not None else "")
            for s in source.steps]
    actors = [a.name for a in source.actors.all()]
    steps = source.steps.select_related("actor", "branch_to").prefetch_related("returns_to").order_by("number")
    return actors, [StepFacts(s.number, s.actor.name, s.activity, s.duration_value, s.duration_unit,
                              tuple(sorted(r.number for r in s.returns_to.all())),
                              s.branch_to.number if s.branch_to else None, ends_if_not=s.ends_if_not,
                              label=s.label,
                              returns_to_shown=tuple(r.display_number for r in sorted(s.returns_to.all(),
                                                                                      key=lambda r: r.number)),
                              branch_to_shown=s.branch_to.display_number if s.branch_to else "") for s in steps]


def align_steps(old_steps: list[StepFacts], new_steps: list[StepFacts]) -> tuple[
        list[tuple[StepFacts, StepFacts]], list[StepFacts], list[StepFacts]]:
    """The steps of two versions matched by their text, not their number, so a step added or removed
    in the middle does not make every later one look changed: (pairs of the same step, steps only in
    the old version, steps only in the new one). Where texts differ at the same place, the steps there
    are paired in order when the counts agree (an edited text), else by how alike their texts are."""
    keys_old = [normalise_name(s.activity) for s in old_steps]
    keys_new = [normalise_name(s.activity) for s in new_steps]
    pairs: list[tuple[StepFacts, StepFacts]] = []
    removed: list[StepFacts] = []
    added: list[StepFacts] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, keys_old, keys_new, autojunk=False).get_opcodes():
        olds, news = old_steps[i1:i2], new_steps[j1:j2]
        if tag == "equal" or (tag == "replace" and len(olds) == len(news)):
            pairs += zip(olds, news, strict=True)
            continue
        start = 0
        for o, key in zip(olds, keys_old[i1:i2], strict=True):
            found = next((k for k in range(start, len(news))
                          if SequenceMatcher(None, key, keys_new[j1 + k], autojunk=False).ratio() >= 0.6), None)
            if found is None:
                removed.append(o)
                continue
            added += news[start:found]
            pairs.append((o, news[found]))
            start = found + 1
        added += news[start:]
    return pairs, removed, added


def compare_versions(old: SopVersion | SopDraft, new: SopVersion | SopDraft) -> VersionComparison:
    """What changed from `old` to `new`: steps added and removed, and for the steps both have (matched
    by their text, align_steps), a changed actor, standard time, return target or text; actor columns
    added and removed; the identity block's fields (compare_identity). A step that only moved to another
    number is not a change."""
    old_actors, old_steps = step_facts(old)
    new_actors, new_steps = step_facts(new)
    pairs, removed, added = align_steps(old_steps, new_steps)
    renumber = {o.number: n.number for o, n in pairs}
    result = VersionComparison(
        added=added, removed=removed,
        actors_added=[a for a in new_actors if _key(a) not in {_key(o) for o in old_actors}],
        actors_removed=[a for a in old_actors if _key(a) not in {_key(n) for n in new_actors}],
        identity=compare_identity(old, new),
    )
    for before, after in pairs:
        change = StepChange(after.number, before, after, renumber)
        if (change.actor_changed or change.time_changed or change.activity_changed or change.returns_changed
                or change.branch_changed or change.ends_changed):
            result.changed.append(change)
    return result


def version_json(version: SopVersion) -> dict[str, object]:
    """The stored version in the JSON shape of `kinerja sop import --json` (SopDraft.as_json)."""
    from .importers.draft import StepDraft

    steps = version.steps.select_related("actor", "branch_to").prefetch_related("returns_to").order_by("number")
    return {
        "id": version.pk, "name": version.name, "number": version.number, "header": version.header,
        "actors": [a.name for a in version.actors.all()],
        "steps": [StepDraft(number=s.number, label=s.label, actor=s.actor.name, activity=s.activity, inputs=s.inputs,
                            duration_value=s.duration_value, duration_unit=s.duration_unit, output=s.output,
                            note=s.note, returns_to=sorted(r.number for r in s.returns_to.all()),
                            branch_to=s.branch_to.number if s.branch_to else None, ends_if_not=s.ends_if_not,
                            coordinates_divisions=s.coordinates_divisions).as_json() for s in steps],
        "version": version.version, "status": version.status,
        "sha256": version.source_sha256,
    }
