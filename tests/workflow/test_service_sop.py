"""A service SOP unlike the seed, as a kecamatan writes it: the applicant (Pemohon, outside the office) hands
in the application, the counter officer records it; the Kasi asks "Apakah berkas memenuhi syarat?" and its
Tidak sends the work back two steps. Built with the ORM (the workflow tests do not depend on the importer)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO, StringIO

import openpyxl
from django.core.management import call_command
from django.utils import translation

from kinerja.org.models import Office, Position
from kinerja.sop.models import Actor, Sop, SopVersion, Step
from kinerja.workflow import actions
from kinerja.workflow.models import Case, Task

from .base import START, WorkflowTestCase

KASI = "Kepala Seksi Perekonomian dan Pembangunan"  # longer than a chart's row name
# (activity, actor, standard time)
STEPS = [
    ("Mengajukan permohonan IUM dengan mengisi formulir", "Pemohon", ("15", "minute")),
    ("Menerima berkas permohonan dan mencatat dalam buku register", "Petugas Pelayanan", ("30", "minute")),
    ("Meninjau lokasi usaha dan memverifikasi data", KASI, ("1", "hour")),
    ("Apakah berkas memenuhi syarat?", KASI, ("15", "minute")),
    ("Menandatangani naskah IUM", "Camat", ("2", "day")),
]
# Actor → (position key of the demo office, outside the office).
ACTORS = {"Pemohon": ("staff", True), "Petugas Pelayanan": ("staff", False), KASI: ("subsection_head", False),
          "Camat": ("secretary", False)}


def build_ium(office: Office, positions: dict[str, Position]) -> tuple[SopVersion, list[Step]]:
    """The kecamatan's IUM service SOP in force, its actors on the demo office's positions (ACTORS), its STEPS."""
    sop = Sop.objects.create(office=office, name="PELAYANAN IZIN USAHA MIKRO (IUM)")
    version = SopVersion.objects.create(sop=sop, version=1, status=SopVersion.Status.IN_FORCE, name=sop.name,
                                        effective_on=dt.date(2025, 1, 2))
    actors = {name: Actor.objects.create(version=version, name=name, order=i, position=positions[key],
                                         external=external)
              for i, (name, (key, external)) in enumerate(ACTORS.items(), start=1)}
    steps = [Step.objects.create(version=version, number=n, activity=activity, actor=actors[actor],
                                 duration_value=Decimal(value), duration_unit=unit)
             for n, (activity, actor, (value, unit)) in enumerate(STEPS, start=1)]
    return version, steps


class ServiceSopTestCase(WorkflowTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.ium, steps = build_ium(cls.office, cls.positions)
        steps[3].returns_to.add(steps[1])

    def start(self) -> Case:
        return actions.start_case(self.ium.pk, user=self.staff, title="IUM Warung Contoh", at=START)

    def run_to_decision(self, case: Case) -> Task:
        moment = START
        task = case.tasks.get(status=Task.Status.OPEN)
        while task.step.number < 4:
            moment += dt.timedelta(minutes=5)
            user = self.subsection_head if task.step.actor.name == KASI else self.staff
            extra = {"next_user": self.staff} if task.step.number == 1 else {}
            actions.complete_task(task.pk, user=user, note="dicatat", at=moment, **extra)
            task = case.tasks.get(status=Task.Status.OPEN)
        return task

    def test_the_rounds_table_says_whose_step_the_officer_recorded(self) -> None:
        case = self.start()
        self.run_to_decision(case)
        self.client.force_login(self.staff)
        page = self.client.get(f"/cases/{case.pk}/").content.decode()
        rows = page.split('<tr id="row-')[1:]
        self.assertIn("dicatat atas nama Pemohon, pihak luar", rows[0])  # step 1: the applicant's
        self.assertNotIn("pihak luar", rows[1])  # step 2: the officer's own

    def test_a_question_is_answered_ya_or_tidak_and_tidak_goes_back_two_steps(self) -> None:
        case = self.start()
        decision = self.run_to_decision(case)
        self.client.force_login(self.subsection_head)
        page = self.client.get(f"/cases/{case.pk}/").content.decode()
        self.assertIn("Ya (sesuai)", page)
        self.assertIn("Tidak (belum sesuai)", page)
        self.assertIn("Alasan (wajib untuk Tidak)", page)
        self.assertIn("Ya membuka langkah 5 (Camat); Tidak mengembalikan pekerjaan ke langkah 2 (Petugas Pelayanan) "
                      "beserta alasan Anda.", page)
        self.assertNotIn("Belum sesuai mengembalikan", page)
        response = self.client.post(f"/tasks/{decision.pk}/complete/", {
            "complete-verdict": "not_ok", "complete-reason": "Fotokopi KK belum ada"})
        self.assertEqual(response.status_code, 302)  # back to the case page
        reopened = case.tasks.get(status=Task.Status.OPEN)
        self.assertEqual((reopened.step.number, reopened.round), (2, 2))

    def test_a_decision_that_asks_no_question_keeps_sesuai(self) -> None:
        Step.objects.filter(version=self.ium, number=4).update(activity="Memeriksa kelengkapan berkas")
        case = self.start()
        self.run_to_decision(case)
        self.client.force_login(self.subsection_head)
        page = self.client.get(f"/cases/{case.pk}/").content.decode()
        self.assertIn("Sesuai membuka langkah 5 (Camat); Belum sesuai mengembalikan pekerjaan ke langkah 2", page)
        self.assertNotIn("Ya (sesuai)", page)

    def test_the_charts_cut_a_long_actor_with_an_ellipsis_and_keep_it_whole_as_a_tooltip(self) -> None:
        case = self.start()
        self.run_to_decision(case)
        self.client.force_login(self.admin)
        page = self.client.get(f"/cases/{case.pk}/").content.decode()
        self.assertIn(f"3. Kepala Seksi Perekonomian…<title>3. {KASI}</title></text>", page)
        self.assertNotIn(">3. Kepala Seksi Perekonomian d<", page)
        compliance = self.client.get(f"/sop-versions/{self.ium.pk}/compliance/?year=2025").content.decode()
        self.assertIn(f"4. Kepala Seksi Perekonomian…<title>4. {KASI}</title></text>", compliance)

    def test_case_show_says_whose_step_the_officer_recorded(self) -> None:
        case = self.start()
        self.run_to_decision(case)
        out = StringIO()
        with translation.override("en"):
            call_command("case", "show", str(case.pk), stdout=out)
        rows = [line for line in out.getvalue().splitlines() if line.startswith("  task ")]
        staff = self.positions["staff"].label
        self.assertIn(f"\t{staff} (recorded for Pemohon, outside the office)\t", rows[0])  # step 1
        self.assertIn(f"\t{staff}\t", rows[1])  # step 2: the officer's own

    def test_the_compliance_page_and_workbook_name_the_outside_party(self) -> None:
        case = self.start()
        self.run_to_decision(case)
        self.client.force_login(self.admin)
        page = self.client.get(f"/sop-versions/{self.ium.pk}/compliance/?year=2025").content.decode()
        self.assertIn('<td class="lead">Pemohon <span class="badge">pihak luar</span><br>', page)
        self.assertIn('<td class="lead">Petugas Pelayanan<br>', page)
        book = self.client.get(f"/sop-versions/{self.ium.pk}/compliance.xlsx?year=2025").content
        actors = [row[1] for row in openpyxl.load_workbook(BytesIO(book)).active.iter_rows(values_only=True)
                  if isinstance(row[0], int)]
        self.assertEqual(actors[:2], ["Pemohon (pihak luar)", "Petugas Pelayanan"])

    def test_the_next_step_says_the_applicant_handed_in_what_the_officer_recorded(self) -> None:
        case = self.start()
        first = case.tasks.get(status=Task.Status.OPEN)
        actions.complete_task(first.pk, user=self.staff, note="Formulir dan KTP diterima", next_user=self.staff,
                              at=START + dt.timedelta(minutes=5))
        self.client.force_login(self.staff)
        page = self.client.get(f"/cases/{case.pk}/").content.decode()
        self.assertIn(f"Diserahkan oleh Pemohon, pihak luar (dicatat oleh {self.staff.person.full_name}), langkah 1:", page)
        self.assertNotIn("Diserahkan oleh JFU", page)
