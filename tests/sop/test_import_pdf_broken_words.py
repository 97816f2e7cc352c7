"""A PDF SOP whose narrow Pelaksana columns break the actors' names across lines, as Word and browsers print a
name too long for its column: hyphenated ("Kasub-" above "bag"; WeasyPrint and LibreOffice print U+2010) or
broken where the line is full, without a hyphen ("Bendah" above "ara"). The names and step texts come out whole;
they were "Kasub‐ bag Umum" and "Bendah ara", actors no position of the office is named. A compound wrapped at its
hyphen keeps it ("bidang-bidang"), and a wrap between two words of a narrow Ket. column stays a wrap."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.sop.importers import read_document
from kinerja.sop.importers.readers import _join_lines

from .pdfs import CSS, write_pdf

pytestmark = pytest.mark.usefixtures("english")

# The actors' names with the places the layout may break them (a soft hyphen), and each column's width.
ACTORS = [("Kasub&shy;bag Umum", "7%"), ("Sekre&shy;taris", "5%"), ("Kepala Dinas", "9%"), ("Bendahara", "4%")]
STEPS = [("Menerima dan mencatat surat masuk dalam buku agenda", "15 menit", 0, ""),
         ("Menelaah surat dan mem&shy;berikan disposisi kepada bidang-bidang", "1 jam", 1, ""),
         ("Memeriksa dan menandatangani surat tugas", "1 Hari", 2, "Tidak: kembali ke langkah 2"),
         ("Membayarkan uang perjalanan dinas", "2 jam", 3, "")]


def _sop(tmp_path: Path, *, hyphens: bool = True, numbering: str = "1") -> Path:
    """`numbering`: how the No. column writes step 1 ("1", "1)", "(1)", "a.")."""
    actors = [(name if hyphens else name.replace("&shy;", ""), width) for name, width in ACTORS]
    head = ("<tr><th rowspan=2>No</th><th rowspan=2 style='width: 20%'>Kegiatan</th><th colspan=4>Pelaksana</th>"
            "<th colspan=3>Mutu Baku</th><th rowspan=2 style='width: 5%'>Ket</th></tr><tr>"
            + "".join(f"<th style='width: {width}'>{name}</th>" for name, width in actors)
            + "<th>Kelengkapan</th><th>Waktu</th><th>Output</th></tr>")
    body = "".join(f"<tr><td>{_label(numbering, n)}</td><td>{text}</td>"
                   + "".join(f"<td>{'X' if a == who else ''}</td>" for a in range(4))
                   + f"<td>surat</td><td>{time}</td><td>hasil {n}</td><td>{note}</td></tr>"
                   for n, (text, time, who, note) in enumerate(STEPS, start=1))
    identity = ("<table><tr><td>NOMOR SOP</td><td>094/07/SOP/2025</td></tr><tr><td>TANGGAL EFEKTIF</td>"
                "<td>2 Januari 2025</td></tr><tr><td>NAMA SOP</td><td>PEMBAYARAN PERJALANAN DINAS</td></tr></table><br>")
    # Headers break a word too long for its column anywhere, as Word does.
    html = (f"<html lang=id><head><style>{CSS} th {{ overflow-wrap: anywhere; }}</style></head><body>{identity}"
            f"<table><thead>{head}</thead><tbody>{body}</tbody></table></body></html>")
    return write_pdf(tmp_path, html, "perjalanan-dinas.pdf")


def _label(numbering: str, n: int) -> str:
    return numbering.replace("a", chr(ord("a") + n - 1)) if "a" in numbering else numbering.replace("1", str(n))


@pytest.mark.parametrize("numbering", ["1)", "(1)", "a."])
def test_the_actors_of_a_table_numbered_otherwise_come_out_whole(tmp_path: Path, numbering: str) -> None:
    # The header's rows are those above the first step's, however the No. column writes its number.
    draft = read_document(_sop(tmp_path, hyphens=False, numbering=numbering))
    assert draft.actors == ["Kasubbag Umum", "Sekretaris", "Kepala Dinas", "Bendahara"]
    assert [s.actor for s in draft.steps] == draft.actors


@pytest.mark.parametrize("hyphens", [True, False])
def test_the_actors_broken_across_lines_come_out_whole(tmp_path: Path, hyphens: bool) -> None:
    draft = read_document(_sop(tmp_path, hyphens=hyphens))
    assert draft.actors == ["Kasubbag Umum", "Sekretaris", "Kepala Dinas", "Bendahara"]
    assert [s.actor for s in draft.steps] == draft.actors


def test_the_steps_come_out_whole(tmp_path: Path) -> None:
    draft = read_document(_sop(tmp_path))
    assert [s.activity for s in draft.steps] == [text.replace("&shy;", "") for text, *_rest in STEPS]
    assert draft.steps[2].returns_to == [2]


@pytest.mark.parametrize(("lines", "text"), [
    (["Kasub-", "bag"], "Kasubbag"), (["Sekre\u2010", "taris"], "Sekretaris"), (["Undang-", "Undang"], "Undang-Undang"),
    (["bidang-", "bidang"], "bidang-bidang"), (["sehari-", "hari"], "sehari-hari"), (["b-", "bag"], "bbag"),
    (["non-", "PNS"], "non-PNS"), (["Kepala", "Dinas"], "Kepala\nDinas"),
])
def test_a_wrap_at_a_hyphen_joins_a_word_and_keeps_a_compound(lines: list[str], text: str) -> None:
    assert _join_lines(["\n".join(lines)]) == text
