"""What a SIMPEG export or an Excel of another office brings that the org importer did not read: a Unit Kerja
written as a path of units ("Subbagian Umum - Sekretariat - Dinas …"), a CSV whose byte-order mark is
followed by Windows-1252 text, Excel's "Unicode text" (UTF-16, tab-separated), the template's Eselon, and two
signers side by side with neither NIP nor pangkat lines."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from kinerja.org import importer
from kinerja.org.models import Person, Position, Unit

from .test_import_unseen import UnseenCase, digits
from .test_import_unseen_eselon import ANI, BAMBANG, FAUZI, JOKO, SITI, WATI, parents


class CsvEncodingTestCase(UnseenCase):
    HEADER = ["No.", "Nama", "NIP", "Jabatan", "Unit Kerja", "Unit Induk"]
    ROWS = [["Dr. Ir. H. Ahmad Fauzi", FAUZI, "Kepala Dinas", "Dinas Koperasi dan UKM", ""],
            ["Hj. Siti Rahmawati", SITI, "Sekretaris", "Sekretariat", "Dinas Koperasi dan UKM"],
            ["Drs. H. Bambang Irawan", BAMBANG, "Kasubbag Umum", "Subbagian Umum", "Sekretariat"],
            ["Sri Wahyuni", "", "Pengadministrasi Keuangan", "Subbagian Umum", ""]]

    def text(self, delimiter: str) -> str:
        lines = [self.HEADER, *([str(number), *cells] for number, cells in enumerate(self.ROWS, start=1))]
        return "\r\n".join(delimiter.join(cells) for cells in lines) + "\r\n"

    def test_a_utf8_bom_before_windows_1252_text_is_not_part_of_the_first_header(self) -> None:
        """Saved as "CSV UTF-8" and edited in a program that wrote "Pengadministrasi Keuangan – Bendahara" in the
        ANSI code page: not UTF-8 after the mark, read as Windows-1252, the mark dropped."""
        self.ROWS = [*self.ROWS[:3], ["Sri Wahyuni", "", "Pengadministrasi Keuangan – Bendahara", "Subbagian Umum", ""]]
        path = self.folder / "pegawai.csv"
        path.write_bytes(b"\xef\xbb\xbf" + self.text(";").encode("cp1252"))
        summary = self.run_import(path)
        self.assertEqual((summary.unread_columns, summary.ignored_columns), ([], ["A (No.)"]))  # not "A (ï»¿No.)"
        self.assertEqual(sorted(Person.objects.values_list("full_name", "nip")), sorted([
            ("Dr. Ir. H. Ahmad Fauzi", digits(FAUZI)), ("Hj. Siti Rahmawati", digits(SITI)),
            ("Drs. H. Bambang Irawan", digits(BAMBANG)), ("Sri Wahyuni", "")]))
        self.assertTrue(Person.objects.get(full_name="Sri Wahyuni").assignments.filter(
            position__title="Pengadministrasi Keuangan – Bendahara").exists())

    def test_excels_unicode_text_is_read(self) -> None:
        """Excel's "Unicode Text (*.txt)": UTF-16 little-endian with its mark, tab-separated."""
        path = self.folder / "pegawai.txt"
        path.write_bytes(self.text("\t").encode("utf-16"))
        self.through_the_page(path)  # uploaded as the operator saves it
        self.assertEqual(Person.objects.count(), 4)
        self.assertEqual(parents()["Subbagian Umum"], "Sekretariat")
        path.write_bytes(b"\xfe\xff" + self.text("\t").encode("utf-16-be"))  # as big-endian, the same
        self.assertEqual(self.run_import(path).changes, [])


