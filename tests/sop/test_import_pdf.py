"""SOP AP documents printed to PDF: read from their text layer and ruling lines the same as the DOCX or
the text copy, in the layouts offices print, and refused with a clear message when they cannot be read
(a scan, a password, a damaged or inflating file)."""

from __future__ import annotations

import datetime as dt
import zlib
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from kinerja.sop import actions
from kinerja.sop.importers import SopImportError, parse_document, read_document
from kinerja.sop.importers.readers import MAX_PDF_PAGES
from kinerja.sop.renderers import sheet
from tests.base import KinerjaTestCase

from .documents import SEED
from .pdfs import (
    ACTORS,
    check_identity,
    identity_html,
    identity_on_each_page,
    letterhead_in_page_header,
    scanned_pdf,
    sop_html,
    step_texts,
    write_pdf,
)

pytestmark = pytest.mark.usefixtures("english")


def pages(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def check_header(draft) -> None:  # type: ignore[no-untyped-def]
    assert (draft.name, draft.number) == ("PELAYANAN SURAT KETERANGAN USAHA", "470/15/SOP/2024")
    assert (draft.created_on, draft.effective_on) == (dt.date(2023, 1, 9), dt.date(2025, 1, 2))
    assert (draft.approved_by, draft.approved_by_name, draft.approved_by_nip) == (
        "CAMAT TELUK BETUNG UTARA", "CONTOH NAMA, S.E.", "197504271993112001")
    assert draft.lines == ["PEMERINTAH KOTA BANDAR LAMPUNG", "KECAMATAN TELUK BETUNG UTARA"]
    assert draft.blocks == {
        "legal_basis": ["Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
                        "Peraturan Wali Kota Nomor 12 Tahun 2020"],
        "qualifications": ["Memahami tugas pokok dan fungsi", "Mampu mengoperasikan komputer", "Teliti dan cermat"]}


def check_steps(draft, steps) -> None:  # type: ignore[no-untyped-def]
    """The identity and the 14 steps of pdfs.step_texts, each once and whole."""
    check_header(draft)
    assert draft.actors == ACTORS
    assert [s.number for s in draft.steps] == list(range(1, 15))
    assert [(s.activity, s.actor, s.output) for s in draft.steps] == [(a, actor, o) for a, _t, actor, o in steps]
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [(Decimal(5 * i), "minute")
                                                                         for i in range(1, 15)]
    assert {s.inputs for s in draft.steps} == {"berkas permohonan"}


@pytest.mark.parametrize("identity", ["table", "lines"])
@pytest.mark.parametrize("repeat_header", [True, False])
def test_a_table_over_pages_with_wrapped_cells_reads_like_the_text(tmp_path: Path, identity: str,
                                                                   repeat_header: bool) -> None:
    steps = step_texts(14, long=True)
    path = write_pdf(tmp_path, sop_html(steps, identity=identity, repeat_header=repeat_header))
    assert pages(path) >= 2
    # Every step once: the header repeated on the next page is no step, a wrapped cell is one text.
    check_steps(read_document(path), steps)


def check_repeated_page_top(tmp_path: Path, html: str, repeat: str) -> None:
    """`html` (14 long steps under identity_html's block) with `repeat` printed at the top of each page:
    read once, and every step whole (a row the page broke continues under the repeat)."""
    if repeat == "letterhead":
        html = letterhead_in_page_header(html)
    else:
        html = identity_on_each_page(html, rows=repeat == "identity rows")
    path = write_pdf(tmp_path, html)
    assert pages(path) >= 2
    draft = read_document(path)
    check_identity(draft)
    assert draft.lines[0] == "PEMERINTAH KOTA BANDAR LAMPUNG"
    steps = step_texts(14, long=True)
    assert [(s.activity, s.actor, s.duration_value) for s in draft.steps] == [
        (a, actor, Decimal(5 * i)) for i, (a, _t, actor, _o) in enumerate(steps, start=1)]


@pytest.mark.parametrize("repeat", ["letterhead", "identity", "identity rows"])
def test_a_page_header_repeated_on_each_page_is_read_once(tmp_path: Path, repeat: str) -> None:
    """The letterhead in Word's page header; the identity block repeated above the table's header as a
    workbook's print titles, in tables of its own or as the first rows of the procedure table."""
    html = sop_html(step_texts(14, long=True), identity=identity_html(letterhead="middle"))
    check_repeated_page_top(tmp_path, html, repeat)


def test_the_identity_block_on_a_page_of_its_own_is_read(tmp_path: Path) -> None:
    path = write_pdf(tmp_path, sop_html(step_texts(4), identity="lines", identity_page=True))
    assert pages(path) == 2
    draft = read_document(path)
    check_header(draft)
    assert [s.actor for s in draft.steps] == ACTORS


def test_a_step_the_page_breaks_is_one_step(tmp_path: Path) -> None:
    """A row taller than what is left of the page runs on to the next: its number and symbol on one
    page, the rest of its text on the next."""
    steps = step_texts(3)
    long = " ".join(f"memeriksa lampiran ke-{i} dan mencatat hasilnya dalam buku register;" for i in range(1, 60))
    steps[1] = (long, "2 jam", steps[1][2], steps[1][3])
    for repeat_header in (True, False):
        path = write_pdf(tmp_path, sop_html(steps, repeat_header=repeat_header), f"sop-{repeat_header}.pdf")
        assert pages(path) >= 2
        draft = read_document(path)
        assert [(s.number, s.activity, s.actor) for s in draft.steps] == [
            (i, a, actor) for i, (a, _t, actor, _o) in enumerate(steps, start=1)]
        assert (draft.steps[1].duration_value, draft.steps[1].duration_unit) == (Decimal(2), "hour")


def test_a_wrong_time_in_a_pdf_is_named_like_in_the_text(tmp_path: Path) -> None:
    steps = step_texts(4)
    steps[2] = (steps[2][0], "sebentar saja", steps[2][2], steps[2][3])
    draft = parse_document(write_pdf(tmp_path, sop_html(steps)))
    assert [(p.step, p.column, p.value) for p in draft.problems] == [(3, "Waktu", "sebentar saja")]


def test_a_scan_is_refused_saying_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(SopImportError) as caught:
        read_document(scanned_pdf(tmp_path))
    message = str(caught.value)
    assert message.startswith("pindaian.pdf: ")
    assert "scanned" in message and "export it from Word" in message and ".txt" in message


def test_a_scanned_procedure_under_a_typed_letterhead_is_refused_as_a_scan(tmp_path: Path) -> None:
    import base64
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (827, 1000), "white").save(buffer, "PNG")
    data = base64.b64encode(buffer.getvalue()).decode()
    html = ('<html><body><p>PEMERINTAH KOTA BANDAR LAMPUNG</p>'
            f'<img style="width: 100%" src="data:image/png;base64,{data}"></body></html>')
    with pytest.raises(SopImportError) as caught:
        read_document(write_pdf(tmp_path, html, "sebagian.pdf"))
    assert "scanned" in str(caught.value)


