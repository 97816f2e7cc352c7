"""SOP AP documents a new customer brings on the first day, none of them seen before: Word files whose
identity block is a two-column table holding every field (Dasar Hukum to Pencatatan included) or plain
paragraphs "Label : value", the Pelaksana heading merged over position names in a second header row,
Mutu Baku complete or partly missing, Waktu written "15 Menit", "30'", "1 (satu) hari kerja", "5 HK",
"1 minggu", steps numbered "1." or "1", activities over several paragraphs, an Excel sheet with merged
cells, a Markdown-like text copy.

Each builder writes its document into a folder and returns its path; `TRYOUT_SOPS` pairs it with what the
importer must read from it. `python tests/sop/tryouts.py DIR` writes them all, to try them by hand
(`kinerja sop import DIR/…` or the upload page).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
from docx.enum.section import WD_ORIENT
from docx.shared import Cm
from openpyxl.styles import Alignment


@dataclass(frozen=True)
class Expected:
    """What the importer must read from a document."""

    name: str
    number: str
    actors: list[str]
    step_actors: list[str]
    durations: list[tuple[Decimal, str]]
    inputs: dict[int, str]  # step → its Kelengkapan as read
    outputs: dict[int, str]  # step → its Output as read
    activity_parts: dict[int, str]  # step → a part of its activity (a later paragraph of a multi-line cell)
    outside: list[str]  # actors outside the office
    returns: dict[int, list[int]]
    legal_basis: str = ""  # a part of the Dasar Hukum
    equipment: str = ""  # a part of the Peralatan/Perlengkapan


def _d(value: str, unit: str) -> tuple[Decimal, str]:
    return Decimal(value), unit


def _landscape(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(33), Cm(21.5)
    section.left_margin = section.right_margin = Cm(1.5)


def _merge(table: docx.table.Table, top: int, left: int, bottom: int, right: int, text: str) -> None:
    merged = table.cell(top, left).merge(table.cell(bottom, right))
    merged.text = text


def _set(cell: docx.table._Cell, text: str) -> None:
    """The text of a cell, each line its own paragraph (as Word keeps Enter)."""
    lines = text.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


# 1. DPMPTSP: Izin Usaha Mikro Kecil. The identity block is one two-column table holding every field,
# the letterhead above it as paragraphs; the procedure table has "Pelaksana" and "Mutu Baku" merged over a
# second header row, steps numbered "1.", activities over two paragraphs, Waktu "15 Menit", "30'",
# "1 (satu) hari kerja", the outside party "Pemohon" and a decision sending work back.

IUMK = Expected(
    name="PELAYANAN IZIN USAHA MIKRO KECIL (IUMK)",
    number="503/07/SOP/DPMPTSP/2025",
    actors=["Pemohon", "Petugas Front Office", "Kasi Perizinan", "Kepala Bidang", "Kepala Dinas"],
    step_actors=["Pemohon", "Petugas Front Office", "Kasi Perizinan", "Kepala Bidang", "Kepala Dinas",
                 "Petugas Front Office"],
    durations=[_d("15", "minute"), _d("30", "minute"), _d("1", "hour"), _d("1", "day"), _d("1", "day"),
               _d("15", "minute")],
    inputs={1: "Formulir permohonan, fotokopi KTP, pas foto 3x4"},
    outputs={6: "IUMK"},
    activity_parts={2: "dikembalikan kepada Pemohon", 3: "draf IUMK"},
    outside=["Pemohon"],
    returns={2: [1]},
    legal_basis="Peraturan Presiden Nomor 98 Tahun 2014",
    equipment="Komputer",
)


def write_iumk(folder: Path) -> Path:
    document = docx.Document()
    _landscape(document)
    for line in ("PEMERINTAH KABUPATEN PESAWARAN",
                 "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU"):
        document.add_paragraph(line)
    identity = document.add_table(rows=0, cols=2)
    identity.style = "Table Grid"
    for label, value in [
        ("Nomor SOP", "503/07/SOP/DPMPTSP/2025"), ("Tanggal Pembuatan", "6 Januari 2025"),
        ("Tanggal Revisi", "-"), ("Tanggal Efektif", "3 Februari 2025"),
        ("Disahkan oleh", "KEPALA DINAS PENANAMAN MODAL DAN PTSP\n\nHj. RATNA DEWI, S.Sos., M.M.\n"
                          "NIP. 19720314 199803 2 005"),
        ("Nama SOP", "PELAYANAN IZIN USAHA MIKRO KECIL (IUMK)"),
        ("Dasar Hukum", "1. Peraturan Presiden Nomor 98 Tahun 2014 tentang Perizinan untuk Usaha Mikro, Kecil\n"
                        "2. Peraturan Menteri Dalam Negeri Nomor 83 Tahun 2014"),
        ("Kualifikasi Pelaksana", "1. Memahami ketentuan perizinan\n2. Mampu mengoperasikan komputer"),
        ("Keterkaitan", "SOP Pelayanan Pengaduan Masyarakat"),
        ("Peralatan/Perlengkapan", "1. Komputer\n2. Printer\n3. Formulir permohonan"),
        ("Peringatan", "Jika SOP tidak dilaksanakan, penerbitan IUMK terlambat"),
        ("Pencatatan dan Pendataan", "Buku register IUMK"),
    ]:
        row = identity.add_row()
        row.cells[0].text = label
        _set(row.cells[1], value)
    document.add_paragraph("")
    actors = IUMK.actors
    n = len(actors)
    table = document.add_table(rows=2, cols=2 + n + 4)
    table.style = "Table Grid"
    for c, text in enumerate(["No.", "Kegiatan"]):
        _merge(table, 0, c, 1, c, text)
    _merge(table, 0, 2, 0, 1 + n, "Pelaksana")
    _merge(table, 0, 2 + n, 0, 4 + n, "Mutu Baku")
    _merge(table, 0, 5 + n, 1, 5 + n, "Keterangan")
    for c, text in enumerate(actors):
        table.cell(1, 2 + c).text = text
    for c, text in enumerate(["Kelengkapan/ Persyaratan", "Waktu", "Output"]):
        table.cell(1, 2 + n + c).text = text
    steps = [
        ("Mengajukan permohonan IUMK\ndengan mengisi formulir", "Pemohon", "Mulai",
         "Formulir permohonan, fotokopi KTP, pas foto 3x4", "15 Menit", "Berkas permohonan", ""),
        ("Memeriksa kelengkapan berkas\nBila tidak lengkap, berkas dikembalikan kepada Pemohon",
         "Petugas Front Office", "◇", "Berkas permohonan", "30'", "Berkas lengkap", "Tidak lengkap: ke langkah 1"),
        ("Memverifikasi data usaha\ndan menyiapkan draf IUMK", "Kasi Perizinan", "▭", "Berkas lengkap", "1 jam",
         "Draf IUMK", ""),
        ("Memeriksa dan memaraf draf IUMK", "Kepala Bidang", "▭", "Draf IUMK", "1 (satu) hari kerja",
         "Draf IUMK berparaf", ""),
        ("Menandatangani IUMK", "Kepala Dinas", "▭", "Draf IUMK berparaf", "1 (satu) hari kerja", "IUMK", ""),
        ("Menyerahkan IUMK kepada Pemohon", "Petugas Front Office", "Selesai", "IUMK", "15 Menit", "IUMK", ""),
    ]
    for i, (activity, actor, mark, inputs, time, output, note) in enumerate(steps, start=1):
        cells = table.add_row().cells
        cells[0].text = f"{i}."
        _set(cells[1], activity)
        cells[2 + actors.index(actor)].text = mark
        for c, text in enumerate([inputs, time, output, note]):
            cells[2 + n + c].text = text
    path = folder / "sop-iumk.docx"
    document.save(str(path))
    return path


# 2. BKPSDM: Pengajuan Cuti Pegawai. The identity block is paragraphs "Label : value" (no table), the
# procedure table has no Kelengkapan column (Mutu Baku: Waktu and Output only), steps numbered "1",
# Waktu "2 Hari", "5 HK", "1 minggu".

CUTI = Expected(
    name="PENGAJUAN CUTI TAHUNAN PEGAWAI",
    number="800/112/SOP/BKPSDM/2024",
    actors=["Pegawai", "Atasan Langsung", "Kasubbag Umum dan Kepegawaian", "Sekretaris", "Kepala Badan"],
    step_actors=["Pegawai", "Atasan Langsung", "Kasubbag Umum dan Kepegawaian", "Sekretaris", "Kepala Badan",
                 "Kasubbag Umum dan Kepegawaian"],
    durations=[_d("1", "hour"), _d("2", "day"), _d("2", "day"), _d("5", "day"), _d("1", "week"), _d("1", "day")],
    inputs={},
    outputs={5: "Surat izin cuti"},
    activity_parts={3: "sisa cuti"},
    outside=[],
    returns={},
    legal_basis="Peraturan Pemerintah Nomor 11 Tahun 2017",
)


def write_cuti(folder: Path) -> Path:
    document = docx.Document()
    _landscape(document)
    for line in [
        "PEMERINTAH KOTA METRO", "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA", "",
        "Nomor SOP : 800/112/SOP/BKPSDM/2024", "Tanggal Pembuatan : 15 Juli 2024", "Tanggal Revisi : -",
        "Tanggal Efektif : 1 Agustus 2024",
        "Disahkan oleh : Kepala BKPSDM Kota Metro",
        "Nama SOP : PENGAJUAN CUTI TAHUNAN PEGAWAI",
        "Dasar Hukum : Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen PNS",
        "Kualifikasi Pelaksana : Memahami peraturan kepegawaian",
        "Keterkaitan : -", "Peralatan/Perlengkapan : Komputer, printer, blangko cuti",
        "Peringatan : Cuti tidak dapat diproses jika sisa cuti tidak mencukupi",
        "Pencatatan dan Pendataan : Buku register cuti", "",
    ]:
        document.add_paragraph(line)
    actors = CUTI.actors
    n = len(actors)
    table = document.add_table(rows=2, cols=2 + n + 3)
    table.style = "Table Grid"
    _merge(table, 0, 0, 1, 0, "No")
    _merge(table, 0, 1, 1, 1, "Uraian Kegiatan")
    _merge(table, 0, 2, 0, 1 + n, "Pelaksana")
    _merge(table, 0, 2 + n, 0, 3 + n, "Mutu Baku")
    _merge(table, 0, 4 + n, 1, 4 + n, "Ket")
    for c, text in enumerate(actors):
        table.cell(1, 2 + c).text = text
    table.cell(1, 2 + n).text = "Waktu"
    table.cell(1, 3 + n).text = "Output"
    steps = [
        ("Mengisi blangko permohonan cuti", "Pegawai", "Mulai", "1 jam", "Blangko cuti"),
        ("Memberikan pertimbangan atas permohonan cuti", "Atasan Langsung", "▭", "2 Hari", "Blangko cuti diparaf"),
        ("Memeriksa sisa cuti\ndan menyiapkan konsep surat izin cuti", "Kasubbag Umum dan Kepegawaian", "▭",
         "2 Hari", "Konsep surat izin cuti"),
        ("Memeriksa dan memaraf konsep surat izin cuti", "Sekretaris", "▭", "5 HK", "Konsep berparaf"),
        ("Menandatangani surat izin cuti", "Kepala Badan", "▭", "1 minggu", "Surat izin cuti"),
        ("Mencatat dan menyampaikan surat izin cuti kepada Pegawai", "Kasubbag Umum dan Kepegawaian", "Selesai",
         "1 Hari", "Register cuti"),
    ]
    for i, (activity, actor, mark, time, output) in enumerate(steps, start=1):
        cells = table.add_row().cells
        cells[0].text = str(i)
        _set(cells[1], activity)
        cells[2 + actors.index(actor)].text = mark
        cells[2 + n].text = time
        cells[3 + n].text = output
    path = folder / "sop-cuti.docx"
    document.save(str(path))
    return path


# 3. Sekretariat: Pengelolaan Arsip Surat Masuk, an Excel sheet: the identity block in merged cells (label
# over two columns, value over the rest), "Pelaksana" and "Mutu Baku" merged over the second header row,
# activities with line breaks in the cell, Waktu "5'", "10 menit", "1 Jam".

ARSIP = Expected(
    name="PENGELOLAAN ARSIP SURAT MASUK",
    number="045/03/SOP/SET/2025",
    actors=["Pengadministrasi Umum", "Kasubbag Umum", "Sekretaris", "Kepala Dinas", "Arsiparis"],
    step_actors=["Pengadministrasi Umum", "Kasubbag Umum", "Sekretaris", "Kepala Dinas", "Sekretaris",
                 "Arsiparis"],
    durations=[_d("5", "minute"), _d("10", "minute"), _d("10", "minute"), _d("1", "hour"), _d("15", "minute"),
               _d("1", "day")],
    inputs={4: "Surat masuk, lembar disposisi"},
    outputs={6: "Arsip surat masuk"},
    activity_parts={1: "nomor agenda"},
    outside=[],
    returns={},
)


def write_arsip(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "SOP Arsip"
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells("A1:L1")
    sheet["A1"] = "PEMERINTAH KABUPATEN TANGGAMUS"
    sheet.merge_cells("A2:L2")
    sheet["A2"] = "SEKRETARIAT DAERAH"
    identity = [("Nomor SOP", "045/03/SOP/SET/2025"), ("Tanggal Pembuatan", "10 Februari 2025"),
                ("Tanggal Revisi", "-"), ("Tanggal Efektif", "1 Maret 2025"),
                ("Disahkan oleh", "Sekretaris Daerah\nIr. H. BAMBANG SUTRISNO, M.T.\nNIP. 19690211 199403 1 002"),
                ("Nama SOP", "PENGELOLAAN ARSIP SURAT MASUK")]
    for r, (label, value) in enumerate(identity, start=4):
        sheet.merge_cells(f"A{r}:C{r}")
        sheet[f"A{r}"] = label
        sheet.merge_cells(f"D{r}:L{r}")
        sheet[f"D{r}"] = value
        sheet[f"D{r}"].alignment = wrap
    top = 11
    actors = ARSIP.actors
    sheet.merge_cells(f"A{top}:A{top + 1}")
    sheet[f"A{top}"] = "No"
    sheet.merge_cells(f"B{top}:B{top + 1}")
    sheet[f"B{top}"] = "Kegiatan"
    sheet.merge_cells(f"C{top}:G{top}")
    sheet[f"C{top}"] = "Pelaksana"
    sheet.merge_cells(f"H{top}:J{top}")
    sheet[f"H{top}"] = "Mutu Baku"
    sheet.merge_cells(f"K{top}:K{top + 1}")
    sheet[f"K{top}"] = "Ket"
    for c, text in enumerate(actors):
        sheet.cell(top + 1, 3 + c, text)
    for c, text in enumerate(["Kelengkapan", "Waktu", "Output"]):
        sheet.cell(top + 1, 8 + c, text)
    steps = [
        ("Menerima surat masuk,\nmencatat dalam buku agenda\ndan memberi nomor agenda", 0, "Mulai",
         "Surat masuk", "5'", "Surat beragenda"),
        ("Menelaah surat masuk", 1, "▭", "Surat beragenda", "10 menit", "Telaahan"),
        ("Meneruskan surat kepada Kepala Dinas", 2, "▭", "Surat, telaahan", "10 menit", "Surat masuk"),
        ("Memberikan disposisi", 3, "▭", "Surat masuk, lembar disposisi", "1 Jam", "Disposisi"),
        ("Mendistribusikan surat sesuai disposisi", 2, "▭", "Disposisi", "15 menit", "Surat terdistribusi"),
        ("Menyimpan arsip surat masuk", 4, "Selesai", "Salinan surat", "1 hari", "Arsip surat masuk"),
    ]
    for i, (activity, actor, mark, inputs, time, output) in enumerate(steps, start=1):
        r = top + 1 + i
        sheet.cell(r, 1, i)
        sheet.cell(r, 2, activity).alignment = wrap
        sheet.cell(r, 3 + actor, mark)
        for c, text in enumerate([inputs, time, output]):
            sheet.cell(r, 8 + c, text)
    path = folder / "sop-arsip.xlsx"
    book.save(str(path))
    return path


# 4. Bappeda: Penyusunan Rencana Kerja, kept as Markdown text: "**Label**: value" lines, a pipe table with
# a separator row, Waktu "1 minggu", "2 Hari", "3 HK", "1 (satu) hari kerja".

RENJA = Expected(
    name="PENYUSUNAN RENCANA KERJA TAHUNAN",
    number="050/21/SOP/BAPPEDA/2025",
    actors=["Kepala Badan", "Sekretaris", "Kasubbag Perencanaan", "Kepala Bidang", "Staf Pelaksana"],
    step_actors=["Kepala Badan", "Sekretaris", "Kasubbag Perencanaan", "Kepala Bidang", "Staf Pelaksana",
                 "Kasubbag Perencanaan", "Kepala Badan"],
    durations=[_d("1", "day"), _d("2", "day"), _d("1", "week"), _d("3", "day"), _d("2", "day"), _d("1", "day"),
               _d("1", "day")],
    inputs={3: "Surat edaran, Renstra"},
    outputs={7: "Renja ditetapkan"},
    activity_parts={},
    outside=[],
    returns={6: [5]},
)

RENJA_TEXT = """\
# PEMERINTAH KABUPATEN WAY KANAN
## BADAN PERENCANAAN PEMBANGUNAN DAERAH

