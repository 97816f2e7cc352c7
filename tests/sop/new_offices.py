"""Four more SOP AP documents of offices whose documents the importer had not seen, written as a new user
brings them (PermenPAN-RB 35/2012 form): a Dinas Kesehatan Word file, a Kecamatan text export, a BKPSDM
workbook and a Bappeda PDF. Each varies what real offices vary: header cells merged over two rows and
across the actors, a Kelengkapan merged down over two steps, the identity on one sheet and the table on
another, a blank spacer column, abbreviated actors spelled out by a legend above the table, narrow
Pelaksana columns that break names across lines, times in menit, jam, hari, HK and minggu, decisions
whose "Tidak" sends the work back.

Each builder writes its document into a folder and returns its path; `NEW_OFFICE_SOPS` pairs it with what
the importer must read from it (offices.Expected). `python tests/sop/new_offices.py DIR` writes them all,
to try them on the command line or on the upload page.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from html import escape
from pathlib import Path

import docx
import openpyxl

try:
    from .offices import Expected, _d, _fill, _landscape, _merge
except ImportError:  # run as a script
    from offices import Expected, _d, _fill, _landscape, _merge  # type: ignore[no-redef]

# 1. Dinas Kesehatan, Word: the letterhead in a cell merged down beside the fields, the blocks as label rows
# over item rows, "Tgl." for Tanggal; the procedure table's header over two rows (No., Uraian Kegiatan and
# Keterangan merged down, Pelaksana and Mutu Baku merged across), the Kelengkapan of steps 4 and 5 one cell
# merged down, two decisions sending work back.

IZIN_PRAKTIK = Expected(
    name="PELAYANAN IZIN PRAKTIK TENAGA KESEHATAN",
    number="440/027/SOP/DINKES/2025",
    actors=["Pemohon", "Petugas Loket", "Verifikator", "Kasi SDK", "Kepala Dinas"],
    step_actors=["Pemohon", "Petugas Loket", "Verifikator", "Kasi SDK", "Kepala Dinas", "Petugas Loket"],
    durations=[_d("15", "minute"), _d("30", "minute"), _d("3", "day"), _d("2", "hour"), _d("1", "day"),
               _d("15", "minute")],
    returns={3: [1], 5: [4]},
    approved_by=("KEPALA DINAS KESEHATAN KABUPATEN PESAWARAN", "dr. HENDRA SAPUTRA, M.Kes", "197803122005011003"),
    effective_on="2025-02-03",
    last_activity_ends="kepada pemohon",
)
IZIN_PRAKTIK_STEPS = [
    ("Mengajukan permohonan Surat Izin Praktik (SIP) dengan melampirkan persyaratan", 0,
     "Formulir permohonan, STR, rekomendasi organisasi profesi", "15 menit", "Berkas permohonan", ""),
    ("Menerima dan memeriksa kelengkapan berkas permohonan", 1, "Berkas permohonan", "30 menit",
     "Tanda terima berkas", ""),
    ("Memverifikasi keabsahan dokumen dan melakukan visitasi tempat praktik. Memenuhi syarat?", 2,
     "Berkas permohonan, daftar tilik visitasi", "3 HK", "Berita acara visitasi", "Tidak: kembali ke langkah 1"),
    ("Memeriksa hasil verifikasi dan menyiapkan konsep SIP", 3, "Berita acara visitasi, konsep SIP", "2 jam",
     "Konsep SIP", ""),
    ("Memeriksa dan menandatangani SIP. Disetujui?", 4, "", "1 Hari", "SIP yang ditandatangani",
     "Tidak: kembali ke langkah 4"),
    ("Mencatat SIP dalam buku register dan menyerahkannya kepada pemohon", 1, "SIP, buku register", "15 menit",
     "SIP diterima pemohon", ""),
]


def write_izin_praktik(folder: Path, *, actors: list[str] | None = None) -> Path:
    """`actors`: the Pelaksana columns' headings as typed, in place of the actors' names."""
    document = docx.Document()
    _landscape(document)
    fields = [("Nomor SOP", IZIN_PRAKTIK.number), ("Tgl. Pembuatan", "6 Januari 2025"), ("Tgl. Revisi", "-"),
              ("Tgl. Efektif", "3 Februari 2025"),
              ("Disahkan oleh", "KEPALA DINAS KESEHATAN KABUPATEN PESAWARAN\n\nttd\n\ndr. HENDRA SAPUTRA, M.Kes\n"
                                "NIP. 19780312 200501 1 003"),
              ("Nama SOP", IZIN_PRAKTIK.name)]
    identity = document.add_table(rows=len(fields), cols=3)
    identity.style = "Table Grid"
    _fill(identity, [["", label, value] for label, value in fields])
    _merge(identity, 0, 0, len(fields) - 1, 0,
           "PEMERINTAH KABUPATEN PESAWARAN\nDINAS KESEHATAN\nBIDANG SUMBER DAYA KESEHATAN")
    blocks = document.add_table(rows=6, cols=2)
    blocks.style = "Table Grid"
    _fill(blocks, [
        ["Dasar Hukum :", "Kualifikasi Pelaksana :"],
        ["1. Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan\n2. Peraturan Bupati Pesawaran Nomor 8 Tahun 2021",
         "1. Memahami peraturan perizinan tenaga kesehatan\n2. Mampu mengoperasikan komputer"],
        ["Keterkaitan :", "Peralatan/Perlengkapan :"],
        ["1. SOP Visitasi Tempat Praktik", "1. Komputer\n2. Printer\n3. Buku register"],
        ["Peringatan :", "Pencatatan dan Pendataan :"],
        ["Berkas yang tidak lengkap dikembalikan kepada pemohon", "1. Buku register SIP\n2. Arsip digital"],
    ])
    document.add_paragraph("")
    actors = actors or IZIN_PRAKTIK.actors
    table = document.add_table(rows=2 + len(IZIN_PRAKTIK_STEPS), cols=6 + len(actors))
    table.style = "Table Grid"
    _fill(table, [["", "", *actors, "Persyaratan/Kelengkapan", "Waktu", "Output", ""]], start=1)
    _merge(table, 0, 0, 1, 0, "No.")
    _merge(table, 0, 1, 1, 1, "Uraian Kegiatan")
    _merge(table, 0, 2, 0, 1 + len(actors), "Pelaksana")
    _merge(table, 0, 2 + len(actors), 0, 4 + len(actors), "Mutu Baku")
    _merge(table, 0, 5 + len(actors), 1, 5 + len(actors), "Keterangan")
    last = len(IZIN_PRAKTIK_STEPS)
    for n, (text, who, inputs, time, output, note) in enumerate(IZIN_PRAKTIK_STEPS, start=1):
        mark = "Mulai" if n == 1 else "Selesai" if n == last else "√"
        _fill(table, [[str(n), text, *(mark if a == who else "" for a in range(len(actors))), inputs, time, output,
                       note]], start=1 + n)
    _merge(table, 5, 2 + len(actors), 6, 2 + len(actors), "Berita acara visitasi, konsep SIP")
    path = folder / "sop-izin-praktik-dinkes.docx"
    document.save(str(path))
    return path


# 2. Kecamatan, a text export (tab-separated, as copied out of Word): the identity as "label : value" lines,
# the actors abbreviated in the table's header and spelled out by a legend on one line above the table, a
# step whose Waktu is "Menyesuaikan" (no standard time: a problem naming the step).

DOMISILI = Expected(
    name="PEMBUATAN SURAT KETERANGAN DOMISILI",
    number="470/011/SOP/KEC-KDT/2025",
    actors=["Pemohon", "Petugas Pelayanan", "Kepala Seksi Pemerintahan", "Sekretaris Camat", "Camat"],
    step_actors=["Pemohon", "Petugas Pelayanan", "Kepala Seksi Pemerintahan", "Sekretaris Camat", "Camat",
                 "Petugas Pelayanan", "Pemohon"],
    durations=[_d("10", "minute"), _d("15", "minute"), _d("30", "minute"), _d("15", "minute"), _d("1", "hour"),
               _d("10", "minute"), _d("5", "minute")],
    returns={3: [2]},
    effective_on="2025-03-03",
    last_activity_ends="bukti penerimaan",
)
DOMISILI_SHORT = ["Pmh", "Ptgs", "Kasi Pem", "Sekcam", "Camat"]
DOMISILI_STEPS = [
    ("Mengajukan permohonan dengan membawa surat pengantar RT/RW, KTP dan KK", "Pmh", "Surat pengantar RT/RW, KTP, KK",
     "10 menit", "Berkas permohonan", ""),
    ("Menerima berkas, memeriksa kelengkapan dan mengetik konsep surat keterangan domisili", "Ptgs", "Berkas permohonan",
     "15 Menit", "Konsep surat", ""),
    ("Meneliti konsep surat dan memaraf. Benar?", "Kasi Pem", "Konsep surat", "30 menit", "Konsep surat diparaf",
     "Tidak: kembali ke Petugas Pelayanan"),
    ("Memeriksa dan memaraf konsep surat", "Sekcam", "Konsep surat diparaf", "15 menit", "Konsep surat diparaf", ""),
    ("Menandatangani surat keterangan domisili", "Camat", "Konsep surat diparaf", "1 jam", "Surat ditandatangani", ""),
    ("Memberi nomor, mencatat dalam buku register dan menyerahkan surat", "Ptgs", "Surat ditandatangani",
     "10 menit", "Surat keterangan domisili", ""),
    ("Menerima surat keterangan domisili dan menandatangani bukti penerimaan", "Pmh", "Surat keterangan domisili",
     "5 menit", "Tanda terima", ""),
]
DOMISILI_LEGEND = ("Keterangan: Pmh = Pemohon, Ptgs = Petugas Pelayanan, Kasi Pem = Kepala Seksi Pemerintahan, "
                   "Sekcam = Sekretaris Camat")


def domisili_text(*, times: dict[int, str] | None = None) -> str:
    """The Kecamatan's SOP as text; `times` replaces the Waktu of some steps (by number)."""
    short = DOMISILI_SHORT
    lines = [
        "PEMERINTAH KABUPATEN TANGGAMUS", "KECAMATAN KOTA AGUNG TIMUR", "",
        f"Nomor SOP\t: {DOMISILI.number}", "Tanggal Pembuatan\t: 2 Januari 2025", "Tanggal Revisi\t: -",
        "Tanggal Efektif\t: 3 Maret 2025", "Disahkan oleh\t: CAMAT KOTA AGUNG TIMUR",
        f"Nama SOP\t: {DOMISILI.name}", "",
        "Dasar Hukum :\tKualifikasi Pelaksana :",
        "1. Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan\t1. Memahami administrasi kependudukan",
        "Keterkaitan :\tPeralatan/Perlengkapan :", "1. SOP Pelayanan Surat Pengantar\t1. Komputer 2. Printer",
        "Peringatan :\tPencatatan dan Pendataan :",
        "Surat tidak diterbitkan bila berkas tidak lengkap\t1. Buku register surat keterangan", "",
        DOMISILI_LEGEND, "",
        "NO\tKEGIATAN\tPELAKSANA" + "\t" * len(short) + "MUTU BAKU\t\t\tKET",
        "\t\t" + "\t".join(short) + "\tKELENGKAPAN\tWAKTU\tOUTPUT\t",
    ]
    for n, (text, who, inputs, time, output, note) in enumerate(DOMISILI_STEPS, start=1):
        mark = "Mulai" if n == 1 else "Selesai" if n == len(DOMISILI_STEPS) else "X"
        time = (times or {}).get(n, time)
        lines.append(f"{n}\t{text}\t" + "\t".join(mark if a == who else "" for a in short)
                     + f"\t{inputs}\t{time}\t{output}\t{note}")
    return "\n".join(lines) + "\n"


