"""Who may change a document, initial it and dispose a letter, asked by the actions themselves and not only by the
pages (issue 7: the review's bug_revise_anyone, bug_upload_anyone, bug_absent_official_initials and
bug_absent_head_disposes):

- a new version (a changed text, an uploaded PDF) only from who may write outgoing documents, as creating one: not
  the read-only auditor, not a division's data contact, not an official away while a Plt or Plh acts for them;
- minutes take no uploaded version: their PDF prints the minutes as recorded;
- while a Plt or Plh does the Kasubbag's work, they initial and the absent Kasubbag does not, as signing goes; the
  refusal of a second initial names who initialled and when;
- while a Plh does the Kepala Dinas's work, the absent head is refused disposing letters, naming the Plh."""

from __future__ import annotations

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.correspondence import actions
from kinerja.correspondence.models import Disposition, Document, DocumentVersion, Initial
from kinerja.errors import KinerjaError, NotAllowed
from tests.base import KasubbagAway

from .helpers import CorrespondenceTestCase, small_pdf

# The demo's Kepala Dinas is away from Monday 24 to Sunday 30 March 2025, the Sekretaris his Plh.
HEAD_AWAY = dt.datetime(2025, 3, 25, 10, tzinfo=ZoneInfo("Asia/Jakarta"))


def _memo(office, user) -> DocumentVersion:  # type: ignore[no-untyped-def]
    return actions.create_outgoing(office, actions.OutgoingInput(
        kind=Document.Kind.MEMO, title="Permintaan Data Realisasi", addressee="Kepala Bidang", body="Mohon data.",
        classification="005"),
        user=user)


