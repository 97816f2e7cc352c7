"""Spreadsheets of offices we have never seen: targets written with their comparison ("≥ 80", "paling lama
3 hari"), headers with their unit ("Target (Rp)") or the revised target ("Target Perubahan"), a percentage
above 100 and a copy of a column hidden in the workbook. Through the importer; the page and the console
script show the same warnings (test_import_page.py, test_import_cli.py)."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from openpyxl import Workbook, load_workbook

from kinerja.errors import KinerjaError
from kinerja.performance.importer import import_file
from kinerja.performance.models import Indicator, Target
from tests.base import KinerjaTestCase

SASARAN = "Meningkatnya kualitas pelayanan publik"
HIGHER, LOWER = Indicator.Polarity.HIGHER_IS_BETTER, Indicator.Polarity.LOWER_IS_BETTER


def book(path: Path, rows: list[list[object]], title: str = "PK 2025") -> Path:
    workbook = Workbook()
    workbook.active.title = title
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


class SpellingsTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-spellings-"))
        self.enterContext(translation.override("en"))

    def refused(self, path: Path) -> str:
        with self.assertRaises(KinerjaError) as caught:
            import_file(path, self.office, 2025)
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())
        return str(caught.exception)

    def indicators(self) -> dict[str, tuple[str, Decimal | None]]:
        """name: (polarity, the year's target)."""
        return {i.name: (i.polarity, i.targets.get(kind=Target.Kind.AGREEMENT, year=2025).value_number)
                for i in Indicator.objects.filter(office=self.office)}


class ComparisonTestCase(SpellingsTestCase):
    """The number is the target; without a Polaritas, the comparison gives the polarity."""

    def test_every_spelling_gives_its_number_and_polarity(self) -> None:
        spellings = {
            "≥ 80": (HIGHER, 80), ">= 80 %": (HIGHER, 80), "> 75": (HIGHER, 75), "minimal 80%": (HIGHER, 80),
            "min. 80": (HIGHER, 80), "Sekurang-kurangnya 80": (HIGHER, 80), "paling sedikit 80,5": (HIGHER, "80.5"),
            "Maksimal 10": (LOWER, 10), "maks. 10": (LOWER, 10), "≤ 5": (LOWER, 5), "<= 5 hari": (LOWER, 5),
            "paling lama 3 hari": (LOWER, 3), "tidak lebih dari 2": (LOWER, 2), "1.250": (HIGHER, 1250)}
        rows = [["Sasaran", "Indikator", "Satuan", "Target"]] + [
            # A target written with "%" is an indicator's in percent (one in indeks refuses it).
            [SASARAN, f"Indikator {n}", "hari" if "hari" in written else "%" if "%" in written else "indeks", written]
            for n, written in enumerate(spellings, start=1)]
        summary = import_file(book(self.dir / "pk.xlsx", rows), self.office, 2025)
        found = self.indicators()
        for n, (written, (polarity, number)) in enumerate(spellings.items(), start=1):
            with self.subTest(written):
                self.assertEqual(found[f"Indikator {n}"], (polarity, Decimal(number)))
        # Only the plain number leaves the polarity to the user.
        self.assertEqual(summary.assumed_positive, [f"Indikator {len(spellings)}"])
        self.assertEqual(summary.warnings, [])

    def test_the_polaritas_column_wins_with_a_warning_and_an_empty_one_takes_the_comparison(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi"],
                [SASARAN, "Waktu pelayanan izin", "hari", "", "paling lama 3 hari", 2],
                [SASARAN, "Angka pengangguran", "%", "Positif", "≤ 5", 4],
                [SASARAN, "Indeks kepuasan masyarakat", "indeks", "Positif", "≥ 80", 82]]
        summary = import_file(book(self.dir / "pk.xlsx", rows), self.office, 2025)
        self.assertEqual(self.indicators(), {"Waktu pelayanan izin": (LOWER, 3), "Angka pengangguran": (HIGHER, 5),
                                             "Indeks kepuasan masyarakat": (HIGHER, 80)})
        self.assertEqual([str(w) for w in summary.warnings], [
            'pk.xlsx, sheet PK 2025, row 3, column Polaritas (D): the column says "Positif", but "≤ 5" in column '
            'Target (E) says Negative (lower is better); the Polaritas column is kept'])

    def test_an_actual_may_carry_a_comparison_too(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target", "Realisasi"],
                [SASARAN, "Waktu pelayanan izin", "hari", 3, "≤ 2 hari"]]
        import_file(book(self.dir / "pk.xlsx", rows), self.office, 2025)
        indicator = Indicator.objects.get(office=self.office)
        self.assertEqual((indicator.polarity, indicator.actuals.get().value_number), (LOWER, Decimal(2)))

    def test_two_comparisons_that_disagree_are_a_bad_row(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target", "Target TW I"],
                [SASARAN, "Waktu pelayanan izin", "hari", "≥ 3", "≤ 3"]]
        message = self.refused(book(self.dir / "pk.xlsx", rows))
        self.assertIn('pk.xlsx, sheet PK 2025, row 2, column Target TW I (E): its comparison says Negative (lower is '
                      'better), the one in column Target (D) says Positive (higher is better); write the same '
                      'comparison in both ("≤ 3")', message)

    def test_a_range_is_refused_naming_sheet_row_column_and_value(self) -> None:
        for written in ("80 - 90", "80 s.d. 90", "80 s/d 90 %"):
            with self.subTest(written):
                rows = [["Sasaran", "Indikator", "Satuan", "Target"], [SASARAN, "Indeks kepuasan", "indeks", 80],
                        [SASARAN, "Persentase koperasi sehat", "%", written]]
                message = self.refused(book(self.dir / "range.xlsx", rows))
                self.assertIn(f'range.xlsx, sheet PK 2025, row 3, column Target (D): a range gives no single value; '
                              f'write one number (80), with its comparison where it has one (≥ 80, ≤ 90) '
                              f'("{written}")', message)

    def test_a_text_target_keeps_its_words(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target"], [SASARAN, "Nilai SAKIP", "predikat", "Minimal BB"]]
        import_file(book(self.dir / "pk.xlsx", rows), self.office, 2025)
        self.assertEqual(Target.objects.get(indicator__office=self.office).value_text, "Minimal BB")


class PolarityTestCase(SpellingsTestCase):
    """"Minimal" in a Polaritas column is minimise; "minimal 80" before a target is at least 80. A row saying
    both, and a file turning an existing indicator's polarity around, are warnings naming where."""

    def test_minimal_in_the_polaritas_column_is_lower_is_better_and_before_a_target_at_least(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Polaritas", "Target"],
                [SASARAN, "Angka kredit macet", "%", "Minimal", 5],
                [SASARAN, "Indeks kepuasan masyarakat", "indeks", "Maksimal", 80],
                [SASARAN, "Persentase koperasi sehat", "%", "", "minimal 80"],
                [SASARAN, "Waktu pelayanan izin", "hari", "", "maksimal 3 hari"]]
        summary = import_file(book(self.dir / "pk.xlsx", rows), self.office, 2025)
        self.assertEqual(self.indicators(), {
            "Angka kredit macet": (LOWER, 5), "Indeks kepuasan masyarakat": (HIGHER, 80),
            "Persentase koperasi sehat": (HIGHER, 80), "Waktu pelayanan izin": (LOWER, 3)})
        self.assertEqual(summary.warnings, [])

    def test_minimal_beside_minimal_80_is_a_warning_with_both_readings(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Polaritas", "Target"],
                [SASARAN, "Persentase koperasi sehat", "%", "Minimal", "minimal 80"],
                [SASARAN, "Waktu pelayanan izin", "hari", "Maksimal", "maksimal 3 hari"]]
        summary = import_file(book(self.dir / "pk.xlsx", rows), self.office, 2025)
        self.assertEqual(self.indicators(), {"Persentase koperasi sehat": (LOWER, 80),
                                             "Waktu pelayanan izin": (HIGHER, 3)})
        self.assertEqual([str(w) for w in summary.warnings], [
            'pk.xlsx, sheet PK 2025, row 2, column Polaritas (D): the column says "Minimal", which in a Polaritas '
            'column means minimise (lower is better), while "minimal 80" in column Target (E) means at least 80 '
            '(higher is better): they contradict each other. The Polaritas column is kept, Negative (lower is '
            'better); if the target is right, write Positif in the Polaritas column',
            'pk.xlsx, sheet PK 2025, row 3, column Polaritas (D): the column says "Maksimal", which in a Polaritas '
            'column means maximise (higher is better), while "maksimal 3 hari" in column Target (E) means at most 3 '
            '(lower is better): they contradict each other. The Polaritas column is kept, Positive (higher is '
            'better); if the target is right, write Negatif in the Polaritas column'])

    def test_a_file_turning_an_existing_indicator_around_is_a_warning_naming_it(self) -> None:
        first = [["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target"],
                 ["IK-01", SASARAN, "Angka kredit macet", "%", "Positif", 5],
                 ["IK-02", SASARAN, "Waktu pelayanan izin", "hari", "Positif", 3],
                 ["IK-03", SASARAN, "Indeks kepuasan", "indeks", "Positif", 80]]
        self.assertEqual(import_file(book(self.dir / "pk.xlsx", first), self.office, 2025).warnings, [])
        again = [["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi"],
                 ["IK-01", SASARAN, "Angka kredit macet", "%", "Negatif", 5, 4],
                 ["IK-02", SASARAN, "Waktu pelayanan izin", "hari", "", "paling lama 3 hari", 2],
                 ["IK-03", SASARAN, "Indeks kepuasan", "indeks", "Positif", 80, 82]]
        summary = import_file(book(self.dir / "pk-2.xlsx", again), self.office, 2025)
        self.assertEqual({n: p for n, (p, _t) in self.indicators().items()}, {
            "Angka kredit macet": LOWER, "Waktu pelayanan izin": LOWER, "Indeks kepuasan": HIGHER})
        self.assertEqual([str(w) for w in summary.warnings], [
            "pk-2.xlsx, sheet PK 2025, row 2, column Polaritas (E): the polarity of indicator IK-01 Angka kredit macet "
            "changes from Positive (higher is better) to Negative (lower is better); its achievement is computed the "
            "other way from 2025 on, the years before keep theirs. If that is not meant, correct the file and "
            "import it again, or set the polarity back on the indicator's page",
            "pk-2.xlsx, sheet PK 2025, row 3, column Target (F): the polarity of indicator IK-02 Waktu pelayanan izin "
            "changes from Positive (higher is better) to Negative (lower is better); its achievement is computed the "
            "other way from 2025 on, the years before keep theirs. If that is not meant, correct the file and "
            "import it again, or set the polarity back on the indicator's page"])

    def test_a_telling_capaian_that_turns_an_indicator_around_names_its_column(self) -> None:
        first = [["Sasaran", "Indikator", "Satuan", "Polaritas", "Target"],
                 [SASARAN, "Waktu pelayanan izin", "hari", "Positif", 5]]
        import_file(book(self.dir / "pk.xlsx", first), self.office, 2025)
        # Without Polaritas: 4 days against 5 gives 120 % only when lower is better.
        again = [["Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)"],
                 [SASARAN, "Waktu pelayanan izin", "hari", 5, 4, 120]]
        summary = import_file(book(self.dir / "lkjip.xlsx", again), self.office, 2025)
        [warning] = summary.warnings
        self.assertEqual((warning.row, warning.column), (2, "Capaian (%) (F)"))
        self.assertIn("changes from Positive (higher is better) to Negative (lower is better)", warning.message)

    def test_the_dry_run_warns_the_same_and_changes_nothing(self) -> None:
        first = [["Sasaran", "Indikator", "Satuan", "Polaritas", "Target"],
                 [SASARAN, "Angka kredit macet", "%", "Positif", 5]]
        import_file(book(self.dir / "pk.xlsx", first), self.office, 2025)
        first[1][3] = "Negatif"
        summary = import_file(book(self.dir / "pk.xlsx", first), self.office, 2025, dry_run=True)
        self.assertEqual(len(summary.warnings), 1)
        self.assertEqual(self.indicators()["Angka kredit macet"][0], HIGHER)


class HeadersTestCase(SpellingsTestCase):
    def test_targets_and_actuals_in_rupiah(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target (Rp)", "Realisasi (Rp.)"],
                [SASARAN, "Nilai pinjaman dana bergulir", "Rupiah", "Rp 1.500.000.000", "1.250.000.000"]]
        import_file(book(self.dir / "rp.xlsx", rows), self.office, 2025)
        indicator = Indicator.objects.get(office=self.office)
        self.assertEqual((indicator.targets.get().value_number, indicator.actuals.get().value_number),
                         (Decimal(1500000000), Decimal(1250000000)))

    def test_beside_the_performance_in_percent_the_rupiah_columns_are_the_budget(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target (%)", "Realisasi (%)", "Target (Rp)", "Realisasi (Rp)"],
                [SASARAN, "Persentase koperasi sehat", "%", "65,5", 60, "Rp 250.000.000", "Rp 240.000.000"]]
        import_file(book(self.dir / "pct.xlsx", rows), self.office, 2025)
        indicator = Indicator.objects.get(office=self.office)
        self.assertEqual((indicator.targets.get().value_number, indicator.actuals.get().value_number),
                         (Decimal("65.5"), Decimal(60)))

    def test_the_revised_target_is_the_target_and_the_sheet_says_so(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target", "Target Perubahan", "Realisasi"],
                [SASARAN, "Persentase koperasi sehat", "%", 65, 60, 61],
                [SASARAN, "Jumlah koperasi aktif", "unit", 400, None, 410],  # not revised: the original
                [SASARAN, "Indeks kepuasan", "indeks", 80, "-", 81]]
        summary = import_file(book(self.dir / "pk-p.xlsx", rows), self.office, 2025)
        self.assertEqual({n: t for n, (_p, t) in self.indicators().items()}, {
            "Persentase koperasi sehat": 60, "Jumlah koperasi aktif": 400, "Indeks kepuasan": 80})
        self.assertEqual([str(w) for w in summary.warnings], [
            "pk-p.xlsx, sheet PK 2025, row 1, column Target Perubahan (E): the revised target is imported as the "
            "target (Target Perubahan (E) instead of Target (D)); where a revised cell is empty, the original target is "
            "used"])

    def test_every_spelling_of_the_revised_target(self) -> None:
        for header in ("Target PK Perubahan", "Target Setelah Perubahan", "Target Perubahan 2025", "Target Revisi"):
            with self.subTest(header):
                rows = [["Sasaran", "Indikator", "Satuan", "Target Awal", header],
                        [SASARAN, "Persentase koperasi sehat", "%", 65, 60]]
                summary = import_file(book(self.dir / "pk-p.xlsx", rows), self.office, 2025)
                self.assertEqual(self.indicators()["Persentase koperasi sehat"][1], 60)
                self.assertIn(f"{header} (E) instead of Target Awal (D)", str(summary.warnings[0]))

    def test_a_revised_target_alone_is_the_target_without_a_warning(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target PK Perubahan"], [SASARAN, "Indeks kepuasan", "indeks", 82]]
        summary = import_file(book(self.dir / "pk-p.xlsx", rows), self.office, 2025)
        self.assertEqual((self.indicators()["Indeks kepuasan"][1], summary.warnings), (82, []))

    def test_revised_quarter_targets_under_a_merged_group(self) -> None:
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["Sasaran", "Indikator", "Satuan", "Target", None, "Target Perubahan", None])
        sheet.append([None, None, None, "TW I", "TW II", "TW I", "TW II"])
        sheet.merge_cells("D1:E1")
        sheet.merge_cells("F1:G1")
        sheet.append([SASARAN, "Indeks kepuasan", "indeks", 70, 75, 72, None])
        workbook.save(self.dir / "tw.xlsx")
        summary = import_file(self.dir / "tw.xlsx", self.office, 2025)
        quarters = Target.objects.filter(indicator__office=self.office, kind=Target.Kind.QUARTER)
        self.assertEqual({t.quarter: t.value_number for t in quarters}, {1: 72, 2: 75})
        [warning] = summary.warnings
        self.assertIn("Target Perubahan TW I (F) instead of Target TW I (D); Target Perubahan TW II (G) instead of "
                      "Target TW II (E)", str(warning))

    def test_a_copy_of_a_column_hidden_in_the_workbook_is_named_hidden(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Realisasi"],
                [SASARAN, "Indeks kepuasan", "indeks", 80, 81, 79]]
        for hidden, message in (
                ("F", "row 1, column Realisasi (F): this column is hidden in the workbook and repeats column E; "
                      "show it again in Excel"),
                ("E", "row 1, column Realisasi (F): the same column is also in column E, which is hidden in the "
                      "workbook; show it again in Excel")):
            with self.subTest(hidden=hidden):
                path = book(self.dir / "hidden.xlsx", rows)
                workbook = load_workbook(path)
                workbook.active.column_dimensions[hidden].hidden = True
                workbook.save(path)
                self.assertIn(message, self.refused(path))

    def test_a_hidden_group_of_columns(self) -> None:
        workbook = Workbook()
        workbook.active.append(["Sasaran", "Indikator", "Satuan", "Target", "Target", "Realisasi"])
        workbook.active.append([SASARAN, "Indeks kepuasan", "indeks", 80, 81, 79])
        workbook.active.column_dimensions.group("E", "F", hidden=True)
        workbook.save(self.dir / "group.xlsx")
        self.assertIn("column Target (E): this column is hidden in the workbook and repeats column D",
                      self.refused(self.dir / "group.xlsx"))


class ScaleTestCase(SpellingsTestCase):
    """"Target (Rp juta)": the header's scale multiplies the values, into the Satuan's own scale (Rupiah), the
    target and the actual alike, so the achievement is what the file means."""

    def values(self, name: str) -> tuple[Decimal | None, Decimal | None]:
        indicator = Indicator.objects.get(office=self.office, name=name)
        return indicator.targets.get(kind=Target.Kind.AGREEMENT).value_number, indicator.actuals.get().value_number

    def test_every_spelling_of_the_scale(self) -> None:
        for target, actual, factor in (
                ("Target (Rp juta)", "Realisasi (Rp juta)", 10 ** 6), ("Target (Rp. Juta)", "Realisasi (Rp. Juta)", 10 ** 6),
                ("Target (dalam juta rupiah)", "Realisasi (dalam juta rupiah)", 10 ** 6),
                ("Target (Rp ribu)", "Realisasi (Rp ribu)", 10 ** 3),
                ("Target (Rp miliar)", "Realisasi (Rp miliar)", 10 ** 9),
                ("Target 2025 (Rp Milyar)", "Realisasi 2025 (Rp Milyar)", 10 ** 9)):
            with self.subTest(target):
                rows = [["Sasaran", "Indikator", "Satuan", target, actual],
                        [SASARAN, "Nilai pinjaman dana bergulir", "Rupiah", "1.500", "1.250,5"]]
                import_file(book(self.dir / "rp.xlsx", rows), self.office, 2025)
                self.assertEqual(self.values("Nilai pinjaman dana bergulir"),
                                 (Decimal(1500) * factor, Decimal("1250.5") * factor))

    def test_target_and_actual_in_different_scales_are_both_rupiah_and_the_achievement_holds(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target (Rp miliar)", "Realisasi (Rp juta)", "Capaian (%)"],
                [SASARAN, "Nilai pinjaman dana bergulir", "Rupiah", "1,5", "1.200", 80]]
        summary = import_file(book(self.dir / "rp.xlsx", rows), self.office, 2025)
        self.assertEqual(self.values("Nilai pinjaman dana bergulir"), (Decimal(1_500_000_000), Decimal(1_200_000_000)))
        self.assertEqual(summary.mismatches, [])  # 1.200 juta of 1,5 miliar is the file's 80 %

    def test_a_satuan_in_juta_keeps_its_values_in_juta(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target (Rp juta)", "Realisasi (Rp miliar)"],
                [SASARAN, "Omzet UMKM binaan", "juta rupiah", "1.500", "1,25"]]
        import_file(book(self.dir / "rp.xlsx", rows), self.office, 2025)
        self.assertEqual(self.values("Omzet UMKM binaan"), (Decimal(1500), Decimal(1250)))

    def test_quarters_under_a_merged_scaled_header(self) -> None:
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["Sasaran", "Indikator", "Satuan", "Target (Rp juta)", "Realisasi (Rp juta)", None])
        sheet.append([None, None, None, None, "TW I", "TW II"])
        sheet.merge_cells("E1:F1")
        sheet.append([SASARAN, "Nilai kredit UMKM", "Rp", 5000, 1250, "2.600,5"])
        workbook.save(self.dir / "tw.xlsx")
        import_file(self.dir / "tw.xlsx", self.office, 2025)
        indicator = Indicator.objects.get(office=self.office)
        self.assertEqual({a.quarter: a.value_number for a in indicator.actuals.all()},
                         {1: Decimal(1_250_000_000), 2: Decimal(2_600_500_000)})

    def test_a_scale_word_not_understood_is_refused_naming_the_header(self) -> None:
        for header, word in (("Target (Rp triliun)", "triliun"), ("Target (Rp M)", "M"),
                             ("Target (ratusan rupiah)", "ratusan")):
            with self.subTest(header):
                rows = [["Sasaran", "Indikator", "Satuan", header, "Realisasi (Rp)"],
                        [SASARAN, "Nilai pinjaman dana bergulir", "Rupiah", 2, 1]]
                self.assertIn(f'rp.xlsx, sheet PK 2025, row 1, column {header} (D): "{word}" is not a scale kinerja '
                              f'reads; write the values in rupiah, or name the scale as ribu, juta or miliar',
                              self.refused(book(self.dir / "rp.xlsx", rows)))

    def test_an_actual_naming_no_unit_beside_a_scaled_target_is_refused(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target (Rp juta)", "Realisasi"],
                [SASARAN, "Nilai pinjaman dana bergulir", "Rupiah", "1.500", "1.250.000.000"]]
        self.assertIn('rp.xlsx, sheet PK 2025, row 1, column Realisasi (E): column Target (Rp juta) (D) gives its values '
                      'in juta, this one names no unit; write the unit in its header too (for example "Realisasi (Rp '
                      'juta)"), so that target and actual are read alike', self.refused(book(self.dir / "rp.xlsx", rows)))

    def test_a_rupiah_scale_over_an_indicator_in_percent_is_a_bad_row(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target (Rp juta)", "Realisasi (Rp juta)"],
                [SASARAN, "Nilai pinjaman dana bergulir", "Rupiah", "1.500", "1.250"],
                [SASARAN, "Persentase koperasi sehat", "%", 65, 60]]
        message = self.refused(book(self.dir / "rp.xlsx", rows))
        self.assertIn('rp.xlsx, sheet PK 2025, row 3, column Target (Rp juta) (D): the column is in rupiah (juta), but '
                      'the Satuan is %: a budget column, or the wrong Satuan? ("65")', message)
        self.assertNotIn("row 2", message)

    def test_scaled_rupiah_columns_beside_the_performance_in_percent_are_the_budget(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target (%)", "Realisasi (%)", "Target (Rp juta)",
                 "Realisasi (Rp juta)"],
                [SASARAN, "Persentase koperasi sehat", "%", "65,5", 60, 250, 240]]
        import_file(book(self.dir / "pct.xlsx", rows), self.office, 2025)
        self.assertEqual(self.values("Persentase koperasi sehat"), (Decimal("65.5"), Decimal(60)))


