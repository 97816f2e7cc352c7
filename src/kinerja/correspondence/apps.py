from django.utils.translation import gettext_lazy as _

from kinerja.appconfig import KinerjaAppConfig


class CorrespondenceConfig(KinerjaAppConfig):
    default = True
    name = "kinerja.correspondence"
    label = "correspondence"
    verbose_name = _("Correspondence")
