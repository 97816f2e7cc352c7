"""A fourth round of SOP AP documents a new user brings, each unlike the earlier rounds': a BKPSDM's Kenaikan
Pangkat in Excel, each step over two rows, its number ("1.", "1)" or "a.") and text merged down over them, each
step's actor marked only by filling its cell (in the first row or the second), and the same as Excel's PDF; a Dinas
Perhubungan's Uji Berkala (KIR) in Word, its Mutu Baku in another order ("Waktu", "Kelengkapan", "Output"), Waktu
written "1 Jam", "30 Menit", "1 Hari Kerja", "5 HK", "2 x 24 Jam" and "Sesuai kebutuhan", the number cells merged
down over two rows and the actors marked by Word's shading (a fill, or a solid pattern), the decision's "Ya" and
"Tidak" typed in the cells beside it, and as Word's PDF; a kelurahan's text copy numbered "1)", each step's actor
marked by "Ya" typed in its column (a checklist's way), the decision's row holding its diamond and the "Tidak"
beside it.

Each builder writes its document into a folder and returns its path; `TRYOUT_FOUR` pairs it with what the
importer must read from it. `python tests/sop/tryouts_four.py DIR` writes them all, to try them by hand.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from html import escape
from pathlib import Path

import docx
import openpyxl
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from openpyxl.styles import Alignment, PatternFill

from .tryouts import Expected, _d, _landscape, _merge, _set
from .tryouts_three import _as_pdf, _identity, _shade

# 1. BKPSDM: Pelayanan Usul Kenaikan Pangkat, a workbook. The header over two rows; each step over two rows, its
# No., Kegiatan and Mutu Baku cells merged down over both, its actor's cell filled grey with nothing in it, in the
# step's first row or (where the office drew the symbol lower) its second; step 4 asks whether the file is complete
# and sends it back to step 2.

KP_ACTORS = ["Pengelola Kepegawaian OPD", "Petugas Loket", "Analis Kepegawaian", "Kepala Bidang Mutasi",
             "Kepala BKPSDM"]
KP_STEPS = [
    # activity, actor, Kelengkapan, Waktu, Output, Keterangan, filled row (0: the first, 1: the second)
    ("Menyampaikan usul kenaikan pangkat melalui aplikasi", 0, "Surat pengantar, SK pangkat terakhir, SKP 2 tahun",
     "1 Hari", "Berkas usulan", "", 0),
    ("Menerima dan mencatat berkas usulan", 1, "Berkas usulan", "30 Menit", "Tanda terima", "", 1),
    ("Memverifikasi kelengkapan dan keabsahan berkas", 2, "Tanda terima", "2 Hari", "Hasil verifikasi", "", 0),
    ("Apakah berkas lengkap dan sah?", 2, "Hasil verifikasi", "1 Jam", "Berkas lengkap",
     "Tidak: dikembalikan ke langkah 2", 1),
    ("Memeriksa dan memaraf nota usul", 3, "Berkas lengkap", "1 Hari", "Nota usul berparaf", "", 0),
    ("Menandatangani usul kenaikan pangkat ke BKN", 4, "Nota usul berparaf", "1 Hari", "Usul ditandatangani", "", 1),
    ("Mengirim usul ke BKN dan mengarsipkan", 1, "Usul ditandatangani", "1 Jam", "Usul terkirim", "", 0),
]
KP = Expected(
    name="PELAYANAN USUL KENAIKAN PANGKAT",
    number="800/27/SOP/BKPSDM/2025",
    actors=KP_ACTORS,
    step_actors=[KP_ACTORS[who] for _a, who, *_rest in KP_STEPS],
    durations=[_d("1", "day"), _d("30", "minute"), _d("2", "day"), _d("1", "hour"), _d("1", "day"), _d("1", "day"),
               _d("1", "hour")],
    inputs={1: "Surat pengantar, SK pangkat terakhir, SKP 2 tahun"},
    outputs={7: "Usul terkirim"},
    activity_parts={6: "ke BKN"},
    outside=[],
    returns={4: [2]},
)
KP_HEADER = 10  # the header's first row; its second below it, the steps from the row after
KP_NUMBERINGS = ["1.", "1)", "a."]


def _label(numbering: str, i: int) -> str:
    return chr(ord("a") + i - 1) + "." if numbering == "a." else f"{i}{numbering[1:]}"


def write_kp(folder: Path, *, numbering: str = "1.", merged: bool = True) -> Path:
    """`numbering`: how the No. column writes the steps; `merged`: whether the No., Kegiatan and Mutu Baku cells
    are merged down over each step's two rows (else the number and text stand in the first row only, the second
    holding the rest of the activity, as a row wrapped by hand)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "KP"
    for row, (label, value) in enumerate([
            ("PEMERINTAH KOTA BANDAR LAMPUNG", ""), ("BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA", ""),
            ("", ""), ("Nomor SOP", ": 800/27/SOP/BKPSDM/2025"), ("Tanggal Pembuatan", ": 6 Januari 2025"),
            ("Tanggal Revisi", ": -"), ("Tanggal Efektif", ": 3 Februari 2025"),
            ("Disahkan oleh", ": KEPALA BKPSDM KOTA BANDAR LAMPUNG"),
            ("Nama SOP", ": PELAYANAN USUL KENAIKAN PANGKAT")], start=1):
        ws.cell(row, 2, label or None)
        ws.cell(row, 4, value or None)
    n = len(KP_ACTORS)
    top = KP_HEADER
    header = PatternFill("solid", fgColor="D9D9D9")
    grey = PatternFill("solid", fgColor="808080")
    # B: No, C: Kegiatan, D…: the actors, then Kelengkapan, Waktu, Output, Keterangan.
    ws.merge_cells(start_row=top, start_column=2, end_row=top + 1, end_column=2)
    ws.cell(top, 2, "No")
    ws.merge_cells(start_row=top, start_column=3, end_row=top + 1, end_column=3)
    ws.cell(top, 3, "Kegiatan")
    ws.merge_cells(start_row=top, start_column=4, end_row=top, end_column=3 + n)
    ws.cell(top, 4, "Pelaksana")
    ws.merge_cells(start_row=top, start_column=4 + n, end_row=top, end_column=6 + n)
    ws.cell(top, 4 + n, "Mutu Baku")
    ws.merge_cells(start_row=top, start_column=7 + n, end_row=top + 1, end_column=7 + n)
    ws.cell(top, 7 + n, "Keterangan")
    for c, text in enumerate([*KP_ACTORS, "Kelengkapan", "Waktu", "Output"]):
        ws.cell(top + 1, 4 + c, text)
    for r in (top, top + 1):
        for c in range(2, 8 + n):
            ws.cell(r, c).fill = header
    for i, (activity, who, inputs, time, output, note, lower) in enumerate(KP_STEPS, start=1):
        row = top + 2 * i
        words = activity.split()
        first, rest = (activity, "") if merged else (" ".join(words[:-2]), " ".join(words[-2:]))
        ws.cell(row, 2, _label(numbering, i))
        ws.cell(row, 3, first)
        if rest:
            ws.cell(row + 1, 3, rest)
        for c, text in enumerate([inputs, time, output, note]):
            ws.cell(row, 4 + n + c, text or None)
        if merged:
            for column in (2, 3, *range(4 + n, 8 + n)):
                ws.merge_cells(start_row=row, start_column=column, end_row=row + 1, end_column=column)
                ws.cell(row, column).alignment = Alignment(vertical="center", wrap_text=True)
        ws.cell(row + lower, 4 + who).fill = grey
    path = folder / f"sop-kenaikan-pangkat{'' if merged else '-wrapped'}.xlsx"
    book.save(path)
    return path


