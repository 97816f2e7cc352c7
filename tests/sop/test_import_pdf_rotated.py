"""A PDF whose Pelaksana columns are narrow, the actors' names printed turned a quarter (bottom to top or top
to bottom, as Word prints a cell's text direction), one name over two lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.sop.importers import read_document

from .pdfs import write_pdf

ACTORS = ["Pemohon", "Petugas Loket Pelayanan", "Kepala Seksi", "Kepala Dinas"]
CSS = ("@page { size: A4 landscape; margin: 1.5cm } body { font-family: 'DejaVu Sans'; font-size: 9pt }"
       "table { border-collapse: collapse } td, th { border: 0.75pt solid black; vertical-align: top; padding: 3pt }")
# The turned name in a box as high as the cell and as wide as the cell is high, turned about its corner.
TURNS = {"upward": "top: 3cm; left: 0; transform: rotate(-90deg)", "downward": "top: 0; left: 1cm; transform: rotate(90deg)"}


def _html(turn: str) -> str:
    names = "".join(f"<th style='height: 3cm; width: 1cm; padding: 0; position: relative'><div style='position: absolute; "
                    f"{TURNS[turn]}; transform-origin: 0 0; width: 3cm; height: 1cm; text-align: center'>{a}</div></th>"
                    for a in ACTORS)
    head = ("<tr><th rowspan=2>No</th><th rowspan=2>Uraian Prosedur</th><th colspan=4>Pelaksana</th>"
            f"<th colspan=3>Mutu Baku</th><th rowspan=2>Ket</th></tr><tr>{names}<th>Kelengkapan</th><th>Waktu</th>"
            "<th>Output</th></tr>")
    body = "".join(f"<tr><td>{i}</td><td>Langkah {i} memeriksa berkas</td>"
                   + "".join(f"<td>{'X' if j == (i - 1) % 4 else ''}</td>" for j in range(4))
                   + f"<td>berkas</td><td>{i * 5} menit</td><td>hasil {i}</td><td></td></tr>" for i in range(1, 6))
    return (f"<style>{CSS}</style><p>DINAS KOPERASI DAN UKM</p><p>Nomor SOP : 1/SOP/2025</p>"
            f"<p>Nama SOP : UJI NAMA TERPUTAR</p><table>{head}{body}</table>")


@pytest.mark.parametrize("turn", sorted(TURNS))
def test_turned_actor_names_are_read_along_their_lines(tmp_path: Path, turn: str) -> None:
    draft = read_document(write_pdf(tmp_path, _html(turn)))
    assert draft.actors == ACTORS
    assert [s.actor for s in draft.steps] == [*ACTORS, ACTORS[0]]
