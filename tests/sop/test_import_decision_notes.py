"""A decision's answers as offices write them in the Ket. column of a workbook (Alt+Enter between "Tidak" and
"Ya") or on one line: the step a "Tidak" names in Roman numerals, by "no. 2", or by its number followed by the
"Ya" answer; a step named that the table does not have; a return to the applicant whose column has another
name; what an ending "Tidak" hands back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kinerja.sop.importers import SopImportError, parse_document, read_document

from .documents import sop_text, sop_workbook

ACTORS = ["Pemohon", "Petugas Loket", "Verifikator", "Kepala Seksi", "Kepala Dinas"]
STEPS = [("Mengajukan permohonan", "15 menit", "Pemohon"), ("Memeriksa berkas", "30 Menit", "Petugas Loket"),
         ("Memverifikasi berkas", "2 hari", "Verifikator"), ("Apakah berkas sesuai?", "1 jam", "Verifikator"),
         ("Memaraf konsep", "1 (satu) hari kerja", "Kepala Seksi"), ("Menandatangani", "1 minggu", "Kepala Dinas")]
ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def _workbook(tmp_path: Path, note: str, *, roman: bool = False, name: str = "sop.xlsx") -> Path:
    """The SOP as a sheet, `note` in the Ket. cell of step 4 as typed (Alt+Enter keeps its line breaks)."""
    path = sop_workbook(tmp_path / name, [("SOP", sop_text(ACTORS, STEPS))])
    book = openpyxl.load_workbook(path)
    sheet = book["SOP"]
    rows = {str(row[0].value): row for row in sheet.iter_rows() if row[0].value}
    if roman:
        for number, numeral in enumerate(ROMAN, start=1):
            rows[str(number)][0].value = numeral
    rows["4"][len(ACTORS) + 5].value = note
    book.save(path)
    return path


@pytest.mark.parametrize("roman", [False, True])
@pytest.mark.parametrize("note", ["Tidak: ke langkah II\nYa: ke langkah 5", "Tidak → langkah II", "Tidak: langkah ke-II",
                                  "Ya: lanjut\nTidak: ke langkah ii"])
def test_a_tidak_naming_a_step_in_roman_numerals_returns_there(tmp_path: Path, note: str, roman: bool) -> None:
    draft = parse_document(_workbook(tmp_path, note, roman=roman))
    assert draft.problems == []
    assert [s.returns_to for s in draft.steps] == [[], [], [], [2], [], []]


@pytest.mark.usefixtures("english")
def test_a_roman_step_in_a_table_numbered_1_2_3_is_read_with_a_warning(tmp_path: Path) -> None:
    draft = parse_document(_workbook(tmp_path, "Tidak: ke langkah II", name="izin.xlsx"))
    (warning,) = draft.warnings
    assert (warning.step, warning.column, warning.value) == (4, "Ket", "Tidak: ke langkah II")
    assert str(warning).startswith("izin.xlsx, sheet “SOP”, step 4, column Ket: names step II in Roman numerals")
    assert "read as step 2" in str(warning)


def test_a_roman_step_in_a_roman_numbered_table_says_nothing(tmp_path: Path) -> None:
    assert parse_document(_workbook(tmp_path, "Tidak: ke langkah II", roman=True)).warnings == []


@pytest.mark.parametrize("note", [
    "kembali ke 2 Ya: diteruskan ke Kepala Seksi",
    "Tidak: kembali ke 2\nYa: diteruskan ke Kepala Seksi",
    "Tidak sesuai: kembali ke langkah 2 Ya: lanjut ke langkah 5",
    "Tidak: kembali ke no. 2",
    "Tidak lengkap, dikembalikan ke No.2",
    "kembali ke 2 jika belum sesuai",
    "Tidak lengkap: kembali ke 2 Y → 5",
])
def test_a_return_ends_where_the_next_answer_starts(tmp_path: Path, note: str) -> None:
    draft = read_document(_workbook(tmp_path, note))
    assert [s.returns_to for s in draft.steps] == [[], [], [], [2], [], []]
    assert draft.warnings == []


def test_a_number_of_things_after_ke_is_no_return(tmp_path: Path) -> None:
    draft = read_document(_workbook(tmp_path, "berkas kembali ke no. rekening pemohon"))
    assert [s.returns_to for s in draft.steps] == [[]] * 6


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(("note", "roman", "value", "message"), [
    ("Tidak: kembali ke langkah 9", False, "kembali ke langkah 9", "step 4, column Ket: sends work to step 9, "),
    ("Tidak: ke langkah c", False, "Tidak: ke langkah c", "step 4, column Ket: sends work to step c, "),
    ("Tidak: kembali ke langkah 2.1", False, "kembali ke langkah 2.1", "step 4, column Ket: sends work to step 2.1, "),
    ("Tidak: ke langkah IX", True, "Tidak: ke langkah IX", "step IV, column Ket: sends work to step IX, "),
])
def test_a_step_the_table_does_not_have_is_named_as_written(tmp_path: Path, note: str, roman: bool, value: str,
                                                            message: str) -> None:
    draft = parse_document(_workbook(tmp_path, note, roman=roman, name="izin.xlsx"))
    (problem,) = draft.problems
    steps = "I to VI" if roman else "1 to 6"
    assert (problem.step, problem.column, problem.value) == (4, "Ket", value)
    assert str(problem) == (f"izin.xlsx, sheet “SOP”, {message}but the table has no step of that number (its steps are "
                            f"{steps}) "
                            f"(value: “{value}”)")
    assert [s.returns_to for s in draft.steps] == [[]] * 6


def _tera(tmp_path: Path, step: int, note: str) -> Path:
    """A public-service SOP whose applicant's column is "Masyarakat", `note` in the Ket. cell of `step`."""
    actors = ["Masyarakat", "Petugas Pelayanan", "Kasi Pelayanan", "Kadis"]
    steps = [("Mengajukan permohonan tera", "10 menit", "Masyarakat"),
             ("Meneliti kelengkapan berkas", "20 menit", "Petugas Pelayanan"),
             ("Menguji alat ukur. Apakah alat ukur memenuhi syarat?", "2 jam", "Petugas Pelayanan"),
             ("Memaraf konsep sertifikat", "1 jam", "Kasi Pelayanan"), ("Menandatangani sertifikat", "1 hari", "Kadis")]
    path = sop_workbook(tmp_path / "tera.xlsx", [("SOP", sop_text(actors, steps))])
    book = openpyxl.load_workbook(path)
    row = next(row for row in book["SOP"].iter_rows() if str(row[0].value) == str(step))
    row[len(actors) + 5].value = note
    book.save(path)
    return path


