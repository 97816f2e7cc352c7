"""An indicator the Sekretariat answers for, with only an annual target (a Nilai SAKIP): the Sekretariat is
one of the units that supply figures (the workflow's request form, the dashboard's Bidang filter, the input
page), and a quarter does not call its realisasi missing (the quarterly dashboard and report, the check page),
while an indicator measured by the quarters still is."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from kinerja.org.models import Unit
from kinerja.performance import charts
from kinerja.performance import requests as perf_requests
from kinerja.performance.models import Actual, Indicator, Objective, Target
from kinerja.performance.report import ANNUAL_ONLY_NOTE, build_report
from kinerja.workflow import actions
from kinerja.workflow.forms import RequestsForm
from kinerja.workflow.models import DivisionRequest
from tests.base import KinerjaTestCase
from tests.workflow.base import WorkflowTestCase, at


def sakip(office, secretariat: Unit) -> Indicator:  # type: ignore[no-untyped-def]
    objective = Objective.objects.create(office=office, code="S3", name="Meningkatnya akuntabilitas kinerja",
                                         plan_start_year=2021, plan_end_year=2026)
    indicator = Indicator.objects.create(office=office, objective=objective, code="IK-13", order=13,
                                         name="Nilai SAKIP Dinas Koperasi dan UKM", unit="nilai", division=secretariat)
    Target.objects.create(indicator=indicator, year=2025, kind="agreement", value_number=Decimal(67))
    return indicator


class SecretariatAnnualTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.secretariat = Unit.objects.get(office=cls.office, kind=Unit.Kind.SECRETARIAT)
        cls.sakip = sakip(cls.office, cls.secretariat)
        cls.division = Unit.objects.filter(office=cls.office, kind=Unit.Kind.DIVISION).order_by("pk").first()
        # A Bidang's count measured by the quarters against its annual target (no quarter targets).
        cls.count = Indicator.objects.create(office=cls.office, objective=cls.sakip.objective, code="IK-04", order=4,
                                             name="Jumlah koperasi yang melaksanakan RAT", unit="unit",
                                             division=cls.division, quarter_aggregation="sum")
        Target.objects.create(indicator=cls.count, year=2025, kind="agreement", value_number=Decimal(750))
        Actual.objects.create(indicator=cls.count, year=2025, quarter=1, value_number=Decimal(100), status="submitted")

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("id"))

    def test_the_dashboard_filter_offers_the_secretariat_and_shows_its_indicator(self) -> None:
        self.client.force_login(self.subsection_head)
        response = self.client.get("/data/dashboard/", {"year": 2025, "quarter": 3})
        self.assertIn(self.secretariat, response.context["divisions"])
        response = self.client.get("/data/dashboard/", {"year": 2025, "division": self.secretariat.pk})
        self.assertEqual([i.code for i in response.context["report"].indicators], ["IK-13"])

    def test_a_quarter_does_not_call_the_annual_indicator_s_realisasi_missing(self) -> None:
        rows = {i.code: i for i in build_report(self.office, 2025, 3, approvals=False).indicators}
        self.assertTrue(rows["IK-13"].annual_only)
        self.assertEqual(rows["IK-13"].note, ANNUAL_ONLY_NOTE)
        self.assertIsNone(rows["IK-13"].predicate)
        self.assertFalse(rows["IK-04"].annual_only)  # measured by the quarters: Q1 given, against the year
        self.assertEqual([code for code, _name in charts.indicator_key(build_report(self.office, 2025, 3))], ["IK-04"])
        year = {i.code: i for i in build_report(self.office, 2025, approvals=False).indicators}
        self.assertEqual((year["IK-13"].annual_only, year["IK-13"].note), (False, "Belum ada realisasi"))
        self.assertEqual([code for code, _name in charts.indicator_key(build_report(self.office, 2025))],
                         ["IK-04", "IK-13"])
        self.client.force_login(self.subsection_head)
        response = self.client.get("/data/dashboard/", {"year": 2025, "quarter": 3})
        self.assertContains(response, ANNUAL_ONLY_NOTE)
        self.assertNotContains(response, "Belum ada realisasi")

    def test_the_check_page_does_not_count_the_annual_indicator_in_a_quarter(self) -> None:
        self.client.force_login(self.subsection_head)
        # Triwulan I: IK-04 has its submitted figure, IK-13 is measured by the year.
        self.assertEqual(len(self.client.get("/data/check/", {"year": 2025, "quarter": 1}).context["missing"]), 0)
        # Triwulan II: IK-04 lacks its figure; IK-13 still is not counted.
        self.assertEqual(len(self.client.get("/data/check/", {"year": 2025, "quarter": 2}).context["missing"]), 1)
        # The year: both lack a realisasi of the year.
        self.assertEqual(len(self.client.get("/data/check/", {"year": 2025, "quarter": 0}).context["missing"]), 2)

    def test_the_sekretaris_enters_the_secretariat_s_figure(self) -> None:
        self.client.force_login(self.secretary)
        response = self.client.get("/data/input/", {"year": 2025, "quarter": 0})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Nilai SAKIP Dinas Koperasi dan UKM")


class SecretariatRequestTestCase(WorkflowTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.secretariat = Unit.objects.get(office=cls.office, kind=Unit.Kind.SECRETARIAT)
        cls.sakip = sakip(cls.office, cls.secretariat)

    def test_the_request_form_asks_the_secretariat_and_the_sekretaris_answers_with_its_figure(self) -> None:
        offered = list(RequestsForm(office=self.office).fields["divisions"].queryset)
        self.assertEqual(offered, [*self.divisions, self.secretariat])  # the Bidang, then the Sekretariat
        case = self.start_case(period="Tahun 2025")
        step3 = self.run_to_step(case, 3)
        [request] = actions.send_division_requests(step3.pk, user=self.staff, divisions=[self.secretariat],
                                                   what="Nilai SAKIP 2025", due_at=at(27, 12), at=at(24, 9))
        perf_requests.answer_with_actuals(request.pk, user=self.secretary, note="Nilai SAKIP", entries=[
            perf_requests.ActualEntry(self.sakip.pk, "66,52")])
        self.assertIsNotNone(DivisionRequest.objects.get(pk=request.pk).answered_at)
        actual = Actual.objects.get(indicator=self.sakip, year=2025, quarter=None, is_current=True)
        self.assertEqual((actual.value_number, actual.status), (Decimal("66.52"), Actual.Status.SUBMITTED))
