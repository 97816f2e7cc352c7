"""SOP AP documents of other offices, written as those offices write them, for the import tests: Word
files with the identity block beside the letterhead or as paragraphs, header rows merged over two and
three rows, Excel sheets whose table starts far from A1 with hidden and blank columns, text copied out
of Word with tabs or pipes, the Waktu number and its unit in two columns, abbreviated actors, lettered
steps, decisions that send work back several steps, signature blocks under the table.

Each builder writes its document into a folder and returns its path; `OFFICE_SOPS` pairs it with what
the importer must read from it. `python tests/sop/offices.py DIR` writes them all, to try them on the
command line (`kinerja sop import DIR/…`) or on the upload page.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import openpyxl
from docx.enum.section import WD_ORIENT
from docx.shared import Cm
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter


@dataclass(frozen=True)
class Expected:
    """What the importer must read from a document."""

    name: str
    number: str
    actors: list[str]
    step_actors: list[str]
    durations: list[tuple[Decimal, str]]
    returns: dict[int, list[int]] = field(default_factory=dict)  # step → the steps it sends work back to
    approved_by: tuple[str, str, str] | None = None  # position, name, NIP
    effective_on: str | None = None  # ISO date
    last_activity_ends: str = ""  # the last step's text ends so (nothing of the signature block appended)
    lines: list[str] | None = None  # the letterhead lines above the identity block

    def check(self, draft: Any) -> None:
        """Assert that the importer's draft reads as expected: no problem, the identity, every step's actor and
        time, the returns, the approval, the effective date, the letterhead and the last step's end."""
        assert [str(p) for p in draft.problems] == []
        assert (draft.name, draft.number) == (self.name, self.number)
        assert draft.actors == self.actors
        assert [s.number for s in draft.steps] == list(range(1, len(self.step_actors) + 1))
        assert [s.actor for s in draft.steps] == self.step_actors
        assert [(s.duration_value, s.duration_unit) for s in draft.steps] == self.durations
        assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == self.returns
        if self.approved_by is not None:
            assert (draft.approved_by, draft.approved_by_name, draft.approved_by_nip) == self.approved_by
        if self.effective_on is not None:
            assert draft.effective_on == dt.date.fromisoformat(self.effective_on)
        if self.lines is not None:
            assert draft.lines == self.lines
        if self.last_activity_ends:
            assert draft.steps[-1].activity.endswith(self.last_activity_ends)