class PercentAbove100TestCase(SpellingsTestCase):
    def test_a_percentage_above_100_is_imported_with_a_warning_per_value(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Realisasi TW I"],
                [SASARAN, "Persentase koperasi sehat", "%", 85, 850, "101,5"],
                [SASARAN, "Persentase UMKM berizin", "persen", 85, 100, None],
                [SASARAN, "Jumlah koperasi aktif", "unit", 400, 410, 405]]
        summary = import_file(book(self.dir / "pct.xlsx", rows), self.office, 2025)
        self.assertEqual(Indicator.objects.get(name="Persentase koperasi sehat").actuals.get(quarter=None).value_number,
                         850)
        self.assertEqual([str(w) for w in summary.warnings], [
            "pct.xlsx, sheet PK 2025, row 2, column Realisasi (E): 850 is above 100 for a unit of %: right for a growth "
            "or a ratio, otherwise check that it is not a typo (850 for 85,0); it is imported as written",
            "pct.xlsx, sheet PK 2025, row 2, column Realisasi TW I (F): 101,5 is above 100 for a unit of %: right for "
            "a growth or a ratio, otherwise check that it is not a typo (850 for 85,0); it is imported as written"])

    def test_a_cell_formatted_as_percent_is_read_as_shown(self) -> None:
        path = book(self.dir / "fmt.xlsx", [["Sasaran", "Indikator", "Satuan", "Target", "Realisasi"],
                                            [SASARAN, "Persentase koperasi sehat", "%", 0.85, 8.5]])
        workbook = load_workbook(path)
        for cell in ("D2", "E2"):
            workbook.active[cell].number_format = "0%"
        workbook.save(path)
        summary = import_file(path, self.office, 2025)
        self.assertEqual([(w.row, w.column) for w in summary.warnings], [(2, "Realisasi (E)")])

    def test_the_csv_warning_names_no_sheet(self) -> None:
        path = self.dir / "pct.csv"
        path.write_text("Sasaran;Indikator;Satuan;Target;Realisasi\n"
                        f"{SASARAN};Persentase koperasi sehat;%;85;850\n", encoding="utf-8")
        summary = import_file(path, self.office, 2025)
        self.assertEqual(str(summary.warnings[0]).split(":")[0], "pct.csv, row 2, column Realisasi (E)")