def write_kp_pdf(folder: Path) -> Path:
    """The workbook as Excel's PDF prints it: each step's No. and Kegiatan cells spanning its two rows, the actor's
    cell filled grey in one of them."""
    from .pdfs import write_pdf

    css = ('@page { size: A4 landscape; margin: 1.5cm; } body { font-family: "DejaVu Sans", sans-serif; '
           "font-size: 9pt; } table { border-collapse: collapse; width: 100%; } td, th { border: 0.75pt solid black; "
           "padding: 3pt; vertical-align: middle; } th { background: #d9d9d9; } td.on { background: #808080; } "
           "tr td.empty { height: 12pt; }")
    n = len(KP_ACTORS)
    identity = "".join(f"<tr><td>{label}</td><td>{escape(value)}</td></tr>" for label, value in [
        ("Nomor SOP", KP.number), ("Tanggal Pembuatan", "6 Januari 2025"), ("Tanggal Efektif", "3 Februari 2025"),
        ("Disahkan oleh", "KEPALA BKPSDM KOTA BANDAR LAMPUNG"), ("Nama SOP", KP.name)])
    head = (f"<tr><th rowspan=2>No</th><th rowspan=2 style='width: 25%'>Kegiatan</th><th colspan={n}>Pelaksana</th>"
            "<th colspan=3>Mutu Baku</th><th rowspan=2>Keterangan</th></tr><tr>"
            + "".join(f"<th>{a}</th>" for a in KP_ACTORS) + "<th>Kelengkapan</th><th>Waktu</th><th>Output</th></tr>")
    body = ""
    for i, (activity, who, inputs, time, output, note, lower) in enumerate(KP_STEPS, start=1):
        cells = ["<td class=on></td>" if a == who else "<td class=empty></td>" for a in range(n)]
        blank = ["<td class=empty></td>"] * n
        body += (f"<tr><td rowspan=2>{i}.</td><td rowspan=2>{activity}</td>{''.join(blank if lower else cells)}"
                 + "".join(f"<td rowspan=2>{escape(t)}</td>" for t in (inputs, time, output, note))
                 + f"</tr><tr>{''.join(cells if lower else blank)}</tr>")
    html = (f"<html lang=id><head><style>{css}</style></head><body><p>PEMERINTAH KOTA BANDAR LAMPUNG<br>BADAN "
            f"KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA</p><table>{identity}</table><br><table><thead>{head}"
            f"</thead><tbody>{body}</tbody></table></body></html>")
    return write_pdf(folder, html, "sop-kenaikan-pangkat.pdf")


