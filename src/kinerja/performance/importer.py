"""Import of indicators, targets and actuals from the spreadsheet offices already keep (XLSX or CSV),
and the empty template to fill.

Two passes, as the SOP importer does: `read_rows` parses and checks the whole file and collects every
bad row (sheet, row number as the spreadsheet shows it, the column as written with its letter, the
value); only a file without a bad row reaches `apply`, which saves in one transaction. Hand-written
because tablib/django-import-export stop at the first error or report field names, not the
spreadsheet's own row numbers and Indonesian headers.

Files as offices keep them: the header may sit under a title block, in two rows ("Target" merged over "TW I … TW IV",
or over the Renstra's years; "Tahun 2025" merged over Target | Realisasi | Capaian), with the column names they use
("Sasaran Strategis", "Indikator Kinerja Utama", "Bidang/Penanggung Jawab", "% Capaian"). Kode, Polaritas, Realisasi
and Bidang may be left out: an indicator is then found by its name (a new one numbered IK-nn, positive). So may
Sasaran, where every indicator is one kinerja has, which keeps its own (a division's realisasi per triwulan). A
Sasaran written once (or merged) holds for the indicators below it; so does a heading row ("Sasaran 1: …"), which may
stand for the whole Sasaran column; a heading naming a division ("II. BIDANG PEMBERDAYAAN KOPERASI") gives it its
indicators. The row of column numbers, blank, total and subtotal rows, the header printed again on the next page,
notes and signatures under the table and "-" for "no value yet" are skipped; another table under it (the PK's "Program
| Anggaran") ends it; rows hidden in Excel are not read. Columns of another year or of something else ("Target
Renstra", "Realisasi Anggaran") are not read, except a Renstra's targets of its other years ("Target 2026" …
"Target 2029" beside the year's, or "Target" merged over the years; two or more, and no realisasi of another year):
saved as the plan's targets of those years (Target.Kind.RENSTRA, the year's too) where the Sasaran's strategic plan
has the year, else a warning names the column; a new Sasaran takes the file's years as its plan. A workbook with
several sheets that have a header is read from the sheet the user names, never by guessing. What is passed over is
told in the Summary.

More of what a new office brings ("Nama Indikator", "Sat."): a quarter ("Triwulan I", "TW-1") merged over Target |
Realisasi | %, read as the quarter's target and actual; a quarter's column without the word Target or Realisasi
("Triwulan 2" beside "Realisasi TW I") of the kind the other quarters have, and named as a bad header where they do
not tell it (never dropped unread); a Penanggung Jawab written as the head of the unit ("Kabid Kelembagaan", "Kepala
Bidang UMKM", "Sekretaris"); a Polaritas written out ("Negatif (-)", "(+)", "Meningkat", "Menurun", "Semakin rendah
semakin baik", "semakin banyak semakin baik", "Semakin cepat semakin baik": faster is lower is better where the Satuan
is a time, and refused for another Satuan). Under the last row with a value, the notes ("Keterangan:", "Sumber:") and
the signatures ("Bandar Lampung, 2 Januari 2025", "PIHAK PERTAMA", "NIP. …") end the table, whatever columns they are
typed in. A file without any Target column (a division's reply with its actuals) may name only indicators kinerja has,
which keep their Sasaran, Satuan and targets; a column of targets not read ("Target Akhir Renstra") makes it no such
file, and is named. A target without a digit is a text (WTP, A) unless the Satuan is counted or measured in numbers
("abc" for a "%" is a bad cell). A header cell merged over two columns for the layout is one column; "Sasaran /
Indikator" in one column has each Sasaran on a row without Satuan and values. A workbook without a header names the
row that comes closest and the column it lacks. A sheet hidden in Excel is read only when named, or when no other has
a header; a value Excel turned into a date ("3-5") is a bad cell that says so. The Summary lists the columns as read
and the first rows (the preview).

The IKU form of PermenPAN-RB 53/2014 ("Kinerja Utama" for the Sasaran, "Penjelasan / Formulasi Perhitungan") and a
cascading table ("Tujuan | Sasaran | Indikator": the Sasaran is read, the Tujuan not) are read as they are written. A
Penanggung Jawab written as the head's title names the unit even where the office has not entered its positions yet
("Sekretaris", "Kabid SD" for "Bidang SD", "Kasubbag Umum" for "Subbagian Umum"). A number followed by its category in
brackets ("75,20 (BB)", "82,5 (Baik)") is the number. Words alone in lower case under an indicator (its name wrapped
onto a row of its own, as a table converted from PDF has it) are a bad row that says so, not joined unasked.

A polarity may be stated outside a Polaritas column: in a "Keterangan" column (each of its cells where it says only
polarities, "Negatif", "Menurun"; where it holds other notes, "Data sementara", only the phrases nothing else can
mean, "semakin rendah semakin baik"; where it says only "Meningkat" / "Menurun" beside the realisasi of an earlier
year, the LKjIP's trend against that year, it is not read, and a warning says so), in a column headed as the
direction ("Arah", "Kondisi yang diharapkan"), in a note above or under the table naming codes of the table ("Polaritas:
Negatif untuk IK-3"; a code the table lacks is a bad cell), or after the indicator's name ("… tidak aktif (semakin
kecil semakin baik)", "(-)"), which is then no part of the name saved. The Polaritas column comes first; another of
them saying otherwise is a warning. The preview says where each polarity was read (polarity_source). A total's words
alone in the Indikator column ("JUMLAH") name no indicator, even with the sums beside them; "Realisasi Bulan"
merged over the months is refused by name, as "Realisasi" over them is.

A Capaian column is never saved (kinerja computes it) but read: without Polaritas it tells a negative
indicator; and a Capaian that differs from kinerja's (from the target, the actual and the polarity as
saved) beyond the file's rounding is a warning in the Summary (Mismatch), not a bad row. So is each quarter's
("Capaian (%)" merged over TW I … TW IV, as e-SAKIP exports it), against the quarter's target or else the year's;
a file of one quarter ("Target TW II | Realisasi TW II | Capaian (%)", also beside the year's Target where no
Realisasi of the year is given, as e-SAKIP exports it) has its Capaian taken as that quarter's. Where both negative
formulas come within the file's rounding, the one nearer its Capaian is taken.
A Capaian of the budget ("Capaian Anggaran (%)" beside the indicators' own) or against the Renstra's last target
("Capaian thd Target Akhir Renstra") is not read.
A "Formulasi/Cara Perhitungan" (or "Definisi Operasional") and a "Sumber Data" column fill the indicator's definition
and data source; an empty cell keeps what it has. An indicator kinerja has that the file puts under another Sasaran
moves there, with a warning. Quarterly realisasi of an indicator with a target of the year and none of a quarter are
imported, and the Summary lists them (against_annual): their quarters are compared with the year's target.

What a row becomes: its Target the performance agreement target of the year (Target TWn the quarter
targets), its Realisasi the annual actual (Realisasi TWn the quarter actuals). Imported actuals are
"submitted": the Kasubbag still checks them; a locked actual is never overwritten (a bad row).

Targets as PK tables write them: with their comparison ("≥ 80", "minimal 80%", "paling lama 3 hari"), the
number is the target and, where the row has no Polaritas, the comparison is the polarity (a Polaritas that
says otherwise is kept, with a warning); a range ("80 - 90") is a bad row, since no one number follows from
it. "Minimal" in a Polaritas column means minimise (lower is better), "minimal 80" before a target at least
80 (higher is better); a row saying both is warned about with both readings. A file that turns the polarity
of an existing indicator around is a warning too: its achievement is then computed the other way in every
year. A header may carry the unit ("Target (Rp)", "Realisasi (%)"); beside a column without one, the Rupiah
column is the budget, not read. A header may carry the scale too ("Target (Rp juta)", "Realisasi (Rp. Ribu)",
"(dalam miliar rupiah)"): the values are multiplied into the Satuan's own scale (Rupiah; "juta rupiah" keeps
juta), each column by its own, so target and actual stay comparable; a scale word not read ("triliun", "M")
and a value column naming no unit beside a scaled one are refused, naming the header cell. A revised target
("Target Perubahan", "Target PK Perubahan") is the target, the original one only where the revised cell is
empty; the Summary says so. An implausible figure (plausibility.py: a percentage above 100 or below 0, a
count not whole, an actual more than 10 times its target or less than a tenth of it) is imported with a
warning (850 is often 85,0 without its comma).

A Rencana Aksi: a file with an activity column ("Rencana Aksi", "Kegiatan", "Uraian Kegiatan") lists, per
indicator, one or more activities. A "Kegiatan" column alone does not make one: a Perjanjian Kinerja may have it
beside Sasaran, Indikator and Target, one row per indicator; it is then read as a PK and the column is not read,
which the Summary names (file_kind decides by the whole header and the rows; where they fit both, UnclearKind
asks the user, who names it AGREEMENT or PLAN). The indicator is written on its first row; the rows of its further
activities leave it blank, have it merged down over them, or write it again. Each activity keeps its quarter
targets ("Target Triwulan" over I … IV, or "TW I" … "TW IV" without the word Target) and its budget
("Anggaran", "Pagu"), where given; "Rencana Aksi" merged over TW I … TW IV instead names one activity per
quarter. The rule for the indicator's own quarter targets (the `Target` rows the reports and the input page
compare with): they are the figures of the indicator's own row, as in any file, unless that row also names
an activity and more activities follow; the figures are then that activity's and the indicator's quarter
targets are left as they are, because the activities measure other things (4 dokumen, 200 orang, a
percentage of the work) and adding them up would be wrong. A new indicator must then have its year's Target.
The file is the year's plan: an indicator's activities replace those an import brought before, while those added
by hand on the Target page stay, and so do imported ones edited there since, as the user left them (plan.replace_imported;
the Summary counts kept, edited, added, changed and removed).
Without a Satuan column a Rencana Aksi may name only indicators kinerja has (by Kode or name), whose Sasaran, Satuan and
year's target stay where the file gives none. Four quarter targets of an indicator that do not add up (as it
adds up its quarters) to its year's target are a warning in the Summary. Bad rows, named like any other:
an activity above every indicator, an activity row without its activity, a quarter target or budget that is
not a number, an indicator kinerja does not know, and a value of the indicator's own columns on an
activity's row (it would be lost).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from kinerja.errors import BadCell, BadImportRow, ImportFailed, KinerjaError
from kinerja.org.models import Office, Position, Unit
from kinerja.spreadsheets import csv_rows, fill_merged

from . import signoff
from .achievement import (
    AT_LEAST,
    AT_MOST,
    LESS_THAN,
    MORE_THAN,
    TEXT_SCALES,
    aggregate_quarters,
    evaluate,
    grade_comparison,
    unreachable_grade,
    year_value,
)
from .models import YEAR_FIELDS, Actual, ActualRevision, Indicator, IndicatorRevision, Objective, Target, quarter_name
from .numbers import NumberError, float_number, format_number, format_plain, parse_number
from .plan import MAX_NUMBER, ActivityValueError, PlanChange, activity_name, activity_number, replace_imported
from .plausibility import allows_percent_sign, implausible, is_count, is_percent
from .report import REPORTED
from .written import CATEGORY as _CATEGORY
from .written import (
    CELL_SCALE_WORDS,
    ESTIMATE_MARKS,
    MONEY_WORDS,
    SCALE_WORDS,
    WholeValueError,
    is_percent_written,
    read_written,
)
from .written import FOOTNOTE as _FOOTNOTE
from .written import comparison as _comparison
from .written import unit_scale as _unit_scale

# The headers as offices write them: document-format words, not translated text.
CODE, OBJECTIVE, NAME, UNIT, POLARITY, TARGET, ACTUAL, DIVISION = (
    "Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi", "Bidang")
ACHIEVEMENT = "Capaian"  # never saved: read to tell a negative indicator, and checked against kinerja's
# A Rencana Aksi's activity and its budget: read only from a file with an activity column (see read_rows).
ACTION, BUDGET = "Rencana Aksi", "Anggaran"
# A division's narrative beside its realisasi: saved with the row's latest figure (see _narrative_quarter).
OBSTACLES, SOLUTIONS = "Kendala", "Solusi"
NARRATIVES = (OBSTACLES, SOLUTIONS)
# The indicator's own description, as an IKU or Pengukuran Kinerja table gives it beside the name: its formula
# ("Formulasi/Cara Perhitungan", "Definisi Operasional") and where its figures come from ("Sumber Data").
DEFINITION, SOURCE = "Formulasi", "Sumber Data"
QUARTER_ACTIONS = [f"{ACTION} TW{q}" for q in range(1, 5)]  # "Rencana Aksi" over TW I … TW IV: one per quarter
COLUMNS = [CODE, OBJECTIVE, NAME, UNIT, POLARITY, TARGET, ACTUAL, DIVISION]
QUARTER_TARGETS = [f"Target TW{q}" for q in range(1, 5)]
QUARTER_ACTUALS = [f"Realisasi TW{q}" for q in range(1, 5)]
HEADERS = COLUMNS + QUARTER_TARGETS + QUARTER_ACTUALS
POLARITIES = {"positif": Indicator.Polarity.HIGHER_IS_BETTER, "negatif": Indicator.Polarity.LOWER_IS_BETTER}
EXAMPLE = ["IK-01", "Meningkatnya kualitas kelembagaan koperasi", "Persentase koperasi sehat", "%", "Positif",
           "65,5", "60", "Bidang Kelembagaan", "", "", "", "65,5", "40", "50", "55", "60"]
PLAN_YEARS = 5  # a Renstra covers five years
CLOSE_NAME = 0.85  # how like a name kinerja has an unknown one must be to be named as the one probably meant


@dataclass
class Value:
    number: Decimal | None = None
    text: str = ""
    polarity: str = ""  # the one its comparison tells ("≥ 80": higher is better), "" without one
    column: str = ""  # the column it was read from (the original target's where the revised one is empty)

    @property
    def empty(self) -> bool:
        return self.number is None and not self.text


@dataclass
class Row:
    number: int  # as the spreadsheet shows it
    sheet: str
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
    labels: dict[str, str] = field(default_factory=dict)  # the columns as written in the file
    negative_method: str = ""
    achievement: tuple[Decimal, Decimal] | None = None  # the file's Capaian and the rounding it may have
    # Where the polarity was read from: the Polaritas column, a target's comparison, Capaian (their keys), or as
    # written: a Keterangan column ("Keterangan (H)"), the Indikator's phrase, a note ("note in cell A20").
    polarity_column: str = ""
    activities: list[PlannedActivity] = field(default_factory=list)  # its Rencana Aksi, in the file's order
    own_activity: bool = False  # the indicator's row names an activity too (its quarter figures are the activity's)
    known: bool = False  # a Rencana Aksi's indicator kinerja already has
    obstacles: str = ""  # the Kendala and Solusi written beside the row's figures
    solutions: str = ""
    numbered: str = ""  # without a Kode column, the No. column's "1.1": a new indicator's code
    quarter_achievements: dict[int, tuple[Decimal, Decimal]] = field(default_factory=dict)  # "Capaian TW I" …
    definition: str = ""  # the Formulasi column's; "" keeps the indicator's own
    data_source: str = ""  # the Sumber Data column's; "" keeps the indicator's own
    # A Renstra's target of each year it gives (the imported year's Target too): saved as Target.Kind.RENSTRA.
    plan_targets: dict[int, Value] = field(default_factory=dict)
    # What said the polarity, as written ("semakin kecil semakin baik", "≥ 80"), "" for a Capaian that told it.
    polarity_written: str = ""


@dataclass
class PlannedActivity:
    """One activity of an indicator's Rencana Aksi as a row of the file gives it."""

    number: int  # the row, as the spreadsheet shows it
    name: str
    targets: dict[int, Decimal] = field(default_factory=dict)  # quarter → the activity's own target
    budget: Decimal | None = None
    quarter: int | None = None  # the quarter it is planned for, in a plan with an activity per quarter


