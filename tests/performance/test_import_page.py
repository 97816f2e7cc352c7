"""The import page of the Subbag Program: check first, every bad row listed, then import."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.performance.models import Indicator
from tests.base import KinerjaTestCase

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
        self.assertContains(response, '<ul class="perf-assumed"><li>Angka kemiskinan</li></ul>', html=False)
