"""One spelling of a period (models.period_name): "Triwulan IV 2025", "s.d. Triwulan IV 2025" where the
figures are added up from Triwulan I (the report of a quarter), "Tahun 2025"; the input form, the history
page, the report and its evidence annex all spell it so."""

from __future__ import annotations

from django.test import SimpleTestCase

from kinerja.performance.cards import Period
from kinerja.performance.models import period_name, quarter_name
from kinerja.performance.report import ReportData

from .test_report_render import sample_report


class PeriodNameTestCase(SimpleTestCase):
    def test_the_official_spelling(self) -> None:
        self.assertEqual([quarter_name(q) for q in range(1, 5)],
                         ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"])
        self.assertEqual(period_name(2025, 4), "Triwulan IV 2025")
        self.assertEqual(period_name(2025, 2, cumulative=True), "s.d. Triwulan II 2025")
        self.assertEqual(period_name(2025, None), "Tahun 2025")
        self.assertEqual(period_name(2025, None, cumulative=True), "Tahun 2025")

    def test_the_input_form_and_the_report_use_it(self) -> None:
        self.assertEqual(Period(2025, 3).label, "Triwulan III 2025")
        self.assertEqual(Period(2025, 0).label, "Tahun 2025")
        report: ReportData = sample_report()
        report.quarter = 4
        self.assertEqual(report.period, "s.d. Triwulan IV 2025")  # figures added up from Triwulan I
