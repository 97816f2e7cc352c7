"""Disahkan oleh over several lines or cells: the position on the label's row, the name and the NIP on the
rows below it (a Word paragraph per line, a text box, or a two-column table whose approval is split over
three rows), or in the cells beside it on its row (an Excel sheet with a column each). They are the
approval's, not dropped: the SOP sheet prints the name and NIP under the signature."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.sop.importers import read_document

from .documents import SEED, write

pytestmark = pytest.mark.usefixtures("english")

ONE_LINE = "DISAHKAN OLEH\tKEPALA DINAS KOPERASI DAN UKM RIANA AFRIANA, AP.MM NIP. 19750427 199311 2 001"
APPROVAL = ("KEPALA DINAS KOPERASI DAN UKM", "RIANA AFRIANA, AP.MM", "197504271993112001")


@pytest.mark.parametrize("lines", [
    "Disahkan oleh : KEPALA DINAS KOPERASI DAN UKM\nRIANA AFRIANA, AP.MM\nNIP. 19750427 199311 2 001",
    "DISAHKAN OLEH\tKEPALA DINAS KOPERASI DAN UKM\n\tRIANA AFRIANA, AP.MM\n\tNIP. 19750427 199311 2 001",
    "DISAHKAN OLEH\t:\tKEPALA DINAS KOPERASI DAN UKM\n\t\tRIANA, AP.MM\n\t\tNIP. 19750427 199311 2 001".replace(
        "RIANA,", "RIANA AFRIANA,"),
    "DISAHKAN OLEH\t\n\tKEPALA DINAS KOPERASI DAN UKM\n\tRIANA AFRIANA, AP.MM\n\tNIP. 19750427 199311 2 001",
    "DISAHKAN OLEH\tKEPALA DINAS KOPERASI DAN UKM\tRIANA AFRIANA, AP.MM\tNIP. 19750427 199311 2 001",
    "DISAHKAN OLEH\t:\tKEPALA DINAS KOPERASI DAN UKM\tRIANA AFRIANA, AP.MM\tNIP. 19750427 199311 2 001",
    "DISAHKAN OLEH : KEPALA DINAS KOPERASI DAN UKM\tRIANA AFRIANA, AP.MM\tNIP. 19750427 199311 2 001",
], ids=["paragraphs", "table", "colon-column", "label-alone", "cells", "cells-colon", "inline-and-cells"])
def test_the_name_and_nip_below_disahkan_oleh_are_read(tmp_path: Path, lines: str) -> None:
    text = SEED.read_text(encoding="utf-8").replace(ONE_LINE, lines)
    draft = read_document(write(tmp_path, text))
    assert (draft.approved_by, draft.approved_by_name, draft.approved_by_nip) == APPROVAL
    assert draft.name == "PENGUMPULAN DATA KINERJA DINAS KOPERASI DAN UKM KOTA BANDAR LAMPUNG"
    assert draft.lines == ["PEMERINTAH KOTA BANDAR LAMPUNG", "SEKRETARIAT DINAS KOPERASI DAN UKM",
                           "BAGIAN PROGRAM, KEUANGAN DAN ASET"]


def test_a_line_after_a_complete_approval_is_not_added_to_it(tmp_path: Path) -> None:
    """The approval ends with its NIP: a line after it (a stray title) is no part of it."""
    text = SEED.read_text(encoding="utf-8").replace(ONE_LINE, ONE_LINE + "\nSTANDAR OPERASIONAL PROSEDUR")
    draft = read_document(write(tmp_path, text))
    assert (draft.approved_by, draft.approved_by_name, draft.approved_by_nip) == APPROVAL
