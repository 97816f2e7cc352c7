"""Downloads of the SOP sheet, flowchart and BPMN: content types, file names, and only for the own office."""

from __future__ import annotations

from django.urls import reverse

from tests.base import KinerjaTestCase
from tests.sop.test_render_flowchart import make_version


class DownloadTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.version = make_version(self.office, 4, 3, returns={4: [2]})

    def url(self, fmt: str, pk: int | None = None) -> str:
        return reverse("sop_render:download", kwargs={"pk": pk or self.version.pk, "fmt": fmt})

    def test_it_serves_every_format_with_its_type_and_file_name(self) -> None:
        self.client.force_login(self.staff)
        expected = {"pdf": ("application/pdf", b"%PDF-"), "html": ("text/html", b"<!DOCTYPE html>"),
                    "svg": ("image/svg+xml", b"<svg"), "bpmn": ("application/xml", b"<?xml")}
        for fmt, (content_type, start) in expected.items():
            with self.subTest(fmt=fmt):
                response = self.client.get(self.url(fmt))
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response["Content-Type"].startswith(content_type))
                self.assertEqual(response["Content-Disposition"],
                                 f'attachment; filename="SOP-800-01-SOP-2025-v1.{fmt}"')
                self.assertTrue(response.content.startswith(start))

    def test_it_names_the_file_after_the_sop_name_when_there_is_no_number(self) -> None:
        version = make_version(self.office, 3, 2, name="Pengumpulan Data Kinerja", number="")
        self.client.force_login(self.staff)
        response = self.client.get(self.url("svg", version.pk))
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="SOP-Pengumpulan-Data-Kinerja-v1.svg"')

    def test_it_hides_another_offices_version(self) -> None:
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(self.url("pdf")).status_code, 404)

    def test_it_asks_a_stranger_to_sign_in(self) -> None:
        response = self.client.get(self.url("svg"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])

    def test_it_refuses_an_unknown_format(self) -> None:
        self.client.force_login(self.staff)
        self.assertEqual(self.client.get(self.url("docx")).status_code, 404)
        self.assertEqual(self.client.get(self.url("svg", 999999)).status_code, 404)
