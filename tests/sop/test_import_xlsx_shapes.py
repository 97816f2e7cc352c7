"""An Excel SOP whose flowchart is drawn with shapes on the sheet (importers/xlsx_shapes.py): each step's
actor is the Pelaksana column holding its symbol, and the connectors give the returns and the "Tidak"
of a decision as a Word drawing's do (table.decide_actors, table.decide_arrows).

The workbooks are built here: openpyxl writes the cells, then the drawing part (xl/drawings/drawing1.xml),
the sheet's relationship to it and its content type are added to the zip, as Excel keeps them. The steps
are those of test_import_shapes.py (Sekretaris, Kasubbag, JFU, Kasubbag, Kepala Dinas), whose texts name
nobody and send nothing back: only the drawing can tell who does each step, and where work goes back.

Places are computed here in EMU from the sheet's top left, as Excel lays the sheet out: a column as wide
as the file says in characters of 7 pixels (15 → 105 px, 30 → 210 px, 5 → 35 px), a row as high as its
height in points (15 pt when none is written); each drawing is anchored by the cells its corners are in."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl.utils import get_column_letter

from kinerja.sop.importers import parse_document, readers
from tests.base import KinerjaTestCase

pytestmark = pytest.mark.usefixtures("english")

XDR_NS = ('xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')
ACTORS = ["Sekretaris", "Kasubbag", "JFU", "Kepala Dinas"]
STEPS = [("Menerima surat masuk", "5 menit", "Sekretaris"), ("Menelaah isi surat", "10 menit", "Kasubbag"),
         ("Menyiapkan bahan", "2 Hari", "JFU"), ("Memeriksa bahan", "1 Hari", "Kasubbag"),
         ("Menetapkan keputusan", "1 Hari", "Kepala Dinas")]
EXPECTED = [(actor, "symbol") for _a, _w, actor in STEPS]
NONE: list[list[int]] = [[] for _s in STEPS]
PX = 9525  # EMU
PT = 12700
HEADER_ROW = 8  # the sheet row of "No. | Uraian Prosedur | Pelaksana …"; the actors' names in the next
STEP_HEIGHT, HEADER_HEIGHT, DEFAULT_HEIGHT = 40 * PT, 30 * PT, 15 * PT
WIDTH, HEIGHT = 600000, 300000  # a symbol's size


class Sheet:
    """The layout of one test workbook: its columns (header, width in characters, pixels as Excel draws
    it), which are hidden, and the sheet rows of the steps."""

    def __init__(self, *, hidden_column: bool = False, hidden_row: bool = False, two_rows: int | None = None,
                 merged: bool = True) -> None:
        actors: list[tuple[str, float, int]] = [(name, 15, 105) for name in ACTORS]
        if hidden_column:  # a "Paraf" column between Kasubbag and JFU, hidden: not printed, not an actor
            actors.insert(2, ("Paraf", 15, 105))
        self.columns = [("No.", 5, 35), ("Uraian Prosedur", 30, 210), *actors, ("Kelengkapan", 15, 105),
                        ("Waktu", 12, 84), ("Output", 12, 84), ("Keterangan", 12, 84)]
        self.hidden_columns = {ACTORS.index("JFU") + 3} if hidden_column else set()  # numbered from 1
        self.hidden_row = hidden_row
        self.two_rows = two_rows  # a step written over two rows, its No. and Uraian cells merged down (or not)
        self.merged = merged
        # A hidden row between steps 2 and 3 (a note to the drafter, not printed).
        self.step_rows = [HEADER_ROW + 1 + step + (1 if hidden_row and step > 2 else 0)
                          + (1 if two_rows is not None and step > two_rows else 0) for step in range(1, len(STEPS) + 1)]

    def column(self, header: str) -> int:
        """The column number (from 1) of a header."""
        return 1 + [name for name, _w, _p in self.columns].index(header)

    def width(self, column: int) -> int:
        if column > len(self.columns):
            return 64 * PX  # Excel's default width
        return 0 if column in self.hidden_columns else self.columns[column - 1][2] * PX

    def height(self, row: int) -> int:
        if self.hidden_row and row == self.step_rows[2] - 1:
            return 0
        return STEP_HEIGHT if row > HEADER_ROW + 1 else HEADER_HEIGHT if row >= HEADER_ROW else DEFAULT_HEIGHT

    def left(self, column: int) -> int:
        return sum(self.width(c) for c in range(1, column))

    def top(self, row: int) -> int:
        return sum(self.height(r) for r in range(1, row))

    def centre(self, step: int, actor: str | None = None) -> tuple[int, int]:
        """The middle of step's cell in the column of `actor` (the step's own by default)."""
        column = self.column(actor or STEPS[step - 1][2])
        row = self.step_rows[step - 1]
        return self.left(column) + self.width(column) // 2, self.top(row) + self.height(row) // 2

    def box(self, step: int, actor: str | None = None, *, dx: int = 0) -> tuple[int, int, int, int]:
        x, y = self.centre(step, actor)
        return x + dx - WIDTH // 2, y - HEIGHT // 2, x + dx + WIDTH // 2, y + HEIGHT // 2

    def marker(self, x: float, y: float) -> str:
        """xdr:from / xdr:to of a point: its cell (numbered from 0) and the offset in it."""
        column = next(c for c in range(1, 40) if self.left(c) <= x < self.left(c) + self.width(c))
        row = next(r for r in range(1, 200) if self.top(r) <= y < self.top(r) + self.height(r))
        return (f"<xdr:col>{column - 1}</xdr:col><xdr:colOff>{round(x - self.left(column))}</xdr:colOff>"
                f"<xdr:row>{row - 1}</xdr:row><xdr:rowOff>{round(y - self.top(row))}</xdr:rowOff>")


def two_cell(sheet: Sheet, box: tuple[float, float, float, float], content: str) -> str:
    left, top, right, bottom = box
    return (f'<xdr:twoCellAnchor editAs="oneCell"><xdr:from>{sheet.marker(left, top)}</xdr:from>'
            f"<xdr:to>{sheet.marker(right, bottom)}</xdr:to>{content}<xdr:clientData/></xdr:twoCellAnchor>")


def one_cell(sheet: Sheet, box: tuple[float, float, float, float], content: str) -> str:
    left, top, right, bottom = box
    return (f"<xdr:oneCellAnchor><xdr:from>{sheet.marker(left, top)}</xdr:from>"
            f'<xdr:ext cx="{round(right - left)}" cy="{round(bottom - top)}"/>{content}'
            "<xdr:clientData/></xdr:oneCellAnchor>")


def absolute(_sheet: Sheet, box: tuple[float, float, float, float], content: str) -> str:
    left, top, right, bottom = box
    return (f'<xdr:absoluteAnchor><xdr:pos x="{round(left)}" y="{round(top)}"/>'
            f'<xdr:ext cx="{round(right - left)}" cy="{round(bottom - top)}"/>{content}'
            "<xdr:clientData/></xdr:absoluteAnchor>")


def xfrm(box: tuple[float, float, float, float] | None, flips: str = "") -> str:
    if box is None:
        return ""
    left, top, right, bottom = box
    return (f'<a:xfrm{flips}><a:off x="{round(left)}" y="{round(top)}"/>'
            f'<a:ext cx="{round(right - left)}" cy="{round(bottom - top)}"/></a:xfrm>')


def shape(ident: int, preset: str, text: str = "", *, box: tuple[float, float, float, float] | None = None,
          text_box: bool = False) -> str:
    """An xdr:sp: a symbol (or, as a text box, a label); `box` its a:xfrm (in a group: child coordinates)."""
    flag = ' txBox="1"' if text_box else ""
    body = (f"<xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>{text}</a:t></a:r></a:p></xdr:txBody>"
            if text else "")
    return (f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{ident}" name="Shape {ident}"/>'
            f"<xdr:cNvSpPr{flag}/></xdr:nvSpPr><xdr:spPr>{xfrm(box)}"
            f'<a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom></xdr:spPr>{body}</xdr:sp>')


def connector(ident: int, start: tuple[float, float], end: tuple[float, float], *, glued: tuple[int, int] | None = None,
              preset: str = "straightConnector1", head: str = "tail") -> tuple[tuple, str]:
    """An xdr:cxnSp from `start` to `end`: its box (to anchor it by, or its xfrm in a group) flipped when it
    runs left or up; arrowhead at its end ("tail") or start ("head"); glued: the ids of the shapes at its ends."""
    (x0, y0), (x1, y1) = start, end
    box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    flips = (' flipH="1"' if x1 < x0 else "") + (' flipV="1"' if y1 < y0 else "")
    ends = '<a:tailEnd type="triangle"/>' if head == "tail" else '<a:headEnd type="triangle"/>'
    cxn = (f'<a:stCxn id="{glued[0]}" idx="2"/><a:endCxn id="{glued[1]}" idx="0"/>' if glued else "")
    xml = (f'<xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="{ident}" name="Connector {ident}"/>'
           f"<xdr:cNvCxnSpPr>{cxn}</xdr:cNvCxnSpPr></xdr:nvCxnSpPr><xdr:spPr>{xfrm(box, flips)}"
           f'<a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom><a:ln w="9525">{ends}</a:ln></xdr:spPr></xdr:cxnSp>')
    return box, xml


PRESETS = {1: ("flowChartTerminator", "Mulai"), 2: ("flowChartProcess", ""), 3: ("rect", ""),
           4: ("flowChartDecision", ""), 5: ("flowChartTerminator", "Selesai")}


def symbols(sheet: Sheet, anchor: Callable = two_cell, presets: dict | None = None) -> list[str]:
    """Each step's symbol in its actor's cell, its cNvPr id 10 + step."""
    presets = {**PRESETS, **(presets or {})}
    return [anchor(sheet, sheet.box(step), shape(10 + step, *presets[step], box=sheet.box(step)))
            for step in range(1, len(STEPS) + 1)]


def bottom(sheet: Sheet, step: int) -> tuple[float, float]:
    left, _top, right, low = sheet.box(step)
    return (left + right) / 2, low


def top(sheet: Sheet, step: int) -> tuple[float, float]:
    left, high, right, _bottom = sheet.box(step)
    return (left + right) / 2, high


def side(sheet: Sheet, step: int) -> tuple[float, float]:
    """The left corner of step's symbol."""
    left, high, _right, low = sheet.box(step)
    return left, (high + low) / 2


