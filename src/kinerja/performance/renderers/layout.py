"""Column widths and page breaks of the report PDFs, decided from the data they print.

The tables are laid out with fixed column widths (WeasyPrint then sizes them once instead of measuring
every cell), but fixed widths chosen for the demo office do not hold a budget in the billions with
decimals ("12.500.000.000,75" ran into the next cell). So the number columns are measured here from
their widest value with the font's advance widths (the SOP sheet's measure.py) and the text columns
share what is left; when the numbers need more room than the page has, the table's type gets smaller.

A sasaran printed once beside all its indicators (one cell with rowspan) shows its name only on the
page where it starts: the pages after it showed indicators under an empty Sasaran cell. No CSS repeats
a spanning cell, so the document is laid out once, the rows that open a page inside a sasaran are read
from where WeasyPrint put them (every row has an id, and each page lists the ids on it), and it is laid
out again with the cell split there and its name repeated, "(lanjutan)".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kinerja.sop.renderers.measure import text_width

PT = 25.4 / 72  # one point in mm
PADDING = 2 * 1.4 + 0.6  # the cells' left and right padding and their borders (print.css), in mm
BOLD = 1.12  # bold header glyphs are wider than the regular ones measured


@dataclass
class Column:
    """One <col class="…"> of a table: a fixed `width`, or measured from `texts` (never narrower
    than `least` nor than its `header` words), or flexible: a share of what the others leave."""

    name: str
    width: float = 0.0
    texts: Sequence[str] = ()
    header: str = ""
    least: float = 0.0
    share: float = 0.0  # > 0: a flexible column taking this share of the remaining width

    def needed(self, size: float, padding: float = PADDING) -> float:
        if self.share or not (self.texts or self.header):
            return max(self.width, self.least)
        widest = max((text_width(t, size * PT) for t in self.texts), default=0.0)
        word = max((text_width(w, size * PT) * BOLD for w in self.header.split()), default=0.0)
        return max(self.least, self.width, widest + padding, word + padding)


@dataclass
class Fitted:
    size: float  # the table's font size in points
    widths: dict[str, float] = field(default_factory=dict)

    def css(self, table: str) -> str:
        rules = [f"table.{table} {{ font-size: {self.size:g}pt; }}"]
        rules += [f"table.{table} col.{name} {{ width: {width:.1f}mm; }}" for name, width in self.widths.items()]
        return "\n".join(rules)


def fit(columns: Sequence[Column], available: float, *, sizes: Sequence[float] = (8.5, 8, 7.5, 7, 6.5),
        flexible_least: float = 40.0, padding: float = PADDING) -> Fitted:
    """The largest font size of `sizes` at which the measured columns leave every flexible column at
    least `flexible_least` mm, and the widths at that size (at the smallest size, whatever is left).
    `padding` is what a cell adds to its text's width (its margins and borders), in mm."""
    shares = sum(c.share for c in columns)
    for size in sizes:
        fixed = {c.name: c.needed(size, padding) for c in columns if not c.share}
        rest = available - sum(fixed.values())
        if not shares or rest / shares * min(c.share for c in columns if c.share) >= flexible_least \
                or size == sizes[-1]:
            flexible = {c.name: max(rest, 0.0) * c.share / shares for c in columns if c.share}
            return Fitted(size, {c.name: (fixed | flexible)[c.name] for c in columns})
    raise AssertionError("unreachable: the last size always returns")


def page_of_anchors(document: Any) -> dict[str, int]:
    """Each element id of a rendered WeasyPrint document → the first page (0-based) it is on."""
    found: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            found.setdefault(anchor, number)
    return found


def split_points(document: Any, groups: Sequence[Sequence[str]]) -> frozenset[str]:
    """The row ids, among `groups` (each a spanning cell's rows in order), that are not on the page of
    the row before them: where the spanning cell must be split and its text repeated."""
    pages = page_of_anchors(document)
    found = set()
    for rows in groups:
        for before, row in zip(rows, rows[1:], strict=False):
            if row in pages and before in pages and pages[row] != pages[before]:
                found.add(row)
    return frozenset(found)


def render_split(html_for: Callable[[frozenset[str], bool], str], groups: Sequence[Sequence[str]], *,
                 passes: int = 3) -> Any:
    """The WeasyPrint document of `html_for(splits, False)`, where `splits` are the rows that open a page
    inside a group. `html_for(splits, True)` returns the document up to the groups' table only: it lays
    the table out as the whole document does, faster, so the splits are first read from it. Splitting a
    cell can move rows (a sasaran's name may be taller than the rows left beside it on its first page),
    so the document is laid out again until it agrees with the splits it was made with, at most `passes`
    times; a document with no group across pages is laid out once more only."""
    from weasyprint import HTML

    splits = split_points(HTML(string=html_for(frozenset(), True)).render(), groups)
    for _ in range(passes):
        document = HTML(string=html_for(splits, False)).render()
        found = split_points(document, groups)
        if found == splits:
            break
        splits = found
    return document


def spans(ids: Sequence[str], splits: frozenset[str]) -> list[tuple[int, bool]]:
    """For the rows `ids` of one group: (rowspan of the cell the row opens, 0 for none; whether that
    cell continues the group from an earlier page)."""
    starts = [k for k, row in enumerate(ids) if k == 0 or row in splits]
    found = [(0, False)] * len(ids)
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(ids)
        found[start] = (end - start, start > 0)
    return found
