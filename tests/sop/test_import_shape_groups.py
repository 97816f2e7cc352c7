"""Word flowcharts drawn as one group over several rows (importers/shapes.py): VML groups of Word 2003
and compatibility-mode documents (v:group, nested, in w:pict or in an mc:Fallback), and DrawingML
groups anchored in one cell whose symbols belong to several steps. The documents are those of
test_import_shapes.py: five steps whose texts name nobody, so only the symbols decide the actors."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Cm

from kinerja.sop.importers import parse_document, read_document

from .test_import_shapes import (
    ACTORS,
    ACTORS_WIDTH,
    COLUMN_WIDTH,
    EXPECTED,
    GROUP_URI,
    NS,
    STEPS,
    anchored,
    document,
    middle_of,
    put,
)

pytestmark = pytest.mark.usefixtures("english")

FIRST_ROW = 2  # the table's row of step 1 (after the header and its sub-header)
LAST_ROW = FIRST_ROW + len(STEPS) - 1
EMU_PER_POINT = 12700
UNDECIDED = "the actor of this step cannot be decided"


def columns() -> list[int]:
    """The actor column (0 … 3) of each step."""
    return [ACTORS.index(actor) for _a, _w, actor in STEPS]


def problems(path: Path) -> list[tuple[int | None, str]]:
    return [(p.step, str(p)) for p in parse_document(path).problems]


def once(draw):
    """A `place` for test_import_shapes.document that draws the whole flowchart once, from step 1's row."""

    def place(table, row, _column):
        if row == FIRST_ROW:
            draw(table)

    return place


# VML ------------------------------------------------------------------------------------------------


def pt(emu: float) -> str:
    return f"{emu / EMU_PER_POINT:.3f}pt"


def vshape(kind: str, left: float, top: float, width: float, height: float, *, text: str = "",
           extra: str = "") -> str:
    """A VML shape of a group, at its place in the group's coordinates."""
    inner = (f"<v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox>"
             if text else "")
    style = f"position:absolute;left:{left:g};top:{top:g};width:{width:g};height:{height:g}"
    return f'<v:{kind} style="{style}" {extra}>{inner}</v:{kind}>'


def vgroup(children: str, style: str, *, size: str = "1000,1000", origin: str = "0,0") -> str:
    return f'<v:group style="{style}" coordsize="{size}" coordorigin="{origin}">{children}</v:group>'


def pict(content: str) -> str:
    return f"<w:pict {NS}>{content}</w:pict>"


