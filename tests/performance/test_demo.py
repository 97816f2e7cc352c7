"""The demo performance data: about fifteen indicators over three years, one of each difficult kind,
evidence, programs; loading twice adds nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from kinerja.performance import demo
from kinerja.performance.achievement import NoAchievement, evaluate
from kinerja.performance.models import ActionPlanItem, Actual, Evidence, Indicator, Program, Target
from tests.base import TODAY, KinerjaTestCase


class DemoTestCase(KinerjaTestCase):
    def test_it_loads_three_years_once(self) -> None:
        today = dt.date(2025, 11, 28)
        self.assertTrue(demo.load(self.office, today=today))
        self.assertFalse(demo.load(self.office, today=today))
        indicators = Indicator.objects.filter(office=self.office)
        self.assertEqual(indicators.count(), 15)
        self.assertEqual(sorted(set(Actual.objects.filter(indicator__office=self.office).values_list("year", flat=True))),
                         [2023, 2024, 2025])
        # Quarter III of 2025 is being collected: a mix of statuses; earlier quarters are locked.
        statuses = set(Actual.objects.filter(year=2025, quarter=3).values_list("status", flat=True))
        self.assertEqual(statuses, {"draft", "submitted", "checked", "returned"})
        self.assertFalse(Actual.objects.filter(year=2025, quarter=2).exclude(status="locked").exists())
        self.assertFalse(Actual.objects.filter(year=2025, quarter=4).exists())
        self.assertTrue(Evidence.objects.filter(actual__indicator__office=self.office).exists())
        with Evidence.objects.first().file.open("rb") as f:
            self.assertTrue(f.read().startswith(b"%PDF-"))
        self.assertEqual(Program.objects.filter(office=self.office, year=2025).count(), 4)
        self.assertTrue(Actual.objects.filter(version=2, is_current=True).exclude(correction_reason="").exists())

    def test_it_has_one_indicator_of_each_difficult_kind(self) -> None:
        demo.load(self.office, today=TODAY)
        negative = Indicator.objects.get(office=self.office, code="IK-03")
        self.assertEqual(negative.polarity, "lower_is_better")
        zero = Target.objects.get(indicator__code="IK-06", year=2024, kind="agreement")
        self.assertEqual(zero.value_number, Decimal(0))
        actual = Actual.objects.get(indicator__code="IK-14", year=2024)
        result = evaluate("WTP", actual.value_text)
        self.assertEqual((result.reason, result.met), (NoAchievement.TEXT_TARGET, True))

    def test_quarters_add_up_to_the_year(self) -> None:
        demo.load(self.office, today=TODAY)
        quarters = Actual.objects.filter(indicator__code="IK-07", year=2024).values_list("value_number", flat=True)
        self.assertEqual(sum(quarters), Decimal(180))

    def test_the_evidence_pdf_is_well_formed(self) -> None:
        data = demo.evidence_pdf("Bukti dukung IK-01 2025 TW3")
        offset = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
        self.assertTrue(data[offset:].startswith(b"xref"))

    def test_the_year_has_a_rencana_aksi_added_once(self) -> None:
        """The plan of the year of the quarter being collected (in January, last year's too), its activities with
        their own quarter targets and budget, one indicator planning an activity per quarter; an office loaded
        before the Rencana Aksi existed gains it on the next run, once."""
        today = dt.date(2025, 1, 15)  # the quarter being collected is IV 2024
        demo.load(self.office, today=today)
        plan = ActionPlanItem.objects.filter(indicator__office=self.office)
        self.assertEqual(sorted(set(plan.values_list("year", flat=True))), [2024, 2025])
        count = plan.count()
        self.assertEqual(plan.filter(year=2025).count() * 2, count)
        sakip = plan.filter(indicator__code="IK-13", year=2025).order_by("quarter")
        self.assertEqual(list(sakip.values_list("quarter", flat=True)), [1, 2, 3, 4])
        healthy = plan.filter(indicator__code="IK-02", year=2025).order_by("order").first()
        self.assertEqual((healthy.target_q1, healthy.target_q4, healthy.budget),
                         (Decimal(20), Decimal(140), Decimal(145_000_000)))
        plan.filter(year=2025).delete()
        self.assertTrue(demo.load(self.office, today=today))
        self.assertFalse(demo.load(self.office, today=today))
        self.assertEqual(plan.count(), count)


class DemoReturnedTestCase(KinerjaTestCase):
    def test_its_returned_figures_were_returned_as_the_kasubbag_returns_them(self) -> None:
        from kinerja.performance.demo import RETURN_REASON
        from kinerja.performance.models import ActualRevision
        from kinerja.performance.returned import _receivers, correct_url
        from kinerja.workflow.models import Notification

        demo.load(self.office, today=dt.date(2025, 11, 28))
        returned = list(Actual.objects.filter(indicator__office=self.office, status="returned").select_related(
            "indicator"))
        self.assertTrue(returned)
        for actual in returned:
            self.assertEqual(actual.return_reason, RETURN_REASON)
            self.assertEqual(list(actual.revisions.order_by("at", "pk").values_list("action", flat=True)),
                             ["saved", "submitted", "returned"])
            self.assertEqual(actual.revisions.get(action=ActualRevision.Action.RETURNED).user, self.subsection_head)
            told = Notification.objects.filter(kind="returned", url=correct_url(actual), read_at=None)
            receivers = {p.user_id for p in _receivers(actual, timezone.localdate())}
            self.assertTrue(receivers)
            self.assertEqual(set(told.values_list("user_id", flat=True)), receivers)
