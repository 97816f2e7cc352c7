import datetime as dt
from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from tests.base import KinerjaTestCase


class LanguageTestCase(KinerjaTestCase):
    def test_english_is_a_choice_kept_on_the_person(self) -> None:
        self.client.force_login(self.staff)
        r = self.client.post("/language/", {"language": "en", "next": "/"})
        self.assertRedirects(r, "/")
        self.staff.person.refresh_from_db()
        self.assertEqual(self.staff.person.language, "en")
        self.client.cookies.clear()
        self.client.force_login(self.staff)
        r = self.client.get("/")
        self.assertContains(r, "Welcome, Contoh Staf Demo Satu")
        self.assertContains(r, '<html lang="en">')

    def test_it_refuses_an_unknown_language(self) -> None:
        self.client.force_login(self.staff)
        self.assertEqual(self.client.post("/language/", {"language": "xx"}).status_code, 400)

    def test_it_does_not_redirect_to_another_site(self) -> None:
        r = self.client.post("/language/", {"language": "id", "next": "https://evil.example/"})
        self.assertRedirects(r, "/", fetch_redirect_response=False)

    def test_dates_and_numbers_are_written_the_indonesian_way(self) -> None:
        template = Template('{{ day|date:"DATE_FORMAT" }} {{ amount }}')
        context = Context({"day": dt.date(2025, 3, 24), "amount": Decimal("1725.50")})
        with translation.override("id"):
            self.assertEqual(template.render(context), "24 Maret 2025 1.725,50")
        with translation.override("en"):
            self.assertEqual(template.render(context), "24 March 2025 1,725.50")
