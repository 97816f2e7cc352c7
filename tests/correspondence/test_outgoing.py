"""Outgoing documents from templates: numbered from the outgoing register, with the letterhead, as
PDF versions; a change of text is a new version."""

from __future__ import annotations

import subprocess

from kinerja.correspondence import actions
from kinerja.correspondence.models import Counter, Document, RegisterSettings
from kinerja.correspondence.renderers.documents import INITIALS_BOX, INITIALS_SIZE
from kinerja.correspondence.renderers.pdf import INITIALS_ANCHOR, SIGNATURE_ANCHOR, stamp_place
from kinerja.correspondence.signing import BLOCK_BOX, BLOCK_SIZE
from kinerja.errors import NotAllowed

from .helpers import CorrespondenceTestCase


class OutgoingTestCase(CorrespondenceTestCase):
    def test_paragraphs_typed_in_a_browser_print_as_paragraphs(self) -> None:
        from unittest import mock

        from kinerja.correspondence.renderers import documents

        self.client.force_login(self.subsection_head)
        with mock.patch.object(documents, "render_pdf", wraps=documents.render_pdf) as render:
            self.client.post("/documents/new/", {
                "kind": "cover_letter", "title": "Penyampaian Data Kinerja", "addressee": "Kepala Bapperida",
                "classification": "005",
                # A textarea sends CRLF; the second empty line holds a space.
                "body": "Bersama ini kami sampaikan:\r\n1. Data IKU;\r\n2. Bukti dukung.\r\n\r\n"
                        "Mohon diterima.\r\n \r\nTerima kasih."})
        self.assertEqual(render.call_args.args[1]["paragraphs"],
                         ["Bersama ini kami sampaikan:\n1. Data IKU;\n2. Bukti dukung.", "Mohon diterima.",
                          "Terima kasih."])

    def create(self, user=None, **kw):  # type: ignore[no-untyped-def]
        data = actions.OutgoingInput(kind=kw.pop("kind", Document.Kind.DATA_REQUEST),
                                     title="Permintaan Data Realisasi Triwulan I 2025",
                                     addressee=kw.pop("addressee", "Kepala Bidang UMKM"), classification="005",
                                     body="Mohon disampaikan realisasi.\n\nTerima kasih.", **kw)
        return actions.create_outgoing(self.office, data, user=user or self.subsection_head)

    def text(self, data: bytes) -> str:
        path = self.data_dir / "keluar.pdf"
        path.write_bytes(data)
        return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())

    def test_it_numbers_from_the_outgoing_register_and_prints_the_letterhead(self) -> None:
        first, second = self.create(), self.create(kind=Document.Kind.MEMO)
        year = actions._today(self.office).year
        self.assertEqual(first.document.number, f"005/001/{year}")
        self.assertEqual(second.document.number, f"005/002/{year}")
        text = self.text(first.file.read())
        for expected in ("PEMERINTAH KOTA BANDAR LAMPUNG", "SURAT PERMINTAAN DATA", f"Nomor: 005/001/{year}",
                         "Kepala Bidang UMKM", "Mohon disampaikan realisasi.", "Dari : Kepala Dinas Koperasi dan UKM"):
            self.assertIn(expected, text)
        # Signed electronically: no wet-signature name of its own beside the signature block to come.
        self.assertNotIn("Dr. Contoh Kadis Demo", text)
        self.assertIn("NOTA DINAS", self.text(second.file.read()))

    def test_a_reply_names_the_letter_as_dasar_with_its_date_as_indonesian_letters_do(self) -> None:
        import datetime as dt

        letter = self.register("Permintaan Data Kinerja Triwulan I 2025", letter_date=dt.date(2025, 3, 3))
        text = self.text(self.create(letter=letter).file.read())
        self.assertIn("Dasar : Surat Kepala Dinas Koperasi dan UKM Nomor 800/12/III.07/2025 tanggal 3 Maret 2025 "
                      "perihal Permintaan Data Kinerja Triwulan I 2025", text)
        self.assertNotIn("Dasar", self.text(self.create().file.read()))

    def test_an_outgoing_number_may_carry_this_month_in_roman(self) -> None:
        RegisterSettings.objects.update_or_create(office=self.office,
                                                  defaults={"outgoing_format": "{code}/{seq:03d}/{roman_month}/{year}"})
        today = actions._today(self.office)
        roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][today.month - 1]
        self.assertEqual(self.create().document.number, f"005/001/{roman}/{today.year}")

    def test_a_yth_typed_before_the_addressee_is_not_printed_twice(self) -> None:
        for typed in ("Yth. Kepala Bappeda Kota Bandar Lampung", "Kepada Yth. Kepala Bappeda Kota Bandar Lampung",
                      "yth Kepala Bappeda Kota Bandar Lampung"):
            text = self.text(self.create(addressee=typed).file.read())
            self.assertIn("Kepada Yth. : Kepala Bappeda Kota Bandar Lampung", text)
            self.assertEqual(text.lower().count("yth"), 1, text)

    def test_the_initials_box_and_the_signature_block_stand_side_by_side_without_overlapping(self) -> None:
        # The two 240 pt places shrank to share the body's 475 pt: the signature block, stamped 240 pt wide,
        # covered the right edge of the initials box's table.
        content = self.create().file.read()
        page, box = stamp_place(content, INITIALS_ANCHOR, INITIALS_SIZE, INITIALS_BOX)
        sign_page, sign_box = stamp_place(content, SIGNATURE_ANCHOR, BLOCK_SIZE, BLOCK_BOX)
        self.assertEqual(sign_page, page)
        self.assertNotEqual(box, INITIALS_BOX)  # placed at the letter's anchors, not at the fallback
        self.assertAlmostEqual(sign_box[3], box[3], delta=1)
        self.assertGreaterEqual(sign_box[0], box[2] - 0.01)
        self.assertLessEqual(sign_box[2], 595.28 - 18 / 25.4 * 72 + 0.01)  # within the right margin (18 mm)

    def test_a_change_of_text_is_a_new_version(self) -> None:
        version = self.create()
        actions.initial_version(version.pk, user=self.subsection_head)
        newer = actions.revise_outgoing(version.document_id, user=self.staff, title="Permintaan Data",
                                        addressee="Kepala Bidang UMKM", body="Isi baru.", note="Isi diringkas")
        self.assertEqual(newer.version, 2)
        self.assertNotEqual(newer.sha256, version.sha256)
        self.assertEqual(len(actions.missing_initials(newer)), 2)

    def test_the_auditor_cannot_write(self) -> None:
        with self.assertRaises(NotAllowed):
            self.create(user=self.auditor)

    def test_the_form_creates_a_document(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.post("/documents/new/", {
            "kind": "memo", "title": "Nota dinas", "addressee": "Sekretaris Dinas", "classification": "005",
            "body": "Isi"})
        document = Document.objects.get()
        self.assertRedirects(response, f"/documents/{document.pk}/")
        self.assertTrue(document.number.startswith("005/"), document.number)

    def test_a_number_format_with_the_classification_code_needs_one(self) -> None:
        """Numbered "{code}/{seq}/{year}", a nota dinas without a code would go out as "-/001/2026"."""
        self.client.force_login(self.staff)
        response = self.client.post("/documents/new/", {
            "kind": "memo", "title": "Nota dinas rapat", "addressee": "Sekretaris Dinas", "classification": " ",
            "body": "Isi yang panjang"})
        self.assertContains(response, "Kode klasifikasi: isikan kodenya; nomor surat kantor ini memuatnya, mis. 005/001/")
        self.assertContains(response, "Isi yang panjang")  # the typed text stays
        self.assertFalse(Document.objects.exists())
        self.assertFalse(Counter.objects.filter(office=self.office).exclude(last=0).exists())  # no number used

    def test_the_list_costs_the_same_queries_for_1_and_50(self) -> None:
        self.client.force_login(self.staff)
        self.create()
        # session, user, person+office, positions held (nav), documents, their versions, the versions' initials,
        # the required initials, compiled reports, each period's newest compilation (whether a compiled report is
        # outdated), the periods whose Data Kinerja is signed
        with self.assertNumQueries(11):
            self.client.get("/documents/")
        for _ in range(49):
            Document.objects.create(office=self.office, kind=Document.Kind.OTHER, title="Lain", created_by=self.staff)
        with self.assertNumQueries(11):
            self.client.get("/documents/")


class ReplyFormTestCase(CorrespondenceTestCase):
    """The form of a reply to a letter: its perihal marked as a reply, the letter answered named in the text."""

    def setUp(self) -> None:
        import datetime as dt

        super().setUp()
        self.letter = self.register("Permohonan Data UMKM Binaan Tahun 2025", letter_date=dt.date(2025, 3, 3))
        self.url = f"/documents/new/?letter={self.letter.pk}"
        self.client.force_login(self.staff)

    def test_the_perihal_is_marked_as_a_reply_to_the_sender_and_the_text_opens_with_the_letter_answered(self) -> None:
        page = self.client.get(self.url)
        # Not the letter's own perihal: the reply read as the same request going out again.
        self.assertContains(page, 'name="title" value="Tanggapan atas Permohonan Data UMKM Binaan Tahun 2025"')
        # A reply goes to whoever wrote: the letter's sender.
        self.assertContains(page, 'name="addressee" value="Kepala Dinas Koperasi dan UKM"')
        self.assertContains(page, "Menindaklanjuti surat Kepala Dinas Koperasi dan UKM Nomor 800/12/III.07/2025 "
                                  "tanggal 3 Maret 2025 perihal Permohonan Data UMKM Binaan Tahun 2025, </textarea>")

    def sent_by(self, sender: str) -> None:
        self.letter.sender = sender
        self.letter.save(update_fields=["sender"])

    def test_a_reply_to_another_agency_starts_as_a_surat_dinas(self) -> None:
        # It opened as a nota dinas, the office's internal memo, with "Kepada Yth." and "Dari".
        self.sent_by("Kepala Bapperida Kota Bandar Lampung")
        page = self.client.get(self.url)
        self.assertContains(page, '<option value="official_letter" selected>', html=False)
        self.assertNotContains(page, '<option value="memo" selected>', html=False)
        self.assertContains(page, 'name="addressee" value="Kepala Bapperida Kota Bandar Lampung"')

    def test_a_reply_within_the_office_starts_as_a_nota_dinas(self) -> None:
        page = self.client.get(self.url)  # from the Kepala Dinas Koperasi dan UKM
        self.assertContains(page, '<option value="memo" selected>', html=False)
        self.assertNotContains(page, '<option value="official_letter" selected>', html=False)

    def test_the_kind_started_from_can_be_changed(self) -> None:
        self.sent_by("Bank Lampung Cabang Teluk Betung")
        self.client.post(self.url, {"kind": "memo", "title": "Tanggapan", "addressee": "Sekretaris Dinas",
                                    "addressee_place": "", "attachment": "", "classification": "005",
                                    "body": "Isi."})
        self.assertEqual(Document.objects.get().kind, Document.Kind.MEMO)

    def test_who_is_inside_the_office_is_read_from_the_sender_as_registered(self) -> None:
        inside = ["Kepala Dinas Koperasi dan UKM", "Plt. Kepala Dinas", "kepala dinas koperasi dan ukm kota bandar "
                  "lampung", "Sekretaris Dinas", "Sekretaris Dinas Koperasi dan UKM", "Kasubbag PKA",
                  "Kepala Bidang Usaha Mikro, Kecil dan Menengah", "Bidang UMKM",
                  "Dinas Koperasi dan UKM Kota Bandar Lampung", "Diskop UKM"]
        outside = ["Kepala Dinas Koperasi dan UKM Provinsi Lampung", "Bappeda", "Bapperida Kota Bandar Lampung",
                   "Sekretariat Daerah Kota Bandar Lampung", "Kepala Dinas Koperasi dan UKM Kabupaten Pesawaran",
                   "Koperasi Sejahtera Bersama", ""]
        for sender, expected in [(s, True) for s in inside] + [(s, False) for s in outside]:
            with self.subTest(sender=sender):
                self.letter.sender = sender
                self.assertEqual(actions.from_inside(self.letter), expected)
        # The head's letter on data collection is the head's, whatever was typed as its sender.
        self.letter.kind, self.letter.sender = "data_collection", "Kadis Koperasi"
        self.assertTrue(actions.from_inside(self.letter))

    def test_a_perihal_too_long_to_mark_is_left_for_the_user(self) -> None:
        self.letter.subject = "Permohonan Data " + "UMKM Binaan " * 23  # 292 characters: 307 with "Tanggapan atas "
        self.letter.save(update_fields=["subject"])
        page = self.client.get(self.url)
        self.assertContains(page, 'name="title"')
        self.assertNotContains(page, 'name="title" value=')

    def test_what_the_user_typed_stays_on_a_form_error(self) -> None:
        typed = {"kind": "official_letter", "title": "Penyampaian Data UMKM Binaan", "addressee": "Kepala Bappeda",
                 "addressee_place": "", "attachment": "1 (satu) berkas", "classification": " ",
                 "body": "Menindaklanjuti surat Saudara, bersama ini kami sampaikan data UMKM binaan."}
        page = self.client.post(self.url, typed)
        self.assertContains(page, "Kode klasifikasi: isikan kodenya")
        self.assertContains(page, 'name="title" value="Penyampaian Data UMKM Binaan"')
        self.assertContains(page, 'name="attachment" value="1 (satu) berkas"')
        self.assertContains(page, "bersama ini kami sampaikan data UMKM binaan.</textarea>")
        self.assertContains(page, '<option value="official_letter" selected>', html=False)
        self.assertNotContains(page, "Tanggapan atas")
        self.assertFalse(Document.objects.exists())

    def test_the_letter_is_named_once_when_the_text_names_it(self) -> None:
        self.client.post(self.url, {"kind": "memo", "title": "Tanggapan atas Permohonan Data UMKM Binaan",
                                    "addressee": "Sekretaris Dinas", "addressee_place": "", "attachment": "",
                                    "classification": "005",
                                    "body": actions.reply_initial(self.letter)["body"] + "data terlampir."})
        path = self.data_dir / "balasan.pdf"
        path.write_bytes(Document.objects.get().versions.get().file.read())
        text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        self.assertIn("Menindaklanjuti surat Kepala Dinas Koperasi dan UKM Nomor 800/12/III.07/2025 tanggal 3 Maret "
                      "2025 perihal Permohonan Data UMKM Binaan Tahun 2025, data terlampir.", text)
        self.assertEqual(text.count("800/12/III.07/2025"), 1)
        self.assertNotIn("Dasar", text)
