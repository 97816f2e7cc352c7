from django.utils.translation import gettext_lazy as _

from kinerja.appconfig import KinerjaAppConfig


class CorrespondenceConfig(KinerjaAppConfig):
    default = True
    name = "kinerja.correspondence"
    label = "correspondence"
    verbose_name = _("Correspondence")

    def ready(self) -> None:
        super().ready()
        from kinerja.workflow import inbox_extensions, reminders

        from .inbox import follow_up_items, task_acts
        from .reminders import send_follow_up_reminders

        inbox_extensions.register(follow_up_items)
        inbox_extensions.register_task_acts(task_acts)
        from kinerja.workflow.extensions import register_case_records, register_completion_check

        from .workflow_link import case_records, completion_hold

        register_case_records("correspondence", case_records)
        register_completion_check("correspondence", completion_hold)
        reminders.register_sender(send_follow_up_reminders)
