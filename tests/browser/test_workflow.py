"""The seed SOP run in a real browser through all six steps, with one return by the Sekretaris:
start, dispose, pick the JFU, ask two divisions, one answers with its indicator actuals (a mistyped value
first) and a file, complete with a reason,
Sesuai, Belum sesuai (first without a reason: a form error), Sesuai twice, signed. Screenshots of the
inbox and the case page at 1366 and 390 px, the answer page and the JFU's view of the answers at 1280 and 390."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from kinerja.org import demo
from kinerja.performance.models import Actual, Indicator, Objective, Target
from kinerja.workflow.models import Case, DivisionRequest, Task
from tests.base import PASSWORD
from tests.browser.helpers import sign_in
from tests.workflow.seed import build_seed_sop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(db):  # type: ignore[no-untyped-def]
    built = demo.build(password=PASSWORD, today=dt.date.today())
    build_seed_sop(built)
    # Two indicators of the first division (Bidang Kelembagaan), with their targets for Triwulan III 2025.
    objective = Objective.objects.create(office=built.office, code="S1", name="Meningkatnya kualitas koperasi",
                                         plan_start_year=2021, plan_end_year=2026)
    for order, (code, name, unit, target) in enumerate([("IK-01", "Jumlah koperasi aktif", "unit", 1725),
                                                        ("IK-02", "Persentase koperasi sehat", "%", 62)]):
        indicator = Indicator.objects.create(office=built.office, objective=objective, code=code, name=name, unit=unit,
                                             order=order, division=built.divisions[0])
        Target.objects.create(indicator=indicator, year=2025, kind="quarter", quarter=3, value_number=Decimal(target))
    return built


def open_case(page: Page, base: str, case: Case) -> None:
    page.goto(f"{base}/cases/{case.pk}/")


def now_at(page: Page, number: int, round: int = 1) -> None:
    expect(page.locator(".now h2")).to_contain_text(f"langkah {number}")
    if round > 1:
        expect(page.locator(".now h2")).to_contain_text(f"putaran {round}")


def test_the_seed_sop_runs_through_six_steps_with_one_return(live_server, page: Page, office, shot, tmp_path) -> None:
    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, base, "sekretaris")
    page.goto(f"{base}/cases/new/")
    page.get_by_label("SOP").select_option(index=1)
    page.get_by_label("Judul").fill("Pengumpulan Data Kinerja Triwulan III 2025")
    page.get_by_label("Periode").fill("Triwulan III 2025")
    page.get_by_label("Dokumen pemicu").fill("Surat Kepala Dinas Nomor 800/45/III.07/2025")
    page.get_by_role("button", name="Mulai").click()
    case = Case.objects.get()
    expect(page).to_have_url(f"{base}/cases/{case.pk}/")
    now_at(page, 1)

    # 1. The Sekretaris disposes the letter: the step's output is the disposition, asked for by its name.
    page.get_by_label("Disposisi (kepada siapa, dan apa yang harus dilakukan)").fill("Didisposisikan ke Kasubbag PKA")
    page.get_by_role("button", name="Selesai", exact=True).click()
    now_at(page, 2)

    # 2. The Kasubbag picks the JFU.
    sign_in(page, base, "kasubbag")
    page.goto(f"{base}/inbox/")
    page.get_by_role("link", name="Pengumpulan Data Kinerja Triwulan III 2025").first.click()
    page.get_by_label("Pelaksana langkah berikutnya").select_option(label="Contoh Staf Demo Dua, S.Kom.")
    page.get_by_role("button", name="Selesai", exact=True).click()
    now_at(page, 3)

    # 3. The JFU asks two divisions (every one comes ticked: the other two are unticked); one answers with a
    #    file; the JFU completes with a reason.
    sign_in(page, base, "jfu2")
    open_case(page, base, case)
    expect(page.get_by_label("Bidang Kelembagaan dan Pengawasan Koperasi")).to_be_checked()
    page.get_by_label("Bidang Usaha Mikro, Kecil dan Menengah").uncheck()
    page.get_by_label("Bidang Kewirausahaan").uncheck()
    page.get_by_label("Yang diminta").fill("Realisasi indikator Triwulan III dan bukti dukung")
    page.get_by_role("button", name="Kirim permintaan").click()
    expect(page.locator(".now")).to_contain_text("0 dari 2 bidang telah menjawab")
    # The division's contact answers with its indicator actuals, a note and a file in one submit; a
    # mistyped value first comes back next to its indicator, with nothing saved and nothing typed lost.
    sign_in(page, base, "bidang1")
    open_case(page, base, case)
    page.get_by_role("link", name="Buka formulir jawaban").click()
    expect(page.locator("#actuals")).to_contain_text("Realisasi indikator · Triwulan III 2025")
    expect(page.locator("#actuals")).to_contain_text("IK-01 · Jumlah koperasi aktif")
    cards = page.locator("#actuals article")
    cards.nth(0).get_by_label("Realisasi (unit)").fill("1.702")
    cards.nth(0).get_by_label("Kendala").fill("Dua koperasi belum menyampaikan laporan RAT")
    cards.nth(1).get_by_label("Realisasi (%)").fill("12,5x")
    page.get_by_label("Jawaban").fill("Realisasi Bidang Kelembagaan terlampir")
    page.set_viewport_size({"width": 1280, "height": 900})
    shot("workflow-answer-desktop")
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(cards.nth(1).locator(".error")).to_contain_text('IK-02 Persentase koperasi sehat: "12,5x" bukan angka.')
    expect(cards.nth(0).get_by_label("Realisasi (unit)")).to_have_value("1.702")
    assert not Actual.objects.exists() and not DivisionRequest.objects.filter(answered_at__isnull=False).exists()
    shot("workflow-answer-error-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("workflow-answer-error-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    cards.nth(1).get_by_label("Realisasi (%)").fill("61,25")
    evidence = tmp_path / "realisasi-kelembagaan.csv"
    evidence.write_text("indikator;target;realisasi\nKoperasi aktif;1725;1702\n")
    page.locator("#id_answer_files").set_input_files(str(evidence))
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page).to_have_url(f"{base}/cases/{case.pk}/")
    expect(page.locator(".now")).to_contain_text("1 dari 2 bidang telah menjawab")
    expect(page.locator(".now")).to_contain_text("realisasi-kelembagaan.csv")
    assert sorted(Actual.objects.values_list("value_number", "status")) == [
        (Decimal("61.25"), "submitted"), (Decimal(1702), "submitted")]
    sign_in(page, base, "jfu2")
    open_case(page, base, case)
    figures = page.locator(".now .answer-figures")
    expect(figures).to_contain_text("IK-01 Jumlah koperasi aktif")
    expect(figures).to_contain_text("1.702 unit")
    expect(figures).to_contain_text("98,67%")  # 1.702 ÷ 1.725
    shot("workflow-case-step3-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("workflow-case-step3-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_label("Mengapa tidak semua bidang menjawab").fill("Bidang Pemberdayaan menyusul setelah rapat")
    page.get_by_role("button", name="Selesaikan dengan alasan").click()
    now_at(page, 4)

    # 4. The Kasubbag: Sesuai.
    sign_in(page, base, "kasubbag")
    open_case(page, base, case)
    page.get_by_label("Sesuai", exact=True).check()
    page.get_by_role("button", name="Simpan keputusan").click()
    now_at(page, 5)

    # 5. The Sekretaris: Belum sesuai, first without a reason (form error), then with one.
    sign_in(page, base, "sekretaris")
    open_case(page, base, case)
    page.get_by_label("Belum sesuai", exact=True).check()
    page.get_by_role("button", name="Simpan keputusan").click()
    expect(page.locator("#actions .error")).to_contain_text("Sebutkan apa yang belum sesuai")
    page.get_by_label("Alasan (wajib untuk Belum sesuai)").fill("Capaian Bidang Pemberdayaan belum ada")
    page.get_by_role("button", name="Simpan keputusan").click()
    now_at(page, 4, round=2)

    # 4 again, then 5, then 6: the Sekretaris is Plh Kepala Dinas this week and signs.
    sign_in(page, base, "kasubbag")
    page.goto(f"{base}/inbox/")
    expect(page.locator("main")).to_contain_text("putaran 2")
    shot("workflow-inbox-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("workflow-inbox-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    open_case(page, base, case)
    page.get_by_label("Sesuai", exact=True).check()
    page.get_by_role("button", name="Simpan keputusan").click()
    now_at(page, 5, round=2)
    sign_in(page, base, "sekretaris")
    open_case(page, base, case)
    page.get_by_label("Sesuai", exact=True).check()
    page.get_by_role("button", name="Simpan keputusan").click()
    now_at(page, 6)
    page.get_by_label("Catatan output").fill("Data Kinerja ditandatangani")
    page.get_by_role("button", name="Selesai", exact=True).click()
    expect(page.locator(".case-meta .badge").first).to_have_text("Selesai")
    expect(page.locator("ol.timeline")).to_contain_text("Dikembalikan untuk diperbaiki")
    expect(page.locator("ol.timeline")).to_contain_text("Capaian Bidang Pemberdayaan belum ada")

    case.refresh_from_db()
    assert case.status == Case.Status.DONE
    assert list(case.tasks.order_by("opened_at", "pk").values_list("step__number", "round", "status")) == [
        (1, 1, "done"), (2, 1, "done"), (3, 1, "done"), (4, 1, "done"), (5, 1, "returned"), (4, 2, "done"),
        (5, 2, "done"), (6, 1, "done")]
    assert Task.objects.get(step__number=6).done_by.username == "sekretaris"
    shot("workflow-case-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("workflow-case-phone")


def test_completing_someone_elses_task_shows_a_403_page(live_server, page: Page, office, shot) -> None:
    from kinerja.sop.models import SopVersion
    from kinerja.workflow import actions

    version = SopVersion.objects.get()
    case = actions.start_case(version.pk, user=office.people["sekretaris"].user, title="Triwulan III", period="2025")
    task = case.tasks.get()
    sign_in(page, live_server.url, "jfu")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(page.locator("#actions")).to_contain_text("Tidak ada yang perlu Anda kerjakan")
    # A forged post (as from an old tab) is refused with a message.
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    response = page.request.post(f"{live_server.url}/tasks/{task.pk}/complete/",
                                 form={"csrfmiddlewaretoken": token, "complete-note": "x"})
    assert response.status == 403
    assert "Ini bukan tugas Anda" in response.text()
    task.refresh_from_db()
    assert task.status == Task.Status.OPEN
