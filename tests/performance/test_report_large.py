"""The report renderers with an office they were not drawn for: eight sasaran, one of them over twenty-five
indicators, indicator names of 250 characters, budgets in the billions with decimals, achievement of
1.250%, zero targets and missing actuals. Read back as a reader would see them: words on the page and
not over each other, the table's header and its sasaran on every page, rows whole, and the spreadsheet's
columns and rows large enough for what they hold."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import docx
import openpyxl
from django.test import SimpleTestCase
from docx.oxml.ns import qn

from kinerja.correspondence.renderers.documents import INITIALS_BOX, INITIALS_SIZE
from kinerja.correspondence.renderers.pdf import INITIALS_ANCHOR, stamp_place
from kinerja.performance.numbers import format_number, format_value
from kinerja.performance.renderers import agreement, pdf, xlsx
from kinerja.performance.renderers import docx as docx_renderer
from kinerja.performance.report import Approver, BudgetRow, IndicatorRow, ObjectiveRow, ReportData, YearValue
from tests.pdf_layout import off_page, overlapping, page_texts, pages

from .test_report_render import sample_report

D = Decimal
NAME = ("Persentase perempuan korban kekerasan fisik, psikis, seksual, penelantaran dan tindak pidana perdagangan "
        "orang yang mendapatkan layanan komprehensif sesuai standar pelayanan minimal bidang sosial di seluruh "
        "kecamatan Kabupaten Tulang Bawang Barat ({n})")
OBJECTIVE = ("Meningkatnya kualitas hidup dan peran perempuan serta terpenuhinya hak dan perlindungan khusus anak "
             "melalui penguatan kelembagaan dan layanan terpadu sasaran {k}")


def indicator(k: int, n: int) -> IndicatorRow:
    """The n-th indicator, of the k-th objective: every tenth kind of difficult value in turn."""
    unit, target, actual, achievement, note = [
        ("Rp", D("12500000000.75"), D("11875250000.50"), D("95.00"), ""),
        ("%", D("0"), D("92.345"), None, "Target nol: capaian tidak dihitung"),
        ("dokumen", D("40"), D("500"), D("1250.00"), ""),
        ("juta rupiah", D("1250000.5"), D("1312500.25"), D("105.00"), ""),
        ("orang", D("40"), None, None, "Belum ada realisasi"),
    ][n % 5]
    return IndicatorRow(
        f"IKU-{k}.{n:02d}", OBJECTIVE.format(k=k), NAME.format(n=n), unit, n % 7 == 0, target, actual, achievement,
        "Sangat Tinggi" if achievement else None, note=note, division="UPTD Perlindungan Perempuan dan Anak",
        obstacles="Keterbatasan anggaran pendampingan di desa. " * 4 if n % 6 == 0 else "",
        history=[YearValue(2024, target, D("10987654321.25") if unit == "Rp" else D("35"), D("87.90"))])


def large_report() -> ReportData:
    sizes = [25, 8, 6, 4, 3, 2, 1, 1]
    objectives, n = [], 0
    for k, size in enumerate(sizes, start=1):
        rows = [indicator(k, n + j) for j in range(1, size + 1)]
        n += size
        objectives.append(ObjectiveRow(k, OBJECTIVE.format(k=k), rows, D("243.45"), "Sangat Tinggi"))
    budget = [BudgetRow(f"1.02.{k:02d} Program Perlindungan Perempuan dan Pemenuhan Hak Anak Kabupaten/Kota nomor {k}",
                        D("4875123456.78") * k, D("4123987654.32") * k, D("84.59"), D("1243.04"), D("1158.45"), True,
                        [BudgetRow("Kegiatan Penyediaan Layanan Rujukan Akhir", D("1234567890.12"), D("1111111111.11"),
                                   D("90.00"), None, None, None)])
              for k in range(1, 13)]
    office = ("Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana "
              "Kabupaten Tulang Bawang Barat")
    return ReportData(
        office_code="dp3appkb", office_name=office, city="Kabupaten Tulang Bawang Barat",
        letterhead=["PEMERINTAH KABUPATEN TULANG BAWANG BARAT", office.upper(),
                    "Kompleks Perkantoran Pemerintah Daerah Blok C Nomor 12-14, Jalan Raya Marga Kencana, Kelurahan "
                    "Panaragan Jaya Indah, Kecamatan Tulang Bawang Tengah, Provinsi Lampung 34693"],
        year=2025, quarter=None, objectives=objectives, budget=budget,
        initials=[Approver("subsection_head", "Kepala Subbagian Perencanaan", "Contoh Kasubbag")],
        signer=Approver("head", "Kepala Dinas", "Dr. Contoh Kadis", "19750427 200003 2 001"),
        made_on=dt.date(2026, 1, 15), history_years=[2024])


def indicator_pages(texts: list[str], prefix: str) -> list[int]:
    return [k for k, text in enumerate(texts) if re.search(rf"{re.escape(prefix)}\d\d ", text)]


class LargeReportPdfTestCase(SimpleTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.report = large_report()
        cls.data = pdf.render(cls.report)
        cls.pages = pages(cls.data)
        cls.texts = page_texts(cls.data)
        cls.layout_texts = page_texts(cls.data, layout=True)

    def test_no_word_leaves_its_page_or_runs_over_another(self) -> None:
        for k, page in enumerate(self.pages, start=1):
            self.assertEqual(off_page(page), [], f"page {k}")
            # A budget in the billions in a column sized for thousands ran into the next cell.
            self.assertEqual([(a.text, b.text) for a, b in overlapping(page)], [], f"page {k}")

    def test_the_chart_of_eight_sasaran_prints_its_labels_as_large_as_the_text(self) -> None:
        # One chart of eight sasaran, scaled down to fit its page, printed them at 7 pt: two charts of four,
        # each on a page with its key, print them at 11 pt (a word's box is about 1,15 times its size).
        first = next(k for k, text in enumerate(self.texts) if "Capaian per Sasaran (%) – S1 s.d. S4" in text)
        self.assertIn("Capaian per Sasaran (%) – S5 s.d. S8", self.texts[first] + self.texts[first + 1])
        # A label is printed on the chart, and at 8,5 pt in the key under it (and the table's subtotal rows).
        heights: dict[str, list[float]] = {}
        for k in (first, first + 1):
            for w in self.pages[k].words:
                if re.fullmatch(r"S\d", w.text):
                    heights.setdefault(w.text, []).append(w.y1 - w.y0)
        self.assertEqual(sorted(heights), [f"S{k}" for k in range(1, 9)])
        body = next(w for w in self.pages[first].words if w.text == "Meningkatnya")  # the key's text
        for label, found in heights.items():
            self.assertGreaterEqual(len(found), 2, label)
            self.assertGreater(max(found), 11.5, label)
            self.assertGreater(max(found), body.y1 - body.y0, label)

    def test_big_figures_print_whole_the_indonesian_way(self) -> None:
        words = {w.text for page in self.pages for w in page.words}
        for figure in ["12.500.000.000,75", "11.875.250.000,50", "1.250,00%", "92,345", "1.312.500,25"]:
            self.assertIn(figure, words)

    def test_the_cover_is_upright_and_the_tables_print_across_the_page(self) -> None:
        self.assertFalse(self.pages[0].landscape)
        self.assertTrue(all(page.landscape for page in self.pages[1:]))

    def test_every_page_of_the_table_repeats_its_header_and_names_the_sasaran_it_continues(self) -> None:
        chart = next(k for k, text in enumerate(self.texts) if "II. Grafik" in text)
        first = [k for k in indicator_pages(self.texts, "IKU-1.") if k <= chart]
        self.assertGreater(len(first), 2)  # the first sasaran runs over several pages
        for k in first:
            text = " ".join(self.texts[k].split())
            self.assertIn("Indikator", text, f"page {k + 1}")
            self.assertIn("Realisasi", text, f"page {k + 1}")
            self.assertIn("S1.", text, f"page {k + 1}")
        for k in first[1:]:
            self.assertIn("(lanjutan) S1.", " ".join(self.texts[k].split()), f"page {k + 1}")
        self.assertNotIn("(lanjutan)", self.texts[first[0]])

    def test_a_row_is_never_split_between_pages(self) -> None:
        for n in range(1, 51):
            code = f"IKU-{1 if n <= 25 else '[0-9]'}.{n:02d} "
            found = [k for k in indicator_pages(self.texts, "IKU-") if re.search(code, self.texts[k])]
            if found:
                # The name ends on the page where the row starts: "(n)" closes the indicator name.
                start = min(found)
                self.assertIn(f"Barat ({n})", " ".join(self.texts[start].split()), f"IKU row {n}")

    def test_the_page_number_stays_on_one_line(self) -> None:
        total = len(self.pages)
        for k in range(1, total):
            self.assertIn(f"Halaman {k + 1} dari {total}", self.layout_texts[k])

    def test_the_stamps_never_stand_alone_on_the_last_page(self) -> None:
        page, _box = stamp_place(self.data, INITIALS_ANCHOR, INITIALS_SIZE, INITIALS_BOX)
        self.assertEqual(page, len(self.pages) - 1)
        footer = {"Data", "Kinerja", "Halaman", "dari"}
        body = [w for w in self.pages[page].words if w.text not in footer and w.y1 < self.pages[page].height - 60]
        self.assertGreater(len(body), 10)


class ApprovalAfterFullPageTestCase(SimpleTestCase):
    """Whatever the length of the last table, the reserved place of the initials and the signature
    shares its page with the end of the report (it used to land alone on a page when the table filled one)."""

    def test_the_approval_keeps_company_for_every_length_of_the_last_table(self) -> None:
        for extra in range(0, 14, 2):
            report = sample_report()
            for n in range(extra):
                report.objectives[0].indicators.append(IndicatorRow(
                    f"IK-9{n}", "x", f"Indikator dengan kendala panjang {n}", "%", False, D(1), D(1), D(100),
                    "Sangat Tinggi",
                    obstacles="Kendala pendataan di lapangan yang berulang setiap triwulan. " * 5,
                    solutions="Pendampingan dan pemutakhiran data bersama bidang. " * 5))
            data = pdf.render(report)
            page, _box = stamp_place(data, INITIALS_ANCHOR, INITIALS_SIZE, INITIALS_BOX)
            text = page_texts(data)[page]
            self.assertRegex(text, r"IK-|Tidak ada kendala|Belum ada data", f"{extra} extra indicators")


class NumberTestCase(SimpleTestCase):
    def test_a_value_keeps_the_decimals_it_was_entered_with_up_to_four(self) -> None:
        self.assertEqual(format_value(D("0.0125")), "0,0125")
        self.assertEqual(format_value(D("92.345")), "92,345")
        self.assertEqual(format_value(D("1725.5")), "1.725,50")
        self.assertEqual(format_value(D("1250")), "1.250")
        self.assertEqual(format_value(D("-1250.5")), "-1.250,50")
        self.assertEqual(format_value(D("1.23456")), "1,2346")


class LargeAgreementTestCase(SimpleTestCase):
    def test_each_page_of_a_long_sasaran_names_it_and_no_word_runs_over_another(self) -> None:
        data = agreement.render(large_report())
        texts = page_texts(data)
        first = [k for k, t in enumerate(texts) if "sasaran 1" in " ".join(t.split()) or "(lanjutan)" in t]
        self.assertGreater(len(first), 2)
        for k, page in enumerate(pages(data), start=1):
            self.assertEqual(off_page(page), [], f"page {k}")
            self.assertEqual(overlapping(page), [], f"page {k}")
        self.assertIn("12.500.000.000,75 Rp", " ".join(" ".join(texts).split()))


class LargeXlsxTestCase(SimpleTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.book = openpyxl.load_workbook(io.BytesIO(xlsx.render(large_report())))

    def test_every_number_column_is_as_wide_as_its_widest_value(self) -> None:
        # Narrower, a spreadsheet shows ### instead of the figure.
        for sheet in self.book.worksheets:
            for row in sheet.iter_rows(min_row=5):
                for cell in row:
                    if isinstance(cell.value, int | float):
                        places = len(cell.number_format.partition(".")[2])
                        shown = format_number(D(str(cell.value)), places)
                        width = sheet.column_dimensions[cell.column_letter].width
                        self.assertGreaterEqual(width, len(shown) + 1, f"{sheet.title}!{cell.coordinate} {shown}")

    def test_every_row_is_tall_enough_for_its_wrapped_text(self) -> None:
        sheet = self.book["Capaian"]
        for row in sheet.iter_rows(min_row=5):
            name = row[3]
            width = sheet.column_dimensions[name.column_letter].width
            lines = -(-len(name.value) // int(width * 1.2))  # at most 1.2 characters per width unit
            self.assertGreaterEqual(sheet.row_dimensions[name.row].height or 0, lines * 14, name.coordinate)
            self.assertTrue(name.alignment.wrap_text)

    def test_percentages_group_their_thousands(self) -> None:
        sheet = self.book["Capaian"]
        far = next(r for r in sheet.iter_rows(min_row=5) if r[8].value == 1250)
        self.assertEqual(far[8].number_format, "#,##0.00")
        self.assertEqual(format_number(D(far[8].value), 2), "1.250,00")

    def test_a_value_with_three_decimals_keeps_them(self) -> None:
        sheet = self.book["Capaian"]
        row = next(r for r in sheet.iter_rows(min_row=5) if r[7].value == 92.345)
        self.assertEqual(row[7].number_format, "#,##0.000")

    def test_the_budget_sums_its_programs_not_their_activities(self) -> None:
        sheet = self.book["Anggaran"]
        total = next(r for r in sheet.iter_rows(min_row=5) if r[1].value == "Jumlah")
        last = total[0].row - 1
        self.assertEqual(total[2].value, f'=SUMIF($A$5:$A${last},">0",C5:C{last})')
        self.assertEqual(total[3].value, f'=SUMIF($A$5:$A${last},">0",D5:D{last})')
        self.assertEqual(total[4].value, f'=IF(C{total[0].row}=0,"",D{total[0].row}/C{total[0].row}*100)')
        self.assertEqual(total[2].number_format, "#,##0.00")
        programs = [r for r in sheet.iter_rows(min_row=5, max_row=last) if r[0].value]
        self.assertEqual(len(programs), 12)
        shown = format_number(sum(D(str(r[2].value)) for r in programs), 2)
        self.assertGreaterEqual(sheet.column_dimensions["C"].width, len(shown) + 1)

    def test_every_sheet_prints_a4_across_fitted_to_the_width_with_its_header_and_title(self) -> None:
        for sheet in self.book.worksheets:
            self.assertEqual(int(sheet.page_setup.paperSize), 9, sheet.title)
            self.assertEqual(sheet.page_setup.orientation, "landscape", sheet.title)
            self.assertTrue(sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title)
            self.assertEqual((sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight), (1, 0), sheet.title)
            self.assertEqual(sheet.print_title_rows, "$4:$4", sheet.title)
            # The title wraps across the table rather than running past its last column.
            self.assertIn(f"A1:{openpyxl.utils.get_column_letter(sheet.max_column)}1",
                          [str(r) for r in sheet.merged_cells.ranges], sheet.title)


class LargeDocxTestCase(SimpleTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.document = docx.Document(io.BytesIO(docx_renderer.render(large_report())))

    def test_the_header_row_repeats_on_every_page_and_no_row_splits(self) -> None:
        for table in self.document.tables:
            header = table.rows[0]._tr.trPr
            self.assertIsNotNone(header.find(qn("w:tblHeader")))
            for row in table.rows:
                self.assertIsNotNone(row._tr.trPr.find(qn("w:cantSplit")))

    def test_the_columns_have_fixed_widths_that_fill_the_text_width(self) -> None:
        achievement = self.document.tables[0]
        layout = achievement._tbl.tblPr.find(qn("w:tblLayout"))
        self.assertEqual(layout.get(qn("w:type")), "fixed")
        widths = [c.width for c in achievement.columns]
        section = self.document.sections[1]
        text_width = section.page_width - section.left_margin - section.right_margin
        self.assertAlmostEqual(sum(widths), text_width, delta=text_width * 0.01)
        # The widest figure fits its column on one line at the table's type size (DejaVu is wider than Arial).
        target = widths[4]
        self.assertGreater(target.mm, 25)

    def test_the_achievement_table_has_a_landscape_page_and_the_text_stays_upright(self) -> None:
        orientations = [s.page_width > s.page_height for s in self.document.sections]
        # The annex of bukti dukung, as wide as the achievement table, is across again.
        self.assertEqual(orientations, [False, True, False, True])

    def test_a_sasaran_is_one_merged_cell_beside_its_indicators(self) -> None:
        table = self.document.tables[0]
        merged = [tc for tc in table._tbl.iter(qn("w:tc"))
                  if tc.tcPr is not None and tc.tcPr.find(qn("w:vMerge")) is not None]
        self.assertGreater(len(merged), 25)  # every row but the first of each sasaran continues a merge
        names = [p.text for p in table.columns[1].cells[1].paragraphs if p.text]
        self.assertEqual(names, [f"S1. {OBJECTIVE.format(k=1)}"])
