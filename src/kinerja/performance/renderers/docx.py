"""A draft of chapter III of the LKjIP (Akuntabilitas Kinerja) as DOCX, by python-docx.

The planning staff rewrite the chapter every year from the same figures; this draft writes one paragraph
per indicator from the data (achievement, predicate, change from last year, obstacles and solutions), so
they start from correct numbers and only add the analysis.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from kinerja.performance.report import IndicatorRow, ReportData

from .common import achievement_text, number, percent


def _amount(value: object, unit: str) -> str:
    text = number(value)  # type: ignore[arg-type]
    return f"{text} {unit}".strip() if unit and unit != "%" else (text + "%" if unit == "%" else text)


def indicator_paragraph(i: IndicatorRow, period: str) -> str:
    """The paragraph the LKjIP writes about one indicator, in Indonesian; `period` as the report
    names it ("Tahun 2025", "Triwulan 2 Tahun 2025")."""
    period = period[:1].lower() + period[1:]
    if i.actual is None:
        return (f"Realisasi indikator {i.name} {period} belum tersedia, sehingga capaiannya belum dapat "
                f"dihitung (target {_amount(i.target, i.unit)}).")
    if i.is_text:
        verdict = {True: "target tercapai", False: "target tidak tercapai", None: "belum dapat dinilai"}[i.met]
        return (f"Indikator {i.name} {period} menargetkan {i.target} dengan realisasi {number(i.actual)}, "
                f"sehingga {verdict}.")
    if i.achievement is None:
        reason = i.note or "capaian tidak dihitung"
        return (f"Indikator {i.name} {period} mencatat realisasi {_amount(i.actual, i.unit)} dari target "
                f"{_amount(i.target, i.unit)}; {reason[:1].lower() + reason[1:]}.")
    text = f"Capaian indikator {i.name} {period} sebesar {percent(i.achievement)} ({i.predicate})"
    past = i.previous
    if past is not None and past.achievement is not None:
        if i.achievement > past.achievement:
            text += f", naik dari {percent(past.achievement)} pada {past.year}"
        elif i.achievement < past.achievement:
            text += f", turun dari {percent(past.achievement)} pada {past.year}"
        else:
            text += f", sama dengan capaian pada {past.year}"
    text += f", dengan realisasi {_amount(i.actual, i.unit)} dari target {_amount(i.target, i.unit)}."
    if i.negative:
        text += " Indikator ini berpolaritas negatif: semakin kecil realisasi, semakin baik capaiannya."
    if i.progress is not None:
        text += (f" Terhadap target akhir Renstra ({_amount(i.strategic_target, i.unit)}) progresnya "
                 f"{percent(i.progress)}.")
    return text


def _table(document: DocumentType, headers: list[str], rows: list[list[str]], numeric_from: int) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
        cell.paragraphs[0].runs[0].bold = True
    for values in rows:
        cells = table.add_row().cells
        for n, (cell, value) in enumerate(zip(cells, values, strict=True)):
            cell.text = value
            if n >= numeric_from:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def render(report: ReportData) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    style = document.styles["Normal"]
    style.font.name = "Arial"  # type: ignore[attr-defined]
    style.font.size = Pt(11)  # type: ignore[attr-defined]

    document.add_heading("BAB III AKUNTABILITAS KINERJA", level=1)
    intro = document.add_paragraph(
        f"Draf disusun otomatis dari Data Kinerja {report.office_name} {report.period}. "
        "Periksa dan lengkapi analisisnya sebelum digunakan.")
    intro.runs[0].italic = True
    document.add_heading("A. Capaian Kinerja Organisasi", level=2)
    rows = []
    n = 0
    for o in report.objectives:
        for i in o.indicators:
            n += 1
            rows.append([str(n), f"S{o.number}. {o.name}", i.name, i.unit, number(i.target), number(i.actual),
                         achievement_text(i), i.predicate or "–"])
    _table(document, ["No", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)", "Predikat"],
           rows, numeric_from=4)

    for o in report.objectives:
        document.add_heading(f"Sasaran {o.number}: {o.name}", level=3)
        if o.achievement is not None:
            document.add_paragraph(f"Capaian sasaran {o.name} {report.period.lower()} sebesar {percent(o.achievement)} "
                                   f"({o.predicate}), rata-rata dari indikator yang memiliki capaian.")
        for i in o.indicators:
            document.add_paragraph(indicator_paragraph(i, report.period))
            if i.obstacles:
                document.add_paragraph(f"Kendala: {i.obstacles}", style="List Bullet")
            if i.solutions:
                document.add_paragraph(f"Solusi: {i.solutions}", style="List Bullet")

    document.add_heading("B. Realisasi Anggaran", level=2)
    if report.budget:
        _table(document, ["No", "Program", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", "Efisiensi (poin)"],
               [[str(n), b.program, number(b.budget), number(b.spent), percent(b.absorption),
                 number(b.efficiency, 2) if b.efficiency is not None else "–"]
                for n, b in enumerate(report.budget, start=1)], numeric_from=2)
    else:
        document.add_paragraph("Belum ada data program dan anggaran untuk periode ini.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
