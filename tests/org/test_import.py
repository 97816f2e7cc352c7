"""The organisation from a spreadsheet: a city's operator sets up a new office (Dinas Perdagangan) from
the workbook its staff keeps, the office's administrator imports it again after a change, and a bad file
names every wrong cell and saves nothing."""

from __future__ import annotations

import datetime as dt
import tempfile
from io import StringIO
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from lxml import html
from openpyxl import Workbook, load_workbook

from kinerja.org import actions, importer
from kinerja.org.models import Assignment, Person, Position, Unit
from tests.base import TODAY, KinerjaTestCase

HEADER = ["No", "Unit Kerja", "Unit Induk", "Nama Jabatan", "Atasan Langsung", "Nama Lengkap", "NIP", "Pangkat/Gol",
          "Email", "Status", "No. SK", "TMT", "Sampai"]
BUDI, SITI, ANDI, RINA, JOKO = ("19700101 199503 1 001", "197203152000032002", "198001012005011003",
                                "199001012015032004", "199102022016031005")


def rows() -> list[list[Any]]:
    """The office as its staff keeps it: the head, the Sekretaris (Plt head for a week), a Subbagian with
    its head and two staff under a merged Unit kerja, and a Bidang whose head is vacant."""
    return [
        [1, "Dinas Perdagangan", "", "Kepala Dinas Perdagangan", "Wali Kota", "Drs. Budi Santoso, M.M.", BUDI,
         "Pembina Utama Muda (IV/c)", "budi@kota.invalid", "definitif", "", dt.datetime(2023, 1, 2), None],
        [2, "Sekretariat", "Dinas Perdagangan", "Sekretaris Dinas", "Kepala Dinas Perdagangan", "Siti Aminah, S.E.",
         SITI, "IV/a", "", "Definitif", "", "02/01/2023", ""],
        [3, "Dinas Perdagangan", "", "Plt. Kepala Dinas Perdagangan", "", "Siti Aminah, S.E.", SITI, "IV/a", "", "",
         "800/1/2025", "24/03/2025", "30/03/2025"],  # the status written in the Jabatan, as offices often do
        [4, "Subbagian Umum", "Sekretariat", "Kepala Subbagian Umum", "Sekretaris Dinas", "Andi Wijaya", ANDI,
         "III/d", "", "", "", "2 Januari 2024", ""],
        [5, None, "", "Staf Subbagian Umum", "Kepala Subbagian Umum", "Rina", RINA, "Pengatur Tingkat I", "", "", "",
         "01/02/2024", ""],
        [6, None, "", "Staf Subbagian Umum", "Kepala Subbagian Umum", "Joko", JOKO, "II/c", "", "", "", "01/02/2024",
         ""],
        [7, "Bidang Perdagangan Dalam Negeri", "Dinas Perdagangan", "Kepala Bidang Perdagangan Dalam Negeri",
         "Kepala Dinas Perdagangan", "", "", "", "", "", "", "", ""],
    ]


class ImportCase(TestCase):
    def setUp(self) -> None:
        self.folder = Path(self.enterContext(tempfile.TemporaryDirectory()))

    def workbook(self, data: list[list[Any]], name: str = "pegawai.xlsx", merge: str | None = "B7:B9") -> Path:
        """The header under a title and an empty row (row 3), as offices keep it; data from row 4."""
        book = Workbook()
        sheet = book.active
        sheet.title = "Struktur"
        sheet.append(["DAFTAR PEGAWAI DINAS PERDAGANGAN"])
        sheet.append([])
        sheet.append(HEADER)
        for row in data:
            sheet.append(row)
        if merge:
            sheet.merge_cells(merge)
        path = self.folder / name
        book.save(path)
        return path

    def run_import(self, path: Path, **kwargs: Any) -> importer.Summary:
        return importer.import_file(path, self.office, today=TODAY, **kwargs)

    def failure(self, path: Path) -> list[str]:
        counts = self.counts()
        with self.assertRaises(importer.ImportFailed) as caught:
            self.run_import(path)
        self.assertEqual(self.counts(), counts)  # nothing saved
        return [str(e) for e in caught.exception.errors]

    def counts(self) -> tuple[int, ...]:
        return (Unit.objects.count(), Position.objects.count(), Person.objects.count(), Assignment.objects.count(),
                get_user_model().objects.count())