def write_domisili(folder: Path) -> Path:
    path = folder / "sop-domisili-kecamatan.txt"
    path.write_text(domisili_text(), encoding="utf-8")
    return path


# 3. BKPSDM, a workbook: the identity on a sheet "Identitas" (label, ":", value), the procedure table on a
# sheet "Prosedur" with a blank spacer column between Uraian Kegiatan and the actors and the header merged over
# two rows, times in minggu, HK and hari, a decision whose "Tidak" sends the file back two steps.

PANGKAT_XLSX = Expected(
    name="USULAN KENAIKAN PANGKAT PEGAWAI NEGERI SIPIL",
    number="800/045/SOP/BKPSDM/2025",
    actors=["PNS", "Pengelola Kepegawaian OPD", "Analis Kepegawaian", "Kepala Bidang Mutasi", "Kepala BKPSDM",
            "Kantor Regional BKN"],
    step_actors=["PNS", "Pengelola Kepegawaian OPD", "Analis Kepegawaian", "Kepala Bidang Mutasi", "Kepala BKPSDM",
                 "Kantor Regional BKN", "Analis Kepegawaian", "Kepala BKPSDM", "Pengelola Kepegawaian OPD"],
    durations=[_d("1", "week"), _d("3", "day"), _d("5", "day"), _d("1", "day"), _d("1", "day"), _d("2", "week"),
               _d("2", "day"), _d("1", "day"), _d("1", "day")],
    returns={4: [2]},
    effective_on="2025-01-06",
    last_activity_ends="kepada PNS yang bersangkutan",
)
PANGKAT_STEPS = [
    ("Menyiapkan berkas usulan kenaikan pangkat dan menyerahkan kepada pengelola kepegawaian", 0,
     "SK pangkat terakhir, SKP 2 tahun terakhir", "1 minggu", "Berkas usulan"),
    ("Menghimpun dan mengunggah berkas usulan ke aplikasi SIASN", 1, "Berkas usulan", "3 HK", "Usulan terunggah"),
    ("Memverifikasi berkas usulan pada aplikasi SIASN", 2, "Usulan terunggah", "5 hari", "Hasil verifikasi"),
    ("Memeriksa hasil verifikasi. Memenuhi syarat?", 3, "Hasil verifikasi", "1 Hari", "Nota usulan"),
    ("Menandatangani surat usulan kenaikan pangkat", 4, "Nota usulan", "1 Hari", "Surat usulan"),
    ("Memberikan pertimbangan teknis (Pertek)", 5, "Surat usulan", "2 minggu", "Pertek BKN"),
    ("Menyiapkan keputusan kenaikan pangkat berdasarkan Pertek", 2, "Pertek BKN", "2 hari", "Konsep SK"),
    ("Menandatangani keputusan kenaikan pangkat", 4, "Konsep SK", "1 hari", "SK kenaikan pangkat"),
    ("Menerima SK dan menyampaikannya kepada PNS yang bersangkutan", 1, "SK kenaikan pangkat", "1 hari",
     "SK diterima"),
]


