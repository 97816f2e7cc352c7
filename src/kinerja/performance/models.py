"""The performance data of an office (PermenPAN-RB 53/2014): strategic objectives, their indicators,
targets, the actuals each division enters with evidence, programs with their budget, and the compiled
report versions.

Decisions written down here because every other module relies on them:
- An actual belongs to one quarter (1..4) or to the whole year (quarter NULL). The annual actual is
  entered directly only when an indicator is measured once a year (an audit opinion, a SAKIP grade);
  otherwise the year's value follows from the quarters by the indicator's `quarter_aggregation`.
- Actuals are versioned rows: a correction after locking writes a new row (version + 1, is_current)
  and leaves the old one as it was; `ActualRevision` records every change with who, when and why.
- A target or actual is a number (`value_number`) or a text (`value_text`, e.g. "WTP"), never both.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, When
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.org.models import Office, Unit

VALUE_DIGITS = {"max_digits": 20, "decimal_places": 4}
MONEY_DIGITS = {"max_digits": 18, "decimal_places": 2}
QUARTERS = [(1, _("Quarter I")), (2, _("Quarter II")), (3, _("Quarter III")), (4, _("Quarter IV"))]
ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_name(quarter: int) -> str:
    """A quarter as the documents officially spell it: "Triwulan IV" (never "Triwulan 4" or "TW4")."""
    return f"Triwulan {ROMAN_QUARTERS[quarter]}"


def period_name(year: int, quarter: int | None, *, cumulative: bool = False) -> str:
    """The one spelling of a period of the performance data: "Triwulan II 2025", "s.d. Triwulan II 2025"
    for figures added up from Triwulan I to it (a report of the quarter), "Tahun 2025" for the year. The
    official Indonesian name in every language: it is the period's name, printed as the documents print it."""
    if not quarter:
        return f"Tahun {year}"
    return f"{'s.d. ' if cumulative else ''}{quarter_name(quarter)} {year}"


def period_phrase(year: int, quarter: int | None, *, cumulative: bool = False) -> str:
    """period_name as it stands inside a sentence ("Capaian sasaran … s.d. Triwulan IV 2026 sebesar …"): the year
    is a common noun there ("tahun 2025"), a quarter keeps its name's capitals ("Triwulan IV", never "triwulan
    iv")."""
    name = period_name(year, quarter, cumulative=cumulative)
    return name[:1].lower() + name[1:] if not quarter else name


class Objective(models.Model):
    """A sasaran strategis of the Renstra, valid for the years of its strategic plan."""

    office = models.ForeignKey(Office, models.CASCADE, related_name="objectives", verbose_name=_("office"))
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=500)
    order = models.PositiveIntegerField(_("order"), default=0)
    plan_start_year = models.PositiveSmallIntegerField(_("strategic plan starts in"))
    plan_end_year = models.PositiveSmallIntegerField(_("strategic plan ends in"))

    class Meta:
        verbose_name = _("strategic objective")
        verbose_name_plural = _("strategic objectives")
        ordering = ["office", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["office", "code", "plan_start_year"],
                                    name="%(app_label)s_%(class)s_unique_code",
                                    violation_error_message=_("The plan already has an objective with this code.")),
            models.CheckConstraint(condition=Q(plan_end_year__gte=F("plan_start_year")),
                                   name="%(app_label)s_%(class)s_plan_ends_after_start",
                                   violation_error_message=_("The strategic plan ends before it starts.")),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


# What an indicator is called and how it is measured, which a later year may change while an earlier year, its
# pages and its signed report keep theirs (IndicatorRevision).
YEAR_FIELDS = ("name", "unit", "polarity", "negative_method", "division_id")


def year_attributes(year: int | OuterRef, path: str = "") -> dict[str, Case]:
    """Annotations `as_of_<field>` giving each of YEAR_FIELDS of the indicator (at `path`, "indicator__" from an
    actual) as of `year` (OuterRef("year"): of each actual's own): the revision kept for the first year at or after
    it, else the indicator's own."""
    revision = IndicatorRevision.objects.filter(indicator=OuterRef(f"{path}pk" if path else "pk"),
                                                until_year__gte=year).order_by("until_year")
    revised = Exists(revision)
    return {f"as_of_{field}": Case(When(revised, then=Subquery(revision.values(field)[:1])),
                                   default=F(f"{path}{field}"), output_field=Indicator._meta.get_field(field))
            for field in YEAR_FIELDS}


