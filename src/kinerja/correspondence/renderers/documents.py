"""The printed forms: lembar disposisi, outgoing documents (nota dinas, surat dinas, data request, cover letter),
notulen with signature lines, and the initials box stamped onto a version when it is printed or signed."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import tempfile
from collections.abc import Sequence

from kinerja.org.holding import holdings
from kinerja.org.models import Office, Position

from ..models import INSTRUCTION_PRINTED, Disposition, Document, Initial, Instruction, Letter, Minutes
from .pdf import (
    INITIALS_ANCHOR,
    add_blank_page,
    letterhead_context,
    long_date,
    name_and_degrees,
    render_pdf,
    render_pdf_fitting,
    render_pdf_on_one_sheet_if_it_can,
    render_pdf_sheets,
    stamp_place,
    stamp_style,
    stamps_need_a_page,
)

# The initials box's size, and its place when the document has no INITIALS_ANCHOR: bottom left of the
# last page, beside the signature block (signing.BLOCK_BOX), in PDF points.
INITIALS_SIZE = (240.0, 100.0)
INITIALS_BOX = (35.0, 40.0, 35.0 + INITIALS_SIZE[0], 40.0 + INITIALS_SIZE[1])



def stamps_area() -> tuple[float, float, float, float]:
    """Where the initials box and the signature block go on the last page of a document without anchors: the
    two boxes side by side (INITIALS_BOX, signing.BLOCK_BOX)."""
    from ..signing import BLOCK_BOX

    boxes = (INITIALS_BOX, BLOCK_BOX)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


KIND_HEADINGS = {
    Document.Kind.MEMO: "NOTA DINAS",
    Document.Kind.DATA_REQUEST: "SURAT PERMINTAAN DATA",
    Document.Kind.COVER_LETTER: "SURAT PENGANTAR",
}


# The type sizes (pt) a lembar disposisi may be set in to stay on one sheet: many addressees or a long
# note shrink it rather than push the signature onto a page of its own.
DISPOSITION_SIZES = (10.5, 9.5, 8.5, 7.5)


def breakable(number: str) -> list[str]:
    """A letter number in the pieces after which it may go on on the next line: each ends at a "/", "." or "-". Printed
    with a <wbr> between them, a number written without "/" or spaces (B.4512.KUKM.2.3.PR.01.02.XI.2025…) breaks
    at its dots; as one word it widened its table past the margin."""
    return re.findall(r"[^/.-]+[/.-]*|[/.-]+", number)


def disposition_pdf(letter: Letter, dispositions: Sequence[Disposition]) -> bytes:
    """The A4 lembar disposisi of a letter with each of its dispositions, one sheet each."""
    sheets = []
    for d in dispositions:
        chosen = set(d.instructions)
        sheets.append({
            "disposition": d,
            "recipients": [p.title for p in d.recipients.all()],
            "boxes": [(INSTRUCTION_PRINTED[c], c in chosen) for c in Instruction.values],
            "disposed_on": long_date(d.disposed_on),
            **dict(zip(("name", "degrees"), name_and_degrees(d.disposer_name), strict=True)),
        })
    common = {**letterhead_context(letter.office), "letter": letter, "number_parts": breakable(letter.number),
              "letter_date": long_date(letter.letter_date),
              "received_on": long_date(letter.received_on)}
    return render_pdf_sheets("correspondence/pdf/disposition.html", [{**common, "sheet": s} for s in sheets],
                             font_sizes=DISPOSITION_SIZES)


def _head_title(office: Office, day: dt.date) -> str:
    """Who writes for the head that day: the acting head prints as "Plt. Kepala Dinas …"."""
    head = Position.objects.filter(office=office, kind=Position.Kind.HEAD).first()
    found = holdings(head, day) if head else []
    return found[0].title_as_held if found else (head.title if head else "")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a typed text, split at empty lines. Browsers send a textarea's line breaks as
    CRLF, so an empty line is "\r\n\r\n" (or one holding spaces), not just "\n\n"."""
    return [p.strip("\n") for p in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")) if p.strip()]


# "Yth." (yang terhormat) typed before the addressee out of habit: the form already prints "Kepada Yth.".
HONORIFIC = re.compile(r"^\s*(?:kepada\s+)?yth\b\.?\s*[:.]?\s*", re.IGNORECASE)


def addressee_line(addressee: str) -> str:
    """The addressee as it follows "Kepada Yth." on the form: without a "Yth." or "Kepada Yth." of its own."""
    return HONORIFIC.sub("", addressee, count=1) or addressee


# "di Tempat" typed after a surat dinas's addressee out of habit: the letter prints its own "di" line.
TRAILING_PLACE = re.compile(r"[\s,]+di\s*[-–]?\s*tempat\s*\.?\s*$", re.IGNORECASE)


def letter_basis(letter: Letter | None) -> str:
    """The letter a document answers as the "Dasar" of Indonesian letters write it: "Surat Kepala Dinas … Nomor …
    tanggal 3 Maret 2025 perihal …" (its sender, number, date and subject); empty without one."""
    if letter is None:
        return ""
    return (f"Surat {letter.sender.strip()} Nomor {letter.number.strip()} tanggal {long_date(letter.letter_date)} "
            f"perihal {letter.subject.strip()}")


def outgoing_pdf(document: Document, day: dt.date) -> bytes:
    if document.kind == Document.Kind.OFFICIAL_LETTER:
        return official_letter_pdf(document, day)
    # The letter a reply answers is named once: in its text when the text gives its number ("Menindaklanjuti
    # surat … Nomor …", as the form starts a reply), else as the Dasar.
    letter = document.letter
    named = letter is not None and bool(letter.number.strip()) and letter.number.strip() in document.body
    return render_pdf("correspondence/pdf/outgoing.html", {
        **letterhead_context(document.office), "document": document,
        "basis": "" if named else letter_basis(letter), "addressee": addressee_line(document.addressee),
        "heading": KIND_HEADINGS.get(document.kind) or document.get_kind_display().upper(),
        "date": long_date(day), "paragraphs": paragraphs(document.body),
        "signatory_title": _head_title(document.office, day),
    })


def official_letter_pdf(document: Document, day: dt.date) -> bytes:
    """A surat dinas as Permendagri 1/2023 sets it out: no title; the place and date at the right, Nomor, Sifat (when
    given), Lampiran and Hal at the left, then "Yth." with the addressee and "di" their town ("Tempat" in the
    office's own), the text, the head's electronic signature, and under it at the left the Tembusan (when given).
    The letter it answers is named in its text, as the form starts it."""
    addressee = TRAILING_PLACE.sub("", addressee_line(document.addressee)) or document.addressee
    return render_pdf("correspondence/pdf/official_letter.html", {
        **letterhead_context(document.office), "document": document, "addressee": addressee,
        "addressee_place": document.addressee_place.strip() or "Tempat", "attachment": document.attachment or "-",
        "date": long_date(day), "paragraphs": paragraphs(document.body),
        "nature": document.nature.strip(), "copies_to": document.copies_to_lines,
    })


# The type sizes (pt) of a notulen: a short meeting is set a little smaller when that keeps it on one sheet (its
# signatures take the last follow-up rows with them over the page, which left the first sheet part empty).
MINUTES_SIZES = (10.5, 10.0, 9.5, 9.0)


def minutes_pdf(minutes: Minutes) -> bytes:
    """The notulen as recorded: titles and names as held on the meeting's date (kept on the minutes)."""
    attendance = list(minutes.attendance.all())
    present, outside = [a for a in attendance if a.present], list(minutes.outside_attendees.all())
    return render_pdf_on_one_sheet_if_it_can("correspondence/pdf/minutes.html", {
        **letterhead_context(minutes.office), "minutes": minutes, "held_on": long_date(minutes.held_on, weekday=True),
        "basis": letter_basis(minutes.letter),
        "chair_title": minutes.chair_title,
        "present": present, "absent": [a for a in attendance if not a.present],
        # Guests from outside the office are listed after the office's positions present, before those absent.
        "outside": outside, "before_absent": len(present) + len(outside),
        "follow_ups": [(f, long_date(f.due_on)) for f in minutes.follow_ups.all()],
        # Each signs in the forms' one signing block (_sign.html), the degrees and the NIP kept whole.
        "taker": _signer(minutes.taker_name, minutes.taker_nip),
        "chair": _signer(minutes.chair_name, minutes.chair_nip),
    }, font_sizes=MINUTES_SIZES)


def _signer(full_name: str, nip: str) -> dict[str, str]:
    """A signer as _sign.html prints them: name, degrees (name_and_degrees) and NIP."""
    name, degrees = name_and_degrees(full_name)
    return {"name": name, "degrees": degrees, "nip": nip}


def initials_box_pdf(initials: Sequence[Initial], *, office: Office, required: Sequence[Position] = ()) -> bytes:
    """The one initials box of a printed version: a row per required position in the SOP's order (empty
    until initialled), filled from the initials that count for the version (Plt./Plh. in the title)."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(office.time_zone)

    def row(i: Initial) -> dict[str, str]:
        return {"title": i.position_title, "name": i.name, "hash": i.sha256[:12] + "…",
                "at": i.created_at.astimezone(tz).strftime("%d-%m-%Y %H.%M")}

    by_position = {i.position_id: i for i in initials}
    rows = [row(by_position.pop(p.pk)) if p.pk in by_position else {"title": p.title, "name": "", "at": "", "hash": ""}
            for p in required]
    rows += [row(i) for i in initials if i.position_id in by_position]
    # Long titles (a Plt. of a long position) or a third required initial make the rows taller: smaller
    # type, rather than rows cut off at the bottom of the box.
    return render_pdf_fitting("correspondence/pdf/initials_box.html", {"rows": rows},
                              font_sizes=(6.4, 5.8, 5.2, 4.6, 4.0))


def with_initials_box(pdf: bytes, initials: Sequence[Initial], *, office: Office) -> bytes:
    """`pdf` with its initials box drawn where the document reserves it (INITIALS_ANCHOR), else on its
    last page (an incremental update; the version's own file is untouched, so its hash stays the one
    the initials name)."""
    from ..models import RequiredInitial

    required = [r.position for r in RequiredInitial.objects.filter(office=office).select_related("position")]
    box = initials_box_pdf(initials, office=office, required=required)
    try:
        return _stamped(pdf, box)
    except Exception as e:  # noqa: BLE001 - as stamping_problem: each kind pyHanko raises is a file it cannot use
        raise StampingFailed(str(e) or type(e).__name__) from e


class StampingFailed(Exception):
    """The initials box cannot be drawn on a PDF (one kept before uploads were checked with stamping_problem, or
    damaged since); str: pyHanko's error. The caller names the file."""


@functools.cache
def _blank_box() -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<style>@page {{ size: {INITIALS_SIZE[0]}pt {INITIALS_SIZE[1]}pt; margin: 0 }}</style>").write_pdf()


def stamping_problem(pdf: bytes) -> str:
    """Why the initials box cannot be drawn on `pdf` as printing and signing draw it (str of pyHanko's error), ""
    when it can: tried at upload, on a copy with a blank box, so that a PDF pyHanko opens but cannot write into (a
    page whose contents are no stream, a stream without its end) is refused then, not when it is printed or signed
    after its initials."""
    try:
        _stamped(pdf, _blank_box())
    except Exception as e:  # noqa: BLE001 - pyHanko raises many kinds on a damaged file, each a file it cannot use
        return str(e) or type(e).__name__
    return ""


def _stamped(pdf: bytes, box: bytes) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.stamp.static import StaticContentStamp

    page, (x1, y1, x2, y2) = stamp_place(pdf, INITIALS_ANCHOR, INITIALS_SIZE, INITIALS_BOX)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as box_file:
        box_file.write(box)
        box_file.flush()
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        if stamps_need_a_page(pdf, stamps_area()):
            # The signature block follows onto the same page: it is the last page now (signing.Pkcs12Signer).
            page = add_blank_page(writer)
        stamp = StaticContentStamp(writer=writer, style=stamp_style(box_file.name),
                                   box=BoxConstraints(width=x2 - x1, height=y2 - y1))
        stamp.apply(page, x1, y1)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
