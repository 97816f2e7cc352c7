"""Turning a file into rows of cell texts. The format is decided by the file's first bytes (a renamed
file still reads), then its suffix; a DOCX or XLSX is a zip whose members are measured before any XML
is parsed, and a PDF's compressed streams before any page is read, so a small file that inflates to
gigabytes is refused up front."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from kinerja.uploads import megabytes

from . import outside, shapes, xlsx_shapes
from .draft import DrawnArrow, DrawnNote, MergedCell, SopImportError
from .flow import is_label
from .table import closes_steps, step_label

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
        raise SopImportError(path, None, None, megabytes(size) + " MB", _(
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
    return [_text_cells(_unmarked(line)) for line in text.split("\n") if not _RULE_RE.fullmatch(line)]


def _csv_grid(text: str) -> Grid:
    """A workbook saved as CSV: separated by ";" where the decimal comma is Indonesian, else by ","."""
    sample = text[:4096]
    delimiter = max(";,\t", key=sample.count)
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


# A ruled line between rows of a text table ("|----|----|", "+====+", "-----" under a letterhead).
_RULE_RE = re.compile(r"\s*[-=+|:_ ]*[-=_]{3,}[-=+|:_ ]*\s*")


# Markdown's marks, as offices keeping their SOPs in a wiki or a Markdown file write them: a heading's
# "#"s ("# PEMERINTAH KOTA …") and the bold or italic pairs around a label or value ("**Nomor SOP**: …").
_HEADING_RE = re.compile(r"^ {0,3}#{1,6}(?: +|$)")
_EMPHASIS_RE = re.compile(r"(\*\*|__|(?<![\w*])\*(?=\S))(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def _unmarked(line: str) -> str:
    return _EMPHASIS_RE.sub(r"\2", _HEADING_RE.sub("", line))


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


def docx_grid(path: Path) -> tuple[Grid, list[DrawnArrow], list[DrawnNote]]:
    """Paragraphs and table rows in document order. A merged cell is written once (python-docx repeats
    it in every grid column it spans), as in the text copy. Many offices keep the letterhead, or the
    whole identity block, in the page header so that it repeats on each page: its rows come first.
    With them, the arrows of the flowcharts drawn in the tables, between the rows they join, and the
    warnings of the drawings anchored outside a table that could not be set against it (outside.py)."""
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as e:  # python-docx raises many kinds (KeyError, ValueError, lxml errors)
        raise SopImportError(path, None, None, None, _("the Word document cannot be read: %(error)s")
                             % {"error": type(e).__name__}) from None
    arrows: list[DrawnArrow] = []
    notes: list[DrawnNote] = []
    try:
        return _page_header_rows(document) + _block_rows(document, arrows, notes), arrows, notes
    except _Unaligned as e:
        raise SopImportError(path, None, None, e.value, e.problem) from None


class _Unaligned(Exception):
    """Tables side by side whose rows cannot be set beside each other (_side_by_side): docx_grid's problem."""

    def __init__(self, value: str, problem: str) -> None:
        super().__init__(problem)
        self.value, self.problem = value, problem


def _block_rows(container: Any, arrows: list[DrawnArrow] | None = None, notes: list[DrawnNote] | None = None) -> Grid:
    """The rows of a document body, a page header or a table cell: a paragraph is a row of one cell.
    A table laid out around others (the letterhead and the whole SOP built as cells of one outer table,
    the step table inside one of them) gives, for each row holding a table, the contents of its cells
    one after another, so the step table is found wherever it is nested. The arrows drawn in the
    tables are added to `arrows`; with `notes`, the drawings anchored in the paragraphs next to a
    procedure table are read with it (outside_paragraphs), and what of them cannot be placed is added."""
    from docx.table import Table

    from .table import find_table

    blocks = _inner_blocks(container)
    outside = outside_paragraphs(blocks) if notes is not None else {}
    grid: Grid = []
    for index, block in enumerate(blocks):
        if not isinstance(block, Table):
            grid.append([paragraph_text(block._p)])
            grid += _identity_box_rows(block._p)
            continue
        rows = _table_rows(block, arrows, outside.get(index, []), notes)
        if find_table(rows) is None and any(cell._tc.tbl_lst for row in block.rows for cell in row.cells):
            grid += _layout_rows(block, rows, arrows, notes)
        else:
            grid += rows
    return grid


_TXBX_CONTENT = f"{{{shapes.W}}}txbxContent"


def _identity_box_rows(p: Any) -> Grid:
    """The identity block laid out in floating text boxes anchored in paragraph `p` (Nomor SOP and the
    dates in one, each paired block in another, as many offices draw the first page): a row per line of
    each text box whose first line is a label of the form (Nomor SOP, Tanggal Efektif, Dasar Hukum …),
    read as if it were paragraphs. The VML copy Word keeps as a drawing's fallback is not read twice; a
    flowchart's symbol or label ("Tidak") is no part of the header and stays out."""
    from .table import BLOCK_LABELS, FIELD_LABELS, label_key

    labels = {*FIELD_LABELS, *BLOCK_LABELS}
    rows: Grid = []
    for content in p.iter(_TXBX_CONTENT):
        if shapes._shadowed(content):
            continue
        lines = [text for text in (paragraph_text(q) for q in content.iter(_P)) if text.strip()]
        key = label_key(lines[0].split(":")[0]) if lines else ""
        if any(key == label or key.startswith(label + " ") for label in labels):
            rows += [[line] for line in lines]
    return rows


