"""A value as offices write it ("± 85", "85 %", "≥ 80", "85 persen") is read by one function, written.read_written,
for the spreadsheet import and for the web pages: the input page accepts exactly what the import accepts, and refuses
what neither accepts in the same words. Grade targets written with "at most" ("Maksimal BB", "Paling tinggi B",
"Tidak lebih dari BB") are read as such; a grade no result can meet ("> AA") is warned of, naming row, column and value;
a maintain-type polarity ("Tetap", "Stabil", "Dipertahankan") is refused naming row, column and value; the import
page's guide and the template's Petunjuk sheet list the words from the parser's own lists."""

from __future__ import annotations

import re
import tempfile
from decimal import Decimal
from pathlib import Path

from django.test import TestCase
from django.utils.html import escape
from openpyxl import Workbook, load_workbook

from kinerja.org import actions as org
from kinerja.performance import achievement, actions
from kinerja.performance.achievement import AT_LEAST, AT_MOST, LESS_THAN, MORE_THAN, text_target_met, unreachable_grade
from kinerja.performance.importer import (
    DIRECTION_HEADERS,
    MAINTAIN_WORDS,
    ImportFailed,
    _polarity_word,
    guide,
    import_file,
    write_template,
)
from kinerja.performance.models import Actual, Indicator, Objective, Target
from kinerja.performance.numbers import NumberError
from kinerja.performance.written import APPROXIMATE, ESTIMATE_MARKS, read_written
from tests.base import KinerjaTestCase

D = Decimal
SASARAN = "Meningkatnya kualitas pelayanan publik"
NINETY = D(90)
# (as written, the number read, written as an estimate)
ACCEPTED = [("± 85", D(85), True), ("85 %", D(85), False), ("85,5%", D("85.5"), False), ("85 persen", D(85), False),
            ("±85 %", D(85), True), ("+/- 85", D(85), True), ("kurang lebih 85,5", D("85.5"), True),
            ("≥ 85", D(85), False), ("minimal 85 %", D(85), False), ("85,5 *)", D("85.5"), False),
            ("75,20 (BB)", D("75.20"), False), ("sekitar 85", D(85), True)]
REFUSED = ["80 - 90", "1.5", "delapan puluh", "1,725.50", "85 %%"]


