"""The flowchart symbols drawn in a Word SOP's Pelaksana columns, read as marks of the cells they stand in.

An SOP AP table draws each step's symbol (a box, a decision diamond, the Mulai/Selesai terminator) in
the column of the actor who performs it, and arrows between them. Word keeps those drawings as shapes
anchored to a paragraph, usually that of the table cell they were drawn in, possibly moved sideways by
an offset; their text (a "Mulai" in the terminator) is in a text box that python-docx's `cell.text`
does not read. Without this, a DOCX whose actor columns hold only shapes gave empty Pelaksana cells
and each step's actor had to be guessed from the hand-off words of the step before.

`cell_marks(table)` gives, for each row and grid column, the marks of the symbols standing there:
the symbol's own text if it has one ("Mulai", "Ya"), else "▭" (a box), "◇" (a decision) or "⬭"
(a terminator). Arrows, connector lines and the "Ya"/"Tidak" labels of a decision's branches are not
symbols and give no mark. The shapes of a group (wpg:wgp) or a drawing canvas (wpc:wpc) are read too,
each placed by the group's place in its cell plus its own offset inside the group (scaled by the group's
chOff/chExt transform, nested groups each adding theirs). The table reader then
treats a mark like any text in a Pelaksana cell (table.decide_actors: the column holding the step's
symbol is its actor, when exactly one does).

Written here because no library reads it: python-docx exposes the shapes' XML but neither their
geometry nor which cell they appear in. DrawingML (Word 2010 and later, `wps:wsp`) and VML (Word 2003/
2007 documents, `v:rect` …) are both read; where Word writes both for one shape (mc:AlternateContent),
only the DrawingML choice is read, so a shape is never counted twice.
"""

from __future__ import annotations

import re
from typing import Any

from .flow import DECISION_LABELS, normalise_name

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WPG = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
WPC = "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V = "urn:schemas-microsoft-com:vml"
O = "urn:schemas-microsoft-com:office:office"  # noqa: E741 (the VML office namespace's usual prefix)

EMU_PER_POINT = 12700
_UNIT_EMU = {"pt": 12700, "in": 914400, "cm": 360000, "mm": 36000, "px": 9525, "pc": 152400}

BOX, DECISION, TERMINATOR = "▭", "◇", "⬭"

# DrawingML preset geometries.
_DECISIONS = {"flowChartDecision", "diamond"}
_TERMINATORS = {"flowChartTerminator", "ellipse", "flowChartAlternateProcess", "roundRect"}
# VML shape types (o:spt / the "#_x0000_tNNN" type): 32-40 are connectors, 20 a line; arrows 13, 66-70,
# 89-101; 4 a diamond, 110 a decision; 3 an oval, 116 a terminator, 2 a rounded box, 176 an alternate process.
_VML_CONNECTORS = {20, *range(32, 41), 13, *range(66, 71), *range(89, 102)}
_VML_DECISIONS = {4, 110}
_VML_TERMINATORS = {3, 116, 2, 176}
_VML_SHAPES = {"rect", "roundrect", "oval", "shape"}


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _in_fallback(element: Any) -> bool:
    """Inside an mc:Fallback: the VML copy of a shape whose DrawingML choice is read instead."""
    parent = element.getparent()
    while parent is not None:
        if parent.tag == _q(MC, "Fallback"):
            return True
        parent = parent.getparent()
    return False


def _text(element: Any) -> str:
    return " ".join(" ".join(t.text or "" for t in element.iter(_q(W, "t"))).split())


def _drawing_symbol(shape: Any) -> str | None:
    """The mark of a DrawingML shape (wps:wsp), or None for a connector or an arrow."""
    if shape.find(_q(WPS, "cNvCnPr")) is not None:
        return None
    geometry = shape.find(f"{_q(WPS, 'spPr')}/{_q(A, 'prstGeom')}")
    preset = geometry.get("prst", "") if geometry is not None else ""
    if preset == "line" or "Arrow" in preset or "arrow" in preset or "Connector" in preset:
        # Connectors and arrows; also flowChartConnector/flowChartOffpageConnector, the small circle and
        # pentagon that carry a flow over a page break: they stand in a column, but are no step's symbol.
        return None
    return _mark(shape, preset in _DECISIONS, preset in _TERMINATORS)


def _mark(shape: Any, decision: bool, terminator: bool) -> str:
    """A symbol's mark: its own text ("Mulai"), else the sign of its kind."""
    return _text(shape) or (DECISION if decision else TERMINATOR if terminator else BOX)


def _vml_type(shape: Any) -> int | None:
    spt = shape.get(_q(O, "spt"))
    if spt and spt.replace(".", "", 1).isdigit():
        return int(float(spt))
    found = re.search(r"_x0000_t(\d+)", shape.get("type", ""))
    return int(found.group(1)) if found else None


