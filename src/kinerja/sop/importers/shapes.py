"""The flowchart symbols drawn in a Word SOP's Pelaksana columns, read as marks of the cells they stand in.

An SOP AP table draws each step's symbol (a box, a decision diamond, the Mulai/Selesai terminator) in
the column of the actor who performs it, and arrows between them. Word keeps those drawings as shapes
anchored to a paragraph, usually that of the table cell they were drawn in, possibly moved sideways by
an offset; their text (a "Mulai" in the terminator) is in a text box that python-docx's `cell.text`
does not read. Without this, a DOCX whose actor columns hold only shapes gave empty Pelaksana cells
and each step's actor had to be guessed from the hand-off words of the step before.

`read_table(table)` gives, for each row and grid column, the marks of the symbols standing there:
the symbol's own text if it has one ("Mulai", "Ya"), else "▭" (a box), "◇" (a decision) or "⬭"
(a terminator). Arrows, connector lines, pictures and the "Ya"/"Tidak" labels of a decision's
branches are not symbols and give no mark. The table reader then treats a mark like any text in a
Pelaksana cell (table.decide_actors: the column holding the step's symbol is its actor, when exactly
one does). With the marks come the arrows drawn between the symbols of two rows (see Arrows below),
from which table.decide_arrows adds the return edges and branches the steps' words do not give.

Where a symbol stands. Sideways: its cell's left plus its offset (a DrawingML anchor's posOffset or
alignment, a VML shape's margin-left or mso-position-horizontal). The shapes of a group are placed by
the group's place plus their own offsets inside it, scaled from the group's child coordinates:
DrawingML groups (wpg:wgp, nested wpg:grpSp) by their chOff/chExt, VML groups (v:group, nested ones
and Word 2003's drawing canvas too) by their coordorigin/coordsize, mirrored when flipped; a drawing
canvas (wpc:wpc) holds its shapes at EMU offsets from its corner. A drawing placed relative to the
page cannot be set against the columns: its symbols count in the column it is anchored in. A drawing
anchored in a paragraph outside the table (the one just before it, grouped and floated over the Pelaksana
columns) is set against the table's grid by outside.py, from the page's margins and the table's indent,
and handed to read_table with its symbols' places across the table; its levels go down the step rows in
order (below), and what of it cannot be placed is said (TableDrawing.notes).

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

Arrows. A line, connector or open freeform (DrawingML `line`, `straightConnector1`, the bent and
curved connectors, a:custGeom without a:close; VML v:line, v:polyline, connector types 20 and 32-40,
a path of m/l/c commands) joins the two symbols its ends are at:
  * a connector glued to a shape names it: DrawingML a:stCxn/a:endCxn in wps:cNvCnPr give the id of
    the shape's wps:cNvPr (or, for a loose shape, its wp:docPr); a VML o:r rule of o:rules (in the
    drawing, the body or the settings) gives the o:spid or id of the shapes at the connector's start
    and end. A glued end counts wherever the connector is drawn; an id two shapes share names neither;
  * an end not glued is at the symbol whose box it lies in or within 3 mm of (the nearest), its place
    computed as the symbols' are (the group transforms, flips, and the line's own flips and rotation
    about its centre). Only the ends matter: an elbow's bends do not. Lines whose free ends meet (exactly
    two ends within 3 mm, on no symbol) are one arrow drawn in pieces, followed from end to end.
The arrowhead tells the direction: at the end (a:tailEnd, v:stroke endarrow) from start to end, at
the start (a:headEnd, startarrow) the other way; an arrow with none or two is left out, as its way is
not known (the normal flow needs no arrow to be read, and a line touching a decision and an earlier
step could be either way), as is one touching no symbol at either end, or the same symbol at both.
The ends of a group's arrows are set against the symbols of that group; those of loose lines against
the table's loose symbols, x across the table's columns and y from their paragraphs, set row against
row by the heights of the rows between when Word gives them. When it does not, an end above the top of
its paragraph (by more than 3 mm) lies in some row above: it is at the one symbol of those rows that
stands where the end is across, and at none when two do. An end below its row goes the same way down:
the one symbol of the rows below standing where it is across; when several do, the rows' heights are
estimated from their text as Word lays it out (_estimate_heights: lines of the cells' paragraphs at an
average character width, the font's size, line spacing, paragraph spacing and cell margins), and the
symbol whose row holds the end is it, provided no other could be within 15 % of the estimate. An end
that two symbols could be leaves the arrow unplaced, handed over with its other end only so the step
is warned of. Each arrow is handed over as the rows of the symbols it joins (and the kind of the symbol
it leaves), the rows those symbols were given above.

Labels. The answers written on a decision's arrows ("Ya" / "Tidak", "Y" / "T", "Sesuai" / "Tidak
sesuai", "Lengkap" / "Tidak lengkap", "Setuju" / "Tidak setuju", "Benar" / "Salah"; flow.answer_label)
are no symbols. Written in a text box, a label belongs to the arrow leaving a decision that passes
nearest it (its ends, an elbow's corners, the pieces it is drawn in), when within 1 cm and clearly the
nearest; typed as the whole text of a table cell, to the one arrow leaving the diamond towards that
cell (the cell left or right of the decision's, or the one below it). The arrow is handed over with its
answer (flow.YES or flow.NO), and table.decide_arrows lets it decide which arrow is the "Tidak".

Written here because no library reads it: python-docx exposes the shapes' XML but neither their
geometry nor which cell they appear in. DrawingML (Word 2010 and later, `wps:wsp`) and VML (Word 2003/
2007 documents and those in compatibility mode, `v:rect`, `v:group` …) are both read; where Word
writes both for one shape (mc:AlternateContent), only the DrawingML choice is read, so a shape is never
counted twice; a fallback whose choice holds no DrawingML shape is read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.utils.translation import gettext as _

from .flow import DECISION_LABELS, answer_label, normalise_name
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
    kind: str = BOX  # BOX, DECISION or TERMINATOR, whatever its text
    ids: tuple[str, ...] = ()  # the ids a connector may name it by
    box: tuple[float, float, float, float] | None = None  # (left, top, right, bottom) in its drawing's frame


class _Part(NamedTuple):
    """A symbol of a group, its box in the frame of the outermost group."""

    mark: str
    kind: str
    ids: tuple[str, ...]
    box: tuple[float, float, float, float]


class _End(NamedTuple):
    """One end of a line or connector."""

    point: tuple[float, float] | None  # in its drawing's frame; None when not known
    ref: str | None  # the id of the shape a connector is glued to at this end
    head: bool  # an arrowhead is drawn here


class _Line(NamedTuple):
    start: _End
    end: _End
    bends: tuple[tuple[float, float], ...] = ()  # the points it passes between its ends (an elbow's corners)


class _Drawing(NamedTuple):
    """The symbols and lines of one drawing anchored in a cell: a group or canvas (its own frame), or
    the cell's loose shapes (x from the cell's left, y from the paragraph's top)."""

    symbols: list[_Symbol]
    lines: list[_Line]
    loose: bool
    # The answers written on the arrows ("Ya", "Tidak", "Sesuai" … in text boxes), each with its box in the
    # drawing's frame.
    labels: tuple[tuple[str, tuple[float, float, float, float]], ...] = ()


class Arrow(NamedTuple):
    """An arrow of a table's flowchart from the symbol standing in one row to that in another."""

    source: int | None  # the table's row index; None for the end of an unplaced arrow
    target: int | None
    kind: str  # the source symbol's kind: BOX, DECISION or TERMINATOR
    answer: str = ""  # flow.YES or flow.NO when a label on the arrow answers its decision; "" when none does
    target_kind: str = ""  # the target symbol's kind
    # An arrow one end of which lies in some other row whose symbol cannot be told (two could be it):
    # only its other end (source or target) is known.
    unplaced: bool = False


