"""Workbooks of a second new user (tests written while trying kinerja with documents it had not seen): a
Perjanjian Kinerja whose Polaritas says the direction the indicator should move ("Meningkat", "Menurun"),
and a realisasi per triwulan whose Capaian adds the quarters up where kinerja's indicator takes the last."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.utils import translation
from openpyxl import Workbook

from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Indicator
from tests.base import KinerjaTestCase

HIGHER, LOWER = Indicator.Polarity.HIGHER_IS_BETTER, Indicator.Polarity.LOWER_IS_BETTER
SASARAN = "Menurunnya angka kemiskinan pelaku usaha mikro"


class TryoutTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-tryout2-"))
        self.enterContext(translation.override("en"))

    def indicators(self) -> dict[str, Indicator]:
        return {i.name: i for i in Indicator.objects.filter(office=self.office)}


class DirectionPolarityTestCase(TryoutTestCase):
    def book(self) -> Path:
        book = Workbook()
        sheet = book.active
        sheet.append(["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Polaritas", "Target", "Realisasi"])
        sheet.append([1, SASARAN, "Persentase pelaku usaha miskin", "%", "Menurun", "12,5%", "10,00%"])
        sheet.append([2, SASARAN, "Jumlah pelaku usaha yang dilatih", "Orang", "Meningkat", "1.250", "1.300"])
        sheet.append([3, SASARAN, "Jumlah aduan layanan", "kasus", " menurun ", "10", "8"])
        path = self.dir / "pk.xlsx"
        book.save(path)
        return path

    def test_meningkat_and_menurun_are_read_as_the_polarity(self) -> None:
        import_file(self.book(), self.office, 2025)
        self.assertEqual({n: i.polarity for n, i in self.indicators().items() if n in (
            "Persentase pelaku usaha miskin", "Jumlah pelaku usaha yang dilatih", "Jumlah aduan layanan")}, {
            "Persentase pelaku usaha miskin": LOWER, "Jumlah pelaku usaha yang dilatih": HIGHER,
            "Jumlah aduan layanan": LOWER})


class QuarterAggregationMismatchTestCase(TryoutTestCase):
    """The indicator came from the PK without quarters, so its year is its last quarter (the default); the
    division's realisasi adds TW I … TW IV up in its Capaian. The target, actual and polarity are right: the
    warning names the way the quarters add up, which is what differs."""

    def setUp(self) -> None:
        super().setUp()
        book = Workbook()
        book.active.append(["Sasaran", "Indikator Kinerja", "Satuan", "Target"])
        book.active.append([SASARAN, "Jumlah pelaku usaha yang dilatih", "Orang", "1.250"])
        book.active.append([SASARAN, "Persentase pelaku usaha miskin", "%", "12,5"])
        book.save(self.dir / "pk.xlsx")
        import_file(self.dir / "pk.xlsx", self.office, 2025)

    def realisasi(self, achievements: tuple[str, str]) -> Path:
        book = Workbook()
        sheet = book.active
        sheet.append(["Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi", None, None, None, "Capaian"])
        sheet.append([None, None, None, None, "TW I", "TW II", "TW III", "TW IV", None])
        for column in "ABCDI":
            sheet.merge_cells(f"{column}1:{column}2")
        sheet.merge_cells("E1:H1")
        sheet.append([SASARAN, "Jumlah pelaku usaha yang dilatih", "Orang", "1.250", 300, 350, 400, 250,
                      achievements[0]])
        sheet.append([SASARAN, "Persentase pelaku usaha miskin", "%", "12,5", "11", "12", "12", "12,5",
                      achievements[1]])
        path = self.dir / "realisasi.xlsx"
        book.save(path)
        return path

    def test_a_capaian_of_the_quarters_added_up_names_how_the_quarters_add_up(self) -> None:
        # 300 + 350 + 400 + 250 = 1.300 of 1.250 is 104%; kinerja, taking TW IV's 250, computes 20%.
        summary = import_file(self.realisasi(("104,00", "100")), self.office, 2025)
        self.assertEqual(len(summary.mismatches), 1)
        message = str(summary.mismatches[0])
        self.assertIn("row 3, column Capaian (I): the file says 104,00%", message)
        self.assertIn('the year\'s actual taken as "Sum of the quarters"', message)
        self.assertIn('kinerja computes 20,00% because the indicator\'s actual of the year is its "Value of the last '
                      'quarter"', message)
        self.assertIn('change "How the quarters add up"', message)

    def test_a_capaian_no_way_of_adding_up_gives_keeps_the_target_actual_and_polarity_warning(self) -> None:
        summary = import_file(self.realisasi(("90", "100")), self.office, 2025)
        self.assertEqual([str(m) for m in summary.mismatches], [
            "realisasi.xlsx, sheet Sheet, row 3, column Capaian (I): the file says 90,00%, kinerja computes 20,00% "
            "from the target, the actual and the polarity (Positive (higher is better))"])


class ApostropheTestCase(TryoutTestCase):
    """An export made for Excel writes "'" before a value to keep it as text ("'01", "'12,5"); Excel hides it,
    and so does kinerja: the code is 01, not '01, and the numbers are numbers."""

    def test_a_csv_with_leading_apostrophes_reads_the_values_without_them(self) -> None:
        path = self.dir / "pk.csv"
        path.write_text("Kode;Sasaran;Indikator;Satuan;Polaritas;Target;Realisasi\n"
                        f"'01;{SASARAN};Angka kemiskinan pelaku usaha;%;Negatif;'12,5;'11,75\n"
                        f"'IK-31;{SASARAN};'Jumlah pelaku usaha dibina;Orang;Positif;'1.250;1.300\n", encoding="utf-8")
        import_file(path, self.office, 2025)
        found = {i.code: i for i in Indicator.objects.filter(office=self.office, code__in=["01", "IK-31"])}
        self.assertEqual(sorted(found), ["01", "IK-31"])
        self.assertEqual(found["IK-31"].name, "Jumlah pelaku usaha dibina")
        self.assertEqual([str(t.value) for t in found["01"].targets.filter(year=2025)], ["12.5000"])
        self.assertEqual([str(a.value) for a in found["01"].actuals.filter(year=2025)], ["11.7500"])
        self.assertEqual([str(t.value) for t in found["IK-31"].targets.filter(year=2025)], ["1250.0000"])

    def test_an_xlsx_cell_written_with_its_apostrophe_is_read_without_it(self) -> None:
        book = Workbook()
        book.active.append(["Kode", "Sasaran", "Indikator", "Satuan", "Target"])
        book.active.append(["'007", SASARAN, "Jumlah koperasi dibina", "unit", "'45"])
        book.active.append(["008", SASARAN, "'Sebutan' koperasi teladan", "unit", "3"])
        book.save(self.dir / "pk.xlsx")
        import_file(self.dir / "pk.xlsx", self.office, 2025)
        self.assertEqual(Indicator.objects.get(office=self.office, code="007").targets.get(year=2025).value, 45)
        self.assertTrue(Indicator.objects.filter(office=self.office, name="'Sebutan' koperasi teladan").exists())


