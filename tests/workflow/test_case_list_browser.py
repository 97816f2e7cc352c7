"""The list of cases in a real browser at desktop and phone width (screenshots for review)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from kinerja.org import demo
from kinerja.workflow import actions
from tests.base import PASSWORD
from tests.browser.helpers import sign_in

from .seed import build_seed_sop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIB = ZoneInfo("Asia/Jakarta")


def test_the_secretary_reads_where_each_case_stands_on_a_phone(live_server, page: Page, shot) -> None:  # type: ignore[no-untyped-def]
    built = demo.build(password=PASSWORD, today=dt.date.today())
    version = build_seed_sop(built)
    secretary = built.people["sekretaris"].user
    for quarter in (1, 2):
        actions.start_case(version.pk, user=secretary, title=f"Pengumpulan Data Kinerja Triwulan {quarter} 2025",
                           period=f"Triwulan {quarter} 2025", at=dt.datetime(2025, 3 * quarter, 3, 8, tzinfo=WIB))
    sign_in(page, live_server.url, "sekretaris")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/cases/")
    expect(page.locator("table.cases")).to_contain_text("langkah 1 di Sekretaris")
    shot("case-list-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    # One block per case, its step and due time under their names: neither the page nor the table scrolls
    # sideways (the table did, where the case stands out of sight).
    expect(page.locator("table.cases td[data-label='Posisi saat ini']").first).to_be_visible()
    expect(page.locator("table.cases td[data-label='Batas waktu']").first).to_be_in_viewport()
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth, "
                           "...Array.from(document.querySelectorAll('.table-wrap'), e => e.scrollWidth - e.clientWidth)]")
    assert widths[0] <= widths[1] and not any(widths[2:]), widths
    shot("case-list-phone")


def test_the_start_button_keeps_its_distance_from_the_list_on_a_phone(live_server, page: Page) -> None:  # type: ignore[no-untyped-def]
    # The title's row (.heading-row) wraps the button under the title at 390 px: it sat on the table's edge.
    built = demo.build(password=PASSWORD, today=dt.date.today())
    version = build_seed_sop(built)
    actions.start_case(version.pk, user=built.people["sekretaris"].user, title="Pengumpulan Data Kinerja Triwulan 1 2025",
                       period="Triwulan 1 2025", at=dt.datetime(2025, 3, 3, 8, tzinfo=WIB))
    sign_in(page, live_server.url, "sekretaris")
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(f"{live_server.url}/cases/")
        button = page.locator(".heading-row .button.primary").bounding_box()
        table = page.locator(".table-wrap").bounding_box()
        assert button and table and table["y"] - (button["y"] + button["height"]) >= 12, (width, button, table)
