"""Who may not register letters, write outgoing documents or record minutes opens a 403 page that says who may
(the new-letter page answered a JFU with a bare 404); a form sent by someone refused meanwhile (the Kepala Dinas
who opened it on Sunday 23 March 2025 and sends it on Tuesday, while the Sekretaris is his Plh) comes back with
the refusal above it and everything typed kept (it was a 403 page that lost it)."""

from __future__ import annotations

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

from kinerja.correspondence.models import Document, Letter, Minutes
from tests.base import KinerjaTestCase

SUNDAY = dt.datetime(2025, 3, 23, 10, tzinfo=ZoneInfo("Asia/Jakarta"))
TUESDAY = dt.datetime(2025, 3, 25, 10, tzinfo=ZoneInfo("Asia/Jakarta"))
WHO_REGISTERS = ("Hanya Kepala Dinas, Sekretaris, kepala unit (Kasubbag, Kabid) dan administrator yang boleh "
                 "mengagendakan surat; mintalah salah satu dari mereka untuk mengagendakan surat ini.")


class NoPowerTests(KinerjaTestCase):
    def test_a_jfu_is_told_who_registers_letters_on_a_403_page(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.get("/letters/new/")
        self.assertContains(response, WHO_REGISTERS, status_code=403)
        self.assertContains(response, "Anda tidak boleh membuka halaman ini", status_code=403)

    def test_a_letter_a_jfu_sends_comes_back_with_who_registers_and_what_was_typed(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.post("/letters/new/", {
            "kind": "general", "number": "005/77/2025", "letter_date": "2025-03-20", "sender": "Bappeda Kota",
            "subject": "Undangan rapat evaluasi", "classification": "005", "received_on": "2025-03-21"})
        self.assertContains(response, f'<div class="error" role="alert">{WHO_REGISTERS}</div>', status_code=403,
                            html=True)
        for typed in ('value="005/77/2025"', 'value="Bappeda Kota"', 'value="Undangan rapat evaluasi"'):
            self.assertContains(response, typed, status_code=403)
        self.assertFalse(Letter.objects.exists())

    def test_the_auditor_is_told_on_a_403_page_not_offered_a_form(self) -> None:
        self.client.force_login(self.auditor)
        self.assertContains(self.client.get("/documents/new/"), "Anda tidak boleh membuat surat keluar.",
                            status_code=403)
        self.assertContains(self.client.get("/minutes/new/"), "Anda tidak boleh mencatat notulen.", status_code=403)


class RefusedMeanwhileTests(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.now = self.enterContext(mock.patch("django.utils.timezone.now", return_value=SUNDAY))
        self.client.force_login(self.head)
        title = self.positions["head"].title
        self.acts = (f"{self.secretary.person.full_name} (Plh. {title}) menjalankan tugas jabatan Anda sebagai "
                     f"{title} (24 Mar 2025 s.d. 30 Mar 2025), dan selama itu dialah yang")

    def test_a_document_sent_after_the_acting_period_began_keeps_what_was_typed(self) -> None:
        self.assertEqual(self.client.get("/documents/new/").status_code, 200)
        self.now.return_value = TUESDAY
        self.client.force_login(self.head)  # a session lasts a working day
        response = self.client.post("/documents/new/", {
            "kind": "memo", "title": "Nota dinas rapat evaluasi", "addressee": "Para Kepala Bidang",
            "classification": "005", "body": "Dengan hormat,\r\nmohon hadir pada rapat evaluasi."})
        self.assertContains(response, f'<div class="error" role="alert">Anda tidak dapat membuat surat keluar hari ini: '
                                      f'{self.acts} membuatnya.</div>', status_code=403, html=True)
        self.assertContains(response, 'value="Nota dinas rapat evaluasi"', status_code=403)
        self.assertContains(response, "mohon hadir pada rapat evaluasi.</textarea>", status_code=403)
        self.assertContains(response, '<form method="post"', status_code=403)
        self.assertFalse(Document.objects.exists())

    def test_minutes_sent_after_the_acting_period_began_keep_what_was_typed(self) -> None:
        self.assertEqual(self.client.get("/minutes/new/").status_code, 200)
        self.now.return_value = TUESDAY
        self.client.force_login(self.head)  # a session lasts a working day
        p = self.positions
        response = self.client.post("/minutes/new/", {
            "title": "Rapat evaluasi triwulan I", "held_on": "2025-03-21", "place": "Aula Dinas",
            "chair": p["secretary"].pk, "agenda": "1. Pembukaan\n2. Capaian kinerja", "discussion": "Dibahas",
            "decisions": "Disepakati", f"att_{p['secretary'].pk}": "present",
            "fu_1_description": "Kirim data realisasi", "fu_1_position": p["staff"].pk, "fu_1_due_on": "2025-03-28"})
        self.assertContains(response, f'<div class="error" role="alert">Anda tidak dapat mencatat notulen hari ini: '
                                      f'{self.acts} mencatatnya.</div>', status_code=403, html=True)
        for typed in ('value="Rapat evaluasi triwulan I"', 'value="Aula Dinas"',
                      "1. Pembukaan\n2. Capaian kinerja</textarea>", 'value="Kirim data realisasi"'):
            self.assertContains(response, typed, status_code=403)
        self.assertFalse(Minutes.objects.exists())

    def test_a_letter_sent_after_the_acting_period_began_keeps_what_was_typed(self) -> None:
        self.assertEqual(self.client.get("/letters/new/").status_code, 200)
        self.now.return_value = TUESDAY
        self.client.force_login(self.head)  # a session lasts a working day
        response = self.client.post("/letters/new/", {
            "kind": "general", "number": "005/78/2025", "letter_date": "2025-03-20", "sender": "Inspektorat",
            "subject": "Jadwal reviu LKjIP", "classification": "005", "received_on": "2025-03-21"})
        self.assertContains(response, f"Anda tidak dapat mengagendakan surat hari ini: {self.acts} mengagendakan "
                                      "surat.", status_code=403)
        self.assertContains(response, 'value="Jadwal reviu LKjIP"', status_code=403)
        self.assertFalse(Letter.objects.exists())
