"""A table numbered in Roman numerals or letters: a missing step is named as the table numbers it ("langkah
III", "langkah c"), not by its place ("langkah 3"); a Roman-numbered step's sub-steps ("II.1", "II.2") are
read as the decimal ones ("2.1", "2.2", test_import_substeps.py) are, and a return names them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.sop.importers import SopImportError, read_document

from .test_import_tryout_two import _numbered


@pytest.mark.parametrize(("numbers", "missing", "value", "sequence"), [
    (["I", "II", "IV", "V"], "III", "IV", "I, II, III"),
    (["i.", "ii.", "iv.", "v."], "iii", "iv", "i, ii, iii"),
    (["a.", "b.", "d.", "e."], "c", "d", "a, b, c"),
])
def test_a_missing_step_is_named_as_the_table_numbers_it(tmp_path: Path, numbers: list[str], missing: str,
                                                         value: str, sequence: str) -> None:
    with pytest.raises(SopImportError) as caught:
        read_document(_numbered(tmp_path, numbers))
    message = str(caught.value)
    assert message.startswith(f"romawi.txt, langkah {missing}, kolom No.: langkah {missing} tidak ada")
    assert f"bernomor urut {sequence} …)" in message
    assert (caught.value.step, caught.value.label, caught.value.value) == (3, missing, value)


def test_a_missing_decimal_step_is_named_by_its_number_as_before(tmp_path: Path) -> None:
    with pytest.raises(SopImportError) as caught:
        read_document(_numbered(tmp_path, ["1", "2", "6", "7"]))
    assert str(caught.value).startswith("romawi.txt, langkah 3, kolom No.: langkah 3 tidak ada (langkah harus "
                                        "bernomor urut 1, 2, 3 …)")
    assert (caught.value.label, caught.value.value) == ("", "6")


@pytest.mark.parametrize("numbers", [["I", "II", "II.1", "II.2"], ["i.", "ii.", "ii.1.", "ii.2."],
                                     ["I", "II.1", "II.2", "III"]])
def test_roman_sub_steps_are_steps_keeping_their_label(tmp_path: Path, numbers: list[str]) -> None:
    draft = read_document(_numbered(tmp_path, numbers))
    assert [s.number for s in draft.steps] == [1, 2, 3, 4]
    assert [s.display_number for s in draft.steps] == [n.rstrip(".") for n in numbers]
    assert [s.actor for s in draft.steps] == ["Pemohon", "Petugas Loket", "Kepala Seksi", "Kepala Dinas"]


def test_a_return_names_a_roman_sub_step(tmp_path: Path) -> None:
    path = _numbered(tmp_path, ["I", "II.1", "II.2", "III"])
    path.write_text(path.read_text(encoding="utf-8").replace("langkah 2", "langkah II.1"), encoding="utf-8")
    assert [s.returns_to for s in read_document(path).steps] == [[], [], [2], []]


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(("numbers", "value", "problem"), [
    (["I", "II.2", "II.3", "III"], "II.2",
     "the first sub-step of step II is missing (sub-steps are numbered II.1, II.2 … in order)"),
    (["I", "II.1", "II.3", "III"], "II.3", "a sub-step of step II is missing or out of order"),
    (["I", "II", "II.1", "IV"], "IV", "step III is missing (steps must be numbered I, II, III … in order)"),
    (["1", "2", "II.1", "3"], "II.1", "steps are numbered in Roman numerals (I, II, III …) only when all of them"),
])
def test_roman_sub_steps_out_of_order_are_refused_naming_the_value(tmp_path: Path, numbers: list[str], value: str,
                                                                   problem: str) -> None:
    with pytest.raises(SopImportError) as caught:
        read_document(_numbered(tmp_path, numbers))
    assert str(caught.value).startswith("romawi.txt, ") and problem in str(caught.value)
    assert caught.value.value == value
