"""Actor columns naming the staff (JFU) as offices write it: "Staf Pelaksana", "Staf", "Pelaksana", "JFU",
"Staf Pelaksana Subbagian X". Each is linked to the staff position of the right unit (the one the column
names, else the one beside the SOP's other actors, else the office's only one); an unknown one stays
unlinked and is named as such."""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from kinerja.org import actions as org_actions
from kinerja.org.models import Position, Unit
from kinerja.sop import actions
from kinerja.sop.importers import parse_document
from tests.base import KinerjaTestCase

from .documents import sop_text, write

pytestmark = pytest.mark.usefixtures("english")


def staff_sop(staff: str, *, head: str = "Kasubbag", number: str = "800/09/SOP/2025") -> str:
    return sop_text([head, staff, "Kadis"], [("Menerima disposisi", "1 jam", head),
                                              ("Menyusun konsep laporan", "2 hari", staff),
                                              ("Menandatangani laporan", "1 jam", "Kadis")], number=number)


class StaffColumnTestCase(KinerjaTestCase):
    def jfu(self) -> Position:
        return self.positions["staff"]

    def test_every_way_of_naming_the_staff_finds_the_jfu_beside_the_kasubbag(self) -> None:
        names = ["Staf Pelaksana", "Staf", "Pelaksana", "JFU", "Jabatan Fungsional Umum", "Staff Pelaksana",
                 "Staf Pelaksana Subbagian Program", "Pelaksana Subbag Program, Keuangan dan Aset"]
        for name in names:
            with self.subTest(name):
                found = actions.match_positions(self.office, ["Kasubbag", name, "Kadis"])
                self.assertEqual(found[name], self.jfu())

    def test_an_unknown_staff_column_stays_unlinked(self) -> None:
        found = actions.match_positions(self.office, ["Kasubbag", "Staf Pelaksana Subbagian Perencanaan",
                                                      "Staf Pelaksana Subbagian Umum", "Pelaksana Teknis Lapangan"])
        self.assertIsNone(found["Staf Pelaksana Subbagian Perencanaan"])  # no such unit
        self.assertIsNone(found["Staf Pelaksana Subbagian Umum"])  # a unit without staff nor data contact
        self.assertIsNone(found["Pelaksana Teknis Lapangan"])  # no unit of that name

    def test_the_right_unit_when_the_office_has_staff_in_several_units(self) -> None:
        umpeg = Unit.objects.get(office=self.office, short_name="Subbag Umpeg")
        umpeg_staff = org_actions.add_position(umpeg, "Pengadministrasi Umum Subbagian Umum dan Kepegawaian",
                                               "staff", single_holder=False)
        found = actions.match_positions(self.office, ["Kasubbag Umpeg", "Staf Pelaksana", "Kadis"])
        self.assertEqual(found["Staf Pelaksana"], umpeg_staff)
        found = actions.match_positions(self.office, ["Kasubbag", "Pelaksana", "Kadis"])
        self.assertEqual(found["Pelaksana"], self.jfu())
        found = actions.match_positions(self.office, ["Staf Pelaksana Subbagian Umum dan Kepegawaian", "Kadis"])
        self.assertEqual(found["Staf Pelaksana Subbagian Umum dan Kepegawaian"], umpeg_staff)
        # Two staff positions and nothing to tell them apart: left for the administrator.
        found = actions.match_positions(self.office, ["Staf Pelaksana", "Kadis"])
        self.assertIsNone(found["Staf Pelaksana"])

    def test_an_ampersand_and_a_column_naming_a_position_twice(self) -> None:
        umpeg = Position.objects.get(office=self.office, short_title="Kasubbag Umpeg")
        names = ["Kasubag Umum & Kepegawaian", "Pengadministrasi Umum / JFU", "Kasubbag / Kepala Dinas", "Kadis"]
        found = actions.match_positions(self.office, names)
        self.assertEqual(found["Kasubag Umum & Kepegawaian"], umpeg)  # "&" is "dan", "Kasubag" a typo
        self.assertEqual(found["Pengadministrasi Umum / JFU"], self.jfu())  # the JFU under two names
        self.assertIsNone(found["Kasubbag / Kepala Dinas"])  # two positions: not guessed

    def test_a_pelaksana_column_under_the_pelaksana_heading_is_an_actor(self) -> None:
        path = write(Path(tempfile.mkdtemp()), staff_sop("Pelaksana"))
        draft = parse_document(path)
        self.assertEqual(draft.actors, ["Kasubbag", "Pelaksana", "Kadis"])
        self.assertEqual([s.actor for s in draft.steps], ["Kasubbag", "Pelaksana", "Kadis"])

    def test_the_import_links_each_staff_column_and_names_an_unknown_one(self) -> None:
        folder = Path(tempfile.mkdtemp())
        for i, name in enumerate(["Staf Pelaksana", "Pelaksana", "Staf Pelaksana Subbagian Program"]):
            version = actions.import_sop(write(folder, staff_sop(name, number=f"800/{i}/SOP"), f"sop{i}.txt"),
                                         office=self.office, user=None)
            actor = version.actors.get(name=name)
            self.assertEqual(actor.position, self.jfu(), name)
            self.assertEqual(version.steps.get(number=2).actor, actor)
        out = StringIO()
        path = write(folder, staff_sop("Staf Pelaksana Subbagian Perencanaan", number="800/7/SOP"), "sop7.txt")
        call_command("sop", "import", str(path), "--office", self.office.code, stdout=out)
        self.assertIn("Actors not linked to a position yet: Staf Pelaksana Subbagian Perencanaan.", out.getvalue())