def _vml_symbol(shape: Any) -> str | None:
    kind = shape.tag.rpartition("}")[2]
    if kind not in _VML_SHAPES or shape.get(_q(O, "connectortype")):
        return None
    number = {"rect": 1, "roundrect": 2, "oval": 3}.get(kind) or _vml_type(shape)
    if number in _VML_CONNECTORS:
        return None
    if number is None and kind == "shape" and shape.get("path") and not _text(shape):
        return None  # a freeform line drawn with a path, as arrows often are
    return _mark(shape, number in _VML_DECISIONS, number in _VML_TERMINATORS)


def _length(value: str) -> int | None:
    found = re.fullmatch(r"\s*(-?[\d.]+)\s*([a-z]*)\s*", value or "")
    if not found:
        return None
    try:
        number = float(found.group(1))
    except ValueError:
        return None
    return int(number * _UNIT_EMU.get(found.group(2) or "px", 9525))


def _drawing_centre(shape: Any) -> int | None:
    """The shape's centre from the left of its cell, in EMU, when it is floated relative to the cell's
    column; None when it sits where it is anchored (inline, aligned, or placed relative to the page)."""
    anchor = shape.getparent()
    while anchor is not None and anchor.tag not in (_q(WP, "anchor"), _q(WP, "inline")):
        anchor = anchor.getparent()
    if anchor is None or anchor.tag != _q(WP, "anchor"):
        return None
    position = anchor.find(_q(WP, "positionH"))
    offset = position.find(_q(WP, "posOffset")) if position is not None else None
    if offset is None or position.get("relativeFrom") not in ("column", "character"):
        return None
    extent = anchor.find(_q(WP, "extent"))
    width = int(extent.get("cx", "0")) if extent is not None else 0
    try:
        return int(offset.text) + width // 2
    except (TypeError, ValueError):
        return None


def _anchor_left(anchor: Any, cell_width: int) -> int | None:
    """The left of a drawing's frame from the left of its cell, in EMU: its offset when floated relative
    to the cell's column, its alignment in the cell, or the cell's start when inline; None when placed
    relative to the page or its margins (no cell tells where that is)."""
    extent = anchor.find(_q(WP, "extent"))
    width = _int(extent.get("cx")) if extent is not None else 0
    if anchor.tag == _q(WP, "inline"):
        return 0
    position = anchor.find(_q(WP, "positionH"))
    if position is None or position.get("relativeFrom") not in ("column", "character"):
        return None
    offset = position.find(_q(WP, "posOffset"))
    if offset is not None:
        return _int(offset.text)
    align = position.findtext(_q(WP, "align"))
    if align in ("left", "inside"):
        return 0
    if align == "center":
        return (cell_width - width) // 2
    if align in ("right", "outside"):
        return cell_width - width
    return None


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


# Where a group's child stands: x in the child's coordinates -> a + b * x in the outermost frame's EMU.
_Transform = tuple[float, float]
_IDENTITY: _Transform = (0.0, 1.0)


def _xfrm(element: Any) -> tuple[int, int, int, int, bool] | None:
    """(off x, ext cx, chOff x, chExt cx, flipped sideways) of an a:xfrm; None when there is none."""
    if element is None:
        return None

    def value(name: str, attribute: str) -> int:
        found = element.find(_q(A, name))
        return _int(found.get(attribute)) if found is not None else 0

    return (value("off", "x"), value("ext", "cx"), value("chOff", "x"), value("chExt", "cx"),
            element.get("flipH") in ("1", "true"))


def _group_transform(properties: Any, outer: _Transform) -> _Transform:
    """The transform of a group's children (from its grpSpPr's xfrm) inside the `outer` one: a child at x
    stands at off + (x - chOff) * ext / chExt in the group's parent (mirrored when flipped sideways)."""
    found = _xfrm(properties.find(_q(A, "xfrm")) if properties is not None else None)
    if found is None:
        return outer
    off, ext, ch_off, ch_ext, flipped = found
    scale = ext / ch_ext if ch_ext else 1.0
    a, b = (off + ext + ch_off * scale, -scale) if flipped else (off - ch_off * scale, scale)
    outer_a, outer_b = outer
    return outer_a + outer_b * a, outer_b * b


