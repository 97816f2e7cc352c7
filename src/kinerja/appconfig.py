"""The AppConfig every domain app uses: on ready() it imports the app's `cli` and `cli_<part>`
modules, where CLI verbs register themselves (see verbs.py)."""

import pkgutil
from importlib import import_module

from django.apps import AppConfig


class KinerjaAppConfig(AppConfig):
    def ready(self) -> None:
        package = import_module(self.name)
        for module in sorted(m.name for m in pkgutil.iter_modules(package.__path__)):
            if module == "cli" or module.startswith("cli_"):
                import_module(f"{self.name}.{module}")
