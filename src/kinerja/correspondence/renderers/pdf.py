"""HTML templates to PDF through WeasyPrint. Official documents print in Bahasa Indonesia whatever
the reader's interface language, with the office letterhead on top."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe

from kinerja.org.models import Office

from .. import qr


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    with translation.override("id"):
        html = render_to_string(template, context)
    return HTML(string=html).write_pdf()


def render_pdf_fitting(template: str, context: dict[str, Any], *, font_sizes: Sequence[float]) -> bytes:
    """`template` at the largest of `font_sizes` (in points, as `font_size`) at which it stays on one page.
    A stamp shows only the first page of its PDF, so what flowed onto a second one would be lost."""
    return _fitted(template, context, font_sizes).write_pdf()


def render_pdf_sheets(template: str, contexts: Sequence[dict[str, Any]], *, font_sizes: Sequence[float]) -> bytes:
    """One form per context, each on its own page at the largest of `font_sizes` at which it fits one (a
    form filed with a letter is one sheet); one that does not fit even at the smallest flows on, at it."""
    documents = [_fitted(template, context, font_sizes) for context in contexts]
    return documents[0].copy([page for d in documents for page in d.pages]).write_pdf()


def render_pdf_on_one_sheet_if_it_can(template: str, context: dict[str, Any], *, font_sizes: Sequence[float]) -> bytes:
    """`template` at the first of `font_sizes` (in points, as `font_size`), or at a smaller one of them if that keeps
    it on one page; a document that takes more than one page even at the smallest prints at the first.

    A short document whose last lines must take company over the page (the signatures of a notulen with the
    follow-up rows before them) otherwise leaves its first sheet a third empty and its second holding only that."""
    first = _rendered(template, context, font_sizes[0])
    if len(first.pages) != 2:  # one page as it is; three or more never come down to one in these sizes
        return first.write_pdf()
    for size in font_sizes[1:]:
        document = _rendered(template, context, size)
        if len(document.pages) == 1:
            return document.write_pdf()
    return first.write_pdf()


def _rendered(template: str, context: dict[str, Any], size: float) -> Any:
    from weasyprint import HTML

    with translation.override("id"):
        html = render_to_string(template, {**context, "font_size": f"{size:g}"})  # "6.4", not localised
    return HTML(string=html).render()


def _fitted(template: str, context: dict[str, Any], font_sizes: Sequence[float]) -> Any:
    for size in font_sizes:
        document = _rendered(template, context, size)
        if len(document.pages) == 1:
            break
    return document


# A web or e-mail address in the letterhead ("Laman https://diskopukm.bandarlampungkota.go.id", "Pos-el
# diskopukm@…"): the "," or "." that ends its sentence is not part of it.
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s,;]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)


def address_pieces(address: str) -> list[str]:
    """A web address in the pieces it may break between: the scheme with the host ("https://diskopukm.….go.id"),
    then its path's parts, each ending at a "/". An e-mail address is one piece."""
    scheme, sep, rest = address.partition("://")
    host, slash, path = (rest if sep else address).partition("/")
    return [f"{scheme}{sep}{host}{slash}" if sep else f"{host}{slash}", *re.findall(r"[^/]+/*", path)]


def letterhead_line(line: str) -> str:
    """A letterhead line with its web and e-mail addresses kept whole (address_pieces): left to the line breaker,
    "https://" ended a line with the host on the next, and a path broke at its hyphens, which read as
    hyphenation."""
    from django.utils.html import escape

    out, at = [], 0
    for match in WEB_ADDRESS.finditer(line):
        address = match.group().rstrip(".")
        out.append(escape(line[at:match.start()]))
        out.append("<wbr>".join(f'<span class="nobr">{escape(p)}</span>' for p in address_pieces(address)))
        at = match.start() + len(address)
    out.append(escape(line[at:]))
    return mark_safe("".join(out))  # noqa: S308 - each piece of `line` is escaped above


def letterhead_context(office: Office) -> dict[str, Any]:
    lines = [letterhead_line(line) for line in office.letterhead_lines] or [office.name]
    return {"office": office, "letterhead_top": lines[:-1] if len(lines) > 1 else lines,
            "letterhead_address": lines[-1] if len(lines) > 1 else "",
            # Letters are dated at the city: "Bandar Lampung, 21 Maret 2025".
            "place": office.city.removeprefix("Kota ").removeprefix("Kabupaten ")}


def long_date(day: dt.date, *, weekday: bool = False) -> str:
    """24 September 2025, or with `weekday` "Rabu, 24 September 2025" (the Hari/Tanggal of minutes)."""
    with translation.override("id"):
        return date_format(day, "l, j F Y" if weekday else "j F Y")


# Degrees longer than this may break between them: kept on one line, they would run out of the signing block.
DEGREES_KEPT_WHOLE = 40


def name_and_degrees(full_name: str) -> tuple[str, str]:
    """A name as printed under a signature, in two parts: the name with the titles before it, up to its comma, and
    the degrees after it ("S.E., M.Si."), which print on one line when they fit one ("" when they may break)."""
    name, comma, degrees = full_name.partition(", ")
    if not comma or len(degrees) > DEGREES_KEPT_WHOLE:
        return full_name, ""
    return name + ",", degrees


# The type sizes (pt) of the signature block: a long title (a Plt. of an office with a long name) and a name with
# many titles and degrees shrink it rather than push the verification address off the block (the stamp shows
# its first page only).
SIGNATURE_BLOCK_SIZES = (6.6, 6.0, 5.4, 4.8, 4.2)


