"""A document without the SOP AP procedure table is refused saying what kinerja reads (the form's columns) and
where kinerja shows that form: the “SOP sheet (PDF)” download of a stored SOP, which the upload page links
beside the refusal when the office has one. A plain list of numbered steps ("1. Sekretaris menerima surat …") is
told that its steps belong in the table's rows. It said only that no table with “No.” and “Uraian Prosedur” was
found."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from kinerja.sop import actions
from kinerja.sop.importers import SopImportError, read_document
from kinerja.sop.models import SopVersion
from tests.base import KinerjaTestCase

from .documents import SEED, write
from .pdfs import write_pdf

pytestmark = pytest.mark.usefixtures("english")

LISTED = ["SOP PENGUMPULAN DATA KINERJA", "",
          "1. Sekretaris menerima surat dari Kepala Dinas dan menyampaikan kepada Kasubbag",
          "2. Kasubbag menelaah dan memberi petunjuk kepada JFU untuk menyusun data kinerja",
          "3. JFU menyusun data kinerja dan melaporkan kepada Kasubbag"]
FORM = ("kinerja reads the SOP AP form (PermenPAN-RB 35/2012): a table with the columns No., Uraian Prosedur, "
        "Pelaksana (a column for each position, the step's symbol in its actor's column) and Mutu Baku (Kelengkapan, "
        "Waktu, Output), then Keterangan; one numbered step per row. The “SOP sheet (PDF)” download on the page of an "
        "SOP already stored in kinerja shows the form")
NUMBERED = ("It has numbered lines (“1. Sekretaris menerima surat dari Kepala Dinas dan …”) but no "
            "table: the steps of an SOP stand in the rows of its procedure table")
NO_TABLE = "this is not an SOP AP document: no procedure table with the columns “No.” and “Uraian Prosedur” was found"


def _docx(folder: Path, lines: list[str]) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path = folder / "sop.docx"
    document.save(str(path))
    return path


def _xlsx(folder: Path, lines: list[str]) -> Path:
    book = openpyxl.Workbook()
    for r, line in enumerate(lines, start=1):
        if line:
            book.active.cell(row=r, column=1, value=line)
    path = folder / "sop.xlsx"
    book.save(path)
    return path


WRITERS = {"txt": lambda folder, lines: write(folder, "\n".join(lines) + "\n"), "docx": _docx, "xlsx": _xlsx,
           "pdf": lambda folder, lines: write_pdf(folder, "<html><body>" + "".join(f"<p>{line}</p>" for line in lines)
                                                  + "</body></html>")}


@pytest.mark.parametrize("kind", list(WRITERS))
def test_a_numbered_list_of_steps_is_told_the_form_it_needs(tmp_path: Path, kind: str) -> None:
    with pytest.raises(SopImportError) as caught:
        read_document(WRITERS[kind](tmp_path, LISTED))
    assert caught.value.expected_form
    assert caught.value.problem == f"{NO_TABLE}. {NUMBERED}. {FORM}"
    assert str(caught.value).startswith(f"sop.{kind}")


@pytest.mark.parametrize("kind", list(WRITERS))
def test_a_document_of_other_text_is_told_the_form_without_numbered_lines(tmp_path: Path, kind: str) -> None:
    """A letter, or a legal basis numbered once ("1. Undang-Undang …" alone), has no list of steps to name."""
    lines = ["Surat undangan rapat koordinasi", "1. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"]
    with pytest.raises(SopImportError) as caught:
        read_document(WRITERS[kind](tmp_path, lines))
    assert caught.value.problem == f"{NO_TABLE}. {FORM}"


def test_the_refusal_in_indonesian(tmp_path: Path) -> None:
    with translation.override("id"), pytest.raises(SopImportError) as caught:
        read_document(WRITERS["txt"](tmp_path, LISTED))
    message = str(caught.value)
    assert "ini bukan dokumen SOP AP" in message
    assert "Dokumen ini berisi baris bernomor (“1. Sekretaris menerima surat" in message
    assert "Unduhan “Lembar SOP (PDF)” di halaman SOP yang sudah tersimpan di kinerja menunjukkan formatnya" in message


def test_a_broken_sop_table_is_no_form_refusal(tmp_path: Path) -> None:
    """A document in the form whose table has a fault names the fault, with no word of the form."""
    text = SEED.read_text().replace("\n2\tMenerima, menelaah", "\n3\tMenerima, menelaah")
    with pytest.raises(SopImportError) as caught:
        read_document(write(tmp_path, text))
    assert not caught.value.expected_form and "SOP AP form" not in str(caught.value)


class UploadPageTestCase(KinerjaTestCase):
    def post(self, lines: list[str]):  # type: ignore[no-untyped-def]
        self.client.force_login(self.subsection_head)
        document = SimpleUploadedFile("langkah.txt", ("\n".join(lines) + "\n").encode(), content_type="text/plain")
        return self.client.post(reverse("sop:upload"), {"document": document})

    def test_the_page_links_the_sheet_of_a_stored_sop(self) -> None:
        version = actions.import_sop(SEED, office=self.office, user=self.subsection_head)
        self.assertEqual(actions.form_example(self.office), version)
        response = self.post(LISTED)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "<h1>Unggah SOP</h1>", status_code=400)
        self.assertContains(response, "Dokumen ini berisi baris bernomor (“1. Sekretaris menerima surat", status_code=400)
        self.assertContains(response, "Format SOP AP, seperti dicetak dari SOP yang tersimpan di kinerja:",
                            status_code=400)
        link = reverse("sop_render:download", args=[version.pk, "pdf"])
        self.assertContains(response, f'<a href="{link}" download>Lembar SOP (PDF) “{version.name}”</a>',
                            status_code=400, html=True)
        self.assertEqual(self.client.get(link).status_code, 200)

    def test_an_office_without_sops_gets_the_message_alone(self) -> None:
        self.assertFalse(SopVersion.objects.filter(sop__office=self.office).exists())
        response = self.post(LISTED)
        self.assertEqual(response.status_code, 400)
        self.assertIsNone(response.context["example"])
        self.assertContains(response, "ini bukan dokumen SOP AP", status_code=400)
        self.assertNotContains(response, "seperti dicetak dari SOP yang tersimpan", status_code=400)

    def test_another_refusal_links_no_sheet(self) -> None:
        actions.import_sop(SEED, office=self.office, user=self.subsection_head)
        text = SEED.read_text().replace("\n2\tMenerima, menelaah", "\n3\tMenerima, menelaah")
        response = self.post(text.splitlines())
        self.assertEqual(response.status_code, 400)
        self.assertIsNone(response.context["example"])
