"""The uploaded SOP document waiting between its preview and its save (PENDING), and, for a document
holding several SOPs (a workbook, one per sheet; a Word, text or PDF file, one after another), what
became of each: saved from this upload, already stored from this sheet (or SOP) of these very bytes,
another version of an SOP kinerja holds, or new (the same few queries for any number of sheets). The
administrator imports such a document one SOP at a time from a single upload; the file is forgotten
once every SOP is saved, when they say they are done, or when PENDING's day runs out.

Which sheets were saved is kept in the session beside PENDING's own record of the upload, not in a
table: it means nothing once the pending file is gone, and goes with it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.models import OuterRef, Subquery

from kinerja.org.models import Office
from kinerja.uploads import PendingUploads

from .actions import SHEET_LENGTH, find_sops, same_source
from .importers import ListedSop, document_sops
from .models import SopVersion

PENDING = PendingUploads("sop-pending", "sop_uploads", "sop")
SAVED_KEY = "sop_uploads_saved"  # {token: {sheet: pk of the version saved from it}}


@dataclass(frozen=True)
class SheetState:
    listed: ListedSop
    saved: SopVersion | None  # the version saved from this sheet in this upload
    stored: SopVersion | None  # the latest version kinerja holds of the same SOP (find_sop), if any
    # The version stored from this very sheet of these very bytes (this workbook, an earlier upload), if any.
    from_file: SopVersion | None = None

    @property
    def same_file(self) -> bool:
        return self.from_file is not None

    @property
    def done(self) -> bool:
        """Nothing is left to save: saving it again would be refused as already imported."""
        return self.saved is not None or self.same_file


@dataclass(frozen=True)
class PendingWorkbook:
    token: str
    name: str  # the file's name as uploaded
    sheets: list[SheetState]

    @property
    def in_sheets(self) -> bool:
        """Whether its SOPs are a workbook's sheets (else a Word, text or PDF document's, one after another)."""
        return not any(s.listed.place for s in self.sheets)

    @property
    def saved_count(self) -> int:
        return sum(1 for s in self.sheets if s.saved is not None)

    @property
    def left(self) -> list[SheetState]:
        return [s for s in self.sheets if not s.done]

    def state(self, sheet: str) -> SheetState | None:
        return next((s for s in self.sheets if s.listed.sheet == sheet), None)

    def next_after_version(self, version_pk: int) -> SheetState | None:
        """The SOP to check after the one saved as that version."""
        return self.next_after(next((s.listed.sheet for s in self.sheets if s.saved and s.saved.pk == version_pk),
                                    None))

    def next_after(self, sheet: str | None) -> SheetState | None:
        """The first SOP not yet saved after `sheet`, in the workbook's order, from the start again at the end."""
        at = next((i for i, s in enumerate(self.sheets) if s.listed.sheet == sheet), -1)
        following = self.sheets[at + 1:] + self.sheets[:at + 1]
        return next((s for s in following if not s.done), None)


def saved_sheets(request: Any, token: str) -> dict[str, int]:
    """The sheets of the upload `token` saved so far, each with the pk of its version."""
    return dict(request.session.get(SAVED_KEY, {}).get(token, {}))


def pending_workbook(request: Any, token: str, office: Office) -> PendingWorkbook | None:
    """The upload `token` of this session when it is a workbook holding several SOPs and still kept; None
    for a single SOP's document, another session's token, or an upload forgotten or expired."""
    path = PENDING.path(request, token)
    listed = document_sops(path) if path is not None else []
    if path is None or not listed:
        return None
    saved_pks = saved_sheets(request, token)
    saved = {v.pk: v for v in SopVersion.objects.filter(pk__in=saved_pks.values(), sop__office=office)}
    sha256 = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    # Three queries for any number of sheets: their SOPs, the latest version of each, those from this file.
    found = find_sops(office, listed)
    sop_ids = {s.pk for s in found if s is not None}
    newest = SopVersion.objects.filter(sop=OuterRef("sop")).order_by("-version").values("version")[:1]
    latest = {v.sop_id: v for v in SopVersion.objects.filter(sop__in=sop_ids, version=Subquery(newest))}
    from_file = list(SopVersion.objects.filter(sop__in=sop_ids, source_sha256=sha256).order_by("version"))
    sheets = []
    for sop, of in zip(listed, found, strict=True):
        here = None if of is None else next(
            (v for v in from_file if v.sop_id == of.pk and same_source(v, sha256, sop.sheet[:SHEET_LENGTH])), None)
        sheets.append(SheetState(listed=sop, saved=saved.get(saved_pks.get(sop.sheet, 0)),
                                 stored=latest.get(of.pk) if of is not None else None, from_file=here))
    return PendingWorkbook(token=token, name=PENDING.name(request, token) or path.name, sheets=sheets)


def record_saved(request: Any, token: str, sheet: str | None, version: SopVersion,
                 office: Office) -> PendingWorkbook | None:
    """After the SOP of `sheet` is saved as `version`: the workbook, still kept while some of its SOPs are
    not saved; None once the upload is forgotten (every SOP saved, or a document of one SOP)."""
    if sheet is not None:
        # Only uploads this session still keeps: the record of one forgotten or expired goes.
        kept = request.session.get(PENDING.session_key, {})
        records = {t: sheets for t, sheets in request.session.get(SAVED_KEY, {}).items() if t in kept}
        records[token] = {**records.get(token, {}), sheet: version.pk}
        request.session[SAVED_KEY] = records
        workbook = pending_workbook(request, token, office)
        if workbook is not None and workbook.left:
            return workbook
    forget(request, token)
    return None


def forget(request: Any, token: str) -> int:
    """Forget the upload (the user is done with it, or discards it): its file and which SOPs were saved
    from it. Returns how many were."""
    records = dict(request.session.get(SAVED_KEY, {}))
    saved = records.pop(token, {})
    request.session[SAVED_KEY] = records
    PENDING.forget(request, token)
    return len(saved)
