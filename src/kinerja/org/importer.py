"""Import of an office's organisation from a spreadsheet (XLSX or CSV): units, positions, people and who
holds which position (definitive, Plt or Plh), and the empty template to fill.

One row is one holding: a unit (and the unit it lies under), a position in it (and the position above it),
and the person who holds it with their status and period. A row without a person is a vacant position; a
row with only a unit is a unit without positions yet. A Unit kerja written once (or merged down) holds for
the rows below it. The name and the NIP may share one cell (Nama/NIP, as a Daftar Urut Kepangkatan prints
them); a title over a group of rows, merged across the table (II. SEKRETARIAT) or written in the Unit kerja
alone that the row under it names again (BIDANG KOPERASI), is skipped and named; the row numbers and remarks
(No., Keterangan) are left out on purpose, apart from the columns whose header kinerja does not know, which
are named with a refusal as its likely cause. As a bezetting writes them: "Kosong" (or "-") in the Nama of
a vacant position and "-" in its other cells are nothing written; "Plt. Siti Aminah" in the Nama, or
Keterangan beginning "Plt. berdasarkan SK … No. 800/…", is a Plt holding (Keterangan read for that and
its decree number alone). The signature block under a table ("Bandar Lampung, 2 Januari 2026", the head's
post, name and NIP; or, without a place and date, the post, name, pangkat and "NIP. …" lines under the last
numbered row; or two posts side by side, the head of office's and the Sekretaris Daerah's, over their names;
or one head's post alone, the space to sign in, and a name with degrees or written in the table: _lone_signer)
ends it: nothing under it is read, and it is named; so is a row of totals ("JUMLAH … 8 orang").
A sheet without a column Unit kerja whose units are title rows over their people ("BIDANG KOPERASI", as a list kept
by hand has them, or "BIDANG P2P" with digits in its name) is read with each title the unit of the rows under it
(_section_title); a person above any title is refused, and so is a text alone in a column not read that is no
title (_lone_text): the rows under it would go under the unit titled above. A sheet without Unit induk places
its new units by their names (_place_by_name) and says which it could not; a Seksi of an office with several
Bidang that neither its name nor the grouping of rows places is refused, naming its rows
(_check_unplaced_sections): under which Bidang it lies cannot be told.
A Unit kerja written as a path of units, as SIMPEG exports it ("Subbagian Umum - Sekretariat - Dinas …", or
top-down with " / " or " > ", or with separators mixed), is the unit with its parents, each level a unit under
the next (_unit_path); one that reads as two different paths ("Sekretariat - Subbagian Umum / Seksi X": a name may
hold "-") is refused, naming both.
An Eselon column is kept on the position (an empty cell keeps what kinerja has; "-" or Non Eselon clears it); it
tells a head of unit from staff, a kind of position against it is said, and so is an eselon that does not fit the
level of the unit its post heads (a Kasi with eselon II: _levels_of_unit); two rows of one position with two
eselons are refused.

Three passes, as the other importers of kinerja: `_read` parses every cell and collects every bad one
(file, sheet, row as the spreadsheet shows it, column letter and header as written, value); `_check`
compares the rows with each other and with the office (unknown parent unit, a loop of units or of
superiors, one NIP for two people, two definitive holders of a single-holder position); only then
`import_file` saves, in one transaction, through the models' own rules (Assignment.clean), and rolls all
of it back on any refusal or on a dry run. Hand-written for the same reasons as performance/importer.py:
the spreadsheet's own row numbers and Indonesian headers, and every error at once. (The org app cannot
import that module: imports go org ← performance.)

What is matched, so that importing the same file again changes nothing: a unit by its name in the office,
a position by its title (or short title) within its unit, a person by NIP (staff without one, tenaga honorer
or a PPPK before their number: by the NIK or other ID of the column NIK/ID lain, else by their name in the
office; a NIP or ID written later for someone known by name alone is added to them), a holding by person, position
and status (the one whose period meets the row's). An empty cell keeps what kinerja has (a person's
e-mail, a holding's end date); the import adds and changes, never removes: a person who left is ended on
their row (Selesai) or in the admin.

kinerja has no superior field: a position's superiors are the heads of its unit and of the units above
(workflow.access.superiors_of). The Atasan column is therefore checked against the units, not stored: it
must name a head position of the row's unit or of a unit above it (a position outside the office, such as
Wali Kota, only for the head of office).

New people get an account whose username is their NIP (without one: made from their name, rina.wati; a NIK
is personal data, not a username) and which has no password yet (it cannot sign in): the office's
administrator gives them first passwords in the admin, all at once (People → the action "Give first
passwords"), or one by one on the person's page. The summary lists those accounts.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations, pairwise
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.dates import MONTHS, NONE_MARKS, parse_date
from kinerja.errors import BadCell, BadImportRow, ImportFailed, KinerjaError
from kinerja.spreadsheets import csv_rows, fill_merged

from .holding import plh_warning, plh_without_holder, plt_beside_holder, plt_warning, today_in
from .models import GRADES, RANK_OF_GRADE, Assignment, Office, Person, Position, Unit
from .nip import normalise_nip, validate_nip

# The columns: key → the template's header (document-format words, not translated text) and the other
# headers offices write for it, compared lower-case without punctuation.
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "unit": ("Unit kerja", ("unit", "unit organisasi", "nama unit", "nama unit kerja", "unit kerja bidang",
                            "bidang bagian", "satuan kerja")),
    "parent": ("Unit induk", ("induk", "unit atasan", "induk unit", "di bawah", "berada di bawah", "unit induk atasan",
                              "di bawah unit", "dibawah", "dibawah unit", "berada di bawah unit", "unit di atasnya")),
    "unit_kind": ("Jenis unit", ("tipe unit", "jenis unit kerja")),
    "position": ("Jabatan", ("nama jabatan", "jabatan struktural fungsional")),
    "position_kind": ("Jenis jabatan", ("tipe jabatan",)),
    # The position's eselon (II.b, III.a, IV.a; "-" or "Non Eselon" for staff), as a bezetting or SIMPEG lists it:
    # kept on the position; it tells a head of unit from staff and is checked against the kind of position and
    # the level of its unit.
    "echelon": ("Eselon", ("esl", "eselon jabatan", "tingkat eselon")),
    "superior": ("Atasan (jabatan)", ("atasan", "atasan langsung", "jabatan atasan", "atasan langsung jabatan",
                                      "jabatan atasan langsung")),
    "name": ("Nama", ("nama lengkap", "nama pegawai", "nama lengkap dan gelar", "nama dan gelar", "nama pejabat",
                      "nama lengkap gelar")),
    "nip": ("NIP", ("nip nrp", "nomor induk pegawai", "nip pegawai", "no nip", "nip baru", "nip 18 digit")),
    # SIMPEG keeps the degrees apart from the name ("Dr. Ir. H.", "Ahmad Fauzi", "M.Si."): joined into the name.
    "title_before": ("Gelar depan", ("gelar dpn", "gelar depan nama")),
    "title_after": ("Gelar belakang", ("gelar blk", "gelar blkg", "gelar belakang nama")),
    # The name with the NIP under it in one cell, as a Daftar Urut Kepangkatan prints them ("Budi\nNIP. 1970…").
    "name_nip": ("Nama/NIP", ("nama nip", "nama dan nip", "nama lengkap nip", "nama nip pegawai", "nama pegawai nip",
                              "nama gelar nip", "nama lengkap dan nip", "nama lengkap gelar nip")),
    # Staff without a NIP: their NIK, a PPPK's or an honorary worker's number, the office's own number.
    "other_id": ("NIK/ID lain", ("nik", "no nik", "nomor nik", "nik ktp", "no ktp", "nomor ktp", "id lain",
                                 "id", "nomor induk lain", "ni pppk", "nomor pppk", "nomor pegawai", "no pegawai",
                                 "nomor honorer", "no honorer", "nrptt", "nik id", "nik no pegawai")),
    "grade": ("Pangkat/Golongan", ("pangkat gol", "pangkat", "golongan", "gol", "gol ruang", "pangkat gol ruang",
                                   "golongan ruang", "pangkat golongan ruang")),
    "email": ("E-mail", ("email", "surel", "alamat e mail", "alamat email", "e mail surel")),
    "status": ("Status (definitif/Plt/Plh)", ("status", "status jabatan", "jenis penugasan", "kedudukan",
                                             "status definitif plt plh")),
    "decree": ("Nomor SK", ("no sk", "sk", "nomor surat keputusan", "no sk plt plh", "nomor sk plt plh",
                            "nomor sk pengangkatan")),
    "start": ("Mulai", ("tmt", "tanggal mulai", "mulai tanggal", "tmt jabatan", "dari", "sejak", "mulai tmt")),
    "end": ("Selesai", ("sampai", "tanggal selesai", "sampai dengan", "s d", "berakhir", "akhir", "sampai tanggal",
                        "tanggal berakhir", "tmt berakhir", "akhir jabatan", "selesai tanggal")),
}
HEADER_SEARCH_ROWS = 30
UNIT_KINDS = {  # what the Jenis unit column may say
    "kantor": Unit.Kind.OFFICE, "dinas": Unit.Kind.OFFICE, "badan": Unit.Kind.OFFICE, "opd": Unit.Kind.OFFICE,
    "sekretariat": Unit.Kind.SECRETARIAT, "subbagian": Unit.Kind.SUBSECTION, "sub bagian": Unit.Kind.SUBSECTION,
    "subbag": Unit.Kind.SUBSECTION, "bidang": Unit.Kind.DIVISION, "seksi": Unit.Kind.SECTION,
    "upt": Unit.Kind.SECTION, "uptd": Unit.Kind.SECTION,
}
POSITION_KINDS = {  # what the Jenis jabatan column may say
    "kepala opd": Position.Kind.HEAD, "kepala dinas": Position.Kind.HEAD, "kepala kantor": Position.Kind.HEAD,
    "kepala badan": Position.Kind.HEAD, "sekretaris": Position.Kind.SECRETARY, "kepala unit": Position.Kind.UNIT_HEAD,
    "staf": Position.Kind.STAFF, "pelaksana": Position.Kind.STAFF, "jfu": Position.Kind.STAFF,
    "fungsional": Position.Kind.STAFF, "pengelola data": Position.Kind.DIVISION_CONTACT,
    "pengelola data bidang": Position.Kind.DIVISION_CONTACT, "kontak data": Position.Kind.DIVISION_CONTACT,
    # As SIMPEG and a bezetting write it: a structural post heads a unit (which head, the title and unit say);
    # a fungsional tertentu or pelaksana post is staff.
    # "Jabatan …" before it is read without it (_choice): "Jabatan Pimpinan Tinggi Pratama" as "pimpinan".
    "struktural": "structural", "jpt": "structural", "pimpinan": "structural", "administrator": "structural",
    "pengawas": "structural", "jft": Position.Kind.STAFF,
}
STRUCTURAL = "structural"  # Jenis jabatan "Struktural": a head position, its kind read from the title and unit
# Eselon as written: "II.b", "III/a", "IV a", "Eselon IV.b", "IIIa"; staff have none.
_ECHELON_RE = re.compile(r"(?:(?:eselon|esel|esl|ess|es)\.?\s*)?(IV|III|II|I|V|[1-5])\s*[./\-]?\s*([ab])?", re.IGNORECASE)
_ROMAN_LEVEL = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V"}  # "4a", as a list written in haste has it
NON_ECHELON = "-"  # Row.echelon of a post written as having none ("-", "Non Eselon")
# The levels that replace the eselon in the ASN law (UU 5/2014), as newer lists write them in its column.
_ECHELON_OF_LEVEL = {"jpt utama": "I", "jpt madya": "I", "jpt pratama": "II", "pimpinan tinggi pratama": "II",
                     "jabatan pimpinan tinggi pratama": "II", "administrator": "III", "jabatan administrator": "III",
                     "pengawas": "IV", "jabatan pengawas": "IV"}
_NON_ECHELON_MARKS = {"non eselon", "noneselon", "non", "tidak ada", "bukan eselon", "tanpa eselon", "jft", "jfu",
                      "pelaksana", "fungsional", "staf", "staff", "non struktural", "nonstruktural", "0"}
# The first words (after "Jabatan") of the long forms an Eselon column holds for a post without one, as the
# column Jenis jabatan writes them: "Fungsional Tertentu", "Jabatan Fungsional Umum", "Jabatan Pelaksana".
_NON_ECHELON_FIRST_WORDS = {"fungsional", "pelaksana", "non", "jft", "jfu"}
STATUSES = {"definitif": Assignment.Kind.DEFINITIVE, "def": Assignment.Kind.DEFINITIVE,
            "plt": Assignment.Kind.PLT, "pelaksana tugas": Assignment.Kind.PLT,
            "plh": Assignment.Kind.PLH, "pelaksana harian": Assignment.Kind.PLH}
_GRADE_RE = re.compile(r"\b(IV|III|II|I)\s*[/\-.]?\s*([a-e])\b", re.IGNORECASE)
# "Plt. Kepala Dinas" written in the Jabatan column: the position is Kepala Dinas, held as Plt.
_ACTING_TITLE_RE = re.compile(r"(plt|plh)\.?\s+(?=\S)", re.IGNORECASE)
_RANKS = {rank.lower(): grade for grade, rank in GRADES}
# What a bezetting writes in the Nama of a vacant position, and in its other cells of a person ("-").
VACANT_MARKS = {"kosong", "lowong", "vakum", "vacant", "belum ada", "belum terisi", "tidak ada", "formasi kosong"}
_PERSON_KEYS = ("name", "nip", "other_id", "name_nip", "grade", "email")
# "Plt. berdasarkan SK Walikota No. 800/112/KPTS/2025" in Keterangan: the holding's status and its decree.
# "Plt." in Keterangan says this row's holding only when a decree or nothing follows it ("Plt. berdasarkan SK …",
# "Plt, SK No. …", "Plt."); "Plt. Sekretaris Dinas, SK No. …" beside a Kabid is another position he acts in.
_ACTING_REMARK_RE = re.compile(r"\s*(plt|plh)\b\.?\s*(?:$|[,:;(]|(?:berdasarkan|sesuai|dengan|dgn|sk|no|nomor|"
                               r"keputusan|kep)\b)", re.IGNORECASE)
_DECREE_IN_TEXT_RE = re.compile(
    r"(?:\bno(?:mor)?\b\.?\s*:?\s*|\bsk\b\D*?)([0-9][0-9A-Za-z./\-]*/[0-9A-Za-z./\-]*[0-9A-Za-z])", re.IGNORECASE)
# The first line of the signature block under a table: "Bandar Lampung, 2 Januari 2026" (the day may be left
# blank to write by hand), or "Mengetahui," over it.
_SIGNED_AT_RE = re.compile(r"[^\W\d][^\d,]*,\s*(?:\d{1,2}\s+)?([a-z]+)\.?\s+\d{4}", re.IGNORECASE)
# The same line with the date in figures ("Bandar Lampung, 02-01-2026"), its day and month left as dots to fill
# by hand ("Bandar Lampung, ....... 2026"), or the place alone in one cell with the date beside it (an Excel date).
_SIGNED_AT_FIGURES_RE = re.compile(r"[^\W\d][^\d,]*,\s*(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|[.…_ ]{3,}\d{4})",
                                   re.IGNORECASE)
_PLACE_RE = re.compile(r"[^\W\d][^\d,]*,")
_DATE_RE = re.compile(r"(?:\d{1,2}\s+)?([a-z]+)\.?\s+\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}", re.IGNORECASE)
_SIGNATURE_WORDS = {"mengetahui", "menyetujui", "disahkan oleh", "ditetapkan di"}
# A Unit Kerja written as a path of units, as SIMPEG exports it: "Subbagian Umum - Sekretariat - Dinas …", or
# top-down "Dinas … / Sekretariat / Subbagian Umum". Each level is known by its first word, and its depth by that
# word: the office (0), a unit under it (1), a unit under those (2); the government above the office (-1) is no
# unit of it and is left out.
_PATH_SEPARATORS = (" - ", " – ", " — ", " > ", " » ", "/", ">", "»", ";", ",")
_LEVEL_DEPTHS = ((r"pemerintah (kota|kabupaten|kab|provinsi|daerah)", -1),
                 (r"(dinas|badan|kantor|inspektorat|satuan|kecamatan|sekretariat daerah|sekretariat dprd)", 0),
                 (r"(sekretariat|bidang|upt|uptd|kelurahan|desa)", 1),
                 (r"(sub ?bagian|subbag|seksi|sub ?bidang)", 2))  # each a kind _unit_kind_from_name knows


def _normal(label: object) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(label or "").lower()).split())


_SYNONYMS = {_normal(header): key for key, (header, others) in COLUMNS.items() for header in (header, *others)}
# Words offices shorten in headers ("Tgl. Berakhir", "No. SK"), and the letters some spread out ("N I P",
# "N.I.P."), compared as written out.
_HEADER_WORDS = {"tgl": "tanggal", "tanggal": "tanggal", "no": "nomor"}


# Columns an office keeps beside the data, for its own use: the row's number and a remark. Not read, on
# purpose; named apart from the columns not read, which may hold data kinerja missed (a header not known).
IGNORED_HEADERS = {"no", "nomor", "no urut", "nomor urut", "urut", "nmr", "keterangan", "ket", "keterangan lain",
                   "keterangan tambahan", "catatan", "cat", "catatan keterangan", "keterangan catatan", "remarks",
                   "note", "notes"}


def _ignored_header(label: str) -> bool:
    """A numbering or remark column ("No.", "Nomor", "Ket.", "Catatan"), or one headed by a sign alone ("#")."""
    normal = _normal(label)
    return not normal or normal in IGNORED_HEADERS


def _column_key(label: str) -> str | None:
    """The column a header names: as written, with its letters spread out joined ("N I P"), or with its
    shortened words written out ("Tgl. Berakhir")."""
    normal = _normal(label)
    words = normal.split()
    tries = [normal]
    if len(words) > 1 and all(len(w) == 1 for w in words):
        tries.append("".join(words))
    tries.append(" ".join(_HEADER_WORDS.get(w, w) for w in words))
    return next((_SYNONYMS[t] for t in tries if t in _SYNONYMS), None)


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()  # an Excel date cell: openpyxl reads it as midnight of that day
    if isinstance(value, dt.date):
        # As the office typed it and the template's date cells show it, in an error naming the cell.
        return f"{value:%d/%m/%Y %H.%M}" if isinstance(value, dt.datetime) else f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _key(name: str) -> str:
    return " ".join(name.lower().split())


# --- reading the file -----------------------------------------------------------------------------

@dataclass
class Table:
    sheet: str  # "" for a CSV file
    rows: list[tuple[int, list[object]]]  # (row number as the spreadsheet shows it, values)
    hidden: set[int] = field(default_factory=set)  # rows hidden in Excel (people who left, kept out of view)


def _sniff(path: Path) -> None:
    if not path.exists():
        raise KinerjaError(_("%(file)s does not exist.") % {"file": path})
    with path.open("rb") as f:
        head = f.read(8)
    if not head:
        raise KinerjaError(_("%(file)s is empty.") % {"file": path.name})
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise KinerjaError(_("%(file)s is an Excel 97-2003 (.xls) file or a password-protected workbook. Open it "
                             "in Excel, remove the password and save it as \"Excel Workbook (.xlsx)\".")
                           % {"file": path.name})


def _xlsx_tables(path: Path, sheet_name: str | None = None) -> Iterator[Table]:
    from openpyxl import load_workbook

    try:
        # Not read-only: merged cells are needed (a Unit kerja merged down over its positions).
        book = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise KinerjaError(_("%(file)s is damaged or not an XLSX file; open it in Excel and save it again as "
                             "\"Excel Workbook (.xlsx)\" (%(error)s).")
                           % {"file": path.name, "error": type(e).__name__}) from e
    sheets = book.worksheets
    if sheet_name:
        # The sheet asked for, hidden or not: spaces and case as the user may type them.
        sheets = [sheet for sheet in book.worksheets if _key(sheet.title) == _key(sheet_name)]
        if not sheets:
            raise KinerjaError(_("%(file)s has no sheet “%(sheet)s”. Its sheets: %(sheets)s.") % {
                "file": path.name, "sheet": sheet_name,
                "sheets": ", ".join(f"“{sheet.title}”" for sheet in book.worksheets)})
    for sheet in sheets:
        if sheet.sheet_state != "visible" and not sheet_name:
            continue
        grid: dict[int, list[object]] = {}
        for cells in sheet.iter_rows():
            if cells:
                grid[cells[0].row] = [cell.value for cell in cells]
        # A merged cell holds its value in its top-left cell only; every cell it covers shows it.
        fill_merged(grid, sheet.merged_cells.ranges)
        hidden = {r for r, dimension in sheet.row_dimensions.items() if dimension.hidden}
        yield Table(sheet.title, sorted(grid.items()), hidden)


def _csv_tables(path: Path) -> Iterator[Table]:
    yield Table("", [(number, list(values)) for number, values in csv_rows(path, sniff_lines=HEADER_SEARCH_ROWS)])


def sheet_names(path: Path | str) -> list[str]:
    """The sheets of a workbook, visible ones, in their order (none for a CSV file or a damaged one): what
    the import page offers to choose from."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        return []
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return []
    try:
        return [sheet.title for sheet in book.worksheets if sheet.sheet_state == "visible"]
    finally:
        book.close()