def book(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "PK"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


class ReadWrittenTestCase(TestCase):
    def test_every_accepted_form_is_read_to_its_number(self) -> None:
        for written, number, estimate in ACCEPTED:
            with self.subTest(written):
                read = read_written(written)
                self.assertEqual((read.number, read.estimate), (number, estimate))

    def test_a_comparison_gives_the_polarity_at_most_too(self) -> None:
        self.assertEqual(read_written("Maksimal 5 %").polarity, Indicator.Polarity.LOWER_IS_BETTER)
        self.assertEqual(read_written("Tidak lebih dari 5").polarity, Indicator.Polarity.LOWER_IS_BETTER)
        self.assertEqual(read_written("paling sedikit 80").polarity, Indicator.Polarity.HIGHER_IS_BETTER)
        self.assertEqual(read_written("85").polarity, "")

    def test_the_unit_after_the_number_and_a_scale_word(self) -> None:
        self.assertEqual(read_written("12 dokumen", units=("dokumen",)).number, D(12))
        self.assertEqual(read_written("Rp 1,2 miliar", units=("Rupiah",)).number, D(1200000000))
        self.assertEqual(read_written("1,5 juta", units=("juta rupiah",)).number, D("1.5"))
        with self.assertRaises(NumberError):
            read_written("12 dokumen", units=("unit",))

    def test_what_is_refused(self) -> None:
        for written in REFUSED:
            with self.subTest(written), self.assertRaises(NumberError):
                read_written(written)

    def test_the_problem_names_the_value_as_written_not_what_was_left_of_it(self) -> None:
        for written in ("<b>", "± 1.5", "≥ abc"):
            with self.subTest(written), self.assertRaises(NumberError) as caught:
                read_written(written)
            self.assertIn(f'"{written}"', caught.exception.problem)


class GradeTargetTestCase(TestCase):
    def test_an_at_most_grade_is_met_by_that_grade_or_a_lower_one(self) -> None:
        for target in ("Maksimal BB", "Paling tinggi BB", "Tidak lebih dari BB", "≤ BB", "maks. BB"):
            with self.subTest(target):
                self.assertTrue(text_target_met(target, "BB"))
                self.assertTrue(text_target_met(target, "B"))
                self.assertTrue(text_target_met(target, "D"))
                self.assertFalse(text_target_met(target, "A"))
                self.assertFalse(text_target_met(target, "AA"))

    def test_less_than_a_grade_is_met_by_a_lower_one_only(self) -> None:
        self.assertFalse(text_target_met("Di bawah BB", "BB"))
        self.assertTrue(text_target_met("Di bawah BB", "B"))
        self.assertFalse(text_target_met("Kurang dari WDP", "WTP"))
        self.assertTrue(text_target_met("Kurang dari WDP", "TW"))

    def test_at_least_and_more_than_are_read_as_before(self) -> None:
        self.assertTrue(text_target_met("Minimal BB", "BB"))
        self.assertTrue(text_target_met("Minimal BB", "A"))
        self.assertFalse(text_target_met("Minimal BB", "B"))
        self.assertFalse(text_target_met("Di atas B", "B"))
        self.assertTrue(text_target_met("> B", "BB"))
        self.assertEqual(achievement.grade_target("Di atas B"), ("B", True))

    def test_a_grade_no_result_can_meet(self) -> None:
        self.assertIn("AA", unreachable_grade("> AA"))
        self.assertIn("WTP", unreachable_grade("Di atas WTP"))
        self.assertIn("D", unreachable_grade("< D"))
        self.assertIn("SANGAT BAIK", unreachable_grade("Lebih dari Sangat Baik"))
        for reachable in ("AA", "Minimal AA", "> A", "Maksimal AA", "< C", "WTP", "Minimal D", "≥ 80"):
            with self.subTest(reachable):
                self.assertEqual(unreachable_grade(reachable), "")
        self.assertFalse(text_target_met("> AA", "AA"))


class ImportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.office = org.create_office(code="disdik", name="Dinas Pendidikan Kota Contoh", short_name="Disdik",
                                       city="Contoh")
        org.add_unit(cls.office, "Sekretariat", "secretariat")
        org.add_unit(cls.office, "Bidang Pembinaan SD", "division")

    def setUp(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="perf-written-"))

    def test_an_at_most_grade_target_is_imported_and_met_by_a_lower_grade(self) -> None:
        path = book(self.dir / "pk.xlsx", ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi"],
                    [[1, SASARAN, "Tingkat risiko penyimpangan", "predikat", "Maksimal BB", "B"],
                     [2, SASARAN, "Predikat risiko layanan", "predikat", "Paling tinggi B", "A"]])
        summary = import_file(path, self.office, 2025)
        self.assertEqual(summary.warnings, [])
        targets = dict(Target.objects.filter(indicator__office=self.office).values_list("indicator__name",
                                                                                        "value_text"))
        self.assertEqual(targets, {"Tingkat risiko penyimpangan": "Maksimal BB", "Predikat risiko layanan":
                                   "Paling tinggi B"})
        self.assertTrue(achievement.evaluate("Maksimal BB", "B").met)
        self.assertFalse(achievement.evaluate("Paling tinggi B", "A").met)

    def test_a_grade_no_result_can_meet_is_imported_with_a_warning_naming_row_column_and_value(self) -> None:
        path = book(self.dir / "pk.xlsx", ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi"],
                    [[1, SASARAN, "Nilai SAKIP", "predikat", "BB", "BB"],
                     [2, SASARAN, "Opini BPK", "opini", "Di atas WTP", "WTP"]])
        summary = import_file(path, self.office, 2025, dry_run=True)
        self.assertEqual(len(summary.warnings), 1)
        warning = str(summary.warnings[0])
        self.assertIn("baris 3", warning)
        self.assertIn("Target (E)", warning)
        self.assertIn('"Di atas WTP"', warning)
        self.assertIn("tidak akan pernah tercapai", warning)

    def test_a_maintain_polarity_is_refused_naming_row_column_and_value(self) -> None:
        cases = [
            (["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Arah"],
             [[1, SASARAN, "Rasio guru terhadap murid", "rasio", 20, "Tetap"],
              [2, SASARAN, "Angka partisipasi murni SD", "%", 98, "Meningkat"]], "Arah (F)", "Tetap", 2),
            (["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Kondisi yang diharapkan"],
             [[1, SASARAN, "Rasio guru terhadap murid", "rasio", 20, "Stabil"]], "Kondisi yang diharapkan (F)",
             "Stabil", 2),
            (["No", "Sasaran", "Indikator Kinerja", "Satuan", "Polaritas", "Target"],
             [[1, SASARAN, "Angka partisipasi murni SD", "%", "Positif", 98],
              [2, SASARAN, "Rasio guru terhadap murid", "rasio", "Dipertahankan", 20]], "Polaritas (E)",
             "Dipertahankan", 3),
        ]
        for header, rows, column, value, row in cases:
            with self.subTest(value):
                with self.assertRaises(ImportFailed) as caught:
                    import_file(book(self.dir / "pk.xlsx", header, rows), self.office, 2025)
                problems = [str(e) for e in caught.exception.errors]
                self.assertEqual(len(problems), 1, problems)
                self.assertIn(f"baris {row}", problems[0])
                self.assertIn(column, problems[0])
                self.assertIn(f'("{value}")', problems[0])
                self.assertIn("Positif atau Negatif", problems[0])
                self.assertFalse(Indicator.objects.filter(office=self.office).exists())

    def test_a_direction_that_only_mentions_tetap_with_a_way_is_read(self) -> None:
        path = book(self.dir / "pk.xlsx", ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Arah"],
                    [[1, SASARAN, "Angka putus sekolah", "%", "0,5", "Menurun"],
                     [2, SASARAN, "Angka partisipasi murni SD", "%", 98, "Meningkat"]])
        import_file(path, self.office, 2025)
        self.assertEqual(dict(Indicator.objects.filter(office=self.office).values_list("name", "polarity")),
                         {"Angka putus sekolah": Indicator.Polarity.LOWER_IS_BETTER,
                          "Angka partisipasi murni SD": Indicator.Polarity.HIGHER_IS_BETTER})

    def test_an_at_most_number_target_is_lower_is_better(self) -> None:
        path = book(self.dir / "pk.xlsx", ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi"],
                    [[1, SASARAN, "Persentase sekolah rusak berat", "%", "Maksimal 5 %", "4"]])
        import_file(path, self.office, 2025)
        indicator = Indicator.objects.get(office=self.office)
        self.assertEqual(indicator.polarity, Indicator.Polarity.LOWER_IS_BETTER)
        self.assertEqual(indicator.targets.get().value_number, D(5))


