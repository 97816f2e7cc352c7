"""The working calendar on a computer (1280 px), a phone (390 px) and A4 paper: nothing wider than the
window or the page, the days readable, no navigation or buttons on paper."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from kinerja.org import demo
from kinerja.org.models import SpecialDay
from tests.base import PASSWORD
from tests.browser.helpers import sign_in
from tests.browser.test_print import assert_prints_cleanly, print_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(db):  # type: ignore[no-untyped-def]
    built = demo.build(password=PASSWORD, today=dt.date.today())
    year = dt.date.today().year
    SpecialDay.objects.create(office=built.office, date=dt.date(year, 6, 17), kind=SpecialDay.Kind.HOLIDAY,
                              reason="HUT Kota Bandar Lampung")
    SpecialDay.objects.create(office=built.office, date=dt.date(year, 12, 24), kind=SpecialDay.Kind.WORKING_DAY,
                              reason="Cuti bersama Natal dibatalkan (SKB perubahan)")
    return built


def test_the_calendar_on_a_computer_a_phone_and_paper(live_server, page: Page, office, shot) -> None:
    url = f"{live_server.url}/calendar/{office.office.code}/"
    sign_in(page, live_server.url, "admin")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kalender kerja")
    expect(page.locator("table.cal-days")).to_contain_text("HUT Kota Bandar Lampung")
    expect(page.get_by_role("link", name="Ubah jam kerja dan zona waktu")).to_be_visible()
    shot("calendar-1280")

    sign_in(page, live_server.url, "jfu")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    expect(page.locator("table.cal-days")).to_contain_text("Cuti bersama Natal dibatalkan")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot("calendar-390")

    print_page(page, url, shot, "calendar")
    assert_prints_cleanly(page, office.office.name)
