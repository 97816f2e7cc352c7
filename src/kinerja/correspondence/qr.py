"""QR codes for the verification address printed in each signature block, drawn by the `qrcode`
library (the one pyHanko's own QR stamp uses) as SVG paths, so WeasyPrint prints them sharp."""

from __future__ import annotations

import qrcode
import qrcode.constants
from qrcode.image.svg import SvgPathImage


def svg(text: str, *, border: int = 2) -> str:
    """An inline <svg> of `text` at error-correction level M (readable with a smudge or a fold)."""
    image = qrcode.make(text, image_factory=SvgPathImage, border=border,
                        error_correction=qrcode.constants.ERROR_CORRECT_M)
    return image.to_string(encoding="unicode")
