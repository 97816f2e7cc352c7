"""The answer page after a refused submit: every problem is told at once, next to its field and in a list at
the top, nothing is saved, and the files that passed their checks are kept for the next try (uploads.KeptFiles),
for their uploader and this request only."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kinerja.performance.models import Actual, Evidence
from kinerja.workflow.models import DivisionRequest, Event, TaskFile

from .test_answer_page import PDF, AnswerPageBase


def pdf(name: str = "bukti.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


class AnswerErrorsTestCase(AnswerPageBase):
    def kept_token(self, response: object, name: str) -> str:
        found = re.search(rf'name="{re.escape(name)}-kept" value="([^"]+)"', response.content.decode())
        self.assertIsNotNone(found, f"no kept file for {name}")
        return found[1]

    def pending(self) -> list[Path]:
        root = Path(settings.MEDIA_ROOT) / "answer-pending"
        return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []

    def assert_nothing_saved(self) -> None:
        self.assertIsNone(DivisionRequest.objects.get(pk=self.request.pk).answered_at)
        self.assertFalse(Actual.objects.exists())
        self.assertFalse(Evidence.objects.exists())
        self.assertFalse(TaskFile.objects.exists())
        self.assertFalse(self.case.events.filter(kind=Event.Kind.REQUEST_ANSWERED).exists())

    def test_three_different_errors_are_shown_at_once_each_at_its_field(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.client.post(self.url, {
            "answer-note": "Data TW I",
            f"i{self.active.pk}-value": "12,3,4",
            f"i{self.active.pk}-file": SimpleUploadedFile("catatan.txt", b"catatan rapat", content_type="text/plain"),
            f"i{self.healthy.pk}-value": "61,5%",
            f"i{self.healthy.pk}-file": SimpleUploadedFile("palsu.pdf", b"bukan PDF sama sekali"),
        })
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "Jawaban belum terkirim: 3 hal perlu diperbaiki. Belum ada yang disimpan.", status_code=400)
        summary = re.search(r'<div class="card error-summary".*?</div>', r.content.decode(), re.S)[0]
        links = re.findall(r'<li><a href="#([^"]+)">(.*?)</a></li>', summary)
        self.assertEqual([anchor for anchor, _ in links],
                         [f"id_i{self.active.pk}-value", f"id_i{self.active.pk}-file", f"id_i{self.healthy.pk}-file"])
        code = '<span class="perf-code">{}</span>'.format  # kept on one line (perfdata.keep_code)
        self.assertIn(f"{code('IK-01')} Jumlah koperasi aktif: &quot;12,3,4&quot;", links[0][1])
        self.assertIn(f"{code('IK-01')} Jumlah koperasi aktif: catatan.txt bukan berkas PDF", links[1][1])
        self.assertIn(f"{code('IK-02')} Persentase koperasi sehat: palsu.pdf bukan berkas PDF", links[2][1])
        # Each message is next to its field too.
        self.assertContains(r, f'<p class="error" id="id_i{self.active.pk}-value-error" role="alert">', status_code=400)
        self.assertContains(r, f'<p class="error" id="id_i{self.active.pk}-file-error" role="alert">', status_code=400)
        self.assertContains(r, f'<p class="error" id="id_i{self.healthy.pk}-file-error" role="alert">', status_code=400)
        self.assertContains(r, 'value="12,3,4"', status_code=400)
        self.assertContains(r, 'value="61,5%"', status_code=400)
        # A refused file is not kept: it must be chosen again, and its message says why.
        self.assertNotContains(r, "-file-kept", status_code=400)
        self.assertEqual(self.pending(), [])
        self.assert_nothing_saved()

    def test_a_valid_pdf_is_kept_past_a_bad_number_and_saved_by_the_next_try(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.client.post(self.url, {
            "answer-note": "Data TW I", f"i{self.active.pk}-value": "abc", f"i{self.active.pk}-file": pdf(),
            "files": SimpleUploadedFile("rekap.xlsx", b"PK rekap")})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "Jawaban belum terkirim: 1 hal perlu diperbaiki.", status_code=400)
        self.assertContains(r, "sudah dipilih: <strong>bukti.pdf</strong>", status_code=400)
        self.assertContains(r, "sudah dipilih: <strong>rekap.xlsx</strong>", status_code=400)
        self.assertContains(r, 'value="abc"', status_code=400)
        evidence, general = self.kept_token(r, f"i{self.active.pk}-file"), self.kept_token(r, "files")
        self.assertEqual(sorted(p.name for p in self.pending()), ["bukti.pdf", "rekap.xlsx"])
        self.assert_nothing_saved()

        # The next try sends the kept files back by their tokens only: no file is chosen again.
        r = self.client.post(self.url, {
            "answer-note": "Data TW I", f"i{self.active.pk}-value": "1.725",
            f"i{self.active.pk}-file-kept": evidence, "files-kept": general})
        self.assertRedirects(r, f"/cases/{self.case.pk}/")
        actual = Actual.objects.get(indicator=self.active, is_current=True)
        self.assertEqual(actual.status, Actual.Status.SUBMITTED)
        saved = actual.evidence.get()
        self.assertEqual(saved.original_name, "bukti.pdf")
        self.assertEqual(saved.file.read(), PDF)
        self.assertEqual([f.name for f in self.request.files.all()], ["rekap.xlsx"])
        self.assertEqual(self.pending(), [])  # the kept copies go once saved

    def test_hapus_without_javascript_removes_the_kept_file_at_once_and_keeps_what_was_typed(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.client.post(self.url, {"answer-note": "Data TW I", f"i{self.active.pk}-value": "1.725",
                                        f"i{self.active.pk}-obstacles": "RAT terlambat",
                                        f"i{self.active.pk}-file": pdf(), f"i{self.healthy.pk}-value": "abc",
                                        "files": SimpleUploadedFile("rekap.xlsx", b"PK rekap")})
        token, general = self.kept_token(r, f"i{self.active.pk}-file"), self.kept_token(r, "files")
        # "hapus" sends the form back (the button's name and value: which kept file), with what is typed now.
        r = self.client.post(self.url, {"answer-note": "Data TW I, diperbaiki", f"i{self.active.pk}-value": "1.725",
                                        f"i{self.active.pk}-obstacles": "RAT terlambat",
                                        f"i{self.healthy.pk}-value": "61,5", f"i{self.active.pk}-file-kept": token,
                                        "files-kept": general, f"i{self.active.pk}-file-drop": token})
        self.assertEqual(r.status_code, 200)  # nothing refused: the page is back with the file gone, nothing sent
        self.assertContains(r, "bukti.pdf dihapus: pilih berkas lain bila perlu.")
        self.assertNotContains(r, "sudah dipilih: <strong>bukti.pdf</strong>")
        self.assertContains(r, "sudah dipilih: <strong>rekap.xlsx</strong>")
        self.assertEqual(self.kept_token(r, "files"), general)
        self.assertNotContains(r, "error-summary")
        for typed in ("Data TW I, diperbaiki", 'value="1.725"', "RAT terlambat", 'value="61,5"'):
            self.assertContains(r, typed)
        self.assertEqual([p.name for p in self.pending()], ["rekap.xlsx"])
        self.assert_nothing_saved()
        # Sent next: saved without the removed file.
        r = self.client.post(self.url, {"answer-note": "Data TW I", f"i{self.active.pk}-value": "1.725",
                                        f"i{self.healthy.pk}-value": "61,5", "files-kept": general})
        self.assertRedirects(r, f"/cases/{self.case.pk}/")
        self.assertFalse(Evidence.objects.exists())
        self.assertEqual([f.name for f in self.request.files.all()], ["rekap.xlsx"])

    def test_hapus_without_javascript_still_tells_the_problems_left(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.client.post(self.url, {"answer-note": "Data TW I", f"i{self.active.pk}-value": "abc",
                                        f"i{self.active.pk}-file": pdf()})
        token = self.kept_token(r, f"i{self.active.pk}-file")
        r = self.client.post(self.url, {"answer-note": "Data TW I", f"i{self.active.pk}-value": "abc",
                                        f"i{self.active.pk}-file-kept": token, f"i{self.active.pk}-file-drop": token})
        self.assertContains(r, "bukti.pdf dihapus", status_code=400)
        self.assertContains(r, "Jawaban belum terkirim: 1 hal perlu diperbaiki.", status_code=400)
        self.assertEqual(self.pending(), [])
        self.assert_nothing_saved()

    def test_hapus_with_htmx_removes_the_kept_file_and_swaps_its_line(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.client.post(self.url, {"answer-note": "Data TW I", f"i{self.active.pk}-value": "abc",
                                        f"i{self.active.pk}-file": pdf()})
        token = self.kept_token(r, f"i{self.active.pk}-file")
        remove = f"/requests/{self.request.pk}/answer/kept/{token}/remove/"
        page = r.content.decode()
        self.assertIn(f'hx-post="{remove}"', page)
        # Enter in a field sends the answer: the form's first submit button is the hidden "Kirim jawaban".
        form = page[page.index('class="answer-form"'):]
        self.assertLess(form.index('class="answer-default"'), form.index('class="link kept-drop"'))
        # Another division's contact cannot remove it (nor is it theirs to remove).
        other = Client()
        other.force_login(self.contacts[1])
        self.assertEqual(other.post(remove, headers={"HX-Request": "true"}).status_code, 403)
        self.assertEqual([p.name for p in self.pending()], ["bukti.pdf"])
        self.assertEqual(self.client.get(remove).status_code, 405)
        r = self.client.post(remove, headers={"HX-Request": "true"})
        self.assertEqual(r.status_code, 200)
        self.assertHTMLEqual(r.content.decode(), '<p class="kept-file kept-removed" role="status">'
                                                 "bukti.pdf dihapus: pilih berkas lain bila perlu.</p>")
        self.assertEqual(self.pending(), [])
        # Its token, sent by a page still holding it, is refused as any lost kept file is.
        r = self.client.post(self.url, {"answer-note": "Data TW I", f"i{self.active.pk}-value": "1.725",
                                        f"i{self.active.pk}-file-kept": token})
        self.assertContains(r, "sudah tidak ada", status_code=400)
        self.assert_nothing_saved()

    def test_a_new_file_replaces_the_kept_one_of_its_indicator(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.client.post(self.url, {"answer-note": "Data TW I", f"i{self.active.pk}-value": "abc",
                                        f"i{self.active.pk}-file": pdf("lama.pdf")})
        token = self.kept_token(r, f"i{self.active.pk}-file")
        r = self.client.post(self.url, {"answer-note": "Data TW I", f"i{self.active.pk}-value": "1.725",
                                        f"i{self.active.pk}-file-kept": token, f"i{self.active.pk}-file": pdf("baru.pdf")})
        self.assertRedirects(r, f"/cases/{self.case.pk}/")
        self.assertEqual([e.original_name for e in Evidence.objects.all()], ["baru.pdf"])
        self.assertEqual(self.pending(), [])

    def test_a_bad_file_in_a_second_try_leaves_nothing_half_saved(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.client.post(self.url, {"answer-note": "Data TW I", f"i{self.active.pk}-value": "abc",
                                        f"i{self.active.pk}-file": pdf()})
        token = self.kept_token(r, f"i{self.active.pk}-file")
        r = self.client.post(self.url, {
            "answer-note": "Data TW I", f"i{self.active.pk}-value": "1.725", f"i{self.active.pk}-file-kept": token,
            f"i{self.healthy.pk}-value": "61,5", f"i{self.healthy.pk}-file": SimpleUploadedFile("x.pdf", b"")})
        self.assertEqual(r.status_code, 400)
        self.assert_nothing_saved()
        self.assertEqual(self.kept_token(r, f"i{self.active.pk}-file"), token)  # still kept for the next try

    def test_a_kept_upload_of_another_user_cannot_be_used(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.client.post(self.url, {"answer-note": "Data TW I", f"i{self.active.pk}-value": "abc",
                                        "files": SimpleUploadedFile("rahasia.xlsx", b"PK rahasia")})
        token = self.kept_token(r, "files")
        # The second division's contact sends the token with their own answer: refused, nothing read or saved.
        other = self.requests[1]
        self.client.force_login(self.contacts[1])
        r = self.client.post(f"/requests/{other.pk}/answer/", {"answer-note": "Data bidang dua", "files-kept": token})
        self.assertContains(r, "Berkas yang disimpan dari percobaan sebelumnya sudah tidak ada (atau bukan milik Anda)",
                            status_code=400)
        self.assertNotContains(r, "rahasia.xlsx", status_code=400)
        other.refresh_from_db()
        self.assertIsNone(other.answered_at)
        self.assertFalse(TaskFile.objects.exists())
        self.assertEqual([p.name for p in self.pending()], ["rahasia.xlsx"])  # the owner's file is untouched

    def test_a_file_attached_already_is_told_at_its_field_with_the_other_problems_and_not_kept(self) -> None:
        from kinerja.performance import actions as perf

        actual = perf.enter_actual(self.active.pk, 2025, 1, user=self.contacts[0], value="1.700",
                                   files=[pdf("bukti.pdf")], submit=True)
        perf.return_actual(actual.pk, user=self.subsection_head, reason="Angka belum sesuai")
        self.client.force_login(self.contacts[0])
        r = self.client.post(self.url, {"answer-note": "Data TW I", f"i{self.active.pk}-value": "1.725",
                                        f"i{self.active.pk}-file": pdf("bukti lagi.pdf"),
                                        f"i{self.healthy.pk}-value": "abc"})
        self.assertContains(r, "Jawaban belum terkirim: 2 hal perlu diperbaiki.", status_code=400)
        message = ('<span class="perf-code">IK-01</span> Jumlah koperasi aktif: bukti lagi.pdf sudah dilampirkan pada '
                   "angka ini (sebagai bukti.pdf).")
        self.assertContains(r, f'<li><a href="#id_i{self.active.pk}-file">{message}</a></li>', status_code=400)
        self.assertContains(r, f'<p class="error" id="id_i{self.active.pk}-file-error" role="alert">{message}</p>',
                            status_code=400)
        self.assertNotContains(r, "-file-kept", status_code=400)  # a duplicate is not kept for the next try
        self.assertEqual(self.pending(), [])
        actual.refresh_from_db()
        self.assertEqual(actual.status, "returned")
        self.assertEqual(Evidence.objects.count(), 1)

    def test_the_same_file_twice_under_berkas_is_told_with_the_other_problems_and_kept_once(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.client.post(self.url, {"answer-note": "Data TW I", f"i{self.healthy.pk}-value": "abc",
                                        "files": [SimpleUploadedFile("rekap.xlsx", b"PK rekap"),
                                                  SimpleUploadedFile("rekap (1).xlsx", b"PK rekap"),
                                                  SimpleUploadedFile("notulen.pdf", PDF)]})
        self.assertContains(r, "Jawaban belum terkirim: 2 hal perlu diperbaiki.", status_code=400)
        message = "rekap (1).xlsx dipilih dua kali pada Berkas (juga sebagai rekap.xlsx): pilih sekali saja."
        self.assertContains(r, f'<li><a href="#answer-errors">{message}</a></li>', status_code=400)
        self.assertContains(r, "sudah dipilih: <strong>rekap.xlsx</strong>", status_code=400)
        self.assertContains(r, "sudah dipilih: <strong>notulen.pdf</strong>", status_code=400)
        self.assertNotContains(r, "sudah dipilih: <strong>rekap (1).xlsx</strong>", status_code=400)
        self.assertEqual(len(self.pending()), 2)
        self.assert_nothing_saved()

    def test_a_berkas_file_also_chosen_as_evidence_is_told_and_nothing_is_saved(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.client.post(self.url, {"answer-note": "Data TW I", f"i{self.active.pk}-value": "1.725",
                                        f"i{self.active.pk}-file": pdf("bukti.pdf"), "files": pdf("lampiran.pdf")})
        self.assertContains(r, "Jawaban belum terkirim: 1 hal perlu diperbaiki.", status_code=400)
        self.assertContains(r, "lampiran.pdf pada Berkas juga dipilih untuk bukti dukung IK-01 Jumlah koperasi aktif "
                               "(sebagai bukti.pdf): kirimkan sekali saja.", status_code=400)
        self.assertContains(r, "sudah dipilih: <strong>bukti.pdf</strong>", status_code=400)
        self.assertNotContains(r, "sudah dipilih: <strong>lampiran.pdf</strong>", status_code=400)
        self.assert_nothing_saved()
