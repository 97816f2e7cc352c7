"""Signing PDFs: the `Signer` interface, the PKCS#12 signer the administrator configures, and the demo
certificate authority used by the demo and the tests.

The rest of kinerja only calls `get_signer().sign(...)`, so an adapter for a certified Indonesian
signing service (BSrE or a PSrE, which sign remotely) can replace `Pkcs12Signer` without touching the
actions, the views or the verification.

Key material lives in settings.DATA_DIR / "keys" unless the environment names it:
KINERJA_SIGNING_P12 (the PKCS#12 file) and KINERJA_SIGNING_PASSWORD (its password; else the file
`signing.password` beside it). Trust roots for verification are the PEM files in keys/trust/; CRLs
in keys/crl/ mark revoked certificates.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import os
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.utils.translation import gettext as _

from kinerja.errors import KinerjaError

T = TypeVar("T")


def outside_event_loop(fn: Callable[..., T], *args: object) -> T:
    """Call one of pyHanko's synchronous functions, which drive asyncio.run() themselves. Where this
    thread already runs an event loop (an ASGI server; Playwright's sync API in the browser tests)
    asyncio.run() refuses, so the call gets a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args).result()


DEMO_MARK = "DEMO"
DEMO_CRL_URL = "http://crl.kinerja.invalid/demo-root-ca.crl"
FIELD_NAME = "TandaTanganKinerja"
# The signature block's size, and its place when the document has no renderers.pdf.SIGNATURE_ANCHOR:
# bottom right of the last page, in PDF points (A4 is 595 × 842), where our own forms leave room.
BLOCK_SIZE = (240.0, 100.0)
BLOCK_BOX = (315.0, 40.0, 315.0 + BLOCK_SIZE[0], 40.0 + BLOCK_SIZE[1])


class SigningNotConfigured(KinerjaError):
    """No signing certificate: the administrator has to install one."""


class Signer(Protocol):
    """Signs a PDF and draws the visible signature block. Implementations: Pkcs12Signer; later a
    BSrE/PSrE adapter."""

    @property
    def is_demo(self) -> bool: ...

    @property
    def certificate_subject(self) -> str: ...

    @property
    def certificate_serial(self) -> str: ...

    def sign(self, pdf_bytes: bytes, *, signer_name: str, nip: str, position: str, reason: str,
             verify_url: str) -> bytes: ...


def keys_dir() -> Path:
    return Path(settings.DATA_DIR) / "keys"


class Pkcs12Signer:
    """Signs with a PKCS#12 file (PAdES baseline B, SHA-256) through pyHanko."""

    def __init__(self, p12_bytes: bytes, password: bytes, *, source: str = "") -> None:
        """`source`: where the file came from, named in the messages (the configured path)."""
        from pyhanko.sign import signers

        try:
            key, cert, extra = pkcs12.load_key_and_certificates(p12_bytes, password)
        except ValueError as e:
            # The library cannot tell a wrong password from a file that is no PKCS#12, and says so in English
            # ("Invalid password or PKCS12 data"), which the head, who has just typed their own, takes for theirs.
            raise SigningNotConfigured(_(
                "The office's signing certificate %(file)s cannot be opened: its password, which the administrator "
                "sets (KINERJA_SIGNING_PASSWORD, or the file signing.password beside it), is not right, or the file "
                "is not a PKCS#12 (.p12/.pfx) file. Your own password was accepted; nothing was signed. Ask the "
                "administrator to correct it.") % {"file": source or "(PKCS#12)"}) from e
        if key is None or cert is None:
            raise SigningNotConfigured(_("The signing certificate file holds no key or certificate."))
        self.certificate = cert
        self._signer = signers.SimpleSigner.load_pkcs12_data(p12_bytes, other_certs=[], passphrase=password)

    @classmethod
    def from_settings(cls) -> Pkcs12Signer:
        path = Path(os.environ.get("KINERJA_SIGNING_P12") or keys_dir() / "signing.p12")
        if not path.is_file():
            raise SigningNotConfigured(
                _("No signing certificate is installed (%(path)s). The administrator installs the office's "
                  "PKCS#12 file there or sets KINERJA_SIGNING_P12.") % {"path": path})
        password = os.environ.get("KINERJA_SIGNING_PASSWORD")
        if password is None:
            pw_file = path.with_name("signing.password")
            password = pw_file.read_text().strip() if pw_file.is_file() else ""
        return cls(path.read_bytes(), password.encode(), source=str(path))

    @property
    def is_demo(self) -> bool:
        return DEMO_MARK in self.certificate_subject

    @property
    def certificate_subject(self) -> str:
        return self.certificate.subject.rfc4514_string()

    @property
    def certificate_serial(self) -> str:
        return format(self.certificate.serial_number, "x")

    def sign(self, pdf_bytes: bytes, *, signer_name: str, nip: str, position: str, reason: str,
             verify_url: str) -> bytes:
        import tempfile

        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers
        from pyhanko.sign.fields import SigSeedSubFilter

        from .renderers.pdf import SIGNATURE_ANCHOR, signature_block_pdf, stamp_place, stamp_style

        block = signature_block_pdf(signer_name=signer_name, nip=nip, position=position,
                                    signed_at=dt.datetime.now(dt.UTC), verify_url=verify_url, demo=self.is_demo)
        page, box = stamp_place(pdf_bytes, SIGNATURE_ANCHOR, BLOCK_SIZE, BLOCK_BOX)
        with tempfile.NamedTemporaryFile(suffix=".pdf") as block_file:
            block_file.write(block)
            block_file.flush()
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
            meta = signers.PdfSignatureMetadata(
                field_name=FIELD_NAME, subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256",
                reason=reason, name=signer_name, location=verify_url)
            pdf_signer = signers.PdfSigner(
                meta, signer=self._signer,
                stamp_style=stamp_style(block_file.name),
                new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=page, box=tuple(round(v) for v in box)))
            out = outside_event_loop(pdf_signer.sign_pdf, writer)
            return out.getvalue()


