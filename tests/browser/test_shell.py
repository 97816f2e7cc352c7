"""The web shell in a real browser: sign in as the Sekretaris, Indonesian home, English, sign out."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from kinerja.org import demo
from tests.base import PASSWORD
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(db):  # type: ignore[no-untyped-def]
    return demo.build(password=PASSWORD, today=dt.date.today())


def test_secretary_signs_in_switches_language_and_signs_out(live_server, page: Page, office, shot) -> None:
    sign_in(page, live_server.url, "sekretaris")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Selamat datang")
    expect(page.locator("body")).to_contain_text("Sekretaris Dinas")
    # The Sekretaris is Plh Kepala Dinas this week (the Kadis is on leave).
    expect(page.locator("body")).to_contain_text("Plh. Kepala Dinas Koperasi dan UKM")
    expect(page.locator(".badge.demo")).to_have_text("Data demo")
    page.set_viewport_size({"width": 1366, "height": 768})
    shot("home-desktop-id")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("home-phone-id")
    page.set_viewport_size({"width": 1366, "height": 768})

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    expect(page.locator("body")).to_contain_text("Your positions today")
    shot("home-desktop-en")

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{live_server.url}/login/")
    # The choice of English belongs to the person: it comes back at the next sign-in.
    sign_in_en(page, live_server.url, "sekretaris")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def sign_in_en(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button.primary").click()


def test_login_page_reports_a_wrong_password(live_server, page: Page, office, shot) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Nama pengguna").fill("sekretaris")
    page.get_by_label("Kata sandi").fill("salah")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("alert")).to_contain_text("Nama pengguna atau kata sandi salah")
    # What the user typed stays on the form.
    expect(page.get_by_label("Nama pengguna")).to_have_value("sekretaris")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("login-phone-id")
