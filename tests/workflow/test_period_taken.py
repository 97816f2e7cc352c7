"""One open case per period of an SOP that asks the divisions for their data of a period
(actions.start_case, PeriodTaken): the divisions are asked once and the period compiled once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from kinerja.errors import KinerjaError
from kinerja.org import demo
from kinerja.sop.models import SopVersion, Step
from kinerja.workflow import actions, extensions
from kinerja.workflow.actions import PeriodTaken
from kinerja.workflow.models import Case, Event
from tests.base import PASSWORD, TODAY

from .base import START, WorkflowTestCase
from .seed import build_seed_sop
from .test_concurrency import race


class PeriodTakenTestCase(WorkflowTestCase):
    def start(self, period: str, title: str = "Pengumpulan Data Kinerja", version: SopVersion | None = None) -> Case:
        return actions.start_case((version or self.version).pk, user=self.secretary, title=title, period=period,
                                  at=START)

    def test_a_second_open_case_of_the_same_period_is_refused_naming_the_first(self) -> None:
        first = self.start("Triwulan I 2025", title="Data Kinerja TW I")
        with self.assertRaises(PeriodTaken) as refused:
            self.start("Triwulan I 2025", title="Data Kinerja TW I (lagi)")
        message = str(refused.exception)
        self.assertIn("Data Kinerja TW I", message)
        self.assertIn(f"no. {first.pk}", message)
        self.assertIn("Triwulan I 2025", message)
        self.assertEqual(refused.exception.case_id, first.pk)
        self.assertEqual(Case.objects.count(), 1)  # nothing of the second saved
        self.assertEqual(Event.objects.filter(kind=Event.Kind.CASE_STARTED).count(), 1)

    def test_the_same_period_written_otherwise_is_the_same_period(self) -> None:
        self.start("Triwulan I 2025")
        for written in ("TW 1 2025", "triwulan  i   2025", "Q1 2025", "TW I Tahun 2025"):
            with self.subTest(written=written), self.assertRaises(PeriodTaken):
                self.start(written)
        # Words the performance app does not read as a period compare as words, whatever their case.
        self.start("Semester 1 2025")
        with self.assertRaises(PeriodTaken):
            self.start("semester 1  2025")

    def test_another_period_starts(self) -> None:
        self.start("Triwulan I 2025")
        for other in ("Triwulan II 2025", "Triwulan I 2026", "Tahun 2025", "Maret 2025"):
            with self.subTest(other=other):
                self.assertEqual(self.start(other).period, other)

    def test_a_finished_or_cancelled_case_frees_its_period(self) -> None:
        first = self.start("Triwulan I 2025")
        actions.cancel_case(first.pk, user=self.secretary, reason="Salah judul", at=START + dt.timedelta(minutes=5))
        second = self.start("Triwulan I 2025")
        self.assertEqual(second.status, Case.Status.OPEN)

    def test_an_open_case_of_an_earlier_version_holds_the_period(self) -> None:
        self.start("Triwulan I 2025")
        SopVersion.objects.filter(pk=self.version.pk).update(status=SopVersion.Status.SUPERSEDED)
        newer = build_seed_sop(self.built, version=2, sop=self.version.sop)
        with self.assertRaises(PeriodTaken):
            self.start("TW 1 2025", version=newer)

    def test_an_sop_that_asks_no_division_for_data_may_run_twice_in_a_period(self) -> None:
        Step.objects.filter(version=self.version).update(coordinates_divisions=False)
        self.start("Triwulan I 2025")
        self.assertEqual(self.start("Triwulan I 2025").period, "Triwulan I 2025")

    def test_the_start_page_names_the_open_case_and_links_it(self) -> None:
        first = self.start("Triwulan I 2025", title="Data Kinerja TW I")
        self.client.force_login(self.secretary)
        r = self.client.post("/cases/new/", {"version": self.version.pk, "title": "Data Kinerja TW I lagi",
                                             "period": "TW 1 2025"})
        self.assertContains(r, f"Periode: pelaksanaan “Data Kinerja TW I” (no. {first.pk})")
        self.assertContains(r, f'href="/cases/{first.pk}/"')
        self.assertContains(r, 'value="Data Kinerja TW I lagi"')  # what was typed stays
        self.assertEqual(Case.objects.count(), 1)

    def test_without_the_performance_reading_periods_compare_as_words(self) -> None:
        reading = extensions.unregister_period_key("performance")
        self.addCleanup(extensions.register_period_key, "performance", reading)
        self.start("Triwulan I 2025")
        self.start("TW 1 2025")  # other words: another period without the performance app's reading
        with self.assertRaises(PeriodTaken):
            self.start("  triwulan I 2025 ")


@pytest.mark.django_db(transaction=True)
def test_two_starts_of_one_period_at_the_same_moment_one_wins() -> None:
    built = demo.build(password=PASSWORD, today=TODAY)
    version = build_seed_sop(built)
    secretary = built.people["sekretaris"].user
    # Not the Kepala Dinas: on START he is on leave, his Plh starts the cases (org.roles.roles_of).
    unit_head = built.people["kasubbag"].user

    def start(user: object, title: str) -> Case:
        return actions.start_case(version.pk, user=user, title=title, period="Triwulan I 2025", at=START)  # type: ignore[arg-type]

    results = race(lambda: start(secretary, "Dari Sekretaris"), lambda: start(unit_head, "Dari Kasubbag"))
    wins = [r for r in results if isinstance(r, Case)]
    losses = [r for r in results if isinstance(r, KinerjaError)]
    assert len(wins) == 1 and len(losses) == 1, results
    assert isinstance(losses[0], PeriodTaken), losses[0]
    assert losses[0].case_id == wins[0].pk
    assert Case.objects.filter(status=Case.Status.OPEN).count() == 1
    connection.close()