def _tables(path: Path, sheet: str | None = None) -> Iterator[Table]:
    _sniff(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        yield from _xlsx_tables(path, sheet)
    elif suffix in (".csv", ".txt"):  # .txt: Excel's "Unicode text", tab-separated UTF-16
        if sheet:
            raise KinerjaError(_("%(file)s is a CSV file, which has no sheets: leave the sheet empty.")
                               % {"file": path.name})
        yield from _csv_tables(path)
    else:
        raise KinerjaError(_("%(file)s: kinerja imports the organisation from an .xlsx or .csv file (or Excel's "
                             "Unicode text, .txt).") % {"file": path.name})


@dataclass
class Header:
    number: int
    columns: dict[str, int]  # key → column index
    labels: dict[str, str]  # key → "C (NIP)": the column's letter and its header as written
    unread: list[str]  # headers not read, as "H (Status Kepegawaian)": data kinerja may have missed
    ignored: list[str]  # numbering and remarks, not read on purpose, as "A (No.)" (IGNORED_HEADERS)
    remark: tuple[int, str] | None = None  # Keterangan: (index, "H (KETERANGAN)"), read only for "Plt."/"Plh."
    # The Keterangan column, named apart from the ignored ones: read, but only for a Plt./Plh. and its decree number.
    partly_read: list[str] = field(default_factory=list)
    # No column Unit kerja: each unit is a title row over its people ("BIDANG KOPERASI"), as a list kept by hand
    # has it (_section_title).
    units_from_titles: bool = False


def _find_header(table: Table) -> Header | None:
    """The header row: the one with the column Unit kerja and the most columns kinerja knows; failing any, one
    with Jabatan and a column of the person, whose units are title rows over their people (units_from_titles)."""
    best: Header | None = None
    fallback: Header | None = None
    for number, values in table.rows[:HEADER_SEARCH_ROWS]:
        columns: dict[str, int] = {}
        labels: dict[str, str] = {}
        unread: list[str] = []
        ignored: list[str] = []
        for index, value in enumerate(values):
            label = _text(value)
            key = _column_key(label)
            if key and key not in columns:
                columns[key], labels[key] = index, f"{_letter(index)} ({label})"
            elif label:
                (ignored if _ignored_header(label) else unread).append(f"{_letter(index)} ({label})")
        if "unit" in columns and len(columns) >= 2 and (best is None or len(columns) > len(best.columns)):
            remark = next(((index, f"{_letter(index)} ({_text(value)})") for index, value in enumerate(values)
                           if _normal(_text(value)).split(" ")[0] in ("keterangan", "ket")), None)
            partly_read = []
            if remark and remark[1] in ignored:
                ignored.remove(remark[1])
                partly_read.append(remark[1])
            best = Header(number, columns, labels, unread, ignored, remark, partly_read)
        elif (best is None and fallback is None and "position" in columns
              and {"name", "nip", "name_nip"} & columns.keys()):
            fallback = Header(number, columns, labels, unread, ignored, units_from_titles=True)
    return best or fallback


@dataclass
class Cell:
    value: str
    column: str  # "C (NIP)"


@dataclass
class Row:
    path: Path
    sheet: str
    number: int
    cells: dict[str, Cell]
    # Parsed values
    unit: str = ""
    parent: str = ""
    # The units above the unit when the Unit kerja is a path ("Subbagian Umum - Sekretariat - Dinas …"),
    # nearest first: ["Sekretariat", "Dinas …"] (_unit_path)
    chain: list[str] = field(default_factory=list)
    unit_kind: str = ""
    position: str = ""
    position_kind: str = ""
    echelon: str = ""  # "III.a", NON_ECHELON, or "" when not written
    superior: str = ""
    name: str = ""
    nip: str = ""
    other_id: str = ""
    grade: str = ""
    email: str = ""
    status: str = Assignment.Kind.DEFINITIVE
    decree: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    identity: str = ""  # own_identity, or that of the person's row with a NIP or ID (_check)
    unit_only: bool = False  # nothing written but the Unit kerja: a unit without positions yet, or a title
    # The row's sheet has no column Unit induk, or it is empty on every row: a new unit's parent is read from
    # the names of the units (_place_by_name).
    parent_unwritten: bool = False
    # The row's table is grouped by unit: titles over groups of rows, or a Unit kerja written once over its rows
    # (_place_by_name reads the order of such a table's rows).
    grouped: bool = False

    def bad(self, key: str, problem: str) -> BadCell:
        cell = self.cells.get(key)
        column = cell.column if cell else COLUMNS[key][0]
        return BadCell(self.path, self.sheet, self.number, column, problem)

    def where(self) -> str:
        return (_("sheet %(sheet)s, row %(row)d") % {"sheet": self.sheet, "row": self.number} if self.sheet
                else _("row %(row)d") % {"row": self.number})

    def own_identity(self) -> str:
        """Who the row's person is, for the rows of one file and against kinerja: the NIP; for staff
        without one (tenaga honorer, a PPPK before their number) the NIK or other ID in the office; failing
        both, the name in the office."""
        if self.nip:
            return f"nip:{self.nip}"
        if self.other_id:
            return f"id:{self.other_id}"
        return f"name:{_key(self.name)}" if self.name else ""

    @property
    def id_key(self) -> str:
        """The column that tells the person apart, to name in an error."""
        return "nip" if self.nip else "other_id" if self.other_id else "name"

    @property
    def id_value(self) -> str:
        return self.nip or self.other_id or self.name


def _held_as(row: Row, word: str, status: str, key: str, value: str, problem: str, errors: list[BadImportRow],
             cell: Cell | None = None) -> str:
    """"Plt" or "Plh" (`word`) written in the row's `key` cell (`value`: the Jabatan, the Nama, the Keterangan)
    says how its person holds the position: the row's status. A Status column that says otherwise (`status`) is
    refused at that cell with `problem` (%(acting)s, %(status)s); `cell` is the cell to name there where the row
    has none of its own (Keterangan). Returns the status as written now."""
    written = STATUSES[word.lower()]
    if status and row.status != written:
        if cell is not None:
            row.cells[key] = cell
        errors.append(row.bad(key, _value_problem(value, problem % {"acting": word, "status": status})))
    row.status = written
    return status or word


def _value_problem(value: str, problem: str) -> str:
    return _("“%(value)s” %(problem)s") % {"value": value, "problem": problem}


def _nip(raw: object, row: Row, errors: list[BadImportRow]) -> str:
    """The NIP of a cell. Excel keeps 15 significant digits of a number: an 18-digit NIP typed into a cell
    formatted as a number ends in 000 (1,97504E+17 on screen) and cannot be told back."""
    if isinstance(raw, bool) or raw is None:
        return ""
    if isinstance(raw, int | float):
        digits = f"{int(raw)}" if float(raw).is_integer() else _text(raw)
        if len(digits) != 18 or digits.endswith("000"):
            errors.append(row.bad("nip", _value_problem(digits, _(
                "was stored by Excel as a number and has lost digits (Excel keeps only 15). Format the NIP column "
                "as Text and type the NIP again, or type it with its spaces as printed (19750427 199311 2 001)."))))
            return ""
        return digits
    text = _text(raw)
    # The ways a NIP is kept as text on its way out of Excel or a web application: '19680512… (typed with an
    # apostrophe) and ="19680512…" (a CSV written so that Excel opens it as text).
    if found := re.fullmatch(r"=\s*\"(.*)\"|'(.*)", text):
        text = (found[1] if found[1] is not None else found[2]).strip()
    if re.fullmatch(r"\d[.,]\d+e\+?\d+", text.lower()):
        errors.append(row.bad("nip", _value_problem(text, _(
            "is a number in scientific notation: Excel has lost the NIP's last digits. Format the NIP column as "
            "Text and type the NIP again."))))
        return ""
    nip = normalise_nip(text.removeprefix("NIP").removeprefix("NIP.").strip())
    if re.fullmatch(r"\d{15}000", nip):
        # No NIP ends in 000 (its last three digits count from 001): an 18-digit NIP Excel had as a number,
        # written out (a CSV saved from it, a cell formatted "0") with its last three digits lost.
        errors.append(row.bad("nip", _value_problem(text, _(
            "ends in 000, which no NIP does: Excel stored it as a number and lost its last digits (it keeps only "
            "15). Format the NIP column as Text and type the NIP again."))))
        return ""
    try:
        validate_nip(nip)
    except ValidationError as e:
        errors.append(row.bad("nip", " ".join(e.messages)))
        return ""
    return nip


def _other_id(raw: object, row: Row, errors: list[BadImportRow]) -> str:
    """A NIK or another number of a person without a NIP. A 16-digit NIK typed into a cell formatted as a
    number has lost its last digit (Excel keeps 15), as a NIP does."""
    if isinstance(raw, bool) or raw is None:
        return ""
    if isinstance(raw, int | float):
        digits = f"{int(raw)}" if float(raw).is_integer() else _text(raw)
        if len(digits) > 15:
            errors.append(row.bad("other_id", _value_problem(digits, _(
                "was stored by Excel as a number and may have lost digits (Excel keeps only 15). Format the "
                "column as Text and type the number again."))))
            return ""
        return digits
    text = "".join(_text(raw).split())
    if re.fullmatch(r"\d[.,]\d+e\+?\d+", text.lower()):
        errors.append(row.bad("other_id", _value_problem(text, _(
            "is a number in scientific notation: Excel has lost its last digits. Format the column as Text and "
            "type the number again."))))
        return ""
    if len(text) > 30 or not re.fullmatch(r"[0-9A-Za-z./\-]*", text):
        errors.append(row.bad("other_id", _value_problem(text, _(
            "is not a NIK or staff number: at most 30 letters, digits, dots, slashes or hyphens."))))
        return ""
    return text


def _rank_written(text: str) -> str:
    """The pangkat of a cell without its golongan, compared as GRADES write it: "Penata Tk. I (III/d)" →
    "penata tingkat i"."""
    return " ".join({"tk": "tingkat"}.get(w, w) for w in _normal(_GRADE_RE.sub(" ", text)).split())


def _grade(text: str, row: Row, errors: list[BadImportRow]) -> str:
    """Golongan "III/a", "III a", "Penata Muda (III/a)" or the pangkat alone ("Penata Muda")."""
    if not text:
        return ""
    found = _GRADE_RE.search(text)
    grade = f"{found[1].upper()}/{found[2].lower()}" if found else ""
    rank_written = _rank_written(text)
    if grade and grade not in RANK_OF_GRADE:
        grade = ""
    if not grade and rank_written in _RANKS:
        return _RANKS[rank_written]
    if not grade:
        errors.append(row.bad("grade", _value_problem(text, _(
            "is not a golongan of the civil service (I/a … IV/e) or its pangkat (Penata Muda). Leave it empty "
            "for staff without one."))))
        return ""
    if rank_written and rank_written in _RANKS and _RANKS[rank_written] != grade:
        errors.append(row.bad("grade", _value_problem(text, _("names the pangkat of %(other)s, not of %(grade)s.") % {
            "other": _RANKS[rank_written], "grade": grade})))
    return grade


def _date(raw: object, key: str, row: Row, errors: list[BadImportRow]) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = _text(raw)
    if isinstance(raw, int | float) and not isinstance(raw, bool) or re.fullmatch(r"\d{5}", text):
        # An Excel date as its serial number (a cell formatted as a number, or a CSV written from one):
        # 45293 is 2 January 2024. Five digits cover 1927 to 2173.
        serial = float(text) if text.replace(".", "", 1).isdigit() else 0
        if 10000 <= serial < 100000:
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(serial))
    try:
        return parse_date(text)
    except ValueError as e:
        errors.append(row.bad(key, _value_problem(text, str(e))))
        return None


def _echelon(text: str, row: Row, errors: list[BadImportRow]) -> str:
    """Eselon "II.b", "III/a", "IV a", "4a", "Eselon IV.b", "Ess. IV/a" → "II.b", "IV.a"; "-", "Non Eselon",
    "Fungsional Tertentu" or "Jabatan Pelaksana" → NON_ECHELON."""
    if not text:
        return ""
    normal = _normal(text)
    short = normal.removeprefix("jabatan ")  # "Jabatan Fungsional Tertentu", as SIMPEG writes a kind of post
    if text in NONE_MARKS or normal in _NON_ECHELON_MARKS or short in _NON_ECHELON_MARKS or (
            short.split(" ")[0] in _NON_ECHELON_FIRST_WORDS):
        return NON_ECHELON
    if normal in _ECHELON_OF_LEVEL:
        return _ECHELON_OF_LEVEL[normal]
    found = _ECHELON_RE.fullmatch(text.strip())
    if found is None:
        errors.append(row.bad("echelon", _value_problem(text, _(
            "is not an eselon: II.a, II.b, III.a, III.b, IV.a, IV.b, or “-” or Non Eselon for a post without one."))))
        return ""
    level = _ROMAN_LEVEL.get(found[1], found[1].upper())
    return f"{level}.{found[2].lower()}" if found[2] else level


def _choice(text: str, choices: dict[str, str], key: str, row: Row, errors: list[BadImportRow], hint: str) -> str:
    if not text:
        return ""
    found = choices.get(_normal(text).removesuffix(" ybs"))
    if found is None:
        # "Fungsional Tertentu", and "Jabatan Fungsional Tertentu" as SIMPEG writes the kind of a position
        found = choices.get(_normal(text).removeprefix("jabatan ").split(" ")[0])
    if found is None:
        errors.append(row.bad(key, _value_problem(text, hint)))
        return ""
    return found


