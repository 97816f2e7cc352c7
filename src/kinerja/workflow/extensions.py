"""Extension points for the apps built on the engine (imports go one way: they import us and register
here in their AppConfig.ready(); we never import them): the answer to a division's request, the records
of a case shown on its page (`register_case_records`), and the checks that keep a task from
being completed by hand while an act elsewhere completes it (`register_completion_check`, at the end).

An `AnswerExtension` adds a part to the answer page (the performance app: the division's indicator
actuals for the case's period) and a summary of what was answered to the case page. Without any
extension registered, an answer is a note and files, as before.

- `part(request, user=…, data=…, files=…)` gives the part of the answer form for this request (bound to
  the POST when `data` is given), or None when the extension has nothing to ask.
- `figures(case, requests)` gives, for answered requests, an HTML fragment per request id showing what
  was answered, as it stands now (the audit event of the answer keeps what was sent); it must cost the
  same queries for one request or many.

A part's `save(request, user)` runs inside `actions.answer_request`'s transaction: raising a KinerjaError
there saves nothing, neither the answer nor the part's data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.contrib.auth.models import AbstractBaseUser
from django.utils.safestring import SafeString

from kinerja.errors import KinerjaError

from .models import Case, DivisionRequest, Task


class AnswerPart(Protocol):
    #: rendered inside the answer form, with the part as `part`
    template_name: str
    #: static paths of the stylesheets its template needs, linked in the page head
    stylesheets: tuple[str, ...]

    def is_valid(self) -> bool:
        """Whether the bound input can be saved (errors shown by the part's template otherwise)."""
        ...

    def has_data(self) -> bool:
        """Whether the input holds something to save; an answer with it needs no note or file."""
        ...

    def save(self, request: DivisionRequest, user: AbstractBaseUser) -> dict[str, Any] | None:
        """Save inside the answer's transaction; returns ids and plain values for the audit event."""
        ...

    def show_error(self, error: KinerjaError) -> bool:
        """Put an error raised by save() next to its field; False when the error is not the part's."""
        ...

    def check(self) -> bool:
        """Check the bound input as save() would, saving nothing, and show every problem next to its field, so
        one submit tells them all (the answer page calls it even when another field has an error)."""
        ...

    def upload_passed(self, name: str) -> bool | None:
        """Whether the file chosen in the file input `name` passed the checks (it is then kept for the next
        try, as the browser does not send it again); None when the input is not this part's."""
        ...

    # Optional: `chosen_files()` gives the files chosen in the part that passed its checks, each with where it was
    # chosen ("the evidence of IK-01 …"): the page tells a file under "files" that repeats one of them.


class AnswerExtension(Protocol):
    def part(self, request: DivisionRequest, *, user: AbstractBaseUser, data: Mapping[str, Any] | None = None,
             files: Mapping[str, Any] | None = None) -> AnswerPart | None: ...

    def figures(self, case: Case, requests: list[DivisionRequest]) -> dict[int, SafeString]: ...


_answer_extensions: dict[str, AnswerExtension] = {}


def register_answer_extension(name: str, extension: AnswerExtension) -> None:
    """Register (or replace) the extension called `name`; apps call this from AppConfig.ready()."""
    _answer_extensions[name] = extension


def unregister_answer_extension(name: str) -> AnswerExtension | None:
    return _answer_extensions.pop(name, None)


def answer_extensions() -> list[AnswerExtension]:
    return list(_answer_extensions.values())


def answer_parts(request: DivisionRequest, *, user: AbstractBaseUser, data: Mapping[str, Any] | None = None,
                 files: Mapping[str, Any] | None = None) -> list[AnswerPart]:
    return [p for ext in answer_extensions() if (p := ext.part(request, user=user, data=data, files=files)) is not None]


def saving(parts: list[AnswerPart], *, user: AbstractBaseUser) -> Callable[[DivisionRequest], dict[str, Any]] | None:
    """The `extra` of actions.answer_request for these parts: it saves each part that holds data, inside
    the answer's transaction, and merges what they return for the audit event. None when none holds data."""
    chosen = [p for p in parts if p.has_data()]
    if not chosen:
        return None

    def save(request: DivisionRequest) -> dict[str, Any]:
        added: dict[str, Any] = {}
        for part in chosen:
            added.update(part.save(request, user) or {})
        return added

    return save


def answer_figures(case: Case, requests: list[DivisionRequest]) -> dict[int, SafeString]:
    """What each answered request carried, from every extension, as HTML per request id."""
    answered = [r for r in requests if r.answered_at is not None]
    found: dict[int, list[str]] = {}
    if not answered:
        return {}
    for ext in answer_extensions():
        for pk, html in ext.figures(case, answered).items():
            found.setdefault(pk, []).append(html)
    return {pk: SafeString("".join(parts)) for pk, parts in found.items()}


# Records of other apps that belong to a case (the letter that started it, the documents made for it and
# initialled and signed on their own pages), listed on the case page so its actors find them. Each
# source is a function of the case giving its records in a fixed number of queries.

@dataclass(frozen=True)
class CaseRecord:
    label: str  # what it is: "Surat 005/12/III.07/2026: Permintaan data kinerja"
    url: str
    note: str = ""  # where it stands: "ditandatangani", "versi 2, belum ditandatangani"


_case_records: dict[str, Callable[[Case], list[CaseRecord]]] = {}


def register_case_records(name: str, source: Callable[[Case], list[CaseRecord]]) -> None:
    """Register (or replace) the source called `name`; apps call this from AppConfig.ready()."""
    _case_records[name] = source


def case_records(case: Case) -> list[CaseRecord]:
    return [record for source in _case_records.values() for record in source(case)]


# Checks on completing a task by hand ("Sesuai", "Selesai", `kinerja case complete`). Some steps are done by
# an act in another app: the Kasubbag's and the Sekretaris's initials and the head's signature on the case's
# Data Kinerja are given on the document's page, which then completes the step (correspondence). While that
# act is still owed, completing the step by hand would let the case finish without it; a check names the
# act and where to do it. Returning the work ("Belum sesuai") is never held.
#
# A completion must cost no query for this when nothing can hold it (bench/engine.py): the checks are asked
# only for a case that an app has marked (guard_case: Case.guarded, read with the task), when it linked
# something to the case that may hold its steps.

@dataclass(frozen=True)
class CompletionHold:
    message: str  # what completes the step instead, and why: "Langkah 4 diselesaikan dengan memaraf …"
    url: str  # where to do it: the document's page
    action: str  # the button to it: "Paraf Data Kinerja Triwulan I 2025"


class CompletionHeld(KinerjaError):
    """The task is completed by an act elsewhere (`hold`), not by hand."""

    def __init__(self, hold: CompletionHold) -> None:
        self.hold = hold
        super().__init__(hold.message)


_completion_checks: dict[str, Callable[[Task], CompletionHold | None]] = {}


def register_completion_check(name: str, check: Callable[[Task], CompletionHold | None]) -> None:
    """Register (or replace) the check called `name`; apps call this from AppConfig.ready(). A check is
    given an open task of a guarded case (with its case, step and position) and answers None when the task
    may be completed by hand; it must cost the same queries whatever the case holds."""
    _completion_checks[name] = check


def unregister_completion_check(name: str) -> Callable[[Task], CompletionHold | None] | None:
    return _completion_checks.pop(name, None)


def guard_case(case_id: int) -> None:
    """From now on ask the completion checks before a task of the case is completed by hand. Call it in the
    transaction that links the record (a guarded update: one write the first time, none after)."""
    Case.objects.filter(pk=case_id, guarded=False).update(guarded=True)


def completion_hold(task: Task) -> CompletionHold | None:
    """What holds `task` from being completed by hand, if anything; no query for an unguarded case."""
    if not task.case.guarded:
        return None
    for check in _completion_checks.values():
        if (hold := check(task)) is not None:
            return hold
    return None


def check_completion(task: Task) -> None:
    """Raise CompletionHeld when an act elsewhere still owes `task` (actions._complete asks)."""
    hold = completion_hold(task)
    if hold is not None:
        raise CompletionHeld(hold)


# What a case's period means. Two open cases of an SOP that asks the divisions for their data of a
# period must not be about the same period (actions.start_case): the divisions would be asked twice and
# the figures of the period compiled twice. "TW 1 2025" and "Triwulan I 2025" are the same period; the
# performance app reads periods (requests.period_of) and registers its reading here. Without one, two
# periods are the same when their words are, whatever their case and spacing.

_period_keys: dict[str, Callable[[str], str | None]] = {}


def register_period_key(name: str, key: Callable[[str], str | None]) -> None:
    """Register (or replace) the reading called `name`: a period's text → a key equal for the same
    period, or None when it does not read the text."""
    _period_keys[name] = key


def unregister_period_key(name: str) -> Callable[[str], str | None] | None:
    return _period_keys.pop(name, None)


def period_key(text: str) -> str:
    """The key of a period's text: the first registered reading that reads it, else its words."""
    for key in _period_keys.values():
        if (found := key(text)) is not None:
            return found
    return " ".join(text.casefold().split())


# The years a case's period may be about besides the engine's own (periods.office_years: this year, the one
# before and the years of the office's cases): the performance app adds the years its targets are for, so an
# office that imported an earlier year's plan is offered that year's quarters when it starts collecting them.

_period_years: dict[str, Callable[[int], Iterable[int]]] = {}


def register_period_years(name: str, source: Callable[[int], Iterable[int]]) -> None:
    """Register (or replace) the source called `name`: an office's id → the years it has data for. One query."""
    _period_years[name] = source


def unregister_period_years(name: str) -> Callable[[int], Iterable[int]] | None:
    return _period_years.pop(name, None)


def period_years(office_id: int) -> set[int]:
    """The years every registered source gives for the office."""
    return {year for source in _period_years.values() for year in source(office_id)}
