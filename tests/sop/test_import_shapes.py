"""A Word SOP whose Pelaksana columns hold only the flowchart's shapes (no text): each step's actor is
the column holding its symbol (importers/shapes.py). The step texts name no hand-off, so without the
shapes no step's actor could be decided."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Cm

from kinerja.sop.importers import parse_document, read_document

pytestmark = pytest.mark.usefixtures("english")

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"')
ACTORS = ["Sekretaris", "Kasubbag", "JFU", "Kepala Dinas"]
# Activities that name nobody: only the symbols can tell who does them.
STEPS = [("Menerima surat masuk", "5 menit", "Sekretaris"), ("Menelaah isi surat", "10 menit", "Kasubbag"),
         ("Menyiapkan bahan", "2 Hari", "JFU"), ("Memeriksa bahan", "1 Hari", "Kasubbag"),
         ("Menetapkan keputusan", "1 Hari", "Kepala Dinas")]
COLUMN_WIDTH = Cm(2.5)  # each Pelaksana column


def drawing(preset: str, *, text: str = "", offset: int | None = None, width: int = 600000,
            connector: bool = False) -> str:
    """A floating DrawingML shape (as Word 2010+ writes it): placed `offset` EMU from the left of its
    cell's column, or aligned in the cell when None."""
    position = (f'<wp:positionH relativeFrom="column"><wp:posOffset>{offset}</wp:posOffset></wp:positionH>'
                if offset is not None else '<wp:positionH relativeFrom="column"><wp:align>center</wp:align></wp:positionH>')
    body = ("<wps:cNvCnPr/>" if connector else "") + (
        f'<wps:spPr><a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom></wps:spPr>')
    if text:
        body += f"<wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
    return (f'<w:drawing {NS}><wp:anchor behindDoc="0" layoutInCell="1" simplePos="0" relativeHeight="1" locked="0" '
            f'allowOverlap="1" distT="0" distB="0" distL="0" distR="0"><wp:simplePos x="0" y="0"/>{position}'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{width}" cy="300000"/><wp:wrapNone/><wp:docPr id="1" name="Shape"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp>{body}<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>')


def vml(kind: str = "rect", *, text: str = "", margin_left: str | None = None, extra: str = "") -> str:
    """A VML shape inside w:pict, as Word 2003/2007 documents keep them."""
    size = "width:40pt;height:20pt"
    style = f"position:absolute;margin-left:{margin_left};{size}" if margin_left else size
    inner = f"<v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox>" if text else ""
    return f'<w:pict {NS}><v:{kind} style="{style}" {extra}>{inner}</v:{kind}></w:pict>'


def both(choice: str, fallback: str) -> str:
    """One shape written twice, DrawingML with its VML copy (mc:AlternateContent), as Word 2010+ does."""
    return (f'<mc:AlternateContent {NS}><mc:Choice Requires="wps">{choice}</mc:Choice>'
            f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>")


def put(cell, *xml: str) -> None:
    """Add drawings to the cell's paragraph, each in a run of its own."""
    paragraph = cell.paragraphs[0]._p
    for item in xml:
        run = parse_xml(f"<w:r {NS}>{item}</w:r>")
        paragraph.append(run)


def document(tmp_path: Path, place, name: str = "sop.docx") -> Path:
    """An SOP AP in Word whose actor cells are empty; `place(table, step_row, actor_column)` draws."""
    doc = docx.Document()
    for line in ["PEMERINTAH KOTA BANDAR LAMPUNG", "DINAS KOPERASI DAN UKM"]:
        doc.add_paragraph(line)
    identity = doc.add_table(rows=0, cols=2)
    for label, value in [("NOMOR SOP", "800/1/SOP/2025"), ("TANGGAL PEMBUATAN", "9 Januari 2023"),
                         ("TANGGAL EFEKTIF", "2 Januari 2025"), ("NAMA SOP", "PENGELOLAAN SURAT KEPUTUSAN")]:
        cells = identity.add_row().cells
        cells[0].text, cells[1].text = label, value
    doc.add_paragraph("")
    columns = 2 + len(ACTORS) + 4
    table = doc.add_table(rows=2 + len(STEPS), cols=columns)
    table.autofit = False
    header, sub = table.rows[0].cells, table.rows[1].cells
    header[0].text, header[1].text = "No.", "Uraian Prosedur"
    header[2].merge(header[1 + len(ACTORS)]).text = "Pelaksana"
    header[2 + len(ACTORS)].merge(header[4 + len(ACTORS)]).text = "Mutu Baku"
    header[-1].text = "Ket"
    for i, actor in enumerate(ACTORS):
        sub[2 + i].text = actor
    for i, label in enumerate(["Kelengkapan", "Waktu", "Output"]):
        sub[2 + len(ACTORS) + i].text = label
    widths = [Cm(1), Cm(5)] + [COLUMN_WIDTH] * len(ACTORS) + [Cm(3), Cm(2), Cm(3), Cm(2)]
    for i, width in enumerate(widths):
        table.columns[i].width = width
        table._tbl.tblGrid.gridCol_lst[i].w = width
    for number, (activity, waktu, _actor) in enumerate(STEPS, start=1):
        cells = table.rows[1 + number].cells
        cells[0].text, cells[1].text = str(number), activity
        cells[2 + len(ACTORS)].text, cells[3 + len(ACTORS)].text = "berkas", waktu
        cells[4 + len(ACTORS)].text = "hasil"
    for number, (_activity, _waktu, actor) in enumerate(STEPS, start=1):
        place(table, 1 + number, 2 + ACTORS.index(actor))
    path = tmp_path / name
    doc.save(str(path))
    return path


def actors_of(path: Path) -> list[tuple[str, str]]:
    return [(s.actor, s.actor_source) for s in read_document(path).steps]


EXPECTED = [(actor, "symbol") for _a, _w, actor in STEPS]


def test_without_the_shapes_no_actor_can_be_decided(tmp_path: Path) -> None:
    """The document itself, before any shape: this is what the shapes have to decide."""
    draft = parse_document(document(tmp_path, lambda table, row, column: None))
    assert [p.step for p in draft.problems] == [1, 2, 3, 4, 5]


def test_the_column_of_each_drawn_symbol_is_the_actor(tmp_path: Path) -> None:
    """Boxes, a decision and the Mulai/Selesai terminators with their text, and the arrows between them
    in other cells (which are not symbols)."""
    last = len(STEPS) + 1

    def place(table, row, column):
        cells = table.rows[row].cells
        if row == 2:
            put(cells[column], drawing("flowChartTerminator", text="Mulai"))
        elif row == last:
            put(cells[column], drawing("flowChartTerminator", text="Selesai"))
        elif row == 5:
            put(cells[column], drawing("flowChartDecision"))
        else:
            put(cells[column], drawing("flowChartProcess"))
        # An arrow to the next row's symbol, anchored in the next actor cell, and a bent connector.
        other = 2 + (column - 1) % len(ACTORS)
        put(cells[other], drawing("straightConnector1", connector=True), drawing("bentConnector3"),
            drawing("downArrow"))

    assert actors_of(document(tmp_path, place)) == EXPECTED


def test_a_symbol_moved_sideways_from_its_anchor_stands_in_the_column_it_is_drawn_in(tmp_path: Path) -> None:
    """Word anchors a floating shape to the paragraph it was drawn near; its offset moves it: a box
    anchored in the Uraian cell but drawn two and a half actor columns to the right stands there."""

    def place(table, row, column):
        # From the left of the Uraian column (5 cm wide) to the middle of the actor's column.
        offset = int(Cm(5)) + (column - 2) * int(COLUMN_WIDTH) + int(COLUMN_WIDTH) // 2 - 300000
        put(table.rows[row].cells[1], drawing("flowChartProcess", offset=offset, width=600000))

    assert actors_of(document(tmp_path, place)) == EXPECTED


def test_vml_shapes_of_older_word_are_read(tmp_path: Path) -> None:
    """Word 2003/2007: v:rect, v:oval with its text, v:shape of the decision type; a VML connector
    (o:connectortype) and a line are not symbols."""

    def place(table, row, column):
        cells = table.rows[row].cells
        shape = {2: vml("oval", text="Mulai"), 5: vml("shape", extra='type="#_x0000_t110"')}.get(row, vml("rect"))
        put(cells[column], shape)
        other = 2 + (column - 1) % len(ACTORS)
        put(cells[other], vml("shape", extra='type="#_x0000_t32" o:connectortype="straight"'), vml("line"))

    assert actors_of(document(tmp_path, place)) == EXPECTED


def test_a_vml_shape_offset_by_its_margin_stands_where_it_is_drawn(tmp_path: Path) -> None:
    def place(table, row, column):
        # margin-left in points from the Uraian cell's left: 5 cm, then whole actor columns, then 10 pt.
        points = (int(Cm(5)) + (column - 2) * int(COLUMN_WIDTH)) / 12700 + 10
        put(table.rows[row].cells[1], vml("rect", margin_left=f"{points:.2f}pt"))

    assert actors_of(document(tmp_path, place)) == EXPECTED


def test_a_shape_written_with_its_vml_copy_counts_once(tmp_path: Path) -> None:
    """Word 2010+ writes each shape twice (mc:AlternateContent): the VML fallback copy, anchored in the
    same cell, must not make a second symbol (two marks in different columns would leave the actor
    undecided; here the copy is placed in another column on purpose)."""

    def place(table, row, column):
        cells = table.rows[row].cells
        other = 2 + (column - 1) % len(ACTORS)
        copy = vml("rect", margin_left=f"{(other - column) * int(COLUMN_WIDTH) / 12700 + 5:.2f}pt")
        put(cells[column], both(drawing("flowChartProcess", offset=100000), copy))

    assert actors_of(document(tmp_path, place)) == EXPECTED


def test_decision_labels_in_text_boxes_are_not_symbols(tmp_path: Path) -> None:
    """"Ya"/"Tidak" text boxes beside a decision's arrows, in another actor's cell."""

    def place(table, row, column):
        cells = table.rows[row].cells
        put(cells[column], drawing("flowChartProcess"))
        other = 2 + (column - 1) % len(ACTORS)
        put(cells[other], drawing("rect", text="Tidak"), vml("shape", text="Ya", extra='type="#_x0000_t202"'))

    assert actors_of(document(tmp_path, place)) == EXPECTED


def test_symbols_in_two_columns_of_a_row_leave_that_step_to_the_other_clues(tmp_path: Path) -> None:
    """Two boxes in one row (a copied flowchart gone astray): not decided by the symbols; the step is
    reported, naming the marks, rather than given to one of them."""

    def place(table, row, column):
        cells = table.rows[row].cells
        put(cells[column], drawing("flowChartProcess"))
        if row == 3:
            put(cells[2 + (column - 1) % len(ACTORS)], drawing("flowChartProcess"))

    draft = parse_document(document(tmp_path, place))
    assert [p.step for p in draft.problems] == [2]
    assert "▭" in str(draft.problems[0])


def test_text_written_in_a_cell_wins_over_its_shapes(tmp_path: Path) -> None:
    """A cell with text keeps its text; a shape does not add to it (nor to the activity's text)."""

    def place(table, row, column):
        cells = table.rows[row].cells
        put(cells[1], drawing("flowChartProcess"))  # anchored in the Uraian cell, aligned: stays there
        cells[column].paragraphs[0].add_run("X")

    draft = read_document(document(tmp_path, place))
    assert [s.activity for s in draft.steps] == [a for a, _w, _x in STEPS]
    assert [(s.actor, s.actor_source) for s in draft.steps] == EXPECTED


# Groups (wpg:wgp) and drawing canvases (wpc:wpc): each symbol placed by the group's place plus its own
# offset, scaled by the group's chOff/chExt.

WPC_NS = 'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"'


def child(preset: str, x: int, width: int = 400000, *, text: str = "", connector: bool = False) -> str:
    """A shape of a group or canvas at `x` in its parent's child coordinates."""
    body = "<wps:cNvCnPr/>" if connector else "<wps:cNvSpPr/>"
    body += (f'<wps:spPr><a:xfrm><a:off x="{x}" y="0"/><a:ext cx="{width}" cy="200000"/></a:xfrm>'
             f'<a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom></wps:spPr>')
    if text:
        body += f"<wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
    return f"<wps:wsp>{body}<wps:bodyPr/></wps:wsp>"


def group_properties(tag: str, *, off: int, ext: int, ch_off: int, ch_ext: int, flip: bool = False) -> str:
    flipped = ' flipH="1"' if flip else ""
    return (f'<{tag}><a:xfrm{flipped}><a:off x="{off}" y="0"/><a:ext cx="{ext}" cy="300000"/>'
            f'<a:chOff x="{ch_off}" y="0"/><a:chExt cx="{ch_ext}" cy="300000"/></a:xfrm></{tag}>')


def anchored(uri: str, content: str, *, offset: int, width: int) -> str:
    """A floating drawing `offset` EMU right of its cell's column, holding a group or canvas."""
    return (f'<w:drawing {NS} {WPC_NS}><wp:anchor behindDoc="0" layoutInCell="1" simplePos="0" relativeHeight="1" '
            'locked="0" allowOverlap="1" distT="0" distB="0" distL="0" distR="0"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="column"><wp:posOffset>{offset}</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{width}" cy="300000"/><wp:wrapNone/><wp:docPr id="1" name="Group"/>'
            f'<a:graphic><a:graphicData uri="{uri}">{content}</a:graphicData></a:graphic></wp:anchor></w:drawing>')


GROUP_URI = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
CANVAS_URI = "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"
ACTORS_WIDTH = int(COLUMN_WIDTH) * len(ACTORS)


def middle_of(column: int) -> int:
    """The middle of actor column `column` (2 … 5), from the left of the actor columns, in EMU."""
    return (column - 2) * int(COLUMN_WIDTH) + int(COLUMN_WIDTH) // 2


def test_symbols_in_a_group_stand_where_the_group_places_them(tmp_path: Path) -> None:
    """A group anchored in the Uraian cell, floated over the actor columns, its children in coordinates
    twice the EMU and shifted (chOff/chExt): the step's box, an arrow in the next column and a "Tidak"
    label in another; only the box is a symbol."""

    def place(table, row, column):
        def inner(x: int) -> int:  # EMU from the group's left, in the group's child coordinates
            return 2 * x + 1000000

        box = middle_of(column) - 200000
        other = 2 + (column - 1) % len(ACTORS)
        label = 2 + (column + 1) % len(ACTORS)
        content = ("<wpg:wgp><wpg:cNvGrpSpPr/>"
                   + group_properties("wpg:grpSpPr", off=0, ext=ACTORS_WIDTH, ch_off=1000000, ch_ext=2 * ACTORS_WIDTH)
                   + child("flowChartProcess", inner(box), 800000)
                   + child("straightConnector1", inner(middle_of(other)), 200000, connector=True)
                   + child("rect", inner(middle_of(label) - 100000), 400000, text="Tidak")
                   + "<wps:bodyPr/></wpg:wgp>")
        put(table.rows[row].cells[1], anchored(GROUP_URI, content, offset=int(Cm(5)), width=ACTORS_WIDTH))

    assert actors_of(document(tmp_path, place)) == EXPECTED


def test_a_group_inside_a_group_adds_its_own_offset(tmp_path: Path) -> None:
    """The outer group spans the actor columns from their left; the inner group, two columns wide from
    the actor's and mirrored (flipH), holds the symbol in its right half, which the mirror puts in the
    left: the actor's column."""

    def place(table, row, column):
        width = int(COLUMN_WIDTH)
        left = (column - 2) * width
        inner = ("<wpg:grpSp><wpg:cNvGrpSpPr/>"
                 + group_properties("wpg:grpSpPr", off=left, ext=2 * width, ch_off=0, ch_ext=2 * width, flip=True)
                 + child("flowChartProcess", width + width // 2 - 200000, 400000)
                 + "</wpg:grpSp>")
        content = ("<wpg:wgp><wpg:cNvGrpSpPr/>"
                   + group_properties("wpg:grpSpPr", off=0, ext=ACTORS_WIDTH, ch_off=0, ch_ext=ACTORS_WIDTH)
                   + inner + "<wps:bodyPr/></wpg:wgp>")
        put(table.rows[row].cells[1], anchored(GROUP_URI, content, offset=int(Cm(5)), width=ACTORS_WIDTH))

    assert actors_of(document(tmp_path, place)) == EXPECTED


def test_symbols_on_a_drawing_canvas_stand_at_their_offsets(tmp_path: Path) -> None:
    """A canvas anchored in the first actor cell, its shapes at EMU offsets from its corner: the step's
    terminator or box, and an arrow in another column."""

    def place(table, row, column):
        shape = "flowChartTerminator" if row == 2 else "flowChartProcess"
        other = 2 + (column - 1) % len(ACTORS)
        content = ("<wpc:wpc><wpc:bg/><wpc:whole/>"
                   + child(shape, middle_of(column) - 200000, 400000, text="Mulai" if row == 2 else "")
                   + child("downArrow", middle_of(other) - 100000, 200000)
                   + "</wpc:wpc>")
        put(table.rows[row].cells[2], anchored(CANVAS_URI, content, offset=0, width=ACTORS_WIDTH))

    draft = read_document(document(tmp_path, place))
    assert [(s.actor, s.actor_source) for s in draft.steps] == EXPECTED


def test_a_group_placed_on_the_page_leaves_its_symbols_in_their_cell(tmp_path: Path) -> None:
    """A group placed relative to the page cannot be set against the columns: its symbols count where it
    is anchored, as a shape aligned in its cell does."""

    def place(table, row, column):
        content = ("<wpg:wgp><wpg:cNvGrpSpPr/>"
                   + group_properties("wpg:grpSpPr", off=0, ext=ACTORS_WIDTH, ch_off=0, ch_ext=ACTORS_WIDTH)
                   + child("flowChartProcess", 0, 400000) + "<wps:bodyPr/></wpg:wgp>")
        drawing_xml = anchored(GROUP_URI, content, offset=0, width=ACTORS_WIDTH).replace(
            'relativeFrom="column"><wp:posOffset>0', 'relativeFrom="page"><wp:posOffset>0')
        put(table.rows[row].cells[column], drawing_xml)

    assert actors_of(document(tmp_path, place)) == EXPECTED
