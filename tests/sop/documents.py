"""SOP documents for the tests: the customer's seed and synthetic SOPs written in the same text form
(tab-separated rows, as copied out of a PDF or Word)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import kinerja.sop

SEED = Path(kinerja.sop.__file__).parent / "samples" / "sop-pengumpulan-data-kinerja.txt"
FILES = Path(__file__).resolve().parent.parent / "files"
SEED_ACTORS = ["Sekretaris", "Kasubbag", "JFU", "Kadis"]
SEED_STEP_ACTORS = ["Sekretaris", "Kasubbag", "JFU", "Kasubbag", "Sekretaris", "Kadis"]


def sop_text(actors: Sequence[str], steps: Sequence[tuple[str, str, str | None]], *, name: str = "SOP UJI COBA",
             number: str = "800/01/SOP/2025", effective: str = "2 Januari 2025", timed: bool = True) -> str:
    """A whole SOP AP document. Each step is (activity, Waktu text, column holding its symbol or None);
    with timed=False the Mutu Baku has no Waktu column (the steps' Waktu texts are left out)."""
    n = len(actors)
    lines = [
        "PEMERINTAH KOTA BANDAR LAMPUNG", "DINAS KOPERASI DAN UKM", "",
        f"NOMOR SOP\t{number}", "TANGGAL PEMBUATAN\t9 Januari 2023", "TANGGAL REVISI\t-",
        f"TANGGAL EFEKTIF\t{effective}",
        "DISAHKAN OLEH\tKEPALA DINAS KOPERASI DAN UKM CONTOH NAMA, S.E. NIP. 19750427 199311 2 001",
        f"NAMA SOP\t{name}", "DASAR HUKUM :\tKUALIFIKASI PELAKSANA :", "1. Undang-undang 2. Peraturan\t1. Teliti",
        "",
        "No.\tUraian Prosedur\tPelaksana" + "\t" * n + ("Mutu Baku\t\t\tKet" if timed else "Mutu Baku\t\tKet"),
        "\t\t" + "\t".join(actors) + ("\tKelengkapan\tWaktu\tOutput\t" if timed else "\tKelengkapan\tOutput\t"),
    ]
    for i, (activity, time, mark) in enumerate(steps, start=1):
        marks = [(("Mulai" if i == 1 else "Selesai" if i == len(steps) else "X") if a == mark else "") for a in actors]
        standard = f"\tberkas\t{time}\thasil {i}\t" if timed else f"\tberkas\thasil {i}\t"
        lines.append(f"{i}\t{activity}\t" + "\t".join(marks) + standard)
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, text: str, name: str = "sop.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def sop_workbook(path: Path, sheets: Sequence[tuple[str, str]]) -> Path:
    """An Excel workbook with one sheet per (sheet name, SOP text as sop_text writes it), each text's
    lines as rows and its tab-separated parts as cells, the way an office types an SOP into a sheet."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, text in sheets:
        sheet = book.create_sheet(title)
        for r, line in enumerate(text.splitlines(), start=1):
            for c, value in enumerate(line.split("\t"), start=1):
                if value:
                    sheet.cell(row=r, column=c, value=value)
    book.save(path)
    return path
