"""The dashboard in a real browser at desktop and phone width, as the Kasubbag sees it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from kinerja.org import demo
from kinerja.performance.models import Objective, Program
from tests.base import PASSWORD
from tests.browser.helpers import sign_in

from .test_report_build import actual, add_indicator, target

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = Decimal


@pytest.fixture
def office(db):  # type: ignore[no-untyped-def]
    built = demo.build(password=PASSWORD, today=dt.date.today())
    s1 = Objective.objects.create(office=built.office, code="S1", name="Meningkatnya kualitas kelembagaan koperasi",
                                  order=1, plan_start_year=2021, plan_end_year=2026)
    s2 = Objective.objects.create(office=built.office, code="S2", name="Meningkatnya daya saing UMKM", order=2,
                                  plan_start_year=2021, plan_end_year=2026)
    rows = [(s1, "IK-01", "Persentase koperasi aktif", "%", False, [(75, 70), (78, 74), (80, 72.5)]),
            (s1, "IK-02", "Jumlah koperasi bermasalah", "unit", True, [(50, 48), (45, 40), (40, 30)]),
            (s1, "IK-03", "Kasus sengketa koperasi", "kasus", True, [(0, 1), (0, 0), (0, 2)]),
            (s2, "IK-04", "UMKM naik kelas", "UMKM", False, [(1200, 1000), (1500, 1300), (1725, 1100)]),
            (s2, "IK-05", "Opini BPK", "opini", False, [("WTP", "WTP"), ("WTP", "WTP"), ("WTP", "WDP")])]
    for objective, code, name, unit, negative, values in rows:
        indicator = add_indicator(objective, code, name, unit, negative=negative)
        indicator.division = built.divisions[0 if objective is s1 else 2]
        indicator.save()
        for year, (t, a) in zip((2023, 2024, 2025), values, strict=True):
            target(indicator, year, t if isinstance(t, str) else D(t))
            actual(indicator, year, a if isinstance(a, str) else D(str(a)),
                   obstacles="Sebagian data belum masuk." if year == 2025 else "")
    program = Program.objects.create(office=built.office, year=2025, code="P1", name="Program Pemberdayaan Koperasi",
                                     budget=D("1250000000"), spent=D("1100000000"))
    program.objectives.add(s1)
    return built


def test_kasubbag_reads_the_dashboard_and_compiles_a_version(live_server, page: Page, office, shot) -> None:
    sign_in(page, live_server.url, "kasubbag")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/data/dashboard/?year=2025")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Data Kinerja 2025")
    expect(page.locator("table.indicators")).to_contain_text("90,63%")
    expect(page.locator("table.indicators .pred.p-very-high").first).to_have_text("Sangat Tinggi")
    expect(page.locator(".charts img")).to_have_count(3)
    shot("performance-dashboard-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("performance-dashboard-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("button", name="Susun versi laporan").click()
    # The tests' task backend compiles as soon as the press is recorded; the worker does it in production.
    expect(page.locator("#compilation")).to_contain_text("Laporan versi 1 telah disusun")
    expect(page.locator("#compilation").get_by_role("link", name="PDF")).to_be_visible()
    shot("performance-compile-done-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("performance-compile-done-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("link", name="Kembali ke data kinerja").click()
    expect(page.locator("table.versions")).to_contain_text("Contoh Kasubbag Demo")
    page.get_by_label("Bidang").select_option(label="Bidang UMKM")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.locator("table.indicators")).not_to_contain_text("Persentase koperasi aktif")
    expect(page.locator("table.indicators")).to_contain_text("UMKM naik kelas")
    shot("performance-dashboard-division")


def test_the_dashboard_s_table_prints_within_an_a4_page(live_server, page: Page, office) -> None:
    # An amount in Rp to the sen and a "Sangat Rendah": the predicate's badge kept the screen's size, larger than the
    # printed table's type and on one line, so the table ran 56 px past the page and Keterangan was cut at its edge.
    s2 = Objective.objects.get(office=office.office, code="S2")
    investment = add_indicator(s2, "IK-06", "Nilai investasi industri", "Rp")
    target(investment, 2025, D("12500000000"))
    actual(investment, 2025, D("13125000000.50"))
    sign_in(page, live_server.url, "kasubbag")
    page.goto(f"{live_server.url}/data/dashboard/?year=2025")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 680, "height": 900})  # A4's 210 mm less the 15 mm margins, at 96 dpi
    expect(page.locator("table.indicators")).to_contain_text("13.125.000.000,50")
    widths = page.evaluate("() => { const t = document.querySelector('table.indicators');"
                           " return [t.getBoundingClientRect().right, document.documentElement.clientWidth]; }")
    assert widths[0] <= widths[1], widths


def test_on_a_phone_each_indicator_is_a_card_with_every_figure_in_sight(live_server, page: Page, office) -> None:
    # At 390 px the eight columns scrolled sideways: Kode, Indikator and Satuan fitted, Target was cut mid-number,
    # Realisasi, Capaian and Predikat were out of sight.
    sign_in(page, live_server.url, "kasubbag")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/data/dashboard/?year=2025")
    table = page.locator("table.indicators")
    expect(table.locator("thead")).to_be_hidden()
    width = page.evaluate("document.documentElement.clientWidth")
    row = table.locator("tbody tr", has_text="IK-01")
    for label, text in (("Target", "80"), ("Realisasi", "72,5"), ("Capaian", "90,63%"), ("Predikat", "Tinggi")):
        cell = row.locator(f'td[data-label="{label}"]')
        expect(cell).to_contain_text(text)
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (label, box, width)
    wrap = page.evaluate("(() => { const w = document.querySelector('table.indicators').closest('.table-wrap');"
                         " return [w.scrollWidth, w.clientWidth]; })()")
    assert wrap[0] <= wrap[1], wrap  # nothing to scroll sideways to
