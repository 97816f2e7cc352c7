"""Disposing a letter and printing the lembar disposisi."""

from __future__ import annotations

import datetime as dt
import subprocess

from kinerja.correspondence import actions
from kinerja.correspondence.models import Disposition
from kinerja.errors import KinerjaError, NotAllowed

from .helpers import CorrespondenceTestCase


class DisposeTestCase(CorrespondenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.letter = self.register()

    def dispose(self, user=None, **kw):  # type: ignore[no-untyped-def]
        return actions.dispose_letter(self.letter.pk, user=user or self.secretary,
                                      recipients=kw.pop("recipients", [self.positions["subsection_head"]]),
                                      instructions=kw.pop("instructions", ["follow_up", "prepare"]),
                                      note=kw.pop("note", "Segera susun data kinerja"), disposed_on=dt.date(2025, 3, 21))

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

    def test_the_page_form_disposes(self) -> None:
        self.client.force_login(self.secretary)
        response = self.client.post(f"/letters/{self.letter.pk}/dispose/", {
            "recipients": [self.positions["subsection_head"].pk], "instructions": ["study"], "note": "",
            "disposed_on": "2025-03-21"})
        self.assertRedirects(response, f"/letters/{self.letter.pk}/")
        self.assertEqual(Disposition.objects.get().instructions, ["study"])

    def test_another_office_cannot_print_the_sheet(self) -> None:
        self.dispose()
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(f"/letters/{self.letter.pk}/disposition.pdf").status_code, 404)
