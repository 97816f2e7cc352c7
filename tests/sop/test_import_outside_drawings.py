"""A Word flowchart anchored in a paragraph outside the procedure table and floated over its Pelaksana columns
(importers/outside.py): set sideways against the table's grid from its reference (column, margin, page) and
the section's margins, the table's indent and Word's compatibility mode; down the step rows in order. What
cannot be placed is a warning naming the drawing.

The documents are those of test_import_shapes.py (python-docx's template: a Letter page, 1800-twip left and
right margins, compatibilityMode 14; the table not indented, so its border stands the cell margin, 108 twips,
left of the text's edge): five steps whose texts name nobody, so only the symbols decide the actors."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx.oxml import parse_xml
from docx.shared import Cm

from kinerja.sop.importers import parse_document
from tests.base import KinerjaTestCase

from .test_import_arrows import TOP, WIDTH, back, normal_flow, symbol
from .test_import_shape_groups import FIRST_ROW, ROW, columns, once, pict, pt, vml_flowchart
from .test_import_shapes import ACTORS_WIDTH, COLUMN_WIDTH, EXPECTED, NS, STEPS, WPC_NS, document, middle_of, put

pytestmark = pytest.mark.usefixtures("english")

EMU_PER_TWIP = 635
PAGE_WIDTH, LEFT_MARGIN = 12240 * EMU_PER_TWIP, 1800 * EMU_PER_TWIP
CELL_MARGIN = 108 * EMU_PER_TWIP
# The actor columns' left edge from the text's left edge: No. (1 cm) and Uraian (5 cm) right of the table's
# border, which Word 2010 (compatibilityMode 14) puts the cell margin left of the text.
ACTORS_LEFT = int(Cm(6)) - CELL_MARGIN
DOWN = int(Cm(1))  # the group's top below its paragraph's: past the paragraph and the table's header
NONE: list[list[int]] = [[] for _s in STEPS]


def group(*content: str, shift: int = 0, name: str = "Flowchart 7", position_h: str = "", position_v: str = "",
          symbols: str | None = None, inline: bool = False) -> str:
    """The flowchart of test_import_arrows (each step's symbol in its actor's column, `content` beside them)
    as a floating wpg group whose frame begins `shift` EMU left of the actor columns; placed by
    `position_h` (default: `shift` short of them from the column) and `position_v` (DOWN below the paragraph)."""
    symbols = "".join(symbol(step) for step in range(1, len(STEPS) + 1)) if symbols is None else symbols
    height, width = TOP + len(STEPS) * ROW, shift + ACTORS_WIDTH
    properties = (f'<wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/>'
                  f'<a:chOff x="{-shift}" y="0"/><a:chExt cx="{width}" cy="{height}"/></a:xfrm></wpg:grpSpPr>')
    position_h = position_h or horizontal("column", ACTORS_LEFT - shift)
    position_v = position_v or f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{DOWN}</wp:posOffset></wp:positionV>'
    graphic = ('<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup">'
               f"<wpg:wgp><wpg:cNvGrpSpPr/>{properties}{symbols}{''.join(content)}<wps:bodyPr/></wpg:wgp>"
               "</a:graphicData></a:graphic>")
    if inline:
        return (f'<w:drawing {NS} {WPC_NS}><wp:inline><wp:extent cx="{width}" cy="{height}"/>'
                f'<wp:docPr id="70" name="{name}"/>{graphic}</wp:inline></w:drawing>')
    return (f'<w:drawing {NS} {WPC_NS}><wp:anchor behindDoc="0" layoutInCell="1" simplePos="0" relativeHeight="1" '
            'locked="0" allowOverlap="1" distT="0" distB="0" distL="0" distR="0"><wp:simplePos x="0" y="0"/>'
            f'{position_h}{position_v}<wp:extent cx="{width}" cy="{height}"/><wp:wrapNone/>'
            f'<wp:docPr id="70" name="{name}"/>{graphic}</wp:anchor></w:drawing>')


def horizontal(relative: str, offset: int | None = None, align: str = "") -> str:
    place = f"<wp:posOffset>{offset}</wp:posOffset>" if offset is not None else f"<wp:align>{align}</wp:align>"
    return f'<wp:positionH relativeFrom="{relative}">{place}</wp:positionH>'


def before_table(table, *xml: str) -> None:
    """Add drawings to the paragraph just before the procedure table, each in a run of its own."""
    paragraph = table._tbl.getprevious()
    assert paragraph.tag.endswith("}p")
    for item in xml:
        paragraph.append(parse_xml(f"<w:r {NS}>{item}</w:r>"))


def read(tmp_path: Path, *xml: str, compat: int | None = None, table_properties: str = "", cells: bool = False,
         after: bool = False):
    """The document with `xml` anchored in the paragraph before the table (after it: in a paragraph added
    after it); `compat` the document's compatibilityMode, `table_properties` added to the table's; with
    `cells`, each step's box drawn in its own cell too."""

    def draw(table):
        if after:
            paragraph = parse_xml(f"<w:p {NS}/>")
            table._tbl.addnext(paragraph)
            for item in xml:
                paragraph.append(parse_xml(f"<w:r {NS}>{item}</w:r>"))
        else:
            before_table(table, *xml)
        if table_properties:
            table._tbl.tblPr.append(parse_xml(table_properties))
        if cells:
            for index, column in enumerate(columns()):
                put(table.rows[FIRST_ROW + index].cells[2 + column], pict('<v:rect style="width:40pt;height:20pt"/>'))

    path = document(tmp_path, once(draw))
    if compat is not None:
        word = docx.Document(str(path))
        [setting] = [found for found in word.settings.element.iter(f"{{{docx.oxml.ns.nsmap['w']}}}compatSetting")
                     if found.get(f"{{{docx.oxml.ns.nsmap['w']}}}name") == "compatibilityMode"]
        setting.set(f"{{{docx.oxml.ns.nsmap['w']}}}val", str(compat))
        word.save(str(path))
    return parse_document(path)