def _apply_year(rows: list[models.Model], path: str) -> None:
    """Put the `as_of_` annotations in the indicators' fields, and their year's division where it is another
    than the one loaded with them (select_related): one query more only then."""
    moved: list[Indicator] = []
    for row in rows:
        indicator = getattr(row, path) if path else row
        for field in YEAR_FIELDS:
            value = getattr(row, f"as_of_{field}")
            # is_cached first: a query that deferred division_id (.only) must not load it row by row here.
            if field == "division_id" and Indicator.division.is_cached(indicator) and value != indicator.division_id:
                moved.append(indicator)  # only a division loaded with it (select_related) is loaded anew
            setattr(indicator, field, value)  # a changed division_id drops the division loaded with the old one
    units = Unit.objects.in_bulk({i.division_id for i in moved if i.division_id is not None}) if moved else {}
    for indicator in moved:
        indicator.division = units.get(indicator.division_id)  # type: ignore[arg-type]


class _IndicatorsOfYear(ModelIterable):
    def __iter__(self):  # type: ignore[no-untyped-def]
        rows = list(super().__iter__())
        _apply_year(rows, "")
        yield from rows


class _ActualsOfYear(ModelIterable):
    def __iter__(self):  # type: ignore[no-untyped-def]
        rows = list(super().__iter__())
        _apply_year(rows, "indicator")
        yield from rows


def actuals_as_of(actuals: models.QuerySet, year: int | None = None) -> models.QuerySet:
    """Actuals whose indicators (`actual.indicator`) carry the name, unit, polarity and division of `year` (None: of
    each actual's own year), in the same one query."""
    found = actuals.annotate(**year_attributes(OuterRef("year") if year is None else year, "indicator__"))
    found._iterable_class = _ActualsOfYear
    return found


class IndicatorQuerySet(models.QuerySet):
    def in_year(self, year: int) -> IndicatorQuerySet:
        """The indicators the office measures in `year`: those without a first year (measured through their
        objective's whole plan) and those first measured in `year` or before, each as it was in `year` (as_of).
        An indicator a later year's workbook brings is not one of an earlier year's: not on its dashboard, input
        page, check page, division answers, nor in its report."""
        return self.filter(Q(first_year__isnull=True) | Q(first_year__lte=year)).as_of(year)

    def as_of(self, year: int) -> IndicatorQuerySet:
        """The indicators with the name, unit, polarity and division they have in `year` (IndicatorRevision), in
        the same one query; `as_of_division_id` filters by the year's division."""
        found = self.annotate(**year_attributes(year))
        found._iterable_class = _IndicatorsOfYear
        return found


