"""An SOP translated for a bilingual office heads its table in English ("No | Activity | Executor | Quality
Standard: Requirements, Time, Output | Remarks") and writes its times so ("2 days", "3 hours", "30 minutes"): read
as the Indonesian headings and units are; it was refused as no SOP AP document."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from kinerja.sop.importers import read_document
from kinerja.sop.importers.values import parse_duration

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Archivist", "Scanning Operator", "Head of Section"]
STEPS = [("Memilah arsip yang akan dialihmediakan", "Archivist", "1 day"), ("Memindai arsip", "Scanning Operator", "2 days"),
         ("Memeriksa hasil pindai", "Head of Section", "3 hours"),
         ("Mengunggah arsip digital. Sesuai?", "Archivist", "30 minutes")]


def test_an_english_headed_workbook_is_read(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["PEMERINTAH KABUPATEN LAMPUNG SELATAN"], ["DINAS PERPUSTAKAAN DAN KEARSIPAN"], [],
                ["Nomor SOP", "045/08/SOP/DISPUSIP/2025"], ["Tanggal Efektif", "3 Februari 2025"],
                ["Disahkan oleh", "KEPALA DINAS"], ["Nama SOP", "DIGITALISASI ARSIP"], [],
                ["No", "Activity", "Executor", "", "", "Quality Standard", "", "", "Remarks"],
                ["", "", *ACTORS, "Requirements", "Time", "Output", ""]]:
        sheet.append(row)
    sheet.merge_cells("C9:E9")
    sheet.merge_cells("F9:H9")
    for number, (text, who, time) in enumerate(STEPS, start=1):
        sheet.append([number, text, *("√" if a == who else "" for a in ACTORS), "Berkas", time, f"hasil {number}",
                      "Tidak: kembali ke langkah 2" if number == 4 else ""])
    path = tmp_path / "digital.xlsx"
    book.save(path)
    draft = read_document(path)
    assert draft.actors == ACTORS
    assert [(s.actor, s.inputs, s.output) for s in draft.steps] == [
        (who, "Berkas", f"hasil {n}") for n, (_t, who, _w) in enumerate(STEPS, start=1)]
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [
        (1, "day"), (2, "day"), (3, "hour"), (30, "minute")]
    assert draft.steps[3].returns_to == [2]
    assert draft.headings["Ket"] == "Remarks"


@pytest.mark.parametrize(("text", "value", "unit"), [("45 mins", 45, "minute"), ("1 hour", 1, "hour"),
                                                     ("1,5 hours", Decimal("1.5"), "hour"), ("2 weeks", 2, "week"),
                                                     ("2 hr", 2, "day")])  # "hr" stays hari
def test_english_units_are_read(text: str, value: Decimal, unit: str) -> None:
    assert parse_duration(text) == (value, unit)
