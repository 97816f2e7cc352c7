"""The unread count tells of news: a notification about a task (new work, a return, a reminder) stops
counting once the task is done, returned or cancelled, whoever did it; the Kasubbag who did step 2 is
not left with a badge that only grows. An early warning counts until read: the case is still at risk."""

from __future__ import annotations

from unittest import mock

from django.utils import timezone

from kinerja.workflow import actions
from kinerja.workflow.models import Notification
from kinerja.workflow.notify import unread_count

from .base import WorkflowTestCase, at

NOW = at(25, 10)


class DoneWorkIsNoNewsTestCase(WorkflowTestCase):
    def test_a_new_task_notification_stops_counting_once_the_task_is_done(self) -> None:
        case = self.start_case()
        step2 = self.run_to_step(case, 2)
        self.assertEqual(unread_count(self.subsection_head), 1)
        actions.complete_task(step2.pk, user=self.subsection_head, next_user=self.staff, at=at(24, 9))
        self.assertEqual(unread_count(self.subsection_head), 0)
        self.assertEqual(unread_count(self.staff), 1)  # step 3, open: news

    def test_the_other_jfu_s_notification_stops_counting_once_one_of_them_did_it(self) -> None:
        case = self.start_case()
        step2 = self.run_to_step(case, 2)
        actions.complete_task(step2.pk, user=self.subsection_head, at=at(24, 9))  # nobody chosen: both JFU told
        step3 = self.open_task(case)
        actions.send_division_requests(step3.pk, user=self.staff, divisions=self.divisions, what="Realisasi",
                                       due_at=at(27, 12), at=at(24, 10))
        actions.complete_with_missing(step3.pk, user=self.staff, reason="Rekap segera", at=at(24, 11))
        self.assertEqual(unread_count(self.staff2), 0)
        # The divisions that did not answer: their request's task is closed, nothing is asked of them now.
        self.assertEqual(unread_count(self.contacts[0]), 0)

    def test_a_task_given_to_someone_else_is_no_news_for_the_one_it_was_taken_from(self) -> None:
        # The Kasubbag gave step 3 to JFU 1, then gives it to JFU 2 (JFU 1 is away): JFU 1's "Tugas baru" and
        # the reminder they got no longer count, and their page shows them as read; JFU 2's counts.
        case = self.start_case()
        step3 = self.run_to_step(case, 3)
        Notification.objects.create(user=self.staff, kind=Notification.Kind.HALF, case=case, task=step3,
                                    created_at=at(24, 12))
        self.assertEqual(unread_count(self.staff), 2)
        actions.reassign_task(step3.pk, user=self.subsection_head, to_user=self.staff2, reason="Dinas luar",
                              at=at(24, 13))
        self.assertEqual((unread_count(self.staff), unread_count(self.staff2)), (0, 1))
        with mock.patch("django.utils.timezone.now", return_value=NOW):
            self.client.force_login(self.staff)
            r = self.client.get("/notifications/")
        self.assertContains(r, "Pengumpulan Data Kinerja")
        self.assertNotContains(r, 'class="unread"')
        # Given back to JFU 1: their notifications are theirs again, and what JFU 2 was told is not JFU 2's.
        actions.reassign_task(step3.pk, user=self.subsection_head, to_user=self.staff, reason="Sudah kembali",
                              at=at(25, 8))
        self.assertEqual((unread_count(self.staff), unread_count(self.staff2)), (3, 0))

    def test_an_early_warning_counts_until_read(self) -> None:
        case = self.start_case()
        step2 = self.run_to_step(case, 2)
        Notification.objects.create(user=self.secretary, kind=Notification.Kind.AT_RISK, case=case, task=step2,
                                    created_at=timezone.now())
        actions.complete_task(step2.pk, user=self.subsection_head, next_user=self.staff, at=at(24, 9))
        self.assertEqual(unread_count(self.secretary), 1)

    def test_the_page_shows_done_work_as_read(self) -> None:
        case = self.start_case()
        step2 = self.run_to_step(case, 2)
        actions.complete_task(step2.pk, user=self.subsection_head, next_user=self.staff, at=at(24, 9))
        with mock.patch("django.utils.timezone.now", return_value=NOW):
            self.client.force_login(self.subsection_head)
            r = self.client.get("/notifications/")
        self.assertNotContains(r, 'class="unread"')