def _inner_blocks(container: Any) -> list[Any]:
    """The paragraphs and tables of a document body, a page header or a table cell, in order, those in a
    content control (w:sdt, as templates wrap their identity block or table, or the whole SOP with a control
    per block inside) included at any depth: python-docx's iter_inner_content passes over them."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    parent = getattr(container, "_body", container)  # a Document's blocks are its body's
    elements = _block_elements(parent._element)
    return [Table(e, parent) if e.tag == f"{{{shapes.W}}}tbl" else Paragraph(e, parent) for e in elements]


_P, _TBL, _SDT, _SDT_CONTENT = (f"{{{shapes.W}}}{tag}" for tag in ("p", "tbl", "sdt", "sdtContent"))


def _block_elements(element: Any, tags: tuple[str, ...] = (_P, _TBL)) -> list[Any]:
    """The children of `element` with one of `tags` (paragraphs and tables), in order, and those in its
    block content controls (w:sdt) however deeply one is nested in another (a template's control for the
    whole SOP holding one per block); not those of a nested table."""
    found = []
    for child in element.iterchildren(_SDT, *tags):
        if child.tag == _SDT:
            for content in child.iterchildren(_SDT_CONTENT):
                found += _block_elements(content, tags)
        else:
            found.append(child)
    return found


def _is_procedure_table(table: Any) -> bool:
    """Whether a python-docx table holds the procedure table's header (its cells' text alone)."""
    from .table import find_table

    return find_table([[cell_text(cell._tc) for cell in row.cells] for row in table.rows]) is not None


# Where a run's text is not the paragraph's as Word shows it: deleted by a tracked change (w:del, w:moveFrom),
# in a drawing's text box (read as a flowchart symbol by shapes.py), or the fallback copy of a drawing.
_HIDDEN_RUN_PARENTS = {f"{{{shapes.W}}}{tag}" for tag in ("del", "moveFrom", "txbxContent", "drawing", "pict",
                                                           "object")} | {f"{{{shapes.MC}}}Fallback"}


def paragraph_text(p: Any) -> str:
    """A paragraph's text as Word shows it. python-docx's reads only the runs directly in the paragraph or
    a hyperlink, and so drops the text of a tracked insertion (w:ins: an SOP revised with Track Changes
    on), of a content control (w:sdt: a template's date picker for Tanggal Efektif), a field or a smart
    tag; deleted text (w:delText) is not a run's text."""
    parts = []
    for run in p.iter(f"{{{shapes.W}}}r"):
        parent = run.getparent()
        while parent is not None and parent is not p and parent.tag not in _HIDDEN_RUN_PARENTS:
            parent = parent.getparent()
        if parent is p:
            parts.append(run.text)
    return "".join(parts)


def cell_text(tc: Any) -> str:
    """A table cell's text, a line per paragraph, those in content controls (w:sdt, nested or not) included;
    a nested table's text is not the cell's. A word the author hyphenated at the end of a line to fit a narrow
    column ("Kasub-", Enter, "bag") is made whole (_join_lines)."""
    paragraphs = _block_elements(tc, (_P,))
    return _join_lines(paragraph_text(p) for p in paragraphs)


def _has_drawing(paragraph: Any) -> bool:
    return any(True for _e in paragraph._p.iter(f"{{{shapes.W}}}drawing", f"{{{shapes.W}}}pict"))


_SECT_PR, _SECTION_TYPE, _BODY = (f"{{{shapes.W}}}{tag}" for tag in ("sectPr", "type", "body"))


def _page_breaks(blocks: list[Any]) -> set[int]:
    """The paragraphs among `blocks` that end a section whose successor starts on a new page. A section's
    w:sectPr stands in its last paragraph (the document's last in the body) and its w:type says how that
    section starts: on a new page unless "continuous"."""
    from docx.table import Table

    ends = [(i, section) for i, block in enumerate(blocks) if not isinstance(block, Table)
            and block._p.pPr is not None and (section := block._p.pPr.find(_SECT_PR)) is not None]
    if not ends:
        return set()
    body = ends[-1][1]
    while body is not None and body.tag != _BODY:
        body = body.getparent()
    last = body.find(_SECT_PR) if body is not None else None
    starts = [section for _i, section in ends[1:]] + [last]
    return {i for (i, _s), following in zip(ends, starts, strict=True)
            if following is None or (kind := following.find(_SECTION_TYPE)) is None
            or kind.get(f"{{{shapes.W}}}val") != "continuous"}


def outside_paragraphs(blocks: list[Any]) -> dict[int, list[outside.Paragraph]]:
    """For each procedure table among `blocks` (paragraphs and tables of one body or cell, by its index),
    the paragraphs holding drawings next to it with no other table between: those just before it, and
    those just after it that no procedure table follows first (a paragraph between two is the next one's,
    which it stands above). A drawing there may be its flowchart, anchored outside it (outside.py)."""
    from docx.table import Table

    tables = [i for i, block in enumerate(blocks) if isinstance(block, Table)]
    procedures = {i for i in tables if _is_procedure_table(blocks[i])}
    breaks = _page_breaks(blocks) if procedures else set()
    found: dict[int, list[outside.Paragraph]] = {}
    for index in sorted(procedures):
        previous = max((i for i in tables if i < index), default=-1)
        following = min((i for i in tables if i > index), default=len(blocks))
        # Past a section break that starts a new page (the identity page portrait, the table in a landscape
        # section) a drawing stands on another page than the table: its text boxes are no symbols over it.
        before = [i for i in range(previous + 1, index)
                  if _has_drawing(blocks[i]) and not any(i <= j < index for j in breaks)]
        after = [] if following in procedures else [
            i for i in range(index + 1, following) if _has_drawing(blocks[i]) and not any(index < j < i for j in breaks)]
        found[index] = (
            [outside.Paragraph(blocks[i]._p, True, tuple(blocks[j]._p for j in range(i + 1, index))) for i in before]
            + [outside.Paragraph(blocks[i]._p, False, tuple(blocks[j]._p for j in range(index + 1, i))) for i in after])
    return found


def _layout_rows(table: Any, rows: Grid, arrows: list[DrawnArrow] | None, notes: list[DrawnNote] | None = None) -> Grid:
    """A layout table's rows (`rows`, its rows' texts): a row holding a nested table gives each of its
    cells' contents in turn (paragraphs and tables, as a document body); other rows stay rows."""
    grid: Grid = []
    seen: dict[int, object] = {}  # a merged cell once (see _table_rows)
    for row, texts in zip(table.rows, rows, strict=True):
        cells = row.cells
        if not any(cell._tc.tbl_lst for cell in cells):
            grid.append(texts)
            continue
        side = _side_by_side(row, arrows, notes)
        if side is not None:
            grid += side
            continue
        for cell in cells:
            if id(cell._tc) not in seen:
                seen[id(cell._tc)] = cell._tc
                grid += _block_rows(cell, arrows, notes)
    return grid


def _side_by_side(row: Any, arrows: list[DrawnArrow] | None, notes: list[DrawnNote] | None) -> Grid | None:
    """The rows of a procedure table laid out as tables side by side in the cells of one layout row (a landscape
    page: the flow table in the left cell, the Mutu Baku and Keterangan in a table to its right, row for row),
    each row the left table's cells and then the right ones'. None unless each cell holds one table and nothing
    else, the left one a procedure table, the others with Mutu Baku or Keterangan headings. _Unaligned when
    those have not as many rows as the procedure table: which row stands beside which step cannot be told."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from .table import STANDARD_WORDS, find_table, label_key

    tables = []
    for cell in {id(c._tc): c for c in row.cells}.values():  # a merged cell once
        blocks = [b for b in _inner_blocks(cell) if not (isinstance(b, Paragraph) and not b.text.strip())]
        if len(blocks) != 1 or not isinstance(blocks[0], Table):
            return None
        tables.append(blocks[0])
    if len(tables) < 2:
        return None
    grids = [_table_rows(tables[0], arrows, None, notes)] + [_table_rows(t) for t in tables[1:]]
    words = {w for group in STANDARD_WORDS.values() for w in group}
    if find_table(grids[0]) != 0 or not all(any(words & set(label_key(c).split()) for c in g[0]) for g in grids[1:]):
        return None
    if uneven := next((g for g in grids[1:] if len(g) != len(grids[0])), None):
        raise _Unaligned(" | ".join(c for c in uneven[0] if c.strip()), _(
            "the procedure table has a table beside it (these columns) with %(other)d rows where it has %(rows)d: "
            "which row stands beside which step cannot be told; give both tables the same rows, or put the "
            "columns into the procedure table") % {"other": len(uneven), "rows": len(grids[0])})
    for rows in zip(*grids, strict=True):
        rows[0].extend(c for other in rows[1:] for c in other)  # the left row itself: arrows name its list
    return grids[0]


def _table_rows(block: Any, arrows: list[DrawnArrow] | None = None, beside: list[outside.Paragraph] | None = None,
                notes: list[DrawnNote] | None = None) -> Grid:
    """A table's rows of cell texts (a nested table's text is not its cell's); the arrows drawn between
    its rows are added to `arrows`, and the drawings anchored in the paragraphs `beside` it are read with
    it, what of them cannot be placed added to `notes`."""
    grid: Grid = []
    fills: list[list[str | None]] = []  # each cell's shading
    # Keyed by id() but holding the element: a dropped lxml proxy's id could be reused. With the element, the
    # row and column it was first met in: a cell met again in a later row is merged down over it (vMerge).
    seen: dict[int, tuple[object, int, int]] = {}
    # The flowchart symbols drawn in the cells (shapes.py), and over them from outside (outside.py): an
    # empty cell holding one reads as its mark.
    over = outside.read(block, beside) if beside else outside.Read([], [])
    drawn = shapes.read_table(block, over.drawings)
    if notes is not None:
        notes += [DrawnNote(None, "", problem) for problem in over.notes + drawn.notes]
    for r, (row, marks) in enumerate(zip(block.rows, drawn.marks, strict=True)):
        cells: list[str] = []
        colours: list[str | None] = []
        here: set[int] = set()  # the cells met in this row: a cell merged across columns counts once
        for column, cell in enumerate(row.cells):
            key = id(cell._tc)
            first = seen.get(key)
            if first is None:
                seen[key] = (cell._tc, r, column)
                text = cell_text(cell._tc)
            elif first[1] < r and key not in here:
                # Merged down from the row above: blank as before, with the merged text for the Mutu Baku.
                top, top_column = grid[first[1]], first[2]
                merged = top[top_column]
                if not isinstance(merged, MergedCell):
                    merged = top[top_column] = MergedCell(merged, merged, object())
                text = MergedCell("", merged.text, merged.key)
            else:
                text = ""
            here.add(key)
            if column < len(marks) and marks[column] and (not text.strip() or is_label(text)):
                # A decision's "Ya" or "Tidak" typed in the cell its diamond is drawn over labels the branch that
                # leaves it there: the symbol is the cell's mark (the arrows read the label from the cell).
                text = " ".join(marks[column])
            cells.append(text)
            colours.append(_shading(cell._tc))
        grid.append(cells)
        fills.append(colours)
    for cells, columns in zip(grid, filled_marks(grid, fills), strict=True):
        for column in columns:
            cells[column] = FILLED_MARK
    if arrows is not None:
        arrows += [DrawnArrow(grid[a.source] if a.source is not None else None,
                              grid[a.target] if a.target is not None else None, _KINDS.get(a.kind, ""), a.answer,
                              _KINDS.get(a.target_kind, ""), a.unplaced) for a in drawn.arrows]
    return grid


def _shading(tc: Any) -> str | None:
    """The colour a Word table's cell is shaded with, None for none or white: its w:shd fill, or the pattern drawn
    over it ("Pattern: Solid (100%)" or a percentage, as Word 2003 and the Pattern box write shading: w:val "solid"
    or "pct50" and the pattern's w:color, the fill left "auto"; an "auto" pattern is black)."""
    from docx.oxml.ns import qn

    shd = tc.tcPr.find(qn("w:shd")) if tc.tcPr is not None else None
    if shd is None or (pattern := shd.get(qn("w:val")) or "clear") == "nil":
        return None
    fill = (shd.get(qn("w:fill")) or "").upper()
    fill = fill if fill and fill not in ("AUTO", "FFFFFF") else ""
    colour = (shd.get(qn("w:color")) or "AUTO").upper()
    if pattern != "clear" and colour != "FFFFFF":
        return f"{fill or 'FFFFFF'}/{pattern}/{'000000' if colour == 'AUTO' else colour}"
    return fill or None


_KINDS = {shapes.BOX: "process", shapes.DECISION: "decision", shapes.TERMINATOR: "terminator"}


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
    # A word hyphenated at a line break typed in the cell (Alt+Enter) to fit a narrow column: made whole.
    return _join_lines([value]) if isinstance(value, str) else str(value)


def xlsx_grids(path: Path, drawings: list[tuple[list[DrawnArrow], list[DrawnNote]]] | None = None,
               titles: list[str] | None = None) -> list[Grid]:
    """One grid per visible sheet, in workbook order, without its hidden rows and columns (what the
    office printed); the caller takes the one holding the procedure table (or the one chosen of several).
    With `drawings`, the flowchart drawn on each sheet is read too (xlsx_shapes.py): an empty cell holding
    a symbol reads as its mark, and the sheet's arrows and notes are added to `drawings`, one entry per
    grid. With `titles`, each grid's sheet name is added to it."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
        try:
            grids = []
            for sheet in workbook.worksheets:
                if sheet.sheet_state != "visible":
                    continue
                hidden_columns, hidden_rows, merges = _layout(sheet)
                rows = [[c for column, c in enumerate(row[:MAX_SHEET_COLUMNS], start=1) if column not in hidden_columns]
                        for number, row in enumerate(sheet.iter_rows(max_row=MAX_SHEET_ROWS), start=1)
                        if number not in hidden_rows]
                grids.append([[_cell_text(getattr(c, "value", None)) for c in row] for row in rows])
                _mark_merged_down(grids[-1], merges, hidden_columns, hidden_rows)
                if titles is not None:
                    titles.append(sheet.title)
                if drawings is not None:
                    drawings.append(_xlsx_drawing(path, workbook, sheet, grids[-1]))
                _mark_filled(grids[-1], rows)
            return grids
        finally:
            workbook.close()
    except SopImportError:
        raise
    except Exception as e:  # openpyxl reads lazily and raises many kinds on a damaged workbook
        raise SopImportError(path, None, None, None, _("the Excel workbook cannot be read: %(error)s")
                             % {"error": type(e).__name__}) from None


# The mark an actor's cell filled with colour and holding no text stands for (see _mark_filled).
FILLED_MARK = "■"


def _fill_colour(cell: Any) -> str | None:
    """The colour a cell is filled with ("rgb:FFBFBFBF", "theme:4"), None for no fill or white."""
    fill = getattr(cell, "fill", None)
    if fill is None or fill.fill_type != "solid" or (colour := fill.fgColor) is None:
        return None
    if colour.type == "rgb":
        return f"rgb:{colour.rgb}" if isinstance(colour.rgb, str) and colour.rgb[-6:].upper() != "FFFFFF" else None
    if colour.type == "theme":
        return f"theme:{colour.theme}:{colour.tint}" if colour.theme != 0 or colour.tint < 0 else None
    return f"indexed:{colour.indexed}" if colour.indexed not in (9, 64) else None


def filled_marks(rows: Sequence[Sequence[str]], colours: Sequence[Sequence[str | None]]) -> list[list[int]]:
    """The cells of a table's rows that mark a step's actor by their colour alone (a workbook's, a Word table's
    or a PDF's cells filled, no symbol or text in them, the flowchart's shapes lost or drawn elsewhere), one list
    per row: the empty cells filled with a colour (`colours`, None for none) of a step's rows. A step's first row
    opens with its label as the No. column prints it ("1", "1.", "1)", "(1)", "a.", "3.1"); the rows under it
    whose cell in that column is blank (a number merged down over them, or a step written over two rows) are
    the same step's, until a blank row, a row whose text starts at or before the No. column (a heading, the
    end of the table), a row naming itself a note, legend or total ("Keterangan warna:", "Jumlah waktu":
    table.closes_steps), or a row outside the step's merged No. cell whose text stands in a column the step's
    first row writes nothing in (a legend's "Pelaksana" beside its swatch in an actor's column). A colour the
    step's text cells share too is a band over the whole row (a decision's row shaded), no mark; more than
    _MOST_FILLED such cells in a row are the Pelaksana columns shaded by design."""
    marked: list[list[int]] = []
    no: int | None = None  # the No. column of the step whose rows these are; None outside the steps
    band: set[str | None] = set()
    written: set[int] = set()  # the columns the step's first row writes in
    for texts, fills in zip(rows, colours, strict=True):
        first = next((i for i, text in enumerate(texts) if text.strip()), None)
        merged = no is not None and isinstance(texts[no] if no < len(texts) else "", MergedCell)
        if first is not None and (no is None or first <= no) and step_label(texts[first].strip()) is not None:
            no, band = first, set()  # a step's first row
            written = {i for i, text in enumerate(texts) if text.strip()}
        elif no is None or (first is not None and first <= no):
            no = None  # above the steps (the header), or a heading or text under them
        elif first is None and not any(fills) and not merged:
            no = None  # a blank row ends the step
        elif first is not None and (closes_steps(texts[first])
                                    or (not merged and any(text.strip() and i not in written
                                                           for i, text in enumerate(texts)))):
            no = None  # a legend or total under the last step ("Keterangan warna:" beside a filled swatch)
        if no is None:
            marked.append([])
            continue
        band |= {colour for text, colour in zip(texts, fills, strict=False) if text.strip()}
        row = [i for i, (text, colour) in enumerate(zip(texts, fills, strict=False))
               if colour is not None and colour not in band and not text.strip()]
        marked.append(row if len(row) <= _MOST_FILLED else [])
    return marked


# The most cells of a step's row its colour alone marks: one actor, or two doing the step together.
_MOST_FILLED = 2


def _mark_filled(grid: Grid, rows: list[list[Any]]) -> None:
    """A workbook's steps' actor cells marked by their fill alone read as FILLED_MARK (filled_marks)."""
    for at, columns in enumerate(filled_marks(grid, [[_fill_colour(c) for c in cells] for cells in rows])):
        for column in columns:
            grid[at][column] = FILLED_MARK


def _xlsx_drawing(path: Path, workbook: Any, sheet: Any, grid: Grid) -> tuple[list[DrawnArrow], list[DrawnNote]]:
    """The flowchart drawn on a sheet: its symbols' marks written into the empty cells they stand in (as
    _table_rows does for a Word table), its arrows and notes between the grid's rows."""
    try:
        drawn = xlsx_shapes.read_sheet(workbook._archive, sheet._worksheet_path, grid, max_rows=MAX_SHEET_ROWS,
                                       max_columns=MAX_SHEET_COLUMNS)
    except Exception as e:  # lxml's errors on a damaged part, a missing member
        raise SopImportError(path, None, None, sheet.title, _(
            "the drawing on this sheet cannot be read: %(error)s") % {"error": type(e).__name__},
            sheets=[sheet.title]) from None
    for (row, column), marks in drawn.marks.items():
        cells = grid[row]
        cells += [""] * (column + 1 - len(cells))
        if not cells[column].strip() or is_label(cells[column]):  # as a Word table's cell (_table_rows)
            cells[column] = " ".join(marks)
    arrows = [DrawnArrow(grid[a.source] if a.source is not None else None,
                         grid[a.target] if a.target is not None else None, _KINDS.get(a.kind, ""), a.answer,
                         _KINDS.get(a.target_kind, ""), a.unplaced) for a in drawn.arrows]
    return arrows, [DrawnNote(grid[note.row], note.mark, note.problem, note.cells) for note in drawn.notes]