class GuideTestCase(TestCase):
    def test_the_guide_lists_the_parser_s_own_words(self) -> None:
        text = "\n".join(guide().lines())
        for word in (*AT_LEAST, *MORE_THAN, *AT_MOST, *LESS_THAN, *ESTIMATE_MARKS):
            self.assertIn(word, text)
        for word in MAINTAIN_WORDS:
            self.assertIn(word.capitalize(), text)
        for header in DIRECTION_HEADERS:
            self.assertIn(f'"{header.capitalize()}"', text)
        for scale in achievement.TEXT_SCALES:
            self.assertIn(", ".join(scale), text)

    def test_each_word_the_guide_lists_is_read_as_it_says(self) -> None:
        listed = guide()
        for word in listed.positive:
            self.assertEqual(_polarity_word(word), "positif", word)
        for word in listed.negative:
            self.assertEqual(_polarity_word(word), "negatif", word)
        for mark in listed.estimate:
            self.assertIsNotNone(APPROXIMATE.match(f"{mark} 85"), mark)
            self.assertTrue(read_written(f"{mark} 85").estimate, mark)
        for word in listed.at_least:
            self.assertEqual(read_written(f"{word} 80").polarity, Indicator.Polarity.HIGHER_IS_BETTER, word)
        for word in listed.at_most:
            self.assertEqual(read_written(f"{word} 80").polarity, Indicator.Polarity.LOWER_IS_BETTER, word)

    def test_the_template_has_the_guide_on_a_sheet_the_import_does_not_read(self) -> None:
        path = write_template(Path(tempfile.mkdtemp(prefix="perf-guide-")) / "template.xlsx")
        workbook = load_workbook(path)
        self.assertEqual(workbook.sheetnames, ["Data Kinerja", "Petunjuk"])
        lines = [row[0] for row in workbook["Petunjuk"].iter_rows(values_only=True)]
        self.assertEqual(lines, guide().lines())
        self.assertTrue(any("Arah" in line for line in lines))
        office = org.create_office(code="tpl", name="Dinas Contoh", short_name="Contoh", city="Contoh")
        org.add_unit(office, "Bidang Kelembagaan", "division")
        summary = import_file(path, office, 2025, dry_run=True)
        self.assertEqual(summary.rows, 1)


