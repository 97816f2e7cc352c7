"""A decision whose "Tidak" ends the procedure ("Tidak: proses selesai", "jika tidak memenuhi syarat,
permohonan ditolak (selesai)", a Selesai terminator beside the decision): the import keeps it as
Step.ends_if_not, the performer answers Ya (the next step) or Tidak with a reason, which ends the case there
(Case.Status.ENDED), and the printed SOP, its flowchart, its BPMN, the comparison of revisions and the
compliance report show it."""

from __future__ import annotations

import datetime as dt
import tempfile
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from SpiffWorkflow.bpmn.parser import BpmnParser, BpmnValidator
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from kinerja.errors import KinerjaError, NotAllowed
from kinerja.sop import actions as sop_actions
from kinerja.sop.forms import StepForm
from kinerja.sop.importers import parse_document
from kinerja.sop.importers.table import end_terminator
from kinerja.sop.renderers.bpmn import BPMN, process_id, render_bpmn
from kinerja.sop.renderers.flowchart import flow_of, render_svg
from kinerja.sop.renderers.sheet import _note
from kinerja.workflow import actions
from kinerja.workflow.compliance import compliance
from kinerja.workflow.gantt import case_gantt_svg
from kinerja.workflow.models import Case, DivisionRequest, Event, Task
from tests.base import KinerjaTestCase
from tests.sop.documents import sop_text

pytestmark = pytest.mark.usefixtures("english")

