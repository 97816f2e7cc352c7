"""Letters and the register (buku agenda), dispositions, documents as versions with their initials and
signatures, and meeting minutes with follow-ups.

A document never changes in place: a changed draft is a new `DocumentVersion` with its own SHA-256,
so initials and signatures, which record the hash they saw, visibly stop counting for later versions.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.org.models import Office, Position

User = settings.AUTH_USER_MODEL


# What a number format may hold; format_number (actions) fills them in.
NUMBER_PLACEHOLDERS = ("seq", "year", "month", "roman_month", "code")
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def validate_number_format(value: str) -> None:
    """Refuse, when the administrator saves it, a number format the register cannot number with: a
    placeholder kinerja does not fill (or an expression such as {seq.real}), no {seq} (every letter would
    get the same number), or a format Python cannot apply ("{seq:%d}", an unclosed brace)."""
    import string

    try:
        fields = [(name, conversion) for _text, name, _spec, conversion in string.Formatter().parse(value)
                  if name is not None]
    except ValueError as e:
        raise ValidationError(_("%(format)s is not a number format (%(error)s).") % {"format": value, "error": e}) from e
    for name, conversion in fields:
        if name not in NUMBER_PLACEHOLDERS or conversion:
            raise ValidationError(_("{%(name)s} is not a placeholder; use {seq}, {year}, {month}, {roman_month} "
                                    "and {code}.")
                                  % {"name": name + (f"!{conversion}" if conversion else "")})
    if "seq" not in {name for name, _conversion in fields}:
        raise ValidationError(_("%(format)s has no number: every letter would get the same one; it needs {seq} "
                                "(e.g. {seq:03d} for 001).") % {"format": value})
    try:
        value.format(seq=1, year=2025, month=3, roman_month="III", code="005")
    except (ValueError, TypeError) as e:
        raise ValidationError(_("%(format)s cannot number letters (%(error)s).") % {"format": value, "error": e}) from e


class RegisterSettings(models.Model):
    """How an office numbers its register, and whose initials a document needs before signing."""

    office = models.OneToOneField(Office, models.CASCADE, related_name="register_settings", verbose_name=_("office"))
    agenda_format = models.CharField(
        _("agenda number format"), max_length=120, default="{seq:03d}/{year}", validators=[validate_number_format],
        help_text=_("Placeholders: {seq} (number in the year, e.g. {seq:03d}), {year}, {month} (e.g. {month:02d}), "
                    "{roman_month} (III), {code} (classification)."))
    outgoing_format = models.CharField(
        _("outgoing number format"), max_length=120, default="{code}/{seq:03d}/{year}",
        validators=[validate_number_format],
        help_text=_("Placeholders: {seq} (number in the year, e.g. {seq:03d}), {year}, {month} (e.g. {month:02d}), "
                    "{roman_month} (III), {code} (classification)."))
    # The SOP a letter on performance data collection starts (the seed SOP).
    data_collection_sop = models.ForeignKey("sop.Sop", models.SET_NULL, null=True, blank=True, related_name="+",
                                            verbose_name=_("SOP started by a data collection letter"))

    class Meta:
        verbose_name = _("register settings")
        verbose_name_plural = _("register settings")

    def __str__(self) -> str:
        return str(self.office)


class RequiredInitial(models.Model):
    """A position whose initials a document needs before the head signs, in the SOP's order
    (for the seed: Kasubbag, then Sekretaris)."""

    office = models.ForeignKey(Office, models.CASCADE, related_name="required_initials", verbose_name=_("office"))
    position = models.ForeignKey(Position, models.CASCADE, related_name="+", verbose_name=_("position"))
    order = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        verbose_name = _("required initial")
        verbose_name_plural = _("required initials")
        ordering = ["office", "order"]
        constraints = [
            models.UniqueConstraint(fields=["office", "order"], name="%(app_label)s_%(class)s_unique_order"),
            models.UniqueConstraint(fields=["office", "position"], name="%(app_label)s_%(class)s_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.position}"


class Counter(models.Model):
    """The last number given in a register (incoming or outgoing) of one office in one year."""

    class Register(models.TextChoices):
        INCOMING = "incoming", _("Incoming letters")
        OUTGOING = "outgoing", _("Outgoing documents")

    office = models.ForeignKey(Office, models.CASCADE, related_name="+", verbose_name=_("office"))
    register = models.CharField(_("register"), max_length=10, choices=Register)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("register counter")
        verbose_name_plural = _("register counters")
        constraints = [
            models.UniqueConstraint(fields=["office", "register", "year"], name="%(app_label)s_%(class)s_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.office} {self.register} {self.year}: {self.last}"


class Letter(models.Model):
    """An incoming letter (surat masuk) in the register."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("General")
        DATA_COLLECTION = "data_collection", _("Head's letter on performance data collection")

    office = models.ForeignKey(Office, models.CASCADE, related_name="letters", verbose_name=_("office"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.GENERAL)
    number = models.CharField(_("letter number"), max_length=120)
    letter_date = models.DateField(_("letter date"))
    sender = models.CharField(_("sender"), max_length=300)
    subject = models.CharField(_("subject"), max_length=300)
    classification = models.CharField(_("classification code"), max_length=30, blank=True)
    received_on = models.DateField(_("date received"))
    period = models.CharField(_("period"), max_length=80, blank=True,
                              help_text=_("For a data collection letter: the period asked for, e.g. Triwulan I 2025."))
    year = models.PositiveSmallIntegerField(_("register year"))
    seq = models.PositiveIntegerField(_("number in the register"))
    agenda_number = models.CharField(_("agenda number"), max_length=120)
    scan = models.FileField(_("scanned letter (PDF)"), upload_to="letters/%Y/")
    scan_sha256 = models.CharField(_("SHA-256 of the scan"), max_length=64)
    # The case this letter started in the workflow (id only: the workflow app may be absent).
    case_id = models.PositiveBigIntegerField(_("case"), null=True, blank=True)
    registered_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("registered by"))
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["office", "-year", "-seq"]
        constraints = [
            models.UniqueConstraint(fields=["office", "year", "seq"], name="%(app_label)s_%(class)s_unique_seq",
                                    violation_error_message=_("This agenda number is already taken.")),
        ]

    def __str__(self) -> str:
        return f"{self.agenda_number} — {self.subject}"


