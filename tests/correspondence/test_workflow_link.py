"""The correspondence seam to the workflow engine: the head's letter starts a case of the seed SOP,
the disposition completes step 1 and opens step 2 for the Kasubbag, the initials and the signature
complete the steps whose actor gives them."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.utils import translation

from kinerja.correspondence import actions
from kinerja.correspondence.models import Document, DocumentVersion, Initial, Letter, RegisterSettings, Signature
from kinerja.errors import KinerjaError
from kinerja.performance.models import Actual, Indicator, Objective
from kinerja.performance.report import compile_report
from kinerja.sop import demo as sop_demo
from kinerja.sop.models import SopVersion
from kinerja.workflow.models import Case, Task
from tests.base import PASSWORD

from .helpers import CorrespondenceTestCase, pdf_upload
from .test_signing import url_for

# What initials and the signature say when the data changed after the compilation of the first quarter.
CHANGED = "changed after Data Kinerja s.d. Triwulan I 2025 v1 was compiled (IK-01)"


class SeedSopTestCase(CorrespondenceTestCase):
    """The office with the seed SOP in force as its data collection SOP (no tests of its own)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        sop_demo.load(cls.office)
        cls.version = SopVersion.objects.get(sop__office=cls.office, status=SopVersion.Status.IN_FORCE)
        RegisterSettings.objects.update_or_create(office=cls.office, defaults={"data_collection_sop": cls.version.sop})

    def post_letter(self, kind: str = "data_collection", period: str = "Triwulan I 2025") -> Letter:
        self.client.force_login(self.secretary)
        self.client.post("/letters/new/", {
            "kind": kind, "number": "005/12/III.07/2025", "letter_date": "2025-03-20",
            "sender": "Kepala Dinas Koperasi dan UKM", "subject": "Penyusunan Data Kinerja Triwulan I 2025",
            "received_on": "2025-03-21", "period": period, "scan": pdf_upload()})
        return Letter.objects.get()