class TableDrawing(NamedTuple):
    marks: list[list[list[str]]]  # for each row, for each grid column, the marks standing there
    arrows: list[Arrow]
    # What could not be read as drawn of the drawings anchored outside the table (outside.py), said.
    notes: list[str] = []


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


def _cell_text(cell: Any) -> str:
    """A python-docx cell's text as Word shows it (readers.cell_text): a "Tidak" typed beside a decision with
    Track Changes on is in a tracked insertion (w:ins), which python-docx's `cell.text` drops."""
    from .readers import cell_text  # readers imports this module

    return cell_text(cell._tc)


def _text(element: Any) -> str:
    return " ".join(" ".join(t.text or "" for t in element.iter(_q(W, "t"))).split())


def _drawing_symbol(shape: Any) -> tuple[str, str] | None:
    """The mark and kind of a DrawingML shape (wps:wsp), or None for a connector or an arrow."""
    if shape.find(_q(WPS, "cNvCnPr")) is not None:
        return None
    geometry = shape.find(f"{_q(WPS, 'spPr')}/{_q(A, 'prstGeom')}")
    preset = geometry.get("prst", "") if geometry is not None else ""
    if is_no_symbol(preset):
        return None
    if geometry is None and _open_path(shape) and not _text(shape):
        return None  # a line drawn freehand (an open a:custGeom path), as return arrows often are
    kind = preset_kind(preset)
    return _text(shape) or kind, kind


def is_no_symbol(preset: str) -> bool:
    """Whether a DrawingML preset geometry is no step's symbol (Word's and Excel's drawings): connectors
    and arrows; also flowChartConnector/flowChartOffpageConnector, the small circle and pentagon that carry
    a flow over a page break: they stand in a column, but are no step's symbol."""
    return preset == "line" or "Arrow" in preset or "arrow" in preset or "Connector" in preset


def preset_kind(preset: str) -> str:
    """The kind of symbol a DrawingML preset geometry draws."""
    return DECISION if preset in _DECISIONS else TERMINATOR if preset in _TERMINATORS else BOX


def _mark(shape: Any, decision: bool, terminator: bool) -> tuple[str, str]:
    """A symbol's mark (its own text, "Mulai", else the sign of its kind) and its kind."""
    kind = DECISION if decision else TERMINATOR if terminator else BOX
    return _text(shape) or kind, kind


def _vml_type(shape: Any) -> int | None:
    spt = shape.get(_q(O, "spt"))
    if spt and spt.replace(".", "", 1).isdigit():
        return int(float(spt))
    found = re.search(r"_x0000_t(\d+)", shape.get("type", ""))
    return int(found.group(1)) if found else None


def _vml_symbol(shape: Any) -> tuple[str, str] | None:
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


def _grouped(container: Any, across: _Transform, down: _Transform, lines: list[_Line]) -> list[_Part]:
    """The symbols of a group or canvas, their boxes in the frame of the outermost group; its lines and
    connectors are added to `lines`, their ends in that frame."""
    found: list[_Part] = []
    for child in container:
        if child.tag == _q(WPS, "wsp"):
            xfrm = child.find(f"{_q(WPS, 'spPr')}/{_q(A, 'xfrm')}")
            box, column = _xfrm(xfrm, "x"), _xfrm(xfrm, "y")
            if box is None or column is None:
                continue
            symbol = _drawing_symbol(child)
            if symbol is not None:
                found.append(_Part(*symbol, _drawing_ids(child), _box(across, down, box[0], column[0], box[1], column[1])))
            elif (line := _drawing_line(child, (box[0], column[0], box[1], column[1]), across, down)) is not None:
                lines.append(line)
        elif child.tag in (_q(WPG, "grpSp"), _q(WPG, "wgp")):
            properties = child.find(_q(WPG, "grpSpPr"))
            found += _grouped(child, _group_transform(properties, across, "x"),
                              _group_transform(properties, down, "y"), lines)
    return found


def _box(across: _Transform, down: _Transform, left: float, top: float, width: float,
         height: float) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in the outer frame of a box in a group's child coordinates."""
    xs = (_at(across, left), _at(across, left + width))
    ys = (_at(down, top), _at(down, top + height))
    return min(xs), min(ys), max(xs), max(ys)


# The presets of DrawingML lines; each runs from its box's top left to its bottom right (before flips).
_LINE_PRESETS = re.compile(r"line|straightConnector1|(?:bent|curved)Connector[2-5]")
# The corners an elbow passes between its ends, as fractions of its box (at their default adjustments):
# what a label beside the arrow is set against.
_BENDS = {"bentConnector2": ((1.0, 0.0),), "bentConnector3": ((0.5, 0.0), (0.5, 1.0))}


def _drawing_line(shape: Any, frame: tuple[float, float, float, float], across: _Transform, down: _Transform,
                  *, placed: bool = True) -> _Line | None:
    """A DrawingML line, connector or open freeform at `frame` (left, top, width, height) in its parent's
    coordinates, which `across` and `down` carry to the drawing's frame; None for any other shape.
    The ends follow the shape's flips and rotation; a:headEnd decorates the start, a:tailEnd the end;
    a connector's a:stCxn/a:endCxn name the shapes it is glued to."""
    properties = shape.find(_q(WPS, "spPr"))
    if properties is None:
        return None
    connector = shape.find(_q(WPS, "cNvCnPr"))
    geometry = properties.find(_q(A, "prstGeom"))
    preset = geometry.get("prst", "") if geometry is not None else ""
    if connector is not None or _LINE_PRESETS.fullmatch(preset):
        ends: list[tuple[float, float]] | None = [(0.0, 0.0), *_BENDS.get(preset, ()), (1.0, 1.0)]
    elif geometry is None and not _text(shape):
        ends = freeform_points(properties)
    else:
        return None
    if ends is None:
        return None
    return line_of(properties, connector, frame, ends, across, down, placed=placed)


def line_of(properties: Any, connector: Any, frame: tuple[float, float, float, float], ends: list[tuple[float, float]],
            across: _Transform, down: _Transform, *, placed: bool = True) -> _Line:
    """The line of a DrawingML shape whose a:spPr is `properties` and whose connector properties (holding
    a:stCxn/a:endCxn, the shapes it is glued to; None for a plain line) are `connector`, through `ends`
    (fractions of its box: the start, its bends, the end) at `frame`; Word's drawings and Excel's share it.
    The ends follow the shape's flips and rotation; a:headEnd decorates the start, a:tailEnd the end.
    Not `placed`: a shape whose position is not known, so its points are None."""
    xfrm = properties.find(_q(A, "xfrm"))
    flips = (xfrm.get("flipH") in ("1", "true"), xfrm.get("flipV") in ("1", "true")) if xfrm is not None else (False, False)
    degrees = _int(xfrm.get("rot")) / 60000 if xfrm is not None else 0.0
    points = [_line_point(frame, fraction, flips, degrees, across, down) if placed else None for fraction in ends]
    bends = tuple(point for point in points[1:-1] if point is not None)
    line = properties.find(_q(A, "ln"))

    def head(tag: str) -> bool:
        found = line.find(_q(A, tag)) if line is not None else None
        return found is not None and found.get("type", "none") != "none"

    def glued(tag: str) -> str | None:
        found = connector.find(_q(A, tag)) if connector is not None else None
        return found.get("id") if found is not None and found.get("id") else None

    return _Line(_End(points[0], glued("stCxn"), head("headEnd")), _End(points[-1], glued("endCxn"), head("tailEnd")),
                 bends)