def _layout(sheet: Any) -> tuple[set[int], set[int], list[tuple[int, int, int, int]]]:
    """The hidden columns and rows of a sheet (numbered from 1), and its merged ranges (first column, first
    row, last column, last row). openpyxl's read-only mode, which keeps a large workbook out of memory, reads
    neither; one pass over the sheet's XML does."""
    from lxml import etree
    from openpyxl.utils.cell import range_boundaries

    columns: set[int] = set()
    rows: set[int] = set()
    merges: list[tuple[int, int, int, int]] = []
    with sheet._get_source() as source:
        for _event, element in etree.iterparse(source, tag=("{*}col", "{*}row", "{*}mergeCell"),
                                               resolve_entities=False):
            name = etree.QName(element).localname
            if name == "mergeCell":
                try:
                    first_column, first_row, last_column, last_row = range_boundaries(element.get("ref", ""))
                except (TypeError, ValueError):
                    pass  # a damaged reference: the cells read as unmerged
                else:
                    if None not in (first_column, first_row, last_column, last_row):
                        merges.append((first_column, first_row, last_column, last_row))
            elif element.get("hidden") in {"1", "true"}:
                if name == "col":
                    first, last = int(element.get("min", "0")), int(element.get("max", "0"))
                    columns.update(range(first, min(last, MAX_SHEET_COLUMNS) + 1))
                elif int(element.get("r", "0")) <= MAX_SHEET_ROWS:
                    rows.add(int(element.get("r", "0")))
            element.clear()
    return columns, rows, merges


def _mark_merged_down(grid: Grid, merges: list[tuple[int, int, int, int]], hidden_columns: set[int],
                      hidden_rows: set[int]) -> None:
    """Mark the cells of each range merged over several rows (MergedCell), in its first column: the first
    row's text, blank below as openpyxl reads them, each with the range's text (what the office sees there)."""
    at_row = {number: i for i, number in enumerate(n for n in range(1, MAX_SHEET_ROWS + 1) if n not in hidden_rows)}
    at_column = {number: i for i, number in
                 enumerate(n for n in range(1, MAX_SHEET_COLUMNS + 1) if n not in hidden_columns)}
    for first_column, first_row, last_column, last_row in merges:
        column = next((at_column[c] for c in range(first_column, min(last_column, MAX_SHEET_COLUMNS) + 1)
                       if c in at_column), None)
        shown = [at_row[r] for r in range(first_row, min(last_row, MAX_SHEET_ROWS) + 1)
                 if r in at_row and at_row[r] < len(grid)]
        if column is None or len(shown) < 2 or first_row not in at_row:
            continue  # one row (a header merged across columns), or its first row hidden
        key = object()
        text = grid[shown[0]][column] if column < len(grid[shown[0]]) else ""
        for i, index in enumerate(shown):
            row = grid[index]
            row += [""] * (column + 1 - len(row))
            if i and row[column]:
                continue  # a value under the range's first row: not what the sheet shows
            row[column] = MergedCell(text if i == 0 else "", text, key)


# PDF. pdfplumber (on pdfminer.six) gives each character with its position and finds tables by their
# ruling lines, which is how every SOP AP is printed; text extractors (pdftotext, pypdf) give lines of
# text whose columns must be guessed from spaces, and camelot needs Ghostscript and OpenCV. pdfplumber
# is maintained, needs no program of the system, and reads a merged header cell as one cell.
MAX_PDF_PAGES = 60
# Points: two ruling lines closer than this are one column edge; a gap wider than this many times the
# font size between two words of a line outside a table separates two cells ("NOMOR SOP      12/SOP").
_EDGE_TOLERANCE = 3.0
_CELL_GAP = 1.5
# The share of the page's height at its top and bottom where running headers and footers stand.
_MARGIN_BAND = 0.15
# A page whose image covers this share of it is a scan (a letterhead's logo covers a few percent).
_SCAN_SHARE = 0.3
_PAGE_NUMBER_RE = re.compile(r"(halaman|hal|page)\.?\s*\d+(\s*(dari|/|of)\s*\d+)?", re.IGNORECASE)

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
# A line of a cell ending at a hyphen after a letter, the next starting with a letter: the layout wrapped a
# compound there ("Undang-" above "Undang") or hyphenated a word of a narrow column ("Kasub-" above "bag",
# "Sekre‐" above "taris": Word prints "-", WeasyPrint and LibreOffice U+2010, some a soft hyphen).
_WRAPPED_AT_HYPHEN_RE = re.compile(r"(?P<before>[^\W\d_]+)(?P<hyphen>[-\u2010\u00ad])\n(?P<after>[^\W\d_]+)")


def _unhyphenated(m: re.Match[str]) -> str:
    """One wrap at a hyphen made whole: a compound keeps its hyphen (a capital after it, "Undang-Undang", "non-PNS";
    a doubled word, "surat-surat", "sehari-hari"), a word hyphenated by the layout loses it ("Kasub-" "bag":
    "Kasubbag"; "b-" "bag" of a column a few letters wide)."""
    before, after = m["before"], m["after"]
    one, two = before.lower(), after.lower()
    doubled = one == two or (len(two) >= 3 and one.endswith(two)) or (len(one) >= 3 and two.startswith(one))
    compound = not after[0].islower() or doubled
    return before + ("-" if compound and m["hyphen"] != "\u00ad" else "") + after


def _join_lines(lines: Iterable[str]) -> str:
    """The lines of one cell as one text, a line each; a compound or a word wrapped at its hyphen made whole, also a
    word a narrow column hyphenates twice ("Kasub‐" above "bag‐" above "umum"): each match takes the line after the
    hyphen, so a word's middle line is joined again in the next round."""
    text = "\n".join(lines)
    for _round in range(text.count("\n")):
        joined = _WRAPPED_AT_HYPHEN_RE.sub(_unhyphenated, text)
        if joined == text:
            break
        text = joined
    return text


# Words that stand alone on the line after a full line of one word in a column as wide as its longest word
# ("Pejabat" above "yang" above "berwenang"): a wrap between two words, never the rest of one.
_SHORT_WORDS = frozenset("ke di dan atau dari kepada untuk yang dengan oleh pada dalam serta bila jika apabila lalu "
                         "tidak ya sesuai langkah kembali nomor no".split())


def _first_step_row(texts: list[list[str | None]]) -> int:
    """The index of a table's first row opening with a step's label as the No. column prints it ("1", "1.", "1)",
    "(1)", "a."), 0 when none does."""
    for r, row in enumerate(texts):
        first = next((t.strip() for t in row if t and t.strip()), "")
        if step_label(first) is not None:
            return r
    return 0


