"""A figure the Kasubbag returns to its division ("Kembalikan ke bidang") is open work for the division: on the
Beranda and in the inbox of its contact and head, with the reason, who returned it and the button to correct it,
until the division sends it again; and one notification and one e-mail to each of them per return."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.org import actions as org_actions
from kinerja.org.models import Assignment
from kinerja.performance import actions
from kinerja.performance.models import Actual, Indicator, Objective, Target
from kinerja.workflow.models import Notification
from kinerja.workflow.notify import mail_new_work, unread_count
from tests.base import KinerjaTestCase

REASON = "Bukti dukung belum memuat daftar nama"


class ReturnedWorkTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.division = cls.built.divisions[0]
        cls.contact = cls.contacts[0]
        cls.kabid = cls.built.people["kabid1"].user
        cls.objective = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya kualitas koperasi",
                                                 plan_start_year=2021, plan_end_year=2026)
        cls.indicator = cls.make_indicator("IK-03", "Persentase koperasi tidak aktif")

    @classmethod
    def make_indicator(cls, code: str, name: str, division: object = None) -> Indicator:
        indicator = Indicator.objects.create(office=cls.office, objective=cls.objective, code=code, name=name,
                                             unit="%", division=division or cls.division)
        Target.objects.create(indicator=indicator, year=2025, kind="agreement", value_number=Decimal(20))
        return indicator

    def submitted(self, indicator: Indicator | None = None, quarter: int = 3) -> Actual:
        indicator = indicator or self.indicator
        actual = actions.save_actual(indicator.pk, 2025, quarter, user=self.contact, value="18")
        return actions.submit_actual(actual.pk, user=self.contact)

    def return_on_page(self, actual: Actual, reason: str = REASON) -> None:
        self.client.force_login(self.subsection_head)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"/data/actuals/{actual.pk}/return/", {f"r{actual.pk}-reason": reason})
        self.assertEqual(response.status_code, 302)

    def home(self, user: object) -> str:
        self.client.force_login(user)
        return self.client.get("/").content.decode()

    def inbox(self, user: object) -> str:
        self.client.force_login(user)
        return self.client.get("/inbox/").content.decode()

    def test_the_division_sees_what_was_returned_by_whom_and_why_until_it_sends_it_again(self) -> None:
        actual = self.submitted()
        for user in (self.contact, self.kabid):
            self.assertIn('id="nothing-waits"', self.home(user))
        self.return_on_page(actual)
        link = f'href="/data/input/?year=2025&amp;quarter=3&amp;division={self.division.pk}#i{self.indicator.pk}"'
        for user in (self.contact, self.kabid):
            for page in (self.home(user), self.inbox(user)):
                self.assertIn("Dikembalikan untuk diperbaiki", page)
                self.assertIn("IK-03 Persentase koperasi tidak aktif · Triwulan III 2025", page)
                self.assertIn(f"Dikembalikan oleh {self.subsection_head.person.full_name}: {REASON}", page)
                self.assertIn(link, page)
                self.assertIn(">Perbaiki data</a>", page)
            self.assertNotIn('id="nothing-waits"', self.home(user))
        # Another division, and the Kasubbag, have nothing of it.
        for user in (self.contacts[1], self.subsection_head):
            self.assertNotIn("IK-03 Persentase koperasi tidak aktif", self.home(user))
            self.assertNotIn("IK-03 Persentase koperasi tidak aktif", self.inbox(user))
        # The link opens the figure's card, open to correct.
        self.client.force_login(self.contact)
        page = self.client.get(f"/data/input/?year=2025&quarter=3&division={self.division.pk}")
        self.assertContains(page, f'id="i{self.indicator.pk}"')
        self.assertContains(page, REASON)
        # Sent again: no longer open work.
        actions.submit_actual(actual.pk, user=self.contact)
        for user in (self.contact, self.kabid):
            self.assertNotIn("IK-03 Persentase koperasi tidak aktif", self.home(user))
            self.assertNotIn("IK-03 Persentase koperasi tidak aktif", self.inbox(user))

    def test_each_return_notifies_the_contact_and_the_head_once_in_the_app_and_by_mail(self) -> None:
        actual = self.submitted()
        mail.outbox.clear()
        self.return_on_page(actual)
        notes = Notification.objects.filter(kind=Notification.Kind.RETURNED).order_by("user_id")
        self.assertEqual(sorted(n.user_id for n in notes), sorted([self.contact.pk, self.kabid.pk]))
        note = notes[0]
        self.assertEqual(note.subject, "IK-03 Persentase koperasi tidak aktif · Triwulan III 2025")
        self.assertEqual(note.url, f"/data/input/?year=2025&quarter=3&division={self.division.pk}#i{self.indicator.pk}")
        self.assertIsNone(note.case_id)
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), sorted([self.contact.email, self.kabid.email]))
        message = mail.outbox[0]
        self.assertEqual(message.subject, "Dikembalikan untuk diperbaiki: IK-03 Persentase koperasi tidak aktif · "
                                          "Triwulan III 2025")
        self.assertIn(f"Dikembalikan oleh {self.subsection_head.person.full_name}: {REASON}", message.body)
        self.assertIn(f"/data/input/?year=2025&quarter=3&division={self.division.pk}#i{self.indicator.pk}", message.body)
        self.assertEqual(unread_count(self.contact), 1)
        self.client.force_login(self.contact)
        listed = self.client.get("/notifications/")
        self.assertContains(listed, "IK-03 Persentase koperasi tidak aktif · Triwulan III 2025")
        # The reminder run's mail of new work does not send it a second time.
        mail.outbox.clear()
        self.assertEqual(mail_new_work(timezone.now()), [])
        self.assertEqual(mail.outbox, [])
        # Sent again and returned again: one more notification each, no more.
        actions.submit_actual(actual.pk, user=self.contact)
        self.return_on_page(actual, "Angka belum sesuai laporan RAT")
        self.assertEqual(Notification.objects.filter(kind=Notification.Kind.RETURNED).count(), 4)
        self.assertEqual(len(mail.outbox), 2)
        # A refused return (nothing to return now) tells nobody.
        self.return_on_page(actual, "Sekali lagi")
        self.assertEqual(Notification.objects.filter(kind=Notification.Kind.RETURNED).count(), 4)

    def test_a_plt_acting_for_the_kabid_gets_the_work_not_the_kabid_away(self) -> None:
        today = timezone.localdate()
        org_actions.assign(self.staff2.person, self.positions["division_head:0"],
                           starts_on=today - dt.timedelta(days=1), ends_on=today + dt.timedelta(days=5),
                           kind=Assignment.Kind.PLT, decree_number="800/7/2025")
        actual = self.submitted()
        mail.outbox.clear()
        self.return_on_page(actual)
        told = set(Notification.objects.filter(kind=Notification.Kind.RETURNED).values_list("user_id", flat=True))
        self.assertEqual(told, {self.contact.pk, self.staff2.pk})
        self.assertIn("IK-03 Persentase koperasi tidak aktif", self.home(self.staff2))
        self.assertNotIn("IK-03 Persentase koperasi tidak aktif", self.home(self.kabid))

    def test_the_pages_cost_the_same_queries_for_one_returned_figure_or_thirty(self) -> None:
        self.return_on_page(self.submitted())
        counts = {}
        for user in (self.contact, self.kabid, self.staff):
            self.client.force_login(user)
            for url in ("/", "/inbox/"):
                with CaptureQueriesContext(connection) as queries:
                    self.client.get(url)
                counts[user.pk, url] = len(queries)
        for i in range(30):
            indicator = self.make_indicator(f"IK-{10 + i}", f"Indikator {i}")
            actual = self.submitted(indicator)
            actions.return_actual(actual.pk, user=self.subsection_head, reason=f"Alasan {i}")
        for user in (self.contact, self.kabid, self.staff):
            self.client.force_login(user)
            for url in ("/", "/inbox/"):
                with self.assertNumQueries(counts[user.pk, url]):
                    page = self.client.get(url)
                self.assertEqual(page.status_code, 200)
        self.client.force_login(self.contact)
        self.assertEqual(len(self.client.get("/inbox/").context["box"].extra.open), 31)
        self.assertEqual(self.client.get("/").context["work"].todo, 31)

    def test_no_query_more_for_those_who_enter_no_divisions_figures(self) -> None:
        self.client.force_login(self.staff)
        with CaptureQueriesContext(connection) as queries:
            self.client.get("/")
        self.assertFalse([q for q in queries.captured_queries if "performance_actual" in (q["sql"] or "")])

    def test_sending_it_again_marks_its_notifications_read_and_the_item_goes(self) -> None:
        # Sent again, a returned figure's notifications are stale: marked read, gone from the unread count, and
        # its item leaves the inbox and Beranda; those of another figure or another period stay.
        actual = self.submitted()
        other_indicator = self.submitted(self.make_indicator("IK-1", "Indikator lain"))
        other_quarter = self.submitted(quarter=2)
        for returned in (actual, other_indicator, other_quarter):
            self.return_on_page(returned)
        self.assertEqual(unread_count(self.contact), 3)
        self.assertIn("IK-03 Persentase koperasi tidak aktif · Triwulan III 2025", self.inbox(self.contact))
        # The division corrects it on the answer page or the input page: both submit it (actions.submit_actual).
        actions.save_actual(self.indicator.pk, 2025, 3, user=self.contact, value="17")
        actions.submit_actual(actual.pk, user=self.contact)
        for user in (self.contact, self.kabid):
            self.assertEqual(unread_count(user), 2)
            read = Notification.objects.filter(user=user, read_at__isnull=False).values_list("url", flat=True)
            self.assertEqual(list(read), [f"/data/input/?year=2025&quarter=3&division={self.division.pk}"
                                          f"#i{self.indicator.pk}"])
            for page in (self.home(user), self.inbox(user)):
                self.assertNotIn("IK-03 Persentase koperasi tidak aktif · Triwulan III 2025", page)
                self.assertIn("IK-03 Persentase koperasi tidak aktif · Triwulan II 2025", page)
                self.assertIn("IK-1 Indikator lain · Triwulan III 2025", page)
        # Returned again: a new notification, unread; the old one stays read.
        self.return_on_page(actual, "Angka belum sesuai laporan RAT")
        self.assertEqual(unread_count(self.contact), 3)
        self.assertEqual(Notification.objects.filter(user=self.contact, read_at__isnull=False).count(), 1)

    def test_a_submit_of_a_figure_never_returned_touches_no_notification(self) -> None:
        returned = self.submitted(self.make_indicator("IK-1", "Indikator lain"))
        self.return_on_page(returned)
        self.submitted()
        self.assertEqual(unread_count(self.contact), 1)
