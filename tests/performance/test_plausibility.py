"""Implausible figures (plausibility.py): the rules, the input form and the answer to a request that
warn and ask to confirm before saving (keeping what was typed), and the import that warns and saves."""

from __future__ import annotations

from decimal import Decimal

from django.test import SimpleTestCase

from kinerja.performance.models import Actual
from kinerja.performance.plausibility import implausible, is_count, is_percent
from kinerja.performance.requests import ActualEntry, AnswerErrors, save_actuals
from tests.workflow.answering import AnsweringTestCase

from .test_views import ViewsTestCase


class RulesTestCase(SimpleTestCase):
    def test_units(self) -> None:
        for unit in ("%", "persen", "Persen (%)", "PERSEN"):
            self.assertTrue(is_percent(unit), unit)
        for unit in ("unit", "Orang", "dokumen", "koperasi", "kali", "unit usaha", "Pelaku Usaha"):
            self.assertTrue(is_count(unit), unit)
        for unit in ("hari", "Rp", "indeks", "poin", "ton", ""):
            self.assertFalse(is_count(unit) or is_percent(unit), unit)

    def test_a_percentage_above_100_or_below_0(self) -> None:
        self.assertEqual(len(implausible(Decimal(1234), unit="%")), 1)
        self.assertIn("1.234", implausible(Decimal(1234), unit="%")[0])
        self.assertEqual(len(implausible(Decimal(-1), unit="persen")), 1)
        self.assertEqual(implausible(Decimal(100), unit="%"), [])
        self.assertEqual(implausible(Decimal(0), unit="%"), [])
        self.assertEqual(implausible(Decimal("99.99"), unit="%", target=Decimal(90)), [])

    def test_a_count_is_whole(self) -> None:
        self.assertEqual(len(implausible(Decimal("80.5"), unit="unit")), 1)
        self.assertIn("80,5", implausible(Decimal("80.5"), unit="orang")[0])
        self.assertEqual(implausible(Decimal(80), unit="dokumen"), [])
        self.assertEqual(implausible(Decimal("2.5"), unit="hari"), [])  # days are measured, not counted
        self.assertEqual(len(implausible(Decimal(-3), unit="kali")), 1)

    def test_far_from_the_target(self) -> None:
        self.assertEqual(len(implausible(Decimal(1001), unit="Rp", target=Decimal(100))), 1)
        self.assertEqual(implausible(Decimal(1000), unit="Rp", target=Decimal(100)), [])
        self.assertEqual(len(implausible(Decimal("9.99"), unit="Rp", target=Decimal(100))), 1)
        self.assertEqual(implausible(Decimal(10), unit="Rp", target=Decimal(100)), [])
        self.assertEqual(implausible(Decimal(0), unit="kasus", target=Decimal(5)), [])  # zero is a real figure
        self.assertEqual(implausible(Decimal(3), unit="kasus", target=Decimal(0)), [])
        self.assertEqual(implausible(Decimal(3), unit="kasus", target="WTP"), [])
        self.assertEqual(implausible(None, unit="%"), [])

    def test_every_broken_rule_is_told(self) -> None:
        self.assertEqual(len(implausible(Decimal("9000.5"), unit="unit", target=Decimal(40))), 2)


class InputFormTestCase(ViewsTestCase):
    """The indicator counts "unit" against a target of 1.725."""

    def url(self, indicator: object = None) -> str:
        return f"/data/input/{self.indicator.pk}/"

    def post(self, value: str, **extra: object) -> object:
        data = {"year": 2025, "quarter": 1, f"i{self.indicator.pk}-value": value,
                f"i{self.indicator.pk}-obstacles": "RAT beberapa koperasi terlambat", **extra}
        return self.client.post(self.url(), data)

    def test_an_implausible_figure_is_not_saved_until_confirmed_and_nothing_typed_is_lost(self) -> None:
        self.client.force_login(self.contact)
        response = self.post("80,5")
        self.assertContains(response, "Periksa angka ini sebelum menyimpan", status_code=400)
        self.assertContains(response, "80,5 unit bukan bilangan bulat", status_code=400)
        self.assertContains(response, "jauh dari target 1.725 unit", status_code=400)
        self.assertContains(response, 'value="80,5"', status_code=400)
        self.assertContains(response, "RAT beberapa koperasi terlambat", status_code=400)
        self.assertContains(response, f'name="i{self.indicator.pk}-confirm"', status_code=400)
        self.assertFalse(Actual.objects.exists())
        # Confirming another figure than the one warned about checks that one again.
        response = self.post("90,5", **{f"i{self.indicator.pk}-confirm": "80,5"})
        self.assertContains(response, "90,5 unit bukan bilangan bulat", status_code=400)
        self.assertFalse(Actual.objects.exists())
        response = self.post("80,5", **{f"i{self.indicator.pk}-confirm": "80,5"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Actual.objects.get().value_number, Decimal("80.5"))

    def test_a_plausible_figure_is_saved_at_once(self) -> None:
        self.client.force_login(self.contact)
        self.assertEqual(self.post("1.650").status_code, 302)
        self.assertEqual(Actual.objects.get().value_number, Decimal(1650))

    def test_htmx_gets_the_card_with_the_warning(self) -> None:
        self.client.force_login(self.contact)
        data = {"year": 2025, "quarter": 1, f"i{self.indicator.pk}-value": "17.250.000"}
        response = self.client.post(self.url(self.indicator), data, headers={"HX-Request": "true"})
        self.assertContains(response, "jauh dari target")
        self.assertContains(response, 'value="17.250.000"')
        self.assertFalse(Actual.objects.exists())


class AnswerTestCase(AnsweringTestCase):
    """IK-01 counts "unit" (target 1.700), IK-02 is a percentage (target 60)."""

    def test_the_answer_is_refused_until_each_implausible_figure_is_confirmed(self) -> None:
        with self.assertRaises(AnswerErrors) as caught:
            save_actuals(self.request, user=self.contacts[0], entries=[
                ActualEntry(self.active.pk, "1.725"), ActualEntry(self.healthy.pk, "1.234")])
        self.assertEqual([(e.indicator_id, e.field) for e in caught.exception.errors],
                         [(self.healthy.pk, "confirm"), (self.healthy.pk, "confirm")])  # above 100, far from 60
        self.assertIn("IK-02", str(caught.exception.errors[0]))
        self.assertFalse(Actual.objects.exists())
        save_actuals(self.request, user=self.contacts[0], entries=[
            ActualEntry(self.active.pk, "1.725"), ActualEntry(self.healthy.pk, "1.234", confirmed="1.234")])
        self.assertEqual(Actual.objects.get(indicator=self.healthy).value_number, Decimal(1234))

    def test_the_answer_page_warns_keeps_the_figures_and_saves_once_confirmed(self) -> None:
        url = f"/requests/{self.request.pk}/answer/"
        self.client.force_login(self.contacts[0])
        values = {"answer-note": "Data TW I", f"i{self.active.pk}-value": "80,5",
                  f"i{self.active.pk}-obstacles": "RAT terlambat"}
        response = self.client.post(url, values)
        self.assertContains(response, "80,5 unit bukan bilangan bulat", status_code=400)
        self.assertContains(response, 'value="80,5"', status_code=400)
        self.assertContains(response, "RAT terlambat", status_code=400)
        self.assertContains(response, "Data TW I", status_code=400)
        self.assertFalse(Actual.objects.exists())
        response = self.client.post(url, {**values, f"i{self.active.pk}-confirm": "80,5"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Actual.objects.get().value_number, Decimal("80.5"))
