"""Workbooks as a new user brings them on the first day, none of them made from kinerja's template, written
with openpyxl at test time: a Perjanjian Kinerja with a two-row merged header and numbered Sasaran rows
("1.", "1.1", "a."), an IKU table with its columns in another order, a realisasi per triwulan whose
quarters each group Target | Realisasi | %, a realisasi with TW I … TW IV spelled every way and numbers
typed every way, a workbook whose data sit on one sheet among several, a Pengukuran Kinerja with
negative indicators whose Polaritas is written out in words, and a realisasi sent back by a division
that names the indicators without their targets.

Excel saves a formula with its value; openpyxl saves the formula alone: `office_books.cached` writes the
value Excel would have saved.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.performance.office_books import cached

DINAS = "DINAS KOPERASI DAN UKM KOTA BANDAR LAMPUNG"
SASARAN_1 = "Meningkatnya kualitas kelembagaan koperasi"
SASARAN_2 = "Meningkatnya daya saing UMKM"
SASARAN_3 = "Meningkatnya kualitas pelayanan publik"


def _title(sheet: Worksheet, lines: list[str], width: int) -> None:
    for row, line in enumerate(lines, start=1):
        sheet.cell(row, 1, line)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _signature(sheet: Worksheet, left: int, right: int) -> None:
    """The two parties' signature block under a table, as a PK ends."""
    for a, b in (("PIHAK KEDUA,", "PIHAK PERTAMA,"), ("WALI KOTA BANDAR LAMPUNG", "KEPALA DINAS KOPERASI DAN UKM"),
                 (None, None), ("Hj. EVA DWIANA, S.E.", "Drs. ALI RAHMAN, M.M."),
                 (None, "NIP. 19700312 199503 1 002")):
        row = sheet.max_row + 1
        if a:
            sheet.cell(row, left, a)
        if b:
            sheet.cell(row, right, b)
        if not a and not b:
            sheet.cell(row, left, None)


