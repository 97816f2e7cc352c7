"""A decision's "Ya" naming an actor ("Ya: ke Kepala Seksi") in the step's text or its Ket. cell: the work goes to
that actor's next step, which tells the next step's actor where its column holds no symbol; a "Ya" naming a later
step's actor, an actor with no other step, or no actor column at all is warned of, naming step, words and column."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kinerja.sop.importers import parse_document

from .documents import sop_text, sop_workbook, write
from .test_import_returns_by_actor import ACTORS, STEPS, WRITERS

pytestmark = pytest.mark.usefixtures("english")


def _unmarked(tmp_path: Path, step: int, words: str, kind: str) -> Path:
    """The SOP with no symbol in the row after `step`, and `words` in the step's text (text) or Ket. cell (xlsx)."""
    steps = [(a, t, None if i == step + 1 else m) for i, (a, t, m) in enumerate(STEPS, start=1)]
    if kind == "text":
        steps = [(f"{a}. {words}" if i == step else a, t, m) for i, (a, t, m) in enumerate(steps, start=1)]
        return write(tmp_path, sop_text(ACTORS, steps), "izin.txt")
    path = sop_workbook(tmp_path / "izin.xlsx", [("SOP", sop_text(ACTORS, steps))])
    book = openpyxl.load_workbook(path)
    rows = {str(row[0].value): row for row in book["SOP"].iter_rows() if row[0].value}
    rows[str(step)][len(ACTORS) + 5].value = words
    book.save(path)
    return path


@pytest.mark.parametrize("kind", ["text", "xlsx"])
@pytest.mark.parametrize("words", ["Ya: ke Kepala Seksi; Tidak: ke Petugas Loket", "Y → Kepala Seksi, T: ke Petugas Loket",
                                   "Tidak: ke Petugas Loket. Ya: diteruskan kepada Kepala Seksi untuk diparaf"])
def test_a_ya_naming_an_actor_tells_the_next_step_s_actor(tmp_path: Path, kind: str, words: str) -> None:
    # Step 5 has no symbol in any column, and step 4's text is no hand-off: its "Ya" says who goes on.
    draft = parse_document(_unmarked(tmp_path, 4, words, kind))
    assert draft.problems == [] and draft.warnings == []
    assert (draft.step(5).actor, draft.step(5).actor_source) == ("Kepala Seksi", "handoff")
    assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == {4: [2]}


@pytest.mark.parametrize("kind", WRITERS)
def test_a_ya_naming_the_next_step_s_actor_says_nothing_more(tmp_path: Path, kind: str) -> None:
    draft = parse_document(WRITERS[kind](tmp_path, 4, "Ya: ke Kepala Seksi"))
    assert draft.problems == [] and draft.warnings == []
    assert all(s.returns_to == [] and s.branch_to is None for s in draft.steps)


@pytest.mark.parametrize("kind", WRITERS)
def test_a_ya_naming_a_later_actor_is_warned_of(tmp_path: Path, kind: str) -> None:
    # The Kepala Dinas's next step is 7, but after "Ya" step 4 goes on to step 5, the Kepala Seksi's.
    draft = parse_document(WRITERS[kind](tmp_path, 4, "Ya: ke Kepala Dinas"))
    assert draft.problems == []
    (warning,) = draft.warnings
    assert (warning.step, warning.value) == (4, "Ya: ke Kepala Dinas")
    assert "the “Ya” answer goes to the Kepala Dinas, whose next step is 7, but a step's “Ya” goes on to the next " \
           "step (5, the Kepala Seksi's)" in str(warning)
    column = {"text": "Uraian Prosedur", "xlsx": "Ket", "docx": "Ket."}[kind]  # each as the document heads it
    sheet = "sheet “SOP”, " if kind == "xlsx" else ""
    assert str(warning).startswith(f"izin.{'txt' if kind == 'text' else kind}, {sheet}step 4, column {column}: ")
    assert all(s.branch_to is None for s in draft.steps)


@pytest.mark.parametrize("kind", WRITERS)
def test_a_ya_naming_no_actor_column_is_warned_of(tmp_path: Path, kind: str) -> None:
    draft = parse_document(WRITERS[kind](tmp_path, 4, "Ya: ke Bendahara"))
    (warning,) = draft.warnings
    assert (warning.step, warning.value) == (4, "Ya: ke Bendahara")
    assert "the “Ya” answer sends the work to “Bendahara”, but that names no one actor column of the table " \
           "(Pemohon, Petugas Loket, Verifikator, Kepala Seksi, Kepala Dinas)" in str(warning)


@pytest.mark.parametrize("kind", WRITERS)
def test_a_ya_naming_an_earlier_actor_goes_back_as_a_ya_naming_its_step(tmp_path: Path, kind: str) -> None:
    # "Ya: ke Petugas Loket" on step 6 with its own "Tidak": as "Ya: ke langkah 2", not read as a return.
    draft = parse_document(WRITERS[kind](tmp_path, 6, "Ya: ke Petugas Loket; Tidak: kembali ke langkah 5"))
    assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == {6: [5]}
    (warning,) = draft.warnings
    assert "the “Ya” answer goes back to step 2, but after “Ya” a step goes on to the next one" in str(warning)