class NewOfficeTestCase(ImportCase):
    def setUp(self) -> None:
        super().setUp()
        self.office = actions.create_office(code="disdag", name="Dinas Perdagangan Kota Metro", short_name="Disdag",
                                            city="Kota Metro")

    def test_it_builds_the_office_from_the_staffs_workbook(self) -> None:
        summary = self.run_import(self.workbook(rows()))
        units = {u.name: u for u in Unit.objects.filter(office=self.office)}
        self.assertEqual({n: (u.kind, u.parent.name if u.parent else "") for n, u in units.items()}, {
            "Dinas Perdagangan": ("office", ""), "Sekretariat": ("secretariat", "Dinas Perdagangan"),
            "Subbagian Umum": ("subsection", "Sekretariat"),
            "Bidang Perdagangan Dalam Negeri": ("division", "Dinas Perdagangan")})
        positions = {p.title: p for p in Position.objects.filter(office=self.office)}
        self.assertEqual({t: (p.unit.name, p.kind, p.single_holder) for t, p in positions.items()}, {
            "Kepala Dinas Perdagangan": ("Dinas Perdagangan", "head", True),
            "Sekretaris Dinas": ("Sekretariat", "secretary", True),
            "Kepala Subbagian Umum": ("Subbagian Umum", "unit_head", True),
            "Staf Subbagian Umum": ("Subbagian Umum", "staff", False),
            "Kepala Bidang Perdagangan Dalam Negeri": ("Bidang Perdagangan Dalam Negeri", "unit_head", True)})
        budi = Person.objects.get(nip="197001011995031001")  # typed with spaces
        self.assertEqual((budi.full_name, budi.grade, budi.user.username, budi.user.email),
                         ("Drs. Budi Santoso, M.M.", "IV/c", "197001011995031001", "budi@kota.invalid"))
        self.assertFalse(budi.user.has_usable_password())  # the administrator gives the first password
        self.assertEqual(Person.objects.get(nip=RINA).grade, "II/d")  # the pangkat alone: Pengatur Tingkat I
        held = {(a.person.full_name, a.position.title, a.kind): (a.starts_on, a.ends_on, a.decree_number)
                for a in Assignment.objects.filter(position__office=self.office)}
        self.assertEqual(held, {
            ("Drs. Budi Santoso, M.M.", "Kepala Dinas Perdagangan", "definitive"): (dt.date(2023, 1, 2), None, ""),
            ("Siti Aminah, S.E.", "Sekretaris Dinas", "definitive"): (dt.date(2023, 1, 2), None, ""),
            ("Siti Aminah, S.E.", "Kepala Dinas Perdagangan", "plt"): (dt.date(2025, 3, 24), dt.date(2025, 3, 30),
                                                                        "800/1/2025"),
            ("Andi Wijaya", "Kepala Subbagian Umum", "definitive"): (dt.date(2024, 1, 2), None, ""),
            ("Rina", "Staf Subbagian Umum", "definitive"): (dt.date(2024, 2, 1), None, ""),  # under the merged unit
            ("Joko", "Staf Subbagian Umum", "definitive"): (dt.date(2024, 2, 1), None, "")})
        self.assertEqual(summary.counts, {"unit_new": 4, "unit_changed": 0, "position_new": 5, "position_changed": 0,
                                          "person_new": 5, "person_changed": 0, "holding_new": 6,
                                          "holding_changed": 0})
        self.assertEqual([u for u, _n in summary.new_accounts], [
            "197001011995031001", SITI, ANDI, RINA, JOKO])
        # The row numbers: not read, on purpose, and not listed with the columns kinerja may have missed.
        self.assertEqual((summary.unread_columns, summary.ignored_columns), ([], ["Struktur: A (No)"]))

    def remarks_file(self, nip: str = BUDI) -> Path:
        """Numbering and remark columns beside the data, and one column of data kinerja does not read."""
        book = Workbook()
        sheet = book.active
        sheet.title = "Struktur"
        sheet.append(["No.", "Unit kerja", "Jabatan", "Nama", "NIP", "Ket.", "Catatan", "#", "Nomor Urut",
                      "Status Kepegawaian"])
        sheet.append([1, "Dinas Perdagangan", "Kepala Dinas Perdagangan", "Budi", nip, "", "cuti", "", 1, "PNS"])
        path = self.folder / "keterangan.xlsx"
        book.save(path)
        return path

    def test_numbering_and_remark_columns_are_left_out_of_the_columns_not_read(self) -> None:
        with self.assertRaises(importer.ImportFailed) as caught:
            self.run_import(self.remarks_file(nip="1970"))
        self.assertEqual(caught.exception.unread_columns, ["Struktur: J (Status Kepegawaian)"])
        note = str(caught.exception).splitlines()[-1]
        self.assertEqual(note, "Kolom yang tidak dibaca karena judulnya tidak dikenal kinerja: Struktur: J (Status "
                               "Kepegawaian). Jika salah satunya diperlukan (Unit induk, NIP, Selesai …), tulis "
                               "judulnya seperti di templat.")
        summary = self.run_import(self.remarks_file())
        self.assertEqual(summary.unread_columns, ["Struktur: J (Status Kepegawaian)"])
        # The Keterangan column is named apart: kinerja reads a Plt./Plh. and its SK number in it.
        self.assertEqual(summary.ignored_columns, ["Struktur: A (No.)", "Struktur: G (Catatan)", "Struktur: H (#)",
                                                   "Struktur: I (Nomor Urut)"])
        self.assertEqual(summary.remark_columns, ["Struktur: F (Ket.)"])
        out = StringIO()
        call_command("org", "import", str(self.remarks_file()), "--office", "disdag", "--dry-run", stdout=out)
        lines = out.getvalue().splitlines()
        self.assertIn("Kolom nomor urut dan keterangan, sengaja tidak dibaca: Struktur: A (No.); Struktur: G (Catatan); "
                      "Struktur: H (#); Struktur: I (Nomor Urut).", lines)
        self.assertIn("Dari kolom keterangan Struktur: F (Ket.), hanya Plt./Plh. dan nomor SK-nya yang dibaca.", lines)
        with translation.override("en"):
            self.assertEqual(summary.remark_columns_note,
                             "From the remark column Struktur: F (Ket.), only a Plt./Plh. and its decree number are read.")

    def test_a_refusal_with_only_numbering_and_remark_columns_unread_has_no_note(self) -> None:
        bad = rows()
        bad[1][2] = "Dinas Perdagangn"
        with self.assertRaises(importer.ImportFailed) as caught:
            self.run_import(self.workbook(bad))
        self.assertEqual(caught.exception.unread_columns, [])
        self.assertNotIn("tidak dikenal kinerja", str(caught.exception))

    def test_a_head_without_a_nip_is_saved_and_said(self) -> None:
        # Andi, Kepala Subbagian Umum, written without his NIP; Rina, staff, too: only the head is a warning.
        data = rows()
        data[3][6] = data[4][6] = ""
        path = self.workbook(data)
        summary = self.run_import(path, dry_run=True)
        warning = ("lembar Struktur, baris 7: Andi Wijaya memegang Kepala Subbagian Umum, jabatan kepala, tanpa NIP. "
                   "ASN yang menduduki jabatan struktural punya NIP: tulis NIP-nya di kolom G (NIP).")
        self.assertEqual(summary.warnings[0], warning)
        self.assertEqual(len(summary.warnings), 2, summary.warnings)  # and Siti's Plt beside Budi (rows())
        summary = self.run_import(path)
        self.assertEqual(summary.warnings[0], warning)
        self.assertEqual(Person.objects.get(full_name="Andi Wijaya").nip, "")  # saved all the same
        out = StringIO()
        call_command("org", "import", str(path), "--office", "disdag", "--dry-run", stdout=out)
        self.assertIn(f"  - {warning}", out.getvalue())
        user = get_user_model().objects.create_superuser("operator", password="x-operator-2026")
        self.client.force_login(user)
        with path.open("rb") as f:
            page = self.client.post("/org/import/", {"file": f, "office": str(self.office.pk)})
        self.assertContains(page, "Andi Wijaya memegang Kepala Subbagian Umum, jabatan kepala, tanpa NIP.")

    def test_a_head_with_a_nip_a_vacant_head_and_staff_without_one_are_not_questioned(self) -> None:
        data = rows()
        data[4][6] = ""  # Rina, staff
        self.assertEqual([w for w in self.run_import(self.workbook(data)).warnings if "NIP" in w], [])

    def test_the_check_finds_the_people_in_the_same_queries_for_a_small_or_large_file(self) -> None:
        self.run_import(self.workbook(rows()))
        queries = []
        for staff in (1, 30):  # Staf Subbagian Umum: Rina, Joko and these, each with a NIP
            data = rows() + [[8 + i, "Subbagian Umum", "Sekretariat", "Staf Subbagian Umum", "Kepala Subbagian Umum",
                              f"Staf {i}", f"19900101201503{1 + i % 2}{i + 101:03d}", "II/c", "", "", "", "01/02/2024", ""]
                             for i in range(staff)]
            reading = importer._read(self.workbook(data, name=f"pegawai-{staff}.xlsx"))
            read, errors = reading.rows, reading.errors
            with CaptureQueriesContext(connection) as context:
                importer._check(read, self.office, TODAY, errors)
            self.assertEqual(errors, [])
            queries.append([q["sql"] for q in context.captured_queries])
        # The office's units and positions; the people of the file's NIPs, the office's people (by NIK and by
        # name, for both checks of the people), the accounts named by a NIP: the same queries for 1 or 30 staff.
        self.assertEqual(len(queries[0]), len(queries[1]), queries[1])
        self.assertEqual(sum("org_person" in q.split(" WHERE ")[0] for q in queries[1]), 2, queries[1])

    def test_importing_the_same_file_again_changes_nothing(self) -> None:
        path = self.workbook(rows())
        self.run_import(path)
        counts = self.counts()
        summary = self.run_import(path)
        self.assertEqual(summary.changes, [])
        self.assertEqual(summary.unchanged, 4 + 5 + 5 + 6)
        self.assertEqual(self.counts(), counts)

    def test_a_changed_row_updates_and_says_what_changed(self) -> None:
        self.run_import(self.workbook(rows()))
        changed = rows()
        changed[3][7] = "IV/a"  # Andi promoted
        changed[3][5] = "Andi Wijaya, S.E."
        changed[4][12] = "31/12/2025"  # Rina leaves at the end of the year
        summary = self.run_import(self.workbook(changed, name="pegawai-2.xlsx"))
        self.assertEqual([(c.what, c.created, c.details) for c in summary.changes], [
            ("person", False, ["Nama: Andi Wijaya → Andi Wijaya, S.E.", "Golongan: III/d → IV/a"]),
            ("holding", False, ["Sampai: – → 31 Desember 2025"]),
        ])
        self.assertEqual(summary.changes[0].where, "lembar Struktur, baris 7")
        self.assertEqual(Person.objects.get(nip=ANDI).grade, "IV/a")
        self.assertEqual(Assignment.objects.get(person__nip=RINA).ends_on, dt.date(2025, 12, 31))
        self.assertEqual(Person.objects.filter(office=self.office).count(), 5)

    def test_a_holding_ended_since_is_not_opened_again_by_a_row_without_mulai(self) -> None:
        data = rows()
        data[4][11] = ""  # Rina's row without Mulai: she starts on the day of the import
        path = self.workbook(data)
        summary = self.run_import(path)
        self.assertIn("lembar Struktur, baris 8: Rina — Staf Subbagian Umum", summary.started_today)
        holding = Assignment.objects.get(person__nip=RINA)
        self.assertEqual(holding.starts_on, TODAY)
        holding.ends_on = TODAY + dt.timedelta(days=1)  # she left, ended in the admin
        holding.save()
        later = importer.import_file(path, self.office, today=TODAY + dt.timedelta(days=30))
        self.assertEqual(later.changes, [])
        self.assertEqual(Assignment.objects.filter(person__nip=RINA).count(), 1)

    def test_a_header_of_two_rows_with_merged_cells(self) -> None:
        # "Masa Jabatan" over Mulai | Selesai; the other headers merged down over both rows.
        book = Workbook()
        sheet = book.active
        sheet.append(["Unit Kerja", "Jabatan", "Nama", "NIP", "Masa Jabatan", None])
        sheet.append([None, None, None, None, "Mulai", "Selesai"])
        sheet.append(["Dinas Perdagangan", "Kepala Dinas Perdagangan", "Budi", BUDI, "02/01/2023", ""])
        for column in "ABCD":
            sheet.merge_cells(f"{column}1:{column}2")
        sheet.merge_cells("E1:F1")
        path = self.folder / "dua-baris.xlsx"
        book.save(path)
        self.run_import(path)
        self.assertEqual(Assignment.objects.get().starts_on, dt.date(2023, 1, 2))

    def test_one_person_in_two_definitive_positions_at_once_is_refused_by_the_models_rule(self) -> None:
        data = rows()
        data[3][5], data[3][6] = "Siti Aminah, S.E.", SITI  # the Sekretaris also Kasubbag, definitively
        data[3][7] = "IV/a"
        errors = self.failure(self.workbook(data))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("baris 7, kolom G (NIP): “197203152000032002” Siti Aminah, S.E. sudah memangku Sekretaris Dinas "
                      "secara definitif", errors[0])

    def test_rows_hidden_in_excel_are_not_read_and_are_named(self) -> None:
        path = self.workbook(rows())
        book = load_workbook(path)
        book["Struktur"].row_dimensions[9].hidden = True  # Joko, who left, kept out of view
        book.save(path)
        summary = self.run_import(path)
        self.assertFalse(Person.objects.filter(nip=JOKO).exists())
        self.assertEqual(summary.hidden_rows, ["lembar Struktur, baris 9"])

    def test_a_nip_in_scientific_notation_is_named(self) -> None:
        path = self.folder / "pegawai.csv"
        path.write_text("Unit kerja;Jabatan;Nama;NIP\nDinas Perdagangan;Kepala Dinas Perdagangan;Budi;1,97001E+17\n")
        errors = self.failure(path)
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("pegawai.csv, baris 2, kolom D (NIP): “1,97001E+17” adalah angka dalam notasi ilmiah", errors[0])

    def test_a_dry_run_reports_the_changes_and_saves_nothing(self) -> None:
        summary = self.run_import(self.workbook(rows()), dry_run=True)
        self.assertEqual(summary.counts["holding_new"], 6)
        self.assertEqual(self.counts()[:4], (0, 0, 0, 0))

    def test_a_csv_file_with_semicolons_and_excel_serial_dates(self) -> None:
        path = self.folder / "pegawai.csv"
        path.write_text("Unit kerja;Unit induk;Jabatan;Nama;NIP;Status;Nomor SK;Mulai\n"
                        "Dinas Perdagangan;;Kepala Dinas Perdagangan;Budi;197001011995031001;definitif;;45293\n",
                        encoding="utf-8-sig")
        self.run_import(path)
        self.assertEqual(Assignment.objects.get().starts_on, dt.date(2024, 1, 2))

    def test_a_period_of_excel_date_cells_is_quoted_as_a_date(self) -> None:
        bad = rows()
        # Mulai and Selesai as Excel date cells (openpyxl reads them as midnight), the end before the start.
        bad[2][11], bad[2][12] = dt.datetime(2025, 3, 24), dt.datetime(2025, 3, 20)
        with translation.override("en"):
            errors = self.failure(self.workbook(bad))
        self.assertEqual(errors, ["pegawai.xlsx, sheet Struktur, row 6, column M (Sampai): “20/03/2025” is before the "
                                  "start (24/03/2025)."])

    def test_a_row_without_the_nip_finds_the_person_kinerja_has_by_name(self) -> None:
        self.run_import(self.workbook(rows()))
        again = rows()
        again[5][6] = ""  # Joko's NIP left out of this export: found by his name in the office, as the guide says
        counts = self.counts()
        self.assertEqual(self.run_import(self.workbook(again, name="pegawai-2.xlsx")).changes, [])
        self.assertEqual(self.counts(), counts)

    def test_a_bad_nip_is_named_alone(self) -> None:
        self.run_import(self.workbook(rows()))
        bad = rows()
        bad[5][6] = "19911302 201603 1 005"  # Joko's NIP mistyped: month 13
        errors = self.failure(self.workbook(bad, name="pegawai-2.xlsx"))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("baris 9, kolom G (NIP): NIP 199113022016031005", errors[0])

    def test_every_bad_cell_is_named_and_nothing_is_saved(self) -> None:
        bad = rows()
        bad[1][2] = "Dinas Perdagangn"  # a parent unit nobody has
        bad[4][6] = 199001012015032000  # an 18-digit NIP typed as a number: Excel kept 15 digits
        bad[5][6] = ANDI  # Joko's row with Andi's NIP
        bad[3][12] = "01/01/2024"  # ends before it starts (2 Januari 2024)
        bad[2][10] = ""  # a Plt without its decree
        bad.append([8, "Dinas Perdagangan", "", "Kepala Dinas Perdagangan", "", "Dewi", "198505052010012006", "",
                    "", "definitif", "", "01/01/2025", ""])  # a second definitive head
        with translation.override("en"):
            errors = self.failure(self.workbook(bad, name="pegawai-en.xlsx"))
        expected = [
            "row 6, column K (No. SK): is empty: a Plt or Plh holds the position by a decree",
            "row 7, column M (Sampai): “01/01/2024” is before the start",
            "row 8, column G (NIP): “199001012015032000” was stored by Excel as a number and has lost digits",
            "row 5, column C (Unit Induk): “Dinas Perdagangn” is not a unit of the file or of the office",
            "row 9, column G (NIP): “198001012005011003” is also the NIP of Andi Wijaya on sheet Struktur, row 7",
            "row 11, column G (NIP): “198505052010012006” is a second definitive holder of Kepala Dinas Perdagangan",
        ]
        self.assertEqual(len(errors), len(expected), errors)
        for error, part in zip(errors, expected, strict=True):
            self.assertTrue(error.startswith("pegawai-en.xlsx, sheet Struktur, "), error)
            self.assertIn(part, error)

    def test_a_loop_of_units_and_of_superiors_is_refused(self) -> None:
        data = [
            ["", "Bidang A", "Bidang B", "Kepala Bidang A", "Kepala Bidang B", "", "", "", "", "", "", "", ""],
            ["", "Bidang B", "Bidang A", "Kepala Bidang B", "Kepala Bidang A", "", "", "", "", "", "", "", ""],
        ]
        with translation.override("en"):
            errors = self.failure(self.workbook(data, merge=None))
        self.assertEqual(len(errors), 2, errors)
        self.assertIn("row 4, column C (Unit Induk): “Bidang B” makes a loop of units: Bidang A → Bidang B → Bidang A",
                      errors[0])
        self.assertIn("row 4, column E (Atasan Langsung): “Kepala Bidang B” makes a loop of superiors: Kepala Bidang "
                      "A → Kepala Bidang B → Kepala Bidang A", errors[1])

    def test_a_superior_outside_the_units_above_is_refused(self) -> None:
        data = rows()
        data[4][4] = data[5][4] = "Kepala Bidang Perdagangan Dalam Negeri"  # the staff's superior in another branch
        errors = self.failure(self.workbook(data))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("baris 8, kolom E (Atasan Langsung): “Kepala Bidang Perdagangan Dalam Negeri”", errors[0])

    def test_a_nip_with_too_few_digits_and_a_golongan_not_known(self) -> None:
        data = rows()
        data[0][6] = "1970010119950310"
        data[0][7] = "Penata (IV/c)"
        errors = self.failure(self.workbook(data))
        self.assertEqual(len(errors), 2, errors)
        self.assertIn("baris 4, kolom G (NIP): NIP 1970010119950310", errors[0])
        self.assertIn("baris 4, kolom H (Pangkat/Gol): “Penata (IV/c)”", errors[1])

    def test_a_file_without_the_header_says_so(self) -> None:
        path = self.folder / "kosong.csv"
        path.write_text("Nama;NIP\nBudi;197001011995031001\n")
        with self.assertRaisesMessage(importer.KinerjaError, "Unit kerja"):
            self.run_import(path)

    def test_the_template_reads_back_once_filled_in(self) -> None:
        path = importer.write_template(self.folder / "template.xlsx")
        book = load_workbook(path)
        sheet = book["Organisasi"]
        self.assertEqual([c.value for c in sheet[1]][:5], ["Unit kerja", "Unit induk", "Jabatan", "Atasan (jabatan)",
                                                           "Nama"])
        self.assertEqual(sheet["F2"].number_format, "@")  # the NIP as text: Excel keeps its 18 digits
        self.assertIn("Petunjuk", book.sheetnames)
        guide = " ".join(str(row[0]) for row in book["Petunjuk"].iter_rows(values_only=True) if row[0])
        # The guide names the pages as the administration shows them (Administrasi → Pegawai), as the page does.
        self.assertIn("Administrasi (Pegawai → centang pegawainya → Beri kata sandi pertama)", guide)
        self.assertNotIn("Orang →", guide)
        self.assertEqual(sheet["G1"].value, "NIK/ID lain")  # beside the NIP, for staff without one
        self.assertEqual(sheet["G2"].number_format, "@")  # a 16-digit NIK as text too
        sheet.append(["Dinas Perdagangan", "", "Kepala Dinas Perdagangan", "", "Budi", "197001011995031001", "",
                      "IV/c", "", "definitif", "", dt.datetime(2023, 1, 2)])
        book.save(path)
        summary = self.run_import(path)
        self.assertEqual(summary.counts["holding_new"], 1)

    def test_the_command_line_checks_and_imports(self) -> None:
        path = self.workbook(rows())
        out = StringIO()
        call_command("org", "import", str(path), "--office", "disdag", "--dry-run", stdout=out)
        self.assertIn("Diperiksa (uji coba", out.getvalue())
        self.assertEqual(Unit.objects.count(), 0)
        call_command("org", "import", str(path), "--office", "disdag", stdout=out)
        self.assertEqual(Unit.objects.count(), 4)
        self.assertIn("197001011995031001 Drs. Budi Santoso, M.M.", out.getvalue())
        bad = rows()
        bad[1][2] = "Dinas Perdagangn"
        with self.assertRaisesMessage(CommandError, "kolom C (Unit Induk): “Dinas Perdagangn”"):
            call_command("org", "import", str(self.workbook(bad, name="salah.xlsx")), "--office", "disdag")
        with self.assertRaisesMessage(CommandError, "nope"):
            call_command("org", "import", str(path), "--office", "nope")