def test_a_pdf_without_a_procedure_table_says_so(tmp_path: Path) -> None:
    path = write_pdf(tmp_path, "<html><body><p>Surat undangan rapat koordinasi</p></body></html>", "surat.pdf")
    with pytest.raises(SopImportError) as caught:
        read_document(path)
    assert "not an SOP AP document" in str(caught.value)


def test_a_pdf_locked_with_a_password_is_refused_naming_the_file(tmp_path: Path) -> None:
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    plain = write_pdf(tmp_path, sop_html(step_texts(3)), "terbuka.pdf")
    with plain.open("rb") as f:
        writer = copy_into_new_writer(PdfFileReader(f))
        writer.encrypt("pemilik", "rahasia")
        out = io.BytesIO()
        writer.write(out)
    locked = tmp_path / "terkunci.pdf"
    locked.write_bytes(out.getvalue())
    with pytest.raises(SopImportError) as caught:
        read_document(locked)
    assert str(caught.value).startswith("terkunci.pdf: ") and "password" in str(caught.value)


def test_a_damaged_pdf_is_refused_naming_the_file(tmp_path: Path) -> None:
    whole = write_pdf(tmp_path, sop_html(step_texts(3)), "utuh.pdf").read_bytes()
    cut = tmp_path / "terpotong.pdf"
    cut.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(SopImportError) as caught:
        read_document(cut)
    assert str(caught.value).startswith("terpotong.pdf: ") and "damaged" in str(caught.value)