def write_pangkat_workbook(folder: Path, *, times: dict[int, str] | None = None) -> Path:
    book = openpyxl.Workbook()
    identity = book.active
    identity.title = "Identitas"
    rows = [["PEMERINTAH KABUPATEN LAMPUNG TENGAH"], ["BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"], [],
            ["Nomor SOP", ":", PANGKAT_XLSX.number], ["Tanggal Pembuatan", ":", "2 Desember 2024"],
            ["Tanggal Revisi", ":", "-"], ["Tanggal Efektif", ":", "6 Januari 2025"],
            ["Disahkan oleh", ":", "KEPALA BKPSDM KABUPATEN LAMPUNG TENGAH"], ["Nama SOP", ":", PANGKAT_XLSX.name], [],
            ["Dasar Hukum", ":", "1. Peraturan Pemerintah Nomor 99 Tahun 2000 tentang Kenaikan Pangkat PNS"],
            ["Kualifikasi Pelaksana", ":", "1. Memahami peraturan kepegawaian"],
            ["Keterkaitan", ":", "1. SOP Penyusunan SKP"], ["Peralatan/Perlengkapan", ":", "1. Komputer 2. Akses SIASN"],
            ["Peringatan", ":", "Usulan terlambat diproses pada periode berikutnya"],
            ["Pencatatan dan Pendataan", ":", "1. Daftar usulan kenaikan pangkat"]]
    for row in rows:
        identity.append(row)
    sheet = book.create_sheet("Prosedur")
    actors = PANGKAT_XLSX.actors
    first = 4  # column D: column C is a blank spacer between the activity and the actors
    sheet.cell(1, 1, "No")
    sheet.cell(1, 2, "Uraian Kegiatan")
    sheet.cell(1, first, "Pelaksana")
    sheet.cell(1, first + len(actors), "Mutu Baku")
    sheet.cell(1, first + len(actors) + 3, "Keterangan")
    for column in (1, 2, first + len(actors) + 3):
        sheet.merge_cells(start_row=1, start_column=column, end_row=2, end_column=column)
    sheet.merge_cells(start_row=1, start_column=first, end_row=1, end_column=first + len(actors) - 1)
    sheet.merge_cells(start_row=1, start_column=first + len(actors), end_row=1, end_column=first + len(actors) + 2)
    for i, name in enumerate([*actors, "Kelengkapan", "Waktu", "Output"]):
        sheet.cell(2, first + i, name)
    sheet.column_dimensions["C"].width = 2
    for n, (text, who, inputs, time, output) in enumerate(PANGKAT_STEPS, start=1):
        r = 2 + n
        sheet.cell(r, 1, n)
        sheet.cell(r, 2, text)
        mark = "Mulai" if n == 1 else "Selesai" if n == len(PANGKAT_STEPS) else "◊" if n == 4 else "□"
        sheet.cell(r, first + who, mark)
        sheet.cell(r, first + len(actors), inputs)
        sheet.cell(r, first + len(actors) + 1, (times or {}).get(n, time))
        sheet.cell(r, first + len(actors) + 2, output)
    sheet.cell(6, first + len(actors) + 3, "Tidak: dikembalikan ke langkah 2")
    path = folder / "sop-kenaikan-pangkat-bkpsdm.xlsx"
    book.save(str(path))
    return path


