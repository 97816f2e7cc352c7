from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from kinerja.backup import make_backup
from kinerja.verbs import KinerjaCommand


class Command(KinerjaCommand):
    help = "Write a consistent backup of the database and stored files to one .tar.gz file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", type=Path, required=True, help="The backup file to write.")

    def handle(self, *args: Any, output: Path, **options: Any) -> None:
        manifest = make_backup(output)
        self.stdout.write(f"Backup of the {manifest['engine']} database and files written to {output}.")
