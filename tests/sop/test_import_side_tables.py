"""A landscape SOP laid out as two tables side by side in one layout table: the flow (No, Kegiatan, Pelaksana) on
the left, the Mutu Baku and Keterangan on the right, row for row. Read as one table; it was refused as “is not a
step number (value: Kelengkapan)”. When the right table has not as many rows as the flow, which row stands beside
which step cannot be told: refused saying so."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from kinerja.sop.importers import SopImportError, read_document

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Pemohon", "Petugas Layanan", "Kepala Seksi Layanan"]
STEPS = [("Mengajukan permohonan kunjungan", "Pemohon", "Surat permohonan", "10 menit", "Surat masuk"),
         ("Menjadwalkan kunjungan", "Petugas Layanan", "Jadwal", "1 hari", "Jadwal kunjungan"),
         ("Menyetujui jadwal kunjungan. Setuju?", "Kepala Seksi Layanan", "Jadwal", "1 jam", "Jadwal disetujui"),
         ("Melaksanakan layanan keliling", "Petugas Layanan", "Armada", "1 hari", "Laporan")]


def _document(tmp_path: Path, right_rows: int = len(STEPS)) -> Path:
    document = docx.Document()
    identity = document.add_table(rows=3, cols=2)
    for r, (label, value) in enumerate([("Nomor SOP", "045/04/SOP/2025"), ("Tanggal Efektif", "3 Februari 2025"),
                                        ("Nama SOP", "LAYANAN PERPUSTAKAAN KELILING")]):
        identity.cell(r, 0).text, identity.cell(r, 1).text = label, value
    outer = document.add_table(rows=1, cols=2)
    left = outer.cell(0, 0).add_table(rows=len(STEPS) + 1, cols=2 + len(ACTORS))
    right = outer.cell(0, 1).add_table(rows=right_rows + 1, cols=4)
    for c, text in enumerate(["No", "Kegiatan", *ACTORS]):
        left.cell(0, c).text = text
    for c, text in enumerate(["Kelengkapan", "Waktu", "Output", "Keterangan"]):
        right.cell(0, c).text = text
    for n, (text, who, inputs, time, output) in enumerate(STEPS, start=1):
        for c, value in enumerate([str(n), text, *("√" if a == who else "" for a in ACTORS)]):
            left.cell(n, c).text = value
        if n <= right_rows:
            for c, value in enumerate([inputs, time, output, "Tidak: kembali ke langkah 2" if n == 3 else ""]):
                right.cell(n, c).text = value
    path = tmp_path / "keliling.docx"
    document.save(str(path))
    return path


def test_the_mutu_baku_beside_the_flow_is_read_row_for_row(tmp_path: Path) -> None:
    draft = read_document(_document(tmp_path))
    assert [(s.actor, s.inputs, s.duration_text, s.output) for s in draft.steps] == [
        (who, inputs, time, output) for _t, who, inputs, time, output in STEPS]
    assert draft.steps[2].returns_to == [2]


def test_a_table_beside_with_other_rows_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SopImportError) as caught:
        read_document(_document(tmp_path, right_rows=3))
    assert "the procedure table has a table beside it (these columns) with 4 rows where it has 5" in str(caught.value)
