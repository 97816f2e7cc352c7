"""The flowchart symbols drawn in a Word SOP's Pelaksana columns, read as marks of the cells they stand in.

An SOP AP table draws each step's symbol (a box, a decision diamond, the Mulai/Selesai terminator) in
the column of the actor who performs it, and arrows between them. Word keeps those drawings as shapes
anchored to a paragraph, usually that of the table cell they were drawn in, possibly moved sideways by
an offset; their text (a "Mulai" in the terminator) is in a text box that python-docx's `cell.text`
does not read. Without this, a DOCX whose actor columns hold only shapes gave empty Pelaksana cells
and each step's actor had to be guessed from the hand-off words of the step before.

`cell_marks(table)` gives, for each row and grid column, the marks of the symbols standing there:
the symbol's own text if it has one ("Mulai", "Ya"), else "▭" (a box), "◇" (a decision) or "⬭"
(a terminator). Arrows, connector lines, pictures and the "Ya"/"Tidak" labels of a decision's
branches are not symbols and give no mark: the return edges and branches are read from the steps'
words (table.decide_returns), never from the arrows. The table reader then treats a mark like any
text in a Pelaksana cell (table.decide_actors: the column holding the step's symbol is its actor,
when exactly one does).

Where a symbol stands. Sideways: its cell's left plus its offset (a DrawingML anchor's posOffset or
alignment, a VML shape's margin-left or mso-position-horizontal). The shapes of a group are placed by
the group's place plus their own offsets inside it, scaled from the group's child coordinates:
DrawingML groups (wpg:wgp, nested wpg:grpSp) by their chOff/chExt, VML groups (v:group, nested ones
and Word 2003's drawing canvas too) by their coordorigin/coordsize, mirrored when flipped; a drawing
canvas (wpc:wpc) holds its shapes at EMU offsets from its corner. A drawing placed relative to the
page cannot be set against the columns: its symbols count in the column it is anchored in.

Downwards: all the symbols anchored in one cell (its loose shapes together, each group or canvas on
its own) normally stand in that cell's row. But a group is often the whole flowchart, selected and
grouped in Word and anchored in one cell (or its shapes are all anchored in the cell where the cursor
was): its symbols belong to several steps. They are sorted by height into levels (symbols side by
side are one level, whatever their sizes; a step has one symbol) and each level goes to a row:
  * by position, when the drawing's top is known (placed relative to its paragraph) and every row it
    reaches gives its height (w:trHeight): the row whose band holds the level's middle, counting the
    rows' heights down (or up) from the anchor row;
  * else by order: the first level to the first step row from the anchor row on, the next to the
    next step row, and so on. A step row numbers a step in its first cell and has words in another,
    so a header, a row of column numbers or a step's second row under its No. cell merged down gets
    no symbol.
Row heights are mostly unknown: Word writes a row's height only when someone set it, and then mostly
as a minimum that the text stretches; the height a row is drawn with depends on its text, fonts and
margins, which only a layout engine knows. The order needs none of that, as a flowchart gives each
step its symbol, one below the other, so it is what decides whenever positions are not reliable: a
level whose middle falls beyond the rows of known height, two levels in one row, a level in a row
that is no step's, a step row between two levels left without a symbol, or a row taken that holds
symbols of its own (minimum heights outgrown by the text give these). Rows holding symbols of their
own, or filled by an earlier group, are skipped by the order too. A group with more levels than step
rows left puts the extra ones in the last: that step then holds two symbols and, when they stand in
two columns, is reported (its actor undecided) rather than silently given to one of them.

Written here because no library reads it: python-docx exposes the shapes' XML but neither their
geometry nor which cell they appear in. DrawingML (Word 2010 and later, `wps:wsp`) and VML (Word 2003/
2007 documents and those in compatibility mode, `v:rect`, `v:group` …) are both read; where Word
writes both for one shape (mc:AlternateContent), only the DrawingML choice is read, so a shape is never
counted twice; a fallback whose choice holds no DrawingML shape is read.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from .flow import DECISION_LABELS, normalise_name
from .table import step_label

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
EMU_PER_TWIP = 635
_UNIT_EMU = {"pt": 12700, "in": 914400, "cm": 360000, "mm": 36000, "px": 9525, "pc": 152400}

BOX, DECISION, TERMINATOR = "▭", "◇", "⬭"

# DrawingML preset geometries.
_DECISIONS = {"flowChartDecision", "diamond"}
_TERMINATORS = {"flowChartTerminator", "ellipse", "flowChartAlternateProcess", "roundRect"}
# VML shape types (o:spt / the "#_x0000_tNNN" type), left out as their DrawingML presets are: 20 a line,
# 32-40 connectors, 120 and 177 the flowchart's on-page and off-page connectors; arrows 13, 66-70, 76-83
# (with the arrow callouts), 89-91, 93, 94, 99-105, 182. 4 is a diamond, 110 a decision; 3 an oval, 116 a
# terminator, 2 a rounded box, 176 an alternate process; 75 a picture frame.
_VML_CONNECTORS = {20, *range(32, 41), 120, 177, 13, *range(66, 71), *range(76, 84), 89, 90, 91, 93, 94,
                   *range(99, 106), 182}
_VML_PICTURE = 75
_VML_DECISIONS = {4, 110}
_VML_TERMINATORS = {3, 116, 2, 176}
_VML_SHAPES = {"rect", "roundrect", "oval", "shape"}


class _Symbol(NamedTuple):
    """A symbol of a drawing anchored in a cell."""

    mark: str
    x: int | None  # its centre from the left of the cell, in EMU; None: in the cell's column
    y: int | None  # its middle from the top of the anchor paragraph, in EMU; None: not known
    depth: float | None  # its middle from the top of its drawing's frame (any unit); None: not known
    height: float  # in the unit of depth


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


_DRAWINGML = (_q(WPS, "wsp"), _q(WPG, "wgp"), _q(WPC, "wpc"))


def _shadowed(element: Any) -> bool:
    """Inside an mc:Fallback whose choice holds a DrawingML shape, group or canvas: the VML copy of a
    drawing that is read from the choice instead."""
    parent = element.getparent()
    while parent is not None:
        if parent.tag == _q(MC, "Fallback"):
            alternatives = parent.getparent()
            if alternatives is None or any(
                    next(choice.iter(*_DRAWINGML), None) is not None
                    for choice in alternatives.iterchildren(_q(MC, "Choice"))):
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
    number = _vml_type(shape) or {"rect": 1, "roundrect": 2, "oval": 3}.get(kind)
    if number in _VML_CONNECTORS or number == _VML_PICTURE or shape.find(_q(V, "imagedata")) is not None:
        return None
    if number is None and kind == "shape" and shape.get("path") and not _text(shape):
        return None  # a freeform line drawn with a path, as arrows often are
    return _mark(shape, number in _VML_DECISIONS, number in _VML_TERMINATORS)


# Beyond any page (a kilometre in EMU): a number this large is a damaged file's, and read as none.
_TOO_FAR = 10**12


def _length(value: str) -> int | None:
    """A CSS length ("12.5pt", "1in"; a bare number is in pixels) in EMU."""
    found = re.fullmatch(r"\s*(-?[\d.]+)\s*([a-z]*)\s*", value or "")
    if not found:
        return None
    try:
        number = float(found.group(1)) * _UNIT_EMU.get(found.group(2) or "px", 9525)
    except ValueError:
        return None
    return int(number) if abs(number) < _TOO_FAR else None


def _number(value: str | None) -> float | None:
    """A number of a VML group's coordinates ("1440", "-20.5"); None when it is none."""
    found = re.fullmatch(r"\s*(-?\d+(?:\.\d*)?|-?\.\d+)\s*[a-z]*\s*", value or "")
    number = float(found.group(1)) if found else None
    return number if number is not None and abs(number) < _TOO_FAR else None