def perjanjian_kinerja(path: Path) -> Path:
    """The PK of the head of office: a title block, the header merged down over two rows, a Sasaran row
    numbered "1." with its indicators "1.1", "1.2" under it (its name only in the Sasaran column), a
    sub-indicator numbered "a.", then "Keterangan:" notes and the two parties' signatures in the
    Indikator and Target columns."""
    book = Workbook()
    sheet = book.active
    sheet.title = "PK 2025"
    _title(sheet, ["PERJANJIAN KINERJA TAHUN 2025", DINAS], 5)
    sheet.append([])
    sheet.append(["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "SATUAN", "TARGET"])  # row 4
    sheet.append([])  # row 5: the lower half of the merged header
    for column in "ABCDE":
        sheet.merge_cells(f"{column}4:{column}5")
    sheet.append(["1.", SASARAN_1, None, None, None])  # row 6
    sheet.append(["1.1", None, "Persentase koperasi aktif", "%", "85,5"])
    sheet.append(["1.2", None, "Jumlah koperasi yang melaksanakan RAT", "koperasi", "1.250"])
    sheet.append(["2.", SASARAN_2, None, None, None])  # row 9
    sheet.append(["2.1", None, "Persentase UMKM naik kelas", "%", 0.125])
    sheet["E10"].number_format = "0.0%"
    sheet.append(["a.", None, "Nilai omzet UMKM binaan", "Rupiah", "Rp 1.250.000.000,00"])
    sheet.append(["3.", SASARAN_3, None, None, None])  # row 12
    sheet.append(["3.1", None, "Indeks kepuasan masyarakat", "indeks", "82,50"])
    sheet.append([])
    sheet.append([None, "Keterangan:"])  # row 15
    sheet.append([None, "1. Target nilai omzet mengikuti DPA 2025"])
    sheet.append([None, "2. Angka kepuasan dari survei IKM"])
    sheet.append([])
    sheet.append([None, None, "Bandar Lampung, 2 Januari 2025", None, None])
    _signature(sheet, 3, 5)
    book.save(path)
    return path


def iku(path: Path) -> Path:
    """The IKU table: "Indikator Kinerja Utama" before its Sasaran, "Formulasi/Cara Pengukuran" and
    "Sumber Data" beside it, "Target 2025" between "Kondisi Awal 2024" and "Target 2026", the Penanggung
    Jawab written as the division head's title ("Kabid UMKM", "Sekretaris"), wrapped header text."""
    book = Workbook()
    sheet = book.active
    sheet.title = "IKU"
    _title(sheet, ["INDIKATOR KINERJA UTAMA", DINAS, "TAHUN 2025 - 2029"], 9)
    sheet.append(["No.", "Indikator Kinerja Utama", "Formulasi/Cara Pengukuran", "Satuan", "Kondisi Awal\n2024",
                  "Target\n2025", "Target\n2026", "Sasaran Strategis", "Penanggung\nJawab"])  # row 4
    sheet.append([1, "Persentase koperasi sehat", "(Jumlah koperasi sehat : jumlah koperasi aktif) x 100%", "%",
                  "61,2", "64", "66", SASARAN_1, "Kabid Kelembagaan"])
    sheet.append([2, "Persentase pertumbuhan omzet UMKM", "((Omzet t - Omzet t-1) : Omzet t-1) x 100%", "%",
                  "4,1", "5", "5,5", SASARAN_2, "Kepala Bidang UMKM"])
    sheet.append([3, "Nilai SAKIP Dinas", "Hasil evaluasi Inspektorat", "nilai", "68,5", "70", "72", SASARAN_3,
                  "Sekretaris"])
    sheet.append([])
    sheet.append(["Sumber: Renstra Dinas Koperasi dan UKM 2025-2029"])
    book.save(path)
    return path


def realisasi_grouped(path: Path) -> Path:
    """A monitoring sheet per triwulan: the Indikator merged down over the two header rows, each quarter
    ("Triwulan I" … "Triwulan IV") merged over Target | Realisasi | %, the year's Target first."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Monev 2025"
    _title(sheet, ["MONITORING CAPAIAN KINERJA TRIWULANAN TAHUN 2025", DINAS], 17)
    sheet.append([])
    sheet.append(["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target Tahun 2025",
                  "Triwulan I", None, None, "Triwulan II", None, None, "Triwulan III", None, None,
                  "Triwulan IV", None, None])  # row 4
    sheet.append([None] * 5 + ["Target", "Realisasi", "%"] * 4)  # row 5
    for column in "ABCDE":
        sheet.merge_cells(f"{column}4:{column}5")
    for first, last in (("F", "H"), ("I", "K"), ("L", "N"), ("O", "Q")):
        sheet.merge_cells(f"{first}4:{last}4")
    sheet.append([1, SASARAN_1, "Persentase koperasi aktif", "%", 85, 80, 78, 97.5, 82, 81, 98.78, 84, "-", None,
                  85, None, None])  # row 6
    sheet.append([2, SASARAN_1, "Jumlah koperasi baru", "unit", 40, 10, 12, 120, 20, 19, 95, 30, None, None, 40,
                  None, None])
    sheet.merge_cells("B6:B7")
    book.save(path)
    return path


def realisasi_spellings(path: Path) -> Path:
    """Actuals as a Sekretariat types them: "Realisasi TW I", "Triwulan 2", "TW-3", "Realisasi TW IV" side by
    side; "1.234,5", "85,5%", 0.855 shown as a percentage, "Rp 1.250.000", "12 unit", "-", an empty
    cell; a sum by formula; a column of last year hidden; a Sasaran merged down over three rows; a note and a
    signature under the table."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Realisasi"
    _title(sheet, ["REALISASI KINERJA TAHUN 2025"], 10)
    sheet.append(["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Realisasi 2024", "Target",
                  "Realisasi TW I", "Triwulan 2", "TW-3", "Realisasi TW IV"])  # row 2
    sheet.column_dimensions["E"].hidden = True
    sheet.append([1, SASARAN_1, "Jumlah anggota koperasi", "orang", 1100, "1.500", "1.234,5", "1.300", "-", None])
    sheet.append([2, None, "Persentase koperasi sehat", "%", 80, "90%", "85,5%", 0.855, 0.87, None])
    sheet["H4"].number_format = "0.0%"
    sheet["I4"].number_format = "0%"
    sheet.append([3, None, "Jumlah unit usaha koperasi", "unit", 10, 20, "12 unit", "=G5+3", "", "-"])
    sheet.merge_cells("B3:B5")
    sheet.append([4, SASARAN_2, "Nilai kredit UMKM tersalurkan", "Rupiah", 0, "Rp 5.000.000.000", "Rp 1.250.000",
                  "Rp. 2.500.000,-", None, None])  # row 6
    sheet.append([])
    sheet.append([None, "Keterangan: data TW III sementara"])
    sheet.append([None, None, None, None, None, None, None, "Kepala Dinas,"])
    sheet.append([None, None, None, None, None, None, None, "NIP. 19700312 199503 1 002"])
    book.save(path)
    return cached(path, 1, {"H5": 15.0})


def several_sheets(path: Path) -> Path:
    """A workbook with a cover, an instructions sheet, the data on the third sheet and a chart sheet
    with a little table of its own (no indicator column)."""
    book = Workbook()
    cover = book.active
    cover.title = "Cover"
    cover["C10"] = "DATA KINERJA TAHUN 2025"
    cover["C11"] = DINAS
    guide = book.create_sheet("Petunjuk")
    guide.append(["Petunjuk pengisian"])
    guide.append(["1. Isi kolom Realisasi setiap triwulan"])
    guide.append(["2. Target diisi sesuai Perjanjian Kinerja"])
    data = book.create_sheet("Data TW II")
    data.append(["Kode", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi TW I", "Realisasi TW II"])
    data.append(["IK-1", SASARAN_1, "Persentase koperasi aktif", "%", "85", "80", "81,5"])
    data.append(["IK-2", SASARAN_2, "Jumlah UMKM binaan", "unit", "300", "75", "150"])
    chart = book.create_sheet("Grafik")
    chart.append(["Triwulan", "Capaian"])
    chart.append(["TW I", 0.8])
    chart.append(["TW II", 0.9])
    book.save(path)
    return path


def negative_words(path: Path) -> Path:
    """A Pengukuran Kinerja whose Polaritas column writes the direction out as offices do: "Negatif (-)",
    "(+)", "Semakin rendah semakin baik", "Maximize", and an indicator of complaints with none."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Pengukuran"
    sheet.append(["Sasaran", "Indikator Kinerja", "Satuan", "Polaritas", "Target", "Realisasi", "Capaian (%)"])
    sheet.append([SASARAN_3, "Persentase keluhan masyarakat", "%", "Negatif (-)", "5", "4", "120"])
    sheet.append([SASARAN_3, "Rata-rata waktu penyelesaian izin", "hari", "Semakin rendah semakin baik", "3", "3",
                  "100"])
    sheet.append([SASARAN_2, "Angka pengangguran terbuka", "%", "(-)", "6,5", "6,8", "95,38"])
    sheet.append([SASARAN_2, "Jumlah wirausaha baru", "orang", "(+)", "150", "180", "120"])
    sheet.append([SASARAN_1, "Persentase koperasi aktif", "%", "Maximize", "85", "80", "94,12"])
    book.save(path)
    return path


def actuals_only(path: Path) -> Path:
    """A division's reply to the request for data: the indicators by name and the quarter's actual,
    without Sasaran and without targets, which kinerja already has."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Bidang Kelembagaan"
    _title(sheet, ["REALISASI TRIWULAN III TAHUN 2025", "BIDANG KELEMBAGAAN DAN PENGAWASAN KOPERASI"], 4)
    sheet.append(["No", "Nama Indikator", "Sat.", "Realisasi TW III"])
    sheet.append([1, "Persentase koperasi aktif", "%", "84,2"])
    sheet.append([2, "Jumlah koperasi yang melaksanakan RAT", "koperasi", "1.180"])
    book.save(path)
    return path


def pk_with_kegiatan(path: Path) -> Path:
    """A PK whose table has a Kegiatan column beside Sasaran, Indikator, Satuan and Target: one row per
    indicator, each naming the activity that supports it; the head's title typed in the Kegiatan column
    under the table. A Perjanjian Kinerja, not a Rencana Aksi."""
    book = Workbook()
    sheet = book.active
    sheet.title = "PK"
    _title(sheet, ["PERJANJIAN KINERJA TAHUN 2025", DINAS], 6)
    sheet.append(["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Kegiatan"])  # row 3
    sheet.append([1, SASARAN_1, "Persentase koperasi aktif", "%", "85", "Pembinaan kelembagaan koperasi"])
    sheet.append([2, SASARAN_1, "Jumlah koperasi yang melaksanakan RAT", "unit", "1.250", "Pendampingan RAT"])
    sheet.append([3, SASARAN_2, "Persentase UMKM naik kelas", "%", "12,5", "Pelatihan dan pendampingan UMKM"])
    sheet.append([])
    sheet.append([None, None, None, None, None, "KEPALA DINAS KOPERASI DAN UKM"])  # row 8
    book.save(path)
    return path


def renaksi_kegiatan(path: Path) -> Path:
    """A Rencana Aksi whose activity column is headed "Kegiatan" only, with the same Sasaran | Indikator |
    Satuan | Target as a PK: what makes it a plan is its rows, two activities under the first indicator."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Renaksi"
    sheet.append(["Sasaran", "Indikator", "Satuan", "Target", "Kegiatan", "Target TW I", "Target TW II",
                  "Target TW III", "Target TW IV"])
    sheet.append([SASARAN_1, "Persentase koperasi aktif", "%", "85", "Pendataan koperasi", 1, 2, 3, 4])
    sheet.append([None, None, None, None, "Pembinaan koperasi", 10, 20, 30, 40])
    sheet.append([SASARAN_2, "Persentase UMKM naik kelas", "%", "12,5", "Pelatihan UMKM", 5, 10, 15, 20])
    book.save(path)
    return path


def kegiatan_unclear(path: Path) -> Path:
    """A table of Sasaran | Indikator | Satuan | Kegiatan | Anggaran | TW I … TW IV with one activity per
    indicator and no Target of the year: a PK's Kegiatan column beside its quarter targets, or a plan's one
    activity per indicator, the file does not tell. It names indicators kinerja has (a plan keeps their
    year's Target), so it imports either way once the user says which."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Kegiatan"
    sheet.append(["Sasaran", "Indikator", "Satuan", "Kegiatan", "Anggaran", "TW I", "TW II", "TW III", "TW IV"])
    sheet.append([SASARAN_1, "Persentase koperasi aktif", "%", "Pembinaan kelembagaan koperasi", "15.000.000", 80, 82,
                  84, 85])
    sheet.append([SASARAN_2, "Persentase UMKM naik kelas", "%", "Pelatihan UMKM", "40.000.000", 5, 8, 10, "12,5"])
    book.save(path)
    return path


def polarity_phrases(path: Path) -> Path:
    """A Pengukuran Kinerja whose Polaritas column writes every direction out as a phrase: smaller, lower,
    fewer, larger, higher, more is better; "semakin cepat" for times in hari, jam and menit; "semakin
    lambat ... semakin buruk"; and a "Semakin kecil nilainya semakin baik" with a word between."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Pengukuran"
    sheet.append(["Sasaran", "Indikator Kinerja", "Satuan", "Polaritas", "Target", "Realisasi"])
    for name, unit, polarity in (
            ("Persentase keluhan masyarakat", "%", "Semakin kecil semakin baik"),
            ("Angka pengangguran terbuka", "%", "semakin rendah semakin baik"),
            ("Jumlah pengaduan", "kasus", "Semakin sedikit semakin baik"),
            ("Jumlah wirausaha baru", "orang", "Semakin besar semakin baik"),
            ("Indeks kepuasan masyarakat", "indeks", "makin tinggi makin baik"),
            ("Jumlah koperasi aktif", "unit", "Semakin banyak semakin baik"),
            ("Rata-rata waktu penyelesaian izin", "hari", "Semakin cepat semakin baik"),
            ("Waktu tanggap pengaduan", "jam", "Semakin cepat"),
            ("Waktu layanan loket", "menit", "Semakin lambat semakin buruk"),
            ("Lama verifikasi berkas", "Hari kerja", "semakin cepat waktunya semakin baik"),
            ("Rasio kredit macet", "%", "Semakin kecil nilainya semakin baik")):
        sheet.append([SASARAN_3, name, unit, polarity, "10", "9"])
    book.save(path)
    return path
