"""A Unit Kerja path whose unit's own name holds a separator ("Dinas PU/Bidang Bina Marga - Seksi Jalan - Jembatan")
read the Seksi into the Bidang's name: a separator not followed by the word of a kind of unit is part of the name."""

from __future__ import annotations

from django.test import SimpleTestCase

from kinerja.org import importer


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