def _line_point(frame: tuple[float, float, float, float], fraction: tuple[float, float], flips: tuple[bool, bool],
                degrees: float, across: _Transform, down: _Transform) -> tuple[float, float] | None:
    """A point of a shape given as a fraction of its box, flipped and rotated about the box's centre as
    the shape is, in the drawing's frame."""
    left, top, width, height = frame
    fx, fy = fraction
    x = left + (1 - fx if flips[0] else fx) * width
    y = top + (1 - fy if flips[1] else fy) * height
    if degrees % 360:
        cx, cy = left + width / 2, top + height / 2
        turn = math.radians(degrees)
        x, y = (cx + (x - cx) * math.cos(turn) - (y - cy) * math.sin(turn),
                cy + (x - cx) * math.sin(turn) + (y - cy) * math.cos(turn))
    point = (_at(across, x), _at(down, y))
    return point if all(math.isfinite(v) and abs(v) < _TOO_FAR for v in point) else None


def _open_path(shape: Any) -> bool:
    """Whether a shape is drawn freehand (a:custGeom) with paths none of which is closed: a line."""
    paths = shape.findall(f"{_q(WPS, 'spPr')}/{_q(A, 'custGeom')}/{_q(A, 'pathLst')}/{_q(A, 'path')}")
    return bool(paths) and all(path.find(_q(A, "close")) is None for path in paths)


def freeform_points(properties: Any) -> list[tuple[float, float]] | None:
    """The points an open a:custGeom path (one piece of straight lines and curves) starts at, passes and
    ends at, as fractions of the shape's box; None for a closed path, several pieces, arcs or none.
    `properties` is the shape's a:spPr (wps:spPr in Word, xdr:spPr in Excel)."""
    geometry = properties.find(_q(A, "custGeom"))
    path = geometry.find(f"{_q(A, 'pathLst')}/{_q(A, 'path')}") if geometry is not None else None
    if path is None:
        return None
    points: list[tuple[int, int]] = []
    for command in path:
        name = command.tag.rpartition("}")[2]
        pts = [(_int(pt.get("x")), _int(pt.get("y"))) for pt in command.iter(_q(A, "pt"))]
        if name not in ("moveTo", "lnTo", "cubicBezTo", "quadBezTo") or not pts or (name == "moveTo" and points):
            return None  # closed, several pieces, or an arc (whose end needs the arc's geometry)
        points.append(pts[-1])
    if len(points) < 2:
        return None
    ext = properties.find(f"{_q(A, 'xfrm')}/{_q(A, 'ext')}")
    width = _int(path.get("w")) or (_int(ext.get("cx")) if ext is not None else 0)
    height = _int(path.get("h")) or (_int(ext.get("cy")) if ext is not None else 0)
    return [(x / width if width else 0.0, y / height if height else 0.0) for x, y in points]


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


def _drawing_groups(tc: Any, cell_width: int) -> list[_Drawing]:
    """The symbols and lines of each DrawingML group and canvas anchored in a cell."""
    drawings: list[_Drawing] = []
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
            lines: list[_Line] = []
            drawings.append(_Drawing([_placed(part, left, top) for part in _grouped(container, across, down, lines)],
                                     lines, False))
    return drawings


def _placed(part: _Part, left: int | None, top: int | None) -> _Symbol:
    """A symbol of a group or canvas whose frame's corner stands at (left, top) from its cell and paragraph."""
    box_left, box_top, box_right, box_bottom = part.box
    centre, middle = (box_left + box_right) / 2, (box_top + box_bottom) / 2
    return _Symbol(part.mark, _plus(left, centre), _plus(top, middle), middle, box_bottom - box_top, part.kind,
                   part.ids, part.box)


def _drawing_shape(shape: Any, cell_width: int) -> _Symbol | None:
    """A loose DrawingML shape anchored in a cell (not in a group)."""
    symbol = _drawing_symbol(shape)
    if symbol is None:
        return None
    mark, kind = symbol
    anchor = _anchor_of(shape)
    left, top = _anchor_left(anchor, cell_width), _anchor_top(anchor)
    extent = anchor.find(_q(WP, "extent")) if anchor is not None else None
    width = _int(extent.get("cx")) if extent is not None else 0
    height = _anchor_height(anchor)
    # An aligned shape stands where it is anchored (its alignment, not an offset, gave its left).
    aligned = anchor is None or anchor.tag != _q(WP, "anchor") or (
        anchor.find(f"{_q(WP, 'positionH')}/{_q(WP, 'posOffset')}") is None)
    middle = None if top is None else top + height // 2
    box = None if left is None or top is None else (float(left), float(top), float(left + width), float(top + height))
    return _Symbol(mark, None if aligned or left is None else left + width // 2, middle, middle, height, kind,
                   _drawing_ids(shape, anchor), box)


def _drawing_ids(shape: Any, anchor: Any = None) -> tuple[str, ...]:
    """The ids a connector names a DrawingML shape by: its wps:cNvPr's, and its drawing's wp:docPr's
    when it is not in a group."""
    ids = [element.get("id") for element in (shape.find(_q(WPS, "cNvPr")),
                                             anchor.find(_q(WP, "docPr")) if anchor is not None else None)
           if element is not None]
    return tuple(i for i in ids if i)


def _drawing_loose_line(shape: Any, cell_width: int) -> _Line | None:
    """A loose DrawingML line or connector anchored in a cell, its ends from the cell's left and the
    paragraph's top; ends at no known place (a line placed on the page) keep only what they are glued to."""
    anchor = _anchor_of(shape)
    left, top = _anchor_left(anchor, cell_width), _anchor_top(anchor)
    extent = anchor.find(_q(WP, "extent")) if anchor is not None else None
    width = _int(extent.get("cx")) if extent is not None else 0
    placed = left is not None and top is not None
    return _drawing_line(shape, (left or 0, top or 0, width, _anchor_height(anchor)), _IDENTITY, _IDENTITY,
                         placed=placed)


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


def _vml_grouped(group: Any, across: _Transform, down: _Transform, lines: list[_Line],
                 rules: dict[str, tuple[str | None, str | None]]) -> list[_Part]:
    """The symbols of a v:group whose children's coordinates `across` and `down` carry to the outermost
    group's frame, their boxes in that frame; its lines are added to `lines`."""
    found: list[_Part] = []
    for child in group:
        kind = child.tag.rpartition("}")[2] if child.tag.startswith(f"{{{V}}}") else None
        if kind is None:
            continue
        box = _vml_box(_style(child), _number)
        if box is None:
            continue
        left, top, width, height = box
        symbol = _vml_symbol(child) if kind != "group" else None
        if kind != "group" and symbol is None:
            if (line := _vml_line(child, kind, box, _number, across, down, rules)) is not None:
                lines.append(line)
            continue
        if width <= 0 or height <= 0:
            continue  # not drawn: no size, or a size Word could not read either
        if kind == "group":
            size = _pair(child.get("coordsize"), (1000.0, 1000.0))
            origin = _pair(child.get("coordorigin"), (0.0, 0.0))
            if size[0] <= 0 or size[1] <= 0:
                continue  # its children's coordinates stand nowhere
            flip = _style(child).get("flip", "")
            found += _vml_grouped(child, _inside(across, left, width, origin[0], size[0], "x" in flip),
                                  _inside(down, top, height, origin[1], size[1], "y" in flip), lines, rules)
        elif symbol is not None:
            found.append(_Part(*symbol, _vml_ids(child), _box(across, down, left, top, width, height)))
    return found


def _vml_ids(shape: Any) -> tuple[str, ...]:
    return tuple(i for i in (shape.get("id"), shape.get(_q(O, "spid"))) if i)


# VML lines: 20 a line, 32 a straight connector, 33-35 elbows, 36-40 curves; each from its box's top left
# to its bottom right (before flips).
_VML_LINES = {20, *range(32, 41)}


