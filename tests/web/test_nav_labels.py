"""The menu names the performance data entry by what the person can do there. The Sekretaris and the Kepala
Dinas were offered "Isi dan periksa data", which opened the indicators to read: the input and check pages
answer them 403."""

from __future__ import annotations

import re

from tests.base import KinerjaTestCase


class DataMenuLabelTestCase(KinerjaTestCase):
    def label(self, user, language: str = "id") -> str:  # type: ignore[no-untyped-def]
        self.client.force_login(user)
        if language != "id":
            self.client.post("/language/", {"language": language, "next": "/"})
        html = self.client.get("/").content.decode()
        nav = html[html.index('class="main-nav"'):html.index("</nav>", html.index('class="main-nav"'))]
        found = re.search(r'<a href="/data/start/"[^>]*>([^<]+)</a>', nav)
        assert found is not None, nav
        return found[1]

    def test_those_who_only_read_the_indicators_are_offered_them_by_name(self) -> None:
        for user in (self.secretary, self.head):
            with self.subTest(user=user.username):
                self.assertEqual(self.label(user), "Indikator dan target")
                self.client.force_login(user)
                self.assertEqual(self.client.get("/data/input/").status_code, 403)
                self.assertEqual(self.client.get("/data/check/").status_code, 403)

    def test_the_kasubbag_enters_and_checks_and_a_division_enters(self) -> None:
        self.assertEqual(self.label(self.subsection_head), "Isi dan periksa data")
        self.assertEqual(self.label(self.contacts[0]), "Isi data")

    def test_the_labels_in_english(self) -> None:
        self.assertEqual(self.label(self.secretary, "en"), "Indicators and targets")
        self.assertEqual(self.label(self.contacts[0], "en"), "Enter data")
        self.assertEqual(self.label(self.subsection_head, "en"), "Enter and check data")