def vml_flowchart(*, last_terminator_text: str = "Selesai", margin_top: str = "2pt") -> str:
    """The whole flowchart in one VML group, as Word 2003 keeps a flowchart selected and grouped: its
    coordinates 1000 a column and 1000 a step, from an origin of (1000, 2000); Mulai and Selesai
    terminators, a nested group holding steps 3 and 4 (the decision), straight and elbow connectors, a
    return arrow from the decision back up to step 2 drawn as a path, the branches' "Ya"/"Tidak"
    labels and flowchart connectors between the rows."""
    x0, y0 = 1000, 2000
    cols = columns()

    def left(step: int) -> int:  # the left of a 600-wide symbol in the middle of step's column
        return x0 + cols[step] * 1000 + 200

    def top(step: int) -> int:
        return y0 + step * 1000 + 200

    # Steps 3 and 4 (JFU, then the Kasubbag's decision) in a nested group over the Kasubbag and JFU
    # columns and the two steps' rows, in coordinates of its own (100 a column, 100 a step).
    nested_left, nested_top = x0 + 1000, y0 + 2000
    nested = vgroup(
        vshape("rect", (cols[2] - 1) * 100 + 20, 20, 60, 60)
        + vshape("shape", (cols[3] - 1) * 100 + 20, 120, 60, 60, extra='type="#_x0000_t110" o:spt="110"')
        + vshape("line", 50, 80, 0, 40, extra='from="150,80" to="50,120"'),
        f"position:absolute;left:{nested_left};top:{nested_top};width:2000;height:2000",
        size="200,200")
    children = (
        vshape("shape", left(0), top(0), 600, 600, text="Mulai", extra='type="#_x0000_t116" o:spt="116"')
        + vshape("shape", left(0), top(0) + 600, 0, 600, extra='type="#_x0000_t32" o:connectortype="straight"')
        + vshape("rect", left(1), top(1), 600, 600)
        + vshape("shape", left(1) + 300, top(1) + 600, 1000, 600,
                 extra='type="#_x0000_t34" o:spt="34" o:connectortype="elbow"')
        + nested
        # The "Tidak" branch back up to step 2, left of the columns, and its label beside it.
        + vshape("shape", x0 + 50, top(1) + 300, 1200, 2000,
                 extra='coordsize="1200,2000" path="m1200,2000l0,2000l0,0l1150,0e" filled="f"')
        + vshape("shape", x0 + 100, top(3) - 100, 300, 150, text="Tidak", extra='type="#_x0000_t202"')
        + vshape("shape", left(3) + 650, top(3) + 650, 300, 150, text="Ya", extra='type="#_x0000_t202"')
        + vshape("shape", left(4), top(4), 600, 600, text=last_terminator_text,
                 extra='type="#_x0000_t116" o:spt="116"')
        # A flowchart connector (the small circle joining two arrows) between steps 2 and 3, and an
        # off-page connector under the last step: no steps of their own.
        + vshape("oval", left(1) + 250, top(1) + 650, 100, 100, extra='o:spt="120"')
        + vshape("shape", left(4) + 200, top(4) + 650, 200, 200, extra='type="#_x0000_t177" o:spt="177"'))
    width, height = ACTORS_WIDTH, len(STEPS) * int(Cm(1.5))
    return vgroup(children, f"position:absolute;margin-left:{pt(int(Cm(5)))};margin-top:{margin_top};width:{pt(width)};"
                  f"height:{pt(height)};z-index:1", size=f"{len(ACTORS) * 1000},{len(STEPS) * 1000}",
                  origin=f"{x0},{y0}")


def test_a_vml_flowchart_in_nested_groups_gives_each_step_its_actor(tmp_path: Path) -> None:
    """Anchored in step 1's Uraian cell, the group spans the actor columns and every row: each level of
    symbols is a step, top to bottom; arrows, connectors, the return path and the labels are none. The
    decision's "Tidak" back to step 2, written in its Ket., is its return edge."""

    def draw(table):
        put(table.rows[FIRST_ROW].cells[1], pict(vml_flowchart()))
        table.rows[FIRST_ROW + 3].cells[-1].text = "Tidak: kembali ke langkah 2"

    draft = read_document(document(tmp_path, once(draw)))
    assert [(s.actor, s.actor_source) for s in draft.steps] == EXPECTED
    assert [s.returns_to for s in draft.steps] == [[], [], [], [2], []]


def test_a_vml_group_drawn_up_from_a_later_row_is_placed_by_the_rows_heights(tmp_path: Path) -> None:
    """Anchored in step 4's row and moved three rows up by its margin-top, over rows of known height."""

    def draw(table):
        heights(table)
        put(table.rows[FIRST_ROW + 3].cells[1], pict(vml_flowchart(margin_top=pt(-3 * ROW + 25400))))

    assert [(s.actor, s.actor_source) for s in read_document(document(tmp_path, once(draw))).steps] == EXPECTED


def test_a_vml_group_aligned_in_its_cell_is_placed_by_its_alignment(tmp_path: Path) -> None:
    """Aligned right in the last actor's cell (mso-position-horizontal, which outweighs its margin-left):
    its right edge is that cell's, so it spans the four actor columns."""

    def draw(table):
        flowchart = vml_flowchart().replace(f"margin-left:{pt(int(Cm(5)))}",
                                            "margin-left:999pt;mso-position-horizontal:right")
        put(table.rows[FIRST_ROW].cells[1 + len(ACTORS)], pict(flowchart))

    assert [(s.actor, s.actor_source) for s in read_document(document(tmp_path, once(draw))).steps] == EXPECTED