# 2. Dinas Perhubungan: Pelayanan Uji Berkala Kendaraan Bermotor (KIR), Word. The Mutu Baku's columns in the order
# "Waktu", "Kelengkapan", "Output"; each step over two rows, its No. cell merged down over both (Word's vMerge) and
# its actor's cell shaded, nothing typed in it (in the second row for steps 2 and 6); the decision (step 4) has its
# "Tidak" typed in the cell left of its actor's and its "Ya" in the cell under it (the diamond's labels, the diamond
# itself lost). Step 5's Waktu is
# "Sesuai kebutuhan": no standard time, which the user types in (KIR_TIME).

KIR_ACTORS = ["Pemohon", "Petugas Pendaftaran", "Penguji", "Kepala UPT PKB", "Kepala Dinas"]
KIR_STEPS = [
    # activity, actor, Waktu, Kelengkapan, Output, Keterangan
    ("Mendaftarkan kendaraan dan membayar retribusi", 0, "30 Menit", "STNK, buku uji lama, bukti bayar",
     "Formulir pendaftaran", ""),
    ("Memeriksa berkas dan memasukkan data ke aplikasi", 1, "1 Jam", "Formulir pendaftaran", "Data kendaraan", ""),
    ("Menguji kendaraan pada alat uji", 2, "1 Hari Kerja", "Data kendaraan", "Hasil uji", ""),
    ("Apakah kendaraan lulus uji?", 2, "2 x 24 Jam", "Hasil uji", "Kendaraan lulus uji",
     "Tidak: kembali ke langkah 3 setelah diperbaiki"),
    ("Memperbaiki kekurangan kendaraan bila diminta", 0, "Sesuai kebutuhan", "Catatan penguji",
     "Kendaraan diperbaiki", ""),
    ("Mengesahkan kartu uji dan tanda uji", 3, "5 HK", "Kendaraan lulus uji", "Kartu uji disahkan", ""),
    ("Menyerahkan kartu uji dan tanda uji kepada pemohon", 1, "30 Menit", "Kartu uji disahkan", "Kartu dan tanda uji",
     ""),
]
KIR_TIME = (5, "1 hari")  # the time of the step whose Waktu is "Sesuai kebutuhan", as the user gives it
KIR = Expected(
    name="PELAYANAN UJI BERKALA KENDARAAN BERMOTOR",
    number="551.2/14/SOP/DISHUB/2025",
    actors=KIR_ACTORS,
    step_actors=[KIR_ACTORS[who] for _a, who, *_rest in KIR_STEPS],
    durations=[_d("30", "minute"), _d("1", "hour"), _d("1", "day"), _d("2", "day"), _d("1", "day"), _d("5", "day"),
               _d("30", "minute")],
    inputs={1: "STNK, buku uji lama, bukti bayar", 6: "Kendaraan lulus uji"},
    outputs={3: "Hasil uji", 7: "Kartu dan tanda uji"},
    activity_parts={4: "lulus uji"},
    outside=["Pemohon"],
    returns={4: [3]},
)