class OtherLayoutTestCase(ImportCase):
    """A new office's own list (Daftar Nominatif) in a layout of its own: a merged header over two rows, the
    columns in another order and named otherwise ("N I P" spread out, "Tgl. Berakhir", "Di Bawah Unit"), a
    Plt of a vacant post, an empty row, a Kasubbag above the Sekretaris she answers to."""

    HEADER = ["No.", "N I P", "Nama Pegawai", "Gol. Ruang", "Nama Jabatan", "Unit Kerja", "Di Bawah Unit",
              "Atasan Langsung", "Status Jabatan", "Nomor SK", "TMT Jabatan", "Tgl. Berakhir", "Keterangan"]

    def setUp(self) -> None:
        super().setUp()
        self.office = actions.create_office(code="dkp", name="Dinas Kelautan dan Perikanan Kota Metro",
                                            short_name="DKP", city="Kota Metro")

    def nominative(self, header: list[str] = HEADER, parent_of_section: str = "Bidang Perikanan Tangkap",
                   section: str = "Seksi Pembenihan") -> Path:
        book = Workbook()
        sheet = book.active
        sheet.title = "Data Pegawai"
        sheet.append(["DAFTAR NOMINATIF PEGAWAI DINAS KELAUTAN DAN PERIKANAN"])
        sheet.append(["No.", "PEGAWAI", None, None, "JABATAN", None, None, None, "PENUGASAN", None, None, None, None])
        sheet.append([None, *header[1:12], None])
        for cells in ("A2:A3", "B2:D2", "E2:H2", "I2:L2", "M2:M3"):
            sheet.merge_cells(cells)
        sheet["M2"] = header[12]
        dinas, kadis, kabid = "Dinas Kelautan dan Perikanan", "Kepala Dinas Kelautan dan Perikanan", \
            "Kepala Bidang Perikanan Tangkap"
        for row in [
            [1, "19740812 199803 1 004", "Ir. Hendra Gunawan, M.Si.", "IV/c", kadis, dinas, "", "Wali Kota Metro",
             "Definitif", "", "01/02/2022", "", ""],
            [2, "19850303 201001 2 011", "Nur Aini, S.E.", "III/c", "Kepala Subbagian Umum", "Subbagian Umum",
             "Sekretariat", "Sekretaris Dinas", "Definitif", "", "03/01/2023", "31/12/2026", ""],
            [3, "197906152005011002", "Drs. Bambang Sutrisno", "IV/a", "Sekretaris Dinas", "Sekretariat", dinas, kadis,
             "Definitif", "", "01/03/2021", "", ""],
            [None] * 13,
            [4, "", "", "", kabid, "Bidang Perikanan Tangkap", dinas, kadis, "", "", "", "", "lowong"],
            [5, "197906152005011002", "Drs. Bambang Sutrisno", "IV/a", kabid, "Bidang Perikanan Tangkap", "", "", "Plt",
             "800/45/D.KP/2025", "10/02/2025", "", ""],
            [6, "", "Sri Wahyuni", "", f"Kepala {section}", section, parent_of_section, kabid, "", "",
             "01/07/2024", "", ""],
        ]:
            sheet.append(row)
        path = self.folder / "nominatif.xlsx"
        book.save(path)
        return path

    def test_it_reads_the_columns_under_their_own_names(self) -> None:
        summary = self.run_import(self.nominative())
        units = {u.name: u.parent.name if u.parent else "" for u in Unit.objects.filter(office=self.office)}
        self.assertEqual(units, {"Dinas Kelautan dan Perikanan": "", "Sekretariat": "Dinas Kelautan dan Perikanan",
                                 "Subbagian Umum": "Sekretariat", "Seksi Pembenihan": "Bidang Perikanan Tangkap",
                                 "Bidang Perikanan Tangkap": "Dinas Kelautan dan Perikanan"})
        nur = Person.objects.get(full_name="Nur Aini, S.E.")
        self.assertEqual((nur.nip, nur.grade), ("198503032010012011", "III/c"))
        self.assertEqual(Assignment.objects.get(person=nur).ends_on, dt.date(2026, 12, 31))  # Tgl. Berakhir
        self.assertTrue(Assignment.objects.filter(kind="plt", person__full_name="Drs. Bambang Sutrisno").exists())
        # A Plt of a vacant post is what the rule asks for; the Kepala Seksi without a NIP is said.
        self.assertEqual(summary.warnings, ["lembar Data Pegawai, baris 10: Sri Wahyuni memegang Kepala Seksi "
                                            "Pembenihan, jabatan kepala, tanpa NIP. ASN yang menduduki jabatan "
                                            "struktural punya NIP: tulis NIP-nya di kolom B (N I P)."])
        self.assertEqual(summary.unread_columns, [])
        self.assertEqual(summary.ignored_columns, ["Data Pegawai: A (No.)"])
        self.assertEqual(summary.remark_columns, ["Data Pegawai: M (Keterangan)"])

    def test_an_unknown_parent_unit_is_named_and_nothing_is_saved(self) -> None:
        errors = self.failure(self.nominative(parent_of_section="Bidang Budidaya Ikan"))
        self.assertEqual(errors, ["nominatif.xlsx, lembar Data Pegawai, baris 10, kolom G (Di Bawah Unit): “Bidang "
                                  "Budidaya Ikan” bukan unit kerja dalam berkas maupun di perangkat daerah ini. Tulis "
                                  "dulu unit induk itu pada barisnya sendiri, atau perbaiki namanya."])

    def test_a_failure_names_the_columns_not_read(self) -> None:
        # "Bagian Dari" is no header kinerja knows: without Unit induk the superior of a unit whose name does not
        # place it (an Instalasi) is refused, and the list of problems says which column was left unread, in the
        # page and on the command line. The row numbers (No.) and the remarks (Keterangan) are not named there:
        # they hold nothing to read.
        path = self.nominative([*self.HEADER[:6], "Bagian Dari", *self.HEADER[7:]], section="Instalasi Pembenihan")
        with self.assertRaises(importer.ImportFailed) as caught:
            self.run_import(path)
        self.assertIn("Kolom yang tidak dibaca karena judulnya tidak dikenal kinerja: Data Pegawai: G (Bagian Dari). ",
                      str(caught.exception))
        self.assertNotIn("(No.)", str(caught.exception))
        self.assertNotIn("(Keterangan)", str(caught.exception))
        with self.assertRaises(CommandError) as caught:
            call_command("org", "import", str(path), "--office", self.office.code, "--dry-run", stdout=StringIO())
        self.assertIn("G (Bagian Dari)", str(caught.exception))
        user = get_user_model().objects.create_superuser("operator", password="x-operator-2026")
        self.client.force_login(user)
        with path.open("rb") as f:
            page = self.client.post("/org/import/", {"file": f, "office": str(self.office.pk)})
        self.assertContains(page, "tidak dikenal kinerja: Data Pegawai: G (Bagian Dari). Jika", status_code=400)
        self.assertNotContains(page, "A (No.)", status_code=400)

    def test_without_the_unit_induk_column_the_superiors_are_refused_once(self) -> None:
        # Without it, the names place the Sekretariat, the Subbagian, the Bidang and its Seksi: their superiors,
        # heads of units above, are checked and imported.
        summary = self.run_import(self.nominative([*self.HEADER[:6], "Bagian Dari", *self.HEADER[7:]]), dry_run=True)
        self.assertIn("Subbagian Umum → Sekretariat", summary.placed_by_name)
        # Rows that name a superior in a unit above theirs which no name places: one problem says the column is
        # missing, the headers kinerja reads it under, and the rows, instead of the same refusal on each.
        path = self.nominative([*self.HEADER[:6], "Bagian Dari", *self.HEADER[7:]], section="Instalasi Pembenihan")
        with self.assertRaises(importer.ImportFailed) as caught:
            self.run_import(path)
        errors = [str(e) for e in caught.exception.errors]
        self.assertEqual(len(errors), 1, errors)
        self.assertTrue(errors[0].startswith("nominatif.xlsx, lembar Data Pegawai: tidak ada kolom Unit induk, yang "
                                             "dibaca kinerja dengan judul “Unit induk”, “Induk”, “Unit atasan”"),
                        errors[0])
        self.assertIn("“Di bawah unit”", errors[0])
        self.assertIn("atasan di kolom H (Atasan Langsung) tidak dapat diperiksa pada baris 10. Tambahkan "
                      "kolom Unit induk", errors[0])
        self.assertEqual(str(caught.exception).count("Unit induk, yang dibaca"), 1)
        user = get_user_model().objects.create_superuser("operator", password="x-operator-2026")
        self.client.force_login(user)
        with path.open("rb") as f:
            page = self.client.post("/org/import/", {"file": f, "office": str(self.office.pk)})
        self.assertContains(page, "tidak dapat diperiksa pada baris 10.", count=1, status_code=400)
        self.assertNotContains(page, "bukan kepala", status_code=400)

    def test_a_wrong_superior_with_the_unit_induk_column_is_still_refused_on_its_row(self) -> None:
        # The column is there: a superior outside the units above is the row's own mistake, named on it.
        path = self.nominative(parent_of_section="Sekretariat")
        errors = self.failure(path)
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("baris 10, kolom H (Atasan Langsung): “Kepala Bidang Perikanan Tangkap” bukan kepala", errors[0])


