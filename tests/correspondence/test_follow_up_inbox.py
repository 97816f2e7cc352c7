"""Meeting follow-ups as tasks in their person in charge's inbox (workflow.inbox_extensions): shown
with their due date in working time, closed from there with a note by the person in charge or their
superior only, in a constant number of queries."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.correspondence import actions
from kinerja.correspondence.inbox import follow_up_items
from kinerja.correspondence.models import FollowUp, Minutes
from kinerja.errors import KinerjaError, NotAllowed
from kinerja.workflow import inbox, inbox_extensions
from kinerja.workflow.access import office_day
from kinerja.workflow.calendar import WorkCalendar

from .helpers import CorrespondenceTestCase

WIB = ZoneInfo("Asia/Jakarta")


class FollowUpInboxTestCase(CorrespondenceTestCase):
    def minutes(self, *follow_ups: tuple[str, str, dt.date], held_on: dt.date | None = None) -> Minutes:
        p = self.positions
        held_on = held_on or office_day(self.office)
        data = actions.MinutesInput(
            title="Rapat Koordinasi Data Kinerja", held_on=held_on, place="Ruang Rapat", chair=p["subsection_head"],
            agenda="Pengumpulan data kinerja", discussion="", decisions="", present=[p["subsection_head"]], absent=[],
            follow_ups=[actions.FollowUpInput(text, p[key], due) for text, key, due in follow_ups])
        return actions.record_minutes(self.office, data, user=self.staff)

    def later(self, days: int) -> dt.date:
        """`days` calendar days from today, or the first working day after it when the office is closed then
        (a follow-up due on a holiday is due when the next working day closes, which one test checks)."""
        day = office_day(self.office) + dt.timedelta(days=days)
        cal = WorkCalendar.for_office(self.office)
        return day if cal.is_working_day(day) else cal.next_working_day(day)

    def test_the_provider_is_registered_by_the_app(self) -> None:
        self.assertIn(follow_up_items, inbox_extensions._providers)

    def test_it_shows_in_the_inbox_of_the_person_in_charge_only(self) -> None:
        minutes = self.minutes(("Serahkan realisasi Bidang Kelembagaan", "contact:0", self.later(30)))
        follow_up = minutes.follow_ups.get()
        self.client.force_login(self.contacts[0])
        r = self.client.get("/inbox/")
        self.assertContains(r, "Serahkan realisasi Bidang Kelembagaan")
        self.assertContains(r, "Tindak lanjut rapat")  # the kind, in Indonesian
        self.assertContains(r, f'href="/minutes/{minutes.pk}/#follow-up-{follow_up.pk}"')
        self.assertContains(r, f'action="/follow-ups/{follow_up.pk}/done/"')
        self.assertContains(r, "Tandai selesai")
        [item] = r.context["box"].extra.open
        self.assertEqual((item.state, item.due_at.astimezone(WIB).date()), ("todo", follow_up.due_on))
        self.assertIn("hari kerja", item.time_left)
        for user in (self.contacts[1], self.staff, self.outsider):
            self.client.force_login(user)
            self.assertNotContains(self.client.get("/inbox/"), "Serahkan realisasi Bidang Kelembagaan")

    def test_it_is_overdue_after_the_end_of_the_due_day_in_working_time(self) -> None:
        self.minutes(("Kirim data", "staff", dt.date(2025, 3, 12)), held_on=dt.date(2025, 3, 10))
        cal = WorkCalendar.for_office(self.office)
        before = dt.datetime(2025, 3, 12, 10, 0, tzinfo=WIB)
        [item] = inbox.build(self.staff, self.office, before, before.date()).extra.open
        closes = cal.opening(dt.date(2025, 3, 12))[1]
        self.assertEqual(item.due_at, closes)
        self.assertIn(item.state, ("todo", "soon"))
        self.assertEqual(item.time_left, inbox.describe(cal.elapsed(before, closes), cal.day_length))
        later = dt.datetime(2025, 3, 13, 9, 30, tzinfo=WIB)
        box = inbox.build(self.staff, self.office, later, later.date())
        [item] = box.extra.open
        self.assertEqual((item.state, box.extra.overdue_count), ("overdue", 1))
        self.assertEqual(item.overdue_by, inbox.describe(cal.elapsed(closes, later), cal.day_length))
        self.assertNotEqual(item.overdue_by, inbox.describe(later - closes, cal.day_length))  # not wall-clock time

    def test_a_due_date_the_office_is_closed_moves_to_the_next_working_day(self) -> None:
        # Saturday 29 March 2025 (Nyepi); Idul Fitri 1446 H and its cuti bersama close the office until
        # Monday 7 April, so the follow-up is due when Tuesday 8 April closes.
        self.minutes(("Kirim data", "staff", dt.date(2025, 3, 29)), held_on=dt.date(2025, 3, 24))
        cal = WorkCalendar.for_office(self.office)
        now = dt.datetime(2025, 3, 25, 9, 0, tzinfo=WIB)
        [item] = inbox.build(self.staff, self.office, now, now.date()).extra.open
        first_open = dt.date(2025, 4, 8)
        self.assertEqual(item.due_at, cal.opening(first_open)[1])

    def test_the_person_in_charge_closes_it_from_the_inbox_with_a_note(self) -> None:
        follow_up = self.minutes(("Kirim data", "contact:0", self.later(10))).follow_ups.get()
        self.client.force_login(self.contacts[0])
        r = self.client.post(f"/follow-ups/{follow_up.pk}/done/", {"note": "Data dikirim lewat surat 005/7",
                                                                     "next": "/inbox/"}, follow=True)
        self.assertRedirects(r, "/inbox/")
        self.assertContains(r, "Tindak lanjut ditandai selesai")
        follow_up.refresh_from_db()
        self.assertEqual((follow_up.status, follow_up.done_by, follow_up.done_note),
                         ("done", self.contacts[0], "Data dikirim lewat surat 005/7"))
        box = r.context["box"]
        self.assertEqual(box.extra.open, [])
        self.assertEqual([i.title for i in box.extra.done], ["Kirim data"])
        self.assertContains(r, "Data dikirim lewat surat 005/7")

    def test_a_superior_may_close_it_others_are_refused(self) -> None:
        follow_up = self.minutes(("Kirim data", "contact:0", self.later(10))).follow_ups.get()
        for user in (self.contacts[1], self.staff):
            with self.assertRaisesMessage(NotAllowed, "or their superior can complete this follow-up"):
                actions.complete_follow_up(follow_up.pk, user=user, note="selesai")
        self.client.force_login(self.contacts[1])
        r = self.client.post(f"/follow-ups/{follow_up.pk}/done/", {"note": "selesai", "next": "/inbox/"}, follow=True)
        self.assertContains(r, "atau atasannya yang dapat menyelesaikan tindak lanjut ini")
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.post(f"/follow-ups/{follow_up.pk}/done/", {"note": "x"}).status_code, 404)
        follow_up.refresh_from_db()
        self.assertEqual(follow_up.status, "open")
        actions.complete_follow_up(follow_up.pk, user=self.head, note="Diselesaikan Kepala Dinas")
        follow_up.refresh_from_db()
        self.assertEqual((follow_up.status, follow_up.done_by), ("done", self.head))

    def test_a_note_is_required_and_nothing_is_saved_without_it(self) -> None:
        follow_up = self.minutes(("Kirim data", "staff", self.later(5))).follow_ups.get()
        with self.assertRaisesMessage(KinerjaError, "Note: write what was done."):
            actions.complete_follow_up(follow_up.pk, user=self.staff, note="  ")
        follow_up.refresh_from_db()
        self.assertEqual((follow_up.status, follow_up.done_at), ("open", None))
        actions.complete_follow_up(follow_up.pk, user=self.staff, note="ok")
        with self.assertRaisesMessage(KinerjaError, "already done"):
            actions.complete_follow_up(follow_up.pk, user=self.staff, note="lagi")

    def test_an_outside_redirect_is_ignored(self) -> None:
        follow_up = self.minutes(("Kirim data", "staff", self.later(5))).follow_ups.get()
        self.client.force_login(self.staff)
        r = self.client.post(f"/follow-ups/{follow_up.pk}/done/", {"note": "ok", "next": "https://evil.example/"})
        self.assertRedirects(r, "/follow-ups/")

    def test_the_inbox_costs_the_same_queries_for_one_follow_up_and_forty(self) -> None:
        self.minutes(("Kirim data 0", "contact:0", self.later(3)))
        self.client.force_login(self.contacts[0])
        with CaptureQueriesContext(connection) as one:
            self.client.get("/inbox/")
        for i in range(1, 40):
            fu = self.minutes((f"Kirim data {i}", "contact:0", self.later(i % 7 + 1))).follow_ups.get()
            if i % 3 == 0:
                actions.complete_follow_up(fu.pk, user=self.contacts[0], note=f"selesai {i}")
        with self.assertNumQueries(len(one.captured_queries)):
            r = self.client.get("/inbox/")
        self.assertEqual(len(r.context["box"].extra.open), 27)
        self.assertEqual(len(r.context["box"].extra.done), 13)

    def test_the_follow_up_page_and_the_minutes_page_close_with_a_note(self) -> None:
        minutes = self.minutes(("Kirim data", "staff", self.later(5)))
        follow_up = minutes.follow_ups.get()
        self.client.force_login(self.staff)
        self.assertContains(self.client.get("/follow-ups/"), 'name="note"')
        self.assertContains(self.client.get(f"/minutes/{minutes.pk}/"), f'id="follow-up-{follow_up.pk}"')
        r = self.client.post(f"/follow-ups/{follow_up.pk}/done/", {"note": "Sudah", "next": f"/minutes/{minutes.pk}/"},
                             follow=True)
        self.assertRedirects(r, f"/minutes/{minutes.pk}/")
        self.assertContains(r, "Sudah")
        self.assertEqual(FollowUp.objects.get().status, "done")
