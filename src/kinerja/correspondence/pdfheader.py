"""Where a PDF starts. Scanners and mail gateways sometimes put bytes before "%PDF-" (a mail header line, a
byte-order mark, a scanner's own preamble); PDF readers look for the header within the first 1024 bytes and
read the file from there, so the office sees such a file open normally. pyHanko refuses it ("Illegal PDF
header"), so kinerja takes the PDF from its header on, as the readers do."""

from __future__ import annotations

HEADER = b"%PDF-"
# How far the readers look for the header (Acrobat's implementation note to ISO 32000).
SEARCHED = 1024


def pdf_start(data: bytes) -> int | None:
    """The offset of "%PDF-" within the first 1024 bytes, or None: not a PDF."""
    found = data.find(HEADER, 0, SEARCHED + len(HEADER))
    return None if found < 0 or found > SEARCHED else found


def without_leading_bytes(data: bytes) -> tuple[bytes, int]:
    """(the PDF from its header on, how many bytes came before it); `data` unchanged when it is no PDF."""
    start = pdf_start(data) or 0
    return data[start:], start
