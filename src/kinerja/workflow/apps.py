from django.utils.translation import gettext_lazy as _

from kinerja.appconfig import KinerjaAppConfig


class WorkflowConfig(KinerjaAppConfig):
    # apps.py also imports KinerjaAppConfig: name this one the default, or Django falls back to a plain
    # AppConfig whose ready() never imports cli.py.
    default = True
    name = "kinerja.workflow"
    label = "workflow"
    verbose_name = _("Workflow")

    def ready(self) -> None:
        super().ready()
        from . import receivers  # noqa: F401  (connects the office calendar's signals)
