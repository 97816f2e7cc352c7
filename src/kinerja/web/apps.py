from django.utils.translation import gettext_lazy as _

from kinerja.appconfig import KinerjaAppConfig


class WebConfig(KinerjaAppConfig):
    default = True
    name = "kinerja.web"
    label = "web"
    verbose_name = _("Web")