def _broken_words(text: str, box: Box, chars: list[dict[str, Any]], *, words: Counter[str] | None = None) -> str:
    """The text of a table cell with each word the layout broke without a hyphen made whole again: a word too long
    for a narrow column (an actor's name, "Sekreta" above "ris") is broken where the line is full, so a line of one
    word filling the cell, the next going on in small letters, is one word. The cell's padding is taken as the
    smallest gap left of its lines (centred or not). `chars`: the table's upright characters, spaces aside.
    `words`, for a cell of a step's row (the table's words counted): there a full line of one word above a word in
    small letters is as likely a wrap between two words ("Rancangan" above "diperiksa", "Menerima" above "surat"),
    so the two are one word only on strong evidence: together they are wider than the column's lines (a layout
    breaks inside a word only then), the first part is written nowhere else in the table as a word, and the whole
    word is written elsewhere in it ("menyam" above "paikan" where "menyampaikan" is) or the rest is one to three
    small letters ("keputusa" above "n"). Else a space: "Mengarsipkan" above "dokumen", each written once, are
    two words, and a space wrongly kept reads better than two words glued."""
    if "\n" not in text:
        return text
    from pdfplumber.utils import cluster_objects

    inside = [c for c in chars if _centre_in(c, box)]
    lines = sorted(cluster_objects(inside, "top", tolerance=3), key=lambda line: min(c["top"] for c in line))
    texts = text.split("\n")
    if len(lines) != len(texts):
        return text  # read some other way (a turned name): left as read
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    padding = min(line[0]["x0"] - box[0] for line in lines)
    out = texts[0]
    for i in range(1, len(texts)):
        line, after = lines[i - 1], lines[i][0]
        room = box[2] - line[-1]["x1"] - padding
        fragment = texts[i - 1].strip()
        # Small letters going on, or the rest of an abbreviation in capitals ("PE" above "P").
        going_on = after["text"].islower() or (after["text"].isupper() and fragment.isupper())
        whole = (" " not in fragment and fragment[-1:].isalpha() and going_on
                 and room < (after["x1"] - after["x0"]) + 1.0
                 and texts[i].split(maxsplit=1)[0].strip(".,:;").lower() not in _SHORT_WORDS)
        if whole and words is not None:
            rest = texts[i].split(maxsplit=1)[0]
            width = line[-1]["x1"] - line[0]["x0"] + sum(c["x1"] - c["x0"] for c in lines[i][:len(rest)])
            one, two = fragment.lower(), rest.strip(".,:;").lower()
            # Strong evidence only: the first part is written nowhere else as a word of its own, and either the
            # whole word is written elsewhere or the rest is a letter or three ("Memeriks" above "a").
            whole = width > box[2] - box[0] - 2 * padding and words[one] <= 1 and (
                words[one + two] > 0 or (len(two) <= 3 and two.isalpha() and two.islower()))
        out += ("" if whole else "\n") + texts[i]
    return out


class PageRow(list[str]):
    """A row of a PDF's grid knowing the pages its text stands on: one, or two (or more) for a row the page
    broke. Problems of the step it holds name them (table.step_error)."""

    pages: tuple[int, ...]

    def __init__(self, cells: Iterable[str], pages: Iterable[int]) -> None:
        super().__init__(cells)
        self.pages = tuple(sorted(set(pages)))

    def __reduce__(self) -> tuple[type[PageRow], tuple[list[str], tuple[int, ...]]]:
        return PageRow, (list(self), self.pages)  # copied or pickled with its pages

    def on(self, pages: Iterable[int]) -> None:
        self.pages = tuple(sorted({*self.pages, *pages}))


@dataclass
class _Table:
    page: int
    bbox: Box
    rows: list[list[tuple[Box, str] | None]]  # a merged cell once, None where it continues

    def texts(self) -> Grid:
        return [PageRow(["" if c is None else _join_lines([c[1]]) for c in row], [self.page]) for row in self.rows]


@dataclass
class _Word:
    x0: float
    x1: float
    size: float
    text: str
    top: float = 0.0
    bottom: float = 0.0


@dataclass
class _Line:
    page: int
    top: float
    cells: list[tuple[float, str]]  # (x0, text) of each run of words; a wide gap separates two
    margin: bool = False  # in the band at the top or bottom of the page
    words: list[_Word] = field(default_factory=list)  # left to right
    bottom: float = 0.0
    page_height: float = 0.0

    def text(self) -> str:
        return " ".join(t for _x, t in self.cells)


@dataclass
class _Page:
    number: int
    items: list[_Table | _Line] = field(default_factory=list)
    chars: int = 0
    image_share: float = 0.0  # how much of the page its largest image covers


def check_pdf(path: Path) -> None:
    """Refuse a PDF whose compressed streams inflate beyond a sane size before pdfminer reads them (it
    inflates a whole stream in memory). Images are skipped: tables are read without decoding them."""
    data = path.read_bytes()
    total = 0
    for m in re.finditer(rb"(?<!end)stream(?:\r\n|\n|\r)", data):
        end = data.find(b"endstream", m.end())
        if end < 0:
            break
        dictionary = data[max(data.rfind(b"obj", 0, m.start()), 0):m.start()]
        if b"/Image" in dictionary:
            continue
        chunk = data[m.end():end]
        limit = min(MAX_INFLATED_BYTES - total, max(1024 * 1024, len(chunk) * MAX_MEMBER_RATIO))
        try:
            inflated = len(zlib.decompressobj().decompress(chunk, limit + 1))
        except zlib.error:  # not deflated (or damaged: pdfminer says so when it reads the page)
            continue
        total += inflated
        if inflated > limit:
            raise SopImportError(path, None, None, None, _(
                "the document inflates to more than a sane size when unpacked; it is refused"))


def pdf_grid(path: Path) -> Grid:
    """The rows of a PDF with a text layer: the text and tables above the procedure table as they stand
    (the identity block, as a table or as lines), then the procedure table's rows on the columns of its
    header, its parts on later pages joined (a row broken by the page continues the step above it, the
    running header and footer between the parts left out), then what stands below it. Columns are
    taken from the header because the flowchart drawn across the Pelaksana columns adds lines of its
    own that split cells."""
    import pdfplumber

    check_pdf(path)
    try:
        with pdfplumber.open(str(path)) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise SopImportError(path, None, None, str(len(pdf.pages)), _(
                    "the PDF has more than %(max)d pages") % {"max": MAX_PDF_PAGES})
            pages = [_read_page(page, number) for number, page in enumerate(pdf.pages, start=1)]
    except SopImportError:
        raise
    except Exception as e:  # pdfminer raises many kinds on a damaged file (PDFSyntaxError, KeyError, …)
        if _needs_password(e):
            raise SopImportError(path, None, None, None, _(
                "the PDF is protected with a password: save or print it as a PDF without a password, or "
                "upload the Word document it was made from")) from None
        cause = e.args[0] if e.args and isinstance(e.args[0], Exception) else e  # pdfplumber wraps pdfminer's
        raise SopImportError(path, None, None, None, _(
            "the PDF is damaged and cannot be read (%(error)s): save it again from the program that made it")
            % {"error": type(cause).__name__}) from None
    scanned = SopImportError(path, None, None, None, _(
        "the PDF has no text, only the image of scanned pages: kinerja cannot read a scan. Upload the "
        "document the office typed (export it from Word as PDF, or as DOCX), or type its text into a "
        ".txt file"))
    if not any(page.chars for page in pages):
        raise scanned
    grid = _pdf_rows(path, pages)
    from .table import find_table

    if find_table(grid) is None and any(page.image_share > _SCAN_SHARE for page in pages):
        raise scanned  # the letterhead typed, the procedure scanned
    return grid


def _needs_password(error: BaseException) -> bool:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen: list[BaseException] = []
    todo: list[object] = [error]
    while todo:
        e = todo.pop()
        if not isinstance(e, BaseException) or e in seen:
            continue
        if isinstance(e, PDFPasswordIncorrect | PDFEncryptionError):
            return True
        seen.append(e)
        todo += [e.__cause__, e.__context__, *e.args]  # pdfplumber wraps pdfminer's error in its own
    return False


def _white(color: object) -> bool:
    if isinstance(color, int | float):
        color = (color,)
    if not isinstance(color, tuple | list) or not color or not all(isinstance(c, int | float) for c in color):
        return False
    if len(color) == 4:  # CMYK
        return all(c <= 0.05 for c in color)
    return all(c >= 0.95 for c in color)


def _drawn(obj: dict[str, Any]) -> bool:
    """Whether a line or box shows on the page: a white box behind the page (as HTML and Word print
    their page background) is no ruling line."""
    if obj.get("object_type") not in {"rect", "line", "curve"}:
        return True
    stroked = obj.get("stroke", True) and not _white(obj.get("stroking_color"))
    filled = obj.get("fill") and not _white(obj.get("non_stroking_color"))
    return bool(stroked or filled)


def _centre_in(obj: dict[str, Any], box: Box) -> bool:
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _rotated_text(rotated: list[dict[str, Any]], upright: list[dict[str, Any]], box: Box,
                  text: str | None) -> str | None:
    """The text of a table cell printed turned a quarter (the actors' names in narrow Pelaksana columns,
    which Word prints bottom to top or top to bottom), read along its own lines: pdfplumber reads every
    cell's characters across the page, which spells a turned name backwards one letter per line
    ("nohomeP"). `rotated` and `upright`: the page's characters turned and not (spaces aside); `text` is kept
    for a cell holding no turned ones, or upright ones too."""
    from pdfplumber.utils import cluster_objects

    chars = [c for c in rotated if _centre_in(c, box)]
    if not chars or any(_centre_in(c, box) for c in upright):
        return text  # nothing turned, or turned and upright text mixed: left as read
    # The direction of the text on the page (y up in PDF space): b > 0 reads bottom to top, b < 0 top to bottom.
    upward = chars[0]["matrix"][1] > 0
    lines = cluster_objects(chars, lambda c: round((c["x0"] + c["x1"]) / 2), tolerance=3)
    # Bottom to top, the first line stands leftmost; top to bottom, rightmost.
    lines.sort(key=lambda line: line[0]["x0"], reverse=not upward)
    out = []
    for line in lines:
        line.sort(key=lambda c: -c["bottom"] if upward else c["top"])
        words, last = "", None
        for c in line:
            # A gap along the line wider than a third of the letter's size is a space the PDF does not print.
            gap = (last["top"] - c["bottom"] if upward else c["top"] - last["bottom"]) if last is not None else 0
            if c["text"].isspace() or (gap > c["size"] / 3 and words and not words.endswith(" ")):
                words += " "
            if not c["text"].isspace():
                words += c["text"]
            last = c
        out.append(" ".join(words.split()))
    return "\n".join(out)