class Indicator(models.Model):
    """An indikator kinerja of an objective, with the division responsible for its data.

    `first_year`: the first year the office measures it (IndicatorQuerySet.in_year). An import for a year sets it
    on the indicators it adds, and moves it back on an indicator it gives figures of an earlier year; targets set
    for an earlier year move it back too. NULL: measured throughout its objective's plan (an indicator added on
    the page, or one from before the field existed that no figure or compiled report dates)."""

    class Polarity(models.TextChoices):
        HIGHER_IS_BETTER = "higher_is_better", _("Positive (higher is better)")
        LOWER_IS_BETTER = "lower_is_better", _("Negative (lower is better)")

    class NegativeMethod(models.TextChoices):
        STANDARD = "standard", _("(2 × target − actual) ÷ target × 100")
        RATIO = "ratio", _("target ÷ actual × 100")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("Sum of the quarters")
        LAST = "last", _("Value of the last quarter")
        AVERAGE = "average", _("Average of the quarters")

    office = models.ForeignKey(Office, models.CASCADE, related_name="indicators", verbose_name=_("office"))
    objective = models.ForeignKey(Objective, models.PROTECT, related_name="indicators", verbose_name=_("objective"))
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=500)
    unit = models.CharField(_("unit of measure"), max_length=60)  # not org's "unit" (Unit kerja)
    order = models.PositiveIntegerField(_("order"), default=0)
    polarity = models.CharField(_("polarity"), max_length=20, choices=Polarity, default=Polarity.HIGHER_IS_BETTER)
    negative_method = models.CharField(_("formula for negative polarity"), max_length=10, choices=NegativeMethod,
                                       default=NegativeMethod.STANDARD)
    is_key = models.BooleanField(_("key indicator (IKU)"), default=False)
    definition = models.TextField(_("definition or formula"), blank=True)
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    division = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="indicators",
                                 verbose_name=_("responsible division"))
    quarter_aggregation = models.CharField(_("how the quarters add up"), max_length=10, choices=Aggregation,
                                           default=Aggregation.LAST)
    national_standard = models.DecimalField(_("national standard"), null=True, blank=True, **VALUE_DIGITS)
    first_year = models.PositiveSmallIntegerField(_("measured from the year"), null=True, blank=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["office", "objective__order", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["office", "code"], name="%(app_label)s_%(class)s_unique_code",
                                    violation_error_message=_("The office already has an indicator with this code.")),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_negative(self) -> bool:
        return self.polarity == self.Polarity.LOWER_IS_BETTER


class IndicatorRevision(models.Model):
    """The name, unit, polarity and division an indicator had up to and including `until_year`, kept when an
    import of a later year changed them (importer.keep_earlier_years), or a change on its page after its year was
    signed (actions.save_indicator): that year's and earlier years' pages, downloads and reports show these, down
    to the previous revision; the years after the last revision show the indicator's own fields. An indicator
    without revisions is the same in every year (IndicatorQuerySet.as_of)."""

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="revisions", verbose_name=_("indicator"))
    until_year = models.PositiveSmallIntegerField(_("valid until the year"))
    name = models.CharField(_("name"), max_length=500)
    unit = models.CharField(_("unit of measure"), max_length=60)  # not org's "unit" (Unit kerja)
    polarity = models.CharField(_("polarity"), max_length=20, choices=Indicator.Polarity)
    negative_method = models.CharField(_("formula for negative polarity"), max_length=10,
                                       choices=Indicator.NegativeMethod)
    division = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("responsible division"))

    class Meta:
        verbose_name = _("earlier name of an indicator")
        verbose_name_plural = _("earlier names of indicators")
        ordering = ["indicator", "until_year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "until_year"], name="%(app_label)s_%(class)s_unique_year",
                                    violation_error_message=_("The indicator already has its name of this year.")),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} s.d. {self.until_year}: {self.name}"


class Target(models.Model):
    """A planned value: per year of the Renstra, for the end of the Renstra, the annual target of the
    performance agreement (Perjanjian Kinerja), or a quarter's target."""

    class Kind(models.TextChoices):
        RENSTRA = "renstra", _("Strategic plan (year)")
        RENSTRA_END = "renstra_end", _("Strategic plan (end of period)")
        AGREEMENT = "agreement", _("Performance agreement")
        QUARTER = "quarter", _("Quarter")

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="targets", verbose_name=_("indicator"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True, choices=QUARTERS)
    value_number = models.DecimalField(_("target (number)"), null=True, blank=True, **VALUE_DIGITS)
    value_text = models.CharField(_("target (text)"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "year", "kind", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "kind"], condition=Q(quarter__isnull=True),
                                    name="%(app_label)s_%(class)s_unique_annual",
                                    violation_error_message=_("This indicator already has this target for the year.")),
            models.UniqueConstraint(fields=["indicator", "year", "quarter"], condition=Q(quarter__isnull=False),
                                    name="%(app_label)s_%(class)s_unique_quarter",
                                    violation_error_message=_("This indicator already has a target for the quarter.")),
            models.CheckConstraint(condition=(Q(kind="quarter") & Q(quarter__gte=1) & Q(quarter__lte=4))
                                   | (~Q(kind="quarter") & Q(quarter__isnull=True)),
                                   name="%(app_label)s_%(class)s_quarter_only_for_quarters",
                                   violation_error_message=_("Only a quarter target has a quarter (1 to 4).")),
            models.CheckConstraint(condition=Q(value_number__isnull=True) | Q(value_text=""),
                                   name="%(app_label)s_%(class)s_number_or_text",
                                   violation_error_message=_("A target is a number or a text, not both.")),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year} {self.get_kind_display()}"

    @property
    def value(self) -> Decimal | str | None:
        return self.value_number if self.value_number is not None else (self.value_text or None)


