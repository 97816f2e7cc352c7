"""The import page of the Subbag Program: check first, every bad row listed, then import."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from kinerja.performance.models import Indicator
from tests.base import KinerjaTestCase
from tests.performance import office_books as books
from tests.performance.import_page import UploadMixin

HEAD = "Kode;Sasaran;Indikator;Satuan;Polaritas;Target;Realisasi;Bidang\n"
GOOD = "IK-01;Meningkatnya kualitas koperasi;Jumlah koperasi aktif;unit;Positif;1.725;1.650;Bidang Kelembagaan\n"
BAD = "IK-02;Meningkatnya kualitas koperasi;Persentase koperasi sehat;%;Sedang;65,5;abc;Bidang Kelembagaan\n"


class ImportPageTestCase(KinerjaTestCase):
    def upload(self, text: str, dry_run: bool) -> object:
        data = {"year": 2025, "file": SimpleUploadedFile("perf-data.csv", text.encode())}
        if dry_run:
            data["dry_run"] = "on"
        return self.client.post("/data/import/", data)

    def test_it_checks_then_imports(self) -> None:
        self.client.force_login(self.staff)
        self.assertContains(self.upload(HEAD + GOOD, dry_run=True), "1")
        self.assertFalse(Indicator.objects.exists())
        self.upload(HEAD + GOOD, dry_run=False)
        self.assertEqual(Indicator.objects.get().office, self.office)

    def test_the_preview_labels_each_cell_for_a_phone(self) -> None:
        # At 390 px each preview row is a card whose cells carry their column's name (performance.css,
        # .perf-preview): eight columns side by side scrolled sideways.
        self.client.force_login(self.staff)
        page = self.upload(HEAD + GOOD, dry_run=True).content.decode()
        row = page[page.index('<table class="data perf-preview">'):page.index("</table>")]
        row = row[row.index("<tbody>"):]
        for label in ("Baris", "Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi"):
            self.assertIn(f'data-label="{label}"', row)
        css = (Path(__file__).parents[2] / "src/kinerja/performance/static/performance/performance.css").read_text()
        self.assertIn(".perf-preview td[data-label]::before", css)

    def test_it_lists_every_bad_row_and_saves_nothing(self) -> None:
        self.client.force_login(self.staff)
        response = self.upload(HEAD + GOOD + BAD, dry_run=False)
        self.assertContains(response, "perf-data.csv", status_code=400)
        self.assertContains(response, "Polaritas", status_code=400)
        self.assertContains(response, "Realisasi", status_code=400)
        self.assertContains(response, "&quot;abc&quot;", status_code=400)
        self.assertFalse(Indicator.objects.exists())

    def test_only_the_subbag_imports(self) -> None:
        self.client.force_login(self.contacts[0])
        self.assertEqual(self.client.get("/data/import/").status_code, 403)

    def test_the_template_downloads(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.get("/data/template.xlsx")
        self.assertTrue(response.content.startswith(b"PK"))

    def test_it_names_the_indicators_taken_as_positive(self) -> None:
        self.client.force_login(self.staff)
        text = "Sasaran;Indikator;Satuan;Target\nMenurunnya kemiskinan;Angka kemiskinan;%;9\n"
        response = self.upload(text, dry_run=True)
        self.assertContains(response, '<ul class="perf-assumed"><li>Angka kemiskinan <strong>(kemungkinan Negatif: '
                                      '“kemiskinan”)</strong></li></ul>', html=False)


class ImportSheetsPageTestCase(UploadMixin, KinerjaTestCase):
    """A workbook another office brings: the page asks for the sheet, keeps the file between the steps and
    shows what it did not read and the Capaian it computes otherwise."""

    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="perf-page-"))
        self.client.force_login(self.staff)

    def test_it_asks_for_the_sheet_keeps_the_file_and_imports_the_sheet_chosen(self) -> None:
        response = self.upload(books.per_division(self.dir / "realisasi.xlsx"), dry_run="on")
        self.assertContains(response, 'class="card perf-choose"')
        self.assertContains(response, '<option value="Kelembagaan">Kelembagaan</option>', html=True)
        self.assertContains(response, '<option value="UMKM">UMKM</option>', html=True)
        self.assertFalse(Indicator.objects.exists())
        token = response.context["form"]["upload"].value()
        folder = Path(default_storage.path(f"performance-import-pending/{token}"))
        self.assertTrue((folder / "realisasi.xlsx").exists())

        # The file is not sent again: the token names it, for this session only.
        response = self.client.post("/data/import/", {"year": 2025, "upload": token, "sheet": "UMKM", "dry_run": "on"})
        self.assertEqual(response.context["summary"].sheet, "UMKM")
        self.assertContains(response, 'class="perf-import-now"')
        self.assertFalse(Indicator.objects.exists())
        other = self.client_class()
        other.force_login(self.staff2)
        response = other.post("/data/import/", {"year": 2025, "upload": token, "sheet": "UMKM"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Indicator.objects.exists())

        response = self.client.post("/data/import/", {"year": 2025, "upload": token, "sheet": "UMKM"})  # "Import now"
        self.assertEqual(response.status_code, 200)
        self.assertEqual(sorted(Indicator.objects.values_list("code", flat=True)), ["IK-05", "IK-06"])
        self.assertFalse(folder.exists())  # imported: the kept file is gone

    def test_an_unknown_sheet_lists_the_sheets_and_saves_nothing(self) -> None:
        token = self.upload(books.per_division(self.dir / "realisasi.xlsx")).context["form"]["upload"].value()
        response = self.client.post("/data/import/", {"year": 2025, "upload": token, "sheet": "Keuangan"})
        self.assertContains(response, "Keuangan", status_code=400)
        self.assertContains(response, "Kelembagaan, UMKM", status_code=400)
        self.assertFalse(Indicator.objects.exists())

    def test_it_shows_the_capaian_it_computes_otherwise_and_the_rows_it_did_not_read(self) -> None:
        response = self.upload(books.pengukuran_kinerja(self.dir / "pengukuran.xlsx"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Indicator.objects.filter(office=self.office).count(), 5)  # a warning does not stop it
        self.assertContains(response, 'class="card perf-warnings"')
        self.assertContains(response, "pengukuran.xlsx, lembar Pengukuran Kinerja, baris 9, kolom % Capaian (H)")
        self.assertContains(response, "100,00%")
        self.assertContains(response, "120,00%")
        self.assertEqual(response.context["summary"].hidden_rows, [10])
        self.assertNotContains(response, 'class="perf-import-now"')  # imported, nothing left to import

    def test_it_lists_the_values_to_check(self) -> None:
        path = self.dir / "pk-perubahan.xlsx"
        book = Workbook()
        book.active.title = "PK"
        book.active.append(["Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Target Perubahan", "Realisasi"])
        book.active.append(["Meningkatnya koperasi sehat", "Persentase koperasi sehat", "%", "", "≥ 80", "≥ 82", 850])
        book.active.append(["Meningkatnya koperasi sehat", "Waktu pelayanan izin", "hari", "Positif", "paling lama 3 hari",
                            None, 2])
        book.save(path)
        response = self.upload(path, dry_run="on")
        self.assertContains(response, 'class="card perf-warnings perf-cell-warnings"')
        self.assertContains(response, "<h2>Nilai yang perlu diperiksa</h2>", html=True)
        self.assertContains(response, "pk-perubahan.xlsx, lembar PK, baris 1, kolom Target Perubahan (F): target "
                                      "perubahan diimpor sebagai target (Target Perubahan (F), bukan Target (E))")
        self.assertContains(response, "pk-perubahan.xlsx, lembar PK, baris 2, kolom Realisasi (G): 850 lebih dari 100 "
                                      "untuk satuan %")
        self.assertContains(response, "pk-perubahan.xlsx, lembar PK, baris 3, kolom Polaritas (D): kolom ini berisi "
                                      "&quot;Positif&quot;, tetapi &quot;paling lama 3 hari&quot; di kolom Target (E) "
                                      "berarti Negatif (makin rendah makin baik)")
        self.assertContains(response, "pk-perubahan.xlsx, lembar PK, baris 2, kolom Realisasi (G): 850 jauh dari target "
                                      "82 %")
        self.assertEqual(len(response.context["summary"].warnings), 4)
        self.assertFalse(Indicator.objects.exists())  # checked only

    def test_it_warns_when_the_file_turns_an_indicators_polarity_around(self) -> None:
        path = self.dir / "pk.xlsx"
        book = Workbook()
        book.active.title = "PK"
        book.active.append(["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target"])
        book.active.append(["IK-01", "Meningkatnya koperasi sehat", "Angka kredit macet", "%", "Positif", 5])
        book.save(path)
        self.upload(path)
        book.active["E2"] = "Minimal"
        book.save(path)
        response = self.upload(path, dry_run="on")
        self.assertContains(response, 'class="card perf-warnings perf-cell-warnings"')
        self.assertContains(response, "pk.xlsx, lembar PK, baris 2, kolom Polaritas (E): polaritas indikator IK-01 "
                                      "Angka kredit macet berubah dari Positif (makin tinggi makin baik) menjadi "
                                      "Negatif (makin rendah makin baik)")
        self.assertEqual(Indicator.objects.get(office=self.office).polarity, "higher_is_better")  # checked only
