""""Ya" and "Tidak" in a Pelaksana cell. A checklist's table marks each step's actor by "Ya" typed in its column:
read as its mark. A flowchart's table labels a decision's branches "Ya" and "Tidak" beside its diamond: a label,
also where it is typed in the very cell the diamond is drawn over (Word, Excel), which lost the diamond. A row
holding nothing but such a label (its diamond lost in a copy) is refused, saying what the label is and is not."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kinerja.sop.importers import flow, parse_document

from .documents import sop_text, sop_workbook, write
from .test_import_shapes import document, drawing, put
from .tryouts_three import _add_drawing, _shape_anchor

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Pemohon", "Petugas Loket", "Kepala Seksi", "Kepala Dinas"]
STEPS = [("Mengajukan permohonan", "15 menit", "Pemohon"), ("Memeriksa berkas", "1 jam", "Petugas Loket"),
         ("Apakah berkas lengkap?", "15 menit", "Kepala Seksi"), ("Menandatangani izin", "1 hari", "Kepala Dinas"),
         ("Menyerahkan izin", "15 menit", "Petugas Loket")]


def _marked(tmp_path: Path, marks: dict[int, dict[str, str]]) -> Path:
    """The SOP in text, each step's Pelaksana cells as `marks` gives them (step → actor → text)."""
    lines = sop_text(ACTORS, STEPS).splitlines()
    for at, line in enumerate(lines):
        cells = line.split("\t")
        if cells[0].isdigit():
            row = marks.get(int(cells[0]), {})
            cells[2:2 + len(ACTORS)] = [row.get(actor, "") for actor in ACTORS]
            lines[at] = "\t".join(cells)
    return write(tmp_path, "\n".join(lines) + "\n", "izin.txt")


@pytest.mark.parametrize("word", ["Ya", "YA", "ya", "Y"])
def test_ya_typed_in_each_step_s_actor_column_is_its_mark(tmp_path: Path, word: str) -> None:
    marks = {i: {actor: word} for i, (_a, _t, actor) in enumerate(STEPS, start=1)}
    marks[3] = {"Kepala Seksi": "◇", "Petugas Loket": "Tidak"}  # the decision drawn as a flowchart's
    draft = parse_document(_marked(tmp_path, marks))
    assert draft.problems == []
    assert [s.actor for s in draft.steps] == [actor for _a, _t, actor in STEPS]
    assert all(s.actor_source == "symbol" for s in draft.steps)


def test_ya_in_two_columns_of_a_table_marked_by_ya_is_two_marks(tmp_path: Path) -> None:
    marks = {i: {actor: "Ya"} for i, (_a, _t, actor) in enumerate(STEPS, start=1)}
    marks[2] = {"Pemohon": "Ya", "Petugas Loket": "Ya"}
    draft = parse_document(_marked(tmp_path, marks))
    (problem,) = draft.problems
    assert str(problem).startswith("izin.txt, step 2, column Pelaksana: 2 actor columns are marked for this step "
                                   "(Pemohon, Petugas Loket)")


@pytest.mark.parametrize("label", ["Ya", "Tidak"])
def test_a_lone_branch_label_in_a_table_marked_otherwise_is_refused_saying_what_it_is(tmp_path: Path,
                                                                                       label: str) -> None:
    # The decision's diamond lost in a copy, its label left in the Kepala Dinas's column the "Ya" arrow goes to.
    marks = {i: {actor: "X"} for i, (_a, _t, actor) in enumerate(STEPS, start=1)}
    marks[3] = {"Kepala Dinas": label}
    draft = parse_document(_marked(tmp_path, marks))
    (problem,) = draft.problems
    assert str(problem) == (
        f"izin.txt, step 3, column Pelaksana: this step's Pelaksana cells hold only “{label}” (Kepala Dinas), which in "
        "a flowchart labels a decision's branch (where the work goes after the question) rather than marking who "
        "performs the step: the actor of this step cannot be decided; put the step's symbol in its actor's column, "
        f"or choose the actor yourself (value: “Kepala Dinas: {label}”)")
    assert problem.choosable and draft.step(3).actor == ""
    assert [s.actor for s in draft.steps if s.number != 3] == ["Pemohon", "Petugas Loket", "Kepala Dinas",
                                                               "Petugas Loket"]


@pytest.mark.parametrize("label", ["Ya", "Tidak", "Y"])
def test_a_label_typed_in_the_cell_a_word_diamond_is_drawn_over_keeps_the_diamond(tmp_path: Path, label: str) -> None:
    def place(table, row: int, column: int) -> None:
        cell = table.cell(row, column)
        if row == 5:  # step 4, the Kasubbag's decision
            cell.text = label
            put(cell, drawing("flowChartDecision"))
        else:
            put(cell, drawing("flowChartProcess"))

    draft = parse_document(document(tmp_path, place))
    assert draft.problems == []
    assert draft.step(4).actor == "Kasubbag"


def test_a_label_typed_in_the_cell_an_excel_diamond_is_drawn_over_keeps_the_diamond(tmp_path: Path) -> None:
    text = sop_text(ACTORS, STEPS)
    path = sop_workbook(tmp_path / "izin.xlsx", [("SOP", text)])
    book = openpyxl.load_workbook(path)
    sheet = book["SOP"]
    anchors = []
    for r, line in enumerate(text.splitlines(), start=1):
        cells = line.split("\t")
        if not cells[0].isdigit():
            continue
        step = int(cells[0])
        column = 3 + ACTORS.index(STEPS[step - 1][2])
        sheet.cell(r, column).value = "Ya" if step == 3 else None
        anchors.append(_shape_anchor(100 + step, r - 1, column - 1,
                                     "flowChartDecision" if step == 3 else "flowChartProcess"))
    book.save(path)
    _add_drawing(path, "".join(anchors))
    draft = parse_document(path)
    assert draft.problems == []
    assert [s.actor for s in draft.steps] == [actor for _a, _t, actor in STEPS]


@pytest.mark.parametrize(("text", "label"), [("Ya", True), ("(Ya)", True), ("Tidak →", True), ("Ya:", True),
                                             ("■ Ya", False), ("◇ Tidak", False), ("Ya ▭", False)])
def test_a_symbol_beside_a_label_is_a_symbol(text: str, label: bool) -> None:
    # A PDF's step over two rows reads as one: the cell shaded in the first row and the "Ya" typed under it, "■ Ya".
    assert flow.is_label(text) is label
