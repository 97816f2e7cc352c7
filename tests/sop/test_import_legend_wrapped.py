"""A legend of the actors written on one line ("Keterangan: Pmh = Pemohon, …, Kabid = Kepala Bidang Kearsipan") and
wrapped by the width of its column or cell over several lines: its last entry is read whole in a PDF, a text copy, a
Word document and a workbook, wherever the layout cut it (in the name, after the "=", in the abbreviation). It was
cut ("Kepala") or lost, the actor column staying the bare abbreviation; a PDF dropped the wrapped line above the
table. A line under the legend that is no rest of it (a signature, a date) is not taken into the last name."""

from __future__ import annotations

from html import escape
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest

from kinerja.sop.importers import read_document

from .pdfs import write_pdf

pytestmark = pytest.mark.usefixtures("english")

SHORT = ["Pmh", "Ptgs", "Kasubbag TU", "Kabid"]
ACTORS = ["Pemohon", "Petugas Layanan Arsip", "Kepala Subbagian Tata Usaha", "Kepala Bidang Kearsipan"]
STEPS = [("Mengisi formulir peminjaman arsip", 0), ("Memeriksa formulir dan mencari arsip", 1),
         ("Memverifikasi izin akses arsip", 2), ("Menyetujui peminjaman", 3), ("Menyerahkan arsip kepada peminjam", 1)]
IDENTITY = [("Nomor SOP", "045/01/SOP/2025"), ("Tanggal Pembuatan", "6 Januari 2025"), ("Tanggal Revisi", "-"),
            ("Tanggal Efektif", "3 Februari 2025"), ("Disahkan oleh", "KEPALA DINAS PERPUSTAKAAN DAN KEARSIPAN"),
            ("Nama SOP", "PEMINJAMAN ARSIP STATIS")]
HEAD = "Keterangan: Pmh = Pemohon, Ptgs = Petugas Layanan Arsip, "
# The one-line legend as the layout wraps it: the last entry cut in its name, after its "=", twice, and in its
# abbreviation ("Kasubbag" above "TU = …", the entry before the last).
WRAPS = {
    "in the name": [HEAD + "Kasubbag TU = Kepala Subbagian Tata Usaha, Kabid = Kepala", "Bidang Kearsipan"],
    "after the =": [HEAD + "Kasubbag TU = Kepala Subbagian Tata Usaha, Kabid =", "Kepala Bidang Kearsipan"],
    "over three lines": [HEAD + "Kasubbag TU = Kepala Subbagian Tata Usaha,", "Kabid = Kepala Bidang",
                         "Kearsipan"],
    "before the =": [HEAD + "Kasubbag TU = Kepala Subbagian Tata Usaha, Kabid", "= Kepala Bidang Kearsipan"],
    "in the abbreviation": [HEAD + "Kasubbag", "TU = Kepala Subbagian Tata Usaha, Kabid = Kepala", "Bidang Kearsipan"],
}
SIGNATURE = ["Ditetapkan di Kota Metro", "pada tanggal 6 Januari 2025", "KEPALA DINAS PERPUSTAKAAN DAN KEARSIPAN,"]


def _rows() -> list[list[str]]:
    rows = [["No", "Kegiatan", "Pelaksana", "", "", "", "Mutu Baku", "", "", "Keterangan"],
            ["", "", *SHORT, "Kelengkapan", "Waktu", "Output", ""]]
    for n, (text, who) in enumerate(STEPS, start=1):
        mark = "Mulai" if n == 1 else "Selesai" if n == len(STEPS) else "X"
        rows.append([str(n), text, *(mark if a == who else "" for a in range(len(SHORT))), "Formulir", "15 menit",
                     f"hasil {n}", ""])
    return rows


def _text(folder: Path, legend: list[str], above: bool) -> Path:
    lines = ["PEMERINTAH KOTA METRO", "DINAS PERPUSTAKAAN DAN KEARSIPAN", "",
             *(f"{label}\t: {value}" for label, value in IDENTITY), ""]
    table = ["\t".join(row) for row in _rows()]
    lines += [*legend, "", *table] if above else [*table, "", *legend, *SIGNATURE]
    path = folder / "pinjam.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _docx(folder: Path, legend: list[str], above: bool) -> Path:
    """The legend in one paragraph, its lines parted by line breaks (as a PDF converted to Word keeps the
    wrapping), above the table; under it, in the one cell of a table of its own."""
    document = docx.Document()
    for line in ["PEMERINTAH KOTA METRO", "DINAS PERPUSTAKAAN DAN KEARSIPAN"]:
        document.add_paragraph(line)
    identity = document.add_table(rows=len(IDENTITY), cols=2)
    for r, (label, value) in enumerate(IDENTITY):
        identity.cell(r, 0).text, identity.cell(r, 1).text = label, value
    if above:
        document.add_paragraph("\n".join(legend))
    rows = _rows()
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    if not above:
        document.add_paragraph("")
        document.add_table(rows=1, cols=1).cell(0, 0).text = "\n".join(legend)
        for line in SIGNATURE:
            document.add_paragraph(line)
    path = folder / "pinjam.docx"
    document.save(str(path))
    return path


