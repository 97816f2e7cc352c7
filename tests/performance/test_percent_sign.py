"""A value written as a percentage ("12,5%") for an indicator not measured in percent (kali, indeks, per 1.000
KH) is refused, on the input page, on the Target page and in an imported file, with the indicator, the value and
the unit; for a Satuan that is a percentage (%, persen, Persentase (%), % per tahun) it is read as before."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django.test import SimpleTestCase
from django.utils import translation
from openpyxl import Workbook

from kinerja.performance import actions
from kinerja.performance.actions import FieldError
from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Actual, Indicator, Objective, Target
from kinerja.performance.plausibility import allows_percent_sign, is_percent
from tests.base import KinerjaTestCase

D = Decimal
HEAD = ["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi"]
SASARAN = "Meningkatnya mutu pelayanan kesehatan"


class UnitTestCase(SimpleTestCase):
    def test_the_units_that_are_percentages(self) -> None:
        for unit in ("%", "persen", "Persen (%)", "Persentase", "persentase (%)", "prosentase", "% per tahun",
                     "%/tahun", "persen poin"):
            self.assertTrue(allows_percent_sign(unit), unit)
        for unit in ("kali", "indeks", "nilai", "per 1.000 KH", "orang", "hari", "rasio"):
            self.assertFalse(allows_percent_sign(unit), unit)

    def test_persentase_is_a_percentage_for_the_plausibility_rules(self) -> None:
        self.assertTrue(is_percent("Persentase"))
        self.assertTrue(is_percent("persentase (%)"))


class PercentSignTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))
        self.objective = Objective.objects.create(office=self.office, code="S1", name=SASARAN,
                                                  plan_start_year=2021, plan_end_year=2026)
        self.division = self.built.divisions[0]
        self.visits = self.indicator("IK-05", "Frekuensi kunjungan posyandu", "kali", D("12"))
        self.coverage = self.indicator("IK-06", "Cakupan imunisasi dasar lengkap", "Persentase (%)", D("95"))

    def indicator(self, code: str, name: str, unit: str, value: Decimal) -> Indicator:
        indicator = Indicator.objects.create(office=self.office, objective=self.objective, code=code, name=name,
                                             unit=unit, division=self.division)
        Target.objects.create(indicator=indicator, year=2025, kind="agreement", value_number=value)
        return indicator

    def test_the_input_refuses_a_percentage_for_an_indicator_in_kali(self) -> None:
        with self.assertRaises(FieldError) as caught:
            actions.save_actual(self.visits.pk, 2025, 1, user=self.contacts[0], value="12,5%")
        self.assertEqual(str(caught.exception), '"12,5%" is a percentage, but IK-05 Frekuensi kunjungan posyandu is '
                                                'measured in kali: type the value in kali, without the % sign.')
        self.assertFalse(Actual.objects.exists())

    def test_the_input_reads_a_percentage_for_an_indicator_in_percent(self) -> None:
        actual = actions.save_actual(self.coverage.pk, 2025, 1, user=self.contacts[0], value="92,5%")
        self.assertEqual(actual.value_number, D("92.5"))

    def test_the_input_page_shows_the_refusal_at_the_field(self) -> None:
        self.client.force_login(self.contacts[0])
        with translation.override("id"):
            response = self.client.post(f"/data/input/{self.visits.pk}/", {
                "year": 2025, "quarter": 1, f"i{self.visits.pk}-value": "12,5 %"})
        self.assertContains(response, '<span class="perf-code">IK-05</span> Frekuensi kunjungan posyandu', status_code=400)
        self.assertContains(response, "12,5 %", status_code=400)
        self.assertContains(response, "kali", status_code=400)
        self.assertContains(response, 'aria-invalid="true"', status_code=400)
        self.assertNotContains(response, "Angka ini benar", status_code=400)  # refused, not a figure to confirm
        self.assertFalse(Actual.objects.exists())

    def test_the_input_page_shows_12_5_percent_as_an_example_only_where_it_is_taken(self) -> None:
        self.client.force_login(self.contacts[0])
        page = self.client.get("/data/input/?year=2025&quarter=1").content.decode()
        visits = page.split(f'id="i{self.visits.pk}"')[1]
        coverage = page.split(f'id="i{self.coverage.pk}"')[1]
        self.assertIn("Ditulis cara Indonesia: 1.725 atau 65,5<", visits[:3000])
        self.assertIn("Ditulis cara Indonesia: 1.725 atau 65,5 atau 12,5%", coverage[:3000])

    def test_the_target_page_refuses_a_percentage_for_an_indicator_in_kali(self) -> None:
        with self.assertRaises(actions.TargetErrors) as caught:
            actions.set_targets(self.visits.pk, 2025, user=self.subsection_head, values={"agreement": "12%"})
        self.assertIn("IK-05 Frekuensi kunjungan posyandu is measured in kali", str(caught.exception.errors[0]))
        self.assertEqual(self.visits.targets.get(kind="agreement").value_number, D("12"))


class ImportPercentSignTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))
        self.dir = Path(tempfile.mkdtemp(prefix="perf-pct-"))

    def book(self, rows: list[list[object]], percent_cells: tuple[str, ...] = ()) -> Path:
        book = Workbook()
        sheet = book.active
        sheet.title = "Capaian"
        sheet.append(HEAD)
        for row in rows:
            sheet.append(row)
        for ref in percent_cells:
            sheet[ref].number_format = "0.0%"
        path = self.dir / "rsud.xlsx"
        book.save(path)
        return path

    def refused(self, path: Path) -> list[str]:
        with self.assertRaises(ImportFailed) as caught:
            import_file(path, self.office, 2025)
        self.assertFalse(Indicator.objects.exists())
        return [str(e) for e in caught.exception.errors]

    def test_a_typed_percentage_for_a_unit_in_kali_is_refused(self) -> None:
        path = self.book([["IK-05", SASARAN, "Frekuensi kunjungan posyandu", "kali", "Positif", 12, "12,5%"]])
        self.assertEqual(self.refused(path), [
            'rsud.xlsx, sheet Capaian, row 2, column Realisasi (G): a percentage, but IK-05 Frekuensi kunjungan posyandu '
            'is measured in kali: write the value in kali, without the % sign ("12,5%")'])

    def test_a_cell_shown_as_a_percentage_for_a_unit_in_indeks_is_refused(self) -> None:
        path = self.book([["IK-07", SASARAN, "Indeks kepuasan masyarakat", "indeks", "Positif", 0.825, 83.1]],
                         percent_cells=("F2",))
        self.assertEqual(self.refused(path), [
            'rsud.xlsx, sheet Capaian, row 2, column Target (F): a percentage, but IK-07 Indeks kepuasan masyarakat is '
            'measured in indeks: write the value in indeks, without the % sign ("82,5%")'])

    def test_percentages_of_a_percentage_unit_are_read(self) -> None:
        path = self.book([["IK-06", SASARAN, "Cakupan imunisasi dasar lengkap", "Persentase (%)", "Positif", "95%",
                           0.925]], percent_cells=("G2",))
        import_file(path, self.office, 2025)
        indicator = Indicator.objects.get(code="IK-06")
        self.assertEqual(indicator.targets.get(kind="agreement").value_number, D("95"))
        self.assertEqual(indicator.actuals.get().value_number, D("92.5"))
