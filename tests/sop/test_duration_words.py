"""Times as Indonesian documents write them beyond "N unit": "3 x 24 jam" (and "2x24 jam", "1 x 24 Jam", "3 kali 24
jam") is N working days; a number in words ("dua belas", "lima belas menit", "duabelas jam", "Satu (1) hari",
"setengah hari", half a working day) is read wherever digits are, also without a unit under a Waktu header that names
one ("Dua, tergantung jumlah berkas" under "Waktu (hari)", as "2, tergantung …" is)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kinerja.sop.importers import parse_document, read_document
from kinerja.sop.importers.values import parse_duration

from .documents import sop_text, sop_workbook, write

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Kasi", "Kepala Bidang"]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("3 x 24 jam", "3", "day"),
    ("2x24 jam", "2", "day"),
    ("1 x 24 Jam", "1", "day"),
    ("3X24JAM", "3", "day"),
    ("2 × 24 jam kerja", "2", "day"),
    ("3 kali 24 jam", "3", "day"),
    ("tiga kali 24 jam", "3", "day"),
    ("Tiga x 24 jam", "3", "day"),
    ("3 (tiga) x 24 jam", "3", "day"),
    ("2 kali 8 jam", "16", "hour"),
    ("dua belas jam", "12", "hour"),
    ("Duabelas jam", "12", "hour"),
    ("lima belas menit", "15", "minute"),
    ("limabelas menit", "15", "minute"),
    ("sebelas hari", "11", "day"),
    ("sembilan belas menit", "19", "minute"),
    ("dua puluh hari kerja", "20", "day"),
    ("Duapuluh lima menit", "25", "minute"),
    ("setengah hari", "0.50", "day"),
    ("satu setengah jam", "1.50", "hour"),
    ("Satu (1) hari", "1", "day"),
    ("dua-tiga hari", "3", "day"),
    ("maks. dua hari", "2", "day"),
    ("1 s.d. dua hari", "2", "day"),
    ("satu jam tiga puluh menit", "90", "minute"),
])
def test_a_time_in_words_or_in_days_of_24_hours(text: str, value: str, unit: str) -> None:
    assert parse_duration(text) == (Decimal(value), unit)


@pytest.mark.parametrize("text", ["dualima hari", "tiga kali", "dua tiga hari", "x 24 jam"])
def test_what_is_no_number_stays_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a standard time"):
        parse_duration(text)


HEADED_TIMES = [("Dua, tergantung jumlah berkas", (2, "day")), ("dua belas", (12, "day")),
                ("Setengah", (Decimal("0.50"), "day")), ("Lima belas, menyesuaikan", (15, "day")), ("sehari", (1, "day")),
                ("3 x 24 jam", (3, "day")), ("30 menit", (30, "minute"))]


def _headed_sop() -> str:
    steps = [(f"Kegiatan nomor {i}", time, ACTORS[i % 2]) for i, (time, _d) in enumerate(HEADED_TIMES, start=1)]
    return sop_text(ACTORS, steps).replace("\tWaktu\t", "\tWaktu (hari)\t")


@pytest.mark.parametrize("form", ["txt", "xlsx"])
def test_a_number_in_words_takes_the_unit_its_header_names(tmp_path: Path, form: str) -> None:
    text = _headed_sop()
    path = write(tmp_path, text) if form == "txt" else sop_workbook(tmp_path / "sop.xlsx", [("SOP", text)])
    draft = read_document(path)
    assert [str(p) for p in draft.problems] == []
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [d for _t, d in HEADED_TIMES]
    # The caveats are left aside with a warning naming each, as beside digits.
    where = "sop.txt" if form == "txt" else "sop.xlsx, sheet “SOP”"
    assert [str(w).split(": ")[0] for w in draft.warnings] == [
        f"{where}, step 1, column Waktu (hari)", f"{where}, step 4, column Waktu (hari)"]
    assert "2 hari is taken as the standard time" in str(draft.warnings[0])


def test_a_number_in_words_without_a_unit_anywhere_is_refused_naming_it(tmp_path: Path) -> None:
    steps = [("Kegiatan nomor 1", "Dua", "Kasi"), ("Kegiatan nomor 2", "1 hari", "Kepala Bidang")]
    draft = parse_document(write(tmp_path, sop_text(ACTORS, steps)))
    assert [str(p) for p in draft.problems] == [
        "sop.txt, step 1, column Waktu: is not a standard time: the number has no unit; write menit, jam, hari, minggu "
        "or bulan after it, such as 2 jam (value: “Dua”)"]
