"""A decision's return written in words offices use for the step: "kembali ke langkah sebelumnya" (the step before,
unnumbered, as "dikembalikan" alone), "ke proses sebelumnya", "ke tahap sebelumnya", "kembali ke langkah no. 2",
"ke proses 1". They were taken for a position's name matching no actor column and, naming no position, dropped
without a word: the decision lost its way back."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.sop.importers import parse_document

from .documents import sop_text, write

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Pemohon", "Petugas Loket", "Operator", "Kepala Dinas"]


def _draft(tmp_path: Path, words: str):  # type: ignore[no-untyped-def]
    rows = [("Mengajukan permohonan", "5 menit", "Pemohon"), ("Memeriksa berkas", "10 menit", "Petugas Loket"),
            (f"Menginput data. Sesuai? {words}", "30 menit", "Operator"), ("Menandatangani", "1 hari", "Kepala Dinas"),
            ("Menyerahkan dokumen", "5 menit", "Petugas Loket")]
    return parse_document(write(tmp_path, sop_text(ACTORS, rows)))


@pytest.mark.parametrize("words", ["Tidak: kembali ke langkah sebelumnya", "Tidak sesuai: kembali ke tahap sebelumnya",
                                   "Jika tidak sesuai dikembalikan ke proses sebelumnya", "Tidak: ke langkah sebelumnya",
                                   "Bila belum lengkap kembali ke langkah no. 2", "Tidak: kembali ke langkah nomor 2",
                                   "Tidak: kembali ke proses 2", "Tidak → tahapan 2"])
def test_the_step_before_or_a_numbered_step_in_other_words_is_the_return(tmp_path: Path, words: str) -> None:
    draft = _draft(tmp_path, words)
    assert draft.problems == [] and draft.warnings == []
    assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == {3: [2]}


def test_a_numbered_step_past_the_last_is_still_refused(tmp_path: Path) -> None:
    (problem,) = _draft(tmp_path, "Tidak: kembali ke proses 9").problems
    assert "sends work to step 9, but the table has no step of that number (its steps are 1 to 5)" in str(problem)


def test_words_naming_no_step_nor_position_are_still_no_return(tmp_path: Path) -> None:
    draft = _draft(tmp_path, "Tidak: kembali ke ruang kerja")
    assert draft.problems == [] and all(not s.returns_to for s in draft.steps)
