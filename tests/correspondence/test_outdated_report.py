"""An outdated compilation (a newer one of its period exists, or the data changed after it) is not put up for
initials: the action refuses with why, in an error, rather than saying "ready for initials" over a document whose
page then says it cannot be initialled. The compile page offers "Put up for initials" to whoever may put the new
version up, and the case page says where the Data Kinerja really stands (compiled, put up, whose initials)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.messages import ERROR, WARNING, get_messages
from django.utils import translation

from kinerja.correspondence import actions
from kinerja.correspondence.models import Document
from kinerja.correspondence.workflow_link import case_records, initial_done
from kinerja.errors import KinerjaError
from kinerja.performance.models import Actual, Indicator, Objective, ReportCompilation, ReportVersion
from kinerja.performance.report import compile_report
from kinerja.workflow import actions as wf
from kinerja.workflow.extensions import CompletionHeld
from kinerja.workflow.models import Case, Task

from .test_workflow_link import SeedSopTestCase


class OutdatedBase(SeedSopTestCase):
    def setUp(self) -> None:
        super().setUp()
        objective = Objective.objects.create(office=self.office, code="S1", name="Koperasi sehat",
                                             plan_start_year=2025, plan_end_year=2029)
        self.indicator = Indicator.objects.create(office=self.office, objective=objective, code="IK-01",
                                                  name="Persentase koperasi aktif", unit="%")
        self.actual = Actual.objects.create(indicator=self.indicator, year=2025, quarter=1,
                                            value_number=Decimal("72.5"), status=Actual.Status.CHECKED)

    def compile(self) -> ReportVersion:
        return compile_report(self.office, 2025, 1, user=self.subsection_head)

    def change_the_data(self) -> None:
        Actual.objects.filter(pk=self.actual.pk).update(value_number=Decimal("80"))


class PutUpOutdatedTestCase(OutdatedBase):
    def test_a_compilation_a_newer_one_replaced_is_refused_naming_the_newer(self) -> None:
        first = self.compile()
        self.change_the_data()
        second = self.compile()
        self.assertEqual((first.number, second.number), (1, 2))
        with translation.override("en"), self.assertRaisesMessage(
                KinerjaError, "Data Kinerja s.d. Triwulan I 2025 v1 is no longer current: version 2 of the same period "
                              "was compiled after it"):
            actions.take_report(first.pk, user=self.subsection_head)
        self.assertFalse(Document.objects.exists())
        # The newest one goes up.
        self.assertEqual(actions.take_report(second.pk, user=self.subsection_head).source, second)

    def test_a_compilation_whose_data_changed_since_is_refused_naming_the_change(self) -> None:
        report = self.compile()
        self.change_the_data()
        with translation.override("en"), self.assertRaisesMessage(
                KinerjaError, "v1 is no longer current: the performance data changed after it was compiled (IK-01)"):
            actions.take_report(report.pk, user=self.subsection_head)
        self.assertFalse(Document.objects.exists())

    def test_the_button_says_one_truthful_error_and_puts_nothing_up(self) -> None:
        report = self.compile()
        self.change_the_data()
        self.client.force_login(self.subsection_head)
        response = self.client.post(f"/documents/from-report/{report.pk}/")
        self.assertRedirects(response, "/documents/")
        said = [(m.level, m.message) for m in get_messages(response.wsgi_request)]
        self.assertEqual(len(said), 1, said)
        self.assertEqual(said[0][0], ERROR)
        self.assertIn("sudah tidak berlaku: data kinerja berubah setelah versi ini disusun (IK-01)", said[0][1])
        self.assertTrue(said[0][1].endswith("Tidak ada yang diajukan untuk diparaf."), said[0][1])
        self.assertNotIn("siap diparaf", said[0][1])
        self.assertFalse(Document.objects.exists())

    def test_the_documents_page_offers_only_the_newest_compilation(self) -> None:
        first = self.compile()
        self.change_the_data()
        second = self.compile()
        self.client.force_login(self.subsection_head)
        page = self.client.get("/documents/").content.decode()
        self.assertNotIn(f"/documents/from-report/{first.pk}/", page)
        self.assertIn("Sudah tidak berlaku: versi 2 disusun sesudahnya", page)
        self.assertIn(f"/documents/from-report/{second.pk}/", page)


    def test_put_up_with_unchecked_figures_it_says_it_cannot_be_initialled_yet(self) -> None:
        Actual.objects.filter(pk=self.actual.pk).update(status=Actual.Status.SUBMITTED)
        report = self.compile()
        self.client.force_login(self.subsection_head)
        response = self.client.post(f"/documents/from-report/{report.pk}/")
        said = [(m.level, m.message) for m in get_messages(response.wsgi_request)]
        self.assertEqual([level for level, _message in said], [WARNING])
        self.assertIn("Belum dapat diparaf: 1 angka periodenya belum diperiksa.", said[0][1])
        self.assertNotIn("siap diparaf", said[0][1])
        self.assertEqual(Document.objects.get().versions.get().source, report)


class CompilePagePutUpTestCase(OutdatedBase):
    def done(self, report: ReportVersion) -> ReportCompilation:
        return ReportCompilation.objects.create(office=self.office, year=2025, quarter=1,
                                                requested_by=self.subsection_head, state=ReportCompilation.State.DONE,
                                                version=report)

    def page(self, compilation: ReportCompilation, user: object) -> str:
        self.client.force_login(user)
        return self.client.get(f"/data/reports/compile/{compilation.pk}/").content.decode()

    def test_whoever_may_put_it_up_finds_the_button_on_the_compile_page(self) -> None:
        report = self.compile()
        compilation = self.done(report)
        form = f'action="/documents/from-report/{report.pk}/"'
        page = self.page(compilation, self.subsection_head)
        self.assertIn(form, page)
        self.assertIn("Ajukan untuk diparaf", page)
        self.assertNotIn(form, self.page(compilation, self.staff))  # staff compile nothing, put nothing up
        # Pressed: the document's first version, and the page then links it instead.
        self.client.force_login(self.subsection_head)
        self.client.post(f"/documents/from-report/{report.pk}/")
        document = Document.objects.get()
        page = self.page(compilation, self.subsection_head)
        self.assertNotIn(form, page)
        self.assertIn(f'href="/documents/{document.pk}/">Sudah diajukan sebagai versi 1', page)

    def test_no_button_once_the_data_changed_but_why_not(self) -> None:
        report = self.compile()
        compilation = self.done(report)
        self.change_the_data()
        page = self.page(compilation, self.subsection_head)
        self.assertNotIn(f'action="/documents/from-report/{report.pk}/"', page)
        self.assertIn("sudah tidak berlaku: data kinerja berubah setelah versi ini disusun (IK-01)", page)
        self.assertNotIn("Tidak ada yang diajukan", page)  # nothing was pressed here

    def test_no_button_while_it_compiles(self) -> None:
        report = self.compile()
        compilation = self.done(report)
        ReportCompilation.objects.filter(pk=compilation.pk).update(state=ReportCompilation.State.RUNNING)
        self.assertNotIn("/documents/from-report/", self.page(compilation, self.subsection_head))


class CasePageStateTestCase(OutdatedBase):
    performers = {1: "secretary", 2: "subsection_head", 3: "staff", 4: "subsection_head", 5: "secretary"}

    def run_to(self, case: Case, number: int) -> Task:
        task = case.tasks.select_related("step").get(status=Task.Status.OPEN)
        while task.step.number < number:
            extra = {"next_user": self.staff} if task.step.number == 2 else {}
            wf.complete_task(task.pk, user=getattr(self, self.performers[task.step.number]), verdict="ok", **extra)
            task = case.tasks.select_related("step").get(status=Task.Status.OPEN)
        return task

    def test_a_compiled_version_not_put_up_is_not_called_not_compiled(self) -> None:
        case = Case.objects.get(pk=self.post_letter().case_id)
        step4 = self.run_to(case, 4)
        report = self.compile()
        with translation.override("en"), self.assertRaises(CompletionHeld) as refused:
            wf.complete_task(step4.pk, user=self.subsection_head, verdict="ok")
        message = str(refused.exception)
        self.assertIn("Version 1 was compiled on", message)
        self.assertIn("but is not put up for initials yet", message)
        self.assertNotIn("has not been compiled", message)
        self.assertEqual(refused.exception.hold.url, "/documents/#compiled-reports")
        self.client.force_login(self.subsection_head)
        page = self.client.get(f"/cases/{case.pk}/").content.decode()
        self.assertNotIn("belum disusun", page)
        self.assertIn("Versi 1 sudah disusun pada", page)
        self.assertIn("versi 1, disusun pada", page)  # the case's records say it too
        # Put up and initialled by the Kasubbag: the case page names who initialled and whose initials it awaits.
        version = actions.take_report(report.pk, user=self.subsection_head)
        initial_done(actions.initial_version(version.pk, user=self.subsection_head), user=self.subsection_head)
        with translation.override("en"):
            note = next(r.note for r in case_records(case) if r.url == f"/documents/{version.document_id}/")
        initial = version.initials.get()
        self.assertEqual(note, f"version 1, not signed yet; initialled by {initial.name} ({initial.position_title}); "
                               f"awaiting the initials of {self.positions['secretary'].title}")
        page = self.client.get(f"/cases/{case.pk}/").content.decode()
        self.assertIn(f"sudah diparaf {initial.name}", page)
        self.assertNotIn("#compiled-reports", page)

    def test_a_signed_document_names_its_signer_on_the_case_page(self) -> None:
        from kinerja.correspondence.models import Signature
        from tests.base import PASSWORD

        from .test_signing import url_for

        case = Case.objects.get(pk=self.post_letter().case_id)
        version = actions.take_report(self.compile().pk, user=self.subsection_head)
        actions.initial_version(version.pk, user=self.subsection_head)
        actions.initial_version(version.pk, user=self.secretary)
        actions.sign_version(version.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)
        signature = Signature.objects.get()
        with translation.override("en"):
            note = next(r.note for r in case_records(case) if r.url == f"/documents/{version.document_id}/")
        self.assertTrue(note.startswith(f"signed by {signature.signer_name} ({signature.signer_title}) on "), note)
