"""A colour legend ("Keterangan warna:", a filled swatch in an actor's column beside its words) or the procedure's
whole time ("Jumlah waktu") typed in the row directly under the last step, with no blank row between, is no row of
that step: its swatch is no mark of the step's actor, its words no part of the step's activity. A workbook whose
steps are written over two rows (the second unmerged, as a row wrapped by hand) and a Word table whose cells are
merged down over each step's two rows."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from openpyxl.styles import PatternFill

from kinerja.sop.importers import parse_document

from .tryouts_four import KIR, KIR_ACTORS, KIR_STEPS, KP, KP_ACTORS, KP_HEADER, KP_STEPS, write_kir, write_kp
from .tryouts_three import _shade

pytestmark = pytest.mark.usefixtures("english")

GREY = PatternFill("solid", fgColor="808080")
UNDER = KP_HEADER + 2 * len(KP_STEPS) + 2  # the row under the last step's two rows
LAST_ACTOR = KP_STEPS[-1][1]
OTHER = 3  # an actor column the last step does not mark: the legend's swatch stands in it
assert OTHER != LAST_ACTOR


def _kp_with(folder: Path, cells: dict[int, str], swatch: int, *, merged: bool = False,
             unmark_last: bool = False) -> Path:
    path = write_kp(folder, merged=merged)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    if unmark_last:
        for row in (UNDER - 2, UNDER - 1):
            for column in range(4, 4 + len(KP_ACTORS)):
                sheet.cell(row, column).fill = PatternFill()
    for column, text in cells.items():
        sheet.cell(UNDER, column, text)
    sheet.cell(UNDER, swatch).fill = GREY
    book.save(path)
    return path


LEGENDS = {
    "keterangan-warna": {3: "Keterangan warna:", 4 + OTHER + 1: "Pelaksana kegiatan"},
    "warna-menandai": {3: "Warna abu-abu menandai pelaksana kegiatan"},
    "jumlah-waktu": {3: "Jumlah waktu", 4 + len(KP_ACTORS) + 1: "5 Hari 2 Jam 30 Menit"},
}


@pytest.mark.parametrize("merged", [False, True])
@pytest.mark.parametrize("legend", sorted(LEGENDS))
def test_a_legend_or_total_under_the_last_step_is_none_of_it(tmp_path: Path, legend: str, merged: bool) -> None:
    draft = parse_document(_kp_with(tmp_path, LEGENDS[legend], 4 + OTHER, merged=merged))
    assert draft.problems == []
    assert [s.actor for s in draft.steps] == KP.step_actors
    assert all(s.actor_source == "symbol" for s in draft.steps)
    assert draft.steps[-1].activity == KP_STEPS[-1][0]


@pytest.mark.parametrize("legend", ["keterangan-warna", "warna-menandai"])
def test_the_legend_swatch_does_not_stand_for_an_unmarked_last_step(tmp_path: Path, legend: str) -> None:
    # The last step's own cell is not filled: its actor is missing, which the user is told; the legend's colour is
    # not taken for it, nor its words for a second actor.
    draft = parse_document(_kp_with(tmp_path, LEGENDS[legend], 4 + OTHER, unmark_last=True))
    assert [(p.step, p.column) for p in draft.problems] == [(len(KP_STEPS), "Pelaksana")]
    assert "the actor of this step cannot be decided" in str(draft.problems[0])
    assert draft.steps[-1].activity == KP_STEPS[-1][0]


@pytest.mark.parametrize("words", ["Keterangan warna:", "Warna abu-abu menandai pelaksana"])
def test_a_word_table_with_a_legend_row_under_the_last_step(tmp_path: Path, words: str) -> None:
    path = write_kir(tmp_path)
    document = docx.Document(str(path))
    table = next(t for t in document.tables if len(t.rows) > 10)
    row = table.add_row()
    row.cells[1].text = words
    _shade(row.cells[2 + OTHER], "808080")
    row.cells[3 + OTHER].text = "Pelaksana kegiatan"
    document.save(str(path))
    draft = parse_document(path)
    assert [s.actor for s in draft.steps] == KIR.step_actors
    assert draft.steps[-1].actor == KIR_ACTORS[KIR_STEPS[-1][1]] != KIR_ACTORS[OTHER]
    assert words not in draft.steps[-1].activity
