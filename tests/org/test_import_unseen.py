"""Spreadsheets a new office brings that kinerja's template never saw: the BKD's Daftar Urut Kepangkatan as
SIMPEG exports it (titles above, column numbers under the header, a signature block below), a bezetting
sheet (the unit merged down its rows, "Kosong" for a vacant post, "Plt." in the name or in Keterangan), and
a CSV saved from Excel (semicolons, NIPs Excel turned into numbers, dates written two ways)."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from kinerja.org import actions, importer
from kinerja.org.models import Assignment, Person, Position, Unit

from .test_import import ImportCase

TODAY = dt.date(2026, 1, 5)
YANI, ROSMA, BAMBANG, DEWI, RIZKI = ("19680512 199303 1 004", "19700315 199503 2 002", "19710720 199803 1 005",
                                     "19820910 200604 2 011", "19900102 201503 1 001")


def digits(nip: str) -> str:
    return nip.replace(" ", "")


class UnseenCase(ImportCase):
    """test_import's case (counts, failure) with a new office of its own and its own today."""

    def setUp(self) -> None:
        super().setUp()
        self.office = actions.create_office(code="diskop", name="Dinas Koperasi dan UKM Kota Bandar Lampung",
                                            short_name="Diskop", city="Kota Bandar Lampung")

    def run_import(self, path: Path, **kwargs: object) -> importer.Summary:
        return importer.import_file(path, self.office, today=TODAY, **kwargs)  # type: ignore[arg-type]

    def through_the_page(self, path: Path) -> tuple[str, str]:
        """As the city's operator does it: upload, read the preview, save. The two pages' text."""
        operator = get_user_model().objects.create_superuser("operator", password="x-operator-2026")
        self.client.force_login(operator)
        with path.open("rb") as f:
            preview = self.client.post("/org/import/", {"file": f, "office": str(self.office.pk)})
        self.assertContains(preview, "Pratinjau")
        self.assertEqual(Person.objects.count(), 0)  # a preview saves nothing
        token = preview.context["form"]["upload"].value()
        saved = self.client.post("/org/import/", {"upload": token, "office": str(self.office.pk), "sheet": "",
                                                  "save": "1"})
        self.assertContains(saved, "Disimpan")
        return preview.content.decode(), saved.content.decode()

    def holdings(self) -> list[tuple[str, str, str, str]]:
        return sorted((a.person.full_name, a.position.title, a.position.unit.name, a.kind)
                      for a in Assignment.objects.select_related("person", "position__unit"))


