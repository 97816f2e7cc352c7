"""The public verification page: no login, plain verdicts, bad uploads. The office's document is signed with
a real (not a demonstration) certificate; a demonstration signature has a verdict of its own."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from kinerja.correspondence import actions
from kinerja.correspondence.models import Document
from kinerja.correspondence.verification import verify_pdf
from tests.base import PASSWORD

from .helpers import CorrespondenceTestCase, office_signer, small_pdf
from .test_signing import flip_byte, url_for


class VerifyPageTestCase(CorrespondenceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        version = actions.create_document(cls.office, user=cls.staff, kind=Document.Kind.PERFORMANCE_DATA,
                                          title="Data Kinerja Triwulan IV 2024", content=small_pdf("Data"))
        actions.initial_version(version.pk, user=cls.subsection_head)
        actions.initial_version(version.pk, user=cls.secretary)
        cls.signature = actions.sign_version(version.pk, user=cls.head, password=PASSWORD, verify_url_for=url_for,
                                             signer=office_signer(cls.data_dir / "keys"))
        cls.signed = cls.signature.file.read()
        demo = actions.create_document(cls.office, user=cls.staff, kind=Document.Kind.OTHER,
                                       title="Nota Dinas Demo", content=small_pdf("Demo"))
        actions.initial_version(demo.pk, user=cls.subsection_head)
        actions.initial_version(demo.pk, user=cls.secretary)
        cls.demo_signature = actions.sign_version(demo.pk, user=cls.head, password=PASSWORD, verify_url_for=url_for)
        cls.demo_signed = cls.demo_signature.file.read()

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
        self.assertFalse(self.signature.is_demo)
        response = self.upload(self.signed)
        self.assertContains(response, "corr-verdict ok")
        self.assertContains(response, "<h2>SAH</h2>", html=False)
        self.assertNotContains(response, "DEMO")

    def test_a_demonstration_signature_is_not_shown_as_valid(self) -> None:
        self.assertTrue(self.demo_signature.is_demo)
        response = self.client.post(f"/v/{self.demo_signature.token}/",
                                    {"file": SimpleUploadedFile("demo.pdf", self.demo_signed)})
        self.assertContains(response, "corr-verdict demo")
        self.assertNotContains(response, "corr-verdict ok")
        self.assertNotContains(response, "<h2>SAH</h2>", html=False)
        self.assertContains(response, "<h2>TANDA TANGAN DEMO, TIDAK SAH SECARA HUKUM</h2>", html=False)
        self.assertContains(response, "Dokumen tidak berubah sejak ditandatangani")  # and still says it is unchanged
        self.assertEqual(verify_pdf(self.demo_signed).code, "demo")

    def test_an_altered_demonstration_signature_is_not_valid_and_says_it_is_a_demo(self) -> None:
        response = self.client.post(f"/v/{self.demo_signature.token}/",
                                    {"file": SimpleUploadedFile("demo.pdf", flip_byte(self.demo_signed))})
        self.assertContains(response, "corr-verdict bad")
        self.assertContains(response, "<h2>TIDAK SAH</h2>", html=False)
        self.assertContains(response, "diubah setelah ditandatangani")
        self.assertContains(response, "sertifikat demonstrasi")
        verdict = verify_pdf(flip_byte(self.demo_signed))
        self.assertEqual((verdict.code, verdict.demo), ("altered", True))

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
