"""The charts' axes at any range (nice_ticks: 1-2-5 steps, at most 8 ticks) and the charts drawn for a
phone (narrow, the title wrapped rather than cut)."""

from __future__ import annotations

import math
import random
from decimal import Decimal

from django.test import SimpleTestCase

from kinerja.performance import charts

from .test_charts import texts
from .test_report_render import sample_report


def steps(ticks: list[float]) -> set[float]:
    return {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}


class NiceTicksTestCase(SimpleTestCase):
    def test_examples(self) -> None:
        self.assertEqual(charts.nice_ticks(0, 120), [0, 20, 40, 60, 80, 100, 120])
        self.assertEqual(charts.nice_ticks(0, 740), [0, 200, 400, 600, 800])
        self.assertEqual(charts.nice_ticks(0, 3), [0, 0.5, 1, 1.5, 2, 2.5, 3])
        self.assertEqual(charts.nice_ticks(75, 105), [75, 80, 85, 90, 95, 100, 105])

    def test_any_range_gets_few_evenly_spaced_ticks_of_1_2_5_steps_around_it(self) -> None:
        rng = random.Random(53)
        for _ in range(500):
            low = rng.choice([0.0, rng.uniform(-500, 500)])
            high = low + 10 ** rng.uniform(-2, 9)
            ticks = charts.nice_ticks(low, high)
            with self.subTest(low=low, high=high):
                self.assertLessEqual(len(ticks), charts.MAX_TICKS)
                self.assertLessEqual(ticks[0], low)
                self.assertGreaterEqual(ticks[-1], high - 1e-9 * abs(high))
                (step,) = {round(s, 6 - int(math.floor(math.log10(s)))) for s in steps(ticks)}
                mantissa = step / 10 ** math.floor(math.log10(step))
                self.assertIn(round(mantissa, 6), (1, 2, 5))


class LargeAchievementTestCase(SimpleTestCase):
    def test_an_achievement_of_738_percent_gets_a_readable_axis(self) -> None:
        report = sample_report()
        report.objectives[0].achievement = Decimal("737.89")
        labels = [t for t in texts(charts.achievement_by_objective(report)) if t.isdigit()]
        self.assertEqual(labels, ["0", "200", "400", "600", "800"])


class PhoneChartsTestCase(SimpleTestCase):
    def test_the_dashboard_draws_each_chart_for_a_phone_too(self) -> None:
        found = charts.dashboard_charts(sample_report())
        self.assertEqual(set(found), {"objectives", "objectives_phone", "indicators", "indicators_phone", "trend",
                                      "trend_phone"})

    def test_a_phone_chart_wraps_its_title(self) -> None:
        svg = charts.target_vs_actual(sample_report(), width=charts.PHONE_WIDTH)
        self.assertIn(f'width="{charts.PHONE_WIDTH}"', svg)
        lines = [t for t in texts(svg) if t.strip() and any(w in t for w in ("Target dan", "Indikator (target"))]
        self.assertGreaterEqual(len(lines), 2, lines)
        self.assertEqual(" ".join(lines), "Target dan Realisasi per Indikator (target = 100)")
