"""Word and Excel layouts the importer once missed: the step table nested in a cell of an outer layout
table (the letterhead built as a table), and identity cells holding a block's label and its items
together ("Dasar Hukum:" with the laws on the lines below)."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from kinerja.sop.importers import SopImportError, read_document

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Pemohon", "Petugas Loket", "Kasi Pelayanan", "Camat"]
STEPS = [("Menyerahkan berkas permohonan", "10 menit", "Pemohon"),
         ("Memeriksa kelengkapan berkas", "15 menit", "Petugas Loket"),
         ("Membuat konsep surat keterangan", "30 menit", "Kasi Pelayanan"),
         ("Menandatangani surat keterangan", "1 hari", "Camat")]
LAWS = ["Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik", "Peraturan Wali Kota Nomor 12 Tahun 2020"]
SKILLS = ["Memahami tugas pokok dan fungsi", "Teliti dan cermat"]


def fill_steps(table) -> None:  # type: ignore[no-untyped-def]
    """The SOP AP procedure table: two header rows, then one row per step with "X" in its actor's column."""
    n = len(ACTORS)
    header, sub = table.rows[0].cells, table.rows[1].cells
    header[0].text, header[1].text = "No.", "Uraian Prosedur"
    header[2].merge(header[1 + n]).text = "Pelaksana"
    header[2 + n].merge(header[4 + n]).text = "Mutu Baku"
    header[5 + n].text = "Ket."
    for i, actor in enumerate(ACTORS):
        sub[2 + i].text = actor
    for i, label in enumerate(["Kelengkapan", "Waktu", "Output"]):
        sub[2 + n + i].text = label
    for number, (activity, time, actor) in enumerate(STEPS, start=1):
        cells = table.rows[1 + number].cells
        cells[0].text, cells[1].text = str(number), activity
        cells[2 + ACTORS.index(actor)].text = "X"
        cells[2 + n].text, cells[3 + n].text, cells[4 + n].text = "berkas", time, f"hasil {number}"


def add_identity(container, *, blocks: list[str]) -> None:  # type: ignore[no-untyped-def]
    """The identity rows, then one row whose cells hold a block's label and its items each."""
    identity = container.add_table(rows=0, cols=2)
    for label, value in [("NOMOR SOP", "470/15/SOP/2024"), ("TANGGAL EFEKTIF", "2 Januari 2025"),
                         ("NAMA SOP", "PELAYANAN SURAT KETERANGAN USAHA")]:
        cells = identity.add_row().cells
        cells[0].text, cells[1].text = label, value
    cells = identity.add_row().cells
    cells[0].text, cells[1].text = blocks


def dasar_hukum() -> str:
    return "Dasar Hukum:\n" + "\n".join(f"{n}. {law}" for n, law in enumerate(LAWS, start=1))


def check_steps(path: Path) -> None:
    draft = read_document(path)
    assert draft.actors == ACTORS
    assert [(s.number, s.activity, s.actor) for s in draft.steps] == [
        (n, a, actor) for n, (a, _t, actor) in enumerate(STEPS, start=1)]


# The step table nested in a layout table.

def nested_document(tmp_path: Path, *, depth: int = 1) -> Path:
    """The whole SOP inside an outer table: the letterhead in a row of its own (a logo cell and the
    office's lines), the identity block and the step table in a cell of the next row, `depth` tables deep."""
    document = docx.Document()
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "[logo]"
    outer.cell(0, 1).text = "PEMERINTAH KOTA BANDAR LAMPUNG\nKECAMATAN TELUK BETUNG UTARA"
    cell = outer.cell(1, 0).merge(outer.cell(1, 1))
    for _ in range(depth - 1):
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    add_identity(cell, blocks=[dasar_hukum(), "Kualifikasi Pelaksana: " + SKILLS[0] + "\n" + SKILLS[1]])
    fill_steps(cell.add_table(rows=2 + len(STEPS), cols=6 + len(ACTORS)))
    cell.add_paragraph("Catatan: dokumen ini dicetak dari sistem.")
    path = tmp_path / "bersarang.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize("depth", [1, 2])
def test_a_step_table_nested_in_a_layout_table_is_read(tmp_path: Path, depth: int) -> None:
    path = nested_document(tmp_path, depth=depth)
    check_steps(path)
    draft = read_document(path)
    assert (draft.name, draft.number) == ("PELAYANAN SURAT KETERANGAN USAHA", "470/15/SOP/2024")
    assert "PEMERINTAH KOTA BANDAR LAMPUNG" in draft.lines
    assert draft.blocks["legal_basis"] == LAWS


