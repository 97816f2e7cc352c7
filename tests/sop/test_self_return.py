"""A decision that sends work back to itself ("Jika tidak sesuai, kembali ke langkah 4" written on step 4):
the step is done again (a fresh task of the same step, the next round). The engine's return_task opens
the return target's task whatever step it is, so the import keeps such a return like any other."""

from __future__ import annotations

import datetime as dt
import tempfile
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from SpiffWorkflow.bpmn.parser import BpmnParser, BpmnValidator
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from kinerja.sop.forms import StepForm
from kinerja.sop.importers import parse_document
from kinerja.sop.renderers.bpmn import process_id, render_bpmn
from kinerja.sop.renderers.flowchart import render_svg
from kinerja.workflow import actions
from kinerja.workflow.models import Task
from tests.base import KinerjaTestCase
from tests.sop.documents import sop_text

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Sekretaris", "Kasubbag", "JFU", "Kadis"]
STEPS = [
    ("Menerima surat dan meneruskan kepada Kasubbag", "10 menit", "Sekretaris"),
    ("Memberi petunjuk kepada JFU", "10 menit", "Kasubbag"),
    ("Menyusun draft laporan", "1 hari", "JFU"),
    ("Memeriksa draft laporan; jika tidak sesuai, kembali ke langkah 4", "1 hari", "Kasubbag"),
    ("Menandatangani laporan", "1 hari", "Kadis"),
]
MONDAY = dt.datetime(2025, 6, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def _document() -> Path:
    path = Path(tempfile.mkdtemp()) / "laporan.txt"
    path.write_text(sop_text(ACTORS, STEPS, name="SOP PEMERIKSAAN LAPORAN"), encoding="utf-8")
    return path


def test_the_import_keeps_a_return_to_the_same_step() -> None:
    draft = parse_document(_document())
    assert not draft.problems, [str(p) for p in draft.problems]
    assert [s.returns_to for s in draft.steps] == [[], [], [], [4], []]


def test_the_preview_form_accepts_the_same_step_and_refuses_a_later_one() -> None:
    draft = parse_document(_document())
    step = draft.steps[3]
    data = {f"step-4-{k}": v for k, v in {
        "actor": "Kasubbag", "duration_value": "1", "duration_unit": "day", "returns_to": "4", "branch_to": "",
        "inputs": "", "output": "", "note": ""}.items()}
    form = StepForm(data, step=step, actors=draft.actors, labels={}, last=5)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["returns_to"] == [4]
    form = StepForm({**data, "step-4-returns_to": "5"}, step=step, actors=draft.actors, labels={}, last=5)
    assert not form.is_valid()


class SelfReturnTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        call_command("sop", "import", str(_document()), "--office", cls.office.code, stdout=StringIO())
        cls.version = cls.office.sops.get().versions.get()

    def test_returning_opens_the_same_step_again_in_the_next_round(self) -> None:
        self.assertEqual([s.number for s in self.version.steps.get(number=4).returns_to.all()], [4])
        case = actions.start_case(self.version.pk, user=self.secretary, title="Laporan", period="Juni 2025", at=MONDAY)
        task = actions.complete_task(case.first_task.pk, user=self.secretary, at=MONDAY + dt.timedelta(minutes=5))
        task = actions.complete_task(task.next_task.pk, user=self.subsection_head, next_user=self.staff,
                                     at=MONDAY + dt.timedelta(minutes=10))
        task = actions.complete_task(task.next_task.pk, user=self.staff, at=MONDAY + dt.timedelta(hours=1))
        at_4 = task.next_task
        returned = actions.return_task(at_4.pk, user=self.subsection_head, reason="angka belum cocok",
                                       at=MONDAY + dt.timedelta(hours=2))
        again = returned.next_task
        self.assertEqual((again.step.number, again.round, again.status), (4, 2, Task.Status.OPEN))
        self.assertEqual(Task.objects.get(pk=at_4.pk).status, Task.Status.RETURNED)
        done = actions.complete_task(again.pk, user=self.subsection_head, at=MONDAY + dt.timedelta(hours=3))
        self.assertEqual(done.next_task.step.number, 5)
        call_command("audit", "verify", stdout=StringIO())

    def test_the_flowchart_and_the_bpmn_draw_the_loop(self) -> None:
        svg = ET.fromstring(render_svg(self.version))
        loop = next(g for g in svg.iter() if g.get("data-edge") == "4-4")
        points = [tuple(map(float, p.split(","))) for p in loop.find("{*}polyline").get("points").split()]
        symbol = next(g for g in svg.iter() if g.get("data-step") == "4")
        top = min(float(p.split(",")[1]) for p in symbol.find("{*}polygon").get("points").split())
        # Out by the side, up above the symbol and back over its middle: a loop, not a line onto itself.
        self.assertGreater(len({y for _x, y in points}), 1)
        self.assertLess(points[-1][1], top)
        parser = BpmnParser(validator=BpmnValidator())
        parser.add_bpmn_str(render_bpmn(self.version).encode())
        for answers, expected in (([True], [1, 2, 3, 4, 5]), ([False, True], [1, 2, 3, 4, 4, 5])):
            workflow = BpmnWorkflow(parser.get_spec(process_id(self.version)))
            workflow.do_engine_steps()
            done, left = [], list(answers)
            while not workflow.is_completed():
                ready = workflow.get_tasks(state=TaskState.READY, manual=True)
                number = int(ready[0].task_spec.bpmn_id.removeprefix("Step_"))
                if number == 4:
                    ready[0].data["approved_4"] = left.pop(0)
                done.append(number)
                ready[0].run()
                workflow.do_engine_steps()
            self.assertEqual(done, expected)
