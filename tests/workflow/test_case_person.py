"""The employee a case is about: an SOP column "Pegawai yang bersangkutan" (a leave request, a promotion)
stands for the employee each case is about. The case names that person when it starts (the one who
starts it, when that actor begins) and their steps go to them alone, in the position they hold."""

from __future__ import annotations

import datetime as dt
import tempfile
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from kinerja.errors import KinerjaError, NotAllowed
from kinerja.org import actions as org_actions
from kinerja.sop import actions as sop_actions
from kinerja.sop.models import Actor
from kinerja.sop.parties import is_case_person, is_outside_party, unit_role
from kinerja.workflow import actions
from kinerja.workflow.models import Case, Event
from tests.base import PASSWORD, KinerjaTestCase
from tests.sop.documents import sop_text

pytestmark = pytest.mark.usefixtures("english")


ACTORS = ["Pegawai yang bersangkutan", "Kasubbag Umpeg", "Sekretaris", "Kepala Dinas"]
LEAVE = [
    ("Mengajukan permohonan cuti dengan mengisi formulir", "10 menit", "Pegawai yang bersangkutan"),
    ("Memeriksa kelengkapan permohonan dan sisa hak cuti", "1 hari", "Kasubbag Umpeg"),
    ("Memaraf konsep surat izin cuti", "1 hari", "Sekretaris"),
    ("Menandatangani surat izin cuti", "1 hari", "Kepala Dinas"),
    ("Menerima surat izin cuti", "10 menit", "Pegawai yang bersangkutan"),
]
# A promotion: the office begins, the employee hands in their papers in step 2.
PROMOTION = [
    ("Menyampaikan pemberitahuan kenaikan pangkat", "1 hari", "Kasubbag Umpeg"),
    ("Menyerahkan berkas usulan kenaikan pangkat", "3 hari", "Pegawai yang bersangkutan"),
    ("Memeriksa berkas dan mengusulkan ke BKPSDM", "2 hari", "Kasubbag Umpeg"),
]
MONDAY = dt.datetime(2025, 6, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.mark.parametrize(("name", "person"), [
    ("Pegawai yang bersangkutan", True), ("PNS ybs", True), ("ASN yang mengajukan", True), ("Pegawai", True),
    ("Pegawai (Pemohon)", True), ("Yang Bersangkutan", True), ("Pegawai Pemohon", True),
    ("Kepala Bidang yang bersangkutan", False), ("Staf Bidang", False), ("Pemohon", False), ("Kasubbag Umpeg", False),
    ("Pegawai Bidang Umum", False), ("Kepala Dinas", False),
])
def test_which_names_stand_for_the_employee_of_the_case(name: str, person: bool) -> None:
    assert is_case_person(name) is person
    if person:  # and no other kind claims them
        assert (is_outside_party(name), unit_role(name)) == (False, "")


def _import(office, steps, name: str, number: str) -> tuple[object, str]:
    path = Path(tempfile.mkdtemp()) / f"{name}.txt"
    path.write_text(sop_text(ACTORS, steps, name=name, number=number))
    out = StringIO()
    call_command("sop", "import", str(path), "--office", office.code, stdout=out)
    return office.sops.get(name=name).versions.get(), out.getvalue()


class CasePersonTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.umpeg = org_actions.add_person(cls.office, username="umpeg", full_name="Kasubbag Umpeg Uji",
                                           password=PASSWORD)
        org_actions.assign(cls.umpeg, cls.positions["umpeg_head"], starts_on=dt.date(2024, 1, 2))
        cls.leave, cls.import_out = _import(cls.office, LEAVE, "SOP CUTI PEGAWAI", "800/11/SOP/2025")
        cls.promotion, _out = _import(cls.office, PROMOTION, "SOP KENAIKAN PANGKAT", "800/12/SOP/2025")
        cls.jfu, cls.jfu2 = cls.built.people["jfu"], cls.built.people["jfu2"]  # both hold the JFU position

    def _walk(self, case, user, number, *, minutes):
        task = case.tasks.get(status="open")
        self.assertEqual(task.step.number, number)
        return actions.complete_task(task.pk, user=user, at=MONDAY + dt.timedelta(minutes=minutes)).next_task

    def test_the_import_reads_it_as_the_employee_of_the_case(self) -> None:
        actor = self.leave.actors.get(name="Pegawai yang bersangkutan")
        self.assertEqual((actor.in_unit, actor.position, actor.external), (Actor.InUnit.PERSON, None, False))
        self.assertTrue(actor.is_linked)
        self.assertIn("Pegawai yang bersangkutan adalah pegawai yang bersangkutan: setiap pelaksanaan menyebut "
                      "pegawainya", self.import_out)
        self.assertNotIn("belum ditautkan", self.import_out)

    def test_an_employee_asks_for_their_own_leave_and_their_steps_are_theirs_alone(self) -> None:
        case = actions.start_case(self.leave.pk, user=self.jfu.user, title="Cuti tahunan", period="Juni 2025",
                                  at=MONDAY)
        self.assertEqual(case.person, self.jfu)
        self.assertEqual(case.events.get(kind=Event.Kind.CASE_STARTED).data["person"], self.jfu.pk)
        first = case.first_task
        self.assertEqual((first.position, first.assignee_id), (self.positions["staff"], self.jfu.pk))
        # A colleague of the same position may not act for them.
        with self.assertRaises(NotAllowed):
            actions.complete_task(first.pk, user=self.jfu2.user, at=MONDAY + dt.timedelta(minutes=5))
        second = actions.complete_task(first.pk, user=self.jfu.user, at=MONDAY + dt.timedelta(minutes=5)).next_task
        self.assertEqual(second.position, self.positions["umpeg_head"])
        # Sent back for a missing form: to the employee again, not to any holder of the JFU position.
        steps = list(self.leave.steps.order_by("number"))
        steps[1].returns_to.add(steps[0])
        again = actions.return_task(second.pk, user=self.umpeg.user, reason="Formulir belum ditandatangani",
                                    at=MONDAY + dt.timedelta(minutes=30)).next_task
        self.assertEqual((again.step.number, again.assignee_id), (1, self.jfu.pk))
        self._walk(case, self.jfu.user, 1, minutes=40)
        self._walk(case, self.umpeg.user, 2, minutes=60)
        self._walk(case, self.secretary, 3, minutes=90)
        last = self._walk(case, self.head, 4, minutes=120)
        self.assertEqual((last.step.number, last.position, last.assignee_id), (5, self.positions["staff"], self.jfu.pk))
        self.assertIsNone(self._walk(case, self.jfu.user, 5, minutes=130))
        case.refresh_from_db()
        self.assertEqual(case.status, "done")

    def test_who_may_start_a_case_about_whom(self) -> None:
        # The secretary (who may start any case) for the JFU; a colleague may not ask for another's leave.
        case = actions.start_case(self.leave.pk, user=self.secretary, title="Cuti JFU", period="Juni 2025", at=MONDAY,
                                  person=self.jfu)
        self.assertEqual(case.first_task.assignee_id, self.jfu.pk)
        with self.assertRaises(NotAllowed):
            actions.start_case(self.leave.pk, user=self.jfu2.user, title="Cuti", period="Juni 2025", at=MONDAY,
                               person=self.jfu)

    def test_a_case_needs_its_employee_when_they_do_not_begin(self) -> None:
        with self.assertRaisesMessage(KinerjaError, "Employee concerned: choose the employee the case is about; "
                                      "Pegawai yang bersangkutan stand for them."):
            actions.start_case(self.promotion.pk, user=self.umpeg.user, title="Kenaikan pangkat", period="April 2026",
                               at=MONDAY)
        stranger = self.other.people["jfu"]
        with self.assertRaisesMessage(KinerjaError, "is not a person of"):
            actions.start_case(self.promotion.pk, user=self.umpeg.user, title="Kenaikan pangkat", period="April 2026",
                               at=MONDAY, person=stranger)
        retired = org_actions.add_person(self.office, username="pensiun", full_name="Pegawai Purna Uji",
                                         password=PASSWORD)
        with self.assertRaisesMessage(KinerjaError, "Pegawai Purna Uji holds no position on"):
            actions.start_case(self.promotion.pk, user=self.umpeg.user, title="Kenaikan pangkat", period="April 2026",
                               at=MONDAY, person=retired)
        case = actions.start_case(self.promotion.pk, user=self.umpeg.user, title="Kenaikan pangkat JFU 2",
                                  period="April 2026", at=MONDAY, person=self.jfu2)
        second = self._walk(case, self.umpeg.user, 1, minutes=10)
        self.assertEqual((second.position, second.assignee_id), (self.positions["staff"], self.jfu2.pk))

    def test_pages_and_the_command_line(self) -> None:
        self.client.force_login(self.secretary)
        form = self.client.get("/cases/new/").content.decode()
        self.assertIn('name="person"', form)
        response = self.client.post("/cases/new/", {"version": self.promotion.pk, "title": "Kenaikan pangkat JFU",
                                                       "period": "April 2026", "person": self.jfu.pk})
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        page = self.client.get(response["Location"]).content.decode()
        self.assertIn(f"<dd>{self.jfu.full_name}</dd>", page)
        out = StringIO()
        call_command("case", "start", str(self.promotion.pk), "--user", self.umpeg.user.username, "--title",
                     "Kenaikan pangkat 2", "--period", "April 2026", "--person", self.jfu2.user.username, stdout=out)
        case_id = str(Case.objects.get(title="Kenaikan pangkat 2").pk)
        self.assertRegex(out.getvalue(), rf" {case_id}: Kenaikan pangkat 2 · (task|tugas) \d+, (step|langkah) 1, ")
        shown = StringIO()
        call_command("case", "show", case_id, stdout=shown)
        self.assertIn(self.jfu2.full_name, shown.getvalue())
        with self.assertRaisesMessage(CommandError, "--person nobody: tidak ada pegawai"):
            call_command("case", "start", str(self.promotion.pk), "--user", self.umpeg.user.username, "--title", "X",
                         "--period", "April 2026", "--person", "nobody", stdout=StringIO())
        sop_page = self.client.get(f"/sop/versions/{self.leave.pk}/").content.decode()
        self.assertIn("<strong>Pegawai yang bersangkutan</strong> — pegawai yang bersangkutan", sop_page)

    def test_the_start_form_asks_no_employee_when_no_sop_needs_one(self) -> None:
        Actor.objects.filter(in_unit=Actor.InUnit.PERSON).update(in_unit="", position=self.positions["staff"])
        self.client.force_login(self.secretary)
        self.assertNotIn('name="person"', self.client.get("/cases/new/").content.decode())

    def test_linking_it_by_hand(self) -> None:
        actor = self.leave.actors.get(name="Kasubbag Umpeg")
        call_command("sop", "link", str(self.leave.pk), "Kasubbag Umpeg", "--in-unit", "person", stdout=StringIO())
        actor.refresh_from_db()
        self.assertEqual((actor.in_unit, actor.position), (Actor.InUnit.PERSON, None))
        with self.assertRaisesMessage(KinerjaError, "cannot be both outside the office and the employee the case is "
                                      "about"):
            sop_actions.link_actor(actor.pk, position=None, user=None, external=True)
