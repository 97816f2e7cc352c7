"""Hand-written SQL for the engine's hottest statements: those that starting a case and completing or
returning a task run (issue 5, Benchmark: at least 1,000 durable completions per second on SQLite, and
twice SpiffWorkflow's figure).

Why not the ORM here: a completion needed nine statements through the ORM, and Django spent 0.2–0.5 ms
of Python compiling each (joins, annotations, converters, expression resolution) while SQLite needed
20–50 µs to run it: 51–80 completions per second, whatever the schema. Here a completion is at most five
statements, built once from the models' own metadata (table and column names, the ORM's converters for
reading, each field's get_db_prep_save for writing), so they follow the models; the rules themselves
(who may act, due dates, the audit chain) stay in actions.py, access.py and audit.py, and every test of
those runs through this module. Measured with bench/engine.py (bench/README.md has the figures).

How the statements travel (`_cursor`, `combined_writes`):

- SQLite: on the sqlite3 cursor itself, with the parameter style converted once per statement (Django's
  cursor wrappers cost about as much Python as SQLite takes to run them); Django's own cursor when it
  logs queries (DEBUG, assertNumQueries) or an execute_wrapper is installed, so those see every
  statement. The transaction is Django's (atomic()).
- PostgreSQL: on the server side the time went into waiting, not into our Python (3.4 ms of wall time
  for 1.0 ms of CPU per completion): seven round trips, each of them a wake-up of the server on this
  2-core machine, and 0.6 ms of planning for load_task's ten joins on every completion (EXPLAIN ANALYZE).
  Now the statements are prepared (server-side binding cursors; settings.py sets prepare_threshold),
  the case lock and the task read go in one round trip (psycopg's pipeline mode; still two statements,
  so the read's snapshot is taken once the lock is held), the next task's id is taken from its sequence
  by that read, and the writes (the task's update, the next task, the events) are held and sent as one
  data-modifying WITH statement. kinerja's backend (kinerja/db/postgresql/base.py) sends the BEGIN in
  the same round trip as the lock and the read, and defers that WITH statement to go with the COMMIT:
  two round trips instead of seven (counted from libpq's protocol trace in tests/test_db_backend.py),
  every row as before, each completion its own committed transaction.

Plain rows, no blobs: Task and Event rows are inserted and updated exactly as the ORM would write
them. No model signals are sent for these rows (nothing in kinerja listens to them; the engine's hooks
are in signals.py and extensions.py).

- `load_task`: a task with its case, office, step and position, the end of the case's audit chain,
  whether the step checks earlier work, the office calendar's stamp, the step after it and the
  assignments of its position, in one statement (on PostgreSQL after the case row lock, a statement of
  its own, as actions.py explains).
- `return_target`: the step a return opens, with its actor, position and earlier rounds.
- `load_version`: what start_case reads; `version_steps`: the steps of a version.
- `calendar_stamp`: the stamp alone, for pages that show working time (WorkCalendar.current).
- `insert` / `update` / `new`: rows of model instances; `combined_writes`: writes held and sent together;
  `send_held`: those held so far sent ahead of the next (a step returning to itself).
- `holder_rows`: the assignments in force of one position on a day.
- `unanswered_divisions`: what a coordinating step still waits for.
- `notify_new_task`: the in-app notification of the person who gets a new task, one INSERT … SELECT
  (held with the other writes: on PostgreSQL no round trip more; on SQLite one statement more).
"""

from __future__ import annotations

import datetime as dt
import re
from _thread import get_ident
from asyncio import _get_running_loop
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from functools import cache
from typing import Any, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model, signals
from django.db.models.base import ModelState

from kinerja.org.models import Assignment, Office, OfficeHours, Person, Position, SpecialDay, Unit
from kinerja.sop.models import Actor, Sop, SopVersion, Step

from .models import Case, DivisionRequest, Event, Notification, Task

M = TypeVar("M", bound=Model)
_get_attribute = object.__getattribute__


def _db() -> BaseDatabaseWrapper:
    """The connection itself: every attribute read through django.db.connection (a proxy to a
    thread- and task-local) costs a lookup, and a completion makes about a hundred of them.

    In a thread without a running event loop (every action: they are async-unsafe) the connection is
    read from the thread-local storage that connections[alias] reads there itself (asgiref's
    thread-critical Local), without asking asyncio for a running loop by catching the RuntimeError
    it raises when there is none: that cost 2 µs per lookup, seven lookups per completion (measured
    with bench/engine.py under callgrind). Anywhere else, or before the connection exists in this
    thread, connections[alias] as before."""
    if _get_running_loop() is None:
        db = getattr(getattr(connections._connections, "_storage", None), DEFAULT_DB_ALIAS, None)
        if db is not None:
            return db  # type: ignore[no-any-return]
    return connections[DEFAULT_DB_ALIAS]


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _cursor(db: BaseDatabaseWrapper, independent: bool = False) -> Any:
    """A cursor for this module's statements.

    On PostgreSQL a server-side binding one, wrapped by Django as db.cursor() wraps its own (query
    logging, execute_wrappers, error translation): its statements are the same text whatever the
    values, so psycopg prepares them once per connection (with the connection's prepare_threshold,
    settings.py sets it to 0) and PostgreSQL stops planning load_task's ten joins on every completion
    (0.6 ms of the server's time, measured with EXPLAIN ANALYZE). Django's own cursors bind on the
    client side and are never prepared. Without prepared statements (a prepare_threshold of None, e.g.
    behind a pooler that does not support them) Django's cursor.

    On SQLite the sqlite3 cursor itself (_Raw), unless Django logs queries (DEBUG, assertNumQueries)
    or an execute_wrapper is installed: then Django's, so every statement is seen as before. Django's
    wrappers cost about 20 µs per statement in Python, as much as SQLite takes to run most of these.

    `independent`: the statement reads no table this module writes, so it need not wait for the
    writes held by combined_writes()."""
    if db.vendor == "sqlite":
        return db.cursor() if _watched(db) else _Raw(db)
    if db.vendor != "postgresql":
        return db.cursor()
    db.close_if_health_check_failed()
    db.ensure_connection()
    if db.connection.prepare_threshold is None:
        cursor = db.cursor()
    else:
        with db.wrap_database_errors:
            cursor = db._prepare_cursor(_binding_cursor(db))
    cursor.independent = independent
    return cursor


def _watched(db: BaseDatabaseWrapper) -> bool:
    """Whether Django logs the queries (DEBUG, assertNumQueries) or an execute_wrapper is installed: then
    this module's statements go through Django's cursor, so every one is seen as before.

    db.queries_logged, read without the settings proxy's check of each value it returns (a failing
    attribute lookup on the bool, with its formatted error): the settings object itself, which
    override_settings() replaces, holds DEBUG. It is read with object.__getattribute__: settings is a
    LazyObject, whose own __getattribute__ is a Python function run on every attribute read, _wrapped
    included."""
    return bool(db.force_debug_cursor or _get_attribute(settings, "_wrapped").DEBUG or db.execute_wrappers)


