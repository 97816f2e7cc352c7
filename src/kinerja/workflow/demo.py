"""Demo cases of the seed SOP "Pengumpulan Data Kinerja" in the demo office, run through the real actions
with a fixed clock (`at=`), so every task, event and hash is what the engine itself would record:

- the earlier quarters finished (one with a return by the Kasubbag, one completed before every
  division answered), so the compliance report has runs to measure;
- one overdue at the Kasubbag, one returned once by the Sekretaris, one waiting on two divisions,
  and one just started.

The correspondence demo starts three more cases from the head's letters, as the register page does, and
runs them with this Runner to the disposition, the initials and the signature (correspondence/demo.py).

Idempotent: nothing is added when the SOP version already has cases. Without the seed SOP in force
(the SOP demo imports it) there is nothing to run, and nothing is done.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kinerja.org.holding import holders
from kinerja.org.models import Office, Unit
from kinerja.sop.models import SopVersion, Step

from . import actions
from .calendar import WorkCalendar
from .models import Case, Task

SEED_NAME = "Pengumpulan Data Kinerja"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# How long each step took in the finished quarters, as a share of its standard time (1 = exactly the
# standard): varied on purpose, some steps late, so the compliance figures have a spread.
PACE = [
    [Decimal("0.5"), Decimal("0.8"), Decimal("0.9"), Decimal("1.2"), Decimal("0.6"), Decimal("0.4")],
    [Decimal("1.5"), Decimal("0.6"), Decimal("1.3"), Decimal("0.8"), Decimal("1.0"), Decimal("0.5")],
    [Decimal("0.5"), Decimal("1.2"), Decimal("0.7"), Decimal("0.9"), Decimal("1.6"), Decimal("0.8")],
    [Decimal("1"), Decimal("0.5"), Decimal("1.1"), Decimal("0.6"), Decimal("0.7"), Decimal("1.1")],
]


def seed_version(office: Office) -> SopVersion | None:
    return (SopVersion.objects.filter(sop__office=office, status=SopVersion.Status.IN_FORCE, name__icontains=SEED_NAME)
            .order_by("-version").first())


class Runner:
    """Moves a case forward by the real actions, each performer being the holder of the day."""

    def __init__(self, office: Office, version: SopVersion) -> None:
        self.office, self.version = office, version
        self.cal = WorkCalendar.for_office(office)
        self.steps = {s.number: s for s in Step.objects.filter(version=version).select_related("actor__position")}
        self.divisions = list(Unit.objects.filter(office=office, kind=Unit.Kind.DIVISION).order_by("pk"))
        self.starter = self._holder_user(self.steps[min(self.steps)], timezone.now())

    def _holder_user(self, step: Step, moment: dt.datetime) -> Any:
        people = holders(step.actor.position, self.cal.local(moment).date())
        return people[0].user if people else None

    def performer(self, task: Task, moment: dt.datetime) -> Any:
        if task.assignee_id:
            return task.assignee.user
        return self._holder_user(task.step, moment)

    def later(self, moment: dt.datetime, step: Step, share: Decimal) -> dt.datetime:
        return self.cal.add(moment, Decimal(step.duration_value) * share, step.duration_unit)

    def open_task(self, case: Case) -> Task:
        return case.tasks.select_related("step", "assignee__user").get(status=Task.Status.OPEN)

    def ask_divisions(self, task: Task, moment: dt.datetime, answered: int, *, answer_gap: Decimal) -> dt.datetime:
        user = self.performer(task, moment)
        due = self.cal.add(moment, 3, "day")
        requests = actions.send_division_requests(
            task.pk, user=user, divisions=self.divisions,
            what="Realisasi indikator kinerja triwulan ini beserta bukti dukung", due_at=due, at=moment)
        for request in requests[:answered]:
            moment = self.cal.add(moment, answer_gap, "day")
            contact = (holders(request.division.positions.filter(kind="division_contact").first(),
                               self.cal.local(moment).date()) or [None])[0]
            if contact is not None:
                actions.answer_request(request.pk, user=contact.user, at=moment,
                                       note="Jawaban contoh (demo), tanpa angka dan lampiran.")
        return moment

    def step(self, case: Case, moment: dt.datetime, share: Decimal, *, return_from: int | None = None,
             answered: int | None = None) -> dt.datetime:
        """Do the open step of `case`, taking `share` of its standard time; returns the new clock."""
        task = self.open_task(case)
        if task.step.coordinates_divisions and self.divisions:
            moment = self.ask_divisions(task, moment, len(self.divisions) if answered is None else answered,
                                        answer_gap=Decimal("0.5"))
        moment = max(moment, self.later(task.opened_at, task.step, share))
        user = self.performer(task, moment)
        if return_from == task.step.number and task.step.returns_to.exists():
            actions.return_task(task.pk, user=user, at=moment,
                                reason="Capaian indikator belum didukung bukti yang lengkap (demo).")
            return moment
        if task.step.coordinates_divisions and task.requests.filter(answered_at__isnull=True).exists():
            actions.complete_with_missing(task.pk, user=user, at=moment, note="Rekap data bidang (demo).",
                                          reason="Batas waktu pengumpulan terlewati; data menyusul (demo).")
            return moment
        nxt = self.steps.get(task.step.number + 1)
        chosen = None
        if nxt is not None and not nxt.actor.position.single_holder:
            people = holders(nxt.actor.position, self.cal.local(moment).date())
            chosen = people[0].user if people else None
        actions.complete_task(task.pk, user=user, at=moment, next_user=chosen, note="Selesai sesuai SOP (demo).",
                              verdict="ok" if task.step.returns_to.exists() else None)
        return moment

    def start(self, title: str, period: str, moment: dt.datetime) -> Case:
        return actions.start_case(self.version.pk, user=self.starter, title=title, period=period, at=moment,
                                  trigger_note="Surat Kepala Dinas tentang Penyusunan Data Kinerja (demo)")


def working_days_back(cal: WorkCalendar, day: dt.date, count: int) -> dt.date:
    while count > 0:
        day -= dt.timedelta(days=1)
        if cal.is_working_day(day):
            count -= 1
    return day


def morning(cal: WorkCalendar, day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=cal.tz)


def load(office: Office) -> None:
    version = seed_version(office)
    if version is None or Case.objects.filter(office=office, sop_version=version).exists():
        return
    if any(s.actor.position_id is None for s in version.steps.select_related("actor")):
        return
    run = Runner(office, version)
    if run.starter is None:
        return
    now = timezone.now()
    today = run.cal.local(now).date()

    # The quarter being collected is the last one that has ended (as in the performance and letters
    # demos, whose actuals and head's letter are of that quarter); the running cases are about it.
    # Finished: the four quarters before it, each started on the first working day after it ended.
    collected_q, collected_year = ((today.month - 1) // 3, today.year) if today.month > 3 else (4, today.year - 1)
    past = []
    year, q = collected_year, collected_q
    for _ in range(4):
        q, year = (q - 1, year) if q > 1 else (4, year - 1)
        past.append((year, q))
    for i, (year, q) in enumerate(reversed(past)):
        first = dt.date(year + (q == 4), 1 if q == 4 else q * 3 + 1, 2)
        while not run.cal.is_working_day(first):
            first += dt.timedelta(days=1)
        if first > today - dt.timedelta(days=42):
            continue  # it would still be running today: only finished quarters here
        moment = morning(run.cal, first)
        case = run.start(f"Pengumpulan Data Kinerja Triwulan {ROMAN[q]} {year}", f"Triwulan {ROMAN[q]} {year}", moment)
        pace = PACE[i % len(PACE)]
        while case.tasks.filter(status=Task.Status.OPEN).exists():
            task = run.open_task(case)
            rounds = case.tasks.filter(step=task.step).count()
            moment = run.step(case, moment, pace[task.step.number - 1] if task.step.number <= len(pace) else Decimal(1),
                              return_from=4 if i == 1 and rounds == 1 else None,
                              answered=3 if i == 2 else None)
            moment += dt.timedelta(minutes=7)

    # The running cases: one open case per period (actions.start_case refuses a second), so besides the
    # quarters whose cases the letters demo runs (correspondence/demo.py: the collected quarter, the one under
    # way, last year), these collect monthly data: last month's, the month's before, this month's, and the
    # year's.
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    month_before = last_month.replace(day=1) - dt.timedelta(days=1)
    # Overdue at the Kasubbag: step 4 opened 8 working days ago (standard: 5 hari).
    moment = morning(run.cal, working_days_back(run.cal, today, 11))
    case = run.start(f"Pengumpulan Data Kinerja Bulanan {last_month:%m/%Y}", f"{last_month:%m/%Y}", moment)
    for share in (Decimal("0.5"), Decimal("0.5")):
        moment = run.step(case, moment, share) + dt.timedelta(minutes=5)
    run.step(case, moment, Decimal("0.5"))

    # Returned once by the Sekretaris; step 4 is on its second round.
    moment = morning(run.cal, working_days_back(run.cal, today, 9), 9)
    case = run.start(f"Pengumpulan Data Kinerja Bulanan {month_before:%m/%Y}", f"{month_before:%m/%Y}", moment)
    for share in (Decimal("0.5"), Decimal("0.8"), Decimal("0.6"), Decimal("0.4")):
        moment = run.step(case, moment, share) + dt.timedelta(minutes=5)
    moment = max(moment, morning(run.cal, working_days_back(run.cal, today, 1), 10))
    run.step(case, moment, Decimal("0.5"), return_from=5)

    # Waiting on two of the divisions.
    moment = morning(run.cal, working_days_back(run.cal, today, 2), 9)
    case = run.start(f"Pengumpulan Data Kinerja Bulanan {today:%m/%Y}", f"{today:%m/%Y}", moment)
    for share in (Decimal("0.5"), Decimal("0.5")):
        moment = run.step(case, moment, share) + dt.timedelta(minutes=5)
    task = run.open_task(case)
    if run.divisions:
        run.ask_divisions(task, moment, max(0, len(run.divisions) - 2), answer_gap=Decimal("0.25"))

    # Just started.
    run.start(f"Pengumpulan Data Kinerja Tahunan {today.year}", f"Tahun {today.year}", now)
