"""What the browser tests share: sign in through the Indonesian login page as a person would, download
the signed PDF, and check it on the public verification page."""

from __future__ import annotations

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
    """Signed out, open the page the QR code leads to (it shows `shows`), upload the PDF: valid."""
    page.context.clear_cookies()
    page.goto(f"{base}/v/{token}/")
    expect(page.locator("main")).to_contain_text(shows)
    page.get_by_label("PDF bertanda tangan yang diperiksa").set_input_files(str(signed_path))
    page.get_by_role("button", name="Periksa", exact=True).click()
    expect(page.locator(".corr-verdict")).to_contain_text("SAH")
    expect(page.locator(".corr-verdict")).not_to_contain_text("TIDAK SAH")
