"""SOP AP tables printed to PDF without ruling lines (the text aligned in columns only): read from the
words' positions, the columns taken from the header, the same as the ruled print; refused naming the file
and page when the header is there but its columns or steps cannot be told apart."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from kinerja.sop.importers import SopImportError, read_document

from .pdfs import ACTORS, ALL_BLOCKS, check_identity, identity_html, sop_html, step_texts, write_pdf
from .test_import_pdf import check_header, check_repeated_page_top, check_steps

pytestmark = pytest.mark.usefixtures("english")

# No border, no shading: nothing on the page but text.
UNRULED = "td, th { border: none; padding: 3pt; vertical-align: top; }"


def unruled(html: str, *, align: str = "center") -> str:
    html = html.replace("td, th { border: 0.75pt solid black; padding: 3pt; vertical-align: top; }", UNRULED)
    html = html.replace("th { background: #eee; }", f"th {{ text-align: {align}; }}")
    assert "solid" not in html and "background" not in html
    return html


def drawn_lines(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return sum(len(page.edges) for page in pdf.pages)


@pytest.mark.parametrize("identity", ["table", "lines"])
@pytest.mark.parametrize("repeat_header", [True, False])
def test_a_table_without_ruling_lines_over_pages_reads_like_the_ruled_one(tmp_path: Path, identity: str,
                                                                          repeat_header: bool) -> None:
    steps = step_texts(14, long=True)
    path = write_pdf(tmp_path, unruled(sop_html(steps, identity=identity, repeat_header=repeat_header)))
    assert drawn_lines(path) == 0
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 2
    check_steps(read_document(path), steps)


@pytest.mark.parametrize("repeat_header", [True, False])
def test_cells_centred_in_their_rows_are_read_with_their_step(tmp_path: Path, repeat_header: bool) -> None:
    """Every cell centred vertically: the number stands level with the middle of the step's text, so a
    step's first lines are above it; the widest gap, not the number's line, parts two steps."""
    steps = step_texts(14, long=True)
    html = unruled(sop_html(steps, repeat_header=repeat_header)).replace("vertical-align: top", "vertical-align: middle")
    path = write_pdf(tmp_path, html)
    draft = read_document(path)
    # The identity block's cells centred too: the letterhead between the fields' lines, "DISAHKAN OLEH"
    # level with the second line of its value, the two blocks' labels and items on different lines.
    check_header(draft)
    assert [(s.number, s.activity, s.actor, s.output) for s in draft.steps] == [
        (n, a, actor, o) for n, (a, _t, actor, o) in enumerate(steps, start=1)]
    assert [s.duration_value for s in draft.steps] == [Decimal(5 * i) for i in range(1, 15)]


@pytest.mark.parametrize("letterhead", ["top", "middle", "bottom"])
@pytest.mark.parametrize("cells", ["top", "middle", "bottom"])
def test_the_identity_block_reads_however_its_cells_align(tmp_path: Path, letterhead: str, cells: str) -> None:
    """The letterhead's four lines left of the fields, at the top of its cell, centred or at its foot,
    so that its lines stand level with some fields' lines, between two of them or below the last; the
    fields' and blocks' cells aligned as `cells` (a label level with the middle of a value of three
    lines); Tanggal Revisi empty, Nama SOP and the laws wrapped."""
    html = unruled(sop_html(step_texts(4), identity=identity_html(letterhead=letterhead, cells=cells)))
    path = write_pdf(tmp_path, html)
    assert drawn_lines(path) == 0
    draft = read_document(path)
    check_identity(draft)
    assert [s.activity for s in draft.steps] == [a for a, _t, _actor, _o in step_texts(4)]


@pytest.mark.parametrize("cells", ["top", "middle", "bottom"])
@pytest.mark.parametrize("first", ["legal_basis", "related_sops"])
def test_blocks_whose_labels_stand_beside_their_items_are_read(tmp_path: Path, cells: str, first: str) -> None:
    """"Dasar Hukum  :  1. … 2. … 3. …" a row per block: a label centred or at the foot of its row
    stands level with its second or last item, its first items above it; the first block of three
    items, or of one (its label level with it, the next blocks' items above their labels all the same)."""
    order = [first, *(key for key in ALL_BLOCKS if key != first)]
    html = unruled(sop_html(step_texts(4), identity=identity_html(letterhead="middle", cells=cells, blocks="beside",
                                                                  order=order)))
    check_identity(read_document(write_pdf(tmp_path, html)))


def test_a_value_written_as_a_paragraph_wraps_under_the_labels(tmp_path: Path) -> None:
    """The identity as lines of text ("NAMA SOP      : PELAYANAN …"): a long name wraps to the left
    margin, under the labels; the line is the name's, not a field of its own."""
    name = ("PELAYANAN SURAT KETERANGAN USAHA BAGI USAHA MIKRO DAN KECIL DI WILAYAH KECAMATAN TELUK BETUNG UTARA "
            "KOTA BANDAR LAMPUNG PROVINSI LAMPUNG")
    html = sop_html(step_texts(4), identity="lines")
    assert html.count("PELAYANAN SURAT KETERANGAN USAHA<") == 1
    draft = read_document(write_pdf(tmp_path, html.replace("PELAYANAN SURAT KETERANGAN USAHA<", f"{name}<")))
    assert draft.name == name
    assert (draft.number, draft.approved_by_name) == ("470/15/SOP/2024", "CONTOH NAMA, S.E.")


@pytest.mark.parametrize("ruled", [True, False])
def test_a_decree_heading_above_the_identity_block_is_not_read_as_its_fields(tmp_path: Path, ruled: bool) -> None:
    """"LAMPIRAN KEPUTUSAN CAMAT … NOMOR : 800/12/IV.41/2024" at the top right, above the form: its
    "NOMOR" is not the SOP's number, nor its lines the letterhead's."""
    decree = ("<div style='margin-left: 60%; font-size: 8pt'><p>LAMPIRAN KEPUTUSAN CAMAT TELUK BETUNG UTARA</p>"
              "<p>NOMOR : 800/12/IV.41/2024</p><p>TANGGAL : 3 Januari 2024</p></div>")
    html = sop_html(step_texts(4), identity=decree + identity_html(letterhead="middle", cells="middle"))
    check_identity(read_document(write_pdf(tmp_path, html if ruled else unruled(html))))


def test_a_wrong_identity_field_is_named_with_its_value_alone(tmp_path: Path) -> None:
    """The letterhead and cells centred: the wrong date is named with the file and its label, its value
    read alone (not joined with a letterhead line or another field's value); no Nama SOP is refused."""
    identity = identity_html(letterhead="middle", cells="middle")
    html = unruled(sop_html(step_texts(4), identity=identity.replace("2 Januari 2025", "31 Februari 2025")))
    with pytest.raises(SopImportError) as caught:
        read_document(write_pdf(tmp_path, html, "tanggal-salah.pdf"))
    assert str(caught.value).startswith("tanggal-salah.pdf, column Tanggal Efektif: is not a date")
    assert caught.value.value == "31 Februari 2025"
    label = "<td style='vertical-align: middle; width: 17%'>Nama SOP</td>"
    assert label in identity
    html = unruled(sop_html(step_texts(4), identity=identity.replace(label, "<td></td>")))
    with pytest.raises(SopImportError) as caught:
        read_document(write_pdf(tmp_path, html, "tanpa-nama.pdf"))
    assert str(caught.value) == "tanpa-nama.pdf, column Nama SOP: the document has no SOP name (Nama SOP)"


@pytest.mark.parametrize("ruled", [True, False])
@pytest.mark.parametrize(("letterhead", "cells", "colon"), [("top", "top", True), ("middle", "middle", False),
                                                             ("bottom", "middle", True)])
def test_two_fields_on_each_row_are_read(tmp_path: Path, ruled: bool, letterhead: str, cells: str,
                                         colon: bool) -> None:
    """"Nomor SOP : …   Tanggal Pembuatan : …": the fields in two pairs of columns beside the letterhead;
    each label's value is the text between it and the next label (ruled), or in its own column (unruled)."""
    html = sop_html(step_texts(4), identity=identity_html(letterhead=letterhead, cells=cells, colon=colon, pairs=True))
    check_identity(read_document(write_pdf(tmp_path, html if ruled else unruled(html))))


@pytest.mark.parametrize("labels", ["tight", "wrapped"])
@pytest.mark.parametrize("cells", ["top", "middle", "bottom"])
@pytest.mark.parametrize("colon", [True, False])
def test_labels_close_to_their_values_or_wrapped_are_read(tmp_path: Path, labels: str, cells: str,
                                                          colon: bool) -> None:
    """The labels' column as narrow as the longest label (its words a padding from the value's, one run
    of text) or as its longest word ("Tanggal" above "Pembuatan", the value level with either or between
    them), with or without a column of colons."""
    html = unruled(sop_html(step_texts(4), identity=identity_html(letterhead="middle", cells=cells, colon=colon,
                                                                  labels=labels)))
    check_identity(read_document(write_pdf(tmp_path, html)))


def test_left_aligned_headers_and_text_under_the_table_are_read_apart(tmp_path: Path) -> None:
    """Headers flush left in their columns (the bound between two columns is found from the steps'
    words, not half-way between the headers); the note and the signature under the table are not part
    of the last step."""
    steps = step_texts(5)
    html = unruled(sop_html(steps), align="left")
    html = html.replace("</table></body>", "</table><p>Catatan: berkas yang tidak lengkap dikembalikan.</p>"
                        "<p style='margin-left: 60%'>CAMAT TELUK BETUNG UTARA<br><br><br>CONTOH NAMA, S.E.<br>"
                        "NIP. 19750427 199311 2 001</p></body>")
    draft = read_document(write_pdf(tmp_path, html))
    assert [(s.activity, s.actor, s.output, s.note) for s in draft.steps] == [
        (a, actor, o, "") for a, _t, actor, o in steps]


def test_marks_flush_left_under_centred_headers_are_in_their_columns(tmp_path: Path) -> None:
    """The headers centred, the steps' cells flush left (Word's default): the "X" under "Petugas Loket"
    stands in the gap between the "Pemohon" and "Petugas" headers, nearer neither; it starts a cell
    there, so it is the right column's."""
    steps = step_texts(4)
    draft = read_document(write_pdf(tmp_path, unruled(sop_html(steps))))
    assert [s.actor for s in draft.steps] == ACTORS == [actor for _a, _t, actor, _o in steps]


def test_an_unruled_header_without_numbered_steps_is_refused_naming_the_page(tmp_path: Path) -> None:
    html = unruled(sop_html(step_texts(3), identity_page=True))
    for number in (1, 2, 3):
        html = html.replace(f"<tr><td>{number}</td>", "<tr><td></td>")
    with pytest.raises(SopImportError) as caught:
        read_document(write_pdf(tmp_path, html, "tanpa-nomor.pdf"))
    message = str(caught.value)
    assert message.startswith("tanpa-nomor.pdf")
    assert "page 2" in message and "no numbered step" in message


def test_a_header_whose_columns_run_together_is_refused_naming_the_page(tmp_path: Path) -> None:
    """A table typed as lines with single spaces: no column can be told from the next."""
    body = "".join(f"<p>{n} Langkah {n} memeriksa berkas X berkas 5 menit hasil</p>" for n in (1, 2, 3))
    html = ("<html><body><p>NAMA SOP : PELAYANAN SURAT</p>"
            f"<p>No. Uraian Prosedur Pemohon Camat Kelengkapan Waktu Output</p>{body}</body></html>")
    with pytest.raises(SopImportError) as caught:
        read_document(write_pdf(tmp_path, html, "rapat.pdf"))
    message = str(caught.value)
    assert message.startswith("rapat.pdf") and "page 1" in message and "cannot be told apart" in message


def test_sub_steps_of_a_centred_unruled_table_broken_over_pages(tmp_path: Path) -> None:
    """Numbers 3.1 … 3.3, every cell centred, a "3.2" wrapped into the activity column's own line (no
    step number: it stands right of "No."), and the last row broken by the page (its number on the
    first page, its text under the repeated header, which wraps into other lines there)."""
    steps = step_texts(8, long=True)
    steps[5] = ("Memeriksa berkas; bila belum lengkap kembali ke langkah 3.2", "1 hari", ACTORS[2], "berkas diperiksa")
    html = unruled(sop_html(steps), align="left").replace("vertical-align: top", "vertical-align: middle")
    labels = ["1", "2", "3.1", "3.2", "3.3", "4", "5", "6"]
    for n in range(8, 0, -1):
        html = html.replace(f"<tr><td>{n}</td>", f"<tr><td>@{n}@</td>")
    for n, label in enumerate(labels, start=1):
        html = html.replace(f"<tr><td>@{n}@</td>", f"<tr><td>{label}</td>")
    draft = read_document(write_pdf(tmp_path, html))
    assert [(s.number, s.label, s.actor) for s in draft.steps] == [
        (n, label, actor) for n, (label, (_a, _t, actor, _o)) in enumerate(zip(labels, steps, strict=True), start=1)]
    assert [s.activity for s in draft.steps] == [a for a, _t, _actor, _o in steps]
    assert draft.steps[5].returns_to == [4]
    assert draft.steps[7].duration_value == Decimal(40)


@pytest.mark.parametrize("repeat", ["letterhead", "identity", "identity rows"])
def test_a_page_header_repeated_on_each_page_is_read_once(tmp_path: Path, repeat: str) -> None:
    """As the ruled print (test_import_pdf): the lines the pages repeat above the table are skipped where
    the table goes on, and a running line is one at the same height on every page (or all but one), not
    the last line of rows ("kecamatan") that ends several pages, nor a broken row like another but for
    its numbers."""
    html = unruled(sop_html(step_texts(14, long=True), identity=identity_html(letterhead="middle", cells="middle")))
    check_repeated_page_top(tmp_path, html, repeat)
