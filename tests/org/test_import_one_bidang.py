"""Seksi rows without a column Unit induk: in an office with a single Bidang they lie under it (by the row
order), and the import result page and the command line both say so; with two Bidang and Seksi rows not grouped
under them, which Bidang each lies under cannot be told, and the import is refused naming the Seksi's rows, on
the page and on the command line, with nothing saved."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from kinerja.org.models import Person, Unit

from .test_import_sorted import DINAS, HEADER, KELEMBAGAAN, KOPERASI, MIKRO, book
from .test_import_unseen import UnseenCase
from .test_import_unseen_eselon import DEDI, parents

PENGAWASAN = [6, "Seksi Pengawasan", "Kepala Seksi Pengawasan", "IV.a", "Dedi Kurniawan", DEDI]
NOTE = "Unit induk dibaca dari urutan baris, bukan dari nama unitnya"


class OneBidangTestCase(UnseenCase):
    def test_the_note_is_on_the_result_page_and_the_command_line(self) -> None:
        path = book(self.folder, "satu bidang.xlsx", HEADER, [*DINAS, KOPERASI, KELEMBAGAAN, PENGAWASAN])
        out = StringIO()
        call_command("org", "import", str(path), "--office", "diskop", "--dry-run", stdout=out)
        self.assertIn(NOTE, out.getvalue())
        self.assertIn("Seksi Kelembagaan → Bidang Koperasi; Seksi Pengawasan → Bidang Koperasi", out.getvalue())
        preview, saved = self.through_the_page(path)
        for page in (preview, saved):
            self.assertIn(NOTE, page)
            self.assertIn("Seksi Pengawasan → Bidang Koperasi", page)
        self.assertEqual((parents()["Seksi Kelembagaan"], parents()["Seksi Pengawasan"]),
                         ("Bidang Koperasi", "Bidang Koperasi"))


class TwoBidangTestCase(UnseenCase):
    ROWS = [*DINAS, KOPERASI, MIKRO, KELEMBAGAAN, PENGAWASAN,
            [7, "Seksi Pengawasan", "Pengawas Koperasi", "-", "", ""]]

    def test_ungrouped_seksi_rows_are_refused_naming_the_rows(self) -> None:
        path = book(self.folder, "dua bidang.xlsx", HEADER, self.ROWS)
        errors = self.failure(path)
        self.assertEqual(len(errors), 2, errors)
        self.assertIn("lembar Data, baris 6, kolom B (Unit Kerja): “Seksi Kelembagaan” adalah Seksi", errors[0])
        self.assertIn("(Bidang Koperasi, Bidang Usaha Mikro)", errors[0])
        self.assertIn("kolom Unit induk pada baris 6,", errors[0])
        self.assertIn("baris 7, kolom B (Unit Kerja): “Seksi Pengawasan”", errors[1])
        self.assertIn("kolom Unit induk pada baris 7, 8,", errors[1])
        with self.assertRaises(CommandError) as caught:
            call_command("org", "import", str(path), "--office", "diskop", stdout=StringIO())
        self.assertIn("baris 7, kolom B (Unit Kerja): “Seksi Pengawasan”", str(caught.exception))
        # Not said, besides, to be placed at the top: the refusal says what to write.
        self.assertNotIn("ditempatkan langsung di bawah perangkat daerah", str(caught.exception))
        operator = get_user_model().objects.create_superuser("operator", password="x-operator-2026")
        self.client.force_login(operator)
        with path.open("rb") as f:
            page = self.client.post("/org/import/", {"file": f, "office": str(self.office.pk)})
        self.assertContains(page, "baris 6, kolom B (Unit Kerja): “Seksi Kelembagaan” adalah Seksi", status_code=400)
        self.assertNotContains(page, "Pratinjau", status_code=400)
        self.assertEqual((Unit.objects.count(), Person.objects.count()), (0, 0))

    def test_with_the_unit_induk_or_grouped_under_their_bidang_they_are_read(self) -> None:
        grouped = [*DINAS, KOPERASI, KELEMBAGAAN, MIKRO, PENGAWASAN]
        self.run_import(book(self.folder, "urut.xlsx", HEADER, grouped))
        self.assertEqual((parents()["Seksi Kelembagaan"], parents()["Seksi Pengawasan"]),
                         ("Bidang Koperasi", "Bidang Usaha Mikro"))

    def test_a_seksi_whose_name_continues_a_bidangs_is_placed(self) -> None:
        rows: list[list[object]] = [*DINAS, KOPERASI, MIKRO,
                                    [5, "Seksi Pembinaan Usaha Mikro", "Kepala Seksi Pembinaan", "IV.a", "", ""]]
        path: Path = book(self.folder, "nama.xlsx", HEADER, rows)
        self.run_import(path)
        self.assertEqual(parents()["Seksi Pembinaan Usaha Mikro"], "Bidang Usaha Mikro")
