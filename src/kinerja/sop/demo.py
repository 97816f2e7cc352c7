"""Demo SOPs: the customer's "Pengumpulan Data Kinerja" (the seed shipped in samples/) imported into the
demo office, its actors Sekretaris, Kasubbag, JFU and Kadis linked to the demo positions through their
short titles and aliases. Idempotent: an SOP already stored is left alone.

The seed's text names no return, yet its steps 4 and 5 are checks that send work back when it is not
right (DESIGN.md). The demo stores it as the office would after correcting the return targets in the
upload preview: the Kasubbag returns the gathered data to the JFU (4 → 3) and the Sekretaris the draft
to the Kasubbag (5 → 4)."""

from __future__ import annotations

from pathlib import Path

from kinerja.org.models import Office

from . import actions
from .importers import read_document
from .models import SopVersion

SAMPLES = Path(__file__).resolve().parent / "samples"
SEED = SAMPLES / "sop-pengumpulan-data-kinerja.txt"
# The office's corrections in the upload preview: step number → steps it returns to.
RETURNS = {SEED.name: {4: [3], 5: [4]}}


def load(office: Office) -> list[SopVersion]:
    """Import each sample SOP the office does not have yet; returns the versions created."""
    created = []
    for path in sorted(SAMPLES.glob("*.txt")):
        draft = read_document(path, aliases=actions.office_aliases(office))
        if actions.find_sop(office, draft) is None:
            for step in draft.steps:
                step.returns_to = RETURNS.get(path.name, {}).get(step.number, step.returns_to)
            created.append(actions.store_draft(draft, office=office, user=None, source=path))
    return created
