"""An SOP with sub-steps (1, 2, 3.1, 3.2, 4, 5): every workflow text names a step by the number the SOP
prints ("3.1"), not the order the engine runs it in (its Step.number 3): the case page's timeline, the case
list, the reminder e-mails, the case's Gantt chart, `kinerja case show`, `kinerja sop plan`, `kinerja sop
compliance` (its table and workbook) and the errors that name steps."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import tempfile
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from kinerja.errors import KinerjaError
from kinerja.sop.models import Actor
from kinerja.workflow import actions
from kinerja.workflow.compliance import compliance, to_xlsx
from kinerja.workflow.gantt import case_gantt_svg
from kinerja.workflow.models import Notification
from kinerja.workflow.notify import _message
from tests.base import KinerjaTestCase
from tests.sop.test_import_substeps import numbered

pytestmark = pytest.mark.usefixtures("english")

STEPS = [("Menerima berkas dan meneruskan kepada Kasubbag", "10 menit", "Sekretaris"),
         ("Memerintahkan JFU menyiapkan bahan", "10 menit", "Kasubbag"),
         ("Menyiapkan format isian untuk bidang", "1 hari", "JFU"),
         ("Menghimpun data dari bidang", "1 hari", "JFU"),
         ("Memeriksa data; bila belum sesuai kembali ke langkah 3.1", "2 jam", "Kasubbag"),
         ("Menandatangani data kinerja", "1 hari", "Kadis")]
LABELS = ["1", "2", "3.1", "3.2", "4", "5"]
MONDAY = dt.datetime(2025, 6, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


class PrintedNumbersTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        path = Path(tempfile.mkdtemp()) / "data.txt"
        path.write_text(numbered(LABELS, STEPS), encoding="utf-8")
        call_command("sop", "import", str(path), "--office", cls.office.code, stdout=StringIO())
        cls.version = cls.office.sops.get().versions.get()

    def _sent_back_to_3_1(self) -> actions.Task:
        """A case at step 3.1 again: the check (printed 4, number 5) sent the work back to it."""
        case = actions.start_case(self.version.pk, user=self.secretary, title="Data kinerja", period="Juni 2025",
                                  at=MONDAY)
        task = case.first_task
        for minutes, user in enumerate((self.secretary, self.subsection_head, self.staff, self.staff), start=1):
            task = actions.complete_task(task.pk, user=user, next_user=self.staff,
                                         at=MONDAY + dt.timedelta(minutes=10 * minutes)).next_task
        self.assertEqual((task.step.number, task.step.display_number), (5, "4"))
        back = actions.return_task(task.pk, user=self.subsection_head, reason="Data bidang 2 belum ada",
                                   at=MONDAY + dt.timedelta(hours=1)).next_task
        self.assertEqual((back.step.number, back.step.display_number), (3, "3.1"))
        return back

    def test_the_steps_keep_their_printed_numbers(self) -> None:
        self.assertEqual([s.display_number for s in self.version.steps.order_by("number")], LABELS)

    def test_the_case_page_timeline_and_the_case_list(self) -> None:
        task = self._sent_back_to_3_1()
        self.client.force_login(self.subsection_head)
        page = self.client.get(reverse("workflow:case", args=[task.case_id])).content.decode()
        timeline = page[page.index('<ol class="timeline">'):]
        timeline = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", timeline[:timeline.index("</ol>")]))
        # Done 3.1 and 3.2, sent back from 4 to 3.1, and opened 3.1 again: never the order numbers 5 and 6.
        self.assertIn("· langkah 3.1 ", timeline)
        self.assertIn("· langkah 3.2 ", timeline)
        self.assertIn("· langkah 4 → langkah 3.1 ", timeline)
        self.assertNotIn("langkah 5", timeline)
        self.assertNotIn("langkah 6", timeline)
        listing = self.client.get(reverse("workflow:case_list")).content.decode()
        self.assertIn("langkah 3.1 di ", listing)

    def test_the_reminder_mail_and_the_gantt_chart(self) -> None:
        task = self._sent_back_to_3_1()
        with translation.override("en"):
            subject, body = _message(Notification.Kind.OVERDUE, task.case, task)
        self.assertIn("Step: 3.1. Menyiapkan format isian untuk bidang", body)
        svg = case_gantt_svg(task.case, now=MONDAY + dt.timedelta(hours=2))
        self.assertEqual(re.findall(r">(\d[\d.]*)\. \w+</text>", svg), LABELS)
        self.assertIn("Step 3.2 planned", svg)

    def test_the_command_line(self) -> None:
        task = self._sent_back_to_3_1()
        out = StringIO()
        call_command("case", "show", str(task.case_id), stdout=out)
        shown = out.getvalue()
        self.assertIn("step 3.1, round 2", shown)
        self.assertIn("step 4 → 3.1\t", shown)  # the return event
        self.assertRegex(shown, r"completed\t\w+\tstep 3\.2\t")
        out = StringIO()
        call_command("case", "list", stdout=out)
        self.assertIn("\tstep 3.1, task ", out.getvalue())
        out = StringIO()
        call_command("sop", "plan", str(self.version.pk), "--start", MONDAY.isoformat(), stdout=out)
        self.assertEqual([line.split()[0] for line in out.getvalue().splitlines()[1:7]], LABELS)
        out = StringIO()
        call_command("sop", "plan", str(self.version.pk), "--start", MONDAY.isoformat(), "--json", stdout=out)
        self.assertEqual([s.get("label") for s in json.loads(out.getvalue())["steps"]],
                         LABELS)
        out = StringIO()
        call_command("sop", "compliance", str(self.version.pk), "--year", "2025", stdout=out)
        rows = [line.split()[0] for line in out.getvalue().splitlines() if re.match(r"\s*\d", line)]
        self.assertEqual(rows, LABELS)
        sheet = load_workbook(io.BytesIO(to_xlsx(compliance(self.version.sop, 2025)))).active
        first = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == "Sekretaris")
        self.assertEqual([sheet.cell(first + i, 1).value for i in range(6)], [1, 2, "3.1", "3.2", 4, 5])

    def test_an_unlinked_actor_is_named_with_its_printed_steps(self) -> None:
        Actor.objects.filter(version=self.version, name="JFU").update(position=None, in_unit="")
        with self.assertRaisesMessage(KinerjaError, "JFU (step 3.1, 3.2)"):
            actions.start_case(self.version.pk, user=self.secretary, title="Data", period="Juni 2025", at=MONDAY)
