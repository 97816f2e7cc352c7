"""The SOP AP sheet of a version: identity page and procedure table, as HTML and as PDF (WeasyPrint).

The procedure table is cut into pages here, not by the PDF engine: each row's height is decided from
its wrapped text (measure.py), whole rows are put on a page until it is full, and each page gets its
own flowchart SVG drawn exactly over the actor columns of its rows, with numbered off-page connectors
where the table continues. So a row never splits and the flowchart always lines up with its rows,
in the browser and in the PDF alike. The words of the form (Uraian Prosedur, Pelaksana, Mutu Baku …)
are the document's own and stay Indonesian whatever the interface language.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string

from ..importers.values import list_items
from . import flowchart
from .measure import clamp, text_width, wrap

if TYPE_CHECKING:
    from kinerja.org.models import Office
    from kinerja.sop.models import SopVersion, Step

CSS_FILE = Path(__file__).resolve().parent.parent / "static" / "sop" / "sheet.css"

# Page geometry in millimetres (A4 landscape less the @page margins of sheet.css).
CONTENT_WIDTH = 277.0
CONTENT_HEIGHT = 188.0
TITLE_H = 8.0  # the title line over the procedure table, and the gap under it
TITLE_SIZE = 8.5 * 25.4 / 72  # its type (sheet.css), in mm
TITLE_LINE = 3.8  # one more line of a title that wraps
TITLE_LINES = 2  # a longer title is cut with an ellipsis: the identity page and the footer print it whole
HEADER_ROW_1 = 6.0
BORDER = 0.2
SAFETY = 5.0  # slack under the table, so that rounding in the PDF engine never pushes a row over
# Fixed columns of the procedure table; Uraian Prosedur takes what the actor columns leave.
NO_W, INPUTS_W, TIME_W, OUTPUT_W, NOTE_W = 8.0, 34.0, 16.0, 30.0, 14.0
PT = 25.4 / 72  # one point in mm
FONT = 7.5 * PT
ACTOR_SIZES = (7.0, 6.5, 6.0, 5.5, 5.0)  # pt; actor names shrink rather than break inside a word
BOLD = 1.12  # bold glyphs are wider than the regular ones measured
LINE = 3.2  # line height in mm (sheet.css)
PAD_X, PAD_Y = 1.0, 0.8
ROW_MAX = 60.0  # longer text is cut with an ellipsis rather than a row taller than a third of a page

LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
LOGO_MAX_BYTES = 1024 * 1024

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
UNITS = {"minute": "menit", "hour": "jam", "day": "hari", "week": "minggu", "month": "bulan"}
BLOCKS = [("legal_basis", "DASAR HUKUM"), ("qualifications", "KUALIFIKASI PELAKSANA"),
          ("related_sops", "KETERKAITAN"), ("equipment", "PERALATAN/PERLENGKAPAN"),
          ("warning", "PERINGATAN"), ("records", "PENCATATAN DAN PENDATAAN")]


def indonesian_date(day: dt.date | None) -> str:
    """9 Januari 2023, or "-" as the form writes a date that does not apply."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else "-"


def duration_text(value: Decimal, unit: str) -> str:
    """"2 menit", "0,5 hari": the Waktu column as the form writes it."""
    number = format(value.normalize(), "f").replace(".", ",")
    return f"{number} {UNITS.get(unit, unit)}"


def nip_text(nip: str) -> str:
    """NIP grouped as printed under signatures: 19750427 199311 2 001."""
    digits = nip.replace(" ", "")
    if len(digits) == 18 and digits.isdigit():
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return nip


@dataclass
class Row:
    number: int
    label: str  # the number as printed ("3.1" for a sub-step)
    activity: str
    inputs: str
    time: str
    output: str
    note: str
    height: float
    height_class: str


@dataclass
class Page:
    rows: list[Row]
    svg: str
    top_band: bool
    bottom_band: bool

    @property
    def body_rows(self) -> int:
        return len(self.rows) + self.top_band + self.bottom_band


@dataclass
class Columns:
    flow: float  # one actor column
    activity: float

    def widths(self, actors: int) -> list[tuple[str, float]]:
        return ([("no", NO_W), ("activity", self.activity)] + [("actor", self.flow)] * actors
                + [("inputs", INPUTS_W), ("time", TIME_W), ("output", OUTPUT_W), ("note", NOTE_W)])


def columns_for(actor_count: int) -> Columns:
    flow = flowchart.column_width(actor_count)
    rest = CONTENT_WIDTH - BORDER - NO_W - flow * actor_count - INPUTS_W - TIME_W - OUTPUT_W - NOTE_W
    return Columns(flow=flow, activity=rest)


