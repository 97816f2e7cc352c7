"""The labels on a decision's arrows ("Ya" / "Tidak", "Sesuai" / "Tidak sesuai" …) decide which arrow is the
"Tidak" (importers/shapes.py sets each label against the nearest arrow, table.decide_arrows reads them).

The group flowcharts are those of test_import_arrows.py: five steps (Sekretaris, Kasubbag, JFU, Kasubbag,
Kepala Dinas), step 4 the Kasubbag's decision, whose texts name nobody and send nothing back, so only the
drawing can give a return. A label is a text box beside its arrow, as Word users draw them, or the text of
the table cell beside the decision.

The loose drawings (each symbol in its actor's cell, arrows anchored in a cell, rows without heights) are
built here: their rows are as high as Word makes them for their text, one line per paragraph (`height`),
and an arrow pointing down into rows below ends where Word would draw it."""

from __future__ import annotations

from itertools import count
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx.shared import Cm

from kinerja.sop.importers import parse_document
from tests.base import KinerjaTestCase

from .test_import_arrows import NONE, back, box, down, flowchart, line, normal_flow, read, returns, symbol, vml_chart
from .test_import_shape_groups import pict, vshape
from .test_import_shapes import NS, STEPS, put

pytestmark = pytest.mark.usefixtures("english")


def label(text: str, x: float, y: float, width: int = 300000, height: int = 150000) -> str:
    """A text box with `text` whose top left is at (x, y) in the group, as a label beside an arrow."""
    return (f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="{round(x)}" y="{round(y)}"/>'
            f'<a:ext cx="{width}" cy="{height}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            '<a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r>'
            f'<w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>')


def left_label(text: str, step: int = 4) -> str:
    """A label left of step's diamond, just above where the arrow back up leaves it (its left corner)."""
    left, top, _r, bottom = box(step)
    return label(text, left - 320000, (top + bottom) / 2 - 170000)


def below_label(text: str, step: int = 4) -> str:
    """A label under step's diamond, just right of the arrow down to the next step."""
    left, _t, right, bottom = box(step)
    return label(text, (left + right) / 2 + 30000, bottom + 20000)


def right_label(text: str, step: int = 4) -> str:
    """A label right of step's diamond, above the arrow to the Selesai beside it."""
    _l, top, right, bottom = box(step)
    return label(text, right + 20000, (top + bottom) / 2 - 170000)


def selesai_beside(step: int = 4) -> list[str]:
    """A Selesai terminator right of step's diamond, level with it, and an arrow from the diamond's right
    corner to it: the decision's "Tidak" (or "Ya") ending the procedure."""
    _l, top, right, bottom = box(step)
    x = right + 400000
    terminator = (f'<wps:wsp><wps:cNvPr id="30" name="Selesai"/><wps:cNvSpPr/><wps:spPr><a:xfrm>'
                  f'<a:off x="{x}" y="{top}"/><a:ext cx="400000" cy="{bottom - top}"/></a:xfrm>'
                  '<a:prstGeom prst="flowChartTerminator"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx>'
                  '<w:txbxContent><w:p><w:r><w:t>Selesai</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
                  '<wps:bodyPr/></wps:wsp>')
    return [terminator, line(right, (top + bottom) / 2, x, (top + bottom) / 2)]


def warnings(draft) -> list[tuple[int | None, str]]:
    return [(w.step, w.problem) for w in draft.warnings]


def test_labels_agreeing_with_the_drawing_read_as_without_and_warn_of_nothing(tmp_path: Path) -> None:
    """"Tidak" by the arrow back up to step 2, "Ya" by the one down to step 5: the return, as the drawing
    alone gives it; no warning. The answers may be written as the question's words too."""
    for no, yes in (("Tidak", "Ya"), ("T", "Y"), ("Tidak Sesuai", "Sesuai"), ("Belum lengkap", "Lengkap"),
                    ("Salah", "Benar"), ("Tidak setuju", "Setuju")):
        draft = read(tmp_path, flowchart(*normal_flow(), back(4, 2), left_label(no), below_label(yes)))
        assert not draft.problems, no
        assert (returns(draft), warnings(draft)) == ([[], [], [], [2], []], []), no
        assert [s.actor_source for s in draft.steps] == ["symbol"] * len(STEPS)  # no label is a symbol


