"""kinerja's PostgreSQL backend: Django's own, except that a transaction's BEGIN travels with its first
statement and its COMMIT with its last writes, so a transaction costs two round trips fewer.

Why a backend of our own (issue 5, Benchmark): with psycopg 3 outside autocommit, the first statement
of a transaction makes psycopg send BEGIN on its own and wait for the answer (in pipeline mode too: it
syncs after the BEGIN), and Django's commit() sends COMMIT on its own after the last statement. On this
2-core machine every round trip to the server costs 50-100 µs of waiting and about 30 µs of the
client's CPU (the process sleeps and is woken), which was a third of a task completion. Neither psycopg
nor Django offers a setting for it, and no maintained Django backend does it, so it is written here, in
this one module, on psycopg's public interface only:

- psycopg is kept in autocommit mode. When Django opens a transaction (set_autocommit(False), what
  atomic() does), the BEGIN is not sent but *deferred*: queued on the connection. The next statement
  run on the connection sends what is queued first, in one pipeline with itself: one round trip.
- `defer(run, then)` lets the engine queue its own statements the same way (workflow/fastsql.py holds
  a completion's writes and defers them): they are sent before the next statement, or, when none
  comes, together with the COMMIT. `run` executes the statement on the cursor it is given (inside the
  pipeline); `then` gets that cursor once the answers are in, to read what the statement returned.
- commit(): what is queued, then COMMIT, in one pipeline. A transaction that ran no statement sends
  nothing at all, neither BEGIN nor COMMIT. rollback(): what is queued is dropped (it never reached the
  server); ROLLBACK is sent only when the transaction had begun there. A rollback to a savepoint drops
  the statements deferred since then (any statement run earlier, the SAVEPOINT itself included, sent
  the queue).
- A statement without parameters may hold several commands (migrations do), which pipeline mode
  refuses; the queue is sent before it on its own (one round trip more, as without this backend).
- An error in a deferred statement is raised by the statement or the commit that sent it, as Django's
  error (IntegrityError, …); atomic() then rolls back as for any other error, and nothing is saved.

Every statement still goes through Django's cursor wrappers (query logging, execute_wrappers) when it
is sent. The transaction semantics are PostgreSQL's and Django's own: the same statements in the same
order inside BEGIN … COMMIT, at the isolation level configured (READ COMMITTED by default).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from django.db.backends.postgresql import base
from django.db.backends.utils import debug_transaction

Run = Callable[[Any], Any]
Then = Callable[[Any], None]


def _begin_sql(connection: psycopg.Connection) -> str:
    """The BEGIN psycopg would send, with the connection's isolation level and access mode."""
    parts = ["BEGIN"]
    if connection.isolation_level is not None:
        parts.append("ISOLATION LEVEL " + psycopg.IsolationLevel(connection.isolation_level).name.replace("_", " "))
    if connection.read_only is not None:
        parts.append("READ ONLY" if connection.read_only else "READ WRITE")
    return " ".join(parts)


class _Begin:
    """The deferred BEGIN: a queue item of its own kind, so a commit or rollback knows whether the
    transaction has begun on the server (it has not while this is queued)."""

    def __init__(self, sql: str) -> None:
        self.sql = sql

    def __call__(self, cursor: Any) -> Any:
        cursor.execute(self.sql, prepare=False)
        return cursor


def _queue(connection: psycopg.Connection) -> list[tuple[Run, Then | None]]:
    return connection.kinerja_deferred  # type: ignore[attr-defined, no-any-return]


def _defer_begin(connection: psycopg.Connection) -> None:
    """Put the BEGIN of the next transaction first in the queue."""
    _queue(connection).insert(0, (_Begin(_begin_sql(connection)), None))


def _send(connection: psycopg.Connection, queue: list[tuple[Run, Then | None]]) -> list[tuple[Any, Then | None]]:
    """Execute the queued statements (the connection is in pipeline mode: nothing waits for an answer
    yet), emptying the queue first so none is sent twice."""
    items = list(queue)
    queue.clear()
    return [(run(psycopg.ClientCursor(connection)) if isinstance(run, _Begin) else run(connection), then)
            for run, then in items]


def _deliver(sent: list[tuple[Any, Then | None]]) -> None:
    for cursor, then in sent:
        if then is not None:
            then(cursor)


