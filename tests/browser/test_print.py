"""The pages an office prints, with print media in a window as wide as an A4 page between its 15 mm margins:
no navigation, forms or buttons, a heading with the office and the time of printing, the content at the
width of the page and nothing wider (tables wrap instead of being cut, charts shrink). Each page is also
printed to an A4 PDF next to the screenshots."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from kinerja.org import demo
from kinerja.workflow import actions
from tests.base import PASSWORD
from tests.browser.helpers import sign_in
from tests.conftest import SHOTS
from tests.workflow.seed import build_seed_sop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# 210 mm less two margins of 15 mm, at 96 CSS pixels to the inch.
A4_CONTENT_PX = 680


@pytest.fixture
def office(db):  # type: ignore[no-untyped-def]
    built = demo.build(password=PASSWORD, today=dt.date.today())
    version = build_seed_sop(built)
    case = actions.start_case(version.pk, user=built.people["sekretaris"].user,
                              title="Pengumpulan Data Kinerja Triwulan III", period="2025")
    return built, version, case


def print_page(page: Page, url: str, shot, name: str) -> None:  # type: ignore[no-untyped-def]
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": A4_CONTENT_PX, "height": 1000})
    page.goto(url)
    page.emulate_media(media="print")
    shot(f"print-{name}")
    page.pdf(path=str(SHOTS / f"print-{name}.pdf"), format="A4", print_background=False)


def assert_prints_cleanly(page: Page, office_name: str) -> None:
    expect(page.locator(".print-head")).to_be_visible()
    expect(page.locator(".print-head")).to_contain_text(office_name)
    expect(page.locator(".print-head")).to_contain_text("Dicetak")
    for screen_only in ("header.top", ".main-nav", ".skip", "footer.foot"):
        expect(page.locator(screen_only)).to_be_hidden()
    for form in page.locator("main form").all():
        expect(form).to_be_hidden()
    for button in page.locator("main button, main .button").all():
        expect(button).to_be_hidden()
    sizes = page.evaluate("""() => ({
      page: document.documentElement.scrollWidth,
      main: document.querySelector('main').getBoundingClientRect().width,
      widest: Math.max(0, ...[...document.querySelectorAll('main table, main svg')].map(
        e => e.getBoundingClientRect().right)),
      cut: [...document.querySelectorAll('main .table-wrap, main .gantt-wrap, main .chart-wrap, main .sop-flowchart')]
        .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.className),
    })""")
    assert sizes["page"] <= A4_CONTENT_PX, sizes
    assert sizes["main"] == A4_CONTENT_PX, sizes
    assert sizes["widest"] <= A4_CONTENT_PX, sizes
    assert sizes["cut"] == [], sizes


def test_inbox_case_plan_and_sop_print_on_a4(live_server, page: Page, office, shot) -> None:
    built, version, case = office
    name = built.office.name
    sign_in(page, live_server.url, "sekretaris")

    print_page(page, f"{live_server.url}/inbox/", shot, "inbox")
    assert_prints_cleanly(page, name)
    expect(page.locator("main table.tasks")).to_contain_text("Pengumpulan Data Kinerja Triwulan III")
    expect(page.locator(".summary .badge").first).to_be_visible()

    # The case page: the Sekretaris holds step 1, so its forms are on the screen, not on paper.
    print_page(page, f"{live_server.url}/cases/{case.pk}/", shot, "case")
    assert_prints_cleanly(page, name)
    # On paper the wide chart, the steps' names beside their bars; the phone's drawing stays off the page.
    expect(page.locator("main .gantt-desktop svg.gantt")).to_be_visible()
    expect(page.locator("main .gantt-narrow")).to_be_hidden()
    expect(page.locator("main table.rounds")).to_be_visible()

    print_page(page, f"{live_server.url}/sop-versions/{version.pk}/plan/", shot, "plan")
    assert_prints_cleanly(page, name)
    expect(page.locator("main .gantt-desktop svg.gantt")).to_be_visible()
    expect(page.locator("main .gantt-narrow")).to_be_hidden()

    print_page(page, f"{live_server.url}/sop-versions/{version.pk}/compliance/", shot, "compliance")
    assert_prints_cleanly(page, name)

    print_page(page, f"{live_server.url}/sop/versions/{version.pk}/", shot, "sop")
    assert_prints_cleanly(page, name)
    # On paper the steps stay a table with its header (the phone shows them as cards).
    expect(page.locator("main table.sop-steps thead")).to_be_visible()
    expect(page.locator(".sop-flowchart svg")).to_be_visible()

    # The screen keeps its navigation.
    page.emulate_media(media="screen")
    expect(page.locator(".main-nav")).to_be_visible()
    expect(page.locator(".print-head")).to_be_hidden()

    # On a phone the compliance chart is the narrow one, the step's name above its bars: it fits the card
    # instead of scrolling its bars out of sight.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/sop-versions/{version.pk}/compliance/")
    expect(page.locator(".chart-desktop")).to_be_hidden()
    expect(page.locator(".chart-phone svg")).to_be_visible()
    box = page.locator(".chart-phone svg").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert page.evaluate("(w => w.scrollWidth <= w.clientWidth + 1)(document.querySelector('.chart-phone'))")
    shot("compliance-phone")


def test_every_printed_page_carries_its_number(live_server, page: Page, office, tmp_path) -> None:
    """A4 pages numbered "2 / 3" in the bottom margin, so a stack of printed pages can be put in order."""
    import re
    import subprocess

    _built, version, _case = office
    sign_in(page, live_server.url, "sekretaris")
    page.goto(f"{live_server.url}/sop/versions/{version.pk}/")
    page.emulate_media(media="print")
    pdf = tmp_path / "sop.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 2, "the SOP page should take more than one A4 page"
    for number, content in enumerate(pages, start=1):
        last_line = content.strip().splitlines()[-1]
        assert re.search(rf"\b{number}\s*/\s*{len(pages)}$", last_line), (number, last_line)


def test_a_printed_objective_heading_stays_with_its_table(live_server, page: Page, office, tmp_path) -> None:
    """Indicators and targets on paper: a sasaran's heading never ends a page with its table on the next
    (Chromium ignores break-after: avoid on the heading). Wherever the page break falls, pushed down by a
    growing gap above, the page holding each heading holds its first indicator too."""
    import re
    import subprocess

    from kinerja.performance import demo as performance_demo

    built, _version, _case = office
    performance_demo.load(built.office, dt.date.today())
    sign_in(page, live_server.url, "kasubbag")
    page.set_viewport_size({"width": A4_CONTENT_PX, "height": 1000})
    page.goto(f"{live_server.url}/data/indicators/?year={dt.date.today().year}")
    page.emulate_media(media="print")
    pdf = tmp_path / "targets.pdf"
    alone = []
    for gap in range(0, 1000, 20):
        page.evaluate("gap => { let d = document.getElementById('gap'); if (!d) { d = document.createElement('div');"
                      " d.id = 'gap'; document.querySelector('main').prepend(d); } d.style.height = gap + 'px'; }", gap)
        page.pdf(path=str(pdf), format="A4")
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        for number, content in enumerate(text.split("\f"), start=1):
            lines = [line.strip() for line in content.splitlines()]
            for heading in (n for n, line in enumerate(lines) if re.match(r"S\d+ \w", line)):
                if not any(re.match(r"IK-\d", line) for line in lines[heading:]):
                    alone.append((gap, number, lines[heading][:20]))
    assert alone == []
    # The links to edit each indicator and its targets are not printed (nor their column).
    for links in page.locator("main .perf-actions").all():
        expect(links).to_be_hidden()
    assert "Ubah · Target" not in text
