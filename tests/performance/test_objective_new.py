"""Adding a strategic objective goes through actions.add_objective, with the checks of changing one
(actions.save_objective): the Subbag Program only, a code and a name, the plan's years in order, the code
unique within its strategic plan (told at the field, naming the objective that has it), nothing half-saved."""

from __future__ import annotations

import datetime as dt

from kinerja.errors import NotAllowed
from kinerja.performance import actions
from kinerja.performance.actions import FieldError
from kinerja.performance.models import Objective
from tests.performance.test_views import ViewsTestCase

URL = "/data/objectives/new/"


class ObjectiveNewTestCase(ViewsTestCase):
    def post(self, **data: object):  # type: ignore[no-untyped-def]
        return self.client.post(URL, {"code": "S2", "name": "Meningkatnya UMKM naik kelas", "order": 2,
                                      "plan_start_year": 2021, "plan_end_year": 2026, **data})

    def codes(self) -> list[str]:
        return list(Objective.objects.filter(office=self.office).values_list("code", flat=True))

    def test_the_subbag_program_adds_an_objective_named_in_the_message(self) -> None:
        self.client.force_login(self.staff)
        response = self.post(code="  SS-02 ", name=" UMKM naik kelas ")
        self.assertRedirects(response, "/data/indicators/", fetch_redirect_response=False)
        added = Objective.objects.get(office=self.office, code="SS-02")
        self.assertEqual((added.name, added.order, added.plan_start_year, added.plan_end_year),
                         ("UMKM naik kelas", 2, 2021, 2026))
        self.assertContains(self.client.get("/data/indicators/"),
                            'Sasaran <span class="perf-code">SS-02</span> telah disimpan.')

    def test_a_code_of_the_same_plan_is_refused_at_the_field_naming_the_objective_that_has_it(self) -> None:
        self.client.force_login(self.staff)
        response = self.post(code="S1", name="Nama baru yang diketik")
        self.assertContains(response, "Kode S1 sudah dipakai oleh Meningkatnya kualitas koperasi pada Renstra "
                                      "2021–2026.", status_code=400)
        self.assertContains(response, 'id="id_code-error"', status_code=400)
        self.assertContains(response, "Nama baru yang diketik", status_code=400)  # nothing typed is lost
        self.assertEqual(self.codes(), ["S1"])

    def test_the_same_code_in_another_plan_is_allowed(self) -> None:
        self.client.force_login(self.staff)
        self.assertEqual(self.post(code="S1", plan_start_year=2027, plan_end_year=2031).status_code, 302)
        self.assertEqual(sorted(Objective.objects.filter(code="S1", office=self.office)
                                .values_list("plan_start_year", flat=True)), [2021, 2027])

    def test_a_plan_ending_before_it_starts_or_a_year_out_of_range_is_told_at_its_field(self) -> None:
        self.client.force_login(self.staff)
        response = self.post(plan_start_year=2026, plan_end_year=2021)
        self.assertContains(response, "Renstra berakhir tahun 2021, sebelum dimulai (2026).", status_code=400)
        self.assertContains(response, 'id="id_plan_end_year-error"', status_code=400)
        response = self.post(plan_start_year=20250, plan_end_year=20260)
        self.assertContains(response, "20250 bukan tahun Renstra: isi tahun 2000 sampai 2100.", status_code=400)
        self.assertContains(response, 'id="id_plan_start_year-error"', status_code=400)
        self.assertEqual(self.codes(), ["S1"])

    def test_an_empty_code_or_name_is_told_by_the_action_too(self) -> None:
        self.client.force_login(self.staff)
        self.assertContains(self.post(code=" "), 'id="id_code-error"', status_code=400)
        for blank in ("code", "name"):
            with self.assertRaises(FieldError) as raised:
                actions.add_objective(self.office, user=self.staff, **{"code": "S3", "name": "UMKM", blank: "  "},
                                      order=1, plan_start_year=2021, plan_end_year=2026)
            self.assertEqual(raised.exception.field, blank)
        self.assertEqual(self.codes(), ["S1"])

    def test_only_the_subbag_program_may(self) -> None:
        self.client.force_login(self.contact)
        self.assertEqual(self.client.get(URL).status_code, 403)
        self.assertEqual(self.post().status_code, 403)
        with self.assertRaises(NotAllowed):
            actions.add_objective(self.office, user=self.contact, code="S3", name="UMKM", order=1,
                                  plan_start_year=2021, plan_end_year=2026)
        self.assertEqual(self.codes(), ["S1"])

    def test_the_form_proposes_the_years_of_the_plan_running_this_year(self) -> None:
        self.client.force_login(self.staff)
        year = dt.date.today().year
        Objective.objects.create(office=self.office, code="R1", name="Sasaran Renstra berjalan", order=1,
                                 plan_start_year=year - 2, plan_end_year=year + 2)
        page = self.client.get(URL)
        self.assertContains(page, f'name="plan_start_year" value="{year - 2}"')
        self.assertContains(page, f'name="plan_end_year" value="{year + 2}"')
        Objective.objects.filter(office=self.office).update(plan_start_year=2000, plan_end_year=2004)  # none runs
        page = self.client.get(URL)
        self.assertContains(page, f'name="plan_start_year" value="{year}"')
        self.assertContains(page, f'name="plan_end_year" value="{year + 4}"')
