"""Completing a step by hand on the case page: the disposition (step 1) needs its content; a completed step
says so, and who has the next one; the list of who does the next step; the next performer sees what the step
before handed over (the Kasubbag's instruction to the JFU)."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO
from unittest import mock

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from kinerja.org.models import Assignment
from kinerja.workflow import actions, outputs
from kinerja.workflow.access import can_act
from kinerja.workflow.models import Task

from .base import WorkflowTestCase, at

NOW = at(25, 10)  # Tuesday 25 March 2025 10:00 WIB


class HandoverTestCase(WorkflowTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(mock.patch("django.utils.timezone.now", return_value=NOW))
        self.case = self.start_case()

    def complete(self, task: Task, user, data: dict, **kwargs):  # type: ignore[no-untyped-def]
        self.client.force_login(user)
        return self.client.post(f"/tasks/{task.pk}/complete/", {f"complete-{k}": v for k, v in data.items()}, **kwargs)


class DispositionTestCase(HandoverTestCase):
    def test_an_empty_disposition_is_refused_on_its_field_and_the_step_stays_open(self) -> None:
        step1 = self.open_task(self.case)
        for note in ("", "   "):
            r = self.complete(step1, self.secretary, {"note": note})
            self.assertEqual(r.status_code, 200)
            [error] = r.context["complete_form"].errors["note"]
            self.assertTrue(error.startswith("Tuliskan disposisinya: kepada siapa surat diteruskan"), error)
        self.assertContains(r, "Disposisi (kepada siapa, dan apa yang harus dilakukan)")
        step1.refresh_from_db()
        self.assertEqual(step1.status, Task.Status.OPEN)

    def test_the_page_asks_for_the_disposition(self) -> None:
        self.client.force_login(self.secretary)
        r = self.client.get(f"/cases/{self.case.pk}/")
        self.assertContains(r, "Disposisi (kepada siapa, dan apa yang harus dilakukan)")
        self.assertContains(r, 'placeholder="misalnya Kepada Kasubbag: tindak lanjuti')

    def test_a_written_disposition_completes_it(self) -> None:
        step1 = self.open_task(self.case)
        r = self.complete(step1, self.secretary, {"note": "Kepada Kasubbag: tindak lanjuti, koordinasikan."})
        self.assertRedirects(r, f"/cases/{self.case.pk}/", fetch_redirect_response=False)
        step1.refresh_from_db()
        self.assertEqual((step1.status, step1.note), (Task.Status.DONE, "Kepada Kasubbag: tindak lanjuti, koordinasikan."))

    def test_the_scanned_sheet_alone_completes_it(self) -> None:
        step1 = self.open_task(self.case)
        self.client.force_login(self.secretary)
        r = self.client.post(f"/tasks/{step1.pk}/complete/", {
            "complete-note": "", "files": SimpleUploadedFile("disposisi.pdf", b"%PDF-1.4 lembar disposisi")})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(step1.files.get().name, "disposisi.pdf")

    def test_a_step_whose_output_is_no_disposition_completes_empty(self) -> None:
        step2 = self.run_to_step(self.case, 2)
        self.assertFalse(outputs.is_disposition(step2.step))
        r = self.complete(step2, self.subsection_head, {"note": "", "next_user": self.staff.person.pk})
        self.assertEqual(r.status_code, 302)

    def test_what_counts_as_a_disposition(self) -> None:
        step = self.open_task(self.case).step
        for output, expected in (("disposisi", True), ("Lembar Disposisi", True), ("", False),
                                 ("surat kepala dinas ttg penyusunan data kinerja", False), ("predisposisi", False)):
            with self.subTest(output):
                step.output = output
                self.assertEqual(outputs.is_disposition(step), expected)
                self.assertEqual(outputs.missing_output(step, "", 0) is not None, expected)
                self.assertIsNone(outputs.missing_output(step, "Kepada Kasubbag", 0))
                self.assertIsNone(outputs.missing_output(step, "", 1))


class DoneMessageTestCase(HandoverTestCase):
    def test_completing_a_step_says_which_and_who_has_the_next(self) -> None:
        step2 = self.run_to_step(self.case, 2)
        r = self.complete(step2, self.subsection_head, {"note": "Petunjuk", "next_user": self.staff2.person.pk},
                          follow=True)
        self.assertEqual([str(m) for m in r.context["messages"]], [
            f"Langkah 2 selesai: langkah 3 kini diteruskan kepada {self.staff2.person.full_name} (JFU)."])
        self.assertContains(r, "Langkah 2 selesai: langkah 3 kini diteruskan kepada")

    def test_the_htmx_form_keeps_it_for_the_page_it_reloads(self) -> None:
        step1 = self.open_task(self.case)
        r = self.complete(step1, self.secretary, {"note": "Kepada Kasubbag: tindak lanjuti."},
                          headers={"HX-Request": "true"})
        self.assertEqual(r.status_code, 204)
        kasubbag = self.positions["subsection_head"]
        self.assertEqual([str(m) for m in get_messages(r.wsgi_request)], [
            f"Langkah 1 selesai: langkah 2 kini diteruskan kepada {self.subsection_head.person.full_name} "
            f"({kasubbag.label})."])

    def test_the_last_step_says_the_case_is_complete(self) -> None:
        step6 = self.run_to_step(self.case, 6)
        # The Kepala Dinas is on leave that week, the Sekretaris his Plh: whoever may act completes it.
        performer = next(u for u in (self.head, self.secretary) if can_act(step6, u, NOW.date()))
        r = self.complete(step6, performer, {"note": "Ditandatangani"}, follow=True)
        self.assertEqual([str(m) for m in r.context["messages"]], ["Langkah 6 selesai: pelaksanaan SOP ini telah tuntas."])


class NextPerformerListTestCase(HandoverTestCase):
    def field(self):  # type: ignore[no-untyped-def]
        step2 = self.run_to_step(self.case, 2)
        self.client.force_login(self.subsection_head)
        r = self.client.get(f"/cases/{self.case.pk}/")
        return r, r.context["complete_form"]["next_user"], step2

    def test_with_several_jfu_the_empty_choice_says_choose(self) -> None:
        r, field, step2 = self.field()
        choices = list(field.field.choices)
        self.assertEqual((choices[0][0], str(choices[0][1])), ("", "Pilih pelaksana"))
        self.assertEqual(len(choices), 3)
        self.assertContains(r, '<option value="" selected>Pilih pelaksana</option>', html=True)
        r = self.complete(step2, self.subsection_head, {"note": "Petunjuk", "next_user": ""})
        self.assertEqual(r.context["complete_form"].errors["next_user"], ["Pilih pelaksana langkah berikutnya."])

    def test_with_one_jfu_they_are_chosen_already(self) -> None:
        Assignment.objects.filter(person=self.staff2.person).update(ends_on=dt.date(2025, 3, 24))
        r, field, step2 = self.field()
        person = self.staff.person
        self.assertEqual([str(label) for _, label in field.field.choices], [person.full_name])
        self.assertContains(r, f'<option value="{person.pk}" selected>{person.full_name}</option>', html=True)
        # The list of who does the next step has no "choose" line (the reassign list beside it has its own).
        select = re.search(r'<select name="complete-next_user".*?</select>', r.content.decode(), re.S)
        self.assertIsNotNone(select)
        self.assertNotIn("Pilih pelaksana", select.group())
        # Sent as shown, or without it: the step goes to the one JFU.
        r = self.complete(step2, self.subsection_head, {"note": "Petunjuk"})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(self.open_task(self.case).assignee, person)


class InstructionTestCase(HandoverTestCase):
    def test_the_jfu_sees_the_kasubbag_s_instruction_and_files(self) -> None:
        step2 = self.run_to_step(self.case, 2)
        self.client.force_login(self.subsection_head)
        self.client.post(f"/tasks/{step2.pk}/complete/", {
            "complete-note": "Kumpulkan realisasi TW I dari semua bidang paling lambat Jumat.",
            "complete-next_user": self.staff.person.pk, "files": SimpleUploadedFile("format-tw1.xlsx", b"PK format")})
        self.client.force_login(self.staff)
        r = self.client.get(f"/cases/{self.case.pk}/")
        kasubbag = self.positions["subsection_head"]
        self.assertContains(r, f"Instruksi dari {kasubbag.label} ({self.subsection_head.person.full_name}), langkah 2:")
        self.assertContains(r, "Kumpulkan realisasi TW I dari semua bidang paling lambat Jumat.")
        self.assertContains(r, "format-tw1.xlsx")
        self.assertEqual(r.context["handed_over"].step.number, 2)

    def test_nothing_handed_over_shows_nothing(self) -> None:
        step2 = self.run_to_step(self.case, 2)
        actions.complete_task(step2.pk, user=self.subsection_head, note="", next_user=self.staff, at=at(24, 9))
        self.client.force_login(self.staff)
        r = self.client.get(f"/cases/{self.case.pk}/")
        self.assertNotIn("handed_over", r.context)
        self.assertNotContains(r, "Instruksi dari")

    def test_a_report_from_staff_is_handed_over_not_an_instruction(self) -> None:
        step4 = self.run_to_step(self.case, 4)  # the JFU's step 3 was done with the note "ok"
        self.client.force_login(self.subsection_head)
        r = self.client.get(f"/cases/{self.case.pk}/")
        self.assertContains(r, f"Diserahkan oleh JFU ({self.staff.person.full_name}), langkah 3:")
        self.assertEqual(step4.step.number, 4)


class DispositionCommandTestCase(WorkflowTestCase):
    def test_kinerja_case_complete_needs_the_disposition_written(self) -> None:
        task = self.open_task(self.start_case())

        def run(*args: str) -> None:
            call_command("case", "complete", str(task.pk), *args, "--at", "2025-03-24T08:01:00+07:00",
                         stdout=StringIO(), stderr=StringIO())

        with self.assertRaisesMessage(CommandError, "--note: Tuliskan disposisinya"):
            run("--user", "sekretaris")
        with self.assertRaisesMessage(CommandError, "bukan tugas Anda"):  # not theirs: said first
            run("--user", "jfu")
        self.assertEqual(Task.objects.get(pk=task.pk).status, Task.Status.OPEN)
        run("--user", "sekretaris", "--note", "Kepada Kasubbag: tindak lanjuti")
        self.assertEqual(Task.objects.get(pk=task.pk).status, Task.Status.DONE)
