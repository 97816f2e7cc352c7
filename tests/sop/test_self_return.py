"""A step whose Keterangan sends the work back to itself ("Jika tidak sesuai, kembali ke langkah 4" written on
step 4). The engine cannot run it yet: return_task opens the target's task while the returned one is still
open in the same statement (fastsql.combined_writes on PostgreSQL), which the one-open-task-per-step
constraint refuses. So the import refuses it, naming the step and saying what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.sop.importers import parse_document

from .documents import sop_text, write

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Sekretaris", "Kasubbag", "JFU", "Kadis"]


@pytest.mark.parametrize("words", ["Memeriksa draft laporan; jika tidak sesuai, kembali ke langkah 4",
                                   "Memeriksa draft laporan, apabila belum lengkap kembali ke langkah 4"])
def test_a_return_to_the_same_step_is_refused_saying_what_to_write(tmp_path: Path, words: str) -> None:
    steps = [("Menerima surat dan meneruskan kepada Kasubbag", "10 menit", "Sekretaris"),
             ("Memberi petunjuk kepada JFU", "10 menit", "Kasubbag"), ("Menyusun draft laporan", "1 hari", "JFU"),
             (words, "1 hari", "Kasubbag"), ("Menandatangani laporan", "1 hari", "Kadis")]
    draft = parse_document(write(tmp_path, sop_text(ACTORS, steps)))
    assert [str(p) for p in draft.problems] == [
        "sop.txt, step 4, column Uraian Prosedur: sends the work back to this same step, which kinerja cannot run "
        "yet: name the earlier step that redoes the work (such as “kembali ke langkah 3”), or leave the return out "
        "(the step is then redone before it is completed) (value: “kembali ke langkah 4”)"]
