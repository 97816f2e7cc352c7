"""CSV files as office spreadsheet programs save them, for the spreadsheet importers (performance data,
organisation): UTF-8 (with Excel's byte-order mark) or else Windows-1252, Excel's ANSI code page; the field
separator ";" (Indonesian Excel's, "," being the decimal comma), a tab or ",", whichever the line with most of
them uses. Hand-written because csv.Sniffer guesses from a sample and trips on a title line above the header."""

from __future__ import annotations

import csv
import io
from pathlib import Path


def csv_rows(path: Path, *, sniff_lines: int) -> list[tuple[int, list[str]]]:
    """The rows of the file: (its first line number, as an editor shows it, its fields). The separator is read
    from the first `sniff_lines` non-empty lines (the header's one has the most)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # Excel on Windows saves CSV in the ANSI code page
    lines = [line for line in text.splitlines() if line.strip()][:sniff_lines]
    counts = {d: max((line.count(d) for line in lines), default=0) for d in (";", "\t", ",")}
    delimiter = max(counts, key=lambda d: (counts[d], d == ";"))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    for values in reader:
        rows.append((start, values))
        start = reader.line_num + 1
    return rows
