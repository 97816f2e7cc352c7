"""Actor columns headed by abbreviations that a legend under the table, or above it, spells out ("Keterangan: Kabid = Kepala
Bidang Kearsipan"): the actors are the positions the legend names, and the steps' words may name either; they were
the bare abbreviations, the legend dropped. A line that only starts with an actor's name ("Pemohon: membawa KTP asli")
is no legend; a legend spelling one abbreviation out twice, differently, is refused naming both."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from kinerja.sop.importers import SopImportError, read_document

pytestmark = pytest.mark.usefixtures("english")

SHORT = ["Pmh", "Ptgs", "Kasi", "Kabid"]
STEPS = [("Mengisi formulir peminjaman arsip", "Pmh", ""), ("Memeriksa formulir dan mencari arsip", "Ptgs", ""),
         ("Memverifikasi izin akses arsip. Disetujui?", "Kasi", "Tidak: dikembalikan kepada Petugas Layanan Arsip"),
         ("Menyetujui peminjaman", "Kabid", ""), ("Menyerahkan arsip kepada peminjam", "Ptgs", "")]
LEGEND = ["Keterangan:", "Pmh = Pemohon", "Ptgs = Petugas Layanan Arsip", "Kasi = Kepala Seksi Layanan Arsip",
          "Kabid = Kepala Bidang Kearsipan", "Pemohon: membawa KTP asli"]


def _document(tmp_path: Path, legend: list[str], *, above: bool = False) -> Path:
    document = docx.Document()
    identity = document.add_table(rows=3, cols=2)
    for r, (label, value) in enumerate([("Nomor SOP", "045/01/SOP/2025"), ("Tanggal Efektif", "3 Februari 2025"),
                                        ("Nama SOP", "PEMINJAMAN ARSIP STATIS")]):
        identity.cell(r, 0).text, identity.cell(r, 1).text = label, value
    for line in legend if above else []:
        document.add_paragraph(line)
    rows = [["No", "Kegiatan", *SHORT, "Kelengkapan", "Waktu", "Output", "Keterangan"]]
    rows += [[str(n), text, *("√" if a == who else "" for a in SHORT), "Formulir", "15 menit", "hasil", note]
             for n, (text, who, note) in enumerate(STEPS, start=1)]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for line in [] if above else legend:
        document.add_paragraph(line)
    path = tmp_path / "pinjam.docx"
    document.save(str(path))
    return path


def test_the_legend_names_the_actors(tmp_path: Path) -> None:
    draft = read_document(_document(tmp_path, LEGEND))
    assert draft.actors == ["Pemohon", "Petugas Layanan Arsip", "Kepala Seksi Layanan Arsip", "Kepala Bidang Kearsipan"]
    assert [s.actor for s in draft.steps] == ["Pemohon", "Petugas Layanan Arsip", "Kepala Seksi Layanan Arsip",
                                              "Kepala Bidang Kearsipan", "Petugas Layanan Arsip"]
    assert draft.steps[2].returns_to == [2]  # the full name in the words is the abbreviated column's


def test_the_legend_above_the_table_names_the_actors(tmp_path: Path) -> None:
    """Some offices put the legend between the identity block and the table."""
    draft = read_document(_document(tmp_path, LEGEND, above=True))
    assert draft.actors == ["Pemohon", "Petugas Layanan Arsip", "Kepala Seksi Layanan Arsip", "Kepala Bidang Kearsipan"]
    assert draft.steps[2].returns_to == [2]
    assert not any("=" in line for line in draft.lines)  # the legend is no line of the letterhead


@pytest.mark.parametrize("above", [True, False])
@pytest.mark.parametrize("line", [
    "Keterangan: Pmh = Pemohon, Ptgs = Petugas Layanan Arsip; Kasi = Kepala Seksi Layanan Arsip, Kabid = Kepala Bidang "
    "Kearsipan",
    "Pmh - Pemohon; Ptgs - Petugas Layanan Arsip; Kasi - Kepala Seksi Layanan Arsip; Kabid - Kepala Bidang Kearsipan",
    "Ket. : Pmh : Pemohon, Ptgs : Petugas Layanan Arsip, Kasi : Kepala Seksi Layanan Arsip, Kabid : Kepala Bidang "
    "Kearsipan",
])
def test_a_legend_on_one_line_names_the_actors(tmp_path: Path, above: bool, line: str) -> None:
    """"Keterangan: Pmh = Pemohon, Ptgs = Petugas …" on one line, its entries parted by commas or semicolons."""
    draft = read_document(_document(tmp_path, [line], above=above))
    assert draft.actors == ["Pemohon", "Petugas Layanan Arsip", "Kepala Seksi Layanan Arsip", "Kepala Bidang Kearsipan"]


def test_a_legend_spelling_one_out_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SopImportError) as caught:
        read_document(_document(tmp_path, [*LEGEND, "Kasi = Kepala Seksi Pengolahan"]))
    assert ("the legend of the actors spells the actor column “Kasi” out twice: as “Kepala Seksi Layanan Arsip” "
            "and as “Kepala Seksi Pengolahan”") in str(caught.value)
