"""A sasaran is named by the office's own code on every page and document (an RSUD whose Renstra has sasaran 1,
2 and 9 reads S9, not S3), by its place only where it has no code; an imported file's "Sasaran 9: …" gives the
new objective the code S9."""

from __future__ import annotations

import io
import tempfile
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
from django.test import SimpleTestCase
from django.utils import translation
from openpyxl import Workbook

from kinerja.performance import charts
from kinerja.performance.importer import import_file
from kinerja.performance.models import Objective
from kinerja.performance.renderers import docx as docx_renderer
from kinerja.performance.renderers import pdf, xlsx
from kinerja.performance.report import ObjectiveRow, build_report
from tests.base import TODAY, KinerjaTestCase

from .test_report_build import actual, add_indicator, target
from .test_report_render import pdf_text

D = Decimal
NAMES = {"S1": "Meningkatnya derajat kesehatan masyarakat", "S2": "Meningkatnya mutu pelayanan rumah sakit",
         "S9": "Meningkatnya akuntabilitas kinerja rumah sakit"}


class LabelTestCase(SimpleTestCase):
    def label(self, code: str, number: int = 4) -> str:
        return ObjectiveRow(number, "Sasaran", [], None, None, code=code).label

    def test_it_is_the_office_code(self) -> None:
        self.assertEqual(self.label("S9"), "S9")
        self.assertEqual(self.label("SS-2"), "SS-2")

    def test_a_code_that_is_only_a_number_reads_as_a_sasaran_number(self) -> None:
        self.assertEqual(self.label("9"), "S9")
        self.assertEqual(self.label(" 9. "), "S9")
        self.assertEqual(self.label("1.2"), "S1.2")

    def test_without_a_code_it_is_the_place(self) -> None:
        self.assertEqual(self.label(""), "S4")
        self.assertEqual(self.label("  "), "S4")


