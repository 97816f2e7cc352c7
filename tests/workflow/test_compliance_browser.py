"""The compliance page in a real browser at desktop and phone width (screenshots for review)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from kinerja.org import demo
from kinerja.workflow import actions
from kinerja.workflow.models import Task
from tests.base import PASSWORD
from tests.browser.helpers import sign_in

from .seed import build_seed_sop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIB = ZoneInfo("Asia/Jakarta")


def test_subsection_head_reads_the_compliance_of_2025(live_server, page: Page, shot) -> None:  # type: ignore[no-untyped-def]
    built = demo.build(password=PASSWORD, today=dt.date.today())
    version = build_seed_sop(built)
    users = {k: built.people[k].user for k in ("sekretaris", "kasubbag", "jfu", "kadis")}
    performers = [users["sekretaris"], users["kasubbag"], users["jfu"], users["kasubbag"], users["sekretaris"],
                  users["kadis"]]
    # Three quarters: finished with different speeds; the third returned once and waiting at step 4.
    for quarter, (start, pace) in enumerate([(dt.datetime(2025, 1, 13, 8, tzinfo=WIB), 3),
                                             (dt.datetime(2025, 4, 14, 8, tzinfo=WIB), 40),
                                             (dt.datetime(2025, 7, 14, 8, tzinfo=WIB), 25)], start=1):
        case = actions.start_case(version.pk, user=users["sekretaris"], title=f"Data Kinerja Triwulan {quarter} 2025",
                                  period=f"Triwulan {quarter} 2025", at=start)
        moment = start
        for number, user in enumerate(performers, start=1):
            moment += dt.timedelta(hours=pace if number > 2 else 0, minutes=pace)
            task = Task.objects.get(case=case, status="open")
            if quarter == 3 and number == 4:
                actions.return_task(task.pk, user=user, reason="Data bidang belum lengkap", at=moment)
                task = Task.objects.get(case=case, status="open")
                actions.complete_task(task.pk, user=users["jfu"], note="diperbaiki", at=moment + dt.timedelta(hours=2))
                break
            extra = {"next_user": users["jfu"]} if number == 2 else {}
            actions.complete_task(task.pk, user=user, note="selesai", at=moment, **extra)

    sign_in(page, live_server.url, "kasubbag")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/sop-versions/{version.pk}/compliance/?year=2025")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kepatuhan SOP")
    # Two drawings of the chart (compliance.chart_svg): the wide one here, the phone's below 600 px.
    expect(page.locator(".chart-desktop svg.chart")).to_be_visible()
    expect(page.locator(".chart-phone svg.chart")).to_be_hidden()
    expect(page.locator("table.data")).to_contain_text("5 hari")
    shot("compliance-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.locator(".chart-phone svg.chart")).to_be_visible()
    expect(page.locator(".chart-desktop svg.chart")).to_be_hidden()
    # The tables read as one block per step, each figure under its column's name: neither the page nor a
    # table scrolls sideways.
    expect(page.locator("table.compliance td[data-label='Waktu baku']").first).to_be_visible()
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth, "
                           "...Array.from(document.querySelectorAll('.table-wrap'), e => e.scrollWidth - e.clientWidth)]")
    assert widths[0] <= widths[1] and not any(widths[2:]), widths
    shot("compliance-phone")
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh XLSX").click()
    assert download.value.suggested_filename.endswith("-2025.xlsx")
