"""A Kasubbag away while a JFU is their Plh (Tuesday 25 to Friday 28 March 2025) checks no actual and compiles no
report meanwhile: the Plh does, and the Kasubbag is told who and until when (the check page, the dashboard, the
actions). The Kepala Dinas away while the Sekretaris is his Plh (24 to 30 March, the demo office) is told so too."""

from __future__ import annotations

from django.utils import translation

from kinerja.errors import NotAllowed
from kinerja.performance import access, actions
from kinerja.performance.compilation import request_compilation
from kinerja.performance.models import Actual
from kinerja.performance.report import compile_report, may_compile
from tests.base import AFTER_PLH, ON_PLH_DAY, KasubbagAway

from .test_actions import PerformanceTestCase


class AbsentKasubbagTests(KasubbagAway, PerformanceTestCase):
    def setUp(self) -> None:
        super().setUp()
        actual = actions.save_actual(self.indicator.pk, 2025, 1, user=self.contact, value="1.650")
        self.actual = actions.submit_actual(actual.pk, user=self.contact)
        self.title = self.positions["subsection_head"].title
        self.until = (f"{self.staff2.person.full_name} (Plh. {self.title}) does the work of your position as "
                      f"{self.title} (25 Mar 2025 to 28 Mar 2025)")

    def test_the_plh_checks_and_the_kasubbag_does_not(self) -> None:
        day = ON_PLH_DAY.date()
        self.assertTrue(access.can_check(self.staff2, day))
        self.assertFalse(access.can_check(self.subsection_head, day))
        self.assertEqual(access.check_power(self.subsection_head, day), (False, self.plh))
        with self.assertRaisesMessage(NotAllowed, f"You may not check actuals today: {self.until}, and checks them "
                                                  "meanwhile."):
            actions.check_actual(self.actual.pk, user=self.subsection_head)
        self.assertEqual(Actual.objects.get(pk=self.actual.pk).status, Actual.Status.SUBMITTED)
        self.assertEqual(actions.check_actual(self.actual.pk, user=self.staff2).status, Actual.Status.CHECKED)

    def test_the_plh_compiles_and_the_kasubbag_is_told_who_does(self) -> None:
        day = ON_PLH_DAY.date()
        self.assertTrue(may_compile(self.staff2, self.office, day))
        self.assertFalse(may_compile(self.subsection_head, self.office, day))
        said = f"You may not compile the report today: {self.until}, and compiles it meanwhile."
        with self.assertRaisesMessage(NotAllowed, said):
            request_compilation(self.office, 2025, 1, user=self.subsection_head)
        with self.assertRaisesMessage(NotAllowed, said):
            compile_report(self.office, 2025, 1, user=self.subsection_head)

    def test_the_pages_tell_the_kasubbag_in_indonesian(self) -> None:
        translation.activate("id")
        self.client.force_login(self.subsection_head)
        until = (f"{self.staff2.person.full_name} (Plh. {self.title}) menjalankan tugas jabatan Anda sebagai "
                 f"{self.title} (25 Mar 2025 s.d. 28 Mar 2025)")
        page = self.client.get("/data/check/?year=2025&quarter=1")
        self.assertContains(page, f"Anda tidak dapat memeriksa realisasi hari ini: {until}, dan selama itu dialah "
                                  "yang memeriksanya.")
        self.assertFalse(page.context["can_check"])
        response = self.client.post(f"/data/actuals/{self.actual.pk}/check/")
        self.assertContains(response, "Anda tidak dapat memeriksa realisasi hari ini", status_code=403)
        dashboard = self.client.get("/data/dashboard/?year=2025&quarter=1")
        self.assertContains(dashboard, f"Anda tidak dapat menyusun laporan hari ini: {until}, dan selama itu dialah "
                                       "yang menyusunnya.")
        self.assertNotContains(dashboard, 'id="compile"')
        response = self.client.post("/data/reports/compile/", {"year": "2025", "quarter": "1"})
        self.assertContains(response, "Anda tidak dapat menyusun laporan hari ini", status_code=403)

    def test_the_absent_kepala_dinas_is_told_who_compiles(self) -> None:
        self.assertFalse(may_compile(self.head, self.office, ON_PLH_DAY.date()))
        with self.assertRaisesMessage(NotAllowed, f"You may not compile the report today: {self.secretary.person.full_name} "
                                                  f"(Plh. {self.positions['head'].title}) does the work of your position"):
            request_compilation(self.office, 2025, 1, user=self.head)

    def test_after_the_plh_days_the_kasubbag_checks_again(self) -> None:
        self.now.return_value = AFTER_PLH
        self.assertTrue(access.can_check(self.subsection_head, AFTER_PLH.date()))
        self.assertTrue(may_compile(self.subsection_head, self.office, AFTER_PLH.date()))
        self.assertEqual(actions.check_actual(self.actual.pk, user=self.subsection_head).status, Actual.Status.CHECKED)
