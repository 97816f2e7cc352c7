"""A note row typed between two steps ("Catatan: bila Camat berhalangan, surat ditandatangani Sekretaris Camat"), a
Word row merged across the table: a remark on the step above, kept in its Keterangan and warned of naming the
step and the note. It was skipped as a page's heading without a word, and the remark lost."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from kinerja.sop.importers import read_document

from .documents import sop_text, write

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Pemohon", "Petugas PATEN", "Camat"]
NOTE = "Catatan: bila Camat berhalangan, surat ditandatangani Sekretaris Camat"
STEPS = [("a.", "Mengajukan permohonan surat keterangan domisili", "Pemohon", "5 menit"),
         ("b.", "Memeriksa berkas dan mengetik konsep surat", "Petugas PATEN", "15 menit"),
         ("c.", "Menandatangani surat keterangan domisili", "Camat", "30 menit"),
         ("d.", "Menyerahkan surat kepada pemohon", "Petugas PATEN", "5 menit")]


def test_a_word_note_row_between_steps_is_the_remark_of_the_step_above(tmp_path: Path) -> None:
    document = docx.Document()
    for label, value in [("Nomor SOP", "470/05/SOP/KEC/2025"), ("Nama SOP", "SURAT KETERANGAN DOMISILI")]:
        document.add_paragraph(f"{label}\t: {value}")
    header = ["No", "Kegiatan", *ACTORS, "Kelengkapan", "Waktu", "Output", "Ket."]
    rows = [[no, text, *("√" if a == who else "" for a in ACTORS), "Berkas", time, "Hasil", ""]
            for no, text, who, time in STEPS]
    table = document.add_table(rows=len(rows) + 3, cols=len(header))
    for r, row in enumerate([header, *rows[:3], [], [], *rows[3:]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(5, 0).merge(table.cell(5, len(header) - 1)).text = NOTE  # the note row, merged across
    path = tmp_path / "domisili.docx"
    document.save(str(path))

    draft = read_document(path)
    assert [s.label for s in draft.steps] == ["a", "b", "c", "d"]
    assert [s.actor for s in draft.steps] == [who for _n, _t, who, _d in STEPS]
    assert draft.steps[2].note == NOTE and draft.steps[3].note == ""
    (warning,) = draft.warnings
    assert str(warning).startswith("domisili.docx, step c, column Ket.: a note row stands between this step and the next")
    assert warning.value == NOTE


def test_a_text_note_row_below_a_step_is_its_remark(tmp_path: Path) -> None:
    rows = [("Memeriksa berkas", "15 menit", "Petugas PATEN"), ("Menandatangani", "30 menit", "Camat"),
            ("Menyerahkan surat", "5 menit", "Petugas PATEN")]
    lines = sop_text(ACTORS, rows).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("2\t"))
    lines.insert(at, "\tNB: surat dicetak rangkap dua")
    draft = read_document(write(tmp_path, "\n".join(lines) + "\n"))
    assert [s.number for s in draft.steps] == [1, 2, 3]
    assert draft.steps[0].note == "NB: surat dicetak rangkap dua"
    assert draft.steps[0].activity == "Memeriksa berkas"
