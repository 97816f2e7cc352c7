"""kinerja's own report, exported as XLSX and imported back (a user who edits the exported workbook): the year's
table changes nothing (an indicator without a target of the year, printed "Target belum ditetapkan", is no error;
a locked or checked figure given again unchanged is no change, keeps its status and gets no revision), while a
changed locked figure is still refused. A quarterly table (its title "s.d. Triwulan II 2025", its Target and
Realisasi the quarter's) is refused rather than saved as the year's, as is an office's own "TRIWULAN III" table
whose columns name no quarter; naming the quarter in the header imports it."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.utils import translation
from openpyxl import Workbook, load_workbook

from kinerja.performance import demo
from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Actual, ActualRevision, Indicator, Objective, Target
from tests.base import KinerjaTestCase

TODAY = dt.date(2025, 11, 20)  # the demo's figures of 2025 up to TW III, the earlier quarters locked


class RoundTripTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        demo.load(cls.office, today=TODAY)
        # An indicator added later, without a target of 2025: the report lists it, its target empty.
        objective = Objective.objects.filter(office=cls.office).first()
        Indicator.objects.create(office=cls.office, objective=objective, code="IK-99", name="Jumlah koperasi digital",
                                 unit="unit")

    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-round-"))
        self.enterContext(translation.override("en"))

    def export(self, *quarter: str) -> Path:
        path = self.dir / "report.xlsx"
        call_command("data", "report", "--year", "2025", *quarter, "--office", self.office.code, "--format", "xlsx",
                     "-o", str(path), stdout=io.StringIO())
        return path

    def state(self) -> list[tuple[object, ...]]:
        return sorted(((a.indicator.code, a.quarter, a.value_number, a.value_text, a.status, a.version)
                      for a in Actual.objects.filter(indicator__office=self.office, year=2025, is_current=True)
                      .select_related("indicator")), key=str)

    def test_the_years_table_imported_back_changes_nothing(self) -> None:
        before, revisions = self.state(), ActualRevision.objects.count()
        targets = sorted(Target.objects.filter(indicator__office=self.office).values_list(
            "indicator__code", "year", "quarter", "value_number"), key=str)
        summary = import_file(self.export(), self.office, 2025, sheet="Capaian")
        self.assertEqual(summary.warnings, [])
        self.assertEqual(self.state(), before)
        self.assertEqual(ActualRevision.objects.count(), revisions)
        self.assertEqual(sorted(Target.objects.filter(indicator__office=self.office).values_list(
            "indicator__code", "year", "quarter", "value_number"), key=str), targets)
        self.assertFalse(Target.objects.filter(indicator__code="IK-99").exists())

    def test_a_changed_locked_figure_is_still_refused(self) -> None:
        # An indicator measured once a year (its year's figure entered, not added up from quarters), locked.
        indicator = Indicator.objects.get(office=self.office, code="IK-99")
        Target.objects.create(indicator=indicator, year=2025, kind=Target.Kind.AGREEMENT, value_number=12)
        locked = Actual.objects.create(indicator=indicator, year=2025, value_number=10, status=Actual.Status.LOCKED,
                                       entered_by=self.staff)
        path = self.export()
        book = load_workbook(path)
        sheet = book["Capaian"]
        row = next(r for r in range(5, sheet.max_row + 1) if sheet.cell(r, 2).value == locked.indicator.code)
        sheet.cell(row, 8).value = float(locked.value_number) + 1
        book.save(path)
        with self.assertRaises(ImportFailed) as raised:
            import_file(path, self.office, 2025, sheet="Capaian")
        self.assertIn(f"row {row}, column Realisasi (H)", str(raised.exception))

    def test_a_quarterly_table_is_refused(self) -> None:
        before = self.state()
        with self.assertRaises(ImportFailed) as raised:
            import_file(self.export("--quarter", "2"), self.office, 2025, sheet="Capaian")
        self.assertEqual([str(e) for e in raised.exception.errors], [
            'report.xlsx, sheet Capaian, row 2, column A: the title names "s.d. Triwulan II 2025", but the columns '
            "Target (G), Realisasi (H) name no period: kinerja would read them as the figures of the whole year. Name "
            "the quarter in the header of each column that holds the quarter's figures (\"Realisasi TW II\", \"Target "
            "TW II\"; a column of the year's target stays \"Target\"), or import a table of the year"])
        self.assertEqual(self.state(), before)

    def office_table(self, title: str, actual_header: str, actual: str = "5") -> Path:
        book = Workbook()
        sheet = book.active
        sheet.append([title])
        sheet.append([])
        sheet.append(["Indikator", "Target", actual_header])
        sheet.append(["Jumlah koperasi digital", "12 unit", actual])
        path = self.dir / "monev.xlsx"
        book.save(path)
        return path

    def test_an_offices_quarterly_table(self) -> None:
        with self.assertRaises(ImportFailed) as raised:
            import_file(self.office_table("REALISASI KINERJA TRIWULAN III TAHUN 2025", "Realisasi"), self.office, 2025)
        self.assertIn('row 1, column A: the title names "REALISASI KINERJA TRIWULAN III TAHUN 2025"',
                      str(raised.exception))
        import_file(self.office_table("REALISASI KINERJA TRIWULAN III TAHUN 2025", "Realisasi TW III"), self.office,
                    2025)
        figure = Actual.objects.get(indicator__code="IK-99", year=2025, is_current=True)
        self.assertEqual((figure.quarter, figure.value_number), (3, 5))
        # The fourth quarter's table is the year's: its figure as the quarters add up is no new figure; another is.
        import_file(self.office_table("REALISASI KINERJA TRIWULAN IV TAHUN 2025", "Realisasi"), self.office, 2025)
        self.assertFalse(Actual.objects.filter(indicator__code="IK-99", year=2025, quarter=None).exists())
        import_file(self.office_table("REALISASI KINERJA TRIWULAN IV TAHUN 2025", "Realisasi", "6"), self.office, 2025)
        self.assertTrue(Actual.objects.filter(indicator__code="IK-99", year=2025, quarter=None, value_number=6).exists())

    def test_a_returned_figure_given_again_is_submitted_again(self) -> None:
        indicator = Indicator.objects.get(office=self.office, code="IK-99")
        Target.objects.create(indicator=indicator, year=2025, kind=Target.Kind.AGREEMENT, value_number=12)
        returned = Actual.objects.create(indicator=indicator, year=2025, value_number=10,
                                         status=Actual.Status.RETURNED, entered_by=self.staff)
        import_file(self.office_table("REALISASI KINERJA TAHUN 2025", "Realisasi", "10"), self.office, 2025)
        returned.refresh_from_db()
        self.assertEqual((returned.status, returned.value_number), (Actual.Status.SUBMITTED, 10))
