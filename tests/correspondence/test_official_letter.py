"""Surat dinas: the office's letter to another agency (Permendagri 1/2023), beside the internal nota dinas. It is
numbered from the outgoing register, printed with the place and date, Nomor, Lampiran, Hal and "Yth. … di …",
and initialled and signed as the other outgoing documents are."""

from __future__ import annotations

import subprocess

from kinerja.correspondence import actions
from kinerja.correspondence.models import Counter, Document, Signature
from kinerja.correspondence.renderers.pdf import long_date
from tests.base import PASSWORD

from .helpers import CorrespondenceTestCase

BAPPEDA = "Kepala Badan Perencanaan Pembangunan Daerah Kota Bandar Lampung"


class OfficialLetterTestCase(CorrespondenceTestCase):
    def create(self, **kw) -> actions.DocumentVersion:  # type: ignore[no-untyped-def,name-defined]
        data = actions.OutgoingInput(kind=kw.pop("kind", Document.Kind.OFFICIAL_LETTER),
                                     title=kw.pop("title", "Penyampaian Data UMKM Binaan"),
                                     addressee=kw.pop("addressee", BAPPEDA), classification="005",
                                     body=kw.pop("body", "Bersama ini kami sampaikan data UMKM binaan.\n\n"
                                                         "Atas perhatiannya kami ucapkan terima kasih."), **kw)
        return actions.create_outgoing(self.office, data, user=self.subsection_head)

    def text(self, version) -> str:  # type: ignore[no-untyped-def]
        """The letter's text as laid out (-layout: the default mode drops the "-" of "Lampiran : -" at a line's
        end, reading it as a hyphenation)."""
        path = self.data_dir / "surat-dinas.pdf"
        with version.file.open("rb") as f:
            path.write_bytes(f.read())
        return " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())

    def test_the_form_offers_it_for_a_new_letter_and_for_a_reply(self) -> None:
        letter = self.register("Permohonan Data UMKM Binaan")
        self.client.force_login(self.staff)
        for url in ("/documents/new/", f"/documents/new/?letter={letter.pk}"):
            self.assertContains(self.client.get(url), '<option value="official_letter">Surat dinas (ke instansi lain)'
                                                      '</option>', html=True)

    def test_the_form_creates_one_in_reply_to_a_letter(self) -> None:
        letter = self.register("Permohonan Data UMKM Binaan")
        self.client.force_login(self.staff)
        response = self.client.post(f"/documents/new/?letter={letter.pk}", {
            "kind": "official_letter", "title": "Penyampaian Data UMKM Binaan", "addressee": BAPPEDA,
            "addressee_place": "", "attachment": "1 (satu) berkas", "classification": "005", "body": "Terlampir."})
        document = Document.objects.get()
        self.assertRedirects(response, f"/documents/{document.pk}/")
        self.assertEqual((document.kind, document.letter, document.attachment),
                         (Document.Kind.OFFICIAL_LETTER, letter, "1 (satu) berkas"))

    def test_it_is_numbered_from_the_outgoing_register_with_the_other_kinds(self) -> None:
        memo = self.create(kind=Document.Kind.MEMO, addressee="Sekretaris Dinas")
        letter = self.create()
        year = actions._today(self.office).year
        self.assertEqual((memo.document.number, letter.document.number), (f"005/001/{year}", f"005/002/{year}"))
        self.assertEqual(Counter.objects.get(office=self.office, register=Counter.Register.OUTGOING).last, 2)

    def test_it_prints_as_a_surat_dinas_of_permendagri_1_2023(self) -> None:
        version = self.create(attachment="1 (satu) berkas")
        text = self.text(version)
        today = actions._today(self.office)
        number = version.document.number
        for expected in ("PEMERINTAH KOTA BANDAR LAMPUNG", f"Bandar Lampung, {long_date(today)}",
                         f"Nomor : {number}", "Lampiran : 1 (satu) berkas", "Hal : Penyampaian Data UMKM Binaan",
                         f"Yth. {BAPPEDA} di Tempat", "Bersama ini kami sampaikan data UMKM binaan."):
            self.assertIn(expected, text)
        # A letter to another agency is no nota dinas: no title, no "Kepada Yth." and "Dari" of a memo.
        for memo_only in ("NOTA DINAS", "Kepada Yth.", "Dari :", "Dasar"):
            self.assertNotIn(memo_only, text)

    def test_an_addressee_in_another_town_and_a_letter_without_attachment(self) -> None:
        text = self.text(self.create(addressee="Yth. Kepala Dinas Koperasi dan UKM Provinsi Lampung",
                                     addressee_place="Bandar Lampung"))
        self.assertIn("Lampiran : - Hal", text)
        self.assertIn("Yth. Kepala Dinas Koperasi dan UKM Provinsi Lampung di Bandar Lampung", text)
        self.assertEqual(text.count("Yth."), 1)

    def test_a_di_tempat_typed_after_the_addressee_is_not_printed_twice(self) -> None:
        text = self.text(self.create(addressee=f"{BAPPEDA} di - Tempat"))
        self.assertIn(f"Yth. {BAPPEDA} di Tempat", text)
        self.assertEqual(text.count("Tempat"), 1)

    def test_only_a_surat_dinas_takes_an_addressee_s_town(self) -> None:
        with self.assertRaisesMessage(actions.BadValue, "Addressee's town: only a surat dinas names the town of its "
                                                        "addressee (\"di Jakarta\")") as refused:
            self.create(kind=Document.Kind.MEMO, addressee_place="Jakarta")
        self.assertEqual(refused.exception.field, "addressee_place")
        self.assertFalse(Document.objects.exists())
        self.assertFalse(Counter.objects.filter(office=self.office).exclude(last=0).exists())  # no number used

    def test_it_takes_the_initials_and_the_head_s_signature(self) -> None:
        version = self.create()
        self.assertTrue(version.document.takes_approvals)
        self.assertEqual(actions.missing_initials(version), [self.positions["subsection_head"],
                                                             self.positions["secretary"]])
        with self.assertRaises(actions.SigningRefused):
            actions.sign_version(version.pk, user=self.head, password=PASSWORD,
                                 verify_url_for=lambda token: f"http://testserver/v/{token}/")
        actions.initial_version(version.pk, user=self.subsection_head)
        actions.initial_version(version.pk, user=self.secretary)
        signature = actions.sign_version(version.pk, user=self.head, password=PASSWORD,
                                         verify_url_for=lambda token: f"http://testserver/v/{token}/")
        self.assertEqual(Signature.objects.get(), signature)
        self.assertEqual(signature.signer_title, "Kepala Dinas Koperasi dan UKM")

    def test_a_revision_keeps_it_a_surat_dinas_with_its_town_and_attachment(self) -> None:
        version = self.create(addressee_place="Jakarta")
        self.client.force_login(self.staff)
        page = self.client.get(f"/documents/{version.document_id}/")
        self.assertContains(page, 'name="addressee_place" value="Jakarta"')
        self.client.post(f"/documents/{version.document_id}/revise/", {
            "title": "Penyampaian Data UMKM Binaan", "addressee": BAPPEDA, "addressee_place": "Jakarta",
            "attachment": "2 (dua) berkas", "body": "Isi baru.", "note": "Lampiran ditambah"})
        newer = version.document.versions.get(version=2)
        self.assertIn("Lampiran : 2 (dua) berkas", self.text(newer))
        self.assertIn("di Jakarta", self.text(newer))

    def test_a_memo_s_revision_form_has_no_addressee_s_town(self) -> None:
        memo = self.create(kind=Document.Kind.MEMO, addressee="Sekretaris Dinas")
        self.client.force_login(self.staff)
        page = self.client.get(f"/documents/{memo.document_id}/")
        self.assertContains(page, 'name="attachment"')
        self.assertNotContains(page, 'name="addressee_place"')