_NIP_IN_TEXT_RE = re.compile(r"(?:\bNIP\b[.:]?\s*)?(\d[\d ]{16,}\d|\d[.,]\d+E\+?\d+)", re.IGNORECASE)


def _split_name_nip(text: str) -> tuple[str, str]:
    """"Drs. Budi Santoso NIP. 19700101 199503 1 001" (a cell Nama/NIP, its lines joined) → the name and the
    NIP as written; the NIP is checked as the column NIP's is."""
    found = _NIP_IN_TEXT_RE.search(text)
    if found is None:
        return text.strip(" ,;/-"), ""
    name = f"{text[:found.start()]} {text[found.end():]}"
    return " ".join(name.split()).strip(" ,;/-"), found[1]


@dataclass
class Reading:
    """What _read found in a file."""

    rows: list[Row] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # the columns not read (headers not known)
    ignored: list[str] = field(default_factory=list)  # the numbering and remark columns, not read on purpose
    remarks: list[str] = field(default_factory=list)  # the Keterangan columns, read only for a Plt./Plh. and its SK
    hidden: list[str] = field(default_factory=list)  # the rows hidden in Excel, not read either
    titles: list[str] = field(default_factory=list)  # the rows of a title merged across ("II. SEKRETARIAT")
    signatures: list[str] = field(default_factory=list)  # the signature blocks under a table, not read
    totals: list[str] = field(default_factory=list)  # the rows of totals ("JUMLAH … 25 orang"), not read
    without_people: list[str] = field(default_factory=list)  # sheets with no column of a person (Nama, NIP …)
    without_hierarchy: list[str] = field(default_factory=list)  # sheets with neither Unit induk nor Atasan
    # (sheet, "F (ATASAN LANGSUNG)"): the columns Unit induk and Atasan a sheet has when no row of it writes in
    # either: the sheet places no unit, as one without them
    empty_hierarchy: list[tuple[str, str]] = field(default_factory=list)
    errors: list[BadImportRow] = field(default_factory=list)  # the bad cells


def _read(path: Path, sheet: str | None = None) -> Reading:
    """Every row of every visible sheet with a header (or of the one `sheet`), parsed."""
    reading = Reading()
    rows, unread, ignored, hidden, errors = (reading.rows, reading.unread, reading.ignored, reading.hidden,
                                             reading.errors)
    closest = 0
    for table in _tables(path, sheet):
        header = _find_header(table)
        if header is None:
            continue
        closest += 1
        unread += [f"{table.sheet}: {u}" if table.sheet else u for u in header.unread]
        ignored += [f"{table.sheet}: {u}" if table.sheet else u for u in header.ignored]
        reading.remarks += [f"{table.sheet}: {u}" if table.sheet else u for u in header.partly_read]
        if not {"name", "nip", "other_id", "name_nip"} & header.columns.keys():
            reading.without_people.append(table.sheet or path.name)
        if not {"parent", "superior"} & header.columns.keys():
            reading.without_hierarchy.append(table.sheet or path.name)
        unit, chain, unit_text = "", [], ""
        first, titles = len(rows), len(reading.titles)
        carried = False  # a Unit kerja written once holds for rows under it with the cell empty
        hierarchy_written = False  # a row names its parent unit or its superior
        parent_written = False  # a row names its parent unit
        section, section_row, last_section_row = "", 0, 0  # the unit titled over the rows (units_from_titles)
        block = _signature_block(table, header)
        if block is None:
            block = _signers_by_title(table, header)
        for number, values in table.rows:
            if number <= header.number:
                continue
            if _signature_line(values) or block is not None and number >= block:
                # The signature block under the table (place and date, the head's post, name and NIP): the
                # table ends here; nothing under it is read.
                last = table.rows[-1][0]
                where = (_("sheet %(sheet)s, rows %(rows)s") % {"sheet": table.sheet, "rows": f"{number}–{last}"}
                         if table.sheet else _("rows %(rows)s") % {"rows": f"{number}–{last}"})
                reading.signatures.append(f"{where} ({next(_text(v) for v in values if _text(v))})")
                break
            if _total_line(values):
                # "JUMLAH" (or "Jumlah Sekretariat") and the count of people or posts: not a unit and a person.
                where = (_("sheet %(sheet)s, row %(row)d") % {"sheet": table.sheet, "row": number} if table.sheet
                         else _("row %(row)d") % {"row": number})
                reading.totals.append(f"{where} ({next(_text(v) for v in values if _text(v))})")
                continue
            if header.units_from_titles and (title := _section_title(values)):
                # "BIDANG KOPERASI" over its people: the unit of the rows under it, as if written once over them.
                section, section_row = title, number
                continue
            raw = {key: values[index] if index < len(values) else None for key, index in header.columns.items()}
            texts = {key: _text(value) for key, value in raw.items()}
            for key in _PERSON_KEYS + ("status", "decree", "title_before", "title_after"):
                # "Kosong" in the Nama of a vacant position, "-" in its NIP and Pangkat: nothing written.
                # "0" in a Gelar column: the value of a formula over an empty cell, as an export writes it.
                if key in texts and (texts[key] in NONE_MARKS or key in ("name", "name_nip")
                                     and _normal(texts[key]) in VACANT_MARKS
                                     or key in ("title_before", "title_after") and texts[key] == "0"):
                    raw[key], texts[key] = None, ""
            if not any(texts.values()):
                if header.units_from_titles and (lone := _lone_text(values, header)):
                    # A text alone in a column not read (No.) that is no title of a unit: the rows under it
                    # would go silently under the unit titled above, so it is refused, naming it.
                    index, text = lone
                    column = next((label for label in header.ignored + header.partly_read + header.unread
                                   if label.startswith(f"{_letter(index)} (")), _letter(index))
                    errors.append(BadCell(path, table.sheet, number, column, _value_problem(text, _(
                        "stands alone on its row but is not the title of a unit over its people: its first word "
                        "is no kind of unit (Dinas, Sekretariat, Bidang, Subbagian, Seksi, UPT …). Write the "
                        "title with the kind of unit (“BIDANG P2P”, “UPT Puskesmas 2”), or remove the row."))))
                continue
            if number in table.hidden:
                hidden.append(_("sheet %(sheet)s, row %(row)d") % {"sheet": table.sheet, "row": number})
                continue
            if all(_column_key(texts[k]) for k in texts if texts[k]):
                continue  # the header printed again on the next page
            if all(re.fullmatch(r"\(?\d{1,2}\)?", t) for t in texts.values() if t):
                continue  # the row of column numbers under a header
            filled = [t for t in texts.values() if t]
            if len(filled) > 1 and len(set(filled)) == 1:
                # A title merged across the columns ("II. SEKRETARIAT"), over the rows of a group: every cell
                # shows it (fill_merged). Not a unit named as its own position, parent and person.
                where = (_("sheet %(sheet)s, row %(row)d") % {"sheet": table.sheet, "row": number} if table.sheet
                         else _("row %(row)d") % {"row": number})
                reading.titles.append(f"{where} ({filled[0]})")
                continue
            hierarchy_written = hierarchy_written or bool(texts.get("parent") or texts.get("superior"))
            parent_written = parent_written or bool(texts.get("parent"))
            cells = {key: Cell(texts[key], header.labels[key]) for key in header.columns}
            if header.units_from_titles:
                texts["unit"] = section if section_row > last_section_row else ""
                last_section_row = section_row
                cells["unit"] = Cell(texts["unit"], _("%(column)s (title on row %(row)d)") % {
                    "column": COLUMNS["unit"][0], "row": section_row} if section_row else COLUMNS["unit"][0])
            if "name_nip" in texts:
                # One cell for both: each read as if in its own column, an error naming the cell as written.
                name, nip = _split_name_nip(texts["name_nip"])
                for key, value in (("name", name), ("nip", nip)):
                    if key not in header.columns:
                        raw[key], texts[key] = value, value
                        cells[key] = Cell(value, header.labels["name_nip"])
            row = Row(path, table.sheet, number, cells)
            remark = _text(values[header.remark[0]]) if header.remark and header.remark[0] < len(values) else ""
            # A Unit kerja written once holds for the rows below it (or merged down over them).
            if texts.get("unit"):
                unit_text = texts["unit"]
                try:
                    unit, chain = _unit_path(unit_text)
                except AmbiguousPath as e:
                    errors.append(row.bad("unit", _value_problem(unit_text, str(e))))
                    unit, chain = unit_text, []
            else:
                carried = carried or bool(unit)
            row.unit, row.chain = unit, list(chain)
            if not row.unit and header.units_from_titles:
                errors.append(row.bad("unit", _("is not a column of the sheet, and no row above this one is the title "
                                                "of a unit over its people (“BIDANG KOPERASI”, “Seksi "
                                                "Kelembagaan”): write the unit in a column Unit kerja, or a title "
                                                "row naming it above its people.")))
                continue
            if not row.unit:
                errors.append(row.bad("unit", _("is empty, and no row above names a unit.")))
                continue
            row.parent = texts.get("parent", "")
            if row.chain and row.parent and _key(row.parent) != _key(row.chain[0]):
                errors.append(row.bad("parent", _value_problem(row.parent, _(
                    "differs from column %(column)s on this row (%(path)s), which puts %(unit)s under %(other)s.") % {
                    "column": cells["unit"].column, "path": unit_text, "unit": row.unit,
                    "other": row.chain[0]})))
            row.position = texts.get("position", "")
            row.superior = texts.get("superior", "")
            row.name = texts.get("name", "")
            row.decree = texts.get("decree", "")
            row.unit_kind = _choice(texts.get("unit_kind", ""), UNIT_KINDS, "unit_kind", row, errors,
                                    _("is not a kind of unit: Dinas, Sekretariat, Subbagian, Bidang, Seksi or UPT."))
            row.position_kind = _choice(texts.get("position_kind", ""), POSITION_KINDS, "position_kind", row, errors,
                                        _("is not a kind of position: Kepala OPD, Sekretaris, Kepala unit, Staf or "
                                          "Pengelola data; or as SIMPEG writes it: Struktural, Fungsional Tertentu or "
                                          "Pelaksana."))
            row.echelon = _echelon(texts.get("echelon", ""), row, errors)
            row.nip = _nip(raw.get("nip"), row, errors)
            row.other_id = _other_id(raw.get("other_id"), row, errors)
            row.grade = _grade(texts.get("grade", ""), row, errors)
            email = texts.get("email", "")
            if email:
                try:
                    validate_email(email)
                    row.email = email.lower()
                except ValidationError:
                    errors.append(row.bad("email", _value_problem(email, _("is not an e-mail address."))))
            status = texts.get("status", "")
            row.status = _choice(status, STATUSES, "status", row, errors,
                                 _("is not a status: definitif, Plt or Plh.")) or Assignment.Kind.DEFINITIVE
            if acting := _ACTING_TITLE_RE.match(row.position):
                row.position = row.position[acting.end():]
                status = _held_as(row, acting[1], status, "status", status,
                                  _("differs from the Jabatan, which says %(acting)s."), errors)
            # "Plt. Siti Aminah, S.E." in the Nama, as a bezetting writes it: she holds the position as Plt.
            if (acting := _ACTING_TITLE_RE.match(row.name)) and row.name[acting.end():].strip():
                row.name = row.name[acting.end():].strip()
                status = _held_as(row, acting[1], status, "name", cells["name"].value,
                                  _("says %(acting)s, but the row says %(status)s."), errors)
            if row.name and (texts.get("title_before") or texts.get("title_after")):
                # "Dr. Ir. H." + "Ahmad Fauzi" + "M.Si.": the name as the office writes it, degrees and all.
                # A Nama that carries them already ("Drs. Joko Santoso, M.Si.") keeps them once.
                written = f" {_normal(row.name)} "
                before, after = texts.get("title_before", ""), texts.get("title_after", "")
                if before and not written.startswith(f" {_normal(before)} "):
                    row.name = f"{before} {row.name}"
                if after and not written.endswith(f" {_normal(after)} "):
                    row.name += f", {after}"
            # "Plt. berdasarkan SK Walikota No. 800/112/KPTS/2025" in Keterangan: the status and the decree.
            if header.remark and remark and row.name:
                acting = _ACTING_REMARK_RE.match(remark)
                if acting:
                    status = _held_as(row, acting[1], status, "remark", remark,
                                      _("says %(acting)s, but the row says %(status)s."), errors,
                                      cell=Cell(remark, header.remark[1]))
                if row.status != Assignment.Kind.DEFINITIVE and not row.decree and (
                        decree := _DECREE_IN_TEXT_RE.search(remark)):
                    row.decree = decree[1]
                if acting and not row.decree:
                    cells["remark"] = Cell(remark, header.remark[1])
                    errors.append(row.bad("remark", _value_problem(remark, _(
                        "says the person holds the position as %(acting)s, but gives no decree number: write it "
                        "after it (%(acting)s. SK No. 800/…) or in a column Nomor SK.") % {"acting": acting[1]})))
            row.start = _date(raw.get("start"), "start", row, errors) if texts.get("start") else None
            row.end = _date(raw.get("end"), "end", row, errors) if texts.get("end") else None
            _check_row(row, texts, errors)
            row.identity = row.own_identity()
            row.unit_only = {key for key, text in texts.items() if text} == {"unit"}
            rows.append(row)
        _skip_group_titles(rows, first, reading.titles)
        if not parent_written:
            for row in rows[first:]:
                row.parent_unwritten = True
        if carried or len(reading.titles) > titles:
            for row in rows[first:]:
                row.grouped = True
        if not hierarchy_written:
            reading.empty_hierarchy += [(table.sheet or path.name, header.labels[key]) for key in ("parent", "superior")
                                        if key in header.columns]
    if not closest and sheet:
        raise KinerjaError(_("Sheet “%(sheet)s” of %(file)s has no header row with the columns Unit kerja and "
                             "Jabatan (looked in its first %(rows)d rows). Download the template to see the columns.")
                           % {"file": path.name, "sheet": sheet, "rows": HEADER_SEARCH_ROWS})
    if not closest:
        raise KinerjaError(_("%(file)s has no header row with the columns Unit kerja and Jabatan (looked in the first "
                             "%(rows)d rows of every sheet). Download the template to see the columns.")
                           % {"file": path.name, "rows": HEADER_SEARCH_ROWS})
    return reading


_ACRONYMS = {"ukm", "umkm", "kumkm", "upt", "uptd", "dprd", "opd", "sdm", "tik", "ikm", "ppid", "bpbd", "kb", "pkk"}
_SMALL_WORDS = {"dan", "dari", "di", "ke", "pada", "untuk", "serta", "atau", "yang"}


def _section_title(values: list[object]) -> str:
    """A title row over a unit's people in a list without a column Unit kerja: one text alone (merged across or in
    one cell, a numbering "A." or "II." before it allowed) that names a unit by its first word (Dinas, Sekretariat,
    Bidang, Seksi, Subbagian, UPT …). Returns the unit's name, its capitals as a name is written ("BIDANG KOPERASI
    DAN UKM" → "Bidang Koperasi dan UKM"; a word with a digit, "P2P", as written), or ""."""
    texts = {_text(v) for v in values if _text(v)}
    texts = {t for t in texts if not re.fullmatch(r"(?:[A-Z]|[IVX]+|\d{1,2})[.)]?", t)}
    if len(texts) != 1:
        return ""
    text = re.sub(r"^(?:[A-Z]|[IVX]+|\d{1,2})[.)]\s+", "", texts.pop())
    # Letters and digits are a unit's name ("BIDANG P2P", "Seksi P2M", "UPT Puskesmas 2"); a long run of digits is a
    # NIP, NIK or date of a person's row, never a unit's.
    if _level_depth(text) is None or re.search(r"\d{5,}", text):
        return ""
    if text.isupper():
        words = text.split()
        text = " ".join(w if w.lower() in _ACRONYMS or re.search(r"\d", w) else w.lower() if i and w.lower() in _SMALL_WORDS
                        else w.capitalize() for i, w in enumerate(words))
    return text


def _lone_text(values: list[object], header: Header) -> tuple[int, str] | None:
    """The one text of a row written only in columns kinerja does not read (No., Keterangan), with its column's
    index, when it is neither a numbering ("3", "II.") nor a title (_section_title): a row that cannot be told."""
    cells = [(i, _text(v)) for i, v in enumerate(values) if _text(v)]
    cells = [(i, t) for i, t in cells if not re.fullmatch(r"(?:[A-Z]|[IVX]+|\d{1,3})[.)]?", t)]
    if len({t for _i, t in cells}) != 1 or set(header.columns.values()) & {i for i, _t in cells}:
        return None
    return cells[0] if not _section_title(values) else None


def _total_line(values: list[object]) -> bool:
    """A row of totals, in a bezetting under a unit's rows or the table: "JUMLAH", "Jumlah Sekretariat",
    "Total" in a cell, and nothing else but counts ("25", "25 orang"); or counts alone that say of what
    ("25 orang")."""
    texts = {_normal(_text(v)) for v in values if _text(v)}
    label = {t for t in texts if re.match(r"(jumlah|jml|total|sub ?total)\b", t)}
    counts = texts - label
    if not all(re.fullmatch(r"\d+( (orang|org|pegawai|jabatan|formasi|pns|asn))?", t) for t in counts):
        return False
    return len(label) == 1 or bool(counts) and not label and all(" " in t for t in counts)


