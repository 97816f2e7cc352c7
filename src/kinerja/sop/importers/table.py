"""From the rows of a document (text lines split at tabs, Word table rows, spreadsheet rows) to a
`SopDraft`: the header above the procedure table, then the table itself.

All three readers hand over the same grid — a list of rows, each a list of cell texts, a merged cell
written once and blank where it continues — so the SOP AP layout is understood in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_DOWN, Decimal
from functools import partial
from pathlib import Path
from typing import NamedTuple

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import parties
from . import flow
from .draft import DrawnArrow, DrawnNote, ListedSop, MergedCell, SeveralSops, SopDraft, SopImportError, StepDraft
from .values import (
    DURATION_UNITS,
    NORMAL_DAY_MINUTES,
    duration_alternative,
    duration_caveat,
    duration_item,
    duration_product,
    duration_rate,
    format_duration,
    identity_date,
    is_duration_range,
    list_text,
    mixed_duration,
    parse_approval,
    parse_duration,
    spelled_as_digits,
    split_items,
    starts_item,
    time_without_caveat,
)

Grid = list[list[str]]

# Labels of the document form (data, not UI text).
FIELD_LABELS = {
    "nomor sop": "number", "no sop": "number", "nomor": "number",
    "tanggal pembuatan": "created_on", "tgl pembuatan": "created_on",
    "tanggal revisi": "revised_on", "tgl revisi": "revised_on",
    "tanggal efektif": "effective_on", "tgl efektif": "effective_on",
    "tanggal berlaku": "effective_on", "tgl berlaku": "effective_on",
    # The date the SOP was ratified (SopVersion keeps no such date: read_header decides where it goes).
    "tanggal pengesahan": "approved_on", "tgl pengesahan": "approved_on", "tanggal disahkan": "approved_on",
    "tgl disahkan": "approved_on", "tanggal penetapan": "approved_on", "tgl penetapan": "approved_on",
    "tanggal ditetapkan": "approved_on", "tgl ditetapkan": "approved_on",
    "disahkan oleh": "approved_by", "ditetapkan oleh": "approved_by", "disetujui oleh": "approved_by",
    "nama sop": "name", "judul sop": "name",
}
BLOCK_LABELS = {
    "dasar hukum": "legal_basis", "kualifikasi pelaksana": "qualifications", "keterkaitan": "related_sops",
    "peralatan perlengkapan": "equipment", "peralatan": "equipment", "perlengkapan": "equipment",
    "peringatan": "warning", "pencatatan dan pendataan": "records", "pencatatan": "records",
    # "Pencatatan & Pendataan", "Peralatan dan Perlengkapan"
    "pencatatan pendataan": "records", "peralatan dan perlengkapan": "equipment",
}
# Labels that other headings above the form use too: a decree's "LAMPIRAN … NOMOR : 800/12/2024" printed
# above the SOP. A value read from one gives way to the same field's from a label of the form ("Nomor SOP").
GENERIC_LABELS = {"nomor"}
# The first words of a decree's heading above an attached SOP: no letterhead lines.
DECREE_WORDS = {"lampiran", "nomor", "tanggal", "tentang"}
DATE_COLUMNS = {"created_on": "Tanggal Pembuatan", "revised_on": "Tanggal Revisi", "effective_on": "Tanggal Efektif"}
APPROVAL_DATE = "Tanggal Pengesahan"
COLUMN_NO, COLUMN_ACTIVITY, COLUMN_ACTORS = "No.", "Uraian Prosedur", "Pelaksana"
COLUMN_INPUTS, COLUMN_TIME, COLUMN_OUTPUT, COLUMN_NOTE = "Kelengkapan", "Waktu", "Output", "Ket"
MAX_STEPS = 200
# Words of the Mutu Baku and remark headers as offices write them ("Persyaratan/Kelengkapan",
# "Kelengkapan Persyaratan", "Waktu (menit)", "Hasil/Output", "Ket.", "Keterangan"), and as an SOP
# translated for a bilingual office heads them ("Requirements", "Time", "Output", "Remarks").
STANDARD_WORDS = {
    "inputs": {"kelengkapan", "persyaratan", "perlengkapan", "input", "masukan", "requirements", "requirement",
               "inputs"},
    "time": {"waktu", "durasi", "time", "duration"},
    "output": {"output", "keluaran", "hasil", "produk", "outputs"},
    "note": {"ket", "keterangan", "catatan", "remarks", "remark", "notes"},
}
# Words of the activity column's header other than "Uraian …" (Uraian Prosedur, Uraian Kegiatan):
# "Kegiatan", "Tahapan Kegiatan", "Rincian Aktivitas", "Langkah-langkah Prosedur"; "Activity".
ACTIVITY_WORDS = {"kegiatan", "aktivitas", "prosedur", "activity", "activities", "procedure"}
# The headings over the actor columns and over the Mutu Baku columns, not the name of an actor or a group of
# actors: "Pelaksana" ("Executor"), "Mutu Baku" ("Quality Standard").
ACTORS_HEADINGS = {"pelaksana", "executor", "executors", "implementer", "implementers"}
STANDARD_HEADINGS = {"mutu baku", "quality standard", "quality standards"}


def label_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


# The heading of the No. column: "No.", and as some offices head it, "No. Urut", "Nomor", "Nomor Urut".
NO_HEADERS = frozenset({"no", "no urut", "nomor", "nomor urut"})


def is_no_header(text: str) -> bool:
    return label_key(text) in NO_HEADERS


def clean(text: str) -> str:
    return " ".join(text.split())


def _is_activity_header(key: str) -> bool:
    words = set(key.split())
    others = {*ACTORS_HEADINGS, *(w for group in STANDARD_WORDS.values() for w in group)}  # "Waktu Kegiatan"
    return key.startswith("uraian") or (bool(ACTIVITY_WORDS & words) and not others & words)


def find_table(grid: Grid) -> int | None:
    """The index of the procedure table's first header row: it has "No." and "Uraian Prosedur"."""
    for i, row in enumerate(grid):
        keys = [label_key(c) for c in row]
        if NO_HEADERS & set(keys) and any(_is_activity_header(k) for k in keys):
            return i
    return None


def procedure_table(grid: Grid) -> int | None:
    """find_table, for a table that is a procedure's: one whose header names actor columns. A Lampiran's
    form ("No | Uraian Persyaratan | Keterangan") has "No." and "Uraian" too, but no Pelaksana: None. A
    header with other problems (an actor named twice) is a procedure's, whose reading says what is wrong."""
    start = find_table(grid)
    if start is None:
        return None
    rows = grid[start:]
    no = next((i for i, c in enumerate(rows[0]) if is_no_header(c)), 0)
    try:
        _columns(Path("-"), rows[:header_depth(rows, no)])
    except SopImportError as e:
        if e.column == COLUMN_ACTORS and e.value is None:
            return None
    return start


def unheaded_table(grid: Grid) -> str | None:
    """Of a grid with no procedure table (find_table), the activity column's heading of a table that would be one
    but for the heading of its No. column: a row heading a column "Kegiatan" ("Uraian Prosedur"), and left of it
    a column with no heading whose rows below are numbered 1, 2 … None when the grid holds no such table."""
    if find_table(grid) is not None:
        return None
    for i, row in enumerate(grid):
        activity = next((c for c, text in enumerate(row) if _is_activity_header(label_key(text))), None)
        if activity is None:
            continue
        for column in range(activity):
            if clean(_cell(row, column)):
                continue
            numbers = [step_number(clean(_cell(below, column))) for below in grid[i + 1:i + 1 + MAX_HEADER_ROWS + 2]]
            found = [n for n in numbers if n is not None]
            if found[:2] == [1, 2]:
                return clean(row[activity])
    return None


def continues_table(grid: Grid, before: Grid) -> bool:
    """Whether the procedure table of `grid` (a workbook's sheet) goes on from the one of `before` (the sheet
    before it), as an office whose table runs past one printed page types the rest on a sheet "Hal 2":
    nothing of the identity block above its table, its header naming the same actors, and its first step
    numbered past 1 (a sheet of an SOP of its own starts at step 1)."""
    start, above = procedure_table(grid), procedure_table(before)
    if start is None or above is None or any(_field_label(c)[0] for row in grid[:start] for c in row if c):
        return False
    actors = [_table_actors(g[at:]) for g, at in ((grid, start), (before, above))]
    return actors[0] == actors[1] and (_first_step(grid[start:]) or 1) > 1


def _table_actors(rows: Grid) -> list[str]:
    no = next((i for i, c in enumerate(rows[0]) if is_no_header(c)), 0)
    try:
        return [label_key(name) for _i, name in _columns(Path("-"), rows[:header_depth(rows, no)])[1]]
    except SopImportError:
        return []


def _first_step(rows: Grid) -> int | None:
    """The number of the first step of the procedure table `rows` (its header first)."""
    no = next((i for i, c in enumerate(rows[0]) if is_no_header(c)), 0)
    return next((printed[0] for row in rows[header_depth(rows, no):]
                 if (printed := step_label(clean(_cell(row, no)))) is not None), None)


def names_sop(rows: Grid) -> bool:
    """Whether `rows` (those above a procedure table) name the SOP: a "Nama SOP" label."""
    return any(_field_label(c)[0] == "name" for row in rows for split in split_block_cells(row) for c in split if c)


def _identity_row(row: list[str]) -> bool:
    """Whether the row holds a label of the identity block: a field's ("Nomor SOP", "Nama SOP") or a block's
    ("Dasar Hukum")."""
    return any(_field_label(c)[0] or label_key(c) in BLOCK_LABELS
               for stacked in split_stacked_fields(row) for split in split_block_cells(stacked) for c in split if c.strip())


def identity_first(grid: Grid) -> Grid:
    """`grid` with the identity block moved above the procedure table when the document prints it below (the
    flow table on the first page, the identity sheet after it): where read_header, sop_sections and the
    table's end look for it. Only when no "Nama SOP" stands above the table and no second procedure table
    follows the one below (a document collecting SOPs has each one's identity above its own table)."""
    start = find_table(grid)
    if start is None or names_sop(grid[:start]):
        return grid
    parts = sections_below(grid)
    if isinstance(parts, list):
        # Several SOPs, each one's identity below its own table: each section turned the usual way round.
        return [row for begin, end in parts for row in identity_first(grid[begin:end])]
    if parts is not None:
        return grid  # which identity is whose cannot be told: read_grid says why
    label = next((i for i in range(start + 1, len(grid)) if names_sop([grid[i]])), None)
    if label is None or find_table(grid[label + 1:]) is not None:
        return grid
    begin = next(i for i in range(start + 1, label + 1) if _identity_row(grid[i]))
    return grid[:start] + grid[begin:] + grid[start:begin]


def _sop_name(row: list[str]) -> str:
    """The Nama SOP a row labels: the text after its label, in the label's cell or the cells after it."""
    cells = [c for split in split_block_cells(row) for c in split if c.strip()]
    for i, cell in enumerate(cells):
        key, value = _field_label(cell)
        if key == "name":
            return clean(value or next(iter(cells[i + 1:]), ""))
    return ""


def sections_below(grid: Grid) -> list[tuple[int, int]] | str | None:
    """Of a document holding several SOPs each with its identity block printed BELOW its own procedure table (no
    Nama SOP above the first table), the rows (begin, end) of each SOP: its table, then its identity. A header
    repeated on the next page without a Nama SOP between is the same table going on; a Nama SOP repeated with the
    same name is the same identity. A section ends below its identity block, where the letterhead printed above
    the first table comes again, else where the next table's header starts.

    None when the document is not so laid out (a Nama SOP above the first table, a single table). The reason,
    naming the tables, when it is laid out so but which identity belongs to which table cannot be told: a table
    with no Nama SOP below it before the next (a header whose steps start at 1 again), or two different ones."""
    groups: list[tuple[list[int], list[int]]] = []  # (header rows of one table, its Nama SOP rows)
    for i, row in enumerate(grid):
        if find_table([row]) == 0 and procedure_table(grid[i:]) == 0:  # a Lampiran's form has no actors
            if not groups or groups[-1][1] or _first_step(grid[i:]) == 1:  # a header repeated goes on numbering
                groups.append(([i], []))
            else:
                groups[-1][0].append(i)
        elif names_sop([row]):
            if not groups:
                return None
            groups[-1][1].append(i)
    if len(groups) < 2:
        return None
    tables = "; ".join(_("table %(place)d (first step “%(step)s”)") % {"place": place, "step": _first_activity(grid, h[0])}
                       for place, (h, _n) in enumerate(groups, start=1))
    for place, (_h, labels) in enumerate(groups, start=1):
        names = list(dict.fromkeys(label_key(_sop_name(grid[i])) for i in labels))
        why = ""
        if not labels:
            why = _("no Nama SOP stands below table %(place)d before the next table") % {"place": place}
        elif len(names) > 1:
            why = _("below table %(place)d stand several Nama SOP: %(names)s") % {
                "place": place, "names": ", ".join(f"“{_sop_name(grid[i])}”" for i in labels)}
        if why:
            return _("the document holds %(count)d procedure tables and no Nama SOP above the first, so each SOP's "
                     "identity is looked for below its table, but %(why)s (tables: %(tables)s): put each SOP's identity "
                     "block above or below its own table") % {"count": len(groups), "why": why, "tables": tables}
    letterhead = {label_key(line) for line in _lines(c for row in grid[:groups[0][0][0]] for c in row)}
    bounds = [0]
    for (_h, labels), (headers, _l) in zip(groups, groups[1:], strict=False):
        bounds.append(next((i for i in range(labels[-1] + 1, headers[0])
                            if any(label_key(line) in letterhead for line in _lines(grid[i]))), headers[0]))
    return list(zip(bounds, [*bounds[1:], len(grid)], strict=True))


def _first_activity(grid: Grid, header: int) -> str:
    """The activity of the first step below the header row `header`, shortened: how the tables are named."""
    no = next((i for i, c in enumerate(grid[header]) if is_no_header(c)), 0)
    activity = next((i for i, c in enumerate(grid[header]) if _is_activity_header(label_key(c))), no + 1)
    for row in grid[header + 1:header + 1 + MAX_HEADER_ROWS + 2]:
        if step_label(clean(_cell(row, no))) is not None and (text := clean(_cell(row, activity))):
            return text if len(text) <= 50 else text[:47] + "…"
    return ""


def read_grid(path: Path, grid: Grid, *, actor_overrides: dict[int, str] | None = None,
              aliases: dict[str, list[str]] | None = None, arrows: Sequence[DrawnArrow] = (),
              notes: Sequence[DrawnNote] = (), line_breaks: bool = True, sop: str | None = None,
              day_minutes: int = NORMAL_DAY_MINUTES) -> SopDraft:
    """The whole document. Structural problems raise SopImportError at once; problems of single steps
    the user can settle (actor, time, return target) are collected in draft.problems. `arrows` are those
    of a Word or Excel flowchart, between rows of `grid`; `notes` the symbols of an Excel flowchart that
    could not be read as drawn (xlsx_shapes.py), warnings of the steps whose rows they stand in.
    `line_breaks`: whether a line break inside a cell is the author's (Word, Excel, text), so that a
    Kelengkapan or Output cell of several lines is a list, or only the layout's (PDF); see list_text.
    `sop`: of a document holding several SOPs (a Word file collecting an office's SOPs), the one to read:
    its Nama SOP, its Nomor SOP or its place (1 for the first); SeveralSops without it (choose_section).
    `day_minutes`: the office's normal working day, the length of a day in a time of days and hours ("1 hari 2 jam")."""
    grid = identity_first(grid)
    start = find_table(grid)
    if start is None:
        raise not_sop_table(path, grid)
    if isinstance(unmatched := sections_below(grid), str):
        raise SopImportError(path, None, None, None, unmatched)
    sections = sop_sections(path, grid)
    if len(sections) > 1 or sop is not None:
        chosen = choose_section(path, sections, sop)
        grid = grid[chosen.start:chosen.end]
        start = find_table(grid) or 0
    draft = read_header(path, grid[:start])
    draft.day_minutes = day_minutes
    try:
        read_steps(path, draft, grid[start:], actor_overrides or {}, aliases or {}, arrows, notes,
                   line_breaks=line_breaks, above=grid[:start])
    except SopImportError as e:
        raise _on_pages(e.headed(draft.headings), draft) from None
    draft.problems = [_on_pages(p.headed(draft.headings), draft) for p in draft.problems]
    draft.warnings = [_on_pages(w.headed(draft.headings), draft) for w in draft.warnings]
    check_lengths(draft)
    return draft