def test_without_its_groups_the_vml_flowchart_decides_nothing(tmp_path: Path) -> None:
    """The same document with the group's symbols made arrows (paths): nothing decides the actors, so
    the test above reads the group and not something else."""

    def draw(table):
        flat = vml_flowchart().replace('<v:rect style=', '<v:shape path="m0,0l1,1e" style=').replace(
            "</v:rect>", "</v:shape>")
        for kind in ('type="#_x0000_t116" o:spt="116"', 'type="#_x0000_t110" o:spt="110"'):
            flat = flat.replace(kind, 'path="m0,0l1,1e"')
        flat = flat.replace("<w:t>Mulai</w:t>", "").replace("<w:t>Selesai</w:t>", "")
        put(table.rows[FIRST_ROW].cells[1], pict(flat))

    assert [step for step, _ in problems(document(tmp_path, once(draw)))] == [1, 2, 3, 4, 5]


def test_a_vml_group_in_a_fallback_is_read_when_its_choice_draws_nothing_read(tmp_path: Path) -> None:
    """mc:AlternateContent whose choice needs a feature this reader does not read (here a w14 ink part)
    and whose fallback is the VML group: the fallback is what Word 2003 shows, and it is read."""

    def draw(table):
        content = (f'<mc:AlternateContent {NS} xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
                   '<mc:Choice Requires="w14"/>'
                   f"<mc:Fallback>{pict(vml_flowchart())}</mc:Fallback></mc:AlternateContent>")
        put(table.rows[FIRST_ROW].cells[1], content)

    assert [(s.actor, s.actor_source) for s in read_document(document(tmp_path, once(draw))).steps] == EXPECTED


def test_a_vml_group_copying_a_drawingml_group_counts_once(tmp_path: Path) -> None:
    """Word 2010+ writes a group twice: the DrawingML choice is read, its VML copy in the fallback (here
    drawn one column to the right, so that reading it too would put two symbols in every row) is not."""

    def draw(table):
        cell = table.rows[FIRST_ROW].cells[1]
        copy = vml_flowchart().replace(f"margin-left:{pt(int(Cm(5)))}",
                                       f"margin-left:{pt(int(Cm(5)) + int(COLUMN_WIDTH))}")
        put(cell, f'<mc:AlternateContent {NS}><mc:Choice Requires="wpg">{drawingml_flowchart()}</mc:Choice>'
                  f"<mc:Fallback>{pict(copy)}</mc:Fallback></mc:AlternateContent>")

    assert [(s.actor, s.actor_source) for s in read_document(document(tmp_path, once(draw))).steps] == EXPECTED


def test_a_vml_group_placed_on_the_page_still_orders_its_symbols_down_the_rows(tmp_path: Path) -> None:
    """Placed relative to the page, the group cannot be set against the columns nor the rows: its
    symbols stand in the column it is anchored in, each level in the next step's row. All in the
    Kasubbag's column here, so every step is the Kasubbag's."""

    def draw(table):
        flowchart = vml_flowchart().replace(
            "z-index:1", "z-index:1;mso-position-horizontal-relative:page;mso-position-vertical-relative:page")
        put(table.rows[FIRST_ROW].cells[3], pict(flowchart))

    assert [s.actor for s in read_document(document(tmp_path, once(draw))).steps] == ["Kasubbag"] * len(STEPS)


# A DrawingML group over several rows --------------------------------------------------------------


def wsp(preset: str, x: int, y: int, width: int = 400000, height: int = 300000, *, text: str = "",
        connector: bool = False) -> str:
    """A shape of a group at (x, y) in the group's child coordinates."""
    body = "<wps:cNvCnPr/>" if connector else "<wps:cNvSpPr/>"
    body += (f'<wps:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
             f'<a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom></wps:spPr>')
    if text:
        body += f"<wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
    return f"<wps:wsp>{body}<wps:bodyPr/></wps:wsp>"


ROW = int(Cm(1.5))  # the rows' height in the tests that give it


