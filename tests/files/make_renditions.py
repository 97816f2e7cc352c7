"""Writes the DOCX and XLSX renditions of the customer's seed SOP (the text copy in
src/kinerja/sop/samples/), laid out as offices type them: in Word, the header as a two-column table and
the procedure table with merged header cells; in Excel, one sheet after a sheet of notes, merged header
cells and the effective date as a real date cell. The importer must read all three alike.

Run from the repository root: .venv/bin/python tests/files/make_renditions.py
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import openpyxl
from docx.enum.section import WD_ORIENT
from docx.shared import Cm
from openpyxl.styles import Alignment, Font

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "src" / "kinerja" / "sop" / "samples" / "sop-pengumpulan-data-kinerja.txt"
OUT = Path(__file__).resolve().parent


def seed_parts() -> tuple[list[str], list[list[str]], list[list[str]]]:
    """(letterhead lines, header rows, procedure table rows) of the text copy."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    first_field = next(i for i, line in enumerate(lines) if line.startswith("NOMOR SOP"))
    table = next(i for i, line in enumerate(lines) if line.startswith("No.\t"))
    letterhead = [line for line in lines[:first_field] if line.strip()]
    header = [line.split("\t") for line in lines[first_field:table] if line.strip()]
    rows = [line.split("\t") for line in lines[table:] if line.strip()]
    return letterhead, header, rows


def numbered_lines(text: str) -> str:
    """"1. A 2. B" → "1. A\n2. B", as a Word cell with one paragraph per item."""
    return re.sub(r"\s+(?=\d{1,2}\.\s)", "\n", text)


def write_docx(path: Path) -> None:
    letterhead, header, rows = seed_parts()
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for line in letterhead:
        document.add_paragraph(line).runs[0].bold = True
    fields = document.add_table(rows=0, cols=2)
    fields.style = "Table Grid"
    for cells in header:
        left, right = (cells + ["", ""])[:2]
        row = fields.add_row().cells
        row[0].text = numbered_lines(left)
        row[1].text = numbered_lines(right)
    document.add_paragraph("")
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if r < 2 and not text:
                continue  # merged below
            table.cell(r, c).text = text
    top = rows[0]
    pelaksana, mutu, ket = top.index("Pelaksana"), top.index("Mutu Baku"), top.index("Ket")
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 1).merge(table.cell(1, 1))
    table.cell(0, pelaksana).merge(table.cell(0, mutu - 1))
    table.cell(0, mutu).merge(table.cell(0, ket - 1))
    table.cell(0, ket).merge(table.cell(1, ket))
    # merge() joins the texts of the merged cells; keep the header words once.
    for c, text in ((0, "No."), (1, "Uraian Prosedur"), (pelaksana, "Pelaksana"), (mutu, "Mutu Baku"), (ket, "Ket")):
        table.cell(0, c).text = text
    document.core_properties.created = dt.datetime(2023, 1, 9)
    document.save(str(path))


def write_xlsx(path: Path) -> None:
    letterhead, header, rows = seed_parts()
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "Petunjuk"
    notes["A1"] = "Salinan SOP dalam bentuk lembar kerja. Lembar berikut memuat SOP."
    sheet = workbook.create_sheet("SOP")
    r = 1
    for line in letterhead:
        sheet.cell(r, 1, line).font = Font(bold=True)
        r += 1
    r += 1
    for cells in header:
        for c, text in enumerate(cells, start=1):
            value: object = text
            if cells[0] == "TANGGAL EFEKTIF" and c == 2:
                value = dt.datetime(2023, 2, 1)
            sheet.cell(r, c, value).alignment = Alignment(wrap_text=True, vertical="top")
        r += 1
    r += 1
    top_row = r
    for cells in rows:
        for c, text in enumerate(cells, start=1):
            value = int(text) if text.isdigit() and c == 1 else text
            if value != "":
                sheet.cell(r, c, value).alignment = Alignment(wrap_text=True, vertical="top")
        r += 1
    top = rows[0]
    pelaksana, mutu, ket = top.index("Pelaksana") + 1, top.index("Mutu Baku") + 1, top.index("Ket") + 1
    sheet.merge_cells(start_row=top_row, start_column=1, end_row=top_row + 1, end_column=1)
    sheet.merge_cells(start_row=top_row, start_column=2, end_row=top_row + 1, end_column=2)
    sheet.merge_cells(start_row=top_row, start_column=pelaksana, end_row=top_row, end_column=mutu - 1)
    sheet.merge_cells(start_row=top_row, start_column=mutu, end_row=top_row, end_column=ket - 1)
    sheet.merge_cells(start_row=top_row, start_column=ket, end_row=top_row + 1, end_column=ket)
    sheet.column_dimensions["B"].width = 60
    workbook.properties.created = dt.datetime(2023, 1, 9)
    workbook.properties.modified = dt.datetime(2023, 1, 9)
    workbook.save(str(path))


if __name__ == "__main__":
    write_docx(OUT / "sop-pengumpulan-data-kinerja.docx")
    write_xlsx(OUT / "sop-pengumpulan-data-kinerja.xlsx")
