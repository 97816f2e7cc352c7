"""Correspondence in a real browser, as the SOP runs it: the Sekretaris registers the head's letter and
disposes it to the Kasubbag, the JFU records the coordination meeting, the Kasubbag writes the cover
letter and initials it, the Sekretaris initials it, the head signs it; then anyone checks the signed
PDF on the public page, and `kinerja verify` checks it offline.

Screenshots go to test-results/screenshots/; the user guide's pictures go to test-results/panduan/, and
to docs/panduan/img/ only when KINERJA_GUIDE_SCREENSHOTS=1 (to refresh the guide on purpose: a plain
`make test` leaves the tracked files alone). The pictures of the initials, the signature and the
verification come from test_signing_path.py, where the document is the Data Kinerja itself.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import Page, expect

from kinerja.correspondence import actions
from kinerja.correspondence.models import Signature
from kinerja.correspondence.signing import install_demo_keys
from kinerja.org import demo
from tests.base import PASSWORD
from tests.browser.helpers import KASUBBAG, download_signed, fill_minutes, sign_in, verify_on_public_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent.parent
GUIDE = (ROOT / "docs" / "panduan" / "img" if os.environ.get("KINERJA_GUIDE_SCREENSHOTS") == "1"
         else ROOT / "test-results" / "panduan")


@pytest.fixture
def office(db, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.DATA_DIR = tmp_path
    install_demo_keys(tmp_path / "keys")
    # Built a month back: the Sekretaris's week as Plh head is over, so the Kadis signs.
    built = demo.build(password=PASSWORD, today=dt.date.today() - dt.timedelta(days=30))
    actions.set_required_initials(built.office, [built.positions["subsection_head"], built.positions["secretary"]])
    return built


def guide_shot(page: Page, name: str) -> None:
    GUIDE.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(GUIDE / f"{name}.png"))


def scan_pdf(tmp_path: Path) -> Path:
    from weasyprint import HTML

    path = tmp_path / "surat-kadis.pdf"
    path.write_bytes(HTML(string="<h1>Surat Kepala Dinas</h1><p>Penyusunan Data Kinerja Triwulan I</p>").write_pdf())
    return path


def verify_cli(path: Path, data_dir: Path) -> subprocess.CompletedProcess:
    """`kinerja verify` in its own process, against the live test database and the same keys."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{db['NAME']}"
    else:
        url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "KINERJA_DATA_DIR": str(data_dir), "DATABASE_URL": url, "KINERJA_HTTPS": "0"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run([sys.executable, "-m", "kinerja", "verify", str(path)], capture_output=True, text=True,
                          env=env, timeout=120)


