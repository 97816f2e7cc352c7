"""Error pages speak Indonesian in the frame of kinerja, as the rest of the interface: without templates
of its own, Django answers a production installation's 404, 403, 400 and 500 in bare English."""

from __future__ import annotations

from django.test import Client, RequestFactory
from django.views import defaults

from tests.base import PASSWORD, KinerjaTestCase


class ErrorPagesTestCase(KinerjaTestCase):
    def test_a_missing_page_is_explained_in_indonesian(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.get("/tidak-ada/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Halaman tidak ditemukan", status_code=404)
        self.assertContains(response, self.office.short_name, status_code=404)  # the frame, with the office
        self.assertNotContains(response, "The requested resource", status_code=404)

    def test_a_missing_page_for_a_visitor_who_is_not_signed_in(self) -> None:
        response = self.client.get("/tidak-ada/")
        self.assertContains(response, "Halaman tidak ditemukan", status_code=404)

    def test_a_forbidden_page_says_why_in_indonesian(self) -> None:
        request = RequestFactory().get("/")
        request.user, request.office = self.staff, self.office
        response = defaults.permission_denied(request, Exception(""))
        self.assertEqual(response.status_code, 403)
        self.assertIn("Anda tidak boleh membuka halaman ini", response.content.decode())

    def test_a_bad_request_and_a_server_error_in_indonesian(self) -> None:
        request = RequestFactory().get("/")
        request.user, request.office = self.staff, self.office
        self.assertIn("Permintaan tidak dapat dibaca", defaults.bad_request(request, Exception()).content.decode())
        page = defaults.server_error(request).content.decode()
        self.assertIn("Terjadi kesalahan di server", page)
        self.assertNotIn("Server Error (500)", page)

    def test_an_expired_form_says_what_to_do(self) -> None:
        client = Client(enforce_csrf_checks=True)
        response = client.post("/login/", {"username": "kasubbag", "password": PASSWORD})
        self.assertContains(response, "Formulir sudah kedaluwarsa", status_code=403)
