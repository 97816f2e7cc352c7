"""The flowchart drawn over a Word SOP's table but anchored in a paragraph outside it, set against the table.

Word anchors every floating drawing to a paragraph. Selected whole and grouped, or drawn while the cursor
stood before the table, a flowchart is often anchored in the paragraph just before the procedure table (or
the empty one Word keeps after it) and floated over the Pelaksana columns. shapes.py reads the drawings
anchored in the table's cells, whose places it sets against the cell they are in; these stand in no cell,
so their place across the table has to come from the page: where the drawing's reference lies, and where
the table lies, both from the section's page size and margins and the table's own properties.

Which paragraphs. Those of the body (or of the layout cell holding the table) next to the procedure table
with no other table between: the paragraphs just before it and just after it (readers.outside_paragraphs).
A drawing anchored further away, above an identity table say, is the letterhead's, not the flowchart's.

Sideways, the frame of a drawing (a DrawingML wp:anchor's positionH, a VML shape's or group's
mso-position-horizontal-relative) is placed against:
  * the column or the margin (relativeFrom="column"/"margin"; VML text/margin): the left edge of the text,
    where the table's indent is measured from too. Supported in a section of one text column (in several,
    which column the paragraph and the table stand in is the layout's to say);
  * the page, the left margin area or the right margin area (relativeFrom="page"/"leftMargin"/
    "rightMargin"): the page's left edge, the left margin (with the gutter) from the section's w:pgMar
    and w:pgSz, so the text's left edge is known on it. Not when the document mirrors its margins
    (w:mirrorMargins) with inside and outside margins of different widths: the margins then change sides
    on even pages, and which page the drawing falls on is the layout's to say;
  * by an offset (wp:posOffset, VML left plus margin-left) or aligned left, centre or right in the
    reference's width.
It cannot be placed against: the character it is anchored at (relativeFrom="character", VML char; where that
character falls in its line needs a layout engine), the inside or outside margin and alignment inside or
outside (which side depends on the page), a drawing in line with the text (wp:inline, or VML not absolute:
it stands in the text above or below the table, not over its columns). Nor can the table be placed when
it floats (w:tblpPr: wrapped in text, placed by its own anchor), runs right to left (w:bidiVisual), or
sits in a section of several text columns. The table's left edge is its indent (w:tblInd) from the text's
left edge, or its alignment (w:jc center/right) in the text's width by the sum of its grid columns; in
documents of Word 2010 and before (compatibilityMode below 15), the indent is that of the first cell's
text, so the border stands the cell's left margin (w:tcMar, w:tblCellMar, else Word's 0.19 cm) further left.

Downwards, the levels of a drawing's symbols go to the step rows in order, as those of a group anchored in
a cell without known heights (shapes._Rows.by_order), from the table's first step row on, the rows holding
symbols of their own skipped: the paragraph's distance to the table's rows is not written anywhere. A
symbol placed relative to its paragraph whose middle lies above the table's top (estimated as the heights
of the paragraphs from the anchor's to the table, shapes._paragraph_height), or below its bottom for a
drawing anchored after the table, is no step's: a title or a letterhead, left alone. One within 5 mm of
that estimated edge could be either: when the drawing holds symbols over the table too, it is not read
(left out, that one would move each level below it up a step row), but said. The loose shapes of one
paragraph are one drawing, their tops all known against the paragraph or all against the page.

Anything that cannot be placed this way is a warning naming the drawing (Word's name for it, as the
selection pane shows it) and why; its symbols decide no actor, rather than deciding a wrong one. So is a
symbol standing beside the table's columns, and a drawing whose levels find no step row left. So are the
loose shapes of a paragraph placed down some from the paragraph and some from the page, whose order is not
known, and the drawings next to a procedure table nested in a cell of a layout table (their reference and
the table's own place are then the outer cell's, which the layout decides).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from django.utils.translation import gettext as _

from . import shapes
from .shapes import WP, WPC, WPG, WPS, A, O, V, W, _q

TWIP = shapes.EMU_PER_TWIP
# Word's default cell margin left and right (0.19 cm) where neither the cell nor the table gives one.
_DEFAULT_CELL_MARGIN = 108
# Word writes no w:pgSz or w:pgMar when the defaults hold: Letter, 2.54 cm margins.
_DEFAULT_PAGE = (12240, 15840)
_DEFAULT_MARGIN = 1440

# A symbol whose middle is this near the table's estimated top (or bottom) may be above the table or in its
# first row (5 mm, in EMU): the paragraphs' heights are estimates.
_EDGE = 180000

# VML's names for the references DrawingML names (mso-position-horizontal-relative, …-vertical-relative).
_VML_ACROSS = {"text": "column", "char": "character", "margin": "margin", "page": "page",
               "left-margin-area": "leftMargin", "right-margin-area": "rightMargin",
               "inner-margin-area": "insideMargin", "outer-margin-area": "outsideMargin"}
_VML_DOWN = {"text": "paragraph", "line": "line", "margin": "margin", "page": "page",
             "top-margin-area": "topMargin", "bottom-margin-area": "bottomMargin",
             "inner-margin-area": "insideMargin", "outer-margin-area": "outsideMargin"}


class Paragraph(NamedTuple):
    """A paragraph outside the procedure table that may hold its flowchart: the w:p, whether it stands
    before the table, and the paragraphs between it and the table."""

    element: Any
    before: bool
    between: tuple[Any, ...]


class Page(NamedTuple):
    """Where a section's parts stand, in EMU."""

    width: int
    height: int
    left: int  # the left margin, with the gutter when it is on the left
    right: int
    top: int
    bottom: int
    columns: int  # text columns
    mirrored: bool  # margins mirrored on even pages, inside and outside of different widths

    @property
    def text(self) -> int:
        return self.width - self.left - self.right


