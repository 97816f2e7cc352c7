"""The charts are server-side SVG without JavaScript, deterministic, and show predicates as colour."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

from django.test import SimpleTestCase

from kinerja.performance import charts
from kinerja.performance.renderers.common import PREDICATE_COLOUR

from .test_report_render import sample_report


class ChartsTestCase(SimpleTestCase):
    def setUp(self) -> None:
        self.report = sample_report()
        self.svgs = {"objectives": charts.achievement_by_objective(self.report),
                     "indicators": charts.target_vs_actual(self.report), "trend": charts.trend(self.report)}

    def test_it_draws_svg_without_script(self) -> None:
        for name, svg in self.svgs.items():
            with self.subTest(name):
                ET.fromstring(svg)  # well-formed
                self.assertTrue(svg.startswith("<svg"))
                self.assertNotIn("<script", svg)
                self.assertNotIn("<?xml", svg)
                self.assertNotIn("javascript", svg.lower())

    def test_it_renders_the_same_bytes_for_the_same_report(self) -> None:
        self.assertEqual(charts.achievement_by_objective(sample_report()), self.svgs["objectives"])
        self.assertEqual(charts.trend(sample_report()), self.svgs["trend"])

    def test_it_colours_bars_by_predicate_and_prints_the_value(self) -> None:
        svg = self.svgs["objectives"]
        self.assertIn(PREDICATE_COLOUR["Sangat Tinggi"], svg)
        self.assertIn(PREDICATE_COLOUR["Tinggi"], svg)
        self.assertIn("107,82%", svg)

    def test_it_leaves_text_and_zero_targets_out_of_target_vs_actual(self) -> None:
        svg = self.svgs["indicators"]
        self.assertIn("IK-01", svg)
        self.assertNotIn("IK-04", svg)  # zero target
        self.assertNotIn("IK-05", svg)  # text target

    def test_it_plots_the_years_of_the_trend(self) -> None:
        for year in ("2023", "2024", "2025"):
            self.assertIn(f">{year}<", self.svgs["trend"])

    def test_it_makes_a_data_uri(self) -> None:
        uri = charts.data_uri("<svg/>")
        self.assertEqual(base64.b64decode(uri.removeprefix("data:image/svg+xml;base64,")), b"<svg/>")