def test_a_nested_table_inside_the_step_table_stays_part_of_its_cell(tmp_path: Path) -> None:
    """A list laid out as a small table inside a Kelengkapan cell is no layout: the step table is read
    as it is, and no row of the small table becomes a step."""
    document = docx.Document()
    add_identity(document, blocks=[dasar_hukum(), ""])
    table = document.add_table(rows=2 + len(STEPS), cols=6 + len(ACTORS))
    fill_steps(table)
    inner = table.rows[2].cells[2 + len(ACTORS)].add_table(rows=2, cols=1)
    inner.cell(0, 0).text, inner.cell(1, 0).text = "1", "KTP"
    path = tmp_path / "daftar.docx"
    document.save(str(path))
    check_steps(path)


def test_a_layout_table_without_a_step_table_is_still_refused(tmp_path: Path) -> None:
    document = docx.Document()
    outer = document.add_table(rows=1, cols=1)
    add_identity(outer.cell(0, 0), blocks=["", ""])
    path = tmp_path / "tanpa-tabel.docx"
    document.save(str(path))
    with pytest.raises(SopImportError, match="tanpa-tabel.docx: this is not an SOP AP document"):
        read_document(path)


# Identity cells holding a label and its items.

@pytest.mark.parametrize("qualifications", [
    "Kualifikasi Pelaksana:\n1. Memahami tugas pokok dan fungsi\n2. Teliti dan cermat",
    "KUALIFIKASI PELAKSANA : 1. Memahami tugas pokok dan fungsi 2. Teliti dan cermat",
    "Kualifikasi Pelaksana: Memahami tugas pokok dan fungsi\nTeliti dan cermat",
])
def test_a_word_cell_holding_a_block_label_and_its_items_is_split(tmp_path: Path, qualifications: str) -> None:
    document = docx.Document()
    add_identity(document, blocks=[dasar_hukum(), qualifications])
    fill_steps(document.add_table(rows=2 + len(STEPS), cols=6 + len(ACTORS)))
    path = tmp_path / "sop.docx"
    document.save(str(path))
    draft = read_document(path)
    assert draft.blocks["legal_basis"] == LAWS
    expected = SKILLS if "1." in qualifications else [" ".join(SKILLS)]
    assert draft.blocks["qualifications"] == expected
    assert not any("Dasar" in line or "Undang" in line for line in draft.lines)