@dataclass
class Tally:
    """What an import did to one kind of record: added, changed, or found as the file has it already."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


ADDED, CHANGED, UNCHANGED = "added", "changed", "unchanged"


@dataclass
class Summary:
    rows: int = 0
    objectives_created: int = 0
    indicators_created: int = 0
    indicators_updated: int = 0  # changed by the file: another name, unit, polarity, division, … (not merely met)
    indicators_unchanged: int = 0  # in the file as kinerja has them already
    targets: int = 0  # the file's targets, whatever became of them (target_tally)
    actuals: int = 0  # the file's actuals, whatever became of them (actual_tally)
    target_tally: Tally = field(default_factory=Tally)
    actual_tally: Tally = field(default_factory=Tally)
    activities: int = 0  # Rencana Aksi activities in the file (saved where the file is imported)
    # What the file's activities do to those kinerja has: hand-added and hand-edited kept, imported ones added,
    # changed, removed.
    plan_change: PlanChange = field(default_factory=PlanChange)
    plan: bool = False  # the file has an activity column
    dry_run: bool = False
    sheet: str = ""
    # New indicators the file gives no polarity for (no Polaritas, no telling Capaian): taken as
    # higher is better, which is wrong for "angka kemiskinan" or "waktu pelayanan"; the user checks them.
    assumed_positive: list[str] = field(default_factory=list)
    # Of those, the ones whose name reads as lower-is-better, with the words that say so (likely_negative).
    likely_negative: dict[str, str] = field(default_factory=dict)
    # Capaian the file gives that kinerja, from the same target, actual and polarity, computes otherwise.
    mismatches: list[Mismatch] = field(default_factory=list)
    # Values imported as written that the user should look at again (see CellWarning).
    warnings: list[CellWarning] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)  # hidden in Excel: not read
    unread_rows: list[int] = field(default_factory=list)  # a value but no indicator: not read
    # Rows named like a total ("Jumlah IKM baru binaan") with a value, taken as a subtotal and not read:
    # (row, name as written). A total of kinerja's own indicators is skipped; one named otherwise is said.
    total_rows: list[tuple[int, str]] = field(default_factory=list)
    other_table: int | None = None  # another table under the indicators starts at this row: not read
    notes_from: int | None = None  # the notes and signatures under the table start at this row: not read
    # Sasaran heading rows whose indicators each give their own Sasaran (Reading.unread_headings): not read.
    unread_headings: list[tuple[int, str, str]] = field(default_factory=list)
    columns: list[tuple[str, str]] = field(default_factory=list)  # (what kinerja reads it as, the header as written)
    unread_columns: list[str] = field(default_factory=list)  # the headers of the columns not read, as written
    activity_ignored: str = ""  # a Perjanjian Kinerja's Kegiatan column, as written: not read
    preview: list[PreviewRow] = field(default_factory=list)  # the first rows as read, for the user to check
    more_rows: int = 0  # rows read beyond the preview
    # Each new indicator whose polarity the file gives: (name, polarity, where it was read: polarity_source).
    polarities_read: list[tuple[str, str, str]] = field(default_factory=list)
    # Indicators with a target of the year and none of a quarter that the file gives quarterly realisasi
    # ("IK-20 Angka kemiskinan (TW I, TW II)"): saved, and said what follows (against_annual_note).
    against_annual: list[str] = field(default_factory=list)

    @property
    def count_lines(self) -> list[str]:
        """What the import did, honestly counted, one sentence per kind (the page lists them): a row kinerja has
        as the file gives it is "unchanged", not "changed"."""
        t, a = self.target_tally, self.actual_tally
        return [
            _("%(rows)d rows, %(objectives)d new objectives.") % {"rows": self.rows, "objectives": self.objectives_created},
            _("Indicators: %(new)d new, %(changed)d changed, %(same)d unchanged.") % {
                "new": self.indicators_created, "changed": self.indicators_updated, "same": self.indicators_unchanged},
            _("Targets: %(new)d new, %(changed)d changed, %(same)d unchanged.") % {
                "new": t.added, "changed": t.changed, "same": t.unchanged},
            _("Actuals: %(new)d new, %(changed)d changed, %(same)d unchanged.") % {
                "new": a.added, "changed": a.changed, "same": a.unchanged}]

    @property
    def counts(self) -> str:
        """count_lines as one line (the command's)."""
        return " ".join(self.count_lines)

    @property
    def unread_heading_lines(self) -> list[str]:
        """The Sasaran heading rows not read, one sentence for each Sasaran column that took their place."""
        lines = []
        for column in dict.fromkeys(c for _row, _words, c in self.unread_headings):
            rows = "; ".join(_('row %(number)s "%(name)s"') % {"number": number, "name": words}
                             for number, words, c in self.unread_headings if c == column)
            lines.append(_("Sasaran headings not read, since the indicators below them each give their Sasaran in "
                           "column %(column)s: %(rows)s.") % {"column": column, "rows": rows})
        return lines

    @property
    def against_annual_note(self) -> str:
        """What quarterly realisasi of an indicator without quarter targets become, as the import says it."""
        return _("Quarterly realisasi of indicators that have a target of the year and no quarter targets: each "
                 "quarter is compared with the year's target, as progress towards it (an indicator whose quarters "
                 "add up gets no predicate before TW IV), and those quarters no longer show the indicator as "
                 "measured annually. To judge each quarter against a target of its own, add quarter targets on the "
                 "indicator's Target page:")

    @property
    def semester_notes(self) -> list[str]:
        """What became of columns of a half-year ("Realisasi Semester I", "Target Smt 2"): kinerja keeps each
        quarter's figures and the year's, and has no half-year to read them into; a semester's figure cannot be
        split into its two quarters (an indicator whose quarters add up) nor taken for the year's. Listed among
        the columns not read, they are said once for each kind, with how to give the quarters' instead."""
        semesters = [c for c in self.unread_columns if _SEMESTER.search(_normal(c))]
        notes = []
        for kind in (TARGET, ACTUAL):
            columns = [c for c in semesters if _normal(c).startswith(kind.lower()) or (
                kind == ACTUAL and not _normal(c).startswith(TARGET.lower()))]
            if columns:
                notes.append(_(
                    "kinerja keeps the figures of the year and of each quarter, not of a half-year: %(columns)s "
                    "were not read. Write each quarter's figure in columns headed \"%(kind)s TW I\" … \"%(kind)s TW "
                    "IV\" (Semester I is TW I and TW II, Semester II is TW III and TW IV), or the year's in a column "
                    "headed \"%(kind)s\", and import the file again.") % {"columns": ", ".join(columns), "kind": kind})
        return notes


# A column of a half-year: "Realisasi Semester I", "Target Smt 2", "Smstr II".
_SEMESTER = re.compile(r"\b(?:semester|smt|smstr)\b")

PREVIEW_ROWS = 50


@dataclass
class PreviewRow:
    """A row as kinerja read it, its values written the Indonesian way: what the user checks against the file."""

    number: int
    objective: str
    name: str
    unit: str
    polarity: str  # "" where the file gives none
    target: str
    actual: str
    quarter_targets: list[tuple[str, str]]  # ("TW I", "80")
    quarter_actuals: list[tuple[str, str]]
    activities: int
    # The code the import stores: the Kode column's, the indicator's own, or a new one's ("1.1" as the No.
    # column numbers it, else IK-nn); set as each row is imported, "" for a row the import refuses.
    code: str = ""
    # The Satuan kinerja has for the indicator, where the file changes it (shown as "old → new"); "" otherwise.
    unit_before: str = ""
    # The unit the row's Bidang names, as kinerja found it ("Kabid Pemberdayaan" → "Bidang Pemberdayaan"); "" for none.
    division: str = ""
    # A Renstra's target of each year it gives: ("2026", "65").
    plan_targets: list[tuple[str, str]] = field(default_factory=list)
    # The Sasaran as kinerja saves it, set as each row is imported: its code (one kinerja has, matched by name, or
    # the new one's), its name without the number the file wrote before it, and whether the import creates it.
    objective_code: str = ""
    objective_new: bool = False
    # Where the polarity was read, as written: "Keterangan (H): “semakin rendah semakin baik”", "Target (F): “≥ 80”";
    # "" where the file gives none.
    polarity_source: str = ""


def _shown(value: Value) -> str:
    return format_plain(value.number) if value.number is not None else value.text


def _preview(row: Row) -> PreviewRow:
    quarters = [(q, f"TW {_ROMAN_OF[q]}") for q in range(1, 5)]
    return PreviewRow(row.number, row.objective, row.name, row.unit,
                      Indicator.Polarity(row.polarity).label if row.polarity else "", _shown(row.target),
                      _shown(row.actual),
                      [(label, _shown(row.quarter_targets[q])) for q, label in quarters if q in row.quarter_targets],
                      [(label, _shown(row.quarter_actuals[q])) for q, label in quarters if q in row.quarter_actuals],
                      len(row.activities),
                      division=(row.division.short_name or row.division.name) if row.division else "",
                      plan_targets=[(str(y), _shown(v)) for y, v in row.plan_targets.items()],
                      polarity_source=_polarity_source(row))


def _polarity_source(row: Row) -> str:
    """Where the row's polarity was read, for the preview: the column (or note) as written, and what it says
    where that is not the Polaritas column's own word."""
    source = " ".join(row.labels.get(row.polarity_column, row.polarity_column).split())
    if source and row.polarity_written and row.polarity_column != POLARITY:
        return f"{source}: “{row.polarity_written}”"
    return source


@dataclass
class Mismatch:
    """A row whose Capaian disagrees with the achievement kinerja computes. A warning, not a bad row: the
    file's figure is only read, never saved (kinerja computes capaian from the target and the actual,
    which are right), but an office whose spreadsheet caps capaian at 100% or divides the wrong way
    must see where its own report and kinerja's will differ."""

    file: str
    sheet: str
    row: int
    column: str  # as written, with its letter
    written: Decimal
    computed: Decimal
    polarity: str
    # Where the year's actual comes from the quarters: the indicator's way of adding them up, and another way
    # that gives the file's figure ("sum" where the indicator takes the "last"), else "".
    aggregation: str = ""
    fitting_aggregation: str = ""

    def __str__(self) -> str:
        values = {"written": format_number(self.written), "computed": format_number(self.computed),
                  "polarity": Indicator.Polarity(self.polarity).label}
        if self.fitting_aggregation:
            # The target, the actual and the polarity are right; the year is added up otherwise than the file does.
            return _("%(where)s: the file says %(written)s%%, the year's actual taken as \"%(fits)s\"; kinerja computes "
                     "%(computed)s%% because the indicator's actual of the year is its \"%(own)s\". If the file is "
                     "right, change \"How the quarters add up\" on the indicator's page") % {
                **values, "where": _where(self.file, self.sheet, self.row, self.column),
                "fits": Indicator.Aggregation(self.fitting_aggregation).label,
                "own": Indicator.Aggregation(self.aggregation).label}
        return _("%(where)s: the file says %(written)s%%, kinerja computes %(computed)s%% from the target, the "
                 "actual and the polarity (%(polarity)s)") % {
            **values, "where": _where(self.file, self.sheet, self.row, self.column)}


@dataclass
class CellWarning:
    """A value imported as written that is probably not what the office meant: a polarity column that says
    otherwise than the target's own "≥" or "≤", a percentage above 100 (850 for 85,0), or the revised
    target read instead of the original. A warning, not a bad row: the file may be right."""

    file: str
    sheet: str
    row: int
    column: str  # as written, with its letter
    message: str  # translated when read, as the errors are

    def __str__(self) -> str:
        return f"{_where(self.file, self.sheet, self.row, self.column)}: {self.message}"


def _where(file: str, sheet: str, row: int, column: str) -> str:
    values = {"file": file, "sheet": sheet, "row": row, "column": column}
    return (_("%(file)s, sheet %(sheet)s, row %(row)d, column %(column)s") if sheet
            else _("%(file)s, row %(row)d, column %(column)s")) % values


# --- reading ------------------------------------------------------------------------------------

# The header of the column numbering the rows, and a number there that names an indicator under its Sasaran
# ("1.1", "2.3."), where "1." numbers the Sasaran's own row and "a." a sub-item.
NUMBER_HEADERS = {"no", "nomor", "no urut", "nomor urut"}
_SUB_NUMBER = re.compile(r"\d+(?:\.\d+)+\.?")
HEADER_SEARCH_ROWS = 30  # a title block (PEMERINTAH KOTA …, PERJANJIAN KINERJA TAHUN …) sits above the header
FIELD_PREFIXES = [  # the start of a header as offices write it → the column it is (document-format words)
    (CODE, ("kode",)),
    (OBJECTIVE, ("sasaran", "tujuan", "kinerja utama")),  # "Kinerja Utama": the IKU form of PermenPAN-RB 53/2014
    (NAME, ("indikator", "iku", "nama indikator", "uraian indikator")),
    (UNIT, ("satuan", "sat")),  # "Sat.", where the column is narrow
    (POLARITY, ("polaritas", "polarisasi")),
    (DIVISION, ("bidang", "penanggung jawab", "pj", "unit kerja", "pengampu")),
    (ACHIEVEMENT, ("capaian", "persentase capaian")),
    (ACTION, ("rencana aksi", "aksi", "kegiatan", "rencana kegiatan", "uraian kegiatan", "uraian rencana aksi")),
    (BUDGET, ("anggaran", "pagu")),
    (OBSTACLES, ("kendala", "hambatan", "permasalahan", "masalah")),
    (SOLUTIONS, ("solusi", "upaya", "tindak lanjut", "rencana tindak lanjut", "pemecahan masalah")),
    (DEFINITION, ("formulasi", "formula", "cara perhitungan", "cara pengukuran", "cara menghitung", "rumus",
                  "definisi operasional", "definisi", "metode perhitungan", "metode pengukuran",
                  "penjelasan")),  # "Penjelasan / Formulasi Perhitungan", as the IKU form has it
    (SOURCE, ("sumber data",)),
]
# A group over Target | Realisasi that is a Renstra's start or end ("Kondisi Awal (2024)", "Kondisi Akhir (2029)"),
# not the year it names.
ENDPOINT_WORDS = {"kondisi", "awal", "akhir", "baseline"}
# Words that may follow Target/Realisasi and still mean the year's value ("Target PK 2025", "Realisasi Tahun 2025").
YEAR_WORDS = {"pk", "tahun", "tahunan", "perjanjian", "kinerja", "th", "thn", "tw", "triwulan", "iku"}
UNIT_WORDS = {"rp", "rupiah", "persen"}  # "Target (Rp)", "Realisasi (%)": the unit, in the header ("%" is dropped)
# Words by which a Capaian column is the budget's ("Capaian Anggaran (%)", "Capaian Keuangan"), not the indicator's.
BUDGET_WORDS = MONEY_WORDS | {"anggaran", "keuangan", "pagu", "dana", "biaya", "belanja"}
# ... and by which it is against the medium-term plan's target ("Capaian thd Target Akhir Renstra (%)").
PLAN_WORDS = {"renstra", "rpjmd", "rpjmn", "akhir", "menengah"}
# The scale a header gives its values in ("Target (Rp juta)", "Realisasi (Rp. Ribu)", "(dalam miliar rupiah)"):
# the values are multiplied by it, into the indicator's Satuan (Rupiah, or "juta rupiah" where it says so): the
# words are written.SCALE_WORDS, which reads a cell's own scale ("Rp 1,2 miliar") too.
# Words that scale a value too but are not read ("M" is miliar to some, million to others): the header is refused.
UNKNOWN_SCALE_WORDS = {"ratus", "ratusan", "puluh", "puluhan", "triliun", "trilyun", "triliunan", "m", "mio", "mrd",
                       "k", "rbu", "thousand", "million", "billion"}
SCALE_FILLER = {"dalam"}  # "(dalam juta rupiah)"
# A revised target ("Target Perubahan", "Target PK Perubahan", "Target Setelah Perubahan"): the performance
# agreement as changed during the year, which replaces the original one ("Target Awal") where it has a value.
REVISION_WORDS = {"perubahan", "revisi"}
REVISED_WORDS = REVISION_WORDS | {"setelah", "sesudah"}
ORIGINAL_WORDS = {"awal", "semula"}
REVISED, ORIGINAL, MONEY = " (revised)", " (original)", " (Rp)"  # suffixes of a column kind: "Target (revised)"
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_QUARTER = re.compile(r"\b(?:tw|trw|triwulan|tri wulan|q|kuartal)\s*([ivx]+|\d+)\b")
EMPTY_MARKS = {"-", "–", "—", "n/a", "#n/a"}  # "no value yet", as tables write it
EXCEL_ERRORS = {"#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"}  # a formula's result, saved as text
TOTAL_WORDS = {"jumlah", "total", "rata rata", "rata2", "rerata", "jumlah total"}
TOTAL_PREFIXES = ("rata rata capaian", "total capaian", "jumlah capaian", "capaian rata rata")
# A total row's first words ("Sub Total Sasaran 1", "Rata-rata"); "Jumlah koperasi aktif" is an indicator,
# told apart by its Satuan and target, which a total row has not.
TOTAL_STARTS = ("jumlah", "total", "sub total", "subtotal", "rata rata", "rerata", "rata2")
# A Polaritas column's words. "Minimal" there means minimise (lower is better) and "Maksimal" maximise, the
# opposite of "minimal 80" (at least 80) and "maksimal 10" (at most 10) written before a target: a row
# whose Polaritas and target say opposite things gets a warning that explains both readings.
# "Meningkat" / "Menurun" are how many PK and IKU tables write it (the direction the indicator should move).
POLARITY_WORDS = {"+": "positif", "naik": "positif", "meningkat": "positif", "maksimal": "positif",
                  "maksimum": "positif", "maksimalkan": "positif", "maximize": "positif", "maximise": "positif",
                  "-": "negatif", "−": "negatif", "turun": "negatif", "menurun": "negatif", "minimal": "negatif",
                  "minimum": "negatif", "minimalkan": "negatif", "minimize": "negatif", "minimise": "negatif"}
# The Polaritas words that read as a target's comparison too.
AMBIGUOUS_POLARITY_WORDS = {"minimal", "minimum", "minimalkan", "maksimal", "maksimum", "maksimalkan"}
# A Polaritas written out as a phrase: "Semakin rendah semakin baik", "makin tinggi makin baik", "semakin kecil
# nilainya semakin baik", "Semakin cepat", "semakin lambat semakin buruk", "lower is better". The way it grows,
# a word or two between, and whether that is good (baik) or bad (buruk); without the second half it is good.
_MORE = r"(?:semakin|makin|kian)"
_POLARITY_PHRASE = re.compile(rf"^{_MORE}\s+(?P<way>\w+)(?:\s+(?!{_MORE}\b)\w+){{0,2}}?"
                              rf"(?:\s+{_MORE}\s+(?P<judged>baik|bagus|buruk|jelek))?$"
                              r"|^(?P<english>\w+)\s+is\s+better$")
LOWER_WORDS = {"rendah", "kecil", "sedikit", "turun", "menurun", "singkat", "pendek", "lower", "less", "fewer",
               "smaller", "shorter"}
HIGHER_WORDS = {"tinggi", "besar", "banyak", "naik", "meningkat", "lama", "panjang", "higher", "more", "greater",
                "bigger", "longer"}
# "Semakin cepat semakin baik": faster is better, which is a shorter time, so lower is better, where the Satuan
# is a time. For a Satuan that is no time ("%", "dokumen") faster says nothing about the number: refused.
FAST_WORDS, SLOW_WORDS = {"cepat", "faster", "quicker"}, {"lambat", "slower"}
FASTER = "faster"  # what _polarity_word returns for it; read_rows decides by the Satuan
TIME_UNITS = {"detik", "menit", "jam", "hari", "minggu", "pekan", "bulan"}
# What an indicator counts when lower is better ("Jumlah kecelakaan lalu lintas", "Angka pengangguran terbuka"),
# and the words that turn such a count round ("Persentase penurunan angka kemiskinan", "kasus yang diselesaikan").
# Only a hint beside a new indicator taken as Positif: the user decides.
NEGATIVE_WORDS = ("kecelakaan", "kematian", "pengangguran", "kemiskinan", "penduduk miskin", "stunting", "gizi buruk",
                  "pelanggaran", "kasus", "bermasalah", "tunggakan", "temuan", "kerugian", "kemacetan", "genangan",
                  "banjir", "inflasi", "kriminalitas", "kejahatan", "tidak aktif", "putus sekolah", "kebakaran",
                  "keluhan", "pengaduan", "kredit macet", "kumuh", "buta aksara", "sengketa", "tidak layak",
                  "tidak tepat waktu", "terlambat", "keterlambatan")
TURNING_WORDS = ("penurunan", "menurunnya", "menurun", "turunnya", "berkurangnya", "pengurangan", "diselesaikan",
                 "terselesaikan", "penyelesaian kasus", "ditangani", "tertangani", "penanganan", "ditindaklanjuti",
                 "tindak lanjut", "dituntaskan", "tuntas", "pemulihan", "bebas", "dicegah", "pencegahan")


def likely_negative(name: str, unit: str = "") -> str:
    """The words of a new indicator's name that say lower is better ("kecelakaan"), or its time ("waktu" measured
    in hari): empty where none do, or where a word turns them round ("penurunan angka kecelakaan")."""
    words = " " + " ".join(re.findall(r"\w+", name.lower())) + " "
    if any(f" {w} " in words for w in TURNING_WORDS):
        return ""
    found = [w for w in NEGATIVE_WORDS if f" {w} " in words]
    if not found and " waktu " in words and _normal(unit) in TIME_UNITS:
        found = ["waktu"]
    return ", ".join(f"“{w}”" for w in found)
BAD_WORDS = {"buruk", "jelek"}


def _is_time(unit: str) -> bool:
    """Whether a Satuan is a time: "hari", "Hari kerja", "jam", "menit/berkas"."""
    return bool(TIME_UNITS & set(_normal(unit).split()))


def _polarity_word(text: str) -> str:
    """"positif", "negatif", FASTER or "" for a Polaritas cell as offices write it: "Positif", "Negatif (-)",
    "(+)", "Minimize", "Semakin rendah semakin baik", "semakin lambat semakin buruk" (FASTER: lower is better
    for a time only). A cell whose parts say both ("Positif (-)") is neither."""
    text = " ".join(text.lower().replace("−", "-").split()).strip(" .")
    if text in POLARITIES or text in POLARITY_WORDS:
        return POLARITY_WORDS.get(text, text)
    found = _POLARITY_PHRASE.match(text)
    if found is not None:
        way = found.group("way") or found.group("english")
        bad = found.group("judged") in BAD_WORDS  # "semakin tinggi semakin buruk": lower is better
        if way in FAST_WORDS | SLOW_WORDS:
            # Faster is good, or slower is bad: a shorter time. Slower good makes no sense: not guessed.
            return FASTER if (way in FAST_WORDS) != bad else ""
        lower = way in LOWER_WORDS
        if not lower and way not in HIGHER_WORDS:
            return ""
        return "negatif" if lower != bad else "positif"
    # "Negatif (-)", "(+)", "positif/naik": each part on its own, and every part saying the same.
    parts = [p for p in re.split(r"[\s()\[\]/,;]+", text) if p]
    said = {POLARITY_WORDS.get(p, p) for p in parts}
    return said.pop() if len(said) == 1 and said <= set(POLARITIES) else ""


# Where an office states the polarity outside a Polaritas column: a "Keterangan" column beside the figures, a
# phrase after the indicator's name ("… tidak aktif (semakin kecil semakin baik)") and a note above or under the
# table ("Polaritas: Negatif untuk IK-3"). Read where nothing else can be meant (see _stated_polarity).
NOTE_HEADERS = {"keterangan", "ket", "catatan", "keterangan polaritas"}
# A column whose header names the direction the indicator should move ("Arah", "Kondisi yang diharapkan"): its
# "Meningkat" / "Menurun" is the polarity, read as a Keterangan's is but never taken for a trend (below). Whole
# headers only: "Arah Kebijakan" is a Renstra's policy, "Kondisi Kinerja pada Akhir Periode Renstra" its last target.
DIRECTION_HEADERS = {"arah", "arah polaritas", "arah kinerja", "arah indikator", "arah yang diharapkan",
                     "kondisi yang diharapkan", "kondisi diharapkan", "arah kondisi yang diharapkan"}
# The words of a maintain-type indicator in a Polaritas or Arah column ("Tetap", "Stabil", "Dipertahankan"): the
# realisasi should equal the target, and deviate either way is worse. PermenPAN-RB 53/2014 gives no formula for it and
# kinerja's indicators are Positif or Negatif, so such a row is refused with what to write instead, never read as
# one of the two (a capaian of 120 % for a ratio kept at its target would be wrong either way).
MAINTAIN_WORDS = {"tetap", "stabil", "dipertahankan", "mempertahankan", "konstan", "terjaga",
                  "dijaga", "maintain", "stable"}
# The words by which a Keterangan says how a figure moved against an earlier one, as well as which way is good.
TREND_WORDS = {"meningkat", "menurun", "naik", "turun"}
# A realisasi of a year before the one imported, as a header names it without the year ("Realisasi Tahun Lalu").
_EARLIER = re.compile(r"\b(?:tahun (?:lalu|sebelumnya)|th lalu|thn lalu|n 1)\b")
_POLARITY_LABEL = re.compile(r"^\s*polarita[st]\s*[:=]?\s*", re.IGNORECASE)  # "Polaritas: negatif", "polaritas negatif"


def _maintained(text: str) -> bool:
    """Whether a Polaritas or Arah cell says the value should stay as it is ("Tetap", "Stabil", "Dipertahankan",
    "Tetap (stabil)") and nothing else: "Tetap meningkat" says a direction."""
    words = set(_normal(text).split())
    return bool(words & MAINTAIN_WORDS) and not _stated_polarity(text) and not words & (
        TREND_WORDS | set(POLARITIES) | set(POLARITY_WORDS))


def _stated_polarity(text: str, *, words: bool = True) -> str:
    """What a phrase stating a polarity says (as _polarity_word: "positif", "negatif", FASTER), else "". With
    `words` False, only a phrase nothing else can mean: "semakin rendah semakin baik", "Polaritas: Negatif";
    a word alone ("Menurun", "Negatif") may be a note on the figures where other notes stand beside it."""
    text = " ".join(text.split()).strip(" .;:")
    labelled = _POLARITY_LABEL.match(text) is not None
    text = _POLARITY_LABEL.sub("", text)
    parts = [text]
    said = _polarity_word(text)
    if not said and "(" in text:  # "Negatif (semakin rendah semakin baik)": each part, saying the same
        parts = [p.strip(" .,;:") for p in re.split(r"[()\[\]]", text) if p.strip(" .,;:")]
        told = {_polarity_word(p) for p in parts}
        said = told.pop() if len(told) == 1 else ""
    if not said or words or labelled:
        return said
    return said if any(_POLARITY_PHRASE.match(" ".join(p.lower().split())) for p in parts) else ""


# A phrase after the indicator's name: in brackets ("(semakin kecil semakin baik)", "(Negatif)", "(-)") or after a
# comma or dash ("…, semakin rendah semakin baik").
_NAME_PHRASE = re.compile(r"^(?P<name>.*?[^\s,;:–—-])\s*(?:[(\[]\s*(?P<bracketed>[^()\[\]]+?)\s*[)\]]"
                          rf"|[,;:–—-]\s*(?P<trailing>{_MORE}\s.+?))\s*\.?$", re.IGNORECASE)


def _name_polarity(name: str) -> tuple[str, str, str]:
    """(the name without a phrase stating its polarity, the phrase as written, what it says) of an indicator's name
    as written: ("Persentase koperasi tidak aktif", "semakin kecil semakin baik", "negatif"); (name, "", "") for a
    name without one ("Indeks Kepuasan Masyarakat (IKM)"). "(Minimal)" is not read: at least, or minimise?"""
    found = _NAME_PHRASE.match(name)
    if found is None:
        return name, "", ""
    phrase = found.group("bracketed") or found.group("trailing")
    if phrase.strip().lower() in AMBIGUOUS_POLARITY_WORDS:
        return name, "", ""
    said = _stated_polarity(phrase, words=bool(found.group("bracketed")))
    return (found.group("name"), phrase, said) if said else (name, "", "")


def _code_key(code: str) -> tuple[str, ...]:
    """A code as a note may write it: "IK-3", "IK 03" and "ik.3" are one code, "1.1" is the No. column's."""
    return tuple(str(int(p)) if p.isdigit() else p for p in re.findall(r"[a-z]+|\d+", code.lower()))


_NOTE_WORD = re.compile(rf"{_MORE}\s+\w+(?:\s+\w+){{0,2}}?\s+{_MORE}\s+(?:baik|bagus|buruk|jelek)"
                        r"|\b(?:positif|negatif|meningkat|menurun)\b|\(\s*[+\-−]\s*\)", re.IGNORECASE)


def _note_polarities(text: str, prefixes: set[str]) -> list[tuple[str, str, str]]:
    """(polarity as written, code as written, its _code_key) for each code a note on the polarity names after its
    word: "Polaritas: Negatif untuk IK-3", "Polaritas negatif: IK-3, IK-5; positif: IK-1". A code written before
    the first word takes it ("IK-3 dan IK-5 polaritas negatif"). `prefixes` are the letters the file's codes begin
    with ("ik"): "Permen 53/2014" in the note is no code. Empty for a note naming no code (a legend)."""
    if not re.search(r"\bpolarita[st]\b", text, re.IGNORECASE):
        return []
    marks = [(m.start(), "word", m.group()) for m in _NOTE_WORD.finditer(text)]
    codes = [(m.start(), "code", m.group()) for m in re.finditer(r"\b[a-z]+[-. ]?\d+(?:[-.]\d+)*\b|\b\d+(?:\.\d+)+\b",
                                                                  text, re.IGNORECASE)
             if (_code_key(m.group())[0] in prefixes or m.group()[0].isdigit())]
    found: list[tuple[str, str, str]] = []
    word, waiting = "", []
    for _at, kind, written in sorted(marks + codes):
        if kind == "word":
            word = written if _stated_polarity(written) else ""  # as written: "Negatif", "(-)"
            found.extend((word, c, "/".join(_code_key(c))) for c in waiting)
            waiting = []
        elif word:
            found.append((word, written, "/".join(_code_key(written))))
        else:
            waiting.append(written)
    return [f for f in found if f[0]]


_INLINE_UNIT = re.compile(r"^(?P<rp>rp\.?)?\s*[-+−]?\d[\d.,]*\s*(?P<rest>\D.*)?$", re.IGNORECASE)


def _header_unit(label: str) -> str:
    """The unit a value column's header names in brackets: "%" for "Target 2025 (%)" or "Target (persen)", "orang"
    for "Realisasi (orang)"; "" for none, a scale or rupiah ("Target (Rp juta)", read as a scale) or a year."""
    label = re.sub(r"\s*\([A-Z]{1,3}\)$", "", label)  # the column's letter, as Header.labels adds it
    found = re.search(r"\(([^()]*)\)[^()]*$", label)
    if found is None:
        return ""
    inside = found.group(1).strip()
    if is_percent(inside):
        return "%"
    return inside if is_count(inside) else ""


def _inline_unit(value: object) -> str:
    """The unit a value cell writes after its number where the file has no Satuan column: "unit" of "1.750 unit",
    "%" of "70 %", "unit usaha" of "200 unit usaha", "orang" of "1,5 juta orang" (the scale is the value's),
    "Rp" of "Rp 52.000.000.000" or "Rp 1,2 miliar"; empty for a bare number or a text."""
    if not isinstance(value, str):
        return ""
    _polarity, rest = _comparison(_CATEGORY.sub("", _FOOTNOTE.sub("", value.strip())))
    found = _INLINE_UNIT.match(rest)
    if found is None:
        return ""
    words = (found.group("rest") or "").split()
    if words and words[0].lower().rstrip(".") in CELL_SCALE_WORDS:
        words = words[1:]
    unit = " ".join(words).strip()
    return unit or ("Rp" if found.group("rp") else "")


class PercentCell(Decimal):
    """The number of a cell Excel shows as a percentage: what it shows (12.5 for "12,5%", which holds 0.125),
    remembered as written with a "%" (a value in percent for an indicator measured in kali is refused)."""


class Uncomputed:
    """A formula cell saved without its value (written by a program, never opened in Excel)."""

    def __init__(self, formula: str) -> None:
        self.formula = formula

    def __str__(self) -> str:
        return self.formula


@dataclass
class Table:
    sheet: str  # "" for a CSV file
    rows: list[tuple[int, list[object]]]  # (row number as the spreadsheet shows it, values)
    # Cells merged across a row, by row number: (first, last) column index. A heading such as
    # "I. BIDANG KOPERASI" merged over the whole table fills every column, the Indikator's too.
    spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    hidden: set[int] = field(default_factory=set)  # rows hidden in Excel
    hidden_columns: set[int] = field(default_factory=set)  # column indexes (from 0) hidden in Excel
    # Cells a merge covers below its first row, as (row number, column index): an Indikator merged down
    # over the rows of its activities shows on each of them, yet they continue the one indicator.
    merged_below: set[tuple[int, int]] = field(default_factory=set)
    # Cells a merge covers right of its first column: a header cell "Indikator Kinerja" merged over two columns
    # for the layout is one column, not two.
    merged_right: set[tuple[int, int]] = field(default_factory=set)
    hidden_sheet: bool = False  # hidden in Excel (a sheet of lists or of last year): read only when named


def _normal(label: object) -> str:
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", _text(label).lower()).split())


def _sniff(path: Path) -> None:
    """Refuse, by their first bytes, the files people save as .xlsx that are something else."""
    with path.open("rb") as f:
        head = f.read(8)
    if not head:
        raise KinerjaError(_("%(file)s is empty.") % {"file": path.name})
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: an Excel 97-2003 workbook, or an encrypted XLSX
        raise KinerjaError(_("%(file)s is an Excel 97-2003 (.xls) file or a password-protected workbook. Open it "
                             "in Excel, remove the password and save it as \"Excel Workbook (.xlsx)\".")
                           % {"file": path.name})
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as z:
                if "mimetype" in z.namelist() and b"opendocument" in z.read("mimetype"):
                    raise KinerjaError(_("%(file)s is an OpenDocument (.ods) spreadsheet. Save it as "
                                         "\"Excel 2007-365 (.xlsx)\" and import that file.") % {"file": path.name})
        except zipfile.BadZipFile:
            pass  # openpyxl says it below


def _xlsx_tables(path: Path) -> Iterator[Table]:
    from openpyxl import load_workbook

    _sniff(path)
    try:
        # Not read-only: the merged cells are needed (a "Target" spanning TW I-TW IV, a Sasaran spanning rows).
        book = load_workbook(path, data_only=True)
        formulas = load_workbook(path, data_only=False)
    except Exception as e:  # openpyxl raises zipfile, KeyError and its own errors for a broken file
        raise KinerjaError(_("%(file)s is damaged or not an XLSX file; open it in Excel and save it again as "
                             "\"Excel Workbook (.xlsx)\" (%(error)s).")
                           % {"file": path.name, "error": type(e).__name__}) from e
    for sheet in book.worksheets:
        grid: dict[int, list[object]] = {}
        for cells in sheet.iter_rows():
            values: list[object] = []
            for cell in cells:
                value = cell.value
                # A cell shown as "12,5%" holds 0.125: read what the user sees.
                if isinstance(value, int | float) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
                    value = PercentCell(float_number(value) * 100)
                elif value is None:
                    written = formulas[sheet.title].cell(cell.row, cell.column).value
                    if isinstance(written, str) and written.startswith("="):
                        value = Uncomputed(written)
                values.append(_unquoted(value))
            if cells:
                grid[cells[0].row] = values
        # A merged cell holds its value in its top-left cell only; every cell it covers shows it.
        spans: dict[int, list[tuple[int, int]]] = {}
        for merged in sheet.merged_cells.ranges:
            if merged.min_row == merged.max_row and merged.max_col > merged.min_col:
                spans.setdefault(merged.min_row, []).append((merged.min_col - 1, merged.max_col - 1))
        merged_below, merged_right = fill_merged(grid, sheet.merged_cells.ranges)
        hidden = {r for r, dimension in sheet.row_dimensions.items() if dimension.hidden}
        # A dimension may stand for several columns (a hidden group D:E): min and max say which.
        hidden_columns = {c - 1 for dimension in sheet.column_dimensions.values() if dimension.hidden
                          for c in range(dimension.min or 0, (dimension.max or 0) + 1) if c >= 1}
        yield Table(sheet.title, sorted(grid.items()), spans, hidden, hidden_columns, merged_below, merged_right,
                    sheet.sheet_state != "visible")


def _unquoted(value: object) -> object:
    """A text without the apostrophe that tells Excel to keep it as text ("'01", "'12,5"): programs that export
    to CSV or XLSX for Excel write it into the cell, where Excel would hide it. A text with another apostrophe (a
    quoted 'word') keeps it."""
    if isinstance(value, str) and value.startswith("'") and len(value) > 1 and "'" not in value[1:]:
        return value[1:]
    return value


def _csv_tables(path: Path) -> Iterator[Table]:
    if not path.read_bytes().strip():
        raise KinerjaError(_("%(file)s is empty.") % {"file": path.name})
    yield Table("", [(number, [_unquoted(v) for v in values])
                     for number, values in csv_rows(path, sniff_lines=HEADER_SEARCH_ROWS)])


def _quarter(words: str) -> int | None:
    found = _QUARTER.search(words)
    if found is None:
        return None
    number = found.group(1)
    return int(number) if number.isdigit() else ROMAN.get(number, 0)


def _classify(label: str, year: int | None) -> str | None:
    """The column a (normalised) header names: one of HEADERS, "Capaian", BAD_PERIOD or None (ignored)."""
    label = " ".join(w for w in label.split() if w != "%")  # "% Capaian", "Target (%)"
    if label.startswith("sasaran") and "indikator" in label.split():
        return NAME  # "Sasaran Strategis / Indikator Kinerja": one column, each Sasaran on a row of its own
    for field_name, prefixes in FIELD_PREFIXES:
        if any(label == p or label.startswith(p + " ") for p in prefixes):
            if field_name == ACHIEVEMENT and _other_year(label, year):
                return None  # the Capaian of another year
            if field_name == ACHIEVEMENT and (BUDGET_WORDS | PLAN_WORDS) & set(label.split()):
                # "Capaian Anggaran (%)", "% Capaian Keuangan": the budget's, as "Realisasi Anggaran" is; "Capaian thd
                # Target Akhir Renstra": against the plan's last target, as the LKjIP compares, not the year's.
                return None
            if field_name == ACHIEVEMENT and (quarter := _quarter(label)) is not None:
                # "Capaian (%)" merged over TW I … TW IV, as e-SAKIP's Pengukuran Kinerja has it: checked as the year's is
                return f"{ACHIEVEMENT} TW{quarter}" if 1 <= quarter <= 4 else BAD_PERIOD
            if field_name in NARRATIVES and (_quarter(label) is not None or _other_year(label, year)):
                return None  # "Kendala TW I": a quarter's own, not read (the row's latest figure takes one)
            if field_name in (ACTION, BUDGET) and (_quarter(label) is not None or _other_year(label, year)):
                quarter = _quarter(label)
                if field_name == ACTION and quarter is not None and not _other_year(label, year):
                    return f"{ACTION} TW{quarter}" if 1 <= quarter <= 4 else BAD_PERIOD  # the quarter's activity
                return None
            return field_name
    for field_name, word in ((TARGET, "target"), (ACTUAL, "realisasi")):
        if label != word and not label.startswith(word + " "):
            continue
        rest = label.removeprefix(word).split()
        revised = REVISED if field_name == TARGET and REVISION_WORDS & set(rest) else ""
        quarter = _quarter(" ".join(rest))
        if quarter is None and len(rest) == 1 and rest[0] in ROMAN:  # "Target" spanning "I … IV"
            quarter = ROMAN[rest[0]]
        if quarter is not None:
            return f"{field_name} TW{quarter}{revised}" if 1 <= quarter <= 4 else BAD_PERIOD
        years = [w for w in rest if re.fullmatch(r"(19|20)\d\d", w)]
        if _other_year(label, year):
            return None  # another year's column, such as "Realisasi 2024" beside "Target 2025"
        allowed = YEAR_WORDS | UNIT_WORDS | set(SCALE_WORDS) | UNKNOWN_SCALE_WORDS | SCALE_FILLER | (
            REVISED_WORDS if revised else set()) | (ORIGINAL_WORDS if field_name == TARGET else set())
        if all(w in allowed or w in years for w in rest):
            return field_name + revised + (MONEY if MONEY_WORDS & set(rest) else "")
        return None  # "Target Renstra", "Realisasi Anggaran": not this import's values
    return None


BAD_PERIOD = "period"
# A quarter's realisasi up to it ("Realisasi s.d. TW III", "Realisasi Kumulatif TW III"), as normalised.
_CUMULATIVE = re.compile(r"\b(?:s d|sd|sampai(?: dengan)?|hingga|kumulatif|akumulasi)\b")


def _up_to(label: str) -> bool:
    """Whether a quarter's column gives the figure from the year's start up to it ("Realisasi s.d. TW III")."""
    return bool(_CUMULATIVE.search(_normal(label)))


def _other_year(label: str, year: int | None) -> bool:
    return year is not None and any(int(y) != year for y in re.findall(r"\b(?:19|20)\d\d\b", label))


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


@dataclass
class Scale:
    """The scale a value column's header gives ("Target (Rp juta)"): its factor, and whether it is rupiah."""

    factor: Decimal
    money: bool
    word: str  # as the header has it, normalised: "juta"


def _header_scale(label: str) -> tuple[Scale | None, str]:
    """(the scale a header names, or None; a scale word it has that is not read, or "")."""
    words = _normal(label).split()
    unknown = next((w for w in words if w in UNKNOWN_SCALE_WORDS), "")
    if unknown:  # as written: "M", not "m"
        found = re.search(rf"(?<![a-z]){re.escape(unknown)}(?![a-z])", label, re.IGNORECASE)
        unknown = found.group() if found else unknown
    word = next((w for w in words if w in SCALE_WORDS), "")
    scale = Scale(SCALE_WORDS[word], bool(MONEY_WORDS & set(words)), word) if word else None
    return scale, unknown


@dataclass
class Header:
    row: int  # index in Table.rows of the last header row
    columns: dict[str, int]
    labels: dict[str, str]  # the header as written, for the messages
    problems: list[tuple[int, str, str]]  # (row number, column, problem)
    texts: list[set[str]] = field(default_factory=list)  # each column's header words, normalised
    revised: list[tuple[str, str]] = field(default_factory=list)  # (revised target column, original), as written
    scales: dict[str, Scale] = field(default_factory=dict)  # value columns whose header names a scale
    unread: list[str] = field(default_factory=list)  # the columns with a header that are not read, as written
    bare_targets: bool = False  # quarter columns without the word Target read as targets because of an activity column
    # A Renstra's targets of its other years ("Target 2026" … "Target 2029" beside the year's): year → column key
    # ("Target 2026", in `columns`), read as the plan's targets of those years (Target.Kind.RENSTRA).
    plan_years: dict[int, str] = field(default_factory=dict)

    def repeated_in(self, values: list[object]) -> list[int]:
        """The columns of a row below the header that say what the header says there ("No",
        "Indikator Kinerja"): the header printed again, or the header of another table."""
        return [j for j, v in enumerate(values[:len(self.texts)])
                if isinstance(v, str) and len(_normal(v)) > 1 and _normal(v) in self.texts[j]]


def _find_header(table: Table, year: int | None) -> Header | None:
    for i, (_number, values) in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        top = [_text(v) for v in values]
        normal = [_normal(v) for v in values]
        kinds = [_classify(n, year) for n in normal]
        if NAME not in kinds or not (_has_action(kinds) or any(k and k.split()[0] in (TARGET, ACTUAL) for k in kinds)):
            continue
        labels = list(top)
        last = i
        # A row of groups above it: "Tahun 2024" and "Tahun 2025", each merged over Target | Realisasi | Capaian.
        above = [_text(v) for v in table.rows[i - 1][1]] if i > 0 else []
        if len({a for a in above if a}) >= 2:
            for j, kind in enumerate(kinds):
                found = re.search(r"\b(?:19|20)\d\d\b", above[j]) if j < len(above) else None
                if kind in (TARGET, ACTUAL, ACHIEVEMENT) and found and ENDPOINT_WORDS & set(_normal(above[j]).split()):
                    # "Kondisi Akhir (2029)" over Target | Rp, beside "Tahun 2029" over its own: the Renstra's end,
                    # not the year's column (taken as a second "Target 2029" when 2029 is imported).
                    labels[j] = f"{labels[j]} {above[j]}"
                elif kind in (TARGET, ACTUAL, ACHIEVEMENT) and found:
                    labels[j] = f"{labels[j]} {found.group()}"  # "Tahun Anggaran 2025": only its year
                # "Triwulan I" merged over Target | Realisasi | %, as a monitoring sheet per quarter has it.
                elif kind in (TARGET, ACTUAL, ACHIEVEMENT) and j < len(above) and _is_period_group(above[j]):
                    labels[j] = f"{labels[j]} {above[j]}"
            kinds = [_classify(_normal(label), year) for label in labels]
        # A second header row under merged groups: "Target" over "TW I … TW IV".
        if i + 1 < len(table.rows):
            sub = [_text(v) for v in table.rows[i + 1][1]]
            # A third row: "Target 2025" over "Triwulan" (merged) over "I … IV", each quarter then "Triwulan I".
            third = _quarter_numbers(table, i + 2, sub)
            if third:
                sub = [f"{s} {third[j]}" if third.get(j) else s for j, s in enumerate(sub)]
            name_column = kinds.index(NAME)
            under_name = sub[name_column] if name_column < len(sub) else ""
            periods = sum(1 for s in sub if _quarter(_normal(s)) is not None or _normal(s) in ROMAN)
            # ... or "Target" over the years of the Renstra ("2025 … 2029"), as an IKU table has it.
            years = sum(1 for s in sub if re.fullmatch(r"(19|20)\d\d", s))
            # ... or a quarter or year ("Triwulan I", "Tahun 2025") merged over Target | Realisasi | %.
            grouped = sum(1 for j, s in enumerate(sub) if j < len(top) and _is_period_group(top[j])
                          and s != top[j] and _is_value_word(s, year))
            # ... or "Target" merged over "Volume | Satuan", as the Perjanjian Kinerja's form has it.
            split = _unit_split(top, sub, year)
            # Never a row naming its own indicator: a first data row whose numbers look like years (2000, 2015).
            if under_name in ("", top[name_column]) and (periods >= 2 or years >= 2 or grouped >= 2 or split):
                last = i + 2 if third else i + 1
                group = ""
                for j in range(max(len(top), len(sub))):
                    above = top[j] if j < len(top) else ""
                    below = sub[j] if j < len(sub) else ""
                    group = above or (group if below else "")
                    labels_j = group if not below or below == group else split.get(j) or _joined(group, below, year)
                    if j < len(labels):
                        labels[j] = labels_j
                    else:
                        labels.append(labels_j)
                kinds = [_classify(_normal(label), year) for label in labels]
        before = kinds
        kinds = _plan_kinds(kinds, labels)
        bare_targets = any(k != b and (k or "").startswith(TARGET) for k, b in zip(kinds, before, strict=False))
        kinds, unsure = _bare_quarters(kinds, labels)
        # "Tujuan | Sasaran | Indikator", as a cascading table has them: the Sasaran is the indicators' own; the
        # Tujuan above it is not read (named as such), where it would otherwise be a second Sasaran column.
        goals = [j for j, k in enumerate(kinds) if k == OBJECTIVE and _normal(labels[j]).startswith("tujuan")]
        if goals and len(goals) < kinds.count(OBJECTIVE):
            kinds = [None if j in goals else k for j, k in enumerate(kinds)]
        columns: dict[str, int] = {}
        shown: dict[str, str] = {}
        problems: list[tuple[int, str, str]] = []
        header_number = table.rows[last][0]
        for j, kind in enumerate(kinds):
            where = f"{labels[j]} ({_letter(j)})"
            if kind == BAD_PERIOD:
                problems.append((header_number, where, _("a year has four quarters, TW I to TW IV")))
            elif kind in columns and all((table.rows[r][0], j) in table.merged_right for r in range(i, last + 1)):
                continue  # the same header cell merged over this column too: one column, read from its first
            elif kind in columns and kind in NARRATIVES:
                continue  # "Kendala" and "Permasalahan": the first is read, the other named as not read
            elif j in unsure:
                quarter = f"TW {_ROMAN_OF[unsure[j]]}"
                problems.append((header_number, where, _(
                    'kinerja cannot tell whether this quarter\'s column holds targets or actuals; write "%(target)s" or '
                    '"%(actual)s" in its header') % {"target": f"Target {quarter}", "actual": f"Realisasi {quarter}"}))
            elif kind in columns and " TW" in kind and _up_to(labels[j]) != _up_to(labels[columns[kind]]):
                # "Realisasi TW III | Realisasi s.d. TW III", as a monitoring sheet has them: two figures, not a copy.
                own, upto = sorted((j, columns[kind]), key=lambda c: _up_to(labels[c]))
                quarter = quarter_name(int(kind.split(" TW")[1][0]))
                problems.append((header_number, f"{' '.join(labels[upto].split())} ({_letter(upto)})", _(
                    "this column gives the figure up to %(quarter)s, and column %(column)s that of %(quarter)s alone; "
                    "kinerja keeps one figure for each quarter and adds the quarters up as the indicator's page says "
                    "(\"How the quarters add up\"). Keep one of the two in the file: the quarter's alone for an "
                    "indicator whose quarters add up (a count, an amount), the one up to the quarter for one measured "
                    "as a level (a percentage, an index); delete the other or import it in a file of its own") % {
                    "quarter": quarter, "column": f"{' '.join(labels[own].split())} ({_letter(own)})"}))
            elif kind in columns:
                # A hidden copy is invisible to whoever reads the message: say it is there, and hidden.
                other = {"column": _letter(columns[kind])}
                problems.append((header_number, where, (
                    _("this column is hidden in the workbook and repeats column %(column)s; show it again in Excel "
                      "(right-click the column letters, Unhide) and delete the one not needed") % other
                    if j in table.hidden_columns else
                    _("the same column is also in column %(column)s, which is hidden in the workbook; show it again "
                      "in Excel (right-click the column letters, Unhide) and delete the one not needed") % other
                    if columns[kind] in table.hidden_columns else
                    _("the same column is also in column %(column)s") % other)))
            elif kind is not None:
                columns[kind], shown[kind] = j, where
        problems.extend(_unread_periods(table, i, last, columns, shown))
        # "Target TW II | Realisasi TW II | Capaian (%)", as a report of one quarter has it: its Capaian is the
        # quarter's, the only figures it can come from (it tells the polarity, and is checked, as the quarter's).
        # So it is beside the year's target ("Target Tahunan | Target TW II | Realisasi TW II | Capaian (%)", as
        # e-SAKIP exports a quarter): without the year's realisasi there is no Capaian of the year.
        quarters = {q for q in range(1, 5) if f"Target TW{q}" in columns or f"Realisasi TW{q}" in columns}
        actual_quarters = [q for q in quarters if f"Realisasi TW{q}" in columns]
        if (ACHIEVEMENT in columns and len(quarters) == 1 and ACTUAL not in columns
                and (TARGET not in columns or actual_quarters)
                and f"{ACHIEVEMENT} TW{(only := quarters.pop())}" not in columns):
            columns[f"{ACHIEVEMENT} TW{only}"] = columns.pop(ACHIEVEMENT)
            shown[f"{ACHIEVEMENT} TW{only}"] = shown.pop(ACHIEVEMENT)
        # "Target (%) | Realisasi (%) | Target (Rp) | Realisasi (Rp)", as the LKjIP's tables of performance and
        # budget have them: beside a column without a unit, the one in Rupiah is the budget, not read here.
        for kind in [k for k in columns if k.endswith(MONEY)]:
            j, where = columns.pop(kind), shown.pop(kind)
            if kind.removesuffix(MONEY) not in columns:
                columns[kind.removesuffix(MONEY)], shown[kind.removesuffix(MONEY)] = j, where
        # A revised target column is the target; the original one stays, for the rows it has no value in.
        revised: list[tuple[str, str]] = []  # (the revised column, the original one), as written
        for kind in [k for k in columns if k.endswith(REVISED)]:
            base = kind.removesuffix(REVISED)
            j, where = columns.pop(kind), shown.pop(kind)
            if base in columns:
                columns[base + ORIGINAL], shown[base + ORIGINAL] = columns[base], shown[base]
                revised.append((where, shown[base]))
            columns[base], shown[base] = j, where
        below = [_text(v) for v in table.rows[last][1]] if last > i else []
        texts = [{_normal(words[j]) for words in (top, below, labels) if j < len(words)} - {""}
                 for j in range(len(labels))]
        plan_years = _plan_year_columns(labels, columns, shown, year)
        scales = _scales(columns, labels, shown, header_number, problems)
        read = set(columns.values())
        unread = [f"{' '.join(labels[j].split())} ({_letter(j)})" for j in range(len(labels))
                  if labels[j].strip() and j not in read
                  and not all((table.rows[r][0], j) in table.merged_right for r in range(i, last + 1))]
        return Header(last, columns, shown, problems, texts, revised, scales, unread, bare_targets, plan_years)
    return None


def _plan_year_columns(labels: list[str], columns: dict[str, int], shown: dict[str, str], year: int | None
                       ) -> dict[int, str]:
    """A Renstra's columns of targets of years other than the one imported ("Target 2026" … "Target 2029", or
    "Target" merged over the years), added to `columns` as "Target 2026" …: year → key. Only a table with two such
    years or more beside the year's Target, and no realisasi of another year: "Target 2024 | Realisasi 2024" beside
    2025's are last year's figures, not a plan."""
    if year is None or TARGET not in columns:
        return {}
    found: dict[int, int] = {}
    for j, label in enumerate(labels):
        normal = _normal(label)
        years = set(re.findall(r"\b(?:19|20)\d\d\b", normal))
        kind = _classify(normal, None) or ""
        if j in columns.values() or len(years) != 1 or int(next(iter(years))) == year:
            continue
        if kind.startswith(ACTUAL) and " TW" not in kind:
            return {}  # the realisasi of another year: a comparison of years, not a plan
        if kind.removesuffix(MONEY) == TARGET:
            found.setdefault(int(next(iter(years))), j)
    if len(found) < 2:
        return {}
    keys = {}
    for plan_year, j in sorted(found.items()):
        key = f"{TARGET} {plan_year}"
        columns[key], shown[key] = j, f"{' '.join(labels[j].split())} ({_letter(j)})"
        keys[plan_year] = key
    return keys


def _quarter_numbers(table: Table, k: int, sub: list[str]) -> dict[int, str]:
    """The numbers of a third header row ("I", "II", "1" …) under a second one that says only "Triwulan" (merged
    over them), by column; empty where row `k` is no such row."""
    if k >= len(table.rows):
        return {}
    below = [_text(v) for v in table.rows[k][1]]
    found = {j: b for j, b in enumerate(below) if j < len(sub) and _normal(sub[j]) in _QUARTER_WORDS
             and (_normal(b) in ROMAN or re.fullmatch(r"[1-4]", _normal(b)))}
    return found if len(found) >= 2 else {}


_QUARTER_WORDS = {"tw", "trw", "triwulan", "tri wulan", "kuartal", "triwulan ke"}


def _is_unread_period(label: str) -> bool:
    return bool(_UNREAD_PERIOD.match(_normal(label)))


MONTHLY_WORDS = {"bulan", "bulanan", "per", "perbulan", "tiap", "setiap", "semester", "semesteran"}


def _unread_periods(table: Table, i: int, last: int, columns: dict[str, int], shown: dict[str, str]
                    ) -> list[tuple[int, str, str]]:
    """A Target or Realisasi merged over columns whose second header row names periods kinerja does not keep
    ("Realisasi" over "Jan | Feb | … | Jun", or "Semester I | Semester II"): the first of them would be read as the
    year's figure (January's realisasi as the year's), so the header is refused instead."""
    if last != i or i + 1 >= len(table.rows):
        return []
    number, top = table.rows[i][0], table.rows[i][1]
    below = table.rows[i + 1][1]
    name_column = columns.get(NAME)
    if _is_numbering(below) or (name_column is not None and _text(_cell(below, name_column)) not in (
            "", _text(_cell(top, name_column)))):
        return []  # the row of column numbers, or the first row of data
    problems = []
    # Also a group not read as the column, over the months: "Realisasi Bulan", "Realisasi per Bulan" over Jan … Des.
    groups = {kind: (first, end, f"{' '.join(_text(_cell(top, first)).split())} ({_letter(first)})")
              for first, end in table.spans.get(number, ()) for kind, word in ((TARGET, "target"), (ACTUAL, "realisasi"))
              if end > first and kind not in columns and _normal(_cell(top, first)).startswith(word + " ")
              and set(_normal(_cell(top, first)).split()[1:]) <= MONTHLY_WORDS}
    for kind in (TARGET, ACTUAL):
        j = columns.get(kind)
        span = next(((first, end) for first, end in table.spans.get(number, ()) if first == j and end > first), None)
        if kind in groups:
            span, where = groups[kind][:2], groups[kind][2]
        elif j is None or span is None:
            continue
        else:
            where = shown[kind]
        under = [_text(_cell(below, c)) for c in range(span[0], span[1] + 1)]
        if any(_is_unread_period(u) for u in under):
            problems.append((table.rows[last][0], where, _(
                "this header is merged over the columns headed %(under)s below it, which kinerja does not read: it "
                "keeps the figure of the year and of each quarter. Write them in columns headed \"%(kind)s\" or "
                "\"%(kind)s TW I\" … \"%(kind)s TW IV\"") % {
                    "under": ", ".join(f'"{u}"' for u in under if u), "kind": kind}))
    return problems


_BARE_QUARTER = re.compile(r"^(?:tw|trw|triwulan|tri wulan|kuartal)\s*(?:[ivx]+|\d+)$")
_ROMAN_OF = {n: r.upper() for r, n in ROMAN.items()}


def _is_period_group(label: str) -> bool:
    """A group over value columns naming a quarter or a year only: "Triwulan I", "TW-2", "Tahun 2025", "2025"."""
    normal = _normal(label)
    return bool(_BARE_QUARTER.match(normal) or re.fullmatch(r"(?:tahun\s+(?:anggaran\s+)?)?(?:19|20)\d\d", normal))


def _is_value_word(label: str, year: int | None) -> bool:
    """A sub-header under a period group: Target, Realisasi, Capaian or "%" ("T", "R" are too short to tell)."""
    normal = _normal(label)
    return normal == "%" or (_classify(normal, year) or "").split(" ")[0] in (TARGET, ACTUAL, ACHIEVEMENT)


_VOLUME_WORDS = {"volume", "vol", "jumlah", "angka", "nilai", "kinerja", "besaran", "target", "realisasi"}


def _unit_split(top: list[str], sub: list[str], year: int | None) -> dict[int, str]:
    """The labels of a second header row that splits "Target" (or "Realisasi") into its value and its unit:
    "Target" merged over "Volume | Satuan", as the Perjanjian Kinerja's form and many Pengukuran Kinerja
    tables have it. The value column takes the group's name; the first Satuan under a group is the Satuan of
    the row, unless the header has a Satuan of its own; another ("Realisasi" over "Volume | Satuan" too)
    keeps its joined name, which is not read. Empty when the row is no such split."""
    labels: dict[int, str] = {}
    has_unit = any(_classify(_normal(t), year) == UNIT for t in top)
    group, group_kind, unit_taken = "", None, has_unit
    for j, below in enumerate(sub):
        above = top[j] if j < len(top) else ""
        if above:
            group, group_kind = above, (_classify(_normal(above), year) or "").split(" ")[0]
        if group_kind not in (TARGET, ACTUAL) or not below or below == group:
            continue
        normal = _normal(below)
        if _classify(normal, year) == UNIT:
            labels[j] = "Satuan" if not unit_taken else f"{group} {below}"
            unit_taken = True
        elif normal in _VOLUME_WORDS:
            labels[j] = group
    # A split names a unit under a value group; "Volume" alone is no reason to read a second header row.
    return labels if any(_classify(_normal(v), year) == UNIT for k, v in enumerate(sub) if k in labels) else {}


def _joined(group: str, below: str, year: int | None) -> str:
    """The label of a column under a merged group: "Target" over "TW I" is "Target TW I", "Triwulan I" over
    "Realisasi" is "Realisasi Triwulan I"; the order the column is read in, else the group first."""
    first = f"{group} {below}".strip()
    if _classify(_normal(first), year) is not None:
        return first
    second = f"{below} {group}".strip()
    return second if _classify(_normal(second), year) is not None else first


def _bare_quarters(kinds: list[str | None], labels: list[str]) -> tuple[list[str | None], dict[int, int]]:
    """A quarter's column without the word Target or Realisasi ("Triwulan 2", "TW-3") beside quarters that
    have it ("Realisasi TW I"): the same kind as they, where they are all of one; else a column not to be
    guessed at, returned with its quarter (its values would be lost without a word, or read as the wrong
    thing). A Rencana Aksi's bare quarters are its targets (_plan_kinds)."""
    told = {k.split()[0] for k in kinds if k and re.fullmatch(r"(?:Target|Realisasi) TW\d", k)}
    found: list[str | None] = []
    unsure: dict[int, int] = {}
    for j, (kind, label) in enumerate(zip(kinds, labels, strict=False)):
        normal = _normal(label)
        quarter = _quarter(normal) if kind is None and _BARE_QUARTER.match(normal) else None
        if quarter is None or not 1 <= quarter <= 4:
            found.append(kind)
        elif len(told) == 1 and f"{next(iter(told))} TW{quarter}" not in kinds:
            found.append(f"{next(iter(told))} TW{quarter}")
        else:
            found.append(None)
            unsure[j] = quarter
    return found, unsure


def _has_action(kinds: list[str | None] | dict[str, int]) -> bool:
    """Whether a header has an activity column: an activity per row, or one per quarter."""
    return any(k == ACTION or k in QUARTER_ACTIONS for k in kinds)


def _plan_kinds(kinds: list[str | None], labels: list[str]) -> list[str | None]:
    """A Rencana Aksi's columns: with an activity column, a quarter without the word Target ("Triwulan"
    over I … IV, "TW I") is the quarter's target; without one, a budget column is not read (the LKjIP's
    "Anggaran" beside the indicators is the program's, another import's)."""
    if not _has_action(kinds):
        return [None if k == BUDGET else k for k in kinds]
    found: list[str | None] = []
    for kind, label in zip(kinds, labels, strict=False):
        normal = _normal(label)
        quarter = _quarter(normal) if kind is None and _BARE_QUARTER.match(normal) else None
        found.append(f"{TARGET} TW{quarter}" if quarter and 1 <= quarter <= 4 else kind)
    return found


def _scales(columns: dict[str, int], labels: list[str], shown: dict[str, str], header_number: int,
            problems: list[tuple[int, str, str]]) -> dict[str, Scale]:
    """The scale of each value column read ("Target (Rp juta)"). A scale word not understood is a problem
    of its header; so is a value column naming no unit beside one with a scale: its values would be read
    a thousand or a million times apart from the other's, and the achievement would be wrong."""
    found: dict[str, Scale] = {}
    plain: list[str] = []
    for kind, j in columns.items():
        if kind.split()[0] not in (TARGET, ACTUAL):
            continue
        scale, unknown = _header_scale(labels[j])
        if unknown:
            problems.append((header_number, shown[kind], _(
                '"%(word)s" is not a scale kinerja reads; write the values in rupiah, or name the scale as ribu, juta '
                'or miliar (for example "Target (Rp juta)")') % {"word": unknown}))
        elif scale is not None:
            found[kind] = scale
        elif not UNIT_WORDS & set(_normal(labels[j]).split()):
            plain.append(kind)
    if found:
        first = next(iter(found))
        for kind in plain:
            problems.append((header_number, shown[kind], _(
                "column %(scaled)s gives its values in %(scale)s, this one names no unit; write the unit in its header "
                "too (for example \"%(example)s\"), so that target and actual are read alike") % {
                "scaled": shown[first], "scale": found[first].word,
                "example": f"{kind.split()[0]} (Rp {found[first].word})"}))
    return found


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
    """The office's units that can answer for an indicator, by name and short name: its divisions first
    (their names win), then its subsections and secretariat (an office gives "Subbag Program" the
    indicators of planning and reporting, as the demo does), never the office itself."""

    ORDER = (Unit.Kind.DIVISION, Unit.Kind.SUBSECTION, Unit.Kind.SECRETARIAT)

    def __init__(self, office: Office) -> None:
        self.by_name: dict[str, Unit] = {}
        units = sorted(Unit.objects.filter(office=office, kind__in=self.ORDER),
                       key=lambda u: (self.ORDER.index(u.kind), u.pk))
        # For the message naming a unit the office does not have: as the Bidang column is usually written.
        self.names = [f'"{unit.short_name or unit.name}"' for unit in units]
        for unit in units:
            for name in (unit.name, unit.short_name, unit.short_name.removeprefix("Bidang ")):
                if name:
                    self.by_name.setdefault(" ".join(name.lower().split()), unit)
        # A Penanggung Jawab is often the head of the unit, as the IKU writes it: "Kabid Kelembagaan", "Kepala
        # Bidang UMKM", "Sekretaris". Never the head of office (the office is not a division).
        heads = (Position.objects.filter(office=office, unit__in=units,
                                         kind__in=(Position.Kind.SECRETARY, Position.Kind.UNIT_HEAD))
                 .select_related("unit").prefetch_related("aliases").order_by("pk"))
        by_unit = {unit.pk: n for n, unit in enumerate(units)}
        for position in sorted(heads, key=lambda p: by_unit[p.unit_id]):
            for name in position.names():
                self.by_name.setdefault(" ".join(name.lower().split()), position.unit)
        for unit in units:
            for name in (unit.name, unit.short_name):
                if name:
                    self.by_name.setdefault("kepala " + " ".join(name.lower().split()), unit)
        # The head's title as the IKU writes it, for an office whose positions are not entered yet (a new office
        # importing its first IKU): "Sekretaris" for the Sekretariat, "Kabid SD" for "Bidang SD", "Kasubbag Umum"
        # for "Subbagian Umum dan Kepegawaian". A position's own names (above) win.
        for unit in units:
            for head in self._head_titles(unit):
                self.by_name.setdefault(head, unit)

    @staticmethod
    def _head_titles(unit: Unit) -> Iterator[str]:
        if unit.kind == Unit.Kind.SECRETARIAT:
            yield from ("sekretaris", "sekretaris dinas", "sekdis", "sekretaris badan", "sekban")
            return
        heads, labels = {Unit.Kind.DIVISION: (("kabid", "kepala bidang"), ("bidang ",)),
                         Unit.Kind.SUBSECTION: (("kasubbag", "kasubag", "kepala subbagian", "kepala sub bagian"),
                                                ("subbagian ", "sub bagian ", "subbag ", "subag "))}[unit.kind]
        for name in (unit.name, unit.short_name):
            words = " ".join(name.lower().split())
            for label in labels:
                words = words.removeprefix(label)
            if words:
                yield from (f"{head} {words}" for head in heads)

    def find(self, name: str) -> Unit | None:
        key = " ".join(name.lower().split())
        return self.by_name.get(key) or self.by_name.get(key.removeprefix("bidang "))


def _polarity_from_achievement(written: object, target: Value, actual: Value) -> tuple[str, str]:
    """(polarity, negative formula) of a row without Polaritas whose Capaian fits only a negative
    indicator ("Waktu pelayanan": target 5 hari, actual 4, capaian 120), else ("", "")."""
    if target.number is None or actual.number is None or isinstance(written, Uncomputed):
        return "", ""
    try:
        shown = parse_number(written)
    except NumberError:
        return "", ""

    def off(polarity: str, method: str = "standard") -> Decimal | None:
        value = evaluate(target.number, actual.number, polarity, method).value
        # The file rounds as it likes (120, 120,0, 119,99): within half a percentage point.
        return abs(value - shown) if value is not None and abs(value - shown) <= Decimal("0.5") else None

    if off(Indicator.Polarity.HIGHER_IS_BETTER) is not None:
        return "", ""
    # Both formulas come close where the actual is near the target (13,1 against 13,5: 102,96 and 103,05): the
    # one the file's figure is nearer to is its own.
    fitting = [(distance, method) for method in (Indicator.NegativeMethod.STANDARD, Indicator.NegativeMethod.RATIO)
               if (distance := off(Indicator.Polarity.LOWER_IS_BETTER, method)) is not None]
    return (Indicator.Polarity.LOWER_IS_BETTER, min(fitting, key=lambda f: f[0])[1]) if fitting else ("", "")


def _negative_method(written: object, target: Value, actual: Value) -> str:
    """The formula of a negative indicator whose Capaian fits target ÷ actual and not (2 × target − actual)
    ÷ target ("ratio"), else "" (the indicator keeps its own)."""
    polarity, method = _polarity_from_achievement(written, target, actual)
    return method if polarity and method == Indicator.NegativeMethod.RATIO else ""


def _tables(path: Path) -> Iterator[Table]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_tables(path)
    if suffix == ".csv":
        return _csv_tables(path)
    raise KinerjaError(_("%(file)s: only .xlsx and .csv files are imported; save an .xls or .ods file as .xlsx "
                         "first.") % {"file": path.name})


def _is_numbering(values: list[object]) -> bool:
    """The row of column numbers under a header ("1 2 3 …" or "(1) (2) …"), as printed tables have."""
    present = [_text(v).strip("()") for v in values if _text(v)]
    return len(present) >= 3 and all(p.isdigit() for p in present) and [int(p) for p in present] == list(
        range(int(present[0]), int(present[0]) + len(present)))


class SeveralSheets(KinerjaError):
    """More than one sheet of the workbook has a header: the user says which one to import."""

    def __init__(self, path: Path, sheets: list[str]) -> None:
        self.path, self.sheets = path, sheets
        super().__init__(_("%(file)s has several sheets with performance data: %(sheets)s. Choose the sheet to "
                           "import.") % {"file": path.name, "sheets": ", ".join(sheets)})


@dataclass
class _Closest:
    """The row of a workbook without a header that comes closest to one: the most columns kinerja reads."""

    sheet: str
    row: int
    labels: list[str]
    kinds: set[str]
    score: int


def _closest(table: Table, year: int | None, best: _Closest | None) -> _Closest | None:
    for number, values in table.rows[:HEADER_SEARCH_ROWS]:
        labels = [_text(v) for v in values]
        kinds = {k.split()[0] for k in (_classify(_normal(label), year) for label in labels) if k}
        # A title ("INDIKATOR KINERJA UTAMA") is one cell; a header has several.
        if kinds and sum(1 for label in labels if label) >= 2 and (best is None or len(kinds) > best.score):
            best = _Closest(table.sheet, number, [label for label in labels if label], kinds, len(kinds))
    return best


def _headers(path: Path, year: int | None) -> tuple[list[tuple[Table, Header]], list[str], _Closest | None]:
    """Every sheet with a header naming the indicators and their targets or actuals, every sheet's name, and
    the row that comes closest to a header where no sheet has one."""
    path = Path(path)
    if not path.exists():
        raise KinerjaError(_("%(file)s does not exist.") % {"file": path})
    found: list[tuple[Table, Header]] = []
    seen: list[str] = []
    closest: _Closest | None = None
    for table in _tables(path):
        seen.append(table.sheet)
        header = _find_header(table, year)
        if header is not None:
            found.append((table, header))
        elif not found:
            closest = _closest(table, year, closest)
    return found, seen, closest


def _no_header(path: Path, closest: _Closest) -> KinerjaError:
    """What the row that looks most like a header lacks, by name: the user renames a column, not guesses."""
    lacking = [_('Indikator ("Indikator Kinerja", "Nama Indikator", "Indikator Kinerja Utama")')] if (
        NAME not in closest.kinds) else []
    if not {TARGET, ACTUAL} & closest.kinds and ACTION not in closest.kinds:
        lacking.append(_('Target or Realisasi ("Target 2025", "Realisasi TW I")'))
    values = {"file": path.name, "sheet": closest.sheet, "row": closest.row,
              "headers": " | ".join(label.replace("\n", " ") for label in closest.labels),
              "lacking": _(" and ").join(lacking)}
    return KinerjaError((_("%(file)s, sheet %(sheet)s: row %(row)d looks like the header (%(headers)s), but kinerja "
                           "finds no column %(lacking)s there; name the column so") if closest.sheet else
                         _("%(file)s: row %(row)d looks like the header (%(headers)s), but kinerja finds no column "
                           "%(lacking)s there; name the column so")) % values)


def _visible(found: list[tuple[Table, Header]]) -> list[tuple[Table, Header]]:
    """The sheets with a header the user sees: one hidden in Excel is not offered, unless no other has a header."""
    return [(table, header) for table, header in found if not table.hidden_sheet] or found


def header_sheets(path: Path, year: int | None = None) -> list[str]:
    """The names of the sheets that have a header, in the workbook's order ([""] for a CSV file that has one);
    sheets hidden in Excel only where no other has one."""
    return [table.sheet for table, _header in _visible(_headers(path, year)[0])]


def read_table(path: Path, year: int | None = None, sheet: str | None = None) -> tuple[Table, Header]:
    """The sheet named `sheet`, or else the only sheet with a header naming the indicators and their targets
    or actuals, and that header. Several such sheets and no name: SeveralSheets."""
    path = Path(path)
    found, seen, closest = _headers(path, year)
    columns = f"{NAME}, {TARGET}, {ACTUAL}"
    if sheet:
        if seen == [""]:
            raise KinerjaError(_("%(file)s is a CSV file, which has no sheets; import it without choosing a sheet.")
                               % {"file": path.name})
        # As written, else as Excel matches names: without regard to case or surrounding spaces.
        name = sheet if sheet in seen else next((s for s in seen if s.strip().casefold() == sheet.strip().casefold()),
                                                None)
        if name is None:
            raise KinerjaError(_("%(file)s has no sheet named %(sheet)s; its sheets are %(sheets)s.") % {
                "file": path.name, "sheet": sheet, "sheets": ", ".join(seen)})
        for table, header in found:
            if table.sheet == name:
                return table, header
        raise KinerjaError(_("%(file)s, sheet %(sheet)s: no header row with the columns %(columns)s.") % {
            "file": path.name, "sheet": name, "columns": columns})
    found = _visible(found)
    if len(found) > 1:
        raise SeveralSheets(path, [table.sheet for table, _header in found])
    if found:
        return found[0]
    if closest is not None and (NAME not in closest.kinds or not {TARGET, ACTUAL, ACTION} & closest.kinds):
        raise _no_header(path, closest)
    sheets = ", ".join(s for s in seen if s)
    raise KinerjaError((_("%(file)s: no sheet (%(sheets)s) has a header row with the columns %(columns)s.")
                        if sheets else _("%(file)s has no header row with the columns %(columns)s.")) % {
        "file": path.name, "sheets": sheets, "columns": columns})


@dataclass
class Reading:
    """What read_rows found: the checked rows, and what the file has that is not read, to tell the user."""

    sheet: str
    rows: list[Row]
    hidden_rows: list[int] = field(default_factory=list)  # hidden in Excel, with something in them
    other_table: int | None = None  # the row where another table starts under this one (the PK's programs)
    notes_from: int | None = None  # the row where the notes and signatures under the table start
    # Rows with something in a Target or Realisasi column but no indicator: a signature line under the
    # table, or an indicator whose name was forgotten; the user is told which.
    unread_rows: list[int] = field(default_factory=list)
    total_rows: list[tuple[int, str]] = field(default_factory=list)
    # Sasaran heading rows above indicators that each give their own Sasaran in the Sasaran column (a Kabid's PK:
    # "Sasaran Strategis: …" over the Sasaran Program column): (row, words as written, that column): not read.
    unread_headings: list[tuple[int, str, str]] = field(default_factory=list)
    warnings: list[CellWarning] = field(default_factory=list)
    plan: bool = False  # the file has an activity column: a Rencana Aksi, whose activities replace the year's
    columns: list[tuple[str, str]] = field(default_factory=list)  # (what kinerja reads it as, the header as written)
    unread_columns: list[str] = field(default_factory=list)  # the headers of the columns not read, as written
    activity_ignored: str = ""  # a Perjanjian Kinerja's Kegiatan column, as written: not read (kinerja keeps none)
    # A Renstra's years, as its Target columns give them: a new Sasaran's strategic plan, where they fit in one.
    plan_years: tuple[int, int] | None = None


def _meaning(kind: str) -> str:
    """What a column is read as, in the words of the template: "Target TW I", "Realisasi", "Target (awal)"."""
    found = re.fullmatch(r"(.+) TW(\d)", kind)
    if found and found.group(1) == ACHIEVEMENT:
        return _("%(column)s (checked, not saved)") % {"column": f"{ACHIEVEMENT} TW {_ROMAN_OF[int(found.group(2))]}"}
    if found:
        return f"{found.group(1)} TW {_ROMAN_OF[int(found.group(2))]}"
    if kind.endswith(ORIGINAL):
        return _("%(column)s (original, where the revised one is empty)") % {"column": kind.removesuffix(ORIGINAL)}
    if kind == ACHIEVEMENT:
        return _("%(column)s (checked, not saved)") % {"column": ACHIEVEMENT}
    if found := re.fullmatch(rf"{TARGET} ((?:19|20)\d\d)", kind):
        return _("Renstra target %(year)s") % {"year": found.group(1)}
    return kind


_NUMBERING = re.compile(r"^(?:[ivxlc]+|[a-z]|\d+)[.)]\s+", re.IGNORECASE)  # "I. ", "A. ", "1) "
_LIST_MARK = re.compile(r"(?:[ivxlc]+|[a-z]|\d+)[.)]?", re.IGNORECASE)  # "I", "A.", "1)" alone in a cell
_OBJECTIVE_LABEL = re.compile(r"^sasaran(?:\s+strategis)?(?:\s+\d+)?\s*[:.\-]\s*", re.IGNORECASE)


MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november",
          "desember")
