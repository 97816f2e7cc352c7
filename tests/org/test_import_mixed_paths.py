"""A Unit Kerja written as a path with mixed separators ("Dinas … / Bidang UKM > Seksi Pengawasan", "Seksi X -
Bidang UKM / Dinas …"): every level read, the same unit whichever separators a row uses; a "-" or "/" that is
part of a unit's name stays in it; and a text that reads as two different paths is refused, naming the row,
the column and the value, instead of one of them being guessed."""

from __future__ import annotations

from pathlib import Path

from kinerja.org import importer
from kinerja.org.models import Unit

from .test_import_sorted import book
from .test_import_unseen import UnseenCase
from .test_import_unseen_eselon import ANI, BAMBANG, FAUZI, JOKO, SITI, WATI, parents

HEADER = ["No", "Nama", "NIP", "Jabatan", "Unit Kerja"]
DINAS = [[1, "Ahmad Fauzi", FAUZI, "Kepala Dinas", "Dinas Koperasi dan UKM"],
         [2, "Siti Rahmawati", SITI, "Sekretaris", "Dinas Koperasi dan UKM / Sekretariat"]]


class MixedSeparatorsTestCase(UnseenCase):
    def sheet(self, rows: list[list[object]]) -> Path:
        return book(self.folder, "campuran.xlsx", HEADER, [*DINAS, *rows])

    def test_mixed_separators_are_read_as_one_path(self) -> None:
        rows = [[3, "Bambang Irawan", BAMBANG, "Kasubbag Umum", "Dinas Koperasi dan UKM / Sekretariat > Subbagian Umum"],
                [4, "Joko Susilo", JOKO, "Kasi Pengawasan", "Seksi Pengawasan - Bidang UKM / Dinas Koperasi dan UKM"],
                [5, "Ani Suryani", ANI, "Pengawas Koperasi", "Bidang UKM > Seksi Pengawasan"],
                [6, "Wati Lestari", WATI, "Pengadministrasi Umum", "Sekretariat / Subbagian Umum"]]
        summary = self.run_import(self.sheet(rows))
        self.assertEqual(parents(), {"Dinas Koperasi dan UKM": "", "Sekretariat": "Dinas Koperasi dan UKM",
                                     "Subbagian Umum": "Sekretariat", "Bidang UKM": "Dinas Koperasi dan UKM",
                                     "Seksi Pengawasan": "Bidang UKM"})
        self.assertFalse(Unit.objects.filter(name__contains="/").exists())
        self.assertEqual(summary.unplaced_units, [])
        self.assertEqual(self.run_import(self.sheet(rows)).changes, [])

    def test_a_hyphen_in_a_units_name_stays_in_it(self) -> None:
        rows = [[3, "Joko Susilo", JOKO, "Kepala Bidang Usaha Mikro - Kecil", "Bidang Usaha Mikro - Kecil"],
                [4, "Ani Suryani", ANI, "Kepala Seksi Pembinaan", "Bidang Usaha Mikro - Kecil / Seksi Pembinaan"]]
        self.run_import(self.sheet(rows))
        self.assertEqual(parents()["Seksi Pembinaan"], "Bidang Usaha Mikro - Kecil")

    def test_a_path_read_two_ways_is_refused_naming_row_column_and_value(self) -> None:
        value = "Sekretariat - Subbagian Umum / Seksi Arsip"
        errors = self.failure(self.sheet([[3, "Bambang Irawan", BAMBANG, "Kepala Seksi Arsip", value]]))
        self.assertEqual(len(errors), 1, errors)
        for said in (f"lembar Data, baris 4, kolom E (Unit Kerja): “{value}”", "Sekretariat › Subbagian Umum / Seksi Arsip",
                     "Sekretariat - Subbagian Umum › Seksi Arsip", "kolom Unit induk"):
            self.assertIn(said, errors[0])

    def test_the_reading_itself(self) -> None:
        for text, read in [
            ("Dinas Koperasi / Bidang UKM > Seksi Pengawasan", ("Seksi Pengawasan", ["Bidang UKM", "Dinas Koperasi"])),
            ("Subbagian Umum - Sekretariat, Dinas Koperasi", ("Subbagian Umum", ["Sekretariat", "Dinas Koperasi"])),
            ("Bidang Koperasi, Usaha Mikro", ("Bidang Koperasi, Usaha Mikro", [])),
            ("Seksi A - Seksi B", ("Seksi A - Seksi B", [])),
            ("Bidang Pemberdayaan - Seksi Produksi", ("Seksi Produksi", ["Bidang Pemberdayaan"])),
        ]:
            self.assertEqual(importer._unit_path(text), read, text)
        with self.assertRaises(importer.AmbiguousPath):
            importer._unit_path("Bidang UKM - Seksi Produksi / Subbagian Tata Usaha")
