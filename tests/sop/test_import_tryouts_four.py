"""The fourth round of documents a new user brings (tests/sop/tryouts_four.py), read as that user would bring them:
parsed, on the upload page (preview, then save) and on the command line. The Kenaikan Pangkat workbook's steps each
take two rows, their number merged down over both ("1.", "1)" or "a.") or the activity wrapped onto the second, and
each step's actor is marked only by a filled cell in either row: its PDF and the Uji Berkala's Word table (its
Mutu Baku in another order, a Waktu "Sesuai kebutuhan") and its PDF are marked the same way; the Domisili text copy marks its
actors by "Ya" typed in their column."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kinerja.sop.importers import parse_document
from kinerja.sop.models import SopVersion
from tests.base import KinerjaTestCase

from .offices import preview_data, uploaded_preview
from .tryouts_four import KIR_TIME, TRYOUT_FOUR, write_kir

pytestmark = pytest.mark.usefixtures("english")

# The one problem of the Uji Berkala: its step 5's Waktu "Sesuai kebutuhan", naming file, step, column and value.
KIR_PROBLEM = ("sop-uji-berkala.docx, step 5, column Waktu: sets no standard time (the step takes as long as it "
               "needs): type the longest time the step may take, such as 1 hari, so that its due date can be set "
               "(value: “Sesuai kebutuhan”)")


# Without LibreOffice (`make test` installs it, scripts/sysdeps.sh) the Word document's PDF cannot be made; CI must have it.
NEEDS_SOFFICE = ["kir-pdf"]
TIMED_BY_USER = ["kir", "kir-pdf", "kir-solid"]  # the Uji Berkala's step 5 "Sesuai kebutuhan"


def _can_write(key: str) -> bool:
    if key in NEEDS_SOFFICE and shutil.which("soffice") is None:
        assert not os.environ.get("CI"), "LibreOffice is missing: `make test` installs it"
        return False
    return True


@pytest.mark.parametrize("key", sorted(TRYOUT_FOUR))
def test_it_reads_each_document_as_written(tmp_path: Path, key: str) -> None:
    if not _can_write(key):
        pytest.skip("LibreOffice is not installed (`make test` installs it)")
    write, expected = TRYOUT_FOUR[key]
    draft = parse_document(write(tmp_path))
    if key == "kir-pdf":  # the same problem, on its page
        assert [str(p) for p in draft.problems] == [KIR_PROBLEM.replace(".docx,", ".pdf, page 1,")]
    else:
        assert [str(p) for p in draft.problems] == ([KIR_PROBLEM] if key in TIMED_BY_USER else [])
    assert (draft.name, draft.number) == (expected.name, expected.number)
    assert draft.actors == expected.actors
    assert [s.number for s in draft.steps] == list(range(1, len(expected.step_actors) + 1))
    assert [s.actor for s in draft.steps] == expected.step_actors
    assert all(s.actor_source == "symbol" for s in draft.steps)
    durations = [(s.duration_value, s.duration_unit) for s in draft.steps]
    if key in TIMED_BY_USER:
        assert durations[KIR_TIME[0] - 1] == (None, "")
        durations[KIR_TIME[0] - 1] = expected.durations[KIR_TIME[0] - 1]
    assert durations == expected.durations
    assert {n: draft.step(n).inputs for n in expected.inputs} == expected.inputs
    assert {n: draft.step(n).output for n in expected.outputs} == expected.outputs
    for n, part in expected.activity_parts.items():
        assert part in draft.step(n).activity
    assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == expected.returns
    assert draft.warnings == []
    if key == "kp-a.":
        assert [s.display_number for s in draft.steps] == list("abcdefg")


class TryoutFourImportTestCase(KinerjaTestCase):
    """The same documents through the upload page and `kinerja sop import`."""

    def test_the_upload_page_previews_and_saves_each_document(self) -> None:
        self.client.force_login(self.subsection_head)
        for key, (write, expected) in sorted(TRYOUT_FOUR.items()):
            if key in NEEDS_SOFFICE:
                continue  # the same SOP as its Word document; parsed above
            with self.subTest(key), tempfile.TemporaryDirectory() as tmp:
                response = uploaded_preview(self.client, write(Path(tmp)))
                self.assertContains(response, expected.name)
                rows = response.context["rows"]
                self.assertEqual([f.initial["actor"] for f, _p in rows], expected.step_actors)
                data = preview_data(rows)
                if key in TIMED_BY_USER:
                    # The step whose Waktu is "Sesuai kebutuhan" shows its problem there; the user types the time in.
                    step, _time = KIR_TIME
                    self.assertEqual([bool(p) for _f, p in rows], [n == step for n in range(1, len(rows) + 1)])
                    data.update({f"step-{step}-duration_value": "1", f"step-{step}-duration_unit": "day"})
                else:
                    self.assertEqual([p for _f, p in rows], [[]] * len(rows))
                response = self.client.post(response.request["PATH_INFO"], {**data, "save": "", "other_office": "on"})
                version = SopVersion.objects.filter(name=expected.name).latest("pk")
                # The same SOP as a document before it (another way of numbering) opens the comparison with it.
                self.assertIn(response["Location"], [f"/sop/versions/{version.pk}/", f"/sop/versions/{version.pk}/compare/"])
                steps = list(version.steps.select_related("actor").order_by("number"))
                self.assertEqual([s.actor.name for s in steps], expected.step_actors)
                self.assertEqual([(s.duration_value, s.duration_unit) for s in steps], expected.durations)
                self.assertEqual([a.name for a in version.actors.all() if a.external], expected.outside)

    def test_the_command_line_imports_each_document(self) -> None:
        for key, (write, expected) in sorted(TRYOUT_FOUR.items()):
            if not _can_write(key):
                continue
            with self.subTest(key), tempfile.TemporaryDirectory() as tmp:
                times = ["--time", f"{KIR_TIME[0]}={KIR_TIME[1]}"] if key in TIMED_BY_USER else []
                out = StringIO()
                call_command("sop", "import", str(write(Path(tmp))), "--json", "--office", self.office.code,
                             "--other-office", "--draft", *times, stdout=out, stderr=StringIO())
                data = json.loads(out.getvalue())
                self.assertEqual([s["actor"] for s in data["steps"]], expected.step_actors)
                self.assertEqual([(s["duration"]["value"], s["duration"]["unit"]) for s in data["steps"]],
                                 [(int(v), u) for v, u in expected.durations])

    def test_the_command_line_refuses_the_unset_time_and_saves_nothing(self) -> None:
        before = SopVersion.objects.count()
        with tempfile.TemporaryDirectory() as tmp, self.assertRaises(CommandError) as raised:
            call_command("sop", "import", str(write_kir(Path(tmp))), "--office", self.office.code, "--other-office",
                         stdout=StringIO(), stderr=StringIO())
        self.assertIn(KIR_PROBLEM, str(raised.exception))
        self.assertEqual(SopVersion.objects.count(), before)
