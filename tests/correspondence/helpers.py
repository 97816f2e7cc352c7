"""Shared setup of the correspondence tests: a minimal PDF, a registered letter, demo keys in a
temporary directory, and the office's required initials (Kasubbag, then Sekretaris)."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import shutil
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from weasyprint import HTML

from kinerja.correspondence import actions
from kinerja.correspondence.models import Letter
from kinerja.correspondence.signing import Pkcs12Signer, install_demo_keys
from tests.base import KinerjaTestCase

_PDF: bytes | None = None


def small_pdf(text: str = "Surat Kepala Dinas") -> bytes:
    global _PDF
    if _PDF is None or text != "Surat Kepala Dinas":
        data = HTML(string=f"<h1>{text}</h1>").write_pdf()
        if text != "Surat Kepala Dinas":
            return data
        _PDF = data
    return _PDF


_scans = itertools.count(1)


def another_scan() -> bytes:
    """small_pdf() made unique by a PDF comment after its end, as two scans of two letters differ."""
    return small_pdf() + f"%scan {next(_scans)}\n".encode()


def encrypted_pdf(*, user_password: str, text: str = "Surat rahasia") -> bytes:
    """A PDF encrypted with an owner password and `user_password` (empty: it opens without one, and only
    printing or editing is restricted)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(small_pdf(text))))
    writer.encrypt(b"pemilik", user_password.encode())
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_upload(name: str = "surat.pdf", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, small_pdf() if data is None else data, content_type="application/pdf")


class CorrespondenceTestCase(KinerjaTestCase):
    """KinerjaTestCase with its own data directory (DATA_DIR: the demo keys) and the seed's required initials.

    The class's directory holds the keys its setUpTestData signs with. Each test then gets a directory of its
    own, a copy of the class's, removed after it: what a test writes there (a signed PDF read back with
    pdftotext, a CA installed as a trust root, a CRL that revokes) is never seen by the next test, nor by a
    parallel run."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.data_dir = Path(tempfile.mkdtemp(prefix="kinerja-corresp-"))
        cls._data_override = override_settings(DATA_DIR=cls.data_dir)
        cls._data_override.enable()
        install_demo_keys(cls.data_dir / "keys")
        super().setUpClass()

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        cls._data_override.disable()
        shutil.rmtree(cls.data_dir, ignore_errors=True)

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        actions.set_required_initials(cls.office, [cls.positions["subsection_head"], cls.positions["secretary"]])

    def setUp(self) -> None:
        super().setUp()
        self.data_dir = Path(self.enterContext(tempfile.TemporaryDirectory(prefix="kinerja-corresp-test-")))
        shutil.copytree(type(self).data_dir, self.data_dir, dirs_exist_ok=True)
        self.enterContext(override_settings(DATA_DIR=self.data_dir))
        # Actions speak English here so messages read as in the code; pages answer in Indonesian.
        self.enterContext(translation.override("en"))

    def register(self, subject: str = "Penyusunan Data Kinerja Triwulan I", *, user=None, scan: bytes | None = None,
                 **kw) -> Letter:  # type: ignore[no-untyped-def]
        """A letter with a scan of its own (the register refuses a scan it already holds)."""
        data = actions.LetterInput(number=kw.pop("number", "800/12/III.07/2025"),
                                   letter_date=kw.pop("letter_date", dt.date(2025, 3, 20)),
                                   sender="Kepala Dinas Koperasi dan UKM", subject=subject,
                                   received_on=kw.pop("received_on", dt.date(2025, 3, 21)), **kw)
        return actions.register_letter(self.office, data, user=user or self.secretary,
                                       scan=pdf_upload(data=scan if scan is not None else another_scan()))


def office_signer(keys: Path) -> Pkcs12Signer:
    """A signer with a certificate that is not a demonstration one (no DEMO in its names), issued by a CA
    this installation trusts (written to `keys`/trust/office-ca.pem): what a real office's signature
    looks like to verification."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    def name(common_name: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pemerintah Kota Contoh"),
                          x509.NameAttribute(NameOID.COMMON_NAME, common_name)])

    now = dt.datetime.now(dt.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("Root CA Kota Contoh")).issuer_name(name("Root CA Kota Contoh"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                       data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                       crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    cert = (x509.CertificateBuilder().subject_name(name("Kepala Dinas Koperasi dan UKM")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(ca_key, hashes.SHA256()))
    (keys / "trust" / "office-ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    p12 = pkcs12.serialize_key_and_certificates(b"kinerja", key, cert, [ca],
                                                serialization.BestAvailableEncryption(b"kota"))
    return Pkcs12Signer(p12, b"kota")
