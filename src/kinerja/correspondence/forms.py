"""Forms of the correspondence pages. They parse input; the actions decide and save."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kinerja.dates import FIRST_YEAR, LAST_YEAR, parse_date
from kinerja.org.models import Assignment, Office, Position

from .models import Document, Instruction, Letter

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DateField(forms.DateField):
    """A date as the browser's date picker sends it (2025-03-20) or as typed where there is none, in the
    forms Indonesian letters use: 20 Maret 2025, 20-03-2025, 20/03/2025. An unreadable one is quoted."""

    widget = DATE

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        try:
            day = parse_date(str(value))
        except ValueError:
            day = None
        if day is None:
            raise forms.ValidationError(_("“%(value)s” is not a date; write e.g. 20 Maret 2025."), code="invalid",
                                        params={"value": value})
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            # "25" typed as the year in a date picker sends 0025-03-20, which parses.
            raise forms.ValidationError(_("“%(value)s”: the year %(year)d is outside %(first)d–%(last)d; write e.g. "
                                          "20 Maret 2025."), code="year",
                                        params={"value": value, "year": day.year, "first": FIRST_YEAR,
                                                "last": LAST_YEAR})
        return day
PDF_INPUT = forms.ClearableFileInput(attrs={"accept": "application/pdf"})


class ScanInput(forms.ClearableFileInput):
    """One PDF, or several photos of a letter's pages chosen at once (on a telephone, from the camera)."""

    allow_multiple_selected = True


class ScanField(forms.FileField):
    """The uploads chosen (a list, in the order the browser sends them: the order chosen); what they may be is
    the action's to check (scans.scan_bytes), whose messages name the file."""

    widget = ScanInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/tiff"})

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, (list, tuple)) else [data]
        cleaned = [super(ScanField, self).clean(f, initial) for f in files if f not in self.empty_values]
        if not cleaned:
            super().clean(None, initial)  # "required"
        return cleaned


class PositionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Position) -> str:  # type: ignore[override]
        return obj.title