def _check_thread(db: BaseDatabaseWrapper) -> None:
    """Django's validate_thread_sharing, whose first test (allow_thread_sharing) takes a lock; in the thread
    that made the connection (always, for the thread's own connection that _db() gives) it passes anyway."""
    if db._thread_ident != get_ident():
        db.validate_thread_sharing()


def _binding_cursor(db: BaseDatabaseWrapper) -> Any:
    """A server-side binding psycopg cursor: kinerja's backend's, which sends the statements deferred
    on the connection (the BEGIN, held writes) with its own, or Django's."""
    if hasattr(db, "binding_cursor"):
        return db.binding_cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    return ServerBindingCursor(db.connection)


@contextmanager
def _pipeline(db: BaseDatabaseWrapper) -> Iterator[None]:
    """psycopg's pipeline mode (the statements sent without waiting for each answer; the block's end
    waits for all), or nothing where there is none. With kinerja's backend, the deferred statements
    that went with them get their answers after the block."""
    if db.vendor != "postgresql":
        yield
        return
    with db.pipeline() if hasattr(db, "pipeline") else db.connection.pipeline():
        yield


class _Numbers(dict):  # type: ignore[type-arg]
    """`sql % _Numbers()` turns each %(name)s into SQLite's numbered ?N, the same N for the same name;
    the names, in the order they were met, are the keys (the first is ?1)."""

    def __missing__(self, key: str) -> str:
        number = self[key] = f"?{len(self) + 1}"
        return number


@cache
def _sqlite_sql(sql: str, named: bool) -> tuple[str, tuple[str, ...]]:
    """The statement in sqlite3's parameter style, as Django's SQLite cursor converts it on every call,
    and for named parameters the names in the order of their numbers.

    Named parameters are numbered (?1, ?2, …) and given as a list in that order, not as :name with a
    dict: for each named parameter sqlite3 makes a string of its name, hashes it and looks it up in
    the dict, on every execute (about 50 parameters per completion, 1 % of its instructions under
    callgrind); a list is bound by position."""
    if named:
        numbers = _Numbers()
        return sql % numbers, tuple(numbers)
    from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

    return FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%"), ()


class _Raw:
    """The sqlite3 cursor with what Django's wrapper does that matters inside an action's transaction:
    the parameter style (converted once per statement), the check that the transaction is not broken,
    and sqlite3's errors turned into Django's. The transaction itself stays Django's (atomic() began
    it on this connection)."""

    __slots__ = ("db", "cursor", "kept")

    def __init__(self, db: BaseDatabaseWrapper, kept: bool = False) -> None:
        if db.connection is None:  # inside an action's atomic() it is open (and async-safety checked)
            db.ensure_connection()
        _check_thread(db)
        self.db, self.cursor, self.kept = db, db.connection.cursor(), kept

    def execute(self, sql: str, params: Any) -> None:
        self.db.validate_no_broken_transaction()
        if type(params) is dict:
            sql, names = _sqlite_sql(sql, True)
            params = [params[name] for name in names]
        else:
            sql = _sqlite_sql(sql, False)[0]
        with self.db.wrap_database_errors:
            self.cursor.execute(sql, params)

    def execute_in_order(self, sql: str, values: list[Any]) -> None:
        """execute() of a statement whose named parameters each appear once, in the order of `values`
        (insert's and update's): the values are bound as they are, without a dict made of them first and
        a list made again of the dict."""
        self.db.validate_no_broken_transaction()
        with self.db.wrap_database_errors:
            self.cursor.execute(_sqlite_sql(sql, True)[0], values)

    def fetchone(self) -> Any:
        with self.db.wrap_database_errors:
            return self.cursor.fetchone()

    @property
    def lastrowid(self) -> int:
        return self.cursor.lastrowid  # type: ignore[no-any-return]

    def fetchall(self) -> list[Any]:
        with self.db.wrap_database_errors:
            return self.cursor.fetchall()

    def close(self) -> None:
        self.cursor.close()

    def __enter__(self) -> _Raw:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.kept:
            self.cursor.close()


def _write_cursor(db: BaseDatabaseWrapper) -> Any:
    """_cursor() for a statement that returns no rows and is run to its end before the next (insert,
    update, the notification): on SQLite, where _cursor() gives the sqlite3 cursor itself, the one kept
    on the connection for them, checked for the thread each time as a new one is. Making, wrapping and
    closing a sqlite3 cursor per statement cost about 2 µs, four times per completion. Reads keep a
    cursor each: load_version has three open at once."""
    if db.vendor != "sqlite" or _watched(db):
        return _cursor(db)
    kept = db.__dict__.get("_kinerja_write_cursor")
    if kept is None or kept.cursor.connection is not db.connection:
        kept = db.__dict__["_kinerja_write_cursor"] = _Raw(db, kept=True)
    else:
        _check_thread(db)
    return kept