def test_letter_to_signed_and_verified_document(live_server, page: Page, office, shot, tmp_path) -> None:
    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 768})

    # The Sekretaris registers the head's letter and disposes it to the Kasubbag.
    sign_in(page, base, "sekretaris")
    page.goto(f"{base}/letters/new/")
    page.get_by_label("Jenis").select_option("data_collection")
    page.get_by_label("Nomor surat").fill("005/12/III.07/2025")
    page.get_by_label("Tanggal surat").fill("2025-03-20")
    page.get_by_label("Pengirim").fill("Kepala Dinas Koperasi dan UKM")
    page.get_by_label("Perihal").fill("Penyusunan Data Kinerja Triwulan I 2025")
    page.get_by_label("Kode klasifikasi").fill("005")
    page.get_by_label("Periode yang diminta").fill("Triwulan I 2025")
    page.get_by_label("Pindaian surat").set_input_files(str(scan_pdf(tmp_path)))
    guide_shot(page, "sekretaris-agenda-surat")
    page.get_by_role("button", name="Agendakan").click()
    expect(page.locator(".messages")).to_contain_text("Diagendakan dengan nomor 001/")
    page.get_by_label("Kepala Sub Bagian Program, Keuangan dan Aset").check()
    page.get_by_label("Tindak lanjuti").check()
    page.get_by_label("Siapkan bahan").check()
    page.get_by_label("Catatan").fill("Segera disusun bersama JFU.")
    page.get_by_role("button", name="Simpan disposisi").click()
    expect(page.locator(".messages")).to_contain_text("Disposisi tersimpan")
    guide_shot(page, "sekretaris-disposisi")
    shot("correspondence-letter-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("correspondence-letter-phone")
    page.set_viewport_size({"width": 1366, "height": 768})
    sheet = page.request.get(base + page.get_by_role("link", name="Cetak lembar disposisi (PDF)").get_attribute("href"))
    assert sheet.headers["content-type"] == "application/pdf"
    (tmp_path / "disposisi.pdf").write_bytes(sheet.body())
    page.goto(f"{base}/letters/")
    expect(page.locator("table.data")).to_contain_text("Sudah didisposisikan")
    guide_shot(page, "sekretaris-buku-agenda")

    # The JFU records the coordination meeting with a follow-up for a division.
    sign_in(page, base, "jfu")
    page.goto(f"{base}/minutes/new/")
    fill_minutes(page, title="Rapat Koordinasi Data Kinerja Triwulan I 2025",
                 decisions="Semua bidang menyerahkan data dalam 5 hari kerja.",
                 attendance={KASUBBAG: "present", "Jabatan Fungsional Umum Subbagian Program": "present",
                             "Pengelola Data Bidang Kewirausahaan": "absent"},
                 follow_up=("Serahkan realisasi Bidang Kewirausahaan", "Pengelola Data Bidang Kewirausahaan"))
    guide_shot(page, "jfu-notulen")
    page.get_by_role("button", name="Simpan notulen").click()
    expect(page.locator(".messages")).to_contain_text("Notulen tersimpan")
    shot("correspondence-minutes")
    minutes_doc = page.get_by_role("link", name="Notulen sebagai dokumen (PDF)").get_attribute("href")
    page.goto(base + minutes_doc)
    minutes_pdf = page.request.get(base + page.locator("a", has_text="v1").first.get_attribute("href"))
    (tmp_path / "notulen.pdf").write_bytes(minutes_pdf.body())

    # The person in charge sees the follow-up.
    sign_in(page, base, "bidang4")
    page.goto(f"{base}/follow-ups/")
    expect(page.locator("table.data")).to_contain_text("Serahkan realisasi Bidang Kewirausahaan")
    guide_shot(page, "bidang-tindak-lanjut")

    # The Kasubbag writes the cover letter and initials it.
    sign_in(page, base, "kasubbag")
    page.goto(f"{base}/documents/new/")
    page.get_by_label("Templat").select_option("cover_letter")
    page.get_by_label("Kode klasifikasi").fill("005")
    page.get_by_label("Perihal").fill("Penyampaian Data Kinerja Triwulan I 2025")
    page.get_by_label("Kepada").fill("Wali Kota Bandar Lampung c.q. Kepala Bappeda")
    page.get_by_label("Isi").fill("Bersama ini kami sampaikan Data Kinerja Triwulan I 2025.\n\nDemikian, terima kasih.")
    page.get_by_role("button", name="Buat dengan kop surat dan nomor").click()
    expect(page.locator(".messages")).to_contain_text("dibuat")
    page.get_by_role("button", name="Paraf versi 1").click()
    expect(page.locator(".messages")).to_contain_text("diparaf")

    # The Sekretaris initials; the head signs with the password asked again.
    document_url = page.url
    sign_in(page, base, "sekretaris")
    page.goto(document_url)
    page.get_by_role("button", name="Paraf versi 1").click()
    expect(page.locator(".messages")).to_contain_text("diparaf")
    sign_in(page, base, "kadis")
    page.goto(document_url)
    page.get_by_label("Kata sandi Anda (sekali lagi)").fill(PASSWORD)
    page.get_by_role("button", name="Tandatangani secara elektronik").click()
    expect(page.locator(".messages")).to_contain_text("Ditandatangani")
    shot("correspondence-signed")
    signed_path = download_signed(page, base, tmp_path / "ditandatangani.pdf")

    # Anyone checks it on the public page, without signing in.
    verify_on_public_page(page, base, Signature.objects.get().token, signed_path,
                          shows="Penyampaian Data Kinerja Triwulan I 2025")
    shot("correspondence-verify-valid")
    altered = tmp_path / "diubah.pdf"
    data = signed_path.read_bytes()
    at = data.index(b"stream", data.index(b"/Contents")) + 40
    altered.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1:])
    page.get_by_label("PDF bertanda tangan yang diperiksa").set_input_files(str(altered))
    page.get_by_role("button", name="Periksa", exact=True).click()
    expect(page.locator(".corr-verdict")).to_contain_text("TIDAK SAH")
    expect(page.locator(".corr-verdict")).to_contain_text("diubah setelah ditandatangani")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("correspondence-verify-altered-phone")

    # And offline.
    good = verify_cli(signed_path, tmp_path)
    assert good.returncode == 3, good.stderr  # intact, but the demo certificate's: not legally valid
    assert "TANDA TANGAN DEMO" in good.stdout
    assert "Penyampaian Data Kinerja Triwulan I 2025" in good.stdout
    bad = verify_cli(altered, tmp_path)
    assert bad.returncode == 1
    assert "altered" in bad.stderr or "diubah" in bad.stderr

    for name in ("disposisi", "notulen", "ditandatangani"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(tmp_path / f"{name}.pdf"),
                        str(ROOT / "test-results" / "screenshots" / f"pdf-{name}")], check=True)