class ObjectiveCodeTestCase(KinerjaTestCase):
    """Sasaran 1, 2 and 9 of the office's Renstra (3 to 8 belong to another plan period, or to nobody)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for order, code in enumerate(NAMES, start=1):
            objective = Objective.objects.create(office=cls.office, code=code, name=NAMES[code], order=order,
                                                 plan_start_year=2021, plan_end_year=2026)
            indicator = add_indicator(objective, f"IK-0{order}", f"Indikator sasaran {code}")
            target(indicator, 2025, D("80"))
            actual(indicator, 2025, D("72.5"))

    def setUp(self) -> None:
        super().setUp()
        self.report = build_report(self.office, 2025, None, made_on=TODAY)

    def test_the_report_data_keeps_the_code(self) -> None:
        self.assertEqual([o.label for o in self.report.objectives], ["S1", "S2", "S9"])
        # The JSON a compiled version keeps names the code where it is not the place: a version compiled before
        # the code was printed then differs only where its document printed S3 for S9.
        self.assertEqual([o.get("code") for o in self.report.to_json()["objectives"]], [None, None, "S9"])

    def test_a_sasaran_coded_as_its_place_keeps_the_json_compiled_versions_have(self) -> None:
        # A compilation kept before codes were printed: no "code" (changed_since_compiled compares them).
        for kept in self.report.to_json()["objectives"][:2]:
            self.assertEqual(set(kept), {"number", "name", "achievement", "predicate"})

    def test_the_dashboard_names_it_by_its_code(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.get("/data/dashboard/?year=2025")
        self.assertContains(response, f"S9. {NAMES['S9']}", count=2)  # its card and its rows in the table
        self.assertNotContains(response, f"S3. {NAMES['S9']}")

    def test_the_chart_key_names_it_by_its_code(self) -> None:
        self.assertEqual([label for label, _name in charts.objective_key(self.report)], ["S1", "S2", "S9"])

    def test_the_pdf_names_it_by_its_code(self) -> None:
        text = " ".join(pdf_text(pdf.render(self.report)).split())
        self.assertIn("S9. Meningkatnya akuntabilitas", text)
        self.assertIn("Capaian Sasaran S9 ", text)
        self.assertNotIn("S3.", text)
        self.assertNotIn("Sasaran S3", text)

    def test_the_xlsx_names_it_by_its_code(self) -> None:
        book = openpyxl.load_workbook(io.BytesIO(xlsx.render(self.report)))
        main = book.worksheets[0]
        self.assertIn(f"S9. {NAMES['S9']}", [c.value for c in main["C"]])
        self.assertIn(f"S9. {NAMES['S9']}", [c.value for c in book["Bukti Dukung"]["C"]])

    def test_the_docx_names_it_by_its_code(self) -> None:
        document = docx.Document(io.BytesIO(docx_renderer.render(self.report)))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        self.assertIn(f"Sasaran S9: {NAMES['S9']}", headings)
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        self.assertIn(f"S9. {NAMES['S9']}", cells)
        self.assertFalse([h for h in headings if h.startswith("Sasaran S3")])


class ImportedObjectiveCodeTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-code-"))
        self.enterContext(translation.override("en"))

    def book(self, rows: list[list[object]], head: list[str]) -> Path:
        book = Workbook()
        sheet = book.active
        sheet.append(head)
        for row in rows:
            sheet.append(row)
        path = self.dir / "rsud.xlsx"
        book.save(path)
        return path

    def codes(self) -> dict[str, str]:
        return dict(Objective.objects.filter(office=self.office).values_list("code", "name"))

    def test_a_sasaran_column_numbering_its_sasaran_gives_their_codes(self) -> None:
        head = ["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi"]
        import_file(self.book([
            ["IK-01", f"Sasaran 1: {NAMES['S1']}", "Angka kematian ibu", "per 100.000 KH", "Negatif", 90, 85],
            ["IK-02", f"S2. {NAMES['S2']}", "Indeks kepuasan masyarakat", "indeks", "Positif", "82,5", "83,1"],
            ["IK-09", f"9. {NAMES['S9']}", "Nilai SAKIP", "nilai", "Positif", 70, "71,25"],
        ], head), self.office, 2025)
        self.assertEqual(self.codes(), NAMES)
        report = build_report(self.office, 2025, None, made_on=TODAY)
        self.assertEqual([o.label for o in report.objectives], ["S1", "S2", "S9"])

    def test_heading_rows_numbering_their_sasaran_give_their_codes(self) -> None:
        head = ["No", "Indikator", "Satuan", "Target", "Realisasi"]
        import_file(self.book([
            [f"Sasaran 1: {NAMES['S1']}"],
            [1, "Angka kematian ibu", "per 100.000 KH", 90, 85],
            [f"I. Sasaran 9: {NAMES['S9']}"],
            [2, "Nilai SAKIP", "nilai", 70, "71,25"],
        ], head), self.office, 2025)
        self.assertEqual(self.codes(), {"S1": NAMES["S1"], "S9": NAMES["S9"]})

    def test_an_objective_saved_with_its_number_in_its_name_is_found_again(self) -> None:
        Objective.objects.create(office=self.office, code="S1", name=f"S9. {NAMES['S9']}", order=1,
                                 plan_start_year=2021, plan_end_year=2026)
        head = ["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi"]
        import_file(self.book([["IK-09", f"S9. {NAMES['S9']}", "Nilai SAKIP", "nilai", "Positif", 70, 71]], head),
                    self.office, 2025)
        self.assertEqual(Objective.objects.filter(office=self.office).count(), 1)

    def test_the_exported_workbook_imports_back_into_the_same_objectives(self) -> None:
        objective = Objective.objects.create(office=self.office, code="S9", name=NAMES["S9"], order=1,
                                             plan_start_year=2021, plan_end_year=2026)
        indicator = add_indicator(objective, "IK-09", "Nilai SAKIP", "nilai")
        target(indicator, 2025, D("70"))
        path = self.dir / "export.xlsx"
        path.write_bytes(xlsx.render(build_report(self.office, 2025, None, made_on=TODAY)))
        import_file(path, self.office, 2025, sheet="Capaian")
        self.assertEqual(self.codes(), {"S9": NAMES["S9"]})

    def test_an_objective_kinerja_numbered_by_its_place_takes_the_file_s_number(self) -> None:
        # Imported before the number was read: S4, its place. The file says it is sasaran 9.
        Objective.objects.create(office=self.office, code="S4", name=NAMES["S9"], order=4,
                                 plan_start_year=2021, plan_end_year=2026)
        head = ["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi"]
        summary = import_file(self.book([["IK-09", f"Sasaran 9: {NAMES['S9']}", "Nilai SAKIP", "nilai", "Positif",
                                          70, 71]], head), self.office, 2025)
        self.assertEqual(self.codes(), {"S9": NAMES["S9"]})
        self.assertEqual([str(w) for w in summary.warnings], [
            f'rsud.xlsx, sheet Sheet, row 2, column Sasaran (B): the Sasaran "{NAMES["S9"]}" takes the code S9 the file '
            'numbers it with (it was S4): the pages and reports name it S9 from now on'])

    def test_a_number_another_sasaran_has_is_said_and_not_taken(self) -> None:
        Objective.objects.create(office=self.office, code="S9", name=NAMES["S1"], order=1,
                                 plan_start_year=2025, plan_end_year=2029)
        head = ["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi"]
        summary = import_file(self.book([["IK-09", f"Sasaran 9: {NAMES['S9']}", "Nilai SAKIP", "nilai", "Positif",
                                          70, 71]], head), self.office, 2025)
        self.assertEqual(self.codes(), {"S9": NAMES["S1"], "S2": NAMES["S9"]})
        self.assertEqual([str(w) for w in summary.warnings], [
            f'rsud.xlsx, sheet Sheet, row 2, column Sasaran (B): the file numbers the Sasaran "{NAMES["S9"]}" S9, but '
            f'S9 is "{NAMES["S1"]}" in kinerja; it stays S2. If the file is right, correct the codes in kinerja and '
            'import it again'])