class DukLayoutTestCase(ImportCase):
    """A Badan's Daftar Urut Kepangkatan as its staff keeps it: the name with the NIP under it in one cell
    (Nama / NIP), the rows grouped under titles merged across the table (I. KEPALA BADAN, II. SEKRETARIAT)."""

    def setUp(self) -> None:
        super().setUp()
        self.office = actions.create_office(code="bapenda", name="Badan Pendapatan Daerah Kota Metro",
                                            short_name="Bapenda", city="Kota Metro")

    def duk(self, lina: str = "Lina Marlina, S.H.\nNIP. 19781112 200312 2 004", header: str = "NAMA / NIP",
            tmt: str = "TMT JABATAN") -> Path:
        book = Workbook()
        sheet = book.active
        sheet.title = "DUK"
        sheet.append(["DAFTAR URUT KEPANGKATAN BADAN PENDAPATAN DAERAH"])
        sheet.append(["NO", header, "JABATAN", "UNIT KERJA", "UNIT INDUK", tmt, "KET."])
        sheet.append(["I. KEPALA BADAN"])
        sheet.merge_cells("A3:G3")
        sheet.append([1, "Dr. Hadi Prasetyo, S.E., M.Si.\nNIP. 19720505 199803 1 007", "Kepala Badan Pendapatan Daerah",
                      "Badan Pendapatan Daerah", "", "03/01/2022", ""])
        sheet.append(["II. SEKRETARIAT"])
        sheet.merge_cells("A5:G5")
        sheet.append([2, lina, "Sekretaris Badan", "Sekretariat", "Badan Pendapatan Daerah", "02/01/2023", ""])
        path = self.folder / "duk.xlsx"
        book.save(path)
        return path

    def test_the_name_and_nip_in_one_cell_and_the_group_titles(self) -> None:
        summary = self.run_import(self.duk())
        self.assertEqual(sorted(Person.objects.values_list("full_name", "nip")), [
            ("Dr. Hadi Prasetyo, S.E., M.Si.", "197205051998031007"), ("Lina Marlina, S.H.", "197811122003122004")])
        self.assertEqual(Assignment.objects.get(person__nip="197811122003122004").position.title, "Sekretaris Badan")
        self.assertEqual(sorted(Unit.objects.values_list("name", flat=True)), ["Badan Pendapatan Daerah",
                                                                               "Sekretariat"])
        self.assertEqual(summary.title_rows, ["lembar DUK, baris 3 (I. KEPALA BADAN)",
                                              "lembar DUK, baris 5 (II. SEKRETARIAT)"])
        self.assertEqual((summary.unread_columns, summary.without_people), ([], []))
        self.assertEqual(self.run_import(self.duk()).changes, [])  # found again by the NIP of the cell

    def test_a_bad_nip_in_the_cell_is_named_with_the_column_as_written(self) -> None:
        errors = self.failure(self.duk(lina="Lina Marlina, S.H. NIP. 19781112 200312 2 00499"))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("duk.xlsx, lembar DUK, baris 6, kolom B (NAMA / NIP): NIP 19781112200312200499 harus 18 angka",
                      errors[0])

    def test_a_name_without_a_nip_in_the_cell_is_a_person_without_one(self) -> None:
        self.run_import(self.duk(lina="Lina Marlina, S.H."))
        self.assertEqual(Person.objects.get(full_name="Lina Marlina, S.H.").nip, "")

    def test_a_file_without_a_column_of_people_says_every_position_is_vacant(self) -> None:
        note = ("DUK: tidak ada kolom Nama, NIP, Nama/NIP atau NIK/ID lain, jadi tidak ada yang dibaca sebagai "
                "pemangku jabatan: setiap jabatan diimpor sebagai jabatan kosong.")
        # With a TMT the rows are refused (a period without a holder), and the refusal says why.
        with self.assertRaises(importer.ImportFailed) as caught:
            self.run_import(self.duk(header="PEJABAT"))
        self.assertIn(note, str(caught.exception))
        path = self.duk(header="PEJABAT", tmt="TANGGAL")
        summary = self.run_import(path, dry_run=True)
        self.assertEqual((summary.without_people, summary.unread_columns),
                         (["DUK"], ["DUK: B (PEJABAT)", "DUK: F (TANGGAL)"]))
        out = StringIO()
        call_command("org", "import", str(path), "--office", "bapenda", "--dry-run", stdout=out)
        self.assertIn(note, out.getvalue())
        user = get_user_model().objects.create_superuser("operator", password="x-operator-2026")
        self.client.force_login(user)
        with path.open("rb") as f:
            page = self.client.post("/org/import/", {"file": f, "office": str(self.office.pk)})
        self.assertContains(page, note)


