"""An SOP whose procedure table has no Waktu column under Mutu Baku: it is read with every step's time
missing and one problem for the whole document naming the column and the steps; the upload preview
lets the user type each time and refuses to save while one is missing; the command line, which cannot
ask, refuses it naming the column and the steps."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from kinerja.sop import actions
from kinerja.sop.importers import SopImportError, parse_document, read_document
from kinerja.sop.models import Sop, SopVersion
from tests.base import KinerjaTestCase

from .documents import sop_text, sop_workbook, write

STEPS = [("Menyusun konsep laporan", "", "JFU"), ("Memeriksa konsep laporan", "", "Kasubbag"),
         ("Menandatangani laporan", "", "Kadis")]
UNTIMED = sop_text(["Kadis", "Kasubbag", "JFU"], STEPS, name="SOP TANPA WAKTU", timed=False)


@pytest.mark.parametrize("kind", ["txt", "xlsx"])
def test_a_table_without_waktu_is_read_with_every_time_missing(tmp_path: Path, kind: str, english: None) -> None:
    path = write(tmp_path, UNTIMED) if kind == "txt" else sop_workbook(tmp_path / "sop.xlsx", [("SOP", UNTIMED)])
    draft = parse_document(path)
    assert [s.actor for s in draft.steps] == ["JFU", "Kasubbag", "Kadis"]
    assert draft.actors == ["Kadis", "Kasubbag", "JFU"]
    assert [s.duration_value for s in draft.steps] == [None, None, None]
    assert [s.output for s in draft.steps] == ["hasil 1", "hasil 2", "hasil 3"]
    [problem] = draft.problems
    assert (problem.step, problem.column) == (None, "Waktu")
    assert "no Waktu column under Mutu Baku" in str(problem)
    assert "(steps 1, 2, 3)" in str(problem)
    with pytest.raises(SopImportError, match="no Waktu column"):
        read_document(path)


def test_a_table_with_waktu_still_reads_its_times(tmp_path: Path) -> None:
    timed = sop_text(["Kadis", "Kasubbag", "JFU"], [(a, "2 jam", m) for a, _t, m in STEPS])
    draft = parse_document(write(tmp_path, timed))
    assert draft.problems == []
    assert [(s.duration_value, s.duration_unit) for s in draft.steps] == [(Decimal(2), "hour")] * 3


class MissingTimeUploadTestCase(KinerjaTestCase):
    def start(self, name: str, data: bytes) -> str:
        self.client.force_login(self.subsection_head)
        response = self.client.post("/sop/upload/", {"document": SimpleUploadedFile(name, data)})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        return response["Location"]

    def posted(self, response, **changes: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
        data = {}
        for form, _problems in response.context["rows"]:
            for name in form.fields:
                value = form.initial.get(name, "")
                data[f"{form.prefix}-{name}"] = "" if value is None else str(value)
        data.update(changes, save="")
        return data

    def check_the_flow(self, preview_url: str) -> None:
        response = self.client.get(preview_url)
        self.assertContains(response, "Periksa:")
        self.assertContains(response, "tidak mempunyai kolom Waktu di bawah Mutu Baku")
        # Nothing saved while a step has no time; the error names the steps, each row its own.
        data = self.posted(response, **{"step-1-duration_value": "2", "step-1-duration_unit": "hour"})
        response = self.client.post(preview_url, data)
        self.assertContains(response, "Tidak ada yang disimpan: ketik waktu baku (angka dan satuan) langkah 2, 3.",
                            status_code=400)
        forms = {f.step.number: f for f, _p in response.context["rows"]}
        self.assertIn("Langkah 3 belum mempunyai waktu baku", forms[3].errors["duration_value"][0])
        self.assertContains(response, 'value="2"', status_code=400)
        self.assertFalse(Sop.objects.exists())
        # A number without its unit is still missing.
        data.update({"step-2-duration_value": "30", "step-3-duration_value": "1", "step-3-duration_unit": "day"})
        response = self.client.post(preview_url, data)
        self.assertContains(response, "langkah 2.", status_code=400)
        self.assertFalse(Sop.objects.exists())
        data["step-2-duration_unit"] = "minute"
        response = self.client.post(preview_url, data)
        version = SopVersion.objects.get()
        self.assertRedirects(response, f"/sop/versions/{version.pk}/")
        self.assertEqual([(s.duration_value, s.duration_unit) for s in version.steps.order_by("number")],
                         [(Decimal(2), "hour"), (Decimal(30), "minute"), (Decimal(1), "day")])

    def test_the_user_types_each_time_of_a_text_document(self) -> None:
        self.check_the_flow(self.start("tanpa-waktu.txt", UNTIMED.encode()))

    def test_the_user_types_each_time_of_a_workbook(self) -> None:
        path = sop_workbook(Path(tempfile.mkdtemp()) / "tanpa-waktu.xlsx", [("SOP", UNTIMED)])
        self.check_the_flow(self.start("tanpa-waktu.xlsx", path.read_bytes()))


@pytest.mark.usefixtures("english")
class MissingTimeCommandTestCase(KinerjaTestCase):
    def test_the_command_refuses_it_naming_the_column_and_the_steps(self) -> None:
        from io import StringIO

        from django.core.management import CommandError

        path = write(Path(tempfile.mkdtemp()), UNTIMED)
        for extra in ([], ["--dry-run"]):
            with self.assertRaises((CommandError, SopImportError)) as caught:
                call_command("sop", "import", str(path), "--office", self.office.code, *extra, stdout=StringIO())
            self.assertIn("column Waktu: the procedure table has no Waktu column under Mutu Baku", str(caught.exception))
            self.assertIn("(steps 1, 2, 3)", str(caught.exception))
        self.assertFalse(Sop.objects.exists())
        self.assertFalse(actions.find_sop(self.office, parse_document(path)))