class NatureAndCopiesTestCase(CorrespondenceTestCase):
    """Sifat under the Nomor, before the Lampiran; Tembusan, numbered, at the bottom left after the signature
    (Permendagri 1/2023); each printed only when given."""

    create = OfficialLetterTestCase.create
    text = OfficialLetterTestCase.text

    def test_they_print_where_permendagri_1_2023_puts_them(self) -> None:
        version = self.create(nature="Segera", attachment="1 (satu) berkas",
                              copies_to="Wali Kota Bandar Lampung\n\n2. Inspektur Kota Bandar Lampung  \n")
        text = self.text(version)
        number = version.document.number
        self.assertIn(f"Nomor : {number}", text)
        self.assertIn("Sifat : Segera Lampiran : 1 (satu) berkas Hal : Penyampaian Data UMKM Binaan", text)
        # After the text and the room for the signature, the last lines: numbered once, a typed number left out.
        self.assertTrue(text.endswith("Tembusan: 1. Wali Kota Bandar Lampung 2. Inspektur Kota Bandar Lampung"), text)
        self.assertLess(text.index("Atas perhatiannya kami ucapkan terima kasih."), text.index("Tembusan:"))

    def test_empty_they_are_not_printed(self) -> None:
        text = self.text(self.create())
        self.assertNotIn("Sifat", text)
        self.assertNotIn("Tembusan", text)
        self.assertIn("Lampiran : - Hal", text)

    def test_the_forms_take_them_for_a_new_letter_a_reply_and_a_revision(self) -> None:
        letter = self.register("Permohonan Data UMKM Binaan")
        self.client.force_login(self.staff)
        for url in ("/documents/new/", f"/documents/new/?letter={letter.pk}"):
            page = self.client.get(url)
            self.assertContains(page, 'name="nature"')
            self.assertContains(page, '<option value="Sangat Segera"></option>', html=False)
            self.assertContains(page, '<textarea name="copies_to"', html=False)
        self.client.post(f"/documents/new/?letter={letter.pk}", {
            "kind": "official_letter", "title": "Penyampaian Data UMKM Binaan", "addressee": BAPPEDA,
            "addressee_place": "", "nature": "Biasa", "attachment": "", "classification": "005", "body": "Terlampir.",
            "copies_to": "Wali Kota Bandar Lampung"})
        document = Document.objects.get()
        self.assertEqual((document.nature, document.copies_to), ("Biasa", "Wali Kota Bandar Lampung"))
        page = self.client.get(f"/documents/{document.pk}/")
        self.assertContains(page, 'name="nature" value="Biasa"')
        self.assertContains(page, "Wali Kota Bandar Lampung</textarea>")
        self.client.post(f"/documents/{document.pk}/revise/", {
            "title": "Penyampaian Data UMKM Binaan", "addressee": BAPPEDA, "addressee_place": "", "attachment": "",
            "nature": "Rahasia", "body": "Terlampir.", "copies_to": "Wali Kota Bandar Lampung\nInspektur",
            "note": "Sifat dan tembusan diubah"})
        newer = document.versions.get(version=2)
        text = self.text(newer)
        self.assertIn("Sifat : Rahasia", text)
        self.assertIn("Tembusan: 1. Wali Kota Bandar Lampung 2. Inspektur", text)
        # Emptied on a revision: no longer printed.
        self.client.post(f"/documents/{document.pk}/revise/", {
            "title": "Penyampaian Data UMKM Binaan", "addressee": BAPPEDA, "addressee_place": "", "attachment": "",
            "nature": "", "body": "Terlampir.", "copies_to": "", "note": "Tanpa sifat"})
        text = self.text(document.versions.get(version=3))
        self.assertNotIn("Sifat", text)
        self.assertNotIn("Tembusan", text)

    def test_only_a_surat_dinas_takes_them(self) -> None:
        for field, typed in (("nature", {"nature": "Segera"}), ("copies_to", {"copies_to": "Inspektur"})):
            with self.subTest(field=field), self.assertRaises(actions.BadValue) as refused:
                self.create(kind=Document.Kind.MEMO, addressee="Sekretaris Dinas", **typed)
            self.assertEqual(refused.exception.field, field)
        self.assertFalse(Document.objects.exists())
        memo = self.create(kind=Document.Kind.MEMO, addressee="Sekretaris Dinas")
        self.client.force_login(self.staff)
        page = self.client.get(f"/documents/{memo.document_id}/")
        self.assertNotContains(page, 'name="nature"')
        self.assertNotContains(page, 'name="copies_to"')
