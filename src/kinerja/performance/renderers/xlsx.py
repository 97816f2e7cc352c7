"""The Data Kinerja report as an XLSX workbook, by openpyxl.

Numbers are stored as numbers with number formats (the spreadsheet shows them the Indonesian way in an
Indonesian Excel, and they stay summable); text targets stay text. Header rows are frozen and every sheet
prints on A4 landscape with its header repeated. `render_city()` puts every office of a city on one sheet.

Neither Excel nor LibreOffice sizes a row to its wrapped text when it opens a file openpyxl wrote (they
showed one line of a 250-character indicator, the rest drawn over the rows below), nor a column to its
numbers (a budget in the billions showed as ###). So `_fit()` sets both from what the cells hold: number
columns as wide as their widest value, rows as tall as their longest wrapped text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.performance.numbers import DASH, format_number, row_decimals, value_places
from kinerja.performance.report import BUDGET_IN_WHOLE_NOTE, IndicatorRow, ReportData, Value

from .common import ANNEX_TITLE, NO_EVIDENCE, evidence_period, remark, revision_text, timestamp

INTEGER = "#,##0"
DECIMAL = "#,##0.00"
# A value entered with three or four decimals (0,0125) keeps them, as the PDF prints them.
DECIMALS = {3: "#,##0.000", 4: "#,##0.0000"}
# Percentages are stored as numbers (85 for 85 %) under a "(%)" header; 1.250,00 groups its thousands.
PERCENT = "#,##0.00"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="E6EBF0")
_WRAP = Alignment(wrap_text=True, vertical="top")
# Named styles: a cell takes one by name, which costs far less than setting border, alignment and
# format on each of a city's thousands of cells.
_STYLES = {fmt: f"Kinerja {name}" for fmt, name in
           ((None, "teks"), (INTEGER, "bilangan bulat"), (DECIMAL, "desimal"), (DECIMALS[3], "desimal 3"),
            (DECIMALS[4], "desimal 4"))}
# The widths of a line of text and of a digit in Excel's width unit (the width of a "0" in Calibri 11),
# and the height of a line in points: estimates on the generous side, so a row is never too short.
CHARS_PER_UNIT = 1.1
LINE_HEIGHT = 15.0
TITLE_LINE_HEIGHT = 17.0
MAX_NUMBER_WIDTH = 40


def _book() -> Workbook:
    book = Workbook()
    for fmt, name in _STYLES.items():
        book.add_named_style(NamedStyle(name=name, border=_BORDER, alignment=_WRAP, number_format=fmt or "General"))
    return book

MAIN_HEADERS = ["No", "Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi", "Capaian (%)",
                "Predikat", "Keterangan", "Bidang"]
MAIN_WIDTHS = [5, 9, 30, 40, 10, 10, 12, 12, 11, 14, 30, 22]


def _cell_value(value: Value) -> int | float | str | None:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _format(value: Value) -> str:
    if not isinstance(value, Decimal) or value == value.to_integral_value():
        return INTEGER
    return DECIMALS.get(value_places(value), DECIMAL)


def _sheet(book: Workbook, title: str, heading: list[str], headers: list[str], widths: list[int],
           *, first: bool = False) -> Worksheet:
    """A sheet with its title lines in rows 1–2, the column headers in row 4, frozen below them."""
    sheet = book.active if first else book.create_sheet()
    assert sheet is not None
    sheet.title = title
    for n, line in enumerate(heading, start=1):
        sheet.cell(n, 1, line).font = Font(bold=True, size=12 if n == 1 else 11)
    for col, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(4, col, header)
        cell.font, cell.fill, cell.border, cell.alignment = Font(bold=True), _HEAD_FILL, _BORDER, _WRAP
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A5"
    sheet.print_title_rows = "4:4"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.right.text = "Halaman &P dari &N"
    return sheet


def _decimals(number_format: str) -> int:
    return len(number_format.partition(".")[2])


def _lines(text: str, width: float, *, scale: float = 1.0) -> int:
    """How many lines `text` wraps to in a column `width` units wide (greedy, by characters)."""
    capacity = max(int(width * CHARS_PER_UNIT / scale) - 1, 1)
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        line = 0
        for word in paragraph.split():
            line = len(word) if line == 0 else line + 1 + len(word)
            if line > capacity and line != len(word):  # the word goes on the next line
                count += 1
                line = len(word)
            while line > capacity:  # a word longer than the line breaks inside
                count += 1
                line -= capacity
    return count


def _fit(sheet: Worksheet, *, header_row: int = 4) -> None:
    """Widen each number column to its widest value (formatted the Indonesian way, as Excel will show
    it), then make every row from the header on as tall as its longest wrapped text, and let the title
    lines above the header wrap across the table's width."""
    columns = sheet.max_column
    widths = {}
    for col in range(1, columns + 1):
        dimension = sheet.column_dimensions[get_column_letter(col)]
        needed = max((len(format_number(Decimal(str(c.value)), _decimals(c.number_format))) + 2
                      for (c,) in sheet.iter_rows(min_row=header_row + 1, min_col=col, max_col=col)
                      if isinstance(c.value, int | float) and not isinstance(c.value, bool)), default=0)
        if needed > (dimension.width or 0):
            dimension.width = min(needed, MAX_NUMBER_WIDTH)
        widths[col] = dimension.width or 8.43
    for row in sheet.iter_rows(min_row=header_row):
        scale = 1.1 if row[0].row == header_row else 1.0  # the header is bold
        lines = max((_lines(c.value, widths[c.column], scale=scale) for c in row
                     if isinstance(c.value, str) and c.data_type != "f" and c.column in widths), default=1)
        sheet.row_dimensions[row[0].row].height = lines * LINE_HEIGHT
    total = sum(widths.values())
    for n in range(1, header_row - 1):
        cell = sheet.cell(n, 1)
        if isinstance(cell.value, str):
            sheet.merge_cells(start_row=n, start_column=1, end_row=n, end_column=columns)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            sheet.row_dimensions[n].height = _lines(cell.value, total, scale=1.2) * TITLE_LINE_HEIGHT