class RealisasiWithoutSasaranTestCase(TryoutTestCase):
    """A division's realisasi per triwulan names the indicators with their target for reference, and no
    Sasaran: the indicators kinerja has keep theirs; one it does not have is a bad row naming the column."""

    def setUp(self) -> None:
        super().setUp()
        book = Workbook()
        book.active.append(["Sasaran", "Indikator Kinerja", "Satuan", "Polaritas", "Target"])
        book.active.append([SASARAN, "Jumlah pelaku usaha yang dilatih", "Orang", "Meningkat", "1.250"])
        book.save(self.dir / "pk.xlsx")
        import_file(self.dir / "pk.xlsx", self.office, 2025)

    def realisasi(self, *names: str) -> Path:
        book = Workbook()
        sheet = book.active
        sheet.append(["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi TW I", "Realisasi TW II"])
        for n, name in enumerate(names, start=1):
            sheet.append([n, name, "Orang", "1.300", 300, 350])
        path = self.dir / "realisasi.xlsx"
        book.save(path)
        return path

    def test_an_indicator_kinerja_has_keeps_its_sasaran(self) -> None:
        summary = import_file(self.realisasi("Jumlah pelaku usaha yang dilatih"), self.office, 2025)
        # Found with its Sasaran and nothing else of it changed: counted unchanged (only its figures are new).
        self.assertEqual((summary.indicators_created, summary.indicators_updated, summary.indicators_unchanged,
                          summary.objectives_created), (0, 0, 1, 0))
        indicator = self.indicators()["Jumlah pelaku usaha yang dilatih"]
        self.assertEqual(indicator.objective.name, SASARAN)
        self.assertEqual(indicator.targets.get(year=2025, quarter=None).value, 1300)
        self.assertEqual(sorted((a.quarter, a.value) for a in indicator.actuals.filter(year=2025)), [(1, 300), (2, 350)])

    def test_an_indicator_kinerja_does_not_have_still_needs_a_sasaran(self) -> None:
        with self.assertRaises(ImportFailed) as caught:
            import_file(self.realisasi("Jumlah pelaku usaha yang dilatih", "Jumlah UMKM go digital"), self.office,
                        2025)
        self.assertEqual([str(e) for e in caught.exception.errors], [
            "realisasi.xlsx, sheet Sheet, row 3, column Sasaran: no Sasaran column and no Sasaran heading row above "
            "this row, and kinerja has no indicator with this name (a new indicator needs its Sasaran); if it is one "
            'kinerja has, write its name as the Target page shows it ("Jumlah UMKM go digital")'])
        self.assertEqual(self.indicators()["Jumlah pelaku usaha yang dilatih"].actuals.count(), 0)
