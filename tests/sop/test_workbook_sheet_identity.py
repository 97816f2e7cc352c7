"""What was imported from a workbook is one sheet of it, not the whole file: two sheets of one workbook that
are two versions of one SOP are both saved, one after the other, and the sheet list marks each right;
the same sheet of the same file is refused, naming both, and its preview says so before saving; versions
stored before sheets were recorded get theirs from their stored file (migration 0008), and one file of one
SOP is still recognised. The sheet list asks as many queries for five sheets as for two."""

from __future__ import annotations

import importlib
import tempfile
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.errors import KinerjaError
from kinerja.sop import actions
from kinerja.sop.models import Sop, SopVersion
from tests.base import KinerjaTestCase

from .documents import sop_text, sop_workbook
from .test_import_workbook_sops import ARSIP
from .test_workbook_upload import WorkbookUploads

pytestmark = pytest.mark.usefixtures("english")

NUMBER = "800/01/SOP/2025"
# Version 2 of ARSIP's SOP: the JFU's step takes longer, and the Kasubbag checks the filing.
ARSIP_2 = sop_text(["Kasubbag", "JFU"], [("Menerima berkas", "1 jam", "Kasubbag"), ("Mengarsipkan berkas", "3 jam", "JFU"),
                                         ("Memeriksa arsip", "30 menit", "Kasubbag")],
                   name="PENGARSIPAN BERKAS", number=NUMBER)


def two_versions(folder: Path) -> Path:
    return sop_workbook(folder / "arsip-dua-versi.xlsx", [("Versi 1", ARSIP), ("Versi 2", ARSIP_2)])