def actors(draft) -> list[tuple[str, str]]:
    return [(s.actor, s.actor_source) for s in draft.steps]


def returns(draft) -> list[list[int]]:
    return [s.returns_to for s in draft.steps]


def warnings(draft) -> list[str]:
    return [str(w) for w in draft.warnings]


# Placed sideways -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("position", "shift"), [
    (horizontal("column", ACTORS_LEFT), 0),
    (horizontal("margin", ACTORS_LEFT - 300000), 300000),
    (horizontal("page", LEFT_MARGIN + ACTORS_LEFT), 0),
    (horizontal("leftMargin", LEFT_MARGIN + ACTORS_LEFT - 500000), 500000),
    (horizontal("rightMargin", ACTORS_LEFT - (PAGE_WIDTH - 2 * LEFT_MARGIN)), 0),
    (horizontal("margin", align="left"), ACTORS_LEFT),
    # Centred on the page: its frame as wide as it needs to be for its symbols to stand over the columns.
    (horizontal("page", align="center"), 2 * (LEFT_MARGIN + ACTORS_LEFT) - PAGE_WIDTH + ACTORS_WIDTH),
], ids=["column", "margin", "page", "left-margin", "right-margin", "margin-left-aligned", "page-centred"])
def test_a_group_anchored_before_the_table_gives_each_step_its_actor(tmp_path: Path, position: str, shift: int) -> None:
    """The whole flowchart grouped and anchored in the paragraph before the table, floated over the actor
    columns by an offset or an alignment against the column, the margin, the page or a margin area: each
    level is a step's, in order; its arrows are read too (the elbow from the decision back up to step 2)."""
    draft = read(tmp_path, group(*normal_flow(), back(4, 2), shift=shift, position_h=position))
    assert not draft.problems and not draft.warnings
    assert actors(draft) == EXPECTED
    assert returns(draft) == [[], [], [], [2], []]


