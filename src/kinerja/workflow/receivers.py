"""The engine listens to the office calendar: a day an administrator adds, changes or removes (the
admin, the demo, a script) moves the due dates of the open tasks whose time runs over it
(actions.move_due_dates), once the change is committed. A day moved to another date changes the
calendar on both: the tasks over the date it left move back, those over its new date move on.

Office hours added, changed or removed, and a changed time zone of the office, change the calendar of
every day: all the office's open tasks are counted again, once per transaction and office
(_recount_after_commit). The admin saves an office's hours as one row per weekday, each with its own signal,
and its time zone with them: one recount after the commit finds the calendar as the whole form left it.

Saves that send no signal (QuerySet.update, bulk_create, bulk_update) move nothing: scripts that use them
call actions.move_due_dates themselves. In the product the only such write of these rows is
org.actions.add_default_hours, the hours of a new office, which has no task yet. QuerySet.delete (the
admin's "Delete selected" of special days, an office deleted with its hours and days) does send post_delete
for each row, so those move due dates (tests/workflow/test_calendar_changes.py, BulkChangesTestCase).

Holdings need no receiver: an open task belongs to its position and to whoever holds it on the day (access.py),
read by every page and reminder run, so a holding added, ended or imported changes who sees the work and is
reminded of it without any write to the tasks."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from kinerja.org.models import Office, OfficeHours, SpecialDay


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


@receiver(pre_save, sender=OfficeHours, dispatch_uid="workflow_office_hours_saving")
def office_hours_saving(sender: type[OfficeHours], instance: OfficeHours, **kwargs: Any) -> None:
    # The office the row had before (a script may give a row to another office): its hours change too.
    before = OfficeHours.objects.filter(pk=instance.pk).values_list("office_id", flat=True).first() if instance.pk else None
    instance._calendar_before = before  # type: ignore[attr-defined]


@receiver(post_save, sender=OfficeHours, dispatch_uid="workflow_office_hours_saved")
@receiver(post_delete, sender=OfficeHours, dispatch_uid="workflow_office_hours_deleted")
def office_hours_changed(sender: type[OfficeHours], instance: OfficeHours, **kwargs: Any) -> None:
    from .actions import HOURS_CHANGED

    changed = {instance.office_id}
    before = instance.__dict__.pop("_calendar_before", None)
    if before is not None:
        changed.add(before)
    for office_id in sorted(changed):
        _recount_after_commit(office_id, HOURS_CHANGED)


@receiver(pre_save, sender=Office, dispatch_uid="workflow_office_saving")
def office_saving(sender: type[Office], instance: Office, **kwargs: Any) -> None:
    # The time zone before this save: only a change of it moves due dates, not a new address or logo.
    before = Office.objects.filter(pk=instance.pk).values_list("time_zone", flat=True).first() if instance.pk else None
    instance._time_zone_before = before  # type: ignore[attr-defined]


@receiver(post_save, sender=Office, dispatch_uid="workflow_office_saved")
def office_saved(sender: type[Office], instance: Office, created: bool, **kwargs: Any) -> None:
    from .actions import TIME_ZONE_CHANGED

    before = instance.__dict__.pop("_time_zone_before", None)
    if created or before is None or before == instance.time_zone:
        return
    _recount_after_commit(instance.pk, TIME_ZONE_CHANGED)


def _recount_after_commit(office_id: int, change: str) -> None:
    """Counts all the office's open tasks again once the transaction commits, unless a recount of that office
    is queued in it already: the admin's one save of seven weekday rows (and the time zone) asked for up to
    eight, each but the first finding nothing to move. The queue is the connection's own list of callbacks,
    so a recount queued in a savepoint rolled back is gone from it and the next change queues it again; the
    first change names the recount in the case's history (the time zone, which the admin saves first)."""
    from .actions import move_due_dates

    connection = transaction.get_connection()
    if connection.in_atomic_block and any(getattr(queued, "recounts_office", None) == office_id
                                          and not queued.ran for _, queued, _ in connection.run_on_commit):
        return

    def recount() -> None:
        recount.ran = True  # type: ignore[attr-defined]  # (a test's captured callbacks stay in the list)
        move_due_dates(office_id, change=change)

    recount.recounts_office, recount.ran = office_id, False  # type: ignore[attr-defined]
    transaction.on_commit(recount)
