"""State changes of the correspondence app, one function per thing a user does. Each is one
transaction, checks who may act through kinerja.org, and leaves nothing half-saved."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import logging
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.errors import KinerjaError, NotAllowed
from kinerja.org.holding import (
    acting_refusal,
    doing_own_work,
    held_and_stand_ins,
    holders,
    holdings,
    positions_held,
    today_in,
)
from kinerja.org.models import Assignment, Office, Person, Position
from kinerja.org.roles import Role, acting_for, roles_and_stand_ins
from kinerja.uploads import megabytes, removed_on_failure

from .models import (
    ROMAN_MONTHS,
    Attendance,
    Counter,
    Disposition,
    Document,
    DocumentVersion,
    FollowUp,
    Initial,
    Instruction,
    Letter,
    Minutes,
    OutsideAttendee,
    RegisterSettings,
    RequiredInitial,
    Signature,
    SignatureEvent,
    validate_number_format,
)
from .pdfheader import pdf_start, without_leading_bytes
from .scans import BadScan, scan_bytes

log = logging.getLogger(__name__)

REGISTER_ROLES = {Role.HEAD, Role.SECRETARY, Role.UNIT_HEAD, Role.ADMIN}
DISPOSER_KINDS = (Position.Kind.HEAD, Position.Kind.SECRETARY)


class BadUpload(KinerjaError):
    """An uploaded file that is not a usable PDF or is too large."""


class SigningRefused(KinerjaError):
    """Signing is not allowed yet; the message says why (e.g. the missing initials)."""


class DamagedStoredFile(KinerjaError):
    """A version's stored PDF cannot take the initials box or the signature: kept before uploads were checked
    (check_pdf_bytes with `signable`), or damaged in storage since. Printing, initialling and signing it are
    refused with this, naming the document, the version and its file."""

    def __init__(self, version: DocumentVersion, problem: str, *, outcome: str = "") -> None:
        """`outcome`: what the refused action left undone ("Nothing was signed."), said last."""
        self.version, self.problem = version, problem
        message = _("%(document)s, version %(n)d (%(file)s): the stored PDF is damaged, so the initials box and the "
                    "signature cannot be added to it (%(error)s). Upload the document again as a new version: print "
                    "it to PDF or export it again as a PDF.") % {
            "document": version.document.title, "n": version.version,
            "file": version.file.name.rsplit("/", 1)[-1], "error": problem}
        super().__init__(f"{message} {outcome}".strip())


class BadValue(KinerjaError):
    """A value that cannot be right (a date in the future or before the date it follows, a period kinerja
    cannot read); the view shows it next to `field`, the form field it came from."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def _day(day: dt.date) -> str:
    """A date as the user reads it in messages: 6 Januari 2027."""
    return date_format(day, "j F Y")


def _not_in_future(day: dt.date, *, office: Office, field: str, label: str) -> None:
    today = _today(office)
    if day > today:
        raise BadValue(field, _("%(field)s: %(date)s is in the future (today is %(today)s).")
                      % {"field": label, "date": _day(day), "today": _day(today)})


# Registers and numbers ------------------------------------------------------------------------------

def settings_of(office: Office) -> RegisterSettings:
    found, _created = RegisterSettings.objects.get_or_create(office=office)
    return found


def number_format(office: Office, field: str) -> str:
    """The office's number format of a register (`field`: agenda_format or outgoing_format), checked as the
    administrator's form checks it when saved (models.validate_number_format). One saved before that check
    (migration 0008) may number every letter alike, or not at all: numbering stops with a message naming the
    register, the office and the format, and nothing is registered."""
    fmt = getattr(settings_of(office), field)
    try:
        validate_number_format(fmt)
    except ValidationError as e:
        raise KinerjaError(_("The %(register)s of %(office)s, %(format)s, cannot number: %(error)s The administrator "
                             "corrects it under Administration, Register settings; nothing was numbered.") % {
            "register": RegisterSettings._meta.get_field(field).verbose_name, "office": office.name,
            "format": fmt, "error": " ".join(e.messages)}) from e
    return fmt  # type: ignore[no-any-return]


def format_number(fmt: str, *, seq: int, day: dt.date, code: str = "") -> str:
    """The register number in the office's format, e.g. "005/{seq:03d}/III.07/{year}" or
    "{seq}/SK/{roman_month}/{year}"; `day` gives the year and the month (the date received, or today's for
    an outgoing document)."""
    try:
        return fmt.format(seq=seq, year=day.year, month=day.month, roman_month=ROMAN_MONTHS[day.month - 1],
                          code=code or "-")
    except (KeyError, IndexError, ValueError, AttributeError, TypeError) as e:
        raise KinerjaError(_("The number format %(format)s is not valid (%(error)s). Use {seq}, {year}, {month}, "
                             "{roman_month} and {code}.") % {"format": fmt, "error": e}) from e


def _needs_code(fmt: str, code: str, day: dt.date) -> None:
    """A number format with {code} numbers by classification code (Tata Naskah Dinas: code/number/unit/year):
    without one, the letter would go out as "-/002/III.07/2026" and use up its number. The message shows
    a number as the office writes it, not the format's placeholders."""
    if "{code" in fmt and not code.strip():
        raise BadValue("classification", _("Classification code: enter it; this office's numbers include it, e.g. "
                                            "%(example)s for code 005.")
                       % {"example": format_number(fmt, seq=1, day=day, code="005")})


def _next_seq(office: Office, register: str, year: int) -> int:
    """The next number of a register. The counter row is locked, so two clerks registering at once
    get different numbers; the first number of a year may be created by both at once, which the
    unique constraint turns into one winner and one retry."""
    for _attempt in range(3):
        updated = Counter.objects.filter(office=office, register=register, year=year).update(last=F("last") + 1)
        if updated:
            return Counter.objects.get(office=office, register=register, year=year).last
        try:
            with transaction.atomic():
                Counter.objects.create(office=office, register=register, year=year, last=1)
            return 1
        except IntegrityError:
            continue
    raise KinerjaError(_("The register is busy; please try again."))


# Uploads ------------------------------------------------------------------------------------------

def read_pdf_upload(upload: Any, *, field: str, notes: list[str] | None = None, signable: bool = False) -> bytes:
    """The bytes of an uploaded PDF, refused when too large (before reading it), not a PDF by its
    magic bytes, or damaged (`signable`: as check_pdf_bytes, naming the uploaded file). Bytes before its "%PDF-"
    (a scanner's or a mail gateway's, which PDF readers skip: pdfheader) are left out, and `notes` gets a line
    saying so for the page."""
    limit = settings.KINERJA_MAX_UPLOAD_BYTES
    name = getattr(upload, "name", "") or field
    if upload.size > limit:
        raise BadUpload(_("%(field)s: %(file)s is %(size)s MB; the limit is %(limit)s MB.") % {
            "field": field, "file": name, "size": megabytes(upload.size), "limit": megabytes(limit, 0)})
    if not upload.size:
        raise BadUpload(_("%(field)s: %(file)s is empty (0 bytes); choose the file again.")
                        % {"field": field, "file": name})
    upload.seek(0)
    data, skipped = without_leading_bytes(upload.read())
    check_pdf_bytes(data, name=name, field=field, signable=signable)
    if skipped and notes is not None:
        notes.append(_("%(field)s: %(file)s had %(n)d bytes before the start of the PDF (\"%%PDF-\"), as some "
                       "scanners and mail gateways add; PDF readers skip them, and kinerja kept the PDF without "
                       "them.") % {"field": field, "file": name, "n": skipped})
    return data


def check_pdf_bytes(data: bytes, *, name: str, field: str, signable: bool = False) -> None:
    """Refuse what is not a readable PDF. `signable`: a version to initial and sign, which must also take the
    initials box and the signature, so no encryption at all (a letter's scan is only kept and read)."""
    from pyhanko.pdf_utils.crypt import AuthStatus
    from pyhanko.pdf_utils.reader import PdfFileReader

    start = pdf_start(data)
    if start is None:
        raise BadUpload(_("%(field)s: %(file)s is not a PDF file.") % {"field": field, "file": name})
    if start:  # read_pdf_upload leaves them out; a PDF made in kinerja has none
        raise BadUpload(_("%(field)s: %(file)s has %(n)d bytes before the start of the PDF (\"%%PDF-\"); they "
                          "cannot be initialled or signed with it.") % {"field": field, "file": name, "n": start})
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        # Its page count reads even when the pages need a password: only opening it tells.
        encrypted = bool(reader.encrypted)
        opens = not encrypted or reader.decrypt(b"").status != AuthStatus.FAILED
        int(reader.root["/Pages"]["/Count"])
    except Exception as e:  # noqa: BLE001
        # pyHanko's lenient reader fails on a damaged file in many ways besides PdfError: a truncated compressed
        # stream (zlib.error), an unknown filter (NotImplementedError), an object of the wrong type (AssertionError,
        # AttributeError). Each is a file that cannot be used, not a fault of the server.
        raise BadUpload(_("%(field)s: %(file)s is a damaged PDF (%(error)s).")
                        % {"field": field, "file": name, "error": str(e) or type(e).__name__}) from e
    if not opens:
        # A file nobody in the office could open later. One that only restricts printing or copying (an
        # owner password, as some scanners set) opens without a password and is accepted.
        raise BadUpload(_("%(field)s: %(file)s is protected with a password, so it cannot be opened without "
                          "it. Ask the sender for a copy without a password, or print and scan the letter.")
                        % {"field": field, "file": name})
    if encrypted and signable:
        # Readable, but pyHanko cannot write the initials box and the signature into it without its owner's
        # password: signing failed after both initials.
        raise BadUpload(_("%(field)s: %(file)s is protected (printing or changing restricted with a password), so "
                          "the initials and the signature cannot be added to it. Save or export it again as a PDF "
                          "without protection and upload that.") % {"field": field, "file": name})
    if signable:
        from .renderers.documents import stamping_problem

        if problem := stamping_problem(data):
            raise BadUpload(_("%(field)s: %(file)s is damaged in a way PDF readers pass over, but the initials and "
                              "the signature cannot be added to it (%(error)s). Print it to PDF or export it again "
                              "as a PDF and upload that.") % {"field": field, "file": name, "error": problem})


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# Who may act --------------------------------------------------------------------------------------

