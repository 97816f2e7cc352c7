"""The comparison of two versions of an SOP lists the changes of its identity block (Nomor, the dates, Disahkan
oleh, Dasar Hukum, Keterkaitan, Peralatan, Peringatan, Pencatatan …) besides the steps': on the comparison
page, in the upload preview and in what `kinerja sop import` prints after importing a new version."""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from kinerja.sop import actions
from kinerja.sop.models import SopVersion
from tests.base import KinerjaTestCase

from .documents import SEED

pytestmark = pytest.mark.usefixtures("english")


def revised_text() -> str:
    return (SEED.read_text()
            .replace("TANGGAL REVISI\t-", "TANGGAL REVISI\t3 Maret 2025")
            .replace("TANGGAL EFEKTIF\t1 Februari 2023", "TANGGAL EFEKTIF\t1 April 2025")
            .replace("RIANA AFRIANA, AP.MM NIP. 19750427 199311 2 001", "BUDI SANTOSO, S.E. NIP. 19800101 200501 1 002")
            .replace("5. Printer", "5. Printer 6. Pemindai")
            .replace("3. SOP Penyusunan DPA", ""))


class CompareIdentityTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.revised = Path(tempfile.mkdtemp()) / "revisi.txt"
        self.revised.write_text(revised_text())

    def import_both(self) -> tuple[SopVersion, SopVersion, str]:
        out = StringIO()
        call_command("sop", "import", str(SEED), "--office", self.office.code, stdout=StringIO())
        call_command("sop", "import", str(self.revised), "--office", self.office.code, stdout=out)
        return SopVersion.objects.get(version=1), SopVersion.objects.get(version=2), out.getvalue()

    def test_the_comparison_lists_the_identity_block_s_changes(self) -> None:
        old, new, _out = self.import_both()
        changes = {c.title: c for c in actions.compare_versions(old, new).identity}
        self.assertEqual(sorted(changes), ["Disahkan oleh", "Keterkaitan", "Peralatan/Perlengkapan",
                                           "Tanggal Efektif", "Tanggal Revisi"])
        self.assertEqual((changes["Tanggal Revisi"].old, changes["Tanggal Revisi"].new), ("", "3 March 2025"))
        self.assertEqual(changes["Tanggal Efektif"].new, "1 April 2025")
        self.assertIn("RIANA AFRIANA, AP.MM, NIP 19750427 199311 2 001", changes["Disahkan oleh"].old)
        self.assertIn("BUDI SANTOSO, S.E., NIP 19800101 200501 1 002", changes["Disahkan oleh"].new)
        self.assertEqual((changes["Peralatan/Perlengkapan"].removed, changes["Peralatan/Perlengkapan"].added),
                         ((), ("Pemindai",)))
        self.assertEqual(changes["Keterkaitan"].removed, ("SOP Penyusunan DPA",))
        self.assertEqual(actions.compare_versions(old, old).is_empty, True)

    def test_the_import_prints_them(self) -> None:
        _old, _new, out = self.import_both()
        self.assertIn("Changes since version 1:", out)
        self.assertIn("  ~ Tanggal Revisi: - → 3 March 2025", out)
        self.assertIn("  + Peralatan/Perlengkapan: Pemindai", out)
        self.assertIn("  - Keterkaitan: SOP Penyusunan DPA", out)

    def test_the_comparison_page_shows_them(self) -> None:
        _old, new, _out = self.import_both()
        self.client.force_login(self.subsection_head)
        response = self.client.get(f"/sop/versions/{new.pk}/compare/")
        # The page is in Indonesian; the form's headings are the document's own words.
        self.assertContains(response, "Blok identitas")
        self.assertContains(response, "<del>1 Februari 2023</del> → <ins>1 April 2025</ins>")
        self.assertContains(response, '<ins><span aria-hidden="true">+</span><span class="sr">ditambahkan:</span> '
                                      "Pemindai</ins>")
        self.assertContains(response, "BUDI SANTOSO")
        self.assertContains(response, "Tidak ada langkah yang berubah.")

    def test_the_upload_preview_shows_them(self) -> None:
        call_command("sop", "import", str(SEED), "--office", self.office.code, stdout=StringIO())
        self.client.force_login(self.subsection_head)
        response = self.client.post("/sop/upload/", {"document": SimpleUploadedFile("revisi.txt",
                                                                                   revised_text().encode())})
        response = self.client.get(response["Location"])
        self.assertContains(response, "Blok identitas")
        self.assertContains(response, "Pemindai</ins>")
        self.assertContains(response, "SOP Penyusunan DPA</del>")
