"""BPMN 2.0 export of an SOP version, so that modelling tools and other engines can read our SOPs.

No Python library writes BPMN (SpiffWorkflow only reads it, and is a test-only dependency here), and
the mapping is small: one process, a lane per actor column, a userTask per step with its service
standard in the documentation, an exclusive gateway "Sesuai?" after every step that sends work back,
and the diagram interchange (BPMN DI) so that a modeller shows the lanes as the SOP sheet does.

Each gateway's flows carry conditions on a process variable `approved_<step>` (True: forward, False:
back to the return target; with several targets also `return_to_<step>` names the step number), so
an engine such as SpiffWorkflow can run the exported process as it stands. A decision whose "Tidak"
ends the procedure (Step.ends_if_not) has its own end event "Selesai" on the gateway's "Tidak" (drawn
above the gateway); beside returns, the variable `end_<step>` tells that "Tidak" from "Belum sesuai".
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..importers.values import list_items
from .sheet import duration_text

if TYPE_CHECKING:
    from kinerja.sop.models import Actor, SopVersion, Step

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
TARGET_NAMESPACE = "https://kinerja.invalid/sop"

# Diagram geometry in pixels, as BPMN modellers draw: lanes are horizontal bands, steps left to right.
LANE_H = 120
POOL_LABEL_W = 30
SLOT_W = 150
TASK_W, TASK_H = 110, 80
GATEWAY = 50
EVENT = 36
SMALL_EVENT = 30  # fits above a gateway in its lane: (LANE_H - GATEWAY) / 2 = 35

for prefix, uri in (("bpmn", BPMN), ("bpmndi", BPMNDI), ("dc", DC), ("di", DI), ("xsi", XSI)):
    ET.register_namespace(prefix, uri)


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


@dataclass
class _Node:
    id: str
    kind: str  # startEvent, userTask, exclusiveGateway, endEvent
    name: str
    lane: int
    slot: int
    above: bool = False  # an end event of a gateway's "Tidak", in the lane's top margin above its gateway

    @property
    def size(self) -> tuple[int, int]:
        if self.above:
            return SMALL_EVENT, SMALL_EVENT
        return {"userTask": (TASK_W, TASK_H), "exclusiveGateway": (GATEWAY, GATEWAY)}.get(self.kind, (EVENT, EVENT))

    def bounds(self) -> tuple[int, int, int, int]:
        w, h = self.size
        cx = POOL_LABEL_W + SLOT_W // 2 + self.slot * SLOT_W
        cy = self.lane * LANE_H + (2 + h // 2 if self.above else LANE_H // 2)
        return cx - w // 2, cy - h // 2, w, h


@dataclass
class _Flow:
    id: str
    source: _Node
    target: _Node
    name: str = ""
    condition: str = ""
    level: int = 0  # for a return: which of the lines along the bottom of its lane it takes


def process_id(version: SopVersion) -> str:
    """The id of the exported process: an XML name that stays the same for the same version."""
    return f"SOP_{version.sop_id}_v{version.version}"


def render_bpmn(version: SopVersion) -> str:
    actors = list(version.actors.order_by("order"))
    lane_of = {a.pk: i for i, a in enumerate(actors)}
    steps = list(version.steps.order_by("number").select_related("branch_to").prefetch_related("returns_to"))
    nodes: list[_Node] = []
    flows: list[_Flow] = []
    task_of: dict[int, _Node] = {}

    def flow(source: _Node, target: _Node, name: str = "", condition: str = "") -> None:
        flows.append(_Flow(f"Flow_{len(flows) + 1}", source, target, name, condition))

    def connect(source: _Node, target: _Node) -> None:
        """The forward flow; out of a gateway it is the "Ya" branch."""
        if source.kind == "exclusiveGateway":
            flow(source, target, "Ya", f"approved_{source.id.removeprefix('Gateway_')}")
        else:
            flow(source, target)

    slot = 0
    previous = _Node("StartEvent", "startEvent", "Mulai", lane_of[steps[0].actor_id] if steps else 0, slot)
    nodes.append(previous)
    gateways: list[tuple[_Node, int, list[int], int | None, bool]] = []
    for step in steps:
        slot += 1
        task = _Node(f"Step_{step.number}", "userTask", step.activity, lane_of[step.actor_id], slot)
        nodes.append(task)
        task_of[step.number] = task
        connect(previous, task)
        previous = task
        targets = sorted(r.number for r in step.returns_to.all())
        # A "Tidak" that goes on to a later step ("Tidak: lanjut ke langkah 7") skips the steps between.
        branch = step.branch_to.number if step.branch_to is not None else None
        if targets or branch or step.ends_if_not:
            slot += 1
            gateway = _Node(f"Gateway_{step.number}", "exclusiveGateway", "Sesuai?" if targets else "Ya?", task.lane,
                            slot)
            nodes.append(gateway)
            flow(task, gateway)
            gateways.append((gateway, step.number, targets, branch, step.ends_if_not))
            previous = gateway
    end = _Node("EndEvent", "endEvent", "Selesai", previous.lane, slot + 1)
    nodes.append(end)
    connect(previous, end)
    for gateway, number, targets, branch, ends in gateways:
        for target in targets:
            condition = f"not approved_{number}"
            if len(targets) > 1:
                condition += f" and return_to_{number} == {target}"
            if branch:
                condition += f" and not branch_{number}"
            if ends:
                condition += f" and not end_{number}"
            flow(gateway, task_of[target], "Tidak", condition)
            flows[-1].level = sum(1 for f in flows[:-1] if f.name == "Tidak" and f.source.lane == gateway.lane)
        if branch:
            # Alone it is the gateway's "not approved"; beside returns, its own variable tells them apart.
            flow(gateway, task_of[branch], "Tidak", f"branch_{number}" if targets else f"not approved_{number}")
            flows[-1].level = sum(1 for f in flows[:-1] if f.name == "Tidak" and f.source.lane == gateway.lane)
        if ends:
            stop = _Node(f"EndEvent_{number}", "endEvent", "Selesai", gateway.lane, gateway.slot, above=True)
            nodes.append(stop)
            flow(gateway, stop, "Tidak", f"end_{number}" if targets else f"not approved_{number}")
    return _document(version, actors, nodes, flows, steps)


def _documentation(step: Step) -> str:
    parts = [f"Waktu: {duration_text(step.duration_value, step.duration_unit)}"]
    for label, text in (("Kelengkapan", step.inputs), ("Output", step.output)):
        found = list_items(text)
        if len(found) > 1:  # a list: an item a line under its label
            parts.append(f"{label}:" + "".join(f"\n• {item}" for item in found))
        elif text:
            parts.append(f"{label}: {text}")
    if step.note:
        parts.append(f"Ket.: {step.note}")
    return "\n".join(parts)


def _document(version: SopVersion, actors: list[Actor], nodes: list[_Node], flows: list[_Flow],
              steps: list[Step]) -> str:
    pid = process_id(version)
    root = ET.Element(_q(BPMN, "definitions"), {
        "id": f"Definitions_{pid}", "targetNamespace": TARGET_NAMESPACE, "exporter": "kinerja",
        "exporterVersion": "1"})
    collaboration = ET.SubElement(root, _q(BPMN, "collaboration"), {"id": f"Collaboration_{pid}"})
    ET.SubElement(collaboration, _q(BPMN, "participant"), {
        "id": f"Participant_{pid}", "name": f"{version.number} {version.name}".strip(), "processRef": pid})
    process = ET.SubElement(root, _q(BPMN, "process"), {"id": pid, "name": version.name, "isExecutable": "true"})
    lane_set = ET.SubElement(process, _q(BPMN, "laneSet"), {"id": f"LaneSet_{pid}"})
    for k, actor in enumerate(actors):
        lane = ET.SubElement(lane_set, _q(BPMN, "lane"), {"id": f"Lane_{k + 1}", "name": actor.name})
        for node in nodes:
            if node.lane == k:
                ET.SubElement(lane, _q(BPMN, "flowNodeRef")).text = node.id
    step_of = {f"Step_{s.number}": s for s in steps}
    for node in nodes:
        element = ET.SubElement(process, _q(BPMN, node.kind), {"id": node.id, "name": node.name})
        if node.id in step_of:
            ET.SubElement(element, _q(BPMN, "documentation")).text = _documentation(step_of[node.id])
        for f in flows:
            if f.target is node:
                ET.SubElement(element, _q(BPMN, "incoming")).text = f.id
        for f in flows:
            if f.source is node:
                ET.SubElement(element, _q(BPMN, "outgoing")).text = f.id
    for f in flows:
        attrs = {"id": f.id, "sourceRef": f.source.id, "targetRef": f.target.id}
        if f.name:
            attrs["name"] = f.name
        element = ET.SubElement(process, _q(BPMN, "sequenceFlow"), attrs)
        if f.condition:
            ET.SubElement(element, _q(BPMN, "conditionExpression"),
                          {_q(XSI, "type"): "bpmn:tFormalExpression"}).text = f.condition
    _diagram(root, pid, actors, nodes, flows)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _bounds(parent: ET.Element, x: int, y: int, w: int, h: int) -> None:
    ET.SubElement(parent, _q(DC, "Bounds"), {"x": str(x), "y": str(y), "width": str(w), "height": str(h)})


def _diagram(root: ET.Element, pid: str, actors: list[Actor], nodes: list[_Node], flows: list[_Flow]) -> None:
    diagram = ET.SubElement(root, _q(BPMNDI, "BPMNDiagram"), {"id": f"Diagram_{pid}"})
    plane = ET.SubElement(diagram, _q(BPMNDI, "BPMNPlane"), {"id": f"Plane_{pid}",
                                                             "bpmnElement": f"Collaboration_{pid}"})
    width = POOL_LABEL_W + SLOT_W * (max(n.slot for n in nodes) + 1)
    pool = ET.SubElement(plane, _q(BPMNDI, "BPMNShape"), {"id": f"Participant_{pid}_di",
                                                          "bpmnElement": f"Participant_{pid}", "isHorizontal": "true"})
    _bounds(pool, 0, 0, width, LANE_H * max(len(actors), 1))
    for k in range(len(actors)):
        lane = ET.SubElement(plane, _q(BPMNDI, "BPMNShape"), {"id": f"Lane_{k + 1}_di", "bpmnElement": f"Lane_{k + 1}",
                                                              "isHorizontal": "true"})
        _bounds(lane, POOL_LABEL_W, k * LANE_H, width - POOL_LABEL_W, LANE_H)
    for node in nodes:
        shape = ET.SubElement(plane, _q(BPMNDI, "BPMNShape"), {"id": f"{node.id}_di", "bpmnElement": node.id})
        _bounds(shape, *node.bounds())
    for f in flows:
        edge = ET.SubElement(plane, _q(BPMNDI, "BPMNEdge"), {"id": f"{f.id}_di", "bpmnElement": f.id})
        for x, y in _waypoints(f):
            ET.SubElement(edge, _q(DI, "waypoint"), {"x": str(x), "y": str(y)})


def _waypoints(f: _Flow) -> list[tuple[int, int]]:
    sx, sy, sw, sh = f.source.bounds()
    tx, ty, tw, th = f.target.bounds()
    if f.target.above:  # straight up from the gateway into its own end event
        return [(sx + sw // 2, sy), (tx + tw // 2, ty + th)]
    if f.target.slot > f.source.slot:
        start, end = (sx + sw, sy + sh // 2), (tx, ty + th // 2)
        if start[1] == end[1]:
            return [start, end]
        mid = (start[0] + end[0]) // 2
        return [start, (mid, start[1]), (mid, end[1]), end]
    # A return runs back along the bottom of the gateway's lane, under its shapes, and turns into the
    # target at the target's column, where no other shape stands (one shape per column).
    level = (f.source.lane + 1) * LANE_H - 8 - 6 * f.level
    start = (sx + sw // 2, sy + sh)
    end = (tx + tw // 2, ty + th if f.target.lane <= f.source.lane else ty)
    return [start, (start[0], level), (end[0], level), end]