def _on_pages(problem: SopImportError, draft: SopDraft) -> SopImportError:
    """A problem of a PDF's step naming the pages the step stands on, where it was made without them."""
    step = next((s for s in draft.steps if s.number == problem.step), None) if problem.step is not None else None
    return problem.on_pages(step.pages) if step is not None else problem


# A step written as a line of running text, numbered: "1. Sekretaris menerima surat …", "2) Kasubbag menelaah …".
_LISTED_STEP_RE = re.compile(r"\s*\(?(\d{1,3})[.)]\s+(\S.{10,})")


def listed_steps(grid: Grid) -> str | None:
    """The first step of a document that writes its steps as a numbered list of lines, not as a table's rows (the
    text of its line "1. Sekretaris menerima surat …", cut to 60 characters): None when fewer than two lines
    numbered 1, 2 … in order stand in it, each in a cell of its own row."""
    numbered = [(int(m[1]), m[0].strip()) for row in grid for cell in row for line in cell.splitlines()
                if (m := _LISTED_STEP_RE.fullmatch(line))]
    if len(numbered) < 2 or [n for n, _t in numbered[:2]] != [1, 2]:
        return None
    first = numbered[0][1]
    return first if len(first) <= 60 else first[:59].rsplit(" ", 1)[0] + " …"


def not_sop_table(path: Path, grid: Grid) -> SopImportError:
    """The refusal of a document without the SOP AP procedure table: what was looked for, what the form is, where
    kinerja shows one (the “SOP sheet (PDF)” download of a stored SOP's version page), and, when the document
    lists its steps as numbered lines, that the steps belong in the table's rows."""
    problem = _("this is not an SOP AP document: no procedure table with the columns “No.” and “Uraian Prosedur” "
                "was found")
    if (first := listed_steps(grid)) is not None:
        problem += ". " + _("It has numbered lines (“%(first)s”) but no table: the steps of an SOP stand in the rows of "
                            "its procedure table") % {
            "first": first}
    problem += ". " + _(
        "kinerja reads the SOP AP form (PermenPAN-RB 35/2012): a table with the columns No., Uraian Prosedur, "
        "Pelaksana (a column for each position, the step's symbol in its actor's column) and Mutu Baku "
        "(Kelengkapan, Waktu, Output), then Keterangan; one numbered step per row. The “SOP sheet (PDF)” download "
        "on the page of an SOP already stored in kinerja shows the form")
    return SopImportError(path, None, None, None, problem, expected_form=True)


def _headings(header: Grid, columns: dict[str, int]) -> dict[str, str]:
    """The heading of each standard column as the document writes it, by the importer's name of the column: its
    lowest text in the header rows ("Keterangan", "Waktu (Menit)" under "Mutu Baku")."""
    names = {"no": COLUMN_NO, "activity": COLUMN_ACTIVITY, "inputs": COLUMN_INPUTS, "time": COLUMN_TIME,
             "output": COLUMN_OUTPUT, "note": COLUMN_NOTE}
    found = {}
    for key, name in names.items():
        texts = [clean(_cell(row, columns.get(key))) for row in header if not column_numbering(row)]
        if written := next((t for t in reversed(texts) if t), ""):
            found[name] = written
    return found


class Section(NamedTuple):
    """One SOP of a document holding several: its Nama SOP and Nomor SOP, and its rows grid[start:end]."""
    name: str
    number: str
    start: int
    end: int


def sop_sections(path: Path, grid: Grid) -> list[Section]:
    """The SOPs of a document, one Section each (one for a document of one SOP): below a procedure table, a
    "Nama SOP" naming another SOP above a procedure table of its own starts the next. Its rows start where
    its header does, the rows above its Nama SOP that are no row of the table above (its letterhead, Nomor
    SOP, dates). An identity block repeated on each page above the table's header names the same SOP: no
    other. Raises SopImportError when the first SOP has no name, as read_header does. `grid` as
    identity_first has it."""
    start = find_table(grid)
    if start is None:
        return []
    first = read_header(path, grid[:start])
    sections = [Section(first.name, first.number, 0, len(grid))]
    at = start + 1
    while (label := next((i for i in range(at, len(grid)) if names_sop([grid[i]])), None)) is not None:
        table = find_table(grid[label:])
        if table is None:
            break
        begin = _header_start(grid, at, label, first.lines)
        try:
            header = read_header(path, grid[begin:label + table])
        except SopImportError:
            header = None
        if header is not None and label_key(header.name) not in {label_key(s.name) for s in sections}:
            sections[-1] = sections[-1]._replace(end=begin)
            sections.append(Section(header.name, header.number, begin, len(grid)))
        at = label + table + 1
    return sections


def _header_start(grid: Grid, floor: int, label: int, letterhead: list[str]) -> int:
    """The first row of the header whose Nama SOP stands in row `label`: going up from it, the rows that are
    no step nor header row of the table above (which starts above `floor`). What closes the SOP above
    (its signature: "Ditetapkan di …", the head's name and NIP) is no part of it: the header starts below
    the last signature (a NIP) met before any field of the identity block, else at the first line of the
    first SOP's `letterhead` that stands there."""
    at = label
    while at > floor and not _table_row(grid[at - 1]):
        at -= 1
    signed = None
    for i in range(at, label):
        if any(_field_label(c)[0] for c in grid[i] if c.strip()):
            break
        if _SIGNATURE_RE.search(" ".join(grid[i])):
            signed = i + 1
    if signed is not None:
        return signed
    heads = {label_key(line) for line in letterhead}
    return next((i for i in range(at, label) if any(label_key(c) in heads for c in grid[i] if c.strip())), at)


def _table_row(row: list[str]) -> bool:
    """Whether the row belongs to a procedure table: its header, or a step (a step number, then text)."""
    cells = [clean(c) for c in row if clean(c)]
    return find_table([row]) == 0 or (len(cells) > 1 and step_label(cells[0]) is not None)


def choose_section(path: Path, sections: list[Section], choice: str | None) -> Section:
    """The SOP `choice` names among the document's: its place ("2"), Nomor SOP or Nama SOP (letter case,
    spaces and stops aside). SeveralSops when nothing was chosen; a refusal listing them when the choice
    names none."""
    listed = [ListedSop(s.name, s.name, s.number, place) for place, s in enumerate(sections, start=1)]
    if choice is None:
        raise SeveralSops(path, listed)
    return sections[listed.index(chosen_sop(path, listed, choice))]


def chosen_sop(path: Path, listed: list[ListedSop], choice: str) -> ListedSop:
    """The SOP of `listed` that `choice` names: its sheet's name, its place (1 for the first), its Nomor SOP
    or its Nama SOP, letter case, spaces and stops aside; a refusal listing them when it names none, or
    several."""
    key = label_key(choice)
    found = [s for place, s in enumerate(listed, start=1)
             if key in {str(place), label_key(s.sheet), label_key(s.name)} or (s.number and key == label_key(s.number))]
    if len(found) == 1:
        return found[0]
    names = "; ".join(f"{place}. " + (f"“{s.sheet}”: " if not s.place and s.sheet != s.name else "")
                      + (f"“{s.name}”" if s.name else "-") + (f" ({s.number})" if s.number else "")
                      for place, s in enumerate(listed, start=1))
    raise SopImportError(path, None, "Nama SOP", choice, _(
        "names no SOP of the document, or several: choose one by its Nama SOP, its Nomor SOP or its place (1 for "
        "the first). Its SOPs: %(sops)s") % {"sops": names})


def check_lengths(draft: SopDraft) -> None:
    """A value longer than the database keeps (a header misread into the name, a note in an actor's
    header cell) is refused here, naming it, rather than by the database when it is stored."""
    from kinerja.sop.models import Actor, SopVersion

    def limit(model: type, name: str) -> int:
        return int(model._meta.get_field(name).max_length)

    values = [("Nama SOP", draft.name, limit(SopVersion, "name")), ("Nomor SOP", draft.number, limit(SopVersion, "number")),
              ("Disahkan oleh", draft.approved_by, limit(SopVersion, "approved_by")),
              ("Disahkan oleh", draft.approved_by_name, limit(SopVersion, "approved_by_name")),
              *((COLUMN_ACTORS, actor, limit(Actor, "name")) for actor in draft.actors)]
    for column, value, most in values:
        if len(value) > most:
            raise SopImportError(draft.path, None, column, value,
                                 _("is longer than %(max)d characters") % {"max": most})


def read_header(path: Path, rows: Grid) -> SopDraft:
    values: dict[str, str] = {}
    generic: set[str] = set()  # fields read from a label other headings use too (see GENERIC_LABELS)
    lines: list[str] = []
    blocks: dict[str, list[str]] = {}
    pending: list[tuple[int, str]] = []  # (column, block key) of the block labels row above
    merged_down: tuple[int, str] | None = None  # (value column, block key) of the label|value row above
    # Disahkan oleh on the last field row, its NIP not read yet: the rows below may hold the rest of it
    # (the position on the label's row, the name and the NIP each on a line of its own), this many more.
    approval_rows = 0
    for row in (split for raw in rows for stacked in split_stacked_fields(raw) for split in split_block_cells(stacked)):
        cells = [(i, c.strip()) for i, c in enumerate(row) if c.strip()]
        if not cells:
            continue
        labels = [(i, BLOCK_LABELS.get(label_key(c))) for i, c in cells]
        continuing, approval_rows = approval_rows, 0
        if continuing and not any(key for _i, key in labels) and not any(_field_label(c)[0] for _i, c in cells):
            text = "\n".join(c for _i, c in cells if c.strip(": "))
            values["approved_by"] = f"{values['approved_by']}\n{text}".strip()
            approval_rows = 0 if _NIP_RE.search(text) else continuing - 1
            continue
        if all(key for _i, key in labels):
            pending, merged_down = [(i, key) for i, key in labels if key], None
            for _i, key in pending:
                blocks.setdefault(key, [])
            continue
        ats = [k for k, (_i, c) in enumerate(cells) if _field_label(c)[0]]
        if ats:
            pending, merged_down = [], None
            # The SOP AP form puts the letterhead left of the identity block, on the same rows.
            lines += _lines(c for _i, c in cells[:ats[0]])
            # Two fields on a row ("NOMOR SOP | 12/SOP | TANGGAL PEMBUATAN | 9 Januari 2023"): a label's
            # value stands between it and the next label.
            for at, stop in zip(ats, [*ats[1:], len(cells)], strict=True):
                field_name, inline = _field_label(cells[at][1])
                # "NOMOR SOP | : | 12/SOP": the colon may stand in a column of its own.
                rest = [c for _i, c in cells[at + 1:stop] if c.strip(": ")]
                value = inline if inline is not None else (rest[0] if rest else "")
                if field_name == "approved_by":  # position | name | NIP, a cell each
                    value = "\n".join([value, *rest] if inline is not None else rest)
                if str(field_name) not in values or str(field_name) in generic:
                    values[str(field_name)] = value.lstrip(": ")
                    weak = label_key(cells[at][1].partition(":")[0].partition("\t")[0]) in GENERIC_LABELS
                    (generic.add if weak else generic.discard)(str(field_name))
            if field_name == "approved_by" and at == ats[-1] and not _NIP_RE.search(values["approved_by"]):
                approval_rows = 3
            continue
        if labels[0][1] and len(cells) > 1:
            # The identity block as one table of label and value ("Dasar Hukum | 1. UU … 2. PP …", maybe with
            # a ":" column, maybe two pairs on a row): a label's items stand between it and the next label.
            ats = [k for k, (_i, key) in enumerate(labels) if key]
            pending, merged_down = [], None
            for at, stop in zip(ats, [*ats[1:], len(cells)], strict=True):
                key = str(labels[at][1])
                items = [(i, c) for i, c in cells[at + 1:stop] if c.strip(": ")]
                blocks.setdefault(key, []).extend(item for _i, c in items for item in split_items(c.lstrip(": ")))
                if items and len(ats) == 1:
                    merged_down = (items[-1][0], key)
            continue
        if merged_down is not None:
            # The rows below a label merged down over them: blank under the label, items in its value column.
            value_column, key = merged_down
            if [i for i, _c in cells] == [value_column]:
                blocks[key] += split_items(cells[0][1])
                continue
            merged_down = None
        if pending:
            if len(pending) == len(cells):
                pairs = [(key, text) for (_c, key), (_i, text) in zip(pending, cells, strict=True)]
            else:
                by_column = dict(cells)
                pairs = [(key, by_column.get(col, "")) for col, key in pending]
            for key, text in pairs:
                blocks[key] += split_items(text)
            continue
        # The letterhead: the lines above the form's fields, under a decree's heading when the SOP is attached
        # to one ("LAMPIRAN … / NOMOR : … / TANGGAL : … / TENTANG …", whose generic "NOMOR" is read already).
        first_word = (label_key(cells[0][1]).split() or [""])[0]  # "" for a line of marks ("* * *")
        if (not values or set(values) <= generic) and first_word not in DECREE_WORDS:
            lines += _lines(c for _i, c in cells)
    name = clean(values.get("name", ""))
    if not name:
        raise SopImportError(path, None, "Nama SOP", None, _("the document has no SOP name (Nama SOP)"))
    draft = SopDraft(path=path, name=name, number=clean(values.get("number", "")).strip("-–— "), lines=lines,
                     blocks=blocks)
    for key, column in DATE_COLUMNS.items():
        text = values.get(key, "")
        try:
            setattr(draft, key, identity_date(text))
        except ValueError as e:
            raise SopImportError(path, None, column, text, str(e)) from None
    approved_on(path, draft, values.get("approved_on", ""))
    approval = values.get("approved_by", "")
    if approval.strip() and approval.strip() not in {"-", "–"}:
        draft.approved_by, draft.approved_by_name, draft.approved_by_nip = parse_approval(approval)
    return draft


_NIP_RE = re.compile(r"\bNIP\b", re.IGNORECASE)


def approved_on(path: Path, draft: SopDraft, text: str) -> None:
    """A "Tanggal Pengesahan" (or "Tanggal Ditetapkan") some offices print beside or instead of the form's dates.
    An SOP takes effect when it is ratified unless it says otherwise, so with no Tanggal Efektif it is the
    effective date, and a warning says so. Beside a Tanggal Efektif of another day it is not kept (SopVersion
    holds the form's three dates): a warning says so, never silently."""
    if not text.strip(" -–—"):
        return
    try:
        date = identity_date(text)
    except ValueError as e:
        if draft.effective_on is None:
            raise SopImportError(path, None, APPROVAL_DATE, text, str(e)) from None
        date = None
    if draft.effective_on is None and date is not None:
        draft.effective_on = date
        draft.warnings.append(SopImportError(path, None, APPROVAL_DATE, text, _(
            "the SOP has no Tanggal Efektif: the date it was ratified is taken as its effective date")))
    elif draft.effective_on is not None and date != draft.effective_on:
        draft.warnings.append(SopImportError(path, None, APPROVAL_DATE, text, _(
            "the date the SOP was ratified is not kept: an SOP version keeps its Tanggal Pembuatan, Tanggal Revisi "
            "and Tanggal Efektif, here %(effective)s") % {"effective": date_format(draft.effective_on, "j F Y")}))


def _block_label(line: str) -> tuple[str, str] | None:
    """(label, rest) when `line` opens with a block's label: "DASAR HUKUM", "Dasar Hukum :", or
    "Kualifikasi Pelaksana: teliti" with the first item after the colon."""
    if label_key(line) in BLOCK_LABELS:
        return line.strip(), ""
    label, found, rest = line.partition(":")
    if found and label_key(label) in BLOCK_LABELS:
        return label.strip(), rest.strip()
    return None


def split_block_cells(row: list[str]) -> Grid:
    """A row whose cells each hold a block's label and its items together ("Dasar Hukum:" with the laws
    on the lines below, or "Kualifikasi Pelaksana: teliti") as a row of labels and a row of items, the
    way the text copy has them; any other row as it is. Word, Excel and PDF tables all write it so."""
    filled = [c for c in row if c.strip()]
    if not filled:
        return [row]
    split = [_block_label(c.strip().splitlines()[0]) if c.strip() else None for c in row]
    if any(c.strip() and s is None for c, s in zip(row, split, strict=True)):
        return [row]
    heads, bodies = [], []
    for cell, parts in zip(row, split, strict=True):
        label, rest = parts or ("", "")
        heads.append(label)
        bodies.append("\n".join([rest, *cell.strip().splitlines()[1:]]).strip() if parts else "")
    if not any(bodies):
        return [heads]
    return [heads, bodies]


