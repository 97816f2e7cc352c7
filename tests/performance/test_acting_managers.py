"""While a Plt or Plh acts for a Kasubbag or a Kabid, the acting holder manages the indicators and targets and
enters the division's actuals, not the absent official (can_manage and can_enter asked positions_held), who is
told who does and until when: by the actions, on the 403 pages and on the indicator list.

The Kasubbag away from 25 to 28 March 2025 with the second JFU as Plh (make_kasubbag_away); the Kabid of the
first division away from 25 March, no end date set, with the Kabid of the second division as Plh."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from kinerja.errors import NotAllowed
from kinerja.org import actions as org_actions
from kinerja.org.models import Assignment
from kinerja.performance import access, actions
from kinerja.performance.models import Actual, Objective
from tests.base import AFTER_PLH, ON_PLH_DAY, TODAY, KasubbagAway
from tests.performance.test_views import ViewsTestCase

NEW_OBJECTIVE = {"code": "S2", "name": "Meningkatnya UMKM naik kelas", "order": 2, "plan_start_year": 2021,
                 "plan_end_year": 2026}


class AbsentKasubbagTests(KasubbagAway, ViewsTestCase):
    def setUp(self) -> None:
        super().setUp()
        title = self.positions["subsection_head"].title
        self.acts = (f"{self.staff2.person.full_name} (Plh. {title}) menjalankan tugas jabatan Anda sebagai {title} "
                     "(25 Mar 2025 s.d. 28 Mar 2025)")
        self.said = (f"Anda tidak dapat mengelola indikator dan target hari ini: {self.acts}, dan selama itu dialah "
                     "yang mengelolanya.")

    def test_the_plh_manages_and_the_kasubbag_does_not(self) -> None:
        day = ON_PLH_DAY.date()
        self.assertEqual(access.manage_power(self.subsection_head, day), (False, self.plh))
        self.assertEqual(access.manage_power(self.staff2, day), (True, None))
        self.assertEqual(access.enter_power(self.subsection_head, self.division.pk, day), (False, self.plh))
        self.assertEqual(access.enter_power(self.subsection_head, None, day), (False, self.plh))
        with self.assertRaisesMessage(NotAllowed, self.said):
            actions.add_objective(self.office, user=self.subsection_head, **NEW_OBJECTIVE)
        self.assertFalse(Objective.objects.filter(office=self.office, code="S2").exists())

    def test_the_kasubbag_is_told_who_manages_on_the_pages(self) -> None:
        self.client.force_login(self.subsection_head)
        self.assertContains(self.client.get("/data/objectives/new/"), self.said, status_code=403)
        self.assertContains(self.client.post("/data/objectives/new/", NEW_OBJECTIVE), self.said, status_code=403)
        page = self.client.get("/data/indicators/")
        self.assertContains(page, f'<p class="stand-in manage-stood-in" role="note">{self.said}</p>', html=True)
        self.assertNotContains(page, 'href="/data/objectives/new/"')
        response = self.client.post(f"/data/input/{self.indicator.pk}/", {
            "year": 2025, "quarter": 1, f"i{self.indicator.pk}-value": "1.650"})
        self.assertContains(response, f"Anda tidak dapat mengisi realisasi hari ini: {self.acts}, dan selama itu "
                                      "dialah yang mengisinya.", status_code=403)
        self.assertFalse(Actual.objects.exists())
        self.assertFalse(Objective.objects.filter(office=self.office, code="S2").exists())

    def test_the_plh_manages_on_the_pages(self) -> None:
        self.client.force_login(self.staff2)
        page = self.client.get("/data/indicators/")
        self.assertContains(page, 'href="/data/objectives/new/"')
        self.assertNotContains(page, "manage-stood-in")
        self.assertRedirects(self.client.post("/data/objectives/new/", NEW_OBJECTIVE), "/data/indicators/",
                             fetch_redirect_response=False)
        self.assertTrue(Objective.objects.filter(office=self.office, code="S2").exists())

    def test_after_the_plh_days_the_kasubbag_manages_again(self) -> None:
        self.now.return_value = AFTER_PLH
        self.assertTrue(access.can_manage(self.subsection_head, AFTER_PLH.date()))
        self.client.force_login(self.subsection_head)
        self.assertEqual(self.client.get("/data/objectives/new/").status_code, 200)
        self.assertNotContains(self.client.get("/data/indicators/"), "manage-stood-in")


class AbsentKabidTests(ViewsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.kabid, cls.other_kabid = cls.built.people["kabid1"].user, cls.built.people["kabid2"].user
        cls.plh = org_actions.assign(cls.other_kabid.person, cls.positions["division_head:0"],
                                     starts_on=dt.date(2025, 3, 25), kind=Assignment.Kind.PLH,
                                     decree_number="800/125/III.07/2025")

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(mock.patch("django.utils.timezone.now", return_value=ON_PLH_DAY))
        title = self.positions["division_head:0"].title
        self.said = (f"Anda tidak dapat mengisi realisasi hari ini: {self.other_kabid.person.full_name} (Plh. {title}) "
                     f"menjalankan tugas jabatan Anda sebagai {title} (sejak 25 Mar 2025, tanpa tanggal akhir), "
                     "dan selama itu dialah yang mengisinya.")

    def post_actual(self) -> object:
        return self.client.post(f"/data/input/{self.indicator.pk}/", {
            "year": 2025, "quarter": 1, f"i{self.indicator.pk}-value": "1.650"})

    def test_the_plh_enters_the_division_s_actuals_by_the_acting_assignment_alone(self) -> None:
        day = ON_PLH_DAY.date()
        self.assertTrue(access.can_enter(self.kabid, self.division.pk, TODAY))  # before the Plh days
        self.assertFalse(access.can_enter(self.other_kabid, self.division.pk, TODAY))
        self.assertEqual(access.enter_power(self.kabid, self.division.pk, day), (False, self.plh))
        self.assertEqual(access.divisions_of(self.kabid, day), [])
        self.assertEqual(access.enter_power(self.other_kabid, self.division.pk, day), (True, None))
        self.assertEqual({u.pk for u in access.divisions_of(self.other_kabid, day)},
                         {self.division.pk, self.built.divisions[1].pk})
        with self.assertRaisesMessage(NotAllowed, self.said):
            actions.save_actual(self.indicator.pk, 2025, 1, user=self.kabid, value="1.650")
        self.assertFalse(Actual.objects.exists())

    def test_the_kabid_is_told_who_enters_on_a_403_page(self) -> None:
        self.client.force_login(self.kabid)
        self.assertContains(self.client.get("/data/input/"), self.said, status_code=403)
        self.assertContains(self.post_actual(), self.said, status_code=403)
        self.assertFalse(Actual.objects.exists())

    def test_the_plh_enters_on_the_input_page(self) -> None:
        self.client.force_login(self.other_kabid)
        page = self.client.get(f"/data/input/?year=2025&quarter=1&division={self.division.pk}")
        self.assertContains(page, f'id="i{self.indicator.pk}"')
        self.post_actual()
        self.assertEqual(Actual.objects.get(indicator=self.indicator).entered_by, self.other_kabid)