def _solid(cell: docx.table._Cell, colour: str) -> None:
    """Shading as Word's "Pattern: Solid (100%)" writes it (and documents of Word 2003): the pattern's colour, no
    fill."""
    shading = OxmlElement("w:shd")
    for name, value in (("w:val", "solid"), ("w:color", colour), ("w:fill", "auto")):
        shading.set(qn(name), value)
    cell._tc.get_or_add_tcPr().append(shading)


def write_kir(folder: Path, *, solid: bool = False) -> Path:
    """The Word document (its PDF: write_kir_pdf); `solid`: the actors' cells shaded by a solid pattern."""
    document = docx.Document()
    _landscape(document)
    _identity(document, ["PEMERINTAH KOTA BANDAR LAMPUNG", "DINAS PERHUBUNGAN"], [
        ("Nomor SOP", KIR.number), ("Tanggal Pembuatan", "8 Januari 2025"), ("Tanggal Revisi", "-"),
        ("Tanggal Efektif", "1 Maret 2025"), ("Disahkan oleh", "KEPALA DINAS PERHUBUNGAN KOTA BANDAR LAMPUNG"),
        ("Nama SOP", KIR.name)])
    n = len(KIR_ACTORS)
    table = document.add_table(rows=2, cols=2 + n + 4)
    table.style = "Table Grid"
    _merge(table, 0, 0, 1, 0, "No")
    _merge(table, 0, 1, 1, 1, "Kegiatan")
    _merge(table, 0, 2, 0, 1 + n, "Pelaksana")
    _merge(table, 0, 2 + n, 0, 4 + n, "Mutu Baku")
    _merge(table, 0, 5 + n, 1, 5 + n, "Keterangan")
    for c, text in enumerate([*KIR_ACTORS, "Waktu", "Kelengkapan", "Output"]):
        table.cell(1, 2 + c).text = text
    widths = [Cm(1), Cm(5.5), *[Cm(2)] * n, Cm(2.8), Cm(3.5), Cm(3), Cm(2.7)]
    for i, (activity, who, time, inputs, output, note) in enumerate(KIR_STEPS, start=1):
        table.add_row()
        table.add_row()
        top = 2 * i
        _merge(table, top, 0, top + 1, 0, f"{i}.")
        merged = table.cell(top, 1).merge(table.cell(top + 1, 1))
        _set(merged, activity)
        for c, text in enumerate([time, inputs, output, note]):
            _set(table.cell(top, 2 + n + c).merge(table.cell(top + 1, 2 + n + c)), text)
        # Steps 2 and 6 have their actor's cell shaded in their second row, where the office drew the symbol lower.
        (_solid if solid else _shade)(table.cell(top + (i in (2, 6)), 2 + who), "808080")
        if note:  # the decision: its labels typed where the diamond's arrows leave it
            table.cell(top, 1 + who).text = "Tidak"
            table.cell(top + 1, 2 + who).text = "Ya"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice lays out by
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    path = folder / "sop-uji-berkala.docx"
    document.save(str(path))
    return path


def write_kir_pdf(folder: Path) -> Path:
    """The Word document as Word's "Save as PDF" prints it (LibreOffice's export): each step's two rows stand as one
    in the PDF's table, the shaded cell and the "Ya" typed under it in one cell."""
    return _as_pdf(write_kir(folder))


# 3. Kelurahan: Surat Keterangan Domisili, a text copy (tabs) numbered "1)", each step's actor marked by "Ya" typed
# in its column, the decision's row holding its diamond "◇" and "Tidak" in the column its "Tidak" goes to; the
# Ketua RT (outside the kelurahan) gives the letter the applicant brings.

