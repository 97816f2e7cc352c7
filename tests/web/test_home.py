from django.test import override_settings

from kinerja.org import actions
from tests.base import PASSWORD, KinerjaTestCase


class HomeTestCase(KinerjaTestCase):
    def test_it_asks_strangers_to_sign_in(self) -> None:
        r = self.client.get("/")
        self.assertRedirects(r, "/login/?next=/")

    def test_it_greets_the_secretary_in_indonesian(self) -> None:
        self.client.force_login(self.secretary)
        r = self.client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertContains(r, "Selamat datang, Contoh Sekretaris Demo")
        self.assertContains(r, "Sekretaris Dinas")
        self.assertContains(r, "Dinas Koperasi dan UKM Kota Bandar Lampung")
        self.assertContains(r, "Data demo")
        self.assertContains(r, '<html lang="id">')

    def test_it_shows_the_administration_link_to_administrators_only(self) -> None:
        self.client.force_login(self.admin)
        self.assertContains(self.client.get("/"), 'href="/admin/"')
        self.client.force_login(self.staff)
        self.assertNotContains(self.client.get("/"), 'href="/admin/"')

    def test_the_admin_is_closed_to_non_administrators(self) -> None:
        self.client.force_login(self.head)
        self.assertEqual(self.client.get("/admin/").status_code, 302)
        self.client.force_login(self.admin)
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_it_runs_the_same_queries_for_one_position_or_many(self) -> None:
        self.client.force_login(self.staff)
        # Session, user, person with office, today's positions (shared by the page, the navigation and what
        # waits), the calendar's stamp, acting replacements, open tasks, meeting follow-ups, the required
        # initials, unread notifications. (A disposer, a holder of a required initial, the signer and a
        # division's contact have their own queries more: tests/web/test_home_waiting.py.)
        with self.assertNumQueries(10):
            self.client.get("/")
        for i in range(30):
            p = actions.add_position(self.positions["staff"].unit, f"Staf Tambahan {i}", "staff")
            actions.assign(self.built.people["jfu"], p, starts_on=self.built.people["jfu"].assignments.first().starts_on,
                           kind="plt", decree_number=f"800/{i}/2025")  # one definitive position a person
        with self.assertNumQueries(10):
            r = self.client.get("/")
        self.assertContains(r, "Staf Tambahan 29")


class LoginTestCase(KinerjaTestCase):
    def test_it_signs_in_with_the_password(self) -> None:
        r = self.client.post("/login/", {"username": "kasubbag", "password": PASSWORD})
        self.assertRedirects(r, "/")

    def test_it_says_what_went_wrong_and_keeps_the_username(self) -> None:
        r = self.client.post("/login/", {"username": "kasubbag", "password": "wrong"})
        self.assertContains(r, "Nama pengguna atau kata sandi salah")
        self.assertContains(r, 'value="kasubbag"')

    def test_it_locks_out_after_five_failures(self) -> None:
        for _ in range(5):
            self.client.post("/login/", {"username": "kasubbag", "password": "wrong"})
        r = self.client.post("/login/", {"username": "kasubbag", "password": PASSWORD})
        self.assertEqual(r.status_code, 429)
        self.assertContains(r, "Terlalu banyak percobaan masuk yang gagal", status_code=429)

    @override_settings(DEMO_PASSWORD=PASSWORD)
    def test_the_demo_password_never_opens_a_production_installation(self) -> None:
        r = self.client.post("/login/", {"username": "kasubbag", "password": PASSWORD})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "Nama pengguna atau kata sandi salah")

    def test_pages_carry_a_content_security_policy_without_inline_scripts(self) -> None:
        r = self.client.get("/login/")
        csp = r.headers["Content-Security-Policy"]
        self.assertIn("script-src 'self'", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertNotIn("<script>", r.content.decode())
        self.assertEqual(r.headers["X-Frame-Options"], "DENY")

    def test_sign_out_needs_a_post(self) -> None:
        self.client.force_login(self.staff)
        self.assertEqual(self.client.get("/logout/").status_code, 405)
        self.assertRedirects(self.client.post("/logout/"), "/login/")


class PasswordChangeTestCase(KinerjaTestCase):
    def test_it_changes_the_password(self) -> None:
        self.client.force_login(self.staff)
        r = self.client.post("/password/", {"old_password": PASSWORD, "new_password1": "Lampung-Kinerja-77",
                                            "new_password2": "Lampung-Kinerja-77"})
        self.assertRedirects(r, "/password/done/")
        self.staff.refresh_from_db()
        self.assertTrue(self.staff.check_password("Lampung-Kinerja-77"))


class CityOperatorHomeTestCase(KinerjaTestCase):
    def test_the_city_operator_is_shown_where_to_start(self) -> None:
        from django.contrib.auth import get_user_model

        operator = get_user_model().objects.create_superuser("operator-kota", "operator@kota.invalid", PASSWORD)
        self.client.force_login(operator)
        page = self.client.get("/")
        self.assertContains(page, "Operator kota", status_code=403)
        self.assertContains(page, 'href="/admin/org/office/"', status_code=403)
        self.assertNotContains(page, "Mintalah administrator", status_code=403)


class MinutesMenuTestCase(KinerjaTestCase):
    def test_the_staff_reach_the_minutes_from_the_menu(self) -> None:
        """The JFU records the coordination meeting's minutes (step 3); the letter register is not theirs."""
        self.client.force_login(self.staff)
        page = self.client.get("/").content.decode()
        self.assertIn('href="/minutes/"', page)
        self.assertNotIn('href="/letters/"', page)
        self.client.force_login(self.secretary)
        self.assertNotIn('href="/minutes/"', self.client.get("/").content.decode())
