"""A meeting follow-up tells the holders of its position once when it is due within one working day and
once when it is overdue (in the app and by e-mail), in the engine's reminder run, also when two workers
run it at once."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from kinerja.correspondence import actions
from kinerja.correspondence.models import FollowUp, Minutes
from kinerja.correspondence.reminders import send_follow_up_reminders
from kinerja.org import demo
from kinerja.org.models import Office
from kinerja.workflow.models import Notification
from kinerja.workflow.reminders import send_due_reminders
from tests.base import PASSWORD, TODAY
from tests.workflow.test_concurrency import race

from .helpers import CorrespondenceTestCase

WIB = ZoneInfo("Asia/Jakarta")


def record(office: Office, positions: dict, user, *follow_ups: tuple[str, str, dt.date]) -> Minutes:  # type: ignore[no-untyped-def]
    data = actions.MinutesInput(
        title="Rapat Koordinasi Data Kinerja", held_on=dt.date(2025, 3, 24), place="Ruang Rapat",
        chair=positions["subsection_head"], agenda="Pengumpulan data kinerja", discussion="", decisions="",
        present=[positions["subsection_head"]], absent=[],
        follow_ups=[actions.FollowUpInput(text, positions[key], due) for text, key, due in follow_ups])
    return actions.record_minutes(office, data, user=user)


class FollowUpRemindersTestCase(CorrespondenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        # Due Wednesday 26 March 2025: overdue once the office closes at 16:00 WIB.
        self.minutes = record(self.office, self.positions, self.staff, ("Lengkapi bukti dukung RAT", "staff",
                                                                        dt.date(2025, 3, 26)))
        self.follow_up = self.minutes.follow_ups.get()

    def send(self, moment: dt.datetime) -> list[tuple[int, str]]:
        with self.captureOnCommitCallbacks(execute=True):
            return send_due_reminders(moment)

    def test_nobody_is_told_more_than_a_working_day_before(self) -> None:
        self.assertEqual(self.send(dt.datetime(2025, 3, 25, 15, 59, tzinfo=WIB)), [])
        self.assertFalse(Notification.objects.exists())

    def test_the_holders_are_told_once_a_working_day_before_then_once_when_overdue(self) -> None:
        # Tuesday 16:00: the office closes on Wednesday at 16:00, one working day (07:30-16:00) later.
        self.assertEqual(self.send(dt.datetime(2025, 3, 25, 16, 0, tzinfo=WIB)), [(self.follow_up.pk, "follow_up_soon")])
        told = Notification.objects.order_by("user__username")
        what = "Lengkapi bukti dukung RAT"
        self.assertEqual([(n.user.username, n.kind, n.subject) for n in told],
                         [("jfu", "soon_day", what), ("jfu2", "soon_day", what)])
        self.assertIn("Lengkapi bukti dukung RAT", mail.outbox[0].subject)
        self.assertEqual(self.send(dt.datetime(2025, 3, 26, 15, 59, tzinfo=WIB)), [])  # not overdue yet
        self.assertEqual(self.send(dt.datetime(2025, 3, 26, 16, 0, tzinfo=WIB)), [(self.follow_up.pk, "follow_up_overdue")])
        self.assertEqual(Notification.objects.filter(kind="overdue").count(), 2)
        self.client.force_login(self.staff)
        self.assertContains(self.client.get("/notifications/"), "Jatuh tempo dalam satu hari kerja")

    def test_the_holders_are_told_once_when_it_is_overdue(self) -> None:
        sent = self.send(dt.datetime(2025, 3, 26, 16, 30, tzinfo=WIB))
        self.assertEqual(sent, [(self.follow_up.pk, "follow_up_overdue")])
        told = Notification.objects.order_by("user__username")
        self.assertEqual([n.user.username for n in told], ["jfu", "jfu2"])
        first = told[0]
        self.assertEqual((first.kind, first.case, first.office, first.subject),
                         ("overdue", None, self.office, "Lengkapi bukti dukung RAT"))
        self.assertEqual(first.url, f"/minutes/{self.minutes.pk}/#follow-up-{self.follow_up.pk}")
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), ["jfu2@demo.invalid", "jfu@demo.invalid"])
        self.assertIn("Lengkapi bukti dukung RAT", mail.outbox[0].subject)
        self.assertIn(f"/minutes/{self.minutes.pk}/", mail.outbox[0].body)
        self.assertIn("Batas waktu: Rabu, 26 Maret 2025 16.00 WIB", mail.outbox[0].body)  # the office's time
        self.assertEqual(self.send(dt.datetime(2025, 3, 27, 9, 0, tzinfo=WIB)), [])
        self.assertEqual(Notification.objects.count(), 2)

    def test_a_done_follow_up_tells_nobody(self) -> None:
        actions.complete_follow_up(self.follow_up.pk, user=self.staff, note="Sudah dilengkapi")
        self.assertEqual(self.send(dt.datetime(2025, 3, 26, 9, 0, tzinfo=WIB)), [])
        self.assertEqual(self.send(dt.datetime(2025, 3, 27, 9, 0, tzinfo=WIB)), [])

    def test_the_notification_page_shows_it_to_its_office_only(self) -> None:
        self.send(dt.datetime(2025, 3, 26, 16, 30, tzinfo=WIB))
        self.client.force_login(self.staff)
        page = self.client.get("/notifications/")
        self.assertContains(page, "Terlambat")
        self.assertContains(page, f'href="/minutes/{self.minutes.pk}/#follow-up-{self.follow_up.pk}"')
        self.assertContains(page, "Lengkapi bukti dukung RAT")
        Notification.objects.update(office=self.other_office)
        self.assertNotContains(self.client.get("/notifications/"), "Lengkapi bukti dukung RAT")


def race_five(moment: dt.datetime) -> tuple[Minutes, list[tuple[int, str]]]:
    """Five follow-ups due Wednesday 26 March 2025, and two workers sending reminders at `moment` at once."""
    built = demo.build(password=PASSWORD, today=TODAY)
    minutes = record(built.office, built.positions, built.people["jfu"].user,
                     *[(f"Tindak lanjut {i}", "subsection_head", dt.date(2025, 3, 26)) for i in range(5)])
    results = race(lambda: send_follow_up_reminders(moment), lambda: send_follow_up_reminders(moment))
    assert not any(isinstance(r, Exception) for r in results), results
    return minutes, [s for r in results for s in r]


@pytest.mark.django_db(transaction=True)
def test_two_workers_tell_each_follow_up_once() -> None:
    minutes, sent = race_five(dt.datetime(2025, 3, 27, 9, 0, tzinfo=WIB))
    assert sorted(sent) == sorted((f.pk, "follow_up_overdue") for f in minutes.follow_ups.all())
    assert Notification.objects.count() == 5
    assert len(mail.outbox) == 5
    assert FollowUp.objects.filter(warned_overdue_at__isnull=True).count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_workers_tell_each_follow_up_once_that_it_is_due_soon() -> None:
    minutes, sent = race_five(dt.datetime(2025, 3, 26, 9, 0, tzinfo=WIB))
    assert sorted(sent) == sorted((f.pk, "follow_up_soon") for f in minutes.follow_ups.all())
    assert Notification.objects.filter(kind="soon_day").count() == 5
    assert FollowUp.objects.filter(warned_soon_at__isnull=True).count() == 0