def normal_flow(sheet: Sheet, *, glued: bool = True) -> list[str]:
    anchors = []
    for step in range(1, len(STEPS)):
        box, xml = connector(30 + step, bottom(sheet, step), top(sheet, step + 1),
                             glued=(10 + step, 11 + step) if glued else None)
        anchors.append(two_cell(sheet, box, xml))
    return anchors


def label(sheet: Sheet, text: str, x: float, y: float, ident: int) -> str:
    box = (x, y, x + 300000, y + 150000)
    return two_cell(sheet, box, shape(ident, "rect", text, box=box, text_box=True))


def workbook(tmp_path: Path, anchors: list[str] | None, sheet: Sheet | None = None, *, name: str = "sop.xlsx",
             cells: dict[tuple[int, str], str] | None = None) -> Path:
    """The SOP in Excel, actor cells empty (or as `cells` gives: (step, header) -> text), with the drawing
    of `anchors` on its sheet (none when None)."""
    sheet = sheet or Sheet()
    book = openpyxl.Workbook()
    ws = book.active
    for row, (label_text, value) in enumerate([("PEMERINTAH KOTA BANDAR LAMPUNG", None), ("DINAS KOPERASI DAN UKM", None),
                                               ("NOMOR SOP", "800/1/SOP/2025"), ("TANGGAL PEMBUATAN", "9 Januari 2023"),
                                               ("TANGGAL EFEKTIF", "2 Januari 2025"),
                                               ("NAMA SOP", "PENGELOLAAN SURAT KEPUTUSAN")], start=1):
        ws.cell(row, 1, label_text)
        if value:
            ws.cell(row, 3, value)
    names = [n for n, _w, _p in sheet.columns]
    first_actor, last_actor = 3, 2 + len(names) - 6
    ws.cell(HEADER_ROW, 1, "No.")
    ws.cell(HEADER_ROW, 2, "Uraian Prosedur")
    ws.cell(HEADER_ROW, first_actor, "Pelaksana")
    ws.merge_cells(start_row=HEADER_ROW, start_column=first_actor, end_row=HEADER_ROW, end_column=last_actor)
    ws.cell(HEADER_ROW, last_actor + 1, "Mutu Baku")
    ws.merge_cells(start_row=HEADER_ROW, start_column=last_actor + 1, end_row=HEADER_ROW, end_column=last_actor + 3)
    ws.cell(HEADER_ROW, last_actor + 4, "Keterangan")
    for column in range(first_actor, len(names)):
        ws.cell(HEADER_ROW + 1, column, names[column - 1])
    for number, (_name, width, _px) in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(number)].width = width
        if number in sheet.hidden_columns:
            ws.column_dimensions[get_column_letter(number)].hidden = True
    for row in (HEADER_ROW, HEADER_ROW + 1):
        ws.row_dimensions[row].height = HEADER_HEIGHT / PT
    for step, (activity, waktu, _actor) in enumerate(STEPS, start=1):
        row = sheet.step_rows[step - 1]
        ws.cell(row, 1, step)
        ws.cell(row, 2, activity)
        ws.cell(row, sheet.column("Kelengkapan"), "berkas")
        ws.cell(row, sheet.column("Waktu"), waktu)
        ws.cell(row, sheet.column("Output"), "hasil")
        ws.row_dimensions[row].height = STEP_HEIGHT / PT
        for (at, header), text in (cells or {}).items():
            if at == step:
                ws.cell(row, sheet.column(header), text)
    if sheet.two_rows is not None:
        row = sheet.step_rows[sheet.two_rows - 1]
        for column in (1, 2) if sheet.merged else ():
            ws.merge_cells(start_row=row, start_column=column, end_row=row + 1, end_column=column)
        ws.row_dimensions[row + 1].height = STEP_HEIGHT / PT
    if sheet.hidden_row:
        row = sheet.step_rows[2] - 1
        ws.cell(row, 2, "catatan penyusun: lihat lampiran")
        ws.row_dimensions[row].hidden = True
    for column in sheet.hidden_columns:
        for step in range(1, len(STEPS) + 1):
            ws.cell(sheet.step_rows[step - 1], column, "paraf")
    path = tmp_path / name
    book.save(path)
    if anchors is not None:
        add_drawing(path, "".join(anchors))
    return path