# Periods a sheet may split its figures by that kinerja does not keep: the months ("Jan", "Februari", "Bulan 3") and
# the semesters ("Semester I", "Smt 2").
_MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "agt", "ags", "agus", "sep", "sept",
                        "okt", "nov", "nop", "des")
_UNREAD_PERIOD = re.compile(rf"^(?:{'|'.join(MONTHS + _MONTH_ABBREVIATIONS)}|bulan|bln|semester|smt|smstr)\b")
# The start of what follows a table: its notes ("Keterangan:", "Catatan:", "Sumber:"), the place and date of the
# signature ("Bandar Lampung, 2 Januari 2025"), the parties and titles that sign ("PIHAK PERTAMA", "Mengetahui,",
# "KEPALA DINAS …", "NIP. 19700312 …").
_CLOSING = re.compile(
    r"^(?:(?:keterangan|ket|catatan|sumber(?:\s+data)?|nb|n\.b)\s*[:.]"
    r"|(?:mengetahui|menyetujui|disetujui|disahkan|ditetapkan|dibuat\s+oleh|pihak\s+(?:pertama|kedua)|nip\b|ttd\b"
    r"|kepala\s+(?:dinas|badan|kantor)|sekretaris\s+daerah|wali\s*kota|walikota|bupati|gubernur)"
    rf"|[^\d,]{{3,40}},\s*(?:\d{{1,2}}\s+)?(?:{'|'.join(MONTHS)})\s+(?:19|20)\d\d\s*$)",
    re.IGNORECASE)