class Instruction(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Follow up")
    STUDY = "study", _("Study")
    COORDINATE = "coordinate", _("Coordinate")
    PREPARE = "prepare", _("Prepare material")
    FOR_INFORMATION = "for_information", _("For information")
    FILE = "file", _("File")


# The printed sheet names the instructions as every Indonesian office does, whatever the UI language.
INSTRUCTION_PRINTED = {
    "follow_up": "Tindak lanjuti", "study": "Pelajari", "coordinate": "Koordinasikan",
    "prepare": "Siapkan bahan", "for_information": "Untuk diketahui", "file": "Arsipkan",
}


class Disposition(models.Model):
    """A superior's routing instruction on a letter (lembar disposisi)."""

    office = models.ForeignKey(Office, models.CASCADE, related_name="dispositions", verbose_name=_("office"))
    letter = models.ForeignKey(Letter, models.CASCADE, related_name="dispositions", verbose_name=_("letter"))
    recipients = models.ManyToManyField(Position, related_name="dispositions_received", verbose_name=_("to"))
    instructions = models.JSONField(_("instructions"), default=list)
    note = models.TextField(_("note"), blank=True)
    disposed_on = models.DateField(_("date"))
    disposed_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("disposed by"))
    # As printed under the sheet, kept as they were that day (a Plt prints as "Plt. Kepala Dinas").
    disposer_name = models.CharField(_("disposer's name"), max_length=200)
    disposer_nip = models.CharField(_("disposer's NIP"), max_length=24, blank=True)
    disposer_title = models.CharField(_("disposer's position"), max_length=220)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("disposition")
        verbose_name_plural = _("dispositions")
        ordering = ["letter", "created_at"]

    def __str__(self) -> str:
        return f"{self.letter.agenda_number} — {self.disposer_title}"

    @property
    def instruction_labels(self) -> list[str]:
        labels = dict(Instruction.choices)
        return [str(labels[c]) for c in self.instructions if c in labels]


