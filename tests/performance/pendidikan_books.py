"""Workbooks of a Dinas Pendidikan, as its Sekretariat keeps them, written with openpyxl: the Perjanjian Kinerja
2026 with a logo row and each Sasaran merged down over its indicators, a Pengukuran Kinerja Triwulan II whose
Capaian are formulas shown as percentages, an IKU with a header block above and notes and the signature under
it, a Renstra matrix of 2025-2029 with a Target and Rp column under each year, and a Laporan Kinerja dan
Anggaran with numbers typed the Indonesian way ("1.234,56", "Rp 1.500.000.000").

None of them copies a layout of office_books.py or new_user_books.py; see those for the Dinas Koperasi's.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.performance.office_books import cached

PEMDA = "PEMERINTAH KOTA BANDAR LAMPUNG"
DINAS = "DINAS PENDIDIKAN DAN KEBUDAYAAN"
ALAMAT = "Jl. Dr. Susilo No. 2 Telp. (0721) 481323 Bandar Lampung"
SASARAN_1 = "Meningkatnya akses dan mutu pendidikan dasar"
SASARAN_2 = "Meningkatnya kualitas pendidik dan tenaga kependidikan"
SASARAN_3 = "Meningkatnya akuntabilitas kinerja Dinas Pendidikan"
PUTUS_SEKOLAH = "Persentase angka putus sekolah jenjang SD dan SMP"
# An indicator name as long as the office writes it: the report must wrap it, not cut it.
LONG_NAME = ("Persentase satuan pendidikan jenjang SD dan SMP negeri maupun swasta yang memenuhi Standar Pelayanan "
             "Minimal (SPM) bidang pendidikan sesuai Permendikbud Nomor 32 Tahun 2018")


def _block(sheet: Worksheet, lines: list[str], width: int, start: int = 1) -> int:
    """Title lines merged across the table, from row `start`; the row after them."""
    for offset, line in enumerate(lines):
        sheet.cell(start + offset, 1, line)
        sheet.merge_cells(start_row=start + offset, start_column=1, end_row=start + offset, end_column=width)
    return start + len(lines)


def _signature(sheet: Worksheet, column: int, first: int, place: str, title: str, name: str, nip: str) -> None:
    for offset, line in enumerate([place, title, None, None, "ttd", None, name, "Pembina Utama Muda", nip]):
        if line is not None:
            sheet.cell(first + offset, column, line)


def _put(sheet: Worksheet, row: int, values: list[object]) -> None:
    for column, value in enumerate(values, start=1):
        sheet.cell(row, column, value)


def pk_2026(path: Path) -> Path:
    """The Perjanjian Kinerja 2026 of the Kepala Dinas: a logo row (tall, empty) above the title, the header
    merged down over two rows with the column numbers under it, No and Sasaran merged down over their indicators,
    targets as the PK writes them ("≥ 95", "0,50" for a lower-is-better indicator, 92% stored as 0.92), a
    long indicator name; the program table with its Rupiah and both signatures under it."""
    book = Workbook()
    sheet = book.active
    sheet.title = "PK 2026"
    sheet.row_dimensions[1].height = 60  # the Pemda's logo sits here
    row = _block(sheet, ["PERJANJIAN KINERJA TAHUN 2026", f"{DINAS} {PEMDA[len('PEMERINTAH '):]}"], 6, start=2)
    row += 1  # an empty row, then the header on rows 5 and 6
    sheet.cell(row, 1, "No.")
    sheet.cell(row, 2, "Sasaran Strategis")
    sheet.cell(row, 3, "Indikator Kinerja")
    sheet.cell(row, 4, "Satuan")
    sheet.cell(row, 5, "Target")
    sheet.cell(row, 6, "Keterangan")
    _put(sheet, 7, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])
    for column in "ABCDEF":
        sheet.merge_cells(f"{column}{row}:{column}{row + 1}")
    sheet.append([1, SASARAN_1, "Angka Partisipasi Murni (APM) SD/MI", "%", "≥ 95", None])  # row 8
    sheet.append([None, None, PUTUS_SEKOLAH, "%", "0,50", "semakin kecil semakin baik"])
    sheet.append([None, None, LONG_NAME, "%", 0.92, None])  # row 10
    sheet["E10"].number_format = "0%"
    sheet.append([None, None, "Jumlah sekolah yang terakreditasi minimal B", "Sekolah", "1.124", None])
    sheet.merge_cells("A8:A11")
    sheet.merge_cells("B8:B11")
    sheet.append([2, SASARAN_2, "Persentase guru bersertifikat pendidik", "Persen", "78,5 %", None])  # row 12
    sheet.append([None, None, "Jumlah guru yang mengikuti pelatihan peningkatan kompetensi", "Orang", 2500, None])
    sheet.merge_cells("A12:A13")
    sheet.merge_cells("B12:B13")
    sheet.append([3, SASARAN_3, "Nilai SAKIP Dinas Pendidikan", "Nilai", "75,00", "Kategori BB"])  # row 14
    sheet.append([None, None, "Indeks Kepuasan Masyarakat terhadap layanan pendidikan", "Indeks", "82,5", None])
    sheet.append([None, None, "Jumlah dokumen perencanaan dan pelaporan kinerja yang tepat waktu", "Dokumen", 6,
                  None])
    sheet.merge_cells("A14:A16")
    sheet.merge_cells("B14:B16")
    sheet.append([])
    sheet.append(["No.", "Program", None, "Anggaran", None, "Keterangan"])  # row 18
    sheet.append([1, "Program Pengelolaan Pendidikan", None, "Rp 1.500.000.000,00", None, "APBD"])
    sheet.append([2, "Program Pendidik dan Tenaga Kependidikan", None, "Rp 875.250.000,00", None, "APBD"])
    sheet.append([None, "Jumlah", None, "Rp 2.375.250.000,00", None, None])
    _signature(sheet, 2, 23, "Wali Kota Bandar Lampung,", "PIHAK KEDUA,", "Hj. EVA DWIANA, S.E.", "")
    _signature(sheet, 5, 23, "Bandar Lampung, 2 Januari 2026", "PIHAK PERTAMA,", "Drs. EKA AFRIANA, M.Pd.",
               "NIP. 19690512 199003 1 007")
    book.save(path)
    return path


def pengukuran_tw2(path: Path) -> Path:
    """The Pengukuran Kinerja of Triwulan II 2026: the year's target, then "Triwulan II" merged over Target |
    Realisasi | Capaian (%), the Capaian a formula shown as a percentage (0.9684 as 96,84%), for the
    lower-is-better indicator the other way round; one Capaian typed as text "85,5 %"; a Polaritas column."""
    book = Workbook()
    sheet = book.active
    sheet.title = "PK TW II"
    _block(sheet, ["PENGUKURAN KINERJA TRIWULAN II TAHUN 2026", f"{DINAS} KOTA BANDAR LAMPUNG"], 10)
    sheet.append([])
    sheet.append(["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Polaritas", "Target 2026",
                  "Triwulan II", None, None, "Keterangan"])  # row 4
    sheet.append([None] * 6 + ["Target", "Realisasi", "Capaian (%)", None])  # row 5
    for column in "ABCDEFJ":
        sheet.merge_cells(f"{column}4:{column}5")
    sheet.merge_cells("G4:I4")
    sheet.append([1, SASARAN_1, "Angka Partisipasi Murni (APM) SD/MI", "%", "Positif", 95, 95, 92, "=H6/G6", None])
    sheet.append([None, SASARAN_1, PUTUS_SEKOLAH, "%", "Negatif", 0.5, 0.5, 0.6, "=(2*G7-H7)/G7", None])
    sheet.append([None, SASARAN_1, "Jumlah sekolah yang terakreditasi minimal B", "Sekolah", "Positif", 1124, 562,
                  480, "=H8/G8", None])
    sheet.append([2, SASARAN_2, "Persentase guru bersertifikat pendidik", "%", "Positif", 78.5, 70, "59,85",
                  "85,5 %", "data Dapodik"])  # row 9
    sheet.append([3, SASARAN_3, "Indeks Kepuasan Masyarakat terhadap layanan pendidikan", "Indeks", "Positif", 82.5,
                  82.5, 83.1, "=H10/G10", None])
    sheet.merge_cells("B6:B8")
    for row in range(6, 11):
        sheet[f"I{row}"].number_format = "0.00%"
    sheet.append([])
    sheet.append([None, "Bandar Lampung, 10 Juli 2026"])
    sheet.append([None, "Kepala Dinas,"])
    book.save(path)
    return cached(path, 1, {"I6": 92 / 95, "I7": (2 * 0.5 - 0.6) / 0.5, "I8": 480 / 562, "I10": 83.1 / 82.5})


def iku(path: Path) -> Path:
    """The IKU of 2026: a header block of the Pemda, the Dinas and its address, a logo row and the title, five
    rows above the header; "Kinerja Utama" for the Sasaran, a Penjelasan/Formulasi and a Sumber Data column,
    the Penanggung Jawab as the unit or its head ("Sekretaris", "Kabid SD"); then a note, "Bandar Lampung, 15
    Januari 2026", "Kepala Dinas", the name and the NIP."""
    book = Workbook()
    sheet = book.active
    sheet.title = "IKU"
    row = _block(sheet, [PEMDA, DINAS, ALAMAT], 8)
    sheet.row_dimensions[row].height = 50  # the logo row, empty
    row = _block(sheet, ["INDIKATOR KINERJA UTAMA (IKU)", "TAHUN 2026"], 8, start=row + 1)
    sheet.append([])
    sheet.append(["No", "Kinerja Utama", "Indikator Kinerja Utama", "Penjelasan / Formulasi Perhitungan",
                  "Satuan", "Target 2026", "Sumber Data", "Penanggung Jawab"])  # row 8
    sheet.append([1, SASARAN_1, "Angka Partisipasi Murni (APM) SD/MI",
                  "Jumlah siswa usia 7-12 tahun di SD/MI dibagi jumlah penduduk usia 7-12 tahun x 100%", "%", "95,00",
                  "Dapodik", "Sekretariat"])
    sheet.append([2, SASARAN_1, PUTUS_SEKOLAH,
                  "Jumlah siswa putus sekolah dibagi jumlah seluruh siswa x 100%", "%", "0,50", "Dapodik",
                  "Kabid SD"])
    sheet.append([3, SASARAN_3, "Nilai SAKIP Dinas Pendidikan", "Nilai hasil evaluasi AKIP oleh Inspektorat",
                  "Nilai", "75,00", "LHE AKIP", "Sekretaris"])
    sheet.append([])
    sheet.append(["Catatan:"])
    sheet.append(["1) Target mengacu pada Renstra Dinas Pendidikan 2025-2029"])
    _signature(sheet, 6, 15, "Bandar Lampung, 15 Januari 2026", "Kepala Dinas Pendidikan dan Kebudayaan",
               "Drs. EKA AFRIANA, M.Pd.", "NIP. 19690512 199003 1 007")
    book.save(path)
    return path


