"""A third round of SOP AP documents a new user brings, each unlike the tests' earlier ones: a kecamatan's Izin
Usaha Mikro in Word, its header merged over two rows and its actor columns abbreviated ("Kasi", "Kasubbag TU")
with a legend under the table, a decision whose "Tidak" goes back two steps; the same SOP as Word's PDF
(LibreOffice's export); a kelurahan's text copy with every way of writing Waktu ("15 menit", "1 jam",
"2 hari kerja", "1 minggu", "3 x 24 jam", "-"); workbooks whose symbols are drawn shapes, the text cells
carrying the flow and each step's actor marked by "√", by "X" or only by a filled cell; a Dinas's SOP of fourteen
steps over two pages, its table header repeated on the second, in Word and as Word's PDF. Actors marked only by
a cell's colour are tried in a workbook, a Word table (shading) and a PDF (Excel's print of filled cells).

Each builder writes its document into a folder and returns its path; `TRYOUT_THREE` pairs it with what the
importer must read from it. `python tests/sop/tryouts_three.py DIR` writes them all, to try them by hand.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from openpyxl.styles import PatternFill

from .tryouts import Expected, _d, _landscape, _merge, _set

# 1. Kecamatan: Izin Usaha Mikro (IUM), Word. "No", "Kegiatan", "Keterangan" merged down over the header's two
# rows, "Pelaksana" and "Mutu Baku" merged across; the actor columns headed "Pemohon", "Ptgs", "Kasi",
# "Kasubbag TU", "Camat", spelled out by a legend under the table (one line, a sentence under it); step 4 asks
# "Apakah berkas memenuhi syarat?" and its "Tidak" goes back to step 2.

IUM_SHORT = ["Pemohon", "Ptgs", "Kasi", "Kasubbag TU", "Camat"]
IUM_LEGEND = ("Keterangan: Ptgs = Petugas Pelayanan PATEN, Kasi = Kepala Seksi Perekonomian dan Pembangunan, "
              "Kasubbag TU = Kepala Subbagian Tata Usaha")
IUM_NOTE = "Waktu penyelesaian dihitung sejak berkas diterima lengkap."
IUM = Expected(
    name="PELAYANAN IZIN USAHA MIKRO (IUM)",
    number="503/12/SOP/KEC-TBU/2025",
    actors=["Pemohon", "Petugas Pelayanan PATEN", "Kepala Seksi Perekonomian dan Pembangunan",
            "Kepala Subbagian Tata Usaha", "Camat"],
    step_actors=["Pemohon", "Petugas Pelayanan PATEN", "Kepala Seksi Perekonomian dan Pembangunan",
                 "Kepala Seksi Perekonomian dan Pembangunan", "Kepala Subbagian Tata Usaha", "Camat",
                 "Petugas Pelayanan PATEN"],
    durations=[_d("15", "minute"), _d("30", "minute"), _d("1", "hour"), _d("15", "minute"),
               _d("1", "day"), _d("2", "day"), _d("15", "minute")],
    inputs={1: "Formulir permohonan, fotokopi KTP dan KK"},
    outputs={4: "Berkas memenuhi syarat", 7: "Naskah IUM"},
    activity_parts={2: "mencatat dalam buku register"},
    outside=["Pemohon"],
    returns={4: [2]},
)
IUM_STEPS = [
    # activity, actor, mark, Kelengkapan, Waktu, Output, Keterangan
    ("Mengajukan permohonan IUM dengan mengisi formulir", "Pemohon", "Mulai",
     "Formulir permohonan, fotokopi KTP dan KK", "15 menit", "Berkas permohonan", ""),
    ("Menerima berkas permohonan\ndan mencatat dalam buku register", "Ptgs", "▭", "Berkas permohonan", "30 menit",
     "Berkas tercatat", ""),
    ("Meninjau lokasi usaha dan memverifikasi data", "Kasi", "▭", "Berkas tercatat", "1 jam", "Berita acara verifikasi",
     ""),
    ("Apakah berkas memenuhi syarat?", "Kasi", "◇", "Berita acara verifikasi", "15 menit", "Berkas memenuhi syarat",
     "Ya: ke langkah 5\nTidak: kembali ke langkah 2"),
    ("Menyiapkan naskah IUM dan memaraf", "Kasubbag TU", "▭", "Berkas memenuhi syarat", "1 hari kerja",
     "Naskah IUM berparaf", ""),
    ("Menandatangani naskah IUM", "Camat", "▭", "Naskah IUM berparaf", "2 hari kerja", "IUM ditandatangani", ""),
    ("Menyerahkan IUM kepada Pemohon", "Ptgs", "Selesai", "IUM ditandatangani", "15 menit", "Naskah IUM", ""),
]
IUM_IDENTITY = [
    ("Nomor SOP", "503/12/SOP/KEC-TBU/2025"), ("Tanggal Pembuatan", "13 Januari 2025"), ("Tanggal Revisi", "-"),
    ("Tanggal Efektif", "3 Maret 2025"), ("Disahkan oleh", "CAMAT TELUK BETUNG UTARA\n\nDRS. HERMAN SYAH\n"
                                                         "NIP. 19700315 199503 1 002"),
    ("Nama SOP", "PELAYANAN IZIN USAHA MIKRO (IUM)"),
]


def _repeat_header(row: docx.table._Row) -> None:
    """Word's "Repeat as header row at the top of each page" (w:tblHeader) on a table's row."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _identity(document: docx.document.Document, letterhead: list[str], fields: list[tuple[str, str]]) -> None:
    for line in letterhead:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in fields:
        row = table.add_row()
        row.cells[0].text = label
        _set(row.cells[1], value)
    document.add_paragraph("")