class DukWithoutHierarchyTestCase(ImportCase):
    """A Dinas's Daftar Urut Kepangkatan as it is printed: no column of the parent unit or of the superior,
    the rows grouped under headings written in the Unit kerja cell alone (not merged across the table)."""

    def setUp(self) -> None:
        super().setUp()
        self.office = actions.create_office(code="diskop", name="Dinas Koperasi dan UKM Kota Metro",
                                            short_name="Diskop", city="Kota Metro")

    def duk(self, header: tuple[str, ...] = ("NO", "NAMA / NIP", "JABATAN", "UNIT KERJA", "TMT JABATAN"),
            andi_from: str = "02/01/2024", sixth: tuple[str | None, ...] = ()) -> Path:
        """`sixth`: the cells of a sixth column under its header, row by row (none: empty)."""
        book = Workbook()
        sheet = book.active
        sheet.title = "DUK"
        sheet.append(list(header))
        for number, row in enumerate([
            [1, "Dr. Hadi Prasetyo, S.E.\nNIP. 19720505 199803 1 007", "Kepala Dinas Koperasi dan UKM",
             "Dinas Koperasi dan UKM", "03/01/2022"],
            [None, None, None, "BIDANG KOPERASI", None],  # a heading: the row under it names the unit again
            [2, "Lina Marlina, S.H.\nNIP. 19781112 200312 2 004", "Kepala Bidang Koperasi", "Bidang Koperasi",
             "02/01/2023"],
            [None, None, None, "Bidang UKM", None],  # written once for the rows under it, their cell empty
            [3, "Rudi Hartono", "Staf Bidang UKM", None, "02/01/2024"],
            [None, None, None, "Seksi Pengawasan", None],  # named by no other row: a unit without positions yet
            [4, "Andi Wijaya\nNIP. 198001012005011003", "Kepala Subbagian Umum", "Subbagian Umum", andi_from],
        ]):
            sheet.append([*row, *sixth[number:number + 1]])
        # A file of its own for each layout: a test compares the files it imports.
        name = "duk" if andi_from == "02/01/2024" else "duk-salah"
        path = self.folder / f"{name}{len(header) - 5 or ''}{'-diisi' if any(sixth) else ''}.xlsx"
        book.save(path)
        return path

    def test_a_heading_in_the_unit_kerja_alone_over_its_units_rows_is_a_title(self) -> None:
        summary = self.run_import(self.duk(), dry_run=True)
        self.assertEqual(summary.title_rows, ["lembar DUK, baris 3 (BIDANG KOPERASI)"])
        self.assertEqual([c.label for c in summary.changes if c.what == "unit"],
                         ["Dinas Koperasi dan UKM", "Subbagian Umum", "Bidang Koperasi", "Bidang UKM",
                          "Seksi Pengawasan"])  # the unit as its rows write it, not the heading's capitals
        self.assertEqual(summary.rows, 6)
        # Written once over rows with the cell empty, it is theirs; named by no row, it is said.
        self.assertEqual(summary.lone_units, ["lembar DUK, baris 7 (Seksi Pengawasan)"])
        out = StringIO()
        call_command("org", "import", str(self.duk()), "--office", "diskop", "--dry-run", stdout=out)
        self.assertIn("Baris judul di atas sekelompok baris tidak dibaca sebagai data: lembar DUK, baris 3 (BIDANG "
                      "KOPERASI).", out.getvalue())
        self.assertIn("Baris yang hanya berisi Unit kerja dan tidak disebut baris lain dibaca sebagai unit baru yang "
                      "belum punya jabatan: lembar DUK, baris 7 (Seksi Pengawasan).", out.getvalue())

    DUK_HEADER = ("NO", "NAMA / NIP", "JABATAN", "UNIT KERJA", "TMT JABATAN")
    # The Unit induk of each row of duk(): the heading's row has none, as Rudi's under Bidang UKM.
    PARENTS = ("", None, "Dinas Koperasi dan UKM", "Dinas Koperasi dan UKM", None, "Bidang UKM",
               "Dinas Koperasi dan UKM")

    def test_on_a_phone_the_note_is_one_line_with_why_and_the_headers_behind_it(self) -> None:
        """The note listed every header read for both columns: about 25 lines at 390 px. Now a line, and the rest
        (complete) in a <details> to open."""
        user = get_user_model().objects.create_superuser("operator", password="x-operator-2026")
        self.client.force_login(user)
        for path, status in ((self.duk(), 200), (self.duk(andi_from="31/02/2024"), 400)):
            with path.open("rb") as f:
                page = self.client.post("/org/import/", {"file": f, "office": str(self.office.pk)})
            self.assertEqual(page.status_code, status)
            [note] = html.fromstring(page.content).xpath('//div[contains(@class, "org-column-note")]')
            [details] = note.xpath("details")
            shown = note.text_content().replace(details.text_content(), "")
            self.assertEqual(" ".join(shown.split()), "DUK: tidak ada kolom Unit induk atau Atasan, jadi setiap unit "
                             "yang baru bagi kinerja dan namanya tidak menunjukkan unit induknya (Subbagian Umum) "
                             "ditempatkan langsung di bawah perangkat daerah.")
            behind = " ".join(details.text_content().split())
            for said in ("Alasannya, dan judul kolom yang dibaca kinerja", "kepala perangkat daerah lalu tidak "
                         "menjadi atasan siapa pun", "Isi kolom Unit induk"):
                self.assertIn(said, behind)
            self.assertEqual([(term.text_content(), text.text_content()) for term, text in zip(
                details.xpath("dl/dt"), details.xpath("dl/dd"), strict=True)],
                [("Unit induk", importer.accepted_headers("parent")),
                 ("Atasan (jabatan)", importer.accepted_headers("superior"))])
            self.assertIn("“Di bawah unit”", importer.accepted_headers("parent"))

    def test_a_unit_induk_or_atasan_column_empty_on_every_row_is_said_as_a_missing_one(self) -> None:
        follows = ("Jadi setiap unit yang baru bagi kinerja dan namanya tidak menunjukkan unit induknya (Subbagian "
                   "Umum) ditempatkan langsung di bawah perangkat daerah, sejajar dengan unitnya sendiri dan tidak di "
                   "bawahnya.")
        user = get_user_model().objects.create_superuser("operator", password="x-operator-2026")
        self.client.force_login(user)
        for columns, said in ((("UNIT INDUK",), "DUK: F (UNIT INDUK)"), (("Atasan Langsung",), "DUK: F (Atasan Langsung)"),
                              (("Unit Induk", "ATASAN"), "DUK: F (Unit Induk); DUK: G (ATASAN)")):
            note = f"Kolom unit induk atau atasan yang kosong di setiap baris: {said}."
            # On the web, cut in two (hierarchy_notes): this line, and why and the headers behind it.
            line = (f"Kosong di setiap baris: {said}, jadi setiap unit yang baru bagi kinerja dan namanya tidak "
                    "menunjukkan unit induknya (Subbagian Umum) ditempatkan langsung di bawah perangkat daerah.")
            path = self.duk((*self.DUK_HEADER, *columns))
            summary = self.run_import(path, dry_run=True)
            self.assertEqual((summary.without_hierarchy, summary.empty_hierarchy), ([], said.split("; ")))
            self.assertEqual(summary.unplaced_units, ["Subbagian Umum"])
            text = importer.empty_hierarchy_note(summary.empty_hierarchy, summary.unplaced_units)
            self.assertIn(note, text)
            self.assertIn(follows, text)
            out = StringIO()
            call_command("org", "import", str(path), "--office", "diskop", "--dry-run", stdout=out)
            self.assertIn(f"{note} {follows}", out.getvalue())
            with path.open("rb") as f:
                page = self.client.post("/org/import/", {"file": f, "office": str(self.office.pk)})
            self.assertContains(page, line, count=1)
            # Refused for a row of its own, the refusal says it too.
            wrong = self.duk((*self.DUK_HEADER, *columns), andi_from="31/02/2024")
            with self.assertRaises(importer.ImportFailed) as caught:
                self.run_import(wrong)
            self.assertIn(note, str(caught.exception))
            with wrong.open("rb") as f:
                page = self.client.post("/org/import/", {"file": f, "office": str(self.office.pk)})
            self.assertContains(page, line, count=1, status_code=400)
        # Filled in on one row, the column places that unit: the file has a hierarchy, nothing to say.
        sixth = ("", None, "Dinas Koperasi dan UKM")
        filled = self.run_import(self.duk((*self.DUK_HEADER, "UNIT INDUK"), sixth=sixth), dry_run=True)
        self.assertEqual((filled.without_hierarchy, filled.empty_hierarchy), ([], []))

    def test_without_unit_induk_and_atasan_every_new_unit_is_said_to_be_placed_under_the_office(self) -> None:
        note = ("DUK: tidak ada kolom yang menyebut unit induk (Unit induk, dibaca dengan judul “Unit induk”, "
                "“Induk”, “Unit atasan”")
        follows = ("jadi setiap unit yang baru bagi kinerja dan namanya tidak menunjukkan unit induknya (Subbagian "
                   "Umum) ditempatkan langsung di bawah perangkat daerah, sejajar dengan unitnya sendiri dan tidak di "
                   "bawahnya.")
        path = self.duk()
        summary = self.run_import(path, dry_run=True)
        self.assertEqual(summary.without_hierarchy, ["DUK"])
        text = importer.without_hierarchy_note(summary.without_hierarchy, summary.unplaced_units)
        for said in (note, "“Di bawah unit”", "atasan (Atasan (jabatan), dibaca dengan judul “Atasan (jabatan)”, "
                     "“Atasan”, “Atasan langsung”", follows):
            self.assertIn(said, text)
        out = StringIO()
        call_command("org", "import", str(path), "--office", "diskop", "--dry-run", stdout=out)
        self.assertIn(note, out.getvalue())
        self.assertIn(follows, out.getvalue())
        user = get_user_model().objects.create_superuser("operator", password="x-operator-2026")
        self.client.force_login(user)
        with path.open("rb") as f:
            page = self.client.post("/org/import/", {"file": f, "office": str(self.office.pk)})
        self.assertContains(page, "ditempatkan langsung di bawah perangkat daerah", count=1)
        self.assertContains(page, "“Di bawah unit”")
        # With the column Unit induk filled in, the file places its units: nothing to say.
        new_office = actions.create_office(code="disdag", name="Dinas Perdagangan Kota Metro", short_name="Disdag",
                                           city="Kota Metro")
        placed = importer.import_file(self.duk((*self.DUK_HEADER, "UNIT INDUK"), sixth=self.PARENTS), new_office,
                                      dry_run=True, today=TODAY)
        self.assertEqual((placed.without_hierarchy, placed.empty_hierarchy), ([], []))
        # Refused for a row of its own, the refusal says it too, as it says a missing column of people.
        wrong = self.duk(andi_from="31/02/2024")
        with self.assertRaises(importer.ImportFailed) as caught:
            self.run_import(wrong)
        self.assertIn(follows, str(caught.exception))
        with wrong.open("rb") as f:
            page = self.client.post("/org/import/", {"file": f, "office": str(self.office.pk)})
        self.assertContains(page, "ditempatkan langsung di bawah perangkat daerah", count=1, status_code=400)
        # Saved as said (the Bidang and the Seksi under them placed by their names, the Subbagian at the top, no
        # Sekretariat to place it under); imported again, every unit is kinerja's and keeps its place.
        self.run_import(path)
        self.assertEqual({u.name: u.parent.name if u.parent else "" for u in Unit.objects.filter(office=self.office)}, {
            "Dinas Koperasi dan UKM": "", "Bidang Koperasi": "Dinas Koperasi dan UKM",
            "Bidang UKM": "Dinas Koperasi dan UKM", "Seksi Pengawasan": "Bidang UKM", "Subbagian Umum": ""})
        again = self.run_import(path, dry_run=True)
        self.assertEqual((again.without_hierarchy, again.lone_units, again.changes), ([], [], []))


