"""A position's holder changes while a case runs: the open task follows the position, not the person
who held it when the task opened (issue 5: "when the holding changes, open tasks follow the position")."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from kinerja.errors import NotAllowed
from kinerja.org.models import Assignment
from kinerja.workflow import actions

from .base import WorkflowTestCase, at

NOW = at(25, 10)


class StaffMovesTestCase(WorkflowTestCase):
    """The JFU the Kasubbag chose for step 3 moves to another post on Monday evening; jfu2 is still JFU."""

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(mock.patch("django.utils.timezone.now", return_value=NOW))
        self.case = self.start_case()
        self.step3 = self.run_to_step(self.case, 3)
        self.assertEqual(self.step3.assignee, self.staff.person)
        Assignment.objects.filter(person__user=self.staff).update(ends_on=dt.date(2025, 3, 24))

    def test_the_remaining_holder_sees_the_task(self) -> None:
        self.client.force_login(self.staff2)
        box = self.client.get("/inbox/").context["box"]
        self.assertIn(self.step3.pk, [r.task.pk for r in box.todo + box.soon + box.overdue])

    def test_the_one_who_moved_no_longer_has_it(self) -> None:
        self.client.force_login(self.staff)
        box = self.client.get("/inbox/").context["box"]
        self.assertEqual([r.task.pk for r in box.todo + box.soon + box.overdue], [])
        with self.assertRaises(NotAllowed):
            actions.complete_task(self.step3.pk, user=self.staff, note="sudah pindah", at=NOW)

    def test_the_remaining_holder_completes_it(self) -> None:
        actions.send_division_requests(self.step3.pk, user=self.staff2, divisions=self.divisions[:1],
                                       what="Realisasi", due_at=at(27, 12), at=NOW)
        self.assertEqual(self.step3.requests.count(), 1)

    def test_the_case_page_names_the_remaining_holder(self) -> None:
        self.client.force_login(self.secretary)
        r = self.client.get(f"/cases/{self.case.pk}/")
        self.assertEqual(r.context["current_people"], [self.staff2.person])

    def test_the_reminder_goes_to_the_remaining_holder(self) -> None:
        from kinerja.workflow.models import Notification
        from kinerja.workflow.reminders import send_due_reminders

        send_due_reminders(at(9, 10, month=4))
        told = set(Notification.objects.filter(task=self.step3, kind="overdue").values_list("user", flat=True))
        self.assertEqual(told, {self.staff2.pk})

    def test_a_task_a_superior_gave_to_someone_outside_the_position_stays_theirs(self) -> None:
        # The Kasubbag's step 4 given to jfu2 (a JFU, not the Kasubbag) while the Kasubbag is on leave.
        actions.send_division_requests(self.step3.pk, user=self.staff2, divisions=self.divisions,
                                       what="Realisasi", due_at=at(27, 12), at=NOW)
        for request, contact in zip(self.step3.requests.order_by("division__pk"), self.contacts, strict=True):
            actions.answer_request(request.pk, user=contact, note="Terlampir", at=NOW)
        actions.complete_task(self.step3.pk, user=self.staff2, note="Lengkap", at=NOW)
        step4 = self.open_task(self.case)
        actions.reassign_task(step4.pk, user=self.secretary, to_user=self.staff2, reason="Kasubbag cuti", at=NOW)
        self.client.force_login(self.staff2)
        box = self.client.get("/inbox/").context["box"]
        self.assertIn(step4.pk, [r.task.pk for r in box.todo + box.soon + box.overdue])
        self.client.force_login(self.subsection_head)
        box = self.client.get("/inbox/").context["box"]
        self.assertNotIn(step4.pk, [r.task.pk for r in box.todo + box.soon + box.overdue])
        actions.complete_task(step4.pk, user=self.staff2, note="Diperiksa", at=NOW)


class StaffLeavesWithNobodyLeftTestCase(WorkflowTestCase):
    """Both JFU leave: the task chosen for one of them waits on nobody, and the superior is shown it."""

    def test_the_superior_sees_it_before_it_is_overdue(self) -> None:
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        Assignment.objects.filter(person__user__in=[self.staff, self.staff2]).update(ends_on=dt.date(2025, 3, 24))
        with mock.patch("django.utils.timezone.now", return_value=NOW):
            self.client.force_login(self.subsection_head)
            r = self.client.get("/inbox/")
        self.assertEqual([(row.task.pk, row.people) for row in r.context["box"].team_attention], [(step3.pk, [])])


class StaffStartsTheirOwnCaseTestCase(WorkflowTestCase):
    """An SOP whose first step is the JFU's (a travel order the JFU drafts): the JFU who starts the case has
    it, and the other JFU is neither given it nor told of it."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from decimal import Decimal

        from kinerja.sop.models import Actor, Sop, SopVersion, Step

        sop = Sop.objects.create(office=cls.built.office, name="Penerbitan Surat Tugas")
        cls.travel = SopVersion.objects.create(sop=sop, version=1, status=SopVersion.Status.IN_FORCE,
                                               name="Penerbitan Surat Tugas")
        jfu = Actor.objects.create(version=cls.travel, name="JFU", order=1, position=cls.built.positions["staff"])
        head = Actor.objects.create(version=cls.travel, name="Kasubbag", order=2,
                                    position=cls.built.positions["subsection_head"])
        Step.objects.create(version=cls.travel, number=1, activity="Menyusun draft surat tugas", actor=jfu,
                            duration_value=Decimal(30), duration_unit="minute")
        Step.objects.create(version=cls.travel, number=2, activity="Memeriksa draft surat tugas", actor=head,
                            duration_value=Decimal(1), duration_unit="hour")

    def test_the_starter_has_the_first_step(self) -> None:
        from kinerja.workflow.models import Notification

        case = actions.start_case(self.travel.pk, user=self.staff2, title="Surat tugas rapat di Metro", at=at(24, 8))
        self.assertEqual(case.first_task.assignee_id, self.staff2.person.pk)
        self.assertFalse(Notification.objects.filter(user=self.staff, task=case.first_task).exists())
        with self.assertRaises(NotAllowed):
            actions.complete_task(case.first_task.pk, user=self.staff, note="bukan saya", at=at(24, 9))

    def test_a_case_started_by_someone_else_goes_to_every_jfu(self) -> None:
        case = actions.start_case(self.travel.pk, user=self.secretary, title="Surat tugas rapat di Metro", at=at(24, 8))
        self.assertIsNone(case.first_task.assignee_id)


class ReassignChoicesTestCase(WorkflowTestCase):
    def test_the_superior_chooses_among_people_named_with_the_positions_they_hold_today(self) -> None:
        case = self.start_case()
        self.run_to_step(case, 3)  # the JFU the Kasubbag chose (staff) has it: the others are offered
        from kinerja.org import actions as org

        org.assign(self.staff2.person, self.built.positions["subsection_head"], starts_on=dt.date(2025, 3, 24),
                   ends_on=dt.date(2025, 3, 28), kind=Assignment.Kind.PLH, decree_number="SPT 800/45/2025")
        with mock.patch("django.utils.timezone.now", return_value=NOW):
            self.client.force_login(self.secretary)
            r = self.client.get(f"/cases/{case.pk}/")
        field = r.context["reassign_form"]["to_person"]
        labels = {label for _value, label in field.field.choices}
        staff_title = self.built.positions["staff"].label
        head_title = self.built.positions["subsection_head"].label
        self.assertNotIn(f"{self.staff.person.full_name} — {staff_title}", labels)  # has it already
        self.assertIn(f"{self.staff2.person.full_name} — {staff_title}, Plh. {head_title}", labels)
