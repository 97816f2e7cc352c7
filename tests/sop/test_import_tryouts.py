"""The first documents a new customer brings (tests/sop/tryouts.py), read as that customer would bring
them: on the command line, through the upload page's preview, and planned in working time."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.core.management import call_command

from kinerja.sop.importers import SopImportError, parse_document, read_document
from kinerja.sop.models import SopVersion
from tests.base import KinerjaTestCase

from .offices import preview_data, uploaded_preview
from .tryouts import TRYOUT_SOPS

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize("key", sorted(TRYOUT_SOPS))
def test_it_reads_each_document_as_written(tmp_path: Path, key: str) -> None:
    write, expected = TRYOUT_SOPS[key]
    draft = parse_document(write(tmp_path))
    assert [str(p) for p in draft.problems] == []
    assert (draft.name, draft.number) == (expected.name, expected.number)
    assert draft.actors == expected.actors
    assert [s.number for s in draft.steps] == list(range(1, len(expected.step_actors) + 1))
    assert [s.actor for s in draft.steps] == expected.step_actors
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == expected.durations
    # A duration reads back as the document's number, never in exponent notation ("1E+1" for 10).
    assert all("E" not in str(s.duration_value) for s in draft.steps)
    assert {n: draft.step(n).inputs for n in expected.inputs} == expected.inputs
    assert {n: draft.step(n).output for n in expected.outputs} == expected.outputs
    for n, part in expected.activity_parts.items():
        assert part in draft.step(n).activity
        assert "\n" not in draft.step(n).activity
    assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == expected.returns
    assert draft.effective_on is not None and draft.created_on is not None
    # The letterhead as the office prints it, without Markdown or table marks.
    assert draft.lines and all(line[0].isalnum() for line in draft.lines)
    if expected.legal_basis:
        assert any(expected.legal_basis in item for item in draft.blocks["legal_basis"])
    if expected.equipment:
        assert expected.equipment in draft.blocks["equipment"]


class TryoutImportTestCase(KinerjaTestCase):
    """The same documents through the upload page (preview, then save) and `kinerja sop import` + `plan`."""

    def test_the_upload_page_previews_and_saves_each_document(self) -> None:
        self.client.force_login(self.subsection_head)
        for key, (write, expected) in sorted(TRYOUT_SOPS.items()):
            with self.subTest(key), tempfile.TemporaryDirectory() as tmp:
                path = write(Path(tmp))
                response = uploaded_preview(self.client, path)
                self.assertContains(response, expected.name)
                rows = response.context["rows"]
                self.assertEqual([problems for _f, problems in rows], [[]] * len(expected.step_actors))
                self.assertEqual([f.initial["actor"] for f, _p in rows], expected.step_actors)
                data = preview_data(rows)
                # The preview's time fields show the document's numbers.
                self.assertEqual([data[f"{f.prefix}-duration_value"] for f, _p in rows],
                                 [f"{v:f}" for v, _u in expected.durations])
                response = self.client.post(response.request["PATH_INFO"], {**data, "save": "", "other_office": "on"})
                version = SopVersion.objects.get(name=expected.name)
                self.assertRedirects(response, f"/sop/versions/{version.pk}/")
                steps = list(version.steps.select_related("actor").order_by("number"))
                self.assertEqual([s.actor.name for s in steps], expected.step_actors)
                self.assertEqual([(s.duration_value, s.duration_unit) for s in steps], expected.durations)
                self.assertEqual([a.name for a in version.actors.all() if a.external], expected.outside)

    def test_the_command_line_imports_and_plans_each_document(self) -> None:
        for key, (write, expected) in sorted(TRYOUT_SOPS.items()):
            with self.subTest(key), tempfile.TemporaryDirectory() as tmp:
                path = write(Path(tmp))
                out = StringIO()
                call_command("sop", "import", str(path), "--json", "--office", self.office.code, "--other-office",
                             stdout=out, stderr=StringIO())
                data = json.loads(out.getvalue())
                self.assertEqual([s["actor"] for s in data["steps"]], expected.step_actors)
                self.assertEqual([(s["duration"]["value"], s["duration"]["unit"]) for s in data["steps"]],
                                 [(int(v) if v == int(v) else float(v), u) for v, u in expected.durations])
                out = StringIO()
                call_command("sop", "plan", str(path), "--start", "2025-03-24T08:00:00+07:00", "--json", stdout=out)
                planned = json.loads(out.getvalue())["steps"]
                self.assertEqual([p["actor"] for p in planned], expected.step_actors)
                self.assertEqual(planned[0]["starts"], "2025-03-24T08:00:00+07:00")
                # Each step starts where the one before it is due, in working time.
                for before, after in zip(planned, planned[1:], strict=False):
                    self.assertEqual(after["starts"], before["due"])
                self.assertGreater(dt.datetime.fromisoformat(planned[-1]["due"]),
                                   dt.datetime.fromisoformat(planned[0]["starts"]))


def test_an_identity_sheet_before_the_procedure_sheet_gives_the_header(tmp_path: Path) -> None:
    """The workbook keeps the identity block on a sheet of its own, the Dasar Hukum label merged down over
    one law per row: every law is one item, its number dropped."""
    from .tryouts import ADUAN_LAWS, write_aduan

    draft = parse_document(write_aduan(tmp_path))
    assert draft.lines == ["PEMERINTAH KABUPATEN LAMPUNG TIMUR", "INSPEKTORAT DAERAH"]
    assert draft.blocks["legal_basis"] == ADUAN_LAWS
    assert draft.blocks["qualifications"] == ["Memahami tata cara pemeriksaan"]
    assert draft.effective_on == dt.date(2025, 5, 2)


def _grouped_docx(tmp_path: Path, groups: list[tuple[str, list[str]]]) -> Path:
    """A Word SOP whose Pelaksana columns stand grouped under their unit (merged over them)."""
    actors = [a for _g, names in groups for a in names]
    n = len(actors)
    document = docx.Document()
    for line in ("PEMERINTAH KOTA METRO", "Nomor SOP : 500/1/SOP/2025", "Tanggal Pembuatan : 2 Januari 2025",
                 "Tanggal Revisi : -", "Tanggal Efektif : 2 Januari 2025", "Disahkan oleh : Kepala Dinas",
                 "Nama SOP : PEMBINAAN USAHA"):
        document.add_paragraph(line)
    table = document.add_table(rows=3, cols=2 + n + 3)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "No"
    table.cell(0, 1).merge(table.cell(2, 1)).text = "Kegiatan"
    table.cell(0, 2).merge(table.cell(0, 1 + n)).text = "Pelaksana"
    table.cell(0, 2 + n).merge(table.cell(0, 4 + n)).text = "Mutu Baku"
    at = 2
    for group, names in groups:
        table.cell(1, at).merge(table.cell(1, at + len(names) - 1)).text = group
        for k, name in enumerate(names):
            table.cell(2, at + k).text = name
        at += len(names)
    for c, text in enumerate(["Kelengkapan", "Waktu", "Output"]):
        table.cell(1, 2 + n + c).merge(table.cell(2, 2 + n + c)).text = text
    for i in range(1, n + 1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = str(i), f"Kegiatan {i}"
        cells[1 + i].text = "Mulai" if i == 1 else "Selesai" if i == n else "▭"
        cells[2 + n].text, cells[3 + n].text, cells[4 + n].text = "berkas", "1 jam", "hasil"
    path = tmp_path / "sop-grouped.docx"
    document.save(str(path))
    return path


def test_the_same_position_in_two_units_is_named_with_its_unit(tmp_path: Path) -> None:
    path = _grouped_docx(tmp_path, [("Bidang Koperasi", ["Kasi", "Staf"]), ("Bidang UKM", ["Kasi", "Staf Teknis"])])
    draft = parse_document(path)
    assert draft.actors == ["Kasi Bidang Koperasi", "Staf", "Kasi Bidang UKM", "Staf Teknis"]
    assert [s.actor for s in draft.steps] == draft.actors


def test_a_column_written_twice_in_one_group_is_refused_naming_it(tmp_path: Path) -> None:
    path = _grouped_docx(tmp_path, [("Bidang Koperasi", ["Kasi", "Kasi"])])
    with pytest.raises(SopImportError, match=r"sop-grouped.docx, column Pelaksana: this actor column appears twice "
                                             r"\(value: “Kasi Bidang Koperasi”\)"):
        read_document(path)


def test_an_identity_block_typed_into_one_row_is_read_field_by_field(tmp_path: Path) -> None:
    """Labels stacked in one cell, values in the next, the approval over three lines lined up by blank
    lines in the label cell."""
    from .tryouts import write_rekomendasi

    draft = parse_document(write_rekomendasi(tmp_path))
    assert draft.lines == ["PEMERINTAH KOTA BANDAR LAMPUNG", "DINAS PERDAGANGAN"]
    assert (draft.created_on, draft.revised_on, draft.effective_on) == (dt.date(2025, 7, 7), None, dt.date(2025, 8, 1))
    assert (draft.approved_by, draft.approved_by_name, draft.approved_by_nip) == (
        "KEPALA DINAS PERDAGANGAN", "Drs. AHMAD FAUZI, M.Si.", "197001011995031001")


def test_fields_stacked_label_and_value_in_one_cell(tmp_path: Path) -> None:
    document = docx.Document()
    identity = document.add_table(rows=1, cols=2)
    identity.cell(0, 0).text = "DINAS PERDAGANGAN"
    identity.cell(0, 1).text = ("Nomor SOP : 510/16/SOP/2025\nTanggal Pembuatan : 7 Juli 2025\nTanggal Revisi : -\n"
                                "Tanggal Efektif : 1 Agustus 2025\nDisahkan oleh : Kepala Dinas\nNama SOP : PENDAFTARAN")
    table = document.add_table(rows=0, cols=5)
    for row in (["No", "Kegiatan", "Staf", "Waktu", "Output"], ["1", "Mendaftar", "Mulai", "1 jam", "Daftar"],
                ["2", "Mengarsipkan", "Selesai", "1:30", "Arsip"]):
        for c, text in zip(table.add_row().cells, row, strict=True):
            c.text = text
    path = tmp_path / "sop-stacked.docx"
    document.save(str(path))
    draft = read_document(path)
    assert (draft.name, draft.number, draft.effective_on) == ("PENDAFTARAN", "510/16/SOP/2025", dt.date(2025, 8, 1))
    assert draft.lines == ["DINAS PERDAGANGAN"]
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [(1, "hour"), (90, "minute")]


def test_other_words_for_the_identity_labels(tmp_path: Path) -> None:
    from .tryouts import RENJA_TEXT

    text = (RENJA_TEXT.replace("**Nama SOP**", "**Judul SOP**").replace("**Tanggal Efektif**", "**Tgl. Berlaku**")
            .replace("**Disahkan oleh**", "**Ditetapkan oleh**"))
    path = tmp_path / "sop-renja.md"
    path.write_text(text, encoding="utf-8")
    draft = read_document(path)
    assert (draft.name, draft.effective_on) == ("PENYUSUNAN RENCANA KERJA TAHUNAN", dt.date(2025, 1, 13))
    assert draft.approved_by == "Kepala Bappeda Kabupaten Way Kanan"


def test_block_labels_written_with_an_ampersand_or_dan(tmp_path: Path) -> None:
    from .tryouts import RENJA_TEXT

    blocks = "Peralatan dan Perlengkapan: Komputer\nPencatatan & Pendataan: Buku agenda\n\n"
    text = RENJA_TEXT.replace("| No |", blocks + "| No |")
    path = tmp_path / "sop-renja.md"
    path.write_text(text, encoding="utf-8")
    draft = read_document(path)
    assert (draft.blocks["equipment"], draft.blocks["records"]) == (["Komputer"], ["Buku agenda"])


def test_a_heading_between_the_identity_table_and_the_procedure_is_no_item_of_the_last_block(tmp_path: Path) -> None:
    from .tryouts import write_iumk

    path = write_iumk(tmp_path)
    document = docx.Document(str(path))
    # "URAIAN PROSEDUR" typed in the empty paragraph above the procedure table.
    blank = next(p for p in document.paragraphs if not p.text.strip())
    blank.text = "URAIAN PROSEDUR"
    document.save(str(path))
    draft = parse_document(path)
    assert draft.blocks["records"] == ["Buku register IUMK"]
    assert draft.blocks["warning"] == ["Jika SOP tidak dilaksanakan, penerbitan IUMK terlambat"]