CHECK = "Memeriksa kelengkapan berkas; jika tidak memenuhi syarat, permohonan ditolak (selesai)"
STEPS = [
    ("Menerima berkas permohonan dan meneruskan kepada Kasubbag", "10 menit", "Sekretaris"),
    (CHECK, "1 hari", "Kasubbag"),
    ("Menyusun konsep surat izin", "1 hari", "JFU"),
    ("Menandatangani surat izin", "1 hari", "Kadis"),
]
ACTORS = ["Sekretaris", "Kasubbag", "JFU", "Kadis"]
MONDAY = dt.datetime(2025, 6, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def _text(steps: list[tuple[str, str, str]], *, notes: dict[int, str] | None = None,
          marks: dict[int, dict[str, str]] | None = None) -> str:
    """The SOP as text, with a Ket. cell written for some steps and the Pelaksana cells of some rows
    replaced (the marks a copied flowchart leaves)."""
    lines = sop_text(ACTORS, steps, name="SOP IZIN USAHA").splitlines()
    out = []
    for line in lines:
        cells = line.split("\t")
        number = int(cells[0]) if cells[0].isdigit() and len(cells) > 2 else None
        if number is not None and marks and number in marks:
            cells[2:2 + len(ACTORS)] = [marks[number].get(a, "") for a in ACTORS]
        if number is not None and notes and number in notes:
            cells[-1] = notes[number]
        out.append("\t".join(cells))
    return "\n".join(out) + "\n"


def _document(steps: list[tuple[str, str, str]], **kwargs: object) -> Path:
    path = Path(tempfile.mkdtemp()) / "izin.txt"
    path.write_text(_text(steps, **kwargs), encoding="utf-8")  # type: ignore[arg-type]
    return path


def _with(step_2: str, **kwargs: object) -> object:
    steps = list(STEPS)
    steps[1] = (step_2, "1 hari", "Kasubbag")
    return parse_document(_document(steps, **kwargs))


@pytest.mark.parametrize("text", [
    CHECK,
    "Memeriksa kelengkapan berkas. Tidak: proses selesai",
    "Memeriksa kelengkapan berkas; jika tidak memenuhi syarat, permohonan ditolak dan dikembalikan kepada "
    "Sekretaris (selesai)",
    "Memeriksa berkas; apabila ditolak, proses dihentikan",
    "Memeriksa berkas. Jika tidak disetujui, proses tidak dilanjutkan",
    "Memeriksa berkas; tidak lengkap → Selesai",
    "Memeriksa berkas; jika tidak memenuhi persyaratan, permohonan ditolak.",
    "Memeriksa berkas; berkas tidak lengkap: tidak diproses lebih lanjut",
    "Memeriksa kelengkapan berkas (Ya: lanjut; Tidak: selesai)",
    # A refusal with its subject before it is the decision's Tidak as a sentence writes it.
    "Memeriksa kelengkapan berkas; Kasubbag menolak (selesai)",
    "Memeriksa berkas; berkas yang ditolak tidak diproses lebih lanjut",
])
def test_the_import_reads_a_tidak_that_ends_the_procedure(text: str) -> None:
    draft = _with(text)
    assert [s.ends_if_not for s in draft.steps] == [False, True, False, False]
    # "dikembalikan kepada Sekretaris (selesai)": handed back as the procedure ends, not a return.
    assert [s.returns_to for s in draft.steps] == [[]] * 4
    assert [s.branch_to for s in draft.steps] == [None] * 4
    assert not draft.problems
    assert draft.steps[1].as_json()["ends_if_not"] is True
    assert "ends_if_not" not in draft.steps[0].as_json()


def test_the_ket_cell_says_it_too() -> None:
    draft = _with("Memeriksa kelengkapan berkas", notes={2: "Tidak memenuhi syarat: selesai"})
    assert [s.ends_if_not for s in draft.steps] == [False, True, False, False]


@pytest.mark.parametrize("text, returns", [
    ("Menyerahkan berkas yang telah selesai diperiksa", []),
    ("Memeriksa berkas hingga selesai", []),
    ("Memeriksa berkas; jika tidak lengkap, kembali ke langkah 1; jika lengkap, proses selesai", [1]),
    ("Memeriksa berkas; apabila tidak ada koreksi, proses selesai", []),
    ("Memeriksa berkas; bila belum selesai, dikembalikan kepada Sekretaris", [1]),
    ("Memeriksa berkas; jika ditolak, dikembalikan kepada Sekretaris untuk diperbaiki", [1]),
    ("Memeriksa berkas; tidak dapat diselesaikan dalam satu hari", []),
    ("Mengarsipkan surat yang tidak bersifat rahasia, proses selesai", []),
    ("Data yang belum lengkap dilengkapi oleh JFU, lalu proses selesai", []),
    ("Menyerahkan surat penolakan kepada pemohon, proses selesai", []),
    ("Kasubbag menolak berkas yang tidak lengkap dan mengembalikannya kepada Sekretaris", []),
])
def test_words_that_do_not_end_the_procedure(text: str, returns: list[int]) -> None:
    draft = _with(text)
    assert [s.ends_if_not for s in draft.steps] == [False] * 4
    assert draft.steps[1].returns_to == returns


LAST = "Menandatangani surat izin; jika tidak disetujui, permohonan ditolak (selesai)"


@pytest.mark.parametrize("text, note", [
    (LAST, ""),
    ("Menandatangani surat izin; menolak: proses tidak dilanjutkan", ""),
    ("Menandatangani surat izin", "Tidak disetujui: proses selesai"),
])
def test_the_last_steps_refusal_is_kept(text: str, note: str) -> None:
    """A refusal at the last step ends the case not continued, an outcome apart from completing it."""
    steps = list(STEPS)
    steps[1] = ("Memeriksa kelengkapan berkas", "1 hari", "Kasubbag")
    steps[3] = (text, "1 hari", "Kadis")
    draft = parse_document(_document(steps, notes={4: note} if note else None))
    assert [s.ends_if_not for s in draft.steps] == [False, False, False, True]
    assert not draft.problems


def test_the_last_steps_selesai_terminator_is_its_end_not_a_refusal() -> None:
    """The Selesai drawn beside the last step is where the procedure ends, not the end of a "Tidak"."""
    steps = list(STEPS)
    steps[1] = ("Memeriksa kelengkapan berkas", "1 hari", "Kasubbag")
    draft = parse_document(_document(steps, marks={4: {"Kadis": "◇", "JFU": "Selesai"}}))
    assert [s.ends_if_not for s in draft.steps] == [False] * 4


def test_a_tidak_that_skips_ahead_and_ends_is_a_problem() -> None:
    draft = _with("Memeriksa berkas; tidak perlu konsep: lanjut ke langkah 4; tidak memenuhi syarat: proses selesai")
    problems = [str(p) for p in draft.problems]
    assert any("step 2" in p and "goes on to step 4 and also ends the procedure" in p for p in problems), problems


def test_a_selesai_beside_the_decision_in_a_middle_row() -> None:
    draft = _with("Memeriksa kelengkapan berkas", marks={2: {"Kasubbag": "◇", "JFU": "Selesai"}})
    assert [s.ends_if_not for s in draft.steps] == [False, True, False, False]
    assert draft.steps[1].actor == "Kasubbag"  # the decision's column, not the terminator's
    # The bare terminator mark of the shape reader, too; not Mulai in the first row nor a Selesai alone.
    assert end_terminator({"A": "◇", "B": "⬭"}, first=False) == "B"
    assert end_terminator({"A": "Mulai", "B": "⬭"}, first=True) is None
    assert end_terminator({"A": "", "B": "Selesai"}, first=False) is None
    assert end_terminator({"A": "Ya", "B": "Selesai"}, first=False) is None


@pytest.mark.parametrize("terminator", ["selesai-text", "drawing", "vml"])
def test_a_word_sop_with_a_selesai_shape_beside_the_decision(tmp_path: Path, terminator: str) -> None:
    """The shapes of a Word SOP (importers/shapes.py): step 2's decision diamond in its actor's column and,
    in the column beside it, the Selesai terminator its "Tidak" line ends at."""
    from tests.sop.test_import_shapes import ACTORS as WORD_ACTORS
    from tests.sop.test_import_shapes import STEPS as WORD_STEPS
    from tests.sop.test_import_shapes import document, drawing, put, vml

    shape = {"selesai-text": drawing("flowChartTerminator", text="Selesai"),
             "drawing": drawing("flowChartTerminator"), "vml": vml("oval")}[terminator]

    def place(table, row, column):  # noqa: ANN001 (test_import_shapes' drawing callback)
        cells = table.rows[row].cells
        if row == 3:  # step 2
            put(cells[column], drawing("flowChartDecision"))
            put(cells[column + 1], shape)
        else:
            put(cells[column], drawing("flowChartProcess"))

    draft = parse_document(document(tmp_path, place))
    assert [s.ends_if_not for s in draft.steps] == [False, True, False, False, False]
    assert [(s.actor, s.actor_source) for s in draft.steps] == [(a, "symbol") for _t, _w, a in WORD_STEPS]
    assert WORD_ACTORS.index(draft.steps[1].actor) + 1 < len(WORD_ACTORS)


def test_the_preview_form_refuses_both_ways_and_keeps_the_last_steps_refusal() -> None:
    draft = _with(CHECK)
    step = draft.steps[1]
    data = {"step-2-actor": "Kasubbag", "step-2-duration_value": "1", "step-2-duration_unit": "day",
            "step-2-returns_to": "", "step-2-branch_to": "4", "step-2-ends_if_not": "on"}
    form = StepForm(data, step=step, actors=draft.actors, last=4)
    assert not form.is_valid() and "ends_if_not" in form.errors
    form = StepForm({**data, "step-2-branch_to": ""}, step=step, actors=draft.actors, last=4)
    assert form.is_valid() and form.cleaned_data["ends_if_not"] is True
    last = draft.steps[3]
    data = {k.replace("step-2", "step-4"): v for k, v in data.items()} | {"step-4-branch_to": ""}
    form = StepForm(data, step=last, actors=draft.actors, last=4)
    assert form.is_valid() and form.cleaned_data["ends_if_not"] is True


class EndTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        call_command("sop", "import", str(_document(STEPS)), "--office", cls.office.code, stdout=StringIO())
        cls.version = cls.office.sops.get().versions.get()

    def _at_step_2(self) -> Task:
        case = actions.start_case(self.version.pk, user=self.secretary, title="Izin usaha", period="Juni 2025",
                                  at=MONDAY)
        done = actions.complete_task(case.first_task.pk, user=self.secretary, at=MONDAY + dt.timedelta(minutes=5))
        return done.next_task

    def test_the_stored_step_keeps_it(self) -> None:
        self.assertTrue(self.version.steps.get(number=2).ends_if_not)
        self.assertEqual([s.get("ends_if_not", False) for s in sop_actions.version_json(self.version)["steps"]],
                         [False, True, False, False])

    def test_tidak_ends_the_case_with_its_reason(self) -> None:
        task = self._at_step_2()
        done = actions.end_at_decision(task.pk, user=self.subsection_head, reason="NIB tidak sesuai",
                                       note="berkas diperiksa", at=MONDAY + dt.timedelta(hours=1))
        self.assertIsNone(done.next_task)
        case = Case.objects.get(pk=task.case_id)
        self.assertEqual((case.status, case.finished_at), (Case.Status.ENDED, MONDAY + dt.timedelta(hours=1)))
        row = Task.objects.get(pk=task.pk)
        self.assertEqual((row.status, row.verdict, row.reason, row.note),
                         (Task.Status.DONE, Task.Verdict.END, "NIB tidak sesuai", "berkas diperiksa"))
        self.assertFalse(Task.objects.filter(case=case, step__number__in=[3, 4]).exists())
        self.assertFalse(Task.objects.filter(case=case, status=Task.Status.OPEN).exists())
        kinds = list(Event.objects.filter(case=case).order_by("seq").values_list("kind", "data"))
        completed, ended = kinds[-2], kinds[-1]
        self.assertEqual((completed[0], completed[1]["verdict"], completed[1]["reason"]),
                         (Event.Kind.COMPLETED, "end", "NIB tidak sesuai"))
        self.assertEqual((ended[0], ended[1]["step"], ended[1]["reason"]), (Event.Kind.CASE_ENDED, 2, "NIB tidak sesuai"))
        out = StringIO()
        call_command("audit", "verify", stdout=out)
        self.assertIn("every chain intact", out.getvalue())
        # Nothing more can be done on it.
        with self.assertRaises(KinerjaError):
            actions.end_at_decision(task.pk, user=self.subsection_head, reason="lagi")

    def test_ya_reads_ya_on_the_case_page_and_in_the_inbox(self) -> None:
        # The decision form offered "Ya" (the step sends nothing back): the pages showed the answer as "Sesuai".
        task = self._at_step_2()
        actions.complete_task(task.pk, user=self.subsection_head, verdict=Task.Verdict.OK,
                              at=MONDAY + dt.timedelta(hours=1))
        self.client.force_login(self.subsection_head)
        case_page = self.client.get(reverse("workflow:case", args=[task.case_id])).content.decode()
        self.assertIn('<span class="badge ok">Ya</span>', case_page)
        self.assertNotIn('<span class="badge ok">Sesuai</span>', case_page)
        self.assertIn("· Ya ·", self.client.get(reverse("workflow:inbox")).content.decode())

    def test_a_reason_is_required_and_nothing_is_saved_without(self) -> None:
        task = self._at_step_2()
        with self.assertRaisesMessage(KinerjaError, "say why the procedure ends here"):
            actions.end_at_decision(task.pk, user=self.subsection_head, reason="  ", at=MONDAY + dt.timedelta(hours=1))
        self.assertEqual(Task.objects.get(pk=task.pk).status, Task.Status.OPEN)
        self.assertEqual(Case.objects.get(pk=task.case_id).status, Case.Status.OPEN)

    def test_only_the_holder_may_and_only_where_the_sop_says(self) -> None:
        task = self._at_step_2()
        with self.assertRaises(NotAllowed):
            actions.end_at_decision(task.pk, user=self.staff, reason="bukan tugas saya")
        first = actions.start_case(self.version.pk, user=self.secretary, title="Lain", period="Juni 2025",
                                   at=MONDAY).first_task
        with self.assertRaisesMessage(KinerjaError, "has no “Tidak” that ends the procedure"):
            actions.end_at_decision(first.pk, user=self.secretary, reason="x", at=MONDAY + dt.timedelta(minutes=5))
        with self.assertRaisesMessage(KinerjaError, "needs a reason"):
            actions.complete_task(task.pk, user=self.subsection_head, verdict=Task.Verdict.END)
        # The page: a non-holder's post is refused (403) and changes nothing.
        self.client.force_login(self.staff)
        refused = self.client.post(reverse("workflow:complete", args=[task.pk]),
                                   {"complete-verdict": "end", "complete-reason": "bukan tugas saya"})
        self.assertEqual(refused.status_code, 403)
        self.assertEqual(Task.objects.get(pk=task.pk).status, Task.Status.OPEN)

    def test_ya_opens_the_next_step(self) -> None:
        task = self._at_step_2()
        done = actions.complete_task(task.pk, user=self.subsection_head, verdict=Task.Verdict.OK, next_user=self.staff,
                                     at=MONDAY + dt.timedelta(hours=1))
        self.assertEqual(done.next_task.step.number, 3)
        self.assertEqual(Task.objects.get(pk=task.pk).verdict, Task.Verdict.OK)

    def test_the_case_page_asks_and_says_where_the_case_ended(self) -> None:
        task = self._at_step_2()
        self.client.force_login(self.subsection_head)
        page = self.client.get(reverse("workflow:case", args=[task.case_id])).content.decode()
        # The page speaks the person's language (Indonesian).
        self.assertIn("Tidak: prosedur selesai di sini", page)
        self.assertIn("Tidak mengakhiri prosedur di langkah 2", page)
        refused = self.client.post(reverse("workflow:complete", args=[task.pk]),
                                   {"complete-verdict": "end", "complete-note": "diperiksa"})
        self.assertContains(refused, "Tuliskan mengapa prosedur berhenti di sini")
        self.assertContains(refused, "diperiksa")  # what was typed stays
        self.assertEqual(Task.objects.get(pk=task.pk).status, Task.Status.OPEN)
        self.client.post(reverse("workflow:complete", args=[task.pk]),
                         {"complete-verdict": "end", "complete-reason": "Lokasi usaha di luar zona"})
        self.assertEqual(Case.objects.get(pk=task.case_id).status, Case.Status.ENDED)
        page = self.client.get(reverse("workflow:case", args=[task.case_id])).content.decode()
        self.assertIn("Selesai: tidak dilanjutkan di langkah 2", page)
        self.assertIn("Lokasi usaha di luar zona", page)
        self.assertNotIn('id="actions"', page)
        listing = self.client.get(reverse("workflow:case_list")).content.decode()
        self.assertIn("Selesai: tidak dilanjutkan", listing)

    def test_the_plan_chart_greys_the_steps_not_run_and_marks_the_end(self) -> None:
        task = self._at_step_2()
        open_svg = ET.fromstring(str(case_gantt_svg(task.case, now=MONDAY + dt.timedelta(minutes=30))))
        self.assertFalse([e for e in open_svg.iter() if e.get("class") in ("gantt-not-run", "gantt-end")])
        actions.end_at_decision(task.pk, user=self.subsection_head, reason="NIB tidak sesuai",
                                at=MONDAY + dt.timedelta(hours=1))
        case = Case.objects.get(pk=task.case_id)
        svg = ET.fromstring(str(case_gantt_svg(case, now=MONDAY + dt.timedelta(days=9))))
        ns = "{http://www.w3.org/2000/svg}"
        # The planned bars: steps 3 and 4 greyed and dashed, with "not run" under each; 1 and 2 as planned.
        planned = [e for e in svg.iter(f"{ns}rect") if "planned" in (e.findtext(f"{ns}title") or "")]
        self.assertEqual([e.get("stroke-dasharray") for e in planned], [None, None, "3 2", "3 2"])
        self.assertEqual([e.findtext(f"{ns}title").endswith("not run in this case") for e in planned],
                         [False, False, True, True])
        self.assertEqual([e.text for e in svg.iter(f"{ns}text") if e.get("class") == "gantt-not-run"], ["not run"] * 2)
        # The end: a line at the moment step 2 answered Tidak, labelled in step 2's row; no "now" line.
        line = next(e for e in svg.iter(f"{ns}line") if e.get("class") == "gantt-end")
        self.assertIn("ended at step 2 (Tidak), 02-06-2025 09:00", line.findtext(f"{ns}title"))
        label = next(e for e in svg.iter(f"{ns}text") if e.get("class") == "gantt-end-label")
        self.assertEqual(label.text, "Tidak: ended")
        rows = [e for e in svg.iter(f"{ns}text") if (e.text or "")[:2] in ("1.", "2.", "3.", "4.")]
        self.assertEqual([r.text[:2] for r in rows], ["1.", "2.", "3.", "4."])
        self.assertEqual(label.get("y"), rows[1].get("y"))
        self.assertEqual([r.get("fill") for r in rows][2:], ["#666666"] * 2)  # the steps not run, muted
        self.assertFalse([e for e in svg.iter(f"{ns}line") if (e.findtext(f"{ns}title") or "") == "Now"])
        # The case page says it in words above the chart (Indonesian).
        self.client.force_login(self.subsection_head)
        page = self.client.get(reverse("workflow:case", args=[case.pk])).content.decode()
        self.assertIn("Prosedur berakhir di langkah 2 (Tidak)", page)
        self.assertIn("Langkah 3, 4", page)

    def test_the_command_line_answers_tidak_with_no_and_a_reason(self) -> None:
        task = self._at_step_2()
        at = (MONDAY + dt.timedelta(hours=1)).isoformat()
        with self.assertRaisesMessage(CommandError, "say why the procedure ends here"):
            call_command("case", "complete", str(task.pk), "--user", self.subsection_head.get_username(), "--no",
                         "--at", at, stdout=StringIO())
        out = StringIO()
        call_command("case", "complete", str(task.pk), "--user", self.subsection_head.get_username(), "--no",
                     "--reason", "NIB tidak sesuai", "--at", at, stdout=out)
        self.assertIn("case ended at step 2, not continued: NIB tidak sesuai", out.getvalue())
        self.assertEqual(Case.objects.get(pk=task.case_id).status, Case.Status.ENDED)

    def test_compliance_counts_the_ended_case_apart(self) -> None:
        task = self._at_step_2()
        actions.end_at_decision(task.pk, user=self.subsection_head, reason="ditolak", at=MONDAY + dt.timedelta(hours=1))
        report = compliance(self.version.sop, 2025)
        self.assertEqual((report.cases_started, report.cases_finished, report.cases_open, report.cases_ended),
                         (1, 0, 0, 1))
        self.assertEqual([(s.runs, s.ends, s.waiting) for s in report.steps], [(1, 0, 0), (1, 1, 0), (0, 0, 0),
                                                                               (0, 0, 0)])
        self.assertEqual(report.as_json()["cases"]["ended"], 1)
        self.client.force_login(self.head)
        page = self.client.get(reverse("planning:compliance", args=[self.version.pk]) + "?year=2025").content.decode()
        self.assertNotIn("dibatalkan", page)  # an ended case is not a cancelled one
        self.assertIn("1 berakhir di sini", page)

    def test_the_printed_sop_the_flowchart_and_the_bpmn_show_the_end(self) -> None:
        step = self.version.steps.get(number=2)
        self.assertEqual(_note(step, [], None, True), step.note)  # the text says it already
        step.activity = "Memeriksa kelengkapan berkas"  # the words gone: the Ket. cell says it
        self.assertEqual(_note(step, [], None, True), "Tidak: proses selesai")
        flow = flow_of(self.version)
        self.assertIn((1, "stop", "end"), flow.edges())
        self.assertTrue(flow.steps[1].is_decision)
        svg = ET.fromstring(render_svg(self.version))
        self.assertTrue(any(e.get("data-edge") == "2-stop" for e in svg.iter()), "no line from step 2 to its Selesai")
        self.assertEqual(sum(1 for e in svg.iter() if e.get("data-terminator") == "stop"), 1)
        xml = render_bpmn(self.version)
        root = ET.fromstring(xml)
        ends = [e.get("id") for e in root.iter(f"{{{BPMN}}}endEvent")]
        self.assertEqual(sorted(ends), ["EndEvent", "EndEvent_2"])
        parser = BpmnParser(validator=BpmnValidator())
        parser.add_bpmn_str(xml.encode())
        for approved, expected, end in ((True, [1, 2, 3, 4], "EndEvent"), (False, [1, 2], "EndEvent_2")):
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
            finished = [t.task_spec.bpmn_id for t in workflow.get_tasks(state=TaskState.COMPLETED)
                        if t.task_spec.bpmn_id and t.task_spec.bpmn_id.startswith("EndEvent")]
            self.assertEqual(finished, [end])


class EndRequestsTestCase(KinerjaTestCase):
    """A coordinating step whose "Tidak" ends the procedure: its unanswered requests are cancelled."""

    def test_the_open_requests_are_cancelled(self) -> None:
        steps = [STEPS[0], ("Berkoordinasi dengan bidang-bidang; jika tidak memenuhi syarat, proses selesai", "1 hari",
                            "Kasubbag"), *STEPS[2:]]
        call_command("sop", "import", str(_document(steps)), "--office", self.office.code, stdout=StringIO())
        version = self.office.sops.get().versions.get()
        case = actions.start_case(version.pk, user=self.secretary, title="Izin", period="Juni 2025", at=MONDAY)
        task = actions.complete_task(case.first_task.pk, user=self.secretary,
                                     at=MONDAY + dt.timedelta(minutes=5)).next_task
        divisions = self.built.divisions[:2]
        sent = actions.send_division_requests(task.pk, user=self.subsection_head, divisions=divisions, what="Data",
                                              due_at=MONDAY + dt.timedelta(days=3), at=MONDAY + dt.timedelta(minutes=10))
        actions.end_at_decision(task.pk, user=self.subsection_head, reason="tidak memenuhi syarat",
                                at=MONDAY + dt.timedelta(hours=1))
        self.assertEqual(DivisionRequest.objects.filter(task=task, cancelled_at__isnull=False).count(), 2)
        event = Event.objects.get(case=case, kind=Event.Kind.CASE_ENDED)
        self.assertEqual(event.data["requests"], [r.pk for r in sent])
        with self.assertRaisesMessage(KinerjaError, "was cancelled"):
            actions.answer_request(sent[0].pk, user=self.contacts[0], note="data")


class EndRevisionTestCase(KinerjaTestCase):
    def test_a_revision_that_drops_the_end_says_so(self) -> None:
        call_command("sop", "import", str(_document(STEPS)), "--office", self.office.code, stdout=StringIO())
        steps = list(STEPS)
        steps[1] = ("Memeriksa kelengkapan berkas", "1 hari", "Kasubbag")
        out = StringIO()
        call_command("sop", "import", str(_document(steps)), "--office", self.office.code, stdout=out)
        self.assertIn("step 2: if not, the procedure no longer ends; text changed", out.getvalue())
        revised = self.office.sops.get().versions.get(version=2)
        self.assertFalse(revised.steps.get(number=2).ends_if_not)
        diff = sop_actions.compare_versions(self.office.sops.get().versions.get(version=1), revised)
        self.assertTrue(diff.changed[0].ends_changed)


class EndBesideReturnTestCase(KinerjaTestCase):
    """A checking step that may send the work back ("belum sesuai") and whose "Tidak" ends the procedure."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        steps = [*STEPS[:3], ("Memeriksa konsep surat; belum sesuai: kembali ke langkah 3; jika tidak disetujui, "
                              "proses dihentikan", "2 jam", "Kasubbag"), ("Menandatangani surat izin", "1 hari", "Kadis")]
        steps[1] = ("Memeriksa kelengkapan berkas dan meneruskan kepada JFU", "1 hari", "Kasubbag")
        call_command("sop", "import", str(_document(steps)), "--office", cls.office.code, stdout=StringIO())
        cls.version = cls.office.sops.get().versions.get()

    def test_the_import_keeps_both(self) -> None:
        step = self.version.steps.get(number=4)
        self.assertEqual(([r.number for r in step.returns_to.all()], step.ends_if_not), ([3], True))

    def test_the_bpmn_tells_the_return_from_the_end(self) -> None:
        xml = render_bpmn(self.version)
        root = ET.fromstring(xml)
        conditions = sorted(e.text for e in root.iter(f"{{{BPMN}}}conditionExpression"))
        self.assertEqual(conditions, ["approved_4", "end_4", "not approved_4 and not end_4"])
        # The end event stands in its lane, above its gateway, overlapping nothing.
        di = "http://www.omg.org/spec/BPMN/20100524/DI"
        dc = "http://www.omg.org/spec/DD/20100524/DC"
        boxes = {}
        for shape in root.iter(f"{{{di}}}BPMNShape"):
            b = shape.find(f"{{{dc}}}Bounds")
            x, y, w, h = (float(b.get(k, 0)) for k in ("x", "y", "width", "height"))
            boxes[shape.get("bpmnElement")] = (x, y, x + w, y + h)
        end, gateway = boxes["EndEvent_4"], boxes["Gateway_4"]
        lane = next(boxes[lane.get("id")] for lane in root.iter(f"{{{BPMN}}}lane")
                    if any(r.text == "EndEvent_4" for r in lane))
        self.assertTrue(lane[1] <= end[1] and end[3] <= gateway[1] and lane[0] <= end[0] and end[2] <= lane[2])
        parser = BpmnParser(validator=BpmnValidator())
        parser.add_bpmn_str(xml.encode())
        for answers, expected in (({"end_4": True}, [1, 2, 3, 4]), ({"end_4": False}, [1, 2, 3, 4, 3, 4, 5])):
            workflow = BpmnWorkflow(parser.get_spec(process_id(self.version)))
            workflow.do_engine_steps()
            done: list[int] = []
            while not workflow.is_completed():
                ready = workflow.get_tasks(state=TaskState.READY, manual=True)
                number = int(ready[0].task_spec.bpmn_id.removeprefix("Step_"))
                first_time = number not in done
                ready[0].data[f"approved_{number}"] = number != 4 or not first_time
                ready[0].data.update(answers if number == 4 else {})
                done.append(number)
                ready[0].run()
                workflow.do_engine_steps()
            self.assertEqual(done, expected)

    def test_the_form_offers_sesuai_belum_sesuai_and_tidak(self) -> None:
        case = actions.start_case(self.version.pk, user=self.secretary, title="Izin", period="Juni 2025", at=MONDAY)
        task = actions.complete_task(case.first_task.pk, user=self.secretary, at=MONDAY + dt.timedelta(minutes=5)).next_task
        task = actions.complete_task(task.pk, user=self.subsection_head, next_user=self.staff,
                                     at=MONDAY + dt.timedelta(minutes=10)).next_task
        task = actions.complete_task(task.pk, user=self.staff, at=MONDAY + dt.timedelta(minutes=20)).next_task
        self.client.force_login(self.subsection_head)
        page = self.client.get(reverse("workflow:case", args=[case.pk])).content.decode()
        for words in ("Sesuai", "Belum sesuai", "Tidak: prosedur selesai di sini",
                      "Alasan (wajib untuk Belum sesuai dan untuk Tidak)"):
            self.assertIn(words, page)
        # Two people answer at once: the second finds the task done, whatever they chose (the page's
        # language: Indonesian).
        actions.return_task(task.pk, user=self.subsection_head, reason="Perbaiki dasar hukum",
                            at=MONDAY + dt.timedelta(hours=1))
        refused = self.client.post(reverse("workflow:complete", args=[task.pk]),
                                   {"complete-verdict": "end", "complete-reason": "ditolak"})
        self.assertContains(refused, "sudah dikembalikan untuk diperbaiki oleh")
        self.assertEqual(Case.objects.get(pk=case.pk).status, Case.Status.OPEN)
        version_page = self.client.get(reverse("sop:version", args=[self.version.pk])).content.decode()
        self.assertIn("bila tidak: prosedur selesai", version_page)


class EndPreviewTestCase(KinerjaTestCase):
    def test_the_upload_preview_shows_it_and_lets_it_be_set(self) -> None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from kinerja.sop.models import SopVersion

        steps = list(STEPS)
        steps[2] = ("Menyusun konsep surat izin", "1 hari", "JFU")
        text = _text([steps[0], ("Memeriksa kelengkapan berkas", "1 hari", "Kasubbag"), *steps[2:]])
        self.client.force_login(self.subsection_head)
        response = self.client.post("/sop/upload/", {"document": SimpleUploadedFile("izin.txt", text.encode())})
        preview_url = response["Location"]
        response = self.client.get(preview_url)
        self.assertContains(response, "Bila tidak (Tidak), prosedur selesai", count=4)
        data = {}
        for form, _problems in response.context["rows"]:
            for name in form.fields:
                value = form.initial.get(name, "")
                if name == "ends_if_not":
                    value = "on" if value else ""
                data[f"{form.prefix}-{name}"] = "" if value is None else str(value)
        # A "Tidak" that both goes on and ends is refused, naming why; nothing is saved.
        refused = self.client.post(preview_url, {**data, "step-2-ends_if_not": "on", "step-2-branch_to": "4",
                                                 "save": ""})
        self.assertContains(refused, "lanjut ke langkah sesudahnya atau mengakhiri prosedur", status_code=400)
        self.assertFalse(SopVersion.objects.filter(sop__office=self.office, name="SOP IZIN USAHA").exists())
        # The last step's too: a refusal there ends the case not continued (Kepala Dinas menolak).
        response = self.client.post(preview_url, {**data, "step-2-ends_if_not": "on", "step-4-ends_if_not": "on",
                                                  "save": ""})
        version = SopVersion.objects.get(sop__office=self.office, name="SOP IZIN USAHA")
        self.assertRedirects(response, f"/sop/versions/{version.pk}/")
        self.assertEqual([s.ends_if_not for s in version.steps.order_by("number")], [False, True, False, True])


class EndAtTheLastStepTestCase(KinerjaTestCase):
    """The last step's refusal ("jika tidak disetujui, permohonan ditolak (selesai)"): Ya completes the case,
    Tidak ends it not continued at that step, with its reason, and compliance counts it apart."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        steps = [*STEPS[:3], (LAST, "1 hari", "Kadis")]
        steps[1] = ("Memeriksa kelengkapan berkas dan meneruskan kepada JFU", "1 hari", "Kasubbag")
        call_command("sop", "import", str(_document(steps)), "--office", cls.office.code, stdout=StringIO())
        cls.version = cls.office.sops.get().versions.get()

    def _at_the_last_step(self) -> Task:
        case = actions.start_case(self.version.pk, user=self.secretary, title="Izin usaha", period="Juni 2025",
                                  at=MONDAY)
        task = case.first_task
        for user, minutes in ((self.secretary, 5), (self.subsection_head, 60), (self.staff, 120)):
            task = actions.complete_task(task.pk, user=user, next_user=self.staff if user != self.staff else None,
                                         at=MONDAY + dt.timedelta(minutes=minutes)).next_task
        self.assertEqual(task.step.number, 4)
        return task

    def test_the_stored_step_keeps_it(self) -> None:
        self.assertEqual([s.ends_if_not for s in self.version.steps.order_by("number")], [False, False, False, True])

    def test_tidak_ends_the_case_apart_from_completing_it(self) -> None:
        task = self._at_the_last_step()
        self.client.force_login(self.head)
        page = self.client.get(reverse("workflow:case", args=[task.case_id])).content.decode()
        self.assertIn("Tidak: prosedur selesai di sini", page)
        self.assertIn("Ya menutup pelaksanaan ini.", page)  # no next step to name
        self.assertIn("Tidak mengakhiri prosedur di langkah 4 sebagai penolakan", page)
        self.assertNotIn("langkah-langkah sesudahnya", page)  # there are none
        self.client.post(reverse("workflow:complete", args=[task.pk]),
                         {"complete-verdict": "end", "complete-reason": "Lokasi usaha di luar zona"})
        case = Case.objects.get(pk=task.case_id)
        self.assertEqual(case.status, Case.Status.ENDED)
        self.assertEqual(Task.objects.get(pk=task.pk).verdict, Task.Verdict.END)
        page = self.client.get(reverse("workflow:case", args=[task.case_id])).content.decode()
        self.assertIn("Selesai: tidak dilanjutkan di langkah 4", page)
        self.assertIn("Prosedur berakhir di langkah 4 (Tidak)", page)
        svg = str(case_gantt_svg(case))
        self.assertIn('class="gantt-end-label"', svg)
        self.assertNotIn("gantt-not-run", svg)  # every step ran
        # The other: Ya at the last step completes the case.
        other = self._at_the_last_step()
        actions.complete_task(other.pk, user=self.head, verdict=Task.Verdict.OK, at=MONDAY + dt.timedelta(hours=5))
        self.assertEqual(Case.objects.get(pk=other.case_id).status, Case.Status.DONE)
        self.assertEqual(Task.objects.get(pk=other.pk).verdict, Task.Verdict.OK)
        report = compliance(self.version.sop, 2025)
        self.assertEqual((report.cases_started, report.cases_finished, report.cases_open, report.cases_ended),
                         (2, 1, 0, 1))
        self.assertEqual([(s.runs, s.ends) for s in report.steps], [(2, 0), (2, 0), (2, 0), (2, 1)])

    def test_the_flowchart_and_the_bpmn_show_the_refusal(self) -> None:
        flow = flow_of(self.version)
        self.assertIn((3, "stop", "end"), flow.edges())
        svg = ET.fromstring(render_svg(self.version))
        self.assertTrue(any(e.get("data-edge") == "4-stop" for e in svg.iter()), "no line from step 4 to its Selesai")
        xml = render_bpmn(self.version)
        parser = BpmnParser(validator=BpmnValidator())
        parser.add_bpmn_str(xml.encode())
        for approved, end in ((True, "EndEvent"), (False, "EndEvent_4")):
            workflow = BpmnWorkflow(parser.get_spec(process_id(self.version)))
            workflow.do_engine_steps()
            while not workflow.is_completed():
                ready = workflow.get_tasks(state=TaskState.READY, manual=True)
                number = int(ready[0].task_spec.bpmn_id.removeprefix("Step_"))
                ready[0].data[f"approved_{number}"] = approved
                ready[0].run()
                workflow.do_engine_steps()
            finished = [t.task_spec.bpmn_id for t in workflow.get_tasks(state=TaskState.COMPLETED)
                        if t.task_spec.bpmn_id and t.task_spec.bpmn_id.startswith("EndEvent")]
            self.assertEqual(finished, [end])
