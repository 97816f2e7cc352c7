"""What an importer understood of an SOP document, before anything is stored.

Every reader (text, DOCX, XLSX) yields the same `SopDraft`, so the three renditions of one SOP can be
compared field by field, and the action that stores a draft never looks at the file format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from django.utils.translation import gettext as _

from kinerja.errors import KinerjaError


class MergedCell(str):
    """A cell of a range merged over several rows (a Mutu Baku value drawn once beside several steps), as the
    Word, Excel and PDF readers hand it over: its own text is the range's text in its first row and "" in the rows
    it continues into (as every reader writes a merged cell once), `text` the range's text in each, `key` one
    object per range. Being a str, every reading that ignores merges sees the grid as before."""

    text: str
    key: object

    def __new__(cls, own: str, text: str = "", key: object = None) -> MergedCell:
        cell = super().__new__(cls, own)
        cell.text, cell.key = text, key
        return cell

    def __reduce__(self) -> tuple[type[MergedCell], tuple[str, str, object]]:
        return MergedCell, (str(self), self.text, self.key)  # copied or pickled with its range


class SopImportError(KinerjaError):
    """A document the importer cannot take as it is. The message names the file, the step (when the
    problem sits in one), the column as the document writes it, and the offending value."""

    def __init__(self, path: Path | str, step: int | None, column: str | None, value: str | None,
                 problem: str, *, label: str = "", choosable: bool = False, heading: str = "",
                 sheets: Sequence[str] = (), pages: Sequence[int] = (), expected_form: bool = False) -> None:
        self.path, self.step, self.column, self.problem = Path(path), step, column, problem
        # Of a workbook, the sheet (or the sheets of a table running over several) the problem stands in.
        self.sheets = tuple(sheets)
        self.sheet = ", ".join(self.sheets)
        # Of a PDF, the page(s) the step or row stands on (two for a step the page broke).
        self.pages = tuple(sorted(set(pages)))
        # The document is not in the SOP AP form at all: the upload page shows where kinerja offers an example.
        self.expected_form = expected_form
        # The column's heading as the document writes it ("Keterangan", "Waktu (menit)"), named in the message;
        # `column` stays the importer's name of the column ("Ket", "Waktu"), which the code compares.
        self.heading = heading
        # The user may settle it by choosing the value (an undecided actor): the upload preview offers the
        # choice in the step's row, the command line names its option (cli.py adds it to the message).
        self.choosable = choosable
        self.label = label  # the step as the document numbers it ("3.1") when that is not its number
        self.value = value if value is None or len(value) <= 80 else value[:77] + "…"
        where = [self.path.name]
        if len(self.sheets) == 1:
            where.append(_("sheet “%(sheet)s”") % {"sheet": self.sheets[0]})
        elif self.sheets:
            where.append(_("sheets %(sheets)s") % {"sheets": ", ".join(f"“{s}”" for s in self.sheets)})
        if len(self.pages) == 1:
            where.append(_("page %(page)d") % {"page": self.pages[0]})
        elif self.pages:
            where.append(_("pages %(pages)s") % {"pages": ", ".join(str(n) for n in self.pages)})
        if label:
            where.append(_("step %(label)s") % {"label": label})
        elif step is not None:
            where.append(_("step %(step)d") % {"step": step})
        if column:
            where.append(_("column %(column)s") % {"column": heading or column})
        message = ", ".join(where) + ": " + problem
        if self.value is not None:
            message += " " + _("(value: “%(value)s”)") % {"value": self.value}
        super().__init__(message)

    def as_dict(self) -> dict[str, Any]:
        return {"detail": str(self), "file": self.path.name, "sheet": self.sheet or None, "step": self.step,
                "step_label": self.label or None,
                "column": self.heading or self.column, "value": self.value,
                **({"pages": list(self.pages)} if self.pages else {})}

    def headed(self, headings: dict[str, str]) -> SopImportError:
        """The same problem naming its column by the heading the document gives it (`headings`: the importer's
        column names to the document's headings); itself when the document heads it so, or has no such column."""
        heading = headings.get(self.column or "", "")
        if self.heading or not heading or heading == self.column:
            return self
        return SopImportError(self.path, self.step, self.column, self.value, self.problem, label=self.label,
                              choosable=self.choosable, heading=heading, sheets=self.sheets, pages=self.pages,
                              expected_form=self.expected_form)

    def in_sheets(self, sheets: Sequence[str]) -> SopImportError:
        """The same problem naming the workbook's sheets it stands in; itself when it names them already (or
        when `sheets` is empty: not a workbook)."""
        if self.sheets or not sheets:
            return self
        return SopImportError(self.path, self.step, self.column, self.value, self.problem, label=self.label,
                              choosable=self.choosable, heading=self.heading, sheets=sheets, pages=self.pages,
                              expected_form=self.expected_form)

    def on_pages(self, pages: Sequence[int]) -> SopImportError:
        """The same problem naming the PDF's pages it stands on; itself when it names them already (or when
        `pages` is empty: no PDF, or no step or row of one)."""
        if self.pages or not pages or type(self) is not SopImportError:
            return self
        return SopImportError(self.path, self.step, self.column, self.value, self.problem, label=self.label,
                              choosable=self.choosable, heading=self.heading, sheets=self.sheets, pages=pages,
                              expected_form=self.expected_form)


class ListedSop(NamedTuple):
    """One SOP of a document holding several: `sheet`, what chooses it (of a workbook, its sheet's name; of a
    Word, text or PDF document, its Nama SOP), and the Nama SOP and Nomor SOP its own rows print ("" where
    they print none). `place`: 0 for a workbook's sheet, else its place in the document (1 for the first)."""
    sheet: str
    name: str
    number: str
    place: int = 0


class SeveralSops(SopImportError):
    """A document holding several SOPs and no choice of one: a workbook with a procedure table on each of
    several sheets, or a Word, text or PDF document with several, each under its own Nama SOP. `listed`
    names them; `sops` as (sheet name, SOP name) pairs (of a document, the SOP name twice)."""

    def __init__(self, path: Path, listed: list[ListedSop]) -> None:
        self.listed = listed
        self.sops = [(s.sheet, s.name) for s in listed]
        self.in_sheets = not any(s.place for s in listed)
        if self.in_sheets:
            names = "; ".join(f"“{s.sheet}”" + (f" ({s.name})" if s.name else "") for s in listed)
            problem = _("the workbook holds %(count)d SOPs, one per sheet: %(sops)s; choose the sheet of the one to "
                        "import") % {"count": len(listed), "sops": names}
        else:
            names = "; ".join(f"{s.place}. “{s.name}”" + (f" ({s.number})" if s.number else "") for s in listed)
            problem = _("the document holds %(count)d SOPs, each with its Nama SOP and procedure table: %(sops)s; "
                        "choose the one to import") % {"count": len(listed), "sops": names}
        super().__init__(path, None, None, None, problem)


class DrawnArrow(NamedTuple):
    """An arrow of a Word flowchart between the symbols of two rows of the procedure table (shapes.py),
    the rows named by the grid's row lists themselves, which the table reader maps to its steps."""

    source: list[str] | None  # None: the end of an unplaced arrow (see `unplaced`)
    target: list[str] | None
    kind: str  # the source symbol's: "process", "decision" or "terminator"
    answer: str = ""  # "yes" or "no" when a label on the arrow ("Ya", "Tidak", "Sesuai" …) answers its decision
    target_kind: str = ""  # the target symbol's kind
    unplaced: bool = False  # one end lies in a row where two symbols could be it: only the other is known


class DrawnNote(NamedTuple):
    """A symbol of an Excel flowchart that could not be read as drawn (xlsx_shapes.py): the grid row it
    stands in (the table reader names that row's step), the symbol and its cells, and what is wrong. Or
    a Word drawing anchored outside the procedure table that could not be set against it (outside.py):
    no row, `problem` saying all."""

    row: list[str] | None
    value: str  # the symbol's mark ("Selesai", "▭")
    problem: str  # naming the cells
    cells: str = ""  # the cells as Excel names them: "F12", or "F12/G12" across a border


@dataclass
class StepDraft:
    number: int
    actor: str  # the Pelaksana column as written; "" while undecided
    activity: str
    inputs: str = ""
    duration_value: Decimal | None = None  # None while the Waktu text is unreadable
    duration_unit: str = ""
    output: str = ""
    note: str = ""
    returns_to: list[int] = field(default_factory=list)
    branch_to: int | None = None  # "Tidak: lanjut ke langkah 7": a decision that skips ahead
    ends_if_not: bool = False  # "Tidak: proses selesai": a decision whose "Tidak" ends the procedure
    coordinates_divisions: bool = False
    # How the actor was found: "symbol", "handoff", "text", "override" (shown in the web preview).
    actor_source: str = ""
    duration_text: str = ""  # the Waktu cell as written
    label: str = ""  # the No. cell as printed ("3.1") when the table has sub-steps; "" when it is the number
    pages: tuple[int, ...] = ()  # of a PDF, the pages its rows stand on (two when the page broke it)

    @property
    def display_number(self) -> str:
        return self.label or str(self.number)

    def as_json(self) -> dict[str, Any]:
        value = self.duration_value
        number: int | float | None = None
        if value is not None:
            number = int(value) if value == value.to_integral_value() else float(value)
        return {"number": self.number, "label": self.display_number, "actor": self.actor, "activity": self.activity,
                "inputs": self.inputs,
                "duration": {"value": number, "unit": self.duration_unit}, "output": self.output,
                "note": self.note, "returns_to": list(self.returns_to),
                "coordinates_divisions": self.coordinates_divisions,
                # Only where there is one: the shape of issue 4 stays as it is for every other step.
                **({"branch_to": self.branch_to} if self.branch_to is not None else {}),
                **({"ends_if_not": True} if self.ends_if_not else {})}


@dataclass
class SopDraft:
    path: Path
    name: str
    number: str = ""
    lines: list[str] = field(default_factory=list)  # government and unit lines above the header
    created_on: dt.date | None = None
    revised_on: dt.date | None = None
    effective_on: dt.date | None = None
    approved_by: str = ""
    approved_by_name: str = ""
    approved_by_nip: str = ""
    # The paired blocks, each a list of items: legal_basis, qualifications, related_sops, equipment,
    # warning, records.
    blocks: dict[str, list[str]] = field(default_factory=dict)
    actors: list[str] = field(default_factory=list)
    steps: list[StepDraft] = field(default_factory=list)
    # Problems the user can settle step by step (undecided actor, unreadable time, unknown return
    # target). read_document raises the first; the web preview shows them all.
    problems: list[SopImportError] = field(default_factory=list)
    # What the user should check though nothing stops the import (a flowchart's labels read against its
    # arrows' geometry, an arrow that could not be placed): shown beside the step in the web preview.
    warnings: list[SopImportError] = field(default_factory=list)
    # Of a new version of a stored SOP: the decisions (returns, a "Tidak" branch or end) its users set by hand
    # on the version before, kept on this draft or lost (sop.actions.carry_hand_decisions).
    hand_decisions: list[Any] = field(default_factory=list)
    # The headings of the procedure table's columns as the document writes them, by the importer's name of each
    # column ("Ket" → "Keterangan", "Waktu" → "Waktu (Menit)"): problems and warnings name a column so.
    headings: dict[str, str] = field(default_factory=dict)
    # The office's normal working day in minutes, by which a time of days and hours ("1 hari 2 jam") was read.
    day_minutes: int = 510
    # Of a workbook, the sheet(s) of the procedure table: problems found after reading name them.
    sheets: tuple[str, ...] = ()

    def header(self) -> dict[str, Any]:
        """The header as stored in SopVersion.header and printed in the JSON."""
        return {
            "lines": list(self.lines),
            "created_on": self.created_on.isoformat() if self.created_on else None,
            "revised_on": self.revised_on.isoformat() if self.revised_on else None,
            "effective_on": self.effective_on.isoformat() if self.effective_on else None,
            "approved_by": {"position": self.approved_by, "name": self.approved_by_name,
                            "nip": self.approved_by_nip},
            **{key: list(self.blocks.get(key, [])) for key in BLOCK_KEYS},
        }

    def as_json(self, version_id: int | None = None) -> dict[str, Any]:
        return {"id": version_id, "name": self.name, "number": self.number, "header": self.header(),
                "actors": list(self.actors), "steps": [s.as_json() for s in self.steps]}

    @property
    def approved_by_nip_display(self) -> str:
        from kinerja.sop.models import nip_display

        return nip_display(self.approved_by_nip)

    def step(self, number: int) -> StepDraft:
        return next(s for s in self.steps if s.number == number)


BLOCK_KEYS = ("legal_basis", "qualifications", "related_sops", "equipment", "warning", "records")