class SimpegDukTestCase(UnseenCase):
    """The DUK the BKD's SIMPEG prints for the Dinas: four title lines, the header, a row of column numbers,
    Nama / NIP on two lines of one cell, Pangkat / Gol. Ruang as "Pembina Tk. I / IV.b", and under the table
    the Kepala Dinas's signature block in the Jabatan and Unit Kerja columns."""

    def duk(self, rizki: str = f"Muhammad Rizki, A.Md.\nNIP. {RIZKI}") -> Path:
        book = Workbook()
        sheet = book.active
        sheet.title = "DUK 2026"
        for title in ("PEMERINTAH KOTA BANDAR LAMPUNG", "DAFTAR URUT KEPANGKATAN PEGAWAI NEGERI SIPIL",
                      "DINAS KOPERASI DAN UKM", "KEADAAN PER 1 JANUARI 2026"):
            sheet.append([title])
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=7)
        sheet.append([])
        sheet.append(["No", "Nama / NIP", "Pangkat/Gol. Ruang", "Jabatan", "Unit Kerja", "Pendidikan Terakhir",
                      "Ket."])
        sheet.append([1, 2, 3, 4, 5, 6, 7])
        people = [
            (f"Drs. Ahmad Yani, M.M.\nNIP. {YANI}", "Pembina Tk. I / IV.b", "Kepala Dinas Koperasi dan UKM",
             "Dinas Koperasi dan UKM", "S2 Manajemen"),
            (f"Hj. Rosmawati, S.E., M.M.\nNIP. {ROSMA}", "Pembina / IV.a", "Sekretaris Dinas", "Sekretariat",
             "S2 Manajemen"),
            (f"Ir. Bambang Sutrisno\nNIP. {BAMBANG}", "Pembina / IV.a", "Kepala Bidang Koperasi", "Bidang Koperasi",
             "S1 Pertanian"),
            (f"Dewi Kartika Sari, S.Sos.\nNIP. {DEWI}", "Penata Tk. I / III.d", "Kepala Subbagian Umum dan Kepegawaian",
             "Subbagian Umum dan Kepegawaian", "S1 Sosiologi"),
            (rizki, "Pengatur Tk. I / II.d", "Pengadministrasi Umum", "Subbagian Umum dan Kepegawaian", "D3"),
        ]
        for number, person in enumerate(people, start=1):
            sheet.append([number, *person, ""])
        sheet.append([])
        for line in ("Bandar Lampung, 2 Januari 2026", "Kepala Dinas Koperasi dan UKM", "Kota Bandar Lampung", "",
                     "", "Drs. Ahmad Yani, M.M.", "Pembina Tk. I", f"NIP. {YANI}"):
            sheet.append(["", "", "", "", line])
        path = self.folder / "DUK Diskop 2026.xlsx"
        book.save(path)
        return path

    def test_the_people_are_read_and_the_signature_block_is_not(self) -> None:
        summary = self.run_import(self.duk())
        self.assertEqual(sorted(Unit.objects.values_list("name", flat=True)), [
            "Bidang Koperasi", "Dinas Koperasi dan UKM", "Sekretariat", "Subbagian Umum dan Kepegawaian"])
        self.assertEqual(sorted(Person.objects.values_list("full_name", "nip", "grade")), [
            ("Dewi Kartika Sari, S.Sos.", digits(DEWI), "III/d"), ("Drs. Ahmad Yani, M.M.", digits(YANI), "IV/b"),
            ("Hj. Rosmawati, S.E., M.M.", digits(ROSMA), "IV/a"), ("Ir. Bambang Sutrisno", digits(BAMBANG), "IV/a"),
            ("Muhammad Rizki, A.Md.", digits(RIZKI), "II/d")])
        self.assertEqual(Assignment.objects.filter(kind=Assignment.Kind.DEFINITIVE, starts_on=TODAY).count(), 5)
        self.assertEqual(summary.lone_units, [])
        self.assertEqual(summary.signature_rows, ["lembar DUK 2026, baris 14–21 (Bandar Lampung, 2 Januari 2026)"])
        self.assertEqual(self.run_import(self.duk()).changes, [])  # the same file again changes nothing

    def test_the_page_and_the_command_line_say_the_signature_block_was_not_read(self) -> None:
        note = ("Blok tanda tangan di bawah tabel tidak dibaca: lembar DUK 2026, baris 14–21 (Bandar Lampung, "
                "2 Januari 2026).")
        out = StringIO()
        call_command("org", "import", str(self.duk()), "--office", "diskop", "--dry-run", stdout=out)
        self.assertIn(note, out.getvalue())
        preview, saved = self.through_the_page(self.duk())
        self.assertIn(note, preview)
        self.assertIn("Pengadministrasi Umum", saved)
        self.assertFalse(Unit.objects.filter(name="Kota Bandar Lampung").exists())
        self.assertEqual(Person.objects.count(), 5)

    def test_a_signature_block_under_mengetahui_on_the_left_with_the_day_left_blank(self) -> None:
        path = self.duk()
        book = load_workbook(path)
        sheet = book.active
        sheet["E14"], sheet["B14"], sheet["B15"] = "Bandar Lampung,      Januari 2026", "Mengetahui,", "Sekretaris Daerah"
        book.save(path)
        summary = self.run_import(path, dry_run=True)
        self.assertEqual(summary.signature_rows, ["lembar DUK 2026, baris 14–21 (Mengetahui,)"])
        self.assertEqual(summary.counts["holding_new"], 5)

    def test_a_nip_under_the_name_with_a_wrong_digit_is_named(self) -> None:
        errors = self.failure(self.duk(rizki="Muhammad Rizki, A.Md.\nNIP. 19901302 201503 1 001"))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("DUK Diskop 2026.xlsx, lembar DUK 2026, baris 12, kolom B (Nama / NIP): NIP 199013022015031001: angka "
                      "1–8 (19901302) bukan tanggal lahir",
                      errors[0])


