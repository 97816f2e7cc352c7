"""Steps lettered "a.", "b." … whose decision sends work back by letter ("Tidak: kembali ke langkah a"), and
a workbook whose procedure table goes on on a second sheet ("Hal 2") with its header repeated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest

from kinerja.sop.importers import SeveralSops, SopImportError, parse_document, read_document, workbook_sops

from .documents import sop_text, sop_workbook, write

ACTORS = ["Pemohon", "Petugas Loket", "Kepala Seksi", "Kepala Dinas"]
STEPS = [
    ("a.", "Mengajukan permohonan", "Pemohon", "5 mnt", ""),
    ("b.", "Menerima berkas permohonan", "Petugas Loket", "15 menit", ""),
    ("c.", "Apakah berkas lengkap?", "Petugas Loket", "5 mnt", "Ya: ke langkah d\nTidak: kembali ke langkah a"),
    ("d.", "Memeriksa dan memaraf konsep izin", "Kepala Seksi", "30'", "Tidak sesuai: ke langkah b"),
    ("e.", "Menandatangani izin", "Kepala Dinas", "1 (satu) hari kerja", ""),
]


def _lettered(tmp_path: Path, steps=STEPS) -> Path:
    document = docx.Document()
    for line in ("PEMERINTAH KOTA BANDAR LAMPUNG", "DINAS KOPERASI DAN UKM", "Nomor SOP : 503/01/SOP/2025",
                 "Tanggal Efektif : 2 Januari 2025", "Nama SOP : PENERBITAN IZIN"):
        document.add_paragraph(line)
    n = len(ACTORS)
    table = document.add_table(rows=1, cols=2 + n + 4)
    for c, text in enumerate(["No", "Kegiatan", *ACTORS, "Persyaratan", "Waktu", "Output", "Ket"]):
        table.cell(0, c).text = text
    for no, activity, actor, time, note in steps:
        cells = table.add_row().cells
        cells[0].text = no
        cells[1].text = activity
        cells[2 + ACTORS.index(actor)].text = "√"
        cells[2 + n].text = "berkas"
        cells[3 + n].text = time
        cells[4 + n].text = "hasil"
        lines = note.split("\n")
        cells[5 + n].text = lines[0]
        for line in lines[1:]:
            cells[5 + n].add_paragraph(line)
    path = tmp_path / "lettered.docx"
    document.save(str(path))
    return path


def test_a_return_names_a_lettered_step_by_its_letter(tmp_path: Path) -> None:
    draft = read_document(_lettered(tmp_path))
    assert [s.display_number for s in draft.steps] == ["a", "b", "c", "d", "e"]
    assert [s.number for s in draft.steps] == [1, 2, 3, 4, 5]
    assert draft.steps[2].returns_to == [1]  # "Tidak: kembali ke langkah a"
    assert draft.steps[3].returns_to == [2]  # "Tidak sesuai: ke langkah b", a decision going back
    assert [s.actor for s in draft.steps] == ["Pemohon", "Petugas Loket", "Petugas Loket", "Kepala Seksi", "Kepala Dinas"]
    assert [(s.duration_value, s.duration_unit) for s in draft.steps][3] == (30, "minute")


def test_a_letter_in_a_numbered_table_names_no_step(tmp_path: Path) -> None:
    steps = [(f"{i}.", *rest) for i, (_no, *rest) in enumerate(STEPS, start=1)]
    draft = parse_document(_lettered(tmp_path, steps))
    problem = draft.problems[0]
    assert (problem.step, problem.value) == (3, "kembali ke langkah a")
    assert "langkah a" in str(problem) and "lettered.docx" in str(problem)


def test_letters_in_a_text_stay_no_step() -> None:
    from kinerja.sop.importers.flow import return_phrases

    assert [p.step for p in return_phrases("jika tidak, kembali ke tahap awal")] == [None]
    assert return_phrases("Tidak: 2 hari") == []
    assert [p.step for p in return_phrases("Tidak lengkap: ke langkah c")] == ["c"]


def _continued(path: Path, *, second_from: int, identity_on_second: bool = False) -> Path:
    """The seed-like SOP of six steps typed on a sheet "SOP", its steps from `second_from` on a sheet "Hal 2"
    under the header repeated."""
    steps = [(f"Langkah {i} memeriksa berkas", "15 menit", ACTORS[(i - 1) % len(ACTORS)]) for i in range(1, 7)]
    text = sop_text(ACTORS, steps)
    lines = text.splitlines()
    header_at = next(i for i, line in enumerate(lines) if line.startswith("No.\t"))
    header, body = lines[header_at:header_at + 2], lines[header_at + 2:]
    first = lines[:header_at + 2] + body[:second_from - 1]
    second = (lines[:header_at] if identity_on_second else []) + header + body[second_from - 1:]
    return sop_workbook(path, [("SOP", "\n".join(first)), ("Hal 2", "\n".join(second))])


def test_a_table_going_on_on_a_second_sheet_is_one_sop(tmp_path: Path) -> None:
    path = _continued(tmp_path / "lanjut.xlsx", second_from=4)
    assert workbook_sops(path) == []
    draft = read_document(path)
    assert [s.number for s in draft.steps] == [1, 2, 3, 4, 5, 6]
    assert [s.actor for s in draft.steps] == [*ACTORS, *ACTORS[:2]]
    assert draft.number == "800/01/SOP/2025"


def test_a_second_sheet_starting_at_step_one_is_an_sop_of_its_own(tmp_path: Path) -> None:
    with pytest.raises(SeveralSops):
        read_document(_continued(tmp_path / "dua.xlsx", second_from=1))


def test_a_second_sheet_with_an_identity_block_is_an_sop_of_its_own(tmp_path: Path) -> None:
    with pytest.raises(SeveralSops):
        read_document(_continued(tmp_path / "dua.xlsx", second_from=4, identity_on_second=True))


def test_a_gap_between_the_sheets_names_the_missing_step(tmp_path: Path) -> None:
    path = _continued(tmp_path / "celah.xlsx", second_from=4)
    book = openpyxl.load_workbook(path)
    book["Hal 2"].delete_rows(3)  # step 4, the first of the second sheet
    book.save(path)
    with pytest.raises(SopImportError) as e:
        read_document(path)
    assert (e.value.step, e.value.value) == (4, "5")
    assert "celah.xlsx" in str(e.value)


def test_identity_dates_with_the_revision_beside_them(tmp_path: Path) -> None:
    text = sop_text(ACTORS, [("Menerima berkas", "15 menit", "Pemohon"), ("Menandatangani", "1 jam", "Kepala Dinas")])
    text = (text.replace("TANGGAL PEMBUATAN\t9 Januari 2023", "TANGGAL PEMBUATAN\t12 Agust 2024")
            .replace("TANGGAL REVISI\t-", "TANGGAL REVISI\t20 Juni 2025 (Revisi ke-1)")
            .replace("TANGGAL EFEKTIF\t2 Januari 2025", "TANGGAL EFEKTIF\tRev. 02 / 1 Juli 2025"))
    draft = read_document(write(tmp_path, text))
    assert (draft.created_on, draft.revised_on, draft.effective_on) == (
        dt.date(2024, 8, 12), dt.date(2025, 6, 20), dt.date(2025, 7, 1))


def test_an_identity_date_that_is_only_a_revision_names_field_and_value(tmp_path: Path) -> None:
    text = sop_text(ACTORS, [("Menerima berkas", "15 menit", "Pemohon"), ("Menandatangani", "1 jam", "Kepala Dinas")])
    path = write(tmp_path, text.replace("TANGGAL REVISI\t-", "TANGGAL REVISI\tRevisi ke-1"))
    with pytest.raises(SopImportError) as e:
        read_document(path)
    assert (e.value.column, e.value.value) == ("Tanggal Revisi", "Revisi ke-1")
    assert "sop.txt" in str(e.value)


def test_a_time_with_a_footnote_mark_and_the_footnote_under_the_table(tmp_path: Path) -> None:
    steps = [("Menerima berkas", "15 menit *)", "Pemohon"), ("Memeriksa berkas", "2 hari*", "Petugas Loket"),
             ("Menandatangani", "1 jam", "Kepala Dinas")]
    text = sop_text(ACTORS, steps) + "\tCatatan: waktu dalam hari kerja\n*) hari kerja\n"
    draft = read_document(sop_workbook(tmp_path / "catatan.xlsx", [("SOP", text)]))
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [(15, "minute"), (2, "day"), (1, "hour")]
    assert draft.steps[-1].activity == "Menandatangani"


def test_a_return_to_a_bare_step_number_and_a_decision_with_another_arrow(tmp_path: Path) -> None:
    steps = [(f"Langkah {i} memeriksa berkas", "15 menit", ACTORS[(i - 1) % len(ACTORS)]) for i in range(1, 6)]
    text = (sop_text(ACTORS, steps).replace("hasil 3\t", "hasil 3\tTidak lengkap kembali ke 1")
            .replace("hasil 4\t", "hasil 4\tTdk ⟶ 2").replace("hasil 5\t", "hasil 5\tRevisi (kembali ke 3)"))
    draft = read_document(write(tmp_path, text))
    assert [s.returns_to for s in draft.steps] == [[], [], [1], [2], [3]]


def _headed(tmp_path: Path, heads: list[str]) -> Path:
    """A two-step SOP whose Mutu Baku columns carry `heads`, their cells "berkas", "15 menit", "hasil", "foto"."""
    document = docx.Document()
    for line in ("DINAS KOPERASI DAN UKM", "Nomor SOP : 1/SOP/2025", "Nama SOP : UJI KOLOM"):
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2 + len(ACTORS) + len(heads))
    for c, text in enumerate(["No", "Uraian Prosedur", *ACTORS, *heads]):
        table.cell(0, c).text = text
    for i, actor in enumerate(["Pemohon", "Kepala Dinas"], start=1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = str(i), f"Langkah {i}"
        cells[2 + ACTORS.index(actor)].text = "X"
        for c, text in enumerate(["berkas", "15 menit", "hasil", "foto"][:len(heads)]):
            cells[2 + len(ACTORS) + c].text = text
    path = tmp_path / "kolom.docx"
    document.save(str(path))
    return path


def test_mutu_baku_headings_input_durasi_produk(tmp_path: Path) -> None:
    draft = read_document(_headed(tmp_path, ["Input", "Durasi", "Produk"]))
    assert [(s.inputs, s.duration_value, s.duration_unit, s.output) for s in draft.steps] == [
        ("berkas", 15, "minute", "hasil")] * 2
    assert draft.warnings == []


def test_a_column_of_an_unknown_heading_is_named_in_a_warning(tmp_path: Path) -> None:
    draft = read_document(_headed(tmp_path, ["Kelengkapan", "Waktu", "Output", "Bukti Dukung"]))
    assert [(w.step, w.column, w.value) for w in draft.warnings] == [(None, "Bukti Dukung", "foto")]
    assert "kolom.docx" in str(draft.warnings[0])


def test_an_approval_on_one_line_with_commas() -> None:
    from kinerja.sop.importers.values import parse_approval

    assert parse_approval("Kepala Dinas Pendidikan, Drs. EKO SANTOSO, NIP. 19690303 199403 1 005") == (
        "Kepala Dinas Pendidikan", "Drs. EKO SANTOSO", "196903031994031005")


def test_a_return_to_one_name_of_an_actor_column_naming_two() -> None:
    from kinerja.sop.importers.flow import ActorMatcher

    matcher = ActorMatcher(["Pemohon/ Masyarakat", "Petugas Loket", "Kasubbag Umum / Kepegawaian", "Kepala Dinas"])
    assert [matcher.match_at_start(t) for t in ("pemohon", "masyarakat", "Pemohon/ Masyarakat", "kasubbag umum")] == [
        "Pemohon/ Masyarakat", "Pemohon/ Masyarakat", "Pemohon/ Masyarakat", "Kasubbag Umum / Kepegawaian"]


def test_a_decision_hands_back_to_the_applicant_of_a_column_naming_two(tmp_path: Path) -> None:
    actors = ["Pemohon/ Masyarakat", "Petugas Loket", "Kepala Seksi", "Kepala Dinas"]
    steps = [("Mengajukan permohonan", "15 menit", actors[0]), ("Memeriksa berkas", "10 menit", actors[1]),
             ("Memaraf", "1 jam", actors[2]), ("Menandatangani", "1 hari", actors[3])]
    text = sop_text(actors, steps).replace("hasil 2\t", "hasil 2\tTidak lengkap: dikembalikan kepada pemohon")
    assert [s.returns_to for s in read_document(write(tmp_path, text)).steps] == [[], [1], [], []]