def test_without_labels_the_drawing_decides_as_before(tmp_path: Path) -> None:
    """No label, or a label farther than 1 cm from any arrow, or one halfway between two: the drawing
    alone decides (the arrow back up is the "Tidak"), with no warning."""
    left, top, right, bottom = box(4)
    far = label("Ya", left - 1200000, top - 700000)  # in the empty margin, far from both arrows
    for extra in ([], [far]):
        draft = read(tmp_path, flowchart(*normal_flow(), back(4, 2), *extra))
        assert (returns(draft), warnings(draft)) == ([[], [], [], [2], []], [])
    # Step 2 a decision with "Ya" written on its diamond, as near (within 1 mm) to its arrow back up to
    # step 1 (leaving its top) as to its arrow down to step 3 (leaving its bottom): the label is no one's.
    symbols = "".join(symbol(step, "flowChartDecision" if step == 2 else "flowChartProcess" if step == 4 else "")
                      for step in range(1, len(STEPS) + 1))
    l1, _t1, r1, b1 = box(1)
    l2, t2, r2, b2 = box(2)
    l3, t3, r3, _b3 = box(3)
    up = line((l2 + r2) / 2, t2, (l1 + r1) / 2, b1)
    on = line((l2 + r2) / 2, b2, (l3 + r3) / 2, t3)
    between = label("Ya", (l2 + r2) / 2 - 150000, (t2 + b2) / 2 - 75000 - 10000)
    draft = read(tmp_path, flowchart(*[down(s) for s in (3, 4)], up, on, between, symbols=symbols))
    assert (returns(draft), warnings(draft)) == ([[], [1], [], [], []], [])
    # Moved clearly nearer the arrow back up, it is that arrow's: the "Ya" there is no return.
    nearer = label("Ya", (l2 + r2) / 2 - 150000, t2 - 160000)
    draft = read(tmp_path, flowchart(*[down(s) for s in (3, 4)], up, on, nearer, symbols=symbols))
    assert returns(draft) == NONE
    assert [step for step, _w in warnings(draft)] == [2]


def test_the_labels_decide_where_the_drawing_would_read_the_ya_as_the_return(tmp_path: Path) -> None:
    """The decision's "Tidak" goes to a Selesai beside it (the request refused), its "Ya" back up to
    step 2. From the drawing alone both would be the "Tidak" (the end and a return); the labels say the
    way back is the "Ya": it is no return (a decision's "Ya" goes on to the next step), which the preview
    warns of, naming the step."""
    plain = read(tmp_path, flowchart(*normal_flow(), back(4, 2), *selesai_beside()))
    assert (plain.steps[3].ends_if_not, returns(plain), warnings(plain)) == (True, [[], [], [], [2], []], [])
    draft = read(tmp_path, flowchart(*normal_flow(), back(4, 2), *selesai_beside(), left_label("Ya"),
                                     right_label("Tidak")))
    assert not draft.problems
    assert draft.steps[3].actor == "Kasubbag"
    assert (draft.steps[3].ends_if_not, returns(draft)) == (True, NONE)
    assert warnings(draft) == [(4, "the flowchart marks “Ya” on the arrow to step 2, where the drawing alone would "
                                   "read the “Tidak”: read as the “Ya”, which goes on to the next step; check where "
                                   "the work goes")]


def test_a_ya_to_the_selesai_beside_the_decision_does_not_end_the_procedure_on_tidak(tmp_path: Path) -> None:
    """"Tidak" back up to step 2, "Ya" to the Selesai beside the diamond: the return stands; the Selesai
    is no end of the "Tidak" (the drawing alone would make it one), and the preview says so."""
    draft = read(tmp_path, flowchart(*normal_flow(), back(4, 2), *selesai_beside(), left_label("Tidak"),
                                     right_label("Ya")))
    assert (draft.steps[3].ends_if_not, returns(draft)) == (False, [[], [], [], [2], []])
    assert [step for step, _w in warnings(draft)] == [4]
    assert "“Ya” on the arrow to Selesai" in warnings(draft)[0][1]


