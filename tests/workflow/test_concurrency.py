"""Two people acting on one task at the same moment, in real concurrent transactions (threads with their
own database connections): exactly one succeeds, the other is told who did it; nothing is duplicated.
Runs on SQLite (IMMEDIATE transactions) and on PostgreSQL (select_for_update)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from kinerja.errors import KinerjaError
from kinerja.org import demo
from kinerja.workflow import actions
from kinerja.workflow.models import Event, Task
from tests.base import PASSWORD, TODAY

from .base import START, at
from .seed import build_seed_sop

pytestmark = pytest.mark.django_db(transaction=True)


def race(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released together; each result is a value or the exception raised."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[i] = call()
        except Exception as e:  # the loser's error is the result under test
            results[i] = e
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.fixture
def office() -> demo.DemoOffice:
    return demo.build(password=PASSWORD, today=TODAY)


def start(built: demo.DemoOffice) -> tuple[Any, dict[str, Any]]:
    people = {k: p.user for k, p in built.people.items()}
    version = build_seed_sop(built)
    case = actions.start_case(version.pk, user=people["sekretaris"], title="Triwulan I", period="2025", at=START)
    return case, people


def test_two_jfu_completing_the_same_task_one_wins(office: demo.DemoOffice) -> None:
    case, people = start(office)
    actions.complete_task(case.tasks.get().pk, user=people["sekretaris"], at=at(24, 8, 1))
    # No JFU chosen: both hold the position, so both see step 3 and both press "Selesai".
    step2 = case.tasks.get(status="open")
    actions.complete_task(step2.pk, user=people["kasubbag"], at=at(24, 8, 5))
    step3 = case.tasks.get(status="open")
    assert step3.assignee_id is None
    results = race(lambda: actions.complete_task(step3.pk, user=people["jfu"], note="A", at=at(24, 9)),
                   lambda: actions.complete_task(step3.pk, user=people["jfu2"], note="B", at=at(24, 9)))
    wins = [r for r in results if isinstance(r, Task)]
    losses = [r for r in results if isinstance(r, KinerjaError)]
    assert len(wins) == 1 and len(losses) == 1, results
    winner = wins[0].done_by.person.full_name
    assert winner in str(losses[0]) and "24 Maret 2025 09:00" in str(losses[0])
    assert case.tasks.filter(step__number=4).count() == 1
    assert case.events.filter(kind=Event.Kind.COMPLETED, data__step=3).count() == 1


def test_complete_and_return_at_once_one_wins(office: demo.DemoOffice) -> None:
    case, people = start(office)
    performers = {1: "sekretaris", 2: "kasubbag", 3: "jfu", 4: "kasubbag"}
    moment = at(24, 8, 1)
    while (task := case.tasks.get(status="open")).step.number < 5:
        extra = {"next_user": people["jfu"]} if task.step.number == 2 else {}
        actions.complete_task(task.pk, user=people[performers[task.step.number]], at=moment, **extra)
        moment += dt.timedelta(minutes=1)
    step5 = case.tasks.get(status="open")
    results = race(lambda: actions.complete_task(step5.pk, user=people["sekretaris"], at=at(25, 9)),
                   lambda: actions.return_task(step5.pk, user=people["sekretaris"], reason="Kurang", at=at(25, 9)))
    assert sum(isinstance(r, Task) for r in results) == 1, results
    assert sum(isinstance(r, KinerjaError) for r in results) == 1, results
    # Exactly one follow-up task: step 6 (completed) or step 4 round 2 (returned), never both.
    assert case.tasks.filter(status="open").count() == 1
    numbers = list(case.events.order_by("seq").values_list("seq", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))
