"""The case page tells the story of the coordinating step: which divisions were asked by when, who answered
late, and which divisions had not answered when the step was completed without them."""

from __future__ import annotations

from unittest import mock

from kinerja.workflow import actions

from .base import WorkflowTestCase, at

NOW = at(31, 10)


class CoordinationStoryTestCase(WorkflowTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(mock.patch("django.utils.timezone.now", return_value=NOW))
        self.case = self.start_case()
        step3 = self.run_to_step(self.case, 3)
        d = self.divisions
        # Two batches with their own due dates: the first two divisions by Wednesday noon, the others by Thursday.
        actions.send_division_requests(step3.pk, user=self.staff, divisions=d[:2], what="Realisasi", due_at=at(26, 12),
                                       at=at(24, 9))
        actions.send_division_requests(step3.pk, user=self.staff, divisions=d[2:], what="Realisasi", due_at=at(27, 15),
                                       at=at(24, 10))
        requests = list(step3.requests.order_by("division__pk"))
        actions.answer_request(requests[0].pk, user=self.contacts[0], note="Terlampir", at=at(25, 9))
        # The second division answers on Thursday, a day after its due date.
        actions.answer_request(requests[1].pk, user=self.contacts[1], note="Data menyusul lengkap", at=at(27, 14))
        actions.complete_with_missing(step3.pk, user=self.staff, reason="Tenggat rekap sudah lewat", at=at(31, 9))
        self.client.force_login(self.subsection_head)
        self.page = self.client.get(f"/cases/{self.case.pk}/")
        self.names = [u.short_name or u.name for u in d]

    def timeline(self) -> str:
        html = self.page.content.decode()
        return html[html.index('class="timeline"'):]

    def test_the_timeline_names_the_divisions_asked_and_their_due_date(self) -> None:
        timeline = self.timeline()
        self.assertIn(f"{self.names[0]}, {self.names[1]}", timeline)
        self.assertIn("26 Mar 2025 12:00", timeline)
        self.assertIn(f"{self.names[2]}, {self.names[3]}", timeline)
        self.assertIn("27 Mar 2025 15:00", timeline)

    def test_the_timeline_names_the_divisions_that_did_not_answer(self) -> None:
        timeline = self.timeline()
        start = timeline.index("Diselesaikan tanpa semua bidang")
        entry = timeline[start:timeline.index("</li>", start)]
        self.assertIn(f"Belum menjawab: {self.names[2]}, {self.names[3]}", entry)

    def test_an_answer_names_its_division_and_a_late_one_is_marked(self) -> None:
        timeline = self.timeline()
        entries = [e for e in timeline.split("</li>") if "Bidang menjawab" in e]
        self.assertEqual(len(entries), 2)
        self.assertIn(self.names[0], entries[0])
        self.assertNotIn("terlambat", entries[0])
        self.assertIn(self.names[1], entries[1])
        self.assertIn("terlambat", entries[1])

    def test_the_answers_list_marks_the_late_answer(self) -> None:
        requests = {r.division_id: r for r in self.page.context["answers"]["requests"]}
        html = self.page.content.decode()
        late = html[html.index(f'id="request-{requests[self.divisions[1].pk].pk}"'):]
        self.assertIn("terlambat", late[:late.index("</li>")])
        on_time = html[html.index(f'id="request-{requests[self.divisions[0].pk].pk}"'):]
        self.assertNotIn("terlambat", on_time[:on_time.index("</li>")])

    def test_a_division_that_never_answered_is_not_shown_as_still_waiting(self) -> None:
        requests = {r.division_id: r for r in self.page.context["answers"]["requests"]}
        html = self.page.content.decode()
        silent = html[html.index(f'id="request-{requests[self.divisions[2].pk].pk}"'):]
        silent = silent[:silent.index("</li>")]
        self.assertNotIn("Menunggu", silent)
        self.assertIn("Tidak menjawab", silent)
