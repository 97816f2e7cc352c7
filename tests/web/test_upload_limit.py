"""A request body larger than any form accepts is refused before a byte of it is read: a 500 MB upload
chosen by mistake neither fills the disk with its temporary file nor holds a worker while it arrives.
The answer says which limit applies and what to do; htmx forms get it above the form."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.test.client import encode_multipart

from kinerja.sop.models import Sop
from tests.base import KinerjaTestCase
from tests.sop.documents import SEED

MB = 1024 * 1024
BOUNDARY = "kinerjaBoundary"


class UnreadableBody:
    """A wsgi.input that fails the test when anything reads it."""

    def read(self, *args: object) -> bytes:
        raise AssertionError("the request body was read")

    readline = read


class UploadLimitTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        # As a browser, with its CSRF cookie: the CSRF check reads the body of every POST before the
        # view runs.
        self.client = Client(enforce_csrf_checks=True)
        self.client.force_login(self.secretary)
        self.client.get("/letters/new/")

    def post_unread(self, url: str, length: int, **headers: str):  # type: ignore[no-untyped-def]
        return self.client.generic("POST", url, headers=headers or None, **{
            "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}", "CONTENT_LENGTH": str(length),
            "wsgi.input": UnreadableBody()})

    def test_it_refuses_an_oversize_scan_unread_and_says_what_to_do(self) -> None:
        response = self.post_unread("/letters/new/", 500 * MB, Referer="http://testserver/letters/new/")
        self.assertEqual(response.status_code, 413)
        self.assertContains(response, "Unggahan terlalu besar dan tidak disimpan.", status_code=413)
        self.assertContains(response, "Yang Anda kirim berukuran 500,0 MB; kinerja menerima paling besar 32 MB "
                                      "dalam satu kali kirim, dan setiap berkas paling besar 10 MB.", status_code=413)
        self.assertContains(response, "Perkecil berkas", status_code=413)
        self.assertContains(response, "atau bagi menjadi beberapa berkas", status_code=413)
        self.assertContains(response, '<a href="http://testserver/letters/new/">Kembali ke formulir</a>',
                            status_code=413)
        self.assertContains(response, self.office.short_name, status_code=413)  # the frame, with the office

    def test_a_visitor_who_is_not_signed_in_is_refused_unread_too(self) -> None:
        self.client.logout()
        self.client.get("/verify/")
        response = self.post_unread("/verify/", 40 * MB)
        self.assertContains(response, "Unggahan terlalu besar", status_code=413)
        self.assertContains(response, "Kembali ke beranda", status_code=413)  # no form page to go back to

    def test_it_answers_in_english_for_a_person_who_chose_english(self) -> None:
        self.secretary.person.language = "en"
        self.secretary.person.save(update_fields=["language"])
        response = self.post_unread("/letters/new/", 50 * MB)
        self.assertContains(response, "What you sent is 50.0 MB; kinerja accepts at most 32 MB in one submission",
                            status_code=413)
        self.assertContains(response, "split it into several files", status_code=413)

    def test_htmx_gets_the_message_above_the_form_that_sent_the_file(self) -> None:
        response = self.post_unread("/tasks/1/complete/", 40 * MB, HX_Request="true", HX_Target="actions")
        # htmx swaps only 2xx answers; the headers put the message at the top of the form's element.
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["HX-Retarget"], "#actions")
        self.assertEqual(response["HX-Reswap"], "afterbegin")
        self.assertContains(response, "Unggahan terlalu besar dan tidak disimpan.")
        self.assertContains(response, 'role="alert"')
        self.assertNotContains(response, "<html")

    def test_htmx_without_a_usable_target_gets_it_at_the_top_of_the_page(self) -> None:
        response = self.post_unread("/tasks/1/complete/", 40 * MB, HX_Request="true", HX_Target='x"]; alert(1)')
        self.assertEqual(response["HX-Retarget"], "#main")

    @override_settings(KINERJA_MAX_REQUEST_BYTES=64 * 1024)
    def test_the_limit_is_the_setting(self) -> None:
        self.client.force_login(self.subsection_head)
        token = self.client.get("/sop/upload/").context["csrf_token"]
        body = encode_multipart(BOUNDARY, {"csrfmiddlewaretoken": token, "document": SimpleUploadedFile(
            "sop.txt", SEED.read_bytes() + b" " * (64 * 1024))})
        response = self.client.generic("POST", "/sop/upload/", body,
                                       content_type=f"multipart/form-data; boundary={BOUNDARY}")
        self.assertContains(response, "paling besar 0 MB dalam satu kali kirim", status_code=413)
        self.assertFalse(self.client.session.get("sop_uploads"))
        self.assertFalse(Sop.objects.exists())

    def test_a_normal_upload_goes_through_to_the_form(self) -> None:
        """A guard: the limit lets an ordinary SOP document through to its preview."""
        self.client.force_login(self.subsection_head)
        token = self.client.get("/sop/upload/").context["csrf_token"]
        response = self.client.post("/sop/upload/", {"csrfmiddlewaretoken": token, "document": SimpleUploadedFile(
            "sop-data-kinerja.txt", SEED.read_bytes(), content_type="text/plain")})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertContains(self.client.get(response["Location"]), "Menginventarisir bahan data kinerja")

    def test_a_body_without_content_length_is_never_read(self) -> None:
        """A guard for the module's claim: Django reads no body without Content-Length (chunked), so it
        needs no limit; the CSRF check refuses the empty form."""
        response = self.client.generic("POST", "/letters/new/", headers={"Transfer-Encoding": "chunked"}, **{
            "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}", "wsgi.input": UnreadableBody()})
        self.assertEqual(response.status_code, 403)