class BezettingTestCase(UnseenCase):
    """The Dinas's bezetting: each Unit Kerja merged down over its positions, a vacant post written "Kosong" or
    "-" in Nama, a Plt with "Plt." before the name or only in Keterangan with the decree."""

    SK = "800/112/KPTS/2025"

    def bezetting(self, keterangan: str = f"Plt. berdasarkan SK Walikota No. {SK}") -> Path:
        book = Workbook()
        sheet = book.active
        sheet.title = "Bezetting"
        sheet.append(["BEZETTING PEGAWAI DINAS KOPERASI DAN UKM"])
        sheet.append(["KEADAAN BULAN JANUARI 2026"])
        sheet.append(["NO", "UNIT KERJA", "JABATAN", "ESELON", "NAMA", "NIP", "PANGKAT/GOL", "KETERANGAN"])
        data = [
            [1, "Dinas Koperasi dan UKM", "Kepala Dinas Koperasi dan UKM", "II.b", "Drs. Ahmad Yani, M.M.", YANI,
             "IV/b", ""],
            [2, "Sekretariat", "Sekretaris Dinas", "III.a", "Hj. Rosmawati, S.E., M.M.", ROSMA, "IV/a", ""],
            [3, None, "Pengadministrasi Umum", "-", "Kosong", "-", "-", ""],
            [4, "Bidang Koperasi", "Kepala Bidang Koperasi", "III.b", "Plt. Hj. Rosmawati, S.E., M.M.", ROSMA,
             "IV/a", "SK Walikota No. 800/111/KPTS/2025"],
            [5, None, "Analis Koperasi", "", "-", "", "", "formasi 2026"],
            [6, None, "Pengelola Koperasi", "", "Muhammad Rizki, A.Md.", RIZKI, "II/d", ""],
            [7, "Bidang UKM", "Kepala Bidang UKM", "III.b", "Ir. Bambang Sutrisno", BAMBANG, "IV/a", keterangan],
            [8, None, "Pengelola UKM", "", "Dewi Kartika Sari, S.Sos.", DEWI, "III/d", ""],
        ]
        for row in data:
            sheet.append(row)
        sheet.merge_cells("B5:B6")
        sheet.merge_cells("B7:B9")
        sheet.merge_cells("B10:B11")
        path = self.folder / "bezetting.xlsx"
        book.save(path)
        return path

    def test_vacant_posts_and_the_plt_are_read_as_written(self) -> None:
        self.run_import(self.bezetting())
        self.assertEqual(self.holdings(), [
            ("Dewi Kartika Sari, S.Sos.", "Pengelola UKM", "Bidang UKM", Assignment.Kind.DEFINITIVE),
            ("Drs. Ahmad Yani, M.M.", "Kepala Dinas Koperasi dan UKM", "Dinas Koperasi dan UKM",
             Assignment.Kind.DEFINITIVE),
            ("Hj. Rosmawati, S.E., M.M.", "Kepala Bidang Koperasi", "Bidang Koperasi", Assignment.Kind.PLT),
            ("Hj. Rosmawati, S.E., M.M.", "Sekretaris Dinas", "Sekretariat", Assignment.Kind.DEFINITIVE),
            ("Ir. Bambang Sutrisno", "Kepala Bidang UKM", "Bidang UKM", Assignment.Kind.PLT),
            ("Muhammad Rizki, A.Md.", "Pengelola Koperasi", "Bidang Koperasi", Assignment.Kind.DEFINITIVE),
        ])
        self.assertEqual(sorted(Assignment.objects.exclude(decree_number="").values_list("decree_number", flat=True)),
                         ["800/111/KPTS/2025", self.SK])
        self.assertEqual(sorted(Position.objects.filter(assignments=None).values_list("title", flat=True)),
                         ["Analis Koperasi", "Pengadministrasi Umum"])
        self.assertFalse(Person.objects.filter(full_name__in=["Kosong", "-"]).exists())
        self.assertEqual(self.run_import(self.bezetting()).changes, [])

    def test_through_the_page(self) -> None:
        preview, saved = self.through_the_page(self.bezetting())
        self.assertIn("Analis Koperasi", preview)
        self.assertNotIn(">Kosong<", preview)
        self.assertIn('<p class="muted org-remark-columns">Dari kolom keterangan Bezetting: H (KETERANGAN), hanya Plt./Plh. '
                      'dan nomor SK-nya yang dibaca.</p>', preview)
        self.assertNotIn("sengaja tidak dibaca: H (KETERANGAN)", preview)
        self.assertEqual(Assignment.objects.filter(kind=Assignment.Kind.PLT).count(), 2)

    def test_a_plt_in_the_name_without_any_decree_names_the_missing_column(self) -> None:
        path = self.bezetting()
        book = load_workbook(path)
        book.active["H7"] = None
        book.save(path)
        errors = self.failure(path)
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("bezetting.xlsx, lembar Bezetting, baris 7, kolom Nomor SK: tidak ada di berkas ini, padahal "
                      "baris ini menyebut pegawainya memangku jabatan sebagai Plt atau Plh", errors[0])

    def test_a_plt_in_keterangan_without_the_decree_is_refused_naming_the_cell(self) -> None:
        errors = self.failure(self.bezetting(keterangan="Plt."))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("bezetting.xlsx, lembar Bezetting, baris 10, kolom H (KETERANGAN): “Plt.”", errors[0])

    def test_keterangan_naming_another_position_a_person_acts_in_is_not_their_rows_status(self) -> None:
        # The Kabid UKM is also Plt. Sekretaris elsewhere: his own post stays definitive, nothing refused.
        self.run_import(self.bezetting(keterangan="Plt. Sekretaris Dinas, SK No. 800/120/KPTS/2025"))
        held = Assignment.objects.get(person__full_name="Ir. Bambang Sutrisno")
        self.assertEqual((held.position.title, held.kind, held.decree_number),
                         ("Kepala Bidang UKM", Assignment.Kind.DEFINITIVE, ""))
        for remark in ("Plt, SK No. 800/120/KPTS/2025", "Plt (SK 800/120/KPTS/2025)", "Plt. Nomor 800/120/KPTS/2025"):
            with self.subTest(remark):
                self.assertTrue(importer._ACTING_REMARK_RE.match(remark))

    def test_keterangan_saying_plh_beside_a_name_saying_plt_is_refused(self) -> None:
        path = self.bezetting()
        book = load_workbook(path)
        book.active["H7"] = "Plh. SK No. 800/111/KPTS/2025"
        book.save(path)
        errors = self.failure(path)
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("bezetting.xlsx, lembar Bezetting, baris 7, kolom H (KETERANGAN): “Plh. SK No. 800/111/KPTS/2025”",
                      errors[0])