class _Deferring:
    """Cursor mixin: the statements deferred on the connection go first, in the same round trip."""

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        connection = self.connection  # type: ignore[attr-defined]
        queue = _queue(connection)
        if not queue:
            return super().execute(query, params, **kwargs)  # type: ignore[misc]
        if not params:
            # A statement without parameters may hold several commands (migrations, SET …; SET …),
            # which the pipeline's protocol refuses: the queue goes first, on its own.
            flush(connection)
            return super().execute(query, params, **kwargs)  # type: ignore[misc]
        if connection.pgconn.pipeline_status:  # inside a pipeline already: its end sends and waits
            sent = _send(connection, queue)
            super().execute(query, params, **kwargs)  # type: ignore[misc]
            connection.kinerja_sent.extend(sent)
            return self
        with connection.pipeline():
            sent = _send(connection, queue)
            super().execute(query, params, **kwargs)  # type: ignore[misc]
        _deliver(sent)
        return self

    def executemany(self, query: Any, params_seq: Any, **kwargs: Any) -> Any:
        flush(self.connection)  # type: ignore[attr-defined]
        return super().executemany(query, params_seq, **kwargs)  # type: ignore[misc]


def flush(connection: psycopg.Connection) -> None:
    """Send what is queued now, on its own (before a statement that cannot carry it: executemany, a
    server-side cursor's DECLARE)."""
    queue = _queue(connection)
    if queue:
        with connection.pipeline():
            sent = _send(connection, queue)
        _deliver(sent)


class Cursor(_Deferring, base.Cursor):
    pass


class ServerBindingCursor(_Deferring, base.ServerBindingCursor):
    pass


_FACTORIES = {base.Cursor: Cursor, base.ServerBindingCursor: ServerBindingCursor}


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        params["cursor_factory"] = _FACTORIES.get(params["cursor_factory"], params["cursor_factory"])
        return params

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        connection.kinerja_deferred = []
        connection.kinerja_sent = []
        return connection

    @contextmanager
    def pipeline(self) -> Iterator[None]:
        """psycopg's pipeline mode for statements of the caller's own (workflow/fastsql.py's load_task):
        they and what the queue held go in one round trip, and the queued statements get their answers
        when the block ends (none when it fails: the transaction is rolled back). Errors are Django's."""
        connection = self.connection
        try:
            with self.wrap_database_errors, connection.pipeline():
                yield
        except BaseException:
            connection.kinerja_sent.clear()
            raise
        sent, connection.kinerja_sent = connection.kinerja_sent, []
        _deliver(sent)

    def binding_cursor(self) -> ServerBindingCursor:
        """A server-side binding cursor (its statements can be prepared) that sends the queue first."""
        return ServerBindingCursor(self.connection)

    def defer(self, run: Run, then: Then | None = None) -> None:
        """Queue a statement: `run(connection)` executes it and returns its cursor, `then(cursor)` reads
        the answer. It is sent with the next statement or with the COMMIT (see the module docstring)."""
        self.ensure_connection()
        _queue(self.connection).append((run, then))

    def _begun(self) -> bool:
        """Whether the transaction has begun on the server (no BEGIN waits in the queue)."""
        queue = _queue(self.connection)
        return not (queue and isinstance(queue[0][0], _Begin))

    def _set_autocommit(self, autocommit: bool) -> None:
        connection = self.connection
        with self.wrap_database_errors:
            if not connection.autocommit:
                connection.autocommit = True  # psycopg never begins a transaction itself
        queue = _queue(connection)
        if autocommit:
            queue[:] = [item for item in queue if not isinstance(item[0], _Begin)]
        elif self._begun() and connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
            _defer_begin(connection)

    def _commit(self) -> None:
        connection = self.connection
        if connection is None:
            return
        queue = _queue(connection)
        with debug_transaction(self, "COMMIT"), self.wrap_database_errors:
            if queue and not self._begun() and len(queue) == 1:
                queue.clear()  # nothing ran: nothing to send
            elif queue:
                with connection.pipeline():
                    sent = _send(connection, queue)
                    psycopg.ClientCursor(connection).execute("COMMIT", prepare=False)
                _deliver(sent)
            else:
                connection.commit()
        if not self.get_autocommit():  # a transaction managed by hand goes on with a new one
            _defer_begin(connection)

    def _rollback(self) -> None:
        connection = self.connection
        if connection is None:
            return
        begun = self._begun()
        _queue(connection).clear()
        connection.kinerja_sent.clear()
        if begun:
            with debug_transaction(self, "ROLLBACK"), self.wrap_database_errors:
                connection.rollback()
        if not self.get_autocommit():
            _defer_begin(connection)

    def _savepoint_rollback(self, sid: str) -> None:
        _queue(self.connection).clear()  # deferred after the SAVEPOINT statement, which sent the queue
        super()._savepoint_rollback(sid)

    def _close(self) -> None:
        if self.connection is not None:
            _queue(self.connection).clear()
        super()._close()

    def create_cursor(self, name: str | None = None) -> Any:
        if name and self.connection is not None:
            flush(self.connection)  # the DECLARE of a server-side cursor must run inside the transaction
        return super().create_cursor(name)
