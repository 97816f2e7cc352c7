"""Workbooks nobody here had seen (tests/performance/new_user_books.py): a Perjanjian Kinerja with a Kegiatan
column, read as a PK and not as a Rencana Aksi; a real Rencana Aksi headed "Kegiatan" still read as one; a file
that could be either, for which kinerja asks instead of guessing; a Polaritas written as a phrase ("Semakin
cepat semakin baik"), read by its Satuan; and a Rencana Aksi imported again, which keeps the activities added
by hand on the Target page and replaces only what the import before brought."""

from __future__ import annotations

import io
import tempfile
from decimal import Decimal
from pathlib import Path

from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import load_workbook

from kinerja.performance import plan
from kinerja.performance.importer import AGREEMENT, PLAN, ImportFailed, UnclearKind, import_file
from kinerja.performance.models import ActionPlanItem, Indicator, Target
from tests.base import KinerjaTestCase
from tests.performance import new_user_books as books
from tests.performance.import_page import UploadMixin
from tests.performance.test_import_action_plan import ACTIVE, HEALTHY, UMKM, action_plan

HIGHER, LOWER = Indicator.Polarity.HIGHER_IS_BETTER, Indicator.Polarity.LOWER_IS_BETTER
MANUAL, IMPORTED = ActionPlanItem.Source.MANUAL, ActionPlanItem.Source.IMPORTED


class UnseenTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-unseen-"))
        self.enterContext(translation.override("en"))

    def indicators(self) -> dict[str, Indicator]:
        return {i.name: i for i in Indicator.objects.filter(office=self.office)}

    def activities(self, name: str) -> list[tuple[str, str]]:
        items = ActionPlanItem.objects.filter(indicator__office=self.office, indicator__name=name, year=2025)
        return [(i.name, i.source) for i in items.order_by("order")]


class KegiatanColumnTestCase(UnseenTestCase):
    def test_a_pk_with_a_kegiatan_column_imports_as_a_pk_and_says_the_column_is_not_read(self) -> None:
        summary = import_file(books.pk_with_kegiatan(self.dir / "pk.xlsx"), self.office, 2025)
        self.assertEqual((summary.plan, summary.rows, summary.activities), (False, 3, 0))
        self.assertEqual(summary.activity_ignored, "Kegiatan (F)")
        self.assertIn("Kegiatan (F)", summary.unread_columns)
        self.assertNotIn("Rencana Aksi", [meaning for meaning, _header in summary.columns])
        self.assertFalse(ActionPlanItem.objects.filter(indicator__office=self.office).exists())
        targets = {n: i.targets.get(kind=Target.Kind.AGREEMENT, year=2025).value for n, i in self.indicators().items()}
        self.assertEqual(targets, {"Persentase koperasi aktif": 85, "Jumlah koperasi yang melaksanakan RAT": 1250,
                                   "Persentase UMKM naik kelas": Decimal("12.5")})

    def test_the_same_header_with_several_activities_under_an_indicator_is_a_rencana_aksi(self) -> None:
        summary = import_file(books.renaksi_kegiatan(self.dir / "renaksi.xlsx"), self.office, 2025)
        self.assertEqual((summary.plan, summary.rows, summary.activities, summary.activity_ignored), (True, 2, 3, ""))
        self.assertEqual([n for n, _s in self.activities("Persentase koperasi aktif")],
                         ["Pendataan koperasi", "Pembinaan koperasi"])

    def test_a_pk_with_kegiatan_and_a_second_activity_row_is_a_rencana_aksi(self) -> None:
        path = books.pk_with_kegiatan(self.dir / "pk.xlsx")
        book = load_workbook(path)
        book.active.insert_rows(5)
        book.active["F5"] = "Penilaian kesehatan koperasi"  # a second activity of the indicator above
        book.save(path)
        summary = import_file(path, self.office, 2025)
        self.assertEqual((summary.plan, summary.activities), (True, 4))

    def test_the_existing_rencana_aksi_is_still_one(self) -> None:
        summary = import_file(action_plan(self.dir / "renaksi.xlsx"), self.office, 2025)
        self.assertEqual((summary.plan, summary.activities), (True, 6))

    def test_a_file_that_could_be_either_is_asked_about_and_nothing_is_saved(self) -> None:
        import_file(books.pk_with_kegiatan(self.dir / "pk.xlsx"), self.office, 2025)
        path = books.kegiatan_unclear(self.dir / "kegiatan.xlsx")
        with self.assertRaises(UnclearKind) as caught:
            import_file(path, self.office, 2025)
        self.assertEqual(caught.exception.column, "Kegiatan (D)")
        self.assertEqual(caught.exception.reasons, [
            "each indicator has one row with one activity", "no Target column of the year",
            "a budget column Anggaran (E), as a Rencana Aksi has",
            "quarter columns without the word Target, as a Rencana Aksi has"])
        self.assertIn("kegiatan.xlsx: column Kegiatan (D) may hold the activities of a Rencana Aksi",
                      str(caught.exception))
        self.assertFalse(ActionPlanItem.objects.exists())
        summary = import_file(path, self.office, 2025, kind=PLAN)
        self.assertEqual((summary.plan, summary.activities), (True, 2))
        self.assertEqual(self.activities("Persentase UMKM naik kelas"), [("Pelatihan UMKM", IMPORTED)])
        ActionPlanItem.objects.all().delete()
        summary = import_file(path, self.office, 2025, kind=AGREEMENT)
        self.assertEqual((summary.plan, summary.activity_ignored), (False, "Kegiatan (D)"))
        self.assertIn("Anggaran (E)", summary.unread_columns)
        self.assertFalse(ActionPlanItem.objects.exists())
        quarters = {t.quarter: t.value for t in self.indicators()["Persentase koperasi aktif"].targets.filter(
            kind=Target.Kind.QUARTER, year=2025)}
        self.assertEqual(quarters, {1: 80, 2: 82, 3: 84, 4: 85})

    def test_the_console_asks_for_kind_and_takes_it(self) -> None:
        import_file(books.pk_with_kegiatan(self.dir / "pk.xlsx"), self.office, 2025)
        path = books.kegiatan_unclear(self.dir / "kegiatan.xlsx")
        with self.assertRaisesMessage(CommandError, "Name it with --kind agreement"):
            call_command("data", "import", str(path), "--year", "2025", "--office", self.office.code,
                         stdout=io.StringIO())
        out = io.StringIO()
        call_command("data", "import", str(path), "--year", "2025", "--office", self.office.code,
                     "--kind", "agreement", stdout=out)
        self.assertIn("column Kegiatan (D) is not read", out.getvalue())


