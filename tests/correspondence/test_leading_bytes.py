"""A PDF with bytes before its "%PDF-" (some scanners and mail gateways add a line or a preamble; PDF readers
look for the header within the first 1024 bytes and skip them): kinerja keeps the PDF from its header on and
says so, and verifies a signed file that got them on the way. It refused such a scan as "neither a PDF nor an
image", such a draft as "not a PDF file", and such a signed file as "not a PDF"."""

from __future__ import annotations

import datetime as dt

from django.contrib.messages import get_messages

from kinerja.correspondence import actions
from kinerja.correspondence.models import Document, Letter
from kinerja.correspondence.verification import verify_pdf
from kinerja.errors import KinerjaError
from tests.base import PASSWORD

from .helpers import CorrespondenceTestCase, pdf_upload, small_pdf
from .test_signing import flip_byte, url_for

GATEWAY = b"X-Scanned-By: MailGateway 3.1\r\n\r\n"


class LeadingBytesTestCase(CorrespondenceTestCase):
    def test_a_scan_is_registered_without_them_and_the_page_says_so(self) -> None:
        self.client.force_login(self.secretary)
        response = self.client.post("/letters/new/", {
            "kind": "general", "number": "005/1/2025", "letter_date": "2025-03-20", "sender": "Bappeda",
            "subject": "Undangan", "classification": "005", "received_on": "2025-03-21",
            "scan": pdf_upload("pindaian.pdf", GATEWAY + small_pdf("Undangan rapat"))}, follow=True)
        letter = Letter.objects.get()
        self.assertEqual(letter.scan.read(), small_pdf("Undangan rapat"))
        self.assertEqual(letter.scan_sha256, actions.sha256(small_pdf("Undangan rapat")))
        self.assertIn(f"Pindaian surat: pindaian.pdf memuat {len(GATEWAY)} bita sebelum awal PDF",
                      [str(m) for m in get_messages(response.wsgi_request)][0])
        self.assertContains(response, f"pindaian.pdf memuat {len(GATEWAY)} bita sebelum awal PDF")

    def test_more_than_1024_bytes_before_the_header_is_no_pdf(self) -> None:
        data = actions.LetterInput("1", dt.date(2025, 3, 1), "X", "Y", dt.date(2025, 3, 2))
        with self.assertRaisesMessage(KinerjaError, "jauh.pdf is neither a PDF nor a JPG, PNG or TIFF image."):
            actions.register_letter(self.office, data, user=self.secretary,
                                    scan=pdf_upload("jauh.pdf", b"x" * 1025 + small_pdf()))

    def test_a_new_version_is_kept_without_them_and_can_be_initialled_and_signed(self) -> None:
        version = actions.create_document(self.office, user=self.staff, kind=Document.Kind.OTHER,
                                          title="Nota Dinas", content=small_pdf("Draf 1"))
        self.client.force_login(self.staff)
        response = self.client.post(f"/documents/{version.document_id}/upload/", {
            "file": pdf_upload("draf2.pdf", GATEWAY + small_pdf("Draf 2")), "note": "Perbaikan"}, follow=True)
        self.assertContains(response, f"draf2.pdf memuat {len(GATEWAY)} bita sebelum awal PDF")
        newer = version.document.versions.get(version=2)
        self.assertEqual(newer.file.read(), small_pdf("Draf 2"))
        actions.initial_version(newer.pk, user=self.subsection_head)
        actions.initial_version(newer.pk, user=self.secretary)
        signature = actions.sign_version(newer.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)
        self.assertEqual(verify_pdf(signature.file.read()).signature, signature)

    def test_a_signed_file_that_got_them_on_the_way_verifies_and_the_verdict_says_so(self) -> None:
        version = actions.create_document(self.office, user=self.staff, kind=Document.Kind.OTHER,
                                          title="Nota Dinas", content=small_pdf("Draf"))
        actions.initial_version(version.pk, user=self.subsection_head)
        actions.initial_version(version.pk, user=self.secretary)
        signature = actions.sign_version(version.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)
        signed = signature.file.read()
        verdict = verify_pdf(GATEWAY + signed)
        self.assertEqual((verdict.code, verdict.signature), ("demo", signature))
        self.assertIn(f"The file has {len(GATEWAY)} bytes before the start of the PDF", " ".join(verdict.summary()))
        # Altered after the header is still altered.
        self.assertEqual(verify_pdf(GATEWAY + flip_byte(signed)).code, "altered")
