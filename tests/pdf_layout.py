"""What a printed PDF shows a reader, read back with poppler (pdftotext, pdfinfo): the text of each page,
each page's size, and where every word sits, to check that none runs off the page or over another."""

from __future__ import annotations

import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Page:
    width: float
    height: float
    words: list[Word]

    @property
    def landscape(self) -> bool:
        return self.width > self.height


def _run(args: list[str], data: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(data)
        return subprocess.run([*args, str(path), "-"], check=True, capture_output=True, text=True).stdout


def page_texts(data: bytes, *, layout: bool = False) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    text = _run(["pdftotext", *(["-layout"] if layout else [])], data)
    return text.split("\f")[:-1]


def pages(data: bytes) -> list[Page]:
    """Every page with its size and its words' boxes, in points from the top left corner."""
    html = _run(["pdftotext", "-bbox"], data)
    body = html[html.index("<body>"):html.index("</body>") + len("</body>")].replace("&nbsp;", " ")
    root = ET.fromstring(re.sub(r"&(?!amp;|lt;|gt;|quot;|apos;)", "&amp;", body))
    found = []
    for page in root.iter("page"):
        words = [Word(w.text or "", *(float(w.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")))
                 for w in page.iter("word")]
        found.append(Page(float(page.get("width", 0)), float(page.get("height", 0)), words))
    return found


def off_page(page: Page, margin: float = 0.5) -> list[Word]:
    """The words of `page` that reach beyond its edges."""
    return [w for w in page.words if w.x0 < -margin or w.y0 < -margin or w.x1 > page.width + margin
            or w.y1 > page.height + margin]


def overlapping(page: Page, tolerance: float = 0.5) -> list[tuple[Word, Word]]:
    """Pairs of words of `page` drawn over each other (text run out of its cell into the next)."""
    found = []
    words = sorted(page.words, key=lambda w: (w.y0, w.x0))
    for k, a in enumerate(words):
        for b in words[k + 1:]:
            if b.y0 >= a.y1 - tolerance:
                break
            if a.x0 < b.x1 - tolerance and b.x0 < a.x1 - tolerance:
                found.append((a, b))
    return found
