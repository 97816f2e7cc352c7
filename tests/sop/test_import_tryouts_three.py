"""The third round of documents a new user brings (tests/sop/tryouts_three.py), read as that user would bring them:
parsed, on the upload page (preview, then save) and on the command line (the harness in tests/sop/tryout_rounds.py).
The Word documents' PDFs are LibreOffice's export, as an office's "Save as PDF" prints them: a row Word let break
across the page (a Waktu "30" above its "menit"), the header repeated on each page."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.sop.importers import parse_document
from kinerja.sop.importers.draft import SopDraft
from tests.base import KinerjaTestCase

from .tryout_rounds import TryoutRound, TryoutRoundImportMixin
from .tryouts_three import IUM, IUM_LEGENDS, IUM_NOTE, TRYOUT_THREE, WARIS_TIME, write_ium, write_waris

pytestmark = pytest.mark.usefixtures("english")


def _nothing_of_the_legend(draft: SopDraft, _key: str) -> None:
    """Nothing of the legend, the note under it or the page's repeated header is taken for a step's text."""
    texts = " ".join(f"{s.activity} {s.inputs} {s.output}" for s in draft.steps)
    assert "Keterangan" not in texts and "Pelaksana" not in texts and IUM_NOTE[:20] not in texts


# The Ahli Waris's last Waktu is "-": the one problem, naming file, step, column and value.
WARIS_PROBLEM = (f"sop-ahli-waris.txt, step {WARIS_TIME[0]}, column Waktu: the standard time is missing: "
                 "write it, such as 15 menit, 2 jam or 1 hari (value: “-”)")
ROUND_THREE = TryoutRound(
    documents=TRYOUT_THREE, needs_soffice=("ium-pdf", "legalisir-pdf"), problems={"waris": WARIS_PROBLEM},
    user_time=WARIS_TIME, form_time=("15", "minute"), refused=write_waris,
    refusal=("sop-ahli-waris.txt, step 7, column Waktu", "“-”"), extra_checks=(_nothing_of_the_legend,))


@pytest.mark.parametrize("key", sorted(TRYOUT_THREE))
def test_it_reads_each_document_as_written(tmp_path: Path, key: str) -> None:
    ROUND_THREE.check_document(tmp_path, key)


@pytest.mark.parametrize("legend", IUM_LEGENDS)
def test_each_way_of_writing_the_legend_spells_the_actor_columns_out(tmp_path: Path, legend: str) -> None:
    """Dot leaders ("Kasi .......... Kepala Seksi …") were not read: the actors stayed "Ptgs", "Kasi"."""
    draft = parse_document(write_ium(tmp_path, legend=legend))
    assert draft.actors == IUM.actors
    assert [s.actor for s in draft.steps] == IUM.step_actors


class TryoutThreeImportTestCase(TryoutRoundImportMixin, KinerjaTestCase):
    """The same documents through the upload page and `kinerja sop import`."""

    tryouts = ROUND_THREE
