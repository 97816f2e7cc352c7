"""A Renstra's targets of every year it gives ("Target 2025" … "Target 2029", or "Target Kinerja" merged over the
years): saved as the plan's targets of those years, shown in the preview; a year outside the Sasaran's plan is a
warning naming its column. The preview names the Sasaran by the code it is saved under."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from openpyxl import Workbook

from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Indicator, Objective, Target
from tests.base import KinerjaTestCase
from tests.performance.import_page import UploadMixin
from tests.performance.test_import_new_office import renstra

D = Decimal


def flat_renstra(path: Path, years: range = range(2025, 2030)) -> Path:
    """One header row: Sasaran first, the targets of each year side by side, then Satuan at the end."""
    book = Workbook()
    sheet = book.active
    sheet.title = "IKU"
    sheet.append(["Sasaran Strategis", "Kode", "Indikator Kinerja", *[f"Target {y}" for y in years], "Satuan"])
    sheet.append(["Meningkatnya kualitas kelembagaan koperasi", "IK-01", "Persentase koperasi aktif",
                  *[f"{60 + k},5" for k in range(len(years))], "%"])
    sheet.append([None, "IK-02", "Jumlah koperasi baru", *[str(100 + 10 * k) for k in range(len(years))], "unit"])
    book.save(path)
    return path


class RenstraYearsTestCase(UploadMixin, KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-renstra-years-"))
        self.enterContext(translation.override("en"))

    def renstra_targets(self, code: str) -> dict[int, Decimal]:
        return dict(Target.objects.filter(indicator__office=self.office, indicator__code=code, kind="renstra")
                    .values_list("year", "value_number"))

    def test_every_year_of_a_renstra_merged_over_its_years_is_imported(self) -> None:
        summary = import_file(renstra(self.dir / "renstra.xlsx"), self.office, 2025, user=self.staff)
        self.assertEqual(self.renstra_targets("IKS.1.1"), {2025: D("62.5"), 2026: D("65"), 2027: D("67.5"),
                                                           2028: D("70"), 2029: D("72.5")})
        self.assertEqual(self.renstra_targets("IKS.1.2")[2029], D("1850"))
        # The year imported keeps its performance agreement target, as before.
        self.assertEqual(Target.objects.get(indicator__code="IKS.2.1", kind="agreement", year=2025).value_number, D(5))
        self.assertNotIn("Target Kinerja 2026 (G)", summary.unread_columns)
        self.assertIn(("Renstra target 2026", "Target Kinerja 2026 (G)"), summary.columns)
        self.assertEqual(summary.warnings, [])

    def test_a_renstra_imported_as_a_later_year_gives_its_new_sasaran_the_files_plan(self) -> None:
        import_file(flat_renstra(self.dir / "iku.xlsx"), self.office, 2027, user=self.staff)
        objective = Objective.objects.get(office=self.office)
        self.assertEqual((objective.plan_start_year, objective.plan_end_year), (2025, 2029))
        self.assertEqual(self.renstra_targets("IK-02"), {2025: 100, 2026: 110, 2027: 120, 2028: 130, 2029: 140})
        self.assertEqual(Target.objects.get(indicator__code="IK-02", kind="agreement").year, 2027)

    def test_a_year_outside_the_sasarans_plan_is_a_warning_naming_its_column(self) -> None:
        Objective.objects.create(office=self.office, code="S1", name="Meningkatnya kualitas kelembagaan koperasi",
                                 plan_start_year=2025, plan_end_year=2029)
        summary = import_file(flat_renstra(self.dir / "iku.xlsx", range(2026, 2031)), self.office, 2026,
                              user=self.staff)
        self.assertEqual(sorted(self.renstra_targets("IK-01")), [2026, 2027, 2028, 2029])
        self.assertEqual([str(w) for w in summary.warnings], [
            "iku.xlsx, sheet IKU, row 2, column Target 2030 (H): 2030 is not a year of the strategic plan of S1 "
            "Meningkatnya kualitas kelembagaan koperasi (2025–2029): the targets of this column were not imported "
            "for its indicators"])

    def test_each_years_target_gets_the_years_plausibility_warnings_naming_its_column(self) -> None:
        book = Workbook()
        sheet = book.active
        sheet.title = "IKU"
        sheet.append(["Sasaran Strategis", "Kode", "Indikator Kinerja", "Target 2025", "Target Tahun 2026",
                      "Target 2027", "Satuan"])
        sheet.append(["Meningkatnya kualitas kelembagaan koperasi", "IK-01", "Persentase koperasi aktif", "60,5",
                      "650", "-3", "%"])
        sheet.append([None, "IK-02", "Jumlah koperasi baru", "100", "110", "120,5", "unit"])
        book.save(self.dir / "iku.xlsx")
        summary = import_file(self.dir / "iku.xlsx", self.office, 2025, user=self.staff)
        self.assertEqual(self.renstra_targets("IK-01"), {2025: D("60.5"), 2026: D("650"), 2027: D("-3")})  # as written
        self.assertEqual([str(w) for w in summary.warnings], [
            "iku.xlsx, sheet IKU, row 2, column Target Tahun 2026 (E): 650 is above 100 for a unit of %: right for a "
            "growth or a ratio, otherwise check that it is not a typo (850 for 85,0); it is imported as written",
            "iku.xlsx, sheet IKU, row 2, column Target 2027 (F): -3 is below 0 for a unit of %; it is imported as "
            "written",
            "iku.xlsx, sheet IKU, row 3, column Target 2027 (F): 120,5 unit is not a whole number, though unit are "
            "counted; it is imported as written"])

    def test_last_years_figures_beside_this_years_are_no_plan(self) -> None:
        book = Workbook()
        sheet = book.active
        sheet.append(["Sasaran", "Indikator", "Satuan", "Target 2024", "Realisasi 2024", "Target 2025", "Target 2026",
                      "Realisasi 2025"])
        sheet.append(["Meningkatnya kualitas kelembagaan koperasi", "Persentase koperasi aktif", "%", 60, 61, 62, 64,
                      63])
        book.save(self.dir / "lkjip.xlsx")
        summary = import_file(self.dir / "lkjip.xlsx", self.office, 2025, user=self.staff)
        self.assertFalse(Target.objects.filter(kind="renstra").exists())
        self.assertIn("Target 2026 (G)", summary.unread_columns)

    def test_the_preview_shows_each_years_target_and_the_sasarans_code_before_saving(self) -> None:
        Objective.objects.create(office=self.office, code="SS-3", name="Meningkatnya kualitas kelembagaan koperasi",
                                 plan_start_year=2025, plan_end_year=2029)
        self.client.force_login(self.subsection_head)
        page = self.upload(flat_renstra(self.dir / "iku.xlsx"), dry_run="on").content.decode()
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())
        self.assertIn("Renstra 2029: 64,5", page)
        self.assertIn("Renstra 2026: 110", page)
        self.assertIn('<span class="perf-code">SS-3</span> Meningkatnya kualitas kelembagaan koperasi', page)
        self.assertNotIn("perf-preview-new", page)

    def test_the_preview_marks_a_sasaran_the_import_creates_with_its_new_code(self) -> None:
        self.client.force_login(self.subsection_head)
        page = self.upload(renstra(self.dir / "renstra.xlsx"), dry_run="on").content.decode()
        self.assertIn('<span class="perf-code">SS.2</span> Meningkatnya daya saing UMKM <small class="muted '
                      'perf-preview-new">(baru)</small>', page)
        self.assertFalse(Objective.objects.filter(office=self.office).exists())


class NoSasaranTestCase(KinerjaTestCase):
    def test_a_new_indicator_under_no_sasaran_is_told_it_needs_one(self) -> None:
        book = Workbook()
        sheet = book.active
        sheet.title = "PK"
        sheet.append(["No", "Sasaran", "Kode", "Indikator", "Satuan", "Target"])
        sheet.append([1, None, "IK-01", "Persentase koperasi aktif", "%", "62,5"])
        sheet.append([2, "Meningkatnya daya saing UMKM", "IK-02", "Jumlah UMKM naik kelas", "unit", 40])
        path = Path(tempfile.mkdtemp(prefix="perf-no-sasaran-")) / "pk.xlsx"
        book.save(path)
        with translation.override("en"), self.assertRaises(ImportFailed) as refused:
            import_file(path, self.office, 2025)
        self.assertEqual([str(e) for e in refused.exception.errors], [
            'pk.xlsx, sheet PK, row 2, column Sasaran (B): the indicator IK-01 "Persentase koperasi aktif" is under '
            "no Sasaran: kinerja does not have it, and a new indicator needs a Sasaran; write a Sasaran heading row "
            "above it, or the Sasaran in this column"])
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())