**Nomor SOP**: 050/21/SOP/BAPPEDA/2025
**Tanggal Pembuatan**: 3 Januari 2025
**Tanggal Revisi**: -
**Tanggal Efektif**: 13 Januari 2025
**Disahkan oleh**: Kepala Bappeda Kabupaten Way Kanan
**Nama SOP**: PENYUSUNAN RENCANA KERJA TAHUNAN

"""
_RENJA_ROWS = [
    ["No", "Kegiatan", *RENJA.actors, "Kelengkapan", "Waktu", "Output", "Ket"],
    ["----", "----------", *[":---:"] * 5, "---", "---", "---", "---"],
    ["1.", "Menerbitkan surat edaran penyusunan Renja", "Mulai", "", "", "", "", "Renstra", "1 hari", "Surat edaran", ""],
    ["2.", "Mendisposisikan surat edaran kepada Kasubbag Perencanaan", "", "▭", "", "", "", "Surat edaran", "2 Hari",
     "Disposisi", ""],
    ["3.", "Menyusun jadwal dan membagi tugas", "", "", "▭", "", "", "Surat edaran, Renstra", "1 minggu", "Jadwal", ""],
    ["4.", "Menyusun rancangan program dan kegiatan bidang", "", "", "", "▭", "", "Jadwal", "3 HK", "Rancangan bidang",
     ""],
    ["5.", "Menghimpun rancangan bidang menjadi rancangan Renja", "", "", "", "", "▭", "Rancangan bidang", "2 Hari",
     "Rancangan Renja", ""],
    ["6.", "Memverifikasi rancangan Renja, jika belum sesuai dikembalikan ke langkah 5", "", "", "◇", "", "",
     "Rancangan Renja", "1 (satu) hari kerja", "Rancangan terverifikasi", ""],
    ["7.", "Menetapkan Renja", "Selesai", "", "", "", "", "Rancangan terverifikasi", "1 hari", "Renja ditetapkan", ""],
]
RENJA_TEXT += "".join("| " + " | ".join(row) + " |\n" for row in _RENJA_ROWS)


def write_renja(folder: Path) -> Path:
    path = folder / "sop-renja.md"
    path.write_text(RENJA_TEXT, encoding="utf-8")
    return path


# 5. Dinas Koperasi: Verifikasi Koperasi, Word: the identity block beside the letterhead (a 3-column
# table: letterhead merged down the first column), "Pelaksana" over "Kepala Bidang", "Kasi", "Staf
# Pelaksana", "Pengurus Koperasi" (outside), steps numbered "1", the Mutu Baku columns titled
# "Persyaratan/Perlengkapan", "Waktu", "Output", Waktu "2 Hari", "1 (satu) hari kerja", "30 menit".

KOPERASI = Expected(
    name="VERIFIKASI DAN PENILAIAN KESEHATAN KOPERASI",
    number="518/09/SOP/DISKOP/2025",
    actors=["Pengurus Koperasi", "Staf Pelaksana", "Kasi", "Kepala Bidang"],
    step_actors=["Pengurus Koperasi", "Staf Pelaksana", "Staf Pelaksana", "Kasi", "Kepala Bidang",
                 "Pengurus Koperasi"],
    durations=[_d("30", "minute"), _d("2", "day"), _d("2", "day"), _d("1", "day"), _d("1", "day"),
               _d("30", "minute")],
    inputs={2: "Laporan RAT, neraca"},
    outputs={5: "Sertifikat kesehatan koperasi"},
    activity_parts={3: "kunjungan lapangan"},
    outside=["Pengurus Koperasi"],
    returns={4: [3]},
)


def write_koperasi(folder: Path) -> Path:
    document = docx.Document()
    _landscape(document)
    identity = document.add_table(rows=6, cols=3)
    identity.style = "Table Grid"
    for r, (label, value) in enumerate([
            ("Nomor SOP", "518/09/SOP/DISKOP/2025"), ("Tanggal Pembuatan", "2 Mei 2025"),
            ("Tanggal Revisi", "-"), ("Tanggal Efektif", "2 Juni 2025"),
            ("Disahkan oleh", "Kepala Dinas Koperasi, UKM dan Perindustrian"),
            ("Nama SOP", "VERIFIKASI DAN PENILAIAN KESEHATAN KOPERASI")]):
        identity.cell(r, 1).text = label
        identity.cell(r, 2).text = value
    _merge(identity, 0, 0, 5, 0, "PEMERINTAH KABUPATEN TULANG BAWANG\nDINAS KOPERASI, UKM DAN PERINDUSTRIAN")
    document.add_paragraph("")
    actors = KOPERASI.actors
    n = len(actors)
    table = document.add_table(rows=2, cols=2 + n + 4)
    table.style = "Table Grid"
    _merge(table, 0, 0, 1, 0, "NO")
    _merge(table, 0, 1, 1, 1, "KEGIATAN")
    _merge(table, 0, 2, 0, 1 + n, "PELAKSANA")
    _merge(table, 0, 2 + n, 0, 4 + n, "MUTU BAKU")
    _merge(table, 0, 5 + n, 1, 5 + n, "KETERANGAN")
    for c, text in enumerate(actors):
        table.cell(1, 2 + c).text = text
    for c, text in enumerate(["Persyaratan/ Perlengkapan", "Waktu", "Output"]):
        table.cell(1, 2 + n + c).text = text
    steps = [
        ("Menyampaikan permohonan penilaian kesehatan koperasi", 0, "Mulai", "Surat permohonan", "30 menit",
         "Berkas permohonan", ""),
        ("Memeriksa laporan keuangan koperasi", 1, "▭", "Laporan RAT, neraca", "2 Hari", "Kertas kerja", ""),
        ("Melakukan verifikasi\nmelalui kunjungan lapangan", 1, "▭", "Kertas kerja", "2 Hari", "BA verifikasi",
         ""),
        ("Memeriksa hasil verifikasi; bila belum sesuai kembali ke langkah 3", 2, "◇", "BA verifikasi",
         "1 (satu) hari kerja", "Hasil penilaian", ""),
        ("Menetapkan predikat kesehatan koperasi", 3, "▭", "Hasil penilaian", "1 (satu) hari kerja",
         "Sertifikat kesehatan koperasi", ""),
        ("Menerima sertifikat kesehatan koperasi", 0, "Selesai", "Sertifikat", "30 menit", "Tanda terima", ""),
    ]
    for i, (activity, actor, mark, inputs, time, output, note) in enumerate(steps, start=1):
        cells = table.add_row().cells
        cells[0].text = str(i)
        _set(cells[1], activity)
        cells[2 + actor].text = mark
        for c, text in enumerate([inputs, time, output, note]):
            cells[2 + n + c].text = text
    path = folder / "sop-koperasi.docx"
    document.save(str(path))
    return path


# 6. Inspektorat: Penanganan Pengaduan Masyarakat, an Excel workbook whose identity block stands on a sheet
# of its own ("Identitas": label | value, the Dasar Hukum label merged down over one law per row) before the
# procedure's sheet; Waktu "± 15 menit", "1 jam 30 menit", "maks. 3 hari", "5 hari kerja".

ADUAN = Expected(
    name="PENANGANAN PENGADUAN MASYARAKAT",
    number="700/04/SOP/ITDA/2025",
    actors=["Masyarakat", "Petugas Pengaduan", "Irban", "Inspektur"],
    step_actors=["Masyarakat", "Petugas Pengaduan", "Inspektur", "Irban", "Inspektur", "Petugas Pengaduan"],
    durations=[_d("15", "minute"), _d("90", "minute"), _d("1", "day"), _d("3", "day"), _d("5", "day"),
               _d("30", "minute")],
    inputs={2: "Formulir pengaduan"},
    outputs={4: "Laporan hasil pemeriksaan"},
    activity_parts={},
    outside=["Masyarakat"],
    returns={},
    legal_basis="Peraturan Pemerintah Nomor 12 Tahun 2017",
)
ADUAN_LAWS = ["Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
              "Peraturan Pemerintah Nomor 12 Tahun 2017", "Peraturan Bupati Nomor 7 Tahun 2021"]


def write_aduan(folder: Path) -> Path:
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Identitas"
    cover["A1"] = "PEMERINTAH KABUPATEN LAMPUNG TIMUR"
    cover["A2"] = "INSPEKTORAT DAERAH"
    rows = [("Nomor SOP", "700/04/SOP/ITDA/2025"), ("Tanggal Pembuatan", "14 April 2025"), ("Tanggal Revisi", "-"),
            ("Tanggal Efektif", "2 Mei 2025"), ("Disahkan oleh", "Inspektur Kabupaten Lampung Timur"),
            ("Nama SOP", "PENANGANAN PENGADUAN MASYARAKAT")]
    rows += [("Dasar Hukum" if i == 0 else "", f"{i + 1}. {law}") for i, law in enumerate(ADUAN_LAWS)]
    rows += [("Kualifikasi Pelaksana", "Memahami tata cara pemeriksaan"), ("Peralatan/Perlengkapan", "Komputer")]
    for r, (label, value) in enumerate(rows, start=4):
        cover.cell(r, 1, label or None)
        cover.cell(r, 2, value)
    laws_at = 4 + next(i for i, (label, _v) in enumerate(rows) if label == "Dasar Hukum")
    cover.merge_cells(start_row=laws_at, start_column=1, end_row=laws_at + len(ADUAN_LAWS) - 1, end_column=1)
    sheet = book.create_sheet("Prosedur")
    actors = ADUAN.actors
    n = len(actors)
    sheet.append(["No.", "Uraian Kegiatan", "Pelaksana", *[None] * (n - 1), "Mutu Baku", None, None, "Keterangan"])
    sheet.append([None, None, *actors, "Kelengkapan", "Waktu", "Output", None])
    for c in (1, 2, 6 + n):
        sheet.merge_cells(start_row=1, start_column=c, end_row=2, end_column=c)
    sheet.merge_cells(start_row=1, start_column=3, end_row=1, end_column=2 + n)
    sheet.merge_cells(start_row=1, start_column=3 + n, end_row=1, end_column=5 + n)
    steps = [
        ("Menyampaikan pengaduan", 0, "Mulai", "KTP", "± 15 menit", "Pengaduan"),
        ("Mencatat pengaduan dalam register dan menelaah", 1, "▭", "Formulir pengaduan", "1 jam 30 menit",
         "Telaahan"),
        ("Menugaskan Irban menangani pengaduan", 3, "▭", "Telaahan", "1 hari", "Surat tugas"),
        ("Memeriksa pengaduan", 2, "▭", "Surat tugas", "maks. 3 hari", "Laporan hasil pemeriksaan"),
        ("Menetapkan tindak lanjut", 3, "▭", "Laporan hasil pemeriksaan", "5 hari kerja", "Surat tindak lanjut"),
        ("Menyampaikan jawaban kepada pelapor", 1, "Selesai", "Surat tindak lanjut", "30'", "Jawaban"),
    ]
    for i, (activity, actor, mark, inputs, time, output) in enumerate(steps, start=1):
        marks = [mark if c == actor else None for c in range(n)]
        sheet.append([f"{i}.", activity, *marks, inputs, time, output, None])
    path = folder / "sop-aduan.xlsx"
    book.save(str(path))
    return path


# 7. Dinas Perdagangan: Penerbitan Surat Rekomendasi, Word: the identity block typed into one table row,
# the labels stacked in one cell and the values in the cell beside, lined up with blank lines where the
# approval takes three lines; Waktu "2 jam", "1 HK", "3 (tiga) hari"; the "Tidak" branch in the Ket. cell.

REKOMENDASI = Expected(
    name="PENERBITAN SURAT REKOMENDASI PERDAGANGAN",
    number="510/15/SOP/DISDAG/2025",
    actors=["Pemohon", "Staf Pelaksana", "Kasi", "Kepala Bidang", "Kepala Dinas"],
    step_actors=["Pemohon", "Staf Pelaksana", "Kasi", "Kepala Bidang", "Kepala Dinas", "Staf Pelaksana"],
    durations=[_d("30", "minute"), _d("2", "hour"), _d("1", "day"), _d("1", "day"), _d("3", "day"),
               _d("30", "minute")],
    inputs={2: "Berkas permohonan"},
    outputs={5: "Surat rekomendasi"},
    activity_parts={},
    outside=["Pemohon"],
    returns={3: [2]},
)


def write_rekomendasi(folder: Path) -> Path:
    document = docx.Document()
    _landscape(document)
    identity = document.add_table(rows=1, cols=3)
    identity.style = "Table Grid"
    _set(identity.cell(0, 0), "PEMERINTAH KOTA BANDAR LAMPUNG\nDINAS PERDAGANGAN")
    _set(identity.cell(0, 1), "Nomor SOP\nTanggal Pembuatan\nTanggal Revisi\nTanggal Efektif\nDisahkan oleh\n\n\n"
                               "Nama SOP")
    _set(identity.cell(0, 2), ": 510/15/SOP/DISDAG/2025\n: 7 Juli 2025\n: -\n: 1 Agustus 2025\n"
                               ": KEPALA DINAS PERDAGANGAN\nDrs. AHMAD FAUZI, M.Si.\nNIP. 19700101 199503 1 001\n"
                               ": PENERBITAN SURAT REKOMENDASI PERDAGANGAN")
    document.add_paragraph("")
    actors = REKOMENDASI.actors
    n = len(actors)
    table = document.add_table(rows=1, cols=2 + n + 4)
    table.style = "Table Grid"
    for c, text in enumerate(["No.", "Kegiatan", *actors, "Kelengkapan", "Waktu", "Output", "Ket."]):
        table.cell(0, c).text = text
    steps = [
        ("Mengajukan permohonan rekomendasi", 0, "Mulai", "Surat permohonan, NIB", "30 menit", "Berkas permohonan",
         ""),
        ("Memeriksa berkas dan menyiapkan konsep rekomendasi", 1, "▭", "Berkas permohonan", "2 jam",
         "Konsep rekomendasi", ""),
        ("Memeriksa konsep rekomendasi", 2, "◇", "Konsep rekomendasi", "1 HK", "Konsep diparaf",
         "Tidak: kembali ke langkah 2"),
        ("Memaraf konsep rekomendasi", 3, "▭", "Konsep diparaf", "1 HK", "Konsep berparaf", ""),
        ("Menandatangani surat rekomendasi", 4, "▭", "Konsep berparaf", "3 (tiga) hari", "Surat rekomendasi", ""),
        ("Menyerahkan surat rekomendasi kepada Pemohon", 1, "Selesai", "Surat rekomendasi", "30 menit",
         "Tanda terima", ""),
    ]
    for i, (activity, actor, mark, inputs, time, output, note) in enumerate(steps, start=1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = f"{i}.", activity
        cells[2 + actor].text = mark
        for c, text in enumerate([inputs, time, output, note]):
            cells[2 + n + c].text = text
    path = folder / "sop-rekomendasi.docx"
    document.save(str(path))
    return path


TRYOUT_SOPS: dict[str, tuple[Callable[[Path], Path], Expected]] = {
    "iumk": (write_iumk, IUMK),
    "cuti": (write_cuti, CUTI),
    "arsip": (write_arsip, ARSIP),
    "renja": (write_renja, RENJA),
    "koperasi": (write_koperasi, KOPERASI),
    "aduan": (write_aduan, ADUAN),
    "rekomendasi": (write_rekomendasi, REKOMENDASI),
}


def write_all(folder: Path, keys: Sequence[str] = ()) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [write(folder) for key, (write, _e) in TRYOUT_SOPS.items() if not keys or key in keys]


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1]), sys.argv[2:]):
        print(written)
