from django.utils.translation import gettext_lazy as _

from kinerja.appconfig import KinerjaAppConfig


class PerformanceConfig(KinerjaAppConfig):
    # apps.py also imports KinerjaAppConfig: name this one the default, or Django falls back to a plain
    # AppConfig whose ready() never imports cli.py.
    default = True
    name = "kinerja.performance"
    label = "performance"
    verbose_name = _("Performance data")

    def ready(self) -> None:
        super().ready()
        # A division's answer to a workflow request carries its indicator actuals (requests.py).
        from kinerja.workflow.extensions import (
            register_answer_extension,
            register_case_records,
            register_period_key,
            register_period_years,
        )

        from .requests import ActualsExtension, period_key, target_years
        from .signoff import case_records

        register_answer_extension("performance", ActualsExtension())
        # A data collection case links its period's check page and compile (signoff.py).
        register_case_records("performance", case_records)
        # "TW 1 2025" and "Triwulan I 2025" are one period: a second open data collection case about it is
        # refused (workflow actions.start_case).
        register_period_key("performance", period_key)
        # The years the office has targets for are offered as periods when a data collection case starts.
        register_period_years("performance", target_years)
        # A figure returned to its division waits in the inbox and on Beranda of its contact and head (returned.py).
        from kinerja.workflow.inbox_extensions import register_for_positions

        from .returned import returned_items

        register_for_positions(returned_items)
