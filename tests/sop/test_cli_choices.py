"""`kinerja sop import` settles on the command line what the upload preview lets the user settle: the actor of a
step the importer cannot decide (--actor STEP=NAME), also where a later step's "dikembalikan kepada JFU" then
returns to it, and a standard time written "Setiap hari", "Menyesuaikan" or "-" (--time STEP=TIME). Without
them it refuses naming every step to settle and the option for each; a step or a time it cannot use is an
error naming it."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kinerja.sop.models import Sop, SopVersion
from tests.base import KinerjaTestCase

from .documents import sop_text, write

pytestmark = pytest.mark.usefixtures("english")

STEPS = [("Menyusun konsep laporan", "1 hari", "JFU"),
         ("Memeriksa konsep laporan", "Setiap hari", "Kasubbag"),
         ("Memperbaiki konsep laporan sesuai catatan", "2 jam", None),  # undecided: the user says JFU
         ("Memeriksa ulang konsep; apabila belum sesuai dikembalikan kepada JFU", "Menyesuaikan", "Kasubbag"),
         ("Menandatangani laporan", "-", "Kadis")]


class ImportChoicesTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.path = write(Path(tempfile.mkdtemp()), sop_text(["Kadis", "Kasubbag", "JFU"], STEPS))

    def run_import(self, *args: str) -> str:
        out = StringIO()
        call_command("sop", "import", str(self.path), "--office", self.office.code, *args, stdout=out,
                     stderr=StringIO())
        return out.getvalue()

    def test_without_choices_it_names_every_step_to_settle_and_its_option(self) -> None:
        for extra in ([], ["--dry-run"]):
            with self.assertRaises(CommandError) as caught:
                self.run_import(*extra)
            message = str(caught.exception)
            self.assertIn("sop.txt cannot be imported yet:", message)
            self.assertIn("step 2, column Waktu", message)
            self.assertIn('Give its time with --time, for example --time "2=2 jam".', message)
            self.assertIn('--time "4=2 jam"', message)
            self.assertIn('--time "5=2 jam"', message)
            self.assertIn("step 3, column Pelaksana", message)
            self.assertIn("Choose it with --actor 3=NAME", message)
        self.assertFalse(Sop.objects.exists())

    def test_the_choices_settle_the_actor_the_return_and_the_times(self) -> None:
        out = self.run_import("--actor", "3=JFU", "--time", "2=30 menit", "--time", "4=1 jam", "--time", "5=1 hari")
        self.assertIn("version 1", out)
        steps = list(SopVersion.objects.get().steps.order_by("number"))
        self.assertEqual(steps[2].actor.name, "JFU")
        # The return naming JFU goes to JFU's latest step before it: the one just chosen.
        self.assertEqual([s.number for s in steps[3].returns_to.all()], [3])
        self.assertEqual([(s.duration_value, s.duration_unit) for s in steps], [
            (Decimal(1), "day"), (Decimal(30), "minute"), (Decimal(2), "hour"), (Decimal(1), "hour"),
            (Decimal(1), "day")])

    def test_a_time_may_replace_one_the_document_could_read(self) -> None:
        self.run_import("--actor", "3=JFU", "--time", "1=3 hari", "--time", "2=30 menit", "--time", "4=1 jam",
                        "--time", "5=1 hari")
        step = SopVersion.objects.get().steps.get(number=1)
        self.assertEqual((step.duration_value, step.duration_unit), (Decimal(3), "day"))

    def test_an_unknown_step_or_an_unreadable_time_is_named(self) -> None:
        with self.assertRaisesMessage(CommandError, "--time 9=2 jam names step 9, which the document does not have "
                                                    "(its steps are numbered 1, 2, 3, 4, 5)"):
            self.run_import("--actor", "3=JFU", "--time", "9=2 jam")
        with self.assertRaises(CommandError) as caught:
            self.run_import("--actor", "3=JFU", "--time", "2=sebentar")
        self.assertIn("sop.txt, step 2, column Waktu: the time given with --time 2=… cannot be read", str(caught.exception))
        self.assertIn("(value: “sebentar”)", str(caught.exception))
        with self.assertRaisesMessage(CommandError, "--time takes STEP=TIME"):
            self.run_import("--time", "2 jam")
        self.assertFalse(Sop.objects.exists())


class SharedTimeCommandTestCase(KinerjaTestCase):
    def test_a_time_shared_by_merged_steps_is_said_with_its_option_and_can_be_given(self) -> None:
        from .test_import_merged_standard import workbook

        path = workbook(Path(tempfile.mkdtemp()) / "gabung.xlsx")
        err = StringIO()
        call_command("sop", "import", str(path), "--office", self.office.code, "--dry-run", stdout=StringIO(),
                     stderr=err)
        self.assertIn("Check: gabung.xlsx, sheet “Sheet”, step 2, column Waktu: one Waktu, 3 hari, is written for steps 2, "
                      "3 and 4 "
                      "together", err.getvalue())
        self.assertIn('Give its time with --time, for example --time "2=2 jam".', err.getvalue())
        err = StringIO()
        call_command("sop", "import", str(path), "--office", self.office.code, "--time", "2=2 hari", "--time",
                     "3=1 hari", "--time", "4=0,5 hari", stdout=StringIO(), stderr=err)
        self.assertNotIn("column Waktu", err.getvalue())
        self.assertEqual([(s.duration_value, s.duration_unit) for s in SopVersion.objects.get().steps.order_by("number")],
                         [(Decimal(10), "minute"), (Decimal(2), "day"), (Decimal(1), "day"), (Decimal("0.5"), "day"),
                          (Decimal(1), "hour")])
