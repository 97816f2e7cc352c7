"""A target of zero of a lower-is-better indicator ("0 kasus KSP bermasalah") is met or not, and its achievement is
the percentage the office's rule gives it (achievement._zero_target): 100 met, 0 not met. Every document prints it
so for every year, this year's as the years before (the PDF's comparison printed "Tidak tercapai" for the years
before beside "0,00%" for this one); and the dashboard's chart of targets and actuals, which cannot draw an actual
as a share of a target of 0, says under it which indicators it leaves out and why."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl

from kinerja.performance import charts
from kinerja.performance.models import Objective
from kinerja.performance.renderers import pdf, xlsx
from kinerja.performance.report import build_report
from tests.base import TODAY, KinerjaTestCase

from .test_report_build import actual, add_indicator, target

D = Decimal


class ZeroTargetTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        objective = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya kualitas koperasi",
                                             order=1, plan_start_year=2021, plan_end_year=2026)
        cls.active = add_indicator(objective, "IK-01", "Persentase koperasi aktif")
        cls.troubled = add_indicator(objective, "IK-06", "Kasus KSP bermasalah", "kasus", negative=True)
        cls.opinion = add_indicator(objective, "IK-07", "Opini BPK", "opini")
        for year, cases in ((2023, D("3")), (2024, D("0")), (2025, D("2"))):
            target(cls.active, year, D("80"))
            actual(cls.active, year, D("72"))
            target(cls.troubled, year, D("0"))
            actual(cls.troubled, year, cases)
            target(cls.opinion, year, "WTP")
            actual(cls.opinion, year, "WTP" if year != 2023 else "WDP")

    def setUp(self) -> None:
        super().setUp()
        self.report = build_report(self.office, 2025, made_on=TODAY)

    def row(self, rows: list[dict], code: str) -> dict:
        return next(r for r in rows if r["row"].code == code)

    def test_the_pdf_prints_a_zero_targets_achievement_as_a_percentage_every_year(self) -> None:
        rows = [r for o in pdf.context(self.report)["objectives"] for r in o["rows"]]
        troubled = self.row(rows, "IK-06")
        self.assertEqual(self.report.history_years, [2023, 2024])
        self.assertEqual([h["achievement"] for h in troubled["history"]], ["0,00%", "100,00%"])
        self.assertEqual(troubled["achievement"], "0,00%")
        # A text target is met or not met in words, this year as the years before.
        opinion = self.row(rows, "IK-07")
        self.assertEqual([h["achievement"] for h in opinion["history"]], ["Tidak tercapai", "Tercapai"])
        self.assertEqual(opinion["achievement"], "Tercapai")

    def test_the_xlsx_and_the_dashboard_give_the_same_percentages(self) -> None:
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.render(self.report)))["Perbandingan"]
        row = next(r for r in sheet.iter_rows(min_row=5, values_only=True) if r[1] == "IK-06")
        self.assertEqual([float(v) for v in (row[5], row[7], row[9])], [0, 100, 0])  # Capaian 2023, 2024, 2025
        self.client.force_login(self.subsection_head)
        page = self.client.get("/data/dashboard/?year=2025")
        indicator = next(r["row"] for o in page.context["objectives"] for r in o["rows"] if r["row"].code == "IK-06")
        self.assertEqual((indicator.achievement, indicator.predicate), (0, "Sangat Rendah"))

    def test_the_chart_of_targets_and_actuals_says_which_indicators_it_leaves_out(self) -> None:
        self.assertEqual([(r.code, why) for r, why in charts.not_drawn(self.report)],
                         [("IK-06", charts.ZERO_TARGET), ("IK-07", charts.TEXT_TARGET)])
        self.client.force_login(self.subsection_head)
        page = self.client.get("/data/dashboard/?year=2025")
        self.assertContains(page, "Tidak digambar pada grafik ini")
        self.assertContains(page, '<span class="perf-code">IK-06</span> Kasus KSP bermasalah: target 0: tercapai atau '
                                  "tidak, capaiannya 100% atau 0%, bukan bagian dari target")
        self.assertContains(page, '<span class="perf-code">IK-07</span> Opini BPK: target teks: tercapai atau tidak')
        self.assertNotContains(page, '<span class="perf-code">IK-01</span>')  # drawn: no need to say
