"""A step's activity written over several lines of its cell (Word paragraphs, Excel's Alt+Enter, a PDF's lines) or
over two rows of the table reads as a reader reads it: a line that is a sentence of its own ends with a full stop
("Menerima berkas" over "Memeriksa kelengkapan" → "Menerima berkas. Memeriksa kelengkapan"), a line that only
wraps joins with a space ("kepada" over "Kasubbag", "surat" over "Disposisi", "Kepala" over "Dinas"), in every
format alike."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from kinerja.sop.importers import read_document
from kinerja.sop.importers.table import activity_text, join_sentences

from .documents import sop_text, write
from .pdfs import ACTORS as PDF_ACTORS
from .pdfs import sop_html, write_pdf
from .tryouts import _set

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Kasi", "Kepala Bidang"]
# (the cell's lines, the activity read)
ACTIVITIES = [
    (["Menerima berkas", "Memeriksa kelengkapan"], "Menerima berkas. Memeriksa kelengkapan"),
    (["Menyampaikan berkas kepada", "Kepala Bidang untuk diperiksa"],
     "Menyampaikan berkas kepada Kepala Bidang untuk diperiksa"),
    (["Memeriksa berkas;", "Meneruskan kepada Kasi"], "Memeriksa berkas; Meneruskan kepada Kasi"),
    (["Menerima surat", "Disposisi dari Kepala Bidang"], "Menerima surat Disposisi dari Kepala Bidang"),
    (["Memeriksa draf", "Apabila sesuai, memaraf draf"], "Memeriksa draf. Apabila sesuai, memaraf draf"),
    (["Menandatangani surat izin", "Diteruskan kepada Kasi"], "Menandatangani surat izin. Diteruskan kepada Kasi"),
    (["Memverifikasi data pemohon dan", "mencetak tanda terima"], "Memverifikasi data pemohon dan mencetak tanda terima"),
    (["Menyerahkan kepada Kepala", "Dinas Kesehatan"], "Menyerahkan kepada Kepala Dinas Kesehatan"),
    (["Menerima", "Berkas permohonan"], "Menerima Berkas permohonan"),
]


@pytest.mark.parametrize(("lines", "read"), ACTIVITIES)
def test_the_lines_of_a_cell_join_as_a_reader_reads_them(lines: list[str], read: str) -> None:
    assert activity_text("\n".join(lines)) == read


# A wrap before a capitalised word of a verb's prefix that is no verb: a preposition, an agency's short name, a noun;
# or after a word that asks for more ("ke"). A space, never a full stop in the middle of a sentence.
@pytest.mark.parametrize(("cell", "read"), [
    ("Menyerahkan izin kepada pemohon\nMelalui petugas loket", "Menyerahkan izin kepada pemohon Melalui petugas loket"),
    ("Meminta rekomendasi teknis\nDispertan Kabupaten", "Meminta rekomendasi teknis Dispertan Kabupaten"),
    ("Mengirim berkas kepada pimpinan\nDitjen Pajak", "Mengirim berkas kepada pimpinan Ditjen Pajak"),
    ("Menyampaikan surat ke\nDitjen Pajak", "Menyampaikan surat ke Ditjen Pajak"),
    ("Menyusun laporan kegiatan\nBerdasarkan hasil monitoring", "Menyusun laporan kegiatan Berdasarkan hasil monitoring"),
    ("Melakukan tindak lanjut\nTerhadap temuan audit", "Melakukan tindak lanjut Terhadap temuan audit"),
    ("Mengirim surat kepada\nDirektur Utama", "Mengirim surat kepada Direktur Utama"),
    ("Meminta data\nDisdik Kota", "Meminta data Disdik Kota"),
    ("Meminta data\nDiskominfo", "Meminta data Diskominfo"),
    ("Meminta data\nDINAS", "Meminta data DINAS"),
    ("Menerima berkas\nDiproses oleh Kasi", "Menerima berkas. Diproses oleh Kasi"),
    ("Menerima berkas\nMenyerahkan kepada Kasi", "Menerima berkas. Menyerahkan kepada Kasi"),
    ("Menerima berkas\nBerkoordinasi dengan Kasi", "Menerima berkas. Berkoordinasi dengan Kasi"),
])
def test_a_wrap_before_a_word_of_a_verbs_prefix_that_is_no_verb_stays_a_space(cell: str, read: str) -> None:
    assert activity_text(cell) == read


def test_a_sub_step_keeps_its_line() -> None:
    assert activity_text("Memeriksa berkas:\na. KTP;\nb. KK") == "Memeriksa berkas:\na. KTP;\nb. KK"
    assert join_sentences("Menerima berkas.", "Memeriksa kelengkapan") == "Menerima berkas. Memeriksa kelengkapan"


# The document's steps: each activity's lines, then the last step's one line.
STEPS = [lines for lines, _read in ACTIVITIES] + [["Menyelesaikan proses"]]
READ = [read for _lines, read in ACTIVITIES] + ["Menyelesaikan proses"]


def _text(joint: str) -> str:
    """The SOP with each activity's lines joined by `joint` (a placeholder the builders turn into line breaks)."""
    steps = [(joint.join(lines), "1 jam", ACTORS[i % 2]) for i, lines in enumerate(STEPS)]
    return sop_text(ACTORS, steps)


