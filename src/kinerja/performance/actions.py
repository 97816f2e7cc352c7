"""State changes of performance data, one function per thing a user does. Each is one transaction,
locks the row it changes and writes an ActualRevision (who, what, why) in the same transaction.

The status of an actual: draft → submitted → checked → locked (when the report is signed); the
Kasubbag may return a submitted or checked actual with a reason (→ returned, editable again). A
locked actual is never edited: `correct_actual` writes a new version with the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.dates import FIRST_YEAR, LAST_YEAR
from kinerja.errors import KinerjaError, NotAllowed
from kinerja.org.holding import today_in
from kinerja.org.models import Office, Unit
from kinerja.uploads import removed_on_failure

from . import access, signoff
from .achievement import unreachable_grade
from .cards import target_for
from .models import (
    YEAR_FIELDS,
    Actual,
    ActualRevision,
    Evidence,
    Indicator,
    IndicatorRevision,
    Objective,
    PerformanceSettings,
    Target,
    actuals_as_of,
)
from .numbers import NumberError, format_plain
from .plausibility import allows_percent_sign, implausible
from .written import WholeValueError, Written, is_percent_written, read_written

User = AbstractBaseUser


class FieldError(KinerjaError):
    """A bad value in one field of a form; the view shows it next to that field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def _today(office: Office) -> dt.date:
    return today_in(office.time_zone)


def _text(value: Decimal | str | None) -> str:
    if value is None:
        return ""
    return format_plain(value) if isinstance(value, Decimal) else value


def _record(actual: Actual, action: str, user: User | None, *, reason: str = "",
            changes: Mapping[str, tuple[str, str]] | None = None) -> ActualRevision:
    return ActualRevision.objects.create(actual=actual, action=action, user=user, reason=reason,
                                         changes={k: list(v) for k, v in (changes or {}).items()})


# --- values -------------------------------------------------------------------------------------

def read_typed(raw: str, *, text_allowed: bool, field: str = "value", unit: str = "") -> tuple[Written | None, str]:
    """(the number read, text) for what a user typed: a value as the spreadsheet import reads it (written.read_written:
    "1.725", "65,5", "85 %", "± 85", "≥ 80", "85 persen", "12 dokumen" where the Satuan is dokumen), or a text when
    the indicator's target is a text. Raises FieldError naming the value, in the import's words."""
    raw = (raw or "").strip()
    if not raw:
        return None, ""
    # A value without a digit is a text (WTP, A, BB), as the import reads a cell; one with digits must be a proper
    # number, so a mistyped "1.5" is reported rather than kept as a text.
    if text_allowed and not any(c.isdigit() for c in raw):
        return None, raw[:60]
    try:
        return read_written(raw, units=(unit,)), ""
    except NumberError as e:
        raise FieldError(field, _('"%(value)s": %(problem)s') % {"value": raw, "problem": e.problem}
                         if isinstance(e, WholeValueError) else str(e)) from e


def check_percent_sign(indicator: Indicator, raw: str, field: str = "value") -> None:
    """Refuse a value written as a percentage ("12,5%", "12,5 persen") for an indicator not measured in percent: read
    as 12,5 kali or 12,5 indeks it would be a figure in another unit than the one its target and capaian are in."""
    written = (raw or "").strip()
    if is_percent_written(written) and not allows_percent_sign(indicator.unit):
        raise FieldError(field, _('"%(value)s" is a percentage, but %(indicator)s is measured in %(unit)s: type the '
                                  'value in %(unit)s, without the %% sign.')
                         % {"value": written, "indicator": f"{indicator.code} {indicator.name}",
                            "unit": indicator.unit})


def check_comparison(indicator: Indicator, written: Written | None, raw: str, field: str = "value") -> None:
    """Refuse a value whose comparison says the other way is better than the indicator's polarity ("≤ 5" for an
    indicator where higher is better), as the import refuses a row whose comparisons disagree."""
    if written is not None and written.polarity and written.polarity != indicator.polarity:
        raise FieldError(field, _('"%(value)s": its comparison says %(this)s, but %(indicator)s is %(polarity)s; write '
                                  'the value without the comparison, or change the polarity of the indicator first.')
                         % {"value": raw.strip(), "this": Indicator.Polarity(written.polarity).label,
                            "indicator": f"{indicator.code} {indicator.name}",
                            "polarity": Indicator.Polarity(indicator.polarity).label})


