"""Property: whatever field of whatever event of a chain is changed, verify names exactly that event,
and the untouched chain verifies. Chains are built in memory with the same hashing as audit.record."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.workflow import audit
from kinerja.workflow.models import Event

START = dt.datetime(2025, 3, 24, 1, 0, tzinfo=dt.UTC)
KINDS = [k.value for k in Event.Kind]
FIELDS = ["seq", "kind", "actor", "at", "data", "prev_hash", "hash"]

payloads = st.fixed_dictionaries({}, optional={"step": st.integers(1, 9), "round": st.integers(1, 3),
                                              "reason": st.sampled_from(["Belum lengkap", "Tabel 2 kosong", "ü ✓"])})


def chain(items: list[tuple[str, int | None, dict]]) -> list[Event]:
    events, prev = [], audit.GENESIS
    for seq, (kind, actor, data) in enumerate(items, start=1):
        event = Event(case_id=1, seq=seq, kind=kind, actor_id=actor, at=START + dt.timedelta(minutes=seq), data=data,
                      prev_hash=prev)
        event.hash = audit.digest(event)
        events.append(event)
        prev = event.hash
    return events


@settings(deadline=None)  # load on a shared machine is no failure of the chain
@given(items=st.lists(st.tuples(st.sampled_from(KINDS), st.one_of(st.none(), st.integers(1, 50)), payloads),
                      min_size=1, max_size=8),
       index=st.integers(0, 7), field=st.sampled_from(FIELDS), salt=st.integers(1, 10_000))
def test_any_change_is_found_at_that_event(items: list, index: int, field: str, salt: int) -> None:
    events = chain(items)
    assert audit.verify_case(events, 1) is None
    target = events[index % len(events)]
    seq = target.seq
    if field == "seq":
        target.seq += salt
    elif field == "kind":
        target.kind = "completed" if target.kind != "completed" else "returned"
    elif field == "actor":
        target.actor_id = (target.actor_id or 0) + salt
    elif field == "at":
        target.at = target.at + dt.timedelta(microseconds=salt)
    elif field == "data":
        target.data = {**target.data, "note": f"diubah {salt}"}
    elif field == "prev_hash":
        target.prev_hash = f"{salt:064x}"
    else:
        target.hash = f"{salt:064x}"
    found = audit.verify_case(events, 1)
    assert found is not None and found.seq == target.seq
    assert found.seq == seq or field == "seq"


ZONES = st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=7)), dt.timezone(dt.timedelta(hours=-3, minutes=-30))])


@settings(deadline=None)
@given(moments=st.lists(st.builds(lambda naive, zone: naive.replace(tzinfo=zone),
                                  st.datetimes(min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(2099, 1, 1)),
                                  ZONES), min_size=1, max_size=5),
       order=st.lists(st.integers(0, 4), max_size=10))
def test_the_hashed_bytes_are_those_of_json_dumps(moments: list[dt.datetime], order: list[int]) -> None:
    # canonical() keeps its encoder and the last moment's text; the bytes must stay what json.dumps of
    # the content gives (the chains already stored were hashed that way), whatever moments come in turn.
    import json

    for i in [*range(len(moments)), *order]:
        at = moments[i % len(moments)]
        content = {"case": 7, "seq": i + 1, "kind": "completed", "actor": None, "data": {"reason": "ü ✓", "step": 3},
                   "prev": audit.GENESIS, "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds")}
        expected = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
        assert audit.canonical(7, i + 1, "completed", None, at, content["data"], audit.GENESIS) == expected


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=8)


@settings(deadline=None)
@given(case=st.integers(), seq=st.integers(min_value=1), kind=st.text(),
       actor=st.none() | st.integers() | st.booleans() | st.text(max_size=4),
       data=st.dictionaries(st.text(max_size=8), JSON, max_size=4) | st.just({"x": ',"data":0,', ',"data":0,': 0}),
       prev=st.text(max_size=64))
def test_the_content_around_the_data_already_encoded_is_the_content_encoded_at_once(
        case: int, seq: int, kind: str, actor: int | bool | str | None, data: dict, prev: str) -> None:
    # record() encodes the data once, for the hash and for the row: the hashed bytes must be those of the
    # whole content encoded at once, whatever the data, the kind or the previous hash hold.
    import json

    at = dt.datetime(2025, 3, 24, 8, 0, 0, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    content = {"case": case, "seq": seq, "kind": kind, "actor": actor, "data": data, "prev": prev,
               "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds")}
    expected = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert audit._canonical_text(case, seq, kind, actor, at, audit._ENCODER.encode(data), prev) == expected
    assert audit.canonical(case, seq, kind, actor, at, data, prev) == expected.encode()


def test_data_is_json_as_it_comes_back_or_not() -> None:
    assert audit._is_json({"task": 3, "step": "2", "assignee": None, "ok": True, "files": [1, "a"], "n": {"x": [None]}})
    for bad in ({"at": dt.date(2025, 1, 1)}, {1: "x"}, {"t": (1, 2)}, {"n": {"x": 1.5j}}, {"f": [dt.date(2025, 1, 1)]}):
        assert not audit._is_json(bad), bad
