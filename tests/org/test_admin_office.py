"""The city's operator creates an office in the admin and its administrator builds it: the new office
starts with office hours to see and change, the administrator cannot re-code it or mark it as demo
data, and units and positions stay within their own office."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.test import override_settings

from kinerja.org.models import Office, Position, Unit
from tests.base import PASSWORD, KinerjaTestCase

NO_HOURS = {"hours-TOTAL_FORMS": "0", "hours-INITIAL_FORMS": "0", "hours-MIN_NUM_FORMS": "0",
            "hours-MAX_NUM_FORMS": "1000"}


class OfficeAdminTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        self.operator = get_user_model().objects.create_superuser("operator-kota", "operator@kota.invalid", PASSWORD)

    def test_an_office_added_in_the_admin_has_office_hours(self) -> None:
        self.client.force_login(self.operator)
        response = self.client.post("/admin/org/office/add/", {
            "code": "diskominfo-metro", "name": "Dinas Komunikasi dan Informatika Kota Metro",
            "short_name": "Diskominfo", "city": "Kota Metro", "address": "", "letterhead": "",
            "time_zone": "Asia/Jakarta", **NO_HOURS})
        self.assertEqual(response.status_code, 302)
        office = Office.objects.get(code="diskominfo-metro")
        self.assertEqual([(h.weekday, h.opens_at, h.closes_at) for h in office.hours.all()],
                         [(d, dt.time(7, 30), dt.time(16, 0)) for d in range(5)])
        page = self.client.get(f"/admin/org/office/{office.pk}/change/")
        # As the office writes times: 07.30, not 07.30.00.
        self.assertContains(page, 'value="07.30"', count=5)
        self.assertContains(page, 'value="16.00"', count=5)
        self.assertNotContains(page, '07.30.00')

    def test_a_new_office_shows_the_default_hours_before_it_is_saved(self) -> None:
        self.client.force_login(self.operator)
        page = self.client.get("/admin/org/office/add/")
        self.assertContains(page, 'value="07.30"', count=5)
        self.assertContains(page, 'value="16.00"', count=5)
        self.assertContains(page, 'name="hours-TOTAL_FORMS" value="5"')
        self.assertContains(page, '<option value="4" selected>Jumat</option>', html=True)
        # Saved as shown, with the one day changed (a Friday ending at 11.00): all five days, not only Friday.
        data = {"code": "dinsos-metro", "name": "Dinas Sosial Kota Metro", "short_name": "Dinsos",
                "city": "Kota Metro", "address": "", "letterhead": "", "time_zone": "Asia/Jakarta",
                "hours-TOTAL_FORMS": "5", "hours-INITIAL_FORMS": "0", "hours-MIN_NUM_FORMS": "0",
                "hours-MAX_NUM_FORMS": "1000"}
        for day in range(5):
            data.update({f"hours-{day}-weekday": str(day), f"hours-{day}-opens_at": "07.30",
                         f"hours-{day}-closes_at": "11.00" if day == 4 else "16.00"})
        self.assertEqual(self.client.post("/admin/org/office/add/", data).status_code, 302)
        office = Office.objects.get(code="dinsos-metro")
        self.assertEqual([(h.weekday, h.opens_at, h.closes_at) for h in office.hours.all()],
                         [(d, dt.time(7, 30), dt.time(11 if d == 4 else 16, 0)) for d in range(5)])

    def test_the_office_hours_are_typed_without_the_admins_server_time_note(self) -> None:
        # Django's clock widget notes how far the browser is from the server (WIB); the hours of a WITA
        # office are its own, in its time zone, and the note would have its administrator type them in WIB.
        self.office.time_zone = "Asia/Makassar"
        self.office.save()
        self.client.force_login(self.admin)
        page = self.client.get(f"/admin/org/office/{self.office.pk}/change/")
        self.assertContains(page, 'name="hours-0-opens_at"')
        self.assertNotContains(page, "vTimeField")
        self.assertContains(page, "dalam zona waktunya")

    def test_a_special_day_is_named_by_its_date_as_the_office_writes_it(self) -> None:
        self.client.force_login(self.admin)
        response = self.client.post("/admin/org/specialday/add/", {
            "office": self.office.pk, "date": "24/12/2026", "kind": "working_day",
            "reason": "Cuti bersama Natal dibatalkan"}, follow=True)
        self.assertContains(response, "24 Desember 2026 Cuti bersama Natal dibatalkan")
        self.assertNotContains(response, "2026-12-24")

    def test_the_office_administrator_cannot_recode_the_office_or_mark_it_demo(self) -> None:
        self.client.force_login(self.admin)
        self.office.is_demo = False
        self.office.save()
        hours = list(self.office.hours.all())
        data = {"name": "Dinas Koperasi, UKM dan Perdagangan", "short_name": "Diskop", "city": self.office.city,
                "address": "", "letterhead": "", "time_zone": "Asia/Jakarta", "code": "lain", "is_demo": "on",
                "hours-TOTAL_FORMS": str(len(hours)), "hours-INITIAL_FORMS": str(len(hours)),
                "hours-MIN_NUM_FORMS": "0", "hours-MAX_NUM_FORMS": "1000"}
        for i, h in enumerate(hours):
            data.update({f"hours-{i}-id": str(h.pk), f"hours-{i}-office": str(self.office.pk),
                         f"hours-{i}-weekday": str(h.weekday), f"hours-{i}-opens_at": "08:00",
                         f"hours-{i}-closes_at": "16:00"})
        response = self.client.post(f"/admin/org/office/{self.office.pk}/change/", data)
        self.assertEqual(response.status_code, 302)
        self.office.refresh_from_db()
        self.assertEqual((self.office.name, self.office.code, self.office.is_demo),
                         ("Dinas Koperasi, UKM dan Perdagangan", "diskopukm-bdl", False))
        self.assertEqual({h.opens_at for h in self.office.hours.all()}, {dt.time(8, 0)})

    def test_a_position_in_a_unit_of_another_office_is_refused(self) -> None:
        self.client.force_login(self.operator)
        theirs = Unit.objects.filter(office=self.other_office, kind="division").first()
        response = self.client.post("/admin/org/position/add/", {
            "office": str(self.office.pk), "unit": str(theirs.pk), "title": "Analis Kebijakan", "short_title": "",
            "kind": "staff", "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("unit", response.context["adminform"].form.errors)
        self.assertFalse(Position.objects.filter(title="Analis Kebijakan").exists())

    def test_a_unit_under_another_offices_unit_or_under_itself_is_refused(self) -> None:
        self.client.force_login(self.operator)
        theirs = Unit.objects.get(office=self.other_office, kind="secretariat")
        response = self.client.post("/admin/org/unit/add/", {
            "office": str(self.office.pk), "parent": str(theirs.pk), "name": "Subbagian Umum", "kind": "subsection"})
        self.assertIn("parent", response.context["adminform"].form.errors)
        mine = Unit.objects.get(office=self.office, kind="secretariat")
        child = Unit.objects.filter(parent=mine).first()
        response = self.client.post(f"/admin/org/unit/{mine.pk}/change/", {
            "office": str(self.office.pk), "parent": str(child.pk), "name": mine.name, "kind": mine.kind})
        self.assertIn("parent", response.context["adminform"].form.errors)
        mine.refresh_from_db()
        self.assertNotEqual(mine.parent, child)


class TaskQueueInTheOfficesLanguageTestCase(KinerjaTestCase):
    """The task queue's pages in the administration (django-tasks-db ships no Indonesian) read in
    Indonesian for the city's operator: its name on the index, the task list's columns and states."""

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
    def test_the_task_queue_reads_in_indonesian(self) -> None:
        from django_tasks_db.models import DBTaskResult

        from kinerja.workflow.tasks import send_due_reminders_task

        operator = get_user_model().objects.create_superuser("operator-kota", "operator@kota.invalid", PASSWORD)
        DBTaskResult.objects.create(task_path=send_due_reminders_task.module_path, args_kwargs={"args": [], "kwargs": {}},
                                    backend_name="default", run_after=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        self.client.force_login(operator)
        index = self.client.get("/admin/").content.decode()
        self.assertIn("Sistem: pekerjaan latar", index)
        # Listed last, after the office's own apps (the index sorts by name).
        self.assertGreater(index.index("Sistem: pekerjaan latar"), index.index("Persuratan"))
        self.assertNotIn("Tasks Database Backend", index)
        self.assertNotIn("Task Results", index)
        listing = self.client.get("/admin/django_tasks_database/dbtaskresult/").content.decode()
        for text in ("Masuk antrean pada", "Prioritas", "Menunggu", "Berjalan", "Berhasil", "Gagal"):
            self.assertIn(text, listing)
        for text in ("Enqueued at", "Ready", "Successful", "Queue name"):
            self.assertNotIn(text, listing)
