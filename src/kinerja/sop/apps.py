from django.utils.translation import gettext_lazy as _

from kinerja.appconfig import KinerjaAppConfig


class SopConfig(KinerjaAppConfig):
    name = "kinerja.sop"
    label = "sop"
    verbose_name = _("SOP documents")