class _Held:
    """The writes of a combined_writes() block on PostgreSQL, not sent yet: (statement, parameters,
    column it returns or None, what to do with the values returned, the row it updates)."""

    def __init__(self, db: BaseDatabaseWrapper) -> None:
        self.db, self.writes, self.updated = db, [], set()  # type: ignore[var-annotated]
        self.sending = False

    def add(self, sql: str, params: dict[str, Any], returning: str | None, then: Callable[[list[Any]], None] | None,
            row: tuple[str, Any] | None = None) -> None:
        if row is not None:
            if row in self.updated:  # a statement may change a row once (data-modifying WITH)
                self.send()
            self.updated.add(row)
        self.writes.append((sql, params, returning, then))

    def send(self, defer: bool = False) -> None:
        """Run the held writes, as one statement when there are several. `defer`: with kinerja's
        backend, queue that statement on the connection instead (kinerja/db/postgresql/base.py): it goes
        with the next statement, or with the COMMIT, in the same round trip."""
        writes, self.writes, self.updated = self.writes, [], set()
        if not writes:
            return
        sql, returns = _combined_sql(tuple((w[0], w[2]) for w in writes))
        params = {f"w{i}_{name}": value for i, w in enumerate(writes) for name, value in w[1].items()}
        db = self.db

        def run(_connection: Any = None) -> Any:
            with db.wrap_database_errors:
                cursor = db._prepare_cursor(_binding_cursor(db))
            cursor.execute(sql, params)
            return cursor

        def then(cursor: Any) -> None:
            try:
                rows = cursor.fetchall() if returns else []
            finally:
                cursor.close()
            for i, (_sql, _params, _returning, after) in enumerate(writes):
                if after is not None:
                    after([value for (k, value) in rows if k == i])

        if defer and hasattr(db, "defer") and db.connection.prepare_threshold is not None:
            db.defer(run, then)
            return
        self.sending = True
        try:
            cursor = run()
        finally:
            self.sending = False
        then(cursor)

    def guard(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
        """Any other statement (a read, the ORM's) runs after the held writes, which it may read: they
        are sent first, in the same round trip with kinerja's backend."""
        if self.writes and not self.sending and not getattr(context["cursor"], "independent", False):
            self.send(defer=not many)
        return execute(sql, params, many, context)


_NAMED = re.compile(r"%\((\w+)\)s")


@cache
def _combined_sql(writes: tuple[tuple[str, str | None], ...]) -> tuple[str, bool]:
    """One statement running the writes (data-modifying WITH), which gives back (index of the write,
    returned value) for those that return one; whether any does."""
    def named(i: int, sql: str) -> str:
        return _NAMED.sub(lambda m: f"%(w{i}_{m.group(1)})s", sql)

    if len(writes) == 1 and writes[0][1] is None:
        return named(0, writes[0][0]), False
    parts = [f"w{i} AS ({named(i, sql)})" for i, (sql, _r) in enumerate(writes)]
    selects = [f"SELECT {i}, {returning} FROM w{i}" for i, (_sql, returning) in enumerate(writes) if returning]
    main = " UNION ALL ".join(selects) if selects else "SELECT NULL, NULL"
    return f"WITH {', '.join(parts)} {main}", bool(selects)


def _held(db: BaseDatabaseWrapper) -> _Held | None:
    return db.__dict__.get("_fastsql_held")  # (getattr with a default raises inside on SQLite, where it is never set)


def send_held() -> None:
    """Send the writes held so far in a combined_writes() block before the next ones, which must see
    them: a step that sends the work back to itself closes its open task and opens the step's next round,
    and in one data-modifying WITH the unique index of open tasks per step could see the insert before
    the update (its statements run in no set order). With kinerja's backend the held writes still go in
    the same round trip, as a statement of their own ahead of the rest."""
    held = _held(_db())
    if held is not None:
        held.send(defer=True)


@contextmanager
def combined_writes() -> Iterator[None]:
    """On PostgreSQL, hold this module's writes in the block (update, and insert of rows whose keys are
    set or not needed until the end) and send them as one statement (UPDATE … , INSERT … RETURNING in
    a data-modifying WITH) when the block ends, or before any other statement runs, which sees them:
    one round trip for the task's update, the next task and the events of a completion instead of
    three. The rows written are the same. An error in them is raised by the statement that sends them,
    and the action's transaction rolls back as usual; when the block raises, the held writes are
    dropped (the transaction rolls back). On SQLite (no round trips) the writes run at once."""
    db = _db()
    if db.vendor != "postgresql" or _held(db) is not None:
        yield
        return
    held = _Held(db)
    db._fastsql_held = held  # type: ignore[attr-defined]
    try:
        with db.execute_wrapper(held.guard):
            yield
            held.send(defer=True)
    finally:
        db._fastsql_held = None  # type: ignore[attr-defined]


class Loader:
    """Instances of one model from a slice of a row: the columns of its concrete fields, converted
    as the ORM converts them (SQLite's text datetimes, integer booleans, decimals, JSON)."""

    def __init__(self, model: type[Model], alias: str) -> None:
        self.model, self.alias = model, alias
        self.fields = list(model._meta.concrete_fields)
        self.attnames = [f.attname for f in self.fields]
        self.width = len(self.fields)
        self._converters: dict[str, list[tuple[int, list[Callable[..., Any]], Any]]] = {}  # by vendor

    @property
    def columns(self) -> str:
        """The columns, in SQL built once (@cache). On SQLite each column is read through SQLite's no-op
        "+" (it gives its operand's value and type unchanged): as an expression it has no declared type.

        - Django opens SQLite with PARSE_DECLTYPES, so for every column that has one sqlite3 makes a
          string of the declared type, upper-cases it and looks it up among the converters, on every
          execute: about a hundred columns per completion, 3 % of its instructions under callgrind.
          Without a declared type it does none of that, and hands over SQLite's own value (an integer
          for a boolean, text for a date or a datetime), which the ORM's converters, applied in build()
          as the ORM applies them, turn into Python's (convert_booleanfield_value,
          convert_datefield_value, …).
        - A datetime's text is read by _sqlite_moment in one C call, instead of Django's registered
          converter (parse_datetime) and then make_aware (about 5 µs less per datetime read)."""
        prefix = "+" if connection.vendor == "sqlite" else ""
        return ", ".join(f"{prefix}{self.alias}.{_q(f.column)}" for f in self.fields)

    @cache  # noqa: B019  (one Loader per model and alias for the life of the process)
    def converters(self, vendor: str) -> list[tuple[int, list[Callable[..., Any]], Any]]:
        found = []
        for i, f in enumerate(self.fields):
            col = f.get_col(self.alias)
            funcs = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            if vendor == "sqlite" and type(f) is models.DateTimeField and len(funcs) == 1 \
                    and getattr(funcs[0], "__func__", None) is _sqlite_datetime_converter():
                funcs = [_sqlite_moment]
            if funcs:
                found.append((i, funcs, col))
        return found

    def build(self, db: BaseDatabaseWrapper, row: Sequence[Any], start: int = 0) -> Model:
        values = list(row[start:start + self.width])
        converters = self._converters.get(db.vendor)
        if converters is None:
            converters = self._converters[db.vendor] = self.converters(db.vendor)
        for i, funcs, col in converters:
            value = values[i]
            if value is not None:  # every converter gives None for None
                for func in funcs:
                    value = func(value, col, db)
                values[i] = value
        if _plain(self.model):
            # What Model.__init__ ends with for a full row, without its per-field descriptor work.
            obj = self.model.__new__(self.model)
            obj.__dict__.update(zip(self.attnames, values, strict=True))
            obj._state = ModelState()
        else:
            obj = self.model(*values)
        obj._state.adding, obj._state.db = False, db.alias
        return obj

    def plain(self) -> bool:
        return _plain(self.model)


def _sqlite_datetime_converter() -> Any:
    """Django's SQLite converter of datetimes (imported here: its module cannot be imported before the
    SQLite backend's, which only a SQLite connection loads)."""
    from django.db.backends.sqlite3.operations import DatabaseOperations

    return DatabaseOperations.convert_datetimefield_value


def _sqlite_moment(value: Any, expression: Any, db: BaseDatabaseWrapper) -> Any:
    """What Django's SQLite converter gives for a datetime column (its text read as an aware datetime in
    the connection's time zone), in one C call where that zone is UTC (Django's default): parsing the
    text with its offset appended, instead of parsing it and then replacing its tzinfo (datetime.replace's
    keyword parsing cost about as much as the parse itself, for each of a completion's datetimes)."""
    if type(value) is str and db.timezone is dt.UTC:  # a connection has a time zone only with USE_TZ
        try:
            return dt.datetime.fromisoformat(value + "+00:00")
        except ValueError:
            pass  # not the text Django writes: its converter says what it is
    return db.ops.convert_datetimefield_value(value, expression, db)


def _plain(model: type[Model]) -> bool:
    """Whether nothing hooks into the model's construction (pre_init/post_init receivers; usually no
    model has any, which two list reads tell)."""
    if not signals.pre_init.receivers and not signals.post_init.receivers:
        return True
    return not (signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model))


