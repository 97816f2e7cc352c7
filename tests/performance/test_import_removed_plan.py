"""A Rencana Aksi imported, then an activity removed by hand on the Target page, then imported again: the
removal is remembered (RemovedActionPlanItem), so the file does not bring the activity back; the check (dry
run), the import page and the console count it as kept out. The Target page lists the removed activities
with a Pulihkan button that puts one back as it was. An edited activity that the file later gives exactly
as the user left it is the file's again."""

from __future__ import annotations

from io import StringIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from kinerja.performance import plan
from kinerja.performance.importer import import_file
from kinerja.performance.models import ActionPlanItem, Indicator, Objective, RemovedActionPlanItem
from tests.performance.test_import_action_plan import ACTIVE
from tests.performance.test_import_edited_plan import CLOSING, EDITED, IMPORTED, MANUAL, RAT, EditedPlanBase

COUNTS = ("kept", "edited", "added", "changed", "removed", "unchanged", "deleted")


class RemovedPlanTestCase(EditedPlanBase):
    def remove(self, name: str) -> None:
        plan.remove_activity(self.item(name).pk, user=self.staff)

    @staticmethod
    def counts(change: plan.PlanChange) -> dict[str, int]:
        return {name: getattr(change, name) for name in COUNTS}

    def test_an_imported_activity_removed_on_the_page_is_not_added_again(self) -> None:
        self.remove(RAT)
        self.assertEqual(self.activities(ACTIVE), [(CLOSING, IMPORTED)])
        self.edit_file({"G9": 15})  # the file changes it meanwhile
        checked = import_file(self.path, self.office, 2025, dry_run=True)
        expected = {"kept": 0, "edited": 0, "added": 0, "changed": 0, "removed": 0, "unchanged": 5, "deleted": 1}
        self.assertEqual(self.counts(checked.plan_change), expected)
        done = import_file(self.path, self.office, 2025)
        self.assertEqual(self.counts(done.plan_change), expected)
        self.assertEqual(self.activities(ACTIVE), [(CLOSING, IMPORTED)])
        self.assertEqual(import_file(self.path, self.office, 2025).plan_change.deleted, 1)  # and the time after
        self.assertEqual(self.activities(ACTIVE), [(CLOSING, IMPORTED)])
        removed = RemovedActionPlanItem.objects.get()
        self.assertEqual((removed.name, removed.source, removed.target_q1), (RAT, IMPORTED, 15))  # the file's of now

    def test_an_activity_added_by_hand_leaves_no_trace_when_removed(self) -> None:
        indicator = Indicator.objects.get(office=self.office, name=ACTIVE)
        item = plan.add_activity(indicator.pk, 2025, user=self.staff, name="Sosialisasi koperasi digital")
        plan.remove_activity(item.pk, user=self.staff)
        self.assertFalse(RemovedActionPlanItem.objects.exists())

    def test_an_edited_activity_removed_keeps_the_file_s_one_out_and_comes_back_edited(self) -> None:
        self.change(RAT, new_name="Pendampingan RAT koperasi primer", targets=("12", "20", "30", "40"))
        self.remove("Pendampingan RAT koperasi primer")
        summary = import_file(self.path, self.office, 2025)
        self.assertEqual((summary.plan_change.deleted, summary.plan_change.added), (1, 0))
        self.assertEqual(self.activities(ACTIVE), [(CLOSING, IMPORTED)])
        restored = plan.restore_activity(RemovedActionPlanItem.objects.get().pk, user=self.staff)
        self.assertEqual((restored.name, restored.source, restored.imported_name, restored.target_q1),
                         ("Pendampingan RAT koperasi primer", EDITED, RAT, 12))
        self.assertEqual(import_file(self.path, self.office, 2025).plan_change.edited, 1)
        self.assertEqual(self.activities(ACTIVE), [("Pendampingan RAT koperasi primer", EDITED), (CLOSING, IMPORTED)])

    def test_a_restored_activity_is_the_file_s_again_and_takes_its_place(self) -> None:
        self.remove(RAT)
        restored = plan.restore_activity(RemovedActionPlanItem.objects.get().pk, user=self.staff)
        self.assertEqual((restored.source, restored.order, restored.quarter_targets, restored.budget),
                         (IMPORTED, 2, [10, 20, 30, 40], 5000000))
        self.assertFalse(RemovedActionPlanItem.objects.exists())
        self.edit_file({"G9": 15})
        summary = import_file(self.path, self.office, 2025)
        self.assertEqual((summary.plan_change.changed, summary.plan_change.deleted, summary.plan_change.added), (1, 0, 0))
        self.assertEqual(self.activities(ACTIVE), [(RAT, IMPORTED), (CLOSING, IMPORTED)])
        self.assertEqual(self.item(RAT).target_q1, 15)

    def test_a_removed_activity_the_file_no_longer_names_is_forgotten(self) -> None:
        self.remove(RAT)
        book = load_workbook(self.path)
        book.active.delete_rows(9)
        book.save(self.path)
        self.assertEqual(import_file(self.path, self.office, 2025).plan_change.deleted, 0)
        self.assertFalse(RemovedActionPlanItem.objects.exists())

    def test_an_activity_added_by_hand_with_a_removed_one_s_words_stays_the_user_s(self) -> None:
        self.remove(RAT)
        indicator = Indicator.objects.get(office=self.office, name=ACTIVE)
        plan.add_activity(indicator.pk, 2025, user=self.staff, name=RAT)
        summary = import_file(self.path, self.office, 2025)
        self.assertEqual((summary.plan_change.deleted, summary.plan_change.kept), (1, 1))
        self.assertEqual(self.activities(ACTIVE), [(CLOSING, IMPORTED), (RAT, MANUAL)])

    def test_the_console_counts_the_activities_kept_out(self) -> None:
        self.remove(RAT)
        out = StringIO()
        with translation.override("id"):
            call_command("data", "import", str(self.path), "--year", "2025", "--office", self.office.code, stdout=out)
        self.assertIn("1 yang dihapus di halaman Target tidak dimasukkan lagi.", out.getvalue())
        self.assertEqual(self.activities(ACTIVE), [(CLOSING, IMPORTED)])


