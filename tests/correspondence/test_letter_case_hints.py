"""The letter page on the case of its period when a second letter of that period joins the running case.
The first letter's disposition form ticked the JFU and said that saving completes the Sekretaris's step,
though the second letter's disposition had done that step; and the second letter said it started the case."""

from __future__ import annotations

from kinerja.correspondence.models import Letter
from kinerja.workflow.models import Case, Task

from .helpers import another_scan, pdf_upload
from .test_workflow_link import SeedSopTestCase

HINT = "Langkah SOP berikutnya untuk"


class SecondLetterOfAPeriodTestCase(SeedSopTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.first = self.post_letter()
        self.client.post("/letters/new/", {
            "kind": "data_collection", "number": "005/15/III.07/2025", "letter_date": "2025-03-24",
            "sender": "Kepala Dinas Koperasi dan UKM", "subject": "Susulan: Penyusunan Data Kinerja Triwulan I 2025",
            "received_on": "2025-03-24", "period": "Triwulan I 2025", "scan": pdf_upload("susulan.pdf", another_scan())})
        self.second = Letter.objects.exclude(pk=self.first.pk).get()
        self.case = Case.objects.get(pk=self.first.case_id)

    def dispose(self, letter: Letter) -> None:
        self.client.post(f"/letters/{letter.pk}/dispose/", {
            "recipients": [self.positions["subsection_head"].pk], "instructions": ["follow_up"],
            "disposed_on": "2025-03-24"})

    def test_the_second_letter_joins_the_case(self) -> None:
        self.assertEqual(self.second.case_id, self.first.case_id)

    def test_once_the_other_letters_disposition_did_the_step_nothing_is_ticked_or_promised(self) -> None:
        self.dispose(self.second)
        self.assertEqual(self.case.tasks.get(status=Task.Status.OPEN).step.number, 2)
        response = self.client.get(f"/letters/{self.first.pk}/")
        self.assertEqual(response.context["form"]["recipients"].value(), [])
        self.assertNotContains(response, HINT)
        self.assertNotContains(response, "menyelesaikan langkah Anda")
        # Saving it indeed completes nothing: the case still waits at step 2.
        self.dispose(self.first)
        self.assertEqual(self.case.tasks.get(status=Task.Status.OPEN).step.number, 2)

    def test_while_the_secretarys_step_is_open_either_letter_ticks_the_next_position(self) -> None:
        for letter in (self.first, self.second):
            response = self.client.get(f"/letters/{letter.pk}/")
            self.assertEqual(response.context["form"]["recipients"].value(), [self.positions["subsection_head"].pk])
            self.assertContains(response, HINT)

    def test_the_head_whose_disposition_completes_no_step_is_promised_nothing(self) -> None:
        self.client.force_login(self.head)
        response = self.client.get(f"/letters/{self.first.pk}/")
        self.assertIsNotNone(response.context["form"])
        self.assertNotContains(response, HINT)
        self.assertEqual(response.context["form"]["recipients"].value(), [])

    def test_only_the_letter_that_started_the_case_says_so(self) -> None:
        first = self.client.get(f"/letters/{self.first.pk}/")
        self.assertContains(first, "Buka pelaksanaan SOP yang dimulai surat ini")
        second = self.client.get(f"/letters/{self.second.pk}/")
        self.assertContains(second, "Buka pelaksanaan SOP yang terkait dengan surat ini")
        self.assertNotContains(second, "dimulai surat ini")
        self.assertContains(second, f'href="/cases/{self.case.pk}/"')

    def test_a_letter_joining_a_case_started_by_hand_did_not_start_it(self) -> None:
        Case.objects.filter(pk=self.case.pk).update(trigger_note="Arahan lisan Kepala Dinas")
        self.assertContains(self.client.get(f"/letters/{self.first.pk}/"),
                            "Buka pelaksanaan SOP yang terkait dengan surat ini")