def test_a_question_asked_the_other_way_round_keeps_its_return_with_a_warning(tmp_path: Path) -> None:
    """"Ya" on the arrow back up to step 2 ("Ada perbaikan?"), "Tidak" on the way on to step 5: the steps
    can only hold the way back on "Tidak", so the return is read, and the preview warns that the labels
    say the opposite."""
    draft = read(tmp_path, flowchart(*normal_flow(), back(4, 2), left_label("Ya"), below_label("Tidak")))
    assert not draft.problems
    assert returns(draft) == [[], [], [], [2], []]
    assert warnings(draft) == [(4, "the flowchart marks “Ya” on the arrow to step 2 and “Tidak” on the way on to the "
                                   "next step: read as going to step 2 on “Tidak”, as a decision goes on to the next "
                                   "step on “Ya”; check the question of this step")]


def test_labels_against_the_words_leave_the_words_and_warn(tmp_path: Path) -> None:
    """The Ket. says "Tidak: kembali ke langkah 2" while the drawing marks "Tidak" on the way on to step 5 and
    "Ya" on the arrow back to step 2: the words win, and the preview names the step and the labels."""
    draft = read(tmp_path, flowchart(*normal_flow(), back(4, 2), left_label("Ya"), below_label("Tidak")),
                 {4: "Tidak: kembali ke langkah 2"})
    assert not draft.problems
    assert returns(draft) == [[], [], [], [2], []]
    assert [(w.step, w.value, w.problem) for w in draft.warnings] == [
        (4, "Tidak → step 5, Ya → step 2",
         "the labels on the flowchart's arrows say otherwise than the words of this step: the words are taken")]
    # Labels that agree with the words say nothing.
    agreed = read(tmp_path, flowchart(*normal_flow(), back(4, 2), left_label("Tidak"), below_label("Ya")),
                  {4: "Tidak: kembali ke langkah 2"})
    assert (returns(agreed), warnings(agreed)) == ([[], [], [], [2], []], [])


def test_labels_of_a_word_2003_drawing(tmp_path: Path) -> None:
    """The VML flowchart of test_import_arrows (a v:group, 1000 a column and a step): a v:line from the
    diamond's left up to step 2's box, a v:rect "Ya" or "Tidak" by where it leaves the diamond."""
    up = '<v:line from="1200,3500" to="1190,1500" style="position:absolute"><v:stroke endarrow="classic"/></v:line>'
    no = read(tmp_path, pict(vml_chart(up, vshape("rect", 900, 3250, 250, 200, text="Tidak"))))
    assert (returns(no), warnings(no)) == ([[], [], [], [2], []], [])
    assert [s.actor_source for s in no.steps] == ["symbol"] * len(STEPS)
    yes = read(tmp_path, pict(vml_chart(up, vshape("rect", 900, 3250, 250, 200, text="Ya"))))
    assert (returns(yes), [step for step, _w in warnings(yes)]) == (NONE, [4])


def test_labels_against_words_ending_the_procedure_add_nothing(tmp_path: Path) -> None:
    """The Ket. says "Tidak: proses selesai"; the arrow back up to step 2 is marked "Tidak": the words
    win (the "Tidak" ends the procedure), the arrow adds no return, and the preview says so. Unmarked, the
    arrow is a return beside the end, as before."""
    marked = read(tmp_path, flowchart(*normal_flow(), back(4, 2), left_label("Tidak")), {4: "Tidak: proses selesai"})
    assert (marked.steps[3].ends_if_not, returns(marked)) == (True, NONE)
    assert [(w.step, w.value) for w in marked.warnings] == [(4, "Tidak → step 2")]
    plain = read(tmp_path, flowchart(*normal_flow(), back(4, 2)), {4: "Tidak: proses selesai"})
    assert (plain.steps[3].ends_if_not, returns(plain), plain.warnings) == (True, [[], [], [], [2], []], [])


