"""The admin pages an administrator uses for budgets, and actuals read-only."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.performance.models import Indicator, IndicatorRevision, Objective, Program
from tests.base import KinerjaTestCase
from tests.correspondence import test_revision


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


class RevisionListTestCase(test_revision.SignedPeriodTestCase):
    """The list of earlier names of indicators marks those holding a year whose Data Kinerja is signed (Triwulan I
    2025 here): their change form is read-only, and the list said nothing of it."""

    def test_the_signed_ones_are_marked_locked_in_the_list(self) -> None:
        indicator = self.indicators[0]
        IndicatorRevision.objects.create(indicator=indicator, until_year=2024, name="Nama 2024", unit="unit",
                                         division=self.division)
        IndicatorRevision.objects.create(indicator=indicator, until_year=2025, name="Nama 2025", unit="unit",
                                         division=self.division)
        self.client.force_login(self.admin)
        page = self.client.get("/admin/performance/indicatorrevision/").content.decode()
        self.assertIn(">Terkunci (ditandatangani)<", page)
        rows = {name: row for row in page.split("<tr")[1:] for name in ("Nama 2024", "Nama 2025") if name in row}
        self.assertIn('alt="True"', rows["Nama 2025"])
        self.assertIn('alt="False"', rows["Nama 2024"])
        self.assertNotIn('alt="True"', rows["Nama 2024"])

    def test_the_list_reads_it_in_as_many_queries_for_many_rows(self) -> None:
        self.client.force_login(self.admin)

        def queries() -> int:
            with CaptureQueriesContext(connection) as done:
                self.assertEqual(self.client.get("/admin/performance/indicatorrevision/").status_code, 200)
            return len(done)

        IndicatorRevision.objects.create(indicator=self.indicators[0], until_year=2025, name="Nama", unit="unit")
        few = queries()
        for i, indicator in enumerate(self.indicators[1:], start=1):
            for year in (2022, 2023, 2024):
                IndicatorRevision.objects.create(indicator=indicator, until_year=year, name=f"Nama {i} {year}",
                                                 unit="unit")
        self.assertGreater(IndicatorRevision.objects.count(), 3)
        self.assertEqual(queries(), few)