def read_actual(indicator: Indicator, year: int, raw: str, field: str = "value") -> tuple[Decimal | None, str]:
    """(number, text) of an actual typed for the indicator's period of `year`: a number the Indonesian way, or a
    text where the target is a text. A number against a text target ("72,5" for a grade "A") is refused: it is
    neither met nor not met, so the report would show it without any capaian; so is a percentage for an
    indicator measured in another unit (check_percent_sign)."""
    check_percent_sign(indicator, raw, field)
    target_text = (indicator.targets.filter(year=year).exclude(value_text="").values_list("value_text", flat=True)
                   .first())
    written, text = read_typed(raw, text_allowed=target_text is not None, field=field, unit=indicator.unit)
    check_comparison(indicator, written, raw, field)
    if target_text is not None and written is not None:
        raise FieldError(field, _('"%(value)s" is a number, but the target of %(code)s is a text (%(target)s): type the '
                                  'result as the target is written, such as %(target)s.')
                         % {"value": raw.strip(), "code": indicator.code, "target": target_text})
    return (written.number if written else None), text


def estimate_warning(raw: str, number: Decimal) -> str:
    """The warning for a value typed as an estimate ("± 85"), as the import warns of one in a file."""
    return _('"%(written)s" is read as %(number)s: kinerja keeps one exact number; type another if another is '
             'meant') % {"written": raw.strip(), "number": format_plain(number)}


def value_warnings(indicator: Indicator, year: int, quarter: int | None, raw: str) -> list[str]:
    """What is implausible about the value typed for the indicator's actual of the period (plausibility.py),
    against the target it is measured by, and an estimate ("± 85") read as its number, as the import warns;
    [] for a plausible value, a text or one read_typed refuses (that error is told when saving)."""
    try:
        check_percent_sign(indicator, raw)
        written, _text_value = read_typed(raw, text_allowed=True, unit=indicator.unit)
    except FieldError:
        return []
    number = written.number if written else None
    target = target_for(list(indicator.targets.filter(year=year)), quarter)
    warnings = implausible(number, unit=indicator.unit, target=target.value if target else None)
    if written is not None and written.estimate:
        warnings.insert(0, estimate_warning(raw, written.number))
    return warnings


def is_confirmed(raw: str, confirmed: str) -> bool:
    """Whether the user confirmed this very value after its warning (the form posts back the value it
    warned about; a value changed since is checked again)."""
    return bool(confirmed.strip()) and confirmed.strip() == (raw or "").strip()


# --- actuals ------------------------------------------------------------------------------------

def _check_can_enter(indicator: Indicator, user: User) -> None:
    may, acting = access.enter_power(user, indicator.division_id, _today(indicator.office))
    if not may:  # a Kabid away is told who enters meanwhile
        raise NotAllowed(access.enter_refusal(acting) if acting is not None
                         else _("You do not enter the data of %(indicator)s.") % {"indicator": indicator.name})


def _current(indicator: Indicator, year: int, quarter: int | None, *, lock: bool = True) -> Actual | None:
    rows = Actual.objects.filter(indicator=indicator, year=year, quarter=quarter, is_current=True)
    if lock:
        rows = rows.select_for_update()
    return rows.first()


@transaction.atomic
def save_actual(indicator_id: int, year: int, quarter: int | None, *, user: User, value: str,
                obstacles: str = "", solutions: str = "") -> Actual:
    """The division saves its actual (as a draft) for a quarter, or the year when quarter is None."""
    # With its division and unit of the year: a later year may have given it others.
    indicator = Indicator.objects.as_of(year).select_related("office").get(pk=indicator_id)
    _check_can_enter(indicator, user)
    if indicator.first_year is not None and year < indicator.first_year:
        # Not one of the year's indicators (Indicator.first_year): its figure would join that year's report.
        raise KinerjaError(_("%(indicator)s is measured from %(first)d on: it has no actual of %(year)d.") % {
            "indicator": f"{indicator.code} {indicator.name}", "first": indicator.first_year, "year": year})
    number, text = read_actual(indicator, year, value)
    actual = _current(indicator, year, quarter)
    signoff.check_not_signed(indicator.office, year, quarter, actual)
    if actual is None:
        actual = Actual(indicator=indicator, year=year, quarter=quarter, entered_by=user)
        before: dict[str, str] = {}
    elif not actual.is_editable:
        if actual.status == Actual.Status.LOCKED:
            raise KinerjaError(_("This actual is locked; a change needs a correction with its reason."))
        raise KinerjaError(_("This actual was submitted and waits for checking; it cannot be changed now."))
    else:
        before = {"value": _text(actual.value), "obstacles": actual.obstacles, "solutions": actual.solutions}
    actual.value_number, actual.value_text = number, text
    actual.obstacles, actual.solutions = obstacles.strip(), solutions.strip()
    actual.status = Actual.Status.DRAFT
    actual.save()
    after = {"value": _text(actual.value), "obstacles": actual.obstacles, "solutions": actual.solutions}
    changes = {k: (before.get(k, ""), v) for k, v in after.items() if before.get(k, "") != v}
    if changes or not before:
        _record(actual, ActualRevision.Action.SAVED, user, changes=changes)
    return actual