# 4. Bappeda, a PDF (printed by WeasyPrint, as a browser or an SOP application prints it): narrow Pelaksana
# columns headed by abbreviations, which the layout breaks across lines ("Kasub-" above "bag PEP"), spelled
# out by a legend between the identity block and the table; a decision sending the draft back.

RKPD = Expected(
    name="PENYUSUNAN RENCANA KERJA PEMERINTAH DAERAH (RKPD)",
    number="050/012/SOP/BAPPEDA/2025",
    actors=["Kepala Badan", "Sekretaris Badan", "Kepala Subbagian Perencanaan, Evaluasi dan Pelaporan", "Kepala Bidang",
            "Tim Penyusun"],
    step_actors=["Kepala Badan", "Sekretaris Badan", "Kepala Subbagian Perencanaan, Evaluasi dan Pelaporan", "Kepala Bidang",
                 "Tim Penyusun", "Kepala Bidang", "Kepala Subbagian Perencanaan, Evaluasi dan Pelaporan", "Sekretaris Badan",
                 "Kepala Badan"],
    durations=[_d("1", "day"), _d("1", "day"), _d("3", "day"), _d("2", "week"), _d("1", "week"), _d("2", "day"),
               _d("3", "day"), _d("1", "day"), _d("1", "day")],
    returns={8: [7]},
    effective_on="2025-01-15",
    last_activity_ends="menandatangani RKPD",
)
RKPD_SHORT = ["Kaban", "Sekban", "Kasub&shy;bag PEP", "Kabid", "Tim Penyu&shy;sun"]
RKPD_LEGEND = ["Keterangan singkatan:", "Kaban = Kepala Badan", "Sekban = Sekretaris Badan",
               "Kasubbag PEP = Kepala Subbagian Perencanaan, Evaluasi dan Pelaporan", "Kabid = Kepala Bidang"]
