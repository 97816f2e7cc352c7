"""Long typed texts on a phone (390 px): a disposition note and a meeting's discussion keep their line breaks
and lists, and a long address in them wraps instead of widening the page past the screen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from kinerja.correspondence import actions
from kinerja.org import demo
from tests.base import PASSWORD
from tests.browser.helpers import sign_in

from .helpers import small_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADDRESS = "https://ppid.bandarlampungkota.go.id/dokumen/lkjip/2025/lampiran-data-kinerja-triwulan-iii-final-revisi.pdf"
NOTE = f"Mohon segera:\n1. susun jadwal pengumpulan data;\n2. koordinasikan dengan seluruh bidang.\nLampiran: {ADDRESS}"


def page_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_long_notes_wrap_and_keep_their_lines_on_a_phone(live_server, page: Page, shot) -> None:
    built = demo.build(password=PASSWORD, today=dt.date.today() - dt.timedelta(days=30))
    office, p = built.office, built.positions
    secretary, staff = built.people["sekretaris"].user, built.people["jfu"].user
    day = dt.date.today() - dt.timedelta(days=1)
    letter = actions.register_letter(office, actions.LetterInput(
        number="800/123/III.07/2025", letter_date=day, sender="Bapperida Kota Bandar Lampung",
        subject="Permohonan Data Realisasi Indikator Kinerja Utama", received_on=day),
        user=secretary, scan=SimpleUploadedFile("surat.pdf", small_pdf(), content_type="application/pdf"))
    actions.dispose_letter(letter.pk, user=secretary, recipients=[p["subsection_head"]], instructions=["follow_up"],
                           note=NOTE, disposed_on=day)
    minutes = actions.record_minutes(office, actions.MinutesInput(
        title="Rapat Koordinasi", held_on=day, place="Ruang Rapat", chair=p["subsection_head"], agenda="Data",
        discussion=NOTE, decisions="", present=[p["subsection_head"]], absent=[], follow_ups=[]), user=staff)

    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server.url, "sekretaris")
    for name, url in (("letter", f"/letters/{letter.pk}/"), ("minutes", f"/minutes/{minutes.pk}/")):
        page.goto(live_server.url + url)
        expect(page.locator(".corr-pre", has_text="koordinasikan dengan seluruh bidang")).to_be_visible()
        shot(f"correspondence-long-note-{name}-phone")
        assert page_width(page) == 390, name
        lines = page.locator(".corr-pre", has_text="Mohon segera").evaluate("e => e.innerText.split('\\n').length")
        assert lines >= 4, name  # the note's own line breaks
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/letters/{letter.pk}/")
    shot("correspondence-long-note-letter-desktop")
    assert page_width(page) == 1280