def _twips(element: Any, name: str, default: int = 0) -> int:
    value = element.get(_q(W, name)) if element is not None else None
    try:
        number = int(value) if value is not None else default
    except ValueError:
        number = default
    return number * TWIP


def section_of(element: Any) -> Any:
    """The w:sectPr of the section holding a body element (or one in a body-level table): that of the
    first paragraph from it on ending a section, else the body's own."""
    node = element
    while node.getparent() is not None and node.getparent().tag != _q(W, "body"):
        node = node.getparent()
    body = node.getparent()
    if body is None:
        return None
    for sibling in (node, *node.itersiblings()):
        found = sibling.find(f"{_q(W, 'pPr')}/{_q(W, 'sectPr')}") if sibling.tag == _q(W, "p") else None
        if found is not None:
            return found
    return body.find(_q(W, "sectPr"))


def page_of(element: Any, settings: Any) -> Page:
    """The page of the section holding `element`; `settings` the document's w:settings (or None)."""
    section = section_of(element)
    size = section.find(_q(W, "pgSz")) if section is not None else None
    margins = section.find(_q(W, "pgMar")) if section is not None else None
    columns = section.find(_q(W, "cols")) if section is not None else None
    width, height = _twips(size, "w", _DEFAULT_PAGE[0]), _twips(size, "h", _DEFAULT_PAGE[1])
    left, right = _twips(margins, "left", _DEFAULT_MARGIN), _twips(margins, "right", _DEFAULT_MARGIN)
    top, bottom = abs(_twips(margins, "top", _DEFAULT_MARGIN)), abs(_twips(margins, "bottom", _DEFAULT_MARGIN))
    gutter = _twips(margins, "gutter")

    def flag(parent: Any, name: str) -> bool:
        found = parent.find(_q(W, name)) if parent is not None else None
        return found is not None and found.get(_q(W, "val"), "true") not in ("0", "false", "off")

    if not flag(settings, "gutterAtTop"):
        if flag(section, "rtlGutter"):
            right += gutter
        else:
            left += gutter
    count = shapes._int(columns.get(_q(W, "num"))) if columns is not None else 1
    mirrored = flag(settings, "mirrorMargins") and left != right
    return Page(width, height, left, right, top, bottom, max(count, 1), mirrored)


def compatibility(settings: Any) -> int:
    """Word's compatibilityMode of the document (15: Word 2013 and later; 12 when none is written)."""
    for setting in settings.iter(_q(W, "compatSetting")) if settings is not None else ():
        if setting.get(_q(W, "name")) == "compatibilityMode":
            return shapes._int(setting.get(_q(W, "val"))) or 12
    return 12


