"""Demo SOPs: the customer's "Pengumpulan Data Kinerja" (the seed shipped in samples/) imported into the
demo office, its actors Sekretaris, Kasubbag, JFU and Kadis linked to the demo positions through their
short titles and aliases. Idempotent: an SOP already stored is left alone."""

from __future__ import annotations

from pathlib import Path

from kinerja.org.models import Office

from . import actions
from .importers import read_document
from .models import SopVersion

SAMPLES = Path(__file__).resolve().parent / "samples"
SEED = SAMPLES / "sop-pengumpulan-data-kinerja.txt"


def load(office: Office) -> list[SopVersion]:
    """Import each sample SOP the office does not have yet; returns the versions created."""
    created = []
    for path in sorted(SAMPLES.glob("*.txt")):
        draft = read_document(path, aliases=actions.office_aliases(office))
        if actions.find_sop(office, draft) is None:
            created.append(actions.import_sop(path, office=office, user=None))
    return created
