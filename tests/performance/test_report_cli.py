"""`kinerja data report` and `kinerja data agreement` through call_command, files read back."""

from __future__ import annotations

import io
import json
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
from django.core.management import CommandError, call_command

from kinerja.performance.models import Objective, Program, ReportVersion
from tests.base import KinerjaTestCase

from .test_report_build import actual, add_indicator, target
from .test_report_render import pdf_text

D = Decimal


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("data", *args, stdout=out)
    return out.getvalue()


class ReportCliTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        objective = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya kualitas koperasi",
                                             plan_start_year=2021, plan_end_year=2026)
        active = add_indicator(objective, "IK-01", "Persentase koperasi aktif")
        target(active, 2025, D("80"))
        actual(active, 2025, D("72.5"))
        zero = add_indicator(objective, "IK-02", "Kasus sengketa", "kasus", negative=True)
        target(zero, 2025, D("0"))
        actual(zero, 2025, D("1"))
        opinion = add_indicator(objective, "IK-03", "Opini BPK", "opini")
        target(opinion, 2025, "WTP")
        program = Program.objects.create(office=cls.office, year=2025, code="P1", name="Program Koperasi",
                                         budget=D("1725000000.50"), spent=D("1000000000"))
        program.objectives.add(objective)

    def setUp(self) -> None:
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp())

    def test_it_prints_json_with_numbers_as_numbers(self) -> None:
        data = json.loads(run("report", "--year", "2025", "--office", self.office.code, "--json"))
        self.assertEqual(data["year"], 2025)
        first, zero, opinion = data["indicators"]
        self.assertEqual((first["target"], first["actual"], first["achievement"], first["predicate"]),
                         (80, 72.5, 90.63, "Tinggi"))
        self.assertEqual((zero["achievement"], zero["predicate"]), (0, "Sangat Rendah"))  # 1 case against 0
        self.assertEqual((opinion["target"], opinion["actual"], opinion["achievement"]), ("WTP", None, None))

    def test_it_writes_each_format(self) -> None:
        for fmt in ("pdf", "xlsx", "docx"):
            path = self.tmp / f"r.{fmt}"
            with self.subTest(fmt):
                out = run("report", "--year", "2025", "--office", self.office.code, "--format", fmt, "-o", str(path))
                self.assertIn("3", out)
        self.assertIn("90,63%", pdf_text((self.tmp / "r.pdf").read_bytes()))
        self.assertEqual(openpyxl.load_workbook(self.tmp / "r.xlsx")["Capaian"]["I5"].value, 90.63)
        self.assertIn("90,63%", "\n".join(p.text for p in docx.Document(str(self.tmp / "r.docx")).paragraphs))

    def test_an_output_that_cannot_be_written_is_one_clear_error_and_leaves_no_file(self) -> None:
        folder = self.tmp / "laporan"
        folder.mkdir()
        code = self.office.code
        for args, problem in [
            (("report", "--year", "2025", "--office", code, "--format", "pdf", "-o", str(self.tmp / "none" / "r.pdf")),
             f"folder {self.tmp / 'none'} tidak ada"),
            (("report", "--year", "2025", "--office", code, "--format", "xlsx", "-o", str(folder)), "itu sebuah folder"),
            (("report", "--year", "2025", "--all-offices", "--format", "xlsx", "-o", str(self.tmp / "none" / "k.xlsx")),
             "tidak ada"),
            (("agreement", "--year", "2025", "--office", code, "-o", str(self.tmp / "none" / "pk.pdf")), "tidak ada"),
            (("agreement", "--year", "2025", "--office", code, "-o", str(folder)), "itu sebuah folder"),
        ]:
            with self.subTest(args[0], output=args[-1]), self.assertRaisesMessage(CommandError, problem):
                run(*args)
        self.assertEqual(sorted(p.name for p in self.tmp.rglob("*")), ["laporan"])  # no partial file left

    def test_it_writes_a_quarterly_report(self) -> None:
        data = json.loads(run("report", "--year", "2025", "--quarter", "4", "--office", self.office.code, "--json"))
        self.assertEqual(data["quarter"], 4)

    def test_it_compiles_a_version(self) -> None:
        out = run("report", "--year", "2025", "--office", self.office.code, "--compile")
        version = ReportVersion.objects.get(office=self.office)
        self.assertIn(version.sha256, out)
        self.assertIsNone(version.created_by)

    def test_it_writes_the_city_overview(self) -> None:
        path = self.tmp / "kota.xlsx"
        run("report", "--year", "2025", "--all-offices", "--format", "xlsx", "-o", str(path))
        sheet = openpyxl.load_workbook(path)["Capaian"]
        self.assertEqual(sheet["B5"].value, self.office.name)
        self.assertEqual(sheet["J5"].value, 90.63)

    def test_it_explains_bad_combinations(self) -> None:
        with self.assertRaisesMessage(CommandError, "-o"):
            run("report", "--year", "2025", "--office", self.office.code, "--format", "pdf")
        with self.assertRaisesMessage(CommandError, "--format xlsx"):
            run("report", "--year", "2025", "--all-offices", "--json")
        with self.assertRaises(CommandError):  # two offices: which one?
            run("report", "--year", "2025", "--json")
        with self.assertRaises(CommandError):
            run("report", "--year", "2025", "--office", "nope", "--json")

    def test_it_writes_the_performance_agreement(self) -> None:
        path = self.tmp / "pk.pdf"
        run("agreement", "--year", "2025", "--office", self.office.code, "-o", str(path))
        text = pdf_text(path.read_bytes())
        self.assertIn("PERJANJIAN KINERJA TAHUN 2025", text)
        self.assertIn("Wali Kota Bandar Lampung", text)
        self.assertIn("80%", text)
        self.assertIn("WTP", text)
        self.assertIn("0 kasus", text)
        self.assertIn("1.725.000.000,50", text)
        self.assertIn("Program Koperasi", text)


