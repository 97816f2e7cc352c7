"""Workbooks as another Indonesian office keeps them, written with openpyxl: a Perjanjian Kinerja with
its program table and signatures, an IKU table over the Renstra years, a Pengukuran Kinerja with
Capaian formulas, a Rencana Aksi per triwulan grouped under division headings, an LKjIP table grouped
under Sasaran headings, and a workbook with one sheet per division.

Excel saves a formula with the value it computed; openpyxl saves the formula alone. `cached` puts the
values Excel would have saved into the file, so the importer reads them as it reads a real workbook.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

KOTA = "PEMERINTAH KOTA METRO"
DINAS = "DINAS KOPERASI, USAHA KECIL DAN MENENGAH"
SASARAN_1 = "Meningkatnya kualitas kelembagaan koperasi"
SASARAN_2 = "Meningkatnya daya saing usaha mikro"
SASARAN_3 = "Meningkatnya akuntabilitas kinerja perangkat daerah"


def _title(sheet: Worksheet, lines: list[str], width: int) -> None:
    for row, line in enumerate(lines, start=1):
        sheet.cell(row, 1, line)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def cached(path: Path, sheet_index: int, values: dict[str, float]) -> Path:
    """Write into the saved file the values Excel computed for these formula cells ("G8": 0.85)."""
    name = f"xl/worksheets/sheet{sheet_index}.xml"
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts[name].decode()
    for ref, value in values.items():
        xml, count = re.subn(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(</v>)?', rf"\g<1>\g<2><v>{value!r}</v>", xml)
        assert count == 1, ref
    parts[name] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


def perjanjian_kinerja(path: Path) -> Path:
    """The PK of the head of office: a title, the header and its column numbers, each Sasaran merged
    down over its indicators, targets typed the Indonesian way; then the program table, a note and
    the two parties' signatures under the table."""
    book = Workbook()
    sheet = book.active
    sheet.title = "PK Kadis 2025"
    _title(sheet, ["PERJANJIAN KINERJA TAHUN 2025", DINAS, KOTA], 5)
    sheet.append([])
    sheet.append(["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "SATUAN", "TARGET"])  # row 5
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)"])
    sheet.append([1, SASARAN_1, "Persentase koperasi aktif", "%", "85,00%"])  # row 7
    sheet.append([None, None, "Jumlah koperasi yang menerapkan RAT tepat waktu", "koperasi", "1.250"])
    sheet.append([None, None, "Nilai pinjaman dana bergulir yang tersalurkan", "Rupiah", "Rp 1.500.000.000,-"])
    sheet.merge_cells("A7:A9")
    sheet.merge_cells("B7:B9")
    sheet.append([2, SASARAN_3, "Nilai SAKIP perangkat daerah", "nilai", "72,5"])  # row 10
    sheet.append([None, None, "Opini BPK atas laporan keuangan", "opini", "WTP"])
    sheet.merge_cells("A10:A11")
    sheet.merge_cells("B10:B11")
    sheet.append([])
    sheet.append(["NO", "PROGRAM", "ANGGARAN", "KETERANGAN"])  # row 13: the program table
    sheet.append([1, "Program Pengawasan dan Pemeriksaan Koperasi", "Rp 1.200.000.000", "APBD"])
    sheet.append([2, "Program Pemberdayaan dan Perlindungan Koperasi", "Rp 850.000.000", "APBD"])
    sheet.append([None, "JUMLAH", "Rp 2.050.000.000", None])
    sheet.append([])
    sheet.append(["*) Target nilai pinjaman mengikuti DPA 2025"])
    sheet.append([])
    sheet.append([None, "PIHAK KEDUA,", None, None, "PIHAK PERTAMA,"])  # row 20
    sheet.append([None, "WALI KOTA METRO", None, None, "KEPALA DINAS"])
    sheet.append([])
    sheet.append([None, "dr. H. WAHDI, Sp.OG., M.H.", None, None, "Drs. H. SUBHAN, M.Si"])
    sheet.append([None, None, None, None, "NIP. 19680512 199003 1 007"])
    book.save(path)
    return path


def iku_renstra(path: Path) -> Path:
    """The IKU table of the Renstra 2025-2029: a cover sheet first, then the header in two rows with
    "Target" merged over the five years, the Sasaran and the Penanggung Jawab merged down."""
    book = Workbook()
    cover = book.active
    cover.title = "Sampul"
    cover["B3"] = "INDIKATOR KINERJA UTAMA"
    cover["B4"] = DINAS
    sheet = book.create_sheet("IKU")
    _title(sheet, ["INDIKATOR KINERJA UTAMA (IKU)", DINAS, "TAHUN 2025 - 2029"], 13)
    sheet.append([])
    sheet.append(["No", "Sasaran Strategis", "Indikator Kinerja Utama", "Definisi Operasional / Formulasi", "Satuan",
                  "Kondisi Awal (2024)", "Target", None, None, None, None, "Sumber Data", "Penanggung Jawab"])
    sheet.append([None, None, None, None, None, None, 2025, 2026, 2027, 2028, 2029])  # row 6
    for column in "ABCDEFLM":
        sheet.merge_cells(f"{column}5:{column}6")
    sheet.merge_cells("G5:K5")
    sheet.append([1, SASARAN_1, "Persentase koperasi sehat",
                  "Jumlah koperasi sehat dibagi jumlah koperasi aktif dikali 100%", "%", 61.5, 64, 66, 68, 70, 72,
                  "Laporan RAT", "Bidang Kelembagaan dan Pengawasan Koperasi"])  # row 7
    sheet.append([None, None, "Jumlah koperasi aktif", "Koperasi yang melaksanakan RAT", "unit", 412, 420, 430,
                  440, 450, 460, "ODS Kemenkop", None])
    sheet.merge_cells("A7:A8")
    sheet.merge_cells("B7:B8")
    sheet.merge_cells("M7:M8")
    sheet.append([2, SASARAN_2, "Persentase usaha mikro naik kelas",
                  "Usaha mikro yang menjadi usaha kecil dibagi usaha mikro binaan", "%", 2.1, 2.5, 3, 3.5, 4, 4.5,
                  "Data binaan", "Bidang Usaha Mikro, Kecil dan Menengah"])
    sheet.append([])
    sheet.append(["Sumber: Renstra Dinas Koperasi, UKM 2025-2029"])
    book.save(path)
    return path


def pengukuran_kinerja(path: Path) -> Path:
    """The Pengukuran Kinerja of the LKjIP: Target | Realisasi | % Capaian for the year, the
    Capaian a formula shown as a percentage (Excel saves 0.85), a Polaritas column, a Realisasi summed
    by a formula, a hidden row of last year's indicator, notes and a signature under the table. One
    row's Capaian is capped at 100% by the office, which kinerja does not do."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Pengukuran Kinerja"
    _title(sheet, ["PENGUKURAN KINERJA TAHUN 2025", DINAS, KOTA], 9)
    sheet.append([])
    sheet.append(["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Polaritas", "Target", "Realisasi",
                  "% Capaian", "Keterangan"])  # row 5
    rows = [
        [1, SASARAN_1, "Persentase koperasi sehat", "%", "Positif", 64, 54.4, "=G6/F6", ""],  # 85%
        [None, None, "Jumlah koperasi aktif", "unit", "Positif", 420, "=300+121", "=G7/F7", ""],  # 421 → 100,24%
        [None, None, "Persentase koperasi tidak aktif", "%", "Negatif", 20, 18, "=(2*F8-G8)/F8", ""],  # 110%
        [2, SASARAN_2, "Jumlah wirausaha baru", "orang", "Positif", 150, 180, "=MIN(G9/F9,1)", "dibatasi 100%"],
        [None, None, "Indeks kepuasan masyarakat (2024)", "indeks", "Positif", 80, 78, "=G10/F10", "tidak dipakai"],
        [None, None, "Nilai transaksi produk UMKM", "Rupiah", "Positif", "Rp 2.000.000.000", "Rp 1.750.500.000",
         "=87.525%", ""],
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A6:A8")
    sheet.merge_cells("B6:B8")
    sheet.merge_cells("A9:A11")
    sheet.merge_cells("B9:B11")
    for r in range(6, 12):
        sheet[f"H{r}"].number_format = "0.00%"
    sheet.row_dimensions[10].hidden = True
    sheet.append([])
    sheet.append([None, "Keterangan: capaian = realisasi / target x 100%"])
    sheet.append([None, "*) data sementara, menunggu rilis BPS"])
    sheet.append([])
    sheet.append([None, None, None, None, None, None, "Metro, 15 Januari 2026"])  # row 16
    sheet.append([None, None, None, None, None, None, "KEPALA DINAS,"])
    sheet.append([])
    sheet.append([None, None, None, None, None, None, "Drs. H. SUBHAN, M.Si"])
    sheet.append([None, None, None, None, None, None, "NIP. 19680512 199003 1 007"])
    book.save(path)
    return cached(path, 1, {"G7": 421.0, "H6": 0.85, "H7": 1.0023809523809524, "H8": 1.1, "H9": 1.0,
                            "H10": 0.975, "H11": 0.87525})


def rencana_aksi(path: Path) -> Path:
    """A Rencana Aksi per triwulan: "Target Triwulan" merged over I-IV and "Rencana Aksi" over TW I-TW IV
    (texts), the indicators grouped under a heading row per division merged across the table, a blank
    row between the groups and quarter targets shown as percentages (Excel keeps 0.25)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Rencana Aksi 2025"
    _title(sheet, ["RENCANA AKSI KINERJA TAHUN 2025", DINAS], 14)
    sheet.append(["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target Tahunan", "Target Triwulan", None, None,
                  None, "Rencana Aksi", None, None, None, "Keterangan"])  # row 3
    sheet.append([None, None, None, None, None, "I", "II", "III", "IV", "TW I", "TW II", "TW III", "TW IV"])
    for column in "ABCDEN":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("F3:I3")
    sheet.merge_cells("J3:M3")
    sheet.append(["I. BIDANG KELEMBAGAAN DAN PENGAWASAN KOPERASI"])  # row 5
    sheet.merge_cells("A5:N5")
    sheet.append([1, SASARAN_1, "Persentase koperasi sehat", "%", 0.64, 0.1, 0.25, 0.5, 0.64, "Pendataan",
                  "Penilaian kesehatan", "Pembinaan", "Laporan", ""])  # row 6
    sheet.append([2, SASARAN_1, "Jumlah koperasi aktif", "unit", 420, 400, 405, 410, 420, "Pendataan RAT",
                  "Pendampingan RAT", "Pendampingan RAT", "Laporan", ""])
    for r in (6,):
        for column in "EFGHI":
            sheet[f"{column}{r}"].number_format = "0%"
    sheet.append([])
    sheet.append(["II. BIDANG PEMBERDAYAAN KOPERASI"])  # row 9
    sheet.merge_cells("A9:N9")
    sheet.append([3, SASARAN_1, "Jumlah anggota koperasi yang dilatih", "orang", "1.200", 200, 500, 900, "1.200",
                  "Pelatihan", "Pelatihan", "Pelatihan", "Evaluasi", ""])
    book.save(path)
    return path


def lkjip_per_sasaran(path: Path) -> Path:
    """The LKjIP table grouped by Sasaran: no Sasaran column, a heading row per Sasaran merged across
    the table, the Bidang merged down over its indicators, a subtotal row per Sasaran and the average
    at the end, notes typed in the Indikator column under it; numbers typed the Indonesian way."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Capaian IKU"
    _title(sheet, ["CAPAIAN INDIKATOR KINERJA TAHUN 2025", DINAS], 7)
    sheet.append([])
    sheet.append(["No", "Indikator Kinerja", "Satuan", "Target 2025", "Realisasi 2025", "Capaian (%)",
                  "Bidang"])  # row 4
    sheet.append([f"Sasaran 1: {SASARAN_1}"])  # row 5
    sheet.merge_cells("A5:G5")
    sheet.append([1, "Persentase koperasi sehat", "%", "64,00", "60,80", "95,00", "Bidang Kelembagaan"])
    sheet.append([2, "Jumlah koperasi aktif", "unit", "420", "410", "97,62", None])
    sheet.merge_cells("G6:G7")
    sheet.append([None, "Sub Total Sasaran 1", None, None, None, "96,31", None])
    sheet.append([f"Sasaran 2: {SASARAN_2}"])  # row 9
    sheet.merge_cells("A9:G9")
    sheet.append([3, "Omzet UMKM binaan", "Rupiah", "Rp 1.250.500.000", "Rp 1.300.520.000", "104,00",
                  "Bidang UMKM"])
    sheet.append([None, "Sub Total Sasaran 2", None, None, None, "104,00", None])
    sheet.append([None, "Rata-rata capaian", None, None, None, "100,15", None])
    sheet.append([])
    sheet.append([None, "Sumber: aplikasi ODS Kemenkop dan laporan bidang"])  # notes in the Indikator column
    sheet.append([None, "Omzet UMKM binaan memakai data sementara"])
    book.save(path)
    return path


def per_division(path: Path) -> Path:
    """The actuals of TW I and TW II as the divisions send them back: one sheet per division, each with
    the same header (Target over the year, Realisasi merged over TW I-TW IV)."""
    book = Workbook()
    book.remove(book.active)
    for title, sasaran, indicators in (
            ("Kelembagaan", SASARAN_1, [("IK-01", "Persentase koperasi sehat", "%", "64", "30,5", "41,25")]),
            ("UMKM", SASARAN_2, [("IK-05", "Jumlah UMKM binaan yang naik kelas", "unit", "120", "25", "-"),
                                 ("IK-06", "Nilai kredit UMKM tersalurkan", "Rupiah", "Rp 5.000.000.000",
                                  "Rp 1.250.000.000", "Rp 2.600.000.000")])):
        sheet = book.create_sheet(title)
        _title(sheet, [f"REALISASI KINERJA BIDANG {title.upper()} TAHUN 2025"], 10)
        sheet.append(["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target 2025", "Realisasi", None,
                      None, None])  # row 2
        sheet.append([None, None, None, None, None, None, "TW I", "TW II", "TW III", "TW IV"])
        for column in "ABCDEF":
            sheet.merge_cells(f"{column}2:{column}3")
        sheet.merge_cells("G2:J2")
        for code, name, unit, target, tw1, tw2 in indicators:
            sheet.append([code, sasaran, name, unit, "Positif", target, tw1, tw2, "-", "-"])
    book.save(path)
    return path
