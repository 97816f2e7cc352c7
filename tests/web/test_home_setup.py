"""Beranda of the administrator of an office still being built: what it lacks before it can work (units,
positions, who holds them, accounts its holders can sign in with, the required initials, an SOP in force,
indicators), each with where to do it; nothing once the office can work, and nothing for anyone but its
administrator."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.correspondence.actions import set_required_initials
from kinerja.correspondence.models import RequiredInitial
from kinerja.org import actions
from kinerja.org.models import Assignment, Position, Unit
from kinerja.org.setup import office_setup
from kinerja.performance.models import Indicator, Objective
from tests.base import KinerjaTestCase
from tests.workflow.seed import build_seed_sop


def finish_setting_up(test: KinerjaTestCase) -> None:
    """What the demo office lacks to be set up: the seed SOP in force, an indicator, and whose initials a
    document needs (correspondence/demo.py sets the demo's)."""
    build_seed_sop(test.built)
    objective = Objective.objects.create(office=test.office, code="S1", name="Meningkatnya kualitas koperasi",
                                         plan_start_year=2021, plan_end_year=2026)
    Indicator.objects.create(office=test.office, objective=objective, code="IK1", name="Jumlah koperasi aktif",
                             unit="unit", division=test.built.divisions[0])
    set_required_initials(test.office, [test.positions["subsection_head"], test.positions["secretary"]])


class OfficeSetupTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        self.new = actions.create_office(code="disdik-bl", name="Dinas Pendidikan dan Kebudayaan Kota Bandar Lampung",
                                         short_name="Disdikbud", city="Kota Bandar Lampung")
        self.admin_person = actions.add_person(self.new, username="admin.disdik", full_name="Rina Admin, S.Kom.",
                                               password="Disdik#Admin2025")
        self.admin_person.user.is_staff = True
        self.admin_person.user.save()
        self.today = timezone.localdate()

    def test_a_new_offices_administrator_sees_what_is_missing_with_links(self) -> None:
        self.client.force_login(self.admin_person.user)
        page = self.client.get("/")
        self.assertContains(page, "Menyiapkan perangkat daerah ini")
        self.assertContains(page, "0 dari 7 selesai")
        self.assertContains(page, 'href="/admin/org/unit/add/"')
        self.assertContains(page, 'href="/admin/org/position/add/"')
        self.assertContains(page, 'href="/sop/upload/"')
        self.assertContains(page, 'href="/data/import/"')

    def test_each_step_is_done_as_the_office_is_built_and_the_card_goes(self) -> None:
        office_unit = actions.add_unit(self.new, "Dinas Pendidikan dan Kebudayaan", Unit.Kind.OFFICE)
        secretariat = actions.add_unit(self.new, "Sekretariat", Unit.Kind.SECRETARIAT, parent=office_unit)
        setup = office_setup(self.new, self.today)
        self.assertEqual([s.done for s in setup.steps], [True, False, False, False, False, False, False])
        self.assertEqual(setup.steps[0].detail, "2 unit kerja")
        staff = actions.add_position(secretariat, "Pengadministrasi Umum", Position.Kind.STAFF)
        setup = office_setup(self.new, self.today)
        self.assertFalse(setup.steps[1].done)  # no head of office yet
        self.assertIn("belum ada jabatan kepala perangkat daerah", setup.steps[1].detail)
        head = actions.add_position(office_unit, "Kepala Dinas Pendidikan dan Kebudayaan", Position.Kind.HEAD)
        setup = office_setup(self.new, self.today)
        self.assertTrue(setup.steps[1].done)
        self.assertEqual(setup.steps[2].detail, "1 pegawai · 2 jabatan belum dipangku hari ini: Pengadministrasi "
                                                "Umum, Kepala Dinas Pendidikan dan Kebudayaan")
        kadis = actions.add_person(self.new, username="kadis.disdik", full_name="Drs. Budi", password="Kadis#2025")
        actions.assign(kadis, head, starts_on=self.today - dt.timedelta(days=30))
        setup = office_setup(self.new, self.today)
        # The head of office is held: done, the vacancy named all the same (ordinary in a running office).
        self.assertTrue(setup.steps[2].done)
        self.assertEqual(setup.steps[2].detail, "2 pegawai · 1 jabatan belum dipangku hari ini: Pengadministrasi Umum")
        actions.assign(self.admin_person, staff, starts_on=self.today)
        self.assertEqual(office_setup(self.new, self.today).steps[2].detail, "2 pegawai")
        self.assertEqual(setup.done_count, 4)  # the head of office can sign in
        # The SOP and the indicators: the demo office's, built through the real actions.
        self.assertFalse(setup.complete)
        self.client.force_login(self.admin_person.user)
        self.assertContains(self.client.get("/"), "4 dari 7 selesai")

    def test_an_assignment_that_ended_leaves_the_position_vacant(self) -> None:
        office_unit = actions.add_unit(self.new, "Dinas Pendidikan dan Kebudayaan", Unit.Kind.OFFICE)
        head = actions.add_position(office_unit, "Kepala Dinas", Position.Kind.HEAD)
        actions.assign(self.admin_person, head, starts_on=self.today - dt.timedelta(days=60),
                       ends_on=self.today - dt.timedelta(days=1))
        self.assertFalse(office_setup(self.new, self.today).steps[2].done)

    def test_only_the_administrator_sees_it(self) -> None:
        office_unit = actions.add_unit(self.new, "Dinas Pendidikan dan Kebudayaan", Unit.Kind.OFFICE)
        head = actions.add_position(office_unit, "Kepala Dinas", Position.Kind.HEAD)
        kadis = actions.add_person(self.new, username="kadis.disdik", full_name="Drs. Budi", password=None)
        actions.assign(kadis, head, starts_on=self.today)
        self.client.force_login(kadis.user)
        self.assertNotContains(self.client.get("/"), "Menyiapkan perangkat daerah ini")

    def test_the_same_queries_for_a_small_or_a_large_office(self) -> None:
        office_unit = actions.add_unit(self.new, "Dinas Pendidikan dan Kebudayaan", Unit.Kind.OFFICE)
        actions.add_position(office_unit, "Kepala Dinas", Position.Kind.HEAD)
        self.client.force_login(self.admin_person.user)
        self.client.get("/")
        with CaptureQueriesContext(connection) as small:
            self.client.get("/")
        for n in range(20):
            unit = actions.add_unit(self.new, f"Bidang {n}", Unit.Kind.DIVISION, parent=office_unit)
            actions.add_position(unit, f"Kepala Bidang {n}", Position.Kind.UNIT_HEAD)
        with self.assertNumQueries(len(small.captured_queries)):
            page = self.client.get("/")
        self.assertContains(page, "21 jabatan belum dipangku hari ini: Kepala Dinas, Kepala Bidang 0, Kepala Bidang 1 "
                                  "dan 18 lainnya")


class BuiltOfficeTestCase(KinerjaTestCase):
    def test_a_built_office_shows_its_administrator_nothing_to_set_up(self) -> None:
        today = timezone.localdate()
        self.client.force_login(self.admin)
        # The demo office: units, positions, people; an SOP and indicators still missing.
        self.assertContains(self.client.get("/"), "Menyiapkan perangkat daerah ini")
        finish_setting_up(self)
        self.assertTrue(office_setup(self.office, today).complete,
                        [s.label for s in office_setup(self.office, today).steps if not s.done])
        self.assertNotContains(self.client.get("/"), "Menyiapkan perangkat daerah ini")


class AccountsWithoutPasswordTestCase(KinerjaTestCase):
    """The organisation import gives every new person an account without a password: until the
    administrator gives each a first one, those people cannot sign in, and the checklist says so."""

    def test_the_people_step_names_the_accounts_that_cannot_sign_in_yet(self) -> None:
        office = actions.create_office(code="disperindag-metro", name="Dinas Perindustrian dan Perdagangan Kota Metro",
                                       short_name="Disperindag", city="Kota Metro")
        today = timezone.localdate()
        office_unit = actions.add_unit(office, "Dinas Perindustrian dan Perdagangan", Unit.Kind.OFFICE)
        head = actions.add_position(office_unit, "Kepala Dinas", Position.Kind.HEAD)
        staff = actions.add_position(office_unit, "Analis Perencanaan", Position.Kind.STAFF, single_holder=False)
        admin = actions.add_person(office, username="admin.disperindag", full_name="Rudi Hartono, S.Kom.",
                                   password="Metro#Admin2026")
        kadis = actions.add_person(office, username="196908151994031007", full_name="Drs. H. Suparno Wibowo, M.M.",
                                   password=None)
        fajar = actions.add_person(office, username="199202142019031006", full_name="Fajar Nugroho, S.E.",
                                   password=None)
        actions.assign(kadis, head, starts_on=today)
        actions.assign(fajar, staff, starts_on=today)
        self.assertTrue(office_setup(office, today).steps[2].done)  # the head of office is held
        step = office_setup(office, today).steps[3]
        self.assertFalse(step.done)
        self.assertEqual(step.detail, "2 pemangku jabatan belum punya kata sandi dan belum dapat masuk: "
                                      "Drs. H. Suparno Wibowo, M.M., Fajar Nugroho, S.E.")
        self.assertEqual(step.url, "/admin/org/person/?password=none")
        kadis.user.set_password("Metro-Kinerja-2026")
        kadis.user.save()
        fajar.user.is_active = False  # left the office, yet still holds the position: named
        fajar.user.save()
        step = office_setup(office, today).steps[3]
        self.assertEqual((step.done, step.detail), (False, "1 akun pemangku jabatan dikunci: Fajar Nugroho, S.E."))
        Assignment.objects.filter(person=fajar).update(ends_on=today - dt.timedelta(days=1), starts_on=today
                                                       - dt.timedelta(days=9))
        self.assertEqual(office_setup(office, today).steps[3].detail, "Semua pemangku jabatan hari ini dapat masuk.")
        self.assertTrue(office_setup(office, today).steps[3].done)
        admin.user.is_staff = True
        admin.user.save()
        self.client.force_login(admin.user)
        self.assertContains(self.client.get("/"), "Menyiapkan perangkat daerah ini")


class OrganisationExistsButCannotWorkTestCase(KinerjaTestCase):
    """The organisation is built (imported), an SOP is in force and indicators exist, yet accounts of
    holders have no password and nobody set whose initials a document needs: the checklist stays and says
    what is left, until the office can actually work."""

    def test_the_checklist_stays_until_holders_can_sign_in_and_the_initials_are_set(self) -> None:
        today = timezone.localdate()
        finish_setting_up(self)
        self.assertTrue(office_setup(self.office, today).complete)
        kasubbag = self.built.people["kasubbag"]
        kasubbag.user.set_unusable_password()
        kasubbag.user.save()
        RequiredInitial.objects.filter(office=self.office).delete()
        setup = office_setup(self.office, today)
        self.assertEqual([s.label for s in setup.steps if not s.done], ["Akun untuk masuk", "Paraf wajib"])
        self.client.force_login(self.admin)
        page = self.client.get("/")
        self.assertContains(page, "Menyiapkan perangkat daerah ini")
        self.assertContains(page, "5 dari 7 selesai")
        self.assertContains(page, f"1 pemangku jabatan belum punya kata sandi dan belum dapat masuk: {kasubbag.full_name}")
        self.assertContains(page, 'href="/admin/correspondence/requiredinitial/add/"')
        actions.update_account(kasubbag, active=True, password="Kasubbag#Baru2025", acting_user=self.admin)
        positions = self.built.positions
        set_required_initials(self.office, [positions["subsection_head"], positions["secretary"]])
        self.assertNotContains(self.client.get("/"), "Menyiapkan perangkat daerah ini")

    def test_a_required_initial_nobody_holds_today_is_named(self) -> None:
        today = timezone.localdate()
        kasubbag = self.built.positions["subsection_head"]
        set_required_initials(self.office, [kasubbag, self.positions["secretary"]])
        Assignment.objects.filter(position=kasubbag).update(ends_on=today - dt.timedelta(days=1))
        Assignment.objects.filter(position=kasubbag, starts_on__gte=today).delete()
        step = office_setup(self.office, today).steps[4]
        self.assertFalse(step.done)
        self.assertIn(f"1 jabatan belum dipangku hari ini: {kasubbag.title}", step.detail)