class HeldPositionSelect(forms.Select):
    """A choice of position in which a position nobody holds on the meeting's date (`vacant`, ids) is shown
    disabled and marked Lowong, never selected: it cannot be chosen, and the user sees why it is not offered."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vacant: set[int] = set()

    def create_option(self, name: str, value: Any, label: Any, selected: Any, index: int, subindex: int | None = None,
                      attrs: dict[str, Any] | None = None) -> dict[str, Any]:
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        pk = getattr(value, "value", value)
        if pk not in (None, "") and int(pk) in self.vacant:
            option["label"] = _("%(position)s — vacant") % {"position": label}
            option["attrs"]["disabled"] = True
            option["selected"] = False
            option["attrs"].pop("selected", None)
        return option


class PositionMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Position) -> str:  # type: ignore[override]
        return obj.title


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Letter.Kind.choices)
    number = forms.CharField(label=_("Letter number"), max_length=120)
    letter_date = DateField(label=_("Letter date"))
    sender = forms.CharField(label=_("Sender"), max_length=300)
    subject = forms.CharField(label=_("Subject"), max_length=300)
    classification = forms.CharField(label=_("Classification code"), max_length=30, required=False)
    received_on = DateField(label=_("Date received"))
    period = forms.CharField(label=_("Period asked for"), max_length=80, required=False,
                             help_text=_("For a data collection letter, e.g. Triwulan I 2025."))
    # An empty file reaches the action, whose message names it (Django's says only "the file is empty").
    scan = ScanField(label=_("Scanned letter"), allow_empty_file=True,
                     help_text=_("One PDF from the scanner, or photos of its pages (JPG, PNG), chosen together in "
                                 "page order: kinerja puts them into one PDF."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A perihal or a sender copied from the letter is pasted whole: a browser cuts it at the field's maxlength
        # without a word, and the register kept it cut. Over the limit, the form says so with its length instead.
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)


class DispositionForm(forms.Form):
    # Django's "Bidang ini tidak boleh kosong" reads as "this division" in an office of bidang: say what to tick.
    recipients = PositionMultipleChoiceField(label=_("To"), queryset=Position.objects.none(),
                                             widget=forms.CheckboxSelectMultiple,
                                             error_messages={"required": _("Tick at least one position to send it to.")})
    instructions = forms.MultipleChoiceField(label=_("Instructions"), choices=Instruction.choices,
                                             widget=forms.CheckboxSelectMultiple,
                                             error_messages={"required": _("Tick at least one instruction.")})
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    disposed_on = DateField(label=_("Date"))

    def __init__(self, *args: Any, office: Office, own: Iterable[int] = (), capacities: Sequence[Assignment] = (),
                 **kwargs: Any) -> None:
        """`own`: the disposer's own positions (actions.own_positions), left out of "To". `capacities`: the
        disposer's assignments that may dispose today (actions.capacities), their own definitive one first;
        with two or more (the Sekretaris who is Plt head) the form asks in which capacity, first one
        chosen, and the sheet prints that title."""
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = (Position.objects.filter(office=office).exclude(kind=Position.Kind.HEAD)
                                              .exclude(pk__in=list(own)))
        if len(capacities) > 1:
            self.fields["as_position"] = forms.TypedChoiceField(
                label=_("As"), coerce=int, required=False, empty_value=None,
                choices=[(a.position_id, a.title_as_held) for a in capacities],
                initial=capacities[0].position_id, widget=forms.RadioSelect,
                help_text=_("You hold more than one position today: the disposition sheet prints the one chosen."))
            self.order_fields(["as_position"])


def _addressee_place() -> forms.CharField:
    return forms.CharField(label=_("Addressee's town (di …)"), max_length=120, required=False,
                           help_text=_("Surat dinas only: the town printed after \"di\" under the addressee, e.g. "
                                       "Jakarta; empty: Tempat (in the office's own town)."))


def _attachment() -> forms.CharField:
    return forms.CharField(label=_("Attachment (lampiran)"), max_length=100, required=False,
                           help_text=_("e.g. 1 (satu) berkas; empty: none."))


# What Permendagri 1/2023 and offices write as a letter's sifat, offered as the field is typed in; another may be
# typed. Document-format words: the same in either language of the page.
NATURES = ("Biasa", "Penting", "Segera", "Sangat Segera", "Terbatas", "Rahasia", "Sangat Rahasia")


class SuggestingInput(forms.TextInput):
    """A text field with suggestions (a datalist) the browser offers as it is typed in."""

    template_name = "correspondence/widgets/suggesting_input.html"

    def __init__(self, suggestions: Sequence[str], attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.suggestions = list(suggestions)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id') or name}_suggestions"
        context["widget"]["attrs"]["list"] = list_id
        context["widget"].update(list_id=list_id, suggestions=self.suggestions)
        return context


def _nature() -> forms.CharField:
    return forms.CharField(label=_("Nature (sifat)"), max_length=40, required=False,
                           widget=SuggestingInput(NATURES, attrs={"autocomplete": "off"}),
                           help_text=_("Surat dinas only: printed under the Nomor, e.g. Biasa, Segera, Rahasia; "
                                       "empty: not printed."))


def _copies_to() -> forms.CharField:
    return forms.CharField(label=_("Copies to (tembusan)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Surat dinas only: one recipient of a copy per line, e.g. Wali Kota Bandar "
                                       "Lampung; printed as a numbered list under the signature; empty: not "
                                       "printed."))


class OutgoingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Template"), choices=[(k.value, k.label) for k in Document.OUTGOING_KINDS])
    title = forms.CharField(label=_("Subject"), max_length=300)
    addressee = forms.CharField(label=_("To"), max_length=300)
    addressee_place = _addressee_place()
    nature = _nature()
    attachment = _attachment()
    classification = forms.CharField(label=_("Classification code"), max_length=30, required=False)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("Separate paragraphs with an empty line."))
    copies_to = _copies_to()


class ReviseForm(forms.Form):
    title = forms.CharField(label=_("Subject"), max_length=300)
    addressee = forms.CharField(label=_("To"), max_length=300)
    addressee_place = _addressee_place()
    nature = _nature()
    attachment = _attachment()
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))
    copies_to = _copies_to()
    note = forms.CharField(label=_("What changed"), max_length=300)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        """`kind`: the document's; only a surat dinas has an addressee's town, a sifat and a tembusan to change."""
        super().__init__(*args, **kwargs)
        if kind != Document.Kind.OFFICIAL_LETTER:
            for name in ("addressee_place", "nature", "copies_to"):
                del self.fields[name]


class UploadVersionForm(forms.Form):
    file = forms.FileField(label=_("New version (PDF)"), widget=PDF_INPUT, allow_empty_file=True)
    note = forms.CharField(label=_("What changed"), max_length=300)


class SignForm(forms.Form):
    password = forms.CharField(label=_("Your password (again)"),
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("Signed PDF to check"), widget=PDF_INPUT)


ATTENDANCE_CHOICES = [("", _("Not invited")), ("present", _("Present")), ("absent", _("Absent"))]
# Rows for follow-ups the form starts with, and how many "Add rows" gives at a time, up to the most a
# form takes (a long coordination meeting decides a dozen or more).
FOLLOW_UP_ROWS = 4
MAX_FOLLOW_UP_ROWS = 40
_FOLLOW_UP_KEY = re.compile(r"fu_(\d+)_(?:description|position|due_on)")


def follow_up_rows_sent(data: Any) -> int:
    """How many follow-up rows a submitted form had (a form given more rows sends them all), at least
    FOLLOW_UP_ROWS."""
    sent = [int(m.group(1)) for key in data if (m := _FOLLOW_UP_KEY.fullmatch(key))]
    return min(MAX_FOLLOW_UP_ROWS, max([FOLLOW_UP_ROWS, *sent]))


# Rows for attendees from outside the office (a bank, another dinas), and how many "More rows" adds at a time.
OUTSIDE_ROWS = 2
MAX_OUTSIDE_ROWS = 40
_OUTSIDE_KEY = re.compile(r"out_(\d+)_(?:name|institution)")


def outside_rows_sent(data: Any) -> int:
    """How many outside-attendee rows a submitted form had, at least OUTSIDE_ROWS."""
    sent = [int(m.group(1)) for key in data if (m := _OUTSIDE_KEY.fullmatch(key))]
    return min(MAX_OUTSIDE_ROWS, max([OUTSIDE_ROWS, *sent]))


def meeting_day(data: Any, default: dt.date) -> dt.date:
    """The meeting's date typed on a submitted minutes form, `default` (today) when none can be read."""
    try:
        return DateField().clean(data.get("held_on")) if data else default
    except forms.ValidationError:
        return default


