"""A division contact and the JFU on a phone (390 px), as found walking the seed SOP: the contact's request
reads as a card with its deadline and the answer button on screen, and a case page whose timeline holds
an initial's SHA-256 (64 characters, no space) fits the screen instead of scrolling sideways."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kinerja.org import demo
from kinerja.workflow import actions
from kinerja.workflow.models import Case, Task
from tests.base import PASSWORD
from tests.browser.helpers import sign_in
from tests.workflow.seed import build_seed_sop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SHA = "1e3dde4e32ac642aeafff8dcc17c23ad443c2320e930eb330258de83fbda6056"


@pytest.fixture
def case(db) -> Case:  # type: ignore[no-untyped-def]
    built = demo.build(password=PASSWORD, today=dt.date.today() - dt.timedelta(days=30))
    version = build_seed_sop(built)
    people = {k: p.user for k, p in built.people.items()}
    started = actions.start_case(version.pk, user=people["sekretaris"], title="Penyusunan Data Kinerja Triwulan IV",
                                 period="Triwulan IV 2025")

    def complete(user_key: str, note: str, **kw) -> None:  # type: ignore[no-untyped-def]
        task = started.tasks.get(status=Task.Status.OPEN)
        actions.complete_task(task.pk, user=people[user_key], note=note, **kw)

    complete("sekretaris", f"Paraf Data Kinerja Triwulan IV 2025 v1, SHA-256 {SHA}")
    complete("kasubbag", "Petunjuk", next_user=people["jfu"])
    step3 = started.tasks.get(status=Task.Status.OPEN)
    actions.send_division_requests(step3.pk, user=people["jfu"], divisions=built.divisions[:1],
                                   what="Realisasi indikator Triwulan IV 2025 beserta bukti dukung",
                                   due_at=timezone.now() + dt.timedelta(days=3))
    return started


def page_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_a_division_contact_reads_the_request_and_answers_it_on_a_phone(live_server, page: Page, case, shot) -> None:
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, "bidang1")
    page.goto(f"{live_server.url}/inbox/")
    request = page.locator("tr[id^=request-]")
    deadline = request.locator("td[data-label='Batas waktu']")
    expect(deadline).to_be_in_viewport()
    assert deadline.bounding_box()["x"] + deadline.bounding_box()["width"] <= PHONE["width"]
    shot("walk-inbox-request-phone")
    request.get_by_role("link", name="Buka formulir jawaban").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jawaban untuk Bidang Kelembagaan")


def test_a_case_page_with_a_hash_in_its_timeline_fits_a_phone(live_server, page: Page, case, shot) -> None:
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, "jfu")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(page.locator("ol.timeline")).to_contain_text(SHA)
    shot("walk-case-timeline-phone")
    assert page_width(page) == PHONE["width"]


def test_a_wide_table_scrolls_in_its_box_on_a_phone(live_server, page: Page, case) -> None:
    """The indicators and their targets: the table scrolls sideways in its box, and the page does not
    (its visually hidden Actions header sat absolutely positioned beyond the page, 884 px wide)."""
    from kinerja.performance.models import Indicator, Objective

    office = case.office
    objective = Objective.objects.create(office=office, code="S1", name="Meningkatnya kualitas koperasi", order=1,
                                         plan_start_year=2021, plan_end_year=2026)
    Indicator.objects.create(office=office, objective=objective, code="IK-01", name="Persentase koperasi aktif",
                             unit="%", order=1)
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, "kasubbag")
    page.goto(f"{live_server.url}/data/indicators/?year=2025")
    expect(page.locator("table.data")).to_contain_text("IK-01")
    assert page_width(page) <= PHONE["width"]


def test_the_case_chart_opens_at_today_on_a_tablet_and_fits_a_phone(live_server, page: Page, shot) -> None:
    """The plan-against-actual chart is wider than a tablet: it opens scrolled to the line of now in the open
    step's row, not at the case's start weeks before (which hid what is happening now off to the right). On a
    phone it is drawn anew, each step's name on its own line over its bars: nothing scrolls sideways, every
    name and the line of now are in view."""
    built = demo.build(password=PASSWORD, today=dt.date.today() - dt.timedelta(days=30))
    version = build_seed_sop(built)
    people = {k: p.user for k, p in built.people.items()}
    started_at = timezone.now() - dt.timedelta(days=21)
    case = actions.start_case(version.pk, user=people["sekretaris"], title="Data Kinerja Triwulan IV",
                              period="Triwulan IV 2025", at=started_at)
    task = case.tasks.get(status=Task.Status.OPEN)
    actions.complete_task(task.pk, user=people["sekretaris"], note="Disposisi", at=started_at + dt.timedelta(hours=1))
    task = case.tasks.get(status=Task.Status.OPEN)
    actions.complete_task(task.pk, user=people["kasubbag"], note="Petunjuk", next_user=people["jfu"],
                          at=started_at + dt.timedelta(hours=2))
    page.set_viewport_size({"width": 800, "height": 900})
    sign_in(page, live_server.url, "jfu")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(page.locator(".gantt-narrow")).to_be_hidden()
    box = page.evaluate("""() => {
      const svg = document.querySelector('.gantt-desktop svg.gantt'), wrap = svg.parentElement;
      const now = svg.querySelector('line.gantt-now').getBoundingClientRect(), w = wrap.getBoundingClientRect();
      const name = svg.querySelector('g.gantt-labels text').getBoundingClientRect();
      return {scroll: wrap.scrollLeft, wide: wrap.scrollWidth > wrap.clientWidth, left: w.left, right: w.right,
              now: now.left, name: name.left};
    }""")
    assert box["wide"], box
    assert box["scroll"] > 0, box
    assert box["left"] <= box["now"] <= box["right"], box
    # The steps' names move along with the scrolled chart: the first row's name is in view at the box's left.
    assert box["left"] <= box["name"] <= box["left"] + 20, box
    page.evaluate("() => { document.querySelector('.gantt-desktop').scrollLeft = 0; }")
    page.wait_for_function("""() => {
      const svg = document.querySelector('.gantt-desktop svg.gantt'), wrap = svg.parentElement;
      return Math.abs(svg.querySelector('g.gantt-labels text').getBoundingClientRect().left
                      - wrap.getBoundingClientRect().left - 6) < 2;
    }""", timeout=5000)

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(page.locator(".gantt-desktop")).to_be_hidden()
    chart = page.locator(".gantt-narrow svg.gantt-phone")
    expect(chart).to_be_visible()
    chart.scroll_into_view_if_needed()
    shot("walk-case-gantt-phone")
    seen = page.evaluate("""() => {
      const svg = document.querySelector('.gantt-narrow svg'), box = svg.getBoundingClientRect();
      const inside = r => r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
      const names = Array.from(svg.querySelectorAll('g.gantt-labels text'));
      return {page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
              box: [box.left, box.right], names: names.map(t => t.textContent),
              namesInside: names.every(t => inside(t.getBoundingClientRect())),
              fontPx: names[0].getBoundingClientRect().height,
              now: inside(svg.querySelector('line.gantt-now').getBoundingClientRect())};
    }""")
    assert seen["page"][0] <= seen["page"][1], seen
    assert seen["box"][1] <= PHONE["width"], seen
    assert len(seen["names"]) == 6 and seen["names"][0].startswith("1. "), seen
    assert seen["namesInside"] and seen["now"], seen
    assert seen["fontPx"] >= 11, seen  # readable: drawn at its size, not shrunk
