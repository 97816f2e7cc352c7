from django.utils.translation import gettext_lazy as _

from kinerja.appconfig import KinerjaAppConfig


class WebConfig(KinerjaAppConfig):
    name = "kinerja.web"
    label = "web"
    verbose_name = _("Web")