@transaction.atomic
def submit_actual(actual_id: int, *, user: User) -> Actual:
    """The division hands its actual to the Subbag Program for checking."""
    # With the division of the actual's year (actuals_as_of): who enters it then, submits it.
    actual = actuals_as_of(Actual.objects.select_for_update().select_related("indicator__office")).get(pk=actual_id)
    _check_can_enter(actual.indicator, user)
    if not actual.is_editable or not actual.is_current:
        raise KinerjaError(_("Only a draft or returned actual can be submitted."))
    signoff.check_not_signed(actual.indicator.office, actual.year, actual.quarter, actual)
    if actual.value is None:
        raise FieldError("value", _("Enter the actual before submitting it."))
    actual.status, actual.submitted_at, actual.return_reason = Actual.Status.SUBMITTED, timezone.now(), ""
    actual.save(update_fields=["status", "submitted_at", "return_reason", "updated_at"])
    _record(actual, ActualRevision.Action.SUBMITTED, user)
    _resolve_returned(actual)
    return actual


def _resolve_returned(actual: Actual) -> None:
    """A figure sent again: the notifications of its returns are stale (returned.resolve_returned). Whether it
    was returned is not its status now: a returned figure saved as a draft first is submitted from the draft."""
    from .returned import resolve_returned

    resolve_returned(actual, at=actual.submitted_at or timezone.now())


def _check_can_check(actual: Actual, user: User) -> None:
    allowed, acting = access.check_power(user, _today(actual.indicator.office))
    if not allowed:
        raise NotAllowed(access.check_refusal(acting))


@transaction.atomic
def check_actual(actual_id: int, *, user: User) -> Actual:
    """The Kasubbag accepts a submitted actual."""
    actual = Actual.objects.select_for_update().select_related("indicator__office").get(pk=actual_id)
    _check_can_check(actual, user)
    if actual.status != Actual.Status.SUBMITTED or not actual.is_current:
        raise KinerjaError(_("Only a submitted actual can be checked."))
    actual.status, actual.checked_by, actual.checked_at = Actual.Status.CHECKED, user, timezone.now()
    actual.save(update_fields=["status", "checked_by", "checked_at", "updated_at"])
    _record(actual, ActualRevision.Action.CHECKED, user)
    return actual


@transaction.atomic
def return_actual(actual_id: int, *, user: User, reason: str) -> Actual:
    """The Kasubbag sends an actual back to the division with the reason; the division is told (returned.py)."""
    # With the name and division of the actual's year (actuals_as_of): the division that entered it corrects it.
    actual = actuals_as_of(Actual.objects.select_for_update().select_related("indicator__office")).get(pk=actual_id)
    _check_can_check(actual, user)
    reason = reason.strip()
    if not reason:
        raise FieldError("reason", _("Say why the actual goes back to the division."))
    if actual.status not in (Actual.Status.SUBMITTED, Actual.Status.CHECKED) or not actual.is_current:
        raise KinerjaError(_("Only a submitted or checked actual can be returned."))
    actual.status, actual.return_reason = Actual.Status.RETURNED, reason
    actual.checked_by, actual.checked_at = None, None
    actual.save(update_fields=["status", "return_reason", "checked_by", "checked_at", "updated_at"])
    _record(actual, ActualRevision.Action.RETURNED, user, reason=reason)
    # Open work for the division until it sends the figure again (returned.returned_items), and, for this
    # return, a notification and an e-mail to its contact and head, in this transaction.
    from .returned import notify_returned

    notify_returned(actual, returned_by=user, day=_today(actual.indicator.office), at=timezone.now())
    return actual


