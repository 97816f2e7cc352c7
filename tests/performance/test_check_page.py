"""The Kasubbag's check page: each tab's count is the number of rows it lists (checking.tab_filter is both); the
indicators without a submitted figure are named; "Sesuai" and "Kembalikan ke bidang" keep the user's place (with
htmx the row is swapped in place with the tabs' counts; without, the page comes back at the next row); the same
queries for one figure or many."""

from __future__ import annotations

from decimal import Decimal

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.performance import actions, checking
from kinerja.performance.cards import Period
from kinerja.performance.models import Actual, Indicator, Objective, Target
from tests.base import KinerjaTestCase

SUBMITTED, RETURNED, CHECKED, DRAFT = (Actual.Status.SUBMITTED, Actual.Status.RETURNED, Actual.Status.CHECKED,
                                       Actual.Status.DRAFT)
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/data/check/?year=2025&quarter=4"}


class CheckPageTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.objective = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya kualitas koperasi",
                                                 order=1, plan_start_year=2021, plan_end_year=2026)
        cls.n = 0
        # Triwulan IV 2025: three submitted, one checked, one returned, one draft, two without any figure; and
        # figures of Triwulan III its report reads too: a submitted and a returned one.
        cls.q4 = {status: [cls.figure(4, status) for _ in range(n)]
                  for status, n in ((SUBMITTED, 3), (CHECKED, 1), (RETURNED, 1), (DRAFT, 1))}
        cls.without = [cls.indicator(quarterly=True), cls.indicator(quarterly=True)]
        cls.q3 = [cls.figure(3, SUBMITTED), cls.figure(3, RETURNED)]

    @classmethod
    def indicator(cls, quarterly: bool = False) -> Indicator:
        """An indicator with the year's target; `quarterly`, a target of Triwulan IV too: asked for a figure of the
        quarter even before it has any (one with the year's target alone and no figure of a quarter is measured
        by the year: cards.annual_only)."""
        cls.n += 1
        indicator = Indicator.objects.create(office=cls.office, objective=cls.objective, code=f"IK-{cls.n:02}",
                                             name=f"Indikator nomor {cls.n}", unit="unit", order=cls.n,
                                             division=cls.built.divisions[cls.n % 2])
        Target.objects.create(indicator=indicator, year=2025, kind="agreement", value_number=Decimal(100))
        if quarterly:
            Target.objects.create(indicator=indicator, year=2025, kind="quarter", quarter=4, value_number=Decimal(25))
        return indicator

    @classmethod
    def figure(cls, quarter: int, status: str) -> Actual:
        indicator = cls.indicator()
        contact = cls.contacts[cls.n % 2]
        actual = actions.save_actual(indicator.pk, 2025, quarter, user=contact, value=str(80 + cls.n))
        if status == DRAFT:
            return actual
        actions.submit_actual(actual.pk, user=contact)
        if status == CHECKED:
            actions.check_actual(actual.pk, user=cls.subsection_head)
        if status == RETURNED:
            actions.return_actual(actual.pk, user=cls.subsection_head, reason="Bukti belum lengkap")
        return actual

    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.subsection_head)

    def page(self, status: str, quarter: int = 4):  # type: ignore[no-untyped-def]
        response = self.client.get(f"/data/check/?year=2025&quarter={quarter}&status={status}")
        self.assertEqual(response.status_code, 200)
        return response

    def test_each_tabs_count_is_the_number_of_its_rows(self) -> None:
        for quarter in (3, 4, 0):
            shown = dict(self.page("submitted", quarter).context["filters"])
            for status in checking.TABS:
                response = self.page(status, quarter)
                rows = response.context["rows"]
                self.assertEqual(shown[status], len(rows), (quarter, status))
                self.assertEqual(response.content.decode().count('<article class="card perf-check'), len(rows))
        counts = dict(self.page("submitted").context["filters"])
        self.assertEqual(counts, {"submitted": 3, "checked": 1, "returned": 1, "draft": 1, "locked": 0, "all": 6,
                                  "report": 6})
        self.assertContains(self.page("submitted"), "Menahan laporan (6)</a>")

    def test_the_report_tab_says_what_it_lists_of_each_status(self) -> None:
        response = self.page("report")
        self.assertEqual(len(response.context["rows"]), 6)  # Triwulan IV's 3 + 1, Triwulan III's 1 + 1
        self.assertContains(response, "Yang tercantum: Dikirim 4 · Dikembalikan untuk diperbaiki 2.")
        self.assertContains(response, "Tab lainnya hanya menghitung realisasi Triwulan IV 2025.")
        self.assertNotContains(self.page("submitted"), "Yang tercantum:")

    def test_the_indicators_without_a_submitted_figure_are_named(self) -> None:
        response = self.page("submitted")
        self.assertContains(response, "5 indikator belum memiliki realisasi yang dikirim.")
        # The draft's, the two without any figure, and those with a figure of Triwulan III only.
        expected = [self.q4[DRAFT][0].indicator, *self.without, *(a.indicator for a in self.q3)]
        self.assertEqual([i.code for i in response.context["missing"]], [i.code for i in expected])
        page = response.content.decode()
        for indicator in expected:
            self.assertIn(f'<li><span class="perf-code">{indicator.code}</span> {indicator.name} <span class="muted">· '
                          f'{indicator.division.short_name or indicator.division.name}</span></li>', page)
        # Triwulan III: its two figures were sent (one returned since), the others have none of that quarter.
        self.assertEqual([i.code for i in self.page("submitted", 3).context["missing"]],
                         [f"IK-{n:02}" for n in range(1, 9)])

    def test_a_decision_without_htmx_comes_back_at_the_next_row(self) -> None:
        first, second, _ = self.q4[SUBMITTED]
        response = self.page("submitted")
        self.assertEqual([r["actual"].pk for r in response.context["rows"]], [a.pk for a in self.q4[SUBMITTED]])
        self.assertContains(response, f'<input type="hidden" name="next" value="{second.pk}">')
        posted = self.client.post(f"/data/actuals/{first.pk}/check/",
                                  {"status": "submitted", "quarter": "4", "next": str(second.pk)})
        self.assertRedirects(posted, f"/data/check/?year=2025&quarter=4&status=submitted#a{second.pk}",
                             fetch_redirect_response=False)
        posted = self.client.post(f"/data/actuals/{second.pk}/return/",
                                  {"status": "submitted", "quarter": "4", "next": "99999999",
                                   f"r{second.pk}-reason": "Angka tidak sesuai bukti"})
        self.assertTrue(posted["Location"].endswith("status=submitted#a99999999"))
        # A refusal comes back at the figure it is about, the reason typed in the message.
        posted = self.client.post(f"/data/actuals/{second.pk}/return/",
                                  {"status": "submitted", "quarter": "4", "next": "1",
                                   f"r{second.pk}-reason": "Sekali lagi"})
        self.assertTrue(posted["Location"].endswith(f"#a{second.pk}"))

    def test_a_decision_with_htmx_swaps_the_row_and_the_counts_in_place(self) -> None:
        first = self.q4[SUBMITTED][0]
        response = self.client.post(f"/data/actuals/{first.pk}/check/", {"status": "submitted", "quarter": "4"}, **HTMX)
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        self.assertTrue(page.startswith(f'<article class="card perf-check perf-decided" id="a{first.pk}">'))
        self.assertIn(f'<p class="perf-decided-notice" role="status"><span class="perf-code">{first.indicator.code}'
                      f'</span> telah diperiksa.</p>', page)
        self.assertIn('<span class="badge status-checked">Diperiksa</span>', page)
        self.assertIn('<ul class="perf-tabs" id="check-tabs" hx-swap-oob="true">', page)
        self.assertIn("Dikirim (2)</a>", page)
        self.assertIn("Diperiksa (2)</a>", page)
        self.assertIn("Menahan laporan (5)</a>", page)
        self.assertNotIn("<html", page)
        first.refresh_from_db()
        self.assertEqual(first.status, CHECKED)
        # The page's forms post with htmx to the row, and work without it.
        self.assertContains(self.page("submitted"), f'hx-target="#a{self.q4[SUBMITTED][1].pk}" hx-swap="outerHTML"')

    def test_a_return_with_htmx_tells_the_division_and_a_refusal_keeps_the_reason(self) -> None:
        second = self.q4[SUBMITTED][1]
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"/data/actuals/{second.pk}/return/", {
                "status": "submitted", "quarter": "4", f"r{second.pk}-reason": "Angka tidak sesuai bukti"}, **HTMX)
        self.assertContains(response, "dikembalikan ke bidang.</p>")
        self.assertContains(response, '<p class="perf-returned">Dikembalikan oleh Kasubbag: Angka tidak sesuai bukti</p>')
        self.assertContains(response, "Dikembalikan untuk diperbaiki (2)</a>")
        self.assertEqual(len(mail.outbox), 2)  # the division's contact and head
        response = self.client.post(f"/data/actuals/{second.pk}/return/", {
            "status": "submitted", "quarter": "4", f"r{second.pk}-reason": "Tabel tidak terbaca"}, **HTMX)
        # Returned meanwhile: refused, the reason typed shown to be copied, no form to return it again.
        self.assertContains(response, '<p class="perf-decided-error" role="alert">')
        self.assertContains(response, "Alasan Anda, belum tersimpan: “Tabel tidak terbaca”</p>")
        self.assertNotContains(response, "<textarea")
        self.assertEqual(len(mail.outbox), 2)

    def test_the_tab_counts_come_from_one_query(self) -> None:
        with CaptureQueriesContext(connection) as queries:
            counts = checking.tab_counts(self.office, Period(2025, 4))
        self.assertEqual(len(queries), 1)
        for tab in checking.TABS:
            self.assertEqual(counts[tab], checking.tab_actuals(self.office, tab, Period(2025, 4)).count())

    def test_the_page_and_a_decision_cost_the_same_queries_for_few_figures_or_many(self) -> None:
        def measure() -> tuple[int, int, int]:
            with CaptureQueriesContext(connection) as page:
                self.page("submitted")
            with CaptureQueriesContext(connection) as report:
                self.page("report")
            target = Actual.objects.filter(indicator__office=self.office, status=SUBMITTED, year=2025,
                                           quarter=4).order_by("pk").first()
            assert target is not None
            with CaptureQueriesContext(connection) as decided:
                self.client.post(f"/data/actuals/{target.pk}/check/", {"status": "submitted", "quarter": "4"}, **HTMX)
            return len(page), len(report), len(decided)

        Indicator.objects.filter(pk=self.without[0].pk).update(division=None)  # one named as without a division
        few = measure()
        for _ in range(30):
            self.figure(4, SUBMITTED)
            self.figure(3, RETURNED)
            Indicator.objects.filter(pk=self.indicator().pk).update(division=None)
        self.client.force_login(self.subsection_head)
        self.assertEqual(measure(), few)
