"""What the case page and the inbox tell a civil servant walking through the seed SOP for the first time
(found by walking it in a browser): where the files handed in are, why the work came back, what each
button leads to, what to do first at step 3, and how a division contact answers from the inbox."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.sop.models import Step
from kinerja.workflow import actions

from .base import at
from .test_views import ViewTestCase


class TaskFileTestCase(ViewTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.case = self.start_case()
        step3 = self.run_to_step(self.case, 3)
        actions.complete_task(step3.pk, user=self.staff, note="Rekap terlampir", at=at(24, 9),
                              files=[SimpleUploadedFile("rekap-bidang.csv", b"indikator;realisasi\nIK-01;1.677\n")])
        self.stored = step3.files.get()

    def test_it_links_the_file_on_the_case_page_to_a_page_that_serves_it(self) -> None:
        self.client.force_login(self.subsection_head)
        r = self.client.get(f"/cases/{self.case.pk}/")
        self.assertContains(r, f'href="/task-files/{self.stored.pk}/">rekap-bidang.csv</a>')
        download = self.client.get(f"/task-files/{self.stored.pk}/")
        self.assertEqual(download.status_code, 200)
        self.assertEqual(b"".join(download.streaming_content), b"indikator;realisasi\nIK-01;1.677\n")
        self.assertIn('filename="rekap-bidang.csv"', download.headers["Content-Disposition"])

    def test_it_serves_no_file_of_another_office(self) -> None:
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(f"/task-files/{self.stored.pk}/").status_code, 404)

    def test_it_asks_who_is_there_first(self) -> None:
        self.assertEqual(self.client.get(f"/task-files/{self.stored.pk}/").status_code, 302)


class SentBackTestCase(ViewTestCase):
    def test_the_reason_for_sending_the_work_back_is_on_the_card_of_the_new_round(self) -> None:
        case = self.start_case()
        step4 = self.run_to_step(case, 4)
        actions.return_task(step4.pk, user=self.subsection_head, reason="Bukti IK-09 belum dilampirkan", at=at(24, 10),
                            files=[SimpleUploadedFile("catatan-kasubbag.pdf", b"%PDF-1.4\n")])
        self.client.force_login(self.staff)
        r = self.client.get(f"/cases/{case.pk}/")
        now_card = r.content.decode().split('class="card now"')[1].split("</section>")[0]
        self.assertIn("Dikembalikan dari langkah 4 oleh Contoh Kasubbag Demo, S.E., 24 Mar 2025 10:00:", now_card)
        self.assertIn("Bukti IK-09 belum dilampirkan", now_card)
        self.assertIn("catatan-kasubbag.pdf", now_card)

    def test_a_first_round_has_no_such_note(self) -> None:
        case = self.start_case()
        self.run_to_step(case, 4)
        self.client.force_login(self.subsection_head)
        self.assertNotContains(self.client.get(f"/cases/{case.pk}/"), "Dikembalikan dari langkah")


class ButtonHintTestCase(ViewTestCase):
    def test_the_verdict_says_where_each_answer_leads(self) -> None:
        case = self.start_case()
        self.run_to_step(case, 4)
        self.client.force_login(self.subsection_head)
        self.assertContains(self.client.get(f"/cases/{case.pk}/"),
                            "Sesuai membuka langkah 5 (Sekretaris); Belum sesuai mengembalikan pekerjaan ke langkah 3 "
                            "(JFU) beserta alasan Anda.")

    def test_the_card_of_the_step_names_what_the_sop_wants_in_and_out(self) -> None:
        case = self.start_case()
        step = self.run_to_step(case, 6).step
        # As the seed SOP's sheet has them (Kelengkapan, Output of step 6).
        Step.objects.filter(pk=step.pk).update(inputs="Draft Data kinerja", output="Data kinerja")
        self.client.force_login(self.secretary)
        now_card = self.client.get(f"/cases/{case.pk}/").content.decode().split('class="card now"')[1].split("</section>")[0]
        self.assertIn("<dt>Kelengkapan</dt><dd>Draft Data kinerja</dd>", now_card)
        self.assertIn("<dt>Output</dt><dd>Data kinerja</dd>", now_card)

    def test_the_card_shows_a_list_of_inputs_as_a_list(self) -> None:
        case = self.start_case()
        step = self.run_to_step(case, 6).step
        # A Kelengkapan cell written as a list is stored an item a line (sop.importers.values.list_text).
        Step.objects.filter(pk=step.pk).update(inputs="Draft Data kinerja\nLembar disposisi", output="Data kinerja")
        self.client.force_login(self.secretary)
        self.assertContains(self.client.get(f"/cases/{case.pk}/"), '<dt>Kelengkapan</dt><dd><ul class="sop-items">'
                                                                   "<li>Draft Data kinerja</li><li>Lembar disposisi</li>"
                                                                   "</ul></dd>", html=True)

    def test_done_says_which_step_it_opens(self) -> None:
        case = self.start_case()
        self.run_to_step(case, 2)
        self.client.force_login(self.subsection_head)
        self.assertContains(self.client.get(f"/cases/{case.pk}/"), "Selesai membuka langkah 3 (JFU).")

    def test_reassigning_is_folded_on_the_superiors_own_task_and_open_on_anothers(self) -> None:
        case = self.start_case()
        self.run_to_step(case, 2)
        self.client.force_login(self.subsection_head)
        self.assertContains(self.client.get(f"/cases/{case.pk}/"), '<details class="reassign">')
        self.client.force_login(self.secretary)
        self.assertContains(self.client.get(f"/cases/{case.pk}/"), '<details class="reassign" open>')

    def test_the_jfu_is_shown_the_requests_before_the_report(self) -> None:
        case = self.start_case()
        self.run_to_step(case, 3)
        self.client.force_login(self.staff)
        page = self.client.get(f"/cases/{case.pk}/").content.decode()
        self.assertLess(page.index("Kirim permintaan"), page.index("Setelah bidang-bidang menjawab, tulis laporan"))
        self.assertLess(page.index("Setelah bidang-bidang menjawab, tulis laporan"), page.index('class="complete-form"'))

    def test_sending_requests_without_a_division_says_to_tick_one(self) -> None:
        step3 = self.run_to_step(self.start_case(), 3)
        self.client.force_login(self.staff)
        r = self.client.post(f"/tasks/{step3.pk}/requests/", {"requests-what": "Realisasi Triwulan I",
                                                             "requests-due_at": "2025-03-27T12:00"})
        self.assertEqual(r.context["requests_form"].errors["divisions"],
                         ["Centang sedikitnya satu bidang yang dimintai data."])

    def test_a_request_waiting_shows_its_deadline_as_a_deadline(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        actions.send_division_requests(step3.pk, user=self.staff, divisions=self.divisions[:1], what="Realisasi",
                                       due_at=at(27, 12), at=at(24, 9))
        self.client.force_login(self.staff)
        r = self.client.get(f"/cases/{case.pk}/")
        self.assertContains(r, "batas waktu 27 Mar 2025 12:00")
        self.assertNotContains(r, "oleh 27 Mar 2025")


class InboxRequestTestCase(ViewTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.case = self.start_case()
        self.step3 = self.run_to_step(self.case, 3)
        self.request = actions.send_division_requests(self.step3.pk, user=self.staff, divisions=self.divisions[:1],
                                                      what="Realisasi Triwulan I", due_at=at(27, 12), at=at(24, 9))[0]

    def test_a_division_contact_opens_the_answer_form_from_the_inbox(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.client.get("/inbox/")
        self.assertContains(r, f'href="/requests/{self.request.pk}/answer/">Buka formulir jawaban</a>')
        # On a phone each request reads as a card, every cell under its caption.
        self.assertContains(r, 'data-label="Batas waktu"')


class InboxDoneTestCase(ViewTestCase):
    def test_a_verdict_given_is_listed_as_the_verdict_under_done(self) -> None:
        case = self.start_case()
        step4 = self.run_to_step(case, 4)
        actions.return_task(step4.pk, user=self.subsection_head, reason="Kurang bukti", at=at(24, 11))
        self.client.force_login(self.subsection_head)
        done = self.client.get("/inbox/").content.decode().split("<h2>Selesai</h2>")[1]
        self.assertIn("langkah 4 · Belum sesuai", done)
        self.assertNotIn("langkah 4 · Dikembalikan untuk diperbaiki", done)


class ComplianceCountTestCase(ViewTestCase):
    def test_the_cases_started_add_up_with_the_cancelled_ones(self) -> None:
        self.start_case()
        cancelled = self.start_case(title="Dobel", period="Triwulan II 2025")
        actions.cancel_case(cancelled.pk, user=self.secretary, reason="Surat yang sama diagendakan dua kali")
        self.client.force_login(self.secretary)
        response = self.client.get(f"/sop-versions/{self.version.pk}/compliance/", {"year": 2025})
        self.assertContains(response, "Pelaksanaan yang dimulai pada 2025: 2 (0 selesai, 1 berjalan, 1 dibatalkan).")