DOMISILI_ACTORS = ["Pemohon", "Ketua RT", "Petugas Pelayanan", "Kasi Pemerintahan", "Lurah"]
DOMISILI_STEPS = [
    ("Memberikan surat pengantar kepada warga", 1, "KTP, KK", "1 hari", "Surat pengantar RT"),
    ("Mengajukan permohonan dengan surat pengantar RT", 0, "Surat pengantar RT, KTP, KK", "15 menit",
     "Berkas permohonan"),
    ("Menerima dan memeriksa berkas permohonan", 2, "Berkas permohonan", "15 menit", "Berkas diperiksa"),
    ("Apakah berkas lengkap? Tidak: dikembalikan kepada Pemohon", 2, "Berkas diperiksa", "5 menit", "Berkas lengkap"),
    ("Mengetik surat keterangan domisili", 2, "Berkas lengkap", "15 menit", "Konsep surat"),
    ("Memeriksa dan memaraf konsep surat", 3, "Konsep surat", "30 menit", "Konsep berparaf"),
    ("Menandatangani surat keterangan domisili", 4, "Konsep berparaf", "1 hari", "Surat ditandatangani"),
    ("Menyerahkan surat kepada pemohon", 2, "Surat ditandatangani", "15 menit", "Surat keterangan domisili"),
]
DOMISILI = Expected(
    name="PELAYANAN SURAT KETERANGAN DOMISILI",
    number="470/08/SOP/KEL-KP/2025",
    actors=DOMISILI_ACTORS,
    step_actors=[DOMISILI_ACTORS[who] for _a, who, *_rest in DOMISILI_STEPS],
    durations=[_d("1", "day"), _d("15", "minute"), _d("15", "minute"), _d("5", "minute"), _d("15", "minute"),
               _d("30", "minute"), _d("1", "day"), _d("15", "minute")],
    inputs={2: "Surat pengantar RT, KTP, KK"},
    outputs={8: "Surat keterangan domisili"},
    activity_parts={4: "berkas lengkap"},
    outside=["Pemohon", "Ketua RT"],
    returns={4: [2]},
)


def domisili_text(*, mark: str = "Ya") -> str:
    actors = DOMISILI_ACTORS
    lines = ["PEMERINTAH KOTA BANDAR LAMPUNG", "KECAMATAN KEDATON", "KELURAHAN KAMPUNG BARU", "",
             f"Nomor SOP\t: {DOMISILI.number}", "Tanggal Pembuatan\t: 6 Januari 2025", "Tanggal Revisi\t: -",
             "Tanggal Efektif\t: 1 Februari 2025", "Disahkan oleh\t: LURAH KAMPUNG BARU",
             f"Nama SOP\t: {DOMISILI.name}", "",
             "\t".join(["No", "Kegiatan", "Pelaksana", *[""] * (len(actors) - 1), "Mutu Baku", "", "", "Keterangan"]),
             "\t".join(["", "", *actors, "Kelengkapan", "Waktu", "Output", ""])]
    for i, (activity, who, inputs, time, output) in enumerate(DOMISILI_STEPS, start=1):
        cells = [""] * len(actors)
        cells[who] = mark
        if "?" in activity:  # the decision: its diamond, and its "Tidak" in the Pemohon's column it goes back to
            cells[who], cells[0] = "◇", "Tidak"
        lines.append("\t".join([f"{i})", activity, *cells, inputs, time, output, ""]))
    return "\n".join(lines) + "\n"


def write_domisili(folder: Path, *, mark: str = "Ya") -> Path:
    path = folder / "sop-domisili.txt"
    path.write_text(domisili_text(mark=mark), encoding="utf-8")
    return path


TRYOUT_FOUR: dict[str, tuple[Callable[[Path], Path], Expected]] = {
    **{f"kp-{numbering}": (lambda folder, numbering=numbering: write_kp(folder, numbering=numbering), KP)
       for numbering in KP_NUMBERINGS},
    "kp-wrapped": (lambda folder: write_kp(folder, merged=False), KP),
    "kp-pdf": (write_kp_pdf, KP),
    "kir": (write_kir, KIR),
    "kir-pdf": (write_kir_pdf, KIR),
    "kir-solid": (lambda folder: write_kir(folder, solid=True), KIR),
    "domisili": (write_domisili, DOMISILI),
}


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for key, (write, _expected) in TRYOUT_FOUR.items():
        (out / key).mkdir(exist_ok=True)
        print(write(out / key))