_CALL = object()


@cache
def _defaults(model: type[Model]) -> tuple[tuple[str, Any, Any], ...]:
    """(attname, field, default) of every concrete field, for new(): the default itself where
    field.get_default() gives the same value every time (a constant default, None, ""), else _CALL (a
    callable default or a database default: field.get_default() is called for each instance)."""
    found = []
    for f in model._meta.concrete_fields:
        constant = not (f.has_default() and callable(f.default)) and not f.has_db_default()
        found.append((f.attname, f, f.get_default() if constant else _CALL))
    return tuple(found)


def new(model: type[M], values: dict[str, Any], related: dict[str, Model] | None = None) -> M:
    """An unsaved instance: `values` by attname (case_id, not case), the other fields at their
    defaults, `related` objects put in place as if assigned. What model(**values) gives, without
    Model.__init__'s per-field work, unless something hooks into the model's construction."""
    if not _plain(model):
        obj = model(**values)
    else:
        obj = model.__new__(model)
        obj.__dict__.update({name: values[name] if name in values else field.get_default() if default is _CALL else default
                             for name, field, default in _defaults(model)})
        obj._state = ModelState()
    for name, other in (related or {}).items():
        attach(obj, name, other)
    return obj


def _table(model: type[Model]) -> str:
    return _q(model._meta.db_table)


TASK, CASE, OFFICE = Loader(Task, "t"), Loader(Case, "c"), Loader(Office, "o")
STEP, ACTOR, POSITION = Loader(Step, "s"), Loader(Actor, "a"), Loader(Position, "p")
# The step after the task's, loaded with it (complete_task opens it).
NEXT_STEP, NEXT_ACTOR, NEXT_POSITION = Loader(Step, "ns"), Loader(Actor, "na"), Loader(Position, "np")
RETURNS = Step.returns_to.through


def _agg(expression: str, order: str) -> str:
    """The values of `expression` joined with '|' in `order` (an aggregate both databases spell differently)."""
    if connection.vendor == "postgresql":
        return f"string_agg(({expression})::text, '|' ORDER BY {order})"
    return f"group_concat({expression}, '|')"


def _stamp_sql(vendor: str, office: str) -> str:
    """An expression of the office's hours and special days (all their columns that the calendar reads),
    which changes whenever they change; WorkCalendar.for_office reuses the calendar built for a stamp."""
    hour_text = "h.weekday || ',' || h.opens_at || ',' || h.closes_at"
    day_text = "d.date || ',' || d.kind || ',' || d.reason"
    hours_from = f"{_table(OfficeHours)} h WHERE h.office_id = {office}.id"
    days_from = f"{_table(SpecialDay)} d WHERE d.office_id = {office}.id"
    if vendor != "postgresql":
        # group_concat keeps the order of its input; the subquery gives it one.
        hours_from = f"(SELECT * FROM {hours_from} ORDER BY h.weekday) h"
        days_from = f"(SELECT * FROM {days_from} ORDER BY d.date) d"
    return (f"COALESCE((SELECT {_agg(hour_text, 'h.weekday')} FROM {hours_from}), '') || '#' || "
            f"COALESCE((SELECT {_agg(day_text, 'd.date')} FROM {days_from}), '')")


@cache
def _load_sql(vendor: str, lock: bool, reserve: bool = False) -> str:
    event, step = _table(Event), _table(Step)
    if vendor == "postgresql":
        day = "to_char({}, 'YYYY-MM-DD')"
    else:
        day = "{}"
    assignment_text = (f"a.person_id || ',' || a.kind || ',' || {day.format('a.starts_on')} || ',' || "
                       f"COALESCE({day.format('a.ends_on')}, '')")
    return (
        f"SELECT {TASK.columns}, {CASE.columns}, {OFFICE.columns}, {STEP.columns}, {POSITION.columns}, "
        f"{NEXT_STEP.columns}, {NEXT_ACTOR.columns}, {NEXT_POSITION.columns}, "
        f"(SELECT COUNT(*) FROM {_table(Task)} x WHERE x.case_id = t.case_id AND x.step_id = ns.id), "
        f"(SELECT e.seq FROM {event} e WHERE e.case_id = t.case_id ORDER BY e.seq DESC LIMIT 1), "
        f"(SELECT e.hash FROM {event} e WHERE e.case_id = t.case_id ORDER BY e.seq DESC LIMIT 1), "
        f"EXISTS (SELECT 1 FROM {_table(RETURNS)} r WHERE r.from_step_id = t.step_id), "
        f"{_stamp_sql(vendor, 'o')}, "
        f"(SELECT {_agg(assignment_text, 'a.id')} FROM {_table(Assignment)} a WHERE a.position_id = t.position_id "
        f"AND a.starts_on <= %(last)s AND (a.ends_on IS NULL OR a.ends_on >= %(first)s)), "
        f"(SELECT {_agg(assignment_text, 'a.id')} FROM {_table(Assignment)} a WHERE a.position_id = np.id "
        f"AND a.starts_on <= %(last)s AND (a.ends_on IS NULL OR a.ends_on >= %(first)s)), "
        f"(SELECT COUNT(*) FROM {_table(DivisionRequest)} r WHERE r.task_id = t.id AND r.answered_at IS NULL)"
        + (f", {_next_id(Task)} " if reserve else " ")
        + f"FROM {_table(Task)} t JOIN {_table(Case)} c ON c.id = t.case_id JOIN {_table(Office)} o ON o.id = c.office_id "
        f"JOIN {step} s ON s.id = t.step_id JOIN {_table(Position)} p ON p.id = t.position_id "
        f"LEFT JOIN {step} ns ON ns.id = (SELECT n.id FROM {step} n WHERE n.version_id = s.version_id "
        f"AND n.number > s.number ORDER BY n.number LIMIT 1) "
        f"LEFT JOIN {_table(Actor)} na ON na.id = ns.actor_id LEFT JOIN {_table(Position)} np ON np.id = na.position_id "
        f"WHERE t.id = %(task)s" + (" FOR UPDATE OF t" if lock else ""))


@cache
def _office_stamp_sql(vendor: str) -> str:
    return f"SELECT o.time_zone, {_stamp_sql(vendor, 'o')} FROM {_table(Office)} o WHERE o.id = %s"


