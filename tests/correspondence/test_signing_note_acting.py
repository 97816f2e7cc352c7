"""The note on the case page of the step that signs the Data Kinerja (workflow_link.completion_hold) names the
capacity the signature is given in that day: "Plh. Kepala Dinas" while the Sekretaris acts for the Kepala Dinas
(24 to 30 March 2025, tests/base.py), "Kepala Dinas" once the Kepala Dinas is back."""

from __future__ import annotations

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

from kinerja.correspondence import actions
from kinerja.correspondence.models import Document
from kinerja.correspondence.workflow_link import initial_done
from kinerja.workflow import actions as wf
from kinerja.workflow.models import Task

from .helpers import small_pdf
from .test_workflow_link import SeedSopTestCase

WIB = ZoneInfo("Asia/Jakarta")
ON_PLH_DAY = dt.datetime(2025, 3, 25, 10, 0, tzinfo=WIB)
AFTER = dt.datetime(2025, 3, 31, 10, 0, tzinfo=WIB)


class SigningNoteTestCase(SeedSopTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.clock = self.enterContext(mock.patch("django.utils.timezone.now", return_value=ON_PLH_DAY))
        self.case = wf.start_case(self.version.pk, user=self.secretary, title="Data Kinerja Triwulan I 2025",
                                  period="Triwulan I 2025")
        performers = {1: self.secretary, 2: self.subsection_head, 3: self.staff}
        task = self.open_task()
        while task.step.number < 4:
            extra = {"next_user": self.staff} if task.step.number == 2 else {}
            wf.complete_task(task.pk, user=performers[task.step.number], **extra)
            task = self.open_task()
        version = actions.create_document(self.office, user=self.subsection_head, kind=Document.Kind.PERFORMANCE_DATA,
                                          title="Data Kinerja Triwulan I 2025", content=small_pdf("Data v1"),
                                          case_id=self.case.pk)
        initial_done(actions.initial_version(version.pk, user=self.subsection_head), user=self.subsection_head)
        initial_done(actions.initial_version(version.pk, user=self.secretary), user=self.secretary)
        self.step6 = self.open_task()
        self.title = self.step6.position.title

    def open_task(self) -> Task:
        return self.case.tasks.select_related("step", "position").get(status=Task.Status.OPEN)

    def note(self, user: object) -> str:
        self.client.force_login(user)
        return self.client.get(f"/cases/{self.case.pk}/").content.decode()

    def test_the_plh_is_told_the_signature_is_the_plh_kepala_dinas_s(self) -> None:
        self.assertEqual(self.step6.step.number, 6)
        html = self.note(self.secretary)
        self.assertIn(f"Langkah 6 diselesaikan dengan tanda tangan Plh. {self.title} pada Data Kinerja", html)

    def test_the_kepala_dinas_is_told_his_own_once_back(self) -> None:
        self.clock.return_value = AFTER
        html = self.note(self.head)
        self.assertIn(f"Langkah 6 diselesaikan dengan tanda tangan {self.title} pada Data Kinerja", html)
        self.assertNotIn("Plh.", html.split('class="held"')[1].split("</div>")[0])
        self.assertEqual(self.open_task().status, Task.Status.OPEN)
