"""Every password form says "kata sandi", as kinerja does everywhere: the change page, a first sign-in,
the admin's own change page, a person's page in the admin and the messages of the password rules.
Django's Indonesian says "sandi" ("Sandi lama", "Sandi baru"), so its forms showed both terms on one page
until src/kinerja/vendor/locale replaced those translations."""

from __future__ import annotations

import re
from pathlib import Path

import django
import polib
from django.utils import translation

from kinerja.org import actions
from kinerja.org.models import Person
from tests.base import PASSWORD, KinerjaTestCase

# "sandi" on its own, not as part of "kata sandi" (or "kata sandinya").
BARE = re.compile(r"(?<!kata )sandi", re.IGNORECASE)
DJANGO = Path(django.__file__).parent


def bare(text: str) -> list[str]:
    """The places in `text` where "sandi" stands without "kata", with a little of what surrounds them."""
    return [text[max(m.start() - 30, 0):m.end() + 20] for m in BARE.finditer(text)]


class DjangoMessagesTestCase(KinerjaTestCase):
    def test_every_password_message_of_django_says_kata_sandi(self) -> None:
        found = []
        for catalogue in ("contrib/auth", "contrib/admin"):
            for entry in polib.pofile(DJANGO / catalogue / "locale/id/LC_MESSAGES/django.po"):
                if entry.msgid == "codename" or not BARE.search(entry.msgstr + "".join(entry.msgstr_plural.values())):
                    continue
                with translation.override("id"):
                    if entry.msgid_plural:
                        shown = translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 2) \
                            if entry.msgctxt else translation.ngettext(entry.msgid, entry.msgid_plural, 2)
                    else:
                        shown = translation.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt \
                            else translation.gettext(entry.msgid)
                if BARE.search(shown):
                    found.append(f"{entry.msgid!r} → {shown!r}")
        self.assertEqual(found, [])

    def test_our_own_catalogues_say_kata_sandi(self) -> None:
        package = Path(actions.__file__).resolve().parent.parent
        found = [f"{po.relative_to(package)}: {entry.msgid!r} → {entry.msgstr!r}"
                 for po in package.rglob("locale/id/LC_MESSAGES/django.po") for entry in polib.pofile(po)
                 if BARE.search(entry.msgstr) and entry.msgid != "codename"]
        self.assertEqual(found, [])


class PasswordPagesTestCase(KinerjaTestCase):
    def assertOneTerm(self, response: object) -> None:  # noqa: N802 (as unittest's own)
        content = response.content.decode()  # type: ignore[attr-defined]
        self.assertIn("ata sandi", content)
        self.assertEqual(bare(content), [])

    def test_the_change_page_and_its_errors(self) -> None:
        self.client.force_login(self.subsection_head)
        page = self.client.get("/password/")
        self.assertContains(page, '<label for="id_old_password">Kata sandi lama</label>', html=True)
        self.assertContains(page, '<label for="id_new_password2">Ulangi kata sandi baru</label>', html=True)
        self.assertOneTerm(page)
        # A wrong old password, a new one of digits only, a repetition that differs: each message.
        page = self.client.post("/password/", {"old_password": "wrong", "new_password1": "12345678901",
                                               "new_password2": "12345678902"})
        self.assertContains(page, "Kata sandi lama salah.")
        self.assertContains(page, "Kedua kata sandi berbeda.")
        self.assertOneTerm(page)
        page = self.client.post("/password/", {"old_password": PASSWORD, "new_password1": "48213957260431",
                                               "new_password2": "48213957260431"})
        self.assertContains(page, "seluruhnya terdiri dari angka")
        # The rules a new password must meet are shown under it, in the same words.
        self.assertContains(page, 'id="id_new_password1_helptext"')
        self.assertContains(page, "tidak boleh hanya berisi angka")
        self.assertOneTerm(page)

    def test_a_first_sign_in_asks_for_the_administrators_password_by_that_name(self) -> None:
        person = Person.objects.get(user=self.staff)
        person.user.set_unusable_password()
        person.user.save()
        given, _skipped = actions.give_first_passwords([person], acting_user=self.admin)
        self.client.force_login(Person.objects.get(user=self.staff).user)  # with the password given
        page = self.client.get("/password/")
        self.assertContains(page, '<label for="id_old_password">Kata sandi dari administrator</label>', html=True)
        self.assertOneTerm(page)
        page = self.client.post("/password/", {"old_password": "wrong", "new_password1": "Metro-pegawai-2026!",
                                               "new_password2": "Metro-pegawai-2026!"})
        # Not "the old password is wrong": the person has no old one; they typed the sheet's wrongly.
        self.assertContains(page, "Ini bukan kata sandi yang diberikan administrator kepada Anda.")
        self.assertNotContains(page, "sandi lama")
        self.assertOneTerm(page)
        self.assertEqual(given[0].person, person)

    def test_the_admin_pages(self) -> None:
        self.client.force_login(self.admin)
        self.assertOneTerm(self.client.get("/admin/password_change/"))
        page = self.client.post("/admin/password_change/", {"old_password": "wrong", "new_password1": "x",
                                                             "new_password2": "y"})
        self.assertContains(page, "Kata sandi lama salah.")
        self.assertOneTerm(page)
        person = Person.objects.get(user=self.staff)
        self.assertOneTerm(self.client.get(f"/admin/org/person/{person.pk}/change/"))
        self.assertOneTerm(self.client.get("/admin/org/person/add/"))
        self.assertOneTerm(self.client.get("/admin/org/person/"))
