"""The inbox, case list and case pages: who sees what, the forms, 403 and form errors, query counts."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kinerja.org.models import Assignment
from kinerja.sop.models import SopVersion, Step
from kinerja.workflow import actions
from kinerja.workflow.models import Case, Event, Notification, Task

from .base import START, WorkflowTestCase, at
from .seed import build_seed_sop

# The pages run "now" at Tuesday 25 March 2025 10:00 WIB.
NOW = at(25, 10)


class ViewTestCase(WorkflowTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(mock.patch("django.utils.timezone.now", return_value=NOW))


class InboxTestCase(ViewTestCase):
    def test_the_secretary_sees_step_one_as_overdue(self) -> None:
        case = self.start_case()
        self.client.force_login(self.secretary)
        r = self.client.get("/inbox/")
        self.assertContains(r, case.title)
        self.assertEqual([row.task.pk for row in r.context["box"].overdue], [self.open_task(case).pk])

    def test_an_empty_inbox_says_nothing_waits_not_nothing_else(self) -> None:
        # The Kabid has no task at all: "Tidak ada tugas lain" (no other task) made him look for the first one.
        self.client.force_login(self.built.people["kabid1"].user)
        r = self.client.get("/inbox/")
        self.assertContains(r, "Tidak ada tugas untuk Anda saat ini; pekerjaan baru tampil di sini begitu sampai "
                               "kepada Anda.")
        self.assertNotContains(r, "Tidak ada tugas lain")

    def test_beside_an_overdue_task_nothing_else_is_to_do(self) -> None:
        self.start_case()
        self.client.force_login(self.secretary)
        r = self.client.get("/inbox/")
        self.assertContains(r, "Tidak ada tugas lain saat ini.")

    def test_the_jfu_sees_time_left_in_working_time(self) -> None:
        case = self.start_case()
        self.run_to_step(case, 3)
        self.client.force_login(self.staff)
        r = self.client.get("/inbox/")
        rows = r.context["box"].todo
        self.assertEqual(len(rows), 1)
        # Opened Monday 08:02 for 5 hari: due 9 April 08:02 (28 March to 7 April are off). On Tuesday
        # 10:00 that leaves Tuesday's rest (6 h), 26, 27 March and 8 April, and 32 min on 9 April.
        self.assertEqual(rows[0].time_left, "3 hari kerja 6 jam 32 menit")
        self.client.force_login(self.subsection_head)
        waiting = self.client.get("/inbox/").context["box"].waiting
        self.assertEqual([t.step.number for t in waiting], [3])

    def test_work_handed_on_says_who_has_it(self) -> None:
        # The Kasubbag gave step 3 to JFU 1; the Sekretaris then gives it to a Kabid: the Kasubbag's "Waiting
        # on others" names whoever has it, not the JFU position it no longer is with.
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        self.client.force_login(self.subsection_head)
        self.assertContains(self.client.get("/inbox/"), "langkah 3 di Contoh Staf Demo Satu, A.Md.")
        kabid = self.built.people["kabid1"]
        actions.reassign_task(step3.pk, user=self.secretary, to_user=kabid.user, reason="Butuh data bidang",
                              at=at(24, 10))
        self.assertContains(self.client.get("/inbox/"), f"langkah 3 di {kabid.full_name}")
        # A task given to nobody in particular is with its position: step 4, the Kasubbag's.
        actions.complete_task(step3.pk, user=kabid.user, note="Rekap", at=at(24, 11))
        step4 = self.open_task(case)
        self.assertIsNone(step4.assignee_id)
        self.client.force_login(self.secretary)  # did step 1
        self.assertContains(self.client.get("/inbox/"), f"langkah 4 di {step4.position.label}")

    def test_a_superior_sees_overdue_tasks_of_the_unit(self) -> None:
        case = self.start_case()
        self.run_to_step(case, 2)
        self.client.force_login(self.secretary)
        team = self.client.get("/inbox/").context["box"].team_attention
        self.assertEqual([(row.task.step.number, [p.full_name for p in row.people]) for row in team],
                         [(2, ["Contoh Kasubbag Demo, S.E."])])
        self.client.force_login(self.staff)
        self.assertFalse(self.client.get("/inbox/").context["box"].supervises)

    def test_a_superior_sees_a_task_nobody_can_do_before_it_is_overdue(self) -> None:
        case = self.start_case()
        step4 = self.run_to_step(case, 4)
        self.client.force_login(self.secretary)
        self.assertEqual(self.client.get("/inbox/").context["box"].team_attention, [])
        # The Kasubbag left on Monday: step 4 (not due for days) waits on a position nobody holds.
        Assignment.objects.filter(person__user=self.subsection_head).update(ends_on=dt.date(2025, 3, 24))
        r = self.client.get("/inbox/")
        self.assertEqual([(row.task.pk, row.state, row.people) for row in r.context["box"].team_attention],
                         [(step4.pk, "todo", [])])
        self.assertContains(r, "tidak ada pemegang jabatan")

    def test_step_six_is_in_the_plts_inbox_not_the_absent_kadis(self) -> None:
        case = self.start_case()
        step6 = self.run_to_step(case, 6)
        self.client.force_login(self.secretary)
        box = self.client.get("/inbox/").context["box"]
        self.assertIn(step6.pk, [row.task.pk for row in box.todo + box.soon + box.overdue])
        self.client.force_login(self.head)
        box = self.client.get("/inbox/").context["box"]
        self.assertEqual(box.todo + box.soon + box.overdue, [])

    def test_a_reassigned_task_moves_to_the_new_persons_inbox(self) -> None:
        case = self.start_case()
        step2 = self.run_to_step(case, 2)
        actions.reassign_task(step2.pk, user=self.secretary, to_user=self.staff2, reason="Kasubbag cuti", at=at(24, 9))
        self.client.force_login(self.staff2)
        self.assertEqual([r.task.pk for r in self.client.get("/inbox/").context["box"].overdue], [step2.pk])
        self.client.force_login(self.subsection_head)
        self.assertEqual(self.client.get("/inbox/").context["box"].overdue, [])

    def test_a_task_is_reassigned_only_to_someone_who_works_in_the_office_today(self) -> None:
        case = self.start_case()
        self.run_to_step(case, 2)
        self.client.force_login(self.secretary)
        people = self.client.get(f"/cases/{case.pk}/").context["reassign_form"].fields["to_person"].offered
        self.assertIn(self.staff2.person, people)
        self.assertNotIn(self.admin.person, people)  # the administrator's account holds no position
        self.staff2.is_active = False  # left the office: may no longer sign in
        self.staff2.save(update_fields=["is_active"])
        people = self.client.get(f"/cases/{case.pk}/").context["reassign_form"].fields["to_person"].offered
        self.assertNotIn(self.staff2.person, people)

    def test_the_person_who_alone_has_the_task_is_not_offered(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)  # given to JFU 1 at step 2
        self.client.force_login(self.subsection_head)
        people = self.client.get(f"/cases/{case.pk}/").context["reassign_form"].fields["to_person"].offered
        self.assertNotIn(self.staff.person, people)
        self.assertIn(self.staff2.person, people)
        # Given to nobody in particular (both JFU do it): either may be chosen, which settles who does it.
        Task.objects.filter(pk=step3.pk).update(assignee=None)
        people = self.client.get(f"/cases/{case.pk}/").context["reassign_form"].fields["to_person"].offered
        self.assertIn(self.staff.person, people)
        self.assertIn(self.staff2.person, people)

    def test_a_division_contact_sees_the_request(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        actions.send_division_requests(step3.pk, user=self.staff, divisions=self.divisions[:1], what="Realisasi",
                                       due_at=at(27, 12), at=at(24, 9))
        self.client.force_login(self.contacts[0])
        r = self.client.get("/inbox/")
        self.assertEqual([q.division for q in r.context["box"].requests], [self.divisions[0]])
        self.client.force_login(self.contacts[1])
        self.assertEqual(self.client.get("/inbox/").context["box"].requests, [])

    def test_an_answered_request_is_done_in_the_contact_s_inbox(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        actions.send_division_requests(step3.pk, user=self.staff, divisions=self.divisions[:2], what="Realisasi",
                                       due_at=at(27, 12), at=at(24, 9))
        request = step3.requests.get(division=self.divisions[0])
        actions.answer_request(request.pk, user=self.contacts[0], note="Terlampir", at=at(24, 10))
        self.client.force_login(self.contacts[0])
        r = self.client.get("/inbox/")
        self.assertEqual(r.context["box"].requests, [])
        self.assertEqual(r.context["box"].answered, [request])
        self.assertContains(r, f'id="answered-{request.pk}"')
        self.assertContains(r, f'href="/cases/{case.pk}/#request-{request.pk}"')
        self.assertNotContains(r, "Belum ada yang diselesaikan.")
        # The other division's contact answered nothing: their request is still to do, nothing is done.
        self.client.force_login(self.contacts[1])
        r = self.client.get("/inbox/")
        self.assertEqual(r.context["box"].answered, [])
        self.assertEqual(len(r.context["box"].requests), 1)

    def test_query_count_is_the_same_for_one_task_and_fifty(self) -> None:
        self.client.force_login(self.secretary)
        self.start_case()
        # Session, user, person and office, calendar (its stamp; the calendar itself is cached), positions
        # held, acting replacements, open tasks, the open tasks' cases' letters waiting for a disposition and
        # unsigned Data Kinerja (the button to the letter or the document whose disposition or initials
        # complete a task: inbox_extensions.task_acts), waiting, done, answered requests, units (supervised),
        # overdue of the units, other apps' items (inbox_extensions: meeting follow-ups), roles for the
        # navigation, whether the Sekretariat answers for an indicator (the menu's "Isi data": nav._data_label),
        # the figures returned to the Sekretariat, whose figures the Sekretaris enters (performance.returned).
        # (A division contact has one more: the requests to the division; a task whose case has a
        # Data Kinerja, its initials and the required initials: tests/web/test_home_waiting.py.)
        with self.assertNumQueries(18):
            self.client.get("/inbox/")
        for i in range(49):
            self.start_case(f"Kasus {i}", period=f"Tahun {2001 + i}", at=START + dt.timedelta(minutes=i))
        with self.assertNumQueries(18):
            r = self.client.get("/inbox/")
        self.assertEqual(len(r.context["box"].overdue), 50)


class CaseListTestCase(ViewTestCase):
    def test_query_count_is_the_same_for_one_case_and_fifty(self) -> None:
        self.client.force_login(self.head)
        self.start_case()
        # Session, user, person and office, cases, their open tasks, roles (start button), roles (navigation).
        with self.assertNumQueries(7):
            self.client.get("/cases/")
        for i in range(49):
            self.start_case(f"Kasus {i}", period=f"Tahun {2001 + i}")
        with self.assertNumQueries(7):
            r = self.client.get("/cases/")
        self.assertEqual(len(r.context["rows"]), 50)

    def test_another_office_sees_none_of_ours(self) -> None:
        case = self.start_case()
        self.client.force_login(self.outsider)
        self.assertNotContains(self.client.get("/cases/"), case.title)
        self.assertEqual(self.client.get(f"/cases/{case.pk}/").status_code, 404)

    def test_the_secretary_starts_a_case_from_the_form(self) -> None:
        self.client.force_login(self.secretary)
        r = self.client.post("/cases/new/", {"version": self.version.pk, "title": "Triwulan II 2025",
                                             "period": "Triwulan II 2025", "trigger_note": "Surat 800/1"})
        case = self.version.cases.get()
        self.assertRedirects(r, f"/cases/{case.pk}/")


class CasePageTestCase(ViewTestCase):
    def test_it_shows_the_timeline_and_the_rounds(self) -> None:
        case = self.start_case()
        step5 = self.run_to_step(case, 5)
        actions.return_task(step5.pk, user=self.secretary, reason="Capaian belum lengkap", at=at(25, 9))
        self.client.force_login(self.auditor)
        r = self.client.get(f"/cases/{case.pk}/")
        self.assertContains(r, "Capaian belum lengkap")
        self.assertContains(r, "Dikembalikan untuk diperbaiki")
        self.assertEqual(len(r.context["tasks"]), 6)

    def test_the_timeline_names_whom_a_task_was_assigned_to_not_who_finished_the_step_before(self) -> None:
        # Step 3 goes to the JFU the Kasubbag chose, step 4 to the Kasubbag's position; the Sekretaris's
        # "Belum sesuai" on step 5 gives step 4 back to the Kasubbag. Each was recorded by whoever finished
        # the step before, so "Task assigned · step 4 · <the Sekretaris>" read as if the Sekretaris had it.
        case = self.start_case()
        step5 = self.run_to_step(case, 5)
        actions.return_task(step5.pk, user=self.secretary, reason="Capaian belum lengkap", at=at(25, 9))
        self.client.force_login(self.auditor)
        r = self.client.get(f"/cases/{case.pk}/")
        assigned = [(e.data["step"], e.assigned_to) for e in r.context["events"] if e.kind == "task_assigned"]
        kasubbag = Task.objects.filter(case=case, step__number=4).first().position.label
        self.assertEqual(assigned[2:], [(3, self.staff.person.full_name), (4, kasubbag), (5, step5.position.label),
                                        (4, kasubbag)])
        timeline = r.content.decode().split('class="timeline"')[1]
        last = timeline.split('<li class="ev-task_assigned">')[-1].split("</li>")[0]
        self.assertIn(f"kepada {kasubbag}", last)
        self.assertNotIn(self.secretary.person.full_name, last)

    def test_the_timeline_names_whom_a_task_was_reassigned_to_and_who_reassigned_it(self) -> None:
        case = self.start_case()
        task = self.run_to_step(case, 4)
        actions.reassign_task(task.pk, user=self.secretary, to_user=self.staff2, reason="Kasubbag dinas luar",
                              at=at(24, 9))
        self.client.force_login(self.auditor)
        r = self.client.get(f"/cases/{case.pk}/")
        timeline = r.content.decode().split('class="timeline"')[1]
        reassigned = timeline.split('<li class="ev-reassigned">')[1].split("</li>")[0]
        self.assertIn(self.secretary.person.full_name, reassigned)
        self.assertIn(f"kepada {self.staff2.person.full_name}", reassigned)

    def test_completing_a_task_that_is_not_yours_is_403(self) -> None:
        task = self.open_task(self.start_case())
        self.client.force_login(self.staff)
        r = self.client.post(f"/tasks/{task.pk}/complete/", {"complete-note": "x"})
        self.assertEqual(r.status_code, 403)
        self.assertContains(r, "bukan tugas Anda", status_code=403)
        task.refresh_from_db()
        self.assertEqual(task.status, Task.Status.OPEN)

    def test_the_step_of_a_position_held_by_a_plh_names_the_plh(self) -> None:
        # This week the Sekretaris is Plh. Kepala Dinas: step 6 is hers, as Plh, not as the head.
        case = self.start_case()
        step6 = self.run_to_step(case, 6)
        self.client.force_login(self.auditor)
        page = self.client.get(f"/cases/{case.pk}/").content.decode()
        now = page.split('class="card now"')[1].split("</section>")[0]
        self.assertIn(f"Plh. {step6.position.title}<br><strong>{self.secretary.person.full_name}</strong>", now)

    def test_another_holder_of_the_position_is_told_whom_the_task_was_given_to(self) -> None:
        # The Kasubbag chose jfu for step 3: jfu2, a JFU too, is refused with jfu's name, not "belongs to JFU".
        task = self.run_to_step(self.start_case(), 3)
        self.client.force_login(self.staff2)
        r = self.client.post(f"/tasks/{task.pk}/complete/", {"complete-note": "x"})
        self.assertContains(r, f"diberikan kepada {self.staff.person.full_name} ({task.position.title})",
                            status_code=403)
        with self.assertRaisesMessage(actions.NotAllowed, f"diberikan kepada {self.staff.person.full_name}"):
            actions.complete_task(task.pk, user=self.staff2, note="x", at=at(24, 10))

    def test_belum_sesuai_without_a_reason_is_a_form_error(self) -> None:
        step5 = self.run_to_step(self.start_case(), 5)
        self.client.force_login(self.secretary)
        r = self.client.post(f"/tasks/{step5.pk}/complete/", {"complete-verdict": "not_ok", "complete-reason": ""},
                             headers={"HX-Request": "true"})
        self.assertContains(r, 'role="alert"')
        self.assertTemplateUsed(r, "workflow/partials/actions.html")
        step5.refresh_from_db()
        self.assertEqual(step5.status, Task.Status.OPEN)

    def test_belum_sesuai_with_a_reason_returns_the_work(self) -> None:
        case = self.start_case()
        step5 = self.run_to_step(case, 5)
        self.client.force_login(self.secretary)
        r = self.client.post(f"/tasks/{step5.pk}/complete/",
                             {"complete-verdict": "not_ok", "complete-reason": "Tabel 2 kosong"},
                             headers={"HX-Request": "true"})
        self.assertEqual(r.headers["HX-Redirect"], f"/cases/{case.pk}/")
        self.assertEqual(self.open_task(case).step.number, 4)

    def test_belum_sesuai_keeps_the_files_attached_to_it(self) -> None:
        case = self.start_case()
        step5 = self.run_to_step(case, 5)
        self.client.force_login(self.secretary)
        draft = SimpleUploadedFile("draft-dengan-catatan.pdf", b"%PDF-1.4\n% catatan Sekretaris\n%%EOF\n")
        self.client.post(f"/tasks/{step5.pk}/complete/", {"complete-verdict": "not_ok", "complete-reason": "Lihat catatan",
                                                          "files": [draft]}, headers={"HX-Request": "true"})
        step5.refresh_from_db()
        self.assertEqual(step5.status, Task.Status.RETURNED)
        self.assertEqual([f.name for f in step5.files.all()], ["draft-dengan-catatan.pdf"])
        event = case.events.get(kind=Event.Kind.RETURNED)
        self.assertEqual(event.data["files"], [step5.files.get().sha256])
        self.assertContains(self.client.get(f"/cases/{case.pk}/"), "draft-dengan-catatan.pdf")

    def test_belum_sesuai_keeps_the_output_note_typed_with_it(self) -> None:
        # The output note sits above the verdict: a reviewer who wrote one and then chose Belum sesuai
        # lost it without a word; it is kept with the returned round, as a file sent with it is.
        case = self.start_case()
        step5 = self.run_to_step(case, 5)
        self.client.force_login(self.secretary)
        self.client.post(f"/tasks/{step5.pk}/complete/",
                         {"complete-verdict": "not_ok", "complete-reason": "Tabel 2 kosong",
                          "complete-note": "Angka Bidang UMKM sudah benar"}, headers={"HX-Request": "true"})
        step5.refresh_from_db()
        self.assertEqual((step5.status, step5.note), (Task.Status.RETURNED, "Angka Bidang UMKM sudah benar"))
        self.assertEqual(case.events.get(kind=Event.Kind.RETURNED).data["note"], "Angka Bidang UMKM sudah benar")
        self.assertContains(self.client.get(f"/cases/{case.pk}/"), "Angka Bidang UMKM sudah benar")

    def test_the_kasubbag_must_choose_the_jfu(self) -> None:
        case = self.start_case()
        step2 = self.run_to_step(case, 2)
        self.client.force_login(self.subsection_head)
        r = self.client.post(f"/tasks/{step2.pk}/complete/", {"complete-note": "Petunjuk"})
        self.assertEqual(r.status_code, 200)
        self.assertTrue(r.context["complete_form"].errors["next_user"])
        self.client.post(f"/tasks/{step2.pk}/complete/",
                         {"complete-note": "Petunjuk", "complete-next_user": self.staff2.person.pk})
        self.assertEqual(self.open_task(case).assignee, self.staff2.person)

    def test_divisions_are_asked_and_answer_on_the_page(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        self.client.force_login(self.staff)
        self.client.post(f"/tasks/{step3.pk}/requests/", {
            "requests-divisions": [d.pk for d in self.divisions[:2]], "requests-what": "Realisasi Triwulan I",
            "requests-due_at": "2025-03-27T12:00"})
        self.assertEqual(step3.requests.count(), 2)
        request = step3.requests.get(division=self.divisions[0])
        self.assertEqual(request.due_at, at(27, 12))
        self.client.force_login(self.contacts[0])
        self.client.post(f"/requests/{request.pk}/answer/", {"answer-note": "Terlampir"})
        r = self.client.get(f"/cases/{case.pk}/")
        self.assertContains(r, "1 dari 2 bidang telah menjawab")

    def test_the_request_form_ticks_every_division_not_asked_yet(self) -> None:
        # The step coordinates with every division ("berkoordinasi dengan bidang-bidang"): none was ticked.
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        self.client.force_login(self.staff)
        form = self.client.get(f"/cases/{case.pk}/").context["requests_form"]
        self.assertEqual(sorted(form.initial["divisions"]), sorted(d.pk for d in self.divisions))
        self.client.post(f"/tasks/{step3.pk}/requests/", {
            "requests-divisions": [self.divisions[0].pk], "requests-what": "Realisasi Triwulan I",
            "requests-due_at": "2025-03-27T12:00"})
        form = self.client.get(f"/cases/{case.pk}/").context["requests_form"]
        self.assertEqual(sorted(form.initial["divisions"]), sorted(d.pk for d in self.divisions[1:]))


    def test_the_request_form_proposes_no_due_time_after_the_step_s_own(self) -> None:
        # A 2-hari coordinating step (a permit's verification) cannot wait the usual 3 days for the divisions.
        Step.objects.filter(version=self.version, number=3).update(duration_value=2)
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        self.assertLess(step3.due_at, NOW + dt.timedelta(days=3))
        self.client.force_login(self.staff)
        form = self.client.get(f"/cases/{case.pk}/").context["requests_form"]
        self.assertEqual(form.initial["due_at"], step3.due_at)


class FormErrorTestCase(ViewTestCase):
    """Every error answers on the form, in Indonesian, next to its field, and keeps what was typed."""

    def ask(self, due_at: str) -> tuple[Task, object]:
        step3 = self.run_to_step(self.start_case(), 3)
        self.client.force_login(self.staff)
        r = self.client.post(f"/tasks/{step3.pk}/requests/", {
            "requests-divisions": [self.divisions[0].pk], "requests-what": "Realisasi Triwulan I beserta bukti",
            "requests-due_at": due_at}, headers={"HX-Request": "true"})
        return step3, r

    def test_a_start_form_opened_before_a_revision_says_its_version_is_superseded(self) -> None:
        # The Sekretaris opened the form on v1; v2 came into force before she pressed Mulai.
        newer = build_seed_sop(self.built, version=2, sop=self.version.sop, status=SopVersion.Status.DRAFT)
        SopVersion.objects.filter(pk=self.version.pk).update(status=SopVersion.Status.SUPERSEDED)
        SopVersion.objects.filter(pk=newer.pk).update(status=SopVersion.Status.IN_FORCE)
        self.client.force_login(self.secretary)
        r = self.client.post("/cases/new/", {"version": self.version.pk, "title": "Data Kinerja TW I",
                                             "period": "Triwulan I 2025"})
        self.assertContains(r, "berstatus digantikan: pelaksanaan SOP hanya dapat dimulai dari versi yang berlaku")
        self.assertFalse(Case.objects.exists())

    def test_a_due_date_typed_the_indonesian_way_is_read(self) -> None:
        step3, _ = self.ask("27-03-2025 14.30")
        self.assertEqual(step3.requests.get().due_at, at(27, 14, 30))

    def test_a_due_date_without_a_time_leaves_the_whole_day(self) -> None:
        step3, _ = self.ask("27 Maret 2025")
        self.assertEqual(step3.requests.get().due_at, at(27, 23, 59))

    def test_an_impossible_due_date_is_named_next_to_the_field_and_the_rest_kept(self) -> None:
        step3, r = self.ask("31/02/2025 10.00")
        self.assertEqual(r.context["requests_form"].errors["due_at"],
                         ["“31/02/2025 10.00” bukan tanggal dan jam; tulis misalnya 20 Maret 2025 14.30."])
        self.assertContains(r, "Realisasi Triwulan I beserta bukti")
        self.assertContains(r, f'value="{self.divisions[0].pk}" id="id_requests-divisions_0" checked')
        self.assertFalse(step3.requests.exists())

    def test_a_due_date_in_the_past_is_named_next_to_the_field(self) -> None:
        step3, r = self.ask("24 Maret 2025 16.00")
        self.assertEqual(r.context["requests_form"].errors["due_at"],
                         ["“24 Maret 2025, 16.00” sudah lewat; isi waktu yang akan datang."])
        self.assertFalse(step3.requests.exists())

    def test_a_past_target_deadline_is_named_next_to_the_field_and_nothing_is_started(self) -> None:
        self.client.force_login(self.secretary)
        r = self.client.post("/cases/new/", {"version": self.version.pk, "title": "Triwulan II 2025",
                                             "period": "Triwulan II 2025", "trigger_note": "Surat 800/1",
                                             "target_deadline": "1 Januari 2025"})
        self.assertEqual(r.context["form"].errors["target_deadline"],
                         ["“1 Januari 2025, 23.59” sudah lewat; isi waktu yang akan datang."])
        self.assertContains(r, "Surat 800/1")
        self.assertFalse(self.version.cases.exists())

    def test_reassigning_to_the_person_who_has_the_task_is_refused_next_to_the_field(self) -> None:
        case = self.start_case()
        step2 = self.run_to_step(case, 2)
        self.client.force_login(self.secretary)
        r = self.client.post(f"/tasks/{step2.pk}/reassign/", {
            "reassign-to_person": self.subsection_head.person.pk, "reassign-reason": "Supaya segera dikerjakan"},
            headers={"HX-Request": "true"})
        self.assertEqual(r.context["reassign_form"].errors["to_person"], [
            f"Langkah 2 pada Pengumpulan Data Kinerja Triwulan I 2025 sudah ditugaskan kepada "
            f"{self.subsection_head.person.full_name}: pilih orang lain."])
        self.assertContains(r, "Supaya segera dikerjakan")
        self.assertFalse(case.events.filter(kind=Event.Kind.REASSIGNED).exists())
        self.assertFalse(Notification.objects.filter(kind=Notification.Kind.REASSIGNED).exists())

    def test_a_target_deadline_typed_the_indonesian_way_is_read(self) -> None:
        self.client.force_login(self.secretary)
        self.client.post("/cases/new/", {"version": self.version.pk, "title": "Triwulan II 2025",
                                         "period": "Triwulan II 2025", "target_deadline": "30/04/2025 15.00"})
        self.assertEqual(self.version.cases.get().target_deadline, at(30, 15, month=4))

    def test_files_chosen_before_an_error_are_asked_for_again(self) -> None:
        step5 = self.run_to_step(self.start_case(), 5)
        self.client.force_login(self.secretary)
        r = self.client.post(f"/tasks/{step5.pk}/complete/", {
            "complete-verdict": "not_ok", "complete-reason": "", "complete-note": "Lampiran tabel capaian",
            "files": SimpleUploadedFile("tabel-capaian.pdf", b"%PDF-1.4\n")}, headers={"HX-Request": "true"})
        self.assertContains(r, "Pilih lagi berkasnya (tabel-capaian.pdf)")
        self.assertContains(r, "Lampiran tabel capaian")
        step5.refresh_from_db()
        self.assertEqual((step5.status, step5.files.count()), (Task.Status.OPEN, 0))

    def test_an_empty_file_is_refused_by_name_and_the_task_stays_open(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        self.client.force_login(self.staff)
        r = self.client.post(f"/tasks/{step3.pk}/complete/", {
            "complete-note": "Rekap bidang terlampir", "files": SimpleUploadedFile("rekap.pdf", b"")},
            headers={"HX-Request": "true"})
        self.assertContains(r, "rekap.pdf kosong (0 bita)")
        self.assertContains(r, "Rekap bidang terlampir")
        step3.refresh_from_db()
        self.assertEqual((step3.status, step3.files.count()), (Task.Status.OPEN, 0))

    def test_a_task_completed_meanwhile_says_by_whom_and_keeps_the_note(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        actions.complete_task(step3.pk, user=self.staff, note="Selesai dari ponsel", at=at(25, 9))
        self.client.force_login(self.staff)
        r = self.client.post(f"/tasks/{step3.pk}/complete/", {"complete-note": "Catatan dari komputer kantor"},
                             headers={"HX-Request": "true"})
        self.assertContains(r, "Tugas ini sudah diselesaikan oleh")
        self.assertContains(r, "Catatan dari komputer kantor")
        self.assertEqual(case.tasks.filter(step__number=3).get().note, "Selesai dari ponsel")

    def test_the_next_steps_form_does_not_arrive_filled_with_a_stale_note(self) -> None:
        case = self.start_case()
        step5 = self.run_to_step(case, 5)
        actions.complete_task(step5.pk, user=self.secretary, verdict=Task.Verdict.OK, at=at(25, 9))
        self.client.force_login(self.secretary)  # Plt of the head: step 6 is hers too
        r = self.client.post(f"/tasks/{step5.pk}/complete/", {"complete-verdict": "ok", "complete-note": "Paraf"},
                             headers={"HX-Request": "true"})
        self.assertContains(r, "Tugas ini sudah diselesaikan oleh")
        self.assertFalse(r.context["complete_form"].is_bound)
        self.assertEqual(r.context["stale_form"].data["complete-note"], "Paraf")

    def test_a_case_cancelled_meanwhile_says_so_and_keeps_the_reason(self) -> None:
        case = self.start_case()
        # By the Plh Kepala Dinas: the Kepala Dinas himself is on leave this week, and cancels nothing meanwhile.
        actions.cancel_case(case.pk, user=self.secretary, reason="Duplikat")
        self.client.force_login(self.secretary)
        r = self.client.post(f"/cases/{case.pk}/cancel/", {"cancel-reason": "Surat ditarik kembali"})
        self.assertContains(r, "sudah dibatalkan")
        self.assertContains(r, "Surat ditarik kembali")


class NotificationTestCase(ViewTestCase):
    def test_the_fragment_shows_the_unread_count(self) -> None:
        case = self.start_case()
        Notification.objects.create(user=self.secretary, kind="overdue", case=case, task=self.open_task(case),
                                    created_at=timezone.now())
        self.client.force_login(self.secretary)
        self.assertContains(self.client.get("/notifications/count/"), '<span class="badge bad">1</span>')
        self.client.post("/notifications/")
        self.assertNotContains(self.client.get("/notifications/count/"), "badge")


    def test_a_return_says_who_sent_the_work_back_and_why(self) -> None:
        # The list said only "Dikembalikan untuk diperbaiki", the step and a due date: the reason was on the
        # case page alone. It is shown with the notification, as on the case page.
        case = self.start_case()
        step5 = self.run_to_step(case, 5)
        actions.return_task(step5.pk, user=self.secretary, reason="Tabel 2 kosong", at=at(25, 9))
        self.client.force_login(self.subsection_head)
        r = self.client.get("/notifications/")
        self.assertContains(r, f"Dikembalikan dari langkah 5 oleh {self.secretary.person.full_name}: Tabel 2 kosong")

class CancelViewTestCase(ViewTestCase):
    def test_the_secretary_cancels_from_the_case_page(self) -> None:
        case = self.start_case()
        self.client.force_login(self.secretary)
        self.assertContains(self.client.get(f"/cases/{case.pk}/"), "cancel-reason")
        r = self.client.post(f"/cases/{case.pk}/cancel/", {"cancel-reason": "Duplikat"})
        self.assertRedirects(r, f"/cases/{case.pk}/")
        case.refresh_from_db()
        self.assertEqual(case.status, "cancelled")

    def test_staff_sees_no_cancel_form(self) -> None:
        case = self.start_case()
        self.client.force_login(self.staff)
        self.assertNotContains(self.client.get(f"/cases/{case.pk}/"), "cancel-reason")
        self.assertEqual(self.client.post(f"/cases/{case.pk}/cancel/", {"cancel-reason": "x"}).status_code, 403)
