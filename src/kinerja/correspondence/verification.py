"""Is this signed PDF valid? One answer for the public page and `kinerja verify`.

Valid means all of: the signature is intact (judged by pyHanko's `intact` and `bottom_line`, never
`valid` alone: after a flipped byte `valid` can still be true), it covers the whole file, the signer's
certificate chains to a trust root of this installation and is neither expired nor revoked (CRLs in
keys/crl/), and the file's SHA-256 is one the register signed.

A file signed with the demonstration certificate (its name says DEMO, as the demo installation's does)
passes the same checks but is never reported as valid: its verdict is "demo", which still says whether
the document is unchanged, and that such a signature has no legal force.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import logging
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Signature
from .pdfheader import pdf_start
from .signing import DEMO_MARK, crls, trust_roots


class _ReportedInTheVerdict(logging.Filter):
    """pyHanko logs a signer whose certificate chains to none of our roots, and a change saved after the
    signature (a viewer's incremental save, a page added), as a warning with a traceback. verify_pdf answers
    exactly that ("the signer is unknown", "changed after signing"), so the log only repeated it: a traceback
    before the answer of `kinerja verify`, and one in the server log per such PDF checked."""

    ANSWERED = {"PathBuildingError", "SuspiciousModification", "ExpiredError", "NotYetValidError",
                "InvalidCertificateError"}

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return type(error).__name__ not in self.ANSWERED


for _logger in ("pyhanko.sign.validation.generic_cms", "pyhanko.sign.diff_analysis.policies"):
    logging.getLogger(_logger).addFilter(_ReportedInTheVerdict())


@dataclass
class Verdict:
    valid: bool
    # valid, demo, empty, not_pdf, damaged, unsigned, altered, revoked, expired, not_yet_valid, key_usage,
    # untrusted, unknown_document
    code: str
    reason: str
    sha256: str
    signer: str = ""
    signed_at: dt.datetime | None = None
    signature: Signature | None = None
    details: list[str] = field(default_factory=list)
    demo: bool = False  # signed with a demonstration certificate, whatever else is wrong

    @property
    def state(self) -> str:
        """"ok", "demo" (sound, but a demonstration signature) or "bad": how the page colours it."""
        return "bad" if not self.valid else "demo" if self.demo else "ok"

    @property
    def headline(self) -> str:
        return {"ok": _("VALID"), "demo": _("DEMO SIGNATURE, NOT LEGALLY VALID"), "bad": _("NOT VALID")}[self.state]

    def summary(self) -> list[str]:
        lines = [self.headline + ": " + self.reason]
        if self.signature is not None:
            s = self.signature
            lines += [_("Document: %(title)s, version %(n)d") % {"title": s.version.document.title, "n": s.version.version},
                      _("Signed by: %(name)s, %(title)s") % {"name": s.signer_name, "title": s.signer_title}]
        elif self.signer:
            lines.append(_("Certificate: %(subject)s") % {"subject": self.signer})
        if self.signed_at:
            offset = self.signed_at.strftime("%z")
            when = f"{date_format(self.signed_at, 'j F Y H.i.s')} (UTC{offset[:3]}:{offset[3:]})"
            lines.append(_("Signed at: %(at)s") % {"at": when})
        lines.append(_("SHA-256 of the file: %(hash)s") % {"hash": self.sha256})
        return lines + self.details


def _day(moment: dt.datetime) -> str:
    """A certificate's date as the reader reads dates: 31 Desember 2020 (the day in UTC, as certificates
    state it)."""
    return date_format(moment.date(), "j F Y")


def _invalid(code: str, reason: str, digest: str, **kw: object) -> Verdict:
    return Verdict(False, code, reason, digest, **kw)  # type: ignore[arg-type]


# A signing certificate asserts one of these: CAs issue document signing certificates with digitalSignature
# alone as well as with nonRepudiation (pyHanko's default asks for nonRepudiation only).
SIGNING_KEY_USAGES = {"digital_signature", "non_repudiation"}


def verify_pdf(data: bytes) -> Verdict:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    from .signing import outside_event_loop

    digest = hashlib.sha256(data).hexdigest()
    if not data:  # a failed download or copy: "not a PDF" would send the reader looking for another format
        return _invalid("empty", _("The file is empty (0 bytes): download or copy the signed PDF again."), digest)
    start = pdf_start(data)
    if start is None:
        return _invalid("not_pdf", _("The file is not a PDF."), digest)
    details = []
    if start:
        # Put before the signed file on the way (a mail gateway, a scanner's preamble): PDF readers skip them and
        # so does the check; the signed file is the PDF from its header on, and the register knows its hash.
        details.append(_("The file has %(n)d bytes before the start of the PDF (\"%%PDF-\"), added on the way as "
                         "some mail gateways do; they are not part of the signed document, and it was checked "
                         "without them.") % {"n": start})
        data = data[start:]
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, KeyError, ValueError, TypeError, IndexError) as e:
        return _invalid("damaged", _("The PDF is damaged and cannot be read (%(error)s).") % {"error": e}, digest,
                        details=details)
    if not signatures:
        # Most often a signed file that was printed or saved again as a new PDF: say so, and what to check instead.
        return _invalid("unsigned", _("The PDF carries no electronic signature. A signed PDF that is printed or "
                                      "saved again as a new PDF (\"Print to PDF\", \"Save as\", a page added) "
                                      "loses its signature: check the file exactly as it was sent, or scan the QR "
                                      "code printed on the document."), digest, details=details)
    embedded = signatures[-1]
    context = ValidationContext(trust_roots=trust_roots(), crls=crls(), allow_fetching=False)
    try:
        status = outside_event_loop(functools.partial(validate_pdf_signature, embedded, context,
                                                      key_usage_settings=KeyUsageConstraints(
                                                          key_usage=SIGNING_KEY_USAGES)))
    except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError) as e:
        return _invalid("altered", _("The file was altered after signing (%(error)s).") % {"error": e}, digest)
    cert = status.signing_cert
    subject = cert.subject.human_friendly if cert is not None else ""
    signed_at = status.signer_reported_dt
    # The register keeps the hash of the file as signed; bytes appended after its end on the way (a line break
    # after %%EOF) change the file's hash but nothing read or signed, so the signed part is looked up as well.
    byte_range = [int(v) for v in embedded.byte_range]
    signed_end = byte_range[2] + byte_range[3] if len(byte_range) == 4 else len(data)
    signed_part = hashlib.sha256(data[:signed_end]).hexdigest()
    hashes = {digest, hashlib.sha256(data).hexdigest(), signed_part}  # as given; from "%PDF-" on; as signed
    known = (Signature.objects.filter(signed_sha256__in=hashes).select_related("version__document")
             .first())
    demo = DEMO_MARK in subject or (known is not None and known.is_demo)
    extra = {"signer": subject, "signed_at": signed_at, "signature": known, "demo": demo, "details": details}
    if not status.intact:
        return _invalid("altered", _("The file was altered after signing: its content no longer matches the "
                                     "signature."), digest, **extra)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE and (
            status.modification_level is None or status.modification_level > ModificationLevel.LTA_UPDATES):
        return _invalid("altered", _("The file was changed after signing (content added after the signature)."),
                        digest, **extra)
    if status.revoked:
        return _invalid("revoked", _("The signer's certificate has been revoked."), digest, **extra)
    if cert is not None:
        validity = cert["tbs_certificate"]["validity"]
        not_after = validity["not_after"].native
        not_before = validity["not_before"].native
        now = dt.datetime.now(dt.UTC)
        if not_before > now or (signed_at is not None and signed_at < not_before):
            return _invalid("not_yet_valid", _("The signer's certificate is valid only from %(date)s; it was used "
                                               "before that.") % {"date": _day(not_before)}, digest, **extra)
        if not_after < now or (signed_at is not None and signed_at > not_after):
            return _invalid("expired", _("The signer's certificate expired on %(date)s.")
                            % {"date": _day(not_after)}, digest, **extra)
        usage = cert.key_usage_value
        if not SIGNING_KEY_USAGES & set(usage.native if usage is not None else ()):
            return _invalid("key_usage", _("The signer's certificate (%(subject)s) was not issued for signing "
                                           "documents: its key usage allows neither digital signature nor "
                                           "non-repudiation.") % {"subject": subject}, digest, **extra)
    if not status.trusted:
        return _invalid("untrusted", _("The signer is unknown: the certificate (%(subject)s) does not come from "
                                       "this office's trust root.") % {"subject": subject}, digest, **extra)
    if not status.bottom_line:
        return _invalid("invalid", _("The signature is not valid."), digest, **extra)
    if known is None:
        return _invalid("unknown_document", _("The signature is sound, but this document is not in the register "
                                              "of signed documents."), digest, **extra)
    if demo:
        # Sound in every other respect: say so (the document is unchanged), and that it binds nobody.
        return Verdict(True, "demo", _("The document is unchanged since it was signed and is in the register, but "
                                       "it was signed with the demonstration certificate: a demonstration signature "
                                       "has no legal force."), digest, **extra)  # type: ignore[arg-type]
    return Verdict(True, "valid", _("The signature is intact, from a trusted certificate, and the document is in "
                                    "the register."), digest, **extra)  # type: ignore[arg-type]
