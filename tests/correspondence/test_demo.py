"""The correspondence demo: made through the actions, idempotent, and its signed report verifies."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from kinerja.correspondence import actions, demo
from kinerja.correspondence.models import Disposition, Document, FollowUp, Letter, Minutes, Signature
from kinerja.correspondence.verification import verify_pdf
from kinerja.org.holding import today_in

from .helpers import CorrespondenceTestCase


class DemoTestCase(CorrespondenceTestCase):
    def test_it_loads_once_and_the_signed_report_verifies(self) -> None:
        for user in (self.head, self.secretary, self.subsection_head):
            user.set_password(settings.DEMO_PASSWORD)
            user.save()
        demo.load(self.office)
        demo.load(self.office)
        letter = Letter.objects.get(office=self.office)
        self.assertEqual((letter.kind, letter.agenda_number[:8]), ("data_collection", "005/001/"))
        self.assertEqual(Disposition.objects.get(letter=letter).disposer_title, "Sekretaris Dinas")
        self.assertEqual(Minutes.objects.count(), 1)
        self.assertEqual(FollowUp.objects.count(), 4)
        self.assertTrue(Document.objects.filter(kind=Document.Kind.DATA_REQUEST).exists())
        signature = Signature.objects.get()
        self.assertTrue(signature.is_demo)
        self.assertTrue(signature.version.document.title.startswith("Data Kinerja Triwulan"))
        self.assertTrue(verify_pdf(signature.file.read()).valid)

    def test_the_quarter_being_collected_is_left_to_sign(self) -> None:
        """The letter and the running cases are of the previous quarter; the demo signs the one before it,
        so a visitor can take a running case to its signature (that quarter was signed already)."""
        for user in (self.head, self.secretary, self.subsection_head):
            user.set_password(settings.DEMO_PASSWORD)
            user.save()
        demo.load(self.office)
        year, quarter = demo._previous_quarter(today_in(self.office.time_zone))
        before = demo._previous_quarter(dt.date(year, 3 * quarter - 2, 1))
        period = actions.report_title(year, quarter).removeprefix("Data Kinerja ")
        self.assertEqual(Letter.objects.get(office=self.office).period, period)
        self.assertEqual(Signature.objects.get().version.document.title, actions.report_title(*before))

