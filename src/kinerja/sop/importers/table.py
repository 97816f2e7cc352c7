"""From the rows of a document (text lines split at tabs, Word table rows, spreadsheet rows) to a
`SopDraft`: the header above the procedure table, then the table itself.

All three readers hand over the same grid — a list of rows, each a list of cell texts, a merged cell
written once and blank where it continues — so the SOP AP layout is understood in one place.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.utils.translation import gettext as _

from . import flow
from .draft import SopDraft, SopImportError, StepDraft
from .values import DURATION_UNITS, parse_approval, parse_date, parse_duration, split_items

Grid = list[list[str]]

# Labels of the document form (data, not UI text).
FIELD_LABELS = {
    "nomor sop": "number", "no sop": "number", "nomor": "number",
    "tanggal pembuatan": "created_on", "tgl pembuatan": "created_on",
    "tanggal revisi": "revised_on", "tgl revisi": "revised_on",
    "tanggal efektif": "effective_on", "tgl efektif": "effective_on",
    "disahkan oleh": "approved_by",
    "nama sop": "name",
}
BLOCK_LABELS = {
    "dasar hukum": "legal_basis", "kualifikasi pelaksana": "qualifications", "keterkaitan": "related_sops",
    "peralatan perlengkapan": "equipment", "peralatan": "equipment", "perlengkapan": "equipment",
    "peringatan": "warning", "pencatatan dan pendataan": "records", "pencatatan": "records",
}
DATE_COLUMNS = {"created_on": "Tanggal Pembuatan", "revised_on": "Tanggal Revisi", "effective_on": "Tanggal Efektif"}
COLUMN_NO, COLUMN_ACTIVITY, COLUMN_ACTORS = "No.", "Uraian Prosedur", "Pelaksana"
COLUMN_INPUTS, COLUMN_TIME, COLUMN_OUTPUT, COLUMN_NOTE = "Kelengkapan", "Waktu", "Output", "Ket"
MAX_STEPS = 200
# Words of the Mutu Baku and remark headers as offices write them ("Persyaratan/Kelengkapan",
# "Kelengkapan Persyaratan", "Waktu (menit)", "Hasil/Output", "Ket.", "Keterangan").
STANDARD_WORDS = {
    "inputs": {"kelengkapan", "persyaratan"},
    "time": {"waktu"},
    "output": {"output", "keluaran"},
    "note": {"ket", "keterangan", "catatan"},
}
# Headers of the activity column other than "Uraian …" (Uraian Prosedur, Uraian Kegiatan).
ACTIVITY_HEADERS = {"kegiatan", "aktivitas", "prosedur", "langkah kegiatan"}


def label_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def clean(text: str) -> str:
    return " ".join(text.split())


def _is_activity_header(key: str) -> bool:
    return key.startswith("uraian") or key in ACTIVITY_HEADERS


def find_table(grid: Grid) -> int | None:
    """The index of the procedure table's first header row: it has "No." and "Uraian Prosedur"."""
    for i, row in enumerate(grid):
        keys = [label_key(c) for c in row]
        if "no" in keys and any(_is_activity_header(k) for k in keys):
            return i
    return None


def read_grid(path: Path, grid: Grid, *, actor_overrides: dict[int, str] | None = None,
              aliases: dict[str, list[str]] | None = None) -> SopDraft:
    """The whole document. Structural problems raise SopImportError at once; problems of single steps
    the user can settle (actor, time, return target) are collected in draft.problems."""
    start = find_table(grid)
    if start is None:
        raise SopImportError(path, None, None, None, _(
            "this is not an SOP AP document: no procedure table with the columns “No.” and “Uraian Prosedur” "
            "was found"))
    draft = read_header(path, grid[:start])
    read_steps(path, draft, grid[start:], actor_overrides or {}, aliases or {})
    return draft


