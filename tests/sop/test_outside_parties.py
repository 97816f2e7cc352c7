"""Actors outside the office (the applicant, the public, another agency): recognised on import, linked
to the position that records their steps, kept across versions, changed on the SOP's page and with
`kinerja sop link --outside/--inside`, and run as tasks of that position."""

from __future__ import annotations

import datetime as dt
import tempfile
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from kinerja.sop import actions as sop_actions
from kinerja.sop.parties import is_outside_party
from kinerja.workflow import actions
from kinerja.workflow.models import Task
from tests.base import KinerjaTestCase

from .documents import sop_text

pytestmark = pytest.mark.usefixtures("english")

SERVICE_STEPS = [
    ("Mengajukan permohonan surat keterangan beserta berkas persyaratan", "10 menit", "Pemohon"),
    ("Menerima dan memeriksa kelengkapan berkas", "30 menit", "JFU"),
    ("Memeriksa dan memaraf draft surat keterangan", "1 hari", "Kasubbag"),
    ("Menyerahkan surat keterangan kepada pemohon", "15 menit", "JFU"),
    ("Menerima surat keterangan", "5 menit", "Pemohon"),
]
# A Monday in office hours, after the demo's acting (Plh) week.
MONDAY = dt.datetime(2025, 6, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def run(*args: str) -> str:
    out = StringIO()
    call_command("sop", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("name", ["Pemohon", "PEMOHON", "Masyarakat / Pelaku Usaha", "Wajib  Pajak", "Instansi Terkait",
                                  "Pihak Ketiga", "Penyedia Barang/Jasa", "Pengguna Layanan", "OPD Pengusul",
                                  "Calon Pemohon", "Pengurus Koperasi", "Koperasi", "Pelaku UMKM", "Pemilik Usaha",
                                  "Perusahaan", "Pasien/Keluarga", "Pmh", "Pmh.", "PMH", "Calon Pmh",
                                  # A kelurahan's SOP: the neighbourhood heads are no positions of the office.
                                  "Ketua RT", "Ketua RT/RW", "RT/RW", "Ketua RW"])
def test_names_of_outside_parties(name: str) -> None:
    assert is_outside_party(name)


@pytest.mark.parametrize("name", ["Kepala Dinas", "JFU", "Kasubbag Umum", "Sekretaris", "Kepala Bidang Pelayanan",
                                  "Petugas Loket", "Kasi Pemberdayaan Masyarakat Desa", "Bendahara Pengeluaran",
                                  "Kasi Kelembagaan Koperasi", "Kepala Bidang UMKM", "Pengawas Koperasi",
                                  "Kasi Rehabilitasi RTLH"])
def test_names_of_the_office(name: str) -> None:
    assert not is_outside_party(name)


class OutsidePartyTestCase(KinerjaTestCase):
    def import_text(self, actors: list[str], steps: list[tuple[str, str, str]], name: str = "SOP PELAYANAN",
                    number: str = "800/01/SOP/2025") -> str:
        path = Path(tempfile.mkdtemp()) / "pelayanan.txt"
        path.write_text(sop_text(actors, steps, name=name, number=number))
        return run("import", str(path), "--office", self.office.code)

    def setUp(self) -> None:
        super().setUp()
        self.out = self.import_text(["Pemohon", "JFU", "Kasubbag"], SERVICE_STEPS)
        self.version = self.office.sops.get(name="SOP PELAYANAN").versions.get()
        self.applicant = self.version.actors.get(name="Pemohon")

    def test_the_applicant_is_outside_and_recorded_by_who_receives_the_application(self) -> None:
        staff = self.version.actors.get(name="JFU")
        self.assertTrue(self.applicant.external)
        self.assertFalse(staff.external)
        # Step 1 has no step before it: the office's actor of step 2 receives the application.
        self.assertEqual(self.applicant.position, staff.position)
        self.assertIn(f"Pemohon is outside the office: {staff.position} records its steps", self.out)
        self.assertNotIn("not linked", self.out)
        shown = run("show", str(self.version.pk))
        self.assertIn(f"Pemohon: outside the office, recorded by {staff.position}", shown)

    def test_a_case_runs_with_the_applicant_steps_recorded_by_the_staff(self) -> None:
        case = actions.start_case(self.version.pk, user=self.staff, title="SK Koperasi Maju", period="Juni 2025",
                                  at=MONDAY)
        first = case.first_task
        self.assertEqual(first.position, self.applicant.position)
        at = MONDAY
        task = first
        for _number in range(5):
            at += dt.timedelta(minutes=5)
            user = self.subsection_head if task.step.actor.name == "Kasubbag" else self.staff
            extra = {"next_user": self.staff} if task.step.number in (1, 3) else {}
            task = actions.complete_task(task.pk, user=user, note="dicatat", at=at, **extra).next_task
        self.assertIsNone(task)
        self.assertEqual(Task.objects.filter(case=case, status=Task.Status.DONE).count(), 5)

    def test_the_case_page_says_who_does_the_step_and_who_records_it(self) -> None:
        case = actions.start_case(self.version.pk, user=self.staff, title="SK Koperasi Maju", period="Juni 2025")
        self.client.force_login(self.staff)
        page = self.client.get(f"/cases/{case.pk}/").content.decode()  # the interface speaks Indonesian
        self.assertIn("<dt>Dilakukan oleh</dt><dd><strong>Pemohon</strong> <span class=\"badge\">pihak luar</span>", page)
        self.assertIn("<dt>Dicatat oleh</dt>", page)
        self.assertIn("Catat: sudah dilakukan Pemohon</button>", page)
        self.assertIn("Langkah ini dilakukan oleh Pemohon, pihak luar.", page)
        inbox = self.client.get("/inbox/").content.decode()
        self.assertIn("untuk dicatat: Pemohon, pihak luar", inbox)

    def test_a_revised_version_keeps_what_the_user_decided(self) -> None:
        run("link", str(self.version.pk), "Pemohon", "Kasubbag", "--inside")
        self.import_text(["Pemohon", "JFU", "Kasubbag"], SERVICE_STEPS[:4] + [("Menerima surat", "10 menit", "Pemohon")])
        revised = self.office.sops.get(name="SOP PELAYANAN").versions.get(version=2)
        applicant = revised.actors.get(name="Pemohon")
        self.assertFalse(applicant.external)
        self.assertEqual(applicant.position, self.positions["subsection_head"])

    def test_link_outside_and_inside(self) -> None:
        out = run("link", str(self.version.pk), "Pemohon", "Sekretaris", "--outside")
        self.assertIn("Pemohon is outside the office; Sekretaris Dinas records its steps.", out)
        out = run("link", str(self.version.pk), "Pemohon", "JFU", "--inside")
        self.assertIn("Pemohon is linked to", out)
        self.applicant.refresh_from_db()
        self.assertFalse(self.applicant.external)
        with pytest.raises(CommandError):
            run("link", str(self.version.pk), "Pemohon", "JFU", "--inside", "--outside")

    def test_the_sop_page_changes_a_linked_actor(self) -> None:
        self.client.force_login(self.admin)
        page = self.client.get(f"/sop/versions/{self.version.pk}/").content.decode()
        self.assertIn("<strong>Pemohon</strong> — <span class=\"badge\">pihak luar</span> dicatat oleh", page)
        self.assertIn(f'action="/sop/actors/{self.applicant.pk}/link/"', page)
        self.assertIn(f'name="actor-{self.applicant.pk}-external" id="id_actor-{self.applicant.pk}-external" checked', page)
        self.client.post(f"/sop/actors/{self.applicant.pk}/link/", {
            f"actor-{self.applicant.pk}-position": self.positions["secretary"].pk,
            f"actor-{self.applicant.pk}-external": "on"})
        self.applicant.refresh_from_db()
        self.assertEqual((self.applicant.position, self.applicant.external), (self.positions["secretary"], True))
        self.client.post(f"/sop/actors/{self.applicant.pk}/link/", {
            f"actor-{self.applicant.pk}-position": self.positions["staff"].pk})
        self.applicant.refresh_from_db()
        self.assertEqual((self.applicant.position, self.applicant.external), (self.positions["staff"], False))

    def test_an_outside_party_with_nobody_next_to_it_is_named_when_a_case_starts(self) -> None:
        self.import_text(["Masyarakat", "Petugas Arsip"], [
            ("Menyampaikan pengaduan", "10 menit", "Masyarakat"),
            ("Mencatat pengaduan", "15 menit", "Petugas Arsip")], name="SOP PENGADUAN", number="800/02/SOP/2025")
        version = self.office.sops.get(name="SOP PENGADUAN").versions.get()
        self.assertIsNone(version.actors.get(name="Masyarakat").position)
        with self.assertRaisesMessage(Exception, "Masyarakat (step 1; outside the office: the position that records "
                                      "its steps)"):
            actions.start_case(version.pk, user=self.secretary, title="Aduan", period="Juni 2025")
        sop_actions.link_actor(version.actors.get(name="Masyarakat").pk, position=self.positions["staff"], user=None)
        self.assertTrue(version.actors.get(name="Masyarakat").external)


class RecorderFollowsTheNextActorTestCase(KinerjaTestCase):
    """The README: by default the office's actor of the step before the outside party's, or after it;
    never one further away, and it follows when that actor is linked later."""

    def import_counter_sop(self) -> None:
        path = Path(tempfile.mkdtemp()) / "loket.txt"
        path.write_text(sop_text(["Pemohon", "Petugas Loket", "Kasubbag"], [
            ("Mengajukan permohonan beserta berkas", "10 menit", "Pemohon"),
            ("Menerima dan memeriksa berkas di loket", "30 menit", "Petugas Loket"),
            ("Memaraf draft surat", "1 hari", "Kasubbag")], name="SOP LOKET", number="800/03/SOP/2025"))
        run("import", str(path), "--office", self.office.code)
        self.version = self.office.sops.get(name="SOP LOKET").versions.get()

    def actor(self, name: str):  # type: ignore[no-untyped-def]
        return self.version.actors.get(name=name)

    def test_an_unlinked_counter_leaves_the_applicant_unrecorded_not_the_kasubbag(self) -> None:
        self.import_counter_sop()
        self.assertIsNone(self.actor("Petugas Loket").position)  # no such position in the office
        self.assertEqual(self.actor("Kasubbag").position, self.positions["subsection_head"])
        self.assertIsNone(self.actor("Pemohon").position)

    def test_linking_the_counter_makes_it_the_applicants_recorder(self) -> None:
        self.import_counter_sop()
        sop_actions.link_actor(self.actor("Petugas Loket").pk, position=self.positions["staff"], user=None)
        self.assertEqual((self.actor("Pemohon").position, self.actor("Pemohon").external),
                         (self.positions["staff"], True))
        # Linked elsewhere later: the default follows again.
        sop_actions.link_actor(self.actor("Petugas Loket").pk, position=self.positions["secretary"], user=None)
        self.assertEqual(self.actor("Pemohon").position, self.positions["secretary"])

    def test_a_recorder_somebody_chose_stays(self) -> None:
        self.import_counter_sop()
        sop_actions.link_actor(self.actor("Pemohon").pk, position=self.positions["subsection_head"], user=None)
        sop_actions.link_actor(self.actor("Petugas Loket").pk, position=self.positions["staff"], user=None)
        self.assertEqual(self.actor("Pemohon").position, self.positions["subsection_head"])


@pytest.mark.parametrize(("actors", "linked", "expected"), [
    (["Pemohon", "Loket", "Kadis"], {"Kadis": "K"}, None),  # only the step after it counts, not further on
    (["Pemohon", "Loket", "Kadis"], {"Loket": "L", "Kadis": "K"}, "L"),
    (["Kadis", "Pemohon", "Loket"], {"Loket": "L", "Kadis": "K"}, "K"),  # the step before it first
    (["Kadis", "Pemohon", "Loket"], {"Loket": "L"}, "L"),  # else the one after it
    (["Kadis", "Instansi", "Pemohon", "Loket"], {"Kadis": "K", "Loket": "L"}, "K"),  # outside steps skipped
])
def test_recorder_for(actors: list[str], linked: dict[str, str], expected: str | None) -> None:
    from kinerja.sop.parties import recorder_for

    outside = {"Pemohon", "Instansi"}
    assert recorder_for("Pemohon", actors, lambda s: s, linked.get, lambda n: n in outside) == expected
