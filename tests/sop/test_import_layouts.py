"""One test per way an office lays out its SOP that the importer once misread (found by importing the
documents of tests/sop/offices.py): the identity block beside the letterhead, header rows grouped over
three rows, the Waktu number and its unit in two columns, lettered steps, a signature under the table,
hidden parts of a sheet, decisions that send work back, abbreviated actors, text files other than
tab-separated UTF-8."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from io import StringIO
from pathlib import Path

import docx
import openpyxl
import pytest
from django.core.management import call_command

from kinerja.sop import actions
from kinerja.sop.importers import SopImportError, flow, parse_document, read_document
from tests.base import KinerjaTestCase

from .documents import sop_text, write

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Pemohon", "Petugas Loket", "Kasi", "Camat"]
STEPS = [("Menyerahkan berkas", "10 menit", "Pemohon"), ("Memeriksa berkas", "15 menit", "Petugas Loket"),
         ("Membuat konsep surat", "30 menit", "Kasi"), ("Menandatangani surat", "15 menit", "Camat")]


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def table_at(lines: list[str]) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith("No.\t"))


def step_row(lines: list[str], number: int) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(f"{number}\t"))


# The identity block.

def test_the_identity_block_beside_the_letterhead_is_read(tmp_path: Path) -> None:
    text = sop_text(ACTORS, STEPS, number="470/15/SOP/2024")
    text = text.replace("PEMERINTAH KOTA BANDAR LAMPUNG\nDINAS KOPERASI DAN UKM\n\nNOMOR SOP\t",
                        "PEMERINTAH KOTA BANDAR LAMPUNG\tNOMOR SOP\t:\t")
    text = text.replace("TANGGAL PEMBUATAN\t", "KECAMATAN TELUK BETUNG UTARA\tTANGGAL PEMBUATAN\t:\t")
    text = text.replace("TANGGAL EFEKTIF\t", "\tTANGGAL EFEKTIF\t:\t")
    assert "PEMERINTAH KOTA BANDAR LAMPUNG\tNOMOR SOP\t:\t470/15/SOP/2024\n" in text
    draft = read_document(write(tmp_path, text))
    assert draft.number == "470/15/SOP/2024"
    assert (draft.created_on, draft.effective_on) == (dt.date(2023, 1, 9), dt.date(2025, 1, 2))
    assert draft.lines == ["PEMERINTAH KOTA BANDAR LAMPUNG", "KECAMATAN TELUK BETUNG UTARA"]


def test_a_letterhead_cell_of_several_lines_gives_several_lines(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 1).text, table.cell(0, 2).text = "Nomor SOP", "01/SOP/2024"
    table.cell(1, 1).text, table.cell(1, 2).text = "Nama SOP", "SOP UJI"
    table.cell(0, 0).merge(table.cell(1, 0)).text = "PEMERINTAH KOTA METRO\nINSPEKTORAT"
    procedure = document.add_table(rows=3, cols=6)
    for r, row in enumerate([["No", "Kegiatan", "Pelaksana", "", "Mutu Baku", ""],
                             ["", "", "Irban", "Inspektur", "Waktu", "Output"],
                             ["1", "Mereviu", "X", "", "1 hari", "LHR"]]):
        for c, value in enumerate(row):
            procedure.cell(r, c).text = value
    document.save(str(tmp_path / "sop.docx"))
    draft = read_document(tmp_path / "sop.docx")
    assert (draft.number, draft.lines) == ("01/SOP/2024", ["PEMERINTAH KOTA METRO", "INSPEKTORAT"])


# Header rows.

def _grouped_header(text: str) -> str:
    """The actors grouped under the unit they belong to: a header row between "Pelaksana" and the names."""
    lines = lines_of(text)
    top = table_at(lines)
    lines.insert(top + 1, "\t\tMasyarakat\tKecamatan\t\t\t\t\t\t")
    return "\n".join(lines)


def test_actor_names_under_a_row_of_units_are_the_actors(tmp_path: Path) -> None:
    draft = read_document(write(tmp_path, _grouped_header(sop_text(ACTORS, STEPS))))
    assert draft.actors == ACTORS
    assert [s.actor for s in draft.steps] == [a for _t, _d, a in STEPS]


def test_a_row_numbering_the_columns_is_part_of_the_header(tmp_path: Path) -> None:
    lines = lines_of(sop_text(ACTORS, STEPS))
    lines.insert(table_at(lines) + 2, "\t".join(str(i) for i in range(1, 11)))
    draft = read_document(write(tmp_path, "\n".join(lines)))
    assert [s.number for s in draft.steps] == [1, 2, 3, 4] and draft.actors == ACTORS


def test_a_header_of_one_row_names_the_actors_itself(tmp_path: Path) -> None:
    lines = lines_of(sop_text(ACTORS, STEPS))
    top = table_at(lines)
    lines[top:top + 2] = ["No.\tUraian Prosedur\t" + "\t".join(ACTORS) + "\tKelengkapan\tWaktu\tOutput\tKet"]
    draft = read_document(write(tmp_path, "\n".join(lines)))
    assert draft.actors == ACTORS and draft.steps[3].actor == "Camat"


@pytest.mark.parametrize("header", ["Tahapan Kegiatan", "Rincian Aktivitas", "Langkah-langkah Prosedur"])
def test_other_words_for_the_activity_column_are_read(tmp_path: Path, header: str) -> None:
    text = sop_text(ACTORS, STEPS).replace("\tUraian Prosedur\t", f"\t{header}\t")
    assert [s.activity for s in read_document(write(tmp_path, text)).steps][0] == "Menyerahkan berkas"


def test_an_output_column_headed_hasil_is_read(tmp_path: Path) -> None:
    text = sop_text(ACTORS, STEPS).replace("\tOutput\t", "\tHasil\t")
    assert read_document(write(tmp_path, text)).steps[0].output == "hasil 1"


# The Waktu number and its unit in two columns.

@pytest.mark.parametrize("unit_header", ["", "Satuan"])
def test_the_unit_beside_the_waktu_number_is_read_with_it(tmp_path: Path, unit_header: str) -> None:
    lines = lines_of(sop_text(ACTORS, STEPS))
    top = table_at(lines)
    lines[top] = lines[top].replace("Mutu Baku\t\t\t", "Mutu Baku\t\t\t\t")
    lines[top + 1] = lines[top + 1].replace("\tWaktu\tOutput", f"\tWaktu\t{unit_header}\tOutput")
    for number in range(1, 5):
        row = step_row(lines, number)
        amount, unit = STEPS[number - 1][1].split()
        lines[row] = lines[row].replace(f"\t{amount} {unit}\t", f"\t{amount}\t{unit.capitalize()}\t")
    draft = read_document(write(tmp_path, "\n".join(lines)))
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [
        (10, "minute"), (15, "minute"), (30, "minute"), (15, "minute")]
    assert draft.steps[0].duration_text == "10 Menit" and draft.steps[0].output == "hasil 1"


# Step numbers.

@pytest.mark.parametrize("numbers", [["a.", "b.", "c.", "d."], ["A", "B", "C", "D"], ["1)", "2)", "3)", "4)"],
                                     ["(1)", "(2)", "(3)", "(4)"]])
def test_steps_numbered_with_letters_or_brackets_are_read(tmp_path: Path, numbers: list[str]) -> None:
    lines = lines_of(sop_text(ACTORS, STEPS))
    for number, written in enumerate(numbers, start=1):
        row = step_row(lines, number)
        lines[row] = written + lines[row][len(str(number)):]
    assert [s.number for s in read_document(write(tmp_path, "\n".join(lines))).steps] == [1, 2, 3, 4]


# What stands below the table, or between its pages.

def test_a_signature_in_the_columns_of_the_table_is_not_part_of_the_last_step(tmp_path: Path) -> None:
    # Right of the actors, in the Kelengkapan column.
    signature = ["", "\t\t\t\t\t\tTeluk Betung, 3 Juni 2024", "\t\t\t\t\t\tCAMAT TELUK BETUNG UTARA",
                 "\t\t\t\t\t\tHENDRA GUNAWAN, S.STP.", "\t\t\t\t\t\tNIP. 19820314 200112 1 002"]
    draft = read_document(write(tmp_path, sop_text(ACTORS, STEPS) + "\n".join(signature) + "\n"))
    assert (draft.steps[-1].activity, draft.steps[-1].inputs) == ("Menandatangani surat", "berkas")


def test_a_signature_right_under_the_last_step_is_not_part_of_it(tmp_path: Path) -> None:
    text = sop_text(ACTORS, STEPS) + "\tCAMAT TELUK BETUNG UTARA HENDRA GUNAWAN NIP. 19820314 200112 1 002\n"
    assert read_document(write(tmp_path, text)).steps[-1].activity == "Menandatangani surat"


def test_a_signature_table_under_a_word_table_is_not_part_of_the_last_step(tmp_path: Path) -> None:
    lines = lines_of(sop_text(ACTORS, STEPS))
    document = docx.Document()
    for line in lines[:table_at(lines)]:
        document.add_paragraph(line)
    rows = [line.split("\t") for line in lines[table_at(lines):] if line.strip()]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("")
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 1).text = "Camat Teluk Betung Utara\n\nHENDRA GUNAWAN\nNIP. 19820314 200112 1 002"
    document.save(str(tmp_path / "sop.docx"))
    assert read_document(tmp_path / "sop.docx").steps[-1].activity == "Menandatangani surat"


@pytest.mark.parametrize("between", [["", "SOP PELAYANAN SURAT KETERANGAN", "Halaman 2 dari 2", ""],
                                     ["Halaman 2"], ["", "\tSOP PELAYANAN SURAT KETERANGAN"]])
def test_a_page_heading_inside_the_table_does_not_end_it(tmp_path: Path, between: list[str]) -> None:
    lines = lines_of(sop_text(ACTORS, STEPS))
    row = step_row(lines, 3)
    lines[row:row] = between
    draft = read_document(write(tmp_path, "\n".join(lines)))
    assert [s.number for s in draft.steps] == [1, 2, 3, 4]
    assert draft.steps[1].activity == "Memeriksa berkas"


# Spreadsheets: what is hidden was not printed.

def _sheet(rows: list[list[object]]) -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    return workbook


def _sop_rows(actors: list[str] = ACTORS) -> list[list[object]]:
    return [[int(c) if c.isdigit() else c for c in line.split("\t")]
            for line in lines_of(sop_text(actors, STEPS)) if line.strip()]


def test_hidden_columns_of_a_sheet_are_left_out(tmp_path: Path) -> None:
    rows = _sop_rows([*ACTORS[:3], "Sekcam", "Camat"])
    workbook = _sheet(rows)
    workbook.active.column_dimensions["F"].hidden = True  # "Sekcam", left from an older version
    workbook.save(tmp_path / "sop.xlsx")
    assert read_document(tmp_path / "sop.xlsx").actors == ACTORS


def test_hidden_rows_and_sheets_are_left_out(tmp_path: Path) -> None:
    rows = _sop_rows()
    workbook = _sheet(rows)
    old = workbook.create_sheet("SOP lama", 0)
    for row in _sop_rows(["Kasubbag", "JFU", "Kadis", "Sekretaris"]):
        old.append(row)
    old.sheet_state = "hidden"
    extra = [5, "Langkah yang dihapus", "", "", "", "X", "berkas", "1 hari", "arsip", ""]
    workbook.active.append(extra)
    workbook.active.row_dimensions[workbook.active.max_row].hidden = True
    workbook.save(tmp_path / "sop.xlsx")
    draft = read_document(tmp_path / "sop.xlsx")
    assert draft.actors == ACTORS and [s.number for s in draft.steps] == [1, 2, 3, 4]


def test_a_waktu_typed_as_a_time_of_day_is_a_duration(tmp_path: Path) -> None:
    rows = _sop_rows()
    first = next(i for i, row in enumerate(rows) if row[0] == 1)
    rows[first][7], rows[first + 1][7] = dt.time(0, 15), dt.timedelta(hours=2)
    workbook = _sheet(rows)
    workbook.save(tmp_path / "sop.xlsx")
    draft = read_document(tmp_path / "sop.xlsx")
    assert [(s.duration_value, s.duration_unit) for s in draft.steps[:2]] == [(15, "minute"), (2, "hour")]


# Text files as Excel and Word save them.

def test_a_unicode_text_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "sop.txt"
    path.write_bytes(sop_text(ACTORS, STEPS).replace("\n", "\r\n").encode("utf-16"))
    assert [s.actor for s in read_document(path).steps] == [a for _t, _d, a in STEPS]


@pytest.mark.parametrize("delimiter", [";", ","])
def test_a_csv_file_is_read(tmp_path: Path, delimiter: str) -> None:
    import csv

    out = StringIO()
    text = sop_text(ACTORS, STEPS).replace("10 menit", "0,5 jam")
    csv.writer(out, delimiter=delimiter).writerows(line.split("\t") for line in lines_of(text))
    path = write(tmp_path, out.getvalue(), "sop.csv")
    draft = read_document(path)
    assert [s.actor for s in draft.steps] == [a for _t, _d, a in STEPS]
    assert draft.steps[0].duration_value == Decimal("0.5")


def test_a_table_written_with_pipes_is_read(tmp_path: Path) -> None:
    lines = []
    for line in lines_of(sop_text(ACTORS, STEPS)):
        lines.append(f"| {' | '.join(line.split(chr(9)))} |" if "\t" in line else line)
        if line.startswith("\t\t"):
            lines.append("|---" * 10 + "|")
    draft = read_document(write(tmp_path, "\n".join(lines)))
    assert draft.number == "800/01/SOP/2025" and draft.actors == ACTORS
    assert [s.actor for s in draft.steps] == [a for _t, _d, a in STEPS]


def test_an_unreadable_csv_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "No.;Uraian\n1;\"" + "x" * 200_000 + "\n", "rusak.csv")
    with pytest.raises(SopImportError, match="rusak.csv: the CSV file cannot be read"):
        read_document(path)


# Decisions.

def test_the_labels_of_a_decision_are_not_the_symbol_of_the_step(tmp_path: Path) -> None:
    lines = lines_of(sop_text(ACTORS, STEPS))
    row = step_row(lines, 3)
    cells = lines[row].split("\t")
    cells[3] = "Tidak"  # the arrow back to the Petugas Loket, labelled
    lines[row] = "\t".join(cells)
    row = step_row(lines, 4)
    cells = lines[row].split("\t")
    cells[4] = "Ya"
    lines[row] = "\t".join(cells)
    draft = read_document(write(tmp_path, "\n".join(lines)))
    assert [s.actor for s in draft.steps] == [a for _t, _d, a in STEPS]


@pytest.mark.parametrize(("note", "returns"), [
    ("Ya: lanjut ke langkah 4. Tidak: ke langkah 1", [1]), ("Ya → 4; Tidak → 2", [2]),
    ("Tidak lengkap -> 1 (diberitahukan kepada pemohon)", [1]), ("Belum sesuai: proses ke no. 2", [2]),
    # A branch that skips ahead is no return; a time is no step.
    ("Tidak: ke langkah 4", []), ("Jika tidak lengkap: 2 hari untuk melengkapi", []),
])
def test_the_tidak_branch_of_a_decision_returns_to_the_step_it_names(tmp_path: Path, note: str,
                                                                     returns: list[int]) -> None:
    lines = lines_of(sop_text(ACTORS, STEPS))
    lines[step_row(lines, 3)] += note  # the Ket. cell
    draft = parse_document(write(tmp_path, "\n".join(lines)))
    assert draft.problems == [] and draft.steps[2].returns_to == returns


# Actors written out in the steps, abbreviated in the columns.

@pytest.mark.parametrize(("written", "column"), [
    ("Kepala Bidang Mutasi", "Kabid Mutasi"), ("Kasubbag", "Kasubbag Umpeg"),
    ("Kepala Sub Bagian Umum dan Kepegawaian", "Kasubbag Umpeg"), ("Jabatan Fungsional Analis Kepegawaian",
                                                                    "JF Analis Kepegawaian"),
    ("Inspektur Pembantu", "Irban"), ("Sekretaris Camat", "Sekcam"),
    ("Kepala Seksi Kesejahteraan Sosial", "Kasi Kesos"),
])
def test_a_hand_off_names_an_abbreviated_column_in_full(written: str, column: str) -> None:
    matcher = flow.ActorMatcher(["Kasubbag Umpeg", "JF Analis Kepegawaian", "Kabid Mutasi", "Inspektur", "Irban",
                                 "Sekcam", "Kasi Kesos", "Camat"])
    assert flow.handoff_target(f"Menyusun nota dan menyampaikan kepada {written} untuk diperiksa", matcher) == column


@pytest.mark.parametrize("written", ["Kasubbag Keuangan", "Kepala Seksi Pemerintahan", "Kepala Desa"])
def test_a_title_naming_another_unit_than_the_column_decides_nothing(written: str) -> None:
    matcher = flow.ActorMatcher(["Kasubbag Umpeg", "Kasi Kesos", "Kepala Puskesmas"])
    assert flow.handoff_target(f"Menyampaikan kepada {written}", matcher) is None


class ApprovalDisplayTestCase(KinerjaTestCase):
    def test_an_approval_without_a_name_shows_the_position_alone(self) -> None:
        text = sop_text(ACTORS, STEPS).replace(
            "KEPALA DINAS KOPERASI DAN UKM CONTOH NAMA, S.E. NIP. 19750427 199311 2 001", "CAMAT TELUK BETUNG UTARA")
        path = write(Path(tempfile.mkdtemp()), text)
        version = actions.import_sop(path, office=self.office, user=None)
        out = StringIO()
        call_command("sop", "show", str(version.pk), stdout=out)
        assert (version.approved_by, version.approved_by_name) == ("CAMAT TELUK BETUNG UTARA", "")
        self.assertIn(": CAMAT TELUK BETUNG UTARA\n", out.getvalue())


# Word's page header.

def _word_sop(tmp_path: Path, *, identity_in_page_header: bool, table_header_in_page_header: bool = False) -> Path:
    lines = lines_of(sop_text(ACTORS, STEPS, name="SOP DI KEPALA HALAMAN"))
    document = docx.Document()
    header = document.sections[0].header
    header.paragraphs[0].text = "PEMERINTAH KOTA METRO"
    identity = [line.split("\t") for line in lines[3:table_at(lines)] if "\t" in line and line.split("\t")[1]]
    target = header if identity_in_page_header else document
    table = target.add_table(rows=len(identity), cols=2, **({"width": docx.shared.Cm(18)}
                                                            if identity_in_page_header else {}))
    for r, (label, value, *_rest) in enumerate(identity):
        table.cell(r, 0).text, table.cell(r, 1).text = label, value
    if table_header_in_page_header:
        repeated = header.add_table(rows=1, cols=3, width=docx.shared.Cm(18))
        for c, text in enumerate(["No.", "Uraian Prosedur", "Pelaksana"]):
            repeated.cell(0, c).text = text
    rows = [line.split("\t") for line in lines[table_at(lines):] if line.strip()]
    procedure = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            procedure.cell(r, c).text = value
    document.save(str(tmp_path / "sop.docx"))
    return tmp_path / "sop.docx"


def test_an_identity_block_in_the_page_header_is_read(tmp_path: Path) -> None:
    draft = read_document(_word_sop(tmp_path, identity_in_page_header=True))
    assert (draft.name, draft.number, draft.lines) == ("SOP DI KEPALA HALAMAN", "800/01/SOP/2025",
                                                       ["PEMERINTAH KOTA METRO"])
    assert [s.actor for s in draft.steps] == [a for _t, _d, a in STEPS]


def test_a_page_header_repeating_the_table_header_is_left_with_the_table(tmp_path: Path) -> None:
    path = _word_sop(tmp_path, identity_in_page_header=False, table_header_in_page_header=True)
    draft = read_document(path)
    assert draft.name == "SOP DI KEPALA HALAMAN" and len(draft.steps) == 4


# Values longer than the database keeps.

@pytest.mark.parametrize(("column", "replace", "by"), [
    ("Nama SOP", "NAMA SOP\tSOP UJI COBA", "NAMA SOP\tSOP " + "PELAYANAN " * 40),
    ("Pelaksana", "\tCamat\t", "\tCamat (tanda tangan basah dan stempel dinas, " + "lihat catatan " * 10 + ")\t"),
])
def test_a_value_too_long_to_store_is_named_before_anything_is_stored(tmp_path: Path, column: str, replace: str,
                                                                      by: str) -> None:
    text = sop_text(ACTORS, STEPS)
    assert replace in text
    with pytest.raises(SopImportError) as caught:
        read_document(write(tmp_path, text.replace(replace, by, 1), "panjang.txt"))
    assert (caught.value.column, caught.value.step) == (column, None)
    assert str(caught.value).startswith(f"panjang.txt, column {column}: is longer than")
