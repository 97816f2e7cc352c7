"""Pages over data that came in without a person or a division: an import from the command line
(no user), a file without a Bidang column (no division), a report compiled by `kinerja data report`.
They showed a server error (a template filter's argument cannot be looked up on None)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from openpyxl import Workbook

from kinerja.performance.importer import import_file
from kinerja.performance.models import Actual, Indicator
from kinerja.performance.report import compile_report
from tests.base import KinerjaTestCase


class PagesAfterCliImportTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        book = Workbook()
        book.active.append(["Sasaran", "Indikator", "Satuan", "Target", "Realisasi TW1"])
        book.active.append(["Meningkatnya kualitas koperasi", "Jumlah koperasi aktif", "unit", 450, 410])
        path = Path(tempfile.mkdtemp(prefix="perf-cli-")) / "iku.xlsx"
        book.save(path)
        import_file(path, self.office, 2025)  # as `kinerja data import` does: no user
        self.actual = Actual.objects.get(indicator__office=self.office)
        self.assertIsNone(self.actual.entered_by)
        self.assertIsNone(Indicator.objects.get(office=self.office).division)

    def test_the_kasubbag_checks_and_reads_the_history_of_an_imported_actual(self) -> None:
        self.client.force_login(self.subsection_head)
        check = self.client.get("/data/check/?year=2025&quarter=1")
        self.assertContains(check, "Jumlah koperasi aktif")
        self.assertContains(self.client.get("/data/indicators/"), "Jumlah koperasi aktif")
        history = self.client.get(f"/data/actuals/{self.actual.pk}/history/")
        self.assertContains(history, "Jumlah koperasi aktif")

    def test_the_dashboard_lists_a_version_compiled_from_the_command_line(self) -> None:
        version = compile_report(self.office, 2025, user=None)  # as `kinerja data report` does
        self.client.force_login(self.subsection_head)
        dashboard = self.client.get("/data/dashboard/?year=2025")
        self.assertContains(dashboard, version.sha256[:10])
        self.assertContains(dashboard, "CLI")
