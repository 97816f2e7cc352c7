"""A decision's "Tidak" written by the actor it goes back to ("Tidak: ke Petugas Loket", "Tidak: kembali ke
Kepala Seksi", "dikembalikan ke Verifikator") and by "langkah" shortened ("Tidak: ke lgkh 2"), in the step's text
of a text document and in the Ket. cell of a workbook and of a Word table."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from kinerja.sop.importers import parse_document

from .documents import sop_text, sop_workbook, write

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Pemohon", "Petugas Loket", "Verifikator", "Kepala Seksi", "Kepala Dinas"]
STEPS = [("Mengajukan permohonan", "15 menit", "Pemohon"), ("Memeriksa berkas", "30 Menit", "Petugas Loket"),
         ("Memverifikasi berkas", "2 hari", "Verifikator"), ("Apakah berkas sesuai?", "1 jam", "Verifikator"),
         ("Memaraf konsep", "1 hari", "Kepala Seksi"), ("Apakah konsep disetujui?", "1 jam", "Kepala Seksi"),
         ("Menandatangani", "1 hari", "Kepala Dinas")]


def _text(tmp_path: Path, step: int, words: str) -> Path:
    steps = [(f"{a}. {words}" if i == step else a, t, m) for i, (a, t, m) in enumerate(STEPS, start=1)]
    return write(tmp_path, sop_text(ACTORS, steps), "izin.txt")


def _workbook(tmp_path: Path, step: int, words: str) -> Path:
    path = sop_workbook(tmp_path / "izin.xlsx", [("SOP", sop_text(ACTORS, STEPS))])
    book = openpyxl.load_workbook(path)
    rows = {str(row[0].value): row for row in book["SOP"].iter_rows() if row[0].value}
    rows[str(step)][len(ACTORS) + 5].value = words  # the Ket. cell
    book.save(path)
    return path


def _word(tmp_path: Path, step: int, words: str) -> Path:
    document = docx.Document()
    identity = document.add_table(rows=0, cols=2)
    for label, value in [("NOMOR SOP", "503/7/SOP/2025"), ("TANGGAL EFEKTIF", "2 Januari 2025"),
                         ("NAMA SOP", "PELAYANAN IZIN USAHA")]:
        cells = identity.add_row().cells
        cells[0].text, cells[1].text = label, value
    n = len(ACTORS)
    table = document.add_table(rows=2 + len(STEPS), cols=6 + n)
    header, sub = table.rows[0].cells, table.rows[1].cells
    header[0].text, header[1].text = "No.", "Uraian Prosedur"
    header[2].merge(header[1 + n]).text = "Pelaksana"
    header[2 + n].merge(header[4 + n]).text = "Mutu Baku"
    header[5 + n].text = "Ket."
    for i, actor in enumerate(ACTORS):
        sub[2 + i].text = actor
    for i, label in enumerate(["Kelengkapan", "Waktu", "Output"]):
        sub[2 + n + i].text = label
    for number, (activity, time, actor) in enumerate(STEPS, start=1):
        cells = table.rows[1 + number].cells
        cells[0].text, cells[1].text = str(number), activity
        cells[2 + ACTORS.index(actor)].text = "X"
        cells[2 + n].text, cells[3 + n].text, cells[4 + n].text = "berkas", time, f"hasil {number}"
        if number == step:
            cells[5 + n].text = words
    path = tmp_path / "izin.docx"
    document.save(str(path))
    return path


WRITERS = {"text": _text, "xlsx": _workbook, "docx": _word}


@pytest.mark.parametrize("kind", WRITERS)
@pytest.mark.parametrize(("step", "words", "returns"), [
    (4, "Tidak: ke Petugas Loket", {4: [2]}),
    (4, "Tidak sesuai → Petugas Loket", {4: [2]}),
    (4, "Tidak: ke Petugas Loket untuk diperbaiki; Ya: ke Kepala Seksi", {4: [2]}),
    (6, "Tidak: kembali ke Verifikator", {6: [4]}),  # the Verifikator's latest step before the decision
    (6, "Tidak: ke Pemohon", {6: [1]}),
    (6, "Jika tidak disetujui dikembalikan ke Petugas Loket", {6: [2]}),
])
def test_a_tidak_naming_an_actor_returns_to_that_actor_s_latest_earlier_step(
        tmp_path: Path, kind: str, step: int, words: str, returns: dict[int, list[int]]) -> None:
    draft = parse_document(WRITERS[kind](tmp_path, step, words))
    assert draft.problems == [] and draft.warnings == []
    assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == returns


@pytest.mark.parametrize("kind", WRITERS)
def test_a_tidak_naming_a_later_actor_goes_on_to_its_step(tmp_path: Path, kind: str) -> None:
    draft = parse_document(WRITERS[kind](tmp_path, 4, "Tidak: ke Kepala Dinas"))
    assert draft.problems == []
    assert [s.branch_to for s in draft.steps] == [None, None, None, 7, None, None, None]
    assert all(s.returns_to == [] for s in draft.steps)


@pytest.mark.parametrize("kind", WRITERS)
def test_a_tidak_naming_no_actor_column_is_a_warning_naming_step_words_and_columns(tmp_path: Path, kind: str) -> None:
    draft = parse_document(WRITERS[kind](tmp_path, 4, "Tidak: ke Bendahara"))
    (warning,) = draft.warnings
    assert (warning.step, warning.value) == (4, "Tidak: ke Bendahara")
    assert "“Bendahara”" in str(warning)
    assert "(Pemohon, Petugas Loket, Verifikator, Kepala Seksi, Kepala Dinas)" in str(warning)
    sheet = "sheet “SOP”, " if kind == "xlsx" else ""
    assert str(warning).startswith(f"izin.{'txt' if kind == 'text' else kind}, {sheet}step 4, column ")
    assert all(s.returns_to == [] for s in draft.steps)


@pytest.mark.parametrize("kind", WRITERS)
def test_words_after_an_arrow_that_name_no_actor_are_no_return(tmp_path: Path, kind: str) -> None:
    draft = parse_document(WRITERS[kind](tmp_path, 4, "Tidak → arsip"))
    assert draft.warnings == [] and all(s.returns_to == [] for s in draft.steps)


@pytest.mark.parametrize("kind", WRITERS)
@pytest.mark.parametrize("words", ["Tidak: ke lgkh 2", "Tidak: ke lgk 2", "Tidak: ke lkh 2", "Tidak: ke lgkh. 2",
                                   "Tidak → lngkh 2", "Tidak: kembali ke lgkh 2", "kembali ke lgk. 2 jika belum sesuai",
                                   "kembali ke lang. 2", "jika tidak sesuai ke lgkh 2"])
def test_langkah_shortened_names_the_step(tmp_path: Path, kind: str, words: str) -> None:
    draft = parse_document(WRITERS[kind](tmp_path, 4, words))
    assert draft.problems == []
    assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == {4: [2]}


@pytest.mark.parametrize("words", ["disusun dalam LKH 2 rangkap", "berkas dicatat di lkh",
                                   # LKH (Laporan Kinerja Harian) before a letter or a word: no step "a" or "c"
                                   "Tidak: ke LKH a", "jika tidak sesuai ke lkh c", "Tidak: revisi LKH pegawai"])
def test_lkh_that_names_no_step_is_no_return(tmp_path: Path, words: str) -> None:
    draft = parse_document(_text(tmp_path, 4, words))
    assert draft.problems == [] and all(s.returns_to == [] for s in draft.steps)


@pytest.mark.parametrize("words", ["Tidak: ke lkh ke-2", "Tidak: kembali ke lkh. 2", "Tidak: ke lkh II"])
def test_lkh_before_a_number_names_the_step(tmp_path: Path, words: str) -> None:
    draft = parse_document(_text(tmp_path, 4, words))
    assert draft.problems == []
    assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == {4: [2]}
    # A Roman numeral in a table numbered 1, 2, 3 is read all the same, and said.
    assert [w.step for w in draft.warnings] == ([4] if "II" in words else [])


def test_a_return_ends_at_the_stop_after_lkh(tmp_path: Path) -> None:
    # "LKH." ends the clause (only "lkh. 2" runs on to its number): the Ya after it is read as a Ya.
    draft = parse_document(_text(tmp_path, 6, "Tidak: kembali ke Verifikator penyusun LKH. Ya: ke Kepala Dinas"))
    assert draft.problems == [] and draft.warnings == []
    assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == {6: [4]}


@pytest.mark.parametrize("kind", WRITERS)
@pytest.mark.parametrize(("words", "returns"), [
    ("Ya: kembali ke langkah 2 untuk dicatat; Tidak: kembali ke Verifikator", {6: [4]}),
    ("Ya: kembali ke lkh 2 Tidak: ke Kepala Seksi", {6: [5]}),  # as "Ya" over "Tidak" in a Ket. cell reads
    ("Jika disetujui, kembali ke langkah 2; jika tidak, kembali ke langkah 5", {6: [5]}),
    ("Ya: ke langkah 2; Tidak: ke langkah 5", {6: [5]}),
])
def test_a_ya_that_goes_back_is_no_return_and_is_warned_of(
        tmp_path: Path, kind: str, words: str, returns: dict[int, list[int]]) -> None:
    # The "Ya" of step 6 goes back to step 2: after "Ya" the engine goes on to step 7, so read as a return
    # it would be offered as the "Tidak", which goes elsewhere.
    draft = parse_document(WRITERS[kind](tmp_path, 6, words))
    assert draft.problems == []
    assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == returns
    (warning,) = draft.warnings
    assert warning.step == 6
    assert "the “Ya” answer goes back to step 2, but after “Ya” a step goes on to the next one" in str(warning)


@pytest.mark.parametrize("kind", WRITERS)
@pytest.mark.parametrize("words", [
    "Perlu perbaikan? Ya: kembali ke langkah 2; Tidak: lanjut ke langkah 7",
    "Ada koreksi? Ya: ke langkah 2, Tidak: lanjut",
])
def test_a_ya_that_is_the_only_way_back_is_the_return_and_is_warned_of(tmp_path: Path, kind: str, words: str) -> None:
    # "Perlu perbaikan? Ya: kembali …": the question asks whether the work must be redone, and the "Tidak" goes
    # on. Dropped, the step would have no way back at all.
    draft = parse_document(WRITERS[kind](tmp_path, 6, words))
    assert draft.problems == []
    assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == {6: [2]}
    (warning,) = draft.warnings
    assert warning.step == 6
    assert "the “Ya” answer goes back to step 2, and the “Tidak” goes on: read as this step's return" in str(warning)