def table_left(tbl: Any, page: Page, mode: int) -> tuple[int | None, str]:
    """The left edge of a table's border from the text's left edge, in EMU; or None and why not."""
    properties = tbl.find(_q(W, "tblPr"))

    def child(name: str) -> Any:
        return properties.find(_q(W, name)) if properties is not None else None

    if next(tbl.iterancestors(_q(W, "tc")), None) is not None:
        return None, _("the table stands in a cell of another table, whose place the layout decides")
    if child("tblpPr") is not None:
        return None, _("the table floats over the page (it has text wrapping)")
    if child("bidiVisual") is not None and child("bidiVisual").get(_q(W, "val"), "true") not in ("0", "false"):
        return None, _("the table's columns run right to left")
    if page.columns > 1:
        return None, _("the section has several text columns")
    grid = tbl.find(_q(W, "tblGrid"))
    width = sum(_twips(col, "w") for col in grid.iterchildren(_q(W, "gridCol"))) if grid is not None else 0
    align = child("jc").get(_q(W, "val")) if child("jc") is not None else "left"
    if align == "center":
        return (page.text - width) // 2, ""
    if align in ("right", "end"):
        return page.text - width, ""
    indent = child("tblInd")
    kind = indent.get(_q(W, "type"), "dxa") if indent is not None else "dxa"
    if kind not in ("dxa", "nil"):
        return None, _("the table's indent is given as a share of the page")
    left = _twips(indent, "w") if kind == "dxa" else 0
    if mode < 15:
        # Word 2010 and before indent the first cell's text: the border stands its margin further left.
        margin = None
        first = tbl.find(f"{_q(W, 'tr')}/{_q(W, 'tc')}")
        for holder in (first.find(f"{_q(W, 'tcPr')}/{_q(W, 'tcMar')}") if first is not None else None,
                       child("tblCellMar")):
            side = next((holder.find(_q(W, name)) for name in ("left", "start")
                         if holder is not None and holder.find(_q(W, name)) is not None), None)
            if side is not None:
                margin = _twips(side, "w")
                break
        left -= _DEFAULT_CELL_MARGIN * TWIP if margin is None else margin
    return left, ""


