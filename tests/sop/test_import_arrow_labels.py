"""The labels on a decision's arrows ("Ya" / "Tidak", "Sesuai" / "Tidak sesuai" …) decide which arrow is the
"Tidak" (importers/shapes.py sets each label against the nearest arrow, table.decide_arrows reads them).

The group flowcharts are those of test_import_arrows.py: five steps (Sekretaris, Kasubbag, JFU, Kasubbag,
Kepala Dinas), step 4 the Kasubbag's decision, whose texts name nobody and send nothing back, so only the
drawing can give a return. A label is a text box beside its arrow, as Word users draw them."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_import_arrows import NONE, back, box, down, flowchart, line, normal_flow, read, returns, symbol
from .test_import_shapes import STEPS

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
