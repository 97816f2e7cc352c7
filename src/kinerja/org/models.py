"""The organisation: offices, units, positions, people and who holds what on which day.

Everything else asks this app who may act (`holders`, `positions_held`, `roles_of`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .nip import validate_nip

TIME_ZONES = [
    ("Asia/Jakarta", _("WIB (Asia/Jakarta)")),
    ("Asia/Makassar", _("WITA (Asia/Makassar)")),
    ("Asia/Jayapura", _("WIT (Asia/Jayapura)")),
]

# Golongan → pangkat of the civil service (PP 99/2000).
GRADES = [
    ("I/a", "Juru Muda"), ("I/b", "Juru Muda Tingkat I"), ("I/c", "Juru"), ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"), ("II/b", "Pengatur Muda Tingkat I"), ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"), ("III/a", "Penata Muda"), ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"), ("III/d", "Penata Tingkat I"), ("IV/a", "Pembina"), ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"), ("IV/d", "Pembina Utama Madya"), ("IV/e", "Pembina Utama"),
]
RANK_OF_GRADE = dict(GRADES)
# People know their golongan ("III/a") better than the pangkat it gives: a list of pangkat alone
# ("Penata Muda", "Penata Muda Tingkat I", ...) is easy to misread by one step.
GRADE_CHOICES = [(grade, f"{grade} – {rank}") for grade, rank in GRADES]


class Office(models.Model):
    """A perangkat daerah (OPD). Every record of kinerja belongs to one."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=80)
    city = models.CharField(_("city or regency"), max_length=120)
    address = models.TextField(_("address"), blank=True)
    letterhead = models.TextField(_("letterhead lines"), blank=True,
                                  help_text=_("One line per row, as printed at the top of letters."))
    logo = models.FileField(_("logo"), upload_to="logos/", blank=True)
    time_zone = models.CharField(_("time zone"), max_length=40, choices=TIME_ZONES, default="Asia/Jakarta")
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def letterhead_lines(self) -> list[str]:
        return [line for line in self.letterhead.splitlines() if line.strip()]


class OfficeHours(models.Model):
    """Opening hours of one weekday; a weekday without a row is closed."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    office = models.ForeignKey(Office, models.CASCADE, related_name="hours", verbose_name=_("office"))
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))

    class Meta:
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")
        ordering = ["office", "weekday"]
        constraints = [
            models.UniqueConstraint(fields=["office", "weekday"], name="%(app_label)s_%(class)s_one_per_day",
                                    violation_error_message=_("This weekday already has office hours.")),
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")),
                                   name="%(app_label)s_%(class)s_closes_after_opening",
                                   violation_error_message=_("Closing time must be after opening time.")),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H.%M}–{self.closes_at:%H.%M}"


class Unit(models.Model):
    """An organisational unit: the office itself, the Sekretariat, a Subbagian, a Bidang."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("Office")
        SECRETARIAT = "secretariat", _("Secretariat")
        SUBSECTION = "subsection", _("Subsection")
        DIVISION = "division", _("Division")
        # A Seksi of a Bidang (or a UPT's part): typed as a Subbagian its head would keep the office's
        # SOPs and check its performance data; typed as a Bidang it would be asked for data.
        SECTION = "section", _("Section (Seksi)")

    # The units asked for their performance data (a workflow's request, the performance pages): the Bidang,
    # and the Sekretariat, which answers for indicators of its own (a Nilai SAKIP, an opini BPK).
    ASKED_FOR_DATA = (Kind.DIVISION, Kind.SECRETARIAT)

    office = models.ForeignKey(Office, models.CASCADE, related_name="units", verbose_name=_("office"))
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name=_("parent unit"))
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind,
        help_text=_("Subsection: a Subbagian of the Sekretariat; its head keeps the SOPs and checks the "
                    "performance data. Division: a Bidang, asked for its data. Section: a Seksi within a "
                    "Bidang, with no rights of its own."))

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["office", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="%(app_label)s_%(class)s_unique_name",
                                    violation_error_message=_("The office already has a unit with this name.")),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.parent_id is None or self.office_id is None:
            return
        if self.parent.office_id != self.office_id:
            raise ValidationError({"parent": _("%(unit)s belongs to another office.") % {"unit": self.parent.name}})
        above, seen = self.parent, set()
        while above is not None and above.pk not in seen:
            if self.pk is not None and above.pk == self.pk:
                raise ValidationError({"parent": _("A unit cannot lie under itself.")})
            seen.add(above.pk)
            above = above.parent

    @property
    def head_position(self) -> Position | None:
        return self.positions.filter(kind__in=Position.HEAD_KINDS).first()