@transaction.atomic
def lock_actuals(office: Office, year: int, quarter: int | None = None, *, user: User | None) -> int:
    """Lock the checked actuals of a period when its report is signed. `quarter` None locks the
    whole year (annual and quarterly actuals); returns how many were locked."""
    rows = Actual.objects.select_for_update().filter(signoff.report_scope(year, quarter), indicator__office=office,
                                                     status=Actual.Status.CHECKED)
    locked = list(rows)
    now = timezone.now()
    for actual in locked:
        actual.status, actual.locked_at = Actual.Status.LOCKED, now
    Actual.objects.bulk_update(locked, ["status", "locked_at"])
    ActualRevision.objects.bulk_create(ActualRevision(actual=a, action=ActualRevision.Action.LOCKED, user=user)
                                       for a in locked)
    return len(locked)


@transaction.atomic
def correct_actual(actual_id: int, *, user: User, value: str, reason: str, obstacles: str | None = None,
                   solutions: str | None = None) -> Actual:
    """Correct a locked actual: a new version (submitted, to be checked again) with the reason;
    the locked version stays as it was, with its evidence carried over."""
    old = actuals_as_of(Actual.objects.select_for_update().select_related("indicator__office")).get(pk=actual_id)
    indicator = old.indicator
    today = _today(indicator.office)
    if not (access.can_check(user, today) or access.can_enter(user, indicator.division_id, today)):
        raise NotAllowed(_("You do not enter the data of %(indicator)s.") % {"indicator": indicator.name})
    if old.status != Actual.Status.LOCKED or not old.is_current:
        raise KinerjaError(_("Only the current locked version is corrected; change a draft directly."))
    reason = reason.strip()
    if not reason:
        raise FieldError("reason", _("A correction after locking needs its reason."))
    number, text = read_actual(indicator, old.year, value)
    old.is_current = False
    old.save(update_fields=["is_current", "updated_at"])
    new = Actual.objects.create(
        indicator=indicator, year=old.year, quarter=old.quarter, value_number=number, value_text=text,
        obstacles=old.obstacles if obstacles is None else obstacles.strip(),
        solutions=old.solutions if solutions is None else solutions.strip(),
        status=Actual.Status.SUBMITTED, submitted_at=timezone.now(), version=old.version + 1, is_current=True,
        correction_reason=reason, entered_by=user)
    Evidence.objects.bulk_create(
        Evidence(actual=new, file=e.file.name, original_name=e.original_name, content_type=e.content_type,
                 size=e.size, sha256=e.sha256, uploaded_by=e.uploaded_by) for e in old.evidence.all())
    changes = {k: (b, a) for k, b, a in [("value", _text(old.value), _text(new.value)),
                                         ("obstacles", old.obstacles, new.obstacles),
                                         ("solutions", old.solutions, new.solutions)] if b != a}
    _record(new, ActualRevision.Action.CORRECTED, user, reason=reason,
            changes={"version": (str(old.version), str(new.version)), **changes})
    return new


