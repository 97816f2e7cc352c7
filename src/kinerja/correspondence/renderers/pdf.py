"""HTML templates to PDF through WeasyPrint. Official documents print in Bahasa Indonesia whatever
the reader's interface language, with the office letterhead on top."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe

from kinerja.org.models import Office

from .. import qr


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    with translation.override("id"):
        html = render_to_string(template, context)
    return HTML(string=html).write_pdf()


def letterhead_context(office: Office) -> dict[str, Any]:
    lines = office.letterhead_lines or [office.name]
    return {"office": office, "letterhead_top": lines[:-1] if len(lines) > 1 else lines,
            "letterhead_address": lines[-1] if len(lines) > 1 else "",
            # Letters are dated at the city: "Bandar Lampung, 21 Maret 2025".
            "place": office.city.removeprefix("Kota ").removeprefix("Kabupaten ")}


def long_date(day: dt.date) -> str:
    with translation.override("id"):
        return date_format(day, "j F Y")


def signature_block_pdf(*, signer_name: str, nip: str, position: str, signed_at: dt.datetime, verify_url: str,
                        demo: bool, time_zone: str = "Asia/Jakarta") -> bytes:
    """The visible block of an electronic signature: a page the size of the signature field."""
    local = signed_at.astimezone(ZoneInfo(time_zone))
    return render_pdf("correspondence/pdf/signature_block.html", {
        "signer_name": signer_name, "nip": nip, "position": position, "verify_url": verify_url, "demo": demo,
        "signed_on": long_date(local.date()), "signed_time": local.strftime("%H.%M"),
        "qr_svg": mark_safe(qr.svg(verify_url)),  # our own markup: rectangles only, no text
    })
