"""A return "dikembalikan kepada …" whose words name no position of the office is no warning: whoever the
case concerns ("kepada yang bersangkutan", "kepada ybs", "kepada pegawai yang bersangkutan") or a party
outside the office with no column ("kepada pelapor"). A position's name with no column of its own
("kepada Bendahara", "kepada Kasubbag Keuangan") still is: the user must know the return is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.sop.importers import read_document

from .documents import sop_text, write
from .test_import_tryout_two import ACTORS, STEPS


def _with_note(tmp_path: Path, note: str) -> Path:
    return write(tmp_path, sop_text(ACTORS, STEPS).replace("hasil 3\t", f"hasil 3\t{note}"), "kembali.txt")


@pytest.mark.parametrize("note", [
    "Tidak sesuai: dikembalikan kepada yang bersangkutan untuk diperbaiki",
    "Tidak lengkap: dikembalikan kepada Yang Bersangkutan",
    "Tidak sesuai: dikembalikan kepada ybs.",
    "Belum sesuai: dikembalikan kepada pihak yang mengajukan",
    "Tidak sesuai: dikembalikan kepada pegawai yang bersangkutan",
    "Tidak lengkap: berkas dikembalikan kepada pelapor",
])
def test_words_naming_no_position_are_no_warning(tmp_path: Path, note: str) -> None:
    draft = read_document(_with_note(tmp_path, note))
    assert draft.warnings == []
    assert draft.steps[2].returns_to == []


@pytest.mark.parametrize(("note", "name"), [
    ("Tidak sesuai: dikembalikan kepada Bendahara", "Bendahara"),
    ("Tidak sesuai: dikembalikan kepada Kasubbag Keuangan untuk diperbaiki", "Kasubbag Keuangan"),
    ("Belum sesuai: dikembalikan kepada Kepala Bidang Anggaran", "Kepala Bidang Anggaran"),
])
def test_a_position_without_a_column_is_still_a_warning(tmp_path: Path, note: str, name: str) -> None:
    (warning,) = read_document(_with_note(tmp_path, note)).warnings
    assert (warning.step, warning.column) == (3, "Ket")
    assert f"“{name}”" in str(warning)
