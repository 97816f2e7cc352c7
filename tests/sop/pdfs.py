"""SOP AP documents as PDF for the tests, printed by WeasyPrint from HTML (real PDFs with a text layer and
ruling lines, as an office's Word or Excel export), in the layouts offices use."""

from __future__ import annotations

import io
from collections.abc import Sequence
from html import escape
from pathlib import Path

from weasyprint import HTML

ACTORS = ["Pemohon", "Petugas Loket", "Kepala Seksi Pelayanan", "Camat"]
IDENTITY = [("NOMOR SOP", "470/15/SOP/2024"), ("TANGGAL PEMBUATAN", "9 Januari 2023"), ("TANGGAL REVISI", "-"),
            ("TANGGAL EFEKTIF", "2 Januari 2025"),
            ("DISAHKAN OLEH", "CAMAT TELUK BETUNG UTARA<br>CONTOH NAMA, S.E.<br>NIP. 19750427 199311 2 001"),
            ("NAMA SOP", "PELAYANAN SURAT KETERANGAN USAHA")]
BLOCKS = [("DASAR HUKUM", ["Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
                           "Peraturan Wali Kota Nomor 12 Tahun 2020"]),
          ("KUALIFIKASI PELAKSANA", ["Memahami tugas pokok dan fungsi", "Mampu mengoperasikan komputer",
                                     "Teliti dan cermat"])]
CSS = """
@page { size: A4 landscape; margin: 1.5cm; @bottom-right { content: "Halaman " counter(page) " dari " counter(pages);
        font-size: 8pt; } @top-left { content: "SOP KECAMATAN TELUK BETUNG UTARA"; font-size: 8pt; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 0.75pt solid black; padding: 3pt; vertical-align: top; }
th { background: #eee; }
.lines p { margin: 0 0 4pt 0; }
.label { display: inline-block; width: 5cm; }
.block { display: inline-block; width: 45%; vertical-align: top; }
.identity { page-break-after: always; }
"""


def step_texts(count: int, *, long: bool = False) -> list[tuple[str, str, str, str]]:
    """(activity, Waktu, actor, output) of `count` steps, the actors taking turns."""
    steps = []
    for i in range(1, count + 1):
        activity = f"Langkah {i}: memeriksa berkas permohonan nomor {i}"
        if long:
            activity += " serta mencocokkan setiap lampiran dengan daftar persyaratan yang berlaku di kecamatan"
        steps.append((activity, f"{i * 5} menit", ACTORS[(i - 1) % len(ACTORS)], f"berkas {i} diperiksa"))
    return steps


def sop_html(steps: Sequence[tuple[str, str, str, str]], *, identity: str = "table", repeat_header: bool = True,
             identity_page: bool = False) -> str:
    """A whole SOP AP. `identity` "table" or "lines": the identity block as a bordered table or as lines of
    text (label, a wide gap, the value); `repeat_header`: the table's header repeated on each page."""
    if identity == "table":
        # The letterhead in a cell beside the identity rows; each block's label and items in one cell.
        letterhead = "<td rowspan=6>PEMERINTAH KOTA BANDAR LAMPUNG<br>KECAMATAN TELUK BETUNG UTARA</td>"
        rows = "".join(f"<tr>{letterhead if i == 0 else ''}<td>{label}</td><td>{value}</td></tr>"
                       for i, (label, value) in enumerate(IDENTITY))
        (label_1, items_1), (label_2, items_2) = BLOCKS
        blocks = f"<tr><td colspan=2>{_block(label_1, items_1)}</td><td>{_block(label_2, items_2)}</td></tr>"
        head = f"<table>{rows}{blocks}</table>"
    else:
        head = ('<div class="lines"><p>PEMERINTAH KOTA BANDAR LAMPUNG</p><p>KECAMATAN TELUK BETUNG UTARA</p>'
                + "".join(f'<p><span class="label">{label}</span>: {value.replace("<br>", " ")}</p>'
                          for label, value in IDENTITY)
                # The blocks side by side, without rules: a line may hold the items of both, or of one.
                + "".join('<div class="block">' + f"<p>{label} :</p>"
                          + "".join(f"<p>{n}. {escape(t)}</p>" for n, t in enumerate(items, 1)) + "</div>"
                          for label, items in BLOCKS) + "</div>")
    head = f'<div class="identity">{head}</div>' if identity_page else f"<div>{head}</div><br>"
    header = ("<tr><th rowspan=2>No.</th><th rowspan=2>Uraian Prosedur</th>"
              f"<th colspan={len(ACTORS)}>Pelaksana</th><th colspan=3>Mutu Baku</th><th rowspan=2>Ket.</th></tr><tr>"
              + "".join(f"<th>{a}</th>" for a in ACTORS) + "<th>Kelengkapan</th><th>Waktu</th><th>Output</th></tr>")
    body = ""
    for i, (activity, time, actor, output) in enumerate(steps, start=1):
        mark = "Mulai" if i == 1 else "Selesai" if i == len(steps) else "X"
        body += (f"<tr><td>{i}</td><td>{escape(activity)}</td>"
                 + "".join(f"<td>{mark if a == actor else ''}</td>" for a in ACTORS)
                 + f"<td>berkas permohonan</td><td>{time}</td><td>{escape(output)}</td><td></td></tr>")
    table = (f"<table><thead>{header}</thead><tbody>{body}</tbody></table>" if repeat_header
             else f"<table><tbody>{header}{body}</tbody></table>")
    return f"<html><head><style>{CSS}</style></head><body>{head}{table}</body></html>"


def _block(label: str, items: list[str]) -> str:
    return f"{label} :<br>" + "<br>".join(f"{n}. {escape(item)}" for n, item in enumerate(items, start=1))


def write_pdf(tmp_path: Path, html: str, name: str = "sop.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(HTML(string=html).write_pdf())
    return path


def scanned_pdf(tmp_path: Path, name: str = "pindaian.pdf") -> Path:
    """A PDF holding only the image of a page, as a scanner makes it."""
    import base64

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1169, 827), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 200, 1120, 780), outline="black", width=3)
    draw.text((60, 60), "NAMA SOP  PELAYANAN SURAT KETERANGAN USAHA", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    data = base64.b64encode(buffer.getvalue()).decode()
    html = ('<html><head><style>@page { size: A4 landscape; margin: 0 } img { width: 100%; }</style></head>'
            f'<body><img src="data:image/png;base64,{data}"></body></html>')
    return write_pdf(tmp_path, html, name)
