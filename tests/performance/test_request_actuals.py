"""A division answers a workflow request with its indicator actuals (performance/requests.py): the case's
period is read into a quarter or year, the actuals go through the input form's own rules and are
submitted, and the answer and the actuals are saved together or not at all."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.errors import KinerjaError, NotAllowed
from kinerja.performance import actions as perf
from kinerja.performance.models import Actual, ActualRevision, Evidence, Indicator, Target
from kinerja.performance.report import build_report
from kinerja.performance.requests import ActualEntry, AnswerErrors, answer_with_actuals, period_of, save_actuals
from kinerja.workflow.models import DivisionRequest, Event, TaskFile
from tests.workflow.answering import AnsweringTestCase
from tests.workflow.base import WorkflowTestCase

PDF = b"%PDF-1.4\n%%EOF\n"


class PeriodOfTestCase(WorkflowTestCase):
    def test_quarters_years_and_months_are_read(self) -> None:
        cases = {"Triwulan III 2025": (2025, 3, None), "TW 3 2025": (2025, 3, None), "TW.IV 2024": (2024, 4, None),
                 "Triwulan I 2025 (Sekretariat)": (2025, 1, None), "Tahun 2025": (2025, None, None),
                 "2025": (2025, None, None), "11/2026": (2026, 4, 11), "Maret 2025": (2025, 1, 3),
                 "Bulan 7/2025": (2025, 3, 7)}
        for text, expected in cases.items():
            found = period_of(text)
            self.assertIsNotNone(found, text)
            self.assertEqual((found.year, found.quarter, found.month), expected, text)

    def test_anything_else_is_no_period(self) -> None:
        for text in ("Semester I 2025", "Triwulan I", "2024-2025", "13/2025", "Triwulan I 2025 s.d. Triwulan II 2026", ""):
            self.assertIsNone(period_of(text), text)


class AnswerWithActualsTestCase(AnsweringTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.elsewhere = cls.make_indicator("IK-07", "Jumlah UMKM naik kelas", "unit usaha", Decimal(40),
                                           division=cls.divisions[2])

    def test_the_answer_enters_and_submits_the_actuals(self) -> None:
        evidence = SimpleUploadedFile("bukti-ik01.pdf", PDF, content_type="application/pdf")
        answer_with_actuals(self.request.pk, user=self.contacts[0], note="Data TW I", entries=[
            ActualEntry(self.active.pk, "1.725", obstacles="RAT terlambat", files=[evidence]),
            ActualEntry(self.healthy.pk, "61,5")])
        self.request.refresh_from_db()
        self.assertEqual((self.request.answered_by, self.request.note), (self.contacts[0], "Data TW I"))
        actuals = {a.indicator_id: a for a in Actual.objects.filter(year=2025, quarter=1, is_current=True)}
        self.assertEqual(actuals[self.active.pk].value_number, Decimal(1725))
        self.assertEqual(actuals[self.healthy.pk].value_number, Decimal("61.5"))
        self.assertEqual({a.status for a in actuals.values()}, {Actual.Status.SUBMITTED})
        self.assertEqual(actuals[self.active.pk].obstacles, "RAT terlambat")
        self.assertEqual(list(Evidence.objects.values_list("original_name", flat=True)), ["bukti-ik01.pdf"])
        self.assertEqual(set(ActualRevision.objects.filter(actual__in=actuals.values()).values_list("action", flat=True)),
                         {"saved", "submitted", "evidence_added"})
        event = self.case.events.get(kind=Event.Kind.REQUEST_ANSWERED)
        self.assertEqual([(f["indicator"], f["value"], f["quarter"]) for f in event.data["actuals"]],
                         [(self.active.pk, "1.725", 1), (self.healthy.pk, "61,5", 1)])

    def test_a_bad_value_names_the_indicator_and_the_value_and_saves_nothing(self) -> None:
        with self.assertRaises(AnswerErrors) as caught:
            answer_with_actuals(self.request.pk, user=self.contacts[0], note="Data TW I", entries=[
                ActualEntry(self.active.pk, "1.725"), ActualEntry(self.healthy.pk, "12,5x")])
        self.assertEqual([(e.indicator_id, e.field) for e in caught.exception.errors], [(self.healthy.pk, "value")])
        self.assertIn("IK-02 Persentase koperasi sehat", str(caught.exception))
        self.assertIn('"12,5x"', str(caught.exception))
        self.request.refresh_from_db()
        self.assertIsNone(self.request.answered_at)
        self.assertEqual((Actual.objects.count(), ActualRevision.objects.count()), (0, 0))
        self.assertFalse(self.case.events.filter(kind=Event.Kind.REQUEST_ANSWERED).exists())

    def test_a_bad_evidence_file_saves_nothing_either(self) -> None:
        fake = SimpleUploadedFile("bukti.pdf", b"not a pdf at all", content_type="application/pdf")
        with self.assertRaises(AnswerErrors) as caught:
            answer_with_actuals(self.request.pk, user=self.contacts[0], files=[SimpleUploadedFile("memo.txt", b"memo")],
                                entries=[ActualEntry(self.active.pk, "1.725", files=[fake])])
        self.assertEqual([(e.indicator_id, e.field) for e in caught.exception.errors], [(self.active.pk, "file")])
        self.assertIn("IK-01", str(caught.exception))
        self.assertEqual((Actual.objects.count(), TaskFile.objects.count()), (0, 0))
        self.assertIsNone(DivisionRequest.objects.get(pk=self.request.pk).answered_at)

    def test_the_same_file_under_files_and_as_evidence_is_refused_naming_both(self) -> None:
        # The command line and any other caller get the answer page's check: one scan sent twice is refused.
        scan = b"%PDF-1.4\n" + b"realisasi triwulan I " * 50
        with self.assertRaises(KinerjaError) as caught:
            answer_with_actuals(self.request.pk, user=self.contacts[0], note="Data TW I",
                                files=[SimpleUploadedFile("rekap.pdf", scan, content_type="application/pdf")],
                                entries=[ActualEntry(self.active.pk, "1.725", files=[
                                    SimpleUploadedFile("bukti-ik01.pdf", scan, content_type="application/pdf")])])
        message = str(caught.exception)
        self.assertIn("rekap.pdf", message)
        self.assertIn("bukti-ik01.pdf", message)
        self.assertIn("IK-01", message)
        self.assertEqual((Actual.objects.count(), TaskFile.objects.count()), (0, 0))
        self.assertIsNone(DivisionRequest.objects.get(pk=self.request.pk).answered_at)

    def test_a_number_for_a_text_target_is_refused(self) -> None:
        grade = Indicator.objects.create(office=self.office, objective=self.objective, code="IK-13", name="Nilai SAKIP",
                                         unit="predikat", division=self.division)
        Target.objects.create(indicator=grade, year=2025, kind="agreement", value_text="BB")
        with self.assertRaises(AnswerErrors) as caught:
            answer_with_actuals(self.request.pk, user=self.contacts[0], entries=[ActualEntry(grade.pk, "72,5")])
        self.assertEqual([(e.indicator_id, e.field) for e in caught.exception.errors], [(grade.pk, "value")])
        self.assertIn("(BB)", str(caught.exception))
        self.assertEqual(Actual.objects.count(), 0)

    def test_every_bad_value_is_reported_at_once(self) -> None:
        with self.assertRaises(AnswerErrors) as caught:
            answer_with_actuals(self.request.pk, user=self.contacts[0], entries=[
                ActualEntry(self.active.pk, "1,725.50"), ActualEntry(self.healthy.pk, "", obstacles="Belum ada data")])
        self.assertEqual([e.indicator_id for e in caught.exception.errors], [self.active.pk, self.healthy.pk])

    def test_another_divisions_indicator_is_refused(self) -> None:
        with self.assertRaises(AnswerErrors) as caught:
            answer_with_actuals(self.request.pk, user=self.contacts[0], entries=[ActualEntry(self.elsewhere.pk, "12")])
        self.assertIn(self.division.name, str(caught.exception))
        self.assertEqual(Actual.objects.count(), 0)

    def test_the_contact_of_another_division_is_refused(self) -> None:
        with self.assertRaises(NotAllowed):
            answer_with_actuals(self.request.pk, user=self.contacts[1], entries=[ActualEntry(self.active.pk, "1.725")])
        with self.assertRaises(NotAllowed):
            answer_with_actuals(self.request.pk, user=self.staff, entries=[ActualEntry(self.active.pk, "1.725")])
        self.assertEqual(Actual.objects.count(), 0)
        self.assertIsNone(DivisionRequest.objects.get(pk=self.request.pk).answered_at)

    def test_the_save_function_alone_refuses_another_divisions_contact_and_saves_nothing(self) -> None:
        with self.assertRaises(NotAllowed):
            save_actuals(self.request, user=self.contacts[1], entries=[
                ActualEntry(self.active.pk, "1.725"), ActualEntry(self.healthy.pk, "61")])
        self.assertEqual(Actual.objects.count(), 0)

    def test_a_submitted_actual_cannot_be_changed_through_the_answer(self) -> None:
        actual = perf.enter_actual(self.active.pk, 2025, 1, user=self.contacts[0], value="1.700", submit=True)
        with self.assertRaises(AnswerErrors) as caught:
            answer_with_actuals(self.request.pk, user=self.contacts[0], entries=[ActualEntry(self.active.pk, "1.725")])
        self.assertIn("IK-01", str(caught.exception))
        actual.refresh_from_db()
        self.assertEqual(actual.value_number, Decimal(1700))

    def test_a_draft_entered_earlier_is_submitted_with_the_answer(self) -> None:
        perf.save_actual(self.healthy.pk, 2025, 1, user=self.contacts[0], value="59")
        answer_with_actuals(self.request.pk, user=self.contacts[0], entries=[ActualEntry(self.healthy.pk, "59,8")])
        actual = Actual.objects.get(indicator=self.healthy, is_current=True)
        self.assertEqual((actual.value_number, actual.status), (Decimal("59.8"), Actual.Status.SUBMITTED))

    def test_the_answered_actuals_reach_the_compiled_report(self) -> None:
        answer_with_actuals(self.request.pk, user=self.contacts[0], note="Data TW I", entries=[
            ActualEntry(self.active.pk, "1.530"), ActualEntry(self.healthy.pk, "61,5")])
        answer_with_actuals(self.requests[1].pk, user=self.contacts[1], note="Tidak ada indikator bidang kami")
        rows = {row.code: row for row in build_report(self.office, 2025, 1).indicators}
        self.assertEqual(rows["IK-01"].actual, Decimal(1530))
        self.assertEqual(rows["IK-01"].achievement, Decimal("90.00"))
        self.assertEqual(rows["IK-01"].predicate, "Tinggi")
        self.assertEqual(rows["IK-02"].actual, Decimal("61.5"))
        self.assertIsNone(rows["IK-07"].actual)


class AnswerPageTargetsTestCase(AnsweringTestCase):
    def test_a_quarter_measured_against_the_year_s_target_says_so(self) -> None:
        # As the input page does: 1.000 of a quarter against 1.725,50 for the whole year is no quarter's shortfall.
        yearly = Indicator.objects.create(office=self.office, objective=self.objective, code="IK-20",
                                          name="Rata-rata omzet peserta", unit="juta rupiah", division=self.division)
        Target.objects.create(indicator=yearly, year=2025, kind="agreement", value_number=Decimal("1725.5"))
        self.client.force_login(self.contacts[0])
        page = self.client.get(f"/requests/{self.request.pk}/answer/").content.decode()
        card = page[page.index("IK-20</span> · "):]
        card = card[:card.index("</header>")]
        self.assertIn("target tahunan; tidak ada target triwulan", card)
        self.assertNotIn("target tahunan", page[page.index("IK-01</span> · "):][:600])



class DuplicateEvidenceTestCase(AnsweringTestCase):
    """The same evidence twice for one figure (chosen twice, or attached already) is told with every other problem,
    naming the file and the indicator, before anything is saved (actions.add_evidence would refuse it then)."""

    def pdf(self, name: str, data: bytes = PDF) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, data, content_type="application/pdf")

    def test_the_same_file_chosen_twice_is_told_with_the_other_problems(self) -> None:
        with self.assertRaises(AnswerErrors) as caught:
            answer_with_actuals(self.request.pk, user=self.contacts[0], note="Data TW I", entries=[
                ActualEntry(self.active.pk, "1.725", files=[self.pdf("rekap.pdf"), self.pdf("rekap (1).pdf")]),
                ActualEntry(self.healthy.pk, "12,5x", files=[self.pdf("rekap.pdf")])])
        self.assertEqual([(e.indicator_id, e.field, str(e)) for e in caught.exception.errors], [
            (self.active.pk, "file", "IK-01 Jumlah koperasi aktif: rekap (1).pdf dipilih dua kali untuk angka ini "
                                     "(juga sebagai rekap.pdf)."),
            (self.healthy.pk, "value", 'IK-02 Persentase koperasi sehat: "12,5x" bukan angka.')])
        self.assertEqual((Actual.objects.count(), Evidence.objects.count()), (0, 0))

    def test_a_file_attached_already_is_told_before_saving(self) -> None:
        # IK-01 was sent with bukti.pdf and returned; the division sends it again with the same file renamed.
        actual = perf.enter_actual(self.active.pk, 2025, 1, user=self.contacts[0], value="1.700",
                                   files=[self.pdf("bukti.pdf")], submit=True)
        perf.return_actual(actual.pk, user=self.subsection_head, reason="Angka belum sesuai")
        other = perf.enter_actual(self.healthy.pk, 2025, 2, user=self.contacts[0], value="60",
                                  files=[self.pdf("lain.pdf", PDF + b"%lain\n")])
        self.assertEqual(other.quarter, 2)
        entries = [ActualEntry(self.active.pk, "1.725", files=[self.pdf("bukti final.pdf")]),
                   ActualEntry(self.healthy.pk, "61,5", files=[self.pdf("lain.pdf", PDF + b"%lain\n")])]
        with self.assertRaises(AnswerErrors) as caught:
            answer_with_actuals(self.request.pk, user=self.contacts[0], entries=entries)
        # Another quarter's figure holding the other file is no matter: only IK-01's is told.
        self.assertEqual([(e.indicator_id, e.field, str(e)) for e in caught.exception.errors], [
            (self.active.pk, "file", "IK-01 Jumlah koperasi aktif: bukti final.pdf sudah dilampirkan pada angka ini "
                                     "(sebagai bukti.pdf).")])
        actual.refresh_from_db()
        self.assertEqual((actual.status, actual.value_number), (Actual.Status.RETURNED, Decimal(1700)))
        self.assertEqual(Evidence.objects.count(), 2)
        self.assertIsNone(DivisionRequest.objects.get(pk=self.request.pk).answered_at)