class PolarityPhraseTestCase(UnseenTestCase):
    def test_each_phrase_with_a_direction_is_read_and_faster_is_a_shorter_time(self) -> None:
        summary = import_file(books.polarity_phrases(self.dir / "pengukuran.xlsx"), self.office, 2025)
        self.assertEqual(summary.assumed_positive, [])
        self.assertEqual({n: i.polarity for n, i in self.indicators().items()}, {
            "Persentase keluhan masyarakat": LOWER, "Angka pengangguran terbuka": LOWER, "Jumlah pengaduan": LOWER,
            "Jumlah wirausaha baru": HIGHER, "Indeks kepuasan masyarakat": HIGHER, "Jumlah koperasi aktif": HIGHER,
            "Rata-rata waktu penyelesaian izin": LOWER, "Waktu tanggap pengaduan": LOWER, "Waktu layanan loket": LOWER,
            "Lama verifikasi berkas": LOWER, "Rasio kredit macet": LOWER})

    def test_faster_for_a_satuan_that_is_no_time_is_refused_naming_row_column_and_value(self) -> None:
        path = books.polarity_phrases(self.dir / "pengukuran.xlsx")
        book = load_workbook(path)
        book.active["C3"] = "%"  # Angka pengangguran terbuka
        book.active["D3"] = "Semakin cepat semakin baik"
        book.active["D5"] = "Semakin lambat semakin baik"  # slower is better: no sense to read
        book.save(path)
        with self.assertRaises(ImportFailed) as caught:
            import_file(path, self.office, 2025)
        self.assertEqual([str(e) for e in caught.exception.errors], [
            'pengukuran.xlsx, sheet Pengukuran, row 3, column Polaritas (D): "faster is better" says lower is better '
            'only for a time, and the Satuan of this row is "%", not a time (bulan, detik, hari, jam, menit, minggu, '
            'pekan); write Positif or Negatif ("Semakin cepat semakin baik")',
            'pengukuran.xlsx, sheet Pengukuran, row 5, column Polaritas (D): the polarity is Positif or Negatif '
            '("Semakin lambat semakin baik")'])
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())

    def test_minimal_in_the_polaritas_column_keeps_its_warning(self) -> None:
        path = books.polarity_phrases(self.dir / "pengukuran.xlsx")
        book = load_workbook(path)
        book.active["D2"], book.active["E2"] = "Minimal", "minimal 80"
        book.save(path)
        summary = import_file(path, self.office, 2025)
        self.assertEqual(self.indicators()["Persentase keluhan masyarakat"].polarity, LOWER)
        self.assertEqual(len(summary.warnings), 1)
        self.assertIn("they contradict each other", str(summary.warnings[0]))


