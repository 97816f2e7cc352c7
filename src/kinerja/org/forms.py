"""Admin forms of the organisation. They parse input; the rules stay in models.py and actions.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import UsernameField
from django.utils.translation import gettext_lazy as _

from .models import Person
from .nip import normalise_nip


class PersonForm(forms.ModelForm):  # type: ignore[type-arg]
    # Wider than the 18 stored digits: people type the NIP grouped as printed ("19750427 199311 2 001"),
    # and a browser cuts what is typed at the field's maxlength.
    nip = forms.CharField(label=_("NIP"), max_length=30, required=False,
                          help_text=_("18 digits; spaces as printed under a signature are allowed."))

    class Meta:
        model = Person
        fields = ["office", "full_name", "nip", "grade", "extra_role", "language"]

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
    password1 = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), help_text=password_validation.password_validators_help_text_html())
    password2 = forms.CharField(label=_("Password again"), strip=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}))

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken; choose another."))
        return username

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            user = get_user_model()(username=cleaned.get("username", ""), email=cleaned.get("email", ""),
                                    first_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as e:
                self.add_error("password1", e)
        return cleaned
