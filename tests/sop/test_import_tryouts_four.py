"""The fourth round of documents a new user brings (tests/sop/tryouts_four.py), read as that user would bring them:
parsed, on the upload page (preview, then save) and on the command line (the harness in tests/sop/tryout_rounds.py).
The Kenaikan Pangkat workbook's steps each take two rows, their number merged down over both ("1.", "1)" or "a.") or
the activity wrapped onto the second, and each step's actor is marked only by a filled cell in either row: its PDF
and the Uji Berkala's Word table (its Mutu Baku in another order, a Waktu "Sesuai kebutuhan") and its PDF are marked
the same way; the Domisili text copy marks its actors by "Ya" typed in their column."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.sop.importers.draft import SopDraft
from tests.base import KinerjaTestCase

from .tryout_rounds import TryoutRound, TryoutRoundImportMixin
from .tryouts_four import KIR_TIME, TRYOUT_FOUR, write_kir

pytestmark = pytest.mark.usefixtures("english")

# The one problem of the Uji Berkala: its step 5's Waktu "Sesuai kebutuhan", naming file, step, column and value.
KIR_PROBLEM = ("sop-uji-berkala.docx, step 5, column Waktu: sets no standard time (the step takes as long as it "
               "needs): type the longest time the step may take, such as 1 hari, so that its due date can be set "
               "(value: “Sesuai kebutuhan”)")


def _marked_by_symbols(draft: SopDraft, key: str) -> None:
    assert all(s.actor_source == "symbol" for s in draft.steps)
    if key == "kp-a.":
        assert [s.display_number for s in draft.steps] == list("abcdefg")


ROUND_FOUR = TryoutRound(
    documents=TRYOUT_FOUR, needs_soffice=("kir-pdf",),
    problems={"kir": KIR_PROBLEM, "kir-solid": KIR_PROBLEM, "kir-pdf": KIR_PROBLEM.replace(".docx,", ".pdf, page 1,")},
    user_time=KIR_TIME, form_time=("1", "day"), refused=write_kir, refusal=(KIR_PROBLEM,),
    extra_checks=(_marked_by_symbols,))


@pytest.mark.parametrize("key", sorted(TRYOUT_FOUR))
def test_it_reads_each_document_as_written(tmp_path: Path, key: str) -> None:
    ROUND_FOUR.check_document(tmp_path, key)


class TryoutFourImportTestCase(TryoutRoundImportMixin, KinerjaTestCase):
    """The same documents through the upload page and `kinerja sop import`."""

    tryouts = ROUND_FOUR
