"""A new office's first workbooks, written as it keeps them: a title over the table, the Sasaran last and merged
down over its indicators, the row of column numbers, empty rows, percentages written "85%", "85,5" or "85 persen",
thousands "1.250", a Keterangan column and a second sheet of notes. And its typing errors, each named by sheet, row,
column and value, with nothing saved."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from openpyxl import Workbook

from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Actual, Indicator, Objective, Target
from tests.base import KinerjaTestCase

D = Decimal


def capaian(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Capaian 2025"
    sheet["A1"] = "LAPORAN CAPAIAN KINERJA DINAS KOPERASI TAHUN 2025"
    sheet.merge_cells("A1:G1")
    sheet.append([])
    sheet.append(["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Sasaran Strategis", "Keterangan"])
    sheet.append(["1", "2", "3", "4", "5", "6", "7"])
    sheet.append([1, "Persentase koperasi sehat", "%", "85%", "85,5", "Meningkatnya kualitas koperasi", ""])
    sheet.append([])
    sheet.append([2, "Jumlah koperasi aktif", "unit", "1.250", "1.180", None, "angka sementara"])
    sheet.merge_cells("F5:F7")
    sheet.append([3, "Persentase UMKM naik kelas", "persen", "5 persen", "4,5 persen", "Meningkatnya daya saing UMKM"])
    sheet.append([])
    sheet.append(["", "Keterangan: data per 31 Desember 2025"])
    book.create_sheet("Catatan")["A1"] = "Diisi oleh Subbag Program"
    book.save(path)
    return path


class NewOfficeTryoutTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-tryout-"))
        self.enterContext(translation.override("en"))

    def test_its_own_layout_imports_as_written(self) -> None:
        summary = import_file(capaian(self.dir / "capaian.xlsx"), self.office, 2025, user=self.staff)
        self.assertEqual((summary.rows, summary.objectives_created, summary.indicators_created), (3, 2, 3))
        figures = {i.name: (i.objective.name, i.targets.get(kind="agreement").value_number,
                            i.actuals.get().value_number) for i in Indicator.objects.filter(office=self.office)}
        self.assertEqual(figures, {
            "Persentase koperasi sehat": ("Meningkatnya kualitas koperasi", D(85), D("85.5")),
            "Jumlah koperasi aktif": ("Meningkatnya kualitas koperasi", D(1250), D(1180)),
            "Persentase UMKM naik kelas": ("Meningkatnya daya saing UMKM", D(5), D("4.5"))})
        self.assertEqual(summary.unread_columns, ["No (A)", "Keterangan (G)"])

    def test_its_typing_errors_are_each_named_and_nothing_is_saved(self) -> None:
        book = Workbook()
        sheet = book.active
        sheet.title = "Data"
        sheet.append(["Sasaran", "Indikator", "Satuan", "Target", "Realisasi"])
        sheet.append(["Meningkatnya kualitas koperasi", "Jumlah koperasi aktif", "unit", "85 persen", "80"])
        sheet.append([None, "Jumlah pelatihan", "kegiatan", "delapan", "7"])
        sheet.append([None, "Jumlah koperasi baru", "unit", "1.250,5,0", "1.180"])
        book.save(self.dir / "salah.xlsx")
        with self.assertRaises(ImportFailed) as refused:
            import_file(self.dir / "salah.xlsx", self.office, 2025, user=self.staff)
        self.assertEqual([str(e) for e in refused.exception.errors], [
            "salah.xlsx, sheet Data, row 2, column Target (D): a percentage, but Jumlah koperasi aktif is measured in "
            'unit: write the value in unit, without the % sign ("85 persen")',
            "salah.xlsx, sheet Data, row 3, column Target (D): a number is needed here: the Satuan is kegiatan, which "
            'is counted or measured in numbers ("delapan")',  # and not the Realisasi beside it, a number
            'salah.xlsx, sheet Data, row 4, column Target (D): a number is needed here: "1.250,5,0" is not a number.'])
        self.assertFalse(Objective.objects.filter(office=self.office).exists())
        self.assertFalse(Target.objects.exists() or Actual.objects.exists())