def _put(sheet: Worksheet, row: int, col: int, value: Value, number_format: str | None = None) -> None:
    cell = sheet.cell(row, col, _cell_value(value))
    cell.style = _STYLES[(number_format or _format(value)) if isinstance(value, Decimal) else None]


def _indicator_cells(i: IndicatorRow, objective: str) -> list[tuple[Value, str | None]]:
    text_result = {True: "Tercapai", False: "Tidak tercapai", None: ""}[i.met] if i.is_text else ""
    # A number stays a number in its cell: the label of a year's target goes to the Keterangan.
    annual = "Target tahunan (tidak ada target triwulan)" if i.target_annual else ""
    note = "; ".join(p for p in (text_result, annual, remark(i)) if p)
    target_fmt, actual_fmt = ((INTEGER if d == 0 else DECIMALS.get(d, DECIMAL)) if d is not None else None
                              for d in row_decimals(i.target, i.actual))
    return [(i.code, None), (objective, None), (i.name, None), (i.unit, None),
            ("Negatif" if i.negative else "Positif", None), (i.target, target_fmt), (i.actual, actual_fmt),
            (i.achievement, PERCENT), (i.predicate, None), (note, None), (i.division or DASH, None)]


def _write_main(sheet: Worksheet, reports: Sequence[ReportData], *, office_column: bool) -> None:
    row, n = 5, 0
    for report in reports:
        for objective, i in ((o, i) for o in report.objectives for i in o.indicators):
            n += 1
            cells: list[tuple[Value, str | None]] = [(Decimal(n), INTEGER)]
            if office_column:
                cells.append((report.office_name, None))
            cells += _indicator_cells(i, f"{objective.label}. {objective.name}")
            for col, (value, fmt) in enumerate(cells, start=1):
                _put(sheet, row, col, value, fmt)
            row += 1


