"""A file that changes the Satuan of an indicator kinerja has (found by its name, here "IK-12"): shown in the
check's preview as a change, old → new, and in the values to check, imported only when the user presses
"Import this file now" as for every other change; refused, naming the row, the indicator and both units,
where the indicator already has realisasi in its unit."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django.utils import translation

from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Actual, Indicator, Objective, Target
from tests.base import KinerjaTestCase
from tests.performance.import_page import UploadMixin
from tests.performance.test_import import write_xlsx

HEAD = ["Sasaran", "Indikator", "Satuan", "Target"]
SASARAN = "Meningkatnya pendapatan UMKM"
NAME = "Omzet UMKM binaan"


class ImportUnitChangeTestCase(UploadMixin, KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        objective = Objective.objects.create(office=cls.office, code="S4", name=SASARAN, plan_start_year=2021,
                                             plan_end_year=2026)
        cls.indicator = Indicator.objects.create(office=cls.office, objective=objective, code="IK-12", name=NAME,
                                                 unit="juta rupiah", division=cls.built.divisions[0])
        Target.objects.create(indicator=cls.indicator, year=2025, kind="agreement", value_number=Decimal(48000))

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("id"))
        self.path = write_xlsx(Path(tempfile.mkdtemp(prefix="perf-unit-")) / "omzet.xlsx",
                               [[SASARAN, NAME, "Rp", "48.000.000.000"]], HEAD)

    def test_the_check_shows_the_change_and_saves_nothing(self) -> None:
        self.client.force_login(self.subsection_head)
        response = self.upload(self.path, dry_run="on")
        self.assertContains(response, '<del>juta rupiah</del> → <ins>Rp</ins>')
        self.assertContains(response, "satuan indikator IK-12 Omzet UMKM binaan berubah dari &quot;juta rupiah&quot; "
                                      "menjadi &quot;Rp&quot;")
        self.assertContains(response, "Impor berkas ini sekarang")  # the confirmation every change asks for
        self.indicator.refresh_from_db()
        self.assertEqual(self.indicator.unit, "juta rupiah")

    def test_the_confirmed_import_changes_the_unit(self) -> None:
        summary = import_file(self.path, self.office, 2025)
        self.assertTrue(any("juta rupiah" in str(w) and "Rp" in str(w) for w in summary.warnings))
        self.indicator.refresh_from_db()
        self.assertEqual(self.indicator.unit, "Rp")

    def test_a_spelling_of_the_same_unit_is_no_change(self) -> None:
        self.indicator.unit = "%"
        self.indicator.save()
        path = write_xlsx(self.path, [[SASARAN, NAME, "persen", "80"]], HEAD)
        summary = import_file(path, self.office, 2025, dry_run=True)
        self.assertEqual(summary.preview[0].unit_before, "")
        self.assertFalse(any("satuan" in str(w) for w in summary.warnings))

    def test_it_refuses_the_change_of_an_indicator_with_realisasi(self) -> None:
        Actual.objects.create(indicator=self.indicator, year=2025, quarter=1, value_number=Decimal(7481),
                              status="submitted")
        with self.assertRaises(ImportFailed) as caught:
            import_file(self.path, self.office, 2025)
        message = str(caught.exception)
        for part in ("omzet.xlsx", "baris 2", "IK-12 Omzet UMKM binaan", '"juta rupiah"', '"Rp"'):
            self.assertIn(part, message)
        self.indicator.refresh_from_db()
        self.assertEqual(self.indicator.unit, "juta rupiah")
        self.assertEqual(self.indicator.targets.get(kind="agreement").value_number, Decimal(48000))