class ReimportTestCase(UnseenTestCase):
    def test_a_second_import_keeps_hand_added_activities_and_replaces_only_imported_ones(self) -> None:
        path = action_plan(self.dir / "renaksi.xlsx")
        first = import_file(path, self.office, 2025)
        self.assertEqual((first.plan_change.added, first.plan_change.kept, first.plan_change.removed), (6, 0, 0))
        active = self.indicators()[ACTIVE]
        plan.add_activity(active.pk, 2025, user=self.staff, name="Sosialisasi koperasi digital", targets=["1", "", "", ""])
        plan.add_activity(self.indicators()[UMKM].pk, 2025, user=self.staff, name="Kurasi produk UMKM")
        book = load_workbook(path)
        book.active.delete_rows(10)  # Pembubaran koperasi tidak aktif: no longer in the plan
        book.active["G9"] = 15  # Pendampingan RAT: another TW I target
        book.active.insert_rows(12)
        book.active["F12"] = "Pameran produk UMKM"  # a new activity of Jumlah UMKM naik kelas
        book.active["G12"] = 1
        book.save(path)
        checked = import_file(path, self.office, 2025, dry_run=True)
        change = checked.plan_change
        self.assertEqual((change.kept, change.added, change.changed, change.removed, change.unchanged), (2, 1, 1, 1, 4))
        self.assertEqual(len(self.activities(ACTIVE)), 3)  # the check saved nothing
        import_file(path, self.office, 2025)
        self.assertEqual(self.activities(ACTIVE), [("Pendampingan RAT", IMPORTED),
                                                   ("Sosialisasi koperasi digital", MANUAL)])
        self.assertEqual(self.activities(UMKM), [("Pelatihan UMKM", IMPORTED), ("Pameran produk UMKM", IMPORTED),
                                                 ("Kurasi produk UMKM", MANUAL)])
        rat = ActionPlanItem.objects.get(indicator=active, name="Pendampingan RAT")
        self.assertEqual(rat.quarter_targets, [15, 20, 30, 40])
        self.assertEqual(len(self.activities(HEALTHY)), 3)
        again = import_file(path, self.office, 2025)  # the same file once more changes nothing
        self.assertEqual((again.plan_change.kept, again.plan_change.added, again.plan_change.changed,
                          again.plan_change.removed, again.plan_change.unchanged), (2, 0, 0, 0, 6))

    def test_a_hand_added_activity_the_file_names_too_becomes_the_file_s(self) -> None:
        path = action_plan(self.dir / "renaksi.xlsx")
        import_file(path, self.office, 2025)
        umkm = self.indicators()[UMKM]
        plan.add_activity(umkm.pk, 2025, user=self.staff, name="Pameran produk UMKM")
        book = load_workbook(path)
        book.active.insert_rows(12)
        book.active["F12"] = "Pameran  produk UMKM"
        book.save(path)
        summary = import_file(path, self.office, 2025)
        self.assertEqual((summary.plan_change.kept, summary.plan_change.added, summary.plan_change.changed), (0, 0, 1))
        self.assertEqual(self.activities(UMKM), [("Pelatihan UMKM", IMPORTED), ("Pameran produk UMKM", IMPORTED)])


class PageTestCase(UploadMixin, UnseenTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.staff)
        self.enterContext(translation.override("id"))

    def test_the_page_asks_what_an_unclear_file_is_then_imports_it_as_said(self) -> None:
        import_file(books.pk_with_kegiatan(self.dir / "pk.xlsx"), self.office, 2025)
        response = self.upload(books.kegiatan_unclear(self.dir / "kegiatan.xlsx"), dry_run="on")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'class="card perf-choose perf-ask-kind"')
        self.assertContains(response, 'type="radio" name="kind" value="plan"')
        token = response.context["form"]["upload"].value()
        response = self.client.post("/data/import/", {"year": 2025, "upload": token, "kind": "plan", "dry_run": "on"})
        self.assertEqual(response.context["summary"].activities, 2)
        self.assertContains(response, 'name="kind" value="plan"')  # carried to "Import this file now"
        self.assertContains(response, 'class="perf-plan-change"')
        self.assertFalse(ActionPlanItem.objects.exists())
        response = self.client.post("/data/import/", {"year": 2025, "upload": token, "kind": "plan"})
        self.assertEqual(ActionPlanItem.objects.filter(indicator__office=self.office).count(), 2)

    def test_the_preview_names_the_kegiatan_column_not_read(self) -> None:
        response = self.upload(books.pk_with_kegiatan(self.dir / "pk.xlsx"), dry_run="on")
        self.assertContains(response, 'class="perf-activity-ignored"')
        self.assertContains(response, "Kegiatan (F)")
        token = response.context["form"]["upload"].value()
        response = self.client.post("/data/import/", {"year": 2025, "upload": token, "kind": "plan", "dry_run": "on"})
        self.assertEqual((response.context["summary"].plan, response.context["summary"].activities), (True, 3))
        self.assertNotContains(response, 'class="perf-activity-ignored"')