class TwoVersionsInOneWorkbookTestCase(WorkbookUploads, KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.path = two_versions(Path(tempfile.mkdtemp()))
        self.client.force_login(self.subsection_head)
        self.client.post("/language/", {"language": "en"})

    def states(self, preview_url: str) -> dict[str, tuple[bool, bool, SopVersion | None, SopVersion | None]]:
        """Each sheet as the list marks it: saved from this upload, already stored from this file, the
        version it was stored as, and the latest version of its SOP."""
        sheets = self.client.get(preview_url).context["workbook"].sheets
        return {s.listed.sheet: (s.saved is not None, s.same_file, s.saved or s.from_file, s.stored) for s in sheets}

    def test_both_versions_are_saved_one_after_the_other(self) -> None:
        preview_url = self.upload("arsip-dua-versi.xlsx")
        saved = self.save(preview_url, "Versi 1")
        v1 = SopVersion.objects.get()
        # Both sheets hold an SOP of one name: the offer of the next says which sheet it is.
        self.assertContains(self.client.get(saved["Location"]), f'href="{preview_url}?sheet=Versi%202">Check the next '
                                                                "SOP: PENGARSIPAN BERKAS (sheet “Versi 2”)</a>")
        self.assertEqual((v1.version, v1.source_sheet, v1.source_name), (1, "Versi 1", "arsip-dua-versi.xlsx"))
        # Versi 2 is not "already stored from this file": saving it adds version 2.
        self.assertEqual(self.states(preview_url), {"Versi 1": (True, True, v1, v1), "Versi 2": (False, False, None, v1)})
        listing = self.client.get(preview_url)
        self.assertNotContains(listing, "Already stored from this file")
        self.assertContains(listing, "; saving adds version 2")
        self.assertContains(listing, f'href="{preview_url}?sheet=Versi%202"')

        response = self.save(preview_url, "Versi 2")
        v2 = SopVersion.objects.get(version=2)
        self.assertRedirects(response, f"/sop/versions/{v2.pk}/compare/", fetch_redirect_response=False)
        self.assertEqual((v2.sop_id, v2.source_sheet, v2.source_sha256), (v1.sop_id, "Versi 2", v1.source_sha256))
        self.assertEqual(v2.steps.count(), 3)

        # The same workbook uploaded again: each sheet is already stored from it, as its own version.
        again = self.upload("arsip-dua-versi.xlsx")
        self.assertEqual(self.states(again), {"Versi 1": (False, True, v1, v2), "Versi 2": (False, True, v2, v2)})
        listing = self.client.get(again)
        self.assertContains(listing, "Already stored from this file", count=2)
        self.assertContains(listing, f'<a href="/sop/versions/{v1.pk}/">version 1</a>', html=True)
        self.assertNotContains(listing, "Check this SOP")

    def test_the_same_sheet_twice_is_refused_naming_the_file_and_the_sheet(self) -> None:
        preview_url = self.upload("arsip-dua-versi.xlsx")
        self.save(preview_url, "Versi 1")
        # A second upload of the same workbook, and Versi 1 saved again from it (its address typed by hand).
        response = self.save(self.upload("arsip-dua-versi.xlsx"), "Versi 1")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Sheet “Versi 1” of arsip-dua-versi.xlsx is already stored as version 1 of "
                                      "“PENGARSIPAN BERKAS”.", status_code=400)
        self.assertEqual(SopVersion.objects.count(), 1)

    def test_the_preview_of_a_sheet_already_stored_says_so_before_saving(self) -> None:
        self.save(self.upload("arsip-dua-versi.xlsx"), "Versi 1")
        v1 = SopVersion.objects.get()
        again = self.upload("arsip-dua-versi.xlsx")
        preview = self.client.get(f"{again}?sheet=Versi%201")
        self.assertContains(preview, "Already stored.")
        self.assertContains(preview, "Sheet “Versi 1” of arsip-dua-versi.xlsx is already stored as version 1 of "
                                     "“PENGARSIPAN BERKAS”.", count=1)
        self.assertContains(preview, f'<a href="/sop/versions/{v1.pk}/">Open version 1</a>', html=True)
        self.assertContains(preview, "Saving it again will be refused")
        self.assertNotContains(preview, "Saving puts this version in force")
        # The other sheet is another version: nothing to say.
        other = self.client.get(f"{again}?sheet=Versi%202")
        self.assertNotContains(other, "Already stored.")
        self.assertContains(other, "Saving puts this version in force")
        # Saving is still refused, the reason said once.
        response = self.save(again, "Versi 1")
        self.assertContains(response, "is already stored as version 1", count=1, status_code=400)
        self.assertEqual(SopVersion.objects.count(), 1)

    def test_the_preview_of_a_document_already_stored_says_so_before_saving(self) -> None:
        text = ARSIP.encode()
        self.save(self.upload("arsip.txt", text), None)
        version = SopVersion.objects.get()
        preview = self.client.get(self.upload("arsip-lagi.txt", text))
        self.assertContains(preview, "Already stored.")
        self.assertContains(preview, "This document is already stored as version 1 of “PENGARSIPAN BERKAS”.")
        self.assertContains(preview, f'<a href="/sop/versions/{version.pk}/">Open version 1</a>', html=True)
        self.assertNotContains(preview, "This document becomes a new version")
        # Other bytes of the same SOP are its next version.
        changed = self.client.get(self.upload("arsip-2.txt", ARSIP_2.encode()))
        self.assertNotContains(changed, "Already stored.")
        self.assertContains(changed, "This document becomes a new version of an SOP already stored")

    def test_the_import_action_refuses_the_same_sheet_and_takes_the_other(self) -> None:
        v1 = actions.import_sop(self.path, office=self.office, user=None, sheet="Versi 1")
        with self.assertRaisesMessage(KinerjaError, "Sheet “Versi 1” of arsip-dua-versi.xlsx is already stored as "
                                                    "version 1 of “PENGARSIPAN BERKAS”."):
            actions.import_sop(self.path, office=self.office, user=None, sheet="Versi 1")
        v2 = actions.import_sop(self.path, office=self.office, user=None, sheet="Versi 2")
        self.assertEqual((v2.sop_id, v2.version), (v1.sop_id, 2))
        # Versi 1 again after version 2: still the same sheet of the same file.
        with self.assertRaisesMessage(KinerjaError, "Sheet “Versi 1” of arsip-dua-versi.xlsx is already stored"):
            actions.import_sop(self.path, office=self.office, user=None, sheet="Versi 1")
        self.assertEqual(SopVersion.objects.count(), 2)


