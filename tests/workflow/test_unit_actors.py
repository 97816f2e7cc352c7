"""Actors of the unit of each case: an SOP column "Kepala Bidang" or "Staf Bidang" that names no bidang
stands for the head or staff of the unit the case is about. The case names its unit when it starts and
its steps go to that unit's positions; another unit's head cannot act on them."""

from __future__ import annotations

import datetime as dt
import tempfile
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from kinerja.errors import KinerjaError, NotAllowed
from kinerja.sop import actions as sop_actions
from kinerja.sop.parties import unit_role
from kinerja.workflow import actions
from kinerja.workflow.models import Event
from tests.base import KinerjaTestCase
from tests.sop.documents import sop_text

pytestmark = pytest.mark.usefixtures("english")


STEPS = [
    ("Mendisposisikan surat permohonan pembinaan", "10 menit", "Sekretaris"),
    ("Menugaskan staf untuk melaksanakan pembinaan", "1 hari", "Kepala Bidang"),
    ("Melaksanakan pembinaan dan membuat laporan", "3 hari", "Staf Bidang"),
    ("Memeriksa dan memaraf laporan pembinaan", "1 hari", "Kepala Bidang"),
]
MONDAY = dt.datetime(2025, 6, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.mark.parametrize(("name", "role"), [
    ("Kepala Bidang", "head"), ("KABID", "head"), ("Kepala Bidang Terkait", "head"), ("Kasi", "head"),
    ("Kepala Seksi yang bersangkutan", "head"), ("Atasan Langsung", "head"), ("Kepala Sub Bidang", "head"),
    ("Staf Bidang", "staff"), ("Pengelola Data Bidang", "staff"), ("Staf Seksi Teknis", "staff"),
    ("Kepala Bidang Koperasi", ""), ("Kabid UMKM", ""), ("Kasubbag", ""), ("Kepala Dinas", ""), ("Sekretaris", ""),
    ("JFU", ""), ("Staf", ""), ("Pemohon", ""),
])
def test_which_names_stand_for_the_unit_of_the_case(name: str, role: str) -> None:
    assert unit_role(name) == role


class UnitActorTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        umkm, other = cls.built.divisions[2], cls.built.divisions[0]
        cls.umkm, cls.other_unit = umkm, other
        # The demo's heads of Bidang UMKM and of Bidang Kelembagaan.
        cls.kabid, cls.kabid_other = cls.built.people["kabid3"], cls.built.people["kabid1"]
        path = Path(tempfile.mkdtemp()) / "pembinaan.txt"
        path.write_text(sop_text(["Sekretaris", "Kepala Bidang", "Staf Bidang"], STEPS, name="SOP PEMBINAAN"))
        out = StringIO()
        call_command("sop", "import", str(path), "--office", cls.office.code, stdout=out)
        cls.import_out = out.getvalue()
        cls.version = cls.office.sops.get().versions.get()

    def test_the_import_reads_them_as_actors_of_the_unit_of_the_case(self) -> None:
        head, staff = self.version.actors.get(name="Kepala Bidang"), self.version.actors.get(name="Staf Bidang")
        self.assertEqual((head.in_unit, head.position), ("head", None))
        self.assertEqual((staff.in_unit, staff.position), ("staff", None))
        self.assertIn("Kepala Bidang adalah kepala unit yang bersangkutan: setiap pelaksanaan menyebut unitnya",
                      self.import_out)
        self.assertNotIn("belum ditautkan", self.import_out)

    def test_a_case_needs_its_unit_and_one_that_has_the_positions(self) -> None:
        with self.assertRaisesMessage(KinerjaError, "Unit concerned: choose the bidang or seksi the case is about; "
                                      "Kepala Bidang, Staf Bidang stand for its head or staff."):
            actions.start_case(self.version.pk, user=self.secretary, title="Pembinaan", period="Juni 2025", at=MONDAY)
        umpeg = self.positions["umpeg_head"].unit  # a head and no staff
        with self.assertRaisesMessage(KinerjaError, f"Unit concerned: {umpeg.name} has no position for Staf Bidang "
                                      "(step 3)."):
            actions.start_case(self.version.pk, user=self.secretary, title="Pembinaan", period="Juni 2025", at=MONDAY,
                               unit=umpeg)
        with self.assertRaisesMessage(KinerjaError, "is not a unit of"):
            actions.start_case(self.version.pk, user=self.secretary, title="Pembinaan", period="Juni 2025", at=MONDAY,
                               unit=self.other.divisions[2])

    def test_the_steps_go_to_the_head_and_staff_of_the_unit(self) -> None:
        case = actions.start_case(self.version.pk, user=self.secretary, title="Pembinaan KSP", period="Juni 2025",
                                  at=MONDAY, unit=self.umkm)
        self.assertEqual(case.unit, self.umkm)
        self.assertEqual(case.events.get(kind=Event.Kind.CASE_STARTED).data["unit"], self.umkm.pk)
        second = actions.complete_task(case.first_task.pk, user=self.secretary,
                                       at=MONDAY + dt.timedelta(minutes=5)).next_task
        self.assertEqual(second.position, self.positions["division_head:2"])
        with self.assertRaises(NotAllowed):
            actions.complete_task(second.pk, user=self.kabid_other.user, at=MONDAY + dt.timedelta(minutes=6))
        contact = self.contacts[2]  # the data contact of Bidang UMKM
        third = actions.complete_task(second.pk, user=self.kabid.user, at=MONDAY + dt.timedelta(minutes=7),
                                      next_user=contact).next_task
        self.assertEqual((third.position, third.assignee.user), (self.positions["contact:2"], contact))
        fourth = actions.complete_task(third.pk, user=contact, at=MONDAY + dt.timedelta(hours=1)).next_task
        self.assertEqual(fourth.position, self.positions["division_head:2"])
        # Sent back: the staff step again, to the same person, in the same unit.
        steps = list(self.version.steps.order_by("number"))
        steps[3].returns_to.add(steps[2])
        again = actions.return_task(fourth.pk, user=self.kabid.user, reason="Foto kegiatan belum ada",
                                    at=MONDAY + dt.timedelta(hours=2)).next_task
        self.assertEqual((again.step.number, again.position, again.assignee.user),
                         (3, self.positions["contact:2"], contact))

    def test_pages_and_the_command_line(self) -> None:
        self.client.force_login(self.secretary)
        form = self.client.get("/cases/new/").content.decode()
        self.assertIn('name="unit"', form)
        response = self.client.post("/cases/new/", {"version": self.version.pk, "title": "Pembinaan KSP",
                                                       "period": "Juni 2025", "unit": self.umkm.pk})
        self.assertEqual(response.status_code, 302)
        page = self.client.get(response["Location"]).content.decode()
        self.assertIn(f"<dd>{self.umkm.name}</dd>", page)
        out = StringIO()
        call_command("case", "start", str(self.version.pk), "--user", self.secretary.username, "--title", "Pembinaan 2",
                     "--period", "Juni 2025", "--unit", "bidang umkm", stdout=out)
        self.assertRegex(out.getvalue(), r": Pembinaan 2 · (task|tugas) \d+, (step|langkah) 1, ")
        sop_page = self.client.get(f"/sop/versions/{self.version.pk}/").content.decode()
        self.assertIn("<strong>Kepala Bidang</strong> — kepala unit yang bersangkutan", sop_page)

    def test_linking_one_position_ends_it_and_a_revision_keeps_the_choice(self) -> None:
        out = StringIO()
        call_command("sop", "link", str(self.version.pk), "Kepala Bidang", "Kabid UMKM", stdout=out)
        head = self.version.actors.get(name="Kepala Bidang")
        self.assertEqual((head.in_unit, head.position), ("", self.positions["division_head:2"]))
        call_command("sop", "link", str(self.version.pk), "Staf Bidang", "--in-unit", "head", stdout=out)
        self.assertEqual(self.version.actors.get(name="Staf Bidang").in_unit, "head")
        with self.assertRaisesMessage(KinerjaError,
                                      "cannot be both outside the office and the head of the unit the case is about"):
            sop_actions.link_actor(head.pk, position=None, user=None, external=True, in_unit="head")
        path = Path(tempfile.mkdtemp()) / "pembinaan-rev.txt"
        path.write_text(sop_text(["Sekretaris", "Kepala Bidang", "Staf Bidang"], STEPS[:3], name="SOP PEMBINAAN"))
        call_command("sop", "import", str(path), "--office", self.office.code, stdout=StringIO())
        revised = self.office.sops.get().versions.get(version=2)
        self.assertEqual(revised.actors.get(name="Kepala Bidang").position, self.positions["division_head:2"])
        self.assertEqual(revised.actors.get(name="Staf Bidang").in_unit, "head")

    def test_the_start_form_asks_no_unit_when_no_sop_needs_one(self) -> None:
        self.version.actors.update(in_unit="", position=self.positions["secretary"])
        self.client.force_login(self.secretary)
        self.assertNotIn('name="unit"', self.client.get("/cases/new/").content.decode())

    def test_a_revision_reads_an_actor_left_unlinked_before_afresh(self) -> None:
        # As imported before kinerja knew such actors: "Kepala Bidang" unlinked, nothing decided.
        self.version.actors.filter(name="Kepala Bidang").update(in_unit="", position=None)
        path = Path(tempfile.mkdtemp()) / "pembinaan-rev.txt"
        path.write_text(sop_text(["Sekretaris", "Kepala Bidang", "Staf Bidang"], STEPS[:3], name="SOP PEMBINAAN"))
        call_command("sop", "import", str(path), "--office", self.office.code, stdout=StringIO())
        revised = self.office.sops.get().versions.get(version=2)
        self.assertEqual(revised.actors.get(name="Kepala Bidang").in_unit, "head")
