"""A person whose position a Plt or Plh holds today is told, where they would look for their tasks (Beranda,
the inbox, the case page of a task of that position), who does them and until when; the acting holder and
everyone else are not. The pages run on the real date, so the acting assignment is made around today."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.formats import date_format

from kinerja.org import actions as org
from kinerja.org.holding import today_in
from kinerja.org.models import Assignment
from tests.workflow.base import WorkflowTestCase


class StandInTestCase(WorkflowTestCase):
    def acting_head(self, *, ends: bool = True) -> Assignment:
        """The Sekretaris as Plt Kepala Dinas from yesterday, for a week or with no end date."""
        today = today_in(self.office.time_zone)
        return org.assign(self.secretary.person, self.positions["head"], starts_on=today - dt.timedelta(days=1),
                          ends_on=today + dt.timedelta(days=5) if ends else None, kind=Assignment.Kind.PLT,
                          decree_number="800/77/III.07/2026")

    def page(self, user, url: str = "/"):  # type: ignore[no-untyped-def]
        self.client.force_login(user)
        return self.client.get(url)

    def notice(self, acting: Assignment) -> str:
        return (f"Tugas jabatan Anda sebagai {self.positions['head'].title} sedang dijalankan oleh "
                f"{self.secretary.person.full_name} (Plt. {self.positions['head'].title}), "
                f"{date_format(acting.starts_on, 'j M Y')} s.d. {date_format(acting.ends_on, 'j M Y')}.")

    def test_the_head_is_told_on_beranda_and_in_the_inbox_who_acts_and_until_when(self) -> None:
        self.assertNotContains(self.page(self.head), 'id="stand-ins"')
        acting = self.acting_head()
        for url in ("/", "/inbox/"):
            page = self.page(self.head, url)
            self.assertContains(page, self.notice(acting), html=False)
            self.assertContains(page, "SK 800/77/III.07/2026")
            self.assertContains(page, "tugas kembali kepada Anda setelah masa jabatan Plt/Plh berakhir")
            for user in (self.secretary, self.staff):  # the Plt herself, and someone the Plt does not concern
                self.assertNotContains(self.page(user, url), 'id="stand-ins"')

    def test_an_open_ended_acting_assignment_says_so(self) -> None:
        self.acting_head(ends=False)
        since = date_format(today_in(self.office.time_zone) - dt.timedelta(days=1), "j M Y")
        self.assertContains(self.page(self.head), f"sedang dijalankan oleh {self.secretary.person.full_name} "
                                                  f"(Plt. {self.positions['head'].title}), sejak {since}, "
                                                  "tanpa tanggal akhir.")

    def test_the_case_page_of_the_heads_step_tells_the_head_and_not_the_plt(self) -> None:
        case = self.start_case()
        step6 = self.run_to_step(case, 6)
        self.assertEqual(step6.position, self.positions["head"])
        acting = self.acting_head()
        page = self.page(self.head, f"/cases/{case.pk}/")
        self.assertContains(page, self.notice(acting))
        self.assertNotIn("mine", page.context)
        page = self.page(self.secretary, f"/cases/{case.pk}/")
        self.assertNotContains(page, 'id="stand-ins"')
        self.assertTrue(page.context["mine"])
        # A step of another position (the Kasubbag's step 2 of another case) tells the head nothing there.
        other = self.start_case("Kasus lain", period="Triwulan II 2025")
        self.run_to_step(other, 2)
        self.assertNotContains(self.page(self.head, f"/cases/{other.pk}/"), 'id="stand-ins"')

    def test_the_notice_costs_no_query(self) -> None:
        """Beranda and the inbox read the acting holders with the query that leaves the head's tasks to the Plt."""
        counts = {}
        for url in ("/", "/inbox/"):
            self.client.force_login(self.head)
            with CaptureQueriesContext(connection) as queries:
                self.client.get(url)
            counts[url] = len(queries)
        self.acting_head()
        for url in ("/", "/inbox/"):
            # No query more; on Beranda fewer, as the head's letters and documents wait for the Plt meanwhile.
            with CaptureQueriesContext(connection) as queries:
                self.assertContains(self.client.get(url), 'id="stand-ins"')
            self.assertLessEqual(len(queries), counts[url], url)
