"""A legend of the actors written on one line and directly followed by an ordinary sentence ("Arsip dipinjam paling
lama tujuh hari kerja."): the sentence is no rest of the last actor's name. It was joined onto it ("Kepala Bidang
Kearsipan Arsip dipinjam paling lama tujuh hari kerja") in a text copy, a Word document, a workbook and a PDF,
above the table and under it. A legend whose last entry the layout wrapped still keeps the entry whole, with or
without a sentence under it (tests/sop/test_import_legend_wrapped.py tries every cut)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.sop.importers import read_document

from .test_import_legend_wrapped import ACTORS, HEAD, STEPS, WRITERS

pytestmark = pytest.mark.usefixtures("english")

WHOLE = HEAD + "Kasubbag TU = Kepala Subbagian Tata Usaha, Kabid = Kepala Bidang Kearsipan"
SENTENCES = {
    "with a full stop": "Arsip dipinjam paling lama tujuh hari kerja.",
    "without a full stop": "Peminjam wajib menjaga keutuhan arsip",
    "in capitals": "Semua Arsip Dikembalikan Dalam Keadaan Utuh.",
    "long": "Waktu Penyelesaian Dihitung Dalam Hari Kerja Sejak Berkas Lengkap",
}


@pytest.mark.parametrize("above", [False, True], ids=["below", "above"])
@pytest.mark.parametrize("sentence", list(SENTENCES))
@pytest.mark.parametrize("kind", list(WRITERS))
def test_a_sentence_under_a_one_line_legend_is_no_part_of_the_last_name(tmp_path: Path, kind: str, sentence: str,
                                                                      above: bool) -> None:
    draft = read_document(WRITERS[kind](tmp_path, [WHOLE, SENTENCES[sentence]], above))
    assert draft.actors == ACTORS
    assert [s.actor for s in draft.steps] == [ACTORS[who] for _text, who in STEPS]


@pytest.mark.parametrize("above", [False, True], ids=["below", "above"])
@pytest.mark.parametrize("kind", list(WRITERS))
def test_a_wrapped_last_name_followed_by_a_sentence_is_read_whole(tmp_path: Path, kind: str, above: bool) -> None:
    legend = [HEAD + "Kasubbag TU = Kepala Subbagian Tata Usaha, Kabid = Kepala", "Bidang Kearsipan",
              SENTENCES["with a full stop"]]
    assert read_document(WRITERS[kind](tmp_path, legend, above)).actors == ACTORS


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_a_name_s_rest_of_several_words_is_still_joined(tmp_path: Path, kind: str) -> None:
    """The part above already spells "Kabid" out ("Kepala Bidang"), the rest holds a comma and a small word: a name."""
    legend = [HEAD + "Kasubbag TU = Kepala Subbagian Tata Usaha, Kabid = Kepala Bidang",
              "Perencanaan, Evaluasi dan Pelaporan"]
    draft = read_document(WRITERS[kind](tmp_path, legend, False))
    assert draft.actors[-1] == "Kepala Bidang Perencanaan, Evaluasi dan Pelaporan"


@pytest.mark.parametrize("rest", ["Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
                                  "Pengembangan Sumber Daya Manusia Aparatur", "Kependudukan dan Pencatatan Sipil."])
@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_a_long_rest_of_a_name_in_capitals_is_still_joined(tmp_path: Path, kind: str, rest: str) -> None:
    """A position's name the layout wrapped after the part that spells the abbreviation out: however many words
    its rest holds as names are written, with a full stop or not, it is the name's, not a sentence."""
    legend = [HEAD + "Kasubbag TU = Kepala Subbagian Tata Usaha, Kabid = Kepala Bidang", rest]
    draft = read_document(WRITERS[kind](tmp_path, legend, False))
    assert draft.actors[-1] == "Kepala Bidang " + rest.rstrip(".")
