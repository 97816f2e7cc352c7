"""The Kasubbag keeps the office's SOPs; while a JFU is their Plh (Tuesday 25 to Friday 28 March 2025) the Plh
manages them, and the absent Kasubbag is told who does and until when (he managed them on: may_manage asked
positions_held), still reading every SOP page."""

from __future__ import annotations

from kinerja.sop.access import manage_power, may_manage
from tests.base import AFTER_PLH, KasubbagAway, KinerjaTestCase


class AbsentKasubbagTests(KasubbagAway, KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        title = self.positions["subsection_head"].title
        self.said = (f"Anda tidak dapat mengelola SOP hari ini: {self.staff2.person.full_name} (Plh. {title}) "
                     f"menjalankan tugas jabatan Anda sebagai {title} (25 Mar 2025 s.d. 28 Mar 2025), dan selama itu "
                     "dialah yang mengelolanya.")

    def test_the_plh_manages_and_the_kasubbag_does_not(self) -> None:
        self.assertTrue(may_manage(self.staff2, self.office))
        self.assertEqual(manage_power(self.subsection_head, self.office), (False, self.plh))
        self.assertTrue(may_manage(self.admin, self.office))

    def test_the_kasubbag_is_told_who_manages_on_a_403_page_and_keeps_the_list(self) -> None:
        self.client.force_login(self.subsection_head)
        self.assertContains(self.client.get("/sop/upload/"), self.said, status_code=403)
        page = self.client.get("/sop/")
        self.assertContains(page, self.said)
        self.assertNotContains(page, 'href="/sop/upload/"')
        self.client.force_login(self.staff2)
        self.assertEqual(self.client.get("/sop/upload/").status_code, 200)

    def test_after_the_plh_days_the_kasubbag_manages_again(self) -> None:
        self.now.return_value = AFTER_PLH
        self.assertTrue(may_manage(self.subsection_head, self.office))
        self.assertFalse(may_manage(self.staff2, self.office))
        self.client.force_login(self.subsection_head)
        self.assertEqual(self.client.get("/sop/upload/").status_code, 200)