def _signature_line(values: list[object]) -> bool:
    """The first line of a signature block: a cell "Bandar Lampung, 2 Januari 2026" (the place and date the
    list was signed) or "Mengetahui,"; the rest of the row empty but for another such cell."""
    texts = [_text(v) for v in values if _text(v)]
    if not texts or len(texts) > 2:
        return False
    for text in texts:
        signed = _SIGNED_AT_RE.fullmatch(text)
        if (signed and signed[1].lower() in MONTHS or _SIGNED_AT_FIGURES_RE.fullmatch(text)
                or _normal(text) in _SIGNATURE_WORDS or _normal(text).startswith("ditetapkan di ")):
            return True
    # "Bandar Lampung," in one cell and "2 Januari 2026" (or an Excel date) in the next one it fills.
    if len(texts) == 2 and _PLACE_RE.fullmatch(texts[0]) and (date := _DATE_RE.fullmatch(texts[1])):
        return date[1] is None or date[1].lower() in MONTHS
    return False


_NIP_LINE_RE = re.compile(r"NIP\b\.?\s*:?\s*\d[\d ]{16,}\d", re.IGNORECASE)
_NUMBERING_HEADERS = {"no", "nomor", "no urut", "nomor urut", "urut", "nmr"}


def _rank_line(text: str) -> bool:
    """A pangkat alone, as a signature block writes it under the name: "Pembina Utama Muda", "Pembina Tk. I",
    with its golongan or without."""
    return _rank_written(text) in _RANKS


def _signature_block(table: Table, header: Header) -> int | None:
    """The first row of a signature block under the table that has no "place, date" line or "Mengetahui"
    over it (_signature_line): the head's post, their name, pangkat and NIP, a line each. Found from the
    bottom: the rows under the table's last numbered row (in a table with a column No.) and under a row of
    totals (_total_line) that fill at most two cells (two signers side by side; a table without numbers:
    one, or two in the columns of the NIP and pangkat lines below), one of which is a NIP line ("NIP. 1968…")
    or a pangkat alone ("Pembina Utama Muda"): a data row fills more, and its NIP and pangkat stand in their own
    columns. A unit written alone just above it (a Seksi without positions yet) stays the table's."""
    head = next((values for number, values in table.rows if number == header.number), [])
    numbering = next((i for i, v in enumerate(head) if _normal(_text(v)) in _NUMBERING_HEADERS), None)
    run: list[tuple[int, list[str], str]] = []  # (row number, its cells' texts, distinct, its Unit kerja), bottom up
    marked = False
    signers: set[int] = set()  # the columns of the NIP and pangkat lines: a signer's lines stand in one column
    written: set[int] = set()  # the columns the lines of the run write in
    data = set(header.columns.values())  # the table's own columns: Unit kerja, Jabatan, Nama, …
    over = 0  # the lines over the marker lines: the signer's name, then their post
    for number, values in reversed(table.rows):
        if number <= header.number:
            break
        cells = [(i, _text(v)) for i, v in enumerate(values) if _text(v)]
        if not cells:
            # The space the signer signs in, between their post and their name, is the one blank row (or
            # rows) the block holds over its marker lines; another, over the post, parts it from the table.
            if over > 1:
                break
            continue
        texts = list(dict.fromkeys(t for _i, t in cells))  # a line merged across cells is one
        marker = any(_NIP_LINE_RE.fullmatch(t) or _rank_line(t) for t in texts)
        numbered = numbering is not None and any(i == numbering and re.fullmatch(r"\d+\.?", t) for i, t in cells)
        beside = len(texts) == 2 and numbering is None and not marker and not {i for i, _t in cells} <= signers
        # A row that writes a value in the table's own columns where the lines under it do not (Unit kerja,
        # Jabatan, Nama "Kosong": a vacant post, unnumbered) is the table's.
        own = run and not marker and any(
            {i for i, t in cells if t == text} <= data - written for text in texts)
        if numbered or _total_line(values) or len(texts) > 2 or beside or own:
            break
        if marker:
            signers |= {i for i, _t in cells}
        elif marked:
            over += 1
        written |= {i for i, _t in cells}
        unit_index = header.columns.get("unit", len(values))
        run.append((number, texts, _text(values[unit_index]) if unit_index < len(values) else ""))
        marked = marked or marker
    if not marked:
        return None
    run.reverse()
    while run and run[0][1] == [run[0][2]] and _unit_kind_from_name(run[0][2], True) not in ("", Unit.Kind.OFFICE):
        run.pop(0)
    return run[0][0] if run else None


def _level_depth(name: str) -> int | None:
    n = _normal(name)
    return next((depth for pattern, depth in _LEVEL_DEPTHS if re.match(pattern + r"\b", n)), None)


class AmbiguousPath(ValueError):
    """A Unit Kerja that reads as two different paths of units (_unit_path): said, not guessed."""


def _path_of(parts: list[str]) -> tuple[str, list[str]] | None:
    """Parts of a Unit Kerja, as split → the unit and the units above it (nearest first), or None when they are
    no path: every part begins with the word of a kind of unit, one kind after another down (or up)."""
    if len(parts) < 2 or not all(parts):
        return None
    depths = [_level_depth(part) for part in parts]
    if None in depths:
        return None
    if all(a < b for a, b in pairwise(depths)):  # written top-down
        parts, depths = parts[::-1], depths[::-1]
    elif not all(a > b for a, b in pairwise(depths)):
        return None
    levels = [part for part, depth in zip(parts, depths, strict=True) if depth >= 0]
    return levels[0], levels[1:]


def _split_before_units(pattern: str, text: str) -> list[str]:
    """The text split at the separators (pattern) that a kind of unit's word follows ("Dinas PU/Bidang Bina Marga
    - Seksi Jalan - Jembatan" at " - Seksi", not at " - Jembatan"): a separator before any other word is part of
    a unit's name. Where every separator is followed by one, this is the split at every separator."""
    parts, start = [], 0
    for found in re.finditer(pattern, text):
        if found.start() >= start and _level_depth(text[found.end():]) is not None:
            parts.append(text[start:found.start()])
            start = found.end()
    return [*parts, text[start:]]


def _unit_path(text: str) -> tuple[str, list[str]]:
    """A Unit Kerja written as a path → the unit (its most specific level) and the units above it, nearest
    first: "Subbagian Umum - Sekretariat - Dinas Koperasi" and "Dinas Koperasi / Sekretariat / Subbagian Umum"
    → ("Subbagian Umum", ["Sekretariat", "Dinas Koperasi"]). A text is a path only when every part begins with
    the word of a kind of unit and the parts go down (or up) one kind after another: "Bidang Koperasi, Usaha
    Mikro" is one unit's name (Usaha Mikro is no kind of unit), and so is "Seksi A, Seksi B".

    Separators may be mixed ("Dinas Koperasi / Bidang UKM > Seksi Pengawasan"): every choice of the separators
    the text holds is tried, and the reading with the most levels is taken; a separator left out is part of a
    name ("Bidang Usaha Mikro - Kecil / Seksi X": " - " is the name's), and so is one not followed by the word of
    a kind of unit ("Dinas PU/Bidang Bina Marga - Seksi Jalan - Jembatan": _split_before_units). When two
    readings with as many levels give different units ("Sekretariat - Subbagian Umum / Seksi X"), AmbiguousPath
    names them: a unit's name may hold "-" or "/", and which one parts the levels cannot be told."""
    present = [sep for sep in _PATH_SEPARATORS if sep in text]
    readings: dict[tuple[str, tuple[str, ...]], int] = {}
    for size in range(1, len(present) + 1):
        for chosen in combinations(present, size):
            pattern = "|".join(re.escape(sep) for sep in sorted(chosen, key=len, reverse=True))
            found = _path_of([" ".join(part.split()) for part in _split_before_units(pattern, text)])
            if found is not None:
                readings[(found[0], tuple(found[1]))] = len(found[1])
    if not readings:
        return text, []
    most = max(readings.values())
    best = [reading for reading, levels in readings.items() if levels == most]
    if len(best) > 1:
        shown = [" › ".join([*reversed(chain), unit]) for unit, chain in best]
        raise AmbiguousPath(_("reads as more than one path of units (%(paths)s): a unit's name may hold “-” or “/”, "
                              "so which one parts the levels cannot be told. Write the levels with one separator "
                              "(“Sekretariat / Subbagian Umum”), or the unit alone with its parent in column "
                              "Unit induk.") % {"paths": "; ".join(shown)})
    unit, chain = best[0]
    return unit, list(chain)


# The post of who signs a list of the office's people: its head or the Sekretaris Daerah ("a.n."/"Plt." before it).
_SIGNER_TITLE_RE = re.compile(r"(?:(?:a\.?\s*n\.?|plt\.?|plh\.?)\s+)?(?:kepala (?:dinas|badan|kantor|satuan)|"
                              r"sekretaris daerah|sekda|camat|inspektur|kadis|kaban|wali ?kota|bupati)\b", re.IGNORECASE)
_PERSON_NAME_RE = re.compile(r"[^\W\d_][^\d]*")
# A person's name as a signature block writes it, known by a degree or honorific a post's title never carries:
# "Drs. H. Budi Santoso, M.Si", "Hj. Rosmawati", "Ir. Ani Suryani, M.T.", "Budi Santoso, S.E.".
_NAME_WITH_DEGREE_RE = re.compile(
    r"(?:(?:prof|drs|dra|dr|drg|ir|hj|h|apt|ns)\.\s*\S.*|"
    r"[^,]+,\s*(?:(?:s|m|d)\.?\s?[a-z]{1,5}\.?|a\.?\s?md\.?.*|ph\.?\s?d\.?|mba|lc|ak)(?:[,.\s].*)?)", re.IGNORECASE)


def _signers_by_title(table: Table, header: Header) -> int | None:
    """The first row of a signature block with no "place, date", "Mengetahui", NIP or pangkat line: under the
    last row that fills both Jabatan and Nama, a line whose cells are each the post of a head of office or of
    the Sekretaris Daerah ("Sekretaris Daerah" beside "Kepala Dinas"), and under it only lines in those columns,
    one at least a person's name. One such post alone in the Jabatan column is no block: a vacant post's row
    (its unit written above) looks the same, and the rows under it might be vacant posts too."""
    name_column = header.columns.get("name", header.columns.get("name_nip"))
    position_column = header.columns.get("position")
    if name_column is None or position_column is None:
        return None
    lines = [(number, {i: _text(v) for i, v in enumerate(values) if _text(v)})
             for number, values in table.rows if number > header.number]
    lines = [(number, cells) for number, cells in lines if cells]
    last = max((k for k, (_n, cells) in enumerate(lines) if {name_column, position_column} <= cells.keys()),
               default=None)
    if last is None:
        return None
    names = {_key(_text(values[name_column])) for number, values in table.rows
             if number > header.number and name_column < len(values) and _text(values[name_column])}
    for k, (number, cells) in enumerate(lines[last + 1:], start=last + 1):
        if not (len(cells) <= 2 and all(_SIGNER_TITLE_RE.match(t) for t in cells.values())):
            continue
        if len(cells) == 1 and position_column in cells:
            return number if _lone_signer(lines[k:], position_column, names) else None
        below = [c for _n, c in lines[k + 1:]]
        named = False
        for line in below:
            if len(line) > 2 or not line.keys() <= cells.keys():
                return None
            for text in line.values():
                person = (_PERSON_NAME_RE.fullmatch(text) and _level_depth(text) is None and not _rank_line(text)
                          and _position_kind_from_title(text, Unit.Kind.OFFICE) == Position.Kind.STAFF)
                named = named or bool(person)
        return number if named else None
    return None


def _lone_signer(lines: list[tuple[int, dict[int, str]]], column: int, names: set[str]) -> bool:
    """A head's post alone in the Jabatan column (lines[0]) that is one signer's block, not a vacant post's row:
    only lines in that column under it, the first after a blank row (the space to sign in), and the last of them
    a person's name beyond doubt: with a degree or honorific no post's title carries (Drs., H., M.Si), or a name
    written in the table's Nama column. A vacant post's row has its unit written above it and, under it, other
    posts, none of which is a name."""
    post, *below = lines
    if not below or below[0][0] == post[0] + 1 or any(line.keys() != {column} for _n, line in below):
        return False
    name = below[-1][1][column]
    return bool(_PERSON_NAME_RE.fullmatch(name) and _level_depth(name) is None and not _rank_line(name)
                and (_NAME_WITH_DEGREE_RE.fullmatch(name) or _key(name) in names))


def _skip_group_titles(rows: list[Row], first: int, titles: list[str]) -> None:
    """Rows of one table (rows[first:]) that write nothing but a Unit kerja which the next row names again:
    a title over the rows of a group, as a Daftar Urut Kepangkatan heads them ("BIDANG KOPERASI"), not
    merged across the table. Skipped, and named with the titles: the unit is read from the rows under it,
    under the name they write (not the title's capitals), so nothing is lost even when the row was meant as
    the unit itself. A row with only a Unit kerja that the next row does not name stays a unit: the rows
    under it with the cell empty are its rows, and with no rows of its own it is a unit without positions
    yet, as the template says; the summary names it (lone_units) in case it was a title."""
    kept = []
    for i, row in enumerate(rows[first:], start=first):
        after = rows[i + 1] if i + 1 < len(rows) else None
        if row.unit_only and after is not None and _key(after.cells["unit"].value) == _key(row.unit):
            titles.append(f"{row.where()} ({row.unit})")
            continue
        kept.append(row)
    rows[first:] = kept


def _check_row(row: Row, texts: dict[str, str], errors: list[BadImportRow]) -> None:
    """What one row must say for itself."""
    has_person = bool(row.name or texts.get("nip") or texts.get("other_id") or row.grade or row.email)
    if has_person and not row.position:
        errors.append(row.bad("position", _("is empty: the row names a person but not the position they hold.")))
    if has_person and not (row.name or texts.get("nip") or texts.get("other_id")):
        errors.append(row.bad("name", _("is empty: the row gives no name, NIP or other ID of the person.")))
    if not has_person and (texts.get("start") or texts.get("end") or row.decree or texts.get("status")):
        errors.append(row.bad("name", _("is empty, yet the row gives a status, period or decree of a holder.")))
    if row.superior and not row.position:
        errors.append(row.bad("position", _("is empty, yet the row names its superior.")))
    if row.start and row.end and row.end < row.start:
        errors.append(row.bad("end", _value_problem(texts.get("end", ""), _("is before the start (%(start)s).") % {
            "start": texts.get("start", "")})))
    if has_person and row.status != Assignment.Kind.DEFINITIVE and not row.decree and "remark" not in row.cells:
        if "decree" in row.cells:
            errors.append(row.bad("decree", _("is empty: a Plt or Plh holds the position by a decree (Nomor SK); "
                                              "write its number.")))
        else:
            errors.append(row.bad("decree", _("is not a column of the file, yet the row says the person holds the "
                                              "position as Plt or Plh, which is by a decree: add the column Nomor "
                                              "SK, or write the number in Keterangan (Plt. SK No. 800/…).")))


# --- checking the rows together and against the office ---------------------------------------------

def _unit_kind_from_name(name: str, has_parent: bool) -> str:
    n = _normal(name)
    if n.startswith("sekretariat"):
        return Unit.Kind.SECRETARIAT
    if re.match(r"(sub ?bag(ian)?|sub bagian|subbag)\b", n):
        return Unit.Kind.SUBSECTION
    if n.startswith("bidang"):
        return Unit.Kind.DIVISION
    # A Kelurahan (or Desa) lies under its Kecamatan as a UPT under its Dinas.
    if re.match(r"(seksi|upt|uptd|sub ?bidang|kelurahan|desa)\b", n):
        return Unit.Kind.SECTION
    if not has_parent or re.match(r"(dinas|badan|kantor|inspektorat|satuan)\b", n):
        return Unit.Kind.OFFICE
    return ""


def _position_kind_from_title(title: str, unit_kind: str) -> str:
    n = _normal(title)
    if unit_kind == Unit.Kind.OFFICE and re.match(r"(kepala|kadis|kaban|inspektur|camat)\b", n):
        return Position.Kind.HEAD
    # The office's Sekretaris; a Sekretaris Kelurahan (of a unit under the office) is that unit's second head.
    if re.match(r"(sekretaris|sekdis|sekban|sekcam)\b", n):
        return (Position.Kind.SECRETARY if unit_kind in (Unit.Kind.OFFICE, Unit.Kind.SECRETARIAT, "")
                else Position.Kind.UNIT_HEAD)
    if re.match(r"(kepala|kasubbag|kasubag|kabid|kasi|kasie|kasubbid|camat|lurah)\b", n):
        return Position.Kind.UNIT_HEAD
    if re.match(r"(pengelola data|operator data|kontak data)\b", n):
        return Position.Kind.DIVISION_CONTACT
    return Position.Kind.STAFF


def _head_kind(title: str, unit_kind: str) -> str:
    """The kind of a head position (Jenis jabatan Struktural, or an eselon) whose title kinerja does not know as
    a head's: the head of office in the office's own unit, else the head of its unit."""
    kind = _position_kind_from_title(title, unit_kind)
    if kind in Position.HEAD_KINDS:
        return kind
    return Position.Kind.HEAD if unit_kind == Unit.Kind.OFFICE else Position.Kind.UNIT_HEAD


