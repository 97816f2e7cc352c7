"""Findings of a second tryout of the importer: a return to a position with no column of its own, a
repeated step number, a Tanggal Pengesahan in the identity block, steps numbered in Roman numerals."""

from __future__ import annotations

from pathlib import Path

from kinerja.sop.importers import read_document

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