def _is_closing(values: list[object], value_columns: list[int]) -> bool:
    """Whether a row under the last indicator starts the notes or the signatures: its first words are one of
    theirs and no Target or Realisasi column holds a number."""
    first = next((_text(v) for v in values if _text(v)), "")
    return bool(_CLOSING.match(first)) and not any(_is_value(_cell(values, j)) for j in value_columns)


# The first word of a Satuan of measure, always a number ("indeks", "hari", "ton"); counts are plausibility's.
MEASURE_WORDS = {"indeks", "index", "nilai", "poin", "skor", "rasio", "angka", "hari", "jam", "menit", "minggu",
                 "bulan", "tahun", "ton", "kg", "kilogram", "km", "meter", "m2", "m3", "ha", "hektar", "liter"}


def _date_shown(value: dt.date | dt.time) -> str:
    """A date cell as the user's Excel shows it, the Indonesian way ("3 Mei 2025"), or its time."""
    from django.utils.formats import date_format, time_format

    if isinstance(value, dt.time):
        return time_format(value, "H.i")
    return date_format(value, "j F Y")


def _numeric_unit(unit: str) -> bool:
    """Whether a Satuan is measured only in numbers: a percentage, a count, rupiah, a measure."""
    words = _normal(unit).split()
    return bool(is_percent(unit) or is_count(unit) or _unit_scale(unit)[1] or (words and words[0] in MEASURE_WORDS))


def _on_text_scale(text: str) -> bool:
    return any(text.strip().upper() == step.upper() for scale in TEXT_SCALES for step in scale)


def _grade(text: str) -> str:
    """The grade of a text target written with a comparison ("minimal BB", "≥ BB" are BB or better, "di atas B"
    better than B, "maksimal BB" BB or lower, as achievement.text_target_met reads them: the same words), for checking
    it is a grade; any other text as written."""
    grade, way = grade_comparison(text)
    return grade if way else text


def _heading(text: str) -> str:
    """A heading row's words without its numbering and label: "Sasaran 1: Meningkatnya …" → "Meningkatnya …"."""
    return _OBJECTIVE_LABEL.sub("", _NUMBERING.sub("", text.strip())).strip()


# The number a document gives its sasaran, before the name: "Sasaran 9: …", "Sasaran Strategis 9. …", "S9. …",
# "SS-9 …", "SS.2: …", "9. …" (the sasaran's own number in a Sasaran column or on its heading row).
_OBJECTIVE_NUMBER = re.compile(
    r"^(?:sasaran(?:\s+strategis)?\s+(?P<number>\d+)\s*[:.\-]\s*"
    r"|(?P<code>ss?\s?[.\-]?\s?\d+(?:\.\d+)*)(?:\s*[:.)\-]\s*|\s+)"
    r"|(?P<bare>\d+)[.)]\s+)(?=\S)", re.IGNORECASE)


def _objective_heading(text: str) -> str:
    """A Sasaran heading row's words keeping the sasaran's own number for `_objective_code` ("I. Sasaran 9: …" →
    "Sasaran 9: …", "9. …" stays), without the list numbering and label that are not its number ("A. …" →
    "…")."""
    text = text.strip()
    unlisted = _NUMBERING.sub("", text)
    if (found := _OBJECTIVE_NUMBER.match(unlisted)) and found.group("number"):
        return unlisted
    if _OBJECTIVE_NUMBER.match(text):
        return text
    return _heading(text)


def _objective_code(text: str) -> tuple[str, str]:
    """(the office's code of a sasaran as the document numbers it, its name): "Sasaran 9: Meningkatnya …" and
    "9. Meningkatnya …" → ("S9", "Meningkatnya …"), "SS-2 Meningkatnya …" → ("SS-2", "Meningkatnya …"); no
    code ("") where the document gives none."""
    text = " ".join(text.split())
    found = _OBJECTIVE_NUMBER.match(text)
    name = text[found.end():].strip() if found else ""
    if found is None or not name:
        return "", _heading(text)
    if found.group("code"):
        code = found.group("code").replace(" ", "").upper()
        # "S9", "SS-2" as written; "S 9" and "s9" the way the office writes them elsewhere.
        return code, _heading(name)
    return f"S{found.group('number') or found.group('bare')}", _heading(name)


def _is_blank(value: object) -> bool:
    """An empty cell, or "-" for "no value yet"."""
    return value is None or value == "" or (isinstance(value, str) and value.strip().lower() in EMPTY_MARKS)


def _is_value(value: object) -> bool:
    """Whether a cell of a Target or Realisasi column holds a number (or a formula meant to give one), with its
    comparison where it has one ("≥ 80")."""
    if isinstance(value, Uncomputed):
        return True
    if isinstance(value, str):
        value = _comparison(value)[1]
    try:
        parse_number(value)
    except NumberError:
        return False
    return True


def _written_achievement(value: object) -> tuple[Decimal, Decimal] | None:
    """A Capaian cell as (the number, how far from it the file's own rounding may be), None without one."""
    if isinstance(value, Uncomputed) or value is None or value == "":
        return None
    try:
        number = parse_number(value)
    except NumberError:
        return None  # "Tercapai", "-": nothing to compare
    exponent = number.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    # "95" in the file may stand for 94,5 to 95,49; a full-precision formula result is compared at kinerja's 2 places.
    return number, max(Decimal("0.5").scaleb(-places), Decimal("0.005"))


