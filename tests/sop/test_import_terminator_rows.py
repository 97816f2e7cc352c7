"""A flowchart's "Mulai" typed in a row of its own above the first step (no step number, nothing but the terminator
in the first actor's column), as offices drawing the flow in the cells do: no header row. It was read as the lowest
header text of that column, so the actor "Pemohon" became "Mulai" and performed step 1."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from kinerja.sop.importers import read_document

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Pemohon", "Petugas Loket", "Kepala Seksi", "Kepala Dinas"]
STEPS = [("1.", "Mengajukan permohonan rekomendasi", "Pemohon", "10 menit"),
         ("2.", "Memeriksa kelengkapan berkas", "Petugas Loket", "15 menit"),
         ("3.", "Menelaah permohonan", "Kepala Seksi", "1 hari"),
         ("4.", "Menandatangani rekomendasi", "Kepala Dinas", "1 hari")]
IDENTITY = [["Nomor SOP", "070/03/SOP/2025"], ["Nama SOP", "PENERBITAN REKOMENDASI PENELITIAN"], []]


def _rows(start: str, end: str) -> list[list[str]]:
    width = 2 + len(ACTORS) + 3
    top = [["No", "Kegiatan", "Pelaksana", "", "", "", "Mutu Baku", "", ""],
           ["", "", *ACTORS, "Kelengkapan", "Waktu", "Output"]]
    steps = [[no, text, *("□" if a == who else "" for a in ACTORS), "Berkas", time, "Hasil"]
             for no, text, who, time in STEPS]
    first, last = [""] * width, [""] * width
    first[2], last[2 + len(ACTORS) - 1] = start, end
    return [*top, first, *steps, last]


def _check(path: Path) -> None:
    draft = read_document(path)
    assert draft.actors == ACTORS
    assert [s.actor for s in draft.steps] == [who for _n, _t, who, _d in STEPS]
    assert [s.number for s in draft.steps] == [1, 2, 3, 4]


@pytest.mark.parametrize(("start", "end"), [("Mulai", "Selesai"), ("MULAI", "SELESAI"), ("Start", "End")])
def test_a_word_start_row_above_the_first_step_is_no_header_row(tmp_path: Path, start: str, end: str) -> None:
    document = docx.Document()
    for label, value in IDENTITY[:2]:
        document.add_paragraph(f"{label}\t: {value}")
    rows = _rows(start, end)
    table = document.add_table(rows=len(rows), cols=len(rows[1]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 1).merge(table.cell(1, 1))
    path = tmp_path / "rekomendasi.docx"
    document.save(str(path))
    _check(path)


def test_an_excel_start_row_above_the_first_step_is_no_header_row(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    for row in [*IDENTITY, *_rows("Mulai", "Selesai")]:
        book.active.append(row)
    path = tmp_path / "rekomendasi.xlsx"
    book.save(path)
    _check(path)


def test_the_start_row_gives_its_column_to_a_first_step_without_a_symbol(tmp_path: Path) -> None:
    rows = _rows("", "Selesai")
    rows[2][2 + ACTORS.index("Petugas Loket")] = "Mulai"  # the flow starts in the Petugas Loket's lane
    rows[3][2:2 + len(ACTORS)] = [""] * len(ACTORS)  # step 1's own row draws nothing
    book = openpyxl.Workbook()
    for row in [*IDENTITY, *rows]:
        book.active.append(row)
    path = tmp_path / "rekomendasi.xlsx"
    book.save(path)
    draft = read_document(path)
    assert draft.actors == ACTORS
    assert [s.actor for s in draft.steps] == ["Petugas Loket", "Petugas Loket", "Kepala Seksi", "Kepala Dinas"]
