"""What the spreadsheet importers (performance data, organisation) share:

- fill_merged: a workbook's merged cells read as the office sees them, each covered cell with the value;
- csv_rows: CSV files as office spreadsheet programs save them: UTF-8 (with Excel's byte-order mark) or else
  Windows-1252, Excel's ANSI code page (a UTF-8 byte-order mark dropped in either), or UTF-16 with its mark
  (Excel's "Unicode text"); the field separator ";" (Indonesian Excel's, "," being the decimal
  comma), a tab or ",", whichever the line with most of them uses. Hand-written because csv.Sniffer guesses
  from a sample and trips on a title line above the header."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def csv_rows(path: Path, *, sniff_lines: int) -> list[tuple[int, list[str]]]:
    """The rows of the file: (its first line number, as an editor shows it, its fields). The separator is read
    from the first `sniff_lines` non-empty lines (the header's one has the most)."""
    raw = path.read_bytes()
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16")  # Excel's "Unicode text": UTF-16 with its BOM, tab-separated
    else:
        # A UTF-8 BOM is no text in any decoding: kept, cp1252 reads it as "ï»¿" before the first header.
        raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            text = raw.decode("utf-8")
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


def fill_merged(grid: dict[int, list[object]], ranges: Iterable[Any]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Fill each merged range of a sheet (openpyxl's merged_cells.ranges) with the value of its top-left cell, as
    every cell it covers shows it; `grid` is the sheet's values by row number. Returns the cells (row number,
    column index from 0) filled from a row above and from a column to the left."""
    below: set[tuple[int, int]] = set()
    right: set[tuple[int, int]] = set()
    for merged in ranges:
        top = grid.get(merged.min_row, [])
        value = top[merged.min_col - 1] if merged.min_col - 1 < len(top) else None
        for r in range(merged.min_row, merged.max_row + 1):
            row = grid.setdefault(r, [])
            row.extend([None] * (merged.max_col - len(row)))
            for c in range(merged.min_col, merged.max_col + 1):
                row[c - 1] = value
                if r > merged.min_row:
                    below.add((r, c - 1))
                if c > merged.min_col:
                    right.add((r, c - 1))
    return below, right
