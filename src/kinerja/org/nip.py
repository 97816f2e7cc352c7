"""NIP, the 18-digit civil-servant number: birth date (8), appointment year and month (6), sex (1),
sequence (3). Hand-written because no library knows its layout (BKN's rule, not a checksum)."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def normalise_nip(value: str) -> str:
    """Strip the spaces people type: "19750427 199311 2 001" → "197504271993112001"."""
    return re.sub(r"[\s.]", "", value or "")


def validate_nip(value: str) -> None:
    nip = normalise_nip(value)
    if not nip:
        return
    if not re.fullmatch(r"\d{18}", nip):
        raise ValidationError(_("NIP %(nip)s must be 18 digits.") % {"nip": value}, code="length")
    try:
        born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(_("NIP %(nip)s: digits 1–8 (%(part)s) are not a birth date.")
                              % {"nip": value, "part": nip[0:8]}, code="birth_date") from None
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        raise ValidationError(_("NIP %(nip)s: digits 13–14 (%(part)s) are not an appointment month.")
                              % {"nip": value, "part": nip[12:14]}, code="appointment_month")
    if year < born.year + 15 or year > dt.date.today().year + 1:
        raise ValidationError(_("NIP %(nip)s: the appointment year %(year)s does not fit the birth year %(born)s.")
                              % {"nip": value, "year": year, "born": born.year}, code="appointment_year")
    if nip[14] not in "12":
        raise ValidationError(_("NIP %(nip)s: digit 15 (%(part)s) must be 1 (male) or 2 (female).")
                              % {"nip": value, "part": nip[14]}, code="sex")