class ExistingOfficeTestCase(KinerjaTestCase, ImportCase):
    """The demo office, built in the admin, imported into from a file naming its people by NIP."""

    def setUp(self) -> None:
        ImportCase.setUp(self)

    def test_people_are_found_by_nip_and_positions_by_title_within_their_unit(self) -> None:
        data = [["", "Subbagian Program, Keuangan dan Aset", "Sekretariat", "Kasubbag", "Sekretaris Dinas",
                 "Contoh Kasubbag Demo, S.E.", "19820110 200604 2 003", "IV/a", "", "", "", "", ""]]
        counts = self.counts()
        summary = self.run_import(self.workbook(data, merge=None))
        self.assertEqual(self.counts(), counts)  # the short title found the position, the NIP the person
        self.assertEqual([(c.what, c.details) for c in summary.changes], [("person", ["Golongan: III/d → IV/a"])])

    def test_a_nip_of_another_office_is_refused(self) -> None:
        other = self.other.people["kadis"]
        other.nip = "196001011985031001"
        other.save()
        data = [["", "Sekretariat", "", "Sekretaris Dinas", "", "Someone", "196001011985031001", "", "", "", "", "",
                 ""]]
        errors = self.failure(self.workbook(data, merge=None))
        self.assertIn("another office", errors[0].replace("kantor lain", "another office").replace(
            "perangkat daerah lain", "another office"), errors)

    def test_a_second_definitive_head_beside_the_one_in_kinerja_is_refused(self) -> None:
        data = [["", "Dinas Koperasi dan UKM", "", "Kepala Dinas Koperasi dan UKM", "", "Dewi", "198505052010012006",
                 "", "", "", "", "01/01/2025", ""]]
        errors = self.failure(self.workbook(data, merge=None))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("baris 4, kolom G (NIP): “198505052010012006”", errors[0])
        self.assertIn("Dr. Contoh Kadis Demo", errors[0])


class NewHolderTestCase(KinerjaTestCase, ImportCase):
    def setUp(self) -> None:
        ImportCase.setUp(self)

    def test_a_new_holder_above_the_row_that_ends_the_old_one(self) -> None:
        # The file lists the new Kasubbag first and the one who left under her, with the end of his holding:
        # it was refused as a second definitive holder, "from 2 January 2023, open-ended", as saved row by row.
        kasubbag = "Kepala Sub Bagian Program, Keuangan dan Aset"
        new = ["", "Subbagian Program, Keuangan dan Aset", "Sekretariat", kasubbag, "", "Dewi Lestari",
               "198505052010012006", "", "", "definitif", "", "01/04/2025", ""]
        old = ["", "Subbagian Program, Keuangan dan Aset", "Sekretariat", kasubbag, "", "Contoh Kasubbag Demo, S.E.",
               "19820110 200604 2 003", "", "", "definitif", "", "", "31/03/2025"]
        self.run_import(self.workbook([new, old], merge=None))
        held = {(a.person.full_name, a.starts_on, a.ends_on) for a in Assignment.objects.filter(
            position=self.positions["subsection_head"], kind="definitive")}
        self.assertEqual(held, {("Contoh Kasubbag Demo, S.E.", dt.date(2023, 1, 2), dt.date(2025, 3, 31)),
                                ("Dewi Lestari", dt.date(2025, 4, 1), None)})


class PltBesideHolderTestCase(KinerjaTestCase, ImportCase):
    """A Plt of a position whose definitive holder still holds it on the same days: by SE Kepala BKN 1/2021 a
    Plt stands in for an official permanently away (the position vacant), a Plh for one only temporarily
    away. Saved, as the decree says, and said in the preview, the saved summary and on the command line."""

    def setUp(self) -> None:
        ImportCase.setUp(self)

    def acting(self, status: str, *more: list[Any]) -> Path:
        return self.workbook([["", "Dinas Koperasi dan UKM", "", "Kepala Dinas Koperasi dan UKM", "",
                               "Contoh Sekretaris Demo, S.Sos., M.Si.", "19780315 200312 1 002", "", "", status,
                               "800/7/2025", "01/04/2025", "07/04/2025"], *more], merge=None)

    def test_a_plt_beside_the_definitive_head_is_saved_and_said(self) -> None:
        summary = self.run_import(self.acting("Plt"))
        self.assertTrue(Assignment.objects.filter(kind="plt", person__user=self.secretary).exists())
        self.assertEqual(len(summary.warnings), 1, summary.warnings)
        warning = summary.warnings[0]
        self.assertTrue(warning.startswith("lembar Struktur, baris 4: Contoh Sekretaris Demo, S.Sos., M.Si. menjadi "
                                           "Plt. Kepala Dinas Koperasi dan UKM sementara Dr. Contoh Kadis Demo, "
                                           "S.E., M.M. masih memegangnya secara definitif (1 Apr 2025 s.d. 7 Apr "
                                           "2025)."), warning)
        self.assertIn("berhalangan sementara (cuti, dinas luar, sakit) digantikan oleh Plh", warning)
        self.assertIn("jadikan ini Plh", warning)

    def test_a_plh_is_not_questioned(self) -> None:
        self.assertEqual(self.run_import(self.acting("Plh")).warnings, [])

    def test_a_plt_after_the_holder_left_is_not_questioned(self) -> None:
        # The end of the Kadis's holding on a row below the Plt's: counted once every row is saved.
        left = ["", "Dinas Koperasi dan UKM", "", "Kepala Dinas Koperasi dan UKM", "", "Dr. Contoh Kadis Demo, S.E., M.M.",
                "19750427 200003 2 001", "", "", "definitif", "", "", "31/03/2025"]
        summary = self.run_import(self.acting("Plt", left))
        self.assertEqual(summary.warnings, [])
        self.assertEqual(Assignment.objects.get(person__user=self.head).ends_on, dt.date(2025, 3, 31))

    def test_a_new_definitive_head_beside_a_plt_in_office_is_said_too(self) -> None:
        self.run_import(self.acting("Plt", ["", "Dinas Koperasi dan UKM", "", "Kepala Dinas Koperasi dan UKM", "",
                                            "Dr. Contoh Kadis Demo, S.E., M.M.", "19750427 200003 2 001", "", "",
                                            "definitif", "", "", "31/03/2025"]))
        newcomer = ["", "Dinas Koperasi dan UKM", "", "Kepala Dinas Koperasi dan UKM", "", "Dewi Lestari",
                    "198505052010012006", "", "", "definitif", "", "05/04/2025", ""]
        summary = self.run_import(self.workbook([newcomer], merge=None, name="baru.xlsx"))
        self.assertEqual(len(summary.warnings), 1, summary.warnings)
        self.assertIn("sementara Dewi Lestari masih memegangnya secara definitif (5 Apr 2025 s.d. 7 Apr 2025)",
                      summary.warnings[0])

    def test_the_preview_and_the_command_line_say_it_before_saving(self) -> None:
        self.client.force_login(self.admin)
        with self.acting("Plt").open("rb") as f:
            page = self.client.post("/org/import/", {"file": f})
        self.assertContains(page, "Periksa pemangku jabatan ini sebelum menyimpan:")
        self.assertContains(page, "masih memegangnya secara definitif (1 Apr 2025 s.d. 7 Apr 2025)")
        out = StringIO()
        call_command("org", "import", str(self.acting("Plt")), "--office", self.office.code, "--dry-run", stdout=out)
        self.assertIn("Periksa pemangku jabatan ini:", out.getvalue())
        self.assertIn("masih memegangnya secara definitif", out.getvalue())


class PlhWithoutHolderTestCase(KinerjaTestCase, ImportCase):
    """A Plh over days on which the position has no definitive holder: by SE Kepala BKN 1/2021 a Plh stands in
    for an official only temporarily away, and a vacant position gets a Plt. Saved, as the decree says, and said
    with the person, the position, the days and the way out, in the preview, the saved summary, on the command
    line (and in the admin: test_admin_people)."""

    UMPEG = "Kepala Sub Bagian Umum dan Kepegawaian"  # vacant in the demo

    def setUp(self) -> None:
        ImportCase.setUp(self)

    def plh(self, position: str = UMPEG, unit: str = "Subbagian Umum dan Kepegawaian", *more: list[Any]) -> Path:
        return self.workbook([["", unit, "", position, "", "Contoh Kasubbag Demo, S.E.", "19820110 200604 2 003", "",
                               "", "Plh", "800/9/2025", "01/04/2025", "07/04/2025"], *more], merge=None)

    def test_a_plh_of_a_vacant_position_is_saved_and_said(self) -> None:
        summary = self.run_import(self.plh())
        self.assertTrue(Assignment.objects.filter(kind="plh", position=self.positions["umpeg_head"]).exists())
        self.assertEqual(len(summary.warnings), 1, summary.warnings)
        warning = summary.warnings[0]
        self.assertTrue(warning.startswith(
            "lembar Struktur, baris 4: Contoh Kasubbag Demo, S.E. menjadi Plh. Kepala Sub Bagian Umum dan "
            "Kepegawaian pada hari-hari jabatan itu tidak memiliki pejabat definitif (1 Apr 2025 s.d. 7 Apr 2025)."),
            warning)
        self.assertIn("jadikan ini Plt", warning)

    def test_a_plh_while_the_holder_is_only_away_is_not_questioned(self) -> None:
        summary = self.run_import(self.plh("Kepala Dinas Koperasi dan UKM", "Dinas Koperasi dan UKM"))
        self.assertEqual(summary.warnings, [])

    def test_only_the_days_after_the_holder_left_are_named(self) -> None:
        left = ["", "Dinas Koperasi dan UKM", "", "Kepala Dinas Koperasi dan UKM", "", "Dr. Contoh Kadis Demo, S.E., M.M.",
                "19750427 200003 2 001", "", "", "definitif", "", "", "03/04/2025"]
        summary = self.run_import(self.plh("Kepala Dinas Koperasi dan UKM", "Dinas Koperasi dan UKM", left))
        self.assertEqual(len(summary.warnings), 1, summary.warnings)
        self.assertIn("tidak memiliki pejabat definitif (4 Apr 2025 s.d. 7 Apr 2025)", summary.warnings[0])

    def test_ending_the_holder_under_a_plh_in_kinerja_is_said(self) -> None:
        # The demo's Sekretaris is Plh of the Kadis from 24 to 30 March; the file ends the Kadis on 26 March.
        left = ["", "Dinas Koperasi dan UKM", "", "Kepala Dinas Koperasi dan UKM", "", "Dr. Contoh Kadis Demo, S.E., M.M.",
                "19750427 200003 2 001", "", "", "definitif", "", "", "26/03/2025"]
        summary = self.run_import(self.workbook([left], merge=None))
        self.assertEqual(len(summary.warnings), 1, summary.warnings)
        self.assertIn("Contoh Sekretaris Demo, S.Sos., M.Si. menjadi Plh. Kepala Dinas Koperasi dan UKM pada "
                      "hari-hari jabatan itu tidak memiliki pejabat definitif (27 Mar 2025 s.d. 30 Mar 2025)",
                      summary.warnings[0])

    def test_the_preview_the_saved_summary_and_the_command_line_say_it(self) -> None:
        self.client.force_login(self.admin)
        with self.plh().open("rb") as f:
            page = self.client.post("/org/import/", {"file": f})
        self.assertContains(page, "Periksa pemangku jabatan ini sebelum menyimpan:")
        self.assertContains(page, "tidak memiliki pejabat definitif (1 Apr 2025 s.d. 7 Apr 2025)")
        page = self.client.post("/org/import/", {"upload": page.context["form"]["upload"].value(), "save": "1"})
        self.assertContains(page, "Disimpan")
        self.assertContains(page, "Periksa pemangku jabatan ini:")
        self.assertContains(page, "tidak memiliki pejabat definitif (1 Apr 2025 s.d. 7 Apr 2025)")
        Assignment.objects.filter(kind="plh", position=self.positions["umpeg_head"]).delete()
        out = StringIO()
        call_command("org", "import", str(self.plh()), "--office", self.office.code, "--dry-run", stdout=out)
        self.assertIn("Periksa pemangku jabatan ini:", out.getvalue())
        self.assertIn("Plh. Kepala Sub Bagian Umum dan Kepegawaian pada hari-hari jabatan itu tidak memiliki pejabat "
                      "definitif (1 Apr 2025 s.d. 7 Apr 2025)", out.getvalue())


