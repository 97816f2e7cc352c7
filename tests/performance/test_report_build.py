"""build_report() from the models: achievement of both polarities, zero and text targets, quarters,
previous years, budget, the approval block; a constant number of queries; compiled versions."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.errors import NotAllowed
from kinerja.performance.models import Actual, Indicator, Objective, PerformanceSettings, Program, ReportVersion, Target
from kinerja.performance.report import build_report, compile_report
from tests.base import TODAY, KinerjaTestCase

D = Decimal
SUBMITTED = Actual.Status.SUBMITTED


def add_indicator(objective: Objective, code: str, name: str, unit: str = "%", *, negative: bool = False,
                  aggregation: str = "last") -> Indicator:
    return Indicator.objects.create(
        office=objective.office, objective=objective, code=code, name=name, unit=unit,
        polarity="lower_is_better" if negative else "higher_is_better", quarter_aggregation=aggregation)


def target(indicator: Indicator, year: int, value: Decimal | str, kind: str = "agreement",
           quarter: int | None = None) -> None:
    number, text = (None, value) if isinstance(value, str) else (value, "")
    Target.objects.create(indicator=indicator, year=year, kind=kind, quarter=quarter, value_number=number, value_text=text)


def actual(indicator: Indicator, year: int, value: Decimal | str, quarter: int | None = None, *,
           status: str = SUBMITTED, obstacles: str = "", solutions: str = "") -> Actual:
    number, text = (None, value) if isinstance(value, str) else (value, "")
    return Actual.objects.create(indicator=indicator, year=year, quarter=quarter, value_number=number, value_text=text,
                                 status=status, obstacles=obstacles, solutions=solutions)


class ReportDataTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.s1 = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya kualitas koperasi", order=1,
                                          plan_start_year=2021, plan_end_year=2026)
        cls.s2 = Objective.objects.create(office=cls.office, code="S2", name="Akuntabilitas kinerja", order=2,
                                          plan_start_year=2021, plan_end_year=2026)
        cls.active = add_indicator(cls.s1, "IK-01", "Persentase koperasi aktif")
        target(cls.active, 2025, D("80"))
        target(cls.active, 2024, D("75"))
        target(cls.active, 2026, D("90"), kind="renstra_end")
        actual(cls.active, 2025, D("72.5"), obstacles="Banyak koperasi belum RAT.", solutions="Pendampingan RAT.")
        actual(cls.active, 2024, D("63.75"))
        cls.troubled = add_indicator(cls.s1, "IK-02", "Koperasi bermasalah", "unit", negative=True)
        target(cls.troubled, 2025, D("40"))
        actual(cls.troubled, 2025, D("30"))
        cls.disputes = add_indicator(cls.s1, "IK-03", "Kasus sengketa", "kasus", negative=True)
        target(cls.disputes, 2025, D("0"))
        actual(cls.disputes, 2025, D("2"))
        cls.opinion = add_indicator(cls.s2, "IK-04", "Opini BPK", "opini")
        target(cls.opinion, 2025, "WTP")
        actual(cls.opinion, 2025, "WTP")
        cls.trained = add_indicator(cls.s2, "IK-05", "UMKM dilatih", "UMKM", aggregation="sum")
        target(cls.trained, 2025, D("1725"))
        target(cls.trained, 2025, D("800"), kind="quarter", quarter=2)
        for q, v in ((1, D("300")), (2, D("500")), (3, D("400"))):
            actual(cls.trained, 2025, v, quarter=q)
        actual(cls.trained, 2025, D("999"), quarter=4, status=Actual.Status.DRAFT)  # not yet the office's data
        program = Program.objects.create(office=cls.office, year=2025, code="P1", name="Program Pemberdayaan Koperasi",
                                         budget=D("1000000000"), spent=D("880000000"))
        program.objectives.add(cls.s1)
        PerformanceSettings.objects.create(office=cls.office, efficiency_threshold=D("5"))

    def report(self, quarter: int | None = None) -> dict:
        return build_report(self.office, 2025, quarter, made_on=TODAY).to_json()

    def row(self, code: str, quarter: int | None = None) -> dict:
        return next(i for i in self.report(quarter)["indicators"] if i["code"] == code)

    def test_it_gives_the_json_the_cli_prints(self) -> None:
        row = self.row("IK-01")
        self.assertEqual({k: row[k] for k in ("code", "objective", "name", "unit", "target", "actual", "achievement",
                                               "predicate")},
                         {"code": "IK-01", "objective": "Meningkatnya kualitas koperasi",
                          "name": "Persentase koperasi aktif", "unit": "%", "target": 80, "actual": 72.5,
                          "achievement": 90.63, "predicate": "Tinggi"})

    def test_it_computes_negative_polarity(self) -> None:
        row = self.row("IK-02")
        self.assertEqual((row["achievement"], row["predicate"], row["polarity"]), (125, "Sangat Tinggi", "negative"))

    def test_a_zero_target_lower_is_better_is_missed_by_any_case(self) -> None:
        row = self.row("IK-03")  # target 0 kasus, actual 2
        self.assertEqual((row["target"], row["achievement"], row["predicate"]), (0, 0, "Sangat Rendah"))

    def test_it_keeps_a_text_target_as_text_met_without_percentage(self) -> None:
        row = self.row("IK-04")
        self.assertEqual((row["target"], row["actual"], row["achievement"], row["met"]), ("WTP", "WTP", None, True))

    def test_it_adds_up_submitted_quarters_and_leaves_drafts_out(self) -> None:
        self.assertEqual(self.row("IK-05")["actual"], 1200)
        self.assertEqual(self.row("IK-05")["achievement"], 69.57)

    def test_it_reports_a_quarter_against_its_quarter_target(self) -> None:
        row = self.row("IK-05", quarter=2)
        self.assertEqual((row["target"], row["actual"], row["achievement"]), (800, 800, 100))
        self.assertEqual(self.report(2)["quarter"], 2)

    def test_it_compares_a_quarter_with_the_same_quarters_of_earlier_years(self) -> None:
        target(self.trained, 2024, D("400"), kind="quarter", quarter=2)
        actual(self.trained, 2024, D("100"), quarter=1)
        actual(self.trained, 2024, D("200"), quarter=2)
        actual(self.trained, 2024, D("900"), quarter=3)
        history = self.row("IK-05", quarter=2)["history"]
        self.assertEqual(history, [{"year": 2024, "target": 400, "actual": 300, "achievement": 75, "met": None}])

    def test_it_averages_the_objective_over_indicators_that_have_an_achievement(self) -> None:
        objectives = self.report()["objectives"]
        # (90.625 + 125 + 0) / 3 = 71.875; the zero target missed by 2 cases counts as 0.
        self.assertEqual(objectives[0]["achievement"], 71.88)
        self.assertEqual(objectives[1]["achievement"], 69.57)

    def test_it_compares_with_previous_years_and_the_strategic_plan(self) -> None:
        report = build_report(self.office, 2025, made_on=TODAY)
        row = next(i for i in report.indicators if i.code == "IK-01")
        self.assertEqual(report.history_years, [2024])
        self.assertEqual([(h.year, h.achievement) for h in row.history], [(2024, D("85.00"))])
        self.assertEqual(row.strategic_target, D("90"))
        self.assertEqual(row.progress, D("80.56"))
        self.assertEqual((row.obstacles, row.solutions), ("Banyak koperasi belum RAT.", "Pendampingan RAT."))

    def test_it_computes_absorption_and_efficiency_with_the_office_threshold(self) -> None:
        budget = self.report()["budget"][0]
        self.assertEqual((budget["budget"], budget["spent"], budget["absorption"]), (1000000000, 880000000, 88))
        # 71.875 - 88: the sasaran's achievement less the absorption, in points.
        self.assertEqual((budget["efficiency"], budget["efficient"]), (-16.13, False))

    def test_it_names_the_approvers_from_the_positions_held_that_day(self) -> None:
        report = build_report(self.office, 2025, made_on=TODAY)
        self.assertEqual([a.position for a in report.initials],
                         ["Kepala Sub Bagian Program, Keuangan dan Aset", "Sekretaris Dinas"])
        self.assertEqual(report.initials[0].name, "Contoh Kasubbag Demo, S.E.")
        # On TODAY the Sekretaris is Plh. Kepala Dinas (tests/base.py).
        assert report.signer is not None
        self.assertEqual((report.signer.acting, report.signer.name), ("Plh.", "Contoh Sekretaris Demo, S.Sos., M.Si."))
        later = build_report(self.office, 2025, made_on=TODAY + dt.timedelta(days=10))
        assert later.signer is not None
        self.assertEqual((later.signer.acting, later.signer.nip), ("", "19750427 200003 2 001"))

    def test_it_never_shows_another_office(self) -> None:
        self.assertEqual(build_report(self.other_office, 2025, made_on=TODAY).indicators, [])

    def test_it_needs_the_same_number_of_queries_for_1_or_50_indicators(self) -> None:
        with CaptureQueriesContext(connection) as before:
            build_report(self.office, 2025, made_on=TODAY)
        for n in range(50):
            extra = add_indicator(self.s2, f"IK-X{n:02d}", f"Tambahan {n}")
            target(extra, 2025, D("10"))
            actual(extra, 2025, D("9"))
            actual(extra, 2024, D("8"))
        with self.assertNumQueries(len(before.captured_queries)):
            report = build_report(self.office, 2025, made_on=TODAY)
        self.assertEqual(len(report.indicators), 55)


class CompileReportTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        objective = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya kualitas koperasi",
                                             plan_start_year=2021, plan_end_year=2026)
        cls.indicator = add_indicator(objective, "IK-01", "Persentase koperasi aktif")
        target(cls.indicator, 2025, D("80"))
        cls.actual = actual(cls.indicator, 2025, D("72.5"))

    def test_it_stores_the_files_and_the_sha256_of_the_pdf(self) -> None:
        version = compile_report(self.office, 2025, user=self.subsection_head)
        self.assertEqual((version.number, version.created_by), (1, self.subsection_head))
        with version.pdf.open("rb") as f:
            self.assertEqual(hashlib.sha256(f.read()).hexdigest(), version.sha256)
        self.assertTrue(version.xlsx.name.endswith("data-kinerja-diskopukm-bdl-2025-v1.xlsx"))
        self.assertTrue(version.docx.name.endswith(".docx"))
        self.assertEqual(version.data["indicators"][0]["achievement"], 90.63)

    def test_it_makes_a_new_version_only_when_the_data_changed(self) -> None:
        first = compile_report(self.office, 2025, user=self.secretary)
        self.assertEqual(compile_report(self.office, 2025, user=self.head).pk, first.pk)
        Actual.objects.filter(pk=self.actual.pk).update(value_number=D("76"))
        second = compile_report(self.office, 2025, user=self.head)
        self.assertEqual(second.number, 2)
        self.assertNotEqual(second.sha256, first.sha256)
        self.assertEqual(ReportVersion.objects.filter(office=self.office).count(), 2)

    def test_it_numbers_quarterly_reports_separately(self) -> None:
        compile_report(self.office, 2025, user=self.admin)
        self.assertEqual(compile_report(self.office, 2025, 1, user=self.admin).number, 1)

    def test_it_refuses_staff_and_division_contacts(self) -> None:
        for user in (self.staff, self.contacts[0], self.auditor):
            with self.subTest(user.username), self.assertRaises(NotAllowed):
                compile_report(self.office, 2025, user=user)
        self.assertFalse(ReportVersion.objects.exists())


class QuarterTargetsAddUpTestCase(KinerjaTestCase):
    """A count measured per quarter (UMKM trained: sum) has each quarter's own target, as the input page
    compares it with the quarter's actual. A report of quarters 1..3 adds up both sides; a rate (last)
    takes the quarter's own target and actual."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        s1 = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya UMKM", order=1,
                                      plan_start_year=2021, plan_end_year=2026)
        cls.count = add_indicator(s1, "IK-07", "UMKM dibina", "UMKM", aggregation="sum")
        cls.rate = add_indicator(s1, "IK-08", "Persentase koperasi sehat", "%", aggregation="last")
        target(cls.count, 2025, D("200"))
        target(cls.rate, 2025, D("80"))
        for q, (count_target, count_actual, rate_target, rate_actual) in enumerate(
                [(D("50"), D("30"), D("60"), D("58")), (D("50"), D("37"), D("65"), D("66")),
                 (D("50"), D("42"), D("70"), D("63"))], start=1):
            target(cls.count, 2025, count_target, kind="quarter", quarter=q)
            target(cls.rate, 2025, rate_target, kind="quarter", quarter=q)
            actual(cls.count, 2025, count_actual, quarter=q)
            actual(cls.rate, 2025, rate_actual, quarter=q)

    def row(self, code: str, quarter: int | None) -> dict:
        report = build_report(self.office, 2025, quarter, made_on=TODAY).to_json()
        return next(i for i in report["indicators"] if i["code"] == code)

    def test_a_count_compares_the_quarters_actuals_with_their_targets_added_up(self) -> None:
        row = self.row("IK-07", 3)
        # 30 + 37 + 42 = 109 of 50 + 50 + 50 = 150; before, 109 of TW III's 50 gave 218 %.
        self.assertEqual((row["target"], row["actual"], row["achievement"]), (150, 109, 72.67))
        row = self.row("IK-07", 1)
        self.assertEqual((row["target"], row["actual"], row["achievement"]), (50, 30, 60))

    def test_a_rate_compares_the_quarter_with_its_own_target(self) -> None:
        row = self.row("IK-08", 3)
        self.assertEqual((row["target"], row["actual"], row["achievement"]), (70, 63, 90))

    def test_the_year_compares_with_the_agreement(self) -> None:
        row = self.row("IK-07", None)
        self.assertEqual((row["target"], row["actual"]), (200, 109))


