"""The plan page in a real browser at desktop and phone width (screenshots for review)."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from kinerja.org import demo
from tests.base import PASSWORD
from tests.browser.helpers import sign_in
from tests.workflow.test_plan import seed_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_plans_the_seed_sop_over_lebaran(live_server, page: Page, shot) -> None:  # type: ignore[no-untyped-def]
    built = demo.build(password=PASSWORD, today=dt.date.today())
    version = seed_version(built.office, built.positions)
    sign_in(page, live_server.url, "sekretaris")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/sop-versions/{version.pk}/plan/")
    page.get_by_label("Mulai langkah 1").fill("2025-03-24T08:00")
    page.get_by_role("button", name="Buat rencana").click()
    expect(page.locator("table.data")).to_contain_text("Sen 21 Apr 2025 08.12")
    expect(page.locator(".gantt-desktop svg.gantt")).to_be_visible()
    expect(page.locator(".gantt-narrow")).to_be_hidden()
    shot("plan-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("plan-phone")
    # The steps read as one block each, the start and due under their names: neither the page nor the table
    # scrolls sideways (the table did, its times out of sight).
    expect(page.locator("table.plan td[data-label='Batas waktu']").first).to_be_visible()
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth, "
                           "...Array.from(document.querySelectorAll('.table-wrap'), e => e.scrollWidth - e.clientWidth)]")
    assert widths[0] <= widths[1] and not any(widths[2:]), widths
    shot("plan-phone-steps")
    # The chart is the phone's: each step's name on its own line over its bars, all within the screen.
    expect(page.locator(".gantt-desktop")).to_be_hidden()
    chart = page.locator(".gantt-narrow svg.gantt-phone")
    expect(chart).to_be_visible()
    for name in ("1. Sekretaris", "6. Kadis"):
        expect(chart.locator("text", has_text=name)).to_be_visible()
    right = page.evaluate("Math.max(...Array.from(document.querySelectorAll('.gantt-narrow svg *'), "
                          "e => e.getBoundingClientRect().right))")
    assert right <= 390, right
    chart.scroll_into_view_if_needed()
    shot("plan-phone-gantt")
