"""`kinerja sop render ID --format … -o FILE`, through call_command and through the real console script."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.base import KinerjaTestCase
from tests.sop.test_render_flowchart import make_version

KINERJA = Path(sys.executable).parent / "kinerja"
ROOT = Path(__file__).resolve().parents[2]


class RenderCommandTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.version = make_version(self.office, 5, 3, returns={5: [3]})
        self.dir = Path(tempfile.mkdtemp())

    def test_it_writes_each_format_to_the_file(self) -> None:
        for fmt, start in [("pdf", b"%PDF-"), ("html", b"<!DOCTYPE html>"), ("svg", b"<svg"), ("bpmn", b"<?xml")]:
            with self.subTest(fmt=fmt):
                out = StringIO()
                target = self.dir / f"sop.{fmt}"
                call_command("sop", "render", str(self.version.pk), "--format", fmt, "-o", str(target), stdout=out)
                self.assertTrue(target.read_bytes().startswith(start))
                self.assertIn(str(target), out.getvalue())

    def test_it_names_an_unknown_id(self) -> None:
        with self.assertRaisesMessage(CommandError, "999999"):
            call_command("sop", "render", "999999", "--format", "svg", "-o", str(self.dir / "x.svg"))
        self.assertFalse((self.dir / "x.svg").exists())

    @pytest.mark.own_sqlite
    def test_it_runs_as_the_kinerja_console_script(self) -> None:
        data_dir = self.dir / "data"
        # A fresh installation on SQLite in a temporary data directory, whatever database the suite uses.
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
        env |= {"KINERJA_DATA_DIR": str(data_dir), "KINERJA_DEBUG": "1"}
        missing = subprocess.run([str(KINERJA), "sop", "render", "4242", "--format", "bpmn", "-o",
                                  str(self.dir / "missing.bpmn")], env=env, capture_output=True, text=True, timeout=300)
        self.assertEqual(missing.returncode, 1, missing.stderr)
        self.assertIn("4242", missing.stderr)
        self.assertNotIn("Traceback", missing.stderr)
        # A version in that installation's own database, made with the ORM through `kinerja manage shell`.
        script = ("from tests.sop.test_render_flowchart import make_version; from kinerja.org.models import Office; "
                  "o = Office.objects.create(code='cli', name='Dinas Uji', short_name='Uji', city='Kota Uji'); "
                  "print(make_version(o, 4, 2, returns={4: [2]}).pk)")
        made = subprocess.run([str(KINERJA), "manage", "shell", "-c", script], env={**env, "PYTHONPATH": str(ROOT)},
                              capture_output=True, text=True, timeout=300)
        self.assertEqual(made.returncode, 0, made.stderr)
        target = self.dir / "sop.bpmn"
        done = subprocess.run([str(KINERJA), "sop", "render", made.stdout.strip().splitlines()[-1], "--format", "bpmn",
                               "-o", str(target)], env=env, capture_output=True, text=True, timeout=300)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(len(ET.parse(target).getroot().findall(".//{*}userTask")), 4)
