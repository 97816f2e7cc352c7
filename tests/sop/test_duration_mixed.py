"""Standard times written in two units ("1 hari 2 jam", "2 jam 15 menit", "2 jam 15") and with fractions ("1,5 jam",
"½ hari"), read as one time; "1 hari 2" (hours or minutes?) refused naming step, column, value and the forms. The
working-time calendar gives the hours read for "1 hari 2 jam" the due date of the day and then the hours."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kinerja.org.models import OfficeHours
from kinerja.sop import actions
from kinerja.sop.importers import parse_document
from kinerja.sop.importers.values import NORMAL_DAY_MINUTES, parse_duration
from kinerja.workflow.calendar import WorkCalendar
from tests.base import KinerjaTestCase

from .documents import sop_text, write

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(("text", "read"), [
    ("1 hari 2 jam", (Decimal("10.5"), "hour")),
    ("1 hari, 2 jam", (Decimal("10.5"), "hour")),
    ("1 HK 2 jam 15 menit", (Decimal("10.75"), "hour")),
    ("2 hari 30 menit", (Decimal("17.5"), "hour")),
    ("1 hari 2 jam 20 menit", (Decimal(650), "minute")),  # 10 jam 50 menit: no hours of two decimals
    ("maks. 1 hari 2 jam", (Decimal("10.5"), "hour")),
    ("1 minggu 2 hari", (Decimal(7), "day")),
    ("2 jam 15 menit", (Decimal(135), "minute")),
    ("2 jam 15", (Decimal(135), "minute")),
    ("1,5 jam", (Decimal("1.5"), "hour")),
    ("1.5 jam", (Decimal("1.5"), "hour")),
    ("½ hari", (Decimal("0.5"), "day")),
    ("1 ½ hari", (Decimal("1.5"), "day")),
])
def test_a_time_in_two_units_is_read_as_one(text: str, read: tuple[Decimal, str]) -> None:
    assert parse_duration(text) == read


@pytest.mark.parametrize("text", ["1 hari 2", "2 hari 30"])
def test_a_second_number_without_its_unit_after_days_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="the second number has no unit, so it may be hours or minutes; write one "
                                         r"time \(15 menit, 2 jam, 1 hari\), days and then hours \(1 hari 2 jam\)"):
        parse_duration(text)


def _sop(tmp_path: Path, time: str) -> Path:
    return write(tmp_path, sop_text(["Kasubbag", "JFU"], [("Menerima berkas", "10 menit", "Kasubbag"),
                                                          ("Mengolah data", time, "JFU"),
                                                          ("Memeriksa hasil", "1 jam", "Kasubbag")]), "izin.txt")


def test_the_import_warns_of_the_day_it_counts(tmp_path: Path) -> None:
    draft = parse_document(_sop(tmp_path, "1 hari 2 jam"))
    assert draft.problems == []
    assert (draft.step(2).duration_value, draft.step(2).duration_unit) == (Decimal("10.5"), "hour")
    (warning,) = draft.warnings
    assert str(warning) == ("izin.txt, step 2, column Waktu: days and then a time of the day: read as 10,5 jam of "
                            "working time, a day counting as the office's normal working day of 8,5 jam; if the step's "
                            "days are meant otherwise, type its time in the preview (value: “1 hari 2 jam”)")


def test_the_import_refuses_an_ambiguous_time_naming_step_column_and_value(tmp_path: Path) -> None:
    (problem,) = parse_document(_sop(tmp_path, "1 hari 2")).problems
    assert (problem.step, problem.column, problem.value) == (2, "Waktu", "1 hari 2")
    assert str(problem).startswith("izin.txt, step 2, column Waktu: is not a standard time: the second number has no "
                                   "unit")


JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize("start", [
    dt.datetime(2025, 3, 24, 8, 0, tzinfo=JAKARTA),  # Monday
    dt.datetime(2025, 3, 21, 15, 0, tzinfo=JAKARTA),  # Friday afternoon: over the weekend
    dt.datetime(2025, 3, 27, 14, 30, tzinfo=JAKARTA),  # Thursday before cuti bersama and Idul Fitri
    dt.datetime(2025, 12, 24, 7, 30, tzinfo=JAKARTA),  # at opening, before Christmas and its cuti bersama
    dt.datetime(2025, 5, 12, 17, 0, tzinfo=JAKARTA),  # after closing, before Waisak
])
@pytest.mark.parametrize(("days", "hours", "minutes"), [(1, 2, 0), (2, 0, 30), (1, 2, 15), (3, 7, 0)])
def test_the_hours_read_fall_due_as_the_days_and_then_the_hours(start: dt.datetime, days: int, hours: int,
                                                                 minutes: int) -> None:
    calendar = WorkCalendar()
    assert calendar.day_length == dt.timedelta(minutes=NORMAL_DAY_MINUTES)
    value, unit = parse_duration(f"{days} hari {hours} jam {minutes} menit" if minutes else
                                 f"{days} hari {hours} jam" if hours else f"{days} hari {minutes} menit")
    then = calendar.add(calendar.add(start, days, "day"), hours * 60 + minutes, "minute")
    assert calendar.add(start, value, unit) == then


class OfficeDayTestCase(KinerjaTestCase):
    def test_a_day_is_the_office_s_normal_day(self) -> None:
        # An office working 08:00-16:00 on four days and 08:00-11:00 on Friday: its normal day is 8 hours.
        self.office.hours.all().delete()
        for weekday in range(5):
            OfficeHours.objects.create(office=self.office, weekday=weekday, opens_at=dt.time(8),
                                       closes_at=dt.time(11 if weekday == 4 else 16))
        self.assertEqual(actions.office_day_minutes(self.office), 480)
        folder = Path(self.enterContext(__import__("tempfile").TemporaryDirectory()))
        draft = actions.preview_import(_sop(folder, "1 hari 2 jam"), office=self.office)
        self.assertEqual((draft.step(2).duration_value, draft.step(2).duration_unit), (Decimal(10), "hour"))
        calendar = WorkCalendar(hours={h.weekday: (h.opens_at, h.closes_at) for h in self.office.hours.all()})
        start = dt.datetime(2025, 3, 24, 9, 0, tzinfo=JAKARTA)
        self.assertEqual(calendar.add(start, Decimal(10), "hour"),
                         calendar.add(calendar.add(start, 1, "day"), 2, "hour"))

    def test_an_office_without_hours_of_its_own_has_the_calendar_s_default_day(self) -> None:
        self.office.hours.all().delete()
        self.assertEqual(actions.office_day_minutes(self.office), NORMAL_DAY_MINUTES)