def read_header(path: Path, rows: Grid) -> SopDraft:
    values: dict[str, str] = {}
    lines: list[str] = []
    blocks: dict[str, list[str]] = {}
    pending: list[tuple[int, str]] = []  # (column, block key) of the block labels row above
    for row in rows:
        cells = [(i, c.strip()) for i, c in enumerate(row) if c.strip()]
        if not cells:
            continue
        first_col, first = cells[0]
        labels = [(i, BLOCK_LABELS.get(label_key(c))) for i, c in cells]
        if all(key for _i, key in labels):
            pending = [(i, key) for i, key in labels if key]
            for _i, key in pending:
                blocks.setdefault(key, [])
            continue
        field_name, inline = _field_label(first)
        if field_name:
            pending = []
            rest = [c for _i, c in cells[1:]]
            value = inline if inline is not None else (rest[0] if rest else "")
            values.setdefault(field_name, value)
            continue
        if pending:
            if len(pending) == len(cells):
                pairs = [(key, text) for (_c, key), (_i, text) in zip(pending, cells, strict=True)]
            else:
                by_column = dict(cells)
                pairs = [(key, by_column.get(col, "")) for col, key in pending]
            for key, text in pairs:
                blocks[key] += split_items(text)
            continue
        if not values:
            lines += [clean(c) for _i, c in cells]
    name = clean(values.get("name", ""))
    if not name:
        raise SopImportError(path, None, "Nama SOP", None, _("the document has no SOP name (Nama SOP)"))
    draft = SopDraft(path=path, name=name, number=clean(values.get("number", "")).strip("-–— "), lines=lines,
                     blocks=blocks)
    for key, column in DATE_COLUMNS.items():
        text = values.get(key, "")
        try:
            setattr(draft, key, parse_date(text))
        except ValueError as e:
            raise SopImportError(path, None, column, text, str(e)) from None
    approval = values.get("approved_by", "")
    if approval.strip() and approval.strip() not in {"-", "–"}:
        draft.approved_by, draft.approved_by_name, draft.approved_by_nip = parse_approval(approval)
    return draft


def _field_label(cell: str) -> tuple[str | None, str | None]:
    """("number", None) for "NOMOR SOP"; ("number", "12/SOP") for "NOMOR SOP : 12/SOP" in one cell."""
    key = label_key(cell)
    if key in FIELD_LABELS:
        return FIELD_LABELS[key], None
    if ":" in cell:
        label, value = cell.split(":", 1)
        if label_key(label) in FIELD_LABELS:
            return FIELD_LABELS[label_key(label)], value.strip()
    return None, None


def _columns(path: Path, top: list[str], sub: list[str]) -> tuple[dict[str, int], list[tuple[int, str]]]:
    """The column index of each standard column and the Pelaksana columns (index, name as written)."""
    def find(row: list[str], *keys: str) -> int | None:
        for i, cell in enumerate(row):
            if label_key(cell) in keys:
                return i
        return None

    def find_words(rows: tuple[list[str], ...], words: set[str]) -> int | None:
        """The first header cell naming one of `words`, exactly, then as one word of a longer header."""
        for whole in (True, False):
            for row in rows:
                for i, cell in enumerate(row):
                    key = label_key(cell)
                    if (key in words) if whole else bool(words & set(key.split())):
                        return i
        return None

    no = find(top, "no")
    activity = next(i for i, c in enumerate(top) if _is_activity_header(label_key(c)))
    standard = {
        "inputs": find_words((sub, top), STANDARD_WORDS["inputs"]),
        "time": find_words((sub, top), STANDARD_WORDS["time"]),
        "output": find_words((sub, top), STANDARD_WORDS["output"]),
        "note": find_words((top, sub), STANDARD_WORDS["note"]),
    }
    if standard["time"] is None:
        raise SopImportError(path, None, COLUMN_TIME, " | ".join(c for c in sub if c.strip()) or None,
                             _("the procedure table has no Waktu column under Mutu Baku"))
    taken = {no, activity, *(i for i in standard.values() if i is not None)}
    first_standard = min(i for i in (standard["inputs"], standard["time"], standard["output"]) if i is not None)
    mutu = find(top, "mutu baku")
    end = min(first_standard, mutu) if mutu is not None else first_standard
    # The actor columns follow the activity: "Pelaksana" above them may sit over any of them (a header
    # centred without merging the cells), so it does not mark where they begin.
    begin = max(i for i in (no, activity) if i is not None) + 1
    actors = [(i, clean(sub[i])) for i in range(begin, min(end, len(sub))) if i not in taken and sub[i].strip()]
    if not actors:
        raise SopImportError(path, None, COLUMN_ACTORS, None,
                             _("the procedure table names no Pelaksana (actor) columns in its second header row"))
    seen: set[str] = set()
    for _i, name in actors:
        if flow.normalise_name(name) in seen:
            raise SopImportError(path, None, COLUMN_ACTORS, name, _("this actor column appears twice"))
        seen.add(flow.normalise_name(name))
    columns = {"no": no if no is not None else 0, "activity": activity,
               **{k: v for k, v in standard.items() if v is not None}}
    return columns, actors