class QuarterWithoutQuarterTargetsTestCase(KinerjaTestCase):
    """A quarterly report of an office that set only the annual target: a count (sum) of the first quarters
    against the whole year's target is progress, printed with its percentage but no predicate (TW I doing
    exactly its quarter of the work read "Sangat Rendah"); a rate (last) is judged as before; the year and
    the fourth quarter are judged."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        s1 = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya UMKM", order=1,
                                      plan_start_year=2021, plan_end_year=2026)
        s2 = Objective.objects.create(office=cls.office, code="S2", name="Koperasi sehat", order=2,
                                      plan_start_year=2021, plan_end_year=2026)
        cls.count = add_indicator(s1, "IK-07", "UMKM dibina", "UMKM", aggregation="sum")
        cls.rate = add_indicator(s2, "IK-08", "Persentase koperasi sehat", "%", aggregation="last")
        target(cls.count, 2025, D("200"))
        target(cls.rate, 2025, D("80"))
        actual(cls.count, 2025, D("50"), quarter=1)
        actual(cls.rate, 2025, D("78"), quarter=1)

    def report(self, quarter: int | None) -> dict:
        return build_report(self.office, 2025, quarter, made_on=TODAY).to_json()

    def test_a_count_of_the_first_quarter_against_the_annual_target_has_no_predicate(self) -> None:
        report = self.report(1)
        count, rate = report["indicators"]
        self.assertEqual((count["target"], count["actual"], count["achievement"], count["predicate"]), (200, 50, 25, None))
        self.assertIn("Dibandingkan dengan target tahunan (belum ada target triwulan)", count["note"])
        self.assertEqual((rate["achievement"], rate["predicate"], rate["note"]), (97.5, "Sangat Tinggi", ""))
        self.assertEqual([(o["achievement"], o["predicate"]) for o in report["objectives"]],
                         [(25, None), (97.5, "Sangat Tinggi")])

    def test_the_year_and_the_fourth_quarter_are_judged(self) -> None:
        for quarter in (None, 4):
            count = self.report(quarter)["indicators"][0]
            self.assertEqual((count["achievement"], count["predicate"], count["note"]), (25, "Sangat Rendah", ""))

    def test_a_quarter_target_is_judged(self) -> None:
        target(self.count, 2025, D("50"), kind="quarter", quarter=1)
        count = self.report(1)["indicators"][0]
        self.assertEqual((count["target"], count["achievement"], count["predicate"]), (50, 100, "Sangat Tinggi"))

    def test_the_dashboard_and_the_docx_say_it_is_progress(self) -> None:
        from kinerja.performance.renderers.docx import indicator_paragraph

        self.client.force_login(self.subsection_head)
        page = self.client.get("/data/dashboard/", {"year": 2025, "quarter": 1})
        self.assertContains(page, "kemajuan terhadap target tahunan")
        self.assertContains(page, "kemajuan, tanpa predikat")
        row = build_report(self.office, 2025, 1, made_on=TODAY).objectives[0].indicators[0]
        text = indicator_paragraph(row, "Triwulan 1 Tahun 2025")
        self.assertIn("25,00% dari target tahunan 200 UMKM", text)
        self.assertNotIn("None", text)