class WorkflowLinkTestCase(SeedSopTestCase):
    def test_the_heads_letter_starts_a_case_and_the_disposition_completes_step_1(self) -> None:
        letter = self.post_letter()
        case = Case.objects.get(pk=letter.case_id)
        self.assertEqual((case.period, case.sop_version), ("Triwulan I 2025", self.version))
        self.assertEqual(case.tasks.get(status=Task.Status.OPEN).step.number, 1)
        self.assertContains(self.client.get(f"/letters/{letter.pk}/"), f'href="/cases/{case.pk}/"')
        response = self.client.post(f"/letters/{letter.pk}/dispose/", {
            "recipients": [self.positions["subsection_head"].pk], "instructions": ["follow_up"],
            "disposed_on": "2025-03-21"}, follow=True)
        self.assertContains(response, "Langkah 1 pelaksanaan SOP selesai")
        open_task = case.tasks.get(status=Task.Status.OPEN)
        self.assertEqual((open_task.step.number, open_task.position), (2, self.positions["subsection_head"]))

    def test_a_letter_on_a_period_whose_case_runs_already_joins_that_case(self) -> None:
        from kinerja.workflow import actions as wf
        from tests.workflow.base import START

        running = wf.start_case(self.version.pk, user=self.secretary, title="Data Kinerja TW I (dimulai manual)",
                                period="TW 1 2025", at=START)
        self.client.force_login(self.secretary)
        response = self.client.post("/letters/new/", {
            "kind": "data_collection", "number": "005/12/III.07/2025", "letter_date": "2025-03-20",
            "sender": "Kepala Dinas Koperasi dan UKM", "subject": "Penyusunan Data Kinerja Triwulan I 2025",
            "received_on": "2025-03-21", "period": "Triwulan I 2025", "scan": pdf_upload()}, follow=True)
        letter = Letter.objects.get()
        self.assertEqual(letter.case_id, running.pk)
        self.assertEqual(Case.objects.count(), 1)
        self.assertContains(response, f"ditautkan ke pelaksanaan yang sudah berjalan untuk periodenya, no. {running.pk}")

    def test_the_period_as_offices_write_it_links_the_compiled_data_to_the_case(self) -> None:
        from kinerja.performance.report import compile_report

        letter = self.post_letter(period="  tw 1  tahun 2025 ")
        self.assertEqual(letter.period, "Triwulan I 2025")
        self.assertEqual(Case.objects.get(pk=letter.case_id).period, "Triwulan I 2025")
        version = actions.take_report(compile_report(self.office, 2025, 1, user=self.subsection_head).pk,
                                      user=self.subsection_head)
        self.assertEqual(version.document.case_id, letter.case_id)

    def test_other_ways_of_writing_a_period(self) -> None:
        for typed, period in (("Triwulan III 2025", "Triwulan III 2025"), ("TRIWULAN iv Tahun 2025", "Triwulan IV 2025"),
                              ("Trw. 2/2025", "Triwulan II 2025"), ("Tahun 2025", "Tahun 2025"),
                              ("2025", "Tahun 2025"), ("Tahun Anggaran 2025", "Tahun 2025")):
            self.assertEqual(actions.data_period(typed), period, typed)

    def test_a_data_collection_letter_needs_a_period_kinerja_can_read(self) -> None:
        self.client.force_login(self.secretary)
        for typed, message in (("", "Periode yang diminta: surat pengumpulan data memerlukan periode yang diminta, "
                                    "mis. Triwulan I 2025 atau Tahun 2025."),
                               ("Semester 1 2025", "Periode yang diminta: Semester 1 2025 tidak dikenali; tulis mis. "
                                                   "Triwulan I 2025 atau Tahun 2025.")):
            response = self.client.post("/letters/new/", {
                "kind": "data_collection", "number": "005/12/III.07/2025", "letter_date": "2025-03-20",
                "sender": "Kepala Dinas Koperasi dan UKM", "subject": "Penyusunan Data Kinerja",
                "received_on": "2025-03-21", "period": typed, "scan": pdf_upload()})
            html = response.content.decode()
            self.assertEqual(html.count(message), 1, typed)
            self.assertLess(html.index('id="id_period"'), html.index(message))
        self.assertFalse(Letter.objects.exists())
        self.assertFalse(Case.objects.exists())

    def test_a_general_letter_starts_no_case(self) -> None:
        self.assertIsNone(self.post_letter("general").case_id)
        self.assertFalse(Case.objects.exists())

    def test_initials_and_signature_complete_the_steps_of_their_actors(self) -> None:
        from kinerja.correspondence.workflow_link import document_signed, initial_done
        from kinerja.workflow import actions as wf
        from tests.base import PASSWORD

        from .helpers import small_pdf
        from .test_signing import url_for

        case = Case.objects.get(pk=self.post_letter().case_id)
        performers = {1: self.secretary, 2: self.subsection_head, 3: self.staff}
        for number in (1, 2, 3):
            task = case.tasks.get(status=Task.Status.OPEN)
            self.assertEqual(task.step.number, number)
            wf.complete_task(task.pk, user=performers[number])
        version = actions.create_document(self.office, user=self.staff, kind=Document.Kind.PERFORMANCE_DATA,
                                          title="Data Kinerja Triwulan I 2025", content=small_pdf("Data"),
                                          case_id=case.pk)
        initial_done(actions.initial_version(version.pk, user=self.subsection_head), user=self.subsection_head)
        self.assertEqual(case.tasks.get(status=Task.Status.OPEN).step.number, 5)
        initial_done(actions.initial_version(version.pk, user=self.secretary), user=self.secretary)
        self.assertEqual(case.tasks.get(status=Task.Status.OPEN).step.number, 6)
        signature = actions.sign_version(version.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)
        with translation.override("en"):
            self.assertEqual(document_signed(signature, user=self.head), ["Step 6 of the case is complete."])
        self.assertFalse(case.tasks.filter(status=Task.Status.OPEN).exists())