class Document(models.Model):
    """A document that goes through versions: an outgoing letter, minutes, a compiled report."""

    class Kind(models.TextChoices):
        MEMO = "memo", _("Memo (nota dinas)")
        # Surat dinas (Permendagri 1/2023): the office's letter to another agency or to the public; a nota dinas
        # stays within the office.
        OFFICIAL_LETTER = "official_letter", _("Official letter to another agency (surat dinas)")
        DATA_REQUEST = "data_request", _("Data request to a division")
        COVER_LETTER = "cover_letter", _("Report cover letter")
        MINUTES = "minutes", _("Minutes")
        PERFORMANCE_DATA = "performance_data", _("Performance data")
        OTHER = "other", _("Other document")

    OUTGOING_KINDS = (Kind.MEMO, Kind.OFFICIAL_LETTER, Kind.DATA_REQUEST, Kind.COVER_LETTER)
    # What goes through the office's initials (RequiredInitial) and the head's signature. Minutes do not:
    # the minute-taker and the chair of the meeting sign them, in the columns their PDF prints.
    SIGNED_KINDS = (*OUTGOING_KINDS, Kind.PERFORMANCE_DATA, Kind.OTHER)
    # What a case's own steps approve, when the document belongs to a case: the case's Data Kinerja. Its
    # initials and signature complete those steps, which wait for them (workflow_link.completion_hold). The
    # letters written during a case (a data request to the divisions) and other documents linked to it belong
    # to it too, but its steps do not approve them.
    APPROVED_IN_CASE_KINDS = (Kind.PERFORMANCE_DATA,)

    office = models.ForeignKey(Office, models.CASCADE, related_name="documents", verbose_name=_("office"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title = models.CharField(_("title"), max_length=300)
    # Outgoing documents take a number from the register; the others have none.
    number = models.CharField(_("number"), max_length=120, blank=True)
    year = models.PositiveSmallIntegerField(_("register year"), null=True, blank=True)
    seq = models.PositiveIntegerField(_("number in the register"), null=True, blank=True)
    classification = models.CharField(_("classification code"), max_length=30, blank=True)
    addressee = models.CharField(_("to"), max_length=300, blank=True)
    # The town after "di" under a surat dinas's addressee ("Yth. Kepala Bappeda … di Bandar Lampung"); empty:
    # "Tempat", for an addressee in the office's own town.
    addressee_place = models.CharField(_("addressee's town"), max_length=120, blank=True)
    attachment = models.CharField(_("attachment"), max_length=100, blank=True,
                                  help_text=_("What goes with the letter (lampiran), e.g. 1 (satu) berkas."))
    # Sifat and tembusan of a surat dinas (Permendagri 1/2023), printed only when given: its nature under the Nomor
    # ("Biasa", "Segera", "Rahasia"), and who gets a copy, one per line, listed under the signature.
    nature = models.CharField(_("nature (sifat)"), max_length=40, blank=True,
                              help_text=_("e.g. Biasa, Segera, Rahasia; empty: not printed."))
    copies_to = models.TextField(_("copies to (tembusan)"), blank=True,
                                 help_text=_("One recipient of a copy per line; empty: not printed."))
    body = models.TextField(_("text"), blank=True)
    letter = models.ForeignKey(Letter, models.SET_NULL, null=True, blank=True, related_name="documents",
                               verbose_name=_("in reply to"))
    # The workflow case the document belongs to (id only: the workflow app may be absent).
    case_id = models.PositiveBigIntegerField(_("case"), null=True, blank=True)
    created_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # A signed Data Kinerja never changes: after a correction of its figures, the next compilation is a new
    # document, Revisi N, that replaces it once signed. The signed one stays as it was, its file and hash valid.
    supersedes = models.OneToOneField("self", models.PROTECT, null=True, blank=True, related_name="superseded_by",
                                      verbose_name=_("replaces"))
    revision = models.PositiveSmallIntegerField(_("revision"), default=0)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["office", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["office", "year", "seq"], condition=Q(seq__isnull=False),
                                    name="%(app_label)s_%(class)s_unique_seq",
                                    violation_error_message=_("This outgoing number is already taken.")),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    @property
    def replaced_by(self) -> Document | None:
        """The signed revision that replaces this signed Data Kinerja; None while there is none (or it is still
        being initialled and signed: until then this one stands)."""
        successor = getattr(self, "superseded_by", None)  # a missing reverse one-to-one raises AttributeError
        if successor is not None and Signature.objects.filter(version__document=successor).exists():
            return successor
        return None

    @property
    def copies_to_lines(self) -> list[str]:
        """The recipients of a copy as printed, one a line, numbered by the print: a number typed before one
        ("1. Wali Kota", "2) Inspektur") is left out, as are empty lines."""
        lines = (re.sub(r"^\s*\d+\s*[.)]\s*", "", line).strip() for line in self.copies_to.splitlines())
        return [line for line in lines if line]

    @property
    def takes_approvals(self) -> bool:
        """Whether the document goes through the office's initials and the head's signature."""
        return self.kind in self.SIGNED_KINDS


class DocumentVersion(models.Model):
    """One immutable version of a document: its PDF and the PDF's SHA-256."""

    office = models.ForeignKey(Office, models.CASCADE, related_name="document_versions", verbose_name=_("office"))
    document = models.ForeignKey(Document, models.CASCADE, related_name="versions", verbose_name=_("document"))
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to="documents/%Y/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("created by"))
    # Where the content came from, e.g. a compiled performance report version.
    source_type = models.ForeignKey(ContentType, models.SET_NULL, null=True, blank=True, related_name="+")
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["document", "version"], name="%(app_label)s_%(class)s_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.document.title} (v{self.version})"

    @property
    def is_latest(self) -> bool:
        return not DocumentVersion.objects.filter(document_id=self.document_id, version__gt=self.version).exists()


class Initial(models.Model):
    """Paraf: an official approves one exact version (by its SHA-256) in a position held that day."""

    office = models.ForeignKey(Office, models.CASCADE, related_name="+", verbose_name=_("office"))
    version = models.ForeignKey(DocumentVersion, models.CASCADE, related_name="initials", verbose_name=_("version"))
    sha256 = models.CharField(_("SHA-256 initialled"), max_length=64)
    user = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("initialled by"))
    name = models.CharField(_("name"), max_length=200)
    position = models.ForeignKey(Position, models.PROTECT, related_name="+", verbose_name=_("position"))
    position_title = models.CharField(_("position as held"), max_length=220)
    acting = models.CharField(_("acting"), max_length=4, blank=True, help_text=_("Plt. or Plh. when acting."))
    created_at = models.DateTimeField(_("initialled at"), auto_now_add=True)

    class Meta:
        verbose_name = _("initial")
        verbose_name_plural = _("initials")
        ordering = ["version", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="%(app_label)s_%(class)s_once_per_position",
                                    violation_error_message=_("This position has already initialled this version.")),
        ]

    def __str__(self) -> str:
        return f"{self.position_title}: {self.name}"


