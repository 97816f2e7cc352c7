"""A stored file whose row is in the database but whose file is gone from the data directory (a partial
restore, a disk cleaned by hand): the page that opens it names the file and what to do, in Indonesian and in
kinerja's frame, instead of a server error (letters' scans) or the bare "page does not exist" (evidence)."""

from __future__ import annotations

from pathlib import Path

from django.test import RequestFactory

from kinerja.performance.models import Objective
from kinerja.web.middleware import MissingFileMiddleware
from tests.base import KinerjaTestCase
from tests.correspondence.helpers import CorrespondenceTestCase
from tests.performance.test_report_build import actual, add_indicator
from tests.performance.test_report_evidence import evidence

SAID = "tercatat di kinerja, tetapi tidak ada lagi di penyimpanan server. Tidak ada yang diubah."


class MissingEvidenceTestCase(KinerjaTestCase):
    def test_evidence_gone_from_the_disk_is_named(self) -> None:
        objective = Objective.objects.create(office=self.office, code="S1", name="Meningkatnya kualitas koperasi",
                                             order=1, plan_start_year=2021, plan_end_year=2026)
        indicator = add_indicator(objective, "IK-01", "Persentase koperasi aktif")
        found = evidence(actual(indicator, 2025, 72), "ba-rat-2025.pdf", sha256="cd" * 32)  # no file written
        self.client.force_login(self.subsection_head)
        with self.assertLogs("kinerja", "ERROR") as logged:
            response = self.client.get(f"/data/evidence/{found.pk}/")
        self.assertContains(response, "Berkas tidak ditemukan", status_code=404)
        self.assertContains(response, f"Berkas {'cd' * 32}.pdf {SAID}", status_code=404)
        self.assertContains(response, "kinerja backup restore", status_code=404)
        self.assertContains(response, self.office.short_name, status_code=404)  # in the frame
        self.assertIn(f"evidence/x/{'cd' * 32}.pdf", logged.output[0])


class MissingScanTestCase(CorrespondenceTestCase):
    def test_a_letters_scan_gone_from_the_disk_is_named(self) -> None:
        letter = self.register()
        Path(letter.scan.path).unlink()
        self.client.force_login(self.secretary)
        with self.assertLogs("kinerja", "ERROR"):
            response = self.client.get(f"/letters/{letter.pk}/scan.pdf")
        self.assertContains(response, f"Berkas {Path(letter.scan.name).name} {SAID}", status_code=404)

    def test_a_documents_version_gone_from_the_disk_is_named_when_printed(self) -> None:
        from kinerja.correspondence import actions
        from kinerja.correspondence.models import Document
        from tests.correspondence.helpers import small_pdf

        version = actions.create_document(self.office, user=self.staff, kind=Document.Kind.OTHER,
                                          title="Nota Dinas Rapat", content=small_pdf("Draf 1"))
        Path(version.file.path).unlink()
        self.client.force_login(self.staff)
        with self.assertLogs("kinerja", "ERROR"):
            response = self.client.get(f"/documents/versions/{version.pk}.pdf")
        self.assertContains(response, f"Berkas {Path(version.file.name).name} {SAID}", status_code=404)


class OtherMissingFilesTestCase(KinerjaTestCase):
    def test_a_missing_file_outside_the_stored_files_stays_an_error(self) -> None:
        request = RequestFactory().get("/")
        middleware = MissingFileMiddleware(lambda r: None)  # type: ignore[arg-type,return-value]
        self.assertIsNone(middleware.process_exception(request, FileNotFoundError(2, "No such file",
                                                                                   "/usr/lib/kinerja-nothing")))
        self.assertIsNone(middleware.process_exception(request, FileNotFoundError("no filename")))
        self.assertIsNone(middleware.process_exception(request, ValueError("other")))