def test_a_question_in_a_diamond_is_the_step_s_symbol_not_a_label(tmp_path: Path) -> None:
    """A diamond whose text is "Sesuai?" is the decision, not a label "Sesuai"."""
    symbols = "".join(symbol(step) for step in range(1, len(STEPS) + 1)).replace(
        'prst="flowChartDecision"><a:avLst/></a:prstGeom></wps:spPr>',
        'prst="flowChartDecision"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r>'
        '<w:t>Sesuai?</w:t></w:r></w:p></w:txbxContent></wps:txbx>')
    assert "Sesuai?" in symbols
    draft = read(tmp_path, flowchart(*normal_flow(), back(4, 2), symbols=symbols))
    assert [s.actor_source for s in draft.steps] == ["symbol"] * len(STEPS)
    assert returns(draft) == [[], [], [], [2], []]


# Loose shapes in the cells, rows without heights ---------------------------------------------------------

IDS = count(500)

ACTORS = ["Sekretaris", "Kasubbag", "JFU", "Kepala Dinas"]
COLUMN = int(Cm(2.5))  # each Pelaksana column
SIZE = (400000, 250000)  # each symbol's width and height
TOP = 20000  # each symbol's top below its paragraph's
# How Word lays out the default template's text (Calibri 11 pt, line spacing 1.15, 10 pt after each
# paragraph): a line about 15.4 pt, and each paragraph 10 pt more.
LINE, AFTER = 15.4 * 12700, 10 * 12700


def shape(preset: str, *, left: int, top: int, width: int, height: int, text: str = "", extra: str = "",
          flips: str = "") -> str:
    """A floating DrawingML shape placed (left, top) EMU from its cell's column and paragraph."""
    body = f"<wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>" if text else ""
    return (f'<w:drawing {NS}><wp:anchor behindDoc="0" layoutInCell="1" simplePos="0" relativeHeight="1" locked="0" '
            f'allowOverlap="1" distT="0" distB="0" distL="0" distR="0"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="column"><wp:posOffset>{left}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{top}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{width}" cy="{height}"/><wp:wrapNone/><wp:docPr id="{next(IDS)}" name="s"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm{flips}><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/>'
            f'</a:xfrm><a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom>{extra}</wps:spPr>{body}<wps:bodyPr/>'
            '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>')


def arrow(x0: int, y0: float, x1: int, y1: float) -> str:
    """A loose straight arrow from (x0, y0) to (x1, y1), EMU from its cell's column and paragraph."""
    flips = (' flipH="1"' if x1 < x0 else "") + (' flipV="1"' if y1 < y0 else "")
    return shape("straightConnector1", left=min(x0, x1), top=round(min(y0, y1)), width=abs(x1 - x0) or 10,
                 height=round(abs(y1 - y0)) or 10, extra='<a:ln w="9525"><a:tailEnd type="triangle"/></a:ln>', flips=flips)


def sop(tmp_path: Path, steps: list[tuple[str, list[str]]], draw, name: str = "loose.docx") -> Path:
    """An SOP AP in Word: for each step its actor and the paragraphs of its text; its actor's cell holds
    its symbol (loose, TOP below the paragraph, centred in the column; the first and last a terminator, a
    step whose text asks "?" a decision); no row gives its height. draw(table, rows) adds the rest,
    rows[i] being step i + 1's row."""
    doc = docx.Document()
    doc.add_paragraph("DINAS KOPERASI DAN UKM")
    identity = doc.add_table(rows=0, cols=2)
    for key, value in [("NOMOR SOP", "800/7/SOP/2025"), ("TANGGAL PEMBUATAN", "9 Januari 2023"),
                       ("TANGGAL EFEKTIF", "2 Januari 2025"), ("NAMA SOP", "PELAYANAN PERMOHONAN DATA")]:
        cells = identity.add_row().cells
        cells[0].text, cells[1].text = key, value
    doc.add_paragraph("")
    table = doc.add_table(rows=2 + len(steps), cols=2 + len(ACTORS) + 4)
    table.autofit = False
    header, sub = table.rows[0].cells, table.rows[1].cells
    header[0].text, header[1].text = "No.", "Uraian Prosedur"
    header[2].merge(header[1 + len(ACTORS)]).text = "Pelaksana"
    header[2 + len(ACTORS)].merge(header[4 + len(ACTORS)]).text = "Mutu Baku"
    header[-1].text = "Ket"
    for i, actor in enumerate(ACTORS):
        sub[2 + i].text = actor
    for i, key in enumerate(["Kelengkapan", "Waktu", "Output"]):
        sub[2 + len(ACTORS) + i].text = key
    widths = [Cm(1), Cm(5)] + [COLUMN] * len(ACTORS) + [Cm(3), Cm(2), Cm(3), Cm(2)]
    for i, width in enumerate(widths):
        table.columns[i].width = width
        table._tbl.tblGrid.gridCol_lst[i].w = width
    rows = list(table.rows)[2:]
    for number, ((actor, paragraphs), row) in enumerate(zip(steps, rows, strict=True), start=1):
        cells = row.cells
        cells[0].text, cells[1].text = str(number), paragraphs[0]
        for more in paragraphs[1:]:
            cells[1].add_paragraph(more)
        cells[2 + len(ACTORS)].text, cells[3 + len(ACTORS)].text, cells[4 + len(ACTORS)].text = "berkas", "1 Hari", "hasil"
        preset = ("flowChartTerminator" if number in (1, len(steps)) else
                  "flowChartDecision" if paragraphs[0].endswith("?") else "flowChartProcess")
        put(cells[2 + ACTORS.index(actor)], shape(preset, left=(COLUMN - SIZE[0]) // 2, top=TOP, width=SIZE[0],
                                                 height=SIZE[1]))
    draw(table, rows)
    path = tmp_path / name
    doc.save(str(path))
    return path