class TemplateEchelonTestCase(UnseenCase):
    def test_the_template_has_the_eselon_column_and_reads_back_filled(self) -> None:
        path = importer.write_template(self.folder / "template.xlsx")
        book = load_workbook(path)
        sheet = book["Organisasi"]
        headers = [cell.value for cell in sheet[1]]
        self.assertIn("Eselon", headers)
        guide = " ".join(str(row[0]) for row in book["Petunjuk"].iter_rows(values_only=True) if row[0])
        for accepted in ("Eselon (tidak wajib): II.a, II.b, III.a, III.b, IV.a, IV.b", "JPT Pratama, Administrator, "
                         "Pengawas", "Non Eselon"):
            self.assertIn(accepted, guide)
        column = get_column_letter(headers.index("Eselon") + 1)
        (choices,) = [v for v in sheet.data_validations.dataValidation if column + "2" in v.sqref]
        self.assertIn("IV.a", choices.formula1)
        for unit, parent, position, name, nip, echelon in (
                ("Dinas Koperasi dan UKM", "", "Kepala Dinas", "Dr. Ir. H. Ahmad Fauzi", FAUZI, "JPT Pratama"),
                ("Sekretariat", "Dinas Koperasi dan UKM", "Sekretaris", "Hj. Siti Rahmawati", SITI, "III.a"),
                # A title kinerja does not know as a head's: its eselon makes it the head of its unit.
                ("UPTD Pasar", "Dinas Koperasi dan UKM", "Pengelola Pasar", "Drs. H. Bambang Irawan", BAMBANG, "IV.a"),
                ("UPTD Pasar", "", "Petugas Retribusi", "Sri Wahyuni", "", "Non Eselon")):
            values = {"Unit kerja": unit, "Unit induk": parent, "Jabatan": position, "Nama": name, "NIP": nip,
                      "Eselon": echelon}
            sheet.append([values.get(header, "") for header in headers])
        book.save(path)
        summary = self.run_import(path)
        self.assertEqual(summary.position_warnings, [])
        self.assertEqual(dict(Position.objects.values_list("title", "kind")), {
            "Kepala Dinas": "head", "Sekretaris": "secretary", "Pengelola Pasar": "unit_head",
            "Petugas Retribusi": "staff"})


class UnitPathTestCase(UnseenCase):
    """SIMPEG's Unit Kerja written as the path of units, most specific first, with the office's full name at
    the end; other offices' exports write it top-down, with " / " or " > ", or leave the office out."""

    def export(self, rows: list[list[str]], header: tuple[str, ...] = ("Nama", "NIP", "Jabatan", "Unit Kerja")) -> Path:
        book = Workbook()
        sheet = book.active
        sheet.title = "Data Pegawai"
        sheet.append(list(header))
        for row in rows:
            sheet.append(row)
        path = self.folder / "simpeg unit path.xlsx"
        book.save(path)
        return path

    ROWS = [
        ["Dr. Ir. H. Ahmad Fauzi", FAUZI, "Kepala Dinas", "Dinas Koperasi dan UKM"],
        ["Hj. Siti Rahmawati", SITI, "Sekretaris", "Sekretariat - Dinas Koperasi dan UKM Kota Bandar Lampung"],
        ["Drs. H. Bambang Irawan", BAMBANG, "Kepala Subbagian Umum dan Kepegawaian",
         "Subbagian Umum dan Kepegawaian - Sekretariat - Dinas Koperasi dan UKM Kota Bandar Lampung"],
        ["H. Joko Susilo", JOKO, "Kepala Bidang Koperasi, Usaha Mikro", "Bidang Koperasi, Usaha Mikro"],
        ["Ani Suryani", ANI, "Penyuluh Koperasi", "Dinas Koperasi dan UKM / Bidang Koperasi, Usaha Mikro / Seksi "
         "Kelembagaan"],
        ["Wati Lestari", WATI, "Pengadministrasi Umum", "Seksi Pengawasan > Bidang Koperasi, Usaha Mikro"],
    ]

    def test_each_level_of_the_path_is_a_unit_under_the_next(self) -> None:
        summary = self.run_import(self.export(self.ROWS))
        self.assertEqual(parents(), {
            "Dinas Koperasi dan UKM": "", "Sekretariat": "Dinas Koperasi dan UKM",
            "Subbagian Umum dan Kepegawaian": "Sekretariat",
            "Bidang Koperasi, Usaha Mikro": "Dinas Koperasi dan UKM",  # a comma inside a name is no path
            "Seksi Kelembagaan": "Bidang Koperasi, Usaha Mikro", "Seksi Pengawasan": "Bidang Koperasi, Usaha Mikro"})
        self.assertEqual(self.holdings()[2:4], [
            ("Drs. H. Bambang Irawan", "Kepala Subbagian Umum dan Kepegawaian", "Subbagian Umum dan Kepegawaian",
             "definitive"), ("H. Joko Susilo", "Kepala Bidang Koperasi, Usaha Mikro", "Bidang Koperasi, Usaha Mikro",
                             "definitive")])
        self.assertEqual(summary.unplaced_units, [])
        self.assertEqual(self.run_import(self.export(self.ROWS)).changes, [])

    def test_a_path_that_contradicts_the_unit_induk_on_its_row_is_refused(self) -> None:
        rows = [[*row, ""] for row in self.ROWS[:2]] + [
            ["Drs. H. Bambang Irawan", BAMBANG, "Kasubbag Umum", "Subbagian Umum - Sekretariat", "Bidang Koperasi"],
            ["H. Joko Susilo", JOKO, "Kabid Koperasi", "Bidang Koperasi", "Dinas Koperasi dan UKM"]]
        errors = self.failure(self.export(rows, ("Nama", "NIP", "Jabatan", "Unit Kerja", "Unit Induk")))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("baris 4, kolom E (Unit Induk): “Bidang Koperasi”", errors[0])
        self.assertIn("kolom D (Unit Kerja) pada baris ini (Subbagian Umum - Sekretariat)", errors[0])
        self.assertEqual(Unit.objects.count(), 0)

    def test_two_paths_that_disagree_about_a_parent_are_refused(self) -> None:
        rows = [*self.ROWS[:2], ["Drs. H. Bambang Irawan", BAMBANG, "Kepala Seksi Pengawasan",
                                 "Seksi Pengawasan - Bidang Koperasi, Usaha Mikro"],
                ["Wati Lestari", WATI, "Pengadministrasi Umum", "Seksi Pengawasan / Bidang UKM"]]
        errors = self.failure(self.export(rows))
        self.assertEqual(len(errors), 1, errors)
        for said in ("baris 5, kolom D (Unit Kerja): “Seksi Pengawasan / Bidang UKM”",
                     "Seksi Pengawasan di bawah Bidang UKM", "lembar Data Pegawai, baris 4, kolom D (Unit Kerja) "
                     "(Seksi Pengawasan - Bidang Koperasi, Usaha Mikro)", "Bidang Koperasi, Usaha Mikro"):
            self.assertIn(said, errors[0])


