"""The SOP flowchart SVG: five symbols, one arrow per flow line, legible from 3 to 30 steps and 2 to 8 actors."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from decimal import Decimal

from kinerja.org.models import Office
from kinerja.sop.models import Actor, Sop, SopVersion, Step
from kinerja.sop.renderers import flowchart
from kinerja.sop.renderers.measure import text_width
from tests.base import KinerjaTestCase

SVG = "{http://www.w3.org/2000/svg}"
ACTOR_NAMES = ["Sekretaris", "Kasubbag", "JFU", "Kadis", "Bendahara", "Kabid UMKM", "Pengelola Data Bidang",
               "Operator"]


def make_version(office: Office, steps: int, actors: int, *, returns: dict[int, list[int]] | None = None,
                 name: str = "Contoh SOP Uji", number: str = "800/01/SOP/2025") -> SopVersion:
    """An SOP of `steps` steps over `actors` actor columns, with returns {from step: [to steps]} (numbers)."""
    sop = Sop.objects.create(office=office, name=name, number=number)
    version = SopVersion.objects.create(
        sop=sop, version=1, status=SopVersion.Status.IN_FORCE, name=name, number=number,
        approved_by="KEPALA DINAS KOPERASI DAN UKM", approved_by_name="Contoh Kadis Demo",
        approved_by_nip="197504272000032001",
        header={"government": "PEMERINTAH KOTA BANDAR LAMPUNG", "unit": ["DINAS KOPERASI DAN UKM"],
                "legal_basis": ["Peraturan contoh Nomor 1 Tahun 2020"], "qualifications": ["Teliti"],
                "related_sops": [], "equipment": ["Komputer", "ATK"], "warning": ["Data terlambat"],
                "records": ["Notulensi"]})
    columns = [Actor.objects.create(version=version, name=ACTOR_NAMES[k], order=k + 1) for k in range(actors)]
    made: dict[int, Step] = {}
    for n in range(1, steps + 1):
        # Visit every column, not just round-robin, so flows run both left and right.
        actor = columns[(n * 3 + n // actors) % actors]
        made[n] = Step.objects.create(
            version=version, number=n, actor=actor, activity=f"Menerima, memeriksa dan meneruskan berkas langkah {n}",
            inputs="lembar disposisi", duration_value=Decimal(n % 5 + 1), duration_unit=Step.Unit.DAY if n % 2 else
            Step.Unit.MINUTE, output=f"Berkas {n}")
    for source, targets in (returns or {}).items():
        made[source].returns_to.set([made[t] for t in targets])
    return version


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def symbols(root: ET.Element, kind: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if kind in g.get("class", "").split()]


def arrows(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if "flow" in g.get("class", "").split()]


def expected_edges(steps: int, returns: dict[int, list[int]]) -> set[str]:
    found = {"start-1", f"{steps}-end"} | {f"{n}-{n + 1}" for n in range(1, steps)}
    return found | {f"{a}-{b}" for a, targets in returns.items() for b in targets}


class FlowchartTestCase(KinerjaTestCase):
    def assert_legible(self, root: ET.Element) -> None:
        """Every text lies inside the viewBox; every flow line runs horizontally or vertically."""
        _x, _y, width, height = (float(v) for v in root.get("viewBox", "").split())
        for text in root.iter(f"{SVG}text"):
            x, y, size = float(text.get("x", 0)), float(text.get("y", 0)), float(text.get("font-size", 0))
            w = text_width(text.text or "", size)
            left = {"start": x, "middle": x - w / 2, "end": x - w}[text.get("text-anchor", "start")]
            self.assertGreaterEqual(left, 0, text.text)
            self.assertLessEqual(left + w, width, text.text)
            self.assertGreaterEqual(y - size, 0, text.text)
            self.assertLessEqual(y, height, text.text)
        for line in root.iter(f"{SVG}polyline"):
            points = [tuple(float(v) for v in p.split(",")) for p in (line.get("points") or "").split()]
            for (x1, y1), (x2, y2) in itertools.pairwise(points):
                self.assertTrue(abs(x1 - x2) < 0.01 or abs(y1 - y2) < 0.01, line.get("points"))

    def test_it_draws_one_symbol_per_step_and_one_arrow_per_flow_line_for_every_size(self) -> None:
        for steps, actors in [(3, 2), (6, 4), (12, 3), (20, 6), (30, 8)]:
            with self.subTest(steps=steps, actors=actors):
                returns = {steps - 1: [2]} if steps > 3 else {}
                version = make_version(self.office, steps, actors, returns=returns, name=f"SOP {steps}x{actors}")
                root = parse(flowchart.render_svg(version))
                self.assertEqual(len(symbols(root, "process")) + len(symbols(root, "decision")), steps)
                self.assertEqual(len(symbols(root, "decision")), len(returns))
                self.assertEqual(len(symbols(root, "terminator")), 2)
                self.assertEqual(symbols(root, "connector"), [])
                edges = [g.get("data-edge") for g in arrows(root)]
                self.assertEqual(sorted(edges), sorted(expected_edges(steps, returns)))
                self.assert_legible(root)

    def test_it_keeps_a_return_inside_a_single_actor_column(self) -> None:
        version = make_version(self.office, 4, 1, returns={4: [2]})
        root = parse(flowchart.render_svg(version))
        _x, _y, width, _h = (float(v) for v in root.get("viewBox", "").split())
        for line in root.iter(f"{SVG}polyline"):
            xs = [float(p.split(",")[0]) for p in (line.get("points") or "").split()]
            self.assertTrue(all(0 <= x <= width for x in xs), line.get("points"))
        self.assert_legible(root)

    def test_it_labels_the_exits_of_a_decision(self) -> None:
        version = make_version(self.office, 6, 4, returns={4: [3]})
        root = parse(flowchart.render_svg(version))
        labels = [t.text for t in root.iter(f"{SVG}text")]
        self.assertEqual(labels.count("Ya"), 1)
        self.assertEqual(labels.count("Tidak"), 1)
        self.assertEqual([t.text for t in symbols(root, "terminator")[0].iter(f"{SVG}text")], ["Mulai"])
        self.assertEqual([g.get("data-step") for g in symbols(root, "decision")], ["4"])
        self.assertEqual(len([g for g in arrows(root) if "return" in g.get("class", "")]), 1)

    def test_it_joins_pages_with_numbered_off_page_connectors(self) -> None:
        returns = {11: [5], 26: [4], 15: [14]}
        version = make_version(self.office, 30, 8, returns=returns)
        pages = [range(0, 10), range(10, 20), range(20, 30)]
        root = parse(flowchart.render_svg(version, page_rows=pages))
        # Crossing pages: 10→11, 20→21, 11→5 and 26→4; 15→14 stays on its page.
        connectors = [g.get("data-connector") for g in symbols(root, "connector")]
        self.assertEqual(sorted(connectors), ["1", "1", "2", "2", "3", "3", "4", "4"])
        edges = [g.get("data-edge") for g in arrows(root)]
        self.assertEqual(set(edges), expected_edges(30, returns))
        self.assertEqual(len(edges), len(expected_edges(30, returns)) + 4)
        self.assertEqual(len(symbols(root, "process")) + len(symbols(root, "decision")), 30)
        self.assertEqual(len(symbols(root, "terminator")), 2)
        self.assert_legible(root)

    def test_it_draws_each_sheet_page_with_its_own_connectors(self) -> None:
        version = make_version(self.office, 8, 3, returns={7: [2]})
        flow = flowchart.flow_of(version)
        heights = flowchart.default_heights(flow)
        svgs = flowchart.page_svgs(flow, [range(0, 4), range(4, 8)], heights, flowchart.column_width(3), "SOP")
        first, second = parse(svgs[0]), parse(svgs[1])
        self.assertEqual(sorted(g.get("data-connector") for g in symbols(first, "connector")), ["1", "2"])
        self.assertEqual(sorted(g.get("data-connector") for g in symbols(second, "connector")), ["1", "2"])
        self.assertEqual(float(first.get("viewBox", "").split()[3]),
                         sum(heights[:4]) + flowchart.CONNECTOR_BAND)
        self.assert_legible(first)
        self.assert_legible(second)

    def test_it_escapes_the_actor_names(self) -> None:
        version = make_version(self.office, 3, 2)
        version.actors.filter(order=1).update(name='Kasubbag <script>alert("x")</script> & Co')
        svg = flowchart.render_svg(version)
        self.assertNotIn("<script>", svg)
        headings = "".join(t.text or "" for t in parse(svg).iter(f"{SVG}text") if t.get("class") == "heading")
        self.assertIn("<script>", headings)

    def test_it_refuses_pages_that_skip_a_step(self) -> None:
        version = make_version(self.office, 5, 2)
        with self.assertRaises(ValueError):
            flowchart.render_svg(version, page_rows=[range(0, 2), range(3, 5)])

    def test_it_inlines_the_same_svg_through_the_template_tag(self) -> None:
        from django.template import Context, Template

        version = make_version(self.office, 4, 2, returns={3: [1]})
        version.actors.filter(order=1).update(name="Sekretaris <i>&</i>")
        page = Template("{% load sop_render %}<div>{% flowchart version %}</div>").render(Context({"version": version}))
        self.assertIn(flowchart.render_svg(version), page)
        self.assertNotIn("<i>", page)
        self.assertNotIn("<script", page)
