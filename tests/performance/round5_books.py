"""Round five of "a new user brings a spreadsheet kinerja has not seen": a Dinas Perhubungan's workbooks, written
with openpyxl at test time. A Perjanjian Kinerja whose quarter targets are cumulative ("Target s.d. TW I" … "s.d.
TW IV") beside a "Realisasi s.d. TW III"; an IKU whose figures are typed as text the Indonesian way ("1.250",
"85,5 %", "Rp 1.200.000.000", "± 85", "kurang lebih 85"); the qualitative indicators of a PK (Nilai SAKIP "BB",
Opini BPK "WTP"), one with a number for its realisasi; a workbook of two sheets, Target and Realisasi, with a hidden
sheet of last year, blank rows, a JUMLAH and a rata-rata row; and an LKjIP comparison table whose Keterangan says
"Meningkat" or "Menurun" against last year's realisasi, beside a PK whose "Kondisi yang diharapkan" says the same
words as its polarity.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

DINAS = "DINAS PERHUBUNGAN KOTA BANDAR LAMPUNG"
SASARAN_1 = "Meningkatnya kinerja pelayanan angkutan umum"
SASARAN_2 = "Meningkatnya keselamatan lalu lintas"
SASARAN_3 = "Meningkatnya akuntabilitas kinerja perangkat daerah"
PENUMPANG = "Jumlah penumpang angkutan umum massal (BRT)"
HALTE = "Persentase halte dalam kondisi baik"
KECELAKAAN = "Jumlah kecelakaan lalu lintas"
PJU = "Persentase ruas jalan dengan PJU menyala"
RETRIBUSI = "Pendapatan retribusi parkir"
SAKIP = "Nilai SAKIP Dinas Perhubungan"
OPINI = "Opini BPK atas laporan keuangan"
EVALUASI = "Predikat evaluasi AKIP oleh Inspektorat"


def _title(sheet: Worksheet, lines: list[str], width: int) -> None:
    for row, line in enumerate(lines, start=1):
        sheet.cell(row, 1, line)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def pk_kumulatif(path: Path) -> Path:
    """The PK of the Dinas Perhubungan: "Target Triwulan (Kumulatif)" merged over "s.d. TW I" … "s.d. TW IV" (each
    up to its quarter, the fourth the year's) beside the year's target, and the realisasi up to TW III, as the head
    of office reports it in October; a Penanggung Jawab; no Polaritas, a negative indicator among them."""
    book = Workbook()
    sheet = book.active
    sheet.title = "PK 2025"
    _title(sheet, ["PERJANJIAN KINERJA TAHUN 2025", DINAS], 11)
    sheet.append([])
    sheet.append(["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target 2025",
                  "Target Triwulan (Kumulatif)", None, None, None, "Realisasi s.d. TW III",
                  "Capaian s.d. TW III (%)"])  # row 4
    sheet.append([None, None, None, None, None, "s.d. TW I", "s.d. TW II", "s.d. TW III", "s.d. TW IV", None, None])
    sheet.merge_cells("F4:I4")
    for column in "ABCDEJK":
        sheet.merge_cells(f"{column}4:{column}5")
    sheet.append(["1", SASARAN_1, PENUMPANG, "orang", "1.200.000", "250.000", "550.000", "850.000", "1.200.000",
                  "870.500", "102,41"])  # row 6
    sheet.append(["2", SASARAN_1, HALTE, "%", 80, 60, 65, 75, 80, "72,5", "96,67"])
    # More accidents are worse: 84 against 90 is (2 × 90 − 84) ÷ 90 = 106,67 %, which tells the polarity.
    sheet.append(["3", SASARAN_2, KECELAKAAN, "kejadian", 120, 30, 60, 90, 120, 84, "106,67"])
    sheet.merge_cells("B6:B7")
    sheet.append([])
    sheet.append([None, None, "Bandar Lampung, 2 Januari 2025"])
    book.save(path)
    return path


def iku_teks(path: Path) -> Path:
    """An IKU whose figures are all text, typed the Indonesian way: thousands with a dot, decimals with a comma, a
    "%" and "Rp" in the cell, and the targets an office estimates written "± 85", "±85 %", "kurang lebih 1.500"."""
    book = Workbook()
    sheet = book.active
    sheet.title = "IKU"
    _title(sheet, ["INDIKATOR KINERJA UTAMA (IKU)", DINAS, "TAHUN 2025"], 7)
    sheet.append(["No", "Sasaran", "Indikator Kinerja Utama", "Satuan", "Target", "Realisasi", "Sumber Data"])  # 4
    sheet.append(["1", SASARAN_1, PENUMPANG, "orang", "1.250", "1.310", "Laporan UPT BRT"])
    sheet.append(["2", SASARAN_1, HALTE, "%", "± 85", "85,5 %", "Inventaris halte"])
    sheet.append(["3", SASARAN_2, PJU, "%", "±85 %", "83,25%", "Laporan UPT PJU"])
    sheet.append(["4", SASARAN_3, RETRIBUSI, "Rupiah", "Rp 1.200.000.000", "Rp 1.125.500.000,-", "BPKAD"])
    sheet.append(["5", SASARAN_2, "Jumlah kendaraan yang diuji (KIR)", "kendaraan", "kurang lebih 1.500", "1.620",
                  "UPT PKB"])
    book.save(path)
    return path


def kualitatif(path: Path) -> Path:
    """A PK with the qualitative indicators every office has: the Nilai SAKIP as a grade ("BB", Satuan "Predikat"),
    the BPK's opinion ("WTP", Satuan "Opini", its realisasi written out), and the Inspektorat's evaluation with a
    Satuan "Nilai" and a target written "minimal BB"."""
    book = Workbook()
    sheet = book.active
    sheet.title = "PK"
    sheet.append(["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi"])  # row 1
    sheet.append([1, SASARAN_3, SAKIP, "Predikat", "BB", "B"])
    sheet.append([2, SASARAN_3, OPINI, "Opini", "WTP", "Wajar Tanpa Pengecualian"])
    sheet.append([3, SASARAN_3, EVALUASI, "Nilai", "minimal BB", "A"])
    book.save(path)
    return path


def dua_lembar(path: Path) -> Path:
    """Targets on one sheet and realisasi on another, a hidden sheet of last year's realisasi, blank rows between
    the Sasaran, and under each table a JUMLAH row and a "Rata-rata" row."""
    book = Workbook()
    target = book.active
    target.title = "Target"
    target.append(["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target 2025"])  # row 1
    target.append([1, SASARAN_1, PENUMPANG, "orang", 1200000])
    target.append([2, SASARAN_1, HALTE, "%", 80])
    target.append([])
    target.append([3, SASARAN_2, KECELAKAAN, "kejadian", 120])
    target.append([None, "JUMLAH", None, None, 1200200])  # row 6
    target.append([None, None, "Rata-rata", None, 400066.67])
    for title, year in (("Realisasi", 2025), ("Realisasi 2024", 2024)):
        sheet = book.create_sheet(title)
        sheet.append(["No", "Indikator Kinerja", f"Realisasi {year}", "Keterangan"])  # row 1
        sheet.append([1, PENUMPANG, 1185000 if year == 2025 else 1010000, "Data UPT BRT"])
        sheet.append([2, HALTE, 77.5 if year == 2025 else 70, None])
        sheet.append([])
        sheet.append([3, KECELAKAAN, 131 if year == 2025 else 140, "Data Satlantas"])
        sheet.append([None, "JUMLAH", 1185208.5 if year == 2025 else 1010210, None])
        sheet.append([None, "Rata-rata", 395069.5 if year == 2025 else 336736.67, None])
        if year == 2024:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def lkjip_tren(path: Path) -> Path:
    """The LKjIP's table of a Sasaran: the realisasi of 2024 beside the target and realisasi of 2025, and a
    Keterangan saying how the realisasi moved against 2024 ("Meningkat" for more accidents too)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Tabel 3.1"
    _title(sheet, ["Tabel 3.1 Capaian Sasaran Tahun 2025"], 8)
    sheet.append(["No", "Sasaran", "Indikator Kinerja", "Satuan", "Realisasi 2024", "Target 2025", "Realisasi 2025",
                  "Keterangan"])  # row 2
    sheet.append([1, SASARAN_2, KECELAKAAN, "kejadian", 140, 120, 131, "Menurun"])
    sheet.append([2, SASARAN_2, PJU, "%", 78, 85, 83.25, "Meningkat"])
    sheet.append([3, SASARAN_1, HALTE, "%", 70, 80, 77.5, "Meningkat"])
    book.save(path)
    return path


def pk_arah(path: Path, header: str = "Kondisi yang diharapkan") -> Path:
    """A PK whose polarity is a column headed as the office heads it ("Kondisi yang diharapkan", "Arah"), saying
    "Meningkat" or "Menurun"."""
    book = Workbook()
    sheet = book.active
    sheet.title = "PK"
    sheet.append(["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", header])  # row 1
    sheet.append([1, SASARAN_2, KECELAKAAN, "kejadian", 120, "Menurun"])
    sheet.append([2, SASARAN_2, PJU, "%", 85, "Meningkat"])
    book.save(path)
    return path
