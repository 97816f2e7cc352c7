"""Three more spreadsheets a new office brings that kinerja never saw: a SIMPEG export with the columns Jenis
Jabatan and Eselon and names with degrees and "H."/"Hj." (no Unit induk, the Kepala Dinas's signature under it
without a place and date), a Kecamatan's bezetting (Camat, Sekcam, Kasi, Kasubbag, Lurah; no Unit induk), and
a CSV saved as "CSV UTF-8" on an Indonesian Windows (a byte-order mark, semicolons, a signature block)."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from kinerja.org import actions, importer
from kinerja.org.models import Assignment, Person, Position, Unit

from .test_import_unseen import UnseenCase, digits

FAUZI, SITI, BAMBANG, RUDI, JOKO, ANI, WATI, DEDI, UJANG = (
    "19680512 199303 1 004", "19700315 199503 2 002", "19710720 199803 1 005", "19900102 201503 1 001",
    "19750808 200003 1 006", "19820910 200604 2 011", "19850303 201001 2 007", "19790101 200501 1 009",
    "19880606 201101 1 003")


def parents() -> dict[str, str]:
    return {u.name: u.parent.name if u.parent else "" for u in Unit.objects.select_related("parent")}


def kinds() -> dict[str, str]:
    return dict(Position.objects.values_list("title", "kind"))


class SimpegExportTestCase(UnseenCase):
    """The list SIMPEG exports for the Dinas: Nama, NIP, Pangkat/Gol. Ruang, TMT, Jabatan, Jenis Jabatan
    (Struktural, Fungsional Tertentu, Pelaksana), Eselon, Unit Kerja; names with academic degrees and H./Hj.;
    no Unit induk; under the table the head's signature block with no place, date or "Mengetahui"."""

    PEOPLE = [
        ("Dr. Ir. H. Ahmad Fauzi, M.Si.", FAUZI, "Pembina Utama Muda (IV/c)", "02-01-2024",
         "Kepala Dinas Koperasi dan UKM", "Struktural", "II.b", "Dinas Koperasi dan UKM"),
        ("Hj. Siti Rahmawati, S.E., M.M.", SITI, "Pembina (IV/a)", "02-01-2024", "Sekretaris", "Struktural",
         "III.a", "Sekretariat"),
        ("Drs. H. Bambang Irawan", BAMBANG, "Penata Tk. I (III/d)", "02-01-2024",
         "Kepala Subbagian Umum dan Kepegawaian", "Struktural", "IV.a", "Subbagian Umum dan Kepegawaian"),
        ("Rudi Hartono, S.Kom.", RUDI, "Penata Muda (III/a)", "02-01-2024", "Pranata Komputer Ahli Pertama",
         "Fungsional Tertentu", "-", "Subbagian Umum dan Kepegawaian"),
        ("H. Joko Susilo, S.E.", JOKO, "Pembina (IV/a)", "02-01-2024", "Kepala Bidang Kelembagaan Koperasi",
         "Struktural", "III.b", "Bidang Kelembagaan Koperasi"),
        ("Ani Suryani, S.H.", ANI, "Penata Tk. I (III/d)", "02-01-2024", "Penyuluh Koperasi Ahli Muda",
         "Fungsional Tertentu", "Non Eselon", "Seksi Penyuluhan"),
        ("Wati Lestari", WATI, "Pengatur (II/c)", "02-01-2024", "Pengadministrasi Umum", "Pelaksana",
         "Non Eselon", "Bidang Kelembagaan Koperasi"),
        ("Ir. Dedi Kurniawan, M.T.", DEDI, "Penata Tk. I (III/d)", "02-01-2024", "Ka. UPTD Pelatihan Koperasi",
         "Struktural", "IV.a", "UPTD Pelatihan Koperasi dan UKM"),
        ("Ujang Supriatna, A.Md.", UJANG, "Pengatur Tk. I (II/d)", "02-01-2024", "Pengelola Kelembagaan UKM",
         "Pelaksana", "Non Eselon", "Seksi Kelembagaan UKM"),
        ("", "", "", "", "Penata Kelembagaan Koperasi", "Pelaksana", "Non Eselon", "Bidang UKM"),
    ]

    def export(self, people: list[tuple[str, ...]] | None = None) -> Path:
        book = Workbook()
        sheet = book.active
        sheet.title = "Data Pegawai"
        sheet.append(["DATA PEGAWAI NEGERI SIPIL - DINAS KOPERASI DAN UKM"])
        sheet.append(["Dicetak dari SIMPEG"])
        sheet.append(["No", "Nama", "NIP", "Pangkat/Gol. Ruang", "TMT", "Jabatan", "Jenis Jabatan", "Eselon",
                      "Unit Kerja"])
        for number, person in enumerate(people or self.PEOPLE, start=1):
            sheet.append([number, *person])
        sheet.append([])
        for line in ("Kepala Dinas Koperasi dan UKM", "", "", "Dr. Ir. H. Ahmad Fauzi, M.Si.", "Pembina Utama Muda",
                     f"NIP. {FAUZI}"):
            sheet.append(["", "", "", "", "", line])
        path = self.folder / "simpeg export.xlsx"
        book.save(path)
        return path

    def test_the_export_is_read_as_written(self) -> None:
        summary = self.run_import(self.export())
        self.assertEqual(sorted(Person.objects.values_list("full_name", "nip", "grade")), sorted([
            ("Dr. Ir. H. Ahmad Fauzi, M.Si.", digits(FAUZI), "IV/c"), ("Hj. Siti Rahmawati, S.E., M.M.", digits(SITI),
                                                                       "IV/a"),
            ("Drs. H. Bambang Irawan", digits(BAMBANG), "III/d"), ("Rudi Hartono, S.Kom.", digits(RUDI), "III/a"),
            ("H. Joko Susilo, S.E.", digits(JOKO), "IV/a"), ("Ani Suryani, S.H.", digits(ANI), "III/d"),
            ("Wati Lestari", digits(WATI), "II/c"), ("Ir. Dedi Kurniawan, M.T.", digits(DEDI), "III/d"),
            ("Ujang Supriatna, A.Md.", digits(UJANG), "II/d")]))
        self.assertEqual(kinds(), {
            "Kepala Dinas Koperasi dan UKM": "head", "Sekretaris": "secretary",
            "Kepala Subbagian Umum dan Kepegawaian": "unit_head", "Pranata Komputer Ahli Pertama": "staff",
            "Kepala Bidang Kelembagaan Koperasi": "unit_head", "Penyuluh Koperasi Ahli Muda": "staff",
            "Pengadministrasi Umum": "staff", "Ka. UPTD Pelatihan Koperasi": "unit_head",  # Struktural
            "Pengelola Kelembagaan UKM": "staff", "Penata Kelembagaan Koperasi": "staff"})
        self.assertEqual(Assignment.objects.filter(starts_on=dt.date(2024, 1, 2)).count(), 9)
        self.assertEqual(summary.signature_rows, ["lembar Data Pegawai, baris 15–20 (Kepala Dinas Koperasi dan UKM)"])
        self.assertEqual(self.run_import(self.export()).changes, [])

    def test_the_parent_units_are_read_from_their_names(self) -> None:
        summary = self.run_import(self.export())
        self.assertEqual(parents(), {
            "Dinas Koperasi dan UKM": "", "Sekretariat": "Dinas Koperasi dan UKM",
            "Subbagian Umum dan Kepegawaian": "Sekretariat", "Bidang Kelembagaan Koperasi": "Dinas Koperasi dan UKM",
            # Listed under the Bidang; the next Seksi's name continues the Bidang UKM's, listed after it.
            "Seksi Penyuluhan": "Bidang Kelembagaan Koperasi", "Seksi Kelembagaan UKM": "Bidang UKM",
            "UPTD Pelatihan Koperasi dan UKM": "Dinas Koperasi dan UKM", "Bidang UKM": "Dinas Koperasi dan UKM"})
        self.assertEqual((summary.without_hierarchy, summary.unplaced_units), ([], []))
        # Placed by the row order, not by its name, and said so.
        self.assertIn("Seksi Penyuluhan → Bidang Kelembagaan Koperasi", summary.placed_by_order)
        self.assertNotIn("Seksi Penyuluhan → Bidang Kelembagaan Koperasi", summary.placed_by_name)

    def test_a_unit_whose_name_names_another_lies_under_it(self) -> None:
        """A UPTD's own Subbagian and Seksi, named after it, listed after the Sekretariat's rows."""
        book = Workbook()
        sheet = book.active
        sheet.append(["Nama", "NIP", "Jabatan", "Eselon", "Unit Kerja"])
        for row in (["Dr. Ir. H. Ahmad Fauzi, M.Si.", FAUZI, "Kepala Dinas", "II.b", "Dinas Koperasi dan UKM"],
                    ["Hj. Siti Rahmawati", SITI, "Sekretaris", "III.a", "Sekretariat"],
                    ["Drs. H. Bambang Irawan", BAMBANG, "Kepala UPTD", "IV.a", "UPTD Pasar Koperasi"],
                    ["Joko Susilo", JOKO, "Kepala Seksi Pelayanan", "-", "Seksi Pelayanan UPTD Pasar Koperasi"],
                    ["Ani Suryani", ANI, "Kasubbag TU", "IV.b", "Subbagian Tata Usaha UPTD Pasar Koperasi"]):
            sheet.append(row)
        path = self.folder / "uptd.xlsx"
        book.save(path)
        summary = self.run_import(path)
        self.assertEqual(parents(), {
            "Dinas Koperasi dan UKM": "", "Sekretariat": "Dinas Koperasi dan UKM",
            "UPTD Pasar Koperasi": "Dinas Koperasi dan UKM", "Seksi Pelayanan UPTD Pasar Koperasi": "UPTD Pasar Koperasi",
            "Subbagian Tata Usaha UPTD Pasar Koperasi": "UPTD Pasar Koperasi"})
        # A Kepala Seksi written without an eselon, as after the simplification of 2021: kept a head, and said.
        self.assertEqual(len(summary.position_warnings), 1, summary.position_warnings)
        self.assertIn("baris 5: Kepala Seksi Pelayanan diimpor sebagai Kepala unit", summary.position_warnings[0])

    def test_the_page_and_the_command_say_what_was_read_from_the_names_and_the_signature(self) -> None:
        out = StringIO()
        call_command("org", "import", str(self.export()), "--office", "diskop", "--dry-run", stdout=out)
        for said in ("Blok tanda tangan di bawah tabel tidak dibaca: lembar Data Pegawai, baris 15–20 (Kepala Dinas "
                     "Koperasi dan UKM).",
                     "Unit induk dibaca dari nama unitnya, karena lembarnya tidak memiliki kolom itu: ",
                     "Subbagian Umum dan Kepegawaian → Sekretariat"):
            self.assertIn(said, out.getvalue())
        self.assertNotIn("ditempatkan langsung di bawah perangkat daerah", out.getvalue())
        preview, _saved = self.through_the_page(self.export())
        self.assertIn("Subbagian Umum dan Kepegawaian → Sekretariat", preview)
        self.assertEqual(Unit.objects.get(name="Seksi Penyuluhan").parent.name, "Bidang Kelembagaan Koperasi")

    def test_an_eselon_against_the_jenis_jabatan_is_warned(self) -> None:
        people = list(self.PEOPLE)
        people[6] = people[6][:6] + ("IV.b",) + people[6][7:]  # a Pelaksana with an eselon
        people[2] = people[2][:6] + ("Non Eselon",) + people[2][7:]  # a Kepala Subbagian without one
        summary = self.run_import(self.export(people), dry_run=True)
        self.assertEqual(len(summary.position_warnings), 2, summary.position_warnings)
        self.assertIn("lembar Data Pegawai, baris 6: Kepala Subbagian Umum dan Kepegawaian diimpor sebagai Kepala unit",
                      summary.position_warnings[0])
        self.assertIn("kolom H (Eselon) menulis “Non Eselon”", summary.position_warnings[0])
        self.assertIn("lembar Data Pegawai, baris 10: Pengadministrasi Umum diimpor sebagai Staf",
                      summary.position_warnings[1])
        self.assertIn("“IV.b”", summary.position_warnings[1])
        operator = get_user_model().objects.create_superuser("operator", password="x-operator-2026")
        self.client.force_login(operator)
        with self.export(people).open("rb") as f:
            page = self.client.post("/org/import/", {"file": f, "office": str(self.office.pk)})
        self.assertContains(page, "Periksa jabatan ini sebelum menyimpan:")
        self.assertContains(page, "Pengadministrasi Umum diimpor sebagai Staf (JFU), bukan jabatan kepala")

    def test_the_degrees_in_columns_of_their_own_and_the_nip_baru(self) -> None:
        """Another SIMPEG's export: the degrees apart from the name (Gelar Depan, Gelar Belakang), "NIP Baru"
        beside the nine digits of "NIP Lama", the kind of position written "Jabatan Fungsional Tertentu"."""
        book = Workbook()
        sheet = book.active
        sheet.append(["No", "NIP Baru", "NIP Lama", "Gelar Depan", "Nama", "Gelar Belakang", "Jabatan",
                      "Jenis Jabatan", "Eselon", "Unit Kerja"])
        sheet.append([1, FAUZI, "010203040", "Dr. Ir. H.", "Ahmad Fauzi", "M.Si.", "Kepala Dinas Koperasi dan UKM",
                      "Jabatan Struktural", "II.b", "Dinas Koperasi dan UKM"])
        sheet.append([2, RUDI, "-", "-", "Rudi Hartono", "S.Kom.", "Pranata Komputer Ahli Pertama",
                      "Jabatan Fungsional Tertentu", "-", "Dinas Koperasi dan UKM"])
        sheet.append([3, SITI, "010203041", "Hj.", "Siti Rahmawati", "", "Kepala Bidang Koperasi",
                      "Jabatan Pimpinan Tinggi Pratama", "", "Bidang Koperasi"])
        path = self.folder / "simpeg gelar.xlsx"
        book.save(path)
        summary = self.run_import(path)
        self.assertEqual(sorted(Person.objects.values_list("full_name", "nip")), [
            ("Dr. Ir. H. Ahmad Fauzi, M.Si.", digits(FAUZI)), ("Hj. Siti Rahmawati", digits(SITI)),
            ("Rudi Hartono, S.Kom.", digits(RUDI))])
        self.assertEqual(kinds(), {"Kepala Dinas Koperasi dan UKM": "head", "Pranata Komputer Ahli Pertama": "staff",
                                   "Kepala Bidang Koperasi": "unit_head"})
        self.assertEqual(summary.unread_columns, ["Sheet: C (NIP Lama)"])
        self.assertEqual(self.run_import(path).changes, [])

    def test_an_eselon_that_is_not_one_is_named(self) -> None:
        people = list(self.PEOPLE)
        people[1] = people[1][:6] + ("III.x",) + people[1][7:]
        errors = self.failure(self.export(people))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("simpeg export.xlsx, lembar Data Pegawai, baris 5, kolom H (Eselon): “III.x”", errors[0])

    def test_a_jenis_jabatan_that_is_not_one_is_named(self) -> None:
        people = list(self.PEOPLE)
        people[3] = people[3][:5] + ("Honorer",) + people[3][6:]
        errors = self.failure(self.export(people))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("simpeg export.xlsx, lembar Data Pegawai, baris 7, kolom G (Jenis Jabatan): “Honorer”", errors[0])
        self.assertIn("Struktural, Fungsional Tertentu atau Pelaksana", errors[0])


