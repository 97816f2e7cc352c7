"""Two misreadings a review proved: a unit's title row with a digit in its name ("BIDANG P2P", "Seksi P2M",
"UPT Puskesmas 2") was dropped and its people went silently under the unit titled above; and a Unit Kerja path
whose unit's own name holds a separator ("Dinas PU/Bidang Bina Marga - Seksi Jalan - Jembatan") read the Seksi
into the Bidang's name."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from django.test import SimpleTestCase

from kinerja.org import importer
from kinerja.org.models import Position

from . import test_import_unseen_lists
from .test_import_unseen import UnseenCase
from .test_import_unseen_eselon import ANI, DEDI, FAUZI, JOKO, SITI, WATI, parents


class TitlesWithDigitsTestCase(UnseenCase):
    kept_by_hand = test_import_unseen_lists.UnitTitleRowsTestCase.kept_by_hand
    ROWS: list[list[object]] = [
        ["DINAS KESEHATAN"],
        [1, "Ahmad Fauzi", FAUZI, "IV/c", "Kepala Dinas"],
        ["SEKRETARIAT"],
        [2, "Siti Rahmawati", SITI, "IV/a", "Sekretaris"],
        ["BIDANG P2P"],
        [3, "Joko Susilo", JOKO, "IV/a", "Kepala Bidang P2P"],
        [4, "Wati Lestari", WATI, "II/c", "Pengelola Data"],
        ["Seksi P2M"],
        [5, "Ani Suryani", ANI, "III/d", "Kepala Seksi P2M"],
        ["UPT PUSKESMAS 2"],
        [6, "Dedi Kurniawan", DEDI, "III/a", "Kepala UPT Puskesmas 2"],
    ]

    def test_a_title_with_a_digit_is_the_unit_of_the_people_under_it(self) -> None:
        self.run_import(self.kept_by_hand(self.ROWS))
        self.assertEqual(parents(), {"Dinas Kesehatan": "", "Sekretariat": "Dinas Kesehatan",
                                     "Bidang P2P": "Dinas Kesehatan", "Seksi P2M": "Bidang P2P",
                                     "UPT Puskesmas 2": "Dinas Kesehatan"})
        self.assertEqual(dict(Position.objects.values_list("title", "unit__name")), {
            "Kepala Dinas": "Dinas Kesehatan", "Sekretaris": "Sekretariat", "Kepala Bidang P2P": "Bidang P2P",
            "Pengelola Data": "Bidang P2P", "Kepala Seksi P2M": "Seksi P2M",
            "Kepala UPT Puskesmas 2": "UPT Puskesmas 2"})
        self.assertEqual(self.run_import(self.kept_by_hand(self.ROWS)).changes, [])

    def test_a_lone_text_that_is_no_title_is_refused_naming_the_row(self) -> None:
        # Written in column No. alone (not merged): before, the row was dropped and its people went under Sekretariat.
        rows = [*self.ROWS[:4], ["PUSKESMAS KEDATON", None], *self.ROWS[5:]]
        errors = self.failure(self.kept_by_hand(rows))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("lembar Pegawai, baris 8, kolom A (No): “PUSKESMAS KEDATON”", errors[0])


class TitleRowReadingTestCase(SimpleTestCase):
    def test_the_reviewed_sheet(self) -> None:
        # The review's sheet: the titles in column No., not merged.
        path = Path(self.enterContext(__import__("tempfile").TemporaryDirectory())) / "pegawai.xlsx"
        book = openpyxl.Workbook()
        for row in (["No", "Nama", "NIP", "Jabatan"], ["SEKRETARIAT"],
                    [1, "Budi Santoso", "196801011990031001", "Sekretaris"], ["BIDANG P2P"],
                    [3, "Andi Pratama", "198001012005011003", "Kepala Bidang P2P"]):
            book.active.append(row)
        book.save(path)
        units = {row.name: row.unit for row in importer._read(path).rows}
        self.assertEqual(units, {"Budi Santoso": "Sekretariat", "Andi Pratama": "Bidang P2P"})

    def test_titles_and_data_rows(self) -> None:
        for values, title in [
            (["BIDANG P2P"], "Bidang P2P"), (["B.", "SEKSI P2M"], "Seksi P2M"), (["UPT Puskesmas 2"], "UPT Puskesmas 2"),
            (["II. UPT PUSKESMAS 12"], "UPT Puskesmas 12"), (["BIDANG KOPERASI DAN UKM"], "Bidang Koperasi dan UKM"),
            ([3, "Andi Pratama", "198001012005011003", "Kepala Bidang P2P"], ""),  # a person's row
            (["Seksi P2M 198001012005011003"], ""),  # a NIP in it: no unit's name
            ([4, "Sari Dewi"], ""), (["Kepala Bidang P2P"], ""), ([5], ""),
        ]:
            self.assertEqual(importer._section_title(values), title, values)


class PathWithSeparatorInANameTestCase(SimpleTestCase):
    def test_a_separator_not_before_a_kind_of_unit_is_part_of_the_name(self) -> None:
        for text, read in [
            ("Dinas PU/Bidang Bina Marga - Seksi Jalan - Jembatan",
             ("Seksi Jalan - Jembatan", ["Bidang Bina Marga", "Dinas PU"])),
            ("Dinas PU/Bidang Bina Marga - Seksi Jalan", ("Seksi Jalan", ["Bidang Bina Marga", "Dinas PU"])),
            ("Seksi Jalan - Jembatan - Bidang Bina Marga / Dinas PU",
             ("Seksi Jalan - Jembatan", ["Bidang Bina Marga", "Dinas PU"])),
            ("Dinas PU > Bidang Sumber Daya Air, Irigasi > Seksi Irigasi",
             ("Seksi Irigasi", ["Bidang Sumber Daya Air, Irigasi", "Dinas PU"])),
            ("Bidang Jalan - Jembatan", ("Bidang Jalan - Jembatan", [])),
        ]:
            self.assertEqual(importer._unit_path(text), read, text)

    def test_a_path_read_two_ways_is_refused(self) -> None:
        for text in ("Sekretariat - Subbagian Umum / Seksi Arsip", "Bidang UKM - Seksi Jalan - Jembatan / Subbagian TU"):
            with self.assertRaises(importer.AmbiguousPath, msg=text):
                importer._unit_path(text)
