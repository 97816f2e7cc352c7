"""Developer aid: draw the favicon's PNG (32 px, and 180 px for phones' home screens) and ICO (16, 32 and
48 px) from src/kinerja/web/static/kinerja/favicon.svg, after the SVG changes. The browser draws the SVG
(no SVG library in our dependencies draws it as well); Pillow writes the ICO.

usage: .venv/bin/python scripts/favicon.py
"""

import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

STATIC = Path(__file__).resolve().parent.parent / "src" / "kinerja" / "web" / "static" / "kinerja"
SVG = (STATIC / "favicon.svg").read_text()


def draw(page, size: int) -> Image.Image:  # type: ignore[no-untyped-def]
    svg = SVG.replace('width="32" height="32"', f'width="{size}" height="{size}" style="display:block"', 1)
    page.set_content(f'<html><body style="margin:0;background:transparent">{svg}</body></html>')
    image = Image.open(io.BytesIO(page.locator("svg").screenshot(omit_background=True))).convert("RGBA")
    assert image.size == (size, size), image.size
    return image


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 400, "height": 400})
    images = {size: draw(page, size) for size in (16, 32, 48, 180)}
    browser.close()
images[32].save(STATIC / "favicon-32.png", optimize=True)
images[180].save(STATIC / "apple-touch-icon.png", optimize=True)
images[48].save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)], append_images=[images[16], images[32]])
print("wrote", *(p.name for p in sorted(STATIC.glob("*.png"))), "favicon.ico")
