"""BPMN 2.0 export: valid against the BPMN 2.0 schema SpiffWorkflow ships, and runnable in SpiffWorkflow to its end."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from SpiffWorkflow.bpmn.parser import BpmnParser, BpmnValidator
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from kinerja.sop.models import SopVersion
from kinerja.sop.renderers.bpmn import BPMN, BPMNDI, DC, DI, process_id, render_bpmn
from tests.base import KinerjaTestCase
from tests.sop.test_render_flowchart import make_version

NS = {"bpmn": BPMN}


def run(version: SopVersion, decisions: dict[int, list[bool]]) -> list[tuple[str, str]]:
    """Parse the export (schema-validated), run it to its end and return the (step, lane) of every task done.

    `decisions[n]` lists the answers of step n's "Sesuai?" gateway, one per visit (missing: True)."""
    parser = BpmnParser(validator=BpmnValidator())
    parser.add_bpmn_str(render_bpmn(version).encode())
    workflow = BpmnWorkflow(parser.get_spec(process_id(version)))
    workflow.do_engine_steps()
    done: list[tuple[str, str]] = []
    answers = {n: list(a) for n, a in decisions.items()}
    while not workflow.is_completed():
        ready = workflow.get_tasks(state=TaskState.READY, manual=True)
        assert len(ready) == 1, ready
        task = ready[0]
        number = int(task.task_spec.bpmn_id.removeprefix("Step_"))
        queue = answers.get(number, [])
        task.data[f"approved_{number}"] = queue.pop(0) if queue else True
        done.append((task.task_spec.bpmn_id, task.task_spec.lane))
        task.run()
        workflow.do_engine_steps()
    return done


class BpmnExportTestCase(KinerjaTestCase):
    def test_it_takes_a_return_and_comes_back_to_the_decision(self) -> None:
        version = make_version(self.office, 6, 3, returns={4: [2], 6: [5]})
        straight = run(version, {})
        self.assertEqual([s for s, _lane in straight], [f"Step_{n}" for n in range(1, 7)])
        returned = run(version, {4: [False, True], 6: [False, False, True]})
        self.assertEqual([s for s, _lane in returned],
                         ["Step_1", "Step_2", "Step_3", "Step_4", "Step_2", "Step_3", "Step_4", "Step_5", "Step_6",
                          "Step_5", "Step_6", "Step_5", "Step_6"])

    def test_it_gives_each_actor_a_lane_and_each_step_its_standard_time(self) -> None:
        version = make_version(self.office, 5, 4, returns={5: [3]})
        root = ET.fromstring(render_bpmn(version))
        lanes = root.findall(".//bpmn:lane", NS)
        self.assertEqual([lane.get("name") for lane in lanes], ["Sekretaris", "Kasubbag", "JFU", "Kadis"])
        tasks = root.findall(".//bpmn:userTask", NS)
        self.assertEqual([t.get("id") for t in tasks], [f"Step_{n}" for n in range(1, 6)])
        self.assertIn("Waktu: 2 hari", tasks[0].findtext("bpmn:documentation", namespaces=NS))
        gateways = root.findall(".//bpmn:exclusiveGateway", NS)
        self.assertEqual([(g.get("id"), g.get("name")) for g in gateways], [("Gateway_5", "Sesuai?")])
        self.assertEqual(len(root.findall(".//bpmn:startEvent", NS)), 1)
        self.assertEqual(len(root.findall(".//bpmn:endEvent", NS)), 1)
        every_node = {e.get("id") for e in root.find(".//bpmn:process", NS) if e.get("id")} - {
            e.get("id") for e in root.findall(".//bpmn:sequenceFlow", NS)} - {f"LaneSet_{process_id(version)}"}
        in_lanes = {ref.text for ref in root.findall(".//bpmn:flowNodeRef", NS)}
        self.assertEqual(in_lanes, every_node)
        # Every node and flow has its shape or edge in the diagram.
        drawn = {e.get("bpmnElement") for e in root.iter() if e.get("bpmnElement")}
        self.assertTrue(every_node | {e.get("id") for e in root.findall(".//bpmn:sequenceFlow", NS)} <= drawn)

    def test_it_draws_each_node_inside_its_lane(self) -> None:
        version = make_version(self.office, 7, 4, returns={6: [2], 7: [5]})
        root = ET.fromstring(render_bpmn(version))

        def bounds(element_id: str) -> tuple[float, float, float, float]:
            shape = next(e for e in root.iter(f"{{{BPMNDI}}}BPMNShape") if e.get("bpmnElement") == element_id)
            b = shape.find(f"{{{DC}}}Bounds")
            assert b is not None
            x, y, w, h = (float(b.get(k, 0)) for k in ("x", "y", "width", "height"))
            return x, y, x + w, y + h

        for lane in root.findall(".//bpmn:lane", NS):
            lx1, ly1, lx2, ly2 = bounds(lane.get("id", ""))
            for ref in lane.findall("bpmn:flowNodeRef", NS):
                x1, y1, x2, y2 = bounds(ref.text or "")
                self.assertTrue(lx1 <= x1 and x2 <= lx2 and ly1 <= y1 and y2 <= ly2, (lane.get("name"), ref.text))
        for edge in root.iter(f"{{{BPMNDI}}}BPMNEdge"):
            self.assertGreaterEqual(len(edge.findall(f"{{{DI}}}waypoint")), 2)

    def test_it_chooses_among_several_return_targets_by_a_variable(self) -> None:
        version = make_version(self.office, 5, 2, returns={5: [1, 3]})
        root = ET.fromstring(render_bpmn(version))
        conditions = sorted(e.text for e in root.findall(".//bpmn:conditionExpression", NS))
        self.assertEqual(conditions, ["approved_5", "not approved_5 and return_to_5 == 1",
                                      "not approved_5 and return_to_5 == 3"])