def height(paragraphs: int) -> float:
    """A row's height as Word draws it: its text's paragraphs (each one line) in the Uraian cell."""
    return paragraphs * (LINE + AFTER)


# A request for data: the Kasubbag checks it (step 2, a decision), the JFU prepares it, the Kasubbag checks
# it and signs the letter; Kepala Dinas is told. Steps 4 and 5 both stand in the Kasubbag column. Each
# paragraph is short enough to take one line.
CHECK = [("Sekretaris", ["Menerima permohonan"]),
         ("Kasubbag", ["Berkas lengkap?", "Memeriksa berkas", "permohonan data"]),
         ("JFU", ["Menyiapkan data", "yang diminta", "dari arsip", "dan aplikasi"]),
         ("Kasubbag", ["Memeriksa data", "dan menyusun", "surat pengantar"]),
         ("Kasubbag", ["Menandatangani", "surat pengantar"]),
         ("Kepala Dinas", ["Mengetahui"])]
# The same with steps 4 and 5 one line each: their boxes nearly fill their rows.
SHORT = [*CHECK[:3], ("Kasubbag", ["Memeriksa data"]), ("Kasubbag", ["Menandatangani"]), CHECK[5]]


def branch_down(steps: list[tuple[str, list[str]]], lower: float = 0.0):
    """The decision's "Tidak" drawn as a loose arrow anchored in its cell, from the diamond's bottom
    straight down to the middle of step 4's box (past step 3), where Word draws it (the rows as high as
    their text: `height`); `lower` moves its end that many EMU further down."""
    def draw(table, rows):
        centre = COLUMN // 2
        end = height(len(steps[1][1])) + height(len(steps[2][1])) + TOP + SIZE[1] / 2 + lower
        put(rows[1].cells[2 + ACTORS.index("Kasubbag")], arrow(centre, TOP + SIZE[1], centre, end))
    return draw


def test_a_loose_arrow_down_into_rows_of_unknown_height_is_placed_by_their_text(tmp_path: Path) -> None:
    """The rows give no height. Below the decision's row, steps 4 and 5 both have a symbol where the arrow
    ends across, so it could reach either: the heights of rows 2 and 3, estimated from their text as Word
    lays it out, put its end in step 4's box: the decision's "Tidak" skips step 3."""
    draft = parse_document(sop(tmp_path, CHECK, branch_down(CHECK)))
    assert not draft.problems
    assert [s.actor for s in draft.steps] == [actor for actor, _p in CHECK]
    assert [s.branch_to for s in draft.steps] == [None, 4, None, None, None, None]
    assert draft.warnings == []


