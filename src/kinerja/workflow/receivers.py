"""The engine listens to the office calendar: a day an administrator adds, changes or removes (the
admin, the demo, a script) moves the due dates of the open tasks whose time runs over it
(actions.move_due_dates), once the change is committed. A day moved to another date changes the
calendar on both: the tasks over the date it left move back, those over its new date move on."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from kinerja.org.models import SpecialDay


@receiver(pre_save, sender=SpecialDay, dispatch_uid="workflow_special_day_saving")
def special_day_saving(sender: type[SpecialDay], instance: SpecialDay, **kwargs: Any) -> None:
    # The office and date the row had before this save (none for a new row): a corrected date in the
    # admin frees the day it leaves, which post_save alone would not see.
    before = SpecialDay.objects.filter(pk=instance.pk).values_list("office_id", "date").first() if instance.pk else None
    instance._calendar_before = before  # type: ignore[attr-defined]


@receiver(post_save, sender=SpecialDay, dispatch_uid="workflow_special_day_saved")
@receiver(post_delete, sender=SpecialDay, dispatch_uid="workflow_special_day_deleted")
def special_day_changed(sender: type[SpecialDay], instance: SpecialDay, **kwargs: Any) -> None:
    from .actions import move_due_dates

    changed = {(instance.office_id, instance.date)}
    before = instance.__dict__.pop("_calendar_before", None)  # once: a later delete of it reads anew
    if before is not None:
        changed.add(before)
    for office_id, day in sorted(changed, key=lambda pair: (pair[1], pair[0])):
        transaction.on_commit(lambda office_id=office_id, day=day: move_due_dates(office_id, day))
