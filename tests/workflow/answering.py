"""A case at step 3 with requests to two divisions, and the first division's indicators of Triwulan I
2025: what the tests of answering a request with actuals start from (the answer page here, the save
function in tests/performance)."""

from __future__ import annotations

from decimal import Decimal

from kinerja.org.models import Unit
from kinerja.performance.models import Indicator, Objective, Target
from kinerja.workflow import actions

from .base import WorkflowTestCase, at


class AnsweringTestCase(WorkflowTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.division = cls.divisions[0]
        cls.objective = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya kualitas koperasi",
                                                 plan_start_year=2021, plan_end_year=2026)
        cls.active = cls.make_indicator("IK-01", "Jumlah koperasi aktif", "unit", Decimal(1700))
        cls.healthy = cls.make_indicator("IK-02", "Persentase koperasi sehat", "%", Decimal(60))

    @classmethod
    def make_indicator(cls, code: str, name: str, unit: str, target: Decimal, division: Unit | None = None) -> Indicator:
        """An indicator of the first division (or `division`) with the same target for 2025 and its first quarter."""
        found = Indicator.objects.create(office=cls.office, objective=cls.objective, code=code, name=name, unit=unit,
                                         order=Indicator.objects.count() + 1, division=division or cls.division)
        Target.objects.create(indicator=found, year=2025, kind="agreement", value_number=target)
        Target.objects.create(indicator=found, year=2025, kind="quarter", quarter=1, value_number=target)
        return found

    def setUp(self) -> None:
        super().setUp()
        self.case = self.start_case()
        step3 = self.run_to_step(self.case, 3)
        self.requests = actions.send_division_requests(step3.pk, user=self.staff, divisions=self.divisions[:2],
                                                       what="Realisasi Triwulan I", due_at=at(27, 12), at=at(24, 9))
        self.request = self.requests[0]