class RevisedOtherYearTestCase(SpellingsTestCase):
    def test_a_revised_target_of_another_year_names_its_year(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target Perubahan 2024", "Realisasi"],
                [SASARAN, "Indeks kepuasan", "indeks", 82, 80]]
        self.assertIn('the column of 2025 is missing; the file has "Target perubahan 2024": import it as that year',
                      self.refused(book(self.dir / "pk.xlsx", rows)))


class ImplausibleTestCase(SpellingsTestCase):
    def test_a_fractional_count_and_a_figure_far_from_its_target_are_imported_with_a_warning(self) -> None:
        rows = [["Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Target TW I", "Realisasi TW I"],
                [SASARAN, "Jumlah koperasi dibina", "koperasi", 40, "80,5", 10, 200],
                [SASARAN, "Jumlah dokumen perencanaan", "dokumen", 4, 4, 1, 1]]
        summary = import_file(book(self.dir / "count.xlsx", rows), self.office, 2025)
        self.assertEqual(Indicator.objects.get(name="Jumlah koperasi dibina").actuals.get(quarter=None).value_number,
                         Decimal("80.5"))
        self.assertEqual([(w.row, w.column) for w in summary.warnings],
                         [(2, "Realisasi (E)"), (2, "Realisasi TW I (G)")])
        self.assertIn("80,5 koperasi is not a whole number", str(summary.warnings[0]))
        self.assertIn("it is imported as written", str(summary.warnings[0]))
        self.assertIn("200 is far from the target of 10 koperasi", str(summary.warnings[1]))  # its quarter's target