@pytest.mark.parametrize("note", ["Tidak lengkap: dikembalikan kepada pemohon", "apabila tidak lengkap dikembalikan ke "
                                  "pemohon untuk dilengkapi", "Tidak: kembali kepada calon pemohon"])
def test_a_return_to_the_applicant_goes_to_the_one_outside_column(tmp_path: Path, note: str) -> None:
    draft = read_document(_tera(tmp_path, 2, note))
    assert [s.returns_to for s in draft.steps] == [[], [1], [], [], []]


def test_a_return_to_the_applicant_without_an_outside_column_is_no_return(tmp_path: Path) -> None:
    path = sop_workbook(tmp_path / "sop.xlsx", [("SOP", sop_text(["Sekretaris", "Kasubbag", "JFU", "Kadis"], [
        ("Mendisposisikan surat", "15 menit", "Sekretaris"), ("Memeriksa berkas", "1 jam", "Kasubbag"),
        ("Mengolah data", "2 hari", "JFU"), ("Menandatangani", "1 hari", "Kadis")]).replace(
        "hasil 2\t", "hasil 2\tTidak lengkap: dikembalikan kepada pemohon"))])
    draft = read_document(path)
    assert ([s.returns_to for s in draft.steps], draft.warnings) == ([[]] * 4, [])


