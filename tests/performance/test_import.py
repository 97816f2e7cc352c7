"""`kinerja data import`: good files in both formats, every kind of bad row, dry run, re-import."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from openpyxl import Workbook, load_workbook

from kinerja.errors import KinerjaError
from kinerja.performance import importer
from kinerja.performance.importer import HEADERS, ImportFailed, import_file, write_template
from kinerja.performance.models import Actual, ActualRevision, Indicator, Objective, Target
from tests.base import KinerjaTestCase

HEAD = ["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi", "Bidang"]
SASARAN = "Meningkatnya kualitas kelembagaan koperasi"
GOOD = [
    ["IK-01", SASARAN, "Jumlah koperasi aktif", "unit", "Positif", 1725, "1.650", "Bidang Kelembagaan"],
    ["IK-02", SASARAN, "Persentase koperasi sehat", "%", "Positif", "65,5", 60.5,
     "Bidang Kelembagaan dan Pengawasan Koperasi"],
    ["IK-03", SASARAN, "Persentase koperasi tidak aktif", "%", "negatif", "20", "25", "Pemberdayaan"],
    ["IK-04", "Meningkatnya akuntabilitas kinerja", "Opini BPK", "opini", "Positif", "WTP", "WTP", ""],
]


def write_xlsx(path: Path, rows: list[list[object]], head: list[str] = HEAD) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(head)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[object]], head: list[str] = HEAD, delimiter: str = ";") -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow(head)
        writer.writerows(rows)
    return path


class ImportTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        import tempfile

        self.dir = Path(tempfile.mkdtemp(prefix="perf-import-"))
        self.enterContext(translation.override("en"))

    def assertNothingSaved(self) -> None:  # noqa: N802
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())
        self.assertFalse(Objective.objects.filter(office=self.office).exists())
        self.assertFalse(Actual.objects.exists())

    def bad(self, rows: list[list[object]], head: list[str] = HEAD, suffix: str = ".xlsx") -> str:
        path = self.dir / f"perf-bad{suffix}"
        (write_csv if suffix == ".csv" else write_xlsx)(path, rows, head)
        with self.assertRaises(ImportFailed) as caught:
            import_file(path, self.office, 2025)
        self.assertNothingSaved()
        return str(caught.exception)

    def test_it_imports_an_xlsx_file(self) -> None:
        path = write_xlsx(self.dir / "perf-good.xlsx", GOOD)
        summary = import_file(path, self.office, 2025)
        self.assertEqual((summary.rows, summary.indicators_created, summary.objectives_created), (4, 4, 2))
        active = Indicator.objects.get(office=self.office, code="IK-01")
        self.assertEqual(active.division.short_name, "Bidang Kelembagaan")
        self.assertEqual(active.targets.get(kind="agreement", year=2025).value_number, Decimal("1725"))
        self.assertEqual(active.actuals.get(year=2025, quarter=None).value_number, Decimal("1650"))
        healthy = Indicator.objects.get(code="IK-02")
        self.assertEqual(healthy.targets.get().value_number, Decimal("65.5"))
        self.assertEqual(healthy.actuals.get().value_number, Decimal("60.5"))
        inactive = Indicator.objects.get(code="IK-03")
        self.assertEqual((inactive.polarity, inactive.division.name),
                         ("lower_is_better", "Bidang Pemberdayaan Koperasi"))
        opinion = Indicator.objects.get(code="IK-04")
        self.assertEqual((opinion.targets.get().value_text, opinion.actuals.get().value_text, opinion.division),
                         ("WTP", "WTP", None))
        objective = Objective.objects.get(name=SASARAN)
        self.assertEqual((objective.plan_start_year, objective.plan_end_year), (2025, 2029))
        self.assertEqual(ActualRevision.objects.filter(action="imported").count(), 4)

    def test_it_imports_a_semicolon_csv_with_quarters(self) -> None:
        head = HEAD + ["Target TW1", "Target TW2", "Realisasi TW1", "Realisasi TW2"]
        rows = [["IK-01", SASARAN, "Jumlah koperasi aktif", "unit", "Positif", "1.725", "", "Bidang UMKM",
                 "400", "800", "410", "1.000,5"]]
        import_file(write_csv(self.dir / "perf-good.csv", rows, head), self.office, 2025)
        indicator = Indicator.objects.get(code="IK-01")
        self.assertEqual(indicator.targets.get(kind="quarter", quarter=2).value_number, Decimal(800))
        self.assertEqual(indicator.actuals.get(quarter=2).value_number, Decimal("1000.5"))
        self.assertFalse(indicator.actuals.filter(quarter=None).exists())

    def test_it_imports_a_comma_csv(self) -> None:
        rows = [["IK-01", SASARAN, "Jumlah koperasi aktif", "unit", "Positif", "1725", "1650", ""]]
        summary = import_file(write_csv(self.dir / "perf-comma.csv", rows, delimiter=","), self.office, 2025)
        self.assertEqual(summary.actuals, 1)

    def test_it_reads_a_percent_cell_as_shown(self) -> None:
        path = write_xlsx(self.dir / "perf-pct.xlsx", [["IK-02", SASARAN, "Persentase koperasi sehat", "%", "Positif",
                                                        0.655, 0.6, ""]])
        book = load_workbook(path)
        book.active["F2"].number_format = "0.0%"
        book.active["G2"].number_format = "0%"
        book.save(path)
        import_file(path, self.office, 2025)
        indicator = Indicator.objects.get(code="IK-02")
        self.assertEqual(indicator.targets.get().value_number, Decimal("65.5"))
        self.assertEqual(indicator.actuals.get().value_number, Decimal("60"))

    def test_it_reports_text_where_a_number_belongs(self) -> None:
        message = self.bad([GOOD[0][:6] + ["seribu", "Bidang UMKM"]])
        self.assertIn("perf-bad.xlsx, sheet Sheet, row 2, column Realisasi (G)", message)
        self.assertIn('"seribu"', message)

    def test_it_reports_an_ambiguous_number(self) -> None:
        message = self.bad([GOOD[0][:5] + ["1.5", "1", ""]])
        self.assertIn("row 2, column Target (F)", message)
        self.assertIn('"1.5"', message)

    def test_it_reports_an_unknown_polarity(self) -> None:
        message = self.bad([GOOD[0][:4] + ["Sedang", 1, 1, ""]])
        self.assertIn('row 2, column Polaritas (E): the polarity is Positif or Negatif ("Sedang")', message)

    def test_it_reports_a_duplicate_code(self) -> None:
        second = ["IK-01", SASARAN, "Jumlah UMKM binaan", "unit", "Positif", 10, 9, ""]
        message = self.bad([GOOD[0], second])
        self.assertIn('row 3, column Kode (A): the code is also in row 2 ("IK-01")', message)

    def test_it_reports_a_missing_unit(self) -> None:
        message = self.bad([["IK-01", SASARAN, "Jumlah koperasi aktif", "", "Positif", 1, 1, ""]])
        self.assertIn("row 2, column Satuan (D): a value is missing", message)

    def test_it_reports_an_unknown_division(self) -> None:
        message = self.bad([GOOD[0][:7] + ["Bidang Pariwisata"]])
        self.assertIn('row 2, column Bidang (H): no division, subsection or secretariat of the office has this name; '
                      'the office has "Bidang Kelembagaan", "Bidang Pemberdayaan", "Bidang UMKM", "Bidang '
                      'Kewirausahaan", "Subbag PKA", "Subbag Umpeg", "Sekretariat" ("Bidang Pariwisata")', message)

    def test_it_reports_a_missing_target(self) -> None:
        message = self.bad([GOOD[0][:5] + ["", 1, ""]])
        self.assertIn("row 2, column Target (F): a value is missing", message)

    def test_it_reports_every_bad_row_and_saves_none(self) -> None:
        rows = [GOOD[0], GOOD[2][:4] + ["Sedang"] + GOOD[2][5:], GOOD[3],
                ["IK-01", SASARAN, "Jumlah UMKM binaan", ""] + GOOD[0][4:]]
        message = self.bad(rows, suffix=".csv")
        self.assertIn("perf-bad.csv: 3 problems", message)
        self.assertIn("perf-bad.csv, row 3, column Polaritas (E)", message)
        self.assertIn('row 5, column Kode (A): the code is also in row 2 ("IK-01")', message)
        self.assertIn("row 5, column Satuan (D)", message)

    def test_it_reports_a_missing_unit_where_nothing_gives_one(self) -> None:
        # No Satuan column: a new indicator's bare number gives no unit (tests/performance/test_import_inline_unit.py
        # has the values that give one, and the indicators kinerja has).
        message = self.bad([["IK-31", SASARAN, "Jumlah koperasi produsen"] + GOOD[0][4:]], head=HEAD[:3] + HEAD[4:])
        self.assertIn("row 2, column Satuan: the file has no Satuan column, and neither the value nor an indicator "
                      "kinerja has gives one", message)

    def test_it_refuses_other_file_types(self) -> None:
        path = self.dir / "perf.txt"
        path.write_text("Kode")
        with self.assertRaises(KinerjaError):
            import_file(path, self.office, 2025)

    def test_it_refuses_a_broken_xlsx(self) -> None:
        path = self.dir / "perf-broken.xlsx"
        path.write_bytes(b"PK\x03\x04 not really")
        with self.assertRaisesRegex(KinerjaError, "perf-broken.xlsx is damaged or not an XLSX file"):
            import_file(path, self.office, 2025)

    def test_a_dry_run_counts_but_saves_nothing(self) -> None:
        summary = import_file(write_xlsx(self.dir / "perf-good.xlsx", GOOD), self.office, 2025, dry_run=True)
        self.assertEqual((summary.indicators_created, summary.actuals, summary.dry_run), (4, 4, True))
        self.assertNothingSaved()

    def test_it_updates_on_a_second_import(self) -> None:
        path = write_xlsx(self.dir / "perf-good.xlsx", GOOD)
        import_file(path, self.office, 2025)
        changed = [GOOD[0][:2] + ["Jumlah koperasi aktif (RAT)"] + GOOD[0][3:6] + ["1.700", GOOD[0][7]]]
        summary = import_file(write_xlsx(self.dir / "perf-again.xlsx", changed), self.office, 2025)
        self.assertEqual((summary.indicators_created, summary.indicators_updated, summary.objectives_created), (0, 1, 0))
        indicator = Indicator.objects.get(code="IK-01")
        self.assertEqual(indicator.name, "Jumlah koperasi aktif (RAT)")
        actual = indicator.actuals.get()
        self.assertEqual(actual.value_number, Decimal(1700))
        self.assertEqual(actual.revisions.last().changes, {"value": ["1.650", "1.700"]})
        self.assertEqual(Target.objects.filter(indicator=indicator).count(), 1)

    def test_it_refuses_to_overwrite_a_locked_actual(self) -> None:
        import_file(write_xlsx(self.dir / "perf-good.xlsx", GOOD), self.office, 2025)
        Actual.objects.filter(indicator__code="IK-01").update(status="locked")
        with self.assertRaises(ImportFailed) as caught:
            import_file(write_xlsx(self.dir / "perf-again.xlsx", [GOOD[0][:6] + [1] + GOOD[0][7:]]), self.office, 2025)
        self.assertIn("sheet Sheet, row 2, column Realisasi (G): the actual is locked", str(caught.exception))
        self.assertEqual(Actual.objects.get(indicator__code="IK-01").value_number, Decimal(1650))

    def test_it_names_every_locked_actual_and_saves_nothing(self) -> None:
        import_file(write_xlsx(self.dir / "perf-good.xlsx", GOOD), self.office, 2025)
        Actual.objects.filter(indicator__code__in=["IK-01", "IK-03"]).update(status="locked")
        again = [GOOD[0][:6] + [1] + GOOD[0][7:], GOOD[1][:6] + [61] + GOOD[1][7:], GOOD[2][:6] + [24] + GOOD[2][7:]]
        with self.assertRaises(ImportFailed) as caught:
            import_file(write_xlsx(self.dir / "perf-again.xlsx", again), self.office, 2025)
        self.assertEqual([(e.row, e.field) for e in caught.exception.errors], [(2, "Realisasi (G)"), (4, "Realisasi (G)")])
        # Nothing half-saved: the unlocked IK-02 between them keeps its actual.
        self.assertEqual(Actual.objects.get(indicator__code="IK-02").value_number, Decimal("60.5"))

    def test_it_refuses_the_actuals_of_a_period_whose_data_kinerja_is_signed(self) -> None:
        """A signed period's figures are locked, also those not locked one by one (signoff.signing)."""
        import datetime as dt
        from types import SimpleNamespace
        from unittest import mock

        import_file(write_xlsx(self.dir / "perf-good.xlsx", GOOD), self.office, 2025)
        signed = SimpleNamespace(version=SimpleNamespace(version=2, document=SimpleNamespace(title="Data Kinerja 2025")),
                                 signed_at=dt.datetime(2026, 1, 15, 3, tzinfo=dt.UTC), signer_name="Dra. Kepala",
                                 signer_title="Kepala Dinas")
        with mock.patch("kinerja.performance.signoff.signing", return_value=signed) as signing, \
                self.assertRaises(ImportFailed) as caught:
            import_file(write_xlsx(self.dir / "perf-again.xlsx", [GOOD[0][:6] + [1] + GOOD[0][7:]]), self.office, 2025)
        self.assertIn("row 2, column Realisasi (G): The figures of 2025 are locked: Data Kinerja 2025 (version 2) was "
                      "signed by Dra. Kepala, Kepala Dinas, on 15 January 2026", str(caught.exception))
        self.assertEqual(signing.call_args.args[1:], (2025, None))
        self.assertEqual(Actual.objects.get(indicator__code="IK-01").value_number, Decimal(1650))

    def test_the_template_imports_as_written(self) -> None:
        for name in ("perf-template.xlsx", "perf-template.csv"):
            path = write_template(self.dir / name)
            summary = import_file(path, self.office, 2025, dry_run=True)
            self.assertEqual(summary.rows, 1)
        sheet = load_workbook(self.dir / "perf-template.xlsx").active
        self.assertEqual([c.value for c in sheet[1]], HEADERS)
        self.assertEqual(sheet.max_row, 2)

    def test_it_refuses_an_implausible_year(self) -> None:
        with self.assertRaisesRegex(KinerjaError, "not a plausible year"):
            import_file(write_xlsx(self.dir / "perf-good.xlsx", GOOD), self.office, 25)

    def test_the_example_row_names_a_demo_division(self) -> None:
        self.assertIsNotNone(importer._Divisions(self.office).find(importer.EXAMPLE[7]))