@dataclass
class PlannedUnit:
    name: str
    rows: list[Row] = field(default_factory=list)
    parent: str = ""  # name as written ("" for none)
    parent_row: Row | None = None
    parent_key: str = ""  # the column of parent_row that gives the parent: "parent", or "unit" (a path)
    kind: str = ""
    kind_given: bool = False
    existing: Unit | None = None
    undecided: bool = False  # a Seksi refused for lying under one of several Bidang, which cannot be told


@dataclass
class PlannedPosition:
    title: str
    unit: str
    rows: list[Row] = field(default_factory=list)
    kind: str = ""
    kind_given: bool = False
    superior: str = ""
    superior_row: Row | None = None
    existing: Position | None = None
    echelon: str | None = None  # "III.a", "" for none written as such ("-", Non Eselon), None when not written


@dataclass
class Plan:
    units: dict[str, PlannedUnit]  # by _key(name)
    positions: dict[str, PlannedPosition]  # by _key(title)
    people: dict[str, list[Row]]  # Row.identity → the rows naming that person
    found: dict[str, Person] = field(default_factory=dict)  # Row.identity → the person kinerja has
    # "Subbagian Umum → Sekretariat": new units placed by their names in a sheet without Unit induk
    placed: list[str] = field(default_factory=list)
    office_unit: str = ""  # _key of the office's own unit (its head's), when the file or kinerja tells it
    # "sheet X, row 6: Kepala Subbagian … is imported as Kepala unit, yet column H (Eselon) says …"
    position_warnings: list[str] = field(default_factory=list)
    # "Seksi Pelayanan → Bidang Koperasi": placed by the row order of a file grouped by unit, not by a name
    placed_by_order: list[str] = field(default_factory=list)


def _period(row: Row, today: dt.date) -> tuple[dt.date, dt.date]:
    return row.start or today, row.end or dt.date.max


def _check(rows: list[Row], office: Office, today: dt.date, errors: list[BadImportRow]) -> Plan:
    units_in_office = {_key(u.name): u for u in Unit.objects.filter(office=office).select_related("parent")}
    positions_in_office = {_key(p.title): p for p in Position.objects.filter(office=office).select_related("unit")}
    units: dict[str, PlannedUnit] = {}
    positions: dict[str, PlannedPosition] = {}
    people: dict[str, list[Row]] = {}
    offices = _office_names(rows, units_in_office)
    for row in rows:
        unit = units.setdefault(_key(row.unit), PlannedUnit(row.unit, existing=units_in_office.get(_key(row.unit))))
        unit.rows.append(row)
        if row.chain and row.cells["unit"].value:  # a path written once holds below; claimed once
            # The path's top, when it is the office's unit under a longer or shorter name ("… Kota Bandar Lampung").
            row.chain[-1] = offices.get(_key(row.chain[-1]), row.chain[-1])
            levels = [row.unit, *row.chain]
            for level, above in pairwise(levels):
                planned = units.setdefault(_key(level), PlannedUnit(level, existing=units_in_office.get(_key(level))))
                if planned is not unit:
                    planned.rows.append(row)
                if level is row.unit and row.parent:
                    continue  # the column Unit induk says the same (_read), and is claimed below
                _claim_parent(planned, above, row, "unit", errors)
            units.setdefault(_key(levels[-1]), PlannedUnit(levels[-1], existing=units_in_office.get(_key(levels[-1]))))
            units[_key(levels[-1])].rows.append(row)
        if row.parent:
            _claim_parent(unit, row.parent, row, "parent", errors)
        if row.unit_kind:
            if unit.kind_given and unit.kind != row.unit_kind:
                errors.append(row.bad("unit_kind", _value_problem(row.cells["unit_kind"].value, _(
                    "differs from the kind given to %(unit)s on an earlier row.") % {"unit": row.unit})))
            unit.kind, unit.kind_given = row.unit_kind, True
        if row.position:
            existing = positions_in_office.get(_key(row.position))
            if existing is None:  # a short title within the unit ("Kasubbag")
                existing = next((p for p in positions_in_office.values()
                                 if p.short_title and _key(p.short_title) == _key(row.position)
                                 and _key(p.unit.name) == _key(row.unit)), None)
            title = existing.title if existing else row.position
            position = positions.setdefault(_key(title), PlannedPosition(title, row.unit, existing=existing))
            position.rows.append(row)
            if _key(position.unit) != _key(row.unit):
                errors.append(row.bad("position", _value_problem(row.position, _(
                    "is also written under %(other)s (%(where)s); a position title is one position of the office.") % {
                    "other": position.unit, "where": position.rows[0].where()})))
            elif existing is not None and _key(existing.unit.name) != _key(row.unit):
                errors.append(row.bad("position", _value_problem(row.position, _(
                    "is a position of %(other)s in kinerja, not of %(unit)s. Write it under %(other)s, or give the "
                    "new position another title.") % {"other": existing.unit.name, "unit": row.unit})))
            if row.position_kind:
                position.kind, position.kind_given = row.position_kind, True
            if row.superior:
                if position.superior and _key(position.superior) != _key(row.superior):
                    errors.append(row.bad("superior", _value_problem(row.superior, _(
                        "differs from the superior of this position on %(where)s (%(other)s).") % {
                        "where": position.superior_row.where() if position.superior_row else "",
                        "other": position.superior})))
                elif not position.superior:
                    position.superior, position.superior_row = row.superior, row
        if row.identity:
            people.setdefault(row.identity, []).append(row)
    _check_units(units, units_in_office, errors)
    office_unit, placed, placed_by_order = _place_by_name(units, units_in_office, office)
    _check_unplaced_sections(units, units_in_office, errors)
    position_warnings: list[str] = []
    _check_positions(positions, units, units_in_office, positions_in_office, errors, position_warnings)
    # A person written with their NIP or ID on one row and by name alone on another is one person.
    numbered: dict[str, set[str]] = {}
    for identity, named in people.items():
        if not identity.startswith("name:"):
            numbered.setdefault(_key(next((r.name for r in named if r.name), "")), set()).add(identity)
    for identity in [i for i in people if i.startswith("name:")]:
        owners = numbered.get(identity.removeprefix("name:"), set())
        if len(owners) == 1:
            owner = next(iter(owners))
            for row in people.pop(identity):
                row.identity = owner
                people[owner].append(row)
    known = _known_people(people, office)
    _check_split_people(people, known, errors)
    found = _check_people(people, office, known, errors)
    _check_holders(positions, today, errors)
    return Plan(units, positions, people, found, placed, office_unit, position_warnings, placed_by_order)


def _office_names(rows: list[Row], known: dict[str, Unit]) -> dict[str, str]:
    """The office's unit as the top of a path may write it, longer or shorter than the unit's name ("Dinas
    Koperasi dan UKM Kota Bandar Lampung" for "Dinas Koperasi dan UKM"): _key(the path's top) → the name of the
    one unit at depth 0 written on its own or known to kinerja whose name begins the other's. A top matching
    none, or several, stays as written."""
    names = {_key(r.unit): r.unit for r in rows if not r.chain and _level_depth(r.unit) == 0}
    names.update({k: u.name for k, u in known.items() if u.parent_id is None and u.kind == Unit.Kind.OFFICE})
    aliases = {}
    for top in {_key(r.chain[-1]) for r in rows if r.chain and _level_depth(r.chain[-1]) == 0} - names.keys():
        matching = [name for key, name in names.items() if top.startswith(key + " ") or key.startswith(top + " ")]
        if len(matching) == 1:
            aliases[top] = matching[0]
    return aliases


def _claim_parent(unit: PlannedUnit, parent: str, row: Row, key: str, errors: list[BadImportRow]) -> None:
    """The parent `row` gives `unit` in its column `key` (Unit induk, or the Unit kerja written as a path): the
    first one holds, and another one differing is refused naming both rows, columns and values."""
    if not unit.parent:
        unit.parent, unit.parent_row, unit.parent_key = parent, row, key
        return
    if _key(unit.parent) == _key(parent):
        return
    earlier = unit.parent_row
    if key == "parent" and unit.parent_key == "parent":
        errors.append(row.bad("parent", _value_problem(row.parent, _(
            "differs from the parent of %(unit)s on %(where)s (%(other)s).") % {
            "unit": unit.name, "where": earlier.where() if earlier else "", "other": unit.parent})))
        return
    other = earlier.cells[unit.parent_key] if earlier and unit.parent_key in earlier.cells else None
    errors.append(row.bad(key, _value_problem(row.cells[key].value, _(
        "puts %(unit)s under %(parent)s, but %(where)s, column %(column)s (%(value)s), puts it under %(other)s.") % {
        "unit": unit.name, "parent": parent, "where": earlier.where() if earlier else "",
        "column": other.column if other else "", "value": other.value if other else "", "other": unit.parent})))


def _check_units(units: dict[str, PlannedUnit], known: dict[str, Unit], errors: list[BadImportRow]) -> None:
    for unit in units.values():
        row = unit.parent_row or unit.rows[0]
        if unit.parent and _key(unit.parent) not in units and _key(unit.parent) not in known:
            errors.append(row.bad("parent", _value_problem(unit.parent, _(
                "is not a unit of the file or of the office. Write the parent unit on a row of its own first, or "
                "correct its name."))))
        if not unit.kind:
            unit.kind = unit.existing.kind if unit.existing else _unit_kind_from_name(
                unit.name, bool(unit.parent or (unit.existing and unit.existing.parent_id)))
        if not unit.kind:
            errors.append(row.bad("unit" if "unit_kind" not in row.cells else "unit_kind", _value_problem(
                unit.name, _("does not say what kind of unit it is: add a column Jenis unit (Sekretariat, Subbagian, "
                             "Bidang, Seksi) or name it so."))))

    def parent_of(name: str) -> str:
        planned = units.get(name)
        if planned is not None and planned.parent:
            return _key(planned.parent)
        existing = known.get(name)
        return _key(existing.parent.name) if existing is not None and existing.parent is not None else ""

    reported: set[str] = set()
    for name, unit in units.items():
        chain, above = [name], parent_of(name)
        while above and above not in chain:
            chain.append(above)
            above = parent_of(above)
        if above == name and name not in reported:
            reported.update(chain)
            row = unit.parent_row or unit.rows[0]
            errors.append(row.bad("parent", _value_problem(unit.parent, _(
                "makes a loop of units: %(loop)s. A unit cannot lie under itself.") % {
                "loop": " → ".join([*(units[c].name if c in units else known[c].name for c in chain), unit.name])})))


def _place_by_name(units: dict[str, PlannedUnit], known: dict[str, Unit], office: Office) -> tuple[str, list[str]]:
    """The parents of the new units of a sheet without Unit induk (or with it empty on every row), where their
    names say them: a Sekretariat, a Bidang, a UPT(D) or a Kelurahan under the office's own unit; a Subbagian
    under the Sekretariat (or the UPT) listed above it, else the office's one Sekretariat; a Seksi under the
    Bidang whose name it continues (Seksi Kelembagaan UKM, Bidang UKM), else the Bidang listed above it (its
    Seksi between), else, in an office without a Bidang (a Kecamatan), under the office's unit. The units
    listed above are read only in a file grouped by unit (a Subbagian or Seksi between the unit over it and a
    later Sekretariat or Bidang; titles over groups of rows; a Unit kerja written once over its rows), or for
    the office's one Bidang: not in a list sorted by Eselon or by name. The office's
    unit is its one unit of the kind Dinas at the top, or of several the one whose name the office's begins
    with. What stays unknown stays at the top, and is said (import_file). Returns the office's unit (its _key,
    or "") and the units placed, as "Subbagian Umum → Sekretariat": by their names, then by the row order."""
    def name(key: str) -> str:
        return units[key].name if key in units else known[key].name

    def kind(key: str) -> str:
        return units[key].kind if key in units else known[key].kind

    tops = [k for k, u in units.items() if u.kind == Unit.Kind.OFFICE and not u.parent and u.existing is None] + [
        k for k, u in known.items() if u.kind == Unit.Kind.OFFICE and u.parent_id is None]
    tops = list(dict.fromkeys(tops))
    if len(tops) > 1:
        tops = [k for k in tops if _key(office.name).startswith(k)]
    office_unit = tops[0] if len(tops) == 1 else ""
    order = list(units)  # the file's order: a unit by its first row
    every = list(dict.fromkeys([*order, *known]))

    def upper(key: str) -> bool:  # a unit whose Subbagian or Seksi a file grouped by unit lists under it
        return kind(key) in (Unit.Kind.SECRETARIAT, Unit.Kind.DIVISION) or bool(
            re.match(r"(upt|uptd)\b", _normal(name(key))))

    # The row order tells a parent only in a file grouped by unit: one where a Subbagian or Seksi stands between
    # the unit over it and a later Sekretariat or Bidang (each one's units follow it before the next). A list
    # sorted by Eselon or by name puts every Sekretariat and Bidang (eselon III; "Bidang", "Sekretariat" before
    # "Seksi", "Subbagian") above every Subbagian and Seksi, and says nothing of which lies under which.
    # A table with titles over groups of rows, or a Unit kerja written once over its rows, is grouped by unit.
    grouped = any(r.grouped for u in units.values() for r in u.rows)
    state = ""  # "upper" after such a unit, "lower" after its Subbagian or Seksi
    for key in order:
        if state == "lower" and kind(key) in (Unit.Kind.SECRETARIAT, Unit.Kind.DIVISION):
            grouped = True
            break
        lower = kind(key) in (Unit.Kind.SUBSECTION, Unit.Kind.SECTION) and not upper(key)
        state = "upper" if upper(key) else "lower" if lower and state else ""
    by_order: set[str] = set()  # the units the row order placed

    def by_kind(index: int, key: str) -> str:
        unit, above = units[key], list(reversed(order[:index]))  # the units listed above it, nearest first
        n = _normal(unit.name)
        if unit.kind in (Unit.Kind.SECRETARIAT, Unit.Kind.DIVISION) or re.match(r"(upt|uptd|kelurahan|desa)\b", n):
            return office_unit
        if unit.kind == Unit.Kind.SUBSECTION:
            secretariats = [k for k in every if kind(k) == Unit.Kind.SECRETARIAT]
            for k in above if grouped else []:
                if kind(k) == Unit.Kind.SECRETARIAT or re.match(r"(upt|uptd)\b", _normal(name(k))):
                    if secretariats != [k]:  # the office's one Sekretariat is its Subbagian's by kind
                        by_order.add(key)
                    return k
                if kind(k) != Unit.Kind.SUBSECTION:
                    break
            return secretariats[0] if len(secretariats) == 1 else ""
        if unit.kind == Unit.Kind.SECTION:
            divisions = [k for k in every if kind(k) == Unit.Kind.DIVISION]
            rest = f" {n.split(' ', 1)[-1]} "
            # The Bidang whose name (after "Bidang") the Seksi's continues; of several, the longest.
            named = sorted((k for k in divisions if f" {_normal(name(k)).split(' ', 1)[-1]} " in rest),
                           key=lambda k: -len(name(k)))
            if named:
                return named[0]
            # Else the Bidang listed above it, only Seksi between: in a file grouped by unit, or when it is the
            # office's one Bidang (there is no other Bidang for the Seksi to lie under, whatever the order).
            for k in above if grouped or len(divisions) == 1 else []:
                if kind(k) == Unit.Kind.DIVISION:
                    by_order.add(key)
                    return k
                if kind(k) != Unit.Kind.SECTION or re.match(r"(upt|uptd|kelurahan|desa)\b", _normal(name(k))):
                    break
            return "" if divisions else office_unit
        return ""

    def parent_key(key: str) -> str:
        if key in units:
            return _key(units[key].parent) if units[key].parent else ""
        return _key(known[key].parent.name) if key in known and known[key].parent is not None else ""

    placed, ordered = [], []
    for index, key in enumerate(order):
        unit = units[key]
        if unit.parent or unit.existing is not None or key == office_unit or not all(
                r.parent_unwritten for r in unit.rows):
            continue
        # A unit whose name names another after its own first word: "Subbagian Tata Usaha UPTD Pasar" under
        # "UPTD Pasar", "Seksi Pelayanan Bidang Koperasi" under "Bidang Koperasi"; of several, the longest.
        rest = f" {_normal(unit.name).split(' ', 1)[-1]} "
        contained = sorted((k for k in every if k != key and len(_normal(name(k)).split()) > 1
                            and f" {_normal(name(k))} " in rest), key=lambda k: -len(name(k)))
        parent = contained[0] if contained else by_kind(index, key)
        chain, above = {key}, parent
        while above and above not in chain:  # never a loop of units (_check_units looked before this)
            chain.add(above)
            above = parent_key(above)
        if parent and not above:
            unit.parent = name(parent)
            (ordered if key in by_order and not contained else placed).append(f"{unit.name} → {unit.parent}")
    return office_unit, placed, ordered