def split_stacked_fields(row: list[str]) -> Grid:
    """The identity block typed into one table row, each cell a stack of lines: the labels one under the
    other in one cell ("Nomor SOP⏎Tanggal Pembuatan⏎…"), the values likewise in the cell beside it, lined
    up with blank lines where a value takes several ("Disahkan oleh" over position, name and NIP), or
    each line "Label : value" in one cell. Returned as one row per label, as a table with a row per field
    would have them; the cells left of the labels (the letterhead) stay on the first row. Any other row,
    or stacks that do not line up, as it is."""
    for k, cell in enumerate(row):
        lines = cell.strip("\n").split("\n")
        labelled = [line for line in lines if line.strip()]
        if len(labelled) < 2 or not all(_field_label(line)[0] or _block_label(line) for line in labelled):
            continue
        values = []
        for other in row[k + 1:]:
            parts = other.strip("\n").split("\n") if other.strip() else []
            if parts and len(parts) != len(lines):
                filled = [p for p in parts if p.strip()]
                if len(filled) != len(labelled) or len(lines) != len(labelled):
                    return [row]  # the stacks do not line up: leave the row to the other readers
                parts = filled
            values.append(parts)
        out: Grid = []
        for i, line in enumerate(lines):
            texts = [v[i] if v else "" for v in values]
            if not line.strip():
                if out and any(t.strip() for t in texts):  # a value's further line ("Disahkan oleh" name, NIP)
                    out[-1] = out[-1][:k + 1] + [f"{a}\n{t}".strip("\n") for a, t in zip(out[-1][k + 1:], texts,
                                                                                          strict=True)]
                continue
            out.append([*(row[:k] if not out else [""] * k), line, *texts])
        return out
    return [row]


# The text a template's logo cell holds where the picture is to go ("LOGO", "Logo Pemda", "[LAMBANG]").
_LOGO_PLACEHOLDER_RE = re.compile(r"(?:logo|lambang)(?: [a-z]+)?")


def _lines(cells: Iterable[str]) -> list[str]:
    """The letterhead lines of some cells; a Word or Excel cell may hold several. A logo's placeholder
    text is no line of the letterhead."""
    return [clean(line) for cell in cells for line in cell.splitlines()
            if line.strip() and not _LOGO_PLACEHOLDER_RE.fullmatch(label_key(line))]


def _field_label(cell: str) -> tuple[str | None, str | None]:
    """("number", None) for "NOMOR SOP"; ("number", "12/SOP") for "NOMOR SOP : 12/SOP" in one cell, or
    "NOMOR SOP<tab>12/SOP" (a Word paragraph aligned with a tab)."""
    key = label_key(cell)
    if key in FIELD_LABELS:
        return FIELD_LABELS[key], None
    for separator in (":", "\t"):
        label, found, value = cell.partition(separator)
        if found and label_key(label) in FIELD_LABELS:
            return FIELD_LABELS[label_key(label)], value.strip(" \t:")
    return None, None


MAX_HEADER_ROWS = 4
# The unit of a Waktu whose number and unit stand in two columns ("15 | menit") may be headed so.
UNIT_HEADERS = {"satuan", "sat"}


def header_depth(rows: Grid, no: int) -> int:
    """How many rows of `rows` (starting at the row naming "No." and "Uraian") the header takes: the rows
    below it without a step number (actor names, actors grouped under their unit, "Kelengkapan / Waktu /
    Output"), and the row numbering the columns ("1 2 3 …") that some forms print under the header."""
    depth = 1
    while depth < min(len(rows), MAX_HEADER_ROWS):
        if not column_numbering(rows[depth]) and clean(_cell(rows[depth], no)) or terminator_row(rows[depth]):
            break
        depth += 1
    return depth


# The words of a flowchart's terminators (document vocabulary): "Mulai" and "Selesai", as a flowchart drawn in the
# cells writes them, some in a row of their own above the first step or below the last.
TERMINATOR_WORDS = {"mulai", "selesai", "start", "end", "finish", "awal", "akhir"}


def terminator_row(row: list[str]) -> bool:
    """Whether the row holds nothing but a flowchart's terminator ("Mulai" in the first actor's column, over the
    first step's row): no header row naming actors, though it has no step number either."""
    filled = [label_key(c) for c in row if clean(c)]
    return bool(filled) and all(key in TERMINATOR_WORDS for key in filled)


def column_numbering(row: list[str]) -> bool:
    """Whether `row` only numbers the columns: "1", "2", "3" … (or "(1)", "(2)" …) from the left."""
    numbers = [c.strip().strip("()") for c in row if c.strip()]
    return len(numbers) >= 3 and numbers == [str(i) for i in range(1, len(numbers) + 1)]


def _columns(path: Path, header: Grid) -> tuple[dict[str, int], list[tuple[int, str]]]:
    """The column index of each standard column and the Pelaksana columns (index, name as written). An
    actor's name is the lowest header text of its column: above it may stand "Pelaksana" or the unit a
    group of actors belongs to ("Perangkat Daerah | BKPSDM")."""
    top = header[0]
    lower = [row for row in header[1:] if not column_numbering(row)]

    def find(row: list[str], *keys: str) -> int | None:
        for i, cell in enumerate(row):
            if label_key(cell) in keys:
                return i
        return None

    def find_words(rows: list[list[str]], words: set[str]) -> int | None:
        """The first header cell naming one of `words`, exactly, then as one word of a longer header."""
        for whole in (True, False):
            for row in rows:
                for i, cell in enumerate(row):
                    key = label_key(cell)
                    if (key in words) if whole else bool(words & set(key.split())):
                        return i
        return None

    def texts(i: int) -> list[str]:
        return [clean(_cell(row, i)) for row in [top, *lower] if clean(_cell(row, i))]

    no = find(top, *NO_HEADERS)
    activity = next(i for i, c in enumerate(top) if _is_activity_header(label_key(c)))
    standard = {
        "inputs": find_words([*lower, top], STANDARD_WORDS["inputs"]),
        "time": find_words([*lower, top], STANDARD_WORDS["time"]),
        "output": find_words([*lower, top], STANDARD_WORDS["output"]),
        "note": find_words([top, *lower], STANDARD_WORDS["note"]),
    }
    taken = {no, activity, *(i for i in standard.values() if i is not None)}
    if standard["time"] is not None:
        unit = standard["time"] + 1
        if unit not in taken and all(label_key(t) in UNIT_HEADERS for t in texts(unit)):
            standard["unit"] = unit  # "Waktu" merged over the number and its unit, or a "Satuan" column
    # A table without a Waktu column is read all the same: its steps have no standard time, which the user
    # types in the upload preview (read_steps says so once, for the whole document).
    mutu = find(top, *STANDARD_HEADINGS)
    ends = [i for i in (standard["inputs"], standard["time"], standard["output"], mutu) if i is not None]
    if not ends and standard["note"] is not None:
        ends = [standard["note"]]
    end = min(ends) if ends else max(len(row) for row in [top, *lower])
    # The actor columns follow the activity: "Pelaksana" above them may sit over any of them (a header
    # centred without merging the cells), so it does not mark where they begin.
    begin = max(i for i in (no, activity) if i is not None) + 1
    rows = [top, *lower]

    def lowest(i: int) -> int:
        return max((r for r, row in enumerate(rows) if clean(_cell(row, i))), default=-1)

    named = [i for i in range(begin, end) if i not in taken and texts(i)]
    last_standard = max((i for i in (standard["inputs"], standard["time"], standard.get("unit"), standard["output"])
                         if i is not None), default=None)
    if not named and last_standard is not None:
        # "No | Uraian | Mutu Baku | Pelaksana | Ket.": the actors after the Mutu Baku, before the Ket. column.
        after = last_standard + 1
        stop = standard["note"] if standard["note"] is not None and standard["note"] >= after else \
            max(len(row) for row in [top, *lower])
        named = [i for i in range(after, stop) if i not in taken and texts(i)]
    # "Pelaksana" is the heading over the actor columns, except where it stands in the row of their names
    # as one of them (the staff: "Kasubbag | Pelaksana | Kadis" under a heading "Pelaksana").
    name_rows = {lowest(i) for i in named if label_key(texts(i)[-1]) not in ACTORS_HEADINGS}
    actors = [(i, texts(i)[-1]) for i in named
              if label_key(texts(i)[-1]) not in ACTORS_HEADINGS or (lowest(i) > 0 and lowest(i) in name_rows)]
    if not actors:
        raise SopImportError(path, None, COLUMN_ACTORS, None,
                             _("the procedure table names no Pelaksana (actor) columns in its header rows"))
    actors = _qualified(_split_names(actors, [top, *lower], begin), [top, *lower], begin)
    seen: set[str] = set()
    for _i, name in actors:
        if flow.normalise_name(name) in seen:
            raise SopImportError(path, None, COLUMN_ACTORS, name, _("this actor column appears twice"))
        seen.add(flow.normalise_name(name))
    columns = {"no": no if no is not None else 0, "activity": activity,
               **{k: v for k, v in standard.items() if v is not None}}
    return columns, actors


# The first words of a position's name, which need the rest ("Kepala" … "Seksi"): an actor's name written over two
# header rows ("Kepala" above "Seksi", "Petugas" above "Loket", "Kepala" merged above "Seksi | Dinas") starts so.
_POSITION_HEADS = frozenset({"kepala", "kasi", "kasie", "kasubbag", "kasubag", "kasubid", "kabid", "kabag", "kadis",
                             "staf", "staff", "petugas", "pejabat", "analis", "pengelola", "ketua", "wakil", "plt",
                             "plh", "pengadministrasi", "pengolah", "operator", "bendahara", "sekretaris", "camat",
                             "lurah", "koordinator", "subkoordinator", "penata", "pranata"})


def _split_names(actors: list[tuple[int, str]], rows: Grid, begin: int) -> list[tuple[int, str]]:
    """Actor names written over two header rows, the words in the row above a position's first words ("Kepala"
    above "Seksi": "Kepala Seksi"), also when merged over several columns ("Kepala" over "Seksi | Bidang"). A group's
    unit above its actors ("Bidang Koperasi" over "Kasi | Staf") is no such word: _qualified adds it where needed."""
    out = []
    for i, name in actors:
        at = max((r for r, row in enumerate(rows) if clean(_cell(row, i))), default=0)
        # The text above the name: in its column, or merged over it from a column to its left whose name is in the
        # same row (not another actor's name merged down: "Sekretaris" beside "Kepala" over "Dinas").
        written = next((j for j in range(i, begin - 1, -1) if at > 0 and clean(_cell(rows[at - 1], j))), None)
        upper = clean(_cell(rows[at - 1], written)) if written is not None and (
            written == i or clean(_cell(rows[at], written))) else ""
        words = label_key(upper).split()
        if (words and len(words) <= 3 and words[-1] in _POSITION_HEADS
                and not label_key(name).startswith(label_key(upper))):
            name = f"{upper} {name}"
        out.append((i, name))
    return out


def _qualified(actors: list[tuple[int, str]], rows: Grid, begin: int) -> list[tuple[int, str]]:
    """Actor names written more than once, each under the unit of its group ("Bidang Koperasi" merged over
    "Kasi | Staf", "Bidang UKM" over "Kasi | Staf"), with that unit: "Kasi Bidang Koperasi", "Kasi Bidang
    UKM". The group's text stands in its first column only (a merged cell is written once)."""
    counts: dict[str, int] = {}
    for _i, name in actors:
        counts[flow.normalise_name(name)] = counts.get(flow.normalise_name(name), 0) + 1
    out = []
    for i, name in actors:
        if counts[flow.normalise_name(name)] > 1:
            at = max(r for r, row in enumerate(rows) if clean(_cell(row, i)))
            group = next((clean(_cell(rows[at - 1], j)) for j in range(i, begin - 1, -1)
                          if at > 0 and clean(_cell(rows[at - 1], j))), "")
            if group and label_key(group) not in ACTORS_HEADINGS | STANDARD_HEADINGS:
                name = f"{name} {group}"
        out.append((i, name))
    return out


