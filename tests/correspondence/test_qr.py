"""The QR encoder against modules produced by the reference `qrcode` package (8.2, level M, fixed mask)."""

from __future__ import annotations

import hashlib

from django.test import SimpleTestCase

from kinerja.correspondence import qr


def digest(m: list[list[bool]]) -> str:
    return hashlib.sha256("".join("".join("1" if c else "0" for c in row) + "\n" for row in m).encode()).hexdigest()


class QrTestCase(SimpleTestCase):
    def test_it_matches_the_reference_for_a_verification_url(self) -> None:
        m = qr.matrix("https://kinerja.example.go.id/v/abc123/", mask=3)
        self.assertEqual(len(m), 29)  # version 3
        self.assertEqual(digest(m), "2a11bac598ab360506ebdefbf2141210aefbdcffe24c1d9cac601f4c5926612c")

    def test_it_matches_the_reference_at_version_10_with_two_block_sizes(self) -> None:
        m = qr.matrix("z" * 200, mask=5)
        self.assertEqual(len(m), 57)
        self.assertEqual(digest(m), "55e8cd0828853eef0842423844321e4f38c8ad3314fb8711c7e10a6bae2bc177")

    def test_it_refuses_what_does_not_fit(self) -> None:
        with self.assertRaises(ValueError):
            qr.matrix("x" * 300)