def _xlsx(folder: Path, legend: list[str], above: bool) -> Path:
    """The legend in one cell, its lines parted by Alt+Enter."""
    book = openpyxl.Workbook()
    sheet = book.active
    lines = [["PEMERINTAH KOTA METRO"], ["DINAS PERPUSTAKAAN DAN KEARSIPAN"], [],
             *([label, f": {value}"] for label, value in IDENTITY), []]
    table = _rows()
    lines += [["\n".join(legend)], [], *table] if above else [*table, [], ["\n".join(legend)],
                                                               *([line] for line in SIGNATURE)]
    for r, row in enumerate(lines, start=1):
        for c, value in enumerate(row, start=1):
            if value:
                sheet.cell(row=r, column=c, value=value)
    path = folder / "pinjam.xlsx"
    book.save(path)
    return path


CSS = """
@page { size: A4 landscape; margin: 1.5cm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 0.75pt solid black; padding: 3pt; vertical-align: top; }
"""


def _pdf(folder: Path, legend: list[str], above: bool, *, width: str | None = None) -> Path:
    """The legend's lines as the page wraps it (`width`: the paragraph that wide, wrapped by WeasyPrint instead),
    above the table, or under it in the one cell of a bordered table."""
    text = " ".join(legend) if width else "<br>".join(escape(line) for line in legend)
    identity = "<table>" + "".join(f"<tr><td style='width: 25%'>{label}</td><td>{escape(value)}</td></tr>"
                                   for label, value in IDENTITY) + "</table>"
    rows = _rows()
    head = ("<tr><th rowspan=2>No</th><th rowspan=2 style='width: 28%'>Kegiatan</th>"
            f"<th colspan={len(SHORT)}>Pelaksana</th><th colspan=3>Mutu Baku</th><th rowspan=2>Keterangan</th></tr>"
            "<tr>" + "".join(f"<th>{name}</th>" for name in SHORT) + "<th>Kelengkapan</th><th>Waktu</th><th>Output</th>"
            "</tr>")
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows[2:])
    table = f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"
    paragraph = f"<p style='width: {width or '100%'}'>{text}</p>"
    if above:
        html = f"<p>PEMERINTAH KOTA METRO<br>DINAS PERPUSTAKAAN DAN KEARSIPAN</p>{identity}{paragraph}{table}"
    else:
        html = (f"<p>PEMERINTAH KOTA METRO<br>DINAS PERPUSTAKAAN DAN KEARSIPAN</p>{identity}<br>{table}<br>"
                f"<table><tr><td style='width: {width or '100%'}'>{text}</td><td></td></tr></table>"
                + "".join(f"<p>{escape(line)}</p>" for line in SIGNATURE))
    return write_pdf(folder, f"<html lang=id><head><style>{CSS}</style></head><body>{html}</body></html>", "pinjam.pdf")


WRITERS = {"pdf": _pdf, "txt": _text, "docx": _docx, "xlsx": _xlsx}


@pytest.mark.parametrize("above", [False, True], ids=["below", "above"])
@pytest.mark.parametrize("cut", list(WRAPS))
@pytest.mark.parametrize("kind", list(WRITERS))
def test_the_wrapped_legend_s_last_entry_is_read_whole(tmp_path: Path, kind: str, cut: str, above: bool) -> None:
    draft = read_document(WRITERS[kind](tmp_path, WRAPS[cut], above))
    assert draft.actors == ACTORS
    assert [s.actor for s in draft.steps] == [ACTORS[who] for _text, who in STEPS]
    assert not any("Kearsipan" in line and "Bidang" not in line for line in draft.lines)


@pytest.mark.parametrize("above", [False, True], ids=["below", "above"])
@pytest.mark.parametrize("width", ["20%", "40%", "72%", "84%"])
def test_a_legend_the_pdf_wraps_by_its_width_keeps_its_last_entry(tmp_path: Path, width: str, above: bool) -> None:
    """WeasyPrint wraps the one-line legend where the width ends: the last name runs onto the next line."""
    path = _pdf(tmp_path, [HEAD + "Kasubbag TU = Kepala Subbagian Tata Usaha, Kabid = Kepala Bidang Kearsipan"],
                above, width=width)
    with pdfplumber.open(str(path)) as pdf:
        lines = pdf.pages[0].extract_text().splitlines()
    assert not any("Kabid = Kepala Bidang Kearsipan" in line for line in lines)  # the layout did wrap the last entry
    assert read_document(path).actors == ACTORS


@pytest.mark.parametrize("kind", list(WRITERS))
def test_a_complete_legend_takes_no_line_under_it_into_its_last_name(tmp_path: Path, kind: str) -> None:
    """The signature under a legend whose last line ends its last entry ("Ditetapkan di …", a date, a position
    ending with a comma) is no rest of the name."""
    draft = read_document(WRITERS[kind](tmp_path, [HEAD + "Kasubbag TU = Kepala Subbagian Tata Usaha, Kabid = Kepala "
                                                   "Bidang Kearsipan"], False))
    assert draft.actors == ACTORS


@pytest.mark.parametrize("kind", list(WRITERS))
def test_a_legend_of_a_line_per_entry_takes_no_line_under_it(tmp_path: Path, kind: str) -> None:
    """A legend of a line per entry ends with its last line: a line under it is no rest of the last name."""
    legend = ["Keterangan:", "Pmh = Pemohon", "Ptgs = Petugas Layanan Arsip", "Kasubbag TU = Kepala Subbagian Tata Usaha",
              "Kabid = Kepala Bidang Kearsipan", "Arsip dipinjam paling lama tujuh hari kerja"]
    assert read_document(WRITERS[kind](tmp_path, legend, False)).actors == ACTORS