def test_without_reading_outside_drawings_no_actor_is_decided(tmp_path: Path) -> None:
    """The same group in line with the text (wp:inline): it stands above the table, not over its columns,
    so it decides nothing, and says why."""
    draft = read(tmp_path, group(*normal_flow(), back(4, 2), inline=True))
    assert [p.step for p in draft.problems] == [1, 2, 3, 4, 5]
    assert returns(draft) == NONE
    [warning] = warnings(draft)
    assert "“Flowchart 7” is anchored in a paragraph outside the procedure table" in warning
    assert "in line with it" in warning


@pytest.mark.parametrize("mode", [14, 15])
def test_the_table_s_border_stands_where_word_s_version_puts_it(tmp_path: Path, mode: int) -> None:
    """Step 2's box drawn with its centre 1 mm right of the Kasubbag column's left border, step 4's diamond
    1 mm left of its right border, placed from the page. In Word 2013 and later (compatibilityMode 15) the
    table's border stands at the margin; before, the cell margin (0.19 cm) left of it. Read by the other
    rule, one of them would fall in the neighbouring column."""
    left = int(Cm(6)) - (CELL_MARGIN if mode == 14 else 0)
    moved = {2: int(COLUMN_WIDTH) + 36000, 4: 2 * int(COLUMN_WIDTH) - 36000}  # their centres in the group
    boxes = ""
    for step in range(1, len(STEPS) + 1):
        xml = symbol(step)
        if step in moved:
            xml = xml.replace(f'<a:off x="{middle_of(3) - WIDTH // 2}"', f'<a:off x="{moved[step] - WIDTH // 2}"')
            assert xml != symbol(step)
        boxes += xml
    draft = read(tmp_path, group(symbols=boxes, position_h=horizontal("page", LEFT_MARGIN + left)), compat=mode)
    assert not draft.problems and not draft.warnings
    assert actors(draft) == EXPECTED


def test_a_centred_and_indented_table_is_set_where_it_stands(tmp_path: Path) -> None:
    """The table centred on the text (w:jc center; wider than the text, it reaches into both margins): its
    left is half the difference of the widths; an indent (w:tblInd) moves a left-aligned one."""
    table_width = int(Cm(1 + 5 + 3 + 2 + 3 + 2)) + ACTORS_WIDTH
    text = PAGE_WIDTH - 2 * LEFT_MARGIN
    centred = (text - table_width) // 2 + int(Cm(6))
    draft = read(tmp_path, group(position_h=horizontal("margin", centred)),
                 table_properties=f'<w:jc {NS} w:val="center"/>')
    assert not draft.problems and not draft.warnings
    assert actors(draft) == EXPECTED
    indented = read(tmp_path, group(position_h=horizontal("margin", ACTORS_LEFT + int(Cm(2)))),
                    table_properties=f'<w:tblInd {NS} w:w="{int(Cm(2)) // EMU_PER_TWIP}" w:type="dxa"/>')
    assert actors(indented) == EXPECTED


def test_loose_shapes_anchored_before_the_table_go_down_the_rows(tmp_path: Path) -> None:
    """No group: each symbol a floating shape of its own, all anchored in the paragraph before the table
    (where the cursor stood), placed from the column and down from the paragraph."""
    from .test_import_shapes import drawing

    shapes = []
    for index, column in enumerate(columns()):
        shape = drawing("flowChartProcess", offset=ACTORS_LEFT + middle_of(2 + column) - 200000, width=400000)
        shapes.append(shape.replace('relativeFrom="paragraph"><wp:posOffset>0<',
                                    f'relativeFrom="paragraph"><wp:posOffset>{DOWN + index * ROW}<'))
    draft = read(tmp_path, *shapes)
    assert not draft.problems and not draft.warnings
    assert actors(draft) == EXPECTED


def test_a_vml_group_anchored_before_the_table_is_read(tmp_path: Path) -> None:
    """Word 2003's flowchart (nested v:group) anchored before the table, floated from the column's edge
    (margin-left) and down (margin-top): each step's actor; the decision's "Tidak" written in its Ket.
    is its return, as in a cell."""
    flowchart = vml_flowchart(margin_top=pt(DOWN)).replace(f"margin-left:{pt(int(Cm(5)))}",
                                                           f"margin-left:{pt(ACTORS_LEFT)}")

    def draw(table):
        before_table(table, pict(flowchart))
        table.rows[FIRST_ROW + 3].cells[-1].text = "Tidak: kembali ke langkah 2"

    draft = parse_document(document(tmp_path, once(draw)))
    assert not draft.problems and not draft.warnings
    assert actors(draft) == EXPECTED
    assert returns(draft) == [[], [], [], [2], []]


