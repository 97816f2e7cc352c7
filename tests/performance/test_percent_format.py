"""One spelling of a capaian: the dashboard, the input page, the charts and the printed documents format a
percentage with numbers.format_percent (half up, two places, the Indonesian way in every language)."""

from __future__ import annotations

from decimal import Decimal

from django.test import SimpleTestCase
from django.utils import translation

from kinerja.performance import charts
from kinerja.performance.models import Actual, Indicator, Objective, Target
from kinerja.performance.numbers import format_percent
from kinerja.performance.renderers import pdf
from kinerja.performance.renderers.common import percent
from kinerja.performance.report import build_report
from kinerja.performance.templatetags.perfdata import pct
from tests.base import TODAY, KinerjaTestCase


class FormatPercentTestCase(SimpleTestCase):
    def test_it_rounds_half_up_to_two_places_the_indonesian_way(self) -> None:
        cases = [(Decimal("87.5"), "87,50"), (Decimal("99.995"), "100,00"), (Decimal(100) / Decimal(3), "33,33"),
                 (Decimal("87.125"), "87,13"), (87.125, "87,13"), (Decimal("1250"), "1.250,00"), (None, "–")]
        for value, expected in cases:
            with self.subTest(value):
                self.assertEqual(format_percent(value), expected)

    def test_every_caller_prints_the_same(self) -> None:
        for value in (Decimal("87.5"), Decimal("99.995"), Decimal(100) / Decimal(3), Decimal("87.125")):
            with self.subTest(value), translation.override("en"):
                self.assertEqual(pct(value), format_percent(value))
                self.assertEqual(percent(value), format_percent(value) + "%")
                self.assertEqual(charts._pct(float(value)), format_percent(value) + "%")


class DashboardAndPdfTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        objective = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya koperasi sehat",
                                             plan_start_year=2021, plan_end_year=2026)
        indicator = Indicator.objects.create(office=cls.office, objective=objective, code="IK-01",
                                             name="Persentase koperasi sehat", unit="%")
        Target.objects.create(indicator=indicator, year=2025, kind="agreement", value_number=Decimal(80))
        Actual.objects.create(indicator=indicator, year=2025, value_number=Decimal(70), status="submitted")

    def test_the_dashboard_in_english_reads_as_the_pdf(self) -> None:
        report = build_report(self.office, 2025, made_on=TODAY)
        printed = pdf.context(report, main_only=True)["objectives"][0]["rows"][0]["achievement"]
        self.assertEqual(printed, "87,50%")
        person = self.subsection_head.person
        person.language = "en"  # the page in English, which wrote 87.50 with Django's floatformat
        person.save(update_fields=["language"])
        self.client.force_login(self.subsection_head)
        page = self.client.get("/data/dashboard/", {"year": 2025}).content.decode()
        self.assertIn('<html lang="en"', page)
        self.assertIn("87,50%", page)
        self.assertNotIn("87.50%", page)