def _ambiguous_polarity(written: str, polarity: str, compared: Value, value: str, column: str) -> str:
    """The warning for a Polaritas of "Minimal" (minimise) beside a target of "minimal 80" (at least 80),
    or "Maksimal" beside "maksimal 10": the same word read two ways, which kinerja does not choose between
    silently."""
    lower = polarity == Indicator.Polarity.LOWER_IS_BETTER
    number = format_plain(compared.number)
    return _('the column says "%(written)s", which in a Polaritas column means %(column_means)s, while "%(value)s" '
             'in column %(column)s means %(value_means)s: they contradict each other. The Polaritas column is kept, '
             '%(kept)s; if the target is right, write %(fix)s in the Polaritas column') % {
        "written": written, "value": value, "column": column,
        "column_means": _("minimise (lower is better)") if lower else _("maximise (higher is better)"),
        "value_means": (_("at least %(number)s (higher is better)") if lower
                        else _("at most %(number)s (lower is better)")) % {"number": number},
        "kept": Indicator.Polarity(polarity).label, "fix": "Positif" if lower else "Negatif"}


# --- a Rencana Aksi: several activity rows per indicator -------------------------------------------

class _Known:
    """The office's indicators, by code and by name: a Rencana Aksi may name them without their Satuan."""

    def __init__(self, office: Office) -> None:
        indicators = list(Indicator.objects.filter(office=office).select_related("objective"))
        self.by_code = {i.code.lower(): i for i in indicators}
        self.by_name = {_key(i.name): i for i in indicators}

    def find(self, code: str, name: str) -> Indicator | None:
        return (self.by_code.get(code.lower()) if code else None) or self.by_name.get(_key(name))

    def close_to(self, name: str) -> Indicator | None:
        """The indicator whose name is most like `name` (a word added or dropped, a typing slip), if any is; else
        the only one whose name has every word of `name`, or whose words `name` all has (at least two words in
        common): a division's short form ("Jumlah penumpang BRT" for "Jumlah penumpang angkutan umum massal
        (BRT)")."""
        found = difflib.get_close_matches(_key(name), list(self.by_name), n=1, cutoff=CLOSE_NAME)
        if found:
            return self.by_name[found[0]]
        words = set(_WORD.findall(_key(name)))
        shared = [indicator for key, indicator in self.by_name.items()
                  if len(words & (theirs := set(_WORD.findall(key)))) >= 2 and (words <= theirs or theirs <= words)]
        return shared[0] if len(shared) == 1 else None


_WORD = re.compile(r"\w+")


def _key(name: str) -> str:
    return " ".join(name.lower().split())


@dataclass
class _Current:
    """The indicator row the activity rows under it belong to."""

    number: int
    values: list[object]
    name: str
    code: str
    found: Indicator | None
    row: Row | None = None  # None while its row is bad: the activities below are checked, not kept


def _continues(table: Table, columns: dict[str, int], number: int, values: list[object], name: str, code: str,
               current: _Current | None) -> bool:
    """Whether a row of a Rencana Aksi adds an activity to the indicator above rather than naming one: its
    Indikator (and Kode) blank with something in an activity column, merged down from the row above, or
    written again as the row above has it."""
    if not name and not code:
        return any(not _is_blank(_cell(values, j)) for j in _activity_columns(columns))
    if any((number, columns[c]) in table.merged_below for c in (NAME, CODE) if c in columns):
        return True
    return current is not None and _key(name) == _key(current.name) and (
        not code or not current.code or code.lower() == current.code.lower())


def _activity_columns(columns: dict[str, int]) -> list[int]:
    return [columns[c] for c in (ACTION, BUDGET, *QUARTER_TARGETS, *QUARTER_ACTIONS) if c in columns]


def _activities(number: int, values: list[object], columns: dict[str, int], header: Header,
                bad: Callable[[str, str, object], None], own: dict[int, Value] | None = None
                ) -> list[PlannedActivity] | None:
    """The activities a row gives, or None when a cell of them is bad (reported through `bad`): the one in
    the activity column with its quarter targets and budget, and one for each quarter that a "Rencana
    Aksi" over TW I … TW IV names. `own` are the quarter values the indicator's row has already read (its
    errors reported there): there the quarter figures belong to an activity only when the row names one."""
    found: list[PlannedActivity] = []
    ok = True
    name = " ".join(_text(_cell(values, columns.get(ACTION))).split())
    for q, column in enumerate(QUARTER_ACTIONS, start=1):
        text = " ".join(_text(_cell(values, columns.get(column))).split()) if column in columns else ""
        if text:
            try:
                found.append(PlannedActivity(number, activity_name(text), quarter=q))
            except ActivityValueError as e:
                bad(column, e.problem, text[:40] + "…")
                ok = False
    figures = [columns[c] for c in (BUDGET, *QUARTER_TARGETS) if c in columns]
    if ACTION in columns and (name or (own is None and (not found or any(
            not _is_blank(_cell(values, j)) for j in figures)))):
        if not name:
            bad(ACTION, _("the activity is missing: write what will be done"), "")
            return None
        try:
            activity_name(name)
        except ActivityValueError as e:
            bad(ACTION, e.problem, name[:40] + "…")
            ok = False
        targets: dict[int, Decimal] = {}
        for q in range(1, 5):
            column = f"{TARGET} TW{q}"
            if column not in columns:
                continue
            if own is not None:
                value = own.get(q)
                if value is None:
                    ok = False  # reported by the indicator's row
                elif value.number is not None:
                    targets[q] = value.number
                elif value.text:
                    bad(column, _("a quarter target of an activity is a number"), value.text)
                    ok = False
                continue
            number_read = _activity_number(column, _cell(values, columns[column]), bad)
            if number_read is False:
                ok = False
            elif number_read is not None:
                targets[q] = number_read
        budget: Decimal | None = None
        if BUDGET in columns:
            read = _activity_number(BUDGET, _cell(values, columns[BUDGET]), bad)
            scale, _unknown = _header_scale(header.labels[BUDGET].rsplit(" (", 1)[0])
            if read is False:
                ok = False
            elif read is not None:
                budget = read * scale.factor if scale is not None else read
        found.insert(0, PlannedActivity(number, name, targets, budget))
    elif own is None and not found:
        column = next(c for c in QUARTER_ACTIONS if c in columns)
        bad(column, _("the activity is missing: write what will be done"), "")
        return None
    return found if ok else None


def _activity_number(column: str, raw: object, bad: Callable[[str, str, object], None]) -> Decimal | None | bool:
    """A quarter target or budget of an activity row: the number, None for an empty cell, False when bad
    (plan.activity_number's rules, the Target page's too)."""
    if _is_blank(raw):
        return None
    if isinstance(raw, Uncomputed):
        bad(column, _("the formula has no saved value; open the file in Excel and save it again"), raw)
        return False
    try:
        return activity_number(_FOOTNOTE.sub("", raw) if isinstance(raw, str) else raw, budget=column == BUDGET)
    except ActivityValueError as e:
        bad(column, e.problem, raw)
        return False


def _check_continuation(table: Table, columns: dict[str, int], number: int, values: list[object],
                        current: _Current, header: Header, bad: Callable[[str, str, object], None]) -> None:
    """An activity row's cells of the indicator are blank, merged from its row or written again as there:
    another value would be lost, so it is a bad cell."""
    # Without an activity column, quarter figures are the indicator's: on an activity row, they are lost too.
    figures = [] if ACTION in columns else [BUDGET, *QUARTER_TARGETS]
    for column in (CODE, OBJECTIVE, UNIT, POLARITY, TARGET, TARGET + ORIGINAL, ACTUAL, DIVISION, ACHIEVEMENT,
                   *QUARTER_ACTUALS, *figures):
        j = columns.get(column)
        if j is None:
            continue
        raw = _cell(values, j)
        if _is_blank(raw) or (number, j) in table.merged_below or _text(raw) == _text(_cell(current.values, j)):
            continue
        bad(column, _("this row is an activity of the indicator of row %(row)d (%(indicator)s), whose values are "
                      "read from its own row only: write this value there, or the indicator on this row") % {
            "row": current.number, "indicator": current.name or current.code}, raw)


def _settle_plan(path: Path, sheet: str, row: Row, header: Header) -> list[BadImportRow]:
    """The indicator's quarter targets once all its activities are read. The quarter figures of the
    indicator's own row are its quarter targets, as in any file, unless that row names an activity
    and more activities follow: they are then the first activity's, the activities' measures (4 dokumen,
    200 orang) are never added into the indicator's, and its quarter targets are left as they are; a new
    indicator then needs its year's target."""
    measured = [a for a in row.activities if a.quarter is None]  # an activity per quarter has no figures
    if not row.own_activity or len(measured) < 2:
        return []
    row.quarter_targets = {}
    if not row.target.empty or row.known:
        return []
    column = TARGET if TARGET in header.columns else next(t for t in QUARTER_TARGETS if t in header.columns)
    return [BadCell(path, sheet, row.number, header.labels.get(column, column), _(
        "the indicator has %(count)d activities and the quarter figures on its row are its first activity's: write "
        "the indicator's target for the year in column %(target)s, or its quarter targets on a row of its own "
        "above its activities") % {"count": len(measured), "target": header.labels.get(TARGET, TARGET)})]


# --- a Perjanjian Kinerja with a Kegiatan column, or a Rencana Aksi? --------------------------------------

AGREEMENT, PLAN = "agreement", "plan"  # the kinds of file with an activity column the user may name
PLAN_LABELS = ("rencana aksi", "aksi", "uraian rencana aksi", "rencana kegiatan")  # a header only a plan has


class UnclearKind(KinerjaError):
    """A file with a Kegiatan column whose header and rows fit a Perjanjian Kinerja (the column beside its
    indicators, not read) as well as a Rencana Aksi (an activity per indicator): the user says which."""

    def __init__(self, path: Path, column: str, reasons: list[str]) -> None:
        self.path, self.column, self.reasons = path, column, reasons
        super().__init__(_("%(file)s: column %(column)s may hold the activities of a Rencana Aksi, or be a column of "
                           "a Perjanjian Kinerja beside its indicators; the file does not tell (%(reasons)s). Say "
                           "which it is.") % {"file": path.name, "column": column, "reasons": "; ".join(reasons)})


def _label_of(header: Header, kind: str) -> str:
    return _normal(header.labels[kind].rsplit(" (", 1)[0])  # without its column letter


def _several_activities(table: Table, header: Header) -> bool:
    """Whether some indicator of the file has more than one activity row: a row with an activity whose
    Indikator (and Kode) is blank, merged down or written again as the row above has it. A lone cell
    under the last indicator (a signature typed in the Kegiatan column) is no activity."""
    columns = header.columns
    name_at, code_at, action_at = columns[NAME], columns.get(CODE), columns[ACTION]
    named: list[int] = []
    further: list[tuple[int, int]] = []  # (row, how many cells it fills)
    previous = ""
    for number, values in table.rows[header.row + 1:]:
        if number in table.hidden or not _text(_cell(values, action_at)):
            name = _key(_text(_cell(values, name_at)))
            if name:
                named.append(number)
                previous = name
            continue
        name, code = _key(_text(_cell(values, name_at))), _text(_cell(values, code_at))
        filled = sum(1 for v in values if _text(v))
        if previous and ((not name and not code) or (number, name_at) in table.merged_below or name == previous):
            further.append((number, filled))
        elif name:
            named.append(number)
            previous = name
    last_named = max(named, default=0)
    return any(filled > 1 or number < last_named for number, filled in further)


def file_kind(table: Table, header: Header) -> tuple[str, list[str]]:
    """What a file with an activity column is, from its whole header and its rows: PLAN, AGREEMENT, or ""
    with the reasons it cannot be told. A Rencana Aksi names its column so ("Rencana Aksi"), has an
    activity per quarter, or several activities under one indicator; a Perjanjian Kinerja has a Sasaran,
    the indicator and the target of the year, one row per indicator, and no budget or bare quarter columns
    beside its Kegiatan (those are a plan's). A file without a Satuan or any target column is no PK."""
    columns = header.columns
    if any(c in columns for c in QUARTER_ACTIONS):
        return PLAN, []
    if ACTION not in columns:
        return AGREEMENT, []
    label = _label_of(header, ACTION)
    if any(label == p or label.startswith(p + " ") for p in PLAN_LABELS):
        return PLAN, []
    if _several_activities(table, header):
        return PLAN, []
    if UNIT not in columns or not any(c in columns for c in (TARGET, *QUARTER_TARGETS)):
        return PLAN, []  # no PK: it has a Satuan and a target; a plan may name the indicators kinerja has without
    reasons = [_("each indicator has one row with one activity")]
    if OBJECTIVE not in columns:
        reasons.append(_("no Sasaran column"))
    if TARGET not in columns:
        reasons.append(_("no Target column of the year"))
    if BUDGET in columns:
        reasons.append(_("a budget column %(column)s, as a Rencana Aksi has") % {"column": header.labels[BUDGET]})
    if header.bare_targets:
        reasons.append(_("quarter columns without the word Target, as a Rencana Aksi has"))
    return (AGREEMENT, []) if len(reasons) == 1 else ("", reasons)


_TITLE_QUARTER = re.compile(r"\b(?:triwulan|tri wulan|tw|trw|kuartal)\s*(i{1,3}|iv|[1-4])\b|\bsemester\s*(i|1)\b")


def _quarter_title(table: Table, header: Header) -> tuple[int, str, int, str] | None:
    """A title line above the header that names a quarter before the fourth ("REALISASI KINERJA TRIWULAN II
    TAHUN 2025", kinerja's own "s.d. Triwulan II 2025", "Semester I") over Target and Realisasi columns that name
    no period: those hold the quarter's figures, which an import would take for the year's (a year's target
    overwritten by a quarter's, a quarter's realisasi saved as the year's). (row, the line, the quarter, the
    column letter of its cell)."""
    if not {TARGET, ACTUAL} & set(header.columns) or any(" TW" in k for k in header.columns):
        return None
    for number, line, column in _title_lines(table, header):
        found = _TITLE_QUARTER.search(_normal(line))
        if found is None:
            continue
        quarter = 2 if found.group(2) else (ROMAN.get(found.group(1)) or int(found.group(1)))
        if quarter < 4:
            return number, line, quarter, column
    return None


def _title_lines(table: Table, header: Header) -> Iterator[tuple[int, str, str]]:
    """The title lines above the header: (row, the line, the column letter of its cell); a title is one line in
    one cell (merged across the table, its text in every cell), a header row has several."""
    for number, values in table.rows[:header.row]:
        texts = list(dict.fromkeys(v.strip() for v in values if isinstance(v, str) and v.strip()))
        if len(texts) == 1:
            column = next(j for j, v in enumerate(values) if isinstance(v, str) and v.strip())
            yield number, " ".join(texts[0].split()), _letter(column)


def _title_year(table: Table, header: Header, year: int) -> tuple[int, int, str] | None:
    """The one year the title names ("PERJANJIAN KINERJA TAHUN 2027") where it is not the year asked for, over
    Target and Realisasi columns that name no year: a PK for next year, prepared in December, imported as this
    year's. (row, the year, the column letter.) A title naming several years (a Renstra 2025-2029) says nothing,
    nor one over columns that name a year themselves."""
    if any(re.search(r"\b(?:19|20)\d\d\b", text) for texts in header.texts for text in texts):
        return None  # the columns name their year ("Target 2026", "Target tahun 2025"): they tell, not the title
    found = [(number, int(y), column) for number, line, column in _title_lines(table, header)
             for y in re.findall(r"\b((?:19|20)\d\d)\b", line)]
    years = {y for _n, y, _c in found}
    if len(years) != 1 or year in years:
        return None
    return found[0]


def _polarity_label(said: str, unit: str) -> str:
    """The polarity a phrase stating one says, as the user reads it ("Negatif"); "?" for one it does not tell."""
    word = _stated_polarity(said)
    polarity = Indicator.Polarity.LOWER_IS_BETTER if word == FASTER and _is_time(unit) else POLARITIES.get(word)
    return Indicator.Polarity(polarity).label if polarity else "?"


def _polarity_notes(path: Path, table: Table, header: Header, reading: Reading, body: list[tuple[int, list[object]]],
                    last_data: int, numbered_at: int | None, errors: list[BadImportRow], year: int | None = None
                    ) -> tuple[int | None, str, bool, dict[str, tuple[str, str]]]:
    """Where the file states polarities outside a Polaritas column: (its Keterangan column's index, that column as
    written, whether a word alone there says it, the notes above and under the table by code key → (the note's
    cell, what it says)). A Keterangan column is read where it says a polarity: where every cell of it does
    ("Negatif", "Menurun"), each one; where it holds other notes too ("Data sementara", "Menurun dari 2024"), only
    the phrases nothing else can mean ("semakin rendah semakin baik"). It is then listed as read, as Polaritas. A
    Keterangan of "Meningkat" / "Menurun" alone beside a realisasi of an earlier year is the trend against it, not
    read (a warning says so); a column headed as the direction ("Arah", "Kondisi yang diharapkan") is always read."""
    columns = header.columns
    read = set(columns.values())
    direction_at = next((j for j, texts in enumerate(header.texts) if j not in read and texts & DIRECTION_HEADERS),
                        None)
    note_at = direction_at if direction_at is not None else next(
        (j for j, texts in enumerate(header.texts) if j not in read and texts & NOTE_HEADERS), None)
    note_label, note_words = "", False
    if note_at is not None and NAME in columns:
        cells = [c for number, values in body if number <= last_data and number not in table.hidden
                 and _text(_cell(values, columns[NAME])) and (c := _text(_cell(values, note_at)))
                 and _normal(c) not in NOTE_HEADERS | DIRECTION_HEADERS]
        note_words = bool(cells) and (direction_at is not None or all(_stated_polarity(c) for c in cells))
        label = next((u for u in reading.unread_columns if u.endswith(f"({_letter(note_at)})")), "")
        earlier = _earlier_actual(header, reading.unread_columns, year) if direction_at is None else ""
        if note_words and earlier and all(_normal(c) in TREND_WORDS for c in cells):
            # An LKjIP's Keterangan of "Meningkat" / "Menurun" beside last year's realisasi says how the realisasi
            # moved against it, not which way is good: more accidents than last year is "Meningkat". Said, not read.
            reading.warnings.append(CellWarning(path.name, table.sheet, table.rows[header.row][0], label, _(
                'the column says only how the realisasi moved ("Meningkat", "Menurun") beside %(earlier)s, the '
                'realisasi of an earlier year: read as the trend against that year, not as the polarity. If it is '
                'the polarity, head the column "Polaritas" or "Arah"') % {"earlier": earlier}))
            note_words = False
        elif label and any(_stated_polarity(c, words=note_words) for c in cells):
            note_label = label
            reading.unread_columns.remove(label)
            reading.columns.insert(sum(1 for j in read if j < note_at), (POLARITY, label))
    if not note_label:
        note_at = None
    codes = {"/".join(_code_key(c)) for number, values in body if number <= last_data
             for c in (_text(_cell(values, columns.get(CODE))), _text(_cell(values, numbered_at))) if c}
    prefixes = {k.split("/")[0] for k in codes if k and not k[0].isdigit()}
    notes: dict[str, tuple[str, str]] = {}
    for index, (number, values) in enumerate(table.rows):
        if header.row < index and number <= last_data:
            continue  # the table's own rows: a Keterangan there is the row's, read above
        for j, value in enumerate(values):
            written = _text(value)
            for word, code, key in _note_polarities(written, prefixes):
                cell = f"{_letter(j)}{number}"
                if key not in codes:
                    problem = _("the note gives the polarity of %(code)s, but no row of the table has this code; write "
                                "the code as the table does") % {"code": code}
                elif key in notes and _stated_polarity(notes[key][1]) != _stated_polarity(word):
                    problem = _("the notes give %(code)s two polarities (see cell %(cell)s); give it one") % {
                        "code": code, "cell": notes[key][0].rsplit(" ", 1)[-1]}
                else:
                    notes[key] = (_("note in cell %(cell)s") % {"cell": cell}, word)
                    continue
                errors.append(BadCell(path, table.sheet, number, _letter(j), f'{problem} ("{written}")'))
    return note_at, note_label, note_words, notes


def _earlier_actual(header: Header, unread: list[str], year: int | None) -> str:
    """The column, as written, of a realisasi of a year before `year` ("Realisasi 2024 (E)", "Realisasi Tahun Lalu
    (E)") among the columns not read; "" where the table has none."""
    for j, texts in enumerate(header.texts):
        for text in texts:
            if not text.startswith("realisasi"):
                continue
            years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", text)]
            if (year is not None and years and max(years) < year) or (not years and _EARLIER.search(text)):
                return next((u for u in unread if u.endswith(f"({_letter(j)})")), text)
    return ""


def _as_agreement(header: Header) -> str:
    """Read the file as a Perjanjian Kinerja: its activity and budget columns are not read. Returns the
    activity column as written, for the note in the Summary."""
    ignored = header.labels[ACTION]
    for kind in (ACTION, BUDGET, *QUARTER_ACTIONS):
        if kind in header.columns:
            header.unread.append(header.labels.pop(kind))
            del header.columns[kind]
    return ignored


