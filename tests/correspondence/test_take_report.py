"""A compiled performance report goes up for initials and signing as a document version."""

from __future__ import annotations

from django.core.files.base import ContentFile

from kinerja.correspondence import actions
from kinerja.correspondence.models import Document
from kinerja.errors import KinerjaError, NotAllowed
from kinerja.performance.models import ReportVersion
from kinerja.workflow import actions as wf

from .helpers import CorrespondenceTestCase, pdf_upload, small_pdf
from .test_workflow_link import SeedSopTestCase


class TakeReportTestCase(CorrespondenceTestCase):
    def compiled(self, number: int, text: str) -> ReportVersion:
        content = small_pdf(text)
        report = ReportVersion(office=self.office, year=2025, quarter=1, number=number, created_by=self.subsection_head,
                               sha256=actions.sha256(content))
        report.pdf.save(f"data-kinerja-v{number}.pdf", ContentFile(content), save=False)
        report.save()
        return report

    def test_it_becomes_version_1_of_the_periods_document(self) -> None:
        report = self.compiled(1, "Data v1")
        version = actions.take_report(report.pk, user=self.subsection_head)
        self.assertEqual(version.document.title, "Data Kinerja Triwulan I 2025")
        self.assertEqual((version.version, version.sha256, version.source), (1, report.sha256, report))
        self.assertEqual(actions.take_report(report.pk, user=self.subsection_head), version)

    def test_a_newer_compilation_is_the_next_version_and_old_initials_stop_counting(self) -> None:
        first = actions.take_report(self.compiled(1, "Data v1").pk, user=self.subsection_head)
        actions.initial_version(first.pk, user=self.subsection_head)
        second = actions.take_report(self.compiled(2, "Data v2").pk, user=self.subsection_head)
        self.assertEqual((second.document_id, second.version), (first.document_id, 2))
        self.assertEqual(len(actions.missing_initials(second)), 2)
        self.assertEqual(Document.objects.count(), 1)

    def test_a_compiled_document_takes_no_uploaded_pdf_as_a_new_version(self) -> None:
        version = actions.take_report(self.compiled(1, "Data v1").pk, user=self.subsection_head)
        with self.assertRaisesMessage(KinerjaError, "is a compiled report"):
            actions.add_version(version.document_id, user=self.subsection_head, content=small_pdf("Diedit"))
        self.client.force_login(self.subsection_head)
        response = self.client.get(f"/documents/{version.document_id}/")
        self.assertNotContains(response, "Unggah versi baru")
        self.assertContains(response, "Versi baru berasal dari penyusunan ulang laporan")
        self.client.post(f"/documents/{version.document_id}/upload/", {
            "file": pdf_upload("diedit.pdf", small_pdf("Diedit")), "note": "Salah ketik"})
        self.assertEqual(version.document.versions.count(), 1)

    def test_it_is_one_transaction(self) -> None:
        # A failure after the document is made leaves no document: take_report is atomic (a helper's edit had
        # slid a new function in between it and its decorators, and on PostgreSQL its row lock then failed
        # outside a transaction).
        from unittest import mock

        real = actions.create_document

        def made_then_failed(*args, **kwargs):  # type: ignore[no-untyped-def]
            real(*args, **kwargs)
            raise KinerjaError("the disk is full")

        report = self.compiled(1, "Data v1")
        with mock.patch.object(actions, "create_document", made_then_failed), \
                self.assertRaisesMessage(KinerjaError, "the disk is full"):
            actions.take_report(report.pk, user=self.subsection_head)
        self.assertFalse(Document.objects.filter(kind=Document.Kind.PERFORMANCE_DATA).exists())

    def test_staff_may_not_put_it_up(self) -> None:
        with self.assertRaises(NotAllowed):
            actions.take_report(self.compiled(1, "Data v1").pk, user=self.contacts[0])

    def test_the_documents_page_offers_it_and_the_button_takes_it(self) -> None:
        report = self.compiled(1, "Data v1")
        self.client.force_login(self.subsection_head)
        self.assertContains(self.client.get("/documents/"), f"/documents/from-report/{report.pk}/")
        response = self.client.post(f"/documents/from-report/{report.pk}/")
        document = Document.objects.get()
        self.assertRedirects(response, f"/documents/{document.pk}/")


class CaseStartedWithoutLetterTestCase(SeedSopTestCase):
    """A new office starts its case on the Pelaksanaan SOP page, with no head's letter registered: the Data
    Kinerja of the case's period joins that case all the same, so the initials and the signature complete
    its steps (and the steps wait for them) as they do for a case started by a letter."""

    def compiled(self) -> ReportVersion:
        content = small_pdf("Data v1")
        report = ReportVersion(office=self.office, year=2025, quarter=1, number=1, created_by=self.subsection_head,
                               sha256=actions.sha256(content))
        report.pdf.save("data-kinerja-v1.pdf", ContentFile(content), save=False)
        report.save()
        return report

    def test_the_periods_document_joins_the_one_running_case_of_that_period(self) -> None:
        case = wf.start_case(self.version.pk, user=self.secretary, title="Laporan Capaian Kinerja TW I",
                             period="TW 1 2025")
        wf.start_case(self.version.pk, user=self.secretary, title="Data Kinerja Triwulan II", period="Triwulan II 2025")
        version = actions.take_report(self.compiled().pk, user=self.subsection_head)
        self.assertEqual(version.document.case_id, case.pk)
        self.client.force_login(self.subsection_head)
        self.assertContains(self.client.get(f"/cases/{case.pk}/"), f'href="/documents/{version.document_id}/"')
