"""Errors a user can fix. str(e) says what and where, translated; the fields let the API answer."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class KinerjaError(Exception):
    """A problem the user can fix; str(e) says what and where, translated."""


class NotAllowed(KinerjaError):
    """The user may not do this (a view answers 403)."""


class BadImportRow(KinerjaError):
    def __init__(self, path: Path | str, row: int, field: str, problem: str) -> None:
        self.path, self.row, self.field, self.problem = Path(path), row, field, problem
        super().__init__(_("%(file)s, row %(row)d, column %(field)s: %(problem)s") % {
            "file": self.path.name, "row": row, "field": field, "problem": problem})


class BadCell(BadImportRow):
    """A bad value at a row and column of one sheet of a workbook (no sheet for a CSV file): the spreadsheet
    importers' (performance data, organisation) errors."""

    def __init__(self, path: Path, sheet: str, row: int, field: str, problem: str) -> None:
        super().__init__(path, row, field, problem)
        self.sheet = sheet
        if sheet:
            self.args = (_("%(file)s, sheet %(sheet)s, row %(row)d, column %(field)s: %(problem)s") % {
                "file": self.path.name, "sheet": sheet, "row": row, "field": field, "problem": problem},)


class ImportFailed(KinerjaError):
    """The file has bad rows; nothing was saved. `errors` lists every one."""

    def __init__(self, path: Path, errors: list[BadImportRow]) -> None:
        self.path, self.errors = path, errors
        head = ngettext("%(file)s: %(count)d problem, nothing was imported:",
                        "%(file)s: %(count)d problems, nothing was imported:", len(errors)) % {
            "file": path.name, "count": len(errors)}
        super().__init__("\n".join([head, *(f"  {e}" for e in errors)]))
