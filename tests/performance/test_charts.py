"""The charts are server-side SVG without JavaScript, deterministic, and show predicates as colour; a
long sasaran or indicator name is never cut: the chart names it by number or code, its key in full."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from decimal import Decimal

from django.test import SimpleTestCase

from kinerja.performance import charts
from kinerja.performance.renderers import pdf
from kinerja.performance.renderers.common import PREDICATE_COLOUR
from kinerja.performance.report import ReportData

from .test_report_render import pdf_text, sample_report

LONG = ("Meningkatnya kualitas kelembagaan, tata kelola dan daya saing koperasi serta usaha mikro, kecil dan "
        "menengah yang berbasis ekonomi kerakyatan di seluruh wilayah Kota Bandar Lampung")


def long_names() -> ReportData:
    report = sample_report()
    report.objectives[0].name = LONG
    for n, row in enumerate(report.objectives[0].indicators, start=1):
        row.name = f"{LONG} (indikator {n})"
    return report


def texts(svg: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]


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

    def test_a_chart_without_values_says_so_in_indonesian(self) -> None:
        empty = replace(sample_report(), objectives=[])
        for name, svg in {"objectives": charts.achievement_by_objective(empty),
                          "indicators": charts.target_vs_actual(empty), "trend": charts.trend(empty)}.items():
            with self.subTest(name):
                self.assertIn("Belum ada data", texts(svg))
                self.assertNotIn("No data", svg)

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

    def test_a_lower_is_better_indicator_is_marked_on_the_chart_and_in_its_key(self) -> None:
        # IK-02 (koperasi bermasalah) is lower-is-better: its bar beside the target reads the other way.
        labels = texts(self.svgs["indicators"])
        self.assertIn("IK-02 ↓", labels)
        self.assertIn("IK-01", labels)
        key = dict(charts.indicator_key(self.report))
        self.assertEqual(key["IK-02 ↓"], "Jumlah koperasi bermasalah (polaritas negatif: semakin kecil realisasi, "
                                         "semakin baik)")
        self.assertEqual(key["IK-01"], "Persentase koperasi aktif")

    def test_it_plots_the_years_of_the_trend(self) -> None:
        for year in ("2023", "2024", "2025"):
            self.assertIn(f">{year}<", self.svgs["trend"])

    def test_it_makes_a_data_uri(self) -> None:
        uri = charts.data_uri("<svg/>")
        self.assertEqual(base64.b64decode(uri.removeprefix("data:image/svg+xml;base64,")), b"<svg/>")


class PrintChartsTestCase(SimpleTestCase):
    def with_objectives(self, count: int) -> ReportData:
        report = sample_report()
        first = report.objectives[0]
        report.objectives = [replace(first, number=k, name=f"Sasaran nomor {k}") for k in range(1, count + 1)]
        return report

    def test_a_few_sasaran_are_one_chart_and_many_several_of_about_equal_size(self) -> None:
        for count, sizes in ((1, [1]), (6, [6]), (7, [4, 3]), (8, [4, 4]), (13, [5, 5, 3]), (20, [5, 5, 5, 5])):
            with self.subTest(count):
                printed = charts.print_charts(self.with_objectives(count))
                self.assertEqual([len(key) for _svg, key in printed], sizes)
                labels = [label for _svg, key in printed for label, _name in key]
                self.assertEqual(labels, [f"S{k}" for k in range(1, count + 1)])
                for svg, key in printed:
                    drawn = set(texts(svg))
                    self.assertTrue({label for label, _name in key} <= drawn)
                    self.assertFalse({label for label in labels if (label, f"Sasaran nomor {label[1:]}") not in key}
                                     & drawn)

    def test_the_charts_share_one_axis_and_name_their_sasaran_in_the_title(self) -> None:
        report = self.with_objectives(8)
        report.objectives[7].achievement = Decimal("180")
        (first, _key), (second, _key2) = charts.print_charts(report)
        self.assertIn("Capaian per Sasaran (%) – S1 s.d. S4", texts(first))
        self.assertIn("Capaian per Sasaran (%) – S5 s.d. S8", texts(second))
        self.assertIn("200", texts(first))  # S8's 180% sets the axis of S1 to S4 too (to 200)
        self.assertEqual(ET.fromstring(first).get("viewBox", "").split()[2], str(charts.PRINT_WIDTH))


class LongNamesTestCase(SimpleTestCase):
    def setUp(self) -> None:
        self.report = long_names()

    def test_the_charts_name_objectives_and_indicators_by_number_and_code_never_cut(self) -> None:
        objectives = texts(charts.achievement_by_objective(self.report))
        self.assertTrue({"S1", "S2", "S3"} <= set(objectives), objectives)
        self.assertTrue({"IK-01", "IK-02 ↓", "IK-03"} <= set(texts(charts.target_vs_actual(self.report))))
        self.assertTrue({"S1", "S2", "S3"} <= set(texts(charts.trend(self.report))))
        for svg in (charts.achievement_by_objective(self.report), charts.target_vs_actual(self.report),
                    charts.trend(self.report)):
            self.assertNotIn("…", svg)
            self.assertNotIn("Meningkatnya kualitas kelembagaan", svg)

    def test_the_keys_give_the_names_whole(self) -> None:
        self.assertEqual(charts.objective_key(self.report)[0], ("S1", LONG))
        self.assertEqual([label for label, _name in charts.objective_key(self.report)], ["S1", "S2", "S3"])
        # Only the indicators the chart draws: a zero or a text target has no bar.
        self.assertEqual(charts.indicator_key(self.report),
                         [("IK-01", f"{LONG} (indikator 1)"),
                          ("IK-02 ↓", f"{LONG} (indikator 2) (polaritas negatif: semakin kecil realisasi, semakin baik)"),
                          ("IK-03", "Jumlah UMKM naik kelas"), ("IK-06", "Nilai SAKIP")])

    def test_the_pdf_prints_the_key_under_the_chart(self) -> None:
        text = " ".join(pdf_text(pdf.render(self.report)).split())
        section = text.split("II. Grafik Capaian per Sasaran", 1)[1].split("III. Perbandingan", 1)[0]
        self.assertIn(f"S1 {LONG}", section)
        self.assertIn("S2 Meningkatnya daya saing UMKM", section)
        self.assertNotIn("…", section)
        self.assertEqual(re.findall(r"\bS\d\b", section.split("S1 " + LONG)[1])[:2], ["S2", "S3"])


class ManyObjectivesTestCase(SimpleTestCase):
    """An RSUD with twelve sasaran: each has a colour of its own on the trend, none of them black."""

    def test_each_objective_has_its_own_colour_on_the_trend(self) -> None:
        base = sample_report()
        objectives = [replace(base.objectives[k % len(base.objectives)], number=k + 1, code=f"S{k + 1}")
                      for k in range(12)]
        svg = charts.trend(replace(base, objectives=objectives))
        colours = dict(re.findall(r"\.color-(\d+)[^{]*\{stroke:(#[0-9a-fA-F]{6})", svg))
        self.assertEqual(len(colours), 12, colours)
        self.assertEqual(len(set(colours.values())), 12, colours)
        for colour in colours.values():
            red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
            self.assertGreater(max(red, green, blue), 0x60, colour)  # not drawn black or nearly
