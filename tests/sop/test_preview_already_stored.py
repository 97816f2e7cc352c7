"""The preview of a document already stored from the same file offers no save, which would only be refused: it
leads to the stored version instead; a save posted all the same (a page left open before the other upload was
saved) is answered with a message saying nothing was saved and why, and nothing is stored twice."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from kinerja.sop.models import SopVersion
from tests.base import KinerjaTestCase

from .test_import_workbook_sops import ARSIP
from .test_workbook_upload import WorkbookUploads

pytestmark = pytest.mark.usefixtures("english")


class AlreadyStoredPreviewTestCase(WorkbookUploads, KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.path = Path(tempfile.mkdtemp()) / "arsip.txt"
        self.path.write_text(ARSIP, encoding="utf-8")
        self.client.force_login(self.subsection_head)
        self.client.post("/language/", {"language": "en"})

    def test_it_offers_the_stored_version_instead_of_the_save_buttons(self) -> None:
        open_before = self.upload("arsip.txt")  # a preview left open while the same file is stored
        self.save(self.upload("arsip.txt"), None)
        version = SopVersion.objects.get()
        preview = self.client.get(self.upload("arsip-lagi.txt"))
        self.assertContains(preview, "Already stored.")
        self.assertNotContains(preview, 'name="save"')
        self.assertNotContains(preview, 'name="save_draft"')
        self.assertContains(preview, f'<a class="button primary" href="/sop/versions/{version.pk}/">'
                                     "Open the stored version 1</a>", html=True)
        self.assertContains(preview, 'name="cancel"')  # discarding the upload is still offered
        self.assertNotContains(preview, "then save.")  # nor told to save

        response = self.save(open_before, None)
        self.assertContains(response, "Nothing was saved: this document is stored already", count=1, status_code=400)
        self.assertContains(response, "is already stored as version 1", count=1, status_code=400)
        self.assertEqual(SopVersion.objects.count(), 1)
