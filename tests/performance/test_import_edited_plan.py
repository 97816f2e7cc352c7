"""A Rencana Aksi imported, then edited by hand on the Target page, then imported again: what the user typed
stays. An imported activity whose targets, budget, quarter or words were changed on the page becomes the
user's (source "edited"); the next import keeps it as the user left it, in the file's place, without adding
the file's version beside it, while the activities nobody touched are still updated, added and removed as
the file has them. The check (dry run), the page and the console say how many were kept as edited."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from kinerja.performance import plan
from kinerja.performance.importer import import_file
from kinerja.performance.models import ActionPlanItem, Indicator
from tests.base import KinerjaTestCase
from tests.performance.test_import_action_plan import ACTIVE, action_plan

D = Decimal
MANUAL, IMPORTED, EDITED = (ActionPlanItem.Source.MANUAL, ActionPlanItem.Source.IMPORTED,
                            ActionPlanItem.Source.EDITED)
RAT = "Pendampingan RAT"  # row 9: [10, 20, 30, 40], Rp 5.000.000
CLOSING = "Pembubaran koperasi tidak aktif"  # row 10


class EditedPlanBase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-edited-"))
        self.enterContext(translation.override("en"))
        self.path = action_plan(self.dir / "renaksi.xlsx")
        import_file(self.path, self.office, 2025)

    def item(self, name: str) -> ActionPlanItem:
        return ActionPlanItem.objects.get(indicator__office=self.office, year=2025, name=name)

    def activities(self, indicator: str) -> list[tuple[str, str]]:
        items = ActionPlanItem.objects.filter(indicator__office=self.office, indicator__name=indicator, year=2025)
        return [(i.name, i.source) for i in items.order_by("order")]

    def change(self, name: str, new_name: str | None = None, quarter: int | None = None,
               targets: tuple[str, str, str, str] = ("10", "20", "30", "40"), budget: str = "5.000.000") -> None:
        plan.change_activity(self.item(name).pk, user=self.staff, name=new_name or name, quarter=quarter,
                             targets=targets, budget=budget)

    def edit_file(self, cells: dict[str, object]) -> None:
        book = load_workbook(self.path)
        for ref, value in cells.items():
            book.active[ref] = value
        book.save(self.path)

    @staticmethod
    def counts(change: plan.PlanChange) -> dict[str, int]:
        return {name: getattr(change, name) for name in ("kept", "edited", "added", "changed", "removed", "unchanged")}


class EditedPlanTestCase(EditedPlanBase):
    def test_a_change_on_the_page_makes_an_imported_activity_the_user_s_and_remembers_the_file_s_words(self) -> None:
        self.change(RAT, targets=("12", "20", "30", "40"))
        rat = self.item(RAT)
        self.assertEqual((rat.source, rat.imported_name, rat.imported_quarter), (EDITED, RAT, None))
        self.change(RAT, new_name="Pendampingan RAT koperasi primer", targets=("12", "20", "30", "40"))
        renamed = self.item("Pendampingan RAT koperasi primer")  # edited again: still the file's first words
        self.assertEqual((renamed.source, renamed.imported_name), (EDITED, RAT))

    def test_saving_an_imported_activity_unchanged_leaves_it_to_the_file(self) -> None:
        self.change(RAT, targets=("10", "20", "30", "40"), budget="Rp 5.000.000")
        self.assertEqual((self.item(RAT).source, self.item(RAT).imported_name), (IMPORTED, ""))
        self.edit_file({"G9": 15})
        import_file(self.path, self.office, 2025)
        self.assertEqual(self.item(RAT).quarter_targets, [15, 20, 30, 40])

    def test_edited_targets_are_kept_at_the_next_import_and_the_untouched_ones_follow_the_file(self) -> None:
        self.change(RAT, targets=("12", "22", "32", "42"), budget="6.000.000")
        # The file changes the same activity, and one nobody edited, and drops another.
        self.edit_file({"G9": 15, "G5": 30})
        book = load_workbook(self.path)
        book.active.delete_rows(10)  # Pembubaran koperasi tidak aktif
        book.save(self.path)
        checked = import_file(self.path, self.office, 2025, dry_run=True)
        self.assertEqual(self.counts(checked.plan_change),
                         {"kept": 0, "edited": 1, "added": 0, "changed": 1, "removed": 1, "unchanged": 3})
        self.assertEqual(len(self.activities(ACTIVE)), 2)  # the check saved nothing
        done = import_file(self.path, self.office, 2025)
        self.assertEqual(self.counts(done.plan_change), self.counts(checked.plan_change))
        rat = self.item(RAT)
        self.assertEqual((rat.quarter_targets, rat.budget, rat.source), ([12, 22, 32, 42], D(6000000), EDITED))
        self.assertEqual(self.activities(ACTIVE), [(RAT, EDITED)])
        self.assertEqual(self.item("Pendataan koperasi").quarter_targets, [30, 50, 75, 100])
        again = import_file(self.path, self.office, 2025)  # and once more: the user's version still stays
        self.assertEqual(self.counts(again.plan_change),
                         {"kept": 0, "edited": 1, "added": 0, "changed": 0, "removed": 0, "unchanged": 4})
        self.assertEqual(self.item(RAT).quarter_targets, [12, 22, 32, 42])

    def test_a_renamed_activity_is_recognised_by_the_file_s_words_and_has_no_twin(self) -> None:
        self.change(RAT, new_name="Pendampingan RAT koperasi primer", quarter=2)
        self.edit_file({"G9": 15})
        summary = import_file(self.path, self.office, 2025)
        self.assertEqual(self.counts(summary.plan_change),
                         {"kept": 0, "edited": 1, "added": 0, "changed": 0, "removed": 0, "unchanged": 5})
        self.assertEqual(self.activities(ACTIVE), [("Pendampingan RAT koperasi primer", EDITED), (CLOSING, IMPORTED)])
        renamed = self.item("Pendampingan RAT koperasi primer")
        self.assertEqual((renamed.quarter, renamed.quarter_targets), (2, [10, 20, 30, 40]))

    def test_an_edited_activity_the_file_no_longer_names_stays_after_the_file_s(self) -> None:
        self.change(RAT, new_name="Pendampingan RAT koperasi primer")
        plan.add_activity(Indicator.objects.get(office=self.office, name=ACTIVE).pk, 2025, user=self.staff,
                          name="Sosialisasi koperasi digital")
        book = load_workbook(self.path)
        book.active.delete_rows(9)  # Pendampingan RAT, as the file named it
        book.save(self.path)
        summary = import_file(self.path, self.office, 2025)
        self.assertEqual((summary.plan_change.kept, summary.plan_change.edited, summary.plan_change.removed), (1, 1, 0))
        self.assertEqual(self.activities(ACTIVE), [(CLOSING, IMPORTED), ("Pendampingan RAT koperasi primer", EDITED),
                                                   ("Sosialisasi koperasi digital", MANUAL)])

    def test_a_file_that_takes_up_the_user_s_words_is_matched_by_them(self) -> None:
        self.change(RAT, new_name="Pendampingan RAT koperasi primer", targets=("12", "20", "30", "40"))
        self.edit_file({"F9": "Pendampingan  RAT koperasi primer", "G9": 11})
        summary = import_file(self.path, self.office, 2025)
        self.assertEqual((summary.plan_change.edited, summary.plan_change.added, summary.plan_change.removed), (1, 0, 0))
        renamed = self.item("Pendampingan RAT koperasi primer")
        self.assertEqual((renamed.quarter_targets[0], renamed.imported_name), (12, "Pendampingan RAT koperasi primer"))
        self.assertEqual(len(self.activities(ACTIVE)), 2)

    def test_the_file_s_own_words_win_over_a_rename_to_another_of_its_activities(self) -> None:
        # The user renamed Pendampingan RAT as an activity the file now adds before it: the edited activity is
        # still the file's Pendampingan RAT, and the new one is the file's.
        self.change(RAT, new_name="Bimbingan teknis pengurus", targets=("12", "20", "30", "40"))
        book = load_workbook(self.path)
        book.active.insert_rows(9)
        book.active["F9"] = "Bimbingan teknis pengurus"
        book.save(self.path)
        summary = import_file(self.path, self.office, 2025)
        self.assertEqual((summary.plan_change.edited, summary.plan_change.added), (1, 1))
        edited = ActionPlanItem.objects.get(source=EDITED)
        self.assertEqual((edited.imported_name, edited.quarter_targets[0]), (RAT, 12))


class EditedPlanPageTestCase(EditedPlanBase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.staff)
        self.enterContext(translation.override("id"))

    def test_the_target_page_edit_makes_the_activity_the_user_s_and_says_so(self) -> None:
        rat = self.item(RAT)
        indicator = rat.indicator
        response = self.client.get(f"/data/activities/{rat.pk}/")
        self.assertContains(response, "Diimpor dari berkas. Setelah Anda menyimpan perubahan di sini")
        self.client.post(f"/data/activities/{rat.pk}/", {
            f"a{rat.pk}-name": "Pendampingan RAT koperasi primer", f"a{rat.pk}-quarter": "", f"a{rat.pk}-budget": "",
            **{f"a{rat.pk}-target_q{q}": t for q, t in enumerate(["12", "20", "30", "40"], start=1)}})
        rat.refresh_from_db()
        self.assertEqual((rat.source, rat.imported_name), (EDITED, RAT))
        response = self.client.get(f"/data/indicators/{indicator.pk}/targets/?year=2025")
        self.assertContains(response, '<small class="muted perf-plan-source perf-plan-edited">diubah di sini</small>',
                            html=False)

    def test_the_check_and_the_import_count_the_activities_kept_as_edited(self) -> None:
        self.change(RAT, targets=("12", "20", "30", "40"))
        self.edit_file({"G9": 15})
        response = self.client.post("/data/import/", {
            "year": 2025, "dry_run": "on", "file": SimpleUploadedFile("renaksi.xlsx", self.path.read_bytes())})
        self.assertEqual(response.context["summary"].plan_change.edited, 1)
        line = ("1 kegiatan hasil impor yang diubah di halaman Target tetap dengan ubahannya, bukan seperti isi "
                "berkas")
        self.assertContains(response, line)
        self.assertEqual(self.item(RAT).quarter_targets[0], 12)
        token = response.context["form"]["upload"].value()
        response = self.client.post("/data/import/", {"year": 2025, "upload": token})
        self.assertContains(response, line)
        self.assertEqual(self.item(RAT).quarter_targets[0], 12)
