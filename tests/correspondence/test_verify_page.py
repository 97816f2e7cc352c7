"""The public verification page: no login, plain verdicts, bad uploads."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from kinerja.correspondence import actions
from kinerja.correspondence.models import Document
from tests.base import PASSWORD

from .helpers import CorrespondenceTestCase, small_pdf
from .test_signing import flip_byte, url_for


class VerifyPageTestCase(CorrespondenceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        version = actions.create_document(cls.office, user=cls.staff, kind=Document.Kind.PERFORMANCE_DATA,
                                          title="Data Kinerja Triwulan IV 2024", content=small_pdf("Data"))
        actions.initial_version(version.pk, user=cls.subsection_head)
        actions.initial_version(version.pk, user=cls.secretary)
        cls.signature = actions.sign_version(version.pk, user=cls.head, password=PASSWORD, verify_url_for=url_for)
        cls.signed = cls.signature.file.read()

    def upload(self, data: bytes, name: str = "data.pdf"):  # type: ignore[no-untyped-def]
        return self.client.post(f"/v/{self.signature.token}/", {"file": SimpleUploadedFile(name, data)})

    def test_it_shows_what_was_signed_without_login(self) -> None:
        response = self.client.get(f"/v/{self.signature.token}/")
        self.assertContains(response, "Data Kinerja Triwulan IV 2024")
        self.assertContains(response, self.signature.version.sha256)
        self.assertContains(response, "Dr. Contoh Kadis Demo")

    def test_a_sound_file_of_another_document_says_it_is_not_the_one_of_the_code(self) -> None:
        version = actions.create_document(self.office, user=self.staff, kind=Document.Kind.OTHER,
                                          title="Nota Dinas Lain", content=small_pdf("Lain"))
        actions.initial_version(version.pk, user=self.subsection_head)
        actions.initial_version(version.pk, user=self.secretary)
        other = actions.sign_version(version.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)
        response = self.upload(other.file.read())
        self.assertContains(response, "Berkas ini dokumen bertanda tangan lain, bukan "
                                      '"Data Kinerja Triwulan IV 2024" pemilik kode verifikasi ini.')
        self.assertNotContains(self.upload(self.signed), "pemilik kode verifikasi ini")

    def test_an_unknown_code_is_404(self) -> None:
        self.assertEqual(self.client.get("/v/tidak-ada/").status_code, 404)

    def test_the_signed_file_is_valid(self) -> None:
        self.assertContains(self.upload(self.signed), "corr-verdict ok")

    def test_a_flipped_byte_is_not_valid_because_altered(self) -> None:
        response = self.upload(flip_byte(self.signed))
        self.assertContains(response, "corr-verdict bad")
        self.assertContains(response, "diubah setelah ditandatangani")

    def test_a_non_pdf_gets_a_clear_message(self) -> None:
        self.assertContains(self.upload(b"hello", "surat.txt"), "bukan PDF")

    def test_a_damaged_pdf_gets_a_clear_message(self) -> None:
        self.assertContains(self.upload(self.signed[:400]), "rusak")

    def test_an_unsigned_pdf_is_not_valid(self) -> None:
        self.assertContains(self.client.post("/verify/", {"file": SimpleUploadedFile("x.pdf", small_pdf())}),
                            "tidak memuat tanda tangan elektronik")

    @override_settings(KINERJA_MAX_UPLOAD_BYTES=1000)
    def test_an_oversize_upload_is_refused(self) -> None:
        response = self.upload(self.signed)
        self.assertEqual(response.status_code, 413)
        self.assertContains(response, "melebihi batas", status_code=413)