def _today(office: Office) -> dt.date:
    return today_in(office.time_zone)


def _person(user: AbstractBaseUser, office: Office) -> Person:
    person = getattr(user, "person", None)
    if person is None or person.office_id != office.pk:
        raise NotAllowed(_("You do not work in %(office)s.") % {"office": office.name})
    return person


def capacities(user: AbstractBaseUser, office: Office, kinds: Iterable[str],
               held: Iterable[Assignment] | None = None) -> list[Assignment]:
    """The assignments by which `user` may act today as a position of one of `kinds`, the user's own
    (definitive) one first: a Sekretaris who is also Plt head gets [Sekretaris, Plt. Kepala Dinas].
    `held`: positions_held(user, today), when the caller has it already."""
    kinds = set(kinds)
    held = positions_held(user, _today(office)) if held is None else held
    found = [a for a in held if a.position.kind in kinds and a.position.office_id == office.pk]
    return sorted(found, key=lambda a: (a.is_acting, a.position_id))


def working_capacities(user: AbstractBaseUser, office: Office,
                       kinds: Iterable[str]) -> tuple[list[Assignment], Assignment | None]:
    """(capacities of `user` today as a position of one of `kinds`, without a position a Plt or Plh acts for
    meanwhile: its work is theirs, as signing (_signing_holding) and registering (register_power) go; when that
    leaves none, the acting assignment through which a Plt or Plh does it for them, for the refusal to name
    who and until when, else None). One query (holding.held_and_stand_ins)."""
    kinds = set(kinds)
    held, acting = held_and_stand_ins(user, _today(office))
    found = capacities(user, office, kinds, doing_own_work(held, acting))
    stand_in = None if found else next(
        (a for a in acting if a.position.kind in kinds and a.position.office_id == office.pk), None)
    return found, stand_in


def dispose_refusal(stand_in: Assignment) -> str:
    """Why an official away may not dispose letters today: who does it meanwhile (`stand_in`, working_capacities's)
    and until when."""
    return acting_refusal(stand_in, gettext_lazy(
        "You may not dispose letters today: %(name)s (%(title)s) does the work of your position as %(position)s "
        "(%(term)s), and disposes letters meanwhile."))


def _holding(user: AbstractBaseUser, office: Office, kinds: Iterable[str], what: str,
             as_position: Position | int | None = None) -> Assignment:
    """The assignment by which `user` may do `what` (dispose letters) today: a position of one of `kinds`, not
    one a Plt or Plh acts for meanwhile (working_capacities); the one of `as_position` when given (a person
    holding two, say the Sekretaris who is Plt head, chooses in which capacity), else the user's own
    (definitive) one first."""
    _person(user, office)
    kinds = tuple(kinds)
    held, stand_in = working_capacities(user, office, kinds)
    if stand_in is not None:
        raise NotAllowed(dispose_refusal(stand_in))
    if not held:
        raise NotAllowed(_("Only the holder (or acting holder) of %(positions)s may %(what)s.") % {
            "positions": ", ".join(str(Position.Kind(k).label) for k in kinds), "what": what})
    if as_position in (None, ""):
        return held[0]
    wanted = as_position.pk if isinstance(as_position, Position) else int(as_position)
    for assignment in held:
        if assignment.position_id == wanted:
            return assignment
    raise BadValue("as_position", _("As: you do not hold that position today; you may %(what)s as %(titles)s.") % {
        "what": what, "titles": ", ".join(a.title_as_held for a in held)})


def own_positions(user: AbstractBaseUser, office: Office, held: Iterable[Assignment] | None = None) -> set[int]:
    """The ids of the office's positions `user` holds today, definitive or acting: a disposition never
    goes to them (the disposition form leaves them out). `held`: positions_held(user, today), when the
    caller has it already."""
    held = positions_held(user, _today(office)) if held is None else held
    return {a.position_id for a in held if a.position.office_id == office.pk}


def _signing_holding(user: AbstractBaseUser, office: Office) -> Assignment:
    """The head's assignment by which `user` signs today. While a Plt or Plh is in office, they sign
    (as "Plt. Kepala Dinas …") and the absent definitive head does not."""
    _person(user, office)
    day = _today(office)
    in_office = [a for p in Position.objects.filter(office=office, kind=Position.Kind.HEAD) for a in holdings(p, day)]
    acting = [a for a in in_office if a.is_acting]
    for assignment in acting or in_office:
        if assignment.person.user_id == user.pk:
            return assignment
    raise NotAllowed(_("Only the head of office signs; today that is %(names)s.") % {
        "names": ", ".join(f"{a.person.full_name} ({a.title_as_held})" for a in acting or in_office) or "-"})


def sign_refusal(user: AbstractBaseUser, office: Office) -> str:
    """Why `user` may not sign today, naming who signs instead; empty for today's signer."""
    return signing_as(user, office)[1]


def signing_as(user: AbstractBaseUser, office: Office) -> tuple[str, str]:
    """(the title `user` signs under today, as printed under the signature: "Plt. Kepala Dinas …" for an
    acting head; why they may not sign, naming who signs instead): one of the two is empty."""
    try:
        return _signing_holding(user, office).title_as_held, ""
    except NotAllowed as e:
        return "", str(e)


def can_sign(user: AbstractBaseUser, office: Office) -> bool:
    return not sign_refusal(user, office)


def can_register(user: AbstractBaseUser, office: Office) -> bool:
    return register_power(user, office)[0]


# The roles by which one writes outgoing documents, and records minutes (any role but the auditor's).
OUTGOING_ROLES = REGISTER_ROLES | {Role.STAFF}
MINUTES_ROLES = set(Role) - {Role.AUDITOR}


def _power(user: AbstractBaseUser, office: Office, wanted: set[Role]) -> tuple[bool, Assignment | None]:
    """(whether `user` has one of `wanted` today (roles_of), else the acting assignment through which a Plt or
    Plh has it meanwhile for them: who, and until when). One query, as roles_of alone."""
    roles, acting = roles_and_stand_ins(user, _today(office))
    return bool(roles & wanted), acting_for(roles, acting, wanted)


def register_power(user: AbstractBaseUser, office: Office) -> tuple[bool, Assignment | None]:
    """(can_register, else who registers letters meanwhile for the absent official: _power). One query."""
    return _power(user, office, REGISTER_ROLES)


def outgoing_power(user: AbstractBaseUser, office: Office) -> tuple[bool, Assignment | None]:
    """(whether `user` may write outgoing documents, else who does meanwhile: _power). One query."""
    return _power(user, office, OUTGOING_ROLES)


def minutes_power(user: AbstractBaseUser, office: Office) -> tuple[bool, Assignment | None]:
    """(whether `user` may record minutes, else who does meanwhile: _power). One query."""
    return _power(user, office, MINUTES_ROLES)


# What each power's refusal says: to anyone without it, and to an official away while a Plt or Plh acts for
# their position (naming its term, with or without an end date: holding.term_phrase).
_REFUSALS = {
    "register": (gettext_lazy("Only the head of office, the Sekretaris, the heads of units (Kasubbag, Kabid) and the "
                              "administrator may register letters; ask one of them to register the letter."),
                 gettext_lazy("You may not register letters today: %(name)s (%(title)s) does the work of your position "
                              "as %(position)s (%(term)s), and registers letters meanwhile.")),
    "outgoing": (gettext_lazy("You may not write outgoing documents."),
                 gettext_lazy("You may not write outgoing documents today: %(name)s (%(title)s) does the work of your "
                              "position as %(position)s (%(term)s), and writes them meanwhile.")),
    "minutes": (gettext_lazy("You may not record minutes."),
                gettext_lazy("You may not record minutes today: %(name)s (%(title)s) does the work of your position as "
                             "%(position)s (%(term)s), and records them meanwhile.")),
}


