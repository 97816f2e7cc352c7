"""Working time of one office: its hours, national holidays and cuti bersama, and its own changes.

Every due date, SLA state and duration statistic goes through `WorkCalendar`. Hand-written because
`holidays` knows the dates (we use it for them) but no library adds 5 hari kerja to a Friday in
Asia/Makassar with the office's own hours, regional holidays and a revoked cuti bersama; the business-
time packages on PyPI know neither Indonesian decrees nor per-office exceptions, and each would need
the same adapter code as the arithmetic below.

Rules (issue 5, "Working time"):
- Office hours per weekday from `org.OfficeHours`; an office without any row works Monday–Friday
  07:30–16:00. Times are in the office's time zone (WIB, WITA, WIT); a working interval is
  [opening, closing).
- A day is a working day when its weekday has hours and it is neither a national holiday nor cuti
  bersama (`holidays`, Indonesia, categories public and government), unless the office recorded it
  as a `SpecialDay`: a holiday closes any day; a working day opens any day, with the hours of its
  weekday or, on a weekday without hours, the office's normal hours.
- A start outside office hours counts from the next opening.
- Minutes and hours are counted inside office hours; what is left at closing carries on from the next
  working day's opening.
- N hari ends at the same clock time on the Nth following working day (kept inside that day's hours).
  A fraction of a day is that fraction of the office's normal day (the most common length of its
  weekdays' hours, 8 h 30 min by default), counted on as working time after the whole days. A fixed
  length keeps the due date monotonic in the start when days have different hours.
- A week is 5 working days (so 1,5 minggu = 7,5 hari).
- A month ends on the same date of the next month (the month's last day, at closing, when that date
  does not exist) at the same clock time; when that day is not a working day, at the next opening.
  Months must be whole.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from kinerja.dates import FIRST_YEAR, LAST_YEAR, is_year
from kinerja.errors import KinerjaError

if TYPE_CHECKING:
    from kinerja.org.models import Office

DEFAULT_TIME_ZONE = "Asia/Jakarta"
DEFAULT_HOURS: dict[int, tuple[dt.time, dt.time]] = {wd: (dt.time(7, 30), dt.time(16, 0)) for wd in range(5)}
UNITS = ("minute", "hour", "day", "week", "month")
DAYS_PER_WEEK = 5
# Far enough for any real standard time; stops a bad calendar (no working day at all) from looping.
MAX_SEARCH_DAYS = 3660


@lru_cache(maxsize=64)
def national_holidays(year: int) -> Mapping[dt.date, str]:
    """National holidays and cuti bersama of Indonesia in `year`, with their Indonesian names."""
    # Imported here, once per process (the result is cached): every `kinerja` command imports this module
    # at start-up, and the holidays package takes longer to import than most commands take to run.
    import holidays

    found = holidays.country_holidays("ID", years=year, categories=("public", "government"), language="id")
    return dict(found.items())


@lru_cache(maxsize=64)
def collective_leave_days(year: int) -> frozenset[dt.date]:
    """The days of national_holidays(year) that are cuti bersama (the government's category), not public
    holidays: the ones a changed decree most often gives back as working days."""
    import holidays

    public = holidays.country_holidays("ID", years=year, categories=("public",))
    leave = holidays.country_holidays("ID", years=year, categories=("government",))
    return frozenset(set(leave) - set(public))


T = TypeVar("T", int, dt.timedelta)


def _prefix_sums(year: int, value: Callable[[dt.date], T], zero: T) -> list[T]:
    """The sum of `value` over the year's days before each day of the year (index = day of year - 1), and the
    year's whole sum last."""
    total, sums = zero, []
    day = dt.date(year, 1, 1)
    while day.year == year:
        sums.append(total)
        total += value(day)
        day += dt.timedelta(days=1)
    sums.append(total)
    return sums


def _between(sums_of: Callable[[int], list[T]], first: dt.date, stop: dt.date, zero: T) -> T:
    """The sum over the days from `first` up to, not including, `stop`, from each year's _prefix_sums."""
    total = zero
    while first < stop:
        sums = sums_of(first.year)
        index = first.timetuple().tm_yday - 1
        if stop.year == first.year:
            return total + sums[stop.timetuple().tm_yday - 1] - sums[index]
        total += sums[-1] - sums[index]
        first = dt.date(first.year + 1, 1, 1)
    return total


@dataclass
class WorkCalendar:
    """The working time of one office. Build it with `for_office` (two queries) or directly in tests."""

    time_zone: str = DEFAULT_TIME_ZONE
    hours: Mapping[int, tuple[dt.time, dt.time]] = field(default_factory=lambda: dict(DEFAULT_HOURS))
    office_holidays: Mapping[dt.date, str] = field(default_factory=dict)
    office_working_days: Mapping[dt.date, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tz = ZoneInfo(self.time_zone)
        lengths = Counter(_length(o, c) for o, c in self.hours.values())
        # Normal hours: the most common opening hours, for office working days on a closed weekday.
        common = Counter(self.hours.values()).most_common(1)
        self.normal_hours = common[0][0] if common else DEFAULT_HOURS[0]
        self.day_length = lengths.most_common(1)[0][0] if lengths else _length(*DEFAULT_HOURS[0])
        self._totals: dict[int, list[dt.timedelta]] = {}
        self._counts: dict[int, list[int]] = {}

    @classmethod
    def for_office(cls, office: Office, stamp: str | None = None) -> WorkCalendar:
        """The office's calendar from its hours and special days (two queries).

        `stamp`: a text that changes whenever the office's time zone, hours or special days change
        (fastsql.load_task reads it with the task, in the same statement). With it, the calendar
        built for the same stamp before is reused, with the per-year totals it has worked out, and
        nothing is queried; an admin adding a day changes the stamp, so the next action rebuilds."""
        if stamp is not None:
            hit = _CACHE.get(office.pk)
            if hit is not None and hit[0] == stamp:
                return hit[1]
        built = cls._build(office)
        if stamp is not None:
            _CACHE[office.pk] = (stamp, built)
        return built

    @classmethod
    def current(cls, office: Office) -> WorkCalendar:
        """for_office through the cache: one small query (the stamp) instead of two, and the calendar
        (with its per-year totals) is rebuilt only when the office changed it."""
        from .fastsql import calendar_stamp

        return cls.for_office(office, stamp=calendar_stamp(office.pk))

    @classmethod
    def _build(cls, office: Office) -> WorkCalendar:
        from kinerja.org.models import SpecialDay

        rows = list(office.hours.order_by("weekday"))
        hours = {h.weekday: (h.opens_at, h.closes_at) for h in rows} if rows else dict(DEFAULT_HOURS)
        closed: dict[dt.date, str] = {}
        opened: dict[dt.date, str] = {}
        for day in office.special_days.order_by("date"):
            (closed if day.kind == SpecialDay.Kind.HOLIDAY else opened)[day.date] = day.reason
        return cls(time_zone=office.time_zone or DEFAULT_TIME_ZONE, hours=hours,
                   office_holidays=closed, office_working_days=opened)

    # --- days -------------------------------------------------------------------------------------

    def holiday_name(self, day: dt.date) -> str | None:
        """Why `day` is a holiday (office or national), or None when it is not one. A holiday the office added
        on a national one is both: "Hari Raya Natal; Keputusan Wali Kota: libur Natal"."""
        if day in self.office_working_days:
            return None
        national = national_holidays(day.year).get(day)
        own = self.office_holidays.get(day)
        if own is None:
            return national
        return f"{national}; {own}" if national and own and own != national else (own or national)

    def hours_on(self, day: dt.date) -> tuple[dt.time, dt.time] | None:
        """Opening and closing time on `day`, or None when the office is closed."""
        if day in self.office_holidays:
            return None
        if day in self.office_working_days:
            return self.hours.get(day.weekday(), self.normal_hours)
        if day in national_holidays(day.year):
            return None
        return self.hours.get(day.weekday())

    def is_working_day(self, day: dt.date) -> bool:
        return self.hours_on(day) is not None

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after `day`."""
        for n in range(1, MAX_SEARCH_DAYS):
            candidate = day + dt.timedelta(days=n)
            if self.is_working_day(candidate):
                return candidate
        raise KinerjaError(_("The office calendar has no working day after %(day)s.") % {"day": day.isoformat()})

    def working_days(self, first: dt.date, last: dt.date) -> Iterable[dt.date]:
        """The working days from `first` to `last`, both included."""
        day = first
        while day <= last:
            if self.is_working_day(day):
                yield day
            day += dt.timedelta(days=1)

    def opening(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """The working interval of working day `day` as aware datetimes."""
        found = self.hours_on(day)
        if found is None:
            raise ValueError(f"{day} is not a working day")
        return (dt.datetime.combine(day, found[0], self.tz), dt.datetime.combine(day, found[1], self.tz))

    # --- instants ---------------------------------------------------------------------------------

    def local(self, moment: dt.datetime) -> dt.datetime:
        if moment.tzinfo is None:
            raise ValueError("working time needs an aware datetime")
        return moment.astimezone(self.tz)

    def next_opening(self, moment: dt.datetime) -> dt.datetime:
        """`moment` itself when the office is open then, otherwise the next opening (office time zone)."""
        moment = self.local(moment)
        day = moment.date()
        if self.is_working_day(day):
            opens, closes = self.opening(day)
            if moment < opens:
                return opens
            if moment < closes:
                return moment
        return self.opening(self.next_working_day(day))[0]

    def add(self, start: dt.datetime, value: Decimal | int | str, unit: str) -> dt.datetime:
        """The due date of work started at `start` that takes `value` `unit`s of working time."""
        amount = Decimal(value)
        if amount < 0:
            raise ValueError("a duration cannot be negative")
        begin = self.next_opening(start)
        if unit == "minute":
            return self._add_working(begin, dt.timedelta(minutes=float(amount)))
        if unit == "hour":
            return self._add_working(begin, dt.timedelta(hours=float(amount)))
        if unit == "day":
            return self._add_days(begin, amount)
        if unit == "week":
            return self._add_days(begin, amount * DAYS_PER_WEEK)
        if unit == "month":
            if amount != amount.to_integral_value():
                raise KinerjaError(_("A standard time in months must be a whole number, not %(value)s.")
                                   % {"value": amount})
            return self._add_months(begin, int(amount))
        raise KinerjaError(_("Unknown time unit %(unit)r: use one of %(units)s.")
                           % {"unit": unit, "units": ", ".join(UNITS)})

    def elapsed(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Working time between two instants (zero when `end` is not after `start`)."""
        start, end = self.local(start), self.local(end)
        if end <= start:
            return dt.timedelta(0)
        first, last = start.date(), end.date()
        if first == last:
            return self._overlap(first, start, end)
        # Whole days in between come from per-year running totals: an overdue task of last year
        # is measured without walking every day since.
        return (self._overlap(first, start, end) + self._days_total(first + dt.timedelta(days=1), last)
                + self._overlap(last, start, end))

    def span(self, start: dt.datetime, end: dt.datetime) -> tuple[int, dt.timedelta]:
        """The working time from `start` to `end` as whole working days counted as `add` counts them (N hari
        ends at the same clock time on the Nth following working day), and the working time after the last of
        them: the time left to a due date, or past it, in the office's own days. A short Friday (07:30-11:00)
        is one day, as a standard time of 1 hari makes it, not 3 h 30 min of a normal day's 8 h 30 min.
        (0, 0) when `end` is not after `start`. Whole days come from per-year counts, as `elapsed`'s hours."""
        # Both from the office's next opening: a closing and the next opening are the same moment of working
        # time (Monday's whole day, up to Tuesday 00:00, is one day).
        begin, end = self.next_opening(start), self.next_opening(end)
        if end <= begin:
            return 0, dt.timedelta(0)
        first, last = begin.date(), end.date()
        days = self._count_working(first + dt.timedelta(days=1), last)  # the working days strictly between
        mark = begin
        if last > first and self.is_working_day(last) and self._at_clock(last, begin.time()) <= end:
            days += 1
            mark = self._at_clock(last, begin.time())
        elif days:
            before = last - dt.timedelta(days=1)
            while not self.is_working_day(before):
                before -= dt.timedelta(days=1)
            mark = self._at_clock(before, begin.time())
        return days, self.elapsed(mark, end)

    def _count_working(self, first: dt.date, stop: dt.date) -> int:
        """The number of working days from `first` up to, not including, `stop`."""
        return _between(self._day_counts, first, stop, 0)

    def _day_counts(self, year: int) -> list[int]:
        """The number of the year's working days before each day of the year (index = day of year - 1)."""
        if year not in self._counts:
            self._counts[year] = _prefix_sums(year, lambda day: int(self.is_working_day(day)), 0)
        return self._counts[year]

    def _overlap(self, day: dt.date, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        if not self.is_working_day(day):
            return dt.timedelta(0)
        opens, closes = self.opening(day)
        return max(dt.timedelta(0), min(closes, end) - max(opens, start))

    def _running(self, year: int) -> list[dt.timedelta]:
        """Working time of the year's days before each day of the year (index = day of year - 1)."""
        if year not in self._totals:
            self._totals[year] = _prefix_sums(year, self._day_length, dt.timedelta(0))
        return self._totals[year]

    def _day_length(self, day: dt.date) -> dt.timedelta:
        found = self.hours_on(day)
        return dt.timedelta(0) if found is None else _length(*found)

    def _days_total(self, first: dt.date, stop: dt.date) -> dt.timedelta:
        """Working time of the whole days from `first` up to, not including, `stop`."""
        return _between(self._running, first, stop, dt.timedelta(0))

    # --- arithmetic -------------------------------------------------------------------------------

    def _add_working(self, begin: dt.datetime, remaining: dt.timedelta) -> dt.datetime:
        moment = begin
        for _day in range(MAX_SEARCH_DAYS):
            closes = self.opening(moment.date())[1]
            if remaining <= closes - moment:
                return moment + remaining
            remaining -= closes - moment
            moment = self.opening(self.next_working_day(moment.date()))[0]
        raise KinerjaError(_("The duration is too long for the office calendar."))

    def _add_days(self, begin: dt.datetime, amount: Decimal) -> dt.datetime:
        whole = int(amount)
        day = begin.date()
        for _n in range(whole):
            day = self.next_working_day(day)
        due = self._at_clock(day, begin.time())
        fraction = amount - whole
        if fraction:
            due = self._add_working(self.next_opening(due), self.day_length * float(fraction))
        return due

    def _add_months(self, begin: dt.datetime, months: int) -> dt.datetime:
        index = begin.month - 1 + months
        year, month = begin.year + index // 12, index % 12 + 1
        last = _last_day(year, month)
        day = dt.date(year, month, min(begin.day, last))
        clock = begin.time()
        if begin.day > last:
            # Clamped to the month's end: later starts must not get earlier dues, so it ends at closing.
            clock = dt.time.max
        if not self.is_working_day(day):
            # Due when the office next opens: keeping the clock time there would give a start on
            # Wednesday 08:00 a later due than one on Thursday 07:30 when their dates fall on a weekend.
            return self.opening(self.next_working_day(day))[0]
        return self._at_clock(day, clock)

    def _at_clock(self, day: dt.date, clock: dt.time) -> dt.datetime:
        opens, closes = self.opening(day)
        moment = dt.datetime.combine(day, clock.replace(tzinfo=None), self.tz)
        return min(max(moment, opens), closes)


# --- the calendar of a year, as a page shows it --------------------------------------------------------

# Where a day off comes from.
NATIONAL = "national"  # a public holiday (libur nasional)
COLLECTIVE_LEAVE = "collective_leave"  # cuti bersama
OFFICE = "office"  # the office's own SpecialDay, on a day that is no national one


@dataclass(frozen=True)
class CalendarDay:
    """A day on which the office's calendar differs from its week: a national holiday, cuti bersama or a
    holiday the office added (`working` False), or a day the office works on after all (`working` True,
    `source` saying what it would have been: OFFICE for a weekday without hours, a working Saturday).
    A holiday the office added on a national one is both: the national name and source, and the office's
    own entry (`office_holiday`, `reason`), so that neither hides the other."""

    date: dt.date
    name: str  # the national name; for a holiday only the office has, its reason
    source: str  # NATIONAL, COLLECTIVE_LEAVE or OFFICE
    working: bool
    reason: str = ""  # the reason the office gave for its SpecialDay ("" without one)
    weekday_open: bool = True  # its weekday has office hours (a holiday on a Sunday changes no working day)
    office_holiday: bool = False  # the office recorded it as a holiday of its own (a SpecialDay)


@dataclass(frozen=True)
class YearCalendar:
    year: int
    time_zone: str
    hours: list[tuple[int, tuple[dt.time, dt.time] | None]]  # every weekday, Monday first; None: closed
    days: list[CalendarDay]  # in date order
    months: list[tuple[dt.date, int]]  # the first of each month, with its number of working days

    @property
    def working_days(self) -> int:
        return sum(count for _month, count in self.months)


def year_calendar(cal: WorkCalendar, year: int) -> YearCalendar:
    """The office's calendar of `year` as an administrator checks it against the decrees: its hours per
    weekday, every day that differs from them (why, and whether the office works on it), and how many
    working days each month has. No query: `cal` holds the office's hours and special days."""
    national = national_holidays(year)
    leave = collective_leave_days(year)
    dates = sorted({*national, *(d for d in cal.office_holidays if d.year == year),
                    *(d for d in cal.office_working_days if d.year == year)})
    days = []
    for day in dates:
        source = COLLECTIVE_LEAVE if day in leave else NATIONAL if day in national else OFFICE
        weekday_open = day.weekday() in cal.hours
        if day in cal.office_holidays:
            reason = cal.office_holidays[day]
            days.append(CalendarDay(day, national.get(day, reason), source, working=False, reason=reason,
                                    weekday_open=weekday_open, office_holiday=True))
        elif day in cal.office_working_days:
            days.append(CalendarDay(day, national.get(day, ""), source, working=True,
                                    reason=cal.office_working_days[day], weekday_open=weekday_open))
        else:
            days.append(CalendarDay(day, national[day], source, working=False, weekday_open=weekday_open))
    months = []
    for month in range(1, 13):
        first = dt.date(year, month, 1)
        last = dt.date(year, month, _last_day(year, month))
        months.append((first, sum(1 for _day in cal.working_days(first, last))))
    return YearCalendar(year=year, time_zone=cal.time_zone, hours=[(wd, cal.hours.get(wd)) for wd in range(7)],
                        days=days, months=months)


def calendar_year(text: str, default: int) -> int:
    """The year asked for (a page's ?year=): `default` when none is given."""
    text = text.strip()
    if not text:
        return default
    if not is_year(text):
        raise KinerjaError(_("Year %(value)s: give a year from %(first)d to %(last)d.")
                           % {"value": text, "first": FIRST_YEAR, "last": LAST_YEAR})
    return int(text)


# Calendars built for a stamp, by office id: (stamp, calendar). One per office, replaced when the stamp changes.
_CACHE: dict[int, tuple[str, WorkCalendar]] = {}


def _length(opens: dt.time, closes: dt.time) -> dt.timedelta:
    return dt.datetime.combine(dt.date.min, closes) - dt.datetime.combine(dt.date.min, opens)


def _last_day(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day
