"""Turning a file into rows of cell texts. The format is decided by the file's first bytes (a renamed
file still reads), then its suffix; a DOCX or XLSX is a zip whose members are measured before any XML
is parsed, so a small file that inflates to gigabytes is refused up front."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from . import shapes
from .draft import SopImportError

Grid = list[list[str]]
MAX_INFLATED_BYTES = 60 * 1024 * 1024
MAX_MEMBER_RATIO = 200  # a deflated XML part rarely shrinks more than 1:20; bombs shrink 1:1000
MAX_SHEET_ROWS, MAX_SHEET_COLUMNS = 2000, 60


def max_bytes() -> int:
    return int(getattr(settings, "KINERJA_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))


def kind_of(path: Path, head: bytes) -> str:
    """"txt", "docx", "xlsx", "pdf" or "legacy" (the binary .doc/.xls of old Office)."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "legacy"
    if head.startswith(b"PK\x03\x04"):
        names = _zip_names(path)
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise SopImportError(path, None, None, None, _("the archive is neither a Word (DOCX) nor an Excel (XLSX) file"))
    suffix = path.suffix.lower()
    if suffix in {".docx", ".xlsx", ".pdf"}:
        raise SopImportError(path, None, None, None,
                             _("the file is named %(suffix)s but is not one") % {"suffix": suffix})
    return "txt"


def _damaged(path: Path) -> SopImportError:
    return SopImportError(path, None, None, None, _("the file is a damaged DOCX or XLSX (zip) archive"))


def _zip_names(path: Path) -> set[str]:
    try:
        with zipfile.ZipFile(path) as z:
            return set(z.namelist())
    except Exception:  # a damaged archive raises BadZipFile, NotImplementedError, ValueError, EOFError …
        raise _damaged(path) from None


