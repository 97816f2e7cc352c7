"""`plan` and `kinerja sop plan`: the seed SOP started on Monday 24 March 2025 runs into Lebaran."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from decimal import Decimal
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.management import CommandError, call_command
from django.test import SimpleTestCase

import kinerja.workflow.cli_plan  # noqa: F401  registers `sop plan` even where the app's ready() does not
from kinerja.org.models import Office, Position
from kinerja.sop.models import Actor, Sop, SopVersion, Step
from kinerja.workflow.calendar import WorkCalendar
from kinerja.workflow.planning import PlannedStep, plan
from tests.base import KinerjaTestCase

WIB = ZoneInfo("Asia/Jakarta")
# The seed SOP "Pengumpulan Data Kinerja": (actor, position key, activity, value, unit).
SEED_STEPS = [
    ("Sekretaris", "secretary", "Menerima surat dari Kepala Dinas dan menyampaikan kepada Kasubbag", "2", "minute"),
    ("Kasubbag", "subsection_head", "Menerima, menelaah dan memberi petunjuk kepada JFU", "10", "minute"),
    ("JFU", "staff", "Menginventarisir bahan data kinerja dan berkoordinasi dengan bidang-bidang", "5", "day"),
    ("Kasubbag", "subsection_head", "Menerima, memeriksa, menyusun, memaraf draft data kinerja", "5", "day"),
    ("Sekretaris", "secretary", "Menerima, memeriksa, memaraf draft data kinerja", "1", "day"),
    ("Kadis", "head", "Menerima, memeriksa, menandatangani data kinerja", "1", "day"),
]


def seed_version(office: Office, positions: dict[str, Position], *, status: str = "in_force") -> SopVersion:
    """The seed SOP stored as the importer would store it (returns: step 4 to 3, step 5 to 4)."""
    sop = Sop.objects.create(office=office, name="Pengumpulan Data Kinerja")
    version = SopVersion.objects.create(sop=sop, version=1, status=status, name=sop.name)
    actors: dict[str, Actor] = {}
    steps: dict[int, Step] = {}
    for number, (name, key, activity, value, unit) in enumerate(SEED_STEPS, start=1):
        if name not in actors:
            actors[name] = Actor.objects.create(version=version, name=name, order=len(actors) + 1,
                                                position=positions[key])
        steps[number] = Step.objects.create(version=version, number=number, activity=activity, actor=actors[name],
                                            duration_value=Decimal(value), duration_unit=unit,
                                            coordinates_divisions=number == 3)
    steps[4].returns_to.add(steps[3])
    steps[5].returns_to.add(steps[4])
    return version


def wib(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WIB)


# Started Monday 24 March 2025 08:00: 2 and 10 minutes, then 5 hari over Lebaran (28 March and
# 31 March–7 April are off: 25, 26, 27 March, 8 and 9 April), 5 hari (10, 11, 14, 15, 16 April),
# 1 hari (17 April), 1 hari (18 April is Good Friday: Monday 21 April).
SEED_DUES = ["2025-03-24T08:02:00+07:00", "2025-03-24T08:12:00+07:00", "2025-04-09T08:12:00+07:00",
             "2025-04-16T08:12:00+07:00", "2025-04-17T08:12:00+07:00", "2025-04-21T08:12:00+07:00"]


class PlanTestCase(SimpleTestCase):
    def test_it_chains_steps_from_draft_like_objects(self) -> None:
        class Draft:
            def __init__(self, number: int, actor: str, value: str, unit: str) -> None:
                self.number, self.actor, self.duration_value, self.duration_unit = number, actor, Decimal(value), unit

        planned = plan([Draft(2, "Kasubbag", "1", "hour"), Draft(1, "Sekretaris", "30", "minute")],
                       wib(2025, 3, 24, 15, 0), WorkCalendar())
        self.assertEqual(planned, [
            PlannedStep(1, "Sekretaris", wib(2025, 3, 24, 15, 0), wib(2025, 3, 24, 15, 30), Decimal(30), "minute"),
            # 30 minutes before closing, 30 from Tuesday's opening.
            PlannedStep(2, "Kasubbag", wib(2025, 3, 24, 15, 30), wib(2025, 3, 25, 8, 0), Decimal(1), "hour"),
        ])

    def test_it_starts_the_next_step_at_the_next_opening(self) -> None:
        class Draft:
            number, actor, duration_value, duration_unit = 1, "JFU", Decimal(1), "day"

        class Second(Draft):
            number = 2

        # A start at closing time: the next step starts at Tuesday's opening, not at 16:00.
        planned = plan([Draft(), Second()], wib(2025, 3, 21, 16, 0), WorkCalendar())
        self.assertEqual(planned[0].starts, wib(2025, 3, 24, 7, 30))
        self.assertEqual(planned[1].starts, wib(2025, 3, 25, 7, 30))
        self.assertEqual(planned[1].due, wib(2025, 3, 26, 7, 30))


class SeedPlanTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.version = seed_version(cls.office, cls.positions)

    def run_plan(self, *args: str) -> str:
        out = StringIO()
        call_command("sop", "plan", *args, stdout=out)
        return out.getvalue()

    def test_it_plans_the_seed_step_2_at_08_12(self) -> None:
        data = json.loads(self.run_plan(str(self.version.pk), "--start", "2025-03-24T08:00:00+07:00", "--json"))
        self.assertEqual(data["steps"][1], {"number": 2, "actor": "Kasubbag", "starts": "2025-03-24T08:02:00+07:00",
                                            "due": "2025-03-24T08:12:00+07:00"})
        self.assertEqual([s["number"] for s in data["steps"]], [1, 2, 3, 4, 5, 6])
        self.assertEqual([s["due"] for s in data["steps"]], SEED_DUES)

    def test_it_reads_a_start_without_offset_in_the_office_time_zone(self) -> None:
        data = json.loads(self.run_plan(str(self.version.pk), "--start", "2025-03-24T08:00", "--json"))
        self.assertEqual(data["steps"][1]["due"], "2025-03-24T08:12:00+07:00")

    def test_it_converts_a_utc_start_to_the_office_time(self) -> None:
        data = json.loads(self.run_plan(str(self.version.pk), "--start", "2025-03-24T01:00:00+00:00", "--json"))
        self.assertEqual(data["steps"][0]["due"], "2025-03-24T08:02:00+07:00")

    def test_it_prints_a_table(self) -> None:
        out = self.run_plan(str(self.version.pk), "--start", "2025-03-24T08:00:00+07:00")
        self.assertIn("2025-03-24 08:02  2025-03-24 08:12  10 menit", out)
        self.assertIn("2025-04-09 08:12  2025-04-16 08:12  5 hari", out)
        self.assertIn("2025-04-17 08:12  2025-04-21 08:12", out)
        self.assertIn("Asia/Jakarta", out)

    def test_a_long_actor_name_is_printed_whole_and_the_columns_stay_under_their_headers(self) -> None:
        Actor.objects.filter(version=self.version, name="Kasubbag").update(
            name="Kepala Sub Bagian Program, Keuangan dan Aset")
        header, _, step2, *_ = self.run_plan(str(self.version.pk), "--start", "2025-03-24T08:00:00+07:00").splitlines()
        self.assertIn("  2  Kepala Sub Bagian Program, Keuangan dan Aset  2025-03-24 08:02", step2)
        self.assertEqual(step2.index("2025-03-24 08:12"), header.index("Batas waktu"))
        self.assertEqual(step2.index("10 menit"), header.index("Waktu baku"))

    def test_the_table_s_header_is_in_indonesian(self) -> None:
        header = self.run_plan(str(self.version.pk), "--start", "2025-03-24T08:00:00+07:00").splitlines()[0]
        self.assertEqual(header.split(), ["No.", "Pelaksana", "Mulai", "Batas", "waktu", "Waktu", "baku"])

    def test_it_plans_in_another_office_calendar(self) -> None:
        self.other_office.time_zone = "Asia/Makassar"
        self.other_office.save()
        data = json.loads(self.run_plan(str(self.version.pk), "--start", "2025-03-24T08:00:00+07:00", "--json",
                                        "--office", "other-office"))
        # 08:00 WIB is 09:00 WITA.
        self.assertEqual(data["steps"][1]["due"], "2025-03-24T09:12:00+08:00")

    def test_it_refuses_an_unknown_sop_version(self) -> None:
        with self.assertRaisesMessage(CommandError, "Tidak ada versi SOP tersimpan dengan id 9999"):
            self.run_plan("9999", "--start", "2025-03-24T08:00:00+07:00")

    def test_it_refuses_a_start_that_is_not_iso_8601(self) -> None:
        with self.assertRaisesMessage(CommandError, "'24/03/2025 08:00' bukan tanggal dan jam ISO 8601"):
            self.run_plan(str(self.version.pk), "--start", "24/03/2025 08:00")

    def test_it_refuses_a_day_that_does_not_exist(self) -> None:
        with self.assertRaisesMessage(CommandError, "--start: '2026-02-30T08:00+07:00' bukan tanggal dan jam ISO 8601"):
            self.run_plan(str(self.version.pk), "--start", "2026-02-30T08:00+07:00")

    def test_it_refuses_an_unknown_office(self) -> None:
        with self.assertRaisesMessage(CommandError, "tidak ada kantor dengan kode 'nowhere'"):
            self.run_plan(str(self.version.pk), "--start", "2025-03-24T08:00", "--office", "nowhere")


class CollectedSopsPlanTestCase(KinerjaTestCase):
    """A document holding several SOPs is planned for the one chosen with --sop (its place, Nama SOP or
    Nomor SOP), as `kinerja sop import` chooses; without a choice the refusal names them and --sop."""

    def run_plan(self, *args: str) -> str:
        out = StringIO()
        call_command("sop", "plan", *args, stdout=out)
        return out.getvalue()

    def test_the_chosen_sop_is_planned(self) -> None:
        from tests.sop.test_document_sops import OTHER, collected

        path = collected(Path(self.enterContext(tempfile.TemporaryDirectory())))
        for choice in ("2", "PELAYANAN IZIN TRAYEK", "551/02/SOP/2025"):
            data = json.loads(self.run_plan(str(path), "--sop", choice, "--start", "2025-03-24T08:00:00+07:00",
                                            "--json"))
            self.assertEqual(len(data["steps"]), len(OTHER), choice)
            # 30 menit, then 2 hari, then 1 hari.
            self.assertEqual(data["steps"][0]["due"], "2025-03-24T08:30:00+07:00")
        with self.assertRaisesMessage(CommandError, "--sop"):
            self.run_plan(str(path), "--start", "2025-03-24T08:00:00+07:00")
