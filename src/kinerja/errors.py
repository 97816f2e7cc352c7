"""Errors a user can fix. str(e) says what and where, translated; the fields let the API answer."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _


class KinerjaError(Exception):
    """A problem the user can fix; str(e) says what and where, translated."""


class NotAllowed(KinerjaError):
    """The user may not do this (a view answers 403)."""


class BadImportRow(KinerjaError):
    def __init__(self, path: Path | str, row: int, field: str, problem: str) -> None:
        self.path, self.row, self.field, self.problem = Path(path), row, field, problem
        super().__init__(_("%(file)s, row %(row)d, column %(field)s: %(problem)s") % {
            "file": self.path.name, "row": row, "field": field, "problem": problem})