def calendar_stamp(office_id: int) -> str:
    """The office calendar's stamp (as load_task reads it), on its own: one small query."""
    db = _db()
    with _cursor(db) as cursor:
        cursor.execute(_office_stamp_sql(db.vendor), [office_id])
        row = cursor.fetchone()
    return f"{row[0]}#{row[1]}" if row else ""


@cache
def _lock_sql() -> str:
    return (f"SELECT c.id FROM {_table(Case)} c JOIN {_table(Task)} t ON t.case_id = c.id "
            f"WHERE t.id = %s FOR UPDATE OF c")


class Loaded:
    """What load_task read besides the task: the end of the case's audit chain ((seq, hash), or None
    for a case without events), whether the step checks earlier work, the office calendar's stamp, the
    step after the task's (with actor, position and `earlier`; None after the last step), the
    assignments of the task's position around the day (person id, kind, starts on, ends on) for
    access.can_act, the id reserved for the task the action opens (PostgreSQL, `reserve`; else None),
    the assignments of the next step's position around the day (None without a next step), for the
    holder of the task it opens, and how many of the task's division requests are unanswered."""

    __slots__ = ("last_event", "step_checks", "stamp", "next_step", "assignments", "task_id", "next_assignments",
                 "unanswered")

    def __init__(self, last_event: tuple[int, str] | None, step_checks: bool, stamp: str, next_step: Step | None,
                 assignments: list[tuple[int, str, dt.date, dt.date | None]], task_id: int | None = None,
                 next_assignments: list[tuple[int, str, dt.date, dt.date | None]] | None = None,
                 unanswered: int = 0) -> None:
        self.last_event, self.step_checks, self.stamp, self.next_step = last_event, step_checks, stamp, next_step
        self.assignments, self.task_id = assignments, task_id
        self.next_assignments, self.unanswered = next_assignments, unanswered


def _assignments(text: str | None) -> list[tuple[int, str, dt.date, dt.date | None]]:
    found = []
    for item in (text or "").split("|"):
        if item:
            pk, kind, starts, ends = item.split(",")
            found.append((int(pk), kind, dt.date.fromisoformat(starts), dt.date.fromisoformat(ends) if ends else None))
    return found


def load_task(task_id: int, *, lock: bool, at: dt.datetime, reserve: bool = False) -> tuple[Task, Loaded] | None:
    """The task with its case, office, step and position attached, and what else an action on it reads
    (Loaded), in one statement; None when there is no such task. The assignments are those in force on
    any day the office can have at `at` (the UTC date ± 1: time zones are within 14 hours of UTC).

    `lock` (databases with SELECT … FOR UPDATE): lock the case row first, then read the task locked (FOR
    UPDATE OF t) in a second statement, so that its snapshot is taken once the case lock is ours (READ
    COMMITTED: one snapshot per statement). Both go in one round trip (psycopg's pipeline mode, with the BEGIN): the
    server runs the second once the first has its lock. `reserve` (PostgreSQL): also take the next id
    of the task sequence, for the task the action opens, so its insert needs no answer before the
    events that name it are written (insert of rows with their id set)."""
    db = _db()
    day = at.astimezone(dt.UTC).date()
    first = db.ops.adapt_datefield_value(day - dt.timedelta(days=1))
    last = db.ops.adapt_datefield_value(day + dt.timedelta(days=1))
    # Named parameters: Django's SQLite cursor turns positional %s into ? with a regular expression,
    # which on this 2 KB statement took longer (18 µs) than SQLite took to run it; named ones are a
    # plain % substitution.
    params = {"task": task_id, "first": first, "last": last}
    reserve = reserve and db.vendor == "postgresql"
    if lock and db.features.has_select_for_update:
        locker, loader = _cursor(db), _cursor(db)
        with db.wrap_database_errors, _pipeline(db):
            locker.execute(_lock_sql(), [task_id])
            loader.execute(_load_sql(db.vendor, True, reserve), params)
        try:
            row = loader.fetchone() if locker.fetchone() is not None else None
        finally:
            locker.close()
            loader.close()
    else:
        with _cursor(db) as cursor:
            cursor.execute(_load_sql(db.vendor, False, reserve), params)
            row = cursor.fetchone()
    if row is None:
        return None
    task = TASK.build(db, row)
    at = TASK.width
    case = CASE.build(db, row, at)
    at += CASE.width
    office = OFFICE.build(db, row, at)
    at += OFFICE.width
    step = STEP.build(db, row, at)
    at += STEP.width
    position = POSITION.build(db, row, at)
    at += POSITION.width
    attach(case, "office", office)
    attach(task, "case", case)
    attach(task, "step", step)
    attach(task, "position", position)
    following = None
    if row[at] is not None:
        following = _step(db, row, at, (NEXT_STEP, NEXT_ACTOR, NEXT_POSITION))
    at += NEXT_STEP.width + NEXT_ACTOR.width + NEXT_POSITION.width + 1
    seq, last_hash, checks, stamp, assignments, next_assignments, unanswered = row[at:at + 7]
    return task, Loaded((seq, last_hash) if seq else None, bool(checks), f"{office.time_zone}#{stamp}", following,
                        _assignments(assignments), row[at + 7] if reserve else None,
                        _assignments(next_assignments) if following is not None else None, unanswered)


def attach(obj: Model, name: str, related: Model | None) -> None:
    """Put an already loaded related object in place (what select_related does)."""
    obj._meta.get_field(name).set_cached_value(obj, related)  # type: ignore[union-attr]


@cache
def _step_rows_sql(where: str, order: str, limit: str = "LIMIT 1") -> str:
    return (f"SELECT {STEP.columns}, {ACTOR.columns}, {POSITION.columns}, "
            f"(SELECT COUNT(*) FROM {_table(Task)} x WHERE x.case_id = %s AND x.step_id = s.id) "
            f"FROM {_table(Step)} s JOIN {_table(Actor)} a ON a.id = s.actor_id "
            f"LEFT JOIN {_table(Position)} p ON p.id = a.position_id WHERE {where} ORDER BY {order} {limit}")


def _step(db: BaseDatabaseWrapper, row: Sequence[Any], start: int = 0,
          loaders: tuple[Loader, Loader, Loader] = (STEP, ACTOR, POSITION)) -> Step:
    """A step, its actor and the actor's position (or None), then `earlier`, from `start` in the row."""
    steps, actors, positions = loaders
    step = steps.build(db, row, start)
    at = start + steps.width
    actor = actors.build(db, row, at)
    at += actors.width
    position = positions.build(db, row, at) if row[at] is not None else None
    attach(actor, "position", position)
    attach(step, "actor", actor)
    step.earlier = row[at + positions.width]  # type: ignore[attr-defined]
    return step


def _one_step(sql: str, params: list[Any]) -> Step | None:
    db = _db()
    with _cursor(db) as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else _step(db, row)