def across(relative: str, offset: int | None, align: str | None, width: int, page: Page) -> tuple[int | None, str]:
    """The left of a drawing's frame from the text's left edge (EMU), from its reference (DrawingML's
    relativeFrom), its offset or its alignment; or None and why it cannot be told."""
    if relative == "character":
        return None, _("the character it is anchored at, whose place in its line only Word's layout knows")
    if relative in ("insideMargin", "outsideMargin") or align in ("inside", "outside"):
        return None, _("the inside or outside margin, which side depends on the page")
    if relative == "column" and page.columns > 1:
        return None, _("the text column it stands in, in a section of several")
    if relative in ("page", "leftMargin", "rightMargin") and page.mirrored:
        return None, _("the page, whose margins are mirrored on even pages")
    areas = {"column": (0, page.text), "margin": (0, page.text), "page": (-page.left, page.width),
             "leftMargin": (-page.left, page.left), "rightMargin": (page.text, page.right)}
    if relative not in areas:
        return None, _("“%(reference)s”, which is not known") % {"reference": relative}
    origin, size = areas[relative]
    if offset is not None:
        return origin + offset, ""
    found = {"left": origin, "center": origin + (size - width) // 2, "right": origin + size - width}.get(align or "")
    return (found, "") if found is not None else (None, _("an alignment that is not known"))


def downwards(relative: str, offset: int | None, align: str | None, height: int, page: Page) -> tuple[int | None, str]:
    """The top of a drawing's frame and the frame it is in: ("paragraph", EMU from the paragraph's top) or
    ("page", EMU from the page's top); None when neither can be told."""
    if relative in ("paragraph", "line"):
        if offset is not None:
            return offset, "paragraph"
        return (0, "paragraph") if align == "top" else (None, "")
    areas = {"page": (0, page.height), "margin": (page.top, page.height - page.top - page.bottom),
             "topMargin": (0, page.top), "bottomMargin": (page.height - page.bottom, page.bottom)}
    if relative not in areas:
        return None, ""
    origin, size = areas[relative]
    if offset is not None:
        return origin + offset, "page"
    found = {"top": origin, "center": origin + (size - height) // 2, "bottom": origin + size - height}.get(align or "")
    return (found, "page") if found is not None else (None, "")


class _Frame(NamedTuple):
    """Where one drawing (a group, a canvas, a loose shape) stands: its left from the table's left and its
    top in its frame ("paragraph" or "page"), its size; `why` says why it cannot be placed sideways."""

    left: int | None
    top: int | None
    frame: str
    width: int
    height: int
    name: str
    why: str = ""


def _drawingml_frame(anchor: Any, page: Page, table: int) -> _Frame:
    extent = anchor.find(_q(WP, "extent")) if anchor is not None else None
    width = shapes._int(extent.get("cx")) if extent is not None else 0
    height = shapes._int(extent.get("cy")) if extent is not None else 0
    named = anchor.find(_q(WP, "docPr")) if anchor is not None else None
    name = (named.get("name") or named.get("id") or "") if named is not None else ""
    if anchor is None or anchor.tag != _q(WP, "anchor"):
        return _Frame(None, None, "", width, height, name, _(
            "the text, in line with it (not floating over the table's columns)"))

    def place(tag: str, default: str) -> tuple[str, int | None, str | None]:
        position = anchor.find(_q(WP, tag))
        if position is None:
            return default, 0, None
        offset = position.find(_q(WP, "posOffset"))
        return (position.get("relativeFrom", default), shapes._int(offset.text) if offset is not None else None,
                position.findtext(_q(WP, "align")))

    relative, offset, align = place("positionH", "column")
    left, why = across(relative, offset, align, width, page)
    relative, offset, align = place("positionV", "paragraph")
    top, frame = downwards(relative, offset, align, height, page)
    return _Frame(None if left is None else left - table, top, frame, width, height, name, why)


def _vml_frame(shape: Any, page: Page, table: int) -> _Frame:
    style = shapes._style(shape)
    box = shapes._vml_box(style, shapes._length)
    left_offset, top_offset, width, height = (int(v) for v in box) if box is not None else (0, 0, 0, 0)
    name = shape.get("alt") or shape.get(_q(O, "spid")) or shape.get("id") or ""
    if style.get("position") != "absolute" or box is None:
        return _Frame(None, None, "", width, height, name, _(
            "the text, in line with it (not floating over the table's columns)"))
    relative = _VML_ACROSS.get(style.get("mso-position-horizontal-relative", "text"), "unknown")
    align = style.get("mso-position-horizontal", "absolute")
    left, why = across(relative, left_offset if align == "absolute" else None, align, width, page)
    relative = _VML_DOWN.get(style.get("mso-position-vertical-relative", "text"), "unknown")
    align = style.get("mso-position-vertical", "absolute")
    top, frame = downwards(relative, top_offset if align == "absolute" else None, align, height, page)
    return _Frame(None if left is None else left - table, top, frame, width, height, name, why)


class Read(NamedTuple):
    """The drawings anchored outside a table that stand over it, each with its name, each symbol's x its
    centre from the table's left edge (EMU), and the warnings of what could not be placed."""

    drawings: list[tuple[str, shapes._Drawing]]
    notes: list[str]


def read(table: Any, paragraphs: list[Paragraph]) -> Read:
    """The drawings anchored in `paragraphs` (outside the python-docx `table`), set against the table."""
    try:
        document = table.part.package.main_document_part
        settings = document.settings.element
        styles = document.styles.element
    except (AttributeError, KeyError, ValueError):  # a table outside a document part
        settings = styles = None
    tbl = table._tbl
    page = page_of(tbl, settings)
    left, why = table_left(tbl, page, compatibility(settings))
    width = sum(int(col.w or 0) for col in tbl.tblGrid.gridCol_lst)
    rules = shapes._rules(table)
    drawings: list[tuple[str, shapes._Drawing]] = []
    notes: list[str] = []
    size, spacing = shapes._defaults(styles)
    for paragraph in paragraphs:
        found = _paragraph_drawings(paragraph.element, page_of(paragraph.element, settings), left or 0, rules)
        if left is None:
            notes += [_not_placed(frame.name, why, table=True) for frame, drawing, _names in found if drawing.symbols]
            continue
        # The table's top (or bottom) in the frame of the paragraph: the heights of those on the way.
        room = max(page.text, shapes.EMU_PER_POINT * 10)
        on_way = [paragraph.element, *paragraph.between] if paragraph.before else list(paragraph.between)
        distance = sum(shapes._paragraph_height(p, room, size, spacing, styles) for p in on_way)
        for frame, drawing, names in found:
            if frame.why:
                if drawing.symbols:
                    notes.append(_not_placed(frame.name, frame.why))
                continue
            kept, above, beside = [], [], []
            for symbol in drawing.symbols:
                if frame.frame == "paragraph" and symbol.y is not None and (
                        symbol.y < distance if paragraph.before else symbol.y > -distance):
                    above.append(symbol)  # above the table (or below it): a title, a letterhead
                elif symbol.x is None or not 0 <= symbol.x < width:
                    beside.append(symbol)
                else:
                    kept.append(symbol)
            edge = next((s for s in above if s.y is not None and (
                distance - _EDGE <= s.y if paragraph.before else s.y <= -distance + _EDGE)), None)
            if edge is not None and (kept or beside):
                # Left out, it would move every level below it up a step row: the whole drawing is said instead.
                notes.append(_("the flowchart drawing “%(name)s” is anchored in a paragraph outside the procedure table, "
                               "and its symbol “%(mark)s” stands about at the table's edge: whether it is a step's "
                               "cannot be told, so its symbols are not read; move the drawing into the table, or "
                               "anchor it in a cell") % {"name": names.get(id(edge), frame.name), "mark": edge.mark})
                continue
            notes += [_("the flowchart symbol “%(mark)s” of the drawing “%(name)s”, anchored outside the procedure "
                        "table, stands beside the table's columns: it is not read as any step's symbol; move it into "
                        "the column of its step's actor") % {"mark": symbol.mark, "name": names.get(id(symbol), frame.name)}
                      for symbol in beside]
            if kept or drawing.lines:
                drawings.append((frame.name, drawing._replace(symbols=kept)))
    return Read(drawings, notes)


def _not_placed(name: str, why: str, *, table: bool = False) -> str:
    if table:
        return _("the flowchart drawing “%(name)s” is anchored in a paragraph outside the procedure table, and "
                 "where the table's columns stand cannot be told: %(why)s. Its symbols are not read; group the "
                 "drawing and anchor it in a cell of the table, or choose the steps' actors") % {
            "name": name, "why": why}
    return _("the flowchart drawing “%(name)s” is anchored in a paragraph outside the procedure table and placed "
             "relative to %(why)s: where it stands against the table's columns cannot be told, so its symbols "
             "are not read; place it relative to the margin or the column, or anchor it in a cell of the "
             "table") % {"name": name, "why": why}


def _paragraph_drawings(p: Any, page: Page, table: int, rules: dict[str, tuple[str | None, str | None]]
                        ) -> list[tuple[_Frame, shapes._Drawing, dict[int, str]]]:
    """The drawings anchored in a paragraph: each group or canvas on its own, its loose shapes together
    (one drawing per frame their tops are in: the paragraph's, the page's), each with its frame and the
    names of its loose symbols (by id())."""
    found: list[tuple[_Frame, shapes._Drawing, dict[int, str]]] = []
    loose: dict[str, tuple[_Frame, list[shapes._Symbol], list[shapes._Line]]] = {}
    names: dict[int, str] = {}

    def add_loose(frame: _Frame, symbol: shapes._Symbol | None, line: shapes._Line | None) -> None:
        if frame.why or frame.left is None or frame.top is None:
            why = frame.why or _("a vertical reference or alignment whose place is not known")
            found.append((frame._replace(why=why), shapes._Drawing([s for s in (symbol,) if s], [], True), {}))
            return
        entry = loose.setdefault(frame.frame, (frame, [], []))
        if symbol is not None:
            entry[1].append(symbol)
            names[id(symbol)] = frame.name
        if line is not None:
            entry[2].append(line)

    def group(frame: _Frame, parts: list[shapes._Part], lines: list[shapes._Line]) -> None:
        found.append((frame, shapes._Drawing([shapes._placed(part, frame.left, frame.top) for part in parts], lines,
                                             False), {}))

    for data in p.iter(_q(A, "graphicData")):
        if shapes._shadowed(data):
            continue
        anchor = shapes._anchor_of(data)
        frame = _drawingml_frame(anchor, page, table)
        left, top = frame.left or 0, frame.top or 0
        for container in data:
            lines: list[shapes._Line] = []
            if container.tag == _q(WPS, "wsp"):
                symbol = shapes._drawing_symbol(container)
                if symbol is not None:
                    box = (float(left), float(top), float(left + frame.width), float(top + frame.height))
                    middle = top + frame.height // 2
                    add_loose(frame, shapes._Symbol(symbol[0], left + frame.width // 2, middle, middle, frame.height,
                                                    symbol[1], shapes._drawing_ids(container, anchor), box), None)
                elif (line := shapes._drawing_line(container, (left, top, frame.width, frame.height),
                                                   shapes._IDENTITY, shapes._IDENTITY)) is not None:
                    add_loose(frame, None, line)
            elif container.tag == _q(WPG, "wgp"):
                properties = container.find(_q(WPG, "grpSpPr"))
                group(frame, shapes._grouped(container, shapes._group_transform(properties, shapes._IDENTITY, "x"),
                                             shapes._group_transform(properties, shapes._IDENTITY, "y"), lines), lines)
            elif container.tag == _q(WPC, "wpc"):
                # A canvas's shapes stand at their offsets (EMU) from its corner.
                group(frame, shapes._grouped(container, shapes._IDENTITY, shapes._IDENTITY, lines), lines)
    for shape in p.iter(*(_q(V, kind) for kind in (*shapes._VML_SHAPES, "group", "line", "polyline"))):
        if shape.getparent().tag != _q(W, "pict") or shapes._shadowed(shape):
            continue  # inside a v:group (read with it), or a VML copy of a DrawingML shape
        frame = _vml_frame(shape, page, table)
        left, top = frame.left or 0, frame.top or 0
        if shape.tag == _q(V, "group"):
            size = shapes._pair(shape.get("coordsize"), (1000.0, 1000.0))
            origin = shapes._pair(shape.get("coordorigin"), (0.0, 0.0))
            if size[0] <= 0 or size[1] <= 0:
                continue  # its children's coordinates stand nowhere
            flip = shapes._style(shape).get("flip", "")
            lines = []
            group(frame, shapes._vml_grouped(
                shape, shapes._inside(shapes._IDENTITY, 0, frame.width, origin[0], size[0], "x" in flip),
                shapes._inside(shapes._IDENTITY, 0, frame.height, origin[1], size[1], "y" in flip), lines, rules), lines)
            continue
        symbol = shapes._vml_symbol(shape)
        if symbol is not None:
            box = (float(left), float(top), float(left + frame.width), float(top + frame.height))
            middle = top + frame.height // 2
            add_loose(frame, shapes._Symbol(symbol[0], left + frame.width // 2, middle, middle, frame.height,
                                            symbol[1], shapes._vml_ids(shape), box), None)
        elif (line := shapes._vml_line(shape, shape.tag.rpartition("}")[2], (left, top, frame.width, frame.height),
                                       shapes._length, shapes._IDENTITY, shapes._IDENTITY, rules)) is not None:
            add_loose(frame, None, line)
    for frame, symbols, lines in loose.values():
        shown = ", ".join(dict.fromkeys(names[id(s)] for s in symbols)) or frame.name
        # Some placed down from the paragraph, some from the page: which stands above which is not known.
        why = _("the paragraph for some and the page for others, so their order down the table is not known")
        found.append((frame._replace(name=shown, why=why if len(loose) > 1 else ""),
                      shapes._Drawing(symbols, lines, True), names))
    return [(frame, shapes._with_labels(drawing), found_names) for frame, drawing, found_names in found]
