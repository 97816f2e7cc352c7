"""Findings of a second tryout of the importer: a return to a position with no column of its own, a
repeated step number, a Tanggal Pengesahan in the identity block, steps numbered in Roman numerals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kinerja.sop.importers import SopImportError, read_document

from .documents import sop_text, write

ACTORS = ["Pemohon", "Petugas Loket", "Kepala Seksi", "Kepala Dinas"]
STEPS = [("Mengajukan permohonan", "15 menit", "Pemohon"), ("Memeriksa berkas", "10 menit", "Petugas Loket"),
         ("Memaraf konsep", "1 jam", "Kepala Seksi"), ("Menandatangani", "1 hari", "Kepala Dinas")]


def test_a_return_to_a_position_without_a_column_is_a_warning_in_indonesian(tmp_path: Path) -> None:
    text = sop_text(ACTORS, STEPS).replace("hasil 3\t", "hasil 3\tTidak sesuai: dikembalikan kepada Bendahara")
    draft = read_document(write(tmp_path, text, "bendahara.txt"))
    assert [s.returns_to for s in draft.steps] == [[], [], [], []]  # the import goes on
    (warning,) = draft.warnings
    assert (warning.step, warning.column) == (3, "Ket")
    message = str(warning)
    assert message.startswith("bendahara.txt, langkah 3") and "“Bendahara”" in message
    assert "tidak dibaca" in message


def test_a_return_to_a_place_is_no_warning(tmp_path: Path) -> None:
    text = sop_text(ACTORS, STEPS).replace("hasil 3\t", "hasil 3\tberkas kembali ke ruang arsip")
    assert read_document(write(tmp_path, text)).warnings == []


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(("numbers", "value", "row", "activity"), [
    (["1", "2", "2", "3"], "2", 3, "Memaraf konsep"),  # the third row repeats 2: the second row is right
    (["1", "2", "3", "1"], "1", 4, "Menandatangani"),
    (["a.", "b.", "b.", "c."], "b", 3, "Memaraf konsep"),
    (["1", "2", "2.1", "2.1"], "2.1", 4, "Menandatangani"),
])
def test_a_repeated_step_number_names_the_repeating_row(tmp_path: Path, numbers: list[str], value: str, row: int,
                                                         activity: str) -> None:
    lines = sop_text(ACTORS, STEPS).splitlines(keepends=True)
    for i, number in enumerate(numbers, start=1):
        at = next(k for k, line in enumerate(lines) if line.startswith(f"{i}\t"))
        lines[at] = number + lines[at][len(str(i)):]
    with pytest.raises(SopImportError) as caught:
        read_document(write(tmp_path, "".join(lines), "ganda.txt"))
    message = str(caught.value)
    assert caught.value.value == value
    assert message.startswith("ganda.txt") and f"step row {row}, “{activity}”" in message


def _ratified(tmp_path: Path, effective: str, ratified: str) -> Path:
    text = sop_text(ACTORS, STEPS).replace("TANGGAL EFEKTIF\t2 Januari 2025", f"TANGGAL EFEKTIF\t{effective}")
    return write(tmp_path, text.replace("DISAHKAN OLEH\t", f"TANGGAL PENGESAHAN\t{ratified}\nDISAHKAN OLEH\t"))


def test_a_ratification_date_without_an_effective_date_is_the_effective_date(tmp_path: Path) -> None:
    draft = read_document(_ratified(tmp_path, "-", "5 Februari 2025"))
    assert draft.effective_on == dt.date(2025, 2, 5)
    (warning,) = draft.warnings
    assert (warning.column, warning.value) == ("Tanggal Pengesahan", "5 Februari 2025")
    assert "Tanggal Efektif" in str(warning) and str(warning).startswith("sop.txt")


def test_a_ratification_date_beside_another_effective_date_is_named_as_not_kept(tmp_path: Path) -> None:
    draft = read_document(_ratified(tmp_path, "2 Januari 2025", "Tgl. 5 Februari 2025"))
    assert draft.effective_on == dt.date(2025, 1, 2)
    (warning,) = draft.warnings
    assert (warning.column, warning.value) == ("Tanggal Pengesahan", "Tgl. 5 Februari 2025")
    assert "tidak disimpan" in str(warning) and "2 Januari 2025" in str(warning)


def test_a_ratification_date_of_the_effective_day_says_nothing(tmp_path: Path) -> None:
    draft = read_document(_ratified(tmp_path, "2 Januari 2025", "2 Januari 2025"))
    assert (draft.effective_on, draft.warnings) == (dt.date(2025, 1, 2), [])


def test_an_unreadable_ratification_date_in_place_of_the_effective_date_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SopImportError) as caught:
        read_document(_ratified(tmp_path, "-", "segera"))
    assert (caught.value.column, caught.value.value) == ("Tanggal Pengesahan", "segera")


def _numbered(tmp_path: Path, numbers: list[str], name: str = "romawi.txt") -> Path:
    lines = sop_text(ACTORS, STEPS).replace("hasil 3\t", "hasil 3\tTidak sesuai: kembali ke langkah 2").splitlines(True)
    for i, number in enumerate(numbers, start=1):
        at = next(k for k, line in enumerate(lines) if line.startswith(f"{i}\t"))
        lines[at] = number + lines[at][len(str(i)):]
    return write(tmp_path, "".join(lines), name)


@pytest.mark.parametrize("numbers", [
    ["I", "II", "III", "IV"], ["i.", "ii.", "iii.", "iv."], ["(I)", "(II)", "(III)", "(IV)"]])
def test_steps_numbered_in_roman_numerals_keep_their_label(tmp_path: Path, numbers: list[str]) -> None:
    draft = read_document(_numbered(tmp_path, numbers))
    assert [s.number for s in draft.steps] == [1, 2, 3, 4]
    assert [s.display_number for s in draft.steps] == [n.strip("().") for n in numbers]
    assert [s.actor for s in draft.steps] == ACTORS
    assert [s.returns_to for s in draft.steps] == [[], [], [2], []]


def test_a_return_names_a_roman_numbered_step(tmp_path: Path) -> None:
    path = _numbered(tmp_path, ["I", "II", "III", "IV"])
    path.write_text(path.read_text(encoding="utf-8").replace("langkah 2", "langkah II"), encoding="utf-8")
    assert [s.returns_to for s in read_document(path).steps] == [[], [], [2], []]


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(("numbers", "value"), [(["1", "II", "3", "4"], "II"), (["I", "ii", "III", "IV"], None)])
def test_a_roman_number_among_others_is_no_step_number(tmp_path: Path, numbers: list[str], value: str | None) -> None:
    with pytest.raises(SopImportError) as caught:
        read_document(_numbered(tmp_path, numbers))
    assert str(caught.value).startswith("romawi.txt, ")
    if value:
        assert caught.value.value == value and "Roman" in str(caught.value)


def test_a_lettered_table_to_i_stays_lettered(tmp_path: Path) -> None:
    from kinerja.sop.importers.table import roman_column

    assert roman_column(["a", "b", "c", "d", "e", "f", "g", "h", "i"]) is None
    assert roman_column(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]) == list(range(1, 12))
    assert roman_column(["i", "ii", "iii"]) == [1, 2, 3]
