"""The favicon: /favicon.ico answers without signing in, and every page links the SVG and its PNG."""

from django.contrib.staticfiles import finders
from django.test import TestCase


class FaviconTestCase(TestCase):
    def test_favicon_ico_is_an_icon_without_signing_in(self) -> None:
        r = self.client.get("/favicon.ico")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r["Content-Type"], "image/vnd.microsoft.icon")
        self.assertIn("max-age=604800", r["Cache-Control"])
        body = b"".join(r.streaming_content)
        self.assertEqual(body[:4], b"\x00\x00\x01\x00")  # the ICO header
        self.assertEqual(int.from_bytes(body[4:6], "little"), 3)  # 16, 32 and 48 px

    def test_pages_link_the_icons_and_the_files_exist(self) -> None:
        page = self.client.get("/login/").content.decode()
        for name in ("favicon.svg", "favicon-32.png", "apple-touch-icon.png"):
            self.assertIn(f'href="/static/kinerja/{name}"', page)
            self.assertIsNotNone(finders.find(f"kinerja/{name}"), name)
