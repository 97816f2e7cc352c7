"""The identity block written in text boxes: Word users often lay out the first page of an SOP with
floating text boxes (Nomor SOP, the dates, Disahkan oleh, Nama SOP in one, each paired block in another)
anchored in a paragraph above the procedure table. Their text is the document's header, read as if it
were paragraphs; a text box that is no part of the identity block (a flowchart's label) stays out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import parse_xml

from kinerja.sop.importers import read_document

from .test_import_word_layouts import ACTORS, STEPS, fill_steps

pytestmark = pytest.mark.usefixtures("english")

_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
       'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
       'xmlns:v="urn:schemas-microsoft-com:vml"')


def add_text_box(paragraph, lines: list[str], number: int, *, vml_only: bool = False) -> None:  # type: ignore[no-untyped-def]
    """A floating text box holding `lines`, as Word saves it: the DrawingML shape with its VML copy as the
    fallback (the same text twice in the file), or the VML shape alone (older Word)."""
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>' for line in lines)
    vml = f"<w:pict><v:shape><v:textbox><w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict>"
    if vml_only:
        paragraph._p.append(parse_xml(f"<w:r {_NS}>{vml}</w:r>"))
        return
    paragraph._p.append(parse_xml(
        f'<w:r {_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{number}" behindDoc="0" '
        f'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{number * 700000}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="9000000" cy="600000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{number}" name="Text Box {number}"/><wp:cNvGraphicFramePr/><a:graphic>'
        f'<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        f'<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="9000000" cy="600000"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>{body}'
        f'</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
        f'</mc:Choice><mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>'))


IDENTITY = ["Nomor SOP : 470/15/SOP/2024", "Tanggal Pembuatan : 8 Februari 2024", "Tanggal Revisi : -",
            "Tanggal Efektif : 1 Maret 2024", "Nama SOP : PELAYANAN SURAT KETERANGAN USAHA"]
BLOCKS = [["DASAR HUKUM :", "1. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
           "2. Peraturan Wali Kota Nomor 12 Tahun 2020;"],
          ["PERALATAN/PERLENGKAPAN :", "1. Komputer;", "2. Stempel;"]]


def document(tmp_path: Path, *, vml_only: bool = False, label: str = "") -> Path:
    d = docx.Document()
    d.add_paragraph("PEMERINTAH KOTA BANDAR LAMPUNG")
    d.add_paragraph("KECAMATAN KEDATON")
    anchor = d.add_paragraph()
    for number, lines in enumerate([IDENTITY, *BLOCKS], start=1):
        add_text_box(anchor, lines, number, vml_only=vml_only)
    if label:  # a flowchart's label floating above the table, no part of the identity block
        add_text_box(anchor, [label], 9, vml_only=vml_only)
    fill_steps(d.add_table(rows=2 + len(STEPS), cols=6 + len(ACTORS)))
    path = tmp_path / "sop.docx"
    d.save(str(path))
    return path


@pytest.mark.parametrize("vml_only", [False, True])
def test_the_identity_block_in_text_boxes_is_read(tmp_path: Path, vml_only: bool) -> None:
    draft = read_document(document(tmp_path, vml_only=vml_only))
    assert (draft.name, draft.number) == ("PELAYANAN SURAT KETERANGAN USAHA", "470/15/SOP/2024")
    assert (draft.created_on, draft.revised_on, draft.effective_on) == (dt.date(2024, 2, 8), None, dt.date(2024, 3, 1))
    assert draft.blocks["legal_basis"] == ["Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
                                           "Peraturan Wali Kota Nomor 12 Tahun 2020;"]
    assert draft.blocks["equipment"] == ["Komputer;", "Stempel;"]  # each item once: the VML copy is not read again
    assert draft.lines == ["PEMERINTAH KOTA BANDAR LAMPUNG", "KECAMATAN KEDATON"]
    assert [s.actor for s in draft.steps] == [actor for _a, _t, actor in STEPS]


def test_a_text_box_that_is_no_identity_field_is_left_out(tmp_path: Path) -> None:
    draft = read_document(document(tmp_path, label="Tidak"))
    assert draft.lines == ["PEMERINTAH KOTA BANDAR LAMPUNG", "KECAMATAN KEDATON"]
    assert draft.name == "PELAYANAN SURAT KETERANGAN USAHA"


@pytest.mark.parametrize("vml_only", [False, True])
def test_text_boxes_on_the_page_before_the_table_are_not_its_flowchart(tmp_path: Path, vml_only: bool) -> None:
    """The identity page portrait, then a section break and the procedure table in a landscape section:
    the text boxes anchored in the paragraph just before the break stand on the first page, so none of
    them is a symbol over the table's rows (read so, "DASAR HUKUM …" marked a second actor of step 1)."""
    d = docx.Document()
    d.add_paragraph("KECAMATAN KEDATON")
    anchor = d.add_paragraph()
    for number, lines in enumerate([IDENTITY, *BLOCKS, ["KUALIFIKASI PELAKSANA :", "1. Teliti;"]], start=1):
        add_text_box(anchor, lines, number, vml_only=vml_only)
    section = d.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    fill_steps(d.add_table(rows=2 + len(STEPS), cols=6 + len(ACTORS)))
    path = tmp_path / "sop.docx"
    d.save(str(path))
    draft = read_document(path)
    assert [s.actor for s in draft.steps] == [actor for _a, _t, actor in STEPS]
    assert draft.blocks["qualifications"] == ["Teliti;"]
    assert not draft.warnings
