"""Steps 4-6 of the seed SOP are done by initialling and signing the case's Data Kinerja on its page
(workflow_link.completion_hold, registered with the engine's completion checks): while the document waits
for an act, "Sesuai" on the case page and `kinerja case complete` are refused with where to do it;
"Belum sesuai" stays possible. A case the head's letter started waits for its Data Kinerja to be compiled;
one started by hand without a document completes by hand as before, at the same query count."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from kinerja.correspondence import actions
from kinerja.correspondence.models import Document, DocumentVersion
from kinerja.correspondence.workflow_link import completion_hold, document_signed, initial_done
from kinerja.workflow import actions as wf
from kinerja.workflow.extensions import CompletionHeld
from kinerja.workflow.models import Case, Event, Task
from tests.base import PASSWORD

from .helpers import small_pdf
from .test_signing import url_for
from .test_workflow_link import SeedSopTestCase

LOCK = 1 if connection.features.has_select_for_update else 0
# With the notification of the new task, as tests/workflow/test_query_counts.py pins it.
WRITES = 1 if connection.vendor == "postgresql" else 4


class CompletionHoldTestCase(SeedSopTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.case = wf.start_case(self.version.pk, user=self.secretary, title="Data Kinerja Triwulan I 2025",
                                  period="Triwulan I 2025")
        self.performers = {1: self.secretary, 2: self.subsection_head, 3: self.staff, 4: self.subsection_head,
                           5: self.secretary, 6: self.head}

    def open_task(self) -> Task:
        return self.case.tasks.select_related("step").get(status=Task.Status.OPEN)

    def run_to(self, number: int) -> Task:
        task = self.open_task()
        while task.step.number < number:
            extra = {"next_user": self.staff} if task.step.number == 2 else {}
            wf.complete_task(task.pk, user=self.performers[task.step.number], verdict="ok", **extra)
            task = self.open_task()
        return task

    def compile(self) -> DocumentVersion:
        return actions.create_document(self.office, user=self.subsection_head, kind=Document.Kind.PERFORMANCE_DATA,
                                       title="Data Kinerja Triwulan I 2025", content=small_pdf("Data v1"),
                                       case_id=self.case.pk)

    def complete_page(self, task: Task, user: object, status: int = 200, **data: str) -> str:
        self.client.force_login(user)
        response = self.client.post(f"/tasks/{task.pk}/complete/", {f"complete-{k}": v for k, v in data.items()})
        self.assertEqual(response.status_code, status)
        return response.content.decode()

    def test_sesuai_on_step_4_is_refused_while_the_data_kinerja_waits_for_the_kasubbags_initials(self) -> None:
        step4 = self.run_to(4)
        version = self.compile()
        events = self.case.events.count()
        with translation.override("en"), self.assertRaises(CompletionHeld) as refused:
            wf.complete_task(step4.pk, user=self.subsection_head, verdict="ok", note="Sudah diperiksa")
        self.assertEqual(str(refused.exception), (
            "Step 4 is completed by the initials of Kepala Sub Bagian Program, Keuangan dan Aset on Data Kinerja Triwulan I "
            "2025 (version 1), given on the document's page."))
        self.assertEqual(refused.exception.hold.url, f"/documents/{version.document_id}/")
        self.assertEqual(self.open_task().pk, step4.pk)
        self.assertEqual(self.case.events.count(), events)

    def test_the_case_page_leads_to_the_document_and_offers_only_belum_sesuai(self) -> None:
        step4 = self.run_to(4)
        version = self.compile()
        self.client.force_login(self.subsection_head)
        html = self.client.get(f"/cases/{self.case.pk}/").content.decode()
        self.assertIn("Langkah 4 diselesaikan dengan paraf Kepala Sub Bagian Program, Keuangan dan Aset pada Data Kinerja "
                      "Triwulan I 2025 (versi 1), yang diberikan di halaman dokumen.", html)
        self.assertIn(f'<a class="button primary" href="/documents/{version.document_id}/">Paraf Data Kinerja '
                      "Triwulan I 2025</a>", html)
        self.assertIn('<input type="hidden" name="complete-verdict" value="not_ok"', html)
        self.assertNotIn('value="ok"', html)
        self.assertNotIn('<label for="id_complete-verdict"', html)  # a hidden field has no label of its own
        # Pressed from a page opened before the document was compiled: refused, the way there shown as an alert.
        html = self.complete_page(step4, self.subsection_head, verdict="ok", note="Sudah sesuai")
        self.assertIn('<div class="held" role="alert">', html)
        self.assertIn("Tidak diselesaikan:", html)
        self.assertIn("Sudah sesuai", html)  # what was typed, shown apart
        self.assertEqual(self.open_task().pk, step4.pk)

    def test_belum_sesuai_stays_possible(self) -> None:
        step4 = self.run_to(4)
        self.compile()
        self.complete_page(step4, self.subsection_head, 302, verdict="not_ok", reason="Data bidang UMKM belum lengkap")
        self.assertEqual(Task.objects.get(pk=step4.pk).status, Task.Status.RETURNED)
        self.assertEqual(self.open_task().step.number, 3)

    def test_the_initials_and_the_signature_complete_steps_4_to_6(self) -> None:
        self.run_to(4)
        version = self.compile()
        self.client.force_login(self.subsection_head)
        self.client.post(f"/documents/versions/{version.pk}/initial/")
        step5 = self.open_task()
        self.assertEqual(step5.step.number, 5)
        with self.assertRaises(CompletionHeld):
            wf.complete_task(step5.pk, user=self.secretary, verdict="ok")
        initial_done(actions.initial_version(version.pk, user=self.secretary), user=self.secretary)
        step6 = self.open_task()
        self.assertEqual(step6.step.number, 6)
        self.client.force_login(self.head)
        html = self.client.get(f"/cases/{self.case.pk}/").content.decode()
        self.assertIn("Tandatangani Data Kinerja Triwulan I 2025", html)
        self.assertNotIn(f'action="/tasks/{step6.pk}/complete/"', html)  # step 6 sends nothing back: no form at all
        self.assertIn("Langkah 6 diselesaikan dengan tanda tangan Kepala Dinas", self.complete_page(step6, self.head))
        self.assertEqual(self.open_task().pk, step6.pk)
        signature = actions.sign_version(version.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)
        document_signed(signature, user=self.head)
        self.case.refresh_from_db()
        self.assertEqual(self.case.status, Case.Status.DONE)

    def test_a_new_version_without_the_earlier_initials_holds_the_signature_too(self) -> None:
        self.run_to(4)
        version = self.compile()
        initial_done(actions.initial_version(version.pk, user=self.subsection_head), user=self.subsection_head)
        initial_done(actions.initial_version(version.pk, user=self.secretary), user=self.secretary)
        step6 = self.open_task()
        actions.add_version(version.document_id, user=self.subsection_head, content=small_pdf("Data v2"))
        with translation.override("en"), self.assertRaises(CompletionHeld) as refused:
            wf.complete_task(step6.pk, user=self.head)
        self.assertIn("(version 2)", str(refused.exception))
        self.assertIn("The initials of Kepala Sub Bagian Program, Keuangan dan Aset, Sekretaris Dinas come first and "
                      "are still missing.", str(refused.exception))
        self.assertEqual(refused.exception.hold.action, "Open Data Kinerja Triwulan I 2025")

    def test_the_kasubbags_step_2_is_not_held(self) -> None:
        # Only the steps that give the approvals wait for them: the Kasubbag's last step before the
        # Sekretaris's initials (4), not the instruction to the JFU (2).
        step2 = self.run_to(2)
        self.compile()
        wf.complete_task(step2.pk, user=self.subsection_head, next_user=self.staff)
        self.assertEqual(self.open_task().step.number, 3)

    def test_a_case_the_heads_letter_started_waits_for_its_data_kinerja_to_be_compiled(self) -> None:
        # A letter written during the case (a data request) belongs to it, but its steps do not approve it; with no
        # Data Kinerja compiled, "Sesuai" on step 4 would close the case with nothing initialled or signed.
        letter = self.post_letter()
        self.case = Case.objects.get(pk=letter.case_id)
        self.assertTrue(self.case.guarded)
        actions.create_outgoing(self.office, actions.OutgoingInput(
            kind=Document.Kind.DATA_REQUEST, title="Permintaan Data", addressee="Bidang UMKM", body="Mohon data.",
            classification="005",
            letter=letter), user=self.subsection_head)
        step4 = self.run_to(4)
        events = self.case.events.count()
        with translation.override("en"), self.assertRaises(CompletionHeld) as refused:
            wf.complete_task(step4.pk, user=self.subsection_head, verdict="ok")
        self.assertEqual(str(refused.exception), (
            "Step 4 is completed by the initials of Kepala Sub Bagian Program, Keuangan dan Aset on the Data Kinerja "
            f"{self.case.period.replace('Triwulan', 'Quarter')}, which has not been compiled for this case yet. Compile "
            "it on the performance dashboard (Compile report version) and put it up for initials; or send the work "
            "back with “Belum sesuai”."))
        self.assertTrue(refused.exception.hold.url.startswith("/data/dashboard/?year="))
        self.assertTrue(refused.exception.hold.url.endswith("#compile"))
        self.assertEqual(self.case.events.count(), events)
        # The case page leads there and offers only "Belum sesuai", which stays possible.
        self.client.force_login(self.subsection_head)
        html = self.client.get(f"/cases/{self.case.pk}/").content.decode()
        self.assertIn("belum disusun untuk pelaksanaan ini", html)
        self.assertNotIn('name="complete-verdict" value="ok"', html)
        wf.return_task(step4.pk, user=self.subsection_head, reason="Data bidang UMKM belum lengkap")
        self.assertEqual(self.open_task().step.number, 3)
        # Compiled and put up: its initials complete step 4, as for any Data Kinerja.
        step4 = self.run_to(4)
        version = actions.create_document(self.office, user=self.subsection_head, kind=Document.Kind.PERFORMANCE_DATA,
                                          title="Data Kinerja", content=small_pdf("Data v1"), case_id=self.case.pk)
        initial_done(actions.initial_version(version.pk, user=self.subsection_head), user=self.subsection_head)
        self.assertEqual(self.open_task().step.number, 5)
        # The head's signature step waits for the signature the same way.
        with self.assertRaises(CompletionHeld):
            wf.complete_task(self.open_task().pk, user=self.secretary, verdict="ok")

    def test_a_case_started_by_hand_without_a_document_completes_by_hand(self) -> None:
        # Started from the SOP's page (setUp), nothing compiled: the office may make its report elsewhere; no
        # query more than any task's completion.
        self.assertFalse(Case.objects.get(pk=self.case.pk).guarded)
        step4 = self.run_to(4)
        with self.assertNumQueries(3 + LOCK + WRITES):  # as tests/workflow/test_query_counts.py pins it
            wf.complete_task(step4.pk, user=self.subsection_head, verdict="ok")
        self.run_to(6)
        wf.complete_task(self.open_task().pk, user=self.head)
        self.assertEqual(Case.objects.get(pk=self.case.pk).status, Case.Status.DONE)
        self.assertEqual(self.case.events.filter(kind=Event.Kind.CASE_FINISHED).count(), 1)

    def test_initials_on_another_document_of_the_case_do_not_complete_step_4(self) -> None:
        """Before the Data Kinerja exists, the Kasubbag initials an attachment of the case and a data request
        replying to the head's letter: step 4 waits for the Data Kinerja's initials all the same."""
        letter = self.post_letter()
        self.case = Case.objects.get(pk=letter.case_id)
        step4 = self.run_to(4)
        other = actions.create_document(self.office, user=self.subsection_head, kind=Document.Kind.OTHER,
                                        title="Lampiran", content=small_pdf("Lampiran"), case_id=self.case.pk)
        request = actions.create_outgoing(self.office, actions.OutgoingInput(
            kind=Document.Kind.DATA_REQUEST, title="Permintaan Data", addressee="Bidang UMKM", body="Mohon data.",
            classification="005",
            letter=letter), user=self.subsection_head)
        self.assertEqual(request.document.case_id, self.case.pk)
        for version in (other, request):
            self.assertEqual(initial_done(actions.initial_version(version.pk, user=self.subsection_head),
                                          user=self.subsection_head), [])
        self.assertEqual(self.open_task().pk, step4.pk)
        version = self.compile()
        with self.assertRaises(CompletionHeld) as refused:
            wf.complete_task(step4.pk, user=self.subsection_head, verdict="ok")
        self.assertEqual(refused.exception.hold.url, f"/documents/{version.document_id}/")
        initial_done(actions.initial_version(version.pk, user=self.subsection_head), user=self.subsection_head)
        self.assertEqual(self.open_task().step.number, 5)

    def test_a_signed_outgoing_letter_of_the_case_is_not_the_signature_of_step_6(self) -> None:
        letter = self.post_letter()
        self.case = Case.objects.get(pk=letter.case_id)
        self.run_to(4)
        data = self.compile()
        initial_done(actions.initial_version(data.pk, user=self.subsection_head), user=self.subsection_head)
        initial_done(actions.initial_version(data.pk, user=self.secretary), user=self.secretary)
        step6 = self.open_task()
        self.assertEqual(step6.step.number, 6)
        reply = actions.create_outgoing(self.office, actions.OutgoingInput(
            kind=Document.Kind.COVER_LETTER, title="Surat Pengantar", addressee="Bappeda", body="Terlampir.",
            classification="005",
            letter=letter), user=self.subsection_head)
        actions.initial_version(reply.pk, user=self.subsection_head)
        actions.initial_version(reply.pk, user=self.secretary)
        signature = actions.sign_version(reply.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)
        self.assertEqual(document_signed(signature, user=self.head), [])
        self.assertEqual(self.open_task().pk, step6.pk)

    def test_initialling_the_data_kinerja_early_does_not_complete_the_kasubbags_step_2(self) -> None:
        step2 = self.run_to(2)
        version = self.compile()
        self.assertEqual(initial_done(actions.initial_version(version.pk, user=self.subsection_head),
                                      user=self.subsection_head), [])
        self.assertEqual(self.open_task().pk, step2.pk)
        # Step 4 then finds the initials given and completes by hand.
        step4 = self.run_to(4)
        wf.complete_task(step4.pk, user=self.subsection_head, verdict="ok")
        self.assertEqual(self.open_task().step.number, 5)

    def test_the_command_line_gives_the_same_refusal(self) -> None:
        step4 = self.run_to(4)
        self.compile()
        with translation.override("id"):
            expected = str(completion_hold(step4).message)
            with self.assertRaises(CommandError) as refused:
                call_command("case", "complete", str(step4.pk), "--user", self.subsection_head.username,
                             stdout=StringIO(), stderr=StringIO())
        self.assertEqual(str(refused.exception), expected)
        self.assertTrue(expected.startswith("Langkah 4 diselesaikan dengan paraf"))

    def test_the_check_costs_the_same_queries_for_one_document_or_several(self) -> None:
        step4 = self.run_to(4)
        self.compile()
        step4 = Task.objects.select_related("case", "step", "position").get(pk=step4.pk)
        with self.assertNumQueries(5):  # unsigned documents, required initials, steps, newest versions, initials
            self.assertIsNotNone(completion_hold(step4))
        actions.create_document(self.office, user=self.subsection_head, kind=Document.Kind.OTHER, title="Lampiran",
                                content=small_pdf("Lampiran"), case_id=self.case.pk)
        with self.assertNumQueries(5):
            self.assertIsNotNone(completion_hold(step4))

    def test_cases_with_a_document_from_before_are_guarded_by_the_migration(self) -> None:
        from importlib import import_module

        from django.apps import apps

        self.run_to(4)
        Document.objects.create(office=self.office, kind=Document.Kind.PERFORMANCE_DATA, title="Data Kinerja",
                                created_by=self.subsection_head, case_id=self.case.pk)
        self.assertFalse(Case.objects.get(pk=self.case.pk).guarded)
        import_module("kinerja.correspondence.migrations.0005_guard_cases_with_documents").guard(apps, None)
        self.assertTrue(Case.objects.get(pk=self.case.pk).guarded)
