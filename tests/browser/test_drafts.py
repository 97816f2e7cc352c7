"""What a person types is never lost (static/kinerja/drafts.js, web/middleware.py SessionEndedMiddleware),
in a real browser: a task's note sent after the session ended (an htmx form) and a case started after it
ended (a plain form) come back once the person signs in again, and go once sent; drafts are the person's
own, are dropped on signing out, and can be discarded. The session's end is made as it happens: the
session cookie is gone, the CSRF cookie stays."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from kinerja.org import demo
from kinerja.workflow import actions
from kinerja.workflow.models import Case, Task
from tests.base import PASSWORD
from tests.browser.helpers import sign_in
from tests.workflow.seed import build_seed_sop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "Disposisi diteruskan ke Kasubbag Program dengan catatan: data triwulan harus lengkap sebelum tanggal 10."
TITLE = "Pengumpulan Data Kinerja Triwulan I 2027"


@pytest.fixture
def office(db):  # type: ignore[no-untyped-def]
    built = demo.build(password=PASSWORD, today=dt.date.today())
    built.version = build_seed_sop(built)
    return built


def drafts(page: Page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('kinerja-draft:'))")


def kept(page: Page) -> None:
    """Wait until what was typed is kept (drafts.js saves 300 ms after the last key)."""
    for _ in range(50):
        if drafts(page):
            return
        page.wait_for_timeout(100)
    raise AssertionError("nothing typed was kept in the browser")


def dropped(page: Page) -> None:
    """Wait until what was kept is dropped: drafts.js settles a sent form once the page it led to has run its
    script, which may be after the page's heading is on screen; it must be gone within five seconds."""
    for _ in range(50):
        if not drafts(page):
            return
        page.wait_for_timeout(100)
    assert drafts(page) == []


def type_a_title(page: Page, base: str) -> None:
    """As the Sekretaris, type a case's title on the start form, and wait until it is kept."""
    sign_in(page, base, "sekretaris")
    page.goto(f"{base}/cases/new/")
    page.get_by_label("Judul").fill(TITLE)
    kept(page)


def end_session(page: Page) -> None:
    page.context.clear_cookies(name="sessionid")


def sign_in_here(page: Page, username: str) -> None:
    """Sign in on the sign-in page that is open (keeps its `next`)."""
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def test_a_task_note_sent_after_the_session_ended_comes_back_after_signing_in(live_server, page: Page, office,
                                                                                shot) -> None:
    base = live_server.url
    case = actions.start_case(office.version.pk, user=office.people["sekretaris"].user,
                              title="Data Kinerja Triwulan IV", period="TW IV")
    sign_in(page, base, "sekretaris")
    page.goto(f"{base}/cases/{case.pk}/")
    form = page.locator("form.complete-form")
    form.locator("textarea").first.fill(NOTE)
    kept(page)
    end_session(page)
    form.get_by_role("button", name="Selesai").click()

    ended = page.locator(".draft-note[role=alert]")
    expect(ended).to_contain_text("Sesi Anda telah berakhir")
    expect(form.locator("textarea").first).to_have_value(NOTE)  # the form is still there, not the sign-in page
    page.set_viewport_size({"width": 390, "height": 800})
    shot("draft-session-ended-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert Task.objects.get(case=case, step__number=1).status == Task.Status.OPEN

    ended.get_by_role("link", name="Masuk lagi").click()
    sign_in_here(page, "sekretaris")
    expect(page).to_have_url(f"{base}/cases/{case.pk}/")
    restored = page.locator(".draft-note[role=status]")
    expect(restored).to_contain_text("belum terkirim sudah dikembalikan")
    expect(restored).to_contain_text("Berkas tidak ikut tersimpan")
    expect(page.locator("form.complete-form textarea").first).to_have_value(NOTE)
    shot("draft-restored-1280")

    page.locator("form.complete-form").get_by_role("button", name="Selesai").click()
    expect(page.locator(".now h2")).to_contain_text("langkah 2")
    done = Task.objects.get(case=case, step__number=1)
    assert (done.status, done.note) == (Task.Status.DONE, NOTE)
    dropped(page)


def test_a_case_started_after_the_session_ended_comes_back_and_goes_once_sent(live_server, page: Page,
                                                                                office) -> None:
    base = live_server.url
    sign_in(page, base, "sekretaris")
    page.goto(f"{base}/cases/new/")
    page.get_by_label("SOP").select_option(index=1)
    page.get_by_label("Judul").fill(TITLE)
    page.get_by_label("Periode").fill("Triwulan I 2027")
    kept(page)
    end_session(page)
    page.get_by_role("button", name="Mulai").click()

    # Signed out, then back on the form's own page (not the address it was sent to), with what was typed.
    expect(page).to_have_url(f"{base}/login/?next=%2Fcases%2Fnew%2F")
    assert not Case.objects.exists()
    sign_in_here(page, "sekretaris")
    expect(page).to_have_url(f"{base}/cases/new/")
    expect(page.get_by_label("Judul")).to_have_value(TITLE)
    expect(page.get_by_label("Periode")).to_have_value("Triwulan I 2027")
    expect(page.locator(".draft-note[role=status]")).to_contain_text("dikembalikan")

    page.get_by_role("button", name="Mulai").click()
    expect(page.locator("h1")).to_contain_text(TITLE)
    assert Case.objects.get().title == TITLE
    dropped(page)
    page.goto(f"{base}/cases/new/")
    expect(page.get_by_label("Judul")).to_have_value("")
    expect(page.locator(".draft-note")).to_have_count(0)


def test_a_form_with_an_error_keeps_the_draft(live_server, page: Page, office) -> None:
    base = live_server.url
    type_a_title(page, base)
    page.locator("form:has(#id_title)").evaluate("f => f.noValidate = true")  # no SOP chosen: the server's error
    page.get_by_role("button", name="Mulai").click()
    expect(page.locator(".error, .errorlist").first).to_be_visible()
    assert len(drafts(page)) == 1
    page.goto(f"{base}/cases/new/")
    expect(page.get_by_label("Judul")).to_have_value(TITLE)


def test_drafts_are_the_persons_own_and_go_when_they_sign_out_or_discard(live_server, page: Page, office) -> None:
    base = live_server.url
    type_a_title(page, base)

    # Another person on the same computer does not get it.
    sign_in(page, base, "kadis")
    page.goto(f"{base}/cases/new/")
    expect(page.get_by_label("Judul")).to_have_value("")
    expect(page.locator(".draft-note")).to_have_count(0)

    # The person does, and can discard it.
    sign_in(page, base, "sekretaris")
    page.goto(f"{base}/cases/new/")
    expect(page.get_by_label("Judul")).to_have_value(TITLE)
    page.get_by_role("button", name="Buang isian ini").click()
    expect(page.get_by_label("Judul")).to_have_value("")
    dropped(page)

    # Signing out drops what is kept.
    page.get_by_label("Judul").fill(TITLE)
    kept(page)
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()
    dropped(page)