class KecamatanBezettingTestCase(UnseenCase):
    """A Kecamatan's bezetting: the Camat, the Sekretaris Camat written short, a Subbagian, two Seksi straight
    under the Camat, two Kelurahan; Eselon beside each post (the Camat's as the ASN law names it, Administrator);
    a pangkat without its golongan ("Penata Tk. I"); no Unit induk; a row of totals under the table."""

    def setUp(self) -> None:
        super().setUp()
        self.office = actions.create_office(code="kedaton", name="Kecamatan Kedaton Kota Bandar Lampung",
                                            short_name="Kec. Kedaton", city="Kota Bandar Lampung")

    def bezetting(self, rows: list[list[object]] | None = None) -> Path:
        book = Workbook()
        sheet = book.active
        sheet.title = "Bezetting"
        sheet.append(["BEZETTING PEGAWAI KECAMATAN KEDATON"])
        sheet.append(["NO", "UNIT KERJA", "JABATAN", "ESELON", "NAMA", "NIP", "PANGKAT/GOL"])
        for row in rows or [
            [1, "Kecamatan Kedaton", "Camat Kedaton", "Administrator", "Drs. H. Ahmad Fauzi, M.Si.", FAUZI, "IV/c"],
            [2, "Sekretariat Kecamatan", "Sekcam", "III.b", "Hj. Siti Rahmawati, S.E.", SITI, "IV/a"],
            [3, "Subbagian Umum dan Kepegawaian", "Kasubbag Umum", "IV.a", "Bambang Irawan", BAMBANG, "Penata Tk. I"],
            [4, None, "Pengadministrasi Umum", "-", "Rudi Hartono", RUDI, "II/d"],
            [5, "Seksi Pemerintahan", "Kasi Pemerintahan", "IV.a", "Joko Susilo", JOKO, "III/d"],
            [6, "Seksi Ketenteraman dan Ketertiban Umum", "Kasi Trantib", "IV.a", "Kosong", "-", "-"],
            [7, "Kelurahan Sidodadi", "Lurah Sidodadi", "IV.a", "Ani Suryani, S.H.", ANI, "III/d"],
            [8, None, "Sekretaris Kelurahan", "", "Wati Lestari", WATI, "III/b"],
            [9, "Kelurahan Sukarame", "Seklur Sukarame", "IV.b", "Dedi Kurniawan", DEDI, "III/c"],
            [None, "JUMLAH", None, None, "8 orang", None, None],
        ]:
            sheet.append(row)
        path = self.folder / "bezetting kecamatan.xlsx"
        book.save(path)
        return path

    def test_the_units_are_placed_and_the_heads_told_from_staff(self) -> None:
        summary = self.run_import(self.bezetting())
        self.assertEqual(parents(), {
            "Kecamatan Kedaton": "", "Sekretariat Kecamatan": "Kecamatan Kedaton",
            "Subbagian Umum dan Kepegawaian": "Sekretariat Kecamatan", "Seksi Pemerintahan": "Kecamatan Kedaton",
            "Seksi Ketenteraman dan Ketertiban Umum": "Kecamatan Kedaton", "Kelurahan Sidodadi": "Kecamatan Kedaton",
            "Kelurahan Sukarame": "Kecamatan Kedaton"})
        self.assertEqual(kinds(), {
            "Camat Kedaton": "head", "Sekcam": "secretary", "Kasubbag Umum": "unit_head",
            "Pengadministrasi Umum": "staff", "Kasi Pemerintahan": "unit_head", "Kasi Trantib": "unit_head",
            # The Sekretaris of a Kelurahan is not the office's; a title kinerja does not know, its eselon tells.
            "Lurah Sidodadi": "unit_head", "Sekretaris Kelurahan": "unit_head", "Seklur Sukarame": "unit_head"})
        self.assertEqual(Unit.objects.get(name="Kelurahan Sidodadi").kind, Unit.Kind.SECTION)
        self.assertEqual(Person.objects.get(nip=digits(BAMBANG)).grade, "III/d")  # Penata Tk. I
        self.assertEqual(summary.total_rows, ["lembar Bezetting, baris 12 (JUMLAH)"])
        self.assertFalse(Unit.objects.filter(name="JUMLAH").exists())
        out = StringIO()
        call_command("org", "import", str(self.bezetting()), "--office", "kedaton", "--dry-run", stdout=out)
        self.assertIn("Baris jumlah tidak dibaca: lembar Bezetting, baris 12 (JUMLAH).", out.getvalue())
        self.assertEqual((summary.without_hierarchy, summary.unplaced_units, summary.position_warnings), ([], [], []))

    def test_a_unit_its_name_does_not_place_is_still_warned_alone(self) -> None:
        path = self.bezetting()
        book = load_workbook(path)
        book.active.append([10, "Tim Percepatan Pembangunan", "Ketua Tim", "", "Yusuf Maulana", UJANG, "III/c"])
        book.save(path)
        summary = self.run_import(path, dry_run=True)
        self.assertEqual(summary.without_hierarchy, ["Bezetting"])
        self.assertEqual(summary.unplaced_units, ["Tim Percepatan Pembangunan"])
        self.assertIn("Tim Percepatan Pembangunan", importer.without_hierarchy_note(summary.without_hierarchy,
                                                                                    summary.unplaced_units))


