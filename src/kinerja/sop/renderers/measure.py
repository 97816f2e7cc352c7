"""Text widths for wrapping, so that table rows and flowchart labels get a height decided before printing.

Rows of the SOP sheet must never split and the flowchart is drawn over the rows, so each row's height
is fixed in advance from its wrapped text. WeasyPrint lays out with the DejaVu Sans font installed on
the server; reading its advance widths with fontTools (a WeasyPrint dependency) wraps the text the way
the PDF will. Where the font file is missing, a wide average width keeps the estimate on the safe side.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONT_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)
# Width of an average character of DejaVu Sans in em, rounded up: used when the font is missing.
FALLBACK_EM = 0.62
# The printed text is measured a little wider than the font says: kerning and the renderer's rounding.
SAFETY = 1.06


@lru_cache(maxsize=1)
def _advances() -> tuple[dict[int, float], float] | None:
    for path in FONT_FILES:
        if path.exists():
            from fontTools.ttLib import TTFont

            font = TTFont(path, lazy=True)
            upem = font["head"].unitsPerEm
            hmtx = font["hmtx"].metrics
            cmap = font.getBestCmap()
            widths = {code: hmtx[glyph][0] / upem for code, glyph in cmap.items() if glyph in hmtx}
            return widths, sum(widths.values()) / max(len(widths), 1)
    return None


def text_width(text: str, size: float) -> float:
    """Width of `text` set in DejaVu Sans at `size` (any unit; the result is in the same unit)."""
    found = _advances()
    if found is None:
        return len(text) * FALLBACK_EM * size
    widths, average = found
    return sum(widths.get(ord(ch), average) for ch in text) * size * SAFETY


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy word wrap of `text` into lines no wider than `width`; a word longer than a line is cut."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            while text_width(word, size) > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and text_width(word[:cut], size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


def clamp(lines: list[str], most: int, width: float, size: float) -> list[str]:
    """At most `most` lines; a cut text ends with an ellipsis that still fits the width."""
    if len(lines) <= most:
        return lines
    kept = lines[:most]
    last = kept[-1]
    while last and text_width(last + "…", size) > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return kept