@pytest.mark.parametrize("note", ["Tidak memenuhi syarat: proses selesai, alat ukur dikembalikan kepada pemilik\nYa: "
                                  "lanjut", "Tidak: selesai dan berkas dikembalikan kepada Bendahara"])
def test_what_an_ending_tidak_hands_back_after_the_end_is_part_of_the_end(tmp_path: Path, note: str) -> None:
    draft = read_document(_tera(tmp_path, 3, note))
    assert [s.ends_if_not for s in draft.steps] == [False, False, True, False, False]
    assert ([s.returns_to for s in draft.steps], draft.warnings) == ([[]] * 5, [])



@pytest.mark.parametrize(("note", "returns", "branch"), [
    ("Jika Ya ke langkah 5, jika Tidak ke langkah 2", [2], None),
    ("Tidak lengkap ke langkah 2", [2], None),
    ("Bila tidak sesuai (ke langkah 3)", [3], None),
    ("Ya = 5, Tidak = 2", [2], None),
    ("Tidak : revisi ke langkah 2", [2], None),
    ("Apabila tidak disetujui ke langkah 6", [], 6),
])
def test_a_tidak_written_without_a_colon_or_an_arrow_is_read(tmp_path: Path, note: str, returns: list[int],
                                                             branch: int | None) -> None:
    draft = read_document(_workbook(tmp_path, note))
    assert (draft.steps[3].returns_to, draft.steps[3].branch_to) == (returns, branch)


@pytest.mark.parametrize("note", ["jika tidak ada koreksi ke langkah 6", "Jika tidak ada perbaikan: lanjut ke langkah 6",
                                  "berkas yang tidak lengkap ke langkah 2 diarsipkan terpisah"])
def test_words_that_are_no_tidak_answer_are_no_branch(tmp_path: Path, note: str) -> None:
    draft = read_document(_workbook(tmp_path, note))
    assert (draft.steps[3].returns_to, draft.steps[3].branch_to) == ([], None)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(("numbers", "value", "message"), [
    # The fifth row typed 6: the sixth row is 6 as it should be, so the fifth is named, as likely 5.
    (["1", "2", "3", "4", "6", "6"], "6", "step number 6 appears twice: step row 5, “Memaraf konsep”, is likely step 5"),
    (["I", "II", "IV", "IV", "V", "VI"], "IV", "step number IV appears twice: step row 3, “Memverifikasi berkas”, is "
                                               "likely step III"),
    # The repeat is out of place: the row repeating the number is named, as before.
    (["1", "2", "3", "3", "5", "6"], "3", "step number 3 appears twice: again on step row 4, “Apakah berkas sesuai?”"),
])
def test_a_mistyped_step_number_names_the_row_out_of_place(tmp_path: Path, numbers: list[str], value: str,
                                                           message: str) -> None:
    path = _workbook(tmp_path, "", name="nomor.xlsx")
    book = openpyxl.load_workbook(path)
    rows = [row for row in book["SOP"].iter_rows() if str(row[0].value) in {"1", "2", "3", "4", "5", "6"}]
    for row, number in zip(rows, numbers, strict=True):
        row[0].value = number
    book.save(path)
    with pytest.raises(SopImportError) as caught:
        read_document(path)
    assert caught.value.value == value
    assert str(caught.value) == f"nomor.xlsx, sheet “SOP”, column No.: {message} (value: “{value}”)"


@pytest.mark.parametrize(("note", "returns", "ends"), [
    ("Y: 5, T: 2", [2], False), ("Y : lanjut\nT : ke langkah 2", [2], False), ("T → langkah 3", [3], False),
    ("Y: lanjut, T: proses selesai", [], True), ("T → Selesai", [], True),
    # Not the label: a word's last letter, a lower-case t, a time.
    ("Kepala UPT: 2", [], False), ("t: 2", [], False), ("T: 2 hari", [], False), ("PT: selesai", [], False),
])
def test_the_short_label_t_is_the_tidak_branch(tmp_path: Path, note: str, returns: list[int], ends: bool) -> None:
    draft = read_document(_workbook(tmp_path, note))
    assert (draft.steps[3].returns_to, draft.steps[3].ends_if_not) == (returns, ends)


