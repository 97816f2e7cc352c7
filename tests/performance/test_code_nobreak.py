"""On the input card and the division's answer page an indicator's code is never broken at its hyphen: in the
card's heading and wherever a refusal or warning names it ("IK-01" split into "IK-" and "01" on a 1280 px card,
"IK-1.2.3" into "IK-" and "1.2.3" on a phone)."""

from __future__ import annotations

import re
from decimal import Decimal

from kinerja.performance import actions
from kinerja.performance.models import Actual, Indicator, Target
from kinerja.performance.templatetags.perfdata import code_message, keep_code
from tests.performance.test_views import ViewsTestCase
from tests.workflow.answering import AnsweringTestCase


class CodeKeptWholeTestCase(ViewsTestCase):
    def test_a_refusal_naming_the_code_keeps_it_on_one_line(self) -> None:
        opinion = Indicator.objects.create(office=self.office, objective=self.objective, code="IK-01",
                                           name="Opini BPK", unit="opini", division=self.division)
        Target.objects.create(indicator=opinion, year=2025, kind="agreement", value_text="WTP")
        self.client.force_login(self.contact)
        for headers in ({}, {"HX-Request": "true"}):
            page = self.client.post(f"/data/input/{opinion.pk}/", {"year": 2025, "quarter": 1,
                                                                  f"i{opinion.pk}-value": "90"},
                                    headers=headers).content.decode()
            card = page[page.index(f'id="i{opinion.pk}"'):]
            self.assertIn('<h2><span class="perf-code">IK-01</span> · Opini BPK</h2>', card)
            self.assertIn('padahal target <span class="perf-code">IK-01</span> berupa teks (WTP)', card)

    def test_a_warning_naming_the_code_keeps_it_on_one_line(self) -> None:
        index = Indicator.objects.create(office=self.office, objective=self.objective, code="IK-02",
                                         name="Indeks kepuasan", unit="indeks", division=self.division)
        Target.objects.create(indicator=index, year=2025, kind="agreement", value_number=Decimal(80))
        self.client.force_login(self.contact)
        page = self.client.post(f"/data/input/{index.pk}/", {"year": 2025, "quarter": 1,
                                                            f"i{index.pk}-value": "85%"}).content.decode()
        card = page[page.index(f'id="i{index.pk}"'):]
        self.assertIn('<span class="perf-code">IK-02</span> Indeks kepuasan', card)

    def test_the_message_stays_escaped(self) -> None:
        self.assertEqual(keep_code('<b>"IK-01"</b> IK-01', "IK-01"),
                         '&lt;b&gt;&quot;<span class="perf-code">IK-01</span>&quot;&lt;/b&gt; '
                         '<span class="perf-code">IK-01</span>')
        self.assertEqual(keep_code("<i>", None), "&lt;i&gt;")


