"""SOPs, their versions, actors (Pelaksana columns) and steps with their service standard.

This app knows nothing of running cases: the workflow app reads a version, never edits it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.org.models import Office, Position


class Sop(models.Model):
    """One standard procedure of an office, across all its versions."""

    office = models.ForeignKey(Office, models.CASCADE, related_name="sops", verbose_name=_("office"))
    number = models.CharField(_("SOP number"), max_length=120, blank=True)
    name = models.CharField(_("SOP name"), max_length=300)

    class Meta:
        verbose_name = _("SOP")
        verbose_name_plural = _("SOPs")
        ordering = ["office", "name"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}".strip()


class SopVersion(models.Model):
    """One version of an SOP as imported from a document. At most one per SOP is in force."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_FORCE = "in_force", _("In force")
        SUPERSEDED = "superseded", _("Superseded")
        REVOKED = "revoked", _("Revoked")

    sop = models.ForeignKey(Sop, models.CASCADE, related_name="versions", verbose_name=_("SOP"))
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DRAFT)
    name = models.CharField(_("SOP name"), max_length=300)
    number = models.CharField(_("SOP number"), max_length=120, blank=True)
    created_on = models.DateField(_("date created"), null=True, blank=True)
    revised_on = models.DateField(_("date revised"), null=True, blank=True)
    effective_on = models.DateField(_("effective date"), null=True, blank=True)
    approved_by = models.CharField(_("approved by (position)"), max_length=300, blank=True)
    approved_by_name = models.CharField(_("approved by (name)"), max_length=200, blank=True)
    approved_by_nip = models.CharField(_("approved by (NIP)"), max_length=18, blank=True)
    # The document's header as read: government/unit lines and the paired blocks
    # (legal_basis, qualifications, related_sops, equipment, warning, records) as lists of items.
    header = models.JSONField(_("header"), default=dict, blank=True)
    source_file = models.FileField(_("source document"), upload_to="sop-sources/%Y/", blank=True)
    source_name = models.CharField(_("source file name"), max_length=255, blank=True)
    source_sha256 = models.CharField(_("source SHA-256"), max_length=64, blank=True)
    # Of a workbook holding several SOPs, the sheet this version was read from: with the file's hash, what was
    # imported (two sheets of one file are two documents). Blank for a document of one SOP, and for versions
    # imported before sheets were recorded whose sheet could not be told (migration 0008).
    source_sheet = models.CharField(_("source sheet"), max_length=100, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("imported by"))
    # Who last changed the status and when (put in force, superseded, revoked), and why for a revocation.
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    status_changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                          related_name="+", verbose_name=_("status changed by"))
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        verbose_name = _("SOP version")
        verbose_name_plural = _("SOP versions")
        ordering = ["sop", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["sop", "version"], name="%(app_label)s_%(class)s_unique_number",
                                    violation_error_message=_("This SOP already has a version with this number.")),
            models.UniqueConstraint(fields=["sop"], condition=Q(status="in_force"),
                                    name="%(app_label)s_%(class)s_one_in_force",
                                    violation_error_message=_("Only one version of an SOP can be in force.")),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def approved_by_nip_display(self) -> str:
        return nip_display(self.approved_by_nip)

    @property
    def status_badge(self) -> str:
        """The CSS badge class of the status: in force is good, a draft waits, the others are history."""
        return {"in_force": "ok", "draft": "warn", "revoked": "bad"}.get(self.status, "")