def uploaded_preview(client: Any, path: Path) -> Any:
    """The upload page's preview of the document at `path`, as a user brings it (posted, then followed)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/sop/upload/", {"document": SimpleUploadedFile(path.name, path.read_bytes())})
    assert response.status_code == 302, response.content[:3000]
    return client.get(response["Location"])


def preview_data(rows: Any) -> dict[str, str]:
    """The preview's step forms (its context's rows) with their values as read, as a save posts them."""
    return {f"{f.prefix}-{name}": "" if f.initial.get(name) is None else str(f.initial.get(name))
            for f, _p in rows for name in f.fields}


def _d(value: str, unit: str) -> tuple[Decimal, str]:
    return Decimal(value), unit


def _landscape(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(33.0), Cm(21.5)  # F4, as many offices print


def _fill(table: docx.table.Table, rows: Sequence[Sequence[str]], start: int = 0) -> None:
    for r, cells in enumerate(rows, start=start):
        for c, text in enumerate(cells):
            if text:
                table.cell(r, c).text = text


def _merge(table: docx.table.Table, top: int, left: int, bottom: int, right: int, text: str) -> None:
    """Merge a block of cells and keep its text once (merge() joins the texts of the cells)."""
    merged = table.cell(top, left).merge(table.cell(bottom, right))
    merged.text = text


# 1. Dinas Kependudukan dan Pencatatan Sipil: the identity block is a table whose first column holds the
# letterhead over all its rows, a column of ":" between label and value, and the approval over several
# lines with "ttd"; the procedure table has marks ("√"), a decision in the step text and a Waktu whose
# unit stands in the column beside it.

AKTA = Expected(
    name="PELAYANAN PENERBITAN AKTA KELAHIRAN",
    number="474.1/012/SOP/DISDUKCAPIL/2024",
    actors=["Pemohon", "Petugas Loket", "Operator SIAK", "Kabid Capil", "Kadis"],
    step_actors=["Pemohon", "Petugas Loket", "Operator SIAK", "Kabid Capil", "Kadis", "Petugas Loket"],
    durations=[_d("10", "minute"), _d("15", "minute"), _d("30", "minute"), _d("1", "hour"), _d("1", "hour"),
               _d("10", "minute")],
    returns={2: [1], 4: [3]},
    approved_by=("KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN LAMPUNG SELATAN", "Drs. H. SUPRIYADI, M.M.",
                 "196805121993031004"),
    effective_on="2024-03-01",
    last_activity_ends="kepada Pemohon",
    lines=["PEMERINTAH KABUPATEN LAMPUNG SELATAN", "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL",
           "BIDANG PELAYANAN PENCATATAN SIPIL"],
)


def write_akta(folder: Path) -> Path:
    document = docx.Document()
    _landscape(document)
    identity = document.add_table(rows=6, cols=3)
    identity.style = "Table Grid"
    fields = [("Nomor SOP", "474.1/012/SOP/DISDUKCAPIL/2024"), ("Tanggal Pembuatan", "2 Januari 2024"),
              ("Tanggal Revisi", "-"), ("Tanggal Efektif", "1 Maret 2024"),
              ("Disahkan oleh", "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN LAMPUNG SELATAN\n\nttd\n\n"
                                "Drs. H. SUPRIYADI, M.M.\nNIP. 19680512 199303 1 004"),
              ("Nama SOP", "PELAYANAN PENERBITAN AKTA KELAHIRAN")]
    for r, (label, value) in enumerate(fields):
        identity.cell(r, 1).text = f"{label}\t:"
        identity.cell(r, 2).text = value
    _merge(identity, 0, 0, 5, 0, "PEMERINTAH KABUPATEN LAMPUNG SELATAN\nDINAS KEPENDUDUKAN DAN PENCATATAN SIPIL\n"
                                 "BIDANG PELAYANAN PENCATATAN SIPIL")
    document.add_paragraph("")
    blocks = document.add_table(rows=6, cols=2)
    blocks.style = "Table Grid"
    _fill(blocks, [
        ["Dasar Hukum:", "Kualifikasi Pelaksana:"],
        ["1. Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas UU Nomor 23 Tahun 2006 tentang "
         "Administrasi Kependudukan\n2. Peraturan Presiden Nomor 96 Tahun 2018",
         "1. Memahami aplikasi SIAK\n2. Mampu berkomunikasi dengan baik"],
        ["Keterkaitan:", "Peralatan/Perlengkapan:"],
        ["SOP Penerbitan Kartu Keluarga", "1. Komputer\n2. Printer\n3. Blangko akta\n4. Jaringan SIAK"],
        ["Peringatan:", "Pencatatan dan Pendataan:"],
        ["Apabila SOP ini tidak dilaksanakan, pelayanan akta kelahiran terhambat", "Buku register akta kelahiran"],
    ])
    document.add_paragraph("")
    top = ["NO", "KEGIATAN", "PELAKSANA", "", "", "", "", "MUTU BAKU", "", "", "", "KET."]
    sub = ["", "", "Pemohon", "Petugas Loket", "Operator SIAK", "Kabid Capil", "Kadis", "Persyaratan/ Kelengkapan",
           "Waktu", "", "Output", ""]
    steps = [
        ["1.", "Mengisi formulir F-2.01 dan menyerahkan berkas permohonan kepada Petugas Loket", "√", "", "", "", "",
         "Formulir F-2.01, surat keterangan lahir, KK, KTP orang tua", "10", "Menit", "Berkas permohonan", ""],
        ["2.", "Memverifikasi kelengkapan berkas. Lengkap? Ya: meneruskan kepada Operator SIAK; Tidak: berkas "
               "dikembalikan kepada Pemohon untuk dilengkapi", "", "√", "", "", "",
         "Berkas permohonan", "15", "Menit", "Berkas terverifikasi", ""],
        ["3.", "Menginput data ke SIAK, mencetak draf akta dan menyampaikan kepada Kepala Bidang Pencatatan Sipil",
         "", "", "√", "", "", "Berkas terverifikasi", "30", "Menit", "Draf akta", ""],
        ["4.", "Memeriksa dan memaraf draf akta, apabila ada kesalahan dikembalikan kepada Operator SIAK; "
               "apabila benar menyampaikan kepada Kepala Dinas", "", "", "", "√", "",
         "Draf akta", "1", "Jam", "Draf akta berparaf", ""],
        ["5.", "Menandatangani akta kelahiran secara elektronik (TTE) dan menyerahkan kepada Petugas Loket", "", "", "",
         "", "√", "Draf akta berparaf", "1", "Jam", "Akta kelahiran", ""],
        ["6.", "Mencatat dalam buku register dan menyerahkan akta kelahiran kepada Pemohon", "", "√", "", "", "",
         "Akta kelahiran", "10", "Menit", "Tanda terima", ""],
    ]
    table = document.add_table(rows=2 + len(steps), cols=len(top))
    table.style = "Table Grid"
    _fill(table, steps, start=2)
    _fill(table, [["", "", *sub[2:7], sub[7], "", "", sub[10], ""]], start=1)
    _merge(table, 0, 0, 1, 0, "NO")
    _merge(table, 0, 1, 1, 1, "KEGIATAN")
    _merge(table, 0, 2, 0, 6, "PELAKSANA")
    _merge(table, 0, 7, 0, 10, "MUTU BAKU")
    _merge(table, 0, 11, 1, 11, "KET.")
    _merge(table, 1, 8, 1, 9, "Waktu")
    path = folder / "sop-akta-kelahiran.docx"
    document.save(str(path))
    return path


# 2. BKPSDM: a workbook whose table starts at B7, with a hidden column left from an older version and a
# blank spacer column; the Pelaksana columns are grouped under the unit they belong to, so the actor
# names stand in the third header row; Waktu and its unit in two columns; actors abbreviated and the
# steps naming them in full.

PANGKAT = Expected(
    name="PELAYANAN USULAN KENAIKAN PANGKAT REGULER",
    number="800/045/SOP/BKPSDM/2024",
    actors=["Kasubbag Umpeg", "JF Analis Kepegawaian", "Kabid Mutasi", "Kaban"],
    step_actors=["Kasubbag Umpeg", "JF Analis Kepegawaian", "Kabid Mutasi", "JF Analis Kepegawaian", "Kaban",
                 "Kasubbag Umpeg"],
    durations=[_d("5", "day"), _d("3", "day"), _d("1", "day"), _d("2", "day"), _d("1", "day"), _d("1", "day")],
    returns={3: [2]},
    approved_by=("KEPALA BKPSDM KOTA METRO", "", ""),
    effective_on="2024-04-01",
    lines=["PEMERINTAH KOTA METRO", "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"],
)


def write_pangkat(folder: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "SOP KP"
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet["B1"] = "PEMERINTAH KOTA METRO"
    sheet["B2"] = "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"
    identity = [("NOMOR SOP", "800/045/SOP/BKPSDM/2024"), ("TANGGAL PEMBUATAN", "15 Maret 2024"),
                ("TANGGAL REVISI", "-"), ("TANGGAL EFEKTIF", "1 April 2024"),
                ("DISAHKAN OLEH", "KEPALA BKPSDM KOTA METRO"), ("NAMA SOP", "PELAYANAN USULAN KENAIKAN PANGKAT REGULER")]
    for r, (label, value) in enumerate(identity, start=1):
        sheet.cell(r, 7, label)
        sheet.cell(r, 9, value)
    # Columns: B No, C Kegiatan, D (hidden: an actor of the old version), E blank spacer, F-I actors,
    # J Kelengkapan, K-L Waktu, M Output, N Ket.
    top = 7
    header = {
        top: {2: "NO", 3: "KEGIATAN", 4: "Sekretaris", 6: "PELAKSANA", 10: "MUTU BAKU", 14: "KET"},
        top + 1: {6: "Perangkat Daerah", 7: "BKPSDM", 10: "Kelengkapan", 11: "Waktu", 13: "Output"},
        top + 2: {6: "Kasubbag Umpeg", 7: "JF Analis Kepegawaian", 8: "Kabid Mutasi", 9: "Kaban"},
    }
    for r, cells in header.items():
        for c, text in cells.items():
            sheet.cell(r, c, text).alignment = wrap
    for first, last in (("B7", "B9"), ("C7", "C9"), ("F7", "I7"), ("J7", "M7"), ("N7", "N9"), ("G8", "I8"),
                        ("J8", "J9"), ("K8", "L9"), ("M8", "M9"), ("D7", "D9")):
        sheet.merge_cells(f"{first}:{last}")
    steps = [
        (1, "Menghimpun dan memverifikasi berkas usul kenaikan pangkat PNS di lingkungan perangkat daerah, "
            "lalu mengirimkan berkas kepada Jabatan Fungsional Analis Kepegawaian BKPSDM", "F", "Berkas usul KP", 5,
         "hari", "Surat pengantar dan berkas usul"),
        (2, "Memeriksa kelengkapan dan keabsahan berkas, menyusun nota usul dan menyampaikan kepada Kepala Bidang "
            "Mutasi", "G", "Surat pengantar dan berkas usul", 3, "hari", "Nota usul"),
        (3, "Meneliti nota usul; apabila belum benar dikembalikan kepada Analis Kepegawaian untuk diperbaiki", "H",
         "Nota usul", 1, "hari", "Nota usul berparaf"),
        (4, "Mengunggah usulan pada aplikasi SIASN dan menyiapkan konsep pertimbangan teknis untuk ditandatangani "
            "Kepala Badan", "G", "Nota usul berparaf", 2, "hari", "Usulan terkirim"),
        (5, "Menandatangani surat pengantar usulan ke Kantor Regional BKN dan meneruskan salinannya ke Kasubbag "
            "Umum dan Kepegawaian perangkat daerah", "I", "Konsep surat", 1, "hari", "Surat pengantar"),
        (6, "Menerima salinan dan menyampaikan informasi kepada PNS yang diusulkan", "F", "Salinan surat", 1, "hari",
         "Informasi"),
    ]
    for r, (no, activity, column, inputs, amount, unit, output) in enumerate(steps, start=top + 3):
        sheet.cell(r, 2, no)
        sheet.cell(r, 3, activity).alignment = wrap
        sheet[f"{column}{r}"] = "X"
        sheet.cell(r, 10, inputs).alignment = wrap
        sheet.cell(r, 11, amount)
        sheet.cell(r, 12, unit)
        sheet.cell(r, 13, output).alignment = wrap
    sheet.column_dimensions["D"].hidden = True
    sheet.column_dimensions["E"].width = 2
    sheet.column_dimensions["C"].width = 55
    for col in range(6, 15):
        sheet.column_dimensions[get_column_letter(col)].width = 14
    path = folder / "sop-kenaikan-pangkat.xlsx"
    workbook.save(str(path))
    return path


# 3. Bappeda: a text file whose table rows are written with pipes, steps numbered "1.", a decision whose
# "Tidak" goes back three steps written in the Ket. column without the word "kembali".

RENJA = Expected(
    name="PENYUSUNAN RENCANA KERJA (RENJA) PERANGKAT DAERAH",
    number="050/07/SOP/BAPPEDA/2024",
    actors=["Kepala Bappeda", "Sekretaris", "Kasubbag Perencanaan", "Kabid", "Tim Penyusun"],
    step_actors=["Kepala Bappeda", "Sekretaris", "Kasubbag Perencanaan", "Kabid", "Tim Penyusun",
                 "Kasubbag Perencanaan", "Sekretaris", "Kepala Bappeda"],
    durations=[_d("1", "day"), _d("1", "day"), _d("3", "day"), _d("2", "week"), _d("5", "day"), _d("2", "day"),
               _d("1", "day"), _d("1", "day")],
    returns={6: [3], 7: [6]},
    approved_by=("KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH", "Ir. ANDI WIJAYA, M.T.", "197003151995031002"),
    effective_on="2024-01-15",
)

RENJA_TEXT = "\n".join([
    "PEMERINTAH KABUPATEN PRINGSEWU",
    "BADAN PERENCANAAN PEMBANGUNAN DAERAH",
    "",
    "| NOMOR SOP | 050/07/SOP/BAPPEDA/2024 |",
    "| TGL PEMBUATAN | 2 Januari 2024 |",
    "| TGL REVISI | - |",
    "| TGL EFEKTIF | 15 Januari 2024 |",
    "| DISAHKAN OLEH | KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH Ir. ANDI WIJAYA, M.T. NIP. 19700315 199503 1"
    " 002 |",
    "| NAMA SOP | PENYUSUNAN RENCANA KERJA (RENJA) PERANGKAT DAERAH |",
    "",
    "| DASAR HUKUM | KUALIFIKASI PELAKSANA |",
    "| 1. Undang-Undang Nomor 25 Tahun 2004 2. Permendagri Nomor 86 Tahun 2017 | 1. Memahami perencanaan"
    " pembangunan 2. Menguasai SIPD |",
    "| KETERKAITAN | PERALATAN/PERLENGKAPAN |",
    "| SOP Penyusunan Renstra | 1. Komputer 2. Jaringan internet 3. ATK |",
    "| PERINGATAN | PENCATATAN DAN PENDATAAN |",
    "| Jika SOP tidak dilaksanakan, Renja terlambat ditetapkan | Arsip dokumen Renja |",
    "",
    "| No | Uraian Kegiatan | Pelaksana | | | | | Mutu Baku | | | Keterangan |",
    "| | | Kepala Bappeda | Sekretaris | Kasubbag Perencanaan | Kabid | Tim Penyusun | Kelengkapan | Waktu |"
    " Output | |",
    "| 1. | Menetapkan jadwal penyusunan Renja dan menugaskan Sekretaris | O | | | | | Surat edaran | 1 hari |"
    " Disposisi | |",
    "| 2. | Membentuk tim penyusun dan meneruskan kepada Kasubbag Perencanaan | | O | | | | Disposisi | 1 hari |"
    " SK Tim | |",
    "| 3. | Menyusun rancangan awal Renja dan meminta usulan kegiatan kepada Kabid | | | O | | | Renstra, RKPD |"
    " 3 HK | Rancangan awal | |",
    "| 4. | Menyusun usulan program dan kegiatan bidang dan menyerahkan kepada Tim Penyusun | | | | O | |"
    " Rancangan awal | 2 minggu | Usulan bidang | |",
    "| 5. | Membahas dan merumuskan rancangan Renja lalu menyampaikan kepada Kasubbag Perencanaan | | | | | O |"
    " Usulan bidang | 5 hari | Rancangan Renja | |",
    "| 6. | Memeriksa rancangan Renja: sesuai dengan RKPD? | | | O | | | Rancangan Renja | 2 hari | Rancangan"
    " Renja terverifikasi | Ya: lanjut ke langkah 7. Tidak: ke langkah 3 |",
    "| 7. | Memeriksa dan memaraf rancangan Renja; bila belum sesuai dikembalikan kepada Kasubbag Perencanaan |"
    " | O | | | | Rancangan terverifikasi | 1 hari | Renja berparaf | |",
    "| 8. | Menetapkan Renja Perangkat Daerah | O | | | | | Renja berparaf | 1 hari | Renja ditetapkan | |",
    "",
])


def write_renja(folder: Path) -> Path:
    path = folder / "sop-penyusunan-renja.txt"
    path.write_text(RENJA_TEXT, encoding="utf-8")
    return path


# 4. Inspektorat: a Word document whose identity block is paragraphs ("Nomor SOP : …"), steps lettered
# "a." … ; the procedure table runs over two pages as two tables with the page heading repeated between
# them, the Ket. column is empty, and a signature table follows the table.

REVIU = Expected(
    name="REVIU LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)",
    number="700/03/SOP/ITDA/2024",
    actors=["Inspektur", "Sekretaris", "Irban", "Ketua Tim", "Anggota Tim"],
    step_actors=["Inspektur", "Sekretaris", "Irban", "Ketua Tim", "Anggota Tim", "Ketua Tim", "Irban", "Inspektur"],
    durations=[_d("1", "day"), _d("1", "day"), _d("1", "day"), _d("1", "day"), _d("5", "day"), _d("2", "day"),
               _d("1", "day"), _d("1", "day")],
    returns={6: [5], 7: [6]},
    approved_by=("INSPEKTUR KABUPATEN TANGGAMUS", "Drs. BAMBANG SUTOPO, M.Si.", "196904101990031008"),
    effective_on="2024-02-01",
    last_activity_ends="kepada Kepala Daerah",
)


def write_reviu(folder: Path) -> Path:
    document = docx.Document()
    _landscape(document)
    for line in ["PEMERINTAH KABUPATEN TANGGAMUS", "INSPEKTORAT", "",
                 "Nomor SOP\t: 700/03/SOP/ITDA/2024", "Tanggal Pembuatan\t: 8 Januari 2024",
                 "Tanggal Revisi\t: -", "Tanggal Efektif\t: 1 Februari 2024",
                 "Disahkan oleh\t: INSPEKTUR KABUPATEN TANGGAMUS Drs. BAMBANG SUTOPO, M.Si. NIP. 19690410 199003 1 008",
                 "Nama SOP\t: REVIU LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", "",
                 "Dasar Hukum:", "1. Peraturan Menteri PANRB Nomor 53 Tahun 2014",
                 "2. Peraturan Bupati Tanggamus Nomor 12 Tahun 2020",
                 "Kualifikasi Pelaksana:", "1. Auditor atau P2UPD", "2. Memahami SAKIP",
                 "Keterkaitan:", "SOP Penyusunan LKjIP",
                 "Peralatan/Perlengkapan:", "1. Komputer 2. Kertas kerja reviu",
                 "Peringatan:", "LKjIP yang tidak direviu tidak dapat disampaikan",
                 "Pencatatan dan Pendataan:", "Kertas kerja dan laporan hasil reviu", ""]:
        document.add_paragraph(line)
    top = ["No", "Kegiatan", "Pelaksana", "", "", "", "", "Mutu Baku", "", "", "Ket"]
    sub = ["", "", "Inspektur", "Sekretaris", "Irban", "Ketua Tim", "Anggota Tim", "Kelengkapan", "Waktu", "Output",
           ""]
    steps = [
        ["a.", "Menerima surat permohonan reviu LKjIP dan mendisposisikan kepada Sekretaris", "▭", "", "", "", "",
         "Surat permohonan", "1 hari", "Disposisi", ""],
        ["b.", "Menyusun surat tugas tim reviu dan menyampaikan kepada Inspektur Pembantu", "", "▭", "", "", "",
         "Disposisi", "1 hari", "Surat tugas", ""],
        ["c.", "Menyusun program kerja reviu dan menyerahkan kepada Ketua Tim", "", "", "▭", "", "",
         "Surat tugas", "1 hari", "Program kerja reviu", ""],
        ["d.", "Membagi tugas kepada Anggota Tim", "", "", "", "▭", "", "Program kerja reviu", "1 hari",
         "Pembagian tugas", ""],
        ["e.", "Melaksanakan reviu atas LKjIP dan menuangkan dalam kertas kerja, lalu menyampaikan kepada Ketua Tim",
         "", "", "", "", "▭", "LKjIP, kertas kerja", "5 hari", "Kertas kerja reviu", ""],
        ["f.", "Mereviu kertas kerja, bila ada koreksi dikembalikan kepada Anggota Tim; menyusun konsep laporan hasil "
               "reviu dan menyampaikan kepada Inspektur Pembantu", "", "", "", "▭", "", "Kertas kerja reviu",
         "2 hari", "Konsep LHR", ""],
        ["g.", "Memeriksa konsep laporan hasil reviu, bila belum sesuai dikembalikan kepada Ketua Tim; memaraf dan "
               "menyampaikan kepada Inspektur", "", "", "▭", "", "", "Konsep LHR", "1 hari", "LHR berparaf", ""],
        ["h.", "Menandatangani laporan hasil reviu dan Pernyataan Telah Direviu, lalu menyampaikan kepada Kepala "
               "Daerah", "▭", "", "", "", "", "LHR berparaf", "1 hari", "LHR", ""],
    ]

    def procedure_table(rows: list[list[str]]) -> None:
        table = document.add_table(rows=2 + len(rows), cols=len(top))
        table.style = "Table Grid"
        _fill(table, [sub], start=1)
        _fill(table, rows, start=2)
        _merge(table, 0, 0, 1, 0, "No")
        _merge(table, 0, 1, 1, 1, "Kegiatan")
        _merge(table, 0, 2, 0, 6, "Pelaksana")
        _merge(table, 0, 7, 0, 9, "Mutu Baku")
        _merge(table, 0, 10, 1, 10, "Ket")

    procedure_table(steps[:5])
    document.add_page_break()
    document.add_paragraph("SOP REVIU LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)")
    document.add_paragraph("Nomor SOP : 700/03/SOP/ITDA/2024")
    procedure_table(steps[5:])
    document.add_paragraph("")
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 1).text = ("Kota Agung, 1 Februari 2024\nINSPEKTUR KABUPATEN TANGGAMUS\n\n\n"
                                 "Drs. BAMBANG SUTOPO, M.Si.\nPembina Utama Muda\nNIP. 19690410 199003 1 008")
    path = folder / "sop-reviu-lkjip.docx"
    document.save(str(path))
    return path


# 5. DPMPTSP: a decision whose "Tidak" sends the application back four steps, written with an arrow in
# the Ket. column; the actors' cells of the decision hold "Ya"/"Tidak" beside the symbol; the header
# words are "Uraian Kegiatan", "Persyaratan", "Waktu Penyelesaian", "Keluaran".

IZIN = Expected(
    name="PENERBITAN IZIN USAHA PERDAGANGAN",
    number="503/021/SOP/DPMPTSP/2024",
    actors=["Pemohon", "Petugas Front Office", "Back Office", "Tim Teknis", "Kabid Perizinan", "Kepala Dinas"],
    step_actors=["Pemohon", "Petugas Front Office", "Back Office", "Tim Teknis", "Tim Teknis", "Back Office",
                 "Kabid Perizinan", "Kepala Dinas", "Petugas Front Office"],
    durations=[_d("15", "minute"), _d("30", "minute"), _d("1", "day"), _d("3", "day"), _d("1", "day"),
               _d("1", "day"), _d("4", "hour"), _d("1", "day"), _d("15", "minute")],
    returns={2: [1], 5: [1], 7: [6]},
    approved_by=("Kepala Dinas Penanaman Modal dan PTSP", "", ""),
    effective_on="2024-05-02",
)


def write_izin(folder: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "SOP"
    rows: list[list[object]] = [
        ["PEMERINTAH KOTA BANDAR LAMPUNG"],
        ["DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU"],
        [],
        ["Nomor SOP", "503/021/SOP/DPMPTSP/2024"],
        ["Tanggal Pembuatan", "10 April 2024"],
        ["Tanggal Revisi", "-"],
        ["Tanggal Efektif", "2 Mei 2024"],
        ["Disahkan Oleh", "Kepala Dinas Penanaman Modal dan PTSP"],
        ["Nama SOP", "PENERBITAN IZIN USAHA PERDAGANGAN"],
        [],
        ["No", "Uraian Kegiatan", "Pelaksana", "", "", "", "", "", "Mutu Baku", "", "", "Keterangan"],
        ["", "", "Pemohon", "Petugas Front Office", "Back Office", "Tim Teknis", "Kabid Perizinan", "Kepala Dinas",
         "Persyaratan", "Waktu Penyelesaian", "Keluaran", ""],
        list(range(1, 13)),  # the columns numbered under the header, as the form prints them
        [1, "Mengajukan permohonan melalui loket atau aplikasi OSS dan melengkapi persyaratan", "Mulai", "", "", "",
         "", "", "Formulir, KTP, NIB", "15 menit", "Berkas permohonan", ""],
        [2, "Memeriksa kelengkapan persyaratan", "", "◇", "", "", "", "", "Berkas permohonan", "30 menit",
         "Tanda terima", "Tidak lengkap: dikembalikan kepada Pemohon"],
        [3, "Mencatat dalam register dan menyiapkan jadwal peninjauan untuk Tim Teknis", "", "", "▭", "", "", "",
         "Tanda terima", "1 hari", "Jadwal peninjauan", ""],
        [4, "Melakukan peninjauan lapangan dan menyusun berita acara pemeriksaan (BAP)", "", "", "", "▭", "", "",
         "Jadwal peninjauan", "3 hari", "BAP", ""],
        [5, "Memenuhi persyaratan teknis?", "", "Tidak", "", "◇", "", "", "BAP", "1 hari", "Rekomendasi teknis",
         "Ya → 6; Tidak → 1 (permohonan ditolak dan diberitahukan kepada pemohon)"],
        [6, "Menyusun draf izin dan menyampaikan kepada Kabid Perizinan", "", "", "▭", "Ya", "", "",
         "Rekomendasi teknis", "1 hari", "Draf izin", ""],
        [7, "Memeriksa dan memaraf draf izin", "", "", "", "", "▭", "", "Draf izin", "4 jam", "Draf izin berparaf",
         "Jika terdapat kesalahan kembali ke langkah 6"],
        [8, "Menandatangani izin usaha secara elektronik dan menyerahkan kepada Petugas Front Office", "", "", "",
         "", "", "▭", "Draf izin berparaf", "1 hari", "Izin usaha", ""],
        [9, "Menyerahkan izin usaha kepada pemohon", "", "Selesai", "", "", "", "", "Izin usaha", "15 menit",
         "Tanda terima izin", ""],
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("C11:H11")
    sheet.merge_cells("I11:K11")
    sheet.merge_cells("A11:A12")
    sheet.merge_cells("B11:B12")
    sheet.merge_cells("L11:L12")
    path = folder / "sop-izin-usaha.xlsx"
    workbook.save(str(path))
    return path


# 6. Kecamatan: a text file saved from Word (tabs), its header over three lines (the second names the
# groups of columns, the third the actors and the Mutu Baku columns), Waktu and its unit in two columns,
# steps numbered "1.", marks "v", an empty Keterangan and the Camat's signature below the table.

SURAT = Expected(
    name="PELAYANAN SURAT KETERANGAN TIDAK MAMPU (SKTM)",
    number="470/15/SOP/KEC-TB/2024",
    actors=["Pemohon", "Petugas PATEN", "Kasi Kesos", "Sekcam", "Camat"],
    step_actors=["Pemohon", "Petugas PATEN", "Kasi Kesos", "Sekcam", "Camat", "Petugas PATEN"],
    durations=[_d("10", "minute"), _d("15", "minute"), _d("30", "minute"), _d("15", "minute"), _d("15", "minute"),
               _d("5", "minute")],
    returns={2: [1], 4: [3]},
    approved_by=("CAMAT TELUK BETUNG UTARA", "HENDRA GUNAWAN, S.STP., M.Si.", "198203142001121002"),
    effective_on="2024-07-01",
    last_activity_ends="kepada Pemohon",
)

SURAT_TEXT = "\n".join([
    "PEMERINTAH KOTA BANDAR LAMPUNG\t\t\t\t\t\t\t\t\t\t",
    "KECAMATAN TELUK BETUNG UTARA\t\t\t\t\t\t\t\t\t\t",
    "\t\t\t\t\t\t\t\t\t\t",
    "NOMOR SOP\t:\t470/15/SOP/KEC-TB/2024",
    "TANGGAL PEMBUATAN\t:\t3 Juni 2024",
    "TANGGAL REVISI\t:\t-",
    "TANGGAL EFEKTIF\t:\t1 Juli 2024",
    "DISAHKAN OLEH\t:\tCAMAT TELUK BETUNG UTARA HENDRA GUNAWAN, S.STP., M.Si. NIP. 19820314 200112 1 002",
    "NAMA SOP\t:\tPELAYANAN SURAT KETERANGAN TIDAK MAMPU (SKTM)",
    "",
    "DASAR HUKUM\tKUALIFIKASI PELAKSANA",
    "1. Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan 2. Perwali Nomor 40 Tahun 2019 tentang"
    " PATEN\t1. Memahami pelayanan administrasi terpadu 2. Mampu mengoperasikan komputer",
    "KETERKAITAN\tPERALATAN/PERLENGKAPAN",
    "-\t1. Komputer 2. Printer 3. Stempel",
    "PERINGATAN\tPENCATATAN DAN PENDATAAN",
    "Jika tidak dilaksanakan pelayanan tidak tertib\tBuku register surat keterangan",
    "",
    "NO\tKEGIATAN\tPELAKSANA\t\t\t\t\tMUTU BAKU\t\t\t\tKETERANGAN",
    "\t\tMasyarakat\tKecamatan\t\t\t\t\t\t\t\t",
    "\t\tPemohon\tPetugas PATEN\tKasi Kesos\tSekcam\tCamat\tKelengkapan\tWaktu\t\tOutput\t",
    "1.\tMenyerahkan berkas permohonan SKTM kepada Petugas PATEN\tv\t\t\t\t\tSurat pengantar RT/Lurah, KTP,"
    " KK\t10\tmenit\tBerkas permohonan\t",
    "2.\tMemeriksa berkas; apabila tidak lengkap dikembalikan kepada Pemohon, apabila lengkap meneruskan kepada"
    " Kepala Seksi Kesejahteraan Sosial\t\tv\t\t\t\tBerkas permohonan\t15\tmenit\tBerkas lengkap\t",
    "3.\tMemverifikasi data pemohon dan membuat konsep SKTM, lalu menyampaikan kepada Sekretaris"
    " Camat\t\t\tv\t\t\tBerkas lengkap\t30\tmenit\tKonsep SKTM\t",
    "4.\tMengoreksi dan memaraf konsep SKTM; bila ada kesalahan dikembalikan kepada Kasi"
    " Kesos\t\t\t\tv\t\tKonsep SKTM\t15\tmenit\tKonsep berparaf\t",
    "5.\tMenandatangani SKTM dan menyerahkan kepada Petugas PATEN\t\t\t\t\tv\tKonsep berparaf\t15\tmenit\tSKTM\t",
    "6.\tMembubuhkan stempel, mencatat dalam register dan menyerahkan SKTM kepada"
    " Pemohon\t\tv\t\t\t\tSKTM\t5\tmenit\tSKTM\t",
    "\t\t\t\t\t\t\t\t\t\t",
    "\t\t\t\t\t\t\tTeluk Betung Utara, 3 Juni 2024\t\t\t\t",
    "\t\t\t\t\t\t\tCAMAT TELUK BETUNG UTARA\t\t\t\t",
    "\t\t\t\t\t\t\tHENDRA GUNAWAN, S.STP., M.Si.\t\t\t\t",
    "\t\t\t\t\t\t\tNIP. 19820314 200112 1 002\t\t\t\t",
    "",
])


def write_surat(folder: Path) -> Path:
    path = folder / "sop-surat-keterangan.txt"
    path.write_bytes(SURAT_TEXT.replace("\n", "\r\n").encode("cp1252"))  # as Word's "Plain Text" saves it
    return path


# 7. Puskesmas: a workbook whose first sheet holds nothing of the SOP, the table starting at C11 below
# a title row, an empty narrow column between the activity and the actors, a hidden helper column,
# "Keluaran", ranges of time ("5-10 menit", "10 s.d. 20 menit"), marks only on the first and last
# step (the others are named in the step before), and a step split over two rows.

RUJUKAN = Expected(
    name="RUJUKAN PASIEN KE FASILITAS KESEHATAN TINGKAT LANJUT",
    number="445/09/SOP/PKM-KG/2024",
    actors=["Pasien/Keluarga", "Petugas Pendaftaran", "Perawat", "Dokter"],
    step_actors=["Pasien/Keluarga", "Petugas Pendaftaran", "Perawat", "Dokter", "Perawat", "Petugas Pendaftaran"],
    durations=[_d("5", "minute"), _d("10", "minute"), _d("15", "minute"), _d("20", "minute"), _d("30", "minute"),
               _d("10", "minute")],
    approved_by=("Kepala UPTD Puskesmas Kota Gajah", "", ""),
    effective_on="2024-01-02",
)


def write_rujukan(folder: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Petunjuk"
    workbook.active["A1"] = "Isi lembar Prosedur; lembar ini tidak dicetak."
    sheet = workbook.create_sheet("Prosedur")
    for r, (label, value) in enumerate([
            ("PEMERINTAH KABUPATEN LAMPUNG TENGAH", ""), ("UPTD PUSKESMAS KOTA GAJAH", ""),
            ("Nomor SOP", "445/09/SOP/PKM-KG/2024"), ("Tanggal Pembuatan", "2 Januari 2024"),
            ("Tanggal Revisi", "-"), ("Tanggal Efektif", "2 Januari 2024"),
            ("Disahkan oleh", "Kepala UPTD Puskesmas Kota Gajah"),
            ("Nama SOP", "RUJUKAN PASIEN KE FASILITAS KESEHATAN TINGKAT LANJUT")], start=1):
        sheet.cell(r, 3, label)
        if value:
            sheet.cell(r, 5, value)
    top = 11
    sheet.cell(top - 1, 3, "URAIAN PROSEDUR")
    # C No., D activity, E empty, F-I actors, J-L Mutu Baku, M Ket., N hidden helper.
    header = [
        {3: "No.", 4: "Uraian Prosedur", 6: "Pelaksana", 10: "Mutu Baku", 13: "Ket."},
        {6: "Pasien/Keluarga", 7: "Petugas Pendaftaran", 8: "Perawat", 9: "Dokter", 10: "Kelengkapan", 11: "Waktu",
         12: "Keluaran"},
    ]
    for offset, cells in enumerate(header):
        for c, text in cells.items():
            sheet.cell(top + offset, c, text)
    sheet.merge_cells(start_row=top, start_column=6, end_row=top, end_column=9)
    sheet.merge_cells(start_row=top, start_column=10, end_row=top, end_column=12)
    rows: list[tuple[object, ...]] = [
        (1, "Mendaftar di loket dan menyerahkan kartu BPJS dan KTP kepada Petugas Pendaftaran", 6, "Kartu BPJS, KTP",
         "5 menit", "Nomor antrian"),
        (2, "Mencari rekam medis dan mengantar ke ruang pemeriksaan kepada Perawat", 0, "Nomor antrian", "5-10 menit",
         "Rekam medis"),
        (3, "Melakukan anamnesis dan pemeriksaan tanda vital, lalu melaporkan kepada Dokter", 0, "Rekam medis",
         "15 menit", "Hasil anamnesis"),
        (4, "Memeriksa pasien, menegakkan diagnosis dan memutuskan rujukan, menulis surat rujukan", 0,
         "Hasil anamnesis", "10 s.d. 20 menit", "Surat rujukan"),
        ("", "serta menginstruksikan Perawat menghubungi rumah sakit rujukan melalui SISRUTE", 0, "", "", ""),
        (5, "Menghubungi rumah sakit rujukan, menyiapkan ambulans dan menyerahkan berkas kepada Petugas Pendaftaran",
         0, "Surat rujukan", "30 menit", "Konfirmasi RS"),
        (6, "Mencatat rujukan dalam register dan menyerahkan surat rujukan kepada pasien", 7, "Konfirmasi RS",
         "10 menit", "Register rujukan"),
    ]
    for r, (no, activity, column, inputs, time, output) in enumerate(rows, start=top + 2):
        if no != "":
            sheet.cell(r, 3, no)
            sheet.cell(r, 14, f"PKM-{r}")  # the helper column, hidden
        sheet.cell(r, 4, activity)
        if column:
            sheet.cell(r, column, "Mulai" if no == 1 else "Selesai")
        for c, value in ((10, inputs), (11, time), (12, output)):
            if value:
                sheet.cell(r, c, value)
    sheet.column_dimensions["N"].hidden = True
    sheet.column_dimensions["E"].width = 1
    path = folder / "sop-rujukan-pasien.xlsx"
    workbook.save(str(path))
    return path


OFFICE_SOPS: dict[str, tuple[Callable[[Path], Path], Expected]] = {
    "disdukcapil-akta-kelahiran": (write_akta, AKTA),
    "bkpsdm-kenaikan-pangkat": (write_pangkat, PANGKAT),
    "bappeda-renja": (write_renja, RENJA),
    "inspektorat-reviu-lkjip": (write_reviu, REVIU),
    "dpmptsp-izin-usaha": (write_izin, IZIN),
    "kecamatan-sktm": (write_surat, SURAT),
    "puskesmas-rujukan": (write_rujukan, RUJUKAN),
}


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    for write, _expected in OFFICE_SOPS.values():
        print(write(out))
