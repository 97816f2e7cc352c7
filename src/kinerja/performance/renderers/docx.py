"""A draft of chapter III of the LKjIP (Akuntabilitas Kinerja) as DOCX, by python-docx.

The planning staff rewrite the chapter every year from the same figures; this draft writes one paragraph
per indicator from the data (achievement, predicate, change from last year, obstacles and solutions), so
they start from correct numbers and only add the analysis.

python-docx gives a table equal columns that Word stretches as it likes: long indicator names broke
after every few letters and a budget in the billions over three lines. The tables here have fixed
widths measured from their figures (layout.py), the achievement table a landscape page of its own, a
header row repeated on every page and rows that never split.

Every page is marked as the PDF's are: the draft's name in the header, and in the footer the document it is drawn
from (Data Kinerja, office, period, revision) with "Halaman N dari M" at the right, by Word's PAGE and NUMPAGES
fields, which Word and LibreOffice fill in as they lay the pages out.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from kinerja.performance.numbers import format_row_values, format_value, row_decimals
from kinerja.performance.report import BUDGET_IN_WHOLE_NOTE, IndicatorRow, ReportData

from . import layout
from .common import (
    ANNEX_TITLE,
    NO_EVIDENCE,
    SHORT_HASH,
    achievement_text,
    evidence_period,
    file_size,
    percent,
    revision_text,
    short_hash,
    target_label,
    timestamp,
)

PORTRAIT_MARGIN, LANDSCAPE_MARGIN = 25, 20  # mm, left and right
DRAFT_TITLE = "Draf BAB III Akuntabilitas Kinerja"
MARGIN_TEXT_SIZE, MARGIN_TEXT_COLOUR = Pt(8), RGBColor(0x55, 0x55, 0x55)  # as the PDF's page footer
TABLE_SIZES = (9, 8.5, 8, 7.5)  # pt: a table's type, the largest at which its figures fit
CELL_PADDING = 2 * 1.9 + 0.5  # Word's default cell margins (0.08 inch each side) and the borders, in mm


# Satuan that is the currency sign, written before the amount as Indonesian writes it (Rp12.500.000), not after.
RUPIAH_SIGNS = {"rp", "rp.", "idr"}


def _amount(value: object, unit: str, decimals: int | None = None) -> str:
    text = format_value(value, decimals)  # type: ignore[arg-type]
    if unit == "%":
        return text + "%"
    if unit.strip().lower() in RUPIAH_SIGNS and value is not None and not isinstance(value, str):
        return "Rp" + text
    return f"{text} {unit}".strip() if unit else text


def indicator_paragraph(i: IndicatorRow, period: str) -> str:
    """The paragraph the LKjIP writes about one indicator, in Indonesian; `period` as it stands inside a sentence
    (ReportData.period_phrase: "tahun 2025", "s.d. Triwulan IV 2026")."""
    if i.annual_only:
        return (f"Indikator {i.name} diukur tahunan: tidak ada target dan realisasi triwulan; realisasinya "
                f"dilaporkan untuk tahun penuh (target tahunan {_amount(i.target, i.unit)}).")
    if i.actual is None:
        return (f"Realisasi indikator {i.name} {period} belum tersedia, sehingga capaiannya belum dapat "
                f"dihitung (target {_amount(i.target, i.unit)}).")
    if i.is_text:
        verdict = {True: "target tercapai", False: "target tidak tercapai", None: "belum dapat dinilai"}[i.met]
        return (f"Indikator {i.name} {period} menargetkan {i.target} dengan realisasi {format_value(i.actual)}, "
                f"sehingga {verdict}.")
    if i.achievement is None:
        reason = i.note or "capaian tidak dihitung"
        return (f"Indikator {i.name} {period} mencatat realisasi {_amount(i.actual, i.unit)} dari target "
                f"{_amount(i.target, i.unit)}; {reason[:1].lower() + reason[1:]}.")
    if i.partial:
        return (f"Realisasi indikator {i.name} {period} sebesar {_amount(i.actual, i.unit)}, atau "
                f"{percent(i.achievement)} dari target tahunan {_amount(i.target, i.unit)}; belum ada target "
                f"triwulan, sehingga angka itu menunjukkan kemajuan sepanjang tahun, tanpa predikat.")
    text = f"Capaian indikator {i.name} {period} sebesar {percent(i.achievement)} ({i.predicate})"
    past = i.previous
    if past is not None and past.achievement is not None:
        if i.achievement > past.achievement:
            text += f", naik dari {percent(past.achievement)} pada {past.year}"
        elif i.achievement < past.achievement:
            text += f", turun dari {percent(past.achievement)} pada {past.year}"
        else:
            text += f", sama dengan capaian pada {past.year}"
    target_decimals, actual_decimals = row_decimals(i.target, i.actual)
    text += (f", dengan realisasi {_amount(i.actual, i.unit, actual_decimals)} dari target "
             f"{_amount(i.target, i.unit, target_decimals)}.")
    if i.negative:
        text += " Indikator ini berpolaritas negatif: semakin kecil realisasi, semakin baik capaiannya."
    if i.progress is not None:
        text += (f" Terhadap target akhir Renstra ({_amount(i.strategic_target, i.unit)}) progresnya "
                 f"{percent(i.progress)}.")
    return text


def _flag(row: object, name: str) -> None:
    """Set a row property that python-docx has no API for: w:tblHeader (repeat on every page) or
    w:cantSplit (never break inside the row)."""
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    element = OxmlElement(name)
    element.set(qn("w:val"), "true")
    properties.append(element)


def _table(document: DocumentType, headers: list[str], rows: list[list[str]], numeric_from: int,
           columns: Sequence[layout.Column], available: float, merge: int | None = None) -> None:
    """A table at fixed column widths (mm) fitted to `available`, its header repeated on every page.
    Cells of column `merge` holding the same text as the row above are merged with it (a sasaran over
    its indicators), so its name is printed once rather than making every row as tall as it."""
    fitted = layout.fit(columns, available, sizes=TABLE_SIZES, flexible_least=30, padding=CELL_PADDING)
    widths = [Mm(fitted.widths[c.name]) for c in columns]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    fixed = OxmlElement("w:tblLayout")
    fixed.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(fixed)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    size = Pt(fitted.size)
    _flag(table.rows[0], "w:tblHeader")
    _flag(table.rows[0], "w:cantSplit")
    for cell, header, width in zip(table.rows[0].cells, headers, widths, strict=True):
        cell.text, cell.width = header, width
        run = cell.paragraphs[0].runs[0]
        run.bold, run.font.size = True, size
    for values in rows:
        row = table.add_row()
        _flag(row, "w:cantSplit")
        for n, (cell, value, width) in enumerate(zip(row.cells, values, widths, strict=True)):
            cell.text, cell.width = value, width
            paragraph = cell.paragraphs[0]
            for run in paragraph.runs:
                run.font.size = size
            if n >= numeric_from:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if merge is not None:
        cells = table.columns[merge].cells[1:]
        start = 0
        for k in range(1, len(rows) + 1):
            if k == len(rows) or rows[k][merge] != rows[start][merge]:
                if k - start > 1:
                    for cell in cells[start + 1:k]:
                        cell.text = ""  # merge() would join the repeated names
                    cells[start].merge(cells[k - 1])
                start = k


def _page(section: Section, *, landscape: bool) -> float:
    """Lay `section` out on A4, upright or across; returns its text width in mm."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    margin = LANDSCAPE_MARGIN if landscape else PORTRAIT_MARGIN
    section.left_margin = section.right_margin = Mm(margin)
    return (297 if landscape else 210) - 2 * margin


