"""Beranda: what waits for each person now (tasks, division requests, letters to dispose, documents to
initial or sign, unread notifications), each with a link to where it is done; the empty state; and the
page's queries, the same for one item of each kind or thirty.

The pages run on the real date (after the demo's week in which the Sekretaris is Plh Kepala Dinas), so
the Kadis signs, and the cases started in March 2025 are overdue."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.correspondence import actions as corr
from kinerja.correspondence.models import Document, DocumentVersion, Letter
from kinerja.workflow import actions
from kinerja.workflow.models import Notification
from tests.correspondence.helpers import small_pdf
from tests.workflow.base import START, WorkflowTestCase, at


class HomeWaitingTestCase(WorkflowTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        corr.set_required_initials(cls.office, [cls.positions["subsection_head"], cls.positions["secretary"]])

    def letter(self, subject: str = "Permintaan Data Kinerja", seq: int = 1) -> Letter:
        return Letter.objects.create(
            office=self.office, number=f"005/{seq}/2025", letter_date=dt.date(2025, 3, 20), sender="Bappeda",
            subject=subject, received_on=dt.date(2025, 3, 21), year=2025, seq=seq, agenda_number=f"{seq}/SM/2025",
            scan="letters/2025/x.pdf", scan_sha256=f"{seq:064d}", registered_by=self.secretary)

    def document(self, title: str = "Nota Dinas Data Kinerja") -> DocumentVersion:
        document = Document.objects.create(office=self.office, kind=Document.Kind.OTHER, title=title,
                                           created_by=self.staff)
        if not default_storage.exists("documents/x.pdf"):  # initialling reads it (the initials box must fit)
            default_storage.save("documents/x.pdf", ContentFile(small_pdf("Nota Dinas")))
        return DocumentVersion.objects.create(office=self.office, document=document, version=1, file="documents/x.pdf",
                                              sha256="a" * 64, created_by=self.staff)

    def home(self, user):  # type: ignore[no-untyped-def]
        self.client.force_login(user)
        return self.client.get("/")

    def test_nothing_waits_for_the_staff_at_first(self) -> None:
        page = self.home(self.staff)
        self.assertContains(page, 'id="nothing-waits"')
        self.assertContains(page, "Tidak ada yang menunggu Anda saat ini")
        self.assertNotContains(page, "Tugas Anda")

    def test_the_secretary_sees_her_overdue_task_with_its_link(self) -> None:
        case = self.start_case()
        task = self.open_task(case)
        page = self.home(self.secretary)
        work = page.context["work"]
        self.assertEqual((work.overdue, work.soon, work.todo), (1, 0, 0))
        self.assertContains(page, f'href="/cases/{case.pk}/#task-{task.pk}"')
        self.assertContains(page, "Langkah 1")
        self.assertContains(page, "terlambat")
        self.assertNotContains(page, 'id="nothing-waits"')
        self.assertNotContains(self.home(self.staff), f"#task-{task.pk}")

    def test_the_nearest_five_are_listed_and_the_rest_counted(self) -> None:
        cases = [self.start_case(f"Kasus {i}", period=f"Tahun {2001 + i}", at=START + dt.timedelta(minutes=i))
                 for i in range(7)]
        page = self.home(self.secretary)
        self.assertEqual(page.context["work"].overdue, 7)
        self.assertEqual([w.context for w in page.context["work"].nearest], [c.title for c in cases[:5]])
        self.assertContains(page, "Semua 7 di kotak masuk")
        self.assertContains(page, 'href="/inbox/"')

    def test_a_division_contact_sees_the_request_until_it_is_answered(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        actions.send_division_requests(step3.pk, user=self.staff, divisions=self.divisions[:1], what="Realisasi TW I",
                                       due_at=at(27, 12), at=at(24, 9))
        request = step3.requests.get()
        page = self.home(self.contacts[0])
        self.assertContains(page, "Permintaan data ke bidang Anda")
        self.assertContains(page, f'href="/requests/{request.pk}/answer/"')
        self.assertContains(page, "Realisasi TW I")
        self.assertNotContains(self.home(self.contacts[1]), "Realisasi TW I")
        actions.answer_request(request.pk, user=self.contacts[0], note="Terlampir", at=at(24, 10))
        self.assertContains(self.home(self.contacts[0]), 'id="nothing-waits"')

    def test_a_letter_waits_for_the_disposers_until_it_is_disposed(self) -> None:
        letter = self.letter()
        for user in (self.secretary, self.head):
            page = self.home(user)
            self.assertContains(page, "Surat menunggu disposisi Anda")
            self.assertContains(page, f'href="/letters/{letter.pk}/"')
        self.assertNotContains(self.home(self.staff), f'href="/letters/{letter.pk}/"')
        corr.dispose_letter(letter.pk, user=self.secretary, recipients=[self.positions["subsection_head"]],
                            instructions=["follow_up"], disposed_on=dt.date(2025, 3, 21))
        self.assertNotContains(self.home(self.secretary), f'href="/letters/{letter.pk}/"')

    def test_initials_wait_in_the_order_and_the_signature_for_the_head(self) -> None:
        version = corr.create_document(self.office, user=self.staff, kind=Document.Kind.OTHER, title="Nota Dinas",
                                       content=small_pdf("Nota"))
        link = f'href="/documents/{version.document_id}/"'
        self.assertIn(version, self.home(self.subsection_head).context["desk"].initials)
        self.assertNotContains(self.home(self.secretary), link)  # the Kasubbag initials first
        self.assertNotContains(self.home(self.head), link)
        corr.initial_version(version.pk, user=self.subsection_head)
        self.assertNotContains(self.home(self.subsection_head), link)
        page = self.home(self.secretary)
        self.assertContains(page, "Dokumen menunggu paraf Anda")
        self.assertContains(page, link)
        corr.initial_version(version.pk, user=self.secretary)
        self.assertNotContains(self.home(self.secretary), link)
        page = self.home(self.head)
        self.assertContains(page, "Dokumen menunggu tanda tangan Anda")
        self.assertEqual(page.context["desk"].signatures, [version])

    def data_kinerja(self, case) -> DocumentVersion:  # type: ignore[no-untyped-def]
        return corr.create_document(self.office, user=self.subsection_head, kind=Document.Kind.PERFORMANCE_DATA,
                                    title="Data Kinerja Triwulan I 2025", content=small_pdf("Data"), case_id=case.pk)

    def test_the_kasubbags_step_4_leads_to_the_data_kinerja_which_is_listed_once(self) -> None:
        case = self.start_case()
        step4 = self.run_to_step(case, 4)
        # Another document for the Kasubbag's initials, of no task of theirs, stays in the documents' list.
        other = corr.create_document(self.office, user=self.staff, kind=Document.Kind.OTHER, title="Nota Dinas",
                                     content=small_pdf("Nota"))
        self.client.force_login(self.subsection_head)
        with CaptureQueriesContext(connection) as before:
            self.client.get("/")
        version = self.data_kinerja(case)
        with self.assertNumQueries(len(before)):  # the task's button costs no query
            page = self.client.get("/")
        html = page.content.decode()
        self.assertEqual(page.context["desk"].initials, [other])
        self.assertNotIn("Data Kinerja Triwulan I 2025</a><br>", html)  # not in the documents' list
        self.assertContains(page, f'href="/cases/{case.pk}/#task-{step4.pk}"')
        self.assertIn(f'<a class="button primary home-act" href="/documents/{version.document_id}/">Paraf Data Kinerja '
                      "Triwulan I 2025</a>", html)
        self.assertEqual(html.count(f'href="/documents/{version.document_id}/"'), 1)

    def test_the_heads_step_6_leads_to_the_signature_which_is_listed_once(self) -> None:
        case = self.start_case()
        version = self.data_kinerja(case)
        corr.initial_version(version.pk, user=self.subsection_head)
        corr.initial_version(version.pk, user=self.secretary)
        self.run_to_step(case, 6)
        page = self.home(self.head)
        self.assertEqual(page.context["desk"].signatures, [])
        self.assertNotContains(page, 'id="home-signatures"')
        self.assertContains(page, f'href="/documents/{version.document_id}/">Tandatangani Data Kinerja Triwulan I '
                                  "2025</a>")

    def inbox(self, user):  # type: ignore[no-untyped-def]
        self.client.force_login(user)
        return self.client.get("/inbox/")

    def test_the_inbox_row_of_step_4_carries_the_same_button(self) -> None:
        """The Kasubbag's step 4 in the inbox leads to the Data Kinerja to initial, as on Beranda; the step
        before it (the JFU's, or the Kasubbag's step 2) carries none, nor does another case's task."""
        case = self.start_case()
        other = self.start_case("Kasus lain", period="Triwulan II 2025", at=START + dt.timedelta(minutes=1))
        step2 = self.run_to_step(other, 2)
        step4 = self.run_to_step(case, 4)
        version = self.data_kinerja(case)
        page = self.inbox(self.subsection_head)
        rows = {r.task.pk: r for r in page.context["box"].overdue + page.context["box"].soon + page.context["box"].todo}
        self.assertEqual((rows[step4.pk].act_url, rows[step4.pk].act_label),
                         (f"/documents/{version.document_id}/", "Paraf Data Kinerja Triwulan I 2025"))
        self.assertEqual(rows[step2.pk].act_url, "")
        self.assertContains(page, f'<a class="button primary task-act" href="/documents/{version.document_id}/">'
                                  "Paraf Data Kinerja Triwulan I 2025</a>", html=True)
        # Once initialled, the step carries no button; the Sekretaris's step 5 carries hers.
        corr.initial_version(version.pk, user=self.subsection_head)
        self.assertNotContains(self.inbox(self.subsection_head), f'href="/documents/{version.document_id}/"')
        self.run_to_step(case, 5)
        self.assertContains(self.inbox(self.secretary), f'href="/documents/{version.document_id}/">Paraf Data Kinerja')

    def test_the_inbox_row_of_the_heads_step_6_leads_to_the_signature(self) -> None:
        case = self.start_case()
        version = self.data_kinerja(case)
        corr.initial_version(version.pk, user=self.subsection_head)
        corr.initial_version(version.pk, user=self.secretary)
        self.run_to_step(case, 6)
        self.assertContains(self.inbox(self.head), f'href="/documents/{version.document_id}/">Tandatangani Data '
                                                   "Kinerja Triwulan I 2025</a>")

    def test_the_secretarys_step_1_leads_to_the_letter_to_dispose_on_beranda_and_in_the_inbox(self) -> None:
        """A case started by a head's letter: the Sekretaris's step 1 is done by its disposition, so her task
        carries the button to the letter, which leaves her letters' list; the Kadis, a disposer with no task in
        the case, still finds the letter in his list; a letter of no case stays listed."""
        case = self.start_case()
        step1 = self.open_task(case)
        letter = self.letter()
        Letter.objects.filter(pk=letter.pk).update(case_id=case.pk)
        loose = self.letter("Undangan rapat", seq=2)
        button = f'href="/letters/{letter.pk}/">Disposisikan surat 1/SM/2025</a>'
        page = self.home(self.secretary)
        self.assertEqual(page.context["desk"].letters, [loose])
        self.assertContains(page, button)
        self.assertContains(page, f'href="/cases/{case.pk}/#task-{step1.pk}"')
        page = self.inbox(self.secretary)
        self.assertContains(page, button)
        self.assertEqual(page.content.decode().count(f'href="/letters/{letter.pk}/"'), 1)
        self.assertEqual(self.home(self.head).context["desk"].letters, [letter, loose])
        self.assertNotContains(self.inbox(self.head), f'href="/letters/{letter.pk}/"')
        corr.dispose_letter(letter.pk, user=self.secretary, recipients=[self.positions["subsection_head"]],
                            instructions=["follow_up"], disposed_on=dt.date(2025, 3, 21))
        self.assertNotContains(self.inbox(self.secretary), f'href="/letters/{letter.pk}/"')
        self.assertNotContains(self.home(self.secretary), f'href="/letters/{letter.pk}/"')

    def test_the_inbox_buttons_cost_the_same_queries_for_one_task_and_thirty(self) -> None:
        """The Kasubbag with one step 4 whose case has a Data Kinerja, then thirty-one, each with its button;
        the Kadis (signer) likewise with step 6, the Sekretaris with step 1 of cases started by letters."""
        def step(case, number: int, seq: int) -> None:  # type: ignore[no-untyped-def]
            if number == 1:
                Letter.objects.filter(pk=self.letter(case.title, seq=seq).pk).update(case_id=case.pk)
                return
            version = self.data_kinerja(case)
            if number == 6:
                corr.initial_version(version.pk, user=self.subsection_head)
                corr.initial_version(version.pk, user=self.secretary)
            self.run_to_step(case, number)

        users = ((self.subsection_head, 4, "/documents/"), (self.head, 6, "/documents/"),
                 (self.secretary, 1, "/letters/"))
        counts = {}
        for user, number, _url in users:
            step(self.start_case(f"Awal {number}", period=f"Awal {number}"), number, seq=number)
            self.client.force_login(user)
            with CaptureQueriesContext(connection) as queries:
                self.client.get("/inbox/")
            counts[number] = len(queries)
        for i in range(30):
            for number in (4, 6, 1):
                case = self.start_case(f"Kasus {number}.{i}", period=f"Periode {number}.{i}",
                                       at=START + dt.timedelta(minutes=i))
                step(case, number, seq=100 + 10 * i + number)
        for user, number, url in users:
            self.client.force_login(user)
            with self.assertNumQueries(counts[number]):
                page = self.client.get("/inbox/")
            box = page.context["box"]
            rows = [r for r in box.overdue + box.soon + box.todo if r.task.step.number == number]
            self.assertEqual(len(rows), 31)
            self.assertTrue(all(r.act_url.startswith(url) for r in rows))

    def test_a_document_of_a_task_not_among_the_nearest_stays_in_the_list(self) -> None:
        cases = [self.start_case(f"Kasus {i}", period=f"Tahun {2001 + i}", at=START + dt.timedelta(minutes=i))
                 for i in range(6)]
        for case in cases[:5]:
            self.run_to_step(case, 2)
        late = cases[5]
        self.run_to_step(late, 4, when=START + dt.timedelta(days=3))
        version = self.data_kinerja(late)
        page = self.home(self.subsection_head)
        self.assertNotIn(late.title, [w.context for w in page.context["work"].nearest])
        self.assertEqual(page.context["desk"].initials, [version])

    def test_minutes_never_wait_for_initials_or_a_signature(self) -> None:
        document = Document.objects.create(office=self.office, kind=Document.Kind.MINUTES, title="Notulen: Rapat",
                                           created_by=self.staff)
        DocumentVersion.objects.create(office=self.office, document=document, version=1, file="documents/n.pdf",
                                       sha256="b" * 64, created_by=self.staff)
        outgoing = self.document("Nota Dinas")
        self.assertEqual(self.home(self.subsection_head).context["desk"].initials, [outgoing])
        self.assertContains(self.home(self.staff), 'id="nothing-waits"')

    def test_unread_notifications_are_counted_with_their_link(self) -> None:
        Notification.objects.create(user=self.staff, kind=Notification.Kind.OVERDUE, office=self.office,
                                    subject="Terlambat", created_at=timezone.now())
        page = self.home(self.staff)
        self.assertContains(page, "1 notifikasi belum dibaca")
        self.assertContains(page, 'href="/notifications/"')

    def test_the_queries_do_not_grow_with_the_work(self) -> None:
        """For the Sekretaris (tasks, letters, initials), the Kadis (signatures) and a division contact
        (requests): one of each, then thirty more of each, in the same queries."""
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        actions.send_division_requests(step3.pk, user=self.staff, divisions=self.divisions[:1], what="Realisasi",
                                       due_at=at(27, 12), at=at(24, 9))
        self.letter()
        signed_off = self.document("Siap ditandatangani")
        corr.initial_version(signed_off.pk, user=self.subsection_head)
        corr.initial_version(signed_off.pk, user=self.secretary)
        users = (self.secretary, self.head, self.contacts[0], self.subsection_head)
        counts = {}
        for user in users:
            self.client.force_login(user)
            with CaptureQueriesContext(connection) as queries:
                self.client.get("/")
            counts[user.pk] = len(queries)
        for i in range(30):
            c = self.start_case(f"Kasus {i}", period=f"Tahun {2001 + i}", at=START + dt.timedelta(minutes=i))
            step3 = self.run_to_step(c, 3)
            actions.send_division_requests(step3.pk, user=self.staff, divisions=self.divisions[:1], what="Realisasi",
                                           due_at=at(27, 12), at=at(24, 9))
            self.letter(f"Surat {i}", seq=i + 2)
            version = self.document(f"Dokumen {i}")
            corr.initial_version(version.pk, user=self.subsection_head)
            if i % 2:
                corr.initial_version(version.pk, user=self.secretary)
        for user in users:
            self.client.force_login(user)
            with self.assertNumQueries(counts[user.pk]):
                page = self.client.get("/")
            self.assertEqual(page.status_code, 200)
        desk = page.context["desk"]  # the Kasubbag's: nothing left to initial
        self.assertEqual(desk.initials, [])
        self.client.force_login(self.secretary)
        page = self.client.get("/")
        self.assertEqual(len(page.context["desk"].letters), 31)
        self.assertEqual(len(page.context["desk"].initials), 15)
        self.client.force_login(self.head)
        self.assertEqual(len(self.client.get("/").context["desk"].signatures), 16)
        self.client.force_login(self.contacts[0])
        self.assertEqual(len(self.client.get("/").context["work"].requests), 31)
