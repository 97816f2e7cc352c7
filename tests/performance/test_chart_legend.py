"""The trend chart's key of sasaran (its legend) lies inside the drawing whatever the number of sasaran and the
width: on a phone six sasaran take two rows of the legend, and the second was drawn below the picture's edge,
so S5 and S6 could not be told apart (pygal reserves the rows as the count divided by the columns, rounded down)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

from django.test import SimpleTestCase

from kinerja.performance import charts
from kinerja.performance.report import ObjectiveRow

from .test_report_render import sample_report

SVG = "{http://www.w3.org/2000/svg}"


def legend_bottoms(svg: str) -> tuple[float, list[float]]:
    """The drawing's height and the bottom of each legend box, in the drawing's coordinates."""
    root = ET.fromstring(svg)
    height = float(root.get("viewBox", "0 0 0 0").split()[3])
    bottoms = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "legends":
            dy = float(re.search(r"translate\(([-\d.]+),\s*([-\d.]+)\)", group.get("transform", "")).group(2))
            bottoms += [dy + float(r.get("y")) + float(r.get("height")) for r in group.iter(f"{SVG}rect")]
    return height, bottoms


class TrendLegendTestCase(SimpleTestCase):
    def test_every_sasaran_of_the_legend_is_inside_the_chart(self) -> None:
        base = sample_report()
        for count in range(1, 13):
            objectives = [replace(base.objectives[k % 3], number=k + 1, name=f"Sasaran {k + 1}")
                          for k in range(count)]
            report = replace(base, objectives=[ObjectiveRow(o.number, o.name, o.indicators, o.achievement,
                                                            o.predicate) for o in objectives])
            for width in (charts.PHONE_WIDTH, 800):
                with self.subTest(sasaran=count, width=width):
                    height, bottoms = legend_bottoms(charts.trend(report, width=width))
                    self.assertEqual(len(bottoms), count)
                    self.assertLessEqual(max(bottoms), height)
