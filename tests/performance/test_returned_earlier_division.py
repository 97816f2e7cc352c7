"""An indicator a later year gave to another division (and another name) stays, for its earlier years' figures,
the work of the division that answered for it then (IndicatorRevision): a returned 2025 figure goes back to that
division, under its 2025 name, and that division enters, resubmits and corrects it; the new division enters the
later years'. The Sekretariat that answered for an indicator only in an earlier year still enters that year's."""

from __future__ import annotations

from decimal import Decimal

from django.core import mail

from kinerja.errors import NotAllowed
from kinerja.org.models import Unit
from kinerja.performance import actions
from kinerja.performance.models import Actual, Indicator, IndicatorRevision, Objective, Target
from kinerja.workflow.models import Notification
from tests.base import KinerjaTestCase

REASON = "Bukti dukung belum memuat daftar nama"
OLD_NAME = "Persentase koperasi tidak aktif"


class EarlierDivisionTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.a, cls.b = cls.built.divisions[0], cls.built.divisions[1]
        cls.contact_a, cls.contact_b = cls.contacts[0], cls.contacts[1]
        cls.kabid_a, cls.kabid_b = cls.built.people["kabid1"].user, cls.built.people["kabid2"].user
        objective = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya kualitas koperasi",
                                             plan_start_year=2021, plan_end_year=2026)
        # Bidang B answers for it from 2026, under a new name; up to 2025 it was Bidang A's.
        cls.indicator = Indicator.objects.create(office=cls.office, objective=objective, code="IK-03",
                                                 name="Persentase koperasi aktif", unit="%", division=cls.b)
        IndicatorRevision.objects.create(indicator=cls.indicator, until_year=2025, name=OLD_NAME, unit="%",
                                         polarity=cls.indicator.polarity,
                                         negative_method=cls.indicator.negative_method, division=cls.a)
        for year in (2025, 2026):
            Target.objects.create(indicator=cls.indicator, year=year, kind="agreement", value_number=Decimal(20))

    def submitted(self, user: object, year: int = 2025) -> Actual:
        actual = actions.save_actual(self.indicator.pk, year, 3, user=user, value="18")
        return actions.submit_actual(actual.pk, user=user)

    def return_on_page(self, actual: Actual) -> None:
        self.client.force_login(self.subsection_head)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"/data/actuals/{actual.pk}/return/", {f"r{actual.pk}-reason": REASON})
        self.assertEqual(response.status_code, 302)

    def page(self, user: object, url: str) -> str:
        self.client.force_login(user)
        return self.client.get(url).content.decode()

    def test_a_returned_figure_goes_to_the_division_and_under_the_name_of_its_year(self) -> None:
        actual = self.submitted(self.contact_a)
        mail.outbox.clear()
        self.return_on_page(actual)
        label = f"IK-03 {OLD_NAME} · Triwulan III 2025"
        url = f"/data/input/?year=2025&quarter=3&division={self.a.pk}#i{self.indicator.pk}"
        notes = Notification.objects.filter(kind=Notification.Kind.RETURNED)
        self.assertEqual(sorted(n.user_id for n in notes), sorted([self.contact_a.pk, self.kabid_a.pk]))
        self.assertEqual({(n.subject, n.url) for n in notes}, {(label, url)})
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), sorted([self.contact_a.email, self.kabid_a.email]))
        self.assertIn(label, mail.outbox[0].subject)
        for user in (self.contact_a, self.kabid_a):
            for address in ("/", "/inbox/"):
                shown = self.page(user, address)
                self.assertIn(label, shown)
                self.assertIn(url.replace("&", "&amp;"), shown)
        for user in (self.contact_b, self.kabid_b):
            for address in ("/", "/inbox/"):
                self.assertNotIn("IK-03", self.page(user, address))
        # Bidang A corrects and sends it again; Bidang B may not.
        with self.assertRaises(NotAllowed):
            actions.save_actual(self.indicator.pk, 2025, 3, user=self.contact_b, value="19")
        with self.assertRaises(NotAllowed):
            actions.submit_actual(actual.pk, user=self.contact_b)
        actions.save_actual(self.indicator.pk, 2025, 3, user=self.contact_a, value="19")
        self.assertEqual(actions.submit_actual(actual.pk, user=self.contact_a).status, Actual.Status.SUBMITTED)
        self.assertNotIn("IK-03", self.page(self.contact_a, "/inbox/"))

    def test_the_new_division_enters_the_later_year_and_the_old_one_does_not(self) -> None:
        actual = self.submitted(self.contact_b, 2026)
        self.assertEqual(actual.status, Actual.Status.SUBMITTED)
        with self.assertRaises(NotAllowed):
            actions.save_actual(self.indicator.pk, 2026, 2, user=self.contact_a, value="18")
        self.return_on_page(actual)
        notes = Notification.objects.filter(kind=Notification.Kind.RETURNED)
        self.assertEqual(sorted(n.user_id for n in notes), sorted([self.contact_b.pk, self.kabid_b.pk]))
        self.assertIn("IK-03 Persentase koperasi aktif · Triwulan III 2026", self.page(self.contact_b, "/inbox/"))
        self.assertNotIn("IK-03", self.page(self.contact_a, "/inbox/"))

    def test_the_sekretariat_that_answered_for_an_earlier_year_still_enters_that_year(self) -> None:
        secretariat = Unit.objects.get(office=self.office, kind=Unit.Kind.SECRETARIAT)
        Indicator.objects.filter(division=secretariat).update(division=self.b)  # nothing of its own now
        IndicatorRevision.objects.filter(indicator=self.indicator).update(division=secretariat)
        actual = self.submitted(self.secretary)
        self.return_on_page(actual)
        self.assertIn(f"IK-03 {OLD_NAME} · Triwulan III 2025", self.page(self.secretary, "/inbox/"))
        self.assertEqual(actions.submit_actual(actual.pk, user=self.secretary).status, Actual.Status.SUBMITTED)
