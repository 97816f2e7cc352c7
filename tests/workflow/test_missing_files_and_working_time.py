"""Completing a coordinating step without every division takes files as a normal completion does; the
time left (or late) is said to be working time ("2 menit jam kerja"), never read as wall-clock time."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from kinerja.workflow import actions
from kinerja.workflow.inbox import describe
from kinerja.workflow.models import Task

from .base import WorkflowTestCase, at

DAY = dt.timedelta(hours=8)


class MissingWithFilesTestCase(WorkflowTestCase):
    def test_the_form_has_a_file_field_and_the_files_are_kept(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        actions.send_division_requests(step3.pk, user=self.staff, divisions=self.divisions, what="Realisasi",
                                       due_at=at(27, 12), at=at(24, 9))
        self.client.force_login(self.staff)
        page = self.client.get(f"/cases/{case.pk}/")
        self.assertContains(page, f'id="id_missing_files_{step3.pk}"')
        self.client.post(f"/tasks/{step3.pk}/complete-missing/", {
            "missing-reason": "Bidang 4 tidak menjawab", "missing-note": "Rekap tiga bidang",
            "files": SimpleUploadedFile("rekap.pdf", b"%PDF-1.4\n")}, headers={"HX-Request": "true"})
        step3.refresh_from_db()
        self.assertEqual(step3.status, Task.Status.DONE)
        self.assertEqual(list(step3.files.values_list("name", flat=True)), ["rekap.pdf"])

    def test_an_empty_file_is_refused_and_nothing_is_saved(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        actions.send_division_requests(step3.pk, user=self.staff, divisions=self.divisions, what="Realisasi",
                                       due_at=at(27, 12), at=at(24, 9))
        self.client.force_login(self.staff)
        r = self.client.post(f"/tasks/{step3.pk}/complete-missing/", {
            "missing-reason": "Bidang 4 tidak menjawab", "files": SimpleUploadedFile("kosong.pdf", b"")},
            headers={"HX-Request": "true"})
        self.assertContains(r, "kosong.pdf")
        self.assertContains(r, "Bidang 4 tidak menjawab")  # what was typed stays
        step3.refresh_from_db()
        self.assertEqual(step3.status, Task.Status.OPEN)


def test_working_time_is_said_to_be_working_time() -> None:
    with translation.override("id"):
        assert describe(dt.timedelta(minutes=2), DAY) == "2 menit jam kerja"
        assert describe(dt.timedelta(hours=3), DAY) == "3 jam kerja"
        assert describe(dt.timedelta(hours=1, minutes=5), DAY) == "1 jam 5 menit jam kerja"
        assert describe(dt.timedelta(hours=10), DAY) == "1 hari kerja 2 jam"
        assert describe(dt.timedelta(0), DAY) == "0 menit jam kerja"
    with translation.override("en"):
        assert describe(dt.timedelta(minutes=2), DAY) == "2 minutes of working time"
        assert describe(dt.timedelta(hours=1), DAY) == "1 working hour"
