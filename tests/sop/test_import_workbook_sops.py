"""A workbook holding several SOPs, one per sheet: the import lists them (sheet and SOP name), the user
picks one on the upload page or with --sheet on the command line, and that one imports as any other;
without a choice the command line refuses, listing them. A workbook of one SOP imports as before."""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from kinerja.sop.importers import SeveralSops, SopImportError, list_sops, parse_document
from kinerja.sop.models import Sop, SopVersion
from tests.base import KinerjaTestCase

from .documents import sop_text, sop_workbook

pytestmark = pytest.mark.usefixtures("english")

ARSIP = sop_text(["Kasubbag", "JFU"], [("Menerima berkas", "1 jam", "Kasubbag"), ("Mengarsipkan berkas", "2 jam", "JFU")],
                 name="PENGARSIPAN BERKAS", number="800/01/SOP/2025")
SURAT = sop_text(["Sekretaris", "Kasubbag", "JFU"], [("Mendisposisikan surat", "15 menit", "Sekretaris"),
                                                    ("Menelaah surat", "1 jam", "Kasubbag"),
                                                    ("Mencatat surat", "30 menit", "JFU")],
                 name="PENANGANAN SURAT MASUK", number="800/02/SOP/2025")


def workbook(folder: Path) -> Path:
    # A cover sheet without a procedure table is no SOP of its own.
    return sop_workbook(folder / "kumpulan-sop.xlsx", [("Sampul", "DAFTAR SOP\nDinas Koperasi dan UKM"),
                                                        ("Arsip", ARSIP), ("Surat Masuk", SURAT)])


def test_the_sops_of_a_workbook_are_listed_and_one_is_read_by_its_sheet(tmp_path: Path) -> None:
    path = workbook(tmp_path)
    assert list_sops(path) == [("Arsip", "PENGARSIPAN BERKAS"), ("Surat Masuk", "PENANGANAN SURAT MASUK")]
    with pytest.raises(SeveralSops) as caught:
        parse_document(path)
    assert "the workbook holds 2 SOPs, one per sheet: “Arsip” (PENGARSIPAN BERKAS); “Surat Masuk” " \
           "(PENANGANAN SURAT MASUK)" in str(caught.value)
    draft = parse_document(path, sheet="Surat Masuk")
    assert (draft.name, draft.actors) == ("PENANGANAN SURAT MASUK", ["Sekretaris", "Kasubbag", "JFU"])
    assert [s.activity for s in draft.steps] == ["Mendisposisikan surat", "Menelaah surat", "Mencatat surat"]
    assert parse_document(path, sheet="Arsip").name == "PENGARSIPAN BERKAS"
    with pytest.raises(SopImportError, match="no sheet of that name holding a procedure table .*“Arsip”, “Surat Masuk”"):
        parse_document(path, sheet="Sampul")


def test_a_workbook_of_one_sop_is_read_as_before(tmp_path: Path) -> None:
    path = sop_workbook(tmp_path / "satu.xlsx", [("Sampul", "DAFTAR SOP"), ("SOP", ARSIP)])
    assert list_sops(path) == []
    assert parse_document(path).name == "PENGARSIPAN BERKAS"
    assert parse_document(path, sheet="SOP").name == "PENGARSIPAN BERKAS"


class WorkbookCommandTestCase(KinerjaTestCase):
    def test_without_sheet_it_lists_them_and_with_one_it_imports_it(self) -> None:
        path = workbook(Path(tempfile.mkdtemp()))
        with self.assertRaises(CommandError) as caught:
            call_command("sop", "import", str(path), "--office", self.office.code, stdout=StringIO())
        message = str(caught.exception)
        self.assertIn("“Arsip” (PENGARSIPAN BERKAS); “Surat Masuk” (PENANGANAN SURAT MASUK)", message)
        self.assertIn("--sheet NAME", message)
        self.assertFalse(Sop.objects.exists())
        call_command("sop", "import", str(path), "--office", self.office.code, "--sheet", "Surat Masuk",
                     stdout=StringIO())
        version = SopVersion.objects.get()
        self.assertEqual((version.name, version.steps.count()), ("PENANGANAN SURAT MASUK", 3))


class WorkbookUploadTestCase(KinerjaTestCase):
    def test_the_user_picks_one_sop_of_the_workbook_and_saves_it(self) -> None:
        self.client.force_login(self.subsection_head)
        data = workbook(Path(tempfile.mkdtemp())).read_bytes()
        response = self.client.post("/sop/upload/", {"document": SimpleUploadedFile("kumpulan-sop.xlsx", data)})
        self.assertEqual(response.status_code, 302)
        preview_url = response["Location"]
        response = self.client.get(preview_url)
        self.assertContains(response, "PENGARSIPAN BERKAS")
        self.assertContains(response, "PENANGANAN SURAT MASUK")
        self.assertContains(response, f'href="{preview_url}?sheet=Surat%20Masuk"')
        response = self.client.get(preview_url + "?sheet=Surat%20Masuk")
        self.assertEqual([f.step.activity for f, _p in response.context["rows"]],
                         ["Mendisposisikan surat", "Menelaah surat", "Mencatat surat"])
        self.assertContains(response, "“Surat Masuk”")
        data = {}
        for form, _problems in response.context["rows"]:
            for name in form.fields:
                value = form.initial.get(name, "")
                data[f"{form.prefix}-{name}"] = "" if value is None else str(value)
        response = self.client.post(preview_url + "?sheet=Surat%20Masuk", {**data, "save": ""})
        version = SopVersion.objects.get()
        # Arsip is left: the saved version's page offers it from the same upload (test_workbook_upload.py).
        self.assertRedirects(response, f"/sop/versions/{version.pk}/?workbook={preview_url.split('/')[-2]}")
        self.assertEqual((version.name, version.steps.count()), ("PENANGANAN SURAT MASUK", 3))

    def test_an_unknown_sheet_shows_the_list_again_with_the_error(self) -> None:
        self.client.force_login(self.subsection_head)
        data = workbook(Path(tempfile.mkdtemp())).read_bytes()
        preview_url = self.client.post("/sop/upload/", {"document": SimpleUploadedFile("k.xlsx", data)})["Location"]
        response = self.client.get(preview_url + "?sheet=Sampul")
        self.assertContains(response, "PENANGANAN SURAT MASUK", status_code=400)
        self.assertContains(response, "Sampul", status_code=400)
        self.assertFalse(Sop.objects.exists())
