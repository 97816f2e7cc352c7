"""A workbook holding several SOPs, uploaded once and imported one sheet at a time: after saving one,
the saved version's page offers the next and the sheet list marks those saved (and those kinerja
already holds); the file is forgotten once every SOP is saved or the administrator is done with it,
and a token this session does not hold (forged, another user's, expired) is a 404."""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client

from kinerja.sop.importers import ListedSop
from kinerja.sop.models import SopVersion
from kinerja.sop.pending import PENDING, SAVED_KEY, PendingWorkbook, SheetState
from tests.base import KinerjaTestCase

from .documents import sop_text
from .test_import_workbook_sops import ARSIP, workbook

pytestmark = pytest.mark.usefixtures("english")


class WorkbookUploads:
    """Upload `self.path` (a workbook) and save its SOPs one sheet at a time, as the administrator does."""

    client: Client
    path: Path

    def upload(self, name: str = "kumpulan-sop.xlsx", data: bytes | None = None) -> str:
        response = self.client.post("/sop/upload/", {
            "document": SimpleUploadedFile(name, self.path.read_bytes() if data is None else data)})
        assert response.status_code == 302, response.status_code
        return str(response["Location"])

    def save(self, preview_url: str, sheet: str | None) -> HttpResponse:
        """Check the SOP of `sheet` and save it as the preview understood it."""
        url = f"{preview_url}?sheet={sheet.replace(' ', '%20')}" if sheet else preview_url
        response = self.client.get(url)
        assert response.status_code == 200, response.status_code
        data = {}
        for form, _problems in response.context["rows"]:
            for name in form.fields:
                value = form.initial.get(name, "")
                data[f"{form.prefix}-{name}"] = "" if value is None else str(value)
        return self.client.post(url, {**data, "save": ""})

    def token(self, preview_url: str) -> str:
        return preview_url.rstrip("/").rsplit("/", 1)[1]


