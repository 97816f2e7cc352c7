"""SOPs of other offices, written as a new office would, in layouts the other tests do not use: a permit service's
Word table with its header cells merged and the Mutu Baku as Output | Waktu | Persyaratan, a leave procedure typed
into a workbook with its flowchart symbols in the cells and the Mutu Baku as Waktu | Output | Kelengkapan, a letter
register in text numbered "1)", "2)" with the Keterangan last."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest

from kinerja.sop.importers import parse_document

from .documents import write

pytestmark = pytest.mark.usefixtures("english")

PERMIT_ACTORS = ["Pemohon", "Petugas Front Office", "Tim Teknis", "Kabid Perizinan", "Kepala DPMPTSP"]
PERMIT_STEPS = [
    ("Mengajukan permohonan izin reklame beserta persyaratan", "Pemohon", "15 menit", ""),
    ("Memeriksa kelengkapan berkas. Jika tidak lengkap dikembalikan kepada Pemohon", "Petugas Front Office", "30 menit",
     ""),
    ("Melakukan peninjauan lokasi dan menyusun berita acara", "Tim Teknis", "2 hari", ""),
    ("Apakah memenuhi syarat teknis?", "Tim Teknis", "2 jam", "Ya: ke Kabid Perizinan\nTidak: ke Pemohon"),
    ("Memeriksa draft izin dan memaraf", None, "1 hari 2 jam", ""),  # no symbol: the "Ya" above names the actor
    ("Menandatangani izin reklame", "Kepala DPMPTSP", "1 hari", ""),
    ("Menerima izin reklame", "Pemohon", "10 menit", ""),
]


def _permit(tmp_path: Path) -> Path:
    document = docx.Document()
    identity = document.add_table(rows=0, cols=2)
    for label, value in [("Nomor SOP", "503/12/SOP-DPMPTSP/2024"), ("Tanggal Efektif", "1 Maret 2024"),
                         ("Disahkan oleh", "Kepala DPMPTSP"), ("Nama SOP", "Pelayanan Izin Reklame")]:
        cells = identity.add_row().cells
        cells[0].text, cells[1].text = label, value
    n = len(PERMIT_ACTORS)
    table = document.add_table(rows=2 + len(PERMIT_STEPS), cols=6 + n)
    top, sub = table.rows[0].cells, table.rows[1].cells
    top[0].merge(sub[0]).text = "NO"
    top[1].merge(sub[1]).text = "URAIAN KEGIATAN"
    top[2].merge(top[1 + n]).text = "PELAKSANA"
    top[2 + n].merge(top[4 + n]).text = "MUTU BAKU"
    top[5 + n].merge(sub[5 + n]).text = "KETERANGAN"
    for i, actor in enumerate(PERMIT_ACTORS):
        sub[2 + i].text = actor
    for i, label in enumerate(["Output", "Waktu", "Persyaratan/Kelengkapan"]):
        sub[2 + n + i].text = label
    for number, (activity, actor, time, note) in enumerate(PERMIT_STEPS, start=1):
        cells = table.rows[1 + number].cells
        cells[0].text, cells[1].text = f"{number}.", activity
        if actor:
            cells[2 + PERMIT_ACTORS.index(actor)].text = ("Mulai" if number == 1 else "Selesai" if number == len(
                PERMIT_STEPS) else "◇" if "?" in activity else "□")
        cells[2 + n].text, cells[3 + n].text, cells[4 + n].text = f"hasil {number}", time, "berkas"
        cells[5 + n].text = note
    path = tmp_path / "reklame.docx"
    document.save(str(path))
    return path


def test_a_permit_service_in_word_with_merged_header_cells(tmp_path: Path) -> None:
    draft = parse_document(_permit(tmp_path))
    assert draft.problems == []
    assert [s.actor for s in draft.steps] == ["Pemohon", "Petugas Front Office", "Tim Teknis", "Tim Teknis",
                                              "Kabid Perizinan", "Kepala DPMPTSP", "Pemohon"]
    assert draft.step(5).actor_source == "handoff"  # from "Ya: ke Kabid Perizinan"
    assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == {2: [1], 4: [1]}
    assert [(s.duration_value, s.duration_unit) for s in draft.steps][3:5] == [(2, "hour"), (Decimal("10.5"), "hour")]
    assert (draft.step(1).inputs, draft.step(1).output) == ("berkas", "hasil 1")
    (warning,) = draft.warnings
    assert str(warning).startswith("reklame.docx, step 5, column Waktu: days and then a time of the day: read as "
                                   "10,5 jam")


def _leave(tmp_path: Path, ket3: str = "Tidak: kembali ke lkh 2") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "SOP Cuti"
    for row in [["PEMERINTAH PROVINSI LAMPUNG"], ["BADAN KEPEGAWAIAN DAERAH"], [],
                ["Nomor SOP", None, "800.1/07/SOP/BKD/2024"], ["Tanggal Efektif", None, "15 Juli 2024"],
                ["Disahkan oleh", None, "Kepala BKD"], ["Nama SOP", None, "Penerbitan Surat Izin Cuti Tahunan"], []]:
        sheet.append(row)
    top = sheet.max_row + 1
    actors = ["ASN Pemohon", "Pengelola Kepegawaian", "Kasubbid Mutasi", "Kabid Mutasi", "Kepala BKD"]
    for column, text in [(1, "No."), (2, "Uraian Prosedur"), (3, "Pelaksana"), (8, "Mutu Baku"), (11, "Keterangan")]:
        sheet.cell(top, column, text)
    for first, last, rows in [(1, 1, 2), (2, 2, 2), (3, 7, 1), (8, 10, 1), (11, 11, 2)]:
        sheet.merge_cells(start_row=top, start_column=first, end_row=top + rows - 1, end_column=last)
    for i, text in enumerate([*actors, "Waktu", "Output", "Kelengkapan"]):
        sheet.cell(top + 1, 3 + i, text)
    steps = [("Mengajukan permohonan cuti", 0, "10 menit", ""),
             ("Memverifikasi sisa cuti dan menyiapkan konsep surat izin", 1, "2 jam 15", ""),
             ("Memeriksa konsep surat izin cuti", 2, "1 jam", ket3),
             ("Apakah konsep disetujui?", 3, "½ hari", "Ya: ke Kepala BKD\nTidak: ke Kasubbid Mutasi"),
             ("Menandatangani surat izin cuti", 4, "1 hari", ""),
             ("Menerima surat izin cuti dan mencatatnya dalam LKH", 0, "5 menit", "dicatat di LKH pegawai")]
    for number, (activity, actor, time, note) in enumerate(steps, start=1):
        row = top + 1 + number
        sheet.cell(row, 1, number)
        sheet.cell(row, 2, activity)
        sheet.cell(row, 3 + actor, "○" if number in (1, len(steps)) else "◇" if "?" in activity else "▭")
        sheet.cell(row, 8, time)
        sheet.cell(row, 9, f"hasil {number}")
        sheet.cell(row, 10, "berkas")
        sheet.cell(row, 11, note or None)
    path = tmp_path / "cuti.xlsx"
    book.save(path)
    return path


def test_a_leave_procedure_typed_into_a_workbook(tmp_path: Path) -> None:
    draft = parse_document(_leave(tmp_path))
    assert draft.problems == [] and draft.warnings == []
    assert [s.actor for s in draft.steps] == ["ASN Pemohon", "Pengelola Kepegawaian", "Kasubbid Mutasi",
                                              "Kabid Mutasi", "Kepala BKD", "ASN Pemohon"]
    assert [(s.duration_value, s.duration_unit) for s in draft.steps][1:4] == [
        (135, "minute"), (1, "hour"), (Decimal("0.5"), "day")]
    assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == {3: [2], 4: [3]}
    assert (draft.step(2).output, draft.step(2).inputs) == ("hasil 2", "berkas")


def test_a_workbook_s_unread_return_names_its_keterangan_column(tmp_path: Path) -> None:
    draft = parse_document(_leave(tmp_path, ket3="Tidak: dikembalikan kepada Bendahara"))
    (warning,) = draft.warnings
    assert str(warning).startswith("cuti.xlsx, sheet “SOP Cuti”, step 3, column Keterangan: this step sends work back to "
                                   "“Bendahara”")


LETTERS = """PEMERINTAH KABUPATEN PESAWARAN
SEKRETARIAT DAERAH - BAGIAN UMUM