def drawingml_flowchart(*, step: int = ROW, first: int = 100000, steps: int = len(STEPS)) -> str:
    """A wpg:wgp over the actor columns holding the symbol of each of the first `steps` steps, `step` EMU
    apart from `first` down, with arrows between them and a "Tidak" label; child coordinates are the
    group's EMU shifted by (0, 500000)."""
    shift = 500000
    content = ""
    for index, column in enumerate(columns()[:steps]):
        y = shift + first + index * step
        preset = ("flowChartTerminator" if index in (0, len(STEPS) - 1)
                  else "flowChartDecision" if index == 3 else "flowChartProcess")
        text = "Mulai" if index == 0 else "Selesai" if index == len(STEPS) - 1 else ""
        content += wsp(preset, middle_of(2 + column) - 200000, y, text=text)
        content += wsp("straightConnector1", middle_of(2 + column), y + 300000, 10, step - 300000, connector=True)
    content += wsp("rect", middle_of(2) - 200000, shift + first + 3 * step + 320000, 300000, 100000, text="Tidak")
    height = first + len(STEPS) * step
    properties = (f'<wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{ACTORS_WIDTH}" cy="{height}"/>'
                  f'<a:chOff x="0" y="{shift}"/><a:chExt cx="{ACTORS_WIDTH}" cy="{height}"/></a:xfrm></wpg:grpSpPr>')
    return anchored(GROUP_URI, f"<wpg:wgp><wpg:cNvGrpSpPr/>{properties}{content}<wps:bodyPr/></wpg:wgp>",
                    offset=int(Cm(5)), width=ACTORS_WIDTH)


def heights(table, rule=WD_ROW_HEIGHT_RULE.EXACTLY, height: int = ROW) -> None:
    for row in list(table.rows)[FIRST_ROW:]:
        row.height, row.height_rule = height, rule


def test_a_group_spanning_the_rows_of_unknown_heights_gives_its_levels_in_order(tmp_path: Path) -> None:
    """The rows give no height (as most DOCX files): the group's levels go to the step rows in order."""

    def draw(table):
        put(table.rows[FIRST_ROW].cells[1], drawingml_flowchart())

    assert [(s.actor, s.actor_source) for s in read_document(document(tmp_path, once(draw))).steps] == EXPECTED


def test_a_group_drawn_up_from_a_later_row_is_placed_by_the_rows_heights(tmp_path: Path) -> None:
    """Anchored in step 3's row and moved two rows up (a negative offset): with the rows' heights known,
    each level stands in the row its middle falls in; in order from step 3's row, the five levels would
    not fit the three rows left."""

    def draw(table):
        heights(table)
        drawing_xml = drawingml_flowchart().replace(
            'relativeFrom="paragraph"><wp:posOffset>0<', f'relativeFrom="paragraph"><wp:posOffset>{-2 * ROW}<')
        put(table.rows[FIRST_ROW + 2].cells[1], drawing_xml)

    assert [(s.actor, s.actor_source) for s in read_document(document(tmp_path, once(draw))).steps] == EXPECTED


def test_a_group_anchored_in_the_header_goes_to_the_step_rows_below_it(tmp_path: Path) -> None:
    """Anchored in the header's sub-row (which holds the actors' names) and moved down past it."""

    def draw(table):
        heights(table)
        table.rows[1].height, table.rows[1].height_rule = int(Cm(1)), WD_ROW_HEIGHT_RULE.EXACTLY
        drawing_xml = drawingml_flowchart().replace(
            'relativeFrom="paragraph"><wp:posOffset>0<', f'relativeFrom="paragraph"><wp:posOffset>{int(Cm(1))}<')
        put(table.rows[1].cells[1], drawing_xml)

    assert [(s.actor, s.actor_source) for s in read_document(document(tmp_path, once(draw))).steps] == EXPECTED


def test_minimum_heights_outgrown_by_the_text_leave_the_order_to_decide(tmp_path: Path) -> None:
    """The rows say "at least 1 cm" while the symbols stand 3 cm apart (the text made the rows taller):
    by those heights the levels would skip rows and run past the table, so the order decides."""

    def draw(table):
        heights(table, WD_ROW_HEIGHT_RULE.AT_LEAST, int(Cm(1)))
        put(table.rows[FIRST_ROW].cells[1], drawingml_flowchart(step=int(Cm(3))))

    assert [(s.actor, s.actor_source) for s in read_document(document(tmp_path, once(draw))).steps] == EXPECTED