def renstra_matrix(path: Path) -> Path:
    """The Renstra 2025-2029 matrix (Tabel Rencana Program, Kegiatan dan Pendanaan): the Kondisi Awal 2024, each
    year 2025 … 2029 merged over Target | Rp, and the Kondisi Akhir; the Sasaran written on a row of its own
    above its indicators ("Sasaran 1: …")."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Renstra 2025-2029"
    _block(sheet, ["RENCANA PROGRAM, KEGIATAN DAN PENDANAAN", f"{DINAS} KOTA BANDAR LAMPUNG 2025-2029"], 16)
    sheet.append([])
    top = ["No", "Sasaran / Indikator Kinerja", "Satuan", "Kondisi Awal (2024)"]
    for year in range(2025, 2030):
        top += [f"Tahun {year}", None]
    top += ["Kondisi Akhir (2029)", None]
    sheet.append(top)  # row 4
    sheet.append([None] * 4 + ["Target", "Rp"] * 6)  # row 5
    for column in "ABCD":
        sheet.merge_cells(f"{column}4:{column}5")
    for first, last in (("E", "F"), ("G", "H"), ("I", "J"), ("K", "L"), ("M", "N"), ("O", "P")):
        sheet.merge_cells(f"{first}4:{last}4")
    sheet.append(["I", f"Sasaran 1: {SASARAN_1}"] + [None] * 14)  # row 6
    sheet.append([1, "Angka Partisipasi Murni (APM) SD/MI", "%", "93,10", 93.5, "1.250.000.000", 94, "1.300.000.000",
                  95, "1.350.000.000", 96, "1.400.000.000", 97, "1.450.000.000", 97, "6.750.000.000"])
    sheet.append([2, PUTUS_SEKOLAH, "%", "0,80", 0.7, "250.000.000", 0.6, "260.000.000", 0.5, "270.000.000", 0.45,
                  "280.000.000", 0.4, "290.000.000", 0.4, "1.350.000.000"])
    sheet.append(["II", f"Sasaran 2: {SASARAN_3}"] + [None] * 14)
    sheet.append([1, "Nilai SAKIP Dinas Pendidikan", "Nilai", "70,10", 72, "150.000.000", 75, "150.000.000", 77,
                  "160.000.000", 79, "160.000.000", 80, "170.000.000", 80, "790.000.000"])
    book.save(path)
    return path


def kinerja_anggaran(path: Path) -> Path:
    """A Laporan Kinerja dan Anggaran of 2026: Target, Realisasi and Capaian typed as text the Indonesian way
    ("1.234", "96,5", "101,23%"), then Pagu and Realisasi Anggaran in Rupiah ("Rp 1.500.000.000") and their %."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Kinerja & Anggaran"
    _block(sheet, ["LAPORAN REALISASI KINERJA DAN ANGGARAN TAHUN 2026", DINAS], 10)
    sheet.append([])
    sheet.append(["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian Kinerja (%)",
                  "Pagu Anggaran (Rp)", "Realisasi Anggaran (Rp)", "Capaian Anggaran (%)"])  # row 4
    sheet.append([1, SASARAN_1, "Jumlah sekolah yang terakreditasi minimal B", "Sekolah", "1.124", "1.138",
                  "101,25%", "Rp 1.500.000.000", "Rp 1.425.750.500", "95,05%"])
    sheet.append([2, SASARAN_1, PUTUS_SEKOLAH, "%", "0,50", "0,45", "110,00%", "Rp 250.000.000", "Rp 240.100.000",
                  "96,04%"])
    sheet.append([3, SASARAN_2, "Jumlah guru yang mengikuti pelatihan peningkatan kompetensi", "Orang", "2.500",
                  "2.415", "96,60%", "Rp 875.250.000", "Rp 870.000.000", "99,40%"])
    sheet.append([None, "Jumlah", None, None, None, None, None, "Rp 2.625.250.000", "Rp 2.535.850.500", "96,59%"])
    book.save(path)
    return path