class WorkbookUploadTestCase(WorkbookUploads, KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.path = workbook(Path(tempfile.mkdtemp()))  # sheets Sampul (no SOP), Arsip, Surat Masuk
        self.client.force_login(self.subsection_head)
        self.client.post("/language/", {"language": "en"})

    def import_other_surat_version(self) -> None:
        """Version 1 of Surat Masuk's SOP (same Nomor SOP), from another document than the workbook."""
        text = Path(tempfile.mkdtemp()) / "surat.txt"
        text.write_text(sop_text(["Sekretaris", "JFU"], [("Mendisposisikan surat", "15 menit", "Sekretaris"),
                                                        ("Mencatat surat", "30 menit", "JFU")],
                                 name="PENANGANAN SURAT MASUK", number="800/02/SOP/2025"), encoding="utf-8")
        call_command("sop", "import", str(text), "--office", self.office.code, stdout=StringIO())

    def test_it_saves_one_sheet_then_checks_the_next_from_the_same_upload(self) -> None:
        preview_url = self.upload()
        token = self.token(preview_url)
        response = self.save(preview_url, "Arsip")
        arsip = SopVersion.objects.get(name="PENGARSIPAN BERKAS")
        self.assertRedirects(response, f"/sop/versions/{arsip.pk}/?workbook={token}", fetch_redirect_response=False)

        page = self.client.get(response["Location"])
        self.assertContains(page, "“PENGARSIPAN BERKAS” is stored as version 1")
        self.assertContains(page, "More SOPs in kumpulan-sop.xlsx")
        self.assertContains(page, "1 of its 2 SOPs saved from this upload, 1 left to save.")
        self.assertContains(page, f'href="{preview_url}?sheet=Surat%20Masuk">'
                                  "Check the next SOP: PENANGANAN SURAT MASUK (sheet “Surat Masuk”)")

        # The list marks Arsip as saved, with its version; only Surat Masuk is left to check.
        listing = self.client.get(preview_url)
        states = {s.listed.sheet: s for s in listing.context["workbook"].sheets}
        self.assertEqual((states["Arsip"].saved, states["Arsip"].done), (arsip, True))
        self.assertEqual((states["Surat Masuk"].saved, states["Surat Masuk"].done), (None, False))
        self.assertContains(listing, "Saved from this upload")
        self.assertContains(listing, f'href="/sop/versions/{arsip.pk}/"')
        self.assertNotContains(listing, f'href="{preview_url}?sheet=Arsip"')
        self.assertContains(listing, f'href="{preview_url}?sheet=Surat%20Masuk"')
        self.assertContains(listing, "1 saved from this upload; 1 SOP left to save.")

        # The next SOP, without uploading the workbook again; the last one saved forgets the file.
        response = self.save(preview_url, "Surat Masuk")
        surat = SopVersion.objects.get(name="PENANGANAN SURAT MASUK")
        self.assertRedirects(response, f"/sop/versions/{surat.pk}/", fetch_redirect_response=False)
        page = self.client.get(response["Location"])
        self.assertContains(page, "Every SOP of kumpulan-sop.xlsx is now stored; the uploaded file is no longer kept.")
        self.assertNotContains(page, "More SOPs in")
        self.assertEqual(self.client.get(preview_url).status_code, 404)
        self.assertFalse(Path(default_storage.path(f"sop-pending/{token}")).exists())
        self.assertFalse(self.client.session[SAVED_KEY])
        self.assertEqual(surat.source_name, "kumpulan-sop.xlsx")

    def test_done_forgets_the_file_and_says_what_was_saved(self) -> None:
        preview_url = self.upload()
        token = self.token(preview_url)
        self.save(preview_url, "Arsip")
        self.assertContains(self.client.get(preview_url), '<button type="submit" name="cancel">Done</button>')
        response = self.client.post(preview_url, {"cancel": ""}, follow=True)
        self.assertRedirects(response, "/sop/")
        self.assertContains(response, "Done with kumpulan-sop.xlsx: 1 SOP was saved from it. "
                                      "The uploaded file is no longer kept.")
        self.assertEqual(self.client.get(preview_url).status_code, 404)
        self.assertEqual(self.client.get(preview_url + "?sheet=Surat%20Masuk").status_code, 404)
        self.assertFalse(Path(default_storage.path(f"sop-pending/{token}")).exists())
        self.assertNotIn(token, self.client.session[SAVED_KEY])
        self.assertEqual(SopVersion.objects.count(), 1)
        # The saved version's page no longer offers the workbook.
        arsip = SopVersion.objects.get()
        self.assertNotContains(self.client.get(f"/sop/versions/{arsip.pk}/?workbook={token}"), "More SOPs in")

    def test_discarding_before_saving_any_is_a_discard(self) -> None:
        preview_url = self.upload()
        self.assertContains(self.client.get(preview_url), '<button type="submit" name="cancel">Discard</button>')
        response = self.client.post(preview_url, {"cancel": ""}, follow=True)
        self.assertContains(response, "The upload was discarded.")
        self.assertEqual(self.client.get(preview_url).status_code, 404)

    def test_it_marks_the_sops_kinerja_already_holds(self) -> None:
        # Arsip is stored from these very bytes already (an earlier upload of the same workbook);
        # Surat Masuk's SOP (same Nomor SOP) from another document, so saving it adds version 2.
        call_command("sop", "import", str(self.path), "--office", self.office.code, "--sheet", "Arsip",
                     stdout=StringIO())
        self.import_other_surat_version()
        listing = self.client.get(self.upload())
        states = {s.listed.sheet: s for s in listing.context["workbook"].sheets}
        arsip, surat_v1 = (SopVersion.objects.get(name=n) for n in ("PENGARSIPAN BERKAS", "PENANGANAN SURAT MASUK"))
        self.assertEqual((states["Arsip"].saved, states["Arsip"].stored, states["Arsip"].done), (None, arsip, True))
        self.assertEqual((states["Surat Masuk"].stored, states["Surat Masuk"].done), (surat_v1, False))
        self.assertContains(listing, "Already stored from this file")
        self.assertContains(listing, "; saving adds version 2")
        # Arsip counts as done: saving Surat Masuk's version 2 leaves nothing to save, and the file goes.
        response = self.save(listing.wsgi_request.path, "Surat Masuk")
        surat_v2 = SopVersion.objects.get(name="PENANGANAN SURAT MASUK", version=2)
        self.assertRedirects(response, f"/sop/versions/{surat_v2.pk}/compare/", fetch_redirect_response=False)
        self.assertEqual(self.client.get(listing.wsgi_request.path).status_code, 404)

    def test_a_new_version_shows_its_changes_and_offers_the_next(self) -> None:
        self.import_other_surat_version()
        preview_url = self.upload()
        response = self.save(preview_url, "Surat Masuk")
        surat_v2 = SopVersion.objects.get(version=2)
        self.assertRedirects(response, f"/sop/versions/{surat_v2.pk}/compare/?workbook={self.token(preview_url)}",
                             fetch_redirect_response=False)
        page = self.client.get(response["Location"])
        self.assertContains(page, "Changes from version 1 to version 2")
        self.assertContains(page, f'href="{preview_url}?sheet=Arsip">Check the next SOP: PENGARSIPAN BERKAS (sheet “Arsip”)')

    def test_a_single_sop_upload_is_unchanged(self) -> None:
        preview_url = self.upload("arsip.txt", ARSIP.encode())
        response = self.client.get(preview_url)
        self.assertTemplateUsed(response, "sop/preview.html")
        response = self.save(preview_url, None)
        version = SopVersion.objects.get()
        self.assertRedirects(response, f"/sop/versions/{version.pk}/")
        self.assertEqual(self.client.get(preview_url).status_code, 404)
        self.assertFalse(self.client.session.get("sop_uploads"))

    def test_a_token_this_session_does_not_hold_is_not_found(self) -> None:
        preview_url = self.upload()
        forged = "/sop/upload/AAAAAAAAAAAAAAAAAAAAAAAA/"
        self.assertEqual(self.client.get(forged).status_code, 404)
        self.assertEqual(self.client.get(forged + "?sheet=Arsip").status_code, 404)
        self.assertEqual(self.client.post(forged, {"cancel": ""}).status_code, 404)
        # Another manager's session does not hold this one's upload.
        self.client.force_login(self.admin)
        self.assertEqual(self.client.get(preview_url).status_code, 404)
        self.assertEqual(self.client.post(preview_url, {"cancel": ""}).status_code, 404)

    def test_an_expired_upload_is_not_found_and_no_longer_offered(self) -> None:
        preview_url = self.upload()
        token = self.token(preview_url)
        self.save(preview_url, "Arsip")
        PENDING.sweep(max_age_seconds=-60)  # as if a day had passed: the next upload's sweep removes it
        self.assertEqual(self.client.get(preview_url).status_code, 404)
        self.assertEqual(self.client.get(preview_url + "?sheet=Surat%20Masuk").status_code, 404)
        arsip = SopVersion.objects.get()
        page = self.client.get(f"/sop/versions/{arsip.pk}/?workbook={token}")
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "More SOPs in")


def _state(sheet: str, *, done: bool) -> SheetState:
    return SheetState(listed=ListedSop(sheet, f"SOP {sheet}", ""), saved=SopVersion(pk=1) if done else None,
                      stored=None)


def test_the_next_sop_is_the_first_left_after_the_saved_one_from_the_start_again() -> None:
    workbook = PendingWorkbook(token="t", name="k.xlsx", sheets=[
        _state("A", done=False), _state("B", done=True), _state("C", done=True), _state("D", done=False)])
    assert [s.listed.sheet for s in workbook.left] == ["A", "D"]
    assert workbook.next_after("B").listed.sheet == "D"
    assert workbook.next_after("D").listed.sheet == "A"
    assert workbook.next_after(None).listed.sheet == "A"
    done = PendingWorkbook(token="t", name="k.xlsx", sheets=[_state("A", done=True)])
    assert done.next_after("A") is None
