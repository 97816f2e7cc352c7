"""A version whose stored PDF cannot take the initials box or the signature: one kept before uploads were checked
(check_pdf_bytes with signable), or damaged in storage since. Printing it with its initials box, initialling it and
signing it answered a server error; each is now refused on the document's page, naming the document, the version,
its file and what is wrong, and nothing is saved."""

from __future__ import annotations

from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from kinerja.correspondence import actions
from kinerja.correspondence.models import Document, DocumentVersion, Initial, Signature, SignatureEvent
from tests.base import PASSWORD

from .helpers import CorrespondenceTestCase, small_pdf
from .test_odd_pdfs import hand_pdf, one_page

# Each opens in pyHanko's reader or not, but the initials box cannot be drawn on any of them.
DAMAGED = {
    "contents": hand_pdf(one_page(contents=b"7")),  # its page's contents are a number
    "cut": small_pdf("Surat terpotong")[:400],  # the end of the file is missing
}


def signed_files() -> list[str]:
    return [p.name for p in Path(default_storage.location).rglob("ditandatangani-*")]


class DamagedStoredPdfTestCase(CorrespondenceTestCase):
    def store(self, data: bytes, *, initialled: bool = False) -> DocumentVersion:
        """Version 1 of "Nota Dinas Rapat" holding `data` as if kept before the upload check existed."""
        version = actions.create_document(self.office, user=self.staff, kind=Document.Kind.OTHER,
                                          title="Nota Dinas Rapat", content=small_pdf("Draf 1"))
        version.file.delete(save=False)
        version.file.save("dokumen-lama.pdf", ContentFile(data), save=False)
        version.sha256 = actions.sha256(data)
        version.save()
        if initialled:  # initialled before the check, too
            for user in (self.subsection_head, self.secretary):
                position = next(p for p in actions.required_positions(self.office)
                                if p.pk in actions.own_positions(user, self.office))
                Initial.objects.create(office=self.office, version=version, sha256=version.sha256, user=user,
                                       name=user.person.full_name, position=position, position_title=position.title)
        return version

    def refusal(self, version: DocumentVersion) -> str:
        return (f"Nota Dinas Rapat, versi 1 ({version.file.name.rsplit('/', 1)[-1]}): PDF yang tersimpan rusak, "
                "sehingga kotak paraf dan tanda tangan tidak dapat ditambahkan padanya (")

    def test_printing_it_with_its_initials_box_is_refused_naming_the_file(self) -> None:
        for problem, data in DAMAGED.items():
            with self.subTest(problem):
                version = self.store(data)
                self.client.force_login(self.staff)
                response = self.client.get(f"/documents/versions/{version.pk}.pdf", follow=True)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.redirect_chain[-1][0], f"/documents/{version.document_id}/")
                self.assertContains(response, self.refusal(version))
                self.assertContains(response, "Unggah dokumen itu lagi sebagai versi baru")

    def test_initialling_it_is_refused_and_records_no_initial(self) -> None:
        for problem, data in DAMAGED.items():
            with self.subTest(problem):
                version = self.store(data)
                self.client.force_login(self.subsection_head)
                response = self.client.post(f"/documents/versions/{version.pk}/initial/", follow=True)
                self.assertContains(response, self.refusal(version))
                self.assertFalse(Initial.objects.filter(version=version).exists())

    def test_signing_it_is_refused_and_saves_no_signature_nor_event(self) -> None:
        for problem, data in DAMAGED.items():
            with self.subTest(problem):
                version = self.store(data, initialled=True)
                self.client.force_login(self.head)
                response = self.client.post(f"/documents/versions/{version.pk}/sign/", {"password": PASSWORD},
                                            follow=True)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, self.refusal(version))
                self.assertContains(response, "Tidak ada yang ditandatangani.")
                self.assertFalse(Signature.objects.exists())
                self.assertFalse(SignatureEvent.objects.exists())
                self.assertEqual(signed_files(), [])

    def test_a_new_sound_version_then_signs(self) -> None:
        version = self.store(DAMAGED["contents"], initialled=True)
        self.client.force_login(self.staff)
        fresh = actions.add_version(version.document_id, user=self.staff, content=small_pdf("Draf 2"))
        actions.initial_version(fresh.pk, user=self.subsection_head)
        actions.initial_version(fresh.pk, user=self.secretary)
        self.client.force_login(self.head)
        response = self.client.post(f"/documents/versions/{fresh.pk}/sign/", {"password": PASSWORD}, follow=True)
        self.assertContains(response, "Ditandatangani.")
        self.assertEqual(Signature.objects.get().version, fresh)