class SignersByTitleTestCase(UnseenCase):
    """Two signers side by side under a table without a column No., with no place and date, NIP or pangkat
    lines: their posts over their names."""

    def sheet(self, tail: list[list[str | None]]) -> Path:
        book = Workbook()
        sheet = book.active
        sheet.append(["Unit Kerja", "Jabatan", "Nama", "NIP"])
        sheet.append(["Dinas Koperasi dan UKM", "Kepala Dinas", "Dr. Ir. H. Ahmad Fauzi, M.Si.", FAUZI])
        sheet.append(["Sekretariat", "Sekretaris", "Hj. Siti Rahmawati", SITI])
        for row in tail:
            sheet.append(row)
        path = self.folder / "dua penanda tangan tanpa nip.xlsx"
        book.save(path)
        return path

    def test_the_posts_of_the_head_and_the_sekda_over_names_end_the_table(self) -> None:
        path = self.sheet([["Subbagian Umum", "Kasubbag Umum", None, None], [],
                           ["Sekretaris Daerah", None, "Kepala Dinas Koperasi dan UKM"], ["", None, ""],
                           ["Drs. H. Yusuf Hidayat", None, "Dr. Ir. H. Ahmad Fauzi, M.Si."]])
        summary = self.run_import(path, dry_run=True)
        self.assertEqual(summary.signature_rows, ["lembar Sheet, baris 6–8 (Sekretaris Daerah)"])
        # The vacant Kasubbag above the block stays a row of the table.
        self.assertEqual((summary.counts["unit_new"], summary.counts["position_new"], summary.counts["person_new"]),
                         (3, 3, 2))
        # One post alone in the Jabatan column is a vacant post whose unit is written above, as are the rows under it.
        path = self.sheet([[None, "Kepala Dinas Koperasi", None], [None, "Pengadministrasi Umum", None]])
        summary = self.run_import(path, dry_run=True)
        self.assertEqual((summary.signature_rows, summary.counts["position_new"]), ([], 4))
