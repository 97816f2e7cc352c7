from django.utils.translation import gettext_lazy as _

from kinerja.appconfig import KinerjaAppConfig


class PerformanceConfig(KinerjaAppConfig):
    # apps.py also imports KinerjaAppConfig: name this one the default, or Django falls back to a plain
    # AppConfig whose ready() never imports cli.py.
    default = True
    name = "kinerja.performance"
    label = "performance"
    verbose_name = _("Performance data")
