"""Disposing a letter and printing the lembar disposisi."""

from __future__ import annotations

import datetime as dt
import subprocess
from unittest import mock

from django.utils.formats import date_format

from kinerja.correspondence import actions
from kinerja.correspondence.models import Disposition
from kinerja.errors import KinerjaError, NotAllowed
from kinerja.org import actions as org_actions

from .helpers import CorrespondenceTestCase


class DisposeTestCase(CorrespondenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.letter = self.register()

    def dispose(self, user=None, **kw):  # type: ignore[no-untyped-def]
        return actions.dispose_letter(self.letter.pk, user=user or self.secretary,
                                      recipients=kw.pop("recipients", [self.positions["subsection_head"]]),
                                      instructions=kw.pop("instructions", ["follow_up", "prepare"]),
                                      note=kw.pop("note", "Segera susun data kinerja"),
                                      disposed_on=kw.pop("disposed_on", dt.date(2025, 3, 21)))

    def test_the_secretary_disposes_to_the_kasubbag(self) -> None:
        d = self.dispose()
        self.assertEqual(list(d.recipients.all()), [self.positions["subsection_head"]])
        self.assertEqual((d.disposer_title, d.disposer_nip), ("Sekretaris Dinas", "19780315 200312 1 002"))

    def test_staff_cannot_dispose(self) -> None:
        with self.assertRaises(NotAllowed):
            self.dispose(user=self.staff)

    def test_it_needs_an_instruction_and_a_recipient(self) -> None:
        with self.assertRaisesMessage(KinerjaError, "instruction"):
            self.dispose(instructions=[])
        with self.assertRaisesMessage(KinerjaError, "position"):
            self.dispose(recipients=[])
        with self.assertRaisesMessage(KinerjaError, "position"):
            self.dispose(recipients=[self.other.positions["staff"]])
        self.assertFalse(Disposition.objects.exists())

    def test_a_disposition_to_ones_own_position_is_refused_and_not_offered(self) -> None:
        own = self.positions["secretary"]
        with self.assertRaisesMessage(KinerjaError, f"To: {own} is your own position"):
            self.dispose(recipients=[own, self.positions["subsection_head"]])
        self.assertFalse(Disposition.objects.exists())
        self.client.force_login(self.secretary)
        offered = list(self.client.get(f"/letters/{self.letter.pk}/").context["form"].fields["recipients"].queryset)
        self.assertNotIn(own, offered)
        self.assertIn(self.positions["subsection_head"], offered)
        # Posted anyway (an old page): the form names the choice as not offered, nothing is saved.
        response = self.client.post(f"/letters/{self.letter.pk}/dispose/", {
            "recipients": [own.pk], "instructions": ["study"], "note": "", "disposed_on": "2025-03-21"})
        self.assertEqual(response.status_code, 400)
        self.assertTrue(response.context["form"].errors["recipients"])
        self.assertFalse(Disposition.objects.exists())

    def test_a_disposition_before_the_letter_was_received_or_in_the_future_is_refused(self) -> None:
        with self.assertRaisesMessage(KinerjaError, "Date: 20 March 2025 is before the letter was received "
                                                    "(21 March 2025)."):
            self.dispose(disposed_on=dt.date(2025, 3, 20))
        tomorrow = actions._today(self.office) + dt.timedelta(days=1)
        with self.assertRaisesMessage(KinerjaError, f"Date: {date_format(tomorrow, 'j F Y')} is in the future"):
            self.dispose(disposed_on=tomorrow)
        self.assertFalse(Disposition.objects.exists())

    def test_the_page_names_the_wrong_date_under_its_field_and_keeps_the_note(self) -> None:
        self.client.force_login(self.secretary)
        response = self.client.post(f"/letters/{self.letter.pk}/dispose/", {
            "recipients": [self.positions["subsection_head"].pk], "instructions": ["study", "coordinate"],
            "note": "Koordinasikan dengan seluruh bidang", "disposed_on": "2025-03-01"}, status=400)
        message = "Tanggal: 1 Maret 2025 sebelum surat diterima (21 Maret 2025)."
        self.assertContains(response, message, count=1, status_code=400)
        html = response.content.decode()
        self.assertLess(html.index('id="id_disposed_on"'), html.index(message))
        self.assertContains(response, "Koordinasikan dengan seluruh bidang</textarea>", status_code=400)
        self.assertContains(response, 'value="coordinate" id="id_instructions_2" checked', status_code=400)
        self.assertFalse(Disposition.objects.exists())

    def test_the_sheet_prints_letterhead_letter_boxes_and_disposer(self) -> None:
        self.dispose()
        self.client.force_login(self.subsection_head)
        response = self.client.get(f"/letters/{self.letter.pk}/disposition.pdf")
        self.assertEqual(response["Content-Type"], "application/pdf")
        path = self.data_dir / "disposisi.pdf"
        path.write_bytes(response.content)
        text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        for expected in ("PEMERINTAH KOTA BANDAR LAMPUNG", "LEMBAR DISPOSISI", "001/2025", "800/12/III.07/2025",
                         "Tindak lanjuti", "Arsipkan", "Segera susun data kinerja", "Sekretaris Dinas",
                         "Contoh Sekretaris Demo", "Kepala Sub Bagian Program, Keuangan dan Aset"):
            self.assertIn(expected, text)

    def test_a_long_name_with_titles_and_degrees_keeps_its_degrees_nip_and_labels_on_one_line_each(self) -> None:
        # The signing block was 45 % of the width: a name with titles before and degrees after it ran to four
        # lines, breaking between "M.M.," and "Ak., CA", and the table's labels ("Tanggal Diterima") wrapped.
        from kinerja.correspondence.renderers.documents import disposition_pdf

        d = self.dispose()
        Disposition.objects.filter(pk=d.pk).update(
            disposer_name="Prof. Dr. Ir. Hj. Raden Ajeng Siti Nurhayati Kusumawardhani Prawiranegara, S.E., M.Si., "
                          "M.M., Ak., CA",
            disposer_nip="19750427 200003 2 001",
            disposer_title="Plt. Kepala Dinas Koperasi dan Usaha Kecil Menengah Kota Bandar Lampung")
        path = self.data_dir / "disposisi-panjang.pdf"
        path.write_bytes(disposition_pdf(self.letter, [Disposition.objects.get(pk=d.pk)]))
        lines = [" ".join(line.split()) for line in subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout.splitlines()]
        self.assertEqual(int(subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
                             .stdout.split("Pages:")[1].split()[0]), 1)
        for whole in ("S.E., M.Si., M.M., Ak., CA", "NIP. 19750427 200003 2 001", "Tanggal Diterima",
                      "Nomor Agenda", "Kode Klasifikasi"):
            self.assertTrue(any(whole in line for line in lines), (whole, lines))
        # The name with its titles on two lines at most, the degrees on the line after it.
        name_lines = [line for line in lines if any(w in line for w in ("Raden", "Prawiranegara", "Ak., CA"))]
        self.assertEqual(len(name_lines), 3, name_lines)
        self.assertEqual(name_lines[-1], "S.E., M.Si., M.M., Ak., CA")

    def test_each_sheet_carries_the_letterhead(self) -> None:
        self.dispose()
        self.dispose(recipients=[self.positions["contact:0"], self.positions["contact:1"]], instructions=["file"])
        self.client.force_login(self.secretary)
        path = self.data_dir / "disposisi-2.pdf"
        path.write_bytes(self.client.get(f"/letters/{self.letter.pk}/disposition.pdf").content)
        for page in ("1", "2"):
            text = subprocess.run(["pdftotext", "-f", page, "-l", page, str(path), "-"], capture_output=True,
                                  text=True, check=True).stdout
            self.assertIn("PEMERINTAH KOTA BANDAR LAMPUNG", text, f"page {page}")
            self.assertIn("LEMBAR DISPOSISI", text, f"page {page}")

    def test_the_page_form_disposes(self) -> None:
        self.client.force_login(self.secretary)
        response = self.client.post(f"/letters/{self.letter.pk}/dispose/", {
            "recipients": [self.positions["subsection_head"].pk], "instructions": ["study"], "note": "",
            "disposed_on": "2025-03-21"})
        self.assertRedirects(response, f"/letters/{self.letter.pk}/")
        self.assertEqual(Disposition.objects.get().instructions, ["study"])

    def test_the_page_refuses_staff_with_403_without_the_form(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.post(f"/letters/{self.letter.pk}/dispose/", {
            "recipients": [self.positions["subsection_head"].pk], "instructions": ["study"], "note": "",
            "disposed_on": "2025-03-21"})
        self.assertContains(response, "boleh mendisposisikan surat", status_code=403)
        self.assertNotContains(response, "Simpan disposisi", status_code=403)
        self.assertFalse(Disposition.objects.exists())

    def test_another_office_cannot_print_the_sheet(self) -> None:
        self.dispose()
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(f"/letters/{self.letter.pk}/disposition.pdf").status_code, 404)


class DisposeInWhichCapacityTestCase(CorrespondenceTestCase):
    """A Sekretaris who is also Plt. Kepala Dinas chooses in which capacity she disposes (a letter to the
    head is disposed as Plt. Kepala Dinas); the sheet prints that title. Anyone with one capacity is not
    asked."""

    def setUp(self) -> None:
        super().setUp()
        self.letter = self.register()
        self.today = actions._today(self.office)
        org_actions.assign(self.built.people["sekretaris"], self.positions["head"], starts_on=self.today,
                           ends_on=self.today, kind="plt", decree_number="800/12/2026")

    def post(self, **data):  # type: ignore[no-untyped-def]
        return self.client.post(f"/letters/{self.letter.pk}/dispose/", {
            "recipients": [self.positions["subsection_head"].pk], "instructions": ["follow_up"], "note": "",
            "disposed_on": self.today.isoformat(), **data})

    def test_the_plt_head_is_asked_in_which_capacity_and_the_sheet_prints_it(self) -> None:
        self.client.force_login(self.secretary)
        page = self.client.get(f"/letters/{self.letter.pk}/")
        field = page.context["form"].fields["as_position"]
        self.assertEqual([label for _value, label in field.choices],
                         ["Sekretaris Dinas", "Plt. Kepala Dinas Koperasi dan UKM"])
        self.assertContains(page, "Sebagai")
        self.assertContains(page, f'value="{self.positions["secretary"].pk}"')
        self.assertRedirects(self.post(as_position=self.positions["head"].pk), f"/letters/{self.letter.pk}/")
        disposition = Disposition.objects.get()
        self.assertEqual(disposition.disposer_title, "Plt. Kepala Dinas Koperasi dan UKM")
        path = self.data_dir / "disposisi-plt.pdf"
        path.write_bytes(self.client.get(f"/letters/{self.letter.pk}/disposition.pdf").content)
        text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        self.assertIn("Plt. Kepala Dinas Koperasi dan UKM", text)
        self.assertIn("Contoh Sekretaris Demo", text)

    def test_by_default_she_disposes_as_sekretaris(self) -> None:
        self.client.force_login(self.secretary)
        self.assertRedirects(self.post(), f"/letters/{self.letter.pk}/")
        self.assertEqual(Disposition.objects.get().disposer_title, "Sekretaris Dinas")

    def test_a_capacity_not_held_is_refused_and_nothing_is_saved(self) -> None:
        with self.assertRaisesMessage(KinerjaError, "As: you do not hold that position today; you may dispose "
                                                    "letters as Sekretaris Dinas, Plt. Kepala Dinas Koperasi dan UKM."):
            actions.dispose_letter(self.letter.pk, user=self.secretary, recipients=[self.positions["subsection_head"]],
                                   instructions=["follow_up"], as_position=self.positions["subsection_head"])
        self.client.force_login(self.secretary)
        response = self.post(as_position=self.positions["staff"].pk)
        self.assertEqual(response.status_code, 400)
        self.assertTrue(response.context["form"].errors["as_position"])
        self.assertFalse(Disposition.objects.exists())

    def test_one_capacity_is_not_asked(self) -> None:
        # The day after the Plt's: the Sekretaris disposes as Sekretaris only.
        from django.utils import timezone

        tomorrow = timezone.now() + dt.timedelta(days=1)
        with mock.patch("django.utils.timezone.now", return_value=tomorrow):
            self.client.force_login(self.secretary)
            form = self.client.get(f"/letters/{self.letter.pk}/").context["form"]
        self.assertNotIn("as_position", form.fields)

    def test_the_head_is_offered_no_form_while_the_plt_disposes(self) -> None:
        self.client.force_login(self.head)
        page = self.client.get(f"/letters/{self.letter.pk}/")
        self.assertIsNone(page.context["form"])
        self.assertContains(page, "Anda tidak dapat mendisposisikan surat hari ini: "
                            f"{self.secretary.person.full_name} (Plt. {self.positions['head'].title})")