@transaction.atomic
def add_missing_actual(indicator_id: int, year: int, quarter: int | None, *, user: User, value: str,
                       reason: str, obstacles: str = "", solutions: str = "") -> Actual:
    """Add the figure an indicator lacked in a signed period's Data Kinerja. The signature locked what the
    report showed, and the report showed no figure: adding one changes the signed data as much as changing
    a figure does, so it is a correction too. It carries its reason, is submitted to be checked, and a new
    compilation of the period then becomes a revision of the report, initialled and signed again. A draft
    the division had left unsubmitted (which the report did not show) becomes that correction."""
    indicator = Indicator.objects.as_of(year).select_related("office").get(pk=indicator_id)
    today = _today(indicator.office)
    if not (access.can_check(user, today) or access.can_enter(user, indicator.division_id, today)):
        raise NotAllowed(_("You do not enter the data of %(indicator)s.") % {"indicator": indicator.name})
    signature = signoff.signing(indicator.office, year, quarter)
    if signature is None:
        raise KinerjaError(_("The Data Kinerja of %(period)s is not signed: enter the figure of %(indicator)s on "
                             "the input page.") % {"period": signoff.period_label(year, quarter),
                                                   "indicator": indicator.code or indicator.name})
    current = _current(indicator, year, quarter)
    if current is not None and current.status not in (Actual.Status.DRAFT, Actual.Status.RETURNED):
        raise KinerjaError(_("%(indicator)s already has a figure for %(period)s (%(status)s); correct that figure "
                             "with its reason (History) instead.") % {
            "indicator": indicator.code or indicator.name, "period": signoff.period_label(year, quarter),
            "status": current.get_status_display()})
    if current is not None and signoff.is_correction(current):
        raise KinerjaError(_("The correction of %(indicator)s for %(period)s is already under way; change it on "
                             "the input page.") % {"indicator": indicator.code or indicator.name,
                                                  "period": signoff.period_label(year, quarter)})
    reason = reason.strip()
    if not reason:
        raise FieldError("reason", _("Adding a figure to a signed period is a correction: say why it was missing."))
    number, text = read_actual(indicator, year, value)
    if number is None and not text:
        raise FieldError("value", _("Enter the actual to add."))
    before = _text(current.value) if current is not None else ""
    actual = current or Actual(indicator=indicator, year=year, quarter=quarter, entered_by=user)
    actual.value_number, actual.value_text = number, text
    actual.obstacles, actual.solutions = obstacles.strip(), solutions.strip()
    actual.status, actual.submitted_at, actual.return_reason = Actual.Status.SUBMITTED, timezone.now(), ""
    actual.correction_reason = reason
    actual.save()
    _record(actual, ActualRevision.Action.CORRECTED, user, reason=reason, changes={"value": (before, _text(actual.value))})
    _resolve_returned(actual)
    return actual


# --- evidence -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FileKind:
    content_type: str
    extensions: tuple[str, ...]


PDF = FileKind("application/pdf", (".pdf",))
PNG = FileKind("image/png", (".png",))
JPEG = FileKind("image/jpeg", (".jpg", ".jpeg"))
XLSX = FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
DOCX = FileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))


