"""On the input card an indicator's code is never broken at its hyphen: in the card's heading and wherever a
refusal or warning names it ("IK-01" split into "IK-" and "01" on a 1280 px card)."""

from __future__ import annotations

from decimal import Decimal

from kinerja.performance.models import Indicator, Target
from kinerja.performance.templatetags.perfdata import keep_code
from tests.performance.test_views import ViewsTestCase


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