class MinutesForm(forms.Form):
    title = forms.CharField(label=_("Meeting"), max_length=300)
    held_on = DateField(label=_("Date"))
    place = forms.CharField(label=_("Place"), max_length=200)
    chair = PositionChoiceField(label=_("Chair"), queryset=Position.objects.none(), widget=HeldPositionSelect)
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 3}))
    discussion = forms.CharField(label=_("Discussion"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    decisions = forms.CharField(label=_("Decisions"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, office: Office, rows: int = FOLLOW_UP_ROWS, outside_rows: int = OUTSIDE_ROWS,
                 day: dt.date | None = None, **kwargs: Any) -> None:
        """`rows`: the follow-up rows to show (follow_up_rows_sent of what was submitted); `outside_rows`: the
        rows for attendees from outside the office (outside_rows_sent); `day`: the meeting's date as typed
        (meeting_day), on which a position without a holder is said to have none before it is marked present."""
        super().__init__(*args, **kwargs)
        self.rows = min(MAX_FOLLOW_UP_ROWS, max(FOLLOW_UP_ROWS, rows))
        self.can_add_rows = self.rows < MAX_FOLLOW_UP_ROWS
        self.outside_rows = min(MAX_OUTSIDE_ROWS, max(OUTSIDE_ROWS, outside_rows))
        self.can_add_outside_rows = self.outside_rows < MAX_OUTSIDE_ROWS
        self.positions = list(Position.objects.filter(office=office))
        self.fields["chair"].queryset = Position.objects.filter(office=office)
        held = (set(Assignment.objects.filter(Assignment.active_on(day), position__office=office)
                    .values_list("position_id", flat=True)) if day is not None else None)
        # A position nobody held that day is vacant (lowong): shown as such, not offered as present or absent. Its
        # field stays, so a choice sent for it (the date changed after the form was shown) reaches the action,
        # whose refusal names the position.
        self.vacant = {p.pk for p in self.positions if held is not None and p.pk not in held}
        # Nor offered as the chair or a follow-up's person in charge (record_minutes refuses them): shown disabled,
        # marked vacant. The fields still take every position of the office, so one sent anyway (the date changed
        # after the form was shown) reaches the action, whose refusal names the position and the date.
        self.fields["chair"].widget.vacant = self.vacant
        for p in self.positions:
            self.fields[f"att_{p.pk}"] = forms.ChoiceField(label=p.title, choices=ATTENDANCE_CHOICES, required=False)
            if p.pk in self.vacant:
                self.fields[f"att_{p.pk}"].help_text = _("Nobody held it on %(date)s: it is not on the attendance "
                                                         "list.") % {"date": date_format(day, "j F Y")}
        for i in range(1, self.outside_rows + 1):
            self.fields[f"out_{i}_name"] = forms.CharField(label=_("Name"), max_length=200, required=False)
            self.fields[f"out_{i}_institution"] = forms.CharField(
                label=_("Position / institution"), max_length=300, required=False,
                widget=forms.TextInput(attrs={"placeholder": _("e.g. Kepala Cabang Bank Lampung")}))
        for i in range(1, self.rows + 1):
            self.fields[f"fu_{i}_description"] = forms.CharField(label=_("Follow-up %(n)d") % {"n": i},
                                                                 max_length=400, required=False)
            self.fields[f"fu_{i}_position"] = PositionChoiceField(label=_("Person in charge"), required=False,
                                                                  queryset=Position.objects.filter(office=office),
                                                                  widget=HeldPositionSelect)
            self.fields[f"fu_{i}_position"].widget.vacant = self.vacant
            self.fields[f"fu_{i}_due_on"] = DateField(label=_("Due date"), required=False)

    def attendance_rows(self) -> list[tuple[forms.BoundField, bool]]:
        """Each position's attendance field and whether the position is vacant on the meeting's date."""
        return [(self[f"att_{p.pk}"], p.pk in self.vacant) for p in self.positions]

    def outside_attendee_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"out_{i}_name"], self[f"out_{i}_institution"]) for i in range(1, self.outside_rows + 1)]

    def follow_up_rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [(self[f"fu_{i}_description"], self[f"fu_{i}_position"], self[f"fu_{i}_due_on"])
                for i in range(1, self.rows + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        by_pk = {p.pk: p for p in self.positions}
        data["present"] = [by_pk[p.pk] for p in self.positions if data.get(f"att_{p.pk}") == "present"]
        data["absent"] = [by_pk[p.pk] for p in self.positions if data.get(f"att_{p.pk}") == "absent"]
        if not data["present"]:
            raise forms.ValidationError(_("Attendance: mark at least one position as present."))
        outside = []
        for i in range(1, self.outside_rows + 1):
            name, institution = data.get(f"out_{i}_name", ""), data.get(f"out_{i}_institution", "")
            if not name and not institution:
                continue
            if not (name and institution):
                self.add_error(f"out_{i}_name" if not name else f"out_{i}_institution",
                               _("Outside attendee %(n)d needs a name and a position or institution.") % {"n": i})
                continue
            outside.append((name, institution))
        data["outside"] = outside
        follow_ups = []
        for i in range(1, self.rows + 1):
            description = data.get(f"fu_{i}_description", "")
            position, due_on = data.get(f"fu_{i}_position"), data.get(f"fu_{i}_due_on")
            if not description and not position and not due_on:
                continue
            if not (description and position and due_on):
                self.add_error(f"fu_{i}_description",
                               _("Follow-up %(n)d needs a description, a person in charge and a due date.") % {"n": i})
                continue
            follow_ups.append((description, position, due_on, i))
        data["follow_ups"] = follow_ups
        return data