def cascading(path: Path) -> Path:
    """A cascading (pohon kinerja) table as the Renstra's Tujuan and Sasaran sit above the indicators: Tujuan and
    Sasaran each in a column of their own, merged down over their indicators; the year's Target and Realisasi."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Cascading 2026"
    _block(sheet, ["CASCADING KINERJA DINAS PENDIDIKAN TAHUN 2026"], 7)
    sheet.append([])
    sheet.append(["No", "Tujuan", "Sasaran", "Indikator Kinerja", "Satuan", "Target 2026", "Realisasi 2026"])  # row 3
    sheet.append([1, "Meningkatnya kualitas pendidikan", SASARAN_1, "Angka Partisipasi Murni (APM) SD/MI", "%",
                  95, 96.2])
    sheet.append([2, None, None, PUTUS_SEKOLAH, "%", 0.5, 0.42])
    sheet.append([3, None, SASARAN_2, "Persentase guru bersertifikat pendidik", "%", 78.5, 80])
    sheet.merge_cells("B4:B6")
    sheet.merge_cells("C4:C5")
    book.save(path)
    return path


def lkjip_comparison(path: Path) -> Path:
    """The LKjIP's comparison table: the Realisasi of 2024 and 2025 beside the Target and Realisasi of 2026, the
    Renstra's final target and the Capaian against it; a Nilai and an Indeks written with their category
    ("75,20 (BB)", "82,5 (Baik)")."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Tabel 3.2"
    _block(sheet, ["Tabel 3.2", "Perbandingan Realisasi Kinerja Tahun 2026 dengan Tahun Sebelumnya dan Target Akhir "
                   "Renstra"], 10)
    sheet.append([])
    sheet.append(["No", "Sasaran", "Indikator Kinerja", "Satuan", "Realisasi 2024", "Realisasi 2025", "Target 2026",
                  "Realisasi 2026", "Target Akhir Renstra (2029)", "Capaian thd Renstra (%)"])  # row 4
    sheet.append([1, SASARAN_3, "Nilai SAKIP Dinas Pendidikan", "Nilai", "68,10 (B)", "70,45 (BB)", "75,00 (BB)",
                  "75,20 (BB)", "80,00 (A)", "94,00"])
    sheet.append([2, SASARAN_3, "Indeks Kepuasan Masyarakat terhadap layanan pendidikan", "Indeks", "80,1", "81,0",
                  "82,5 (Baik)", "83,1 (Baik)", "85,0", "97,76"])
    book.save(path)
    return path


