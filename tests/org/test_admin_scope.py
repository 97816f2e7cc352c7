"""The Django admin is scoped to an office: the demo office's administrator (staff, not superuser) sees
and changes only their office's rows, their forms offer only their office's choices, and the city's
operator (a superuser) sees every office."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from kinerja.org.models import Position, SpecialDay, Unit
from kinerja.performance.models import Program
from tests.base import PASSWORD, KinerjaTestCase


class OfficeAdminScopeTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.admin)

    def test_an_office_administrator_is_not_a_superuser(self) -> None:
        self.assertTrue(self.admin.is_staff)
        self.assertFalse(self.admin.is_superuser)

    def test_the_admin_index_lists_what_the_administrator_manages(self) -> None:
        page = self.client.get("/admin/")
        for url in ("/admin/org/unit/", "/admin/org/specialday/", "/admin/performance/program/",
                    "/admin/correspondence/requiredinitial/"):
            self.assertContains(page, url)
        self.assertNotContains(page, "/admin/auth/user/")  # accounts: the city's operator

    def test_lists_show_only_the_administrators_office(self) -> None:
        mine = Unit.objects.filter(office=self.office).first()
        theirs = Unit.objects.filter(office=self.other_office).first()
        page = self.client.get("/admin/org/unit/")
        self.assertEqual(page.status_code, 200)
        self.assertEqual(set(page.context["cl"].queryset), set(Unit.objects.filter(office=self.office)))
        self.assertContains(page, f"/admin/org/unit/{mine.pk}/change/")
        self.assertNotContains(page, f"/admin/org/unit/{theirs.pk}/change/")
        offices = self.client.get("/admin/org/office/").context["cl"].queryset
        self.assertEqual(list(offices), [self.office])
        assignments = self.client.get("/admin/org/assignment/").context["cl"].queryset
        self.assertTrue(assignments.exists())
        self.assertFalse(assignments.exclude(position__office=self.office).exists())

    def test_filters_name_no_other_office(self) -> None:
        self.other_office.name = "Dinas Perhubungan Kota Contoh"
        self.other_office.save()
        for url in ("/admin/org/unit/", "/admin/org/position/", "/admin/org/assignment/", "/admin/org/specialday/"):
            page = self.client.get(url)
            self.assertEqual(page.status_code, 200, url)
            self.assertNotContains(page, self.other_office.name)
        operator = get_user_model().objects.create_superuser("operator-kota", "operator@kota.invalid", PASSWORD)
        self.client.force_login(operator)
        self.assertContains(self.client.get("/admin/org/unit/"), self.other_office.name)

    def test_another_offices_row_cannot_be_opened_changed_or_deleted(self) -> None:
        theirs = Position.objects.filter(office=self.other_office).first()
        for url in (f"/admin/org/position/{theirs.pk}/change/", f"/admin/org/position/{theirs.pk}/delete/"):
            response = self.client.get(url)
            self.assertNotEqual(response.status_code, 200, url)
        response = self.client.post(f"/admin/org/position/{theirs.pk}/delete/", {"post": "yes"})
        self.assertTrue(Position.objects.filter(pk=theirs.pk).exists())
        self.assertNotEqual(response.status_code, 200)

    def test_forms_offer_only_the_administrators_office(self) -> None:
        form = self.client.get("/admin/org/specialday/add/").context["adminform"].form
        self.assertEqual(list(form.fields["office"].queryset), [self.office])
        self.assertEqual(form.initial["office"], self.office.pk)
        form = self.client.get("/admin/org/assignment/add/").context["adminform"].form
        self.assertFalse(form.fields["position"].queryset.exclude(office=self.office).exists())
        self.assertFalse(form.fields["person"].queryset.exclude(office=self.office).exists())

    def test_a_row_for_another_office_is_refused(self) -> None:
        response = self.client.post("/admin/org/specialday/add/", {
            "office": self.other_office.pk, "date": "2025-08-18", "kind": "holiday", "reason": "Cuti daerah"})
        self.assertEqual(response.status_code, 200)  # the form again, with its error
        self.assertIn("office", response.context["adminform"].form.errors)
        self.assertFalse(SpecialDay.objects.filter(reason="Cuti daerah").exists())
        response = self.client.post("/admin/org/specialday/add/", {
            "office": self.office.pk, "date": "2025-08-18", "kind": "holiday", "reason": "Cuti daerah"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(SpecialDay.objects.get(reason="Cuti daerah").office, self.office)

    def test_only_the_city_operator_adds_or_deletes_offices(self) -> None:
        self.assertEqual(self.client.get("/admin/org/office/add/").status_code, 403)
        self.assertEqual(self.client.get(f"/admin/org/office/{self.office.pk}/delete/").status_code, 403)
        self.assertEqual(self.client.get(f"/admin/org/office/{self.office.pk}/change/").status_code, 200)

    def test_the_city_operator_sees_every_office(self) -> None:
        operator = get_user_model().objects.create_superuser("operator-kota", "operator@kota.invalid", PASSWORD)
        self.client.force_login(operator)
        units = self.client.get("/admin/org/unit/").context["cl"].queryset
        self.assertEqual(set(units), set(Unit.objects.all()))
        self.assertEqual(self.client.get("/admin/org/office/add/").status_code, 200)

    def test_people_of_no_office_see_nothing_in_the_admin(self) -> None:
        staff = get_user_model().objects.create_user("staf-tanpa-kantor", password=PASSWORD, is_staff=True)
        self.client.force_login(staff)
        self.assertEqual(self.client.get("/admin/org/unit/").status_code, 403)
        self.assertNotContains(self.client.get("/admin/"), "/admin/org/unit/")

    def test_budgets_stay_within_the_office(self) -> None:
        Program.objects.create(office=self.other_office, year=2025, code="9.99", name="Program Kantor Lain", order=1)
        page = self.client.get("/admin/performance/program/")
        self.assertNotContains(page, "Program Kantor Lain")