class PlannedActivity(models.Model):
    """What an activity of a Rencana Aksi says, as ActionPlanItem keeps it and as RemovedActionPlanItem
    remembers one taken out of an imported plan: its words, its quarter, its own quarter targets and budget,
    and the words and quarter a file gave it."""

    name = models.TextField(_("activity"))
    # The quarter it is planned for, where the plan names an activity per quarter ("Rencana Aksi" over
    # TW I … TW IV); NULL for an activity of the whole year, with its quarter targets.
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True, choices=QUARTERS)
    target_q1 = models.DecimalField(_("target quarter I"), null=True, blank=True, **VALUE_DIGITS)
    target_q2 = models.DecimalField(_("target quarter II"), null=True, blank=True, **VALUE_DIGITS)
    target_q3 = models.DecimalField(_("target quarter III"), null=True, blank=True, **VALUE_DIGITS)
    target_q4 = models.DecimalField(_("target quarter IV"), null=True, blank=True, **VALUE_DIGITS)
    budget = models.DecimalField(_("budget"), null=True, blank=True, **MONEY_DIGITS)
    # The activity as the file named it, kept when it is edited on the page (source EDITED); empty otherwise.
    imported_name = models.TextField(_("activity as imported"), blank=True)
    imported_quarter = models.PositiveSmallIntegerField(_("quarter as imported"), null=True, blank=True,
                                                        choices=QUARTERS)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.name[:60]}"  # type: ignore[attr-defined]

    @property
    def quarter_targets(self) -> list[Decimal | None]:
        """The targets of TW I to TW IV, None where the plan gives none."""
        return [self.target_q1, self.target_q2, self.target_q3, self.target_q4]


