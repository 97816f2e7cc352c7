"""A document holding several SOPs, each with its identity block printed below its own procedure table (table,
identity, table, identity), was refused for want of a Nama SOP: each identity below a table belongs to that table,
and each SOP is listed and read so. When it cannot be told which identity belongs to which table (a table with no
Nama SOP below it before the next, two different Nama SOP below one table) the document is refused naming the
tables and why, never read by a guess."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from kinerja.sop.importers import SeveralSops, SopImportError, document_sops, read_document

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Pemohon", "Petugas Loket", "Kasi Pelayanan", "Camat"]
HEADER = ["No", "Kegiatan", *ACTORS, "Kelengkapan", "Waktu", "Output", "Keterangan"]
DOMISILI = ("PELAYANAN SURAT KETERANGAN DOMISILI", "470/1/SOP/KDT/2025",
            [("Mengajukan permohonan surat domisili", "Pemohon", "5 menit"),
             ("Memeriksa berkas permohonan", "Petugas Loket", "15 menit"),
             ("Memaraf konsep surat", "Kasi Pelayanan", "30 menit"), ("Menandatangani surat", "Camat", "1 jam")])
SKCK = ("PELAYANAN SURAT PENGANTAR SKCK", "470/2/SOP/KDT/2025",
        [("Mengajukan permohonan pengantar SKCK", "Pemohon", "5 menit"),
         ("Mengetik surat pengantar", "Petugas Loket", "20 menit"),
         ("Menandatangani surat pengantar", "Kasi Pelayanan", "10 menit")])


def _sop(document: docx.Document, name: str | None, number: str, steps: list[tuple[str, str, str]],
         identity: bool = True) -> None:
    document.add_paragraph("PEMERINTAH KOTA BANDAR LAMPUNG\nKECAMATAN KEDATON")
    table = document.add_table(rows=len(steps) + 1, cols=len(HEADER))
    for c, text in enumerate(HEADER):
        table.cell(0, c).text = text
    for r, (text, who, time) in enumerate(steps, start=1):
        row = [str(r), text, *("√" if a == who else "" for a in ACTORS), "Berkas", time, f"hasil {r}", ""]
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    if identity:
        fields = [("Nomor SOP", number), ("Tanggal Efektif", "1 Februari 2025"), ("Disahkan oleh", "CAMAT KEDATON"),
                  *([("Nama SOP", name)] if name else [])]
        block = document.add_table(rows=len(fields), cols=2)
        for r, (label, value) in enumerate(fields):
            block.cell(r, 0).text, block.cell(r, 1).text = label, value
        document.add_paragraph("Dasar Hukum:")
        document.add_paragraph(f"Peraturan Camat Kedaton tentang {name}")
    document.add_page_break()


def _document(tmp_path: Path, *sops: tuple) -> Path:
    document = docx.Document()
    for sop in sops:
        _sop(document, *sop)
    path = tmp_path / "sop-kecamatan.docx"
    document.save(str(path))
    return path


def test_each_identity_below_its_table_names_that_sop(tmp_path: Path) -> None:
    path = _document(tmp_path, DOMISILI, SKCK)
    assert [(s.name, s.number) for s in document_sops(path)] == [(DOMISILI[0], DOMISILI[1]), (SKCK[0], SKCK[1])]
    with pytest.raises(SeveralSops):
        read_document(path)
    for (name, number, steps), choice in ((DOMISILI, "1"), (SKCK, SKCK[0])):
        draft = read_document(path, sheet=choice)
        assert (draft.name, draft.number, str(draft.effective_on)) == (name, number, "2025-02-01")
        assert [(s.activity, s.actor) for s in draft.steps] == [(text, who) for text, who, _t in steps]
        assert draft.blocks["legal_basis"] == [f"Peraturan Camat Kedaton tentang {name}"]


def test_a_table_with_no_identity_below_it_is_refused_naming_the_tables(tmp_path: Path) -> None:
    path = _document(tmp_path, (*DOMISILI, False), SKCK)
    with pytest.raises(SopImportError) as caught:
        read_document(path)
    message = str(caught.value)
    assert "the document holds 2 procedure tables and no Nama SOP above the first" in message
    assert "no Nama SOP stands below table 1 before the next table" in message
    assert ("(tables: table 1 (first step “Mengajukan permohonan surat domisili”); table 2 (first step “Mengajukan "
            "permohonan pengantar SKCK”))") in message


def test_two_names_below_one_table_are_refused(tmp_path: Path) -> None:
    document = docx.Document()
    _sop(document, *DOMISILI)
    extra = document.add_table(rows=1, cols=2)
    extra.cell(0, 0).text, extra.cell(0, 1).text = "Nama SOP", "PELAYANAN SURAT KETERANGAN USAHA"
    _sop(document, *SKCK)
    path = tmp_path / "sop-kecamatan.docx"
    document.save(str(path))
    with pytest.raises(SopImportError) as caught:
        read_document(path)
    assert ("below table 1 stand several Nama SOP: “PELAYANAN SURAT KETERANGAN DOMISILI”, “PELAYANAN SURAT "
            "KETERANGAN USAHA”") in str(caught.value)
