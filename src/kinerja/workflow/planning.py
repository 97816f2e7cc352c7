"""The plan of an SOP: when each step is due if every step takes exactly its standard time and nothing
is returned. The CLI (`kinerja sop plan`), the plan page and the Gantt chart of a case all use it.

Steps are duck-typed so a stored version and a document not yet imported plan alike: anything with
`number`, `duration_value`, `duration_unit` and an actor (an `Actor` row, a name, or `actor_name`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .calendar import WorkCalendar

# The SOP document's own words for a standard time ("5 hari"): data, not translated text.
UNIT_WORDS = {"minute": "menit", "hour": "jam", "day": "hari", "week": "minggu", "month": "bulan"}


def standard_time(value: Decimal, unit: str) -> str:
    """A standard time as an SOP writes it: "2 menit", "1,5 hari"."""
    number = f"{Decimal(value).normalize():f}".replace(".", ",")
    return f"{number} {UNIT_WORDS.get(unit, unit)}"


@dataclass(frozen=True)
class PlannedStep:
    number: int
    actor: str
    starts: dt.datetime
    due: dt.datetime
    duration_value: Decimal
    duration_unit: str
    label: str = ""  # the number as the SOP prints it ("3.1"), when not `number`

    @property
    def standard_time(self) -> str:
        return standard_time(self.duration_value, self.duration_unit)

    @property
    def display_number(self) -> str:
        return self.label or str(self.number)


def actor_name(step: Any) -> str:
    """The Pelaksana of a step as written, whatever kind of step it is."""
    name = getattr(step, "actor_name", None)
    if name:
        return str(name)
    actor = getattr(step, "actor", "")
    return str(getattr(actor, "name", actor) or "")


def plan(steps: Iterable[Any], start: dt.datetime, calendar: WorkCalendar) -> list[PlannedStep]:
    """Each step starts when the previous one is due (from the next opening) and takes its standard time."""
    planned: list[PlannedStep] = []
    moment = start
    for step in sorted(steps, key=lambda s: s.number):
        starts = calendar.next_opening(moment)
        due = calendar.add(starts, step.duration_value, step.duration_unit)
        planned.append(PlannedStep(number=step.number, actor=actor_name(step), starts=starts, due=due,
                                   duration_value=Decimal(step.duration_value), duration_unit=step.duration_unit,
                                   label=getattr(step, "label", "") or ""))
        moment = due
    return planned
