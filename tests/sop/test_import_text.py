"""Reading SOP AP documents as text: the customer's seed, synthetic SOPs with returns, typos and
aliases, and every kind of bad document the issue lists."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from kinerja.sop.importers import SopImportError, flow, parse_document, read_document

from .documents import SEED, SEED_ACTORS, SEED_STEP_ACTORS, sop_text, write

pytestmark = pytest.mark.usefixtures("english")


def test_it_reads_the_seed_header() -> None:
    draft = read_document(SEED)
    assert draft.name == "PENGUMPULAN DATA KINERJA DINAS KOPERASI DAN UKM KOTA BANDAR LAMPUNG"
    assert draft.number == ""
    assert draft.lines == ["PEMERINTAH KOTA BANDAR LAMPUNG", "SEKRETARIAT DINAS KOPERASI DAN UKM",
                           "BAGIAN PROGRAM, KEUANGAN DAN ASET"]
    assert (draft.created_on, draft.revised_on, draft.effective_on) == (dt.date(2023, 1, 9), None, dt.date(2023, 2, 1))
    assert (draft.approved_by, draft.approved_by_name, draft.approved_by_nip) == (
        "KEPALA DINAS KOPERASI DAN UKM", "RIANA AFRIANA, AP.MM", "197504271993112001")
    assert draft.blocks["qualifications"] == ["Menguasai cara menyusun Laporan dengan baik",
                                              "Memahami Tugas Pokok dan Fungsi unit kerjanya."]
    assert len(draft.blocks["related_sops"]) == 3
    assert draft.blocks["equipment"] == ["Buku Agenda rapat.", "Draft Awal Lakip.", "Komputer", "ATK", "Printer"]
    assert len(draft.blocks["legal_basis"]) == 1
    assert draft.blocks["warning"][0].startswith("Apabila SOP tidak dilaksanakan")
    assert draft.blocks["records"] == ["Notulensi hasil rapat."]


def test_it_recovers_the_seed_actors_from_the_hand_offs() -> None:
    draft = read_document(SEED)
    assert draft.actors == SEED_ACTORS
    assert [s.actor for s in draft.steps] == SEED_STEP_ACTORS
    # "Mulai" anchors step 1; the others come from the step before ("kepada Kassubbag", "kepada Kepala Dinas").
    assert [s.actor_source for s in draft.steps] == ["symbol"] + ["handoff"] * 5


def test_it_reads_the_seed_standard() -> None:
    draft = read_document(SEED)
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [
        (Decimal(2), "minute"), (Decimal(10), "minute"), (Decimal(5), "day"), (Decimal(5), "day"),
        (Decimal(1), "day"), (Decimal(1), "day")]
    assert [s.coordinates_divisions for s in draft.steps] == [False, False, True, False, False, False]
    assert draft.steps[5].output == "Data kinerja"
    assert all(s.returns_to == [] for s in draft.steps)


def test_it_gives_the_json_shape_of_the_issue() -> None:
    data = read_document(SEED).as_json(7)
    assert data["id"] == 7 and data["actors"] == SEED_ACTORS
    assert data["steps"][0] == {
        "number": 1, "label": "1", "actor": "Sekretaris",
        "activity": "Menerima surat dari Kepala Dinas dan menyampaikan kepada Kasubbag untuk menyusun data kinerja",
        "inputs": "lembar disposisi, surat kepala dinas ttg Penyusunan data Kinerja",
        "duration": {"value": 2, "unit": "minute"}, "output": "disposisi", "note": "", "returns_to": [],
        "coordinates_divisions": False}
    assert data["header"]["effective_on"] == "2023-02-01"


RETURNS = ["Kadis", "Sekretaris", "Kasubbag", "JFU"]


def test_it_reads_returns_to_a_named_actor_and_to_a_step_number(tmp_path: Path) -> None:
    path = write(tmp_path, sop_text(RETURNS, [
        ("Menerima surat dan mendisposisikan kepada Sekretaris", "2 menit", "Kadis"),
        ("Meneruskan disposisi kepada Kasubbag", "10 menit", None),
        ("Memberi petunjuk kepada JFU", "10 menit", None),
        ("Menyusun konsep dan menyampaikan kepada Kassubbag", "2 hari", None),
        ("Memeriksa konsep, apabila belum sesuai dikembalikan kepada JFU untuk diperbaiki, apabila sesuai "
         "menyampaikan kepada Sekretaris", "½ hari", None),
        ("Memeriksa konsep; bila ada kekurangan kembali ke langkah 3; jika lengkap meneruskan kepada Kepala Dinas",
         "1 hari", None),
        ("Menandatangani, apabila belum sesuai dikembalikan ke langkah 4", "1 hari", "Kadis"),
    ]))
    draft = read_document(path)
    assert [s.actor for s in draft.steps] == ["Kadis", "Sekretaris", "Kasubbag", "JFU", "Kasubbag", "Sekretaris", "Kadis"]
    assert [s.returns_to for s in draft.steps] == [[], [], [], [], [4], [3], [4]]
    assert draft.steps[4].duration_value == Decimal("0.5")


def test_it_returns_to_the_latest_earlier_step_of_the_named_actor(tmp_path: Path) -> None:
    path = write(tmp_path, sop_text(["Kasubbag", "JFU"], [
        ("Menyusun data dan menyampaikan kepada Kasubbag", "1 hari", "JFU"),
        ("Memeriksa data dan memberi petunjuk kepada JFU", "1 jam", None),
        ("Memperbaiki data dan menyampaikan kepada Kasubbag", "1 hari", None),
        ("Memeriksa ulang, apabila belum sesuai dikembalikan kepada JFU", "1 jam", "Kasubbag"),
    ]))
    assert read_document(path).steps[3].returns_to == [3]


def test_it_uses_the_office_aliases(tmp_path: Path) -> None:
    path = write(tmp_path, sop_text(["Kasubbag", "Pimpinan"], [
        ("Menyusun draft dan menyampaikan kepada Bapak Kepala", "1 hari", "Kasubbag"),
        ("Menandatangani", "1 hari", None),
    ]))
    with pytest.raises(SopImportError, match="step 2"):
        read_document(path)
    draft = read_document(path, aliases={"Pimpinan": ["Bapak Kepala", "Kepala Kantor"]})
    assert [s.actor for s in draft.steps] == ["Kasubbag", "Pimpinan"]


def test_it_names_the_step_whose_actor_it_cannot_decide(tmp_path: Path) -> None:
    path = write(tmp_path, sop_text(["Kasubbag", "JFU"], [
        ("Menyusun draft", "1 hari", "JFU"),
        ("Memeriksa draft", "1 jam", None),
    ]), "tanpa-pelaksana.txt")
    with pytest.raises(SopImportError) as caught:
        read_document(path)
    assert caught.value.step == 2 and caught.value.column == "Pelaksana"
    assert "tanpa-pelaksana.txt" in str(caught.value) and "choose the actor yourself" in str(caught.value)
    # The reader's message is for both the upload page and the command line: no command-line option in it.
    assert caught.value.choosable and "--actor" not in str(caught.value)
    draft = read_document(path, actor_overrides={2: "kasubag"})
    assert draft.steps[1].actor == "Kasubbag" and draft.steps[1].actor_source == "override"


def test_it_refuses_an_override_naming_no_column(tmp_path: Path) -> None:
    with pytest.raises(SopImportError, match="Bendahara"):
        read_document(SEED, actor_overrides={2: "Bendahara"})
    with pytest.raises(SopImportError, match="step 9"):
        read_document(SEED, actor_overrides={9: "JFU"})


def test_the_step_text_may_name_its_own_actor(tmp_path: Path) -> None:
    path = write(tmp_path, sop_text(["Kasubbag", "JFU"], [
        ("JFU menyusun draft", "1 hari", None),
        ("Kasubbag memeriksa draft", "1 jam", None),
    ]))
    assert [s.actor for s in read_document(path).steps] == ["JFU", "Kasubbag"]


def test_a_row_without_a_number_continues_the_step_above(tmp_path: Path) -> None:
    text = sop_text(["Kasubbag", "JFU"], [("Menyusun draft dan", "1 hari", "JFU"), ("Memeriksa", "1 jam", "Kasubbag")])
    text = text.replace("hasil 1\t\n", "hasil 1\t\n\tmenyampaikan kepada Kasubbag\t\t\t\t\t\t\n")
    draft = read_document(write(tmp_path, text))
    assert draft.steps[0].activity == "Menyusun draft dan menyampaikan kepada Kasubbag"


# Bad documents: one clear message naming file, step, column and value.

def expect_error(path: Path, *, step: int | None, column: str | None, value: str | None = None) -> SopImportError:
    with pytest.raises(SopImportError) as caught:
        read_document(path)
    error = caught.value
    assert (error.step, error.column) == (step, column), str(error)
    assert path.name in str(error)
    if value is not None:
        assert value in str(error)
    return error


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_it_refuses_a_document_that_is_not_an_sop(tmp_path: Path) -> None:
    error = expect_error(write(tmp_path, "Notulen rapat\nHadir: 12 orang\n", "notulen.txt"), step=None, column=None)
    assert "not an SOP" in str(error)


def test_it_refuses_a_table_without_waktu(tmp_path: Path) -> None:
    expect_error(write(tmp_path, seed_text().replace("\tWaktu\t", "\tJadwal\t")), step=None, column="Waktu")


def test_it_refuses_an_unreadable_duration(tmp_path: Path) -> None:
    path = write(tmp_path, seed_text().replace("5 Hari", "sebentar saja", 1), "waktu-salah.txt")
    error = expect_error(path, step=3, column="Waktu", value="sebentar saja")
    assert str(error).startswith("waktu-salah.txt, step 3, column Waktu:")


def test_it_refuses_a_repeated_step_number(tmp_path: Path) -> None:
    # The error names the row repeating the number (the fourth), not step 3, which is the first row of that number.
    error = expect_error(write(tmp_path, seed_text().replace("\n4\tMenerima", "\n3\tMenerima")), step=None,
                         column="No.", value="3")
    assert "step row 4, “Menerima" in str(error)


def test_it_refuses_a_missing_step_number(tmp_path: Path) -> None:
    expect_error(write(tmp_path, seed_text().replace("\n4\tMenerima", "\n7\tMenerima")), step=4, column="No.", value="7")


def test_it_refuses_a_table_without_actor_columns(tmp_path: Path) -> None:
    text = seed_text().replace("\t\tSekretaris\tKasubbag\tJFU\tKadis\t", "\t\t\t\t\t\t")
    expect_error(write(tmp_path, text), step=None, column="Pelaksana")


def test_it_refuses_a_document_without_a_name(tmp_path: Path) -> None:
    expect_error(write(tmp_path, seed_text().replace("NAMA SOP\t", "JUDUL\t")), step=None, column="Nama SOP")


def test_a_decree_number_above_the_form_is_not_the_sop_number(tmp_path: Path) -> None:
    """The SOP attached to a decree: "LAMPIRAN … NOMOR : 800/12/2024" above the form. Its generic "NOMOR"
    gives way to the form's "NOMOR SOP", even an empty one (the seed's)."""
    decree = "LAMPIRAN KEPUTUSAN KEPALA DINAS KOPERASI DAN UKM\nNOMOR\t: 800/12/IV.41/2024\nTANGGAL\t: 3 Januari 2024\n"
    text = sop_text(["Kasubbag", "JFU"], [("Menyusun draf", "1 hari", "Kasubbag"), ("Memeriksa draf", "1 hari", "JFU")])
    assert read_document(write(tmp_path, decree + text)).number == "800/01/SOP/2025"
    assert read_document(write(tmp_path, decree + seed_text(), "seed.txt")).number == ""


def test_two_fields_on_one_row_are_both_read(tmp_path: Path) -> None:
    """An identity laid out in two pairs of columns: "NOMOR SOP | : | … | TANGGAL PEMBUATAN | : | …"."""
    text = sop_text(["Kasubbag", "JFU"], [("Menyusun draf", "1 hari", "Kasubbag"), ("Memeriksa draf", "1 hari", "JFU")])
    text = text.replace("NOMOR SOP\t800/01/SOP/2025\nTANGGAL PEMBUATAN\t9 Januari 2023\n",
                        "NOMOR SOP\t:\t800/01/SOP/2025\tTANGGAL PEMBUATAN\t:\t9 Januari 2023\n")
    text = text.replace("TANGGAL REVISI\t-\nTANGGAL EFEKTIF\t2 Januari 2025\n",
                        "TANGGAL REVISI\t:\t\tTANGGAL EFEKTIF\t:\t2 Januari 2025\n")
    assert text.count("\tTANGGAL ") == 2
    draft = read_document(write(tmp_path, text))
    assert (draft.number, draft.created_on, draft.revised_on, draft.effective_on) == (
        "800/01/SOP/2025", dt.date(2023, 1, 9), None, dt.date(2025, 1, 2))


def test_it_refuses_a_bad_effective_date(tmp_path: Path) -> None:
    expect_error(write(tmp_path, seed_text().replace("1 Februari 2023", "1 Febuary 2023")), step=None,
                 column="Tanggal Efektif", value="1 Febuary 2023")


def test_it_refuses_a_file_over_10_mb(tmp_path: Path) -> None:
    path = tmp_path / "besar.txt"
    path.write_bytes(seed_text().encode() + b" " * (10 * 1024 * 1024))
    error = expect_error(path, step=None, column=None)
    assert "10 MB" in str(error)


def test_it_refuses_a_pdf_that_is_only_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "sop.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    error = expect_error(path, step=None, column=None)
    assert "damaged" in str(error)


def test_it_refuses_an_archive_that_inflates_too_much(tmp_path: Path) -> None:
    path = tmp_path / "bom.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document/>")
        z.writestr("word/media/big.bin", b"\0" * (80 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    error = expect_error(path, step=None, column=None)
    assert "inflates" in str(error)


def test_it_refuses_a_file_misnamed_as_docx(tmp_path: Path) -> None:
    expect_error(write(tmp_path, seed_text(), "sop.docx"), step=None, column=None)


def test_parse_document_keeps_all_step_problems_for_the_preview(tmp_path: Path) -> None:
    text = seed_text().replace("5 Hari", "sebentar saja", 1).replace("memberi petunjuk kepada JFU", "memberi petunjuk")
    draft = parse_document(write(tmp_path, text))
    assert [(p.step, p.column) for p in draft.problems] == [(3, "Waktu"), (3, "Pelaksana")]
    assert draft.steps[2].actor == "" and draft.steps[2].duration_value is None


@pytest.mark.parametrize(("activity", "coordinates"), [
    ("Menginventarisir bahan data kinerja dan berkoordinasi dengan bidang-bidang", True),
    ("Koordinasi dengan Kepala Bidang terkait", True),
    ("Meminta data capaian kinerja kepada seluruh bidang", True),
    ("Menghimpun laporan realisasi dari masing-masing Bidang", True),
    ("Merekapitulasi usulan program bidang-bidang dan menyampaikan kepada Sekretaris", True),
    ("Mengumpulkan data dari setiap kepala bidang", True),
    # A hand-off to one actor, or a step that does not gather from the divisions.
    ("Menerima laporan dari Kepala Bidang dan memarafnya", False),
    ("Menyampaikan draft kepada Kepala Bidang", False),
    ("Mengirimkan undangan rapat kepada seluruh bidang", False),
    ("Meminta tanda tangan Kepala Dinas. Seluruh bidang menerima salinan", False),
])
def test_a_step_that_gathers_from_every_division_coordinates_them(activity: str, coordinates: bool) -> None:
    assert flow.coordinates_divisions(activity) is coordinates
