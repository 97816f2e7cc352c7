from django.utils.translation import gettext_lazy as _

from kinerja.appconfig import KinerjaAppConfig


class WebConfig(KinerjaAppConfig):
    default = True
    name = "kinerja.web"
    label = "web"
    verbose_name = _("Web")

    def ready(self) -> None:
        super().ready()
        from django.contrib.auth.signals import user_logged_in

        from .language import chosen_at_sign_in

        user_logged_in.connect(chosen_at_sign_in, dispatch_uid="kinerja.web.chosen_at_sign_in")
