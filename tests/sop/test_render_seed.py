"""The customer's SOP, imported from its text copy, rendered in every format and run as BPMN."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from weasyprint import HTML

from kinerja.sop import actions
from kinerja.sop.renderers import bpmn, flowchart, sheet
from tests.base import KinerjaTestCase
from tests.sop.test_bpmn_export import run

SEED = Path(__file__).resolve().parents[2] / "src" / "kinerja" / "sop" / "samples" / "sop-pengumpulan-data-kinerja.txt"
SVG = "{http://www.w3.org/2000/svg}"


class SeedRenderingTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.version = actions.import_sop(SEED, office=self.office, user=None)

    def test_it_draws_the_seed_flowchart_over_its_four_actors(self) -> None:
        root = ET.fromstring(flowchart.render_svg(self.version))
        steps = [g.get("data-step") for g in root.iter(f"{SVG}g") if {"process", "decision"} & set(
            g.get("class", "").split())]
        self.assertEqual(steps, ["1", "2", "3", "4", "5", "6"])
        headings = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "heading"]
        self.assertEqual(headings, ["No.", "Sekretaris", "Kasubbag", "JFU", "Kadis"])
        edges = {g.get("data-edge") for g in root.iter(f"{SVG}g") if "flow" in g.get("class", "").split()}
        self.assertEqual(edges, {"start-1", "1-2", "2-3", "3-4", "4-5", "5-6", "6-end"})

    def test_it_prints_the_seed_sheet_on_two_pages(self) -> None:
        html = sheet.render_html(self.version)
        for text in ["PEMERINTAH KOTA BANDAR LAMPUNG", "SEKRETARIAT DINAS KOPERASI DAN UKM", "9 Januari 2023",
                     "1 Februari 2023", "RIANA AFRIANA, AP.MM", "NIP. 19750427 199311 2 001",
                     "PENGUMPULAN DATA KINERJA DINAS KOPERASI DAN UKM KOTA BANDAR LAMPUNG", "Buku Agenda rapat.",
                     "2 menit", "10 menit", "5 hari", "Menerima, memeriksa, menandatangani data kinerja"]:
            self.assertIn(text, html)
        self.assertEqual(len(re.findall(r'<tr class="step"', html)), 6)
        self.assertEqual(len(HTML(string=html).render().pages), 2)

    def test_it_exports_the_seed_as_bpmn_that_runs_through_every_lane(self) -> None:
        lanes = [lane for _step, lane in run(self.version, {})]
        self.assertEqual(lanes, ["Sekretaris", "Kasubbag", "JFU", "Kasubbag", "Sekretaris", "Kadis"])
        self.assertIn("Waktu: 5 hari", bpmn.render_bpmn(self.version))
