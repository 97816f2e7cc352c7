"""The Kepala Dinas away while the Sekretaris is his Plh (the demo office, Monday 24 to Sunday 30 March 2025):
registering a letter, writing an outgoing document and recording minutes are refused him naming who does the work
of his position meanwhile and until when, on a 403 page (the new-letter page answered 404), and by the actions."""

from __future__ import annotations

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

from django.utils import translation

from kinerja.correspondence import actions
from kinerja.correspondence.models import Document
from kinerja.errors import NotAllowed
from tests.base import KinerjaTestCase

ON_PLH_DAY = dt.datetime(2025, 3, 25, 10, tzinfo=ZoneInfo("Asia/Jakarta"))
AFTER = dt.datetime(2025, 3, 31, 10, tzinfo=ZoneInfo("Asia/Jakarta"))


class AbsentHeadTests(KinerjaTestCase):
    def at_time(self, when: dt.datetime) -> None:
        self.enterContext(mock.patch("django.utils.timezone.now", return_value=when))

    def setUp(self) -> None:
        super().setUp()
        self.at_time(ON_PLH_DAY)
        self.plh = self.secretary.person.full_name
        self.head_title = self.positions["head"].title

    def said(self, what: str) -> str:
        return (f"{self.plh} (Plh. {self.head_title}) menjalankan tugas jabatan Anda sebagai {self.head_title} "
                f"(24 Mar 2025 s.d. 30 Mar 2025), dan selama itu dialah yang {what}.")

    def test_the_new_letter_page_tells_him_who_registers_letters_with_403_not_404(self) -> None:
        self.client.force_login(self.head)
        for response in (self.client.get("/letters/new/"), self.client.post("/letters/new/", {})):
            self.assertContains(response, "Anda tidak dapat mengagendakan surat hari ini: "
                                + self.said("mengagendakan surat"), status_code=403)

    def test_the_new_document_page_tells_him_who_writes_outgoing_documents(self) -> None:
        self.client.force_login(self.head)
        for response in (self.client.get("/documents/new/"), self.client.post("/documents/new/", {})):
            self.assertContains(response, "Anda tidak dapat membuat surat keluar hari ini: "
                                + self.said("membuatnya"), status_code=403)

    def test_the_new_minutes_page_tells_him_who_records_minutes(self) -> None:
        self.client.force_login(self.head)
        for response in (self.client.get("/minutes/new/"), self.client.post("/minutes/new/", {})):
            self.assertContains(response, "Anda tidak dapat mencatat notulen hari ini: "
                                + self.said("mencatatnya"), status_code=403)

    def test_the_actions_name_who_acts_and_until_when(self) -> None:
        until = (f"{self.plh} (Plh. {self.head_title}) does the work of your position as {self.head_title} "
                 "(24 Mar 2025 to 30 Mar 2025)")
        with translation.override("en"):
            with self.assertRaisesMessage(NotAllowed, f"You may not register letters today: {until}, and registers "
                                                      "letters meanwhile."):
                actions.register_letter(self.office, actions.LetterInput(
                    number="1", letter_date=ON_PLH_DAY.date(), sender="X", subject="Y", received_on=ON_PLH_DAY.date()),
                    user=self.head, scan=None)
            with self.assertRaisesMessage(NotAllowed, f"You may not write outgoing documents today: {until}, and "
                                                      "writes them meanwhile."):
                actions.create_outgoing(self.office, actions.OutgoingInput(
                    kind=Document.Kind.MEMO, title="T", addressee="A", body="B"), user=self.head)
            with self.assertRaisesMessage(NotAllowed, f"You may not record minutes today: {until}, and records them "
                                                      "meanwhile."):
                actions.record_minutes(self.office, actions.MinutesInput(
                    title="Rapat", held_on=ON_PLH_DAY.date(), place="Aula", chair=self.positions["head"], agenda="A",
                    discussion="D", decisions="K", present=[], absent=[], follow_ups=[]), user=self.head)

    def test_the_plh_has_the_pages(self) -> None:
        self.client.force_login(self.secretary)
        for url in ("/letters/new/", "/documents/new/", "/minutes/new/"):
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_after_the_plh_days_he_has_them_again(self) -> None:
        self.at_time(AFTER)
        self.client.force_login(self.head)
        for url in ("/letters/new/", "/documents/new/", "/minutes/new/"):
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_someone_without_the_power_and_no_stand_in_is_told_who_registers_letters(self) -> None:
        self.client.force_login(self.staff)
        self.assertContains(self.client.get("/letters/new/"), "Hanya Kepala Dinas, Sekretaris, kepala unit (Kasubbag, "
                            "Kabid) dan administrator yang boleh mengagendakan surat", status_code=403)
