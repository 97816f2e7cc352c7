"""Running SOPs: cases, tasks, division requests, files, the hash-chained event log and notifications.

The engine is ours and relational on purpose. Every case, task, request and event is a row, so inboxes,
overdue lists and compliance statistics are plain queries, and a case's state does not grow with its
returns (a return closes one Task row and opens another). We do not build on SpiffWorkflow or viewflow:
SpiffWorkflow keeps a case as one serialized blob (about 12 KB for our 6-step SOP, growing with every
return; NOTES.md measured about 950 completions/s just to serialize it and read it back, before any
database write), it is LGPL-3.0, and neither it nor viewflow (AGPL for its workflow part) knows an
Indonesian business calendar or lets a running case keep its SOP version. SpiffWorkflow stays a test
and benchmark peer for our BPMN export.

Measured by bench/engine.py on the 2-core development machines (2026-11-28/29, results/engine.json):
2,200–2,600 durable completions per second on SQLite, 2.2–2.4 times SpiffWorkflow saving its 13 KB
state in the same database, and 640–850 per second on PostgreSQL (1.25–1.38 times: two round trips
per completion with the server's work in them, and the driver's CPU); the cost stays flat from 1,000
to 100,000 tasks of history.
The hot statements are hand-written (fastsql.py says why), the tables stay these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kinerja.org.models import Office, Person, Position, Unit
from kinerja.sop.models import SopVersion, Step


class Case(models.Model):
    """One run of an SOP version (Pelaksanaan SOP), from its trigger to its last step."""

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        DONE = "done", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")
        # A decision's "Tidak" ended the procedure before its last step (Step.ends_if_not): the SOP's own
        # end by its shorter path (a request refused), with the performer's reason on that step's task.
        ENDED = "ended", _("Finished: not continued")

    office = models.ForeignKey(Office, models.CASCADE, related_name="cases", verbose_name=_("office"))
    # PROTECT: a case keeps the version it started from, even after the SOP is revised.
    sop_version = models.ForeignKey(SopVersion, models.PROTECT, related_name="cases", verbose_name=_("SOP version"))
    title = models.CharField(_("title"), max_length=300)
    period = models.CharField(_("period"), max_length=80, help_text=_("What the case is about, e.g. Triwulan III 2025."))
    trigger_note = models.TextField(_("triggering document"), blank=True)
    target_deadline = models.DateTimeField(_("target deadline"), null=True, blank=True)
    unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="cases",
                             verbose_name=_("unit concerned"),
                             help_text=_("The bidang or seksi the case is about, for SOPs with actors such as "
                                         "Kepala Bidang that stand for the head of the unit concerned."))
    person = models.ForeignKey(Person, models.PROTECT, null=True, blank=True, related_name="cases_about",
                               verbose_name=_("employee concerned"),
                               help_text=_("The employee the case is about, for SOPs with an actor such as "
                                           "Pegawai yang bersangkutan (a leave request, a promotion)."))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("started by"))
    # Early warning: the remaining standard time no longer fits before the target deadline.
    at_risk = models.BooleanField(_("at risk"), default=False)
    at_risk_since = models.DateTimeField(_("at risk since"), null=True, blank=True)
    # Another app linked something to the case that may hold its steps (the Data Kinerja whose initials and
    # signature complete steps 4-6): only then are extensions.py's completion checks asked, so completing a
    # task of any other case costs no query for them. Set once (extensions.guard_case), never cleared.
    guarded = models.BooleanField(_("steps may be held by linked records"), default=False)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["office", "status"], name="workflow_case_office_status")]
        constraints = [
            models.CheckConstraint(condition=Q(finished_at__isnull=True) | Q(finished_at__gte=F("started_at")),
                                   name="%(app_label)s_%(class)s_finished_after_start",
                                   violation_error_message=_("A case cannot finish before it started.")),
        ]

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    """One step of a case for one position (and so for the person holding it), in one round.

    `assignee` is empty for a single-holder position: the task belongs to the position and whoever
    holds it on the day (a Plt or Plh included) sees and does it, so open tasks follow the position
    when the holding changes. For a position with several holders (JFU, division contacts) the
    previous actor picks the person, stored here, for as long as they hold the position (one who moves to
    another post or leaves hands the task back to the position: access.assignee_stands). A superior's
    reassignment also stores a person, with `reassigned_at`: theirs whatever position they hold."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        RETURNED = "returned", _("Returned for revision")
        CANCELLED = "cancelled", _("Cancelled")

    class Verdict(models.TextChoices):
        NONE = "", _("None")
        OK = "ok", _("Sesuai")
        NOT_OK = "not_ok", _("Belum sesuai")
        # A decision's "Tidak" branch that skips ahead (Step.branch_to); its "Ya" is OK.
        BRANCH = "branch", _("Tidak")
        # A decision's "Tidak" that ends the procedure (Step.ends_if_not); its "Ya" is OK.
        END = "end", _("Tidak: ended")

    # No single-column index where a composite index below starts with the column (case: the unique
    # round; position, assignee, done_by: their status/date indexes): each index is written on every
    # completion, and the composite ones serve the same lookups.
    case = models.ForeignKey(Case, models.CASCADE, related_name="tasks", verbose_name=_("case"), db_index=False)
    step = models.ForeignKey(Step, models.PROTECT, related_name="tasks", verbose_name=_("step"))
    position = models.ForeignKey(Position, models.PROTECT, related_name="tasks", verbose_name=_("position"),
                                 db_index=False)
    assignee = models.ForeignKey(Person, models.SET_NULL, null=True, blank=True, related_name="tasks",
                                 verbose_name=_("assigned person"), db_index=False)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    opened_at = models.DateTimeField(_("opened at"))
    due_at = models.DateTimeField(_("due at"))  # in working time
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    # Set when a superior gave the task to `assignee` (reassign_task): then it is theirs even outside the
    # task's position, where a person chosen as one of the position's holders keeps it only while they hold it.
    reassigned_at = models.DateTimeField(_("reassigned by a superior at"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("done by"), db_index=False)
    working_seconds = models.PositiveIntegerField(_("working time taken (seconds)"), null=True, blank=True)
    note = models.TextField(_("output note"), blank=True)
    verdict = models.CharField(_("verdict"), max_length=8, choices=Verdict, blank=True, default="")
    # Why it was returned, or why it was completed before every division answered.
    reason = models.TextField(_("reason"), blank=True)
    # Reminders, each claimed once by a guarded UPDATE (see reminders.py).
    warned_half_at = models.DateTimeField(_("half-way reminder sent at"), null=True, blank=True)
    warned_soon_at = models.DateTimeField(_("due-soon reminder sent at"), null=True, blank=True)
    warned_overdue_at = models.DateTimeField(_("overdue reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["case", "opened_at", "pk"]
        indexes = [
            # Partial on open tasks: every lookup by due time or by position is of open ones (reminders,
            # inbox, overdue lists, where cases wait), and the open tasks are few, so these indexes stay
            # a page or two that a completion rewrites together (the task leaves them, the next one
            # enters): bench/engine.py, 5% less per completion on SQLite than (status, due_at) and
            # (position, status) over every task. Both databases use them for `status = %s` with
            # 'open' bound (tests/workflow/test_inbox_plan.py).
            models.Index(fields=["due_at"], name="workflow_task_open_due", condition=Q(status="open")),
            models.Index(fields=["position"], name="workflow_task_open_position", condition=Q(status="open")),
            # Partial: most tasks have nobody stored (single-holder positions) and an open one nobody
            # who did it, and every lookup names a person (assignee = …, done_by = …, which implies
            # IS NOT NULL for both databases' planners); so opening a task writes neither index.
            models.Index(fields=["assignee", "status"], name="workflow_task_assignee_status",
                         condition=Q(assignee__isnull=False)),
            models.Index(fields=["done_by", "done_at"], name="workflow_task_done_by", condition=Q(done_by__isnull=False)),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(due_at__gte=F("opened_at")), name="%(app_label)s_%(class)s_due_after_open",
                                   violation_error_message=_("A task cannot be due before it opened.")),
            # At most one open task per step of a case: two people pressing "Selesai" at once
            # can never open the next step twice.
            models.UniqueConstraint(fields=["case", "step"], condition=Q(status="open"),
                                    name="%(app_label)s_%(class)s_one_open_per_step",
                                    violation_error_message=_("This step already has an open task.")),
            models.UniqueConstraint(fields=["case", "step", "round"], name="%(app_label)s_%(class)s_unique_round"),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.step}"

    @property
    def verdict_label(self) -> str:
        """The verdict as the pages show it: a decision's yes (its step has a "Tidak" that skips ahead or ends the
        procedure) as "Ya", the decision form's word for it, not "Sesuai"; else the verdict's name."""
        step = self.step
        if self.verdict == self.Verdict.OK and (step.branch_to_id is not None or step.ends_if_not):
            return str(_("Ya"))
        return str(self.get_verdict_display())


class DivisionRequest(models.Model):
    """One division's part of a parallel step: what to supply and by when, and its answer."""

    task = models.ForeignKey(Task, models.CASCADE, related_name="requests", verbose_name=_("task"))
    division = models.ForeignKey(Unit, models.PROTECT, related_name="requests", verbose_name=_("division"))
    what = models.TextField(_("what to supply"))
    due_at = models.DateTimeField(_("due at"))
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("sent by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("answered by"))
    note = models.TextField(_("answer"), blank=True)
    # Unanswered when the case ended at a decision's "Tidak" or was cancelled: nobody needs the answer.
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("request to a division")
        verbose_name_plural = _("requests to divisions")
        ordering = ["task", "division__pk"]
        constraints = [
            models.UniqueConstraint(fields=["task", "division"], name="%(app_label)s_%(class)s_one_per_division",
                                    violation_error_message=_("This division already has a request for this task.")),
        ]

    def __str__(self) -> str:
        return f"{self.division} · {self.task}"


class TaskFile(models.Model):
    """A file handed in with a task's output or a division's answer."""

    task = models.ForeignKey(Task, models.CASCADE, related_name="files", verbose_name=_("task"))
    request = models.ForeignKey(DivisionRequest, models.CASCADE, null=True, blank=True, related_name="files",
                                verbose_name=_("request"))
    file = models.FileField(_("file"), upload_to="cases/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("uploaded by"))

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class Event(models.Model):
    """An append-only record of one change of state, hash-chained per case (see audit.py).

    `data` holds codes and ids, never translated text, so the hash does not change with the language."""

    class Kind(models.TextChoices):
        CASE_STARTED = "case_started", _("Case started")
        TASK_ASSIGNED = "task_assigned", _("Task assigned")
        COMPLETED = "completed", _("Completed")
        RETURNED = "returned", _("Returned for revision")
        REASSIGNED = "reassigned", _("Reassigned")
        CANCELLED = "cancelled", _("Cancelled")
        REQUESTS_SENT = "requests_sent", _("Requests sent to divisions")
        REQUEST_ANSWERED = "request_answered", _("Division answered")
        COMPLETED_WITH_MISSING = "completed_missing", _("Completed without every division")
        CASE_FINISHED = "case_finished", _("Case finished")
        CASE_ENDED = "case_ended", _("Case finished: not continued")
        REMINDER_SENT = "reminder_sent", _("Reminder sent")
        AT_RISK = "at_risk", _("Early warning: deadline at risk")
        # The office's calendar changed inside the task's time (a holiday added or removed): its due date
        # follows, counted again from its opening (actions.move_due_dates).
        DUE_MOVED = "due_moved", _("Due date moved by the office calendar")

    # Indexed by the unique (case, seq) below.
    case = models.ForeignKey(Case, models.PROTECT, related_name="events", verbose_name=_("case"), db_index=False)
    seq = models.PositiveIntegerField(_("sequence number"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    # Not indexed: nothing looks events up by actor, and every completion writes two events.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("by"), db_index=False)
    at = models.DateTimeField(_("at"))
    data = models.JSONField(_("data"), default=dict)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["case", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["case", "seq"], name="%(app_label)s_%(class)s_unique_seq"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.seq} {self.kind}"


class Notification(models.Model):
    """An in-app message for one person (a reminder or an early warning); the page shows the unread count.
    A notification about work outside a case (another app's inbox item, e.g. a meeting follow-up) has no
    case: it carries its office, a subject and the address of what it is about."""

    class Kind(models.TextChoices):
        HALF = "half", _("Half of the standard time has passed")
        SOON = "soon", _("Due within one working hour")
        SOON_DAY = "soon_day", _("Due within one working day")
        OVERDUE = "overdue", _("Overdue")
        AT_RISK = "at_risk", _("Case deadline at risk")
        # New work for the person (notify.NEW_WORK): e-mailed by the reminder run (mail_new_work).
        ASSIGNED = "assigned", _("New task")
        RETURNED = "returned", _("Returned for revision")
        REASSIGNED = "reassigned", _("Task reassigned to you")
        REQUEST = "request", _("Data request")

    # user, office, request: indexed in Meta.indexes (the user by the unread index, which starts with it;
    # office and request only where set, which a notification of new work never is: three B-trees fewer
    # to write per completion, bench/engine.py).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="kinerja_notifications",
                             verbose_name=_("user"), db_index=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    case = models.ForeignKey(Case, models.CASCADE, null=True, blank=True, related_name="notifications",
                             verbose_name=_("case"))
    office = models.ForeignKey(Office, models.CASCADE, null=True, blank=True, related_name="+",
                               verbose_name=_("office"), db_index=False)
    subject = models.CharField(_("subject"), max_length=400, blank=True)
    url = models.CharField(_("address"), max_length=400, blank=True)
    task = models.ForeignKey(Task, models.CASCADE, null=True, blank=True, related_name="notifications",
                             verbose_name=_("task"))
    created_at = models.DateTimeField(_("created at"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # When the e-mail about new work went (claimed by a guarded UPDATE, so once); reminders are mailed
    # as they are made and leave it empty.
    mailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    request = models.ForeignKey(DivisionRequest, models.CASCADE, null=True, blank=True, related_name="+",
                                verbose_name=_("request"), db_index=False)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="workflow_notification_unread"),
                   models.Index(fields=["created_at"], condition=models.Q(mailed_at__isnull=True) & ~models.Q(
                       kind__in=["half", "soon", "soon_day", "overdue", "at_risk"]), name="workflow_notification_tomail"),
                   models.Index(fields=["office"], condition=models.Q(office__isnull=False),
                                name="workflow_notification_office"),
                   models.Index(fields=["request"], condition=models.Q(request__isnull=False),
                                name="workflow_notification_request")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.case or self.subject}"
