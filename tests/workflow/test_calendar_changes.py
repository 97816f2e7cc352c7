"""The office's calendar changes while tasks run: an administrator adds a regional holiday (or works on a
cuti bersama after all) inside an open task's time. The task's due date follows, as its step's standard
time counts working days: the JFU's 5 hari still ends after five working days."""

from __future__ import annotations

import datetime as dt

from kinerja.org import actions as org_actions
from kinerja.org.models import SpecialDay
from kinerja.workflow import actions
from kinerja.workflow.models import Event

from .base import WIB, WorkflowTestCase


def june(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, 6, day, hour, minute, tzinfo=WIB)


class HolidayAddedTestCase(WorkflowTestCase):
    def setUp(self) -> None:
        super().setUp()
        # Step 3 (5 hari) opens Monday 16 June 08:02: due Monday 23 June 08:02.
        self.case = self.start_case(at=june(16, 8))
        self.step3 = self.run_to_step(self.case, 3, when=june(16, 8))
        self.assertEqual(self.step3.due_at, june(23, 8, 2))

    def add_holiday(self, day: dt.date) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            SpecialDay.objects.create(office=self.office, date=day, kind=SpecialDay.Kind.HOLIDAY,
                                      reason="HUT Kota Bandar Lampung")

    def test_a_holiday_inside_the_task_s_time_moves_its_due_date(self) -> None:
        self.add_holiday(dt.date(2025, 6, 18))
        self.step3.refresh_from_db()
        self.assertEqual(self.step3.due_at, june(24, 8, 2))
        event = self.case.events.get(kind=Event.Kind.DUE_MOVED)
        self.assertEqual(event.data["from"], "2025-06-23T08:02:00+07:00")  # in the office time, as "to"
        self.assertEqual((event.data["task"], dt.datetime.fromisoformat(event.data["from"]),
                          dt.datetime.fromisoformat(event.data["to"]), event.data["day"]),
                         (self.step3.pk, june(23, 8, 2), june(24, 8, 2), "2025-06-18"))

    def test_a_holiday_after_the_due_date_changes_nothing(self) -> None:
        self.add_holiday(dt.date(2025, 6, 25))
        self.step3.refresh_from_db()
        self.assertEqual(self.step3.due_at, june(23, 8, 2))
        self.assertFalse(self.case.events.filter(kind=Event.Kind.DUE_MOVED).exists())

    def test_working_on_the_holiday_after_all_moves_it_back(self) -> None:
        self.add_holiday(dt.date(2025, 6, 18))
        day = SpecialDay.objects.get(office=self.office, date=dt.date(2025, 6, 18))
        with self.captureOnCommitCallbacks(execute=True):
            day.delete()
        self.step3.refresh_from_db()
        self.assertEqual(self.step3.due_at, june(23, 8, 2))

    def test_moving_the_holiday_to_another_date_moves_the_due_date_back(self) -> None:
        # The administrator typed the wrong date and corrects it in the admin: 25 June, after the due date.
        self.add_holiday(dt.date(2025, 6, 18))
        day = SpecialDay.objects.get(office=self.office, date=dt.date(2025, 6, 18))
        day.date = dt.date(2025, 6, 25)
        with self.captureOnCommitCallbacks(execute=True):
            day.save()
        self.step3.refresh_from_db()
        self.assertEqual(self.step3.due_at, june(23, 8, 2))
        moved = self.case.events.filter(kind=Event.Kind.DUE_MOVED).order_by("seq")
        self.assertEqual([(e.data["day"], e.data["to"]) for e in moved],
                         [("2025-06-18", "2025-06-24T08:02:00+07:00"), ("2025-06-18", "2025-06-23T08:02:00+07:00")])

    def test_a_finished_task_keeps_its_due_date(self) -> None:
        step2 = self.case.tasks.get(step__number=2)
        before = step2.due_at
        self.add_holiday(dt.date(2025, 6, 16))
        step2.refresh_from_db()
        self.assertEqual(step2.due_at, before)

    def test_the_chain_stays_intact(self) -> None:
        from kinerja.workflow.audit import verify_case

        self.add_holiday(dt.date(2025, 6, 18))
        self.assertIsNone(verify_case(list(self.case.events.order_by("seq")), self.case.pk))

    def test_the_due_date_moves_as_the_step_counts_it_from_its_opening(self) -> None:
        actions.send_division_requests(self.step3.pk, user=self.staff, divisions=self.divisions, what="Realisasi",
                                       due_at=june(20, 12), at=june(16, 9))
        self.add_holiday(dt.date(2025, 6, 17))
        self.step3.refresh_from_db()
        self.assertEqual(self.step3.due_at, june(24, 8, 2))

    def test_the_case_page_says_why_the_due_date_moved(self) -> None:
        self.add_holiday(dt.date(2025, 6, 18))
        self.client.force_login(self.staff)
        r = self.client.get(f"/cases/{self.case.pk}/")
        self.assertContains(r, "Batas waktu 23 Jun 2025 08:02 → 24 Jun 2025 08:02: kalender kantor berubah pada "
                               "18 Jun 2025.")


