"""A step's text with its sub-steps on lines of their own ("Melakukan verifikasi awal:" then "a. mencatat
identitas pelapor;", "b. …" as paragraphs of the Word cell or lines of the Excel cell) keeps them a line each:
stored with its line breaks, shown so on the version page, the upload preview and the printed sheet. A
cell whose lines merely wrap (no item opens a line) stays one line, as before."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from kinerja.sop import actions
from kinerja.sop.importers import read_document
from kinerja.sop.renderers import sheet
from tests.base import KinerjaTestCase

from .test_import_word_layouts import ACTORS, STEPS, fill_steps

pytestmark = pytest.mark.usefixtures("english")

LETTERED = "Memeriksa kelengkapan berkas:\na. KTP pemohon;\nb. surat pengantar RT;\nc. bukti lunas PBB"
WRAPPED = "Membuat konsep surat keterangan\ndan menyampaikan kepada Camat"


def document(folder: Path) -> Path:
    d = docx.Document()
    for label, value in [("NOMOR SOP", "470/15/SOP/2024"), ("NAMA SOP", "PELAYANAN SURAT KETERANGAN USAHA")]:
        d.add_paragraph(f"{label}\t{value}")
    table = d.add_table(rows=2 + len(STEPS), cols=6 + len(ACTORS))
    fill_steps(table)
    cell = table.rows[3].cells[1]
    lines = LETTERED.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)
    cell = table.rows[4].cells[1]
    cell.text, _ = WRAPPED.split("\n")
    cell.add_paragraph(WRAPPED.split("\n")[1])
    path = folder / "sop.docx"
    d.save(str(path))
    return path


def test_lettered_sub_steps_keep_their_lines(tmp_path: Path) -> None:
    draft = read_document(document(tmp_path))
    assert draft.steps[1].activity == LETTERED
    assert draft.steps[2].activity == WRAPPED.replace("\n", " ")
    assert [s.actor for s in draft.steps] == [actor for _a, _t, actor in STEPS]


class SubStepPagesTestCase(KinerjaTestCase):
    def test_the_pages_and_the_sheet_print_a_sub_step_a_line(self) -> None:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            version = actions.import_sop(document(Path(folder)), office=self.office, user=None)
        self.client.force_login(self.staff)
        response = self.client.get(f"/sop/versions/{version.pk}/")
        self.assertContains(response, "Memeriksa kelengkapan berkas:<br>a. KTP pemohon;<br>b. surat pengantar RT;")
        html = sheet.render_html(version)
        self.assertIn("Memeriksa kelengkapan berkas:<br>a. KTP pemohon;<br>b. surat pengantar RT;", html)

    def test_sop_show_prints_a_sub_step_a_line(self) -> None:
        import io
        import tempfile

        from django.core.management import call_command

        with tempfile.TemporaryDirectory() as folder:
            version = actions.import_sop(document(Path(folder)), office=self.office, user=None)
        out = io.StringIO()
        call_command("sop", "show", str(version.pk), stdout=out)
        self.assertIn("Memeriksa kelengkapan berkas:\n      a. KTP pemohon;\n      b. surat pengantar RT;", out.getvalue())
