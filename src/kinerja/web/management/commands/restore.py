from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from kinerja.backup import restore_backup
from kinerja.verbs import KinerjaCommand


class Command(KinerjaCommand):
    help = "Restore a backup made by 'kinerja backup' into this data directory and database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The backup file.")
        parser.add_argument("--force", action="store_true", help="Replace an existing SQLite database.")

    def handle(self, *args: Any, file: Path, force: bool, **options: Any) -> None:
        manifest = restore_backup(file, force=force)
        self.stdout.write(f"Restored the backup made at {manifest['created_at']}.")
