"""Turning a file into rows of cell texts. The format is decided by the file's first bytes (a renamed
file still reads), then its suffix; a DOCX or XLSX is a zip whose members are measured before any XML
is parsed, so a small file that inflates to gigabytes is refused up front."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .draft import SopImportError

Grid = list[list[str]]
MAX_INFLATED_BYTES = 60 * 1024 * 1024
MAX_MEMBER_RATIO = 200  # a deflated XML part rarely shrinks more than 1:20; bombs shrink 1:1000
MAX_SHEET_ROWS, MAX_SHEET_COLUMNS = 2000, 60


def max_bytes() -> int:
    return int(getattr(settings, "KINERJA_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))


def kind_of(path: Path, head: bytes) -> str:
    """"txt", "docx", "xlsx", "pdf" or "legacy" (the binary .doc/.xls of old Office)."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "legacy"
    if head.startswith(b"PK\x03\x04"):
        names = _zip_names(path)
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise SopImportError(path, None, None, None, _("the archive is neither a Word (DOCX) nor an Excel (XLSX) file"))
    suffix = path.suffix.lower()
    if suffix in {".docx", ".xlsx", ".pdf"}:
        raise SopImportError(path, None, None, None,
                             _("the file is named %(suffix)s but is not one") % {"suffix": suffix})
    return "txt"


def _damaged(path: Path) -> SopImportError:
    return SopImportError(path, None, None, None, _("the file is a damaged DOCX or XLSX (zip) archive"))


def _zip_names(path: Path) -> set[str]:
    try:
        with zipfile.ZipFile(path) as z:
            return set(z.namelist())
    except Exception:  # a damaged archive raises BadZipFile, NotImplementedError, ValueError, EOFError …
        raise _damaged(path) from None


def check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > max_bytes():
        raise SopImportError(path, None, None, f"{size / 1024 / 1024:.1f} MB", _(
            "the file is larger than %(max)d MB") % {"max": max_bytes() // (1024 * 1024)})
    if size == 0:
        raise SopImportError(path, None, None, None, _("the file is empty"))


def check_archive(path: Path) -> None:
    """Refuse a zip whose members inflate beyond a sane size before any of them is read."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except Exception:  # see _zip_names
        raise _damaged(path) from None
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_INFLATED_BYTES or (info.file_size > 1024 * 1024 and ratio > MAX_MEMBER_RATIO):
            raise SopImportError(path, None, None, info.filename, _(
                "the document inflates to more than a sane size when unpacked; it is refused"))


def text_grid(path: Path) -> Grid:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise SopImportError(path, None, None, None, _("this is not a text document"))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 leaves only five bytes undefined
        raise SopImportError(path, None, None, None, _("the text encoding cannot be read"))
    return [line.split("\t") for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def docx_grid(path: Path) -> Grid:
    """Paragraphs and table rows in document order. A merged cell is written once (python-docx repeats
    it in every grid column it spans), as in the text copy."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as e:  # python-docx raises many kinds (KeyError, ValueError, lxml errors)
        raise SopImportError(path, None, None, None, _("the Word document cannot be read: %(error)s")
                             % {"error": type(e).__name__}) from None
    grid: Grid = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            grid.append([Paragraph(child, document).text])
        elif tag == "tbl":
            # Keyed by id() but holding the element: a dropped lxml proxy's id could be reused.
            seen: dict[int, object] = {}
            for row in Table(child, document).rows:
                cells = []
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        cells.append("")
                    else:
                        seen[id(cell._tc)] = cell._tc
                        cells.append(cell.text)
                grid.append(cells)
    return grid


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_grids(path: Path) -> list[Grid]:
    """One grid per sheet, in workbook order; the caller takes the first holding the procedure table."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
        try:
            return [[[_cell_text(v) for v in row[:MAX_SHEET_COLUMNS]]
                     for row in sheet.iter_rows(max_row=MAX_SHEET_ROWS, values_only=True)]
                    for sheet in workbook.worksheets]
        finally:
            workbook.close()
    except Exception as e:  # openpyxl reads lazily and raises many kinds on a damaged workbook
        raise SopImportError(path, None, None, None, _("the Excel workbook cannot be read: %(error)s")
                             % {"error": type(e).__name__}) from None