def test_an_excel_cell_holding_a_block_label_and_its_items_is_split(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    rows: list[list[object]] = [["PEMERINTAH KOTA BANDAR LAMPUNG"], ["NOMOR SOP", "470/15/SOP/2024"],
                                ["NAMA SOP", "PELAYANAN SURAT KETERANGAN USAHA"],
                                [dasar_hukum(), "Peringatan: Pelayanan tertunda bila berkas tidak lengkap"], [],
                                ["No.", "Uraian Prosedur", "Pelaksana", "", "", "", "Mutu Baku", "", "", "Ket."],
                                ["", "", *ACTORS, "Kelengkapan", "Waktu", "Output", ""]]
    for number, (activity, time, actor) in enumerate(STEPS, start=1):
        marks = ["X" if a == actor else "" for a in ACTORS]
        rows.append([number, activity, *marks, "berkas", time, f"hasil {number}", ""])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "sop.xlsx"
    workbook.save(str(path))
    draft = read_document(path)
    assert draft.blocks["legal_basis"] == LAWS
    assert draft.blocks["warning"] == ["Pelayanan tertunda bila berkas tidak lengkap"]
    assert [s.actor for s in draft.steps] == [actor for _a, _t, actor in STEPS]


def _replace_runs(paragraph, xml: str) -> None:  # type: ignore[no-untyped-def]
    """The paragraph's runs replaced by `xml` (WordprocessingML elements of the body namespace)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    for run in list(paragraph.runs):
        paragraph._p.remove(run._r)
    for element in parse_xml(f"<w:root {nsdecls('w')}>{xml}</w:root>"):
        paragraph._p.append(element)


def test_tracked_changes_and_content_controls_are_read_as_word_shows_them(tmp_path: Path) -> None:
    # An SOP revised with Track Changes on, from a template whose Tanggal Efektif is a date picker.
    document = docx.Document()
    add_identity(document, blocks=[dasar_hukum(), ""])
    table = document.add_table(rows=2 + len(STEPS), cols=6 + len(ACTORS))
    fill_steps(table)
    n = len(ACTORS)
    change = 'w:id="{}" w:author="Kasubbag" w:date="2025-01-02T00:00:00Z"'
    _replace_runs(table.cell(4, 3 + n).paragraphs[0],  # step 3's Waktu: "2 jam" changed to "30 menit"
                  f"<w:del {change.format(1)}><w:r><w:delText>2 jam</w:delText></w:r></w:del>"
                  f"<w:ins {change.format(2)}><w:r><w:t>30 menit</w:t></w:r></w:ins>")
    _replace_runs(table.cell(3, 1).paragraphs[0],  # step 2's activity, words added
                  f"<w:r><w:t>Memeriksa kelengkapan berkas</w:t></w:r><w:ins {change.format(3)}><w:r>"
                  f'<w:t xml:space="preserve"> dan mencatat dalam register</w:t></w:r></w:ins>')
    _replace_runs(document.tables[0].cell(1, 1).paragraphs[0],
                  "<w:sdt><w:sdtPr><w:date/></w:sdtPr><w:sdtContent><w:r><w:t>3 Februari 2025</w:t></w:r>"
                  "</w:sdtContent></w:sdt>")
    document.save(tmp_path / "revisi.docx")
    draft = read_document(tmp_path / "revisi.docx")
    assert draft.effective_on is not None and draft.effective_on.isoformat() == "2025-02-03"
    assert draft.steps[1].activity == "Memeriksa kelengkapan berkas dan mencatat dalam register"
    assert (draft.steps[2].duration_value, draft.steps[2].duration_unit, draft.steps[2].duration_text) == (
        30, "minute", "30 menit")


def test_tables_in_a_content_control_are_read(tmp_path: Path) -> None:
    # A template wrapping its identity block and its procedure table each in a block content control.
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    add_identity(document, blocks=[dasar_hukum(), ""])
    document.add_paragraph("")
    fill_steps(document.add_table(rows=2 + len(STEPS), cols=6 + len(ACTORS)))
    for table in document.tables:
        control = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent/></w:sdt>")
        table._tbl.addprevious(control)
        control[1].append(table._tbl)
    document.save(tmp_path / "templat.docx")
    draft = read_document(tmp_path / "templat.docx")
    assert (draft.number, draft.name) == ("470/15/SOP/2024", "PELAYANAN SURAT KETERANGAN USAHA")
    assert [s.actor for s in draft.steps] == [actor for _a, _t, actor in STEPS]


def test_content_controls_nested_in_content_controls_are_read(tmp_path: Path) -> None:
    # A template wrapping the whole SOP in one block content control, each part in one of its own inside
    # it, and the procedure table one level deeper still; a step's Kelengkapan cell too.
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def wrapped(element, depth: int):  # type: ignore[no-untyped-def]
        for _ in range(depth):
            control = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent/></w:sdt>")
            element.addprevious(control)
            control[1].append(element)
            element = control
        return element

    document = docx.Document()
    add_identity(document, blocks=[dasar_hukum(), ""])
    document.add_paragraph("")
    table = document.add_table(rows=2 + len(STEPS), cols=6 + len(ACTORS))
    fill_steps(table)
    inputs = table.cell(2, 2 + len(ACTORS))
    inputs.paragraphs[0].text = "formulir permohonan"
    wrapped(inputs.paragraphs[0]._p, 2)
    identity, procedure = document.tables
    wrapped(identity._tbl, 1)
    wrapped(procedure._tbl, 2)
    body = document.element.body
    outer = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent/></w:sdt>")
    body.insert(0, outer)
    for element in [e for e in body if e is not outer and e.tag != f"{{{body.nsmap['w']}}}sectPr"]:
        outer[1].append(element)
    document.save(tmp_path / "templat.docx")
    draft = read_document(tmp_path / "templat.docx")
    assert (draft.number, draft.name) == ("470/15/SOP/2024", "PELAYANAN SURAT KETERANGAN USAHA")
    assert draft.blocks["legal_basis"] == LAWS
    assert [s.actor for s in draft.steps] == [actor for _a, _t, actor in STEPS]
    assert draft.steps[0].inputs == "formulir permohonan"


@pytest.mark.parametrize("placeholder", ["LOGO", "Logo Pemda", "[LAMBANG]"])
def test_a_logo_placeholder_beside_the_identity_block_is_no_letterhead_line(tmp_path: Path, placeholder: str) -> None:
    document = docx.Document()
    identity = document.add_table(rows=0, cols=3)
    for label, value in [("Nomor SOP", "440/15/SOP/DINKES/2025"), ("Tanggal Efektif", "1 Februari 2025"),
                         ("Disahkan oleh", "KEPALA DINAS KESEHATAN"), ("Nama SOP", "PENERBITAN REKOMENDASI")]:
        cells = identity.add_row().cells
        cells[1].text, cells[2].text = label, value
    logo = identity.cell(0, 0).merge(identity.cell(3, 0))
    logo.text = placeholder
    logo.add_paragraph("DINAS KESEHATAN")
    document.add_paragraph("")
    table = document.add_table(rows=0, cols=7)
    for row in (["No", "Uraian Prosedur", "Staf", "Kasi", "Kelengkapan", "Waktu", "Output"],
                ["1", "Menerima berkas", "Mulai", "", "berkas", "1 jam", "hasil"],
                ["2", "Memeriksa berkas", "", "Selesai", "berkas", "1 hari", "hasil"]):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    path = tmp_path / "sop.docx"
    document.save(str(path))
    draft = read_document(path)
    assert draft.lines == ["DINAS KESEHATAN"]
