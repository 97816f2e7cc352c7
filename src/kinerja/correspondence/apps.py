from django.utils.translation import gettext_lazy as _

from kinerja.appconfig import KinerjaAppConfig


class CorrespondenceConfig(KinerjaAppConfig):
    default = True
    name = "kinerja.correspondence"
    label = "correspondence"
    verbose_name = _("Correspondence")

    def ready(self) -> None:
        super().ready()
        from kinerja.workflow import inbox_extensions

        from .inbox import follow_up_items

        inbox_extensions.register(follow_up_items)