def _cell(row: list[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


def read_steps(path: Path, draft: SopDraft, rows: Grid, actor_overrides: dict[int, str],
               aliases: dict[str, list[str]]) -> None:
    top = rows[0]
    sub = rows[1] if len(rows) > 1 else []
    columns, actor_columns = _columns(path, top, sub)
    header_unit = _header_unit(_cell(sub, columns["time"]) + " " + _cell(top, columns["time"]))
    draft.actors = [name for _i, name in actor_columns]
    raw: list[tuple[StepDraft, dict[str, str]]] = []
    body = rows[2:]
    # A table running over pages repeats its header rows on each page (Word's "repeat header row", a
    # second table after a page break, a text copy with "Halaman 2" between the pages).
    repeats = [i for i, row in enumerate(body) if find_table([row]) == 0]
    index = -1
    while index + 1 < len(body):
        index += 1
        row = body[index]
        if index in repeats:
            if index + 1 < len(body) and _repeats_actor_row(body[index + 1], columns, actor_columns):
                index += 1
            continue
        number_text = clean(_cell(row, columns["no"]))
        rest = [c for i, c in enumerate(row) if i != columns["no"] and c.strip()]
        if not number_text:
            if rest and raw:  # a row wrapped by a PDF copy continues the step above
                _continue(raw[-1][0], row, columns)
            continue
        if not re.fullmatch(r"\d{1,4}\.?", number_text):
            if not rest:
                # Text between two pages of the table ("Halaman 2") is skipped; text below the
                # table (a footnote, a signature line) ends it.
                later = next((i for i in repeats if i > index), None)
                if later is None:
                    break
                index = later - 1
                continue
            raise SopImportError(path, None, COLUMN_NO, number_text, _("is not a step number"))
        number = int(number_text.rstrip("."))
        step = StepDraft(number=number, actor="", activity=clean(_cell(row, columns["activity"])),
                         inputs=clean(_cell(row, columns.get("inputs"))),
                         output=clean(_cell(row, columns.get("output"))),
                         note=clean(_cell(row, columns.get("note"))),
                         duration_text=clean(_cell(row, columns.get("time"))))
        raw.append((step, {name: clean(_cell(row, i)) for i, name in actor_columns}))
        if len(raw) > MAX_STEPS:
            raise SopImportError(path, number, COLUMN_NO, str(number),
                                 _("the table has more than %(max)d steps") % {"max": MAX_STEPS})
    if not raw:
        raise SopImportError(path, None, COLUMN_NO, None, _("the procedure table has no numbered steps"))
    check_numbering(path, [s.number for s, _m in raw])
    draft.steps = [s for s, _m in raw]
    for step in draft.steps:
        if not step.activity:
            raise SopImportError(path, step.number, COLUMN_ACTIVITY, "", _("the step has no text"))
        step.coordinates_divisions = flow.coordinates_divisions(step.activity)
        try:
            step.duration_value, step.duration_unit = parse_duration(_with_unit(step.duration_text, header_unit))
        except ValueError as e:
            draft.problems.append(SopImportError(path, step.number, COLUMN_TIME, step.duration_text, str(e)))
    matcher = flow.ActorMatcher(draft.actors, aliases)
    decide_actors(path, draft, [m for _s, m in raw], matcher, actor_overrides)
    decide_returns(path, draft, matcher)


def _header_unit(header: str) -> str:
    """The one unit a Waktu header names ("Waktu (menit)" → "menit"), or "" for none or several."""
    units = {word for word in label_key(header).split() if word in DURATION_UNITS}
    return units.pop() if len(units) == 1 else ""


def _with_unit(text: str, unit: str) -> str:
    """A bare number under a header that names the unit ("15" under "Waktu (menit)") takes that unit."""
    return f"{text} {unit}" if unit and re.fullmatch(r"\d+(?:[.,]\d+)?", text.strip()) else text


def _repeats_actor_row(row: list[str], columns: dict[str, int], actor_columns: list[tuple[int, str]]) -> bool:
    """Whether `row` is the second header row again: no step number, and actor names in their columns."""
    if clean(_cell(row, columns["no"])):
        return False
    return any(flow.normalise_name(_cell(row, i)) == flow.normalise_name(name) for i, name in actor_columns)


def _continue(step: StepDraft, row: list[str], columns: dict[str, int]) -> None:
    for attr, key in (("activity", "activity"), ("inputs", "inputs"), ("output", "output"), ("note", "note"),
                      ("duration_text", "time")):
        extra = clean(_cell(row, columns.get(key)))
        if extra:
            setattr(step, attr, f"{getattr(step, attr)} {extra}".strip())


def check_numbering(path: Path, numbers: list[int]) -> None:
    """Steps are numbered 1, 2, 3 … without gaps or repeats."""
    seen: set[int] = set()
    for number in numbers:
        if number in seen:
            raise SopImportError(path, number, COLUMN_NO, str(number), _("this step number appears twice"))
        seen.add(number)
    for expected, number in enumerate(numbers, start=1):
        if number != expected:
            raise SopImportError(path, expected, COLUMN_NO, str(number),
                                 _("step %(expected)d is missing (steps must be numbered 1, 2, 3 … in order)")
                                 % {"expected": expected})


def decide_actors(path: Path, draft: SopDraft, marks: list[dict[str, str]], matcher: flow.ActorMatcher,
                  overrides: dict[int, str]) -> None:
    """The actor of each step, in this order of trust: the user's choice, the column holding the step's
    symbol ("Mulai" anchors step 1, "Selesai" the last), the hand-off named in the step before, a step
    text that opens with a position's name. A step none of these decide is a problem naming it."""
    for number, name in overrides.items():
        if not any(s.number == number for s in draft.steps):
            raise SopImportError(path, number, COLUMN_ACTORS, name, _("there is no such step"))
    for index, step in enumerate(draft.steps):
        if step.number in overrides:
            chosen = overrides[step.number]
            actor = matcher.match(chosen)
            if actor is None:
                raise SopImportError(path, step.number, COLUMN_ACTORS, chosen, _(
                    "is not one of the actor columns (%(actors)s)") % {"actors": ", ".join(draft.actors)})
            step.actor, step.actor_source = actor, "override"
        elif actor := flow.symbol_actor(marks[index]):
            step.actor, step.actor_source = actor, "symbol"
        elif index > 0 and (actor := flow.handoff_target(draft.steps[index - 1].activity, matcher)):
            step.actor, step.actor_source = actor, "handoff"
        elif actor := matcher.match_at_start(step.activity):
            step.actor, step.actor_source = actor, "text"
        else:
            filled = ", ".join(f"{a}: {m}" for a, m in marks[index].items() if m) or None
            draft.problems.append(SopImportError(path, step.number, COLUMN_ACTORS, filled, _(
                "the actor of this step cannot be decided: mark its column or name it in the step before "
                "(“… kepada Kasubbag”), or choose it (--actor %(step)d=NAME)") % {"step": step.number}))


def decide_returns(path: Path, draft: SopDraft, matcher: flow.ActorMatcher) -> None:
    """Return edges: "kembali ke langkah 3" names the step; "dikembalikan kepada JFU" goes to the
    latest earlier step of that actor; "dikembalikan" alone to the step before. Read from the step's
    text and from its Ket. cell, where many offices write the "Tidak" branch of a decision."""
    for index, step in enumerate(draft.steps):
        phrases = [(COLUMN_ACTIVITY, p) for p in flow.return_phrases(step.activity)]
        phrases += [(COLUMN_NOTE, p) for p in flow.return_phrases(step.note)]
        for column, phrase in phrases:
            target: int | None = None
            if phrase.step is not None:
                if 1 <= phrase.step < step.number:
                    target = phrase.step
            elif phrase.actor_text:
                actor = matcher.match_at_start(phrase.actor_text)
                if actor is None:
                    continue  # "kembali ke ruang kerja": not a return to a position
                target = next((s.number for s in reversed(draft.steps[:index]) if s.actor == actor), None)
            elif index > 0:
                target = draft.steps[index - 1].number
            if target is None:
                draft.problems.append(SopImportError(path, step.number, column, phrase.text, _(
                    "this step sends work back, but to no earlier step")))
            elif target not in step.returns_to:
                step.returns_to.append(target)
