"""The division's answer page in a real browser after a refused submit: one bad value and one good evidence file
come back with the error at its field and in the list at the top, the good file kept ("sudah dipilih") so it need
not be chosen again, and a kept file's "hapus" removing it at once (htmx) with nothing typed lost; the value fixed,
the next submit saves the figures with the kept file. Screenshots at 1280 and 390 px."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from kinerja.org import demo
from kinerja.performance.models import Actual, Evidence, Indicator, Objective, Target
from kinerja.workflow import actions
from kinerja.workflow.models import DivisionRequest, Task
from tests.base import PASSWORD
from tests.browser.helpers import sign_in
from tests.workflow.seed import build_seed_sop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.fixture
def request_(db):  # type: ignore[no-untyped-def]
    """A case of the seed SOP at step 3, asking the first division (Bidang Kelembagaan) for Triwulan III 2025, whose
    two indicators have codes that a phone would break at the hyphen."""
    built = demo.build(password=PASSWORD, today=dt.date.today())
    version = build_seed_sop(built)
    objective = Objective.objects.create(office=built.office, code="S1", name="Meningkatnya kualitas koperasi",
                                         plan_start_year=2021, plan_end_year=2026)
    for order, (code, name, unit, target) in enumerate([("IK-1.2.3", "Jumlah koperasi aktif", "unit", 1725),
                                                        ("IK-1.2.4", "Persentase koperasi sehat", "%", 62)]):
        indicator = Indicator.objects.create(office=built.office, objective=objective, code=code, name=name, unit=unit,
                                             order=order, division=built.divisions[0])
        Target.objects.create(indicator=indicator, year=2025, kind="quarter", quarter=3, value_number=Decimal(target))
    people = {k: p.user for k, p in built.people.items()}
    case = actions.start_case(version.pk, user=people["sekretaris"], title="Pengumpulan Data Kinerja Triwulan III 2025",
                              period="Triwulan III 2025")
    performers = {1: people["sekretaris"], 2: people["kasubbag"]}
    task = case.tasks.get(status=Task.Status.OPEN)
    while task.step.number < 3:
        extra = {"next_user": people["jfu"]} if task.step.number == 2 else {}
        actions.complete_task(task.pk, user=performers[task.step.number], note="ok", **extra)
        task = case.tasks.get(status=Task.Status.OPEN)
    [sent] = actions.send_division_requests(task.pk, user=people["jfu"], divisions=built.divisions[:1],
                                            what="Realisasi Triwulan III dan bukti dukung",
                                            due_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=3))
    return sent


def test_a_bad_value_comes_back_at_its_field_with_the_good_file_kept(live_server, page: Page, request_, shot,
                                                                      tmp_path) -> None:
    base = live_server.url
    active, healthy = Indicator.objects.order_by("order")
    evidence = tmp_path / "bukti-koperasi-aktif.pdf"
    evidence.write_bytes(PDF)
    note_file = tmp_path / "rekap-lama.pdf"
    note_file.write_bytes(PDF + b"%rekap\n")
    sign_in(page, base, "bidang1")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/requests/{request_.pk}/answer/")
    first, second = page.locator(f"#i{active.pk}"), page.locator(f"#i{healthy.pk}")
    first.get_by_label("Realisasi (unit)").fill("1.702")
    first.get_by_label("Kendala").fill("Dua koperasi belum menyampaikan laporan RAT")
    first.get_by_label("Bukti dukung (PDF, PNG, JPEG, XLSX, DOCX)").set_input_files(str(evidence))
    second.get_by_label("Realisasi (%)").fill("12,5x")
    page.get_by_label("Jawaban").fill("Realisasi Bidang Kelembagaan terlampir")
    page.locator("#id_answer_files").set_input_files(str(note_file))
    page.get_by_role("button", name="Kirim jawaban").click()

    # The error at its field and in the list at the top; nothing saved; everything typed still there.
    message = 'IK-1.2.4 Persentase koperasi sehat: "12,5x" bukan angka.'
    expect(second.locator(f"#id_i{healthy.pk}-value-error")).to_contain_text(message)
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Jawaban belum terkirim: 1 hal perlu diperbaiki.")
    expect(summary.get_by_role("link", name=message)).to_have_attribute("href", f"#id_i{healthy.pk}-value")
    expect(second.get_by_label("Realisasi (%)")).to_have_value("12,5x")
    expect(first.get_by_label("Realisasi (unit)")).to_have_value("1.702")
    expect(first.get_by_label("Kendala")).to_have_value("Dua koperasi belum menyampaikan laporan RAT")
    expect(page.get_by_label("Jawaban")).to_have_value("Realisasi Bidang Kelembagaan terlampir")
    # The good files are kept, each with its "hapus".
    expect(first.locator(".kept-file")).to_contain_text("sudah dipilih: bukti-koperasi-aktif.pdf")
    expect(page.locator(".kept-file").filter(has_text="rekap-lama.pdf")).to_be_visible()
    assert not Actual.objects.exists() and not DivisionRequest.objects.filter(answered_at__isnull=False).exists()
    # The codes stay whole on a phone: the heading's code is one line high.
    page.set_viewport_size({"width": 390, "height": 844})
    code = second.locator("h3 .perf-code")
    assert code.evaluate("e => e.getClientRects().length") == 1, "the code broke across lines"
    page.set_viewport_size({"width": 1280, "height": 900})
    shot("answer-errors-kept-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("answer-errors-kept-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    # "hapus" of the wrong general file takes effect at once: its line says so, nothing else changes.
    page.evaluate("window.samePage = true")
    page.get_by_role("button", name="Hapus rekap-lama.pdf").click()
    expect(page.locator(".kept-removed")).to_contain_text("rekap-lama.pdf dihapus")
    assert page.evaluate("window.samePage === true"), "the page was sent again, not only the file's line swapped"
    expect(second.get_by_label("Realisasi (%)")).to_have_value("12,5x")
    expect(page.get_by_label("Jawaban")).to_have_value("Realisasi Bidang Kelembagaan terlampir")
    expect(first.locator(".kept-file")).to_contain_text("bukti-koperasi-aktif.pdf")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("answer-kept-removed-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    # Fixed and sent: saved, with the kept evidence file, and no general file.
    second.get_by_label("Realisasi (%)").fill("61,25")
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page).to_have_url(f"{base}/cases/{request_.task.case_id}/")
    assert sorted(Actual.objects.values_list("value_number", "status")) == [
        (Decimal("61.25"), "submitted"), (Decimal(1702), "submitted")]
    assert list(Evidence.objects.values_list("actual__indicator__code", "original_name")) == [
        ("IK-1.2.3", "bukti-koperasi-aktif.pdf")]
    assert not DivisionRequest.objects.get(pk=request_.pk).files.exists()
