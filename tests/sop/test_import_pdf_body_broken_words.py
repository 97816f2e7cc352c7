"""A PDF SOP whose narrow Kegiatan column breaks the steps' words: hyphenated, even twice in one word ("Kasub‐" above
"bag‐" above "umum"), or broken where the line is full, without a hyphen, as Word and browsers break a word longer
than its column ("Memeriks" above "a"; "menyam" above "paikan" where "menyampaikan" is written elsewhere in the
table). The words come out whole; a wrap between two words ("Menerima" above "surat", a full line too) stays a
space; so does a break with no such evidence. They read "Memeriks a surat", "Kasubbag‐ umum"."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.sop.importers import read_document
from kinerja.sop.importers.readers import _join_lines

from .pdfs import CSS, write_pdf

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Kasubbag Umum", "Sekretaris", "Kepala Dinas"]
# (activity, with the places the layout may hyphenate a word; its actor's column)
STEPS = [("Menerima surat dan menyampaikan kepada Kasub&shy;bag&shy;umum", 0),
         ("Memeriksa surat dari Kasubbag Umum lalu meneruskan kepada Sekre&shy;taris", 0),
         ("Menandatangani surat keputusan Kepaladinas", 2)]


def _sop(tmp_path: Path, width: str, steps: list[tuple[str, int]] = STEPS,
         outputs: dict[int, str] | None = None) -> Path:
    outputs = outputs or {}
    head = (f"<tr><th rowspan=2>No</th><th rowspan=2 style='width: {width}'>Kegiatan</th><th colspan=3>Pelaksana</th>"
            "<th colspan=3>Mutu Baku</th><th rowspan=2 style='width: 6%'>Ket</th></tr><tr>"
            + "".join(f"<th>{a}</th>" for a in ACTORS) + "<th>Kelengkapan</th><th>Waktu</th><th>Output</th></tr>")
    body = "".join(f"<tr><td>{n}</td><td>{text}</td>" + "".join(f"<td>{'X' if a == who else ''}</td>" for a in range(3))
                   + f"<td>surat</td><td>1 jam</td><td>{outputs.get(n, f'hasil {n}')}</td><td></td></tr>"
                   for n, (text, who) in enumerate(steps, start=1))
    identity = ("<table><tr><td>NOMOR SOP</td><td>094/07/SOP/2025</td></tr><tr><td>TANGGAL EFEKTIF</td>"
                "<td>2 Januari 2025</td></tr><tr><td>NAMA SOP</td><td>PENERBITAN SURAT KEPUTUSAN</td></tr></table><br>")
    # The body's cells break a word too long for the column anywhere, as Word does.
    html = (f"<html lang=id><head><style>{CSS} td {{ overflow-wrap: anywhere; }}</style></head><body>{identity}"
            f"<table><thead>{head}</thead><tbody>{body}</tbody></table></body></html>")
    return write_pdf(tmp_path, html, "surat-keputusan.pdf")


@pytest.mark.parametrize("width", ["4%", "5%", "6%", "20%"])
def test_the_words_of_a_narrow_kegiatan_column_come_out_whole(tmp_path: Path, width: str) -> None:
    # A word broken without a hyphen is whole only where the whole word is written elsewhere in the table (here the
    # Outputs) or the rest is a letter or three: without that, a space is kept (see below).
    draft = read_document(_sop(tmp_path, width, outputs={1: "menyampaikan", 3: "Menandatangani"}))
    assert [s.activity for s in draft.steps] == [text.replace("&shy;", "") for text, _who in STEPS]
    assert [s.actor for s in draft.steps] == ["Kasubbag Umum", "Kasubbag Umum", "Kepala Dinas"]


def test_a_word_hyphenated_twice_is_whole() -> None:
    assert _join_lines(["Kasub\u2010\nbag\u2010\numum"]) == "Kasubbagumum"
    assert _join_lines(["Kasub-\nbag"]) == "Kasubbag"


# A wrap between two words each written once in the table, in a column as wide as the first word: two words.
WRAPPED = [("Menerima surat masuk", 0), ("Mengarsipkan dokumen", 0), ("Menandatangani keputusan", 2)]


@pytest.mark.parametrize("width", ["8%", "9%", "10%", "11%", "12%", "14%"])
def test_a_wrap_between_two_words_written_once_stays_a_space(tmp_path: Path, width: str) -> None:
    # "Menandatangani", broken where 8 % or 9 % is full, is whole where the word is written elsewhere.
    draft = read_document(_sop(tmp_path, width, WRAPPED, outputs={3: "Menandatangani"}))
    assert [s.activity for s in draft.steps] == [text for text, _who in WRAPPED]