def test_a_group_anchored_after_the_table_and_moved_up_over_it(tmp_path: Path) -> None:
    """Anchored in the paragraph Word keeps after the table, moved up over it (a negative offset)."""
    position_v = f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{-6 * ROW}</wp:posOffset></wp:positionV>'
    draft = read(tmp_path, group(*normal_flow(), back(4, 2), position_v=position_v), after=True)
    assert not draft.problems and not draft.warnings
    assert actors(draft) == EXPECTED
    assert returns(draft) == [[], [], [], [2], []]


def test_a_title_above_the_table_is_left_alone(tmp_path: Path) -> None:
    """A text box holding the title, anchored in the same paragraph at its top (above the table), and the
    letterhead's box anchored above the identity table: no step's symbol, no warning."""
    from .test_import_shapes import drawing

    title = drawing("rect", text="BAGAN ALIR", offset=ACTORS_LEFT + middle_of(2) - 300000)

    def draw(table):
        before_table(table, group(), title)
        first = table._tbl.getparent().find(f"{{{docx.oxml.ns.nsmap['w']}}}p")
        first.append(parse_xml(f"<w:r {NS}>{drawing('rect', text='PEMKOT', offset=ACTORS_LEFT)}</w:r>"))

    draft = parse_document(document(tmp_path, once(draw)))
    assert not draft.problems and not draft.warnings
    assert actors(draft) == EXPECTED


# What cannot be placed --------------------------------------------------------------------------------


@pytest.mark.parametrize(("position", "said"), [
    (horizontal("character", ACTORS_LEFT), "the character it is anchored at"),
    (horizontal("insideMargin", ACTORS_LEFT), "the inside or outside margin"),
    (horizontal("margin", align="outside"), "the inside or outside margin"),
], ids=["character", "inside-margin", "aligned-outside"])
def test_a_group_placed_against_what_the_table_is_not_set_against_is_warned_of(tmp_path: Path, position: str,
                                                                                said: str) -> None:
    """Placed relative to the character it is anchored at, or to a margin whose side depends on the page:
    not read (every step undecided, as without it), and the drawing named with its reference."""
    draft = read(tmp_path, group(*normal_flow(), back(4, 2), position_h=position))
    assert [p.step for p in draft.problems] == [1, 2, 3, 4, 5]
    assert returns(draft) == NONE
    [warning] = warnings(draft)
    assert "the flowchart drawing “Flowchart 7” is anchored in a paragraph outside the procedure table" in warning
    assert said in warning


def test_mirrored_margins_leave_the_page_unknown_but_not_the_margin(tmp_path: Path) -> None:
    """Margins mirrored on even pages, the gutter making the inside wider: a drawing placed from the page is
    warned of (which side its page is on is Word's layout to say); one placed from the margin moves with the
    table and is read."""
    def with_gutter(tmp: Path, xml: str):
        def draw(table):
            before_table(table, xml)
            section = table._tbl.getparent().find(f"{{{docx.oxml.ns.nsmap['w']}}}sectPr")
            section.find(f"{{{docx.oxml.ns.nsmap['w']}}}pgMar").set(f"{{{docx.oxml.ns.nsmap['w']}}}gutter", "360")

        path = document(tmp, once(draw))
        word = docx.Document(str(path))
        word.settings.element.append(parse_xml(f"<w:mirrorMargins {NS}/>"))
        word.save(str(path))
        return parse_document(path)

    gutter_emu = 360 * EMU_PER_TWIP
    page = with_gutter(tmp_path, group(position_h=horizontal("page", LEFT_MARGIN + gutter_emu + ACTORS_LEFT)))
    assert [p.step for p in page.problems] == [1, 2, 3, 4, 5]
    [warning] = warnings(page)
    assert "mirrored" in warning
    margin = with_gutter(tmp_path, group(position_h=horizontal("margin", ACTORS_LEFT)))
    assert not margin.warnings
    assert actors(margin) == EXPECTED


