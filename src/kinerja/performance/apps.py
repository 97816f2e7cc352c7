from django.utils.translation import gettext_lazy as _

from kinerja.appconfig import KinerjaAppConfig


class PerformanceConfig(KinerjaAppConfig):
    name = "kinerja.performance"
    label = "performance"
    verbose_name = _("Performance data")
