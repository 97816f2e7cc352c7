"""kinerja's PostgreSQL backend (kinerja/db/postgresql/base.py): the BEGIN goes with a transaction's first
statement and the deferred writes with its COMMIT, and a transaction still commits, rolls back and fails
the way Django's does. Round trips are counted from libpq's own protocol trace (one ReadyForQuery from the
server per round trip). Real commits, so a TransactionTestCase; PostgreSQL only."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import Any

import psycopg
import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, transaction
from django.test import TransactionTestCase

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="kinerja's PostgreSQL backend")


def round_trips(action: Callable[[], Any]) -> int:
    connection.ensure_connection()
    pgconn = connection.connection.pgconn
    with tempfile.TemporaryFile("w+") as trace:
        pgconn.trace(trace.fileno())
        pgconn.set_trace_flags(psycopg.pq.Trace.SUPPRESS_TIMESTAMPS)
        try:
            action()
        finally:
            pgconn.untrace()
        trace.seek(0)
        return sum(1 for line in trace if "\tReadyForQuery\t" in line)


def insert_group(name: str, keys: list[int] | None = None) -> None:
    """Defer an INSERT on the connection (as workflow/fastsql.py defers a completion's writes)."""
    def run(raw: psycopg.Connection) -> Any:
        return raw.cursor().execute("INSERT INTO auth_group (name) VALUES (%s) RETURNING id", [name])

    def then(cursor: Any) -> None:
        if keys is not None:
            keys.append(cursor.fetchone()[0])

    connection.defer(run, then)


def stored(name: str) -> bool:
    """Seen from another connection: committed."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params) as other:
        return other.execute("SELECT count(*) FROM auth_group WHERE name = %s", [name]).fetchone()[0] == 1


class BackendTestCase(TransactionTestCase):
    def test_a_transaction_that_runs_nothing_sends_nothing(self) -> None:
        def empty() -> None:
            with transaction.atomic():
                pass
        self.assertEqual(round_trips(empty), 0)

    def test_the_begin_goes_with_the_first_statement(self) -> None:
        def read() -> None:
            with transaction.atomic():
                self.assertFalse(Group.objects.filter(name="x").exists())
                self.assertEqual(connection.connection.info.transaction_status, psycopg.pq.TransactionStatus.INTRANS)
        # BEGIN + SELECT, then COMMIT: two round trips (psycopg alone: BEGIN, SELECT, COMMIT).
        self.assertEqual(round_trips(read), 2)

    def test_deferred_writes_go_with_the_commit_and_get_their_answers(self) -> None:
        keys: list[int] = []

        def write() -> None:
            with transaction.atomic():
                Group.objects.filter(name="none").exists()
                insert_group("Bidang Koperasi", keys)
                self.assertEqual(keys, [])  # not sent yet
        self.assertEqual(round_trips(write), 2)  # BEGIN + SELECT; INSERT + COMMIT
        self.assertEqual(len(keys), 1)
        self.assertTrue(stored("Bidang Koperasi"))
        self.assertEqual(Group.objects.get(name="Bidang Koperasi").pk, keys[0])

    def test_a_statement_sends_the_deferred_writes_first_and_sees_them(self) -> None:
        def write_then_read() -> None:
            with transaction.atomic():
                insert_group("Bidang UKM")
                self.assertTrue(Group.objects.filter(name="Bidang UKM").exists())
        # BEGIN + INSERT + SELECT in one round trip, COMMIT in another.
        self.assertEqual(round_trips(write_then_read), 2)
        self.assertTrue(stored("Bidang UKM"))

    def test_an_error_in_a_deferred_write_is_djangos_and_saves_nothing(self) -> None:
        Group.objects.create(name="Sekretariat")
        with self.assertRaises(IntegrityError), transaction.atomic():
            insert_group("Bidang Pemberdayaan")
            insert_group("Sekretariat")  # the name is unique
        self.assertFalse(stored("Bidang Pemberdayaan"))
        # The connection goes on working.
        with transaction.atomic():
            Group.objects.create(name="Bidang Pengawasan")
        self.assertTrue(stored("Bidang Pengawasan"))

    def test_a_rollback_drops_what_was_never_sent(self) -> None:
        def rolled_back() -> None:
            with transaction.atomic():
                insert_group("Dibatalkan")
                transaction.set_rollback(True)
        self.assertEqual(round_trips(rolled_back), 0)
        self.assertFalse(stored("Dibatalkan"))

    def test_a_rollback_to_a_savepoint_drops_the_writes_deferred_after_it(self) -> None:
        with transaction.atomic():
            Group.objects.create(name="Tetap")
            with transaction.atomic():
                insert_group("Dibatalkan di savepoint")
                transaction.set_rollback(True)
        self.assertTrue(stored("Tetap"))
        self.assertFalse(stored("Dibatalkan di savepoint"))

    def test_a_transaction_managed_by_hand_goes_on_after_a_commit(self) -> None:
        transaction.set_autocommit(False)
        try:
            Group.objects.create(name="Pertama")
            transaction.commit()
            Group.objects.create(name="Kedua")
            self.assertEqual(connection.connection.info.transaction_status, psycopg.pq.TransactionStatus.INTRANS)
            transaction.rollback()
        finally:
            transaction.set_autocommit(True)
        self.assertTrue(stored("Pertama"))
        self.assertFalse(stored("Kedua"))

    def test_statements_without_parameters_and_server_side_cursors_work_in_a_transaction(self) -> None:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '5s'; SET LOCAL statement_timeout = '30s'")
            Group.objects.bulk_create([Group(name=f"Bidang {n}") for n in range(5)])
            names = [g.name for g in Group.objects.order_by("name").iterator(chunk_size=2)]
        self.assertEqual(names, [f"Bidang {n}" for n in range(5)])
        self.assertTrue(stored("Bidang 4"))


class EngineRoundTripsTestCase(TransactionTestCase):
    """The engine's actions in their own committed transactions, as in production (in a TestCase they
    are savepoints). Completing a task: two round trips, the BEGIN with the case lock and the task's
    read, then the writes with the COMMIT. Starting a case: the same two, and one more to read who holds
    the first step's position (may the user start the case)."""

    def test_round_trips_of_a_start_and_a_completion(self) -> None:
        from kinerja.org import demo
        from kinerja.workflow import actions
        from tests.base import PASSWORD, TODAY
        from tests.workflow.base import START, at
        from tests.workflow.seed import build_seed_sop

        built = demo.build(password=PASSWORD, today=TODAY)
        version = build_seed_sop(built)
        secretary = built.people["sekretaris"].user
        started: list[Any] = []

        def start(quarter: int) -> None:
            started.append(actions.start_case(version.pk, user=secretary, title=f"Data Kinerja TW {quarter} 2025",
                                              period=f"Triwulan {quarter} 2025", at=START))
        start(1)  # the office calendar is read once, then cached (WorkCalendar.for_office)
        # The open cases of the SOP (one period, one open case) come in the first round trip too.
        self.assertEqual(round_trips(lambda: start(2)), 3)
        first = started[-1].first_task
        done: list[Any] = []
        self.assertEqual(round_trips(lambda: done.append(
            actions.complete_task(first.pk, user=secretary, note="Disposisi ke Kasubbag", at=at(24, 8, 1)))), 2)
        self.assertEqual(done[0].next_task.step.number, 2)
        self.assertEqual(done[0].next_task.case.events.count(), 4)


class PipelineFailureTestCase(TransactionTestCase):
    def test_a_failed_pipeline_leaves_no_answers_behind(self) -> None:
        Group.objects.create(name="Bidang Koperasi")
        keys: list[int] = []
        with self.assertRaises(IntegrityError), transaction.atomic():
            Group.objects.filter(name="x").exists()
            insert_group("Bidang Baru", keys)
            with connection.pipeline(), connection.cursor() as cursor:
                cursor.execute("INSERT INTO auth_group (name) VALUES (%s)", ["Bidang Koperasi"])
        self.assertEqual(keys, [])
        self.assertEqual(connection.connection.kinerja_sent, [])
        self.assertFalse(stored("Bidang Baru"))
        with transaction.atomic():
            insert_group("Bidang Lain", keys)
        self.assertEqual(len(keys), 1)
        self.assertTrue(stored("Bidang Lain"))
