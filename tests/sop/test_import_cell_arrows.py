"""A flowchart drawn in the cells of a sheet with characters: the symbol of each step typed in its actor's
cell ("⬭", "▭", "◇") and the flow lines typed in the cells they pass ("→", "↓", "←", "└─┐", "-->"). A cell
holding only a line or an arrow is no step's symbol: the step's actor is the column of its symbol."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kinerja.sop.importers import read_document

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Pegawai ybs", "Atasan Langsung", "Pengelola Kepegawaian", "Kepala BKPSDM"]
# (activity, actor column of the symbol, symbol, {other column: line drawn there})
STEPS = [
    ("Mengisi formulir permohonan cuti", 0, "⬭", {1: "→"}),
    ("Memberikan pertimbangan; apabila tidak disetujui dikembalikan kepada Pegawai ybs", 1, "◇", {0: "←┘"}),
    ("Memeriksa sisa hak cuti dan membuat konsep surat izin cuti", 2, "▭", {1: "└──>", 3: "│"}),
    ("Menandatangani surat izin cuti", 3, "▭", {2: "-->"}),
    ("Menerima surat izin cuti", 0, "⬭", {1: "⟵", 2: "⬅", 3: "↓"}),
]


def workbook(folder: Path) -> Path:
    wb = openpyxl.Workbook()
    sheet = wb.active
    for r, (label, value) in enumerate([("Nomor SOP", "800/14/SOP/2024"), ("Nama SOP", "PEMBERIAN CUTI TAHUNAN")], 1):
        sheet.cell(r, 1, label)
        sheet.cell(r, 3, value)
    top = 4
    sheet.cell(top, 1, "No")
    sheet.cell(top, 2, "Uraian Prosedur")
    sheet.cell(top, 3, "Pelaksana")
    sheet.cell(top, 3 + len(ACTORS), "Mutu Baku")
    for i, actor in enumerate(ACTORS):
        sheet.cell(top + 1, 3 + i, actor)
    for i, label in enumerate(["Kelengkapan", "Waktu", "Output"]):
        sheet.cell(top + 1, 3 + len(ACTORS) + i, label)
    for n, (activity, column, symbol, lines) in enumerate(STEPS, start=1):
        r = top + 1 + n
        sheet.cell(r, 1, n)
        sheet.cell(r, 2, activity)
        sheet.cell(r, 3 + column, symbol)
        for other, line in lines.items():
            sheet.cell(r, 3 + other, line)
        sheet.cell(r, 3 + len(ACTORS), "berkas")
        sheet.cell(r, 4 + len(ACTORS), "1 hari")
        sheet.cell(r, 5 + len(ACTORS), f"hasil {n}")
    path = folder / "sop.xlsx"
    wb.save(str(path))
    return path


def test_lines_and_arrows_typed_in_cells_are_no_symbols(tmp_path: Path) -> None:
    draft = read_document(workbook(tmp_path))
    assert [s.actor for s in draft.steps] == [ACTORS[column] for _a, column, _s, _l in STEPS]
    assert draft.steps[1].returns_to == [1]