def add_drawing(path: Path, anchors: str, part: str = "sheet1.xml") -> None:
    """Add a drawing part holding `anchors` to a sheet of the workbook (its first), as Excel keeps it."""
    with zipfile.ZipFile(path) as z:
        members = {name: z.read(name) for name in z.namelist()}
    sheet = members[f"xl/worksheets/{part}"].decode()
    sheet = sheet.replace("</worksheet>", '<drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                          'relationships" r:id="rIdDrawing1"/></worksheet>')
    members[f"xl/worksheets/{part}"] = sheet.encode()
    relationship = ('<Relationship Id="rIdDrawing1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/drawing" Target="../drawings/drawing1.xml"/>')
    rels = f"xl/worksheets/_rels/{part}.rels"
    if rels in members:
        members[rels] = members[rels].decode().replace("</Relationships>", relationship + "</Relationships>").encode()
    else:
        members[rels] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://'
                         f'schemas.openxmlformats.org/package/2006/relationships">{relationship}</Relationships>').encode()
    types = members["[Content_Types].xml"].decode()
    members["[Content_Types].xml"] = types.replace("</Types>", (
        '<Override PartName="/xl/drawings/drawing1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>')).encode()
    members["xl/drawings/drawing1.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr {XDR_NS}>'
                                          f"{anchors}</xdr:wsDr>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)


def actors(draft) -> list[tuple[str, str]]:
    return [(s.actor, s.actor_source) for s in draft.steps]


def returns(draft) -> list[list[int]]:
    return [s.returns_to for s in draft.steps]


def warnings(draft) -> list[tuple[int | None, str, str | None]]:
    return [(w.step, w.problem, w.value) for w in draft.warnings]


# Actors --------------------------------------------------------------------------------------------


def test_without_a_drawing_the_workbook_imports_as_before(tmp_path: Path) -> None:
    """No drawing part: nothing tells the actors (each step a problem), and the grid is what the cells
    give, drawing or not; actors written in the cells are read as before."""
    path = workbook(tmp_path, None)
    draft = parse_document(path)
    assert [p.step for p in draft.problems] == [1, 2, 3, 4, 5]
    assert not draft.warnings
    drawings: list = []
    assert readers.xlsx_grids(path, drawings) == readers.xlsx_grids(path)
    assert drawings == [([], [])]
    written = workbook(tmp_path, None, cells={(step, actor): "X" for step, (_a, _w, actor) in enumerate(STEPS, start=1)},
                       name="text.xlsx")
    assert actors(parse_document(written)) == EXPECTED


def test_each_step_s_actor_is_the_column_of_its_drawn_symbol(tmp_path: Path) -> None:
    """Mulai, boxes, a decision and Selesai drawn in the actors' columns, nothing written there: each
    step's actor is its symbol's column; the marks are those shapes.py gives a Word symbol."""
    sheet = Sheet()
    path = workbook(tmp_path, symbols(sheet) + normal_flow(sheet))
    draft = parse_document(path)
    assert not draft.problems
    assert not draft.warnings
    assert actors(draft) == EXPECTED
    assert draft.actors == ACTORS
    assert returns(draft) == NONE
    drawings: list = []
    grid = readers.xlsx_grids(path, drawings)[0]
    marks = [[cell for cell in row[2:6] if cell] for row in grid[HEADER_ROW + 1:HEADER_ROW + 6]]
    assert marks == [["Mulai"], ["▭"], ["▭"], ["◇"], ["Selesai"]]


@pytest.mark.parametrize("anchor", [one_cell, absolute], ids=["oneCellAnchor", "absoluteAnchor"])
@pytest.mark.parametrize("presets", [
    {3: ("flowChartPredefinedProcess", "")}, {3: ("flowChartDocument", "")},
    {1: ("roundRect", "Mulai"), 4: ("diamond", ""), 5: ("ellipse", "")},
], ids=["predefined", "document", "plain-shapes"])
def test_symbols_anchored_by_one_cell_or_by_place_stand_where_drawn(tmp_path: Path, anchor, presets) -> None:
    """A oneCellAnchor (its top left cell and size) and an absoluteAnchor (EMU from the sheet's corner,
    which only the columns' widths and rows' heights set against the cells); other flowchart presets."""
    sheet = Sheet()
    draft = parse_document(workbook(tmp_path, symbols(sheet, anchor, presets)))
    assert not draft.problems
    assert actors(draft) == EXPECTED


def test_symbols_in_a_group_stand_where_the_group_places_them(tmp_path: Path) -> None:
    """The whole flowchart grouped (xdr:grpSp, a group inside it), its child coordinates half the sheet's
    scale: each symbol placed by the group's anchor, chOff/chExt; the connectors inside read too."""
    sheet = Sheet()
    left, high = sheet.left(sheet.column("Sekretaris")), sheet.top(sheet.step_rows[0])
    right = sheet.left(sheet.column("Kelengkapan"))
    low = sheet.top(sheet.step_rows[-1] + 1)

    def child(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """The box in the group's child coordinates: from (1000, 2000), at half scale."""
        return (1000 + (box[0] - left) / 2, 2000 + (box[1] - high) / 2, 1000 + (box[2] - left) / 2,
                2000 + (box[3] - high) / 2)

    parts = [shape(10 + step, *PRESETS[step], box=child(sheet.box(step))) for step in (1, 2, 3, 4)]
    inner_box = child(sheet.box(5))
    inner = (f'<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="40" name="Inner"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr>'
             f'<xdr:grpSpPr><a:xfrm><a:off x="{round(inner_box[0])}" y="{round(inner_box[1])}"/>'
             f'<a:ext cx="{round(inner_box[2] - inner_box[0])}" cy="{round(inner_box[3] - inner_box[1])}"/>'
             '<a:chOff x="0" y="0"/><a:chExt cx="100" cy="100"/></a:xfrm></xdr:grpSpPr>'
             f'{shape(15, *PRESETS[5], box=(0, 0, 100, 100))}</xdr:grpSp>')
    start, end = child((*side(sheet, 4), *side(sheet, 4))), child((*side(sheet, 2), *side(sheet, 2)))
    _box, back_child = connector(39, start[:2], end[:2], preset="bentConnector3")
    extent = ((right - left) / 2, (low - high) / 2)
    group = (f'<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="2" name="Flowchart"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr>'
             # Excel writes the group's place in the sheet's EMU; the anchor is what places it.
             f'<xdr:grpSpPr><a:xfrm><a:off x="{left}" y="{high}"/><a:ext cx="{right - left}" cy="{low - high}"/>'
             f'<a:chOff x="1000" y="2000"/><a:chExt cx="{round(extent[0])}" cy="{round(extent[1])}"/></a:xfrm>'
             f'</xdr:grpSpPr>{"".join(parts)}{inner}{back_child}</xdr:grpSp>')
    draft = parse_document(workbook(tmp_path, [two_cell(sheet, (left, high, right, low), group)]))
    assert not draft.problems
    assert actors(draft) == EXPECTED
    assert returns(draft) == [[], [], [], [2], []]


def test_a_flipped_group_mirrors_its_symbols(tmp_path: Path) -> None:
    """A group flipped sideways (flipH) stands mirrored: the symbol at its child left is drawn at its right."""
    sheet = Sheet()
    left, right = sheet.left(sheet.column("Sekretaris")), sheet.left(sheet.column("Kelengkapan"))
    high, low = sheet.top(sheet.step_rows[0]), sheet.top(sheet.step_rows[-1] + 1)
    mirrored = {actor: ACTORS[len(ACTORS) - 1 - i] for i, actor in enumerate(ACTORS)}
    parts = []
    for step in range(1, len(STEPS) + 1):
        box = sheet.box(step, mirrored[STEPS[step - 1][2]])
        parts.append(shape(10 + step, *PRESETS[step], box=(box[0] - left, box[1] - high, box[2] - left, box[3] - high)))
    group = (f'<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="2" name="Flowchart"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr>'
             f'<xdr:grpSpPr><a:xfrm flipH="1"><a:off x="{left}" y="{high}"/><a:ext cx="{right - left}" cy="{low - high}"/>'
             f'<a:chOff x="0" y="0"/><a:chExt cx="{right - left}" cy="{low - high}"/></a:xfrm></xdr:grpSpPr>'
             f'{"".join(parts)}</xdr:grpSp>')
    draft = parse_document(workbook(tmp_path, [two_cell(sheet, (left, high, right, low), group)]))
    assert actors(draft) == EXPECTED


@pytest.mark.parametrize("anchor", [two_cell, absolute], ids=["twoCellAnchor", "absoluteAnchor"])
def test_hidden_columns_and_rows_are_left_out_as_the_cells_are(tmp_path: Path, anchor) -> None:
    """A hidden "Paraf" column between Kasubbag and JFU and a hidden row between steps 2 and 3: neither is
    printed, so neither is read (no actor "Paraf"); the shapes anchored after them, by cell or by their
    place (Excel draws a hidden column 0 wide), stand in the columns and rows printed."""
    sheet = Sheet(hidden_column=True, hidden_row=True)
    draft = parse_document(workbook(tmp_path, symbols(sheet, anchor) + normal_flow(sheet), sheet))
    assert draft.actors == ACTORS
    assert not draft.problems
    assert actors(draft) == EXPECTED
    assert returns(draft) == NONE


def test_a_step_written_over_two_merged_rows_takes_the_symbol_drawn_in_its_second(tmp_path: Path) -> None:
    """Step 3's No. and Uraian cells merged down over two rows, its symbol drawn in the lower one: the
    symbol is step 3's."""
    sheet = Sheet(two_rows=3)
    anchors = symbols(sheet)
    high = sheet.box(3)
    lower = (high[0], high[1] + STEP_HEIGHT, high[2], high[3] + STEP_HEIGHT)
    anchors[2] = two_cell(sheet, lower, shape(13, "flowChartProcess", box=lower))
    draft = parse_document(workbook(tmp_path, anchors, sheet))
    assert not draft.problems
    assert actors(draft) == EXPECTED


@pytest.mark.parametrize("merged", [True, False], ids=["merged", "not-merged"])
@pytest.mark.parametrize("shift", [STEP_HEIGHT, STEP_HEIGHT // 2], ids=["second-row", "across-both"])
def test_a_step_written_over_two_rows_takes_the_symbols_drawn_in_either(tmp_path: Path, merged: bool, shift: int) -> None:
    """Step 3 written over two rows (its No. cell merged down, or its second row left with nothing under
    No.), its symbol drawn in the second row or across the border of the two: it is step 3's, as no other
    step's row is there; no warning."""
    sheet = Sheet(two_rows=3, merged=merged)
    anchors = symbols(sheet)
    high = sheet.box(3)
    moved = (high[0], high[1] + shift, high[2], high[3] + shift)
    anchors[2] = two_cell(sheet, moved, shape(13, "flowChartProcess", box=moved))
    draft = parse_document(workbook(tmp_path, anchors + normal_flow(sheet)[:1], sheet))
    assert not draft.problems and not draft.warnings
    assert actors(draft) == EXPECTED


def test_a_symbol_across_the_border_of_two_steps_rows_is_warned_of(tmp_path: Path) -> None:
    """Step 3's box drawn across the border between its row and step 4's (its middle 2 mm above it): whose
    it is cannot be told; step 3 is warned of, naming both cells."""
    sheet = Sheet()
    anchors = symbols(sheet)
    high = sheet.box(3)
    shift = STEP_HEIGHT // 2 - 20000
    moved = (high[0], high[1] + shift, high[2], high[3] + shift)
    anchors[2] = two_cell(sheet, moved, shape(13, "flowChartProcess", box=moved))
    draft = parse_document(workbook(tmp_path, anchors))
    assert [(w.step, w.value) for w in draft.warnings] == [(3, "▭")]
    assert "in cells E12 / E13 stands across the border" in draft.warnings[0].problem
    assert [p.step for p in draft.problems] == [3]


# Arrows and labels -----------------------------------------------------------------------------------


def _return_with_labels(sheet: Sheet, no: str, yes: str, *, glued: bool) -> list[str]:
    """The decision (step 4) with an elbow back up from its left corner to step 2's, and the arrow down to
    step 5; `no` written by the arrow back, `yes` by the one down."""
    box, xml = connector(39, side(sheet, 4), side(sheet, 2), preset="bentConnector3", glued=(14, 12) if glued else None)
    left, high, _r, low = sheet.box(4)
    x, y = bottom(sheet, 4)
    return [two_cell(sheet, box, xml), label(sheet, no, left - 320000, (high + low) / 2 - 170000, 50),
            label(sheet, yes, x + 30000, y + 20000, 51)]


@pytest.mark.parametrize("glued", [True, False], ids=["glued", "drawn"])
def test_a_connector_back_up_from_a_decision_is_a_return(tmp_path: Path, glued: bool) -> None:
    """The decision's "Tidak" drawn as an elbow from the diamond back up to step 2 (glued by a:stCxn/
    a:endCxn, or only drawn there, flipped as it runs up and left), labelled "Tidak", the arrow down "Ya":
    step 4 returns to step 2, no warning."""
    sheet = Sheet()
    anchors = symbols(sheet) + normal_flow(sheet, glued=glued) + _return_with_labels(sheet, "Tidak", "Ya", glued=glued)
    draft = parse_document(workbook(tmp_path, anchors))
    assert not draft.problems
    assert not draft.warnings
    assert returns(draft) == [[], [], [], [2], []]
    assert [s.branch_to for s in draft.steps] == [None] * len(STEPS)


def test_labels_the_other_way_round_keep_the_return_and_warn_of_the_decision(tmp_path: Path) -> None:
    """"Ya" by the arrow back up and "Tidak" by the one down (a question asked the other way round): read as
    the steps can hold it, as in a Word drawing (table.decide_arrows), with a warning of step 4 that the
    labels say the opposite. Without the labels read, there would be no warning."""
    sheet = Sheet()
    anchors = symbols(sheet) + normal_flow(sheet) + _return_with_labels(sheet, "Ya", "Tidak", glued=True)
    draft = parse_document(workbook(tmp_path, anchors))
    assert returns(draft) == [[], [], [], [2], []]
    assert [w.step for w in draft.warnings] == [4]
    assert "“Ya” on the arrow to step 2" in draft.warnings[0].problem


@pytest.mark.parametrize("turned_anchor", [True, False], ids=["anchor-as-drawn", "anchor-before-turning"])
def test_a_connector_turned_a_quarter_runs_where_it_is_drawn(tmp_path: Path, turned_anchor: bool) -> None:
    """A straight connector turned 90° (rot) and flipped, not glued: drawn up from the diamond's top (step 4)
    to the bottom of step 2's box, in the Kasubbag column. Its anchor is the box as drawn (tall and thin,
    as Excel writes a shape turned a quarter) or its box before turning (wide and flat): either way it is
    read as the arrow back up, a return."""
    sheet = Sheet()
    (x, high), (_x, low) = top(sheet, 4), bottom(sheet, 2)
    length, middle = high - low, (high + low) / 2
    drawn = (x - 5000, low, x + 5000, high)
    before = (x - length / 2, middle - 5000, x + length / 2, middle + 5000)
    turned = xfrm(before, ' rot="5400000" flipH="1"')
    xml = (f'<xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="39" name="Connector 39"/><xdr:cNvCxnSpPr/>'
           f"</xdr:nvCxnSpPr><xdr:spPr>{turned}"
           '<a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom><a:ln><a:tailEnd type="triangle"/></a:ln>'
           "</xdr:spPr></xdr:cxnSp>")
    anchors = [*symbols(sheet), *normal_flow(sheet), two_cell(sheet, drawn if turned_anchor else before, xml)]
    draft = parse_document(workbook(tmp_path, anchors))
    assert returns(draft) == [[], [], [], [2], []]


def test_an_arrow_without_arrowhead_direction_is_left_out(tmp_path: Path) -> None:
    """A line back up with no arrowhead: its way is not known, so it gives no return (as in Word)."""
    sheet = Sheet()
    box, xml = connector(39, side(sheet, 4), side(sheet, 2), preset="bentConnector3", head="none")
    draft = parse_document(workbook(tmp_path, [*symbols(sheet), *normal_flow(sheet), two_cell(sheet, box, xml)]))
    assert returns(draft) == NONE


def freeform(ident: int, points: list[tuple[float, float]], *, head: str = "tail", closed: bool = False,
             child: Callable | None = None) -> tuple[tuple[float, float, float, float], str]:
    """An xdr:sp drawn freehand (a:custGeom) through `points` (the sheet's EMU), as Excel's Scribble and
    Freeform tools keep a line: one open path of straight pieces in the coordinates of its box, no text.
    Arrowhead at its end ("tail") or start ("head"); closed: the path closed (a:close), a drawn outline.
    `child` carries a box into a group's child coordinates (its xfrm there); the path is the same."""
    xs, ys = [x for x, _y in points], [y for _x, y in points]
    box = (min(xs), min(ys), max(xs), max(ys))
    width, height = round(box[2] - box[0]), round(box[3] - box[1])
    steps = "".join(f'<a:{"moveTo" if i == 0 else "lnTo"}><a:pt x="{round(x - box[0])}" y="{round(y - box[1])}"/>'
                    f'</a:{"moveTo" if i == 0 else "lnTo"}>' for i, (x, y) in enumerate(points))
    ends = '<a:tailEnd type="triangle"/>' if head == "tail" else '<a:headEnd type="triangle"/>'
    xml = (f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{ident}" name="Freeform {ident}"/><xdr:cNvSpPr/>'
           f"</xdr:nvSpPr><xdr:spPr>{xfrm(child(box) if child else box)}<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/>"
           f'<a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/><a:pathLst><a:path w="{width}" h="{height}">{steps}'
           f'{"<a:close/>" if closed else ""}</a:path></a:pathLst></a:custGeom><a:noFill/>'
           f'<a:ln w="9525">{ends}</a:ln></xdr:spPr></xdr:sp>')
    return box, xml


def _freehand_return(sheet: Sheet, *, reverse: bool = False) -> list[tuple[float, float]]:
    """A return drawn freehand from the diamond's left corner (step 4) left, up and right to step 2's left
    corner (or the other way round)."""
    (x4, y4), (x2, y2) = side(sheet, 4), side(sheet, 2)
    points = [(x4, y4), (x4 - 250000, y4), (x4 - 250000, y2), (x2, y2)]
    return points[::-1] if reverse else points


@pytest.mark.parametrize(("reverse", "head"), [(False, "tail"), (True, "head")], ids=["head-at-end", "head-at-start"])
def test_a_return_drawn_freehand_is_an_arrow(tmp_path: Path, reverse: bool, head: str) -> None:
    """The decision's "Tidak" drawn with Excel's Freeform tool (an open a:custGeom path: left, up, right)
    from the diamond back up to step 2, or drawn from step 2 down with its arrowhead at its start: read as
    the arrow from the diamond to step 2, a return; it is no step's symbol."""
    sheet = Sheet()
    box, xml = freeform(39, _freehand_return(sheet, reverse=reverse), head=head)
    draft = parse_document(workbook(tmp_path, [*symbols(sheet), *normal_flow(sheet), two_cell(sheet, box, xml)]))
    assert not draft.problems and not draft.warnings
    assert actors(draft) == EXPECTED
    assert returns(draft) == [[], [], [], [2], []]


def test_a_freehand_return_in_a_group_is_placed_by_the_group(tmp_path: Path) -> None:
    """The freeform inside a group (child coordinates at half the sheet's scale from (1000, 2000)): its ends
    are set where the group places them, and it is read as the return."""
    sheet = Sheet()
    points = _freehand_return(sheet)
    box = (min(x for x, _y in points), min(y for _x, y in points), max(x for x, _y in points),
           max(y for _x, y in points))

    def child(inner: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        return (1000 + (inner[0] - box[0]) / 2, 2000 + (inner[1] - box[1]) / 2, 1000 + (inner[2] - box[0]) / 2,
                2000 + (inner[3] - box[1]) / 2)

    _box, xml = freeform(39, points, child=child)
    group = (f'<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="2" name="Group 2"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr>'
             f'<xdr:grpSpPr><a:xfrm><a:off x="{round(box[0])}" y="{round(box[1])}"/>'
             f'<a:ext cx="{round(box[2] - box[0])}" cy="{round(box[3] - box[1])}"/><a:chOff x="1000" y="2000"/>'
             f'<a:chExt cx="{round((box[2] - box[0]) / 2)}" cy="{round((box[3] - box[1]) / 2)}"/></a:xfrm>'
             f"</xdr:grpSpPr>{xml}</xdr:grpSp>")
    draft = parse_document(workbook(tmp_path, [*symbols(sheet), *normal_flow(sheet), two_cell(sheet, box, group)]))
    assert not draft.problems
    assert returns(draft) == [[], [], [], [2], []]


def test_a_closed_freeform_is_no_arrow(tmp_path: Path) -> None:
    """The same path closed (a:close) is an outline drawn by hand, not a line: no return, and no symbol."""
    sheet = Sheet()
    box, xml = freeform(39, _freehand_return(sheet), closed=True)
    draft = parse_document(workbook(tmp_path, [*symbols(sheet), *normal_flow(sheet), two_cell(sheet, box, xml)]))
    assert not draft.problems
    assert actors(draft) == EXPECTED
    assert returns(draft) == NONE


# Symbols that cannot be read as drawn -----------------------------------------------------------------


def test_a_symbol_across_two_columns_is_no_one_s_and_its_step_is_warned_of(tmp_path: Path) -> None:
    """Step 3's box drawn across the border of the Kasubbag and JFU columns (its centre 2 mm from it):
    whose it is cannot be told, so it decides nothing: step 3 is warned of, naming the cells, and its
    actor is left to the user."""
    sheet = Sheet()
    anchors = symbols(sheet)
    border = sheet.left(sheet.column("JFU"))
    x, _y = sheet.centre(3)
    box = sheet.box(3, dx=border - x - 20000)
    anchors[2] = two_cell(sheet, box, shape(13, "flowChartProcess", box=box))
    draft = parse_document(workbook(tmp_path, anchors))
    assert [p.step for p in draft.problems] == [3]
    assert [(w.step, w.value) for w in draft.warnings] == [(3, "▭")]
    assert "in cells D12 / E12" in draft.warnings[0].problem
    assert "border of two cells" in draft.warnings[0].problem
    assert "step 3" in str(draft.warnings[0])
    assert actors(draft)[3:] == EXPECTED[3:]


def test_a_symbol_well_inside_one_column_near_its_border_is_that_column_s(tmp_path: Path) -> None:
    """A box overlapping the next column by a little (its centre well inside its own column): its own."""
    sheet = Sheet()
    anchors = symbols(sheet)
    border = sheet.left(sheet.column("JFU"))
    x, _y = sheet.centre(3)
    box = sheet.box(3, dx=border - x + 200000)
    anchors[2] = two_cell(sheet, box, shape(13, "flowChartProcess", box=box))
    draft = parse_document(workbook(tmp_path, anchors))
    assert not draft.problems and not draft.warnings
    assert actors(draft) == EXPECTED


@pytest.mark.parametrize(("header", "where"), [("Kelengkapan", "outside the Pelaksana columns"),
                                               (None, "beside the procedure table")])
def test_a_symbol_outside_the_pelaksana_columns_is_warned_of(tmp_path: Path, header: str | None, where: str) -> None:
    """Step 5's Selesai drawn in the Kelengkapan column's cell (empty), or right of the table: it is not read
    as step 5's symbol (nor as its Kelengkapan), and step 5 is warned of, naming the cell."""
    sheet = Sheet()
    anchors = symbols(sheet)
    x, _y = sheet.centre(5)
    target = (sheet.left(sheet.column(header)) + sheet.width(sheet.column(header)) // 2 if header
              else sheet.left(len(sheet.columns) + 2) + 300000)
    box = sheet.box(5, dx=target - x)
    anchors[4] = two_cell(sheet, box, shape(15, "flowChartTerminator", "Selesai", box=box))
    draft = parse_document(workbook(tmp_path, anchors, cells={(5, "Kelengkapan"): ""}))
    assert [p.step for p in draft.problems] == [5]
    assert [w.step for w in draft.warnings] == [5]
    assert where in draft.warnings[0].problem
    column = get_column_letter(sheet.column(header)) if header else get_column_letter(len(sheet.columns) + 2)
    assert draft.warnings[0].value == "Selesai"
    assert f"in cell {column}{sheet.step_rows[4]} is drawn" in draft.warnings[0].problem
    assert draft.steps[4].inputs == ""


def symbol_below_the_table(tmp_path: Path, name: str = "sop.xlsx") -> tuple[Path, str]:
    """The SOP with a Selesai drawn right of the table in a row below it, under a blank row (a remark
    under the table): the workbook and the cell of the symbol as Excel names it."""
    sheet = Sheet()
    anchors = symbols(sheet)
    path = workbook(tmp_path, None, name=name)
    below = sheet.step_rows[4] + 2
    book = openpyxl.load_workbook(path)
    book.active.cell(below, 2, "Catatan: dokumen disimpan di arsip")
    for row in (below - 1, below):
        book.active.row_dimensions[row].height = STEP_HEIGHT / PT
    book.save(path)
    x, _y = sheet.centre(5)
    box = sheet.box(5, dx=sheet.left(len(sheet.columns) + 2) + 300000 - x)
    box = (box[0], box[1] + 2 * STEP_HEIGHT, box[2], box[3] + 2 * STEP_HEIGHT)
    anchors.append(two_cell(sheet, box, shape(70, "flowChartTerminator", "Selesai", box=box)))
    add_drawing(path, "".join(anchors))
    return path, f"{get_column_letter(len(sheet.columns) + 2)}{below}"


def test_a_symbol_in_a_row_that_is_no_step_is_warned_of_naming_its_cell(tmp_path: Path) -> None:
    """No step's: the document is warned of, naming the cell as Excel does."""
    path, cell = symbol_below_the_table(tmp_path)
    draft = parse_document(path)
    assert actors(draft) == EXPECTED
    [warning] = draft.warnings
    assert (warning.step, warning.value) == (None, "Selesai")
    assert f"the flowchart symbol in cell {cell} stands in a row that is no step" in str(warning)


def test_shapes_above_the_table_are_left_alone(tmp_path: Path) -> None:
    """A logo-like box with text in the letterhead rows: no step's, no warning."""
    sheet = Sheet()
    box = (10000, 10000, 400000, 150000)
    anchors = [two_cell(sheet, box, shape(60, "rect", "LOGO", box=box)), *symbols(sheet)]
    draft = parse_document(workbook(tmp_path, anchors))
    assert not draft.problems and not draft.warnings
    assert actors(draft) == EXPECTED


def test_a_damaged_drawing_is_a_clear_error(tmp_path: Path) -> None:
    path = workbook(tmp_path, ["<xdr:twoCellAnchor><broken"])
    with pytest.raises(Exception) as raised:
        parse_document(path)
    assert "drawing on this sheet cannot be read" in str(raised.value)
    assert "sop.xlsx" in str(raised.value)


def test_shapes_excel_wraps_in_alternate_content_are_read_and_hidden_ones_are_not(tmp_path: Path) -> None:
    """Excel wraps a shape using a later feature in mc:AlternateContent: its choice is read. A shape hidden
    in the selection pane (cNvPr hidden) is not printed, so it marks nothing."""
    sheet = Sheet()
    anchors = symbols(sheet)
    choice = ('<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
              '<mc:Choice xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" Requires="a14">'
              f"{anchors[1]}</mc:Choice><mc:Fallback/></mc:AlternateContent>")
    stray_box = sheet.box(3, "Sekretaris")
    stray = two_cell(sheet, stray_box, shape(70, "flowChartProcess", box=stray_box).replace(
        'name="Shape 70"', 'name="Shape 70" hidden="1"'))
    draft = parse_document(workbook(tmp_path, [anchors[0], choice, *anchors[2:], stray]))
    assert not draft.problems
    assert actors(draft) == EXPECTED


def test_a_tidak_to_a_selesai_beside_the_decision_ends_the_procedure(tmp_path: Path) -> None:
    """A Selesai terminator drawn in step 4's row, in the Kepala Dinas column beside the diamond, the arrow
    to it from the diamond's right corner labelled "Tidak": step 4's "Tidak" ends the procedure; its actor
    is still the diamond's column (table.end_terminator)."""
    sheet = Sheet()
    left, high, right, low = sheet.box(4, "Kepala Dinas")
    terminator = (left, high, right, low)
    _l, top4, right4, bottom4 = sheet.box(4)
    box, xml = connector(38, (right4, (top4 + bottom4) / 2), (left, (high + low) / 2), glued=(14, 60))
    anchors = [*symbols(sheet), *normal_flow(sheet), two_cell(sheet, terminator, shape(60, "flowChartTerminator",
                                                                                      "Selesai", box=terminator)),
               two_cell(sheet, box, xml), label(sheet, "Tidak", right4 + 20000, (top4 + bottom4) / 2 - 170000, 61)]
    draft = parse_document(workbook(tmp_path, anchors))
    assert not draft.problems and not draft.warnings
    assert actors(draft) == EXPECTED
    assert [s.ends_if_not for s in draft.steps] == [False, False, False, True, False]


def test_labels_typed_in_the_cells_beside_the_decision(tmp_path: Path) -> None:
    """No text boxes: "Tidak" typed in the Sekretaris cell left of the diamond (step 4), whose arrow leaves
    its left corner back up to step 2; "Ya" in the cell under it. Agreeing with the drawing, they say
    nothing; swapped, the question is asked the other way round and step 4 is warned of."""
    sheet = Sheet(two_rows=4, merged=False)
    box, xml = connector(39, side(sheet, 4), side(sheet, 2), preset="bentConnector3", glued=(14, 12))
    anchors = [*symbols(sheet), *normal_flow(sheet), two_cell(sheet, box, xml)]
    for left, below, warned in (("Tidak", "Ya", []), ("Ya", "Tidak", [4])):
        path = workbook(tmp_path, anchors, sheet, cells={(4, "Sekretaris"): left}, name=f"{left}.xlsx")
        book = openpyxl.load_workbook(path)
        book.active.cell(sheet.step_rows[3] + 1, sheet.column("Kasubbag"), below)
        book.save(path)
        add_drawing(path, "".join(anchors))  # openpyxl drops the drawing on saving
        draft = parse_document(path)
        assert not draft.problems
        assert actors(draft) == EXPECTED
        assert returns(draft) == [[], [], [], [2], []]
        assert [w.step for w in draft.warnings] == warned


class UploadTestCase(KinerjaTestCase):
    """The upload page reads the drawing: the preview shows the actors of the symbols, the return of the
    connector, and the warning of a symbol across two columns beside its step; the SOP is saved as read."""

    def test_an_excel_flowchart_uploaded_is_previewed_and_saved_as_drawn(self) -> None:
        import tempfile

        from kinerja.sop.models import SopVersion

        sheet = Sheet()
        anchors = symbols(sheet) + normal_flow(sheet) + _return_with_labels(sheet, "Tidak", "Ya", glued=True)
        path = workbook(Path(tempfile.mkdtemp()), anchors, sheet, name="sop-bagan.xlsx")
        self.client.force_login(self.subsection_head)
        response = self.client.post("/sop/upload/", {"document": SimpleUploadedFile(path.name, path.read_bytes())})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        preview = self.client.get(response["Location"])
        rows = preview.context["rows"]
        self.assertEqual([(form.initial.get("actor"), problems) for form, problems in rows],
                         [(actor, []) for _a, _w, actor in STEPS])
        self.assertContains(preview, "pelaksana ditandai di kolomnya", count=len(STEPS))
        data = {}
        for form, _problems in rows:
            for name in form.fields:
                value = form.initial.get(name, "")
                data[f"{form.prefix}-{name}"] = "" if value is None else str(value)
        response = self.client.post(response["Location"], {**data, "save": ""})
        self.assertEqual(response.status_code, 302, response.content[:3000])
        steps = list(SopVersion.objects.get().steps.order_by("number"))
        self.assertEqual([step.actor.name for step in steps], [actor for _a, _w, actor in STEPS])
        self.assertEqual([[back.number for back in step.returns_to.all()] for step in steps], [[], [], [], [2], []])

    def test_a_symbol_across_two_columns_is_shown_beside_its_step(self) -> None:
        import tempfile

        sheet = Sheet()
        anchors = symbols(sheet)
        border = sheet.left(sheet.column("JFU"))
        x, _y = sheet.centre(3)
        box = sheet.box(3, dx=border - x - 20000)
        anchors[2] = two_cell(sheet, box, shape(13, "flowChartProcess", box=box))
        path = workbook(Path(tempfile.mkdtemp()), anchors, sheet, name="sop-miring.xlsx")
        self.client.force_login(self.subsection_head)
        response = self.client.post("/sop/upload/", {"document": SimpleUploadedFile(path.name, path.read_bytes())})
        preview = self.client.get(response["Location"])
        self.assertContains(preview, '<div class="sop-check"><strong>Periksa:</strong> sop-miring.xlsx, lembar “Sheet”, '
                                     'langkah 3, '
                                     "kolom Pelaksana: simbol bagan alir di sel D12 / E12 berdiri di atas batas dua sel",
                            count=1, html=False)

    def test_a_symbol_in_a_row_that_is_no_step_is_shown_above_the_steps(self) -> None:
        import tempfile

        path, cell = symbol_below_the_table(Path(tempfile.mkdtemp()), name="sop-bawah.xlsx")
        self.client.force_login(self.subsection_head)
        response = self.client.post("/sop/upload/", {"document": SimpleUploadedFile(path.name, path.read_bytes())})
        preview = self.client.get(response["Location"])
        self.assertContains(preview, '<div class="sop-check" role="note"><strong>Periksa:</strong> sop-bawah.xlsx, '
                                     'lembar “Sheet”: '
                                     f"simbol bagan alir di sel {cell} berada pada baris yang bukan langkah", count=1)


def test_a_text_box_beside_the_flowchart_is_a_note_not_a_symbol(tmp_path: Path) -> None:
    """A text box with a remark in step 2's Keterangan cell (empty): a note beside the flowchart, not read
    into the cell nor warned of as a symbol outside the Pelaksana columns."""
    sheet = Sheet()
    x, _y = sheet.centre(2)
    ket = sheet.column("Keterangan")
    box = sheet.box(2, dx=sheet.left(ket) + sheet.width(ket) // 2 - x)
    note = two_cell(sheet, box, shape(70, "rect", "lihat lampiran", box=box, text_box=True))
    draft = parse_document(workbook(tmp_path, [*symbols(sheet), note]))
    assert not draft.problems and not draft.warnings
    assert actors(draft) == EXPECTED
    assert draft.steps[1].note == ""


def test_the_drawing_of_the_procedure_s_sheet_is_read_after_an_identity_sheet(tmp_path: Path) -> None:
    """The identity block on a sheet of its own before the procedure's sheet, which holds the drawing: the
    drawing read is that of the procedure's sheet, its arrows and warnings named by the steps there."""
    sheet = Sheet()
    anchors = symbols(sheet) + normal_flow(sheet) + _return_with_labels(sheet, "Tidak", "Ya", glued=True)
    path = workbook(tmp_path, None, sheet)
    book = openpyxl.load_workbook(path)
    procedure = book.active
    procedure.title = "Prosedur"
    identity = book.create_sheet("Identitas", 0)
    for row in range(1, 7):
        for column in (1, 3):
            identity.cell(row, column, procedure.cell(row, column).value)
            procedure.cell(row, column).value = None
    book.save(path)
    add_drawing(path, "".join(anchors), "sheet2.xml")  # openpyxl writes the sheets' parts in their order
    draft = parse_document(path)
    assert draft.name == "PENGELOLAAN SURAT KEPUTUSAN"
    assert not draft.problems and not draft.warnings
    assert actors(draft) == EXPECTED
    assert returns(draft) == [[], [], [], [2], []]