class CodeKeptWholeInMessagesTestCase(ViewsTestCase):
    """The messages block of base.html, on whatever page comes next: a message naming an indicator's or
    objective's code keeps it in its unbroken span; every other part of it stays escaped."""

    def messages_of(self, response) -> list[str]:  # type: ignore[no-untyped-def]
        page = response.content.decode()
        start = page.index('<ul class="messages">')
        return re.findall(r"<li class=\"[^\"]*\">(.*?)</li>", page[start:page.index("</ul>", start)])

    def submitted(self, indicator: Indicator) -> Actual:
        actual = actions.save_actual(indicator.pk, 2025, 1, user=self.contact, value="1.650")
        return actions.submit_actual(actual.pk, user=self.contact)

    def test_saving_an_indicator_objective_targets_or_a_figure_names_the_code_whole(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.post(f"/data/objectives/{self.objective.pk}/", {"code": "SS-01", "name": "Koperasi",
                                                                               "order": 1}, follow=True)
        self.assertEqual(self.messages_of(response), ['Sasaran <span class="perf-code">SS-01</span> telah disimpan.'])
        response = self.client.post(f"/data/indicators/{self.indicator.pk}/", {
            "objective": self.objective.pk, "code": "IK-01", "name": "Jumlah koperasi aktif", "unit": "unit",
            "polarity": "higher_is_better", "negative_method": "standard", "division": self.division.pk,
            "quarter_aggregation": "last", "order": 1}, follow=True)
        self.assertEqual(self.messages_of(response), ['Indikator <span class="perf-code">IK-01</span> telah disimpan.'])
        response = self.client.post(f"/data/indicators/{self.indicator.pk}/targets/?year=2025", {
            "agreement": "1.750"}, follow=True)
        self.assertEqual(self.messages_of(response),
                         ['Target <span class="perf-code">IK-01</span> untuk tahun 2025 telah disimpan.'])
        self.client.force_login(self.contact)
        response = self.client.post(f"/data/input/{self.indicator.pk}/", {
            "year": 2025, "quarter": 1, f"i{self.indicator.pk}-value": "1.650"}, follow=True)
        self.assertEqual(self.messages_of(response), ['<span class="perf-code">IK-01</span> telah disimpan.'])

    def test_checking_and_returning_name_the_code_whole_also_in_a_refusal(self) -> None:
        Indicator.objects.filter(pk=self.indicator.pk).update(code="IK-01")
        self.indicator.refresh_from_db()
        first = self.submitted(self.indicator)
        self.client.force_login(self.subsection_head)
        response = self.client.post(f"/data/actuals/{first.pk}/check/", follow=True)
        self.assertEqual(self.messages_of(response), ['<span class="perf-code">IK-01</span> telah diperiksa.'])
        second = self.submitted(self.make_indicator("IK-02", "Jumlah UMKM", 100))
        response = self.client.post(f"/data/actuals/{second.pk}/return/", {f"r{second.pk}-reason": "Bukti kurang"},
                                    follow=True)
        self.assertEqual(self.messages_of(response), ['<span class="perf-code">IK-02</span> telah dikembalikan ke bidang.'])
        # Returned meanwhile: the refusal names the code (twice) and keeps the reason typed, escaped.
        response = self.client.post(f"/data/actuals/{second.pk}/return/", {f"r{second.pk}-reason": "<b>Tabel</b>"},
                                    follow=True)
        [shown] = self.messages_of(response)
        self.assertTrue(shown.startswith('<span class="perf-code">IK-02</span>: '), shown)
        self.assertIn("Alasan Anda, belum tersimpan: “&lt;b&gt;Tabel&lt;/b&gt;”", shown)
        self.assertNotIn("<b>", shown)

    def test_a_code_with_markup_stays_escaped_inside_its_span(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.post(f"/data/objectives/{self.objective.pk}/", {"code": "S-<i>1</i>", "name": "K",
                                                                               "order": 1}, follow=True)
        self.assertEqual(self.messages_of(response),
                         ['Sasaran <span class="perf-code">S-&lt;i&gt;1&lt;/i&gt;</span> telah disimpan.'])

    def test_a_message_without_a_code_is_unchanged(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.post(f"/data/indicators/{self.indicator.pk}/activities/?year=2025",
                                    {"new-name": "Pendampingan <RAT>"}, follow=True)
        self.assertEqual(self.messages_of(response), ["Kegiatan 1 telah ditambahkan ke rencana aksi."])

    def test_the_message_helper_escapes_every_part(self) -> None:
        self.assertEqual(code_message("<%(code)s> %(name)s %(year)d", code="IK-01", name="<b>", year=2025),
                         '&lt;<span class="perf-code">IK-01</span>&gt; &lt;b&gt; 2025')
        self.assertEqual(code_message("%(code)s: %(error)s", code="IK-01", error=keep_code("IK-01 <x>", "IK-01")),
                         '<span class="perf-code">IK-01</span>: <span class="perf-code">IK-01</span> &lt;x&gt;')


class CodeKeptWholeOnTheAnswerPageTestCase(AnsweringTestCase):
    def test_the_heading_the_field_s_error_and_the_list_at_the_top_keep_the_code_whole(self) -> None:
        Indicator.objects.filter(pk=self.active.pk).update(code="IK-1.2.3")
        self.client.force_login(self.contacts[0])
        url = f"/requests/{self.request.pk}/answer/"
        self.assertContains(self.client.get(url), '<h3><span class="perf-code">IK-1.2.3</span> · Jumlah koperasi aktif</h3>')
        response = self.client.post(url, {"answer-note": "Data TW I", f"i{self.active.pk}-value": "12,3,4",
                                          f"i{self.healthy.pk}-value": "<b>"})
        page = response.content.decode()
        message = '<span class="perf-code">IK-1.2.3</span> Jumlah koperasi aktif: &quot;12,3,4&quot;'
        summary = page[page.index('id="error-summary"'):page.index('id="answer-errors"')]
        self.assertIn(f'<a href="#id_i{self.active.pk}-value">{message}', summary)
        self.assertIn('<span class="perf-code">IK-02</span> Persentase koperasi sehat: &quot;&lt;b&gt;&quot;', summary)
        self.assertNotIn("<b>", page)
        card = page[page.index(f'id="i{self.active.pk}"'):]
        self.assertIn(f'role="alert">{message}', card)
        # The stylesheet that keeps it on one line is the page's.
        self.assertIn('href="/static/performance/performance.css"', page)
