"""A return to an actor whose first step comes after the returning one ("Tidak: dikembalikan kepada Kasi
Pelayanan" on step 2, the Kasi Pelayanan's first step 4) was refused as "sends work back, but to no earlier step",
which left the user guessing what to correct: the problem names the actor and says it has no step before this
one, naming its first step (or that it has none at all, or that this is its first)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from kinerja.sop.importers import parse_document

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Pemohon", "Petugas Loket", "Kasi Pelayanan", "Camat"]
HEADER = ["No", "Kegiatan", *ACTORS, "Kelengkapan", "Waktu", "Output", "Keterangan"]
IDENTITY = [("Nomor SOP", "470/12/SOP/KEC/2025"), ("Tanggal Efektif", "1 April 2025"),
            ("Disahkan oleh", "CAMAT KEDATON"), ("Nama SOP", "PELAYANAN SURAT KETERANGAN DOMISILI")]


def _document(tmp_path: Path, note: str, actor: str = "Petugas Loket") -> Path:
    steps = [("1", "Mengajukan permohonan surat keterangan domisili", "Pemohon", ""),
             ("2", "Memeriksa kelengkapan berkas. Lengkap?", actor, note),
             ("3", "Mengetik konsep surat keterangan", "Petugas Loket", ""),
             ("4", "Memaraf konsep surat keterangan", "Kasi Pelayanan", ""),
             ("5", "Menandatangani surat keterangan", "Camat", "")]
    document = docx.Document()
    identity = document.add_table(rows=len(IDENTITY), cols=2)
    for r, (label, value) in enumerate(IDENTITY):
        identity.cell(r, 0).text, identity.cell(r, 1).text = label, value
    table = document.add_table(rows=len(steps) + 1, cols=len(HEADER))
    for c, text in enumerate(HEADER):
        table.cell(0, c).text = text
    for r, (no, text, who, remark) in enumerate(steps, start=1):
        row = [no, text, *("√" if a == who else "" for a in ACTORS), "Berkas", "15 menit", f"hasil {no}", remark]
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "domisili.docx"
    document.save(str(path))
    return path


def test_a_return_to_an_actor_whose_first_step_is_later_names_that_step(tmp_path: Path) -> None:
    draft = parse_document(_document(tmp_path, "Tidak: dikembalikan kepada Kasi Pelayanan"))
    problem = draft.problems[0]
    assert problem.step == 2
    assert ("this step sends work back to Kasi Pelayanan, but to no earlier step: Kasi Pelayanan has no step before "
            "this one (its first step is step 4)") in str(problem)


def test_a_return_to_the_actors_own_first_step_says_so(tmp_path: Path) -> None:
    draft = parse_document(_document(tmp_path, "Tidak: dikembalikan kepada Kasi Pelayanan", actor="Kasi Pelayanan"))
    assert "this is the first step of Kasi Pelayanan" in str(draft.problems[0])


def test_a_return_to_the_step_before_is_read_as_before(tmp_path: Path) -> None:
    draft = parse_document(_document(tmp_path, "Tidak: dikembalikan kepada Pemohon"))
    assert (draft.problems, draft.steps[1].returns_to) == ([], [1])
