from kinerja.org import actions
from tests.base import KinerjaTestCase


class StructureTestCase(KinerjaTestCase):
    def test_it_shows_who_holds_each_position_today(self) -> None:
        self.client.force_login(self.staff)
        r = self.client.get("/org/")
        self.assertContains(r, "Kepala Sub Bagian Program, Keuangan dan Aset")
        self.assertContains(r, "Contoh Kasubbag Demo, S.E.")
        self.assertNotContains(r, "other-office")

    def test_it_runs_the_same_queries_for_a_small_or_large_office(self) -> None:
        self.client.force_login(self.staff)
        # session, user, person+office, nav (positions held), units, positions, assignments
        with self.assertNumQueries(7):
            self.client.get("/org/")
        unit = self.positions["staff"].unit
        for i in range(50):
            p = actions.add_position(unit, f"Analis {i}", "staff")
            person = actions.add_person(self.office, username=f"analis{i}", full_name=f"Analis {i}", password="x")
            actions.assign(person, p, starts_on=self.built.people["jfu"].assignments.first().starts_on)
        with self.assertNumQueries(7):
            r = self.client.get("/org/")
        self.assertContains(r, "Analis 49")


class PersonTestCase(KinerjaTestCase):
    def test_it_shows_a_colleague(self) -> None:
        self.client.force_login(self.staff)
        r = self.client.get(f"/org/people/{self.secretary.person.pk}/")
        self.assertContains(r, "19780315 200312 1 002")
        self.assertContains(r, "Pembina (IV/a)")
        self.assertContains(r, "Plt. Kepala Dinas Koperasi dan UKM")
        self.assertContains(r, "800/123/III.07/2025")

    def test_another_office_is_invisible(self) -> None:
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(f"/org/people/{self.secretary.person.pk}/").status_code, 404)
        r = self.client.get("/org/")
        self.assertNotContains(r, f"/org/people/{self.subsection_head.person.pk}/")
        self.assertContains(r, f"/org/people/{self.outsider.person.pk}/")