def _refusal(power: str, acting: Assignment | None) -> str:
    """Why one may not use `power` (_REFUSALS): who does the work of their position meanwhile and until when
    (`acting`: the power's *_power), else the general rule."""
    anyone, stood_in = _REFUSALS[power]
    if acting is None:
        return str(anyone)
    return acting_refusal(acting, stood_in)


def register_refusal(acting: Assignment | None) -> str:
    """Why one may not register letters (`acting`: register_power's)."""
    return _refusal("register", acting)


def outgoing_refusal(acting: Assignment | None) -> str:
    """Why one may not write outgoing documents (`acting`: outgoing_power's)."""
    return _refusal("outgoing", acting)


def minutes_refusal(acting: Assignment | None) -> str:
    """Why one may not record minutes (`acting`: minutes_power's)."""
    return _refusal("minutes", acting)


# Letters ------------------------------------------------------------------------------------------

@dataclass
class LetterInput:
    number: str
    letter_date: dt.date
    sender: str
    subject: str
    received_on: dt.date
    classification: str = ""
    kind: str = Letter.Kind.GENERAL
    period: str = ""


def scan_problem(uploads: list[Any]) -> str:
    """Why `uploads` cannot be a letter's scan (scans.scan_bytes), empty when they can: for the page that
    refuses the letter for another field first."""
    try:
        scan_bytes(uploads, field=_("Scanned letter"), read_pdf=read_pdf_upload)
    except (BadScan, BadUpload) as e:
        return str(e)
    return ""


@removed_on_failure
@transaction.atomic
def register_letter(office: Office, data: LetterInput, *, user: AbstractBaseUser, scan: Any,
                    notes: list[str] | None = None) -> Letter:
    """Put an incoming letter in the register with the next agenda number of its year. `scan`: the
    uploaded PDF, or a list of uploads (one PDF, or photos of the pages in order: scans.scan_bytes).
    `notes` gets what the page should say of the scan as kept (read_pdf_upload)."""
    allowed, acting = register_power(user, office)
    if not allowed:
        raise NotAllowed(register_refusal(acting))
    period = data.period.strip()
    if data.kind == Letter.Kind.DATA_COLLECTION:
        # Stored as the report names the period, so the compiled Data Kinerja finds this letter's case.
        label = _("Period asked for")
        if not period:
            raise BadValue("period", _("%(field)s: a data collection letter needs the period asked for, e.g. "
                                       "Triwulan I 2025 or Tahun 2025.") % {"field": label})
        read = data_period(period)
        if read is None:
            raise BadValue("period", _("%(field)s: %(value)s is not recognised; write e.g. Triwulan I 2025 or "
                                       "Tahun 2025.") % {"field": label, "value": period})
        period = read
    _not_in_future(data.received_on, office=office, field="received_on", label=_("Date received"))
    if data.letter_date > data.received_on:
        raise BadValue("letter_date", _("Letter date: %(date)s is after the date received (%(received)s).")
                      % {"date": _day(data.letter_date), "received": _day(data.received_on)})
    agenda_format = number_format(office, "agenda_format")
    _needs_code(agenda_format, data.classification, data.received_on)
    uploads = list(scan) if isinstance(scan, (list, tuple)) else [scan]
    try:
        content = scan_bytes(uploads, field=_("Scanned letter"), read_pdf=functools.partial(read_pdf_upload,
                                                                                           notes=notes))
    except (BadScan, BadUpload) as e:
        raise BadValue("scan", str(e)) from e
    names = ", ".join(getattr(u, "name", "") for u in uploads)
    year = data.received_on.year
    seq = _next_seq(office, Counter.Register.INCOMING, year)
    # After taking the number: the counter's row lock makes a second press of "Register" (a double
    # click) wait for the first, and then see its letter.
    digest = sha256(content)
    same = Letter.objects.filter(office=office, scan_sha256=digest).first()
    if same is not None:
        raise BadValue("scan", _("%(field)s: %(file)s is already registered as %(agenda)s (letter %(number)s of "
                                 "%(sender)s).") % {"field": _("Scanned letter"), "file": names,
                                                    "agenda": same.agenda_number, "number": same.number,
                                                    "sender": same.sender})
    letter = Letter(office=office, kind=data.kind, number=data.number, letter_date=data.letter_date,
                    sender=data.sender, subject=data.subject, classification=data.classification,
                    received_on=data.received_on, period=period, year=year, seq=seq, registered_by=user,
                    agenda_number=format_number(agenda_format, seq=seq, day=data.received_on,
                                                code=data.classification),
                    scan_sha256=digest)
    letter.scan.save(f"surat-{year}-{seq:04d}.pdf", ContentFile(content), save=False)
    letter.save()
    return letter


@transaction.atomic
def dispose_letter(letter_id: int, *, user: AbstractBaseUser, recipients: Iterable[Position | int],
                   instructions: Iterable[str], note: str = "", disposed_on: dt.date | None = None,
                   as_position: Position | int | None = None) -> Disposition:
    """The Sekretaris (or the head) routes a letter to positions with instructions. `as_position`: the
    capacity, for a person who holds both today (the Sekretaris who is Plt head); by default their own
    definitive position. The sheet prints the title of that capacity ("Plt. Kepala Dinas …")."""
    letter = Letter.objects.select_for_update().select_related("office").get(pk=letter_id)
    office = letter.office
    holding = _holding(user, office, DISPOSER_KINDS, _("dispose letters"), as_position=as_position)
    ids = {r.pk if isinstance(r, Position) else int(r) for r in recipients}
    positions = list(Position.objects.filter(office=office, pk__in=ids))
    if not positions or len(positions) != len(ids):
        raise KinerjaError(_("Disposition: choose at least one position of this office under \"To\"."))
    own = own_positions(user, office)
    if ids & own:
        raise BadValue("recipients", _("To: %(positions)s is your own position; a disposition sends the letter on "
                                       "to someone else.") % {
            "positions": ", ".join(str(p) for p in positions if p.pk in own)})
    codes = list(dict.fromkeys(instructions))
    unknown = [c for c in codes if c not in Instruction.values]
    if unknown or not codes:
        raise KinerjaError(_("Disposition: tick at least one instruction (unknown: %(codes)s).")
                           % {"codes": ", ".join(unknown) or "-"})
    disposed_on = disposed_on or _today(office)
    _not_in_future(disposed_on, office=office, field="disposed_on", label=_("Date"))
    if disposed_on < letter.received_on:
        raise BadValue("disposed_on", _("Date: %(date)s is before the letter was received (%(received)s).")
                      % {"date": _day(disposed_on), "received": _day(letter.received_on)})
    person = holding.person
    disposition = Disposition.objects.create(
        office=office, letter=letter, instructions=codes, note=note.strip(),
        disposed_on=disposed_on, disposed_by=user, disposer_name=person.full_name,
        disposer_nip=person.nip_display, disposer_title=holding.title_as_held)
    disposition.recipients.set(positions)
    return disposition


# Documents and versions ---------------------------------------------------------------------------

def started_case(letter: Letter) -> bool:
    """Whether `letter` started its case (workflow_link.start_case_for_letter), rather than joining one already
    running for its period (or started by hand): it is the case's earliest letter and the case's triggering
    document names its agenda number."""
    from kinerja.workflow.models import Case

    if letter.case_id is None:
        return False
    first = Letter.objects.filter(case_id=letter.case_id).order_by("registered_at", "pk").values_list("pk", flat=True)
    trigger = Case.objects.filter(pk=letter.case_id).values_list("trigger_note", flat=True).first() or ""
    return first.first() == letter.pk and bool(letter.agenda_number) and letter.agenda_number in trigger


def disposition_next_position(letter: Letter, user: AbstractBaseUser, day: dt.date) -> Position | None:
    """The position of the SOP step after the one `user`'s disposition of `letter` completes (the Kasubbag, for
    the Sekretaris's disposition in the seed SOP), to tick in advance; None when saving it completes no step:
    the letter is in no case, or no open task of its case is one `user` may complete by hand today (another
    letter's disposition already did the Sekretaris's step, or it waits at someone else's).
    workflow_link.disposition_done completes the first open task of the case that `user` may complete."""
    from kinerja.sop.models import Step
    from kinerja.workflow.access import can_act
    from kinerja.workflow.extensions import completion_hold
    from kinerja.workflow.models import Task

    if letter.case_id is None:
        return None
    tasks = (Task.objects.filter(case_id=letter.case_id, status=Task.Status.OPEN)
             .select_related("step", "case__office").order_by("pk"))
    task = next((t for t in tasks if can_act(t, user, day) and completion_hold(t) is None), None)
    step = task and (Step.objects.filter(version=task.step.version_id, number__gt=task.step.number)
                     .select_related("actor__position").order_by("number").first())
    return step.actor.position if step else None