def capaian_tw2_csv(path: Path) -> Path:
    """A report of Triwulan II saved as CSV from Excel (";", a BOM): only the quarter's Target and Realisasi, and a
    Capaian (%) that is the quarter's; percentages and Rupiah typed the Indonesian way; no Polaritas column, so the
    Capaian of 80 % for 0,60 against 0,50 is what tells the lower-is-better indicator."""
    rows = [
        "LAPORAN CAPAIAN KINERJA TRIWULAN II 2026;;;;;;",
        ";;;;;;",
        "No;Sasaran Strategis;Indikator Kinerja;Satuan;Target TW II;Realisasi TW II;Capaian (%)",
        f"1;{SASARAN_1};Angka Partisipasi Murni (APM) SD/MI;%;95,00%;92,00%;96,84 %",
        f"2;{SASARAN_1};{PUTUS_SEKOLAH};%;0,50;0,60;80,00 %",
        f"3;{SASARAN_3};Nilai realisasi belanja BOS;Rupiah;Rp 1.500.000.000;Rp 1.425.750.500,50;95,05 %",
        ";;;;;;",
        ";;Bandar Lampung, 10 Juli 2026;;;;",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8-sig")
    return path


def pk_from_pdf(path: Path) -> Path:
    """A PK converted from its signed PDF into Excel: the long indicator name broken onto a second row of its own
    (in lower case, nothing else on it), the Sasaran merged down over both."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Table 1"
    sheet.append(["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target"])
    sheet.append([1, SASARAN_1, "Persentase satuan pendidikan jenjang SD dan SMP negeri maupun swasta yang", "%", 92])
    sheet.append([None, None, "memenuhi Standar Pelayanan Minimal (SPM) bidang pendidikan", None, None])
    sheet.append([2, None, "Angka Partisipasi Murni (APM) SD/MI", "%", 95])
    sheet.merge_cells("B2:B4")
    book.save(path)
    return path
