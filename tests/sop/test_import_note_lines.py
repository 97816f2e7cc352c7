"""A Keterangan (note) cell of several lines keeps them: the author wrote "Tidak: kembali ke langkah 2" over
"Ya: diteruskan ke Camat" as two paragraphs of a Word cell (or two lines of an Excel cell), and the version
page and the printed sheet show two lines, not one run-on line. A PDF's lines only wrap, so there they
are joined as a step's text is."""

from __future__ import annotations

import tempfile
from pathlib import Path

import docx

from kinerja.sop import actions
from kinerja.sop.importers import read_document
from kinerja.sop.importers.table import note_text
from kinerja.sop.renderers import sheet
from tests.base import KinerjaTestCase

from .test_import_word_layouts import ACTORS, STEPS, add_identity, dasar_hukum, fill_steps

NOTE = "Tidak: kembali ke langkah 2\nYa: diteruskan ke Camat"


def word_sop(path: Path) -> Path:
    document = docx.Document()
    add_identity(document, blocks=[dasar_hukum(), ""])
    table = document.add_table(rows=2 + len(STEPS), cols=6 + len(ACTORS))
    fill_steps(table)
    note = table.cell(4, 5 + len(ACTORS))  # step 3's Ket.: a paragraph a line, an empty one between
    note.text = "Tidak:  kembali ke langkah 2"
    for text in ("", "Ya: diteruskan ke Camat"):
        note.add_paragraph(text)
    document.save(str(path))
    return path


def test_a_word_note_of_several_paragraphs_keeps_its_lines(tmp_path: Path) -> None:
    draft = read_document(word_sop(tmp_path / "ket.docx"))
    step = draft.steps[2]
    assert step.note == NOTE
    assert step.returns_to == [2]  # still read from the note's first line


def test_a_pdf_s_wrapped_note_is_one_line_unless_an_item_starts_a_line() -> None:
    assert note_text("Dicatat dalam\nbuku register", line_breaks=False) == "Dicatat dalam buku register"
    assert note_text("Dicatat dalam\nbuku register") == "Dicatat dalam\nbuku register"
    assert note_text("- Dicatat\n- Diarsipkan", line_breaks=False) == "- Dicatat\n- Diarsipkan"


class NotePagesTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.version = actions.import_sop(word_sop(Path(folder.name) / "ket.docx"), office=self.office, user=None)

    def test_the_version_page_shows_the_note_s_lines(self) -> None:
        self.assertEqual(self.version.steps.get(number=3).note, NOTE)
        self.client.force_login(self.staff)
        page = self.client.get(f"/sop/versions/{self.version.pk}/")
        self.assertContains(page, "Tidak: kembali ke langkah 2<br>Ya: diteruskan ke Camat")

    def test_the_sheet_prints_the_note_s_lines(self) -> None:
        html = sheet.render_html(self.version)
        self.assertIn("Tidak: kembali ke langkah 2<br>Ya: diteruskan ke Camat", html)
        rows = {row.number: row for page in sheet.sheet_context(self.version)["pages"] for row in page.rows}
        self.assertEqual(rows[3].note, NOTE)

    def test_a_word_wider_than_the_ket_column_breaks_inside_the_sheet(self) -> None:
        from tests.pdf_layout import pages

        # "diteruskan" is wider than the Ket. column: it ran past the table's right edge (where the footer's
        # "Halaman 2 dari 2" ends), clipped out of sight.
        page = pages(sheet.render_pdf(self.version))[-1]
        edge = max(w.x1 for w in page.words if w.y0 > page.height * 0.9)
        note = [w for w in page.words if w.x0 > edge - 50 and w.y0 < page.height * 0.9 and w.text != "Ket."]
        self.assertIn("Tidak:", [w.text for w in note])
        self.assertEqual([w.text for w in note if w.x1 > edge + 0.5], [])