class MovingToAnotherPostTestCase(KinerjaTestCase, ImportCase):
    """A JFU of the demo office is appointed Kasubbag Umum dan Kepegawaian from 1 April: the row of the new
    post ends the open JFU holding on 31 March, as the moving decree says."""

    def setUp(self) -> None:
        ImportCase.setUp(self)
        self.jfu = self.built.people["jfu"]
        self.old = Assignment.objects.get(person=self.jfu, position=self.positions["staff"])

    def row(self, position: str, unit: str, start: str = "01/04/2025") -> list[Any]:
        return ["", unit, "Sekretariat", position, "Sekretaris Dinas", self.jfu.full_name, self.jfu.nip, "", "",
                "definitif", "", start, ""]

    def test_the_old_definitive_holding_ends_the_day_before_the_new_one(self) -> None:
        path = self.workbook([self.row("Kepala Sub Bagian Umum dan Kepegawaian", "Subbagian Umum dan Kepegawaian")],
                             merge=None)
        preview = self.run_import(path, dry_run=True)
        self.assertEqual([(c.what, c.created, c.details) for c in preview.changes], [
            ("holding", False, ["Sampai: – → 31 Maret 2025",
                                "pindah ke Kepala Sub Bagian Umum dan Kepegawaian mulai 1 April 2025"]),
            ("holding", True, ["mulai 1 April 2025"])])
        self.assertEqual(preview.changes[0].label, f"{self.jfu.full_name} — {self.positions['staff'].title}")
        self.old.refresh_from_db()
        self.assertIsNone(self.old.ends_on)  # a preview saves nothing
        self.run_import(path)
        self.old.refresh_from_db()
        self.assertEqual(self.old.ends_on, dt.date(2025, 3, 31))
        new = Assignment.objects.get(person=self.jfu, position=self.positions["umpeg_head"])
        self.assertEqual((new.kind, new.starts_on, new.ends_on), ("definitive", dt.date(2025, 4, 1), None))
        self.assertEqual(self.run_import(path, dry_run=True).changes, [])  # the same file again: nothing

    def test_a_single_holder_post_held_by_someone_else_is_still_refused_and_nothing_ends(self) -> None:
        path = self.workbook([self.row("Kasubbag", "Subbagian Program, Keuangan dan Aset")], merge=None)
        errors = self.failure(path)
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("Contoh Kasubbag Demo, S.E.", errors[0])
        self.old.refresh_from_db()
        self.assertIsNone(self.old.ends_on)

    def test_a_file_that_says_the_old_post_goes_on_is_refused(self) -> None:
        path = self.workbook([self.row("Kepala Sub Bagian Umum dan Kepegawaian", "Subbagian Umum dan Kepegawaian"),
                              self.row("JFU", "Subbagian Program, Keuangan dan Aset", start="")], merge=None)
        errors = self.failure(path)
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("sudah memangku Jabatan Fungsional Umum Subbagian Program secara definitif", errors[0])

    def test_a_holding_that_starts_on_the_new_posts_first_day_is_not_reversed(self) -> None:
        self.old.starts_on = dt.date(2025, 4, 1)
        self.old.save()
        path = self.workbook([self.row("Kepala Sub Bagian Umum dan Kepegawaian", "Subbagian Umum dan Kepegawaian")],
                             merge=None)
        errors = self.failure(path)
        self.assertEqual(len(errors), 1, errors)


class SheetTestCase(ImportCase):
    """A workbook keeps the organisation on one sheet among others (last year's, a recap): the user
    names the sheet to read."""

    def setUp(self) -> None:
        super().setUp()
        self.office = actions.create_office(code="disdag", name="Dinas Perdagangan Kota Metro", short_name="Disdag",
                                            city="Kota Metro")
        book = Workbook()
        first = book.active
        first.title = "Struktur 2024"
        first.append(HEADER)
        first.append(["", "Dinas Perdagangan", "", "Kepala Dinas Perdagangan", "", "Lama", "196001011985031001",
                      "", "", "", "", "02/01/2020", ""])
        second = book.create_sheet("Struktur 2025")
        second.append(HEADER)
        for row in rows()[:2]:
            second.append(row)
        self.path = self.folder / "organisasi.xlsx"
        book.save(self.path)

    def test_only_the_sheet_asked_for_is_read(self) -> None:
        summary = self.run_import(self.path, sheet="struktur 2025")
        self.assertEqual(summary.sheets, ["Struktur 2025"])
        self.assertEqual(set(Person.objects.values_list("full_name", flat=True)),
                         {"Drs. Budi Santoso, M.M.", "Siti Aminah, S.E."})

    def test_a_sheet_not_in_the_workbook_is_named_with_the_sheets_it_has(self) -> None:
        with self.assertRaisesMessage(importer.KinerjaError, "organisasi.xlsx tidak memiliki lembar “Struktur 2026”. "
                                                             "Lembarnya: “Struktur 2024”, “Struktur 2025”."):
            self.run_import(self.path, sheet="Struktur 2026")
        self.assertEqual(Unit.objects.count(), 0)

    def test_the_command_line_reads_one_sheet(self) -> None:
        out = StringIO()
        call_command("org", "import", str(self.path), "--office", "disdag", "--sheet", "Struktur 2024", stdout=out)
        self.assertEqual(list(Person.objects.values_list("full_name", flat=True)), ["Lama"])
        self.assertIn("Struktur 2024", out.getvalue())
        with self.assertRaisesMessage(CommandError, "“Struktur 2024”, “Struktur 2025”"):
            call_command("org", "import", str(self.path), "--office", "disdag", "--sheet", "Rekap")


class ImportPageTestCase(KinerjaTestCase, ImportCase):
    url = "/org/import/"

    def setUp(self) -> None:
        ImportCase.setUp(self)

    def file(self) -> Path:
        return self.workbook([["", "Bidang Baru", "Dinas Koperasi dan UKM", "Kepala Bidang Baru",
                               "Kepala Dinas Koperasi dan UKM", "Dewi Lestari", "198505052010012006", "III/d", "", "",
                               "", "01/01/2025", ""]], merge=None)

    def test_the_administrator_previews_then_saves(self) -> None:
        self.client.force_login(self.admin)
        with self.file().open("rb") as f:
            r = self.client.post(self.url, {"file": f})
        self.assertContains(r, "Pratinjau")
        self.assertContains(r, "Bidang Baru")
        self.assertContains(r, "Dewi Lestari")
        self.assertFalse(Unit.objects.filter(name="Bidang Baru").exists())  # a preview saves nothing
        token = r.context["form"]["upload"].value()
        r = self.client.post(self.url, {"upload": token, "save": "1"})
        self.assertContains(r, "Disimpan")
        self.assertTrue(Assignment.objects.filter(person__nip="198505052010012006",
                                                  position__title="Kepala Bidang Baru").exists())
        self.assertContains(r, "198505052010012006")  # the new account, to give a password
        # Each new account links to the page where its first password is given, not only its name to look up.
        dewi = Person.objects.get(nip="198505052010012006")
        self.assertContains(r, f'<a href="/admin/org/person/{dewi.pk}/change/"><code>198505052010012006</code> '
                               'Dewi Lestari</a>', html=True)

    def test_a_bad_file_lists_its_problems_and_saves_nothing(self) -> None:
        self.client.force_login(self.admin)
        data = [["", "Bidang Baru", "Tidak Ada", "Kepala Bidang Baru", "", "", "", "", "", "", "", "", ""]]
        with self.workbook(data, merge=None).open("rb") as f:
            r = self.client.post(self.url, {"file": f})
        self.assertContains(r, "kolom C (Unit Induk): “Tidak Ada”", status_code=400)
        self.assertFalse(Unit.objects.filter(name="Bidang Baru").exists())

    def test_only_the_administrator_imports(self) -> None:
        self.client.force_login(self.secretary)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertEqual(self.client.get("/org/import/template/").status_code, 403)
        self.assertNotContains(self.client.get("/org/"), self.url)
        self.client.force_login(self.admin)
        self.assertContains(self.client.get("/org/"), self.url)

    def test_the_city_operator_chooses_the_office_to_import_into(self) -> None:
        operator = get_user_model().objects.create_superuser("operator-kota", "operator@kota.invalid", "x-Kota-2025!")
        self.client.force_login(operator)
        page = self.client.get(self.url)
        self.assertContains(page, f'<option value="{self.other_office.pk}">{self.other_office.name}</option>',
                            html=True)
        with self.file().open("rb") as f:
            r = self.client.post(self.url, {"file": f, "office": str(self.other_office.pk)})
        self.assertContains(r, "Pratinjau")
        token = r.context["form"]["upload"].value()
        r = self.client.post(self.url, {"upload": token, "office": str(self.other_office.pk), "sheet": "",
                                         "save": "1"})
        self.assertContains(r, "Disimpan")
        self.assertEqual(Person.objects.get(nip="198505052010012006").office, self.other_office)
        self.assertFalse(Unit.objects.filter(office=self.office, name="Bidang Baru").exists())
        with self.file().open("rb") as f:  # no office chosen: asked for, nothing read
            r = self.client.post(self.url, {"file": f})
        self.assertEqual(r.status_code, 400)
        self.assertIn("office", r.context["form"].errors)
        self.assertEqual(self.client.get("/org/import/template/").status_code, 200)

    def test_an_office_administrator_imports_into_their_own_office_only(self) -> None:
        self.client.force_login(self.admin)
        self.assertNotContains(self.client.get(self.url), f'value="{self.other_office.pk}"')
        with self.file().open("rb") as f:
            r = self.client.post(self.url, {"file": f, "office": str(self.other_office.pk)})
        self.assertEqual(r.status_code, 400)
        self.assertIn("office", r.context["form"].errors)
        self.assertFalse(Unit.objects.filter(name="Bidang Baru").exists())

    def test_a_workbook_with_several_sheets_offers_them_to_preview_one(self) -> None:
        self.client.force_login(self.admin)
        path = self.file()
        book = load_workbook(path)
        book.create_sheet("Rekap").append(["Jumlah pegawai", 1])
        book.save(path)
        with path.open("rb") as f:
            r = self.client.post(self.url, {"file": f})
        self.assertContains(r, "Lembar yang dibaca: Struktur.")
        self.assertContains(r, '<option value="Rekap">Rekap</option>', html=True)
        token = r.context["form"]["upload"].value()
        r = self.client.post(self.url, {"upload": token, "sheet": "Rekap"})
        self.assertContains(r, "Lembar “Rekap” dari pegawai.xlsx tidak memiliki baris judul", status_code=400)
        r = self.client.post(self.url, {"upload": token, "sheet": "Struktur"})
        self.assertContains(r, "Dewi Lestari")

    def test_the_template_downloads(self) -> None:
        self.client.force_login(self.admin)
        r = self.client.get("/org/import/template/")
        path = self.folder / "t.xlsx"
        path.write_bytes(r.content)
        self.assertEqual(load_workbook(path)["Organisasi"]["A1"].value, "Unit kerja")