def test_a_group_over_some_rows_leaves_the_rows_with_symbols_of_their_own(tmp_path: Path) -> None:
    """Steps 1 and 2 each have their box in their own cell; a group anchored in step 1's Uraian cell
    draws steps 3 to 5 (the rows' heights unknown): its levels go to the rows left without a symbol."""

    def draw(table):
        for index in (0, 1):
            cells = table.rows[FIRST_ROW + index].cells
            put(cells[2 + columns()[index]], vml_box())
        group = drawingml_flowchart(steps=len(STEPS))
        # Keep only steps 3 to 5: drop the first two symbols (and their arrows) of the group.
        start = group.index("<wps:wsp>")
        for _ in range(4):
            start_next = group.index("<wps:wsp>", start + 1)
            group = group[:start] + group[start_next:]
        put(table.rows[FIRST_ROW].cells[1], group)

    assert [(s.actor, s.actor_source) for s in read_document(document(tmp_path, once(draw))).steps] == EXPECTED


def vml_box() -> str:
    return pict('<v:rect style="width:40pt;height:20pt"/>')


def test_a_group_with_more_levels_than_steps_reports_the_last_step(tmp_path: Path) -> None:
    """Six levels of symbols for five steps: the extra one joins the last step's row, whose symbols then
    stand in two columns; that step is reported (naming the marks), not given to one of them."""

    def draw(table):
        extra = wsp("flowChartProcess", middle_of(3) - 200000, 500000 + 100000 + 5 * ROW)
        put(table.rows[FIRST_ROW].cells[1], drawingml_flowchart().replace("<wps:bodyPr/></wpg:wgp>",
                                                                          extra + "<wps:bodyPr/></wpg:wgp>"))

    found = problems(document(tmp_path, once(draw)))
    assert [step for step, _ in found] == [5]
    assert "2 actor columns are marked for this step" in found[0][1]
    assert "Selesai" in found[0][1] and "▭" in found[0][1]


# Bad and odd drawings -------------------------------------------------------------------------------


def test_empty_groups_give_the_same_problems_as_no_drawing(tmp_path: Path) -> None:
    """An empty v:group, an empty nested one, an empty wpg:wgp and an empty canvas: no symbol, no crash;
    each step's actor is reported undecided, as in a document without shapes."""

    def draw(table):
        cell = table.rows[FIRST_ROW].cells[1]
        put(cell, pict(vgroup("", "position:absolute;margin-left:10pt;width:100pt;height:100pt")),
            pict(vgroup(vgroup("", "left:0;top:0;width:0;height:0", size="0,0"), "width:0;height:0", size="0,0")),
            anchored(GROUP_URI, "<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr/></wpg:wgp>", offset=0, width=0))

    plain = problems(document(tmp_path, lambda table, row, column: None, name="plain.docx"))
    found = problems(document(tmp_path, once(draw)))
    assert [step for step, _ in found] == [1, 2, 3, 4, 5]
    assert all(UNDECIDED in text for _step, text in found)
    assert [text.replace("sop.docx", "plain.docx") for _step, text in found] == [text for _step, text in plain]


def test_unknown_and_broken_shapes_in_a_group_are_no_symbols(tmp_path: Path) -> None:
    """A group of things no step is drawn with (a polyline, an arc, a picture, a curve, an element of
    another namespace, a shape of an unknown type drawn by its path) and shapes with unreadable places
    (no style, a size of "abc", a coordsize of zero): no crash, and what can be placed is read. Here the
    one readable symbol is step 1's Mulai; the other steps stay undecided."""

    def draw(table):
        odd = (vshape("polyline", 0, 0, 100, 100, extra='points="0,0 10,10"')
               + vshape("arc", 0, 0, 100, 100)
               + vshape("curve", 0, 0, 100, 100)
               + vshape("shape", 100, 100, 100, 100, extra='type="#_x0000_t75"') .replace(
                   "</v:shape>", '<v:imagedata o:title="logo"/></v:shape>')
               + vshape("shape", 0, 200, 100, 100, extra='type="#custom" path="m0,0l100,100e"')
               + '<o:lock xmlns:o="urn:schemas-microsoft-com:office:office" v:ext="edit"/>'
               + '<w10:wrap xmlns:w10="urn:schemas-microsoft-com:office:word" type="none"/>'
               + '<v:rect style="width:abc;height:20"/>'
               + '<v:oval/>'
               + vgroup(vshape("rect", 0, 0, 10, 10), "left:0;top:0;width:100;height:100", size="0,0"))
        mulai = vshape("shape", 100, 10, 600, 80, text="Mulai", extra='type="#_x0000_t116"')
        style = f"position:absolute;margin-left:{pt(int(Cm(5)))};width:{pt(ACTORS_WIDTH)};height:300pt"
        put(table.rows[FIRST_ROW].cells[1], pict(vgroup(odd, style, size="4000,5000")),
            pict(vgroup(mulai, style, size="4000,5000")))

    found = problems(document(tmp_path, once(draw)))
    assert [step for step, _ in found] == [2, 3, 4, 5]
    assert all(UNDECIDED in text for _step, text in found)


