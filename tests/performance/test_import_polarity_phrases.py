"""Polarity stated outside a Polaritas column, as offices write it: in a Keterangan column ("Semakin rendah semakin
baik", "Negatif", "Menurun"), as a note above or under the table ("Polaritas: Negatif untuk IK-3") and as a phrase after
the indicator's name ("… tidak aktif (semakin kecil semakin baik)"), which is no part of the name saved. A Keterangan
that holds other notes is read only for the phrases nothing else can mean. The preview says where each polarity
came from."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.utils import translation
from openpyxl import Workbook

from kinerja.errors import ImportFailed
from kinerja.performance.importer import import_file, read_rows
from kinerja.performance.models import Indicator, Objective
from tests.base import KinerjaTestCase
from tests.performance.import_page import UploadMixin

SASARAN = "Meningkatnya kualitas kelembagaan koperasi"
HIGHER, LOWER = Indicator.Polarity.HIGHER_IS_BETTER, Indicator.Polarity.LOWER_IS_BETTER
HEADER = ["No", "Kode", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Keterangan"]


def _book(path: Path, rows: list[list[object]], above: list[str] = (), below: list[str] = (),
          header: list[str] = HEADER) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "IKU"
    for line in above:
        sheet.append([line])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.append([])
    for line in below:
        sheet.append([line])
    book.save(path)
    return path


class PolarityPhrasesTestCase(UploadMixin, KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-polarity-"))
        self.enterContext(translation.override("en"))

    def polarities(self, path: Path) -> dict[str, tuple[str, str, str]]:
        reading = read_rows(path, self.office, 2025)
        return {row.code: (row.name, row.polarity, row.polarity_column) for row in reading.rows}

    def test_a_keterangan_column_of_polarities(self) -> None:
        path = _book(self.dir / "ket.xlsx", [
            [1, "PK-1", SASARAN, "Persentase koperasi sehat", "%", 60, 55, "Semakin tinggi semakin baik"],
            [2, "PK-2", SASARAN, "Persentase koperasi bermasalah", "%", 10, 8, "Negatif"],
            [3, "PK-3", SASARAN, "Jumlah tunggakan pinjaman", "kasus", 20, 18, "Menurun"],
            [4, "PK-4", SASARAN, "Jumlah koperasi baru", "unit", 40, 41, None]])
        self.assertEqual(self.polarities(path), {
            "PK-1": ("Persentase koperasi sehat", HIGHER, "Keterangan (H)"),
            "PK-2": ("Persentase koperasi bermasalah", LOWER, "Keterangan (H)"),
            "PK-3": ("Jumlah tunggakan pinjaman", LOWER, "Keterangan (H)"),
            "PK-4": ("Jumlah koperasi baru", "", "")})
        reading = read_rows(path, self.office, 2025)
        self.assertIn(("Polaritas", "Keterangan (H)"), reading.columns)
        self.assertNotIn("Keterangan (H)", reading.unread_columns)
        import_file(path, self.office, 2025)
        self.assertEqual(Indicator.objects.get(office=self.office, code="PK-3").polarity, LOWER)

    def test_a_keterangan_of_other_notes_is_not_misread(self) -> None:
        # "Menurun dibanding 2024" tells what the figure did, "Negatif" beside "Data sementara" may be anything:
        # only the phrase nothing else can mean is read.
        path = _book(self.dir / "notes.xlsx", [
            [1, "PK-1", SASARAN, "Persentase koperasi sehat", "%", 60, 55, "Data sementara"],
            [2, "PK-2", SASARAN, "Jumlah koperasi aktif", "unit", 300, 280, "Menurun"],
            [3, "PK-3", SASARAN, "Jumlah koperasi baru", "unit", 40, 41, "Menurun dibanding 2024"],
            [4, "PK-4", SASARAN, "Persentase koperasi bermasalah", "%", 10, 8, "Semakin rendah semakin baik"]])
        self.assertEqual({c: p for c, (_n, p, _s) in self.polarities(path).items()},
                         {"PK-1": "", "PK-2": "", "PK-3": "", "PK-4": LOWER})
        path = _book(self.dir / "only-notes.xlsx", [
            [1, "PK-1", SASARAN, "Persentase koperasi sehat", "%", 60, 55, "Data sementara"],
            [2, "PK-2", SASARAN, "Jumlah koperasi aktif", "unit", 300, 280, "Menurun dibanding 2024"]])
        reading = read_rows(path, self.office, 2025)
        self.assertEqual([row.polarity for row in reading.rows], ["", ""])
        self.assertIn("Keterangan (H)", reading.unread_columns)
        self.assertNotIn(("Polaritas", "Keterangan (H)"), reading.columns)

    def test_a_polaritas_column_wins_over_a_keterangan_that_contradicts_it(self) -> None:
        header = [*HEADER[:5], "Polaritas", *HEADER[5:]]
        path = _book(self.dir / "both.xlsx", [
            [1, "PK-1", SASARAN, "Persentase koperasi bermasalah", "%", "Positif", 10, 8, "Semakin rendah semakin baik"]],
            header=header)
        reading = read_rows(path, self.office, 2025)
        self.assertEqual(reading.rows[0].polarity, HIGHER)
        self.assertEqual([(w.row, w.column) for w in reading.warnings], [(2, "Keterangan (I)")])
        self.assertIn("Polaritas (F) is kept", reading.warnings[0].message)

    def test_a_note_under_or_above_the_table(self) -> None:
        rows = [[1, "IK-01", SASARAN, "Persentase koperasi sehat", "%", 60, 55],
                [2, "IK-02", SASARAN, "Jumlah koperasi baru", "unit", 40, 41],
                [3, "IK-03", SASARAN, "Persentase koperasi tidak aktif", "%", 12, 10]]
        below = _book(self.dir / "below.xlsx", rows, below=["Polaritas: Negatif untuk IK-3"], header=HEADER[:7])
        self.assertEqual({c: (p, s) for c, (_n, p, s) in self.polarities(below).items()}, {
            "IK-01": ("", ""), "IK-02": ("", ""), "IK-03": (LOWER, "note in cell A6")})
        above = _book(self.dir / "above.xlsx", rows, header=HEADER[:7], above=[
            "INDIKATOR KINERJA UTAMA 2025", "Polaritas: (+) semakin tinggi semakin baik; (-) semakin rendah semakin baik",
            "IK-02 dan IK-03 polaritas negatif"])
        self.assertEqual({c: p for c, (_n, p, _s) in self.polarities(above).items()},
                         {"IK-01": "", "IK-02": LOWER, "IK-03": LOWER})

    def test_a_note_naming_a_code_the_table_has_not(self) -> None:
        path = _book(self.dir / "typo.xlsx", [[1, "IK-01", SASARAN, "Persentase koperasi sehat", "%", 60, 55]],
                     below=["Polaritas negatif: IK-01, IK-07 (Permen PANRB 53/2014)"], header=HEADER[:7])
        with self.assertRaises(ImportFailed) as caught:
            read_rows(path, self.office, 2025)
        self.assertEqual([str(e) for e in caught.exception.errors], [
            'typo.xlsx, sheet IKU, row 4, column A: the note gives the polarity of IK-07, but no row of the table has '
            'this code; write the code as the table does ("Polaritas negatif: IK-01, IK-07 (Permen PANRB 53/2014)")'])

    def test_a_phrase_after_the_name_is_the_polarity_and_not_the_name(self) -> None:
        path = _book(self.dir / "names.xlsx", [
            [1, "PK-1", SASARAN, "Persentase koperasi tidak aktif (semakin kecil semakin baik)", "%", 12, 10],
            [2, "PK-2", SASARAN, "Jumlah kasus sengketa koperasi (-)", "kasus", 5, 4],
            [3, "PK-3", SASARAN, "Rata-rata waktu layanan izin, semakin cepat semakin baik", "hari", 5, 4],
            [4, "PK-4", SASARAN, "Indeks Kepuasan Masyarakat (IKM)", "indeks", 80, 82],
            [5, "PK-5", SASARAN, "Persentase koperasi dibina (minimal)", "%", 70, 72]], header=HEADER[:7])
        self.assertEqual(self.polarities(path), {
            "PK-1": ("Persentase koperasi tidak aktif", LOWER, "Indikator Kinerja (D)"),
            "PK-2": ("Jumlah kasus sengketa koperasi", LOWER, "Indikator Kinerja (D)"),
            "PK-3": ("Rata-rata waktu layanan izin", LOWER, "Indikator Kinerja (D)"),
            "PK-4": ("Indeks Kepuasan Masyarakat (IKM)", "", ""),
            "PK-5": ("Persentase koperasi dibina (minimal)", "", "")})
        import_file(path, self.office, 2025)
        saved = Indicator.objects.get(office=self.office, code="PK-1")
        self.assertEqual((saved.name, saved.polarity), ("Persentase koperasi tidak aktif", LOWER))
        # Imported again, the stripped name finds the indicator saved: nothing new.
        self.assertEqual(import_file(path, self.office, 2025).indicators_created, 0)

    def test_an_indicator_saved_with_the_phrase_in_its_name_is_found_by_it(self) -> None:
        # Imported before the phrase was read: the file names the same indicator, not a new one without it.
        written = "Persentase koperasi tidak aktif (semakin kecil semakin baik)"
        path = _book(self.dir / "again.xlsx", [[1, None, SASARAN, written, "%", 12, 10]], header=HEADER[:7])
        objective = Objective.objects.create(office=self.office, code="S9", name=SASARAN, plan_start_year=2025,
                                             plan_end_year=2029)
        Indicator.objects.create(office=self.office, objective=objective, code="IK-90", name=written, unit="%")
        summary = import_file(path, self.office, 2025)
        self.assertEqual((summary.indicators_created, summary.rows), (0, 1))
        self.assertEqual(Indicator.objects.get(office=self.office, code="IK-90").polarity, LOWER)

    def test_a_faster_phrase_beside_a_percentage_is_refused_at_its_cell(self) -> None:
        path = _book(self.dir / "fast.xlsx", [
            [1, "PK-1", SASARAN, "Persentase izin terbit (semakin cepat semakin baik)", "%", 90, 92]], header=HEADER[:7])
        with self.assertRaises(ImportFailed) as caught:
            read_rows(path, self.office, 2025)
        message = str(caught.exception.errors[0])
        self.assertIn("fast.xlsx, sheet IKU, row 2, column Indikator Kinerja (D)", message)
        self.assertIn('("semakin cepat semakin baik")', message)

    def test_the_preview_says_where_each_polarity_came_from(self) -> None:
        path = _book(self.dir / "preview.xlsx", [
            [1, "PK-1", SASARAN, "Persentase koperasi tidak aktif (semakin kecil semakin baik)", "%", 12, 10, None],
            [2, "PK-2", SASARAN, "Persentase koperasi bermasalah", "%", 10, 8, "Semakin rendah semakin baik"],
            [3, "PK-3", SASARAN, "Persentase koperasi sehat", "%", "≥ 60", 55, None],
            [4, "PK-4", SASARAN, "Jumlah koperasi baru", "unit", 40, 41, None]])
        self.client.force_login(self.admin)
        page = self.upload(path, dry_run="on").content.decode()
        self.assertIn("dari Indikator Kinerja (D): “semakin kecil semakin baik”", page)
        self.assertIn("dari Keterangan (H): “Semakin rendah semakin baik”", page)
        self.assertIn("dari Target (F): “≥ 60”", page)
        self.assertEqual(page.count("perf-preview-polarity-source"), 3)
