"""Workbooks of a Dinas Kesehatan, as its Subbagian Program keeps them, written with openpyxl: an IKU whose header
spans two merged rows with the quarters as "TW I" … "TW IV" and the polarity in a Keterangan column, a Perjanjian
Kinerja of a Kepala Bidang with "Sasaran Program" and "Indikator Program" under the Sasaran Strategis, a target sheet
whose targets are typed every way ("≥ 85%", "85 %", "85,5", "Rp 1.250.000.000"), the e-SAKIP CSV export with
semicolons, a realisasi with hidden columns, a hidden row and a totals row, and a realisasi per month.

None of them copies a layout of office_books.py, new_user_books.py or pendidikan_books.py.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

SASARAN_1 = "Meningkatnya derajat kesehatan masyarakat"
SASARAN_2 = "Meningkatnya mutu pelayanan kesehatan"


def _title(sheet: object, lines: list[str], width: int) -> None:
    for line in lines:
        sheet.append([line])
        sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width)
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        sheet.cell(sheet.max_row, 1).alignment = Alignment(horizontal="center")


def iku_kesehatan(path: Path) -> Path:
    """IKU 2025: a title, the header in two merged rows (No, Indikator, Satuan and Keterangan merged down; "Target
    2025" and "Realisasi 2025" each over TW I … TW IV), each Sasaran merged down over its indicators, the polarity in
    the Keterangan column and, for one indicator, as a phrase after its name."""
    book = Workbook()
    sheet = book.active
    sheet.title = "IKU 2025"
    _title(sheet, ["INDIKATOR KINERJA UTAMA DINAS KESEHATAN", "TAHUN 2025"], 14)  # rows 1-2
    sheet.append([])  # row 3
    sheet.append(["No", "Sasaran Strategis", "Indikator Kinerja Utama", "Satuan", "Target 2025", None, None, None,
                  "Realisasi 2025", None, None, None, "Keterangan", "Penanggung Jawab"])  # row 4
    sheet.append([None, None, None, None, "TW I", "TW II", "TW III", "TW IV", "TW I", "TW II", "TW III", "TW IV",
                  None, None])  # row 5
    for column in (1, 2, 3, 4, 13, 14):
        sheet.merge_cells(start_row=4, start_column=column, end_row=5, end_column=column)
    sheet.merge_cells("E4:H4")
    sheet.merge_cells("I4:L4")
    rows = [  # rows 6-10
        [1, SASARAN_1, "Angka kematian ibu per 100.000 kelahiran hidup", "per 100.000 KH", 30, 30, 30, 30,
         28, 31, None, None, "Semakin rendah semakin baik", "Bidang Kesehatan Masyarakat"],
        [2, None, "Prevalensi balita stunting", "%", 14, 13.5, 13, 12.5, 14.2, 13.1, None, None, "Menurun",
         "Bidang Kesehatan Masyarakat"],
        [3, None, "Persentase imunisasi dasar lengkap", "%", 25, 50, 75, 95, 22, 51, None, None, "Meningkat",
         "Bidang Pencegahan Penyakit"],
        [4, SASARAN_2, "Persentase puskesmas terakreditasi paripurna", "%", 40, 40, 60, 60, 40, 45, None, None,
         "Meningkat", "Bidang Pelayanan Kesehatan"],
        [5, None, "Waktu tunggu rawat jalan (semakin cepat semakin baik)", "menit", 60, 60, 60, 60, 65, 58,
         None, None, None, "Bidang Pelayanan Kesehatan"]]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("B6:B8")
    sheet.merge_cells("B9:B10")
    book.save(path)
    return path


def pk_bidang(path: Path) -> Path:
    """The Perjanjian Kinerja of a Kepala Bidang: the office's Sasaran Strategis and its indicator on a row of their
    own, then each Sasaran Program with its Indikator Program and the target; a program table and the signatures
    under it."""
    book = Workbook()
    sheet = book.active
    sheet.title = "PK Kabid P2P"
    _title(sheet, ["PERJANJIAN KINERJA TAHUN 2025", "KEPALA BIDANG PENCEGAHAN DAN PENGENDALIAN PENYAKIT"], 6)
    sheet.append([])  # row 3
    sheet.append(["No", "Sasaran Program", "Indikator Program", "Satuan", "Target", "Polaritas"])  # row 4
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])  # row 5
    sheet.append(["I", "Sasaran Strategis: Menurunnya angka kesakitan penyakit menular"])  # row 6
    sheet.merge_cells("B6:F6")
    sheet.append([1, "Meningkatnya cakupan penemuan kasus TBC", "Persentase penemuan kasus TBC (treatment coverage)",
                  "%", "90", "Positif"])  # row 7
    sheet.append([None, None, "Angka keberhasilan pengobatan TBC (success rate)", "%", "≥ 90", None])  # row 8
    sheet.append([2, "Menurunnya kasus demam berdarah dengue", "Angka kesakitan DBD per 100.000 penduduk",
                  "per 100.000 penduduk", "< 49", None])  # row 9
    sheet.merge_cells("B7:B8")
    sheet.append([])  # row 10
    sheet.append(["No", "Program", None, "Anggaran (Rp)"])  # row 11
    sheet.append([1, "Program Pemenuhan Upaya Kesehatan Perorangan dan Masyarakat", None, "2.750.000.000"])  # row 12
    sheet.append([])
    sheet.append([None, "Bandar Lampung, 2 Januari 2025"])
    sheet.append([None, "PIHAK PERTAMA", None, "PIHAK KEDUA"])
    book.save(path)
    return path


def target_ragam(path: Path) -> Path:
    """Targets typed every way a Kasubbag types them: "≥ 85%", "85 %", "85,5" as text, "Rp 1.250.000.000", a number
    stored as a percentage cell (0.9 shown as 90%), and "paling lama 14 hari"."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Target"
    sheet.append(["No", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi"])
    sheet.append([1, SASARAN_2, "Persentase fasilitas kesehatan sesuai standar", "%", "≥ 85%", "86 %"])
    sheet.append([2, SASARAN_2, "Persentase rumah sakit terakreditasi", "%", "85 %", "80,5"])
    sheet.append([3, SASARAN_2, "Indeks kepuasan masyarakat", "indeks", "85,5", "84,75"])
    sheet.append([4, SASARAN_2, "Pendapatan retribusi pelayanan kesehatan", "Rp", "Rp 1.250.000.000",
                  "Rp 1.302.450.000"])
    sheet.append([5, SASARAN_2, "Cakupan pelayanan kesehatan usia produktif", "%", 0.9, 0.875])
    sheet["E6"].number_format = "0%"
    sheet["F6"].number_format = "0.0%"
    sheet.append([6, SASARAN_2, "Waktu penerbitan izin praktik tenaga kesehatan", "hari", "paling lama 14 hari", "12"])
    book.save(path)
    return path


ESAKIP_CSV = (
    "\ufeffPENGUKURAN KINERJA TRIWULAN II TAHUN 2025;;;;;;;\n"
    "DINAS KESEHATAN;;;;;;;\n"
    ";;;;;;;\n"
    "No;Sasaran Strategis;Indikator Kinerja;Satuan;Target Tahunan;Target TW II;Realisasi TW II;Capaian (%)\n"
    f"1;{SASARAN_1};Prevalensi balita stunting;%;\"12,5\";\"13,5\";\"13,1\";\"103,05\"\n"
    f"2;{SASARAN_1};Persentase imunisasi dasar lengkap;%;\"95,00\";\"50,00\";\"51,00\";\"102,00\"\n"
    f"3;{SASARAN_2};Jumlah puskesmas terakreditasi paripurna;puskesmas;\"12\";\"6\";\"7\";\"116,67\"\n"
    ";;;;;;;\n"
    "Sumber: e-SAKIP Kota, diunduh 15 Juli 2025;;;;;;;\n")


def esakip_csv(path: Path) -> Path:
    """The e-SAKIP export as its CSV button gives it: UTF-8 with a byte-order mark, semicolons, decimal commas in
    quotes, a title above and the source under the table; one quarter's figures and their Capaian."""
    path.write_text(ESAKIP_CSV, encoding="utf-8")
    return path


def realisasi_tersembunyi(path: Path) -> Path:
    """A realisasi as the Kasubbag hands it over: the columns of 2024 hidden (C:D, a group), the row of an indicator
    dropped this year hidden, and a JUMLAH row under the table summing the columns."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Realisasi"
    sheet.append(["No", "Indikator Kinerja", "Target 2024", "Realisasi 2024", "Satuan", "Target 2025",
                  "Realisasi 2025", "Capaian (%)", "Sasaran"])  # row 1
    sheet.append([1, "Jumlah kunjungan posyandu aktif", 900, 880, "posyandu", 950, 960, 101.05, SASARAN_1])
    sheet.append([2, "Jumlah desa ODF (open defecation free)", 40, 38, "desa", 45, 47, 104.44, SASARAN_1])
    sheet.append([3, "Jumlah kader kesehatan terlatih (dihapus 2025)", 300, 310, "orang", None, None, None, SASARAN_1])
    sheet.append([4, "Jumlah puskesmas keliling beroperasi", 20, 20, "unit", 22, 21, 95.45, SASARAN_2])
    sheet.append([None, "JUMLAH", 1260, 1248, None, 1017, 1028, None, None])  # row 6
    sheet.column_dimensions.group("C", "D", hidden=True)
    sheet.row_dimensions[4].hidden = True
    book.save(path)
    return path


MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def realisasi_bulanan(path: Path) -> Path:
    """A Bidang's realisasi per month: "Realisasi Bulan" merged over Jan … Des, the year's target beside it, and
    no quarter; the months Januari to Juni filled."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Bulanan"
    sheet.append(["No", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi Bulan", *[None] * 11])  # row 1
    sheet.append([None] * 5 + MONTHS)  # row 2
    for column in range(1, 6):
        sheet.merge_cells(start_row=1, start_column=column, end_row=2, end_column=column)
    sheet.merge_cells("F1:Q1")
    sheet.append([1, SASARAN_1, "Jumlah ibu hamil mendapat tablet tambah darah", "orang", 4800,
                  400, 390, 410, 405, 398, 402, *[None] * 6])
    sheet.append([2, SASARAN_1, "Persentase bayi mendapat ASI eksklusif", "%", 70, 65, 66, 66.5, 67, 68, 68.2,
                  *[None] * 6])
    book.save(path)
    return path