class Position(models.Model):
    """A jabatan. Its kind decides what its holder may do."""

    class Kind(models.TextChoices):
        HEAD = "head", _("Head of office")
        SECRETARY = "secretary", _("Secretary")
        UNIT_HEAD = "unit_head", _("Unit head")
        STAFF = "staff", _("Staff")
        DIVISION_CONTACT = "division_contact", _("Division contact")

    HEAD_KINDS = (Kind.HEAD, Kind.SECRETARY, Kind.UNIT_HEAD)

    office = models.ForeignKey(Office, models.CASCADE, related_name="positions", verbose_name=_("office"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="positions", verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=200)
    short_title = models.CharField(_("short title"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    single_holder = models.BooleanField(
        _("single holder"), default=True,
        help_text=_("Only one definitive holder at a time (false for staff positions held by several)."))
    # The structural level of a head's post as the office's list gives it (II.b, III.a, IV.a); empty for a post
    # without one (pelaksana, fungsional) or not given. Read by the organisation import (importer.py).
    echelon = models.CharField(
        _("eselon"), max_length=5, blank=True,
        validators=[RegexValidator(r"\A(I|II|III|IV|V)(\.[ab])?\Z",
                                   _("Write an eselon as II.a, II.b, III.a, III.b, IV.a or IV.b; empty for none."))],
        help_text=_("II.a, II.b, III.a, III.b, IV.a, IV.b; empty for a post without one (pelaksana, fungsional)."))

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["office", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["office", "title"], name="%(app_label)s_%(class)s_unique_title",
                                    violation_error_message=_("The office already has a position with this title.")),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.unit_id is not None and self.office_id is not None and self.unit.office_id != self.office_id:
            raise ValidationError({"unit": _("%(unit)s belongs to another office.") % {"unit": self.unit.name}})

    @property
    def label(self) -> str:
        return self.short_title or self.title

    def names(self) -> list[str]:
        """Every name this position goes by: title, short title and aliases."""
        found = [self.title, self.short_title, *(a.name for a in self.aliases.all())]
        return [n for n in found if n]


class PositionAlias(models.Model):
    """Another name of a position as documents write it (Kadis, Kasubbag, JFU, staf)."""

    position = models.ForeignKey(Position, models.CASCADE, related_name="aliases", verbose_name=_("position"))
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("position alias")
        verbose_name_plural = _("position aliases")
        constraints = [
            models.UniqueConstraint(fields=["position", "name"], name="%(app_label)s_%(class)s_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A civil servant (or contract staff) with a user account in one office."""

    class Role(models.TextChoices):
        NONE = "", _("None")
        AUDITOR = "auditor", _("Auditor (read only)")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="person",
                                verbose_name=_("user account"))
    office = models.ForeignKey(Office, models.CASCADE, related_name="people", verbose_name=_("office"))
    full_name = models.CharField(_("full name with titles"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[validate_nip])
    # Staff without a NIP (tenaga honorer, a PPPK before their number): what tells them apart, so that the
    # organisation import finds them again (importer.py); one person per number in an office.
    other_id = models.CharField(
        _("NIK or other ID"), max_length=30, blank=True,
        help_text=_("For staff without a NIP (tenaga honorer, PPPK): their NIK or the number the office gives "
                    "them. The organisation import finds them by it."))
    grade = models.CharField(_("grade (golongan)"), max_length=6, blank=True, choices=GRADE_CHOICES)
    extra_role = models.CharField(_("extra role"), max_length=20, blank=True, choices=Role, default="")
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="id")
    # A first password the administrator handed out on paper (actions.give_first_passwords): the person
    # chooses their own at the first sign-in, before any other page (web.middleware).
    must_change_password = models.BooleanField(
        _("must change password"), default=False,
        help_text=_("The password was given by the administrator: the person chooses their own at the next sign-in."))

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(fields=["nip"], condition=~Q(nip=""), name="%(app_label)s_%(class)s_unique_nip",
                                    violation_error_message=_("Another person already has this NIP.")),
            models.UniqueConstraint(fields=["office", "other_id"], condition=~Q(other_id=""),
                                    name="%(app_label)s_%(class)s_unique_other_id",
                                    violation_error_message=_("Another person of the office already has this ID.")),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def rank(self) -> str:
        """Pangkat, which follows from the golongan."""
        return RANK_OF_GRADE.get(self.grade, "")

    @property
    def rank_and_grade(self) -> str:
        return f"{self.rank} ({self.grade})" if self.grade else ""

    @property
    def nip_display(self) -> str:
        """NIP grouped as printed under signatures: 19750427 199311 2 001."""
        n = self.nip
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}" if len(n) == 18 else n


def name_of(user: Any, *, none: str = "") -> str:
    """How a page, an e-mail or a report names whoever acted: the person's full name, else the username
    (an account without a person, such as an administrator's); `none` when nobody acted (the command
    line, the worker)."""
    if user is None:
        return none
    person = getattr(user, "person", None)  # RelatedObjectDoesNotExist is an AttributeError
    return (person.full_name if person is not None else "") or user.get_username()


class Assignment(models.Model):
    """A person holds a position from a date to a date, definitively or acting (Plt/Plh)."""

    class Kind(models.TextChoices):
        DEFINITIVE = "definitive", _("Definitive")
        PLT = "plt", _("Plt (Pelaksana Tugas)")
        PLH = "plh", _("Plh (Pelaksana Harian)")

    ACTING_KINDS = (Kind.PLT, Kind.PLH)

    # RESTRICT: deleting a person would erase who held which position when (who signed as Kepala Dinas
    # on a date); a person who left is kept and stopped from signing in.
    person = models.ForeignKey(Person, models.RESTRICT, related_name="assignments", verbose_name=_("person"))
    position = models.ForeignKey(Position, models.CASCADE, related_name="assignments", verbose_name=_("position"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.DEFINITIVE)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    decree_number = models.CharField(_("decree number"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["position", "starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                                   name="%(app_label)s_%(class)s_ends_after_start",
                                   violation_error_message=_("The end date is before the start date.")),
            models.CheckConstraint(condition=Q(kind="definitive") | ~Q(decree_number=""),
                                   name="%(app_label)s_%(class)s_acting_has_decree",
                                   violation_error_message=_("An acting assignment needs its decree number.")),
        ]

    def __str__(self) -> str:
        prefix = self.acting_prefix
        return f"{self.person} — {prefix + ' ' if prefix else ''}{self.position}"

    @property
    def is_acting(self) -> bool:
        return self.kind in self.ACTING_KINDS

    @property
    def acting_prefix(self) -> str:
        """Printed before the position title: "Plt." or "Plh."."""
        return {"plt": "Plt.", "plh": "Plh."}.get(self.kind, "")

    @property
    def title_as_held(self) -> str:
        return f"{self.acting_prefix} {self.position.title}".strip()

    @staticmethod
    def active_on(day: dt.date) -> Q:
        return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))

    def period_text(self) -> str:
        """The term in the one wording every page uses (holding.term_phrase)."""
        from kinerja.org.holding import term_phrase

        return term_phrase(self.starts_on, self.ends_on)

    def clean(self) -> None:
        """The rules across rows, for every form (the admin's too) and for `actions.assign`, which locks
        the position before it calls full_clean: the person works in the position's office; a single-
        holder position has one definitive holder at a time; a person holds one definitive position at
        a time (a second one is held as Plt or Plh)."""
        super().clean()
        if self.person_id is None or self.position_id is None or self.starts_on is None:
            return  # the missing field reports itself
        if self.person.office_id != self.position.office_id:
            raise ValidationError({"position": _("%(person)s works in another office than %(position)s.")
                                   % {"person": self.person.full_name, "position": self.position.title}})
        if self.kind != self.Kind.DEFINITIVE or (self.ends_on and self.ends_on < self.starts_on):
            return  # the constraint reports a reversed period
        overlapping = (Assignment.objects.filter(kind=self.Kind.DEFINITIVE, starts_on__lte=self.ends_on or dt.date.max)
                       .exclude(ends_on__lt=self.starts_on).exclude(pk=self.pk)
                       .select_related("person", "position").order_by("starts_on"))
        errors = {}
        if self.position.single_holder:
            taken = overlapping.filter(position_id=self.position_id).exclude(person_id=self.person_id).first()
            if taken:
                errors["position"] = _("%(position)s already has a definitive holder from %(start)s to %(end)s "
                                       "(%(person)s).") % {
                    "position": self.position.title, "start": date_format(taken.starts_on),
                    "end": date_format(taken.ends_on) if taken.ends_on else _("open-ended"),
                    "person": taken.person.full_name}
                if self.position.kind in (Position.Kind.STAFF, Position.Kind.DIVISION_CONTACT):
                    # Single holder is on by default: the likely slip for a JFU or a data contact.
                    errors["position"] += " " + _("If several people hold this position at once, untick "
                                                  "“Single holder” on the position.")
        busy = overlapping.filter(person_id=self.person_id).first()
        if busy:
            errors["person"] = _("%(person)s already holds %(position)s definitively in this period (%(period)s). "
                                 "End that assignment first, or make this one Plt or Plh.") % {
                "person": self.person.full_name, "position": busy.position.title, "period": busy.period_text()}
        if errors:
            raise ValidationError(errors)


class SpecialDay(models.Model):
    """A day the office's calendar differs from the national one: a regional holiday it adds, or a
    national holiday / cuti bersama it works on after all (a changed decree)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Holiday (office closed)")
        WORKING_DAY = "working_day", _("Working day (office open)")

    office = models.ForeignKey(Office, models.CASCADE, related_name="special_days", verbose_name=_("office"))
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("special day")
        verbose_name_plural = _("special days")
        ordering = ["office", "date"]
        constraints = [
            models.UniqueConstraint(fields=["office", "date"], name="%(app_label)s_%(class)s_one_per_date",
                                    violation_error_message=_("This date already has an entry.")),
        ]

    def __str__(self) -> str:
        # As the admin's messages and lists show it to the office: "24 Desember 2026", not 2026-12-24.
        return f"{date_format(self.date)} {self.reason}"
