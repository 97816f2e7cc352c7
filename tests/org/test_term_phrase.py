"""One wording for an acting term on every page (org.holding.term_phrase, the `term` filter): "1 Des 2026 s.d.
15 Des 2026", "sejak 1 Des 2026, tanpa tanggal akhir"; the pages said "sampai", "tanpa tanggal berakhir", "–" and
left the start out."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace
from unittest import mock

from django.template import Context, Template
from django.test import SimpleTestCase
from django.utils import translation

from kinerja.org.holding import term_phrase
from kinerja.org.models import Assignment
from tests.base import ON_PLH_DAY, KinerjaTestCase

START, END = dt.date(2026, 12, 1), dt.date(2026, 12, 15)


class TermPhraseTests(SimpleTestCase):
    def test_a_term_with_both_ends_and_one_without_an_end(self) -> None:
        with translation.override("id"):
            self.assertEqual(term_phrase(START, END), "1 Des 2026 s.d. 15 Des 2026")
            self.assertEqual(term_phrase(START, None), "sejak 1 Des 2026, tanpa tanggal akhir")
            self.assertEqual(term_phrase(START, START), "1 Des 2026")  # a single day, said once
        with translation.override("en"):
            self.assertEqual(term_phrase(START, END), "1 Dec 2026 to 15 Dec 2026")
            self.assertEqual(term_phrase(START, None), "since 1 Dec 2026, no end date")

    def test_the_filter_says_it_of_an_assignment(self) -> None:
        template = Template("{% load people %}{{ a|term }}")
        with translation.override("id"):
            self.assertEqual(template.render(Context({"a": SimpleNamespace(starts_on=START, ends_on=END)})),
                             "1 Des 2026 s.d. 15 Des 2026")
            self.assertEqual(template.render(Context({"a": SimpleNamespace(starts_on=START, ends_on=None)})),
                             "sejak 1 Des 2026, tanpa tanggal akhir")


class TermOnPagesTests(KinerjaTestCase):
    """The demo's Kepala Dinas is away from 24 March 2025 for a week, the Sekretaris his Plh."""

    def test_the_person_page_and_beranda_say_the_term_in_the_one_wording(self) -> None:
        plh = Assignment.objects.get(person=self.secretary.person, kind=Assignment.Kind.PLH)
        expected = term_phrase(plh.starts_on, plh.ends_on)
        self.assertRegex(expected, r"^\d+ \w{3} \d{4} s\.d\. \d+ \w{3} \d{4}$")
        self.client.force_login(self.admin)
        page = self.client.get(f"/org/people/{self.secretary.person.pk}/").content.decode()
        self.assertIn(f'<td data-label="Masa tugas">{expected}</td>', page)
        self.assertIn('<td data-label="Masa tugas">sejak ', page)  # the definitive position, no end date
        self.assertNotIn("sampai", page)
        self.client.force_login(self.secretary)
        with mock.patch("django.utils.timezone.now", return_value=ON_PLH_DAY):  # inside his term
            home = self.client.get("/").content.decode()
        held = re.findall(r'<span class="muted">[^<]*· ([^<]+)</span>', home)
        self.assertIn(expected, held)