class CsvUtf8TestCase(UnseenCase):
    """Excel's "CSV UTF-8 (Comma delimited)" on a Windows set to Indonesian: a byte-order mark before the first
    header, semicolons, degrees with commas inside the names, a Plh with its decree, the head's signature under
    the list in the Jabatan column (his post, name, pangkat, NIP)."""

    HEADER = "No.;Unit Kerja;Nama Jabatan;Eselon;Nama Lengkap;NIP;Gol. Ruang;Status;Nomor SK;TMT Jabatan"
    GOOD = [
        f"1;Dinas Koperasi dan UKM;Kepala Dinas;II.b;Dr. Ir. H. Ahmad Fauzi, M.Si.;{FAUZI};IV/c;;;02/01/2024",
        f"2;Sekretariat;Sekretaris Dinas;III.a;Hj. Siti Rahmawati, S.E., M.M.;{SITI};IV/a;;;02/01/2024",
        f"3;Subbagian Keuangan;Kasubbag Keuangan;IV.a;Drs. H. Bambang Irawan;{BAMBANG};III/d;;;02/01/2024",
        f"4;Subbagian Keuangan;Kasubbag Keuangan;IV.a;Rudi Hartono, S.E.;{RUDI};III/a;Plh;800/7/KPTS/2026;05/01/2026",
        f"5;Bidang Koperasi;Kabid Koperasi;III.b;H. Joko Susilo, S.E.;{JOKO};IV/a;;;02/01/2024",
    ]
    SIGNATURE = [";;Kepala Dinas Koperasi dan UKM;;;;;;;", ";;;;;;;;;", ";;Dr. Ir. H. Ahmad Fauzi, M.Si.;;;;;;;",
                 ";;Pembina Utama Muda;;;;;;;", f";;NIP. {FAUZI};;;;;;;"]

    def csv(self, lines: list[str]) -> Path:
        path = self.folder / "pegawai utf8.csv"
        path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join([self.HEADER, *lines, ""]).encode("utf-8"))
        return path

    def test_the_file_is_read_and_the_signature_is_not(self) -> None:
        summary = self.run_import(self.csv(self.GOOD + self.SIGNATURE))
        self.assertEqual(sorted(Assignment.objects.values_list("person__full_name", "position__title", "kind",
                                                               "decree_number")), sorted([
            ("Dr. Ir. H. Ahmad Fauzi, M.Si.", "Kepala Dinas", "definitive", ""),
            ("Hj. Siti Rahmawati, S.E., M.M.", "Sekretaris Dinas", "definitive", ""),
            ("Drs. H. Bambang Irawan", "Kasubbag Keuangan", "definitive", ""),
            ("Rudi Hartono, S.E.", "Kasubbag Keuangan", "plh", "800/7/KPTS/2026"),
            ("H. Joko Susilo, S.E.", "Kabid Koperasi", "definitive", "")]))
        self.assertEqual(summary.signature_rows, ["baris 7–11 (Kepala Dinas Koperasi dan UKM)"])
        self.assertEqual(summary.ignored_columns, ["A (No.)"])  # the BOM is not part of the first header
        self.assertEqual(parents()["Subbagian Keuangan"], "Sekretariat")

    def test_a_row_of_totals_between_the_table_and_the_signature_is_named_as_such(self) -> None:
        summary = self.run_import(self.csv(self.GOOD + [";JUMLAH;;;5 orang;;;;;"] + self.SIGNATURE), dry_run=True)
        self.assertEqual((summary.total_rows, summary.signature_rows),
                         (["baris 7 (JUMLAH)"], ["baris 8–12 (Kepala Dinas Koperasi dan UKM)"]))
        self.assertEqual(summary.counts["holding_new"], 5)

    def test_a_lone_nip_line_under_the_table_ends_it(self) -> None:
        summary = self.run_import(self.csv(self.GOOD + [";;;;Dr. Ir. H. Ahmad Fauzi, M.Si.;;;;;", f";;;;NIP. {FAUZI};;;;;"]),
                                  dry_run=True)
        self.assertEqual(summary.signature_rows, ["baris 7–8 (Dr. Ir. H. Ahmad Fauzi, M.Si.)"])
        self.assertEqual(summary.counts["person_new"], 5)

    def test_two_signers_side_by_side_under_a_table_without_numbers(self) -> None:
        """No column No., and the Sekretaris Daerah's block beside the Kepala Dinas's: lines of two cells, each in
        the column of its signer's NIP."""
        book = Workbook()
        sheet = book.active
        sheet.append(["Unit Kerja", "Jabatan", "Nama", "NIP"])
        sheet.append(["Dinas Koperasi dan UKM", "Kepala Dinas", "Dr. Ir. H. Ahmad Fauzi, M.Si.", FAUZI])
        sheet.append(["Sekretariat", "Sekretaris", "Hj. Siti Rahmawati", SITI])
        sheet.append([])
        for left, right in (("Sekretaris Daerah", "Kepala Dinas"), ("", ""), ("Drs. H. Yusuf", "Dr. Ir. H. Ahmad Fauzi"),
                            ("Pembina Utama", "Pembina Utama Muda"), (f"NIP. {DEDI}", f"NIP. {FAUZI}")):
            sheet.append([left, None, right])
        path = self.folder / "dua penanda tangan.xlsx"
        book.save(path)
        summary = self.run_import(path, dry_run=True)
        self.assertEqual(summary.signature_rows, ["lembar Sheet, baris 5–9 (Sekretaris Daerah)"])
        self.assertEqual((summary.counts["unit_new"], summary.counts["person_new"]), (2, 2))

    def test_a_bad_row_above_the_signature_is_still_named_and_nothing_saved(self) -> None:
        bad = [*self.GOOD[:4], self.GOOD[4].replace("III.b", "VI.b")]
        errors = self.failure(self.csv(bad + self.SIGNATURE))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("pegawai utf8.csv, baris 6, kolom D (Eselon): “VI.b”", errors[0])
