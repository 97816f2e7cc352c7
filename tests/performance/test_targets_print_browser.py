"""The Target page of one indicator printed from the browser (A4): the page is a form, whose inputs are
not printed (kinerja.css), so the saved targets print as a table of their own; on screen the form shows them."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from kinerja.org import demo as org_demo
from kinerja.performance import demo
from kinerja.performance.models import Indicator
from tests.base import PASSWORD
from tests.performance.test_browser import both_widths, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(db):  # type: ignore[no-untyped-def]
    built = org_demo.build(password=PASSWORD, today=dt.date.today())
    demo.load(built.office)
    return built.office


def test_the_printed_target_page_shows_the_targets(live_server, page: Page, office, shot) -> None:
    indicator = Indicator.objects.get(office=office, code="IK-01")
    year = dt.date.today().year
    sign_in(page, live_server.url, "kasubbag")
    page.goto(f"{live_server.url}/data/indicators/{indicator.pk}/targets/?year={year}")
    printed = page.locator("table.perf-print-targets")
    expect(printed).to_be_hidden()  # on screen the form's inputs show the targets
    page.emulate_media(media="print")
    expect(printed).to_be_visible()
    agreement = printed.locator("tr", has_text="Perjanjian Kinerja")
    expect(agreement).to_contain_text("1.750")
    expect(printed.locator("tr", has_text="Triwulan I").first).to_be_visible()
    # The Rencana Aksi's buttons are not printed, nor their column's header (an empty cell at the table's end).
    expect(page.locator("table.perf-plan-table thead th").last).to_be_hidden()
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    shot("perf-targets-print")
    page.emulate_media(media="screen")
    both_widths(page, shot, "perf-targets")
