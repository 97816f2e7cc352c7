"""A signature block with a single signer under the table: "Bandar Lampung, 2 Januari 2026" (or the date in
figures, or in a cell of its own), the head's post, the space to sign in, and the name with no NIP or pangkat
line under it; or the post and name alone in the Jabatan column. And the rows that look like it but are the
table's: a vacant post with other vacant posts under it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from kinerja.org import importer
from kinerja.org.models import Position

from .test_import_unseen import UnseenCase
from .test_import_unseen_eselon import FAUZI, SITI

HEADER = ["No", "Unit Kerja", "Jabatan", "Nama", "NIP"]
TABLE = [[1, "Dinas Koperasi dan UKM", "Kepala Dinas", "Ahmad Fauzi", FAUZI],
         [2, "Sekretariat", "Sekretaris", "Siti Rahmawati", SITI]]


class SingleSignerTestCase(UnseenCase):
    def sheet(self, tail: list[list[object]]) -> Path:
        book = Workbook()
        sheet = book.active
        sheet.title = "Data"
        for row in (HEADER, *TABLE, *tail):
            sheet.append(row)
        path = self.folder / "satu penanda tangan.xlsx"
        book.save(path)
        return path

    def test_a_single_signer_without_nip_or_pangkat_ends_the_table(self) -> None:
        signer = "Drs. H. Budi Santoso, M.Si"
        tails = {
            "place and date": ([[], [None, None, None, "Bandar Lampung, 2 Januari 2026"], [None, None, None, "Kepala Dinas"],
                                [], [None, None, None, signer]], "baris 5–8 (Bandar Lampung, 2 Januari 2026)"),
            "date in figures": ([[], [None, None, "Bandar Lampung, 02-01-2026"], [None, None, "Kepala Dinas"], [],
                                 [None, None, signer]], "baris 5–8 (Bandar Lampung, 02-01-2026)"),
            "day left as dots": ([[], [None, None, "Bandar Lampung, ........ 2026"], [None, None, "Kepala Dinas"], [],
                                  [None, None, signer]], "baris 5–8 (Bandar Lampung, ........ 2026)"),
            "date in its own cell": ([[], [None, None, "Bandar Lampung,", dt.datetime(2026, 1, 2)],
                                      [None, None, "Kepala Dinas"], [], [None, None, signer]],
                                     "baris 5–8 (Bandar Lampung,)"),
            "post and name in Jabatan": ([[], [None, None, "Kepala Dinas"], [], [None, None, signer]],
                                         "baris 5–7 (Kepala Dinas)"),
            "name as in the table": ([[], [None, None, "KEPALA DINAS KOPERASI DAN UKM"], [], [],
                                      [None, None, "Ahmad Fauzi"]], "baris 5–8 (KEPALA DINAS KOPERASI DAN UKM)"),
        }
        for case, (tail, rows) in tails.items():
            with self.subTest(case):
                summary = self.run_import(self.sheet(tail), dry_run=True)
                self.assertEqual(summary.signature_rows, [f"lembar Data, {rows}"])
                self.assertEqual((summary.counts["position_new"], summary.counts["person_new"]), (2, 2))
        self.run_import(self.sheet(tails["post and name in Jabatan"][0]))
        self.assertEqual(sorted(Position.objects.values_list("title", flat=True)), ["Kepala Dinas", "Sekretaris"])

    def test_vacant_posts_that_look_like_a_signer_stay_the_tables(self) -> None:
        # A head's post alone in the Jabatan column with posts (not names) under it: vacant posts of the unit above.
        for tail in ([[3, "Bidang Koperasi", None], [None, None, "Kepala Bidang Koperasi"], [],
                      [None, None, "Pengadministrasi Umum"]],
                     [[None, "Bidang Koperasi", None], [None, None, "Kepala Dinas Koperasi"],
                      [None, None, "Drs. H. Budi Santoso, M.Si"]]):  # no space to sign in: a post, then a name
            with self.subTest(tail=tail):
                summary = self.run_import(self.sheet(tail), dry_run=True)
                self.assertEqual(summary.signature_rows, [])  # nothing under the table is left unread silently
                self.assertIn(tail[-1][2], [c.label for c in summary.changes if c.what == "position"])

    def test_a_name_neither_with_degrees_nor_in_the_table_is_not_taken_for_a_signer(self) -> None:
        path = self.sheet([[None, "Bidang Koperasi", None], [None, None, "Kepala Dinas Koperasi"], [],
                           [None, None, "Penyuluh Koperasi"]])
        summary = self.run_import(path, dry_run=True)
        self.assertEqual(summary.signature_rows, [])
        self.assertEqual(summary.counts["position_new"], 4)

    def test_a_data_row_in_two_cells_is_not_a_place_and_date(self) -> None:
        self.assertFalse(importer._signature_line(["Sekretariat", "Analis Kepegawaian"]))
        self.assertFalse(importer._signature_line(["Bidang Koperasi, Usaha Mikro", "Kepala Bidang"]))
        self.assertTrue(importer._signature_line([None, "Bandar Lampung,", "2 Jan 2026"]))
        self.assertTrue(importer._signature_line(["Ditetapkan di Bandar Lampung"]))