def test_symbols_grazing_the_next_rows_still_make_one_level_each(tmp_path: Path) -> None:
    """Symbols a little taller than the distance between them (each overlaps the next by 20000 EMU):
    still one step each, not one level of five symbols."""

    def draw(table):
        put(table.rows[FIRST_ROW].cells[1], drawingml_flowchart(step=280000))

    assert [(s.actor, s.actor_source) for s in read_document(document(tmp_path, once(draw))).steps] == EXPECTED


def test_loose_shapes_anchored_in_one_cell_go_down_the_rows_as_a_group_does(tmp_path: Path) -> None:
    """No group: each symbol a shape of its own, all anchored in step 1's Uraian cell (where the cursor
    was while drawing) and offset sideways and down to their steps' places."""
    from .test_import_shapes import drawing

    def draw(table):
        for index, column in enumerate(columns()):
            shape = drawing("flowChartProcess", offset=int(Cm(5)) + middle_of(2 + column) - 200000, width=400000)
            put(table.rows[FIRST_ROW].cells[1], shape.replace(
                'relativeFrom="paragraph"><wp:posOffset>0<', f'relativeFrom="paragraph"><wp:posOffset>{index * ROW}<'))

    assert [(s.actor, s.actor_source) for s in read_document(document(tmp_path, once(draw))).steps] == EXPECTED


# As Word 2003 saves a flowchart drawn on its drawing canvas and converted to .docx: shape types declared
# by v:shapetype inside the group, text boxes with insets, arrows as v:line with an end arrow, a wrap.
WORD_2003 = """<v:group id="_x0000_s1030" editas="canvas" style="position:absolute;left:0;text-align:left;
margin-left:{left};margin-top:3.6pt;width:{width};height:{height};z-index:251657728"
coordorigin="2295,3060" coordsize="7200,9000">
<o:lock v:ext="edit" aspectratio="t"/>
<v:shapetype id="_x0000_t75" coordsize="21600,21600" o:spt="75" o:preferrelative="t" path="m@4@5l@4@11@9@11@9@5xe"
 filled="f" stroked="f"><v:stroke joinstyle="miter"/><v:path o:extrusionok="f" gradientshapeok="t"
 o:connecttype="rect"/></v:shapetype>
<v:shape id="_x0000_s1031" type="#_x0000_t75" style="position:absolute;left:2295;top:3060;width:7200;height:9000"
 o:preferrelative="f"><v:fill o:detectmouseclick="t"/><v:path o:extrusionok="t" o:connecttype="none"/>
 <o:lock v:ext="edit" text="t"/></v:shape>
<v:shapetype id="_x0000_t116" coordsize="21600,21600" o:spt="116" path="m3475,qx,10800,3475,21600l18125,21600qx21600,
10800,18125,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect" textboxrect="1018,3163,20582,
18437"/></v:shapetype>
{shapes}
</v:group><w10:wrap xmlns:w10="urn:schemas-microsoft-com:office:word" type="none"/>
<w10:anchorlock xmlns:w10="urn:schemas-microsoft-com:office:word"/>"""