class NewVersionTests(CorrespondenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.version = _memo(self.office, self.subsection_head)
        self.document = self.version.document
        self.typed = {"title": "Diubah", "addressee": "Siapa saja", "attachment": "", "body": "Isi ditulis ulang.",
                      "note": "uji"}

    def minutes(self):  # type: ignore[no-untyped-def]
        p = self.positions
        return actions.record_minutes(self.office, actions.MinutesInput(
            title="Rapat Koordinasi", held_on=dt.date(2025, 3, 21), place="Aula", chair=p["subsection_head"],
            agenda="A", discussion="D", decisions="K", present=[p["subsection_head"], p["staff"]], absent=[],
            follow_ups=[]), user=self.staff)

    def assert_unchanged(self, document: Document, versions: int = 1) -> None:
        self.assertEqual(DocumentVersion.objects.filter(document=document).count(), versions)
        self.assertEqual(Document.objects.get(pk=document.pk).title, document.title)

    def test_the_auditor_and_a_division_contact_may_not_revise_or_upload(self) -> None:
        for user in (self.auditor, self.contacts[0]):
            with self.subTest(user=user.username):
                with self.assertRaisesMessage(NotAllowed, "You may not write outgoing documents."):
                    actions.revise_outgoing(self.document.pk, user=user, **self.typed)
                with self.assertRaisesMessage(NotAllowed, "You may not write outgoing documents."):
                    actions.add_version(self.document.pk, user=user, content=small_pdf("Lain"), note="diganti")
        self.assert_unchanged(self.document)

    def test_their_posts_are_refused_and_nothing_is_saved(self) -> None:
        for user in (self.auditor, self.contacts[0]):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                page = self.client.post(f"/documents/{self.document.pk}/revise/", self.typed)
                self.assertContains(page, "Anda tidak boleh membuat surat keluar.", status_code=403)
                self.assertNotContains(page, 'id="revise"', status_code=403)
                upload = SimpleUploadedFile("x.pdf", small_pdf("Lain"), content_type="application/pdf")
                page = self.client.post(f"/documents/{self.document.pk}/upload/", {"note": "diganti", "file": upload},
                                        follow=True)
                self.assertContains(page, "Anda tidak boleh membuat surat keluar.")
        self.assert_unchanged(self.document)

    def test_the_page_offers_them_no_form_and_the_writers_the_form(self) -> None:
        url = f"/documents/{self.document.pk}/"
        for user in (self.auditor, self.contacts[0]):
            self.client.force_login(user)
            page = self.client.get(url)
            self.assertNotContains(page, 'id="revise"')
            self.assertNotContains(page, f"/documents/{self.document.pk}/upload/")
        self.client.force_login(self.staff)
        self.assertContains(self.client.get(url), 'id="revise"')

    def test_the_writers_still_revise_and_upload(self) -> None:
        actions.revise_outgoing(self.document.pk, user=self.staff, **self.typed)
        other = Document.objects.create(office=self.office, kind=Document.Kind.OTHER, title="Draf", created_by=self.staff)
        actions.add_version(other.pk, user=self.staff, content=small_pdf("Draf"), note="pertama")
        self.assertEqual(DocumentVersion.objects.filter(document=self.document).count(), 2)
        self.client.force_login(self.staff)
        self.assertContains(self.client.get(f"/documents/{other.pk}/"), f"/documents/{other.pk}/upload/")

    def test_an_absent_official_is_told_who_writes_meanwhile(self) -> None:
        self.enterContext(mock.patch("django.utils.timezone.now", return_value=HEAD_AWAY))
        with self.assertRaisesMessage(NotAllowed, "You may not write outgoing documents today: "
                                      f"{self.secretary.person.full_name} (Plh. {self.positions['head'].title})"):
            actions.revise_outgoing(self.document.pk, user=self.head, **self.typed)
        self.assert_unchanged(self.document)

    def test_minutes_are_not_replaced_by_an_upload_even_by_their_taker(self) -> None:
        minutes = self.minutes()
        document = minutes.document
        with self.assertRaisesMessage(KinerjaError, "Minutes: Rapat Koordinasi is printed from the minutes as "
                                                    "recorded (attendance, decisions, follow-ups); it is not replaced "
                                                    "by an uploaded PDF. Nothing was saved."):
            actions.add_version(document.pk, user=self.staff, content=small_pdf("Notulen lain"), note="diganti")
        with self.assertRaisesMessage(KinerjaError, "is not an outgoing document"):
            actions.revise_outgoing(document.pk, user=self.staff, **self.typed)
        self.client.force_login(self.staff)
        page = self.client.get(f"/documents/{document.pk}/")
        self.assertNotContains(page, f"/documents/{document.pk}/upload/")
        upload = SimpleUploadedFile("x.pdf", small_pdf("Notulen lain"), content_type="application/pdf")
        page = self.client.post(f"/documents/{document.pk}/upload/", {"note": "diganti", "file": upload}, follow=True)
        self.assertContains(page, "tidak diganti dengan PDF yang diunggah")
        self.assert_unchanged(document)


class AbsentKasubbagInitialsTests(KasubbagAway, CorrespondenceTestCase):
    """The Kasubbag away 25 to 28 March 2025, the second JFU their Plh; the tests on 26 March, 10.00."""

    def setUp(self) -> None:
        super().setUp()
        self.version = _memo(self.office, self.staff)
        self.title = self.positions["subsection_head"].title
        self.plh_name = self.staff2.person.full_name

    def test_the_absent_kasubbag_is_refused_naming_the_plh(self) -> None:
        with self.assertRaisesMessage(NotAllowed, f"You may not initial documents today: {self.plh_name} (Plh. "
                                      f"{self.title}) does the work of your position as {self.title} (25 Mar 2025 to "
                                      "28 Mar 2025), and initials them meanwhile."):
            actions.initial_version(self.version.pk, user=self.subsection_head)
        self.assertFalse(Initial.objects.filter(version=self.version).exists())

    def test_the_plh_initials_and_a_second_time_is_told_who_and_when(self) -> None:
        done = actions.initial_version(self.version.pk, user=self.staff2)
        self.assertEqual((done.name, done.position_title, done.acting), (self.plh_name, f"Plh. {self.title}", "Plh."))
        with self.assertRaisesMessage(KinerjaError, f"Version 1 already has the initials of {self.title}: "
                                      f"{self.plh_name} (Plh. {self.title}) initialled it on 26 March 2025, 10.00."):
            actions.initial_version(self.version.pk, user=self.staff2)

    def test_the_page_offers_the_button_to_the_plh_only(self) -> None:
        url = f"/documents/{self.version.document_id}/"
        button = f"/documents/versions/{self.version.pk}/initial/"
        self.client.force_login(self.subsection_head)
        page = self.client.get(url)
        self.assertNotContains(page, button)
        self.assertContains(page, f"Anda tidak dapat memaraf dokumen hari ini: {self.plh_name} (Plh. {self.title})")
        self.client.force_login(self.staff2)
        self.assertContains(self.client.get(url), button)

    def test_after_the_plh_days_the_kasubbag_initials_again(self) -> None:
        self.now.return_value = dt.datetime(2025, 3, 31, 10, tzinfo=ZoneInfo("Asia/Jakarta"))
        done = actions.initial_version(self.version.pk, user=self.subsection_head)
        self.assertEqual(done.acting, "")


class AbsentHeadDisposesTests(CorrespondenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.letter = self.register()
        self.enterContext(mock.patch("django.utils.timezone.now", return_value=HEAD_AWAY))
        self.head_title = self.positions["head"].title
        self.plh = self.secretary.person.full_name

    def dispose(self, user):  # type: ignore[no-untyped-def]
        return actions.dispose_letter(self.letter.pk, user=user, recipients=[self.positions["subsection_head"]],
                                      instructions=["follow_up"], disposed_on=HEAD_AWAY.date())

    def test_the_absent_head_is_refused_naming_the_plh(self) -> None:
        with self.assertRaisesMessage(NotAllowed, f"You may not dispose letters today: {self.plh} (Plh. "
                                      f"{self.head_title}) does the work of your position as {self.head_title} (24 Mar "
                                      "2025 to 30 Mar 2025), and disposes letters meanwhile."):
            self.dispose(self.head)
        self.assertFalse(Disposition.objects.filter(letter=self.letter).exists())

    def test_the_page_offers_him_no_form_and_refuses_his_post(self) -> None:
        self.client.force_login(self.head)
        page = self.client.get(f"/letters/{self.letter.pk}/")
        self.assertNotContains(page, 'id="dispose"')
        said = f"Anda tidak dapat mendisposisikan surat hari ini: {self.plh} (Plh. {self.head_title})"
        self.assertContains(page, said)
        page = self.client.post(f"/letters/{self.letter.pk}/dispose/", {
            "recipients": [str(self.positions["subsection_head"].pk)], "instructions": ["follow_up"],
            "disposed_on": "2025-03-25"})
        self.assertContains(page, said, count=1, status_code=403)  # once, in the form's place
        self.assertFalse(Disposition.objects.filter(letter=self.letter).exists())

    def test_the_plh_disposes_as_the_head(self) -> None:
        self.client.force_login(self.secretary)
        self.assertContains(self.client.get(f"/letters/{self.letter.pk}/"), 'id="dispose"')
        disposition = actions.dispose_letter(self.letter.pk, user=self.secretary,
                                             recipients=[self.positions["subsection_head"]], instructions=["follow_up"],
                                             disposed_on=HEAD_AWAY.date(), as_position=self.positions["head"])
        self.assertEqual(disposition.disposer_title, f"Plh. {self.head_title}")


class LetterParameterTests(CorrespondenceTestCase):
    def test_a_letter_parameter_that_is_no_number_is_404_not_500(self) -> None:
        letter = self.register()
        self.client.force_login(self.secretary)
        for page in ("/documents/new/", "/minutes/new/"):
            for value in ("abc", "3x", f"{letter.pk}.", "999999", "-1", "١"):
                with self.subTest(page=page, value=value):
                    self.assertEqual(self.client.get(page, {"letter": value}).status_code, 404)
            self.assertEqual(self.client.get(page, {"letter": str(letter.pk)}).status_code, 200)


class OtherOfficeLetterTests(CorrespondenceTestCase):
    def test_minutes_on_a_letter_of_another_office_are_refused_as_a_reply_is(self) -> None:
        theirs = actions.register_letter(self.other_office, actions.LetterInput(
            number="1", letter_date=dt.date(2025, 3, 20), sender="X", subject="Y", received_on=dt.date(2025, 3, 21),
            classification="005"), user=self.outsider, scan=SimpleUploadedFile("s.pdf", small_pdf("Surat mereka")))
        p = self.positions
        with self.assertRaisesMessage(NotAllowed, "The letter belongs to another office."):
            actions.record_minutes(self.office, actions.MinutesInput(
                title="Rapat", held_on=dt.date(2025, 3, 21), place="Aula", chair=p["subsection_head"], agenda="A",
                discussion="D", decisions="K", present=[p["subsection_head"]], absent=[], follow_ups=[], letter=theirs),
                user=self.staff)
        with self.assertRaisesMessage(NotAllowed, "The letter belongs to another office."):
            actions.create_outgoing(self.office, actions.OutgoingInput(
                kind=Document.Kind.MEMO, title="T", addressee="A", body="B", classification="005", letter=theirs),
                user=self.staff)
