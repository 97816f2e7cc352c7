"""Changing an objective's code, name and order after it was created: the Subbag Program only, the code
unique within its strategic plan (told at the field, naming the objective that has it), nothing half-saved."""

from __future__ import annotations

from kinerja.errors import NotAllowed
from kinerja.performance import actions
from kinerja.performance.actions import FieldError
from kinerja.performance.models import Objective
from tests.performance.test_views import ViewsTestCase


class ObjectiveEditTestCase(ViewsTestCase):
    def setUp(self) -> None:
        super().setUp()
        Objective.objects.filter(pk=self.objective.pk).update(order=1)
        self.second = Objective.objects.create(office=self.office, code="S2", name="Meningkatnya UMKM naik kelas",
                                               order=2, plan_start_year=2021, plan_end_year=2026)
        self.url = f"/data/objectives/{self.second.pk}/"

    def test_the_list_links_each_objective_to_its_edit_page_for_the_subbag_program(self) -> None:
        self.client.force_login(self.staff)
        self.assertContains(self.client.get("/data/indicators/"), f'href="{self.url}"')
        self.client.force_login(self.contact)
        self.assertNotContains(self.client.get("/data/indicators/"), f'href="{self.url}"')

    def test_the_subbag_program_changes_code_name_and_order(self) -> None:
        self.client.force_login(self.staff)
        page = self.client.get(self.url)
        self.assertContains(page, 'value="S2"')
        self.assertContains(page, "Renstra 2021–2026")
        response = self.client.post(self.url, {"code": "SS-02", "name": "UMKM naik kelas", "order": 0})
        self.assertRedirects(response, "/data/indicators/", fetch_redirect_response=False)
        self.second.refresh_from_db()
        self.assertEqual((self.second.code, self.second.name, self.second.order), ("SS-02", "UMKM naik kelas", 0))
        self.assertEqual((self.second.plan_start_year, self.second.plan_end_year), (2021, 2026))
        codes = list(Objective.objects.filter(office=self.office).values_list("code", flat=True))
        self.assertEqual(codes, ["SS-02", "S1"])  # the order changed the list

    def test_a_code_of_another_objective_of_the_plan_is_refused_at_the_field(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.post(self.url, {"code": "S1", "name": "Nama baru", "order": 5})
        self.assertContains(response, "Kode S1 sudah dipakai oleh Meningkatnya kualitas koperasi pada Renstra "
                                      "2021–2026.", status_code=400)
        self.assertContains(response, ">\nNama baru</textarea>", status_code=400)  # nothing typed is lost
        self.second.refresh_from_db()
        self.assertEqual((self.second.code, self.second.name, self.second.order),
                         ("S2", "Meningkatnya UMKM naik kelas", 2))

    def test_the_same_code_in_another_plan_is_allowed(self) -> None:
        Objective.objects.create(office=self.office, code="S3", name="Sasaran Renstra baru", plan_start_year=2027,
                                 plan_end_year=2031)
        saved = actions.save_objective(self.office, user=self.staff, objective_id=self.second.pk, code="S3",
                                       name="UMKM", order=2)
        self.assertEqual(saved.code, "S3")

    def test_an_empty_code_or_a_bad_order_is_told(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.post(self.url, {"code": " ", "name": "UMKM", "order": "-1"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'id="id_code-error"', status_code=400)
        self.assertContains(response, 'id="id_order-error"', status_code=400)
        with self.assertRaises(FieldError) as raised:
            actions.save_objective(self.office, user=self.staff, objective_id=self.second.pk, code=" ", name="UMKM",
                                   order=1)
        self.assertEqual(raised.exception.field, "code")

    def test_only_the_subbag_program_may_and_only_in_its_office(self) -> None:
        self.client.force_login(self.contact)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertEqual(self.client.post(self.url, {"code": "X", "name": "Y", "order": 1}).status_code, 403)
        with self.assertRaises(NotAllowed):
            actions.save_objective(self.office, user=self.contact, objective_id=self.second.pk, code="X", name="Y",
                                   order=1)
        foreign = Objective.objects.get(office=self.other_office)
        self.client.force_login(self.staff)
        self.assertEqual(self.client.get(f"/data/objectives/{foreign.pk}/").status_code, 404)
        self.second.refresh_from_db()
        self.assertEqual(self.second.code, "S2")
