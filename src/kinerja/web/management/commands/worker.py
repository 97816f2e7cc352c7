from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandParser

from kinerja.verbs import KinerjaCommand


class Command(KinerjaCommand):
    help = "Run the background worker (reminders, large reports) from the database task queue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")

    def handle(self, *args: Any, batch: bool, **options: Any) -> None:
        call_command("db_worker", queue_name="*", batch=batch, reload=False, verbosity=options["verbosity"])