def version_steps(version_id: int) -> list[Step]:
    """Every step of the version in order, with actor and position (`earlier` is 0: no case yet)."""
    db = _db()
    with _cursor(db) as cursor:
        cursor.execute(_step_rows_sql("s.version_id = %s", "s.number", ""), [None, version_id])
        return [_step(db, row) for row in cursor.fetchall()]


SOP, VERSION = Loader(Sop, "sp"), Loader(SopVersion, "v")


def _next_id(model: type[Model]) -> str:
    """PostgreSQL: the next value of the model's id sequence."""
    return f"nextval(pg_get_serial_sequence('{model._meta.db_table}', '{model._meta.pk.column}'))"


@cache
def _version_sql(vendor: str, reserve: bool = False) -> str:
    return (f"SELECT {VERSION.columns}, {SOP.columns}, {OFFICE.columns}, {_stamp_sql(vendor, 'o')}"
            + (f", {_next_id(Case)}, {_next_id(Task)} " if reserve else " ")
            + f"FROM {_table(SopVersion)} v JOIN {_table(Sop)} sp ON sp.id = v.sop_id "
            f"JOIN {_table(Office)} o ON o.id = sp.office_id WHERE v.id = %s")


# The high half of the key of PostgreSQL's advisory lock held while a case of an SOP starts ("kn" and 1:
# arbitrary, fixed).
_START_LOCK = 0x6B6E0001


@cache
def _start_lock_sql() -> str:
    # One bigint key: the constant in the high half, the SOP's id in the low (ids past 2**32 share keys
    # with smaller ones, which only makes two unrelated starts wait one for the other).
    return (f"SELECT pg_advisory_xact_lock(({_START_LOCK}::bigint << 32) | "
            f"((SELECT sop_id FROM {_table(SopVersion)} WHERE id = %s) & 4294967295))")


@cache
def _open_cases_sql(vendor: str) -> str:
    # Through the office's open cases (the index on office and status), then those of the version's SOP.
    return (f"SELECT c.id, c.title, c.period, c.unit_id, c.person_id FROM {_table(Case)} c "
            f"JOIN {_table(SopVersion)} cv ON cv.id = c.sop_version_id "
            f"WHERE c.office_id = (SELECT sp.office_id FROM {_table(Sop)} sp JOIN {_table(SopVersion)} v "
            f"ON v.sop_id = sp.id WHERE v.id = %s) AND c.status = %s AND c.period <> '' "
            f"AND cv.sop_id = (SELECT sop_id FROM {_table(SopVersion)} WHERE id = %s) ORDER BY c.id")


class OpenCase:
    """An open case of the same SOP (any version) that names a period: what start_case compares a new
    case's period with."""

    __slots__ = ("id", "title", "period", "unit_id", "person_id")

    def __init__(self, id: int, title: str, period: str, unit_id: int | None, person_id: int | None) -> None:
        self.id, self.title, self.period, self.unit_id, self.person_id = id, title, period, unit_id, person_id


class Version:
    """What start_case reads: the SOP version with its SOP and office attached, the office calendar's
    stamp, its steps in order (with actor, position; `earlier` 0), the open cases of its SOP that name a
    period (OpenCase) and, on PostgreSQL, the ids reserved for the case and its first task (else None)."""

    __slots__ = ("version", "stamp", "steps", "case_id", "task_id", "open_cases")

    def __init__(self, version: SopVersion, stamp: str, steps: list[Step], case_id: int | None,
                 task_id: int | None, open_cases: list[OpenCase]) -> None:
        self.version, self.stamp, self.steps, self.case_id, self.task_id = version, stamp, steps, case_id, task_id
        self.open_cases = open_cases


def load_version(version_id: int) -> Version | None:
    """The version with what start_case needs (Version), or None. Three statements, one round trip on
    PostgreSQL (pipelined with the BEGIN), where a fourth first takes the SOP's start lock (an advisory
    lock held to the end of the transaction): two cases of one period starting at the same moment then
    come one after the other, and the second sees the first among the open cases (each statement of a
    READ COMMITTED transaction sees what was committed before it began, the lock's wait included). On
    SQLite the transaction itself is begun IMMEDIATE (settings.py): one writer at a time from its start."""
    db = _db()
    postgres = db.vendor == "postgresql"
    with ExitStack() as cursors:
        first, second, third = (cursors.enter_context(_cursor(db)) for _ in range(3))
        lock = cursors.enter_context(_cursor(db)) if postgres else None
        with db.wrap_database_errors, _pipeline(db):
            first.execute(_version_sql(db.vendor, postgres), [version_id])
            second.execute(_step_rows_sql("s.version_id = %s", "s.number", ""), [None, version_id])
            if lock is not None:
                lock.execute(_start_lock_sql(), [version_id])
            third.execute(_open_cases_sql(db.vendor), [version_id, Case.Status.OPEN.value, version_id])
        row, step_rows = first.fetchone(), second.fetchall()
        open_cases = [OpenCase(*r) for r in third.fetchall()]
    if row is None:
        return None
    version = VERSION.build(db, row)
    sop = SOP.build(db, row, VERSION.width)
    office = OFFICE.build(db, row, VERSION.width + SOP.width)
    attach(sop, "office", office)
    attach(version, "sop", sop)
    at = VERSION.width + SOP.width + OFFICE.width
    case_id, task_id = (row[at + 1], row[at + 2]) if postgres else (None, None)
    return Version(version, f"{office.time_zone}#{row[at]}", [_step(db, r) for r in step_rows], case_id, task_id,
                   open_cases)


def return_target(case_id: int, step_id: int) -> Step | None:
    """The step `step_id` sends work back to (the latest one when the SOP gives several), with its
    actor, position and `earlier` (the case's tasks for it)."""
    where = f"s.id IN (SELECT r.to_step_id FROM {_table(RETURNS)} r WHERE r.from_step_id = %s)"
    return _one_step(_step_rows_sql(where, "s.number DESC"), [case_id, step_id])


def last_doer_person(case_id: int, step_id: int) -> int | None:
    """The person who completed the case's latest done task of the step (by done_at), if any."""
    from kinerja.org.models import Person

    with _cursor(_db()) as cursor:
        cursor.execute(f"SELECT p.id FROM {_table(Task)} t JOIN {_table(Person)} p ON p.user_id = t.done_by_id "
                       f"WHERE t.case_id = %s AND t.step_id = %s AND t.status = %s ORDER BY t.done_at DESC LIMIT 1",
                       [case_id, step_id, Task.Status.DONE.value])
        row = cursor.fetchone()
    return row[0] if row else None


@cache
def _unanswered_sql(vendor: str) -> str:
    return (f"SELECT u.name FROM {_table(DivisionRequest)} r JOIN {_table(Unit)} u ON u.id = r.division_id "
            f"WHERE r.task_id = %s AND r.answered_at IS NULL ORDER BY u.id")


