"""The office changes its hours (a new regulation on working hours, Ramadan hours) or its time zone (typed
wrong when the office was set up) in the admin while tasks run: their due dates follow, as they follow a
holiday added (test_calendar_changes.py), once the change is committed, each move in the case's history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction

from kinerja.org import actions as org_actions
from kinerja.org.models import Office, OfficeHours
from kinerja.workflow import actions
from kinerja.workflow.calendar import WorkCalendar
from kinerja.workflow.models import Case, Event, Task
from tests.base import PASSWORD

from .base import WIB, WorkflowTestCase

WITA = dt.timezone(dt.timedelta(hours=8))


def june(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, 6, day, hour, minute, tzinfo=WIB)


class OfficeHoursChangedTestCase(WorkflowTestCase):
    def setUp(self) -> None:
        super().setUp()
        # Step 3 (5 hari) opens Monday 16 June 08:02: due Monday 23 June 08:02.
        self.case = self.start_case(at=june(16, 8))
        self.step3 = self.run_to_step(self.case, 3, when=june(16, 8))
        self.assertEqual(self.step3.due_at, june(23, 8, 2))

    def open_monday_at_half_past_eight(self) -> None:
        monday = OfficeHours.objects.get(office=self.office, weekday=0)
        monday.opens_at = dt.time(8, 30)
        monday.save()

    def test_later_opening_hours_move_the_due_date_once_committed(self) -> None:
        # Opened at 08:02, before the new opening at 08:30: the five days count from 08:30.
        with self.captureOnCommitCallbacks(execute=True):
            self.open_monday_at_half_past_eight()
            self.step3.refresh_from_db()
            self.assertEqual(self.step3.due_at, june(23, 8, 2))  # not before the commit
        self.step3.refresh_from_db()
        self.assertEqual(self.step3.due_at, june(23, 8, 30))
        event = self.case.events.get(kind=Event.Kind.DUE_MOVED)
        self.assertEqual({k: event.data[k] for k in ("task", "from", "to", "change")},
                         {"task": self.step3.pk, "from": "2025-06-23T08:02:00+07:00",
                          "to": "2025-06-23T08:30:00+07:00", "change": "hours"})
        self.assertNotIn("day", event.data)

    def test_a_change_rolled_back_moves_nothing(self) -> None:
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            try:
                with transaction.atomic():
                    self.open_monday_at_half_past_eight()
                    raise RuntimeError("the admin's form failed")
            except RuntimeError:
                pass
        self.assertEqual(callbacks, [])
        self.step3.refresh_from_db()
        self.assertEqual(self.step3.due_at, june(23, 8, 2))

    def admin_form(self, opens_at: Callable[[OfficeHours], str], time_zone: str = "Asia/Jakarta") -> dict[str, str]:
        data = {"name": self.office.name, "short_name": self.office.short_name, "city": self.office.city,
                "address": self.office.address, "letterhead": self.office.letterhead, "time_zone": time_zone}
        rows = list(OfficeHours.objects.filter(office=self.office).order_by("weekday"))
        data.update({"hours-TOTAL_FORMS": str(len(rows)), "hours-INITIAL_FORMS": str(len(rows)),
                     "hours-MIN_NUM_FORMS": "0", "hours-MAX_NUM_FORMS": "1000"})
        for n, row in enumerate(rows):
            data.update({f"hours-{n}-id": str(row.pk), f"hours-{n}-office": str(self.office.pk),
                         f"hours-{n}-weekday": str(row.weekday), f"hours-{n}-opens_at": opens_at(row),
                         f"hours-{n}-closes_at": f"{row.closes_at:%H.%M}"})
        return data

    def test_the_administrator_changes_the_hours_in_the_admin(self) -> None:
        data = self.admin_form(lambda row: "08.30" if row.weekday in (0, 1) else f"{row.opens_at:%H.%M}")
        self.client.force_login(self.admin)
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.client.post(f"/admin/org/office/{self.office.pk}/change/", data)
        self.assertEqual(response.status_code, 302, response.content.decode()[-3000:])
        self.step3.refresh_from_db()
        self.assertEqual(self.step3.due_at, june(23, 8, 30))
        # Two rows changed, one recount queued for the office.
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(self.case.events.filter(kind=Event.Kind.DUE_MOVED).count(), 1)

    def test_one_save_of_every_weekday_and_the_time_zone_queues_one_recount(self) -> None:
        # Seven weekdays (Saturday and Sunday added as working days) and the time zone, in one save of the admin.
        OfficeHours.objects.bulk_create(OfficeHours(office=self.office, weekday=d, opens_at=dt.time(8),
                                                    closes_at=dt.time(12)) for d in (5, 6))
        data = self.admin_form(lambda row: "08.30", time_zone="Asia/Makassar")
        self.client.force_login(self.admin)
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.client.post(f"/admin/org/office/{self.office.pk}/change/", data)
        self.assertEqual(response.status_code, 302, response.content.decode()[-3000:])
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(set(OfficeHours.objects.filter(office=self.office).values_list("opens_at", flat=True)),
                         {dt.time(8, 30)})
        event = self.case.events.get(kind=Event.Kind.DUE_MOVED)
        self.assertEqual(event.data["change"], "time_zone")  # the admin saves the office first

    def test_each_office_changed_in_one_transaction_is_recounted_once(self) -> None:
        with self.captureOnCommitCallbacks() as callbacks:
            with transaction.atomic():
                self.open_monday_at_half_past_eight()
                OfficeHours.objects.get(office=self.office, weekday=3).delete()
                for other in self.other_office.hours.all():
                    other.opens_at = dt.time(9)
                    other.save()
        self.assertEqual(len(callbacks), 2)

    def test_a_recount_rolled_back_with_its_savepoint_is_queued_again(self) -> None:
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            with transaction.atomic():
                try:
                    with transaction.atomic():
                        self.open_monday_at_half_past_eight()
                        raise RuntimeError("this row's form failed")
                except RuntimeError:
                    pass
                self.open_monday_at_half_past_eight()
        self.assertEqual(len(callbacks), 1)
        self.step3.refresh_from_db()
        self.assertEqual(self.step3.due_at, june(23, 8, 30))

    def test_a_second_change_after_the_first_recount_ran_is_recounted_too(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            self.open_monday_at_half_past_eight()
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            monday = OfficeHours.objects.get(office=self.office, weekday=0)
            monday.opens_at = dt.time(9)
            monday.save()
        self.assertEqual(len(callbacks), 1)
        self.step3.refresh_from_db()
        self.assertEqual(self.step3.due_at, june(23, 9))

    def test_removing_a_working_weekday_moves_the_due_date_on(self) -> None:
        # The office no longer works on Wednesdays: 5 hari from Monday 16 June end on Tuesday 24 June.
        with self.captureOnCommitCallbacks(execute=True):
            OfficeHours.objects.get(office=self.office, weekday=2).delete()
        self.step3.refresh_from_db()
        self.assertEqual(self.step3.due_at, june(24, 8, 2))

    def test_only_open_tasks_of_the_office_move(self) -> None:
        step2 = self.case.tasks.get(step__number=2)
        done_due = step2.due_at
        other = self.other_office.hours.get(weekday=0)
        with self.captureOnCommitCallbacks(execute=True):
            self.open_monday_at_half_past_eight()
        step2.refresh_from_db()
        self.assertEqual(step2.due_at, done_due)
        with self.captureOnCommitCallbacks(execute=True):
            other.opens_at = dt.time(9)
            other.save()
        self.step3.refresh_from_db()
        self.assertEqual(self.step3.due_at, june(23, 8, 30))  # another office's hours are not this office's

    def test_a_reminder_already_sent_may_come_again_and_the_case_page_says_why(self) -> None:
        Task.objects.filter(pk=self.step3.pk).update(warned_soon_at=june(23, 7))
        with self.captureOnCommitCallbacks(execute=True):
            self.open_monday_at_half_past_eight()
        self.step3.refresh_from_db()
        self.assertIsNone(self.step3.warned_soon_at)
        self.client.force_login(self.staff)
        r = self.client.get(f"/cases/{self.case.pk}/")
        self.assertContains(r, "Batas waktu 23 Jun 2025 08:02 → 23 Jun 2025 08:30: jam kerja kantor berubah.")

    def test_shorter_hours_that_push_the_case_past_its_target_raise_the_early_warning(self) -> None:
        planned = actions.projected_finish(self.case, WorkCalendar.for_office(self.office), june(16, 9))
        Case.objects.filter(pk=self.case.pk).update(target_deadline=planned + dt.timedelta(minutes=10))
        with self.captureOnCommitCallbacks(execute=True):
            self.open_monday_at_half_past_eight()
        self.case.refresh_from_db()
        self.assertTrue(self.case.at_risk)
        self.assertTrue(self.case.events.filter(kind=Event.Kind.AT_RISK).exists())


class TimeZoneChangedTestCase(WorkflowTestCase):
    def setUp(self) -> None:
        super().setUp()
        # Step 3 opens Monday 16 June 15:32 WIB, due Monday 23 June 15:32 WIB. In WITA that opening is 16:32,
        # after closing: the five days count from Tuesday 07:30 WITA.
        self.case = self.start_case(at=june(16, 15, 30))
        self.step3 = self.run_to_step(self.case, 3, when=june(16, 15, 30))
        self.assertEqual(self.step3.due_at, june(23, 15, 32))

    def test_the_office_s_time_zone_corrected_moves_the_due_dates(self) -> None:
        self.office.time_zone = "Asia/Makassar"
        with self.captureOnCommitCallbacks(execute=True):
            self.office.save()
        self.step3.refresh_from_db()
        self.assertEqual(self.step3.due_at, dt.datetime(2025, 6, 24, 7, 30, tzinfo=WITA))
        event = self.case.events.get(kind=Event.Kind.DUE_MOVED)
        self.assertEqual((event.data["change"], event.data["to"]), ("time_zone", "2025-06-24T07:30:00+08:00"))
        self.client.force_login(self.staff)
        self.assertContains(self.client.get(f"/cases/{self.case.pk}/"), "zona waktu kantor berubah.")

    def test_in_the_admin(self) -> None:
        self.client.force_login(self.admin)
        data = {"name": self.office.name, "short_name": self.office.short_name, "city": self.office.city,
                "address": self.office.address, "letterhead": self.office.letterhead, "time_zone": "Asia/Makassar",
                "hours-TOTAL_FORMS": "0", "hours-INITIAL_FORMS": "0", "hours-MIN_NUM_FORMS": "0",
                "hours-MAX_NUM_FORMS": "1000"}
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"/admin/org/office/{self.office.pk}/change/", data)
        self.assertEqual(response.status_code, 302)
        self.step3.refresh_from_db()
        self.assertEqual(self.step3.due_at, dt.datetime(2025, 6, 24, 7, 30, tzinfo=WITA))

    def test_other_changes_of_the_office_do_not_recount(self) -> None:
        self.office.address = "Jl. Dr. Susilo No. 2, Bandar Lampung"
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            self.office.save()
        self.assertEqual(callbacks, [])


class OfficeDeletedTestCase(WorkflowTestCase):
    def test_deleting_an_office_with_its_hours_and_days_is_not_an_error(self) -> None:
        # The city's operator removes an office set up by mistake: its hours go with it, and the recount
        # they ask for after the commit finds no office and nothing to move.
        office = Office.objects.create(code="salah-ketik", name="Dinas Salah Ketik", short_name="DSK", city="Metro")
        org_actions.add_default_hours(office)
        OfficeHours.objects.filter(office=office, weekday=0).get().save()  # hours saved in the admin
        office.special_days.create(date=dt.date(2025, 6, 17), kind="holiday", reason="HUT Kota")
        operator = get_user_model().objects.create_superuser("operator-kota", "op@kota.invalid", PASSWORD)
        self.client.force_login(operator)
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.client.post(f"/admin/org/office/{office.pk}/delete/", {"post": "yes"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Office.objects.filter(code="salah-ketik").exists())
        self.assertTrue(callbacks)  # the recounts were asked for, and ran without error
