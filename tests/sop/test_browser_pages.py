"""The SOP pages in a real browser: the Kasubbag finds the SOP, opens it, uploads a revision,
corrects a step in the preview and sees the changes. Screenshots at 1366 and 390 px."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from kinerja.org import demo as org_demo
from kinerja.sop import demo as sop_demo
from tests.base import PASSWORD
from tests.browser.helpers import sign_in

from .documents import SEED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(db):  # type: ignore[no-untyped-def]
    built = org_demo.build(password=PASSWORD, today=dt.date.today())
    sop_demo.load(built.office)
    return built


def both_widths(page: Page, shot, name: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1366, "height": 768})
    shot(f"{name}-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(f"{name}-phone")
    page.set_viewport_size({"width": 1366, "height": 768})


def test_kasubbag_reads_uploads_corrects_and_compares(live_server, page: Page, office, shot, tmp_path: Path) -> None:
    sign_in(page, live_server.url, "kasubbag")
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="SOP", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Standar Operasional Prosedur")
    page.get_by_label("Cari menurut nama atau nomor").fill("data kinerja")
    page.get_by_role("button", name="Cari").click()
    expect(page.locator("table.sop-list tbody tr")).to_have_count(1)
    both_widths(page, shot, "sop-list")

    page.get_by_role("link", name="PENGUMPULAN DATA KINERJA DINAS KOPERASI DAN UKM KOTA BANDAR LAMPUNG").click()
    expect(page.locator(".sop-head .badge")).to_have_text("Berlaku")
    expect(page.locator("table.sop-steps tbody tr")).to_have_count(6)
    expect(page.locator(".sop-flowchart svg")).to_be_visible()
    both_widths(page, shot, "sop-version")

    revised = tmp_path / "sop-data-kinerja-revisi.txt"
    text = SEED.read_text(encoding="utf-8")
    revised.write_text(text.replace("1 Hari\tDraft Data kinerja", "sebentar saja\tDraft Data kinerja"), encoding="utf-8")
    page.goto(f"{live_server.url}/sop/upload/")
    page.get_by_label("Dokumen SOP").set_input_files(str(revised))
    page.get_by_role("button", name="Baca dokumen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("PENGUMPULAN DATA KINERJA")
    expect(page.locator("tr.sop-problem")).to_have_count(1)
    expect(page.locator("tr.sop-problem")).to_contain_text("sebentar saja")
    both_widths(page, shot, "sop-upload-preview")

    page.get_by_label("Waktu baku langkah 5").fill("2")
    page.get_by_label("Satuan waktu langkah 5").select_option("hour")
    # The returns set by hand on version 1 (4 → 3, 5 → 4) are kept and said so; the user changes step 5's.
    expect(page.locator(".sop-hand-decisions")).to_contain_text("Langkah 5 (Sekretaris)")
    expect(page.get_by_label("Langkah 5 kembali ke")).to_have_value("4")
    page.get_by_label("Langkah 5 kembali ke").fill("3")
    # The revision goes in force at once (its effective date is past); it could be kept as a draft instead.
    expect(page.locator(".sop-notice")).to_contain_text("langsung berlaku menggantikan versi 1")
    expect(page.get_by_role("button", name="Simpan sebagai draf")).to_be_visible()
    page.get_by_role("button", name="Simpan dan berlakukan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Perubahan dari versi 1 ke versi 2")
    expect(page.locator(".sop-diff")).to_contain_text("2 jam")
    expect(page.locator(".sop-diff")).to_contain_text("kembali ke langkah")
    both_widths(page, shot, "sop-compare")
