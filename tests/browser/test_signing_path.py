"""The "Done when" of issue 7 in a real browser: the seed SOP from the head's letter to a verified
signature, every step by its actor on the web.

The Sekretaris registers the head's letter (that starts the case) and disposes it (step 1); the Kasubbag
hands the work to the JFU (step 2); the JFU sends the division requests and records the coordination
meeting, whose follow-up lands in a division contact's inbox; the divisions answer on the answer page
(note and files; the first also corrects an indicator actual the Kasubbag had returned); the JFU reports
(step 3); the Kasubbag compiles the Data Kinerja and puts it up for initials, and initials it (step 4);
the Sekretaris initials it (step 5); the Kepala Dinas signs it with the password asked again (step 6).
The signed PDF is then checked on the public page (not signed in) and by `kinerja verify`.

Screenshots go to test-results/screenshots/ (desktop and phone width at the disposition, the minutes,
the initials/sign page and the verification result); the PDFs are rendered to PNG beside them. The user
guide's pictures go to test-results/panduan/, or docs/panduan/img/ with KINERJA_GUIDE_SCREENSHOTS=1.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from kinerja.correspondence import actions
from kinerja.correspondence.models import FollowUp, Letter, RegisterSettings, Signature
from kinerja.correspondence.signing import install_demo_keys
from kinerja.org import demo
from kinerja.performance import demo as performance_demo
from kinerja.performance import signoff
from kinerja.performance.models import Actual
from kinerja.sop import demo as sop_demo
from kinerja.sop.models import SopVersion
from kinerja.workflow.models import Case, Task
from tests.base import PASSWORD
from tests.browser.helpers import KASUBBAG, download_signed, fill_minutes, sign_in, verify_on_public_page
from tests.browser.test_correspondence import GUIDE, ROOT, guide_shot, scan_pdf, verify_cli

CONTACT_1 = "Pengelola Data Bidang Kelembagaan dan Pengawasan Koperasi"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def office(db, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.DATA_DIR = tmp_path
    install_demo_keys(tmp_path / "keys")
    # Built a month back: the Sekretaris's week as Plh head is over, so the Kepala Dinas signs.
    day = dt.date.today() - dt.timedelta(days=30)
    built = demo.build(password=PASSWORD, today=day)
    sop_demo.load(built.office)
    version = SopVersion.objects.get(sop__office=built.office, status=SopVersion.Status.IN_FORCE)
    RegisterSettings.objects.update_or_create(office=built.office, defaults={"data_collection_sop": version.sop})
    actions.set_required_initials(built.office, [built.positions["subsection_head"], built.positions["secretary"]])
    performance_demo.load(built.office, day)
    # The quarter the demo leaves open for collection: the last one that ended.
    built.year, built.quarter = (day.year, (day.month - 1) // 3) if (day.month - 1) // 3 else (day.year - 1, 4)
    return built


def both_widths(page: Page, shot, name: str) -> None:  # type: ignore[no-untyped-def]
    shot(f"{name}-desktop")
    page.set_viewport_size(PHONE)
    shot(f"{name}-phone")
    page.set_viewport_size(DESKTOP)


def open_case(page: Page, base: str, case: Case) -> None:
    page.goto(f"{base}/cases/{case.pk}/")


def step_now(page: Page, number: int) -> None:
    expect(page.locator(".now h2")).to_contain_text(f"langkah {number}")


def open_step(case: Case) -> int | None:
    task = case.tasks.filter(status=Task.Status.OPEN).select_related("step").first()
    return task.step.number if task else None


def to_png(pdf: Path, name: str) -> None:
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(ROOT / "test-results" / "screenshots" / name)],
                   check=True)


def test_the_seed_sop_from_the_registered_letter_to_a_verified_signature(  # noqa: PLR0915
        live_server, page: Page, office, shot, tmp_path) -> None:
    base = live_server.url
    period = f"Triwulan {ROMAN[office.quarter]} {office.year}"
    subject = f"Penyusunan Data Kinerja {period}"
    page.set_viewport_size(DESKTOP)

    # The Sekretaris registers the head's letter: the case of the seed SOP starts at step 1.
    sign_in(page, base, "sekretaris")
    page.goto(f"{base}/letters/new/")
    page.get_by_label("Jenis").select_option("data_collection")
    page.get_by_label("Nomor surat").fill(f"005/41/III.07/{office.year}")
    page.get_by_label("Tanggal surat").fill(dt.date.today().isoformat())
    page.get_by_label("Pengirim").fill("Kepala Dinas Koperasi dan UKM")
    page.get_by_label("Perihal").fill(subject)
    page.get_by_label("Kode klasifikasi").fill("005")
    page.get_by_label("Periode yang diminta").fill(period)
    page.get_by_label("Pindaian surat").set_input_files(str(scan_pdf(tmp_path)))
    page.get_by_role("button", name="Agendakan").click()
    expect(page.locator(".messages")).to_contain_text("Diagendakan dengan nomor")
    letter = Letter.objects.get()
    case = Case.objects.get(pk=letter.case_id)
    assert open_step(case) == 1

    # Step 1: the disposition to the Kasubbag completes it.
    page.get_by_label("Kepala Sub Bagian Program, Keuangan dan Aset").check()
    page.get_by_label("Tindak lanjuti").check()
    page.get_by_label("Koordinasikan").check()
    page.get_by_label("Catatan").fill("Koordinasikan dengan semua bidang; data paling lambat 5 hari kerja.")
    page.get_by_role("button", name="Simpan disposisi").click()
    expect(page.locator(".messages")).to_contain_text("Disposisi tersimpan")
    expect(page.locator(".messages")).to_contain_text("Langkah 1 pelaksanaan SOP selesai")
    both_widths(page, shot, "path-disposition")
    sheet = page.request.get(base + page.get_by_role("link", name="Cetak lembar disposisi (PDF)").get_attribute("href"))
    assert sheet.headers["content-type"] == "application/pdf"
    (tmp_path / "disposisi.pdf").write_bytes(sheet.body())
    assert open_step(case) == 2

    # Step 2: the Kasubbag hands the work to the JFU.
    sign_in(page, base, "kasubbag")
    page.goto(f"{base}/inbox/")
    page.get_by_role("link", name=subject).first.click()
    step_now(page, 2)
    page.get_by_label("Pelaksana langkah berikutnya").select_option(label="Contoh Staf Demo Satu, A.Md.")
    page.get_by_role("button", name="Selesai", exact=True).click()
    step_now(page, 3)

    # Step 3: the JFU sends the division requests...
    sign_in(page, base, "jfu")
    open_case(page, base, case)
    # Every Bidang comes ticked; the Sekretariat is offered unticked (it is asked only for figures of its own).
    divisions = page.locator("#actions input[type=checkbox]")
    expect(divisions).to_have_count(5)
    for i in range(divisions.count()):
        label = divisions.nth(i).evaluate("e => e.closest('label') ? e.closest('label').textContent : ''")
        if "Sekretariat" in label:
            expect(divisions.nth(i)).not_to_be_checked()
        else:
            expect(divisions.nth(i)).to_be_checked()
    page.get_by_label("Yang diminta").fill(f"Realisasi indikator {period} dan bukti dukung")
    guide_shot(page, "jfu-permintaan-bidang")
    page.get_by_role("button", name="Kirim permintaan").click()
    expect(page.locator(".now")).to_contain_text("0 dari 4 bidang telah menjawab")

    # ...and records the coordination meeting, with a follow-up for a division.
    page.goto(f"{base}/minutes/new/?letter={letter.pk}")
    fill_minutes(page, title=f"Rapat Koordinasi Data Kinerja {period}",
                 decisions="Semua bidang menyerahkan realisasi dan bukti dukung dalam 5 hari kerja.",
                 attendance={KASUBBAG: "present", CONTACT_1: "present"},
                 follow_up=("Lengkapi bukti dukung RAT koperasi", CONTACT_1))
    page.get_by_role("button", name="Simpan notulen").click()
    expect(page.locator(".messages")).to_contain_text("Notulen tersimpan")
    expect(page.locator(".messages")).to_contain_text("masuk ke kotak masuk penanggung jawabnya")
    both_widths(page, shot, "path-minutes")
    minutes_url = page.url
    page.goto(base + page.get_by_role("link", name="Notulen sebagai dokumen (PDF)").get_attribute("href"))
    minutes_pdf = page.request.get(base + page.locator("a", has_text="v1").first.get_attribute("href"))
    (tmp_path / "notulen.pdf").write_bytes(minutes_pdf.body())

    # The divisions answer, each as its contact; the first also closes its follow-up from the inbox.
    for n in range(1, 5):
        sign_in(page, base, f"bidang{n}")
        page.goto(f"{base}/inbox/")
        expect(page.locator("main")).to_contain_text(f"Realisasi indikator {period}")
        if n == 1:
            expect(page.locator("#more-to-do")).to_contain_text("Lengkapi bukti dukung RAT koperasi")
            guide_shot(page, "bidang-kotak-masuk")
            shot("path-inbox-follow-up-desktop")
        else:
            expect(page.locator("main")).not_to_contain_text("Lengkapi bukti dukung RAT koperasi")
        open_case(page, base, case)
        page.get_by_role("link", name="Buka formulir jawaban").click()
        if n == 1:
            # The page also asks for the division's indicator actuals: the one the Kasubbag returned is corrected.
            returned = page.locator("#actuals article").filter(has_text="IK-03")
            returned.get_by_label("Realisasi (%)").fill("18,5")
            returned.get_by_label("Kendala").fill("Daftar nama koperasi tidak aktif sudah dilengkapi.")
            shot("path-answer-desktop")
        page.get_by_label("Jawaban").fill(f"Realisasi {period} bidang {n} terlampir")
        evidence = tmp_path / f"realisasi-bidang-{n}.csv"
        evidence.write_text(f"indikator;target;realisasi\nIndikator bidang {n};100;9{n}\n")
        page.locator("#id_answer_files").set_input_files(str(evidence))
        page.get_by_role("button", name="Kirim jawaban").click()
        expect(page).to_have_url(f"{base}/cases/{case.pk}/")
        expect(page.locator(".now")).to_contain_text(f"{n} dari 4 bidang telah menjawab")
        if n == 1:
            page.goto(f"{base}/inbox/")
            page.locator("#more-to-do").get_by_label("Catatan").fill("Bukti dukung RAT diunggah bersama jawaban")
            page.locator("#more-to-do").get_by_role("button", name="Tandai selesai").click()
            expect(page.locator(".messages")).to_contain_text("Tindak lanjut ditandai selesai")
            expect(page.locator("main")).to_contain_text("Bukti dukung RAT diunggah bersama jawaban")
            page.set_viewport_size(PHONE)
            shot("path-inbox-follow-up-done-phone")
            page.set_viewport_size(DESKTOP)
    assert FollowUp.objects.get().status == FollowUp.Status.DONE
    corrected = Actual.objects.get(indicator__code="IK-03", year=office.year, quarter=office.quarter, is_current=True)
    assert (corrected.value_number, corrected.status) == (Decimal("18.5"), Actual.Status.SUBMITTED)
    page.goto(minutes_url)
    expect(page.locator("main")).to_contain_text("Bukti dukung RAT diunggah bersama jawaban")

    # The JFU's report to the Kasubbag completes step 3.
    sign_in(page, base, "jfu")
    open_case(page, base, case)
    expect(page.locator(".now")).to_contain_text("4 dari 4 bidang telah menjawab")
    page.get_by_label("Catatan output").fill("Data semua bidang terkumpul, direkap untuk Data Kinerja")
    page.get_by_role("button", name="Selesai", exact=True).click()
    step_now(page, 4)

    # The Kasubbag checks the quarter's figures (initials wait for that), compiles the Data Kinerja, puts it
    # up for initials and initials it (step 4).
    sign_in(page, base, "kasubbag")
    page.goto(f"{base}/data/check/?year={office.year}&quarter={office.quarter}&status=submitted")
    check = page.get_by_role("button", name="Sesuai: tandai sudah diperiksa")
    for left in range(check.count(), 0, -1):
        check.first.click()
        expect(check).to_have_count(left - 1)
    assert signoff.unchecked(office.office, office.year, office.quarter) == []
    page.goto(f"{base}/data/dashboard/?year={office.year}&quarter={office.quarter}")
    page.get_by_role("button", name="Susun versi laporan").click()
    # The tests' task backend compiles as soon as the press is recorded; the worker does it in production.
    expect(page.locator("#compilation")).to_contain_text("telah disusun")
    page.goto(f"{base}/documents/")
    page.get_by_role("button", name="Ajukan untuk diparaf").first.click()
    expect(page.locator("h1")).to_have_text(f"Data Kinerja {period}")
    document_url = page.url
    page.get_by_role("button", name="Paraf versi 1").click()
    expect(page.locator(".messages")).to_contain_text("diparaf")
    guide_shot(page, "kasubbag-paraf")
    both_widths(page, shot, "path-initials-kasubbag")
    assert open_step(case) == 5

    # The Sekretaris initials it (step 5).
    sign_in(page, base, "sekretaris")
    page.goto(document_url)
    page.get_by_role("button", name="Paraf versi 1").click()
    expect(page.locator(".messages")).to_contain_text("diparaf")
    assert open_step(case) == 6

    # The Kepala Dinas signs with the password asked again (step 6); a wrong one is refused first.
    sign_in(page, base, "kadis")
    page.goto(document_url)
    guide_shot(page, "kadis-tanda-tangan")
    both_widths(page, shot, "path-sign")
    page.get_by_label("Kata sandi Anda (sekali lagi)").fill("bukan-kata-sandinya")
    page.get_by_role("button", name="Tandatangani secara elektronik").click()
    expect(page.locator("main")).to_contain_text("Kata sandi salah")
    assert not Signature.objects.exists()
    page.get_by_label("Kata sandi Anda (sekali lagi)").fill(PASSWORD)
    page.get_by_role("button", name="Tandatangani secara elektronik").click()
    expect(page.locator(".messages")).to_contain_text("Ditandatangani")
    both_widths(page, shot, "path-signed")
    case.refresh_from_db()
    assert case.status == Case.Status.DONE
    assert list(case.tasks.order_by("opened_at", "pk").values_list("step__number", "status")) == [
        (1, "done"), (2, "done"), (3, "done"), (4, "done"), (5, "done"), (6, "done")]
    signed_path = download_signed(page, base, tmp_path / "data-kinerja-ditandatangani.pdf")

    # Anyone checks it on the public page the QR code leads to, without signing in: upload, verdict.
    verify_on_public_page(page, base, Signature.objects.get().token, signed_path, shows="Dr. Contoh Kadis Demo")
    expect(page.locator(".corr-verdict")).to_contain_text(f"Data Kinerja {period}")
    guide_shot(page, "publik-verifikasi")
    both_widths(page, shot, "path-verify-valid")

    # And offline: `kinerja verify FILE` against the same database and keys.
    done = verify_cli(signed_path, tmp_path)
    assert done.returncode == 3, done.stderr  # intact, but the demo certificate's: not legally valid
    assert "TANDA TANGAN DEMO" in done.stdout
    assert f"Data Kinerja {period}" in done.stdout

    # The printed documents, as images to look at.
    text = subprocess.run(["pdftotext", str(signed_path), "-"], capture_output=True, text=True, check=True).stdout
    assert text.split().count("Paraf") == 1
    assert text.count("Ditandatangani secara elektronik") == 1
    to_png(tmp_path / "disposisi.pdf", "path-pdf-disposisi")
    to_png(tmp_path / "notulen.pdf", "path-pdf-notulen")
    to_png(signed_path, "path-pdf-data-kinerja")
    assert GUIDE.exists()
