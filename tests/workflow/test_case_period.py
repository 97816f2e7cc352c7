"""The period of a case: required only by an SOP that asks the divisions for their data of a period;
any other case may start without one, and its pages show none (no stray separator)."""

from __future__ import annotations

from kinerja.errors import KinerjaError
from kinerja.sop.models import Step
from kinerja.workflow import actions, periods

from .base import START, WorkflowTestCase


class CasePeriodTestCase(WorkflowTestCase):
    def test_an_sop_asking_the_divisions_for_data_needs_the_period(self) -> None:
        with self.assertRaisesMessage(KinerjaError, "Periode"):
            actions.start_case(self.version.pk, user=self.secretary, title="Data kinerja", period=" ", at=START)
        self.assertFalse(self.version.cases.exists())

    def test_another_sop_starts_without_a_period_and_shows_none(self) -> None:
        Step.objects.filter(version=self.version).update(coordinates_divisions=False)
        case = actions.start_case(self.version.pk, user=self.secretary, title="Permohonan izin usaha", at=START)
        self.assertEqual(case.period, "")
        self.client.force_login(self.secretary)
        page = self.client.get(f"/cases/{case.pk}/").content.decode()
        self.assertIn(f'<span class="muted">{self.version.name}', page)

    def test_the_form_asks_for_no_period_and_gives_generic_hints(self) -> None:
        Step.objects.filter(version=self.version).update(coordinates_divisions=False)
        self.client.force_login(self.secretary)
        form = self.client.get("/cases/new/")
        self.assertNotContains(form, "Triwulan III 2025")
        self.assertNotContains(form, "Kepala Dinas")
        self.assertContains(form, "Periode (opsional)")
        r = self.client.post("/cases/new/", {"version": self.version.pk, "title": "Permohonan izin usaha",
                                             "period": "", "trigger_note": ""})
        case = self.version.cases.get()
        self.assertRedirects(r, f"/cases/{case.pk}/")

    def test_the_form_says_when_the_period_is_needed(self) -> None:
        self.client.force_login(self.secretary)
        r = self.client.post("/cases/new/", {"version": self.version.pk, "title": "Data kinerja", "period": ""})
        self.assertContains(r, "Periode")
        self.assertFalse(self.version.cases.exists())


class ImpossiblePeriodTestCase(WorkflowTestCase):
    """A typo in the period ("Triwulan V 2025", "Triwulan III 20255") would start a case about no period at all,
    which the divisions would be asked to report on; the usual forms and any free text still start."""

    def test_an_impossible_period_is_refused_naming_the_value_and_nothing_is_started(self) -> None:
        refused = {
            "Triwulan V 2025": "Periode “Triwulan V 2025”: tidak ada triwulan V;",
            "Triwulan III 20255": "Periode “Triwulan III 20255”: tahun 20255 tidak di antara 2000 dan 2100.",
            "TW 0 2025": "tidak ada triwulan 0;",
            "Trw. 5/2025": "tidak ada triwulan 5;",
            "Semester 3 2025": "tidak ada semester 3;",
            "Bulan Maretz 2025": "“maretz” bukan nama bulan",
            "13/2025": "tidak ada bulan 13;",
            "Juni 2205": "tahun 2205 tidak di antara",
            "Tahun 1925": "tahun 1925 tidak di antara",
            "202": "tahun 202 tidak di antara",
        }
        for period, message in refused.items():
            with self.subTest(period), self.assertRaisesMessage(KinerjaError, message):
                actions.start_case(self.version.pk, user=self.secretary, title="Data kinerja", period=period, at=START)
        self.assertFalse(self.version.cases.exists())

    def test_the_usual_forms_and_free_text_still_pass(self) -> None:
        for period in ("Triwulan I 2025", "TRIWULAN iv Tahun 2025", "TW 1 2025", "  tw 1  tahun 2025 ", "Trw. 2/2025",
                       "TW IV", "s.d. Triwulan II 2025", "Semester I 2025", "Juni 2025", "Bulan Februari 2025",
                       "11/2025", "Tahun 2025.", "TA 2025", "2025", "Triwulan pertama 2025", "Renstra 2025-2029",
                       "Izin usaha CV Maju Jaya"):
            with self.subTest(period):
                periods.check_period(period)
        Step.objects.filter(version=self.version).update(coordinates_divisions=False)
        case = actions.start_case(self.version.pk, user=self.secretary, title="Izin usaha", at=START,
                                  period="Permohonan CV Maju Jaya")
        self.assertEqual(case.period, "Permohonan CV Maju Jaya")

    def test_the_form_names_the_impossible_period_next_to_the_field(self) -> None:
        self.client.force_login(self.secretary)
        r = self.client.post("/cases/new/", {"version": self.version.pk, "title": "Data kinerja",
                                             "period": "Triwulan V 2025", "trigger_note": "Surat 800/1"})
        self.assertEqual(r.context["form"].errors["period"], [
            "Periode “Triwulan V 2025”: tidak ada triwulan V; satu tahun hanya punya triwulan I–IV (Triwulan I s.d. "
            "IV, TW 1 s.d. 4)."])
        self.assertContains(r, "Surat 800/1")
        self.assertFalse(self.version.cases.exists())
