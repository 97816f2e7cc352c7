"""SOP AP documents (text, DOCX, XLSX, PDF with a text layer) to a `SopDraft`.

`read_document` is what the CLI, the upload page and the demo call; `parse_document` is the same
reading that keeps the step problems the user can settle in the web preview instead of raising.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from django.utils.translation import gettext as _

from . import readers
from .draft import DrawnArrow, DrawnNote, ListedSop, SeveralSops, SopDraft, SopImportError, StepDraft
from .table import (
    COLUMN_NO,
    chosen_sop,
    continues_table,
    find_table,
    identity_first,
    names_sop,
    procedure_table,
    read_grid,
    read_header,
    sop_sections,
    unheaded_table,
)
from .values import NORMAL_DAY_MINUTES

__all__ = ["ListedSop", "SeveralSops", "SopDraft", "SopImportError", "StepDraft", "document_sops", "is_workbook",
           "list_sops", "parse_document", "read_document", "resolve_choice", "workbook_sops"]


def _sheet_sop(path: Path, title: str, grid: list[list[str]]) -> ListedSop:
    """The SOP whose procedure table a sheet holds, its name and number "" when its own rows print none."""
    grid = identity_first(grid)
    start = find_table(grid)
    try:
        header = read_header(path, grid[:start]) if start is not None else None
    except SopImportError:
        header = None
    return ListedSop(title, header.name, header.number) if header is not None else ListedSop(title, "", "")


def _joined(grids: list[list[list[str]]], titles: list[str],
            drawings: list[tuple[list[DrawnArrow], list[DrawnNote]]] | None = None,
            parts: list[list[str]] | None = None) -> list[list[list[str]]]:
    """The workbook's grids with each sheet that continues the procedure table of the sheet before it
    (continues_table: "Hal 2", its header repeated, its steps going on) joined to that one, as a Word
    table running over two pages is one table. `titles` and `drawings` lose the joined sheets' entries
    (their arrows and notes go with their rows); `parts` gets the titles of the sheets of each grid."""
    joined: list[list[list[str]]] = []
    keep: list[int] = []
    for i, grid in enumerate(grids):
        if joined and continues_table(grid, joined[-1]):
            joined[-1] = joined[-1] + [[]] + grid
            if parts is not None:
                parts[-1].append(titles[i])
            if drawings is not None:
                last = keep[-1]
                drawings[last] = (drawings[last][0] + drawings[i][0], drawings[last][1] + drawings[i][1])
            continue
        joined.append(grid)
        keep.append(i)
        if parts is not None:
            parts.append([titles[i]])
    titles[:] = [titles[i] for i in keep]
    if drawings is not None:
        drawings[:] = [drawings[i] for i in keep]
    return joined


def _unheaded_before(path: Path, sheets: _Sheets, problem: SopImportError) -> SopImportError | None:
    """Of a workbook with no procedure table, or whose procedure table seems to start past step 1 (`problem`: step
    1 missing), the sheet (before it) whose table of steps 1, 2 … goes unread for want of a "No." heading (the
    office headed the numbers' column on "Hal 2" only): that sheet's problem, which says so. None when no sheet
    holds such a table."""
    titles = list(sheets.grids)
    if sheets.table and problem.step == 1 and problem.column == COLUMN_NO:
        before = titles[:titles.index(sheets.table[0])]
        then = _("and the table on sheet “%(table)s” starts at step %(first)s") % {
            "table": sheets.table[0], "first": problem.value}
    elif not sheets.table:
        before, then = titles, _("and the workbook holds no other")
    else:
        return None
    for title in before:
        if (heading := unheaded_table(sheets.grids[title])) is not None:
            return SopImportError(path, None, COLUMN_NO, heading, _(
                "this sheet holds a table of steps 1, 2 … whose step numbers' column has no heading “No.”, so it is "
                "not read as the procedure table, %(then)s: head that column “No.”") % {"then": then},
                sheets=[title])
    return None


class _Sheets(NamedTuple):
    """Where the rows of a workbook's SOP come from, to name the sheet a problem stands in: the sheets of its
    procedure table (several when it runs over "Hal 2"), those of its identity block when it stands on a sheet
    of its own, and each visible sheet's grid by its name."""

    table: list[str]
    identity: list[str]
    grids: dict[str, list[list[str]]]

    def of(self, problem: SopImportError) -> list[str]:
        """The sheets `problem` stands in: the first of the SOP's sheets holding its value (a cell of that text,
        else one containing it), else the table's sheets for a step's problem, else all the SOP's sheets."""
        ours = self.table + self.identity or list(self.grids)
        needle = (problem.value or "").rstrip("…").strip()
        if needle:
            for found in (lambda cell: cell.strip() == needle, lambda cell: needle in cell):
                holding = [t for t in ours if any(found(c) for row in self.grids.get(t, []) for c in row)]
                if holding:
                    return holding[:1]
        return self.table if problem.step is not None and self.table else ours


def _xlsx_grid(path: Path, sheet: str | None) -> tuple[list[list[str]], list[DrawnArrow], list[DrawnNote], _Sheets]:
    """The grid of the workbook's SOP, its flowchart's arrows and notes, and the sheets its rows come from: the
    sheet holding the procedure table, or the chosen `sheet` when several do (SeveralSops without a choice)."""
    drawings: list[tuple[list[DrawnArrow], list[DrawnNote]]] = []
    titles: list[str] = []
    parts: list[list[str]] = []
    grids = readers.xlsx_grids(path, drawings, titles)
    every = dict(zip(titles, grids, strict=True))
    grids = _joined(grids, titles, drawings, parts)
    tables = [i for i, g in enumerate(grids) if procedure_table(g) is not None]
    if sheet is not None:
        chosen = next((i for i in tables if titles[i] == sheet), None)
        if chosen is None:
            raise SopImportError(path, None, None, sheet, _(
                "the workbook has no sheet of that name holding a procedure table (its SOP sheets: %(sheets)s)")
                % {"sheets": ", ".join(f"“{titles[i]}”" for i in tables) or "-"})
        at: int | None = chosen
    elif len(tables) > 1:
        raise SeveralSops(path, _sops_of(path, grids, titles))
    else:
        at = tables[0] if tables else None
    grid = grids[at] if at is not None else grids[0] if grids else []
    arrows, notes = drawings[at or 0] if grids else ([], [])  # the flowchart drawn on that sheet
    sheets = _Sheets(parts[at] if at is not None else [], [], every)
    if at is not None and not names_sop((first := identity_first(grid))[:find_table(first)]):
        # The identity block on a sheet of its own ("Identitas", a cover) before the procedure's sheet, or when
        # none before names the SOP, after it (the flow's sheet first).
        before = [i for i in range(at) if i not in tables]
        after = [i for i in range(at + 1, len(grids)) if i not in tables]
        used = after if not names_sop(_rows_of(grids, before)) and names_sop(_rows_of(grids, after)) else before
        grid = _rows_of(grids, used) + grid
        sheets.identity.extend(title for i in used if any(c.strip() for row in grids[i] for c in row)
                               for title in parts[i])
    return grid, arrows, notes, sheets


def _rows_of(grids: list[list[list[str]]], chosen: list[int]) -> list[list[str]]:
    return [row for i in chosen for row in grids[i]]


def _sops_of(path: Path, grids: list[list[list[str]]], titles: list[str]) -> list[ListedSop]:
    """The SOP of each grid holding a procedure table."""
    return [_sheet_sop(path, titles[i], g) for i, g in enumerate(grids) if procedure_table(g) is not None]


def list_sops(path: Path) -> list[tuple[str, str]]:
    """The SOPs a document holds, as (what chooses it, SOP name); [] for a document of one SOP. See
    document_sops."""
    return [(s.sheet, s.name) for s in document_sops(path)]


def is_workbook(path: Path) -> bool:
    """Whether the file is an Excel workbook (its SOPs are chosen by sheet)."""
    try:
        with Path(path).open("rb") as f:
            return readers.kind_of(Path(path), f.read(8)) == "xlsx"
    except OSError:
        return False


def document_sops(path: Path) -> list[ListedSop]:
    """The SOPs a document holds when it holds several: a workbook's, one per sheet (workbook_sops); a Word,
    text or PDF document's, one after another, each chosen by its Nama SOP (ListedSop.place its place).
    [] for a document of one SOP, or one that cannot be read (reading it says why)."""
    try:
        listed = _every_sop(Path(path))
    except (OSError, SopImportError):
        return []
    return listed if len(listed) > 1 else []


def _every_sop(path: Path) -> list[ListedSop]:
    """Every SOP of the document, even a single one (see document_sops); raises what reading it raises."""
    readers.check_size(path)
    with path.open("rb") as f:
        kind = readers.kind_of(path, f.read(8))
    if kind == "legacy":
        return []
    if kind in {"docx", "xlsx"}:
        readers.check_archive(path)
    if kind == "xlsx":
        titles: list[str] = []
        return _sops_of(path, _joined(readers.xlsx_grids(path, None, titles), titles), titles)
    grid = (readers.text_grid(path) if kind == "txt" else readers.pdf_grid(path) if kind == "pdf"
            else readers.docx_grid(path)[0])
    return [ListedSop(s.name, s.name, s.number, place)
            for place, s in enumerate(sop_sections(path, identity_first(grid)), start=1)]


def resolve_choice(path: Path, choice: str) -> str | None:
    """What chooses the SOP `choice` names (its sheet's name, place, Nomor SOP or Nama SOP: table.chosen_sop)
    among the document's: of a workbook the sheet's name, of another document the Nama SOP; None when the
    document holds only that SOP. SopImportError when it names none, listing them."""
    path = Path(path)
    listed = _every_sop(path)
    found = chosen_sop(path, listed, choice)
    return found.sheet if len(listed) > 1 else None


def workbook_sops(path: Path) -> list[ListedSop]:
    """The SOPs a workbook holds, one per sheet with a procedure table; [] for a document of one SOP (a
    workbook with one, or any other format). Reads the sheets' cells only (not their drawings, nor the
    SOP itself): the preview of a chosen sheet asks for it on every request."""
    path = Path(path)
    try:
        readers.check_size(path)
        with path.open("rb") as f:
            if readers.kind_of(path, f.read(8)) != "xlsx":
                return []
        readers.check_archive(path)
        titles: list[str] = []
        sops = _sops_of(path, _joined(readers.xlsx_grids(path, None, titles), titles), titles)
    except (OSError, SopImportError):
        return []
    return sops if len(sops) > 1 else []


def parse_document(path: Path, *, actor_overrides: dict[int, str] | None = None,
                   aliases: dict[str, list[str]] | None = None, sheet: str | None = None,
                   day_minutes: int | None = None) -> SopDraft:
    """`sheet`: of a document holding several SOPs, the one to read (SeveralSops without it): of a workbook
    its sheet's name; of a Word, text or PDF document its Nama SOP, Nomor SOP or place ("2"). `day_minutes`: the
    office's normal working day (table.read_grid)."""
    return _read(Path(path), sheet, actor_overrides, aliases, day_minutes)


def _read(path: Path, sheet: str | None, actor_overrides: dict[int, str] | None,
          aliases: dict[str, list[str]] | None, day_minutes: int | None = None) -> SopDraft:
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
        grid, arrows, notes = readers.docx_grid(path)
    else:
        readers.check_archive(path)
        grid, arrows, notes, sheets = _xlsx_grid(path, sheet)
        # Every problem of a workbook names the sheet it stands in, beside the file.
        try:
            draft = read_grid(path, grid, actor_overrides=actor_overrides, aliases=aliases, arrows=arrows,
                              notes=notes, day_minutes=day_minutes or NORMAL_DAY_MINUTES)
        except SeveralSops:
            raise
        except SopImportError as e:
            raise (_unheaded_before(path, sheets, e) or e.in_sheets(sheets.of(e))) from None
        draft.sheets = tuple(sheets.table)
        draft.problems = [p.in_sheets(sheets.of(p)) for p in draft.problems]
        draft.warnings = [w.in_sheets(sheets.of(w)) for w in draft.warnings]
        return draft
    # A PDF breaks a cell's text into lines where the page's layout wraps it: no list of the author's.
    return read_grid(path, grid, actor_overrides=actor_overrides, aliases=aliases, arrows=arrows, notes=notes,
                     line_breaks=kind != "pdf", sop=sheet, day_minutes=day_minutes or NORMAL_DAY_MINUTES)


def read_document(path: Path, *, actor_overrides: dict[int, str] | None = None,
                  aliases: dict[str, list[str]] | None = None, sheet: str | None = None,
                  day_minutes: int | None = None) -> SopDraft:
    """The SOP in the document at `path`, or SopImportError naming file, step, column and value."""
    draft = parse_document(path, actor_overrides=actor_overrides, aliases=aliases, sheet=sheet,
                           day_minutes=day_minutes)
    if draft.problems:
        raise draft.problems[0]
    return draft