class VersionsStoredBeforeSheetsWereRecordedTestCase(KinerjaTestCase):
    def record_sheets(self) -> None:
        migration = importlib.import_module("kinerja.sop.migrations.0008_sopversion_source_sheet")
        migration.record_sheets(apps, None)

    def test_the_migration_reads_their_sheet_from_the_stored_file(self) -> None:
        path = two_versions(Path(tempfile.mkdtemp()))
        v1 = actions.import_sop(path, office=self.office, user=None, sheet="Versi 1")
        v2 = actions.import_sop(path, office=self.office, user=None, sheet="Versi 2")
        other = sop_workbook(Path(tempfile.mkdtemp()) / "lain.xlsx", [("Arsip", ARSIP_2.replace(NUMBER, "800/09")),
                                                                      ("Surat", ARSIP.replace(NUMBER, "800/10"))])
        surat = actions.import_sop(other, office=self.office, user=None, sheet="Surat")
        SopVersion.objects.update(source_sheet="")  # as stored before
        self.record_sheets()
        # Of the two sheets holding Nomor 800/01, each version's steps tell its own.
        self.assertEqual([SopVersion.objects.get(pk=v.pk).source_sheet for v in (v1, v2, surat)],
                         ["Versi 1", "Versi 2", "Surat"])

    def test_a_file_of_one_sop_is_still_recognised(self) -> None:
        folder = Path(tempfile.mkdtemp())
        path = sop_workbook(folder / "arsip.xlsx", [("Sheet1", ARSIP)])
        actions.import_sop(path, office=self.office, user=None)
        self.record_sheets()
        self.assertEqual(SopVersion.objects.get().source_sheet, "")
        with self.assertRaisesMessage(KinerjaError, "This document is already stored as version 1"):
            actions.import_sop(path, office=self.office, user=None)
        # Named by its sheet (the command line's --sheet), it is the same document.
        with self.assertRaisesMessage(KinerjaError, "already stored as version 1"):
            actions.import_sop(path, office=self.office, user=None, sheet="Sheet1")


class SheetListQueriesTestCase(WorkbookUploads, KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.subsection_head)

    def list_queries(self, count: int) -> int:
        """The queries of the sheet list of a workbook of `count` SOPs, one saved from this upload and each
        of the others a version of an SOP kinerja holds."""
        folder = Path(tempfile.mkdtemp())
        numbers = [f"800/{count}{i}/SOP/2025" for i in range(count)]
        self.path = sop_workbook(folder / f"sop-{count}.xlsx", [
            (f"SOP {i + 1}", ARSIP.replace(NUMBER, n).replace("PENGARSIPAN BERKAS", f"SOP {count}-{i}"))
            for i, n in enumerate(numbers)])
        for i, n in enumerate(numbers[1:], start=1):
            sop = Sop.objects.create(office=self.office, number=n, name=f"SOP {count}-{i}")
            SopVersion.objects.create(sop=sop, version=1, name=sop.name, number=n)
        preview_url = self.upload(self.path.name)
        self.save(preview_url, "SOP 1")
        with CaptureQueriesContext(connection) as queries:
            listing = self.client.get(preview_url)
        self.assertEqual(len(listing.context["workbook"].sheets), count)
        self.assertEqual(sum(s.stored is not None for s in listing.context["workbook"].sheets), count)
        return len(queries)

    def test_the_sheet_list_asks_as_many_queries_for_five_sheets_as_for_two(self) -> None:
        # The session, the user, their person and assignments (office_or_404), may_manage's one query (their
        # assignments with who acts for them: manage_power; it was two, roles and positions); the versions saved
        # from this upload, the SOPs of the sheets, the latest version of each, those stored from this file;
        # the page frame's assignments.
        two = self.list_queries(2)
        self.assertEqual(self.list_queries(5), two)
        self.assertEqual(two, 9)
