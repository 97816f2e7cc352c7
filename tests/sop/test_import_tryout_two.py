"""Findings of a second tryout of the importer: a return to a position with no column of its own, a
repeated step number, a Tanggal Pengesahan in the identity block, steps numbered in Roman numerals."""

from __future__ import annotations

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
