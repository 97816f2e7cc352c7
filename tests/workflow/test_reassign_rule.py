"""Whom a superior may give an overdue task to: the people below them in the units they lead, and the other
holders of the task's position (access.reassign_candidates). The list offered on the case page and the
action (which the page and `kinerja case reassign` call) apply the same rule; the action says who and why not."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.errors import KinerjaError
from kinerja.org import actions as org
from kinerja.org.models import Assignment
from kinerja.workflow import actions
from kinerja.workflow.models import Event, Notification

from .base import WorkflowTestCase, at


class ReassignRuleTestCase(WorkflowTestCase):
    def offered(self, case_pk: int) -> list[str]:
        field = self.client.get(f"/cases/{case_pk}/").context["reassign_form"].fields["to_person"]
        return sorted(p.full_name for p in field.offered)

    def test_the_kasubbag_is_offered_the_other_jfu_of_the_subbagian_only(self) -> None:
        case = self.start_case()
        self.run_to_step(case, 3)  # given to JFU 1 at step 2
        self.client.force_login(self.subsection_head)
        # Not the Kasubbag himself, not the Sekretaris or the Kepala Dinas above him, not a Bidang's people.
        self.assertEqual(self.offered(case.pk), [self.staff2.person.full_name])

    def test_the_secretary_is_offered_the_people_of_the_secretariat_below_him(self) -> None:
        case = self.start_case()
        self.run_to_step(case, 3)
        self.client.force_login(self.secretary)  # today he is no longer Plh Kepala Dinas (24 to 30 March 2025)
        self.assertEqual(self.offered(case.pk), sorted([self.subsection_head.person.full_name,
                                                        self.staff2.person.full_name]))

    def test_another_holder_of_the_steps_position_is_offered_whatever_their_unit(self) -> None:
        case = self.start_case()
        self.run_to_step(case, 3)
        # A Bidang's data contact stands in as Plh JFU: not below the Kasubbag, but doing JFU work by the decree.
        operator = self.contacts[0].person
        org.assign(operator, self.built.positions["staff"], starts_on=dt.date(2025, 3, 1), kind=Assignment.Kind.PLH,
                   decree_number="SPT 800/46/2025")
        self.client.force_login(self.subsection_head)
        self.assertEqual(self.offered(case.pk), sorted([operator.full_name, self.staff2.person.full_name]))
        step3 = self.open_task(case)
        actions.reassign_task(step3.pk, user=self.subsection_head, to_user=operator.user, reason="JFU 1 cuti",
                              at=at(24, 10))
        step3.refresh_from_db()
        self.assertEqual(step3.assignee, operator)

    def test_a_task_is_not_handed_up_nor_to_another_unit_nor_kept(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        kasubbag = self.subsection_head.person.full_name
        refusals = [
            (self.head, f"{self.head.person.full_name} tidak dapat diberi langkah 3: ia Kepala Dinas Koperasi dan "
                        f"UKM, bukan bawahan Anda. Berikan kepada bawahan Anda di Subbagian Program, Keuangan dan Aset "
                        f"atau kepada JFU lainnya."),
            (self.secretary, "ia Plh. Kepala Dinas Koperasi dan UKM, Sekretaris Dinas, bukan bawahan Anda"),
            (self.contacts[0], "ia Pengelola Data Bidang Kelembagaan dan Pengawasan Koperasi, di luar unit yang "
                               "Anda pimpin"),
            (self.built.people["kabid1"].user, "ia Kepala Bidang Kelembagaan dan Pengawasan Koperasi, di luar unit"),
            (self.subsection_head, f"{kasubbag} tidak dapat diberi langkah 3: atasan menyerahkan tugas kepada "
                                   f"bawahannya, bukan kepada dirinya sendiri."),
        ]
        for to_user, message in refusals:
            with self.subTest(to=to_user.get_username()), self.assertRaisesMessage(actions.NotTheirsToTake, message):
                actions.reassign_task(step3.pk, user=self.subsection_head, to_user=to_user, reason="Segera",
                                      at=at(24, 10))
        step3.refresh_from_db()
        self.assertEqual((step3.assignee, step3.reassigned_at), (self.staff.person, None))
        self.assertFalse(case.events.filter(kind=Event.Kind.REASSIGNED).exists())

    def test_the_head_of_office_may_give_it_to_anyone_below_him(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        kabid = self.built.people["kabid1"]
        # 1 April: the Sekretaris's week as Plh is over, the Kepala Dinas is back.
        actions.reassign_task(step3.pk, user=self.head, to_user=kabid.user, reason="Butuh data bidang",
                              at=at(1, 9, month=4))
        with self.assertRaisesMessage(KinerjaError, "bawahannya, bukan kepada dirinya sendiri"):
            actions.reassign_task(step3.pk, user=self.head, to_user=self.head, reason="x", at=at(1, 10, month=4))

    def test_a_post_of_someone_outside_the_rule_is_refused_next_to_the_field(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        self.client.force_login(self.subsection_head)
        r = self.client.post(f"/tasks/{step3.pk}/reassign/", {
            "reassign-to_person": self.head.person.pk, "reassign-reason": "Mohon Bapak kerjakan"},
            headers={"HX-Request": "true"})
        errors = r.context["reassign_form"].errors["to_person"]
        self.assertEqual(len(errors), 1)
        self.assertTrue(errors[0].startswith(f"{self.head.person.full_name} tidak dapat diberi langkah 3: ia Kepala "
                                             "Dinas Koperasi dan UKM, bukan bawahan Anda."), errors[0])
        self.assertContains(r, "Mohon Bapak kerjakan")  # the typed reason stays
        step3.refresh_from_db()
        self.assertEqual((step3.assignee, step3.reassigned_at), (self.staff.person, None))
        self.assertFalse(case.events.filter(kind=Event.Kind.REASSIGNED).exists())
        self.assertFalse(Notification.objects.filter(kind=Notification.Kind.REASSIGNED).exists())

    def test_after_an_error_the_list_offered_is_the_same(self) -> None:
        # A reason of spaces comes back with its error: JFU 1, who alone has step 3, is still not offered
        # (the list after the error offered her, as if giving it to her again would do something).
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        self.client.force_login(self.subsection_head)
        before = self.offered(case.pk)
        r = self.client.post(f"/tasks/{step3.pk}/reassign/", {
            "reassign-to_person": self.staff2.person.pk, "reassign-reason": "   "}, headers={"HX-Request": "true"})
        form = r.context["reassign_form"]
        self.assertIn("reason", form.errors)
        self.assertEqual(sorted(p.full_name for p in form.fields["to_person"].offered), before)
        self.assertContains(r, f'<option value="{self.staff2.person.pk}" selected>')


class NobodyToOfferTestCase(WorkflowTestCase):
    """A superior with nobody to give the task to is told why and what to do, not shown a list of "---------"."""

    def setUp(self) -> None:
        super().setUp()
        self.case = self.start_case()
        self.run_to_step(self.case, 3)  # JFU 1's task; the Kasubbag leads the Subbagian
        self.client.force_login(self.subsection_head)

    def page(self):  # type: ignore[no-untyped-def]
        return self.client.get(f"/cases/{self.case.pk}/")

    def test_a_lone_jfu_leaves_nobody_to_offer_and_the_page_says_what_to_do(self) -> None:
        # JFU 2 left the Subbagian in February: JFU 1 alone holds the position and has the task.
        Assignment.objects.filter(person=self.staff2.person).update(ends_on=dt.date(2025, 2, 28))
        r = self.page()
        self.assertNotIn("reassign_form", r.context)
        self.assertNotContains(r, 'name="reassign-to_person"')
        self.assertContains(r, "Alihkan tugas (atasan)")
        self.assertContains(r, "Tugas ini belum dapat dialihkan kepada siapa pun: hari ini tidak ada pegawai yang "
                               "memegang jabatan di bawah Anda pada unit yang Anda pimpin, dan tidak ada pemegang "
                               "jabatan JFU")
        self.assertContains(r, "mintalah administrator kantor mengisi jabatan JFU")
        self.assertNotContains(r, "Nothing for you to do")

    def test_with_somebody_to_offer_the_form_is_shown(self) -> None:
        r = self.page()
        self.assertContains(r, 'name="reassign-to_person"')
        self.assertNotContains(r, "belum dapat dialihkan kepada siapa pun")
        # The list starts by asking for a choice, not on Django's "---------".
        self.assertContains(r, '<option value="" selected>Pilih pelaksana</option>', html=True)
        self.assertNotContains(r, "---------")

    def test_the_empty_case_costs_no_more_queries_than_the_list(self) -> None:
        with CaptureQueriesContext(connection) as offered:
            self.page()
        Assignment.objects.filter(person=self.staff2.person).update(ends_on=dt.date(2025, 2, 28))
        with CaptureQueriesContext(connection) as nobody:
            self.page()
        # The people offered are read once (their positions with them): the empty list skips only that prefetch.
        self.assertEqual(len(nobody), len(offered) - 1)
