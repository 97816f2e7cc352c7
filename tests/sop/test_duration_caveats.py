"""A Waktu cell that states a time and a caveat beside it ("Satu hari, tergantung kelengkapan berkas", "Sehari
tergantung jumlah berkas", "Lima hari kerja, menyesuaikan") sets that time, in digits or in words, as "Satu hari"
alone does, with a warning naming the caveat left aside. Only a cell with no number outside its caveat ("Menyesuaikan",
"Tergantung jumlah berkas") sets no standard time."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kinerja.sop.importers import read_document
from kinerja.sop.importers.values import duration_caveat, parse_duration

from .documents import sop_text, write

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Kasi", "Kepala Bidang"]


@pytest.mark.parametrize(("text", "value", "unit", "caveat"), [
    ("Satu hari, tergantung kelengkapan berkas", "1", "day", "tergantung kelengkapan berkas"),
    ("1 hari, tergantung kelengkapan berkas", "1", "day", "tergantung kelengkapan berkas"),
    ("Sehari tergantung jumlah berkas", "1", "day", "tergantung jumlah berkas"),
    ("Lima hari kerja, menyesuaikan", "5", "day", "menyesuaikan"),
    ("Tiga puluh menit, tergantung jumlah pemohon.", "30", "minute", "tergantung jumlah pemohon"),
    ("Setengah hari (tergantung kelengkapan)", "0.50", "day", "tergantung kelengkapan"),
    ("2 hari (tergantung 3 berkas)", "2", "day", "tergantung 3 berkas"),
    ("Tergantung jumlah berkas, maks. 2 hari", "2", "day", "tergantung jumlah berkas"),
    ("Sesuai kebutuhan (maksimal 2 hari)", "2", "day", "sesuai kebutuhan"),
    ("2 jam atau sesuai kebutuhan", "2", "hour", "sesuai kebutuhan"),
    ("Sejam; bervariasi", "1", "hour", "bervariasi"),
])
def test_a_time_with_a_caveat_is_that_time(text: str, value: str, unit: str, caveat: str) -> None:
    assert parse_duration(text) == (Decimal(value), unit)
    assert duration_caveat(text) == caveat


@pytest.mark.parametrize("text", ["Menyesuaikan", "Sesuai kebutuhan", "Tergantung jumlah berkas", "Tentatif.",
                                  "Tergantung 3 berkas"])
def test_a_caveat_without_a_time_sets_no_standard_time(text: str) -> None:
    with pytest.raises(ValueError, match="sets no standard time"):
        parse_duration(text)
    assert duration_caveat(text) == ""


@pytest.mark.parametrize("text", ["Satu hari", "1 hari (satu)", "10 menit/berkas", "2-3 hari"])
def test_a_time_without_a_caveat_has_none(text: str) -> None:
    assert duration_caveat(text) == ""


def test_the_warning_names_the_caveat_left_aside(tmp_path: Path) -> None:
    steps = [("Kegiatan nomor 1", "Satu hari, tergantung kelengkapan berkas", "Kasi"),
             ("Kegiatan nomor 2", "Lima hari kerja, menyesuaikan", "Kepala Bidang"),
             ("Kegiatan nomor 3", "15 menit", "Kasi")]
    draft = read_document(write(tmp_path, sop_text(ACTORS, steps)))
    assert draft.problems == []
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [(1, "day"), (5, "day"), (15, "minute")]
    assert [str(w) for w in draft.warnings] == [
        "sop.txt, step 1, column Waktu: a caveat beside the time: 1 hari is taken as the standard time and "
        "“tergantung kelengkapan berkas” is left aside; if the step may take longer, type its longest time in the "
        "preview (value: “Satu hari, tergantung kelengkapan berkas”)",
        "sop.txt, step 2, column Waktu: a caveat beside the time: 5 hari is taken as the standard time and "
        "“menyesuaikan” is left aside; if the step may take longer, type its longest time in the preview (value: "
        "“Lima hari kerja, menyesuaikan”)"]


def test_the_unit_a_header_names_follows_the_time_not_the_caveat(tmp_path: Path) -> None:
    # "Waktu (hari)" over "2, tergantung jumlah berkas": 2 hari, not the caveat "… berkas hari" left with a bare 2.
    steps = [("Kegiatan nomor 1", "2, tergantung jumlah berkas", "Kasi"), ("Kegiatan nomor 2", "1", "Kepala Bidang")]
    text = sop_text(ACTORS, steps).replace("\tWaktu\t", "\tWaktu (hari)\t")
    draft = read_document(write(tmp_path, text))
    assert draft.problems == []
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [(2, "day"), (1, "day")]
    assert [str(w) for w in draft.warnings] == [
        "sop.txt, step 1, column Waktu (hari): a caveat beside the time: 2 hari is taken as the standard time and "
        "“tergantung jumlah berkas” is left aside; if the step may take longer, type its longest time in the "
        "preview (value: “2, tergantung jumlah berkas”)"]
