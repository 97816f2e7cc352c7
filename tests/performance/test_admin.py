"""The admin pages an administrator uses for budgets, and actuals read-only."""

from __future__ import annotations

from decimal import Decimal

from kinerja.performance.models import Indicator, IndicatorRevision, Objective, Program
from tests.base import KinerjaTestCase


class PerformanceAdminTestCase(KinerjaTestCase):
    def test_the_administrator_enters_a_program_budget(self) -> None:
        self.client.force_login(self.admin)
        response = self.client.post("/admin/performance/program/add/", {
            "office": self.office.pk, "year": 2025, "code": "2.17.03", "name": "Program Pengawasan Koperasi",
            "order": 1, "budget": "465000000", "spent": "420000000",
            "activities-TOTAL_FORMS": 0, "activities-INITIAL_FORMS": 0})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Program.objects.get().budget, Decimal(465000000))

    def test_actuals_are_read_only(self) -> None:
        self.client.force_login(self.admin)
        self.assertEqual(self.client.get("/admin/performance/actual/add/").status_code, 403)
        self.assertEqual(self.client.get("/admin/performance/actual/").status_code, 200)

    def test_the_earlier_names_of_indicators_are_listed_and_not_added_or_deleted(self) -> None:
        objective = Objective.objects.create(office=self.office, code="S1", name="Koperasi", plan_start_year=2021,
                                             plan_end_year=2026)
        indicator = Indicator.objects.create(office=self.office, objective=objective, code="IK-03", unit="%",
                                             name="Persentase koperasi aktif", division=self.built.divisions[1])
        revision = IndicatorRevision.objects.create(indicator=indicator, until_year=2025, name="Persentase lama",
                                                    unit="unit", division=self.built.divisions[0])
        self.client.force_login(self.admin)
        listed = self.client.get("/admin/performance/indicatorrevision/")
        self.assertContains(listed, "Kode indikator")
        self.assertNotContains(listed, "2.025")  # a year, not a number
        for shown in ("IK-03", "2025", "Persentase lama", "unit", self.built.divisions[0].name):
            self.assertContains(listed, shown)
        self.assertEqual(self.client.get("/admin/performance/indicatorrevision/add/").status_code, 403)
        self.assertEqual(self.client.get(f"/admin/performance/indicatorrevision/{revision.pk}/delete/").status_code, 403)
        changed = self.client.get(f"/admin/performance/indicatorrevision/{revision.pk}/change/")
        self.assertContains(changed, "2025")
        self.assertNotContains(changed, 'name="until_year"')  # its year is not moved here

    def test_the_unit_of_measure_reads_satuan_and_the_work_unit_unit_kerja(self) -> None:
        # Both fields were called "unit" in English, and the office-wide translation of it is the work unit.
        objective = Objective.objects.create(office=self.office, code="S1", name="Koperasi", plan_start_year=2021,
                                             plan_end_year=2026)
        indicator = Indicator.objects.create(office=self.office, objective=objective, code="IK-03", unit="%",
                                             name="Persentase koperasi aktif")
        revision = IndicatorRevision.objects.create(indicator=indicator, until_year=2025, name="Persentase lama",
                                                    unit="koperasi")
        self.client.force_login(self.admin)
        listed = self.client.get("/admin/performance/indicatorrevision/")
        self.assertRegex(listed.content.decode(), r'class="sortable column-unit"(.|\n)*?>Satuan</a>')
        changed = self.client.get(f"/admin/performance/indicatorrevision/{revision.pk}/change/")
        self.assertContains(changed, ">Satuan:<")
        self.assertNotContains(changed, "Unit kerja:")
        self.assertEqual(str(Indicator._meta.get_field("unit").verbose_name), "satuan")
        self.assertContains(self.client.get("/admin/org/position/"), ">Unit kerja<")
