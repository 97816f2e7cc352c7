"""The harness shared by the rounds of tryout documents (tests/sop/tryouts_three.py, tryouts_four.py, …): each round
is a `TryoutRound` naming its documents, those that need LibreOffice, the one step whose time the user must type in
and the message refusing it; `check_document` reads one document as written and `TryoutRoundImportMixin` brings the
same documents through the upload page (preview, then save) and `kinerja sop import`."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from kinerja.sop.importers import parse_document
from kinerja.sop.importers.draft import SopDraft
from kinerja.sop.models import SopVersion

from .offices import preview_data, uploaded_preview
from .tryouts import Expected


@dataclass(frozen=True)
class TryoutRound:
    documents: dict[str, tuple[Callable[[Path], Path], Expected]]
    # Without LibreOffice (`make test` installs it, scripts/sysdeps.sh) these PDFs cannot be made; CI must have it.
    needs_soffice: tuple[str, ...]
    # The documents with one step whose Waktu sets no time: the problem named on it (key -> message), the step's
    # number and the time the user gives it, as `--time` takes it and as the preview's two fields take it.
    problems: dict[str, str]
    user_time: tuple[int, str]
    form_time: tuple[str, str]
    # The document the command line refuses for that step, and the message (or its part) it must show.
    refused: Callable[[Path], Path]
    refusal: tuple[str, ...]
    # What a round checks besides (the draft, the document's key).
    extra_checks: tuple[Callable[[SopDraft, str], None], ...] = field(default=())

    def can_write(self, key: str) -> bool:
        if key in self.needs_soffice and shutil.which("soffice") is None:
            assert not os.environ.get("CI"), "LibreOffice is missing: `make test` installs it"
            return False
        return True

    def check_document(self, tmp_path: Path, key: str) -> None:
        """The document `key` reads as written: its name, actors, steps' actors, times, inputs, outputs, activities
        and returns, with only the expected problem and no warning."""
        import pytest

        if not self.can_write(key):
            pytest.skip("LibreOffice is not installed (`make test` installs it)")
        write, expected = self.documents[key]
        draft = parse_document(write(tmp_path))
        assert [str(p) for p in draft.problems] == ([self.problems[key]] if key in self.problems else [])
        assert (draft.name, draft.number) == (expected.name, expected.number)
        assert draft.actors == expected.actors
        assert [s.number for s in draft.steps] == list(range(1, len(expected.step_actors) + 1))
        assert [s.actor for s in draft.steps] == expected.step_actors
        durations = [(s.duration_value, s.duration_unit) for s in draft.steps]
        if key in self.problems:
            step = self.user_time[0]
            assert durations[step - 1] == (None, "")
            durations[step - 1] = expected.durations[step - 1]
        assert durations == expected.durations
        assert {n: draft.step(n).inputs for n in expected.inputs} == expected.inputs
        assert {n: draft.step(n).output for n in expected.outputs} == expected.outputs
        for n, part in expected.activity_parts.items():
            assert part in draft.step(n).activity
        assert {s.number: s.returns_to for s in draft.steps if s.returns_to} == expected.returns
        assert draft.warnings == []
        for check in self.extra_checks:
            check(draft, key)


class TryoutRoundImportMixin:
    """Mixed into a KinerjaTestCase with `tryouts` set to the round: its documents through the upload page and the
    command line."""

    tryouts: TryoutRound

    def test_the_upload_page_previews_and_saves_each_document(self) -> None:
        self.client.force_login(self.subsection_head)
        for key, (write, expected) in sorted(self.tryouts.documents.items()):
            if key in self.tryouts.needs_soffice:
                continue  # the same SOPs as their Word documents; parsed by check_document
            with self.subTest(key), tempfile.TemporaryDirectory() as tmp:
                response = uploaded_preview(self.client, write(Path(tmp)))
                self.assertContains(response, expected.name)
                rows = response.context["rows"]
                self.assertEqual([f.initial["actor"] for f, _p in rows], expected.step_actors)
                data = preview_data(rows)
                if key in self.tryouts.problems:
                    # The step whose Waktu sets no time shows its problem there; the user types the time in.
                    step = self.tryouts.user_time[0]
                    self.assertEqual([bool(p) for _f, p in rows], [n == step for n in range(1, len(rows) + 1)])
                    value, unit = self.tryouts.form_time
                    data.update({f"step-{step}-duration_value": value, f"step-{step}-duration_unit": unit})
                else:
                    self.assertEqual([p for _f, p in rows], [[]] * len(rows))
                response = self.client.post(response.request["PATH_INFO"], {**data, "save": "", "other_office": "on"})
                version = SopVersion.objects.filter(name=expected.name).latest("pk")
                # The same SOP as a document before it in the round opens the comparison with it.
                self.assertIn(response["Location"], [f"/sop/versions/{version.pk}/", f"/sop/versions/{version.pk}/compare/"])
                steps = list(version.steps.select_related("actor").order_by("number"))
                self.assertEqual([s.actor.name for s in steps], expected.step_actors)
                self.assertEqual([(s.duration_value, s.duration_unit) for s in steps], expected.durations)
                self.assertEqual([a.name for a in version.actors.all() if a.external], expected.outside)

    def test_the_command_line_imports_each_document(self) -> None:
        step, time = self.tryouts.user_time
        for key, (write, expected) in sorted(self.tryouts.documents.items()):
            if not self.tryouts.can_write(key):
                continue
            with self.subTest(key), tempfile.TemporaryDirectory() as tmp:
                times = ["--time", f"{step}={time}"] if key in self.tryouts.problems else []
                out = StringIO()
                call_command("sop", "import", str(write(Path(tmp))), "--json", "--office", self.office.code,
                             "--other-office", "--draft", *times, stdout=out, stderr=StringIO())
                data = json.loads(out.getvalue())
                self.assertEqual([s["actor"] for s in data["steps"]], expected.step_actors)
                self.assertEqual([(s["duration"]["value"], s["duration"]["unit"]) for s in data["steps"]],
                                 [(int(v), u) for v, u in expected.durations])

    def test_the_command_line_refuses_the_step_without_a_time_and_saves_nothing(self) -> None:
        before = SopVersion.objects.count()
        with tempfile.TemporaryDirectory() as tmp, self.assertRaises(CommandError) as raised:
            call_command("sop", "import", str(self.tryouts.refused(Path(tmp))), "--office", self.office.code,
                         "--other-office", stdout=StringIO(), stderr=StringIO())
        for part in self.tryouts.refusal:
            self.assertIn(part, str(raised.exception))
        self.assertEqual(SopVersion.objects.count(), before)
