"""The parallel step: requests to the divisions, their answers, progress, completing with a reason."""

from __future__ import annotations

from django.core.files.base import ContentFile

from kinerja.errors import KinerjaError, NotAllowed
from kinerja.workflow import actions
from kinerja.workflow.models import DivisionRequest, Event, Task
from kinerja.workflow.signals import request_answered

from .base import WorkflowTestCase, at


class DivisionRequestTestCase(WorkflowTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.case = self.start_case()
        self.task = self.run_to_step(self.case, 3)

    def send(self) -> list[DivisionRequest]:
        return actions.send_division_requests(self.task.pk, user=self.staff, divisions=self.divisions,
                                              what="Realisasi indikator Triwulan I dan bukti dukung",
                                              due_at=at(27, 12), at=at(24, 9))

    def test_each_division_contact_answers_with_files(self) -> None:
        requests = self.send()
        self.assertEqual(len(requests), 4)
        received = []
        request_answered.connect(lambda sender, request, **kw: received.append(request.pk), weak=False,
                                 dispatch_uid="test-answered")
        self.addCleanup(request_answered.disconnect, dispatch_uid="test-answered")
        with self.captureOnCommitCallbacks(execute=True):
            actions.answer_request(requests[0].pk, user=self.contacts[0], note="Data terlampir",
                                   files=[ContentFile(b"a;b", name="realisasi.csv")], at=at(25, 9))
        self.assertEqual(received, [requests[0].pk])
        self.assertEqual(self.task.files.get().request_id, requests[0].pk)
        self.assertEqual(self.task.requests.filter(answered_at__isnull=False).count(), 1)

    def test_the_same_file_twice_in_one_answer_is_refused_naming_both_and_nothing_is_saved(self) -> None:
        # The answer page's form told it; a caller of the action (the command line, the API) was not told.
        request = self.send()[0]
        with self.assertRaisesMessage(KinerjaError, "rekap (1).csv dipilih dua kali pada Berkas (juga sebagai "
                                                    "rekap.csv): pilih sekali saja."):
            actions.answer_request(request.pk, user=self.contacts[0], note="Data terlampir", at=at(25, 9),
                                   files=[ContentFile(b"a;b", name="rekap.csv"), ContentFile(b"c;d", name="lain.csv"),
                                          ContentFile(b"a;b", name="rekap (1).csv")])
        request.refresh_from_db()
        self.assertIsNone(request.answered_at)
        self.assertFalse(self.task.files.exists())
        self.assertFalse(self.case.events.filter(kind=Event.Kind.REQUEST_ANSWERED).exists())

    def test_a_file_also_sent_in_another_part_of_the_answer_is_refused_naming_it(self) -> None:
        request = self.send()[0]
        evidence = ContentFile(b"%PDF bukti", name="bukti.pdf")
        with self.assertRaisesMessage(KinerjaError, "lampiran.pdf pada Berkas juga dipilih untuk bukti dukung IK-01 "
                                                    "(sebagai bukti.pdf): kirimkan sekali saja."):
            actions.answer_request(request.pk, user=self.contacts[0], note="Data terlampir", at=at(25, 9),
                                   files=[ContentFile(b"%PDF bukti", name="lampiran.pdf")],
                                   elsewhere=[(evidence, "bukti dukung IK-01")])
        request.refresh_from_db()
        self.assertIsNone(request.answered_at)

    def test_different_files_with_one_name_are_both_sent(self) -> None:
        request = self.send()[0]
        actions.answer_request(request.pk, user=self.contacts[0], note="Data terlampir", at=at(25, 9),
                               files=[ContentFile(b"a;b", name="rekap.csv"), ContentFile(b"c;d", name="rekap.csv")],
                               elsewhere=[(ContentFile(b"e;f", name="bukti.csv"), "bukti dukung IK-01")])
        self.assertEqual(self.task.files.count(), 2)

    def test_completing_without_every_division_names_those_that_did_not_answer(self) -> None:
        requests = self.send()
        actions.answer_request(requests[0].pk, user=self.contacts[0], note="ok", at=at(25, 9))
        actions.answer_request(requests[2].pk, user=self.contacts[2], note="ok", at=at(25, 9))
        self.client.force_login(self.staff)
        page = self.client.get(f"/cases/{self.case.pk}/").content.decode()
        names = [d.short_name or d.name for d in (self.divisions[1], self.divisions[3])]
        actions_card = page.split('id="actions"')[1]
        self.assertIn(f'<p class="unanswered">Belum menjawab: {names[0]}, {names[1]}.</p>', actions_card)

    def test_another_division_may_not_answer(self) -> None:
        requests = self.send()
        with self.assertRaises(NotAllowed):
            actions.answer_request(requests[0].pk, user=self.contacts[1], note="x", at=at(25, 9))

    def test_answering_twice_names_who_answered(self) -> None:
        requests = self.send()
        actions.answer_request(requests[0].pk, user=self.contacts[0], note="ok", at=at(25, 9))
        with self.assertRaisesMessage(KinerjaError, "Contoh Operator Bidang Satu"):
            actions.answer_request(requests[0].pk, user=self.contacts[0], note="lagi", at=at(25, 10))

    def test_the_step_waits_for_every_division(self) -> None:
        requests = self.send()
        for request, contact in zip(requests[:3], self.contacts, strict=False):
            actions.answer_request(request.pk, user=contact, note="ok", at=at(25, 9))
        with self.assertRaisesMessage(KinerjaError, self.divisions[3].name):
            actions.complete_task(self.task.pk, user=self.staff, at=at(25, 10))
        actions.answer_request(requests[3].pk, user=self.contacts[3], note="ok", at=at(25, 10))
        actions.complete_task(self.task.pk, user=self.staff, note="Rekap", at=at(25, 11))
        self.assertEqual(self.open_task(self.case).step.number, 4)

    def test_completing_early_records_the_reason_and_the_missing_divisions(self) -> None:
        requests = self.send()
        actions.answer_request(requests[0].pk, user=self.contacts[0], note="ok", at=at(25, 9))
        with self.assertRaisesMessage(KinerjaError, "Alasan"):
            actions.complete_with_missing(self.task.pk, user=self.staff, reason="", at=at(26, 9))
        actions.complete_with_missing(self.task.pk, user=self.staff, reason="Batas waktu lewat", at=at(26, 9))
        event = self.case.events.get(kind=Event.Kind.COMPLETED_WITH_MISSING)
        self.assertEqual(event.data["missing_divisions"], [d.pk for d in self.divisions[1:]])
        self.task.refresh_from_db()
        self.assertEqual((self.task.status, self.task.reason), (Task.Status.DONE, "Batas waktu lewat"))

    def test_a_division_is_asked_once(self) -> None:
        self.send()
        with self.assertRaisesMessage(KinerjaError, self.divisions[0].name):
            self.send()

    def test_only_the_coordinating_step_sends_requests(self) -> None:
        self.send()
        for r, c in zip(DivisionRequest.objects.order_by("pk"), self.contacts, strict=True):
            actions.answer_request(r.pk, user=c, note="ok", at=at(25, 9))
        actions.complete_task(self.task.pk, user=self.staff, at=at(25, 10))
        step4 = self.open_task(self.case)
        with self.assertRaisesMessage(KinerjaError, "langkah 4"):
            actions.send_division_requests(step4.pk, user=self.subsection_head, divisions=self.divisions,
                                           what="x", due_at=at(27, 12), at=at(25, 11))

    def test_the_inbox_counts_each_open_tasks_own_requests_and_answers(self) -> None:
        """The inbox's "2 of 4 divisions answered", counted for each open task on its own."""
        from kinerja.workflow import inbox

        other = self.run_to_step(self.start_case(title="Kasus kedua", period="Triwulan II 2025"), 3)
        requests = self.send()
        for request, contact in zip(requests[:2], self.contacts, strict=False):
            actions.answer_request(request.pk, user=contact, note="ok", at=at(25, 9))
        box = inbox.build(self.staff, self.office, at(25, 10), at(25, 10).date())
        rows = {r.task.pk: r.progress for r in box.todo + box.soon + box.overdue}
        self.assertEqual(rows, {self.task.pk: (2, 4), other.pk: (0, 0)})