def sniff(head: bytes, whole: bytes) -> FileKind | None:
    """The kind of file by its first bytes (and, for XLSX, the parts its zip must hold)."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04") and b"[Content_Types].xml" in whole:
        # An Office file is a zip whose directory names its parts: a workbook's under xl/, a Word
        # document's word/document.xml (a report or decree kept as evidence).
        if b"xl/" in whole:
            return XLSX
        if b"word/document.xml" in whole:
            return DOCX
    return None


def check_evidence_file(upload: UploadedFile) -> tuple[str, FileKind, bytes]:
    """An evidence file's name, kind and bytes, once it is within the size limit and is a PDF, PNG/JPEG, XLSX
    or DOCX by content and extension; a FieldError("file") naming the file and the problem otherwise. It saves
    nothing: the answer page checks every file with it before anything is saved (add_evidence checks again)."""
    name = PurePath(upload.name or "").name
    limit = settings.KINERJA_MAX_UPLOAD_BYTES
    if upload.size is None or upload.size > limit:
        raise FieldError("file", _("%(name)s is larger than %(limit)d MB.") % {"name": name, "limit": limit // 2**20})
    data = b"".join(upload.chunks())
    upload.seek(0)
    kind = sniff(data[:16], data)
    if kind is None:
        raise FieldError("file", _("%(name)s is not a PDF, PNG, JPEG, XLSX or DOCX file.") % {"name": name})
    if PurePath(name).suffix.lower() not in kind.extensions:
        raise FieldError("file", _("%(name)s holds a %(kind)s file but its name ends otherwise.")
                         % {"name": name, "kind": kind.extensions[0].lstrip(".").upper()})
    return name, kind, data


@removed_on_failure
@transaction.atomic
def add_evidence(actual_id: int, *, user: User, upload: UploadedFile) -> Evidence:
    """Attach an evidence file: PDF, PNG/JPEG, XLSX or DOCX by content and extension, within the size limit,
    stored under its SHA-256."""
    actual = actuals_as_of(Actual.objects.select_for_update().select_related("indicator__office")).get(pk=actual_id)
    _check_can_enter(actual.indicator, user)
    if not actual.is_editable or not actual.is_current:
        raise KinerjaError(_("Evidence is added while the actual is a draft or returned."))
    signoff.check_not_signed(actual.indicator.office, actual.year, actual.quarter, actual)
    name, kind, data = check_evidence_file(upload)
    digest = hashlib.sha256(data).hexdigest()
    # The same file again (chosen twice, or uploaded again under another name) would be listed, stored and
    # printed in the report's annex twice.
    same = actual.evidence.filter(sha256=digest).values_list("original_name", flat=True).first()
    if same is not None:
        raise FieldError("file", _("%(name)s is already attached to this figure (as %(attached)s).")
                         % {"name": name, "attached": same})
    evidence = Evidence(actual=actual, original_name=name[:255], content_type=kind.content_type, size=len(data),
                        sha256=digest, uploaded_by=user)
    evidence.file.save(name, ContentFile(data), save=False)
    evidence.save()
    _record(actual, ActualRevision.Action.EVIDENCE_ADDED, user, changes={"evidence": ("", name)})
    return evidence


@transaction.atomic
def remove_evidence(evidence_id: int, *, user: User) -> None:
    """Detach an evidence file from a draft or returned actual (the file stays: history refers to it)."""
    evidence = Evidence.objects.select_related("actual__indicator__office").get(pk=evidence_id)
    actual = actuals_as_of(Actual.objects.select_for_update().select_related("indicator__office")).get(
        pk=evidence.actual_id)
    _check_can_enter(actual.indicator, user)
    if not actual.is_editable or not actual.is_current:
        raise KinerjaError(_("Evidence is removed while the actual is a draft or returned."))
    signoff.check_not_signed(actual.indicator.office, actual.year, actual.quarter, actual)
    evidence.delete()
    _record(actual, ActualRevision.Action.EVIDENCE_REMOVED, user, changes={"evidence": (evidence.original_name, "")})


# --- indicators and targets ---------------------------------------------------------------------

def check_can_manage(office: Office, user: User) -> None:
    may, acting = access.manage_power(user, _today(office))
    if not may:
        raise NotAllowed(access.manage_refusal(acting))


def _objective_fields(office: Office, *, code: str, name: str, plan_start_year: int, plan_end_year: int,
                      exclude: int | None = None) -> tuple[str, str]:
    """The code and name of an objective stripped, once checked: both given, the plan's years in order and the
    code unique within the strategic plan (a clash told at the code, naming the objective that has it). The
    office's row is locked first: two objectives saved at once with one code are checked one after the other."""
    Office.objects.select_for_update().filter(pk=office.pk).first()
    code, name = code.strip(), name.strip()
    if not code:
        raise FieldError("code", _("An objective needs a code."))
    if not name:
        raise FieldError("name", _("An objective needs a name."))
    for field, year in (("plan_start_year", plan_start_year), ("plan_end_year", plan_end_year)):
        if not FIRST_YEAR <= year <= LAST_YEAR:  # the years kinerja reads anywhere (kinerja.dates)
            raise FieldError(field, _("%(year)s is not a year of a strategic plan: give a year from %(first)d to "
                                      "%(last)d.") % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR})
    if plan_end_year < plan_start_year:
        raise FieldError("plan_end_year", _("The strategic plan ends in %(end)d, before it starts (%(start)d).")
                         % {"end": plan_end_year, "start": plan_start_year})
    clash = Objective.objects.filter(office=office, code=code, plan_start_year=plan_start_year).exclude(pk=exclude).first()
    if clash:
        raise FieldError("code", _("The code %(code)s is already used by %(name)s in the strategic plan "
                                   "%(start)s–%(end)s.") % {"code": code, "name": clash.name,
                                                             "start": clash.plan_start_year,
                                                             "end": clash.plan_end_year})
    return code, name


@transaction.atomic
def add_objective(office: Office, *, user: User, code: str, name: str, order: int, plan_start_year: int,
                  plan_end_year: int) -> Objective:
    """A new objective of the strategic plan `plan_start_year`–`plan_end_year`, with the checks of
    save_objective: the code unique within that plan, told at the code."""
    check_can_manage(office, user)
    code, name = _objective_fields(office, code=code, name=name, plan_start_year=plan_start_year,
                                   plan_end_year=plan_end_year)
    return Objective.objects.create(office=office, code=code, name=name, order=order, plan_start_year=plan_start_year,
                                    plan_end_year=plan_end_year)


