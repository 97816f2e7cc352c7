"""A Kelengkapan (inputs) or Output cell written as a list (separate paragraphs of a Word cell, line breaks
of an Excel cell, "•", "-" or "1." before each item) is kept as a list: stored an item a line without its
bullet, shown as a list on the version page, a line each in the upload preview's form and the printed
sheet. A cell of one line is one line, unless it writes a list on one line ("• A • B", test_inline_lists.py)."""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template

from kinerja.sop import actions
from kinerja.sop.importers import read_document
from kinerja.sop.importers.values import list_text
from kinerja.sop.models import SopVersion
from kinerja.sop.renderers import bpmn, sheet
from tests.base import KinerjaTestCase

from .documents import sop_text, write
from .test_import_word_layouts import ACTORS, STEPS, add_identity, dasar_hukum, fill_steps

KTP = "Formulir permohonan\nFotokopi KTP\nPas foto 3x4"


def word_sop(path: Path) -> Path:
    """The SOP of test_import_word_layouts with lists in some Kelengkapan and Output cells."""
    document = docx.Document()
    add_identity(document, blocks=[dasar_hukum(), ""])
    table = document.add_table(rows=2 + len(STEPS), cols=6 + len(ACTORS))
    fill_steps(table)
    n = len(ACTORS)
    inputs = table.cell(2, 2 + n)  # step 1: a paragraph per item, an empty one among them
    inputs.text = "Formulir permohonan"
    for text in ("Fotokopi KTP", "", "Pas foto 3x4"):
        inputs.add_paragraph(text)
    table.cell(3, 2 + n).text = "• Berkas permohonan\n• Lembar kendali"  # step 2: line breaks, bullets
    table.cell(3, 4 + n).text = "1. Tanda terima\n2. Register berkas"
    table.cell(5, 4 + n).text = "• Surat keterangan • Arsip"  # step 4: a list on one line (values.inline_items)
    document.save(str(path))
    return path


def test_a_word_cell_of_several_paragraphs_or_lines_is_a_list(tmp_path: Path) -> None:
    steps = read_document(word_sop(tmp_path / "daftar.docx")).steps
    assert steps[0].inputs == KTP
    assert (steps[1].inputs, steps[1].output) == ("Berkas permohonan\nLembar kendali", "Tanda terima\nRegister berkas")
    assert (steps[2].inputs, steps[2].output) == ("berkas", "hasil 3")
    assert steps[3].output == "Surat keterangan\nArsip"


def test_an_excel_cell_with_line_breaks_is_a_list(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet_ = workbook.active
    for line in sop_text(ACTORS, [(a, t, actor) for a, t, actor in STEPS]).splitlines():
        sheet_.append(line.split("\t"))
    first = next(row for row in sheet_.iter_rows() if row[0].value == "1")
    n = len(ACTORS)
    first[2 + n].value = "KTP\nKartu Keluarga"  # Alt+Enter in the cell
    first[4 + n].value = "1) Tanda terima\n2) Kartu kendali"
    first[5 + n].value = "Dicatat\ndi register"  # Ket. keeps its lines too (test_import_note_lines.py)
    path = tmp_path / "daftar.xlsx"
    workbook.save(str(path))
    step = read_document(path).steps[0]
    assert (step.inputs, step.output, step.note) == ("KTP\nKartu Keluarga", "Tanda terima\nKartu kendali",
                                                     "Dicatat\ndi register")
    assert read_document(path).steps[1].inputs == "berkas"


def test_a_text_row_under_a_step_adds_an_item_when_it_starts_with_a_bullet(tmp_path: Path) -> None:
    lines = sop_text(ACTORS, [(a, t, actor) for a, t, actor in STEPS]).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("1\t"))
    n = len(ACTORS)
    cells = lines[at].split("\t")
    cells[2 + n] = "- KTP"
    lines[at] = "\t".join(cells)
    more = [""] * len(cells)
    more[2 + n], more[4 + n] = "- Kartu Keluarga", "lengkap"
    lines.insert(at + 1, "\t".join(more))
    step = read_document(write(tmp_path, "\n".join(lines))).steps[0]
    assert (step.inputs, step.output) == ("KTP\nKartu Keluarga", "hasil 1 lengkap")


def test_a_pdf_s_wrapped_lines_are_one_item_unless_a_bullet_starts_them() -> None:
    assert list_text("Surat permohonan yang\nditandatangani", line_breaks=False) == "Surat permohonan yang ditandatangani"
    assert list_text("• Surat permohonan yang\nditandatangani\n• KTP", line_breaks=False) == (
        "Surat permohonan yang ditandatangani\nKTP")
    assert list_text("• KTP", line_breaks=False) == list_text("  • KTP ") == "• KTP"


class ListPagesTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.path = word_sop(Path(folder.name) / "daftar.docx")

    def test_the_version_page_shows_a_list_and_a_line_as_it_is(self) -> None:
        version = actions.import_sop(self.path, office=self.office, user=None)
        self.assertEqual(version.steps.get(number=1).inputs, KTP)
        # One line that is no list shows as it is (a list stored on one line earlier: migration 0009).
        version.steps.filter(number=3).update(inputs="• KTP <asli>")
        self.client.force_login(self.staff)
        page = self.client.get(f"/sop/versions/{version.pk}/")
        self.assertContains(page, '<ul class="sop-items"><li>Formulir permohonan</li><li>Fotokopi KTP</li>'
                                  "<li>Pas foto 3x4</li></ul>", html=True)
        self.assertContains(page, "<li>Tanda terima</li>")
        self.assertContains(page, "<li>Surat keterangan</li>")
        self.assertContains(page, "• KTP &lt;asli&gt;")

    def test_the_preview_keeps_an_item_a_line_and_stores_what_is_typed_as_a_list(self) -> None:
        self.client.force_login(self.subsection_head)
        self.client.post("/language/", {"language": "en"})
        response = self.client.post("/sop/upload/", {"document": SimpleUploadedFile(
            "daftar.docx", self.path.read_bytes())})
        preview_url = response["Location"]
        page = self.client.get(preview_url)
        self.assertContains(page, f'rows="3" class="sop-text" id="id_step-1-inputs">\n{KTP}</textarea>')
        self.assertContains(page, "Inputs (Kelengkapan) <span class=\"sop-list-size\">(3 items, one per line)</span>")
        self.assertContains(page, "one per line)", count=4)  # step 1's inputs, step 2's inputs and output, step 4's output
        data = {}
        for form, _problems in page.context["rows"]:
            for name in form.fields:
                value = form.initial.get(name, "")
                data[f"{form.prefix}-{name}"] = "" if value is None else str(value)
        # A browser sends a textarea's lines ending in CR LF; the user typed bullets of their own.
        data.update({"step-2-output": "• Tanda terima\r\n\r\n• Register berkas\r\n• Arsip\r\n",
                     "step-3-output": "  hasil 3 ", "step-4-output": "• Surat keterangan • Arsip ", "save": ""})
        self.client.post(preview_url, data)
        steps = {s.number: s for s in SopVersion.objects.get().steps.all()}
        self.assertEqual(steps[1].inputs, KTP)
        self.assertEqual(steps[2].output, "Tanda terima\nRegister berkas\nArsip")
        self.assertEqual(steps[3].output, "hasil 3")
        self.assertEqual(steps[4].output, "Surat keterangan\nArsip")  # a list typed on one line

    def test_the_sheet_and_bpmn_print_an_item_a_line(self) -> None:
        version = actions.import_sop(self.path, office=self.office, user=None)
        html = sheet.render_html(version)
        self.assertIn("• Formulir permohonan<br>• Fotokopi KTP<br>• Pas foto 3x4", html)
        self.assertIn("• Surat keterangan<br>• Arsip", html)
        rows = {row.number: row for page in sheet.sheet_context(version)["pages"] for row in page.rows}
        one_line = rows[3].height
        self.assertGreater(rows[1].height, one_line)  # three lines: a taller row
        root = ET.fromstring(bpmn.render_bpmn(version))
        texts = [e.text for e in root.iter("{http://www.omg.org/spec/BPMN/20100524/MODEL}documentation")]
        self.assertIn("Kelengkapan:\n• Formulir permohonan\n• Fotokopi KTP\n• Pas foto 3x4", texts[0])
        self.assertIn("Output:\n• Surat keterangan\n• Arsip", "\n".join(t or "" for t in texts))


@pytest.mark.parametrize(("text", "html"), [
    ("", ""), ("KTP", "KTP"), ("• KTP • <KK>", "• KTP • &lt;KK&gt;"),
    ("KTP\n<KK>", '<ul class="sop-items"><li>KTP</li><li>&lt;KK&gt;</li></ul>'),
])
def test_the_items_filter(text: str, html: str) -> None:
    assert Template("{% load sop_lists %}{{ text|items }}").render(Context({"text": text})) == html

