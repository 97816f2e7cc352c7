from django.utils.translation import gettext_lazy as _

from kinerja.appconfig import KinerjaAppConfig


class OrgConfig(KinerjaAppConfig):
    default = True
    name = "kinerja.org"
    label = "org"
    verbose_name = _("Organisation")