@transaction.atomic
def save_objective(office: Office, *, user: User, objective_id: int, code: str, name: str, order: int) -> Objective:
    """Change an objective's code, name or order (its plan years stay: its indicators' targets are of them).
    The code is unique within its strategic plan: a clash is told at the code, naming the objective that has it."""
    check_can_manage(office, user)
    objective = Objective.objects.select_for_update().get(pk=objective_id, office=office)
    code, name = _objective_fields(office, code=code, name=name, plan_start_year=objective.plan_start_year,
                                   plan_end_year=objective.plan_end_year, exclude=objective.pk)
    objective.code, objective.name, objective.order = code, name, order
    objective.save(update_fields=["code", "name", "order"])
    return objective


@transaction.atomic
def save_indicator(office: Office, *, user: User, indicator_id: int | None = None, objective: Objective,
                   code: str, name: str, unit: str, polarity: str, negative_method: str, is_key: bool,
                   definition: str, data_source: str, division: Unit | None, quarter_aggregation: str,
                   national_standard: Decimal | None, order: int = 0, first_year: int | None = None) -> Indicator:
    """Create or change an indicator of the office. A new one is measured from `first_year` (the year the user
    works in, where the page knows it): an earlier year's pages and reports do not show it."""
    check_can_manage(office, user)
    if objective.office_id != office.pk or (division is not None and division.office_id != office.pk):
        raise NotAllowed(_("The objective and the division must belong to the office."))
    if indicator_id is None:
        indicator = Indicator(office=office, first_year=first_year)
    else:
        indicator = Indicator.objects.select_for_update().get(pk=indicator_id, office=office)
    clash = Indicator.objects.filter(office=office, code=code).exclude(pk=indicator.pk).first()
    if clash:
        raise FieldError("code", _("The code %(code)s is already used by %(name)s.") % {"code": code, "name": clash.name})
    before = {f: getattr(indicator, f) for f in YEAR_FIELDS}
    for field, value in dict(objective=objective, code=code, name=name, unit=unit, polarity=polarity,
                             negative_method=negative_method, is_key=is_key, definition=definition,
                             data_source=data_source, division=division, quarter_aggregation=quarter_aggregation,
                             national_standard=national_standard, order=order).items():
        setattr(indicator, field, value)
    if indicator.pk is not None and before != {f: getattr(indicator, f) for f in YEAR_FIELDS}:
        _keep_signed_years(indicator, before)
    indicator.save()
    return indicator


def _keep_signed_years(indicator: Indicator, before: dict[str, object]) -> None:
    """An indicator renamed on its page, or given another unit, polarity or division: the years whose Data Kinerja
    is signed keep the ones they were signed with (an IndicatorRevision up to the latest of them), the later years
    take the new ones. Nothing to keep where a later year's import kept those years already."""
    latest = signoff.latest_signed_year(indicator.office)
    if latest is None or (indicator.first_year is not None and indicator.first_year > latest):
        return
    if not IndicatorRevision.objects.filter(indicator=indicator, until_year__gte=latest).exists():
        IndicatorRevision.objects.create(indicator=indicator, until_year=latest, **before)


TARGET_SLOTS: list[tuple[str, int | None]] = [
    (Target.Kind.RENSTRA, None), (Target.Kind.AGREEMENT, None),
    (Target.Kind.QUARTER, 1), (Target.Kind.QUARTER, 2), (Target.Kind.QUARTER, 3), (Target.Kind.QUARTER, 4),
]


def target_field(kind: str, quarter: int | None) -> str:
    """The form field name of a target slot: "renstra", "agreement", "quarter_1"…"""
    return f"{kind}_{quarter}" if quarter else kind


