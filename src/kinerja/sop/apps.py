from django.utils.translation import gettext_lazy as _

from kinerja.appconfig import KinerjaAppConfig


class SopConfig(KinerjaAppConfig):
    # apps.py also imports KinerjaAppConfig, so Django would see two candidates and fall back to a plain
    # AppConfig (whose ready() never imports cli.py): name this one the default.
    default = True
    name = "kinerja.sop"
    label = "sop"
    verbose_name = _("SOP documents")
