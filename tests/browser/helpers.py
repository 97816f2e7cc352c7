"""What every browser test does: sign in through the Indonesian login page as a person would."""

from __future__ import annotations

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