def _vml_line(shape: Any, kind: str, box: tuple[float, float, float, float], read: Any, across: _Transform,
              down: _Transform, rules: dict[str, tuple[str | None, str | None]], *,
              placed: bool = True) -> _Line | None:
    """A VML line (from/to), polyline (points), connector or open freeform path at `box` (left, top,
    width, height, read by `read`), its ends in the drawing's frame; None for any other shape. v:stroke's
    startarrow/endarrow are its arrowheads; the o:r rule naming it (o:rules) gives the shapes it is glued to."""
    left, top, width, height = box
    style = _style(shape)
    flips = ("x" in style.get("flip", ""), "y" in style.get("flip", ""))
    rotation = style.get("rotation", "0")
    degrees = _number(rotation.removesuffix("fd")) or 0.0
    degrees = degrees / 65536 if rotation.endswith("fd") else degrees
    fractions: tuple[tuple[float, float], ...] | None = None
    points: list[tuple[float, float] | None] | None = None
    if kind in ("line", "polyline"):
        values = ([shape.get("from", "0,0"), shape.get("to", "10,10")] if kind == "line"
                  else re.findall(r"[^\s,]+\s*,\s*[^\s,]+", shape.get("points", "")))
        pairs = [[read(half) for half in value.split(",")] for value in values]
        if len(pairs) < 2 or any(len(pair) != 2 or None in pair for pair in pairs):
            return None
        points = [(_at(across, left + float(x)), _at(down, top + float(y))) for x, y in pairs]
    elif shape.get(_q(O, "connectortype")) or _vml_type(shape) in _VML_LINES:
        # An elbow (33-35, or connectortype "elbow") turns at the middle of its box.
        elbow = shape.get(_q(O, "connectortype")) == "elbow" or _vml_type(shape) in (33, 34, 35)
        fractions = ((0.0, 0.0), *(((0.5, 0.0), (0.5, 1.0)) if elbow else ()), (1.0, 1.0))
    elif kind == "shape" and shape.get("path") and not _text(shape):
        fractions = _vml_path_ends(shape)
    if fractions is not None:
        points = [_line_point(box, fraction, flips, degrees, across, down) for fraction in fractions]
    if points is None:
        return None
    points = [p if placed and p is not None and all(math.isfinite(v) and abs(v) < _TOO_FAR for v in p) else None
              for p in points]
    stroke = shape.find(_q(V, "stroke"))

    def head(name: str) -> bool:
        return stroke is not None and stroke.get(name, "none") not in ("none", "")

    glued = next((rules[i] for i in _vml_ids(shape) if i in rules), (None, None))
    return _Line(_End(points[0], glued[0], head("startarrow")), _End(points[-1], glued[1], head("endarrow")),
                 tuple(point for point in points[1:-1] if point is not None))


def _vml_path_ends(shape: Any) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """Where a VML path of one piece of lines and curves (m, l, c) starts and ends, as fractions of the
    shape's box by its coordsize and coordorigin; None for a closed path, several pieces, or commands
    whose end is relative or needs an arc's geometry."""
    size = _pair(shape.get("coordsize"), (1000.0, 1000.0))
    origin = _pair(shape.get("coordorigin"), (0.0, 0.0))
    if size[0] <= 0 or size[1] <= 0:
        return None
    parts = re.split(r"([a-z]+)", shape.get("path", "").lower())
    points: list[tuple[float, float]] = []
    for command, arguments in zip(parts[1::2], parts[2::2], strict=True):
        if command in ("e", "nf", "ns"):
            continue
        values = [_number(v) if v else 0.0 for v in re.split(r"\s*,\s*|\s+", arguments.strip())]
        if command not in ("m", "l", "c") or None in values or len(values) < 2 or len(values) % 2 or (
                command == "m" and points):
            return None
        points.append((float(values[-2] or 0.0), float(values[-1] or 0.0)))
    if len(points) < 2:
        return None
    (x0, y0), (x1, y1) = points[0], points[-1]
    return (((x0 - origin[0]) / size[0], (y0 - origin[1]) / size[1]),
            ((x1 - origin[0]) / size[0], (y1 - origin[1]) / size[1]))


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


def _vml_group(group: Any, cell_width: int, rules: dict[str, tuple[str | None, str | None]]) -> _Drawing:
    """The symbols and lines of a v:group written in w:pict, each centre from its cell's left."""
    style = _style(group)
    frame = _vml_frame(style, cell_width)
    if frame is None:
        return _Drawing([], [], False)
    left, top, width, height = frame
    size = _pair(group.get("coordsize"), (1000.0, 1000.0))
    origin = _pair(group.get("coordorigin"), (0.0, 0.0))
    if size[0] <= 0 or size[1] <= 0:
        return _Drawing([], [], False)
    flip = style.get("flip", "")
    # Both axes in EMU from the group's corner.
    across = _inside(_IDENTITY, 0, width, origin[0], size[0], "x" in flip)
    down = _inside(_IDENTITY, 0, height, origin[1], size[1], "y" in flip)
    lines: list[_Line] = []
    symbols = [_placed(part, left, top) for part in _vml_grouped(group, across, down, lines, rules)]
    return _Drawing(symbols, lines, False)


def _vml_shape(shape: Any, cell_width: int) -> _Symbol | None:
    """A loose VML shape in w:pict; one that is inline or aligned stands in the column it is anchored in."""
    symbol = _vml_symbol(shape)
    if symbol is None:
        return None
    mark, kind = symbol
    style = _style(shape)
    frame = _vml_frame(style, cell_width)
    if frame is None:
        return _Symbol(mark, None, None, None, 0, kind, _vml_ids(shape))
    left, top, width, height = frame
    middle = None if top is None else top + height // 2
    placed = style.get("position") == "absolute" and style.get("mso-position-horizontal", "absolute") == "absolute"
    box = None if left is None or top is None else (float(left), float(top), float(left + width), float(top + height))
    return _Symbol(mark, left + width // 2 if placed and left is not None else None, middle, middle, height, kind,
                   _vml_ids(shape), box)


def _vml_loose_line(shape: Any, cell_width: int, rules: dict[str, tuple[str | None, str | None]]) -> _Line | None:
    """A loose VML line, connector or freeform in w:pict, its ends from the cell's left and the
    paragraph's top (or, placed on the page, only what its connector rule names)."""
    kind = shape.tag.rpartition("}")[2]
    if kind != "line" and kind != "polyline" and (kind not in _VML_SHAPES or _vml_symbol(shape) is not None):
        return None
    style = _style(shape)
    frame = _vml_frame(style, cell_width)
    left, top, width, height = frame if frame is not None else (None, None, 0, 0)
    placed = left is not None and top is not None
    return _vml_line(shape, kind, (left or 0, top or 0, width, height), _length, _IDENTITY, _IDENTITY, rules,
                     placed=placed)


# A cell's drawings ----------------------------------------------------------------------------------


def _drawings(tc: Any, cell_width: int, rules: dict[str, tuple[str | None, str | None]]) -> list[_Drawing]:
    """The drawings anchored in a table cell: its loose shapes and lines together (loose=True), then each
    of its groups and canvases. The labels "Ya"/"Tidak" are left out of the symbols."""
    loose: list[_Symbol] = []
    loose_lines: list[_Line] = []
    for shape in tc.iter(_q(WPS, "wsp")):
        if _shadowed(shape) or shape.getparent().tag != _q(A, "graphicData"):
            continue  # a part of a group or a canvas: its place is the group's, not a cell's
        if (symbol := _drawing_shape(shape, cell_width)) is not None:
            loose.append(symbol)
        elif (line := _drawing_loose_line(shape, cell_width)) is not None:
            loose_lines.append(line)
    groups = _drawing_groups(tc, cell_width)
    for shape in tc.iter(*(_q(V, kind) for kind in (*_VML_SHAPES, "group", "line", "polyline"))):
        if shape.getparent().tag != _q(W, "pict") or _shadowed(shape):
            continue  # inside a v:group (read with it), or a VML copy of a DrawingML shape
        if shape.tag == _q(V, "group"):
            groups.append(_vml_group(shape, cell_width, rules))
        elif (symbol := _vml_shape(shape, cell_width)) is not None:
            loose.append(symbol)
        elif (line := _vml_loose_line(shape, cell_width, rules)) is not None:
            loose_lines.append(line)
    return [_with_labels(drawing) for drawing in (_Drawing(loose, loose_lines, True), *groups)]


