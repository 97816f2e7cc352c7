"""What follows a time's unit after "/", "per" or "tiap" is not always an item of the work ("10 menit/berkas"):
a unit of time there makes a rate ("2 jam per hari", "7 jam/hari"), and a whole second time the same time
written another way ("1 hari/ 7 jam", "5 hari kerja / 1 minggu", "1 hari (8 jam)"). Neither is read as "the
time of one hari"; the first time is the standard and the warning says what was read."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kinerja.sop.importers import read_document
from kinerja.sop.importers.values import duration_item, parse_duration

from .documents import sop_text, write

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Kasi", "Kepala Bidang"]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("1 hari/ 7 jam", "1", "day"), ("1 hari / 8 jam", "1", "day"), ("1 minggu/5 hari", "1", "week"),
    ("1 hari/7,5 jam", "1", "day"), ("1 hari (8 jam)", "1", "day"), ("5 hari kerja / 1 minggu", "5", "day"),
    ("2 jam per hari?", "2", "hour"), ("2 jam per hari", "2", "hour"), ("7 jam/hari", "7", "hour"),
    ("1 jam per hari kerja", "1", "hour"), ("2 hari/ bulan", "2", "day"), ("15 menit?", "15", "minute"),
    ("10 menit/berkas.", "10", "minute"),
])
def test_a_second_time_or_a_rate_reads_the_first_time(text: str, value: str, unit: str) -> None:
    assert parse_duration(text) == (Decimal(value), unit)


@pytest.mark.parametrize("text", ["1 hari/ 7 jam", "2 jam per hari?", "7 jam/hari", "1 jam per hari kerja",
                                  "5 hari kerja / 1 minggu", "30 menit/jam", "1 hari (8 jam)"])
def test_a_unit_of_time_after_the_slash_is_no_item(text: str) -> None:
    assert duration_item(text) == ""


@pytest.mark.parametrize(("text", "item"), [("10 menit/berkas", "berkas"), ("10 menit/ 1 berkas", "berkas"),
                                            ("15 menit per pemohon?", "pemohon"), ("1 hari kerja/berkas", "berkas")])
def test_an_item_is_still_an_item(text: str, item: str) -> None:
    assert duration_item(text) == item


def test_the_warnings_say_what_was_read(tmp_path: Path) -> None:
    steps = [("Kegiatan nomor 1", "1 hari/ 7 jam", "Kasi"), ("Kegiatan nomor 2", "2 jam per hari?", "Kepala Bidang"),
             ("Kegiatan nomor 3", "10 menit/berkas", "Kasi")]
    draft = read_document(write(tmp_path, sop_text(ACTORS, steps)))
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [(1, "day"), (2, "hour"), (10, "minute")]
    assert [str(w) for w in draft.warnings] == [
        "sop.txt, step 1, column Waktu: two times: 1 hari, the first, is taken as the standard time; 7 jam is "
        "left aside (value: “1 hari/ 7 jam”)",
        "sop.txt, step 2, column Waktu: a time per hari: 2 jam is taken as the standard time of the step; if the "
        "step runs over several, type its whole time (value: “2 jam per hari?”)",
        "sop.txt, step 3, column Waktu: a time per berkas: 10 menit, the time of one berkas, is taken as the "
        "standard time (value: “10 menit/berkas”)"]


def test_a_time_written_as_times_a_number_of_hours_is_their_product_with_a_warning(tmp_path: Path) -> None:
    # "1 x 24 jam" is the service standards' way of writing one day; any other "N x M jam" is N times M hours.
    steps = [("Kegiatan nomor 1", "2 x 8 jam", "Kasi"), ("Kegiatan nomor 2", "1 x 24 jam", "Kepala Bidang")]
    draft = read_document(write(tmp_path, sop_text(ACTORS, steps)))
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [(16, "hour"), (1, "day")]
    assert [str(w) for w in draft.warnings] == [
        "sop.txt, step 1, column Waktu: 2 times 8 jam: the product, 16 jam, is taken as the standard time "
        "(value: “2 x 8 jam”)"]
