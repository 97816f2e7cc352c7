"""An identity block printed below the procedure table, as some offices lay the SOP out (the flow table on the
first page, the identity sheet after it, or the fields under the steps of one sheet): read as if it stood above,
instead of refusing the document for want of a Nama SOP. A document with no Nama SOP anywhere is still refused,
and a note below the table naming no field is still no identity."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from kinerja.sop.importers import SopImportError, document_sops, read_document

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Pemohon", "Petugas Loket", "Kasi SDK", "Kabid SDK", "Kepala Dinas"]
HEADER = ["No", "Kegiatan", *ACTORS, "Kelengkapan", "Waktu", "Output", "Keterangan"]
STEPS = [("1.", "Mengajukan permohonan Surat Izin Praktik", "Pemohon", "Formulir\nSTR", "15 menit", ""),
         ("2.", "Memeriksa kelengkapan berkas", "Petugas Loket", "Berkas", "30 menit", ""),
         ("3.", "Memverifikasi berkas dan meninjau tempat praktik. Sesuai?", "Kasi SDK", "Berkas", "2 hari kerja",
          "Tidak: kembali ke langkah 2"),
         ("4.", "Memaraf konsep SIP", "Kabid SDK", "Konsep SIP", "1 Jam", ""),
         ("5.", "Menandatangani SIP", "Kepala Dinas", "Konsep SIP berparaf", "1 (satu) hari", "")]
FIELDS = [("Nomor SOP", "440/021/SOP/DINKES/2025"), ("Tanggal Pembuatan", "3 Februari 2025"),
          ("Tanggal Efektif", "1 Maret 2025"),
          ("Disahkan oleh", "KEPALA DINAS KESEHATAN\nBUDI SANTOSO, S.Sos\nNIP. 19700101 199503 1 002"),
          ("Nama SOP", "PENERBITAN SURAT IZIN PRAKTIK BIDAN")]
BLOCKS = [("Dasar Hukum:", "Kualifikasi Pelaksana:"), ("Undang-Undang Nomor 36 Tahun 2014", "Memahami peraturan")]


def _rows() -> list[list[str]]:
    return [[no, text, *("√" if a == who else "" for a in ACTORS), inputs, time, f"hasil {no}", note]
            for no, text, who, inputs, time, note in STEPS]


def _word(tmp_path: Path, fields: list[tuple[str, str]]) -> Path:
    document = docx.Document()
    document.add_paragraph("PEMERINTAH KABUPATEN TANGGAMUS\nDINAS KESEHATAN")
    rows = [HEADER, *_rows()]
    table = document.add_table(rows=len(rows), cols=len(HEADER))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph("")
    for pairs in (fields, BLOCKS):
        identity = document.add_table(rows=len(pairs), cols=2)
        for r, (label, value) in enumerate(pairs):
            identity.cell(r, 0).text, identity.cell(r, 1).text = label, value
    path = tmp_path / "sip.docx"
    document.save(str(path))
    return path


def _check(path: Path) -> None:
    draft = read_document(path)
    assert (draft.name, draft.number) == ("PENERBITAN SURAT IZIN PRAKTIK BIDAN", "440/021/SOP/DINKES/2025")
    assert str(draft.effective_on) == "2025-03-01"
    assert draft.approved_by.startswith("KEPALA DINAS KESEHATAN")
    assert draft.blocks["legal_basis"] == ["Undang-Undang Nomor 36 Tahun 2014"]
    assert [s.actor for s in draft.steps] == [who for _n, _t, who, *_rest in STEPS]
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [
        (15, "minute"), (30, "minute"), (2, "day"), (1, "hour"), (1, "day")]
    assert draft.steps[2].returns_to == [2]


def test_a_word_identity_block_below_the_table_is_read(tmp_path: Path) -> None:
    _check(_word(tmp_path, FIELDS))


def test_an_excel_identity_block_under_the_steps_is_read(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["PEMERINTAH KABUPATEN TANGGAMUS"], ["DINAS KESEHATAN"], [], HEADER, *_rows(), [],
                *[list(pair) for pair in FIELDS], [], *[list(pair) for pair in BLOCKS]]:
        sheet.append(row)
    path = tmp_path / "sip.xlsx"
    book.save(path)
    _check(path)
    assert document_sops(path) == []  # one SOP, no choice to offer


def test_without_a_nama_sop_anywhere_it_is_still_refused(tmp_path: Path) -> None:
    with pytest.raises(SopImportError) as e:
        read_document(_word(tmp_path, FIELDS[:-1]))
    assert str(e.value) == "sip.docx, column Nama SOP: the document has no SOP name (Nama SOP)"


def test_an_identity_sheet_after_the_procedure_sheet_is_read(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Prosedur"
    for row in [HEADER, *_rows()]:
        book.active.append(row)
    identity = book.create_sheet("Identitas")
    for row in [["PEMERINTAH KABUPATEN TANGGAMUS"], ["DINAS KESEHATAN"], [], *[list(pair) for pair in FIELDS], [],
                *[list(pair) for pair in BLOCKS]]:
        identity.append(row)
    path = tmp_path / "sip.xlsx"
    book.save(path)
    _check(path)
