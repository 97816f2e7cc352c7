"""SOP AP documents (text, DOCX, XLSX, PDF with a text layer) to a `SopDraft`.

`read_document` is what the CLI, the upload page and the demo call; `parse_document` is the same
reading that keeps the step problems the user can settle in the web preview instead of raising.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from . import readers
from .draft import DrawnArrow, DrawnNote, SopDraft, SopImportError, StepDraft
from .table import find_table, names_sop, read_grid

__all__ = ["SopDraft", "SopImportError", "StepDraft", "parse_document", "read_document"]


def parse_document(path: Path, *, actor_overrides: dict[int, str] | None = None,
                   aliases: dict[str, list[str]] | None = None) -> SopDraft:
    path = Path(path)
    try:
        readers.check_size(path)
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as e:
        raise SopImportError(path, None, None, None, _("the file cannot be read: %(error)s")
                             % {"error": e.strerror or type(e).__name__}) from None
    kind = readers.kind_of(path, head)
    arrows: list[DrawnArrow] = []
    notes: list[DrawnNote] = []
    if kind == "legacy":
        raise SopImportError(path, None, None, None, _(
            "old Word/Excel files (.doc, .xls) are not supported: save the document as DOCX or XLSX"))
    if kind == "txt":
        grid = readers.text_grid(path)
    elif kind == "pdf":
        grid = readers.pdf_grid(path)
    elif kind == "docx":
        readers.check_archive(path)
        grid, arrows = readers.docx_grid(path)
    else:
        readers.check_archive(path)
        drawings: list[tuple[list[DrawnArrow], list[DrawnNote]]] = []
        grids = readers.xlsx_grids(path, drawings)
        at = next((i for i, g in enumerate(grids) if find_table(g) is not None), None)
        grid = grids[at] if at is not None else grids[0] if grids else []
        if grids:
            # The flowchart drawn on that sheet (xlsx_shapes.py): its arrows and notes name the grid's rows.
            arrows, notes = drawings[at or 0]
        if at and not names_sop(grid[:find_table(grid)]):
            # The identity block on a sheet of its own ("Identitas", a cover) before the procedure's sheet.
            grid = [row for g in grids[:at] for row in g] + grid
    return read_grid(path, grid, actor_overrides=actor_overrides, aliases=aliases, arrows=arrows, notes=notes)


def read_document(path: Path, *, actor_overrides: dict[int, str] | None = None,
                  aliases: dict[str, list[str]] | None = None) -> SopDraft:
    """The SOP in the document at `path`, or SopImportError naming file, step, column and value."""
    draft = parse_document(path, actor_overrides=actor_overrides, aliases=aliases)
    if draft.problems:
        raise draft.problems[0]
    return draft