def _cell(row: list[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


def step_label(text: str) -> tuple[int, int, str] | None:
    """(step, sub-step, label) as the No. column writes it: (3, 0, "3") for "3", "3." or "(3)"; (3, 1, "3.1")
    for the sub-step "3.1"; (3, 2, "3b") for "3b" and (3, 2, "3.b") for "3.b"; (3, 0, "c") for a step lettered
    "c." or "c)"; (2, 0, "II") for "II" and (2, 1, "II.1") for its sub-step "II.1"; None for anything else."""
    if (number := step_number(text)) is not None:
        return number, 0, str(number) if text.strip("().").isdigit() else text.strip("().").lower()
    if (number := roman_number(text)) is not None:
        return number, 0, text.strip("().")  # "II", "iv.": read_steps keeps them only in a Roman-numbered column
    if (m := _ROMAN_SUB_RE.fullmatch(text)) and (number := _roman(m[1], single=True)) is not None:
        return number, int(m[2]), f"{m[1]}.{int(m[2])}"  # "II.1": likewise, the sub-step of a Roman-numbered step
    if m := re.fullmatch(r"\(?(\d{1,4})\s*\.\s*(\d{1,2})[.)]?", text):
        return int(m[1]), int(m[2]), f"{int(m[1])}.{int(m[2])}"
    if m := re.fullmatch(r"\(?(\d{1,4})\s*(\.?)\s*([a-zA-Z])[.)]?", text):
        return int(m[1]), ord(m[3].lower()) - ord("a") + 1, f"{int(m[1])}{m[2]}{m[3].lower()}"
    return None


def step_number(text: str) -> int | None:
    """The number of a step as the No. column writes it: "3", "3.", "3)", "(3)", or a letter ("c.")."""
    if m := re.fullmatch(r"\(?(\d{1,4})[.)]?", text):
        return int(m[1])
    if m := re.fullmatch(r"\(?([a-zA-Z])[.)]?", text):
        return ord(m[1].lower()) - ord("a") + 1
    return None


# A step numbered in Roman numerals, as some offices number them: "II", "iv.", "(III)", "ix)". I, V and X only
# (up to XXXIX): "CV", "DI" or "MD" in the No. column are no step's.
_ROMAN_RE = re.compile(r"\(?(X{0,3})(IX|IV|V?I{0,3})[.)]?", re.IGNORECASE)
_ROMAN_VALUES = {"": 0, "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}
_ROMAN_DIGITS = {value: letters for letters, value in _ROMAN_VALUES.items()}
# A sub-step of a step numbered in Roman numerals, numbered as the decimal ones are: "II.1", "ii.2.", "(IV.3)".
_ROMAN_SUB_RE = re.compile(r"\(?([IVXivx]{1,6})\s*\.\s*(\d{1,2})[.)]?")


def roman(number: int, *, lower: bool = False) -> str:
    """A step number in Roman numerals as a Roman-numbered table writes it: 3 → "III" (or "iii"); up to 39."""
    letters = "x" * (number // 10) + _ROMAN_DIGITS[number % 10]
    return letters if lower else letters.upper()


def letter(number: int) -> str:
    """A step number as a lettered table writes it: 3 → "c"."""
    return chr(ord("a") + number - 1)


def _main_label(text: str) -> str:
    """The step part of a No. cell: "II" of the sub-step "II.1", the whole of any other."""
    return m[1] if (m := _ROMAN_SUB_RE.fullmatch(text)) else text


def roman_number(text: str) -> int | None:
    """The value of a step number written in Roman numerals of two letters or more ("II" → 2, "iv." → 4), upper
    or lower case, not mixed; None for anything else. One letter ("I", "v") is a lettered step's letter unless
    the whole column is Roman-numbered (roman_column)."""
    return _roman(text, single=False)


def _roman(text: str, *, single: bool) -> int | None:
    m = _ROMAN_RE.fullmatch(text)
    letters = text.strip("().")
    if m is None or not letters or (len(letters) < 2 and not single) or not (letters.isupper() or letters.islower()):
        return None
    return 10 * len(m[1]) + _ROMAN_VALUES[m[2].lower()]


def roman_column(texts: Sequence[str]) -> list[int] | None:
    """The steps' values when the whole No. column is numbered in Roman numerals ("I", "II", "III" or "i.",
    "ii.", "iii."; a sub-step "II.1" has its step's), one case throughout; None when any step is numbered
    otherwise (a lone "I" among digits, or a table lettered "a" to "i")."""
    mains = [_main_label(text) for text in texts]  # a sub-step "II.1" is numbered by its step, "II"
    values = [_roman(text, single=True) for text in mains]
    if not texts or any(v is None for v in values):
        return None
    if len({text.strip("().").isupper() for text in mains}) > 1:
        return None
    return [v for v in values if v is not None]


# A signature under the table ("… NIP. 19700315 199503 1 002"): never the rest of a step's text.
_SIGNATURE_RE = re.compile(r"\bNIP\b\.?\s*:?\s*\d{8}", re.IGNORECASE)
# A note typed in the row under the last step ("Catatan: waktu dalam hari kerja", "*) hari kerja", "NB: …"):
# text below the table, never the rest of the last step's text.
_NOTE_RE = re.compile(r"\s*(?:\*+\s*\)?|(?:catatan|keterangan|ket|nb|note)\s*\.?\s*:)", re.IGNORECASE)


# A line of a legend of abbreviations: "Kabid = Kepala Bidang", "Kasi : Kepala Seksi", "- Pmh – Pemohon", "1. Sek = …",
# "Kasi ........ Kepala Seksi".
_LEGEND_RE = re.compile(r"\s*(?:[-•*]\s*|\d{1,2}[.)]\s*)?(?P<short>[^=:–—]+?)\s*(?:=|:|–|—|\s-\s|\.{3,}|…+)\s*"
                        r"(?P<full>[^=:]+?)"
                        r"\s*[.;,]?\s*")
# A legend written on one line: "Keterangan: Kadis = Kepala Dinas, Sek = Sekretaris; …", "Pmh - Pemohon; Ptgs -
# Petugas" (its heading, then its entries parted where a comma or semicolon is followed by the next "short =": a
# comma inside a name, "Perencanaan, Evaluasi dan Pelaporan", parts nothing).
_LEGEND_SEPARATOR = r"(?:=|:|–|—|\s-\s|\.{3,}|…+)"  # or dot leaders: "Kasi ........ Kepala Seksi"
_LEGEND_HEADING_RE = re.compile(rf"\s*(?:keterangan|ket|catatan|singkatan)\s*\.?\s*:\s*(?=[^=:–—]+?{_LEGEND_SEPARATOR})",
                                re.IGNORECASE)
_LEGEND_PARTS_RE = re.compile(rf"\s*[,;]\s*(?=[^,;=:–—]+?{_LEGEND_SEPARATOR})")


def _legend_lines(lines: list[str], keys: dict[str, str]) -> list[str]:
    """The lines outside the steps with a legend wrapped by the layout (a PDF's lines, a cell's lines, a text copy's
    lines) made one again: a line that opens with no entry of its own ("Perencanaan, Evaluasi dan Pelaporan, Kabid =
    Kepala Bidang") continues the legend line above it when it goes on with entries, or when that line ends at a
    comma (then a line opening with an entry goes on with it too); and a line that only holds the rest of the
    legend's last entry ("Kabid = Kepala" above "Bidang Kearsipan", "Kabid =" or "Kabid" above "Kepala Bidang" or
    "= Kepala Bidang", "…, Kasubbag" above "PEP = Kepala Subbagian …") continues it when that entry names an actor
    column (`keys`: the columns' headings by label_key); the rest of a name only under a legend on one line (two
    entries or more), as a legend of a line per entry ends with its last line."""
    out: list[str] = []
    for line in lines:
        if out and _continues_legend(out[-1], line, keys):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


# The first words of the lines that follow a legend under the table and are none of it: a signature's or
# approval's ("Ditetapkan di Kota Metro", "Mengetahui").
_CLOSING_WORDS = {"ditetapkan", "mengetahui", "disahkan", "disetujui", "dibuat", "diperiksa", "ttd", "tertanda"}
# A legend's entry cut after its separator ("Kabid =", the name on the next line).
_LEGEND_OPEN_RE = re.compile(rf"\s*(?:[-•*]\s*|\d{{1,2}}[.)]\s*)?(?P<short>[^=:–—]+?)\s*{_LEGEND_SEPARATOR}\s*")


def _continues_legend(before: str, line: str, keys: dict[str, str]) -> bool:
    """Whether `line` is the rest of the legend line `before`, wrapped by the layout (see _legend_lines)."""
    if not line.strip() or not before.strip():
        return False
    opening = re.split(r"[,;]", line, maxsplit=1)[0]
    continues = bool(opening.strip()) and not re.search(_LEGEND_SEPARATOR, opening)
    if "=" in before and continues and (_LEGEND_PARTS_RE.search(line) or before.rstrip().endswith((",", ";"))):
        return True
    entries = _legend_entries(before)
    if ("=" in before and before.rstrip().endswith((",", ";")) and len(entries) > 1
            and (m := _LEGEND_RE.fullmatch(next(iter(_legend_entries(line)), ""))) and label_key(m["short"]) in keys):
        return True  # "…, Kasubbag TU = Kepala Subbagian Tata Usaha," above "Kabid = Kepala Bidang"
    if not entries:
        return False
    last = entries[-1]
    tail = re.split(r"[,;]", last)[-1]
    if not re.search(_LEGEND_SEPARATOR, tail) and re.match(rf"\s*{_LEGEND_SEPARATOR}", f" {line}"):
        return label_key(tail) in keys  # "…, Kabid" above "= Kepala Bidang"
    if (not re.search(_LEGEND_SEPARATOR, tail) and (following := _legend_entries(line))
            and (m := _LEGEND_RE.fullmatch(following[0])) and label_key(m["short"]) not in keys):
        # "…, Kasubbag" above "PEP = Kepala Subbagian …": the line before ends with the first part of a heading.
        return label_key(f"{tail} {m['short']}") in keys
    if (m := _LEGEND_OPEN_RE.fullmatch(last)) and label_key(m["short"]) in keys:
        return continues  # "Kabid =" above "Kepala Bidang"
    if (m := _LEGEND_RE.fullmatch(last)) and label_key(m["short"]) in keys:
        # "Kabid = Kepala" above "Bidang Kearsipan": the rest of the name, no entry, remark, date, NIP or
        # signature ("Kepala Dinas,") of its own, below a line the layout broke (not one ending a sentence).
        rest = line.strip()
        return (len(entries) > 1 and not re.search(_LEGEND_SEPARATOR, rest) and not re.search(r"\d{2,}", rest)
                and not rest.endswith(",") and not before.rstrip().endswith((".", ";"))
                and not (rest.isupper() and not m["full"].isupper())
                and (label_key(rest).split() or [""])[0] not in _CLOSING_WORDS
                and not (_abbreviates(m["short"], clean(m["full"])) and _sentence(rest, m["full"])))
    return False


# The small words a position's name keeps in lower case ("Kepala Subbagian Umum dan Kepegawaian").
_NAME_SMALL_WORDS = {"dan", "serta", "atau", "di", "ke", "dari", "pada", "untuk", "yang", "&"}
# The most words the rest of a name a layout wrapped onto its own line is taken to hold, when the part above
# already spells the abbreviation out ("Kabid = Kepala Bidang" above "Perencanaan, Evaluasi dan Pelaporan"): in
# lower case, and in capitals as names are written ("Penanaman Modal dan Pelayanan Terpadu Satu Pintu"), the
# latter with a full stop too ("Kependudukan dan Pencatatan Sipil.").
_NAME_REST_WORDS = 4
_CAPITALISED_REST_WORDS = 7
_CAPITALISED_REST_WORDS_STOP = 4


def _sentence(rest: str, full: str) -> bool:
    """Whether `rest`, the line under a legend whose last entry already spells its abbreviation out (`full`), is a
    sentence of its own ("Arsip dipinjam paling lama tujuh hari kerja.") rather than the rest of that name: a word in
    lower case under a name in capitals ("Kepala Bidang"), more words than the rest of a name holds, or several
    words ending with a full stop. A line in capitals as names are written is a sentence only when longer than a
    name's rest ("Waktu Penyelesaian Dihitung Dalam Hari Kerja Sejak Berkas Lengkap"), or ends with a full stop
    after more words than one ("Semua Arsip Dikembalikan Dalam Keadaan Utuh.")."""
    def capitalised(words: list[str]) -> bool:
        return all(not w[0].isalpha() or w[0].isupper() or w.lower() in _NAME_SMALL_WORDS for w in words)

    words = rest.split()
    meaningful = [w for w in words if w.lower() not in _NAME_SMALL_WORDS]
    stop = rest.endswith((".", "!", "?"))
    if capitalised(words):
        return len(meaningful) > _CAPITALISED_REST_WORDS or (stop and len(meaningful) > _CAPITALISED_REST_WORDS_STOP)
    return capitalised(full.split()) or len(meaningful) > _NAME_REST_WORDS or (stop and len(words) > 2)


def _legend_entries(line: str) -> list[str]:
    """The entries of one line of a legend: the line, or its parts when it holds several "short = full"."""
    return [part for part in _LEGEND_PARTS_RE.split(_LEGEND_HEADING_RE.sub("", line, count=1)) if part.strip()]


def _abbreviates(short: str, full: str) -> bool:
    """Whether `short` can abbreviate `full`: longer, the same first letter, its letters in order among the full
    name's ("Kabid" of "Kepala Bidang", "Ptgs" of "Petugas")."""
    letters, whole = re.sub(r"[^a-z0-9]", "", short.lower()), iter(re.sub(r"[^a-z0-9]", "", full.lower()))
    return len(full) > len(short) and bool(letters) and full.lower().startswith(letters[0]) and all(
        c in whole for c in letters)


def actor_legend(path: Path, body: Grid, actors: list[str], no: int, above: Grid = ()) -> dict[str, str]:
    """The actor columns' names a legend under the table, or above it (`above`: the rows before the table),
    spells out, by the name the column is headed with: {"Kabid": "Kepala Bidang Kearsipan"}. Only the lines
    outside the steps' rows (no step number) whose left side is exactly an actor column's heading, and which it
    abbreviates. SopImportError when the legend spells one heading out twice, differently, or gives it the name
    of another column: which is meant cannot be told."""
    keys = {label_key(name): name for name in actors}
    found: dict[str, str] = {}
    outside = [*above, *(row for row in body if step_label(clean(_cell(row, no))) is None)]
    texts = _legend_lines([text for row in outside for cell in row for text in cell.splitlines()], keys)
    for text in texts:
        for line in _legend_entries(text):
            m = _LEGEND_RE.fullmatch(line)
            if not m or (short := keys.get(label_key(m["short"]))) is None:
                continue
            full = clean(m["full"])
            if label_key(full) == label_key(short) or not _abbreviates(short, full):
                continue  # "Pemohon: menyerahkan berkas" is a remark, no legend
            if short in found and label_key(found[short]) != label_key(full):
                raise SopImportError(path, None, COLUMN_ACTORS, line.strip(), _(
                    "the legend of the actors spells the actor column “%(short)s” out twice: as “%(one)s” and as "
                    "“%(other)s”; keep one") % {"short": short, "one": found[short], "other": full})
            if label_key(full) in keys:
                raise SopImportError(path, None, COLUMN_ACTORS, line.strip(), _(
                    "the legend of the actors names the actor column “%(short)s” “%(full)s”, which is the heading "
                    "of another actor column") % {"short": short, "full": full})
            found[short] = full
    return found


def read_steps(path: Path, draft: SopDraft, rows: Grid, actor_overrides: dict[int, str],
               aliases: dict[str, list[str]], arrows: Sequence[DrawnArrow] = (),
               notes: Sequence[DrawnNote] = (), *, line_breaks: bool = True, above: Grid = ()) -> None:
    top = rows[0]
    no_column = next((i for i, c in enumerate(top) if is_no_header(c)), 0)
    depth = header_depth(rows, no_column)
    columns, actor_columns = _columns(path, rows[:depth])
    draft.headings = _headings(rows[:depth], columns)
    if "unit" in columns and not _holds_units(rows[depth:], columns["unit"]):
        # The column after Waktu with no heading of its own is Waktu's unit when its cells are units ("Menit",
        # "Jam"); one with any other text is a column whose heading was left empty (an Output), warned of below.
        del columns["unit"]
    header_unit = _header_unit(" ".join(_cell(row, columns.get("time")) for row in rows[:depth]))
    if legend := actor_legend(path, rows[depth:], [name for _i, name in actor_columns], columns["no"], above):
        # Actor columns headed by abbreviations a legend under or above the table spells out ("Kabid = Kepala Bidang"): the
        # actors are the positions it names; the steps' words may name either.
        actor_columns = [(i, legend.get(name, name)) for i, name in actor_columns]
        aliases = {**aliases, **{full: [*aliases.get(full, []), short] for short, full in legend.items()}}
    draft.actors = [name for _i, name in actor_columns]
    raw: list[tuple[StepDraft, dict[str, str]]] = []
    labels: list[tuple[int, int, str]] = []  # (step, sub-step, label) of each row of `raw`, as printed
    texts: list[str] = []  # the No. cell of each row of `raw`, its case kept
    body = rows[depth:]
    # A table running over pages repeats its header rows on each page (Word's "repeat header row", a
    # second table after a page break, a text copy with "Halaman 2" between the pages).
    # A table of its own below (a Lampiran's form, "No | Uraian | Isian") names none of the actors: it is no
    # repeat, and ends the procedure table like any text below it.
    actor_keys = {label_key(_cell(row, i)) for row in rows[:depth] for i, _name in actor_columns} - {""}
    repeats = {i: header_depth(body[i:], columns["no"]) for i, row in enumerate(body) if find_table([row]) == 0}
    repeats = {i: d for i, d in repeats.items()
               if actor_keys & {label_key(c) for row in body[i:i + d] for c in row}}
    index = 0
    follows_step = False  # the row before is a step (or its continuation), not a blank or a heading
    start_marks: dict[str, str] = {}  # a "Mulai" row of its own above the first step: its Pelaksana cells
    step_rows: dict[int, int] = {}  # id() of each row of a step (`rows` holds them) -> the step's index
    shared_times: dict[object, list[StepDraft]] = {}  # the steps beside each Waktu cell merged down over rows
    total_row: list[str] | None = None  # the row under the steps giving the procedure's whole time
    between: list[tuple[StepDraft, str]] = []  # a note row between two steps, with the step above it
    while index < len(body):
        row = body[index]
        if index in repeats:
            index += repeats[index]
            follows_step = False
            continue
        index += 1
        number_text = clean(_cell(row, columns["no"]))
        rest = [c for i, c in enumerate(row) if i != columns["no"] and c.strip()]
        if not number_text and not rest:
            follows_step = False
            continue
        printed = step_label(number_text)
        if printed is None and not raw and terminator_row(row):
            start_marks = {name: _mark(row, i) for i, name in actor_columns}
        if printed is None:
            # A signature, or the procedure's whole time under the steps ("JUMLAH WAKTU | 1 hari"), ends the table.
            total = _is_total_row(row, columns)
            if total and raw and total_row is None:
                total_row = row
            signature = (bool(_SIGNATURE_RE.search(" ".join(row))) or total
                         or closes_steps(next((c for c in row if c.strip()), "")))
            if not number_text and follows_step and not signature:
                _continue(raw[-1][0], row, columns)  # a row wrapped by a PDF copy continues the step above
                raw[-1][0].pages = tuple(sorted({*raw[-1][0].pages, *row_pages(row)}))
                if not any(raw[-1][1].values()):
                    # A step over two rows (an SOP application's export) may draw its symbol on the second.
                    raw[-1][1].update({name: _mark(row, i) for i, name in actor_columns})
                step_rows[id(row)] = len(raw) - 1
                continue
            if number_text and clean(_cell(row, columns["activity"])) and not signature:
                raise SopImportError(path, None, COLUMN_NO, number_text, _("is not a step number"),
                                     pages=row_pages(row))
            # Text outside the rows of steps: a page heading or footer between two pages of the table is
            # skipped when the table goes on after it; text below the table (a footnote, a signature)
            # ends it.
            resume = _resumes_at(body, index, repeats, columns, labels[-1][0] if labels else 0)
            if resume is None:
                break
            written = next((c for c in row if c.strip()), "")
            if raw and resume not in repeats and _NOTE_RE.match(written):
                # A note row between two steps ("Catatan: bila Camat berhalangan, …"), not at a page's foot: a
                # remark on the step above, kept in its Ket. and warned of (below, once the steps have labels).
                between.append((raw[-1][0], "\n".join(dict.fromkeys(clean(c) for c in row if c.strip()))))
            index, follows_step = resume, False
            continue
        number = printed[0]  # numbered 1 … N below when the table has sub-steps
        labels.append(printed)
        texts.append(number_text.strip("()."))
        step = StepDraft(number=number, actor="", activity=activity_text(_cell(row, columns["activity"])),
                         # As written, lines and all, until the step's rows are read: then list_text. A
                         # Kelengkapan, Waktu, Output or Keterangan cell merged down over several steps is each
                         # one's (and a Pelaksana cell: _mark).
                         inputs=_merged(_cell(row, columns.get("inputs"))).strip(),
                         output=_merged(_cell(row, columns.get("output"))).strip(),
                         note=note_text(_merged(_cell(row, columns.get("note"))), line_breaks=line_breaks),
                         duration_text=_time_text(row, columns, merged=True), pages=row_pages(row))
        time_cell = _cell(row, columns.get("time"))
        if isinstance(time_cell, MergedCell):
            shared_times.setdefault(time_cell.key, []).append(step)
        marks = {name: _mark(row, i) for i, name in actor_columns}
        if not raw and not any(marks.values()):
            # The flowchart starts in the lane of the first step's actor: its "Mulai" in a row of its own above the
            # step is that step's symbol, as a "Selesai" below the last step is the last step's (_continue).
            marks = start_marks or marks
        raw.append((step, marks))
        step_rows[id(row)] = len(raw) - 1
        follows_step = True
        if len(raw) > MAX_STEPS:
            raise SopImportError(path, None, COLUMN_NO, printed[2],
                                 _("the table has more than %(max)d steps") % {"max": MAX_STEPS})
    if not raw:
        raise SopImportError(path, None, COLUMN_NO, None, _("the procedure table has no numbered steps"))
    draft.steps = [s for s, _m in raw]
    if (romans := roman_column(texts)) is not None:
        # Steps numbered "I", "II", "III" …: numbered 1 … N as the engine runs them, each shown as printed;
        # sub-steps "II.1", "II.2" as the decimal "2.1", "2.2" below.
        labels = [(value, sub, text if not sub else f"{_main_label(text)}.{sub}")
                  for value, (_n, sub, _l), text in zip(romans, labels, texts, strict=True)]
        for step, value in zip(draft.steps, romans, strict=True):
            step.number = value
        name: Callable[[int], str] = partial(roman, lower=_main_label(texts[0]).strip("().").islower())
    elif stray := next((text for _n, _sub, text in labels
                        if roman_number(text) is not None or _ROMAN_SUB_RE.fullmatch(text)), None):
        raise SopImportError(path, None, COLUMN_NO, stray, _(
            "is not a step number: steps are numbered in Roman numerals (I, II, III …) only when all of them are"))
    elif any(not label[0].isdigit() for _n, _sub, label in labels):
        name = letter  # a table lettered "a.", "b." …
    else:
        name = str
    for step in draft.steps:
        step.inputs, step.output = (list_text(step.inputs, line_breaks=line_breaks),
                                    list_text(step.output, line_breaks=line_breaks))
    if any(sub for _n, sub, _l in labels):
        # Sub-steps ("3.1", "3.2" or "3a", "3b"): each is a step of its own, numbered 1 … N in order as the
        # engine runs them; the label printed in the No. column is kept and shown.
        check_sub_numbering(path, labels, draft.steps, name)
        for number, (step, (_n, _sub, label)) in enumerate(zip(draft.steps, labels, strict=True), start=1):
            step.number, step.label = number, label
    else:
        check_numbering(path, draft.steps, [label for _n, _sub, label in labels], name)
        if any(not label.isdigit() for _n, _sub, label in labels):
            # Steps lettered "a.", "b." …: numbered 1 … N as the engine runs them, each shown (and named by
            # a return, "kembali ke langkah a") by the letter the No. column prints.
            for step, (_n, _sub, label) in zip(draft.steps, labels, strict=True):
                step.label = label
    for step, note in between:
        step.note = f"{step.note}\n{note}".strip()
        draft.warnings.append(step_error(path, step, COLUMN_NOTE, note, _(
            "a note row stands between this step and the next: kept as this step's remark (Keterangan); move it "
            "there in the document if it belongs to another step")))
    timed = "time" in columns
    if not timed:
        draft.problems.append(SopImportError(path, None, COLUMN_TIME, None, _(
            "the procedure table has no Waktu column under Mutu Baku, so no step has a standard time (steps "
            "%(steps)s): type each step's time in the upload preview, or add the column to the document")
            % {"steps": ", ".join(s.display_number for s in draft.steps)}))
    for step in draft.steps:
        if not step.activity:
            raise step_error(path, step, COLUMN_ACTIVITY, "", _("the step has no text"))
        step.coordinates_divisions = flow.coordinates_divisions(step.activity)
        if not timed:
            continue
        try:
            step.duration_value, step.duration_unit = parse_duration(_with_unit(step.duration_text, header_unit),
                                                                     day_minutes=draft.day_minutes)
        except ValueError as e:
            draft.problems.append(step_error(path, step, COLUMN_TIME, step.duration_text, str(e)))
            continue
        if is_duration_range(step.duration_text):
            # The step may take at most the longer time; the user who meant another sees it before saving.
            draft.warnings.append(step_error(path, step, COLUMN_TIME, step.duration_text, _(
                "a range of times: the longer, %(time)s, is taken as the standard time")
                % {"time": format_duration(step.duration_value, step.duration_unit)}))
        if caveat := duration_caveat(step.duration_text):
            # "1 hari, tergantung kelengkapan berkas": the time is the standard; the due date cannot follow a caveat.
            draft.warnings.append(step_error(path, step, COLUMN_TIME, step.duration_text, _(
                "a caveat beside the time: %(time)s is taken as the standard time and “%(caveat)s” is left aside; if "
                "the step may take longer, type its longest time in the preview")
                % {"time": format_duration(step.duration_value, step.duration_unit), "caveat": caveat}))
        if mixed_duration(step.duration_text):
            # "1 hari 2 jam": the calendar counts hours inside office hours, which gives the same due date as the
            # day and then the hours wherever the office's days have its normal length.
            draft.warnings.append(step_error(path, step, COLUMN_TIME, step.duration_text, _(
                "days and then a time of the day: read as %(time)s of working time, a day counting as the office's "
                "normal working day of %(day)s; if the step's days are meant otherwise, type its time in the preview")
                % {"time": format_duration(step.duration_value, step.duration_unit),
                   "day": format_duration((Decimal(draft.day_minutes) / 60).quantize(Decimal("0.01")), "hour")}))
        if product := duration_product(step.duration_text):
            # "2 x 8 jam": the service standards' "1 x 24 jam" is one day, but any other count of hours is their sum.
            draft.warnings.append(step_error(path, step, COLUMN_TIME, step.duration_text, _(
                "%(count)d times %(time)s: the product, %(total)s, is taken as the standard time")
                % {"count": product[0], "time": product[1],
                   "total": format_duration(step.duration_value, step.duration_unit)}))
        if two := duration_alternative(step.duration_text):
            # "1 hari/ 7 jam": the same time written two ways, the first the document's own unit.
            draft.warnings.append(step_error(path, step, COLUMN_TIME, step.duration_text, _(
                "two times: %(time)s, the first, is taken as the standard time; %(other)s is left aside")
                % {"time": format_duration(step.duration_value, step.duration_unit), "other": two[1]}))
        if rate := duration_rate(step.duration_text):
            # "2 jam per hari": how long the step works each day, not how long it takes in all.
            draft.warnings.append(step_error(path, step, COLUMN_TIME, step.duration_text, _(
                "a time per %(unit)s: %(time)s is taken as the standard time of the step; if the step runs over "
                "several, type its whole time") % {"unit": rate,
                                                    "time": format_duration(step.duration_value, step.duration_unit)}))
        if item := duration_item(step.duration_text):
            # A case is one berkas/pemohon; a step that handles several takes longer, which the user says.
            draft.warnings.append(step_error(path, step, COLUMN_TIME, step.duration_text, _(
                "a time per %(item)s: %(time)s, the time of one %(item)s, is taken as the standard time")
                % {"item": item, "time": format_duration(step.duration_value, step.duration_unit)}))
    if timed:
        share_times(path, draft, [steps for steps in shared_times.values() if len(steps) > 1])
        if total_row is not None:
            check_total(path, draft, _total_label(total_row, columns),
                        _with_unit(_time_text(total_row, columns), header_unit))
    for index, (step, marks) in enumerate(raw[:-1]):
        if ending := end_terminator(marks, first=index == 0):
            step.ends_if_not = True
            marks[ending] = ""  # the step's own symbol is the other one: its actor's column
    used = {*columns.values(), *(i for i, _name in actor_columns)}
    for title, value in _unread_columns(rows[:depth], [row for row in body if id(row) in step_rows], used):
        draft.warnings.append(SopImportError(path, None, title, value, _(
            "this column of the procedure table is not read: its heading is none of Kelengkapan, Waktu, Output, "
            "Keterangan or an actor's, so what its cells say is left out (rename the heading to keep it)")))
    matcher = flow.ActorMatcher(draft.actors, aliases)
    decide_actors(path, draft, [m for _s, m in raw], matcher, actor_overrides)
    decide_returns(path, draft, matcher)
    decide_arrows(path, draft, [StepArrow(step_rows.get(id(a.source)) if a.source is not None else None,
                                          step_rows.get(id(a.target)) if a.target is not None else None, a.kind,
                                          a.answer, a.target_kind, a.unplaced) for a in arrows])
    for note in notes:
        if note.row is None:  # a Word drawing outside the table: the problem says which
            draft.warnings.append(SopImportError(path, None, None, None, note.problem))
            continue
        index = step_rows.get(id(note.row))
        if index is not None:
            draft.warnings.append(step_error(path, draft.steps[index], COLUMN_ACTORS, note.value, note.problem))
        else:
            # Below the table, or in a row of no step (a blank row, a heading between pages): the cell says where.
            draft.warnings.append(SopImportError(path, None, None, note.value, _(
                "the flowchart symbol in cell %(cells)s stands in a row that is no step of the procedure table: it "
                "is not read; move it into its step's row, or remove it") % {"cells": note.cells.replace("/", " / ")}))


# The label of a row giving the procedure's whole time under the steps: "JUMLAH WAKTU", "Total Waktu
# Penyelesaian", "Jumlah".
_TOTAL_RE = re.compile(r"(?:jumlah|total)(?: (?:waktu|lama))?(?: (?:penyelesaian|pelayanan|proses))?")


# A legend of the table's colours or symbols typed in the row under the last step: "Keterangan warna:", "Ket. simbol",
# "Legenda", "Keterangan tanda/arsiran", "Warna abu-abu menandai pelaksana": never the rest of the last step.
_LEGEND_LABEL_RE = re.compile(r"\s*(?:(?:keterangan|ket\.?|legenda?)\s+(?:warna|simbol|tanda|arsiran|gambar|kotak)\b"
                              r"|legenda?\s*(?::|$)|warna\b.{0,40}\b(?:menandai|menunjukkan|berarti|adalah|=|:))",
                              re.IGNORECASE)


# A legend's word standing alone in the row under the last step, without its colon: "Keterangan", "Ket.", "Legenda",
# "Keterangan Gambar"; or a colour naming what its swatch marks ("Kuning", "Abu-abu : Pelaksana", "Hijau = Kasi").
_LONE_LEGEND_WORDS = frozenset({"keterangan", "ket", "legenda", "legend", "keterangan gambar", "keterangan simbol",
                                "keterangan warna", "keterangan tanda"})
_COLOURS = ("merah muda|merah|kuning|hijau muda|hijau tua|hijau|biru muda|biru tua|biru|abu abu|abu-abu|abu|kelabu"
            "|oranye|orange|jingga|ungu|hitam|putih|coklat|cokelat|pink|merah jambu|toska|tosca|emas|perak")
_COLOUR_RE = re.compile(rf"\s*(?:warna\s+)?(?:{_COLOURS})\s*(?:$|[:=–—]|\s-\s|\.{{3,}})", re.IGNORECASE)


def closes_steps(text: str) -> bool:
    """Whether the first text of a row without a step number names it a row under the steps, none of the last step's
    rest: a note ("Catatan: …", "*) hari kerja"), a legend of colours or symbols ("Keterangan warna:", a lone
    "Keterangan", a colour's name "Kuning" or "Abu-abu : Pelaksana" beside its swatch) or the procedure's whole time
    ("Jumlah waktu")."""
    return bool(_NOTE_RE.match(text) or _LEGEND_LABEL_RE.match(text) or _TOTAL_RE.fullmatch(label_key(text))
                or label_key(text) in _LONE_LEGEND_WORDS or _COLOUR_RE.match(text))


def _is_total_row(row: list[str], columns: dict[str, int]) -> bool:
    """Whether a row without a step number is the table's total: its Uraian (or No.) cell a total's label."""
    return any(_TOTAL_RE.fullmatch(label_key(_cell(row, columns.get(key)))) for key in ("activity", "no"))


def _total_label(row: list[str], columns: dict[str, int]) -> str:
    """The total row's label as the document writes it ("JUMLAH WAKTU"), without a closing colon."""
    return next(clean(_cell(row, columns.get(key))).rstrip(" :") for key in ("activity", "no")
                if _TOTAL_RE.fullmatch(label_key(_cell(row, columns.get(key)))))


# One part of a total written in several units ("1 hari 1 jam 10 menit", "1 Hari, 1 Jam dan 10 Menit").
_TOTAL_PART_RE = re.compile(r"\d+(?:[.,]\d+)?\s*[a-z]+\.?")


def _added_up(times: Iterable[tuple[Decimal, str]]) -> dict[str, Decimal]:
    """Times added up unit by unit, hours as 60 minutes: a working day's length is the office's own (7,5 or 8
    jam), so hours are never carried into days, nor days into weeks or months."""
    out: dict[str, Decimal] = {}
    for value, unit in times:
        if unit == "hour":
            value, unit = value * 60, "minute"
        out[unit] = out.get(unit, Decimal(0)) + value
    return {unit: value for unit, value in out.items() if value}


def _total_time(text: str) -> dict[str, Decimal] | None:
    """A total row's time, added up by unit (_added_up): one time as parse_duration reads it ("1 jam 30
    menit", "± 3 hari"), or several units one after another ("1 hari 1 jam 10 menit"). None when it cannot
    be read."""
    try:
        if not mixed_duration(text):  # "1 hari 1 jam" is added up unit by unit below: no day in hours here
            return _added_up([parse_duration(text)])
    except ValueError:
        pass
    lowered = text.lower()
    parts = _TOTAL_PART_RE.findall(lowered)
    if len(parts) < 2 or re.sub(r"[\s,]|\bdan\b", "", _TOTAL_PART_RE.sub("", lowered)):
        return None  # words besides the times ("sesuai kebutuhan", "3 hari kalender")
    try:
        return _added_up(parse_duration(part) for part in parts)
    except ValueError:
        return None


def _total_text(times: dict[str, Decimal]) -> str:
    """A total as the document would write it: "1 hari 1 jam 10 menit"."""
    parts = [format_duration(times[unit], unit) for unit in ("month", "week", "day") if unit in times]
    hours, minutes = divmod(times.get("minute", Decimal(0)), 60)
    if hours:
        parts.append(format_duration(hours, "hour"))
    if minutes:
        parts.append(format_duration(minutes, "minute"))
    return " ".join(parts)


def check_total(path: Path, draft: SopDraft, label: str, text: str) -> None:
    """A total row under the steps ("JUMLAH WAKTU | 1 hari 1 jam 10 menit") against the steps' standard times
    added up (a Waktu shared by merged steps counted once, as its shares add up to it): when they differ, a
    warning names both, and each step keeps its own time. Left unchecked when the total or a step's time
    cannot be read (that step has its problem)."""
    written = _total_time(text) if text else None
    if written is None or any(s.duration_value is None for s in draft.steps):
        return
    steps = _added_up((s.duration_value, s.duration_unit) for s in draft.steps if s.duration_value is not None)
    if written == steps:
        return
    draft.warnings.append(SopImportError(path, None, COLUMN_TIME, text, _(
        "the table's %(label)s row gives %(total)s, but the steps' standard times add up to %(sum)s: each step "
        "keeps its own time; check the steps' Waktu and the total in the document")
        % {"label": label, "total": _total_text(written), "sum": _total_text(steps)}))


def end_terminator(marks: dict[str, str], *, first: bool) -> str | None:
    """The column of a Selesai terminator drawn in a step row above the last beside the step's own symbol
    (a decision whose "Tidak" line ends there), as the shape reader (shapes.py) or a copied flowchart
    leaves it: "Selesai", or the bare terminator mark "⬭" (not in the first row, where it is Mulai).
    None when the row has no such terminator, or no other symbol."""
    ends = [actor for actor, mark in marks.items()
            if flow.normalise_name(mark) == "selesai" or (not first and mark.strip() == "⬭")]
    others = [actor for actor, mark in marks.items() if mark.strip() and actor not in ends
              and not flow.is_label(mark)]
    return ends[0] if len(ends) == 1 and len(others) == 1 else None


def _resumes_at(body: Grid, index: int, repeats: dict[int, int], columns: dict[str, int], last: int) -> int | None:
    """Where the table goes on after text outside it: its header repeated, or the next step (numbered
    `last` + 1, or a sub-step of `last`, with its text) after a page heading or footer. None when the
    table ended."""
    for i in range(index, len(body)):
        if i in repeats:
            return i
        row = body[i]
        printed = step_label(clean(_cell(row, columns["no"])))
        if printed and (printed[0] == last + 1 or (printed[0] == last and printed[1])) and clean(
                _cell(row, columns["activity"])):
            return i
    return None


def _holds_units(rows: Grid, index: int) -> bool:
    """Whether the filled cells of column `index` of the rows under the header are units of time ("Menit",
    "Hari Kerja", "jam"), as a Waktu column split into number and unit has them; at most one may be other
    text (a total row, a note below the table)."""
    filled = [label_key(clean(_merged(_cell(row, index)))) for row in rows if clean(_merged(_cell(row, index)))]
    others = [key for key in filled if not (set(key.split()) & set(DURATION_UNITS))]
    return len(others) <= 1 or len(others) * 2 <= len(filled) - len(others)


def _unread_columns(header: Grid, steps: Grid, used: set[int]) -> list[tuple[str, str]]:
    """(heading, first filled cell) of each column of the steps' rows that is none of `used` (the standard
    columns and the actors') and holds text: a Mutu Baku column under a heading the reader does not know
    ("Bukti", "Paraf"). A column repeating a read one beside it (a merged cell spread over two) is none."""
    found = []
    for i in range(max((len(row) for row in [*header, *steps]), default=0)):
        if i in used:
            continue
        filled = [row for row in steps if clean(_cell(row, i))]
        if not filled or all(any(clean(_cell(row, i)) == clean(_cell(row, j)) for j in used) for row in filled):
            continue
        title = next((clean(_cell(row, i)) for row in reversed(header) if clean(_cell(row, i))), "")
        found.append((title or str(i + 1), clean(_cell(filled[0], i))))
    return found


def _mark(row: list[str], index: int) -> str:
    """A Pelaksana cell's mark: its text, "" for a flow line or arrow typed in it (flow.is_drawn_line). A cell
    merged down over several steps marks each of them: the same actor performs them all."""
    text = clean(_merged(_cell(row, index)))
    return "" if flow.is_drawn_line(text) else text


def step_error(path: Path, step: StepDraft, column: str | None, value: str | None, problem: str, *,
               choosable: bool = False) -> SopImportError:
    """A problem of one step, naming it as the document numbers it ("step 3.1"), and of a PDF its page(s)."""
    return SopImportError(path, step.number, column, value, problem, label=step.label, choosable=choosable,
                          pages=step.pages)


def row_pages(row: Sequence[str]) -> tuple[int, ...]:
    """The pages a PDF's row stands on (readers.PageRow); () of another document's."""
    return getattr(row, "pages", ())


def _merged(cell: str) -> str:
    """A cell's text, or the text of the range merged down over it (MergedCell)."""
    return cell.text if isinstance(cell, MergedCell) else cell


def share_times(path: Path, draft: SopDraft, groups: list[list[StepDraft]]) -> None:
    """Each group of steps beside one Waktu cell merged down over their rows: a reader of the SOP sees one
    time for those steps together (the table's total counts it once), so each step gets an equal share of
    it, the last the rounding's remainder, and one warning beside the first says so, naming the time, the
    steps and the shares, for the user to type each step's own time where the SOP means another."""
    for steps in groups:
        first = steps[0]
        if first.duration_value is None or any(s.duration_value is None for s in steps):
            continue  # unreadable ("Setiap hari"): each step has the problem, settled step by step
        written = format_duration(first.duration_value, first.duration_unit)
        total, unit = first.duration_value, first.duration_unit
        if unit == "hour" and total % len(steps):
            total, unit = total * 60, "minute"  # 2 jam over three steps: 40 menit each, not 0,66 jam
        share = (total / len(steps)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        if share <= 0:
            share = Decimal("0.01")
        last = total - share * (len(steps) - 1)
        shares = [share] * (len(steps) - 1) + [last if last > 0 else share]
        numbers = [s.display_number for s in steps]
        named = _("%(steps)s and %(last)s") % {"steps": ", ".join(numbers[:-1]), "last": numbers[-1]}
        each = ", ".join(_("step %(step)s %(time)s") % {"step": n, "time": format_duration(v, unit)}
                         for n, v in zip(numbers, shares, strict=True))
        for step, value in zip(steps, shares, strict=True):
            step.duration_value = value.to_integral_value() if value == value.to_integral_value() else value
            step.duration_unit = unit
        # Once, beside the first of the steps: it names them all.
        draft.warnings.append(step_error(path, first, COLUMN_TIME, first.duration_text, _(
            "one Waktu, %(time)s, is written for steps %(steps)s together (a cell merged over their rows): it "
            "is read as the time of those steps together, shared equally (%(each)s); if each step may take the "
            "whole %(time)s, or the steps take different times, type each step's own time")
            % {"time": written, "steps": named, "each": each}))


def _time_text(row: list[str], columns: dict[str, int], *, merged: bool = False) -> str:
    """The Waktu cell, with the unit from the column beside it when the number and unit stand apart; with
    `merged`, the text of a Waktu (and unit) cell merged down over the row."""
    def text_of(cell: str) -> str:
        return clean(_merged(cell) if merged else cell)

    text = text_of(_cell(row, columns.get("time")))
    unit = text_of(_cell(row, columns.get("unit")))
    if unit and not set(label_key(text).split()) & set(DURATION_UNITS):
        return f"{text} {unit}".strip()
    return text


def activity_text(cell: str) -> str:
    """A step's text: its lines joined, except that a sub-step written on a line of its own ("a. mencatat
    identitas pelapor;", "- …", "1) …", as paragraphs of a Word cell or lines of an Excel cell) keeps its
    line, as the document prints it. Lines that merely wrap are one text; a line that is a sentence of its own
    ("Menerima berkas" over "Memeriksa kelengkapan") ends with a full stop (join_sentences)."""
    lines = [clean(line) for line in cell.splitlines() if line.strip()]
    text = ""
    for k, line in enumerate(lines):
        text = line if not k else f"{text}\n{line}" if starts_item(line) else join_sentences(text, line)
    return text


# Joining the lines of a step's activity (Word paragraphs, Excel lines, a PDF's lines, the rows of a step written over
# two): a line that ends no sentence before one that starts another ("Menerima berkas" / "Memeriksa kelengkapan")
# takes the full stop a reader expects ("Menerima berkas. Memeriksa kelengkapan"); any other line wraps (a space).
# A line starts a sentence with a verb, capitalised ("Memeriksa", "Diteruskan", "Berkoordinasi", "Menyerahkan"), or
# a clause's first word ("Apabila", "Setelah", "Kemudian"); the line before ends none when its last word is in lower
# case (not a name: "kepada Kepala" / "Dinas …") and joins nothing to what follows ("kepada", "dan", "untuk").
# The same rule for every format: a PDF's lines may only wrap, and a wrap before a name, a noun or a preposition of
# the same prefixes ("surat" / "Disposisi", "pemohon" / "Melalui petugas", "teknis" / "Dispertan", "Berdasarkan")
# stays a space. A verb is told by Indonesian morphology, not by a list of verbs: a prefix me-/mem-/men-/meng-/meny-,
# di-, ber- or ter- before a stem in small letters of four letters or more that starts as an Indonesian word can
# (a vowel, one consonant before a vowel, ng/ny/kh/sy, or a consonant before r or l, as loanwords do: "Diproses").
# An agency's short name of the same letters starts its "stem" with a cluster no word starts with ("Dispertan",
# "Ditjen", "Dirjen", "Disdik", "Diskominfo", "Dinkes"); a short list holds the nouns and prepositions that pass the
# rule all the same ("Direktur", "Menteri", "Melalui", "Berdasarkan"). When unsure, a space: a full stop wrongly set
# splits a sentence, a space wrongly kept only runs two on.
_CLAUSE_STARTS = frozenset({"apabila", "jika", "bila", "bilamana", "setelah", "sesudah", "kemudian", "selanjutnya",
                            "lalu"})
_STEM_START_RE = re.compile(r"[aeiou]|ng|ny|kh|sy|[b-df-hj-np-tv-z](?:[aeiou]|[rl])")
_NOT_VERBS = frozenset({
    # nouns of the prefixes' letters
    "menteri", "media", "metode", "mekanisme", "direktur", "direktorat", "direksi", "divisi", "diklat", "disposisi",
    "berita", "terminal", "termin", "tersangka", "dinas",
    # prepositions and conjunctions
    "melalui", "berdasarkan", "terhadap", "tentang", "dengan", "bersama", "bersamaan", "termasuk", "mengenai",
    "menurut", "terkait", "beserta", "dalam", "dari", "terutama", "melainkan", "menjelang", "mengingat"})
_JOINING_WORDS = frozenset({
    "kepada", "kpd", "ke", "dan", "atau", "untuk", "utk", "dari", "oleh", "yang", "yg", "dengan", "dgn", "di", "pada",
    "serta", "bahwa", "sebagai", "melalui", "tentang", "bagi", "agar", "sesuai", "berupa", "yaitu", "antara", "dalam",
    "terhadap", "akan", "telah", "sudah", "belum", "tidak", "para", "surat", "si", "sang", "selaku", "atas", "beserta"})


def starts_sentence(word: str) -> bool:
    """Whether a line whose first word is `word` starts a sentence: a clause's first word ("Apabila") or a verb,
    capitalised, by its form (see above): "Memeriksa", "Diteruskan", "Berkoordinasi"; not "Dispertan", "Ditjen",
    "Melalui", "Berkas", "DINAS"."""
    word = word.rstrip(",:;.")
    if word.lower() in _CLAUSE_STARTS and word[:1].isupper():
        return True
    if word.lower() in _NOT_VERBS:
        return False
    for prefix in ("Meng", "Meny", "Mem", "Men", "Me", "Di", "Ber", "Ter"):
        stem = word[len(prefix):]
        if (word.startswith(prefix) and len(stem) >= 4 and stem.isascii() and stem.isalpha() and stem.islower()
                and _STEM_START_RE.match(stem)):
            return True
    return False


def join_sentences(before: str, line: str) -> str:
    """`before` and the next line of the same text: a full stop between them when `before` ends no sentence and
    `line` starts one, else a space."""
    last = before.split()[-1] if before.split() else ""
    first = line.split()[0] if line.split() else ""
    ends_none = bool(last) and last[-1].isalnum() and last.islower() and last not in _JOINING_WORDS
    return f"{before}. {line}" if ends_none and starts_sentence(first) else f"{before} {line}"


def note_text(cell: str, *, line_breaks: bool = True) -> str:
    """A Ket. cell as a step stores it: each of its lines kept where the line breaks are the author's (a Word
    cell's paragraphs, an Excel cell's Alt+Enter: "Tidak: kembali ke langkah 2" over "Ya: diteruskan ke
    Kadis"), the pages and the sheet print them so; in a PDF, whose lines only wrap, joined as a step's text
    is (activity_text)."""
    if not line_breaks:
        return activity_text(cell)
    return "\n".join(clean(line) for line in cell.splitlines() if line.strip())


def _header_unit(header: str) -> str:
    """The one unit a Waktu header names ("Waktu (menit)" → "menit"), or "" for none or several."""
    units = {word for word in label_key(header).split() if word in DURATION_UNITS}
    return units.pop() if len(units) == 1 else ""


def _with_unit(text: str, unit: str) -> str:
    """A number without a unit under a header that names the unit takes that unit: "15", "½", "1-2" or
    "1 (satu)" under "Waktu (hari)" as "15 hari" … The parser reads each as it reads them with the unit;
    a time naming its own unit ("30 menit", "30'") or none at all ("-") is left as written. A caveat beside the
    number is left aside ("2, tergantung jumlah berkas" as "2 hari"). A number in words is a number as digits are
    ("Dua belas", "Dua, tergantung jumlah berkas", "setengah" under "Waktu (hari)" as "dua belas hari" …)."""
    time = time_without_caveat(text)
    digits = spelled_as_digits(time)
    if not unit or not re.search(r"[\d½¼¾]", digits) or re.search(r"['’′]", time):
        return text
    return text if set(label_key(digits).split()) & set(DURATION_UNITS) else f"{time} {unit}"


def _continue(step: StepDraft, row: list[str], columns: dict[str, int]) -> None:
    for attr, key in (("activity", "activity"), ("note", "note"), ("duration_text", "time")):
        extra = clean(_cell(row, columns.get(key)))
        if extra:
            before = getattr(step, attr)
            # The activity's next row, as its next line ("Menerima berkas" over "Memeriksa kelengkapan").
            joined = join_sentences(before, extra) if attr == "activity" and before else f"{before} {extra}"
            setattr(step, attr, joined.strip())
    # Kelengkapan and Output keep their lines (read_steps makes them lists): the row's text goes on the
    # step's last line, unless it starts an item of its own ("- KK" on the row under "- KTP").
    for attr in ("inputs", "output"):
        extra = _cell(row, columns.get(attr)).strip()
        if extra:
            joint = "\n" if starts_item(extra) else " "
            setattr(step, attr, f"{getattr(step, attr)}{joint}{extra}".strip())


def _repeated(path: Path, label: str, row: int, step: StepDraft) -> SopImportError:
    """The error of a step number printed twice, naming the row that repeats it (its place among the steps'
    rows and its text): the first row of that number is likely right, and naming it would send the user there."""
    activity = step.activity if len(step.activity) <= 60 else step.activity[:57] + "…"
    return SopImportError(path, None, COLUMN_NO, label, _(
        "step number %(label)s appears twice: again on step row %(row)d, “%(activity)s”")
        % {"label": label, "row": row, "activity": activity}, pages=step.pages)


def _mistyped(path: Path, label: str, row: int, step: StepDraft, expected: str) -> SopImportError:
    """The error of a step number printed twice whose first row is the one out of order ("4, 6, 6, 7"): that row
    is named, with the number it likely means."""
    activity = step.activity if len(step.activity) <= 60 else step.activity[:57] + "…"
    return SopImportError(path, None, COLUMN_NO, label, _(
        "step number %(label)s appears twice: step row %(row)d, “%(activity)s”, is likely step %(expected)s")
        % {"label": label, "row": row, "activity": activity, "expected": expected}, pages=step.pages)


def check_numbering(path: Path, steps: Sequence[StepDraft], printed: Sequence[str],
                    name: Callable[[int], str] = str) -> None:
    """Steps are numbered 1, 2, 3 … (or a, b, c …, or I, II, III …) without gaps or repeats; a repeat names
    the row repeating the number, as `printed` in the No. column; a gap names the missing step as the table
    numbers its steps (`name`: 3 → "c" in a lettered table, "III" in a Roman-numbered one)."""
    numbers = [s.number for s in steps]
    seen: set[int] = set()
    for row, number in enumerate(numbers, start=1):
        if number in seen:
            first = numbers.index(number) + 1
            if number == row and number != first:
                # 1, 2, 3, 4, 6, 6, 7: the second 6 stands on the sixth row, the first on the fifth, so the
                # first is the typo (of 5).
                raise _mistyped(path, printed[first - 1], first, steps[first - 1], name(first))
            raise _repeated(path, printed[row - 1], row, steps[row - 1])
        seen.add(number)
    for expected, number in enumerate(numbers, start=1):
        if number != expected:
            raise SopImportError(path, expected, COLUMN_NO, printed[expected - 1], _missing(name, expected),
                                 label="" if name is str else name(expected), pages=steps[expected - 1].pages)


def _missing(name: Callable[[int], str], expected: int) -> str:
    """The problem of a missing step, naming it and the numbering as the table writes them (check_numbering)."""
    return _("step %(expected)s is missing (steps must be numbered %(sequence)s … in order)") % {
        "expected": name(expected), "sequence": ", ".join(name(n) for n in (1, 2, 3))}


def _sub_sequence(name: Callable[[int], str], step: int) -> str:
    """How the sub-steps of `step` are numbered: "3.1, 3.2 … or 3a, 3b"; "II.1, II.2" of a Roman-numbered step."""
    if name is str:
        return _("%(step)s.1, %(step)s.2 … or %(step)sa, %(step)sb") % {"step": step}
    return f"{name(step)}.1, {name(step)}.2"


def check_sub_numbering(path: Path, labels: list[tuple[int, int, str]], steps: Sequence[StepDraft],
                        name: Callable[[int], str] = str) -> None:
    """Steps and sub-steps in order: 1, 2, 3.1, 3.2, 4 (or 3a, 3b; II.1, II.2 in a Roman-numbered table), a
    step's own row (3) before its sub-steps if it has one, each sub-step numbered from 1 (or a) up without
    gaps or repeats. `steps` are the rows of `labels`: a repeat names the row repeating the number; `name`
    writes a step's number as the table does (check_numbering)."""
    seen: set[tuple[int, int]] = set()
    last_main, last_sub = 0, 0
    for row, (main, sub, label) in enumerate(labels, start=1):
        if (main, sub) in seen:
            raise _repeated(path, label, row, steps[row - 1])
        seen.add((main, sub))
        if sub == 0 or main != last_main:
            if main != last_main + 1:
                raise SopImportError(path, None, COLUMN_NO, label, _missing(name, last_main + 1))
            if sub > 1:
                raise SopImportError(path, None, COLUMN_NO, label, _(
                    "the first sub-step of step %(step)s is missing (sub-steps are numbered %(sequence)s … in "
                    "order)") % {"step": name(main), "sequence": _sub_sequence(name, main)})
        elif sub != last_sub + 1:
            raise SopImportError(path, None, COLUMN_NO, label, _(
                "a sub-step of step %(step)s is missing or out of order (sub-steps are numbered %(sequence)s … "
                "in order)") % {"step": name(main), "sequence": _sub_sequence(name, main)})
        last_main, last_sub = main, sub


def decide_actors(path: Path, draft: SopDraft, marks: list[dict[str, str]], matcher: flow.ActorMatcher,
                  overrides: dict[int, str]) -> None:
    """The actor of each step, in this order of trust: the user's choice, the column holding the step's
    symbol ("Mulai" anchors step 1, "Selesai" the last), the hand-off named in the step before, a step
    text that opens with a position's name. A step none of these decide is a problem naming it."""
    for number, name in overrides.items():
        if not any(s.number == number for s in draft.steps):
            raise SopImportError(path, number, COLUMN_ACTORS, name, _("there is no such step"))
    yes_marks = flow.marked_by_yes(marks)
    for index, step in enumerate(draft.steps):
        if step.number in overrides:
            chosen = overrides[step.number]
            actor = matcher.match(chosen)
            if actor is None:
                raise step_error(path, step, COLUMN_ACTORS, chosen, _(
                    "is not one of the actor columns (%(actors)s)") % {"actors": ", ".join(draft.actors)})
            step.actor, step.actor_source = actor, "override"
        elif actor := flow.symbol_actor(marks[index], yes_marks=yes_marks):
            step.actor, step.actor_source = actor, "symbol"
        elif index > 0 and (actor := flow.handoff_target(draft.steps[index - 1].activity, matcher)):
            step.actor, step.actor_source = actor, "handoff"
        elif index > 0 and (actor := _yes_actor(draft.steps[index - 1], matcher)):
            # "Ya: ke Kabid" in the Ket. cell of the decision before: after "Ya" the work goes on to this step.
            step.actor, step.actor_source = actor, "handoff"
        elif actor := matcher.match_at_start(step.activity):
            step.actor, step.actor_source = actor, "text"
        elif len(marked := [a for a, m in marks[index].items()
                            if m.strip() and (not flow.is_label(m) or yes_marks and flow.answer_label(m) == flow.YES)]) > 1:
            # Two columns marked ("X" under the Pemohon and under the Petugas): "mark its column" would say
            # nothing to whoever did.
            filled = ", ".join(f"{a}: {m}" for a, m in marks[index].items() if m)
            draft.problems.append(step_error(path, step, COLUMN_ACTORS, filled, _(
                "%(count)d actor columns are marked for this step (%(actors)s), and a step has one actor: leave "
                "the mark in one column, or choose the actor yourself") % {"count": len(marked),
                                                                           "actors": ", ".join(marked)},
                choosable=True))
        elif labels := [(a, m) for a, m in marks[index].items() if m.strip()]:
            # Only "Ya" or "Tidak" in the row (its diamond lost in a copy, or "Ya" typed as the mark in one step of a
            # table marked otherwise): the label of a decision's branch says where the work goes after the question,
            # the mark who performs the step; which one the document meant cannot be told.
            draft.problems.append(step_error(path, step, COLUMN_ACTORS, ", ".join(f"{a}: {m}" for a, m in labels), _(
                "this step's Pelaksana cells hold only %(labels)s, which in a flowchart labels a decision's branch "
                "(where the work goes after the question) rather than marking who performs the step: the actor of "
                "this step cannot be decided; put the step's symbol in its actor's column, or choose the actor "
                "yourself") % {"labels": ", ".join(f"“{m}” (%s)" % a for a, m in labels)},
                choosable=True))
        else:
            filled = ", ".join(f"{a}: {m}" for a, m in marks[index].items() if m) or None
            draft.problems.append(step_error(path, step, COLUMN_ACTORS, filled, _(
                "the actor of this step cannot be decided: mark its column or name it in the step before "
                "(“… kepada Kasubbag”), or choose the actor yourself"), choosable=True))


def _yes_actor(step: StepDraft, matcher: flow.ActorMatcher) -> str | None:
    """The one actor column the step's "Ya" answers send the work to ("Ya: ke Kabid"), in its text or Ket. cell."""
    found = {matcher.match_at_start(y.words) for text in (step.activity, flow.one_line(step.note))
             for y in flow.yes_actors(text)}
    return found.pop() if len(found) == 1 and None not in found else None


def _decide_yes_actors(path: Path, draft: SopDraft, step: StepDraft, column: str, text: str,
                       matcher: flow.ActorMatcher, yes_back: list[tuple[str, str, int]]) -> None:
    """A decision's "Ya" naming an actor ("Ya: ke Kabid") goes to that actor's next step, as "Ya: ke langkah 5"
    goes to step 5: the next step is what the engine opens after "Ya"; a later step is warned of (only the "Tidak"
    can skip ahead); with no later step of that actor, its latest earlier one is a "Ya" going back (yes_back). An
    actor that no column or several fit is warned of, naming the words."""
    index = draft.steps.index(step)
    for yes in flow.yes_actors(text):
        actor = matcher.match_at_start(yes.words) or _outside_column(draft, yes.words)
        if actor is None:
            if not yes.loose:
                name = " ".join(yes.words.split()[:flow.MAX_NAME_WORDS])
                draft.warnings.append(step_error(path, step, column, yes.text, _(
                    "the “Ya” answer sends the work to “%(name)s”, but that names no one actor column of the table "
                    "(%(actors)s): where it goes is not read; mark the actor of the next step in its column")
                    % {"name": name, "actors": ", ".join(draft.actors)}))
            continue
        later = next((s for s in draft.steps[index + 1:] if s.actor == actor), None)
        if later is None:
            earlier = next((s for s in reversed(draft.steps[:index]) if s.actor == actor), None)
            if earlier is not None:
                yes_back.append((column, yes.text, earlier.number))
            else:
                draft.warnings.append(step_error(path, step, column, yes.text, _(
                    "the “Ya” answer sends the work to the %(actor)s, who has no other step in the table: where it "
                    "goes is not read") % {"actor": actor}))
            continue
        if later.number > step.number + 1:
            following = draft.steps[index + 1]
            draft.warnings.append(step_error(path, step, column, yes.text, _(
                "the “Ya” answer goes to the %(actor)s, whose next step is %(target)s, but a step's “Ya” goes on to "
                "the next step (%(next)s, the %(other)s's): only the “Tidak” answer can skip ahead. Ask the question "
                "the other way round or check the order of the steps and their actors")
                % {"actor": actor, "target": later.display_number, "next": following.display_number,
                   "other": following.actor or "?"}))


def decide_returns(path: Path, draft: SopDraft, matcher: flow.ActorMatcher) -> None:
    """Return edges: "kembali ke langkah 3" (or "ke lgkh 3", "ke lkh 3") names the step; "dikembalikan kepada
    JFU", or a decision's "Tidak: ke JFU", goes to the latest earlier step of that actor column (a "Tidak" naming
    an actor with no earlier step goes on to that actor's next step, a branch); a name matching no actor column
    is a warning naming the step, the words and the columns. "dikembalikan" alone goes to the step before.
    Read from the step's text and from its Ket. cell, where many offices write the "Tidak" branch of a decision.

    A "Tidak" that ends the procedure ("Tidak: proses selesai", "jika tidak memenuhi syarat, permohonan
    ditolak dan dikembalikan kepada pemohon (selesai)") makes the step end there (ends_if_not); what it
    hands back within those words ("dikembalikan kepada pemohon") is part of the end, not a return. On the
    last step too ("jika tidak disetujui, permohonan ditolak (selesai)"): a refusal there is an outcome of
    its own (the case ends not continued, with its reason), not the completion the procedure ends with."""
    for index, step in enumerate(draft.steps):
        ends = [(COLUMN_ACTIVITY, e) for e in flow.end_phrases(step.activity)]
        ends += [(COLUMN_NOTE, e) for e in flow.end_phrases(flow.one_line(step.note))]
        if ends:
            step.ends_if_not = True
        phrases = [(COLUMN_ACTIVITY, p) for p in flow.return_phrases(step.activity)]
        phrases += [(COLUMN_NOTE, p) for p in flow.return_phrases(flow.one_line(step.note))]
        yes_back: list[tuple[str, str, int]] = []  # (column, words, step) of a "Ya" that goes back
        for column, phrase in phrases:
            if any(c == column and e.start <= phrase.start < (e.end if phrase.step else e.reach) for c, e in ends):
                # "… ditolak dan dikembalikan kepada pemohon (selesai)", "Tidak: proses selesai, berkas dikembalikan
                # kepada pemohon": handed back as it ends (a step named after the end is a return all the same).
                continue
            target: int | None = None
            back_to = ""  # the actor column the words send work back to, when they name one
            if phrase.step is not None:
                named = step_named(draft, phrase.step)
                if named is None and (named := _roman_named(draft, phrase.step)) is not None:
                    # "Tidak: ke langkah II" in a table numbered 1, 2, 3: a number all the same, read with a
                    # word, since the table cannot say it is meant.
                    draft.warnings.append(step_error(path, step, column, phrase.text, _(
                        "names step %(written)s in Roman numerals, but the No. column numbers the steps 1, 2, 3 …: "
                        "read as step %(number)d") % {"written": phrase.step.upper(), "number": named}))
                elif (lettered := _lettered_roman(draft, phrase.step, named)) is not None:
                    named, problem = lettered
                    draft.warnings.append(step_error(path, step, column, phrase.text, problem))
                if named is not None and not any(s.number == named for s in draft.steps):
                    named = None  # "langkah 9" of a table of six steps
                if named is None and not (phrase.decision and phrase.step[0].isdigit()):
                    # "langkah c" of a table numbered 1, 2, 3, "kembali ke langkah 9" of one of five: no step is so
                    # numbered, which "no earlier step" does not say ("Tidak: ke langkah 9" is a branch past the
                    # last step, said below).
                    draft.problems.append(step_error(path, step, column, phrase.text, _(
                        "sends work to step %(written)s, but the table has no step of that number (its steps are "
                        "%(first)s to %(last)s)") % {"written": _as_written(phrase.text, phrase.step),
                                           "first": draft.steps[0].display_number,
                                           "last": draft.steps[-1].display_number}))
                    continue
                if phrase.decision and (named is None or named > step.number):
                    # "Tidak: ke langkah 8" skips ahead: a branch, not a return ("Tidak: ke langkah 5"
                    # from step 4 names the next step, which Ya opens too: nothing to add).
                    if named is None:
                        last = draft.steps[-1]
                        draft.problems.append(SopImportError(path, step.number, column, phrase.text, _(
                            "the “Tidak” branch goes on to step %(target)s, but the last step is %(last)s")
                            % {"target": phrase.step, "last": last.label or last.number}))
                    elif named > step.number + 1:
                        if step.branch_to not in (None, named):
                            draft.problems.append(SopImportError(path, step.number, column, phrase.text, _(
                                "the “Tidak” branch goes on to step %(target)s and to step %(other)s: a step "
                                "has one") % {"target": phrase.step, "other": step.branch_to}))
                        step.branch_to = named
                    continue
                # A return to the step itself ("Jika tidak sesuai, kembali ke langkah 4" on step 4) has the
                # step done again: the engine's return_task opens a fresh task of its target, whichever step.
                if named is not None and 1 <= named <= step.number:
                    target = named
            elif phrase.actor_text:
                actor = matcher.match_at_start(phrase.actor_text) or _outside_column(draft, phrase.actor_text)
                if actor is None:
                    if not phrase.loose and flow.names_position(phrase):
                        # "dikembalikan kepada Bendahara" with no Bendahara column: the user must know the
                        # return is not read, though the import goes on.
                        name = " ".join(phrase.actor_text.split()[:flow.MAX_NAME_WORDS])
                        draft.warnings.append(step_error(path, step, column, phrase.text, _(
                            "this step sends work back to “%(name)s”, but the table has no actor column of that "
                            "name (%(actors)s): the return is not read") % {"name": name,
                                                                         "actors": ", ".join(draft.actors)}))
                    continue  # "kembali ke ruang kerja": not a return to a position
                target, back_to = next((s.number for s in reversed(draft.steps[:index]) if s.actor == actor), None), actor
                if target is None and phrase.decision:
                    # "Tidak: ke Kepala Dinas" from a check before the Kepala Dinas's first step: the "Tidak"
                    # goes on to that step, as "Tidak: ke langkah 6" would (the next step: nothing to add).
                    later = next((s.number for s in draft.steps[index + 1:] if s.actor == actor), None)
                    if later is not None:
                        if later > step.number + 1:
                            if step.branch_to not in (None, later):
                                draft.problems.append(step_error(path, step, column, phrase.text, _(
                                    "the “Tidak” branch goes on to step %(target)s and to step %(other)s: a step "
                                    "has one") % {"target": draft.step(later).display_number,
                                                  "other": draft.step(step.branch_to).display_number}))
                            step.branch_to = later
                        continue
            elif index > 0:
                target = draft.steps[index - 1].number
            if phrase.yes and target is not None:
                yes_back.append((column, phrase.text, target))  # decided below, once the "Tidak" is known
                continue
            if target is None:
                draft.problems.append(step_error(path, step, column, phrase.text, _no_earlier(draft, step, back_to)))
            elif target not in step.returns_to:
                step.returns_to.append(target)
        for column, text in ((COLUMN_ACTIVITY, step.activity), (COLUMN_NOTE, flow.one_line(step.note))):
            if step is not draft.steps[-1]:
                _decide_yes_actors(path, draft, step, column, text, matcher, yes_back)
            for label, words in flow.yes_steps(text):
                named = step_named(draft, label)
                if named is not None and named <= step.number and any(s.number == named for s in draft.steps) and not any(
                        c == column and p.yes for c, p in phrases):
                    yes_back.append((column, words, named))  # "Ya: ke langkah 2" on step 4, without "kembali"
                if named is not None and named > step.number + 1 and any(s.number == named for s in draft.steps):
                    # "Ya: ke langkah 7" on step 3: the engine goes on to step 4 after Ya, so the document says
                    # otherwise than what would run.
                    draft.warnings.append(step_error(path, step, column, words, _(
                        "the “Ya” answer goes on to step %(target)s, but a step's “Ya” goes on to the next step "
                        "(%(next)s): only the “Tidak” answer can skip ahead. Ask the question the other way round "
                        "(“Tidak: ke langkah %(target)s”) or check the order of the steps")
                        % {"target": draft.step(named).display_number,
                           "next": draft.step(step.number + 1).display_number}))
        _decide_yes_back(path, draft, step, yes_back)
        if step.ends_if_not and step.branch_to is not None:
            column, end = ends[0]
            draft.problems.append(step_error(path, step, column, end.text, _(
                "the “Tidak” goes on to step %(target)s and also ends the procedure: a step has one")
                % {"target": draft.step(step.branch_to).display_number}))
            step.ends_if_not = False


def _no_earlier(draft: SopDraft, step: StepDraft, actor: str) -> str:
    """The problem of a return to no earlier step; of one to an actor column (`actor`), what that column lacks:
    a step before this one (naming its first step, which comes later), or any step at all."""
    if not actor:
        return _("this step sends work back, but to no earlier step")
    first = next((s for s in draft.steps if s.actor == actor), None)
    if first is None:
        return _("this step sends work back to %(actor)s, but %(actor)s has no step in the table, so there is no "
                 "earlier step to return to: name the step (“kembali ke langkah 2”) or correct the actor") % {
            "actor": actor}
    if first is step:
        return _("this step sends work back to %(actor)s, but to no earlier step: this is the first step of %(actor)s: "
                 "name the step (“kembali ke langkah 2”) or correct the actor") % {"actor": actor}
    return _("this step sends work back to %(actor)s, but to no earlier step: %(actor)s has no step before this one "
             "(its first step is step %(first)s): name the step (“kembali ke langkah 2”) or correct the actor") % {
        "actor": actor, "first": first.display_number}


def _decide_yes_back(path: Path, draft: SopDraft, step: StepDraft, yes_back: list[tuple[str, str, int]]) -> None:
    """A decision whose "Ya" goes back to an earlier step. Where its "Tidak" has a way of its own (back to
    another step, ahead, or to the end: "Ya: kembali ke langkah 2 untuk dicatat; Tidak: kembali ke
    Verifikator"), the "Ya" is something else than the step's return, which the engine offers as "Belum
    sesuai": not read, and warned of. Where it is the step's only way back ("Perlu perbaikan? Ya: kembali ke
    langkah 2, Tidak: lanjut"), the question asks whether the work must be redone: it is the step's return,
    read as one with a warning, since dropping it would leave the step no way back."""
    if not yes_back:
        return
    has_own = bool(step.returns_to) or step.ends_if_not or step.branch_to is not None
    for column, words, target in yes_back:
        if has_own:
            draft.warnings.append(step_error(path, step, column, words, _(
                "the “Ya” answer goes back to step %(target)s, but after “Ya” a step goes on to the next one: "
                "it is not read as a return. Write what is done after “Ya” as a step of its own, in its order")
                % {"target": draft.step(target).display_number}))
            continue
        if target not in step.returns_to:
            step.returns_to.append(target)
        draft.warnings.append(step_error(path, step, column, words, _(
            "the “Ya” answer goes back to step %(target)s, and the “Tidak” goes on: read as this step's return "
            "(“Belum sesuai” sends the work back to step %(target)s). If “Ya” means the work is right, remove "
            "the return before saving") % {"target": draft.step(target).display_number}))


def _outside_column(draft: SopDraft, words: str) -> str | None:
    """The one actor column of a party outside the office, when a return names the applicant by another word:
    "dikembalikan kepada pemohon" in a table whose applicant's column is "Masyarakat" or "Pelaku Usaha".
    None when the words name no applicant ("kepada pelapor" may be another party) or the table has no
    outside column, or several (which one?)."""
    if not parties.is_applicant(words):
        return None
    outside = [actor for actor in draft.actors if parties.is_outside_party(actor)]
    return outside[0] if len(outside) == 1 else None


def _roman_named(draft: SopDraft, label: str) -> int | None:
    """The value of a step named in Roman numerals of two letters or more ("ii", "iv") in a table whose No.
    column numbers its steps 1, 2, 3 (no labels); None for any other label or table."""
    if any(s.label for s in draft.steps):
        return None
    return roman_number(label)


def _lettered_roman(draft: SopDraft, label: str, named: int | None) -> tuple[int | None, str] | None:
    """A step named in Roman numerals in a table whose No. column letters its steps a, b, c …: (the step read,
    the warning saying how) or None when the label is no Roman numeral, or the table not lettered.

    An office lettering its steps writes "langkah ii" meaning the second step, as the numeral counts: no letter
    of the column is "ii", "iv" or "vi", so it is read as that step (ii = b), with a warning showing the reading.
    A numeral of one letter ("i", "v", "x") is also a letter of the column: where the table has a step lettered
    so (the ninth, "i"), that step is the one meant (the table's own numbering), with a warning only when the
    numeral's value names a step too (i = a); where it has none (a table a to f), the numeral's value is the only
    step meant, read with a warning. A value that names no step either is left to the caller (no such step)."""
    labels = [s.label for s in draft.steps]
    if not labels or not all(len(t) == 1 and t.isalpha() for t in labels) or roman_column(labels) is not None:
        return None
    value = _roman(label, single=True)
    numbers = {s.number for s in draft.steps}
    if value is None or value not in numbers:
        return None
    read_as = {"written": label, "letter": letter(value)}
    if len(label) > 1 or named is None or named not in numbers:
        return value, _(
            "names step %(written)s in Roman numerals, but the No. column letters the steps a, b, c …: read as "
            "step %(letter)s") % read_as
    return named, _(
        "names step %(written)s: read as the step lettered %(written)s, as the No. column letters the steps; as a "
        "Roman numeral it would be step %(letter)s. Write the letter of the step meant") % read_as


def _as_written(text: str, label: str) -> str:
    """A step label as the text writes it ("II", "c"): return_phrases lower-cases the labels it finds."""
    at = text.lower().rfind(label)
    return text[at:at + len(label)] if at >= 0 else label


def step_named(draft: SopDraft, label: str) -> int | None:
    """The number of the step a text names ("langkah 3.1", "langkah 3"): by the label the No. column
    prints when the table has sub-steps ("3" being the first step labelled 3, 3.1 or 3a), else by its
    number."""
    if not any(s.label for s in draft.steps):
        return int(label) if label.isdigit() else None
    # In a table numbered I, II, III a one-letter label is a Roman numeral, not a letter: "I" is step 1 and
    # "langkah IX" no step of a table of six, where step_label would read both as the ninth letter.
    parse = _roman_label if roman_column([s.label for s in draft.steps]) is not None else step_label
    parsed = parse(label)
    if parsed is None:
        return None
    main, sub, _text = parsed
    for step in draft.steps:
        found = parse(step.label)
        if found and found[0] == main and (found[1] == sub or (sub == 0 and found[1] <= 1)):
            return step.number
    return None


def _roman_label(text: str) -> tuple[int, int, str] | None:
    """(step, sub-step, label) of a label in a Roman-numbered table: (1, 0, "I") for "I", (2, 1, "II.1"); a
    step named in digits ("kembali ke langkah 2") is the step of that value there too."""
    if text[:1].isdigit():
        return step_label(text)
    if (m := _ROMAN_SUB_RE.fullmatch(text)) and (number := _roman(m[1], single=True)) is not None:
        return number, int(m[2]), text
    number = _roman(text, single=True)
    return (number, 0, text) if number is not None else None


# The arrows of a Word flowchart ----------------------------------------------------------------------


class StepArrow(NamedTuple):
    """An arrow of a Word flowchart between two steps (DrawnArrow with its rows as the steps' indexes)."""

    source: int | None  # the index of the step it leaves; None for a row that is no step's (or not known)
    target: int | None
    kind: str  # the kind of the symbol it leaves: "process", "decision" or "terminator"
    answer: str = ""  # flow.YES or flow.NO: the label written on it ("Ya", "Tidak", "Sesuai" …)
    target_kind: str = ""
    unplaced: bool = False  # one end in a row where two symbols could be it: only the other is known


def decide_arrows(path: Path, draft: SopDraft, arrows: Sequence[StepArrow | tuple[int | None, int | None, str]]) -> None:
    """Return edges and branches drawn as arrows between the symbols of a Word flowchart (shapes.py),
    each arrow given as (index of the step it leaves, index of the step it reaches, the kind of the
    symbol it leaves: "process", "decision" or "terminator"); None for a row that is no step's.

    An arrow to the next step is the normal flow, and one between the symbols of one step says nothing.
    An arrow from a decision or a process box up to an earlier step is a return to that step: the words
    make any step send work back ("dikembalikan kepada JFU" in a Kasubbag's check drawn as a box), so the
    drawing does too. An arrow from a decision down past the next step is its "Tidak" branch skipping
    ahead (branch_to). An arrow leaving a terminator, or a box down past the next step (a flow the steps
    cannot hold), is left out.

    The labels on a decision's arrows ("Ya" / "Tidak", "Sesuai" / "Tidak sesuai" …) decide which is which
    (see _labelled). The words win: a step whose text or Ket. names where its work goes back or skips to
    (decide_returns) takes nothing from its arrows. Arrows that say the same add nothing; arrows that
    say otherwise are taken as drawn loosely (an end in the wrong box, an arrow left from an earlier
    version) and are no problem, since the words are what the office wrote on purpose and the preview
    shows what was read; labels that say otherwise are a warning. Arrows add to the steps whose words say
    nothing. A step whose "Tidak" ends the
    procedure (ends_if_not, written or drawn as a Selesai beside it) takes a return from its arrows, as
    the words may give both, but no branch: its "Tidak" goes nowhere else. Arrows are a problem only when
    they contradict each other: a decision drawn skipping ahead to two different steps (a step has one
    "Tidak" branch). An arrow whose end could not be placed in a row (shapes.py) is a warning."""
    given = [a if isinstance(a, StepArrow) else StepArrow(*a) for a in arrows]
    spoken = {index for index, step in enumerate(draft.steps) if step.returns_to or step.branch_to is not None}
    returns: dict[int, set[int]] = {}
    branches: dict[int, set[int]] = {}
    warned: set[int] = set()
    for arrow in given:
        if arrow.unplaced:
            index = arrow.source if arrow.source is not None else arrow.target
            if index is not None and index not in warned:
                warned.add(index)
                draft.warnings.append(step_error(path, draft.steps[index], COLUMN_ACTORS, None, _(
                    "an arrow of this step ends in a row where more than one symbol could be its end (the table "
                    "gives no row heights): it is not read; check where the work goes from here")))
    by_source: dict[int, list[StepArrow]] = {}
    for arrow in given:
        if not arrow.unplaced and arrow.source is not None and arrow.target is not None:
            by_source.setdefault(arrow.source, []).append(arrow)
    for source, leaving in sorted(by_source.items()):
        labelled = any(a.answer for a in leaving if a.kind == "decision")
        step = draft.steps[source]
        if labelled and (source in spoken or flow.end_phrases(step.activity) or flow.end_phrases(flow.one_line(step.note))):
            # The words say where the "Tidak" goes (or that it ends the procedure): the labelled arrows add
            # nothing, and are a warning where they say otherwise.
            _labels_against_words(path, draft, source, leaving)
            leaving = [a for a in leaving if not a.answer]
        if source in spoken:
            continue
        if labelled:
            leaving = _labelled(path, draft, source, leaving)
        for arrow in leaving:
            target, kind = arrow.target, arrow.kind
            if target is None or kind == "terminator" or target in (source, source + 1):
                continue
            if target < source:
                returns.setdefault(source, set()).add(target)
            elif kind == "decision" and not draft.steps[source].ends_if_not:
                branches.setdefault(source, set()).add(target)
    for index, targets in sorted(returns.items()):
        draft.steps[index].returns_to += [draft.steps[target].number for target in sorted(targets)]
    for index, targets in sorted(branches.items()):
        step = draft.steps[index]
        first, *others = sorted(targets)
        if others:
            draft.problems.append(step_error(path, step, COLUMN_ACTORS, None, _(
                "the “Tidak” branch goes on to step %(target)s and to step %(other)s: a step has one") % {
                    "target": draft.steps[first].display_number, "other": draft.steps[others[0]].display_number}))
        else:
            step.branch_to = draft.steps[first].number


def _way(draft: SopDraft, source: int, arrow: StepArrow) -> str:
    """Where a decision's arrow goes: "next", "back", "ahead", "end" (a Selesai beside it), or "" (its own row)."""
    target = arrow.target
    if target is None or target == source:
        return "end" if target == source and arrow.target_kind == "terminator" else ""
    return "next" if target == source + 1 else "back" if target < source else "ahead"


def _where(draft: SopDraft, arrow: StepArrow) -> str:
    """The arrow's end as the warnings name it: the step it reaches, or the Selesai beside its decision."""
    if arrow.target_kind == "terminator" and arrow.target == arrow.source:
        return "Selesai"
    return _("step %(step)s") % {"step": draft.steps[arrow.target].display_number} if arrow.target is not None else "?"


def _labelled(path: Path, draft: SopDraft, source: int, leaving: list[StepArrow]) -> list[StepArrow]:
    """The arrows of a decision whose arrows carry labels, as its "Tidak" is to be read from them.

    The arrow marked "Tidak" is the "Tidak": back up a return, past the next step a branch, to a Selesai
    beside the decision the end of the procedure. The arrow marked "Ya" is the "Ya", the way on to the
    next step: drawn back up or past the next step, it is no return or branch (the drawing alone would
    have read it as one), and the preview warns that the decision's "Ya" goes elsewhere than the steps
    can hold. A question asked the other way round ("Ada perbaikan?" with "Ya" back up to the drafting
    and "Tidak" on to the next step) is read as the steps can hold it, the way back on "Tidak", with a
    warning that the labels say the opposite. A Selesai beside the decision that its "Ya" reaches does not
    end the procedure on "Tidak" unless the words say so. Unlabelled arrows count as they are drawn."""
    step = draft.steps[source]
    no = [a for a in leaving if a.answer == flow.NO]
    yes = [a for a in leaving if a.answer == flow.YES]
    elsewhere = [a for a in yes if _way(draft, source, a) in ("back", "ahead", "end")]
    if no and all(_way(draft, source, a) == "next" for a in no) and elsewhere:
        draft.warnings.append(step_error(path, step, COLUMN_ACTORS, None, _(
            "the flowchart marks “Ya” on the arrow to %(target)s and “Tidak” on the way on to the next step: "
            "read as going to %(target)s on “Tidak”, as a decision goes on to the next step on “Ya”; "
            "check the question of this step") % {"target": _where(draft, elsewhere[0])}))
        if any(_way(draft, source, a) == "end" for a in elsewhere):
            step.ends_if_not = step.branch_to is None
        return [a for a in leaving if a.answer != flow.NO]
    for arrow in elsewhere:
        draft.warnings.append(step_error(path, step, COLUMN_ACTORS, None, _(
            "the flowchart marks “Ya” on the arrow to %(target)s, where the drawing alone would read the "
            "“Tidak”: read as the “Ya”, which goes on to the next step; check where the work goes") % {
                "target": _where(draft, arrow)}))
        if _way(draft, source, arrow) == "end" and step.ends_if_not and not (
                flow.end_phrases(step.activity) or flow.end_phrases(flow.one_line(step.note))):
            step.ends_if_not = False
    for arrow in no:
        if _way(draft, source, arrow) == "end" and step.branch_to is None:
            step.ends_if_not = True
        elif _way(draft, source, arrow) == "next":
            draft.warnings.append(step_error(path, step, COLUMN_ACTORS, None, _(
                "the flowchart marks “Tidak” on the arrow to the next step, where a decision goes on “Ya”: "
                "check where the work goes")))
    return [a for a in leaving if a.answer != flow.YES]


def _labels_against_words(path: Path, draft: SopDraft, source: int, leaving: list[StepArrow]) -> None:
    """A warning when the labels of a decision's arrows say otherwise than its words, which win: the arrow
    marked "Tidak" going elsewhere than the words send the work, or the one marked "Ya" where they do."""
    step = draft.steps[source]
    said = {("back", n) for n in step.returns_to} | ({("ahead", step.branch_to)} if step.branch_to is not None else set())
    said |= {("end", None)} if step.ends_if_not else set()

    def meant(arrow: StepArrow) -> tuple[str, int | None] | None:
        way = _way(draft, source, arrow)
        if way in ("back", "ahead") and arrow.target is not None:
            return way, draft.steps[arrow.target].number
        return (way, None) if way else None

    against = [a for a in leaving if (a.answer == flow.NO and meant(a) not in said and _way(draft, source, a) != "")
               or (a.answer == flow.YES and meant(a) in said)]
    if against:
        labels = ", ".join(f"{'Tidak' if a.answer == flow.NO else 'Ya'} → {_where(draft, a)}" for a in against)
        draft.warnings.append(step_error(path, step, COLUMN_ACTORS, labels, _(
            "the labels on the flowchart's arrows say otherwise than the words of this step: the words are taken")))
