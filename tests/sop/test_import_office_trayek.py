"""A new office's SOP as Word writes it: seven actor columns, a step whose text runs over two rows (the second
with no number), a Keterangan column holding the decisions ("Tidak lengkap: dikembalikan kepada Pemohon", "Ya: ke
Kabid; Tidak: ke Petugas Loket", a "Ya" going back), and times "30 mnt", "1 jam 30 menit", "½ hari"."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import pytest

from kinerja.sop.importers import parse_document

pytestmark = pytest.mark.usefixtures("english")

A7 = ["Pemohon", "Petugas Loket", "Pengadministrasi Umum", "Kasi Angkutan", "Kabid Lalu Lintas", "Sekretaris",
      "Kepala Dinas"]
# (No., Uraian Prosedur, actor, Kelengkapan, Waktu, Output, Keterangan); a row without a number continues the step.
STEPS7 = [
    ("1", "Mengajukan permohonan izin trayek beserta berkas persyaratan kepada Petugas Loket", "Pemohon",
     "Formulir permohonan, KTP", "15 menit", "Berkas permohonan", ""),
    ("2", "Menerima dan memeriksa kelengkapan berkas permohonan;", "Petugas Loket", "Berkas permohonan", "30 mnt",
     "Tanda terima", "Tidak lengkap: dikembalikan kepada Pemohon"),
    ("", "mencatat dalam buku register dan meneruskan kepada Pengadministrasi Umum", "", "", "", "", ""),
    ("3", "Mengagendakan berkas dan menyampaikan kepada Kasi Angkutan", "Pengadministrasi Umum", "Berkas permohonan",
     "1 jam 30 menit", "Agenda surat", ""),
    ("4", "Memverifikasi berkas dan melakukan cek fisik kendaraan. Apakah memenuhi syarat?", "Kasi Angkutan",
     "Berkas, kendaraan", "½ hari", "Berita acara cek fisik", "Ya: ke Kabid; Tidak: ke Petugas Loket"),
    ("5", "Memeriksa konsep izin trayek dan memaraf", "Kabid Lalu Lintas", "Konsep izin", "2 jam", "Konsep diparaf",
     "Tidak setuju: kembali ke Kasi Angkutan"),
    ("6", "Meneliti konsep dan memaraf; apakah sudah benar?", "Sekretaris", "Konsep diparaf", "1 jam", "Konsep diparaf",
     "Ya: kembali ke lgkh 3 untuk penomoran; Tidak: kembali ke lgkh 4"),
    ("7", "Menandatangani izin trayek", "Kepala Dinas", "Konsep izin", "1 hari", "Izin trayek", ""),
]


def write_trayek(folder: Path) -> Path:
    document = docx.Document()
    for line in ["PEMERINTAH KOTA BANDAR LAMPUNG", "DINAS PERHUBUNGAN", "BIDANG LALU LINTAS DAN ANGKUTAN"]:
        document.add_paragraph(line)
    identity = document.add_table(rows=0, cols=2)
    for label, value in [
            ("NOMOR SOP", "551/12/SOP/DISHUB/2025"), ("TANGGAL PEMBUATAN", "6 Januari 2025"), ("TANGGAL REVISI", "-"),
            ("TANGGAL EFEKTIF", "3 Februari 2025"),
            ("DISAHKAN OLEH", "KEPALA DINAS PERHUBUNGAN BUDI SANTOSO, S.T., M.T. NIP. 19700512 199503 1 004"),
            ("NAMA SOP", "PELAYANAN IZIN TRAYEK ANGKUTAN KOTA")]:
        cells = identity.add_row().cells
        cells[0].text, cells[1].text = label, value
    cells = identity.add_row().cells
    cells[0].text = "DASAR HUKUM:\n1. Undang-Undang Nomor 22 Tahun 2009 tentang Lalu Lintas dan Angkutan Jalan"
    cells[1].text = "KUALIFIKASI PELAKSANA:\n1. Memahami peraturan angkutan jalan"
    n = len(A7)
    table = document.add_table(rows=2 + len(STEPS7), cols=6 + n)
    header, sub = table.rows[0].cells, table.rows[1].cells
    header[0].text, header[1].text = "No", "Uraian Prosedur"
    header[2].merge(header[1 + n]).text = "Pelaksana"
    header[2 + n].merge(header[4 + n]).text = "Mutu Baku"
    header[5 + n].text = "Keterangan"
    for i, name in enumerate([*A7, "Kelengkapan", "Waktu", "Output"]):
        sub[2 + i].text = name
    for row, (number, activity, actor, inputs, time, output, note) in enumerate(STEPS7, start=2):
        cells = table.rows[row].cells
        cells[0].text, cells[1].text = number, activity
        if actor:
            cells[2 + A7.index(actor)].text = {"1": "Mulai", "7": "Selesai"}.get(number, "X")
        cells[2 + n].text, cells[3 + n].text, cells[4 + n].text, cells[5 + n].text = inputs, time, output, note
    path = folder / "sop-izin-trayek.docx"
    document.save(str(path))
    return path


def test_the_seven_actor_word_sop_is_read_step_by_step(tmp_path: Path) -> None:
    draft = parse_document(write_trayek(tmp_path))
    assert draft.problems == []
    assert draft.actors == A7
    assert [s.actor for s in draft.steps] == [s[2] for s in STEPS7 if s[0]]
    assert draft.steps[1].activity == ("Menerima dan memeriksa kelengkapan berkas permohonan; mencatat dalam buku register "
                                       "dan meneruskan kepada Pengadministrasi Umum")
    assert [(s.duration_value, s.duration_unit) for s in draft.steps][1:4] == [
        (Decimal(30), "minute"), (Decimal(90), "minute"), (Decimal("0.5"), "day")]
    assert [s.returns_to for s in draft.steps] == [[], [1], [], [2], [4], [4], []]
    (warning,) = draft.warnings  # step 6's "Ya: kembali ke lgkh 3 untuk penomoran"
    assert (warning.step, warning.value) == (6, "kembali ke lgkh 3")