def _int(value: str | None) -> int:
    try:
        number = int(value or 0)
    except ValueError:
        return 0
    return number if abs(number) < _TOO_FAR else 0


def _plus(start: int | None, offset: float) -> int | None:
    """A group's corner plus a child's offset in EMU; None when either is unknown (or, from a damaged
    file's numbers, beyond any page)."""
    if start is None or not abs(offset) < _TOO_FAR:  # also NaN
        return None
    return start + int(offset)


# Where a group's child stands along one axis: u in the child's coordinates -> a + b * u in the
# outermost frame (EMU for DrawingML; for VML, EMU sideways and the group's top units downwards).
_Transform = tuple[float, float]
_IDENTITY: _Transform = (0.0, 1.0)


def _inside(outer: _Transform, off: float, ext: float, ch_off: float, ch_ext: float, flipped: bool) -> _Transform:
    """The transform of a group's children, a child at u standing at off + (u - ch_off) * ext / ch_ext in
    the group's parent (mirrored when flipped), composed with the parent's `outer` transform."""
    scale = ext / ch_ext if ch_ext else 1.0
    a, b = (off + ext + ch_off * scale, -scale) if flipped else (off - ch_off * scale, scale)
    outer_a, outer_b = outer
    return outer_a + outer_b * a, outer_b * b


