"""What a step must hand over when it is completed by hand on the case page.

Most steps' output is whatever the performer writes or attaches, possibly nothing. A disposition is not: the
step whose output is a disposition ("Menerima surat dari Kepala Dinas dan menyampaikan kepada Kasubbag", output
"disposisi" in the seed SOP) sends the letter on with the disposition sheet's content, to whom and what to do
(correspondence: the sheet filled in when the letter is registered completes the step with "Disposisi kepada
…: …"). Done by hand, for a case started from a letter typed in as text, an empty "Selesai" recorded no
disposition at all: the next performer would act on nothing. It needs the content as a note, or the scanned
sheet as a file.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from kinerja.sop.models import Step

_DISPOSITION_RE = re.compile(r"\bdisposisi\b", re.IGNORECASE)


def is_disposition(step: Step) -> bool:
    """Whether the step's output, as the SOP writes it, is a disposition ("disposisi", "lembar disposisi")."""
    return bool(_DISPOSITION_RE.search(step.output or ""))


def missing_output(step: Step, note: str, file_count: int) -> str | None:
    """Why completing `step` with `note` and `file_count` files hands over no output it must have, else None."""
    if is_disposition(step) and not note.strip() and not file_count:
        return _("Write the disposition: to whom the letter goes and what they are to do (e.g. Kepada Kasubbag: "
                 "tindak lanjuti, koordinasikan dengan bidang-bidang), or attach the scanned disposition sheet.")
    return None
