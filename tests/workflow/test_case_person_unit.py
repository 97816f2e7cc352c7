"""A leave request whose SOP has the employee's own steps ("Pegawai yang bersangkutan") and their superior's
("Atasan Langsung", the head of the unit of the case): started by the employee, the case is about their own unit
unless the starter chooses another, so their head gets step 2 without anyone picking the unit by hand."""

from __future__ import annotations

import datetime as dt
import tempfile
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from kinerja.workflow import actions
from tests.base import KinerjaTestCase
from tests.sop.documents import sop_text

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Pegawai yang bersangkutan", "Atasan Langsung", "Sekretaris"]
LEAVE = [
    ("Mengajukan permohonan cuti", "10 menit", "Pegawai yang bersangkutan"),
    ("Menyetujui permohonan cuti", "1 hari", "Atasan Langsung"),
    ("Menerbitkan surat izin cuti", "1 hari", "Sekretaris"),
]
MONDAY = dt.datetime(2025, 6, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


class LeaveTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        path = Path(tempfile.mkdtemp()) / "cuti.txt"
        path.write_text(sop_text(ACTORS, LEAVE, name="SOP CUTI TAHUNAN", number="800/21/SOP/2025"))
        call_command("sop", "import", str(path), "--office", cls.office.code, stdout=StringIO())
        cls.version = cls.office.sops.get(name="SOP CUTI TAHUNAN").versions.get()


class LeaveOfAUnitTestCase(LeaveTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.contact = cls.built.people["bidang1"]  # works in the first division
        cls.kabid = cls.built.people["kabid1"]  # its head

    def test_the_employees_unit_is_the_case_unit(self) -> None:
        case = actions.start_case(self.version.pk, user=self.contact.user, title="Cuti tahunan", at=MONDAY)
        self.assertEqual(case.person_id, self.contact.pk)
        self.assertEqual(case.unit, self.kabid.assignments.get().position.unit)
        done = actions.complete_task(case.first_task.pk, user=self.contact.user, at=MONDAY + dt.timedelta(minutes=5))
        self.assertEqual(done.next_task.position_id, self.kabid.assignments.get().position_id)
        actions.complete_task(done.next_task.pk, user=self.kabid.user, at=MONDAY + dt.timedelta(hours=1))

    def test_a_unit_chosen_stays_the_one_chosen(self) -> None:
        other = self.built.people["kabid2"].assignments.get().position.unit
        case = actions.start_case(self.version.pk, user=self.contact.user, title="Cuti tahunan", at=MONDAY,
                                  unit=other)
        self.assertEqual(case.unit, other)


class LeaveOfAHeadTestCase(LeaveTestCase):
    """"Atasan Langsung" is the head of the employee's unit; for that head's own leave, the head above (a Kabid's:
    the Kepala Dinas); for a Sekretariat post, the Sekretaris, who heads it."""

    def second_step(self, user) -> object:  # type: ignore[no-untyped-def]
        case = actions.start_case(self.version.pk, user=user, title="Cuti tahunan", at=MONDAY)
        return actions.complete_task(case.first_task.pk, user=user, at=MONDAY + dt.timedelta(minutes=5)).next_task

    def test_a_kabids_own_leave_goes_to_the_kepala_dinas(self) -> None:
        task = self.second_step(self.built.people["kabid1"].user)
        self.assertEqual(task.position_id, self.positions["head"].pk)

    def test_the_sekretaris_heads_the_sekretariat_and_his_own_superior_is_the_kepala_dinas(self) -> None:
        from kinerja.org.holding import position_in_unit

        secretariat = self.positions["secretary"].unit
        self.assertEqual(position_in_unit(secretariat.pk, "head"), self.positions["secretary"])
        task = self.second_step(self.secretary)
        self.assertEqual(task.position_id, self.positions["head"].pk)
