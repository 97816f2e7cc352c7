import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from tests.base import PASSWORD, KinerjaTestCase


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


class LanguageChosenAtSignInTestCase(KinerjaTestCase):
    """The language switch of the sign-in page, then signing in there."""

    def sign_in(self) -> None:
        r = self.client.post("/login/", {"username": self.staff.get_username(), "password": PASSWORD})
        self.assertEqual(r.status_code, 302, r.content[:500])

    def test_english_chosen_on_the_sign_in_page_stays_after_signing_in(self) -> None:
        self.assertEqual(self.staff.person.language, "id")
        self.client.post("/language/", {"language": "en", "next": "/login/"})
        self.sign_in()
        self.staff.person.refresh_from_db()
        self.assertEqual(self.staff.person.language, "en")
        self.assertContains(self.client.get("/"), '<html lang="en">')

    def test_the_cookie_of_whoever_used_the_computer_before_does_not_change_a_person_s_language(self) -> None:
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the previous person's choice, not this one's
        self.sign_in()
        self.staff.person.refresh_from_db()
        self.assertEqual(self.staff.person.language, "id")
        self.assertContains(self.client.get("/"), '<html lang="id">')

    def test_the_choice_is_used_once(self) -> None:
        self.client.post("/language/", {"language": "en", "next": "/login/"})
        self.sign_in()
        self.client.post("/language/", {"language": "id", "next": "/"})  # changed back, signed in
        self.client.post("/logout/")
        self.sign_in()
        self.staff.person.refresh_from_db()
        self.assertEqual(self.staff.person.language, "id")
