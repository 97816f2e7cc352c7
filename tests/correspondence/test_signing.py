"""Initials bound to a version, signing by the head, and verification (page and CLI logic)."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import os
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.formats import date_format

from kinerja.correspondence import actions, signing
from kinerja.correspondence.actions import SigningRefused
from kinerja.correspondence.models import Document, Initial, Signature, SignatureEvent
from kinerja.correspondence.verification import verify_pdf
from kinerja.errors import KinerjaError, NotAllowed
from kinerja.org import actions as org_actions
from tests.base import PASSWORD

from .helpers import CorrespondenceTestCase, encrypted_pdf, office_signer, small_pdf


def url_for(token: str) -> str:
    return f"http://testserver/v/{token}/"


def signed_elsewhere(signer: signing.Pkcs12Signer) -> bytes:
    """A PDF signed with `signer` outside kinerja's register (kinerja itself refuses to sign with a
    certificate whose signatures would not verify)."""
    return signer.sign(small_pdf("Draft"), signer_name="Orang Lain", nip="", position="Kepala", reason="Uji",
                       verify_url="http://testserver/v/x/")


def _signer_of(ca: signing.DemoCa, *, not_before: dt.datetime | None = None, **usage: bool) -> signing.Pkcs12Signer:
    """A signer whose certificate, issued by `ca`, has only the key usages named (digital_signature=True …)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    flags = dict.fromkeys(["digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
                           "key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only"], False)
    key, now = ec.generate_private_key(ec.SECP256R1()), dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kepala Dinas Kota Contoh")]))
            .issuer_name(ca.cert.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(not_before or now - dt.timedelta(days=1))
            .not_valid_after((not_before or now) + dt.timedelta(days=365))
            .add_extension(x509.KeyUsage(**{**flags, **usage}), critical=True)
            .sign(ca.key, hashes.SHA256()))
    p12 = pkcs12.serialize_key_and_certificates(b"k", key, cert, [ca.cert], serialization.BestAvailableEncryption(b"x"))
    return signing.Pkcs12Signer(p12, b"x")


def flip_byte(data: bytes) -> bytes:
    """One byte changed inside the signed page content (a stream, so the file still parses)."""
    at = data.index(b"stream", data.index(b"/Contents")) + 40
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