def get_signer() -> Signer:
    return Pkcs12Signer.from_settings()


def certificate_problem(signer: Signer | None = None, *, now: dt.datetime | None = None) -> str:
    """Why the office's signing certificate cannot make a valid signature today, told on the page before the
    head types a password: none installed or it cannot be opened, not valid yet, expired, or not issued for
    signing. Empty when none of these. (Trust in its CA is checked when signing: a chain through an intermediate
    certificate is not worked out here.)"""
    from django.utils.formats import date_format

    try:
        certificate = (signer or get_signer()).certificate  # type: ignore[attr-defined]
    except SigningNotConfigured as e:
        return str(e)
    now = now or dt.datetime.now(dt.UTC)
    subject = certificate.subject.rfc4514_string()
    if certificate.not_valid_before_utc > now:
        return _("The office's signing certificate (%(subject)s) is valid only from %(date)s: no signature can be "
                 "made with it before then. The administrator installs a valid one.") % {
            "subject": subject, "date": date_format(certificate.not_valid_before_utc.date(), "j F Y")}
    if certificate.not_valid_after_utc < now:
        return _("The office's signing certificate (%(subject)s) expired on %(date)s: no signature can be made with "
                 "it. The administrator installs the renewed certificate.") % {
            "subject": subject, "date": date_format(certificate.not_valid_after_utc.date(), "j F Y")}
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return ""
    if not (usage.digital_signature or usage.content_commitment):
        return _("The office's signing certificate (%(subject)s) was not issued for signing documents: its key usage "
                 "allows neither digital signature nor non-repudiation. The administrator installs a signing "
                 "certificate.") % {"subject": subject}
    return ""


# The demo certificate authority -------------------------------------------------------------------

@dataclass
class DemoCa:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_demo_ca(organisation: str = "kinerja DEMO", *, common_name: str = "DEMO Root CA kinerja") -> DemoCa:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    name = _name(common_name, organisation)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return DemoCa(key, cert)


def make_demo_signing_p12(ca: DemoCa, *, holder: str, password: bytes, organisation: str = "kinerja DEMO",
                          not_before: dt.datetime | None = None, not_after: dt.datetime | None = None) -> bytes:
    """A PKCS#12 with a signing certificate issued by `ca`; its name says DEMO."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    common_name = holder if DEMO_MARK in holder else f"{holder} ({DEMO_MARK})"
    cert = (x509.CertificateBuilder().subject_name(_name(common_name, organisation))
            .issuer_name(ca.cert.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(not_before or now - dt.timedelta(days=1))
            .not_valid_after(not_after or now + dt.timedelta(days=5 * 365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False)
            # Names where its CRL lives, so verification checks it against the CRLs in keys/crl/
            # (never fetched: the address is not reachable on purpose).
            .add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
                full_name=[x509.UniformResourceIdentifier(DEMO_CRL_URL)], relative_name=None, reasons=None,
                crl_issuer=None)]), critical=False)
            .sign(ca.key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(
        b"kinerja", key, cert, [ca.cert], serialization.BestAvailableEncryption(password))


def make_crl(ca: DemoCa, revoked_serials: list[int]) -> bytes:
    """A DER CRL of `ca` listing `revoked_serials`."""
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateRevocationListBuilder().issuer_name(ca.cert.subject)
               .last_update(now - dt.timedelta(minutes=5)).next_update(now + dt.timedelta(days=30)))
    for serial in revoked_serials:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(now - dt.timedelta(minutes=1))
            .build())
    builder = builder.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
                                    critical=False)
    return builder.sign(ca.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def install_demo_keys(directory: Path | None = None, *, holder: str = "Kepala Dinas") -> Path:
    """Create the demo CA and a demo signing certificate under keys/, unless a signing file exists.
    Returns the PKCS#12 path. Never used for a real office: every name in it says DEMO."""
    directory = directory or keys_dir()
    p12_path = directory / "signing.p12"
    if p12_path.exists():
        return p12_path
    (directory / "trust").mkdir(parents=True, exist_ok=True)
    (directory / "crl").mkdir(parents=True, exist_ok=True)
    ca = make_demo_ca()
    password = secrets.token_urlsafe(16)
    p12 = make_demo_signing_p12(ca, holder=f"{holder} {DEMO_MARK}", password=password.encode())
    (directory / "trust" / "demo-root-ca.pem").write_bytes(ca.pem)
    (directory / "crl" / "demo-root-ca.crl").write_bytes(make_crl(ca, []))
    pw_path = directory / "signing.password"
    pw_path.write_text(password)
    pw_path.chmod(0o600)
    p12_path.write_bytes(p12)
    p12_path.chmod(0o600)
    return p12_path


def trust_roots(directory: Path | None = None) -> list[asn1_x509.Certificate]:
    from pyhanko.keys import load_cert_from_pemder

    directory = (directory or keys_dir()) / "trust"
    return [load_cert_from_pemder(str(p)) for p in sorted(directory.glob("*.pem"))] if directory.is_dir() else []


def crls(directory: Path | None = None) -> list[bytes]:
    directory = (directory or keys_dir()) / "crl"
    return [p.read_bytes() for p in sorted(directory.glob("*.crl"))] if directory.is_dir() else []
