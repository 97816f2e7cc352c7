"""The Eselon column kept on the position: stored on import ("-" or Non Eselon as none, an empty cell keeps
what kinerja has), changed on a later import, refused when two rows of one position disagree, said when it does
not fit the level of the unit its post heads (a Kasi with eselon II), and shown on the organisation page and in
the administration's list of positions."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from kinerja.org import importer
from kinerja.org.models import Position
from tests.base import KinerjaTestCase

from .test_import_sorted import book
from .test_import_unseen import UnseenCase
from .test_import_unseen_eselon import ANI, FAUZI, JOKO, SITI, WATI

HEADER = ["No", "Unit Kerja", "Unit Induk", "Jabatan", "Eselon", "Nama", "NIP"]
ROWS: list[list[object]] = [
    [1, "Dinas Koperasi dan UKM", "", "Kepala Dinas", "II.b", "Ahmad Fauzi", FAUZI],
    [2, "Sekretariat", "Dinas Koperasi dan UKM", "Sekretaris", "III/a", "Siti Rahmawati", SITI],
    [3, "Bidang Koperasi", "Dinas Koperasi dan UKM", "Kepala Bidang Koperasi", "Eselon III.b", "Joko Susilo", JOKO],
    [4, "Seksi Kelembagaan", "Bidang Koperasi", "Kepala Seksi Kelembagaan", "4a", "Ani Suryani", ANI],
    [5, "Seksi Kelembagaan", "", "Pengadministrasi Umum", "Non Eselon", "Wati Lestari", WATI],
]


def echelons() -> dict[str, str]:
    return dict(Position.objects.values_list("title", "echelon"))


class EchelonKeptTestCase(UnseenCase):
    def sheet(self, rows: list[list[object]], name: str = "eselon.xlsx") -> Path:
        return book(self.folder, name, HEADER, rows)

    def test_the_eselon_is_stored_and_a_second_import_changes_nothing(self) -> None:
        summary = self.run_import(self.sheet(ROWS))
        self.assertEqual(echelons(), {"Kepala Dinas": "II.b", "Sekretaris": "III.a", "Kepala Bidang Koperasi": "III.b",
                                      "Kepala Seksi Kelembagaan": "IV.a", "Pengadministrasi Umum": ""})
        self.assertEqual(summary.position_warnings, [])
        new = next(c for c in summary.changes if c.what == "position" and c.label == "Sekretaris")
        self.assertIn("eselon III.a", new.details)
        self.assertEqual(self.run_import(self.sheet(ROWS)).changes, [])

    def test_a_changed_eselon_is_changed_and_an_empty_cell_keeps_it(self) -> None:
        self.run_import(self.sheet(ROWS))
        changed = [[*r[:4], "III.b" if r[3] == "Sekretaris" else "", *r[5:]] for r in ROWS]
        summary = self.run_import(self.sheet(changed, "ubah.xlsx"))
        self.assertEqual([(c.label, c.details) for c in summary.changes],
                         [("Sekretaris", ["Eselon: III.a → III.b"])])
        self.assertEqual(echelons()["Kepala Dinas"], "II.b")  # empty in the second file: kept
        # "-" says the post has none: cleared.
        cleared = [[*r[:4], "-" if r[3] == "Kepala Seksi Kelembagaan" else "", *r[5:]] for r in ROWS]
        self.run_import(self.sheet(cleared, "hapus.xlsx"))
        self.assertEqual(echelons()["Kepala Seksi Kelembagaan"], "")

    def test_an_eselon_that_does_not_fit_the_level_of_the_unit_is_said(self) -> None:
        rows = [*ROWS[:3], [4, "Seksi Kelembagaan", "Bidang Koperasi", "Kepala Seksi Kelembagaan", "II.b", "Ani", ANI],
                [5, "Bidang UKM", "Dinas Koperasi dan UKM", "Kepala Bidang UKM", "IV.a", "", ""]]
        summary = self.run_import(self.sheet(rows), dry_run=True)
        self.assertEqual(len(summary.position_warnings), 2, summary.position_warnings)
        kasi, kabid = summary.position_warnings
        for said in ("lembar Data, baris 5: kolom E (Eselon)", "Kepala Seksi Kelembagaan", "Seksi Kelembagaan",
                     "“II.b”", "bereselon IV, V"):
            self.assertIn(said, kasi)
        for said in ("lembar Data, baris 6: kolom E (Eselon)", "Kepala Bidang UKM", "“IV.a”", "bereselon III."):
            self.assertIn(said, kabid)
        # A UPT may have its head at III (a province's); the head of office at II; staff are not checked here.
        fitting = [*ROWS, [6, "UPTD Pelatihan Koperasi", "Dinas Koperasi dan UKM", "Kepala UPTD Pelatihan", "III.b",
                           "", ""]]
        self.assertEqual(self.run_import(self.sheet(fitting), dry_run=True).position_warnings, [])

    def test_two_eselons_for_one_position_are_refused(self) -> None:
        rows = [*ROWS, [6, "Seksi Kelembagaan", "", "Pengadministrasi Umum", "IV.b", "", ""]]
        errors = self.failure(self.sheet(rows))
        self.assertEqual(len(errors), 1, errors)
        for said in ("baris 7, kolom E (Eselon): “IV.b”", "Pengadministrasi Umum", "lembar Data, baris 6",
                     "“Non Eselon”"):
            self.assertIn(said, errors[0])

    def test_the_model_refuses_what_is_no_eselon(self) -> None:
        self.run_import(self.sheet(ROWS))
        position = Position.objects.get(title="Sekretaris")
        position.echelon = "III/x"
        with self.assertRaises(ValidationError):
            position.full_clean()

    def test_the_template_guide_says_it_is_kept(self) -> None:
        guide = " ".join(importer.GUIDE)
        self.assertIn("Disimpan pada jabatan", guide)
        self.assertNotIn("Tidak disimpan", guide)


class EchelonShownTestCase(KinerjaTestCase):
    def test_the_organisation_page_and_the_admin_list_show_it(self) -> None:
        position = Position.objects.get(office=self.office, kind="secretary")
        position.echelon = "III.a"
        position.save()
        self.client.force_login(self.staff)
        page = self.client.get("/org/").content.decode()
        row = page[page.index(position.title):][:400]
        self.assertIn('<span class="org-echelon">Eselon III.a</span>', row)
        operator = get_user_model().objects.create_superuser("operator6", password="x-operator-2026")
        self.client.force_login(operator)
        listed = self.client.get("/admin/org/position/")
        self.assertContains(listed, "III.a")
        self.assertContains(listed, "column-echelon")