class WebValuesTestCase(KinerjaTestCase):
    """The input page and the targets page read what the import reads."""

    def setUp(self) -> None:
        super().setUp()
        self.division = self.built.divisions[0]
        self.contact = self.contacts[0]
        self.objective = Objective.objects.create(office=self.office, code="S9", name=SASARAN, plan_start_year=2021,
                                                  plan_end_year=2026)
        self.dir = Path(tempfile.mkdtemp(prefix="perf-written-web-"))

    def indicator(self, code: str, unit: str = "%", polarity: str = Indicator.Polarity.HIGHER_IS_BETTER,
                  target: Decimal = NINETY) -> Indicator:
        indicator = Indicator.objects.create(office=self.office, objective=self.objective, code=code,
                                             name=f"Persentase layanan {code}", unit=unit, polarity=polarity,
                                             division=self.division)
        Target.objects.create(indicator=indicator, year=2025, kind="agreement", value_number=target)
        return indicator

    def post(self, indicator: Indicator, value: str, **extra: str) -> object:
        return self.client.post(f"/data/input/{indicator.pk}/", {
            "year": 2025, "quarter": 1, f"i{indicator.pk}-value": value,
            **{f"i{indicator.pk}-{k}": v for k, v in extra.items()}})

    def imported(self, values: list[str]) -> list[Decimal]:
        path = book(self.dir / "realisasi.xlsx",
                    ["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi", "Bidang"],
                    [[f"W{i}", SASARAN, f"Persentase layanan W{i}", "%", "Positif", 90, value, self.division.name]
                     for i, value in enumerate(values)])
        import_file(path, self.office, 2025)
        return [Actual.objects.get(indicator__code=f"W{i}", indicator__office=self.office, year=2025,
                                   quarter=None).value_number for i in range(len(values))]

    def test_the_input_page_accepts_what_the_import_accepts_with_the_same_number(self) -> None:
        by_import = self.imported([written for written, _n, _e in ACCEPTED])
        self.client.force_login(self.contact)
        for i, (written, number, estimate) in enumerate(ACCEPTED):
            with self.subTest(written):
                indicator = self.indicator(f"V{i}")
                response = self.post(indicator, written)
                if estimate:  # warned as the import warns, saved once confirmed
                    self.assertEqual(response.status_code, 400)
                    self.assertContains(response, escape(f'"{written}" dibaca sebagai'), status_code=400)
                    self.assertFalse(Actual.objects.filter(indicator=indicator).exists())
                    response = self.post(indicator, written, confirm=written)
                self.assertEqual(response.status_code, 302, response.content.decode()[-2000:])
                saved = Actual.objects.get(indicator=indicator, year=2025, quarter=1).value_number
                self.assertEqual(saved, number)
                self.assertEqual(saved, by_import[i])

    def test_what_neither_accepts_is_refused_in_the_same_words(self) -> None:
        self.client.force_login(self.contact)
        indicator = self.indicator("R1")
        for written in REFUSED:
            with self.subTest(written):
                try:
                    read_written(written)
                except NumberError as e:
                    problem = e.problem
                with self.assertRaises(ImportFailed) as caught:
                    self.imported([written])
                self.assertIn(problem, str(caught.exception))
                response = self.post(indicator, written)
                self.assertContains(response, escape(problem), status_code=400)
                self.assertFalse(Actual.objects.filter(indicator=indicator).exists())

    def test_a_percentage_written_out_is_refused_for_a_unit_not_in_percent(self) -> None:
        self.client.force_login(self.contact)
        indicator = self.indicator("K1", unit="kali", target=D(4))
        response = self.post(indicator, "12 persen")
        self.assertContains(response, "persentase", status_code=400)
        self.assertFalse(Actual.objects.filter(indicator=indicator).exists())

    def test_a_comparison_against_the_indicator_s_polarity_is_refused(self) -> None:
        indicator = self.indicator("P1")
        with self.assertRaises(actions.FieldError) as caught:
            actions.read_actual(indicator, 2025, "≤ 85")
        self.assertIn('"≤ 85"', str(caught.exception))
        self.assertEqual(actions.read_actual(indicator, 2025, "≥ 85"), (D(85), ""))

    def test_the_targets_page_reads_at_most_and_warns_of_a_grade_no_result_can_meet(self) -> None:
        self.client.force_login(self.staff)
        lower = self.indicator("T1", polarity=Indicator.Polarity.LOWER_IS_BETTER, target=D(10))
        response = self.client.post(f"/data/indicators/{lower.pk}/targets/?year=2025", {"agreement": "Maksimal 5 %"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(lower.targets.get(year=2025, kind="agreement").value_number, D(5))
        higher = self.indicator("T2")
        response = self.client.post(f"/data/indicators/{higher.pk}/targets/?year=2025", {"agreement": "Maksimal 5 %"})
        self.assertContains(response, escape('"Maksimal 5 %"'), status_code=200)
        self.assertEqual(higher.targets.get(year=2025, kind="agreement").value_number, D(90))
        grade = Indicator.objects.create(office=self.office, objective=self.objective, code="T3", name="Nilai SAKIP",
                                         unit="predikat", division=self.division)
        response = self.client.post(f"/data/indicators/{grade.pk}/targets/?year=2025", {"agreement": "> AA"},
                                    follow=True)
        page = re.sub(r"\s+", " ", response.content.decode())
        self.assertIn(escape('"> AA" tidak akan pernah tercapai'), page)
        self.assertEqual(grade.targets.get(year=2025, kind="agreement").value_text, "> AA")
