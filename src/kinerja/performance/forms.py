"""Forms of the performance pages. Values are plain text fields: numbers are typed the Indonesian way
and read by numbers.py inside the actions, so the form keeps exactly what the user typed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Max, Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kinerja.org.models import Office, Unit

from .models import QUARTERS, ActionPlanItem, Indicator, Objective
from .numbers import NumberError, format_plain, parse_optional_number


class ObjectiveEditForm(forms.Form):
    """An objective's code, name and order, changed after it was created (actions.save_objective)."""

    code = forms.CharField(label=_("Code"), max_length=30)
    name = forms.CharField(label=_("Name"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=99999)

    @staticmethod
    def initial_for(objective: Objective) -> dict[str, Any]:
        return {"code": objective.code, "name": objective.name, "order": objective.order}


class ObjectiveForm(ObjectiveEditForm):
    """A new objective, with the years of its strategic plan (actions.add_objective)."""

    plan_start_year = forms.IntegerField(label=capfirst(_("strategic plan starts in")))
    plan_end_year = forms.IntegerField(label=capfirst(_("strategic plan ends in")))

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # After the office's others: left at 0 for all, they would sort by code, S10 between S1 and S2.
        self.fields["order"].initial = next_order(Objective.objects.filter(office=office))


def next_order(rows: Any) -> int:
    """The order after the last of `rows` (objectives or indicators), 1 for the first."""
    return (rows.aggregate(last=Max("order"))["last"] or 0) + 1


class IndicatorForm(forms.Form):
    objective = forms.ModelChoiceField(label=_("Strategic objective"), queryset=Objective.objects.none())
    code = forms.CharField(label=_("Code"), max_length=30)
    name = forms.CharField(label=_("Indicator"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    unit = forms.CharField(label=_("Unit of measure"), max_length=60)
    polarity = forms.ChoiceField(label=_("Polarity"), choices=Indicator.Polarity.choices)
    negative_method = forms.ChoiceField(label=_("Formula for negative polarity"),
                                        choices=Indicator.NegativeMethod.choices)
    is_key = forms.BooleanField(label=_("Key indicator (IKU)"), required=False)
    division = forms.ModelChoiceField(label=_("Responsible division"), queryset=Unit.objects.none(), required=False)
    quarter_aggregation = forms.ChoiceField(label=_("How the quarters add up"), choices=Indicator.Aggregation.choices)
    national_standard = forms.CharField(label=_("National standard"), required=False, max_length=40,
                                        help_text=_("Optional; typed as 1.725,5"))
    definition = forms.CharField(label=_("Definition or formula"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    data_source = forms.CharField(label=_("Data source"), required=False, max_length=300)
    order = forms.IntegerField(label=_("Order"), min_value=0, initial=0)

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = Objective.objects.filter(office=office)
        # The units asked for data (the Bidang, and the Sekretariat for its own indicators), and whichever unit the
        # indicator answers to now: offered only the Bidang, an indicator of the Sekretariat lost it on every save.
        current = (self.initial or {}).get("division")
        self.fields["division"].queryset = Unit.objects.filter(
            Q(kind__in=Unit.ASKED_FOR_DATA) | Q(pk=current), office=office)
        # A new indicator comes after the office's others (an edited one keeps its order, from initial_for):
        # left at 0 for all, they would sort by code, IK-10 between IK-1 and IK-2.
        self.fields["order"].initial = next_order(Indicator.objects.filter(office=office))

    @staticmethod
    def initial_for(indicator: Indicator) -> dict[str, Any]:
        return {"objective": indicator.objective_id, "code": indicator.code, "name": indicator.name,
                "unit": indicator.unit, "polarity": indicator.polarity, "negative_method": indicator.negative_method,
                "is_key": indicator.is_key, "division": indicator.division_id,
                "quarter_aggregation": indicator.quarter_aggregation,
                "national_standard": format_plain(indicator.national_standard),
                "definition": indicator.definition, "data_source": indicator.data_source, "order": indicator.order}

    def clean_national_standard(self) -> Decimal | None:
        try:
            return parse_optional_number(self.cleaned_data["national_standard"])
        except NumberError as e:
            raise forms.ValidationError(str(e)) from e


class TargetsForm(forms.Form):
    renstra = forms.CharField(label=_("Strategic plan target for the year"), required=False, max_length=60)
    agreement = forms.CharField(label=_("Performance agreement target"), required=False, max_length=60)
    quarter_1 = forms.CharField(label=_("Quarter I"), required=False, max_length=60)
    quarter_2 = forms.CharField(label=_("Quarter II"), required=False, max_length=60)
    quarter_3 = forms.CharField(label=_("Quarter III"), required=False, max_length=60)
    quarter_4 = forms.CharField(label=_("Quarter IV"), required=False, max_length=60)
    renstra_end = forms.CharField(label=_("End of the strategic plan"), required=False, max_length=60)


class ActivityForm(forms.Form):
    """One activity of a Rencana Aksi. Every field is kept as typed; plan.py reads and checks the values
    (the importer's rules), so a bad number comes back in its field exactly as it was written."""

    name = forms.CharField(label=pgettext_lazy("action plan", "Activity"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    quarter = forms.TypedChoiceField(label=_("Planned for"), required=False, coerce=int, empty_value=None,
                                     choices=[("", _("The whole year")), *QUARTERS])
    target_q1 = forms.CharField(label=_("Target TW I"), required=False, max_length=40)
    target_q2 = forms.CharField(label=_("Target TW II"), required=False, max_length=40)
    target_q3 = forms.CharField(label=_("Target TW III"), required=False, max_length=40)
    target_q4 = forms.CharField(label=_("Target TW IV"), required=False, max_length=40)
    budget = forms.CharField(label=_("Budget (Rp)"), required=False, max_length=40,
                             help_text=_("Optional; typed as 1.500.000"))

    @staticmethod
    def initial_for(item: ActionPlanItem) -> dict[str, Any]:
        return {"name": item.name, "quarter": item.quarter, "budget": format_plain(item.budget),
                **{f"target_q{q}": format_plain(v) for q, v in enumerate(item.quarter_targets, start=1)}}

    def edit_values(self) -> dict[str, Any]:
        """The keyword arguments of plan.add_activity / change_activity."""
        data = self.cleaned_data
        return {"name": data["name"], "quarter": data["quarter"], "budget": data["budget"],
                "targets": [data[f"target_q{q}"] for q in range(1, 5)]}


class ActualForm(forms.Form):
    value = forms.CharField(label=_("Actual"), required=False, max_length=60,
                            help_text=_("Typed the Indonesian way: 1.725 or 65,5 or 12,5%"))
    obstacles = forms.CharField(label=_("Obstacles"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    solutions = forms.CharField(label=_("Solutions"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(label=_("Evidence (PDF, PNG, JPEG, XLSX, DOCX)"), required=False)
    # The value the user confirmed after its plausibility warning (actions.is_confirmed); a checkbox whose
    # value is the figure warned about, so a figure changed since is checked again.
    confirm = forms.CharField(label=_("The figure is right: save it anyway"), required=False, max_length=60)

    def for_text_target(self, target: str) -> None:
        """The indicator's target is a text (WTP, A, BB): its actual is a text too, not a number."""
        help_text = _("A text, as the target is written (the target is %(target)s); it is met or not met.") % {
            "target": target}
        self.fields["value"].help_text = help_text
        # A form already validated holds its bound field, which copied the help it had then ("1.725 atau 65,5").
        self["value"].help_text = help_text

    def without_percent(self) -> None:
        """The indicator is not measured in percent (kali, indeks): its help shows no "12,5%", which it refuses."""
        help_text = _("Typed the Indonesian way: 1.725 or 65,5")
        self.fields["value"].help_text = help_text
        self["value"].help_text = help_text


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 2}))


class CorrectionForm(forms.Form):
    value = forms.CharField(label=_("Corrected actual"), max_length=60)
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(forms.Form):
    """A new file, or the one uploaded on the step before (`upload`, the token it is kept under), and
    for a workbook with several sheets of data the sheet to import."""

    file = forms.FileField(label=_("Spreadsheet (XLSX or CSV)"), required=False)
    sheet = forms.CharField(label=_("Sheet"), required=False, max_length=100, widget=forms.HiddenInput)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    dry_run = forms.BooleanField(label=_("Only check, save nothing"), required=False, initial=True)
    upload = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    # What a file with a Kegiatan column is, where kinerja cannot tell (importer.UnclearKind): asked, not guessed.
    kind = forms.ChoiceField(label=_("What the file is"), required=False, widget=forms.HiddenInput, choices=[
        ("", ""),
        ("agreement", _("A Perjanjian Kinerja: one row per indicator; the Kegiatan column is not read")),
        ("plan", _("A Rencana Aksi: the activities of each indicator are imported"))])

    def __init__(self, *args: Any, sheets: list[str] | None = None, ask_kind: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if sheets and len(sheets) > 1:  # the sheets that have a header, to choose from
            self.fields["sheet"].widget = forms.Select(choices=[(s, s) for s in sheets])
        if ask_kind:
            self.fields["kind"].choices = self.fields["kind"].choices[1:]
            self.fields["kind"].widget = forms.RadioSelect(choices=self.fields["kind"].choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("file") and not data.get("upload"):
            self.add_error("file", forms.ValidationError(_("Choose the file to import."), code="required"))
        return data