def unanswered_divisions(task_id: int) -> list[str]:
    """The names of the divisions whose request for the task is not answered yet."""
    db = _db()
    with _cursor(db) as cursor:
        cursor.execute(_unanswered_sql(db.vendor), [task_id])
        return [name for (name,) in cursor.fetchall()]


@cache
def _holders_sql(vendor: str) -> str:
    return (f"SELECT person_id, kind FROM {_table(Assignment)} WHERE position_id = %s AND starts_on <= %s "
            f"AND (ends_on IS NULL OR ends_on >= %s)")


def holder_rows(position_id: int, day: dt.date) -> list[tuple[int, str]]:
    """(person id, kind) of the position's assignments in force on `day` (Assignment.active_on)."""
    db = _db()
    value = db.ops.adapt_datefield_value(day)
    with _cursor(db, independent=True) as cursor:  # assignments: never written here
        cursor.execute(_holders_sql(db.vendor), [position_id, value, value])
        return cursor.fetchall()


# Field classes whose get_db_prep_save gives a value of the type below back unchanged (to_python and
# get_prep_value return a str for a str, an int for an int, a bool for a bool), and whose pre_save
# only reads the attribute; the other fields take the full path.
_UNSET = object()
_AS_IS = {models.CharField: str, models.TextField: str, models.PositiveIntegerField: int,
          models.PositiveSmallIntegerField: int, models.IntegerField: int, models.BigIntegerField: int,
          models.BooleanField: bool}


def _writer(field: Any) -> Callable[[Model, BaseDatabaseWrapper, bool], Any]:
    """How to get the database value of `field` for a row being written: field.get_db_prep_save of
    field.pre_save, with a short cut for the common plain values, checked each time by their type."""
    attname = field.attname
    plain = _AS_IS.get(type(field))
    if field.is_relation and field.many_to_one:
        target = field.target_field
        plain = int if isinstance(target, (models.AutoField, models.BigAutoField)) else None
    if plain is str:
        def write_text(obj: Model, db: BaseDatabaseWrapper, add: bool) -> str | None:
            value = getattr(obj, attname)
            if value is None or type(value) is str:
                return value
            if isinstance(value, str):
                # A TextChoices member (a status, a kind): to_python keeps a str as it is, so Django sends
                # the member, which sqlite3 then tries to adapt (two attribute lookups that fail, each
                # with its formatted error) before binding its text. The same text as a plain str.
                return str.__str__(value)
            return field.get_db_prep_save(field.pre_save(obj, add), db)  # type: ignore[no-any-return]
        return write_text
    if plain is int and field.is_relation:
        def write_key(obj: Model, db: BaseDatabaseWrapper, add: bool) -> Any:
            # A foreign key's attname (case_id) is a data descriptor in Django (it has a __set__), so
            # reading it through the instance runs its __get__ in Python; the instance's dict holds it.
            value = obj.__dict__.get(attname, _UNSET)
            if value is _UNSET:
                value = getattr(obj, attname)
            if value is None or type(value) is int:
                return value
            return field.get_db_prep_save(field.pre_save(obj, add), db)
        return write_key
    if plain is not None:
        def write(obj: Model, db: BaseDatabaseWrapper, add: bool) -> Any:
            value = getattr(obj, attname)
            if value is None or type(value) is plain:
                return value
            return field.get_db_prep_save(field.pre_save(obj, add), db)
        return write
    if type(field) is models.DateTimeField and not (field.auto_now or field.auto_now_add):
        def write_moment(obj: Model, db: BaseDatabaseWrapper, add: bool) -> Any:
            return moment_value(field, getattr(obj, attname), db)
        return write_moment
    if type(field) is models.JSONField and field.encoder is None:
        def write_json(obj: Model, db: BaseDatabaseWrapper, add: bool) -> Any:
            value = getattr(obj, attname)
            known = obj.__dict__.get("_encoded_json", {}).get(attname)
            if known is not None and known[0] is value and db.vendor == "sqlite":
                return known[1]
            return field.get_db_prep_save(field.pre_save(obj, add), db)
        return write_json
    return lambda obj, db, add: field.get_db_prep_save(field.pre_save(obj, add), db)


def encoded(obj: Model, attname: str, text: str) -> None:
    """Remember `text` as the JSON of the value `obj.<attname>` holds now (encoded by the caller, e.g. for
    the audit hash), for insert() and update() to write on SQLite instead of encoding it again, as long
    as the field still holds that same value (another value assigned since is encoded as Django
    encodes it; the caller does not change the value in place after encoding it: an event's data is
    never changed). SQLite keeps JSON as text, and any JSON text of the value reads back as the value;
    PostgreSQL's jsonb is written by Django's adapter as before."""
    obj.__dict__.setdefault("_encoded_json", {})[attname] = (getattr(obj, attname), text)


def moment_value(field: Any, value: dt.datetime | None, db: BaseDatabaseWrapper) -> Any:
    """field.get_db_prep_save(value, db) for a DateTimeField, with short cuts for an aware value."""
    if value is None:
        return None
    if value.tzinfo is not None:  # get_prep_value keeps an aware datetime as it is
        if db.vendor == "sqlite":
            # adapt_datetimefield_value's result (naive in the connection's time zone, as text), without
            # its checks and its settings lookup per value; in UTC (Django's default, and a connection
            # has a time zone only with USE_TZ) the text of _utc_text.
            if db.timezone is dt.UTC:
                return _utc_text(value)
            if settings.USE_TZ:
                return str(value.astimezone(db.timezone).replace(tzinfo=None))
        return db.ops.adapt_datetimefield_value(value)
    return field.get_db_prep_save(value, db)


_UTC_TEXTS: tuple[Any, ...] = (None, "", None, "")


def _utc_text(value: dt.datetime) -> str:
    """An aware datetime as SQLite's text in UTC (Django's, naive): the offset "+00:00" cut from
    isoformat's text rather than a replace(tzinfo=None) first. The last two are remembered by identity:
    an action writes its moment into several rows (the task done, the next one opened, the events), and
    formatting one cost 3–4 µs (isoformat's keyword parsing, format string and offset), measured under
    callgrind. Datetimes are immutable and the tuple holds them, so `is` cannot match another value."""
    global _UTC_TEXTS
    texts = _UTC_TEXTS
    if texts[0] is value:
        return texts[1]  # type: ignore[no-any-return]
    if texts[2] is value:
        return texts[3]  # type: ignore[no-any-return]
    text = value.astimezone(dt.UTC).isoformat(" ")[:-6]
    _UTC_TEXTS = (value, text, texts[0], texts[1])
    return text


@cache
def _insert_sql(model: type[Model], rows: int, with_pk: bool = False) -> tuple[str, list[Callable[..., Any]], list[str]]:
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    # Named parameters (p0, p1, …), as in load_task: a plain % substitution in Django's SQLite cursor.
    values = ", ".join("(" + ", ".join(f"%(p{r * len(fields) + i})s" for i in range(len(fields))) + ")"
                       for r in range(rows))
    sql = (f"INSERT INTO {_table(model)} ({', '.join(_q(f.column) for f in fields)}) VALUES {values} "
           f"RETURNING {_q(model._meta.pk.column)}")
    return sql, [_writer(f) for f in fields], [f"p{i}" for i in range(rows * len(fields))]