def _add_version(document: Document, *, user: AbstractBaseUser, content: bytes, note: str = "",
                 source: models.Model | None = None) -> DocumentVersion:
    last = document.versions.order_by("-version").values_list("version", flat=True).first() or 0
    version = DocumentVersion(office=document.office, document=document, version=last + 1, sha256=sha256(content),
                              note=note, created_by=user)
    if source is not None:
        version.source_type = ContentType.objects.get_for_model(source)
        version.source_id = source.pk
    version.file.save(f"dokumen-{document.pk}-v{last + 1}.pdf", ContentFile(content), save=False)
    version.save()
    return version


@removed_on_failure
@transaction.atomic
def create_document(office: Office, *, user: AbstractBaseUser, kind: str, title: str, content: bytes,
                    note: str = "", source: models.Model | None = None, case_id: int | None = None,
                    supersedes: Document | None = None, revision: int = 0) -> DocumentVersion:
    """A document that arrives as a PDF (a compiled report, an uploaded draft): version 1. With
    `case_id`, its initials and signature complete the case's steps of their actors. A revision of a signed
    Data Kinerja names the document it `supersedes` and its number."""
    _person(user, office)
    check_pdf_bytes(content, name=title, field=_("Document"), signable=True)
    document = Document.objects.create(office=office, kind=kind, title=title, created_by=user, case_id=case_id,
                                       supersedes=supersedes, revision=revision)
    if case_id is not None and kind in Document.APPROVED_IN_CASE_KINDS:
        from kinerja.workflow.extensions import guard_case

        guard_case(case_id)  # the steps that initial and sign it now wait for the initials and the signature
    return _add_version(document, user=user, content=content, note=note, source=source)


@removed_on_failure
@transaction.atomic
def add_version(document_id: int, *, user: AbstractBaseUser, content: bytes, note: str = "",
                source: models.Model | None = None) -> DocumentVersion:
    """A changed document: a new version, on which earlier initials no longer count. An uploaded PDF (no
    `source`) only from who may write outgoing documents, as creating one asks (create_outgoing); a compilation
    (`source`) from take_report, which asks who may compile. Minutes are never replaced by an upload: their PDF
    prints the minutes as recorded (no_upload)."""
    document = Document.objects.select_for_update().select_related("office").get(pk=document_id)
    _person(user, document.office)
    if refusal := no_upload(document):
        raise KinerjaError(refusal)
    if source is None:
        check_may_change(user, document.office)
    if Signature.objects.filter(version__document=document).exists():
        raise KinerjaError(_("%(document)s is already signed; a signed document does not change.")
                           % {"document": document.title})
    latest = document.versions.order_by("-version").first()
    if source is None and latest is not None and latest.source_id is not None:
        # What is signed must be what was compiled from the data (and what signing locks).
        raise KinerjaError(_("%(document)s is a compiled report: a new version comes from compiling the report "
                             "again and putting it up for initials, not from an uploaded PDF.")
                           % {"document": document.title})
    check_pdf_bytes(content, name=document.title, field=_("Document"), signable=True)
    return _add_version(document, user=user, content=content, note=note, source=source)


def no_upload(document: Document) -> str:
    """Why `document` takes no uploaded version (minutes: their PDF is printed from the minutes as recorded, with
    the attendance and the follow-ups in the inbox; an upload would show what the record does not say), empty
    when it takes one."""
    if document.kind != Document.Kind.MINUTES:
        return ""
    return _("%(document)s is printed from the minutes as recorded (attendance, decisions, follow-ups); it is not "
             "replaced by an uploaded PDF. Nothing was saved.") % {"document": document.title}


def check_may_change(user: AbstractBaseUser, office: Office) -> None:
    """Refuse a new version (a changed text, an uploaded PDF) to who may not write outgoing documents today, as
    create_outgoing refuses creating one: the auditor, a division's data contact, an official away while a Plt or
    Plh does the work of their position (naming them)."""
    allowed, acting = outgoing_power(user, office)
    if not allowed:
        raise NotAllowed(outgoing_refusal(acting))


def may_change(user: AbstractBaseUser, office: Office) -> bool:
    """Whether the document page offers `user` a new version (check_may_change)."""
    return outgoing_power(user, office)[0]


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def report_title(year: int, quarter: int | None) -> str:
    """The name the SOP and the letters give the period's data: "Data Kinerja Triwulan I 2025"."""
    return f"Data Kinerja Triwulan {ROMAN[quarter]} {year}" if quarter else f"Data Kinerja Tahun {year}"


_QUARTER = re.compile(r"(?:triwulan|trw|tw|q)\.?\s*(iv|iii|ii|i|[1-4])\s*(?:tahun(?: anggaran)?|ta\.?|/|-)?\s*(\d{4})")
_YEAR = re.compile(r"(?:(?:tahun(?: anggaran)?|ta\.?)\s*)?(\d{4})")
_QUARTER_NUMBER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def data_period(text: str) -> str | None:
    """A period as offices write it ("TW 1 2025", "Triwulan I Tahun 2025", "Trw. 2/2025", "TA 2025") as
    the report names it ("Triwulan I 2025", "Tahun 2025"); None when it is not one."""
    text = " ".join(text.split()).lower()
    if found := _QUARTER.fullmatch(text):
        return report_title(int(found[2]), _QUARTER_NUMBER[found[1]]).removeprefix("Data Kinerja ")
    if found := _YEAR.fullmatch(text):
        return report_title(int(found[1]), None).removeprefix("Data Kinerja ")
    return None


def case_gathering_period(office: Office, year: int, quarter: int | None) -> int | None:
    """The id of the one running case of `office` whose SOP asks the divisions for their data (a step that
    coordinates them) and whose period, however written ("TW 1 2025", "Triwulan I 2025"), is `year` and
    `quarter` (None: the whole year); None when there is none, or more than one."""
    from kinerja.performance.requests import period_of
    from kinerja.workflow.models import Case

    found = [case.pk for case in Case.objects.filter(
        office=office, status=Case.Status.OPEN, sop_version__steps__coordinates_divisions=True).distinct()
        if (period := period_of(case.period)) is not None and (period.year, period.quarter) == (year, quarter)]
    return found[0] if len(found) == 1 else None


def _newest_of_period(report: Any) -> tuple[Document | None, DocumentVersion | None]:
    """The newest Data Kinerja document of the report's period (the first one, or its latest revision), and its
    newest version when that version is `report` (already put up), else None."""
    from kinerja.performance.models import ReportVersion

    report_type = ContentType.objects.get_for_model(ReportVersion)
    same_period = ReportVersion.objects.filter(office=report.office_id, year=report.year, quarter=report.quarter)
    document = Document.objects.filter(
        pk__in=DocumentVersion.objects.filter(office=report.office_id, document__kind=Document.Kind.PERFORMANCE_DATA,
                                              source_type=report_type, source_id__in=same_period.values("pk"))
        .values("document_id")).order_by("-revision", "-pk").first()
    latest = document.versions.order_by("-version").first() if document is not None else None
    if latest is not None and latest.source_type_id == report_type.pk and latest.source_id == report.pk:
        return document, latest
    return document, None


def outdated(report: Any) -> str:
    """Why the compiled `report` (a performance ReportVersion) is no longer the one to put up for initials, or "":
    a newer compilation of its period exists, or the period's data changed after it was compiled
    (report_changed), so its initials would be refused. The refusal of take_report, said in its words on the
    compile page too. One query, and the report built anew when no newer compilation exists."""
    from kinerja.performance.models import ReportVersion

    newer = (ReportVersion.objects.filter(office=report.office_id, year=report.year, quarter=report.quarter,
                                          number__gt=report.number).order_by("-number").only("number", "created_at")
             .first())
    if newer is not None:
        return _("%(report)s is no longer current: version %(newer)d of the same period was compiled after it, on "
                 "%(date)s. Put up version %(newer)d, the newest, or compile the report again.") % {
            "report": report, "newer": newer.number,
            "date": _day(timezone.localtime(newer.created_at, ZoneInfo(report.office.time_zone)).date())}
    changed = report_changed(report)
    if changed:
        return _("%(report)s is no longer current: the performance data changed after it was compiled (%(changed)s). "
                 "Compile the report again and put the new version up for initials.") % {
            "report": report, "changed": ", ".join(changed)}
    return ""


def put_up_as(report: Any) -> DocumentVersion | None:
    """The version of the period's Data Kinerja that the compiled `report` (a performance ReportVersion) already
    is, the newest of its document; None when putting it up would make a new version or document (take_report)."""
    return _newest_of_period(report)[1]


def put_up_refusal(report: Any) -> str:
    """Why the compiled `report` (a performance ReportVersion) cannot be put up for initials (take_report's
    refusal in its words), or "": also "" when it is already put up (put_up_as). Who may put it up is not asked
    here (may_compile)."""
    document, latest = _newest_of_period(report)
    return "" if latest is not None else _put_up_refusal(report, document)


