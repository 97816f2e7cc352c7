"""DOCX and XLSX: the renditions of the seed (tests/files/make_renditions.py) read exactly as the text
copy; broken and hostile Office files give the importer's own error."""

from __future__ import annotations

import random
import tempfile
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kinerja.sop.importers import SopImportError, read_document

from .documents import FILES, SEED, SEED_STEP_ACTORS

pytestmark = pytest.mark.usefixtures("english")

DOCX = FILES / "sop-pengumpulan-data-kinerja.docx"
XLSX = FILES / "sop-pengumpulan-data-kinerja.xlsx"


@pytest.mark.parametrize("path", [DOCX, XLSX], ids=["docx", "xlsx"])
def test_the_renditions_read_as_the_text_copy(path: Path) -> None:
    assert read_document(path).as_json() == read_document(SEED).as_json()
    assert [s.actor for s in read_document(path).steps] == SEED_STEP_ACTORS


def test_the_format_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    renamed = tmp_path / "sop-tanpa-akhiran"
    renamed.write_bytes(DOCX.read_bytes())
    assert read_document(renamed).name == read_document(SEED).name


def make_docx(path: Path, rows: list[list[str]], header: list[tuple[str, str]]) -> Path:
    document = docx.Document()
    table = document.add_table(rows=0, cols=2)
    for label, value in header:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    procedure = document.add_table(rows=0, cols=max(len(r) for r in rows))
    for row in rows:
        cells = procedure.add_row().cells
        for i, text in enumerate(row):
            cells[i].text = text
    document.save(str(path))
    return path


HEADER = [("NOMOR SOP", "01/SOP/2025"), ("NAMA SOP", "SOP UJI"), ("TANGGAL EFEKTIF", "2 Januari 2025")]
TOP = ["No.", "Uraian Prosedur", "Pelaksana", "", "Mutu Baku", "", "", "Ket"]


def test_it_reads_a_word_table_with_one_paragraph_per_line(tmp_path: Path) -> None:
    rows = [TOP, ["", "", "Kasubbag", "JFU", "Kelengkapan", "Waktu", "Output", ""],
            ["1", "Menyusun draft\ndan menyampaikan kepada Kasubbag", "", "Mulai", "berkas", "1 Hari", "draft", ""],
            ["2", "Memeriksa, apabila belum sesuai dikembalikan kepada JFU", "Selesai", "", "draft", "2 jam", "paraf", ""]]
    draft = read_document(make_docx(tmp_path / "uji.docx", rows, HEADER))
    assert [(s.actor, s.returns_to) for s in draft.steps] == [("JFU", []), ("Kasubbag", [1])]
    assert draft.steps[0].activity == "Menyusun draft dan menyampaikan kepada Kasubbag"


def test_it_names_the_word_file_without_waktu(tmp_path: Path) -> None:
    rows = [TOP, ["", "", "Kasubbag", "JFU", "Kelengkapan", "Lama", "Output", ""],
            ["1", "Menyusun", "", "Mulai", "berkas", "1 Hari", "draft", ""]]
    with pytest.raises(SopImportError) as caught:
        read_document(make_docx(tmp_path / "tanpa-waktu.docx", rows, HEADER))
    assert (caught.value.column, caught.value.step) == ("Waktu", None)
    assert "tanpa-waktu.docx" in str(caught.value)


def test_a_word_letter_is_not_an_sop(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Dengan hormat, bersama ini kami sampaikan undangan rapat.")
    document.save(str(tmp_path / "surat.docx"))
    with pytest.raises(SopImportError, match="not an SOP"):
        read_document(tmp_path / "surat.docx")


def test_it_names_the_step_of_a_bad_time_in_a_workbook(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(XLSX)
    sheet = workbook["SOP"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "5 Hari")
    cell.value = "sebentar saja"
    workbook.save(tmp_path / "waktu.xlsx")
    with pytest.raises(SopImportError) as caught:
        read_document(tmp_path / "waktu.xlsx")
    assert (caught.value.step, caught.value.column, caught.value.value) == (3, "Waktu", "sebentar saja")


def test_a_workbook_without_a_procedure_table_is_not_an_sop(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Daftar hadir"
    workbook.save(tmp_path / "hadir.xlsx")
    with pytest.raises(SopImportError, match="not an SOP"):
        read_document(tmp_path / "hadir.xlsx")


def test_a_workbook_that_inflates_too_much_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(XLSX) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/worksheets/sheet9.xml", b" " * (70 * 1024 * 1024))
    with pytest.raises(SopImportError, match="inflates"):
        read_document(path)


def test_a_damaged_archive_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "rusak.docx"
    path.write_bytes(DOCX.read_bytes()[:2000])
    with pytest.raises(SopImportError, match="rusak.docx"):
        read_document(path)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([DOCX, XLSX]), st.integers(0, 2**32), st.integers(1, 20))
@example(XLSX, 4532, 6)  # the zip header then claims version 15.5: zipfile raised NotImplementedError
def test_flipped_bytes_give_a_result_or_an_import_error(source: Path, seed: int, flips: int) -> None:
    rng = random.Random(seed)
    data = bytearray(source.read_bytes())
    for _ in range(flips):
        data[rng.randrange(len(data))] = rng.randrange(256)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / source.name
        path.write_bytes(bytes(data))
        try:
            read_document(path)
        except SopImportError:
            pass


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32))
def test_mutated_word_cells_give_a_result_or_an_import_error(seed: int) -> None:
    rng = random.Random(seed)
    document = docx.Document(str(DOCX))
    cells = [c for t in document.tables for row in t.rows for c in row.cells]
    for cell in rng.sample(cells, 4):
        cell.text = rng.choice(["", "X", "7", "sebentar saja", "Kepala Dinas", "kembali ke langkah 1", cell.text[::-1]])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mutasi.docx"
        document.save(str(path))
        try:
            read_document(path)
        except SopImportError as e:
            assert "mutasi.docx" in str(e)