def test_a_loose_arrow_down_whose_end_could_be_in_two_rows_is_a_warning(tmp_path: Path) -> None:
    """Steps 4 and 5 one line each, the arrow ending just under step 4's box: within what the estimate of
    the rows above may be off by, step 5's box could be its end too. It is not read, and the preview names
    the step."""
    draft = parse_document(sop(tmp_path, SHORT, branch_down(SHORT, SIZE[1] / 2 + 20000)))
    assert not draft.problems
    assert [s.branch_to for s in draft.steps] == [None] * len(SHORT)
    assert [(w.step, w.problem) for w in draft.warnings] == [(2, (
        "an arrow of this step ends in a row where more than one symbol could be its end (the table gives no row "
        "heights): it is not read; check where the work goes from here"))]


def test_a_loose_arrow_down_to_the_one_symbol_below_needs_no_estimate(tmp_path: Path) -> None:
    """Only step 3's box stands where an arrow from step 1 down and right ends across: it is that box,
    wherever the rows' heights put it."""
    def draw(table, rows):
        put(rows[0].cells[2], arrow(COLUMN // 2, TOP + SIZE[1], 2 * COLUMN + COLUMN // 2,
                                   height(1) + height(3) + TOP))
    draft = parse_document(sop(tmp_path, CHECK, draw))
    assert (not draft.problems, draft.warnings, [s.returns_to for s in draft.steps]) == (True, [], [[]] * len(CHECK))
    assert [s.branch_to for s in draft.steps] == [None] * len(CHECK)  # from a terminator: says nothing