def _put_up_refusal(report: Any, document: Document | None) -> str:
    """take_report's refusals of a compilation not yet put up, `document` the newest Data Kinerja of its period:
    a signed period takes only the revision compiled after a correction, a revision only a compilation with its
    corrections, and an outdated compilation nothing (outdated)."""
    office = report.office
    revision = (report.data or {}).get("revision")
    signature = Signature.objects.filter(version__document=document).first() if document is not None else None
    if signature is not None:
        assert document is not None
        if not revision or revision["replaces"]["signature"] != signature.pk:
            return _("%(document)s was signed on %(date)s and does not change. %(report)s is not a revision of it: "
                     "correct the figure with its reason first (performance data → History → Correct), then compile "
                     "the report again; that compilation is the revision to put up for initials.") % {
                "document": document.title,
                "date": _day(timezone.localtime(signature.signed_at, ZoneInfo(office.time_zone)).date()),
                "report": report}
    elif document is not None and document.revision and revision is None:
        return _("%(document)s is a revision: %(report)s, compiled without the corrections, cannot become its "
                 "version. Compile the report again.") % {"document": document.title, "report": report}
    # An outdated compilation would become a version nobody may initial (initial_version refuses it).
    return outdated(report)


@removed_on_failure
@transaction.atomic
def take_report(report_id: int, *, user: AbstractBaseUser) -> DocumentVersion:
    """Put a compiled performance report (a performance ReportVersion) up for initials and signing.

    The report's period has one document; a newer compilation becomes its next version (so earlier
    initials stop counting), the same compilation taken twice is the same version. The document joins
    the case of the head's letter that asked for that period, when there is one, else the one running case
    that gathers that period's data (case_gathering_period).

    A signed document never changes: once figures of its period are corrected, the compilation that lists
    those corrections (a revision, performance.signoff.revision) becomes a new document, "… Revisi N", which
    supersedes the signed one and is initialled and signed as the first was. Any other compilation of a
    signed period is refused."""
    from kinerja.performance.models import ReportVersion
    from kinerja.performance.report import may_compile

    report = ReportVersion.objects.select_related("office").get(pk=report_id)
    office = report.office
    _person(user, office)
    if not may_compile(user, office, _today(office)):
        raise NotAllowed(_("Only those who may compile the report may put it up for initials."))
    if not report.pdf:
        raise KinerjaError(_("%(report)s has no PDF.") % {"report": report})
    # Lock the office: two people putting up compilations of one period at once must make one document.
    Office.objects.select_for_update().get(pk=office.pk)
    document, latest = _newest_of_period(report)
    if latest is not None:
        return latest
    if refusal := _put_up_refusal(report, document):
        raise KinerjaError(refusal + " " + _("Nothing was put up for initials."))
    revision = (report.data or {}).get("revision")
    signature = Signature.objects.filter(version__document=document).first() if document is not None else None
    with report.pdf.open("rb") as f:
        content = f.read()
    if signature is not None:
        assert document is not None and revision is not None
        return create_document(office, user=user, kind=Document.Kind.PERFORMANCE_DATA,
                               title=f"{report_title(report.year, report.quarter)} Revisi {revision['number']}",
                               content=content, note=str(report), source=report, supersedes=document,
                               revision=revision["number"])
    if document is None:
        title = report_title(report.year, report.quarter)
        period = title.removeprefix("Data Kinerja ")
        letter = (Letter.objects.filter(office=office, kind=Letter.Kind.DATA_COLLECTION, period=period,
                                        case_id__isnull=False).order_by("-received_on").first())
        # Without the head's letter (a case started on the Pelaksanaan SOP page), the one running case that
        # gathers the divisions' data for this period.
        case_id = letter.case_id if letter else case_gathering_period(office, report.year, report.quarter)
        return create_document(office, user=user, kind=Document.Kind.PERFORMANCE_DATA, title=title, content=content,
                               note=str(report), source=report, case_id=case_id)
    return add_version(document.pk, user=user, content=content, note=str(report), source=report)


@dataclass
class OutgoingInput:
    kind: str
    title: str
    addressee: str
    body: str
    classification: str = ""
    letter: Letter | None = None
    attachment: str = ""
    addressee_place: str = ""
    nature: str = ""
    copies_to: str = ""


_ACTING = re.compile(r"^(?:plt|plh)\b\s*")


def _name_key(text: str) -> str:
    """A name as compared with the office's: case, full stops, commas and spacing left aside ("Plt. Kepala
    Dinas", "Bidang Usaha Mikro, Kecil dan Menengah"), as is a Plt. or Plh. before it."""
    return _ACTING.sub("", " ".join(re.sub(r"[.,]", " ", text).lower().split()))


def from_inside(letter: Letter) -> bool:
    """Whether `letter` came from within its own office. The register keeps its sender as typed, so this reads
    it: the head's letter on data collection comes from the head; another comes from inside when its sender is
    one of the office's positions (title, short title, alias: "Kepala Dinas", "Sekretaris Dinas"), units
    ("Bidang UMKM") or the office itself, as written alone or followed by the office's name or town ("Sekretaris
    Dinas Koperasi dan UKM Kota Bandar Lampung"). Anything else (another agency, a bank, a citizen) is outside."""
    if letter.kind == Letter.Kind.DATA_COLLECTION:
        return True
    office = letter.office
    names = {office.name, office.short_name}
    for position in Position.objects.filter(office=office).prefetch_related("aliases"):
        names.update(position.names())
    for unit in office.units.all():
        names.update((unit.name, unit.short_name))
    names = {_name_key(n) for n in names if n.strip()}
    owners = {_name_key(n) for n in (office.name, office.short_name,
                                     *office.units.filter(kind="office").values_list("name", flat=True)) if n.strip()}
    suffixes = {"", *(f" {o}" for o in owners), *(f" {o} {_name_key(office.city)}" for o in owners)}
    if office.city.strip():
        suffixes.add(f" {_name_key(office.city)}")
    sender = _name_key(letter.sender)
    return any(sender == f"{name}{suffix}" for name in names for suffix in suffixes)


def reply_initial(letter: Letter) -> dict[str, str]:
    """What the form of a reply to `letter` starts from: a surat dinas to a sender outside the office and a nota
    dinas to one within it (from_inside); its perihal marked as a reply ("Tanggapan atas …"; left empty when that
    would not fit the field), addressed to the letter's sender, and the letter answered named at the start of the
    text, as Indonesian replies open: "Menindaklanjuti surat <sender> Nomor … tanggal … perihal …, ", for the
    writer to go on from. The user changes any of it; nothing is saved until they create the letter."""
    from .renderers.documents import letter_basis

    title = f"Tanggapan atas {letter.subject.strip()}"
    basis = letter_basis(letter)
    return {"kind": Document.Kind.MEMO if from_inside(letter) else Document.Kind.OFFICIAL_LETTER,
            "title": title if len(title) <= Document._meta.get_field("title").max_length else "",
            "addressee": letter.sender.strip(), "body": f"Menindaklanjuti s{basis[1:]}, "}


def _check_addressee_place(kind: str, place: str) -> None:
    """Only a surat dinas prints "di <town>" under its addressee: typed for another kind, it would be dropped."""
    if place.strip() and kind != Document.Kind.OFFICIAL_LETTER:
        raise BadValue("addressee_place", _("Addressee's town: only a surat dinas names the town of its addressee "
                                            "(\"di %(place)s\"); leave it empty for a %(kind)s, or choose Surat "
                                            "Dinas.") % {"place": place.strip(), "kind": Document.Kind(kind).label})


def _check_official_only(kind: str, *, nature: str, copies_to: str) -> None:
    """Only a surat dinas prints a sifat and a tembusan: typed for another kind, they would be dropped."""
    if kind == Document.Kind.OFFICIAL_LETTER:
        return
    if nature.strip():
        raise BadValue("nature", _("Nature (sifat): only a surat dinas prints one (\"%(value)s\"); leave it empty for "
                                   "a %(kind)s, or choose Surat Dinas.") % {"value": nature.strip(),
                                                                          "kind": Document.Kind(kind).label})
    if copies_to.strip():
        raise BadValue("copies_to", _("Copies to (tembusan): only a surat dinas prints them; leave it empty for a "
                                      "%(kind)s, or choose Surat Dinas.") % {"kind": Document.Kind(kind).label})


@removed_on_failure
@transaction.atomic
def create_outgoing(office: Office, data: OutgoingInput, *, user: AbstractBaseUser) -> DocumentVersion:
    """A nota dinas, a surat dinas, a data request or a cover letter from its template, numbered from the
    outgoing register, stored as a PDF version."""
    from .renderers.documents import outgoing_pdf

    allowed, acting = outgoing_power(user, office)
    if not allowed:
        raise NotAllowed(outgoing_refusal(acting))
    if data.kind not in Document.OUTGOING_KINDS:
        raise KinerjaError(_("Kind: %(kind)s is not an outgoing document.") % {"kind": data.kind})
    _check_addressee_place(data.kind, data.addressee_place)
    _check_official_only(data.kind, nature=data.nature, copies_to=data.copies_to)
    if data.letter is not None and data.letter.office_id != office.pk:
        raise NotAllowed(_("The letter belongs to another office."))
    today = _today(office)
    outgoing_format = number_format(office, "outgoing_format")
    _needs_code(outgoing_format, data.classification, today)
    seq = _next_seq(office, Counter.Register.OUTGOING, today.year)
    document = Document.objects.create(
        office=office, kind=data.kind, title=data.title, addressee=data.addressee, body=data.body,
        attachment=data.attachment.strip(), addressee_place=data.addressee_place.strip(),
        nature=" ".join(data.nature.split()), copies_to=data.copies_to.strip(),
        classification=data.classification, letter=data.letter, year=today.year, seq=seq, created_by=user,
        # A reply to a letter that started a case belongs to that case.
        case_id=data.letter.case_id if data.letter else None,
        number=format_number(outgoing_format, seq=seq, day=today, code=data.classification))
    return _add_version(document, user=user, content=outgoing_pdf(document, today), note=_("First draft"))