def _check_unplaced_sections(units: dict[str, PlannedUnit], known: dict[str, Unit], errors: list[BadImportRow]) -> None:
    """A new Seksi that no Unit induk, no name and no grouping of rows placed (_place_by_name) in an office with
    two Bidang or more: it lies under one of them, and which one cannot be told. Refused, naming its rows and the
    Bidang, rather than put at the top beside the office, where no Kepala Bidang would be its head's superior."""
    divisions = list(dict.fromkeys([u.name for u in units.values() if u.kind == Unit.Kind.DIVISION]
                                   + [u.name for u in known.values() if u.kind == Unit.Kind.DIVISION]))
    if len(divisions) < 2:
        return
    for unit in units.values():
        if (unit.kind != Unit.Kind.SECTION or unit.parent or unit.existing is not None or not unit.rows
                or not all(r.parent_unwritten for r in unit.rows)
                or re.match(r"(upt|uptd|kelurahan|desa)\b", _normal(unit.name))):
            continue
        unit.undecided = True
        first = unit.rows[0]
        numbers = ", ".join(str(r.number) for r in unit.rows)
        errors.append(first.bad("unit", _value_problem(unit.name, _(
            "is a Seksi, and the office has more than one Bidang (%(divisions)s): which one it lies under cannot be "
            "told. The sheet has no column Unit induk (or it is empty), the Seksi's name continues no Bidang's, and "
            "the rows are not grouped under their Bidang. Write the Bidang in column Unit induk on %(rows)s, or list "
            "each Seksi's rows right under its Bidang's.") % {
            "divisions": ", ".join(divisions),
            "rows": ngettext("row %(rows)s", "rows %(rows)s", len(unit.rows)) % {"rows": numbers}})))


def _levels_of_unit(kind: str, name: str) -> tuple[str, ...]:
    """The eselon levels the head of a unit of this kind has (PP 18/2016 and its regional rules): the head of
    a Dinas or Badan II (a Kantor or a Kecamatan III), a Sekretaris or Kepala Bidang III, a Kasubbag, Kasi,
    Kepala UPT or Lurah IV (a UPT of a province III, a Kepala Subseksi V). Empty when the kind is not known."""
    if kind == Unit.Kind.OFFICE:
        return ("I", "II", "III")
    if kind in (Unit.Kind.SECRETARIAT, Unit.Kind.DIVISION):
        return ("III",)
    if kind == Unit.Kind.SUBSECTION:
        return ("IV",)
    if kind == Unit.Kind.SECTION:
        return ("III", "IV", "V") if re.match(r"(upt|uptd|balai)\b", _normal(name)) else ("IV", "V")
    return ()


def _check_positions(positions: dict[str, PlannedPosition], units: dict[str, PlannedUnit], known_units: dict[str, Unit],
                     known: dict[str, Position], errors: list[BadImportRow], warnings: list[str]) -> None:
    for position in positions.values():
        unit = units[_key(position.unit)]
        written = next((r for r in position.rows if r.echelon), None)  # the row whose Eselon the position has
        structural = written is not None and written.echelon != NON_ECHELON
        if position.kind == STRUCTURAL:
            position.kind = _head_kind(position.title, unit.kind)
        elif not position.kind:
            position.kind = (position.existing.kind if position.existing
                             else _position_kind_from_title(position.title, unit.kind))
            if structural and position.existing is None and position.kind not in Position.HEAD_KINDS:
                # An eselon is a head's: "Camat", "Kepala UPTD" or a title kinerja does not know as a head's.
                position.kind = _head_kind(position.title, unit.kind)
        if written is not None:
            position.echelon = "" if written.echelon == NON_ECHELON else written.echelon
            for other in position.rows:
                if other.echelon and other.echelon != written.echelon:
                    errors.append(other.bad("echelon", _value_problem(other.cells["echelon"].value, _(
                        "differs from the eselon of %(position)s on %(where)s (“%(echelon)s”): one position has one "
                        "eselon.") % {"position": position.title, "where": written.where(),
                                      "echelon": written.cells["echelon"].value})))
                    break
        if structural and position.kind in Position.HEAD_KINDS and (
                expected := _levels_of_unit(unit.kind, unit.name)) and written.echelon.split(".")[0] not in expected:
            echelon = written.cells["echelon"]
            warnings.append(f"{written.where()}: " + _(
                "column %(column)s gives %(position)s, head of %(unit)s, the eselon “%(echelon)s”; the head of a "
                "unit of that level has eselon %(expected)s. Correct the eselon, or the unit the row names.") % {
                "column": echelon.column, "position": position.title, "unit": unit.name, "echelon": echelon.value,
                "expected": ", ".join(expected)})
        if written is not None and structural != (position.kind in Position.HEAD_KINDS):
            kind = Position.Kind(position.kind).label
            echelon = written.cells["echelon"]
            warnings.append(f"{written.where()}: " + (_(
                "%(position)s is imported as %(kind)s, a head position, yet column %(column)s says “%(echelon)s”, "
                "no eselon. If it is a staff post, write Staf in column Jenis jabatan; else correct the eselon.")
                if not structural else _(
                "%(position)s is imported as %(kind)s, not a head position, yet column %(column)s gives it the "
                "eselon “%(echelon)s”. If it heads its unit, write Kepala unit in column Jenis jabatan; else "
                "correct the eselon.")) % {"position": position.title, "kind": kind, "column": echelon.column,
                                           "echelon": echelon.value})

    def unit_chain(unit: str) -> list[str]:
        chain, name = [], _key(unit)
        while name and name not in chain:
            chain.append(name)
            planned, existing = units.get(name), known_units.get(name)
            name = (_key(planned.parent) if planned is not None and planned.parent
                    else _key(existing.parent.name) if existing is not None and existing.parent is not None else "")
        return chain

    def superior_of(title: str) -> str:
        planned = positions.get(title)
        return _key(planned.superior) if planned is not None and planned.superior else ""

    looped: set[str] = set()
    # Superiors that are not heads of a unit above, in a sheet without the column Unit induk: every unit
    # lies under none, so each is refused for that one reason (MissingParentColumn).
    without_parent: dict[tuple[Path, str], list[Row]] = {}
    for title, position in positions.items():
        if not position.superior or position.superior_row is None:
            continue
        row, above = position.superior_row, _key(position.superior)
        chain = [title]
        while above and above not in chain:
            chain.append(above)
            above = superior_of(above)
        if above == title:
            if title not in looped:
                looped.update(chain)
                names = [positions[c].title if c in positions else known[c].title for c in chain]
                errors.append(row.bad("superior", _value_problem(position.superior, _(
                    "makes a loop of superiors: %(loop)s.") % {"loop": " → ".join([*names, position.title])})))
            continue
        superior = positions.get(_key(position.superior))
        superior_unit = superior.unit if superior else known[_key(position.superior)].unit.name \
            if _key(position.superior) in known else None
        superior_kind = superior.kind if superior else known[_key(position.superior)].kind \
            if _key(position.superior) in known else None
        if superior_unit is None:
            if position.kind != Position.Kind.HEAD:
                errors.append(row.bad("superior", _value_problem(position.superior, _(
                    "is not a position of the file or of the office."))))
            continue  # the head of office's superior lies outside it (Wali Kota, Sekda)
        chain_units = unit_chain(position.unit)
        if any(name not in units and name not in known_units for name in chain_units):
            continue  # an unknown parent unit, reported by _check_units
        # A head is under the heads of the units above its own; anyone else under a head of their unit or above.
        allowed = chain_units[1:] if position.kind in Position.HEAD_KINDS else chain_units
        if superior_kind not in Position.HEAD_KINDS or _key(superior_unit) not in allowed:
            if "parent" not in row.cells:  # said once for the sheet, below: the column is the cause
                without_parent.setdefault((row.path, row.sheet), []).append(row)
                continue
            errors.append(row.bad("superior", _value_problem(position.superior, _(
                "is not the head of %(unit)s or of a unit above it. kinerja takes a position's superiors from its "
                "unit: the heads of its unit and of the units above. Correct the Unit induk or the superior.") % {
                "unit": position.unit})))
    for (path, sheet), rows in without_parent.items():
        errors.append(MissingParentColumn(path, sheet, sorted(rows, key=lambda r: r.number)))


class MissingParentColumn(BadCell):
    """A sheet without the column Unit induk whose rows name superiors in units above theirs: one problem
    naming the column, the headers it may have, and the rows it leaves unchecked, not the same refusal on
    every row."""

    def __init__(self, path: Path, sheet: str, rows: list[Row]) -> None:
        first = rows[0]
        header, accepted = COLUMNS["parent"][0], accepted_headers("parent")
        superior = first.cells["superior"].column
        problem = _("there is no column Unit induk, which kinerja reads under the headers %(accepted)s. kinerja "
                    "takes a position's superiors from the units above its own, so without it the superiors of "
                    "column %(column)s cannot be checked on %(rows)s. Add the column Unit induk with the unit each "
                    "unit lies under (empty for the office itself).") % {
            "accepted": accepted, "column": superior,
            "rows": ngettext("row %(rows)s", "rows %(rows)s", len(rows)) % {
                "rows": ", ".join(str(r.number) for r in rows)}}
        super().__init__(path, sheet, first.number, header, problem)
        where = (_("%(file)s, sheet %(sheet)s") % {"file": path.name, "sheet": sheet} if sheet else path.name)
        self.args = (f"{where}: {problem}",)


@dataclass(frozen=True)
class KnownPeople:
    """Who kinerja has of the people of a file, read once for _check_split_people and _check_people."""

    by_nip: dict[str, Person]  # the file's NIPs that kinerja has, in any office (another office's is refused)
    by_id: dict[str, Person]  # the office's people by their NIK or other ID
    by_name: dict[str, list[Person]]  # the office's people by name as the import compares it (_key)


def _known_people(people: dict[str, list[Row]], office: Office) -> KnownPeople:
    """Two queries whatever the size of the file: the file's NIPs, and the office's people (by ID and by name)."""
    nips = {rows[0].nip for rows in people.values() if rows[0].nip}
    by_nip = {p.nip: p for p in Person.objects.filter(nip__in=nips).select_related("office", "user")}
    by_id: dict[str, Person] = {}
    by_name: dict[str, list[Person]] = {}
    for person in Person.objects.filter(office=office).select_related("user"):
        if person.other_id:
            by_id[person.other_id] = person
        by_name.setdefault(_key(person.full_name), []).append(person)
    return KnownPeople(by_nip, by_id, by_name)


def _check_split_people(people: dict[str, list[Row]], known: KnownPeople, errors: list[BadImportRow]) -> None:
    """One person written once with their NIP and elsewhere with only their NIK (or other ID), under the same
    name, would become two people: a person is found by NIP, else by NIK, and neither row has the other's
    number. So a row with only a NIK whose name is that of a person with a NIP, on another row of the file
    or in kinerja (and the other way round: a row with only a NIP named as someone kinerja has with only a
    NIK), is refused, naming the row, the name and both numbers, and the operator writes both numbers in one
    row. Such a row then tells kinerja the two are one: the file's other rows of that NIK join the NIP's,
    and a NIP not known yet finds the person by the row's NIK.

    Kept simple: the name is compared as the rest of the import compares it (_key), and two people of one
    name are clearly different when the one with the NIP has a NIK of their own that is not the row's (on a
    row with their NIP, or in kinerja): then nothing is refused and each is found by their own number."""
    numbered: dict[str, list[str]] = {}  # a name -> the identities (nip:…, id:…) of the file's rows so named
    for identity, rows in people.items():
        name = next((r.name for r in rows if r.name), "")
        if name and not identity.startswith("name:"):
            numbered.setdefault(_key(name), []).append(identity)
    refused: set[str] = set()
    for identity in [i for i in people if i.startswith("id:")]:
        rows = people[identity]
        name = next((r.name for r in rows if r.name), "")
        for other in numbered.get(_key(name), []):
            if not other.startswith("nip:") or other not in people:
                continue
            their_ids = {r.other_id for r in people[other] if r.other_id}
            if rows[0].other_id in their_ids:  # written with the NIP on a row of its own: one person
                for row in rows:
                    row.identity = other
                people[other] += people.pop(identity)
                break
            if not their_ids:
                nip_row = people[other][0]
                errors.append(rows[0].bad("other_id", _value_problem(rows[0].other_id, _(
                    "%(name)s is written here with only the NIK/ID lain, and on %(where)s with the NIP %(nip)s: if "
                    "they are one person, write the NIP and the NIK/ID lain in one row; if they are two people, "
                    "write the NIK/ID lain of the one on %(where)s too.") % {
                    "name": name, "where": nip_row.where(), "nip": nip_row.nip})))
                refused.add(identity)
                break
    for identity, rows in people.items():
        first = rows[0]
        name = next((r.name for r in rows if r.name), "")
        own_ids = {r.other_id for r in rows if r.other_id}
        if identity in refused or not name or (first.nip and (first.nip in known.by_nip or own_ids)) or (
                not first.nip and first.other_id in known.by_id):
            continue  # found by its own number, or written with both numbers
        if not first.nip and not first.other_id:
            continue  # by name alone: found by it in the office (_check_people), whatever numbers they have
        for person in known.by_name.get(_key(name), []):
            if not first.nip and person.nip and not person.other_id:
                errors.append(first.bad("other_id", _value_problem(first.other_id, _(
                    "%(name)s is written here with only the NIK/ID lain, and kinerja has %(name)s of this office "
                    "with the NIP %(nip)s: if they are one person, write the NIP and the NIK/ID lain in one row; if "
                    "they are two people, write the NIK/ID lain of the one with the NIP first, on a row with their "
                    "NIP.") % {"name": name, "nip": person.nip})))
                break
            if first.nip and person.other_id and not person.nip:
                errors.append(first.bad("nip", _value_problem(first.nip, _(
                    "%(name)s is written here with only the NIP, and kinerja has %(name)s of this office with only "
                    "the NIK/ID lain %(id)s: if they are one person, write the NIP and the NIK/ID lain in one row; "
                    "if they are two people, write this person's own NIK/ID lain in the row too.") % {
                    "name": name, "id": person.other_id})))
                break


def _check_people(people: dict[str, list[Row]], office: Office, known: KnownPeople,
                  errors: list[BadImportRow]) -> dict[str, Person]:
    """The rows of each person agree, and each is found in kinerja or is new: by NIP (in any office: a NIP
    of another office is refused), else by NIK or other ID in the office, else by name in the office. A
    NIP or ID not known yet may belong to someone kinerja has by name alone (imported without it before):
    then that person, whose NIP or ID the import adds. Returns the people found, by Row.identity."""
    for rows in people.values():
        first = rows[0]
        names = {_key(r.name) for r in rows if r.name}
        if len(names) > 1:
            named = next(r for r in rows if r.name)
            for r in rows:
                if r.name and _key(r.name) != _key(named.name):
                    problem = (_("is also the NIP of %(name)s on %(where)s: one NIP for two people.") if first.nip else
                               _("is also the ID of %(name)s on %(where)s: one ID for two people."))
                    errors.append(r.bad(r.id_key, _value_problem(r.id_value, problem % {
                        "name": named.name, "where": named.where()})))
            continue  # two people: their golongan and e-mail differ as a matter of course
        for attribute, key in (("grade", "grade"), ("email", "email")):
            values = {getattr(r, attribute) for r in rows if getattr(r, attribute)}
            if len(values) > 1:
                problem = (_("differs from another row of NIP %(nip)s.") % {"nip": first.nip} if first.nip else
                           _("differs from another row of %(name)s.") % {"name": first.id_value})
                errors.append(rows[-1].bad(key, _value_problem(getattr(rows[-1], attribute), problem)))
    nips = {rows[0].nip: identity for identity, rows in people.items() if rows[0].nip}
    by_nip, by_id, by_name = known.by_nip, known.by_id, known.by_name
    users = dict(get_user_model().objects.filter(username__in=nips).values_list("username", "pk"))
    found: dict[str, Person] = {}
    for identity, rows in people.items():
        first = rows[0]
        name = next((r.name for r in rows if r.name), "")
        person = by_nip.get(first.nip) if first.nip else by_id.get(first.other_id) if first.other_id else None
        other_id = next((r.other_id for r in rows if r.other_id), "")
        if person is None and first.nip and other_id and not getattr(by_id.get(other_id), "nip", True):
            # A NIP not known yet beside the NIK of someone kinerja has without a NIP (_check_split_people).
            person = by_id[other_id]
        if person is not None and person.office_id != office.pk:
            errors.append(first.bad("nip", _value_problem(first.nip, _(
                "is the NIP of %(name)s of another office (%(office)s).") % {
                "name": person.full_name, "office": person.office.name})))
            continue
        if person is None and first.nip and first.nip in users:
            errors.append(first.bad("nip", _value_problem(first.nip, _(
                "is already the username of an account without a person; rename that account first."))))
            continue
        if person is None and name:
            # Someone kinerja has by name: for a row without NIP or ID, whoever is so called; for a new NIP
            # or ID, only someone without one (an honorary worker imported by name, now given a NIK or NIP).
            same = by_name.get(_key(name), [])
            if first.nip or first.other_id:
                same = [p for p in same if not p.nip and not p.other_id]
            if len(same) > 1:
                errors.append(first.bad("name", _value_problem(name, _(
                    "is the name of %(count)d people of the office. Add their NIP or a column NIK/ID lain to "
                    "tell them apart.") % {"count": len(same)})))
                continue
            person = same[0] if same else None
        if person is None and not name:
            errors.append(first.bad("name", _("is empty: a new person needs a name.")))
            continue
        if person is not None:
            found[identity] = person
    return found


def _overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _check_holders(positions: dict[str, PlannedPosition], today: dt.date, errors: list[BadImportRow]) -> None:
    for position in positions.values():
        single = (position.existing.single_holder if position.existing else position.kind in Position.HEAD_KINDS)
        held = [r for r in position.rows if r.identity]
        for i, row in enumerate(held):
            for earlier in held[:i]:
                if not _overlap(_period(row, today), _period(earlier, today)):
                    continue
                if earlier.identity == row.identity and earlier.status == row.status:
                    errors.append(row.bad(row.id_key, _value_problem(row.id_value, _(
                        "holds %(position)s again in the same period as on %(where)s: a duplicate row.") % {
                        "position": position.title, "where": earlier.where()})))
                elif (single and earlier.identity != row.identity
                      and row.status == earlier.status == Assignment.Kind.DEFINITIVE):
                    errors.append(row.bad(row.id_key, _value_problem(row.id_value, _(
                        "is a second definitive holder of %(position)s in the same period as %(name)s on %(where)s; "
                        "it has one definitive holder at a time. End one of them (Selesai), or make one Plt or Plh.")
                        % {"position": position.title, "name": earlier.name or earlier.id_value,
                           "where": earlier.where()})))