def _read_page(page: Any, number: int) -> _Page:
    result = _Page(number=number, chars=len(page.chars))
    area = float(page.width * page.height) or 1.0
    result.image_share = max((float((i["x1"] - i["x0"]) * (i["bottom"] - i["top"])) / area for i in page.images),
                             default=0.0)
    if not result.chars:
        return result
    drawn = page.filter(_drawn)
    boxes: list[Box] = []
    settings = {"explicit_horizontal_lines": _open_ends(drawn.edges)}
    rotated = [c for c in page.chars if not c.get("upright", True)]
    upright_chars = [c for c in page.chars if c.get("upright", True) and not c["text"].isspace()]
    upright = upright_chars if rotated else []
    fills = [r for r in page.rects if r.get("fill") and not _white(r.get("non_stroking_color"))]
    for table in drawn.find_tables(settings):
        texts = table.extract()
        # Words broken without a hyphen are looked for in a table of steps: in its header rows (above its first step)
        # the narrow Pelaksana columns hold names longer than the column; in the steps' rows, where a full line of one
        # word ("Rancangan" above "diperiksa") is as likely a wrap between words, only a word wider than its column.
        first_step = _first_step_row(texts)
        plain = [c for c in upright_chars if _centre_in(c, tuple(table.bbox))] if first_step else []
        words = Counter(w.strip(".,:;()").lower() for row in texts for text in row if text for w in text.split())
        texts = [[_join_lines([_broken_words(text, tuple(box), plain, words=words if r >= first_step else None)
                               if first_step else text])
                  if box is not None and text else text
                  for box, text in zip(row.cells, row_texts, strict=True)]
                 for r, (row, row_texts) in enumerate(zip(table.rows, texts, strict=True))]
        if rotated:
            texts = [[_rotated_text(rotated, upright, tuple(box), text) if box is not None else text
                      for box, text in zip(row.cells, row_texts, strict=True)]
                     for row, row_texts in zip(table.rows, texts, strict=True)]
        rows = [[None if box is None else (tuple(box), text or "") for box, text in zip(row.cells, row_texts, strict=True)]
                for row, row_texts in zip(table.rows, texts, strict=True)]
        _mark_filled_boxes(rows, fills)
        _mark_spans(rows)
        boxes.append(tuple(table.bbox))
        result.items.append(_Table(page=number, bbox=tuple(table.bbox), rows=rows))
    outside = page.filter(lambda o: o.get("object_type") != "char" or not any(_centre_in(o, b) for b in boxes))
    from pdfplumber.utils import cluster_objects

    words = outside.extract_words(extra_attrs=["size"])
    height = float(page.height)
    # By the foot of the words: a line mixing sizes sits on one baseline, text printed over other text
    # (a clipped running title under the letterhead) does not.
    for line in cluster_objects(words, "bottom", tolerance=2):
        line.sort(key=lambda w: w["x0"])
        line_words = [_Word(float(w["x0"]), float(w["x1"]), float(w["size"]), w["text"], float(w["top"]),
                            float(w["bottom"])) for w in line]
        top = min(w.top for w in line_words)
        bottom = max(w.bottom for w in line_words)
        margin = bottom < height * _MARGIN_BAND or top > height * (1 - _MARGIN_BAND)
        cells = [(span.x0, span.text) for span in _spans(line_words)]
        result.items.append(_Line(page=number, top=top, cells=cells, margin=margin, bottom=bottom, page_height=height,
                                  words=line_words))
    result.items.sort(key=lambda item: item.bbox[1] if isinstance(item, _Table) else item.top)
    return result


def _mark_filled_boxes(rows: list[list[tuple[Box, str] | None]], fills: list[dict[str, Any]]) -> None:
    """A PDF's steps' actor cells marked by their fill alone (a box filled with colour covering the cell, as a
    workbook or a Word table prints it) read as FILLED_MARK (filled_marks)."""
    if not fills:
        return

    def colour(box: Box) -> str | None:
        x0, top, x1, bottom = box
        area = max((x1 - x0) * (bottom - top), 1e-6)
        for r in fills:
            width = min(x1, float(r["x1"])) - max(x0, float(r["x0"]))
            height = min(bottom, float(r["bottom"])) - max(top, float(r["top"]))
            if width > 0 and height > 0 and width * height >= _FILLED_SHARE * area:
                return repr(r.get("non_stroking_color"))
        return None

    texts = [[cell[1] if cell is not None else "" for cell in row] for row in rows]
    colours = [[colour(cell[0]) if cell is not None else None for cell in row] for row in rows]
    for row, columns in zip(rows, filled_marks(texts, colours), strict=True):
        for i in columns:
            row[i] = (row[i][0], FILLED_MARK)  # type: ignore[index]


# The share of a cell a filled box covers for the cell to be filled (its padding or rules aside).
_FILLED_SHARE = 0.6


def _mark_spans(rows: list[list[tuple[Box, str] | None]]) -> None:
    """Mark the cells merged down over several rows (MergedCell), as the Word and Excel readers do: pdfplumber
    gives such a cell in its first row, reaching below the row's other cells, and None in the rows it covers,
    which become the range's cell with "" as their own text. A cell merged across columns only stays one
    cell, None beside it."""
    reaching: dict[int, tuple[Box, MergedCell]] = {}  # column -> the cell reaching down over it, and its text
    for row in rows:
        boxes = [cell[0] for cell in row if cell is not None]
        if not boxes:
            continue
        top, bottom = min(b[1] for b in boxes), min(b[3] for b in boxes)  # pdfplumber's row box takes in a span
        for column, cell in enumerate(row):
            if cell is not None:
                reaching.pop(column, None)
                box, text = cell
                if box[3] > bottom + _EDGE_TOLERANCE:
                    merged = MergedCell(text, text, object())
                    row[column] = (box, merged)
                    reaching[column] = (box, merged)
            elif column in reaching:
                box, merged = reaching[column]
                if top < box[3] - _EDGE_TOLERANCE:
                    row[column] = (box, MergedCell("", merged.text, merged.key))
                else:
                    del reaching[column]


def covered(cell: str | None) -> bool:
    """Whether a cell of a PDF table row is None or one a cell above is merged down over (_mark_spans): no
    cell of its own starts there."""
    return cell is None or (isinstance(cell, MergedCell) and not cell)