@removed_on_failure
@transaction.atomic
def revise_outgoing(document_id: int, *, user: AbstractBaseUser, title: str, addressee: str, body: str,
                    note: str, attachment: str | None = None, addressee_place: str | None = None,
                    nature: str | None = None, copies_to: str | None = None) -> DocumentVersion:
    """The next version of an outgoing document with its text changed; `attachment`, `addressee_place`, `nature`
    and `copies_to`: None keeps them as they are."""
    from .renderers.documents import outgoing_pdf

    document = Document.objects.select_for_update().select_related("office").get(pk=document_id)
    _person(user, document.office)
    check_may_change(user, document.office)
    if document.kind not in Document.OUTGOING_KINDS:
        raise KinerjaError(_("%(document)s is not an outgoing document: its text is not written here.")
                           % {"document": document.title})
    if Signature.objects.filter(version__document=document).exists():
        raise KinerjaError(_("%(document)s is already signed; a signed document does not change.")
                           % {"document": document.title})
    if addressee_place is not None:
        _check_addressee_place(document.kind, addressee_place)
        document.addressee_place = addressee_place.strip()
    if attachment is not None:
        document.attachment = attachment.strip()
    _check_official_only(document.kind, nature=nature or "", copies_to=copies_to or "")
    if nature is not None:
        document.nature = " ".join(nature.split())
    if copies_to is not None:
        document.copies_to = copies_to.strip()
    document.title, document.addressee, document.body = title, addressee, body
    document.save(update_fields=["title", "addressee", "body", "attachment", "addressee_place", "nature",
                                 "copies_to"])
    return _add_version(document, user=user, content=outgoing_pdf(document, _today(document.office)), note=note)


# Initials and signatures --------------------------------------------------------------------------

def required_positions(office: Office) -> list[Position]:
    return [r.position for r in RequiredInitial.objects.filter(office=office).select_related("position")]


@transaction.atomic
def set_required_initials(office: Office, positions: list[Position]) -> None:
    RequiredInitial.objects.filter(office=office).delete()
    RequiredInitial.objects.bulk_create(
        RequiredInitial(office=office, position=p, order=i) for i, p in enumerate(positions, start=1))


def no_approvals(document: Document) -> str:
    """Why `document` takes no initials and no signature (minutes), empty when it takes them."""
    if document.takes_approvals:
        return ""
    return _("%(document)s takes no initials or electronic signature: minutes are signed by the minute-taker and "
             "the chair of the meeting, in the columns printed on them.") % {"document": document.title}


def missing_initials(version: DocumentVersion, required: list[Position] | None = None) -> list[Position]:
    """Required positions without valid initials on this exact version, in the SOP's order. `required`: the
    office's required_positions when the caller read them already (a list of documents, with the versions'
    initials prefetched: then no query)."""
    done = {i.position_id for i in version.initials.all() if i.sha256 == version.sha256}
    return [p for p in (required_positions(version.office) if required is None else required) if p.pk not in done]


class Stage(StrEnum):
    """Where a document that takes initials and the head's signature stands (approval_stage)."""

    DRAFT = "draft"  # no version yet, or nobody has initialled its newest version
    INITIALS = "initials"  # some initials are on its newest version, others are awaited
    SIGNATURE = "signature"  # all initials are on its newest version: it waits for the head's signature


def approval_stage(document: Document, required: list[Position]) -> tuple[Stage, list[Position]]:
    """Where `document`, not signed, stands (a draft until the first initials are on its newest version), and
    the positions whose initials its newest version still needs (in the SOP's order). Reads
    `document.versions.all()` and each version's `initials.all()`: prefetched for a list of documents, its
    queries stay the same however many there are. `required`: required_positions."""
    versions = list(document.versions.all())
    if not versions:
        return Stage.DRAFT, []
    missing = missing_initials(max(versions, key=lambda v: v.version), required)
    if not missing:
        return Stage.SIGNATURE, []
    return (Stage.DRAFT if len(missing) == len(required) else Stage.INITIALS), missing


def _check_stamps_fit(version: DocumentVersion, *, outcome: str) -> None:
    """Refuse initials on a version whose stored file cannot take the initials box (DamagedStoredFile): uploads are
    checked for it (check_pdf_bytes), but not a file kept before they were, and its signing would fail after every
    initial."""
    from .renderers.documents import stamping_problem

    with version.file.open("rb") as f:
        if problem := stamping_problem(f.read()):
            raise DamagedStoredFile(version, problem, outcome=outcome)


def initialling_as(user: AbstractBaseUser, office: Office,
                   required: list[Position]) -> tuple[dict[int, Assignment], Assignment | None]:
    """(the required positions `user` initials in today, by id, with the assignment by which they do; when none,
    the acting assignment of a Plt or Plh who initials meanwhile in a required position of theirs, else None).
    As with signing (_signing_holding), while a Plt or Plh is in office they initial, and the absent official
    does not. One query (holding.held_and_stand_ins)."""
    wanted = {p.pk for p in required}
    held, acting = held_and_stand_ins(user, _today(office))
    mine = {a.position_id: a for a in doing_own_work(held, acting) if a.position_id in wanted}
    stand_in = None if mine else next((a for a in acting if a.position_id in wanted), None)
    return mine, stand_in


def initial_refusal(stand_in: Assignment) -> str:
    """Why an official away may not initial today: who initials meanwhile (`stand_in`, initialling_as's) and
    until when."""
    return acting_refusal(stand_in, gettext_lazy(
        "You may not initial documents today: %(name)s (%(title)s) does the work of your position as %(position)s "
        "(%(term)s), and initials them meanwhile."))


@transaction.atomic
def initial_version(version_id: int, *, user: AbstractBaseUser, position_id: int | None = None) -> Initial:
    """Paraf on one version, by a holder of a required position, in the SOP's order."""
    version = DocumentVersion.objects.select_for_update().select_related("office", "document").get(pk=version_id)
    office = version.office
    if not version.is_latest:
        raise KinerjaError(_("Version %(n)d of %(document)s has been superseded by a newer version; initial the "
                             "newest one.") % {"n": version.version, "document": version.document.title})
    if Signature.objects.filter(version=version).exists():
        raise KinerjaError(_("This version is already signed."))
    if refusal := no_approvals(version.document):
        raise KinerjaError(refusal)
    _person(user, office)
    required = required_positions(office)
    held, stand_in = initialling_as(user, office, required)
    candidates = [p for p in required if p.pk in held and (position_id is None or p.pk == position_id)]
    if not candidates:
        if stand_in is not None:
            raise NotAllowed(initial_refusal(stand_in))
        raise NotAllowed(_("Initials on this document come from: %(positions)s. You hold none of them today.")
                         % {"positions": ", ".join(p.title for p in required) or "-"})
    done = {i.position_id: i for i in version.initials.order_by("created_at")}
    position = next((p for p in candidates if p.pk not in done), None)
    if position is None:
        earlier = done[candidates[0].pk]
        raise KinerjaError(_("Version %(n)d already has the initials of %(position)s: %(name)s (%(title)s) "
                             "initialled it on %(when)s.") % {
            "n": version.version, "position": candidates[0].title, "name": earlier.name,
            "title": earlier.position_title,
            "when": date_format(timezone.localtime(earlier.created_at, ZoneInfo(office.time_zone)), "j F Y, H.i")})
    earlier = [p for p in required[:required.index(position)] if p.pk not in done]
    if earlier:
        raise KinerjaError(_("%(position)s initials after %(earlier)s; their initials are still missing.")
                           % {"position": position.title, "earlier": ", ".join(p.title for p in earlier)})
    changed = changed_since_compiled(version)
    if changed:
        raise _compilation_changed(changed, _(
            "The performance data changed after %(report)s was compiled (%(changed)s), so version %(n)d no longer "
            "shows it. Compile the report again and put the new compilation up for initials; nothing was "
            "initialled.") % {"report": version.source, "changed": ", ".join(changed), "n": version.version})
    _check_figures_checked(version, what=_("Initials"), refusal=KinerjaError)
    _check_stamps_fit(version, outcome=_("Nothing was initialled."))
    assignment = held[position.pk]
    return Initial.objects.create(
        office=office, version=version, sha256=version.sha256, user=user, name=assignment.person.full_name,
        position=position, position_title=assignment.title_as_held, acting=assignment.acting_prefix)