def _fit(text: str, width: float, most: int) -> tuple[str, int]:
    """The text cut to `most` lines of `width`, and how many lines it takes. A text of several lines (a
    list, _listed) keeps its line breaks (the template prints them)."""
    inner = width - 2 * PAD_X - BORDER
    lines = wrap(text, inner, FONT)
    if len(lines) <= most:
        return text, len(lines)
    return ("\n" if "\n" in text else " ").join(clamp(lines, most, inner, FONT)), most


def _listed(text: str) -> str:
    """A Kelengkapan or Output stored as a list (one item per line) as the form prints it, an item a line
    behind a bullet; a text of one line as it is."""
    found = list_items(text)
    return "\n".join(f"• {item}" for item in found) if len(found) > 1 else text


def _row(step: Step, flow: flowchart.Flow, index: int, columns: Columns) -> Row:
    most = int((ROW_MAX - 2 * PAD_Y - BORDER) // LINE)
    activity, a = _fit(step.activity, columns.activity, most)
    inputs, b = _fit(_listed(step.inputs), INPUTS_W, most)
    time = duration_text(step.duration_value, step.duration_unit)
    time, c = _fit(time, TIME_W, most)
    output, d = _fit(_listed(step.output), OUTPUT_W, most)
    here = flow.steps[index]
    branch = flow.steps[here.branch_to].display_number if here.branch_to is not None else None
    note, e = _fit(_note(step, [flow.steps[t].display_number for t in here.returns_to], branch, here.ends), NOTE_W,
                   most)
    text_height = max(a, b, c, d, e) * LINE + 2 * PAD_Y + BORDER + 0.6
    height = round(max(flowchart.min_row_height(flow, index), text_height), 1)
    return Row(step.number, step.display_number, activity, inputs, time, output, note, height, _height_class(height))


def _note(step: Step, targets: list[str], branch: str | None = None, ends: bool = False) -> str:
    """The Ket. cell: the step's note, and where its "Tidak" branch sends the work back (or on to a later
    step, `branch`, or that it ends the procedure, `ends`) when neither the note nor the step's text says
    it. The flowchart's arrow alone is lost on a copy of the text, and a re-import (importers/flow.py reads
    "Tidak: kembali ke langkah 3", "Tidak: lanjut ke langkah 7" and "Tidak: proses selesai" from the Ket.
    cell) needs the words."""
    from ..importers.flow import end_phrases, one_line, return_phrases

    parts = []
    if (targets or branch) and not (return_phrases(step.activity) or return_phrases(one_line(step.note))):
        parts += [f"Tidak: kembali ke langkah {n}" for n in targets]
        parts += [f"Tidak: lanjut ke langkah {branch}"] if branch else []
    if ends and not (end_phrases(step.activity) or end_phrases(one_line(step.note))):
        parts.append("Tidak: proses selesai")
    if not parts:
        return step.note
    said = "; ".join(parts)
    return f"{said}. {step.note}" if step.note else said


def _title_lines(title: str) -> list[str]:
    """The procedure pages' title as it wraps across the page: a long SOP name ran off its right edge."""
    width = CONTENT_WIDTH / BOLD
    return clamp(wrap(title, width, TITLE_SIZE), TITLE_LINES, width, TITLE_SIZE)


def _height_class(height: float) -> str:
    return f"h{int(round(height * 10))}"


def _actor_font(actors: tuple[str, ...], columns: Columns) -> float:
    """The largest header size (pt) at which every word of every actor name fits its column."""
    inner = columns.flow - 1.4
    words = [w for name in actors for w in name.split()] or [""]
    for size in ACTOR_SIZES:
        if all(text_width(w, size * PT) * BOLD <= inner for w in words):
            return size
    return ACTOR_SIZES[-1]


def _header_height(actors: tuple[str, ...], columns: Columns, size: float) -> tuple[float, list[str]]:
    inner = (columns.flow - 1.4) / BOLD
    names = [" ".join(clamp(wrap(name, inner, size * PT), 3, inner, size * PT)) for name in actors]
    lines = max([len(wrap(n, inner, size * PT)) for n in names] + [1])
    return round(max(7.0, lines * size * PT * 1.25 + 1.6), 1), names


def paginate(heights: list[float], budget: float) -> list[range]:
    """Whole rows per page: a page takes rows while they, and the connector bands, fit in `budget`."""
    pages: list[range] = []
    start, n = 0, len(heights)
    while start < n:
        used = flowchart.CONNECTOR_BAND if start else 0.0
        end = start
        while end < n:
            need = heights[end] + (flowchart.CONNECTOR_BAND if end + 1 < n else 0.0)
            if end > start and used + need > budget:
                break
            used += heights[end]
            end += 1
        pages.append(range(start, end))
        start = end
    return pages


@lru_cache(maxsize=1)
def _base_css() -> str:
    return CSS_FILE.read_text(encoding="utf-8")


def sheet_context(version: SopVersion) -> dict[str, Any]:
    """Everything the sheet templates print, with the procedure table already cut into pages."""
    flow = flowchart.flow_of(version)
    steps = list(version.steps.order_by("number"))
    columns = columns_for(len(flow.actors))
    actor_size = _actor_font(flow.actors, columns)
    header_h, actor_names = _header_height(flow.actors, columns, actor_size)
    rows = [_row(step, flow, i, columns) for i, step in enumerate(steps)]
    title = f"{version.number} {version.name}".strip()
    title_lines = _title_lines(title)
    title_h = TITLE_H + TITLE_LINE * (len(title_lines) - 1)
    budget = (CONTENT_HEIGHT - title_h - (HEADER_ROW_1 + BORDER) - (header_h + BORDER) - BORDER - SAFETY)
    ranges = paginate([r.height for r in rows], budget)
    svgs = flowchart.page_svgs(flow, ranges, [r.height for r in rows], columns.flow, str(version))
    pages = [Page(rows=[rows[i] for i in r], svg=svg, top_band=r.start > 0, bottom_band=r.stop < len(rows))
             for r, svg in zip(ranges, svgs, strict=True)]
    heights = sorted({r.height for r in rows} | {flowchart.CONNECTOR_BAND, header_h})
    css = [_base_css()]
    css += [f".{_height_class(h)} {{ height: {h}mm; }}" for h in heights]
    css += [f"col.{name} {{ width: {width}mm; }}" for name, width in columns.widths(1)]
    css.append(f"table.procedure {{ width: {CONTENT_WIDTH}mm; }}")
    css.append(f".page-title {{ height: {title_h:.1f}mm; }}")
    css.append(f"table.procedure th.actor {{ font-size: {actor_size}pt; line-height: 1.25; }}")
    header = version.header or {}
    office = version.sop.office
    approval = header.get("approved_by") if isinstance(header.get("approved_by"), dict) else {}
    blocks = [(title, _items(header.get(key))) for key, title in BLOCKS]
    return {
        "version": version,
        "office": office,
        "css": "\n".join(css),
        "letterhead": office.letterhead_lines,
        "logo": logo_data_uri(office),
        "org_lines": _items(header.get("lines")) or [office.name],
        "created_on": indonesian_date(version.created_on),
        "revised_on": indonesian_date(version.revised_on),
        "effective_on": indonesian_date(version.effective_on),
        "approved_by": version.approved_by or approval.get("position", ""),
        "approved_by_name": version.approved_by_name or approval.get("name", ""),
        "approved_by_nip": nip_text(version.approved_by_nip or approval.get("nip", "")),
        "block_pairs": [blocks[i:i + 2] for i in range(0, len(blocks), 2)],
        "actors": actor_names,
        "actor_count": len(flow.actors),
        "columns": columns.widths(len(flow.actors)),
        "header_class": _height_class(header_h),
        "band_class": _height_class(flowchart.CONNECTOR_BAND),
        "pages": pages,
        "title": title,
        "title_lines": title_lines,
    }


def logo_data_uri(office: Office) -> str:
    """The office's logo inlined as a data: URI, so the HTML sheet stays one standalone file and the PDF
    engine needs no file access; "" when there is none, it is missing or it is not a picture."""
    if not office.logo:
        return ""
    kind = LOGO_TYPES.get(Path(office.logo.name).suffix.lower())
    try:
        if kind is None or office.logo.size > LOGO_MAX_BYTES:
            return ""
        with office.logo.open("rb") as f:
            data = f.read()
    except OSError:
        return ""
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _items(value: Any) -> list[str]:
    """A header block as a list of items, whether the importer stored a list or one text."""
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if str(v).strip()]


def render_html(version: SopVersion) -> str:
    """The sheet as one standalone HTML document (its CSS inside), ready to print or to save."""
    return render_to_string("sop/sheet.html", sheet_context(version))


def render_pdf(version: SopVersion) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(version)).write_pdf()