def test_the_console_script_prints_the_report_help() -> None:
    done = subprocess.run([str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "kinerja"), "data", "report",
                           "--help"], capture_output=True, text=True, env={"KINERJA_DATA_DIR": tempfile.mkdtemp(),
                                                                           "KINERJA_DEBUG": "1", "PATH": "/usr/bin"})
    assert done.returncode == 0, done.stderr
    assert "--format" in done.stdout and "--json" in done.stdout


class AgreementLowerIsBetterTestCase(KinerjaTestCase):
    """A Perjanjian Kinerja promises "≤ 5%" for an indicator where lower is better (price swings, disputes):
    printed as "5%", the signed form would promise the opposite reading of its own spreadsheet."""

    def test_a_lower_is_better_target_prints_with_its_sign(self) -> None:
        objective = Objective.objects.create(office=self.office, code="S2", name="Terjaganya stabilitas harga",
                                             plan_start_year=2026, plan_end_year=2030)
        swings = add_indicator(objective, "IK-03", "Persentase fluktuasi harga barang kebutuhan pokok", "%",
                               negative=True)
        target(swings, 2026, D("5"))
        disputes = add_indicator(objective, "IK-09", "Kasus sengketa konsumen", "kasus", negative=True)
        target(disputes, 2026, D("0"))  # none at all: no "≤ 0"
        traders = add_indicator(objective, "IK-04", "Persentase pelaku usaha yang tertib niaga")
        target(traders, 2026, D("75"))
        path = Path(tempfile.mkdtemp()) / "pk.pdf"
        run("agreement", "--year", "2026", "--office", self.office.code, "-o", str(path))
        text = pdf_text(path.read_bytes())
        self.assertIn("≤ 5%", text)
        self.assertIn("0 kasus", text)
        self.assertNotIn("≤ 0", text)
        self.assertIn("75%", text)
        self.assertNotIn("≤ 75", text)
