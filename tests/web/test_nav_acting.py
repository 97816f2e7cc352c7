"""The menu follows the work of the day: while a Plt or Plh acts for a Kasubbag or a Kabid, the acting holder is
offered the data input, not the absent official (who was still offered it, to be refused with a 403 there). The
absent Kasubbag may still open the check page to read it, labelled "Pemeriksaan data (hanya lihat)", as is the
Subbag Program's staff who look at it without checking. One query for the whole menu, whoever is away."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

from django.template import Context, Template
from django.test import RequestFactory

from kinerja.org import actions as org_actions
from kinerja.org.models import Assignment
from kinerja.web.nav import navigation
from tests.base import AFTER_PLH, ON_PLH_DAY, KasubbagAway, KinerjaTestCase

VIEW_ONLY = "Pemeriksaan data (hanya lihat)"


class MenuTestCase(KinerjaTestCase):
    def menus(self, user) -> tuple[str, list[tuple[str, str]]]:  # type: ignore[no-untyped-def]
        """(the main menu's label of the data entry, the performance menu's entries after the dashboard and the
        indicators) on the indicators page."""
        self.client.force_login(user)
        html = self.client.get("/data/indicators/").content.decode()
        nav = html[html.index('class="main-nav"'):html.index("</nav>", html.index('class="main-nav"'))]
        found = re.search(r'<a href="/data/start/"[^>]*>([^<]+)</a>', nav)
        assert found is not None, nav
        sub = html[html.index('class="perf-subnav"'):html.index("</nav>", html.index('class="perf-subnav"'))]
        entries = re.findall(r'<a href="(/data/[a-z]+/)"[^>]*>([^<]+)</a>', sub)
        self.assertEqual(entries[:2], [("/data/dashboard/", "Dasbor"),  # offered to all
                                       ("/data/indicators/", "Indikator dan target")])
        return found[1], entries[2:]

    def menu_queries(self, user) -> int:  # type: ignore[no-untyped-def]
        """The queries of the main menu and the performance menu of one request (the page's own left out)."""
        request = RequestFactory().get("/data/indicators/")
        request.user, request.office = user, self.office
        with self.assertNumQueries(1) as counted:
            navigation(request)
            Template("{% load perfdata %}{% perf_sections as may %}").render(Context({"request": request}))
        return len(counted.captured_queries)


class AbsentKasubbagMenuTests(KasubbagAway, MenuTestCase):
    def test_the_absent_kasubbag_is_offered_the_check_page_to_read_and_no_input(self) -> None:
        label, sub = self.menus(self.subsection_head)
        self.assertEqual(label, VIEW_ONLY)
        self.assertEqual(sub, [("/data/check/", VIEW_ONLY)])
        self.assertEqual(self.client.get("/data/check/").status_code, 200)  # reads on
        self.assertEqual(self.client.get("/data/input/").status_code, 403)

    def test_the_plh_is_offered_the_input_and_the_checking(self) -> None:
        label, sub = self.menus(self.staff2)
        self.assertEqual(label, "Isi dan periksa data")
        self.assertEqual(sub, [("/data/input/", "Isi realisasi"), ("/data/check/", "Pemeriksaan realisasi")])

    def test_the_subbag_staff_enter_and_only_look_at_the_check_page(self) -> None:
        label, sub = self.menus(self.staff)
        self.assertEqual(label, "Isi data")
        self.assertEqual(sub, [("/data/input/", "Isi realisasi"), ("/data/check/", VIEW_ONLY)])

    def test_after_the_plh_days_the_kasubbag_has_the_menu_back(self) -> None:
        self.now.return_value = AFTER_PLH
        label, sub = self.menus(self.subsection_head)
        self.assertEqual(label, "Isi dan periksa data")
        self.assertEqual(sub, [("/data/input/", "Isi realisasi"), ("/data/check/", "Pemeriksaan realisasi")])
        label, sub = self.menus(self.staff2)
        self.assertEqual((label, sub[-1]), ("Isi data", ("/data/check/", VIEW_ONLY)))

    def test_one_query_for_the_menus_of_each(self) -> None:
        for user in (self.subsection_head, self.staff2, self.staff):
            with self.subTest(user=user.username):
                self.assertEqual(self.menu_queries(user), 1)
        self.now.return_value = AFTER_PLH
        self.assertEqual(self.menu_queries(self.subsection_head), 1)


class AbsentKabidMenuTests(MenuTestCase):
    """The Kabid of the first division away from 25 March 2025, no end date set, the Kabid of the second as Plh."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.kabid, cls.other_kabid = cls.built.people["kabid1"].user, cls.built.people["kabid2"].user
        org_actions.assign(cls.other_kabid.person, cls.positions["division_head:0"], starts_on=dt.date(2025, 3, 25),
                           kind=Assignment.Kind.PLH, decree_number="800/125/III.07/2025")

    def setUp(self) -> None:
        super().setUp()
        self.now = self.enterContext(mock.patch("django.utils.timezone.now", return_value=ON_PLH_DAY))

    def test_the_absent_kabid_is_offered_no_input(self) -> None:
        label, sub = self.menus(self.kabid)
        self.assertEqual(label, "Indikator dan target")
        self.assertNotIn("/data/input/", [href for href, _label in sub])
        self.now.return_value = ON_PLH_DAY - dt.timedelta(days=2)  # before the Plh days: the Kabid's own
        self.assertEqual(self.menus(self.kabid)[0], "Isi data")

    def test_the_plh_is_offered_the_input(self) -> None:
        label, sub = self.menus(self.other_kabid)
        self.assertEqual(label, "Isi data")
        self.assertEqual(sub, [("/data/input/", "Isi realisasi")])
        self.client.force_login(self.other_kabid)
        self.assertEqual(self.client.get(f"/data/input/?division={self.built.divisions[0].pk}").status_code, 200)

    def test_one_query_for_the_menus_of_each(self) -> None:
        for user in (self.kabid, self.other_kabid):
            with self.subTest(user=user.username):
                self.assertEqual(self.menu_queries(user), 1)