class ActionPlanItem(PlannedActivity):
    """One activity (kegiatan) of the Rencana Aksi of an indicator for a year: what the office will do to
    reach the target, with the activity's own quarter targets and budget where the plan gives them.

    An activity's quarter targets are its own measures (4 dokumen, 200 orang, 25% of the work) and are
    never added into the indicator's: the indicator's quarter targets stay the `Target` rows (kind
    quarter) the reports and the input page compare with. The importer (importer.py) says when a file's
    quarter figures are the indicator's and when they are an activity's.

    `source` tells where an activity came from: added on the Target page, read from a file, or read from a
    file and then edited on the page. Importing the plan again replaces only what an earlier import brought
    and nobody has touched since (plan.replace_imported); an activity added by hand stays, and so does one
    edited by hand: what a user typed is never overwritten by a file.

    An edited activity keeps, in `imported_name` and `imported_quarter`, the words and quarter the file gave
    it, since the user may have changed both: the next import still recognises it by them (and by its
    present words) and keeps the user's version in its place, instead of adding the file's as a twin."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("added on the page")
        IMPORTED = "imported", _("imported from a file")
        EDITED = "edited", _("imported, then edited on the page")

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="action_plan",
                                  verbose_name=_("indicator"))
    year = models.PositiveSmallIntegerField(_("year"))
    order = models.PositiveIntegerField(_("order"), default=0)
    source = models.CharField(_("source"), max_length=10, choices=Source, default=Source.MANUAL)

    class Meta:
        verbose_name = _("action plan activity")
        verbose_name_plural = _("action plan activities")
        ordering = ["indicator", "year", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "order"], name="%(app_label)s_%(class)s_unique_order",
                                    violation_error_message=_("The action plan already has an activity at this place.")),
            models.CheckConstraint(condition=Q(quarter__isnull=True) | (Q(quarter__gte=1) & Q(quarter__lte=4)),
                                   name="%(app_label)s_%(class)s_quarter_1_to_4",
                                   violation_error_message=_("The quarter is 1 to 4.")),
            models.CheckConstraint(condition=Q(budget__isnull=True) | Q(budget__gte=0),
                                   name="%(app_label)s_%(class)s_budget_not_negative",
                                   violation_error_message=_("A budget cannot be negative.")),
            models.CheckConstraint(condition=~Q(source="edited") | ~Q(imported_name=""),
                                   name="%(app_label)s_%(class)s_edited_keeps_imported_name",
                                   violation_error_message=_("An edited activity keeps the name it was imported "
                                                             "with.")),
        ]


class RemovedActionPlanItem(PlannedActivity):
    """An activity from an imported Rencana Aksi that a user removed on the Target page, as it was when removed.

    A table of its own rather than a "removed" source of ActionPlanItem: every page, card and count that
    reads the plan reads ActionPlanItem, and none of them has to learn to leave removed ones out. Importing
    the plan again recognises the file's activity by `name` and `quarter` (by `imported_name` and
    `imported_quarter` for one edited before its removal) and leaves it out (plan.replace_imported); the
    Target page lists these rows, and restoring one puts the activity back as it was (plan.restore_activity).
    An activity added by hand leaves no row: no file can bring it back."""

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="removed_activities",
                                  verbose_name=_("indicator"))
    year = models.PositiveSmallIntegerField(_("year"))
    # IMPORTED or EDITED: what it was, and is again once restored.
    source = models.CharField(_("source"), max_length=10, choices=ActionPlanItem.Source,
                              default=ActionPlanItem.Source.IMPORTED)
    removed_at = models.DateTimeField(_("removed at"), default=timezone.now)

    class Meta:
        verbose_name = _("action plan activity removed")
        verbose_name_plural = _("action plan activities removed")
        ordering = ["indicator", "year", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(source="manual"), name="%(app_label)s_%(class)s_from_a_file",
                                   violation_error_message=_("Only an activity from a file is remembered as "
                                                             "removed.")),
            models.CheckConstraint(condition=~Q(source="edited") | ~Q(imported_name=""),
                                   name="%(app_label)s_%(class)s_edited_keeps_imported_name",
                                   violation_error_message=_("An edited activity keeps the name it was imported "
                                                             "with.")),
        ]

    @property
    def file_key(self) -> tuple[str, int | None]:
        """The words and quarter the file names the activity with."""
        if self.source == ActionPlanItem.Source.EDITED:
            return self.imported_name, self.imported_quarter
        return self.name, self.quarter


class Actual(models.Model):
    """What a division achieved for one indicator in one quarter (or the whole year: quarter NULL).
    One row per version; the current version has is_current."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHECKED = "checked", _("Checked")
        RETURNED = "returned", _("Returned for revision")
        LOCKED = "locked", _("Locked")

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="actuals", verbose_name=_("indicator"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True, choices=QUARTERS,
                                               help_text=_("Empty for a value measured once for the whole year."))
    value_number = models.DecimalField(_("actual (number)"), null=True, blank=True, **VALUE_DIGITS)
    value_text = models.CharField(_("actual (text)"), max_length=60, blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    solutions = models.TextField(_("solutions"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True)
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("entered by"))
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("checked by"))
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("actual")
        verbose_name_plural = _("actuals")
        ordering = ["indicator", "year", "quarter", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "quarter", "version"], condition=Q(quarter__isnull=False),
                                    name="%(app_label)s_%(class)s_unique_quarter_version",
                                    violation_error_message=_("This version of the actual already exists.")),
            models.UniqueConstraint(fields=["indicator", "year", "version"], condition=Q(quarter__isnull=True),
                                    name="%(app_label)s_%(class)s_unique_annual_version",
                                    violation_error_message=_("This version of the actual already exists.")),
            models.UniqueConstraint(fields=["indicator", "year", "quarter"],
                                    condition=Q(is_current=True, quarter__isnull=False),
                                    name="%(app_label)s_%(class)s_one_current_quarter",
                                    violation_error_message=_("Only one version of an actual is current.")),
            models.UniqueConstraint(fields=["indicator", "year"], condition=Q(is_current=True, quarter__isnull=True),
                                    name="%(app_label)s_%(class)s_one_current_annual",
                                    violation_error_message=_("Only one version of an actual is current.")),
            models.CheckConstraint(condition=Q(quarter__isnull=True) | (Q(quarter__gte=1) & Q(quarter__lte=4)),
                                   name="%(app_label)s_%(class)s_quarter_1_to_4",
                                   violation_error_message=_("The quarter is 1 to 4.")),
            models.CheckConstraint(condition=Q(value_number__isnull=True) | Q(value_text=""),
                                   name="%(app_label)s_%(class)s_number_or_text",
                                   violation_error_message=_("An actual is a number or a text, not both.")),
            models.CheckConstraint(condition=Q(version=1) | ~Q(correction_reason=""),
                                   name="%(app_label)s_%(class)s_correction_has_reason",
                                   violation_error_message=_("A correction needs its reason.")),
        ]
        indexes = [models.Index(fields=["year", "quarter", "status"], name="perf_actual_year_q_status")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_name} v{self.version}"

    @property
    def period_name(self) -> str:
        return period_name(self.year, self.quarter)

    @property
    def value(self) -> Decimal | str | None:
        return self.value_number if self.value_number is not None else (self.value_text or None)

    @property
    def is_editable(self) -> bool:
        """The division may still change it (before it is submitted, or after it came back)."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class ActualRevision(models.Model):
    """One change of an actual: the history the SAKIP evaluators ask for (who changed what and why)."""

    class Action(models.TextChoices):
        SAVED = "saved", _("Saved")
        SUBMITTED = "submitted", _("Submitted")
        CHECKED = "checked", _("Checked")
        RETURNED = "returned", _("Returned for revision")
        LOCKED = "locked", _("Locked")
        CORRECTED = "corrected", _("Corrected after locking")
        EVIDENCE_ADDED = "evidence_added", _("Evidence added")
        EVIDENCE_REMOVED = "evidence_removed", _("Evidence removed")
        IMPORTED = "imported", _("Imported")

    actual = models.ForeignKey(Actual, models.CASCADE, related_name="revisions", verbose_name=_("actual"))
    action = models.CharField(_("action"), max_length=20, choices=Action)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("user"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)
    # {"field": [before, after]} with values as strings, so the record reads the same forever.
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("change of an actual")
        verbose_name_plural = _("changes of actuals")
        ordering = ["actual", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.actual} {self.get_action_display()}"


def evidence_path(instance: Evidence, filename: str) -> str:
    # Named by content hash: the stored name never carries what the uploader typed.
    suffix = PurePath(filename).suffix.lower()[:8]
    indicator = instance.actual.indicator
    return f"evidence/{indicator.office_id}/{instance.actual.year}/{instance.sha256}{suffix}"


class Evidence(models.Model):
    """A bukti dukung file for an actual."""

    actual = models.ForeignKey(Actual, models.CASCADE, related_name="evidence", verbose_name=_("actual"))
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["actual", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Program(models.Model):
    """A budget program of one year, with its ceiling (pagu) and spending."""

    office = models.ForeignKey(Office, models.CASCADE, related_name="programs", verbose_name=_("office"))
    year = models.PositiveSmallIntegerField(_("year"))
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=500)
    order = models.PositiveIntegerField(_("order"), default=0)
    budget = models.DecimalField(_("budget ceiling (pagu)"), default=Decimal(0), **MONEY_DIGITS)
    spent = models.DecimalField(_("spent"), default=Decimal(0), **MONEY_DIGITS)
    objectives = models.ManyToManyField(Objective, blank=True, related_name="programs",
                                        verbose_name=_("objectives it serves"))

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["office", "year", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["office", "year", "code"], name="%(app_label)s_%(class)s_unique_code",
                                    violation_error_message=_("The office already has a program with this code this year.")),
            models.CheckConstraint(condition=Q(budget__gte=0) & Q(spent__gte=0),
                                   name="%(app_label)s_%(class)s_amounts_not_negative",
                                   violation_error_message=_("Budget and spending cannot be negative.")),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Activity(models.Model):
    """A kegiatan of a program."""

    program = models.ForeignKey(Program, models.CASCADE, related_name="activities", verbose_name=_("program"))
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=500)
    budget = models.DecimalField(_("budget ceiling (pagu)"), default=Decimal(0), **MONEY_DIGITS)
    spent = models.DecimalField(_("spent"), default=Decimal(0), **MONEY_DIGITS)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["program", "code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="%(app_label)s_%(class)s_unique_code",
                                    violation_error_message=_("The program already has an activity with this code.")),
            models.CheckConstraint(condition=Q(budget__gte=0) & Q(spent__gte=0),
                                   name="%(app_label)s_%(class)s_amounts_not_negative",
                                   violation_error_message=_("Budget and spending cannot be negative.")),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PerformanceSettings(models.Model):
    """An office's choices for its performance data."""

    office = models.OneToOneField(Office, models.CASCADE, related_name="performance_settings",
                                  verbose_name=_("office"))
    # Achievement minus absorption at or above this many percentage points counts as "efisien".
    efficiency_threshold = models.DecimalField(_("efficiency threshold (percentage points)"), max_digits=6,
                                               decimal_places=2, default=Decimal(0))

    class Meta:
        verbose_name = _("performance settings")
        verbose_name_plural = _("performance settings")

    def __str__(self) -> str:
        return str(self.office)


