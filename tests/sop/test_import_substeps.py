"""Sub-steps numbered "3.1", "3.2" (or "3a", "3b"): each is a step of its own, numbered 1 … N in the order
the engine runs them, with the number the document prints kept as its label and shown on the SOP page,
the preview and the printed sheet; "kembali ke langkah 3.1" returns to it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import docx
import pytest

from kinerja.sop import actions
from kinerja.sop.importers import SopImportError, read_document
from kinerja.sop.renderers import sheet
from tests.base import KinerjaTestCase

from .documents import sop_text, write

ACTORS = ["Sekretaris", "Kasubbag", "JFU", "Kadis"]
STEPS = [("Menerima surat dan mendisposisikan", "2 menit", "Sekretaris"),
         ("Memerintahkan JFU menghimpun data", "10 menit", "Kasubbag"),
         ("Menyiapkan format isian untuk bidang", "1 hari", "JFU"),
         ("Menghimpun data dari bidang", "5 hari", "JFU"),
         ("Memeriksa data; bila belum sesuai kembali ke langkah 3.2", "2 hari", "Kasubbag"),
         ("Menandatangani data kinerja", "1 hari", "Kadis")]


def numbered(labels: list[str], steps: list[tuple[str, str, str]] = STEPS) -> str:
    """The SOP text with the No. column holding `labels` instead of 1 … N."""
    text = sop_text(ACTORS, steps)
    lines = text.split("\n")
    for n, label in enumerate(labels, start=1):
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{n}\t") and "\tberkas\t" in line)
        lines[at] = "@" + label + lines[at][len(str(n)):]  # marked, so a later "3" is not this row
    return "\n".join(line.removeprefix("@") for line in lines)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("labels", [["1", "2", "3.1", "3.2", "4", "5"], ["1", "2", "3a", "3b", "4", "5"],
                                    ["1.", "2.", "3.1.", "3.2.", "4.", "5."]])
def test_sub_steps_are_steps_in_order_keeping_their_printed_number(tmp_path: Path, labels: list[str]) -> None:
    draft = read_document(write(tmp_path, numbered(labels)))
    assert [s.number for s in draft.steps] == [1, 2, 3, 4, 5, 6]
    shown = [label.rstrip(".") for label in labels]
    assert [s.label for s in draft.steps] == shown
    assert [s.actor for s in draft.steps] == [actor for _a, _t, actor in STEPS]
    assert [s["label"] for s in draft.as_json()["steps"]] == shown
    # "kembali ke langkah 3.2" (or 3b) goes back to the fourth step.
    back = read_document(write(tmp_path, numbered(labels).replace("langkah 3.2", f"langkah {shown[3]}"), "b.txt"))
    assert back.steps[4].returns_to == [4]


@pytest.mark.usefixtures("english")
def test_a_step_row_above_its_sub_steps_is_a_step_too(tmp_path: Path) -> None:
    steps = [*STEPS[:2], ("Menyiapkan bahan untuk bidang", "1 hari", "JFU"), *STEPS[2:]]
    draft = read_document(write(tmp_path, numbered(["1", "2", "3", "3.1", "3.2", "4", "5"], steps)))
    assert [(s.number, s.label) for s in draft.steps] == [(1, "1"), (2, "2"), (3, "3"), (4, "3.1"), (5, "3.2"),
                                                          (6, "4"), (7, "5")]
    assert draft.steps[5].returns_to == [5]


@pytest.mark.usefixtures("english")
def test_a_return_to_a_step_with_sub_steps_goes_to_its_first(tmp_path: Path) -> None:
    text = numbered(["1", "2", "3.1", "3.2", "4", "5"]).replace("langkah 3.2", "langkah 3")
    assert read_document(write(tmp_path, text)).steps[4].returns_to == [3]


@pytest.mark.usefixtures("english")
def test_a_table_without_sub_steps_keeps_no_label(tmp_path: Path) -> None:
    draft = read_document(write(tmp_path, sop_text(ACTORS, STEPS[:4])))
    assert [s.label for s in draft.steps] == ["", "", "", ""]
    assert [s.display_number for s in draft.steps] == ["1", "2", "3", "4"]


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(("labels", "value", "problem"), [
    (["1", "2", "3.1", "3.3", "4", "5"], "3.3", "a sub-step of step 3 is missing or out of order"),
    (["1", "2", "3.1", "3.1", "4", "5"], "3.1", "step number 3.1 appears twice: again on step row 4"),
    (["1", "2", "3.2", "3.3", "4", "5"], "3.2", "the first sub-step of step 3 is missing"),
    (["1", "2", "3.1", "3.2", "5", "6"], "5", "step 4 is missing"),
    (["1", "2", "3.1", "3.2", "4", "4.1.1"], "4.1.1", "is not a step number"),
])
def test_sub_steps_out_of_order_are_refused_naming_the_number(tmp_path: Path, labels: list[str], value: str,
                                                               problem: str) -> None:
    with pytest.raises(SopImportError) as caught:
        read_document(write(tmp_path, numbered(labels), "urutan.txt"))
    message = str(caught.value)
    assert message.startswith("urutan.txt") and problem in message and f"“{value}”" in message


@pytest.mark.usefixtures("english")
def test_a_problem_of_a_sub_step_names_it_as_printed(tmp_path: Path) -> None:
    text = numbered(["1", "2", "3.1", "3.2", "4", "5"]).replace("\t5 hari\t", "\tsecepatnya\t")
    with pytest.raises(SopImportError) as caught:
        read_document(write(tmp_path, text))
    assert "step 3.2, column Waktu" in str(caught.value)
    assert caught.value.step == 4 and caught.value.label == "3.2"


@pytest.mark.usefixtures("english")
def test_sub_steps_in_a_word_table_are_read(tmp_path: Path) -> None:
    document = docx.Document()
    identity = document.add_table(rows=2, cols=2)
    identity.cell(0, 0).text, identity.cell(0, 1).text = "NOMOR SOP", "800/01/SOP/2025"
    identity.cell(1, 0).text, identity.cell(1, 1).text = "NAMA SOP", "SOP UJI COBA"
    table = document.add_table(rows=2 + len(STEPS), cols=5 + len(ACTORS))
    header = ["No.", "Uraian Prosedur", *ACTORS, "Kelengkapan", "Waktu", "Output"]
    for c, text in enumerate(header):
        table.cell(0, c).text = text
    for r, (label, (activity, time, actor)) in enumerate(zip(["1", "2", "3a", "3b", "4", "5"], STEPS, strict=True)):
        cells = table.rows[1 + r].cells
        cells[0].text, cells[1].text = label, activity.replace("3.2", "3b")
        cells[2 + ACTORS.index(actor)].text = "X"
        cells[2 + len(ACTORS)].text, cells[3 + len(ACTORS)].text = "berkas", time
    path = tmp_path / "sop.docx"
    document.save(str(path))
    draft = read_document(path)
    assert [(s.number, s.label, s.actor) for s in draft.steps] == [
        (n, label, actor) for n, (label, (_a, _t, actor)) in
        enumerate(zip(["1", "2", "3a", "3b", "4", "5"], STEPS, strict=True), start=1)]
    assert draft.steps[4].returns_to == [4]


class SubStepPagesTestCase(KinerjaTestCase):
    """The stored version keeps each label; the SOP page, the printed sheet and the upload preview show it."""

    def setUp(self) -> None:
        super().setUp()
        self.folder = Path(tempfile.mkdtemp())
        self.path = self.folder / "sub-langkah.txt"
        self.path.write_text(numbered(["1", "2", "3.1", "3.2", "4", "5"]).replace("SOP UJI COBA", "SOP SUB LANGKAH"))

    def test_the_stored_steps_keep_their_labels(self) -> None:
        version = actions.import_sop(self.path, office=self.office, user=None)
        steps = list(version.steps.order_by("number"))
        self.assertEqual([(s.number, s.label) for s in steps],
                         [(1, "1"), (2, "2"), (3, "3.1"), (4, "3.2"), (5, "4"), (6, "5")])
        self.assertEqual([r.number for r in steps[4].returns_to.all()], [4])
        self.assertEqual(str(steps[2]), "3.1. Menyiapkan format isian untuk bidang")
        self.assertEqual(actions.version_json(version)["steps"][3]["label"], "3.2")

    def test_the_sop_page_and_the_printed_sheet_show_the_labels(self) -> None:
        version = actions.import_sop(self.path, office=self.office, user=None)
        self.client.force_login(self.staff)
        page = self.client.get(f"/sop/versions/{version.pk}/").content.decode()
        self.assertIn('<td class="num">3.1</td>', page)
        self.assertIn('<td class="num">4</td>', page)
        self.assertIn("langkah 3.2", page)  # "may return to step 3.2"
        html = sheet.render_html(version)
        self.assertIn('<div class="cell', html)
        cells = [part.split("</div>")[0].rsplit(">", 1)[-1] for part in html.split('<td class="no">')[1:]]
        self.assertEqual(cells, ["1", "2", "3.1", "3.2", "4", "5"])
        self.assertIn(">3.2</text>", sheet_svg(version))

    def test_the_upload_preview_shows_the_labels_and_takes_them_as_return_targets(self) -> None:
        self.client.force_login(self.subsection_head)
        with self.path.open("rb") as f:
            response = self.client.post("/sop/upload/", {"document": f})
        self.assertEqual(response.status_code, 302)
        preview = self.client.get(response["Location"])
        self.assertContains(preview, '<td class="num">3.2</td>')
        self.assertContains(preview, 'value="3.2"')  # step 4 (printed 4) returns to 3.2
        data = {}
        for form in preview.context["rows"]:
            form = form[0]
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                data[form.add_prefix(name)] = "" if value is None else str(value).replace(".", ",") \
                    if name == "duration_value" else value
        data["step-5-returns_to"] = "3.1"
        response = self.client.post(response["Location"], data)
        self.assertEqual(response.status_code, 302, getattr(response, "context", None) and [
            f.errors for f, _p in response.context["rows"] if f.errors])
        version = self.office.sops.get(name="SOP SUB LANGKAH").versions.get()
        self.assertEqual([r.label for r in version.steps.get(number=5).returns_to.all()], ["3.1"])


def sheet_svg(version) -> str:  # type: ignore[no-untyped-def]
    from kinerja.sop.renderers import flowchart

    return flowchart.render_svg(version)
