"""Layouts of other offices' SOPs: a Lampiran (an attached form with its own "No | Uraian" table) after the
procedure table, and the Pelaksana columns written after the Mutu Baku instead of before it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kinerja.sop.importers import read_document

from .documents import sop_text, write

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Pemohon", "Staf Pelayanan", "Camat"]
STEPS = [("Menyerahkan berkas kepada staf pelayanan", "15 menit", "Pemohon"),
         ("Memeriksa berkas dan membuat konsep surat", "1 jam", "Staf Pelayanan"),
         ("Menandatangani surat keterangan", "1 hari", "Camat")]


@pytest.mark.parametrize("lampiran", [
    ["", "Lampiran 1: Contoh Formulir", "No\tUraian\tIsian", "1\tNama\t", "2\tAlamat\t"],
    ["", "LAMPIRAN", "No.\tUraian Persyaratan\tKeterangan", "1\tFotokopi KTP\t1 lembar", "2\tPas foto\t2 lembar"],
])
def test_a_lampiran_table_after_the_procedure_is_no_part_of_it(tmp_path: Path, lampiran: list[str]) -> None:
    text = sop_text(ACTORS, STEPS) + "\n".join(lampiran) + "\n"
    draft = read_document(write(tmp_path, text))
    assert [s.activity for s in draft.steps] == [a for a, _t, _m in STEPS]


def test_a_header_repeated_on_the_next_page_still_continues_the_table(tmp_path: Path) -> None:
    lines = sop_text(ACTORS, STEPS).splitlines()
    header = [i for i, line in enumerate(lines) if line.startswith("No.\t")][0]
    text = "\n".join([*lines[:-1], "Halaman 2", *lines[header:header + 2], lines[-1]]) + "\n"
    assert len(read_document(write(tmp_path, text)).steps) == 3


def test_actor_columns_after_the_mutu_baku_are_read(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["PEMERINTAH KOTA METRO"], ["NOMOR SOP", "800/15/SOP/2024"], ["TANGGAL EFEKTIF", "1 Maret 2024"],
                ["NAMA SOP", "PELAYANAN CUTI TAHUNAN"], [],
                ["No", "Uraian Kegiatan", "Mutu Baku", None, None, "Pelaksana", None, None, "Ket."],
                [None, None, "Kelengkapan", "Waktu", "Output", "PNS", "Kasubbag Umpeg", "Kaban", None],
                [1, "Mengajukan permohonan cuti", "Formulir cuti", "1x24 jam", "Permohonan", "X", None, None, None],
                [2, "Memverifikasi sisa hak cuti", "Permohonan", "2 (dua) hari", "Hasil verifikasi", None, "X", None,
                 "Jika tidak sesuai, dikembalikan kepada PNS"],
                [3, "Menandatangani surat izin cuti", "Konsep surat", "30'", "Surat izin cuti", None, None, "X", None]]:
        sheet.append(row)
    for cells in ("A6:A7", "B6:B7", "C6:E6", "F6:H6", "I6:I7"):
        sheet.merge_cells(cells)
    path = tmp_path / "cuti.xlsx"
    book.save(path)
    draft = read_document(path)
    assert draft.actors == ["PNS", "Kasubbag Umpeg", "Kaban"]
    assert [s.actor for s in draft.steps] == ["PNS", "Kasubbag Umpeg", "Kaban"]
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [(1, "day"), (2, "day"), (30, "minute")]
    assert [s.inputs for s in draft.steps] == ["Formulir cuti", "Permohonan", "Konsep surat"]
    assert draft.steps[1].returns_to == [1]


@pytest.mark.parametrize(("text", "actor"), [("petugas loket", "PL"), ("Petugas Loket untuk diperiksa", "PL"),
                                             ("pemohon", "Pmh"), ("jabatan fungsional umum", "JFU"),
                                             ("Kasi Angkutan", "Kasi Angk.")])
def test_an_actor_column_written_as_an_abbreviation_matches_the_words_it_shortens(text: str, actor: str) -> None:
    from kinerja.sop.importers.flow import ActorMatcher

    assert ActorMatcher(["Pmh", "PL", "JFU", "Kasi Angk.", "Kabid"]).match_at_start(text) == actor


@pytest.mark.parametrize("text", ["pelaksana lapangan", "surat", "pimpinan"])
def test_an_abbreviation_fitting_two_columns_or_none_matches_nothing(text: str) -> None:
    from kinerja.sop.importers.flow import ActorMatcher

    assert ActorMatcher(["PL", "Pmh", "PLK"]).match_at_start(text) in ({"pelaksana lapangan": "PL"}.get(text), None)


def test_a_word_sop_with_abbreviated_actor_columns_reads_its_hand_offs(tmp_path: Path) -> None:
    actors = ["Pmh", "PL", "Kasi Angk.", "Kadis"]
    steps = [("Mengajukan permohonan kepada petugas loket", "15 menit", "Pmh"),
             ("Memeriksa berkas dan meneruskan kepada Kasi Angkutan", "30 menit", None),
             ("Memverifikasi berkas dan menyampaikan kepada Kepala Dinas", "3 (tiga) hari kerja", None),
             ("Menandatangani kartu pengawasan", "1 x 24 jam", "Kadis")]
    draft = read_document(write(tmp_path, sop_text(actors, steps)))
    assert [s.actor for s in draft.steps] == ["Pmh", "PL", "Kasi Angk.", "Kadis"]
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [(15, "minute"), (30, "minute"), (3, "day"),
                                                                        (1, "day")]


def test_a_lampiran_sheet_with_a_table_of_its_own_is_no_second_sop(tmp_path: Path) -> None:
    from kinerja.sop.importers import document_sops

    from .documents import sop_workbook

    lampiran = "LAMPIRAN\n\nNo\tUraian Persyaratan\tKeterangan\n1\tFormulir permohonan cuti\tAsli\n2\tSurat pernyataan\tAsli"
    path = sop_workbook(tmp_path / "cuti.xlsx", [("SOP Cuti", sop_text(ACTORS, STEPS, name="PELAYANAN CUTI")),
                                                 ("Lampiran", lampiran)])
    assert document_sops(path) == []
    draft = read_document(path)
    assert (draft.name, len(draft.steps)) == ("PELAYANAN CUTI", 3)


@pytest.mark.parametrize("column", ["Ka. Sub. Bag. Umum", "Kasubag. TU"])
def test_a_hand_off_to_a_column_written_with_abbreviating_stops_is_read(tmp_path: Path, column: str) -> None:
    actors = ["Pemohon", column, "Kadinkes"]
    steps = [(f"Mengajukan permohonan SIPB kepada {column}", "15 menit", "Pemohon"),
             ("Mencatat berkas dan meneruskan kepada Kadinkes. Berkas diarsipkan", "1 jam", None),
             ("Menandatangani SIPB", "1 hari", "Kadinkes")]
    draft = read_document(write(tmp_path, sop_text(actors, steps)))
    assert [s.actor for s in draft.steps] == ["Pemohon", column, "Kadinkes"]


@pytest.mark.parametrize(("text", "actor"), [("Kasi Pelayanan Kesehatan", "Kasi Yankes"),
                                             ("Kepala Seksi Pelayanan Kesehatan untuk diverifikasi", "Kasi Yankes"),
                                             ("Kasi Kesehatan Masyarakat", "Kasi Kesmas"),
                                             ("Kabid Pengendalian Penyakit", "Kabid P2P")])
def test_a_column_abbreviating_the_unit_by_syllables_matches_the_words_written_out(text: str, actor: str) -> None:
    from kinerja.sop.importers.flow import ActorMatcher

    matcher = ActorMatcher(["Pemohon", "Kasi Yankes", "Kasi Kesmas", "Kabid P2P", "Kadinkes"])
    assert matcher.match_at_start(text) == (actor if actor != "Kabid P2P" else None)


@pytest.mark.parametrize(("text", "actor"), [("Kepala Dinas Kesehatan", "Kadinkes"),
                                             ("Kepala Dinas Kesehatan untuk ditandatangani", "Kadinkes"),
                                             ("Pelayanan Kesehatan", "Yankes")])
def test_a_one_word_column_abbreviating_title_and_unit_matches_them_written_out(text: str, actor: str) -> None:
    from kinerja.sop.importers.flow import ActorMatcher

    assert ActorMatcher(["Pemohon", "Yankes", "Kadinkes"]).match_at_start(text) == actor


def test_the_decree_layout_reads_every_hand_off(tmp_path: Path) -> None:
    actors = ["Pemohon", "Ka. Sub. Bag. Umum", "Kasi Yankes", "Kadinkes"]
    steps = [("Mengajukan permohonan SIPB kepada Ka. Sub. Bag. Umum", "15 menit", "Pemohon"),
             ("Mencatat dan meneruskan berkas kepada Kasi Pelayanan Kesehatan", "1 (satu) jam", None),
             ("Memverifikasi berkas dan menyiapkan konsep SIPB kepada Kepala Dinas Kesehatan", "3 (tiga) hari kerja", None),
             ("Menandatangani SIPB", "1 x 24 jam", None)]
    text = "LAMPIRAN II PERATURAN BUPATI PESAWARAN\nNOMOR : 45 TAHUN 2024\n\n" + sop_text(actors, steps)
    draft = read_document(write(tmp_path, text))
    assert [s.actor for s in draft.steps] == actors
    assert draft.number == "800/01/SOP/2025"


def test_the_letterhead_under_a_decree_heading_is_the_letterhead(tmp_path: Path) -> None:
    decree = ("LAMPIRAN II PERATURAN BUPATI PESAWARAN\nNOMOR : 45 TAHUN 2024\nTANGGAL : 3 Januari 2024\n"
              "TENTANG STANDAR OPERASIONAL PROSEDUR\n\n")
    draft = read_document(write(tmp_path, decree + sop_text(ACTORS, STEPS)))
    assert draft.lines == ["PEMERINTAH KOTA BANDAR LAMPUNG", "DINAS KOPERASI DAN UKM"]
    assert draft.number == "800/01/SOP/2025"


def test_a_line_of_marks_in_the_letterhead_is_read_as_before(tmp_path: Path) -> None:
    text = sop_text(ACTORS, STEPS).replace("DINAS KOPERASI DAN UKM\n", "DINAS KOPERASI DAN UKM\n* * *\n", 1)
    assert read_document(write(tmp_path, text)).lines == ["PEMERINTAH KOTA BANDAR LAMPUNG", "DINAS KOPERASI DAN UKM",
                                                          "* * *"]
