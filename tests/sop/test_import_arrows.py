"""The arrows of a Word flowchart (importers/shapes.py, table.decide_arrows): a decision's "Tidak" drawn only
as an arrow back up to an earlier step's box is a return edge, one drawn past the next step a branch.
Arrows are read from connectors glued to the shapes they join (DrawingML a:stCxn/a:endCxn, VML o:rules),
else from where their ends lie, following the group transforms; the arrowhead gives the direction.

The documents are those of test_import_shapes.py: five steps (Sekretaris, Kasubbag, JFU, Kasubbag,
Kepala Dinas) whose texts name nobody and send nothing back, so only the drawing can give a return."""

from __future__ import annotations

from itertools import count
from pathlib import Path

import docx
import pytest
from docx.shared import Cm

from kinerja.sop.importers import parse_document, read_document

from .documents import FILES, SEED_ACTORS, SEED_STEP_ACTORS
from .test_import_shape_groups import FIRST_ROW, ROW, columns, heights, once, pict, pt, vml_flowchart
from .test_import_shapes import ACTORS_WIDTH, CANVAS_URI, GROUP_URI, NS, STEPS, anchored, document, middle_of, put

pytestmark = pytest.mark.usefixtures("english")

NONE: list[list[int]] = [[] for _s in STEPS]
WIDTH, HEIGHT = 400000, 300000  # each symbol's size, in EMU
TOP = 100000  # the first symbol's top in the group


