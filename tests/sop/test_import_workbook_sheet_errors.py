"""Every problem of a workbook names the sheet it stands in beside the file: a table whose step numbers'
column has no "No." heading on "Hal 1" (the rest of the table, headed "No.", on "Hal 2") was refused as
"step 1 is missing (value: 4)" without a word of the sheet, where the cause lay on another sheet; a wrong date
on the identity's sheet, a step's unreadable time, a step number missing on a table running over two sheets
and a --time naming no step name theirs too."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kinerja.sop import actions
from kinerja.sop.importers import SopImportError, read_document
from kinerja.sop.models import Office

pytestmark = pytest.mark.usefixtures("english")

IDENTITY = [["PEMERINTAH KABUPATEN PESAWARAN"], ["DINAS PENANAMAN MODAL DAN PTSP"], [],
            ["Nomor SOP", "503/07/SOP/DPMPTSP/2025"], ["Tanggal Pembuatan", "6 Januari 2025"],
            ["Tanggal Efektif", "3 Februari 2025"], ["Disahkan oleh", "KEPALA DINAS PENANAMAN MODAL DAN PTSP"],
            ["Nama SOP", "PENERBITAN IZIN REKLAME"]]
HEADING = ["Kegiatan", "Pemohon", "Petugas Front Office", "Kasi Perizinan", "Kepala Dinas", "Kelengkapan", "Waktu",
           "Output", "Keterangan"]
STEPS = [(1, "Mengajukan permohonan izin reklame", 1, "Formulir, KTP", "10 menit", "Berkas permohonan"),
         (2, "Memeriksa kelengkapan berkas", 2, "Berkas permohonan", "30 menit", "Berkas lengkap"),
         (3, "Memeriksa lokasi reklame", 3, "Berkas lengkap", "1 hari", "Berita acara"),
         (4, "Menandatangani izin reklame", 4, "Konsep izin", "1 jam", "Izin reklame"),
         (5, "Menyerahkan izin kepada pemohon", 2, "Izin reklame", "15 menit", "Tanda terima")]


def _step(number: int, text: str, actor: int, inputs: str, time: str, output: str) -> list[object]:
    return [number, text, *("√" if c == actor else "" for c in range(1, 5)), inputs, time, output, ""]


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_table_without_its_no_heading_on_the_first_sheet_is_named(tmp_path: Path) -> None:
    path = _book(tmp_path / "reklame.xlsx", {
        "Hal 1": [*IDENTITY, [], ["", *HEADING], *[_step(*s) for s in STEPS[:3]]],
        "Hal 2": [["No", *HEADING], *[_step(*s) for s in STEPS[3:]]]})
    with pytest.raises(SopImportError) as caught:
        read_document(path)
    assert caught.value.sheets == ("Hal 1",)
    message = str(caught.value)
    assert message.startswith("reklame.xlsx, sheet “Hal 1”, column No.: this sheet holds a table of steps 1, 2 …")
    assert "has no heading “No.”" in message and "the table on sheet “Hal 2” starts at step 4" in message
    assert caught.value.as_dict()["sheet"] == "Hal 1"


def test_a_workbook_without_a_no_heading_anywhere_names_the_sheet(tmp_path: Path) -> None:
    path = _book(tmp_path / "reklame.xlsx", {"Prosedur": [*IDENTITY, [], ["", *HEADING], *[_step(*s) for s in STEPS]]})
    with pytest.raises(SopImportError) as caught:
        read_document(path)
    assert str(caught.value).startswith("reklame.xlsx, sheet “Prosedur”, column No.: this sheet holds a table")
    assert "and the workbook holds no other" in str(caught.value)


def test_a_step_problem_names_the_sheet_of_its_table(tmp_path: Path) -> None:
    steps = [_step(*s) for s in STEPS]
    steps[1][7] = "Menyesuaikan"
    path = _book(tmp_path / "reklame.xlsx", {"Identitas": IDENTITY, "Prosedur": [["No", *HEADING], *steps]})
    with pytest.raises(SopImportError) as caught:
        read_document(path)
    assert str(caught.value).startswith("reklame.xlsx, sheet “Prosedur”, step 2, column Waktu: ")


def test_an_identity_problem_names_the_identity_sheet(tmp_path: Path) -> None:
    identity = [row if row[:1] != ["Tanggal Efektif"] else ["Tanggal Efektif", "31 Februari 2025"] for row in IDENTITY]
    path = _book(tmp_path / "reklame.xlsx", {"Identitas": identity,
                                             "Prosedur": [["No", *HEADING], *[_step(*s) for s in STEPS]]})
    with pytest.raises(SopImportError) as caught:
        read_document(path)
    assert str(caught.value).startswith("reklame.xlsx, sheet “Identitas”, ")
    assert caught.value.value == "31 Februari 2025"


def test_a_gap_in_a_table_over_two_sheets_names_the_sheet_holding_it(tmp_path: Path) -> None:
    later = [_step(*s) for s in STEPS[3:]]
    later[1][0] = 6
    path = _book(tmp_path / "reklame.xlsx", {
        "Hal 1": [*IDENTITY, [], ["No", *HEADING], *[_step(*s) for s in STEPS[:3]]],
        "Hal 2": [["No", *HEADING], *later]})
    with pytest.raises(SopImportError) as caught:
        read_document(path)
    assert str(caught.value).startswith("reklame.xlsx, sheet “Hal 2”, step 5, column No: step 5 is missing")


@pytest.mark.django_db
def test_a_time_naming_no_step_names_the_sheet(tmp_path: Path) -> None:
    Office.objects.create(code="DPMPTSP", name="Dinas Penanaman Modal dan PTSP")
    path = _book(tmp_path / "reklame.xlsx", {"Identitas": IDENTITY,
                                             "Prosedur": [["No", *HEADING], *[_step(*s) for s in STEPS]]})
    draft = actions.preview_import(path, office=Office.objects.get())
    with pytest.raises(SopImportError) as caught:
        actions.set_times(draft, {"9": "2 jam"})
    assert str(caught.value).startswith("reklame.xlsx, sheet “Prosedur”, column No.: --time 9=2 jam names step 9")
