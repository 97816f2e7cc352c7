"""The division's input form and the Kasubbag's check screen in a real browser, with screenshots at
1366 and 390 px: a bad value shows its error next to the field and keeps everything typed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from kinerja.org import demo as org_demo
from kinerja.performance import demo
from kinerja.performance.models import Actual, Indicator
from tests.base import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(db):  # type: ignore[no-untyped-def]
    built = org_demo.build(password=PASSWORD, today=dt.date.today())
    demo.load(built.office)
    return built.office


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button.primary").click()


def both_widths(page: Page, shot, name: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1366, "height": 768})
    shot(f"{name}-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(f"{name}-390")
    page.set_viewport_size({"width": 1366, "height": 768})


def test_the_contact_sees_the_error_next_to_the_value_and_keeps_the_text(live_server, page: Page, office, shot) -> None:
    sign_in(page, live_server.url, "bidang1")
    page.goto(f"{live_server.url}/data/input/")
    editable = Actual.objects.filter(indicator__office=office, status__in=["draft", "returned"],
                                     indicator__division__short_name="Bidang Kelembagaan").order_by("-year", "-quarter")
    indicator = editable.first().indicator if editable.exists() else Indicator.objects.get(office=office, code="IK-01")
    card = page.locator(f"#i{indicator.pk}")
    card.locator("input[type=text]").fill("1.5")
    card.locator("textarea").first.fill("Koperasi belum RAT karena pengurus berganti")
    card.locator("button[name=save]").click()
    card = page.locator(f"#i{indicator.pk}")
    expect(card.locator(f"#id_i{indicator.pk}-value-error")).to_contain_text('"1.5"')
    expect(card.locator("input[type=text]")).to_have_value("1.5")
    expect(card.locator("textarea").first).to_have_value("Koperasi belum RAT karena pengurus berganti")
    card.scroll_into_view_if_needed()
    both_widths(page, shot, "perf-input-error")

    card.locator("input[type=text]").fill("19,05")
    card.locator("button[name=save]").click()
    expect(page.locator(f"#i{indicator.pk} [role=status]")).to_be_visible()
    assert Actual.objects.get(indicator=indicator, is_current=True, year=editable.first().year,
                              quarter=editable.first().quarter).value_number == Decimal("19.05")


def test_the_kasubbag_checks_and_returns(live_server, page: Page, office, shot) -> None:
    sign_in(page, live_server.url, "kasubbag")
    page.goto(f"{live_server.url}/data/check/")
    first = page.locator("article.perf-check").first
    expect(first).to_be_visible()
    both_widths(page, shot, "perf-check")
    submitted = Actual.objects.filter(indicator__office=office, status="submitted").count()
    first.locator("form.perf-return textarea").fill("Bukti dukung belum lengkap")
    first.locator("form.perf-return button").click()
    # The row is swapped in place (htmx) with its new status and the notice; the tabs' counts with it.
    expect(first.locator(".perf-decided-notice")).to_contain_text("dikembalikan ke bidang")
    expect(first.locator(".perf-returned")).to_contain_text("Bukti dukung belum lengkap")
    assert Actual.objects.filter(indicator__office=office, status="submitted").count() == submitted - 1
    expect(page.locator("#check-tabs")).to_contain_text(f"Dikirim ({submitted - 1})")
    second = page.locator("article.perf-check").nth(1)
    second.scroll_into_view_if_needed()
    where = page.evaluate("window.scrollY")
    second.locator("button.primary").click()
    expect(second.locator(".perf-decided-notice")).to_contain_text("telah diperiksa")
    assert page.evaluate("window.scrollY") == where  # the Kasubbag stays where they were
    assert Actual.objects.filter(indicator__office=office, status="submitted").count() == submitted - 2
    expect(page.locator("#check-tabs")).to_contain_text(f"Dikirim ({submitted - 2})")


def test_the_indicator_list_and_history(live_server, page: Page, office, shot) -> None:
    sign_in(page, live_server.url, "kasubbag")
    page.goto(f"{live_server.url}/data/indicators/")
    expect(page.locator("table.data").first).to_be_visible()
    both_widths(page, shot, "perf-indicators")
    corrected = Actual.objects.get(indicator__office=office, version=2)
    page.goto(f"{live_server.url}/data/actuals/{corrected.pk}/history/")
    expect(page.locator("body")).to_contain_text("Dua akta pendirian")
    both_widths(page, shot, "perf-history")


def test_the_subbag_sees_every_bad_row_of_an_import(live_server, page: Page, office, shot, tmp_path) -> None:
    bad = tmp_path / "perf-data-bidang.csv"
    bad.write_text("Kode;Sasaran;Indikator;Satuan;Polaritas;Target;Realisasi;Bidang\n"
                   "IK-21;Meningkatnya kualitas koperasi;Jumlah koperasi aktif;unit;Sedang;1.725;1.650;Bidang Kelembagaan\n"
                   "IK-22;Meningkatnya kualitas koperasi;Persentase koperasi sehat;;Positif;65,5;abc;Bidang Pariwisata\n",
                   encoding="utf-8")
    sign_in(page, live_server.url, "jfu")
    page.goto(f"{live_server.url}/data/import/")
    page.locator("input[type=file]").set_input_files(str(bad))
    page.locator("button.primary").click()
    expect(page.locator(".perf-problems li")).to_have_count(4)
    both_widths(page, shot, "perf-import-errors")


def test_the_printed_target_page_shows_the_targets(live_server, page: Page, office, shot) -> None:
    """The Target page of one indicator printed from the browser (A4): the page is a form, whose inputs are not
    printed (kinerja.css), so the saved targets print as a table of their own; on screen the form shows them."""
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


def test_what_was_typed_on_a_card_comes_back_at_either_address_of_its_period(live_server, page: Page, office) -> None:
    """/data/input/ opens the current period, the same cards as /data/input/?year=Y&quarter=Q: a figure's
    reason typed at one address and not saved is put back at the other (drafts.js, data-draft-scope), and
    not into that indicator's card of another period."""
    sign_in(page, live_server.url, "bidang1")
    page.goto(f"{live_server.url}/data/input/")
    year, quarter = page.locator("select[name=year]").input_value(), page.locator("select[name=quarter]").input_value()
    assert quarter, "the input page opens a quarter"
    form = page.locator("form[data-draft-scope]").first
    scope = form.get_attribute("data-draft-scope")
    assert scope is not None and scope.endswith(f":{year}:{quarter}")
    indicator = scope.split(":")[1]
    text = "Pengurus koperasi berganti; laporan RAT menyusul pekan depan"
    form.locator("textarea").first.fill(text)
    for _ in range(50):  # drafts.js keeps what was typed 300 ms after the last key
        if page.evaluate("Object.keys(localStorage).some(k => k.includes(':scope:realisasi:'))"):
            break
        page.wait_for_timeout(100)
    page.goto(f"{live_server.url}/data/input/?year={year}&quarter={quarter}")
    same = page.locator(f"form[data-draft-scope='{scope}']")
    expect(same.locator("textarea").first).to_have_value(text)
    other = "1" if quarter != "1" else "2"
    page.goto(f"{live_server.url}/data/input/?year={year}&quarter={other}")
    elsewhere = page.locator(f"form[data-draft-scope='realisasi:{indicator}:{year}:{other}'] textarea")
    if elsewhere.count():
        expect(elsewhere.first).not_to_have_value(text)


def test_a_message_naming_a_code_keeps_it_whole_on_any_page(live_server, page: Page, office, shot) -> None:
    # The message is shown by whichever page comes next: here the home page, which has no performance.css.
    sign_in(page, live_server.url, "kasubbag")
    submitted = Actual.objects.filter(indicator__office=office, status="submitted").select_related("indicator").first()
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    answer = page.request.post(f"{live_server.url}/data/actuals/{submitted.pk}/check/", max_redirects=0,
                               headers={"X-CSRFToken": token, "Referer": f"{live_server.url}/data/check/"})
    assert answer.status == 302
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/")
    code = page.locator(".messages li.success .perf-code")
    expect(code).to_have_text(submitted.indicator.code)
    assert code.evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
    shot("perf-message-code-390")
