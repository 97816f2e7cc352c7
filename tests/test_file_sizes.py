"""File sizes in messages are written as the reader's language writes numbers (kinerja.uploads.megabytes):
"0,1 MB" and a limit of "1.536 MB" in Indonesian, "0.1 MB" and "1,536 MB" in English. Every message that
shows a size uses it: a letter's PDF and its scanned pages (correspondence), the limit of a stored file,
and an SOP document too large to import."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, override_settings
from django.utils import translation

from kinerja.correspondence import views
from kinerja.correspondence.actions import BadUpload, read_pdf_upload
from kinerja.correspondence.scans import BadScan, scan_bytes
from kinerja.sop.importers.draft import SopImportError
from kinerja.sop.importers.readers import check_size
from kinerja.uploads import megabytes

TENTH = 110_000  # bytes: 0.1 MB (104.9 KB … 157.3 KB round to it)


def upload(name: str, size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-" + b"0" * (size - 5), content_type="application/pdf")


class MegabytesTestCase(SimpleTestCase):
    def test_the_number_is_written_the_active_language_s_way_and_rounded_half_up(self) -> None:
        with translation.override("id"):
            self.assertEqual((megabytes(TENTH), megabytes(1536 * 2**20, 0), megabytes(0.25 * 2**20)),
                             ("0,1", "1.536", "0,3"))
        with translation.override("en"):
            self.assertEqual((megabytes(TENTH), megabytes(1536 * 2**20, 0), megabytes(0.25 * 2**20)),
                             ("0.1", "1,536", "0.3"))


@override_settings(KINERJA_MAX_UPLOAD_BYTES=50_000, KINERJA_MAX_REQUEST_BYTES=200_000)
class SizeMessagesTestCase(SimpleTestCase):
    def refusal(self, error: type[Exception], call: object, language: str) -> str:
        with translation.override(language), self.assertRaises(error) as caught:
            call()  # type: ignore[operator]
        return str(caught.exception)

    def test_a_letter_s_pdf_too_large(self) -> None:
        def call() -> None:
            read_pdf_upload(upload("surat.pdf", TENTH), field="Pindaian surat")
        self.assertIn("berukuran 0,1 MB", self.refusal(BadUpload, call, "id"))
        self.assertIn("is 0.1 MB", self.refusal(BadUpload, call, "en"))

    def test_a_scanned_page_too_large_and_pages_too_large_together(self) -> None:
        def one() -> None:
            scan_bytes([upload("hal-1.pdf", TENTH)], field="Pindaian surat", read_pdf=read_pdf_upload)

        def together() -> None:
            scan_bytes([upload(f"hal-{n}.jpg", 45_000) for n in range(1, 6)], field="Pindaian surat",
                       read_pdf=read_pdf_upload)
        self.assertIn("berukuran 0,1 MB", self.refusal(BadScan, one, "id"))
        self.assertIn("is 0.1 MB", self.refusal(BadScan, one, "en"))
        self.assertIn("0,2 MB", self.refusal(BadScan, together, "id"))
        self.assertIn("0.2 MB", self.refusal(BadScan, together, "en"))

    @override_settings(KINERJA_MAX_UPLOAD_BYTES=1536 * 2**20)
    def test_the_limit_of_a_stored_file(self) -> None:
        with translation.override("id"):
            self.assertIn("batas 1.536 MB", views._too_large_message())
        with translation.override("en"):
            self.assertIn("limit of 1,536 MB", views._too_large_message())

    def test_an_sop_document_too_large(self) -> None:
        path = Path(tempfile.mkdtemp(prefix="kinerja-size-")) / "sop.docx"
        path.write_bytes(b"0" * TENTH)
        self.assertIn("“0,1 MB”", self.refusal(SopImportError, lambda: check_size(path), "id"))
        self.assertIn("“0.1 MB”", self.refusal(SopImportError, lambda: check_size(path), "en"))
