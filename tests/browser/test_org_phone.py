"""The organisation pages on a phone (390 px): a position's title and its holder's name with all their titles
(gelar) were two narrow columns, a few words a line, so that each row stood six to eight lines tall; a
person's page scrolled its five columns sideways, the decree out of sight. Each row is now a card: the title
across the width, the holder and the dates under it, named."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page

from kinerja.org import actions, demo
from tests.base import PASSWORD
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LONG_NAME = "Prof. Dr. Ir. Hj. Raden Ayu Kusumawardhani Setyaningrum, S.E., M.Si., M.M., Ak., CA."


@pytest.fixture
def built(db) -> demo.DemoOffice:  # type: ignore[no-untyped-def]
    built = demo.build(password=PASSWORD, today=dt.date.today())
    person = built.people["kabid3"]
    person.full_name = LONG_NAME
    person.save()
    return built


def test_the_structure_reads_one_position_per_card(live_server, page: Page, built, shot) -> None:
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, "jfu")
    page.goto(f"{live_server.url}/org/")
    row = page.locator("tr", has_text="Kepala Bidang Usaha Mikro, Kecil dan Menengah")
    title, holder = row.locator("td").nth(0).bounding_box(), row.locator("td").nth(1).bounding_box()
    shot("org-structure-phone")
    # The title across the card, the holder under it and as wide: not two columns of a few words each.
    assert title["width"] > 300 and holder["width"] > 300, (title, holder)
    assert holder["y"] >= title["y"] + title["height"] - 1
    assert title["height"] + holder["height"] < 160, (title, holder)  # about five lines, not ten
    named = row.locator("td").nth(1).evaluate("td => getComputedStyle(td, '::before').content")
    assert named == '"Dipangku oleh: "', named
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]


def test_a_persons_page_shows_every_column_on_the_screen(live_server, page: Page, built, shot) -> None:
    sekretaris = built.people["sekretaris"]
    actions.assign(sekretaris, built.positions["head"], starts_on=dt.date.today() - dt.timedelta(days=1),
                   ends_on=dt.date.today() + dt.timedelta(days=2), kind="plh",
                   decree_number="800.1.3.3/1234/III.07/2026")
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, "jfu")
    page.goto(f"{live_server.url}/org/people/{sekretaris.pk}/")
    shot("org-person-phone")
    decree = page.get_by_text("800.1.3.3/1234/III.07/2026")
    box = decree.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"], box  # not scrolled out of its box
    nip = page.get_by_text("19780315 200312 1 002")
    assert nip.bounding_box()["height"] < 30  # one line, as printed under a signature
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