def _grouped(container: Any, transform: _Transform) -> list[tuple[str, int | None]]:
    """(mark, centre in the frame of the outermost group) of each symbol of a group or canvas."""
    found: list[tuple[str, int | None]] = []
    a, b = transform
    for child in container:
        tag = child.tag
        if tag == _q(WPS, "wsp"):
            mark = _drawing_symbol(child)
            box = _xfrm(child.find(f"{_q(WPS, 'spPr')}/{_q(A, 'xfrm')}"))
            if mark is not None:
                centre = None if box is None else int(a + b * (box[0] + box[1] / 2))
                found.append((mark, centre))
        elif tag in (_q(WPG, "grpSp"), _q(WPG, "wgp")):
            inner = _group_transform(child.find(_q(WPG, "grpSpPr")), transform)
            found += _grouped(child, inner)
    return found


def _group_symbols(tc: Any, cell_width: int) -> list[tuple[str, int | None]]:
    """The symbols of the groups and canvases anchored in a cell, each centre from the cell's left;
    None (the cell they are anchored in) when the group's frame cannot be placed in the cell."""
    found: list[tuple[str, int | None]] = []
    for data in tc.iter(_q(A, "graphicData")):
        if _in_fallback(data):
            continue
        anchor = data.getparent().getparent()
        for container in data:
            if container.tag == _q(WPG, "wgp"):
                transform = _group_transform(container.find(_q(WPG, "grpSpPr")), _IDENTITY)
            elif container.tag == _q(WPC, "wpc"):
                transform = _IDENTITY  # a canvas's shapes stand at their offsets (EMU) from its corner
            else:
                continue
            left = _anchor_left(anchor, cell_width)
            for mark, centre in _grouped(container, transform):
                found.append((mark, None if left is None or centre is None else left + centre))
    return found


def _vml_centre(shape: Any) -> int | None:
    style = dict(part.split(":", 1) for part in shape.get("style", "").split(";") if ":" in part)
    style = {k.strip().lower(): v.strip() for k, v in style.items()}
    if style.get("position") != "absolute" or style.get("mso-position-horizontal-relative", "text") not in (
            "text", "char"):
        return None
    left, width = _length(style.get("margin-left", "0")), _length(style.get("width", "0"))
    if left is None:
        return None
    return left + (width or 0) // 2


def _symbols(tc: Any, cell_width: int) -> list[tuple[str, int | None]]:
    """(mark, centre from the cell's left in EMU or None) of each symbol anchored in a table cell."""
    return [(mark, centre) for mark, centre in [*_shapes(tc), *_group_symbols(tc, cell_width)]
            if normalise_name(mark) not in DECISION_LABELS]


def _shapes(tc: Any) -> list[tuple[str, int | None]]:
    found: list[tuple[str, int | None]] = []
    for shape in tc.iter(_q(WPS, "wsp")):
        if _in_fallback(shape) or shape.getparent().tag != _q(A, "graphicData"):
            continue  # a part of a group or a canvas: its place is the group's, not a cell's
        if (mark := _drawing_symbol(shape)) is not None:
            found.append((mark, _drawing_centre(shape)))
    for shape in tc.iter(*(_q(V, kind) for kind in _VML_SHAPES)):
        if _in_fallback(shape) or shape.getparent().tag != _q(W, "pict"):
            continue  # inside a v:group, or a VML copy of a DrawingML shape
        if (mark := _vml_symbol(shape)) is not None:
            found.append((mark, _vml_centre(shape)))
    return found


def cell_marks(table: Any) -> list[list[list[str]]]:
    """For each row of a python-docx table, for each grid column, the marks of the symbols standing in
    that column (moved from the cell they are anchored in by their horizontal offset)."""
    widths = [int(col.w or 0) for col in table._tbl.tblGrid.gridCol_lst]
    lefts = [sum(widths[:i]) for i in range(len(widths))]
    rows: list[list[list[str]]] = []
    # A merged cell (across columns, or down rows) is read once, where it begins, as readers.py writes
    # its text. Keyed by id() but holding the element: a dropped lxml proxy's id could be reused.
    seen: dict[int, Any] = {}
    for row in table.rows:
        cells = row.cells
        marks: list[list[str]] = [[] for _ in cells]
        for column, cell in enumerate(cells):
            if id(cell._tc) in seen:
                continue
            seen[id(cell._tc)] = cell._tc
            width = widths[column] if column < len(widths) else 0
            for mark, centre in _symbols(cell._tc, width):
                marks[_column_at(column, centre, lefts, widths, len(cells))].append(mark)
        rows.append(marks)
    return rows


def _column_at(column: int, centre: int | None, lefts: list[int], widths: list[int], count: int) -> int:
    """The grid column where a symbol anchored in `column` appears."""
    if centre is None or column >= len(lefts) or not all(widths[:count]):
        return column
    x = lefts[column] + centre
    for index in range(min(count, len(lefts))):
        if lefts[index] <= x < lefts[index] + widths[index]:
            return index
    return column  # drawn beside the table: where it is anchored