@transaction.atomic
def set_targets(indicator_id: int, year: int, *, user: User, values: Mapping[str, str],
                plan_end_value: str | None = None) -> list[Target]:
    """Set the targets of one indicator and year from what was typed per slot (see target_field);
    an empty slot removes its target. Every bad value is reported at once (FieldErrors)."""
    indicator = Indicator.objects.select_for_update().select_related("office", "objective").get(pk=indicator_id)
    check_can_manage(indicator.office, user)
    parsed: dict[tuple[str, int | None, int], tuple[Decimal | None, str]] = {}
    errors: list[FieldError] = []
    slots = [(k, q, year, target_field(k, q)) for k, q in TARGET_SLOTS]
    if plan_end_value is not None:
        slots.append((Target.Kind.RENSTRA_END, None, indicator.objective.plan_end_year, Target.Kind.RENSTRA_END))
    for kind, quarter, slot_year, field in slots:
        raw = plan_end_value if kind == Target.Kind.RENSTRA_END else values.get(field, "")
        try:
            check_percent_sign(indicator, raw or "", field)
            # A target that is not number-like is a text target (WTP, A).
            written, text = read_typed(raw or "", text_allowed=True, field=field, unit=indicator.unit)
            check_comparison(indicator, written, raw or "", field)
            parsed[(kind, quarter, slot_year)] = (written.number if written else None), text
        except FieldError as e:
            errors.append(e)
    # Texts are targets of a text indicator only (WTP, Baik): a word typed among numbers ("dua belas") would
    # turn the whole year into texts (read_actual), that slot without a capaian.
    fields = {(kind, quarter, slot_year): field for kind, quarter, slot_year, field in slots}
    numbers = [number for number, _text in parsed.values() if number is not None]
    if numbers:
        errors += [FieldError(fields[key], _('"%(value)s" is not a number, and the other targets of this indicator '
                                             'are numbers (%(example)s). Type it the Indonesian way (12,5).')
                              % {"value": text, "example": format_plain(numbers[0])})
                   for key, (_number, text) in parsed.items() if text]
    if errors:
        raise TargetErrors(errors)
    if indicator.first_year is not None and year < indicator.first_year and any(
            number is not None or text for (kind, _q, _y), (number, text) in parsed.items()
            if kind != Target.Kind.RENSTRA_END):
        indicator.first_year = year  # targets of an earlier year: measured from it on
        indicator.save(update_fields=["first_year"])
    saved = []
    for (kind, quarter, slot_year), (number, text) in parsed.items():
        rows = Target.objects.filter(indicator=indicator, year=slot_year, kind=kind, quarter=quarter)
        if number is None and not text:
            rows.delete()
            continue
        target, _created = Target.objects.update_or_create(
            indicator=indicator, year=slot_year, kind=kind, quarter=quarter,
            defaults={"value_number": number, "value_text": text})
        saved.append(target)
    return saved


def target_warnings(saved: list[Target], labels: Mapping[str, str]) -> list[str]:
    """What the import warns of in targets just saved, naming the field (by its label in `labels`, by field name)
    and the value: a grade no result can meet ("> AA", achievement.unreachable_grade)."""
    warnings = []
    for target in saved:
        why = unreachable_grade(target.value_text) if target.value_text else ""
        if why:
            field = target_field(target.kind, target.quarter)  # "renstra_end" for the plan's last target
            warnings.append(_('%(field)s: "%(value)s" can never be met: %(why)s') % {
                "field": labels.get(field, field), "value": target.value_text, "why": why})
    return warnings


class TargetErrors(KinerjaError):
    """Several bad target values; each FieldError names its field."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__(" ".join(str(e) for e in errors))


@transaction.atomic
def set_efficiency_threshold(office: Office, *, user: User, threshold: Decimal) -> PerformanceSettings:
    check_can_manage(office, user)
    found, _created = PerformanceSettings.objects.update_or_create(office=office,
                                                                   defaults={"efficiency_threshold": threshold})
    return found


def efficiency_threshold(office: Office) -> Decimal:
    """The office's threshold for "efisien" (0 percentage points unless it chose another)."""
    found = PerformanceSettings.objects.filter(office=office).values_list("efficiency_threshold", flat=True).first()
    return found if found is not None else Decimal(0)


@removed_on_failure
@transaction.atomic
def enter_actual(indicator_id: int, year: int, quarter: int | None, *, user: User, value: str, obstacles: str = "",
                 solutions: str = "", files: list[UploadedFile] | tuple[UploadedFile, ...] = (),
                 submit: bool = False) -> Actual:
    """What the division's input form does in one go: save the value and narrative, attach the
    evidence files and, when asked, submit. A bad value or file saves none of it."""
    actual = save_actual(indicator_id, year, quarter, user=user, value=value, obstacles=obstacles, solutions=solutions)
    for upload in files:
        add_evidence(actual.pk, user=user, upload=upload)
    if submit:
        actual = submit_actual(actual.pk, user=user)
    return actual
