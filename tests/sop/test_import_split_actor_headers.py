"""A Word SOP whose Pelaksana header is written over two rows under "Pelaksana" ("Kepala" above "Seksi", "Kepala"
above "Dinas", or one "Kepala" merged over both), one actor's name merged down over both rows ("Pegawai"), and its
Mutu Baku in another order (Waktu before Kelengkapan): the actors are the whole names, not "Seksi" and "Dinas"."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import pytest

from kinerja.sop.importers import read_document

from .tryouts import _merge

pytestmark = pytest.mark.usefixtures("english")

STEPS = [("Mengajukan permohonan cuti", 0, "Formulir cuti", "10 menit", "Permohonan"),
         ("Memeriksa permohonan dan meneruskan kepada Kepala Dinas", 1, "Permohonan", "1 hari", "Paraf"),
         ("Menandatangani surat cuti", 2, "Draf surat", "2 hari", "Surat cuti")]


def _sop(folder: Path, *, merged_head: bool, beside: str = "Pegawai") -> Path:
    document = docx.Document()
    identity = document.add_table(rows=3, cols=2)
    for r, (label, value) in enumerate([("NOMOR SOP", "800/12/SOP/2025"), ("TANGGAL EFEKTIF", "2 Januari 2025"),
                                        ("NAMA SOP", "PELAYANAN SURAT CUTI")]):
        identity.cell(r, 0).text, identity.cell(r, 1).text = label, value
    document.add_paragraph("")
    table = document.add_table(rows=3 + len(STEPS), cols=9)
    _merge(table, 0, 0, 2, 0, "No")
    _merge(table, 0, 1, 2, 1, "Kegiatan")
    _merge(table, 0, 2, 0, 4, "Pelaksana")
    _merge(table, 0, 5, 0, 7, "Mutu Baku")
    _merge(table, 0, 8, 2, 8, "Ket")
    _merge(table, 1, 2, 2, 2, beside)
    if merged_head:
        _merge(table, 1, 3, 1, 4, "Kepala")
    else:
        table.cell(1, 3).text = table.cell(1, 4).text = "Kepala"
    table.cell(2, 3).text, table.cell(2, 4).text = "Seksi", "Dinas"
    _merge(table, 1, 5, 2, 5, "Waktu")
    _merge(table, 1, 6, 2, 6, "Kelengkapan")
    _merge(table, 1, 7, 2, 7, "Output")
    for n, (activity, who, inputs, time, output) in enumerate(STEPS, start=1):
        row = table.rows[2 + n].cells
        row[0].text, row[1].text, row[2 + who].text = f"{n}.", activity, "X"
        row[5].text, row[6].text, row[7].text = time, inputs, output
    path = folder / "sop-cuti.docx"
    document.save(path)
    return path


@pytest.mark.parametrize("merged_head", [False, True])
@pytest.mark.parametrize("beside", ["Pegawai", "Sekretaris"])
def test_an_actor_named_over_two_header_rows_is_the_whole_name(tmp_path: Path, merged_head: bool, beside: str) -> None:
    draft = read_document(_sop(tmp_path, merged_head=merged_head, beside=beside))
    assert draft.actors == [beside, "Kepala Seksi", "Kepala Dinas"]
    assert [s.actor for s in draft.steps] == draft.actors
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [
        (Decimal(10), "minute"), (Decimal(1), "day"), (Decimal(2), "day")]
    assert [(s.inputs, s.output) for s in draft.steps] == [(i, o) for _a, _w, i, _t, o in STEPS]