RKPD_STEPS = [
    ("Menerbitkan surat edaran penyusunan RKPD", 0, "Surat edaran Mendagri", "1 hari", "Surat edaran", ""),
    ("Mendisposisikan penyusunan RKPD kepada Kasubbag PEP", 1, "Surat edaran", "1 hari", "Disposisi", ""),
    ("Menyiapkan jadwal dan rancangan awal RKPD", 2, "Disposisi, RPJMD", "3 HK", "Rancangan awal", ""),
    ("Mengoordinasikan usulan program perangkat daerah sesuai bidang masing-masing", 3, "Rancangan awal",
     "2 minggu", "Usulan program", ""),
    ("Menyusun rancangan RKPD berdasarkan hasil Musrenbang", 4, "Usulan program, hasil Musrenbang", "1 minggu",
     "Rancangan RKPD", ""),
    ("Memeriksa kesesuaian program bidang", 3, "Rancangan RKPD", "2 hari", "Rancangan RKPD diperiksa", ""),
    ("Menyempurnakan dan memaraf rancangan RKPD", 2, "Rancangan RKPD diperiksa", "3 hari", "Rancangan diparaf", ""),
    ("Meneliti rancangan RKPD. Sesuai?", 1, "Rancangan diparaf", "1 hari", "Rancangan RKPD final",
     "Tidak: kembali ke langkah 7"),
    ("Menyetujui dan menandatangani RKPD", 0, "Rancangan RKPD final", "1 hari", "RKPD", ""),
]
_PDF_CSS = """
@page { size: A4 landscape; margin: 1.5cm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 0.75pt solid black; padding: 3pt; vertical-align: top; }
th { overflow-wrap: anywhere; hyphens: manual; }
"""


