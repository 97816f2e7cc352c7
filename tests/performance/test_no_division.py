"""Indicators imported without a responsible division (bidang): the Subbag Program, who compiles the office's
data, finds them on the input page under their own choice, marked, and enters their actuals; the check page
names them, with the way to assign a division. Nobody else is offered them."""

from __future__ import annotations

from decimal import Decimal

from kinerja.performance.models import Actual, Indicator, Target
from tests.performance.test_views import ViewsTestCase


class NoDivisionTestCase(ViewsTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.orphan = Indicator.objects.create(office=self.office, objective=self.objective, code="IK-07",
                                               name="Jumlah koperasi sehat", unit="unit", division=None)
        Target.objects.create(indicator=self.orphan, year=2025, kind="agreement", value_number=Decimal(40))

    def test_the_subbag_program_finds_them_on_the_input_page_marked(self) -> None:
        for user in (self.staff, self.subsection_head):
            self.client.force_login(user)
            page = self.client.get("/data/input/?year=2025&quarter=1").content.decode()
            self.assertIn('<option value="none">Belum ada bidang penanggung jawab (1)</option>', page)
            self.assertNotIn("Jumlah koperasi sehat", page)  # the first division's page
            page = self.client.get("/data/input/?year=2025&quarter=1&division=none").content.decode()
            self.assertIn("IK-07", page)
            self.assertIn('<option value="none" selected>', page)
            self.assertNotIn("Jumlah koperasi aktif", page)  # the division's own are on its page
            card = page[page.index(f'id="i{self.orphan.pk}"'):]
            self.assertIn("Belum ada bidang penanggung jawab", card)
            self.assertIn(f'href="/data/indicators/{self.orphan.pk}/"', card)

    def test_the_subbag_program_enters_their_actual(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.post(f"/data/input/{self.orphan.pk}/", {
            "year": 2025, "quarter": 1, f"i{self.orphan.pk}-value": "38", "submit": "1"})
        self.assertRedirects(response, f"/data/input/?year=2025&quarter=1&division=none#i{self.orphan.pk}",
                             fetch_redirect_response=False)
        actual = Actual.objects.get(indicator=self.orphan)
        self.assertEqual((actual.value_number, actual.status), (Decimal(38), "submitted"))

    def test_a_refused_value_comes_back_on_their_page(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.post(f"/data/input/{self.orphan.pk}/", {
            "year": 2025, "quarter": 1, f"i{self.orphan.pk}-value": "1.5"})
        self.assertContains(response, "bermakna ganda", status_code=400)
        self.assertContains(response, '<option value="none" selected>', status_code=400)

    def test_a_division_contact_is_neither_offered_them_nor_may_post(self) -> None:
        self.client.force_login(self.contact)
        page = self.client.get("/data/input/?year=2025&quarter=1&division=none").content.decode()
        self.assertNotIn("IK-07", page)
        self.assertNotIn('value="none"', page)
        response = self.client.post(f"/data/input/{self.orphan.pk}/", {
            "year": 2025, "quarter": 1, f"i{self.orphan.pk}-value": "38"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Actual.objects.exists())

    def test_the_check_page_names_them_with_the_way_to_assign_a_division(self) -> None:
        self.client.force_login(self.subsection_head)
        page = self.client.get("/data/check/?year=2025&quarter=1").content.decode()
        section = page[page.index('id="no-division"'):]
        section = section[:section.index("</section>")]
        self.assertIn("Belum ada bidang penanggung jawab", section)
        self.assertIn('<span class="perf-code">IK-07</span> Jumlah koperasi sehat', section)
        self.assertIn(f'href="/data/indicators/{self.orphan.pk}/"', section)
        self.assertIn(f'href="/data/input/?year=2025&amp;quarter=1&amp;division=none#i{self.orphan.pk}"', section)
        self.assertNotIn("Jumlah koperasi aktif", section)

    def test_once_assigned_they_leave_the_list(self) -> None:
        self.orphan.division = self.division
        self.orphan.save()
        self.client.force_login(self.subsection_head)
        self.assertNotContains(self.client.get("/data/check/?year=2025&quarter=1"), 'id="no-division"')
        self.assertNotContains(self.client.get("/data/input/?year=2025&quarter=1"), 'value="none"')


class IndicatorOfTheSecretariatTestCase(ViewsTestCase):
    """The Sekretariat answers for indicators of its own (Unit.ASKED_FOR_DATA): the indicator's page offered only
    the Bidang, so saving such an indicator for any other change quietly left it without a division."""

    def test_saving_it_keeps_its_unit(self) -> None:
        from kinerja.org.models import Unit

        secretariat = Unit.objects.get(office=self.office, kind=Unit.Kind.SECRETARIAT)
        indicator = self.make_indicator("IK-09", "Nilai SAKIP", 70, division=secretariat)
        self.client.force_login(self.subsection_head)
        page = self.client.get(f"/data/indicators/{indicator.pk}/").content.decode()
        self.assertIn(f'<option value="{secretariat.pk}" selected>', page)
        form = self.client.get(f"/data/indicators/{indicator.pk}/").context["form"]
        data = {name: ("on" if value is True else value) for name, value in form.initial.items()
                if value is not None and value is not False}
        data["name"] = "Nilai evaluasi SAKIP"  # the change made; the division is sent as the page showed it
        response = self.client.post(f"/data/indicators/{indicator.pk}/", data)
        self.assertEqual(response.status_code, 302, response.context and response.context["form"].errors)
        indicator.refresh_from_db()
        self.assertEqual((indicator.name, indicator.division_id), ("Nilai evaluasi SAKIP", secretariat.pk))
