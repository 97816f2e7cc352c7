"""Editing the Rencana Aksi on the Target page: add, change, remove and move an activity (plan.py), by
whoever may edit the targets (the Subbag Program); a bad value names its field and value, keeps what was
typed and saves nothing; the page costs the same queries for any number of activities. The functions'
messages are read in English, the pages (force_login) in Indonesian."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.errors import NotAllowed
from kinerja.performance import plan
from kinerja.performance.models import ActionPlanItem
from tests.performance.test_views import ViewsTestCase


def _post(name: str = "", quarter: str = "", targets: tuple[str, str, str, str] = ("", "", "", ""), budget: str = "",
          prefix: str = "new") -> dict[str, str]:
    return {f"{prefix}-name": name, f"{prefix}-quarter": quarter, f"{prefix}-budget": budget,
            **{f"{prefix}-target_q{q}": t for q, t in enumerate(targets, start=1)}}


@pytest.mark.usefixtures("english")
class PlanFunctionsTestCase(ViewsTestCase):
    def names(self, year: int = 2025) -> list[str]:
        return list(ActionPlanItem.objects.filter(indicator=self.indicator, year=year).values_list("name", flat=True))

    def test_an_activity_is_added_at_the_end_with_its_figures_read_the_indonesian_way(self) -> None:
        plan.add_activity(self.indicator.pk, 2025, user=self.staff, name="Pendampingan RAT")
        item = plan.add_activity(self.indicator.pk, 2025, user=self.staff, name="  Bimbingan \n teknis  ", quarter=2,
                                 targets=["", "1.725", "65,5", ""], budget="Rp 1.500.000")
        self.assertEqual((item.order, item.name, item.quarter), (2, "Bimbingan teknis", 2))
        self.assertEqual(item.quarter_targets, [None, Decimal(1725), Decimal("65.5"), None])
        self.assertEqual(item.budget, Decimal(1500000))
        self.assertEqual(self.names(), ["Pendampingan RAT", "Bimbingan teknis"])

    def test_every_bad_value_is_named_with_its_field_and_nothing_is_saved(self) -> None:
        with self.assertRaises(plan.ActivityErrors) as caught:
            plan.add_activity(self.indicator.pk, 2025, user=self.staff, name=" ", targets=["1.5", "", "", "abc"],
                              budget="-5")
        errors = {e.field: str(e) for e in caught.exception.errors}
        self.assertEqual(set(errors), {"name", "target_q1", "target_q4", "budget"})
        self.assertIn("Activity", errors["name"])
        self.assertIn("Target TW I", errors["target_q1"])
        self.assertIn('"1.5" is ambiguous', errors["target_q1"])
        self.assertIn('"abc"', errors["target_q4"])
        self.assertIn("Budget (Rp) “-5”: a budget cannot be negative", errors["budget"])
        self.assertEqual(self.names(), [])

    def test_an_activity_longer_than_the_importer_takes_is_refused(self) -> None:
        with self.assertRaises(plan.ActivityErrors) as caught:
            plan.add_activity(self.indicator.pk, 2025, user=self.staff, name="x" * (plan.MAX_ACTIVITY + 1))
        self.assertIn("at most 2000 characters", str(caught.exception))

    def test_a_change_keeps_the_place_and_rewrites_the_values(self) -> None:
        first = plan.add_activity(self.indicator.pk, 2025, user=self.staff, name="A", targets=["1", "2", "3", "4"],
                                  budget="100")
        plan.add_activity(self.indicator.pk, 2025, user=self.staff, name="B")
        plan.change_activity(first.pk, user=self.subsection_head, name="A baru", quarter=4, targets=["", "", "", "9"])
        first.refresh_from_db()
        self.assertEqual((first.order, first.name, first.quarter, first.quarter_targets, first.budget),
                         (1, "A baru", 4, [None, None, None, Decimal(9)], None))

    def test_a_bad_change_leaves_the_activity_as_it_was(self) -> None:
        item = plan.add_activity(self.indicator.pk, 2025, user=self.staff, name="A", budget="100")
        with self.assertRaises(plan.ActivityErrors):
            plan.change_activity(item.pk, user=self.staff, name="A baru", budget="1,725.50")
        item.refresh_from_db()
        self.assertEqual((item.name, item.budget), ("A", Decimal(100)))

    def test_activities_move_up_and_down_and_a_removal_closes_the_gap(self) -> None:
        a, b, c = (plan.add_activity(self.indicator.pk, 2025, user=self.staff, name=n) for n in "ABC")
        plan.move_activity(c.pk, user=self.staff, up=True)
        self.assertEqual(self.names(), ["A", "C", "B"])
        plan.move_activity(a.pk, user=self.staff, up=False)
        self.assertEqual(self.names(), ["C", "A", "B"])
        plan.move_activity(c.pk, user=self.staff, up=True)  # already first: stays
        plan.move_activity(b.pk, user=self.staff, up=False)  # already last: stays
        self.assertEqual(self.names(), ["C", "A", "B"])
        plan.remove_activity(a.pk, user=self.staff)
        self.assertEqual(list(ActionPlanItem.objects.filter(indicator=self.indicator).values_list("name", "order")),
                         [("C", 1), ("B", 2)])
        self.assertEqual(plan.add_activity(self.indicator.pk, 2025, user=self.staff, name="D").order, 3)

    def test_an_activity_removed_meanwhile_is_not_found(self) -> None:
        item = plan.add_activity(self.indicator.pk, 2025, user=self.staff, name="A")
        plan.remove_activity(item.pk, user=self.staff)
        for call in (lambda: plan.remove_activity(item.pk, user=self.staff),
                     lambda: plan.change_activity(item.pk, user=self.staff, name="B"),
                     lambda: plan.move_activity(item.pk, user=self.staff, up=True)):
            with self.assertRaises(ActionPlanItem.DoesNotExist):
                call()

    def test_another_year_s_plan_is_its_own(self) -> None:
        plan.add_activity(self.indicator.pk, 2024, user=self.staff, name="Lama")
        item = plan.add_activity(self.indicator.pk, 2025, user=self.staff, name="Baru")
        self.assertEqual(item.order, 1)
        plan.move_activity(item.pk, user=self.staff, up=True)
        self.assertEqual(self.names(2024), ["Lama"])

    def test_only_who_manages_targets_edits_the_plan(self) -> None:
        item = plan.add_activity(self.indicator.pk, 2025, user=self.staff, name="A")
        for call in (lambda: plan.add_activity(self.indicator.pk, 2025, user=self.contact, name="B"),
                     lambda: plan.change_activity(item.pk, user=self.contact, name="B"),
                     lambda: plan.move_activity(item.pk, user=self.contact, up=False),
                     lambda: plan.remove_activity(item.pk, user=self.contact)):
            with self.assertRaises(NotAllowed):
                call()
        self.assertEqual(self.names(), ["A"])


class PlanPagesTestCase(ViewsTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.url = f"/data/indicators/{self.indicator.pk}/targets/?year=2025"
        self.add_url = f"/data/indicators/{self.indicator.pk}/activities/?year=2025"

    def test_the_subbag_adds_an_activity_from_the_target_page(self) -> None:
        self.client.force_login(self.staff)
        page = self.client.get(self.url)
        self.assertContains(page, 'id="plan-form"')
        self.assertContains(page, "Tambah kegiatan")
        response = self.client.post(self.add_url, _post("Pendampingan RAT", "", ("10", "20", "", "40,5"), "5.000.000"))
        self.assertRedirects(response, self.url + "#plan", fetch_redirect_response=False)
        item = ActionPlanItem.objects.get(indicator=self.indicator, year=2025)
        self.assertEqual((item.name, item.target_q4, item.budget), ("Pendampingan RAT", Decimal("40.5"), Decimal(5000000)))
        page = self.client.get(self.url)
        self.assertContains(page, "Pendampingan RAT")
        self.assertContains(page, "5.000.000")
        self.assertContains(page, "Kegiatan 1 telah ditambahkan ke rencana aksi.")

    def test_with_htmx_the_answer_is_the_plan_section(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.post(self.add_url, _post("Rapat koordinasi"), headers={"HX-Request": "true"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<section class="card perf-objective perf-plan-edit" id="plan"')
        self.assertNotContains(response, "<html")
        self.assertContains(response, "Kegiatan 1 telah ditambahkan ke rencana aksi.")

    def test_a_bad_number_keeps_everything_typed_and_names_field_and_value(self) -> None:
        self.client.force_login(self.staff)
        data = _post("Sosialisasi\nkoperasi", "3", ("10", "1.5", "", ""), "2.000.000")
        response = self.client.post(self.add_url, data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Target TW II: &quot;1.5&quot; bermakna ganda", status_code=400)
        self.assertContains(response, 'value="1.5"', status_code=400)
        self.assertContains(response, 'value="2.000.000"', status_code=400)
        self.assertContains(response, "Sosialisasi\nkoperasi</textarea>", status_code=400)
        self.assertContains(response, '<option value="3" selected>', status_code=400)
        self.assertFalse(ActionPlanItem.objects.exists())
        htmx = self.client.post(self.add_url, data, headers={"HX-Request": "true"})
        self.assertEqual(htmx.status_code, 200)  # htmx swaps only 2xx: the section carries the error
        self.assertContains(htmx, 'value="1.5"')
        self.assertContains(htmx, 'class="error"')

    def test_an_activity_is_edited_in_its_own_form(self) -> None:
        item = plan.add_activity(self.indicator.pk, 2025, user=self.staff, name="Lama", targets=["1", "", "", ""])
        self.client.force_login(self.subsection_head)
        url = f"/data/activities/{item.pk}/"
        form = self.client.get(url)
        self.assertContains(form, "Ubah kegiatan 1")
        self.assertContains(form, f'name="a{item.pk}-target_q1" value="1"', html=False)
        self.assertContains(self.client.get(url, headers={"HX-Request": "true"}), "Simpan kegiatan")
        refused = self.client.post(url, _post("Baru", "", ("1", "", "", ""), "lima juta", prefix=f"a{item.pk}"))
        self.assertContains(refused, "Anggaran (Rp): &quot;lima juta&quot; bukan angka.", status_code=400)
        self.assertContains(refused, 'value="lima juta"', status_code=400)
        item.refresh_from_db()
        self.assertEqual(item.name, "Lama")
        saved = self.client.post(url, _post("Baru", "1", ("1", "", "", ""), "5.000.000", prefix=f"a{item.pk}"))
        self.assertEqual(saved.status_code, 302)
        item.refresh_from_db()
        self.assertEqual((item.name, item.quarter, item.budget), ("Baru", 1, Decimal(5000000)))

    def test_activities_are_removed_and_reordered(self) -> None:
        a, b = (plan.add_activity(self.indicator.pk, 2025, user=self.staff, name=n) for n in ("Pertama", "Kedua"))
        self.client.force_login(self.staff)
        self.assertEqual(self.client.post(f"/data/activities/{b.pk}/move/", {"direction": "up"}).status_code, 302)
        self.assertEqual(list(ActionPlanItem.objects.values_list("name", flat=True)), ["Kedua", "Pertama"])
        moved = self.client.post(f"/data/activities/{b.pk}/move/", {"direction": "down"}, headers={"HX-Request": "true"})
        self.assertContains(moved, "telah diturunkan")
        self.assertEqual(list(ActionPlanItem.objects.values_list("name", flat=True)), ["Pertama", "Kedua"])
        self.assertEqual(self.client.post(f"/data/activities/{a.pk}/remove/").status_code, 302)
        self.assertEqual(list(ActionPlanItem.objects.values_list("name", "order")), [("Kedua", 1)])
        self.assertEqual(self.client.get(f"/data/activities/{a.pk}/").status_code, 404)

    def test_a_division_contact_is_refused_every_edit(self) -> None:
        item = plan.add_activity(self.indicator.pk, 2025, user=self.staff, name="Tetap")
        self.client.force_login(self.contact)
        for method, url, data in [
                ("post", self.add_url, _post("Baru")),
                ("get", f"/data/activities/{item.pk}/", {}),
                ("post", f"/data/activities/{item.pk}/", _post("Diubah", prefix=f"a{item.pk}")),
                ("post", f"/data/activities/{item.pk}/move/", {"direction": "down"}),
                ("post", f"/data/activities/{item.pk}/remove/", {})]:
            self.assertEqual(getattr(self.client, method)(url, data).status_code, 403, url)
        self.assertEqual(list(ActionPlanItem.objects.values_list("name", flat=True)), ["Tetap"])

    def test_another_office_s_activity_is_not_found(self) -> None:
        foreign = ActionPlanItem.objects.create(indicator=self.foreign, year=2025, order=1, name="Kantor lain")
        self.client.force_login(self.staff)
        self.assertEqual(self.client.post(f"/data/indicators/{self.foreign.pk}/activities/?year=2025",
                                          _post("X")).status_code, 404)
        for suffix in ("", "move/", "remove/"):
            self.assertEqual(self.client.post(f"/data/activities/{foreign.pk}/{suffix}",
                                              _post("X", prefix=f"a{foreign.pk}")).status_code, 404)
        self.assertEqual(ActionPlanItem.objects.get(pk=foreign.pk).name, "Kantor lain")

    def test_the_target_page_costs_the_same_queries_for_one_or_forty_activities(self) -> None:
        plan.add_activity(self.indicator.pk, 2025, user=self.staff, name="Kegiatan 0")
        self.client.force_login(self.staff)
        one = self.count_queries(self.url)
        for i in range(1, 40):
            plan.add_activity(self.indicator.pk, 2025, user=self.staff, name=f"Kegiatan {i}", quarter=1 + i % 4,
                              targets=[str(i), "", "", ""], budget="1.000")
        with self.assertNumQueries(one):
            response = self.client.get(self.url)
        self.assertContains(response, "Kegiatan 39")
        editing = ActionPlanItem.objects.filter(indicator=self.indicator).last()
        self.assertEqual(self.count_queries(f"/data/activities/{editing.pk}/"), one)  # the activity, with its indicator
