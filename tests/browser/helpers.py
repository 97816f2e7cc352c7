"""What the browser tests share: sign in through the Indonesian login page as a person would, fill the
minutes form, download the signed PDF, and check it on the public verification page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.base import PASSWORD


def sign_in(page: Page, base: str, username: str) -> None:
    """Sign in as `username` (any earlier session is dropped) and wait for the page after login."""
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def download_signed(page: Page, base: str, path: Path) -> Path:
    """Save the signed PDF linked from the document page that is open."""
    signed = page.request.get(base + page.get_by_role("link", name="Unduh PDF bertanda tangan").get_attribute("href"))
    path.write_bytes(signed.body())
    return path


def verify_on_public_page(page: Page, base: str, token: str, signed_path: Path, shows: str) -> None:
    """Signed out, open the page the QR code leads to (it shows `shows`), upload the PDF: sound, and (the demo's
    certificate signed it) named a demonstration signature, not the green SAH of a real one."""
    page.context.clear_cookies()
    page.goto(f"{base}/v/{token}/")
    expect(page.locator("main")).to_contain_text(shows)
    page.get_by_label("PDF bertanda tangan yang diperiksa").set_input_files(str(signed_path))
    page.get_by_role("button", name="Periksa", exact=True).click()
    expect(page.locator(".corr-verdict.demo")).to_contain_text("TANDA TANGAN DEMO, TIDAK SAH SECARA HUKUM")
    expect(page.locator(".corr-verdict")).to_contain_text("Dokumen tidak berubah sejak ditandatangani")


KASUBBAG = "Kepala Sub Bagian Program, Keuangan dan Aset"


def fill_minutes(page: Page, *, title: str, decisions: str, attendance: dict[str, str],
                 follow_up: tuple[str, str]) -> None:
    """Fill the open minutes form: the Kasubbag chairs in the Sekretariat's meeting room, `attendance` maps
    a position's title to "present" or "absent", and one follow-up (what, position) is due in a week."""
    page.locator("#id_title").fill(title)
    page.get_by_label("Tempat").fill("Ruang Rapat Sekretariat")
    page.locator("#id_chair").select_option(label=KASUBBAG)
    page.locator("#id_agenda").fill("Pengumpulan data kinerja")
    page.get_by_label("Keputusan").fill(decisions)
    for position, status in attendance.items():
        page.get_by_label(position).select_option(status)
    what, position = follow_up
    page.locator("#id_fu_1_description").fill(what)
    page.locator("#id_fu_1_position").select_option(label=position)
    page.locator("#id_fu_1_due_on").fill((dt.date.today() + dt.timedelta(days=7)).isoformat())