def signature_block_pdf(*, signer_name: str, nip: str, position: str, signed_at: dt.datetime, verify_url: str,
                        demo: bool, time_zone: str = "Asia/Jakarta") -> bytes:
    """The visible block of an electronic signature: a page the size of the signature field."""
    local = signed_at.astimezone(ZoneInfo(time_zone))
    name, degrees = name_and_degrees(signer_name)
    return render_pdf_fitting("correspondence/pdf/signature_block.html", {
        "name": name, "degrees": degrees, "nip": nip, "position": position, "demo": demo,
        # The address wraps only after a "/": a break at a "-" of the random code would read as a word
        # hyphenated on paper (and text extraction drops such a "-"), so each piece is kept whole.
        "verify_parts": re.findall(r"[^/]+/?|/", verify_url),
        "signed_on": long_date(local.date()), "signed_time": local.strftime("%H.%M"),
        "qr_svg": mark_safe(qr.svg(verify_url)),  # our own markup: rectangles only, no text
    }, font_sizes=SIGNATURE_BLOCK_SIZES)


# A document can say where its initials box and its signature block go: an empty element with one of
# these ids and the stamp's size (WeasyPrint writes every id as a named destination with its page and
# top-left corner). Without one they go to the bottom of the last page, or to a page of their own when that one
# is written to its foot (stamps_need_a_page).
INITIALS_ANCHOR = "kinerja-paraf"
SIGNATURE_ANCHOR = "kinerja-ttd"


def _name_tree(node: Any) -> Iterator[tuple[str, Any]]:
    names = node.get("/Names") if hasattr(node, "get") else None
    if names is not None:
        for i in range(0, len(names) - 1, 2):
            yield str(names[i]), names[i + 1]
    for kid in node.get("/Kids", []) if hasattr(node, "get") else []:
        yield from _name_tree(kid)


def _page_numbers(pages: Any, found: dict[int, int]) -> dict[int, int]:
    """Object number of each page → its index, in document order."""
    for ref in pages.raw_get("/Kids"):
        kid = ref.get_object()
        if kid.get("/Type") == "/Pages":
            _page_numbers(kid, found)
        else:
            found[ref.idnum] = len(found)
    return found


def stamp_place(pdf: bytes, anchor: str, size: tuple[float, float],
                fallback: tuple[float, float, float, float]) -> tuple[int, tuple[float, float, float, float]]:
    """The page index and box (x1, y1, x2, y2 in points) of a stamp of `size`: at the named destination
    `anchor` when the document has one, else `fallback` on the last page."""
    from pyhanko.pdf_utils.generic import IndirectObject
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    root = reader.root
    pages = _page_numbers(root["/Pages"], {})
    names = root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    for name, dest in _name_tree(dests) if dests is not None else ():
        if name != anchor:
            continue
        dest = dest.get_object() if isinstance(dest, IndirectObject) else dest
        if hasattr(dest, "get") and "/D" in dest:
            dest = dest["/D"]
        page_ref = dest.raw_get(0) if hasattr(dest, "raw_get") else dest[0]
        if isinstance(page_ref, IndirectObject) and page_ref.idnum in pages and str(dest[1]) == "/XYZ":
            left, top = float(dest[2]), float(dest[3])
            return pages[page_ref.idnum], (left, top - size[1], left + size[0], top)
    return len(pages) - 1, fallback


def stamps_need_a_page(pdf: bytes, area: tuple[float, float, float, float]) -> bool:
    """Whether the stamps of `pdf` need a page of their own: it names no place for them (an uploaded PDF, not one
    of kinerja's forms) and `area` of its last page (x1, y1, x2, y2 in PDF points from the bottom left), where they
    would go, holds text, lines or an image (a letter typed to the foot of the page, a scanned page): stamped
    there, they would cover it."""
    import pdfplumber

    nowhere = (-1.0, -1.0, -1.0, -1.0)
    if any(stamp_place(pdf, anchor, (0.0, 0.0), nowhere)[1] != nowhere
           for anchor in (INITIALS_ANCHOR, SIGNATURE_ANCHOR)):
        return False
    x1, y1, x2, y2 = area
    try:
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            page = document.pages[-1]
            bottom = float(page.mediabox[3])  # pdfplumber measures from the top of the page
            return any(o["x0"] < x2 and o["x1"] > x1 and o["top"] < bottom - y1 and o["bottom"] > bottom - y2
                       for o in (*page.chars, *page.rects, *page.lines, *page.curves, *page.images))
    except Exception:  # noqa: BLE001
        # A file pyHanko reads (check_pdf_bytes let it in) but pdfminer cannot (a damaged font or content stream,
        # a page tree it does not find): what its last page holds is unknown, and stamps put on it might cover
        # writing. A page of their own never does.
        return True


def add_blank_page(writer: Any) -> int:
    """A blank page after the last one of `writer` (a pyHanko writer), as large as that one; its index."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.writer import PageObject

    count = int(writer.root["/Pages"]["/Count"])
    node = writer.find_page_for_modification(count - 1)[0].get_object()
    while "/MediaBox" not in node and "/Parent" in node:  # the size may be the page tree's
        node = node["/Parent"].get_object()
    media_box = [float(v) for v in node.get("/MediaBox", (0, 0, 595.2756, 841.8898))]
    writer.insert_page(PageObject(contents=writer.add_object(generic.StreamObject(stream_data=b"")),
                                  media_box=media_box))
    return count


def stamp_style(pdf_path: str) -> Any:
    """A pyHanko stamp showing page 1 of `pdf_path` exactly in its box: full opacity, no margin (pyHanko's
    defaults print a background at 60% inside 5-point margins, shrinking the box we reserved)."""
    from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
    from pyhanko.stamp import StaticStampStyle

    return StaticStampStyle.from_pdf_file(
        pdf_path, border_width=0, background_opacity=1.0,
        background_layout=SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MAX,
                                              margins=Margins()))
