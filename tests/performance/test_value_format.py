"""One spelling of a target and a realisasi: the dashboard and the input page print them with
numbers.format_value / format_row_values, as the PDF and DOCX do ("1.250", "41,50" beside a whole target,
a whole number whole), the Indonesian way in both languages (the dashboard's floatformat printed "1,250"
and "41.50" in English beside an Indonesian capaian)."""

from __future__ import annotations

from decimal import Decimal
from unittest import mock

from django.test import SimpleTestCase
from django.utils import translation

from kinerja.performance.models import Actual, Indicator, Objective, Target
from kinerja.performance.numbers import format_row_values, format_value
from kinerja.performance.renderers import pdf
from kinerja.performance.report import build_report
from kinerja.performance.templatetags import perfdata
from kinerja.performance.templatetags.perfdata import idnum
from tests.base import TODAY, KinerjaTestCase


class FormatValueTestCase(SimpleTestCase):
    def test_a_whole_number_is_whole_and_a_fraction_has_two_places_or_as_entered(self) -> None:
        cases = [(Decimal("1250.0000"), "1.250"), (Decimal("87.5"), "87,50"), (Decimal("0.0125"), "0,0125"),
                 (Decimal("1250000000"), "1.250.000.000"), ("WTP", "WTP"), (None, "–"), ("", "–")]
        for value, expected in cases:
            with self.subTest(value), translation.override("en"):
                self.assertEqual(format_value(value), expected)
                self.assertEqual(idnum(value), expected)

    def test_a_row_shares_its_decimals_but_a_whole_target_stays_whole(self) -> None:
        self.assertEqual(format_row_values(Decimal(40), Decimal("41.5")), ("40", "41,50"))
        self.assertEqual(format_row_values(Decimal("7.5"), Decimal(9)), ("7,50", "9,00"))
        self.assertEqual(format_row_values("BB", "B"), ("BB", "B"))
        self.assertEqual(format_row_values(Decimal(5), None), ("5", "–"))


class PagesTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        objective = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya daya saing IKM",
                                             plan_start_year=2021, plan_end_year=2026)
        cls.indicator = Indicator.objects.create(office=cls.office, objective=objective, code="IK-01",
                                                 name="Jumlah IKM yang terdaftar", unit="unit",
                                                 division=cls.built.divisions[0])
        Target.objects.create(indicator=cls.indicator, year=2025, kind="agreement", value_number=Decimal("1250.5"))
        Target.objects.create(indicator=cls.indicator, year=2025, kind="quarter", quarter=1, value_number=Decimal(40))
        Actual.objects.create(indicator=cls.indicator, year=2025, quarter=1, value_number=Decimal("41.5"),
                              status="submitted")

    def english(self, user: object) -> None:
        person = user.person  # type: ignore[attr-defined]
        person.language = "en"
        person.save(update_fields=["language"])
        self.client.force_login(user)  # type: ignore[arg-type]

    def test_the_dashboard_in_english_prints_target_and_actual_as_the_pdf(self) -> None:
        report = build_report(self.office, 2025, quarter=1, made_on=TODAY)
        row = pdf.context(report, main_only=True)["objectives"][0]["rows"][0]
        self.assertEqual((row["target"], row["actual"]), ("40", "41,50"))
        self.english(self.subsection_head)
        page = self.client.get("/data/dashboard/", {"year": 2025, "quarter": 1}).content.decode()
        self.assertIn('<html lang="en"', page)
        self.assertInHTML('<td class="num" data-label="Target">40</td>', page)
        self.assertInHTML('<td class="num" data-label="Actual">41,50</td>', page)
        self.assertNotIn("41.50", page)

    def test_the_dashboard_formats_each_row_s_pair_once(self) -> None:
        # row_target and row_actual each formatted the whole pair: two calls a row, one wasted.
        self.client.force_login(self.subsection_head)
        with mock.patch.object(perfdata, "format_row_values", wraps=format_row_values) as formatted:
            page = self.client.get("/data/dashboard/", {"year": 2025, "quarter": 1}).content.decode()
        self.assertInHTML('<td class="num" data-label="Realisasi">41,50</td>', page)
        formatted.assert_called_once_with(Decimal(40), Decimal("41.5"))

    def test_the_input_page_in_english_prints_the_year_s_target_as_the_pdf(self) -> None:
        self.english(self.contacts[0])
        page = self.client.get("/data/input/", {"year": 2025, "quarter": 0}).content.decode()
        # As the PDF prints a year's target of 1.250,5 (two places), not "1.250,5" nor "1,250.50".
        self.assertIn("Target: <strong>1.250,50</strong>", page)
        self.assertNotIn("1,250", page)
