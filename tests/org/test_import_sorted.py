"""Lists a new office brings that are not grouped by unit or that write less plainly: a SIMPEG export sorted
by Eselon or by name (no Unit induk: the row order says nothing of which Seksi lies under which Bidang), a
vacant post written without a number just above the Kepala Dinas's signature, the long forms of "no eselon",
and Gelar columns with an exported "0" or degrees the Nama already carries."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from openpyxl import Workbook

from kinerja.org import importer
from kinerja.org.models import Person, Position

from .test_import_unseen import UnseenCase, digits
from .test_import_unseen_eselon import ANI, DEDI, FAUZI, JOKO, SITI, WATI, parents


def book(folder: Path, name: str, header: list[str], rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    path = folder / name
    workbook.save(path)
    return path


# A list sorted by eselon, not grouped by unit (also test_import_one_bidang's).
HEADER = ["No", "Unit Kerja", "Jabatan", "Eselon", "Nama", "NIP"]
DINAS = [[1, "Dinas Koperasi dan UKM", "Kepala Dinas", "II.b", "Ahmad Fauzi", FAUZI],
         [2, "Sekretariat", "Sekretaris", "III.a", "Siti Rahmawati", SITI]]
KOPERASI = [3, "Bidang Koperasi", "Kepala Bidang Koperasi", "III.b", "Joko Susilo", JOKO]
MIKRO = [4, "Bidang Usaha Mikro", "Kepala Bidang Usaha Mikro", "III.b", "Ani Suryani", ANI]
# Neither Seksi's name continues a Bidang's.
KELEMBAGAAN = [5, "Seksi Kelembagaan", "Kepala Seksi Kelembagaan", "IV.a", "Wati Lestari", WATI]
PEMBERDAYAAN = [6, "Seksi Pemberdayaan Usaha", "Kepala Seksi Pemberdayaan Usaha", "IV.a", "Dedi Kurniawan", DEDI]


class RowOrderTestCase(UnseenCase):
    def test_a_list_sorted_by_eselon_does_not_place_a_seksi_under_the_bidang_above_it(self) -> None:
        # Which of the two Bidang each Seksi lies under cannot be told: refused, naming the Seksi's rows, not put
        # at the top beside the office (test_import_one_bidang has more).
        path = book(self.folder, "eselon.xlsx", HEADER,
                    [*DINAS, KOPERASI, MIKRO, KELEMBAGAAN, PEMBERDAYAAN])
        errors = self.failure(path)
        self.assertEqual(len(errors), 2, errors)
        self.assertIn("baris 6, kolom B (Unit Kerja): “Seksi Kelembagaan” adalah Seksi", errors[0])
        self.assertIn("baris 7, kolom B (Unit Kerja): “Seksi Pemberdayaan Usaha” adalah Seksi", errors[1])
        self.assertEqual(parents(), {})

    def test_a_list_grouped_by_unit_places_them_by_the_order_and_says_so(self) -> None:
        path = book(self.folder, "grouped.xlsx", HEADER,
                    [*DINAS, KOPERASI, KELEMBAGAAN, MIKRO, PEMBERDAYAAN])
        out = StringIO()
        call_command("org", "import", str(path), "--office", "diskop", "--dry-run", stdout=out)
        self.assertIn("Unit induk dibaca dari urutan baris, bukan dari nama unitnya (lembarnya mencantumkan Subbagian "
                      "atau Seksi tiap unit di bawah unit itu): Seksi Kelembagaan → Bidang Koperasi; Seksi Pemberdayaan "
                      "Usaha → Bidang Usaha Mikro.", out.getvalue())
        summary = self.run_import(path)
        found = parents()
        self.assertEqual((found["Seksi Kelembagaan"], found["Seksi Pemberdayaan Usaha"]),
                         ("Bidang Koperasi", "Bidang Usaha Mikro"))
        self.assertEqual(summary.placed_by_order, ["Seksi Kelembagaan → Bidang Koperasi",
                                                   "Seksi Pemberdayaan Usaha → Bidang Usaha Mikro"])
        self.assertEqual(summary.unplaced_units, [])
        note = importer.placed_by_name_note(summary.placed_by_name, summary.placed_by_order)
        self.assertIn("Unit induk dibaca dari urutan baris, bukan dari nama unitnya", note)
        self.assertNotIn("Seksi", note.split("urutan baris")[0])  # not said to be placed by their names

    def test_a_subbagian_after_a_upt_in_a_list_sorted_by_eselon_goes_to_the_sekretariat(self) -> None:
        rows = [*DINAS, KOPERASI, MIKRO,
                [5, "UPTD Pelatihan Koperasi", "Kepala UPTD Pelatihan Koperasi", "IV.a", "Wati Lestari", WATI],
                [6, "Subbagian Umum", "Kepala Subbagian Umum", "IV.a", "Dedi Kurniawan", DEDI]]
        summary = self.run_import(book(self.folder, "upt.xlsx", HEADER, rows))
        self.assertEqual(parents()["Subbagian Umum"], "Sekretariat")
        self.assertIn("Subbagian Umum → Sekretariat", summary.placed_by_name)


class VacancyAboveSignatureTestCase(UnseenCase):
    def sheet(self, vacancy: list[object]) -> Path:
        rows: list[list[object]] = [
            [1, "Dinas Koperasi dan UKM", "Kepala Dinas", "Ahmad Fauzi", FAUZI, "IV/c"],
            [2, "Sekretariat", "Sekretaris", "Siti Rahmawati", SITI, "IV/a"],
            vacancy,
            [],
            [None, None, "Kepala Dinas Koperasi dan UKM"],
            [],
            [None, None, "Ahmad Fauzi"],
            [None, None, "Pembina Utama Muda"],
            [None, None, f"NIP. {FAUZI}"],
        ]
        return book(self.folder, "kosong.xlsx", ["No", "Unit Kerja", "Jabatan", "Nama", "NIP", "Pangkat"], rows)

    def test_an_unnumbered_vacant_post_above_the_signature_is_the_tables(self) -> None:
        for vacancy in ([None, "Sekretariat", "Analis Kepegawaian"], [None, None, "Analis Kepegawaian", "Kosong"],
                        [None, None, "Analis Kepegawaian"]):
            with self.subTest(vacancy=vacancy):
                summary = self.run_import(self.sheet(vacancy), dry_run=True)
                self.assertEqual(summary.signature_rows, ["lembar Data, baris 6–10 (Kepala Dinas Koperasi dan UKM)"])
                self.assertIn("Analis Kepegawaian", [c.label for c in summary.changes if c.what == "position"])
        summary = self.run_import(self.sheet([None, "Sekretariat", "Analis Kepegawaian", "Kosong"]))
        self.assertEqual(Position.objects.get(title="Analis Kepegawaian").unit.name, "Sekretariat")
        self.assertEqual(summary.signature_rows, ["lembar Data, baris 6–10 (Kepala Dinas Koperasi dan UKM)"])


class LongFormsTestCase(UnseenCase):
    def test_the_long_forms_of_no_eselon_are_read(self) -> None:
        forms = ["Fungsional Tertentu", "Fungsional Umum", "Jabatan Fungsional", "Jabatan Pelaksana",
                 "Jabatan Fungsional Tertentu", "Staff", "Non Struktural", "JABATAN FUNGSIONAL UMUM"]
        rows = [[1, "Dinas Koperasi dan UKM", "Kepala Dinas", "II.b", "Ahmad Fauzi", FAUZI]] + [
            [n + 2, "Dinas Koperasi dan UKM", f"Staf {n}", form, "", ""] for n, form in enumerate(forms)]
        path = book(self.folder, "panjang.xlsx", HEADER, rows)
        self.run_import(path)
        self.assertEqual(sorted(Position.objects.filter(title__startswith="Staf ").values_list("kind", flat=True)),
                         ["staff"] * len(forms))
        errors = self.failure(book(self.folder, "salah.xlsx", HEADER,
                                   [*rows, [20, "Dinas Koperasi dan UKM", "Staf X", "Fungsionaris", "", ""]]))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("kolom D (Eselon): “Fungsionaris”", errors[0])

    def test_an_eselon_in_arabic_numerals_or_abbreviated_is_read(self) -> None:
        # "4a" and "Ess. IV/a" as lists written in haste have them: the head of a unit, as "IV.a" makes it.
        from kinerja.org.importer import _echelon

        for written, level in [("4a", "IV.a"), ("Ess. IV/a", "IV.a"), ("Esl. III.b", "III.b"), ("3 b", "III.b"),
                               ("II.b", "II.b"), ("Eselon 2", "II")]:
            errors: list = []
            self.assertEqual(_echelon(written, None, errors), level, written)  # type: ignore[arg-type]
            self.assertEqual(errors, [], written)
        rows = [[1, "Dinas Koperasi dan UKM", "Kepala Dinas", "2b", "Ahmad Fauzi", FAUZI],
                [2, "UPTD Pasar", "Pengelola Pasar", "Ess. IV/a", "", ""]]
        self.run_import(book(self.folder, "angka.xlsx", HEADER, rows))
        self.assertEqual(Position.objects.get(title="Pengelola Pasar").kind, "unit_head")

    def test_an_exported_zero_and_degrees_the_name_carries_are_not_added(self) -> None:
        path = book(self.folder, "gelar.xlsx", ["No", "NIP", "Gelar Depan", "Nama", "Gelar Belakang", "Jabatan",
                                                "Unit Kerja"], [
            [1, FAUZI, "Drs.", "Drs. Ahmad Fauzi, M.Si.", "M.Si.", "Kepala Dinas", "Dinas Koperasi dan UKM"],
            [2, SITI, "0", "Siti Rahmawati", 0, "Sekretaris", "Sekretariat"],
            [3, JOKO, "Dr.", "Joko Susilo, S.E., M.M.", "S.E., M.M.", "Kepala Bidang Koperasi", "Bidang Koperasi"],
            [4, ANI, "Ir.", "Ani Suryani", "M.T.", "Kepala Bidang Usaha Mikro", "Bidang Usaha Mikro"]])
        self.run_import(path)
        self.assertEqual(sorted(Person.objects.values_list("full_name", "nip")), [
            ("Dr. Joko Susilo, S.E., M.M.", digits(JOKO)), ("Drs. Ahmad Fauzi, M.Si.", digits(FAUZI)),
            ("Ir. Ani Suryani, M.T.", digits(ANI)), ("Siti Rahmawati", digits(SITI))])
