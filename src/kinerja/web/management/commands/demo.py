from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.org import demo

# Each app may add its demo records with kinerja.<app>.demo.load(office) (idempotent).
APPS = ["sop", "workflow", "performance", "correspondence"]


class Command(BaseCommand):
    help = "Load the demo office (idempotent) and print its logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--city", action="store_true",
                            help="Also generate a city of offices for benchmarks (slow).")
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    def handle(self, *args: Any, city: bool, quiet: bool, **options: Any) -> None:
        if not settings.DEMO:
            raise CommandError("The demo office has a published password and is refused in production "
                               "settings. Set KINERJA_DEMO=1 for a demo installation.")
        office, created = demo.load()
        for app in APPS:
            if find_spec(f"kinerja.{app}.demo"):
                module = import_module(f"kinerja.{app}.demo")
                module.load(office)
                if city and hasattr(module, "load_city"):
                    module.load_city()
        if quiet:
            return
        self.stdout.write(("Loaded" if created else "Found") + f" the demo office: {office.name}.")
        self.stdout.write(f"Demo logins (password: {settings.DEMO_PASSWORD}):")
        for username, key in demo.DEMO_LOGINS:
            self.stdout.write(f"  {username:<11} {key}")