def print_copy(version: DocumentVersion, initials: list[Initial] | None = None, *, outcome: str = "") -> bytes:
    """`version`'s stored PDF with its initials box as it stands (`initials`: those on its exact hash, read when not
    given), as it is printed and signed. DamagedStoredFile (with `outcome`) when the file cannot take the box."""
    from .renderers.documents import StampingFailed, with_initials_box

    if initials is None:
        initials = list(version.initials.filter(sha256=version.sha256).order_by("created_at"))
    with version.file.open("rb") as f:
        data = f.read()
    try:
        return with_initials_box(data, initials, office=version.office)
    except StampingFailed as e:
        raise DamagedStoredFile(version, str(e), outcome=outcome) from e


def verify_url(token: str, request: Any = None) -> str:
    """The public verification address of a signature, printed in its QR code: at KINERJA_PUBLIC_URL when
    it is set (the address the public reaches), else at the address of the request that signs, else
    (no request: the demo, the CLI) at settings.PUBLIC_URL."""
    from django.urls import reverse

    path = reverse("correspondence:verify_token", args=[token])
    if settings.PUBLIC_URL_SET or request is None:
        return f"{settings.PUBLIC_URL}{path}"
    return request.build_absolute_uri(path)


@removed_on_failure
@transaction.atomic
def sign_version(version_id: int, *, user: AbstractBaseUser, password: str, verify_url_for: Any,
                 signer: Any = None) -> Signature:
    """The head (or acting head) signs the newest version once every required initial is on it.

    `verify_url_for(token)` gives the public verification address printed in the QR code."""
    from .signing import get_signer
    from .verification import verify_pdf

    version = DocumentVersion.objects.select_for_update().select_related("office", "document").get(pk=version_id)
    office = version.office
    if not user.check_password(password):
        raise SigningRefused(_("The password is not correct; the document was not signed."))
    holding = _signing_holding(user, office)
    if refusal := no_approvals(version.document):
        raise SigningRefused(refusal)
    if not version.is_latest:
        raise SigningRefused(_("Version %(n)d has been superseded; only the newest version can be signed.")
                             % {"n": version.version})
    if Signature.objects.filter(version__document=version.document).exists():
        raise SigningRefused(_("%(document)s is already signed.") % {"document": version.document.title})
    if not required_positions(office):
        raise SigningRefused(_("The office has not set whose initials a document needs before signing "
                               "(Administration → Required initials)."))
    missing = missing_initials(version)
    if missing:
        raise SigningRefused(_("Initials missing from version %(n)d: %(positions)s.") % {
            "n": version.version, "positions": ", ".join(p.title for p in missing)})
    changed = changed_since_compiled(version)
    if changed:
        stale = _compilation_changed(changed, _(
            "The performance data changed after %(report)s was compiled (%(changed)s), so version %(n)d no longer "
            "shows the data that signing would lock. Compile the report again and put the new compilation up for "
            "initials; nothing was signed.") % {
            "report": version.source, "changed": ", ".join(changed), "n": version.version})
        raise SigningRefused(str(stale)) from stale  # the cause names the codes the page keeps whole
    _check_figures_checked(version, what=_("Signature"), refusal=SigningRefused)
    signer = signer or get_signer()
    person = holding.person
    token = secrets.token_urlsafe(18)
    initials = list(version.initials.filter(sha256=version.sha256).order_by("created_at"))
    nothing_signed = _("Nothing was signed.")
    printed = print_copy(version, initials, outcome=nothing_signed)
    try:
        signed = signer.sign(printed, signer_name=person.full_name, nip=person.nip_display,
                             position=holding.title_as_held, reason=version.document.title,
                             verify_url=verify_url_for(token))
    except KinerjaError:
        raise
    except Exception as e:  # noqa: BLE001
        # The file took the initials box (print_copy), so the fault is the signer's: its key or certificate
        # (a key that does not match it, an algorithm pyHanko refuses), or a signing service that failed.
        # pyHanko raises many kinds of error for these; each is told, none is a server error.
        log.exception("signing %s version %d failed", version.document.title, version.version)
        raise SigningRefused(_("%(document)s, version %(n)d: the signature could not be made (%(error)s). The file "
                               "itself is sound: the fault lies with the signing certificate or the signing service. "
                               "Tell the administrator this message; nothing was signed.") % {
            "document": version.document.title, "n": version.version,
            "error": f"{type(e).__name__}: {e}" if str(e) else type(e).__name__}) from e
    # Check the signature as the public page will, before it counts: one made with an expired, revoked or
    # untrusted certificate would read NOT VALID there, yet lock the document against signing it again.
    # Not in the register yet, a sound one is "unknown_document".
    check = verify_pdf(signed)
    if check.code == "untrusted":
        # Often the office's own certificate, of a CA (or an intermediate) not installed as a trust root yet.
        raise SigningRefused(_("The signing certificate installed cannot make a valid signature: %(reason)s If it is "
                               "the office's certificate, its CA's certificate (PEM) belongs in keys/trust/; else the "
                               "administrator has to install the office's certificate. Nothing was signed.")
                             % {"reason": check.reason})
    if check.code != "unknown_document":
        raise SigningRefused(_("The signing certificate installed cannot make a valid signature: %(reason)s The "
                               "administrator has to install a valid certificate of the office; nothing was "
                               "signed.") % {"reason": check.reason})
    now = timezone.now()
    signature = Signature(
        office=office, version=version, token=token, signed_sha256=sha256(signed), user=user,
        signer_name=person.full_name, signer_nip=person.nip_display, signer_title=holding.title_as_held,
        certificate_subject=signer.certificate_subject, certificate_serial=signer.certificate_serial,
        is_demo=signer.is_demo, signed_at=now)
    signature.file.save(f"ditandatangani-{version.document_id}-v{version.version}.pdf", ContentFile(signed),
                        save=False)
    signature.save()
    SignatureEvent.objects.create(office=office, kind=SignatureEvent.Kind.SIGNED, version=version, user=user, data={
        "version_sha256": version.sha256, "signed_sha256": signature.signed_sha256, "token": token,
        "position": holding.position_id, "acting": holding.acting_prefix,
        "certificate_serial": signature.certificate_serial, "initials": [i.pk for i in initials]})
    _lock_reported_actuals(version, user)
    return signature


def changed_since_compiled(version: DocumentVersion) -> list[str]:
    """What differs between a compiled Data Kinerja and its period's data today: the codes of the changed
    indicators (and "budget"), empty when it is not a compilation or nothing changed. Signing locks the
    period's actuals as they are now, so it must sign a compilation that shows them."""
    from kinerja.performance.models import ReportVersion

    report = version.source
    if not isinstance(report, ReportVersion):
        return []
    return report_changed(report)


