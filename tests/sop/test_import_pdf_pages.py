"""The problems and warnings of a PDF's steps name the page the step stands on ("halaman 2"), and both pages
of a step the page broke ("halaman 1, 2"), beside the step, the column and the value they named already, in a
table printed with ruling lines and in one printed without; the reader keeps each row's pages (PageRow) and
the draft each step's. A text, Word or workbook document has no pages: its messages stay as they were."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from django.utils import translation

from kinerja.sop.importers import SopImportError, parse_document, read_document

from .documents import sop_text, write
from .pdfs import sop_html, step_texts, write_pdf
from .test_import_pdf_unruled import unruled

pytestmark = pytest.mark.usefixtures("english")

LAYOUTS = {"ruled": lambda html: html, "unruled": unruled}


def _pages_of(path: Path, text: str) -> list[int]:
    """The pages whose text holds `text`, as the PDF prints them."""
    with pdfplumber.open(str(path)) as pdf:
        return [n for n, page in enumerate(pdf.pages, start=1) if text in (page.extract_text() or "")]


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_a_bad_time_on_page_2_names_the_page(tmp_path: Path, layout: str) -> None:
    steps = step_texts(14, long=True)
    steps[9] = (steps[9][0], "Menyesuaikan", steps[9][2], steps[9][3])
    path = write_pdf(tmp_path, LAYOUTS[layout](sop_html(steps)))
    assert _pages_of(path, "Menyesuaikan") == [2]
    draft = parse_document(path)
    assert [(p.step, p.column, p.value, p.pages) for p in draft.problems] == [(10, "Waktu", "Menyesuaikan", (2,))]
    assert str(draft.problems[0]).startswith("sop.pdf, page 2, step 10, column Waktu: ")
    assert draft.problems[0].as_dict()["pages"] == [2]
    with translation.override("id"):
        assert str(parse_document(path).problems[0]).startswith("sop.pdf, halaman 2, langkah 10, kolom Waktu: ")
    assert {s.pages for s in draft.steps[:5]} == {(1,)}
    assert {s.pages for s in draft.steps[10:]} == {(2,)}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_a_warning_on_page_2_names_the_page(tmp_path: Path, layout: str) -> None:
    steps = step_texts(14, long=True)
    steps[11] = (steps[11][0], "1-2 jam", steps[11][2], steps[11][3])
    draft = parse_document(write_pdf(tmp_path, LAYOUTS[layout](sop_html(steps))))
    assert not draft.problems
    assert [str(w) for w in draft.warnings] == [
        "sop.pdf, page 2, step 12, column Waktu: a range of times: the longer, 2 jam, is taken as the standard time "
        "(value: “1-2 jam”)"]


@pytest.mark.parametrize("repeat_header", [True, False])
def test_a_step_the_page_breaks_names_both_pages(tmp_path: Path, repeat_header: bool) -> None:
    """A row taller than what is left of the page: its number on page 1, the rest of its text on page 2."""
    steps = step_texts(3)
    long = " ".join(f"memeriksa lampiran ke-{i} dan mencatat hasilnya dalam buku register;" for i in range(1, 40))
    steps[1] = (long, "sebentar saja", steps[1][2], steps[1][3])
    path = write_pdf(tmp_path, sop_html(steps, repeat_header=repeat_header))
    assert _pages_of(path, "lampiran ke-1 ") == [1] and _pages_of(path, "ke-39") == [2]
    draft = parse_document(path)
    assert [s.pages for s in draft.steps] == [(1,), (1, 2), (2,)]
    assert [str(p).split(":")[0] for p in draft.problems] == ["sop.pdf, pages 1, 2, step 2, column Waktu"]
    with translation.override("id"):
        assert str(parse_document(path).problems[0]).startswith("sop.pdf, halaman 1, 2, langkah 2, kolom Waktu: ")


def test_a_step_the_page_breaks_in_an_unruled_table_names_both_pages(tmp_path: Path) -> None:
    steps = step_texts(14, long=True)
    path = write_pdf(tmp_path, unruled(sop_html(steps)))
    """The page breaks step 8 after its number and symbol: its text stands under the header repeated on page 2."""
    draft = read_document(path)
    assert [s.number for s in draft.steps if s.pages == (1, 2)] == [8]
    assert _pages_of(path, "Langkah 8:") == [2]
    steps = [(a, "lama" if n in {8, 13} else t, actor, o) for n, (a, t, actor, o) in enumerate(steps, start=1)]
    problems = parse_document(write_pdf(tmp_path, unruled(sop_html(steps)), "lama.pdf")).problems
    assert [str(p).split(":")[0] for p in problems] == ["lama.pdf, pages 1, 2, step 8, column Waktu",
                                                         "lama.pdf, page 2, step 13, column Waktu"]


def test_a_repeated_step_number_on_page_2_names_the_page(tmp_path: Path) -> None:
    """A refusal of the whole table that names a row names its page too."""
    html = sop_html(step_texts(14, long=True)).replace("<tr><td>12</td>", "<tr><td>11</td>")
    with pytest.raises(SopImportError) as caught:
        read_document(write_pdf(tmp_path, html))
    assert caught.value.pages == (2,)
    assert str(caught.value).startswith("sop.pdf, page 2, column No.: step number 11 appears twice: again on step row 12")


def test_the_same_problem_in_a_text_document_names_no_page(tmp_path: Path) -> None:
    steps = [(f"Langkah {n}", "Menyesuaikan" if n == 2 else "5 menit", "Sekretaris") for n in range(1, 4)]
    draft = parse_document(write(tmp_path, sop_text(["Sekretaris"], steps)))
    assert [str(p) for p in draft.problems] == [
        "sop.txt, step 2, column Waktu: sets no standard time (the step takes as long as it needs): type the longest "
        "time the step may take, such as 1 hari, so that its due date can be set (value: “Menyesuaikan”)"]
    assert draft.problems[0].pages == () and "pages" not in draft.problems[0].as_dict()
