"""A step that coordinates with the divisions on one application, not on their data of a period (a permit
SOP: "Memverifikasi berkas dan lokasi usaha serta berkoordinasi dengan bidang-bidang terkait"): its cases
need no period and many run at once, each asking the divisions (periods.gathers_period_data)."""

from __future__ import annotations

import datetime as dt

from kinerja.errors import KinerjaError
from kinerja.sop.models import Step
from kinerja.workflow import actions
from kinerja.workflow.actions import PeriodTaken
from kinerja.workflow.models import Case, DivisionRequest

from .base import START, WorkflowTestCase

PERMIT_STEP = "Memverifikasi berkas dan lokasi usaha serta berkoordinasi dengan bidang-bidang terkait"


class PermitCoordinationTestCase(WorkflowTestCase):
    def setUp(self) -> None:
        super().setUp()
        Step.objects.filter(version=self.version, number=3).update(activity=PERMIT_STEP)

    def start(self, title: str, period: str = "") -> Case:
        return actions.start_case(self.version.pk, user=self.secretary, title=title, period=period, at=START)

    def test_a_case_starts_without_a_period_and_asks_the_divisions(self) -> None:
        case = self.start("Izin Usaha Mikro a.n. Warung Bu Siti")
        self.assertEqual(case.period, "")
        task = self.run_to_step(case, 3)
        actions.send_division_requests(task.pk, user=self.staff, divisions=self.divisions[:2],
                                       what="Pertimbangan teknis lokasi usaha", due_at=START + dt.timedelta(days=2),
                                       at=START + dt.timedelta(hours=1))
        self.assertEqual(DivisionRequest.objects.filter(task=task).count(), 2)
        # The division answers with a note and files: no indicator actuals of a period the case has not.
        self.client.force_login(self.contacts[0])
        page = self.client.get(f"/requests/{DivisionRequest.objects.filter(task=task).first().pk}/answer/")
        self.assertContains(page, "Pertimbangan teknis lokasi usaha")
        self.assertNotContains(page, "Realisasi indikator")
        self.assertNotContains(page, "tentang \"\"")

    def test_two_applications_run_at_once_in_one_month(self) -> None:
        first = self.start("Izin Usaha Mikro a.n. Warung Bu Siti", period="November 2026")
        second = self.start("Izin Usaha Mikro a.n. Bengkel Pak Darto", period="November 2026")
        self.assertEqual({first.status, second.status}, {Case.Status.OPEN})
        self.assertEqual(self.start("Izin Usaha Mikro a.n. Toko Jaya").status, Case.Status.OPEN)

    def test_the_start_page_starts_one_without_a_period(self) -> None:
        self.client.force_login(self.secretary)
        r = self.client.post("/cases/new/", {"version": self.version.pk, "title": "Izin Usaha Mikro a.n. Toko Jaya"})
        case = Case.objects.get()
        self.assertRedirects(r, f"/cases/{case.pk}/", fetch_redirect_response=False)

    def test_gathering_the_divisions_data_still_needs_one_period_at_a_time(self) -> None:
        Step.objects.filter(version=self.version, number=3).update(
            activity="Menginventarisir bahan data kinerja dan berkoordinasi dengan bidang-bidang")
        with self.assertRaisesMessage(KinerjaError, "Periode"):
            self.start("Pengumpulan Data Kinerja")
        self.start("Pengumpulan Data Kinerja", period="Triwulan I 2025")
        with self.assertRaises(PeriodTaken):
            self.start("Pengumpulan Data Kinerja lagi", period="TW 1 2025")


class ApplicationDataTestCase(WorkflowTestCase):
    """A permit SOP speaks of the applicant's data, a survey's report, an application's file: one applicant's
    case each, no period; the divisions' data of a period still needs one."""

    def start_with(self, activity: str, title: str, period: str = "") -> Case:
        Step.objects.filter(version=self.version, number=3).update(activity=activity)
        return actions.start_case(self.version.pk, user=self.secretary, title=title, period=period, at=START)

    def test_the_applicants_data_or_a_surveys_report_needs_no_period(self) -> None:
        for n, activity in enumerate((
                "Memverifikasi data pemohon serta berkoordinasi dengan bidang-bidang terkait",
                "Menyusun laporan hasil peninjauan lokasi usaha dan berkoordinasi dengan bidang-bidang",
                "Mengumpulkan data dan berkas pemohon dari bidang-bidang",
                "Memeriksa berkas dan data permohonan, berkoordinasi dengan seluruh bidang")):
            with self.subTest(activity):
                case = self.start_with(activity, f"Izin usaha a.n. Pemohon {n}")
                self.assertEqual((case.status, case.period), (Case.Status.OPEN, ""))
                # Two applications in one month run at once.
                self.start_with(activity, f"Izin usaha a.n. Pemohon {n}a", period="Desember 2026")
                self.start_with(activity, f"Izin usaha a.n. Pemohon {n}b", period="Desember 2026")

    def test_the_divisions_data_and_reports_still_need_a_period(self) -> None:
        for activity in ("Meminta data kepada seluruh bidang",
                         "Menghimpun laporan dari masing-masing bidang",
                         "Mengumpulkan data dari seluruh bidang untuk laporan triwulan",
                         "Memverifikasi data pemohon dan merekap capaian bidang-bidang"):
            with self.subTest(activity), self.assertRaisesMessage(KinerjaError, "Periode"):
                self.start_with(activity, "Pengumpulan data")
        self.assertFalse(Case.objects.exists())
