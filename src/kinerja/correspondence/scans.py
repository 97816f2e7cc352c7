"""A letter's scan as the office has it: one PDF from the scanner, or photos of its pages taken with a
telephone (JPEG, PNG, or a TIFF of one or more pages from a scanner), put together into one PDF in the
order chosen, each page fitted on A4 as it was photographed (the camera's rotation applied).

The images go into the PDF with img2pdf, which embeds a JPEG as it is (no second compression, so a
photographed letter keeps every detail it had); Pillow only opens each image first to name one it cannot
read, and converts the images img2pdf refuses as they are (a PNG with transparency, a palette image,
a 16-bit PNG) to plain RGB.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from kinerja.errors import KinerjaError
from kinerja.uploads import megabytes

from .pdfheader import pdf_start

# What Pillow reports for the images taken: the usual camera and scanner formats.
IMAGE_FORMATS = {"JPEG": "JPG", "PNG": "PNG", "TIFF": "TIFF"}
# Recognised by their first bytes, to say what to do instead of "not an image".
OTHER_KNOWN = [(b"ftypheic", "HEIC"), (b"ftypheix", "HEIC"), (b"ftypmif1", "HEIF"), (b"ftypavif", "AVIF")]
A4 = (595.2756, 841.8898)  # points: 210 × 297 mm
MARGIN = 28.35  # 1 cm, so a printer's unprintable edge keeps the letter's edges


class BadScan(KinerjaError):
    """An uploaded scan that is neither one PDF nor images of pages kinerja can read."""


def _name(upload: Any, field: str) -> str:
    return getattr(upload, "name", "") or field


def _kind_of(data: bytes) -> str | None:
    """'PDF', a format in IMAGE_FORMATS, or None; the format of an image Pillow cannot open is named
    when its first bytes tell it."""
    if pdf_start(data) is not None:  # bytes before "%PDF-" as readers skip them (pdfheader)
        return "PDF"
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.format if image.format in IMAGE_FORMATS else f"other:{image.format}"
    except (UnidentifiedImageError, OSError, ValueError):
        head = data[4:12]
        for magic, name in OTHER_KNOWN:
            if head == magic:
                return f"other:{name}"
        return None


def scan_bytes(uploads: Sequence[Any], *, field: str, read_pdf: Any) -> bytes:
    """One PDF of the letter from `uploads`: a single PDF (checked by `read_pdf(upload, field=…)`, the
    caller's own PDF check) or images of its pages in order. Too large, empty, mixed, unreadable or
    unsupported files are refused with a message naming the file; nothing is kept of them."""
    if not uploads:
        raise BadScan(_("%(field)s: choose the scanned letter (a PDF) or photos of its pages.") % {"field": field})
    # Each file as large as any upload may be; photos of several pages together as large as a request.
    limit, total_limit = settings.KINERJA_MAX_UPLOAD_BYTES, settings.KINERJA_MAX_REQUEST_BYTES
    for upload in uploads:
        if upload.size > limit:
            raise BadScan(_("%(field)s: %(file)s is %(size)s MB; the limit is %(limit)s MB.") % {
                "field": field, "file": _name(upload, field), "size": megabytes(upload.size),
                "limit": megabytes(limit, 0)})
    total = sum(u.size for u in uploads)
    if total > total_limit:
        raise BadScan(_("%(field)s: the files chosen are %(size)s MB together; the limit is %(limit)s MB.") % {
            "field": field, "size": megabytes(total), "limit": megabytes(total_limit, 0)})
    contents = []
    for upload in uploads:
        if not upload.size:
            raise BadScan(_("%(field)s: %(file)s is empty (0 bytes); choose the file again.")
                          % {"field": field, "file": _name(upload, field)})
        upload.seek(0)
        data = upload.read()
        contents.append((upload, data, _kind_of(data)))
    pdfs = [u for u, _d, kind in contents if kind == "PDF"]
    if pdfs:
        if len(uploads) > 1:
            raise BadScan(_("%(field)s: %(file)s is a PDF; choose either one PDF of the whole letter or photos of "
                            "its pages, not both or several PDFs.") % {"field": field, "file": _name(pdfs[0], field)})
        return read_pdf(uploads[0], field=field)  # type: ignore[no-any-return]
    for upload, _data, kind in contents:
        if kind is None:
            raise BadScan(_("%(field)s: %(file)s is neither a PDF nor a JPG, PNG or TIFF image.")
                          % {"field": field, "file": _name(upload, field)})
        if kind.startswith("other:"):
            raise BadScan(_("%(field)s: %(file)s is a %(format)s image, which kinerja does not read; save it as "
                            "JPG or PNG (a telephone's camera can be set to take JPG) or scan the letter as a PDF.")
                          % {"field": field, "file": _name(upload, field), "format": kind.removeprefix("other:")})
    return _images_to_pdf([(_name(u, field), data) for u, data, _k in contents], field=field)


def _images_to_pdf(images: list[tuple[str, bytes]], *, field: str) -> bytes:
    import img2pdf
    from PIL import Image

    layout = img2pdf.get_layout_fun(pagesize=A4, border=(MARGIN, MARGIN), fit=img2pdf.FitMode.into, auto_orient=True)
    pages = []
    for name, data in images:
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                plain = image.mode in ("RGB", "L", "CMYK", "1") and image.format != "TIFF"
                if not plain or image.format == "PNG" and "transparency" in image.info:
                    pages.extend(_converted(image))
                else:
                    pages.append(data)
        except (OSError, ValueError, Image.DecompressionBombError) as e:
            raise BadScan(_("%(field)s: %(file)s cannot be read as an image (%(error)s).")
                          % {"field": field, "file": name, "error": e}) from e
    try:
        # No creation date in the PDF: with one, the same photos chosen again a second later made other bytes, and the
        # register's check for a letter it already holds (by the scan's SHA-256) let them in twice.
        return img2pdf.convert(pages, layout_fun=layout, rotation=img2pdf.Rotation.ifvalid,  # type: ignore[no-any-return]
                               nodate=True)
    except (img2pdf.ImageOpenError, img2pdf.AlphaChannelError, ValueError, OSError) as e:
        raise BadScan(_("%(field)s: the photos could not be put together into a PDF (%(error)s).")
                      % {"field": field, "error": e}) from e


def _converted(image: Any) -> list[bytes]:
    """Every frame of `image` (a TIFF may hold several pages) as a lossless PNG that img2pdf takes: RGB
    on white for colour and transparency, 8-bit grey for grey."""
    from PIL import Image, ImageOps, ImageSequence

    out = []
    for each in ImageSequence.Iterator(image):
        frame = ImageOps.exif_transpose(each)  # the camera's rotation, which img2pdf no longer sees here
        if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
            rgba = frame.convert("RGBA")
            plain = Image.new("RGB", rgba.size, "white")
            plain.paste(rgba, mask=rgba.getchannel("A"))
        elif frame.mode == "L":
            plain = frame
        elif frame.mode.startswith("I"):  # 16-bit grey: to 8 bits
            plain = frame.convert("I").point(lambda v: v / 256).convert("L")
        else:
            plain = frame.convert("RGB")
        buffer = io.BytesIO()
        plain.save(buffer, format="PNG")
        out.append(buffer.getvalue())
    return out