def rkpd_html() -> str:
    fields = [("NOMOR SOP", RKPD.number), ("TANGGAL PEMBUATAN", "2 Januari 2025"), ("TANGGAL REVISI", "-"),
              ("TANGGAL EFEKTIF", "15 Januari 2025"), ("DISAHKAN OLEH", "KEPALA BAPPEDA KOTA METRO"),
              ("NAMA SOP", RKPD.name)]
    identity = ("<table>" + "".join(
        "<tr>" + ("<td rowspan=6 style='width: 35%'>PEMERINTAH KOTA METRO<br>BADAN PERENCANAAN PEMBANGUNAN DAERAH</td>"
                  if i == 0 else "") + f"<td style='width: 18%'>{label}</td><td>{escape(value)}</td></tr>"
        for i, (label, value) in enumerate(fields)) + "</table>")
    legend = "".join(f"<p style='margin: 0'>{escape(line)}</p>" for line in RKPD_LEGEND)
    widths = ["4%", "4%", "3.6%", "3.5%", "3.8%"]
    head = ("<tr><th rowspan=2 style='width: 3%'>No</th><th rowspan=2 style='width: 26%'>Kegiatan</th>"
            f"<th colspan={len(RKPD_SHORT)}>Pelaksana</th><th colspan=3>Mutu Baku</th><th rowspan=2>Ket</th></tr><tr>"
            + "".join(f"<th style='width: {w}'>{name}</th>" for name, w in zip(RKPD_SHORT, widths, strict=True))
            + "<th>Kelengkapan</th><th>Waktu</th><th>Output</th></tr>")
    body = ""
    for n, (text, who, inputs, time, output, note) in enumerate(RKPD_STEPS, start=1):
        mark = "Mulai" if n == 1 else "Selesai" if n == len(RKPD_STEPS) else "X"
        body += (f"<tr><td>{n}</td><td>{escape(text)}</td>"
                 + "".join(f"<td>{mark if a == who else ''}</td>" for a in range(len(RKPD_SHORT)))
                 + f"<td>{escape(inputs)}</td><td>{time}</td><td>{escape(output)}</td><td>{escape(note)}</td></tr>")
    return (f"<html lang=id><head><style>{_PDF_CSS}</style></head><body>{identity}<br>{legend}<br>"
            f"<table><thead>{head}</thead><tbody>{body}</tbody></table></body></html>")


def write_rkpd(folder: Path) -> Path:
    from weasyprint import HTML

    path = folder / "sop-rkpd-bappeda.pdf"
    path.write_bytes(HTML(string=rkpd_html()).write_pdf())
    return path


NEW_OFFICE_SOPS: dict[str, tuple[Callable[[Path], Path], Expected]] = {
    "izin-praktik-docx": (write_izin_praktik, IZIN_PRAKTIK), "domisili-txt": (write_domisili, DOMISILI),
    "pangkat-xlsx": (write_pangkat_workbook, PANGKAT_XLSX), "rkpd-pdf": (write_rkpd, RKPD),
}

if __name__ == "__main__":
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for write, _expected in NEW_OFFICE_SOPS.values():
        print(write(folder))
