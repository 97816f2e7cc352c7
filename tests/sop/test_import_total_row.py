"""A row under the steps giving the procedure's whole time ("JUMLAH WAKTU | 1 hari 1 jam 10 menit", "Total
Waktu", "Jumlah"), as many offices end the table: it is no part of the last step (its text was appended to the
step's and its time to the step's Waktu, which then could not be read). Its time is checked against the steps'
standard times added up: the preview warns, naming both, when they differ."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.sop.importers import parse_document
from tests.base import KinerjaTestCase

from .documents import sop_text, write

STEPS = [("Menerima berkas", "10 menit", "JFU"), ("Memeriksa berkas", "1 jam", "Kasubbag"),
         ("Menandatangani surat", "1 hari", "Kadis")]


@pytest.mark.parametrize("label", ["JUMLAH WAKTU", "Total Waktu", "Jumlah", "TOTAL WAKTU PENYELESAIAN",
                                   "Jumlah waktu:"])
def test_a_total_row_under_the_steps_is_not_the_last_step_s(tmp_path: Path, label: str) -> None:
    text = sop_text(["Kadis", "Kasubbag", "JFU"], STEPS) + f"\t{label}\t\t\t\tberkas\t1 hari 1 jam 10 menit\t\t\n"
    draft = parse_document(write(tmp_path, text))
    assert draft.problems == []
    assert draft.warnings == []  # the total is the steps' times added up
    last = draft.steps[-1]
    assert (last.activity, last.duration_value, last.duration_unit, last.inputs) == (
        "Menandatangani surat", Decimal(1), "day", "berkas")


def _total(tmp_path: Path, total: str, steps: list[tuple[str, str, str]] = STEPS) -> list[str]:
    text = sop_text(["Kadis", "Kasubbag", "JFU"], steps) + f"\tJUMLAH WAKTU\t\t\t\t\t{total}\t\t\n"
    draft = parse_document(write(tmp_path, text))
    assert draft.problems == []
    return [str(w) for w in draft.warnings]


@pytest.mark.parametrize("total", ["1 hari 70 menit", "1 Hari, 1 Jam dan 10 Menit", "1 hari 1 jam 10 mnt"])
def test_a_total_written_otherwise_but_equal_is_no_warning(tmp_path: Path, total: str) -> None:
    assert _total(tmp_path, total) == []


def test_hours_are_added_up_in_minutes(tmp_path: Path) -> None:
    steps = [("Menerima berkas", "45 menit", "JFU"), ("Memeriksa berkas", "30 menit", "Kasubbag"),
             ("Menandatangani surat", "1 jam", "Kadis")]
    assert _total(tmp_path, "2 jam 15 menit", steps) == []
    assert _total(tmp_path, "135 menit", steps) == []


def test_a_total_that_differs_from_the_steps_is_a_warning_naming_both(tmp_path: Path, english: None) -> None:
    [warning] = _total(tmp_path, "2 hari")
    assert warning == (
        "sop.txt, column Waktu: the table's JUMLAH WAKTU row gives 2 hari, but the steps' standard times add up to "
        "1 hari 1 jam 10 menit: each step keeps its own time; check the steps' Waktu and the total in the document "
        "(value: “2 hari”)")


def test_a_total_that_cannot_be_read_is_left_unchecked(tmp_path: Path) -> None:
    assert _total(tmp_path, "sesuai kebutuhan") == []


def test_a_step_without_a_readable_time_leaves_the_total_unchecked(tmp_path: Path) -> None:
    steps = [*STEPS[:2], ("Menandatangani surat", "segera", "Kadis")]
    text = sop_text(["Kadis", "Kasubbag", "JFU"], steps) + "\tJUMLAH WAKTU\t\t\t\t\t2 hari\t\t\n"
    draft = parse_document(write(tmp_path, text))
    assert [p.step for p in draft.problems] == [3]
    assert draft.warnings == []


class TotalInPreviewTestCase(KinerjaTestCase):
    def test_the_upload_preview_shows_the_differing_total(self) -> None:
        text = sop_text(["Kadis", "Kasubbag", "JFU"], STEPS) + "\tTotal Waktu\t\t\t\t\t3 jam\t\t\n"
        self.client.force_login(self.subsection_head)
        response = self.client.post("/sop/upload/", {"document": SimpleUploadedFile("sop.txt", text.encode())})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        response = self.client.get(response["Location"])
        self.assertContains(response, "Periksa:")
        self.assertContains(response, "baris Total Waktu pada tabel menyebut 3 jam, tetapi waktu baku langkah-langkahnya "
                                      "berjumlah 1 hari 1 jam 10 menit")