# Labels Word documents have long written in any shape, a diamond's included.
_SHORT_LABELS = {"ya", "tidak", "y", "t", "ya tidak"}


def _with_labels(drawing: _Drawing) -> _Drawing:
    """The drawing with the labels of a decision's branches ("Ya", "Tidak", "Sesuai", "Tidak lengkap" …
    written in a text box or a box) taken out of its symbols, and those that answer its decision (all
    but "Ya Tidak") kept with their boxes to be set against its arrows."""
    symbols: list[_Symbol] = []
    labels: list[tuple[str, tuple[float, float, float, float]]] = []
    for symbol in drawing.symbols:
        key = normalise_name(symbol.mark)
        if key not in DECISION_LABELS or "?" in symbol.mark or (symbol.kind != BOX and key not in _SHORT_LABELS):
            symbols.append(symbol)
        elif (answer := answer_label(symbol.mark)) is not None and symbol.box is not None:
            labels.append((answer, symbol.box))
    return drawing._replace(symbols=symbols, labels=tuple(labels))


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
        self.table = table
        self._estimates: list[int] | None = None
        self.heights: list[int | None] = []
        numbered: list[bool] = []
        above = None  # the first cell of the row above: a No. cell merged down numbers no second step
        for row, cells in zip(table.rows, cells_of, strict=True):
            height = row._tr.trPr.find(_q(W, "trHeight")) if row._tr.trPr is not None else None
            value = _int(height.get(_q(W, "val"))) if height is not None else 0
            rule = height.get(_q(W, "hRule")) if height is not None else None
            self.heights.append(value * EMU_PER_TWIP if value > 0 and rule != "auto" else None)
            first = cells[0]._tc if cells else None
            numbered.append(first is not None and first is not above and step_label(_cell_text(cells[0]).strip()) is not None
                            and any(re.search(r"[^\W\d_]", _cell_text(cell)) for cell in cells[1:]))
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

    def estimated(self) -> list[int]:
        """Each row's height as Word would about lay it out (see _estimate_heights); the known ones as given."""
        if self._estimates is None:
            self._estimates = _estimate_heights(self.table)
        return [known if known is not None else guess for known, guess in zip(self.heights, self._estimates, strict=True)]

    def offset_between(self, a: int, b: int, scale: float) -> float:
        """The top of row b below that of row a (negative above), the unknown heights estimated and
        multiplied by `scale`."""
        estimates = self.estimated()
        between = range(min(a, b), max(a, b))
        total = float(sum(self.heights[i] if self.heights[i] is not None else estimates[i] * scale for i in between))
        return total if b >= a else -total


# Row heights as Word lays them out, about: where a table gives none (w:trHeight), a row is as tall as the
# text of its tallest cell. Each paragraph wraps its words in the cell's width less its margins at an
# average character width, each line as high as its font's size times the line spacing, plus the spacing
# before and after; the cell's top and bottom margins and the border are added. Only a layout engine knows
# the exact height (fonts' own widths, hyphenation, kerning): the estimate is used with a margin of error.
_CHAR_WIDTH = 0.45  # an average character, in its font's size
_LINE_HEIGHT = 1.15  # a single-spaced line, in its font's size
_DEFAULT_SIZE = 20  # half-points: Word's 10 pt when nothing sets a size
_DEFAULT_SIDE_MARGIN = 108  # twips: Word's cell margin left and right
_BORDER = 12700  # EMU: a single border line


def _spacing_of(pPr: Any) -> dict[str, str]:
    spacing = pPr.find(_q(W, "spacing")) if pPr is not None else None
    return {key.rpartition("}")[2]: value for key, value in spacing.attrib.items()} if spacing is not None else {}


def _style_element(styles: Any, style_id: str | None) -> Any:
    if styles is None or not style_id:
        return None
    return next((e for e in styles.iterchildren(_q(W, "style")) if e.get(_q(W, "styleId")) == style_id), None)


def _defaults(styles: Any, *also: Any) -> tuple[int, dict[str, str]]:
    """The font size (half-points) and paragraph spacing of a paragraph in the default paragraph style,
    then the styles `also` (a table's) over it; `styles` the document's w:styles (or None)."""
    defaults = styles.find(_q(W, "docDefaults")) if styles is not None else None
    size, spacing = _DEFAULT_SIZE, {}
    if defaults is not None:
        found = defaults.find(f"{_q(W, 'rPrDefault')}/{_q(W, 'rPr')}/{_q(W, 'sz')}")
        size = _int(found.get(_q(W, "val"))) if found is not None else size
        spacing = _spacing_of(defaults.find(f"{_q(W, 'pPrDefault')}/{_q(W, 'pPr')}"))
    normal = next((e for e in styles.iterchildren(_q(W, "style")) if e.get(_q(W, "default")) == "1"
                   and e.get(_q(W, "type")) == "paragraph"), None) if styles is not None else None
    for style in (normal, *also):
        if style is not None:
            spacing.update(_spacing_of(style.find(_q(W, "pPr"))))
            found = style.find(f"{_q(W, 'rPr')}/{_q(W, 'sz')}")
            size = _int(found.get(_q(W, "val"))) if found is not None else size
    return (size if 0 < size < 4000 else _DEFAULT_SIZE), spacing


def _estimate_heights(table: Any) -> list[int]:
    """Each row's height in EMU as its text would make it (see above)."""
    try:
        styles = table.part.document.styles.element
    except (AttributeError, KeyError, ValueError):  # a table outside a document part
        styles = None
    table_properties = table._tbl.tblPr
    table_style = _style_element(styles, table_properties.find(_q(W, "tblStyle")).get(_q(W, "val"))
                                 if table_properties is not None and table_properties.find(_q(W, "tblStyle")) is not None
                                 else None)
    size, base_spacing = _defaults(styles, table_style)

    def margins(properties: Any, tag: str) -> dict[str, int]:
        found = properties.find(_q(W, tag)) if properties is not None else None
        return {side.tag.rpartition("}")[2]: _int(side.get(_q(W, "w"))) for side in found} if found is not None else {}

    table_margins = {"left": _DEFAULT_SIDE_MARGIN, "right": _DEFAULT_SIDE_MARGIN, "start": _DEFAULT_SIDE_MARGIN,
                     "end": _DEFAULT_SIDE_MARGIN, "top": 0, "bottom": 0, **margins(table_properties, "tblCellMar")}
    widths = [int(col.w or 0) for col in table._tbl.tblGrid.gridCol_lst]
    heights = []
    for row in table.rows:
        column, tallest = 0, 0
        before = row._tr.trPr.find(_q(W, "gridBefore")) if row._tr.trPr is not None else None
        column += _int(before.get(_q(W, "val"))) if before is not None else 0
        for tc in row._tr.tc_lst:
            span = tc.grid_span
            width = sum(widths[column:column + span])
            column += span
            properties = tc.tcPr
            # A cell merged down over rows: its text is no one row's, which it holds one line high at least.
            merged = properties is not None and properties.find(_q(W, "vMerge")) is not None
            cell_margins = {**table_margins, **margins(properties, "tcMar")}
            side = (cell_margins.get("left", cell_margins["start"]) + cell_margins.get("right", cell_margins["end"]))
            room = max(width - side * EMU_PER_TWIP, EMU_PER_POINT * 10)
            height = (cell_margins["top"] + cell_margins["bottom"]) * EMU_PER_TWIP
            for paragraph in list(tc.iterchildren(_q(W, "p")))[:1 if merged else None]:
                height += _paragraph_height(paragraph, room, size, base_spacing, styles, with_text=not merged)
            tallest = max(tallest, height)
        heights.append(int(tallest) + _BORDER)
    return heights