class Signature(models.Model):
    """An electronic signature on one version; the signed PDF is kept with its own SHA-256, which the
    register knows when anyone checks a copy."""

    office = models.ForeignKey(Office, models.CASCADE, related_name="signatures", verbose_name=_("office"))
    version = models.OneToOneField(DocumentVersion, models.PROTECT, related_name="signature",
                                   verbose_name=_("version signed"))
    token = models.CharField(_("verification code"), max_length=40, unique=True)
    file = models.FileField(_("signed file"), upload_to="signed/%Y/")
    signed_sha256 = models.CharField(_("SHA-256 of the signed file"), max_length=64, db_index=True)
    user = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("signed by"))
    signer_name = models.CharField(_("signer"), max_length=200)
    signer_nip = models.CharField(_("signer's NIP"), max_length=24, blank=True)
    signer_title = models.CharField(_("signer's position"), max_length=220)
    certificate_subject = models.CharField(_("certificate"), max_length=400)
    certificate_serial = models.CharField(_("certificate serial"), max_length=80)
    is_demo = models.BooleanField(_("demo signature"), default=False)
    signed_at = models.DateTimeField(_("signed at"))

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["office", "-signed_at"]

    def __str__(self) -> str:
        return f"{self.version} — {self.signer_title}"


class SignatureEvent(models.Model):
    """Append-only audit of signatures (codes and data, not translated text)."""

    class Kind(models.TextChoices):
        SIGNED = "signed", _("Signed")

    office = models.ForeignKey(Office, models.CASCADE, related_name="+", verbose_name=_("office"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    version = models.ForeignKey(DocumentVersion, models.PROTECT, related_name="signature_events",
                                verbose_name=_("version"))
    user = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("user"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    data = models.JSONField(_("data"), default=dict)

    class Meta:
        verbose_name = _("signature event")
        verbose_name_plural = _("signature events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.version_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("Signature events are append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Minutes(models.Model):
    """Notulen of a meeting; its printed PDF is a document version."""

    office = models.ForeignKey(Office, models.CASCADE, related_name="minutes", verbose_name=_("office"))
    title = models.CharField(_("meeting"), max_length=300)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    chair = models.ForeignKey(Position, models.PROTECT, related_name="+", verbose_name=_("chair"))
    agenda = models.TextField(_("agenda"))
    discussion = models.TextField(_("discussion"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    letter = models.ForeignKey(Letter, models.SET_NULL, null=True, blank=True, related_name="minutes",
                               verbose_name=_("letter"))
    document = models.OneToOneField(Document, models.PROTECT, null=True, blank=True, related_name="minutes",
                                    verbose_name=_("document"))
    created_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # As printed in the notulen, kept as they were on the meeting's date (the chair's title and name from one
    # holding: "Plt. Kepala Dinas" with the Plt's name), as on the disposition sheet: an assignment entered
    # later does not change who chaired or took the minutes.
    chair_name = models.CharField(_("chair's name"), max_length=200, blank=True)
    chair_nip = models.CharField(_("chair's NIP"), max_length=24, blank=True)
    chair_title = models.CharField(_("chair's position as held"), max_length=220)
    taker_name = models.CharField(_("minute-taker's name"), max_length=200)
    taker_nip = models.CharField(_("minute-taker's NIP"), max_length=24, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["office", "-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d-%m-%Y})"


class Attendance(models.Model):
    minutes = models.ForeignKey(Minutes, models.CASCADE, related_name="attendance", verbose_name=_("minutes"))
    position = models.ForeignKey(Position, models.PROTECT, related_name="+", verbose_name=_("position"))
    # The holder on the meeting's date, name and title from the same holding ("Plt. …" for an acting one).
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("position as held at the meeting"), max_length=220)
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["minutes", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "position"], name="%(app_label)s_%(class)s_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title or self.position}: {'hadir' if self.present else 'tidak hadir'}"

    @property
    def vacant(self) -> bool:
        """Nobody held the position on the meeting's date (the row keeps no name). record_minutes refuses such a
        row now; minutes recorded before may hold one, marked absent."""
        return not self.name


class OutsideAttendee(models.Model):
    """Someone from outside the office who attended the meeting (a bank's branch head, another dinas's staff),
    named as the daftar hadir names them: their name and their position or institution, as typed."""

    minutes = models.ForeignKey(Minutes, models.CASCADE, related_name="outside_attendees",
                                verbose_name=_("minutes"))
    name = models.CharField(_("name"), max_length=200)
    institution = models.CharField(_("position / institution"), max_length=300)

    class Meta:
        verbose_name = _("outside attendee")
        verbose_name_plural = _("outside attendees")
        ordering = ["minutes", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.institution})"


class FollowUp(models.Model):
    """A decision of a meeting that someone must carry out by a date."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    office = models.ForeignKey(Office, models.CASCADE, related_name="follow_ups", verbose_name=_("office"))
    minutes = models.ForeignKey(Minutes, models.CASCADE, related_name="follow_ups", verbose_name=_("minutes"))
    description = models.CharField(_("follow-up"), max_length=400)
    position = models.ForeignKey(Position, models.PROTECT, related_name="follow_ups",
                                 verbose_name=_("person in charge"))
    # The position in charge as held on the meeting's date: "Plt. …" while an acting holder was in office.
    position_title = models.CharField(_("person in charge as held"), max_length=220)
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=6, choices=Status, default=Status.OPEN)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(User, models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("done by"))
    done_note = models.TextField(_("what was done"), blank=True)
    # When its person in charge was told it is overdue (once: reminders.py claims it with a guarded update).
    warned_soon_at = models.DateTimeField(_("due-soon reminder sent at"), null=True, blank=True)
    warned_overdue_at = models.DateTimeField(_("overdue reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["done_by", "done_at"], name="correspondence_followup_done")]

    def __str__(self) -> str:
        return self.description
