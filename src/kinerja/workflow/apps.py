from django.utils.translation import gettext_lazy as _

from kinerja.appconfig import KinerjaAppConfig


class WorkflowConfig(KinerjaAppConfig):
    name = "kinerja.workflow"
    label = "workflow"
    verbose_name = _("Workflow")