def read_rows(path: Path, office: Office, year: int | None = None, sheet: str | None = None,
              kind: str | None = None) -> Reading:
    """Every data row of the file, checked; raises ImportFailed listing every bad row. A file with an
    activity column is read as `kind` (AGREEMENT or PLAN) where the user said; else as file_kind tells,
    and where it cannot tell, UnclearKind asks."""
    path = Path(path)
    table, header = read_table(path, year, sheet)
    columns = header.columns
    activity_ignored = ""
    if _has_action(columns):
        if kind not in (AGREEMENT, PLAN):
            kind, reasons = file_kind(table, header)
            if not kind:
                raise UnclearKind(path, " ".join(header.labels[ACTION].split()), reasons)
        if kind == AGREEMENT:
            activity_ignored = " ".join(_as_agreement(header).split())

    def error(row: int, column: str, problem: str) -> BadImportRow:
        return BadCell(path, table.sheet, row, column, problem)

    errors = [error(*p) for p in header.problems]
    if (titled := _quarter_title(table, header)) is not None:
        errors.append(error(titled[0], titled[3], _(
            'the title names %(period)s, but the columns %(columns)s name no period: kinerja would read them as the '
            'figures of the whole year. Name the quarter in the header of each column that holds the quarter\'s '
            'figures ("Realisasi TW %(quarter)s", "Target TW %(quarter)s"; a column of the year\'s target stays '
            '"Target"), or import a table of the year') % {
            "period": f'"{titled[1]}"', "columns": ", ".join(header.labels[c] for c in (TARGET, ACTUAL) if c in columns),
            "quarter": _ROMAN_OF[titled[2]]}))
    if year is not None and (other := _title_year(table, header, year)) is not None:
        errors.append(error(other[0], other[2], _(
            'the title names the year %(found)d, and the file is imported as %(year)d: choose the year %(found)d, or '
            'correct the title if the file is of %(year)d') % {"found": other[1], "year": year}))
    # Without a Target column for the year, the quarter targets give it (see apply). Without a Sasaran
    # column, heading rows above the indicators give it ("Sasaran 1: Meningkatnya …" across the table).
    has_target = TARGET in columns or any(t in columns for t in QUARTER_TARGETS)
    plan = _has_action(columns)
    # A file of actuals without any target column (a division's reply to the request for data) gives the
    # actuals of indicators kinerja has, which keep their Sasaran, Satuan and targets where it gives none.
    # "Target 2025" imported as 2026 (the page proposes this year; the LKjIP of last year is made in January):
    # not a file of actuals, but one of another year.
    other_years = sorted({label for texts in header.texts for label in texts if year is not None
                          and (_classify(label, None) or "").split(" (")[0] == TARGET  # "Target Perubahan 2024" too
                          and re.search(r"\b(19|20)\d\d\b", label)})
    # A column of targets kinerja does not read as the year's ("Target Renstra", "Target Akhir"): not a file of
    # actuals either; the missing Target names it.
    read = set(columns.values())
    unread_targets = [max(texts, key=len) for j, texts in enumerate(header.texts)
                      if j not in read and any(t == "target" or t.startswith("target ") for t in texts)]
    actuals_only = not has_target and not plan and not other_years and not unread_targets
    # A Rencana Aksi may name only indicators kinerja has (their Satuan and targets are known): see _known.
    # Quarter targets read under a year's Target of another year ("Target Tahun 2025" beside "Triwulan I" …
    # imported as 2026), with no column naming the year asked for: the file is of that other year.
    other_year_file = bool(other_years) and TARGET not in columns and not any(
        str(year) in label for label in header.labels.values())
    # Without a Satuan column each row's unit is written with its value ("1.750 unit", "70 %"), or is the one of an
    # indicator kinerja has (_inline_unit, in the rows).
    missing = [h for h in (NAME,) if h not in columns] + (
        [] if (has_target or plan or actuals_only) and not other_year_file else [TARGET])
    header_number = table.rows[header.row][0]
    for h in missing:
        # Say which year the file has, not only that the column is missing.
        other = other_years if h == TARGET else []
        if h == TARGET and not other and unread_targets:
            errors.append(error(header_number, h, _(
                'the column is missing; %(found)s is not read as the target of the year (it names something else, or '
                'another plan); name the column of the year\'s target "Target" or "Target %(year)s"') % {
                "found": ", ".join(f'"{o.capitalize()}"' for o in unread_targets), "year": year or ""}))
            continue
        errors.append(error(header_number, h, _("the column is missing") if not other else
                            _("the column of %(year)d is missing; the file has %(found)s: import it as that "
                              "year") % {"year": year, "found": ", ".join(f'"{o.capitalize()}"' for o in other)}))
    if errors:
        raise ImportFailed(path, errors)
    divisions = _Divisions(office)
    if plan:  # a Rencana Aksi's rows are activities: their Kendala belongs to no one figure, and is not read
        for kind in [k for k in NARRATIVES if k in columns]:
            header.unread.append(header.labels[kind])
            del columns[kind]
    reading = Reading(table.sheet, [], plan=plan, unread_columns=header.unread, activity_ignored=activity_ignored,
                      columns=[
        (_meaning(kind), " ".join(header.labels[kind].split())) for kind, _j in sorted(columns.items(), key=lambda c: c[1])])
    if header.plan_years and year is not None:
        first, last = min(year, *header.plan_years), max(year, *header.plan_years)
        reading.plan_years = (first, first + PLAN_YEARS - 1) if last - first < PLAN_YEARS else None
    # Without a Sasaran column (nor heading rows), an indicator kinerja has keeps its Sasaran: a division's realisasi
    # per triwulan names the indicators with their target for reference, not the Sasaran they belong to.
    known = _Known(office) if plan or actuals_only or OBJECTIVE not in columns or UNIT not in columns else None
    office_indicators = known or _Known(office)
    # The quarters after the first whose Realisasi counts from the year's start ("Realisasi s.d. TW III"): wrong
    # for an indicator kinerja has that adds its quarters up, which would count the quarters before twice.
    cumulative = [q for q in range(2, 5) if f"Realisasi TW{q}" in columns
                  and any(_CUMULATIVE.search(t) for t in header.texts[columns[f"Realisasi TW{q}"]])]
    # The unit a value column's header names in brackets ("Target (%)", "Realisasi (orang)"), for a file without a
    # Satuan column: the unit of every row that writes none with its values.
    header_unit = next((u for c in (TARGET, ACTUAL) if c in columns and (u := _header_unit(header.labels.get(c, ""))
                                                                          )), "")
    # The office's indicators: also for a row of one of them without a target (below).
    existing = known or _Known(office)
    current: _Current | None = None  # the indicator the activity rows below belong to (a Rencana Aksi)
    rows = reading.rows
    seen_codes: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    value_columns = [j for c, j in columns.items() if c.split()[0] in (TARGET, ACTUAL)]  # the original targets too
    if header.revised:
        reading.warnings.append(CellWarning(path.name, table.sheet, header_number, header.revised[0][0], _(
            "the revised target is imported as the target (%(columns)s); where a revised cell is empty, the "
            "original target is used") % {"columns": "; ".join(_("%(revised)s instead of %(original)s") % {
                "revised": revised, "original": original} for revised, original in header.revised)}))
    objective = ""
    both = OBJECTIVE not in columns and _normal(header.labels[NAME]).startswith("sasaran")  # "Sasaran / Indikator"
    # Without a Kode column, the No. column numbering an indicator under its Sasaran ("1.1") names it: a new
    # indicator takes that as its code.
    numbered_at = (None if CODE in columns else
                   next((j for j, texts in enumerate(header.texts) if texts & NUMBER_HEADERS), None))
    heading_division: Unit | None = None  # from a heading row naming a division ("II. BIDANG PEMBERDAYAAN")
    previous = ""  # "header" after a row repeating the header
    # A Sasaran heading row ("Sasaran Strategis: …") not yet given to an indicator, and whether an indicator under
    # it gave its own Sasaran instead: one no indicator took is said as not read (unread_headings).
    heading: tuple[int, str] | None = None
    heading_passed = False

    def heading_ends() -> None:
        if heading is not None and heading_passed:
            reading.unread_headings.append((*heading, header.labels[OBJECTIVE]))

    body = table.rows[header.row + 1:]
    # Below the last row with a value or a code, a row of one cell is a note ("Sumber: …"), even one
    # typed in the Indikator column (the second column of a table without Sasaran).
    # An activity row without figures right under such a row counts too (a signature line comes after a gap).
    last_data, counted = 0, False
    for number, values in body:
        if _text(_cell(values, columns.get(CODE))) or any(_is_value(_cell(values, j)) for j in value_columns) or (
                counted and any(_text(_cell(values, columns.get(c))) for c in (ACTION, *QUARTER_ACTIONS))):
            last_data, counted = number, True
        else:
            counted = False
    note_at, note_label, note_words, notes = _polarity_notes(path, table, header, reading, body, last_data,
                                                             numbered_at, errors, year)
    # The direction column ("Arah") even where it is not read as the polarity: its "Tetap" is refused, not ignored.
    direction_at = next((j for j, texts in enumerate(header.texts) if j not in set(columns.values())
                         and texts & DIRECTION_HEADERS), None)
    direction_label = next((u for u in [*reading.unread_columns, *(label for _k, label in reading.columns)]
                            if direction_at is not None and u.endswith(f"({_letter(direction_at)})")),
                           _letter(direction_at) if direction_at is not None else "")
    for number, values in body:
        if all(_text(v) == "" for v in values) or _is_numbering(values):
            continue
        if number in table.hidden:
            reading.hidden_rows.append(number)  # not seen by whoever checked the sheet: not read
            continue
        if number > last_data and _is_closing(values, value_columns):
            reading.notes_from = number  # the notes and signatures under the table: the table has ended
            break
        if number > last_data and sum(1 for v in values if _text(v)) == 1:
            continue
        repeated = header.repeated_in(values)
        if repeated and not any(_is_value(_cell(values, j)) for j in value_columns):
            if columns[NAME] in repeated or previous == "header":
                previous = "header"
                continue  # the header printed again (both its rows), as on each page of a long table
            reading.other_table = number  # "No | Program | Anggaran": the table of indicators ends above
            break
        previous = ""
        row_errors: list[BadImportRow] = []

        def bad(column: str, problem: str, value: object, number: int = number,
                row_errors: list[BadImportRow] = row_errors) -> None:
            shown = _text(value)
            problem = f'{problem} ("{shown}")' if shown else problem
            row_errors.append(error(number, header.labels.get(column, column), problem))

        def text(column: str, values: list[object] = values) -> str:
            # One line, single spaces: a name wrapped with Alt+Enter is the same indicator, not a new one.
            return " ".join(_text(_cell(values, columns.get(column))).split())

        across = any(first <= columns[NAME] <= last and last - first >= 2 for first, last in table.spans.get(number, ()))
        # "… tidak aktif (semakin kecil semakin baik)": the phrase is the polarity, not part of the name.
        name, name_phrase, _said = _name_polarity(text(NAME))
        if name_phrase and _key(text(NAME)) in office_indicators.by_name:
            name = text(NAME)  # kinerja has it so named (imported before the phrase was read): the same indicator
        targets = [j for c, j in columns.items() if c.split()[0] == TARGET]
        # A total's words alone ("JUMLAH", "Rata-rata Capaian") name no indicator, whatever sums stand beside them.
        total_only = _normal(name) in TOTAL_WORDS or _normal(name).startswith(TOTAL_PREFIXES)
        if (name and not text(UNIT) and (total_only or not any(_is_value(_cell(values, j)) or _inline_unit(_cell(values, j))
                                                               for j in targets))
                and any(_normal(name) == w or _normal(name).startswith(w + " ") for w in TOTAL_STARTS)
                and office_indicators.find(text(CODE), name) is None):
            # A subtotal or average row written in the Indikator column; never an indicator kinerja has ("Jumlah
            # IKM yang terdaftar" in a division's realisasi, which names it without its Satuan and target). One
            # with a value and more than a total's words may be a new indicator: said, not dropped unsaid.
            if (_normal(name) not in TOTAL_WORDS and not _normal(name).startswith(TOTAL_PREFIXES)
                    and any(_is_value(_cell(values, j)) for j in value_columns)):
                reading.total_rows.append((number, name))
            continue
        if plan and not across and _continues(table, columns, number, values, name, text(CODE), current):
            if any(_normal(v) in TOTAL_WORDS or _normal(v).startswith(TOTAL_PREFIXES) for v in values):
                continue
            if not any(not _is_blank(_cell(values, j)) for j in _activity_columns(columns)):
                continue  # the cells of a merged indicator on a row with nothing else
            activities = _activities(number, values, columns, header, bad)
            if current is None:
                first = next((c for c in (ACTION, *QUARTER_ACTIONS) if c in columns and text(c)),
                             ACTION if ACTION in columns else next(c for c in QUARTER_ACTIONS if c in columns))
                bad(first, _("this activity comes before any indicator: write its indicator in column %(column)s on "
                             "this row or on a row above it") % {"column": header.labels[NAME]}, text(first))
            else:
                _check_continuation(table, columns, number, values, current, header, bad)
            if row_errors:
                errors.extend(row_errors)
            elif activities is not None and current is not None and current.row is not None:
                current.row.activities.extend(activities)
            continue
        if (not name and not text(CODE)
                and any(_normal(v) in TOTAL_WORDS or _normal(v).startswith(TOTAL_PREFIXES) for v in values)):
            continue  # a total row ("TOTAL" or "Jumlah" in the No. or Sasaran column, the sums beside it)
        if (both and name and not across and not text(UNIT) and not text(CODE)
                and all(_is_blank(_cell(values, j)) for j in value_columns)):
            # "Sasaran / Indikator" in one column: a row with no Satuan and no value is a Sasaran, its indicators below.
            objective, current = _objective_heading(name), None
            continue
        if (not plan and name[:1].islower() and current is not None and number == current.number + 1 and not across
                and office_indicators.find(text(CODE), name) is None
                and all(_is_blank(v) or j == columns[NAME] or (number, j) in table.merged_below
                        for j, v in enumerate(values))):
            # Words alone, in lower case, under an indicator: the rest of its name, wrapped onto a row of its own as
            # a table converted from PDF has it. Not joined unasked (it may be an indicator missing its figures):
            # said as what it likely is, instead of its Satuan and Target missing.
            bad(NAME, _("only the Indikator has words on this row, and they begin in lower case: if they continue the "
                        "name of the indicator in row %(row)d, write them into that row's cell; if this is an "
                        "indicator of its own, give its Satuan and Target") % {"row": current.number}, name)
            errors.extend(row_errors)
            continue
        if (not name and text(CODE) and text(OBJECTIVE) and not text(UNIT) and not across
                and not any(_is_value(_cell(values, j)) for j in value_columns)):
            # A Sasaran's own row with its code in the Kode column ("SS.1 | Meningkatnya …"), its indicators below
            # with their own codes, as a Renstra's table has it: a heading, the code kept where it reads as a
            # sasaran's (_objective_code).
            written = f"{text(CODE)} {text(OBJECTIVE)}"
            objective, current = (written if _objective_code(written)[0] else text(OBJECTIVE)), None
            continue
        if across or not name and not text(CODE) and not any(_is_value(_cell(values, j)) for j in value_columns):
            # Not an indicator: a heading, a total, a note or a line of the signature block under the table.
            # Its words, past the list number in a column of its own ("I" in the No. column, "Sasaran 1: …" beside it).
            words = next((_text(v) for v in values if _text(v) and not isinstance(v, int | float | Decimal)
                          and not _LIST_MARK.fullmatch(_text(v))), "")
            if any(_normal(v) in TOTAL_WORDS or _normal(v).startswith(TOTAL_PREFIXES) for v in values):
                continue
            if not across and any(_text(_cell(values, j)) for j in value_columns):
                reading.unread_rows.append(number)
            current = None  # a heading: an activity below it is not the indicator's above
            unit = divisions.find(_heading(words)) if words else None
            if unit is not None:
                heading_division = unit
            elif _OBJECTIVE_LABEL.match(_NUMBERING.sub("", words)):
                objective = _objective_heading(words)  # "Sasaran 2: …", in whichever column it is written
                if OBJECTIVE in columns:
                    heading_ends()
                    heading, heading_passed = (number, " ".join(words.split())), False
            elif OBJECTIVE in columns:
                if not across and text(OBJECTIVE):
                    objective = text(OBJECTIVE)  # an objective's own heading row, its indicators below
            elif words:
                objective = _objective_heading(words)
            continue
        # An objective written once above its indicators (or merged over them) holds for the rows below.
        if heading is not None:
            if text(OBJECTIVE):
                heading_passed = True
            elif not heading_passed:
                heading = None  # its indicator: read
        objective = text(OBJECTIVE) or objective
        code = text(CODE)
        found = known.find(code, name) if known is not None else None
        current = _Current(number, values, name, code, found)
        # A Rencana Aksi naming an indicator kinerja has keeps its Sasaran, Satuan and targets where it gives none.
        row_objective = objective or (found.objective.name if found else "")
        unit = text(UNIT) or (found.unit if found and (plan or actuals_only) else "")
        # Without a Satuan column: the unit written with the values ("1.750 unit"), or an indicator kinerja has.
        inline, inline_factor, unit_notes = "", Decimal(1), []
        if UNIT not in columns and not plan:
            inline = next((u for u in (_inline_unit(_cell(values, columns.get(c))) for c in (TARGET, ACTUAL, *[
                f"{kind} TW{q}" for kind in (TARGET, ACTUAL) for q in range(1, 5)]) if c in columns) if u), header_unit)
            unit = unit or (found.unit if found else inline)
            if found is not None and inline and _key(inline) != _key(found.unit):
                (written, written_money), (kept, kept_money) = _unit_scale(inline), _unit_scale(found.unit)
                if written_money and kept_money:  # "Rp 52.000.000.000" of an indicator kept in juta rupiah
                    inline_factor = written / kept
                inline_note = (_('the value is written in %(written)s and converted into %(kept)s, the Satuan kinerja '
                                 'has for this indicator') if written_money and kept_money else
                               _('the value is written with "%(written)s"; the indicator keeps its Satuan in kinerja, '
                                 '%(kept)s (a Satuan column changes it)')) % {"written": inline, "kept": found.unit}
                unit_notes.append(inline_note)
            if not unit and name:
                bad(UNIT, _('the file has no Satuan column, and neither the value nor an indicator kinerja has gives '
                            'one; write it with the value ("1.750 unit", "70 %") or add a Satuan column'), "")
        if plan and found is None and UNIT not in columns:
            bad(CODE if code else NAME, _("the office has no indicator with this code or name; a Rencana Aksi without "
                                          "a Satuan column can only name indicators kinerja already has"), code or name)
        elif actuals_only and found is None:
            bad(CODE if code else NAME, _("the office has no indicator with this code or name; a file without a Target "
                                          "column can only give the actuals of indicators kinerja already has (import "
                                          "the Perjanjian Kinerja first, or add a Target column)"), code or name)
        elif not row_objective and OBJECTIVE not in columns and (close := known.close_to(name) if known else None):
            # A name retyped in the division's copy: say which indicator it is like, not only that a new one needs
            # a Sasaran (at the Indikator, which the missing Sasaran column's one message leaves in place).
            bad(NAME, _('kinerja has no indicator named so, and a new one needs a Sasaran, which this file does not '
                        'give; is it %(code)s "%(name)s"? Write its name as kinerja has it') % {
                "code": close.code, "name": close.name}, name)
        elif not row_objective and OBJECTIVE not in columns and known is not None and known.by_name:
            # The office has indicators: the row may mean one of them by another name. Say it is new to kinerja.
            bad(OBJECTIVE, _("no Sasaran column and no Sasaran heading row above this row, and kinerja has no "
                             "indicator with this name (a new indicator needs its Sasaran); if it is one kinerja "
                             "has, write its name as the Target page shows it"), f"{code} {name}".strip())
        elif not row_objective and OBJECTIVE not in columns:
            bad(OBJECTIVE, _("no Sasaran column and no Sasaran heading row above this row"), f"{code} {name}".strip())
        for column, value_text, limit in ((NAME, name, 500), (OBJECTIVE, row_objective, 500), (UNIT, unit, 60),
                                          (CODE, code, 30)):
            required = (column == NAME or (column == UNIT and UNIT in columns)
                        or (column == OBJECTIVE and OBJECTIVE in columns))
            if required and not value_text and column == OBJECTIVE:
                # No Sasaran above it and none beside it: only a new indicator gets here (one kinerja has keeps its own).
                bad(column, _("the indicator %(indicator)s is under no Sasaran: kinerja does not have it, and a new "
                              "indicator needs a Sasaran; write a Sasaran heading row above it, or the Sasaran in "
                              "this column") % {"indicator": f'{code} "{name}"' if code else f'"{name}"'}, "")
            elif required and not value_text:
                bad(column, _("a value is missing"), "")
            elif len(value_text) > limit:
                bad(column, _("at most %(count)d characters") % {"count": limit}, value_text[:40] + "…")
        if code:
            if code.lower() in seen_codes:
                bad(CODE, _("the code is also in row %(row)d") % {"row": seen_codes[code.lower()]}, code)
            else:
                seen_codes[code.lower()] = number
        if name:
            key = " ".join(name.lower().split())
            if key in seen_names:
                bad(NAME, _("the indicator is also in row %(row)d") % {"row": seen_names[key]}, name)
            else:
                seen_names[key] = number
        # Where the polarity is stated: the Polaritas column, else a Keterangan saying it, the phrase after the
        # name, a note above or under the table naming the row's code. Another of them saying otherwise is warned of.
        note_cell = _text(_cell(values, note_at))
        noted = notes.get("/".join(_code_key(code or _text(_cell(values, numbered_at)))), ("", ""))
        stated = [(source, said) for source, said in (
            (POLARITY, text(POLARITY)),
            (note_label, note_cell if _stated_polarity(note_cell, words=note_words) else ""),
            (header.labels[NAME], name_phrase), noted) if said]
        polarity_source, polarity_text = stated[0] if stated else (POLARITY, "")
        polarity_word = _stated_polarity(polarity_text)
        polarity = POLARITIES.get(polarity_word, "")
        conflicts = [(source, said) for source, said in stated[1:] if _stated_polarity(said) != polarity_word]
        if polarity_word == FASTER and _is_time(unit):
            polarity = Indicator.Polarity.LOWER_IS_BETTER  # faster is a shorter time
        elif polarity_word == FASTER:
            bad(polarity_source, _('"faster is better" says lower is better only for a time, and the Satuan of this row is '
                            '%(unit)s, not a time (%(times)s); write Positif or Negatif') % {
                "unit": f'"{unit}"' if unit else _("missing"), "times": ", ".join(sorted(TIME_UNITS))}, polarity_text)
        elif polarity_text and not polarity and not _maintained(polarity_text):
            bad(polarity_source, _("the polarity is Positif or Negatif"), polarity_text)
        for maintain_column, maintain_text in ((POLARITY, text(POLARITY)), (
                direction_label, _text(_cell(values, direction_at)) if direction_at is not None else "")):
            if maintain_text and _maintained(maintain_text):
                bad(maintain_column, _("the indicator is to be kept at its target (a maintain-type indicator), which "
                                       "kinerja does not compute: PermenPAN-RB 53/2014 gives no formula for it, and "
                                       "an indicator here is Positif (higher is better) or Negatif (lower is better). "
                                       "Write Positif or Negatif, whichever deviation from the target is worse, or "
                                       "leave the indicator out"), maintain_text)
        # "–" where no division answers for it, as kinerja's own export writes it: none, as an empty cell.
        division_text = "" if _is_blank(text(DIVISION)) else text(DIVISION)
        division = divisions.find(division_text) if division_text else heading_division
        if division_text and division is None:
            bad(DIVISION, _("no division, subsection or secretariat of the office has this name; the office has "
                            "%(names)s") % {"names": ", ".join(divisions.names) or _("none")}, division_text)

        def raw_value(column: str, values: list[object] = values) -> tuple[str, object]:
            """The column read and its cell: the original target's where the revised target's is empty."""
            raw = _cell(values, columns.get(column))
            if _is_blank(raw) and column + ORIGINAL in columns:
                return column + ORIGINAL, _cell(values, columns[column + ORIGINAL])
            return column, raw

        raw_target = raw_value(TARGET if TARGET in columns else next((t for t in QUARTER_TARGETS if t in columns),
                                                                     TARGET))[1]
        text_target = (isinstance(raw_target, str) and not _is_blank(raw_target)
                       and not any(c.isdigit() for c in raw_target))

        estimates: list[tuple[str, str, Decimal]] = []  # (column, as written, the number read): "± 85"
        unreachable: list[tuple[str, str, str]] = []  # (column, as written, why): "> AA", which nothing meets

        def value(asked: str, text_target: bool = text_target, unit: str = unit, inline: str = inline,
                  inline_factor: Decimal = inline_factor, measured: str = unit or (found.unit if found else ""),
                  indicator: str = f"{code} {name}".strip(), target_cell: object = raw_target,
                  estimates: list[tuple[str, str, Decimal]] = estimates,
                  unreachable: list[tuple[str, str, str]] = unreachable) -> Value | None:
            """The cell's value; None when it is bad (reported)."""
            column, raw = raw_value(asked)
            as_written = raw
            if isinstance(raw, Uncomputed):
                bad(column, _("the formula has no saved value; open the file in Excel and save it again"), raw)
                return None
            if _is_blank(raw):
                return Value()
            if text_target and (not _numeric_unit(unit) or _on_text_scale(_grade(_text(target_cell)))) and _is_value(
                    _CATEGORY.sub("", _FOOTNOTE.sub("", raw.strip())) if isinstance(raw, str) else raw):
                # "72,5" beside a target of "BB": no text is met by a number, and no grade follows from it unasked.
                bad(column, _('the target is "%(target)s", a text (a predikat, a grade, an opinion), and this value is '
                              'a number: kinerja tells whether a text target is met by comparing texts. Write the '
                              'value as the target is written (the predikat the number gives, for example '
                              '"%(target)s"), or write the target as a number too') % {"target": _text(target_cell)},
                    raw)
                return None
            if text_target:
                # A text target (WTP, A) for an indicator measured in numbers is a typing error, not a text.
                if _numeric_unit(unit) and not _on_text_scale(_grade(_text(raw))):
                    if any(c.isdigit() for c in _text(raw)) and not _on_text_scale(_grade(_text(target_cell))):
                        return None  # a number beside "delapan": the target's cell is named, the row refused
                    bad(column, _("a number is needed here: the Satuan is %(unit)s, which is counted or measured in "
                                  "numbers") % {"unit": unit}, raw)
                    return None
                if len(_text(raw)) > 60:
                    bad(column, _("at most %(count)d characters") % {"count": 60}, _text(raw)[:40] + "…")
                if not column.startswith(ACTUAL) and (why := unreachable_grade(_text(raw))):
                    unreachable.append((column, _text(raw), why))
                return Value(text=_text(raw))  # as the office writes it ("Minimal BB"), which its PK prints
            if isinstance(raw, dt.date | dt.time):  # "3-5" or "1.5" typed where Excel reads a date
                bad(column, _("Excel turned the value into a date (%(date)s); format the cell as Number or Text and "
                              "type the value again") % {"date": _date_shown(raw)}, "")
                return None
            if isinstance(raw, str) and raw.strip().upper() in EXCEL_ERRORS:
                bad(column, _("the formula gives an error; correct it in Excel"), raw)
                return None
            percent = isinstance(raw, PercentCell) or is_percent_written(raw)
            if percent and measured and not allows_percent_sign(measured):
                # "12,5%" for a Satuan of kali: 12,5 kali, or a percentage of something else? Not guessed.
                bad(column, _("a percentage, but %(indicator)s is measured in %(unit)s: write the value in %(unit)s, "
                              "without the %% sign") % {"indicator": indicator, "unit": measured},
                    f"{format_plain(raw)}%" if isinstance(raw, PercentCell) else as_written)
                return None
            try:
                # The one reader of a written value, the web pages' too: "± 85", "≥ 80", "85 persen", "12 dokumen".
                read = read_written(raw, units=(unit, inline))
            except NumberError as e:
                if isinstance(e, WholeValueError):
                    bad(column, e.problem, as_written)  # a range, or "1,2 M": the problem is the whole value
                elif (column.startswith(ACTUAL) and isinstance(raw, str) and _on_text_scale(_grade(raw.strip()))
                      and not _is_blank(target_cell)):
                    # A realisasi "BB" beside a target of 70: a predikat for a score, which kinerja does not convert.
                    bad(column, _('this value is a predikat, a grade or an opinion, and the target is a number '
                                  '(%(target)s): kinerja compares a number with a number. Write the value as the number '
                                  'it stands for (the score of the evaluation), or write the target as the predikat '
                                  'it must reach') % {"target": _text(target_cell)}, as_written)
                else:
                    bad(column, _("a number is needed here: %(problem)s") % {"problem": e.problem}, "")
                return None
            number, polarity, estimate = read.number, read.polarity, read.estimate
            cell_scale = True if read.scaled else None
            scale = header.scales.get(column)
            if cell_scale is not None:
                if scale is not None:
                    bad(column, _("the header gives the column's scale (%(scale)s) and the cell its own; write the "
                                  "number alone") % {"scale": scale.word}, as_written)
                    return None
            elif inline_factor != 1:
                number = number * inline_factor
            elif scale is not None:
                unit_factor, unit_money = _unit_scale(unit)
                if scale.money and unit and not unit_money:
                    bad(column, _("the column is in rupiah (%(scale)s), but the Satuan is %(unit)s: a budget column, or "
                                  "the wrong Satuan?") % {"scale": scale.word, "unit": unit}, as_written)
                    return None
                # Into the Satuan's own scale: Rupiah, or "juta rupiah" where the indicator is kept in juta.
                number = number * scale.factor / unit_factor
            if abs(number) >= MAX_NUMBER:
                bad(column, _("the number is too large"), raw)
                return None
            if estimate:
                estimates.append((column, _text(as_written), number))
            return Value(number=number, polarity=polarity, column=column)

        target = value(TARGET) if TARGET in columns else Value()
        actual = value(ACTUAL) or Value()
        quarter_targets = {q: value(f"Target TW{q}") for q in range(1, 5) if f"Target TW{q}" in columns}
        plan_targets = {plan_year: value(key) for plan_year, key in header.plan_years.items()}
        # A bad value is reported as bad, not again as missing. An indicator kinerja has keeps its targets (a file
        # kinerja exported lists one without a target of the year, "Target belum ditetapkan", empty).
        if (target is not None and target.empty and all(v is not None and v.empty for v in quarter_targets.values())
                and found is None and existing.find(code, name) is None and not actuals_only):
            bad(TARGET if TARGET in columns or not quarter_targets else f"Target TW{min(quarter_targets)}",
                _("a value is missing"), "")
        quarter_actuals = {q: value(f"Realisasi TW{q}") for q in range(1, 5) if f"Realisasi TW{q}" in columns}
        summed = existing.find(code, name) if existing is not None else None
        if summed is not None and summed.quarter_aggregation == Indicator.Aggregation.SUM:
            for q in cumulative:
                column, v = f"Realisasi TW{q}", quarter_actuals.get(q)
                if v is not None and not v.empty:
                    bad(column, _("this column gives the realisasi up to %(quarter)s, but the indicator adds its "
                                  "quarters up: its quarters before would be counted twice; write the realisasi of "
                                  "%(quarter)s alone") % {"quarter": quarter_name(q)}, _cell(values, columns[column]))
        source_limit = Indicator._meta.get_field("data_source").max_length or 0
        if len(_text(_cell(values, columns.get(SOURCE)))) > source_limit:
            bad(SOURCE, _("a data source has at most %(count)d characters; shorten it") % {"count": source_limit},
                _cell(values, columns.get(SOURCE)))
        written = _cell(values, columns.get(ACHIEVEMENT))
        row_warnings: list[CellWarning] = []

        def warn(column: str, message: str, number: int = number, row_warnings: list[CellWarning] = row_warnings
                 ) -> None:
            row_warnings.append(CellWarning(path.name, table.sheet, number, header.labels.get(column, column), message))

        for note in unit_notes:
            warn(TARGET if TARGET in columns else ACTUAL, note)
        for column, written_estimate, estimated in estimates:
            warn(column, _('"%(written)s" is read as %(number)s: kinerja keeps one exact number; correct the file if '
                           'another is meant') % {"written": written_estimate, "number": format_plain(estimated)})
        for column, written_grade, why in unreachable:
            warn(column, _('"%(written)s" can never be met: %(why)s') % {"written": written_grade, "why": why})
        for source, said in conflicts:
            warn(source, _('"%(said)s" says %(this)s, but %(source)s says "%(kept)s": %(source)s is kept') % {
                "said": said, "this": _polarity_label(said, unit), "source": header.labels.get(
                    polarity_source, polarity_source), "kept": polarity_text})

        read = [v for v in (target, actual, *quarter_targets.values(), *quarter_actuals.values()) if v is not None]
        compared = [v for v in read if v.polarity]
        told = compared[0].polarity if compared else ""
        other = next((v for v in compared if v.polarity != told), None)
        if other is not None:  # "≥ 80" for the year and "≤ 20" for a quarter: which way is better?
            bad(other.column, _("its comparison says %(this)s, the one in column %(column)s says %(that)s; write the "
                                "same comparison in both") % {
                "this": Indicator.Polarity(other.polarity).label, "that": Indicator.Polarity(told).label,
                "column": header.labels.get(compared[0].column)}, _cell(values, columns.get(other.column)))
        elif told and not polarity:
            polarity = told
        elif told and polarity != told and polarity_text.lower() in AMBIGUOUS_POLARITY_WORDS:
            warn(polarity_source, _ambiguous_polarity(polarity_text, polarity, compared[0],
                                               _text(_cell(values, columns.get(compared[0].column))),
                                               header.labels.get(compared[0].column, "")))
        elif told and polarity != told and polarity_source != POLARITY:
            warn(polarity_source, _('"%(written)s" says %(kept)s, but "%(value)s" in column %(column)s says %(told)s; '
                                    '"%(written)s" is kept') % {
                "written": polarity_text, "kept": Indicator.Polarity(polarity).label,
                "value": _text(_cell(values, columns.get(compared[0].column))),
                "column": header.labels.get(compared[0].column), "told": Indicator.Polarity(told).label})
        elif told and polarity != told:
            warn(POLARITY, _('the column says "%(written)s", but "%(value)s" in column %(column)s says %(told)s; the '
                             'Polaritas column is kept') % {
                "written": polarity_text,
                "value": _text(_cell(values, columns.get(compared[0].column))),
                "column": header.labels.get(compared[0].column), "told": Indicator.Polarity(told).label})
        polarity_column = polarity_source if polarity_text else compared[0].column if polarity else ""
        polarity_written = polarity_text or (_text(_cell(values, columns.get(compared[0].column))) if compared else "")
        # Implausible figures (plausibility.py) are imported as written, with a warning: the file may be right.
        year_target = target.number if target is not None else None
        # A Renstra's other years ("Target 2027") are targets as the year's is: checked the same, each named by its column.
        for v in (target, *quarter_targets.values(), *plan_targets.values()):
            for message in implausible(v.number if v is not None else None, unit=unit):
                warn(v.column, _("%(problem)s; it is imported as written") % {"problem": message})
        for q, v in [(None, actual), *quarter_actuals.items()]:
            compared_with = quarter_targets.get(q) if q else None
            for message in implausible(v.number if v is not None else None, unit=unit,
                                       target=compared_with.number if compared_with is not None
                                       and compared_with.number is not None else year_target):
                warn(v.column, _("%(problem)s; it is imported as written") % {"problem": message})
        negative_method = ""
        # The year's Capaian, then each quarter's (against the quarter's target, else the year's): the first that
        # fits only a negative indicator tells its polarity and formula.
        achievements = [(ACHIEVEMENT, written, target or Value(), actual or Value())] + [
            (f"{ACHIEVEMENT} TW{q}", _cell(values, columns[f"{ACHIEVEMENT} TW{q}"]),
             quarter_targets.get(q) or target or Value(), quarter_actuals.get(q) or Value())
            for q in range(1, 5) if f"{ACHIEVEMENT} TW{q}" in columns]
        if not polarity:
            for column, cell, compared_target, compared_actual in achievements:
                polarity, negative_method = _polarity_from_achievement(cell, compared_target, compared_actual)
                if polarity:
                    polarity_column = column
                    break
        elif polarity == Indicator.Polarity.LOWER_IS_BETTER:
            negative_method = next((m for _c, cell, t, a in achievements if (m := _negative_method(cell, t, a))), "")
        own: list[PlannedActivity] | None = []
        if plan:
            # The quarter figures of a row naming an activity are the activity's (numbers, see _activities).
            own = _activities(number, values, columns, header, bad,
                              {q: v for q, v in quarter_targets.items() if v is not None})
        if row_errors:
            errors.extend(row_errors)
            current.row = None  # its activities are checked, not kept
            continue
        reading.warnings.extend(row_warnings)
        assert target is not None
        current.row = Row(number, table.sheet, code, row_objective, name, unit, polarity, division, target, actual,
                          {q: v for q, v in quarter_targets.items() if v is not None and not v.empty},
                          {q: v for q, v in quarter_actuals.items() if v is not None and not v.empty}, header.labels,
                          negative_method, _written_achievement(written), polarity_column,
                          own or [], bool(text(ACTION)) if plan else False)
        current.row.known = found is not None
        current.row.polarity_written = polarity_written
        current.row.quarter_achievements = {
            q: told_achievement for q in range(1, 5) if f"{ACHIEVEMENT} TW{q}" in columns
            and (told_achievement := _written_achievement(_cell(values, columns[f"{ACHIEVEMENT} TW{q}"]))) is not None}
        if numbered_at is not None and _SUB_NUMBER.fullmatch(numbered := _text(_cell(values, numbered_at))):
            current.row.numbered = numbered.rstrip(".")
        current.row.obstacles, current.row.solutions = (_text(_cell(values, columns.get(k))) for k in NARRATIVES)
        current.row.definition, current.row.data_source = (
            _text(_cell(values, columns.get(k))) for k in (DEFINITION, SOURCE))
        if header.plan_years and year is not None:
            current.row.plan_targets = {plan_year: v for plan_year, v in sorted({year: target, **plan_targets}.items())
                                        if v is not None and not v.empty}
        rows.append(current.row)
    heading_ends()
    for row in rows if plan else []:
        errors.extend(_settle_plan(path, table.sheet, row, header))
    if OBJECTIVE not in columns and not any(row.objective for row in rows) and not objective and not actuals_only:
        # No Sasaran anywhere: the column is missing, once, rather than on every row.
        label = header.labels.get(OBJECTIVE, OBJECTIVE)
        errors = [error(header_number, OBJECTIVE, _("the column is missing")),
                  *(e for e in errors if e.field != label)]
    if errors:
        raise ImportFailed(path, errors)
    if not rows:
        raise KinerjaError(_("%(file)s has no data rows under its header.") % {"file": path.name})
    return reading