def _paragraph_height(paragraph: Any, room: int, size: int, spacing: dict[str, str], styles: Any, *,
                      with_text: bool = True) -> float:
    """The height in EMU of a paragraph of a cell `room` EMU wide (see above); one line without its text."""
    properties = paragraph.find(_q(W, "pPr"))
    named = properties.find(_q(W, "pStyle")) if properties is not None else None
    style = _style_element(styles, named.get(_q(W, "val")) if named is not None else None)
    spacing = {**spacing, **(_spacing_of(style.find(_q(W, "pPr"))) if style is not None else {}),
               **_spacing_of(properties)}
    sizes = [_int(found.get(_q(W, "val"))) for found in paragraph.iter(_q(W, "sz"))
             if found.getparent().tag == _q(W, "rPr") and found.getparent().getparent().tag == _q(W, "r")]
    points = max([value for value in sizes if 0 < value < 4000] or [size]) / 2
    # Its own text (in runs, hyperlinks, tracked insertions), not that of the text boxes drawn in it.
    own = [e for e in paragraph.iter(_q(W, "t"), _q(W, "br"))
           if with_text and next(e.iterancestors(_q(W, "txbxContent")), None) is None]
    text = "".join(e.text or "" for e in own if e.tag == _q(W, "t"))
    breaks = sum(1 for e in own if e.tag == _q(W, "br"))
    per_char = points * _CHAR_WIDTH * EMU_PER_POINT
    lines, used = 1, 0.0
    for word in text.split():
        width = (len(word) + 1) * per_char
        if used and used + width - per_char > room:
            lines, used = lines + 1, 0.0
        used += width
        while used > room:  # a word longer than the cell breaks across lines
            lines, used = lines + 1, used - room
    lines += breaks
    rule, line = spacing.get("lineRule", "auto"), _int(spacing.get("line")) or 240
    one = points * EMU_PER_POINT * (_LINE_HEIGHT * line / 240 if rule == "auto" else 0)
    if rule == "exact":
        one = line * EMU_PER_TWIP
    elif rule == "atLeast":
        one = max(line * EMU_PER_TWIP, points * EMU_PER_POINT * _LINE_HEIGHT)
    return lines * one + (_int(spacing.get("before")) + _int(spacing.get("after"))) * EMU_PER_TWIP


def read_table(table: Any, outside: Sequence[tuple[str, _Drawing]] = ()) -> TableDrawing:
    """The marks of the symbols standing in each row and grid column of a python-docx table (moved from
    the cell they are anchored in by their offsets, and to the rows of a group's levels), and the arrows
    drawn between the symbols of two rows (see the module's docstring). `outside`: the drawings anchored
    outside the table that stand over it, named, their symbols' x from the table's left (outside.py);
    their levels go to the step rows in order."""
    widths = [int(col.w or 0) for col in table._tbl.tblGrid.gridCol_lst]
    lefts = [sum(widths[:i]) for i in range(len(widths))]
    cells_of = [row.cells for row in table.rows]
    counts = [len(cells) for cells in cells_of]
    marks: list[list[list[str]]] = [[[] for _c in range(count)] for count in counts]
    row_of: dict[int, int] = {}  # id() of each symbol put in a row (the drawings below hold them) -> its row
    cell_of: dict[int, tuple[int, int]] = {}  # and -> (its row, its column)
    cell_labels: list[tuple[int, int, str]] = []  # (row, column, answer) of the cells holding only "Ya", "Tidak" …

    def place(row: int, at: int, symbol: _Symbol) -> None:
        """The symbol's mark in grid column `at` of `row` (its last cell, for a row of fewer)."""
        if counts[row]:
            marks[row][min(at, counts[row] - 1)].append(symbol.mark)
            row_of[id(symbol)] = row
            cell_of[id(symbol)] = (row, min(at, counts[row] - 1))

    def put(row: int, anchor_row: int, column: int, symbol: _Symbol) -> None:
        place(row, _column_at(column, symbol.x, lefts, widths, counts[anchor_row]), symbol)

    # A merged cell (across columns, or down rows) is read once, where it begins, as readers.py writes
    # its text. Keyed by id() but holding the element: a dropped lxml proxy's id could be reused.
    seen: dict[int, Any] = {}
    spanning: list[tuple[int, int, list[_Symbol], list[list[_Symbol]]]] = []
    own: set[int] = set()  # the rows holding symbols of their own
    groups: list[_Drawing] = []
    loose: list[tuple[int, float | None, _Drawing]] = []  # (anchor row, its cell's left, the cell's loose shapes)
    rules = _rules(table)
    for index, cells in enumerate(cells_of):
        for column, cell in enumerate(cells):
            if id(cell._tc) in seen:
                continue
            seen[id(cell._tc)] = cell._tc
            if (answer := answer_label(_cell_text(cell))) is not None:
                cell_labels.append((index, column, answer))
            width = widths[column] if column < len(widths) else 0
            for drawing in _drawings(cell._tc, width, rules):
                if drawing.loose:
                    known = column < len(lefts) and all(widths[:counts[index]])
                    loose.append((index, lefts[column] if known else None, drawing))
                else:
                    groups.append(drawing)
                symbols = drawing.symbols
                if not symbols:
                    continue
                levels = _levels(symbols)
                if len(levels) > 1:
                    spanning.append((index, column, symbols, levels))
                    continue
                own.add(index)
                for symbol in symbols:
                    put(index, index, column, symbol)
    # What the rows tell (their heights, which are steps') is read only for a drawing that needs it.
    rows = (_Rows(table, cells_of) if spanning or outside or any(drawing.lines for _a, _l, drawing in loose)
            else None)
    taken: set[int] = set()
    notes: list[str] = []
    for name, drawing in outside:
        assert rows is not None
        groups.append(drawing)
        levels = _levels(drawing.symbols)
        if not levels:
            continue
        targets = rows.by_order(0, len(levels), own | taken)
        if targets is None:
            notes.append(_("the flowchart drawing “%(name)s”, anchored outside the procedure table, has symbols for "
                           "steps, but every step row already holds a symbol of its own: its symbols are not read")
                         % {"name": name})
            continue
        taken.update(targets)
        for level, target in zip(levels, targets, strict=True):
            for symbol in level:
                if (at := _grid_column(symbol.x, lefts, widths)) is not None:
                    place(target, at, symbol)
    if rows is not None and spanning:
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
    return TableDrawing(marks, _table_arrows(groups, loose, rows, row_of, cell_of, cell_labels), notes)


def _grid_column(x: int | None, lefts: list[int], widths: list[int]) -> int | None:
    """The grid column whose band holds x (EMU from the table's left); None beside the table."""
    if x is None:
        return None
    return next((i for i, (left, width) in enumerate(zip(lefts, widths, strict=True)) if left <= x < left + width), None)


def _rules(table: Any) -> dict[str, tuple[str | None, str | None]]:
    """The VML connector rules (o:rules/o:r) of the document holding `table`: for each connector's id, the
    ids of the shapes its start and end are glued to. Word keeps them in the document's drawings or in
    its settings."""
    roots = [table._tbl.getroottree().getroot()]
    try:
        roots.append(table.part.package.main_document_part.settings.element)
    except (AttributeError, KeyError, ValueError):  # a table outside a document part, or no settings part
        pass
    found: dict[str, tuple[str | None, str | None]] = {}
    for root in roots:
        for rule in root.iter(_q(O, "r")):
            ends: dict[str, str] = {}
            for proxy in rule.iter(_q(O, "proxy")):
                side = "start" if proxy.get("start") is not None else "end" if proxy.get("end") is not None else None
                if side and proxy.get("idref"):
                    ends[side] = proxy.get("idref", "").lstrip("#")
            if rule.get("idref") and ends:
                found[rule.get("idref", "").lstrip("#")] = (ends.get("start"), ends.get("end"))
    return found


