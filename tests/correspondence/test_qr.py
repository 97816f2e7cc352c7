"""The QR code printed in a signature block encodes the verification address."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import qrcode
from django.test import SimpleTestCase

from kinerja.correspondence import qr

SVG = "{http://www.w3.org/2000/svg}"


class QrTestCase(SimpleTestCase):
    def test_it_draws_the_modules_of_the_address_as_one_path(self) -> None:
        url = "https://kinerja.example.go.id/v/abc123/"
        root = ET.fromstring(qr.svg(url))
        self.assertEqual(root.tag, f"{SVG}svg")
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
        code.add_data(url)
        code.make(fit=True)
        size = len(code.get_matrix())
        self.assertEqual(root.get("viewBox"), f"0 0 {size} {size}")
        dark = sum(row.count(True) for row in code.get_matrix())
        self.assertEqual(root.find(f"{SVG}path").get("d").count("z"), dark)

    def test_a_longer_address_needs_a_larger_code(self) -> None:
        short = ET.fromstring(qr.svg("https://a.id/v/1/")).get("viewBox")
        long = ET.fromstring(qr.svg("https://kinerja.bandarlampungkota.go.id/v/" + "x" * 120 + "/")).get("viewBox")
        self.assertLess(int(short.split()[-1]), int(long.split()[-1]))