@pytest.mark.usefixtures("english")
def test_an_output_column_left_without_its_heading_is_warned_of_not_taken_for_waktu_s_unit(tmp_path: Path) -> None:
    path = _workbook(tmp_path, "", name="keluaran.xlsx")
    book = openpyxl.load_workbook(path)
    next(c for row in book["SOP"].iter_rows() for c in row if c.value == "Output").value = None
    book.save(path)
    draft = read_document(path)
    assert [(s.duration_value, s.duration_unit) for s in draft.steps][:2] == [(15, "minute"), (30, "minute")]
    (warning,) = draft.warnings
    assert (warning.column, warning.value) == (str(len(ACTORS) + 5), "hasil 1")
    assert str(warning).startswith(f"keluaran.xlsx, sheet “SOP”, column {len(ACTORS) + 5}: this column of the procedure "
                                   "table is "
                                   "not read")


def test_a_waktu_unit_column_without_a_heading_is_still_read(tmp_path: Path) -> None:
    path = _workbook(tmp_path, "")
    book = openpyxl.load_workbook(path)
    sheet = book["SOP"]
    sheet.insert_cols(len(ACTORS) + 5)  # after Waktu: its unit, under no heading
    for row in sheet.iter_rows():
        time = row[len(ACTORS) + 3]
        if str(row[0].value).isdigit() and time.value:
            time.value, row[len(ACTORS) + 4].value = time.value.split(" ", 1)[0], time.value.split(" ", 1)[1]
    book.save(path)
    draft = read_document(path)
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [
        (15, "minute"), (30, "minute"), (2, "day"), (1, "hour"), (1, "day"), (1, "week")]
    assert draft.warnings == []


@pytest.mark.usefixtures("english")
def test_a_step_marked_in_two_actor_columns_says_so(tmp_path: Path) -> None:
    path = _workbook(tmp_path, "", name="tanda.xlsx")
    book = openpyxl.load_workbook(path)
    row = next(row for row in book["SOP"].iter_rows() if str(row[0].value) == "5")
    row[3].value = "X"  # under Petugas Loket, beside the Kepala Seksi's X
    book.save(path)
    (problem,) = parse_document(path).problems
    assert (problem.step, problem.column, problem.value) == (5, "Pelaksana", "Petugas Loket: X, Kepala Seksi: X")
    assert str(problem).startswith("tanda.xlsx, sheet “SOP”, step 5, column Pelaksana: 2 actor columns are marked for this "
                                   "step "
                                   "(Petugas Loket, Kepala Seksi), and a step has one actor")


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(("note", "value", "target"), [
    ("Ya: ke langkah 6\nTidak: kembali ke langkah 2", "Ya: ke langkah 6", "6"),
    ("Jika ya lanjut ke langkah 6, jika tidak lanjut ke langkah 5", "ya lanjut ke langkah 6", "6"),
    ("Y → 6, T → 5", "Y → 6", "6"),
])
def test_a_ya_that_skips_ahead_is_warned_of(tmp_path: Path, note: str, value: str, target: str) -> None:
    draft = read_document(_workbook(tmp_path, note, name="ya.xlsx"))
    (warning,) = draft.warnings
    assert (warning.step, warning.column, warning.value) == (4, "Ket", value)
    assert str(warning).startswith(f"ya.xlsx, sheet “SOP”, step 4, column Ket: the “Ya” answer goes on to step {target}, "
                                   "but a "
                                   "step's “Ya” goes on to the next step (5)")


# "Ya: kembali ke langkah 2" is warned of (test_import_returns_by_actor): no return, since after "Ya" the step
# goes on to the next one.
@pytest.mark.parametrize("note", ["Ya: lanjut ke langkah 5\nTidak: kembali ke langkah 2", "Ya: 2 hari",
                                  "Ya 6 berkas"])
def test_a_ya_to_the_next_step_or_no_step_says_nothing(tmp_path: Path, note: str) -> None:
    assert read_document(_workbook(tmp_path, note)).warnings == []
