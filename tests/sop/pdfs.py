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
    text (label, a wide gap, the value), or the HTML of another; `repeat_header`: the table's header
    repeated on each page."""
    if identity not in {"table", "lines"}:
        head = identity
    elif identity == "table":
        # The letterhead in a cell beside the identity rows; each block's label and items in one cell.
        letterhead = "<td rowspan=6>PEMERINTAH KOTA BANDAR LAMPUNG<br>KECAMATAN TELUK BETUNG UTARA</td>"
        rows = "".join(f"<tr>{letterhead if i == 0 else ''}<td>{label}</td><td>{value}</td></tr>"
                       for i, (label, value) in enumerate(IDENTITY))
        (label_1, items_1), (label_2, items_2) = BLOCKS
        blocks = f"<tr><td colspan=2>{_block(label_1, items_1)}</td><td>{_block(label_2, items_2)}</td></tr>"
        head = f"<table>{rows}{blocks}</table>"
    elif identity == "lines":
        head = ('<div class="lines"><p>PEMERINTAH KOTA BANDAR LAMPUNG</p><p>KECAMATAN TELUK BETUNG UTARA</p>'
                + "".join(f'<p><span class="label">{label}</span>: {value.replace("<br>", " ")}</p>'
                          for label, value in IDENTITY)
                # The blocks side by side, without rules: a line may hold the items of both, or of one.
                + "".join('<div class="block">' + f"<p>{label} :</p>"
                          + "".join(f"<p>{n}. {escape(t)}</p>" for n, t in enumerate(items, 1)) + "</div>"
                          for label, items in BLOCKS) + "</div>")
    if identity in {"table", "lines"}:
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


# The identity block of the PermenPAN-RB 35/2012 form with all its fields and blocks.
LETTERHEAD = ["PEMERINTAH KOTA BANDAR LAMPUNG", "KECAMATAN TELUK BETUNG UTARA", "SEKSI PELAYANAN UMUM",
              "Jl. Contoh Raya No. 1 Bandar Lampung"]
FIELDS = [("Nomor SOP", "470/15/SOP/2024"), ("Tanggal Pembuatan", "9 Januari 2023"), ("Tanggal Revisi", ""),
          ("Tanggal Efektif", "2 Januari 2025"),
          ("Disahkan oleh", "CAMAT TELUK BETUNG UTARA<br>CONTOH NAMA, S.E.<br>NIP. 19750427 199311 2 001"),
          ("Nama SOP", "PELAYANAN SURAT KETERANGAN USAHA BAGI USAHA MIKRO DAN KECIL DI WILAYAH KECAMATAN TELUK "
                       "BETUNG UTARA")]
ALL_BLOCKS = {
    "legal_basis": ("Dasar Hukum", ["Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
                                    "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang "
                                    "Nomor 25 Tahun 2009 tentang Pelayanan Publik",
                                    "Peraturan Wali Kota Bandar Lampung Nomor 12 Tahun 2020 tentang Standar "
                                    "Pelayanan Kecamatan"]),
    "qualifications": ("Kualifikasi Pelaksana", ["Memahami tugas pokok dan fungsi", "Mampu mengoperasikan komputer"]),
    "related_sops": ("Keterkaitan", ["SOP Pelayanan Surat Keterangan Domisili"]),
    "equipment": ("Peralatan/Perlengkapan", ["Komputer", "Printer", "Alat tulis kantor"]),
    "warning": ("Peringatan", ["Bila berkas tidak lengkap, permohonan dikembalikan kepada pemohon"]),
    "records": ("Pencatatan dan Pendataan", ["Buku register", "Arsip digital"]),
}


def identity_html(*, letterhead: str = "top", cells: str = "top", colon: bool = True, labels: str = "wide",
                  blocks: str = "stacked", order: Sequence[str] = tuple(ALL_BLOCKS), pairs: bool = False) -> str:
    """The identity block as the form draws it: the letterhead in a cell left of the fields (aligned
    `letterhead`: top, middle or bottom), each field's label and value in a row (`colon`: a ":" in a
    column of its own; `cells`: how the fields' cells align), Tanggal Revisi left empty, Disahkan oleh on
    three lines and Nama SOP wrapped; under it the blocks two by two in a table of two columns (aligned
    as `cells`), each cell holding a block's label and its numbered items, some wrapped. `labels`: the
    labels' column "wide", "tight" (as wide as the longest label, a padding from the values) or
    "wrapped" (as narrow as its longest word: "Tanggal" above "Pembuatan"). `blocks` "beside": a row per
    block instead, its label, a colon and its items side by side, in `order` (keys of ALL_BLOCKS). `pairs`:
    two fields on each row ("Nomor SOP : …   Tanggal Pembuatan : …"), the letterhead beside them."""
    align = f"vertical-align: {cells}"
    label_width = {"wide": "; width: 17%", "tight": "; width: 1%; white-space: nowrap", "wrapped": "; width: 1%"}[labels]
    rows = ""
    for i, (label, value) in enumerate(FIELDS):
        left = (f"<td rowspan={len(FIELDS)} style='vertical-align: {letterhead}; width: 35%'>"
                + "<br>".join(LETTERHEAD) + "</td>") if i == 0 else ""
        rows += (f"<tr>{left}<td style='{align}{label_width}'>{label}</td>"
                 + (f"<td style='{align}'>:</td>" if colon else "") + f"<td style='{align}'>{value}</td></tr>")
    if pairs:
        colon_cell = f"<td style='{align}'>:</td>" if colon else ""
        rows = "".join(
            "<tr>" + (f"<td rowspan=3 style='vertical-align: {letterhead}; width: 28%'>" + "<br>".join(LETTERHEAD)
                      + "</td>" if i == 0 else "")
            + "".join(f"<td style='{align}; width: 13%'>{label}</td>{colon_cell}<td style='{align}; width: 21%'>{value}</td>"
                      for label, value in FIELDS[i * 2:i * 2 + 2]) + "</tr>"
            for i in range(3))
    chosen = [ALL_BLOCKS[key] for key in order]
    lower = "".join(f"<tr><td style='{align}; width: 50%'>{_block(*first)}</td><td style='{align}'>{_block(*second)}"
                    "</td></tr>" for first, second in zip(chosen[::2], chosen[1::2], strict=True))
    if blocks == "beside":
        lower = "".join(f"<tr><td style='{align}; width: 20%'>{label}</td><td style='{align}'>:</td><td style='{align}'>"
                        + "<br>".join(f"{n}. {escape(item)}" for n, item in enumerate(items, start=1)) + "</td></tr>"
                        for label, items in chosen)
    return f"<div><table>{rows}</table><table>{lower}</table></div><br>"


def check_identity(draft) -> None:  # type: ignore[no-untyped-def]
    """The fields, letterhead and blocks of identity_html, read whole."""
    import datetime as dt

    assert (draft.number, draft.name) == (FIELDS[0][1], FIELDS[5][1])
    assert (draft.created_on, draft.revised_on, draft.effective_on) == (dt.date(2023, 1, 9), None, dt.date(2025, 1, 2))
    assert (draft.approved_by, draft.approved_by_name, draft.approved_by_nip) == (
        "CAMAT TELUK BETUNG UTARA", "CONTOH NAMA, S.E.", "197504271993112001")
    assert draft.lines[-len(LETTERHEAD):] == LETTERHEAD
    assert draft.blocks == {key: items for key, (_label, items) in ALL_BLOCKS.items()}


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


def letterhead_in_page_header(html: str) -> str:
    """`html` (an SOP whose identity is identity_html's) with its letterhead moved into the page header,
    as Word's header prints it at the top of each page, instead of the running title."""
    kop = "<br>".join(LETTERHEAD)
    assert kop in html
    html = html.replace(kop, "").replace('@top-left { content: "SOP KECAMATAN TELUK BETUNG UTARA"; font-size: 8pt; }',
                                         "@top-center { content: element(kop); }")
    html = html.replace("margin: 1.5cm;", "margin: 3cm 1.5cm 1.5cm 1.5cm;")
    html = html.replace("</style>", ".kop { position: running(kop); font-size: 9pt; text-align: center; }</style>")
    return html.replace("<body>", f"<body><div class='kop'>{kop}</div>")


def identity_on_each_page(html: str, *, rows: bool = False) -> str:
    """`html` (an SOP whose identity is identity_html's, its table's header repeated) with the identity
    block printed again at the top of each page above the table's header, as a workbook's print titles
    repeat it: in a cell above the header (its own tables), or (`rows`) as rows of the procedure table
    itself (the letterhead, labels and values spanning its columns), the first rows Word repeats."""
    start = html.index("<div><table>")
    end = html.index("</div><br>", start)
    identity = html[start + len("<div>"):end]
    html = html[:start] + html[end + len("</div><br>"):]
    if rows:
        columns = 6 + len(ACTORS)
        identity = "".join(
            "<tr>" + (f"<td colspan=3 rowspan={len(FIELDS)}>" + "<br>".join(LETTERHEAD) + "</td>" if i == 0 else "")
            + f"<td colspan=2>{label}</td><td colspan={columns - 5}>{value}</td></tr>"
            for i, (label, value) in enumerate(FIELDS))
        blocks = list(ALL_BLOCKS.values())
        identity += "".join(f"<tr><td colspan=5>{_block(*first)}</td><td colspan={columns - 5}>{_block(*second)}</td></tr>"
                            for first, second in zip(blocks[::2], blocks[1::2], strict=True))
        return html.replace("<thead>", f"<thead>{identity}")
    return html.replace("<thead>", f"<thead><tr><td colspan={6 + len(ACTORS)} style='border: none; padding: 0'>"
                                   f"{identity}</td></tr>")
