"""The flowchart symbols drawn on an Excel SOP's sheet, read as marks of the grid cells they stand in.

Hand-written because no library reads them: openpyxl drops a sheet's drawings when it loads a workbook
(it keeps pictures and charts at most, never shapes or connectors), so an Excel SOP whose flowchart is
drawn with shapes (the usual way offices draw one in Excel) gave empty Pelaksana cells and no arrows.
This reads the drawing part itself (xl/worksheets/_rels/sheetN.xml.rels → xl/drawings/drawingN.xml)
with lxml, and hands over what shapes.py hands over for a Word table: for each grid cell the marks of
the symbols standing there, and the arrows between the symbols of two rows (shapes.Arrow), which
readers.py turns into cell text and DrawnArrow objects. The decisions (the actor of a step, a return,
a branch, the "Tidak" of a decision) stay with table.py; where an end touches a symbol and which arrow a
label belongs to are shapes.py's own functions (_flows, _answers, _with_labels), called with the one
frame a sheet has.

Where a symbol stands. A drawing's shapes are anchored to the sheet: a twoCellAnchor by the cells of its
top left and bottom right corners (column/row plus an offset in EMU), a oneCellAnchor by its top left
cell and its size, an absoluteAnchor by its place in EMU from the sheet's corner. All are set in one
frame, EMU from the sheet's top left, by the columns' widths (<col width>, Excel's character widths at
7 pixels a digit, 64 pixels by default) and the rows' heights (<row ht>, 15 pt by default); a hidden
column or row is 0 wide or high, as Excel draws it. A group's shapes (xdr:grpSp, nested too) are placed
by the group's anchor and their offsets inside it, scaled from the group's child coordinates (chOff/
chExt) and mirrored when it is flipped. A symbol is in the cell where its centre lies; in a merged cell
it is in the cell's first (where the text is read), and a row under a cell merged down over several rows,
or a row with nothing under No. between two steps (a step written over two rows), is the step's above. A
hidden row or column is left out of the grid as readers.xlsx_grids leaves it out.

What is a symbol, an arrow, a label: as in a Word drawing (shapes.py). xdr:sp with a flowchart or plain
preset (flowChartProcess/rect a box, flowChartDecision/diamond a decision, flowChartTerminator/roundRect/
ellipse a terminator, flowChartPredefinedProcess or flowChartDocument a box) is a symbol, its text its
mark; the on-page and off-page connectors, block arrows and lines are not. xdr:cxnSp (and an xdr:sp drawn
as a line or connector preset) is an arrow: a:stCxn/a:endCxn name the shapes it is glued to, else its
ends are where its box's corners are (after flipH/flipV and rotation), and a:headEnd/a:tailEnd its
arrowheads. So is an xdr:sp drawn freehand holding no text (a:custGeom, as the Freeform and Scribble
tools draw a return arrow round the steps between): an open path of one piece, its ends the path's first
and last points in the coordinates of its box (shapes.freeform_points, as for a Word freeform), joining
the symbols they are at as a connector's unglued ends do; a closed path (a:close) is an outline, no arrow.
A text box or shape holding only "Ya"/"Tidak" (or "Sesuai"/"Tidak sesuai" …) is a label of
the arrow beside it, and so is a cell holding only that text, beside the decision.

What cannot be read as drawn is said, naming the step (table.read_steps adds these warnings): a symbol
standing across the border of two actors' columns or two steps' rows (its centre within a tenth of its
size of the border, so almost half of it in each) is not taken as anyone's, and a symbol in a step's row
but outside the Pelaksana columns (in Kegiatan, Mutu Baku or beside the table) is not read as that step's
symbol; a text box there (Excel's Insert › Text Box) is a note written beside the flowchart, and left
alone. Shapes above the rows under the table's header (a letterhead, the header) and below the sheet's
last row holding text are left alone.
"""

from __future__ import annotations

import posixpath
import zipfile
from typing import Any, NamedTuple

from django.utils.translation import gettext as _

from . import shapes, table
from .flow import answer_label

XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = shapes.A
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
DRAWING_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"

EMU_PER_PIXEL = 9525
_DIGIT_PIXELS = 7  # the widest digit of Calibri 11, Excel's default font: the unit of a column's width
_DEFAULT_COLUMN_PIXELS = 64
_DEFAULT_ROW_POINTS = 15.0
# A symbol whose centre lies this near the border of its cell (in its own width or height) stands almost
# as much in the neighbouring cell: whose it is cannot be told.
_BORDER_SHARE = 0.1

Frame = tuple[float, float, float, float]  # left, top, width, height in the sheet's EMU


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


class Note(NamedTuple):
    """A symbol that could not be read as drawn: the grid row it stands in, its mark, its cells as Excel
    names them ("F12", "F12/G12"), what is wrong."""

    row: int
    mark: str
    cells: str
    problem: str


class SheetDrawing(NamedTuple):
    marks: dict[tuple[int, int], list[str]]  # (grid row, grid column) -> the marks of the symbols there
    arrows: list[shapes.Arrow]  # sources and targets are grid rows
    notes: list[Note]


class _Sheet:
    """What a sheet's XML tells about where its cells stand: the columns' widths, the rows' heights, the
    merged cells, the hidden rows and columns, and the relationship id of its drawing."""

    def __init__(self, root: Any, max_rows: int, max_columns: int) -> None:
        self.max_rows, self.max_columns = max_rows, max_columns
        formats = root.find(_q(S, "sheetFormatPr"))
        default_width = formats.get("defaultColWidth") if formats is not None else None
        self.default_column = (_column_pixels(default_width) if default_width else _DEFAULT_COLUMN_PIXELS) * EMU_PER_PIXEL
        default_height = _float(formats.get("defaultRowHeight") if formats is not None else None) or _DEFAULT_ROW_POINTS
        self.default_row = default_height * shapes.EMU_PER_POINT
        self.widths: dict[int, float] = {}
        self.hidden_columns: set[int] = set()
        for col in root.iter(_q(S, "col")):
            first, last = shapes._int(col.get("min")), shapes._int(col.get("max"))
            hidden = col.get("hidden") in ("1", "true")
            width = _column_pixels(col.get("width")) * EMU_PER_PIXEL if col.get("width") else self.default_column
            for number in range(max(first, 1), min(last, max_columns) + 1):
                self.widths[number] = 0.0 if hidden else width
                if hidden:
                    self.hidden_columns.add(number)
        self.heights: dict[int, float] = {}
        self.hidden_rows: set[int] = set()
        for row in root.iter(_q(S, "row")):
            number = shapes._int(row.get("r"))
            if not 1 <= number <= max_rows:
                continue
            if row.get("hidden") in ("1", "true"):
                self.hidden_rows.add(number)
                self.heights[number] = 0.0
            elif (height := _float(row.get("ht"))) is not None:
                self.heights[number] = height * shapes.EMU_PER_POINT
        self.merged: list[tuple[int, int, int, int]] = []  # first row, first column, last row, last column
        for merge in root.iter(_q(S, "mergeCell")):
            found = _range(merge.get("ref", ""))
            if found is not None:
                self.merged.append(found)
        drawing = root.find(_q(S, "drawing"))
        self.drawing_id = drawing.get(_q(R, "id")) if drawing is not None else None
        self._lefts = self._edges([self.width(c) for c in range(1, max_columns + 1)])
        self._tops = self._edges([self.height(r) for r in range(1, max_rows + 1)])

    @staticmethod
    def _edges(sizes: list[float]) -> list[float]:
        edges = [0.0]
        for size in sizes:
            edges.append(edges[-1] + size)
        return edges

    def width(self, column: int) -> float:
        return self.widths.get(column, self.default_column)

    def height(self, row: int) -> float:
        return self.heights.get(row, self.default_row)

    def left(self, column: int) -> float:
        """The left of a column (numbered from 0, as anchors number them) from the sheet's left, in EMU."""
        return self._lefts[min(max(column, 0), self.max_columns)]

    def top(self, row: int) -> float:
        return self._tops[min(max(row, 0), self.max_rows)]

    def column_at(self, x: float) -> int | None:
        """The column (numbered from 1) whose band holds x; None beyond the sheet's columns read."""
        return _band(self._lefts, x)

    def row_at(self, y: float) -> int | None:
        return _band(self._tops, y)

    def cell_of(self, row: int, column: int) -> tuple[int, int]:
        """The cell a symbol standing in (row, column) is read in: a merged cell's first; a row under a cell
        merged down (a step written over two rows) its first row."""
        for first_row, first_column, last_row, last_column in self.merged:
            if first_row <= row <= last_row and first_column <= column <= last_column:
                return first_row, first_column
        tops = [first_row for first_row, _c, last_row, _l in self.merged if first_row < row <= last_row]
        return (min(tops) if tops else row), column


