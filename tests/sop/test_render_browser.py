"""The flowchart on the SOP page in a real browser (inline SVG under the Content-Security-Policy) and the
sheet download, at desktop and phone width."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from kinerja.org import demo
from tests.base import PASSWORD
from tests.browser.helpers import sign_in
from tests.sop.test_render_flowchart import make_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(db):  # type: ignore[no-untyped-def]
    return demo.build(password=PASSWORD, today=dt.date.today()).office


def test_the_flowchart_shows_on_the_version_page_and_the_sheet_downloads(live_server, page: Page, office,
                                                                         shot) -> None:
    version = make_version(office, 8, 4, returns={5: [3], 8: [4]})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, live_server.url, "sekretaris")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/sop/versions/{version.pk}/")
    chart = page.locator("svg.flowchart")
    expect(chart).to_be_visible()
    expect(chart.locator("g.symbol.decision")).to_have_count(2)
    expect(chart.locator("g.symbol.terminator")).to_have_count(2)
    chart.scroll_into_view_if_needed()
    shot("sop-flowchart-desktop")
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300
    page.set_viewport_size({"width": 390, "height": 844})
    chart.scroll_into_view_if_needed()
    shot("sop-flowchart-phone")
    box = chart.bounding_box()
    assert box is not None and box["width"] <= 390
    assert not [e for e in errors if "Content Security Policy" in e], errors

    with page.expect_download() as download:
        page.locator(f"a[href='/sop/versions/{version.pk}/download/pdf/']").click()
    assert download.value.suggested_filename == "SOP-800-01-SOP-2025-v1.pdf"