# --- saving -------------------------------------------------------------------------------------

class _DryRun(Exception):
    """Rolls the transaction of a dry run back after counting what it would save."""


def _objective(office: Office, written: str, year: int, cache: dict[str, Objective], summary: Summary,
               plan_years: tuple[int, int] | None = None) -> Objective:
    """The office's objective a row's Sasaran names, created where it has none. A new one takes the code the
    document numbers it with ("Sasaran 9: …" → S9), so the office's pages and reports name it as its Renstra
    does, else the first free S<n> after the others."""
    own_code, name = _objective_code(written)
    key = " ".join(name.lower().split())
    if key in cache:
        return cache[key]
    # An objective saved before its number was read from the Sasaran ("S9. Meningkatnya …" as its name) is
    # the same one.
    candidates = [o for o in Objective.objects.filter(Q(name__iexact=name) | Q(name__iexact=written.strip()),
                                                      office=office)]
    found = next((o for o in candidates if o.plan_start_year <= year <= o.plan_end_year), None)
    found = found or (candidates[0] if candidates else None)
    if found is None:
        # Same plan period as the office's other objectives covering the year, else the Renstra's years the file
        # gives, else a new five-year plan from the year.
        sibling = Objective.objects.filter(office=office, plan_start_year__lte=year, plan_end_year__gte=year).first()
        start, end = ((sibling.plan_start_year, sibling.plan_end_year) if sibling else plan_years
                      or (year, year + PLAN_YEARS - 1))
        taken = set(Objective.objects.filter(office=office, plan_start_year=start).values_list("code", flat=True))
        order = (Objective.objects.filter(office=office).aggregate(m=Max("order"))["m"] or 0) + 1
        n = order
        while f"S{n}" in taken:
            n += 1
        code = own_code if own_code and own_code not in taken else f"S{n}"
        found = Objective.objects.create(office=office, code=code, name=name.strip(), order=order,
                                         plan_start_year=start, plan_end_year=end)
        summary.objectives_created += 1
    cache[key] = found
    return found


IDENTITY = ("objective_id", "code", "name", "unit", "polarity", "negative_method", "division_id", "definition",
            "data_source", "first_year")


def _identity(indicator: Indicator) -> tuple[object, ...]:
    """What an import may change of an indicator: the same before and after, the indicator is unchanged."""
    return tuple(getattr(indicator, name) for name in IDENTITY)


def keep_earlier_years(indicator: Indicator, year: int) -> None:
    """Before an indicator is saved with the name, unit, polarity or division a file of `year` gives it: the years
    before keep what they have now (an IndicatorRevision up to year - 1), so that their pages, downloads and
    reports, signed or not, read as they did. Where a later year changed them already, the file's year and the
    years up to that change take the file's, and the indicator keeps the later year's; where a later year has
    targets or figures while no revision marks a change (a file of an earlier year brought in afterwards), the
    file's year alone takes the file's (a revision up to `year`) and the later years keep what they show."""
    saved = Indicator.objects.filter(pk=indicator.pk).values(*YEAR_FIELDS, "first_year").get()
    revisions = list(IndicatorRevision.objects.filter(indicator=indicator, until_year__gte=year - 1))
    governing = revisions[0] if revisions else None  # of year - 1 (None: the indicator's own fields)
    own = {f: saved[f] for f in YEAR_FIELDS}
    earlier = {f: getattr(governing, f) for f in YEAR_FIELDS} if governing is not None else own
    new = {f: getattr(indicator, f) for f in YEAR_FIELDS}
    measured_before = saved["first_year"] is None or saved["first_year"] < year
    if measured_before and new != earlier and (governing is None or governing.until_year != year - 1):
        IndicatorRevision.objects.create(indicator=indicator, until_year=year - 1, **earlier)
    later = next((r for r in revisions if r.until_year >= year), None)
    if later is None and new != own and (
            Target.objects.filter(indicator=indicator, year__gt=year).exists()
            or Actual.objects.filter(indicator=indicator, year__gt=year).exists()):
        IndicatorRevision.objects.create(indicator=indicator, until_year=year, **new)
        for f in YEAR_FIELDS:
            setattr(indicator, f, saved[f])
    elif later is not None:
        for f in YEAR_FIELDS:
            setattr(indicator, f, saved[f])
        if any(getattr(later, f) != new[f] for f in YEAR_FIELDS):
            for f in YEAR_FIELDS:
                setattr(later, f, new[f])
            later.save()


def _lock(locks: dict[int | None, object], office: Office, year: int, quarter: int | None) -> object:
    """The signature on a Data Kinerja of `year` that a change of the year (quarter None: any signed report of it)
    or of its `quarter` would alter; None while none is signed. One query per quarter."""
    if quarter not in locks:
        locks[quarter] = signoff.signing(office, year, quarter or 1)
    return locks[quarter]


def _signed_year_refusals(path: Path, row: Row, indicator: Indicator, before: tuple[object, ...] | None, year: int,
                          signature: object, locks: dict[int | None, object]) -> list[BadCell]:
    """What a row of a file of `year`, whose Data Kinerja is signed, would change of what the signed document
    shows: an indicator it adds to the year, another name, unit, polarity or division, another target. Refused:
    the signed document is the record of the year, and its figures change only by a correction with its
    reason."""
    document = signature.version.document.title  # type: ignore[attr-defined]
    label = f"{indicator.code} {indicator.name}"
    old = dict(zip(IDENTITY, before, strict=True)) if before is not None else None
    if old is None or (old["first_year"] is not None and old["first_year"] > year):  # type: ignore[operator]
        return [BadCell(path, row.sheet, row.number, row.labels.get(NAME, NAME), _(
            "%(indicator)s is not an indicator of %(year)d, and the Data Kinerja of %(year)d is signed "
            "(%(document)s): a file of %(year)d adds no indicator to it. Import the indicator with the file of a "
            "later year, or leave the row out") % {"indicator": label, "year": year, "document": document})]
    refusals = []
    changed = [f for f in YEAR_FIELDS if old[f] != getattr(indicator, f)]
    if changed:
        column = {"name": NAME, "unit": UNIT, "polarity": POLARITY, "division_id": DIVISION}.get(changed[0], NAME)
        refusals.append(BadCell(path, row.sheet, row.number, row.labels.get(column, column), _(
            "the Data Kinerja of %(year)d is signed (%(document)s), and it names %(code)s \"%(old)s\" with its unit, "
            "polarity and division as they were: a file of %(year)d does not change them. A new name, unit, "
            "polarity or division belongs in the file of a later year") % {
            "year": year, "document": document, "code": indicator.code, "old": old["name"]}))
    wanted: list[tuple[str, int | None, Value, str]] = []
    if not row.target.empty:
        wanted.append((Target.Kind.AGREEMENT, None, row.target, TARGET))
    wanted += [(Target.Kind.QUARTER, q, v, f"Target TW{q}") for q, v in row.quarter_targets.items()]
    if year in row.plan_targets:
        wanted.append((Target.Kind.RENSTRA, None, row.plan_targets[year], row.plan_targets[year].column))
    for kind, quarter, value, column in wanted:
        lock = signature if quarter is None else _lock(locks, indicator.office, year, quarter)
        if lock is None:
            continue
        found = Target.objects.filter(indicator=indicator, year=year, kind=kind, quarter=quarter).first()
        if found is not None and (found.value_number, found.value_text) == (value.number, value.text):
            continue
        refusals.append(BadCell(path, row.sheet, row.number, row.labels.get(column, column), _(
            "the target of %(indicator)s is not changed: the Data Kinerja of %(year)d is signed (%(document)s), and "
            "its targets are those it was signed with") % {
            "indicator": label, "year": year, "document": lock.version.document.title}))  # type: ignore[attr-defined]
    return refusals


def _set_target(indicator: Indicator, year: int, kind: str, quarter: int | None, value: Value) -> str:
    """Save a target; ADDED, CHANGED or UNCHANGED (the same value again: nothing written)."""
    found = Target.objects.filter(indicator=indicator, year=year, kind=kind, quarter=quarter).first()
    if found is None:
        Target.objects.create(indicator=indicator, year=year, kind=kind, quarter=quarter,
                              value_number=value.number, value_text=value.text)
        return ADDED
    if (found.value_number, found.value_text) == (value.number, value.text):
        return UNCHANGED
    found.value_number, found.value_text = value.number, value.text
    found.save(update_fields=["value_number", "value_text"])
    return CHANGED


def _narrative_quarter(row: Row) -> int | None | bool:
    """The actual a row's Kendala and Solusi go with: the year's where the row gives it, else its latest quarter
    (what the division reports now); False for a row without any realisasi."""
    if not row.actual.empty:
        return None
    return max(row.quarter_actuals) if row.quarter_actuals else False


def _narrative_unsaved(path: Path, row: Row) -> CellWarning:
    column = OBSTACLES if row.obstacles else SOLUTIONS
    return CellWarning(path.name, row.sheet, row.number, row.labels.get(column, column), _(
        "not saved: kinerja keeps the Kendala and Solusi with a realisasi, and this row gives none; write them with "
        "the realisasi, here or on the input page"))


def _target_change(path: Path, row: Row, indicator: Indicator, year: int, target: Value) -> CellWarning | None:
    """The year's target of an indicator kinerja has that the file changes: the Perjanjian Kinerja's, signed,
    which a division's realisasi beside it for reference (a 45 typed for 4,5) must not change unnoticed."""
    before = Target.objects.filter(indicator=indicator, year=year, kind=Target.Kind.AGREEMENT,
                                   quarter=None).first() if indicator.pk is not None else None
    if before is None or (before.value_number, before.value_text) == (target.number, target.text):
        return None
    old = format_plain(before.value_number) if before.value_number is not None else before.value_text or "–"
    column = TARGET if TARGET in row.labels else next((c for c in QUARTER_TARGETS if c in row.labels), TARGET)
    return CellWarning(path.name, row.sheet, row.number, row.labels.get(column, column), _(
        "the target of %(year)d of indicator %(indicator)s changes from %(old)s to %(new)s as the file says; if the "
        "file's target is a mistake, correct it and import the file again") % {
        "year": year, "indicator": indicator.code, "old": old,
        "new": format_plain(target.number) if target.number is not None else target.text or "–"})


def _set_actual(path: Path, row: Row, indicator: Indicator, year: int, quarter: int | None, value: Value,
                user: AbstractBaseUser | None, column: str, obstacles: str = "", solutions: str = "",
                ) -> BadCell | str:
    """Save the actual as submitted: ADDED, CHANGED (another figure, Kendala or Solusi, or a draft submitted) or
    UNCHANGED (nothing to save); a locked one is left as it is and returned as a bad cell. A Kendala or Solusi the
    file leaves empty keeps what the division wrote before."""
    current = (Actual.objects.select_for_update()
               .filter(indicator=indicator, year=year, quarter=quarter, is_current=True).first())
    if (current is not None and current.status in (Actual.Status.SUBMITTED, Actual.Status.CHECKED, Actual.Status.LOCKED)
            and (current.value_number, current.value_text) == (value.number, value.text)
            and all(not v or v == getattr(current, k) for k, v in (("obstacles", obstacles), ("solutions", solutions)))):
        # The same figure again (a file kinerja exported, imported back; a division's copy sent twice): nothing to
        # save, and a checked, locked or signed figure stays as it is. A draft or a returned figure is submitted.
        return UNCHANGED
    if current is None and quarter is None and not obstacles and not solutions and _as_quarters_add_up(
            indicator, year, value):
        # The year's figure of an indicator measured per quarter, as its quarters add up (kinerja's report of the
        # year, imported back): saved, it would stand for the year over later corrections of a quarter.
        return UNCHANGED
    # A signed period's figures change only by a correction with its reason: the file cannot give one.
    signature = None if signoff.is_correction(current) and current is not None \
        and current.status != Actual.Status.LOCKED else signoff.signing(indicator.office, year, quarter)
    if signature is not None:
        return BadCell(path, row.sheet, row.number, row.labels.get(column, column),
                       signoff.locked_message(signature, year, quarter))
    if current is not None and current.status == Actual.Status.LOCKED:
        return BadCell(path, row.sheet, row.number, row.labels.get(column, column),
                       _("the actual is locked; correct it with its reason instead"))
    before = format_plain(current.value_number) if current and current.value_number is not None else (
        current.value_text if current else "")
    actual = current or Actual(indicator=indicator, year=year, quarter=quarter, entered_by=user)
    told = {"obstacles": obstacles, "solutions": solutions}
    changes = {k: [getattr(actual, k), v] for k, v in told.items() if v and v != getattr(actual, k)}
    for k, (_before, v) in changes.items():
        setattr(actual, k, v)
    actual.value_number, actual.value_text = value.number, value.text
    actual.status = Actual.Status.SUBMITTED
    actual.save()
    after = format_plain(value.number) if value.number is not None else value.text
    if before != after:
        changes = {"value": [before, after], **changes}
    ActualRevision.objects.create(actual=actual, action=ActualRevision.Action.IMPORTED, user=user,
                                  reason=path.name, changes=changes)
    return ADDED if current is None else CHANGED


def _as_quarters_add_up(indicator: Indicator, year: int, value: Value) -> bool:
    """Whether `value` is what the indicator's quarters of `year` add up to (by its method), at the precision the
    file gives it: a report prints the year's figure of the quarters rounded, of those it reports (a draft not)."""
    quarters = {a.quarter: a.value_number if a.value_number is not None else a.value_text
                for a in Actual.objects.filter(indicator=indicator, year=year, is_current=True, quarter__isnull=False,
                                               status__in=REPORTED)}
    if not quarters:
        return False
    if value.text:
        texts = [v for _q, v in sorted(quarters.items()) if isinstance(v, str) and v]
        return bool(texts) and texts[-1] == value.text
    numbers = {q: v for q, v in quarters.items() if isinstance(v, Decimal)}
    added = year_value(None, numbers, indicator.quarter_aggregation)
    if not isinstance(added, Decimal) or value.number is None:
        return False
    places = max(-value.number.normalize().as_tuple().exponent, 0)  # type: ignore[operator]
    return added.quantize(Decimal(1).scaleb(-places)) == value.number


def _set_action_plan(indicator: Indicator, year: int, activities: list[PlannedActivity]) -> PlanChange:
    """The indicator's Rencana Aksi for the year, as the file gives it: the file's activities replace
    those an earlier import brought, and the ones added by hand on the page stay (plan.replace_imported)."""
    return replace_imported(indicator, year, [
        {"name": a.name, "quarter": a.quarter, "budget": a.budget,
         **{f"target_q{q}": a.targets.get(q) for q in range(1, 5)}} for a in activities])


def _year_target(quarters: dict[int, Value], indicator: Indicator) -> Value:
    """The year's target of a file that has only quarter targets: the quarters added up as the
    indicator adds up its actuals (by default the last quarter's, TW IV)."""
    if any(v.text for v in quarters.values()):
        return quarters[max(quarters)]
    return Value(number=aggregate_quarters({q: v.number for q, v in quarters.items()},
                                           indicator.quarter_aggregation))


