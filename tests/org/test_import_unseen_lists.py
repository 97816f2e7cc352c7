"""Two more lists a new office brings: a SIMPEG export with capitalised headers (NAMA, NIP, GOL/RUANG, JABATAN,
UNIT ORGANISASI, ESELON, TMT JABATAN), title rows above and a blank row between groups; and a list kept by hand
with no column Unit kerja, each unit a title row over its people ("BIDANG KOPERASI", "A. SEKRETARIAT" merged
across), refused precisely when a person stands above any such title."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from kinerja.org.models import Assignment, Person, Position

from .test_import_unseen import UnseenCase, digits
from .test_import_unseen_eselon import ANI, DEDI, FAUZI, JOKO, SITI, WATI, parents


class SimpegCapitalsTestCase(UnseenCase):
    def export(self) -> Path:
        book = Workbook()
        sheet = book.active
        sheet.title = "Export"
        for title in ("DATA PEGAWAI NEGERI SIPIL", "DINAS KOPERASI DAN UKM KOTA BANDAR LAMPUNG", None):
            sheet.append([title])
        sheet.append(["NO", "NAMA", "NIP", "GOL/RUANG", "JABATAN", "UNIT ORGANISASI", "ESELON", "TMT JABATAN"])
        kadis = "Dinas Koperasi dan UKM"
        for row in (
            [1, "Dr. Ahmad Fauzi, M.Si.", FAUZI, "IV/c", "Kepala Dinas", kadis, "II.b", dt.datetime(2024, 1, 2)],
            [2, "Hj. Siti Rahmawati", SITI, "IV/a", "Sekretaris", f"Sekretariat - {kadis}", "III.a", "02-01-2024"],
            [],  # the blank row SIMPEG leaves between groups
            [3, "Joko Susilo", JOKO, "IV/a", "Kepala Bidang Koperasi", f"Bidang Koperasi - {kadis}", "III.b",
             "02-01-2024"],
            [4, "Ani Suryani", ANI, "III/d", "Kepala Seksi Kelembagaan",
             f"Seksi Kelembagaan - Bidang Koperasi - {kadis}", "IV.a", "02-01-2024"],
            [5, "Wati Lestari", WATI, "II/c", "Pengadministrasi Umum", f"Seksi Kelembagaan - Bidang Koperasi - {kadis}",
             "-", "02-01-2024"]):
            sheet.append(row)
        path = self.folder / "export simpeg.xlsx"
        book.save(path)
        return path

    def test_it_is_read_with_its_eselon_grades_and_dates(self) -> None:
        summary = self.run_import(self.export())
        self.assertEqual(parents(), {"Dinas Koperasi dan UKM": "", "Sekretariat": "Dinas Koperasi dan UKM",
                                     "Bidang Koperasi": "Dinas Koperasi dan UKM", "Seksi Kelembagaan": "Bidang Koperasi"})
        self.assertEqual(dict(Position.objects.values_list("title", "echelon")), {
            "Kepala Dinas": "II.b", "Sekretaris": "III.a", "Kepala Bidang Koperasi": "III.b",
            "Kepala Seksi Kelembagaan": "IV.a", "Pengadministrasi Umum": ""})
        self.assertEqual(Person.objects.get(nip=digits(WATI)).grade, "II/c")
        self.assertEqual(set(Assignment.objects.values_list("starts_on", flat=True)), {dt.date(2024, 1, 2)})
        self.assertEqual((summary.unread_columns, summary.position_warnings), ([], []))
        self.assertEqual(self.run_import(self.export()).changes, [])


class UnitTitleRowsTestCase(UnseenCase):
    def kept_by_hand(self, rows: list[list[object]]) -> Path:
        book = Workbook()
        sheet = book.active
        sheet.title = "Pegawai"
        sheet.append(["DAFTAR PEGAWAI DINAS KOPERASI DAN UKM"])
        sheet.append([])
        sheet.append(["No", "Nama", "NIP", "Pangkat/Gol", "Jabatan"])
        for row in rows:
            sheet.append(row)
            if len(row) == 1:  # a title merged across the table, as often as not
                sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=5)
        path = self.folder / "daftar pegawai.xlsx"
        book.save(path)
        return path

    ROWS: list[list[object]] = [
        ["DINAS KOPERASI DAN UKM"],
        [1, "Ahmad Fauzi", FAUZI, "IV/c", "Kepala Dinas"],
        ["A. SEKRETARIAT"],
        [2, "Siti Rahmawati", SITI, "IV/a", "Sekretaris"],
        ["BIDANG KOPERASI"],
        [3, "Joko Susilo", JOKO, "IV/a", "Kepala Bidang Koperasi"],
        [4, "Wati Lestari", WATI, "II/c", "Pengadministrasi Umum"],
        ["SEKSI KELEMBAGAAN"],
        [5, "Ani Suryani", ANI, "III/d", "Kepala Seksi Kelembagaan"],
        ["BIDANG USAHA MIKRO"],
        [6, "Dedi Kurniawan", DEDI, "III/a", "Kepala Bidang Usaha Mikro"],
    ]

    def test_each_title_row_is_the_unit_of_the_people_under_it(self) -> None:
        self.run_import(self.kept_by_hand(self.ROWS))
        self.assertEqual(parents(), {"Dinas Koperasi dan UKM": "", "Sekretariat": "Dinas Koperasi dan UKM",
                                     "Bidang Koperasi": "Dinas Koperasi dan UKM", "Seksi Kelembagaan": "Bidang Koperasi",
                                     "Bidang Usaha Mikro": "Dinas Koperasi dan UKM"})
        self.assertEqual(dict(Position.objects.values_list("title", "unit__name")), {
            "Kepala Dinas": "Dinas Koperasi dan UKM", "Sekretaris": "Sekretariat",
            "Kepala Bidang Koperasi": "Bidang Koperasi", "Pengadministrasi Umum": "Bidang Koperasi",
            "Kepala Seksi Kelembagaan": "Seksi Kelembagaan", "Kepala Bidang Usaha Mikro": "Bidang Usaha Mikro"})
        self.assertEqual(self.run_import(self.kept_by_hand(self.ROWS)).changes, [])

    def test_a_person_above_any_title_is_refused_naming_the_row(self) -> None:
        errors = self.failure(self.kept_by_hand([[1, "Ahmad Fauzi", FAUZI, "IV/c", "Kepala Dinas"], *self.ROWS[2:]]))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("lembar Pegawai, baris 4, kolom Unit kerja: bukan kolom lembar ini", errors[0])
        self.assertIn("“BIDANG KOPERASI”", errors[0])

    def test_a_list_with_neither_column_nor_titles_is_refused(self) -> None:
        rows = [row for row in self.ROWS if len(row) > 1]
        errors = self.failure(self.kept_by_hand(rows))
        self.assertEqual(len(errors), len(rows), errors)
        self.assertTrue(all("kolom Unit kerja: bukan kolom lembar ini" in e for e in errors), errors)

    def test_the_import_page_tells_the_eselon_column_and_the_title_rows(self) -> None:
        # The page's guide says what the import reads: an administrator with such a list learns it may upload it.
        from django.contrib.auth import get_user_model

        operator = get_user_model().objects.create_superuser("operator", password="x-operator-2026")
        self.client.force_login(operator)
        page = self.client.get("/org/import/")
        self.assertContains(page, "Pangkat/Golongan, Eselon, E-mail")
        self.assertContains(page, "Tanpa kolom Unit kerja, baris judul di atas sekelompok baris")
