"""Uploaded PDFs that open in a PDF reader but that kinerja's tools trip on: pyHanko's reader (a compressed
cross-reference table cut short), its writer (a page whose contents are a number, where the initials box is
drawn) and pdfminer (what the last page holds, under where the stamps go). Each is refused on upload with the
file's name, or printed and signed safely; none gave anything but a server error before."""

from __future__ import annotations

import zlib
from unittest import mock

from kinerja.correspondence import actions
from kinerja.correspondence.models import Document
from kinerja.correspondence.renderers import pdf as pdf_renderer
from kinerja.correspondence.renderers.documents import stamps_area
from kinerja.correspondence.verification import verify_pdf
from kinerja.errors import KinerjaError
from tests.base import PASSWORD
from tests.pdf_layout import page_texts

from .helpers import CorrespondenceTestCase, pdf_upload, small_pdf
from .test_signing import url_for


def hand_pdf(objects: list[bytes], *, cut_xref_stream: bool = False) -> bytes:
    """A PDF of `objects` (numbered from 1, the first the catalogue) with a correct cross-reference table, or
    with a compressed cross-reference stream whose last bytes are missing (`cut_xref_stream`)."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref, size = len(out), len(objects) + 1
    if not cut_xref_stream:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % size + b"".join(b"%010d 00000 n \n" % o for o in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
        return bytes(out)
    entries = b"\x00\x00\x00\x00\x00\xff\xff" + b"".join(b"\x01" + o.to_bytes(4, "big") + b"\x00\x00"
                                                         for o in [*offsets, xref])
    data = zlib.compress(entries)[:-6]
    out += (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n"
            % (size, size + 1, len(data)) + data + b"\nendstream\nendobj\n")
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def one_page(contents: bytes = b"4 0 R") -> list[bytes]:
    text = b"BT /F1 12 Tf 72 700 Td (Surat) Tj ET"
    return [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
            b"/Contents " + contents + b" >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]


def sign(test: CorrespondenceTestCase, version_id: int):  # type: ignore[no-untyped-def]
    actions.initial_version(version_id, user=test.subsection_head)
    actions.initial_version(version_id, user=test.secretary)
    return actions.sign_version(version_id, user=test.head, password=PASSWORD, verify_url_for=url_for)


class OddPdfTestCase(CorrespondenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.version = actions.create_document(self.office, user=self.staff, kind=Document.Kind.OTHER,
                                               title="Nota Dinas", content=small_pdf("Draf 1"))
        self.client.force_login(self.staff)

    def upload(self, name: str, data: bytes):  # type: ignore[no-untyped-def]
        return self.client.post(f"/documents/{self.version.document_id}/upload/",
                                {"file": pdf_upload(name, data), "note": "Perbaikan"}, follow=True)

    def test_the_hand_made_pdf_is_a_sound_one(self) -> None:
        # The damage below is the only thing wrong with the files of these tests.
        response = self.upload("baik.pdf", hand_pdf(one_page()))
        self.assertContains(response, "Versi 2 tersimpan")

    def test_a_compressed_cross_reference_cut_short_is_refused_naming_the_file(self) -> None:
        # pyHanko raised zlib.error, which the check did not catch: a server error page.
        response = self.upload("terpotong.pdf", hand_pdf(one_page(), cut_xref_stream=True))
        self.assertContains(response, "Versi baru: terpotong.pdf adalah PDF yang rusak (Error -5 while decompressing")
        self.assertEqual(self.version.document.versions.count(), 1)

    def test_a_pdf_the_initials_box_cannot_be_drawn_on_is_refused_when_it_is_uploaded(self) -> None:
        # Its page's contents are a number: pyHanko opens it, so it was kept, and printing it with its initials
        # box, or signing it after both initials, failed with a server error.
        damaged = hand_pdf(one_page(contents=b"7"))
        response = self.upload("isi-rusak.pdf", damaged)
        self.assertContains(response, "Versi baru: isi-rusak.pdf rusak, meskipun pembaca PDF masih dapat membukanya, "
                                      "sehingga paraf dan tanda tangan tidak dapat ditambahkan padanya "
                                      "(Unexpected type for page /Contents)")
        self.assertEqual(self.version.document.versions.count(), 1)
        with self.assertRaisesMessage(KinerjaError, "Surat rusak rusak, meskipun pembaca PDF"):
            actions.create_document(self.office, user=self.staff, kind=Document.Kind.OTHER, title="Surat rusak",
                                    content=damaged)
        self.assertEqual(Document.objects.count(), 1)

    def test_a_pdf_pdfminer_cannot_read_gets_its_stamps_on_a_page_of_their_own_and_signs(self) -> None:
        # What the last page holds under the stamps is read with pdfminer; a file it cannot read (here made so
        # by making pdfminer fail) gave a server error when printed or signed. Its stamps go on a page of their
        # own, where they cover nothing.
        content = hand_pdf(one_page())
        with mock.patch("pdfplumber.open", side_effect=ValueError("pdfminer: bad font")):
            self.assertTrue(pdf_renderer.stamps_need_a_page(content, stamps_area()))
            version = actions.add_version(self.version.document_id, user=self.staff, content=content)
            response = self.client.get(f"/documents/versions/{version.pk}.pdf")
            self.assertEqual(response.status_code, 200)
            printed = b"".join(response.streaming_content) if response.streaming else response.content
            signature = sign(self, version.pk)
        texts = page_texts(printed)
        self.assertEqual(len(texts), 2)
        self.assertIn("Surat", texts[0])
        self.assertIn("Paraf", texts[1])
        self.assertEqual(verify_pdf(signature.file.read()).signature, signature)
