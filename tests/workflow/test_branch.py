"""A decision whose "Tidak" skips ahead ("Tidak lengkap: lanjut ke langkah 5"): the import keeps it as
the step's branch (Step.branch_to), the performer answers Ya (the next step) or Tidak (the later step,
the steps between not run), and the printed SOP, its flowchart and its BPMN show it."""

from __future__ import annotations

import datetime as dt
import tempfile
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from SpiffWorkflow.bpmn.parser import BpmnParser, BpmnValidator
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from kinerja.errors import KinerjaError
from kinerja.sop import actions as sop_actions
from kinerja.sop.importers import parse_document
from kinerja.sop.renderers.bpmn import BPMN, process_id, render_bpmn
from kinerja.sop.renderers.flowchart import flow_of, render_svg
from kinerja.sop.renderers.sheet import _note
from kinerja.workflow import actions
from kinerja.workflow.models import Event, Task
from tests.base import KinerjaTestCase
from tests.sop.documents import sop_text

pytestmark = pytest.mark.usefixtures("english")

STEPS = [
    ("Menerima berkas usulan dan meneruskan kepada Kasubbag", "10 menit", "Sekretaris"),
    ("Memeriksa kelengkapan berkas; tidak perlu verifikasi lapangan: lanjut ke langkah 5", "1 hari", "Kasubbag"),
    ("Melakukan verifikasi lapangan", "2 hari", "JFU"),
    ("Menyusun berita acara verifikasi", "1 hari", "JFU"),
    ("Menyusun konsep surat jawaban", "1 hari", "Kasubbag"),
    ("Menandatangani surat jawaban", "1 hari", "Kadis"),
]
ACTORS = ["Sekretaris", "Kasubbag", "JFU", "Kadis"]
MONDAY = dt.datetime(2025, 6, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def _document(steps: list[tuple[str, str, str]]) -> Path:
    path = Path(tempfile.mkdtemp()) / "verifikasi.txt"
    path.write_text(sop_text(ACTORS, steps, name="SOP VERIFIKASI USULAN"), encoding="utf-8")
    return path


def _draft(steps: list[tuple[str, str, str]]) -> object:
    path = _document(steps)
    return parse_document(path)


def test_the_import_reads_a_tidak_that_skips_ahead_as_the_steps_branch() -> None:
    draft = _draft(STEPS)
    assert [s.branch_to for s in draft.steps] == [None, 5, None, None, None, None]
    assert [s.returns_to for s in draft.steps] == [[]] * 6
    assert not draft.problems


def test_a_tidak_to_the_next_step_is_no_branch_and_one_past_the_end_is_refused() -> None:
    steps = list(STEPS)
    steps[1] = ("Memeriksa kelengkapan berkas; tidak perlu verifikasi: ke langkah 3", "1 hari", "Kasubbag")
    assert [s.branch_to for s in _draft(steps).steps] == [None] * 6
    steps[1] = ("Memeriksa kelengkapan berkas; tidak perlu verifikasi: ke langkah 9", "1 hari", "Kasubbag")
    problems = [str(p) for p in _draft(steps).problems]
    assert any("step 2" in p and "goes on to step 9, but the last step is 6" in p for p in problems), problems


class BranchTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        out = StringIO()
        call_command("sop", "import", str(_document(STEPS)), "--office", cls.office.code, stdout=out)
        cls.version = cls.office.sops.get().versions.get()

    def _at_step_2(self) -> Task:
        case = actions.start_case(self.version.pk, user=self.secretary, title="Usulan", period="Juni 2025", at=MONDAY)
        done = actions.complete_task(case.first_task.pk, user=self.secretary, at=MONDAY + dt.timedelta(minutes=5))
        return done.next_task

    def test_the_stored_step_keeps_its_branch(self) -> None:
        step = self.version.steps.get(number=2)
        self.assertEqual(step.branch_to.number, 5)
        self.assertEqual([s.get("branch_to") for s in sop_actions.version_json(self.version)["steps"]],
                         [None, 5, None, None, None, None])

    def test_tidak_opens_the_later_step_and_the_steps_between_are_not_run(self) -> None:
        task = self._at_step_2()
        done = actions.complete_task(task.pk, user=self.subsection_head, verdict=Task.Verdict.BRANCH,
                                     at=MONDAY + dt.timedelta(hours=1))
        self.assertEqual(done.next_task.step.number, 5)
        self.assertEqual(done.next_task.position, self.positions["subsection_head"])
        self.assertEqual(Task.objects.get(pk=task.pk).verdict, Task.Verdict.BRANCH)
        self.assertFalse(Task.objects.filter(case=task.case, step__number__in=[3, 4]).exists())
        event = Event.objects.filter(case=task.case, kind=Event.Kind.COMPLETED).order_by("-seq").first()
        self.assertEqual((event.data["step"], event.data["to_step"], event.data["verdict"]), (2, 5, "branch"))
        later = actions.complete_task(done.next_task.pk, user=self.subsection_head, at=MONDAY + dt.timedelta(hours=2))
        last = actions.complete_task(later.next_task.pk, user=self.head, at=MONDAY + dt.timedelta(hours=3))
        self.assertIsNone(last.next_task)
        out = StringIO()
        call_command("audit", "verify", stdout=out)

    def test_ya_opens_the_next_step(self) -> None:
        task = self._at_step_2()
        done = actions.complete_task(task.pk, user=self.subsection_head, verdict=Task.Verdict.OK, next_user=self.staff,
                                     at=MONDAY + dt.timedelta(hours=1))
        self.assertEqual(done.next_task.step.number, 3)
        self.assertEqual(Task.objects.get(pk=task.pk).verdict, Task.Verdict.OK)

    def test_tidak_is_refused_where_the_step_has_no_branch(self) -> None:
        case = actions.start_case(self.version.pk, user=self.secretary, title="Usulan", period="Juni 2025", at=MONDAY)
        with self.assertRaisesMessage(KinerjaError, "has no “Tidak” branch that goes on to a later step"):
            actions.complete_task(case.first_task.pk, user=self.secretary, verdict=Task.Verdict.BRANCH,
                                  at=MONDAY + dt.timedelta(minutes=5))
        self.assertEqual(Task.objects.get(pk=case.first_task.pk).status, Task.Status.OPEN)

    def test_the_case_page_asks_ya_or_tidak_and_takes_the_branch(self) -> None:
        task = self._at_step_2()
        self.client.force_login(self.subsection_head)
        page = self.client.get(reverse("workflow:case", args=[task.case_id])).content.decode()
        # The page speaks the person's language (Indonesian).
        self.assertIn("Tidak: lanjut ke langkah 5", page)
        self.assertIn("Ya membuka langkah 3 (JFU); Tidak melanjutkan ke langkah 5 (Kasubbag)", page)
        # Ya needs the JFU who does step 3; Tidak does not.
        refused = self.client.post(reverse("workflow:complete", args=[task.pk]), {"complete-verdict": "ok"})
        self.assertContains(refused, "Pilih pelaksana langkah berikutnya.")
        self.assertEqual(Task.objects.get(pk=task.pk).status, Task.Status.OPEN)
        self.client.post(reverse("workflow:complete", args=[task.pk]), {"complete-verdict": "branch",
                                                                        "complete-note": "berkas lengkap"})
        self.assertEqual(Task.objects.get(case=task.case, status=Task.Status.OPEN).step.number, 5)

    def test_the_command_line_answers_tidak_with_no(self) -> None:
        task = self._at_step_2()
        out = StringIO()
        call_command("case", "complete", str(task.pk), "--user", self.subsection_head.get_username(), "--no",
                     "--at", (MONDAY + dt.timedelta(hours=1)).isoformat(), stdout=out)
        self.assertIn("step 5", out.getvalue())

    def test_the_printed_sop_the_flowchart_and_the_bpmn_show_the_branch(self) -> None:
        step = self.version.steps.get(number=2)
        step.activity, step.note = "Memeriksa kelengkapan berkas", ""  # the words gone: the Ket. cell says it
        self.assertEqual(_note(step, [], 5), "Tidak: lanjut ke langkah 5")
        flow = flow_of(self.version)
        self.assertIn((1, 4, "return"), flow.edges())
        self.assertTrue(flow.steps[1].is_decision)
        svg = ET.fromstring(render_svg(self.version))
        self.assertTrue(any(e.get("data-edge") == "2-5" for e in svg.iter()),
                        "no line from step 2 to step 5")
        parser = BpmnParser(validator=BpmnValidator())
        parser.add_bpmn_str(render_bpmn(self.version).encode())
        conditions = [e.text for e in ET.fromstring(render_bpmn(self.version)).iter(f"{{{BPMN}}}conditionExpression")]
        self.assertEqual(sorted(conditions), ["approved_2", "not approved_2"])
        for approved, expected in ((True, [1, 2, 3, 4, 5, 6]), (False, [1, 2, 5, 6])):
            workflow = BpmnWorkflow(parser.get_spec(process_id(self.version)))
            workflow.do_engine_steps()
            done = []
            while not workflow.is_completed():
                ready = workflow.get_tasks(state=TaskState.READY, manual=True)
                number = int(ready[0].task_spec.bpmn_id.removeprefix("Step_"))
                ready[0].data[f"approved_{number}"] = approved
                done.append(number)
                ready[0].run()
                workflow.do_engine_steps()
            self.assertEqual(done, expected)


class BranchRevisionTestCase(KinerjaTestCase):
    def test_a_revision_that_drops_the_branch_says_so(self) -> None:
        call_command("sop", "import", str(_document(STEPS)), "--office", self.office.code, stdout=StringIO())
        steps = list(STEPS)
        steps[1] = ("Memeriksa kelengkapan berkas", "1 hari", "Kasubbag")
        out = StringIO()
        call_command("sop", "import", str(_document(steps)), "--office", self.office.code, stdout=out)
        self.assertIn("step 2: if not, on to step 5 → -; text changed", out.getvalue())
        revised = self.office.sops.get().versions.get(version=2)
        self.assertIsNone(revised.steps.get(number=2).branch_to)


class SubStepBranchTestCase(KinerjaTestCase):
    """Printed numbers with sub-steps (1, 2, 3.1, 3.2, 4, 5): the branch names the step as printed, and
    the case page says it so."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        steps = list(STEPS)
        steps[1] = ("Memeriksa kelengkapan berkas; tidak perlu verifikasi lapangan: lanjut ke langkah 4", "1 hari",
                    "Kasubbag")
        printed = {"3": "3.1", "4": "3.2", "5": "4", "6": "5"}
        lines = [(printed[line.split("\t", 1)[0]] + "\t" + line.split("\t", 1)[1])
                 if line.split("\t", 1)[0] in printed else line
                 for line in sop_text(ACTORS, steps, name="SOP VERIFIKASI USULAN").splitlines()]
        path = Path(tempfile.mkdtemp()) / "verifikasi.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        call_command("sop", "import", str(path), "--office", cls.office.code, stdout=StringIO())
        cls.version = cls.office.sops.get().versions.get()

    def test_the_branch_goes_to_the_step_printed_4_and_the_page_names_it_so(self) -> None:
        step = self.version.steps.get(number=2)
        self.assertEqual((step.branch_to.number, step.branch_to.display_number), (5, "4"))
        case = actions.start_case(self.version.pk, user=self.secretary, title="Usulan", period="Juni 2025", at=MONDAY)
        task = actions.complete_task(case.first_task.pk, user=self.secretary, at=MONDAY + dt.timedelta(minutes=5)).next_task
        self.client.force_login(self.subsection_head)
        page = self.client.get(reverse("workflow:case", args=[case.pk])).content.decode()
        self.assertIn("Tidak: lanjut ke langkah 4", page)
        self.assertIn("Ya membuka langkah 3.1 (JFU); Tidak melanjutkan ke langkah 4 (Kasubbag)", page)
        done = actions.complete_task(task.pk, user=self.subsection_head, verdict=Task.Verdict.BRANCH,
                                     at=MONDAY + dt.timedelta(hours=1))
        self.assertEqual(done.next_task.step.display_number, "4")
        page = self.client.get(reverse("workflow:case", args=[case.pk])).content.decode()
        self.assertIn("langkah 4", page)

    def test_the_plan_gantt_and_compliance_name_the_steps_as_printed(self) -> None:
        from kinerja.workflow.calendar import WorkCalendar
        from kinerja.workflow.compliance import compliance
        from kinerja.workflow.gantt import plan_rows

        steps = list(self.version.steps.select_related("actor").order_by("number"))
        rows = plan_rows(steps, MONDAY, WorkCalendar.for_office(self.office))
        self.assertEqual([r.label for r in rows], ["1. Sekretaris", "2. Kasubbag", "3.1. JFU", "3.2. JFU", "4. Kasubbag",
                                                   "5. Kadis"])
        report = compliance(self.version.sop, 2025)
        self.assertEqual([s.display_number for s in report.steps], ["1", "2", "3.1", "3.2", "4", "5"])