def _at(transform: _Transform, u: float) -> float:
    return transform[0] + transform[1] * u


# DrawingML ------------------------------------------------------------------------------------------


def _xfrm(element: Any, axis: str) -> tuple[int, int, int, int, bool] | None:
    """(off, ext, chOff, chExt, flipped) of an a:xfrm along axis "x" or "y"; None when there is none."""
    if element is None:
        return None
    size = "cx" if axis == "x" else "cy"

    def value(name: str, attribute: str) -> int:
        found = element.find(_q(A, name))
        return _int(found.get(attribute)) if found is not None else 0

    flip = element.get("flipH" if axis == "x" else "flipV")
    return (value("off", axis), value("ext", size), value("chOff", axis), value("chExt", size),
            flip in ("1", "true"))


def _group_transform(properties: Any, outer: _Transform, axis: str) -> _Transform:
    """The transform of a group's children along an axis, from its grpSpPr's xfrm, inside `outer`."""
    found = _xfrm(properties.find(_q(A, "xfrm")) if properties is not None else None, axis)
    return outer if found is None else _inside(outer, *found)


def _grouped(container: Any, across: _Transform, down: _Transform) -> list[tuple[str, float, float, float]]:
    """(mark, centre, middle, height) in the frame of the outermost group of each symbol of a group or
    canvas."""
    found: list[tuple[str, float, float, float]] = []
    for child in container:
        if child.tag == _q(WPS, "wsp"):
            mark = _drawing_symbol(child)
            xfrm = child.find(f"{_q(WPS, 'spPr')}/{_q(A, 'xfrm')}")
            box, column = _xfrm(xfrm, "x"), _xfrm(xfrm, "y")
            if mark is not None and box is not None and column is not None:
                found.append((mark, _at(across, box[0] + box[1] / 2), _at(down, column[0] + column[1] / 2),
                              abs(column[1] * down[1])))
        elif child.tag in (_q(WPG, "grpSp"), _q(WPG, "wgp")):
            properties = child.find(_q(WPG, "grpSpPr"))
            found += _grouped(child, _group_transform(properties, across, "x"),
                              _group_transform(properties, down, "y"))
    return found


def _anchor_of(element: Any) -> Any:
    anchor = element.getparent()
    while anchor is not None and anchor.tag not in (_q(WP, "anchor"), _q(WP, "inline")):
        anchor = anchor.getparent()
    return anchor


def _anchor_left(anchor: Any, cell_width: int) -> int | None:
    """The left of a drawing's frame from the left of its cell, in EMU: its offset when floated relative
    to the cell's column, its alignment in the cell, or the cell's start when inline; None when placed
    relative to the page or its margins (no cell tells where that is)."""
    if anchor is None:
        return None
    if anchor.tag == _q(WP, "inline"):
        return 0
    extent = anchor.find(_q(WP, "extent"))
    width = _int(extent.get("cx")) if extent is not None else 0
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


