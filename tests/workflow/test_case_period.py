"""The period of a case: required only by an SOP that asks the divisions for their data of a period;
any other case may start without one, and its pages show none (no stray separator)."""

from __future__ import annotations

from kinerja.errors import KinerjaError
from kinerja.sop.models import Step
from kinerja.workflow import actions

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
