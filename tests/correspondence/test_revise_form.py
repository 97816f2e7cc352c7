"""The form that changes an outgoing document's text (a new version): on an error the page comes back with what
was typed and the errors beside it, and nothing is saved, as the other forms do."""

from __future__ import annotations

from kinerja.correspondence import actions
from kinerja.correspondence.models import Document, DocumentVersion
from tests.base import PASSWORD

from .helpers import CorrespondenceTestCase

BAPPEDA = "Kepala Badan Perencanaan Pembangunan Daerah Kota Bandar Lampung"


class ReviseFormTestCase(CorrespondenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.version = actions.create_outgoing(self.office, actions.OutgoingInput(
            kind=Document.Kind.OFFICIAL_LETTER, title="Penyampaian Data UMKM Binaan", addressee=BAPPEDA,
            classification="005", body="Bersama ini kami sampaikan data UMKM binaan."), user=self.subsection_head)
        self.url = f"/documents/{self.version.document_id}/revise/"
        self.typed = {"title": "Penyampaian Data UMKM Binaan Triwulan I", "addressee": BAPPEDA,
                      "addressee_place": "Jakarta", "attachment": "2 (dua) berkas",
                      "body": "Bersama ini kami sampaikan data UMKM binaan Triwulan I yang telah diverifikasi.",
                      "note": "Data Triwulan I ditambahkan"}
        self.client.force_login(self.staff)

    def assert_nothing_saved(self) -> None:
        self.assertEqual(DocumentVersion.objects.filter(document_id=self.version.document_id).count(), 1)
        document = Document.objects.get(pk=self.version.document_id)
        self.assertEqual((document.title, document.addressee_place, document.attachment, document.body),
                         ("Penyampaian Data UMKM Binaan", "", "", "Bersama ini kami sampaikan data UMKM binaan."))

    def test_a_missing_field_brings_the_page_back_with_everything_typed(self) -> None:
        page = self.client.post(self.url, {**self.typed, "note": ""})
        self.assertEqual(page.status_code, 400)
        self.assertContains(page, 'name="title" value="Penyampaian Data UMKM Binaan Triwulan I"', status_code=400)
        self.assertContains(page, 'name="addressee_place" value="Jakarta"', status_code=400)
        self.assertContains(page, 'name="attachment" value="2 (dua) berkas"', status_code=400)
        self.assertContains(page, "data UMKM binaan Triwulan I yang telah diverifikasi.</textarea>", status_code=400)
        # The error beside the field left empty, in the form opened to show it.
        self.assertContains(page, '<details class="corr-gap" id="revise" open>', status_code=400)
        self.assertContains(page, '<div class="error">Bidang ini tidak boleh kosong.</div>', status_code=400)
        self.assert_nothing_saved()

    def test_a_good_change_is_saved_as_a_new_version(self) -> None:
        response = self.client.post(self.url, self.typed)
        self.assertRedirects(response, f"/documents/{self.version.document_id}/")
        self.assertEqual(DocumentVersion.objects.filter(document_id=self.version.document_id).count(), 2)

    def test_a_document_signed_meanwhile_says_so(self) -> None:
        actions.initial_version(self.version.pk, user=self.subsection_head)
        actions.initial_version(self.version.pk, user=self.secretary)
        actions.sign_version(self.version.pk, user=self.head, password=PASSWORD,
                             verify_url_for=lambda token: f"http://testserver/v/{token}/")
        page = self.client.post(self.url, self.typed)
        self.assertContains(page, "Penyampaian Data UMKM Binaan sudah ditandatangani", status_code=400)
        self.assertEqual(DocumentVersion.objects.filter(document_id=self.version.document_id).count(), 1)