def _write_comparison(book: Workbook, report: ReportData) -> None:
    years = [*report.history_years, report.year]
    headers = ["No", "Kode", "Indikator", "Satuan"]
    for y in years:
        headers += [f"Realisasi {y}", f"Capaian {y} (%)"]
    headers += ["Target Akhir Renstra", "Progres Renstra (%)", "Standar Nasional"]
    sheet = _sheet(book, "Perbandingan", [f"Perbandingan Capaian {report.office_name}", report.period + report.part_note],
                   headers,
                   [5, 9, 40, 10] + [12, 12] * len(years) + [14, 14, 14])
    for n, i in enumerate(report.indicators, start=1):
        row = 4 + n
        cells: list[tuple[Value, str | None]] = [(Decimal(n), INTEGER), (i.code, None), (i.name, None), (i.unit, None)]
        by_year = {h.year: h for h in i.history}
        for y in years:
            if y == report.year:
                cells += [(i.actual, None), (i.achievement, PERCENT)]
            else:
                past = by_year.get(y)
                cells += [(past.actual if past else None, None), (past.achievement if past else None, PERCENT)]
        cells += [(i.strategic_target, None), (i.progress, PERCENT), (i.national_standard, None)]
        for col, (value, fmt) in enumerate(cells, start=1):
            _put(sheet, row, col, value, fmt)
    _fit(sheet)


def _write_budget(book: Workbook, report: ReportData) -> None:
    if report.budget_left_out:  # a part: the sheet says where the budget is, instead of its table
        sheet = book.create_sheet("Anggaran")
        sheet.cell(1, 1, f"Realisasi Anggaran {report.office_name}").font = Font(bold=True, size=12)
        sheet.cell(2, 1, report.period + report.part_note).font = Font(bold=True, size=11)
        sheet.cell(4, 1, BUDGET_IN_WHOLE_NOTE)
        return
    sheet = _sheet(book, "Anggaran", [f"Realisasi Anggaran {report.office_name}", report.period + report.part_note],
                   ["No", "Program / Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", "Capaian Kinerja (%)",
                    "Efisiensi (poin)", "Keterangan"], [5, 45, 18, 18, 11, 13, 12, 14])
    row = 5
    for n, b in enumerate(report.budget, start=1):
        efficient = {True: "Efisien", False: "Tidak efisien", None: ""}[b.efficient]
        cells: list[tuple[Value, str | None]] = [(Decimal(n), INTEGER), (b.program, None), (b.budget, None),
                                                 (b.spent, None), (b.absorption, PERCENT), (b.achievement, PERCENT),
                                                 (b.efficiency, PERCENT), (efficient, None)]
        for col, (value, fmt) in enumerate(cells, start=1):
            _put(sheet, row, col, value, fmt)
        row += 1
        for a in b.activities:
            for col, (value, fmt) in enumerate([(None, None), ("    " + a.program, None), (a.budget, None),
                                                 (a.spent, None), (a.absorption, PERCENT), (None, None),
                                                 (None, None), (None, None)], start=1):
                _put(sheet, row, col, value, fmt)
            row += 1
    if report.budget:
        _budget_total(sheet, row, report)
    _fit(sheet)


def _budget_total(sheet: Worksheet, row: int, report: ReportData) -> None:
    """The Jumlah row: sums of the programs' rows (those numbered in column A, not their activities) and
    the absorption of the sums, as formulas, so a corrected figure above updates them."""
    last = row - 1
    for col in (1, 2, 6, 7, 8):
        _put(sheet, row, col, None)
    sheet.cell(row, 2, "Jumlah").font = Font(bold=True)
    for col, total in ((3, sum(b.budget for b in report.budget)), (4, sum(b.spent for b in report.budget))):
        letter = get_column_letter(col)
        cell = sheet.cell(row, col, f'=SUMIF($A$5:$A${last},">0",{letter}5:{letter}{last})')
        cell.style, cell.font = _STYLES[DECIMAL], Font(bold=True)
        # The sum is wider than any figure it adds up; _fit sees only the formula.
        needed = len(format_number(Decimal(total), 2)) + 2
        sheet.column_dimensions[letter].width = max(sheet.column_dimensions[letter].width or 0, needed)
    cell = sheet.cell(row, 5, f'=IF(C{row}=0,"",D{row}/C{row}*100)')
    cell.style, cell.font = _STYLES[PERCENT], Font(bold=True)