@cache
def _without_returning(sql: str) -> str:
    return sql[:sql.rindex(" RETURNING ")]


@cache
def _rowid_keys(model: type[Model]) -> bool:
    """Whether the model's key is the rowid on SQLite (an automatic integer key)."""
    return isinstance(model._meta.pk, models.AutoField | models.BigAutoField | models.SmallAutoField)


def insert(objs: Sequence[M], *, keys_later: bool = False) -> None:
    """INSERT the new instances (all of one model) in one statement and set their primary keys (given
    ones are written as they are: all the instances have one, or none). Inside combined_writes() the
    insert is held when the keys are given or `keys_later` (the caller does not need them before the
    writes are sent): the keys are set when it is sent, at the end of the block, or with kinerja's
    PostgreSQL backend with the next statement or the COMMIT (so by the end of the action either way)."""
    if not objs:
        return
    model = type(objs[0])
    sql, writers, names = _insert_sql(model, len(objs), objs[0].pk is not None)
    db = _db()
    values = [write(obj, db, True) for obj in objs for write in writers]

    def then(keys: list[Any]) -> None:
        for obj, pk in zip(objs, keys, strict=True):
            obj.pk = pk
            obj._state.adding, obj._state.db = False, db.alias

    held = _held(db)
    if held is not None and (keys_later or objs[0].pk is not None):
        held.add(sql, dict(zip(names, values, strict=True)), _q(model._meta.pk.column), then)
        return
    if db.vendor == "sqlite" and (objs[0].pk is not None or _rowid_keys(model)):
        # No RETURNING: SQLite collects a RETURNING statement's rows in a temporary b-tree (a page
        # allocated and cleared per insert, about 1 % of a completion under callgrind). The rows of one
        # INSERT take consecutive rowids, each one more than the largest the table has had (rowid
        # tables; AUTOINCREMENT is what Django creates), and no other writer runs while SQLite's write
        # lock is held, so the keys are the last one and those before it.
        with _write_cursor(db) as cursor:
            _execute_in_order(cursor, _without_returning(sql), names, values)
            last = cursor.lastrowid
        then([obj.pk for obj in objs] if objs[0].pk is not None else list(range(last - len(objs) + 1, last + 1)))
        return
    with _cursor(db) as cursor:
        cursor.execute(sql, dict(zip(names, values, strict=True)))
        keys = cursor.fetchall()
    then([pk for (pk,) in keys])


def _execute_in_order(cursor: Any, sql: str, names: list[str], values: list[Any]) -> None:
    """Run insert's or update's statement: with the values as they are on the sqlite3 cursor itself,
    as the named parameters they are on any other (Django's, which logs them)."""
    if type(cursor) is _Raw:
        cursor.execute_in_order(sql, values)
    else:
        cursor.execute(sql, dict(zip(names, values, strict=True)))


@cache
def _update_sql(model: type[Model], names: tuple[str, ...]) -> tuple[str, list[Callable[..., Any]], list[str]]:
    fields = [model._meta.get_field(name) for name in names]
    sets = ", ".join(f"{_q(f.column)} = %(u{i})s" for i, f in enumerate(fields))  # type: ignore[union-attr]
    return (f"UPDATE {_table(model)} SET {sets} WHERE {_q(model._meta.pk.column)} = %(pk)s",
            [_writer(f) for f in fields], [f"u{i}" for i in range(len(fields))])


def update(obj: Model, names: Sequence[str]) -> None:
    """UPDATE the instance's row with the current values of the fields named (as update_fields names
    them); held inside combined_writes()."""
    model = type(obj)
    sql, writers, keys = _update_sql(model, tuple(names))
    db = _db()
    values = [write(obj, db, False) for write in writers]
    values.append(obj.pk)
    held = _held(db)
    if held is not None:
        held.add(sql, dict(zip([*keys, "pk"], values, strict=True)), None, None, (model._meta.db_table, obj.pk))
        return
    with _write_cursor(db) as cursor:
        _execute_in_order(cursor, sql, [*keys, "pk"], values)


@cache
def _notify_sql(vendor: str, by_position: bool) -> str:
    """INSERT … SELECT of a notification for each user of the people who get a new task: its assignee,
    or (nobody assigned) the holders of its position on the day, the acting ones where there are any
    (access.holder_id_list), never the person who acted (who knows)."""
    active = ("{a}.position_id = %(position)s AND {a}.starts_on <= %(day)s "
              "AND ({a}.ends_on IS NULL OR {a}.ends_on >= %(day)s)")
    acting = ", ".join(f"'{k.value}'" for k in Assignment.ACTING_KINDS)
    if by_position:
        who = (f"SELECT a.person_id FROM {_table(Assignment)} a WHERE {active.format(a='a')} "
               f"AND (a.kind IN ({acting}) OR NOT EXISTS (SELECT 1 FROM {_table(Assignment)} b "
               f"WHERE {active.format(a='b')} AND b.kind IN ({acting})))")
    else:
        who = "%(person)s"
    columns = ", ".join(_q(Notification._meta.get_field(f).column)
                        for f in ("user", "kind", "case", "task", "subject", "url", "created_at"))
    user, pk = _q(Person._meta.get_field("user").column), _q(Person._meta.pk.column)
    return (f"INSERT INTO {_table(Notification)} ({columns}) SELECT p.{user}, %(kind)s, %(case)s, %(task)s, '', '', "
            f"%(at)s FROM {_table(Person)} p WHERE p.{user} IS NOT NULL AND p.{user} <> %(actor)s AND p.{pk} IN ({who})")


def notify_new_task(task: Task, kind: str, *, actor_id: int | None, day: dt.date) -> None:
    """Notify whoever gets `task` (its assignee, else the holders of its position on `day`) but the user
    `actor_id` who opened it: one statement, held inside combined_writes() (no rows read back). The
    e-mail goes later, with the reminder run (notify.mail_new_work)."""
    db = _db()
    params: dict[str, Any] = {"kind": str.__str__(kind), "case": task.case_id, "task": task.pk, "actor": actor_id or 0,
                              "at": moment_value(Notification._meta.get_field("created_at"), task.opened_at, db)}
    if task.assignee_id is None:
        params["position"] = task.position_id
        params["day"] = db.ops.adapt_datefield_value(day)
    else:
        params["person"] = task.assignee_id
    sql = _notify_sql(db.vendor, task.assignee_id is None)
    held = _held(db)
    if held is not None:
        held.add(sql, params, None, None)
        return
    with _write_cursor(db) as cursor:
        cursor.execute(sql, params)