def _docx(path: Path) -> Path:
    """The SOP in Word: the identity as a two-column table, the procedure table's cells with a paragraph a line."""
    identity, _, procedure = _text("¶").partition("\nNo.")
    document = docx.Document()
    rows = [line.split("\t") for line in identity.splitlines() if "\t" in line]
    table = document.add_table(rows=len(rows), cols=2)
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells[:2]):
            table.cell(r, c).text = value
    rows = [line.split("\t") for line in ("No." + procedure).splitlines()]
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            _set(table.cell(r, c), value.replace("¶", "\n"))
    document.save(path)
    return path


def _xlsx(path: Path, *, rows: bool = False) -> Path:
    """The SOP in Excel: a line of a cell as Alt+Enter writes it, or (`rows`) each line on a row of its own."""
    book = openpyxl.Workbook()
    sheet = book.active
    r = 0
    for line in _text("¶").splitlines():
        cells = line.split("\t")
        parts = cells[1].split("¶") if rows and len(cells) > 1 and cells[0].isdigit() else [None]
        r += 1
        for c, value in enumerate(cells, start=1):
            if value:
                sheet.cell(row=r, column=c, value=parts[0] if parts[0] is not None and c == 2 else
                           value.replace("¶", "\n"))
        for part in parts[1:]:
            r += 1
            sheet.cell(row=r, column=2, value=part)
    book.save(path)
    return path


@pytest.mark.parametrize("form", ["docx", "xlsx", "xlsx-rows", "txt-rows"])
def test_each_format_joins_an_activitys_lines_alike(tmp_path: Path, form: str) -> None:
    if form == "docx":
        path = _docx(tmp_path / "sop.docx")
    elif form == "xlsx":
        path = _xlsx(tmp_path / "sop.xlsx")
    elif form == "xlsx-rows":
        path = _xlsx(tmp_path / "sop.xlsx", rows=True)
    else:  # a text copy whose step goes on over the next line, its other cells empty
        lines = []
        for line in _text("¶").splitlines():
            cells = line.split("\t")
            first, *more = cells[1].split("¶") if len(cells) > 1 and cells[0].isdigit() else [None]
            if first is None:
                lines.append(line)
                continue
            lines.append("\t".join([cells[0], first, *cells[2:]]))
            lines += ["\t" + part + "\t" * (len(cells) - 2) for part in more]
        path = write(tmp_path, "\n".join(lines) + "\n")
    draft = read_document(path)
    assert [s.activity for s in draft.steps] == READ


def test_a_pdf_joins_an_activitys_lines_alike(tmp_path: Path) -> None:
    steps = [("¶".join(lines), "1 jam", PDF_ACTORS[i % 2], f"hasil {i}") for i, lines in enumerate(STEPS)]
    path = write_pdf(tmp_path, sop_html(steps).replace("¶", "<br>"))
    draft = read_document(path)
    assert [s.activity for s in draft.steps] == READ
