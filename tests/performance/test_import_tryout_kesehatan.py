"""A Dinas Kesehatan tries kinerja with its own workbooks (kesehatan_books.py), through the import function, the
command line and the import page: an IKU whose two-row header puts TW I … TW IV under Target and Realisasi and whose
polarity stands in a Keterangan column, a Kepala Bidang's PK of Sasaran Program and Indikator Program, targets typed
every way, the e-SAKIP CSV export of one quarter, a realisasi with hidden columns, a hidden row and a JUMLAH row, and a
realisasi per month. What the tryout found: the e-SAKIP quarter's Capaian was checked against the year's target (three
false warnings, and a negative indicator taken as positive), then against the wrong negative formula; the JUMLAH row
with its sums was refused as an indicator without a Satuan; the realisasi per month were dropped without a word."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from kinerja.org import actions as org
from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Actual, Indicator, Objective, Target
from tests.base import KinerjaTestCase
from tests.performance import kesehatan_books as books
from tests.performance.import_page import UploadMixin

D = Decimal
HIGHER, LOWER = Indicator.Polarity.HIGHER_IS_BETTER, Indicator.Polarity.LOWER_IS_BETTER


class KesehatanImportTestCase(UploadMixin, TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.office = org.create_office(code="dinkes", name="Dinas Kesehatan Kota Bandar Lampung", short_name="Dinkes",
                                       city="Bandar Lampung")
        org.add_unit(cls.office, "Sekretariat", "secretariat")
        for name in ("Bidang Kesehatan Masyarakat", "Bidang Pencegahan Penyakit", "Bidang Pelayanan Kesehatan"):
            org.add_unit(cls.office, name, "division")

    def setUp(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="perf-kesehatan-"))

    def values(self, model: type[Target] | type[Actual], **where: object) -> dict[str, Decimal]:
        found = model.objects.filter(indicator__office=self.office, year=2025, **where)
        return dict(found.values_list("indicator__name", "value_number"))

    def polarities(self) -> dict[str, str]:
        return dict(Indicator.objects.filter(office=self.office).values_list("name", "polarity"))

    def test_the_iku_with_quarters_under_a_two_row_header_and_the_polarity_in_keterangan(self) -> None:
        summary = import_file(books.iku_kesehatan(self.dir / "iku.xlsx"), self.office, 2025)
        self.assertEqual((summary.rows, summary.objectives_created, summary.indicators_created), (5, 2, 5))
        self.assertIn(("Polaritas", "Keterangan (M)"), summary.columns)
        waktu = "Waktu tunggu rawat jalan"  # "(semakin cepat semakin baik)" is its polarity, in minutes
        self.assertEqual(self.polarities(), {
            "Angka kematian ibu per 100.000 kelahiran hidup": LOWER, "Prevalensi balita stunting": LOWER,
            "Persentase imunisasi dasar lengkap": HIGHER, "Persentase puskesmas terakreditasi paripurna": HIGHER,
            waktu: LOWER})
        self.assertEqual(summary.assumed_positive, [])
        self.assertEqual(self.values(Target, kind="quarter", quarter=4)["Persentase imunisasi dasar lengkap"], D(95))
        self.assertEqual(self.values(Actual, quarter=2), {
            "Angka kematian ibu per 100.000 kelahiran hidup": D(31), "Prevalensi balita stunting": D("13.1"),
            "Persentase imunisasi dasar lengkap": D(51), "Persentase puskesmas terakreditasi paripurna": D(45),
            waktu: D(58)})
        self.assertEqual(Indicator.objects.get(name=waktu).division.name, "Bidang Pelayanan Kesehatan")
        by_objective = {o.name: o.indicators.count() for o in Objective.objects.filter(office=self.office)}
        self.assertEqual(by_objective, {books.SASARAN_1: 3, books.SASARAN_2: 2})
        self.assertEqual([p.polarity_source for p in summary.preview], [
            "Keterangan (M): “Semakin rendah semakin baik”", "Keterangan (M): “Menurun”", "Keterangan (M): “Meningkat”",
            "Keterangan (M): “Meningkat”", "Indikator Kinerja Utama (C): “semakin cepat semakin baik”"])

    def test_the_pk_of_sasaran_program_and_indikator_program(self) -> None:
        summary = import_file(books.pk_bidang(self.dir / "pk.xlsx"), self.office, 2025)
        self.assertEqual((summary.rows, summary.other_table), (3, 11))
        self.assertEqual(self.values(Target, kind="agreement", quarter=None), {
            "Persentase penemuan kasus TBC (treatment coverage)": D(90),
            "Angka keberhasilan pengobatan TBC (success rate)": D(90),
            "Angka kesakitan DBD per 100.000 penduduk": D(49)})
        self.assertEqual(self.polarities()["Angka kesakitan DBD per 100.000 penduduk"], LOWER)  # "< 49"
        self.assertEqual(self.polarities()["Angka keberhasilan pengobatan TBC (success rate)"], HIGHER)  # "≥ 90"
        # The Sasaran Program beside each indicator is its Sasaran; the Sasaran Strategis heading above is not, and
        # is said to be not read.
        self.assertEqual(set(Objective.objects.filter(office=self.office).values_list("name", flat=True)), {
            "Meningkatnya cakupan penemuan kasus TBC", "Menurunnya kasus demam berdarah dengue"})
        self.assertEqual(summary.unread_headings, [
            (6, "Sasaran Strategis: Menurunnya angka kesakitan penyakit menular", "Sasaran Program (B)")])
        self.assertEqual(summary.unread_heading_lines, [
            "Judul Sasaran tidak dibaca, karena indikator di bawahnya masing-masing memberi Sasarannya di kolom "
            'Sasaran Program (B): baris 6 "Sasaran Strategis: Menurunnya angka kesakitan penyakit menular".'])

    def test_a_sasaran_heading_its_indicators_take_is_read_not_listed(self) -> None:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(["No", "Sasaran", "Indikator", "Satuan", "Target"])
        sheet.append(["I", "Sasaran 1: Meningkatnya derajat kesehatan masyarakat"])
        sheet.merge_cells("B2:E2")
        sheet.append([1, None, "Persentase imunisasi dasar lengkap", "%", 95])
        sheet.append(["II", "Sasaran 2: Menurunnya angka kesakitan"])
        sheet.merge_cells("B4:E4")
        sheet.append([2, None, "Prevalensi balita stunting", "%", 12])
        sheet.append([3, "Menurunnya kasus demam berdarah dengue", "Angka kesakitan DBD", "per 100.000", 49])
        book.save(self.dir / "headings.xlsx")
        summary = import_file(self.dir / "headings.xlsx", self.office, 2025)
        self.assertEqual(set(Objective.objects.filter(office=self.office).values_list("name", flat=True)), {
            "Meningkatnya derajat kesehatan masyarakat", "Menurunnya angka kesakitan",
            "Menurunnya kasus demam berdarah dengue"})
        self.assertEqual((summary.unread_headings, summary.unread_heading_lines), ([], []))

    def test_the_command_says_where_each_new_polarity_was_read_and_the_heading_not_read(self) -> None:
        out = StringIO()
        call_command("data", "import", str(books.iku_kesehatan(self.dir / "iku.xlsx")), "--year", "2025",
                     "--office", "dinkes", "--dry-run", stdout=out)
        lines = out.getvalue().splitlines()
        at = lines.index("Polaritas tiap indikator baru, sebagaimana diberikan berkas:")
        negative, positive = Indicator.Polarity.LOWER_IS_BETTER.label, Indicator.Polarity.HIGHER_IS_BETTER.label
        self.assertEqual(lines[at + 1:at + 6], [
            f"  - Angka kematian ibu per 100.000 kelahiran hidup: {negative} dari Keterangan (M): "
            "“Semakin rendah semakin baik”",
            f"  - Prevalensi balita stunting: {negative} dari Keterangan (M): “Menurun”",
            f"  - Persentase imunisasi dasar lengkap: {positive} dari Keterangan (M): “Meningkat”",
            f"  - Persentase puskesmas terakreditasi paripurna: {positive} dari Keterangan (M): “Meningkat”",
            f"  - Waktu tunggu rawat jalan: {negative} dari Indikator Kinerja Utama (C): “semakin cepat semakin baik”"])
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())  # a dry run
        out = StringIO()
        call_command("data", "import", str(books.pk_bidang(self.dir / "pk.xlsx")), "--year", "2025",
                     "--office", "dinkes", stdout=out)
        self.assertIn(f"  - Angka kesakitan DBD per 100.000 penduduk: {negative} dari Target (E): “< 49”",
                      out.getvalue())
        self.assertIn(f"  - Persentase penemuan kasus TBC (treatment coverage): {positive} dari Polaritas (F)\n",
                      out.getvalue())
        self.assertIn('Judul Sasaran tidak dibaca, karena indikator di bawahnya masing-masing memberi Sasarannya di '
                      'kolom Sasaran Program (B): baris 6 "Sasaran Strategis: Menurunnya angka kesakitan penyakit '
                      'menular".', out.getvalue())
        out = StringIO()  # imported again: no indicator is new
        call_command("data", "import", str(books.pk_bidang(self.dir / "pk.xlsx")), "--year", "2025",
                     "--office", "dinkes", stdout=out)
        self.assertNotIn("Polaritas tiap indikator baru", out.getvalue())

    def test_targets_typed_every_way(self) -> None:
        summary = import_file(books.target_ragam(self.dir / "target.xlsx"), self.office, 2025)
        self.assertEqual(self.values(Target, kind="agreement", quarter=None), {
            "Persentase fasilitas kesehatan sesuai standar": D(85), "Persentase rumah sakit terakreditasi": D(85),
            "Indeks kepuasan masyarakat": D("85.5"), "Pendapatan retribusi pelayanan kesehatan": D(1250000000),
            "Cakupan pelayanan kesehatan usia produktif": D(90), "Waktu penerbitan izin praktik tenaga kesehatan": D(14)})
        self.assertEqual(self.values(Actual, quarter=None), {
            "Persentase fasilitas kesehatan sesuai standar": D(86), "Persentase rumah sakit terakreditasi": D("80.5"),
            "Indeks kepuasan masyarakat": D("84.75"), "Pendapatan retribusi pelayanan kesehatan": D(1302450000),
            "Cakupan pelayanan kesehatan usia produktif": D("87.5"),
            "Waktu penerbitan izin praktik tenaga kesehatan": D(12)})
        self.assertEqual(self.polarities()["Persentase fasilitas kesehatan sesuai standar"], HIGHER)  # "≥ 85%"
        self.assertEqual(self.polarities()["Waktu penerbitan izin praktik tenaga kesehatan"], LOWER)  # "paling lama"
        self.assertEqual(summary.warnings, [])

    def test_the_esakip_csv_of_one_quarter(self) -> None:
        out = StringIO()
        call_command("data", "import", str(books.esakip_csv(self.dir / "pengukuran_tw2.csv")), "--year", "2025",
                     "--office", "dinkes", stdout=out)
        self.assertIn("Capaian TW II", out.getvalue())
        self.assertEqual(self.values(Target, kind="quarter", quarter=2)["Prevalensi balita stunting"], D("13.5"))
        self.assertEqual(self.values(Target, kind="agreement", quarter=None)["Prevalensi balita stunting"], D("12.5"))
        self.assertEqual(self.values(Actual, quarter=2)["Jumlah puskesmas terakreditasi paripurna"], D(7))
        # Its Capaian of 103,05 is the quarter's (13,5 ÷ 13,1): a negative indicator computed as target ÷ actual.
        stunting = Indicator.objects.get(name="Prevalensi balita stunting")
        self.assertEqual((stunting.polarity, stunting.negative_method), (LOWER, Indicator.NegativeMethod.RATIO))
        self.assertNotIn("Capaian di berkas berbeda", out.getvalue())
        self.assertIn("Mulai baris 9, catatan dan tanda tangan di bawah tabel tidak dibaca.", out.getvalue())

    def test_hidden_columns_a_hidden_row_and_a_totals_row(self) -> None:
        summary = import_file(books.realisasi_tersembunyi(self.dir / "realisasi.xlsx"), self.office, 2025)
        self.assertEqual((summary.rows, summary.hidden_rows, summary.total_rows), (3, [4], []))
        self.assertEqual(summary.unread_columns, ["No (A)", "Target 2024 (C)", "Realisasi 2024 (D)"])
        self.assertEqual(self.values(Actual, quarter=None), {
            "Jumlah kunjungan posyandu aktif": D(960), "Jumlah desa ODF (open defecation free)": D(47),
            "Jumlah puskesmas keliling beroperasi": D(21)})
        self.assertFalse(Indicator.objects.filter(name="JUMLAH").exists())

    def test_a_realisasi_per_month_is_refused_by_name_on_the_page_and_the_command(self) -> None:
        path = books.realisasi_bulanan(self.dir / "bulanan.xlsx")
        with self.assertRaises(ImportFailed) as caught:
            import_file(path, self.office, 2025)
        message = str(caught.exception.errors[0])
        self.assertTrue(message.startswith("bulanan.xlsx, lembar Bulanan, baris 1, kolom Realisasi Bulan (F): "), message)
        self.assertIn('"Jan", "Feb"', message)
        self.assertIn('"Realisasi TW I" … "Realisasi TW IV"', message)
        self.assertFalse(Indicator.objects.filter(office=self.office).exists())
        with self.assertRaisesMessage(CommandError, "kolom Realisasi Bulan (F)"):
            call_command("data", "import", str(path), "--year", "2025", "--office", "dinkes", stdout=StringIO())


class KesehatanImportPageTestCase(UploadMixin, KinerjaTestCase):
    """The Kabid's PK through the import page, as the Kasubbag uploads it: checked first, then imported."""

    def test_the_page_previews_then_imports_the_pk(self) -> None:
        self.client.force_login(self.subsection_head)
        path = books.pk_bidang(Path(tempfile.mkdtemp(prefix="perf-kesehatan-page-")) / "pk.xlsx")
        page = self.upload(path, dry_run="on").content.decode()
        self.assertIn("dari Target (E): “&lt; 49”", page)
        self.assertIn("dari Target (E): “≥ 90”", page)
        self.assertIn("dari Polaritas (F)", page)
        self.assertIn('<p class="perf-unread-headings">Judul Sasaran tidak dibaca, karena indikator di bawahnya '
                      'masing-masing memberi Sasarannya di kolom Sasaran Program (B): baris 6 &quot;Sasaran Strategis: '
                      'Menurunnya angka kesakitan penyakit menular&quot;.</p>', page)
        self.assertFalse(Indicator.objects.filter(name__contains="TBC").exists())
        self.upload(path)
        self.assertEqual(Indicator.objects.get(name="Angka kesakitan DBD per 100.000 penduduk").polarity, LOWER)