def check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > max_bytes():
        raise SopImportError(path, None, None, f"{size / 1024 / 1024:.1f} MB", _(
            "the file is larger than %(max)d MB") % {"max": max_bytes() // (1024 * 1024)})
    if size == 0:
        raise SopImportError(path, None, None, None, _("the file is empty"))


def check_archive(path: Path) -> None:
    """Refuse a zip whose members inflate beyond a sane size before any of them is read."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except Exception:  # see _zip_names
        raise _damaged(path) from None
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_INFLATED_BYTES or (info.file_size > 1024 * 1024 and ratio > MAX_MEMBER_RATIO):
            raise SopImportError(path, None, None, info.filename, _(
                "the document inflates to more than a sane size when unpacked; it is refused"))


def text_grid(path: Path) -> Grid:
    raw = path.read_bytes()
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)  # Excel's "Unicode Text" and Word's "Unicode" text files
    elif b"\x00" in raw[:4096]:
        raise SopImportError(path, None, None, None, _("this is not a text document"))
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SopImportError(path, None, None, None, _("the text encoding cannot be read"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if path.suffix.lower() == ".csv":
        try:
            return _csv_grid(text)
        except csv.Error as e:  # a field over the csv module's limit, a stray quote at the end
            raise SopImportError(path, None, None, None, _("the CSV file cannot be read: %(error)s")
                                 % {"error": e}) from None
    return [_text_cells(line) for line in text.split("\n") if not _RULE_RE.fullmatch(line)]


def _csv_grid(text: str) -> Grid:
    """A workbook saved as CSV: separated by ";" where the decimal comma is Indonesian, else by ","."""
    sample = text[:4096]
    delimiter = max(";,\t", key=sample.count)
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


# A ruled line between rows of a text table ("|----|----|", "+====+", "-----" under a letterhead).
_RULE_RE = re.compile(r"\s*[-=+|:_ ]*[-=_]{3,}[-=+|:_ ]*\s*")


def _text_cells(line: str) -> list[str]:
    """The cells of one line: split at tabs, as Word and Excel copy a table; a line without tabs is split
    at "|", as Word's "convert table to text" and Markdown write them, its outer bars dropped."""
    if "\t" in line or "|" not in line:
        return line.split("\t")
    cells = line.strip().split("|")
    if line.strip().startswith("|"):
        cells = cells[1:]
    if line.strip().endswith("|") and cells:
        cells = cells[:-1]
    return [c.strip() for c in cells]


def docx_grid(path: Path) -> Grid:
    """Paragraphs and table rows in document order. A merged cell is written once (python-docx repeats
    it in every grid column it spans), as in the text copy. Many offices keep the letterhead, or the
    whole identity block, in the page header so that it repeats on each page: its rows come first."""
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as e:  # python-docx raises many kinds (KeyError, ValueError, lxml errors)
        raise SopImportError(path, None, None, None, _("the Word document cannot be read: %(error)s")
                             % {"error": type(e).__name__}) from None
    return _page_header_rows(document) + _block_rows(document)


def _block_rows(container: Any) -> Grid:
    """The rows of a document body or page header: a paragraph is a row of one cell."""
    from docx.table import Table

    grid: Grid = []
    for block in container.iter_inner_content():
        if not isinstance(block, Table):
            grid.append([block.text])
            continue
        # Keyed by id() but holding the element: a dropped lxml proxy's id could be reused.
        seen: dict[int, object] = {}
        # The flowchart symbols drawn in the cells (shapes.py): an empty cell holding one reads as its mark.
        symbols = shapes.cell_marks(block)
        for row, marks in zip(block.rows, symbols, strict=True):
            cells = []
            for column, cell in enumerate(row.cells):
                if id(cell._tc) in seen:
                    text = ""
                else:
                    seen[id(cell._tc)] = cell._tc
                    text = cell.text
                if not text.strip() and column < len(marks) and marks[column]:
                    text = " ".join(marks[column])
                cells.append(text)
            grid.append(cells)
    return grid


def _page_header_rows(document: Any) -> Grid:
    """The rows of the first page's header, unless it repeats the procedure table's own header row
    (which belongs with the table, below the identity block)."""
    from .table import find_table

    if not len(document.sections):
        return []
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    if header.is_linked_to_previous:  # the first section has no header of its own
        return []
    rows = _block_rows(header)
    return [] if find_table(rows) is not None else rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time | dt.timedelta):
        # A Waktu typed as "0:15" or "1:00", which Excel keeps as a time of day or a duration.
        seconds = (value.hour * 3600 + value.minute * 60 + value.second if isinstance(value, dt.time)
                   else int(value.total_seconds()))
        minutes = seconds / 60
        return f"{int(minutes // 60)} jam" if minutes and minutes % 60 == 0 else f"{minutes:g} menit"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_grids(path: Path) -> list[Grid]:
    """One grid per visible sheet, in workbook order, without its hidden rows and columns (what the
    office printed); the caller takes the first holding the procedure table."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
        try:
            grids = []
            for sheet in workbook.worksheets:
                if sheet.sheet_state != "visible":
                    continue
                hidden_columns, hidden_rows = _hidden(sheet)
                grids.append([[_cell_text(v) for column, v in enumerate(row[:MAX_SHEET_COLUMNS], start=1)
                               if column not in hidden_columns]
                              for number, row in enumerate(sheet.iter_rows(max_row=MAX_SHEET_ROWS, values_only=True),
                                                           start=1)
                              if number not in hidden_rows])
            return grids
        finally:
            workbook.close()
    except Exception as e:  # openpyxl reads lazily and raises many kinds on a damaged workbook
        raise SopImportError(path, None, None, None, _("the Excel workbook cannot be read: %(error)s")
                             % {"error": type(e).__name__}) from None


def _hidden(sheet: Any) -> tuple[set[int], set[int]]:
    """The hidden columns and rows of a sheet (numbered from 1). openpyxl's read-only mode, which keeps a
    large workbook out of memory, does not read them; one pass over the sheet's XML does."""
    from lxml import etree

    columns: set[int] = set()
    rows: set[int] = set()
    with sheet._get_source() as source:
        for _event, element in etree.iterparse(source, tag=("{*}col", "{*}row"), resolve_entities=False):
            if element.get("hidden") in {"1", "true"}:
                if etree.QName(element).localname == "col":
                    first, last = int(element.get("min", "0")), int(element.get("max", "0"))
                    columns.update(range(first, min(last, MAX_SHEET_COLUMNS) + 1))
                elif int(element.get("r", "0")) <= MAX_SHEET_ROWS:
                    rows.add(int(element.get("r", "0")))
            element.clear()
    return columns, rows