class HolidayAndTargetDeadlineTestCase(WorkflowTestCase):
    def test_a_holiday_that_pushes_the_case_past_its_target_deadline_raises_the_early_warning(self) -> None:
        from kinerja.workflow.calendar import WorkCalendar
        from kinerja.workflow.models import Case

        case = self.start_case(at=june(16, 8))
        self.run_to_step(case, 3, when=june(16, 8))
        # The target: an hour after the plan as it stands (step 3 due, then 5 + 1 + 1 hari).
        planned = actions.projected_finish(case, WorkCalendar.for_office(self.office), june(16, 9))
        Case.objects.filter(pk=case.pk).update(target_deadline=planned + dt.timedelta(hours=1))
        with self.captureOnCommitCallbacks(execute=True):
            SpecialDay.objects.create(office=self.office, date=dt.date(2025, 6, 18), kind=SpecialDay.Kind.HOLIDAY,
                                      reason="HUT Kota Bandar Lampung")
        case.refresh_from_db()
        self.assertTrue(case.at_risk)
        self.assertTrue(case.events.filter(kind=Event.Kind.AT_RISK).exists())


class BulkChangesTestCase(WorkflowTestCase):
    """Bulk writes of the calendar (receivers.py): QuerySet.delete, as the admin's "Delete selected", sends a
    signal per row and so moves due dates; the product's only bulk_create of it is a new office's hours."""

    def test_deleting_selected_holidays_in_the_admin_moves_the_due_date_back(self) -> None:
        case = self.start_case(at=june(16, 8))
        step3 = self.run_to_step(case, 3, when=june(16, 8))
        with self.captureOnCommitCallbacks(execute=True):
            days = [SpecialDay.objects.create(office=self.office, date=dt.date(2025, 6, d), reason="Libur daerah",
                                              kind=SpecialDay.Kind.HOLIDAY) for d in (18, 19)]
        step3.refresh_from_db()
        self.assertEqual(step3.due_at, june(25, 8, 2))
        self.client.force_login(self.admin)
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            r = self.client.post("/admin/org/specialday/", {"action": "delete_selected", "post": "yes",
                                                            "_selected_action": [str(d.pk) for d in days]})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(len(callbacks), 2)  # one per day freed
        step3.refresh_from_db()
        self.assertEqual(step3.due_at, june(23, 8, 2))

    def test_a_new_office_s_default_hours_queue_no_recount(self) -> None:
        with self.captureOnCommitCallbacks() as callbacks:
            org_actions.create_office(code="baru", name="Dinas Baru", short_name="DB", city="Metro")
        self.assertEqual(callbacks, [])  # bulk_create, and a new office has no task to move
