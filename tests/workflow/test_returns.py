"""returns.sent_back: the "Belum sesuai" that opened a returned round, which the case page, the e-mail about
returned work and the notification list show (one lookup for the three)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.workflow import actions
from kinerja.workflow.models import Task
from kinerja.workflow.returns import sent_back

from .base import WorkflowTestCase, at


class SentBackTestCase(WorkflowTestCase):
    def test_each_round_finds_the_return_that_opened_it_in_one_query(self) -> None:
        case = self.start_case()
        step5 = self.run_to_step(case, 5)
        actions.return_task(step5.pk, user=self.secretary, reason="Tabel 2 kosong", at=at(25, 9))
        second = self.open_task(case)
        actions.complete_task(second.pk, user=self.subsection_head, note="diperbaiki", at=at(25, 10))
        actions.return_task(self.open_task(case).pk, user=self.secretary, reason="Tanda tangan kurang", at=at(25, 11))
        third = self.open_task(case)
        other = self.start_case(title="Triwulan II", period="Triwulan II 2025")  # opened by no return
        first_of_other = self.open_task(other)
        with self.assertNumQueries(1):
            found = sent_back([second, third, first_of_other])
        self.assertEqual({pk: t.reason for pk, t in found.items()},
                         {second.pk: "Tabel 2 kosong", third.pk: "Tanda tangan kurang"})
        with self.assertNumQueries(0):  # the sender's name comes with it
            self.assertEqual(found[third.pk].done_by.person.full_name, self.secretary.person.full_name)
            self.assertEqual(found[third.pk].step.display_number, "5")

    def test_the_tasks_already_read_are_searched_without_a_query(self) -> None:
        case = self.start_case()
        actions.return_task(self.run_to_step(case, 5).pk, user=self.secretary, reason="Tabel 2 kosong", at=at(25, 9))
        tasks = list(case.tasks.select_related("step", "done_by__person"))
        current = next(t for t in tasks if t.status == Task.Status.OPEN)
        with self.assertNumQueries(0):
            self.assertEqual(sent_back([current], tasks)[current.pk].reason, "Tabel 2 kosong")
        self.assertEqual(sent_back([tasks[0]], tasks), {})

    def test_the_notification_list_reads_every_return_at_once(self) -> None:
        def queries() -> int:
            with CaptureQueriesContext(connection) as run:
                self.client.get("/notifications/")
            return len(run)

        self.client.force_login(self.subsection_head)
        case = self.start_case()
        actions.return_task(self.run_to_step(case, 5).pk, user=self.secretary, reason="Tabel 2 kosong", at=at(25, 9))
        one = queries()
        other = self.start_case(title="Triwulan II", period="Triwulan II 2025", at=at(25, 10))
        actions.return_task(self.run_to_step(other, 5, at(25, 10)).pk, user=self.secretary, reason="Tabel 3 kosong",
                            at=at(25, 12))
        self.assertEqual(queries(), one)
        self.assertContains(self.client.get("/notifications/"), "Tabel 3 kosong")
