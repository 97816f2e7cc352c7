"""Forms of the SOP pages: the upload, the per-step corrections of the preview, revoking, linking."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kinerja.org.models import Position

from .importers import StepDraft
from .importers.values import list_items, list_text
from .models import Actor, Step


class UploadForm(forms.Form):
    document = forms.FileField(label=_("SOP document"), help_text=_(
        "A .docx, .xlsx, .pdf, .txt, .md or .csv file in the SOP AP form, at most 10 MB."))

    def clean_document(self) -> UploadedFile:
        document: UploadedFile = self.cleaned_data["document"]
        limit = settings.KINERJA_MAX_UPLOAD_BYTES
        if document.size and document.size > limit:
            raise forms.ValidationError(_("The file is larger than %(max)d MB.") % {"max": limit // (1024 * 1024)})
        return document


class NumberField(forms.DecimalField):
    """A number typed the Indonesian way (2,5; 1.234,5); a wrong one is quoted back in the error."""

    def to_python(self, value: Any) -> Decimal | None:
        try:
            return super().to_python(value)
        except forms.ValidationError as e:
            if e.code != "invalid":
                raise
            raise forms.ValidationError(_("“%(value)s” is not a number; write e.g. 2,5."), code="invalid",
                                        params={"value": value}) from None


class ListTextField(forms.CharField):
    """A Kelengkapan or Output as typed: several lines are a list, stored as the importer stores one (an item
    a line, no bullets: importers.values.list_text; a browser sends a textarea's lines ending in CR LF); one
    line as typed. `list_hint` says, beside the label, how many items the step's list holds."""

    list_hint = ""

    def to_python(self, value: Any) -> str:
        text = str(super().to_python(value))
        listed = list_text(text)  # several lines, or a list typed on one line ("• KTP • KK")
        return listed if len(list_items(listed)) > 1 else text.strip()


class StepForm(forms.Form):
    """The parts of one step the user may correct before saving: actor, standard time, return target, and
    the step's Kelengkapan (inputs), Output and Ket. (note) as read."""

    actor = forms.ChoiceField(label=_("Actor"), widget=forms.Select(attrs={"class": "sop-actor"}))
    duration_value = NumberField(label=_("Standard time"), min_value=Decimal("0.01"), max_digits=8,
                                 decimal_places=2, localize=True)
    duration_unit = forms.ChoiceField(label=_("Time unit"), choices=[("", "—"), *Step.Unit.choices],
                                      widget=forms.Select(attrs={"class": "sop-unit"}))
    returns_to = forms.CharField(label=_("Returns to step"), required=False, max_length=60,
                                 widget=forms.TextInput(attrs={"class": "sop-returns", "inputmode": "numeric"}),
                                 help_text=_("Step numbers, separated by commas; empty if the step sends nothing back."))

    branch_to = forms.CharField(label=_("If not, on to step"), required=False, max_length=10,
                                widget=forms.TextInput(attrs={"class": "sop-returns", "inputmode": "numeric"}),
                                help_text=_("A decision whose “Tidak” skips ahead (“Tidak: lanjut ke langkah 7”); "
                                            "empty for none."))
    ends_if_not = forms.BooleanField(label=_("If not (Tidak), the procedure ends"), required=False,
                                     help_text=_("A decision whose “Tidak” ends the procedure (“Tidak: proses "
                                                 "selesai”, “permohonan ditolak (selesai)”)."))

    # A list (the document's cell of several lines) shows an item a line, as it is stored; so is it typed.
    inputs = ListTextField(label=_("Inputs (Kelengkapan)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2, "class": "sop-text"}))
    output = ListTextField(label=_("Output"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2, "class": "sop-text"}))
    note = forms.CharField(label=_("Note (Ket.)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2, "class": "sop-text"}))

    def __init__(self, *args: Any, step: StepDraft, actors: list[str], labels: dict[int, str] | None = None,
                 last: int | None = None, **kwargs: Any) -> None:
        # `labels`: the number each step is printed with ("3.1" for a sub-step), by step number; the user
        # reads and writes those. `last`: the number of the last step.
        self.labels = labels or {}
        self.warnings: list[str] = []  # what the importer asks the user to check in this step (SopDraft.warnings)
        kwargs.setdefault("initial", {
            "actor": step.actor, "duration_value": step.duration_value, "duration_unit": step.duration_unit,
            "returns_to": ", ".join(self.labels.get(n, str(n)) for n in step.returns_to),
            "branch_to": self.labels.get(step.branch_to, str(step.branch_to)) if step.branch_to else "",
            "ends_if_not": step.ends_if_not, "inputs": step.inputs, "output": step.output, "note": step.note})
        super().__init__(*args, prefix=f"step-{step.number}", **kwargs)
        self.step, self.last = step, last
        self.fields["actor"].choices = [("", "—")] + [(a, a) for a in actors]
        for name in ("inputs", "output"):
            # A list shows whole, and its label says how many items it holds: in a narrow box a long item
            # wraps and would look like two.
            lines = len(list_items(getattr(step, name)))
            field = cast(ListTextField, self.fields[name])
            field.widget.attrs["rows"] = max(2, min(lines, 8))
            field.list_hint = ngettext("%(n)d item, one per line", "%(n)d items, one per line",
                                                   lines) % {"n": lines} if lines > 1 else ""
        # A step whose time the document does not give (no Waktu column): the error names the step.
        missing = _("Step %(step)s has no standard time: type its number and choose its unit.") % {
            "step": step.display_number}
        self.fields["duration_value"].error_messages["required"] = missing
        self.fields["duration_unit"].error_messages["required"] = missing

    @property
    def lacks_time(self) -> bool:
        """Whether the step's time is still missing on the posted form (value or unit left empty)."""
        return any(e.code == "required" for name in ("duration_value", "duration_unit")
                   for e in self.errors.as_data().get(name, []))

    def clean_returns_to(self) -> list[int]:
        text = self.cleaned_data["returns_to"].strip()
        if not text:
            return []
        parts = [p for p in re.split(r"[,\s;]+", text) if p]
        by_label = {label.lower(): number for number, label in self.labels.items()}
        if by_label:
            if not all(p.lower() in by_label for p in parts):
                raise forms.ValidationError(_("Write step numbers as the table prints them, such as 3.1 or 2, 3.1."))
            parts = [str(by_label[p.lower()]) for p in parts]
        if not all(p.isdigit() for p in parts):
            raise forms.ValidationError(_("Write step numbers such as 3 or 2, 3."))
        numbers = sorted({int(p) for p in parts})
        # The step itself too: it is done again (a fresh task of the step, as the engine returns work).
        if any(not 1 <= n <= self.step.number for n in numbers):
            raise forms.ValidationError(_("A step can only send work back to an earlier step or to itself."))
        return numbers

    def clean_branch_to(self) -> int | None:
        text = self.cleaned_data["branch_to"].strip()
        if not text:
            return None
        by_label = {label.lower(): number for number, label in self.labels.items()}
        if text.lower() in by_label:
            target = by_label[text.lower()]
        elif text.isdigit() and not by_label:
            target = int(text)
        else:
            raise forms.ValidationError(_("Write one step number as the table prints it, such as 7."))
        if target <= self.step.number + 1 or (self.last is not None and target > self.last):
            raise forms.ValidationError(_("Write a later step than the next one, up to %(last)s; to send work back, "
                                          "use Returns to step.") % {"last": self.labels.get(self.last, self.last)})
        return target

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.lacks_time and "duration_value" in self.errors and "duration_unit" in self.errors:
            del self.errors["duration_unit"]  # the same "type its time" once, under the number
        # On the last step too: its "Tidak" (a refusal) ends the case not continued, apart from completing it.
        if data.get("ends_if_not") and data.get("branch_to") is not None:
            self.add_error("ends_if_not", _("The “Tidak” either goes on to a later step or ends the procedure: "
                                            "empty one of them."))
        return data


class SaveForm(forms.Form):
    """The confirmation the upload preview asks for when the document's header names another office
    (sop.origin): the user ticks it to store the document anyway."""

    other_office = forms.BooleanField(
        label=_("I checked: this document is meant for this office anyway (for example an SOP adopted from "
                "another office)."), required=False)

    def __init__(self, *args: Any, foreign: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.foreign = foreign

    def clean_other_office(self) -> bool:
        confirmed = self.cleaned_data["other_office"]
        if self.foreign and not confirmed:
            raise forms.ValidationError(_("The header names another office: tick the box to store it anyway, "
                                          "or discard the upload."))
        return confirmed


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class LinkActorForm(forms.Form):
    position = forms.ModelChoiceField(label=_("Position"), queryset=Position.objects.none(), required=False,
                                      empty_label=_("(not linked)"))
    in_unit = forms.ChoiceField(label=_("Or, case by case"), required=False,
                                choices=[("", _("(one position, chosen above)")), *Actor.InUnit.choices],
                                help_text=_("“Kepala Bidang” with no bidang named: the head of the unit each case is "
                                            "about; “Pegawai yang bersangkutan”: the employee each case is about. "
                                            "Both are chosen when the case starts."))
    external = forms.BooleanField(
        label=_("Outside the office (the applicant, the public, another agency): this position records its steps"),
        required=False)

    def __init__(self, *args: Any, office_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = Position.objects.filter(office_id=office_id).order_by("title")
