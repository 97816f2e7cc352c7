"""A legend's word typed alone in the row under a last step that marks no actor ("Keterangan" without its colon, a
colour's name "Kuning" or "Abu-abu : Pelaksana" beside its swatch) is no part of that step: not its actor (as a
symbol in that column, or as a filled swatch, filled_marks) and not the end of its activity."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import PatternFill

from kinerja.sop.importers import read_document
from kinerja.sop.importers.table import closes_steps

from .documents import sop_text, sop_workbook, write

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Kasi", "Kepala Bidang", "Sekretaris"]
# The last step marks no actor: the hand-off of step 2 names Kepala Bidang.
STEPS = [("Menerima berkas", "1 jam", "Kasi"), ("Memeriksa dan menyampaikan kepada Kepala Bidang", "1 jam", "Kasi"),
         ("Menandatangani surat", "1 jam", None)]
STEP_ACTORS = ["Kasi", "Kasi", "Kepala Bidang"]
# The rows under the table (No., Uraian, Kasi, Kepala Bidang, Sekretaris, …): the word in the Sekretaris column
# would make it the last step's actor; in the Uraian column, the end of its activity.
UNDER = {
    "keterangan-in-uraian": "\tKeterangan\t\t\t\t\t\t\t",
    "keterangan-in-actor": "\t\t\t\tKeterangan\t\t\t\t",
    "colour-in-actor": "\t\t\t\tKuning\t\t\t\t",
    "colour-and-meaning": "\t\t\t\tAbu-abu : Pelaksana\t\t\t\t",
    "keterangan-then-colours": "\tKeterangan\t\t\t\t\t\t\t\n\t\t\t\tHijau\tPelaksana\t\t\t",
}


@pytest.mark.parametrize("form", ["txt", "xlsx"])
@pytest.mark.parametrize("under", sorted(UNDER))
def test_a_lone_legend_word_under_an_unmarked_last_step_is_none_of_it(tmp_path: Path, under: str, form: str) -> None:
    text = sop_text(ACTORS, STEPS) + UNDER[under] + "\n"
    path = write(tmp_path, text) if form == "txt" else sop_workbook(tmp_path / "sop.xlsx", [("SOP", text)])
    draft = read_document(path)
    assert [s.actor for s in draft.steps] == STEP_ACTORS
    assert draft.steps[-1].activity == "Menandatangani surat"


def test_a_colour_swatch_under_steps_marked_by_colour_marks_no_actor(tmp_path: Path) -> None:
    # The workbook's steps mark their actor by a filled cell alone; under the last step, "Kuning" in the Uraian column
    # and its swatch filled in the Sekretaris column.
    text = sop_text(ACTORS, [(a, t, None) for a, t, _m in STEPS]) + "\tKuning\t\t\t\t\t\t\t\n"
    path = sop_workbook(tmp_path / "sop.xlsx", [("SOP", text)])
    book = openpyxl.load_workbook(path)
    sheet = book.active
    first = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "1")
    yellow = PatternFill("solid", fgColor="FFFF00")
    for row, column in ((first, 3), (first + 1, 3), (first + 2, 4), (first + 3, 5)):
        sheet.cell(row, column).fill = yellow
    book.save(path)
    draft = read_document(path)
    assert [s.actor for s in draft.steps] == STEP_ACTORS
    assert [s.actor_source for s in draft.steps] == ["symbol"] * 3
    assert draft.steps[-1].activity == "Menandatangani surat"


@pytest.mark.parametrize("text", ["Keterangan", "Ket.", "Legenda", "Kuning", "Abu-abu : Pelaksana", "Hijau = Kasi",
                                  "Warna biru", "Biru muda"])
def test_legend_words(text: str) -> None:
    assert closes_steps(text)


@pytest.mark.parametrize("text", ["Keterangan Usaha", "kuning dari pemohon", "Menyerahkan map biru", "Hijaukan"])
def test_what_goes_on_a_step(text: str) -> None:
    assert not closes_steps(text)
