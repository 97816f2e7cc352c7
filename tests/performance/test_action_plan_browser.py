"""The Rencana Aksi on the Target page in a real browser (htmx): the Subbag Program adds an activity, a
bad number shows next to its field with everything typed kept, then edits, moves and removes one;
screenshots at 1366 and 390 px."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from kinerja.performance.models import ActionPlanItem, Indicator
from tests.performance.test_browser import both_widths, office, sign_in  # noqa: F401 (office is a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_subbag_edits_the_rencana_aksi(live_server, page: Page, office, shot) -> None:  # noqa: F811
    indicator = Indicator.objects.get(office=office, code="IK-01")
    year = dt.date.today().year
    ActionPlanItem.objects.filter(indicator=indicator, year=year).delete()
    sign_in(page, live_server.url, "jfu")
    page.goto(f"{live_server.url}/data/indicators/{indicator.pk}/targets/?year={year}")
    plan = page.locator("#plan")
    for name, budget in [("Pendampingan RAT koperasi", "25.000.000"), ("Pemutakhiran data ODS", "")]:
        plan.locator("#id_new-name").fill(name)
        plan.locator("#id_new-target_q4").fill("20")
        plan.locator("#id_new-budget").fill(budget)
        plan.get_by_role("button", name="Tambahkan kegiatan").click()
        expect(page.locator("#plan tbody")).to_contain_text(name)
        # Added: the form is empty again, and what was typed is no longer kept as unsent (drafts.js).
        expect(page.locator("#id_new-name")).to_have_value("")
        assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('kinerja-draft:'))") == []
    page.locator("#id_new-name").fill("Sosialisasi koperasi sehat")
    page.locator("#id_new-target_q2").fill("1.5")
    page.get_by_role("button", name="Tambahkan kegiatan").click()
    expect(page.locator("#plan .error")).to_contain_text('Target TW II: "1.5"')
    expect(page.locator("#id_new-name")).to_have_value("Sosialisasi koperasi sehat")
    expect(page.locator("#id_new-target_q2")).to_have_value("1.5")
    page.locator("#plan").scroll_into_view_if_needed()
    both_widths(page, shot, "perf-plan-error")

    page.locator("#plan tbody tr").nth(1).get_by_role("button", name="Naikkan 2").click()
    expect(page.locator("#plan [role=status]")).to_contain_text("dinaikkan")
    expect(page.locator("#plan tbody tr").first).to_contain_text("Pemutakhiran data ODS")
    page.locator("#plan tbody tr").first.get_by_role("link", name="Ubah 1").click()
    expect(page.locator("#plan-form h3")).to_have_text("Ubah kegiatan 1")
    expect(page.locator("#plan-form textarea")).to_have_value("Pemutakhiran data ODS")
    page.locator("#plan-form textarea").fill("Pemutakhiran data koperasi di ODS")
    page.get_by_role("button", name="Simpan kegiatan").click()
    expect(page.locator("#plan tbody tr").first).to_contain_text("Pemutakhiran data koperasi di ODS")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#plan tbody tr").nth(1).get_by_role("button", name="Hapus 2").click()
    expect(page.locator("#plan tbody tr")).to_have_count(1)
    assert list(ActionPlanItem.objects.filter(indicator=indicator, year=year).values_list("name", "order")) == [
        ("Pemutakhiran data koperasi di ODS", 1)]