class SeedSopEndToEndTestCase(SeedSopTestCase):
    """The seed SOP from the head's letter to the signed Data Kinerja, every step by its actor."""

    def test_the_seed_sop_runs_from_the_letter_to_a_verified_signature(self) -> None:
        import datetime as dt
        from decimal import Decimal

        from django.utils import timezone

        from kinerja.correspondence.verification import verify_pdf
        from kinerja.correspondence.workflow_link import document_signed, initial_done
        from kinerja.org.models import Unit
        from kinerja.performance import actions as perf
        from kinerja.performance.models import Actual, Indicator, Objective, Target
        from kinerja.performance.report import compile_report
        from kinerja.performance.requests import ActualEntry, answer_with_actuals
        from kinerja.workflow import actions as wf
        from tests.base import PASSWORD

        from .test_signing import url_for

        letter = self.post_letter()
        self.client.post(f"/letters/{letter.pk}/dispose/", {
            "recipients": [self.positions["subsection_head"].pk], "instructions": ["follow_up"],
            "disposed_on": "2025-03-21"})
        case = Case.objects.get(pk=letter.case_id)
        wf.complete_task(case.tasks.get(status=Task.Status.OPEN).pk, user=self.subsection_head, note="Ke JFU")
        step3 = case.tasks.get(status=Task.Status.OPEN)
        divisions = list(Unit.objects.filter(office=self.office, kind=Unit.Kind.DIVISION).order_by("pk"))
        requests = wf.send_division_requests(step3.pk, user=self.staff, divisions=divisions, what="Realisasi TW I",
                                             due_at=timezone.now() + dt.timedelta(days=5))
        # Each division answers with its indicator's actual of Triwulan I 2025 (the case's period).
        objective = Objective.objects.create(office=self.office, code="S1", name="Koperasi dan UMKM tumbuh",
                                             plan_start_year=2025, plan_end_year=2029)
        for i, (request, contact) in enumerate(zip(requests, self.contacts, strict=True)):
            indicator = Indicator.objects.create(office=self.office, objective=objective, code=f"IK-0{i + 1}",
                                                 name=f"Indikator {request.division.name}", unit="unit", order=i,
                                                 division=request.division)
            Target.objects.create(indicator=indicator, year=2025, kind="quarter", quarter=1, value_number=Decimal(400))
            answer_with_actuals(request.pk, user=contact, note="Data terlampir",
                                entries=[ActualEntry(indicator.pk, f"{380 + i * 10}")])
        wf.complete_task(step3.pk, user=self.staff, note="Data semua bidang terkumpul")
        for actual in Actual.objects.filter(status=Actual.Status.SUBMITTED):
            perf.check_actual(actual.pk, user=self.subsection_head)

        report = compile_report(self.office, 2025, 1, user=self.subsection_head)
        self.assertEqual([(i["code"], i["actual"], i["achievement"]) for i in report.data["indicators"]],
                         [("IK-01", 380, 95.0), ("IK-02", 390, 97.5), ("IK-03", 400, 100.0), ("IK-04", 410, 102.5)])
        version = actions.take_report(report.pk, user=self.subsection_head)
        self.assertEqual(version.document.case_id, case.pk)
        initial_done(actions.initial_version(version.pk, user=self.subsection_head), user=self.subsection_head)
        initial_done(actions.initial_version(version.pk, user=self.secretary), user=self.secretary)
        signature = actions.sign_version(version.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)
        document_signed(signature, user=self.head)

        self.assertEqual(list(case.tasks.filter(status=Task.Status.DONE).values_list("step__number", flat=True)
                              .order_by("step__number")), [1, 2, 3, 4, 5, 6])
        self.assertTrue(verify_pdf(signature.file.read()).valid)
        self.assertEqual(set(Actual.objects.values_list("status", flat=True)), {Actual.Status.LOCKED})
        # The finished case's page still leads to its figures, but lists nothing more to compile or put up.
        self.assertEqual(Case.objects.get(pk=case.pk).status, Case.Status.DONE)
        self.client.force_login(self.subsection_head)
        page = self.client.get(f"/cases/{case.pk}/").content.decode()
        self.assertIn('href="/data/check/?year=2025', page)
        self.assertNotIn("#compile", page)
        self.assertNotIn("#compiled-reports", page)