def _anchor_top(anchor: Any) -> int | None:
    """The top of a drawing's frame from the top of its paragraph, in EMU; None when placed relative
    to the page or its margins, or aligned."""
    if anchor is None:
        return None
    if anchor.tag == _q(WP, "inline"):
        return 0
    position = anchor.find(_q(WP, "positionV"))
    if position is None or position.get("relativeFrom") not in ("paragraph", "line"):
        return None
    offset = position.find(_q(WP, "posOffset"))
    if offset is not None:
        return _int(offset.text)
    return 0 if position.findtext(_q(WP, "align")) == "top" else None


def _anchor_height(anchor: Any) -> int:
    extent = anchor.find(_q(WP, "extent")) if anchor is not None else None
    return _int(extent.get("cy")) if extent is not None else 0


def _drawing_groups(tc: Any, cell_width: int) -> list[list[_Symbol]]:
    """The symbols of each DrawingML group and canvas anchored in a cell."""
    drawings: list[list[_Symbol]] = []
    for data in tc.iter(_q(A, "graphicData")):
        if _shadowed(data):
            continue
        anchor = _anchor_of(data)
        for container in data:
            if container.tag == _q(WPG, "wgp"):
                properties = container.find(_q(WPG, "grpSpPr"))
                across = _group_transform(properties, _IDENTITY, "x")
                down = _group_transform(properties, _IDENTITY, "y")
            elif container.tag == _q(WPC, "wpc"):
                across = down = _IDENTITY  # a canvas's shapes stand at their offsets (EMU) from its corner
            else:
                continue
            left, top = _anchor_left(anchor, cell_width), _anchor_top(anchor)
            drawings.append([
                _Symbol(mark, _plus(left, centre), _plus(top, middle), middle, height)
                for mark, centre, middle, height in _grouped(container, across, down)])
    return drawings