def report_changed(report: Any) -> list[str]:
    """What differs between a compiled Data Kinerja (a performance ReportVersion) and its period's data today, as
    changed_since_compiled names it; empty when nothing changed or no figures were kept to compare with."""
    from kinerja.performance.report import build_report

    if not report.data:  # no figures kept to compare with
        return []
    # Who holds which position is not part of the figures: the stamps print the initials and the signer.
    now = build_report(report.office, report.year, report.quarter, approvals=False).to_json()
    was = report.data

    def by_code(indicators: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {i.get("code") or i.get("name", ""): i for i in indicators}

    def spending(budget: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        # Efficiency follows from the achievements compared above; the budget's own figures are these.
        return [(b.get("program"), b.get("budget"), b.get("spent")) for b in budget]

    before, after = by_code(was.get("indicators", [])), by_code(now["indicators"])
    changed = [code for code in dict.fromkeys([*before, *after]) if before.get(code) != after.get(code)]
    if "evidence" in was:  # compiled with its annex of bukti dukung: a file added or removed since changes it
        def files(items: list[dict[str, Any]]) -> set[tuple[str, str]]:
            return {(e.get("indicator") or "", e.get("sha256") or "") for e in items}

        for code, _sha in sorted(files(now["evidence"]) ^ files(was["evidence"])):
            if code not in changed:
                changed.append(code)
    if spending(now["budget"]) != spending(was.get("budget", [])):
        changed.append(_("budget"))
    if not changed and now["objectives"] != was.get("objectives"):
        changed.append(_("objectives"))
    return changed


def _compilation_changed(changed: list[str], message: str) -> KinerjaError:
    """The refusal of initials or a signature on a compilation the data changed after (changed_since_compiled): it
    names the changed indicators' codes, which the page keeps whole (perfdata.refusal_message)."""
    from kinerja.performance.signoff import CompilationChanged, changed_codes

    return CompilationChanged(message, changed_codes(changed))


def unchecked_figures(version: DocumentVersion) -> list[Any]:
    """The figures of a compiled Data Kinerja's period that are not checked yet (performance.signoff), empty
    for any other document."""
    from kinerja.performance.models import ReportVersion
    from kinerja.performance.signoff import unchecked

    report = version.source
    if not isinstance(report, ReportVersion):
        return []
    return unchecked(version.office, report.year, report.quarter)


def _check_figures_checked(version: DocumentVersion, *, what: str, refusal: type[KinerjaError]) -> None:
    from kinerja.performance.models import ReportVersion
    from kinerja.performance.signoff import check_all_checked

    report = version.source
    if isinstance(report, ReportVersion):
        try:
            check_all_checked(version.office, report.year, report.quarter, what=what)
        except KinerjaError as e:
            raise refusal(str(e)) from e  # the cause names the codes the page keeps whole (perfdata.refusal_message)


def _lock_reported_actuals(version: DocumentVersion, user: AbstractBaseUser) -> None:
    """A signed Data Kinerja locks the checked actuals of its period, in the signing transaction:
    from then on a change is a correction with a reason (performance.actions.correct_actual)."""
    from kinerja.performance.actions import lock_actuals
    from kinerja.performance.models import ReportVersion

    report = version.source
    if isinstance(report, ReportVersion):
        lock_actuals(version.office, report.year, report.quarter, user=user)


# Minutes ------------------------------------------------------------------------------------------

@dataclass
class FollowUpInput:
    description: str
    position: Position
    due_on: dt.date
    # Its row on the form (rows left empty are skipped), which a refusal names; 0: its place in the list.
    row: int = 0


@dataclass
class OutsideAttendeeInput:
    """Someone from outside the office at the meeting: a bank's branch head, another dinas's staff."""
    name: str
    institution: str


@dataclass
class MinutesInput:
    title: str
    held_on: dt.date
    place: str
    chair: Position
    agenda: str
    discussion: str
    decisions: str
    present: list[Position]
    absent: list[Position]
    follow_ups: list[FollowUpInput]
    letter: Letter | None = None
    outside: list[OutsideAttendeeInput] = field(default_factory=list)


def as_held(position: Position, day: dt.date) -> tuple[Person | None, str]:
    """Who held `position` on `day` and its title as they held it, both from the same holding: the acting holder
    and "Plt. …" while a Plt or Plh was in office (as holding.holder names them), else its holder and the plain
    title; (None, the plain title) when nobody held it."""
    found = holdings(position, day)
    return (found[0].person, found[0].title_as_held) if found else (None, position.title)


@transaction.atomic
def record_minutes(office: Office, data: MinutesInput, *, user: AbstractBaseUser) -> Minutes:
    """Minutes of a meeting, their follow-ups, and the printed PDF as version 1 of a document. Who chaired, attended
    and is in charge of each follow-up is kept as held on the meeting's date (as_held), as the disposition sheet
    keeps its disposer: the page and the PDF print what was kept, whatever assignments are entered later."""
    from .renderers.documents import minutes_pdf

    taker = _person(user, office)
    allowed, acting = minutes_power(user, office)
    if not allowed:
        raise NotAllowed(minutes_refusal(acting))
    positions = [data.chair, *data.present, *data.absent, *(f.position for f in data.follow_ups)]
    if any(p.office_id != office.pk for p in positions):
        raise NotAllowed(_("A chosen position belongs to another office."))
    if data.letter is not None and data.letter.office_id != office.pk:
        # As create_outgoing refuses it: the page finds the letter in the user's office, the action asks too.
        raise NotAllowed(_("The letter belongs to another office."))
    both = {p.pk for p in data.present} & {p.pk for p in data.absent}
    if both:
        raise KinerjaError(_("Attendance: a position cannot be both present and absent."))
    if data.chair.pk in {p.pk for p in data.absent}:
        # The chair signs the minutes as Pimpinan Rapat: marked absent, the notulen contradicted itself.
        raise BadValue("chair", _("Chair: %(position)s is marked absent; the chair of a meeting is present at it.")
                       % {"position": data.chair.title})
    _not_in_future(data.held_on, office=office, field="held_on", label=_("Date"))
    day = data.held_on
    # A position nobody held that day cannot have attended: the notulen would list it as present with no name.
    if not holdings(data.chair, day):
        raise BadValue("chair", _("Chair: %(position)s had no holder on %(date)s, so nobody chaired in it. Choose "
                                  "the position of who chaired; whoever stood in for it needs their Plt or Plh "
                                  "entered under Organisation first.") % {"position": data.chair.title,
                                                                          "date": _day(day)})
    # Nor be absent from it: a vacant position (lowong) is nobody's absence, and the daftar hadir printed it as
    # "Tidak hadir" without a name.
    for p in [*data.present, *data.absent]:
        if not holdings(p, day):
            raise BadValue(f"att_{p.pk}", _(
                "Attendance: %(position)s had no holder on %(date)s: it was vacant, so nobody can have attended in "
                "it or been absent from it, and it is left off the attendance list. Whoever stood in for it needs "
                "their Plt or Plh entered under Organisation first; a guest from outside the office goes under "
                "Outside attendees.") % {"position": p.title, "date": _day(day)})
    outside = []
    for i, guest in enumerate(data.outside, start=1):
        name, institution = " ".join(guest.name.split()), " ".join(guest.institution.split())
        if not name or not institution:
            raise BadValue(f"out_{i}_name", _("Outside attendee %(n)d needs a name and a position or institution.")
                           % {"n": i})
        outside.append(OutsideAttendeeInput(name, institution))
    for index, f in enumerate(data.follow_ups, start=1):
        i = f.row or index
        if f.due_on < data.held_on:
            raise BadValue(f"fu_{i}_due_on", _("Follow-up %(n)d, due date: %(due)s is before the meeting (%(held)s).")
                          % {"n": i, "due": _day(f.due_on), "held": _day(data.held_on)})
        # A follow-up reaches its person in charge's inbox: one of a vacant position would reach nobody.
        if not holdings(f.position, day):
            raise BadValue(f"fu_{i}_position", _(
                "Follow-up %(n)d, person in charge: %(position)s had no holder on %(date)s, so nobody would receive "
                "it. Choose a position that was held; whoever stands in for it needs their Plt or Plh entered under "
                "Organisation first.") % {"n": i, "position": f.position.title, "date": _day(day)})
    chair, chair_title = as_held(data.chair, day)
    minutes = Minutes.objects.create(
        office=office, title=data.title, held_on=data.held_on, place=data.place, chair=data.chair,
        agenda=data.agenda, discussion=data.discussion, decisions=data.decisions, letter=data.letter,
        created_by=user, chair_name=chair.full_name if chair else "", chair_nip=chair.nip_display if chair else "",
        chair_title=chair_title, taker_name=taker.full_name, taker_nip=taker.nip_display)

    def attendance(position: Position, present: bool) -> Attendance:
        person, title = as_held(position, day)
        return Attendance(minutes=minutes, position=position, present=present, title=title,
                          name=person.full_name if person else "")

    Attendance.objects.bulk_create([attendance(p, True) for p in data.present]
                                   + [attendance(p, False) for p in data.absent])
    OutsideAttendee.objects.bulk_create(OutsideAttendee(minutes=minutes, name=g.name, institution=g.institution)
                                        for g in outside)
    FollowUp.objects.bulk_create(
        FollowUp(office=office, minutes=minutes, description=f.description, position=f.position,
                 position_title=as_held(f.position, day)[1], due_on=f.due_on)
        for f in data.follow_ups)
    document = Document.objects.create(office=office, kind=Document.Kind.MINUTES,
                                       title=_("Minutes: %(title)s") % {"title": data.title}, created_by=user)
    minutes.document = document
    minutes.save(update_fields=["document"])
    _add_version(document, user=user, content=minutes_pdf(minutes))
    return minutes


def may_close_follow_up(follow_up: FollowUp, user: AbstractBaseUser, day: dt.date) -> bool:
    """Who acts for the position in charge, or for a head position above it (their superior): while a Plt or
    Plh is in office, the acting holder and not the definitive one, as tasks go (holding.holders)."""
    from kinerja.workflow.access import acting_superiors_of

    if any(p.user_id == user.pk for p in holders(follow_up.position, day)):
        return True
    return any(p.user_id == user.pk for p in acting_superiors_of([follow_up.position], day))


@transaction.atomic
def complete_follow_up(follow_up_id: int, *, user: AbstractBaseUser, note: str) -> FollowUp:
    """Close a follow-up with a note on what was done; who, when and the note are kept on it."""
    follow_up = FollowUp.objects.select_for_update().select_related("office", "position").get(pk=follow_up_id)
    if not may_close_follow_up(follow_up, user, _today(follow_up.office)):
        raise NotAllowed(_("Only the holder of %(position)s or their superior can complete this follow-up.")
                         % {"position": follow_up.position.title})
    if follow_up.status == FollowUp.Status.DONE:
        raise KinerjaError(_("This follow-up is already done."))
    note = (note or "").strip()
    if not note:
        raise KinerjaError(_("Note: write what was done."))
    follow_up.status, follow_up.done_at, follow_up.done_by = FollowUp.Status.DONE, timezone.now(), user
    follow_up.done_note = note
    follow_up.save(update_fields=["status", "done_at", "done_by", "done_note"])
    return follow_up