class Actor(models.Model):
    """A Pelaksana column of the procedure table, linked to a position of the office.

    An actor outside the office (`external`: Pemohon, Masyarakat, another agency) is linked to the
    position that records its steps: the outside party does the work, an officer records that it was
    done (the applicant handed in the forms, took the letter), so the case goes on and the time it took
    is measured like any other step's.

    An actor that names a kind of position of every unit ("Kepala Bidang", "Staf Bidang": the bidang
    concerned) is `in_unit`: each case names the unit it is about, and its steps go to that unit's head
    or staff (org.holding.position_in_unit). The same field marks the actor that stands for the employee
    each case is about ("Pegawai yang bersangkutan", `in_unit` "person"): each case names that person
    (Case.person), and its steps go to them, in the position they hold that day."""

    version = models.ForeignKey(SopVersion, models.CASCADE, related_name="actors", verbose_name=_("SOP version"))
    name = models.CharField(_("name as written"), max_length=120)
    order = models.PositiveSmallIntegerField(_("column order"))
    position = models.ForeignKey(Position, models.SET_NULL, null=True, blank=True, related_name="sop_actors",
                                 verbose_name=_("position"))
    class InUnit(models.TextChoices):
        HEAD = "head", _("the head of the unit the case is about")
        STAFF = "staff", _("the staff of the unit the case is about")
        PERSON = "person", _("the employee the case is about")

    # "Kepala Bidang" with no bidang named: whoever heads the unit each case is about (chosen at its start);
    # "Pegawai yang bersangkutan": the employee each case is about.
    in_unit = models.CharField(_("of the case"), max_length=8, choices=InUnit, blank=True)
    external = models.BooleanField(
        _("outside the office"), default=False,
        help_text=_("The applicant, the public or another agency: nobody of the office performs its steps; the "
                    "linked position records when they are done."))

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="%(app_label)s_%(class)s_unique_order"),
            models.UniqueConstraint(fields=["version", "name"], name="%(app_label)s_%(class)s_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_linked(self) -> bool:
        """Whether a case can give its steps to somebody: linked to a position, or of the unit of the case."""
        return self.position_id is not None or bool(self.in_unit)


class Step(models.Model):
    """A numbered row of the procedure table with its service standard (mutu baku)."""

    class Unit(models.TextChoices):
        MINUTE = "minute", _("minute")
        HOUR = "hour", _("hour")
        DAY = "day", _("working day")
        WEEK = "week", _("week")
        MONTH = "month", _("month")

    version = models.ForeignKey(SopVersion, models.CASCADE, related_name="steps", verbose_name=_("SOP version"))
    number = models.PositiveSmallIntegerField(_("number"))
    # The step as the document numbers it when that is not `number`: a sub-step "3.1" or "3a" is a step of
    # its own, run in the order of `number` (1 … N), and shown as the document prints it.
    label = models.CharField(_("number as printed"), max_length=12, blank=True)
    activity = models.TextField(_("activity"))
    actor = models.ForeignKey(Actor, models.PROTECT, related_name="steps", verbose_name=_("actor"))
    inputs = models.TextField(_("inputs"), blank=True)
    duration_value = models.DecimalField(_("standard time"), max_digits=8, decimal_places=2)
    duration_unit = models.CharField(_("time unit"), max_length=8, choices=Unit)
    output = models.TextField(_("output"), blank=True)
    note = models.TextField(_("note"), blank=True)
    # Steps the work goes back to when this step finds it "belum sesuai" (makes it a decision).
    returns_to = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="returned_from",
                                        verbose_name=_("returns to"))
    # A decision's "Tidak" branch that skips ahead ("Tidak: lanjut ke langkah 7"): the performer answers Ya
    # (the next step) or Tidak (this one); the steps between are not run in that case.
    branch_to = models.ForeignKey("self", models.SET_NULL, null=True, blank=True, related_name="branched_from",
                                  verbose_name=_("if not, goes on to"))
    # A decision whose "Tidak" ends the procedure ("Tidak: proses selesai", "jika tidak memenuhi syarat,
    # permohonan ditolak (selesai)", a Selesai terminator beside it): the performer answers Ya (the next
    # step) or Tidak with a reason, which ends the case there (workflow.Case.Status.ENDED). A step has
    # either this or `branch_to`, never both.
    ends_if_not = models.BooleanField(_("if not, the procedure ends"), default=False)
    # The performer sends a request to every division (parallel step, "berkoordinasi dengan bidang").
    coordinates_divisions = models.BooleanField(_("coordinates with the divisions"), default=False)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="%(app_label)s_%(class)s_unique_number",
                                    violation_error_message=_("Step numbers must be unique within a version.")),
            models.CheckConstraint(condition=Q(ends_if_not=False) | Q(branch_to__isnull=True),
                                   name="%(app_label)s_%(class)s_one_way_if_not",
                                   violation_error_message=_("A step's “Tidak” either goes on to a later step or "
                                                             "ends the procedure, not both.")),
            models.CheckConstraint(condition=Q(duration_value__gt=Decimal(0)),
                                   name="%(app_label)s_%(class)s_positive_duration",
                                   violation_error_message=_("The standard time must be more than zero.")),
        ]

    def __str__(self) -> str:
        return f"{self.display_number}. {self.activity[:60]}"

    @property
    def display_number(self) -> str:
        """The number the SOP's pages and print show: the printed label ("3.1") or the number."""
        return self.label or str(self.number)

    @property
    def is_decision(self) -> bool:
        return self.ends_if_not or self.branch_to_id is not None or self.returns_to.exists()

    @property
    def duration_display(self) -> str:
        return duration_display(self.duration_value, self.duration_unit)


def nip_display(nip: str) -> str:
    """NIP grouped as printed under signatures: 19750427 199311 2 001."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" if len(nip) == 18 else nip


def duration_display(value: Decimal | None, unit: str) -> str:
    """"2 minutes", "1 working day", "0,5 working days" in the user's language (Indonesian has one form:
    "5 hari kerja")."""
    if value is None or not unit:
        return "—"
    from django.utils.formats import number_format
    from django.utils.translation import ngettext

    number = number_format(value.normalize() if value == value.to_integral_value() else value)
    count = 1 if value == 1 else 2
    forms = {
        Step.Unit.MINUTE: ngettext("%(n)s minute", "%(n)s minutes", count),
        Step.Unit.HOUR: ngettext("%(n)s hour", "%(n)s hours", count),
        Step.Unit.DAY: ngettext("%(n)s working day", "%(n)s working days", count),
        Step.Unit.WEEK: ngettext("%(n)s week", "%(n)s weeks", count),
        Step.Unit.MONTH: ngettext("%(n)s month", "%(n)s months", count),
    }
    return forms[unit] % {"n": number} if unit in forms else f"{number} {unit}"
