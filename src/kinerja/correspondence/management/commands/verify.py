"""`kinerja verify FILE`: checks a signed PDF offline with the same logic as the public page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kinerja.correspondence.verification import verify_pdf


class Command(BaseCommand):
    help = ("Check a signed PDF: intact, from a trusted certificate, and in the register (exit 0 when valid, and for a "
            "sound demonstration signature, which the output names as such).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The PDF file to check.")

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        if not path.is_file():
            raise CommandError(_("%(path)s: there is no such file.") % {"path": path})
        verdict = verify_pdf(path.read_bytes())
        lines = verdict.summary()
        if not verdict.valid:
            raise CommandError(f"{path.name}: " + "\n".join(lines))
        self.stdout.write(f"{path.name}: " + "\n".join(lines))