def _band(edges: list[float], value: float) -> int | None:
    """The number (from 1) of the band [edges[i-1], edges[i]) holding value, a band of no size skipped."""
    if value < 0:
        return None
    low, high = 0, len(edges) - 1
    if value >= edges[high]:
        return None
    while high - low > 1:
        middle = (low + high) // 2
        if edges[middle] <= value:
            low = middle
        else:
            high = middle
    return low + 1


def _float(value: str | None) -> float | None:
    try:
        number = float(value) if value else None
    except ValueError:
        return None
    return number if number is not None and 0 <= number < 10**6 else None


def _column_pixels(width: str | None) -> float:
    """A column's width in pixels from its width in characters as the file writes it (padding included)."""
    number = _float(width)
    if number is None:
        return _DEFAULT_COLUMN_PIXELS
    return int((256 * number + 128 // _DIGIT_PIXELS) / 256 * _DIGIT_PIXELS)


def _range(ref: str) -> tuple[int, int, int, int] | None:
    from openpyxl.utils.cell import range_boundaries

    try:
        first_column, first_row, last_column, last_row = range_boundaries(ref)
    except (ValueError, TypeError):
        return None
    if None in (first_column, first_row, last_column, last_row):
        return None
    return first_row, first_column, last_row, last_column


def _parse(archive: zipfile.ZipFile, name: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    with archive.open(name) as source:
        return etree.parse(source, parser).getroot()


def _drawing_part(archive: zipfile.ZipFile, sheet_part: str, relationship: str) -> str | None:
    """The zip name of the drawing part a sheet's relationship names; None when it names none there."""
    folder, name = posixpath.split(sheet_part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in archive.namelist():
        return None
    for element in _parse(archive, rels).iter(_q(PR, "Relationship")):
        if element.get("Id") == relationship and element.get("Type") == DRAWING_TYPE:
            target = element.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            return part if part in archive.namelist() else None
    return None


# The shapes ------------------------------------------------------------------------------------------


def _text(element: Any) -> str:
    return " ".join(" ".join(t.text or "" for t in element.iter(_q(A, "t"))).split())


def _symbol(shape: Any) -> tuple[str, str] | None:
    """The mark and kind of an xdr:sp (as shapes._drawing_symbol for a Word shape), or None for a line, a
    connector, a block arrow, a freehand line or an empty text box."""
    geometry = shape.find(f"{_q(XDR, 'spPr')}/{_q(A, 'prstGeom')}")
    preset = geometry.get("prst", "") if geometry is not None else ""
    if shapes.is_no_symbol(preset):
        return None
    text = _text(shape.find(_q(XDR, "txBody"))) if shape.find(_q(XDR, "txBody")) is not None else ""
    if geometry is None and not text:
        return None  # a freehand line (a:custGeom), or a shape of no known geometry holding nothing
    properties = shape.find(f"{_q(XDR, 'nvSpPr')}/{_q(XDR, 'cNvSpPr')}")
    if properties is not None and properties.get("txBox") in ("1", "true") and not text:
        return None
    kind = shapes.preset_kind(preset)
    return text or kind, kind


def _ids(shape: Any) -> tuple[str, ...]:
    found = shape.find(f"{_q(XDR, 'nvSpPr')}/{_q(XDR, 'cNvPr')}")
    return (found.get("id"),) if found is not None and found.get("id") else ()


def _line(shape: Any, frame: Frame, across: shapes._Transform, down: shapes._Transform) -> shapes._Line | None:
    """An xdr:cxnSp, an xdr:sp drawn as a line or connector preset, or one drawn freehand (an open
    a:custGeom path holding no text, as Excel's Freeform and Scribble tools draw a return arrow), at `frame`
    in its parent's coordinates (which `across` and `down` carry to the sheet's); None for any other shape."""
    properties = shape.find(_q(XDR, "spPr"))
    if properties is None:
        return None
    geometry = properties.find(_q(A, "prstGeom"))
    preset = geometry.get("prst", "") if geometry is not None else ""
    fractions: list[tuple[float, float]] | None
    if shape.tag == _q(XDR, "cxnSp") or shapes._LINE_PRESETS.fullmatch(preset):
        fractions = [(0.0, 0.0), *shapes._BENDS.get(preset, ()), (1.0, 1.0)]
    elif geometry is None and shape.tag == _q(XDR, "sp") and _symbol(shape) is None:
        # Its ends (and corners) are the path's first and last points, in the coordinates of its box.
        fractions = shapes.freeform_points(properties)
    else:
        return None
    if fractions is None:
        return None  # a closed outline, several pieces, an arc: no line with two ends
    connector = shape.find(f"{_q(XDR, 'nvCxnSpPr')}/{_q(XDR, 'cNvCxnSpPr')}")
    return shapes.line_of(properties, connector, frame, fractions, across, down)


def _shapes(container: Any, across: shapes._Transform, down: shapes._Transform, symbols: list[shapes._Symbol],
            lines: list[shapes._Line], text_boxes: set[int], frame: Frame | None = None) -> None:
    """The symbols and lines of a group (or, with `frame`, of one anchor: a shape or group standing in the
    anchor's frame), their boxes and ends in the sheet's frame; the id() of the symbols that are text boxes
    (Excel's Insert › Text Box) are added to `text_boxes`."""
    for child in container:
        if child.tag not in (_q(XDR, "sp"), _q(XDR, "cxnSp"), _q(XDR, "grpSp")):
            continue
        names = next(child.iterchildren(_q(XDR, "nvSpPr"), _q(XDR, "nvCxnSpPr"), _q(XDR, "nvGrpSpPr")), None)
        properties = names.find(_q(XDR, "cNvPr")) if names is not None else None
        if properties is not None and properties.get("hidden") in ("1", "true"):
            continue  # hidden in Excel's selection pane: not printed
        if child.tag == _q(XDR, "grpSp"):
            properties = child.find(_q(XDR, "grpSpPr"))
            outer_x, outer_y = across, down
            xfrm = properties.find(_q(A, "xfrm")) if properties is not None else None
            if frame is not None:
                # The group's own place, as Excel wrote it, carried onto its anchor's frame.
                x, y = shapes._xfrm(xfrm, "x"), shapes._xfrm(xfrm, "y")
                outer_x = shapes._inside(shapes._IDENTITY, frame[0], frame[2], x[0] if x else 0, x[1] if x else 0, False)
                outer_y = shapes._inside(shapes._IDENTITY, frame[1], frame[3], y[0] if y else 0, y[1] if y else 0, False)
            _shapes(child, shapes._group_transform(properties, outer_x, "x"),
                    shapes._group_transform(properties, outer_y, "y"), symbols, lines, text_boxes)
            continue
        if frame is not None:
            box = _unrotated(child, frame) if child.tag == _q(XDR, "cxnSp") or _symbol(child) is None else frame
        else:
            xfrm = child.find(f"{_q(XDR, 'spPr')}/{_q(A, 'xfrm')}")
            x, y = shapes._xfrm(xfrm, "x"), shapes._xfrm(xfrm, "y")
            if x is None or y is None:
                continue
            box = (x[0], y[0], x[1], y[1])
        if child.tag == _q(XDR, "sp") and (found := _symbol(child)) is not None:
            left, top, right, bottom = shapes._box(across, down, *box)
            middle = (top + bottom) / 2
            symbols.append(shapes._Symbol(found[0], int((left + right) / 2), int(middle), middle, bottom - top, found[1],
                                          _ids(child), (left, top, right, bottom)))
            flags = child.find(f"{_q(XDR, 'nvSpPr')}/{_q(XDR, 'cNvSpPr')}")
            if flags is not None and flags.get("txBox") in ("1", "true"):
                text_boxes.add(id(symbols[-1]))
        elif (line := _line(child, box, across, down)) is not None:
            lines.append(line)


def _unrotated(shape: Any, frame: Frame) -> Frame:
    """The box of a line standing in an anchor's frame, before its rotation (about the box's centre, which
    the anchor keeps). Turned by about a quarter, a line's anchor may be the box as drawn (its width and
    height swapped: Excel and LibreOffice write it so) or its box before turning: the one whose sides
    match its a:xfrm's is taken."""
    xfrm = shape.find(f"{_q(XDR, 'spPr')}/{_q(A, 'xfrm')}")
    if xfrm is None:
        return frame
    degrees = shapes._int(xfrm.get("rot")) / 60000 % 180
    found = shapes._xfrm(xfrm, "x"), shapes._xfrm(xfrm, "y")
    if not 45 <= degrees < 135 or found[0] is None or found[1] is None:
        return frame
    width, height = found[0][1], found[1][1]
    left, top, across, down = frame

    def mismatch(a: float, b: float) -> float:
        """How far apart the shapes of two boxes are (0 when one is the other scaled)."""
        return abs(a * height - b * width)

    if mismatch(down, across) < mismatch(across, down):
        centre_x, centre_y = left + across / 2, top + down / 2
        return centre_x - down / 2, centre_y - across / 2, down, across
    return frame


def _anchors(root: Any) -> list[Any]:
    """The anchors of a drawing part; one Excel wrapped in mc:AlternateContent (a shape using a feature of
    a later Excel) read from its first choice, or from its fallback when it has no choice."""
    found = []
    for child in root:
        if child.tag == _q(shapes.MC, "AlternateContent"):
            chosen = child.find(_q(shapes.MC, "Choice"))
            chosen = chosen if chosen is not None else child.find(_q(shapes.MC, "Fallback"))
            found += list(chosen) if chosen is not None else []
        else:
            found.append(child)
    return found


def _anchor_frame(anchor: Any, sheet: _Sheet) -> Frame | None:
    """(left, top, width, height) of an anchor in the sheet's EMU."""

    def corner(element: Any) -> tuple[float, float] | None:
        if element is None:
            return None
        column, row = shapes._int(element.findtext(_q(XDR, "col"))), shapes._int(element.findtext(_q(XDR, "row")))
        x_off, y_off = shapes._int(element.findtext(_q(XDR, "colOff"))), shapes._int(element.findtext(_q(XDR, "rowOff")))
        # An offset beyond a hidden (0 wide) column's width stays in it.
        return (sheet.left(column) + min(x_off, sheet.width(column + 1)),
                sheet.top(row) + min(y_off, sheet.height(row + 1)))

    def extent(element: Any) -> tuple[float, float] | None:
        return None if element is None else (shapes._int(element.get("cx")), shapes._int(element.get("cy")))

    name = anchor.tag.rpartition("}")[2]
    start = corner(anchor.find(_q(XDR, "from")))
    if name == "twoCellAnchor":
        end = corner(anchor.find(_q(XDR, "to")))
        if start is None or end is None:
            return None
        return start[0], start[1], end[0] - start[0], end[1] - start[1]
    size = extent(anchor.find(_q(XDR, "ext")))
    if name == "oneCellAnchor":
        return None if start is None or size is None else (*start, *size)
    if name == "absoluteAnchor":
        position = anchor.find(_q(XDR, "pos"))
        if position is None or size is None:
            return None
        return shapes._int(position.get("x")), shapes._int(position.get("y")), *size
    return None


# Reading a sheet's drawing ---------------------------------------------------------------------------


class _Table(NamedTuple):
    """What the procedure table's header and No. column tell about where symbols may stand."""

    body: int  # the index of the grid's first row under the header
    actors: set[int]  # the grid columns of the Pelaksana
    width: int  # the number of the table's columns
    # Each row from the first step's to the last step's -> the row of the step it belongs to: its own, or
    # for a row with nothing under No. (a step's text going on in the row below) the step's above it.
    owner: dict[int, int]


def table_columns(grid: list[list[str]]) -> _Table | None:
    """The procedure table as table.py reads its header; None when the grid holds no procedure table (or
    one table.py refuses, and will say why): then every symbol counts where it stands."""
    from pathlib import Path

    from .draft import SopImportError

    start = table.find_table(grid)
    if start is None:
        return None
    rows = grid[start:]
    no_column = next((i for i, c in enumerate(rows[0]) if table.is_no_header(c)), 0)
    depth = table.header_depth(rows, no_column)
    try:
        _columns, actors = table._columns(Path("sheet"), rows[:depth])
    except SopImportError:
        return None  # table.read_grid refuses the header, and says why
    width = 1 + max((i for row in rows[:depth] for i, c in enumerate(row) if c.strip()), default=0)
    owner: dict[int, int] = {}
    step = None
    numbered = [i for i in range(start + depth, len(grid))
                if table.step_label(table.clean(table._cell(grid[i], no_column))) is not None]
    for index in range(start + depth, numbered[-1] + 1 if numbered else 0):
        if index in numbered:
            step = index
        if step is not None:
            owner[index] = step
    return _Table(start + depth, {i for i, _name in actors}, width, owner)


def read_sheet(archive: zipfile.ZipFile, sheet_part: str, grid: list[list[str]], *, max_rows: int,
               max_columns: int) -> SheetDrawing:
    """The marks, arrows and notes of the drawing of the sheet at `sheet_part`, set against `grid` (the
    sheet's visible rows and columns, as readers.xlsx_grids reads them; see table_columns)."""
    sheet = _Sheet(_parse(archive, sheet_part), max_rows, max_columns)
    if sheet.drawing_id is None:
        return SheetDrawing({}, [], [])
    part = _drawing_part(archive, sheet_part, sheet.drawing_id)
    if part is None:
        return SheetDrawing({}, [], [])
    symbols: list[shapes._Symbol] = []
    lines: list[shapes._Line] = []
    text_boxes: set[int] = set()
    for anchor in _anchors(_parse(archive, part)):
        frame = _anchor_frame(anchor, sheet)
        if frame is not None:
            _shapes(anchor, shapes._IDENTITY, shapes._IDENTITY, symbols, lines, text_boxes, frame)
    drawing = shapes._with_labels(shapes._Drawing(symbols, lines, False))
    visible_rows = [r for r in range(1, max_rows + 1) if r not in sheet.hidden_rows]
    visible_columns = [c for c in range(1, max_columns + 1) if c not in sheet.hidden_columns]
    grid_row = {number: index for index, number in enumerate(visible_rows) if index < len(grid)}
    grid_column = {number: index for index, number in enumerate(visible_columns)}
    table = table_columns(grid)

    def place(x: float, y: float) -> tuple[int, int] | None:
        """The grid row and column of the cell where a point stands (see _Sheet.cell_of); None for a point
        beyond the sheet's rows of text or columns read."""
        column, row = sheet.column_at(x), sheet.row_at(y)
        if column is None or row is None:
            return None
        at = sheet.cell_of(row, column)
        return (grid_row[at[0]], grid_column[at[1]]) if at[0] in grid_row and at[1] in grid_column else None

    def step_of(at: tuple[int, int]) -> tuple[int, int]:
        return (table.owner.get(at[0], at[0]) if table is not None else at[0]), at[1]

    marks: dict[tuple[int, int], list[str]] = {}
    notes: list[Note] = []
    row_of: dict[int, int] = {}
    cell_of: dict[int, tuple[int, int]] = {}
    for symbol in drawing.symbols:
        assert symbol.box is not None
        left, top, right, bottom = symbol.box
        x, y = (left + right) / 2, (top + bottom) / 2
        at = place(x, y)
        if at is None:
            continue
        if table is not None and at[0] < table.body:
            continue  # the letterhead, the header: no step's
        row, column = step_of(at)
        shown = _ref(sheet.cell_of(sheet.row_at(y) or 1, sheet.column_at(x) or 1))
        row_of[id(symbol)] = row
        cell_of[id(symbol)] = at
        if table is not None and column not in table.actors:
            if id(symbol) in text_boxes:
                continue  # a note written beside the flowchart, in Keterangan or the margin: no symbol
            where = _("beside the procedure table") if column >= table.width else _("outside the Pelaksana columns")
            notes.append(Note(row, symbol.mark, shown, _(
                "the flowchart symbol in cell %(cell)s is drawn %(where)s: it is not read as this step's symbol; "
                "move it into the column of the step's actor") % {"cell": shown, "where": where}))
            continue
        # Almost as much of it in the neighbouring cell across (or down), which is another step's or actor's.
        width, height = right - left, bottom - top
        raw_column, raw_row = sheet.column_at(x) or 1, sheet.row_at(y) or 1
        band_left, band_top = sheet.left(raw_column - 1), sheet.top(raw_row - 1)
        band_right, band_bottom = band_left + sheet.width(raw_column), band_top + sheet.height(raw_row)
        beside = [(band_left - 1, y) if x - band_left < _BORDER_SHARE * width and left < band_left else None,
                  (band_right + 1, y) if band_right - x < _BORDER_SHARE * width and right > band_right else None,
                  (x, band_top - 1) if y - band_top < _BORDER_SHARE * height and top < band_top else None,
                  (x, band_bottom + 1) if band_bottom - y < _BORDER_SHARE * height and bottom > band_bottom else None]
        other = next((point for point in beside if point is not None and (near := place(*point)) is not None
                      and step_of(near) != (row, column)), None)
        if other is not None:
            second = _ref(sheet.cell_of(sheet.row_at(other[1]) or 1, sheet.column_at(other[0]) or 1))
            notes.append(Note(row, symbol.mark, f"{shown}/{second}", _(
                "the flowchart symbol in cells %(cells)s stands across the border of two cells: whose it is "
                "cannot be told, so it does not decide this step's actor; move it into one cell, or choose the "
                "actor") % {"cells": f"{shown} / {second}"}))
            continue
        marks.setdefault((row, column), []).append(symbol.mark)
    cell_labels = [(r, c, answer) for r, cells in enumerate(grid) for c, text in enumerate(cells)
                   if (answer := answer_label(text)) is not None]
    framed = [(0, symbol.box, symbol) for symbol in drawing.symbols if id(symbol) in row_of and symbol.box is not None]
    named = shapes._named(drawing.symbols)
    flows = shapes._flows(framed, [(0, 0.0, line) for line in drawing.lines], lambda a, b: 0.0, named.get)
    labels = [(0, box, answer) for answer, box in drawing.labels]
    arrows = []
    for flow, answer in shapes._answers(flows, framed, labels, lambda a, b: 0.0, cell_of, cell_labels):
        source = row_of.get(id(flow.source)) if flow.source is not None else None
        target = row_of.get(id(flow.target)) if flow.target is not None else None
        if source is not None and target is not None and flow.source is not None and flow.target is not None:
            arrows.append(shapes.Arrow(source, target, flow.source.kind, answer, flow.target.kind))
    return SheetDrawing(marks, arrows, notes)


def _ref(cell: tuple[int, int]) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(cell[1])}{cell[0]}"
