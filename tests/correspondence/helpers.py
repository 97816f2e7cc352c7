"""Shared setup of the correspondence tests: a minimal PDF, a registered letter, demo keys in a
temporary directory, and the office's required initials (Kasubbag, then Sekretaris)."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from weasyprint import HTML

from kinerja.correspondence import actions
from kinerja.correspondence.models import Letter
from kinerja.correspondence.signing import install_demo_keys
from tests.base import KinerjaTestCase

_PDF: bytes | None = None


def small_pdf(text: str = "Surat Kepala Dinas") -> bytes:
    global _PDF
    if _PDF is None or text != "Surat Kepala Dinas":
        data = HTML(string=f"<h1>{text}</h1>").write_pdf()
        if text != "Surat Kepala Dinas":
            return data
        _PDF = data
    return _PDF


_scans = itertools.count(1)


def another_scan() -> bytes:
    """small_pdf() made unique by a PDF comment after its end, as two scans of two letters differ."""
    return small_pdf() + f"%scan {next(_scans)}\n".encode()


def pdf_upload(name: str = "surat.pdf", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, small_pdf() if data is None else data, content_type="application/pdf")


class CorrespondenceTestCase(KinerjaTestCase):
    """KinerjaTestCase with its own key directory (DATA_DIR) and the seed's required initials."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.data_dir = Path(tempfile.mkdtemp(prefix="kinerja-corresp-"))
        cls._data_override = override_settings(DATA_DIR=cls.data_dir)
        cls._data_override.enable()
        install_demo_keys(cls.data_dir / "keys")
        super().setUpClass()

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        cls._data_override.disable()
        shutil.rmtree(cls.data_dir, ignore_errors=True)

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        actions.set_required_initials(cls.office, [cls.positions["subsection_head"], cls.positions["secretary"]])

    def setUp(self) -> None:
        super().setUp()
        # Actions speak English here so messages read as in the code; pages answer in Indonesian.
        self.enterContext(translation.override("en"))

    def register(self, subject: str = "Penyusunan Data Kinerja Triwulan I", *, user=None, scan: bytes | None = None,
                 **kw) -> Letter:  # type: ignore[no-untyped-def]
        """A letter with a scan of its own (the register refuses a scan it already holds)."""
        data = actions.LetterInput(number=kw.pop("number", "800/12/III.07/2025"),
                                   letter_date=kw.pop("letter_date", dt.date(2025, 3, 20)),
                                   sender="Kepala Dinas Koperasi dan UKM", subject=subject,
                                   received_on=kw.pop("received_on", dt.date(2025, 3, 21)), **kw)
        return actions.register_letter(self.office, data, user=user or self.secretary,
                                       scan=pdf_upload(data=scan if scan is not None else another_scan()))