def test_a_floating_table_cannot_be_set_against(tmp_path: Path) -> None:
    """The procedure table itself floats (w:tblpPr, text wrapped around it): where its columns stand is not
    known, so the drawing is warned of and not read."""
    draft = read(tmp_path, group(), table_properties=f'<w:tblpPr {NS} w:tblpX="500" w:tblpY="200"/>')
    assert [p.step for p in draft.problems] == [1, 2, 3, 4, 5]
    [warning] = warnings(draft)
    assert "“Flowchart 7”" in warning and "the table floats over the page" in warning


def test_a_symbol_beside_the_table_is_warned_of_and_the_others_read(tmp_path: Path) -> None:
    """Step 5's Selesai drawn left of the table's border (in the margin): named in a warning, not read; the
    other steps' symbols are, and step 5 is left to decide."""
    boxes = "".join(symbol(step) for step in range(1, len(STEPS)))
    outside = symbol(len(STEPS)).replace(f'<a:off x="{middle_of(2 + columns()[-1]) - WIDTH // 2}"',
                                         f'<a:off x="{-ACTORS_LEFT - 600000}"')
    draft = read(tmp_path, group(symbols=boxes + outside))
    assert actors(draft)[:4] == EXPECTED[:4]
    assert [p.step for p in draft.problems] == [5]
    [warning] = warnings(draft)
    assert "the flowchart symbol “⬭” of the drawing “Flowchart 7”" in warning
    assert "beside the table's columns" in warning


def test_a_drawing_whose_rows_are_all_taken_is_warned_of(tmp_path: Path) -> None:
    """Every step's box drawn in its own cell, and a group anchored before the table besides (a copy of the
    flowchart, a legend): its symbols find no step row free; they are not read, and it is named."""
    draft = read(tmp_path, group(), cells=True)
    assert not draft.problems
    assert actors(draft) == EXPECTED
    [warning] = warnings(draft)
    assert "“Flowchart 7”" in warning and "every step row already holds a symbol" in warning


def test_loose_shapes_placed_down_from_the_paragraph_and_from_the_page_are_warned_of(tmp_path: Path) -> None:
    """Two loose symbols in the paragraph before the table, one placed down from the paragraph, the other
    from the page: which stands above which cannot be told, so neither is read; both are named."""
    from .test_import_shapes import drawing

    first = drawing("flowChartProcess", offset=ACTORS_LEFT + middle_of(2) - 200000, width=400000).replace(
        'relativeFrom="paragraph"><wp:posOffset>0<', f'relativeFrom="paragraph"><wp:posOffset>{DOWN}<').replace(
        'name="Shape"', 'name="Box 1"')
    second = drawing("flowChartProcess", offset=ACTORS_LEFT + middle_of(3) - 200000, width=400000).replace(
        'relativeFrom="paragraph"><wp:posOffset>0<', f'relativeFrom="page"><wp:posOffset>{5 * DOWN}<').replace(
        'name="Shape"', 'name="Box 2"')
    draft = read(tmp_path, first, second)
    assert [p.step for p in draft.problems] == [1, 2, 3, 4, 5]
    found = warnings(draft)
    assert len(found) == 2
    assert "“Box 1”" in found[0] and "“Box 2”" in found[1]
    assert all("the paragraph for some and the page for others" in warning for warning in found)


