"""SOPs of four more offices (tests/sop/new_offices.py: Dinas Kesehatan in Word, a Kecamatan's text export, a BKPSDM
workbook, a Bappeda PDF) read as a new user brings them, through the reader, the upload page and `kinerja sop import`:
every step, its actor, its time, its output and its returns as the document says. The Bappeda PDF's legend between
the identity block and the table went unread (the PDF reader dropped the lines after an identity table), so its
actors were the abbreviations. A step without a standard time ("Menyesuaikan", or none) is refused naming the file,
the sheet, the step, the column and the value, and nothing is stored."""

from __future__ import annotations

import json
import tempfile
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from kinerja.sop.importers import SopImportError, parse_document, read_document
from kinerja.sop.models import SopVersion
from tests.base import KinerjaTestCase

from .new_offices import (
    DOMISILI,
    IZIN_PRAKTIK,
    IZIN_PRAKTIK_STEPS,
    NEW_OFFICE_SOPS,
    PANGKAT_STEPS,
    RKPD,
    RKPD_LEGEND,
    RKPD_STEPS,
    domisili_text,
    rkpd_html,
    write_izin_praktik,
    write_pangkat_workbook,
)
from .offices import preview_data, uploaded_preview
from .pdfs import write_pdf

pytestmark = pytest.mark.usefixtures("english")
OUTPUTS = {"izin-praktik-docx": [s[4] for s in IZIN_PRAKTIK_STEPS], "pangkat-xlsx": [s[4] for s in PANGKAT_STEPS],
           "rkpd-pdf": [s[4] for s in RKPD_STEPS]}


@pytest.mark.parametrize("key", sorted(NEW_OFFICE_SOPS))
def test_it_reads_the_sop_as_the_document_says(tmp_path: Path, key: str) -> None:
    write, expected = NEW_OFFICE_SOPS[key]
    draft = parse_document(write(tmp_path))
    assert expected.effective_on is not None and expected.last_activity_ends  # each of these documents has both
    expected.check(draft)
    if key in OUTPUTS:
        assert [s.output for s in draft.steps] == OUTPUTS[key]


def test_the_kelengkapan_merged_down_over_two_steps_is_each_step_s(tmp_path: Path) -> None:
    write, _expected = NEW_OFFICE_SOPS["izin-praktik-docx"]
    draft = read_document(write(tmp_path))
    assert [s.inputs for s in draft.steps[3:5]] == ["Berita acara visitasi, konsep SIP"] * 2


def test_a_legend_on_one_line_wrapped_by_the_pdf_s_layout_is_read_whole(tmp_path: Path) -> None:
    """The legend written on one line, which the printed page wraps in the middle of a name: the line after it opens
    with the rest of that name ("Perencanaan, Evaluasi dan Pelaporan, Kabid = …")."""
    legend = "".join(f"<p style='margin: 0'>{line}</p>" for line in RKPD_LEGEND)
    one_line = ("Keterangan: Kaban = Kepala Badan, Sekban = Sekretaris Badan, Kasubbag PEP = Kepala Subbagian "
                "Perencanaan, Evaluasi dan Pelaporan, Kabid = Kepala Bidang")
    html = rkpd_html()
    assert legend in html
    draft = read_document(write_pdf(tmp_path, html.replace(legend, f"<p style='width: 50%'>{one_line}</p>")))
    assert draft.actors == RKPD.actors


def test_names_hyphenated_by_hand_in_a_word_table_come_out_whole(tmp_path: Path) -> None:
    """The author typed "Pemo-", Enter, "hon" to fit a narrow Pelaksana column: the actor is "Pemohon", not
    "Pemo- hon", a position no office has."""
    broken = ["Pemo-\nhon", "Petugas Lo-\nket", "Verifi-\nkator", "Kasi SDK", "Kepala Di-\nnas"]
    draft = read_document(write_izin_praktik(tmp_path, actors=broken))
    assert draft.actors == IZIN_PRAKTIK.actors
    assert [s.actor for s in draft.steps] == IZIN_PRAKTIK.step_actors