class InitialsTestCase(CorrespondenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.version = actions.create_document(self.office, user=self.staff, kind=Document.Kind.PERFORMANCE_DATA,
                                               title="Data Kinerja Triwulan I 2025", content=small_pdf("Draft"))

    def test_it_records_who_in_which_position_and_the_hash(self) -> None:
        initial = actions.initial_version(self.version.pk, user=self.subsection_head)
        self.assertEqual(initial.position, self.positions["subsection_head"])
        self.assertEqual(initial.sha256, self.version.sha256)
        self.assertEqual(initial.position_title, "Kepala Sub Bagian Program, Keuangan dan Aset")

    def test_the_secretary_initials_after_the_kasubbag(self) -> None:
        with self.assertRaisesMessage(KinerjaError, "Kepala Sub Bagian Program, Keuangan dan Aset"):
            actions.initial_version(self.version.pk, user=self.secretary)
        actions.initial_version(self.version.pk, user=self.subsection_head)
        self.assertEqual(actions.initial_version(self.version.pk, user=self.secretary).position,
                         self.positions["secretary"])

    def test_the_page_offers_the_secretary_the_button_only_after_the_kasubbag(self) -> None:
        url = f"/documents/{self.version.document_id}/"
        self.client.force_login(self.secretary)
        response = self.client.get(url)
        self.assertNotContains(response, "Paraf versi 1")
        self.assertContains(response, "Paraf Anda menyusul paraf yang belum ada dari: Kepala Sub Bagian Program, "
                                      "Keuangan dan Aset.")
        actions.initial_version(self.version.pk, user=self.subsection_head)
        response = self.client.get(url)
        self.assertContains(response, "Paraf versi 1")
        self.assertNotContains(response, "Paraf Anda menyusul")

    def test_staff_cannot_initial(self) -> None:
        with self.assertRaises(NotAllowed):
            actions.initial_version(self.version.pk, user=self.staff)

    def test_a_new_version_leaves_earlier_initials_behind_and_refuses_initials_on_the_old_one(self) -> None:
        actions.initial_version(self.version.pk, user=self.subsection_head)
        newer = actions.add_version(self.version.document_id, user=self.staff, content=small_pdf("Draft 2"),
                                    note="Angka Bidang UMKM diperbaiki")
        self.assertEqual([p.pk for p in actions.missing_initials(newer)],
                         [self.positions["subsection_head"].pk, self.positions["secretary"].pk])
        with self.assertRaisesMessage(KinerjaError, "superseded"):
            actions.initial_version(self.version.pk, user=self.secretary)

    def test_the_page_says_old_initials_no_longer_count(self) -> None:
        actions.initial_version(self.version.pk, user=self.subsection_head)
        actions.add_version(self.version.document_id, user=self.staff, content=small_pdf("Draft 2"), note="Revisi")
        self.client.force_login(self.subsection_head)
        response = self.client.get(f"/documents/{self.version.document_id}/")
        self.assertContains(response, "sudah digantikan versi yang lebih baru")

    def test_an_acting_holder_initials_as_plt(self) -> None:
        today = actions._today(self.office)
        person = self.built.people["jfu2"]
        org_actions.assign(person, self.positions["subsection_head"], starts_on=today, ends_on=today,
                           kind="plt", decree_number="800/9/2026")
        initial = actions.initial_version(self.version.pk, user=self.staff2)
        self.assertEqual((initial.acting, initial.position_title),
                         ("Plt.", "Plt. Kepala Sub Bagian Program, Keuangan dan Aset"))


class SigningTestCase(CorrespondenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.version = actions.create_document(self.office, user=self.staff, kind=Document.Kind.PERFORMANCE_DATA,
                                               title="Data Kinerja Triwulan I 2025", content=small_pdf("Draft"))

    def initial_both(self) -> None:
        actions.initial_version(self.version.pk, user=self.subsection_head)
        actions.initial_version(self.version.pk, user=self.secretary)

    def sign(self, user=None, password: str = PASSWORD, **kw) -> Signature:  # type: ignore[no-untyped-def]
        return actions.sign_version(self.version.pk, user=user or self.head, password=password,
                                    verify_url_for=url_for, **kw)

    def test_pyhanko_works_while_an_event_loop_runs_in_this_thread(self) -> None:
        # pyHanko's synchronous API calls asyncio.run(); under an ASGI server, or Playwright's sync API
        # in the browser tests, a loop already runs in the thread. (No database inside the loop: Django
        # gives a coroutine a connection of its own.)
        signer = signing.get_signer()

        async def sign_inside_a_loop() -> bytes:
            return signer.sign(small_pdf("Draft"), signer_name="Contoh Kadis Demo", nip="19750427 200003 2 001",
                               position="Kepala Dinas", reason="Data Kinerja", verify_url="http://127.0.0.1/v/x/")

        signed = asyncio.run(sign_inside_a_loop())
        self.assertEqual(verify_pdf(signed).code, "unknown_document")  # intact and trusted, just not registered

    def test_it_refuses_without_initials_naming_the_missing_ones(self) -> None:
        actions.initial_version(self.version.pk, user=self.subsection_head)
        with self.assertRaisesMessage(KinerjaError, "Initials missing from version 1: Sekretaris Dinas"):
            self.sign()
        self.assertFalse(Signature.objects.exists())

    def test_it_asks_for_the_password_again(self) -> None:
        self.initial_both()
        with self.assertRaisesMessage(KinerjaError, "password is not correct"):
            self.sign(password="salah")

    def test_only_the_head_signs(self) -> None:
        self.initial_both()
        with self.assertRaises(NotAllowed):
            self.sign(user=self.secretary)

    def test_while_a_plt_is_in_office_the_plt_signs_as_plt(self) -> None:
        self.initial_both()
        today = actions._today(self.office)
        org_actions.assign(self.built.people["kasubbag"], self.positions["head"], starts_on=today, ends_on=today,
                           kind="plt", decree_number="800/10/2026")
        with self.assertRaisesMessage(NotAllowed, "Contoh Kasubbag Demo, S.E. (Plt. Kepala Dinas Koperasi dan UKM)"):
            self.sign(user=self.head)
        signature = self.sign(user=self.subsection_head)
        self.assertEqual(signature.signer_title, "Plt. Kepala Dinas Koperasi dan UKM")
        self.assertEqual(SignatureEvent.objects.get().data["acting"], "Plt.")

    def test_a_signed_document_verifies_and_is_audited(self) -> None:
        self.initial_both()
        signature = self.sign()
        self.assertTrue(signature.is_demo)
        self.assertEqual(signature.signer_title, "Kepala Dinas Koperasi dan UKM")
        data = signature.file.read()
        verdict = verify_pdf(data)
        self.assertTrue(verdict.valid, verdict.reason)
        self.assertEqual(verdict.signature, signature)
        event = SignatureEvent.objects.get()
        self.assertEqual(event.data["version_sha256"], self.version.sha256)
        self.assertEqual(event.data["signed_sha256"], signature.signed_sha256)

    def test_the_printed_copy_carries_initials_signature_block_and_demo_mark(self) -> None:
        import subprocess

        self.initial_both()
        path = self.data_dir / "signed.pdf"
        signature = self.sign()
        path.write_bytes(signature.file.read())
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        for expected in ("Paraf", "Contoh Kasubbag", "Contoh Sekretaris", "Ditandatangani secara elektronik",
                         "DEMO", "NIP. 19750427 200003 2 001"):
            self.assertIn(expected, text)
        # The verification address wraps in the narrow block where its characters allow (after a "/", and
        # where the random code has a "-"): whole once the line breaks are taken out.
        self.assertIn(url_for(signature.token), "".join(text.split()))

    def test_the_verification_address_breaks_only_after_a_slash(self) -> None:
        """A code with a "-" where the line ends would print as a hyphenated word (and a reader would drop it)."""
        import datetime as dt
        import subprocess

        from kinerja.correspondence.renderers.pdf import signature_block_pdf

        path = self.data_dir / "block.pdf"
        code = "stCIfF-_oEeFwPbwTQKlxzOm"
        path.write_bytes(signature_block_pdf(
            signer_name="Dr. Contoh Kadis Demo, S.E., M.M.", nip="197504272000032001",
            position="Plt. Kepala Dinas Koperasi dan Usaha Kecil Menengah Kota Bandar Lampung",
            signed_at=dt.datetime(2026, 11, 30, 1, 0, tzinfo=dt.UTC),
            verify_url=f"https://kinerja.bandarlampungkota.go.id/v/{code}/", demo=True))
        words = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()
        self.assertTrue(any(w.endswith(f"/{code}/") or w == f"{code}/" for w in words), words)
        self.assertTrue(any(w.startswith("kinerja.bandarlampungkota.go.id/") for w in words), words)
        self.assertIn("Lampung", words)  # the position is not pushed out of the block by the address

    def test_the_signature_block_keeps_the_degrees_and_the_nip_on_one_line_as_the_forms_do(self) -> None:
        # The letters' block printed the name as one text: "Drs. H. Ahmad Contoh Kadis, S.E., M.Si.," above
        # "M.M., Ak., CA". It prints the signer as the disposition sheet and the minutes do (_signer.html).
        import datetime as dt
        import subprocess

        from kinerja.correspondence.renderers.pdf import signature_block_pdf

        path = self.data_dir / "block-gelar.pdf"
        path.write_bytes(signature_block_pdf(
            signer_name="Drs. H. Ahmad Contoh Kadis, S.E., M.Si., M.M., Ak., CA", nip="19750427 200003 2 001",
            position="Plt. Kepala Dinas Koperasi dan UKM", signed_at=dt.datetime(2026, 11, 30, 1, 0, tzinfo=dt.UTC),
            verify_url="https://kinerja.bandarlampungkota.go.id/v/abc/", demo=True))
        lines = [" ".join(line.split()) for line in subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout.splitlines()]
        self.assertIn("Drs. H. Ahmad Contoh Kadis,", lines)
        self.assertIn("S.E., M.Si., M.M., Ak., CA", lines)
        self.assertIn("NIP. 19750427 200003 2 001", lines)

    def test_the_stamps_of_a_pdf_typed_to_the_foot_of_its_last_page_go_on_a_page_of_their_own(self) -> None:
        # An uploaded PDF names no place for the stamps: they went to the bottom of its last page, over the text
        # there when the letter ran to the foot of the page.
        from weasyprint import HTML

        # Two pages, the second written to 86 pt above its foot: into the stamps' 140 pt.
        lines = "".join(f"<p>Baris {i} nota dinas yang diketik sampai kaki halaman.</p>" for i in range(1, 74))
        full = HTML(string=f"<style>@page {{ size: A4; margin: 15mm }} p {{ margin: 0 0 6pt }}</style>{lines}"
                    ).write_pdf()
        pages = self._pages(full)
        self.assertEqual(len(pages), 2)
        self.assertIn("Baris 73", pages[-1])
        self.version = actions.create_document(self.office, user=self.staff, kind=Document.Kind.OTHER,
                                               title="Nota dinas", content=full)
        self.initial_both()
        signed = self._pages(self.sign().file.read())
        self.assertEqual(len(signed), len(pages) + 1)
        self.assertEqual(signed[-2], pages[-1])  # the letter's last page as it was, nothing drawn over it
        for expected in ("Paraf", "Contoh Kasubbag", "Ditandatangani secara elektronik"):
            self.assertIn(expected, signed[-1])
        self.assertNotIn("Baris", signed[-1])

    def test_a_pdf_with_room_at_the_foot_of_its_last_page_takes_the_stamps_there(self) -> None:
        self.initial_both()
        pages = self._pages(self.sign().file.read())
        self.assertEqual(len(pages), 1)
        for expected in ("Draft", "Paraf", "Ditandatangani secara elektronik"):
            self.assertIn(expected, pages[0])

    def _pages(self, pdf: bytes) -> list[str]:
        """The text of each page (pdftotext), the stamps' included."""
        import subprocess

        path = self.data_dir / "pages.pdf"
        path.write_bytes(pdf)
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout.split("\f")[:-1]

    def test_a_long_title_and_name_keep_the_verification_address_on_the_block(self) -> None:
        # A Plt. of an office with a long name and a head with many titles and degrees ran the block onto a
        # second page, which the stamp does not show: the printed block lost the address to check it at.
        import datetime as dt
        import subprocess

        from kinerja.correspondence.renderers.pdf import signature_block_pdf

        path = self.data_dir / "block-long.pdf"
        path.write_bytes(signature_block_pdf(
            signer_name="Prof. Dr. Ir. H. Muhammad Nur'aini Al-Fatih bin 'Abdullah, S.T., M.T., M.Eng., Ph.D., IPU.",
            nip="19651231 199003 1 001",
            position="Plt. Kepala Dinas Pemberdayaan Perempuan/Perlindungan Anak, Pengendalian Penduduk dan "
                     "Keluarga Berencana",
            signed_at=dt.datetime(2026, 11, 30, 1, 0, tzinfo=dt.UTC),
            verify_url="https://kinerja.tulangbawangbaratkab.go.id/v/mNH4opMBzfGBgnNM9e0MlN_2/", demo=True))
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        self.assertIn("Pages:           1", info)
        text = "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                      check=True).stdout.split())
        for expected in ("Nur'aini", "NIP.19651231199003", "30November2026",
                         "https://kinerja.tulangbawangbaratkab.go.id/v/mNH4opMBzfGBgnNM9e0MlN_2/"):
            self.assertIn(expected, text)

    def test_bytes_after_the_end_of_the_signed_file_do_not_hide_it_from_the_register(self) -> None:
        # A line break or comment appended after %%EOF on the way (a mail gateway, a copy tool) changes the
        # file's hash but nothing that is read or signed; the signature is intact and covers the document.
        self.initial_both()
        signature = self.sign()
        verdict = verify_pdf(signature.file.read() + b"\r\n%copy\r\n")
        self.assertEqual((verdict.code, verdict.signature), ("demo", signature))

    def test_one_flipped_byte_is_reported_as_altered(self) -> None:
        self.initial_both()
        verdict = verify_pdf(flip_byte(self.sign().file.read()))
        self.assertFalse(verdict.valid)
        self.assertEqual(verdict.code, "altered")

    def test_a_signer_of_another_ca_is_unknown(self) -> None:
        self.initial_both()
        other = signing.make_demo_ca(common_name="DEMO Other CA")
        p12 = signing.make_demo_signing_p12(other, holder="Orang Lain", password=b"x")
        data = signed_elsewhere(signing.Pkcs12Signer(p12, b"x"))
        with self.assertNoLogs("pyhanko", level="WARNING"):  # the verdict says it; no traceback in the log
            verdict = verify_pdf(data)
        self.assertEqual(verdict.code, "untrusted")
        self.assertIn("unknown", verdict.reason)

    def test_a_change_saved_after_signing_is_reported_without_a_traceback(self) -> None:
        """A PDF viewer's incremental save (here: a key added to the catalogue) keeps the signature intact
        but changes the document: the verdict says so, and pyHanko's warning does not repeat it."""
        from pyhanko.pdf_utils import generic
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

        self.initial_both()
        writer = IncrementalPdfFileWriter(io.BytesIO(self.sign().file.read()))
        writer.root["/PageMode"] = generic.NameObject("/UseOutlines")
        writer.update_root()
        out = io.BytesIO()
        writer.write(out)
        with self.assertNoLogs("pyhanko", level="WARNING"):
            verdict = verify_pdf(out.getvalue())
        self.assertEqual(verdict.code, "altered")
        self.assertIn("changed after signing", verdict.reason)

    def test_an_expired_certificate_is_reported(self) -> None:
        self.initial_both()
        ca = self._installed_ca()
        long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        p12 = signing.make_demo_signing_p12(ca, holder="Kadis Lama", password=b"x", not_before=long_ago,
                                            not_after=long_ago + dt.timedelta(days=365))
        verdict = verify_pdf(signed_elsewhere(signing.Pkcs12Signer(p12, b"x")))
        self.assertEqual(verdict.code, "expired")

    def test_a_certificate_whose_signatures_would_not_verify_is_refused_and_nothing_is_signed(self) -> None:
        # The administrator installed an expired certificate, or one of a CA this installation does not trust:
        # a signature made with it would read NOT VALID on the public page, and the signed document could never
        # be signed again. The head is told why, and the document stays unsigned.
        self.initial_both()
        ca = self._installed_ca()
        long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        expired = signing.make_demo_signing_p12(ca, holder="Kadis Lama", password=b"x", not_before=long_ago,
                                                not_after=long_ago + dt.timedelta(days=365))
        stranger = signing.make_demo_signing_p12(signing.make_demo_ca(common_name="DEMO Other CA"),
                                                 holder="Orang Lain", password=b"x")
        for p12, reason in [(expired, "The signer's certificate expired on 31 December 2020."),
                            (stranger, "does not come from this office's trust root")]:
            with self.subTest(reason=reason), self.assertRaisesMessage(SigningRefused, reason) as refused:
                self.sign(signer=signing.Pkcs12Signer(p12, b"x"))
            self.assertIn("nothing was signed", str(refused.exception).lower())
            if p12 is stranger:  # it may be the office's own certificate, of a CA not installed yet
                self.assertIn("its CA's certificate (PEM) belongs in keys/trust/", str(refused.exception))
        self.assertFalse(Signature.objects.exists())
        self.assertFalse(SignatureEvent.objects.exists())
        self.assertEqual(self.sign().version, self.version)  # with a sound certificate it signs

    def test_a_signer_that_fails_on_a_sound_file_is_refused_naming_document_version_and_cause(self) -> None:
        # The file takes the initials box and the signature block (stamping succeeds); pyHanko's signing call
        # then fails (a key that does not match its certificate, a signing service down). It was a server error
        # after both initials; now the head is told which document and why, and nothing is kept, no file either.
        from pyhanko.sign.general import SigningError
        from pyhanko.sign.signers import PdfSigner

        self.initial_both()
        stamped = []
        real_print_copy = actions.print_copy

        def print_copy(*args, **kwargs):  # type: ignore[no-untyped-def]
            stamped.append(real_print_copy(*args, **kwargs))
            return stamped[-1]

        media = Path(settings.MEDIA_ROOT)
        before = sorted(p for p in media.rglob("*") if p.is_file())
        with mock.patch.object(actions, "print_copy", print_copy), \
                mock.patch.object(PdfSigner, "sign_pdf", side_effect=SigningError("key does not match certificate")), \
                self.assertLogs("kinerja.correspondence.actions", level="ERROR"), \
                self.assertRaises(SigningRefused) as refused:
            self.sign()
        message = str(refused.exception)
        self.assertTrue(stamped and stamped[0].startswith(b"%PDF-"))  # the stamping did succeed
        for expected in ("Data Kinerja Triwulan I 2025, version 1", "SigningError: key does not match certificate",
                         "nothing was signed"):
            self.assertIn(expected, message)
        self.assertFalse(Signature.objects.exists())
        self.assertFalse(SignatureEvent.objects.exists())
        self.assertEqual(sorted(p for p in media.rglob("*") if p.is_file()), before)  # no signed file left
        self.assertEqual(self.sign().version, self.version)  # the signer repaired, it signs

    def test_the_page_says_why_the_signer_failed(self) -> None:
        from pyhanko.sign.signers import PdfSigner

        self.initial_both()
        self.client.force_login(self.head)
        with mock.patch.object(PdfSigner, "sign_pdf", side_effect=ValueError("unsupported key")), \
                self.assertLogs("kinerja.correspondence.actions", level="ERROR"):
            response = self.client.post(f"/documents/versions/{self.version.pk}/sign/",
                                        {"password": PASSWORD}, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "ValueError: unsupported key")
        self.assertContains(response, "Data Kinerja Triwulan I 2025, versi 1: tanda tangan tidak dapat dibuat")
        self.assertFalse(Signature.objects.exists())

    def test_a_certificate_for_digital_signature_only_verifies_and_one_not_for_signing_is_named(self) -> None:
        # Many CAs issue signing certificates with digitalSignature and no nonRepudiation; one for encryption
        # only is not a signing certificate, which is the reason to give, not "the signer is unknown".
        ca = self._installed_ca()
        with self.assertNoLogs("pyhanko", level="WARNING"):
            sound = verify_pdf(signed_elsewhere(_signer_of(ca, digital_signature=True)))
            wrong = verify_pdf(signed_elsewhere(_signer_of(ca, key_encipherment=True)))
        self.assertEqual(sound.code, "unknown_document")  # intact and trusted, just not in the register
        self.assertEqual(wrong.code, "key_usage")
        self.assertIn("not issued for signing documents", wrong.reason)

    def test_a_certificate_not_valid_yet_is_not_called_expired(self) -> None:
        ca = self._installed_ca()
        starts = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
        with self.assertNoLogs("pyhanko", level="WARNING"):
            verdict = verify_pdf(signed_elsewhere(_signer_of(ca, digital_signature=True, not_before=starts)))
        self.assertEqual(verdict.code, "not_yet_valid")
        self.assertIn(f"valid only from {date_format(starts.date(), 'j F Y')}", verdict.reason)

    def test_the_expiry_date_reads_as_a_date_and_the_log_stays_quiet(self) -> None:
        ca = self._installed_ca()
        long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        p12 = signing.make_demo_signing_p12(ca, holder="Kadis Lama", password=b"x", not_before=long_ago,
                                            not_after=long_ago + dt.timedelta(days=365))
        with self.assertNoLogs("pyhanko", level="WARNING"):
            verdict = verify_pdf(signed_elsewhere(signing.Pkcs12Signer(p12, b"x")))
        self.assertEqual(verdict.reason, "The signer's certificate expired on 31 December 2020.")

    def test_a_wrong_certificate_password_is_not_taken_for_the_signers_own(self) -> None:
        # The head has just typed their own password: "Invalid password or PKCS12 data" (the library's English)
        # sent them retyping it. The message names the file, the administrator's setting, and who fixes it.
        self.initial_both()
        p12 = signing.make_demo_signing_p12(self._installed_ca(), holder="Kadis", password=b"benar")
        path = self.data_dir / "kantor.p12"
        path.write_bytes(p12)
        with mock.patch.dict(os.environ, {"KINERJA_SIGNING_P12": str(path), "KINERJA_SIGNING_PASSWORD": "salah"}), \
                self.assertRaises(signing.SigningNotConfigured) as refused:
            self.sign()
        message = str(refused.exception)
        self.assertIn("kantor.p12", message)
        self.assertIn("KINERJA_SIGNING_PASSWORD", message)
        self.assertIn("Your own password was accepted", message)
        self.assertNotIn("Invalid password", message)
        self.assertFalse(Signature.objects.exists())

    def test_a_pdf_with_restrictions_does_not_become_a_version_to_initial_and_sign(self) -> None:
        # An owner password (printing or changing restricted, as "Protect PDF" tools set) opens for reading, but
        # the initials box and the signature cannot be written into it: signing failed with a server error
        # after both initials. Refused when it is uploaded, as a new version or as a new document.
        restricted = encrypted_pdf(user_password="", text="Draf terkunci")
        with self.assertRaisesMessage(KinerjaError, "Document: Data Kinerja Triwulan I 2025 is protected"):
            actions.add_version(self.version.document_id, user=self.staff, content=restricted)
        with self.assertRaisesMessage(KinerjaError, "Document: Surat terkunci is protected"):
            actions.create_document(self.office, user=self.staff, kind=Document.Kind.OTHER, title="Surat terkunci",
                                    content=restricted)
        self.assertEqual(Document.objects.count(), 1)
        self.assertEqual(self.version.document.versions.count(), 1)

    def test_a_revoked_certificate_is_reported(self) -> None:
        self.initial_both()
        ca = self._installed_ca()
        p12 = signing.make_demo_signing_p12(ca, holder="Kadis Dicabut", password=b"x")
        signer = signing.Pkcs12Signer(p12, b"x")
        (self.data_dir / "keys" / "crl" / "test-ca.crl").write_bytes(
            signing.make_crl(ca, [signer.certificate.serial_number]))
        verdict = verify_pdf(signed_elsewhere(signer))
        self.assertEqual(verdict.code, "revoked")

    def test_a_sound_signature_on_a_document_not_in_the_register_is_not_valid(self) -> None:
        self.initial_both()
        data = self.sign().file.read()
        Signature.objects.all().update(signed_sha256="0" * 64)
        self.assertEqual(verify_pdf(data).code, "unknown_document")

    def test_a_signed_document_does_not_change(self) -> None:
        self.initial_both()
        self.sign()
        with self.assertRaisesMessage(KinerjaError, "already signed"):
            actions.add_version(self.version.document_id, user=self.staff, content=small_pdf("Lagi"))

    def test_the_cli_exits_3_for_a_demo_signature_and_1_with_the_reason_when_altered(self) -> None:
        self.initial_both()
        data = self.sign().file.read()
        good, bad = self.data_dir / "baik.pdf", self.data_dir / "diubah.pdf"
        good.write_bytes(data)
        bad.write_bytes(flip_byte(data))
        out = io.StringIO()
        # Sound, but the demo's certificate: not legally valid, so not exit status 0.
        with self.assertRaises(SystemExit) as exited:
            call_command("verify", str(good), stdout=out)
        self.assertEqual(exited.exception.code, 3)
        self.assertIn("Data Kinerja Triwulan I 2025", out.getvalue())
        # The first line says so instead of VALID.
        self.assertIn("baik.pdf: DEMO SIGNATURE, NOT LEGALLY VALID: The document is unchanged", out.getvalue())
        with self.assertRaisesMessage(CommandError, "altered"):
            call_command("verify", str(bad))

    def test_the_cli_exits_0_for_a_valid_signature(self) -> None:
        self.initial_both()
        keys = self.data_dir / "keys"
        signed = self.sign(signer=office_signer(keys)).file.read()
        path = self.data_dir / "sah.pdf"
        path.write_bytes(signed)
        out = io.StringIO()
        call_command("verify", str(path), stdout=out)  # no SystemExit: status 0
        self.assertIn("sah.pdf: VALID", out.getvalue())

    def test_a_signed_file_printed_to_pdf_says_the_copy_lost_its_signature(self) -> None:
        import subprocess

        self.initial_both()
        signed, printed = self.data_dir / "ttd.pdf", self.data_dir / "dicetak.pdf"
        signed.write_bytes(self.sign().file.read())
        subprocess.run(["pdftocairo", "-pdf", str(signed), str(printed)], check=True)  # as "Print to PDF" does
        verdict = verify_pdf(printed.read_bytes())
        self.assertEqual(verdict.code, "unsigned")
        self.assertIn("printed or saved again as a new PDF", verdict.reason)
        self.assertIn("scan the QR code", verdict.reason)

    def test_the_cli_says_an_empty_file_is_empty_not_that_it_is_no_pdf(self) -> None:
        path = self.data_dir / "kosong.pdf"
        path.write_bytes(b"")
        with self.assertRaisesMessage(CommandError, "kosong.pdf: NOT VALID: The file is empty (0 bytes)"):
            call_command("verify", str(path))

    def test_the_cli_help_lists_the_exit_statuses(self) -> None:
        from kinerja.correspondence.management.commands.verify import Command

        self.assertIn("3 an intact demonstration signature", Command.help)
        self.assertIn("0 valid", Command.help)

    def test_the_cli_names_a_missing_file_in_indonesian(self) -> None:
        from django.utils import translation

        with translation.override("id"), self.assertRaisesMessage(CommandError, "tidak ada.pdf: berkas ini tidak ada."):
            call_command("verify", "tidak ada.pdf")

    def _installed_ca(self) -> signing.DemoCa:
        """A CA trusted by this installation whose key the test holds (the demo's key is not kept)."""
        ca = signing.make_demo_ca(common_name="DEMO Test CA")
        (self.data_dir / "keys" / "trust" / "test-ca.pem").write_bytes(ca.pem)
        return ca


class InitialsAreBoundToTheHashTestCase(CorrespondenceTestCase):
    def test_initials_with_another_hash_do_not_count(self) -> None:
        version = actions.create_document(self.office, user=self.staff, kind=Document.Kind.OTHER, title="Draf",
                                          content=small_pdf("Draft"))
        actions.initial_version(version.pk, user=self.subsection_head)
        Initial.objects.update(sha256="f" * 64)
        self.assertIn(self.positions["subsection_head"], actions.missing_initials(version))


class VerifyUrlTestCase(CorrespondenceTestCase):
    """One address per signature's QR code: the public one when the installation names it."""

    def test_the_qr_code_points_at_the_public_address_when_it_is_set(self) -> None:
        from django.test import RequestFactory, override_settings

        request = RequestFactory().get("/", HTTP_HOST="10.0.0.5:8000")
        with override_settings(PUBLIC_URL="https://kinerja.bandarlampungkota.go.id", PUBLIC_URL_SET=True):
            self.assertEqual(actions.verify_url("abc", request), "https://kinerja.bandarlampungkota.go.id/v/abc/")
            self.assertEqual(actions.verify_url("abc"), "https://kinerja.bandarlampungkota.go.id/v/abc/")
        with override_settings(PUBLIC_URL="http://127.0.0.1:8000", PUBLIC_URL_SET=False, ALLOWED_HOSTS=["10.0.0.5"]):
            self.assertEqual(actions.verify_url("abc", request), "http://10.0.0.5:8000/v/abc/")
            self.assertEqual(actions.verify_url("abc"), "http://127.0.0.1:8000/v/abc/")

    def test_serve_says_which_address_links_get(self) -> None:
        from unittest import mock

        from django.test import override_settings

        from kinerja.web.management.commands.serve import Command

        for public_set, expected in ((False, "KINERJA_PUBLIC_URL is not set"),
                                     (True, "Links in e-mails and QR codes of signed documents: https://k.go.id/")):
            out = io.StringIO()
            with override_settings(PUBLIC_URL="https://k.go.id" if public_set else "http://127.0.0.1:8000",
                                   PUBLIC_URL_SET=public_set), mock.patch("os.execv") as execv:
                command = Command(stdout=out)
                command.handle(bind="0.0.0.0:8000", workers=1)
            self.assertIn(expected, out.getvalue())
            execv.assert_called_once()


class CertificateProblemTestCase(CorrespondenceTestCase):
    """The head learns that the office's certificate cannot sign on the document's page, before typing a password
    (it used to be said only after the password, when signing failed)."""

    def setUp(self) -> None:
        super().setUp()
        self.version = actions.create_document(self.office, user=self.staff, kind=Document.Kind.PERFORMANCE_DATA,
                                               title="Data Kinerja Triwulan I 2025", content=small_pdf("Draft"))
        actions.initial_version(self.version.pk, user=self.subsection_head)
        actions.initial_version(self.version.pk, user=self.secretary)

    def test_the_installed_demo_certificate_has_none(self) -> None:
        self.assertEqual(signing.certificate_problem(), "")

    def test_expired_not_yet_valid_and_not_for_signing(self) -> None:
        ca = signing.make_demo_ca(common_name="DEMO Test CA")
        long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        expired = signing.Pkcs12Signer(signing.make_demo_signing_p12(
            ca, holder="Kadis Lama", password=b"x", not_before=long_ago, not_after=long_ago + dt.timedelta(days=365)),
            b"x")
        later = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
        early = signing.Pkcs12Signer(signing.make_demo_signing_p12(
            ca, holder="Kadis Baru", password=b"x", not_before=later, not_after=later + dt.timedelta(days=365)), b"x")
        with translation.override("en"):
            self.assertIn("expired on 31 December 2020", signing.certificate_problem(expired))
            self.assertIn("is valid only from", signing.certificate_problem(early))
            self.assertIn("not issued for signing documents",
                          signing.certificate_problem(_signer_of(ca, key_encipherment=True)))
            self.assertEqual(signing.certificate_problem(_signer_of(ca, digital_signature=True)), "")

    def test_the_page_says_so_instead_of_asking_for_the_password(self) -> None:
        url = f"/documents/{self.version.document_id}/"
        self.client.force_login(self.head)
        self.assertContains(self.client.get(url), "Tandatangani secara elektronik")
        missing = self.data_dir / "keys" / "none.p12"
        with mock.patch.dict(os.environ, {"KINERJA_SIGNING_P12": str(missing)}):
            response = self.client.get(url)
        self.assertNotContains(response, "Tandatangani secara elektronik")
        self.assertContains(response, str(missing))
