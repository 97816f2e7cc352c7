"""A Dinas Pendidikan tries kinerja with its own workbooks (pendidikan_books.py): a new office with a Sekretariat
and one Bidang, no positions entered yet, importing its PK 2026, its Pengukuran Kinerja of Triwulan II, its IKU,
its Renstra matrix, a cascading table, an LKjIP comparison table and a report of performance and budget; through
the import function, the command line and the import page."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import TestCase
from openpyxl import load_workbook

from kinerja.org import actions as org
from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Actual, Indicator, Objective, Target
from tests.base import KinerjaTestCase
from tests.performance import pendidikan_books as books

D = Decimal


class PendidikanImportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.office = org.create_office(code="disdik", name="Dinas Pendidikan dan Kebudayaan Kota Bandar Lampung",
                                       short_name="Disdikbud", city="Bandar Lampung")
        cls.secretariat = org.add_unit(cls.office, "Sekretariat", "secretariat")
        cls.division = org.add_unit(cls.office, "Bidang Pembinaan Sekolah Dasar", "division", short_name="Bidang SD")

    def setUp(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="perf-pendidikan-"))

    def targets(self, kind: str = "agreement", year: int = 2026, quarter: int | None = None) -> dict[str, Decimal]:
        found = Target.objects.filter(indicator__office=self.office, kind=kind, year=year, quarter=quarter)
        return dict(found.values_list("indicator__name", "value_number"))

    def actuals(self, quarter: int | None) -> dict[str, Decimal]:
        found = Actual.objects.filter(indicator__office=self.office, year=2026, quarter=quarter)
        return dict(found.values_list("indicator__name", "value_number"))

    def test_the_pk_with_each_sasaran_merged_over_its_indicators(self) -> None:
        summary = import_file(books.pk_2026(self.dir / "pk.xlsx"), self.office, 2026)
        self.assertEqual((summary.rows, summary.objectives_created, summary.indicators_created), (9, 3, 9))
        self.assertEqual(self.targets(), {
            "Angka Partisipasi Murni (APM) SD/MI": D(95), books.PUTUS_SEKOLAH: D("0.5"), books.LONG_NAME: D(92),
            "Jumlah sekolah yang terakreditasi minimal B": D(1124), "Persentase guru bersertifikat pendidik": D("78.5"),
            "Jumlah guru yang mengikuti pelatihan peningkatan kompetensi": D(2500),
            "Nilai SAKIP Dinas Pendidikan": D(75), "Indeks Kepuasan Masyarakat terhadap layanan pendidikan": D("82.5"),
            "Jumlah dokumen perencanaan dan pelaporan kinerja yang tepat waktu": D(6)})
        by_objective = {o.name: o.indicators.count() for o in Objective.objects.filter(office=self.office)}
        self.assertEqual(by_objective, {books.SASARAN_1: 4, books.SASARAN_2: 2, books.SASARAN_3: 3})
        self.assertEqual(summary.other_table, 18)  # the program table with its Rupiah
        # Its Keterangan, "semakin kecil semakin baik", is the polarity: no hint needed.
        self.assertNotIn(books.PUTUS_SEKOLAH, summary.assumed_positive)
        self.assertEqual(Indicator.objects.get(name=books.PUTUS_SEKOLAH).polarity, "lower_is_better")

    def test_the_pengukuran_of_a_quarter_with_capaian_formulas(self) -> None:
        import_file(books.pk_2026(self.dir / "pk.xlsx"), self.office, 2026)
        summary = import_file(books.pengukuran_tw2(self.dir / "tw2.xlsx"), self.office, 2026)
        self.assertEqual(summary.mismatches, [])  # each Capaian, a formula or "85,5 %", is kinerja's own
        self.assertEqual(self.actuals(2), {
            "Angka Partisipasi Murni (APM) SD/MI": D(92), books.PUTUS_SEKOLAH: D("0.6"),
            "Jumlah sekolah yang terakreditasi minimal B": D(480), "Persentase guru bersertifikat pendidik": D("59.85"),
            "Indeks Kepuasan Masyarakat terhadap layanan pendidikan": D("83.1")})
        self.assertEqual(self.targets("quarter", quarter=2)["Jumlah sekolah yang terakreditasi minimal B"], D(562))
        self.assertEqual(Indicator.objects.get(name=books.PUTUS_SEKOLAH).polarity, "lower_is_better")

    def test_the_capaian_of_a_file_of_one_quarter_is_the_quarters(self) -> None:
        summary = import_file(books.capaian_tw2_csv(self.dir / "tw2.csv"), self.office, 2026)
        self.assertIn(("Capaian TW II (hanya dicocokkan, tidak disimpan)", "Capaian (%) (G)"), summary.columns)
        self.assertEqual(summary.mismatches, [])
        self.assertEqual(Indicator.objects.get(name=books.PUTUS_SEKOLAH).polarity, "lower_is_better")
        self.assertNotIn(books.PUTUS_SEKOLAH, summary.assumed_positive)
        self.assertEqual(self.actuals(2), {"Angka Partisipasi Murni (APM) SD/MI": D(92), books.PUTUS_SEKOLAH: D("0.6"),
                                           "Nilai realisasi belanja BOS": D("1425750500.5")})

    def test_a_capaian_of_the_budget_beside_the_indicators_is_not_read(self) -> None:
        summary = import_file(books.kinerja_anggaran(self.dir / "anggaran.xlsx"), self.office, 2026)
        self.assertEqual([header for _, header in summary.columns if header.startswith("Capaian")],
                         ["Capaian Kinerja (%) (G)"])
        self.assertIn("Capaian Anggaran (%) (J)", summary.unread_columns)
        self.assertEqual(self.actuals(None), {"Jumlah sekolah yang terakreditasi minimal B": D(1138),
                                              books.PUTUS_SEKOLAH: D("0.45"),
                                              "Jumlah guru yang mengikuti pelatihan peningkatan kompetensi": D(2415)})
        self.assertEqual(summary.mismatches, [])

    def test_the_iku_form_with_kinerja_utama_penjelasan_and_the_heads_as_penanggung_jawab(self) -> None:
        summary = import_file(books.iku(self.dir / "iku.xlsx"), self.office, 2026)
        self.assertEqual(summary.notes_from, 13)
        self.assertIn(("Sasaran", "Kinerja Utama (B)"), summary.columns)
        found = {i.name: (i.objective.name, i.division, i.definition[:22], i.data_source)
                 for i in Indicator.objects.filter(office=self.office)}
        self.assertEqual(found, {
            "Angka Partisipasi Murni (APM) SD/MI": (books.SASARAN_1, self.secretariat, "Jumlah siswa usia 7-12",
                                                    "Dapodik"),
            books.PUTUS_SEKOLAH: (books.SASARAN_1, self.division, "Jumlah siswa putus sek", "Dapodik"),
            "Nilai SAKIP Dinas Pendidikan": (books.SASARAN_3, self.secretariat, "Nilai hasil evaluasi A",
                                             "LHE AKIP")})

    def test_a_head_written_for_a_unit_the_office_does_not_have_is_refused(self) -> None:
        path = books.iku(self.dir / "iku.xlsx")
        book = load_workbook(path)
        book["IKU"]["H10"] = "Kabid SMP"
        book.save(path)
        with self.assertRaises(ImportFailed) as raised:
            import_file(path, self.office, 2026)
        self.assertIn("iku.xlsx, lembar IKU, baris 10, kolom Penanggung Jawab (H)", str(raised.exception))
        self.assertIn('"Kabid SMP"', str(raised.exception))
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())

    def test_the_renstra_matrix_with_target_and_rp_under_each_year(self) -> None:
        summary = import_file(books.renstra_matrix(self.dir / "renstra.xlsx"), self.office, 2026)
        self.assertEqual(self.targets()["Angka Partisipasi Murni (APM) SD/MI"], D(94))
        plan = Target.objects.filter(indicator__name=books.PUTUS_SEKOLAH, kind="renstra").order_by("year")
        self.assertEqual([(t.year, t.value_number) for t in plan],
                         [(2025, D("0.7")), (2026, D("0.6")), (2027, D("0.5")), (2028, D("0.45")), (2029, D("0.4"))])
        self.assertIn("Rp (F)", summary.unread_columns)
        self.assertEqual(sorted(Objective.objects.filter(office=self.office).values_list("code", flat=True)),
                         ["S1", "S2"])

    def test_the_renstra_matrix_imported_for_its_last_year(self) -> None:
        # "Kondisi Akhir (2029)" over Target | Rp is the Renstra's end, not a second column of 2029.
        summary = import_file(books.renstra_matrix(self.dir / "renstra.xlsx"), self.office, 2029)
        self.assertEqual(self.targets(year=2029), {"Angka Partisipasi Murni (APM) SD/MI": D(97),
                                                   books.PUTUS_SEKOLAH: D("0.4"), "Nilai SAKIP Dinas Pendidikan": D(80)})
        self.assertIn("Target Kondisi Akhir (2029) (O)", summary.unread_columns)

    def test_a_cascading_table_reads_the_sasaran_under_its_tujuan(self) -> None:
        summary = import_file(books.cascading(self.dir / "cascading.xlsx"), self.office, 2026)
        self.assertIn("Tujuan (B)", summary.unread_columns)
        found = dict(Indicator.objects.filter(office=self.office).values_list("name", "objective__name"))
        self.assertEqual(found, {"Angka Partisipasi Murni (APM) SD/MI": books.SASARAN_1,
                                 books.PUTUS_SEKOLAH: books.SASARAN_1,
                                 "Persentase guru bersertifikat pendidik": books.SASARAN_2})

    def test_an_lkjip_table_with_categories_and_the_capaian_against_the_renstra(self) -> None:
        summary = import_file(books.lkjip_comparison(self.dir / "lkjip.xlsx"), self.office, 2026)
        self.assertEqual(self.targets(), {"Nilai SAKIP Dinas Pendidikan": D(75),
                                          "Indeks Kepuasan Masyarakat terhadap layanan pendidikan": D("82.5")})
        self.assertEqual(self.actuals(None), {"Nilai SAKIP Dinas Pendidikan": D("75.2"),
                                              "Indeks Kepuasan Masyarakat terhadap layanan pendidikan": D("83.1")})
        # Its Capaian is against the Renstra's last target (80, 85), not the year's: not compared.
        self.assertEqual(summary.mismatches, [])
        self.assertIn("Capaian thd Renstra (%) (J)", summary.unread_columns)

    def test_a_bad_pk_names_every_bad_cell_and_saves_nothing(self) -> None:
        path = books.pk_2026(self.dir / "pk.xlsx")
        book = load_workbook(path)
        sheet = book["PK 2026"]
        sheet["E9"], sheet["E12"], sheet["D13"], sheet["E15"] = "nol koma lima", "75 - 80", None, "82,5 (Baik) 2"
        book.save(path)
        with self.assertRaises(ImportFailed) as raised:
            import_file(path, self.office, 2026)
        shown = [str(e) for e in raised.exception.errors]
        self.assertEqual(len(shown), 4, shown)
        for error, where, value in zip(shown, ("baris 9, kolom Target (E)", "baris 12, kolom Target (E)",
                                               "baris 13, kolom Satuan (D)", "baris 15, kolom Target (E)"),
                                       ("nol koma lima", "75 - 80", "", "82,5 (Baik) 2"), strict=True):
            self.assertTrue(error.startswith(f"pk.xlsx, lembar PK 2026, {where}: "), error)
            self.assertIn(value, error)
        self.assertFalse(Objective.objects.filter(office=self.office).exists())
        self.assertFalse(Target.objects.filter(indicator__office=self.office).exists())

    def test_a_name_wrapped_onto_a_row_of_its_own_is_said_as_such(self) -> None:
        with self.assertRaises(ImportFailed) as raised:
            import_file(books.pk_from_pdf(self.dir / "pk.xlsx"), self.office, 2026)
        errors = [str(e) for e in raised.exception.errors]
        self.assertEqual(len(errors), 1, errors)  # not its Satuan and Target said missing
        self.assertIn("pk.xlsx, lembar Table 1, baris 3, kolom Indikator Kinerja (C): ", errors[0])
        self.assertIn("lanjutan nama indikator di baris 2", errors[0])
        self.assertIn('"memenuhi Standar Pelayanan Minimal (SPM) bidang pendidikan"', errors[0])
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())

    def test_the_command_line_imports_the_iku_and_the_quarter(self) -> None:
        out = StringIO()
        call_command("data", "import", str(books.iku(self.dir / "iku.xlsx")), "--year", "2026", "--office",
                     "disdik", stdout=out)
        self.assertIn("Sasaran ← Kinerja Utama (B)", out.getvalue())
        self.assertIn("Formulasi ← Penjelasan / Formulasi Perhitungan (D)", out.getvalue())
        path = books.kinerja_anggaran(self.dir / "anggaran.xlsx")
        book = load_workbook(path)
        book.active["F6"] = "belum ada data"
        book.save(path)
        with self.assertRaises(CommandError) as raised:
            call_command("data", "import", str(path), "--year", "2026", "--office", "disdik", stdout=StringIO())
        self.assertIn("anggaran.xlsx, lembar Kinerja & Anggaran, baris 6, kolom Realisasi (F)", str(raised.exception))
        self.assertFalse(Actual.objects.filter(indicator__office=self.office).exists())


class PendidikanImportPageTestCase(KinerjaTestCase):
    """The same books through the import page, as the Kasubbag uploads them."""

    def upload(self, path: Path, **data: object) -> str:
        self.client.force_login(self.subsection_head)
        response = self.client.post("/data/import/", {"year": 2026, "file": SimpleUploadedFile(
            path.name, path.read_bytes()), **data})
        self.assertEqual(response.status_code, 200, response.content.decode()[-3000:])
        return response.content.decode()

    def test_the_page_imports_a_cascading_table_and_an_lkjip_table(self) -> None:
        folder = Path(tempfile.mkdtemp(prefix="perf-pendidikan-page-"))
        shown = self.upload(books.cascading(folder / "cascading.xlsx"))
        self.assertIn("Tujuan (B)", shown)
        self.assertEqual(Indicator.objects.get(office=self.office, name=books.PUTUS_SEKOLAH).objective.name,
                         books.SASARAN_1)
        shown = self.upload(books.lkjip_comparison(folder / "lkjip.xlsx"))
        self.assertIn("Capaian thd Renstra (%) (J)", shown)
        self.assertNotIn("perf-warnings", shown)  # no Capaian said to differ
        actual = Actual.objects.get(indicator__office=self.office, indicator__name="Nilai SAKIP Dinas Pendidikan",
                                    year=2026, quarter=None)
        self.assertEqual(actual.value_number, D("75.2"))

    def test_the_page_reads_a_report_of_performance_and_budget(self) -> None:
        folder = Path(tempfile.mkdtemp(prefix="perf-pendidikan-page-"))
        shown = self.upload(books.kinerja_anggaran(folder / "anggaran.xlsx"), dry_run="on")
        self.assertIn("Capaian Anggaran (%) (J)", shown)
        self.assertNotIn("kolom yang sama", shown)
