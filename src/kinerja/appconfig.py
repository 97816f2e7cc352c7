"""The AppConfig every domain app uses: on ready() it imports the app's `cli` and `cli_<part>`
modules, where CLI verbs register themselves (see verbs.py). Also the AppConfig of the task queue's
app, with an Indonesian name.

Every `kinerja` command and every web worker runs ready(), so those modules (and the hooks the apps
register in their own ready()) import the actions, importers and renderers inside the verbs that use
them: at the top they cost each command about half a second (`python -X importtime -m kinerja --help`)."""

import pkgutil
from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class KinerjaAppConfig(AppConfig):
    def ready(self) -> None:
        package = import_module(self.name)
        for module in sorted(m.name for m in pkgutil.iter_modules(package.__path__)):
            if module == "cli" or module.startswith("cli_"):
                import_module(f"{self.name}.{module}")


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks-db (the database task queue) named in the office's language on the administration's
    index: its own AppConfig names itself in English with a plain string, which no catalogue can
    translate. The rest of its texts (the task list's columns and states) are translated by the
    catalogue in kinerja/vendor/locale, as Django lets a project translate another package's strings."""

    verbose_name = _("Background work")