class EditedAgreeingTestCase(EditedPlanBase):
    def test_an_edited_activity_the_file_now_gives_as_the_user_left_it_is_imported_again(self) -> None:
        self.change(RAT, new_name="Pendampingan RAT koperasi primer", targets=("12", "20", "30", "40"))
        self.edit_file({"F9": "Pendampingan RAT koperasi primer", "G9": 12})
        summary = import_file(self.path, self.office, 2025)
        self.assertEqual((summary.plan_change.edited, summary.plan_change.unchanged), (0, 6))
        item = self.item("Pendampingan RAT koperasi primer")
        self.assertEqual((item.source, item.imported_name, item.imported_quarter), (IMPORTED, "", None))
        self.edit_file({"G9": 14})  # the file's from now on
        import_file(self.path, self.office, 2025)
        self.assertEqual(self.item("Pendampingan RAT koperasi primer").target_q1, 14)

    def test_an_edited_activity_the_file_agrees_with_only_in_part_stays_edited(self) -> None:
        self.change(RAT, targets=("12", "22", "30", "40"))
        self.edit_file({"G9": 12})  # the first quarter as the user's, the second still the file's own
        self.assertEqual(import_file(self.path, self.office, 2025).plan_change.edited, 1)
        self.assertEqual((self.item(RAT).source, self.item(RAT).target_q2), (EDITED, 22))


class RemovedPlanPageTestCase(EditedPlanBase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.staff)
        self.enterContext(translation.override("id"))
        self.indicator = Indicator.objects.get(office=self.office, name=ACTIVE)
        self.targets_url = f"/data/indicators/{self.indicator.pk}/targets/?year=2025"

    def test_the_target_page_removes_lists_and_restores_an_imported_activity(self) -> None:
        rat = self.item(RAT)
        self.client.post(f"/data/activities/{rat.pk}/remove/")
        response = self.client.get(self.targets_url)
        self.assertEqual([a.name for a in response.context["activities"]], [CLOSING])
        self.assertNotContains(response, f'id="activity-{rat.pk}"')
        self.assertContains(response, "1 kegiatan dihapus dari rencana hasil impor")
        removed = RemovedActionPlanItem.objects.get()
        self.assertContains(response, f'action="/data/removed-activities/{removed.pk}/restore/"')
        self.assertContains(response, "Pulihkan")
        response = self.client.post(f"/data/removed-activities/{removed.pk}/restore/", headers={"HX-Request": "true"})
        self.assertContains(response, "Kegiatan “Pendampingan RAT” telah dipulihkan ke rencana aksi.")
        self.assertNotContains(response, "Pulihkan")
        self.assertEqual(self.activities(ACTIVE), [(CLOSING, IMPORTED), (RAT, IMPORTED)])
        self.assertEqual(self.client.post(f"/data/removed-activities/{removed.pk}/restore/").status_code, 404)

    def test_a_removed_activity_is_on_no_page_that_lists_the_plan(self) -> None:
        pages = ["/data/indicators/?year=2025",
                 f"/data/input/?year=2025&quarter=1&division={self.indicator.division_id}"]
        for page in pages:
            self.assertContains(self.client.get(page), RAT, msg_prefix=page)
        # With htmx, as the page removes it: no message on the next page names the activity.
        self.client.post(f"/data/activities/{self.item(RAT).pk}/remove/", headers={"HX-Request": "true"})
        for page in pages:
            self.assertNotContains(self.client.get(page), RAT, msg_prefix=page)

    def test_only_who_manages_the_targets_restores_and_only_in_their_office(self) -> None:
        plan.remove_activity(self.item(RAT).pk, user=self.staff)
        removed = RemovedActionPlanItem.objects.get()
        self.client.force_login(self.contacts[0])
        self.assertEqual(self.client.post(f"/data/removed-activities/{removed.pk}/restore/").status_code, 403)
        objective = Objective.objects.create(office=self.other_office, code="S1", name="Sasaran lain",
                                             plan_start_year=2021, plan_end_year=2026)
        foreign_indicator = Indicator.objects.create(office=self.other_office, objective=objective, code="X1",
                                                     name="Indikator lain", unit="unit")
        foreign = RemovedActionPlanItem.objects.create(indicator=foreign_indicator, year=2025, name="Kantor lain")
        self.client.force_login(self.staff)
        self.assertEqual(self.client.post(f"/data/removed-activities/{foreign.pk}/restore/").status_code, 404)
        self.assertEqual(RemovedActionPlanItem.objects.count(), 2)

    def test_the_check_and_the_import_count_the_activities_kept_out(self) -> None:
        self.client.post(f"/data/activities/{self.item(RAT).pk}/remove/")
        response = self.client.post("/data/import/", {
            "year": 2025, "dry_run": "on", "file": SimpleUploadedFile("renaksi.xlsx", self.path.read_bytes())})
        self.assertEqual(response.context["summary"].plan_change.deleted, 1)
        line = "1 kegiatan berkas yang dihapus di halaman Target tidak dimasukkan lagi"
        self.assertContains(response, line)
        token = response.context["form"]["upload"].value()
        response = self.client.post("/data/import/", {"year": 2025, "upload": token})
        self.assertContains(response, line)
        self.assertFalse(ActionPlanItem.objects.filter(name=RAT).exists())