def _procedure(document: docx.document.Document, actors: list[str],
               steps: list[tuple[str, str, str, str, str, str, str]]) -> docx.table.Table:
    """The flow table, its header over two rows (both repeated on each page)."""
    n = len(actors)
    table = document.add_table(rows=2, cols=2 + n + 4)
    table.style = "Table Grid"
    _merge(table, 0, 0, 1, 0, "No")
    _merge(table, 0, 1, 1, 1, "Kegiatan")
    _merge(table, 0, 2, 0, 1 + n, "Pelaksana")
    _merge(table, 0, 2 + n, 0, 4 + n, "Mutu Baku")
    _merge(table, 0, 5 + n, 1, 5 + n, "Keterangan")
    for c, text in enumerate(actors):
        table.cell(1, 2 + c).text = text
    for c, text in enumerate(["Kelengkapan", "Waktu", "Output"]):
        table.cell(1, 2 + n + c).text = text
    for row in table.rows[:2]:
        _repeat_header(row)
    widths = [Cm(1), Cm(7), *[Cm(1.9)] * n, Cm(3.5), Cm(2), Cm(3), Cm(2.5)]
    for i, (activity, actor, mark, inputs, time, output, note) in enumerate(steps, start=1):
        cells = table.add_row().cells
        cells[0].text = str(i)
        _set(cells[1], activity)
        cells[2 + actors.index(actor)].text = mark
        for c, text in enumerate([inputs, time, output, note]):
            _set(cells[2 + n + c], text)
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice lays out by
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    return table


# The legend's entries one by one, for the other ways of writing it (IUM_LEGENDS).
IUM_ENTRIES = [("Ptgs", "Petugas Pelayanan PATEN"), ("Kasi", "Kepala Seksi Perekonomian dan Pembangunan"),
               ("Kasubbag TU", "Kepala Subbagian Tata Usaha")]
# How a legend under the table is written: one line (then a sentence), a line per entry aligned by a tab
# ("Kasi<tab>: Kepala Seksi …"), dot leaders ("Kasi ........ Kepala Seksi …"), a borderless table of three
# columns (abbreviation, ":", name) or of two (abbreviation, ": name").
IUM_LEGENDS = ["line", "tabs", "dots", "table3", "table2"]


def _shade(cell: docx.table._Cell, colour: str) -> None:
    """Word's cell shading (Borders and Shading, Fill)."""
    shading = OxmlElement("w:shd")
    for name, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", colour)):
        shading.set(qn(name), value)
    cell._tc.get_or_add_tcPr().append(shading)


