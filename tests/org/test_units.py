"""A Dinas has Seksi under its Bidang. Its administrator needs a kind for them: entered as a Subbagian, a
Kepala Seksi would keep the office's SOPs and check its performance data as the Kasubbag does."""

from __future__ import annotations

from kinerja.org import actions
from kinerja.org.models import Unit
from kinerja.performance.access import can_check, divisions_of
from kinerja.sop.access import may_manage
from tests.base import TODAY, KinerjaTestCase


class SectionTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        division = self.built.divisions[0]
        self.section = actions.add_unit(self.office, "Seksi Pengawasan Koperasi", Unit.Kind.SECTION, parent=division)
        position = actions.add_position(self.section, "Kepala Seksi Pengawasan Koperasi", "unit_head",
                                        short_title="Kasi Pengawasan")
        self.kasi = actions.add_person(self.office, username="kasi", full_name="Contoh Kasi Demo", password="x")
        actions.assign(self.kasi, position, starts_on=TODAY)

    def test_a_head_of_section_has_no_rights_of_a_kasubbag(self) -> None:
        self.assertTrue(may_manage(self.subsection_head, self.office))
        self.assertFalse(may_manage(self.kasi.user, self.office))
        self.assertFalse(can_check(self.kasi.user, TODAY))
        self.assertEqual(divisions_of(self.kasi.user, TODAY), [])

    def test_the_unit_form_offers_the_section_and_says_what_each_kind_means(self) -> None:
        self.client.force_login(self.admin)
        page = self.client.get("/admin/org/unit/add/")
        self.assertContains(page, '<option value="section">Seksi</option>', html=True)
        self.assertContains(page, "tanpa hak tersendiri")

    def test_the_organisation_page_shows_the_section(self) -> None:
        self.client.force_login(self.staff)
        self.assertContains(self.client.get("/org/"), "Kepala Seksi Pengawasan Koperasi")
