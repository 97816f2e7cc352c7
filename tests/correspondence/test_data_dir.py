"""Each correspondence test writes into a directory of its own (CorrespondenceTestCase): signed PDFs read back,
a CA installed as a trust root, a CRL that revokes. They wrote into their class's shared one, so what one test
installed there (a trust root, a CRL replacing the demo CA's) stayed for the next, and files stayed behind."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from kinerja.correspondence import signing

from .helpers import CorrespondenceTestCase


class DataDirTestCase(CorrespondenceTestCase):
    seen: list[Path] = []

    def test_a_test_installs_a_trust_root_and_writes_a_pdf(self) -> None:
        self.assertEqual(Path(settings.DATA_DIR), self.data_dir)
        self.assertNotEqual(self.data_dir, type(self).data_dir)
        (self.data_dir / "keys" / "trust" / "test-ca.pem").write_bytes(signing.make_demo_ca(common_name="DEMO X").pem)
        (self.data_dir / "signed.pdf").write_bytes(b"%PDF-1.7\n")
        type(self).seen.append(self.data_dir)

    def test_b_the_next_test_sees_none_of_it_and_it_is_gone(self) -> None:
        (earlier,) = type(self).seen
        self.assertNotEqual(self.data_dir, earlier)
        self.assertFalse(earlier.exists())
        self.assertEqual([c.subject.human_friendly for c in signing.trust_roots()],
                         ["Common Name: DEMO Root CA kinerja, Organization: kinerja DEMO, Country: ID"])
        self.assertFalse((self.data_dir / "signed.pdf").exists())
