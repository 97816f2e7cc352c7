import datetime as dt

from kinerja.errors import KinerjaError
from kinerja.org import actions
from kinerja.org.holding import (
    acting_refusal,
    holder,
    holders,
    plh_without_holder,
    plt_beside_holder,
    positions_held,
    uncovered_days,
)
from kinerja.org.models import Assignment
from kinerja.org.roles import Role, acting_for_roles, roles_and_stand_ins, roles_from, roles_of
from tests.base import TODAY, KinerjaTestCase


class HoldingTestCase(KinerjaTestCase):
    def test_it_names_the_definitive_head_outside_the_acting_week(self) -> None:
        before = TODAY - dt.timedelta(days=1)
        self.assertEqual(holder(self.positions["head"], before).user, self.head)

    def test_it_names_the_acting_head_during_the_plh_week(self) -> None:
        for day in (TODAY, TODAY + dt.timedelta(days=6)):
            self.assertEqual(holders(self.positions["head"], day)[0].user, self.secretary)
        self.assertEqual(holder(self.positions["head"], TODAY + dt.timedelta(days=7)).user, self.head)

    def test_it_marks_acting_positions_held(self) -> None:
        held = positions_held(self.secretary, TODAY)
        kinds = {a.position.kind: a for a in held}
        self.assertTrue(kinds["head"].is_acting)
        self.assertEqual(kinds["head"].title_as_held, "Plh. Kepala Dinas Koperasi dan UKM")
        self.assertFalse(kinds["secretary"].is_acting)

    def test_the_demo_has_no_plt_beside_a_definitive_holder(self) -> None:
        # The Kadis is on leave in the demo's first week, not gone: the Sekretaris stands in as Plh, as SE
        # Kepala BKN 1/2021 has it. A Plt beside him was what the demo taught every administrator who tried it.
        acting = Assignment.objects.get(position=self.positions["head"], person__user=self.secretary)
        self.assertEqual(acting.kind, Assignment.Kind.PLH)
        self.assertEqual([pair for a in Assignment.objects.filter(position__office=self.office)
                          for pair in plt_beside_holder(a)], [])

    def test_the_demo_has_no_plh_over_a_vacant_position(self) -> None:
        self.assertEqual([found for a in Assignment.objects.filter(position__office=self.office)
                          for found in plh_without_holder(a)], [])

    def test_it_finds_the_days_no_definitive_holder_covers(self) -> None:
        d = dt.date
        held = [(d(2025, 1, 1), d(2025, 3, 31)), (d(2025, 4, 5), None)]
        self.assertEqual(uncovered_days(d(2025, 3, 1), d(2025, 3, 31), held), [])
        self.assertEqual(uncovered_days(d(2025, 3, 30), d(2025, 4, 10), held), [(d(2025, 4, 1), d(2025, 4, 4))])
        self.assertEqual(uncovered_days(d(2024, 12, 30), d(2025, 1, 2), held), [(d(2024, 12, 30), d(2024, 12, 31))])
        self.assertEqual(uncovered_days(d(2025, 3, 30), dt.date.max, held[:1]), [(d(2025, 4, 1), dt.date.max)])
        self.assertEqual(uncovered_days(d(2025, 3, 30), d(2025, 4, 2), []), [(d(2025, 3, 30), d(2025, 4, 2))])

    def test_it_lists_every_holder_of_a_staff_position(self) -> None:
        users = {p.user for p in holders(self.positions["staff"], TODAY)}
        self.assertEqual(users, {self.staff, self.staff2})

    def test_it_refuses_an_overlapping_definitive_holder(self) -> None:
        person = self.built.people["jfu"]
        with self.assertRaises(KinerjaError) as e:
            actions.assign(person, self.positions["subsection_head"], starts_on=TODAY)
        message = str(e.exception)
        self.assertIn("Kepala Sub Bagian Program, Keuangan dan Aset", message)
        self.assertIn("2023", message)  # the clashing holder's start date
        self.assertEqual(Assignment.objects.filter(person=person).count(), 1)

    def test_it_accepts_a_definitive_holder_after_the_previous_one_ends(self) -> None:
        # The JFU is promoted: their staff position and the old Kasubbag's end on the same day.
        Assignment.objects.filter(position__in=[self.positions["subsection_head"], self.positions["staff"]],
                                  person__in=[self.built.people["kasubbag"], self.built.people["jfu"]]
                                  ).update(ends_on=TODAY)
        actions.assign(self.built.people["jfu"], self.positions["subsection_head"],
                       starts_on=TODAY + dt.timedelta(days=1))
        self.assertEqual(holder(self.positions["subsection_head"], TODAY + dt.timedelta(days=1)).user, self.staff)

    def test_a_person_holds_one_definitive_position_at_a_time(self) -> None:
        jfu = self.built.people["jfu"]
        with self.assertRaises(KinerjaError) as e:
            actions.assign(jfu, self.positions["contact:0"], starts_on=TODAY)
        self.assertIn("Jabatan Fungsional Umum Subbagian Program", str(e.exception))
        with self.assertRaises(KinerjaError):  # twice the same staff position
            actions.assign(jfu, self.positions["staff"], starts_on=TODAY)
        self.assertEqual(jfu.assignments.count(), 1)
        actions.assign(jfu, self.positions["contact:0"], starts_on=TODAY, ends_on=TODAY, kind=Assignment.Kind.PLH,
                       decree_number="800/7/2025")
        self.assertEqual(jfu.assignments.count(), 2)

    def test_acting_assignments_need_a_decree(self) -> None:
        with self.assertRaises(KinerjaError):
            actions.assign(self.built.people["kasubbag"], self.positions["secretary"], starts_on=TODAY,
                           kind=Assignment.Kind.PLH)

    def test_it_refuses_a_position_of_another_office(self) -> None:
        with self.assertRaises(KinerjaError):
            actions.assign(self.built.people["jfu"], self.other.positions["staff"], starts_on=TODAY)