def _quarters_against_year(path: Path, row: Row, indicator: Indicator, year: int) -> CellWarning | None:
    """A Rencana Aksi's four quarter targets of an indicator that do not add up, as the indicator adds up its
    quarters (the last quarter's, their sum or their average), to its target of the year: the quarterly
    reports and the annual one would then measure against different plans."""
    numbers = {q: v.number for q, v in row.quarter_targets.items() if v.number is not None}
    if len(numbers) < 4:
        return None
    year_target = Target.objects.filter(indicator=indicator, year=year, kind=Target.Kind.AGREEMENT).first()
    if year_target is None or year_target.value_number is None:
        return None
    added = aggregate_quarters(numbers, indicator.quarter_aggregation)
    if added is None or added == year_target.value_number:
        return None
    column = next(c for c in QUARTER_TARGETS if c in row.labels)
    return CellWarning(path.name, row.sheet, row.number, row.labels.get(column, column), _(
        "the quarter targets give %(added)s for the year (%(method)s), but the target of the year is %(target)s; the "
        "quarterly reports compare with the quarter targets and the annual one with the target of the year") % {
        "added": format_plain(added), "method": Indicator.Aggregation(indicator.quarter_aggregation).label.lower(),
        "target": format_plain(year_target.value_number)})


def _free_code(taken: set[str]) -> str:
    n = len(taken) + 1
    while f"ik-{n:02d}" in taken:
        n += 1
    return f"IK-{n:02d}"


def _mismatch(path: Path, row: Row, indicator: Indicator, target: Value) -> Mismatch | None:
    """The row's Capaian against kinerja's, from the year's target and actual and the indicator's polarity
    as saved; None when they agree (within the file's rounding) or either has none."""
    if row.achievement is None:
        return None
    written, rounding = row.achievement
    quarters = {q: v.number for q, v in row.quarter_actuals.items()}
    actual = (row.actual.number if not row.actual.empty
              else year_value(None, quarters, indicator.quarter_aggregation) if quarters else None)
    computed = evaluate(target.number, actual, indicator.polarity, indicator.negative_method).value
    if computed is None or abs(computed - written) <= rounding:
        return None
    fitting = ""
    if row.actual.empty and quarters:
        # "Jumlah pelaku usaha yang dilatih" added up over the quarters in the file, and taken as its last quarter
        # by kinerja (the default of a new indicator): name that, not the target, actual and polarity, which are right.
        for method in Indicator.Aggregation.values:
            value = year_value(None, quarters, method)
            other = evaluate(target.number, value, indicator.polarity, indicator.negative_method).value
            if method != indicator.quarter_aggregation and other is not None and abs(other - written) <= rounding:
                fitting = method
                break
    return Mismatch(path.name, row.sheet, row.number, row.labels.get(ACHIEVEMENT, ACHIEVEMENT), written, computed,
                    indicator.polarity, indicator.quarter_aggregation if fitting else "", fitting)


def _against_annual_target(indicator: Indicator, year: int) -> bool:
    """Whether the indicator's quarters of `year` are measured against the year's target, for want of quarter
    targets (cards.target_for): it has a target of the year and none of a quarter, as saved so far."""
    kinds = set(Target.objects.filter(indicator=indicator, year=year).values_list("kind", "quarter"))
    return (any(quarter is None and kind in (Target.Kind.AGREEMENT, Target.Kind.RENSTRA) for kind, quarter in kinds)
            and not any(kind == Target.Kind.QUARTER for kind, _quarter in kinds))


def _saved_year_target(indicator: Indicator, year: int) -> Value | None:
    """The year's target kinerja has for an indicator (the Perjanjian Kinerja's, else the Renstra's), for a file
    that gives none."""
    saved = {t.kind: t for t in Target.objects.filter(indicator=indicator, year=year, quarter=None,
                                                      kind__in=[Target.Kind.AGREEMENT, Target.Kind.RENSTRA])}
    found = saved.get(Target.Kind.AGREEMENT) or saved.get(Target.Kind.RENSTRA)
    return Value(found.value_number, found.value_text) if found is not None else None


def _quarter_mismatches(path: Path, row: Row, indicator: Indicator, year_target: Value | None) -> list[Mismatch]:
    """Each quarter's Capaian ("Capaian (%)" over TW I … TW IV) against kinerja's, from the quarter's actual and
    its target (the quarter's own, else the year's, as the dashboard compares them) and the polarity as saved."""
    mismatches = []
    for q, (written, rounding) in sorted(row.quarter_achievements.items()):
        actual = row.quarter_actuals.get(q)
        target = row.quarter_targets.get(q) or year_target
        if actual is None or target is None:
            continue
        computed = evaluate(target.number, actual.number, indicator.polarity, indicator.negative_method).value
        if computed is not None and abs(computed - written) > rounding:
            column = f"{ACHIEVEMENT} TW{q}"
            mismatches.append(Mismatch(path.name, row.sheet, row.number, row.labels.get(column, column), written,
                                       computed, indicator.polarity))
    return mismatches


def _other_indicator(path: Path, row: Row, coded: Indicator, named: Indicator) -> BadCell:
    """A row whose Kode is one indicator of the office and whose Indikator another: a division numbering its own
    rows (IK-01, IK-02 of its list) would otherwise give the indicator of that code the other's name, unit,
    target and actuals."""
    return BadCell(path, row.sheet, row.number, row.labels.get(CODE, CODE), _(
        'the code "%(code)s" is the indicator "%(coded)s" in kinerja, but this row names "%(name)s", which is '
        '%(other)s; write the code kinerja has for it (%(other)s), or leave the Kode cell empty') % {
        "code": row.code, "coded": coded.name, "name": row.name, "other": named.code})


def _identity_changes(path: Path, row: Row, indicator: Indicator) -> list[CellWarning]:
    """An indicator kinerja has that the row gives another name (found by its Kode) or another code (found by
    its name): saved as the file says, and said, as a division's copy of the table may have changed either by
    mistake."""
    warnings = []
    if _key(row.name) != _key(indicator.name):
        warnings.append(CellWarning(path.name, row.sheet, row.number, row.labels.get(NAME, NAME), _(
            'the indicator %(code)s is named "%(old)s" in kinerja; it is renamed "%(new)s" as the file says. If the '
            'file\'s name is a mistake, correct it and import the file again, or rename the indicator back on its '
            'page') % {"code": indicator.code, "old": indicator.name, "new": row.name}))
    if row.code and row.code.lower() != indicator.code.lower():
        warnings.append(CellWarning(path.name, row.sheet, row.number, row.labels.get(CODE, CODE), _(
            'the indicator "%(name)s" has the code %(old)s in kinerja; its code becomes %(new)s as the file says. If '
            'that is not meant, correct the Kode and import the file again') % {
            "name": indicator.name, "old": indicator.code, "new": row.code}))
    return warnings


def _renumber(path: Path, row: Row, objective: Objective) -> CellWarning | None:
    """The code the file numbers a Sasaran with ("Sasaran 9: …"), given to the objective kinerja has under another
    (S4, its place when an earlier import read no number, or typed so): the office's own document says how its
    pages and reports name it. Said, since they name it so from now on. None where the codes agree or the file
    gives none; a warning and no change where another Sasaran of its plan has that code."""
    own_code, _name = _objective_code(row.objective)
    if not own_code or own_code.casefold() == objective.code.casefold():
        return None
    column = row.labels.get(OBJECTIVE, OBJECTIVE)
    holder = (Objective.objects.filter(office_id=objective.office_id, plan_start_year=objective.plan_start_year,
                                       code__iexact=own_code).exclude(pk=objective.pk).first())
    if holder is not None:
        return CellWarning(path.name, row.sheet, row.number, column, _(
            'the file numbers the Sasaran "%(name)s" %(code)s, but %(code)s is "%(other)s" in kinerja; it stays '
            '%(kept)s. If the file is right, correct the codes in kinerja and import it again') % {
            "name": objective.name, "code": own_code, "other": holder.name, "kept": objective.code})
    old = objective.code
    objective.code = own_code
    objective.save(update_fields=["code"])
    return CellWarning(path.name, row.sheet, row.number, column, _(
        'the Sasaran "%(name)s" takes the code %(code)s the file numbers it with (it was %(old)s): the pages and '
        'reports name it %(code)s from now on') % {"name": objective.name, "code": own_code, "old": old})


def _outside_plan(path: Path, row: Row, objective: Objective, plan_year: int, value: Value) -> CellWarning:
    """A Renstra's column of a year outside the strategic plan of the row's Sasaran: not imported, said once."""
    return CellWarning(path.name, row.sheet, row.number, row.labels.get(value.column, value.column), _(
        "%(year)d is not a year of the strategic plan of %(objective)s (%(start)d–%(end)d): the targets of this "
        "column were not imported for its indicators") % {
        "year": plan_year, "objective": f"{objective.code} {objective.name}", "start": objective.plan_start_year,
        "end": objective.plan_end_year})


def _signed_renstra(indicator: Indicator, plan_year: int, value: Value, signed: dict[int, object]) -> object:
    """The signature that keeps a Renstra's target of an earlier year as it is, where the file would change a
    figure of that year's signed Data Kinerja (a target of it, or one it lacks of an indicator it reports); None
    otherwise. `signed` caches one query per year."""
    if indicator.pk is None or (indicator.first_year is not None and indicator.first_year > plan_year):
        return None  # not one of that year's indicators: its report does not show it
    found = Target.objects.filter(indicator=indicator, year=plan_year, kind=Target.Kind.RENSTRA, quarter=None).first()
    if found is not None and (found.value_number, found.value_text) == (value.number, value.text):
        return None
    if plan_year not in signed:
        signed[plan_year] = signoff.signing(indicator.office, plan_year, 1)  # any signed report of the year
    return signed[plan_year]


def _signed_plan_year(path: Path, row: Row, indicator: Indicator, plan_year: int, value: Value,
                      signature: object) -> CellWarning:
    return CellWarning(path.name, row.sheet, row.number, row.labels.get(value.column, value.column), _(
        "the Renstra target of %(year)d of %(indicator)s was not changed: the Data Kinerja of %(year)d is signed "
        "(%(document)s), and a later year's file does not change it") % {
        "year": plan_year, "indicator": f"{indicator.code} {indicator.name}",
        "document": signature.version.document.title})  # type: ignore[attr-defined]


def _objective_change(path: Path, row: Row, indicator: Indicator, objective: Objective) -> CellWarning:
    """An indicator kinerja has that the file puts under another Sasaran (another office's table, a Sasaran merged
    over one row too many): saved as the file says, and said, since the indicator's achievement then counts
    towards the other Sasaran in every year's report."""
    return CellWarning(path.name, row.sheet, row.number, row.labels.get(OBJECTIVE, OBJECTIVE), _(
        'the indicator %(indicator)s moves from the Sasaran "%(old)s" to "%(new)s" as the file says; its achievement '
        'counts towards "%(new)s" from now on, in every year\'s report. If that is not meant, correct the Sasaran in '
        'the file and import it again') % {
        "indicator": f"{indicator.code} {indicator.name}", "old": indicator.objective.name, "new": objective.name})


def _same_unit(a: str, b: str) -> bool:
    """Two spellings of one Satuan: "Unit" and "unit", "%" and "persen"."""
    return _key(a) == _key(b) or (is_percent(a) and is_percent(b))


def _unit_change(path: Path, row: Row, indicator: Indicator, year: int) -> CellWarning:
    """An existing indicator without any realisasi of the file's year or after whose Satuan the file changes: saved
    as the file says, and said, as its targets of that year on are then read in the new unit (the years before
    keep theirs: keep_earlier_years)."""
    return CellWarning(path.name, row.sheet, row.number, row.labels.get(UNIT, UNIT), _(
        'the unit of indicator %(indicator)s changes from "%(old)s" to "%(new)s"; its targets are read in "%(new)s" '
        'from %(year)d on, the years before keep "%(old)s". If that is not meant, correct the Satuan in the file and '
        'import it again') % {
        "indicator": f"{indicator.code} {indicator.name}", "old": indicator.unit, "new": row.unit, "year": year})


def _unit_with_figures(path: Path, row: Row, indicator: Indicator) -> BadCell:
    """An existing indicator with realisasi of the file's year or after whose Satuan the file changes: refused,
    since the figures entered in the old unit would be read in the new one (1.500 "juta rupiah" as Rp 1.500)."""
    return BadCell(path, row.sheet, row.number, row.labels.get(UNIT, UNIT), _(
        'the indicator %(indicator)s has realisasi in "%(old)s", so its unit cannot change to "%(new)s": those '
        'figures would be read in the new unit. Write "%(old)s" in the Satuan column, or create a new indicator '
        'for "%(new)s"') % {"indicator": f"{indicator.code} {indicator.name}", "old": indicator.unit,
                             "new": row.unit})


def _polarity_change(path: Path, row: Row, indicator: Indicator, year: int) -> CellWarning:
    """An existing indicator whose polarity the file turns around: its achievement of the file's year and after is
    then computed the other way (the years before keep theirs: keep_earlier_years), so the user is told rather
    than finding the report changed."""
    column = row.polarity_column or POLARITY
    return CellWarning(path.name, row.sheet, row.number, row.labels.get(column, column), _(
        "the polarity of indicator %(indicator)s changes from %(old)s to %(new)s; its achievement is computed the "
        "other way from %(year)d on, the years before keep theirs. If that is not meant, correct the file and "
        "import it again, or set the polarity back on the indicator's page") % {
        "indicator": f"{indicator.code} {indicator.name}", "old": Indicator.Polarity(indicator.polarity).label,
        "new": Indicator.Polarity(row.polarity).label, "year": year})


def apply(path: Path, reading: Reading, office: Office, year: int, *, user: AbstractBaseUser | None,
          dry_run: bool = False) -> Summary:
    """Save checked rows in one transaction (rolled back again for a dry run)."""
    path = Path(path)
    rows = reading.rows
    summary = Summary(rows=len(rows), dry_run=dry_run, sheet=reading.sheet, plan=reading.plan,
                      hidden_rows=reading.hidden_rows, other_table=reading.other_table,
                      unread_headings=reading.unread_headings,
                      unread_rows=reading.unread_rows, total_rows=reading.total_rows,
                      warnings=reading.warnings, notes_from=reading.notes_from,
                      columns=reading.columns, unread_columns=reading.unread_columns,
                      activity_ignored=reading.activity_ignored,
                      preview=[_preview(row) for row in rows[:PREVIEW_ROWS]], more_rows=max(0, len(rows) - PREVIEW_ROWS))
    try:
        with transaction.atomic():
            errors: list[BadImportRow] = []
            objectives: dict[str, Objective] = {}
            # Each as it is in the file's year: a later year's new name is no change this file makes.
            existing = {i.code.lower(): i for i in Indicator.objects.filter(office=office).as_of(year)}
            by_name = {_key(i.name): i for i in existing.values()}
            taken = set(existing) | {row.code.lower() for row in rows if row.code}
            numbered: set[int] = set()  # the objectives whose code was compared with the file's number
            outside: set[tuple[str, int]] = set()  # (column, objective) of a Renstra year outside its plan: warned
            new_objectives: set[int] = set()
            signed: dict[int, object] = {}  # year → the signature locking a period of it (None: none signed)
            locks: dict[int | None, object] = {}  # quarter (None: the year) of the file's year → its signature
            for index, row in enumerate(rows):
                coded = existing.get(row.code.lower()) if row.code else None
                named = by_name.get(_key(row.name))
                if coded is not None and named is not None and coded.pk != named.pk:
                    errors.append(_other_indicator(path, row, coded, named))
                    continue
                created = summary.objectives_created
                objective = _objective(office, row.objective, year, objectives, summary, reading.plan_years)
                if summary.objectives_created > created:
                    new_objectives.add(objective.pk)
                if objective.pk not in numbered:
                    numbered.add(objective.pk)
                    if (renumbered := _renumber(path, row, objective)) is not None:
                        summary.warnings.append(renumbered)
                if index < len(summary.preview):
                    shown = summary.preview[index]
                    shown.objective, shown.objective_code = objective.name, objective.code
                    shown.objective_new = objective.pk in new_objectives
                indicator = coded or named
                if indicator is not None and row.unit and not _same_unit(row.unit, indicator.unit):
                    # Figures of an earlier year keep their unit (keep_earlier_years); those of this year on would
                    # be read in the new one.
                    if Actual.objects.filter(indicator=indicator, year__gte=year).exists():
                        errors.append(_unit_with_figures(path, row, indicator))
                        continue
                    summary.warnings.append(_unit_change(path, row, indicator, year))
                    if index < len(summary.preview):
                        summary.preview[index].unit_before = indicator.unit
                if indicator is not None:
                    summary.warnings.extend(_identity_changes(path, row, indicator))
                    if indicator.objective_id != objective.pk:
                        summary.warnings.append(_objective_change(path, row, indicator, objective))
                before = _identity(indicator) if indicator is not None else None
                if indicator is None:
                    # Measured from the year of the file on: not one of an earlier year's indicators (in_year).
                    indicator = Indicator(office=office, order=len(existing) + 1, first_year=year)
                    summary.indicators_created += 1
                    if row.polarity:
                        summary.polarities_read.append((row.name, Indicator.Polarity(row.polarity).label,
                                                        _polarity_source(row)))
                    elif not row.target.text:  # a text target (BB, WTP) is met on its scale, whatever the polarity
                        summary.assumed_positive.append(row.name)
                        if hint := likely_negative(row.name, row.unit):
                            summary.likely_negative[row.name] = hint
                # A file without a Kode column keeps an indicator's code, or numbers a new one: as the No. column
                # does ("1.1"), unless another indicator has that code.
                code = (row.code or indicator.code
                        or (row.numbered if row.numbered and row.numbered.lower() not in taken else "")
                        or _free_code(taken))
                taken.add(code.lower())
                if index < len(summary.preview):
                    summary.preview[index].code = code
                indicator.objective, indicator.code, indicator.name = objective, code, row.name
                indicator.unit = row.unit
                if row.polarity and indicator.pk is not None and row.polarity != indicator.polarity:
                    summary.warnings.append(_polarity_change(path, row, indicator, year))
                if row.polarity:  # without a Polaritas column an indicator keeps its own (new: positive)
                    indicator.polarity = row.polarity
                if row.negative_method:
                    indicator.negative_method = row.negative_method
                if row.division is not None:
                    indicator.division = row.division
                if row.definition:
                    indicator.definition = row.definition
                if row.data_source:
                    indicator.data_source = row.data_source
                if indicator.first_year is not None and indicator.first_year > year:
                    indicator.first_year = year  # given figures of an earlier year: measured from it on
                if before is not None:
                    if _identity(indicator) == before:
                        summary.indicators_unchanged += 1
                    else:
                        summary.indicators_updated += 1
                if (year_lock := _lock(locks, office, year, None)) is not None:
                    # Told with the row's locked figures, if any: the whole file is then refused (rolled back).
                    errors.extend(_signed_year_refusals(path, row, indicator, before, year, year_lock, locks))
                if before is not None and _identity(indicator) != before:
                    keep_earlier_years(indicator, year)
                if before is None or _identity(indicator) != before:
                    indicator.save()
                existing[code.lower()] = by_name[_key(row.name)] = indicator
                # A Rencana Aksi naming an indicator kinerja has, without its year's Target, keeps the year's
                # (the performance agreement's); its quarter targets are checked against it below.
                if not row.target.empty or (row.quarter_targets and not (reading.plan and row.known)):
                    target = row.target if not row.target.empty else _year_target(row.quarter_targets, indicator)
                    changed = _target_change(path, row, indicator, year, target)
                    if changed is not None:
                        summary.warnings.append(changed)
                    summary.target_tally.count(_set_target(indicator, year, Target.Kind.AGREEMENT, None, target))
                    summary.targets += 1
                    mismatch = _mismatch(path, row, indicator, target)
                    if mismatch is not None:
                        summary.mismatches.append(mismatch)
                if row.quarter_achievements:
                    summary.mismatches.extend(_quarter_mismatches(
                        path, row, indicator, row.target if not row.target.empty else _saved_year_target(indicator, year)))
                if reading.plan:
                    warning = _quarters_against_year(path, row, indicator, year)
                    if warning is not None:
                        summary.warnings.append(warning)
                for q, value in row.quarter_targets.items():
                    summary.target_tally.count(_set_target(indicator, year, Target.Kind.QUARTER, q, value))
                    summary.targets += 1
                for plan_year, value in row.plan_targets.items():
                    if plan_year < year and (signature := _signed_renstra(indicator, plan_year, value, signed)):
                        summary.warnings.append(_signed_plan_year(path, row, indicator, plan_year, value, signature))
                    elif objective.plan_start_year <= plan_year <= objective.plan_end_year:
                        summary.target_tally.count(_set_target(indicator, plan_year, Target.Kind.RENSTRA, None, value))
                        summary.targets += 1
                    elif (value.column, objective.pk) not in outside:
                        outside.add((value.column, objective.pk))
                        summary.warnings.append(_outside_plan(path, row, objective, plan_year, value))
                actuals = ([(None, row.actual, ACTUAL)] if not row.actual.empty else []) + [
                    (q, value, f"Realisasi TW{q}") for q, value in row.quarter_actuals.items()]
                told = _narrative_quarter(row)
                if (row.obstacles or row.solutions) and told is False:
                    summary.warnings.append(_narrative_unsaved(path, row))
                for quarter, value, column in actuals:
                    narrative = (row.obstacles, row.solutions) if quarter == told else ("", "")
                    outcome = _set_actual(path, row, indicator, year, quarter, value, user, column, *narrative)
                    if isinstance(outcome, BadCell):
                        errors.append(outcome)
                    else:
                        summary.actual_tally.count(outcome)
                    summary.actuals += 1
                if row.quarter_actuals and _against_annual_target(indicator, year):
                    quarters = ", ".join(f"TW {_ROMAN_OF[q]}" for q in sorted(row.quarter_actuals))
                    summary.against_annual.append(f"{indicator.code} {indicator.name} ({quarters})")
                if reading.plan:
                    change = _set_action_plan(indicator, year, row.activities)
                    summary.activities += len(row.activities)
                    summary.plan_change += change
            if errors:  # every locked actual of the file, not only the first; the transaction rolls back
                raise ImportFailed(path, errors)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return summary


def import_file(path: Path, office: Office, year: int, *, user: AbstractBaseUser | None = None,
                dry_run: bool = False, sheet: str | None = None, kind: str | None = None) -> Summary:
    """Read, check and save a file of indicators (from `sheet`, or the only sheet with a header);
    nothing is saved when any row is bad."""
    if not 2000 <= year <= 2100:
        raise KinerjaError(_("%(year)d is not a plausible year.") % {"year": year})
    reading = read_rows(Path(path), office, year, sheet, kind)
    return apply(Path(path), reading, office, year, user=user, dry_run=dry_run)


@dataclass(frozen=True)
class Guide:
    """The words the import reads in the Polaritas / Arah columns and before a value, taken from the very lists the
    parser uses, for the import page's guide and the template's Petunjuk sheet: what they list is what is read."""

    direction_headers: list[str]
    positive: list[str]
    negative: list[str]
    maintain: list[str]
    at_least: list[str]
    at_most: list[str]
    estimate: list[str]
    grades: list[str]

    def lines(self) -> list[str]:
        """The guide as lines of text (the template's Petunjuk sheet)."""
        return [
            _("Columns: Kode | Sasaran | Indikator | Satuan | Polaritas | Target | Realisasi | Bidang, optionally "
              "Target TW1…TW4 and Realisasi TW1…TW4. The header is row 1."),
            _("The polarity may stand in a Polaritas column or in a direction column headed %(headers)s.") % {
                "headers": ", ".join(self.direction_headers)},
            _("Higher is better: %(words)s. Lower is better: %(words_lower)s.") % {
                "words": ", ".join(self.positive), "words_lower": ", ".join(self.negative)},
            _("Not read, the row is refused: %(words)s (an indicator kept at its target); write Positif or "
              "Negatif.") % {"words": ", ".join(self.maintain)},
            _("Before a target, at least: %(least)s; at most: %(most)s (80, minimal 80 %%, maksimal 5 %%, "
              "Minimal BB, Maksimal BB).") % {"least": ", ".join(self.at_least), "most": ", ".join(self.at_most)},
            _("An estimate (%(marks)s, as in ± 85) is read as its number, with a warning.") % {
                "marks": ", ".join(self.estimate)},
            _("Numbers the Indonesian way: 1.725 (thousands), 65,5 (decimals), 85 %%, 85,5%%, 85 persen.") % {},
            _("Text targets (met or not met): %(grades)s.") % {"grades": "; ".join(self.grades)},
        ]


def guide() -> Guide:
    """The guide's words (Guide), from the parser's own lists."""
    positive = ["Positif", *sorted(w.capitalize() for w, p in POLARITY_WORDS.items() if p == "positif")]
    negative = ["Negatif", *sorted(w.capitalize() for w, p in POLARITY_WORDS.items() if p == "negatif")]
    return Guide(direction_headers=sorted(f'"{h.capitalize()}"' for h in DIRECTION_HEADERS),
                 positive=positive, negative=negative, maintain=sorted(w.capitalize() for w in MAINTAIN_WORDS),
                 at_least=list(AT_LEAST + MORE_THAN), at_most=list(AT_MOST + LESS_THAN), estimate=list(ESTIMATE_MARKS),
                 grades=[", ".join(scale) for scale in TEXT_SCALES])


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
    notes = book.create_sheet("Petunjuk")  # no header of data: the import never reads it
    for line in guide().lines():
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    book.save(path)
    return path
