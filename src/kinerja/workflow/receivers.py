"""The engine listens to the office calendar: a day an administrator adds, changes or removes (the
admin, the demo, a script) moves the due dates of the open tasks whose time runs over it
(actions.move_due_dates), once the change is committed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kinerja.org.models import SpecialDay


@receiver(post_save, sender=SpecialDay, dispatch_uid="workflow_special_day_saved")
@receiver(post_delete, sender=SpecialDay, dispatch_uid="workflow_special_day_deleted")
def special_day_changed(sender: type[SpecialDay], instance: SpecialDay, **kwargs: Any) -> None:
    from .actions import move_due_dates

    office_id, day = instance.office_id, instance.date
    transaction.on_commit(lambda: move_due_dates(office_id, day))