def test_a_loose_line_ending_far_above_the_one_symbol_below_is_no_arrow(tmp_path: Path) -> None:
    """An arrow from the diamond ending in step 3's row, in the Kepala Dinas column, where only step 6's
    symbol stands, rows below: even at half the estimated heights the rows put that symbol far lower. It
    is a stray line, not the decision's "Tidak" skipping to step 6."""
    def draw(table, rows):
        put(rows[1].cells[2 + ACTORS.index("Kasubbag")],
            arrow(COLUMN // 2, TOP + SIZE[1], 2 * COLUMN + COLUMN // 2, height(3) + 20 * 12700))
    draft = parse_document(sop(tmp_path, CHECK, draw))
    assert ([s.branch_to for s in draft.steps], draft.warnings) == ([None] * len(CHECK), [])


def typed(cell, text: str) -> None:  # type: ignore[no-untyped-def]
    cell.text = text


def labelled_decision(left: str, below: str, write):  # type: ignore[no-untyped-def]
    """The drawing of the cell-label tests: the arrow leaving the Kasubbag's diamond (step 2) by its left
    corner goes back up to step 1, the one leaving its bottom on to step 3; `write(cell, text)` puts
    `left` in the cell left of the diamond and `below` in the cell under it."""
    def draw(table, rows):  # type: ignore[no-untyped-def]
        kasubbag = 2 + ACTORS.index("Kasubbag")
        diamond_left, middle = (COLUMN - SIZE[0]) // 2, TOP + SIZE[1] // 2
        # Back up: from the diamond's left corner, left into the Sekretaris column, up to step 1's box.
        put(rows[1].cells[kasubbag], arrow(diamond_left, middle, diamond_left - COLUMN // 2,
                                           -height(1) + TOP + SIZE[1] // 2))
        # On: from the diamond's bottom, down right to step 3's box (JFU).
        put(rows[1].cells[kasubbag], arrow(COLUMN // 2, TOP + SIZE[1], COLUMN + COLUMN // 2,
                                           height(3) + TOP + SIZE[1] // 2))
        write(rows[1].cells[kasubbag - 1], left)
        write(rows[2].cells[kasubbag], below)
    return draw


def test_labels_written_in_the_cells_beside_the_decision(tmp_path: Path) -> None:
    """No text boxes: "Tidak" typed in the Pelaksana cell left of the diamond, "Ya" in the cell under it.
    The arrow leaving the diamond's left corner goes back up to step 1; the one leaving its bottom on
    to step 3. Agreeing with the drawing, they say nothing; swapped, the question is asked the other way
    round and the preview says so."""
    def drawn(left: str, below: str):
        return labelled_decision(left, below, typed)

    plain = parse_document(sop(tmp_path, CHECK, drawn("", "")))
    assert ([s.returns_to for s in plain.steps], plain.warnings) == ([[], [1], [], [], [], []], [])
    agreeing = parse_document(sop(tmp_path, CHECK, drawn("Tidak", "Ya")))
    assert not agreeing.problems
    assert [s.actor for s in agreeing.steps] == [actor for actor, _p in CHECK]
    assert ([s.returns_to for s in agreeing.steps], agreeing.warnings) == ([[], [1], [], [], [], []], [])
    swapped = parse_document(sop(tmp_path, CHECK, drawn("Ya", "Tidak")))
    assert [s.returns_to for s in swapped.steps] == [[], [1], [], [], [], []]
    assert [w.step for w in swapped.warnings] == [2]
    assert "“Ya” on the arrow to step 1 and “Tidak” on the way on" in swapped.warnings[0].problem


def inserted(cell, text: str) -> None:  # type: ignore[no-untyped-def]
    """`text` typed into the empty cell with Track Changes on: a run inside a tracked insertion (w:ins)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    cell.paragraphs[0]._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="{next(IDS)}" w:author="Kasubbag" w:date="2025-01-02T00:00:00Z">'
        f"<w:r><w:t>{text}</w:t></w:r></w:ins>"))


def test_labels_typed_in_the_cells_with_track_changes_on(tmp_path: Path) -> None:
    """The cells' "Ya" and "Tidak" of the test above, added to a revised SOP with Track Changes on: read as
    Word shows them, so swapped they still warn that the question is asked the other way round."""
    def drawn(left: str, below: str):
        return labelled_decision(left, below, inserted)

    agreeing = parse_document(sop(tmp_path, CHECK, drawn("Tidak", "Ya")))
    assert ([s.returns_to for s in agreeing.steps], agreeing.warnings) == ([[], [1], [], [], [], []], [])
    swapped = parse_document(sop(tmp_path, CHECK, drawn("Ya", "Tidak")))
    assert [s.returns_to for s in swapped.steps] == [[], [1], [], [], [], []]
    assert [w.step for w in swapped.warnings] == [2]
    assert "“Ya” on the arrow to step 1 and “Tidak” on the way on" in swapped.warnings[0].problem


class PreviewTestCase(KinerjaTestCase):
    """The upload preview shows each warning beside its step, in Indonesian; saving is not stopped."""

    def test_the_preview_shows_the_warnings_beside_their_step(self) -> None:
        import tempfile

        from kinerja.sop.models import SopVersion

        folder = Path(tempfile.mkdtemp())
        path = sop(folder, SHORT, branch_down(SHORT, SIZE[1] / 2 + 20000), name="sop-permohonan-data.docx")
        self.client.force_login(self.subsection_head)
        response = self.client.post("/sop/upload/", {"document": SimpleUploadedFile(path.name, path.read_bytes())})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        preview = self.client.get(response["Location"])
        self.assertContains(preview, '<div class="sop-check"><strong>Periksa:</strong> sop-permohonan-data.docx, '
                                     "langkah 2, kolom Pelaksana: sebuah panah dari langkah ini berujung di baris",
                            count=1, html=False)
        data = {}
        for form, _problems in preview.context["rows"]:
            for name in form.fields:
                value = form.initial.get(name, "")
                data[f"{form.prefix}-{name}"] = "" if value is None else str(value)
        response = self.client.post(response["Location"], {**data, "save": ""})
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.assertEqual(SopVersion.objects.get().steps.count(), len(SHORT))

    def test_the_cli_prints_the_warnings_on_stderr_and_keeps_json_clean(self) -> None:
        import json
        import tempfile
        from io import StringIO

        from django.core.management import call_command

        folder = Path(tempfile.mkdtemp())
        path = sop(folder, SHORT, branch_down(SHORT, SIZE[1] / 2 + 20000), name="sop-permohonan-data.docx")
        out, err = StringIO(), StringIO()
        call_command("sop", "import", str(path), "--dry-run", "--json", "--office", self.office.code, stdout=out,
                     stderr=err)
        self.assertEqual(len(json.loads(out.getvalue())["steps"]), len(SHORT))
        self.assertIn("Check: sop-permohonan-data.docx, step 2, column Pelaksana: an arrow of this step ends in a row",
                      err.getvalue())