def _margin_run(paragraph: Paragraph, text: str = "") -> object:
    """A run in the header or footer, in the PDF footer's small grey type."""
    run = paragraph.add_run(text)
    run.font.size, run.font.color.rgb = MARGIN_TEXT_SIZE, MARGIN_TEXT_COLOUR
    return run


def _field(paragraph: Paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) in `paragraph`: the word processor puts its value in as it lays the pages
    out; "1" stands in until then."""
    def marker(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        _margin_run(paragraph)._r.append(element)  # type: ignore[attr-defined]

    marker("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    _margin_run(paragraph)._r.append(instruction)  # type: ignore[attr-defined]
    marker("separate")
    _margin_run(paragraph, "1")
    marker("end")


def _page_margins(section: Section, document_title: str) -> None:
    """The section's own header (the draft's name) and footer (the document title at the left, "Halaman N dari M"
    at the right margin, which lies elsewhere on a landscape page: hence one per section, not linked)."""
    width = section.page_width - section.left_margin - section.right_margin  # type: ignore[operator]
    section.header.is_linked_to_previous = section.footer.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _margin_run(header, DRAFT_TITLE)
    footer = section.footer.paragraphs[0]
    stops = footer.paragraph_format.tab_stops
    # Without the Footer style's own stops (centre 82 mm, right 165 mm): on a landscape page the tab went to
    # the style's right stop, mid-page, rather than to the right margin.
    for inherited in footer.style.paragraph_format.tab_stops:  # type: ignore[union-attr]
        stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    _margin_run(footer, document_title + "\tHalaman ")
    _field(footer, "PAGE")
    _margin_run(footer, " dari ")
    _field(footer, "NUMPAGES")


def _annex(document: DocumentType, report: ReportData) -> None:
    """The annex of bukti dukung, on landscape pages: per sasaran a table of its indicators' files (the
    indicator merged over its files), or the words saying an indicator has none."""
    width = _page(document.add_section(), landscape=True)
    document.add_heading(ANNEX_TITLE, level=2)
    document.add_paragraph(
        f"Berkas bukti dukung yang diunggah untuk realisasi {report.period_phrase}, per indikator. "
        f"SHA-256: {SHORT_HASH} karakter pertama sidik berkas, untuk mencocokkan berkas yang diterima.")
    headers = ["Indikator", "Berkas", "Periode", "Bidang", "Diunggah oleh", "Waktu unggah", "SHA-256", "Ukuran"]
    for o in (o for o in report.objectives if o.indicators):
        document.add_heading(f"Sasaran {o.label}: {o.name}", level=3)
        rows = []
        for i in o.indicators:
            name = f"{i.code} {i.name}"
            rows += [[name, e.name, evidence_period(e), e.division or "–", e.uploaded_by or "–",
                      timestamp(e.uploaded_at), short_hash(e.sha256), file_size(e.size)] for e in i.evidence] or [
                [name, NO_EVIDENCE, "", "", "", "", "", ""]]

        def measured(k: int, name: str, least: float, rows: list[list[str]] = rows) -> layout.Column:
            return layout.Column(name, texts=[r[k] for r in rows], header=headers[k], least=least)

        _table(document, headers, rows, numeric_from=7, available=width, merge=0, columns=[
            layout.Column("indicator", share=1.3), layout.Column("file", share=1), measured(2, "period", 14),
            layout.Column("division", share=0.6), layout.Column("user", share=0.6), measured(5, "time", 20),
            measured(6, "hash", 20), measured(7, "size", 14)])


def render(report: ReportData) -> bytes:
    document = Document()
    portrait = _page(document.sections[0], landscape=False)
    style = document.styles["Normal"]
    style.font.name = "Arial"  # type: ignore[attr-defined]
    style.font.size = Pt(11)  # type: ignore[attr-defined]

    document.add_heading("BAB III AKUNTABILITAS KINERJA", level=1)
    intro = document.add_paragraph(
        f"Draf disusun otomatis dari Data Kinerja {report.office_name} {report.period}{report.part_note}. "
        "Periksa dan lengkapi analisisnya sebelum digunakan.")
    intro.runs[0].italic = True
    revision = revision_text(report)
    if revision:
        document.add_paragraph(revision["replaces"] + " Koreksi: " + "; ".join(
            f"{c['indicator']} {c['period']}: {c['before']} menjadi {c['after']} ({c['reason']})"
            for c in revision["corrections"]) + ".")
    # The achievement table has eight columns: a landscape section of its own, then upright again.
    landscape = _page(document.add_section(), landscape=True)
    document.add_heading("A. Capaian Kinerja Organisasi", level=2)
    rows = []
    n = 0
    for o in report.objectives:
        for i in o.indicators:
            n += 1
            target, actual = format_row_values(i.target, i.actual)
            if label := target_label(i):
                target += f"\n({label})"
            rows.append([str(n), f"{o.label}. {o.name}", i.name, i.unit, target, actual,
                         achievement_text(i), i.predicate or "–"])
    _table(document, ["No", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)", "Predikat"],
           rows, numeric_from=4, available=landscape, columns=[
               layout.Column("no", texts=[r[0] for r in rows], least=9), layout.Column("objective", share=1),
               layout.Column("indicator", share=2.5),
               layout.Column("unit", texts=sorted({w for r in rows for w in r[3].split()}), header="Satuan", least=16),
               *[layout.Column(name, texts=[line for r in rows for line in r[k].split("\n")], header=header,
                               least=16) for k, name, header in
                 ((4, "target", "Target"), (5, "actual", "Realisasi"), (6, "achievement", "Capaian (%)"))],
               layout.Column("predicate", width=20)], merge=1)
    _page(document.add_section(), landscape=False)

    for o in report.objectives:
        document.add_heading(f"Sasaran {o.label}: {o.name}", level=3)
        if o.achievement is not None:
            judged = f" ({o.predicate})" if o.predicate else ""
            document.add_paragraph(f"Capaian sasaran {o.name} {report.period_phrase} sebesar {percent(o.achievement)}"
                                   f"{judged}, rata-rata dari indikator yang memiliki capaian.")
        for i in o.indicators:
            document.add_paragraph(indicator_paragraph(i, report.period_phrase))
            if i.obstacles:
                document.add_paragraph(f"Kendala: {i.obstacles}", style="List Bullet")
            if i.solutions:
                document.add_paragraph(f"Solusi: {i.solutions}", style="List Bullet")

    document.add_heading("B. Realisasi Anggaran", level=2)
    if report.budget_left_out:
        document.add_paragraph(BUDGET_IN_WHOLE_NOTE)
    elif report.budget:
        budget = [[str(n), b.program, format_value(b.budget), format_value(b.spent), percent(b.absorption),
                   format_value(b.efficiency, 2) if b.efficiency is not None else "–"]
                  for n, b in enumerate(report.budget, start=1)]
        _table(document, ["No", "Program", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", "Efisiensi (poin)"],
               budget, numeric_from=2, available=portrait, columns=[
                   layout.Column("no", texts=[r[0] for r in budget], least=9), layout.Column("program", share=1),
                   *[layout.Column(name, texts=[r[k] for r in budget], header=header, least=16) for k, name, header in
                     ((2, "budget", "Pagu (Rp)"), (3, "spent", "Realisasi (Rp)"), (4, "absorption", "Serapan (%)"),
                      (5, "efficiency", "Efisiensi (poin)"))]])
    else:
        document.add_paragraph("Belum ada data program dan anggaran untuk periode ini.")
    _annex(document, report)
    # As the PDF's footer names it (print.css: doctitle).
    title = f"Data Kinerja {report.office_name}, {report.period}{report.part_note}{(revision or {}).get('footer', '')}"
    for section in document.sections:
        _page_margins(section, title)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