# --- saving ----------------------------------------------------------------------------------------

@dataclass
class Change:
    what: str  # "unit", "position", "person", "holding"
    label: str
    created: bool
    details: list[str]  # "Unit induk: A → B" for a change; what it is for a new one
    where: str


@dataclass
class Summary:
    file: str
    dry_run: bool
    rows: int = 0
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    new_accounts: list[tuple[str, str]] = field(default_factory=list)  # (username, full name)
    unread_columns: list[str] = field(default_factory=list)  # headers not known: data kinerja may have missed
    ignored_columns: list[str] = field(default_factory=list)  # numbering and remarks, not read on purpose
    # "Struktur: F (Ket.)": the Keterangan columns, of which only a Plt./Plh. and its decree number are read
    remark_columns: list[str] = field(default_factory=list)
    hidden_rows: list[str] = field(default_factory=list)  # "sheet Pegawai, row 12": hidden in Excel, not read
    title_rows: list[str] = field(default_factory=list)  # "sheet Pegawai, row 4 (II. SEKRETARIAT)": not read
    # "sheet DUK, rows 14–21 (Bandar Lampung, 2 Januari 2026)": the signature block under a table, not read
    signature_rows: list[str] = field(default_factory=list)
    total_rows: list[str] = field(default_factory=list)  # "sheet Bezetting, row 30 (JUMLAH)": not read
    # Sheets (the file, for a CSV) without a column Nama, NIP or NIK/ID lain: every position read as vacant
    without_people: list[str] = field(default_factory=list)
    # Sheets (the file) with neither a column Unit induk nor Atasan that add units: each new unit at the top
    without_hierarchy: list[str] = field(default_factory=list)
    # "DUK: F (ATASAN LANGSUNG)": the column Unit induk or Atasan of such a sheet, there but empty on every row
    empty_hierarchy: list[str] = field(default_factory=list)
    # "sheet DUK, row 9 (BIDANG PERIKANAN)": a row with only a Unit kerja that no other row names, a new unit
    lone_units: list[str] = field(default_factory=list)
    # "Subbagian Umum → Sekretariat": new units placed by their names, in a sheet without Unit induk
    placed_by_name: list[str] = field(default_factory=list)
    # "Seksi Pelayanan → Bidang Koperasi": placed by the row order of a file grouped by unit (_place_by_name)
    placed_by_order: list[str] = field(default_factory=list)
    # The new units such a sheet leaves at the top, their names not telling their parent (without_hierarchy)
    unplaced_units: list[str] = field(default_factory=list)
    # A position's kind against its Eselon: "sheet X, row 6: Kepala Subbagian … is imported as …"
    position_warnings: list[str] = field(default_factory=list)
    started_today: list[str] = field(default_factory=list)  # holdings without Mulai, begun on the import's day
    sheets: list[str] = field(default_factory=list)  # the sheets whose rows were read, in the file's order
    # New people without a NIP: (name, how the import finds them next time, where)
    without_nip: list[tuple[str, str, str]] = field(default_factory=list)
    # "row 7: Siti is Plt. Kepala Dinas while …": a Plt beside a definitive holder (holding.plt_beside_holder),
    # a Plh over days without one (holding.plh_without_holder)
    warnings: list[str] = field(default_factory=list)

    def count(self, what: str, created: bool) -> int:
        return sum(1 for c in self.changes if c.what == what and c.created == created)

    @property
    def created(self) -> list[Change]:
        return [c for c in self.changes if c.created]

    @property
    def updated(self) -> list[Change]:
        return [c for c in self.changes if not c.created]

    @property
    def remark_columns_note(self) -> str:
        """The Keterangan columns, said apart from those not read: kinerja reads a Plt./Plh. in them."""
        return ngettext("From the remark column %(columns)s, only a Plt./Plh. and its decree number are read.",
                        "From the remark columns %(columns)s, only a Plt./Plh. and its decree number are read.",
                        len(self.remark_columns)) % {"columns": "; ".join(self.remark_columns)}

    @property
    def counts(self) -> dict[str, int]:
        return {f"{what}_{'new' if created else 'changed'}": self.count(what, created)
                for what in ("unit", "position", "person", "holding") for created in (True, False)}


class _DryRun(Exception):
    pass


def columns_not_read(unread: list[str]) -> str:
    return _("Columns not read, as kinerja does not know their header: %(columns)s. If one of them is needed (Unit "
             "induk, NIP, Selesai …), write its header as the template does.") % {"columns": "; ".join(unread)}


def without_people_note(where: list[str]) -> str:
    """The sheets (the file, for a CSV) read without a column of a person: every row a vacant position."""
    return _("%(where)s: no column Nama, NIP, Nama/NIP or NIK/ID lain, so no one is read as holding a position: "
             "every position is imported as vacant. If the names are in a column with another header, write it as "
             "the template does.") % {"where": ", ".join(where)}


def accepted_headers(key: str) -> str:
    """The headers kinerja reads a column under, to name with a column missing."""
    header, others = COLUMNS[key]
    return ", ".join(f"“{h[:1].upper()}{h[1:]}”" for h in (header, *others))


def without_hierarchy_note(where: list[str], units: list[str]) -> str:
    """The sheets (the file, for a CSV) read without a column of the parent unit or of the superior, which
    add units whose names do not tell their parent (`units`, _place_by_name): kinerja has nothing to place
    them by, and takes a position's superiors from the units."""
    return _("%(where)s: no column names the parent unit (Unit induk, read under the headers %(parent)s) or the "
             "superior (Atasan (jabatan), read under %(superior)s), so each unit new to kinerja whose name does not "
             "tell its parent (%(units)s) is placed directly under the office, beside its own unit and not under "
             "it. kinerja takes a position's superiors from its unit and the units above, so the head of office is "
             "then no one's superior in those units. Add the column Unit induk with the unit each unit lies under "
             "(empty for the office itself).") % {
        "where": ", ".join(where), "parent": accepted_headers("parent"), "superior": accepted_headers("superior"),
        "units": ", ".join(units)}


def empty_hierarchy_note(columns: list[str], units: list[str]) -> str:
    """The columns of the parent unit and of the superior ("DUK: F (ATASAN LANGSUNG)") there but empty on every
    row of a sheet that adds units: placed by nothing, as in a sheet without them (without_hierarchy_note)."""
    return _("Columns of the parent unit or of the superior that are empty on every row: %(columns)s. So each unit "
             "new to kinerja whose name does not tell its parent (%(units)s) is placed directly under the office, "
             "beside its own unit and not under it. kinerja takes a position's superiors from its unit and the units "
             "above, so the head of office is then no one's superior in those units. Write in the column Unit induk "
             "(add it if the sheet has none) the unit each unit lies under (empty for the office itself).") % {
        "columns": "; ".join(columns), "units": ", ".join(units)}


@dataclass
class ColumnNote:
    """A note of the web's preview in two parts, to stay short on a phone: `summary`, one sentence always shown,
    and the `explanation` and the `headers` read for each column (its name, the headers) behind it."""

    summary: str
    explanation: str
    headers: list[tuple[str, str]]


def hierarchy_notes(without: list[str], empty: list[str], units: list[str]) -> list[ColumnNote]:
    """without_hierarchy_note and empty_hierarchy_note, for the web: the same, each cut into a summary line
    and the rest."""
    explanation = _("Each is placed beside its own unit, not under it. kinerja takes a position's superiors from "
                    "its unit and the units above, so the head of office is then no one's superior in those units. "
                    "Write in the column Unit induk (add it if the sheet has none) the unit each unit lies under "
                    "(empty for the office itself).")
    headers = [(COLUMNS[key][0], accepted_headers(key)) for key in ("parent", "superior")]
    notes = []
    if without:
        notes.append(ColumnNote(_("%(where)s: no column Unit induk or Atasan, so each unit new to kinerja whose name "
                                  "does not tell its parent (%(units)s) is placed directly under the office.") % {
            "where": ", ".join(without), "units": ", ".join(units)}, explanation, headers))
    if empty:
        notes.append(ColumnNote(_("Empty on every row: %(columns)s, so each unit new to kinerja whose name does not "
                                  "tell its parent (%(units)s) is placed directly under the office.") % {
            "columns": "; ".join(empty), "units": ", ".join(units)}, explanation, headers))
    return notes


def placed_by_name_note(placed: list[str], by_order: list[str] | None = None) -> str:
    """What placed the units of a sheet without Unit induk: their names, or the order of the rows."""
    notes = [_("Unit induk read from the names of the units, the sheet having none: %(units)s.") % {
        "units": "; ".join(placed)}] if placed else []
    if by_order:
        notes.append(_("Unit induk read from the order of the rows, not from the names (the sheet lists each unit's "
                       "Subbagian or Seksi under it): %(units)s. Check them, or write the column Unit induk.") % {
            "units": "; ".join(by_order)})
    return " ".join(notes)


def lone_units_note(rows: list[str]) -> str:
    return _("Rows with only a Unit kerja that no other row names were read as new units without positions yet: "
             "%(rows)s. If one is a title over the rows under it, delete that row, or merge it across the columns: "
             "a title is not read.") % {"rows": "; ".join(rows)}


class OrgImportFailed(ImportFailed):
    """ImportFailed, saying the columns not read: a header kinerja does not know ("Di Bawah Unit") leaves its
    column unread, and the errors listed follow from it (without Unit induk every superior is refused), so
    the one who fixes the file sees which."""

    def __init__(self, path: Path, errors: list[BadImportRow], unread: list[str],
                 without_people: list[str] | None = None, without_hierarchy: list[str] | None = None,
                 empty_hierarchy: list[str] | None = None, unplaced: list[str] | None = None) -> None:
        super().__init__(path, errors)
        self.unread_columns = unread
        self.without_people = without_people or []
        self.without_hierarchy = without_hierarchy or []
        self.empty_hierarchy = empty_hierarchy or []
        self.unplaced_units = unplaced or []
        if unread:
            self.args = (f"{self.args[0]}\n{columns_not_read(unread)}",)
        if self.without_people:
            self.args = (f"{self.args[0]}\n{without_people_note(self.without_people)}",)
        if self.without_hierarchy:
            self.args = (f"{self.args[0]}\n{without_hierarchy_note(self.without_hierarchy, self.unplaced_units)}",)
        if self.empty_hierarchy:
            self.args = (f"{self.args[0]}\n{empty_hierarchy_note(self.empty_hierarchy, self.unplaced_units)}",)


def _messages(e: ValidationError) -> str:
    return " ".join(e.messages)


def _diff(label: str, old: object, new: object) -> str:
    def shown(value: object) -> str:
        if value is None or value == "":
            return "–"
        return date_format(value) if isinstance(value, dt.date) else str(value)
    return f"{label}: {shown(old)} → {shown(new)}"


def _save_units(plan: Plan, office: Office, summary: Summary, errors: list[BadImportRow]) -> dict[str, Unit]:
    saved: dict[str, Unit] = {_key(u.name): u for u in Unit.objects.filter(office=office)}
    # Parents first: a unit is saved once the unit above it is.
    todo, done = dict(plan.units), set()
    while todo:
        ready = [(k, u) for k, u in todo.items() if not u.parent or _key(u.parent) in done
                 or (_key(u.parent) not in plan.units and _key(u.parent) in saved)]
        if not ready:
            break  # a loop, reported by _check
        for key, planned in ready:
            del todo[key]
            done.add(key)
            row = planned.parent_row or planned.rows[0]
            parent = saved.get(_key(planned.parent)) if planned.parent else None
            unit = planned.existing
            if unit is None:
                unit = Unit(office=office, name=planned.name, kind=planned.kind, parent=parent)
                details = [_("kind: %(kind)s") % {"kind": unit.get_kind_display()}]
                if parent:
                    details.append(_("under %(unit)s") % {"unit": parent.name})
                change = Change("unit", planned.name, True, details, row.where())
            else:
                details = []
                if planned.parent and unit.parent_id != (parent.pk if parent else None):
                    details.append(_diff(_("Parent unit"), unit.parent.name if unit.parent else "", parent.name
                                         if parent else ""))
                    unit.parent = parent
                if planned.kind_given and unit.kind != planned.kind:
                    old = unit.get_kind_display()
                    unit.kind = planned.kind
                    details.append(_diff(_("Kind"), old, unit.get_kind_display()))
                change = Change("unit", unit.name, False, details, row.where()) if details else None
            if change is None:
                summary.unchanged += 1
                saved[_key(unit.name)] = unit
                continue
            try:
                unit.full_clean()
            except ValidationError as e:
                errors.append(row.bad("parent" if "parent" in e.message_dict else "unit", _value_problem(
                    planned.name, _messages(e))))
                continue
            unit.save()
            saved[_key(unit.name)] = unit
            summary.changes.append(change)
    return saved


def _save_positions(plan: Plan, office: Office, units: dict[str, Unit], summary: Summary,
                    errors: list[BadImportRow]) -> dict[str, Position]:
    saved: dict[str, Position] = {}
    for key, planned in plan.positions.items():
        row = planned.rows[0]
        unit = units.get(_key(planned.unit))
        if unit is None:
            continue  # the unit's own error is reported
        position = planned.existing
        if position is None:
            # A staff position is held by several people at once (the demo's JFU); a head position by one.
            position = Position(office=office, unit=unit, title=planned.title, kind=planned.kind,
                                single_holder=planned.kind in Position.HEAD_KINDS, echelon=planned.echelon or "")
            details = [_("in %(unit)s") % {"unit": unit.name},
                       _("kind: %(kind)s") % {"kind": position.get_kind_display()}]
            if position.echelon:
                details.append(_("eselon %(echelon)s") % {"echelon": position.echelon})
            change: Change | None = Change("position", planned.title, True, details, row.where())
        else:
            diffs = []
            if planned.kind_given and position.kind != planned.kind:
                old = position.get_kind_display()
                position.kind = planned.kind
                diffs.append(_diff(_("Kind"), old, position.get_kind_display()))
            if planned.echelon is not None and position.echelon != planned.echelon:  # an empty Eselon keeps it
                diffs.append(_diff(_("Eselon"), position.echelon, planned.echelon))
                position.echelon = planned.echelon
            change = Change("position", position.title, False, diffs, row.where()) if diffs else None
        if change is None:
            summary.unchanged += 1
            saved[key] = position
            continue
        try:
            position.full_clean()
        except ValidationError as e:
            errors.append(row.bad("position", _value_problem(planned.title, _messages(e))))
            continue
        position.save()
        saved[key] = position
        summary.changes.append(change)
    return saved


def _username(name: str, taken: set[str]) -> str:
    """An account name for a person without a NIP, from their name without titles: "Rina Wati, S.Kom." →
    rina.wati (rina.wati2 when that is taken). A NIK is not made a username: it is personal data."""
    words = re.sub(r"[^a-z0-9 ]+", " ", name.split(",")[0].lower()).split()
    words = [w for w in words if w not in {"dr", "drs", "dra", "ir", "h", "hj", "prof"}] or ["pegawai"]
    base = ".".join(words[:3])[:30]
    user_model = get_user_model()
    candidate, n = base, 1
    while candidate in taken or user_model.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    taken.add(candidate)
    return candidate


def _found_by(nip: str, other_id: str, name: str) -> str:
    """How the import finds the person next time, for the preview."""
    if nip:
        return _("NIP %(nip)s") % {"nip": nip}
    if other_id:
        return _("no NIP: found next time by the ID %(id)s (NIK/ID lain)") % {"id": other_id}
    return _("no NIP or ID: found next time by the name “%(name)s” in the office; keep writing it the same "
             "way, or add a column NIK/ID lain") % {"name": name}


def _save_people(plan: Plan, office: Office, summary: Summary, errors: list[BadImportRow]) -> dict[str, Person]:
    found = dict(plan.found)
    user_model = get_user_model()
    taken: set[str] = set()
    for identity, rows in plan.people.items():
        row = rows[0]
        name = next((r.name for r in rows if r.name), "")
        nip = next((r.nip for r in rows if r.nip), "")
        other_id = next((r.other_id for r in rows if r.other_id), "")
        grade = next((r.grade for r in rows if r.grade), "")
        email = next((r.email for r in rows if r.email), "")
        person = found.get(identity)
        if person is None:
            # No password: the account cannot sign in until the administrator gives it one (module docstring).
            username = nip or _username(name, taken)
            user = user_model.objects.create_user(username=username, password=None, email=email)
            person = Person(user=user, office=office, full_name=name, nip=nip, other_id=other_id, grade=grade)
            details = [_found_by(nip, other_id, name)] + (
                [_("golongan %(grade)s") % {"grade": grade}] if grade else [])
            change = Change("person", name, True, details, row.where())
            summary.new_accounts.append((username, name))
            if not nip:
                summary.without_nip.append((name, _found_by(nip, other_id, name), row.where()))
        else:
            details = []
            if name and person.full_name != name:
                details.append(_diff(_("Name"), person.full_name, name))
                person.full_name = name
            if nip and person.nip != nip:  # found by name, now with the NIP given
                details.append(_diff(_("NIP"), person.nip, nip))
                person.nip = nip
            if other_id and person.other_id != other_id:
                details.append(_diff(_("NIK/ID lain"), person.other_id, other_id))
                person.other_id = other_id
            if grade and person.grade != grade:
                details.append(_diff(_("Golongan"), person.grade, grade))
                person.grade = grade
            if email and person.user.email.lower() != email:
                details.append(_diff(_("E-mail"), person.user.email, email))
                person.user.email = email
                person.user.save(update_fields=["email"])
            if details and not person.nip:
                details.append(_found_by(person.nip, person.other_id, person.full_name))
            change = Change("person", person.full_name, False, details, row.where()) if details else None
        if change is None:
            summary.unchanged += 1
            found[identity] = person
            continue
        try:
            person.full_clean(exclude=["user"])
        except ValidationError as e:
            errors.append(row.bad(row.id_key, _value_problem(row.id_value, _messages(e))))
            continue
        person.save()
        found[identity] = person
        summary.changes.append(change)
    return found


