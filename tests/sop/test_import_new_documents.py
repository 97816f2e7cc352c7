"""SOP AP documents laid out as other offices lay them out, not as the seed: a procedure table running
over two pages, hand-offs written as orders ("menugaskan Kasubbag …"), approval lines of other offices.
Each test builds its document here (text, or Word/Excel with python-docx and openpyxl)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest

from kinerja.sop.importers import SopImportError, parse_document, read_document

from .documents import sop_text, write

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Pemohon/masyarakat", "Staf Pelaksana", "Kasi", "Kepala Bidang"]
TWELVE = [(f"Kegiatan nomor {i}", f"{i} menit", ACTORS[i % 4]) for i in range(1, 13)]


def _split_over_pages(text: str, after_step: int, between: list[str]) -> str:
    """The text copy of a table printed on two pages: `between` lines, then the two header rows again."""
    lines = text.split("\n")
    top = next(i for i, line in enumerate(lines) if line.startswith("No.\t"))
    header = lines[top:top + 2]
    cut = next(i for i, line in enumerate(lines) if line.startswith(f"{after_step + 1}\t"))
    return "\n".join(lines[:cut] + between + header + lines[cut:])


@pytest.mark.parametrize("between", [[], [""], ["", "Halaman 2"], ["- 2 -", ""]])
def test_it_reads_every_step_of_a_text_table_over_two_pages(tmp_path: Path, between: list[str]) -> None:
    path = write(tmp_path, _split_over_pages(sop_text(ACTORS, TWELVE), 7, between))
    draft = read_document(path)
    assert [s.number for s in draft.steps] == list(range(1, 13))
    assert [s.actor for s in draft.steps] == [a for _t, _d, a in TWELVE]
    assert draft.steps[7].inputs == "berkas" and draft.steps[6].duration_text == "7 menit"


def test_text_below_the_table_still_ends_it(tmp_path: Path) -> None:
    text = sop_text(ACTORS, TWELVE[:3]) + "Catatan: dokumen ini sah\n4\n"
    assert [s.number for s in read_document(write(tmp_path, text)).steps] == [1, 2, 3]


def _rows(text: str) -> list[list[str]]:
    lines = text.split("\n")
    top = next(i for i, line in enumerate(lines) if line.startswith("No.\t"))
    return [line.split("\t") for line in lines[top:] if line.strip()]


def _header_paragraphs(text: str) -> list[str]:
    lines = text.split("\n")
    top = next(i for i, line in enumerate(lines) if line.startswith("No.\t"))
    return lines[:top]


def test_it_reads_a_word_table_continued_in_a_second_table(tmp_path: Path) -> None:
    text = sop_text(ACTORS, TWELVE)
    rows = _rows(text)
    document = docx.Document()
    for line in _header_paragraphs(text):
        cells = line.split("\t")
        if len(cells) == 1:
            document.add_paragraph(cells[0])
        else:
            table = document.add_table(rows=1, cols=len(cells))
            for j, value in enumerate(cells):
                table.cell(0, j).text = value
    for part in (rows[2:9], rows[9:]):
        table = document.add_table(rows=len(part) + 2, cols=len(rows[0]))
        for i, row in enumerate(rows[:2] + part):
            for j, value in enumerate(row):
                table.cell(i, j).text = value
        table.cell(0, 2).merge(table.cell(0, 5))  # "Pelaksana" over the four actor columns
        document.add_page_break()
    path = tmp_path / "sop.docx"
    document.save(str(path))
    draft = read_document(path)
    assert [s.number for s in draft.steps] == list(range(1, 13))
    assert [s.actor for s in draft.steps] == [a for _t, _d, a in TWELVE]


def test_it_reads_a_sheet_whose_header_rows_repeat_after_a_gap(tmp_path: Path) -> None:
    text = sop_text(ACTORS, TWELVE)
    rows = _rows(text)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in _header_paragraphs(text):
        sheet.append(line.split("\t"))
    for row in rows[:9] + [[], rows[0], rows[1]] + rows[9:]:
        sheet.append([int(c) if c.isdigit() else c for c in row])
    path = tmp_path / "sop.xlsx"
    workbook.save(str(path))
    assert [s.number for s in read_document(path).steps] == list(range(1, 13))


@pytest.mark.parametrize("order", [
    "memerintahkan Sekretaris menyusun Renja", "menugaskan Sekretaris untuk menyusun Renja",
    "menginstruksikan kepada Sekretaris agar menyusun Renja", "meminta Sekretaris menyusun Renja"])
def test_an_order_names_the_actor_of_the_next_step(tmp_path: Path, order: str) -> None:
    actors = ["Kepala Dinas", "Sekretaris", "Kasubbag Program"]
    steps = [(f"Menetapkan arah kebijakan dan {order}", "1 hari", "Kepala Dinas"),
             ("Menugaskan Kasubbag Program untuk mengoordinasikan penyusunan", "1 hari", None),
             ("Menyusun rancangan Renja", "1 minggu", None),
             ("Menetapkan Renja", "1 hari", "Kepala Dinas")]
    draft = read_document(write(tmp_path, sop_text(actors, steps)))
    assert [(s.actor, s.actor_source) for s in draft.steps] == [
        ("Kepala Dinas", "symbol"), ("Sekretaris", "handoff"), ("Kasubbag Program", "handoff"),
        ("Kepala Dinas", "symbol")]


def test_a_request_for_something_to_somebody_names_that_somebody(tmp_path: Path) -> None:
    actors = ["Kasubbag Program", "Kepala Bidang"]
    steps = [("Menyusun jadwal dan meminta usulan program kepada Kepala Bidang", "1 minggu", "Kasubbag Program"),
             ("Menyusun usulan program", "2 minggu", None), ("Menghimpun usulan", "1 hari", "Kasubbag Program")]
    draft = read_document(write(tmp_path, sop_text(actors, steps)))
    assert (draft.steps[1].actor, draft.steps[1].actor_source) == ("Kepala Bidang", "handoff")


def test_an_order_to_somebody_who_is_no_actor_decides_nothing(tmp_path: Path) -> None:
    steps = [("Menugaskan tim survei ke lokasi", "1 hari", "Kasi"), ("Melaksanakan survei", "2 hari", None),
             ("Menandatangani rekomendasi", "1 hari", "Kepala Bidang")]
    draft = parse_document(write(tmp_path, sop_text(ACTORS, steps)))
    assert draft.steps[1].actor == "" and "actor of this step cannot be decided" in str(draft.problems[0])


@pytest.mark.parametrize(("activity", "inputs", "time", "output", "note"), [
    ("Uraian Kegiatan", "Persyaratan/Kelengkapan", "Waktu", "Output", "Ket."),
    ("Kegiatan", "Kelengkapan Persyaratan", "Waktu (jam/hari)", "Hasil/Output", "Keterangan"),
    ("URAIAN PROSEDUR", "Persyaratan", "WAKTU", "Keluaran", "KET"),
])
def test_it_reads_the_header_words_of_other_offices(tmp_path: Path, activity: str, inputs: str, time: str,
                                                     output: str, note: str) -> None:
    text = sop_text(ACTORS, TWELVE[:3])
    text = text.replace("\tUraian Prosedur\t", f"\t{activity}\t").replace("\tKet\n", f"\t{note}\n")
    text = text.replace("\tKelengkapan\tWaktu\tOutput\t", f"\t{inputs}\t{time}\t{output}\t")
    lines = text.split("\n")
    lines[-2] += "perlu paraf"  # the Ket. cell of step 3
    draft = read_document(write(tmp_path, "\n".join(lines)))
    assert [(s.inputs, s.duration_text, s.output) for s in draft.steps] == [
        ("berkas", f"{i} menit", f"hasil {i}") for i in (1, 2, 3)]
    assert draft.steps[2].note == "perlu paraf"
    assert draft.actors == ACTORS


def _decision(tmp_path: Path, note: str) -> Path:
    actors = ["Pemohon", "Petugas Pelayanan", "Kasi", "Kepala Bidang"]
    steps = [("Mengajukan permohonan", "15 menit", "Pemohon"), ("Memeriksa kelengkapan", "30 menit", "Petugas Pelayanan"),
             ("Menyiapkan konsep jawaban", "2 hari", "Kasi"), ("Memeriksa konsep jawaban", "1 hari", "Kepala Bidang"),
             ("Menyerahkan jawaban", "30 menit", "Petugas Pelayanan")]
    lines = sop_text(actors, steps).split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("4\t"))
    lines[row] += note  # the Ket. cell of step 4
    return write(tmp_path, "\n".join(lines))


@pytest.mark.parametrize(("note", "target"), [
    ("Tidak sesuai: kembali ke langkah 3", 3), ("Jika tidak sesuai dikembalikan kepada Kasi", 3),
    ("Tidak lengkap: dikembalikan kepada Pemohon", 1)])
def test_a_return_written_in_the_note_column_is_read(tmp_path: Path, note: str, target: int) -> None:
    draft = read_document(_decision(tmp_path, note))
    assert [s.returns_to for s in draft.steps] == [[], [], [], [target], []]


def test_a_note_that_returns_to_a_later_step_names_the_ket_column(tmp_path: Path) -> None:
    draft = parse_document(_decision(tmp_path, "Tidak sesuai: kembali ke langkah 5"))
    assert [str(p) for p in draft.problems] == [
        "sop.txt, step 4, column Ket: this step sends work back, but to no earlier step "
        "(value: “kembali ke langkah 5”)"]


def test_a_pelaksana_header_centred_over_its_columns_keeps_the_first_actor(tmp_path: Path) -> None:
    text = sop_text(ACTORS, TWELVE[:4]).replace("\tPelaksana\t\t\t\tMutu Baku", "\t\tPelaksana\t\t\tMutu Baku")
    assert "\tUraian Prosedur\t\tPelaksana\t\t\tMutu Baku" in text
    draft = read_document(write(tmp_path, text))
    assert draft.actors == ACTORS
    assert [s.actor for s in draft.steps] == [a for _t, _d, a in TWELVE[:4]]


@pytest.mark.parametrize(("header", "cells", "expected"), [
    ("Waktu (menit)", ["15", "30", "1 jam"], [(15, "minute"), (30, "minute"), (1, "hour")]),
    ("Waktu (Hari)", ["1", "0,5", "2"], [(1, "day"), (Decimal("0.5"), "day"), (2, "day")]),
    # Any number the Waktu cell may hold without its unit; a time naming its own unit keeps it.
    ("Waktu (hari kerja)", ["½", "1 (satu)", "2-3", "30'", "1 jam"],
     [(Decimal("0.5"), "day"), (1, "day"), (3, "day"), (30, "minute"), (1, "hour")]),
])
def test_bare_numbers_take_the_unit_the_waktu_header_names(tmp_path: Path, header: str, cells: list[str],
                                                           expected: list[tuple[object, str]]) -> None:
    steps = [(f"Kegiatan nomor {i}", cell, ACTORS[i % 4]) for i, cell in enumerate(cells, start=1)]
    text = sop_text(ACTORS, steps).replace("\tWaktu\t", f"\t{header}\t")
    draft = read_document(write(tmp_path, text))
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == expected
    assert draft.steps[0].duration_text == cells[0]


def test_a_bare_number_under_a_header_without_a_unit_is_a_problem(tmp_path: Path) -> None:
    steps = [("Kegiatan nomor 1", "15", "Kasi"), ("Kegiatan nomor 2", "1 jam", "Kepala Bidang")]
    text = sop_text(ACTORS, steps).replace("\tWaktu\t", "\tWaktu (jam/hari)\t")
    with pytest.raises(SopImportError, match=r"step 1, column Waktu \(jam/hari\): is not a standard time"):
        read_document(write(tmp_path, text))


def test_a_time_per_item_is_read_as_the_time_of_one_with_a_warning_naming_the_step(tmp_path: Path) -> None:
    steps = [("Kegiatan nomor 1", "10 menit/berkas", "Kasi"), ("Kegiatan nomor 2", "15 Menit per pemohon", "Kepala Bidang"),
             ("Kegiatan nomor 3", "1 jam", "Kasi")]
    draft = read_document(write(tmp_path, sop_text(ACTORS, steps)))
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [(10, "minute"), (15, "minute"), (1, "hour")]
    assert [str(w) for w in draft.warnings] == [
        "sop.txt, step 1, column Waktu: a time per berkas: 10 menit, the time of one berkas, is taken as the standard "
        "time "
        "(value: “10 menit/berkas”)",
        "sop.txt, step 2, column Waktu: a time per pemohon: 15 menit, the time of one pemohon, is taken as the "
        "standard time "
        "(value: “15 Menit per pemohon”)"]


def test_a_range_of_times_is_read_as_the_longer_with_a_warning_naming_the_step(tmp_path: Path) -> None:
    steps = [("Kegiatan nomor 1", "2-3 hari", "Kasi"), ("Kegiatan nomor 2", "1 s.d. 2 jam", "Kepala Bidang"),
             ("Kegiatan nomor 3", "30 menit", "Kasi")]
    draft = read_document(write(tmp_path, sop_text(ACTORS, steps)))
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [(3, "day"), (2, "hour"), (30, "minute")]
    assert [str(w) for w in draft.warnings] == [
        "sop.txt, step 1, column Waktu: a range of times: the longer, 3 hari, is taken as the standard time "
        "(value: “2-3 hari”)",
        "sop.txt, step 2, column Waktu: a range of times: the longer, 2 jam, is taken as the standard time "
        "(value: “1 s.d. 2 jam”)"]


def test_a_document_holding_several_sops_and_no_choice_is_refused_naming_them(tmp_path: Path) -> None:
    steps = [("Kegiatan nomor 1", "1 jam", "Kasi"), ("Kegiatan nomor 2", "1 hari", "Kepala Bidang")]
    text = (sop_text(ACTORS, steps, name="PELAYANAN IZIN REKLAME") + "\n"
            + sop_text(ACTORS, steps, name="PELAYANAN IZIN TRAYEK", number="551/02/SOP/2025"))
    with pytest.raises(SopImportError) as raised:
        read_document(write(tmp_path, text))
    assert str(raised.value) == (
        "sop.txt: the document holds 2 SOPs, each with its Nama SOP and procedure table: 1. “PELAYANAN IZIN "
        "REKLAME” (800/01/SOP/2025); 2. “PELAYANAN IZIN TRAYEK” (551/02/SOP/2025); choose the one to import")


def test_a_word_file_holding_several_sops_as_tables_is_refused_naming_them_unless_one_is_chosen(tmp_path: Path) -> None:
    document = docx.Document()
    for name in ("PELAYANAN IZIN REKLAME", "PELAYANAN IZIN TRAYEK"):
        identity = document.add_table(rows=0, cols=2)
        for label, value in [("Nomor SOP", "551/01/SOP/2025"), ("Tanggal Efektif", "2 Januari 2025"),
                             ("Disahkan oleh", "KEPALA DINAS"), ("Nama SOP", name)]:
            cells = identity.add_row().cells
            cells[0].text, cells[1].text = label, value
        document.add_paragraph("")
        table = document.add_table(rows=0, cols=9)
        for row in (["No", "Uraian Prosedur", *ACTORS, "Kelengkapan", "Waktu", "Output"],
                    ["1", "Menerima berkas", "", "Mulai", "", "", "berkas", "1 jam", "hasil"],
                    ["2", "Memeriksa berkas", "", "", "Selesai", "", "berkas", "1 hari", "hasil"]):
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    path = tmp_path / "kumpulan-sop.docx"
    document.save(str(path))
    with pytest.raises(SopImportError, match="^kumpulan-sop.docx: the document holds 2 SOPs, .*: "
                                             "1. “PELAYANAN IZIN REKLAME” .*; 2. “PELAYANAN IZIN TRAYEK” "):
        read_document(path)
    chosen = read_document(path, sheet="PELAYANAN IZIN TRAYEK")
    assert (chosen.name, len(chosen.steps)) == ("PELAYANAN IZIN TRAYEK", 2)


def test_a_step_over_two_rows_with_its_symbol_on_the_second_is_read_with_that_actor(tmp_path: Path) -> None:
    # An SOP application's export: number, first line of the text, Kelengkapan and Waktu on a step's first
    # row; the rest of the text, the flowchart symbol and the Output on its second.
    steps = [("Menerima berkas", "1 jam", "Staf Pelaksana"), ("Memeriksa berkas", "1 hari", "Kasi"),
             ("Menandatangani surat", "1 hari", "Kepala Bidang")]
    lines = sop_text(ACTORS, steps).splitlines()
    table = next(i for i, line in enumerate(lines) if line.startswith("1\t"))
    rows = []
    for line in lines[table:]:
        cells = line.split("\t")
        first = [cells[0], cells[1], "", "", "", "", *cells[6:8], "", ""]
        second = ["", "permohonan", *cells[2:6], "", "", cells[8], ""]
        rows += ["\t".join(first), "\t".join(second)]
    draft = read_document(write(tmp_path, "\n".join(lines[:table] + rows) + "\n"))
    assert [s.actor for s in draft.steps] == ["Staf Pelaksana", "Kasi", "Kepala Bidang"]
    assert [s.activity for s in draft.steps] == ["Menerima berkas permohonan", "Memeriksa berkas permohonan",
                                                 "Menandatangani surat permohonan"]
    assert [s.output for s in draft.steps] == ["hasil 1", "hasil 2", "hasil 3"]


@pytest.mark.parametrize("heading", ["No. Urut", "NO URUT", "Nomor", "Nomor Urut"])
def test_the_no_column_headed_as_other_offices_head_it_is_found(tmp_path: Path, heading: str) -> None:
    steps = [("Menerima berkas", "1 jam", "Staf Pelaksana"), ("Memeriksa berkas", "1 hari", "Kasi")]
    text = sop_text(ACTORS, steps).replace("\nNo.\tUraian Prosedur\t", f"\n{heading}\tUraian Prosedur\t")
    assert f"\n{heading}\t" in text
    draft = read_document(write(tmp_path, text))
    assert [(s.number, s.actor, s.activity) for s in draft.steps] == [
        (1, "Staf Pelaksana", "Menerima berkas"), (2, "Kasi", "Memeriksa berkas")]
