"""The list of documents says where each one stands: whose initials its newest version awaits, the head's
signature, or signed. Every unsigned document said "Draf", even a Data Kinerja with all its initials. A
compilation already put up (the newest version of its document) is not offered again."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.correspondence import actions
from kinerja.correspondence.models import Document, DocumentVersion
from kinerja.performance.models import ReportVersion

from .helpers import CorrespondenceTestCase, small_pdf


class DocumentStagesTestCase(CorrespondenceTestCase):
    def create(self) -> DocumentVersion:
        data = actions.OutgoingInput(kind=Document.Kind.DATA_REQUEST, title="Permintaan Data Realisasi Triwulan I 2025",
                                     addressee="Kepala Bidang UMKM", classification="005", body="Mohon disampaikan.")
        return actions.create_outgoing(self.office, data, user=self.subsection_head)

    def status(self, document_id: int) -> str:
        """The text of the status cell of the document's row, its tags and spacing dropped."""
        import re

        html = self.client.get("/documents/").content.decode()
        row = html[html.index(f'href="/documents/{document_id}/"'):]
        cell = row[row.index('data-label="Status"'):row.index("</tr>")]
        return " ".join(re.sub(r"<[^>]+>", " ", cell.split(">", 1)[1]).split())

    def test_a_draft_then_whose_initials_the_newest_version_awaits_then_the_signature(self) -> None:
        self.client.force_login(self.staff)
        version = self.create()
        self.assertEqual(self.status(version.document_id), "Draf belum diparaf Kasubbag, Sekretaris")
        actions.initial_version(version.pk, user=self.subsection_head)
        self.assertEqual(self.status(version.document_id), "Sedang diparaf belum diparaf Sekretaris")
        actions.initial_version(version.pk, user=self.secretary)
        self.assertEqual(self.status(version.document_id), "Menunggu tanda tangan paraf sudah lengkap")

    def test_initials_on_an_earlier_version_do_not_count(self) -> None:
        self.client.force_login(self.staff)
        version = self.create()
        actions.initial_version(version.pk, user=self.subsection_head)
        actions.initial_version(version.pk, user=self.secretary)
        actions.revise_outgoing(version.document_id, user=self.staff, title="Permintaan Data", body="Isi baru.",
                                addressee="Kepala Bidang UMKM", note="Isi diringkas")
        self.assertEqual(self.status(version.document_id), "Draf belum diparaf Kasubbag, Sekretaris")

    def test_a_document_without_a_version_is_a_draft(self) -> None:
        self.client.force_login(self.staff)
        document = Document.objects.create(office=self.office, kind=Document.Kind.OTHER, title="Konsep",
                                           created_by=self.staff)
        self.assertEqual(self.status(document.pk), "Draf")

    def test_the_list_costs_the_same_queries_for_1_and_20_initialled_documents(self) -> None:
        self.client.force_login(self.staff)
        actions.initial_version(self.create().pk, user=self.subsection_head)
        with CaptureQueriesContext(connection) as one:
            self.client.get("/documents/")
        for _ in range(19):
            version = self.create()
            actions.initial_version(version.pk, user=self.subsection_head)
            actions.initial_version(version.pk, user=self.secretary)
        # session, user, person+office, positions held (nav), documents, their versions, the versions' initials,
        # the required initials, compiled reports, the periods whose Data Kinerja is signed, each period's newest
        # compilation (an older one is outdated: not offered)
        with self.assertNumQueries(11):
            response = self.client.get("/documents/")
        self.assertEqual(len(one.captured_queries), 11)
        self.assertContains(response, "Menunggu tanda tangan", count=19)


class PutUpCompilationTestCase(CorrespondenceTestCase):
    def compiled(self, number: int) -> ReportVersion:
        content = small_pdf(f"Data v{number}")
        report = ReportVersion(office=self.office, year=2025, quarter=1, number=number, created_by=self.subsection_head,
                               sha256=actions.sha256(content))
        report.pdf.save(f"data-kinerja-v{number}.pdf", ContentFile(content), save=False)
        report.save()
        return report

    def offered(self, report: ReportVersion) -> bool:
        return f'action="/documents/from-report/{report.pk}/"' in self.client.get("/documents/").content.decode()

    def test_a_compilation_already_put_up_is_not_offered_again(self) -> None:
        self.client.force_login(self.subsection_head)
        first = self.compiled(1)
        self.assertTrue(self.offered(first))
        version = actions.take_report(first.pk, user=self.subsection_head)
        self.assertFalse(self.offered(first))
        self.assertContains(self.client.get("/documents/"), "Sudah diajukan sebagai versi 1")
        # A newer compilation of the period is offered, as the document's next version; once put up, it is not.
        second = self.compiled(2)
        self.assertTrue(self.offered(second))
        self.assertFalse(self.offered(first))
        actions.take_report(second.pk, user=self.subsection_head)
        self.assertFalse(self.offered(second))
        self.assertContains(self.client.get("/documents/"), "Sudah diajukan sebagai versi 2")
        self.assertEqual(version.document.versions.count(), 2)

    def test_putting_up_again_says_it_is_already_put_up_not_that_it_is_ready_for_initials(self) -> None:
        self.client.force_login(self.subsection_head)
        report = self.compiled(1)
        version = actions.take_report(report.pk, user=self.subsection_head)
        actions.initial_version(version.pk, user=self.subsection_head)
        actions.initial_version(version.pk, user=self.secretary)
        response = self.client.post(f"/documents/from-report/{report.pk}/", follow=True)
        self.assertRedirects(response, f"/documents/{version.document_id}/")
        self.assertContains(response, f"{report} sudah diajukan: penyusunan ini adalah versi 1 dari "
                                      "Data Kinerja Triwulan I 2025.")
        self.assertNotContains(response, "siap diparaf")
        self.assertEqual(version.document.versions.count(), 1)

    def test_a_first_put_up_still_says_ready_for_initials(self) -> None:
        self.client.force_login(self.subsection_head)
        report = self.compiled(1)
        response = self.client.post(f"/documents/from-report/{report.pk}/", follow=True)
        self.assertContains(response, f"{report} menjadi versi 1 dari Data Kinerja Triwulan I 2025, siap diparaf.")