def write_ium(folder: Path, *, legend: str = "line", shaded: bool = False) -> Path:
    """`shaded`: each step's actor cell shaded grey, no symbol in it (the header shaded light grey)."""
    document = docx.Document()
    _landscape(document)
    _identity(document, ["PEMERINTAH KOTA BANDAR LAMPUNG", "KECAMATAN TELUK BETUNG UTARA"], IUM_IDENTITY)
    steps = [(a, actor, "" if shaded else mark, *rest) for a, actor, mark, *rest in IUM_STEPS]
    table = _procedure(document, IUM_SHORT, steps)  # type: ignore[arg-type]
    if shaded:
        for row in table.rows[:2]:
            for cell in row.cells:
                _shade(cell, "D9D9D9")
        for r, (_activity, actor, *_rest) in enumerate(steps, start=2):
            _shade(table.cell(r, 2 + IUM_SHORT.index(actor)), "808080")
    if legend == "line":
        document.add_paragraph(IUM_LEGEND)
    else:
        document.add_paragraph("Keterangan:")
    if legend in ("tabs", "dots"):
        for short, full in IUM_ENTRIES:
            document.add_paragraph(f"{short}\t: {full}" if legend == "tabs" else f"{short} .......... {full}")
    elif legend in ("table3", "table2"):
        table = document.add_table(rows=0, cols=3 if legend == "table3" else 2)
        for short, full in IUM_ENTRIES:
            cells = table.add_row().cells
            for cell, text in zip(cells, [short, ":", full] if legend == "table3" else [short, f": {full}"],
                                  strict=True):
                cell.text = text
    document.add_paragraph(IUM_NOTE)
    path = folder / "sop-ium.docx"
    document.save(str(path))
    return path


