"""The answer page of a division's contact: the note and files, and (from the performance app, through
workflow/extensions.py) the division's indicators of the case period with targets and actuals, all sent
in one submit; the JFU then sees the figures on the case page."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.performance.models import Actual, Indicator
from kinerja.workflow import actions, extensions
from kinerja.workflow.models import DivisionRequest, Event

from .answering import AnsweringTestCase
from .base import at

PDF = b"%PDF-1.4\n%%EOF\n"


class AnswerPageBase(AnsweringTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.url = f"/requests/{self.request.pk}/answer/"

    def post(self, **values: str) -> object:
        return self.client.post(self.url, {"answer-note": "Data TW I", **values})


class AnswerPageTestCase(AnswerPageBase):
    def test_the_case_page_leads_the_contact_to_the_answer_page(self) -> None:
        self.client.force_login(self.contacts[0])
        self.assertContains(self.client.get(f"/cases/{self.case.pk}/"), f'href="{self.url}"')
        self.client.force_login(self.contacts[1])
        self.assertNotContains(self.client.get(f"/cases/{self.case.pk}/"), f'href="{self.url}"')

    def test_the_page_shows_the_divisions_indicators_with_targets_and_actuals(self) -> None:
        Actual.objects.create(indicator=self.healthy, year=2025, quarter=1, value_number=Decimal("58.5"),
                              entered_by=self.contacts[0])
        self.client.force_login(self.contacts[0])
        r = self.client.get(self.url)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "Realisasi Triwulan I")
        self.assertContains(r, "Realisasi indikator · Triwulan I 2025")
        self.assertContains(r, '<h3><span class="perf-code">IK-01</span> · Jumlah koperasi aktif</h3>')
        self.assertContains(r, "<strong>1.700</strong> unit")
        self.assertContains(r, 'value="58,5"')  # the draft, ready to be corrected
        self.assertContains(r, f'name="i{self.active.pk}-value"')
        self.assertContains(r, f'name="i{self.active.pk}-file"')

    def test_one_submit_answers_and_submits_the_actuals(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.client.post(self.url, {
            "answer-note": "Data TW I terlampir", f"i{self.active.pk}-value": "1.725,50",
            f"i{self.active.pk}-confirm": "1.725,50",  # a fraction of a unit, confirmed after its warning
            f"i{self.active.pk}-obstacles": "RAT terlambat",
            f"i{self.active.pk}-file": SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf"),
            f"i{self.healthy.pk}-value": "61,5%", "files": SimpleUploadedFile("rekap.xlsx", b"PK rekap")})
        self.assertRedirects(r, f"/cases/{self.case.pk}/")
        self.request.refresh_from_db()
        self.assertEqual(self.request.note, "Data TW I terlampir")
        self.assertEqual([f.name for f in self.request.files.all()], ["rekap.xlsx"])
        actual = Actual.objects.get(indicator=self.active, is_current=True)
        self.assertEqual((actual.value_number, actual.status, actual.obstacles),
                         (Decimal("1725.5"), Actual.Status.SUBMITTED, "RAT terlambat"))
        self.assertEqual(actual.evidence.get().original_name, "bukti.pdf")
        self.assertEqual(Actual.objects.get(indicator=self.healthy).value_number, Decimal("61.5"))

        # The JFU sees the answer with its figures and the progress.
        self.client.force_login(self.staff)
        page = self.client.get(f"/cases/{self.case.pk}/")
        self.assertContains(page, "1 dari 2 bidang telah menjawab")
        self.assertContains(page, "Data TW I terlampir")
        self.assertContains(page, "<strong>IK-01</strong> Jumlah koperasi aktif")
        self.assertContains(page, "<strong>1.725,50</strong> unit")
        self.assertContains(page, "101,50%")  # 1.725,5 ÷ 1.700
        self.assertContains(page, "<strong>61,50</strong> %")
        self.assertContains(page, '<span class="muted">Target</span> 60 % ·')  # the unit on the target too

    def test_the_answers_stay_on_the_case_page_once_the_step_is_done(self) -> None:
        self.client.force_login(self.contacts[0])
        self.post(**{"answer-note": "Data TW I terlampir", f"i{self.active.pk}-value": "1.725",
                     "files": SimpleUploadedFile("rekap.xlsx", b"PK rekap")})
        step3 = self.case.tasks.get(step__number=3, status="open")
        actions.complete_with_missing(step3.pk, user=self.staff, reason="Bidang kedua belum mengirim",
                                      note="Rekap terlampir", at=at(26, 9))
        # The Kasubbag checks the draft at step 4, with what the divisions sent in front of them.
        self.client.force_login(self.subsection_head)
        page = self.client.get(f"/cases/{self.case.pk}/")
        self.assertContains(page, 'id="division-answers"')
        self.assertContains(page, "Jawaban bidang · langkah 3")
        self.assertContains(page, "1 dari 2 bidang telah menjawab")
        self.assertContains(page, "Data TW I terlampir")
        self.assertContains(page, "rekap.xlsx")
        self.assertContains(page, "<strong>1.725</strong> unit")
        self.assertContains(page, self.divisions[1].short_name or self.divisions[1].name)
        self.assertContains(page, "Tidak menjawab")  # the division that did not answer: nobody waits on it now

    def test_no_answers_section_before_any_request(self) -> None:
        case = self.start_case(title="Kasus tanpa permintaan", period="Triwulan II 2025")
        self.client.force_login(self.secretary)
        self.assertNotContains(self.client.get(f"/cases/{case.pk}/"), 'id="division-answers"')

    def test_a_bad_value_is_shown_next_to_its_indicator_and_nothing_is_saved(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.post(**{f"i{self.active.pk}-value": "1.725", f"i{self.healthy.pk}-value": "12,5x"})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, '<span class="perf-code">IK-02</span> Persentase koperasi sehat: &quot;12,5x&quot; '
                               "bukan angka.", status_code=400)
        self.assertContains(r, 'value="12,5x"', status_code=400)  # nothing typed is lost
        self.assertContains(r, 'value="1.725"', status_code=400)
        self.assertContains(r, "Data TW I", status_code=400)
        self.assertEqual(Actual.objects.count(), 0)
        self.assertIsNone(DivisionRequest.objects.get(pk=self.request.pk).answered_at)
        self.assertFalse(self.case.events.filter(kind=Event.Kind.REQUEST_ANSWERED).exists())

    def test_an_empty_file_is_refused_and_nothing_is_saved(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.client.post(self.url, {"answer-note": "Data TW I", f"i{self.active.pk}-value": "1.725",
                                        "files": SimpleUploadedFile("rekap.xlsx", b"")})
        self.assertContains(r, "rekap.xlsx kosong (0 bita)", status_code=400)
        self.assertContains(r, 'value="1.725"', status_code=400)
        self.request.refresh_from_db()
        self.assertIsNone(self.request.answered_at)
        self.assertFalse(Actual.objects.filter(indicator=self.active).exists())

    def test_the_figures_alone_are_an_answer(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.client.post(self.url, {"answer-note": "", f"i{self.active.pk}-value": "1.725"})
        self.assertEqual(r.status_code, 302)
        self.assertIsNotNone(DivisionRequest.objects.get(pk=self.request.pk).answered_at)

    def test_an_empty_answer_is_refused(self) -> None:
        self.client.force_login(self.contacts[0])
        r = self.client.post(self.url, {"answer-note": ""})
        self.assertContains(r, "tulis catatan atau lampirkan data", status_code=400)

    def test_another_division_is_not_allowed(self) -> None:
        self.client.force_login(self.contacts[1])
        self.assertContains(self.client.get(self.url), self.divisions[0].name, status_code=403)
        r = self.post(**{f"i{self.active.pk}-value": "1.725"})
        self.assertEqual(r.status_code, 403)
        self.assertEqual(Actual.objects.count(), 0)

    def test_another_office_gets_404(self) -> None:
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_an_answered_request_leads_back_to_the_case_and_a_second_post_is_refused(self) -> None:
        self.client.force_login(self.contacts[0])
        self.post(**{f"i{self.active.pk}-value": "1.725"})
        self.assertRedirects(self.client.get(self.url), f"/cases/{self.case.pk}/#request-{self.request.pk}")
        r = self.post(**{f"i{self.active.pk}-value": "1.800"})
        self.assertContains(r, "sudah menjawab", status_code=400)
        self.assertEqual(Actual.objects.get(indicator=self.active).value_number, Decimal(1725))

    def test_a_division_without_indicators_answers_with_note_and_files(self) -> None:
        self.client.force_login(self.contacts[1])
        url = f"/requests/{self.requests[1].pk}/answer/"
        self.assertContains(self.client.get(url), "tidak bertanggung jawab atas indikator apa pun pada Triwulan I 2025")
        r = self.client.post(url, {"answer-note": "Bidang kami tidak memiliki indikator"})
        self.assertEqual(r.status_code, 302)

    def test_a_period_that_is_no_quarter_says_so(self) -> None:
        case = self.start_case("Pengumpulan Data Semester", period="Semester I 2025", at=at(25, 8))
        step3 = self.run_to_step(case, 3, when=at(25, 8))
        request = actions.send_division_requests(step3.pk, user=self.staff, divisions=self.divisions[:1],
                                                 what="Data semester", due_at=at(28, 12), at=at(25, 9))[0]
        self.client.force_login(self.contacts[0])
        r = self.client.get(f"/requests/{request.pk}/answer/")
        self.assertContains(r, "Semester I 2025")
        self.assertNotContains(r, "IK-01")
        self.assertEqual(self.client.post(f"/requests/{request.pk}/answer/", {"answer-note": "Terlampir"}).status_code, 302)

    def test_without_the_performance_extension_the_answer_is_a_note_and_files(self) -> None:
        removed = extensions.unregister_answer_extension("performance")
        self.assertIsNotNone(removed)
        try:
            self.client.force_login(self.contacts[0])
            r = self.client.get(self.url)
            self.assertNotContains(r, "IK-01")
            self.assertNotContains(r, "performance.css")
            r = self.client.post(self.url, {"answer-note": "Terlampir", "files": SimpleUploadedFile("d.csv", b"a;b")})
            self.assertEqual(r.status_code, 302)
            self.client.force_login(self.staff)
            self.assertContains(self.client.get(f"/cases/{self.case.pk}/"), "d.csv")
        finally:
            extensions.register_answer_extension("performance", removed)
        self.assertEqual(Actual.objects.count(), 0)


class AnswerQueryCountTestCase(AnswerPageBase):
    def many(self, n: int) -> None:
        start = Indicator.objects.filter(code__startswith="M").count()
        for i in range(start, start + n):
            indicator = self.make_indicator(f"M{i:02}", f"Indikator tambahan {i}", "unit", Decimal(100))
            actual = Actual.objects.create(indicator=indicator, year=2025, quarter=1, value_number=Decimal(90 + i % 10),
                                           entered_by=self.contacts[0])
            actual.evidence.create(file="evidence/x.pdf", original_name="x.pdf", content_type="application/pdf", size=1,
                                   sha256="0" * 64)

    def test_the_answer_page_costs_the_same_for_two_indicators_or_forty(self) -> None:
        self.many(1)  # one indicator with an actual and its evidence, one without
        self.client.force_login(self.contacts[0])
        # Session, user, person and office, the request with its case, positions held (may answer); the
        # performance part: whether the period's Data Kinerja is signed, indicators, targets, current actuals,
        # their evidence; roles for the navigation.
        with self.assertNumQueries(11) as two:
            self.client.get(self.url)
        self.many(37)
        with self.assertNumQueries(len(two.captured_queries)):
            r = self.client.get(self.url)
        self.assertContains(r, "Indikator tambahan 37")

    def test_the_case_page_with_answers_costs_the_same_for_two_indicators_or_forty(self) -> None:
        self.many(1)
        self.client.force_login(self.contacts[0])
        self.post(**{f"i{self.active.pk}-value": "1.725"})
        self.client.force_login(self.staff)
        url = f"/cases/{self.case.pk}/"
        # The figures of the answered divisions: indicators, targets, current actuals, evidence; the case's
        # letters and documents (two); the links to the period's figures (performance.signoff.case_records: the
        # data collection SOP, the case's requests, the signature, the unchecked figures, its Data Kinerja).
        with self.assertNumQueries(35) as two:
            self.client.get(url)
        self.many(37)
        with self.assertNumQueries(len(two.captured_queries)):
            r = self.client.get(url)
        self.assertContains(r, "Indikator tambahan 37")


class MonthlyCaseTestCase(AnswerPageBase):
    """A case about one month: the performance data is kept by quarter, so the division gives the figures of
    the month's quarter as they stand; the case page says so under the request, naming the month."""

    def start_case(self, title: str = "Pengumpulan Data Kinerja Bulanan 02/2025", **kwargs):  # type: ignore[no-untyped-def]
        return super().start_case(title, period="Februari 2025", **kwargs)

    def test_the_case_page_names_the_month_with_the_quarters_figures(self) -> None:
        self.client.force_login(self.contacts[0])
        self.client.post(self.url, {"answer-note": "Data Februari", f"i{self.healthy.pk}-value": "58,5"})
        self.client.force_login(self.staff)
        page = self.client.get(f"/cases/{self.case.pk}/")
        self.assertContains(page, "Realisasi indikator · Februari 2025 (angka Triwulan I 2025 saat ini)")
        self.assertNotContains(page, "Realisasi indikator · Triwulan I 2025")
