"""A division's copy that names an indicator kinerja has by a short form ("Jumlah penumpang BRT" for "Jumlah
penumpang angkutan umum massal (BRT)") in a file without Sasaran: the refusal names the indicator it probably
means; a name that shares words with several is not guessed at; and a name like none says that kinerja has no
such indicator, not only that the Sasaran is missing."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.utils import translation
from openpyxl import Workbook

from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Indicator, Objective
from tests.base import KinerjaTestCase

LONG = "Jumlah penumpang angkutan umum massal (BRT)"


class ShortNameTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-short-"))
        self.enterContext(translation.override("en"))
        objective = Objective.objects.create(office=self.office, code="S9", name="Meningkatnya pelayanan angkutan umum",
                                             plan_start_year=2025, plan_end_year=2029)
        Indicator.objects.create(office=self.office, objective=objective, code="IK-91", name=LONG, unit="orang")

    def refused(self, *names: str) -> str:
        book = Workbook()
        book.active.append(["Indikator", "Satuan", "Target", "Realisasi TW II"])
        for name in names:
            book.active.append([name, "orang", "1.250.000", "612.300"])
        path = self.dir / "bidang.xlsx"
        book.save(path)
        with self.assertRaises(ImportFailed) as raised:
            import_file(path, self.office, 2025)
        return str(raised.exception)

    def test_a_short_form_is_named_with_the_indicator_it_means(self) -> None:
        message = self.refused("Jumlah penumpang BRT")
        self.assertIn("row 2, column Indikator (A): kinerja has no indicator named so", message)
        self.assertIn(f'is it IK-91 "{LONG}"?', message)

    def test_words_shared_with_two_indicators_are_not_guessed_at(self) -> None:
        Indicator.objects.create(office=self.office, objective=Objective.objects.get(name__startswith="Meningkatnya p"),
                                 code="IK-92", name="Jumlah penumpang angkutan sungai (BRT air)", unit="orang")
        message = self.refused(LONG, "Jumlah penumpang BRT")
        self.assertNotIn("is it", message)
        self.assertIn("kinerja has no indicator with this name", message)

    def test_one_shared_word_is_no_likeness(self) -> None:
        message = self.refused(LONG, "Jumlah halte")
        self.assertNotIn("IK-91", message)
        self.assertIn("row 3, column Sasaran: no Sasaran column and no Sasaran heading row above this row, and kinerja "
                      "has no indicator with this name", message)
