"""A form sent once the session has ended (web/middleware.py, SessionEndedMiddleware): an htmx form gets a
401 that swaps nothing and names the sign-in page leading back to the page it came from, instead of the
sign-in page put in place of the form; a plain form leads, after signing in, back to the page it was on,
not to the address it was sent to (which takes only POST). What was typed is kept by drafts.js
(tests/browser/test_drafts.py)."""

from __future__ import annotations

from tests.base import KinerjaTestCase

HTMX = {"HTTP_HX_REQUEST": "true"}


class SessionEndedTestCase(KinerjaTestCase):
    def test_an_htmx_form_gets_a_401_that_names_the_sign_in_page_back_to_its_page(self) -> None:
        response = self.client.post("/tasks/30/complete/", {"note": "catatan"}, **HTMX,
                                    HTTP_HX_CURRENT_URL="http://testserver/cases/5/?tab=riwayat")
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response["HX-Reswap"], "none")
        self.assertEqual(response["X-Kinerja-Sign-In"], "/login/?next=%2Fcases%2F5%2F%3Ftab%3Driwayat")
        self.assertIn("Sesi Anda telah berakhir", response.content.decode())

    def test_a_poll_after_the_session_ended_swaps_nothing_either(self) -> None:
        response = self.client.get("/notifications/count/", **HTMX, HTTP_HX_CURRENT_URL="http://testserver/inbox/")
        self.assertEqual((response.status_code, response["HX-Reswap"]), (401, "none"))
        self.assertEqual(response["X-Kinerja-Sign-In"], "/login/?next=%2Finbox%2F")

    def test_a_page_of_another_site_is_never_the_way_back(self) -> None:
        response = self.client.post("/tasks/30/complete/", **HTMX, HTTP_HX_CURRENT_URL="https://evil.example/cases/5/")
        self.assertEqual(response["X-Kinerja-Sign-In"], "/login/?next=%2F")
        response = self.client.post("/cases/new/", {"title": "x"}, HTTP_REFERER="https://evil.example/cases/new/")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/login/?next=/cases/new/")  # Django's own

    def test_a_plain_form_leads_back_to_the_page_it_was_on(self) -> None:
        response = self.client.post("/tasks/30/complete/", {"note": "catatan"},
                                    HTTP_REFERER="http://testserver/cases/5/")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/login/?next=%2Fcases%2F5%2F")

    def test_opening_a_page_keeps_djangos_redirect(self) -> None:
        response = self.client.get("/inbox/", HTTP_REFERER="http://testserver/cases/5/")
        self.assertEqual((response.status_code, response["Location"]), (302, "/login/?next=/inbox/"))

    def test_a_signed_in_person_is_not_concerned(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.post("/cases/new/", {}, **HTMX, HTTP_HX_CURRENT_URL="http://testserver/cases/new/")
        self.assertNotEqual(response.status_code, 401)
        self.assertFalse(response.has_header("X-Kinerja-Sign-In"))

    def test_signing_out_still_leads_to_the_plain_sign_in_page(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.post("/logout/", HTTP_REFERER="http://testserver/cases/5/")
        self.assertEqual((response.status_code, response["Location"]), (302, "/login/"))
