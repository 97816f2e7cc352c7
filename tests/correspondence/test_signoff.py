"""Sign-off of the Data Kinerja and its figures (performance.signoff): initials and the signature wait until
every figure of the period is checked, a signed period's figures are locked, and the Kasubbag's step 4
leads to checking, compiling and putting up that period."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.utils import timezone, translation

from kinerja.correspondence import actions
from kinerja.correspondence.models import DocumentVersion, Initial, Signature
from kinerja.errors import KinerjaError
from kinerja.org.models import Unit
from kinerja.performance import actions as perf
from kinerja.performance.models import Actual, ActualRevision, Indicator, Objective, Target
from kinerja.performance.report import compile_report
from kinerja.performance.requests import ActualEntry, AnswerErrors, answer_with_actuals
from kinerja.workflow import actions as wf
from kinerja.workflow.models import Case, DivisionRequest, Task
from tests.base import PASSWORD

from .test_signing import url_for
from .test_workflow_link import SeedSopTestCase


class SignoffTestCase(SeedSopTestCase):
    """A case of Triwulan I 2025 at step 4: every division answered its request with its figure. Messages
    are checked in Indonesian, as users read them."""

    def setUp(self) -> None:
        super().setUp()
        letter = self.post_letter()
        self.client.post(f"/letters/{letter.pk}/dispose/", {
            "recipients": [self.positions["subsection_head"].pk], "instructions": ["follow_up"],
            "disposed_on": "2025-03-21"})
        self.case = Case.objects.get(pk=letter.case_id)
        wf.complete_task(self.case.tasks.get(status=Task.Status.OPEN).pk, user=self.subsection_head, note="Ke JFU")
        step3 = self.case.tasks.get(status=Task.Status.OPEN)
        divisions = list(Unit.objects.filter(office=self.office, kind=Unit.Kind.DIVISION).order_by("pk"))[:2]
        self.requests = wf.send_division_requests(step3.pk, user=self.staff, divisions=divisions,
                                                  what="Realisasi TW I", due_at=timezone.now() + dt.timedelta(days=5))
        objective = Objective.objects.create(office=self.office, code="S1", name="Koperasi dan UMKM tumbuh",
                                             plan_start_year=2025, plan_end_year=2029)
        self.indicators = []
        for i, request in enumerate(self.requests):
            indicator = Indicator.objects.create(office=self.office, objective=objective, code=f"IK-0{i + 1}",
                                                 name=f"Indikator {request.division.name}", unit="unit", order=i,
                                                 division=request.division)
            Target.objects.create(indicator=indicator, year=2025, kind="quarter", quarter=1, value_number=Decimal(400))
            self.indicators.append(indicator)
        answer_with_actuals(self.requests[0].pk, user=self.contacts[0], note="Data terlampir",
                            entries=[ActualEntry(self.indicators[0].pk, "380")])
        answer_with_actuals(self.requests[1].pk, user=self.contacts[1], note="Data terlampir",
                            entries=[ActualEntry(self.indicators[1].pk, "390")])
        wf.complete_task(step3.pk, user=self.staff, note="Data semua bidang terkumpul")
        self.enterContext(translation.override("id"))

    def actual(self, n: int) -> Actual:
        return Actual.objects.get(indicator=self.indicators[n], is_current=True)

    def put_up(self) -> DocumentVersion:
        return actions.take_report(compile_report(self.office, 2025, 1, user=self.subsection_head).pk,
                                   user=self.subsection_head)

    def check_all(self) -> None:
        for actual in Actual.objects.filter(status=Actual.Status.SUBMITTED):
            perf.check_actual(actual.pk, user=self.subsection_head)

    def signed(self) -> Signature:
        self.check_all()
        version = self.put_up()
        actions.initial_version(version.pk, user=self.subsection_head)
        actions.initial_version(version.pk, user=self.secretary)
        return actions.sign_version(version.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)


class UncheckedFiguresTestCase(SignoffTestCase):
    def test_initials_wait_until_every_figure_of_the_period_is_checked(self) -> None:
        perf.check_actual(self.actual(0).pk, user=self.subsection_head)
        version = self.put_up()
        with self.assertRaisesMessage(KinerjaError, "Paraf ditolak: 1 angka Data Kinerja Triwulan I 2025 belum "
                                                    "diperiksa: IK-02 Triwulan I 2025 (Dikirim)."):
            actions.initial_version(version.pk, user=self.subsection_head)
        self.assertFalse(Initial.objects.exists())
        self.client.force_login(self.subsection_head)
        page = self.client.get(f"/documents/{version.document_id}/").content.decode()
        self.assertIn("1 angka Data Kinerja ini belum diperiksa", page)
        self.assertIn("IK-02 Indikator", page)
        # The check page listing exactly the figures the count counts (signoff.check_url).
        self.assertIn('href="/data/check/?year=2025&amp;quarter=1&amp;status=report"', page)
        check = self.client.get("/data/check/?year=2025&quarter=1&status=report")
        self.assertEqual([row["actual"].indicator.code for row in check.context["rows"]], ["IK-02"])
        self.assertNotIn("Paraf versi 1", page)

        # Checking changes no figure: the same compilation is initialled, no compiling again.
        perf.check_actual(self.actual(1).pk, user=self.subsection_head)
        actions.initial_version(version.pk, user=self.subsection_head)
        self.assertContains(self.client.get(f"/documents/{version.document_id}/"), "Sekretaris")

    def test_a_figure_returned_at_step_4_holds_the_initials_until_the_division_corrects_it(self) -> None:
        """The QA path: step 4 answered "Belum sesuai" naming a wrong figure, the JFU completes without any
        change: the figure the Kasubbag sent back is named, and nothing is initialled."""
        perf.check_actual(self.actual(0).pk, user=self.subsection_head)
        perf.return_actual(self.actual(1).pk, user=self.subsection_head, reason="Realisasi IK-02 salah ketik")
        step4 = self.case.tasks.get(status=Task.Status.OPEN)
        wf.return_task(step4.pk, user=self.subsection_head, reason="IK-02 belum sesuai")
        wf.complete_task(self.case.tasks.get(status=Task.Status.OPEN).pk, user=self.staff, note="Tidak ada perubahan")
        version = self.put_up()
        with self.assertRaisesMessage(KinerjaError, "IK-02 Triwulan I 2025 (Dikembalikan untuk diperbaiki: "
                                                    "Realisasi IK-02 salah ketik)"):
            actions.initial_version(version.pk, user=self.subsection_head)
        self.assertFalse(Initial.objects.exists())
        self.client.force_login(self.subsection_head)
        dashboard = self.client.get("/data/dashboard/?year=2025&quarter=1").content.decode()
        self.assertIn("1 angka periode ini belum diperiksa", dashboard)
        self.assertIn("Realisasi IK-02 salah ketik", dashboard)

    def test_the_signature_is_refused_on_unchecked_figures_and_locks_nothing(self) -> None:
        """Initials given before the rule (or by any other way) do not let an unchecked figure be signed."""
        version = self.put_up()
        for position, user in ((self.positions["subsection_head"], self.subsection_head),
                               (self.positions["secretary"], self.secretary)):
            Initial.objects.create(office=self.office, version=version, sha256=version.sha256, user=user,
                                   name=user.person.full_name, position=position, position_title=position.title)
        with self.assertRaisesMessage(actions.SigningRefused, "Tanda tangan ditolak: 2 angka Data Kinerja Triwulan I "
                                                              "2025 belum diperiksa: IK-01 Triwulan I 2025 (Dikirim), "
                                                              "IK-02 Triwulan I 2025 (Dikirim)."):
            actions.sign_version(version.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)
        self.assertFalse(Signature.objects.exists())
        self.assertEqual(set(Actual.objects.values_list("status", flat=True)), {Actual.Status.SUBMITTED})
        self.client.force_login(self.head)
        page = self.client.get(f"/documents/{version.document_id}/").content.decode()
        self.assertIn("2 angka Data Kinerja ini belum diperiksa", page)
        self.assertNotIn('name="password"', page)


class SignedPeriodLockedTestCase(SignoffTestCase):
    def test_signing_locks_every_figure_of_the_period(self) -> None:
        self.signed()
        self.assertEqual(set(Actual.objects.values_list("status", flat=True)), {Actual.Status.LOCKED})
        self.client.force_login(self.subsection_head)
        self.assertContains(self.client.get("/data/check/?year=2025&quarter=1&status=locked"), "IK-01")

    def test_an_answer_to_a_still_open_request_of_another_case_changes_no_figure(self) -> None:
        """The QA path: another run of the same quarter, started once the first was cancelled after the
        signature (one open case per period), has a request open; its answer is refused with the signed
        document named, and nothing of it is saved."""
        # An indicator the signed report shows without a figure (no actual yet) is locked too.
        spare = Indicator.objects.create(office=self.office, objective=self.indicators[0].objective, code="IK-09",
                                         name="Indikator cadangan", unit="unit", division=self.requests[0].division)
        signature = self.signed()
        wf.cancel_case(self.case.pk, user=self.secretary, reason="Diganti pelaksanaan baru")
        other = wf.start_case(self.version.pk, user=self.secretary, title="Data Kinerja TW I lagi",
                              period="Triwulan I 2025")
        wf.complete_task(other.tasks.get(status=Task.Status.OPEN).pk, user=self.secretary)
        wf.complete_task(other.tasks.get(status=Task.Status.OPEN).pk, user=self.subsection_head)
        task = other.tasks.get(status=Task.Status.OPEN)
        request = wf.send_division_requests(task.pk, user=self.staff, divisions=[self.requests[0].division],
                                            what="Realisasi TW I", due_at=timezone.now() + dt.timedelta(days=5))[0]
        revisions = ActualRevision.objects.count()
        with self.assertRaises(AnswerErrors) as refused:
            answer_with_actuals(request.pk, user=self.contacts[0], note="Perbaikan",
                                entries=[ActualEntry(self.indicators[0].pk, "999"), ActualEntry(spare.pk, "5")])
        self.assertIn(f"Angka Triwulan I 2025 dikunci: {signature.version.document.title} (versi 1) "
                      f"ditandatangani oleh {signature.signer_name}", str(refused.exception))
        self.assertEqual(self.actual(0).value_number, Decimal(380))
        self.assertFalse(Actual.objects.filter(indicator=spare).exists())
        self.assertEqual(ActualRevision.objects.count(), revisions)
        self.assertIsNone(DivisionRequest.objects.get(pk=request.pk).answered_at)

        self.client.force_login(self.contacts[0])
        page = self.client.get(f"/requests/{request.pk}/answer/").content.decode()
        self.assertIn("Angka Triwulan I 2025 dikunci", page)
        self.assertNotIn(f'name="i{self.indicators[0].pk}-value"', page)

    def test_the_input_form_and_the_import_refuse_a_signed_periods_figure(self) -> None:
        signature = self.signed()
        spare = Indicator.objects.create(office=self.office, objective=self.indicators[0].objective, code="IK-09",
                                         name="Indikator cadangan", unit="unit", division=self.requests[0].division)
        with self.assertRaisesMessage(KinerjaError, f"{signature.version.document.title} (versi 1) ditandatangani oleh"):
            perf.save_actual(spare.pk, 2025, 1, user=self.contacts[0], value="5")
        self.assertFalse(Actual.objects.filter(indicator=spare).exists())
        # The next quarter is not part of the signed report: it is entered as usual.
        perf.save_actual(spare.pk, 2025, 2, user=self.contacts[0], value="5")

    def test_a_correction_with_its_reason_reopens_the_figure(self) -> None:
        self.signed()
        corrected = perf.correct_actual(self.actual(0).pk, user=self.subsection_head, value="385",
                                        reason="Salah hitung")
        perf.return_actual(corrected.pk, user=self.subsection_head, reason="Lampirkan bukti")
        perf.save_actual(self.indicators[0].pk, 2025, 1, user=self.contacts[0], value="386")
        perf.submit_actual(corrected.pk, user=self.contacts[0])
        perf.check_actual(corrected.pk, user=self.subsection_head)
        self.assertEqual(self.actual(0).value_number, Decimal(386))


class CaseLeadsToThePeriodTestCase(SignoffTestCase):
    def test_step_4_links_the_check_page_the_compile_and_putting_up_of_the_cases_period(self) -> None:
        self.client.force_login(self.subsection_head)
        page = self.client.get(f"/cases/{self.case.pk}/").content.decode()
        # The figures holding up the period's report (signoff.check_url), as many as the note counts.
        self.assertIn('<a href="/data/check/?year=2025&amp;quarter=1&amp;status=report">Periksa angka kinerja Triwulan I '
                      '2025</a>', page)
        self.assertIn("2 belum diperiksa", page)
        self.assertIn('href="/data/dashboard/?year=2025&amp;quarter=1#compile"', page)
        self.assertIn('href="/documents/#compiled-reports"', page)
        # The pages open on that period.
        check = self.client.get("/data/check/?year=2025&quarter=1&status=report").content.decode()
        self.assertIn("IK-01", check)
        self.assertIn('id="compile"', self.client.get("/data/dashboard/?year=2025&quarter=1").content.decode())

        perf.return_actual(self.actual(1).pk, user=self.subsection_head, reason="Salah ketik")
        page = self.client.get(f"/cases/{self.case.pk}/").content.decode()
        self.assertIn("2 belum diperiksa, 1 di antaranya dikembalikan ke bidangnya", page)

    def test_a_signed_period_says_its_figures_are_locked(self) -> None:
        self.signed()
        self.client.force_login(self.subsection_head)
        page = self.client.get(f"/cases/{self.case.pk}/").content.decode()
        self.assertIn("dikunci:", page)
        self.assertNotIn('href="/documents/#compiled-reports"', page)


class DashboardVersionStatusTestCase(SignoffTestCase):
    """The dashboard's list of compiled versions says where each stands on its way to the signature; its
    Status column was blank until a version was signed."""

    def status_cells(self) -> list[str]:
        self.client.force_login(self.subsection_head)
        page = self.client.get("/data/dashboard/?year=2025&quarter=1").content.decode()
        table = page.split('class="data versions"')[1].split("</table>")[0]
        return [" ".join(re.sub(r"<[^>]+>", " ", row.split("</td>")[1]).split())
                for row in table.split("<tbody>")[1].split("</tr>")[:-1]]

    def test_each_version_says_whose_initials_it_has_and_waits_for(self) -> None:
        self.check_all()
        compile_report(self.office, 2025, 1, user=self.subsection_head)
        self.assertEqual(self.status_cells(), ["Belum diajukan untuk paraf"])
        version = self.put_up()
        kasubbag, sekretaris = (self.positions[k].label for k in ("subsection_head", "secretary"))
        self.assertEqual(self.status_cells(), [f"Menunggu paraf {kasubbag}, {sekretaris}"])
        actions.initial_version(version.pk, user=self.subsection_head)
        self.assertEqual(self.status_cells(), [f"Menunggu paraf {sekretaris} Diparaf oleh {kasubbag}"])
        actions.initial_version(version.pk, user=self.secretary)
        self.assertEqual(self.status_cells(), [f"Sudah diparaf, menunggu tanda tangan Diparaf oleh {kasubbag}, "
                                               f"{sekretaris}"])
        self.assertIn(f'href="/documents/{version.document_id}/"', self.client.get(
            "/data/dashboard/?year=2025&quarter=1").content.decode())

    def test_initials_on_an_earlier_version_do_not_count_for_a_newer_one(self) -> None:
        self.check_all()
        first = self.put_up()
        actions.initial_version(first.pk, user=self.subsection_head)
        # A figure corrected before the signature: compiled again and put up, the document's next version.
        actual = self.actual(0)
        Actual.objects.filter(pk=actual.pk).update(value_number=Decimal(381))
        second = self.put_up()
        self.assertEqual(second.document_id, first.document_id)
        kasubbag, sekretaris = (self.positions[k].label for k in ("subsection_head", "secretary"))
        self.assertEqual(self.status_cells(), [f"Menunggu paraf {kasubbag}, {sekretaris}",
                                               "Diganti oleh kompilasi yang lebih baru"])

    def test_a_signed_version_says_signed(self) -> None:
        self.signed()
        cells = self.status_cells()
        self.assertEqual(len(cells), 1)
        self.assertTrue(cells[0].startswith("Ditandatangani"), cells)
