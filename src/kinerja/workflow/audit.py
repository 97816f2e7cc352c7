"""The tamper-evident audit trail: every change of a case appends an Event whose SHA-256 covers its own
content and the previous event's hash, so changing or deleting a row breaks the chain from there on.

Hand-written because it is twenty lines: django-simple-history and django-auditlog keep history rows
but do not chain them, and a chain per case lets cases be written concurrently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext as _

from . import fastsql
from .models import Case, Event

GENESIS = "0" * 64


# json.dumps with these arguments builds a new encoder on every call; this one is what it builds.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
_LAST_AT: tuple[dt.datetime | None, str] = (None, "")
_text = json.encoder.encode_basestring  # a JSON string as _ENCODER writes it (ensure_ascii=False)


def canonical(case_id: int, seq: int, kind: str, actor_id: int | None, at: dt.datetime, data: dict[str, Any],
              prev_hash: str) -> bytes:
    """The bytes an event's hash covers: sorted-key JSON with the time in UTC to the microsecond."""
    return _canonical_text(case_id, seq, kind, actor_id, at, _ENCODER.encode(data), prev_hash).encode()


def _canonical_text(case_id: int, seq: int, kind: str, actor_id: int | None, at: dt.datetime, data_json: str,
                    prev_hash: str) -> str:
    """canonical()'s text, from the data already encoded (with _ENCODER): the same text as encoding the
    whole content at once. The encoder writes a value's text the same wherever it stands, and the content
    around the data is written here as it writes it: its keys sorted, no spaces, the texts through the
    same C function (json's encode_basestring, what ensure_ascii=False uses), the numbers as int's repr,
    None as null, anything else through the encoder itself (a hypothesis test compares the two).
    record() stores the data's text as it was hashed, so the data is encoded once per event, not twice."""
    actor = ("null" if actor_id is None else int.__repr__(actor_id) if type(actor_id) is int
             else _ENCODER.encode(actor_id))
    case = int.__repr__(case_id) if type(case_id) is int else _ENCODER.encode(case_id)
    number = int.__repr__(seq) if type(seq) is int else _ENCODER.encode(seq)
    kind_text = _text(kind) if type(kind) is str else _ENCODER.encode(kind)
    return (f'{{"actor":{actor},"at":"{_utc_iso(at)}","case":{case},"data":{data_json},'
            f'"kind":{kind_text},"prev":{_text(prev_hash)},"seq":{number}}}')


def _utc_iso(at: dt.datetime) -> str:
    """`at` in UTC as ISO 8601 to the microsecond. The last one is remembered by identity: an action's
    events share its moment (datetimes are immutable, and the tuple holds it, so `is` cannot match
    another value)."""
    global _LAST_AT
    last = _LAST_AT
    if last[0] is at:
        return last[1]
    text = at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    _LAST_AT = (at, text)
    return text


def digest(event: Event) -> str:
    return hashlib.sha256(canonical(event.case_id, event.seq, event.kind, event.actor_id, event.at, event.data,
                                    event.prev_hash)).hexdigest()


def record(case: Case, kind: str, *, actor: AbstractBaseUser | None, at: dt.datetime | None = None,
           **data: Any) -> Event:
    """Append an event to the case's chain. The caller holds the case row lock (select_for_update), so
    two transactions never take the same sequence number; data holds codes and ids only.

    The chain's end is remembered on the Case instance, so an action appending several events reads it
    once; actions fetch their Case inside their own transaction, so the remembered end is never stale."""
    last = getattr(case, "_audit_last", None)
    if last is None:
        last = Event.objects.filter(case=case).order_by("-seq").values_list("seq", "hash").first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    # JSON round trip now, so the hash covers exactly what the database will give back (data that is
    # JSON already, as the engine's own events are, comes back unchanged, so it is not sent round).
    if not _is_json(data):
        data = json.loads(json.dumps(data, default=str))
    event = fastsql.new(Event, {"case_id": case.pk, "seq": seq, "kind": kind, "actor_id": actor.pk if actor else None,
                                "at": at or timezone.now(), "data": data, "prev_hash": prev})
    data_json = _ENCODER.encode(data)
    event.hash = hashlib.sha256(_canonical_text(event.case_id, seq, kind, event.actor_id, event.at, data_json,
                                                prev).encode()).hexdigest()
    fastsql.encoded(event, "data", data_json)
    pending = getattr(case, "_audit_pending", None)
    if pending is None:
        fastsql.insert([event])
    else:
        pending.append(event)
    case._audit_last = (event.seq, event.hash)  # type: ignore[attr-defined]
    return event


def _is_json(value: Any) -> bool:
    """Whether json.loads(json.dumps(value)) == value with the same types (no tuples, dates, int keys…)."""
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool:
        return True
    if kind is list:
        return all(_is_json(v) for v in value)
    if kind is dict:
        # The engine's own events hold texts and numbers: checked here without a call per value.
        for k, v in value.items():
            if type(k) is not str:
                return False
            if v is not None and type(v) not in _SCALARS and not _is_json(v):
                return False
        return True
    return False


_SCALARS = frozenset({str, int, bool})


@contextmanager
def batch(case: Case) -> Iterator[None]:
    """Write the events an action appends to `case` in one INSERT when it succeeds (a completion appends
    two or three). Nothing inside the action reads events back, and on an error the transaction is
    rolled back anyway, so the held events are simply dropped."""
    case._audit_pending = []  # type: ignore[attr-defined]
    try:
        yield
        if case._audit_pending:  # type: ignore[attr-defined]
            fastsql.insert(case._audit_pending, keys_later=True)  # type: ignore[attr-defined]
    finally:
        del case._audit_pending  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Break:
    """The first event of a chain that does not verify."""

    case_id: int
    event_id: int | None
    seq: int
    problem: str  # "hash" (content changed), "link" (previous hash differs), "gap" (an event is missing)

    def describe(self) -> str:
        what = {"hash": _("its content does not match its hash"),
                "link": _("its previous hash does not match the event before it"),
                "gap": _("the event before it is missing")}[self.problem]
        return _("case %(case)d, event #%(seq)d (id %(id)d): %(what)s") % {
            "case": self.case_id, "seq": self.seq, "id": self.event_id, "what": what}


def verify_case(events: Iterator[Event] | list[Event], case_id: int) -> Break | None:
    prev, expected_seq = GENESIS, 1
    for event in events:
        if event.seq != expected_seq:
            return Break(case_id, event.pk, event.seq, "gap")
        if event.prev_hash != prev:
            return Break(case_id, event.pk, event.seq, "link")
        if digest(event) != event.hash:
            return Break(case_id, event.pk, event.seq, "hash")
        prev, expected_seq = event.hash, expected_seq + 1
    return None


def verify_all(office_id: int | None = None) -> tuple[int, int, list[Break]]:
    """Check every chain (of one office, or all). Returns (cases, events, breaks: the first per case)."""
    events = Event.objects.order_by("case_id", "seq")
    if office_id is not None:
        events = events.filter(case__office_id=office_id)
    breaks: list[Break] = []
    cases = count = 0
    current: list[Event] = []
    current_case: int | None = None

    def flush() -> None:
        if current_case is not None:
            found = verify_case(current, current_case)
            if found:
                breaks.append(found)

    for event in events.iterator(chunk_size=2000):
        count += 1
        if event.case_id != current_case:
            flush()
            current, current_case = [], event.case_id
            cases += 1
        current.append(event)
    flush()
    return cases, count, breaks
