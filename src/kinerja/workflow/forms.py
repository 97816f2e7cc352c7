"""Forms of the case pages. They only parse input; the rules live in actions.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.db.models import Case, Prefetch, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kinerja.dates import parse_datetime
from kinerja.org.holding import at_work, today_in
from kinerja.org.models import Assignment, Person, Unit
from kinerja.sop.models import Actor, SopVersion, Step
from kinerja.uploads import MEGABYTE

from .access import reassign_candidates
from .actions import repeated_files
from .models import Task
from .outputs import is_disposition, missing_output
from .periods import gathers_period_data, office_years, period_choices


class LocalDateTimeField(forms.DateTimeField):
    """A datetime-local input read in the office's time zone (set by the form). Where the browser has no
    picker it is a text box, so it also reads what an Indonesian types: 20 Maret 2025, 20/03/2025 14.30."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value: Any) -> dt.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value
        try:
            return parse_datetime(str(value))
        except ValueError:
            raise forms.ValidationError(_("“%(value)s” is not a date and time; write e.g. 20 Maret 2025 14.30."),
                                        code="invalid", params={"value": value}) from None


def _future(value: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """`value` in the office's time zone; refused unless it lies ahead. The error quotes the moment as it
    was read, in the office's words (a picker sends 2025-03-24T16:00; a date alone is read as 23.59)."""
    moment = value.replace(tzinfo=None).replace(tzinfo=tz)
    if moment <= timezone.now():
        raise forms.ValidationError(_("“%(value)s” has already passed; give a moment in the future."),
                                    code="past", params={"value": date_format(moment, "DATETIME_FORMAT")})
    return moment


class VersionField(forms.ModelChoiceField):
    """Offers the versions in force (its queryset) but reads any version of the office's SOPs (`readable`): a
    form opened before a revision came into force still names the version it was opened with, and
    actions.start_case then says that version is superseded, where "Select a valid choice" said nothing."""

    readable: Any = SopVersion.objects.none()

    def to_python(self, value: Any) -> SopVersion | None:
        if value in self.empty_values:
            return None
        try:
            return self.readable.get(pk=value)
        except (ValueError, TypeError, SopVersion.DoesNotExist):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None


class StartCaseForm(forms.Form):
    version = VersionField(SopVersion.objects.none(), label=_("SOP"))
    title = forms.CharField(label=_("Title"), max_length=300)
    period = forms.CharField(label=_("Period (optional)"), max_length=80, required=False,
                             help_text=_("The time the case is about, if any: a month, a quarter, a year. Needed "
                                         "for an SOP that asks the divisions for their data of a period."))
    trigger_note = forms.CharField(label=_("Triggering document"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}),
                                   help_text=_("What started this case, if anything (a letter, an application, a "
                                               "memo): its number, date and subject."))
    target_deadline = LocalDateTimeField(label=_("Target deadline (optional)"), required=False)
    unit = forms.ModelChoiceField(Unit.objects.none(), label=_("Unit concerned"), required=False,
                                  help_text=_("The bidang or seksi the case is about. Needed for an SOP whose actors "
                                              "are the head or staff of that unit (Kepala Bidang, Staf Bidang); for a "
                                              "case about an employee, their own unit unless you choose another."))
    person = forms.ModelChoiceField(Person.objects.none(), label=_("Employee concerned"), required=False,
                                    help_text=_("The employee the case is about (a leave request, a promotion). Needed "
                                                "for an SOP with an actor such as Pegawai yang bersangkutan; when that "
                                                "actor begins, leave it empty for a case about yourself."))

    def __init__(self, *args: Any, office: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tz = ZoneInfo(office.time_zone)
        self.fields["version"].queryset = (SopVersion.objects.filter(sop__office=office, status=SopVersion.Status.IN_FORCE)
                                           .order_by("name"))
        # Where an SOP in force asks the divisions for their data of a period, the periods of the office's years
        # are offered as the field's list (a datalist: another form of a period is still typed, and the view
        # checks it against what the SOP needs, periods.check_typed_period).
        coordinating = Step.objects.filter(version__in=self.fields["version"].queryset, coordinates_divisions=True)
        self.period_choices: list[str] = []
        if gathers_period_data(coordinating.only("activity", "coordinates_divisions")):
            self.period_choices = period_choices(office_years(office.pk, today_in(office.time_zone).year))
            self.fields["period"].widget.attrs.update({"list": "period-choices", "autocomplete": "off"})
        self.fields["version"].readable = SopVersion.objects.filter(sop__office=office)
        self.fields["unit"].queryset = Unit.objects.filter(office=office).exclude(kind=Unit.Kind.OFFICE).order_by("pk")
        # Each only when one of the office's SOPs has such actors.
        kinds = set(Actor.objects.filter(version__in=self.fields["version"].queryset).exclude(in_unit="")
                    .values_list("in_unit", flat=True).distinct())
        if not kinds - {Actor.InUnit.PERSON}:
            del self.fields["unit"]
        if Actor.InUnit.PERSON in kinds:
            self.fields["person"].queryset = at_work(office.pk, today_in(office.time_zone)).order_by("full_name")
        else:
            del self.fields["person"]

    def clean_target_deadline(self) -> Any:
        value = self.cleaned_data.get("target_deadline")
        return _future(value, self.tz) if value else None


def file_problem(f: Any) -> str | None:
    """What is wrong with a file sent under "files", or None: an empty file is a failed scan or a broken copy,
    never a record of the output; a file over the upload limit is refused by the action too."""
    name = PurePath(f.name or "").name
    if not f.size:
        return _("%(file)s is empty (0 bytes): choose the right file.") % {"file": name}
    if f.size > settings.KINERJA_MAX_UPLOAD_BYTES:
        return _("%(file)s is larger than %(max)d MB.") % {
            "file": name, "max": settings.KINERJA_MAX_UPLOAD_BYTES // MEGABYTE}
    return None


class FilesForm(forms.Form):
    """A form whose page also sends files under "files" (several; the actions store them as sent)."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for f in self.files.getlist("files") if self.files else []:
            if (problem := file_problem(f)) is not None:
                self.add_error(None, problem)
        return data


def same_files(chosen: Sequence[Any], elsewhere: Sequence[tuple[Any, str]]) -> tuple[list[str], set[int]]:
    """The problems of files chosen under "files" that repeat another file of the same submit, by content, told
    with the page's other problems: actions.repeated_files, the check answer_request makes itself. Gives the
    messages and the id() of each repeated file under "files", which is not kept for the next try. Files with a
    problem of their own (file_problem) are left to it."""
    found = repeated_files([f for f in chosen if file_problem(f) is None], elsewhere)
    return [message for _f, message in found], {id(f) for f, _message in found}


def _offer(field: forms.ModelChoiceField, people: list[Person]) -> None:
    """Offer `people` on the choice of who does a step: the only one shown chosen (nobody else can take it, and the
    performer sees who gets the step), else an explicit "Choose who does it" above them."""
    field.queryset = Person.objects.filter(pk__in=[p.pk for p in people]).order_by("full_name")
    if len(people) == 1:
        field.empty_label, field.initial = None, people[0].pk
    else:
        field.empty_label = _("Choose who does it")


class CompleteForm(FilesForm):
    # Prefixes keep field ids unique on the case page, which shows several of these forms at once.
    prefix = "complete"
    note = forms.CharField(label=_("Output note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    next_user = forms.ModelChoiceField(Person.objects.none(), label=_("Who does the next step"), required=False,
                                       error_messages={"required": _("Choose who does the next step.")})

    def __init__(self, *args: Any, next_people: list[Person] | None = None, step: Step | None = None,
                 **kwargs: Any) -> None:
        """`next_people`: who may do the next step; `step`: the step completed (outputs.missing_output)."""
        super().__init__(*args, **kwargs)
        self.step = step
        if next_people:
            _offer(self.fields["next_user"], next_people)
            self.fields["next_user"].required = len(next_people) > 1
        else:
            del self.fields["next_user"]
        if step is not None and is_disposition(step):
            self.fields["note"].label = _("Disposition (to whom, and what to do)")
            self.fields["note"].widget.attrs["placeholder"] = _("e.g. Kepada Kasubbag: tindak lanjuti, koordinasikan "
                                                                "dengan bidang-bidang.")

    def completes(self) -> bool:
        """Whether the input completes the step (a decision's verdict may send it back or end it instead)."""
        return True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.step is not None and self.completes():
            files = len(self.files.getlist("files")) if self.files else 0
            if missing := missing_output(self.step, data.get("note") or "", files):
                self.add_error("note" if "note" in self.fields else None, missing)
        return data


def asks_question(step: Step | None) -> bool:
    """Whether the SOP writes the step as a yes-or-no question (a flowchart's diamond): "Apakah berkas
    memenuhi syarat?", "Lengkap?"."""
    if step is None:
        return False
    activity = step.activity.strip()
    return activity.endswith("?") or activity.lower().startswith("apakah ")


class DecideForm(CompleteForm):
    """A decision: a step that checks earlier work (Sesuai, or Belum sesuai with a reason), or whose
    "Tidak" skips ahead (Ya: the next step; Tidak: the step `branch_step`), or whose "Tidak" ends the
    procedure (`ends`: Tidak with a reason ends the case), or a step that checks and has such a "Tidak"."""

    verdict = forms.ChoiceField(label=_("Verdict"), choices=[(Task.Verdict.OK, _("Sesuai")),
                                                             (Task.Verdict.NOT_OK, _("Belum sesuai"))],
                                widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason (required for Belum sesuai)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    branch_user = forms.ModelChoiceField(Person.objects.none(), label=_("Who does that step (for Tidak)"),
                                         required=False)

    def __init__(self, *args: Any, returns: bool = True, branch_step: Any = None,
                 branch_people: list[Person] | None = None, ends: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "next_user" in self.fields:
            self.fields["next_user"].required = False  # only for the verdict that opens the next step (clean)
            if branch_step is not None or ends:
                self.fields["next_user"].label = _("Who does the next step (for Ya)")
        # A step written as a question ("Apakah berkas memenuhi syarat?") is answered as the SOP's flowchart
        # answers it, Ya or Tidak; its Tidak that sends the work back is the same verdict as Belum sesuai.
        self.asks = returns and branch_step is None and not ends and asks_question(self.step)
        choices = [(Task.Verdict.OK, _("Ya (sesuai)") if self.asks else _("Sesuai") if returns else _("Ya"))]
        if branch_step is not None:
            choices.append((Task.Verdict.BRANCH, _("Tidak: on to step %(n)s") % {"n": branch_step.display_number}))
        if returns:
            choices.append((Task.Verdict.NOT_OK, _("Tidak (belum sesuai)") if self.asks else _("Belum sesuai")))
            if self.asks:
                self.fields["reason"].label = _("Reason (required for Tidak)")
        if ends:
            choices.append((Task.Verdict.END, _("Tidak: the procedure ends here")))
            self.fields["reason"].label = (_("Reason (required for Belum sesuai and for Tidak)") if returns
                                           else _("Reason (required for Tidak)"))
        if not returns and not ends:
            del self.fields["reason"]
        self.fields["verdict"].choices = choices
        if branch_people:
            _offer(self.fields["branch_user"], branch_people)
        else:
            del self.fields["branch_user"]

    def only_return(self) -> None:
        """While the step waits for an act elsewhere (extensions.CompletionHold: the initials on the
        document's page complete it), the form only sends the work back: a reason and files."""
        self.fields["verdict"].choices = [(Task.Verdict.NOT_OK, _("Belum sesuai"))]
        self.fields["verdict"].widget = forms.HiddenInput()
        self.initial["verdict"] = Task.Verdict.NOT_OK
        self.fields["reason"].label = _("Reason")
        for name in ("note", "next_user", "branch_user"):
            self.fields.pop(name, None)

    def completes(self) -> bool:
        return self.cleaned_data.get("verdict") in (Task.Verdict.OK, Task.Verdict.BRANCH)

    def _to_choose(self, name: str) -> bool:
        """Whether the performer must choose in the list `name` (several people; one alone is taken anyway)."""
        return name in self.fields and self.fields[name].empty_label is not None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        verdict = data.get("verdict")
        if verdict == Task.Verdict.NOT_OK and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say what is not right, so it can be fixed."))
        if verdict == Task.Verdict.END and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the procedure ends here: the reason is recorded with the case."))
        if verdict == Task.Verdict.OK and self._to_choose("next_user") and not data.get("next_user"):
            self.add_error("next_user", _("Choose who does the next step."))
        if verdict == Task.Verdict.BRANCH and self._to_choose("branch_user") and not data.get("branch_user"):
            self.add_error("branch_user", _("Choose who does that step."))
        return data


class RequestsForm(forms.Form):
    prefix = "requests"
    # Django's "Bidang ini tidak boleh kosong" would read as "this division must not be empty".
    divisions = forms.ModelMultipleChoiceField(Unit.objects.none(), label=_("Divisions"),
                                               widget=forms.CheckboxSelectMultiple,
                                               error_messages={"required": _("Tick at least one division to ask.")})
    what = forms.CharField(label=_("What to supply"), widget=forms.Textarea(attrs={"rows": 2}))
    due_at = LocalDateTimeField(label=_("By when"))

    def __init__(self, *args: Any, office: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tz = ZoneInfo(office.time_zone)
        # The Bidang, then the Sekretariat (which answers for indicators of its own).
        self.fields["divisions"].queryset = Unit.objects.filter(office=office, kind__in=Unit.ASKED_FOR_DATA).order_by(
            Case(When(kind=Unit.Kind.SECRETARIAT, then=Value(1)), default=Value(0)), "pk")

    def clean_due_at(self) -> Any:
        return _future(self.cleaned_data["due_at"], self.tz)


class AnswerForm(FilesForm):
    prefix = "answer"
    note = forms.CharField(label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MissingForm(FilesForm):
    prefix = "missing"
    reason = forms.CharField(label=_("Why not every division answered"), widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(label=_("Output note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class _OfferedIterator(forms.models.ModelChoiceIterator):
    def __init__(self, field: PersonAtWorkField) -> None:
        super().__init__(field)
        if field.offered is not None:
            self.queryset = field.offered


class PersonAtWorkField(forms.ModelChoiceField):
    """A person named with the positions they hold that day ("Siti — JFU, Plh. Kasubbag"): a superior who
    gives a task to someone chooses by what they do, and a list of names alone does not say it.

    `offered`: the people listed, when fewer than those accepted (`queryset`): a name sent from outside the
    list then reaches the action, whose refusal says who and why, not Django's "Select a valid choice"."""

    iterator = _OfferedIterator
    offered: Any = None

    def offer(self, people: Any) -> None:
        self.offered = people
        self.widget.choices = self.choices

    def label_from_instance(self, obj: Person) -> str:
        held = ", ".join(f"{a.acting_prefix} {a.position.label}".strip() for a in getattr(obj, "held_today", []))
        return f"{obj.full_name} — {held}" if held else obj.full_name


class ReassignForm(forms.Form):
    prefix = "reassign"
    to_person = PersonAtWorkField(Person.objects.none(), label=_("Give the task to"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, task: Task, user: Any, **kwargs: Any) -> None:
        """Offers the people `user` may give `task` to (access.reassign_candidates); any person at work in
        the office is accepted, so the action refuses the others by name."""
        super().__init__(*args, **kwargs)
        office = task.case.office
        day = today_in(office.time_zone)
        # The positions come with the people (one prefetch query), definitive ones first.
        held = (Assignment.objects.filter(Assignment.active_on(day)).select_related("position")
                .order_by(Case(When(kind=Assignment.Kind.DEFINITIVE, then=Value(0)), default=Value(1)), "position_id"))
        field = self.fields["to_person"]
        field.queryset = at_work(office.pk, day)
        field.empty_label = _("Choose who does it")
        field.offer(reassign_candidates(task, user, day).order_by("full_name")
                    .prefetch_related(Prefetch("assignments", held, to_attr="held_today")))

    def offers_nobody(self) -> bool:
        """Nobody to choose (the list would hold only "Choose who does it"). Reads the people offered once: the page
        lists them from the same result."""
        return not self.fields["to_person"].offered

    def leave_out(self, has_it: int) -> None:
        """The person who alone does the task now is not offered (giving it to them would change nothing,
        actions.AlreadyAssigned), on the page and again after an error."""
        field = self.fields["to_person"]
        field.offer(field.offered.exclude(pk=has_it))


class CancelForm(forms.Form):
    prefix = "cancel"
    reason = forms.CharField(label=_("Why the case is cancelled"), widget=forms.Textarea(attrs={"rows": 2}))
