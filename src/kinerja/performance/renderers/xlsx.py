"""The Data Kinerja report as an XLSX workbook, by openpyxl.

Numbers are stored as numbers with number formats (the spreadsheet shows them the Indonesian way in an
Indonesian Excel, and they stay summable); text targets stay text. Header rows are frozen and every sheet
prints on A4 landscape with its header repeated. `render_city()` puts every office of a city on one sheet.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.performance.report import IndicatorRow, ReportData, Value

from .common import remark

INTEGER = "#,##0"
DECIMAL = "#,##0.00"
PERCENT = "0.00"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="E6EBF0")
_WRAP = Alignment(wrap_text=True, vertical="top")
# Named styles: a cell takes one by name, which costs far less than setting border, alignment and
# format on each of a city's thousands of cells.
_STYLES = {fmt: f"Kinerja {name}" for fmt, name in
           ((None, "teks"), (INTEGER, "bilangan bulat"), (DECIMAL, "desimal"), (PERCENT, "persen"))}


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
    return INTEGER if isinstance(value, Decimal) and value == value.to_integral_value() else DECIMAL


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


def _put(sheet: Worksheet, row: int, col: int, value: Value, number_format: str | None = None) -> None:
    cell = sheet.cell(row, col, _cell_value(value))
    cell.style = _STYLES[(number_format or _format(value)) if isinstance(value, Decimal) else None]


def _indicator_cells(i: IndicatorRow) -> list[tuple[Value, str | None]]:
    text_result = {True: "Tercapai", False: "Tidak tercapai", None: ""}[i.met] if i.is_text else ""
    note = "; ".join(p for p in (text_result, remark(i)) if p)
    return [(i.code, None), (i.objective, None), (i.name, None), (i.unit, None),
            ("Negatif" if i.negative else "Positif", None), (i.target, None), (i.actual, None),
            (i.achievement, PERCENT), (i.predicate, None), (note, None), (i.division, None)]


def _write_main(sheet: Worksheet, reports: Sequence[ReportData], *, office_column: bool) -> None:
    row, n = 5, 0
    for report in reports:
        for i in report.indicators:
            n += 1
            cells: list[tuple[Value, str | None]] = [(Decimal(n), INTEGER)]
            if office_column:
                cells.append((report.office_name, None))
            cells += _indicator_cells(i)
            for col, (value, fmt) in enumerate(cells, start=1):
                _put(sheet, row, col, value, fmt)
            row += 1


def _write_comparison(book: Workbook, report: ReportData) -> None:
    years = [*report.history_years, report.year]
    headers = ["No", "Kode", "Indikator", "Satuan"]
    for y in years:
        headers += [f"Realisasi {y}", f"Capaian {y} (%)"]
    headers += ["Target Akhir Renstra", "Progres Renstra (%)", "Standar Nasional"]
    sheet = _sheet(book, "Perbandingan", [f"Perbandingan Capaian {report.office_name}", report.period], headers,
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


def _write_budget(book: Workbook, report: ReportData) -> None:
    sheet = _sheet(book, "Anggaran", [f"Realisasi Anggaran {report.office_name}", report.period],
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
                                                 (a.spent, None), (a.absorption, PERCENT)], start=1):
                _put(sheet, row, col, value, fmt)
            row += 1


def _write_narratives(book: Workbook, report: ReportData) -> None:
    sheet = _sheet(book, "Kendala dan Solusi", [f"Kendala dan Solusi {report.office_name}", report.period],
                   ["No", "Kode", "Indikator", "Kendala", "Solusi"], [5, 9, 40, 50, 50])
    rows = [i for i in report.indicators if i.obstacles or i.solutions]
    for n, i in enumerate(rows, start=1):
        for col, (value, fmt) in enumerate([(Decimal(n), INTEGER), (i.code, None), (i.name, None),
                                            (i.obstacles, None), (i.solutions, None)], start=1):
            _put(sheet, 4 + n, col, value, fmt)


def _bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render(report: ReportData) -> bytes:
    book = _book()
    sheet = _sheet(book, "Capaian", [f"Data Kinerja {report.office_name}", report.period], MAIN_HEADERS,
                   MAIN_WIDTHS, first=True)
    _write_main(sheet, [report], office_column=False)
    _write_comparison(book, report)
    _write_budget(book, report)
    _write_narratives(book, report)
    return _bytes(book)


def render_city(reports: Sequence[ReportData], city: str, year: int) -> bytes:
    """Every office's indicators on one sheet, for the city's overview."""
    book = _book()
    headers = [MAIN_HEADERS[0], "Perangkat Daerah", *MAIN_HEADERS[1:]]
    sheet = _sheet(book, "Capaian", [f"Data Kinerja Perangkat Daerah {city}", f"Tahun {year}"], headers,
                   [MAIN_WIDTHS[0], 30, *MAIN_WIDTHS[1:]], first=True)
    _write_main(sheet, reports, office_column=True)
    return _bytes(book)
