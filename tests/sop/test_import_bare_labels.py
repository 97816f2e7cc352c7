"""A return naming its step by the label alone, as offices numbering their steps I, II, III or a, b, c write it in
a narrow Ket. cell ("Tidak: kembali ke III", "Tidak → b"): the step of that label, not the name of a position
(none is a Roman numeral or a single letter), which was dropped without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.sop.importers import parse_document

from .documents import sop_text, write

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Inspektur", "Irban", "Ketua Tim", "Anggota Tim"]
STEPS = [("Menerbitkan surat tugas reviu", "1 hari", "Inspektur"),
         ("Menyusun program kerja reviu", "2 hari", "Ketua Tim"),
         ("Melaksanakan reviu dan menyusun kertas kerja", "5 hari", "Anggota Tim"),
         ("Mereviu kertas kerja. Sesuai?", "1 hari", "Ketua Tim"),
         ("Menandatangani laporan hasil reviu", "1 hari", "Inspektur")]


def _labelled(tmp_path: Path, labels: list[str], words: str) -> Path:
    """The table above, its No. column printing `labels`, step 4 ending with `words`."""
    rows = list(STEPS)
    rows[3] = (f"{rows[3][0]} {words}", *rows[3][1:])
    lines = []
    for line in sop_text(ACTORS, rows).splitlines():
        head, tab, rest = line.partition("\t")
        lines.append(f"{labels[int(head) - 1]}{tab}{rest}" if head.isdigit() else line)
    return write(tmp_path, "\n".join(lines) + "\n", "reviu.txt")


ROMAN = ["I", "II", "III", "IV", "V"]


@pytest.mark.parametrize("words", ["Tidak: kembali ke III", "Tidak: ke III", "Tidak → III",
                                   "Tidak sesuai dikembalikan ke III"])
def test_a_bare_roman_numeral_is_the_step_of_a_roman_table(tmp_path: Path, words: str) -> None:
    draft = parse_document(_labelled(tmp_path, ROMAN, words))
    assert draft.problems == [] and draft.warnings == []
    assert {s.label: s.returns_to for s in draft.steps if s.returns_to} == {"IV": [3]}


@pytest.mark.parametrize("words", ["Tidak: kembali ke b", "Tidak → b"])
def test_a_bare_letter_is_the_step_of_a_lettered_table(tmp_path: Path, words: str) -> None:
    draft = parse_document(_labelled(tmp_path, list("abcde"), words))
    assert draft.problems == [] and draft.warnings == []
    assert {s.label: s.returns_to for s in draft.steps if s.returns_to} == {"d": [2]}


def test_a_bare_letter_in_a_numbered_table_is_refused_naming_step_and_words(tmp_path: Path) -> None:
    draft = parse_document(_labelled(tmp_path, ["1", "2", "3", "4", "5"], "Tidak: kembali ke b"))
    (problem,) = draft.problems
    assert str(problem).startswith("reviu.txt, step 4, column Uraian Prosedur: ")
    assert "sends work to step b, but the table has no step of that number (its steps are 1 to 5)" in str(problem)


def test_a_position_is_still_a_position(tmp_path: Path) -> None:
    draft = parse_document(_labelled(tmp_path, ROMAN, "Tidak: kembali ke Ketua Tim"))
    assert {s.label: s.returns_to for s in draft.steps if s.returns_to} == {"IV": [2]}