class ExcelCsvTestCase(UnseenCase):
    """The list kept in Excel and saved as CSV on a Windows laptop: semicolons, the ANSI code page, NIPs with
    spaces, NIPs Excel had turned into numbers (1,96805E+17 or 196805121993031000), dates as 02-01-2026 and as
    2 Januari 2026."""

    HEADER = "No;Unit Kerja;Unit Induk;Jabatan;Nama Pegawai;NIP;Gol;Status;No. SK;TMT;Sampai"

    def csv(self, *lines: str) -> Path:
        path = self.folder / "pegawai diskop.csv"
        path.write_bytes("\r\n".join([self.HEADER, *lines, ""]).encode("cp1252"))
        return path

    GOOD = (
        f"1;Dinas Koperasi dan UKM;;Kepala Dinas Koperasi dan UKM;Drs. Ahmad Yani, M.M.;{YANI};IV/b;definitif;;"
        "02-01-2026;",
        f"2;Sekretariat;Dinas Koperasi dan UKM;Sekretaris Dinas;Hj. Rosmawati, S.E.;{digits(ROSMA)};IV/a;;;"
        "2 Januari 2026;",
        f"3;Bidang Koperasi;Dinas Koperasi dan UKM;Kepala Bidang Koperasi;Ir. H. Ma’ruf Amin;{digits(BAMBANG)};IV/a;"
        "Plt;800/12/KPTS/2026;5 Januari 2026;31-03-2026",
    )

    def test_nips_with_spaces_and_both_ways_of_dates_are_read(self) -> None:
        self.run_import(self.csv(*self.GOOD))
        self.assertEqual(sorted(Assignment.objects.values_list("person__nip", "starts_on", "ends_on")), [
            (digits(YANI), dt.date(2026, 1, 2), None), (digits(ROSMA), dt.date(2026, 1, 2), None),
            (digits(BAMBANG), dt.date(2026, 1, 5), dt.date(2026, 3, 31))])
        self.assertTrue(Person.objects.filter(full_name="Ir. H. Ma’ruf Amin").exists())

    def test_a_nip_kept_as_text_with_an_apostrophe_or_as_a_formula_is_read(self) -> None:
        self.run_import(self.csv(self.GOOD[0].replace(YANI, f"'{digits(YANI)}"),
                                 self.GOOD[1].replace(digits(ROSMA), f'"=""{digits(ROSMA)}"""')))
        self.assertEqual(sorted(Person.objects.values_list("nip", flat=True)), [digits(YANI), digits(ROSMA)])

    def test_through_the_page(self) -> None:
        preview, saved = self.through_the_page(self.csv(*self.GOOD))
        self.assertIn("Ma’ruf", preview)
        self.assertEqual(Assignment.objects.count(), 3)

    def test_a_nip_excel_turned_into_a_number_is_refused_naming_its_row(self) -> None:
        errors = self.failure(self.csv(
            *self.GOOD,
            "4;Bidang Koperasi;;Pengelola Koperasi;Dewi Kartika Sari;1.98209E+17;III/d;;;02-01-2026;",
            "5;Bidang Koperasi;;Analis Koperasi;Muhammad Rizki;199001022015031000;II/d;;;02-01-2026;",
        ))
        self.assertEqual(len(errors), 2, errors)
        self.assertIn("pegawai diskop.csv, baris 5, kolom F (NIP): “1.98209E+17” adalah angka dalam notasi ilmiah",
                      errors[0])
        self.assertIn("pegawai diskop.csv, baris 6, kolom F (NIP): “199001022015031000”", errors[1])
        self.assertIn("Excel", errors[1])

    def test_a_date_that_is_not_one_is_named(self) -> None:
        errors = self.failure(self.csv(self.GOOD[0].replace("02-01-2026", "31-02-2026")))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("pegawai diskop.csv, baris 2, kolom J (TMT): “31-02-2026”", errors[0])