# An end this near a symbol's outline (3 mm, in EMU) touches it; two free ends this near join their lines.
_TOUCH = 108000

# A place in a frame: (anchor, x, y); a group's frame has one anchor (0), the loose shapes of a table one
# per row, set against each other by the rows' heights.
_Point = tuple[int, float, float]


class _Flow(NamedTuple):
    """An arrow found in a frame: from the symbol at its tail to that at its head, through `trail` (its
    ends and corners, tail first). One end None: an unplaced arrow, that end in some row where two
    symbols could be it."""

    source: _Symbol | None
    target: _Symbol | None
    trail: list[_Point]


# A label this near an arrow (1 cm, in EMU) may be its; the nearest arrow takes it when clearly the nearest.
_LABEL_REACH = 360000


def _table_arrows(groups: list[_Drawing], loose: list[tuple[int, float | None, _Drawing]], rows: _Rows | None,
                  row_of: dict[int, int], cells: dict[int, tuple[int, int]],
                  cell_labels: list[tuple[int, int, str]]) -> list[Arrow]:
    """The arrows between the symbols of two rows: those drawn in each group or canvas, in its frame,
    and those of the loose shapes, in the table's (set row against row by the rows' heights when known).
    Each takes the answer ("Ya", "Tidak" …) of the labels beside it (see _answers)."""
    found: list[tuple[_Flow, str]] = []
    for drawing in groups:
        named = _named(drawing.symbols)
        framed = [(0, s.box, s) for s in drawing.symbols if s.box is not None]
        flows = _flows(framed, [(0, 0.0, line) for line in drawing.lines], lambda a, b: 0.0, named.get)
        found += _answers(flows, framed, [(0, box, answer) for answer, box in drawing.labels], lambda a, b: 0.0,
                          cells, cell_labels)

    def offset(a: int, b: int) -> float | None:
        """The top of row b's frame in row a's: the heights of the rows between, when all are known."""
        if a == b:
            return 0.0
        between = rows.heights[min(a, b):max(a, b)] if rows is not None else [None]
        if any(height is None for height in between):
            return None
        total = float(sum(height or 0 for height in between))
        return total if b >= a else -total

    symbols: list[tuple[int, tuple[float, float, float, float], _Symbol]] = []
    lines: list[tuple[int, float, _Line]] = []
    labels: list[tuple[int, tuple[float, float, float, float], str]] = []
    for anchor, left, drawing in loose:
        if left is None:
            continue  # the cell's place across the table is not known
        symbols += [(anchor, (box[0] + left, box[1], box[2] + left, box[3]), s) for s in drawing.symbols
                    if (box := s.box) is not None]
        lines += [(anchor, float(left), line) for line in drawing.lines]
        labels += [(anchor, (box[0] + left, box[1], box[2] + left, box[3]), answer) for answer, box in drawing.labels]
    named = _named([s for _a, _l, drawing in loose for s in drawing.symbols])
    flows = _flows(symbols, lines, offset, named.get, rows.offset_between if rows is not None else None)
    found += _answers(flows, symbols, labels, offset, cells, cell_labels)
    arrows = []
    for flow, answer in found:
        source = row_of.get(id(flow.source)) if flow.source is not None else None
        target = row_of.get(id(flow.target)) if flow.target is not None else None
        if flow.source is None or flow.target is None:
            if source is not None or target is not None:
                kind = flow.source.kind if flow.source is not None else ""
                arrows.append(Arrow(source, target, kind, unplaced=True))
        elif source is not None and target is not None:
            arrows.append(Arrow(source, target, flow.source.kind, answer, flow.target.kind))
    return arrows


def _answers(flows: list[_Flow], symbols: list[tuple[int, tuple[float, float, float, float], _Symbol]],
             labels: list[tuple[int, tuple[float, float, float, float], str]], offset: Any,
             cells: dict[int, tuple[int, int]], cell_labels: list[tuple[int, int, str]]) -> list[tuple[_Flow, str]]:
    """Each arrow with the answer its labels give: flow.YES, flow.NO, or "" (none, or both).

    Only the arrows leaving a decision take labels. A label drawn in a text box goes to the arrow nearest
    it (its ends, corners and the straight runs between them), when that one is within 1 cm and clearly
    the nearest (the next at least half as far again and 1 mm further): a label halfway between two
    arrows is no one's. A label written as the text of a table cell (the cell holding nothing else but
    "Ya" or "Tidak") goes by the side the arrow leaves its decision on: the cell beside the decision's,
    left or right, labels the one arrow leaving the diamond on that side; the cell below it, in the next
    row, the one leaving downwards."""
    given: dict[int, set[str]] = {}
    boxes = {id(symbol): (anchor, box) for anchor, box, symbol in symbols}
    leaving = [i for i, flow in enumerate(flows)
               if flow.source is not None and flow.target is not None and flow.source.kind == DECISION and flow.trail]
    for anchor, box, answer in labels:
        distances = []
        for i in leaving:
            near = [d for a, b in zip(flows[i].trail, flows[i].trail[1:] or flows[i].trail, strict=False)
                    if (d := _segment_gap(a, b, anchor, box, offset)) is not None]
            if near:
                distances.append((min(near), i))
        distances.sort()
        if not distances or distances[0][0] > _LABEL_REACH:
            continue
        if len(distances) > 1 and distances[1][0] - distances[0][0] < max(distances[0][0] / 2, _TOUCH / 3):
            continue
        given.setdefault(distances[0][1], set()).add(answer)
    for row, column, answer in cell_labels:
        matches = []
        for i in leaving:
            flow = flows[i]
            place = cells.get(id(flow.source))
            side = _side(flow, boxes, offset)
            if place is None or side is None:
                continue
            at_row, at_column = place
            if (row, column) == {"left": (at_row, at_column - 1), "right": (at_row, at_column + 1),
                                 "below": (at_row + 1, at_column), "above": (at_row - 1, at_column)}[side]:
                matches.append(i)
        if len(matches) == 1:
            given.setdefault(matches[0], set()).add(answer)
    return [(flow, next(iter(given[i])) if len(given.get(i, ())) == 1 else "") for i, flow in enumerate(flows)]


def _side(flow: _Flow, boxes: dict[int, tuple[int, tuple[float, float, float, float]]], offset: Any) -> str | None:
    """The side ("left", "right", "above", "below") an arrow leaves its decision on: where its tail lies
    from the diamond's centre, set against the diamond's half width and half height; None when its tail
    is not at the diamond's outline (a glued connector drawn elsewhere)."""
    placed = boxes.get(id(flow.source))
    if placed is None or not flow.trail:
        return None
    symbol_anchor, box = placed
    anchor, x, y = flow.trail[0]
    shift = offset(anchor, symbol_anchor)
    if shift is None:
        return None
    width, height = (box[2] - box[0]) / 2 or 1.0, (box[3] - box[1]) / 2 or 1.0
    dx, dy = (x - (box[0] + box[2]) / 2) / width, (y - shift - (box[1] + box[3]) / 2) / height
    if max(abs(dx), abs(dy)) > 1 + 2 * _TOUCH / min(width, height):
        return None
    if abs(dx) >= abs(dy):
        return "left" if dx < 0 else "right"
    return "above" if dy < 0 else "below"


