"""A failed action leaves no file behind in the data directory (kinerja/uploads.py): the files it stored
before the error are deleted with the rollback of its rows, and a successful action keeps its files."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import override_settings

from kinerja.errors import KinerjaError
from kinerja.performance.requests import ActualEntry, AnswerErrors, answer_with_actuals
from kinerja.uploads import removed_on_failure
from kinerja.workflow import actions
from kinerja.workflow.models import TaskFile
from tests.workflow.answering import AnsweringTestCase
from tests.workflow.base import at

PDF = b"%PDF-1.4\n%%EOF\n"
MEMO = b"%PDF-1.4\n% memo of the division\n%%EOF\n"  # another file than the evidence: one file is sent once


def stored_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


class LeftoverFilesTestCase(AnsweringTestCase):
    @override_settings(KINERJA_MAX_UPLOAD_BYTES=1024)
    def test_a_refused_file_takes_the_files_before_it_along(self) -> None:
        before = stored_files()
        task = self.open_task(self.case)
        files = [SimpleUploadedFile("notulen.pdf", PDF), SimpleUploadedFile("lampiran-besar.pdf", PDF + b"x" * 2048)]
        with self.assertRaisesMessage(KinerjaError, "lampiran-besar.pdf"):
            actions.complete_with_missing(task.pk, user=self.staff, reason="Bidang belum menjawab", files=files,
                                          at=at(25, 9))
        self.assertEqual(stored_files(), before)
        self.assertFalse(TaskFile.objects.exists())

    def test_a_bad_actual_after_the_evidence_leaves_no_evidence_file(self) -> None:
        before = stored_files()
        evidence = SimpleUploadedFile("bukti-ik01.pdf", PDF, content_type="application/pdf")
        with self.assertRaises(AnswerErrors):
            answer_with_actuals(self.requests[0].pk, user=self.contacts[0], note="Data TW I",
                                files=[SimpleUploadedFile("memo.pdf", MEMO)], entries=[
                                    ActualEntry(self.active.pk, "1.725", files=[evidence]),
                                    ActualEntry(self.healthy.pk, "12,5x")])
        self.assertEqual(stored_files(), before)

    def test_a_successful_answer_keeps_its_files(self) -> None:
        before = stored_files()
        evidence = SimpleUploadedFile("bukti-ik01.pdf", PDF, content_type="application/pdf")
        answer_with_actuals(self.requests[0].pk, user=self.contacts[0], note="Data TW I",
                            files=[SimpleUploadedFile("memo.pdf", MEMO)], entries=[
                                ActualEntry(self.active.pk, "1.725", files=[evidence]),
                                ActualEntry(self.healthy.pk, "61,5")])
        self.assertEqual(len(stored_files() - before), 2)

    def test_an_error_at_the_commit_removes_the_files_too(self) -> None:
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage

        before = stored_files()

        @removed_on_failure
        @transaction.atomic
        def store_then_fail() -> None:
            default_storage.save("tes/berkas.pdf", ContentFile(PDF))
            transaction.on_commit(lambda: None)
            raise IntegrityError("the commit failed")

        with self.assertRaises(IntegrityError):
            store_then_fail()
        self.assertEqual(stored_files(), before)
