"""A step named in Roman numerals in a table whose No. column letters its steps a, b, c … (table._lettered_roman):
"langkah ii" can be no letter, so it is the second step (b), read with a warning; a one-letter numeral ("i", "v")
is the table's own letter where the table has that step, the numeral's value only where it has not."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.sop.importers import parse_document

from .documents import sop_text, write

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Pemohon", "Petugas Loket", "Verifikator", "Kepala Seksi", "Kepala Dinas"]


def _lettered(tmp_path: Path, steps: int, words: str, at: int = 4) -> Path:
    """A table of `steps` steps lettered a, b, c …; step `at` (a check of the Verifikator) ends with `words`."""
    rows = [("Mengajukan permohonan", "15 menit", "Pemohon"), ("Memeriksa berkas", "30 menit", "Petugas Loket")]
    rows += [(f"Memverifikasi berkas bagian {i}", "1 jam", "Verifikator") for i in range(3, steps)]
    rows += [("Menandatangani", "1 hari", "Kepala Dinas")]
    rows[at - 1] = (f"Apakah berkas sesuai? {words}", "1 jam", "Verifikator")
    lines = []
    for line in sop_text(ACTORS, rows).splitlines():
        head, tab, rest = line.partition("\t")
        lines.append(f"{chr(96 + int(head))}.{tab}{rest}" if head.isdigit() else line)
    return write(tmp_path, "\n".join(lines) + "\n", "huruf.txt")


@pytest.mark.parametrize(("words", "target", "letter"), [("Tidak: ke langkah ii", 2, "b"),
                                                        ("Tidak: kembali ke langkah iii", 3, "c"),
                                                        ("Tidak: ke lgkh II", 2, "b")])
def test_a_roman_numeral_that_is_no_letter_is_the_step_of_its_value_with_a_warning(
        tmp_path: Path, words: str, target: int, letter: str) -> None:
    draft = parse_document(_lettered(tmp_path, 6, words))
    assert draft.problems == []
    assert [s.label for s in draft.steps] == list("abcdef")
    assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == {4: [target]}
    (warning,) = draft.warnings
    assert (warning.step, warning.label) == (4, "d")
    assert str(warning).startswith("huruf.txt, step d, column Uraian Prosedur: names step ")
    assert f"the No. column letters the steps a, b, c …: read as step {letter}" in str(warning)


def test_a_one_letter_numeral_the_table_has_no_letter_for_is_read_as_its_value_with_a_warning(tmp_path: Path) -> None:
    draft = parse_document(_lettered(tmp_path, 6, "Tidak: kembali ke langkah i"))
    assert draft.problems == []
    assert draft.steps[3].returns_to == [1]
    (warning,) = draft.warnings
    assert "read as step a" in str(warning)


def test_a_one_letter_numeral_the_table_has_a_step_for_is_that_letter_with_a_warning(tmp_path: Path) -> None:
    draft = parse_document(_lettered(tmp_path, 10, "Tidak: ke langkah i"))
    assert draft.problems == []
    assert draft.steps[3].branch_to == 9  # the step lettered i, skipped ahead to, not step a
    (warning,) = draft.warnings
    assert "read as the step lettered i" in str(warning) and "it would be step a" in str(warning)


@pytest.mark.parametrize("words", ["Tidak: ke langkah b", "Tidak: ke langkah 2"])
def test_a_letter_or_a_digit_in_a_lettered_table_says_nothing(tmp_path: Path, words: str) -> None:
    draft = parse_document(_lettered(tmp_path, 6, words))
    assert draft.warnings == [] and draft.problems == []
    assert draft.steps[3].returns_to == [2]


def test_a_numeral_naming_no_step_either_way_is_a_problem(tmp_path: Path) -> None:
    draft = parse_document(_lettered(tmp_path, 6, "kembali ke langkah ix"))
    (problem,) = draft.problems
    assert "sends work to step ix, but the table has no step of that number (its steps are a to f)" in str(problem)
