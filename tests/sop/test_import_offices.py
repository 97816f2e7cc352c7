"""SOPs of other offices (tests/sop/offices.py), laid out as those offices lay them out, read as a new
customer would bring them: every step, its actor, its time, its returns and the identity block."""

from __future__ import annotations

import json
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from kinerja.sop.importers import parse_document
from kinerja.sop.models import SopVersion
from tests.base import KinerjaTestCase

from .offices import OFFICE_SOPS, preview_data, uploaded_preview

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize("key", sorted(OFFICE_SOPS))
def test_it_reads_the_sop_of_another_office(tmp_path: Path, key: str) -> None:
    write, expected = OFFICE_SOPS[key]
    draft = parse_document(write(tmp_path))
    expected.check(draft)
    # Nothing of a signature block below the table is taken into a step.
    assert not any("NIP" in f"{s.activity} {s.inputs} {s.output} {s.note}" for s in draft.steps)


class OfficeSopUploadTestCase(KinerjaTestCase):
    """The same documents through the upload page (preview, then save) and `kinerja sop import`."""

    def test_the_upload_page_previews_and_saves_each_document_as_read(self) -> None:
        self.client.force_login(self.subsection_head)
        for key, (write, expected) in sorted(OFFICE_SOPS.items()):
            with self.subTest(key), tempfile.TemporaryDirectory() as tmp:
                path = write(Path(tmp))
                response = uploaded_preview(self.client, path)
                rows = response.context["rows"]
                self.assertEqual([problems for _f, problems in rows], [[]] * len(expected.step_actors))
                self.assertEqual([f.initial["actor"] for f, _p in rows], expected.step_actors)
                data = preview_data(rows)
                # Each is another office's SOP imported into the demo Dinas Koperasi: the preview says so and
                # stores it once the user confirms.
                self.assertTrue(response.context["foreign"])
                refused = self.client.post(response.request["PATH_INFO"], {**data, "save": ""})
                self.assertEqual(refused.status_code, 400)
                self.assertFalse(SopVersion.objects.filter(name=expected.name).exists())
                response = self.client.post(response.request["PATH_INFO"], {**data, "save": "", "other_office": "on"})
                version = SopVersion.objects.get(name=expected.name)
                self.assertRedirects(response, f"/sop/versions/{version.pk}/")
                steps = list(version.steps.select_related("actor").prefetch_related("returns_to").order_by("number"))
                self.assertEqual([s.actor.name for s in steps], expected.step_actors)
                self.assertEqual([(s.duration_value, s.duration_unit) for s in steps], expected.durations)
                self.assertEqual({s.number: sorted(r.number for r in s.returns_to.all()) for s in steps
                                  if s.returns_to.all()}, expected.returns)
                self.assertContains(self.client.get(f"/sop/versions/{version.pk}/"), expected.number)

    def test_the_command_line_imports_and_plans_each_document(self) -> None:
        for key, (write, expected) in sorted(OFFICE_SOPS.items()):
            with self.subTest(key), tempfile.TemporaryDirectory() as tmp:
                path = write(Path(tmp))
                out = StringIO()
                # Another office's SOP (see above): stored with --other-office.
                call_command("sop", "import", str(path), "--json", "--office", self.office.code, "--other-office",
                             stdout=out, stderr=StringIO())
                data = json.loads(out.getvalue())
                self.assertEqual([s["actor"] for s in data["steps"]], expected.step_actors)
                out = StringIO()
                call_command("sop", "plan", str(path), "--start", "2025-03-24T08:00:00+07:00", "--json", stdout=out)
                planned = json.loads(out.getvalue())["steps"]
                self.assertEqual([p["actor"] for p in planned], expected.step_actors)
                self.assertEqual(planned[0]["starts"], "2025-03-24T08:00:00+07:00")