def test_a_pdf_whose_stream_inflates_too_much_is_refused_unread(tmp_path: Path) -> None:
    bomb = zlib.compress(b"0 0 m " * (20 * 1024 * 1024), 9)
    path = tmp_path / "bom.pdf"
    path.write_bytes(b"%%PDF-1.4\n1 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb
                     + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(SopImportError) as caught:
        read_document(path)
    assert "inflates" in str(caught.value)


def test_a_pdf_of_too_many_pages_is_refused(tmp_path: Path) -> None:
    html = "<html><body>" + "<p style='page-break-after: always'>x</p>" * (MAX_PDF_PAGES + 1) + "</body></html>"
    with pytest.raises(SopImportError) as caught:
        read_document(write_pdf(tmp_path, html, "tebal.pdf"))
    assert caught.value.value == str(MAX_PDF_PAGES + 1) and f"more than {MAX_PDF_PAGES} pages" in str(caught.value)


class SeedRoundTripTestCase(KinerjaTestCase):
    """The customer's SOP, printed by kinerja's own SOP sheet renderer (its flowchart drawn across the
    Pelaksana columns, the identity block on a page of its own), reads back to the same SOP."""

    def test_the_printed_seed_reads_back_to_its_steps(self) -> None:
        import tempfile

        version = actions.import_sop(SEED, office=self.office, user=None)
        original = read_document(SEED)
        path = Path(tempfile.mkdtemp()) / "sop-pengumpulan-data-kinerja.pdf"
        path.write_bytes(sheet.render_pdf(version))
        printed = read_document(path)
        assert (printed.name, printed.number, printed.effective_on, printed.created_on) == (
            original.name, original.number, original.effective_on, original.created_on)
        assert (printed.approved_by, printed.approved_by_name, printed.approved_by_nip) == (
            original.approved_by, original.approved_by_name, original.approved_by_nip)
        assert printed.blocks == original.blocks
        # The SOP's own letterhead lines under the office's, and not the running title printed (clipped)
        # under the letterhead nor the footer.
        assert printed.lines[-len(original.lines):] == original.lines
        assert not any("PENGUMPULAN" in line or "Halaman" in line for line in printed.lines)
        assert printed.actors == original.actors

        def steps(draft):  # type: ignore[no-untyped-def]
            return [(s.number, s.activity, s.actor, s.duration_value, s.duration_unit, s.output, s.inputs,
                     s.returns_to) for s in draft.steps]

        assert steps(printed) == steps(original)
        assert not printed.problems

    def test_the_returns_the_office_added_read_back_from_the_printed_sheet(self) -> None:
        """The seed draws no return; the office adds the Kasubbag's and the Sekretaris's (as the demo does).
        The sheet writes each in the Ket. column beside its arrow, so the printed SOP reads back with them."""
        import tempfile

        version = actions.import_sop(SEED, office=self.office, user=None)
        steps = {s.number: s for s in version.steps.all()}
        steps[4].returns_to.add(steps[3])
        steps[5].returns_to.add(steps[4])
        path = Path(tempfile.mkdtemp()) / "sop-dengan-pengembalian.pdf"
        path.write_bytes(sheet.render_pdf(version))
        printed = read_document(path)
        assert [(s.number, s.returns_to) for s in printed.steps] == [(1, []), (2, []), (3, []), (4, [3]), (5, [4]),
                                                                     (6, [])]
        assert not printed.problems


@pytest.mark.parametrize("heading", ["Nomor", "No. Urut"])
def test_the_no_column_headed_nomor_or_no_urut_is_found(tmp_path: Path, heading: str) -> None:
    html = sop_html(step_texts(4)).replace("<th rowspan=2>No.</th>", f"<th rowspan=2>{heading}</th>")
    assert f">{heading}</th>" in html
    draft = read_document(write_pdf(tmp_path, html))
    assert [s.number for s in draft.steps] == [1, 2, 3, 4]
    assert [s.actor for s in draft.steps] == ACTORS