def _drawing_shape(shape: Any, cell_width: int) -> _Symbol | None:
    """A loose DrawingML shape anchored in a cell (not in a group)."""
    mark = _drawing_symbol(shape)
    if mark is None:
        return None
    anchor = _anchor_of(shape)
    left, top = _anchor_left(anchor, cell_width), _anchor_top(anchor)
    extent = anchor.find(_q(WP, "extent")) if anchor is not None else None
    width = _int(extent.get("cx")) if extent is not None else 0
    height = _anchor_height(anchor)
    # An aligned shape stands where it is anchored (its alignment, not an offset, gave its left).
    aligned = anchor is None or anchor.tag != _q(WP, "anchor") or (
        anchor.find(f"{_q(WP, 'positionH')}/{_q(WP, 'posOffset')}") is None)
    middle = None if top is None else top + height // 2
    return _Symbol(mark, None if aligned or left is None else left + width // 2, middle, middle, height)


# VML ------------------------------------------------------------------------------------------------


def _style(shape: Any) -> dict[str, str]:
    parts = (part.split(":", 1) for part in shape.get("style", "").split(";") if ":" in part)
    return {key.strip().lower(): value.strip() for key, value in parts}


def _pair(value: str | None, default: tuple[float, float]) -> tuple[float, float]:
    """A VML "x,y" pair (coordsize, coordorigin); a missing half keeps its default."""
    halves = (value or "").split(",")
    first = _number(halves[0]) if halves and halves[0].strip() else None
    second = _number(halves[1]) if len(halves) > 1 and halves[1].strip() else None
    return (default[0] if first is None else first, default[1] if second is None else second)


def _vml_box(style: dict[str, str], read: Any) -> tuple[float, float, float, float] | None:
    """(left, top, width, height) of a VML shape or group from its style, each read by `read`."""
    values = [read(style.get(name, "0")) for name in ("left", "margin-left", "top", "margin-top", "width", "height")]
    if None in values:
        return None
    left, margin_left, top, margin_top, width, height = (float(v) for v in values)
    # Word writes a floating shape's place as "left:0;margin-left:99pt": the two add up.
    return left + margin_left, top + margin_top, width, height


def _vml_grouped(group: Any, across: _Transform, down: _Transform) -> list[tuple[str, float, float, float]]:
    """(mark, centre, middle, height) in the outermost group's frame of each symbol of a v:group whose
    children's coordinates `across` and `down` carry to that frame."""
    found: list[tuple[str, float, float, float]] = []
    for child in group:
        kind = child.tag.rpartition("}")[2] if child.tag.startswith(f"{{{V}}}") else None
        if kind is None:
            continue
        box = _vml_box(_style(child), _number)
        if box is None:
            continue
        left, top, width, height = box
        if width <= 0 or height <= 0:
            continue  # not drawn: no size, or a size Word could not read either
        if kind == "group":
            size = _pair(child.get("coordsize"), (1000.0, 1000.0))
            origin = _pair(child.get("coordorigin"), (0.0, 0.0))
            if size[0] <= 0 or size[1] <= 0:
                continue  # its children's coordinates stand nowhere
            flip = _style(child).get("flip", "")
            found += _vml_grouped(child, _inside(across, left, width, origin[0], size[0], "x" in flip),
                                  _inside(down, top, height, origin[1], size[1], "y" in flip))
        elif (mark := _vml_symbol(child)) is not None:
            found.append((mark, _at(across, left + width / 2), _at(down, top + height / 2), abs(height * down[1])))
    return found


def _vml_frame(style: dict[str, str], cell_width: int) -> tuple[int | None, int | None, int, int] | None:
    """(left, top, width, height) in EMU of a VML shape or group in w:pict, left from its cell's left
    (its margin-left, or its alignment in the cell) and top from its paragraph's when it floats relative
    to them (None when relative to the page or its margins, or aligned downwards but at the top); an
    inline one stands at the paragraph's start."""
    box = _vml_box(style, _length)
    if box is None:
        return None
    left, top, width, height = (int(v) for v in box)
    if style.get("position") != "absolute":
        return 0, 0, width, height
    across: int | None = {"left": 0, "inside": 0, "center": (cell_width - width) // 2, "right": cell_width - width,
                          "outside": cell_width - width}.get(style.get("mso-position-horizontal", ""), left)
    if style.get("mso-position-horizontal-relative", "text") not in ("text", "char"):
        across = None
    down: int | None = {"top": 0}.get(style.get("mso-position-vertical", ""), top)
    if style.get("mso-position-vertical", "absolute") not in ("absolute", "top") or style.get(
            "mso-position-vertical-relative", "text") not in ("text", "line"):
        down = None
    return across, down, width, height


def _vml_group(group: Any, cell_width: int) -> list[_Symbol]:
    """The symbols of a v:group written in w:pict, each centre from its cell's left."""
    style = _style(group)
    frame = _vml_frame(style, cell_width)
    if frame is None:
        return []
    left, top, width, height = frame
    size = _pair(group.get("coordsize"), (1000.0, 1000.0))
    origin = _pair(group.get("coordorigin"), (0.0, 0.0))
    if size[0] <= 0 or size[1] <= 0:
        return []
    flip = style.get("flip", "")
    # Both axes in EMU from the group's corner.
    across = _inside(_IDENTITY, 0, width, origin[0], size[0], "x" in flip)
    down = _inside(_IDENTITY, 0, height, origin[1], size[1], "y" in flip)
    return [_Symbol(mark, _plus(left, centre), _plus(top, middle), middle, symbol_height)
            for mark, centre, middle, symbol_height in _vml_grouped(group, across, down)]


def _vml_shape(shape: Any, cell_width: int) -> _Symbol | None:
    """A loose VML shape in w:pict; one that is inline or aligned stands in the column it is anchored in."""
    mark = _vml_symbol(shape)
    if mark is None:
        return None
    style = _style(shape)
    frame = _vml_frame(style, cell_width)
    if frame is None:
        return _Symbol(mark, None, None, None, 0)
    left, top, width, height = frame
    middle = None if top is None else top + height // 2
    placed = style.get("position") == "absolute" and style.get("mso-position-horizontal", "absolute") == "absolute"
    return _Symbol(mark, left + width // 2 if placed and left is not None else None, middle, middle, height)


# A cell's drawings ----------------------------------------------------------------------------------


def _drawings(tc: Any, cell_width: int) -> list[list[_Symbol]]:
    """The symbols anchored in a table cell: those of its loose shapes together, then those of each of
    its groups and canvases, each list one drawing. The labels "Ya"/"Tidak" are left out."""
    loose: list[_Symbol] = []
    for shape in tc.iter(_q(WPS, "wsp")):
        if _shadowed(shape) or shape.getparent().tag != _q(A, "graphicData"):
            continue  # a part of a group or a canvas: its place is the group's, not a cell's
        if (symbol := _drawing_shape(shape, cell_width)) is not None:
            loose.append(symbol)
    groups = _drawing_groups(tc, cell_width)
    for shape in tc.iter(*(_q(V, kind) for kind in (*_VML_SHAPES, "group"))):
        if shape.getparent().tag != _q(W, "pict") or _shadowed(shape):
            continue  # inside a v:group (read with it), or a VML copy of a DrawingML shape
        if shape.tag == _q(V, "group"):
            groups.append(_vml_group(shape, cell_width))
        elif (symbol := _vml_shape(shape, cell_width)) is not None:
            loose.append(symbol)
    return [kept for drawing in [loose, *groups]
            if (kept := [s for s in drawing if normalise_name(s.mark) not in DECISION_LABELS])]


def _levels(symbols: list[_Symbol]) -> list[list[_Symbol]]:
    """The symbols whose depth is known, top to bottom in levels. A symbol is in the level above it
    when its middle lies above that level's bottom, or that level's lowest middle below its top: side
    by side, whatever their sizes; a tall decision grazing the next row's box does not join them."""
    levels: list[list[_Symbol]] = []
    bottom = middle = 0.0
    for symbol in sorted((s for s in symbols if s.depth is not None), key=lambda s: s.depth or 0.0):
        depth = symbol.depth or 0.0
        if levels and (depth < bottom or depth - symbol.height / 2 < middle):
            levels[-1].append(symbol)
            bottom, middle = max(bottom, depth + symbol.height / 2), depth
        else:
            levels.append([symbol])
            bottom, middle = depth + symbol.height / 2, depth
    return levels


class _Rows:
    """What a table's rows tell about where a drawing's levels stand: their heights and which number
    a step."""

    def __init__(self, table: Any, cells_of: list[list[Any]]) -> None:
        self.heights: list[int | None] = []
        numbered: list[bool] = []
        above = None  # the first cell of the row above: a No. cell merged down numbers no second step
        for row, cells in zip(table.rows, cells_of, strict=True):
            height = row._tr.trPr.find(_q(W, "trHeight")) if row._tr.trPr is not None else None
            value = _int(height.get(_q(W, "val"))) if height is not None else 0
            rule = height.get(_q(W, "hRule")) if height is not None else None
            self.heights.append(value * EMU_PER_TWIP if value > 0 and rule != "auto" else None)
            first = cells[0]._tc if cells else None
            numbered.append(first is not None and first is not above and step_label(cells[0].text.strip()) is not None
                            and any(re.search(r"[^\W\d_]", cell.text) for cell in cells[1:]))
            above = first
        # A table without a No. column (or not an SOP table): every row may hold a step.
        self.steps = [i for i, step in enumerate(numbered) if step] or list(range(len(numbered)))

    def row_at(self, anchor: int, y: int) -> int | None:
        """The row whose band holds y (EMU from the top of the anchor row), when every height on the way
        is known."""
        row, top = anchor, 0
        while y < top:
            row -= 1
            if row < 0 or (height := self.heights[row]) is None:
                return None
            top -= height
        while row < len(self.heights) and (height := self.heights[row]) is not None:
            if y < top + height:
                return row
            top, row = top + height, row + 1
        return None

    def by_position(self, anchor: int, levels: list[list[_Symbol]], blocked: set[int]) -> list[int] | None:
        """The row of each level by its middle; None when a position is unknown or the rows found are
        not those of a flowchart (see the module's docstring)."""
        if any(s.y is None for level in levels for s in level):
            return None
        rows = [self.row_at(anchor, int(sum(s.y or 0 for s in level) / len(level))) for level in levels]
        if None in rows:
            return None
        found = [row for row in rows if row is not None]
        if any(b <= a for a, b in zip(found, found[1:], strict=False)) or blocked & set(found):
            return None
        steps = set(self.steps)
        if not set(found) <= steps:
            return None
        if any(found[0] < row < found[-1] and row not in found and row not in blocked for row in self.steps):
            return None
        return found

    def by_order(self, anchor: int, count: int, blocked: set[int]) -> list[int] | None:
        """The step rows from the anchor's on not blocked, one per level; the extra levels in the last."""
        free = [row for row in self.steps if row >= anchor and row not in blocked]
        if not free:
            return None
        return [free[min(index, len(free) - 1)] for index in range(count)]


def cell_marks(table: Any) -> list[list[list[str]]]:
    """For each row of a python-docx table, for each grid column, the marks of the symbols standing in
    that column (moved from the cell they are anchored in by their offsets, and to the rows of a group's
    levels; see the module's docstring)."""
    widths = [int(col.w or 0) for col in table._tbl.tblGrid.gridCol_lst]
    lefts = [sum(widths[:i]) for i in range(len(widths))]
    cells_of = [row.cells for row in table.rows]
    counts = [len(cells) for cells in cells_of]
    marks: list[list[list[str]]] = [[[] for _ in range(count)] for count in counts]

    def put(row: int, anchor_row: int, column: int, symbol: _Symbol) -> None:
        at = _column_at(column, symbol.x, lefts, widths, counts[anchor_row])
        if counts[row]:
            marks[row][min(at, counts[row] - 1)].append(symbol.mark)

    # A merged cell (across columns, or down rows) is read once, where it begins, as readers.py writes
    # its text. Keyed by id() but holding the element: a dropped lxml proxy's id could be reused.
    seen: dict[int, Any] = {}
    spanning: list[tuple[int, int, list[_Symbol], list[list[_Symbol]]]] = []
    own: set[int] = set()  # the rows holding symbols of their own
    for index, cells in enumerate(cells_of):
        for column, cell in enumerate(cells):
            if id(cell._tc) in seen:
                continue
            seen[id(cell._tc)] = cell._tc
            width = widths[column] if column < len(widths) else 0
            for symbols in _drawings(cell._tc, width):
                levels = _levels(symbols)
                if len(levels) > 1:
                    spanning.append((index, column, symbols, levels))
                    continue
                own.add(index)
                for symbol in symbols:
                    put(index, index, column, symbol)
    if spanning:
        rows = _Rows(table, cells_of)
        taken: set[int] = set()
        for index, column, symbols, levels in spanning:
            blocked = own | taken
            targets = rows.by_position(index, levels, blocked) or rows.by_order(index, len(levels), blocked)
            if targets is None:
                targets = [index] * len(levels)
            taken.update(targets)
            for level, target in zip(levels, targets, strict=True):
                for symbol in level:
                    put(target, index, column, symbol)
            for symbol in symbols:
                if symbol.depth is None:  # not placed in the drawing: where it is anchored
                    put(index, index, column, symbol)
    return marks


def _column_at(column: int, centre: int | None, lefts: list[int], widths: list[int], count: int) -> int:
    """The grid column where a symbol anchored in `column` appears."""
    if centre is None or column >= len(lefts) or not all(widths[:count]):
        return column
    x = lefts[column] + centre
    for index in range(min(count, len(lefts))):
        if lefts[index] <= x < lefts[index] + widths[index]:
            return index
    return column  # drawn beside the table: where it is anchored