def _write_corrections(book: Workbook, report: ReportData, revision: dict[str, Any]) -> None:
    """A revision's corrections, each with its reason: why this version replaces the signed one."""
    sheet = _sheet(book, f"Revisi {revision['number']}", [f"Revisi {revision['number']} {report.office_name}",
                                                          report.period + report.part_note, revision["replaces"]],
                   ["No", "Indikator", "Periode", "Semula", "Menjadi", "Alasan koreksi", "Oleh", "Waktu"],
                   [5, 40, 18, 14, 14, 50, 24, 19])
    for n, c in enumerate(revision["corrections"], start=1):
        for col, (value, fmt) in enumerate([(Decimal(n), INTEGER), (c["indicator"], None), (c["period"], None),
                                            (c["before"], None), (c["after"], None), (c["reason"], None),
                                            (c["by"], None), (c["at"], None)], start=1):
            _put(sheet, 4 + n, col, value, fmt)
    _fit(sheet)


def _write_narratives(book: Workbook, report: ReportData) -> None:
    sheet = _sheet(book, "Kendala dan Solusi",
                   [f"Kendala dan Solusi {report.office_name}", report.period + report.part_note],
                   ["No", "Kode", "Indikator", "Kendala", "Solusi"], [5, 9, 40, 50, 50])
    rows = [i for i in report.indicators if i.obstacles or i.solutions]
    for n, i in enumerate(rows, start=1):
        for col, (value, fmt) in enumerate([(Decimal(n), INTEGER), (i.code, None), (i.name, None),
                                            (i.obstacles, None), (i.solutions, None)], start=1):
            _put(sheet, 4 + n, col, value, fmt)
    _fit(sheet)


def _write_evidence(book: Workbook, report: ReportData) -> None:
    """The annex: every bukti dukung file per indicator, sasaran by sasaran as the Capaian sheet lists them,
    with its whole SHA-256 and its size in bytes (what `sha256sum` and the file's properties show)."""
    sheet = _sheet(book, "Bukti Dukung", [f"{ANNEX_TITLE} {report.office_name}", report.period + report.part_note],
                   ["No", "Kode", "Sasaran", "Indikator", "Berkas", "Periode", "Bidang", "Diunggah oleh",
                    "Waktu unggah", "Ukuran (byte)", "SHA-256"], [5, 9, 24, 32, 28, 9, 18, 20, 19, 12, 34])
    row, n = 5, 0
    for o in report.objectives:
        for i in o.indicators:
            n += 1
            files: list[list[tuple[Value, str | None]]] = [
                [(e.name, None), (evidence_period(e), None), (e.division or DASH, None), (e.uploaded_by or DASH, None),
                 (timestamp(e.uploaded_at), None), (Decimal(e.size), INTEGER), (e.sha256, None)]
                for e in i.evidence] or [[(NO_EVIDENCE, None)] + [(None, None)] * 6]
            for cells in files:
                head: list[tuple[Value, str | None]] = [(Decimal(n), INTEGER), (i.code, None),
                                                        (f"{o.label}. {o.name}", None), (i.name, None)]
                for col, (value, fmt) in enumerate(head + cells, start=1):
                    _put(sheet, row, col, value, fmt)
                row += 1
    _fit(sheet)


def _bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render(report: ReportData) -> bytes:
    book = _book()
    revision = revision_text(report)
    heading = [f"Data Kinerja {report.office_name}", report.period + report.part_note]
    sheet = _sheet(book, "Capaian", heading + ([revision["footer"].removeprefix(" · ")] if revision else []),
                   MAIN_HEADERS, MAIN_WIDTHS, first=True)
    _write_main(sheet, [report], office_column=False)
    _fit(sheet)
    if revision:
        _write_corrections(book, report, revision)
    _write_comparison(book, report)
    _write_budget(book, report)
    _write_narratives(book, report)
    _write_evidence(book, report)
    return _bytes(book)


def render_city(reports: Sequence[ReportData], city: str, year: int) -> bytes:
    """Every office's indicators on one sheet, for the city's overview."""
    book = _book()
    headers = [MAIN_HEADERS[0], "Perangkat Daerah", *MAIN_HEADERS[1:]]
    sheet = _sheet(book, "Capaian", [f"Data Kinerja Perangkat Daerah {city}", f"Tahun {year}"], headers,
                   [MAIN_WIDTHS[0], 30, *MAIN_WIDTHS[1:]], first=True)
    _write_main(sheet, reports, office_column=True)
    _fit(sheet)
    return _bytes(book)
