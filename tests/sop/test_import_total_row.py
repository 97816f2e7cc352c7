"""A row under the steps giving the procedure's whole time ("JUMLAH WAKTU | 1 hari 1 jam 10 menit", "Total
Waktu", "Jumlah"), as many offices end the table: it is no part of the last step (its text was appended to the
step's and its time to the step's Waktu, which then could not be read)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kinerja.sop.importers import parse_document

from .documents import sop_text, write

STEPS = [("Menerima berkas", "10 menit", "JFU"), ("Memeriksa berkas", "1 jam", "Kasubbag"),
         ("Menandatangani surat", "1 hari", "Kadis")]


@pytest.mark.parametrize("label", ["JUMLAH WAKTU", "Total Waktu", "Jumlah", "TOTAL WAKTU PENYELESAIAN",
                                   "Jumlah waktu:"])
def test_a_total_row_under_the_steps_is_not_the_last_step_s(tmp_path: Path, label: str) -> None:
    text = sop_text(["Kadis", "Kasubbag", "JFU"], STEPS) + f"\t{label}\t\t\t\tberkas\t1 hari 1 jam 10 menit\t\t\n"
    draft = parse_document(write(tmp_path, text))
    assert draft.problems == []
    last = draft.steps[-1]
    assert (last.activity, last.duration_value, last.duration_unit, last.inputs) == (
        "Menandatangani surat", Decimal(1), "day", "berkas")