def _segment_gap(a: _Point, b: _Point, anchor: int, box: tuple[float, float, float, float], offset: Any) -> float | None:
    """How far the straight run from a to b passes from a box in row `anchor`'s frame (sampled along it);
    None when the rows' frames cannot be set against each other."""
    first, second = offset(a[0], anchor), offset(b[0], anchor)
    if first is None or second is None:
        return None
    best = None
    for step in range(21):
        t = step / 20
        x = a[1] + (b[1] - a[1]) * t
        y = (a[2] - first) + ((b[2] - second) - (a[2] - first)) * t
        distance = math.hypot(max(box[0] - x, 0.0, x - box[2]), max(box[1] - y, 0.0, y - box[3]))
        best = distance if best is None else min(best, distance)
    return best


def _named(symbols: list[_Symbol]) -> dict[str, _Symbol]:
    """The symbols by the ids connectors name them by; an id two symbols share names neither."""
    found: dict[str, _Symbol] = {}
    shared: set[str] = set()
    for symbol in symbols:
        for key in symbol.ids:
            if key in found and found[key] is not symbol:
                shared.add(key)
            found[key] = symbol
    return {key: symbol for key, symbol in found.items() if key not in shared}


# The margin of error of the estimated row heights: the rows may be this much shorter or taller.
_ESTIMATE_RANGE = (0.85, 1.15)
# Beyond these, an end is not in the row of the one symbol standing where it is across (a stray line).
_PLAUSIBLE_RANGE = (0.5, 2.0)


def _flows(symbols: list[tuple[int, tuple[float, float, float, float], _Symbol]], lines: list[tuple[int, float, _Line]],
           offset: Any, named: Any, estimate: Any = None) -> list[_Flow]:
    """Each arrow between two symbols of one frame. A connector's end glued to a shape (its id named) is
    at that shape; any other end is at the symbol whose box it touches (the nearest). Lines whose free
    ends meet (exactly two of them within reach) are one arrow drawn in pieces. An arrow goes towards
    its one arrowhead at an outer end; with none or two, its direction is not known and it is left out,
    as is one touching no symbol at either end.

    An end in a row whose height is not known, below its own: the one symbol of the rows below standing
    where the end is across and which the rows' heights, estimated from their text (`estimate`), could
    put there at half or twice the estimate; when several do, the one whose row holds the end, the
    estimate give or take 15 %. When several still
    could, the arrow is handed over unplaced (its end there None), to be reported."""

    def place(anchor: int, left: float, end: _End) -> _Point | None:
        return None if end.point is None else (anchor, end.point[0] + left, end.point[1])

    def gap(point: _Point, anchor: int, box: tuple[float, float, float, float], shift: float | None = None) -> float | None:
        shift = offset(point[0], anchor) if shift is None else shift
        if shift is None:
            return None
        x, y = point[1], point[2]
        dx = max(box[0] - x, 0.0, x - box[2])
        dy = max(box[1] + shift - y, 0.0, y - box[3] - shift)
        return math.hypot(dx, dy)

    def touched(point: _Point | None, end: _End) -> tuple[_Symbol | None, bool]:
        """The symbol at an end, and whether the end is unplaced (two symbols could be it)."""
        if end.ref is not None:
            return named(end.ref), False
        if point is None:
            return None, False
        best: tuple[float, float] | None = None
        found = None
        for anchor, box, symbol in symbols:
            distance = gap(point, anchor, box)
            if distance is None or distance > _TOUCH:
                continue
            centre = gap(point, anchor, ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2) * 2) or 0.0
            if best is None or (distance, centre) < best:
                best, found = (distance, centre), symbol
        if found is not None:
            return found, False
        if point[2] < -_TOUCH:
            # Above the top of its paragraph, so in a row above, whose heights are not known: the one
            # symbol of those rows standing where the end is across (none when two do).
            above = [symbol for anchor, box, symbol in symbols if anchor < point[0] and offset(point[0], anchor) is None
                     and box[0] - _TOUCH <= point[1] <= box[2] + _TOUCH]
            return (above[0], False) if len(above) == 1 else (None, len(above) > 1)
        if estimate is not None and point[2] > _TOUCH:
            def within(limits: tuple[float, float]) -> list[tuple[int, tuple[float, float, float, float], _Symbol]]:
                return [(anchor, box, symbol) for anchor, box, symbol in below
                        if box[1] + estimate(point[0], anchor, limits[0]) - _TOUCH <= point[2]
                        <= box[3] + estimate(point[0], anchor, limits[1]) + _TOUCH]

            below = [(anchor, box, symbol) for anchor, box, symbol in symbols if anchor > point[0]
                     and offset(point[0], anchor) is None and box[0] - _TOUCH <= point[1] <= box[2] + _TOUCH]
            below = within(_PLAUSIBLE_RANGE)
            if len(below) > 1:
                below = within(_ESTIMATE_RANGE)
                if len(below) > 1:
                    return None, True
            if len(below) == 1:
                return below[0][2], False
        return None, False

    places = [[place(anchor, left, line.start), place(anchor, left, line.end)] for anchor, left, line in lines]
    bends = [[(anchor, x + left, y) for x, y in line.bends] for anchor, left, line in lines]
    ends = [[line.start, line.end] for _a, _l, line in lines]
    reached = [[touched(places[i][side], ends[i][side]) for side in (0, 1)] for i in range(len(lines))]
    at = [[found for found, _unplaced in pair] for pair in reached]
    unplaced = {(i, side) for i in range(len(lines)) for side in (0, 1) if reached[i][side][1]}
    free = [(i, side) for i in range(len(lines)) for side in (0, 1)
            if at[i][side] is None and ends[i][side].ref is None and places[i][side] is not None]

    def meet(a: tuple[int, int], b: tuple[int, int]) -> bool:
        p, q = places[a[0]][a[1]], places[b[0]][b[1]]
        if p is None or q is None:
            return False
        distance = gap(p, q[0], (q[1], q[2], q[1], q[2]))
        return distance is not None and distance <= _TOUCH

    def trail(line: int, entered: int) -> list[_Point]:
        """A piece's points from the end it was entered at."""
        points = [places[line][0], *bends[line], places[line][1]]
        found = [point for point in points if point is not None]
        return found if entered == 0 else found[::-1]

    near = {a: [b for b in free if b[0] != a[0] and meet(a, b)] for a in free}
    partner = {a: found[0] for a, found in near.items() if len(found) == 1 and near.get(found[0]) == [a]}
    flows: list[_Flow] = []
    walked: set[int] = set()
    for first in range(len(lines)):
        for side in (0, 1):
            if first in walked or (first, side) in partner:
                continue
            line, entered = first, side  # an outer end: follow the pieces to the other
            walked.add(line)
            path = trail(line, entered)
            while (line, 1 - entered) in partner:
                line, entered = partner[(line, 1 - entered)]
                if line in walked:
                    break  # pieces drawn in a loop
                walked.add(line)
                path += trail(line, entered)
            else:
                start, end = ends[first][side], ends[line][1 - entered]
                source, target = at[first][side], at[line][1 - entered]
                if end.head == start.head or source is target:
                    continue
                lost = ((first, side) in unplaced, (line, 1 - entered) in unplaced)
                if source is None or target is None:
                    # One end at a symbol, the other in a row where two could be it: reported, not read.
                    if (source is not None and lost[1]) or (target is not None and lost[0]):
                        flows.append(_Flow(source, target, path) if end.head else _Flow(target, source, path[::-1]))
                    continue
                flows.append(_Flow(source, target, path) if end.head else _Flow(target, source, path[::-1]))
    return flows


def _column_at(column: int, centre: int | None, lefts: list[int], widths: list[int], count: int) -> int:
    """The grid column where a symbol anchored in `column` appears."""
    if centre is None or column >= len(lefts) or not all(widths[:count]):
        return column
    x = lefts[column] + centre
    for index in range(min(count, len(lefts))):
        if lefts[index] <= x < lefts[index] + widths[index]:
            return index
    return column  # drawn beside the table: where it is anchored
