"""The rules the performance models state: one current version, number or text, quarters 1..4."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction

from kinerja.performance.models import Actual, Indicator, Objective, Target
from tests.base import KinerjaTestCase


class PerformanceModelsTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.objective = Objective.objects.create(office=self.office, code="S1", name="Meningkatnya kualitas koperasi",
                                                  plan_start_year=2021, plan_end_year=2026)
        self.indicator = Indicator.objects.create(office=self.office, objective=self.objective, code="IK1",
                                                  name="Persentase koperasi sehat", unit="%")

    def test_it_refuses_a_second_current_version(self) -> None:
        Actual.objects.create(indicator=self.indicator, year=2025, quarter=1, value_number=Decimal("10"))
        with self.assertRaises(IntegrityError), transaction.atomic():
            Actual.objects.create(indicator=self.indicator, year=2025, quarter=1, version=2, correction_reason="x",
                                  value_number=Decimal("11"))

    def test_it_refuses_a_second_current_annual_actual(self) -> None:
        Actual.objects.create(indicator=self.indicator, year=2025, quarter=None, value_text="WTP")
        with self.assertRaises(IntegrityError), transaction.atomic():
            Actual.objects.create(indicator=self.indicator, year=2025, quarter=None, value_text="WDP", version=2,
                                  correction_reason="x")

    def test_it_refuses_a_correction_without_reason(self) -> None:
        with self.assertRaises(IntegrityError), transaction.atomic():
            Actual.objects.create(indicator=self.indicator, year=2025, quarter=2, version=2, is_current=False)

    def test_it_refuses_a_target_with_number_and_text(self) -> None:
        with self.assertRaises(IntegrityError), transaction.atomic():
            Target.objects.create(indicator=self.indicator, year=2025, kind="agreement", value_number=1, value_text="A")

    def test_it_refuses_a_quarter_on_an_annual_target(self) -> None:
        with self.assertRaises(IntegrityError), transaction.atomic():
            Target.objects.create(indicator=self.indicator, year=2025, kind="agreement", quarter=2, value_number=1)

    def test_it_refuses_a_second_agreement_target_for_the_year(self) -> None:
        Target.objects.create(indicator=self.indicator, year=2025, kind="agreement", value_number=1)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Target.objects.create(indicator=self.indicator, year=2025, kind="agreement", value_number=2)