def test_a_flowchart_as_word_2003_saves_its_drawing_canvas(tmp_path: Path) -> None:
    """The canvas's background picture frame (t75) is no symbol; shapetypes declare the terminator;
    the canvas spans 1800 units a column and 1800 a step from (2295, 3060)."""
    cols = columns()

    def place(step: int) -> tuple[int, int]:
        return 2295 + cols[step] * 1800 + 270, 3060 + step * 1800 + 450

    shapes = ""
    for step in range(len(STEPS)):
        x, y = place(step)
        if step in (0, len(STEPS) - 1):
            kind, extra = "shape", 'type="#_x0000_t116"'
        elif step == 3:
            kind, extra = "shape", 'type="#_x0000_t110"'
        else:
            kind, extra = "rect", ""
        text = {0: "Mulai", len(STEPS) - 1: "Selesai"}.get(step, "")
        textbox = (f'<v:textbox inset="1.5mm,.3mm,1.5mm,.3mm"><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/>'
                   f'</w:pPr><w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
                   "</v:textbox>") if text else ""
        shapes += (f'<v:{kind} id="_x0000_s10{40 + step}" {extra} style="position:absolute;left:{x};top:{y};'
                   f'width:1260;height:900">{textbox}</v:{kind}>')
        if step + 1 < len(STEPS):
            to_x, to_y = place(step + 1)
            shapes += (f'<v:line id="_x0000_s10{60 + step}" style="position:absolute" from="{x + 630},{y + 900}" '
                       f'to="{to_x + 630},{to_y}"><v:stroke endarrow="block"/></v:line>')
    width, height = ACTORS_WIDTH, len(STEPS) * ROW
    group = WORD_2003.format(left="0", width=pt(width), height=pt(height), shapes=shapes).replace("\n", " ")

    def draw(table):
        put(table.rows[FIRST_ROW].cells[2], pict(group))

    assert [(s.actor, s.actor_source) for s in read_document(document(tmp_path, once(draw))).steps] == EXPECTED


def test_a_step_written_over_two_rows_gets_one_level(tmp_path: Path) -> None:
    """Step 2's text goes on in a second row under its No. cell merged down: that row numbers no step of
    its own, so the levels (in order, the rows' heights unknown) skip it."""

    def draw(table):
        put(table.rows[FIRST_ROW].cells[1], drawingml_flowchart())

    path = document(tmp_path, once(draw))
    word = docx.Document(str(path))
    table = word.tables[1]
    second = table.rows[FIRST_ROW + 1]._tr
    continuation = docx.oxml.parse_xml(second.xml)
    second.addnext(continuation)
    row = table.rows[FIRST_ROW + 2]
    for cell in row.cells:
        cell.text = ""
    row.cells[1].text = "(lanjutan) dan mencatatnya"
    table.rows[FIRST_ROW + 1].cells[0].merge(row.cells[0])
    word.save(str(path))

    draft = read_document(path)
    assert [(s.actor, s.actor_source) for s in draft.steps] == EXPECTED
    assert len(draft.steps) == len(STEPS)


def test_absurd_numbers_in_groups_are_read_as_no_place(tmp_path: Path) -> None:
    """A damaged file's numbers (400 digits, a coordsize almost nil in thirty nested groups, a row's
    height of "abc"): no crash; what cannot be placed counts where it is anchored. Each step's own box
    sits in its actor's cell beside one such drawing anchored in the Uraian cell of every row."""
    huge = "9" * 400
    deep = vshape("rect", 0, 0, 10, 10)
    for _ in range(30):
        deep = vgroup(deep + vshape("rect", 0, 500, 10, 10),
                      "position:absolute;left:0;top:0;width:1000;height:1000", size=".0000001,.0000001")

    def place(table, row, column):
        cells = table.rows[row].cells
        put(cells[2 + columns()[row - FIRST_ROW]], '<w:pict ' + NS + '><v:rect style="width:20pt;height:10pt"/></w:pict>')
        table.rows[row]._tr.get_or_add_trPr().append(docx.oxml.parse_xml(
            f'<w:trHeight {NS} w:val="abc" w:hRule="exact"/>'))
        drawings = [
            pict(vgroup(vshape("rect", 0, 0, 100, 100), f"position:absolute;margin-left:{huge}pt;margin-top:"
                        f"{huge}pt;width:100pt;height:100pt")),
            pict(vgroup(deep, "position:absolute;margin-left:0;width:100pt;height:100pt")),
            anchored(GROUP_URI, "<wpg:wgp><wpg:cNvGrpSpPr/>" + wsp("flowChartProcess", 0, 0).replace(
                '<a:off x="0" y="0"/>', f'<a:off x="{huge}" y="-{huge}"/>') + "</wpg:wgp>",
                offset=0, width=ACTORS_WIDTH)]
        put(cells[1], *drawings)

    # The drawings that cannot be placed stand in the Uraian column (no actor's); every step keeps its box.
    assert [(s.actor, s.actor_source) for s in read_document(document(tmp_path, place)).steps] == EXPECTED
