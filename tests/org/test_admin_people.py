"""The office's administrator enters its people and who holds what in the admin: a person comes with
the account they sign in with, the NIP may be typed as printed, and an assignment that breaks the rules
of positions is refused on the form, with what was typed kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages

from kinerja.org import actions
from kinerja.org.models import Assignment, Person
from tests.base import PASSWORD, TODAY, KinerjaTestCase

NEW_PASSWORD = "Metro-pegawai-2026!"


class AddPersonTestCase(KinerjaTestCase):
    url = "/admin/org/person/add/"

    def setUp(self) -> None:
        self.client.force_login(self.admin)

    def form(self, **changes: str) -> dict[str, str]:
        data = {"office": str(self.office.pk), "full_name": "Dewi Lestari, A.Md.", "nip": "19920417 201903 2 001",
                "grade": "II/c", "extra_role": "", "language": "id", "username": "dewi",
                "email": "dewi@kota.invalid", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        return {**data, **changes}

    def test_it_adds_a_person_with_the_account_they_sign_in_with(self) -> None:
        response = self.client.post(self.url, self.form())
        self.assertEqual(response.status_code, 302)
        person = Person.objects.get(full_name="Dewi Lestari, A.Md.")
        self.assertEqual((person.office, person.nip, person.user.username, person.user.email),
                         (self.office, "199204172019032001", "dewi", "dewi@kota.invalid"))
        self.assertFalse(person.user.is_staff)
        self.client.logout()
        self.assertRedirects(self.client.post("/login/", {"username": "dewi", "password": NEW_PASSWORD}), "/",
                             fetch_redirect_response=False)
        # The administrator typed the password, and knows it: Dewi chooses her own before anything else.
        self.assertTrue(person.must_change_password)
        self.assertRedirects(self.client.get("/"), "/password/")
        self.client.post("/password/", {"old_password": NEW_PASSWORD, "new_password1": "Dewi-punya-sendiri-2026",
                                        "new_password2": "Dewi-punya-sendiri-2026"})
        self.assertContains(self.client.get("/"), "Dewi Lestari, A.Md.")

    def test_it_adds_a_person_without_a_password_and_shows_a_first_one_to_print(self) -> None:
        self.assertContains(self.client.get(self.url), "Kosongkan keduanya untuk mencetak kata sandi pertama")
        response = self.client.post(self.url, self.form(password1="", password2=""), follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "admin/org/person/first_passwords.html")
        self.assertIn("no-store", response["Cache-Control"])
        [first] = response.context["given"]
        self.assertEqual((first.username, first.person.full_name), ("dewi", "Dewi Lestari, A.Md."))
        self.assertContains(response, f'<code class="first-password">{first.password}</code>', html=True)
        person = Person.objects.get(full_name="Dewi Lestari, A.Md.")
        self.assertTrue(person.must_change_password)
        self.client.logout()
        self.assertRedirects(self.client.post("/login/", {"username": "dewi", "password": first.password}), "/",
                             fetch_redirect_response=False)
        self.assertRedirects(self.client.get("/"), "/password/")

    def test_reloading_the_first_password_page_sends_nothing_again_and_shows_no_password(self) -> None:
        from django.contrib.sessions.models import Session

        # Post/redirect/get: the add form answers with a redirect, the page is a GET of its own.
        response = self.client.post(self.url, self.form(password1="", password2=""))
        dewi = Person.objects.get(full_name="Dewi Lestari, A.Md.")
        page = f"/admin/org/person/{dewi.pk}/first-password/"
        self.assertRedirects(response, page, fetch_redirect_response=False)
        # Between the two, neither the session (in the database) nor the cookie holds the password itself.
        pad = response.cookies["org-first-password"]
        self.assertTrue(pad["httponly"])
        self.assertEqual(pad["path"], page)
        stored = " ".join(str(s.get_decoded()) for s in Session.objects.all())
        shown = self.client.get(page)
        self.assertTemplateUsed(shown, "admin/org/person/first_passwords.html")
        self.assertIn("no-store", shown["Cache-Control"])
        [first] = shown.context["given"]
        self.assertNotIn(first.password, stored)
        self.assertNotIn(first.password, pad.value)
        self.assertNotIn(first.password.encode().hex(), stored + pad.value)
        self.assertContains(shown, f'<code class="first-password">{first.password}</code>', html=True)
        # Shown: both halves are gone; a reload says so, and shows no password, changes nothing.
        self.assertEqual(shown.cookies["org-first-password"].value, "")
        self.assertNotIn("org-first-password", " ".join(str(s.get_decoded()) for s in Session.objects.all()))
        again = self.client.get(page)
        self.assertEqual(again.status_code, 200)
        self.assertTemplateUsed(again, "admin/org/person/first_password_shown.html")
        self.assertIn("no-store", again["Cache-Control"])
        self.assertNotContains(again, first.password)
        self.assertContains(again, "Kata sandi pertama Dewi Lestari, A.Md. sudah ditampilkan sekali")
        self.assertContains(again, f'href="/admin/org/person/{dewi.pk}/change/"')
        self.assertEqual(Person.objects.filter(full_name="Dewi Lestari, A.Md.").count(), 1)
        dewi.user.refresh_from_db()
        self.assertTrue(dewi.user.check_password(first.password))  # the password handed out still holds

    def test_the_first_password_page_is_the_office_administrators_own(self) -> None:
        response = self.client.post(self.url, self.form(password1="", password2=""))
        dewi = Person.objects.get(full_name="Dewi Lestari, A.Md.")
        page = f"/admin/org/person/{dewi.pk}/first-password/"
        # Another office's administrator, even with the cookie in their browser, gets a 404.
        other = actions.add_person(self.other_office, username="admin2", full_name="Admin Lain",
                                   password=NEW_PASSWORD)
        other.user.is_staff = True
        other.user.save()
        self.client.force_login(other.user)
        self.client.cookies["org-first-password"] = response.cookies["org-first-password"].value
        self.assertEqual(self.client.get(page).status_code, 404)
        self.assertEqual(self.client.get("/admin/org/person/999999/first-password/").status_code, 404)

    def test_save_and_add_another_leaves_the_first_password_for_all_at_once(self) -> None:
        response = self.client.post(self.url, {**self.form(password1="", password2=""), "_addanother": "1"})
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        person = Person.objects.get(full_name="Dewi Lestari, A.Md.")
        self.assertFalse(person.user.has_usable_password())
        shown = [str(m) for m in get_messages(response.wsgi_request) if m.level == messages.WARNING]
        self.assertEqual(len(shown), 1, shown)
        self.assertIn('Dewi Lestari, A.Md. belum punya kata sandi dan belum bisa masuk.', shown[0])
        self.assertIn('<a href="/admin/org/person/?password=none">Pegawai tanpa kata sandi</a>', shown[0])

    def test_a_password_typed_once_is_refused(self) -> None:
        response = self.client.post(self.url, self.form(password2=""))
        self.assertIn("Ketik kata sandi dua kali, atau kosongkan keduanya",
                      " ".join(response.context["adminform"].form.errors["password2"]))
        response = self.client.post(self.url, self.form(password1=""))
        self.assertIn("password1", response.context["adminform"].form.errors)
        self.assertFalse(Person.objects.filter(full_name="Dewi Lestari, A.Md.").exists())

    def test_the_form_accepts_a_nip_typed_as_printed(self) -> None:
        field = self.client.get(self.url).context["adminform"].form.fields["nip"]
        self.assertGreaterEqual(field.widget.attrs["maxlength"], str(len("19920417 201903 2 001")))

    def test_a_wrong_nip_is_reported_and_the_typed_data_stays(self) -> None:
        response = self.client.post(self.url, self.form(nip="1992041720190320011"))
        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        self.assertIn("18", " ".join(form.errors["nip"]))
        self.assertEqual(form["full_name"].value(), "Dewi Lestari, A.Md.")
        self.assertEqual(form["username"].value(), "dewi")
        self.assertFalse(get_user_model().objects.filter(username="dewi").exists())

    def test_a_taken_username_or_mismatched_passwords_are_refused(self) -> None:
        response = self.client.post(self.url, self.form(username="KASUBBAG"))
        self.assertIn("username", response.context["adminform"].form.errors)
        response = self.client.post(self.url, self.form(password2="something-else-2026"))
        self.assertIn("password2", response.context["adminform"].form.errors)
        response = self.client.post(self.url, self.form(password1="12345678", password2="12345678"))
        self.assertIn("password1", response.context["adminform"].form.errors)
        self.assertFalse(Person.objects.filter(full_name="Dewi Lestari, A.Md.").exists())

    def test_a_person_cannot_be_added_to_another_office(self) -> None:
        response = self.client.post(self.url, self.form(office=str(self.other_office.pk)))
        self.assertIn("office", response.context["adminform"].form.errors)
        self.assertFalse(get_user_model().objects.filter(username="dewi").exists())

    def test_the_change_form_shows_the_account_and_keeps_it(self) -> None:
        person = self.built.people["jfu"]
        url = f"/admin/org/person/{person.pk}/change/"
        self.assertContains(self.client.get(url), "jfu")
        response = self.client.post(url, {"office": str(self.office.pk), "full_name": person.full_name,
                                          "nip": "19900505 201503 1 001", "grade": "III/a", "extra_role": "",
                                          "language": "id"})
        self.assertEqual(response.status_code, 302)
        person.refresh_from_db()
        self.assertEqual((person.grade, person.nip, person.user.username), ("III/a", "199005052015031001", "jfu"))

    def test_a_password_the_administrator_replaces_is_changed_at_the_next_sign_in(self) -> None:
        # A forgotten password replaced on the person's page is known to the administrator too, as a first
        # password handed out is: the person chooses their own before any other page, as after the first.
        person = self.built.people["jfu"]
        url = f"/admin/org/person/{person.pk}/change/"
        response = self.client.post(url, {"office": str(self.office.pk), "full_name": person.full_name,
                                          "nip": person.nip, "grade": person.grade, "extra_role": "", "language": "id",
                                          "active": "on", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        self.assertEqual(response.status_code, 302)
        person.refresh_from_db()
        self.assertTrue(person.must_change_password)
        self.assertContains(self.client.get(url), "Pegawai memilih kata sandinya sendiri saat masuk berikutnya.")
        self.client.logout()
        self.client.post("/login/", {"username": "jfu", "password": NEW_PASSWORD})
        self.assertRedirects(self.client.get("/"), "/password/")
        self.assertContains(self.client.get("/password/"),
                            '<label for="id_old_password">Kata sandi dari administrator</label>', html=True)

    def test_the_administrators_own_new_password_is_theirs(self) -> None:
        me = self.built.people["admin"]
        response = self.client.post(f"/admin/org/person/{me.pk}/change/", {
            "office": str(self.office.pk), "full_name": me.full_name, "nip": "", "grade": "", "extra_role": "",
            "language": "id", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        self.assertEqual(response.status_code, 302)
        me.refresh_from_db()
        self.assertFalse(me.must_change_password)


class AddAssignmentTestCase(KinerjaTestCase):
    url = "/admin/org/assignment/add/"

    def setUp(self) -> None:
        self.client.force_login(self.admin)

    def post(self, person: Person, position_key: str, **extra: str) -> object:
        data = {"person": str(person.pk), "position": str(self.positions[position_key].pk), "kind": "definitive",
                "starts_on": "2025-04-01", "ends_on": "", "decree_number": ""}
        return self.client.post(self.url, {**data, **extra})

    def test_a_second_definitive_head_is_refused(self) -> None:
        newcomer = self.built.people["auditor"]  # holds no position
        response = self.post(newcomer, "head")
        self.assertEqual(response.status_code, 200)
        errors = response.context["adminform"].form.errors
        self.assertIn("Contoh Kadis Demo", " ".join(errors["position"]))
        self.assertFalse(Assignment.objects.filter(person=newcomer).exists())

    def test_a_person_holds_one_definitive_position_at_a_time(self) -> None:
        jfu = self.built.people["jfu"]
        response = self.post(jfu, "contact:0")
        errors = response.context["adminform"].form.errors
        self.assertIn("Jabatan Fungsional Umum Subbagian Program", " ".join(errors["person"]))
        self.assertEqual(jfu.assignments.count(), 1)
        # As Plt, with its decree, the same person may act in a second position.
        response = self.post(jfu, "contact:0", kind="plt", decree_number="800/12/2025", ends_on="2025-04-30")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(jfu.assignments.count(), 2)

    def test_a_plt_beside_the_definitive_head_is_saved_with_a_warning(self) -> None:
        sekretaris = self.built.people["sekretaris"]
        # A Plh while the head is away is what the rule asks for: nothing to warn of.
        response = self.post(sekretaris, "head", kind="plh", decree_number="800/21/2025", starts_on="2025-05-01",
                             ends_on="2025-05-07")
        self.assertEqual(response.status_code, 302)
        self.assertEqual([m for m in get_messages(response.wsgi_request) if m.level == messages.WARNING], [])
        response = self.post(sekretaris, "head", kind="plt", decree_number="800/20/2025", ends_on="2025-04-07")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Assignment.objects.filter(person=sekretaris, kind="plt").exists())
        shown = [str(m) for m in get_messages(response.wsgi_request) if m.level == messages.WARNING]
        self.assertEqual(len(shown), 1, shown)
        self.assertIn("sementara Dr. Contoh Kadis Demo, S.E., M.M. masih memegangnya secara definitif "
                      "(1 Apr 2025 s.d. 7 Apr 2025)", shown[0])

    def test_a_plh_of_a_vacant_position_is_saved_with_a_warning(self) -> None:
        kasubbag = self.built.people["kasubbag"]
        # As Plt, which a vacant position gets: nothing to warn of.
        response = self.post(kasubbag, "umpeg_head", kind="plt", decree_number="800/23/2025", starts_on="2025-04-08")
        self.assertEqual(response.status_code, 302)
        self.assertEqual([m for m in get_messages(response.wsgi_request) if m.level == messages.WARNING], [])
        response = self.post(kasubbag, "umpeg_head", kind="plh", decree_number="800/22/2025", ends_on="2025-04-07")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Assignment.objects.filter(person=kasubbag, kind="plh").exists())
        shown = [str(m) for m in get_messages(response.wsgi_request) if m.level == messages.WARNING]
        self.assertEqual(len(shown), 1, shown)
        self.assertIn("Contoh Kasubbag Demo, S.E. menjadi Plh. Kepala Sub Bagian Umum dan Kepegawaian pada hari-hari "
                      "jabatan itu tidak memiliki pejabat definitif (1 Apr 2025 s.d. 7 Apr 2025)", shown[0])

    def test_ending_the_holder_under_a_plh_is_said(self) -> None:
        # The demo's Sekretaris is Plh of the Kadis from 24 to 30 March; the Kadis's holding is ended on 26 March.
        kadis = Assignment.objects.get(position=self.positions["head"], kind="definitive")
        response = self.client.post(f"/admin/org/assignment/{kadis.pk}/change/", {
            "person": str(kadis.person_id), "position": str(kadis.position_id), "kind": "definitive",
            "starts_on": kadis.starts_on.isoformat(), "ends_on": "2025-03-26", "decree_number": ""})
        self.assertEqual(response.status_code, 302)
        shown = [str(m) for m in get_messages(response.wsgi_request) if m.level == messages.WARNING]
        self.assertEqual(len(shown), 1, shown)
        self.assertIn("tidak memiliki pejabat definitif (27 Mar 2025 s.d. 30 Mar 2025)", shown[0])

    def test_the_kind_says_when_a_plh_and_when_a_plt(self) -> None:
        page = self.client.get(self.url)
        self.assertContains(page, "Plh: menggantikan pejabat definitif yang hanya berhalangan sementara")
        self.assertContains(page, "Plt: jabatan kosong, atau pejabatnya berhalangan tetap (SE Kepala BKN 1/2021)")

    def test_a_new_holder_after_the_previous_one_left(self) -> None:
        kasubbag = Assignment.objects.get(position=self.positions["subsection_head"])
        kasubbag.ends_on = dt.date(2025, 3, 31)
        kasubbag.save()
        response = self.post(self.built.people["auditor"], "subsection_head")
        self.assertEqual(response.status_code, 302)

    def test_an_end_before_the_start_is_refused(self) -> None:
        response = self.post(self.built.people["auditor"], "staff", ends_on="2025-03-01")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Assignment.objects.filter(person=self.built.people["auditor"]).exists())

    def test_changing_an_assignment_does_not_clash_with_itself(self) -> None:
        mine = Assignment.objects.get(position=self.positions["head"], kind="definitive")
        response = self.client.post(f"/admin/org/assignment/{mine.pk}/change/", {
            "person": str(mine.person_id), "position": str(mine.position_id), "kind": "definitive",
            "starts_on": mine.starts_on.isoformat(), "ends_on": (TODAY + dt.timedelta(days=365)).isoformat(),
            "decree_number": "821/1/2023"})
        self.assertEqual(response.status_code, 302)


class CityOperatorAddsAnAdministratorTestCase(KinerjaTestCase):
    def test_the_operator_makes_an_offices_administrator_in_one_form(self) -> None:
        operator = get_user_model().objects.create_superuser("operator-kota", "operator@kota.invalid", NEW_PASSWORD)
        self.client.force_login(operator)
        response = self.client.post("/admin/org/person/add/", {
            "office": str(self.other_office.pk), "full_name": "Rina Wulandari, S.Kom.", "nip": "", "grade": "",
            "extra_role": "", "language": "id", "username": "admin-lain", "email": "", "is_staff": "on",
            "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        self.assertEqual(response.status_code, 302)
        user = get_user_model().objects.get(username="admin-lain")
        self.assertTrue(user.is_staff)
        self.assertFalse(user.is_superuser)
        self.assertEqual(user.person.office, self.other_office)

    def test_an_office_administrator_cannot_make_another_administrator(self) -> None:
        self.client.force_login(self.admin)
        self.assertNotIn("is_staff", self.client.get("/admin/org/person/add/").context["adminform"].form.fields)
        self.client.post("/admin/org/person/add/", {
            "office": str(self.office.pk), "full_name": "Staf Baru", "nip": "", "grade": "", "extra_role": "",
            "language": "id", "username": "staf-baru", "email": "", "is_staff": "on",
            "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        self.assertFalse(get_user_model().objects.get(username="staf-baru").is_staff)


class PersonFormLabelsTestCase(KinerjaTestCase):
    def test_the_grade_is_chosen_by_golongan_and_the_admin_is_kinerjas(self) -> None:
        self.client.force_login(self.admin)
        page = self.client.get("/admin/org/person/add/")
        self.assertContains(page, '<option value="III/a">III/a – Penata Muda</option>', html=True)
        self.assertContains(page, "Administrasi kinerja")
        self.assertNotContains(page, "Administrasi Django")
        person = self.built.people["kasubbag"]
        self.assertEqual(person.rank_and_grade, "Penata Tingkat I (III/d)")  # printed under signatures


class AccountTestCase(KinerjaTestCase):
    """A person leaves the office or forgets their password: their administrator handles it."""

    def setUp(self) -> None:
        self.client.force_login(self.admin)
        self.person = self.built.people["jfu"]
        self.url = f"/admin/org/person/{self.person.pk}/change/"

    def form(self, **changes: str) -> dict[str, str]:
        data = {"office": str(self.office.pk), "full_name": self.person.full_name, "nip": self.person.nip,
                "grade": self.person.grade, "extra_role": "", "language": "id", "active": "on",
                "new_password1": "", "new_password2": ""}
        return {k: v for k, v in {**data, **changes}.items() if v is not None}

    def test_a_person_who_left_can_no_longer_sign_in(self) -> None:
        response = self.client.post(self.url, self.form(active=None))
        self.assertEqual(response.status_code, 302)
        self.person.user.refresh_from_db()
        self.assertFalse(self.person.user.is_active)
        self.client.logout()
        response = self.client.post("/login/", {"username": "jfu", "password": PASSWORD})
        self.assertEqual(response.status_code, 200)  # the form again: no way in
        self.assertEqual(self.person.assignments.count(), 1)  # their history stays

    def test_a_forgotten_password_is_replaced(self) -> None:
        response = self.client.post(self.url, self.form(new_password1=NEW_PASSWORD, new_password2="lain-2026-xyz"))
        self.assertIn("new_password2", response.context["adminform"].form.errors)
        response = self.client.post(self.url, self.form(new_password1=NEW_PASSWORD, new_password2=NEW_PASSWORD))
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        # In, and then asked to choose their own (test_a_password_the_administrator_replaces_is_changed_…).
        self.assertRedirects(self.client.post("/login/", {"username": "jfu", "password": NEW_PASSWORD}), "/",
                             fetch_redirect_response=False)

    def test_saving_without_a_new_password_keeps_the_old_one(self) -> None:
        self.assertEqual(self.client.post(self.url, self.form(grade="III/a")).status_code, 302)
        self.client.logout()
        self.assertRedirects(self.client.post("/login/", {"username": "jfu", "password": PASSWORD}), "/")

    def test_an_imported_account_without_a_password_is_told_to_get_its_first_one_here(self) -> None:
        # The organisation import makes accounts without a password; the guide sends the administrator to
        # this field for their first one, which must not say it is only for a forgotten password.
        imported = actions.add_person(self.office, username="199202142019031006", full_name="Fajar Nugroho, S.E.",
                                      password=None, nip="199202142019031006")
        page = self.client.get(f"/admin/org/person/{imported.pk}/change/")
        self.assertContains(page, "Akun ini belum punya kata sandi dan belum dapat masuk: isi kata sandi pertamanya "
                                  "di sini.")
        self.assertNotContains(page, "Hanya untuk mengganti kata sandi yang terlupa")
        page = self.client.get(self.url)  # an account in use: the password is only replaced when forgotten
        self.assertContains(page, "Hanya untuk mengganti kata sandi yang terlupa; selain itu biarkan kosong.")

    def test_the_administrator_cannot_lock_themselves_out(self) -> None:
        me = self.built.people["admin"]
        url = f"/admin/org/person/{me.pk}/change/"
        self.assertNotIn("active", self.client.get(url).context["adminform"].form.fields)
        response = self.client.post(url, {"office": str(self.office.pk), "full_name": me.full_name, "nip": "",
                                          "grade": "", "extra_role": "", "language": "id"})
        self.assertEqual(response.status_code, 302)
        me.user.refresh_from_db()
        self.assertTrue(me.user.is_active)


class SingleHolderHintTestCase(KinerjaTestCase):
    def test_a_second_jfu_in_a_single_holder_position_is_told_what_to_change(self) -> None:
        jfu = actions.add_position(self.positions["staff"].unit, "Pengadministrasi Keuangan", "staff")
        first = actions.add_person(self.office, username="staf-a", full_name="Staf A", password="x")
        second = actions.add_person(self.office, username="staf-b", full_name="Staf B", password="x")
        actions.assign(first, jfu, starts_on=TODAY)
        self.client.force_login(self.admin)
        response = self.client.post("/admin/org/assignment/add/", {
            "person": str(second.pk), "position": str(jfu.pk), "kind": "definitive",
            "starts_on": TODAY.isoformat(), "ends_on": "", "decree_number": ""})
        self.assertIn("“Pemangku tunggal”", " ".join(response.context["adminform"].form.errors["position"]))


class DeletePersonTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.admin)

    def test_a_person_with_positions_held_is_not_deleted(self) -> None:
        jfu = self.built.people["jfu"]
        page = self.client.get(f"/admin/org/person/{jfu.pk}/delete/")
        self.assertContains(page, "Jabatan Fungsional Umum Subbagian Program")  # what stands in the way
        self.client.post(f"/admin/org/person/{jfu.pk}/delete/", {"post": "yes"})
        self.client.post("/admin/org/person/", {"action": "delete_selected", "_selected_action": [str(jfu.pk)],
                                                "post": "yes"})
        self.assertTrue(Person.objects.filter(pk=jfu.pk).exists())
        self.assertEqual(jfu.assignments.count(), 1)

    def test_a_person_entered_by_mistake_is_deleted(self) -> None:
        typo = actions.add_person(self.office, username="salah-ketik", full_name="Salah Ketik", password="x")
        response = self.client.post(f"/admin/org/person/{typo.pk}/delete/", {"post": "yes"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Person.objects.filter(pk=typo.pk).exists())


class FirstPasswordsTestCase(KinerjaTestCase):
    """An imported office: many accounts without a password. The administrator gives them all first
    passwords at once, prints the list, and each person chooses their own at the first sign-in."""

    def setUp(self) -> None:
        self.client.force_login(self.admin)
        self.new = [actions.add_person(self.office, username=nip, full_name=name, password=None, nip=nip)
                    for nip, name in [("199202142019031006", "Fajar Nugroho, S.E."),
                                      ("199305052020012007", "Dewi Lestari, S.Ak."),
                                      ("199406062021011008", "Rudi Hartono")]]
        self.in_use = self.built.people["jfu"]

    def give(self, people: list[Person], follow: bool = False) -> Any:
        return self.client.post("/admin/org/person/", {"action": "give_first_passwords",
                                                       "_selected_action": [str(p.pk) for p in people]}, follow=follow)

    def hashes(self) -> dict[int, str]:
        return dict(get_user_model().objects.filter(person__in=self.new).values_list("pk", "password"))

    def test_reloading_the_list_of_first_passwords_draws_none_again_and_shows_none(self) -> None:
        from django.contrib.sessions.models import Session

        # Post/redirect/get: the action answers with a redirect; the list is a GET of its own.
        response = self.give([*self.new, self.in_use])
        self.assertEqual(response.status_code, 302)
        page = response["Location"]
        self.assertRegex(page, r"^/admin/org/person/first-passwords/[\w-]+/$")
        given = self.hashes()
        self.assertFalse(any(h.startswith("!") for h in given.values()))  # drawn once, by the POST
        pad = response.cookies["org-first-password"]
        self.assertTrue(pad["httponly"])
        self.assertEqual(pad["path"], page)
        stored = " ".join(str(s.get_decoded()) for s in Session.objects.all())
        shown = self.client.get(page)
        self.assertTemplateUsed(shown, "admin/org/person/first_passwords.html")
        self.assertIn("no-store", shown["Cache-Control"])
        passwords = {g.person.pk: g.password for g in shown.context["given"]}
        self.assertEqual(set(passwords), {p.pk for p in self.new})
        for person in self.new:  # each person's own, which signs them in, shown once on the page
            self.assertContains(shown, f'<code class="first-password">{passwords[person.pk]}</code>', count=1,
                                html=True)
            self.assertTrue(get_user_model().objects.get(pk=person.user_id).check_password(passwords[person.pk]))
            # Between the POST and the GET, neither half held it in clear.
            self.assertNotIn(passwords[person.pk], stored + pad.value)
            self.assertNotIn(passwords[person.pk].encode().hex(), stored + pad.value)
        self.assertContains(shown, "1 akun yang dipilih sudah punya kata sandi atau dikunci")
        # Shown: both halves are gone. A reload says they were shown once, shows none, and draws none again.
        self.assertEqual(shown.cookies["org-first-password"].value, "")
        self.assertNotIn("org-first-password", " ".join(str(s.get_decoded()) for s in Session.objects.all()))
        again = self.client.get(page)
        self.assertEqual(again.status_code, 200)
        self.assertTemplateUsed(again, "admin/org/person/first_password_shown.html")
        self.assertIn("no-store", again["Cache-Control"])
        self.assertContains(again, "Kata sandi pertama ini sudah ditampilkan sekali, saat diberikan")
        self.assertContains(again, "tidak dapat ditampilkan lagi")
        self.assertContains(again, 'href="/admin/org/person/?password=temporary"')
        for password in passwords.values():
            self.assertNotContains(again, password)
        self.assertEqual(self.hashes(), given)

    def test_the_list_of_first_passwords_is_the_office_administrators_own(self) -> None:
        response = self.give(self.new)
        other = actions.add_person(self.other_office, username="admin2", full_name="Admin Lain",
                                   password=NEW_PASSWORD)
        other.user.is_staff = True
        other.user.save()
        self.client.force_login(other.user)
        self.client.cookies["org-first-password"] = response.cookies["org-first-password"].value
        page = self.client.get(response["Location"])
        self.assertTemplateUsed(page, "admin/org/person/first_password_shown.html")
        for person in self.new:
            self.assertNotContains(page, person.full_name)

    def test_many_accounts_get_a_first_password_shown_once_and_kept_only_hashed(self) -> None:
        from django.contrib.admin.models import LogEntry

        response = self.give([*self.new, self.in_use], follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        given = {g.username: g.password for g in response.context["given"]}
        self.assertEqual(set(given), {p.user.username for p in self.new})
        self.assertEqual(len(set(given.values())), 3)  # one each, drawn at random
        for person in self.new:
            password = given[person.user.username]
            self.assertContains(response, f'<code class="first-password">{password}</code>', html=True)
            person.refresh_from_db()
            person.user.refresh_from_db()
            self.assertTrue(person.user.check_password(password))
            self.assertNotIn(password, person.user.password)  # a hash, never the password itself
            self.assertTrue(person.must_change_password)
        # The account in use keeps the password its holder knows; the page says one was left alone.
        self.assertContains(response, "1 akun yang dipilih sudah punya kata sandi atau dikunci")
        self.in_use.user.refresh_from_db()
        self.assertTrue(self.in_use.user.check_password(PASSWORD))
        self.assertFalse(Person.objects.get(pk=self.in_use.pk).must_change_password)
        logged = " ".join(LogEntry.objects.values_list("change_message", flat=True))
        self.assertEqual(LogEntry.objects.filter(object_id__in=[str(p.pk) for p in self.new]).count(), 3)
        for password in given.values():
            self.assertNotIn(password, logged)

    def test_the_person_must_choose_their_own_password_at_the_first_sign_in(self) -> None:
        response = self.give(self.new[:1], follow=True)
        password = response.context["given"][0].password
        self.client.logout()
        self.assertRedirects(self.client.post("/login/", {"username": "199202142019031006", "password": password}),
                             "/", fetch_redirect_response=False)
        self.assertRedirects(self.client.get("/"), "/password/")
        self.assertRedirects(self.client.get("/org/"), "/password/")
        # The header's notifications count, loaded by htmx: nothing to swap in (not the password page).
        self.assertEqual(self.client.get("/notifications/count/", headers={"HX-Request": "true"}).status_code, 204)
        page = self.client.get("/password/")
        self.assertContains(page, "Anda masuk dengan kata sandi yang diberikan administrator")
        # The first field asks for the password the administrator gave, not an old one of their own.
        self.assertContains(page, '<label for="id_old_password">Kata sandi dari administrator</label>', html=True)
        self.assertNotContains(page, "Sandi lama")
        response = self.client.post("/password/", {"old_password": password, "new_password1": NEW_PASSWORD,
                                                   "new_password2": NEW_PASSWORD})
        self.assertRedirects(response, "/password/done/", fetch_redirect_response=False)
        self.assertFalse(Person.objects.get(pk=self.new[0].pk).must_change_password)
        self.assertEqual(self.client.get("/").status_code, 200)
        # Changing it again later, the first field is their old password.
        self.assertContains(self.client.get("/password/"), '<label for="id_old_password">Kata sandi lama</label>', html=True)

    def test_nothing_selected_without_a_password_changes_nothing(self) -> None:
        before = self.in_use.user.password
        response = self.give([self.in_use])
        self.assertRedirects(response, "/admin/org/person/")
        self.in_use.user.refresh_from_db()
        self.assertEqual(self.in_use.user.password, before)

    def test_the_list_filters_accounts_without_a_password(self) -> None:
        page = self.client.get("/admin/org/person/?password=none")
        self.assertEqual({p.pk for p in page.context["cl"].result_list}, {p.pk for p in self.new})

    def test_another_offices_account_cannot_be_given_one(self) -> None:
        theirs = actions.add_person(self.other_office, username="199507072022011009", full_name="Orang Lain",
                                    password=None)
        self.give([theirs])
        theirs.user.refresh_from_db()
        self.assertFalse(theirs.user.has_usable_password())
