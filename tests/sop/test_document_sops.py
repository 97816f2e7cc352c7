"""A Word, text or PDF document holding several SOPs, one after another, each with its identity block and
procedure table (an office's collected SOPs): the user chooses the one to import, by its Nama SOP, its
Nomor SOP or its place, on the command line (--sop) and in the upload preview (as a workbook's sheets are
chosen); without a choice the import is refused naming them and how to choose."""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kinerja.sop.importers import SeveralSops, SopImportError, document_sops, parse_document, resolve_choice
from kinerja.sop.models import SopVersion
from tests.base import KinerjaTestCase

from .documents import sop_text
from .test_workbook_upload import WorkbookUploads

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Kasi", "Kepala Bidang"]
STEPS = [("Menerima berkas", "1 jam", "Kasi"), ("Memeriksa berkas", "1 hari", "Kepala Bidang")]
OTHER = [("Menerima permohonan", "30 menit", "Kasi"), ("Memverifikasi permohonan", "2 hari", "Kasi"),
         ("Menandatangani izin", "1 hari", "Kepala Bidang")]


def collected(folder: Path) -> Path:
    path = folder / "kumpulan-sop.txt"
    text = (sop_text(ACTORS, STEPS, name="PELAYANAN IZIN REKLAME", number="551/01/SOP/2025") + "\n"
            + sop_text(ACTORS, OTHER, name="PELAYANAN IZIN TRAYEK", number="551/02/SOP/2025")
            .replace("DINAS KOPERASI DAN UKM", "BIDANG ANGKUTAN"))
    path.write_text(text, encoding="utf-8")
    return path


def test_without_a_choice_it_is_refused_listing_them(tmp_path: Path) -> None:
    with pytest.raises(SeveralSops) as raised:
        parse_document(collected(tmp_path))
    assert not raised.value.in_sheets
    assert str(raised.value).endswith("1. “PELAYANAN IZIN REKLAME” (551/01/SOP/2025); 2. “PELAYANAN IZIN TRAYEK” "
                                      "(551/02/SOP/2025); choose the one to import")


@pytest.mark.parametrize("choice", ["2", "PELAYANAN IZIN TRAYEK", "pelayanan izin trayek.", "551/02/SOP/2025"])
def test_the_chosen_sop_is_read_with_its_own_header(tmp_path: Path, choice: str) -> None:
    draft = parse_document(collected(tmp_path), sheet=choice)
    assert (draft.name, draft.number) == ("PELAYANAN IZIN TRAYEK", "551/02/SOP/2025")
    assert [s.activity for s in draft.steps] == [a for a, _t, _m in OTHER]
    assert draft.lines == ["PEMERINTAH KOTA BANDAR LAMPUNG", "BIDANG ANGKUTAN"]
    assert not draft.problems


def test_the_first_reads_up_to_the_second(tmp_path: Path) -> None:
    draft = parse_document(collected(tmp_path), sheet="1")
    assert (draft.name, [s.activity for s in draft.steps]) == ("PELAYANAN IZIN REKLAME", [a for a, _t, _m in STEPS])
    assert draft.lines == ["PEMERINTAH KOTA BANDAR LAMPUNG", "DINAS KOPERASI DAN UKM"]


def test_a_choice_naming_none_is_refused_listing_them(tmp_path: Path) -> None:
    with pytest.raises(SopImportError, match="“3”\\)?$|names no SOP of the document") as raised:
        parse_document(collected(tmp_path), sheet="3")
    assert "Its SOPs: 1. “PELAYANAN IZIN REKLAME” (551/01/SOP/2025); 2. “PELAYANAN IZIN TRAYEK”" in str(raised.value)


def test_a_word_document_lists_its_sops(tmp_path: Path) -> None:
    document = docx.Document()
    for name, number, steps in (("PELAYANAN IZIN REKLAME", "551/01", STEPS), ("PELAYANAN IZIN TRAYEK", "551/02", OTHER)):
        document.add_paragraph("PEMERINTAH KOTA METRO")
        identity = document.add_table(rows=0, cols=2)
        for label, value in [("Nomor SOP", number), ("Tanggal Efektif", "2 Januari 2025"), ("Nama SOP", name)]:
            cells = identity.add_row().cells
            cells[0].text, cells[1].text = label, value
        table = document.add_table(rows=0, cols=7)
        for row in (["No", "Uraian Prosedur", *ACTORS, "Kelengkapan", "Waktu", "Output"],
                    *([str(i), a, "X" if m == "Kasi" else "", "X" if m != "Kasi" else "", "berkas", t, "hasil"]
                      for i, (a, t, m) in enumerate(steps, start=1))):
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    path = tmp_path / "sop-bidang.docx"
    document.save(str(path))
    assert [(s.place, s.sheet, s.number) for s in document_sops(path)] == [
        (1, "PELAYANAN IZIN REKLAME", "551/01"), (2, "PELAYANAN IZIN TRAYEK", "551/02")]
    assert resolve_choice(path, "551/02") == "PELAYANAN IZIN TRAYEK"
    draft = parse_document(path, sheet="PELAYANAN IZIN TRAYEK")
    assert (draft.number, draft.lines, len(draft.steps)) == ("551/02", ["PEMERINTAH KOTA METRO"], 3)


class CommandLineTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.path = collected(Path(self.enterContext(tempfile.TemporaryDirectory())))

    def run_import(self, *args: str) -> str:
        out = StringIO()
        call_command("sop", "import", str(self.path), "--office", self.office.code, *args, stdout=out, stderr=StringIO())
        return out.getvalue()

    def test_without_sop_it_says_how_to_choose(self) -> None:
        with self.assertRaisesMessage(CommandError, "choose the one to import. Choose it with --sop and its Nama SOP, "
                                                    "its Nomor SOP or its place, for example --sop 2 for the second."):
            self.run_import()
        self.assertFalse(SopVersion.objects.exists())

    def test_each_sop_is_imported_by_its_choice_once(self) -> None:
        self.assertIn("Imported “PELAYANAN IZIN TRAYEK” as version 1", self.run_import("--sop", "2"))
        self.assertIn("Imported “PELAYANAN IZIN REKLAME” as version 1", self.run_import("--sop", "551/01/SOP/2025"))
        self.assertEqual(SopVersion.objects.get(name="PELAYANAN IZIN TRAYEK").source_sheet, "PELAYANAN IZIN TRAYEK")
        with self.assertRaisesMessage(CommandError, "The SOP “PELAYANAN IZIN TRAYEK” of kumpulan-sop.txt is already "
                                                    "stored as version 1"):
            self.run_import("--sop", "pelayanan izin trayek")

    def test_dry_run_and_wrong_choices(self) -> None:
        self.assertIn("“PELAYANAN IZIN TRAYEK”, 3 steps (nothing stored)", self.run_import("--sop", "2", "--dry-run"))
        with self.assertRaisesMessage(CommandError, "names no SOP of the document"):
            self.run_import("--sop", "TRAYEK LAIN")
        with self.assertRaisesMessage(CommandError, "kumpulan-sop.txt is not an Excel workbook: it has no sheets"):
            self.run_import("--sheet", "2")
        self.assertFalse(SopVersion.objects.exists())


class UploadTestCase(WorkbookUploads, KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.path = collected(Path(self.enterContext(tempfile.TemporaryDirectory())))
        self.client.force_login(self.subsection_head)
        self.client.post("/language/", {"language": "en"})

    def test_the_upload_lists_the_sops_and_saves_each_in_turn(self) -> None:
        preview_url = self.upload("kumpulan-sop.txt")
        page = self.client.get(preview_url)
        self.assertContains(page, "kumpulan-sop.txt holds 2 SOPs, one after another")
        self.assertContains(page, "PELAYANAN IZIN TRAYEK")
        self.assertContains(page, "?sheet=PELAYANAN%20IZIN%20TRAYEK")
        self.assertNotContains(page, ">Sheet<")
        chosen = self.client.get(preview_url + "?sheet=PELAYANAN%20IZIN%20TRAYEK")
        self.assertContains(chosen, "SOP 2 of a document holding 2 SOPs.")
        self.assertContains(chosen, "Choose another SOP of the document")
        response = self.save(preview_url, "PELAYANAN IZIN TRAYEK")
        trayek = SopVersion.objects.get(name="PELAYANAN IZIN TRAYEK")
        self.assertEqual(response.status_code, 302)
        offer = self.client.get(response["Location"])
        self.assertContains(offer, "Check the next SOP: PELAYANAN IZIN REKLAME")
        self.assertContains(offer, "The document is still kept")
        self.save(preview_url, "PELAYANAN IZIN REKLAME")
        self.assertEqual(SopVersion.objects.count(), 2)
        self.assertEqual(trayek.steps.count(), 3)
        self.assertEqual(self.client.get(preview_url).status_code, 404)  # every SOP saved: the file is gone


@pytest.mark.parametrize("second_head", ["PEMERINTAH KOTA BANDAR LAMPUNG", "PEMERINTAH KOTA METRO"])
def test_the_signature_under_an_sop_is_no_letterhead_of_the_next(tmp_path: Path, second_head: str) -> None:
    footer = "Ditetapkan di Bandar Lampung\nKEPALA DINAS\nDRS. CONTOH NAMA\nNIP. 19700101 199003 1 001\n\n"
    text = (sop_text(ACTORS, STEPS, name="PELAYANAN IZIN REKLAME") + footer
            + sop_text(ACTORS, OTHER, name="PELAYANAN IZIN TRAYEK", number="551/02/SOP/2025")
            .replace("PEMERINTAH KOTA BANDAR LAMPUNG", second_head) + footer)
    path = tmp_path / "kumpulan.txt"
    path.write_text(text, encoding="utf-8")
    second = parse_document(path, sheet="2")
    assert second.lines == [second_head, "DINAS KOPERASI DAN UKM"]
    assert (second.approved_by_nip, len(second.steps)) == ("197504271993112001", 3)
    assert len(parse_document(path, sheet="1").steps) == 2
