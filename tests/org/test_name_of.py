"""How pages, e-mails and reports name whoever acted (org.models.name_of)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.template import Context, Template

from kinerja.org.models import Person, name_of
from tests.base import KinerjaTestCase


class NameOfTestCase(KinerjaTestCase):
    def test_a_person_is_named_by_their_full_name(self) -> None:
        self.assertEqual(name_of(self.secretary), self.secretary.person.full_name)

    def test_an_account_without_a_person_or_without_a_name_is_named_by_its_username(self) -> None:
        admin = get_user_model().objects.create_user("admin.kota")
        self.assertEqual(name_of(admin), "admin.kota")
        Person.objects.filter(user=self.secretary).update(full_name="")
        self.secretary.refresh_from_db()
        self.assertEqual(name_of(self.secretary), self.secretary.get_username())

    def test_nobody_is_named_as_the_caller_asks(self) -> None:
        self.assertEqual(name_of(None), "")
        self.assertEqual(name_of(None, none="?"), "?")

    def test_pages_name_people_with_the_same_function(self) -> None:
        # The pages' filter: an administrator without a person who registers a letter is named, not left blank.
        admin = get_user_model().objects.create_user("admin.kota")
        page = Template("{% load people %}{{ a|name_of }} / {{ b|name_of }} / {{ c|name_of }}")
        self.assertEqual(page.render(Context({"a": self.secretary, "b": admin, "c": None})),
                         f"{self.secretary.person.full_name} / admin.kota / ")