def _as_pdf(path: Path) -> Path:
    """The Word document as Word's "Save as PDF" prints it: LibreOffice's export (Debian's libreoffice)."""
    profile = path.parent / ".lo-profile"
    subprocess.run([shutil.which("soffice") or "soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(path.parent), str(path)],
                   check=True, capture_output=True, timeout=180)
    return path.with_suffix(".pdf")


def write_ium_pdf(folder: Path) -> Path:
    return _as_pdf(write_ium(folder))


# 2. Kelurahan: Surat Keterangan Ahli Waris, a text copy (tabs, as copied out of Word): Waktu written in every way
# a kelurahan writes it ("15 menit", "1 jam", "2 hari kerja", "1 minggu", "3 x 24 jam", "-": no time set),
# the outside actors "Ahli Waris" and "Saksi".

WARIS = Expected(
    name="PELAYANAN SURAT KETERANGAN AHLI WARIS",
    number="474/05/SOP/KEL-GD/2025",
    actors=["Ahli Waris", "Saksi", "Petugas Loket", "Kasi Pemerintahan", "Lurah"],
    step_actors=["Ahli Waris", "Petugas Loket", "Saksi", "Kasi Pemerintahan", "Kasi Pemerintahan", "Lurah",
                 "Petugas Loket"],
    # "3 x 24 jam" is three days; "-" sets no time: the importer asks for it (WARIS_TIME gives it).
    durations=[_d("15", "minute"), _d("1", "hour"), _d("3", "day"), _d("2", "day"), _d("1", "week"),
               _d("1", "day"), _d("15", "minute")],
    inputs={3: "Surat pernyataan ahli waris"},
    outputs={7: "Surat keterangan ahli waris"},
    activity_parts={4: "silsilah keluarga"},
    outside=["Ahli Waris", "Saksi"],
    returns={},
)
WARIS_TIME = (7, "15 menit")  # the time of the step whose Waktu is "-", as the user gives it
WARIS_STEPS = [
    ("Mengajukan permohonan dan menyerahkan berkas", "Ahli Waris", "Formulir, KTP dan KK ahli waris, surat kematian",
     "15 menit", "Berkas permohonan"),
    ("Memeriksa kelengkapan berkas", "Petugas Loket", "Berkas permohonan", "1 jam", "Berkas lengkap"),
    ("Menandatangani surat pernyataan di hadapan petugas", "Saksi", "Surat pernyataan ahli waris", "3 x 24 jam",
     "Surat pernyataan bersaksi"),
    ("Memeriksa silsilah keluarga dan menyusun konsep surat", "Kasi Pemerintahan", "Surat pernyataan bersaksi",
     "2 hari kerja", "Konsep surat"),
    ("Mengumumkan permohonan di papan pengumuman kelurahan", "Kasi Pemerintahan", "Konsep surat", "1 minggu",
     "Pengumuman"),
    ("Menandatangani surat keterangan ahli waris", "Lurah", "Konsep surat", "1 hari", "Surat ditandatangani"),
    ("Menyerahkan surat kepada pemohon", "Petugas Loket", "Surat ditandatangani", "-", "Surat keterangan ahli waris"),
]


def waris_text() -> str:
    actors = WARIS.actors
    lines = ["PEMERINTAH KOTA BANDAR LAMPUNG", "KELURAHAN GEDONG AIR", "",
             "Nomor SOP\t: 474/05/SOP/KEL-GD/2025", "Tanggal Pembuatan\t: 6 Januari 2025", "Tanggal Revisi\t: -",
             "Tanggal Efektif\t: 1 Februari 2025", "Disahkan oleh\t: LURAH GEDONG AIR",
             "Nama SOP\t: PELAYANAN SURAT KETERANGAN AHLI WARIS", "",
             "\t".join(["No", "Kegiatan", "Pelaksana", *[""] * (len(actors) - 1), "Mutu Baku", "", "",
                        "Keterangan"]),
             "\t".join(["", "", *actors, "Kelengkapan", "Waktu", "Output", ""])]
    for i, (activity, actor, inputs, time, output) in enumerate(WARIS_STEPS, start=1):
        mark = "Mulai" if i == 1 else "Selesai" if i == len(WARIS_STEPS) else "▭"
        lines.append("\t".join([str(i), activity, *(mark if a == actor else "" for a in actors), inputs, time,
                                output, ""]))
    return "\n".join(lines) + "\n"


def write_waris(folder: Path) -> Path:
    path = folder / "sop-ahli-waris.txt"
    path.write_text(waris_text(), encoding="utf-8")
    return path


# 3. Dinas Sosial: Rekomendasi Bantuan Sosial, a workbook whose flowchart symbols are drawn shapes holding no text
# and joined by no connector the importer could follow; the text cells carry the flow, each step's actor marked
# in its column by "√" (or "X", or by filling the cell with no text at all).

BANSOS_ACTORS = ["Pemohon", "Petugas Pelayanan", "Kasi Perlindungan Sosial", "Kepala Bidang", "Kepala Dinas"]
BANSOS = Expected(
    name="PENERBITAN REKOMENDASI BANTUAN SOSIAL",
    number="460/03/SOP/DINSOS/2025",
    actors=BANSOS_ACTORS,
    step_actors=["Pemohon", "Petugas Pelayanan", "Kasi Perlindungan Sosial", "Kepala Bidang", "Kepala Dinas",
                 "Petugas Pelayanan"],
    durations=[_d("15", "minute"), _d("30", "minute"), _d("3", "day"), _d("1", "day"), _d("1", "day"),
               _d("15", "minute")],
    inputs={1: "Surat permohonan, KTP, KK, SKTM"},
    outputs={6: "Rekomendasi bantuan sosial"},
    activity_parts={3: "survei ke rumah pemohon"},
    outside=["Pemohon"],
    returns={},
)
BANSOS_STEPS = [
    ("Mengajukan permohonan rekomendasi", 0, "Surat permohonan, KTP, KK, SKTM", "15", "menit", "Berkas permohonan"),
    ("Memeriksa kelengkapan berkas", 1, "Berkas permohonan", "30", "menit", "Berkas lengkap"),
    ("Melakukan survei ke rumah pemohon dan menyusun laporan", 2, "Berkas lengkap", "3", "hari", "Laporan survei"),
    ("Memeriksa laporan dan memaraf konsep rekomendasi", 3, "Laporan survei", "1", "hari", "Konsep berparaf"),
    ("Menandatangani rekomendasi", 4, "Konsep berparaf", "1", "hari", "Rekomendasi ditandatangani"),
    ("Menyerahkan rekomendasi kepada pemohon", 1, "Rekomendasi ditandatangani", "15", "menit",
     "Rekomendasi bantuan sosial"),
]
_XDR = ('xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')
BANSOS_HEADER = 9  # the header's first row; its second below it, the steps from the row after


def _shape_anchor(ident: int, row: int, column: int, preset: str) -> str:
    """A symbol with no text drawn over the cell (row, column), 0-based, anchored to the cells under it."""
    return (f'<xdr:twoCellAnchor><xdr:from><xdr:col>{column}</xdr:col><xdr:colOff>60000</xdr:colOff>'
            f'<xdr:row>{row}</xdr:row><xdr:rowOff>40000</xdr:rowOff></xdr:from><xdr:to><xdr:col>{column}</xdr:col>'
            f'<xdr:colOff>500000</xdr:colOff><xdr:row>{row}</xdr:row><xdr:rowOff>200000</xdr:rowOff></xdr:to>'
            f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{ident}" name="Shape {ident}"/><xdr:cNvSpPr/>'
            f'</xdr:nvSpPr><xdr:spPr><a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom></xdr:spPr></xdr:sp>'
            "<xdr:clientData/></xdr:twoCellAnchor>")


def _add_drawing(path: Path, anchors: str) -> None:
    """The drawing part holding `anchors` on the workbook's first sheet, as Excel keeps it."""
    with zipfile.ZipFile(path) as z:
        members = {name: z.read(name) for name in z.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    members["xl/worksheets/sheet1.xml"] = sheet.replace("</worksheet>", (
        '<drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdD1"/>'
        "</worksheet>")).encode()
    members["xl/worksheets/_rels/sheet1.xml.rels"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org'
        b'/package/2006/relationships"><Relationship Id="rIdD1" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>')
    members["[Content_Types].xml"] = members["[Content_Types].xml"].decode().replace("</Types>", (
        '<Override PartName="/xl/drawings/drawing1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>')).encode()
    members["xl/drawings/drawing1.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr {_XDR}>'
                                          f"{anchors}</xdr:wsDr>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)


def write_bansos(folder: Path, *, mark: str = "√", shapes: bool = True, name: str = "sop-bansos.xlsx",
                 shaded_columns: bool = False) -> Path:
    """`mark`: the text of each step's actor cell ("" leaves it empty and fills it grey instead); `shapes`: whether
    the symbols are drawn (the header shaded, the third step's row shaded as a whole, either way);
    `shaded_columns`: the Pelaksana columns shaded light blue by design, each actor's cell darker."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "SOP"
    for row, (label, value) in enumerate([
            ("PEMERINTAH KABUPATEN PRINGSEWU", ""), ("DINAS SOSIAL", ""), ("", ""),
            ("NOMOR SOP", ": 460/03/SOP/DINSOS/2025"), ("TANGGAL PEMBUATAN", ": 2 Januari 2025"),
            ("TANGGAL EFEKTIF", ": 1 Februari 2025"), ("DISAHKAN OLEH", ": KEPALA DINAS SOSIAL"),
            ("NAMA SOP", ": PENERBITAN REKOMENDASI BANTUAN SOSIAL")], start=1):
        ws.cell(row, 1, label or None)
        ws.cell(row, 3, value or None)
    n = len(BANSOS_ACTORS)
    top = BANSOS_HEADER
    ws.cell(top, 1, "No")
    ws.merge_cells(start_row=top, start_column=1, end_row=top + 1, end_column=1)
    ws.cell(top, 2, "Uraian Kegiatan")
    ws.merge_cells(start_row=top, start_column=2, end_row=top + 1, end_column=2)
    ws.cell(top, 3, "Pelaksana")
    ws.merge_cells(start_row=top, start_column=3, end_row=top, end_column=2 + n)
    ws.cell(top, 3 + n, "Mutu Baku")
    ws.merge_cells(start_row=top, start_column=3 + n, end_row=top, end_column=6 + n)
    ws.cell(top, 7 + n, "Ket")
    ws.merge_cells(start_row=top, start_column=7 + n, end_row=top + 1, end_column=7 + n)
    for c, actor in enumerate(BANSOS_ACTORS):
        ws.cell(top + 1, 3 + c, actor)
    ws.cell(top + 1, 3 + n, "Persyaratan/Kelengkapan")
    ws.cell(top + 1, 4 + n, "Waktu")
    ws.merge_cells(start_row=top + 1, start_column=4 + n, end_row=top + 1, end_column=5 + n)
    ws.cell(top + 1, 6 + n, "Output")
    grey, header, band = (PatternFill("solid", fgColor=colour) for colour in ("808080", "D9D9D9", "FFF2CC"))
    for row in ws.iter_rows(min_row=top, max_row=top + 1, max_col=7 + n):
        for cell in row:
            cell.fill = header
    anchors = []
    for i, (activity, who, inputs, value, unit, output) in enumerate(BANSOS_STEPS, start=1):
        row = top + 1 + i
        ws.cell(row, 1, i)
        ws.cell(row, 2, activity)
        cell = ws.cell(row, 3 + who, mark or None)
        ws.cell(row, 3 + n, inputs)
        ws.cell(row, 4 + n, int(value))
        ws.cell(row, 5 + n, unit)
        ws.cell(row, 6 + n, output)
        if i == 3:  # the field visit's row shaded as a whole, its actor's cell darker
            for column in range(1, 8 + n):
                ws.cell(row, column).fill = band
        if shaded_columns:
            for column in range(3, 3 + n):
                ws.cell(row, column).fill = PatternFill("solid", fgColor="DDEBF7")
        if not mark or shaded_columns:
            cell.fill = grey
        preset = "flowChartTerminator" if i in (1, len(BANSOS_STEPS)) else "flowChartProcess"
        anchors.append(_shape_anchor(100 + i, row - 1, 2 + who, preset))
    path = folder / name
    book.save(path)
    if shapes:
        _add_drawing(path, "".join(anchors))
    return path


# 4. Dinas Pendidikan: Legalisir Ijazah, fourteen steps over two pages of Word, the table's two header rows
# repeated at the top of the second page (Word's "Repeat header rows"); the same as Word's PDF.

LEGALISIR_ACTORS = ["Pemohon", "Petugas Loket", "Staf Kurikulum", "Kasi Kurikulum", "Sekretaris", "Kepala Dinas"]
_LEGALISIR = [
    ("Mengisi buku tamu dan formulir permohonan legalisir", 0, "15 menit"),
    ("Menyerahkan fotokopi ijazah dan ijazah asli", 0, "15 menit"),
    ("Menerima berkas dan memberi tanda terima", 1, "15 menit"),
    ("Mencocokkan fotokopi dengan ijazah asli", 1, "30 menit"),
    ("Mencatat permohonan dalam buku register legalisir", 1, "15 menit"),
    ("Memeriksa keabsahan ijazah pada buku induk kelulusan", 2, "1 jam"),
    ("Menyusun daftar ijazah yang akan dilegalisir", 2, "1 jam"),
    ("Memeriksa daftar dan memaraf fotokopi ijazah", 3, "2 jam"),
    ("Meneruskan berkas kepada Sekretaris", 3, "15 menit"),
    ("Memeriksa dan memaraf berkas legalisir", 4, "1 hari kerja"),
    ("Menandatangani legalisir fotokopi ijazah", 5, "1 hari kerja"),
    ("Membubuhkan cap dinas pada fotokopi ijazah", 1, "30 menit"),
    ("Mengarsipkan salinan daftar legalisir", 2, "30 menit"),
    ("Menyerahkan fotokopi ijazah terlegalisir kepada pemohon", 1, "15 menit"),
]
_UNITS = {"menit": "minute", "jam": "hour", "hari kerja": "day"}
LEGALISIR = Expected(
    name="PELAYANAN LEGALISIR FOTOKOPI IJAZAH",
    number="421/09/SOP/DISDIK/2025",
    actors=LEGALISIR_ACTORS,
    step_actors=[LEGALISIR_ACTORS[who] for _a, who, _t in _LEGALISIR],
    durations=[_d(t.split()[0], _UNITS[t.split(" ", 1)[1]]) for _a, _w, t in _LEGALISIR],
    inputs={14: "Berkas langkah 13"},
    outputs={14: "Hasil langkah 14"},
    activity_parts={11: "Menandatangani legalisir"},
    outside=["Pemohon"],
    returns={},
)


def write_legalisir(folder: Path) -> Path:
    document = docx.Document()
    _landscape(document)
    _identity(document, ["PEMERINTAH KABUPATEN TANGGAMUS", "DINAS PENDIDIKAN DAN KEBUDAYAAN"], [
        ("Nomor SOP", "421/09/SOP/DISDIK/2025"), ("Tanggal Pembuatan", "2 Januari 2025"), ("Tanggal Revisi", "-"),
        ("Tanggal Efektif", "1 Februari 2025"), ("Disahkan oleh", "KEPALA DINAS PENDIDIKAN DAN KEBUDAYAAN"),
        ("Nama SOP", "PELAYANAN LEGALISIR FOTOKOPI IJAZAH"),
        ("Dasar Hukum", "1. Peraturan Menteri Pendidikan dan Kebudayaan Nomor 14 Tahun 2017\n"
                        "2. Peraturan Bupati Tanggamus Nomor 20 Tahun 2021"),
        ("Peralatan/Perlengkapan", "1. Komputer\n2. Stempel dinas\n3. Buku register legalisir")])
    steps = []
    for i, (activity, who, time) in enumerate(_LEGALISIR, start=1):
        mark = "Mulai" if i == 1 else "Selesai" if i == len(_LEGALISIR) else "▭"
        # Long cells, so that the table runs onto a second page.
        steps.append((f"{activity}\nsesuai ketentuan pelayanan legalisir", LEGALISIR_ACTORS[who], mark,
                      "Berkas permohonan" if i == 1 else f"Berkas langkah {i - 1}", time, f"Hasil langkah {i}", ""))
    _procedure(document, LEGALISIR_ACTORS, steps)
    path = folder / "sop-legalisir.docx"
    document.save(str(path))
    return path


def write_legalisir_pdf(folder: Path) -> Path:
    return _as_pdf(write_legalisir(folder))


def write_bansos_pdf(folder: Path) -> Path:
    """The workbook as Excel's PDF prints it, each step's actor cell filled grey with nothing in it (the shapes
    left out of the print area), the header shaded light grey, the third step's row shaded as a whole."""
    from html import escape

    from .pdfs import write_pdf

    css = ('@page { size: A4 landscape; margin: 1.5cm; } body { font-family: "DejaVu Sans", sans-serif; '
           "font-size: 9pt; } table { border-collapse: collapse; width: 100%; } td, th { border: 0.75pt solid black; "
           "padding: 3pt; vertical-align: top; } th { background: #d9d9d9; } td.on { background: #808080; } "
           "tr.band td { background: #fff2cc; } tr.band td.on { background: #808080; }")
    n = len(BANSOS_ACTORS)
    identity = "".join(f"<tr><td>{label}</td><td>{escape(value)}</td></tr>" for label, value in [
        ("NOMOR SOP", "460/03/SOP/DINSOS/2025"), ("TANGGAL PEMBUATAN", "2 Januari 2025"),
        ("TANGGAL EFEKTIF", "1 Februari 2025"), ("DISAHKAN OLEH", "KEPALA DINAS SOSIAL"),
        ("NAMA SOP", "PENERBITAN REKOMENDASI BANTUAN SOSIAL")])
    head = (f"<tr><th rowspan=2>No</th><th rowspan=2 style='width: 25%'>Uraian Kegiatan</th><th colspan={n}>Pelaksana"
            "</th><th colspan=3>Mutu Baku</th><th rowspan=2>Ket</th></tr><tr>"
            + "".join(f"<th>{a}</th>" for a in BANSOS_ACTORS) + "<th>Kelengkapan</th><th>Waktu</th><th>Output</th></tr>")
    body = "".join(
        f"<tr{' class=band' if i == 3 else ''}><td>{i}</td><td>{activity}</td>"
        + "".join("<td class=on></td>" if a == who else "<td></td>" for a in range(n))
        + f"<td>{inputs}</td><td>{value} {unit}</td><td>{output}</td><td></td></tr>"
        for i, (activity, who, inputs, value, unit, output) in enumerate(BANSOS_STEPS, start=1))
    html = (f"<html lang=id><head><style>{css}</style></head><body><p>PEMERINTAH KABUPATEN PRINGSEWU<br>DINAS SOSIAL"
            f"</p><table>{identity}</table><br><table><thead>{head}</thead><tbody>{body}</tbody></table></body></html>")
    return write_pdf(folder, html, "sop-bansos.pdf")


TRYOUT_THREE: dict[str, tuple[Callable[[Path], Path], Expected]] = {
    "ium": (write_ium, IUM),
    "ium-pdf": (write_ium_pdf, IUM),
    "ium-shaded": (lambda folder: write_ium(folder, shaded=True), IUM),
    "waris": (write_waris, WARIS),
    "bansos": (write_bansos, BANSOS),
    "bansos-x": (lambda folder: write_bansos(folder, mark="X"), BANSOS),
    "bansos-filled": (lambda folder: write_bansos(folder, mark=""), BANSOS),
    "bansos-filled-no-shapes": (lambda folder: write_bansos(folder, mark="", shapes=False), BANSOS),
    "bansos-no-shapes": (lambda folder: write_bansos(folder, shapes=False), BANSOS),
    "bansos-filled-pdf": (write_bansos_pdf, BANSOS),
    "bansos-shaded-columns": (lambda folder: write_bansos(folder, shapes=False, shaded_columns=True), BANSOS),
    "legalisir": (write_legalisir, LEGALISIR),
    "legalisir-pdf": (write_legalisir_pdf, LEGALISIR),
}


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for key, (write, _expected) in TRYOUT_THREE.items():
        (out / key).mkdir(exist_ok=True)
        print(write(out / key))
