"""WorkflowTestCase: the demo office with the seed SOP in force and a fixed clock.

The tests start on Monday 24 March 2025 at 08:00 WIB, inside office hours; the Sekretaris is Plh
Kepala Dinas from that day to 30 March (tests/base.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from kinerja.workflow import actions
from kinerja.workflow.models import Case, Task
from tests.base import KinerjaTestCase

from .seed import build_seed_sop

WIB = ZoneInfo("Asia/Jakarta")
START = dt.datetime(2025, 3, 24, 8, 0, tzinfo=WIB)


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> dt.datetime:
    return dt.datetime(2025, month, day, hour, minute, tzinfo=WIB)


class WorkflowTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.version = build_seed_sop(cls.built)
        cls.divisions = cls.built.divisions

    def start_case(self, title: str = "Pengumpulan Data Kinerja Triwulan I 2025", **kwargs) -> Case:  # type: ignore[no-untyped-def]
        """A case of the seed SOP. Its period is Triwulan I 2025 unless given: tests that keep several cases
        open give each its own (one open case per period, actions.start_case)."""
        kwargs.setdefault("at", START)
        kwargs.setdefault("period", "Triwulan I 2025")
        return actions.start_case(self.version.pk, user=self.secretary, title=title, **kwargs)

    def open_task(self, case: Case) -> Task:
        return case.tasks.get(status=Task.Status.OPEN)

    def run_to_step(self, case: Case, number: int, when: dt.datetime = START) -> Task:
        """Complete the steps before `number` by their performers, a minute apart from `when`."""
        performers = {1: self.secretary, 2: self.subsection_head, 3: self.staff, 4: self.subsection_head,
                      5: self.secretary}
        moment = when
        task = self.open_task(case)
        while task.step.number < number:
            moment += dt.timedelta(minutes=1)
            kwargs = {"next_user": self.staff} if task.step.number == 2 else {}
            actions.complete_task(task.pk, user=performers[task.step.number], note="ok", at=moment, **kwargs)
            task = self.open_task(case)
        return task
