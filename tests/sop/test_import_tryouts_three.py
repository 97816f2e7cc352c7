"""The third round of documents a new user brings (tests/sop/tryouts_three.py), read as that user would bring them:
parsed, on the upload page (preview, then save) and on the command line. The Word documents' PDFs are LibreOffice's
export, as an office's "Save as PDF" prints them: a row Word let break across the page (a Waktu "30" above its
"menit"), the header repeated on each page."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from kinerja.sop.importers import parse_document
from kinerja.sop.models import SopVersion
from tests.base import KinerjaTestCase

from .offices import preview_data, uploaded_preview
from .tryouts_three import IUM, IUM_LEGENDS, IUM_NOTE, TRYOUT_THREE, WARIS_TIME, write_ium

pytestmark = pytest.mark.usefixtures("english")

# Without LibreOffice (`make test` installs it, scripts/sysdeps.sh) the PDFs cannot be made; CI must have it.
NEEDS_SOFFICE = ["ium-pdf", "legalisir-pdf"]


def _can_write(key: str) -> bool:
    if key in NEEDS_SOFFICE and shutil.which("soffice") is None:
        assert not os.environ.get("CI"), "LibreOffice is missing: `make test` installs it"
        return False
    return True


@pytest.mark.parametrize("key", sorted(TRYOUT_THREE))
def test_it_reads_each_document_as_written(tmp_path: Path, key: str) -> None:
    if not _can_write(key):
        pytest.skip("LibreOffice is not installed (`make test` installs it)")
    write, expected = TRYOUT_THREE[key]
    draft = parse_document(write(tmp_path))
    missing = [str(p) for p in draft.problems]
    if key == "waris":  # its last Waktu is "-": the one problem, naming file, step, column and value
        assert missing == [f"sop-ahli-waris.txt, step {WARIS_TIME[0]}, column Waktu: the standard time is missing: "
                           "write it, such as 15 menit, 2 jam or 1 hari (value: “-”)"]
        assert draft.step(WARIS_TIME[0]).duration_value is None
    else:
        assert missing == []
    assert (draft.name, draft.number) == (expected.name, expected.number)
    assert draft.actors == expected.actors
    assert [s.number for s in draft.steps] == list(range(1, len(expected.step_actors) + 1))
    assert [s.actor for s in draft.steps] == expected.step_actors
    durations = [(s.duration_value, s.duration_unit) for s in draft.steps]
    if key == "waris":
        durations[WARIS_TIME[0] - 1] = expected.durations[WARIS_TIME[0] - 1]
    assert durations == expected.durations
    assert {n: draft.step(n).inputs for n in expected.inputs} == expected.inputs
    assert {n: draft.step(n).output for n in expected.outputs} == expected.outputs
    for n, part in expected.activity_parts.items():
        assert part in draft.step(n).activity
    assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == expected.returns
    assert draft.warnings == []
    # Nothing of the legend, the note under it or the page's repeated header is taken for a step's text.
    texts = " ".join(f"{s.activity} {s.inputs} {s.output}" for s in draft.steps)
    assert "Keterangan" not in texts and "Pelaksana" not in texts and IUM_NOTE[:20] not in texts


@pytest.mark.parametrize("legend", IUM_LEGENDS)
def test_each_way_of_writing_the_legend_spells_the_actor_columns_out(tmp_path: Path, legend: str) -> None:
    """Dot leaders ("Kasi .......... Kepala Seksi …") were not read: the actors stayed "Ptgs", "Kasi"."""
    draft = parse_document(write_ium(tmp_path, legend=legend))
    assert draft.actors == IUM.actors
    assert [s.actor for s in draft.steps] == IUM.step_actors


class TryoutThreeImportTestCase(KinerjaTestCase):
    """The same documents through the upload page and `kinerja sop import`."""

    def test_the_upload_page_previews_and_saves_each_document(self) -> None:
        self.client.force_login(self.subsection_head)
        for key, (write, expected) in sorted(TRYOUT_THREE.items()):
            if key in NEEDS_SOFFICE:
                continue  # the same SOPs as their Word documents; parsed above
            with self.subTest(key), tempfile.TemporaryDirectory() as tmp:
                response = uploaded_preview(self.client, write(Path(tmp)))
                self.assertContains(response, expected.name)
                rows = response.context["rows"]
                self.assertEqual([f.initial["actor"] for f, _p in rows], expected.step_actors)
                data = preview_data(rows)
                if key == "waris":
                    # The step whose Waktu is "-" shows its problem there; the user types the time in.
                    step, time = WARIS_TIME
                    self.assertEqual([bool(p) for _f, p in rows], [n == step for n in range(1, len(rows) + 1)])
                    value, unit = time.split()
                    data.update({f"step-{step}-duration_value": value, f"step-{step}-duration_unit": "minute"})
                else:
                    self.assertEqual([p for _f, p in rows], [[]] * len(rows))
                response = self.client.post(response.request["PATH_INFO"], {**data, "save": "", "other_office": "on"})
                version = SopVersion.objects.filter(name=expected.name).latest("pk")
                # The same SOP as a document before it (the bansos workbooks) opens the comparison with it.
                self.assertIn(response["Location"], [f"/sop/versions/{version.pk}/", f"/sop/versions/{version.pk}/compare/"])
                steps = list(version.steps.select_related("actor").order_by("number"))
                self.assertEqual([s.actor.name for s in steps], expected.step_actors)
                self.assertEqual([(s.duration_value, s.duration_unit) for s in steps], expected.durations)
                self.assertEqual([a.name for a in version.actors.all() if a.external], expected.outside)

    def test_the_command_line_imports_each_document(self) -> None:
        for key, (write, expected) in sorted(TRYOUT_THREE.items()):
            if not _can_write(key):
                continue
            with self.subTest(key), tempfile.TemporaryDirectory() as tmp:
                path = write(Path(tmp))
                times = ["--time", f"{WARIS_TIME[0]}={WARIS_TIME[1]}"] if key == "waris" else []
                out = StringIO()
                call_command("sop", "import", str(path), "--json", "--office", self.office.code, "--other-office",
                             "--draft", *times, stdout=out, stderr=StringIO())
                data = json.loads(out.getvalue())
                self.assertEqual([s["actor"] for s in data["steps"]], expected.step_actors)
                self.assertEqual([(s["duration"]["value"], s["duration"]["unit"]) for s in data["steps"]],
                                 [(int(v), u) for v, u in expected.durations])

    def test_the_command_line_refuses_the_missing_time_and_saves_nothing(self) -> None:
        from django.core.management.base import CommandError

        from .tryouts_three import write_waris

        before = SopVersion.objects.count()
        with tempfile.TemporaryDirectory() as tmp, self.assertRaises(CommandError) as raised:
            call_command("sop", "import", str(write_waris(Path(tmp))), "--office", self.office.code,
                         "--other-office", stdout=StringIO(), stderr=StringIO())
        self.assertIn("sop-ahli-waris.txt, step 7, column Waktu", str(raised.exception))
        self.assertIn("“-”", str(raised.exception))
        self.assertEqual(SopVersion.objects.count(), before)
