"""Who sent work back, and why: the "Belum sesuai" that opened a returned round.

A return closes the task with status RETURNED, its reason and who did it, and opens the target step's next
round at that same moment (actions.return_task). So the return that opened a task is the returned task of
its case finished at the moment the task opened. The case page shows it on the card of the task, the
e-mail about returned work quotes it (notify.py), and so does the list of notifications.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import Task


def sent_back(opened: Iterable[Task], tasks: Iterable[Task] | None = None) -> dict[int, Task]:
    """The return that opened each task of `opened`, by that task's id; a task no return opened is left
    out. `tasks`: the cases' tasks when the caller read them already (the case page), searched without a
    query; otherwise one query for every case at once, with the step and the person who sent it back."""
    opened = list(opened)
    if not opened:
        return {}
    if tasks is None:
        tasks = (Task.objects.filter(status=Task.Status.RETURNED, case_id__in={t.case_id for t in opened},
                                     done_at__in={t.opened_at for t in opened})
                 .select_related("step", "done_by__person"))
    returns: dict[tuple[int, object], Task] = {}
    for t in tasks:
        if t.status == Task.Status.RETURNED:
            returns.setdefault((t.case_id, t.done_at), t)
    return {t.pk: back for t in opened if (back := returns.get((t.case_id, t.opened_at))) is not None}