def test_a_drawing_beside_a_table_nested_in_a_layout_table_is_warned_of(tmp_path: Path) -> None:
    """The procedure table inside a cell of a layout table, the group anchored in the cell's paragraph
    before it: the table's place is the outer cell's, which Word's layout decides; the group is named."""

    def draw(table):
        outer = parse_xml(f'<w:tbl {NS}><w:tblPr/><w:tblGrid><w:gridCol w:w="15000"/></w:tblGrid>'
                          '<w:tr><w:tc><w:tcPr/><w:p/></w:tc></w:tr></w:tbl>')
        table._tbl.addprevious(outer)
        cell = outer.find(f"{{{docx.oxml.ns.nsmap['w']}}}tr/{{{docx.oxml.ns.nsmap['w']}}}tc")
        cell.append(table._tbl)
        cell.append(parse_xml(f"<w:p {NS}/>"))  # a cell ends with a paragraph
        cell.find(f"{{{docx.oxml.ns.nsmap['w']}}}p").append(parse_xml(f"<w:r {NS}>{group()}</w:r>"))

    draft = parse_document(document(tmp_path, once(draw)))
    assert [p.step for p in draft.problems] == [1, 2, 3, 4, 5]
    [warning] = warnings(draft)
    assert "“Flowchart 7”" in warning and "in a cell of another table" in warning


class UploadTestCase(KinerjaTestCase):
    """The upload page reads a flowchart anchored before the table: the preview shows the steps' actors from
    its symbols; one that cannot be placed is named above the steps, in Indonesian."""

    def upload(self, xml: str, name: str):
        import tempfile

        folder = Path(tempfile.mkdtemp())
        path = document(folder, once(lambda table: before_table(table, xml)), name=name)
        self.client.force_login(self.subsection_head)
        response = self.client.post("/sop/upload/", {"document": SimpleUploadedFile(path.name, path.read_bytes())})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        return self.client.get(response["Location"])

    def test_a_flowchart_anchored_before_the_table_is_previewed_as_drawn(self) -> None:
        preview = self.upload(group(*normal_flow(), back(4, 2)), "sop-bagan.docx")
        self.assertEqual([(form.initial.get("actor"), problems) for form, problems in preview.context["rows"]],
                         [(actor, []) for _a, _w, actor in STEPS])
        self.assertNotContains(preview, "ditambatkan pada paragraf di luar tabel prosedur")

    def test_a_flowchart_placed_from_its_character_is_named_above_the_steps(self) -> None:
        preview = self.upload(group(position_h=horizontal("character", ACTORS_LEFT)), "sop-karakter.docx")
        self.assertContains(preview, '<div class="sop-check" role="note"><strong>Periksa:</strong> sop-karakter.docx: '
                                     "gambar bagan alir “Flowchart 7” ditambatkan pada paragraf di luar tabel prosedur",
                            count=1)


def test_a_symbol_about_at_the_table_s_top_leaves_the_drawing_unread(tmp_path: Path) -> None:
    """The group placed so high that the Mulai terminator's middle falls 1 mm above the table's estimated top: it may be
    above the table or in its first row. Left out, every level below would move up a step row (step 2's
    box read as step 1's): the drawing is named instead, and decides nothing."""
    from kinerja.sop.importers import shapes

    styles = docx.Document().styles.element
    size, spacing = shapes._defaults(styles)
    top = int(shapes._paragraph_height(parse_xml(f"<w:p {NS}/>"), PAGE_WIDTH - 2 * LEFT_MARGIN, size, spacing, styles))
    middle = TOP + 300000 // 2  # Mulai's middle in the group
    position_v = (f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{top - 36000 - middle}</wp:posOffset>'
                  "</wp:positionV>")
    draft = read(tmp_path, group(position_v=position_v))
    assert [p.step for p in draft.problems] == [1, 2, 3, 4, 5]
    [warning] = warnings(draft)
    assert "“Flowchart 7”" in warning and "its symbol “⬭” stands about at the table's edge" in warning


@pytest.mark.parametrize("relative", ["text", "page", "margin"])
def test_a_vml_group_placed_from_the_page_or_the_margin(tmp_path: Path, relative: str) -> None:
    """VML names its references its own way (mso-position-horizontal-relative: text, margin, page)."""
    left = ACTORS_LEFT + (LEFT_MARGIN if relative == "page" else 0)
    flowchart = vml_flowchart(margin_top=pt(DOWN)).replace(
        f"margin-left:{pt(int(Cm(5)))}", f"margin-left:{pt(left)};mso-position-horizontal-relative:{relative}")
    draft = read(tmp_path, pict(flowchart))
    assert not draft.problems and not draft.warnings
    assert actors(draft) == EXPECTED