def report_path(instance: ReportVersion, filename: str) -> str:
    return f"reports/{instance.office_id}/{instance.year}/{filename}"


class ReportVersion(models.Model):
    """One compiled Data Kinerja report. Initials and signatures bind to its SHA-256."""

    office = models.ForeignKey(Office, models.CASCADE, related_name="report_versions", verbose_name=_("office"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True, choices=QUARTERS)
    number = models.PositiveIntegerField(_("version number"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    pdf = models.FileField(_("PDF"), upload_to=report_path, blank=True, max_length=300)
    xlsx = models.FileField(_("XLSX"), upload_to=report_path, blank=True, max_length=300)
    docx = models.FileField(_("DOCX"), upload_to=report_path, blank=True, max_length=300)
    data = models.JSONField(_("report figures"), default=dict, blank=True)

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["office", "-year", "quarter", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["office", "year", "quarter", "number"], condition=Q(quarter__isnull=False),
                                    name="%(app_label)s_%(class)s_unique_quarter_number",
                                    violation_error_message=_("This report version already exists.")),
            models.UniqueConstraint(fields=["office", "year", "number"], condition=Q(quarter__isnull=True),
                                    name="%(app_label)s_%(class)s_unique_annual_number",
                                    violation_error_message=_("This report version already exists.")),
        ]

    def __str__(self) -> str:
        revision = f" Revisi {self.revision_number}" if self.revision_number else ""
        return f"Data Kinerja {period_name(self.year, self.quarter, cumulative=True)}{revision} v{self.number}"

    @property
    def revision_number(self) -> int | None:
        """N of "Revisi N" when this compilation revises the period's signed report (signoff.revision)."""
        found = (self.data or {}).get("revision")
        return found["number"] if found else None


class ReportCompilation(models.Model):
    """One press of "compile": the background worker lays the report out (seconds for a large office, too
    long for a web request), and the page that follows reads this row to show where it is, the version it
    made or what failed. While one is queued or running for a period, pressing again shows that one."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Being compiled")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Stage(models.TextChoices):
        READING = "reading", _("reading the data")
        PDF = "pdf", _("laying out the PDF")
        XLSX = "xlsx", _("writing the XLSX")
        DOCX = "docx", _("writing the DOCX")
        SAVING = "saving", _("storing the version")

    ACTIVE = (State.QUEUED, State.RUNNING)

    office = models.ForeignKey(Office, models.CASCADE, related_name="report_compilations", verbose_name=_("office"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True, choices=QUARTERS)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.QUEUED)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage, blank=True)
    # Touched at every stage: an active row left untouched for long was cut off (a worker stopped).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    version = models.ForeignKey(ReportVersion, models.SET_NULL, null=True, blank=True, related_name="+",
                                verbose_name=_("report version"))
    # The figures had not changed: `version` is the existing one, no new version was made.
    unchanged = models.BooleanField(_("figures unchanged"), default=False)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("report compilation")
        verbose_name_plural = _("report compilations")
        ordering = ["-requested_at"]
        constraints = [
            # One compilation at a time per period: a second press waits on the first instead of
            # laying the same report out twice (two constraints: NULL quarters are never equal in SQL).
            models.UniqueConstraint(fields=["office", "year", "quarter"],
                                    condition=Q(quarter__isnull=False, state__in=["queued", "running"]),
                                    name="%(app_label)s_%(class)s_one_active_quarter",
                                    violation_error_message=_("This report is already being compiled.")),
            models.UniqueConstraint(fields=["office", "year"],
                                    condition=Q(quarter__isnull=True, state__in=["queued", "running"]),
                                    name="%(app_label)s_%(class)s_one_active_year",
                                    violation_error_message=_("This report is already being compiled.")),
        ]

    def __str__(self) -> str:
        period = period_name(self.year, self.quarter, cumulative=True)
        return f"Penyusunan Data Kinerja {period} ({self.get_state_display()})"

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE
