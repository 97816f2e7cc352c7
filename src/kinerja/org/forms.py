"""Admin forms of the organisation. They parse input; the rules stay in models.py and actions.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import UsernameField
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import Office, Person
from .nip import normalise_nip


class PersonForm(forms.ModelForm):  # type: ignore[type-arg]
    # Wider than the 18 stored digits: people type the NIP grouped as printed ("19750427 199311 2 001"),
    # and a browser cuts what is typed at the field's maxlength.
    nip = forms.CharField(label=_("NIP"), max_length=30, required=False,
                          help_text=_("18 digits; spaces as printed under a signature are allowed."))

    class Meta:
        model = Person
        fields = ["office", "full_name", "nip", "other_id", "grade", "extra_role", "language"]

    def clean_nip(self) -> str:
        return normalise_nip(self.cleaned_data.get("nip", ""))


class PersonCreationForm(PersonForm):
    """A new person with the account they sign in with, as the office's administrator enters them."""

    username = UsernameField(label=_("Username"), max_length=150,
                             help_text=_("What the person types to sign in: letters, digits and @/./+/-/_ only."))
    email = forms.EmailField(label=_("Email"), required=False,
                             help_text=_("Reminders of due tasks are sent here."))
    is_staff = forms.BooleanField(label=_("Administrator of the office"), required=False,
                                  help_text=_("Manages the office's units, positions, people and settings here."))
    # Not required: most often the administrator enters the person and hands them a first password drawn
    # at random and printed (actions.give_first_passwords), as for the people of an imported office.
    password1 = forms.CharField(label=_("Password"), strip=False, required=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), help_text=format_lazy(
            "{} {}", _("Leave both empty to print a first password for the person after saving. A password typed "
                       "here works too. Either way the person chooses their own at the first sign-in."),
            password_validation.password_validators_help_text_html()))
    password2 = forms.CharField(label=_("Password again"), strip=False, required=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}))

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken; choose another."))
        return username

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        user = get_user_model()(username=cleaned.get("username", ""), email=cleaned.get("email", ""),
                                first_name=cleaned.get("full_name", ""))
        if bool(cleaned.get("password1")) != bool(cleaned.get("password2")):
            missing = "password2" if cleaned.get("password1") else "password1"
            self.add_error(missing, _("Type the password twice, or leave both empty to print a first password."))
        _check_new_password(self, "password1", "password2", user)
        return cleaned


def _check_new_password(form: forms.Form, first_name: str, second_name: str, user: Any) -> None:
    first, second = form.cleaned_data.get(first_name), form.cleaned_data.get(second_name)
    if first and second and first != second:
        form.add_error(second_name, _("The two passwords differ."))
    elif first:
        try:
            password_validation.validate_password(first, user)
        except forms.ValidationError as e:
            form.add_error(first_name, e)


class PersonChangeForm(PersonForm):
    """A person's data, and their account: whether it may sign in (off when they leave the office), and
    a new password when they forgot theirs, or the first one of an account made without."""

    active = forms.BooleanField(label=_("May sign in"), required=False,
                                help_text=_("Untick when the person leaves the office; their history stays."))
    new_password1 = forms.CharField(label=_("New password"), strip=False, required=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), help_text=_(
            "Only to replace a forgotten password; else leave empty. The person chooses their own at the next sign-in."))
    new_password2 = forms.CharField(label=_("New password again"), strip=False, required=False,
                                    widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and "active" in self.fields:
            self.fields["active"].initial = self.instance.user.is_active
        # An account made without a password (as the organisation import makes them) gets its first one here.
        if (self.instance.pk is not None and "new_password1" in self.fields
                and not self.instance.user.has_usable_password()):
            self.fields["new_password1"].help_text = _(
                "This account has no password yet and cannot sign in: give its first password here. The person "
                "chooses their own at the next sign-in.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.cleaned_data.get("new_password1") and not self.cleaned_data.get("new_password2"):
            self.add_error("new_password2", _("Type the new password twice."))
        _check_new_password(self, "new_password1", "new_password2", self.instance.user)
        return cleaned


MAX_IMPORT_BYTES = 10 * 1024 * 1024


class ImportForm(forms.Form):
    """The organisation's spreadsheet, or the one uploaded for the preview (`upload`, the token it is kept
    under), which `save` imports; the office it is for, among those the user may administer (the city's
    operator has several; an office's administrator has one, and is not asked); the sheet of a workbook
    to read (empty: every sheet with a header)."""

    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none(), required=True,
                                    empty_label=_("— choose the office —"))
    file = forms.FileField(label=_("Spreadsheet (XLSX or CSV)"), required=False)
    sheet = forms.CharField(label=_("Sheet"), required=False, max_length=100,
                            help_text=_("Only for a workbook with several sheets: the name of the sheet to read. "
                                        "Empty: every sheet with the columns is read."))
    upload = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        self.only_office = offices.get() if offices.count() == 1 else None
        if self.only_office is not None:  # their own office: nothing to choose
            self.fields["office"].initial = self.only_office.pk
            self.fields["office"].required = False
            self.fields["office"].widget = forms.HiddenInput()

    def clean_office(self) -> Office | None:
        return self.cleaned_data.get("office") or self.only_office

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload = data.get("file")
        if not upload and not data.get("upload"):
            self.add_error("file", forms.ValidationError(_("Choose the file to import."), code="required"))
        elif upload and upload.size > MAX_IMPORT_BYTES:
            self.add_error("file", _("The file is larger than 10 MB."))
        return data