def test_names_and_steps_hyphenated_at_a_line_break_typed_in_a_sheet_come_out_whole(tmp_path: Path) -> None:
    """The same in a workbook, the line broken with Alt+Enter; a compound keeps its hyphen."""
    path = write_pangkat_workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["Prosedur"]
    sheet.cell(2, 5).value = "Pengelola Kepe-\ngawaian OPD"
    sheet.cell(3, 2).value = "Menyiapkan berkas usulan kenaikan pang-\nkat dan menyerahkan ke bidang-\nbidang"
    book.save(path)
    draft = read_document(path)
    assert draft.actors[1] == "Pengelola Kepegawaian OPD"
    assert draft.steps[0].activity == "Menyiapkan berkas usulan kenaikan pangkat dan menyerahkan ke bidang-bidang"


@pytest.mark.parametrize(("times", "step", "value", "problem"), [
    ({4: "Menyesuaikan"}, 4, "Menyesuaikan", "sets no standard time (the step takes as long as it needs)"),
    ({5: ""}, 5, "", "the standard time is missing"),
])
def test_a_step_without_a_standard_time_is_named(tmp_path: Path, times: dict[int, str], step: int, value: str,
                                                 problem: str) -> None:
    path = tmp_path / "domisili.txt"
    path.write_text(domisili_text(times=times), encoding="utf-8")
    with pytest.raises(SopImportError) as caught:
        read_document(path)
    assert (caught.value.step, caught.value.column, caught.value.value) == (step, "Waktu", value)
    assert str(caught.value).startswith(f"domisili.txt, step {step}, column WAKTU: {problem}")


class NewOfficeSopTestCase(KinerjaTestCase):
    """The documents through the upload page (preview, then save) and `kinerja sop import`."""

    def test_the_upload_page_saves_each_document_as_read(self) -> None:
        self.client.force_login(self.subsection_head)
        for key, (write, expected) in sorted(NEW_OFFICE_SOPS.items()):
            with self.subTest(key), tempfile.TemporaryDirectory() as tmp:
                path = write(Path(tmp))
                response = uploaded_preview(self.client, path)
                rows = response.context["rows"]
                self.assertEqual([problems for _f, problems in rows], [[]] * len(expected.step_actors))
                data = preview_data(rows)
                response = self.client.post(response.request["PATH_INFO"], {**data, "save": "", "other_office": "on"})
                version = SopVersion.objects.get(name=expected.name)
                self.assertRedirects(response, f"/sop/versions/{version.pk}/")
                steps = list(version.steps.select_related("actor").prefetch_related("returns_to").order_by("number"))
                self.assertEqual([s.actor.name for s in steps], expected.step_actors)
                self.assertEqual([(s.duration_value, s.duration_unit) for s in steps], expected.durations)
                self.assertEqual({s.number: sorted(r.number for r in s.returns_to.all()) for s in steps
                                  if s.returns_to.all()}, expected.returns)

    def test_the_command_line_imports_each_document(self) -> None:
        for key, (write, expected) in sorted(NEW_OFFICE_SOPS.items()):
            with self.subTest(key), tempfile.TemporaryDirectory() as tmp:
                path = write(Path(tmp))
                out = StringIO()
                call_command("sop", "import", str(path), "--json", "--office", self.office.code, "--other-office",
                             stdout=out, stderr=StringIO())
                data = json.loads(out.getvalue())
                self.assertEqual([s["actor"] for s in data["steps"]], expected.step_actors)
                self.assertEqual(data["actors"], expected.actors)

    def test_a_workbook_step_without_a_time_is_refused_naming_sheet_and_step_and_nothing_is_stored(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            path = write_pangkat_workbook(Path(tmp), times={3: "", 6: "Menyesuaikan"})
            with self.assertRaises(CommandError) as caught:
                call_command("sop", "import", str(path), "--office", self.office.code, "--other-office",
                             stdout=StringIO(), stderr=StringIO())
        message = str(caught.exception)
        self.assertIn("sop-kenaikan-pangkat-bkpsdm.xlsx, sheet “Prosedur”, step 3, column Waktu", message)
        self.assertIn("sop-kenaikan-pangkat-bkpsdm.xlsx, sheet “Prosedur”, step 6, column Waktu: sets no standard time",
                      message)
        self.assertIn("“Menyesuaikan”", message)
        self.assertFalse(SopVersion.objects.filter(name=DOMISILI.name).exists())
        self.assertFalse(SopVersion.objects.filter(number="800/045/SOP/BKPSDM/2025").exists())
