"""The count of a report's unchecked figures and the page its link opens agree: the report of Triwulan IV reads
the figures of Triwulan I to III too, so the dashboard's, the compilation's and the document's "Check the figures
of this period" open the check page on exactly the figures that hold up that report, each with its quarter; a
figure checked there leads back to that list."""

from __future__ import annotations

from decimal import Decimal

from kinerja.performance import signoff
from kinerja.performance.models import Actual, Objective
from tests.base import KinerjaTestCase

from .test_report_build import actual, add_indicator, target

SUBMITTED, RETURNED, CHECKED = Actual.Status.SUBMITTED, Actual.Status.RETURNED, Actual.Status.CHECKED


class ReportScopeCheckTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        objective = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya kualitas koperasi",
                                             order=1, plan_start_year=2021, plan_end_year=2026)
        cls.active = add_indicator(objective, "IK-01", "Persentase koperasi aktif", aggregation="last")
        cls.trained = add_indicator(objective, "IK-02", "UMKM dilatih", "UMKM", aggregation="sum")
        for indicator in (cls.active, cls.trained):
            target(indicator, 2025, Decimal("80"))
        actual(cls.active, 2025, Decimal("70"), quarter=2, status=CHECKED)
        cls.q3_submitted = actual(cls.active, 2025, Decimal("72"), quarter=3)
        cls.q3_returned = actual(cls.trained, 2025, Decimal("300"), quarter=3, status=RETURNED)
        cls.q4_submitted = actual(cls.active, 2025, Decimal("75"), quarter=4)
        actual(cls.trained, 2025, Decimal("200"), quarter=4, status=CHECKED)
        actual(cls.active, 2026, Decimal("10"), quarter=1)  # another year: no part of the report

    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.subsection_head)

    def listed(self, url: str) -> list[int]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return [row["actual"].pk for row in response.context["rows"]]

    def test_the_dashboards_count_and_the_page_it_opens_agree(self) -> None:
        waiting = signoff.unchecked(self.office, 2025, 4)
        self.assertEqual(len(waiting), 3)
        dashboard = self.client.get("/data/dashboard/?year=2025&quarter=4")
        self.assertEqual([a.pk for a in dashboard.context["unchecked"]], [a.pk for a in waiting])
        url = dashboard.context["check_url"]
        self.assertEqual(url, "/data/check/?year=2025&quarter=4&status=report")
        self.assertContains(dashboard, 'href="/data/check/?year=2025&amp;quarter=4&amp;status=report"')
        self.assertCountEqual(self.listed(url), [a.pk for a in waiting])
        self.assertCountEqual(self.listed(url), [self.q3_submitted.pk, self.q3_returned.pk, self.q4_submitted.pk])

    def test_the_list_shows_each_figures_quarter_and_its_count(self) -> None:
        page = self.client.get(signoff.check_url(2025, 4)).content.decode()
        self.assertEqual(page.count('<span class="badge perf-quarter">'), 3)
        self.assertEqual(page.count("Triwulan III 2025</span>"), 2)
        self.assertEqual(page.count("Triwulan IV 2025</span>"), 1)
        self.assertIn("Menahan laporan (3)</a>", page)
        # The quarter's own list stays the quarter's: the submitted figure of Triwulan IV alone.
        self.assertEqual(self.listed("/data/check/?year=2025&quarter=4"), [self.q4_submitted.pk])

    def test_a_quarters_report_reads_the_quarters_up_to_it_and_the_years_reads_them_all(self) -> None:
        self.assertCountEqual(self.listed(signoff.check_url(2025, 3)), [self.q3_submitted.pk, self.q3_returned.pk])
        self.assertEqual(self.listed(signoff.check_url(2025, 2)), [])
        self.assertCountEqual(self.listed(signoff.check_url(2025, None)),
                              [a.pk for a in signoff.unchecked(self.office, 2025, None)])
        self.assertEqual(signoff.check_url(2025, None), "/data/check/?year=2025&quarter=0&status=report")

    def test_a_figure_checked_on_the_list_leads_back_to_it(self) -> None:
        response = self.client.post(f"/data/actuals/{self.q3_submitted.pk}/check/",
                                    {"status": "report", "quarter": "4"})
        self.assertRedirects(response, "/data/check/?year=2025&quarter=4&status=report", fetch_redirect_response=False)
        self.assertCountEqual(self.listed(signoff.check_url(2025, 4)), [self.q3_returned.pk, self.q4_submitted.pk])