class SetupChecklistTestCase(TestCase):
    def test_a_new_office_is_offered_the_spreadsheet(self) -> None:
        office = actions.create_office(code="baru", name="Dinas Baru", short_name="Baru", city="Kota")
        admin = actions.add_person(office, username="admin-baru", full_name="Admin", password=None, is_staff=True)
        self.client.force_login(admin.user)
        self.assertContains(self.client.get("/"), 'href="/org/import/"')


class WithoutNipTestCase(ImportCase):
    """Tenaga honorer and a PPPK without their number yet: no NIP. One is given with their NIK, the other by
    name alone; the import takes them, says how it will find them again, and does find them again."""

    NIK = "1871014506900003"

    def setUp(self) -> None:
        super().setUp()
        self.office = actions.create_office(code="disdag", name="Dinas Perdagangan Kota Metro", short_name="Disdag",
                                            city="Kota Metro")

    def file(self, extra: list[list[Any]] | None = None, name: str = "pegawai.xlsx") -> Path:
        book = Workbook()
        sheet = book.active
        sheet.title = "Struktur"
        sheet.append([*HEADER, "NIK"])
        data = [row + [""] for row in rows()[:1]] + [
            [2, "Dinas Perdagangan", "", "Pengadministrasi Umum", "Kepala Dinas Perdagangan", "Rina Wati", "", "", "",
             "", "", "02/01/2024", "", self.NIK],
            [3, "Dinas Perdagangan", "", "Pengadministrasi Umum", "Kepala Dinas Perdagangan", "Sari Dewi, S.Kom.", "",
             "", "", "", "", "02/01/2024", "", ""],
            *(extra or [])]
        for row in data:
            sheet.append(row)
        path = self.folder / name
        book.save(path)
        return path

    def test_people_without_a_nip_are_imported_and_found_again(self) -> None:
        preview = self.run_import(self.file(), dry_run=True)
        people = {c.label: c.details for c in preview.changes if c.what == "person"}
        self.assertIn("tanpa NIP: berikutnya dicocokkan dengan ID 1871014506900003 (NIK/ID lain)", people["Rina Wati"])
        self.assertIn("tanpa NIP dan ID: berikutnya dicocokkan dengan nama “Sari Dewi, S.Kom.” di perangkat daerah "
                      "ini; tulis selalu sama, atau tambahkan kolom NIK/ID lain", people["Sari Dewi, S.Kom."])
        self.assertEqual([n for n, _how, _where in preview.without_nip], ["Rina Wati", "Sari Dewi, S.Kom."])
        self.run_import(self.file())
        rina, sari = Person.objects.get(full_name="Rina Wati"), Person.objects.get(full_name="Sari Dewi, S.Kom.")
        self.assertEqual((rina.nip, rina.other_id, rina.user.username), ("", self.NIK, "rina.wati"))
        self.assertEqual((sari.nip, sari.other_id, sari.user.username), ("", "", "sari.dewi"))
        self.assertFalse(sari.user.has_usable_password())
        self.assertEqual(Assignment.objects.filter(person__in=[rina, sari]).count(), 2)
        counts = self.counts()
        self.assertEqual(self.run_import(self.file()).changes, [])  # found again: by NIK, by name
        self.assertEqual(self.counts(), counts)

    def test_a_nip_given_later_is_added_to_the_person_known_by_name(self) -> None:
        self.run_import(self.file())
        sari = Person.objects.get(full_name="Sari Dewi, S.Kom.")
        path = self.file(name="pegawai-2.xlsx")
        book = load_workbook(path)
        book["Struktur"]["G4"] = "199503032023032001"
        book.save(path)
        summary = self.run_import(path)
        self.assertEqual([(c.label, c.details) for c in summary.changes],
                         [("Sari Dewi, S.Kom.", ["NIP: – → 199503032023032001"])])
        sari.refresh_from_db()
        self.assertEqual(sari.nip, "199503032023032001")
        self.assertEqual(Person.objects.filter(full_name="Sari Dewi, S.Kom.").count(), 1)

    def test_two_people_of_the_office_with_the_name_and_no_id_are_refused(self) -> None:
        actions.add_person(self.office, username="sari1", full_name="Sari Dewi, S.Kom.", password=None)
        actions.add_person(self.office, username="sari2", full_name="Sari Dewi, S.Kom.", password=None)
        errors = self.failure(self.file())
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("baris 4, kolom F (Nama Lengkap): “Sari Dewi, S.Kom.” adalah nama 2 pegawai", errors[0])

    # Drs. Budi Santoso, M.M., the head, is on row 2 with his NIP and no NIK.
    BUDI_BY_NIK = [4, "Dinas Perdagangan", "", "Pengadministrasi Umum", "", "Drs. Budi Santoso, M.M.", "", "", "", "",
                   "", "02/01/2024", "", "1871010101700001"]

    def test_a_person_written_with_the_nip_and_elsewhere_with_only_the_nik_is_refused(self) -> None:
        # Two rows, one person: kinerja made two people of them (one found by NIP, the other by NIK).
        errors = self.failure(self.file(extra=[self.BUDI_BY_NIK]))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("baris 5, kolom N (NIK): “1871010101700001”", errors[0])
        self.assertIn("Drs. Budi Santoso, M.M. ditulis di sini hanya dengan NIK/ID lain, dan pada lembar Struktur, baris "
                      "2 dengan NIP 197001011995031001: bila orangnya sama, tulis NIP dan NIK/ID lain dalam satu baris",
                      errors[0])
        self.assertFalse(Person.objects.exists())

    def test_both_numbers_on_one_row_make_one_person_of_the_rows(self) -> None:
        path = self.file(extra=[self.BUDI_BY_NIK])
        book = load_workbook(path)
        book["Struktur"]["N2"] = "1871010101700001"
        # Pengadministrasi Umum before he became the head (one definitive position at a time).
        book["Struktur"]["L5"], book["Struktur"]["M5"] = "01/06/2022", "31/12/2022"
        book.save(path)
        self.run_import(path)
        budi = Person.objects.get(full_name="Drs. Budi Santoso, M.M.")
        self.assertEqual((budi.nip, budi.other_id), ("197001011995031001", "1871010101700001"))
        self.assertEqual(Assignment.objects.filter(person=budi).count(), 2)

    def test_two_people_of_one_name_each_with_their_own_nik_are_two_people(self) -> None:
        path = self.file(extra=[self.BUDI_BY_NIK])
        book = load_workbook(path)
        book["Struktur"]["N2"] = "1871010101700009"  # the head's own NIK: another man of the same name
        book.save(path)
        self.run_import(path)
        self.assertEqual(sorted(Person.objects.filter(full_name="Drs. Budi Santoso, M.M.").values_list(
            "nip", "other_id")), [("", "1871010101700001"), ("197001011995031001", "1871010101700009")])

    def test_only_the_nik_of_someone_kinerja_has_with_a_nip_is_refused(self) -> None:
        self.run_import(self.file())
        path = self.file(extra=[self.BUDI_BY_NIK], name="pegawai-2.xlsx")
        book = load_workbook(path)
        book["Struktur"].delete_rows(2)  # the head's row with his NIP is not in this file
        book.save(path)
        errors = self.failure(path)
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("baris 4, kolom N (NIK): “1871010101700001”", errors[0])
        self.assertIn("dan kinerja sudah mencatat Drs. Budi Santoso, M.M. di perangkat daerah ini dengan NIP "
                      "197001011995031001", errors[0])
        self.assertEqual(Person.objects.filter(full_name="Drs. Budi Santoso, M.M.").count(), 1)

    def test_only_a_nip_for_someone_kinerja_has_with_only_a_nik_is_refused_until_both_are_written(self) -> None:
        self.run_import(self.file())  # Rina Wati with her NIK, no NIP
        path = self.file(name="pegawai-2.xlsx")
        book = load_workbook(path)
        book["Struktur"]["G3"], book["Struktur"]["N3"] = "199001012015032004", None
        book.save(path)
        errors = self.failure(path)
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("baris 3, kolom G (NIP): “199001012015032004”", errors[0])
        self.assertIn(f"hanya dengan NIK/ID lain {self.NIK}", errors[0])
        book["Struktur"]["N3"] = self.NIK
        book.save(path)
        self.run_import(path)
        rina = Person.objects.get(full_name="Rina Wati")
        self.assertEqual((rina.nip, rina.other_id), ("199001012015032004", self.NIK))

    def test_a_nik_stored_by_excel_as_a_number_is_named(self) -> None:
        errors = self.failure(self.file(extra=[[4, "Dinas Perdagangan", "", "Pengadministrasi Umum", "", "Andi", "",
                                                "", "", "", "", "", "", 1871014506900004]]))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("baris 5, kolom N (NIK): “1871014506900004”", errors[0])
