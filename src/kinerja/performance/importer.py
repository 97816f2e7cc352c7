"""Import of indicators, targets and actuals from the spreadsheet offices already keep (XLSX or CSV),
and the empty template to fill.

Two passes, as the SOP importer does: `read_rows` parses and checks the whole file and collects every
bad row (row number as the spreadsheet shows it, the header being row 1; the column as written; the
value); only a file without a bad row reaches `apply`, which saves in one transaction. Hand-written
because tablib/django-import-export stop at the first error or report field names, not the
spreadsheet's own row numbers and Indonesian headers.

What a row becomes: its Target the performance agreement target of the year (Target TWn the quarter
targets), its Realisasi the annual actual (Realisasi TWn the quarter actuals). Imported actuals are
"submitted": the Kasubbag still checks them; a locked actual is never overwritten (a bad row).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.errors import BadImportRow, KinerjaError
from kinerja.org.models import Office, Unit

from .models import Actual, ActualRevision, Indicator, Objective, Target
from .numbers import NumberError, format_plain, parse_number

# The headers as offices write them: document-format words, not translated text.
CODE, OBJECTIVE, NAME, UNIT, POLARITY, TARGET, ACTUAL, DIVISION = (
    "Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi", "Bidang")
REQUIRED = [CODE, OBJECTIVE, NAME, UNIT, POLARITY, TARGET, ACTUAL, DIVISION]
QUARTER_TARGETS = [f"Target TW{q}" for q in range(1, 5)]
QUARTER_ACTUALS = [f"Realisasi TW{q}" for q in range(1, 5)]
HEADERS = REQUIRED + QUARTER_TARGETS + QUARTER_ACTUALS
POLARITIES = {"positif": Indicator.Polarity.HIGHER_IS_BETTER, "negatif": Indicator.Polarity.LOWER_IS_BETTER}
EXAMPLE = ["IK-01", "Meningkatnya kualitas kelembagaan koperasi", "Persentase koperasi sehat", "%", "Positif",
           "65,5", "60", "Bidang Kelembagaan", "", "", "", "65,5", "40", "50", "55", "60"]
PLAN_YEARS = 5  # a Renstra covers five years


class ImportFailed(KinerjaError):
    """The file has bad rows; nothing was saved. `errors` lists every one."""

    def __init__(self, path: Path, errors: list[BadImportRow]) -> None:
        self.path, self.errors = path, errors
        head = ngettext("%(file)s: %(count)d problem, nothing was imported:",
                        "%(file)s: %(count)d problems, nothing was imported:", len(errors)) % {
            "file": path.name, "count": len(errors)}
        super().__init__("\n".join([head, *(f"  {e}" for e in errors)]))


@dataclass
class Value:
    number: Decimal | None = None
    text: str = ""

    @property
    def empty(self) -> bool:
        return self.number is None and not self.text


@dataclass
class Row:
    number: int  # as the spreadsheet shows it
    code: str
    objective: str
    name: str
    unit: str
    polarity: str
    division: Unit | None
    target: Value
    actual: Value
    quarter_targets: dict[int, Value] = field(default_factory=dict)
    quarter_actuals: dict[int, Value] = field(default_factory=dict)


@dataclass
class Summary:
    rows: int = 0
    objectives_created: int = 0
    indicators_created: int = 0
    indicators_updated: int = 0
    targets: int = 0
    actuals: int = 0
    dry_run: bool = False


# --- reading ------------------------------------------------------------------------------------

def _xlsx_rows(path: Path) -> Iterator[list[object]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises zipfile, KeyError and its own errors for a broken file
        raise KinerjaError(_("%(file)s is not a readable XLSX file (%(error)s).")
                           % {"file": path.name, "error": type(e).__name__}) from e
    sheet = book.worksheets[0]
    for cells in sheet.iter_rows():
        values: list[object] = []
        for cell in cells:
            value = cell.value
            # A cell shown as "12,5%" holds 0.125: read what the user sees.
            if isinstance(value, int | float) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
                value = Decimal(repr(value)) * 100
            values.append(value)
        yield values
    book.close()


def _csv_rows(path: Path) -> Iterator[list[object]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # Excel on Windows saves CSV in the ANSI code page
    first = text.split("\n", 1)[0]
    # Indonesian Excel writes ";" between fields, because "," is the decimal comma.
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
    yield from csv.reader(io.StringIO(text), delimiter=delimiter)


def _cell(values: list[object], index: int | None) -> object:
    if index is None or index >= len(values):
        return None
    value = values[index]
    return value.strip() if isinstance(value, str) else value


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _Divisions:
    def __init__(self, office: Office) -> None:
        self.by_name: dict[str, Unit] = {}
        for unit in Unit.objects.filter(office=office, kind=Unit.Kind.DIVISION):
            for name in (unit.name, unit.short_name, unit.short_name.removeprefix("Bidang ")):
                if name:
                    self.by_name.setdefault(" ".join(name.lower().split()), unit)

    def find(self, name: str) -> Unit | None:
        key = " ".join(name.lower().split())
        return self.by_name.get(key) or self.by_name.get(key.removeprefix("bidang "))


def read_rows(path: Path, office: Office) -> list[Row]:
    """Every data row of the file, checked; raises ImportFailed listing every bad row."""
    path = Path(path)
    if not path.exists():
        raise KinerjaError(_("%(file)s does not exist.") % {"file": path})
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        lines = _xlsx_rows(path)
    elif suffix == ".csv":
        lines = _csv_rows(path)
    else:
        raise KinerjaError(_("%(file)s: only .xlsx and .csv files are imported.") % {"file": path.name})
    errors: list[BadImportRow] = []
    header = next(lines, None) or []
    columns: dict[str, int] = {}
    for i, title in enumerate(header):
        key = " ".join(_text(title).split()).lower()
        for known in HEADERS:
            if key == known.lower():
                columns[known] = i
    missing = [h for h in REQUIRED if h not in columns]
    if missing:
        raise ImportFailed(path, [BadImportRow(path, 1, h, _("the column is missing")) for h in missing])
    divisions = _Divisions(office)
    rows: list[Row] = []
    seen_codes: dict[str, int] = {}
    for number, values in enumerate(lines, start=2):
        if all(_text(v) == "" for v in values):
            continue
        row_errors: list[BadImportRow] = []

        def bad(column: str, problem: str, value: object, number: int = number,
                row_errors: list[BadImportRow] = row_errors) -> None:
            shown = _text(value)
            problem = f'{problem} ("{shown}")' if shown else problem
            row_errors.append(BadImportRow(path, number, column, problem))

        def required(column: str, values: list[object] = values) -> str:
            text = _text(_cell(values, columns[column]))
            if not text:
                bad(column, _("a value is missing"), "")
            return text

        code, objective, name, unit = required(CODE), required(OBJECTIVE), required(NAME), required(UNIT)
        if code:
            if code.lower() in seen_codes:
                bad(CODE, _("the code is also in row %(row)d") % {"row": seen_codes[code.lower()]}, code)
            else:
                seen_codes[code.lower()] = number
        polarity_text = required(POLARITY)
        polarity = POLARITIES.get(polarity_text.lower(), "")
        if polarity_text and not polarity:
            bad(POLARITY, _("the polarity is Positif or Negatif"), polarity_text)
        division_text = _text(_cell(values, columns[DIVISION]))
        division = divisions.find(division_text) if division_text else None
        if division_text and division is None:
            bad(DIVISION, _("no division of the office has this name"), division_text)

        raw_target = _cell(values, columns[TARGET])
        text_target = isinstance(raw_target, str) and raw_target != "" and not any(c.isdigit() for c in raw_target)

        def value(column: str, values: list[object] = values, text_target: bool = text_target) -> Value:
            raw = _cell(values, columns.get(column))
            if raw is None or raw == "":
                return Value()
            if text_target:
                return Value(text=_text(raw)[:60])
            try:
                return Value(number=parse_number(raw))
            except NumberError as e:
                bad(column, _("a number is needed here: %(problem)s") % {"problem": e.problem}, "")
                return Value()

        target = value(TARGET)
        if target.empty:
            bad(TARGET, _("a value is missing"), "")
        actual = value(ACTUAL)
        quarter_targets = {q: value(f"Target TW{q}") for q in range(1, 5) if f"Target TW{q}" in columns}
        quarter_actuals = {q: value(f"Realisasi TW{q}") for q in range(1, 5) if f"Realisasi TW{q}" in columns}
        if row_errors:
            errors.extend(row_errors)
            continue
        rows.append(Row(number, code, objective, name, unit, polarity, division, target, actual,
                        {q: v for q, v in quarter_targets.items() if not v.empty},
                        {q: v for q, v in quarter_actuals.items() if not v.empty}))
    if errors:
        raise ImportFailed(path, errors)
    if not rows:
        raise KinerjaError(_("%(file)s has no data rows under its header.") % {"file": path.name})
    return rows


# --- saving -------------------------------------------------------------------------------------

class _DryRun(Exception):
    """Rolls the transaction of a dry run back after counting what it would save."""


def _objective(office: Office, name: str, year: int, cache: dict[str, Objective], summary: Summary) -> Objective:
    key = " ".join(name.lower().split())
    if key in cache:
        return cache[key]
    candidates = [o for o in Objective.objects.filter(office=office, name__iexact=name.strip())]
    found = next((o for o in candidates if o.plan_start_year <= year <= o.plan_end_year), None)
    found = found or (candidates[0] if candidates else None)
    if found is None:
        # Same plan period as the office's other objectives covering the year, else a new five-year plan.
        sibling = Objective.objects.filter(office=office, plan_start_year__lte=year, plan_end_year__gte=year).first()
        start, end = (sibling.plan_start_year, sibling.plan_end_year) if sibling else (year, year + PLAN_YEARS - 1)
        taken = set(Objective.objects.filter(office=office, plan_start_year=start).values_list("code", flat=True))
        order = (Objective.objects.filter(office=office).aggregate(m=Max("order"))["m"] or 0) + 1
        n = order
        while f"S{n}" in taken:
            n += 1
        found = Objective.objects.create(office=office, code=f"S{n}", name=name.strip(), order=order,
                                         plan_start_year=start, plan_end_year=end)
        summary.objectives_created += 1
    cache[key] = found
    return found


def _set_target(indicator: Indicator, year: int, kind: str, quarter: int | None, value: Value) -> None:
    Target.objects.update_or_create(indicator=indicator, year=year, kind=kind, quarter=quarter,
                                    defaults={"value_number": value.number, "value_text": value.text})


def _set_actual(path: Path, row: Row, indicator: Indicator, year: int, quarter: int | None, value: Value,
                user: AbstractBaseUser | None, column: str) -> None:
    current = (Actual.objects.select_for_update()
               .filter(indicator=indicator, year=year, quarter=quarter, is_current=True).first())
    if current is not None and current.status == Actual.Status.LOCKED:
        raise ImportFailed(path, [BadImportRow(path, row.number, column,
                                               _("the actual is locked; correct it with its reason instead"))])
    before = format_plain(current.value_number) if current and current.value_number is not None else (
        current.value_text if current else "")
    actual = current or Actual(indicator=indicator, year=year, quarter=quarter, entered_by=user)
    actual.value_number, actual.value_text = value.number, value.text
    actual.status = Actual.Status.SUBMITTED
    actual.save()
    after = format_plain(value.number) if value.number is not None else value.text
    ActualRevision.objects.create(actual=actual, action=ActualRevision.Action.IMPORTED, user=user,
                                  reason=path.name, changes={"value": [before, after]} if before != after else {})


def apply(path: Path, rows: list[Row], office: Office, year: int, *, user: AbstractBaseUser | None,
          dry_run: bool = False) -> Summary:
    """Save checked rows in one transaction (rolled back again for a dry run)."""
    path = Path(path)
    summary = Summary(rows=len(rows), dry_run=dry_run)
    try:
        with transaction.atomic():
            objectives: dict[str, Objective] = {}
            existing = {i.code.lower(): i for i in Indicator.objects.filter(office=office)}
            by_name = {i.name.lower(): i for i in existing.values()}
            for row in rows:
                objective = _objective(office, row.objective, year, objectives, summary)
                indicator = existing.get(row.code.lower()) or by_name.get(row.name.lower())
                if indicator is None:
                    indicator = Indicator(office=office, order=len(existing) + 1)
                    summary.indicators_created += 1
                else:
                    summary.indicators_updated += 1
                indicator.objective, indicator.code, indicator.name = objective, row.code, row.name
                indicator.unit, indicator.polarity = row.unit, row.polarity
                if row.division is not None:
                    indicator.division = row.division
                indicator.save()
                existing[row.code.lower()] = by_name[row.name.lower()] = indicator
                _set_target(indicator, year, Target.Kind.AGREEMENT, None, row.target)
                summary.targets += 1
                for q, value in row.quarter_targets.items():
                    _set_target(indicator, year, Target.Kind.QUARTER, q, value)
                    summary.targets += 1
                if not row.actual.empty:
                    _set_actual(path, row, indicator, year, None, row.actual, user, ACTUAL)
                    summary.actuals += 1
                for q, value in row.quarter_actuals.items():
                    _set_actual(path, row, indicator, year, q, value, user, f"Realisasi TW{q}")
                    summary.actuals += 1
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return summary


def import_file(path: Path, office: Office, year: int, *, user: AbstractBaseUser | None = None,
                dry_run: bool = False) -> Summary:
    """Read, check and save a file of indicators; nothing is saved when any row is bad."""
    if not 2000 <= year <= 2100:
        raise KinerjaError(_("%(year)d is not a plausible year.") % {"year": year})
    rows = read_rows(Path(path), office)
    return apply(Path(path), rows, office, year, user=user, dry_run=dry_run)


def write_template(path: Path) -> Path:
    """An empty template with the headers and one example row (XLSX, or CSV by the file name)."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        with path.open("w", newline="", encoding="utf-8-sig") as f:
            writer = csv.writer(f, delimiter=";")
            writer.writerow(HEADERS)
            writer.writerow(EXAMPLE)
        return path
    if path.suffix.lower() != ".xlsx":
        raise KinerjaError(_("%(file)s: the template is written as .xlsx or .csv.") % {"file": path.name})
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "Data Kinerja"
    sheet.append(HEADERS)
    # Numbers as text in the Indonesian way, exactly as a user would type them; both forms import.
    sheet.append(EXAMPLE)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
    widths = {"A": 10, "B": 40, "C": 40, "D": 10, "E": 11, "F": 10, "G": 11, "H": 26}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    book.save(path)
    return path