def box(step: int) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of step's symbol (numbered from 1) in the group: in its actor's column,
    one ROW below the step before."""
    left = middle_of(2 + columns()[step - 1]) - WIDTH // 2
    top = TOP + (step - 1) * ROW
    return left, top, left + WIDTH, top + HEIGHT


def symbol(step: int, preset: str = "") -> str:
    """Step's symbol in a wpg group, its wps:cNvPr id 10 + step; step 4 (the Kasubbag's check) a decision."""
    preset = preset or ("flowChartTerminator" if step in (1, len(STEPS)) else "flowChartDecision" if step == 4
                        else "flowChartProcess")
    left, top, _r, _b = box(step)
    return (f'<wps:wsp><wps:cNvPr id="{10 + step}" name="Step {step}"/><wps:cNvSpPr/>'
            f'<wps:spPr><a:xfrm><a:off x="{left}" y="{top}"/><a:ext cx="{WIDTH}" cy="{HEIGHT}"/></a:xfrm>'
            f'<a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp>')


def line(x0: float, y0: float, x1: float, y1: float, *, head: str | None = "tail", glued: tuple[int, int] | None = None,
         preset: str = "straightConnector1", rot: int = 0) -> str:
    """A line from (x0, y0) to (x1, y1) in the group, as Word writes it: its box, flipped when it runs
    left or up. head: "tail" (an arrowhead at its end), "head" (at its start), "both" or None.
    glued: the ids of the shapes its start and end are glued to (a connector)."""
    flips = (' flipH="1"' if x1 < x0 else "") + (' flipV="1"' if y1 < y0 else "")
    rotation = f' rot="{rot}"' if rot else ""
    ends = ""
    if head in ("head", "both"):
        ends += '<a:headEnd type="triangle"/>'
    if head in ("tail", "both"):
        ends += '<a:tailEnd type="triangle"/>'
    connector = ("<wps:cNvCnPr>" + (f'<a:stCxn id="{glued[0]}" idx="2"/><a:endCxn id="{glued[1]}" idx="1"/>'
                                    if glued else "") + "</wps:cNvCnPr>") if preset != "line" else "<wps:cNvSpPr/>"
    return (f"<wps:wsp>{connector}<wps:spPr><a:xfrm{flips}{rotation}>"
            f'<a:off x="{round(min(x0, x1))}" y="{round(min(y0, y1))}"/>'
            f'<a:ext cx="{round(abs(x1 - x0))}" cy="{round(abs(y1 - y0))}"/></a:xfrm>'
            f'<a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom><a:ln w="9525">{ends}</a:ln></wps:spPr>'
            "<wps:bodyPr/></wps:wsp>")


def down(step: int, **kwargs) -> str:
    """The normal flow: an arrow from the bottom of step's symbol to the top of the next one's."""
    (l0, _t0, r0, b0), (l1, t1, r1, _b1) = box(step), box(step + 1)
    return line((l0 + r0) / 2, b0, (l1 + r1) / 2, t1, **kwargs)


def back(source: int, target: int, **kwargs) -> str:
    """An elbow connector from the left of source's symbol to the left of target's (up or down)."""
    (l0, t0, _r0, b0), (l1, t1, _r1, b1) = box(source), box(target)
    return line(l0, (t0 + b0) / 2, l1, (t1 + b1) / 2, preset="bentConnector3", **kwargs)


def flowchart(*content: str, symbols: str | None = None) -> str:
    """A wpg group over the actor columns holding every step's symbol and `content`, anchored in step 1's
    Uraian cell (its levels go to the step rows in order)."""
    symbols = "".join(symbol(step) for step in range(1, len(STEPS) + 1)) if symbols is None else symbols
    height = TOP + len(STEPS) * ROW
    properties = (f'<wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{ACTORS_WIDTH}" cy="{height}"/>'
                  f'<a:chOff x="0" y="0"/><a:chExt cx="{ACTORS_WIDTH}" cy="{height}"/></a:xfrm></wpg:grpSpPr>')
    return anchored(GROUP_URI, f"<wpg:wgp><wpg:cNvGrpSpPr/>{properties}{symbols}{''.join(content)}<wps:bodyPr/></wpg:wgp>",
                    offset=int(Cm(5)), width=ACTORS_WIDTH)


def normal_flow(**kwargs) -> list[str]:
    return [down(step, **kwargs) for step in range(1, len(STEPS))]


def read(tmp_path: Path, drawing: str, notes: dict[int, str] | None = None):
    def draw(table):
        put(table.rows[FIRST_ROW].cells[1], drawing)
        for step, note in (notes or {}).items():
            table.rows[FIRST_ROW + step - 1].cells[-1].text = note

    return parse_document(document(tmp_path, once(draw)))


def returns(draft) -> list[list[int]]:
    return [s.returns_to for s in draft.steps]


def test_the_normal_flow_drawn_with_arrowheads_adds_no_return(tmp_path: Path) -> None:
    """Connectors glued to each step's symbol and the next, and the same drawn unglued: the flow of
    the seed, each step to the next, is no return and no branch."""
    for content in (normal_flow(glued=None), [down(s, glued=(10 + s, 11 + s)) for s in range(1, len(STEPS))]):
        draft = read(tmp_path, flowchart(*content))
        assert not draft.problems
        assert returns(draft) == NONE
        assert [s.branch_to for s in draft.steps] == [None] * len(STEPS)


def test_a_connector_glued_back_to_an_earlier_step_is_a_return(tmp_path: Path) -> None:
    """The decision's "Tidak" drawn only as an elbow connector glued (a:stCxn/a:endCxn) from the diamond
    (step 4) to step 2's box; nothing in Ket. Glued, the connector's ends count whatever its geometry
    says: here it is drawn far off to the right, touching nothing."""
    stray = line(ACTORS_WIDTH - 50000, 50000, ACTORS_WIDTH - 10000, 40000, glued=(14, 12), preset="bentConnector3")
    draft = read(tmp_path, flowchart(*normal_flow(), stray))
    assert not draft.problems
    assert returns(draft) == [[], [], [], [2], []]


def test_an_unglued_arrow_is_read_from_where_its_ends_lie(tmp_path: Path) -> None:
    """An elbow connector from the diamond's left to step 2's, glued to nothing: its ends lie on the
    two symbols. Drawn the other way round with the arrowhead at its start, it says the same."""
    draft = read(tmp_path, flowchart(*normal_flow(), back(4, 2)))
    assert returns(draft) == [[], [], [], [2], []]
    (l0, t0, _r0, b0), (l1, t1, _r1, b1) = box(2), box(4)
    reversed_arrow = line(l0, (t0 + b0) / 2, l1, (t1 + b1) / 2, preset="bentConnector3", head="head")
    assert returns(read(tmp_path, flowchart(*normal_flow(), reversed_arrow))) == [[], [], [], [2], []]



@pytest.mark.parametrize("arrow", [back(4, 2), back(4, 2, glued=(14, 12)),
                                   line(0, 0, 10, 10, glued=(14, 12), preset="bentConnector3")])
def test_the_arrows_of_a_drawing_canvas_are_read_as_a_group_s(tmp_path: Path, arrow: str) -> None:
    """The same flowchart on a drawing canvas (wpc:wpc, its shapes at EMU offsets from its corner): the
    arrow from the diamond back to step 2, unglued or glued (then wherever it is drawn), is a return."""
    symbols = "".join(symbol(step) for step in range(1, len(STEPS) + 1))
    canvas = anchored(CANVAS_URI, f"<wpc:wpc><wpc:bg/><wpc:whole/>{symbols}{''.join(normal_flow())}{arrow}</wpc:wpc>",
                      offset=int(Cm(5)), width=ACTORS_WIDTH)
    draft = read(tmp_path, canvas)
    assert [s.actor_source for s in draft.steps] == ["symbol"] * len(STEPS)
    assert returns(draft) == [[], [], [], [2], []]

def test_an_arrow_drawn_in_pieces_is_followed_from_end_to_end(tmp_path: Path) -> None:
    """The return drawn as three plain lines (left from the diamond, up beside the columns, right into
    step 2's box, the arrowhead on the last), the "Tidak" label beside it: one arrow."""
    (l4, t4, _r4, b4), (l2, t2, _r2, b2) = box(4), box(2)
    y4, y2, x = (t4 + b4) / 2, (t2 + b2) / 2, 60000
    pieces = [line(l4, y4, x, y4, head=None, preset="line"), line(x, y4, x, y2, head=None, preset="line"),
              line(x, y2, l2, y2, preset="line")]
    label = (f'<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="80000" y="{int(y4) - 200000}"/>'
             '<a:ext cx="300000" cy="150000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
             '<wps:txbx><w:txbxContent><w:p>'
             '<w:r><w:t>Tidak</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>')
    draft = read(tmp_path, flowchart(*normal_flow(), *pieces, label))
    assert returns(draft) == [[], [], [], [2], []]
    # Without its arrowhead, or with one at each outer end, the way the pieces go is not known.
    pieces[-1] = line(x, y2, l2, y2, preset="line", head=None)
    assert returns(read(tmp_path, flowchart(*normal_flow(), *pieces))) == NONE
    pieces[0] = line(l4, y4, x, y4, head="head", preset="line")
    pieces[-1] = line(x, y2, l2, y2, preset="line")
    assert returns(read(tmp_path, flowchart(*normal_flow(), *pieces))) == NONE


def test_a_rotated_connector_is_read_where_its_rotation_puts_it(tmp_path: Path) -> None:
    """Word writes a vertical elbow as a horizontal one turned a quarter: its box, unturned, touches
    nothing; turned about its centre, it runs from the diamond's left up to step 2's."""
    (l4, t4, _r4, b4), (_l2, t2, _r2, b2) = box(4), box(2)
    x, y0, y1 = l4, (t4 + b4) / 2, (t2 + b2) / 2
    length = y0 - y1
    cx, cy = x, (y0 + y1) / 2
    # Unturned: from (cx + length/2, cy) to (cx - length/2, cy); turned 90°: from (cx, cy + length/2) up.
    turned = line(cx + length / 2, cy, cx - length / 2, cy, preset="straightConnector1", rot=5400000)
    assert returns(read(tmp_path, flowchart(*normal_flow(), turned))) == [[], [], [], [2], []]


def test_an_arrow_past_the_next_step_from_a_decision_is_its_branch(tmp_path: Path) -> None:
    """Step 2 drawn as a decision whose arrow goes on to step 4: its "Tidak" skips step 3."""
    symbols = "".join(symbol(step, "flowChartDecision" if step == 2 else "flowChartProcess" if step == 4 else "")
                      for step in range(1, len(STEPS) + 1))
    draft = read(tmp_path, flowchart(*normal_flow(), back(2, 4), symbols=symbols))
    assert not draft.problems
    assert [s.branch_to for s in draft.steps] == [None, 4, None, None, None]
    assert returns(draft) == NONE


def test_arrows_from_a_box_go_back_but_not_ahead_and_a_terminator_s_say_nothing(tmp_path: Path) -> None:
    """A process box's arrow back up is a return (a check drawn as a box, as the words' "dikembalikan"
    makes any step send work back); its arrow past the next step is no branch (only a decision has one).
    The terminator's (Mulai) arrow past the next step says nothing either."""
    symbols = "".join(symbol(step, "flowChartProcess" if step == 4 else "") for step in range(1, len(STEPS) + 1))
    draft = read(tmp_path, flowchart(*normal_flow(), back(4, 3), back(2, 4), back(1, 3), symbols=symbols))
    assert not draft.problems
    assert returns(draft) == [[], [], [], [3], []]
    assert [s.branch_to for s in draft.steps] == [None] * len(STEPS)


@pytest.mark.parametrize(("note", "target", "expected"), [
    ("Tidak: kembali ke langkah 2", 2, [2]),  # the words and the arrow agree
    ("Tidak: kembali ke langkah 2", 1, [2]),  # they disagree: the words win, and it is no problem
    ("Dikembalikan", 1, [3]),  # "dikembalikan" alone goes to the step before, whatever the arrow says
])
def test_the_words_win_over_the_arrows(tmp_path: Path, note: str, target: int, expected: list[int]) -> None:
    draft = read(tmp_path, flowchart(*normal_flow(), back(4, target)), {4: note})
    assert not draft.problems
    assert returns(draft) == [[], [], [], expected, []]


def test_words_giving_a_branch_leave_the_step_s_return_arrow_out(tmp_path: Path) -> None:
    """Step 2's decision says "Tidak: lanjut ke langkah 4" in its Ket. while its arrow goes back to
    step 1: the words tell where its "Tidak" goes, and the arrow adds no return."""
    symbols = "".join(symbol(step, "flowChartDecision" if step == 2 else "flowChartProcess" if step == 4 else "")
                      for step in range(1, len(STEPS) + 1))
    draft = read(tmp_path, flowchart(*normal_flow(), back(2, 1), symbols=symbols), {2: "Tidak: lanjut ke langkah 4"})
    assert not draft.problems
    assert [s.branch_to for s in draft.steps] == [None, 4, None, None, None]
    assert returns(draft) == NONE



def test_a_tidak_that_ends_the_procedure_takes_a_return_arrow_but_no_branch(tmp_path: Path) -> None:
    """Step 2's decision writes "Tidak: proses selesai": its arrow past the next step is no branch (its
    "Tidak" ends there), while its arrow back up to step 1 is a return beside the end, as the words may
    give both."""
    symbols = "".join(symbol(step, "flowChartDecision" if step == 2 else "flowChartProcess" if step == 4 else "")
                      for step in range(1, len(STEPS) + 1))
    draft = read(tmp_path, flowchart(*normal_flow(), back(2, 4), symbols=symbols), {2: "Tidak: proses selesai"})
    assert not draft.problems
    assert [(s.ends_if_not, s.branch_to) for s in draft.steps][1] == (True, None)
    draft = read(tmp_path, flowchart(*normal_flow(), back(2, 1), symbols=symbols), {2: "Tidak: proses selesai"})
    assert not draft.problems
    assert (draft.steps[1].ends_if_not, returns(draft)) == (True, [[], [1], [], [], []])

def test_a_decision_drawn_skipping_to_two_steps_is_a_problem(tmp_path: Path) -> None:
    symbols = "".join(symbol(step, "flowChartDecision" if step == 2 else "flowChartProcess" if step == 4 else "")
                      for step in range(1, len(STEPS) + 1))
    draft = read(tmp_path, flowchart(*normal_flow(), back(2, 4), back(2, 5), symbols=symbols))
    assert [(p.step, p.column, p.problem) for p in draft.problems] == [
        (2, "Pelaksana", "the “Tidak” branch goes on to step 4 and to step 5: a step has one")]


def test_arrows_touching_nothing_and_odd_drawings_are_ignored(tmp_path: Path) -> None:
    """An arrow from the diamond into empty space, one from empty space into step 2, a connector glued
    to ids no shape has, one with absurd numbers, a freeform with an arc and broken numbers, an arrow from a symbol
    to itself: nothing is read and nothing breaks."""
    l4, t4, _r4, b4 = box(4)
    odd = [line(l4, (t4 + b4) / 2, 30000, (t4 + b4) / 2),  # into the empty margin
           line(20000, 20000, 30000, box(2)[1]),  # from the empty margin to the margin beside step 2
           line(0, 0, 10, 10, glued=(98, 99)),
           line(0, 0, 10**15, 10**15, preset="bentConnector3"),
           back(4, 4),
           '<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="1" y="1"/><a:ext cx="100" cy="100"/></a:xfrm>'
           '<a:custGeom><a:pathLst><a:path w="0" h="x"><a:moveTo><a:pt x="0" y="0"/></a:moveTo><a:arcTo wR="9" hR="9"'
           ' stAng="0" swAng="9"/><a:lnTo><a:pt x="9"/></a:lnTo></a:path></a:pathLst></a:custGeom><a:ln>'
           '<a:tailEnd type="arrow"/></a:ln></wps:spPr>'
           '<wps:bodyPr/></wps:wsp>',
           '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm rot="x" flipH="maybe"/><a:ln><a:tailEnd/></a:ln></wps:spPr></wps:wsp>']
    draft = read(tmp_path, flowchart(*normal_flow(), *odd))
    assert not draft.problems
    assert returns(draft) == NONE
    assert [s.actor_source for s in draft.steps] == ["symbol"] * len(STEPS)


def test_an_open_freeform_arrow_is_a_line_not_a_step_s_symbol(tmp_path: Path) -> None:
    """Drawn freehand (a:custGeom, an open path: left, up, right), the return arrow is read as one, and
    takes no row as a symbol."""
    (l4, t4, _r4, b4), (l2, t2, _r2, b2) = box(4), box(2)
    x, y2, y4 = 60000, (t2 + b2) // 2, (t4 + b4) // 2
    width, height = l4 - x, round(y4 - y2)
    freeform = (f'<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="{x}" y="{y2}"/><a:ext cx="{width}" '
                f'cy="{height}"/></a:xfrm><a:custGeom><a:pathLst><a:path w="{width}" h="{height}">'
                f'<a:moveTo><a:pt x="{width}" y="{height}"/></a:moveTo><a:lnTo><a:pt x="0" y="{height}"/></a:lnTo>'
                f'<a:lnTo><a:pt x="0" y="0"/></a:lnTo><a:lnTo><a:pt x="{l2 - x}" y="0"/></a:lnTo></a:path>'
                '</a:pathLst></a:custGeom><a:ln><a:tailEnd type="triangle"/></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>')
    draft = read(tmp_path, flowchart(*normal_flow(), freeform))
    assert not draft.problems
    assert [s.actor_source for s in draft.steps] == ["symbol"] * len(STEPS)
    assert returns(draft) == [[], [], [], [2], []]


# VML ------------------------------------------------------------------------------------------------


def test_a_vml_return_path_with_an_arrowhead_is_a_return_without_words(tmp_path: Path) -> None:
    """The Word 2003 flowchart of test_import_shape_groups (nested groups, the "Tidak" drawn as a path
    from the diamond back up to step 2): with its arrowhead (v:stroke endarrow) and no Ket., the path
    is the return; without the arrowhead, its direction is not known and it says nothing."""
    with_head = vml_flowchart().replace('filled="f">', 'filled="f"><v:stroke endarrow="block"/>')
    assert with_head != vml_flowchart()
    assert returns(read(tmp_path, pict(with_head))) == [[], [], [], [2], []]
    assert returns(read(tmp_path, pict(vml_flowchart()))) == NONE


def vml_chart(*extra: str) -> str:
    """A VML group, 1000 a column and 1000 a step, each step's symbol an id "_x0000_s10NN" (NN its number)."""
    children = ""
    for step, column in enumerate(columns(), start=1):
        kind = ('type="#_x0000_t116" o:spt="116"' if step in (1, len(STEPS)) else 'type="#_x0000_t110" o:spt="110"'
                if step == 4 else 'type="#_x0000_t109" o:spt="109"')
        children += (f'<v:shape id="_x0000_s10{step:02d}" {kind} style="position:absolute;left:{column * 1000 + 200};'
                     f'top:{(step - 1) * 1000 + 200};width:600;height:600"/>')
    height = len(STEPS) * int(Cm(1.5))
    return (f'<v:group style="position:absolute;margin-left:{pt(int(Cm(5)))};margin-top:2pt;width:{pt(ACTORS_WIDTH)};'
            f'height:{pt(height)}" coordsize="4000,{len(STEPS) * 1000}">{children}{"".join(extra)}</v:group>')


def vml_connector(number: int, start: int, end: int, *, head: str = "endarrow") -> str:
    """A VML elbow connector drawn nowhere near the shapes, and the o:rules entry gluing it to them."""
    shape = (f'<v:shape id="_x0000_s11{number:02d}" type="#_x0000_t34" o:spt="34" o:connectortype="elbow" '
             f'style="position:absolute;left:3900;top:0;width:50;height:50"><v:stroke {head}="block"/></v:shape>')
    rule = (f'<o:rules v:ext="edit"><o:r id="V:Rule{number}" type="connector" idref="#_x0000_s11{number:02d}">'
            f'<o:proxy start="" idref="#_x0000_s10{start:02d}" connectloc="1"/>'
            f'<o:proxy end="" idref="#_x0000_s10{end:02d}" connectloc="1"/></o:r></o:rules>')
    return shape + rule


def test_vml_connectors_glued_by_their_rules_are_read(tmp_path: Path) -> None:
    """The o:rules of a Word 2003 drawing name the shapes each connector joins: the diamond's back to
    step 2 is a return; the glued flow from each step to the next none."""
    flow = "".join(vml_connector(step, step, step + 1) for step in range(1, len(STEPS)))
    draft = read(tmp_path, pict(vml_chart(flow, vml_connector(9, 4, 2))))
    assert not draft.problems
    assert returns(draft) == [[], [], [], [2], []]
    # The arrowhead at the connector's start turns it round: from step 2 down to the diamond is no return.
    assert returns(read(tmp_path, pict(vml_chart(vml_connector(9, 4, 2, head="startarrow"))))) == NONE


def test_a_vml_line_by_its_ends(tmp_path: Path) -> None:
    """A v:line with an arrowhead from the diamond's left (x 1200, y 3500) up to step 2's box (its left
    at 1200, middle at 1500), glued to nothing."""
    arrow = '<v:line from="1200,3500" to="1190,1500" style="position:absolute"><v:stroke endarrow="classic"/></v:line>'
    assert returns(read(tmp_path, pict(vml_chart(arrow)))) == [[], [], [], [2], []]


# Loose shapes -------------------------------------------------------------------------------------------


IDS = count(100)


def loose(preset: str, *, left: int, top: int, width: int, height: int, extra: str = "", flips: str = "") -> str:
    """A floating DrawingML shape placed (left, top) EMU from its cell's column and paragraph."""
    return (f'<w:drawing {NS}><wp:anchor behindDoc="0" layoutInCell="1" simplePos="0" relativeHeight="1" locked="0" '
            f'allowOverlap="1" distT="0" distB="0" distL="0" distR="0"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="column"><wp:posOffset>{left}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{top}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{width}" cy="{height}"/><wp:wrapNone/><wp:docPr id="{next(IDS)}" name="s"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm{flips}><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/>'
            f'</a:xfrm><a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom>{extra}</wps:spPr><wps:bodyPr/></wps:wsp>'
            '</a:graphicData></a:graphic></wp:anchor></w:drawing>')


def test_a_loose_arrow_reaching_another_row(tmp_path: Path) -> None:
    """Each symbol in its own cell; the return drawn as a loose line anchored in the diamond's cell,
    from its left up two rows into step 2's box (both in the Kasubbag column). With the rows' heights
    set (exactly), the line's end lies in step 2's box. Without them, its end is above its row, where
    only step 2's symbol stands across; when step 3's row has a second box in that column too, the end
    could be in either, and the line is left out."""
    arrow = loose("line", left=50000, top=-2 * ROW + 40000, width=10, height=2 * ROW + 10000,
                  extra='<a:ln><a:tailEnd type="triangle"/></a:ln>', flips=' flipV="1"')

    def place(exact: bool, crowded: bool = False):
        def draw(table, row, column):
            put(table.rows[row].cells[column], loose("flowChartProcess" if row - FIRST_ROW != 3 else "flowChartDecision",
                                                     left=30000, top=30000, width=WIDTH, height=HEIGHT))
            if row == FIRST_ROW + 3:
                put(table.rows[row].cells[column], arrow)
            if crowded and row == FIRST_ROW + 2:
                put(table.rows[row].cells[column - 1], loose("flowChartProcess", left=30000, top=30000, width=WIDTH,
                                                             height=HEIGHT))
            if exact and row == FIRST_ROW:
                heights(table)
        return draw

    exact = parse_document(document(tmp_path, place(True)))
    assert [s.actor_source for s in exact.steps] == ["symbol"] * len(STEPS)
    assert returns(exact) == [[], [], [], [2], []]
    assert returns(parse_document(document(tmp_path, place(False)))) == [[], [], [], [2], []]
    assert returns(parse_document(document(tmp_path, place(True, crowded=True)))) == [[], [], [], [2], []]
    assert returns(parse_document(document(tmp_path, place(False, crowded=True)))) == NONE


def seed_with_flowchart(path: Path, *extra: str) -> tuple[Path, list[tuple[int, int, int, int]]]:
    """The customer's SOP in Word with its flowchart drawn over the Pelaksana columns: a group anchored in
    step 1's Uraian cell, each step's symbol in its actor's column, an arrow from each to the next (every
    other one glued), and `extra` (called with the symbols' boxes); and those boxes."""
    seed = docx.Document(str(FILES / "sop-pengumpulan-data-kinerja.docx"))
    table = seed.tables[1]
    column = int(table._tbl.tblGrid.gridCol_lst[2].w)  # every column of the seed's table is as wide
    content = ""
    boxes = []
    for step, actor in enumerate(SEED_STEP_ACTORS, start=1):
        left, top = SEED_ACTORS.index(actor) * column + column // 2 - WIDTH // 2, TOP + (step - 1) * ROW
        boxes.append((left, top, left + WIDTH, top + HEIGHT))
        preset = "flowChartTerminator" if step in (1, len(SEED_STEP_ACTORS)) else "flowChartProcess"
        content += (f'<wps:wsp><wps:cNvPr id="{10 + step}" name="Step {step}"/><wps:cNvSpPr/><wps:spPr><a:xfrm>'
                    f'<a:off x="{left}" y="{top}"/><a:ext cx="{WIDTH}" cy="{HEIGHT}"/></a:xfrm>'
                    f'<a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp>')
    for step in range(1, len(SEED_STEP_ACTORS)):
        (l0, _t0, r0, b0), (l1, t1, r1, _b1) = boxes[step - 1], boxes[step]
        glued = (10 + step, 11 + step) if step % 2 else None
        content += line((l0 + r0) / 2, b0, (l1 + r1) / 2, t1, preset="bentConnector3", glued=glued)
    content += "".join(extra)
    width, height = len(SEED_ACTORS) * column, TOP + len(SEED_STEP_ACTORS) * ROW
    properties = (f'<wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/>'
                  f'<a:chOff x="0" y="0"/><a:chExt cx="{width}" cy="{height}"/></a:xfrm></wpg:grpSpPr>')
    first = next(row for row in table.rows if row.cells[0].text.strip() == "1")
    put(first.cells[1], anchored(GROUP_URI, f"<wpg:wgp><wpg:cNvGrpSpPr/>{properties}{content}<wps:bodyPr/></wpg:wgp>",
                                 offset=column, width=width))
    seed.save(str(path))
    return path, boxes


def test_the_seed_with_its_flowchart_drawn_reads_as_without(tmp_path: Path) -> None:
    """The seed's normal flow drawn with arrows: the same steps, actors and (no) returns as without."""
    plain = read_document(FILES / "sop-pengumpulan-data-kinerja.docx")
    drawn, boxes = seed_with_flowchart(tmp_path / "drawn.docx")
    draft = read_document(drawn)
    assert [s.actor for s in draft.steps] == SEED_STEP_ACTORS
    assert [s.actor_source for s in draft.steps] == ["symbol"] * len(SEED_STEP_ACTORS)
    assert [(s.returns_to, s.branch_to) for s in draft.steps] == [(s.returns_to, s.branch_to) for s in plain.steps]
    # The Kasubbag's check (step 4, a box) drawn sending the work back to the JFU (step 3): a return.
    (l4, t4, _r4, _b4), (_l3, t3, r3, _b3) = boxes[3], boxes[2]
    back_up, _boxes = seed_with_flowchart(tmp_path / "back.docx", line(l4, t4 + 50000, r3, t3 + 250000))
    assert [s.returns_to for s in read_document(back_up).steps] == [[], [], [], [3], [], []]