NOMOR SOP\t000.1.2/05/SOP/2024
TANGGAL EFEKTIF\t1 Juni 2024
DISAHKAN OLEH\tKEPALA BAGIAN UMUM
NAMA SOP\tPENCATATAN DAN PENDISTRIBUSIAN SURAT MASUK

No\tKegiatan\tPelaksana\t\t\t\tMutu Baku\t\t\tKeterangan
\t\tPengadministrasi Umum\tKasubbag TU\tKabag Umum\tSekda\tWaktu\tKelengkapan\tOutput\t
1)\tMenerima surat masuk dan mencatat dalam buku agenda\tMulai\t\t\t\t15 menit\tSurat masuk\tAgenda\t
2)\tMeneruskan surat kepada Kasubbag TU untuk diteliti\t\tX\t\t\t{time}\tAgenda\tSurat teragenda\t
3)\tApakah surat untuk Sekda?\t\t\t◇\t\t½ hari\tSurat\tDisposisi\tYa: ke Sekda; Tidak: ke Pengadministrasi Umum
4)\tMendisposisikan surat\t\t\t\tX\t1 hari\tSurat\tLembar disposisi\t
5)\tMencatat disposisi dalam LKH dan mengarsipkan surat\tSelesai\t\t\t\t1,5 jam\tDisposisi\tArsip\t
"""


def test_a_letter_register_numbered_with_brackets(tmp_path: Path) -> None:
    draft = parse_document(write(tmp_path, LETTERS.format(time="2 jam 15"), "surat.txt"))
    assert draft.problems == [] and draft.warnings == []
    assert [s.actor for s in draft.steps] == ["Pengadministrasi Umum", "Kasubbag TU", "Kabag Umum", "Sekda",
                                              "Pengadministrasi Umum"]
    assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == {3: [1]}
    assert [(s.duration_value, s.duration_unit) for s in draft.steps][1] == (135, "minute")


def test_a_letter_register_s_ambiguous_time_names_step_column_and_value(tmp_path: Path) -> None:
    (problem,) = parse_document(write(tmp_path, LETTERS.format(time="1 hari 2"), "surat.txt")).problems
    assert str(problem).startswith("surat.txt, step 2, column Waktu: is not a standard time: the second number has no "
                                   "unit, so it may be hours or minutes")
    assert problem.value == "1 hari 2"
