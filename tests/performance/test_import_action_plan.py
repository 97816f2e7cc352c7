"""A Rencana Aksi with several activities per indicator: the indicator on its first row (merged down over
its activities, or left blank under it), each activity with its own quarter targets and budget; a plan
naming only indicators kinerja already has; and the bad rows, each named, with nothing saved."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from openpyxl import Workbook, load_workbook

from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import ActionPlanItem, Indicator, Objective, Target
from tests.base import KinerjaTestCase
from tests.performance import office_books as books
from tests.performance.office_books import DINAS, SASARAN_1, SASARAN_2

D = Decimal
HEALTHY, ACTIVE, UMKM = "Persentase koperasi sehat", "Jumlah koperasi aktif", "Jumlah UMKM naik kelas"


def action_plan(path: Path) -> Path:
    """Rows 3-4 the header ("Target Triwulan" merged over I-IV); rows 5-7 an indicator merged down over
    its three activities, its first one on the indicator's row; row 8 an indicator with its own quarter
    targets and no activity, its two activities on rows 9-10 with the indicator's cells left blank;
    row 11 an indicator with one activity."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Renaksi 2025"
    sheet.append(["RENCANA AKSI TAHUN 2025"])
    sheet.append([DINAS])
    sheet.merge_cells("A1:L1")
    sheet.merge_cells("A2:L2")
    sheet.append(["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target 2025", "Rencana Aksi / Kegiatan",
                  "Target Triwulan", None, None, None, "Anggaran (Rp)", "Penanggung Jawab"])  # row 3
    sheet.append([None, None, None, None, None, None, "I", "II", "III", "IV"])
    for column in "ABCDEFKL":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("G3:J3")
    sheet.append([1, SASARAN_1, HEALTHY, "%", "64", "Pendataan koperasi", 25, 50, 75, 100, "Rp 15.000.000",
                  "Bidang Kelembagaan"])  # row 5
    sheet.append([None, None, None, None, None, "Penilaian kesehatan koperasi", 0, "30", "60", "100", 25000000])
    sheet.append([None, None, None, None, None, "Pembinaan koperasi tidak sehat", "-", None, 10, 20])  # row 7
    for column in "ABCDEL":
        sheet.merge_cells(f"{column}5:{column}7")
    sheet.append([2, SASARAN_1, ACTIVE, "unit", 420, None, 400, 405, 410, 420, None, "Bidang Kelembagaan"])  # row 8
    sheet.append([None, None, None, None, None, "Pendampingan RAT", 10, 20, 30, 40, "5.000.000"])
    sheet.append([None, None, None, None, None, "Pembubaran koperasi tidak aktif", None, 5, None, 10])  # row 10
    sheet.append([3, SASARAN_2, UMKM, "unit", 120, "Pelatihan UMKM", 20, 50, 90, 120, 40000000, "Bidang UMKM"])
    sheet.append([])
    sheet.append([None, None, None, None, None, None, None, None, "Kepala Dinas"])  # row 13: the signature
    book.save(path)
    return path


class ActionPlanImportTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-renaksi-"))
        self.enterContext(translation.override("en"))

    def plan(self, name: str) -> list[tuple[str, list[Decimal | None], Decimal | None]]:
        items = ActionPlanItem.objects.filter(indicator__office=self.office, indicator__name=name, year=2025)
        return [(i.name, i.quarter_targets, i.budget) for i in items.order_by("order")]

    def quarter_targets(self, name: str) -> dict[int, Decimal | str | None]:
        targets = Target.objects.filter(indicator__office=self.office, indicator__name=name, year=2025, kind="quarter")
        return {t.quarter: t.value for t in targets}

    def errors(self, path: Path) -> list[str]:
        with self.assertRaises(ImportFailed) as caught:
            import_file(path, self.office, 2025)
        return [str(e) for e in caught.exception.errors]

    def edit(self, path: Path, cells: dict[str, object]) -> Path:
        book = load_workbook(path)
        for ref, value in cells.items():
            book.active[ref] = value
        book.save(path)
        return path

    def test_it_keeps_every_activity_with_its_quarter_targets_and_budget(self) -> None:
        summary = import_file(action_plan(self.dir / "renaksi.xlsx"), self.office, 2025)
        self.assertEqual((summary.rows, summary.activities, summary.warnings), (3, 6, []))
        self.assertEqual(self.plan(HEALTHY), [
            ("Pendataan koperasi", [25, 50, 75, 100], D(15000000)),
            ("Penilaian kesehatan koperasi", [0, 30, 60, 100], D(25000000)),
            ("Pembinaan koperasi tidak sehat", [None, None, 10, 20], None)])
        self.assertEqual(self.plan(ACTIVE), [("Pendampingan RAT", [10, 20, 30, 40], D(5000000)),
                                             ("Pembubaran koperasi tidak aktif", [None, 5, None, 10], None)])
        self.assertEqual(self.plan(UMKM), [("Pelatihan UMKM", [20, 50, 90, 120], D(40000000))])
        indicators = {i.name: i for i in Indicator.objects.filter(office=self.office).select_related("division")}
        self.assertEqual(indicators[HEALTHY].division.short_name, "Bidang Kelembagaan")  # merged down over row 7
        self.assertEqual({n: i.targets.get(kind="agreement").value for n, i in indicators.items()},
                         {HEALTHY: 64, ACTIVE: 420, UMKM: 120})

    def test_the_indicator_quarter_targets_are_its_own_row_s_never_the_sum_of_its_activities(self) -> None:
        import_file(action_plan(self.dir / "renaksi.xlsx"), self.office, 2025)
        # Its row has no activity: its quarter figures are its own.
        self.assertEqual(self.quarter_targets(ACTIVE), {1: 400, 2: 405, 3: 410, 4: 420})
        # Its only activity is on its row: the figures are both the activity's and the indicator's.
        self.assertEqual(self.quarter_targets(UMKM), {1: 20, 2: 50, 3: 90, 4: 120})
        # Its row names the first of three activities: the figures are that activity's, not the indicator's.
        self.assertEqual(self.quarter_targets(HEALTHY), {})

    def test_an_indicator_written_again_on_each_activity_row_is_one_indicator(self) -> None:
        path = action_plan(self.dir / "renaksi.xlsx")
        book = load_workbook(path)
        sheet = book.active
        for merged in [m for m in sheet.merged_cells.ranges if m.min_row == 5]:
            sheet.unmerge_cells(str(merged))
        for row in (6, 7):
            for column, value in zip("BCDEL", [SASARAN_1, HEALTHY, "%", "64", "Bidang Kelembagaan"], strict=True):
                sheet[f"{column}{row}"] = value
        book.save(path)
        summary = import_file(path, self.office, 2025)
        self.assertEqual((summary.rows, summary.activities), (3, 6))
        self.assertEqual(len(self.plan(HEALTHY)), 3)

    def test_importing_the_plan_again_replaces_the_year_s_activities(self) -> None:
        path = action_plan(self.dir / "renaksi.xlsx")
        import_file(path, self.office, 2025)
        book = load_workbook(path)
        book.active.delete_rows(10)  # the second activity of Jumlah koperasi aktif
        book.active["F9"] = "Pendampingan RAT dan pembinaan pengurus"
        book.save(path)
        import_file(path, self.office, 2025)
        self.assertEqual([name for name, _targets, _budget in self.plan(ACTIVE)],
                         ["Pendampingan RAT dan pembinaan pengurus"])
        self.assertEqual(ActionPlanItem.objects.filter(indicator__office=self.office).count(), 5)

    def test_a_plan_without_satuan_names_the_indicators_kinerja_has_and_keeps_their_targets(self) -> None:
        import_file(action_plan(self.dir / "renaksi.xlsx"), self.office, 2025)
        book = Workbook()
        sheet = book.active
        sheet.title = "Rencana Aksi"
        sheet.append(["Indikator", "Kegiatan", "TW I", "TW II", "TW III", "TW IV"])  # no "Target" word at all
        sheet.append([ACTIVE, "Verifikasi data koperasi", 1, 2, 3, 4])
        sheet.append([None, "Pemutakhiran ODS", None, None, "2", "4"])
        book.save(self.dir / "plan.xlsx")
        summary = import_file(self.dir / "plan.xlsx", self.office, 2025)
        self.assertEqual((summary.rows, summary.activities, summary.indicators_created), (1, 2, 0))
        self.assertEqual(self.plan(ACTIVE), [("Verifikasi data koperasi", [1, 2, 3, 4], None),
                                             ("Pemutakhiran ODS", [None, None, 2, 4], None)])
        indicator = Indicator.objects.get(office=self.office, name=ACTIVE)
        self.assertEqual((indicator.unit, indicator.objective.name), ("unit", SASARAN_1))
        self.assertEqual(indicator.targets.get(kind="agreement").value, 420)
        self.assertEqual(self.quarter_targets(ACTIVE), {1: 400, 2: 405, 3: 410, 4: 420})  # two activities: kept
        self.assertEqual(summary.warnings, [])

    def test_the_quarter_targets_of_a_plan_are_checked_against_the_year_s_target_it_keeps(self) -> None:
        import_file(action_plan(self.dir / "renaksi.xlsx"), self.office, 2025)
        book = Workbook()
        sheet = book.active
        sheet.title = "Rencana Aksi"
        sheet.append(["Indikator", "Kegiatan", "TW I", "TW II", "TW III", "TW IV"])
        sheet.append([ACTIVE, "Verifikasi data koperasi", 400, 405, 410, 415])  # one activity: the indicator's too
        book.save(self.dir / "plan.xlsx")
        summary = import_file(self.dir / "plan.xlsx", self.office, 2025)
        self.assertEqual(self.quarter_targets(ACTIVE), {1: 400, 2: 405, 3: 410, 4: 415})
        indicator = Indicator.objects.get(office=self.office, name=ACTIVE)
        self.assertEqual(indicator.targets.get(kind="agreement").value, 420)  # the PK's, not derived from TW IV
        self.assertEqual([str(w) for w in summary.warnings], [
            "plan.xlsx, sheet Rencana Aksi, row 2, column TW I (C): the quarter targets give 415 for the year (value "
            "of the last quarter), but the target of the year is 420; the quarterly reports compare with the quarter "
            "targets and the annual one with the target of the year"])

    def test_a_plan_with_an_activity_per_quarter_keeps_each_quarter_s(self) -> None:
        # "Rencana Aksi" merged over TW I … TW IV, a text in each; "Target Triwulan" the indicator's.
        summary = import_file(books.rencana_aksi(self.dir / "ra.xlsx"), self.office, 2025)
        self.assertEqual((summary.rows, summary.activities), (3, 12))
        items = ActionPlanItem.objects.filter(indicator__name=ACTIVE).order_by("order")
        self.assertEqual([(i.quarter, i.name, i.quarter_targets) for i in items], [
            (1, "Pendataan RAT", [None] * 4), (2, "Pendampingan RAT", [None] * 4),
            (3, "Pendampingan RAT", [None] * 4), (4, "Laporan", [None] * 4)])
        self.assertEqual(self.quarter_targets(ACTIVE), {1: 400, 2: 405, 3: 410, 4: 420})

    def test_a_row_under_an_indicator_adds_activities_to_its_quarters(self) -> None:
        path = books.rencana_aksi(self.dir / "ra.xlsx")
        book = load_workbook(path)
        book.active["K8"] = "Pendampingan pengurus"  # TW II, on the blank row under the indicator
        book.active["G8"] = 3  # a figure without its activity in a plan without an activity column
        book.save(path)
        self.assertEqual(self.errors(path), [
            "ra.xlsx, sheet Rencana Aksi 2025, row 8, column Target Triwulan II (G): this row is an activity of the "
            "indicator of row 7 (Jumlah koperasi aktif), whose values are read from its own row only: write this "
            "value there, or the indicator on this row (\"3\")"])
        book.active["G8"] = None
        book.save(path)
        import_file(path, self.office, 2025)
        items = ActionPlanItem.objects.filter(indicator__name=ACTIVE).order_by("order")
        self.assertEqual([(i.quarter, i.name) for i in items][-1], (2, "Pendampingan pengurus"))

    def test_a_csv_plan_leaves_the_indicator_blank_on_its_activity_rows_and_a_dry_run_saves_none(self) -> None:
        path = self.dir / "renaksi.csv"
        path.write_text("Sasaran;Indikator;Satuan;Target;Kegiatan;TW I;TW II;TW III;TW IV;Pagu (Rp juta)\n"
                        f"{SASARAN_1};{ACTIVE};unit;420;;400;405;410;420;\n"
                        ";;;;Pendampingan RAT;10;20;30;40;5,5\n"
                        ";;;;Pembubaran koperasi tidak aktif;;5;;10;\n", encoding="utf-8")
        summary = import_file(path, self.office, 2025, dry_run=True)
        self.assertEqual((summary.rows, summary.activities), (1, 2))
        self.assertFalse(ActionPlanItem.objects.exists())
        import_file(path, self.office, 2025)
        self.assertEqual(self.plan(ACTIVE), [("Pendampingan RAT", [10, 20, 30, 40], D(5500000)),
                                             ("Pembubaran koperasi tidak aktif", [None, 5, None, 10], None)])
        self.assertEqual(self.quarter_targets(ACTIVE), {1: 400, 2: 405, 3: 410, 4: 420})

    def assertNothingSaved(self) -> None:  # noqa: N802
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())
        self.assertFalse(Objective.objects.filter(office=self.office).exists())
        self.assertFalse(ActionPlanItem.objects.exists())

    def test_an_activity_before_any_indicator_is_a_bad_row(self) -> None:
        path = self.dir / "renaksi.xlsx"
        book = Workbook()
        sheet = book.active
        sheet.title = "Renaksi"
        sheet.append(["Sasaran", "Indikator", "Satuan", "Target", "Rencana Aksi", "Target TW I", "Target TW II"])
        sheet.append([None, None, None, None, "Rapat koordinasi", 1, 1])  # row 2
        sheet.append([SASARAN_1, ACTIVE, "unit", 420, "Pendampingan RAT", 10, 20])
        book.save(path)
        self.assertEqual(self.errors(path), [
            'renaksi.xlsx, sheet Renaksi, row 2, column Rencana Aksi (E): this activity comes before any indicator: '
            'write its indicator in column Indikator (B) on this row or on a row above it ("Rapat koordinasi")'])
        self.assertNothingSaved()

    def test_a_quarter_target_that_is_not_a_number_is_a_bad_row(self) -> None:
        path = self.edit(action_plan(self.dir / "renaksi.xlsx"), {"H6": "Laporan", "K9": "lima juta", "G11": "WTP"})
        self.assertEqual(self.errors(path), [
            'renaksi.xlsx, sheet Renaksi 2025, row 6, column Target Triwulan II (H): a quarter target of an activity '
            'is a number ("Laporan")',
            'renaksi.xlsx, sheet Renaksi 2025, row 9, column Anggaran (Rp) (K): the budget is a number ("lima juta")',
            'renaksi.xlsx, sheet Renaksi 2025, row 11, column Target Triwulan I (G): a number is needed here: '
            '"WTP" is not a number.'])
        self.assertNothingSaved()

    def test_an_unknown_indicator_of_a_plan_without_satuan_is_a_bad_row_and_nothing_is_half_saved(self) -> None:
        import_file(action_plan(self.dir / "renaksi.xlsx"), self.office, 2025)
        book = Workbook()
        sheet = book.active
        sheet.title = "Rencana Aksi"
        sheet.append(["Kode", "Indikator", "Kegiatan", "Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"])
        sheet.append([None, ACTIVE, "Verifikasi data koperasi", 1, 2, 3, 4])
        sheet.append(["IK-99", "Indeks kepuasan anggota koperasi", "Survei kepuasan", None, None, None, 1])
        book.save(self.dir / "plan.xlsx")
        self.assertEqual(self.errors(self.dir / "plan.xlsx"), [
            "plan.xlsx, sheet Rencana Aksi, row 3, column Kode (A): the office has no indicator with this code or "
            "name; a Rencana Aksi without a Satuan column can only name indicators kinerja already has (\"IK-99\")"])
        self.assertEqual(len(self.plan(ACTIVE)), 2)  # the plan imported before is as it was

    def test_a_value_of_the_indicator_on_an_activity_row_is_not_dropped_silently(self) -> None:
        path = self.edit(action_plan(self.dir / "renaksi.xlsx"), {"E9": 30})
        self.assertEqual(self.errors(path), [
            "renaksi.xlsx, sheet Renaksi 2025, row 9, column Target 2025 (E): this row is an activity of the indicator "
            "of row 8 (Jumlah koperasi aktif), whose values are read from its own row only: write this value there, "
            "or the indicator on this row (\"30\")"])
        self.assertNothingSaved()

    def test_an_activity_row_without_its_activity_is_a_bad_row(self) -> None:
        path = self.edit(action_plan(self.dir / "renaksi.xlsx"), {"F10": None})
        self.assertEqual(self.errors(path), [
            "renaksi.xlsx, sheet Renaksi 2025, row 10, column Rencana Aksi / Kegiatan (F): the activity is missing: "
            "write what will be done"])

    def test_a_new_indicator_whose_row_figures_are_its_first_activity_s_needs_its_year_target(self) -> None:
        path = self.edit(action_plan(self.dir / "renaksi.xlsx"), {"E5": None})
        self.assertEqual(self.errors(path), [
            "renaksi.xlsx, sheet Renaksi 2025, row 5, column Target 2025 (E): the indicator has 3 activities and the "
            "quarter figures on its row are its first activity's: write the indicator's target for the year in column "
            "Target 2025 (E), or its quarter targets on a row of its own above its activities"])
        self.assertNothingSaved()
