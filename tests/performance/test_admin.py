"""The admin pages an administrator uses for budgets, and actuals read-only."""

from __future__ import annotations

from decimal import Decimal

from kinerja.performance.models import Program
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