def _end_previous_post(plan: Plan, person: Person, position: Position, row: Row, start: dt.date, summary: Summary,
                       errors: list[BadImportRow]) -> None:
    """A person moving to another post: the row gives them a new definitive position from `start` while
    their definitive holding of another position of the office is still open then. That holding ends the
    day before (a change the preview shows), as the decree moving them says. Left alone, and refused by
    the rules of Assignment.clean when the new holding is checked: a holding that starts on or after
    `start` (ending it the day before would reverse it), and one the file itself says goes on (a row of
    the person in that position whose period reaches `start`)."""
    # Lock the person, as actions.assign does: their holdings change together.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    still_named = {_key(r.position) for r in plan.people.get(row.identity, [])
                   if r is not row and r.status == Assignment.Kind.DEFINITIVE and (r.end is None or r.end >= start)}
    open_holdings = (Assignment.objects.filter(person=person, kind=Assignment.Kind.DEFINITIVE, starts_on__lt=start,
                                               position__office=position.office)
                     .exclude(ends_on__lt=start).exclude(position=position).select_related("position"))
    for old in open_holdings:
        if {_key(n) for n in old.position.names()} & still_named:
            continue  # the file says it goes on: Assignment.clean refuses the second definitive post
        previous_end = old.ends_on
        old.ends_on = start - dt.timedelta(days=1)
        try:
            old.full_clean()
        except ValidationError as e:
            errors.append(row.bad("start", _value_problem(date_format(start), _messages(e))))
            continue
        old.save(update_fields=["ends_on"])
        summary.changes.append(Change("holding", f"{person.full_name} — {old.title_as_held}", False, [
            _diff(_("Until"), previous_end, old.ends_on),
            _("moves to %(position)s from %(start)s") % {"position": position.title, "start": date_format(start)}],
            row.where()))


def _save_holdings(plan: Plan, positions: dict[str, Position], people: dict[str, Person], today: dt.date,
                   summary: Summary, errors: list[BadImportRow]) -> None:
    saved: list[tuple[Row, Assignment]] = []
    # A head (Kepala, Sekretaris, Kepala unit) without a NIP: saved, as the office wrote it, but said, once
    # per person and position. Nothing else in kinerja needs the NIP; a warning, not a refusal.
    told_nip: set[tuple[int, int]] = set()
    for key, planned in plan.positions.items():
        position = positions.get(key)
        if position is None:
            continue
        # Lock the position, as actions.assign does: two imports must not both slip a holder in.
        Position.objects.select_for_update().filter(pk=position.pk).first()
        # Rows about holdings kinerja has first: the end one of them writes (the holder who left) is saved
        # before a new holder's row is checked, wherever the file puts it (the new Kasubbag above the old).
        known = set(Assignment.objects.filter(position=position).values_list("person_id", "kind"))
        for row in sorted(planned.rows, key=lambda r: (getattr(people.get(r.identity), "pk", None), r.status)
                          not in known):
            person = people.get(row.identity)
            if not row.identity or person is None:
                continue
            start, end = row.start, row.end
            candidates = list(Assignment.objects.filter(person=person, position=position, kind=row.status)
                              .order_by("-starts_on"))
            if start is None:
                # No Mulai: the latest such holding, even one ended since (in the admin, or by an earlier
                # file), which an old file must not open again.
                existing = candidates[0] if candidates else None
            else:
                wanted = (start, end or dt.date.max)
                existing = next((a for a in candidates if a.starts_on == start), None) or next(
                    (a for a in candidates if _overlap((a.starts_on, a.ends_on or dt.date.max), wanted)), None)
            label = f"{person.full_name} — {Assignment(kind=row.status, position=position).title_as_held}"
            if position.kind in Position.HEAD_KINDS and not person.nip and (person.pk, position.pk) not in told_nip:
                told_nip.add((person.pk, position.pk))
                summary.warnings.append(f"{row.where()}: " + _(
                    "%(name)s holds %(position)s, a head position, without a NIP. A civil servant in a structural "
                    "position has one: write it in column %(column)s.") % {
                    "name": person.full_name, "position": position.title,
                    "column": row.cells["nip"].column if "nip" in row.cells else COLUMNS["nip"][0]})
            if existing is None and row.status == Assignment.Kind.DEFINITIVE:
                _end_previous_post(plan, person, position, row, start or today, summary, errors)
            if existing is None:
                holding = Assignment(person=person, position=position, kind=row.status, starts_on=start or today,
                                     ends_on=end, decree_number=row.decree)
                details = [_("from %(start)s") % {"start": date_format(holding.starts_on)}]
                if end:
                    details.append(_("until %(end)s") % {"end": date_format(end)})
                if row.decree:
                    details.append(_("decree %(number)s") % {"number": row.decree})
                change = Change("holding", label, True, details, row.where())
                if start is None:
                    summary.started_today.append(f"{row.where()}: {label}")
            else:
                holding, details = existing, []
                if start is not None and holding.starts_on != start:
                    details.append(_diff(_("From"), holding.starts_on, start))
                    holding.starts_on = start
                # An empty Selesai or Nomor SK keeps what kinerja has (an end set in the admin stays).
                if end is not None and holding.ends_on != end:
                    details.append(_diff(_("Until"), holding.ends_on, end))
                    holding.ends_on = end
                if row.decree and holding.decree_number != row.decree:
                    details.append(_diff(_("Decree number"), holding.decree_number, row.decree))
                    holding.decree_number = row.decree
                change = Change("holding", label, False, details, row.where()) if details else None
            if change is None:
                summary.unchanged += 1
                continue
            try:
                holding.full_clean()
            except ValidationError as e:
                column = "end" if "__all__" in e.message_dict and row.end else row.id_key
                errors.append(row.bad(column, _value_problem(row.id_value if column != "end" else row.cells["end"].value,
                                                             _messages(e))))
                continue
            holding.save()
            summary.changes.append(change)
            saved.append((row, holding))
    # Once every row is saved, so that an end written on another row (the holder who left) counts.
    told: set[tuple[int, int]] = set()  # a new Plt and the new holder it stands beside: said once
    told_plh: set[int] = set()  # a Plh over days without a holder: said once, by the first row that leads to it
    for row, holding in saved:
        for plt, held in plt_beside_holder(holding):
            if (plt.pk, held.pk) not in told:
                told.add((plt.pk, held.pk))
                summary.warnings.append(f"{row.where()}: {plt_warning(plt, held)}")
        for plh, gaps in plh_without_holder(holding):
            if plh.pk not in told_plh:
                told_plh.add(plh.pk)
                summary.warnings.append(f"{row.where()}: {plh_warning(plh, gaps)}")


def import_file(path: Path | str, office: Office, *, dry_run: bool = False, today: dt.date | None = None,
                sheet: str | None = None) -> Summary:
    """Read, check and save the organisation in `path` into `office`: all rows or nothing. A dry run
    (the web's preview) does the same and rolls it back, so it reports exactly what saving would do.
    `sheet`: read only that sheet of a workbook (else every visible sheet with a header)."""
    path = Path(path)
    today = today or today_in(office.time_zone)
    reading = _read(path, sheet or None)
    rows, unread, errors = reading.rows, reading.unread, reading.errors
    if not rows and not errors:
        raise KinerjaError(_("%(file)s has a header but no rows under it.") % {"file": path.name})
    plan = _check(rows, office, today, errors)
    # A sheet without a column of a person, which has rows: its people, if it names any, are not read.
    without_people = [w for w in reading.without_people if any((r.sheet or path.name) == w for r in rows)]
    # A sheet without a column of the parent unit or of the superior (or with them empty on every row), which
    # adds a unit that no other sheet places: it lands at the top (a unit kinerja has keeps its parent: an empty
    # cell keeps what it has). Said unless it is the office's one unit at the top, the office's own.
    new_tops = {key for key, u in plan.units.items() if u.existing is None and not u.parent}
    without_hierarchy, empty_hierarchy, unplaced = [], [], []
    if new_tops and len(new_tops | {_key(name) for name in Unit.objects.filter(
            office=office, parent=None).values_list("name", flat=True)}) > 1:
        # The office's own unit is at the top by right; the others their names did not place (_place_by_name).
        unplaced = [u.name for key, u in plan.units.items() if key in new_tops and key != plan.office_unit] or [
            u.name for key, u in plan.units.items() if key in new_tops]
        # A Seksi refused as undecided is not placed at the top: its own error says what to write.
        unplaced = [name for name in unplaced if not plan.units[_key(name)].undecided]
        placed_nowhere = {r.sheet or path.name for u in unplaced for r in plan.units[_key(u)].rows}
        without_hierarchy = [w for w in reading.without_hierarchy if w in placed_nowhere]
        empty_hierarchy = [f"{w}: {column}" for w, column in reading.empty_hierarchy if w in placed_nowhere]
        if not without_hierarchy and not empty_hierarchy or not unplaced:
            unplaced, without_hierarchy, empty_hierarchy = [], [], []
    if errors:
        raise OrgImportFailed(path, errors, unread, without_people, without_hierarchy, empty_hierarchy, unplaced)
    named_as_parent = {_key(u.parent) for u in plan.units.values() if u.parent}
    lone_units = [f"{row.where()} ({row.unit})" for row in rows if row.unit_only
                  and len(plan.units[_key(row.unit)].rows) == 1 and plan.units[_key(row.unit)].existing is None
                  and _key(row.unit) not in named_as_parent]
    summary = Summary(path.name, dry_run, rows=len(rows), unread_columns=unread, ignored_columns=reading.ignored,
                      remark_columns=reading.remarks,
                      hidden_rows=reading.hidden, title_rows=reading.titles,
                      signature_rows=reading.signatures, total_rows=reading.totals,
                      without_people=without_people, without_hierarchy=without_hierarchy,
                      empty_hierarchy=empty_hierarchy, lone_units=lone_units, placed_by_name=plan.placed,
                      placed_by_order=plan.placed_by_order,
                      unplaced_units=unplaced, position_warnings=plan.position_warnings,
                      sheets=list(dict.fromkeys(row.sheet for row in rows if row.sheet)))
    try:
        with transaction.atomic():
            units = _save_units(plan, office, summary, errors)
            positions = _save_positions(plan, office, units, summary, errors)
            people = _save_people(plan, office, summary, errors)
            _save_holdings(plan, positions, people, today, summary, errors)
            if errors:
                raise OrgImportFailed(path, errors, unread, without_people, without_hierarchy, empty_hierarchy,
                                      unplaced)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return summary


# --- the template ----------------------------------------------------------------------------------

TEMPLATE_COLUMNS = ["unit", "parent", "position", "superior", "name", "nip", "other_id", "grade", "email", "status",
                    "decree", "start", "end", "unit_kind", "position_kind", "echelon"]
TEMPLATE_ECHELONS = ("II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b", "Non Eselon")
GUIDE = [
    "Petunjuk pengisian (lembar ini tidak dibaca saat impor)",
    "",
    "Satu baris untuk satu pemegang jabatan. Baris tanpa Nama adalah jabatan yang kosong; baris yang hanya "
    "berisi Unit kerja adalah unit tanpa jabatan.",
    "Unit kerja: nama unit, sama persis di setiap baris (boleh ditulis sekali lalu dikosongkan di baris bawahnya).",
    "Unit induk: unit tempat unit ini berada; kosong untuk dinas/badan itu sendiri.",
    "Jabatan: nama jabatan; satu nama jabatan hanya ada di satu unit.",
    "Atasan (jabatan): jabatan kepala unit ini atau unit di atasnya (diperiksa, tidak disimpan: atasan diambil "
    "dari susunan unit).",
    "NIP: 18 angka, boleh dengan spasi seperti tercetak. Kolom ini berformat Teks: jangan ubah menjadi Angka, "
    "karena Excel hanya menyimpan 15 angka.",
    "NIK/ID lain: hanya untuk pegawai tanpa NIP (tenaga honorer, PPPK yang belum punya nomor): NIK atau nomor "
    "pegawai dari kantor. Pegawai tanpa NIP dan tanpa ID dicocokkan dengan namanya: tulis namanya selalu sama.",
    "Pangkat/Golongan: III/a, atau Penata Muda (III/a).",
    "Status: definitif, Plt atau Plh. Plt dan Plh wajib mengisi Nomor SK. Plh menggantikan pejabat definitif yang "
    "berhalangan sementara (cuti, dinas luar, sakit); Plt mengisi jabatan yang kosong atau yang pejabatnya "
    "berhalangan tetap (SE Kepala BKN 1/2021).",
    "Mulai dan Selesai: tanggal seperti 02/01/2025 atau 2 Januari 2025. Mulai kosong: mulai hari impor. "
    "Selesai kosong: tanpa batas (atau tetap seperti yang sudah tercatat).",
    "Jenis unit (tidak wajib): Dinas, Sekretariat, Subbagian, Bidang, Seksi, UPT. Kosong: ditebak dari nama unit.",
    "Jenis jabatan (tidak wajib): Kepala OPD, Sekretaris, Kepala unit, Staf, Pengelola data. Kosong: ditebak "
    "dari nama jabatan.",
    "Eselon (tidak wajib): II.a, II.b, III.a, III.b, IV.a, IV.b (juga ditulis III/a atau Eselon IV.b), atau "
    "JPT Pratama, Administrator, Pengawas; \"-\" atau Non Eselon untuk jabatan pelaksana dan fungsional. "
    "Disimpan pada jabatan (kosong: tetap seperti yang sudah tercatat). Jabatan bereselon dibaca sebagai kepala "
    "unit; jenis jabatan yang tidak sesuai dengan eselonnya, dan eselon yang tidak sesuai dengan tingkat unitnya "
    "(Kepala Seksi bereselon II), disebutkan pada hasil impor.",
    "",
    "Akun baru: nama pengguna = NIP (tanpa NIP: dari namanya, misalnya rina.wati), belum punya kata sandi. "
    "Administrator memberi kata sandi pertama sekaligus di halaman Administrasi (Pegawai → centang pegawainya → "
    "Beri kata sandi pertama), untuk dicetak dan diserahkan; hasil impor menautkan setiap akun baru.",
    "Mengimpor berkas yang sama dua kali tidak mengubah apa pun; pegawai dicocokkan dengan NIP (tanpa NIP: "
    "NIK/ID lain, atau namanya), jabatan dengan namanya di unitnya.",
]


def write_template(path: Path | str) -> Path:
    """The empty template: the headers on the first sheet, the guide on the second."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path)
    book = Workbook()
    sheet = book.active
    sheet.title = "Organisasi"
    sheet.append([COLUMNS[key][0] for key in TEMPLATE_COLUMNS])
    widths = {"unit": 34, "parent": 30, "position": 38, "superior": 30, "name": 32, "nip": 22, "other_id": 20, "grade": 18,
              "email": 26, "status": 14, "decree": 24, "start": 12, "end": 12, "unit_kind": 14, "position_kind": 16,
              "echelon": 12}
    for index, key in enumerate(TEMPLATE_COLUMNS):
        cell = sheet.cell(1, index + 1)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
        letter = _letter(index)
        sheet.column_dimensions[letter].width = widths[key]
        if key in ("nip", "other_id", "start", "end"):
            # The NIP as text, so Excel keeps its 18 digits; the dates as the office writes them.
            for row in range(2, 501):
                sheet.cell(row, index + 1).number_format = "DD/MM/YYYY" if key in ("start", "end") else "@"
    status = DataValidation(type="list", formula1='"definitif,Plt,Plh"', allow_blank=True)
    sheet.add_data_validation(status)
    status.add(f"{_letter(TEMPLATE_COLUMNS.index('status'))}2:{_letter(TEMPLATE_COLUMNS.index('status'))}500")
    # A list to pick from, not a limit: "III/a" or "Pengawas" typed in stays (the guide lists what is read).
    echelon = DataValidation(type="list", formula1=f'"{",".join(TEMPLATE_ECHELONS)}"', allow_blank=True)
    sheet.add_data_validation(echelon)
    echelon.add(f"{_letter(TEMPLATE_COLUMNS.index('echelon'))}2:{_letter(TEMPLATE_COLUMNS.index('echelon'))}500")
    sheet.freeze_panes = "A2"
    guide = book.create_sheet("Petunjuk")
    for line in GUIDE:
        guide.append([line])
    guide["A1"].font = Font(bold=True)
    guide.column_dimensions["A"].width = 140
    book.save(path)
    return path