class RolesTestCase(KinerjaTestCase):
    def test_roles_follow_positions_held_that_day(self) -> None:
        self.assertEqual(roles_of(self.secretary, TODAY), {Role.SECRETARY, Role.HEAD})
        self.assertEqual(roles_of(self.secretary, TODAY - dt.timedelta(days=1)), {Role.SECRETARY})
        self.assertEqual(roles_of(self.subsection_head, TODAY), {Role.UNIT_HEAD})
        self.assertEqual(roles_of(self.contacts[0], TODAY), {Role.DIVISION_CONTACT})

    def test_administrator_and_auditor_roles(self) -> None:
        self.assertEqual(roles_of(self.admin, TODAY), {Role.ADMIN})
        self.assertEqual(roles_of(self.auditor, TODAY), {Role.AUDITOR})

    def test_a_position_a_plh_acts_for_gives_its_official_no_role_meanwhile(self) -> None:
        # The Kepala Dinas is on leave from TODAY for a week; the Sekretaris is his Plh.
        self.assertEqual(roles_of(self.head, TODAY - dt.timedelta(days=1)), {Role.HEAD})
        self.assertEqual(roles_of(self.head, TODAY), set())
        roles, acting = roles_and_stand_ins(self.head, TODAY)
        self.assertEqual((roles, [a.person.user for a in acting]), (set(), [self.secretary]))
        self.assertEqual(roles_of(self.head, TODAY + dt.timedelta(days=7)), {Role.HEAD})
        # The menus still follow every position he holds: he reads what he read before.
        self.assertEqual(roles_from(self.head, positions_held(self.head, TODAY)), {Role.HEAD})
        # The Plh has the role by the acting assignment; her own position is nobody else's.
        self.assertEqual(roles_and_stand_ins(self.secretary, TODAY), ({Role.SECRETARY, Role.HEAD}, []))

    def test_it_names_who_has_the_powers_meanwhile(self) -> None:
        acting = acting_for_roles(self.head, TODAY, {Role.HEAD, Role.SECRETARY})
        self.assertEqual((acting.person.user, acting.title_as_held, acting.ends_on),
                         (self.secretary, "Plh. Kepala Dinas Koperasi dan UKM", TODAY + dt.timedelta(days=6)))
        self.assertIsNone(acting_for_roles(self.head, TODAY, {Role.UNIT_HEAD}))
        self.assertIsNone(acting_for_roles(self.head, TODAY + dt.timedelta(days=7), {Role.HEAD}))
        self.assertIsNone(acting_for_roles(self.subsection_head, TODAY, {Role.UNIT_HEAD}))

    def test_a_refusal_says_the_acting_term_as_the_pages_do_with_or_without_an_end_date(self) -> None:
        acting = acting_for_roles(self.head, TODAY, {Role.HEAD})
        message = "%(case)s: %(name)s (%(title)s) as %(position)s (%(term)s)"
        name = self.built.people["sekretaris"].full_name
        # The term as the pages say it (holding.term_phrase, the `term` filter), not a date of the refusal's own.
        self.assertEqual(acting_refusal(acting, message, case="Cuti"),  # the Plh ends on TODAY + 6
                         f"Cuti: {name} (Plh. Kepala Dinas Koperasi dan UKM) as Kepala Dinas Koperasi dan UKM "
                         "(24 Mar 2025 s.d. 30 Mar 2025)")
        acting.ends_on = acting.starts_on
        self.assertTrue(acting_refusal(acting, message, case="Cuti").endswith("UKM (24 Mar 2025)"))
        # No end date: the pages' "tanpa tanggal akhir", not a wording of the refusal's own ("tanpa tanggal berakhir").
        acting.ends_on = None
        with self.assertNumQueries(0):
            self.assertTrue(acting_refusal(acting, message, case="Cuti").endswith(
                "UKM (sejak 24 Mar 2025, tanpa tanggal akhir)"))

    def test_a_plh_beside_the_holders_of_a_staff_position_takes_no_role_from_them(self) -> None:
        # A data contact as Plh JFU works beside the JFUs, not for each of them.
        actions.assign(self.built.people["bidang1"], self.positions["staff"], starts_on=TODAY, ends_on=TODAY,
                       kind=Assignment.Kind.PLH, decree_number="800/8/2025")
        self.assertEqual(roles_of(self.staff, TODAY), {Role.STAFF})
        self.assertEqual(roles_of(self.contacts[0], TODAY), {Role.DIVISION_CONTACT, Role.STAFF})

    def test_roles_and_who_has_them_meanwhile_cost_one_query(self) -> None:
        with self.assertNumQueries(1):
            roles_of(self.head, TODAY)
        with self.assertNumQueries(1):
            acting_for_roles(self.head, TODAY, {Role.HEAD})