def _open_ends(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lines closing a table the page broke: a row that runs on to the next page has its side rules but
    no rule under it (nor, on the next page, above it). Where three column rules or more end at one
    height with no rule across them, that height closes the table."""
    from pdfplumber.utils import cluster_objects

    verticals = [e for e in edges if e["orientation"] == "v"]
    horizontals = [e for e in edges if e["orientation"] == "h"]
    closing = []
    for end in ("top", "bottom"):
        for group in cluster_objects(verticals, end, tolerance=1):
            y = float(group[0][end])
            x0, x1 = float(min(e["x0"] for e in group)), float(max(e["x1"] for e in group))
            ruled = any(abs(float(h["top"]) - y) <= 1 and h["x0"] < x1 and h["x1"] > x0 for h in horizontals)
            crossed = any(v["top"] < y - 1 and v["bottom"] > y + 1 and x0 <= v["x0"] <= x1 for v in verticals)
            if len(group) < 3 or ruled or crossed:
                continue
            closing.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0,
                            "height": 0.0})
    return closing


def _running_lines(pages: list[_Page]) -> set[int]:
    """The ids of the running headers and footers: a line in the page's top or bottom band that stands
    at the same height on every page, or every page but one (a first page of its own), its numbers aside,
    or that is a page number. Not on two pages of many, nor at other heights: the rows of a table broken
    by the page that differ only by their numbers ("9 … 45 menit" and "13 … 65 menit"), or the last line
    of a row printed without rules ("kecamatan") ending several pages, are no running lines."""
    def key(line: _Line) -> str:
        # Its band too: a table's line ending one page may repeat at the top of the next, no running line.
        band = "top" if line.top < line.page_height / 2 else "bottom"
        return band + " " + re.sub(r"\d+", "#", " ".join(line.text().lower().split()))

    lines = [item for page in pages for item in page.items if isinstance(item, _Line) and item.margin]
    places: dict[str, list[_Line]] = {}
    for line in lines:
        places.setdefault(key(line), []).append(line)

    def repeated(line: _Line) -> bool:
        on = {other.page for other in places[key(line)] if abs(other.top - line.top) <= _EDGE_TOLERANCE}
        return len(on) >= max(2, len(pages) - 1)

    running = {id(line) for line in lines if _PAGE_NUMBER_RE.fullmatch(line.text().strip())}
    # A line repeated on other pages runs only from the page's edge inward: the text of a table printed
    # without rules may repeat at the top of two pages ("yang berlaku di kecamatan") below other text.
    for page in pages:
        for edge in (page.items, page.items[::-1]):
            for item in edge:
                if not isinstance(item, _Line) or not item.margin:
                    break
                if id(item) in running:
                    continue
                if not repeated(item) or _heads_table(item):
                    break
                running.add(id(item))
    # A letterhead or identity block in the page header (as the DOCX reader reads Word's), not a running
    # title: on the first page, the lines repeated at its top are kept when they are several or name a
    # field of the identity block ("Nomor SOP"); the repeats on later pages go.
    from .table import _field_label

    first = next((page for page in pages if page.items), None)
    top: list[_Line] = []
    for item in first.items if first else []:
        if not isinstance(item, _Line) or id(item) not in running:
            break
        if not _PAGE_NUMBER_RE.fullmatch(item.text().strip()):
            top.append(item)
    if len(top) >= 2 or any(_field_label(t)[0] for line in top for _x, t in line.cells):
        running -= {id(line) for line in top}
    return running


def _heads_table(line: _Line) -> bool:
    """Whether the line heads a procedure table (its "No." and activity header): never a running header,
    though a table printed without rules repeats it on each page."""
    return _no_word(line) is not None and _names_activity(line.words)


def _names_activity(words: list[_Word]) -> bool:
    from .table import _is_activity_header, label_key

    return "uraian" in label_key(" ".join(w.text for w in words)) or any(
        _is_activity_header(label_key(w.text)) for w in words)


def _pdf_rows(path: Path, pages: list[_Page]) -> Grid:
    from .table import find_table

    running = _running_lines(pages)
    items = [item for page in pages for item in page.items if id(item) not in running]
    first = next((i for i, item in enumerate(items) if isinstance(item, _Table) and find_table(item.texts()) is not None),
                 None)
    if first is None:
        return _aligned_rows(path, items)
    procedure = items[first]
    assert isinstance(procedure, _Table)
    start = find_table(procedure.texts())
    assert start is not None
    columns = _header_columns(procedure, start)
    no = _no_column(_on_columns(procedure.rows[start], columns))
    depth = _header_depth_of(procedure, start)
    head = _Table(page=procedure.page, bbox=procedure.bbox, rows=procedure.rows[:start])
    grid = _header_rows([*items[:first], head])
    # What stood above the procedure table on its page, which the pages after it may repeat (the identity
    # block as a workbook's print titles, or as the first rows of the table Word repeats with its header).
    above = {_item_key(item) for item in items[:first]}
    head_rows = {_row_key(row) for row in head.texts()}
    parts = [i for i, item in enumerate(items) if i >= first and isinstance(item, _Table)
             and abs(item.bbox[0] - procedure.bbox[0]) < 2 * _EDGE_TOLERANCE
             and abs(item.bbox[2] - procedure.bbox[2]) < 2 * _EDGE_TOLERANCE and _item_key(item) not in above]
    parts = [i for n, i in enumerate(parts) if n == 0 or _continues(items, parts[n - 1], i, above)] or [first]
    body_from = len(grid)
    for n, i in enumerate(parts):
        table = items[i]
        assert isinstance(table, _Table)
        rows = table.rows[start:] if n == 0 else table.rows
        while n and len(rows) > 1 and _row_key(_Table(table.page, table.bbox, rows[:1]).texts()[0]) in head_rows:
            rows = rows[1:]
        _add_part(grid, [_on_columns(row, columns) for row in rows], no=no, depth=depth, continued=n > 0,
                  body_from=body_from + depth, page=table.page)
    for item in items[parts[-1] + 1:]:
        if isinstance(item, _Line):
            grid.append(PageRow([item.text()], [item.page]))
        else:
            grid += item.texts()
    return grid


def _row_key(row: list[str]) -> str:
    return "|".join(" ".join(c.split()) for c in row)


def _item_key(item: _Table | _Line) -> str:
    """What a table or line says, to find it repeated on another page."""
    if isinstance(item, _Line):
        return "line " + _line_key(item)
    return "table " + "\n".join(_row_key(row) for row in item.texts())


def _continues(items: list[_Table | _Line], previous: int, index: int, above: set[str]) -> bool:
    """Whether the table at `index` goes on with the one at `previous`: it opens the next page, with
    nothing above it but the running header and what stood above the procedure table on its first page
    (`above`: the identity block repeated on each page, as a workbook's print titles repeat it)."""
    table, before = items[index], items[previous]
    if table.page != before.page + 1:
        return False
    between = items[previous + 1:index]
    return all((isinstance(item, _Line) and (item.page == before.page or item.margin)) or _item_key(item) in above
               for item in between)


def _no_column(row: list[str | None]) -> int:
    from .table import is_no_header

    return next((i for i, c in enumerate(row) if is_no_header(c or "")), 0)


def _header_depth_of(table: _Table, start: int) -> int:
    from .table import header_depth

    texts = table.texts()
    return header_depth(texts[start:], _no_column(texts[start]))


def _header_columns(table: _Table, start: int) -> list[float]:
    """The left edges of the procedure table's columns: those of its header rows' cells."""
    depth = _header_depth_of(table, start)
    edges = sorted({cell[0][0] for row in table.rows[start:start + depth] for cell in row if cell is not None})
    columns: list[float] = []
    for x in edges:
        if not columns or x - columns[-1] > _EDGE_TOLERANCE:
            columns.append(x)
    return columns


def _on_columns(row: list[tuple[Box, str] | None], columns: list[float]) -> list[str | None]:
    """A table row on the header's columns: a cell goes to the column it starts in (a cell split by a
    line of the flowchart joins its neighbour); None where no cell starts."""
    cells: list[str | None] = [None] * len(columns)
    for cell in row:
        if cell is None:
            continue
        box, text = cell
        index = max((i for i, x in enumerate(columns) if x <= box[0] + _EDGE_TOLERANCE), default=0)
        previous = cells[index]
        cells[index] = text if not previous else f"{previous}\n{text}" if text else previous
    return cells


def _add_part(grid: Grid, rows: list[list[str | None]], *, no: int, depth: int, continued: bool,
              body_from: int, page: int) -> None:
    """Add one page's part of the procedure table. A row that starts no cell in the No. column (that cell
    runs on from the row above, split by a line of the flowchart) belongs to the row above; so do the
    first rows of a part on a new page without a step number (a row the page broke). A header repeated
    on the page has the `depth` rows of the first. Each row knows its `page` (PageRow), a row the page broke
    both."""
    from .table import find_table

    # A merged cell's range kept (MergedCell).
    texts = [PageRow(["" if c is None else c for c in row], [page]) for row in rows]
    header = depth if texts and find_table(texts[:1]) == 0 else 0
    last = len(grid) - 1  # the row a row without its own No. cell continues
    grid += texts[:header]
    opening = continued
    for row, cells in zip(rows[header:], texts[header:], strict=True):
        runs_on = covered(row[no]) or (opening and not cells[no].strip())
        opening = False
        if runs_on and last >= body_from and any(t.strip() for t in cells):
            above = grid[last]
            above += [""] * (len(cells) - len(above))
            for i, text in enumerate(cells):
                if text.strip():
                    above[i] = f"{above[i]}\n{text}" if above[i].strip() else text
            if isinstance(above, PageRow):
                above.on([page])
            continue
        grid.append(cells)
        last = len(grid) - 1


def _header_rows(parts: list[_Table | _Line]) -> Grid:
    """The rows above the procedure table: a table's rows as they stand, lines of text as the text copy
    has them (see _field_rows and _block_section). A cell holding a block's label and its items
    ("DASAR HUKUM :" and the laws below it) gives a row of labels and a row of items. Lines following a
    table that held the identity block are page headings, not a block's items, until a line names a
    block; but for the lines of a legend of the actors ("Kaban = Kepala Badan"), which table.actor_legend reads."""
    from .table import _field_label

    grid: Grid = []
    after_identity = False
    run: list[_Line] = []
    for item in [*parts, None]:
        if isinstance(item, _Line):
            run.append(item)
            continue
        if run:
            start = next((i for i, line in enumerate(run) if _names_block(line)), len(run))
            start = _beside_block(run, start)
            if not after_identity:
                grid += _field_rows(run[:start])
            else:
                # A legend of the actors' abbreviations between the identity and the table ("Kaban = Kepala Badan"),
                # with the lines its paragraph wraps onto ("Bidang Kearsipan" under "…, Kabid = Kepala").
                grid += [[line.text()] for line in _legend_run(run[:start])]
            if start < len(run):
                grid += _block_section(run[start:])
                after_identity = False
            run = []
        if isinstance(item, _Table):
            rows = item.texts()
            grid += rows
            after_identity = any(_field_label(c)[0] for row in rows for c in row)
    return grid


def _legend_run(lines: list[_Line]) -> list[_Line]:
    """The lines of a legend of the actors among `lines` (those after an identity table): each line with a "="
    and the lines of its paragraph under it (on its page, at most half a line's height lower), which the
    layout wrapped it onto; table.actor_legend tells which of them go on with an entry."""
    kept: list[_Line] = []
    for i, line in enumerate(lines):
        above = lines[i - 1] if i else None
        if "=" in line.text() or (above is not None and kept and kept[-1] is above and above.page == line.page
                                  and line.top - above.bottom <= _size([above]) / 2):
            kept.append(line)
    return kept


# The identity block and the blocks under it printed without rules. A table exported without borders
# prints each cell's lines where the cell aligns them (at its top, centred or at its foot), so the lines
# of cells side by side stand level only by chance: the letterhead's lines between the fields' lines,
# a field's label level with the second line of its value, a block's label level with another block's
# first item. The cells are told apart by their columns (the left edge the labels share) and, within a
# column, by the gaps between lines: the lines of one cell are closer together than two cells are.
@dataclass
class _Span:
    x0: float
    x1: float
    text: str
    words: list[_Word]


def _spans(words: list[_Word]) -> list[_Span]:
    """The runs of words of a line (left to right), a gap wider than _CELL_GAP font sizes between two."""
    spans: list[_Span] = []
    for word in words:
        if spans and word.x0 - spans[-1].x1 <= _CELL_GAP * word.size:
            last = spans[-1]
            spans[-1] = _Span(last.x0, word.x1, f"{last.text} {word.text}", [*last.words, word])
        else:
            spans.append(_Span(word.x0, word.x1, word.text, [word]))
    return spans


def _text(words: list[_Word]) -> str:
    return " ".join(span.text for span in _spans(words))


def _size(lines: list[_Line]) -> float:
    return max((w.size for line in lines for w in line.words), default=0.0)


def _shared_left(xs: list[float]) -> float:
    """The left edge most of `xs` share (within _EDGE_TOLERANCE), the leftmost of equals."""
    return max(sorted(xs), key=lambda x: sum(1 for other in xs if abs(other - x) <= _EDGE_TOLERANCE))


def _names_block(line: _Line) -> bool:
    from .table import _block_label

    return any(_block_label(span.text) for span in _spans(line.words))


def _beside_block(lines: list[_Line], start: int) -> int:
    """Where the blocks start, `start` being the first line naming one: a block's label centred or at
    the foot beside its items ("Dasar Hukum  :  1. …" with the items on the lines above and below it)
    has the lines of its first items above it, each a line's space from the next and starting where the
    text after the label starts."""
    from .table import _block_label, _field_label

    if start >= len(lines):
        return start
    label = next(span for span in _spans(lines[start].words) if _block_label(span.text))
    # Where the text beside the label starts (the colon aside): after the label on its line, or where the
    # next lines start right of it (under a label over its items, they start under it).
    def first(words: list[_Word]) -> float:
        x = next((w.x0 for w in words if w.text != ":"), float("inf"))
        return x if x > label.x1 else float("inf")

    items = min([first([w for w in lines[start].words if w.x0 > label.x1])]
                + [first(line.words) for line in lines[start + 1:start + 3] if line.page == lines[start].page])
    while start > 0 and (above := lines[start - 1]).words \
            and abs(first(above.words) - items) <= _EDGE_TOLERANCE \
            and not any(_field_label(t)[0] for _x, t in above.cells) \
            and lines[start].top - above.bottom <= _size([above]) / 2 and above.page == lines[start].page:
        start -= 1
    return start


def _owners(lines: list[tuple[int, float, float]], labels: list[int], beside: bool) -> list[int]:
    """For each of `lines` ((page, top, bottom), top to bottom) the index of the label line (one of
    `labels`, ascending) it belongs to. A cell's lines below its label belong to it; where the label
    stands beside its text (`beside`) and is centred or at the foot of its cell, the text's first lines
    stand above it: between two labels, the widest gap parts the one's lines from the other's (the
    later gap of equals: a cell aligned at its top)."""
    owners = [labels[0]] * len(lines)
    for a, b in zip(labels, [*labels[1:], len(lines)], strict=True):
        cut = b
        if beside and b < len(lines):
            widest = float("-inf")
            for i in range(a + 1, b + 1):
                above, below = lines[i - 1], lines[i]
                gap = below[1] - above[2] if below[0] == above[0] else float("inf")
                if gap >= widest - 0.5:
                    widest, cut = max(gap, widest), i
        for i in range(a, b):
            owners[i] = a if i < cut else b
    return owners


def _label_words(words: list[_Word]) -> int:
    """How many of the first words make a field's label ("Nomor SOP", "Tgl. Pembuatan"), 0 if none; a
    colon after it is not counted."""
    from .table import _field_label

    for n in (3, 2, 1):
        name, inline = _field_label(" ".join(w.text for w in words[:n])) if len(words) >= n else (None, None)
        if name and not inline:
            while words[n - 1].text == ":":
                n -= 1
            return n
    return 0


def _field_rows(lines: list[_Line]) -> Grid:
    """The rows of the lines above the blocks: a row per field of the identity block (letterhead,
    label, value), whatever the lines its cells' texts fell on; other lines as they stand.

    The identity block's labels stand one under the other at one left edge, their values at another
    further right (or in two pairs of such columns, "Nomor SOP : …   Tanggal Pembuatan : …"). Left of
    the labels' edge stands the letterhead, its lines top-aligned, centred or at the foot against the
    fields'; its words from the first field's line down are the letterhead's. A value's lines belong to
    the label beside them, parted from the next field's by the widest gap (a label centred against a
    value of three lines stands level with its second). A label wrapped over two lines ("TANGGAL" above
    "PEMBUATAN") is one label. The block ends at a block's label, a line running across the labels'
    edge, another page or a gap wider than _END_GAP font sizes."""
    def plain(part: list[_Line]) -> Grid:
        return [[t for _x, t in line.cells] for line in part if line.cells]

    # (line, label's left, label's right) of each run of words opening with a field's label; a label a
    # padding from its value runs on into it ("TANGGAL PEMBUATAN 9 Januari 2023").
    found = [(i, span.x0, span.words[n - 1].x1) for i, line in enumerate(lines) for span in _spans(line.words)
             if (n := _label_words(span.words))]
    if len(found) < 2:
        return plain(lines)

    def at(edge: float) -> list[tuple[int, float]]:
        return [(i, x1) for i, x0, x1 in found if abs(x0 - edge) <= _EDGE_TOLERANCE]

    # The labels' left edges: the one most labels share, and any other that two labels or more share (a
    # value opening with a label's word, "NOMOR POKOK WAJIB PAJAK", makes none).
    edges = [_shared_left([x0 for _i, x0, _x1 in found])]
    for _i, x0, _x1 in found:
        if all(abs(x0 - edge) > _EDGE_TOLERANCE for edge in edges) and len(at(x0)) >= 2:
            edges.append(x0)
    edges.sort()
    first = min(i for edge in edges for i, _x1 in at(edge))
    last = max(i for edge in edges for i, _x1 in at(edge))
    bands: list[tuple[float, float, float]] = []  # the labels' left, the values' left, the next band's left
    for k, edge in enumerate(edges):
        limit = edges[k + 1] - _EDGE_TOLERANCE if k + 1 < len(edges) else float("inf")
        labels_at = at(edge)
        # The values' left: where the first word after a label starts ("NOMOR SOP   12/SOP", or the colon
        # of "NOMOR SOP   :   12/SOP"), or a run of words right of the labels' edge (a value not level
        # with its label) starts, on two lines or more and right of every label found; labels written
        # with their values as lines of text ("Nomor SOP: 12/SOP", "Tanggal Efektif: 2 Januari 2025")
        # have none.
        starts = [x for i, x1 in labels_at
                  if (x := next((w.x0 for w in lines[i].words if x1 < w.x0 < limit), None)) is not None]
        starts += [span.x0 for line in lines[first:last + 1] for span in _spans(line.words)
                   if edge + _EDGE_TOLERANCE < span.x0 < limit]
        value_edge = min((x for x in starts if x > max(x1 for _i, x1 in labels_at) - _EDGE_TOLERANCE
                          and sum(1 for other in starts if abs(other - x) <= _EDGE_TOLERANCE) >= 2),
                         default=float("inf"))
        bands.append((edge, value_edge, limit))

    def parts(line: _Line) -> tuple[list[_Word], list[tuple[list[_Word], list[_Word]]]] | None:
        """The letterhead's words of a line, and in each band the labels' and the values' words; None
        when a word runs across the labels' edge."""
        left = [w for w in line.words if w.x0 < edges[0] - _EDGE_TOLERANCE]
        if any(w.x1 > edges[0] + _EDGE_TOLERANCE for w in left):
            return None
        split = []
        for edge, value_edge, limit in bands:
            inside = [w for w in line.words if edge - _EDGE_TOLERANCE <= w.x0 < limit]
            split.append(([w for w in inside if w.x0 < value_edge - _EDGE_TOLERANCE],
                          [w for w in inside if w.x0 >= value_edge - _EDGE_TOLERANCE]))
        return left, split

    page, size = lines[first].page, _size(lines)
    start = first  # a value's lines above its label (a label centred beside them) start the block
    while start > 0 and (above := parts(lines[start - 1])) is not None \
            and any(value for _label, value in above[1]) and not any(label for label, _value in above[1]) \
            and lines[start - 1].page == page and lines[start].top - lines[start - 1].bottom <= size:
        start -= 1
    end = first + 1
    while end < len(lines) and lines[end].page == page and parts(lines[end]) is not None \
            and not _names_block(lines[end]) and lines[end].top - lines[end - 1].bottom <= _END_GAP * size:
        end += 1
    letterhead: list[str] = []
    split_lines: list[tuple[_Line, list[tuple[list[_Word], list[_Word]]]]] = []
    for line in lines[start:end]:
        left, split = parts(line) or ([], [([], line.words)])  # parts() said None only outside start:end
        if left:
            letterhead.append(_text(left))
        split_lines.append((line, split))
    right_edge = max(w.x1 for line in lines if line.page == page for w in line.words)
    grid: Grid = []
    for k, (_edge, _value_edge, limit) in enumerate(bands):
        band = [(line, split[k]) for line, split in split_lines if k < len(split) and (split[k][0] or split[k][1])]
        grid += _band_rows(band, size, min(limit, right_edge))
    if letterhead and grid:
        grid[0].insert(0, "\n".join(letterhead))
    return plain(lines[:start]) + grid + plain(lines[end:])


def _band_rows(band: list[tuple[_Line, tuple[list[_Word], list[_Word]]]], size: float, right_edge: float) -> Grid:
    """A row [label, value] per field of one column of labels and its values (see _field_rows), from
    each line's (labels' words, values' words) in that column."""
    from .table import _field_label

    right: list[tuple[int, float, float]] = []  # (page, top, bottom) of the labels' and values' words
    labels: list[str | None] = []  # the label's text, None for a value's line
    values: list[list[_Word]] = []
    for line, (label, value) in band:
        place = (line.page, min(w.top for w in label + value), max(w.bottom for w in label + value))
        # A value written as a paragraph ("Nama SOP : PELAYANAN …") wraps at the text's right edge onto a
        # line starting under the labels: that line is the value's, not a label of its own, when its first
        # word would not have fitted on the line above and it stands a line's space under it.
        if label and values and values[-1] and not _field_label(_text(label))[0] \
                and place[1] - right[-1][2] <= 0.35 * size \
                and max(w.x1 for w in values[-1]) + 0.3 * size + label[0].x1 - label[0].x0 > right_edge:
            label, value = [], label + value
        right.append(place)
        labels.append(_text(label) if label else None)
        values.append(value)
    heads = [i for i, label in enumerate(labels) if label is not None]
    # A label wrapped over two lines: the second line's label joins the first.
    for a, b in zip(heads, heads[1:], strict=False):
        first_part, second_part = labels[a] or "", labels[b] or ""
        if not _field_label(second_part)[0] and _field_label(f"{first_part} {second_part}")[0] \
                and right[b][1] - right[a][2] <= size:
            labels[a], labels[b] = f"{first_part} {second_part}", ""
    rows: dict[int, list[list[_Word]]] = {}
    if heads:
        for i, owner in enumerate(_owners(right, heads, beside=True)):
            while labels[owner] == "":  # the second line of a wrapped label
                owner = max(h for h in heads if h < owner)
            rows.setdefault(owner, []).append(values[i])
    grid: Grid = []
    for head, value_lines in sorted(rows.items()):
        label = (labels[head] or "").rstrip(": ")
        value = _join_lines(text for words in value_lines if (text := _text(words).lstrip(": "))).strip()
        if _field_label(label)[1]:  # the value starts in the label's run of words ("Nama SOP: PELAYANAN")
            label, value = f"{label}\n{value}".strip(), ""
        grid.append([label, *([value] if value else [])])
    return grid


def _block_section(lines: list[_Line]) -> Grid:
    """The blocks (Dasar Hukum, Kualifikasi Pelaksana, …) from their first label's line down: for each
    block a row of its label and a row of its items, as the text copy has them. The blocks stand in
    columns, each starting at its labels' left edge; a line's words go to the column they start in, so
    the items of two blocks side by side on one line (or a block's label level with another's item)
    are parted. In a column, the lines under a label are its items (or, where the label stands beside
    its items, the lines parted by the widest gap, see _owners). Lines after a gap wider than _END_GAP
    font sizes (a title above the procedure table) are no items."""
    from .table import _block_label

    size = _size(lines)
    end = 1
    while end < len(lines) and (lines[end].page != lines[end - 1].page
                                or lines[end].top - lines[end - 1].bottom <= _END_GAP * size):
        end += 1
    lines = lines[:end]
    lefts: list[float] = []
    for span in (s for line in lines for s in _spans(line.words) if _block_label(s.text)):
        if not any(abs(span.x0 - x) <= 2 * _EDGE_TOLERANCE for x in lefts):
            lefts.append(span.x0)
    lefts.sort()
    columns: list[list[tuple[int, list[_Word]]]] = [[] for _x in lefts]  # (line index, words) per column
    for i, line in enumerate(lines):
        words: dict[int, list[_Word]] = {}
        for w in line.words:
            words.setdefault(max((k for k, x in enumerate(lefts) if x <= w.x0 + _EDGE_TOLERANCE), default=0),
                             []).append(w)
        for k, column_words in sorted(words.items()):
            columns[k].append((i, column_words))
    blocks: list[tuple[tuple[int, float, float], str, list[str]]] = []  # (page, top, left), label, items
    for entries in columns:
        heads = [n for n, (_i, words) in enumerate(entries) if _block_label(_text(words))]
        if not heads:
            continue
        # Where the labels' words end: items starting right of that stand beside their label.
        label_right = min(entries[n][1][len((_block_label(_text(entries[n][1])) or ("", ""))[0].split()) - 1].x1
                          for n in heads)
        content = [words for n, (_i, words) in enumerate(entries) if n not in heads]
        beside = heads[0] > 0 or all(min(w.x0 for w in words) >= label_right - _EDGE_TOLERANCE for words in content)
        places = [(lines[i].page, min(w.top for w in words), max(w.bottom for w in words)) for i, words in entries]
        owners = _owners(places, heads, beside=beside)
        for n in heads:
            label, rest = _block_label(_text(entries[n][1])) or ("", "")
            items = [rest if m == n else _text(words) for m, (_i, words) in enumerate(entries) if owners[m] == n]
            place = (places[n][0], places[n][1], min(w.x0 for w in entries[n][1]))
            blocks.append((place, label, [item for item in items if item]))
    grid: Grid = []
    for _place, label, items in sorted(blocks, key=lambda block: (block[0][0], round(block[0][1]), block[0][2])):
        grid.append([label])
        if items:
            grid.append([_join_lines(items)])
    return grid


# A procedure table printed without ruling lines (its text aligned in columns only): pdfplumber's table
# finders need lines, and its "text" strategy splits a wrapped cell into rows and a multi-line header
# into cells. So the table is read from the words' positions, anchored on what every SOP AP has: a
# header row naming "No." and the activity column, and step numbers under "No.". The header's words,
# less the labels spanning several columns ("Pelaksana", "Mutu Baku"), give one cluster per column (words
# overlapping across lines, or a space apart on a line); the bound between two columns is the widest
# strip of their gap that no word of the steps crosses. A row runs from a step number to the next.
_SPANNING_WORDS = {"pelaksana", "mutu", "baku"}
_WORD_GAP = 0.5  # times the font size: at most a space between two words of one cell
_ROW_GAP = 1.0  # times the font size: the gap between two steps when no two share a page
_MIN_ROW_GAP = 0.2  # times the font size: two steps are never closer
_END_GAP = 3.0  # times the font size: a wider gap between two lines ends the table
_MAX_HEADER_LINES = 8


def _aligned_rows(path: Path, items: list[_Table | _Line]) -> Grid:
    """The rows of a PDF whose procedure table has no ruling lines, or the rows as they stand (and
    read_grid says there is no procedure table) when no line heads one."""
    for index, item in enumerate(items):
        if isinstance(item, _Line) and (no := _no_word(item)) is not None:
            found = _aligned_table(path, items, index, no)
            if found is not None:
                begin, end, rows = found
                grid = _header_rows(items[:begin]) + rows
                for rest in items[end:]:
                    grid += [PageRow([rest.text()], [rest.page])] if isinstance(rest, _Line) else rest.texts()
                return grid
    return _header_rows(items)


def _no_word(line: _Line) -> _Word | None:
    from .table import label_key

    # "No." only: "Nomor" is a word of running text ("Undang-Undang Nomor 25"); "No. Urut" starts with "No.".
    return next((w for w in line.words if label_key(w.text) == "no"), None)


def _step_word(line: _Line, no: _Word) -> str | None:
    """The step number the line starts under the "No." of the header ("3", "3.", "c.", "3.1"), if any."""
    from .table import step_label

    # Under "No.": its middle between the header's left (less a font size) and its right (plus half of
    # one); a number wrapped into the activity column's text ("… ke langkah / 3.2") stands further right.
    first = next((w for w in line.words if w.x1 > no.x0 - no.size), None)
    if first is None or (first.x0 + first.x1) / 2 > no.x1 + no.size / 2 or step_label(first.text.strip()) is None:
        return None
    return first.text


def _aligned_table(path: Path, items: list[_Table | _Line], start: int,
                   no: _Word) -> tuple[int, int, Grid] | None:
    """(index of the table's first item, of the first item after it, its rows) for the table whose "No."
    stands in items[start], or None when the lines from there do not head a procedure table."""
    from .table import STANDARD_WORDS, column_numbering, label_key

    top = items[start]
    assert isinstance(top, _Line)
    header: list[_Line] = []
    body_at = None
    for index in range(start, min(start + _MAX_HEADER_LINES + 1, len(items))):
        line = items[index]
        if not isinstance(line, _Line) or line.page != top.page:
            break
        if index > start and _step_word(line, no) is not None:
            body_at = index
            break
        header.append(line)
    # "Pelaksana" and "Mutu Baku" centred over their columns' names may stand above the "No." line.
    begin = start
    while begin > 0 and isinstance(above := items[begin - 1], _Line) and above.page == top.page and all(
            label_key(w.text) in _SPANNING_WORDS for w in above.words):
        begin -= 1
        header.insert(0, above)
    words = {label_key(w.text) for line in header for w in line.words}
    if not _names_activity([w for line in header for w in line.words]) or not STANDARD_WORDS["time"] & words:
        return None
    if body_at is None:
        raise SopImportError(path, None, None, top.text(), _(
            "page %(page)d: the procedure table's header was found, but no numbered step under its “No.” "
            "column: print the table with its ruling lines, or upload the Word document") % {"page": top.page})
    above = {_line_key(line) for line in items[:begin] if isinstance(line, _Line)}
    lines, end = _aligned_lines(items, body_at, no, {label_key(w.text) for line in header for w in line.words},
                                above)
    # The first step's lines above its number (a number centred in its row) are under the header: the
    # widest gap from the header's first line down parts them.
    standard = {w for group in STANDARD_WORDS.values() for w in group}
    floor = 1 + max(i for i, line in enumerate(header) if standard & {label_key(w.text) for w in line.words})
    cut = floor - 1 + _widest_gap([*header[floor - 1:], lines[0]], len(header) - floor + 1, _row_gap(lines, no))
    header, lines = header[:cut], [*header[cut:], *lines]
    header = [line for line in header if not column_numbering([w.text for w in line.words])]
    clusters = _header_clusters(header)
    rows = _aligned_steps(lines, no)
    body_lines = [line for row in rows for line in row]
    bounds = _column_bounds(clusters, [w for line in body_lines for w in line.words], _cell_starts(body_lines))
    if len(clusters) < 4:
        raise SopImportError(path, None, None, " | ".join(_cluster_text(c) for c in clusters), _(
            "page %(page)d: the columns of the procedure table cannot be told apart (its header's words run "
            "together): print the table with its ruling lines, or upload the Word document") % {"page": top.page})
    grid: Grid = [[_cluster_text(c) for c in clusters]]
    for row in rows:
        cells: list[list[str]] = [[] for _ in clusters]
        for line in row:
            parts: dict[int, list[str]] = {}
            for word in line.words:
                centre = (word.x0 + word.x1) / 2
                parts.setdefault(sum(1 for b in bounds if b <= centre), []).append(word.text)
            for column, texts in parts.items():
                cells[column].append(" ".join(texts))
        grid.append(PageRow([_join_lines(texts) for texts in cells], [line.page for line in row]))
    return begin, end, grid


def _header_clusters(header: list[_Line]) -> list[list[tuple[int, _Word]]]:
    """The header's words (line index, word) grouped by column, left to right; the labels spanning
    several columns left out."""
    from .table import label_key

    words = [(n, w) for n, line in enumerate(header) for w in line.words]
    spanning = {i for i, (_n, w) in enumerate(words) if label_key(w.text) in _SPANNING_WORDS}
    words = [item for i, item in enumerate(words) if i not in spanning]
    parent = list(range(len(words)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (line_i, a) in enumerate(words):
        for j in range(i + 1, len(words)):
            line_j, b = words[j]
            if line_i == line_j:
                together = -a.size <= max(b.x0 - a.x1, a.x0 - b.x1) <= _WORD_GAP * a.size
            else:
                together = a.x0 < b.x1 and b.x0 < a.x1
            if together:
                parent[root(i)] = root(j)
    groups: dict[int, list[tuple[int, _Word]]] = {}
    for i, item in enumerate(words):
        groups.setdefault(root(i), []).append(item)
    return sorted(groups.values(), key=lambda g: min(w.x0 for _n, w in g))


def _cluster_text(cluster: list[tuple[int, _Word]]) -> str:
    ordered = sorted(cluster, key=lambda item: (item[0], item[1].x0))
    return " ".join(w.text for _n, w in ordered)


def _cell_starts(lines: list[_Line]) -> set[int]:
    """The ids of the words that start a cell's text on their line: the first, or one more than a space
    (_WORD_GAP font sizes) from the word before it."""
    starts = set()
    for line in lines:
        end = None
        for word in line.words:
            if end is None or word.x0 - end > _WORD_GAP * word.size:
                starts.add(id(word))
            end = word.x1
    return starts


def _column_bounds(clusters: list[list[tuple[int, _Word]]], body: list[_Word], starts: set[int]) -> list[float]:
    """The x between each two neighbouring columns: the middle of the widest strip of the gap between
    their header words that no word of the steps crosses (or that the fewest cross). A step's text
    starting in the gap (`starts`: a cell's text flush left under a centred header, "X" left of
    "Petugas") is the right column's, and a text running into the gap from the left the left column's:
    the strip is sought between them."""
    bounds = []
    for left, right in zip(clusters, clusters[1:], strict=False):
        low = max(w.x1 for _n, w in left)
        high = min(w.x0 for _n, w in right)
        if high <= low:
            bounds.append((low + high) / 2)
            continue
        # Only where a strip stays between the texts so placed: else the strip of the whole gap.
        after = max([w.x1 for w in body if w.x0 <= low < w.x1 < high], default=low)
        before = min([w.x0 for w in body if id(w) in starts and low < w.x0 < high], default=high)
        if after < before:
            low, high = after, before
        steps = max(int((high - low) * 2), 1)
        xs = [low + (high - low) * k / steps for k in range(steps + 1)]
        crossing = [sum(1 for w in body if w.x0 < x < w.x1) for x in xs]
        fewest = min(crossing)
        best, run_start, best_run = 0, None, (0, 0)
        for k, count in enumerate([*crossing, fewest + 1]):
            if count == fewest and run_start is None:
                run_start = k
            elif count != fewest and run_start is not None:
                if k - run_start > best:
                    best, best_run = k - run_start, (run_start, k - 1)
                run_start = None
        bounds.append((xs[best_run[0]] + xs[best_run[1]]) / 2)
    return bounds


def _line_key(line: _Line) -> str:
    return " ".join(line.text().lower().split())


def _aligned_lines(items: list[_Table | _Line], start: int, no: _Word, header_words: set[str],
                   above: set[str]) -> tuple[list[_Line], int]:
    """The lines of the steps from items[start] (the first step number's line) and the index after the
    table, the header repeated on a later page left out (the lines opening the page made of the header's
    words only: a header centred in its cells may wrap into other lines than on the first page), and so
    the lines above the table repeated there (`above`: the identity block repeated on each page as the
    print titles of a workbook). The table ends at a ruled table, at a line starting under "No." that is
    no step number, or at a gap wider than any inside a step."""
    from .table import label_key

    lines: list[_Line] = []
    kept: list[int] = []  # the index in `items` of each line
    index = start
    while index < len(items):
        line = items[index]
        if not isinstance(line, _Line):
            break
        previous = lines[-1] if lines else None
        new_page = previous is not None and line.page != previous.page
        if new_page and line.words and (all(label_key(w.text) in header_words for w in line.words)
                                        or _line_key(line) in above):
            index += 1
            continue
        numbered = _step_word(line, no) is not None
        if previous is not None and not numbered and not new_page and (
                (line.words and line.words[0].x0 < no.x1) or line.top - previous.bottom > _END_GAP * no.size):
            break
        lines.append(line)
        kept.append(index)
        index += 1
    # Below the last step number: its lines, closer to each other than two steps are.
    last = max(i for i, line in enumerate(lines) if _step_word(line, no) is not None)
    gap = _row_gap(lines, no)
    for i in range(last + 1, len(lines)):
        if lines[i].page == lines[i - 1].page and lines[i].top - lines[i - 1].bottom >= gap:
            return lines[:i], kept[i]
    return lines, index


def _row_gap(lines: list[_Line], no: _Word) -> float:
    """The gap between two steps: between two step numbers on one page, the widest gap between lines is
    the one between the steps; the narrowest of those. A font size when no two steps share a page."""
    numbered = [i for i, line in enumerate(lines) if _step_word(line, no) is not None]
    widest = []
    for a, b in zip(numbered, numbered[1:], strict=False):
        if lines[a].page == lines[b].page:
            widest.append(max(lines[i + 1].top - lines[i].bottom for i in range(a, b)))
    return max(min(widest, default=_ROW_GAP * no.size), _MIN_ROW_GAP * no.size)


def _widest_gap(lines: list[_Line], last: int, page_break: float) -> int:
    """The index in `lines` (up to `last`, the next step number's line) after the widest gap between two
    of them, the later one on a tie (a number at the top of its row); a page break counts as `page_break`."""
    best, at = float("-inf"), last
    for i in range(1, last + 1):
        above, below = lines[i - 1], lines[i]
        gap = below.top - above.bottom if below.page == above.page else page_break
        if gap >= best - 0.5:
            best, at = max(gap, best), i
    return at


def _aligned_steps(lines: list[_Line], no: _Word) -> list[list[_Line]]:
    """The lines of each step: from the widest gap above its number line to the widest above the next
    one (a number at the top of its row, or centred in it)."""
    numbered = [i for i, line in enumerate(lines) if _step_word(line, no) is not None]
    gap = _row_gap(lines, no)
    starts = [0]
    for a, b in zip(numbered, numbered[1:], strict=False):
        starts.append(a + _widest_gap(lines[a:b + 1], b - a, gap) if b > a + 1 else b)
    return [lines[begin:end] for begin, end in zip(starts, [*starts[1:], len(lines)], strict=True)]
