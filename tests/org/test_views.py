from kinerja.org import actions
from tests.base import KinerjaTestCase


class StructureTestCase(KinerjaTestCase):
    def test_it_shows_who_holds_each_position_today(self) -> None:
        self.client.force_login(self.staff)
        r = self.client.get("/org/")
        self.assertContains(r, "Kepala Sub Bagian Program, Keuangan dan Aset")
        self.assertContains(r, "Contoh Kasubbag Demo, S.E.")
        self.assertNotContains(r, "other-office")

    def test_several_holders_are_each_an_item_of_their_own(self) -> None:
        # On a phone a long name wraps: a holder per list item keeps two names from reading as one.
        self.client.force_login(self.staff)
        html = self.client.get("/org/").content.decode()
        row = html[html.index("Jabatan Fungsional Umum"):]
        row = row[:row.index("</tr>")]
        self.assertEqual(row.count('<li><a href="/org/people/'), 2)

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
        self.assertContains(r, "Plh. Kepala Dinas Koperasi dan UKM")
        self.assertContains(r, "800/123/III.07/2025")

    def test_another_office_is_invisible(self) -> None:
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(f"/org/people/{self.secretary.person.pk}/").status_code, 404)
        r = self.client.get("/org/")
        self.assertNotContains(r, f"/org/people/{self.subsection_head.person.pk}/")
        self.assertContains(r, f"/org/people/{self.outsider.person.pk}/")


class StructureOrderTestCase(KinerjaTestCase):
    def test_a_section_entered_last_shows_under_its_division(self) -> None:
        first, second = self.built.divisions[0], self.built.divisions[1]
        section = actions.add_unit(self.office, "Seksi Pengawasan Koperasi", "section", parent=first)
        actions.add_position(section, "Kepala Seksi Pengawasan Koperasi", "unit_head")
        self.client.force_login(self.staff)
        page = self.client.get("/org/").content.decode()
        self.assertLess(page.index(f"<h2>{first.name}</h2>"), page.index("<h2>Seksi Pengawasan Koperasi</h2>"))
        self.assertLess(page.index("<h2>Seksi Pengawasan Koperasi</h2>"), page.index(f"<h2>{second.name}</h2>"))
        self.assertIn(f"{first.name} ›", page)  # the Seksi names its Bidang