class SignedReportLocksActualsTestCase(CorrespondenceTestCase):
    def indicator(self) -> Indicator:
        objective = Objective.objects.create(office=self.office, code="S1", name="Koperasi sehat",
                                             plan_start_year=2025, plan_end_year=2029)
        return Indicator.objects.create(office=self.office, objective=objective, code="IK-01",
                                        name="Persentase koperasi aktif", unit="%")

    def checked(self, indicator: Indicator, quarter: int, value: str) -> Actual:
        return Actual.objects.create(indicator=indicator, year=2025, quarter=quarter, value_number=Decimal(value),
                                     status=Actual.Status.CHECKED)

    def initialled(self) -> DocumentVersion:
        """The first quarter's Data Kinerja compiled, put up and initialled by the Kasubbag and the Sekretaris."""
        version = actions.take_report(compile_report(self.office, 2025, 1, user=self.subsection_head).pk,
                                      user=self.subsection_head)
        actions.initial_version(version.pk, user=self.subsection_head)
        actions.initial_version(version.pk, user=self.secretary)
        return version

    def test_signing_the_compiled_report_locks_the_checked_actuals_of_its_period(self) -> None:
        indicator = self.indicator()
        checked, next_quarter = self.checked(indicator, 1, "72.5"), self.checked(indicator, 2, "75")
        version = self.initialled()
        checked.refresh_from_db()
        self.assertEqual(checked.status, Actual.Status.CHECKED)  # initials alone lock nothing

        actions.sign_version(version.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)
        checked.refresh_from_db()
        next_quarter.refresh_from_db()
        self.assertEqual(checked.status, Actual.Status.LOCKED)
        self.assertEqual(next_quarter.status, Actual.Status.CHECKED)

    def test_it_refuses_initials_on_a_compilation_whose_data_changed_since(self) -> None:
        indicator = self.indicator()
        version = actions.take_report(compile_report(self.office, 2025, 1, user=self.subsection_head).pk,
                                      user=self.subsection_head)
        self.checked(indicator, 1, "72.5")
        with self.assertRaisesMessage(KinerjaError, CHANGED):
            actions.initial_version(version.pk, user=self.subsection_head)
        self.assertFalse(Initial.objects.exists())
        self.client.force_login(self.subsection_head)
        response = self.client.get(f"/documents/{version.document_id}/")
        self.assertContains(response, "Data kinerja berubah setelah Data Kinerja s.d. Triwulan I 2025 v1 disusun "
                            '(<span class="perf-code">IK-01</span>).')
        self.assertNotContains(response, "Paraf versi 1")

    def test_a_bukti_dukung_file_added_since_the_compilation_stops_the_initials(self) -> None:
        from django.core.files.base import ContentFile

        from kinerja.performance.models import Evidence

        actual = self.checked(self.indicator(), 1, "72.5")
        version = actions.take_report(compile_report(self.office, 2025, 1, user=self.subsection_head).pk,
                                      user=self.subsection_head)
        # A file attached afterwards (while the actual was sent back and checked again): the annex is stale.
        data = b"%PDF-1.4 bukti dukung"
        evidence = Evidence(actual=actual, original_name="bukti.pdf", content_type="application/pdf", size=len(data),
                            sha256=hashlib.sha256(data).hexdigest(), uploaded_by=self.staff)
        evidence.file.save("bukti.pdf", ContentFile(data), save=True)
        with self.assertRaisesMessage(KinerjaError, CHANGED):
            actions.initial_version(version.pk, user=self.subsection_head)
        self.assertFalse(Initial.objects.exists())

    def test_it_refuses_to_sign_a_compilation_whose_data_changed_since_and_locks_nothing(self) -> None:
        actual = self.checked(self.indicator(), 1, "72.5")
        version = self.initialled()
        # After the initials the Kasubbag corrects the value: the compilation shows 72.5, the data says 80.
        Actual.objects.filter(pk=actual.pk).update(value_number=Decimal("80"))

        with self.assertRaisesMessage(actions.SigningRefused, CHANGED):
            actions.sign_version(version.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)
        self.client.force_login(self.head)  # the page says so before anyone tries
        self.assertContains(self.client.get(f"/documents/{version.document_id}/"),
                            "Data kinerja berubah setelah Data Kinerja s.d. Triwulan I 2025 v1 disusun "
                            '(<span class="perf-code">IK-01</span>).')
        actual.refresh_from_db()
        self.assertEqual(actual.status, Actual.Status.CHECKED)
        self.assertFalse(Signature.objects.exists())

        newer = self.initialled()
        actions.sign_version(newer.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)
        actual.refresh_from_db()
        self.assertEqual((actual.status, actual.value_number), (Actual.Status.LOCKED, Decimal("80")))


class CaseRecordsTestCase(SeedSopTestCase):
    def test_the_case_page_lists_its_letter_and_documents_with_where_they_stand(self) -> None:
        """Steps 4-6 are completed by initialling and signing the compiled data on its own page: the case
        page leads there (it named neither the letter nor the document)."""
        letter = self.post_letter()
        self.client.force_login(self.subsection_head)
        page = self.client.get(f"/cases/{letter.case_id}/").content.decode()
        self.assertIn(f'<a href="/letters/{letter.pk}/">Surat 005/12/III.07/2025: Penyusunan Data Kinerja', page)
        self.assertNotRegex(page, r'href="/documents/\d')
        # Before the compilation is put up, the case leads to where it is put up (signoff.case_records).
        self.assertIn('href="/documents/#compiled-reports"', page)
        # Its figures: those that hold up the period's report, as many as the link's note counts.
        self.assertIn('href="/data/check/?year=2025&amp;quarter=1&amp;status=report"', page)
        version = actions.take_report(compile_report(self.office, 2025, 1, user=self.subsection_head).pk,
                                      user=self.subsection_head)
        page = self.client.get(f"/cases/{letter.case_id}/").content.decode()
        self.assertIn(f'<a href="/documents/{version.document_id}/">{version.document.title}</a>', page)
        self.assertIn("versi 1, belum ditandatangani; menunggu paraf Kepala Sub Bagian Program, Keuangan dan Aset, "
                      "Sekretaris Dinas", page)
        self.assertNotIn('href="/documents/#compiled-reports"', page)
