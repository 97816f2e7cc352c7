"""generate_city(): the city's offices with every kind of indicator, evidence records, idempotent."""

from __future__ import annotations

from django.test import TestCase

from kinerja.performance.city import CODE_PREFIX, CitySize, generate_city
from kinerja.performance.models import Activity, Actual, Evidence, Indicator, Program, Target
from kinerja.performance.report import build_report, build_reports

SMALL = CitySize(offices=3, objectives=2, indicators_per_objective=4, years=3, programs=2, activities_per_program=2)


class CityTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.offices = generate_city(2025, SMALL)

    def test_it_makes_demo_offices_of_the_requested_size(self) -> None:
        self.assertEqual([o.code for o in self.offices], [f"{CODE_PREFIX}0{n}" for n in (1, 2, 3)])
        self.assertTrue(all(o.is_demo for o in self.offices))
        self.assertEqual(Indicator.objects.count(), 3 * 8)
        # 7 numeric indicators × 3 years × 4 quarters + 1 text indicator × 3 annual values, per office.
        self.assertEqual(Actual.objects.count(), 3 * (7 * 3 * 4 + 3))
        self.assertEqual(Evidence.objects.count(), Actual.objects.count())
        self.assertEqual(Target.objects.filter(kind="agreement").count(), 3 * 8 * 3)
        self.assertEqual(Program.objects.count(), 3 * 3 * 2)
        self.assertEqual(Activity.objects.count(), 3 * 3 * 2 * 2)

    def test_it_writes_evidence_records_with_their_sha256(self) -> None:
        evidence = Evidence.objects.select_related("actual").first()
        assert evidence is not None
        self.assertEqual(len(evidence.sha256), 64)
        self.assertIn(evidence.sha256, evidence.file.name)
        self.assertGreater(evidence.size, 0)

    def test_it_is_idempotent(self) -> None:
        again = generate_city(2025, SMALL)
        self.assertEqual([o.pk for o in again], [o.pk for o in self.offices])
        self.assertEqual(Indicator.objects.count(), 3 * 8)

    def test_its_reports_have_both_polarities_a_zero_and_a_text_target(self) -> None:
        report = build_report(self.offices[0], 2025)
        self.assertEqual(len(report.indicators), 8)
        self.assertEqual(report.history_years, [2023, 2024])
        self.assertTrue(any(i.negative for i in report.indicators))
        self.assertTrue(any(i.is_text and i.met is not None for i in report.indicators))
        zero = next(i for i in report.indicators if i.target == 0)
        self.assertIn(zero.achievement, (0, 100))  # a zero target is met or not
        self.assertTrue(all(i.achievement is not None for i in report.indicators if not i.is_text and i.target))
        self.assertTrue(all(b.absorption is not None for b in report.budget))
        self.assertEqual([a.position for a in report.initials], ["Kepala Subbagian Program dan Keuangan", "Sekretaris"])

    def test_the_city_report_needs_no_more_queries_for_more_offices(self) -> None:
        # objectives, indicators, targets, actuals, evidence, programs, activities, program objectives, settings
        with self.assertNumQueries(9):
            reports = build_reports(self.offices, 2025, approvals=False)
        self.assertEqual(len(reports), 3)
