"""A Mutu Baku cell (Kelengkapan, Waktu, Output), a Keterangan cell or a Pelaksana cell merged down over several
steps, as many offices draw the SOP table in Word, Excel and the PDF they print from them: its value is every
step's it spans, not the first one's alone (a merged Pelaksana cell: the same actor for those steps). A Waktu
so merged is read as the time of those steps together, shared equally, and the preview says so once, beside
the first of them, naming them all."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from pathlib import Path

import docx
import openpyxl
import pytest

from kinerja.sop.importers import parse_document

from .documents import sop_text
from .pdfs import CSS, write_pdf

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Kasubbag", "JFU", "Sekretaris"]
STEPS = [("Menerima surat dan menyampaikan kepada JFU", "10 menit", "Kasubbag"),
         ("Menyusun konsep laporan", "3 hari", "JFU"),
         ("Mengetik konsep laporan", "", "JFU"),
         ("Mencetak konsep laporan dan menyampaikan kepada Sekretaris", "", "JFU"),
         ("Menandatangani laporan", "1 jam", "Sekretaris")]
# The columns of sop_text's table: No., Uraian Prosedur, the actors, Kelengkapan, Waktu, Output, Ket.
INPUTS, TIME, OUTPUT, NOTE = 2 + len(ACTORS), 3 + len(ACTORS), 4 + len(ACTORS), 5 + len(ACTORS)
JFU = 2 + ACTORS.index("JFU")  # the Pelaksana column of steps 2 to 4
MERGED = (INPUTS, TIME, OUTPUT)  # the columns merged over steps 2 to 4 unless a test says more


def _rows(steps: list[tuple[str, str, str]], merged: tuple[int, ...]) -> tuple[list[str], list[list[str]]]:
    """The lines above the table and the table's rows, the cells below step 2's in the `merged` columns
    empty (a merged cell holds its text once)."""
    lines = sop_text(ACTORS, steps).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("No."))
    rows = [line.split("\t") for line in lines[start:]]
    for row in rows[4:6]:  # steps 3 and 4 (under the two header rows and step 1)
        for column in merged:
            row[column] = ""
    rows[3][INPUTS], rows[3][OUTPUT] = "surat kepala dinas", "konsep laporan"
    rows[3][NOTE] = "dikerjakan sekaligus"
    return lines[:start], rows


def word(path: Path, steps: list[tuple[str, str, str]] = STEPS, merged: tuple[int, ...] = MERGED) -> Path:
    above, rows = _rows(steps, merged)
    document = docx.Document()
    for line in above:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text:
                table.cell(r, c).text = text
    for column in merged:
        text = table.cell(3, column).text
        table.cell(3, column).merge(table.cell(5, column)).text = text  # steps 2 to 4
    document.save(str(path))
    return path


def workbook(path: Path, steps: list[tuple[str, str, str]] = STEPS, merged: tuple[int, ...] = MERGED) -> Path:
    above, rows = _rows(steps, merged)
    book = openpyxl.Workbook()
    sheet = book.active
    for r, line in enumerate([*above, *["\t".join(row) for row in rows]], start=1):
        for c, value in enumerate(line.split("\t"), start=1):
            if value:
                sheet.cell(row=r, column=c, value=value)
    first = len(above) + 4  # the row of step 2
    for column in merged:
        sheet.merge_cells(start_row=first, start_column=column + 1, end_row=first + 2, end_column=column + 1)
    book.save(path)
    return path


def pdf(path: Path, steps: list[tuple[str, str, str]] = STEPS, merged: tuple[int, ...] = MERGED) -> Path:
    """The table printed to PDF (as an office exports it from Word), step 2's cells in the `merged` columns
    spanning steps 2 to 4 (rowspan); the lines above it as a bordered table, label and value."""
    above, rows = _rows(steps, merged)
    head = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in line.split("\t")) + "</tr>"
                   for line in above if line.strip())
    n = len(ACTORS)
    header = ("<tr><th rowspan=2>No.</th><th rowspan=2>Uraian Prosedur</th>"
              f"<th colspan={n}>Pelaksana</th><th colspan=3>Mutu Baku</th><th rowspan=2>Ket.</th></tr><tr>"
              + "".join(f"<th>{a}</th>" for a in ACTORS) + "<th>Kelengkapan</th><th>Waktu</th><th>Output</th></tr>")
    body = ""
    for r, row in enumerate(rows[2:]):
        cells = ""
        for c, text in enumerate(row[:NOTE + 1]):
            if c in merged and r in (2, 3):
                continue  # under step 2's cell spanning three rows
            span = " rowspan=3" if c in merged and r == 1 else ""
            cells += f"<td{span}>{escape(text)}</td>"
        body += f"<tr>{cells}</tr>"
    html = (f"<html><head><style>{CSS}</style></head><body><table>{head}</table><br>"
            f"<table>{header}{body}</table></body></html>")
    return write_pdf(path.parent, html, path.name)


BUILDERS = {"docx": word, "xlsx": workbook, "pdf": pdf}


@pytest.mark.parametrize("kind", BUILDERS)
def test_a_merged_kelengkapan_and_output_apply_to_every_step_they_span(tmp_path: Path, kind: str) -> None:
    draft = parse_document(BUILDERS[kind](tmp_path / f"sop.{kind}"))
    assert not draft.problems
    assert [s.inputs for s in draft.steps[1:4]] == ["surat kepala dinas"] * 3
    assert [s.output for s in draft.steps[1:4]] == ["konsep laporan"] * 3
    assert draft.steps[4].output == "hasil 5"


@pytest.mark.parametrize("kind", BUILDERS)
def test_a_merged_waktu_is_the_steps_time_together_shared_with_a_warning(tmp_path: Path, kind: str) -> None:
    draft = parse_document(BUILDERS[kind](tmp_path / f"sop.{kind}"))
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [
        (Decimal(10), "minute"), (Decimal(1), "day"), (Decimal(1), "day"), (Decimal(1), "day"), (Decimal(1), "hour")]
    # Said once, beside the first of the steps, naming them all.
    [warning] = [w for w in draft.warnings if w.column == "Waktu"]
    assert warning.step == 2
    assert str(warning) == (
        f"sop.{kind}, {'sheet “Sheet”, ' if kind == 'xlsx' else 'page 1, ' if kind == 'pdf' else ''}step 2, column "
        "Waktu: one Waktu, 3 hari, is written for "
        "steps 2, 3 and 4 together (a cell merged "
        "over their rows): it is read as the time of those steps together, shared equally (step 2 1 hari, step 3 1 "
        "hari, step 4 1 hari); if each step may take the whole 3 hari, or the steps take different times, type each "
        "step's own time (value: “3 hari”)")


@pytest.mark.parametrize("kind", BUILDERS)
def test_a_merged_keterangan_and_pelaksana_apply_to_every_step_they_span(tmp_path: Path, kind: str) -> None:
    draft = parse_document(BUILDERS[kind](tmp_path / f"sop.{kind}", merged=(*MERGED, NOTE, JFU)))
    assert not draft.problems
    assert [s.note for s in draft.steps] == ["", *["dikerjakan sekaligus"] * 3, ""]
    assert [s.actor for s in draft.steps] == ["Kasubbag", "JFU", "JFU", "JFU", "Sekretaris"]


def test_a_share_that_does_not_divide_gives_the_remainder_to_the_last_step(tmp_path: Path) -> None:
    steps = [*STEPS[:1], (STEPS[1][0], "1 hari", STEPS[1][2]), *STEPS[2:]]
    draft = parse_document(workbook(tmp_path / "sop.xlsx", steps))
    assert [s.duration_value for s in draft.steps[1:4]] == [Decimal("0.33"), Decimal("0.33"), Decimal("0.34")]
    assert sum(s.duration_value for s in draft.steps[1:4]) == 1


def test_hours_shared_unevenly_are_shared_in_minutes(tmp_path: Path) -> None:
    steps = [*STEPS[:1], (STEPS[1][0], "2 jam", STEPS[1][2]), *STEPS[2:]]
    draft = parse_document(word(tmp_path / "sop.docx", steps))
    assert [(s.duration_value, s.duration_unit) for s in draft.steps[1:4]] == [(Decimal(40), "minute")] * 3
    assert "one Waktu, 2 jam, is written for steps 2, 3 and 4" in str(draft.warnings[0])


def test_a_merged_cell_copies_and_pickles_with_its_range(tmp_path: Path) -> None:
    import copy
    import pickle

    from kinerja.sop.importers.draft import MergedCell
    from kinerja.sop.importers.readers import xlsx_grids

    [grid] = xlsx_grids(workbook(tmp_path / "sop.xlsx"))
    merged = [c for row in grid for c in row if isinstance(c, MergedCell) and c.text == "3 hari"]
    assert [str(c) for c in merged] == ["3 hari", "", ""]
    for again in (copy.deepcopy(merged), pickle.loads(pickle.dumps(merged))):
        assert [(str(c), c.text) for c in again] == [("3 hari", "3 hari"), ("", "3 hari"), ("", "3 hari")]
