"""`kinerja verify FILE`: checks a signed PDF offline with the same logic as the public page.

Exit status: 0 a valid signature; 1 not valid (the reason on stderr); 2 a usage error (argparse's);
DEMO_EXIT (3) an intact signature made with the demonstration certificate, which is not legally valid: a
script that checks `$?` must not take it for a valid one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from kinerja.verbs import KinerjaCommand

DEMO_EXIT = 3


class Command(KinerjaCommand):
    help = ("Check a signed PDF: intact, from a trusted certificate, and in the register. Exit status: 0 valid; "
            f"1 not valid, with the reason; 2 a usage error; {DEMO_EXIT} an intact demonstration signature (demo "
            "certificate), which is not legally valid (the first line of the output says so).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The PDF file to check.")

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        if not path.is_file():
            raise CommandError(_("%(path)s: there is no such file.") % {"path": path})
        # Here, not at the top: `kinerja --help` loads every command, and this brings pyHanko and cryptography.
        from kinerja.correspondence.verification import verify_pdf

        verdict = verify_pdf(path.read_bytes())
        lines = verdict.summary()
        if not verdict.valid:
            raise CommandError(f"{path.name}: " + "\n".join(lines))
        self.stdout.write(f"{path.name}: " + "\n".join(lines))
        if verdict.state == "demo":
            self.stdout.flush()
            raise SystemExit(DEMO_EXIT)
